"""Deposit, project and ladder leftovers of stop 45: a deposit's memos loaded with it, a declared speaker label kept
through pseudonymisation, and the smaller project and attrition fixes.

Small hand-written studies: a repair café over two waves (Mo asking), coded with the bundled codebook, deposited.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

import qlr
from qlr.io import read_qdpx

from .conftest import without_qlr_details, write
from .test_review_fixes_44_deposit import CAFE, CHAT, _copy, _loud, _quiet

# 1. The memos of a deposit's project.qdpx are the study's when the folder is loaded (they had been counted in a note).


@pytest.fixture(scope="module")
def memoed(tmp_path_factory) -> tuple[qlr.Study, Path]:
    """The café with a memo on each kind of thing, pseudonymised and deposited: the study and the deposit folder."""
    root = tmp_path_factory.mktemp("memoed")
    write(root / "study.yaml", CAFE)
    write(root / "talks/R1_W1_interview.txt", CHAT.format(name="Kit", words="The staff decide everything, we have no say.", more="Staff run them."))
    write(root / "talks/R2_W1_interview.txt", CHAT.format(name="Lou", words="Nobody asked us anything.", more="The council does."))
    coded = _quiet(_quiet(qlr.load, root, progress=False).apply, "coproduction", progress=False)
    kit = coded.segments[coded.segments["doc_id"].eq("R1_W1_interview").to_numpy(dtype=bool)]
    answer = kit[kit["speaker"].eq("Kit").to_numpy(dtype=bool)].iloc[0]  # "Kit: The staff decide everything, …"
    lou_coding = coded.codings[coded.codings["doc_id"].eq("R2_W1_interview").to_numpy(dtype=bool)].iloc[0]
    coded.memo("case", "R1", "Runs the soldering bench.")
    coded.memo("wave", "W1", "Autumn: the cafe had just moved.")
    coded.memo("document", "R2_W1_interview", "Noisy room.")
    coded.memo("segment", answer["seg_id"], "The key turn.")
    coded.memo("coding", lou_coding["coding_id"], "Check against W2.")
    coded.memo("code", lou_coding["code_id"], "Broad code.")
    coded.memo("study", "project", "Overall impressions.")
    folder = qlr.pseudo.deposit(_quiet(qlr.pseudonymise, coded), root.parent / f"{root.name}-deposit")
    return coded, folder


def _targets(study: qlr.Study) -> list[tuple[str, str, str]]:
    return sorted(zip(study.memos["target_type"].astype(str), study.memos["target_id"].astype(str), study.memos["text"].astype(str)))


def test_a_deposit_s_memos_are_loaded_on_what_they_are_about(memoed):
    coded, folder = memoed
    back, caught = _loud(qlr.load, folder, progress=False)
    imported = _quiet(read_qdpx, folder / "project.qdpx")
    # Seven memos, each on the same thing as in the study deposited and as `qlr import` reads them (0 before).
    assert len(back.memos) == len(imported.memos) == 7
    assert _targets(back) == _targets(imported) == _targets(coded)
    on_segment = back.memos[back.memos["target_type"].eq("segment").to_numpy(dtype=bool)].iloc[0]
    segment = back.segments.set_index("seg_id").loc[on_segment["target_id"]]
    assert segment["doc_id"] == "R1_W1_interview" and segment["speaker"] == "Fixer 1"  # Kit, pseudonymised
    assert "The staff decide everything" in back.documents.set_index("doc_id").at["R1_W1_interview", "text"][segment["start"] : segment["end"]]
    assert "7 memo(s) of project.qdpx put on what they are about, as `qlr import` reads them" in back.meta["inferred"]
    assert not [message for message in caught if "memo" in message]


def test_a_memo_on_a_passage_edited_since_the_deposit_is_left_out_and_named(memoed, tmp_path):
    _, folder = memoed
    copy = _copy(folder, tmp_path / "edited")
    transcript = copy / "transcripts" / "R1_W1_interview.txt"
    transcript.write_text("Note added later.\n\n" + transcript.read_text(encoding="utf-8"), encoding="utf-8")
    back, caught = _loud(qlr.load, copy, progress=False)
    # The memo on Kit's turn has no passage to go to (its text moved); the case's, wave's and the rest still load.
    assert len(back.memos) == 6 and "segment" not in set(back.memos["target_type"])
    said = [message for message in caught if "1 memo(s) of project.qdpx were not loaded" in message]
    assert said and "on segment R1_W1_interview:" in said[0] and "read_qdpx" in said[0]


# 2. A speaker label `speakers:` declares is kept through pseudonymisation: the deposit's data list gives its pseudonym
# the role declared (it had left out every label declared a participant, so the declaration was lost).

MARKET = "name: Market\nwaves: [{id: W1}]\ncases: [{id: C01, label: Ibrahim Musa}, {id: C02, label: Sara Lind}]\nspeakers: {IBRAHIM: participant}\ndocuments: ['*.txt']\n"
# Names in capitals on lines of their own, the interviewer's undeclared: the declaration is what the study relies on.
STALL = "INTERVIEWER\nWho runs the market these days?\n\nIBRAHIM\nThe traders decide together at the meeting.\n\nINTERVIEWER\nAnd the rents?\n\nIBRAHIM\nThe council sets them.\n"


def test_a_declared_participant_label_keeps_its_role_through_the_deposit_under_its_pseudonym(tmp_path):
    root = tmp_path / "market"
    write(root / "study.yaml", MARKET)
    write(root / "C01_W1_interview.txt", STALL)
    write(root / "C02_W1_interview.txt", "INTERVIEWER: Who runs the market?\n\nSara: The council does.\n")
    pseudo = _quiet(qlr.pseudonymise, _quiet(qlr.load, root, progress=False))
    labels = qlr.io.speaker_labels(pseudo.study)
    declared = labels[labels["decided_by"].eq("manifest").to_numpy(dtype=bool)]
    assert list(zip(declared["doc_id"], declared["speaker"], declared["role"])) == [("C01_W1_interview", "[Person 1]", "participant")]
    folder = qlr.pseudo.deposit(pseudo, tmp_path / "deposit")
    listed = (folder / "data_list_W1.csv").read_text(encoding="utf-8")
    assert "IBRAHIM" not in listed and "IBRAHIM" not in (folder / "transcripts" / "C01_W1_interview.txt").read_text(encoding="utf-8")
    # The list's speakers cell keeps the declaration under the pseudonym (it had been empty for this file).
    rows = {row["doc_id"]: row for row in csv.DictReader(io.StringIO(listed))}
    assert rows["C01_W1_interview"]["speakers"] == "[Person 1]: participant" and rows["C02_W1_interview"]["speakers"] == ""
    back = _quiet(qlr.load, folder, progress=False)
    again = qlr.io.speaker_labels(back)
    ibrahim = again[again["doc_id"].eq("C01_W1_interview").to_numpy(dtype=bool) & again["role"].eq("participant").to_numpy(dtype=bool)]
    # Read back as declared, not as the default guess (the template's study.yaml reads the same list).
    assert list(ibrahim["decided_by"]) == ["manifest"] and list(ibrahim["speaker"].str.upper()) == ["[PERSON 1]"]


# 3. Through NVivo (qlr's details file dropped), a speaker role `speakers:` declared comes back as declared.


def test_a_declared_other_role_comes_back_through_nvivo(tmp_path):
    root = tmp_path / "clinic"
    write(root / "study.yaml", "name: Clinic\nwaves: [{id: W1}]\nspeakers: {Carer: other}\ndocuments: ['*.txt']\n")
    write(root / "P06_W1_interview.txt", "INT: Who plans your visits?\n\nP06: The nurse does.\n\nCarer: Nobody asked me if I could cope.\n\nINT: Thanks.\n")
    study = _quiet(qlr.load, root, progress=False)
    roles = ["interviewer", "participant", "other", "interviewer"]
    assert list(study.segments["speaker_role"]) == roles
    qlr.io.write_qdpx(study, tmp_path / "clinic.qdpx")
    back = _quiet(read_qdpx, without_qlr_details(tmp_path / "clinic.qdpx", tmp_path / "nvivo.qdpx"))
    # The carer's turn had come back a participant's (the case's evidence): the project's description now says the role.
    assert list(back.segments["speaker_role"]) == roles
    # The caller's own roles still come first.
    told = _quiet(read_qdpx, tmp_path / "nvivo.qdpx", speakers={"Carer": "participant"})
    assert list(told.segments["speaker_role"]) == ["interviewer", "participant", "participant", "interviewer"]


def test_labels_whose_role_differs_by_document_are_said_per_source_on_export(tmp_path):
    # Diarised transcripts: SPEAKER_00 asks in Ann's file and answers in Bob's. One sentence of the project's description
    # cannot say both: stop 45 left them out of it and warned; since stop 46 each source's description says its own
    # (tests/test_leftovers_46_export.py), and nothing is warned.
    root = tmp_path / "diar"
    write(
        root / "study.yaml",
        "name: diar\ncases: [{id: ann}, {id: bob}]\nwaves: [{id: W1}]\ndocuments:\n"
        "  - {path: ann_W1_interview.txt, speakers: {SPEAKER_00: interviewer, SPEAKER_01: participant, Mum: other}}\n"
        "  - {path: bob_W1_interview.txt, speakers: {SPEAKER_00: participant, SPEAKER_01: interviewer}}\n",
    )
    write(root / "ann_W1_interview.txt", "SPEAKER_00: How was school?\n\nSPEAKER_01: Fine, I cook when I get home.\n\nMum: She does.\n")
    write(root / "bob_W1_interview.txt", "SPEAKER_01: How was school?\n\nSPEAKER_00: Long. Dad needed me.\n")
    study = _quiet(qlr.load, root, progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant", "other", "interviewer", "participant"]
    _, said = _loud(qlr.io.write_qdpx, study, tmp_path / "diar.qdpx")
    assert not [message for message in said if "speaker label(s)" in message]
    with zipfile.ZipFile(tmp_path / "diar.qdpx") as archive:
        description = re.search(r"<Description>(Exported by qlr.*?)</Description>", archive.read("project.qde").decode()).group(1)
    assert description.endswith("Speaker roles from study.yaml: Mum = other.")
    # qlr's own details keep each document's roles: read back by qlr, nothing is guessed.
    back = _quiet(read_qdpx, tmp_path / "diar.qdpx")
    assert list(back.segments["speaker_role"]) == list(study.segments["speaker_role"])
    # And through NVivo, from the sources' descriptions.
    nvivo = _quiet(read_qdpx, without_qlr_details(tmp_path / "diar.qdpx", tmp_path / "nvivo.qdpx"))
    assert list(nvivo.segments["speaker_role"]) == list(study.segments["speaker_role"])


def test_one_role_per_label_exports_without_that_warning(tmp_path):
    root = tmp_path / "clinic"
    write(root / "study.yaml", "name: Clinic\nwaves: [{id: W1}]\nspeakers: {Carer: other}\ndocuments: ['*.txt']\n")
    write(root / "P06_W1_interview.txt", "INT: Who plans your visits?\n\nP06: The nurse does.\n\nCarer: Nobody asked me if I could cope.\n")
    _, said = _loud(qlr.io.write_qdpx, _quiet(qlr.load, root, progress=False), tmp_path / "clinic.qdpx")
    assert not [message for message in said if "speaker label(s)" in message]


# 4. Another tool's project with no waves whose source names give time points: read at those waves (it had been one).


def _without_waves(project: Path, out: Path) -> Path:
    """The project as another tool writes it: no qlr details, no wave variable or sets, not qlr's origin."""

    def no_waves(xml: str) -> str:
        for element in ("Sets", "VariableValue", "Variables"):
            xml = re.sub(rf"<{element}>.*?</{element}>", "", xml, flags=re.S)
        return xml

    return without_qlr_details(project, out, origin="NVivo", project_xml=no_waves)


