"""Fixes from reading stop 34's diff: lookalike inputs, in words of our own, where a new rule fired wrongly."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import FilesNotLoadedWarning, InferenceWarning, NoInterviewerWarning, RowsRefusedWarning

from .conftest import write


def _load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False)
    return study, [w for w in caught if not issubclass(w.category, NoInterviewerWarning)]


# ------------------------------------------------------------------ removal notices
def test_only_a_transcripts_file_is_taken_for_a_removal_notice(tmp_path):
    # A short field note, memo or survey answer that says a file was removed, or that someone did not
    # consent to sharing, is that note: it was dropped as "a notice that a transcript was removed".
    write(tmp_path / "P01_W2_fieldnotes.txt", "Field note, 3 May.\nThe recording of the second interview was corrupted, so the file has been removed from the project folder. Notes from memory instead.\n")
    write(tmp_path / "P02_W1_memo.txt", "Consent note.\nP02 agreed to take part but did not consent to data sharing beyond the team, so no quotes in the deposit.\n")
    write(tmp_path / "P03_W1_interview.txt", "This transcript has been removed from the dataset because P03 did not consent to data sharing.\n")
    write(tmp_path / "P04_W1_interview.txt", "Interviewer: How are things?\nP04: Much the same, thanks.\n")
    study, caught = _load(tmp_path)
    said = [str(w.message) for w in caught if "a notice that a transcript was removed" in str(w.message)]
    assert len(said) == 1 and "P03_W1_interview.txt" in said[0]
    # Data left out: a FilesNotLoadedWarning (exit 3, not hidden by -q), not a guess.
    assert [w.category for w in caught if "a notice that a transcript" in str(w.message)] == [FilesNotLoadedWarning]
    assert sorted(study.documents["doc_id"]) == ["P01_W2_fieldnotes", "P02_W1_memo", "P04_W1_interview"]


def test_a_survey_answer_about_consent_is_the_respondents(tmp_path):
    head = (
        "StartDate,EndDate,Status,RecordedDate,ResponseId,ExternalReference,Q2_TEXT\n"
        "Start Date,End Date,Response Type,Recorded Date,Response ID,External Data Reference,How is the group run these days?\n"
        + ",".join(f'"{{""ImportId"":""{key}""}}"' for key in ("startDate", "endDate", "status", "recordedDate", "_recordId", "externalDataReference", "QID2_TEXT"))
        + "\n"
    )
    rows = [("R_1", "P01", "The staff run the rota."), ("R_2", "P02", "I did not consent to data sharing with the council, so they know nothing.")]
    body = "".join(f"2024-03-04 10:00:00,2024-03-04 10:05:00,0,2024-03-04 10:05:00,{r},{p},{t}\n" for r, p, t in rows)
    write(tmp_path / "exports/wave1.csv", head + body)
    write(tmp_path / "study.yaml", "name: q\nresponses:\n  - path: exports/wave1.csv\n    wave: W1\n")
    study, caught = _load(tmp_path)
    assert sorted(study.documents["case_id"]) == ["P01", "P02"]
    assert not [w for w in caught if "removed" in str(w.message)]


# -------------------------------------------------------------- Qualtrics' Status
def test_a_question_named_status_is_not_qualtrics_status_column(tmp_path):
    # An export without Qualtrics' metadata columns, and a question the researcher named "Status"
    # (numeric values 1, 2, 3): its answers 1 and 2 are respondents', not previews and tests.
    head = (
        "StartDate,EndDate,RecordedDate,ResponseId,ExternalReference,Status,Q2_TEXT\n"
        "Start Date,End Date,Recorded Date,Response ID,External Data Reference,What is your housing status?,How is the group run these days?\n"
        + ",".join(f'"{{""ImportId"":""{key}""}}"' for key in ("startDate", "endDate", "recordedDate", "_recordId", "externalDataReference", "QID5", "QID2_TEXT"))
        + "\n"
    )
    rows = [("R_1", "P01", "1", "The staff run the rota."), ("R_2", "P02", "2", "We plan it together now."), ("R_3", "P03", "3", "I have stopped going.")]
    body = "".join(f"2024-03-04 10:00:00,2024-03-04 10:05:00,2024-03-04 10:05:00,{r},{p},{s},{t}\n" for r, p, s, t in rows)
    write(tmp_path / "exports/wave1.csv", head + body)
    write(tmp_path / "study.yaml", "name: q\nresponses:\n  - path: exports/wave1.csv\n    wave: W1\n")
    study, caught = _load(tmp_path)
    assert sorted(study.documents["case_id"]) == ["P01", "P02", "P03"]
    assert not [w for w in caught if issubclass(w.category, RowsRefusedWarning)]


# -------------------------------------------------------------- Markdown headings
def test_a_markdown_heading_that_names_a_section_is_no_turn(tmp_path):
    # "## Participant: early life" heads a section of the interview guide over turns labelled by
    # name: it was read as a participant's turn saying "early life".
    write(
        tmp_path / "P06_W1_interview.md",
        "# P06, first interview\n\n## Participant: early life\n\nMaria: Where did you grow up?\n\nJohn: In Leeds.\n\n"
        "Maria: And school?\n\nJohn: I left at sixteen.\n\n## Participant: Work History\n\nMaria: What then?\n\nJohn: Building sites.\n",
    )
    study, _ = _load(tmp_path)
    assert "Participant" not in set(study.segments["speaker"].dropna())
    text = study.documents["text"].iloc[0]
    headings = [text[start:end] for start, end, speaker in zip(study.segments["start"], study.segments["end"], study.segments["speaker"]) if speaker is None or speaker is pd.NA]
    assert any("## Participant: Work History" in h for h in headings)


def test_a_markdown_heading_declaring_who_interviews_is_still_the_header(tmp_path):
    write(tmp_path / "P07_W1_interview.md", "### Interviewer: Maria Lewalska\n### Participant: John Hart\n\nMaria: Where did you grow up?\n\nJohn: In Leeds.\n\nMaria: And school?\n\nJohn: I left at sixteen.\n")
    study, _ = _load(tmp_path)
    roles = dict(zip(study.segments["speaker"].dropna(), study.segments["speaker_role"].dropna()))
    assert roles == {"Maria": "interviewer", "John": "participant"}


# ---------------------------------------------------------------- depositor's prefix
@pytest.mark.parametrize(
    ("names", "other"),
    [
        (["P01_1.txt", "P01_2.txt", "P01_3.txt"], "P01 case summary.txt"),  # one participant's folder
        (["Anna_2019.txt", "Anna_2020.txt", "Anna_2021.txt"], "Anna_notes_v2.txt"),  # yearly waves
        (["Anna_age15.txt", "Anna_age18.txt"], "Anna_notes_v2.txt"),  # waves by age, as Timescapes named them
        (["Anna_6m.txt", "Anna_12m.txt"], "Anna_notes_v2.txt"),  # months since the start
        (["Anna_Y1.txt", "Anna_Y2.txt"], "Anna_notes_v2.txt"),
    ],
)
def test_one_persons_waves_beside_a_file_of_theirs_stay_one_case(tmp_path, names, other):
    for name in [*names, other]:
        write(tmp_path / name, "Interviewer: How are things?\nParticipant: Much the same, thanks.\n")
    study, caught = _load(tmp_path)
    assert len(study.cases) == 1 and len(study.waves) == len(names)
    assert not [w for w in caught if issubclass(w.category, InferenceWarning) and "study's name" in str(w.message)]


def test_a_depositors_name_opening_every_file_is_still_the_studys(tmp_path):
    for n in (1, 2, 3):
        write(tmp_path / f"Mannheimer_BSR0{n}_Transcript.txt", "Interviewer: How are things?\nParticipant: Much the same, thanks.\n")
    write(tmp_path / "Mannheimer_Codebook.txt", "Trust: believing the staff.\n")
    study, _ = _load(tmp_path)
    assert sorted(study.cases["case_id"]) == ["BSR01", "BSR02", "BSR03"]
