"""Statuses said sideways (stop 52): echoed words with a tag, mocked labels, litotes, a refusal after an aside.

Every sentence here was written for these tests (none is from a corpus). Each rule has sentences it must change and
lookalikes it must leave alone: plain denials, plain affirmations with "oh yes", "of course", "sure", real questions,
the speaker's own name for a thing, and quoted speech.
"""

from __future__ import annotations

import functools

import pytest

from qlr.code._nlp import pipeline


@functools.cache
def _matcher():
    import qlr
    from qlr.code._nlp import CodebookMatcher
    from qlr.code._rules import assertion_rules

    nlp = pipeline()
    book = qlr.read_codebook("coproduction")
    return nlp, CodebookMatcher(nlp, book, assertion_rules=assertion_rules(nlp, book))


def _statuses(text: str, code: str) -> set[str]:
    """The statuses the coproduction codebook's matches of ``code`` get in ``text``, as Study.apply reads a turn."""
    nlp, matcher = _matcher()
    return {m.assertion for m in matcher(nlp(text)) if m.code_id == code}


ECHOES = [
    # The matched words alone and a tag: the speaker takes the word up to question it; the answer says the status.
    ("Consulted, is it? The council sent us the rules after they'd started.", "power.consulted", {"question"}),
    ("Consulted, is it? No, never.", "power.consulted", {"negated"}),
    ("A real say, was it? Hardly.", "power.shared_decisions", {"negated"}),
    ("Oh, a real say, is it? They'd already decided before we got there.", "power.shared_decisions", {"question"}),
    ("Consulted, eh? They told us afterwards.", "power.consulted", {"question"}),
    # Lookalikes: a yes after the echo, a tag after a statement (with its subject, even someone's), a real question.
    ("Consulted, is it? Yes, every month.", "power.consulted", {"affirmed"}),
    ("We're consulted, aren't we?", "power.consulted", {"affirmed"}),
    ("We run it ourselves, don't we?", "power.co_leading", {"affirmed"}),
    ("Everyone votes, don't they?", "power.shared_decisions", {"affirmed"}),
    ("They consult us every month, is it?", "power.consulted", {"affirmed"}),
    ("Were we consulted about the rota? Yes, every time.", "power.consulted", {"affirmed"}),
    ("Oh yes, we're consulted every month.", "power.consulted", {"affirmed"}),
]

