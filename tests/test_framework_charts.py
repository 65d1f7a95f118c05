"""A Framework analyst's charts (stop 48): read as earlier coding and memos, and qlr's codings written as a chart.

The study and the charts are written here: three people on a social-prescribing scheme over two waves, charted
as a NatCen-style team would (a workbook per wave, a sheet per theme under a merged title, numbered sub-themes,
each cell a summary with quotes and a page reference), and the same chart with the waves side by side.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import qlr
from qlr.errors import FilesNotLoadedWarning, RowsRefusedWarning

from .test_codebook_tables import _xlsx

ANSWERS = {
    ("P01", "W1"): ["My GP referred me, I was not leaving the house.", "The staff plan the routes and we just turn up."],
    ("P01", "W2"): ["I help set out the chairs every week now.", "We decide together where we walk, and we vote on it each month."],
    ("P02", "W1"): ["The job centre sent me, a box to tick for them.", "They never asked what we thought, it is all done to us."],
    ("P02", "W2"): ["I teach the young ones how to use the lathe.", "We share the decisions in the shed now."],
    ("P03", "W1"): ["A friend told me about it.", "The tutor decides everything, which is fine by me."],
}
#: The chart's cells: (case, wave, sub-theme) -> what the analyst wrote.
CELLS = {
    ("P01", "W1", "1.1"): 'GP referral; housebound. "I was not leaving the house" (p1)',
    ("P01", "W1", "2.1"): 'Staff plan; passive. "the staff plan the routes and we just turn up" (p1)',
    ("P02", "W1", "1.1"): 'Job centre; box-ticking. "a box to tick for them" (p1)',
    ("P02", "W1", "2.1"): "Strongly negative: “They never asked what we thought” (p1)",
    ("P03", "W1", "1.1"): "Word of mouth (friend).",
    ("P03", "W1", "2.1"): 'Content for the tutor to decide. "The tutor decides everthing" (p1)',
    ("P01", "W2", "1.2"): 'Now sets up. "I help set out the chairs every week now" (p1)',
    ("P01", "W2", "2.1"): 'Votes on routes. "We decide together where we walk ... we vote on it" (p1)',
    ("P02", "W2", "1.2"): 'Teaches others. "I teach the young ones how to use the lathe" (p1)',
    ("P03", "W2", "1.1"): "Did not take part at W2",
}
FRAMEWORK = {"1 Getting involved": ["1.1 First contact", "1.2 Giving back"], "2 Having a say": ["2.1 Decisions"]}
CASES = ("P01", "P02", "P03")


def _study(folder):
    (folder / "transcripts").mkdir(parents=True)
    for (case, wave), answers in ANSWERS.items():
        lines = ["Interviewer: How did you come to the scheme?", f"{case}: {answers[0]}", "", "Interviewer: Who decides?", f"{case}: {answers[1]}", ""]
        (folder / "transcripts" / f"{case}_{wave}_interview.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _manifest(folder, charts):
    listed = "".join(f"  - {{path: {chart}, coder: rm}}\n" for chart in charts)
    (folder / "study.yaml").write_text(
        "name: Scheme\nwaves: [{id: W1}, {id: W2}]\ncases: [{id: P01}, {id: P02}, {id: P03}]\n"
        "documents:\n  - path: transcripts/*.txt\n" + (f"codings:\n{listed}" if charts else ""),
        encoding="utf-8",
    )


def _wave_books(folder):
    """A workbook per wave, a sheet per theme: a merged title row, then Case ID, Pseudonym and the sub-themes."""
    for wave, label in (("W1", "Wave 1"), ("W2", "Wave 2")):
        book = Workbook()
        book.remove(book.active)
        for theme, subs in FRAMEWORK.items():
            sheet = book.create_sheet(theme)
            sheet.cell(1, 1, f"Theme {theme} - {label}")
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2 + len(subs))
            for column, heading in enumerate(["Case ID", "Pseudonym", *subs], start=1):
                sheet.cell(2, column, heading)
            for row, case in enumerate(CASES, start=3):
                sheet.cell(row, 1, case)
                sheet.cell(row, 2, f"Name {case}")
                for column, sub in enumerate(subs, start=3):
                    if (case, wave, sub.split()[0]) in CELLS:
                        sheet.cell(row, column, CELLS[(case, wave, sub.split()[0])])
        book.save(folder / f"framework_{wave}.xlsx")
    return ["framework_W1.xlsx", "framework_W2.xlsx"]


def _theme_book(folder):
    """A sheet per theme, the waves side by side under merged headers, and a change summary column."""
    book = Workbook()
    book.remove(book.active)
    for theme, subs in FRAMEWORK.items():
        sheet = book.create_sheet(theme)
        sheet.cell(1, 1, "Case")
        for number, wave in enumerate(("Wave 1", "Wave 2")):
            first = 2 + number * len(subs)
            sheet.cell(1, first, wave)
            if len(subs) > 1:
                sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + len(subs) - 1)
            for offset, sub in enumerate(subs):
                sheet.cell(2, first + offset, sub)
        summary = 2 + 2 * len(subs)
        sheet.cell(1, summary, "Change summary")
        for row, case in enumerate(CASES, start=3):
            sheet.cell(row, 1, case)
            for number, wave in enumerate(("W1", "W2")):
                for offset, sub in enumerate(subs):
                    if (case, wave, sub.split()[0]) in CELLS:
                        sheet.cell(row, 2 + number * len(subs) + offset, CELLS[(case, wave, sub.split()[0])])
        if theme.startswith("2"):
            sheet.cell(3, summary, "Passive at W1, votes on the routes by W2")
    book.save(folder / "framework_by_theme.xlsx")
    return ["framework_by_theme.xlsx"]


def _load(folder):
    with pytest.warns(RowsRefusedWarning) as said:
        study = qlr.load(folder, progress=False)
    return study, [str(w.message) for w in said if issubclass(w.category, RowsRefusedWarning)]


def _spans(study):
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    return sorted((row.doc_id, row.code_id, texts[row.doc_id][row.start : row.end]) for row in study.codings.itertuples())


#: The quotes the chart's cells hold that the transcripts hold too (hand-counted from CELLS): nine of ten; the
#: tenth ("everthing") is misspelt, and "We decide together … we vote on it" is found by its words.
PLACED = [
    ("P01_W1_interview", "1_getting_involved.1_1_first_contact", "I was not leaving the house"),
    ("P01_W1_interview", "2_having_a_say.2_1_decisions", "The staff plan the routes and we just turn up"),
    ("P01_W2_interview", "1_getting_involved.1_2_giving_back", "I help set out the chairs every week now"),
    ("P01_W2_interview", "2_having_a_say.2_1_decisions", "We decide together where we walk, and we vote on it"),
    ("P02_W1_interview", "1_getting_involved.1_1_first_contact", "a box to tick for them"),
    ("P02_W1_interview", "2_having_a_say.2_1_decisions", "They never asked what we thought"),
    ("P02_W2_interview", "1_getting_involved.1_2_giving_back", "I teach the young ones how to use the lathe"),
]


def test_a_chart_per_wave_is_read_as_codings_and_memos(tmp_path):
    folder = _study(tmp_path / "s")
    _manifest(folder, _wave_books(folder))
    study, said = _load(folder)
    # Before: "a codings file needs the columns doc_id, code_id, coder …" (a ManifestError); now each quote is a
    # coding of the case's transcript at the chart's wave, by the coder the entry names.
    assert _spans(study) == sorted(PLACED)
    assert set(study.codings["coder"]) == {"rm"} and set(study.codings["origin"]) == {"human"}
    codebook = study.codebooks["scheme_codings"]
    # The framework is the study's own codebook, its sub-themes in the chart's order under their themes.
    assert [code.name for code in codebook.codes] == ["1.1 First contact", "1.2 Giving back", "2.1 Decisions"]
    assert codebook["1_getting_involved.1_1_first_contact"].parent == "1_getting_involved"
    # The misspelt quote is named by its sheet and cell, with why; its cell is kept.
    assert len(said) == 1 and "1 of the framework chart's 5 quotes cannot be placed" in said[0]
    assert "2 Having a say!C5 (P03, Wave 1, 2.1 Decisions)" in said[0] and "'P03_W1_interview'" in said[0]
    memos = study.memos.set_index("description")
    misspelt = memos.loc["framework_W1.xlsx, 2 Having a say!C5 (P03, Wave 1, 2.1 Decisions)"]
    assert (misspelt["target_type"], misspelt["target_id"]) == ("document", "P03_W1_interview")
    assert misspelt["text"] == CELLS[("P03", "W1", "2.1")] and misspelt["author"] == "rm"
    # Every cell is a memo (10), a summary without quotes on the document, a wave with none on the case.
    assert len(study.memos) == len(CELLS)
    summary = memos.loc["framework_W1.xlsx, 1 Getting involved!C5 (P03, Wave 1, 1.1 First contact)"]
    assert (summary["target_id"], summary["title"]) == ("P03_W1_interview", "Framework chart: 1 Getting involved\\1.1 First contact")
    absent = memos.loc["framework_W2.xlsx, 1 Getting involved!C5 (P03, Wave 2, 1.1 First contact)"]
    assert (absent["target_type"], absent["target_id"], absent["title"]) == ("case", "P03", "Framework chart: 1 Getting involved\\1.1 First contact (W2)")


def test_waves_side_by_side_give_the_same_codings_and_keep_the_change_summary(tmp_path):
    folder = _study(tmp_path / "s")
    _manifest(folder, _theme_book(folder))
    study, said = _load(folder)
    assert _spans(study) == sorted(PLACED)
    assert "1 of the framework chart's 8 quotes cannot be placed" in said[0]
    assert "framework_by_theme.xlsx" in said[0] and "2 Having a say!B5 (P03, Wave 1, 2.1 Decisions)" in said[0]
    change = study.memos[study.memos["title"] == "Framework chart: 2 Having a say\\Change summary"]
    assert change[["target_type", "target_id", "text"]].values.tolist() == [["case", "P01", "Passive at W1, votes on the routes by W2"]]
    # The chart read again from a saved project: codings and memos as they were.
    path = tmp_path / "p.qlr"
    study.save(path)
    back = qlr.open(path)
    assert _spans(back) == _spans(study) and len(back.memos) == len(study.memos) == len(CELLS) + 1


def test_a_chart_with_a_case_the_study_lacks_names_it(tmp_path):
    folder = _study(tmp_path / "s")
    charts = _wave_books(folder)
    book = load_workbook(folder / charts[1])
    book["2 Having a say"].cell(3, 1, "P09")  # P01's row renamed to a case the study does not have
    book.save(folder / charts[1])
    _manifest(folder, charts)
    study, said = _load(folder)
    assert any("2 Having a say!C3 (P09, Wave 2, 2.1 Decisions): no case 'P09' in the study" in message for message in said)
    assert any("1 of the framework chart's 4 cells are of no case of the study" in message for message in said)
    assert ("P01_W2_interview", "2_having_a_say.2_1_decisions") not in {(d, c) for d, c, _ in _spans(study)}


def test_a_folder_names_its_charts_and_the_template_offers_them(tmp_path):
    folder = _study(tmp_path / "s")
    _wave_books(folder)
    # Before: "named as documents are in formats qlr does not read … save them as one of .txt …".
    with pytest.warns(FilesNotLoadedWarning, match=r"2 file\(s\) are framework charts .* framework_W1.xlsx, framework_W2.xlsx") as said:
        qlr.load(folder, progress=False)
    assert not any("formats qlr does not read" in str(w.message) for w in said)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FilesNotLoadedWarning)
        template = qlr.io.template_for(folder)
    assert "#   - {path: framework_W1.xlsx, coder: CODER}" in template and "- framework_W2.xlsx" in template
    (folder / "study.yaml").write_text(template.replace("# codings:", "codings:").replace("#   - {path", "  - {path").replace("CODER", "rm"), encoding="utf-8")
    study, _ = _load(folder)
    assert _spans(study) == sorted(PLACED)


def _coded(tmp_path):
    folder = _study(tmp_path / "s")
    (folder / "transcripts" / "P02_W1_interview.txt").write_text(
        "Interviewer: How did you come to the scheme?\nP02: =HYPERLINK(\"x\") is what the form said, a box to tick.\n\n"
        "Interviewer: Who decides?\nP02: They never asked what we thought.\n",
        encoding="utf-8",
    )
    (folder / "study.yaml").write_text(
        "name: Scheme\nwaves: [{id: W1}, {id: W2}]\ncases: [{id: P01}, {id: P02}, {id: P03, waves: [W1, W2]}]\ndocuments:\n  - path: transcripts/*.txt\n",
        encoding="utf-8",
    )
    study = qlr.load(folder, progress=False)
    study.codebooks["fw"] = qlr.Codebook.from_yaml(
        "id: fw\nname: Framework\nthemes: [{id: say, name: 2 Having a say}]\ncodes:\n"
        "  - {id: decisions, name: 2.1 Decisions, parent: say}\n  - {id: form, name: 2.2 Forms, parent: say}\n"
    )
    study.code_quote("P01_W2_interview", "We decide together", "decisions", coder="rm")
    study.code_quote("P01_W2_interview", "we vote on it each month", "decisions", coder="rm")
    study.code_quote("P02_W1_interview", "They never asked what we thought", "decisions", coder="rm")
    study.code_quote("P02_W1_interview", '=HYPERLINK("x") is what the form said', "form", coder="rm")
    return study


def test_qlr_writes_a_chart_per_wave_with_quotes_and_references(tmp_path):
    study = _coded(tmp_path)
    chart = qlr.track.chart(study, cols="code")
    w2 = chart.panel("W2")
    # Two passages of P01 at W2, each quoted with its document and line (line 5 of the transcript).
    assert w2.loc["P01", "decisions"] == (
        "“We decide together” (P01_W2_interview, line 5)\n“we vote on it each month” (P01_W2_interview, line 5)"
    )
    assert w2.loc["P02", "decisions"] == ""  # seen, nothing coded
    assert w2.loc["P03", "decisions"] == "(dropped out)"  # P03 has no W2 interview: why, never a blank
    cell = chart.cells.set_index(["case_id", "wave_id", "code_id"]).loc[("P01", "W2", "decisions")]
    assert int(cell["count"]) == 2 and len(chart.quotes) == 4
    path = tmp_path / "chart.xlsx"
    chart.to_excel(path)
    book = load_workbook(path)
    assert book.sheetnames == ["W1", "W2", "quotes", "cells"]
    sheet = book["W1"]
    assert [c.value for c in sheet[1]] == ["case_id", "2.1 Decisions", "2.2 Forms"]  # the framework's own headings
    formula = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert formula.data_type == "s" and formula.value.startswith("“=HYPERLINK")
    quotes = pd.read_excel(path, sheet_name="quotes")
    bare = quotes.loc[quotes["code_id"] == "form", "quote"].iloc[0]
    assert bare == '=HYPERLINK("x") is what the form said'
    stored = [c for row in load_workbook(path)["quotes"].iter_rows() for c in row if c.value == bare]
    assert stored and all(c.data_type == "s" for c in stored)  # text, never a formula
    csv = tmp_path / "chart.csv"
    chart.to_csv(csv)
    assert "'=HYPERLINK" not in csv.read_text(encoding="utf-8")  # the cell opens with a quotation mark: no formula
    rows = pd.read_csv(csv)
    assert list(rows.columns) == ["case_id", "wave_id", "code_id", "cell", "count", "reason"] and len(rows) == 3 * 2 * 2


def test_a_cell_kept_as_a_memo_shows_in_the_pen_portrait_under_its_sub_theme(tmp_path):
    folder = _study(tmp_path / "s")
    _manifest(folder, _wave_books(folder))
    study, _ = _load(folder)
    portrait = qlr.track.portrait(study, "P03").markdown
    # Before: the cell's words without the sub-theme they chart.
    assert "- rm (on P03_W1_interview, W1), Framework chart: 1 Getting involved\\1.1 First contact: Word of mouth (friend)." in portrait
    assert "- rm, Framework chart: 1 Getting involved\\1.1 First contact (W2): Did not take part at W2" in portrait


def test_a_codings_table_with_a_case_column_is_no_chart(tmp_path):
    folder = _study(tmp_path / "s")
    (folder / "mine.csv").write_text(
        "case,wave,quote,code,coder\nP01,W1,I was not leaving the house at all in those days,isolation,rm\n", encoding="utf-8"
    )
    _manifest(folder, ["mine.csv"])
    # Its columns are misnamed, and the error says so, rather than reading "quote" and "code" as sub-themes.
    with pytest.raises(qlr.errors.ManifestError, match="needs the columns doc_id, code_id, coder"):
        qlr.load(folder, progress=False)


def test_a_chart_saved_as_csv_takes_its_wave_from_its_name(tmp_path):
    folder = _study(tmp_path / "s")
    (folder / "decisions_W2.csv").write_text(
        "Theme 2: Having a say,,\nCase,Pseudonym,2.1 Decisions\n"
        'P01,Ann,"Votes on routes. ""We decide together where we walk"" (p1)"\nP02,Ben,Shares decisions now.\n',
        encoding="utf-8",
    )
    _manifest(folder, ["decisions_W2.csv"])
    study = qlr.load(folder, progress=False)
    # The file is named for its wave, so its title is the theme.
    assert _spans(study) == [("P01_W2_interview", "theme_2_having_a_say.2_1_decisions", "We decide together where we walk")]
    assert sorted(study.memos["target_id"]) == ["P01_W2_interview", "P02_W2_interview"]


def test_a_data_list_beside_the_transcripts_is_no_chart(tmp_path):
    folder = _study(tmp_path / "s")
    _wave_books(folder)
    book = Workbook()
    sheet = book.active
    for row in (["Case ID", "Wave", "Notes"], ["P01", "Wave 1", "Interviewed at home with her daughter present"]):
        sheet.append(row)
    book.save(folder / "participants.xlsx")
    # A folder's spreadsheet is a chart only where it numbers its sub-themes (1.1 …): the list is not named one.
    with pytest.warns(FilesNotLoadedWarning) as said:
        qlr.load(folder, progress=False)
    named = [str(w.message) for w in said if "framework charts" in str(w.message)]
    assert len(named) == 1 and "2 file(s) are framework charts" in named[0] and "participants.xlsx" not in named[0]


# --------------------------------------------------------------------------- after review (stop 48)


def _small(folder, turns, sheets, *, waves=("W1",), cases=("P01", "P02"), name="framework_W1.xlsx", merged=()):
    """A study of the given turns ((case, wave) -> lines) and one chart workbook: sheet name -> rows of cells."""
    (folder / "transcripts").mkdir(parents=True)
    for (case, wave), lines in turns.items():
        (folder / "transcripts" / f"{case}_{wave}_interview.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "study.yaml").write_text(
        f"name: S\nwaves: [{', '.join('{id: ' + w + '}' for w in waves)}]\ncases: [{', '.join('{id: ' + c + '}' for c in cases)}]\n"
        f"documents:\n  - path: transcripts/*.txt\ncodings:\n  - {{path: {name}, coder: rm}}\n",
        encoding="utf-8",
    )
    _xlsx(folder / name, sheets, {title: list(merged) for title in sheets})
    return folder


def test_a_quote_the_interviewer_echoed_is_coded_in_the_case_s_own_words(tmp_path):
    turns = {
        ("P01", "W1"): ["Interviewer: So you said the staff plan the routes and we just turn up?", "P01: Yes. The staff plan the routes and we just turn up."],
        ("P02", "W1"): ["Interviewer: How did you come?", "P02: The job centre sent me."],
    }
    rows = [["Case ID", "1.1 Planning"], ["P01", 'Planning by staff: "the staff plan the routes and we just turn up" (p1)']]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}), progress=False)
    coding = study.codings.iloc[0]
    segment = study.segments.set_index("seg_id").loc[coding["seg_id"]]
    # The interviewer's echo comes first in the transcript; the case's own turn holds the words too, with a capital.
    assert (len(study.codings), segment["speaker"], coding["start"]) == (1, "P01", study.documents["text"].iloc[0].index("The staff plan"))


def test_a_row_describing_the_sub_themes_is_their_definition_not_their_name(tmp_path):
    turns = {(case, "W1"): ["Interviewer: How is it?", f"{case}: {answer}"] for case, answer in (("P01", "The staff plan the routes and we just turn up."), ("P02", "The job centre sent me, a box to tick for them."))}
    rows = [
        ["Case ID", "1.1 Referral", "1.2 Planning"],
        [None, "How they came to the scheme, who referred them", "Who plans the activities and how"],
        ["P01", None, 'Staff plan: "the staff plan the routes and we just turn up" (p1)'],
        ["P02", '"The job centre sent me, a box to tick for them"'],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}), progress=False)
    codebook = study.codebooks["framework_w1"]
    assert [(code.name, code.definition) for code in codebook.codes] == [
        ("1.1 Referral", "How they came to the scheme, who referred them"),
        ("1.2 Planning", "Who plans the activities and how"),
    ]
    assert sorted(zip(study.codings["doc_id"], study.codings["code_id"])) == [("P01_W1_interview", "1_support.1_2_planning"), ("P02_W1_interview", "1_support.1_1_referral")]


def test_an_interview_column_of_dates_or_initials_leaves_the_sheet_s_wave(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    sheets = {
        "Wave 1": [["Case", "Interview", "1.1 Having a say"], ["P01", "12/03/2021", '"The staff plan the routes"'], ["P02", "W1", '"a box to tick for them"']],
        "Wave 2": [["Case", "Interview", "1.1 Having a say"], ["P01", "10/09/2021", '"We decide together where we walk"'], ["P02", "AB", '"how to use the lathe"']],
    }
    study = qlr.load(_small(tmp_path / "s", turns, sheets, waves=("W1", "W2"), name="chart.xlsx"), progress=False)
    # A date or an interviewer's initials names no wave: the sheet's is the row's; "W1" names one.
    assert sorted(study.codings["doc_id"]) == ["P01_W1_interview", "P01_W2_interview", "P02_W1_interview", "P02_W2_interview"]


def test_a_merged_summary_is_coded_once_and_a_formula_with_no_saved_value_is_named(tmp_path):
    turns = {
        ("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."],
        ("P02", "W1"): ["Interviewer: How did you come?", "P02: The job centre sent me, a box to tick for them."],
    }
    rows = [
        ["Case ID", "1.1 Referral", "1.2 Planning"],
        ["P01", 'Planning by staff: "the staff plan the routes and we just turn up" (p1)'],
        ["P02", '"The job centre sent me, a box to tick for them"', '=CONCATENATE("Staff ", "decide")'],
    ]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows}, merged=["B2:C2"])
    with pytest.warns(RowsRefusedWarning, match=r"1 cell\(s\) hold a formula with no saved value .*: 1 Support!C3\. Open and save the workbook in Excel") as said:
        study = qlr.load(folder, progress=False)
    assert len([w for w in said if issubclass(w.category, RowsRefusedWarning)]) == 1
    # The analyst merged P01's summary across both sub-themes: it is the first column's, one coding and one memo.
    assert sorted(zip(study.codings["doc_id"], study.codings["code_id"])) == [("P01_W1_interview", "1_support.1_1_referral"), ("P02_W1_interview", "1_support.1_1_referral")]
    assert len(study.memos) == 2
    assert any("1 cell(s) merged across sub-themes are read under their first column only" in note for note in study.meta["inferred"])


def test_columns_a_numbered_chart_does_not_number_are_about_the_case_not_sub_themes(tmp_path):
    turns = {("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."], ("P02", "W1"): ["Interviewer: Hello?", "P02: Hello."]}
    rows = [
        ["Case ID", "Age", "Gender", "Date of interview", "Interviewer", "1.1 Planning"],
        ["P01", 67, "F", "12/03/2021", "AB", 'Staff plan: "the staff plan the routes and we just turn up" (p1)'],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}), progress=False)
    assert [code.name for code in study.codebooks["framework_w1"].codes] == ["1.1 Planning"]
    assert list(study.codings["code_id"]) == ["1_support.1_1_planning"]
    # Their cells are kept, as memos on the case's document, and the load notes say why they are no codes; Age and Gender,
    # one value per case, are the case's attributes (stop 49: before, memos too), and the date dates the interview.
    assert sorted(study.memos["title"].str.rsplit("\\", n=1).str[-1]) == ["1.1 Planning", "Date of interview", "Interviewer"]
    # Each column's use said as it is (stop 49 listed the date among the columns about the case).
    assert any("1 column(s) beside the numbered sub-themes are about the case, not sub-themes: 'Interviewer'; their cells are kept as memos" in note for note in study.meta["inferred"])
    assert any("1 column(s) beside the numbered sub-themes give the interview's date and date the case's interview at that wave where the study has none: 'Date of interview'" in note for note in study.meta["inferred"])
    assert study.cases.set_index("case_id").loc["P01", ["age", "gender"]].tolist() == [67, "F"]
    assert str(study.documents.set_index("doc_id").loc["P01_W1_interview", "date"].date()) == "2021-03-12"


def test_a_quote_quoting_someone_is_coded_whole(tmp_path):
    said = 'P01: She said "you can lead the walk" and I did, I lead it every week now.'
    turns = {("P01", "W1"): ["Interviewer: And staff?", said]}
    rows = [["Case ID", "1.2 Leading"], ["P01", 'Now leads: "She said "you can lead the walk" and I did, I lead it every week now" (p1)']]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}, cases=("P01",)), progress=False)
    # The outer quotation marks are the analyst's; the inner ones the participant's, kept in the quote.
    assert [text for _, _, text in _spans(study)] == ['She said "you can lead the walk" and I did, I lead it every week now']


def test_a_wave_the_chart_has_no_row_for_is_not_coded_with_its_codebook(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [["Case ID", "1.1 Referral", "1.2 Planning"], ["P01", '"The staff plan the routes and we just turn up"'], ["P02"]]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}, waves=("W1", "W2")), progress=False)
    coverage = qlr.evidence.case_wave_coverage(study, study.codebooks["framework_w1"])
    # The chart is of W1 only: its W2 is not coded with it; P02's empty W1 row is charted, its zeros absences.
    assert coverage[["case_id", "wave_id", "coverage"]].values.tolist() == [["P01", "W1", "coded"], ["P01", "W2", "not coded"], ["P02", "W1", "coded"], ["P02", "W2", "not coded"]]
    tidy = qlr.track.matrix(study, codebook="framework_w1").tidy
    assert tidy[tidy["wave_id"] == "W1"]["value"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert tidy[tidy["wave_id"] == "W2"]["reason"].tolist() == ["not coded"] * 4
    assert any("no row for 2 document(s)' case and wave (P01_W2_interview, P02_W2_interview)" in note for note in study.meta["inferred"])
    # The report's header says so.
    from qlr.report._html import _not_coded_note

    assert _not_coded_note(study, study.codebooks["framework_w1"]).startswith(
        "2 case × waves (2 cases at W2) have no row in the framework chart and were never coded with codebook 'framework_w1'"
    )


def test_a_chart_sharing_its_codebook_with_another_codings_file_says_its_coverage_is_lost(tmp_path):
    # After the second review: a W1 chart and a codings table of other codes both name no codebook, so they make one;
    # the chart's coverage cannot hold for the other file's codes, and the load notes say so (before: nothing said).
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [["Case ID", "1.1 Referral", "1.2 Planning"], ["P01", '"The staff plan the routes and we just turn up"'], ["P02"]]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows}, waves=("W1", "W2"))
    (folder / "extra.csv").write_text("doc_id,code_id,coder,start,end\nP01_W1_interview,staff_led,rm,0,5\n", encoding="utf-8")
    manifest = (folder / "study.yaml").read_text(encoding="utf-8")
    (folder / "study.yaml").write_text(manifest + "  - {path: extra.csv, coder: rm}\n", encoding="utf-8")
    study = qlr.load(folder, progress=False)
    notes = [note for note in study.meta["inferred"] if "holds a framework chart's codes and other codings files' codes" in note]
    assert len(notes) == 1 and "(P01_W2_interview, P02_W2_interview)" in notes[0]
    assert not study.meta.get("charted")


# Leftovers of stop 48 (stop 49): whose turn a chart's quote is, a case seen only in a group, the chart's Interview,
# Age and Gender columns, the command line and pooling.


def _group_study(folder, sheets, *, yaml_extra=""):
    """P01's interview where P02 joins in (a joint interview), P02's own, and a focus group where P01 and P03 speak
    (P03 has no interview of their own): the study's cases are named by their turns' labels."""
    (folder / "transcripts").mkdir(parents=True)
    (folder / "groups").mkdir()
    (folder / "transcripts" / "P01_W1_interview.txt").write_text(
        "Interviewer: How is it?\n\nP02: I was not leaving the house before this.\n\nP01: I was not leaving the house either, honestly.\n\n"
        "P02: The staff plan the routes and we just turn up.\n",
        encoding="utf-8",
    )
    (folder / "transcripts" / "P02_W1_interview.txt").write_text("Interviewer: How is it?\n\nP02: The job centre sent me, a box to tick.\n", encoding="utf-8")
    (folder / "groups" / "fg.txt").write_text(
        "Moderator: Welcome all.\n\nP01: We go every week.\n\nP03: The tutor decides everything, which is fine by me.\n", encoding="utf-8"
    )
    (folder / "study.yaml").write_text(
        "name: S\nwaves: [{id: W1}]\ncases: [{id: P01}, {id: P02}, {id: P03}]\n"
        "documents:\n  - path: transcripts/*.txt\n  - {path: groups/fg.txt, kind: focus_group, wave: W1}\n"
        f"codings:\n  - {{path: chart.xlsx, coder: rm}}\n{yaml_extra}",
        encoding="utf-8",
    )
    _xlsx(folder / "chart.xlsx", sheets, {title: [] for title in sheets})
    return folder


def _load_group(folder):
    """Load a study of joint talk: its cases' turns attributed (said, and expected), any RowsRefusedWarning returned."""
    from qlr.errors import NoCaseTalkWarning

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.load(folder, progress=False)
    unexpected = [w for w in said if not issubclass(w.category, (NoCaseTalkWarning, RowsRefusedWarning))]
    assert not unexpected, [str(w.message) for w in unexpected]
    return study, [str(w.message) for w in said if issubclass(w.category, RowsRefusedWarning)]


