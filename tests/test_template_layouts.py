"""`qlr info --template` on a folder laid out by wave, as a new user's was: one file per person at the top, project documents."""

from __future__ import annotations

import warnings
from pathlib import Path

import yaml

import qlr
from qlr.errors import InferenceWarning

from .conftest import write

TALK = "Interviewer: How have things been?\nParticipant: Busy, but fine. We run the group ourselves now.\n"
BOTH = (
    "Interview 1 - 12 March 2021\n\n" + TALK + "Interviewer: And the rota?\nParticipant: We share it.\n\n"
    "Interview 2 - 6 October 2021\n\n" + TALK + "Interviewer: Anything new?\nParticipant: A second group.\n"
)


def _folder(root: Path) -> Path:
    for wave in (1, 2):
        for person in ("P1", "P2", "P3"):
            write(root / f"Wave {wave}" / f"{person}.txt", TALK)
    write(root / "Wave 3" / "P1 follow-up (anonymised).txt", TALK)
    write(root / "Wave 3" / "P2 follow-up (anonymised).txt", TALK)
    write(root / "P4 all interviews.txt", BOTH)
    write(root / "documents" / "Project narrative.txt", "The project began in 2020 with three partner groups.\n")
    return root


def test_the_template_finds_four_people_and_the_studys_own_document(tmp_path):
    root = _folder(tmp_path / "study")
    text = qlr.io.template_for(root)
    data = yaml.safe_load(text)
    # Before: 7 cases — 'P1_follow_up' and 'P2_follow_up' (a wave's word in a name under a wave's folder),
    # 'C01' for the file above the wave folders, and the project's document as a participant.
    assert [case["id"] for case in data["cases"]] == ["P1", "P2", "P3", "P4"]
    placed = {doc["path"]: (doc.get("case"), doc.get("wave"), doc["kind"]) for doc in data["documents"]}
    assert placed["Wave 3/P1 follow-up (anonymised).txt"] == ("P1", "W3", "interview")
    assert placed["P4 all interviews.txt"] == ("P4", "headings", "interview")
    assert placed["documents/Project narrative.txt"] == (None, None, "document")
    assert any("the study's material (no case): documents/Project narrative.txt" in line for line in text.splitlines())
    # The template loads back as written, with the document as study-level material.
    write(root / "study.yaml", text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    assert set(study.cases["case_id"]) == {"P1", "P2", "P3", "P4"}
    narrative = study.documents[study.documents["kind"] == "document"]
    assert len(narrative) == 1 and narrative["case_id"].isna().all()
    assert sorted(study.documents.loc[study.documents["case_id"] == "P4", "wave_id"]) == ["W1", "W2"]
    # "wave: headings" states the split: said in the load notes, not warned of on every command.
    assert not [w for w in caught if issubclass(w.category, InferenceWarning) and "hold several interviews" in str(w.message)]
    assert any("2 interviews under headings of their own" in note for note in study.meta["inferred"])


def test_a_file_of_several_interviews_whose_wave_nothing_states_is_still_warned_of(tmp_path):
    root = tmp_path / "study"
    write(root / "P4 all interviews.txt", BOTH)
    write(root / "study.yaml", "documents:\n  - path: P4 all interviews.txt\n    case: P4\n    kind: interview\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(root, progress=False)
    assert [w for w in caught if "hold several interviews" in str(w.message)]


def _cases_and_waves(root: Path) -> dict[str, tuple[str, str]]:
    data = yaml.safe_load(qlr.io.template_for(root))
    return {doc["path"]: (doc.get("case"), doc.get("wave")) for doc in data["documents"]}


def test_a_waves_number_repeated_in_names_below_its_folder_is_the_wave(tmp_path):
    # "Wave 2/P1 T2.txt": the T2 says the folder's wave again. It had made cases P1_T1 and P1_T2 of one person.
    root = tmp_path / "study"
    for wave, word in ((1, "T1"), (2, "T2"), (3, "Time 3")):
        for person in ("P1", "P2"):
            write(root / f"Wave {wave}" / f"{person} {word}.txt", TALK)
    placed = _cases_and_waves(root)
    assert placed["Wave 1/P1 T1.txt"] == ("P1", "W1")
    assert placed["Wave 2/P2 T2.txt"] == ("P2", "W2")
    assert placed["Wave 3/P1 Time 3.txt"] == ("P1", "W3")
    assert sorted({case for case, _ in placed.values()}) == ["P1", "P2"]


def test_participant_numbers_below_wave_folders_are_still_people(tmp_path):
    # "Wave 1/T01.txt" … "Wave 1/T03.txt": numbers that do not follow the folders are participants' codes,
    # though the first of them happens to give its folder's number.
    root = tmp_path / "study"
    for wave in (1, 2):
        for person in ("T01", "T02", "T03"):
            write(root / f"Wave {wave}" / f"{person}.txt", TALK)
    placed = _cases_and_waves(root)
    assert placed["Wave 1/T01.txt"] == ("T01", "W1")
    assert placed["Wave 2/T03.txt"] == ("T03", "W2")
    assert sorted({case for case, _ in placed.values()}) == ["T01", "T02", "T03"]