LABELS = [
    # Someone else's label for the thing, said to set it apart: their word, not the speaker's account.
    ("They call it shared decisions, but the manager decides.", "power.shared_decisions", {"other"}),
    ("Shared decisions, they call it. The manager decides everything.", "power.shared_decisions", {"other"}),
    ("The so-called shared decisions are made before we arrive.", "power.shared_decisions", {"other"}),
    ("We have shared decisions, quote unquote.", "power.shared_decisions", {"other"}),
    # The label only: the vote after it is the speaker's own ("shared decisions" other, "vote" affirmed).
    ("They call it shared decisions, and we get a vote on the biscuits.", "power.shared_decisions", {"other", "affirmed"}),
    # Lookalikes: the speaker's own name for it, a word looked for, what the sentence goes on to say past the label.
    ("We call it peer support, and it works.", "peer_networks.peer_support", {"affirmed"}),
    ("Peer support, we call it.", "peer_networks.peer_support", {"affirmed"}),
    ("I'm on the, what do they call it, the steering group, and we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("They call it co-production because we sit on the board.", "power.co_designing", {"affirmed"}),
    ("Of course we decide together, it's our group.", "power.shared_decisions", {"affirmed"}),
]

LITOTES = [
    # A denial of a denial: the thing is so.
    ("It's not like they don't consult us.", "power.consulted", {"affirmed"}),
    ("It's not as if they don't consult us.", "power.consulted", {"affirmed"}),
    ("It's not that she doesn't consult us.", "power.consulted", {"affirmed"}),
    ("It isn't as if they never consult us.", "power.consulted", {"affirmed"}),
    # Lookalikes: one denial still denies.
    ("It's not like they consult us.", "power.consulted", {"negated"}),
    ("They don't consult us.", "power.consulted", {"negated"}),
    ("Sure, they consult us every month.", "power.consulted", {"affirmed"}),
]

# The same reading by the bundled rules alone, on the words of the match (as tests/test_said_after.py judges): one
# reading, not a list of pronouns and verbs (review of stop 52, where 186 rows missed these).
LITOTES_WORDS = [
    ("It's not like the council doesn't consult us.", "consult us", "affirmed"),
    ("It's not like staff don't ask us.", "ask us", "affirmed"),
    ("It's not like they've never asked us.", "asked us", "affirmed"),
    ("It's not like they really don't consult us.", "consult us", "affirmed"),
    ("It's not as if nobody asks us.", "asks us", "affirmed"),
    ("It's not as if we aren't consulted.", "consulted", "affirmed"),
    ("It isn't like they'd never asked us.", "asked us", "affirmed"),  # "'d" here is "had"
    ("It's not like we don't have a say — we do.", "have a say", "affirmed"),
    ("It's not like I don't have a hand in it.", "have a hand in it", "affirmed"),
    # Denying "can't" or "won't" says they could or would, not that they do: the denial stands.
    ("It's not as if we can't decide the menu ourselves, they just won't let us.", "decide the menu ourselves", "negated"),
    ("It's not that they can't consult us, they just don't bother.", "consult us", "negated"),
    ("It's not like I can't run the rota, I just won't.", "run the rota", "negated"),
    ("It's not like they won't listen.", "listen", "negated"),
    # A further denial after it: the speaker goes on denying ("don't even").
    ("It's not that they don't consult us, they don't even tell us what's happening.", "consult us", "negated"),
    ("It's not that they don't consult us, it's that they don't listen.", "consult us", "affirmed"),  # "it's that": a contrast
    # Lookalikes: one denial; a clause break between the two denials; "that" of another verb's clause.
    ("It's not like they just tell us.", "tell us", "negated"),
    ("It's not fair, they don't consult us.", "consult us", "negated"),
    ("It's not that I mind, they don't consult us.", "consult us", "negated"),
    # The first denial of another verb ("don't like"): no litotes.
    ("I don't like that they don't consult us.", "consult us", "negated"),
    ("We don't like it that they never ask us.", "ask us", "negated"),
    ("Not that they don't consult us, mind.", "consult us", "affirmed"),
]

REFUSALS = [
    # An offer, an aside, then "I passed": declined.
    (
        "They wanted me on the steering group, with a vote. I was like, babe, I can't even pick a detergent. I passed.",
        "power.shared_decisions",
        {"declined"},
    ),
    ("They wanted me on the steering group, with a vote. I thought about it for a week. I passed.", "power.shared_decisions", {"declined"}),
    ("They wanted me on the steering group, with a vote. I thought about it. So I passed on it.", "power.shared_decisions", {"declined"}),
    # Lookalikes: said yes first, passed something, no subject (a result), no offer.
    ("They wanted me on the steering group, with a vote. I did the training first. I passed.", "power.shared_decisions", {"affirmed"}),
    ("They wanted me on the steering group, with a vote. I thought about it. I passed my driving test.", "power.shared_decisions", {"affirmed"}),
    ("They wanted me on the steering group, with a vote. It was a busy month. Passed.", "power.shared_decisions", {"affirmed"}),
    ("We vote on everything. It was hard. I passed.", "power.shared_decisions", {"affirmed"}),
]


DEFLECTIONS = [
    # An offer handed to others in words of deflection, in the next two sentences: declined.
    ("They asked me to chair the group. Let the young ones have a go.", "facilitation.catalyst", {"declined"}),
    ("They asked me to chair the group. Leave it to the young ones, I said.", "facilitation.catalyst", {"declined"}),
    ("They asked me to chair the group. I told them to keep it for the young ones.", "facilitation.catalyst", {"declined"}),
    ("They asked me to chair the group. I'd rather let someone else have a go.", "facilitation.catalyst", {"declined"}),
    # Lookalikes: taken on by the speaker ("leave it to us"), asked for, something else given a go, said yes first, no offer.
    ("They asked me to chair the group. Leave it to us, I said.", "facilitation.catalyst", {"affirmed"}),
    ("They asked me to chair the group. We let the young ones have a go at the stall.", "facilitation.catalyst", {"affirmed"}),
    ("They asked me to chair the group. I said yes. Let the young ones have a go at the teas.", "facilitation.catalyst", {"affirmed"}),
    ("We vote on everything. Leave it to the young ones, I said.", "power.shared_decisions", {"affirmed"}),
]


@pytest.mark.parametrize(("text", "code", "expected"), DEFLECTIONS)
def test_an_offer_handed_to_others_is_declined(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "code", "expected"), ECHOES)
def test_an_echoed_word_with_a_tag_is_a_question_its_answer_settles(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "code", "expected"), LABELS)
def test_someone_elses_label_is_their_word(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "code", "expected"), LITOTES)
def test_a_denied_denial_affirms(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "words", "expected"), LITOTES_WORDS)
def test_a_denied_denial_is_one_reading(text, words, expected):
    rules = _rules()
    assert rules.judge(rules.nlp(text), words) == expected


