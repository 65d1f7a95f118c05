"""Self-repairs in verbatim speech: the status of a match is the truth after the speaker's corrections (stop 51)."""

from __future__ import annotations

import pytest

import qlr
from qlr.code._assertion import AssertionRules, Rule, read_rules
from qlr.code._nlp import CodebookMatcher, pipeline
from qlr.code._rules import assertion_rules
from qlr.errors import CodingError


@pytest.fixture(scope="module")
def rules():
    """The bundled rules alone, without the learned context model; ``rules.nlp`` is qlr's pipeline."""
    return AssertionRules(pipeline(), model=False)


REPAIRS = [
    # A correction cue after a break takes back the words before it ("no, sorry", "well, no").
    ("They asked us what we thought — well, no, they told us what was happening.", "asked us what we thought", 0, "negated"),
    ("The staff consult us on everything — no, sorry, they tell us what's happening.", "consult us", 0, "negated"),
    ("My sister — no, sorry, me, I'm the one who runs the rota.", "runs the rota", 0, "affirmed"),
    # A cue in the words taken back does not reach the corrected words.
    ("We never -- well, we do get a say on the menu.", "get a say", 0, "affirmed"),
    ("We never -- um, [laughs] well, we do get a say on the menu.", "get a say", 0, "affirmed"),
    ("We used to run the rota... we still run the rota ourselves.", "run the rota", 1, "affirmed"),
    ("We don't -- we do vote on it now, actually.", "vote on it", 0, "affirmed"),
    # After a comma, "I mean" corrects too: a wish said again as done.
    ("I'd like to run the cafe, I mean I do run the cafe.", "run the cafe", 0, "affirmed"),
    # A match in the words taken back is read where the correction says it again.
    ("We decide things together — we used to decide things together with the school.", "decide things together", 0, "historical"),
    ("I'd like to run the cafe, I mean I do run the cafe.", "run the cafe", 1, "affirmed"),
    # Corrected, then said once more in the same words: read where the correction was first said.
    ("I run the — ran, yeah, past tense — I ran the suppers till Christmas.", "run the", 0, "historical"),
]


LOOK_ALIKES = [
    # "No" answering a question, "I mean" and "well, no one" opening a sentence, a dash as an aside: no repair.
    ("Do the staff run it? No, we run the rota ourselves.", "run the rota", "affirmed"),
    ("I mean it, we decide things together.", "decide things together", "affirmed"),
    ("Well, no one tells us what to do, we plan the sessions ourselves.", "plan the sessions", "affirmed"),
    ("We run the rota — Tuesdays and Fridays.", "run the rota", "affirmed"),
    ("They never consult us -- not once in three years.", "consult us", "negated"),
    # Going on with "does" is no restart: the denial stands.
    ("We don't run the rota -- the council does.", "run the rota", "negated"),
    # Said again about someone else, it stays someone else's.
    ("My daughter runs the rota — she runs it every week.", "runs the rota", "other"),
    ("Back then we planned the menu... and the cook just did it.", "planned the menu", "historical"),
    # "Well," alone goes on rather than corrects unless a word before is said again after it.
    ("Back then... well, we decided everything together with the staff.", "decided everything together", "historical"),
]


