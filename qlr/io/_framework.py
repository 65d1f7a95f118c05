"""A Framework analyst's charts as codings rows and summaries: cases × sub-themes, a cell per case's summary.

The Framework method (Ritchie and Spencer; NatCen) charts each theme as a matrix: a row per case, a column
per sub-theme (numbered 1.1, 1.2 …), each cell the analyst's summary of what the case said, with verbatim
words in quotation marks and a page or line reference. In a longitudinal study time is a third dimension:
a workbook or a sheet per wave, or the waves side by side under merged headers over the sub-themes; a
"change summary" column says how the case moved across them.

This module decides only what a chart says: which cells are whose, at which wave, under which theme and
sub-theme, and which of their words are quoted. Each quote of three words or more becomes a codings row
(``case_id``, ``wave_id``, ``quote``, ``code_id`` ``Theme\\Sub-theme``) that
:func:`qlr.io._build._read_codings` places in the case's document at that wave as it places any quote;
every non-empty cell is also a summary, kept whole as a memo, so a paraphrase, a reference and a quote the
transcript does not hold are never lost.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path

import pandas as pd

from .._decode import decode_bytes, table_delimiter, workbook_size_checked
from .._warned import warn
from ..errors import ManifestError, RowsRefusedWarning
from ._coding_reports import ToolRows
from ._sections import _WAVE_IN_NAME

__all__: list[str] = []

#: The name :class:`ToolRows` gives a framework chart's layout.
FRAMEWORK = "framework chart"

#: A case column's heading (lower case, punctuation as spaces).
_CASE_WORDS = frozenset(
    {"case", "case id", "case no", "case number", "case ref", "participant", "participant id", "participant no", "participant number",
     "respondent", "respondent id", "respondent no", "interviewee", "id", "serial", "serial no", "ref", "family", "family id",
     "household", "household id", "person", "person id"}
)
#: A column naming the case again (the pseudonym beside its id): no sub-theme.
_NAME_WORDS = frozenset({"name", "pseudonym", "label", "alias", "participant name", "first name"})
#: A column giving each row's wave (a chart of all waves with a row per case and wave).
_WAVE_WORDS = frozenset({"wave", "round", "time point", "timepoint", "sweep", "phase", "interview", "wave id"})
#: A wave word that heads other columns too: an "Interview" column may give the interview's date or interviewer.
_MAYBE_WAVE = frozenset({"interview"})
#: Headings of a table of codings, never of a chart: such a table with other columns wrong is no chart.
_CODINGS_WORDS = frozenset(
    {"quote", "quotation", "excerpt", "coded text", "coded segment", "segment", "coder", "code", "codes", "code id", "code name", "doc id",
     "document", "start", "end", "node", "nodes"}
)
#: A column summing a case up rather than charting a sub-theme: its cells are summaries, never codings.
_SUMMARY = re.compile(r"(?i)\b(?:summary|summaries|pen portrait|profile|overview|change|changes|comments?|notes?)\b")
#: A numbered sub-theme's heading: "1.1 Trust", "2.3. Barriers".
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s")
#: Double quotation marks: straight, or curly opening and closing ones (a single quote is an apostrophe too often).
_OPENING, _CLOSING, _STRAIGHT = "“„", "”", '"'
#: A quote of fewer words is a word the analyst borrowed ("brilliant"), kept in the summary, not placed.
MIN_QUOTE_WORDS = 3
#: Wave words that number no wave ("Year 2" of a school, "Month 6" after).
_NOT_WAVES = frozenset({"year", "week", "wk", "month", "session", "interview", "visit"})
#: The characteristics of a person a chart's column may give as the case's attribute, the one list ("Age", "Gender",
#: "Date of birth"): a column naming none of them ("Living situation", "Key events") is the analyst's, kept as memos.
_OF_THE_PERSON = re.compile(
    r"^(?:age|age group|age band|gender|sex|ethnicity|ethnic group|ethnic origin|date of birth|dob|d o b|year of birth"
    r"|occupation|nationality|religion|marital status)(?: years| yrs)?$"
)
#: A column whose cells may date the interview: its heading names the interview's date ("Date of interview", "Interview
#: date", "Interviewed", "Date" alone, an "Interview" column of dates), never another date ("Date of birth", "Date referred").
_DATING = re.compile(
    r"^(?:dates?|dated|when|interview|interviewed|interview dates?|interview day|interviewed on|dates? of (?:the )?interviews?|date interviewed"
    r"|day of interview)$"
)
#: How many rows above a chart's heading row may hold titles and merged headers.
_TOP_ROWS = 8


def _heading(value: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", value.lower()).split())


def wave_said(text: str) -> str | None:
    """The wave a chart's title, header, sheet or file name says, as written ("Wave 1", "W2"), or None.

    Examples
    --------
    >>> [wave_said(t) for t in ("Theme 1 Getting support - Wave 1", "framework_W2", "T3", "Year 2", "1.1 Trust")]
    ['Wave 1', 'W2', 'T3', None, None]
    """
    for found in _WAVE_IN_NAME.finditer(text):
        if found.group(1).lower() not in _NOT_WAVES:
            return found.group(0)
    return None


def _sheets(path: Path, *, formulas: bool = False) -> list[tuple[str, list[list[str]], set[tuple[int, int]], list[str]]]:
    """Each sheet of a workbook (or the one table of a CSV): (its name, its grid of strings, the cells a merged cell
    covers beside its first, which hold its value too, and the cells holding a formula with no saved value).

    The formulas are looked for only when asked (``formulas``): openpyxl reads a formula's value as Excel last
    saved it, and a workbook written by a program other than Excel may have saved none.
    """
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        workbook_size_checked(path, ManifestError, line=1)
        stat = path.stat()
        book = _values_book(str(path), stat.st_mtime_ns, stat.st_size)
        written = load_workbook(path) if formulas else None
        sheets = []
        for sheet in book.worksheets:
            values = list(sheet.iter_rows(values_only=True))
            grid = [["" if value is None else str(value).strip() for value in row] for row in values]
            spread: set[tuple[int, int]] = set()
            for merged in sheet.merged_cells.ranges:
                value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
                for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                    for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                        grid[r][c] = value
                        if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                            spread.add((r, c))
            unsaved = []
            if written is not None:
                for row in written[sheet.title].iter_rows():
                    for cell in row:
                        saved = values[cell.row - 1] if cell.row <= len(values) else ()
                        if cell.data_type == "f" and (saved[cell.column - 1] if cell.column <= len(saved) else None) is None:
                            unsaved.append(f"{sheet.title}!{cell.coordinate}")
            sheets.append((sheet.title, grid, spread, unsaved))
        return sheets
    text, _ = decode_bytes(path.read_bytes(), path)
    rows = list(csv.reader(io.StringIO(text), delimiter=table_delimiter(text, path.suffix)))
    return [(path.stem, [[cell.strip() for cell in row] for row in rows], set(), [])]


@functools.lru_cache(maxsize=2)
def _values_book(path: str, mtime_ns: int, size: int):  # noqa: ANN202 - openpyxl's Workbook, imported lazily
    """A workbook's saved values, read once while the file is unchanged: a chart is asked whether it is one, then read."""
    from openpyxl import load_workbook

    return load_workbook(path, data_only=True)