@functools.cache
def _rules(*, model: bool = False):
    """The bundled assertion rules, read without the context model unless ``model`` (then as Study.apply reads them)."""
    from qlr.code._assertion import AssertionRules

    return AssertionRules(pipeline(), model=None if model else False)


@pytest.mark.parametrize(("text", "code", "expected"), REFUSALS)
def test_i_passed_after_an_offer_and_an_aside_declines_it(text, code, expected):
    assert _statuses(text, code) == expected


def test_quoted_label_of_the_speakers_own_is_someone_elses_when_she_said_it():
    # Quoted speech: whose the words are is said by the quotation, not by "we call it".
    assert _statuses('"We call it peer support," she said.', "peer_networks.peer_support") == {"other"}


# A review's probes of the first version (stop 52), each read wrongly by it.
# Must stay affirmed: a statement with a tag asking agreement ("aren't we?", "don't they?", "right?", "you know?"),
# with its subject or with none; only a same-polarity tag after a bare echoed word ("Consulted, is it?") questions it.
TAGGED_STATEMENTS = [
    ("We're the experts, aren't we?", "assets.skills_recognised", {"affirmed"}),
    ("Staff really trust us, don't they?", "assets.skills_recognised", {"affirmed"}),
    ("Staff trust us, right?", "assets.skills_recognised", {"affirmed"}),
    ("We're the experts, you know?", "assets.skills_recognised", {"affirmed"}),
    ("Help each other, don't we? Always have.", "reciprocity.two_way", {"affirmed"}),
    ("Swap skills, don't we?", "reciprocity.two_way", {"affirmed"}),
    ("Learn off each other, you know? We really do.", "reciprocity.two_way", {"affirmed"}),
    ("We decide together, don't we?", "power.shared_decisions", {"affirmed"}),
    ("I'm good at that, aren't I?", "assets.skills_recognised", {"affirmed"}),
    # The match with its own subject and a same-polarity tag: a statement still, not an echo.
    ("We're consulted, are we? Every month.", "power.consulted", {"affirmed"}),
    ("Consulted, is it? No, never.", "power.consulted", {"negated"}),
    ("Consulted, were we? Never.", "power.consulted", {"negated"}),
]

# An echo (or a bare question) answered yes without "yes": affirmed; answered otherwise it stays a question or denied.
ECHO_ANSWERS = [
    ("Consulted, is it? Of course we are.", "power.consulted", {"affirmed"}),
    ("Consulted, is it? Too right we are.", "power.consulted", {"affirmed"}),
    ("Consulted, are we? Every month, like clockwork.", "power.consulted", {"affirmed"}),
    ("Consulted? Of course we are.", "power.consulted", {"affirmed"}),
    ("Consulted, did they? Sure we have been, since day one.", "power.consulted", {"affirmed"}),
    ("A say, is it? Sure we've had a say since day one.", "power.co_designing", {"affirmed"}),
    ("Involved, are we? I'd say so, we chair the meetings.", "power.co_leading", {"affirmed"}),
    # Not a yes: a time that mocks, "yeah nah", "of course not", a yes of someone else's.
    ("Consulted, is it? After they'd printed the leaflets.", "power.consulted", {"question"}),
    ("Consulted, is it? Yeah nah, never.", "power.consulted", {"negated"}),
    ("Consulted, is it? Of course not.", "power.consulted", {"negated"}),
    ("Consulted, is it? Of course they are, the staff.", "power.consulted", {"question"}),
]

