"""Interpreted speech: an interpreter's rendering of a participant's answer is the participant's own evidence.

With a codebook's ``relay`` row (``coproduction`` has none), "She says they decide it together now", said by the
interpreter, is the participant's "we decide it together now"; the same words said by the participant are someone
else's. Every status but that still works under the
frame, the interpreter's asides are not the participant's words, and the evidence trail says which passages came
through an interpreter.
"""

from __future__ import annotations

import pytest

from qlr.code._assertion import RELAYED, AssertionRules, Rule
from qlr.code._nlp import pipeline


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


@pytest.fixture(scope="module")
def rules(nlp):
    return AssertionRules(nlp).extended([Rule("relay", "other", "", "interpreted")])


def test_without_a_relay_row_a_rendering_is_judged_as_the_words_said(nlp):
    """``coproduction`` leaves the row off (corpus 14's held-out half): "she says" is then someone else's words."""
    doc = nlp("He says they decide the rota together now.")
    assert AssertionRules(nlp).judge(doc, "decide the rota together", observed=RELAYED) == "other"


# (an interpreter's rendering, the matched words, its status as the interpreter's turn, as the participant's own)
RENDERINGS = [
    # The frame of the participant is transparent: what is under it is the participant's own.
    ("He says they decide the rota together now.", "decide the rota together", "affirmed", "other"),
    ("She is saying that we run the rota ourselves.", "run the rota", "affirmed", "affirmed"),
    ("She's saying they decide the rota together now.", "decide the rota together", "affirmed", "other"),
    ("According to her, they decide the rota together now.", "decide the rota together", "affirmed", "other"),
    ("They decide the rota together now, she says.", "decide the rota together", "affirmed", "other"),
    ("He wishes to clarify that they decide the rota together now.", "decide the rota together", "affirmed", "other"),
    # Everything else keeps working under it.
    ("She says they don't decide the rota together.", "decide the rota together", "negated", "other"),
    ("He says before the war they ran the rota themselves.", "ran the rota", "historical", "other"),
    ("She says maybe one day they will let her run the rota.", "run the rota", "hypothetical", "other"),
    ("She says her sister's group decides the rota together.", "decides the rota together", "other", "other"),
    ("He says his neighbour runs the rota over there.", "runs the rota", "other", "other"),
    # An aside in square brackets is the interpreter's: what it says is not the participant's.
    ("She says we run the rota. [She means the housing officer runs the rota.]", "runs the rota", "other", "affirmed"),
    # The participant's own first person, then someone else's frame: that frame is not the participant's.
    ("My friend is in the choir. She told me they decide the rota together.", "decide the rota together", "other", "other"),
]


@pytest.mark.parametrize(("text", "words", "relayed", "spoken"), RENDERINGS)
def test_a_rendering_is_read_in_the_participants_first_person(nlp, rules, text, words, relayed, spoken):
    doc = nlp(text)
    assert rules.judge(doc, words, observed=RELAYED) == relayed
    assert rules.judge(doc, words) == spoken


def test_a_refusal_under_the_frame_stays_a_refusal(nlp, rules):
    """ "She said no." is, in her first person, "I said no": the offer before it was turned down."""
    doc = nlp("They asked her to chair the meeting. She said no.")
    assert rules.judge(doc, "chair the meeting", observed=RELAYED) == "declined"


TRANSCRIPT = """\
Interviewer: How are decisions made these days?
Interpreter: We decide it together now, one vote each.
Interviewer: And who decides it?
Interpreter: She says they decide it together now, one vote each.
Interviewer: What about the sessions?
Interpreter: She says she goes every Tuesday, and we plan the sessions with the staff.
Interviewer: Is it always so?
Interpreter: She says no, they don't decide it together.
Interviewer: What about other groups?
Interpreter: She says her sister's group decides it together, over in Leeds.
Interviewer: And before?
Interpreter: She says before the war they decided it together in the village.
Interviewer: Anything else?
Interpreter: She says she is happy there. [She means the staff plan the sessions with the residents.]
"""


