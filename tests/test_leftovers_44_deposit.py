"""Deposit, project, pooling and codebook leftovers of stop 44: a deposit loaded as a deposit, a project with no waves,
pooled waves' dates, and denials the codebook gives as evidence.

Small hand-written studies: stop 43's tool library (its W2 planned and never held) deposited, and allotment and seed
bank studies of a case or two, Dee asking the questions.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import qlr
from qlr.io import template_for

from .conftest import write
from .test_analysis_cli_leftovers_43 import TALK, _library, _quiet
from .test_assertion import _statuses
from .test_hostile_sweep import _write_archive

# 1. A deposit folder with no study.yaml is read as a deposit: through its data lists and project.qdpx.


def _deposited(tmp_path: Path) -> tuple[qlr.Study, Path]:
    study = _quiet(qlr.load, _library(tmp_path / "library"), progress=False)
    return study, qlr.pseudo.deposit(_quiet(qlr.pseudonymise, study), tmp_path / "deposit")


def test_a_deposit_without_a_study_yaml_keeps_its_empty_wave_and_absences(tmp_path):
    study, folder = _deposited(tmp_path)
    assert not (folder / "study.yaml").exists()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = qlr.load(folder, progress=False)
    # Read by its names it had two waves (W1, W3), three cases, Jo "dropped out" and no interviewer.
    assert list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    assert list(back.waves["label"]) == ["Spring", "Summer", "Winter"]
    assert back.attrition().drop(columns="role").equals(study.attrition().drop(columns="role"))
    assert back.attrition().loc["T3", "W2"] == "not scheduled" and back.attrition().loc["T4", "pattern"] == "never seen"
    assert list(back.cases["role"]) == ["lender", "borrower", "lender", "borrower"]
    assert not [w for w in caught if "interviewer" in str(w.message)]  # the lists' speakers column says Dee asks
    notes = back.meta["inferred"]
    assert notes[0].startswith("no study.yaml: read as qlr's deposit, through its data lists (data_list_W1.csv, data_list_W2.csv, data_list_W3.csv)")
    assert "project.qdpx" in notes[1] and "planned waves" in notes[1]
    assert "manifest" not in back.meta


def test_a_deposit_loaded_as_it_is_equals_it_loaded_through_its_template(tmp_path):
    _, folder = _deposited(tmp_path)
    direct = _quiet(qlr.load, folder, progress=False)
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in folder.rglob("*"):
        if path.is_file():
            write(copy / path.relative_to(folder), path.read_bytes())
    write(copy / "study.yaml", template_for(folder))
    templated = _quiet(qlr.load, copy, progress=False)
    for table in ("cases", "waves", "case_waves", "documents", "segments"):
        assert getattr(direct, table).drop(columns="source", errors="ignore").equals(getattr(templated, table).drop(columns="source", errors="ignore")), table


@pytest.mark.parametrize("name", ["list.csv", "data_list_W1.csv"])
def test_a_folder_with_another_archive_s_data_list_is_still_read_by_its_names(tmp_path, name):
    # Only qlr's own deposit's lists (its header) are read unasked: another list may name fewer files than the names give.
    root = tmp_path / "archive"
    write(root / "G1_W1_interview.txt", TALK.format(name="Ros", words="We pick.", more="Me."))
    write(root / "G2_W1_interview.txt", TALK.format(name="Tam", words="They pick.", more="Them."))
    write(root / "G2_W2_interview.txt", TALK.format(name="Tam", words="We pick now.", more="Us."))
    write(root / name, "File name,Participant,Interview date\nG1_W1_interview.txt,G1,2025-04-02\nG2_W1_interview.txt,G2,2025-04-03\n")
    study = _quiet(qlr.load, root, progress=False)
    assert len(study.documents) == 3 and list(study.waves["wave_id"]) == ["W1", "W2"]
    assert study.meta["inferred"][0].startswith("no study.yaml: read 3 file(s) named {case}_{wave}_{kind}")


# 2. A project with no waves: qlr's own reads back with none; another tool's is one wave W1, said.

ALLOTMENT = """name: Allotment
cases:
  - {id: A1, label: Ros Hale}
  - {id: A2, label: Tam Ocho}
