"""Real files, eighth pass: lookalikes of layouts found in published transcripts (stop 37)."""

from __future__ import annotations

import qlr
from qlr.io._segment import UNLABELLED_ANSWER, segment_turns

from .conftest import write


def test_questions_labelled_throughout_and_the_answer_only_at_first(tmp_path):
    # A Word transcript labels the first answer ("P: …"), then only the questions ("I: …"):
    # each answer sat unlabelled under the next question, and was read as the interviewer's.
    text = (
        "Participant 7 - Female, 30, Leeds\n"
        "I: Shall we begin with the first box?\n"
        "P: I drew my flat, with the door shut all day.\n"
        "I: Before the second box, can I ask more about the first one?\n"
        "Yes, go on.\n"
        "I: What does the shut door mean to you?\n"
        "That nobody knocks any more, not since the bakery closed.\n"
        "I: And the bakery was where you met people…\n"
        "Every morning, the same faces at the counter.\n"
        "I: So it sounds like the counter was your meeting place.\n"
        "It was, and now there is nothing like it on the street.\n"
        "I: Thank you, I'll stop the recording now.\n"
    )
    found = segment_turns(text)
    got = [(s.speaker, text[s.start : s.end]) for s in found]
    assert ("P", "I drew my flat, with the door shut all day.") in got
    answers = [words for speaker, words in got if speaker == UNLABELLED_ANSWER]
    assert answers == [
        "Yes, go on.",
        "That nobody knocks any more, not since the bakery closed.",
        "Every morning, the same faces at the counter.",
        "It was, and now there is nothing like it on the street.",
    ]
    # The questions keep their own words only.
    assert [words for speaker, words in got if speaker == "I"][3] == "And the bakery was where you met people…"
    study = qlr.load(write(tmp_path / "P07_W1_interview.txt", text), progress=False)
    assert list(study.segments["speaker_role"].iloc[1:]) == ["interviewer", "participant"] * 5 + ["interviewer"]
    assert any("the participant's only 1 time(s)" in note and "4 question(s)" in note for note in study.meta["inferred"])


def test_both_sides_labelled_are_not_split():
    # Where the participant's label comes back after most questions, the interviewer's turns stay whole.
    text = (
        "I: How did you start?\nP: By chance.\n"
        "I: Did it last?\nP: Two years.\n"
        "I: Was that a good time?\nWell, mostly it was.\nP: And then the move.\n"
    )
    got = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert UNLABELLED_ANSWER not in {speaker for speaker, _ in got}
    assert ("I", "Was that a good time?\nWell, mostly it was.") in got