def _turns_coded(study):
    from qlr.evidence import segment_cases

    whose = segment_cases(study).groupby("seg_id")["case_id"].first()
    speakers = study.segments.set_index("seg_id")["speaker"]
    return sorted((row.code_id.rsplit(".", 1)[-1], speakers[row.seg_id], whose[row.seg_id]) for row in study.codings.itertuples())


def test_a_quote_is_coded_in_the_row_case_s_own_turn_and_refused_where_only_another_case_said_it(tmp_path):
    rows = [
        ["Case ID", "1.1 Housebound", "1.2 Planning"],
        ["P01", '"I was not leaving the house" (p1)', 'Staff plan: "the staff plan the routes and we just turn up" (p2)'],
    ]
    folder = _group_study(tmp_path / "s", {"1 Support": rows})
    study, refused = _load_group(folder)
    # P02 says "I was not leaving the house" first, in P01's joint interview: P01's own turn holds it too, and is
    # where it is coded (before: P02's turn, the first participant's). The staff plan words are P02's only: refused,
    # naming the cell and whose turn holds them (before: coded on P01 in P02's turn).
    assert _turns_coded(study) == [("1_1_housebound", "P01", "P01")]
    assert len(refused) == 1 and "1 of the framework chart's 2 quotes cannot be placed" in refused[0]
    assert "1 Support!C2 (P01, 1.2 Planning): the quote is in P02's turn in 'P01_W1_interview', not P01's" in refused[0]
    assert len(study.memos) == 2