speakers: {Dee: interviewer}
documents:
  - {path: ros.txt, case: A1}
  - {path: tam.txt, case: A2}
"""


def _no_waves(root: Path) -> qlr.Study:
    write(root / "study.yaml", ALLOTMENT)
    write(root / "ros.txt", TALK.format(name="Ros", words="The trustees pick.", more="Trustees."))
    write(root / "tam.txt", TALK.format(name="Tam", words="We pick together.", more="Us."))
    return _quiet(qlr.load, root, progress=False)


def test_a_project_qlr_wrote_of_a_study_with_no_waves_reads_back_with_none(tmp_path):
    study = _no_waves(tmp_path / "allotment")
    assert study.waves.empty
    path = tmp_path / "allotment.qdpx"
    qlr.io.write_qdpx(study, path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = qlr.io.read_qdpx(path)
    assert back.waves.empty and back.documents["wave_id"].isna().all()  # was one wave W1, every case "complete"
    assert back.attrition().equals(study.attrition())
    assert not [w for w in caught if "no wave given" in str(w.message)]
    assert any(note.startswith("no wave: qlr wrote this project of a study with no waves") for note in back.meta["inferred"])


def test_another_tool_s_project_with_no_wave_is_one_wave_w1_said_in_the_load_notes(tmp_path):
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="plots" origin="SomeTool 3">'
        '<Sources><TextSource guid="dddddddd-0000-0000-0000-000000000001" name="ros.txt" plainTextPath="internal://ros.txt"/>'
        '<TextSource guid="dddddddd-0000-0000-0000-000000000002" name="tam.txt" plainTextPath="internal://tam.txt"/></Sources></Project>'
    )
    members = {"project.qde": project, "sources/ros.txt": "Dee: Who picks?\n\nRos: The trustees.\n", "sources/tam.txt": "Dee: Who picks?\n\nTam: We do.\n"}
    path = _write_archive(tmp_path / "plots.qdpx", members)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path)
    assert list(study.waves["wave_id"]) == ["W1"] and list(study.documents["wave_id"]) == ["W1", "W1"]
    assert [w for w in caught if "no wave given" in str(w.message)]
    note = next(note for note in study.meta["inferred"] if note.startswith("no wave found"))
    assert "one wave, W1" in note and "--wave variable:NAME" in note


# 3. A pooled wave's dates: kept where the studies agree, else each study's said after its key.


def _dated(root: Path, name: str, starts: tuple[str, str], labels: tuple[str, str] = ("Sowing", "Harvest")) -> qlr.Study:
    waves = "".join(f"  - {{id: W{i}, label: {label}, start: {start}, end: {start[:8]}28}}\n" for i, (label, start) in enumerate(zip(labels, starts), 1))
    write(root / "study.yaml", f"name: {name}\nwaves:\n{waves}cases:\n  - {{id: G1, label: Ros Hale}}\nspeakers: {{Dee: interviewer}}\ndocuments:\n  - talks/*\n")
    write(root / "talks/G1_W1_interview.txt", TALK.format(name="Ros", words=f"The {name} trustees pick.", more="Trustees."))
    write(root / "talks/G1_W2_interview.txt", TALK.format(name="Ros", words=f"We pick together in {name}.", more="Us."))
    return _quiet(qlr.load, root, progress=False)


def test_a_pooled_wave_s_label_says_whose_each_date_is(tmp_path):
    north = _dated(tmp_path / "north", "North", ("2025-03-01", "2025-09-01"))
    south = _dated(tmp_path / "south", "South", ("2026-03-10", "2026-09-10"))
    pooled = qlr.concat([north, south], keys=["north", "south"], waves="id")
    # Was "Sowing" from 2025-03-01 to 2026-03-28: a span of neither study, read as the last one's.
    assert pooled.waves["label"].tolist() == [
        "north: Sowing (2025-03-01 to 2025-03-28); south: Sowing (2026-03-10 to 2026-03-28)",
        "north: Harvest (2025-09-01 to 2025-09-28); south: Harvest (2026-09-10 to 2026-09-28)",
    ]
    assert pooled.waves["start"].isna().all() and pooled.waves["end"].isna().all()
    # Each study's own dates stay in the pooling's record.
    sources = {(row["study"], row["study_wave"]): row["start"] for row in pooled.meta["pooled"]["wave_sources"]}
    assert sources[("south", "W1")] == "2026-03-10"


def test_a_pooled_wave_the_studies_date_alike_keeps_its_dates(tmp_path):
    north = _dated(tmp_path / "north", "North", ("2025-03-01", "2025-09-01"))
    south = _dated(tmp_path / "south", "South", ("2025-03-01", "2025-09-01"), labels=("Spring", "Autumn"))
    pooled = qlr.concat([north, south], keys=["north", "south"], waves="id")
    assert pooled.waves["label"].tolist() == ["north: Sowing; south: Spring", "north: Harvest; south: Autumn"]
    assert [str(day)[:10] for day in pooled.waves["start"]] == ["2025-03-01", "2025-09-01"]
    assert [str(day)[:10] for day in pooled.waves["end"]] == ["2025-03-28", "2025-09-28"]


def test_qlr_pool_is_callable_as_the_command_line_s_qlr_pool_is(tmp_path):
    north = _dated(tmp_path / "north", "North", ("2025-03-01", "2025-09-01"))
    south = _dated(tmp_path / "south", "South", ("2025-03-01", "2025-09-01"))
    # qlr.pool(...) had been "TypeError: 'module' object is not callable"; the module's names still import.
    pooled = qlr.pool([north, south], keys=["north", "south"])
    assert pooled.cases["case_id"].tolist() == ["north:G1", "south:G1"]
    from qlr.pool import STUDY_COLUMN, concat

    assert concat([north, south], keys=["north", "south"]).cases[STUDY_COLUMN].tolist() == ["north", "south"]


# 4. Denials the codebook gives as evidence: of the level they sit at, and so affirmed; "decide everything" is no say.


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The codebook's definitions make each denial the evidence: "saying one does not decide anything" (consulted),
        # "pointing out that it is unpaid or uncounted" (caring is work), nobody being the boss (shared decisions).
        ("We don't decide anything at the pantry, the staff do.", "power.consulted"),
        ("I'm not really the decider at the shed.", "power.consulted"),
        ("Nobody counts it, but minding him is a job.", "redefining_work.caring_is_work"),
        ("None of us is the boss at the swap shop.", "power.shared_decisions"),
        ("We have no say at the pantry.", "negative.done_to"),
    ],
)
def test_a_denial_the_codebook_gives_as_evidence_is_affirmed(text, code):
    statuses = _statuses(text)
    assert (code, "affirmed") in statuses
    assert (code, "negated") not in statuses


@pytest.mark.parametrize(
    "text",
    [
        "They decide everything together over at the seed bank.",  # a group of users deciding: not staff keeping it
        "The staff decide everything, we just turn up.",  # no say at all: done to, not consulted
    ],
)
def test_deciding_everything_is_not_being_consulted(text):
    # Consulted is being asked while staff keep the decisions; "they decide everything" had coded it (dev2, dev5).
    assert not [code for code, _ in _statuses(text) if code == "power.consulted"]


def test_staff_deciding_what_is_still_consulted_evidence():
    # The codebook's include: "that staff decide or sign things off" (with some say); unchanged.
    assert ("power.consulted", "affirmed") in _statuses("The staff decide what goes in the seed packs.")
