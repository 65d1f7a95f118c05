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


@pytest.mark.parametrize(("text", "words", "occurrence", "expected"), [*REPAIRS, *((text, words, 0, expected) for text, words, expected in LOOK_ALIKES)])
def test_a_self_repair_decides_the_status_and_a_look_alike_changes_nothing(rules, text, words, occurrence, expected):
    assert rules.judge(rules.nlp(text), words, occurrence=occurrence) == expected


def test_the_repairs_found_in_a_sentence(rules):
    def repairs(text):
        lowers = [token.lower for token in rules.nlp(text)]
        return rules._repairs(lowers, 0, len(lowers))

    # (opening of the words taken back, break, first corrected word, what a match taken back becomes)
    assert repairs("We don't — we do vote on it.") == ((0, 3, 4, "*"),)
    assert repairs("They asked us — well, no, they told us.") == ((0, 3, 8, "negated"),)
    assert repairs("We run the rota — Tuesdays and Fridays.") == ()
    assert repairs("We run the rota, the members -- ran, we ran it.") == ((0, 7, 8, "*"),)


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