def test_a_case_seen_only_in_a_focus_group_is_coded_on_its_turn_there(tmp_path):
    rows = [["Case ID", "1.1 Decisions"], ["P03", 'Content: "The tutor decides everything" (p1)'], ["P01", '"We go every week"']]
    study, refused = _load_group(_group_study(tmp_path / "s", {"1 Support": rows}))
    assert refused == []
    # P03 speaks only in the focus group: before, "no document of P03 at W1", refused; now coded on P03's turn there.
    # P01's words are in the group too, not in P01's interview: coded on P01's turn in the group.
    assert _turns_coded(study) == [("1_1_decisions", "P01", "P01"), ("1_1_decisions", "P03", "P03")]
    assert set(study.codings["doc_id"]) == {"fg"}
    # The chart covers the documents of its rows' case × waves, the group now among P03's. P02, with no row, speaks in
    # P01's interview and has one of its own: a row charts its own case's words only, so neither is charted for P02
    # (stop 49: "partly coded", P02's turns in P01's interview read as charted).
    coverage = qlr.evidence.case_wave_coverage(study, study.codebooks["chart"])
    assert coverage.set_index("case_id")["coverage"].to_dict() == {"P01": "coded", "P02": "not coded", "P03": "coded"}


def test_a_group_charted_for_one_of_its_speakers_is_not_charted_for_the_others(tmp_path):
    rows = [["Case ID", "1.1 Decisions"], ["P01", '"We go every week"']]
    study, refused = _load_group(_group_study(tmp_path / "s", {"1 Support": rows}))
    assert refused == []
    coverage = qlr.evidence.case_wave_coverage(study, study.codebooks["chart"]).set_index("case_id")["coverage"].to_dict()
    # P01's row reaches the focus group through P01's turn there. Before: the whole group counted as charted, so P03,
    # whom the chart has no row for and who speaks only there, read "coded" (a code's 0 an absence).
    assert coverage == {"P01": "coded", "P02": "not coded", "P03": "not coded"}
    assert study.meta["charted_cases"]["chart"]["fg"] == ["P01"]
    # Applying the codebook to the study codes every turn, as it codes every document.
    with pytest.warns(qlr.errors.QlrWarning, match="has no rules"):
        applied = study.apply(study.codebooks["chart"], progress=False)
    assert set(qlr.evidence.case_wave_coverage(applied, applied.codebooks["chart"])["coverage"]) == {"coded"}