def _heading_rows(grid: list[list[str]]) -> tuple[int, int, int] | None:
    """Where a chart's headings are: (the row naming the case column, the last heading row, the case column).

    A header may take several rows (waves merged over their sub-themes, the sub-themes under them): the rows
    after the one naming the case column whose case cell is empty are headings too, down to the last that
    numbers a sub-theme where one does; rows under it describe the sub-themes (:func:`_descriptions`).
    """
    for number, row in enumerate(grid[:_TOP_ROWS]):
        headings = [_heading(cell) for cell in row]
        case_column = next((n for n, h in enumerate(headings) if h in _CASE_WORDS), None)
        if case_column is None or sum(1 for h in headings if h) < 2:
            continue
        last = number
        while last + 1 < len(grid) and last + 1 < _TOP_ROWS and any(grid[last + 1]) and not (case_column < len(grid[last + 1]) and grid[last + 1][case_column]):
            last += 1
        # Rows under the numbered sub-themes ("1.1 Referral") describe them: headings end at the last numbered row.
        numbered = [r for r in range(number, last + 1) if any(_NUMBERED.match(cell) for cell in grid[r])]
        return number, numbered[-1] if numbered else last, case_column
    return None


def is_framework_chart(path: Path, *, numbered: bool = False) -> bool:
    """Whether a codings file is a framework chart: a sheet headed by a case column beside columns of summaries.

    Asked of a ``codings:`` file that is neither qlr's codings table nor a QDA tool's export; with
    ``numbered``, of a folder's spreadsheet, which must also number its sub-themes as a framework does ("1.1
    Trust"), so that a data list or a survey export (a case column and notes) is no chart.
    """
    try:
        sheets = _sheets(path)
    except (OSError, ValueError, KeyError, ManifestError):
        return False
    for _, grid, _, _ in sheets:
        found = _heading_rows(grid)
        if found is not None and _CODINGS_WORDS & {_heading(cell) for row in grid[found[0] : found[1] + 1] for cell in row}:
            return False  # a codings table with its columns misnamed ("case, quote, code, coder"): its error says which
        if found is None or (numbered and not any(_NUMBERED.match(cell) for row in grid[found[0] : found[1] + 1] for cell in row)):
            continue
        if any(len(cell.split()) >= MIN_QUOTE_WORDS for row in grid[found[1] + 1 :] for cell in row):
            return True
    return False