# A label reaches its name only: what the sentence goes on to say is the speaker's; "calls it" as calling the vote,
# "call it off", is no label.
LABEL_REACH = [
    ("The so-called experts never listen to us.", "negative.done_to", {"affirmed"}),
    ("The so-called steering group never asks us anything.", "negative.done_to", {"affirmed"}),
    ("So-called partners, they decided it all without us.", "power.consulted", {"negated"}),
    ("The chair calls it and we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("When Bev calls it, we all vote together.", "power.shared_decisions", {"affirmed"}),
    ("If it's raining they call it off and we decide the new date together.", "power.shared_decisions", {"hypothetical"}),
    # The name itself stays theirs, even a short one with a verb after it.
    ("Our so-called shared decisions are made before we arrive.", "power.shared_decisions", {"other"}),
    ("They call it consultation, they ask us everything.", "power.consulted", {"other"}),
]


@pytest.mark.parametrize(("text", "code", "expected"), TAGGED_STATEMENTS)
def test_a_statement_with_a_tag_asking_agreement_is_said(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "code", "expected"), ECHO_ANSWERS)
def test_an_answer_that_says_yes_without_yes_affirms(text, code, expected):
    assert _statuses(text, code) == expected


@pytest.mark.parametrize(("text", "code", "expected"), LABEL_REACH)
def test_a_label_reaches_its_name_only(text, code, expected):
    assert _statuses(text, code) == expected


# An offer refused sideways and then: a test passed (a result), a later yes in the turn (taken on after all).
OFFERS_AFTER = [
    ("They asked me to be a peer mentor. I had to do the course first. I passed.", "be a peer mentor", "affirmed"),
    ("They asked me to join the interview panel. There was a DBS check and a test. I passed.", "join the interview panel", "affirmed"),
    ("They asked me to volunteer on the helpline. You had to sit an exam. I passed.", "volunteer on the helpline", "affirmed"),
    ("They asked me to stand for chair. I'd rather let someone else have a go. Then I changed my mind and I'm chair now.", "stand for chair", "affirmed"),
    ("They asked me to stand for chair. I'd rather let someone else have a go. In the end I took it on.", "stand for chair", "affirmed"),
    # Still refused: someone else's yes, no later yes.
    ("They asked me to stand for chair. I'd rather let someone else have a go. They asked Tom and he said yes.", "stand for chair", "declined"),
    ("They asked me to stand for chair. I thought about it for a week. I passed.", "stand for chair", "declined"),
]


@pytest.mark.parametrize(("text", "words", "expected"), OFFERS_AFTER)
def test_a_refusal_sideways_is_read_with_what_comes_after(text, words, expected):
    nlp = _matcher()[0]
    assert _rules(model=True).judge(nlp(text), words) == expected


def test_litotes_words_are_rows_a_codebook_extends():
    """The cue words are ``litotes`` rows: a codebook's own extends the reading, and a malformed one is refused."""
    from qlr.code._assertion import Rule
    from qlr.errors import CodingError

    rules = _rules()
    text = "It's not the case that they don't consult us."
    assert rules.judge(rules.nlp(text), "consult us") == "negated"
    extended = rules.extended([Rule("litotes", "negated", "forward", "the case that")])
    assert extended.judge(rules.nlp(text), "consult us") == "affirmed"
    stricter = rules.extended([Rule("litotes", "negated", "backward", "do")])  # "don't" kept a denial as "can't" is
    assert stricter.judge(rules.nlp("It's not like they don't consult us."), "consult us") == "negated"
    with pytest.raises(CodingError, match="litotes row"):
        rules.extended([Rule("litotes", "affirmed", "forward", "like")])
    with pytest.raises(CodingError, match="litotes row"):
        rules.extended([Rule("litotes", "negated", "", "like")])