def test_the_command_line_writes_the_chart_and_keeps_its_warnings_with_q(tmp_path, capsys):
    from qlr.cli import main

    turns = {
        ("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."],
        ("P02", "W1"): ["Interviewer: How did you come?", "P02: The job centre sent me, a box to tick for them."],
    }
    rows = [["Case ID", "1.1 Referral", "1.2 Planning"], ["P01", None, '"the staff plan the routes" (p1)'], ["P02", '"a box to tick for them"', '"we plan it ourselfs"']]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows})
    out = tmp_path / "out" / "chart.xlsx"
    out.parent.mkdir()
    # Before: no command (argparse: invalid choice 'chart'); now the chart, and with -q the refused quote is still said.
    assert main(["chart", str(folder), "--cols", "code", "-q", "-o", str(out)]) == 3
    said = capsys.readouterr()
    assert said.out == "" and "1 of the framework chart's 3 quotes cannot be placed" in said.err and "1 Support!C3 (P02, W1, 1.2 Planning)" in said.err
    sheets = pd.read_excel(out, sheet_name=None, index_col=0)
    assert list(sheets) == ["W1", "quotes", "cells"]
    assert sheets["W1"].loc["P01", "1.2 Planning"] == "“The staff plan the routes” (P01_W1_interview, line 3)"
    assert sheets["W1"].loc["P02", "1.1 Referral"] == "“a box to tick for them” (P02_W1_interview, line 3)"
    assert main(["chart", str(folder), "-o", str(tmp_path / "out" / "chart.csv")]) == 3
    cells = pd.read_csv(tmp_path / "out" / "chart.csv")
    assert list(cells.columns) == ["case_id", "wave_id", "theme", "cell", "count", "reason"] and cells["count"].sum() == 2
    assert "wrote " in capsys.readouterr().out
    assert main(["chart", str(folder), "-o", str(tmp_path / "out" / "chart.txt")]) == 1
    assert "a chart is written as .xlsx or .csv" in capsys.readouterr().err


