"""Leftovers of stop 50 closed at stop 51: the team's summaries, QDA Miner's document variables, Dedoose's memos, dates."""

from __future__ import annotations

import pandas as pd
import pytest

from .conftest import write

INTERVIEW_P03 = "Interviewer: How are decisions made in the group now?\nP03: We talk it over. I mostly listen.\n"
INTERVIEW_P04 = "Interviewer: How are decisions made?\nP04: We decide together now. We plan the sessions with the staff.\n"
# The team's summary beside P03's interview: their account of her, not her words.
SUMMARY = "Summary of interview with P03: she says the group decides together now.\n\nThe residents plan the sessions with the staff.\n"


def _summary_study(tmp_path, summary_entry: str):
    import qlr

    write(tmp_path / "P03_interview.txt", INTERVIEW_P03)
    write(tmp_path / "P04_interview.txt", INTERVIEW_P04)
    write(tmp_path / "P03_summary.md", SUMMARY)
    write(
        tmp_path / "study.yaml",
        "name: Summaries\nwaves:\n  - {id: W1}\ncases:\n  - {id: P03}\n  - {id: P04}\ndocuments:\n"
        "  - {path: P03_interview.txt, case: P03, wave: W1, kind: interview}\n"
        f"  - {summary_entry}\n"
        "  - {path: P04_interview.txt, case: P04, wave: W1, kind: interview}\n",
    )
    return qlr.load(tmp_path, progress=False)


def _statuses(study, doc_id):
    text = dict(zip(study.documents["doc_id"], study.documents["text"]))[doc_id]
    rows = study.codings[study.codings["doc_id"] == doc_id]
    return sorted((text[start:end], code, status) for start, end, code, status in rows[["start", "end", "code_id", "assertion"]].itertuples(index=False))


def test_a_teams_summary_is_the_researchers_account_as_field_notes_are(tmp_path):
    import qlr
    from qlr.report._html import _evidence

    study = _summary_study(tmp_path, "{path: P03_summary.md, case: P03, wave: W1, kind: document}")
    roles = study.segments.set_index("seg_id")["speaker_role"]
    # Each paragraph is the researcher's (an observer's, no one named), as undated field notes' paragraphs are.
    assert roles["P03_summary:0000"] == roles["P03_summary:0001"] == "observer"
    assert roles["P03_interview:0001"] == "participant"
    study.apply("coproduction", progress=False)
    # Judged as a field note is: the person described is the case, so "she says" is no one else's experience.
    # (Read as the person's own words, the first was "other": she would be someone else.)
    assert _statuses(study, "P03_summary") == [
        ("Summary of interview with P03: she says the group decides together now.", "power.shared_decisions", "affirmed"),
        ("The residents plan the sessions with the staff.", "power.co_designing", "affirmed"),
    ]
    # The same sentence in a field note about P03 gets the same status: one rule for both.
    notes = tmp_path / "notes"
    write(notes / "P03_notes.md", SUMMARY)
    write(notes / "study.yaml", "name: Notes\nwaves:\n  - {id: W1}\ncases:\n  - {id: P03}\ndocuments:\n"
          "  - {path: P03_notes.md, case: P03, wave: W1, kind: observation}\n")  # fmt: skip
    noted = qlr.load(notes, progress=False)
    noted.apply("coproduction", progress=False)
    assert [row[1:] for row in _statuses(noted, "P03_notes")] == [row[1:] for row in _statuses(study, "P03_summary")]
    # The trail says whose account each passage is: the summary's two, never P04's own words.
    placements = qlr.track.ladder(study, min_segments=1)
    evidence = placements.evidence
    accounts = sorted(set(zip(evidence["seg_id"], evidence["researchers_account"].map(bool))))
    assert accounts == [("P03_summary:0000", True), ("P03_summary:0001", True), ("P04_interview:0001", False)]
    # A summary's passage is marked so, and by default (summary_weight 0, stop 54) counts for nothing: P03's only
    # evidence is the summary, so none of P03's rows is placed, even on one passage.
    html = _evidence(placements, placements.table[placements.table["case_id"] == "P03"])
    assert html.count("· researcher's summary, not counted") == len(evidence[evidence["case_id"] == "P03"]) == 3
    assert set(placements.table.loc[placements.table["case_id"] == "P03", "status"]) == {"insufficient evidence"}
    assert "researcher's" not in _evidence(placements, placements.table[placements.table["case_id"] == "P04"])
    counted = qlr.track.ladder(study, min_segments=1, summary_weight=1)
    html = _evidence(counted, counted.table[counted.table["case_id"] == "P03"])
    assert html.count("· researcher's summary ·") == 3 and "not counted" not in html


