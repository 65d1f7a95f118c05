"""A secondary analyst's two archived QL studies (the twelfth trial, stop 47).

Lookalike archives written for these tests, after the layouts of UK Data Service collections: transcripts in
``rtf/`` named by the interview's id (``FAM03_W2_INT``), a data list under a title row in ``mrdoc/excel/`` whose
"Interview ID" column names each file, anonymisation marks ([name], [Town], XXXX); studies pooled under keys and
deposited again.
"""

from __future__ import annotations

import warnings

import openpyxl
import pandas as pd
import pytest

import qlr
from qlr.io import template_for

from .conftest import write

_WORDS = {
    1: ("How did you come to the family centre in [Town]?", "The health visitor, [name], sent me. They ask what your needs are and write it all down."),
    2: ("Has anything changed since we last spoke?", "They asked us what we thought about the Saturday club and they used it. I help out on Tuesdays."),
}


def _rtf(lines: list[str]) -> str:
    return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\n" + "".join(f"{line}\\par\n" for line in lines) + "}"


def _transcript(interview: str, day: str, wave: int) -> str:
    question, answer = _WORDS[wave]
    header = ["Study Number: 9101", f"Interview ID: {interview}", f"Date of interview: {day}", "Interviewer: JH", ""]
    return _rtf([*header, f"INT: {question}", f"RESP: {answer}", "INT: Thank you.", f"RESP: {answer.split('.')[0]}, yes."])


def _archive(root, rows, files):
    """An archive: ``files`` (interview id, date, wave) as rtf transcripts, ``rows`` its data list under a title."""
    for interview, day, wave in files:
        write(root / "rtf" / f"{interview}.rtf", _transcript(interview, day, wave))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["SN 9101 Families Through Change: Data list"])
    sheet.append([])
    sheet.append(["Interview ID", "Case ID", "Wave", "Date of interview", "Interviewer", "Gender"])
    for row in rows:
        sheet.append(row)
    (root / "mrdoc" / "excel").mkdir(parents=True)
    book.save(root / "mrdoc" / "excel" / "9101_data_list.xlsx")
    return root


_FILES = [("FAM01_W1_INT", "12/03/2019", 1), ("FAM01_W2_INT", "06/10/2020", 2), ("FAM02_W1_INT", "19/03/2019", 1), ("FAM02_W2_INT", "13/10/2020", 2)]
_ROWS = [
    ["FAM01_W1_INT", "FAM01", 1, "12/03/2019", "JH", "Female"],
    ["FAM02_W1_INT", "FAM02", 1, "19/03/2019", "JH", "Female"],
    ["FAM01_W2_INT", "FAM01", 2, "06/10/2020", "SK", "Female"],
    ["FAM02_W2_INT", "FAM02", 2, "13/10/2020", "SK", "Female"],
]


def test_an_archives_int_file_names_are_interviews_read_turn_by_turn(tmp_path):
    # Named by the archive's interview ids, no study.yaml: kind "INT" was unknown, read by paragraph, so no turn was
    # anyone's and the interviewer's questions counted as evidence (22 of 22 INT turns in the trial's archive).
    for interview, day, wave in _FILES:
        write(tmp_path / f"{interview}.rtf", _transcript(interview, day, wave))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert set(study.documents["kind"]) == {"interview"}
    roles = study.segments.dropna(subset=["speaker"]).groupby("speaker")["speaker_role"].agg(set)
    assert roles.to_dict() == {"INT": {"interviewer"}, "RESP": {"participant"}}
    assert len(study.segments.query("speaker == 'INT'")) == 8  # two questions in each of four interviews


