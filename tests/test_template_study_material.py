"""`qlr info --template` and loading on a folder where minutes and field notes sit beside dated interviews, or alone
(a new user's finding, stop 43): records and notes are the study's, dated, and at the wave their date falls in."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

import qlr
from qlr.errors import ManifestError

from .conftest import write

TALK = "Interviewer: How is the allotment run?\nParticipant: {said}\nInterviewer: Anything else?\nParticipant: Not really.\n"
BOARD = "Allotment Board Meeting\n{day}\n\nPresent: Lin (chair), Rosa, the secretary.\n\nThe plots were shared out again.\n"
NOTES = (
    "# Field notes, allotment project\n\n## 4 February 2025\nFirst visit; the secretary did most of the talking.\n\n"
    "## 18 February 2025\nRosa asked about the water rota.\n\n## 25 August 2025\nBack after the summer; the plotholders chair now.\n"
)


def _interviews(root: Path) -> None:
    write(root / "interview_Rosa_2025-02-03.txt", TALK.format(said="The board decides everything."))
    write(root / "interview_Rosa_2025-08-21.txt", TALK.format(said="We vote on the plots now."))
    write(root / "interview_Tomas_2025-02-06.txt", TALK.format(said="I just grow beans."))


def _material(root: Path) -> None:
    write(root / "minutes" / "board_meeting_spring.txt", BOARD.format(day="14 February 2025"))
    write(root / "minutes" / "board_meeting_autumn.txt", BOARD.format(day="2 October 2025"))
    write(root / "minutes" / "open_day.txt", "Open day - notes\n\nStalls and a raffle; nobody kept the date.\n")
    write(root / "notes" / "fieldnotes.md", NOTES)


def _template(root: Path) -> tuple[str, dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = qlr.io.template_for(root)
    return text, yaml.safe_load(text)


def _loaded(root: Path) -> qlr.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(root, progress=False)


def test_minutes_and_notes_beside_dated_interviews_keep_the_interviews_two_waves(tmp_path):
    root = tmp_path / "study"
    _interviews(root)
    _material(root)
    text, data = _template(root)
    # Before: one wave, both of Rosa's interviews at W1 (3 of 7 files dated by name: under half).
    assert [wave["id"] for wave in data["waves"]] == ["W1", "W2"]
    placed = {doc["path"]: (doc.get("case"), doc.get("wave"), doc.get("date")) for doc in data["documents"]}
    assert placed["interview_Rosa_2025-02-03.txt"] == ("Rosa", "W1", "2025-02-03")
    assert placed["interview_Rosa_2025-08-21.txt"] == ("Rosa", "W2", "2025-08-21")
    assert placed["interview_Tomas_2025-02-06.txt"] == ("Tomas", "W1", "2025-02-06")
    # The minutes are the study's, at the wave in progress on their header's date; the undated one at none.
    assert placed["minutes/board_meeting_spring.txt"] == (None, "W1", "2025-02-14")
    assert placed["minutes/board_meeting_autumn.txt"] == (None, "W2", "2025-10-02")
    assert placed["minutes/open_day.txt"] == (None, None, None)
    assert placed["notes/fieldnotes.md"] == (None, "dates", None)
    assert [case["id"] for case in data["cases"]] == ["Rosa", "Tomas"]
    assert "at the wave in progress on its date" in text
    # The template loads back: Tomas is seen at W1 only, Rosa at both.
    write(root / "study.yaml", text)
    study = _loaded(root)
    seen = study.documents.dropna(subset=["case_id"]).groupby("case_id")["wave_id"].apply(sorted).to_dict()
    assert seen == {"Rosa": ["W1", "W2"], "Tomas": ["W1"]}


def test_a_folder_of_minutes_and_notes_alone_makes_no_participant(tmp_path):
    root = tmp_path / "study"
    _material(root)
    text, data = _template(root)
    # Before: each minutes file a participant ('board_spring', …) and the notes a case 'C01'.
    assert data["cases"] == []
    assert all("case" not in doc for doc in data["documents"])
    assert "in a folder of no interview" in text
    # Dated, at no wave while the waves have no dates: said, with what to do.
    assert "the study's dated material at no wave" in text and "minutes/board_meeting_autumn.txt (2025-10-02)" in text


def test_the_studys_dated_records_load_at_the_wave_their_date_falls_in(tmp_path):
    root = tmp_path / "study"
    _material(root)
    manifest = (
        "name: Allotments\nwaves:\n  - {id: W1, label: Spring, start: 2025-02-01, end: 2025-02-28}\n"
        "  - {id: W2, label: Autumn, start: 2025-08-01, end: 2025-10-31}\n"
        "documents:\n  - {path: minutes/*, kind: document}\n  - {path: notes/fieldnotes.md, kind: observation, wave: dates}\n"
    )
    write(root / "study.yaml", manifest)
    study = _loaded(root)
    waves = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    # An entry with no wave stays at none (the manifest's word), but the header's date inside a wave's dates is said;
    # before, nothing was said ("W1: Spring, 0 documents").
    assert study.documents.loc[study.documents["kind"] == "document", "wave_id"].isna().all()
    assert any(
        "2 of the study's record(s) at no wave (their entries give none), though a wave's dates hold the date the file "
        "states: board_meeting_autumn (2025-10-02: W2), board_meeting_spring (2025-02-14: W1)" in note
        for note in study.meta["inferred"]
    )
    # 'wave: dates' on the glob (refused before: "it is kind 'document'") puts each at the wave its date falls in.
    write(root / "study.yaml", manifest.replace("kind: document}", "kind: document, wave: dates}"))
    study = _loaded(root)
    waves = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    assert waves["board_meeting_spring"] == "W1" and waves["board_meeting_autumn"] == "W2"
    assert pd.isna(waves["open_day"])  # undated: no wave, warned of
    assert any("each at the wave its date falls in" in note for note in study.meta["inferred"])


def test_wave_dates_is_accepted_for_the_studys_records_not_a_cases_interview(tmp_path):
    root = tmp_path / "study"
    _material(root)
    waves = "waves:\n  - {id: W1, start: 2025-02-01, end: 2025-02-28}\n  - {id: W2, start: 2025-08-01, end: 2025-08-31}\n"
    write(root / "study.yaml", "name: A\n" + waves + "documents:\n  - {path: minutes/*, kind: document, wave: dates}\n  - {path: notes/*, kind: observation}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    said = [str(w.message) for w in caught]
    assert any("read whole, at no wave: open_day.txt: it has no date" in message for message in said)
    assert any("board_meeting_autumn.txt (2025-10-02 read at W2)" in message for message in said)
    waves_of = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    # October falls in no wave's dates: by 'wave: dates', the wave in progress (the last begun), and said.
    assert waves_of["board_meeting_autumn"] == "W2" and waves_of["board_meeting_spring"] == "W1"
    write(root / "study.yaml", "name: A\ncases: [{id: Rosa}]\n" + waves + "documents:\n  - {path: minutes/open_day.txt, case: Rosa, kind: document, wave: dates}\n")
    with pytest.raises(ManifestError, match="it is kind 'document', of case 'Rosa'"):
        qlr.load(root, progress=False)


def test_a_persons_two_interviews_in_one_wave_are_said(tmp_path):
    root = tmp_path / "study"
    write(root / "Rosa" / "first talk.txt", TALK.format(said="The board decides."))
    write(root / "Rosa" / "second talk.txt", TALK.format(said="We vote now."))
    write(root / "Tomas" / "talk.txt", TALK.format(said="Beans."))
    text, data = _template(root)
    assert [line for line in text.splitlines() if line.startswith("# Check:")] == [
        "# Check: 1 case(s) with more than one interview in one wave, which nothing in the names or dates put in waves "
        "of their own: Rosa at W1 (Rosa/first talk.txt, Rosa/second talk.txt); give each its 'wave:' (and the waves their "
        "dates), or keep them together if they are one interview's sessions"
    ]


def test_a_manifest_giving_a_persons_two_interviews_one_wave_is_noted(tmp_path):
    root = tmp_path / "study"
    _interviews(root)
    write(root / "study.yaml", "name: A\nwaves: [W1]\ncases: [{id: Rosa}, {id: Tomas}]\ndocuments:\n  - {path: 'interview_Rosa_*', case: Rosa, wave: W1}\n  - {path: 'interview_Tomas_*', case: Tomas, wave: W1}\n")
    study = _loaded(root)
    # Before: nothing said; Rosa's February and August interviews counted as one wave's.
    assert any(
        note.startswith("1 case(s) with more than one interview at one wave, each counted there: Rosa at W1 (interview_Rosa_2025-02-03, interview_Rosa_2025-08-21)")
        for note in study.meta["inferred"]
    )