#: The spreadsheets a framework chart may be.
CHART_SUFFIXES = (".xlsx", ".xlsm")


def framework_charts(root: Path, files: list[Path]) -> list[str]:
    """Which of a folder's files (none read as a document) are framework charts, as paths from ``root``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> framework_charts(Path(tempfile.mkdtemp()), [])
    []
    """
    return [
        path.relative_to(root).as_posix() for path in files if path.suffix.lower() in CHART_SUFFIXES and path.is_file() and is_framework_chart(path, numbered=True)
    ]


def framework_rows(path: Path) -> ToolRows:
    """The quotes of a framework chart as codings rows, and every cell as a summary (``ToolRows.summaries``).

    A row's ``case_id`` and ``wave_id`` are as the chart writes them ("P01", "Wave 1"); the study's reading of
    them, and the document at that case and wave, are :func:`qlr.io._build._read_codings`'s. The wave of a cell
    is its row's wave column (an "Interview" column's only where it names a wave, :func:`_row_wave`), else the header above its column (waves side by side under merged headers),
    else the sheet's name, else a title above the chart, else the file's name. Where a sheet numbers its
    sub-themes ("1.1 Trust"), its columns that number none ("Age", "Interviewer") are about the case: their
    cells are summaries, as a change summary's are, never codes. The cells of such a column naming a characteristic
    of the person ("Age", "Gender", "Date of birth": ``_OF_THE_PERSON``) are offered as the case's attribute
    (``ToolRows.attributes``), which it becomes only where it holds one value per case over every chart of the study
    (:func:`qlr.io._build._chart_attributes`), else they are memos. A cell of a column whose heading names the
    interview's date ("Date of interview", "Interview date", "Date", an "Interview" column whose value names no wave;
    never "Date of birth" or "Date referred") is kept as a summary and offered as the interview's date (``ToolRows.dates``).
    """
    rows: list[dict[str, object]] = []
    summaries: list[dict[str, str]] = []
    notes: list[str] = []
    columns: list[str] = []
    definitions: dict[str, str] = {}
    case_waves: set[tuple[str, str]] = set()  # (case, wave) of each row under a sub-theme, as the chart writes them
    short = 0
    file_wave = wave_said(path.stem)
    charted = 0
    merged = 0
    unsaved: list[str] = []
    about: list[str] = []  # columns of a numbered chart that number no sub-theme
    dates: list[dict[str, str]] = []  # cells that may date the case's interview at the row's wave
    attributes: list[dict[str, str]] = []  # the cells of each column naming a characteristic of the person
    dating_columns: list[str] = []  # columns beside the sub-themes that date the interviews
    for name, grid, spread, formulas in _sheets(path, formulas=True):
        unsaved.extend(formulas)
        found = _heading_rows(grid)
        if found is None:
            if any(cell for row in grid for cell in row):
                notes.append(f"{path.name}: sheet {name!r} has no row of headings with a case column (Case, Case ID, Participant …) and is not read")
            continue
        charted += 1
        first, top, case_column = found
        width = max(len(row) for row in grid[: top + 1])
        # Each column's heading: the last heading row's cell, else the nearest one above it in the header.
        headings = [next((grid[r][c] for r in range(top, first - 1, -1) if c < len(grid[r]) and grid[r][c]), "") for c in range(width)]
        lowered = [_heading(cell) for cell in headings]
        described = _descriptions(grid, top, case_column)
        numbered = any(_NUMBERED.match(heading) for heading in headings)
        wave_column = next((n for n, h in enumerate(lowered) if h in _WAVE_WORDS and n != case_column), None)
        sheet_wave = wave_said(name)
        title_wave = next((w for row in grid[:first] for cell in row if cell and (w := wave_said(cell))), None)
        # A title naming no wave ("Theme 2: Having a say") is the theme of a sheet named for its wave.
        title = next((cell for row in grid[:first] for cell in row if cell and not wave_said(cell)), None)
        for column, heading in enumerate(headings):
            # An "Interview" column gives a row's wave where its value names one; its other values (a date, initials) are kept.
            interview_column = column == wave_column and lowered[column] in _MAYBE_WAVE
            if (column == case_column or column == wave_column and not interview_column) or lowered[column] in _NAME_WORDS or lowered[column] in _CASE_WORDS or not heading:
                continue
            above = list(dict.fromkeys(grid[r][column] for r in range(top) if column < len(grid[r]) and grid[r][column] and grid[r][column] != heading))
            # A header above only this column's group (waves side by side) names its wave; a title over all, the sheet's.
            column_wave = next((w for cell in above if (w := wave_said(cell)) and _spans_part(grid, top, cell)), None)
            groups = [cell for cell in above if _spans_part(grid, top, cell) and not (wave_said(cell) and len(cell.split()) <= 3)]
            # The theme: the sheet's name (a chart per theme), or the group over the column where the sheet is a wave's.
            theme = (groups[-1] if groups else title) if sheet_wave else name
            code = "\\".join(part for part in (theme, heading) if part)
            # Where the sheet numbers its sub-themes, a column it does not number ("Age", "Interviewer") is about the case.
            is_summary = interview_column or not _NUMBERED.match(heading) and (numbered or bool(_SUMMARY.search(heading)))
            # A column about the person ("Age", "Gender"), not the interview: a case attribute where it holds one value per case.
            # Whether it becomes one is decided over every chart of the study (qlr.io._build._chart_attributes).
            personal = is_summary and numbered and not interview_column and bool(_OF_THE_PERSON.match(lowered[column]))
            # "Date of interview W1": a dating column of one wave's interviews, the wave in its heading.
            heading_wave = wave_said(heading)
            dating = is_summary and bool(_DATING.match(_heading(heading.replace(heading_wave, " ")) if heading_wave else lowered[column]))
            if is_summary and not _SUMMARY.search(heading) and not interview_column:
                (dating_columns if dating else [] if personal else about).append(heading)
            if not is_summary:
                columns.append(code)
                if described.get(column):
                    definitions.setdefault(code, described[column])
            for number, row in enumerate(grid[top + 1 :], start=top + 2):
                if case_column >= len(row) or not row[case_column]:
                    continue
                case = row[case_column]
                wave = (_row_wave(row[wave_column], lowered[wave_column]) if wave_column is not None and wave_column < len(row) else None) or column_wave or sheet_wave or title_wave or file_wave
                if not is_summary:
                    case_waves.add((case, wave or ""))  # the case charted at that wave, though its cell be empty
                if column >= len(row) or not row[column] or interview_column and _row_wave(row[column], lowered[column]):
                    continue
                if (number - 1, column) in spread:
                    merged += 1  # a summary merged across sub-themes is its first column's: coded once, kept once
                    continue
                text = row[column]
                label = f"{name}!{_cell_name(column, number)} ({case}{', ' + wave if wave else ''}, {heading})"
                summaries.append({"case": case, "wave": wave or "", "code": "" if is_summary else code, "heading": code, "text": text, "label": label, "column": heading})
                if personal:
                    attributes.append({"case": case, "wave": wave or "", "name": _attribute_name(heading), "heading": heading, "value": text, "label": label})
                if dating:
                    dates.append({"case": case, "wave": (heading_wave if heading_wave and not interview_column else wave) or "", "text": text, "label": label})
                if is_summary:
                    continue
                for quoted in quoted_in(text):
                    quote = quoted.strip().strip(".,;: ")
                    if len(quote.split()) < MIN_QUOTE_WORDS:
                        short += 1
                        continue
                    rows.append({"doc_id": "", "case_id": case, "wave_id": wave or "", "quote": quote, "code_id": code, "_line": number, "_label": label})
    if not charted:
        raise ManifestError(
            "a framework chart needs a row of headings with a case column (Case, Case ID, Participant …) above its rows; no sheet has one",
            path=path,
            line=1,
            hint="head the first column 'Case' (or give a codings table: doc_id,quote,code_id,coder)",
        )
    if unsaved:
        warn(
            f"{path}: {len(unsaved)} cell(s) hold a formula with no saved value and are read as empty: {', '.join(unsaved[:8])}"
            + (f" and {len(unsaved) - 8} more" if len(unsaved) > 8 else "")
            + ". Open and save the workbook in Excel (which saves each formula's value), or type the words in",
            RowsRefusedWarning,
        )
    if about:
        said = list(dict.fromkeys(about))
        notes.append(
            f"{path.name}: {len(said)} column(s) beside the numbered sub-themes are about the case, not sub-themes: "
            f"{', '.join(repr(h) for h in said[:8])}{' …' if len(said) > 8 else ''}; their cells are kept as memos, not coded"
        )
    if dating_columns:
        said = list(dict.fromkeys(dating_columns))
        notes.append(
            f"{path.name}: {len(said)} column(s) beside the numbered sub-themes give the interview's date and date the case's interview at that wave "
            f"where the study has none: {', '.join(repr(h) for h in said[:8])}{' …' if len(said) > 8 else ''}; their cells are kept as memos too"
        )
    if merged:
        notes.append(f"{path.name}: {merged} cell(s) merged across sub-themes are read under their first column only")
    if short:
        notes.append(f"{path.name}: {short} quoted word(s) of fewer than {MIN_QUOTE_WORDS} words are kept in their cells' summaries, not placed as codings")
    table = pd.DataFrame(rows, columns=["doc_id", "case_id", "wave_id", "quote", "code_id", "_line", "_label"])
    return ToolRows(
        table, FRAMEWORK, notes=notes, summaries=summaries, columns=list(dict.fromkeys(columns)), definitions=definitions, charted=sorted(case_waves),
        dates=dates, attributes=attributes,
    )


