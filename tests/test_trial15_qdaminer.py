"""The fifteenth trial: an evaluation team's QDA Miner coding retrieval read as earlier coding.

QDA Miner (Provalis Research) keeps a project as cases, each with variables and one document per document variable
(here one per wave: "Wave1", "Wave2", "Wave3"), and a codebook of codes under categories. Its coding retrieval's search
hits, exported to Excel or CSV, are a row per coded segment: "Category" (a path, "Access\\Barriers"), "Code", "Case",
the document variable, "Text", the coder and date, and whichever of the case's variables the team chose to show. Each
export is written here in that layout; the transcripts are made up.
"""

from __future__ import annotations

import csv
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import FilesNotLoadedWarning, ManifestError, RowsRefusedWarning
from qlr.io import template_for

from .conftest import write

_TEXTS = {
    "C01_Wave1.txt": "I: What made it hard to get to the clinic?\n\nR: The bus only runs twice a day, so I missed appointments.\n",
    "C01_Wave2.txt": "I: How are things with Maria now?\n\nR: I trust her now because she always comes back.\n",
    "C02_Wave1.txt": "I: Tell me about your visits.\n\nR: The visits cost me nothing, which matters because money is tight.\n",
    "C02_Wave2.txt": "I: Has anything changed?\n\nR: We’ve started cooking with less salt at home.\n",
}
_HEADER = ["Category", "Code", "Case", "Document", "Text", "Coder", "Date", "Words", "Site", "Group"]
_ROWS = [
    ["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", "6", "North", "Intervention"],
    ["Relationship with CHW", "Trust", "C01", "Wave2", "I trust her now because she always comes back.", "anna", "2024-02-05", "9", "North", "Intervention"],
    ["Access\\Barriers", "Cost", "C02", "Wave1", "The visits cost me nothing, which matters because money is tight.", "anna", "2024-02-06", "11", "South", "Intervention"],
    ["Self-management", "Diet", "C02", "Wave2", "We’ve started cooking with less salt at home.", "anna", "2024-02-07", "8", "South", "Intervention"],
    # ben's segment runs over the interviewer's question into the answer: two paragraphs in QDA Miner's cell.
    ["Access\\Barriers", "Transport", "C01", "Wave1", "I: What made it hard to get to the clinic?\nR: The bus only runs twice a day", "ben", "2024-02-12", "16", "North", "Intervention"],
    ["Relationship with CHW", "Trust", "C01", "Wave2", "I trust her now", "ben", "2024-02-12", "4", "North", "Intervention"],
    # A pilot case the team never exported.
    ["Relationship with CHW", "Trust", "P01", "Wave1", "I would not let anyone in at first.", "ben", "2024-01-20", "8", "North", "Pilot"],
]


def _write(folder, rows=_ROWS, name="coding_retrieval.csv"):
    for file, text in _TEXTS.items():
        write(folder / "documents" / file, text)
    (folder / "qdaminer").mkdir(parents=True, exist_ok=True)
    with open(folder / "qdaminer" / name, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([_HEADER, *rows])


def _manifest_docs(tmp_path):
    # The documents' names are {case}_{wave}: the manifest says so per file, as `qlr info --template` writes it.
    entries = "".join(f"  - {{path: documents/{f}, case: {f[:3]}, wave: {f[4:9]}, kind: interview}}\n" for f in _TEXTS)
    return f"documents:\n{entries}"


def _load(tmp_path, rows=_ROWS, unplaced=", unplaced: warn"):
    _write(tmp_path, rows)
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "codings:\n  - {path: qdaminer/coding_retrieval.csv" + unplaced + "}\n")
    return qlr.load(tmp_path)