def _ltc(tmp_path: Path, names: list[tuple[str, str, int]]) -> Path:
    root = tmp_path / "ltc"
    entries = "".join(f"  - {{path: {name}.txt, case: {case}, wave: W{time}}}\n" for name, case, time in names)
    write(root / "study.yaml", f"name: LTC\nwaves: [{{id: W1}}, {{id: W2}}, {{id: W3}}, {{id: W4}}]\nspeakers: {{INT: interviewer}}\ndocuments:\n{entries}")
    for name, case, time in names:
        write(root / f"{name}.txt", f"INT: How have the visits been?\n\n{case}: Fine at time {time}.\n")
    qlr.io.write_qdpx(_quiet(qlr.load, root, progress=False), tmp_path / "ltc.qdpx")
    return _without_waves(tmp_path / "ltc.qdpx", tmp_path / "nvivo.qdpx")


def test_a_project_with_no_waves_reads_the_time_points_its_source_names_give(tmp_path):
    names = [(f"LTC01_{case}_TP{time}_transcript", case, time) for case in ("P01", "P02") for time in (1, 2, 3, 4) if (case, time) != ("P02", 4)]
    back, caught = _loud(read_qdpx, _ltc(tmp_path, names))
    # Before: 7 sources at one wave W1, and a warning to give a wave rule.
    assert list(back.waves["wave_id"]) == ["TP1", "TP2", "TP3", "TP4"]
    assert dict(zip(back.documents["doc_id"], back.documents["wave_id"])) == {name: f"TP{time}" for name, _, time in names}
    assert back.attrition().loc["P02", "TP4"] != "present" and back.attrition().loc["P01", "pattern"] == "complete"
    assert "waves read from the sources' names, as loading a folder reads them: 7 sources at 4 waves (TP1, TP2, TP3, TP4)" in " ".join(back.meta["inferred"])
    assert not [message for message in caught if "no wave" in message]


