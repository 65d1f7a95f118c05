"""The eighth new user's trial (stop 43): a peer-research study, its findings as tests."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.io._segment import role_word, segment_document, speaker_role

from .conftest import write


def _turns(text):
    """Each labelled turn of a transcript as (speaker, role, words)."""
    seg = segment_document(text)
    return [(s.speaker, role, text[s.start : s.end].strip()) for s, role in zip(seg.segments, seg.roles) if s.speaker]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Peer researcher", "researcher"),
        ("Community researcher", "researcher"),
        ("Peer Interviewer", "interviewer"),
        ("Lay interviewer", "interviewer"),
        ("Co-researcher", "researcher"),
        ("Community researcher – Lou", "researcher"),
        ("Peer researcher - Ana", "researcher"),
        # A name before a role word stays a name: "Kate Researcher" is how a contact may be saved.
        ("Kate Researcher", "kate researcher"),
        ("Peer Support", "peer support"),
    ],
)
def test_a_role_word_after_who_plays_it_is_the_role(label, role):
    assert role_word(label) == role
    assert speaker_role(label, {}) == ("interviewer" if role in ("researcher", "interviewer") else "participant")


_PEER = (
    "Dana, wave 1, 2 April 2025\n\n"
    "Peer researcher: How did you come to the pantry?\n"
    "Dana: A friend brought me for the bread.\n"
    "Peer researcher: Same as me! I always say we're experts by experience here. Do you feel that?\n"
    "Dana: I know the bus routes better than any of them.\n"
)
# A community researcher named after a dash, as a team's template writes each interviewer.
_COMMUNITY = (
    "Interview 1 – Pat – 3 April 2025\n\n"
    "Community researcher – Lou: What brings you here, Pat?\n"
    "Pat: Company, mostly. I live alone.\n"
    "Community researcher – Lou: I was on my own for years too. Has that changed?\n"
    "Pat: A bit. I sit with the lads from my stair now.\n"
)


@pytest.mark.parametrize(
    ("text", "asker", "answerer", "theirs"),
    [(_PEER, "Peer researcher", "Dana", "experts by experience"), (_COMMUNITY, "Community researcher – Lou", "Pat", "on my own")],
)
def test_a_peer_researchers_questions_are_never_the_participants_words(text, asker, answerer, theirs):
    # A peer researcher shares their own experience in their questions: those words must stay theirs.
    turns = _turns(text)
    assert [(who, role) for who, role, _ in turns] == [(asker, "interviewer"), (answerer, "participant")] * 2
    assert all(theirs not in words for who, _, words in turns if who == answerer)


def test_a_peer_researchers_words_are_never_the_participants_evidence(tmp_path):
    root = tmp_path / "pantry"
    write(
        root / "D1_W1_interview.txt",
        "Peer researcher: How do you use the pantry?\n\nD1: Tuesdays, for the veg.\n\n"
        "Peer researcher: I always say we're experts by experience here, we know things the staff don't. You?\n\n"
        "D1: I just come for the veg, love.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root).apply("coproduction")
    roles = study.segments.set_index("seg_id")["speaker_role"]
    coded = study.codings
    assert set(roles[coded["seg_id"]].dropna()) <= {"participant"}
    assert "assets.expertise_used" not in set(coded["code_id"])


def _asked(asker, answerer, answers):
    """A short interview: the asker's questions, each followed by the answerer's answer."""
    lines = []
    for number, answer in enumerate(answers, 1):
        lines += [f"{asker}: Question {number}, how was the pantry for you this time?", f"{answerer}: {answer}"]
    return "\n".join(lines) + "\n"


def test_the_template_keeps_a_peer_researcher_a_participant_where_they_answer(tmp_path):
    # Noor answers at waves 1 and 2 and interviews Ana at wave 3; Sol interviews Noor, and is interviewed at wave 3.
    from qlr.io._load import template_for

    root = tmp_path / "pantry"
    said = ["We share the jobs out now.", "I sort the veg on Tuesdays.", "They asked us what to stock."]
    write(root / "Wave 1" / "Noor - 2025-03-03.txt", _asked("Sol", "Noor", said))
    write(root / "Wave 1" / "Ana - 2025-03-05.txt", _asked("Sol", "Ana", said))
    write(root / "Wave 2" / "Noor - 2025-06-03.txt", _asked("Sol", "Noor", said))
    write(root / "Wave 2" / "Ana - 2025-06-05.txt", _asked("Sol", "Ana", said))
    write(root / "Wave 3" / "Ana - 2025-10-05.txt", _asked("Noor", "Ana", said))
    write(root / "Wave 3" / "Sol - 2025-10-07.txt", _asked("Kim", "Sol", said))
    template = template_for(root)
    write(root / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root)
    seg = study.segments.merge(study.documents[["doc_id", "case_id"]], on="doc_id")
    roles = seg.dropna(subset=["speaker"]).groupby(["doc_id", "speaker"])["speaker_role"].agg(set).to_dict()
    # Each person answers as themselves in their own interview, and asks as the interviewer in another's.
    assert roles[("Noor_W1_interview", "Noor")] == {"participant"}
    assert roles[("Noor_W2_interview", "Noor")] == {"participant"}
    assert roles[("Ana_W3_interview", "Noor")] == {"interviewer"}
    assert roles[("Sol_W3_interview", "Sol")] == {"participant"}
    assert roles[("Noor_W1_interview", "Sol")] == {"interviewer"}
