"""Review findings of stop 44's deposit, REFI-QDA and carer-note changes, fixed: a deposit loaded with no study.yaml
keeps its codings, says when its project.qdpx is missing, reads lists a researcher added a column to, and names its
data lists for a file added by hand; qlr's own .qdpx of a case never interviewed reads back without a false alarm; an
interpreter's load note says the turns are the participant's answers.

Small hand-written studies: a repair café followed over two waves (Mo asking), a seed swap's project, a bus users'
interview through an interpreter.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.io import read_qdpx, template_for, write_qdpx

from .conftest import write

CAFE = """name: Repair cafe
speakers: {Mo: interviewer}
waves: [{id: W1, label: Autumn, start: 2025-10-01}, {id: W2, label: Spring, start: 2026-04-01}]
cases:
  - {id: R1, label: Kit Vale, role: fixer}
  - {id: R2, label: Lou Marsh, role: visitor}
  - {id: R3, label: Nell Ash, role: fixer, waves: [W1]}  # planned for the first wave only
documents: [talks/*]
"""
CHAT = "Mo: Who decides what the cafe mends?\n\n{name}: {words}\n\nMo: And the tools?\n\n{name}: {more}\n"


def _quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def _loud(call, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        return call(*args, **kwargs), [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def deposit(tmp_path_factory) -> tuple[qlr.Study, Path]:
    """The café coded with the bundled codebook, pseudonymised and deposited: the study and the deposit folder."""
    root = tmp_path_factory.mktemp("cafe")
    write(root / "study.yaml", CAFE)
    write(root / "talks/R1_W1_interview.txt", CHAT.format(name="Kit", words="The staff decide everything, we have no say.", more="Staff run them."))
    write(root / "talks/R1_W2_interview.txt", CHAT.format(name="Kit", words="We decide together now, at the members' meeting.", more="I run the bench myself."))
    write(root / "talks/R2_W1_interview.txt", CHAT.format(name="Lou", words="Nobody asked us anything.", more="The council does."))
    write(root / "talks/R3_W1_interview.txt", CHAT.format(name="Nell", words="We were asked which tools to buy.", more="The staff do."))
    study = _quiet(qlr.load, root, progress=False)
    coded = _quiet(study.apply, "coproduction", progress=False)
    assert len(coded.codings) > 0
    coded.memo("case", "R1", "Runs the soldering bench on Saturdays.")
    folder = qlr.pseudo.deposit(_quiet(qlr.pseudonymise, coded), root.parent / f"{root.name}-deposit")
    assert not (folder / "study.yaml").exists()
    return coded, folder


def _copy(folder: Path, to: Path) -> Path:
    for path in folder.rglob("*"):
        if path.is_file():
            write(to / path.relative_to(folder), path.read_bytes())
    return to


def _ladder(study: qlr.Study) -> list[tuple]:
    table = qlr.track.ladder(study, codebook="coproduction").table
    return sorted(zip(table["case_id"].astype(str), table["wave_id"].astype(str), table["facet"].astype(str), table["status"].astype(str), table["level"].astype(str)))


# 1. The deposit's codings (project.qdpx) come back on the documents the lists read.


def test_a_deposit_loaded_without_a_study_yaml_keeps_the_codings_of_its_project(deposit):
    _, folder = deposit
    project = _quiet(read_qdpx, folder / "project.qdpx")
    back, caught = _loud(qlr.load, folder, progress=False)
    # It had none: the lists keep no codings, and nothing said the project held them.
    assert len(back.codings) == len(project.codings) > 0
    assert back.codings["seg_id"].notna().all() and back.codings["seg_id"].isin(back.segments["seg_id"]).all()
    assert set(back.codings["code_id"]) == set(project.codings["code_id"])
    assert _ladder(back) == _ladder(project)
    assert f"{len(project.codings)} coding(s) of project.qdpx put on the documents the data lists read, each at its place in the text" in back.meta["inferred"]
    assert not [message for message in caught if "coding" in message]
    # Its one memo (on the case R1) is the study's, as `qlr import` reads it (stop 45; it had been counted in a note).
    assert len(project.memos) == 1 and list(zip(back.memos["target_type"], back.memos["target_id"])) == [("case", "R1")]
    assert "1 memo(s) of project.qdpx put on what they are about, as `qlr import` reads them" in back.meta["inferred"]
    # The template (a study.yaml has no entry for a project's codings) says where they are.
    assert f"# project.qdpx holds {len(project.codings)} coding(s) of" in template_for(folder) and "and 1 memo(s)" in template_for(folder)


def test_a_transcript_edited_since_the_deposit_keeps_none_of_its_codings_and_says_so(deposit, tmp_path):
    _, folder = deposit
    copy = _copy(folder, tmp_path / "edited")
    project = _quiet(read_qdpx, copy / "project.qdpx")
    edited = "R1_W1_interview"
    assert edited in set(project.codings["doc_id"])
    text = (copy / "transcripts" / f"{edited}.txt").read_text(encoding="utf-8")
    (copy / "transcripts" / f"{edited}.txt").write_text("Note added later.\n\n" + text, encoding="utf-8")
    back, caught = _loud(qlr.load, copy, progress=False)
    lost = int(project.codings["doc_id"].eq(edited).sum())
    assert len(back.codings) == len(project.codings) - lost
    assert [message for message in caught if f"{lost} coding(s) of project.qdpx were not loaded" in message and edited in message]


# 2. A deposit without its project, or with a column added to its lists.


def test_a_deposit_without_its_project_says_what_is_not_restated(deposit, tmp_path):
    _, folder = deposit
    copy = _copy(folder, tmp_path / "no-project")
    (copy / "project.qdpx").unlink()
    back = _quiet(qlr.load, copy, progress=False)
    # R3 was planned for W1 only: without the project it "dropped out", which the notes now say can happen.
    assert back.attrition().loc["R3", "pattern"] == "dropped out"
    said = [note for note in back.meta["inferred"] if note.startswith("no project.qdpx beside the deposit's data lists")]
    assert said and "planned for reads as missed or dropped out" in said[0] and "codings are not read" in said[0]


def test_another_archive_s_lists_without_a_project_say_nothing_of_one(tmp_path):
    root = tmp_path / "archive"
    write(root / "G1_W1_interview.txt", CHAT.format(name="Pat", words="We choose.", more="Us."))
    write(root / "G2_W1_interview.txt", CHAT.format(name="Sol", words="They choose.", more="Them."))
    write(root / "inventory.csv", "File name,Participant\nG1_W1_interview.txt,G1\nG2_W1_interview.txt,G2\n")
    assert "project.qdpx" not in template_for(root)


def test_a_data_list_with_a_column_a_researcher_added_is_still_the_deposit_s(deposit, tmp_path):
    coded, folder = deposit
    copy = _copy(folder, tmp_path / "noted")
    for listed in sorted(copy.glob("data_list_*.csv")):
        with listed.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        with listed.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([rows[0] + ["notes"], *[row + ["checked"] for row in rows[1:]]])
    back = _quiet(qlr.load, copy, progress=False)
    # It was read by its file names: roles, labels and the planned waves gone.
    assert back.meta["inferred"][0].startswith("no study.yaml: read as qlr's deposit, through its data lists (data_list_W1.csv, data_list_W2.csv)")
    assert list(back.cases["role"]) == ["fixer", "visitor", "fixer"]
    assert back.attrition().loc["R3", "W2"] == "not scheduled"
    assert back.attrition().drop(columns="role").equals(coded.attrition().drop(columns="role"))


# 3. A file added by hand: the warning names the data lists, not a study.yaml that does not exist.


def test_a_file_added_to_a_deposit_by_hand_is_warned_of_by_its_data_lists(deposit, tmp_path):
    _, folder = deposit
    copy = _copy(folder, tmp_path / "added")
    write(copy / "transcripts" / "late_interview.txt", CHAT.format(name="Kit", words="We mend together.", more="All of us."))
    _, caught = _loud(qlr.load, copy, progress=False)
    unlisted = [message for message in caught if "late_interview.txt" in message]
    assert unlisted and "study.yaml:" not in unlisted[0]
    assert "are in none of its data lists (data_list_W1.csv, data_list_W2.csv)" in unlisted[0]
    assert "add a row for each to a data list" in unlisted[0] and "--template" in unlisted[0]


# 4. qlr's own .qdpx of a case never interviewed and a document of the study's: no false alarm.


def test_qlr_s_own_project_with_a_case_never_interviewed_reads_back_without_a_false_alarm(tmp_path):
    root = tmp_path / "swap"
    write(
        root / "study.yaml",
        "name: Seed swap\nwaves: [{id: W1}]\ncases: [{id: Noor}, {id: Oli}, {id: Pim}]\nspeakers: {Mo: interviewer}\n"
        "documents:\n  - {path: Noor_W1_interview.txt}\n  - {path: Oli_W1_interview.txt}\n  - {path: consent_sheet.txt, id: consent, kind: document}\n",
    )
    write(root / "Noor_W1_interview.txt", "Mo: Who picks the seeds?\n\nNoor: We pick them between us.\n")
    write(root / "Oli_W1_interview.txt", "Mo: Who picks the seeds?\n\nOli: The committee does.\n")
    write(root / "consent_sheet.txt", "Consent sheet. Talks last twenty minutes.\n")
    study = _quiet(qlr.load, root, progress=False)
    out = tmp_path / "swap.qdpx"
    write_qdpx(study, out)
    back, caught = _loud(read_qdpx, out)
    assert not [message for message in caught if "list no source" in message]
    assert dict(zip(back.documents["doc_id"], back.documents["case_id"].astype(object))) == dict(zip(study.documents["doc_id"], study.documents["case_id"].astype(object)))


# 5. An interpreter's turns are the participant's answers in translation: the note says to keep them the case's.

BUS = "I: Who sets the bus timetable?\n\nFarid: [answers in Dari]\n\nInterpreter: He says the riders vote on the timetable now, every spring.\n\nI: Thanks.\n"


def _bus(root: Path, speakers: str = "") -> qlr.Study:
    write(root / "study.yaml", f"name: Bus users\nwaves: [{{id: W1}}]\n{speakers}documents: [{{path: '*.txt'}}]\n")
    write(root / "Farid_W1_interview.txt", BUS)
    return _quiet(qlr.load, root, progress=False)


def test_the_interpreter_s_note_says_the_turns_are_the_participant_s_answers_not_someone_else_s(tmp_path):
    study = _bus(tmp_path / "bus")
    notes = [note for note in study.meta["inferred"] if "Interpreter (1 turn)" in note]
    assert notes and "the participant's answers in translation" in notes[0]
    assert "{Interpreter: participant}" in notes[0] and "{Interpreter: other}" not in notes[0]
    # Following it keeps the answers Farid's, and no note is left to say.
    followed = _bus(tmp_path / "followed", "speakers: {Interpreter: participant}\n")
    turns = followed.segments[followed.segments["speaker"].eq("Interpreter").to_numpy(dtype=bool)]
    assert len(turns) == 1 and list(turns["speaker_role"]) == ["participant"]
    assert list(followed.documents["case_id"]) == ["Farid"]
    assert not [note for note in followed.meta["inferred"] if "Interpreter (1 turn)" in note]


def test_a_carer_beside_the_patient_is_still_offered_other(tmp_path):
    root = tmp_path / "carer"
    write(root / "study.yaml", "name: Clinic\nwaves: [{id: W1}]\ndocuments: [{path: '*.txt'}]\n")
    write(root / "Gus_W1_interview.txt", "I: Who plans your visits?\n\nGus: The nurse does.\n\nWife: Nobody asks me.\n\nI: Thanks.\n")
    notes = [note for note in _quiet(qlr.load, root, progress=False).meta["inferred"] if "Wife (1 turn)" in note]
    assert notes and "(speakers: {Wife: other})" in notes[0]