def test_each_hit_is_a_coding_of_the_cases_document_at_its_document_variables_wave(tmp_path):
    with pytest.warns(RowsRefusedWarning, match=r"1 of 7 codings cannot be placed .*row 8 \(P01 Wave1, Trust\): no case 'P01' in the study"):
        study = _load(tmp_path)
    codings = study.codings.sort_values(["coder", "doc_id", "start"])
    texts = study.documents.set_index("doc_id")["text"]
    words = [texts[doc][start:end] for doc, start, end in zip(codings["doc_id"], codings["start"], codings["end"])]
    assert list(codings["doc_id"]) == ["C01_Wave1", "C01_Wave2", "C02_Wave1", "C02_Wave2", "C01_Wave1", "C01_Wave2"]
    assert words[0] == "The bus only runs twice a day" and words[3] == "We’ve started cooking with less salt at home."
    # The segment over two paragraphs is placed whole, from the question to the answer's words.
    assert words[4] == "I: What made it hard to get to the clinic?\n\nR: The bus only runs twice a day"
    # The code keeps its category path; the coder and date are QDA Miner's.
    assert study.codings.groupby("coder").size().to_dict() == {"anna": 4, "ben": 2}
    assert set(study.codings["code_id"]) == {"access.barriers.transport", "access.barriers.cost", "relationship_with_chw.trust", "self_management.diet"}
    assert sorted(str(d)[:10] for d in study.codings["created"]) == ["2024-02-05", "2024-02-05", "2024-02-06", "2024-02-07", "2024-02-12", "2024-02-12"]


def test_without_unplaced_warn_the_pilot_row_is_one_error_naming_it(tmp_path):
    with pytest.raises(ManifestError, match=r"1 of 7 codings cannot be placed: row 8 \(P01 Wave1, Trust\): no case 'P01'.*unplaced: warn"):
        _load(tmp_path, unplaced="")


def test_the_cases_variables_shown_beside_the_hits_are_the_cases_attributes(tmp_path):
    with pytest.warns(RowsRefusedWarning):
        study = _load(tmp_path)
    cases = study.cases.set_index("case_id")
    assert cases["Site"].to_dict() == {"C01": "North", "C02": "South"} and cases["Group"].to_dict() == {"C01": "Intervention", "C02": "Intervention"}
    # The pilot's variables belong to no case of the study: said, not added.
    assert "coding_retrieval.csv: the values of 1 case(s) the study does not hold are not used: P01" in study.meta["inferred"]
    # QDA Miner's own columns (Words, Date …) are no attributes.
    assert "Words" not in cases.columns and "Date" not in cases.columns


def test_agreement_between_the_two_coders_reads_the_retrieval_as_it_is(tmp_path):
    with pytest.warns(RowsRefusedWarning):
        study = _load(tmp_path)
    table = qlr.code.agreement(study, coders=["anna", "ben"])
    # The units are the segments either coder coded in the documents both coded (C01's two): C01_Wave1's question and
    # answer, C01_Wave2's answer. Both coded trust at C01_Wave2's answer ("I trust her now" inside anna's sentence).
    assert table.loc["relationship_with_chw.trust", "n_units"] == 3
    assert table.loc["relationship_with_chw.trust", "cohen_kappa"] == 1.0
    # ben's transport segment takes in the question and the first words of the answer: it belongs to the segment it
    # overlaps most (the question, 43 characters against 32), as every coding does, so it is scored apart from anna's.
    assert table.loc["access.barriers.transport", "percent_agreement"] == pytest.approx(2 / 3)


def test_a_folder_names_the_retrieval_export_and_the_template_offers_it(tmp_path):
    _write(tmp_path)
    write(tmp_path / "qdaminer" / "variables.csv", "ID,Site,Age\nC01,North,64\nC02,South,58\n")
    write(tmp_path / "qdaminer" / "codebook.csv", "Category,Code,Description\nAccess\\Barriers,Cost,Money\n")
    with pytest.warns(FilesNotLoadedWarning, match=r"QDA Miner's coding retrieval\), read only as earlier coding .* qdaminer/coding_retrieval\.csv"):
        study = qlr.load(tmp_path)
    assert study.meta["coding_exports"] == ["qdaminer/coding_retrieval.csv"] and study.meta["case_tables"] == ["qdaminer/variables.csv"]
    with pytest.warns(FilesNotLoadedWarning):
        template = template_for(tmp_path)
    assert "#   - {path: qdaminer/coding_retrieval.csv, coder: CODER}" in template and "# attributes:\n#   - qdaminer/variables.csv\n" in template
    assert "codebook.csv" not in template
    # The template with its entries uncommented reads the hits and the variables.
    manifest = template.replace("# codings:\n#   - {path: qdaminer/coding_retrieval.csv, coder: CODER}", "codings:\n  - {path: qdaminer/coding_retrieval.csv, unplaced: warn}")
    write(tmp_path / "study.yaml", manifest.replace("# attributes:\n#   - qdaminer/variables.csv", "attributes:\n  - qdaminer/variables.csv"))
    with pytest.warns(RowsRefusedWarning):
        study = qlr.load(tmp_path)
    assert len(study.codings) == 6 and study.cases.set_index("case_id")["Age"].to_dict() == {"C01": 64, "C02": 58}


