"""A new user's leftovers (stop 41): what their smoke test of stop 40 left open.

Small hand-written studies of an allotment society: Iris Vale (P1), Tomas Reyes (P2) and Noor Haddad (P3), interviewed
by Kit, alone at W1; at W2 Iris with Tomas beside her (a joint interview), Noor alone, and a focus group of all three.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import NoCaseTalkWarning
from qlr.evidence import segment_cases
from qlr.io import template_for

from .conftest import write

ALONE = "Kit: How did you come to the allotments?\n\n{name}: {words}\n\nKit: And now?\n\n{name}: {more}\n"
JOINT = (
    "Kit: How has the year gone for you both?\n\n"
    "Iris: We took on the seed library together.\n\n"
    "Tomas: I built the new shelves for it.\n\n"
    "Kit: Who decides what gets planted?\n\n"
    "Both: We vote on it at the spring meeting.\n"
)
GROUP = (
    "Kit: Welcome, all. Who runs the work days?\n\n"
    "Iris: The members do, on a rota.\n\n"
    "Tomas: We swap tools and seeds between plots.\n\n"
    "Noor: I keep the rota and the keys.\n\n"
    "Iris and Tomas: We order the seeds together.\n\n"
    "Kit: Anything else?\n\n"
    "Noor: The council leaves it to us now.\n"
)
MANIFEST = """name: Allotment society
waves:
  - {id: W1, start: 2025-04-01, end: 2025-04-30}
  - {id: W2, start: 2025-10-01, end: 2025-10-31}
cases:
  - {id: P1, label: Iris Vale, role: grower}
  - {id: P2, label: Tomas Reyes, role: grower}
  - {id: P3, label: Noor Haddad, role: secretary}