# Review of stop 51: a repair takes back only the words from the earlier occurrence of a word the correction says again
# (a subject pronoun, an article, "do" alone not counting) up to the break; a cue with nothing said again is an aside.
SAFE = [
    # A denial followed by a contrast is no repair: the denial stands (as before self-repairs were read).
    ("They don't consult us — they consult the council.", "consult us", "negated"),
    ("We didn't plan the sessions — they planned the sessions.", "plan the sessions", "negated"),
    ("We don't share the decisions — they share them with the trustees.", "share the decisions", "negated"),
    ("They don't ask us what we think — they ask the volunteers what they think.", "ask us what we think", "negated"),
    ("We never vote on anything -- they vote, we watch.", "vote on anything", "negated"),
    ("We never had a say -- we just did what we were told.", "had a say", "negated"),
    ("They never ask us what we think -- they just do it.", "ask us what we think", "negated"),
    ("We didn't have a say... we did the cooking, that's all.", "have a say", "negated"),
    ("We don't get a say in it — we do the washing up and that's it.", "get a say in it", "negated"),
    ("We don't get a say — they get a say and we get told.", "get a say", "negated"),
    ("We don't decide anything — they decide everything.", "decide anything", "negated"),
    ("Nobody asks us what we think — they ask us to fill in forms.", "asks us what we think", "negated"),
    # An apology, an aside or emphasis after a break corrects nothing.
    ("We have a say on the menu... sorry, where was I?", "have a say on the menu", "affirmed"),
    ("We get a say in everything — sorry, I'm rambling.", "get a say in everything", "affirmed"),
    ("We decide what goes on the menu — hang on, let me turn this off.", "decide what goes on the menu", "affirmed"),
    ("We run the rota ourselves — sorry, my phone — every Tuesday.", "run the rota", "affirmed"),
    ("We run it ourselves -- no, honestly.", "run it ourselves", "affirmed"),
    ("We decide together — no, seriously.", "decide together", "affirmed"),
    ("We run the rota ourselves -- no, I'm not joking.", "run the rota", "affirmed"),
    ("We run it ourselves... no, it's true, every week.", "run it ourselves", "affirmed"),
    ("We vote on everything... no, everything, even the biscuits.", "vote on everything", "affirmed"),
    ("We vote on everything — sorry, nearly everything.", "vote on everything", "affirmed"),
    ("We decide everything -- well, no, not everything, the menu mostly.", "decide everything", "affirmed"),
    ("They asked us what we thought -- no, not just once, every month.", "asked us what we thought", "affirmed"),
    ("They ask us what we think -- sorry, can you hear me?", "ask us what we think", "question"),
    # A subject said again alone restarts nothing: the time frame said before the break holds.
    ("Years ago we had our own room -- we decided everything together in there.", "decided everything together", "historical"),
    ("Before the merger, we had the garden group... we ran it ourselves, every week.", "ran it ourselves", "historical"),
    ("Back when we had funding we met weekly... we planned the sessions ourselves.", "planned the sessions", "historical"),
    ("When I was at the old centre we ran the cafe -- well, we decided everything together.", "decided everything together", "historical"),
    ("Before the cuts we had our own budget, I mean we decided everything together.", "decided everything together", "historical"),
    # A correction that denies in a pronoun and an auxiliary takes the clause back; "not any more" puts it in the past.
    ("We run it -- no, we don't.", "run it", "negated"),
    ("They ask us what we think -- no, they don't.", "ask us what we think", "negated"),
    ("We run the rota — well, we don't really.", "run the rota", "negated"),
    ("We vote on it... we didn't, actually.", "vote on it", "negated"),
    ("We run the rota ourselves — no, not any more.", "run the rota", "historical"),
    ("We run the rota ourselves -- no, we don't, not any more.", "run the rota", "historical"),
    # The forms self-repairs are read for.
    ("They asked us — well, no, they told us what was happening.", "asked us", "negated"),
    ("We don't — we do vote on it now, actually.", "vote on it", "affirmed"),
    ("We decide — we used to decide everything with the school.", "decide", "historical"),
    ("My sister — no, sorry, me, I'm the one who goes.", "goes", "affirmed"),
    ("I'd like to run it, I mean I do run it.", "run it", "affirmed"),
]


@pytest.mark.parametrize(("text", "words", "expected"), SAFE)
def test_only_a_correction_saying_something_again_takes_words_back(rules, text, words, expected):
    assert rules.judge(rules.nlp(text), words) == expected


def test_the_codebook_codes_a_contrast_and_a_restart_as_said():
    # Through the matcher and the coproduction codebook (its service rows read the community worker's sitting back).
    nlp = pipeline()
    book = qlr.read_codebook("coproduction")
    matcher = CodebookMatcher(nlp, book, assertion_rules=assertion_rules(nlp, book))

    def coded(text):
        doc = nlp(text)
        return {(m.code_id, doc.text[m.start : m.end], m.assertion) for m in matcher(doc)}

    assert ("negative.done_to", "get a say", "affirmed") in coded("We don't get a say — they get a say and we get told.")
    assert ("power.consulted", "decide anything", "affirmed") in coded("We don't decide anything — they decide everything.")
    assert ("power.consulted", "consult", "negated") in coded("They don't consult us — they consult the council.")
    worker = coded("The community worker used to sit... she still sits at the back.")
    assert ("facilitation.stepping_back", "she still sits at the back", "affirmed") in worker


def test_a_sentence_broken_many_times_costs_each_break_a_bounded_look_back(rules):
    # Each break looks back at most the restart row's window: the repairs found in a long sentence are those of its parts.
    unit = "we talked about the garden -- "
    lowers = [token.lower for token in rules.nlp(unit * 300 + "and we run the rota.")]
    found = rules._repairs(lowers, 0, len(lowers))
    assert all(b - onset <= 8 for onset, b, _, _ in found)


