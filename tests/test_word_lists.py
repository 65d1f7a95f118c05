"""The word lists the assertion rules in code read are rows of the rules file (stop 54), which a codebook extends.

Each moved list is one row kind (``yes``, ``no``, ``refusal``, ``offer`` …; the rules file's section "The word lists").
For each kind a sentence written for these tests whose status one added word changes, and where it matters a
lookalike the added word leaves alone; the bundled lists themselves are checked against the statuses the older
tests already pin (tests/test_dialect.py, tests/test_sideways.py, tests/test_assertion.py).
"""

from __future__ import annotations

import functools

import pytest

from qlr.code._nlp import pipeline


@functools.cache
def _bundled():
    from qlr.code._assertion import AssertionRules

    return AssertionRules(pipeline(), model=False)


def _judge(text: str, words: str, *added: tuple[str, str]) -> str:
    from qlr.code._assertion import Rule

    rules = _bundled()
    if added:
        rules = rules.extended([Rule(kind, "", "", phrase) for kind, phrase in added])
    return rules.judge(rules.nlp(text), words)


# (kind, the phrase a codebook adds, text, matched words, status with the bundled rows, status with the row added)
ADDED = [
    ("yes particle", "yis", "Do they consult you? Yis.", "consult", "question", "affirmed"),
    ("no particle", "naa", "Do they consult you? Naa.", "consult", "question", "negated"),
    ("affirmation", "totally", "Do they consult you? Totally.", "consult", "question", "affirmed"),
    ("denial", "rarely", "Shared it equally? Rarely.", "shared it equally", "question", "negated"),
    ("no saying yes", "dramas", "Do they consult you? Yeah, no dramas, every month.", "consult", "negated", "affirmed"),
    ("yes opener", "spot on", "Do we get a vote? Spot on we do.", "vote", "question", "affirmed"),
    ("hedged yes", "principle", "Do you get a vote? We do, in principle.", "vote", "affirmed", "question"),
    ("joke", "only messing", "We run the rota ourselves. Only messing.", "run the rota", "affirmed", "negated"),
    ("serious", "no, honestly", "We run the rota ourselves. No, honestly, nobody's asked me anything.", "run the rota", "affirmed", "negated"),
    ("passed test", "interview", "They asked me to be a peer mentor. I had to do an interview first. I passed.", "be a peer mentor",
     "declined", "affirmed"),
    ("came round", "relented", "They asked me to chair the meetings. Nah. Then I relented.", "chair the meetings", "declined", "affirmed"),
    ("refusal", "demurred", "They asked me to chair the meetings and I demurred.", "chair the meetings", "affirmed", "declined"),
    # A bare no is a refusal only with an offer in the sentence.
    ("bare no", "swerved it", "They asked me to chair the meetings and I swerved it.", "chair the meetings", "affirmed", "declined"),
    ("bare no", "swerved it", "We chair the meetings and I swerved it.", "chair the meetings", "affirmed", "affirmed"),
    ("refusal", "swerved it", "We chair the meetings and I swerved it.", "chair the meetings", "affirmed", "declined"),
    # An own choice is a refusal only after "I".
    ("own choice", "opted against it", "They asked me to chair the meetings and I opted against it.", "chair the meetings",
     "affirmed", "declined"),
    ("own choice", "opted against it", "They asked us to chair the meetings and we opted against it.", "chair the meetings",
     "affirmed", "affirmed"),
    ("offer", "vacancy", "There was a vacancy to chair the meetings, and I didn't bother.", "chair the meetings", "affirmed", "declined"),
    ("subjectless refusal", "no time", "They ask me chair the meetings. No time lah.", "chair the meetings", "affirmed", "declined"),
    ("closing particle", "meh", "They ask me chair the meetings. Cannot meh.", "chair the meetings", "affirmed", "declined"),
    ("media", "zine", "A zine I read described members running it themselves.", "running it themselves", "affirmed", "other"),
    ("medium", "snapchat", "I read on Snapchat about a garden run by volunteers.", "run by volunteers", "affirmed", "other"),
    ("ending", "mothballed", "We ran the Tuesday group ourselves. Then it got mothballed.", "ran the Tuesday group", "affirmed", "historical"),
    ("bare ending", "vanished", "We ran the Tuesday group ourselves, then it vanished.", "ran the Tuesday group", "affirmed", "historical"),
    # Stop 55: an onlooker's verb, and the speaker counting themself among those a report told of.
    ("onlooking", "spotted", "I spotted the tenants vote on the repairs list.", "vote", "affirmed", "other"),
    ("among", "i was in that lot", "The leaflet says tenants co-designed the kitchens. I was in that lot.", "co-designed", "other", "affirmed"),
    # Stop 56: a group "they" opening the next sentence takes up.
    ("group noun", "syndicate", "My cousin's in a syndicate. They vote on everything.", "vote on everything", "affirmed", "other"),
    # Stop 56's review: a plural that looks like a group and is a thing or the service ends that search.
    ("not a group", "shutters", "The shutters came down. They vote on everything.", "vote on everything", "other", "affirmed"),
    # Stop 57: a thing a group noun only describes ends that search too.
    ("group thing", "allotment", "The club allotment is lovely. They vote on everything.", "vote on everything", "other", "affirmed"),
]