def test_a_summary_named_by_its_kind_is_read_so_and_the_researchers_choice_is_kept(tmp_path):
    import qlr

    # Files named {case}_{wave}_{kind} with no manifest: the kind "summary" is the team's summary.
    named = tmp_path / "named"
    write(named / "P03_W1_interview.txt", INTERVIEW_P03)
    write(named / "P03_W1_summary.md", SUMMARY)
    write(named / "P04_W1_interview.txt", INTERVIEW_P04)
    study = qlr.load(named, progress=False)
    assert study.documents.set_index("doc_id").loc["P03_W1_summary", "kind"] == "summary"
    assert set(study.segments.loc[study.segments["doc_id"] == "P03_W1_summary", "speaker_role"]) == {"observer"}
    # study.yaml's `segment: paragraphs` says the summary holds the person's own words: read as before, hers.
    kept = _summary_study(tmp_path / "kept", "{path: P03_summary.md, case: P03, wave: W1, kind: document, segment: paragraphs}")
    assert kept.segments.loc[kept.segments["doc_id"] == "P03_summary", "speaker_role"].isna().all()
    kept.apply("coproduction", progress=False)
    assert [status for *_, status in _statuses(kept, "P03_summary")] == ["other", "affirmed"]
    # `observer:` names who wrote it (a participant's own account where speakers: says so).
    own = _summary_study(
        tmp_path / "own", "{path: P03_summary.md, case: P03, wave: W1, kind: document, observer: P03, speakers: {P03: participant}}"
    )
    assert set(own.segments.loc[own.segments["doc_id"] == "P03_summary", "speaker_role"]) == {"participant"}
    # Another kind of document of the case (a report) is not a summary: read as before.
    report = tmp_path / "report"
    write(report / "P03_W1_interview.txt", INTERVIEW_P03)
    write(report / "P03_W1_report.md", SUMMARY)
    write(report / "P04_W1_interview.txt", INTERVIEW_P04)
    assert qlr.load(report, progress=False).segments.query("doc_id == 'P03_W1_report'")["speaker_role"].isna().all()



# A QDA Miner project made from a list of documents: each file a case of its own ("C01_Wave1"), so the variables shown
# beside the hits, or exported apart, are each document's.
_QDAM_TEXTS = {
    "C01_Wave1.txt": "I: What made it hard to get to the clinic?\n\nR: The bus only runs twice a day, so I missed appointments.\n",
    "C01_Wave2.txt": "I: How are things with Maria now?\n\nR: I trust her now because she always comes back.\n",
    "C02_Wave1.txt": "I: Tell me about your visits.\n\nR: The visits cost me nothing, which matters because money is tight.\n",
}