@pytest.mark.parametrize(("text", "words", "occurrence", "expected"), [*REPAIRS, *((text, words, 0, expected) for text, words, expected in LOOK_ALIKES)])
def test_a_self_repair_decides_the_status_and_a_look_alike_changes_nothing(rules, text, words, occurrence, expected):
    assert rules.judge(rules.nlp(text), words, occurrence=occurrence) == expected


def test_the_repairs_found_in_a_sentence(rules):
    def repairs(text):
        lowers = [token.lower for token in rules.nlp(text)]
        return rules._repairs(lowers, 0, len(lowers))

    # (onset of the words taken back, break, first corrected word, what a match taken back becomes)
    assert repairs("We don't — we do vote on it.") == ((0, 3, 4, "*"),)
    assert repairs("They asked us — well, no, they told us.") == ((0, 3, 8, "negated"),)
    assert repairs("We run the rota — Tuesdays and Fridays.") == ()
    assert repairs("We run the rota, the members -- ran, we ran it.") == ((0, 7, 8, "*"),)
    # Nothing said again but the subject: no repair; "no, we don't" denies the clause.
    assert repairs("Years ago we had our own room -- we decided everything.") == ()
    assert repairs("We run it -- no, we don't.") == ((0, 3, 6, "negated"),)


def test_the_matcher_reads_an_indicator_across_a_hesitation_or_a_word_said_twice(rules):
    # Measured, not assumed: the coproduction codebook's "we run the rota" spans "um" and a repeated "we".
    book = qlr.read_codebook("coproduction")
    matcher = CodebookMatcher(rules.nlp, book, assertion_rules=assertion_rules(rules.nlp, book))
    for text in ("We, um, we run the rota ourselves.", "We — we run the rota ourselves.", "We run the, er, the rota ourselves."):
        found = {(m.code_id, m.assertion) for m in matcher(rules.nlp(text))}
        assert ("power.co_leading", "affirmed") in found, text


def test_a_codebook_adds_a_repair_cue(rules):
    text = "The staff consult us on everything -- my mistake, they tell us what's happening."
    assert rules.judge(rules.nlp(text), "consult us") == "affirmed"
    extended = rules.extended([Rule("repair", "negated", "break", "my mistake")])
    assert extended.judge(rules.nlp(text), "consult us") == "negated"


def test_without_repair_rows_sentences_are_read_as_said(rules):
    bare = AssertionRules(rules.nlp, [rule for rule in read_rules() if rule.kind not in ("repair", "restart")], model=False)
    assert bare.judge(rules.nlp("We don't -- we do vote on it now, actually."), "vote on it") == "negated"


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        (Rule("repair", "historical", "break", "sorry"), "'negated' (taken back) or '*'"),
        (Rule("repair", "negated", "forward", "sorry"), "direction is break or comma"),
        (Rule("restart", "*", "comma", "same word", 8), "direction is break"),
        (Rule("restart", "*", "break", "same word"), "phrase is 'same word' and its window"),
    ],
)
def test_a_bad_repair_row_is_refused(rules, rule, says):
    with pytest.raises(CodingError, match=says.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        rules.extended([rule])


def test_a_study_codes_the_truth_after_the_repair_and_a_codebook_adds_its_cue(tmp_path):
    from .conftest import write

    write(
        tmp_path / "C1_W1_interview.txt",
        "Interviewer: Who decides?\nAnn: We decide things together — we used to decide things together with the school.\n"
        "Interviewer: And the staff?\nAnn: The staff consult us on everything -- my mistake, they tell us what's happening.\n",
    )
    study = qlr.load(tmp_path, progress=False)
    data = qlr.read_codebook("coproduction").to_dict()

    def statuses(rows):
        codings = study.apply(qlr.Codebook.from_dict({**data, "assertion": [*data["assertion"], *rows]}), progress=False).codings
        return dict(zip(codings["code_id"], codings["assertion"]))

    bundled = statuses([])
    assert bundled["power.shared_decisions"] == "historical"  # "We decide —" is said again as "we used to decide"
    assert bundled["power.consulted"] == "affirmed"  # "my mistake" is no bundled cue
    assert statuses([{"kind": "repair", "category": "negated", "direction": "break", "phrase": "my mistake"}])["power.consulted"] == "negated"
