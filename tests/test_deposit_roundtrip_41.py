"""A deposit loads back through its data lists as the study it was (stop 41, reviewers' findings).

Small hand-written studies of a repair café: Hal Brook (R1) and Jo Penn (R3) fix things, Ines Moro (R2) brings them,
and Uma Reid (R4) signed up and was never interviewed; Dee asks the questions.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

import qlr
from qlr.errors import InferenceWarning
from qlr.io import template_for
from qlr.io._datalist import find_data_lists

from .conftest import write

ALONE = "Dee: What brought you to the café?\n\n{name}: {words}\n\nDee: And these days?\n\n{name}: We mend things side by side now.\n"
MANIFEST = """name: Repair cafe
waves:
  - {{id: W1, start: 2025-02-01, end: 2025-02-28}}
  - {{id: W2, start: 2025-08-01, end: 2025-08-31}}
cases:
  - {{id: R1, label: Hal Brook, role: fixer}}
  - {{id: R2, label: Ines Moro, role: visitor}}
  - {{id: R3, label: Jo Penn, role: fixer}}
{more}speakers: {{Dee: interviewer}}
documents:
  - interviews/*
{documents}"""


def _load(path: Path) -> tuple[qlr.Study, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False)
    return study, list(caught)


def _deposit(root: Path, out: Path) -> tuple[qlr.Study, qlr.Study]:
    """The study as deposited, and as loaded back through the deposit's data lists and its template."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudonymise(qlr.load(root, progress=False))
    folder = qlr.pseudo.deposit(result, out)
    write(folder / "study.yaml", template_for(folder))
    return result.study, _load(folder)[0]


def _docs(study: qlr.Study) -> list[tuple[str, str, str]]:
    return sorted(zip(study.documents["doc_id"], study.documents["case_id"].astype(str), study.documents["wave_id"].astype(str)))


# rv2 bug 1: a first wave's list of one document.


def test_a_first_wave_of_one_document_comes_back(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", MANIFEST.format(more="", documents=""))
    write(root / "interviews/R1_W1_interview.txt", ALONE.format(name="Hal", words="My toaster broke."))
    write(root / "interviews/R1_W2_interview.txt", ALONE.format(name="Hal", words="I stayed on to fix lamps."))
    write(root / "interviews/R3_W2_interview.txt", ALONE.format(name="Jo", words="A neighbour asked me."))
    deposited, back = _deposit(root, tmp_path / "deposit")
    assert _docs(back) == _docs(deposited)
    assert back.attrition().loc["R1", "W1"] == "present"


def test_a_single_case_deposits_lists_are_found(tmp_path):
    # One document a wave: no list names two files, the deposit's own header says they are its lists.
    columns = "file,doc_id,case_id,role,wave_id,kind,date,stage,title,format,n_words,speakers\n"
    for wave in (1, 2):
        write(tmp_path / f"transcripts/R1_W{wave}_interview.txt", ALONE.format(name="Hal", words="Fine."))
        write(tmp_path / f"data_list_W{wave}.csv", columns + f"transcripts/R1_W{wave}_interview.txt,R1_W{wave}_interview,R1,fixer,W{wave},interview,,,,txt,9,\n")
    assert [found.shown for found in find_data_lists(tmp_path)] == ["data_list_W1.csv", "data_list_W2.csv"]
    # Another table of one row is still no list.
    (tmp_path / "data_list_W2.csv").unlink()
    write(tmp_path / "other.csv", "File,Participant\ntranscripts/R1_W2_interview.txt,R1\n")
    assert [found.shown for found in find_data_lists(tmp_path)] == ["data_list_W1.csv"]


# rv2 bug 2: roles of cases heard only in another's conversation, and a case with no document.


def test_roles_and_a_case_never_seen_come_back(tmp_path):
    root = tmp_path / "s"
    more = "  - {id: R4, label: Uma Reid, role: visitor}\n"
    write(root / "study.yaml", MANIFEST.format(more=more, documents="  - {path: groups/focus_group_W2.txt, kind: focus_group, wave: W2}\n"))
    write(root / "interviews/R1_W1_interview.txt", ALONE.format(name="Hal", words="My toaster broke."))
    write(root / "interviews/R3_W1_interview.txt", ALONE.format(name="Jo", words="A neighbour asked me."))
    write(root / "interviews/R1_W2_interview.txt", "Dee: How did the year go?\n\nHal: We opened on Saturdays.\n\nInes: I brought my radio twice.\n")
    write(root / "groups/focus_group_W2.txt", "Dee: Who decides what gets fixed?\n\nHal: We all do.\n\nInes: The fixers ask us first.\n\nJo: I keep the list.\n")
    deposited, back = _deposit(root, tmp_path / "deposit")
    assert list(back.cases["case_id"]) == ["R1", "R2", "R3", "R4"]
    assert back.attrition().equals(deposited.attrition())  # Ines a visitor, Uma a visitor never seen
    assert dict(zip(back.cases["case_id"], back.cases["role"])) == {"R1": "fixer", "R2": "visitor", "R3": "fixer", "R4": "visitor"}
    assert _docs(back) == _docs(deposited)


# rv2 bug 3: a Speakers column that says role: person.


def test_a_speakers_column_of_roles_and_names_is_left_aside(tmp_path):
    for who, words in (("Hal", "Busy."), ("Jo", "Quiet.")):
        write(tmp_path / f"t/{who[0].lower()}_1.txt", f"Interviewer: How is the café?\n\n{who}: {words}\n")
    write(tmp_path / "list.csv", "File,Participant,Wave,Speakers\nt/h_1.txt,H,1,Interviewer: Dee Lane; Interviewee: Hal Brook\nt/j_1.txt,J,1,Interviewer: Dee Lane; Interviewee: Jo Penn\n")
    write(tmp_path / "study.yaml", "name: x\ndocuments:\n  - list: list.csv\n")
    study, caught = _load(tmp_path)
    assert study.segments[["speaker", "speaker_role"]].values.tolist() == [["Interviewer", "interviewer"], ["Hal", "participant"], ["Interviewer", "interviewer"], ["Jo", "participant"]]
    said = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning) and "'Speakers' is not read" in str(w.message)]
    assert len(said) == 1 and "row(s) 2, 3" in said[0]
    # A list's own pairs of label and role or case are read as before.
    write(tmp_path / "list.csv", "File,Participant,Wave,Speakers\nt/h_1.txt,H,1,Interviewer: interviewer; Hal: H\nt/j_1.txt,J,1,Interviewer: interviewer\n")
    study, caught = _load(tmp_path)
    assert not [w for w in caught if "'Speakers' is not read" in str(w.message)]


# sm finding 3: the README's `qlr info DEP --template > DEP/study.yaml` makes the file empty before qlr reads the folder.


def test_the_template_of_a_deposit_beside_an_empty_study_yaml(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", MANIFEST.format(more="", documents=""))
    write(root / "interviews/R1_W1_interview.txt", ALONE.format(name="Hal", words="My toaster broke."))
    write(root / "interviews/R3_W1_interview.txt", ALONE.format(name="Jo", words="A neighbour asked me."))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = qlr.pseudo.deposit(qlr.pseudonymise(qlr.load(root, progress=False)), tmp_path / "deposit")
    write(folder / "study.yaml", "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = template_for(folder)
    assert "- list: data_list_W1.csv" in text


# sm finding 5: the pseudonymised transcripts keep their turns.


def test_a_markdown_write_up_stays_markdown(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", MANIFEST.format(more="", documents=""))
    write(root / "interviews/R1_W1_interview.txt", ALONE.format(name="Hal", words="My toaster broke."))
    write(root / "interviews/R3_W1_interview.md", "# Notes of the talk with Jo\n\nJo came in March and mends bikes.\n")
    deposited, back = _deposit(root, tmp_path / "deposit")
    assert (tmp_path / "deposit/transcripts/R3_W1_interview.md").is_file()
    assert not (tmp_path / "deposit/transcripts/R3_W1_interview.txt").exists()
    assert back.documents.set_index("doc_id").loc["R3_W1_interview", "format"] == "md"
    assert _docs(back) == _docs(deposited)


def _turns(study: qlr.Study) -> pd.DataFrame:
    columns = ["doc_id", "speaker_role"]
    return study.segments[columns].astype(str).value_counts().sort_index()


def test_bracketed_and_capitalised_labels_keep_their_turns(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", MANIFEST.format(more="", documents=""))
    write(root / "interviews/R1_W1_interview.txt", "[Dee]: What brought you here?\n[Hal]: My toaster broke, and [Jo] fixed it.\n[Dee]: And now?\n[Hal]: I fix lamps.\n")
    write(root / "interviews/R3_W1_interview.txt", "DEE\nWhat brought you here?\n\nJO\nA neighbour asked me.\n\nDEE\nAnd now?\n\nJO\nI run the bike table.\n")
    write(root / "interviews/R2_W1_interview.txt", ALONE.format(name="Ines", words="My radio."))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudonymise(qlr.load(root, progress=False))
    text = result.study.documents.set_index("doc_id")["text"]
    assert "[[" not in text["R1_W1_interview"] and "]]" not in text["R1_W1_interview"]
    assert "\nJO\n" not in text["R3_W1_interview"] and "[FIXER " in text["R3_W1_interview"]
    deposited, back = _deposit(root, tmp_path / "deposit")
    assert _turns(back).equals(_turns(deposited))
    assert set(back.segments.loc[back.segments["doc_id"].ne("R2_W1_interview"), "speaker_role"]) == {"interviewer", "participant"}
    # Bracketed capitals that are no pseudonym ("[LAUGHTER]") are still no one's label.
    write(tmp_path / "t/R1_W1_interview.txt", "DEE\nHow was it?\n\n[LAUGHTER]\nIt was fine, really.\n\nDEE\nGood.\n")
    study, _ = _load(tmp_path / "t")
    assert "[LAUGHTER]" not in set(study.segments["speaker"].dropna())


# sm finding 2: what only project.qdpx keeps (the name, labels, attributes) comes back through the template.


def test_the_name_labels_and_attributes_come_back(tmp_path):
    root = tmp_path / "s"
    more = "  - {id: R4, label: Uma Reid, role: visitor, attributes: {age: 70, borough: east}}\n"
    write(root / "study.yaml", MANIFEST.format(more=more, documents="").replace("{id: W1,", "{id: W1, label: Winter fair,"))
    write(root / "interviews/R1_W1_interview.txt", ALONE.format(name="Hal", words="My toaster broke."))
    write(root / "interviews/R4_W2_interview.txt", ALONE.format(name="Uma", words="A leaflet."))
    deposited, back = _deposit(root, tmp_path / "deposit")
    assert back.name == "Repair cafe"
    assert list(back.waves["label"]) == ["Winter fair", "W2"]
    assert back.cases.set_index("case_id").loc["R4", ["age", "borough"]].tolist() == [70, "east"]
    assert list(back.cases["label"]) == list(deposited.cases["label"])  # the pseudonyms, as the texts have them
    assert "project.qdpx" in (tmp_path / "deposit/README.md").read_text(encoding="utf-8")