def test_pooling_a_charted_study_keeps_what_its_chart_covers(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [["Case ID", "1.1 Referral", "1.2 Planning"], ["P01", '"The staff plan the routes and we just turn up"'], ["P02"]]
    charted = qlr.load(_small(tmp_path / "a", turns, {"1 Support": rows}, waves=("W1", "W2")), progress=False)
    plain = qlr.load(_study(tmp_path / "b"), progress=False)  # the same waves, transcripts only: never charted
    with pytest.warns(qlr.errors.PoolingWarning, match=r"codebook 'framework_w1' coded 'a' \(1 coding\) but not 'b'"):
        pooled = qlr.concat([charted, plain], keys=["a", "b"])
    coverage = qlr.evidence.case_wave_coverage(pooled, pooled.codebooks["framework_w1"]).set_index(["case_id", "wave_id"])["coverage"]
    # Before: the chart's record was dropped, so a:P01 and a:P02 at W2 read "coded" (their cells 0, absences). Now the
    # chart's study keeps its own coverage (W1 charted, W2 not) and the uncharted study is not coded, as before.
    assert coverage.to_dict() == {
        ("a:P01", "W1"): "coded", ("a:P01", "W2"): "not coded", ("a:P02", "W1"): "coded", ("a:P02", "W2"): "not coded",
        ("b:P01", "W1"): "not coded", ("b:P01", "W2"): "not coded", ("b:P02", "W1"): "not coded", ("b:P02", "W2"): "not coded",
        ("b:P03", "W1"): "not coded",
    }
    assert sorted(pooled.meta["charted"]["framework_w1"]) == ["a:P01_W1_interview", "a:P02_W1_interview", *sorted("b:" + doc for doc in plain.documents["doc_id"])]
    # Applied to the pooled study since: every document coded with it, the chart's record no longer limits it.
    with pytest.warns(qlr.errors.QlrWarning, match="has no rules"):
        pooled.apply(pooled.codebooks["framework_w1"], progress=False)
    assert set(qlr.evidence.case_wave_coverage(pooled, pooled.codebooks["framework_w1"])["coverage"]) == {"coded"}


def test_the_template_keeps_each_session_s_moderator_where_the_headers_name_two(tmp_path):
    from qlr.io import template_for

    # Jo moderates sessions 1 and 3 (their headers say so) and sits in session 2, whose header names Sam, who sits in 1 and 3.
    def session(moderator, other):
        return (
            f"Moderator: {moderator} Lee\n\n{moderator}: What worked?\n\n{other}: We planned it together.\n\n{moderator}: And then?\n\n"
            f"Ann: We ran it.\n\n{moderator}: Who decided?\n\n{other}: All of us, we voted.\n"
        )

    write = {"S_W1_focus_group.txt": session("Jo", "Sam"), "S_W2_focus_group.txt": session("Sam", "Jo"), "S_W3_focus_group.txt": session("Jo", "Sam")}
    for name, text in write.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def askers(study):
        roles = study.segments.dropna(subset=["speaker"])
        return sorted(set(zip(roles["doc_id"], roles["speaker"], roles["speaker_role"])))

    before = askers(qlr.load(tmp_path, progress=False))
    assert [row for row in before if row[2] == "interviewer"] == [("S_W1_focus_group", "Jo", "interviewer"), ("S_W2_focus_group", "Sam", "interviewer"), ("S_W3_focus_group", "Jo", "interviewer")]
    template = template_for(tmp_path)
    (tmp_path / "study.yaml").write_text(template, encoding="utf-8")
    # Loading with the template reads each session's moderator as its interviewer, and the other as a participant there.
    assert askers(qlr.load(tmp_path, progress=False)) == before


def test_a_chart_s_interview_dates_date_the_case_s_interview_and_disagreements_are_said(tmp_path):
    from qlr.errors import InferenceWarning

    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    turns[("P01", "W2")] = ["Date: 15/09/2021", *turns[("P01", "W2")]]  # the transcript's own header dates it
    sheets = {
        "Wave 1": [["Case", "Interview", "1.1 Having a say"], ["P01", "12/03/2021", '"The staff plan the routes"'], ["P02", "W1", '"a box to tick for them"']],
        "Wave 2": [["Case", "Interview", "1.1 Having a say"], ["P01", "10/09/2021", '"We decide together where we walk"'], ["P02", "AB", '"how to use the lathe"']],
    }
    folder = _small(tmp_path / "s", turns, sheets, waves=("W1", "W2"), name="chart.xlsx")
    with pytest.warns(InferenceWarning, match=r"1 interview date\(s\) the framework chart gives differ from the document's own") as said:
        study = qlr.load(folder, progress=False)
    message = next(str(w.message) for w in said if "interview date" in str(w.message))
    assert "Wave 2!B2 (P01, Wave 2, Interview): '10/09/2021' is 2021-09-10, P01_W2_interview is dated 2021-09-15" in message
    dates = {doc: None if pd.isna(day) else str(day.date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}
    # Before: the column was kept nowhere (P01_W1_interview undated). Now the chart dates the interview the study had no
    # date for; the transcript's own date stands; "W1" names a wave and "AB" no date (kept as a memo).
    assert dates == {"P01_W1_interview": "2021-03-12", "P01_W2_interview": "2021-09-15", "P02_W1_interview": None, "P02_W2_interview": None}
    assert any("1 document(s) dated by the chart's interview dates: P01_W1_interview (2021-03-12)" in note for note in study.meta["inferred"])
    assert "AB" in set(study.memos["text"])


def test_a_column_of_one_value_per_case_is_a_case_attribute(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [
        ["Case ID", "Wave", "Age", "Gender", "Living situation", "Interviewer", "1.1 Planning"],
        ["P01", "W1", 67, "F", "alone", "AB", '"The staff plan the routes and we just turn up"'],
        ["P01", "W2", 67, "F", "with daughter", "CD", '"We decide together where we walk"'],
        ["P02", "W1", 58, "M", "alone", "AB", '"a box to tick for them"'],
        ["P02", "W2", None, "M", "alone", "AB", None],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}, waves=("W1", "W2"), name="chart.xlsx"), progress=False)
    # Age and Gender hold one value per case on every row of it: the cases' attributes, as study.yaml's are (before:
    # 7 memos). Living situation changes for P01, and the interviewer is the interview's: kept as memos, as before.
    assert study.cases.set_index("case_id")[["age", "gender"]].to_dict("index") == {"P01": {"age": 67, "gender": "F"}, "P02": {"age": 58, "gender": "M"}}
    titles = study.memos["title"].str.rsplit("\\", n=1).str[-1].value_counts().to_dict()
    assert titles == {"Living situation": 4, "Interviewer": 4, "1.1 Planning": 3}
    assert any("chart.xlsx: 2 column(s) hold one value per case and are the cases' attributes (study.cases): 'Age' (age), 'Gender' (gender)" in note for note in study.meta["inferred"])


def _notes(study, words):
    return [note for note in study.meta["inferred"] if words in note]


def test_a_characteristic_that_changes_between_the_wave_charts_is_each_case_wave_s_and_nothing_is_dropped(tmp_path):
    # A workbook per wave, one row per case: within each file every column holds one value per case.
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    folder = _small(tmp_path / "s", turns, {"1 Support": [["Case ID", "1.1 Planning"]]}, waves=("W1", "W2"), name="unused.xlsx")
    (folder / "unused.xlsx").unlink()
    charts = {
        "W1": [["P01", 67, "nurse", "alone", '"The staff plan the routes"'], ["P02", 58, "joiner", "with daughter", '"a box to tick for them"']],
        "W2": [["P01", 67, "retired", "care home", '"We decide together where we walk"'], ["P02", 58, "joiner", "with daughter", '"We share the decisions in the shed"']],
    }
    for wave, rows in charts.items():
        _xlsx(folder / f"chart_{wave}.xlsx", {"1 Support": [["Case ID", "Age", "Occupation", "Living situation", "1.1 Planning"], *rows]}, {"1 Support": []})
    _manifest(folder, ["chart_W1.xlsx", "chart_W2.xlsx"])
    (folder / "study.yaml").write_text((folder / "study.yaml").read_text().replace(", {id: P03}", ""), encoding="utf-8")
    study = qlr.load(folder, progress=False)
    # Age is one value per case over both charts: the case's attribute. Occupation changes for P01 (nurse, then
    # retired): each case × wave's, as a Dedoose descriptor that changes is (stop 49: its 4 cells stayed memos, the
    # column no attribute). Living situation names no characteristic of the person: memos, as on stop 48.
    assert study.cases.set_index("case_id").drop(columns=["label", "role"]).to_dict("index") == {"P01": {"age": 67}, "P02": {"age": 58}}
    occupation = study.case_waves.set_index(["case_id", "wave_id"])["occupation"].to_dict()
    assert occupation == {("P01", "W1"): "nurse", ("P01", "W2"): "retired", ("P02", "W1"): "joiner", ("P02", "W2"): "joiner"}
    titles = study.memos["title"].str.rsplit("\\", n=1).str[-1].value_counts().to_dict()
    assert titles == {"Living situation": 4, "1.1 Planning": 4}
    assert {"care home", "alone"} <= set(study.memos["text"])
    assert _notes(study, "chart_W1.xlsx, chart_W2.xlsx: 1 column(s) hold one value per case and are the cases' attributes (study.cases): 'Age' (age)")
    assert _notes(study, "chart_W1.xlsx, chart_W2.xlsx: 1 column(s) change between a case's waves and are each case × wave's (study.case_waves): 'Occupation' (occupation)")
    assert not _notes(study, "differ from the study's own")


def test_a_characteristic_given_twice_at_one_wave_stays_memos(tmp_path):
    # Two charts of the same wave disagree on P01's occupation: no wave tells the values apart.
    turns = {("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."]}
    folder = _small(tmp_path / "s", turns, {"1 Support": [["Case ID", "1.1 Planning"]]}, cases=("P01",), name="unused.xlsx")
    (folder / "unused.xlsx").unlink()
    for name, job in (("chart_a", "nurse"), ("chart_b", "carer")):
        _xlsx(folder / f"{name}.xlsx", {"1 Support": [["Case ID", "Occupation", "1.1 Planning"], ["P01", job, '"The staff plan the routes"']]}, {"1 Support": []})
    _manifest(folder, ["chart_a.xlsx", "chart_b.xlsx"])
    (folder / "study.yaml").write_text((folder / "study.yaml").read_text().replace("waves: [{id: W1}, {id: W2}]", "waves: [{id: W1}]").replace(", {id: P02}, {id: P03}", ""), encoding="utf-8")
    study = qlr.load(folder, progress=False)
    assert "occupation" not in study.cases.columns and "occupation" not in study.case_waves.columns
    assert {"nurse", "carer"} <= set(study.memos["text"])
    assert _notes(study, "1 column(s) give a case more than one value that no wave tells apart (two at one wave, or rows naming no wave), and are no attribute: 'Occupation' (occupation) (P01 'nurse' / 'carer')")


def test_a_value_written_in_another_coding_is_the_study_s_and_a_real_conflict_names_both_values_and_the_file(tmp_path):
    turns = {(case, "W1"): ["Interviewer: Who plans?", f"{case}: The staff plan the routes and we just turn up."] for case in ("P01", "P02", "P03")}
    rows = [["Case ID", "Gender", "1.1 Planning"], ["P01", "M", '"The staff plan the routes"'], ["P02", " female ", "None"], ["P03", "F", "None"]]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows}, cases=("P01", "P02", "P03"), name="chart.xlsx")
    manifest = (folder / "study.yaml").read_text()
    for case, gender in (("P01", "male"), ("P02", "F"), ("P03", "male")):
        manifest = manifest.replace(f"{{id: {case}}}", f"{{id: {case}, attributes: {{gender: {gender}}}}}")
    (folder / "study.yaml").write_text(manifest, encoding="utf-8")
    study = qlr.load(folder, progress=False)
    # "M" is study.yaml's "male", " female " its "F": the same value written another way, no conflict (stop 49: both
    # named as differing). P03's "F" beside "male" is one: the study's value kept, the note naming both and the file.
    assert study.cases.set_index("case_id")["gender"].to_dict() == {"P01": "male", "P02": "F", "P03": "male"}
    assert _notes(study, "chart.xlsx: 1 value(s) differ from the study's own, which are kept: P03 gender 'male' (chart.xlsx: 'F')")


