"""Codebooks kept as tables (.csv, .tsv, .xlsx): the layouts real codebooks use, read into Codebooks.

Each input is written here in the layout of a real file (named in the test), in words of our own.
"""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.errors import CodebookError, QlrWarning

from .conftest import write
from .test_refi_export import TAGUETTE, TAGUETTE_CODEBOOK, _taguette_python


def _xlsx(path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def _read(path: Path) -> tuple[qlr.Codebook, str]:
    """The codebook and the text of every warning reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codebook = qlr.read_codebook(path)
    return codebook, " | ".join(str(w.message) for w in caught if issubclass(w.category, QlrWarning))


def _tree(codebook: qlr.Codebook) -> dict[str, tuple[str, str | None]]:
    return {code.name: (code.kind, codebook[code.parent].name if code.parent else None) for code in codebook}


def test_taguettes_codebook_csv_is_one_flat_code_per_tag(tmp_path):
    # navarral/swj2022-usability-paper data/transcripts/thematic-analysis/codebooks/codebook_20220303_8.csv:
    # Taguette 1.5's "Export codebook" CSV: tag,description,number of highlights; a description over several lines.
    book = write(
        tmp_path / "codebook.csv",
        'tag,description,number of highlights\r\n'
        'Helper steps in,"The helper takes over when the person is stuck.",12\r\n'
        'Wish list,"Add a calendar.\nAdd reminders.\nShow the history.",30\r\n'
        'Coping::denial,,4\r\n'
        'Coping,Ways of getting through,0\r\n',
    )
    codebook, said = _read(book)
    assert [c.name for c in codebook] == ["Helper steps in", "Wish list", "Coping::denial", "Coping"]
    assert {c.parent for c in codebook} == {None} and not codebook.themes  # Taguette's tags are flat, as its .qdc is read
    assert codebook["wish_list"].definition == "Add a calendar.\nAdd reminders.\nShow the history."
    assert codebook["coping_denial"].definition is None and codebook.name == "codebook"
    assert "counts from the QDA project, not read" in said and "'number of highlights'" in said


def test_a_macqueen_codebook_under_a_merged_title_reads_every_field(tmp_path):
    # JA0839/Qualitative-Data-Analysis-MAXQDA- Codebook.xlsx: a title merged over A1:G2, then
    # Code | Code Type | Brief Definition | Full Definition | When to Use | When NOT to Use | Example Quotations.
    rows = [
        ["CARER STUDY: CODEBOOK", None, None, None, None, None, None],
        [None] * 7,
        ["Code", "Code Type", "Brief Definition", "Full Definition", "When to Use", "When NOT to Use", "Example Quotations"],
        ["Asking for help", "A priori", "Asking others", "Any request for practical help.", "A request is made", "Help is only offered", '"Could you take her on Tuesday?"'],
        ["Feeling a burden", "Emergent", "Worry about weighing on others", None, "Guilt at needing help", None, None],
        [None, None, None, None, None, None, '"I hate to keep asking."'],
    ]
    book = _xlsx(tmp_path / "Codebook.xlsx", {"Sheet1": rows}, {"Sheet1": ["A1:G2"]})
    codebook, said = _read(book)
    assert codebook.name == "CARER STUDY: CODEBOOK" and codebook.id == "codebook"
    help_ = codebook["asking_for_help"]
    assert help_.definition == "Asking others\n\nAny request for practical help."  # brief then full, both kept
    assert (help_.include, help_.exclude, help_.examples) == ("A request is made", "Help is only offered", ('"Could you take her on Tuesday?"',))
    assert help_.memo == "Code Type: A priori"
    # A row with no code name continues the code above it (an example on a row of its own).
    assert codebook["feeling_a_burden"].examples == ('"I hate to keep asking."',)
    assert "kept in each code's memo" in said and "'Code Type'" in said
    assert not help_.indicators  # no indicators column: a manual codebook, as a .qdc is


def test_theme_subtheme_code_columns_with_merged_cells_give_the_tree(tmp_path):
    # MalRadar/LCNCInterview codebook.xlsx: Theme | Subtheme | codes | Example Quote, themes and subthemes
    # merged down their rows, a subtheme with no codes whose quote is its own, codes starting with a newline.
    rows = [
        ["Theme", "Subtheme", "codes", "Example Quote"],
        ["Motivation", "Inspired by games", "\nLearning made into a game", '"I played quiz games as a kid"'],
        [None, None, "Making for fun", '"I just wanted to build something"'],
        [None, "Solving a real problem", "A course project", '"The professor asked us to"'],
        ["First steps", "No experience before", None, '"None at all."'],
        [None, "Low learning cost", "Quick to pick up", '"It took an afternoon"'],
    ]
    book = _xlsx(tmp_path / "codebook.xlsx", {"Sheet1": rows}, {"Sheet1": ["A2:A4", "B2:B3"]})
    codebook, said = _read(book)
    assert _tree(codebook) == {
        "Motivation": ("theme", None),
        "First steps": ("theme", None),
        "Inspired by games": ("code", "Motivation"),
        "Learning made into a game": ("code", "Inspired by games"),
        "Making for fun": ("code", "Inspired by games"),
        "Solving a real problem": ("code", "Motivation"),
        "A course project": ("code", "Solving a real problem"),
        "No experience before": ("code", "First steps"),
        "Low learning cost": ("code", "First steps"),
        "Quick to pick up": ("code", "Low learning cost"),
    }
    assert codebook["motivation.inspired_by_games.learning_made_into_a_game"].examples == ('"I played quiz games as a kid"',)
    assert codebook["first_steps.no_experience_before"].examples == ('"None at all."',)  # the subtheme's own quote
    assert said == ""


def test_a_description_column_belongs_to_the_name_column_on_its_left(tmp_path):
    # Jin-002/Understanding-User-Privacy-Perceptions-of-GenAI-Smartphones codebook.xlsx:
    # Theme | Category | Low-level Category | Description | Code | Description, and a quote in a column with no header.
    rows = [
        ["Theme", "Category", "Low-level Category", "Description", "Code", "Description", None],
        ["RQ1 Perceptions", "Sources", "Level of understanding", "How well users understand it", "No understanding", "Cannot define it", None],
        [None, None, None, None, "Deep understanding", "Can explain the parts", '"I read the spec"'],
        [None, "Risks of inference", None, "The model's reasoning is hidden", "Hallucinations", "False output", None],
    ]
    book = _xlsx(tmp_path / "codebook.xlsx", {"Sheet1": rows})
    codebook, said = _read(book)
    level = codebook["rq1_perceptions.sources.level_of_understanding"]
    assert level.definition == "How well users understand it"
    assert codebook["rq1_perceptions.sources.level_of_understanding.no_understanding"].definition == "Cannot define it"
    assert codebook["rq1_perceptions.sources.level_of_understanding.deep_understanding"].memo == 'column G: "I read the spec"'
    # No low-level category on the row: its description is the category's.
    assert codebook["rq1_perceptions.risks_of_inference"].definition == "The model's reasoning is hidden"
    assert codebook["rq1_perceptions.risks_of_inference.hallucinations"].parent == "rq1_perceptions.risks_of_inference"
    assert "'column G'" in said


def test_a_workbook_of_many_sheets_reads_the_codebook_sheet_and_says_which_were_not(tmp_path):
    # PurdueDualityLab/USENIX-26-Johnny-Usability-Study codebook.xlsx: ten sheets, "Codebook" first, with
    # Theme | Topic | (no header) | Code | Definition | (empty) | Examples, empty rows, and a second small
    # table further down the same sheet under its own header.
    codebook_sheet = [
        ["Theme", "Topic", None, "Code", "Definition", None, "Associated Memo Examples"],
        [None] * 7,
        [None, "Background", None, "Years of experience", "How long they have worked", None, "P3: twelve years"],
        [None, None, "GPG", "Open source work", "Contributions to open source", None, None],
        ["Tools", "Signing tool", None, "Criticisms", "What they dislike", None, None],
        [None] * 7,
        [None, "Factor", "Subfactor", "Definition", None, None, None],
        [None, "Technical", "Ease of use", "Simple workflows", None, None, None],
    ]
    sheets = {"Codebook": codebook_sheet, "Rater A": [["MEMO", "QUOTATION", "PRIMARY CATEGORY"], ["m", "q", "Criticisms"]], "Empty": []}
    book = _xlsx(tmp_path / "codebook.xlsx", sheets)
    codebook, said = _read(book)
    assert _tree(codebook) == {
        "Background": ("theme", None),
        "Tools": ("theme", None),
        "Years of experience": ("code", "Background"),
        "Open source work": ("code", "Background"),
        "Signing tool": ("code", "Tools"),
        "Criticisms": ("code", "Signing tool"),
    }
    assert codebook["background.years_of_experience"].examples == ("P3: twelve years",)
    assert codebook["background.open_source_work"].memo == "column C: GPG"
    assert "the sheet 'Codebook' was read; 1 other sheet(s) holding data were not: 'Rater A'" in said
    assert "rows 7-8 start with a header of their own ('Factor', 'Subfactor', 'Definition')" in said


def test_a_code_column_of_ids_beside_a_label_column_and_a_column_of_parent_ids(tmp_path):
    # Anonymous-Researcher-HICSS/AI-Leadership Codebook.xlsx: Code (GD1, GD1.1…) | Code Label | Demand (the
    # parent's code) | Category Definition | Coding Rule | Typical Indicators / Examples, with section rows.
    rows = [
        ["CODEBOOK", None, None, None, None, None],
        ["Code", "Code Label", "Demand", "Category Definition", "Coding Rule", "Typical Indicators / Examples"],
        ["Layer 1: Care demands", None, None, None, None, None],
        ["CD1", "Practical help", None, None, None, None],
        ["CD1.1", "Lifts and errands", "CD1", "Getting somewhere", "Code when a trip is arranged", '"drove me to the clinic"'],
        ["CD1.2", "Meals", "CD1", "Food brought or cooked", "Code when food is given", None],
        ["CD2", "Emotional support", None, None, None, None],
        ["CD2.1", "Listening", "CD2", "Someone hears them out", None, None],
        ["X.x", "Emergent code", "Any demand", "A new pattern", None, None],
    ]
    codebook, said = _read(_xlsx(tmp_path / "Codebook.xlsx", {"Codebook": rows}))
    assert [(c.id, c.name, c.kind, c.parent) for c in codebook] == [
        ("CD1", "Practical help", "theme", None),
        ("CD2", "Emotional support", "theme", None),
        ("CD1.1", "Lifts and errands", "code", "CD1"),
        ("CD1.2", "Meals", "code", "CD1"),
        ("CD2.1", "Listening", "code", "CD2"),
        ("X.x", "Emergent code", "code", None),
    ]
    # "Typical Indicators / Examples" names indicators: its phrases are rule phrases (new-user trial 33, finding 12).
    assert codebook["CD1.1"].include == "Code when a trip is arranged" and [i.phrase for i in codebook["CD1.1"].indicators] == ["drove me to the clinic"]
    assert codebook["X.x"].memo == "Demand: Any demand"  # not a code's id: kept, not made a parent
    assert "the column 'Demand' was read as each code's parent" in said
    assert "cells with no code on their row or above it, not read: row 3 (Code)" in said


def test_a_parent_column_paths_in_names_and_a_parent_no_row_names(tmp_path):
    book = write(
        tmp_path / "codes.csv",
        "Code,Parent,Definition\n"
        "Support,,Help given\n"
        "Peer support,Support,From others in the same place\n"
        "Family support,support,From relatives\n"  # the parent in another case
        "Isolation,Barriers,Being cut off\n"  # no row names Barriers: it is made
        "Money > Debt,,Owing money\n",
    )
    codebook, said = _read(book)
    assert _tree(codebook) == {
        "Support": ("theme", None),
        "Barriers": ("theme", None),
        "Money": ("theme", None),
        "Peer support": ("code", "Support"),
        "Family support": ("code", "Support"),
        "Isolation": ("code", "Barriers"),
        "Debt": ("code", "Money"),
    }
    assert codebook["money.debt"].definition == "Owing money"
    assert "'Barriers'" in said and "'Money'" in said and "split at ' > '" in said


@pytest.mark.parametrize("separator", ["\\", "::"])
def test_a_path_written_in_the_name_makes_the_tree(tmp_path, separator):
    # QualCoder and NVivo write a code under its category as "Category\\Code"; ATLAS.ti as "Category::Code".
    book = write(tmp_path / "codes.tsv", f"Name\tDescription\nWork\tPaid work\nWork{separator}Shifts\tHours\nWork{separator}Pay\t\n")
    codebook, said = _read(book)
    assert [(c.id, c.parent) for c in codebook] == [("work", None), ("work.shifts", "work"), ("work.pay", "work")]
    assert codebook["work"].definition == "Paid work" and codebook["work"].kind == "theme"
    assert f"split at {separator!r}" in said


def test_a_level_column_and_an_outline_number_give_the_depth(tmp_path):
    by_level = write(tmp_path / "levels.csv", "Level,Code\n1,Care\n2,Giving care\n3,Daily tasks\n2,Receiving care\n1,Work\n")
    codebook, _ = _read(by_level)
    assert _tree(codebook) == {"Care": ("theme", None), "Work": ("code", None), "Giving care": ("code", "Care"), "Daily tasks": ("code", "Giving care"), "Receiving care": ("code", "Care")}
    # d4julian/qualitative-coding-research codebook.csv numbers its rows 1, 1.1, 1.1.1 (its name column is not one qlr knows).
    by_number = write(tmp_path / "outline.csv", "Number,Code,Description\n1,Care,\n1.1,Giving care,\n1.1.1,Daily tasks,Washing\n1.2,Receiving care,\n2,Work,\n")
    assert _tree(_read(by_number)[0]) == _tree(codebook)


def test_semicolon_csv_indicators_and_a_colour(tmp_path):
    # Excel in a comma-decimal locale saves "CSV" with semicolons.
    book = write(tmp_path / "codes.csv", "Code;Definition;Keywords;Colour\nReciprocity;Giving back;\"give back; help each other\";#1F77B4\nTrust;Feeling safe;trust;red\n".encode("cp1252"))
    codebook, said = _read(book)
    assert [i.phrase for i in codebook["reciprocity"].indicators] == ["give back", "help each other"]
    assert codebook.colour_of("reciprocity") == "#1F77B4" and codebook.colour_of("trust") is None and "colours that are not #RRGGBB, left out: 'Trust' ('red')" in said


def test_indicators_separated_by_commas_when_no_semicolon_or_line(tmp_path):
    book = write(tmp_path / "codes.csv", 'Code,Indicators\nReciprocity,"give back, help each other"\nLoss,"lost my job\nno income"\n')
    codebook, _ = _read(book)
    assert [i.phrase for i in codebook["reciprocity"].indicators] == ["give back", "help each other"]
    assert [i.phrase for i in codebook["loss"].indicators] == ["lost my job", "no income"]


def test_duplicate_names_are_one_code_and_names_giving_one_id_are_two(tmp_path):
    book = write(tmp_path / "codes.csv", "Code,Definition\nTrust,Feeling safe\nDoubt,Unsure\nTrust,Relying on others\nTrust!,Said loudly\n")
    codebook, said = _read(book)
    assert [c.id for c in codebook] == ["trust", "doubt", "trust_2"]
    assert codebook["trust"].definition == "Feeling safe\n\nRelying on others"
    assert "read as one code" in said and "'Trust' (rows 2 and 4)" in said and "'Trust!' → trust_2" in said


def test_a_table_without_a_code_column_is_one_error_naming_its_columns(tmp_path):
    # d4julian/qualitative-coding-research codebook.csv names its codes "Competency".
    book = write(tmp_path / "codebook.csv", "Number,Competency,#,Description\n1,Programming,6,Create\n")
    with pytest.raises(CodebookError) as raised:
        qlr.read_codebook(book)
    text = str(raised.value)
    assert str(book) in text and ":1:" in text
    assert "'Number', 'Competency', '#', 'Description'" in text and "'Code' (or Name, Tag, Node)" in text


def test_bad_tables_are_one_error_each(tmp_path):
    cases = {
        "header.csv": ("Code,Definition\n", "no row below it names a code"),
        "level.csv": ("Level,Code\n1,Care\ntwo,Giving\n", "row 3: the level 'two' is not a whole number"),
        "self.csv": ("Code,Parent\nCare,Care\n", "row 2: the code 'Care' names itself as its parent"),
        "broken.xlsx": (b"PK\x03\x04 not a workbook", "broken.xlsx is not a readable .xlsx workbook"),
        "empty.csv": ("", "no column of this table names the codes"),
    }
    for name, (content, said) in cases.items():
        with pytest.raises(CodebookError, match=said):
            qlr.read_codebook(write(tmp_path / name, content))


def test_a_parent_loop_is_refused_with_its_row(tmp_path):
    with pytest.raises(CodebookError, match="loop back"):
        qlr.read_codebook(write(tmp_path / "loop.csv", "Code,Parent\nA,B\nB,A\n"))


def test_a_table_codebook_codes_a_study_and_without_indicators_is_manual(tmp_path, sample_study):
    ruled = _xlsx(tmp_path / "ruled.xlsx", {"Codes": [["Code", "Definition", "Indicators"], ["Reciprocity", "Giving back", "give back; help each other"], ["Support", "Help", "help"]]})
    coded = sample_study.copy().apply(str(ruled), progress=False)
    mine = coded.codings[coded.codings["codebook"] == "ruled"]
    assert len(mine) > 0 and set(mine["code_id"]) <= {"reciprocity", "support"}
    manual = write(tmp_path / "manual.csv", "Code,Definition\nReciprocity,Giving back\n")
    with pytest.warns(QlrWarning, match=r"codebook 'manual' has no rules"):
        sample_study.copy().apply(str(manual), progress=False)


def test_the_cli_takes_a_table_where_it_takes_a_qdc(tmp_path, capsys):
    from qlr.cli import main

    table = _xlsx(tmp_path / "codebook.xlsx", {"Sheet1": [["Theme", "Code", "Definition"], ["Care", "Giving care", "Doing things for"], [None, "Receiving care", "Having things done"]]})
    assert main(["validate", "--codebook", str(table)]) == 0
    out = capsys.readouterr().out
    assert "codebook" in out and "2 codes" in out
    assert main(["validate", "data/sample", "--codebook", str(table)]) == 0


def test_the_report_of_a_study_takes_a_table_codebook(tmp_path):
    from qlr.cli import main

    table = write(tmp_path / "codebook.csv", "Code,Keywords\nReciprocity,give back; help each other\n")
    assert main(["report", "data/sample", "--codebook", str(table), "--out", str(tmp_path / "report"), "-q"]) == 0
    assert (tmp_path / "report" / "index.html").is_file()


# Taguette's codebook.csv download, made by the script tests/test_refi_export.py runs for its .qdc.
TAGUETTE_CSV = TAGUETTE_CODEBOOK.replace("export.codebook_xml(", "export.codebook_csv(")


@pytest.mark.skipif(not TAGUETTE, reason="set QLR_TAGUETTE to the python of a test-only venv with taguette 1.5 from PyPI")
def test_taguettes_own_codebook_csv_gives_its_tags(tmp_path):
    tags = ["interesting", "Coping::denial", "places\\home", "people, places", 'quoted "tag"']
    out = tmp_path / "codebook.csv"
    assert TAGUETTE_CSV != TAGUETTE_CODEBOOK
    subprocess.run([str(_taguette_python()), "-c", TAGUETTE_CSV, str(tmp_path / "t.sqlite3"), str(out), *tags], check=True, capture_output=True, timeout=300)
    codebook, said = _read(out)
    assert sorted(c.name for c in codebook) == sorted(tags) and {c.parent for c in codebook} == {None}
    assert {c.name: c.definition for c in codebook} == {tag: "tag " + tag for tag in tags}
    assert "'number of highlights', 'number of documents'" in said  # Taguette 1.5.2 writes both counts


def test_one_name_under_two_parents_in_a_parent_column_is_two_codes(tmp_path):
    # The layout of a hand-kept codebook with a Parent column (review 33, finding 11): a code name
    # ("Delays") used under two themes, the child rows before and after their parents' rows.
    book = write(
        tmp_path / "codebook.csv",
        "Code,Parent,Definition\n"
        "Obstacles,,What gets in the way\n"
        "Delays,Obstacles,Waiting weeks for a reply\n"
        "Delays,Supports,A pause that gave time to think\n"
        "Supports,,What helps\n"
        "Delays,obstacles,Letters that arrive late\n",
    )
    codebook, said = _read(book)
    codes = {code.id: (code.name, code.parent, code.definition) for code in codebook}
    assert codes == {
        "obstacles": ("Obstacles", None, "What gets in the way"),
        "obstacles.delays": ("Delays", "obstacles", "Waiting weeks for a reply\n\nLetters that arrive late"),
        "supports": ("Supports", None, "What helps"),
        "supports.delays": ("Delays", "supports", "A pause that gave time to think"),
    }
    # Only the name repeated under the same parent (any case) is joined, and said.
    assert "names given on more than one row, read as one code (their texts joined): 'Delays' (rows 3 and 6)" in said


def test_outline_numbers_written_in_the_names_give_the_tree(tmp_path):
    # The layout of a codebook whose Code column carries the outline ("1. Trust", "1.1 Staff"),
    # review 33, finding 13: the numbers nest the codes as an outline column would.
    book = write(
        tmp_path / "codebook.csv",
        "Code Name,Definition\n"
        "1. Belonging,Feeling part of a place\n"
        "1.1 Neighbours,People next door\n"
        "1.2 Clubs,Groups met weekly\n"
        "2. Money,Paying for things\n"
        "2.1 Rent,Housing costs\n",
    )
    codebook, said = _read(book)
    assert {code.id: (code.name, code.parent) for code in codebook} == {
        "belonging": ("Belonging", None),
        "belonging.neighbours": ("Neighbours", "belonging"),
        "belonging.clubs": ("Clubs", "belonging"),
        "money": ("Money", None),
        "money.rent": ("Rent", "money"),
    }
    assert "outline numbers opening the code names, read as the code tree and left out of the names: '1. Belonging'" in said


def test_names_that_merely_start_with_a_number_keep_it(tmp_path):
    # A flat list of names, some opening with a year: no outline (no 1.1), nothing taken from the names.
    book = write(tmp_path / "codebook.csv", "Code,Definition\n2019 reforms,The new rules\n3 children,Large family\n")
    codebook, said = _read(book)
    assert [code.name for code in codebook] == ["2019 reforms", "3 children"]
    assert "outline numbers" not in said


def test_atlas_group_prefix_in_a_code_name_stays_part_of_the_name(tmp_path):
    # ATLAS.ti's code manager exported as CSV (Name, Comment, Groups, Grounded…): "Group: code" is
    # the name ATLAS.ti gives, and its coding reports give the same whole name, so the codes match.
    book = write(tmp_path / "codebook.csv", "Name,Comment,Groups,Grounded\nSupport: Kin,help from family,Support,4\nCost,money,,2\n")
    codebook, _ = _read(book)
    assert [code.name for code in codebook] == ["Support: Kin", "Cost"]


def test_a_column_of_indicators_and_examples_gives_rule_phrases_and_says_so(tmp_path):
    # The layout of hicss.xlsx in the new-user trial (a "Typical Indicators / Examples" column of
    # phrases, one cell per code), in words of our own.
    book = write(
        tmp_path / "codebook.csv",
        "Code,Description,Typical Indicators / Examples\n"
        "Planning ahead,Setting goals,make a plan; set a target; write it down\n"
        "Asking for help,Reaching out,ask a friend; call the helpline\n",
    )
    codebook, said = _read(book)
    assert [i.phrase for i in codebook["planning_ahead"].indicators] == ["make a plan", "set a target", "write it down"]
    assert [i.phrase for i in codebook["asking_for_help"].indicators] == ["ask a friend", "call the helpline"]
    assert not codebook["planning_ahead"].examples
    assert "columns naming indicators and examples, read as indicators" in said and "'Typical Indicators / Examples'" in said


def test_a_parent_given_as_a_path_is_the_code_its_names_lead_to(tmp_path):
    # A Parent column naming the second of two same-named codes by its path, as NVivo writes
    # node paths (Supports\Delays): the child goes under that code, and no copy of it is made.
    book = write(
        tmp_path / "codebook.csv",
        "Code,Parent,Definition\n"
        "Obstacles,,What gets in the way\n"
        "Supports,,What helps\n"
        "Delays,Obstacles,Waiting weeks\n"
        "Delays,Supports,A pause to think\n"
        "Time to decide,Supports\\Delays,Choosing slowly\n"
        "Missed letters,Obstacles > Delays,Post that came late\n"
        "Long waits,Delays,Weeks without news\n",
    )
    codebook, said = _read(book)
    assert {code.id: code.parent for code in codebook} == {
        "obstacles": None,
        "supports": None,
        "obstacles.delays": "obstacles",
        "supports.delays": "supports",
        "supports.delays.time_to_decide": "supports.delays",
        "obstacles.delays.missed_letters": "obstacles.delays",
        "obstacles.delays.long_waits": "obstacles.delays",
    }
    assert "made themes/codes of their own" not in said and "given ids of their own" not in said
    # A bare name two codes share goes under the first of them, and the row is named.
    assert "parents named by a name two codes share, read as the first of them (write the parent's path, Parent\\Code, to choose): row 8 ('Delays')" in said
