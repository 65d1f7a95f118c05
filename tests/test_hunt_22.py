"""Real files, twenty-second pass: lookalikes of layouts found in published transcripts (stop 50).

A course's needfinding interviews kept in Markdown, one file per person and language, the questions set as headings
over the answers, with the team's summary of each interview beside it ("Ann-transcript.md", "Ann-summary.md") and a
blank transcript to fill in under "Templates/"; and a hearing as the US Congress prints it, each turn opening with
a title, the surname in capitals and a full stop ("Mr. NIELDS. In Nicaragua?"). Every file here is written by the
test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from pathlib import Path

import pytest
import yaml

import qlr
from qlr.io._load import template_for
from qlr.io._readers import read_source
from qlr.io._segment import segment_turns

from .conftest import write


def _needfinding(name: str) -> str:
    questions = ("What keeps you busy in a day?", "Who decides what to plant?", "How do you feel in a group?", "How did the last meeting come about?", "How was the choice made?")
    asked = "".join(f"## Question {n}: {q}\n\n*\"Answer {n}, at the allotment.\"*\n\n### Can you say more?\n\n*\"More on {n}.\"*\n\n" for n, q in enumerate(questions, 1))
    return f"# Info\nInterviewee: {name}\n\n| Age | Gender |\n| --- | ------ |\n| 30  | female |\n\n# Transcript\n\n" + asked


def _summary(name: str) -> str:
    return (
        f"# Summary of Interview with {name}\n\n## Person Related Summary\n\n{name} keeps an allotment and finds "
        "group decisions slow.\n\n## Observations\n\n- Decisions are made by vote at the shed.\n- Prefers small groups.\n"
    )


_BLANK = "# Info\nInterviewer: \n\n# Transcript\n## Question 1: What keeps you busy in a day?\n\n## Question 2: How do you feel in a group?\n"


def _documents(template: str) -> dict[str, dict]:
    return {entry["path"]: entry for entry in yaml.safe_load(template)["documents"]}


def test_a_summary_beside_an_interview_is_that_person_s_document(tmp_path):
    # Before: "Ann-summary.md" was a second participant, "Ann summary", and its paragraphs an interview with no
    # speaker label (a warning for each summary).
    root = tmp_path / "Interviews"
    for name in ("Ann", "Bo"):
        write(root / f"{name}-transcript.md", _needfinding(name))
        write(root / f"{name}-summary.md", _summary(name))
    template = template_for(root)
    documents = _documents(template)
    assert {path: (entry.get("case"), entry["kind"]) for path, entry in documents.items()} == {
        "Ann-summary.md": ("Ann", "document"),
        "Ann-transcript.md": ("Ann", "interview"),
        "Bo-summary.md": ("Bo", "document"),
        "Bo-transcript.md": ("Bo", "interview"),
    }
    write(root / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(root, progress=False)
    assert sorted(study.cases.case_id) == ["Ann", "Bo"]
    segments = study.tables["segments"]
    # Ten questions (a heading each) and ten answers in each interview; the summaries are paragraphs of no one.
    kinds = dict(zip(study.documents.doc_id, study.documents.kind))
    interviews = segments[segments.doc_id.map(kinds) == "interview"]
    assert Counter(interviews.speaker_role.dropna()) == {"interviewer": 20, "participant": 20}  # and each header, no one's
    assert segments[segments.doc_id.map(kinds) == "document"].speaker.isna().all()


def test_a_summary_in_german_and_a_person_s_id_beside_the_word(tmp_path):
    root = tmp_path / "study"
    write(root / "Ann-transcript.md", _needfinding("Ann"))
    write(root / "Ann Zusammenfassung.md", _summary("Ann"))
    write(root / "Interview summary P02.md", _summary("P02"))
    write(root / "P02-transcript.md", _needfinding("P02"))
    documents = _documents(template_for(root))
    assert documents["Ann Zusammenfassung.md"]["case"] == "Ann" and documents["Ann Zusammenfassung.md"]["kind"] == "document"
    assert documents["Interview summary P02.md"]["case"] == "P02"


def test_a_summary_whose_name_holds_no_one_s_is_the_study_s(tmp_path):
    # After review (stop 50): "Summary of findings.md" was a participant "findings" (on main, "Summary_findings").
    root = tmp_path / "Interviews"
    for name in ("Ann", "Bo"):
        write(root / f"{name}-transcript.md", _needfinding(name))
        write(root / f"{name}-summary.md", _summary(name))
    write(root / "Summary of findings.md", "# Summary of findings\n\nDecisions are made by vote at the shed.\n")
    template = template_for(root)
    documents = _documents(template)
    assert "case" not in documents["Summary of findings.md"] and documents["Summary of findings.md"]["kind"] == "document"
    assert documents["Ann-summary.md"]["case"] == "Ann"
    assert sorted(case["id"] for case in yaml.safe_load(template)["cases"]) == ["Ann", "Bo"]


def test_a_blank_transcript_template_is_the_study_s_material(tmp_path):
    # Before: "Templates/Template-1-transcript.md" was a participant called "Templates" (its questions an
    # interviewer's turns), and "interview guide 2.md" a participant called "2".
    root = tmp_path / "Interviews"
    for name in ("Ann", "Bo"):
        write(root / f"{name}-transcript.md", _needfinding(name))
    write(root / "Templates" / "Template-1-transcript.md", _BLANK)
    write(root / "interview guide 2.md", "1. What keeps you busy in a day?\n2. How do you feel in a group?\n")
    template = template_for(root)
    documents = _documents(template)
    assert "case" not in documents["Templates/Template-1-transcript.md"] and documents["Templates/Template-1-transcript.md"]["kind"] == "document"
    assert "case" not in documents["interview guide 2.md"]
    assert sorted(case["id"] for case in yaml.safe_load(template)["cases"]) == ["Ann", "Bo"]


def test_a_guide_s_number_names_no_one_but_a_tour_guide_s_does(tmp_path):
    # "guide_01_W1.txt", a number after the word and a wave as interviews are named, is tour guide 01's interview.
    root = tmp_path / "tours"
    write(root / "guide_01_W1.txt", "Interviewer: Where do the tours start?\n\nGuide: At the bridge.\n\nInterviewer: And end?\n\nGuide: At the mill.\n")
    write(root / "guide_02_W1.txt", "Interviewer: Where do the tours start?\n\nGuide: At the church.\n\nInterviewer: And end?\n\nGuide: At the mill.\n")
    cases = sorted(case["id"] for case in yaml.safe_load(template_for(root))["cases"])
    assert cases == ["guide_01", "guide_02"]


_HEARING = (
    "Mr. NIELDS. What was the project you were then engaged in?\n"
    "Mr. SECORD. An airlift, to make parachute drops to the forces in the field.\n"
    "Mr. NIELDS. In the north?\n"
    "Mr. SECORD. In the north.\n"
    "Chairman INOUYE.\n"
    "The committee will stand in recess for ten minutes.\n"
    "Mr. McFARLANE. May I add one thing, Mr. Chairman?\n"
    "Mr. VAN CLEVE. Please do.\n"
    "Mr. McFARLANE. The drops were made by night.\n"
)


def test_a_printed_hearing_s_labels_end_with_a_full_stop():
    # Before: no label was read, the whole hearing one speaker's paragraphs (a warning suggested "Mr. SECORD. In
    # the north.:" as a label to declare).
    turns = segment_turns(_HEARING)
    assert [turn.speaker for turn in turns] == [
        "Mr. NIELDS", "Mr. SECORD", "Mr. NIELDS", "Mr. SECORD", "Chairman INOUYE", "Mr. McFARLANE", "Mr. VAN CLEVE", "Mr. McFARLANE",
    ]  # fmt: skip
    assert [_HEARING[turn.start : turn.end].strip() for turn in turns][3:5] == ["In the north.", "The committee will stand in recess for ten minutes."]


def test_a_bold_hearing_label_with_its_full_stop_outside_the_bold():
    text = "**Mr. NIELDS**. Where was the money put?\n\n**Mr. SECORD**. In a bank abroad.\n\n**Mr. NIELDS**. Whose?\n\n**Mr. SECORD**. Ours.\n"
    assert [turn.speaker for turn in segment_turns(text)] == ["Mr. NIELDS", "Mr. SECORD", "Mr. NIELDS", "Mr. SECORD"]


@pytest.mark.parametrize(
    "text",
    [
        # One such line alone is a sentence, not a turn.
        "Dr. MOSS. He came at nine and left at ten.\nWe never saw him again after that.\n",
        # A name in ordinary case with a full stop is words.
        "Mr. Smith. He came at nine.\nMrs. Jones. She came at ten.\nMr. Smith. He left first.\n",
    ],
)
def test_a_title_and_a_name_with_a_full_stop_elsewhere_is_no_label(text):
    assert {turn.speaker for turn in segment_turns(text) or []} <= {None}


# Field notes hard-wrapped at a fixed width, so that a name in capitals falls at the start of a line in mid-sentence.
_WRAPPED_NOTES = (
    "Home visit, 3 May. I rang twice and was then sent round the back to\n"
    "Mrs. OKAFOR. She said her son had moved out in the winter. I asked about\n"
    "Mr. BRANDT. Did he still call on Sundays? She was not sure. I was sent back to\n"
    "Mrs. OKAFOR. She showed me the letters from the council, and I asked after\n"
    "Mr. BRANDT. once more. She said he had stopped coming.\n"
)

# A list of the people the interviews name, each name alone on its line and a note below it.
_PEOPLE = (
    "People named in the interviews (pseudonyms):\n\n"
    "Mrs. OKAFOR.\nThe participant's landlady; collected the rent in cash (how often? not said).\n\n"
    "Mr. BRANDT.\nA neighbour since 2012.\n\n"
    "Mrs. OKAFOR.\nNamed again at wave 2, now abroad.\n\n"
    "Mr. BRANDT.\nNamed again at wave 2: moved away.\n"
)


@pytest.mark.parametrize("text", [_WRAPPED_NOTES, _PEOPLE], ids=["wrapped-notes", "list-of-people"])
def test_names_in_capitals_in_notes_or_a_list_are_no_hearing_labels(text):
    # After review (stop 50): the hard-wrapped notes gave four turns of "Mrs. OKAFOR" and "Mr. BRANDT" (the names cut
    # out of the sentences, "once more." a turn of its own) and the list four; both are unlabelled text, as before the pass.
    assert segment_turns(text) is None


# A hearing where a label follows a heading in capitals or an answer with no full stop (a third review, stop 50: each
# such label was folded into the turn before, giving the witness the counsel's question).
_HEARING_WITH_A_HEADING = (
    "Mr. SMITH. Where were you on the night of the 5th?\nMr. JONES. At home, sir.\nTESTIMONY OF JAMES JONES\n"
    "Mr. SMITH. And who was with you?\nMr. JONES. My wife.\nMr. SMITH. And then what?\nMr. JONES. We slept\n"
    "Mr. SMITH. Is that so?\nMr. JONES. 12 hours.\n"
)


def test_a_hearing_label_after_a_heading_or_an_answer_without_a_full_stop_is_still_a_turn():
    turns = segment_turns(_HEARING_WITH_A_HEADING)
    assert [turn.speaker for turn in turns] == ["Mr. SMITH", "Mr. JONES"] * 4
    assert all("Mr. SMITH." not in _HEARING_WITH_A_HEADING[turn.start : turn.end] for turn in turns)


def test_wrapped_field_notes_load_as_one_unlabelled_document(tmp_path):
    write(tmp_path / "P02_W1_interview.txt", _WRAPPED_NOTES)
    with pytest.warns(qlr.errors.NoInterviewerWarning, match="no speaker label qlr recognises"):
        study = qlr.load(tmp_path, progress=False)
    assert study.segments.speaker.isna().all()
    assert "I asked about\nMr. BRANDT. Did he" in study.documents.text.iloc[0]


_HCI = Path(os.environ.get("QLR_HUNT_22", "/tmp/s51/h22-scratch")) / "hci" / "Data" / "Needfinding" / "Interviews"
_IRANCONTRA = Path(os.environ.get("QLR_HUNT_22", "/tmp/s51/h22-scratch")) / "ich" / "rs-1.html"


@pytest.mark.skipif(not (_HCI / "Agnesi-summary.md").is_file(), reason="the fetched needfinding interviews are not on this machine")
def test_the_real_needfinding_folder_has_one_case_per_person():
    # Counted from the folder: 14 people (the Makefile's INTERVIEWEES), each with a summary and one transcript or two.
    template = yaml.safe_load(template_for(_HCI))
    assert len(template["cases"]) == 14
    assert _documents(yaml.safe_dump(template))["Agnesi-summary.md"]["case"] == "Agnesi"


@pytest.mark.skipif(not _IRANCONTRA.is_file(), reason="the fetched hearing transcripts are not on this machine")
def test_the_real_printed_hearing_reads_its_two_speakers():
    # Counted from the file: 42 "<strong>Mr. NIELDS</strong>." and 41 "<strong>Mr. SECORD</strong>." openings.
    turns = segment_turns(read_source(_IRANCONTRA).text)
    assert Counter(turn.speaker for turn in turns) == {"Mr. NIELDS": 42, "Mr. SECORD": 41}
