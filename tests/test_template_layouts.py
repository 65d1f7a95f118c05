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