def test_numbered_names_of_different_people_each_once_stay_one_wave(tmp_path):
    # "Interview 1" … "Interview 3", one each of three people: numbers of interviews, not waves.
    back = _quiet(read_qdpx, _ltc(tmp_path, [(f"Interview {n}", f"C0{n}", 1) for n in (1, 2, 3)]))
    assert list(back.waves["wave_id"]) == ["W1"]


# 5. The attrition of a study with no waves: a case interviewed is seen (every case had been "never seen").


def test_the_attrition_of_a_study_with_no_waves_says_who_was_seen(tmp_path):
    root = tmp_path / "swap"
    write(
        root / "study.yaml",
        "name: Seed swap\ncases: [{id: Noor}, {id: Oli}, {id: Pim}, {id: Quin}]\nspeakers: {Mo: interviewer}\ndocuments:\n"
        + "".join(f"  - {{path: {case}_interview.txt, case: {case}}}\n" for case in ("Noor", "Oli", "Pim")),
    )
    write(root / "Noor_interview.txt", "Mo: Who picks the seeds?\n\nNoor: We pick them between us.\n")
    write(root / "Oli_interview.txt", "Mo: Who picks the seeds?\n\nOli: The committee does.\n")
    write(root / "Pim_interview.txt", "")  # a transcript not yet typed: kept, no conversation that happened
    study = _quiet(qlr.load, root, progress=False)
    assert study.waves.empty
    attrition = study.attrition()
    assert list(attrition.columns) == ["role", "n_waves", "pattern"]
    assert dict(attrition["pattern"]) == {"Noor": "seen", "Oli": "seen", "Pim": "never seen", "Quin": "never seen"}