def test_prose_columns_of_a_one_wave_chart_stay_memos(tmp_path):
    turns = {("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."], ("P02", "W1"): ["Interviewer: Why?", "P02: The job centre sent me, a box to tick for them."]}
    rows = [
        ["Case ID", "Key events", "Analyst reflections", "Gender", "1.1 Planning"],
        ["P01", "Lost her job in March; became her husband's carer.", "Holding back about the husband.", "F", '"The staff plan the routes and we just turn up"'],
        ["P02", "Moved to the area after the divorce.", "Guarded at first.", "M", '"a box to tick for them"'],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}), progress=False)
    # One row per case: every column holds one value per case, but only Gender names a characteristic of the person.
    # Before: Key events and Analyst reflections were attributes too, memos 8 -> 2; now 6 (2 of Gender are its values).
    assert "key_events" not in study.cases.columns and "analyst_reflections" not in study.cases.columns
    assert study.cases.set_index("case_id")["gender"].to_dict() == {"P01": "F", "P02": "M"}
    titles = study.memos["title"].str.rsplit("\\", n=1).str[-1].value_counts().to_dict()
    assert titles == {"Key events": 2, "Analyst reflections": 2, "1.1 Planning": 2}
    assert "Lost her job in March; became her husband's carer." in set(study.memos["text"])
    assert _notes(study, "2 column(s) beside the numbered sub-themes are about the case, not sub-themes: 'Key events', 'Analyst reflections'")