def test_an_interpreters_turns_are_the_participants_evidence_said_to_be_interpreted(tmp_path):
    import qlr

    from .conftest import write

    write(tmp_path / "C1_W1_interview.txt", TRANSCRIPT)
    # The same words said by the participant: someone else's ("she" is not the speaker).
    write(tmp_path / "C2_W1_interview.txt", "Interviewer: How are decisions made these days?\n"
          "Amina: She says they decide it together now, one vote each.\n")  # fmt: skip
    study = qlr.load(tmp_path, progress=False)
    # coproduction leaves the relay row off: the interpreter's "She says …" is then judged as the words said.
    plain = study.apply("coproduction", progress=False).codings
    said = plain[(plain["doc_id"] == "C1_W1_interview") & (plain["code_id"] == "power.shared_decisions")]
    assert "other" in set(said["assertion"]) and "affirmed" in set(said["assertion"])
    data = qlr.read_codebook("coproduction").to_dict()
    data["assertion"] = [*data["assertion"], {"kind": "relay", "category": "other", "phrase": "interpreted"}]
    relaying = qlr.Codebook.from_dict(data)
    for _ in range(2):  # the second time from the cache: the same words keep each speaker's status
        study.apply(relaying, progress=False)
        text = dict(zip(study.documents["doc_id"], study.documents["text"]))
        got = sorted(
            (doc, text[doc][start:end], code, status)
            for doc, start, end, code, status in study.codings[["doc_id", "start", "end", "code_id", "assertion"]].itertuples(index=False)
            if code in ("power.shared_decisions", "power.co_designing")
        )
        assert got == [
            ("C1_W1_interview", "She says before the war they decided it together in the village.", "power.shared_decisions", "historical"),
            ("C1_W1_interview", "She says her sister's group decides it together, over in Leeds.", "power.shared_decisions", "other"),
            ("C1_W1_interview", "She says no, they don't decide it together.", "power.shared_decisions", "negated"),
            ("C1_W1_interview", "She says she goes every Tuesday, and we plan the sessions with the staff.", "power.co_designing", "affirmed"),
            ("C1_W1_interview", "She says they decide it together now, one vote each.", "power.shared_decisions", "affirmed"),
            ("C1_W1_interview", "We decide it together now, one vote each.", "power.shared_decisions", "affirmed"),
            ("C1_W1_interview", "[She means the staff plan the sessions with the residents.]", "power.co_designing", "other"),
            ("C2_W1_interview", "She says they decide it together now, one vote each.", "power.shared_decisions", "other"),
        ]
    # The trail cites the interpreter's passages as the participant's evidence, each said to be interpreted.
    evidence = qlr.track.ladder(study, min_segments=1).evidence
    cited = evidence[evidence["code_id"].isin(["power.shared_decisions", "power.co_designing"])]
    quoted = sorted({(quote, bool(said)) for quote, said in zip(cited["quote"], cited["interpreted"])})
    assert quoted == [
        ("She says she goes every Tuesday, and we plan the sessions with the staff.", True),
        ("She says they decide it together now, one vote each.", True),
        ("We decide it together now, one vote each.", True),
    ]
    assert set(cited["case_id"]) == {"C1"}
    # The report's trail says so beside each such quote.
    from qlr.report._html import _evidence

    placements = qlr.track.ladder(study, min_segments=1)
    html = _evidence(placements, placements.table[placements.table["case_id"] == "C1"])
    assert html.count("· interpreted") == len(placements.evidence[placements.evidence["case_id"] == "C1"]) > 0


def test_an_interpreter_said_to_be_someone_else_is_not_relayed(tmp_path):
    """``speakers: {Interpreter: other}``: the researcher says the turns are no case's, so nothing is relayed."""
    import qlr
    from qlr.evidence import relayed_turns

    from .conftest import write

    write(tmp_path / "C1_W1_interview.txt", "Interviewer: And who decides it?\nAmina: We do.\n"
          "Interpreter: She says they decide it together now, one vote each.\n")  # fmt: skip
    write(tmp_path / "study.yaml", "name: Clinic\nwaves: [{id: W1}]\nspeakers: {Interpreter: other}\ndocuments: ['*.txt']\n")
    study = qlr.load(tmp_path, progress=False)
    assert not relayed_turns(study.segments).any()
    data = qlr.read_codebook("coproduction").to_dict()  # with the relay row: still no turn is read as relayed
    data["assertion"] = [*data["assertion"], {"kind": "relay", "category": "other", "phrase": "interpreted"}]
    study.apply(qlr.Codebook.from_dict(data), progress=False)
    statuses = set(study.codings.loc[study.codings["code_id"] == "power.shared_decisions", "assertion"])
    assert statuses == {"other"}


def test_the_corpus_tool_reads_an_interpreted_text_as_a_rendering():
    from .test_assertion import _assertion_corpus

    module = _assertion_corpus()
    corpus = module.read_corpus(module.CORPUS.parents[1] / "assertion-corpus-14" / "sentences.tsv")
    tuning = corpus[corpus["half"] == "tuning"]
    # Every text of the fourteenth corpus was spoken through an interpreter (its README), and its speaker_style says so.
    assert tuning["speaker_style"].map(module.relayed_rendering).all()


def test_a_study_with_no_speaker_label_has_no_relayed_turn():
    """Field notes with no label (every ``speaker`` missing) crashed the one decision with a TypeError (review, stop 50)."""
    import pandas as pd

    from qlr.evidence import relayed_turns

    turns = pd.DataFrame({"speaker": [None, None], "speaker_role": ["participant", None]})
    assert relayed_turns(turns).tolist() == [False, False]