# 6. A pooled study says who decided each document's speaker roles as its own study did, each label once per role.


def _site(root: Path, who: str, declared: str) -> qlr.Study:
    write(root / "study.yaml", f"name: Site {who}\nwaves: [{{id: W1}}]\n{declared}documents: ['*.txt']\n")
    write(root / f"{who}_W1_interview.txt", f"INT: Who decides?\n\n{who}: We do.\n\nINT: And the money?\n\n{who}: The council.\n")
    return _quiet(qlr.load, root, progress=False)


def test_a_pooled_study_keeps_each_study_s_declared_speakers_to_its_own_documents(tmp_path, capsys):
    from qlr.cli import main

    ann = _site(tmp_path / "a", "Ann", "speakers: {INT: interviewer}\n")
    bo = _site(tmp_path / "b", "Bo", "")  # INT read as the interviewer by its label, nothing declared
    pooled = _quiet(qlr.pool, [ann, bo])
    labels = qlr.io.speaker_labels(pooled)
    interviewer = labels[labels["speaker"].eq("INT").to_numpy(dtype=bool)]
    # Site a's declaration had been the pooled study's: Bo's interview said "manifest" too.
    assert dict(zip(interviewer["doc_id"], interviewer["decided_by"])) == {"Ann_W1_interview": "manifest", "Bo_W1_interview": "label"}
    assert "speakers" not in pooled.meta and pooled.meta["document_speakers"] == {"Ann_W1_interview": {"int": "interviewer"}}
    pooled.save(tmp_path / "pooled.qlr")
    assert main(["info", str(tmp_path / "pooled.qlr")]) == 0
    shown = [line.strip() for line in capsys.readouterr().out.splitlines() if line.strip().startswith("INT:")]
    assert shown == ["INT: interviewer, 4 turns, 2 documents, manifest or label"]


# 11. qlr.pool has concat's signature: keys=, waves=, cases=, name= (it had shown **options).


def test_qlr_pool_shows_and_checks_concat_s_options(tmp_path):
    import inspect

    assert str(inspect.signature(qlr.pool)) == str(inspect.signature(qlr.concat))
    assert list(inspect.signature(qlr.pool).parameters) == ["studies", "keys", "waves", "cases", "name"]
    ann, bo = _site(tmp_path / "a", "Ann", ""), _site(tmp_path / "b", "Bo", "")
    pooled = _quiet(qlr.pool, [ann, bo], keys=["a", "b"], name="Two sites")
    assert pooled.name == "Two sites" and list(pooled.cases["case_id"]) == ["a:Ann", "b:Bo"]
    with pytest.raises(TypeError, match="keyz"):
        qlr.pool([ann, bo], keyz=["a", "b"])