def test_a_data_lists_interview_id_column_names_its_files(tmp_path):
    # The list names each file by the interview's id and has no "File name" column: the template proposed no list
    # and fell back on the names; now the list is the study's document table.
    root = _archive(tmp_path / "UKDA-9101-rtf", [*_ROWS, ["FAM03_W2_INT", "FAM03", 2, "20/10/2020", "SK", "Male"]], _FILES)
    write(root / "rtf" / "FAM09_W1_INT.rtf", _transcript("FAM09_W1_INT", "01/04/2019", 1))  # in no row
    template = template_for(root)
    assert "- list: mrdoc/excel/9101_data_list.xlsx" in template
    assert "path from 'Interview ID', case from 'Case ID', wave from 'Wave'" in template
    assert "its header is row 3, under a title" in template
    assert "4 of its 5 rows name a file" in template
    assert "Not in the list, so not loaded: rtf/FAM09_W1_INT.rtf" in template
    write(root / "study.yaml", template)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    said = [str(w.message) for w in caught]
    # The row naming a missing file, by its id and row; the file no row names, by its path.
    assert any("1 row(s) of the data list name no file" in m and "FAM03_W2_INT (row 8)" in m for m in said)
    assert any(issubclass(w.category, qlr.errors.FilesNotLoadedWarning) and "rtf/FAM09_W1_INT.rtf" in str(w.message) for w in caught)
    docs = study.documents.set_index("doc_id")
    assert sorted(docs.index) == ["FAM01_W1_INT", "FAM01_W2_INT", "FAM02_W1_INT", "FAM02_W2_INT"]
    assert docs.loc["FAM02_W2_INT", ["case_id", "wave_id"]].tolist() == ["FAM02", "W2"]
    assert str(docs.loc["FAM01_W2_INT", "date"])[:10] == "2020-10-06"
    # FAM03 is a case the list names, deposited at no wave: never seen, not dropped.
    assert sorted(study.cases["case_id"]) == ["FAM01", "FAM02", "FAM03"]


def test_a_data_list_row_naming_two_files_is_an_error_naming_its_row(tmp_path):
    root = _archive(tmp_path / "arch", [["FAM01", "FAM01", 1, "12/03/2019", "JH", "Female"]], _FILES)
    write(root / "study.yaml", "documents:\n  - list: mrdoc/excel/9101_data_list.xlsx\n")
    with pytest.raises(qlr.errors.ManifestError) as raised:
        qlr.load(root, progress=False)
    assert "'FAM01' names 2 files" in str(raised.value) and "9101_data_list.xlsx" in str(raised.value)