def quoted_in(text: str) -> list[str]:
    """The words a chart's cell puts in double quotation marks, outermost pairs only: a quote that quotes someone
    keeps their words in its own quotation marks.

    A straight mark opens a quote where a word follows it and none comes right before it, and closes one where a
    word comes right before it and none follows; one between two letters (``5"``, ``a"b``) is neither.

    Examples
    --------
    >>> quoted_in('Leads now: "She said "you can lead the walk" and I did" (p1)')
    ['She said "you can lead the walk" and I did']
    >>> quoted_in('GP referral. “I was not leaving the house” and "a box to tick" (p1)')
    ['I was not leaving the house', 'a box to tick']
    >>> quoted_in('Unclosed: "She said "you can lead the walk" and I did')
    ['you can lead the walk']
    """
    found: list[str] = []
    inner: list[str] = []  # pairs closed inside one still open: the quotes, should the outer mark never close
    opened: list[int] = []
    for at, mark in enumerate(text):
        if mark not in _OPENING + _CLOSING + _STRAIGHT:
            continue
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = mark in _OPENING or mark == _STRAIGHT and not after.isspace() and not before.isalnum()
        closes = mark in _CLOSING or mark == _STRAIGHT and not before.isspace() and not after.isalnum()
        if closes and opened:
            start = opened.pop()
            (inner if opened else found).append(text[start + 1 : at])
            if not opened:
                inner.clear()
        elif opens:
            opened.append(at)
    return found + inner