@pytest.mark.parametrize(("kind", "phrase", "text", "words", "before", "after"), ADDED)
def test_a_codebook_word_in_a_list_changes_one_status(kind, phrase, text, words, before, after):
    assert _judge(text, words) == before
    assert _judge(text, words, (kind, phrase)) == after


def test_every_word_kind_has_a_probe():
    from qlr.code._assertion import _WORD_KINDS

    changed = {kind for kind, _, _, _, before, after in ADDED if before != after}
    assert changed == set(_WORD_KINDS)


# Lookalikes: with the word added, sentences without it, or where it is not what the list reads, keep their status.
LOOKALIKES = [
    (("no particle", "naa"), "Do they consult you? Aye.", "consult", "affirmed"),
    (("no particle", "naa"), "Naa and I consult the members.", "consult", "affirmed"),
    (("yes particle", "yis"), "Do they consult you? Nah.", "consult", "negated"),
    (("denial", "rarely"), "We rarely miss a meeting, we consult the members every month.", "consult the members", "affirmed"),
    (("joke", "only messing"), "We run the rota ourselves. Only messing about with the colours.", "run the rota", "affirmed"),
    (("refusal", "demurred"), "They asked me to chair the meetings and I demurred at first, but I do it now.", "chair the meetings",
     "affirmed"),
    (("offer", "vacancy"), "There was a vacancy on the rota, so we run it ourselves.", "run it ourselves", "affirmed"),
    (("bare ending", "vanished"), "We run the Tuesday group ourselves and my nerves have vanished.", "run the Tuesday group", "affirmed"),
    (("medium", "snapchat"), "We run it ourselves and put the rota on Snapchat.", "run it ourselves", "affirmed"),
]


@pytest.mark.parametrize(("added", "text", "words", "expected"), LOOKALIKES)
def test_an_added_word_leaves_its_lookalikes(added, text, words, expected):
    assert _judge(text, words) == expected
    assert _judge(text, words, added) == expected


def test_a_codebook_rows_extend_the_lists_in_study_apply(tmp_path):
    import qlr

    from .conftest import write
    from .test_assertion import ROTA_BOOK

    path = write(tmp_path / "C1_W1_interview.txt", "Interviewer: Do you run the rota?\nAsha: Naa. The rota? Naa.\n")
    plain = qlr.load(path, progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    book = qlr.Codebook.from_yaml(ROTA_BOOK + "assertion:\n  - {kind: no particle, phrase: naa}\n")
    coded = qlr.load(path, progress=False).apply(book, progress=False)
    assert plain.codings["assertion"].tolist() == ["question"]
    assert coded.codings["assertion"].tolist() == ["negated"]


def test_word_lists_read_the_rows_in_order_once_each():
    from qlr.code._assertion import Rule, read_rules, word_lists

    lists = word_lists([*read_rules(), Rule("no particle", "", "", "Naa"), Rule("no particle", "", "", "nah")])
    assert lists["no particle"] == ("no", "nah", "naw", "nope", "naa")  # lower case, a word already listed not twice
    assert lists["yes particle"] == ("yes", "yeah", "yep", "yup", "aye", "ja", "yah")
    assert lists["denial"] == ("not", "never", "hardly", "barely")


def test_a_table_without_a_kind_reads_the_english_rows():
    """The Spanish rules give no word rows: the rules in code read English words there too, as before the lists moved."""
    from qlr.code._assertion import RULES_PATHS, _english_word_rows, read_rules, word_lists

    spanish = read_rules(RULES_PATHS["es"])
    assert not {rule.kind for rule in spanish} & {rule.kind for rule in _english_word_rows()}
    assert word_lists(spanish) == word_lists(read_rules())
    # A kind given replaces the English rows of that kind only.
    from qlr.code._assertion import Rule

    own = word_lists([*spanish, Rule("yes particle", "", "", "sí")])
    assert own["yes particle"] == ("sí",) and own["no particle"] == ("no", "nah", "naw", "nope")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{kind: no particle, category: negated, phrase: naa}", "has a phrase only"),
        ("{kind: yes particle, phrase: yes please}", "is one word"),
        ("{kind: refusal, phrase: ''}", "phrase is empty"),
        ("{kind: offer, direction: forward, phrase: vacancy}", "has a phrase only"),
    ],
)
def test_a_word_row_says_what_is_wrong_at_its_line(row, message):
    import qlr
    from qlr.errors import CodebookError

    from .test_assertion import ROTA_BOOK

    with pytest.raises(CodebookError, match=message) as caught:
        qlr.Codebook.from_yaml(ROTA_BOOK + f"assertion:\n  - {row}\n")
    assert str(caught.value).startswith("<codebook>:10: ")