def test_a_pooled_study_of_coded_case_ids_is_deposited(tmp_path):
    # Each case goes by its archive's code (label = id). Pooled under keys, the id became "ftc:FAM01" beside the label
    # "FAM01", so the label was taken for a name and the deposit refused: "the case id 'ftc:FAM01' contains the
    # identifier 'fam01'". A code is no name in a pooled study either.
    first = _archive(tmp_path / "first", _ROWS, _FILES)
    second = _archive(tmp_path / "second", _ROWS, _FILES)
    for root in (first, second):  # the list's columns named, as a manifest may
        write(root / "study.yaml", "documents:\n  - list: mrdoc/excel/9101_data_list.xlsx\n    columns: {path: Interview ID, case: Case ID}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.pool([qlr.load(first, progress=False), qlr.load(second, progress=False)], keys=["ftc", "yf"], waves="id")
        result = qlr.pseudonymise(pooled)
    assert sorted(result.study.cases["label"]) == ["FAM01", "FAM01", "FAM02", "FAM02"]  # codes, kept as they were
    assert sorted(result.study.cases["case_id"])[:2] == ["ftc:FAM01", "ftc:FAM02"]
    folder = qlr.pseudo.deposit(result, tmp_path / "deposit")
    assert (folder / "project.qdpx").is_file()
    # The transcripts' header lines keep the interview ids, which are the archive's codes.
    texts = [path.read_text(encoding="utf-8") for path in sorted((folder / "transcripts").iterdir())]
    assert sum("Interview ID: FAM01_W1_INT" in text for text in texts) == 2


def test_a_data_lists_wave_words_are_numbered_waves_that_pool_by_id(tmp_path):
    # One archive writes "Wave 1", the other 1: the waves were "Wave 1" and W1, so pooling by id kept four waves
    # (two of each study's alone) and a deposit named files "C01_Wave 1_interview".
    worded = [[*row[:2], f"Wave {row[2]}", *row[3:]] for row in _ROWS]
    first = _archive(tmp_path / "first", worded, _FILES)
    second = _archive(tmp_path / "second", _ROWS, _FILES)
    entry = "documents:\n  - list: mrdoc/excel/9101_data_list.xlsx\n    columns: {path: Interview ID, case: Case ID}\n"
    for root in (first, second):
        write(root / "study.yaml", entry)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        studies = [qlr.load(first, progress=False), qlr.load(second, progress=False)]
        pooled = qlr.pool(studies, keys=["ftc", "yf"], waves="id")
    assert list(studies[0].waves["wave_id"]) == ["W1", "W2"]
    assert list(pooled.waves["wave_id"]) == ["W1", "W2"]
    assert pooled.documents.groupby("wave_id").size().to_dict() == {"W1": 4, "W2": 4}
    # A manifest declaring the waves as the list writes them keeps them so.
    write(first / "study.yaml", "waves: [Wave 1, Wave 2]\n" + entry)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert list(qlr.load(first, progress=False).waves["wave_id"]) == ["Wave 1", "Wave 2"]


def test_a_data_lists_other_columns_are_the_cases_attributes(tmp_path):
    # "Gender", "Age" and "Notes" were read by no role and dropped without a word; now the template writes them: a
    # column saying one value in all of each case's rows gives attributes, one that changes (or one row's note) per wave.
    root = tmp_path / "archive"
    for interview, day, wave in _FILES:
        write(root / "rtf" / f"{interview}.rtf", _transcript(interview, day, wave))
    write(
        root / "data_list.csv",
        "Interview ID,Case ID,Wave,Date of interview,Gender,Age,Notes\n"
        "FAM01_W1_INT,FAM01,Wave 1,12/03/2019,Female,34,\n"
        "FAM01_W2_INT,FAM01,Wave 2,06/10/2020,Female,35,by telephone\n"
        "FAM02_W1_INT,FAM02,Wave 1,19/03/2019,Male,41,\n"
        "FAM02_W2_INT,FAM02,Wave 2,13/10/2020,Male,41,\n"
        "FAM03_W1_INT,FAM03,Wave 1,,Female,,Not deposited: consent withdrawn\n",
    )
    template = template_for(root)
    assert "as each case's attributes: Gender; per wave: Age, Notes (3 case(s)" in template
    write(root / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    cases = study.cases.set_index("case_id")
    assert cases["Gender"].to_dict() == {"FAM01": "Female", "FAM02": "Male", "FAM03": "Female"}
    assert "Age" not in cases and "Notes" not in cases  # FAM01's age grows, and a note is of one interview
    per_wave = study.case_waves.set_index(["case_id", "wave_id"])
    assert per_wave.loc[("FAM02", "W1"), "Age"] == 41 and per_wave.loc[("FAM02", "W2"), "Age"] == 41
    assert per_wave.loc[("FAM03", "W1"), "Notes"] == "Not deposited: consent withdrawn"  # a row with no file
    assert per_wave.loc[("FAM01", "W1"), "Age"] == 34 and per_wave.loc[("FAM01", "W2"), "Age"] == 35
    assert per_wave.loc[("FAM01", "W2"), "Notes"] == "by telephone"
    assert pd.isna(per_wave.loc[("FAM01", "W1"), "Notes"])


def test_a_data_lists_rows_of_one_wave_and_columns_named_as_a_cases_own_are_all_kept(tmp_path):
    # FAM01's W1 interview ("by telephone") and diary ("photo diary …"): the diary's note overwrote the interview's; the
    # columns "Label" and "Left" (FAM02's "left study 2021") were dropped, the template's comment naming neither.
    root = tmp_path / "archive"
    for interview, day, wave in [*_FILES, ("FAM01_W1_DIARY", "14/03/2019", 1)]:
        write(root / "rtf" / f"{interview}.rtf", _transcript(interview, day, wave))
    write(
        root / "data_list.csv",
        "Interview ID,Case ID,Wave,Date of interview,Gender,Notes,Label,Left,wave_id\n"
        "FAM01_W1_INT,FAM01,Wave 1,12/03/2019,Female,by telephone,Tape 1,,x\n"
        "FAM01_W1_DIARY,FAM01,Wave 1,14/03/2019,Female,photo diary kept by daughter,Tape 2,,\n"
        "FAM01_W2_INT,FAM01,Wave 2,06/10/2020,Female,,Tape 3,,\n"
        "FAM02_W1_INT,FAM02,Wave 1,19/03/2019,Male,,Tape 4,,\n"
        "FAM02_W2_INT,FAM02,Wave 2,13/10/2020,Male,,Tape 5,left study 2021,\n",
    )
    template = write(root / "study.yaml", template_for(root)).read_text(encoding="utf-8")
    assert "as each case's attributes: Gender; per wave: Notes, Label, Left (2 case(s)" in template
    assert "# Not written: the list's column(s) 'wave_id' (named as a case's wave row's own column" in template
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    assert study.cases.set_index("case_id")["Gender"].to_dict() == {"FAM01": "Female", "FAM02": "Male"}
    per_wave = study.case_waves.set_index(["case_id", "wave_id"])
    assert per_wave.loc[("FAM01", "W1"), "Notes"] == "by telephone; photo diary kept by daughter"
    assert per_wave.loc[("FAM01", "W1"), "Label"] == "Tape 1; Tape 2" and per_wave.loc[("FAM02", "W2"), "Label"] == "Tape 5"
    assert per_wave.loc[("FAM02", "W2"), "Left"] == "left study 2021" and pd.isna(per_wave.loc[("FAM02", "W1"), "Left"])
    # Loaded directly (a study.yaml naming the list, no cases): the columns no case takes are named in a warning.
    write(root / "study.yaml", "documents:\n  - list: data_list.csv\n")
    with pytest.warns(qlr.errors.InferenceWarning, match="column\\(s\\) 'Gender', 'Notes', 'Label', 'wave_id', 'Left' are not read"):
        qlr.load(root, progress=False)


def test_a_pooled_studys_deposit_names_its_files_for_every_system_and_loads_back(tmp_path):
    # A pooled id holds its study's key and ":" ("ftc:FAM01_W1_INT"): the deposit wrote "transcripts/ftc:FAM01_W1_INT.txt",
    # a name Windows refuses (an archive's zip cannot be unpacked there) and macOS shows as "ftc/FAM01…".
    first = _archive(tmp_path / "first", _ROWS, _FILES)
    second = _archive(tmp_path / "second", _ROWS, _FILES)
    for root in (first, second):
        write(root / "study.yaml", "documents:\n  - list: mrdoc/excel/9101_data_list.xlsx\n    columns: {path: Interview ID, case: Case ID}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.pool([qlr.load(first, progress=False), qlr.load(second, progress=False)], keys=["ftc", "yf"], waves="separate")
        pooled.apply("coproduction")
        folder = qlr.pseudo.deposit(qlr.pseudonymise(pooled), tmp_path / "deposit")
        back = qlr.load(folder, progress=False)
    names = sorted(path.name for path in folder.rglob("*"))
    assert not [name for name in names if any(mark in name for mark in '<>:"\\|?*')]
    assert "ftc_FAM01_W1_INT.txt" in names and "data_list_yf_W2.csv" in names
    # The lists' doc_id column gives each document its id again, so the project's codings come back on them.
    assert sorted(back.documents["doc_id"]) == sorted(pooled.documents["doc_id"])
    assert len(back.codings) == len(pooled.codings) > 0
    assert sorted(back.waves["wave_id"]) == ["ftc:W1", "ftc:W2", "yf:W1", "yf:W2"]