def test_only_a_column_naming_the_interview_s_date_dates_the_interviews(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [
        ["Case ID", "Wave", "Date of birth", "Date referred", "Date", "1.1 Planning"],
        ["P01", "W1", "12/03/1950", "01/02/2019", "14/03/2021", '"The staff plan the routes"'],
        ["P01", "W2", "12/03/1950", "01/02/2019", "20/09/2021", '"We decide together where we walk"'],
        ["P02", "W1", "05/06/1961", "10/10/2019", None, '"a box to tick for them"'],
        ["P02", "W2", "05/06/1961", "10/10/2019", "22/09/2021", '"We share the decisions in the shed"'],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}, waves=("W1", "W2"), name="chart.xlsx"), progress=False)
    dates = {doc: None if pd.isna(day) else str(day.date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}
    # Before: the first column with "date" in its heading, Date of birth, dated the interviews (P01's two in 1950).
    assert dates == {"P01_W1_interview": "2021-03-14", "P01_W2_interview": "2021-09-20", "P02_W1_interview": None, "P02_W2_interview": "2021-09-22"}
    assert study.cases.set_index("case_id")["date_of_birth"].to_dict() == {"P01": "12/03/1950", "P02": "05/06/1961"}
    assert "date_referred" not in study.cases.columns
    # Each column's use said: the date dates, the referral date is about the case, the date of birth an attribute.
    assert _notes(study, "chart.xlsx: 1 column(s) beside the numbered sub-themes give the interview's date and date the case's interview at that wave where the study has none: 'Date'")
    assert _notes(study, "chart.xlsx: 1 column(s) beside the numbered sub-themes are about the case, not sub-themes: 'Date referred'")
    assert _notes(study, "chart.xlsx: 1 column(s) hold one value per case and are the cases' attributes (study.cases): 'Date of birth' (date_of_birth)")


def test_a_chart_s_numbers_leave_the_study_s_own_attribute_values_as_written(tmp_path):
    turns = {("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."], ("P02", "W1"): ["Interviewer: Why?", "P02: The job centre sent me."], ("P03", "W1"): ["Interviewer: Why?", "P03: A friend told me."]}
    rows = [["Case ID", "Age", "1.1 Planning"], ["P01", None, '"The staff plan the routes"'], ["P02", 58, "None quoted"], ["P03", 70, "None quoted"]]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows}, cases=("P01", "P02", "P03"))
    manifest = (folder / "study.yaml").read_text().replace("{id: P01}", "{id: P01, attributes: {age: over 65}}").replace("{id: P03}", "{id: P03, attributes: {age: 71}}")
    (folder / "study.yaml").write_text(manifest, encoding="utf-8")
    study = qlr.load(folder, progress=False)
    # Before: the chart's numbers turned the whole column numeric and study.yaml's 'over 65' became NaN.
    assert study.cases.set_index("case_id")["age"].to_dict() == {"P01": "over 65", "P02": 58, "P03": 71}
    assert _notes(study, "1 value(s) differ from the study's own, which are kept: P03 age 71 (framework_W1.xlsx: 70)")