def _attribute_name(heading: str) -> str:
    """A case attribute's name for a chart's column, as study.yaml would write it.

    Examples
    --------
    >>> [_attribute_name(h) for h in ("Age", "Living situation", "Age (years)")]
    ['age', 'living_situation', 'age_years']
    """
    return _heading(heading).replace(" ", "_")


def _row_wave(value: str, heading: str) -> str | None:
    """A row's wave as its wave column gives it, or None: a column headed "Interview" gives one only where its value
    names a wave ("Wave 2", "W2", "2"), not an interview's date or interviewer's initials.

    Examples
    --------
    >>> [_row_wave(v, h) for v, h in (("Baseline", "wave"), ("W2", "interview"), ("2", "interview"), ("12/03/2021", "interview"), ("AB", "interview"))]
    ['Baseline', 'W2', '2', None, None]
    """
    if not value or heading in _MAYBE_WAVE and not (value.isdigit() or wave_said(value)):
        return None
    return value


def _descriptions(grid: list[list[str]], top: int, case_column: int) -> dict[int, str]:
    """Each column's description of its sub-theme: the rows under the headings whose case cell is empty, joined.

    Examples
    --------
    >>> _descriptions([["Case", "1.1 Referral"], ["", "Who referred them"], ["P01", "GP"]], 0, 0)
    {1: 'Who referred them'}
    """
    described: dict[int, list[str]] = {}
    for row in grid[top + 1 :]:
        if case_column < len(row) and row[case_column] or not any(row):
            break
        for column, cell in enumerate(row):
            if cell and column != case_column:
                described.setdefault(column, []).append(cell)
    return {column: " ".join(cells) for column, cells in described.items()}


def _spans_part(grid: list[list[str]], top: int, cell: str) -> bool:
    """Whether a header above the headings covers only some of the chart's columns (a group's, not the whole title)."""
    width = sum(1 for heading in grid[top] if heading)
    return any(0 < sum(1 for value in row if value == cell) < width for row in grid[:top])


def _cell_name(column: int, row: int) -> str:
    """A spreadsheet's name for a cell: column 2, row 4 is ``C4``."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