def test_an_xlsx_export_with_dates_as_excel_dates_reads_the_same(tmp_path):
    import datetime

    import openpyxl

    _write(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    # The team shows two more of the cases' variables beside the hits: a number and a date (Excel date cells).
    sheet.append([*_HEADER, "Age", "Enrolment date"])
    enrolled = {"C01": (64, datetime.datetime(2023, 3, 14)), "C02": (58, datetime.datetime(2023, 3, 20))}
    for row in _ROWS[:4]:
        sheet.append([*row[:6], datetime.datetime.fromisoformat(row[6]), int(row[7]), *row[8:], *enrolled[row[2]]])
    book.save(tmp_path / "qdaminer" / "coding_retrieval.xlsx")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "codings:\n  - qdaminer/coding_retrieval.xlsx\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    assert len(study.codings) == 4 and sorted(str(d)[:10] for d in study.codings["created"])[0] == "2024-02-05"
    cases = study.cases.set_index("case_id")
    # The date variable is the day QDA Miner showed, not "2023-03-14 00:00:00".
    assert cases["Enrolment date"].to_dict() == {"C01": "2023-03-14", "C02": "2023-03-20"}
    assert cases["Age"].astype(str).to_dict() == {"C01": "64", "C02": "58"}


def test_the_codings_travel_to_a_qdpx_and_back(tmp_path):
    with pytest.warns(RowsRefusedWarning):
        study = _load(tmp_path / "study")
    qlr.io.write_qdpx(study, tmp_path / "team.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "team.qdpx")
    assert back.codings.groupby("coder").size().to_dict() == {"anna": 4, "ben": 2}
    assert back.cases.set_index("case_id")["Site"].to_dict() == {"C01": "North", "C02": "South"}


def test_documents_named_case_wave_under_a_glob_are_told_the_naming_that_reads_them(tmp_path):
    _write(tmp_path)
    write(tmp_path / "study.yaml", "documents:\n  - path: documents/*.txt\n")
    with pytest.raises(ManifestError, match=r"its name reads as \{case\}_\{wave\} \(case 'C01', wave 'Wave1'\): write  naming: '\{case\}_\{wave\}'"):
        qlr.load(tmp_path)
    write(tmp_path / "study.yaml", "naming: '{case}_{wave}'\ndocuments:\n  - path: documents/*.txt\ncodings:\n  - {path: qdaminer/coding_retrieval.csv, unplaced: warn}\n")
    with pytest.warns(RowsRefusedWarning):
        study = qlr.load(tmp_path)
    assert sorted(study.documents["doc_id"]) == ["C01_Wave1", "C01_Wave2", "C02_Wave1", "C02_Wave2"] and len(study.codings) == 6


def test_a_document_variable_names_the_study_wave_by_its_number_and_the_cases_turns_come_first(tmp_path):
    # The transcripts are named as qlr's own convention has them (W1, W2); QDA Miner's variables say "Wave1".
    write(tmp_path / "C01_W1_interview.txt", "I: So the bus only runs twice a day?\n\nR: The bus only runs twice a day, yes.\n")
    write(tmp_path / "C01_W2_interview.txt", "I: And now?\n\nR: I trust her now.\n")
    with open(tmp_path / "retrieval.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([_HEADER, ["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", "6", "", ""]])
    write(tmp_path / "study.yaml", "documents: ['*_interview.txt']\ncodings:\n  - retrieval.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    coding = study.codings.iloc[0]
    # The interviewer echoed the words first; the coding is the participant's, in the answer.
    assert coding["doc_id"] == "C01_W1_interview" and coding["seg_id"] == "C01_W1_interview:0001"


def test_the_variables_table_exported_apart_gives_the_cases_attributes(tmp_path):
    _write(tmp_path)
    # QDA Miner's variables (Export → data file): cases × variables; a pilot case and C01 twice, each named.
    write(tmp_path / "qdaminer" / "variables.csv", "ID,Site,Age,Enrolment date\nC01,North,64,2023-03-14\nc02,South,58,2023-03-20\nP01,North,70,2023-01-02\nC01,East,65,2023-03-15\n")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "cases:\n  - {id: C01, attributes: {Site: Northside}}\n  - {id: C02}\nattributes:\n  - qdaminer/variables.csv\n")
    with pytest.warns(RowsRefusedWarning, match=r"2 of the attributes table's 4 rows are not read: row 4 \('P01'\): no case of the study; row 5 \('C01'\): a second row of C01"):
        study = qlr.load(tmp_path)
    cases = study.cases.set_index("case_id")
    assert cases["Age"].to_dict() == {"C01": 64, "C02": 58} and cases["Enrolment date"].to_dict() == {"C01": "2023-03-14", "C02": "2023-03-20"}
    # The manifest's own value is kept, and the difference said.
    assert cases["Site"].to_dict() == {"C01": "Northside", "C02": "South"}
    assert any("differ from the study's own" in note and "C01 Site 'Northside' (variables.csv: 'North')" in note for note in study.meta["inferred"])


def test_an_attributes_entry_names_its_case_column_or_is_told_which_it_lacks(tmp_path):
    _write(tmp_path)
    write(tmp_path / "vars.csv", "Name,Code\nAnn,C01\nBo,C02\n")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - {path: vars.csv, case: Code}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert qlr.load(tmp_path).cases.set_index("case_id")["Name"].to_dict() == {"C01": "Ann", "C02": "Bo"}
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - {path: vars.csv, case: ID}\n")
    with pytest.raises(ManifestError, match=r"study\.yaml:\d+: the attributes table vars\.csv has no column 'ID'; its columns are Name, Code"):
        qlr.load(tmp_path)
    write(tmp_path / "ages.csv", "Name,Age\nAnn,40\n")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - ages.csv\n")
    with pytest.raises(ManifestError, match=r"no column of the attributes table ages\.csv names the study's cases \(C01, C02\).*case: ID"):
        qlr.load(tmp_path)


@pytest.mark.parametrize(
    "names",
    [
        # After review (stop 50): "consent_form.txt" was told it "reads as {case}_{wave} (case 'consent', wave 'form')";
        # following that would misread "P01_W1_interview.txt" beside it.
        ["P01_W1_interview.txt", "consent_form.txt"],
        # A name of two parts whose second reads as a wave, beside a file the naming would not read.
        ["C01_Wave1.txt", "C02_Wave1.txt", "consent_form.txt"],
    ],
)
def test_the_case_wave_naming_is_suggested_only_where_the_pattern_s_files_follow_it(tmp_path, names):
    for name in names:
        write(tmp_path / "documents" / name, "I: How was the clinic?\n\nR: Far away.\n")
    write(tmp_path / "study.yaml", "documents:\n  - path: documents/*\n")
    with pytest.raises(ManifestError, match="cannot tell the case and wave") as raised:
        qlr.load(tmp_path)
    assert "{case}_{wave}" not in str(raised.value).replace("{case}_{wave}_{kind}", "")


def test_an_attributes_table_outside_the_study_folder_is_refused_as_a_codings_file_is(tmp_path):
    # A study folder received from someone else names a table beside it: its values are read only when allowed.
    write(tmp_path / "secret.csv", "ID,Secret\nC01,hunter2\nC02,swordfish\n")
    _write(tmp_path / "study")
    write(tmp_path / "study" / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - ../secret.csv\n")
    with pytest.raises(ManifestError, match=r"study\.yaml:\d+: 1 file\(s\) lie outside the study folder .*secret\.csv.*allow_outside=True") as refused:
        qlr.load(tmp_path / "study")
    # The error names the file, never what it holds.
    assert "Secret" not in str(refused.value) and "hunter2" not in str(refused.value)
    study = qlr.load(tmp_path / "study", allow_outside=True)
    assert study.cases.set_index("case_id")["Secret"].to_dict() == {"C01": "hunter2", "C02": "swordfish"}
    assert study.meta["outside"] == [str(tmp_path / "study" / ".." / "secret.csv")]


@pytest.mark.parametrize(
    ("dayfirst", "dates", "read", "said"),
    [
        # A day-first study: 05/02/2024 is 5 February; a dot or a slash reads alike; 13/02 says day first itself.
        ("true", ["05/02/2024", "13/02/2024", "05.02.2024"], ["2024-02-05", "2024-02-13", "2024-02-05"], False),
        ("true", ["05/02/2024", "06/02/2024", "05.02.2024"], ["2024-02-05", "2024-02-06", "2024-02-05"], True),
        # A month-first study reads the same column month first, unless a date says otherwise.
        ("false", ["05/02/2024", "06/02/2024", "05.02.2024"], ["2024-05-02", "2024-06-02", "2024-05-02"], True),
        ("false", ["05/02/2024", "13/02/2024", "05.02.2024"], ["2024-02-05", "2024-02-13", "2024-02-05"], False),
        ("true", ["02/05/2024", "02/13/2024", "02.05.2024"], ["2024-02-05", "2024-02-13", "2024-02-05"], False),
    ],
)
def test_qda_miners_dates_are_read_in_one_order_the_studys_where_they_cannot_tell(tmp_path, dayfirst, dates, read, said):
    rows = [row[:6] + [day] + row[7:] for row, day in zip(_ROWS[:3], dates)]
    _write(tmp_path, rows)
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + f"segmentation: {{dayfirst: {dayfirst}}}\ncodings:\n  - qdaminer/coding_retrieval.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    codings = study.codings.sort_values(["doc_id", "start"])
    assert [str(day)[:10] for day in codings["created"]] == read
    noted = [note for note in study.meta["inferred"] if "QDA Miner's dates such as" in note]
    assert bool(noted) == said
    if said:
        assert noted == [f"coding_retrieval.csv: QDA Miner's dates such as '05/02/2024' read {'day' if dayfirst == 'true' else 'month'} first (segmentation.dayfirst)"]


def test_an_attributes_tables_case_column_is_the_one_its_header_names_and_a_tie_is_asked(tmp_path):
    _write(tmp_path)
    # A couple's table: each row a partner, its "Partner" column the other's id; both columns name the cases.
    write(tmp_path / "qdaminer" / "dyads.csv", "Partner,ID,Role in couple,Age\nC02,C01,husband,64\nC01,C02,wife,58\n")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - qdaminer/dyads.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cases = qlr.load(tmp_path).cases.set_index("case_id")
    assert cases["Role in couple"].to_dict() == {"C01": "husband", "C02": "wife"} and cases["Partner"].to_dict() == {"C01": "C02", "C02": "C01"}
    # Neither header says which: refused, both named, and the entry that settles it shown.
    write(tmp_path / "qdaminer" / "dyads.csv", "Partner,Self,Age\nC02,C01,64\nC01,C02,58\n")
    with pytest.raises(ManifestError, match=r"2 columns of the attributes table dyads\.csv name the study's cases as often \(2 rows each\): 'Partner', 'Self'\. Fix: .*\{path: qdaminer/dyads\.csv, case: Partner\}"):
        qlr.load(tmp_path)
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - {path: qdaminer/dyads.csv, case: Self}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert qlr.load(tmp_path).cases.set_index("case_id")["Age"].to_dict() == {"C01": 64, "C02": 58}


def test_a_variable_whose_value_differs_between_a_cases_rows_is_a_conflict_named_and_the_case_keeps_none(tmp_path):
    # QDA Miner's variables are the case's: two values of C01's Site and Age (within Wave1, and again at Wave2) are a
    # slip to correct, not a change over time.
    rows = [
        ["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", "6", "North", "64"],
        ["Access\\Barriers", "Missed", "C01", "Wave1", "I missed appointments", "anna", "2024-02-05", "3", "South", "31"],
        ["Relationship with CHW", "Trust", "C01", "Wave2", "I trust her now", "anna", "2024-02-05", "4", "South", "31"],
        ["Access\\Barriers", "Cost", "C02", "Wave1", "The visits cost me nothing", "anna", "2024-02-06", "5", "South", "50"],
    ]
    with pytest.warns(RowsRefusedWarning, match=r"coding_retrieval\.csv: 2 variable\(s\) of a case differ between its rows .*the case keeps no value of them: C01 'Site': 'North' / 'South'; C01 'Group': 64 / 31\."):
        study = _load(tmp_path, rows, unplaced="")
    cases = study.cases.set_index("case_id")
    assert cases["Site"].to_dict() == {"C01": None, "C02": "South"} and cases["Group"].tolist()[1] == 50
    assert pd.isna(cases.at["C01", "Group"])
    # Nothing became a change between waves.
    assert "Site" not in study.case_waves.columns and "Group" not in study.case_waves.columns


def test_a_hit_whose_quote_is_not_found_still_gives_its_case_its_variables(tmp_path):
    rows = [row[:] for row in _ROWS[:4]]
    rows[2][4] = "The visits cost me nothing at all, really"  # not C02_Wave1's words
    with pytest.warns(RowsRefusedWarning, match=r"1 of 4 codings cannot be placed .*row 4 \(C02 Wave1, Cost\): the quote is not in 'C02_Wave1'") as warned:
        study = _load(tmp_path, rows)
    assert len(warned) == 1 and len(study.codings) == 3
    assert study.cases.set_index("case_id")["Site"].to_dict() == {"C01": "North", "C02": "South"}
    # No note says the document is missing: it is not.
    assert not any("not in the study" in note for note in study.meta["inferred"])


def test_an_attributes_tables_values_reach_a_scheduled_case_with_no_document(tmp_path):
    _write(tmp_path)
    write(tmp_path / "qdaminer" / "variables.csv", "ID,Site,Group\nC01,North,Intervention\nC02,South,Comparison\nC03,North,Comparison\n")
    cases = "cases:\n  - {id: C01}\n  - {id: C02}\n  - {id: C03}\n"
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + cases + "attributes:\n  - qdaminer/variables.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    table = study.cases.set_index("case_id")
    # C03 dropped out before any interview: its site and group are what an attrition analysis compares.
    assert table["Site"].to_dict() == {"C01": "North", "C02": "South", "C03": "North"}
    assert table.at["C03", "Group"] == "Comparison" and study.attrition().loc["C03", "pattern"] == "never seen"


def test_a_hits_comment_is_a_memo_on_its_coding(tmp_path):
    for file, text in _TEXTS.items():
        write(tmp_path / "documents" / file, text)
    header = ["Category", "Code", "Case", "Document", "Text", "Coder", "Date", "Comment"]
    rows = [
        ["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", "interviewer leads here"],
        ["Access\\Barriers", "Cost", "C02", "Wave1", "The visits cost me nothing", "ben", "2024-02-06", ""],
        # The same passage and code twice, commented once: one coding, one memo.
        ["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", ""],
    ]
    (tmp_path / "qdaminer").mkdir()
    with open(tmp_path / "qdaminer" / "coding_retrieval.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "codings:\n  - qdaminer/coding_retrieval.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    assert len(study.codings) == 2 and len(study.memos) == 1
    memo = study.memos.iloc[0]
    coding = study.codings.set_index("coding_id").loc[memo["target_id"]]
    assert (memo["target_type"], memo["text"], memo["author"]) == ("coding", "interviewer leads here", "anna")
    assert (coding["doc_id"], coding["code_id"], str(memo["created"])[:10]) == ("C01_Wave1", "access.barriers.transport", "2024-02-05")
    assert "coding_retrieval.csv: 1 comment(s) kept as memos on their codings (study.memos)" in study.meta["inferred"]


def test_an_attributes_tables_columns_named_as_the_studys_own_fields_are_named_in_a_note(tmp_path):
    _write(tmp_path)
    write(tmp_path / "qdaminer" / "variables.csv", "ID,role,label,waves,Site\nC01,participant,Mr X,2,North\nC02,participant,Ms Y,2,South\n")
    write(tmp_path / "study.yaml", _manifest_docs(tmp_path) + "attributes:\n  - qdaminer/variables.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    cases = study.cases.set_index("case_id")
    # The study's own label and role are not overwritten by a table's.
    assert cases["Site"].to_dict() == {"C01": "North", "C02": "South"} and cases["label"].to_dict() == {"C01": "C01", "C02": "C02"}
    note = next(note for note in study.meta["inferred"] if "a field the study sets itself" in note)
    assert note.startswith("variables.csv: 3 variable(s) name a field the study sets itself (the case's id, label, role, waves) and are not used: 'role', 'label', 'waves'")
    assert "'Role in study' keeps one as an attribute" in note


def _retrieval(tmp_path, header, rows, texts=_TEXTS):
    for file, text in texts.items():
        write(tmp_path / "documents" / file, text)
    (tmp_path / "qdaminer").mkdir(exist_ok=True)
    with open(tmp_path / "qdaminer" / "coding_retrieval.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    entries = "".join(f"  - {{path: documents/{f}, case: {f[:3]}, wave: {f[4:9]}, kind: interview}}\n" for f in texts)
    write(tmp_path / "study.yaml", f"documents:\n{entries}codings:\n  - qdaminer/coding_retrieval.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return qlr.load(tmp_path)


def test_a_project_made_from_a_list_of_files_names_each_hits_document_by_its_case(tmp_path):
    # Each file a case of its own ("C01_Wave1"), the document variable QDA Miner's default ("TEXT").
    header = ["Category", "Code", "Case", "Document", "Text", "Coder", "Date", "Site"]
    rows = [
        ["Access", "Transport", "C01_Wave1", "TEXT", "The bus only runs twice a day", "anna", "2024-02-05", "North"],
        ["Trust", "Trust", "C01_Wave2.txt", "TEXT", "I trust her now", "anna", "2024-02-05", "North"],
        ["Access", "Cost", "C02_Wave1", "TEXT", "The visits cost me nothing", "anna", "2024-02-05", "South"],
    ]
    study = _retrieval(tmp_path, header, rows)
    assert sorted(study.codings["doc_id"]) == ["C01_Wave1", "C01_Wave2", "C02_Wave1"]
    assert study.cases.set_index("case_id")["Site"].to_dict() == {"C01": "North", "C02": "South"}


def test_a_document_variable_naming_no_wave_is_the_cases_one_document_and_a_wave_number_is_refused(tmp_path):
    texts = {name: _TEXTS[name] for name in ("C01_Wave1.txt", "C02_Wave1.txt")}
    header = ["Category", "Code", "Case", "Document", "Text", "Coder", "Date"]
    study = _retrieval(tmp_path, header, [["Access", "Transport", "C01", "Transcript", "The bus only runs twice a day", "anna", "2024-02-05"]], texts)
    assert list(study.codings["doc_id"]) == ["C01_Wave1"]
    # "Wave3" names a wave the study does not hold: not read as the case's one document.
    with pytest.raises(ManifestError, match=r"row 2 \(C01 Wave3, Transport\): no wave 'Wave3' in the study"):
        _retrieval(tmp_path, header, [["Access", "Transport", "C01", "Wave3", "The bus only runs twice a day", "anna", "2024-02-05"]], texts)


def test_qda_miners_headers_in_capitals_read_as_its_own(tmp_path):
    header = ["CATEGORY", "CODE", "CASE", "DOCUMENT", "TEXT", "CODER", "DATE", "WORDS", "SITE"]
    rows = [["Access\\Barriers", "Transport", "C01", "Wave1", "The bus only runs twice a day", "anna", "2024-02-05", "6", "North"]]
    study = _retrieval(tmp_path, header, rows)
    coding = study.codings.iloc[0]
    assert (coding["doc_id"], coding["code_id"], coding["coder"], str(coding["created"])[:10]) == ("C01_Wave1", "access.barriers.transport", "anna", "2024-02-05")
    # The variable keeps its header as written; QDA Miner's own WORDS is none.
    assert study.cases.set_index("case_id")["SITE"].to_dict() == {"C01": "North", "C02": None} and "WORDS" not in study.cases.columns


def test_a_case_s_id_and_its_label_in_two_columns_are_one_case_column(tmp_path):
    """A third review (stop 50): "Respondent" (C01) beside "Name" (Ann, the case's label) was refused as a tie."""
    _write(tmp_path)
    write(tmp_path / "people.csv", "Respondent,Name,Age\nC01,Ann,64\nC02,Bob,58\n")
    cases = "cases:\n  - {id: C01, label: Ann}\n  - {id: C02, label: Bob}\n"
    write(tmp_path / "study.yaml", cases + _manifest_docs(tmp_path) + "attributes:\n  - people.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path)
    assert study.cases.set_index("case_id")["Age"].to_dict() == {"C01": 64, "C02": 58}