def test_a_chart_s_words_go_beside_the_study_s_numbers(tmp_path):
    turns = {("P01", "W1"): ["Interviewer: Who plans?", "P01: The staff plan the routes and we just turn up."], ("P02", "W1"): ["Interviewer: Why?", "P02: The job centre sent me."]}
    rows = [["Case ID", "Age", "1.1 Planning"], ["P01", "over 65", '"The staff plan the routes"'], ["P02", None, "None quoted"]]
    folder = _small(tmp_path / "s", turns, {"1 Support": rows})
    (folder / "study.yaml").write_text((folder / "study.yaml").read_text().replace("{id: P02}", "{id: P02, attributes: {age: 58}}"), encoding="utf-8")
    study = qlr.load(folder, progress=False)
    # study.yaml's ages are numbers, the chart's is words. Before: TypeError ('over 65' into a float column).
    assert study.cases.set_index("case_id")["age"].to_dict() == {"P01": "over 65", "P02": 58}


def test_a_plural_or_a_wave_s_interview_date_column_dates_the_interviews(tmp_path):
    turns = {(case, wave): ["Interviewer: How is it?", f"{case}: {answer}"] for (case, wave), answer in ANSWERS.items() if case != "P03"}
    rows = [
        ["Case ID", "Date of interview W1", "Date of interview W2", "1.1 Planning"],
        ["P01", "14/03/2021", "20/09/2021", '"The staff plan the routes"'],
        ["P02", "15/03/2021", None, '"a box to tick for them"'],
    ]
    study = qlr.load(_small(tmp_path / "s", turns, {"1 Support": rows}, waves=("W1", "W2"), name="chart_W1.xlsx"), progress=False)
    dates = {doc: None if pd.isna(day) else str(day.date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}
    # Before: neither heading was read as the interview's date, and 3 dates dated nothing.
    assert dates == {"P01_W1_interview": "2021-03-14", "P01_W2_interview": "2021-09-20", "P02_W1_interview": "2021-03-15", "P02_W2_interview": None}
    rows = [["Case ID", "Wave", "Interview dates", "1.1 Planning"], ["P01", "W1", "14/03/2021", '"The staff plan the routes"'], ["P01", "W2", "20/09/2021", '"We decide together where we walk"']]
    study = qlr.load(_small(tmp_path / "t", turns, {"1 Support": rows}, waves=("W1", "W2"), name="chart.xlsx"), progress=False)
    dates = {doc: None if pd.isna(day) else str(day.date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}
    assert dates == {"P01_W1_interview": "2021-03-14", "P01_W2_interview": "2021-09-20", "P02_W1_interview": None, "P02_W2_interview": None}


def test_pooling_keeps_which_cases_a_chart_charted_in_a_group(tmp_path):
    rows = [["Case ID", "1.1 Decisions"], ["P01", '"We go every week"']]
    study, _ = _load_group(_group_study(tmp_path / "s", {"1 Support": rows}))
    other = study.copy()
    with pytest.warns(qlr.errors.PoolingWarning):
        pooled = qlr.concat({"a": study, "b": other})
    coverage = qlr.evidence.case_wave_coverage(pooled, pooled.codebooks["chart"]).set_index("case_id")["coverage"].to_dict()
    assert pooled.meta["charted_cases"]["chart"]["a:fg"] == ["a:P01"]
    assert coverage == {"a:P01": "coded", "a:P02": "not coded", "a:P03": "not coded", "b:P01": "coded", "b:P02": "not coded", "b:P03": "not coded"}