speakers: {Kit: interviewer}
documents:
  - interviews/*.txt
  - {path: groups/focus_group_W2.txt, kind: focus_group, wave: W2}
"""


def _allotment(root: Path) -> Path:
    write(root / "study.yaml", MANIFEST)
    write(root / "interviews/P1_W1_interview.txt", ALONE.format(name="Iris", words="A friend had a plot.", more="I share a bed with two others."))
    write(root / "interviews/P2_W1_interview.txt", ALONE.format(name="Tomas", words="I saw the notice.", more="I mend the tools."))
    write(root / "interviews/P3_W1_interview.txt", ALONE.format(name="Noor", words="My mother grew beans here.", more="I chair the meetings."))
    write(root / "interviews/P1_W2_interview.txt", JOINT)
    write(root / "interviews/P3_W2_interview.txt", ALONE.format(name="Noor", words="Busy.", more="We plan the year together."))
    write(root / "groups/focus_group_W2.txt", GROUP)
    return root


def _load(path: Path, **kwargs) -> tuple[qlr.Study, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False, **kwargs)
    return study, list(caught)


def _whose(study: qlr.Study) -> pd.DataFrame:
    """Each passage's place, role and case: what a round trip must keep."""
    table = segment_cases(study).merge(study.segments[["seg_id", "start", "end", "speaker_role"]], on="seg_id")
    columns = ["doc_id", "start", "end", "speaker_role", "case_id"]
    return table[columns].astype(str).sort_values(columns).reset_index(drop=True)


# Finding 4: qlr's own deposit loads back through its data lists.


def test_a_data_lists_wave_id_column_is_read(tmp_path):
    write(tmp_path / "t/a_1.txt", "Interviewer: Hi?\n\nAnn: Hello.\n")
    write(tmp_path / "t/a_2.txt", "Interviewer: Again?\n\nAnn: Yes.\n")
    write(tmp_path / "t/b_1.txt", "Interviewer: Hi?\n\nBo: Hello.\n")
    write(tmp_path / "list.csv", "file,doc_id,case_id,wave_id\nt/a_1.txt,a_1,A,W1\nt/a_2.txt,a_2,A,W2\nt/b_1.txt,b_1,B,W1\n")
    write(tmp_path / "study.yaml", "name: x\ndocuments:\n  - list: list.csv\n")
    study, _ = _load(tmp_path)
    assert list(study.waves["wave_id"]) == ["W1", "W2"]
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"])) == {"a_1": "W1", "a_2": "W2", "b_1": "W1"}


def test_a_data_lists_several_cases_are_a_joint_interviews_and_a_groups(tmp_path):
    root = _allotment(tmp_path / "s")
    (root / "study.yaml").unlink()
    write(
        root / "list.csv",
        "File,Participant,Wave,Type,Speakers\n"
        "interviews/P1_W1_interview.txt,P1,1,interview,Kit: interviewer\n"
        "interviews/P1_W2_interview.txt,P1; P2,2,interview,Kit: interviewer; Tomas: P2\n"
        "groups/focus_group_W2.txt,P1 & P2 & P3,2,focus group,Kit: interviewer; Iris: P1; Tomas: P2; Noor: P3\n",
    )
    write(root / "study.yaml", "name: x\ndocuments:\n  - list: list.csv\n")
    study, caught = _load(root)
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"].astype(object).where(study.documents["case_id"].notna(), None))) == {
        "P1_W1_interview": "P1", "P1_W2_interview": "P1", "focus_group_W2": None,
    }  # fmt: skip
    assert list(study.cases["case_id"]) == ["P1", "P2", "P3"]
    assert study.attrition().loc["P2", "W2"] == "present"
    record = study.meta["speaker_cases"]
    assert record["P1_W2_interview"] == {"Tomas": "P2", "Both": ["P1", "P2"]}
    # The cases have no names here (the list gives ids only): the speakers column alone says whose each voice is.
    assert record["focus_group_W2"] == {"Iris": "P1", "Tomas": "P2", "Noor": "P3", "Iris and Tomas": ["P1", "P2"]}
    assert not [w for w in caught if "data list names" in str(w.message)]


def test_a_listed_case_no_turn_is_said(tmp_path):
    root = _allotment(tmp_path / "s")
    (root / "study.yaml").unlink()
    write(root / "list.csv", "File,Participant,Wave\ninterviews/P1_W2_interview.txt,P1; P2,2\ninterviews/P3_W2_interview.txt,P3,2\n")
    write(root / "study.yaml", "name: x\nspeakers: {Kit: interviewer}\ndocuments:\n  - list: list.csv\n")
    study, caught = _load(root)
    said = [str(w.message) for w in caught if issubclass(w.category, NoCaseTalkWarning) and "data list names" in str(w.message)]
    assert len(said) == 1 and "P1_W2_interview (P2)" in said[0] and "'Label: C02'" in said[0]


def test_the_template_offers_every_data_list(tmp_path):
    for wave in (1, 2):
        write(tmp_path / f"t/a_{wave}.txt", "Interviewer: Hi?\n\nAnn: Hello.\n")
        write(tmp_path / f"t/b_{wave}.txt", "Interviewer: Hi?\n\nBo: Hello.\n")
        write(tmp_path / f"data_list_W{wave}.csv", f"file,case_id,wave_id,kind\nt/a_{wave}.txt,A,W{wave},interview\nt/b_{wave}.txt,B,W{wave},interview\n")
    write(tmp_path / "t/notes.txt", "Plain notes of the project.\n")
    write(tmp_path / "data_list_other.csv", "file,case_id,wave_id,kind\nt/notes.txt,,,document\n")
    text = template_for(tmp_path)
    assert "- list: data_list_W1.csv\n- list: data_list_W2.csv\n- list: data_list_other.csv\n" in text
    assert "Not in" not in text
    write(tmp_path / "study.yaml", text)
    study, _ = _load(tmp_path)
    assert study.attrition()[["W1", "W2"]].eq("present").all().all()
    assert pd.isna(study.documents.set_index("doc_id").loc["notes", "wave_id"])


def test_a_deposit_loads_back_as_the_study_it_was(tmp_path):
    root = _allotment(tmp_path / "s")
    study, _ = _load(root)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudonymise(study)
    out = qlr.pseudo.deposit(result, tmp_path / "deposit")
    write(out / "study.yaml", template_for(out))
    back, caught = _load(out)
    deposited = result.study
    columns = ["doc_id", "case_id", "wave_id", "kind"]
    assert back.documents[columns].astype(str).sort_values("doc_id").reset_index(drop=True).equals(
        deposited.documents[columns].astype(str).sort_values("doc_id").reset_index(drop=True)
    )
    assert back.attrition().equals(deposited.attrition())  # presence, and each case's role from the lists' role column
    # Whose each passage is: the joint interview's Tomas and 'Both', the group's voices and its '[Case 1] and [Case 2]:'.
    assert _whose(back).equals(_whose(deposited))
    spoken = _whose(back).query("speaker_role == 'participant'")
    assert spoken["case_id"].eq("P2").sum() == 6  # W1 twice, the joint interview's own voice and 'Both', the group twice
    assert "] and [" in back.documents.set_index("doc_id").loc["focus_group_W2", "text"]  # the joint voice as pseudonymised


# Finding 6: a focus group at a wave whose voices are none of the study's cases is said.


def _unnamed(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, NoCaseTalkWarning) and "no speaker read as one of the study's cases" in str(w.message)]


def test_a_group_whose_voices_are_no_case_is_said(tmp_path):
    root = _allotment(tmp_path / "s")
    manifest = (root / "study.yaml").read_text(encoding="utf-8")
    write(root / "study.yaml", manifest.replace("label: Iris Vale", "label: P1").replace("label: Tomas Reyes", "label: P2").replace("label: Noor Haddad", "label: P3"))
    study, caught = _load(root)
    said = _unnamed(caught)
    assert len(said) == 1
    assert "focus_group_W2 (at wave W2; no one's: Iris (1 turn), Tomas (1 turn), Noor (2 turns), Iris and Tomas (1 turn))" in said[0]
    assert "speakers: {Ana: C01}" in said[0] and "speaker_cases: off" in said[0]
    assert "focus_group_W2" not in (study.meta.get("speaker_cases") or {})  # nothing recorded, nothing attributed
    # Said so, the group stays the study's without a word; and a study whose cases are named attributes them as before.
    write(root / "study.yaml", (root / "study.yaml").read_text(encoding="utf-8").replace("wave: W2}", "wave: W2, speaker_cases: off}"))
    assert not _unnamed(_load(root)[1])
    named, caught = _load(_allotment(tmp_path / "t"))
    assert not _unnamed(caught) and named.meta["speaker_cases"]["focus_group_W2"] == {"Iris": "P1", "Tomas": "P2", "Noor": "P3", "Iris and Tomas": ["P1", "P2"]}


# Finding 7: the joint interview's load note under its own heading.


def test_a_joint_interviews_load_note_is_filed_as_one(tmp_path):
    study, caught = _load(_allotment(tmp_path / "s"))
    assert any(issubclass(w.category, NoCaseTalkWarning) and "joint interview" in str(w.message) for w in caught)  # filters still catch it
    notes = qlr.io.load_notes(study).set_index("documents")["what"]
    assert notes["P1_W2_interview"] == "another case speaking in a case's own conversation"
    assert notes["focus_group_W2"] == "the study's people in talk of no case"


# Finding 10: a column of words chosen by text_column leaves the others out as asked: a load note, exit status 0.


def test_a_chosen_text_column_makes_the_other_a_note(tmp_path):
    from qlr.cli import main
    from qlr.errors import UnreadTextWarning

    rows = "Speaker,Texto,English Translation\nKit,Como vai a horta?,How is the plot?\nIris,Muito bem.,Very well.\nKit,E agora?,And now?\nIris,Partilhamos.,We share.\n"
    write(tmp_path / "P1_W1_interview.csv", rows)
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\nspeakers: {Kit: interviewer}\ndocuments:\n  - P1_W1_interview.csv\n")
    _, caught = _load(tmp_path)
    assert [w for w in caught if issubclass(w.category, UnreadTextWarning)]  # not chosen: the translation is warned of
    assert main(["info", str(tmp_path), "-q"]) == 3
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\nspeakers: {Kit: interviewer}\ndocuments:\n  - {path: P1_W1_interview.csv, text_column: English Translation}\n")
    study, caught = _load(tmp_path)
    assert not [w for w in caught if issubclass(w.category, UnreadTextWarning)]
    assert "We share." in study.documents["text"].iloc[0]
    notes = " | ".join(qlr.io.load_notes(study)["note"])
    assert "cells of the column 'Texto' (another column of words, left out: 'text_column: English Translation' reads 'English Translation') in rows 2, 3, 4, 5" in notes
    assert main(["info", str(tmp_path), "-q"]) == 0


# Finding 11: a file of a kind qlr does not know that holds speaker labels is warned of, with the fix.


def test_a_labelled_file_of_an_unknown_kind_is_warned_of(tmp_path):
    from qlr.errors import NoInterviewerWarning

    root = _allotment(tmp_path / "s")
    write(root / "extra/P3_W2_extra.txt", "Kit: Thanks for stepping in, Tomas.\n\nTomas: Happy to. We share the shed keys now.\n\nKit: Anything else?\n\nTomas: The council asks us first.\n")
    write(root / "extra/P3_W2_minutes.txt", "Minutes of the May meeting.\n\nThe society agreed the rota.\n\nNote: the shed roof needs mending.\n")
    manifest = (root / "study.yaml").read_text(encoding="utf-8")
    write(root / "study.yaml", manifest + "  - {path: extra/P3_W2_extra.txt, speakers: {Tomas: P2}}\n  - extra/P3_W2_minutes.txt\n")
    study, caught = _load(root)
    said = [str(w.message) for w in caught if issubclass(w.category, NoInterviewerWarning) and "kind qlr does not know" in str(w.message)]
    assert len(said) == 1
    assert "1 document(s)" in said[0] and "P3_W2_extra (kind 'extra': Kit, Tomas)" in said[0] and "minutes" not in said[0]
    assert "interview, focus_group" in said[0] and "'segment: paragraphs'" in said[0]
    assert study.segments.query("doc_id == 'P3_W2_extra'")["speaker"].isna().all()  # read by paragraph, as the kind says
    # Said how to read it, it is read so, and quietly.
    write(root / "study.yaml", manifest + "  - {path: extra/P3_W2_extra.txt, kind: interview, speakers: {Tomas: P2}}\n  - {path: extra/P3_W2_minutes.txt, segment: paragraphs}\n")
    study, caught = _load(root)
    assert not [w for w in caught if "kind qlr does not know" in str(w.message)]
    turns = study.segments.query("doc_id == 'P3_W2_extra'")
    assert list(turns["speaker"]) == ["Kit", "Tomas", "Kit", "Tomas"] and list(turns["speaker_role"][:2]) == ["interviewer", "participant"]
    # Its entry's speakers: is read now: Tomas, its only voice, names P2, which loading says (is the file P2's?).
    assert any("is the file P2's?" in str(w.message) for w in caught)


# Finding 9: a folder's table with a transcript's header and two rows is refused saying why, not as a format unread.


def test_a_two_row_table_in_a_folder_is_refused_saying_why(tmp_path):
    from qlr.errors import FilesNotLoadedWarning, ManifestNotFoundError

    table = "Speaker,Text\nKit,How did you start?\nIris,Through a friend.\n"
    write(tmp_path / "a/P1_W1_interview.csv", table)
    with pytest.raises(ManifestNotFoundError) as refused:
        qlr.load(tmp_path / "a", progress=False)
    message = str(refused.value)
    assert "whose rows are not a transcript's (P1_W1_interview.csv: the cells of its column 'Speaker' are not speaker labels" in message
    assert "formats qlr does not read" not in message and "Transcripts kept as tables" in message
    write(tmp_path / "b/P2_W1_interview.csv", table)
    write(tmp_path / "b/P1_W1_interview.txt", ALONE.format(name="Iris", words="Through a friend.", more="I share a bed.").replace("Kit:", "Interviewer:"))
    with pytest.warns(FilesNotLoadedWarning, match=r"whose rows are not a transcript's \(P2_W1_interview\.csv: the cells") as caught:
        qlr.load(tmp_path / "b", progress=False)
    assert not [w for w in caught if "formats qlr does not read" in str(w.message)]


# The template's study-wide speakers: a label that says its own role ("Interviewer") needs no line.


def test_the_template_leaves_out_a_label_that_says_its_role(tmp_path):
    import yaml

    root = tmp_path / "s"
    write(root / "P1_W1_interview.txt", ALONE.format(name="Iris", words="A friend had a plot.", more="I share a bed.").replace("Kit:", "Interviewer:"))
    write(root / "P2_W1_interview.txt", ALONE.format(name="Tomas", words="I saw the notice.", more="I mend the tools."))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # loading says Kit asks the questions: the template's answer
        template = yaml.safe_load(template_for(root))
    assert template["speakers"] == {"Kit": "interviewer"}  # was {"Interviewer": "interviewer", "Kit": "interviewer"}
    write(root / "study.yaml", yaml.safe_dump(template, sort_keys=False))
    study, _ = _load(root)
    assert study.segments.groupby("speaker")["speaker_role"].first().to_dict() == {"Interviewer": "interviewer", "Iris": "participant", "Kit": "interviewer", "Tomas": "participant"}


# Finding 12: qlr info's label table says which documents a label's row is for, where the label has several rows.


def test_the_label_table_names_the_documents_of_each_role(tmp_path, capsys):
    from qlr.cli import main

    root = _allotment(tmp_path / "s")
    write(root / "notes/visit.md", "## 12 October 2025\n\nThe members met at the shed and agreed the rota.\n")
    manifest = (root / "study.yaml").read_text(encoding="utf-8")
    write(root / "study.yaml", manifest + "  - {path: notes/visit.md, kind: observation, wave: W2, observer: Kit}\n")
    main(["info", str(root), "-q"])
    table = capsys.readouterr().out.split("Speaker labels")[1].split("\n\n")[0]
    assert "Kit: interviewer, 12 turns, 6 documents (P1_W1_interview, P1_W2_interview, P2_W1_interview, …), manifest" in table
    assert "Kit: observer, 1 turn, 1 document (visit), manifest" in table
    assert "Noor: participant, 6 turns, 3 documents, default" in table  # one row: no documents named


def test_the_template_keeps_a_name_its_entry_maps_out_of_the_study_wide_speakers(tmp_path):
    import yaml

    root = _allotment(tmp_path / "s")
    write(root / "extra/P3_W2_extra.txt", "Kit: Thanks for stepping in, Tomas.\n\nTomas: Happy to. We share the shed keys now.\n")
    manifest = (root / "study.yaml").read_text(encoding="utf-8")
    # Tomas is the file's only voice, so his turns stay P3's (loading asks whether the file is P2's): nothing records him.
    write(root / "study.yaml", manifest + "  - {path: extra/P3_W2_extra.txt, case: P3, wave: W2, kind: interview, speakers: {Tomas: P2}}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = yaml.safe_load(template_for(root))
    assert "Tomas" not in template["speakers"]  # was 'Tomas: participant', a participant's name in study.yaml for no reason
    entry = next(entry for entry in template["documents"] if entry["path"] == "extra/P3_W2_extra.txt")
    assert entry["speakers"] == {"Tomas": "P2"}