def test_a_one_word_row_the_tokenizer_splits_is_refused():
    from qlr.code._assertion import Rule
    from qlr.errors import CodingError

    # Letters only, so the codebook's check lets it through; the tokenizer still splits "cannot" into "can" "not".
    with pytest.raises(CodingError, match=r"a 'denial' row is one token, and the tokenizer splits 'cannot' into 2"):
        _bundled().extended([Rule("denial", "", "", "cannot")])
    with pytest.raises(CodingError, match=r"a 'denial' row is one word of letters, not \"can't\""):
        _bundled().extended([Rule("denial", "", "", "can't")])


# The review's findings (stop 54).
def test_a_codebook_row_extends_the_english_list_under_the_spanish_rules():
    """A Spanish table gives no word rows, so its rules read the English lists; a codebook's row adds to that list, as it
    does in English, and does not replace it (before the review, one "yes particle" row left "yes" and "aye" unread)."""
    from qlr.code._assertion import RULES_PATHS, AssertionRules, Rule, read_rules

    spanish = AssertionRules(pipeline(), read_rules(RULES_PATHS["es"]), model=False)
    added = spanish.extended([Rule("yes particle", "", "", "sí")])
    strings = added.nlp.vocab.strings
    assert {strings[h] for h in added._yes_particles} == {"yes", "yeah", "yep", "yup", "aye", "ja", "yah", "sí"}
    assert {strings[h] for h in added._no_particles} == {"no", "nah", "naw", "nope"}
    english = _bundled().extended([Rule("yes particle", "", "", "sí")])
    assert added._yes_particles == english._yes_particles


def test_a_codebook_row_changes_the_rules_fingerprint():
    from qlr.code._assertion import Rule

    bundled = _bundled()
    assert bundled.extended([Rule("no particle", "", "", "naa")]).fingerprint != bundled.fingerprint
    assert bundled.extended([Rule("no particle", "", "", "naa")]).fingerprint != bundled.extended([Rule("no particle", "", "", "nae")]).fingerprint


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # YAML reads an unquoted no, yes, on or off as true or false: the message says so and how to write it.
        ("{kind: no, phrase: naa}", r"kind is false: YAML reads an unquoted no, off or false as false.*'no particle'"),
        ("{kind: no particle, phrase: no}", r"phrase is false.*quote the word"),
        ("{kind: yes, phrase: yis}", r"kind is true: YAML reads an unquoted yes, on or true as true.*'yes particle'"),
        # A one-word kind takes letters only: a mark, an apostrophe or a regex sign is split by the tokenizer.
        ("{kind: no particle, phrase: \"can't\"}", r"a 'no particle' row is one word of letters, not \"can't\""),
        ("{kind: offer, phrase: '.*'}", r"a 'offer' row is one word of letters, not '\.\*'"),
        ("{kind: closing particle, phrase: 'lah!'}", r"is one word of letters"),
        ("{kind: yes particles, phrase: yis}", r"kind 'yes particles' is not one of"),
    ],
)
def test_a_codebook_word_row_is_refused_at_its_line_with_one_fix(row, message):
    import qlr
    from qlr.errors import CodebookError

    from .test_assertion import ROTA_BOOK

    with pytest.raises(CodebookError, match=message) as caught:
        qlr.Codebook.from_yaml(ROTA_BOOK + f"assertion:\n  - {row}\n")
    assert str(caught.value).startswith("<codebook>:10: ")
    assert str(caught.value).count("Fix:") == 1


def test_a_phrase_row_with_marks_is_read_as_tokens_not_a_pattern():
    """A phrase kind's row is words, never a regular expression: "said (no)" is the tokens said ( no ), "i.e." is not a wildcard."""
    from qlr.code._assertion import Rule

    rules = _bundled().extended([Rule("refusal", "", "", "said (no)")])
    text = "They asked me to chair the meetings and I said (no)."
    assert rules.judge(rules.nlp(text), "chair the meetings") == "declined"
    assert rules.judge(rules.nlp("They asked me to chair the meetings and I said now."), "chair the meetings") == "affirmed"