# 8. A numeric attribute reads the same from a QualCoder project and from its .qdpx: 19, not 19.0.


def test_a_whole_numeric_attribute_reads_alike_from_the_qda_and_the_qdpx(tmp_path):
    from .test_qualcoder import NOW, make_project

    ages = f"INSERT INTO attribute_type VALUES ('Age', '{NOW}', 'lena', '', 'case', 'numeric');" + "".join(
        f"INSERT INTO attribute (name, attr_type, value, id, date, owner) VALUES ('Age', 'case', '{age}', {case}, '{NOW}', 'lena');" for case, age in ((1, "19"), (2, "23"))
    )
    from_qda = _quiet(qlr.io.read_qualcoder, make_project(tmp_path / "carers.qda", extra=ages), wave="variable:Round")
    assert list(from_qda.cases["Age"]) == [19, 23]
    qlr.io.write_qdpx(from_qda, tmp_path / "carers.qdpx")
    # As QualCoder's own export writes a numeric attribute: a Float variable, "19.0".
    with zipfile.ZipFile(tmp_path / "carers.qdpx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = re.sub(r"<IntegerValue>(\d+)</IntegerValue>", r"<FloatValue>\1.0</FloatValue>", members["project.qde"].decode("utf-8"))
    assert "<FloatValue>19.0</FloatValue>" in xml
    members["project.qde"] = xml.encode("utf-8")
    with zipfile.ZipFile(tmp_path / "exported.qdpx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    from_qdpx = _quiet(read_qdpx, tmp_path / "exported.qdpx", wave="variable:Round")
    # Before: 19.0 and 23.0 (and a float column) from the .qdpx, 19 and 23 from the .qda.
    assert list(from_qdpx.cases["Age"]) == [19, 23] and [type(age) for age in from_qdpx.cases["Age"].tolist()] == [int, int]
    assert str(from_qdpx.cases["Age"].dtype) == str(from_qda.cases["Age"].dtype)
    # A fraction stays one.
    fraction = _quiet(read_qdpx, _with_age(tmp_path, members, "19.5"), wave="variable:Round")
    assert fraction.cases["Age"].tolist()[0] == 19.5


def _with_age(tmp_path: Path, members: dict[str, bytes], age: str) -> Path:
    xml = members["project.qde"].decode("utf-8").replace("<FloatValue>19.0</FloatValue>", f"<FloatValue>{age}</FloatValue>")
    with zipfile.ZipFile(tmp_path / "fraction.qdpx", "w") as archive:
        for name, data in {**members, "project.qde": xml.encode("utf-8")}.items():
            archive.writestr(name, data)
    return tmp_path / "fraction.qdpx"


# 9. Why a case left (study.yaml's `left:`) is in the attrition table: a withdrawal told from a death.

GARDEN = """name: Garden
waves: [{id: W1}, {id: W2}, {id: W3}]
speakers: {Mo: interviewer}
cases:
  - {id: Ada}
  - {id: Ben, left: withdrew}
  - {id: Cy, left: died}
documents: ['*.txt']
"""


def test_the_attrition_table_says_why_a_case_left(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "garden"
    write(root / "study.yaml", GARDEN)
    for case, waves in (("Ada", (1, 2, 3)), ("Ben", (1,)), ("Cy", (1, 2))):
        for wave in waves:
            write(root / f"{case}_W{wave}_interview.txt", f"Mo: Who runs the plots?\n\n{case}: We share them at wave {wave}.\n")
    attrition = _quiet(qlr.load, root, progress=False).attrition()
    # Both had been "dropped out" and nothing more: now the reason is beside the pattern.
    assert list(attrition["pattern"]) == ["complete", "dropped out", "dropped out"]
    assert attrition["left"].fillna("").tolist() == ["", "withdrew", "died"] and attrition["left"].isna().tolist() == [True, False, False]
    assert main(["info", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "dropped out (left: withdrew)" in printed and "dropped out (left: died)" in printed
    # A study that says nothing of it keeps its table as it was.
    assert "left" not in _quiet(qlr.load, _library_like(tmp_path), progress=False).attrition().columns


def _library_like(tmp_path: Path) -> Path:
    root = tmp_path / "plain"
    write(root / "study.yaml", GARDEN.replace(", left: withdrew", "").replace(", left: died", ""))
    write(root / "Ada_W1_interview.txt", "Mo: Who runs the plots?\n\nAda: We share them.\n")
    return root


def test_a_reason_for_leaving_that_is_no_phrase_is_refused_with_its_line(tmp_path):
    from qlr.errors import ManifestError

    root = tmp_path / "bad"
    write(root / "study.yaml", GARDEN.replace("left: died", "left: [died, W2]"))
    write(root / "Ada_W1_interview.txt", "Mo: Who runs the plots?\n\nAda: We share them.\n")
    with pytest.raises(ManifestError, match=r"study.yaml:7: 'left' of case Cy is not a word or phrase"):
        _quiet(qlr.load, root, progress=False)


# 10. Two coders' copies of one diary, both listed, are one diary's passages (each entry had counted twice).

_DIARY = (
    "Monday 3 March 2025\nWe voted on the van route at the residents meeting, every hand up.\n\n"
    "Tuesday 4 March 2025\nQuiet day, I watered the tomatoes and read the paper in the sun.\n\n"
    "Wednesday 5 March 2025\nThe driver asked us about the van route again and we changed the Friday stop.\n"
)


def test_two_coders_copies_of_one_diary_count_its_entries_once(tmp_path):
    from .test_leftovers_44 import _manifest_ladder

    one = [("diary_kl.txt", _DIARY, "W1", "diary")]
    both = [*one, ("diary_mv.txt", _DIARY, "W1", "diary")]
    # The diary alone: its two van-route entries are two passages.
    assert _manifest_ladder(tmp_path / "one", one)["W1"] == ("placed", 2)
    # Both copies listed: 4 passages before (each entry twice), now the diary's 2.
    assert _manifest_ladder(tmp_path / "both", both)["W1"] == ("placed", 2)


def test_a_study_yaml_kind_qlr_does_not_know_is_said_with_the_kind_that_reads_entries(tmp_path):
    from .test_leftovers_44 import _manifest_ladder

    # A journal of two dated van-route entries: read by paragraph, its entries are not told apart (said now, silent before).
    journal = [("journal.txt", _DIARY, "W1", "journal")]
    root = tmp_path / "journal"
    _manifest_ladder(root, journal)
    notes = _quiet(qlr.load, root, progress=False).meta["inferred"]
    said = [note for note in notes if note.startswith("kinds qlr does not know, read by paragraph")]
    assert said and "journal (1 document)" in said[0] and "'kind: diary'" in said[0]
    # As the note says: a diary's two dated entries are two passages.
    assert _manifest_ladder(tmp_path / "diary", [("journal.txt", _DIARY, "W1", "diary")])["W1"] == ("placed", 2)
    assert not [note for note in _quiet(qlr.load, tmp_path / "diary", progress=False).meta["inferred"] if note.startswith("kinds qlr does not know")]


def test_the_placements_name_the_passages_merged_as_repeats(tmp_path):
    from .test_leftovers_44 import _SAID, _VAN_BOOK

    root = tmp_path / "van"
    write(root / "Ana_W1_interview.txt", f"Interviewer: Who decides?\n\nAna: {_SAID}\n\nInterviewer: And now?\n\nAna: We changed the van route in May.\n")
    write(root / "Ana_W1_photo1.txt", f"{_SAID.upper()}\n")
    study = _quiet(_quiet(qlr.load, root, progress=False).apply, qlr.Codebook.from_yaml(_VAN_BOOK), progress=False, cache=False)
    placed = qlr.track.ladder(study)
    # The caption's sentence counted as the interview's (no note had named it): seg, its document, and the passage it repeats.
    assert placed.repeats[["seg_id", "doc_id", "same_as", "same_as_doc"]].values.tolist() == [
        ["Ana_W1_photo1:0000", "Ana_W1_photo1", "Ana_W1_interview:0001", "Ana_W1_interview"]
    ]
    assert placed.table.iloc[0]["n_evidence"] == 2
    # Nothing repeated: an empty table of the same columns.
    (root / "Ana_W1_photo1.txt").unlink()
    alone = qlr.track.ladder(_quiet(_quiet(qlr.load, root, progress=False).apply, qlr.Codebook.from_yaml(_VAN_BOOK), progress=False, cache=False))
    assert alone.repeats.empty and list(alone.repeats.columns) == ["seg_id", "doc_id", "same_as", "same_as_doc"]