def _qdaminer_list_project(tmp_path, retrieval_rows=None, attributes=None):
    import csv

    import qlr

    for file, text in _QDAM_TEXTS.items():
        write(tmp_path / "documents" / file, text)
    entries = "".join(f"  - {{path: documents/{f}, case: {f[:3]}, wave: {f[4:9]}, kind: interview}}\n" for f in _QDAM_TEXTS)
    manifest = f"documents:\n{entries}"
    if retrieval_rows is not None:
        header = ["Category", "Code", "Case", "Document", "Text", "Coder", "Date", "Site", "Interviewer", "Interview date"]
        (tmp_path / "qdaminer").mkdir(exist_ok=True)
        with open(tmp_path / "qdaminer" / "coding_retrieval.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, *retrieval_rows])
        manifest += "codings:\n  - qdaminer/coding_retrieval.csv\n"
    if attributes is not None:
        write(tmp_path / "qdaminer" / "variables.csv", attributes)
        manifest += "attributes:\n  - qdaminer/variables.csv\n"
    write(tmp_path / "study.yaml", manifest)
    return qlr.load(tmp_path, progress=False)


def test_a_document_made_cases_variables_are_each_documents_or_the_cases_where_its_documents_agree(tmp_path):

    rows = [
        ["Access", "Transport", "C01_Wave1", "TEXT", "The bus only runs twice a day", "anna", "2024-02-05", "North", "Rosa", "2023-03-14"],
        # The same document's second hit repeats its variables.
        ["Access", "Missed", "C01_Wave1", "TEXT", "I missed appointments", "anna", "2024-02-05", "North", "Rosa", "2023-03-14"],
        ["Trust", "Trust", "C01_Wave2.txt", "TEXT", "I trust her now", "anna", "2024-02-05", "north", "Tom", "2023-09-20"],
        ["Access", "Cost", "C02_Wave1", "TEXT", "The visits cost me nothing", "anna", "2024-02-05", "South", "Rosa", "2023-03-20"],
    ]
    from qlr.errors import InferenceWarning

    # Before: a RowsRefusedWarning, C01 keeping no Interviewer and no date. Since stop 52 the warning says which case's
    # documents differ, as they are the documents' and not the case's (any other warning fails the test, re-raised).
    with pytest.warns(InferenceWarning, match=r"coding_retrieval\.csv: 2 variable\(s\) differ between a case's documents, and are each document's \(study\.documents\), not the case's: C01 'Interviewer': 'Rosa' \(C01_Wave1\) / 'Tom' \(C01_Wave2\); C01 'Interview date'"):
        study = _qdaminer_list_project(tmp_path, retrieval_rows=rows)
    assert len(study.codings) == 4
    documents = study.documents.set_index("doc_id")
    # Interviewer and date change between C01's documents: each document's own.
    assert documents["Interviewer"].to_dict() == {"C01_Wave1": "Rosa", "C01_Wave2": "Tom", "C02_Wave1": "Rosa"}
    assert documents["Interview date"].to_dict() == {"C01_Wave1": "2023-03-14", "C01_Wave2": "2023-09-20", "C02_Wave1": "2023-03-20"}
    # Site is one value over each case's documents ("North" and "north" are one): the case's.
    assert study.cases.set_index("case_id")["Site"].to_dict() == {"C01": "North", "C02": "South"}
    assert "Interviewer" not in study.cases.columns and "Interviewer" not in study.case_waves.columns
    assert "coding_retrieval.csv: 2 variable(s) differ between a case's documents and are each document's (study.documents): 'Interviewer', 'Interview date'" in study.meta["inferred"]
    # Grouping by a document's variable works as by any document column.
    import qlr

    assert qlr.evidence.key_source(study, study.documents, "Interviewer") == "document"


def test_a_documents_two_values_and_a_documents_own_field_are_left_out_and_said(tmp_path):
    from qlr.errors import RowsRefusedWarning

    rows = [
        ["Access", "Transport", "C01_Wave1", "TEXT", "The bus only runs twice a day", "anna", "2024-02-05", "North", "Rosa", "2023-03-14"],
        ["Access", "Missed", "C01_Wave1", "TEXT", "I missed appointments", "anna", "2024-02-05", "North", "Ben", "2023-03-14"],
        ["Trust", "Trust", "C01_Wave2", "TEXT", "I trust her now", "anna", "2024-02-05", "North", "Tom", "2023-09-20"],
    ]
    from qlr.errors import InferenceWarning

    with pytest.warns(InferenceWarning, match=r"C01 'Interviewer': two values \(C01_Wave1\) / 'Tom' \(C01_Wave2\)"), pytest.warns(
        RowsRefusedWarning, match=r"coding_retrieval\.csv: 1 variable\(s\) of a document differ between its rows, and the document keeps no value of them: C01_Wave1 'Interviewer': 'Rosa' / 'Ben'"
    ):
        study = _qdaminer_list_project(tmp_path, retrieval_rows=rows)
    interviewer = study.documents.set_index("doc_id")["Interviewer"]
    assert pd.isna(interviewer["C01_Wave1"]) and interviewer["C01_Wave2"] == "Tom"
    # An attributes table whose rows are documents, one naming a field the documents table keeps itself ("Kind").
    table = "Document,Wave,Kind,Phone\nC01_Wave1,1,interview,+447700900123\nC01_Wave2.txt,2,interview,+447700900123\nC02_Wave1,1,interview,=SUM(A1:A3)\nC09_Wave1,1,interview,\n"
    with pytest.warns(InferenceWarning, match=r"C01 'Wave': 1 \(C01_Wave1\) / 2 \(C01_Wave2\)"), pytest.warns(
        RowsRefusedWarning, match=r"1 of the attributes table's 4 rows are not read: row 5 \('C09_Wave1'\): no case of the study"
    ):
        study = _qdaminer_list_project(tmp_path / "table", attributes=table)
    documents = study.documents.set_index("doc_id")
    # "Wave" changes between C01's documents: the document's; the study's own wave ids are untouched.
    assert documents["Wave"].to_dict() == {"C01_Wave1": 1, "C01_Wave2": 2, "C02_Wave1": 1}
    assert documents["wave_id"].to_dict() == {"C01_Wave1": "Wave1", "C01_Wave2": "Wave2", "C02_Wave1": "Wave1"}
    assert documents["kind"].tolist() == ["interview"] * 3 and "Kind" not in documents.columns
    assert any(note.startswith("variables.csv: 1 variable(s) of the documents name a field the study sets itself") and "'Kind'" in note for note in study.meta["inferred"])
    # Values a spreadsheet would run as formulas are kept as the text written; the phone number is no number.
    assert study.cases.set_index("case_id")["Phone"].to_dict() == {"C01": "+447700900123", "C02": "=SUM(A1:A3)"}


def test_formula_like_attributes_are_written_guarded_to_csv_and_as_text_to_excel(tmp_path):
    from qlr._output import write_csv, write_excel

    study = _qdaminer_list_project(tmp_path, attributes="ID,Phone,Note\nC01,+447700900123,@home\nC02,=SUM(A1:A3),-\n")
    cases = study.cases[["case_id", "Phone", "Note"]]
    write_csv(tmp_path / "cases.csv", cases)
    lines = (tmp_path / "cases.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["C01,'+447700900123,'@home", "C02,'=SUM(A1:A3),'-"]
    write_excel(tmp_path / "cases.xlsx", [("cases", cases, False)])
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "cases.xlsx").active
    assert [(cell.value, cell.data_type) for cell in sheet[3]] == [("C02", "s"), ("=SUM(A1:A3)", "s"), ("-", "s")]


def test_a_formula_with_no_saved_value_in_an_attributes_workbook_is_kept_as_its_text(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["ID", "Age", "Age next year"], ["C01", 64, "=B2+1"], ["C02", 58, "=B3+1"]):
        sheet.append(row)
    (tmp_path / "qdaminer").mkdir(parents=True)
    book.save(tmp_path / "qdaminer" / "variables.xlsx")  # openpyxl saves no formula's value: read, it was an empty cell
    study = _qdaminer_list_project(tmp_path, attributes=None)
    write(tmp_path / "study.yaml", (tmp_path / "study.yaml").read_text(encoding="utf-8") + "attributes:\n  - qdaminer/variables.xlsx\n")
    import qlr

    study = qlr.load(tmp_path, progress=False)
    assert study.cases.set_index("case_id")["Age next year"].to_dict() == {"C01": "=B2+1", "C02": "=B3+1"}
    assert "variables.xlsx: 2 formula cell(s) have no saved value (the workbook was not saved by Excel) and are kept as their text: C2 '=B2+1', C3 '=B3+1'" in study.meta["inferred"]


# Dedoose's memos exported to Excel (its Memos workspace: each memo's title, text, who wrote it and when, its groups
# and the media, excerpts and codes it is linked to). The layout is the one the team's export is written in here;
# Dedoose's documentation names these parts of a memo, not its export's headers.
_DEDOOSE_TEXTS = {
    "P01_Wave1_Interview.txt": "Interviewer: How was the class?\n\nRespondent: They stand up and tell us things and we nod.\n",
    "P02_Wave1_Interview.txt": "Interviewer: How was the class?\n\nRespondent: The bus takes an hour each way, so I miss it.\n",
}
_MEMOS = [
    ["Title", "Memo", "Created By", "Date Created", "Memo Groups", "Linked Media", "Linked Excerpts", "Linked Codes"],
    ["One-way teaching", "Staff talk, residents nod: no say yet.", "jl", "4/2/2024", "Reflection Memos", "P01_Wave1_Interview.docx", "They stand up and tell us things", "Trust in Staff"],
    ["Transport", "Distance keeps P02 away.", "mc", "4/3/2024", "", "P02_Wave1_Interview.docx; P09_Wave1_Interview.docx", "", ""],
    ["Codebook note", "Split Barriers into Transport and Cost.", "jl", "2024-04-20", "Code memos", "", "", "Barriers"],
    ["Empty", "", "jl", "4/4/2024", "", "", "", ""],
]


def _dedoose_folder(tmp_path):
    import csv

    for name, text in _DEDOOSE_TEXTS.items():
        write(tmp_path / name, text)
    (tmp_path / "dedoose").mkdir()
    with open(tmp_path / "dedoose" / "memos.csv", "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(_MEMOS)
    write(tmp_path / "dedoose" / "codes.csv", "Title,Parent,Description\nTransport,Barriers,Getting to the class\nBarriers,,What keeps people away\nTrust in Staff,,Whether staff are believed\n")


def test_dedooses_memos_export_is_read_each_memo_where_its_links_say(tmp_path):
    import warnings

    import qlr

    _dedoose_folder(tmp_path)
    write(tmp_path / "study.yaml", "documents: ['*_Interview.txt']\ncodings:\n  - dedoose/memos.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path, progress=False)
    memos = study.memos.sort_values(["title", "target_type"])
    got = [(t, k, i, a, str(c)[:10], x) for t, k, i, a, c, x in memos[["title", "target_type", "target_id", "author", "created", "text"]].itertuples(index=False)]
    segment = study.segments.set_index("seg_id")
    excerpt = next(seg for seg, row in segment.iterrows() if row["doc_id"] == "P01_Wave1_Interview" and row["speaker_role"] == "participant")
    assert got == [
        ("Codebook note", "study", "project", "jl", "2024-04-20", "Split Barriers into Transport and Cost."),
        ("One-way teaching", "segment", excerpt, "jl", "2024-04-02", "Staff talk, residents nod: no say yet."),
        ("Transport", "document", "P02_Wave1_Interview", "mc", "2024-04-03", "Distance keeps P02 away."),
    ]
    described = dict(zip(memos["title"], memos["description"]))
    assert described["One-way teaching"] == "memos.csv, row 2; groups: Reflection Memos; linked codes: Trust in Staff"
    assert described["Transport"] == "memos.csv, row 3; linked in the tool, not in the study: P09_Wave1_Interview.docx"
    notes = study.meta["inferred"]
    assert "memos.csv: 1 row(s) hold no memo text and are no memos" in notes
    assert "memos.csv: 3 memo(s) kept as the study's memos: 1 on the excerpts' segments, 1 on their media's documents, 1 linked to codes only (on those codes the study holds, else on the study)" in notes
    assert len(study.codings) == 0


def test_the_template_offers_a_dedoose_code_tree_and_memos_it_finds_in_the_folder(tmp_path):
    import qlr
    from qlr.io import template_for

    _dedoose_folder(tmp_path)
    template = template_for(tmp_path)
    assert "# codings:\n#   - dedoose/codes.csv  # a code tree\n#   - dedoose/memos.csv  # memos\n" in template
    # Taken in as offered, the code tree describes the codes and the memos load; offered no more.
    write(tmp_path / "study.yaml", template.replace("# codings:\n#   - dedoose/codes.csv  # a code tree\n#   - dedoose/memos.csv  # memos\n", "codings:\n  - dedoose/codes.csv\n  - dedoose/memos.csv\n"))
    study = qlr.load(tmp_path, progress=False)
    assert len(study.memos) == 3
    assert "dedoose/codes.csv  # a code tree" not in template_for(tmp_path)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("5-Feb-2024", "2024-02-05"),  # Windows' short date, as QDA Miner shows a date variable
        ("05-feb-24", "2024-02-05"),
        ("5/Feb/2024", "2024-02-05"),
        ("7 March 2024", "2024-03-07"),
        ("March 7, 2024", "2024-03-07"),
        ("February 2024", None),  # a month is no day (pandas made it 1 February)
        ("5-Feb-20245", None),
        ("C12-Mar-2024", None),  # case C12 of March 2024: a day glued to a letter is no day (review)
        ("a5-Feb-2024", None),
    ],
)
def test_one_reader_of_written_dates_for_transcripts_and_qda_miners_columns(written, day):
    from pathlib import Path

    from qlr.io._coding_reports import _qdaminer_days
    from qlr.io._segment import find_date

    found = find_date(written)
    assert (found.isoformat() if found else None) == day
    # QDA Miner's date column reads a worded date by the same reader.
    days, _ = _qdaminer_days(pd.Series([written]), Path("retrieval.csv"), True)
    assert (days[0].isoformat() if days[0] else None) == day


def _memo_study(tmp_path, text: str, rows: list[list[str]], exports: tuple[str, ...] = ("dedoose/memos.csv",)):
    import csv
    import warnings

    import qlr

    write(tmp_path / "P01_Wave1_Interview.txt", text)
    header = ["Title", "Memo", "Created By", "Date Created", "Memo Groups", "Linked Media", "Linked Excerpts", "Linked Codes"]
    for at, export in enumerate(exports):
        (tmp_path / export).parent.mkdir(parents=True, exist_ok=True)
        with open(tmp_path / export, "w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle).writerows([header, *(rows[at:at + 1] if len(exports) > 1 else rows)])
    write(tmp_path / "study.yaml", "documents: ['*_Interview.txt']\ncodings:\n" + "".join(f"  - {e}\n" for e in exports))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return qlr.load(tmp_path, progress=False)


def test_two_memos_exports_of_one_name_keep_both_memos(tmp_path):
    rows = [["First wave's note", "one", "jl", "4/2/2024", "", "", "", "Trust"], ["Second wave's note", "two", "jl", "4/3/2024", "", "", "", "Trust"]]
    study = _memo_study(tmp_path, "Interviewer: Hello?\n\nRespondent: Hi.\n", rows, exports=("w1/memos.csv", "w2/memos.csv"))
    assert sorted(study.memos["title"]) == ["First wave's note", "Second wave's note"]


def test_a_memos_excerpt_is_found_across_line_breaks_once_or_said_to_be_in_several_places(tmp_path):
    text = "Interviewer: What did you say?\n\nRespondent: I said no.\n\nInterviewer: And?\n\nRespondent: They stand up and tell us things\nand we nod, and then I said no.\n"
    rows = [
        ["wrapped", "m1", "jl", "4/2/2024 10:15:00 AM", "", "P01_Wave1_Interview.docx", "They stand up and tell us things and we nod", ""],
        ["twice", "m2", "jl", "4/2/2024", "", "P01_Wave1_Interview.docx", "I said no", ""],
        ["lines", "m3", "jl", "4/2/2024", "", "P01_Wave1_Interview.docx", "They stand up\nand tell us things", ""],
    ]
    study = _memo_study(tmp_path, text, rows)
    memos = study.memos.set_index("title")
    text = study.documents.set_index("doc_id").loc["P01_Wave1_Interview", "text"]
    answer = next(seg for seg, start, end in study.segments[["seg_id", "start", "end"]].itertuples(index=False) if "stand up" in text[start:end])
    # Wrapped differently from the study's text, and a time of day after Dedoose's month-first date: found, dated.
    assert (memos.loc["wrapped", "target_type"], memos.loc["wrapped", "target_id"]) == ("segment", answer)
    assert str(memos.loc["wrapped", "created"])[:10] == "2024-04-02"
    # One cell of two lines is one excerpt: the memo is put once, on its segment.
    assert (memos.loc["lines", "target_type"], memos.loc["lines", "target_id"]) == ("segment", answer)
    # Words said twice in the one document: not put on the first, said.
    assert memos.loc["twice", "target_type"] == "document"
    assert "excerpt 'I said no' (found in several places)" in memos.loc["twice", "description"]
    assert "memos.csv: 3 memo(s) kept as the study's memos: 2 on the excerpts' segments, 1 on their media's documents" in study.meta["inferred"]


def test_a_summary_kind_named_from_the_file_is_the_researchers_account(tmp_path):
    import qlr

    write(tmp_path / "P01_W1_interview.txt", "Interviewer: How is the group?\n\nParticipant: Fine.\n")
    write(tmp_path / "P01_W1_interview_summary.md", "She says the group decides together now.\n")
    study = qlr.load(tmp_path, progress=False)
    roles = study.segments[study.segments["doc_id"] == "P01_W1_interview_summary"]["speaker_role"].tolist()
    assert roles == ["observer"]
    assert not any("kinds qlr does not know" in note for note in study.meta["inferred"])


@pytest.mark.parametrize("manifest", [False, True])
def test_a_coded_project_lying_in_the_study_folder_is_said_not_passed_over(tmp_path, manifest):
    import qlr

    write(tmp_path / "P01_W1_interview.txt", "Interviewer: How is the group?\n\nParticipant: We decide together now.\n")
    (tmp_path / "coding").mkdir()
    (tmp_path / "coding" / "team.qdpx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (tmp_path / "thesis.rqda").write_bytes(b"SQLite format 3\x00")
    if manifest:
        write(tmp_path / "study.yaml", "documents: ['*_interview.txt']\n")
    study = qlr.load(tmp_path, progress=False)
    assert (
        "2 coded project file(s) not read with the folder (their codes and codings are not loaded): coding/team.qdpx, "
        "thesis.rqda; bring one in with `qlr import FILE -o study.qlr`"
    ) in study.meta["inferred"]
