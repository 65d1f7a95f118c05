"""Codebooks kept as tables: a ``.csv``, ``.tsv`` or ``.xlsx`` with a row per code, read into a Codebook.

Researchers keep codebooks in spreadsheets (the Code / Definition / When to use
/ When not to use / Example layout of MacQueen et al.; a Theme | Subtheme | Code
sheet with merged cells), and QDA tools export them as tables (Taguette's
``tag,description,number of highlights``).  This module finds the header row,
decides what each column is, reads the hierarchy and hands the result, in the
layout of :meth:`Codebook.to_dict`, to :meth:`Codebook.from_dict`: a table is
validated where a YAML or ``.qdc`` codebook is.  docs/codebooks.md ("Codebooks
kept as tables") is the user's account of the rules below.

The hierarchy comes from, in this order of preference:

* **level columns** (Theme, Subtheme, Category, Topic… left to right, broad to
  narrow, the code column last): an empty cell is the value above (Excel's
  merged cells read that way), and a new value at one level starts afresh
  every level below it;
* a **parent column** naming each row's parent (by name or path), a row being its
  (parent, name) as a row of level columns is;
* a **level column** of depths (1, 2, 3) or an **outline number** (1, 1.2, 1.2.3),
  also one opening every code name ("1. Trust", "1.1 Staff");
* a **path** in the code's name: ``Parent\\Child``, ``Parent::Child``,
  ``Parent > Child`` (not in Taguette's export, whose tags are flat).

A text column (definition, inclusion, exclusion, example, memo, indicators)
belongs to the nearest name column on its left (Theme | Theme definition |
Code | Definition), or to the code when no name column is on its left.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._decode import decode_bytes, header_row, table_delimiter, workbook_size_checked
from .._names import slug
from .._output import is_hex_colour
from .._warned import warn
from .._words import first_few
from ..errors import CodebookError, QlrWarning

__all__ = ["TABLE_SUFFIXES", "codebook_from_table"]

#: The files read as codebook tables.
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
#: Names listed in one warning before "and N more".
_LISTED = 8

# Header names, as _key() writes them (lower case, words separated by one space), → role.
_NAME = {"code", "codes", "code name", "codename", "name", "tag", "tags", "node", "nodes", "node name", "label", "code label", "code title", "codigo", "kode", "nom du code", "code naam"}
_PARENT = {"parent", "parent code", "parent node", "parent name", "parent theme", "parent category", "parent tag", "belongs to", "child of"}
_DEPTH = {"level", "depth", "hierarchy level", "code level", "ebene", "nivel", "niveau"}
_OUTLINE = {"number", "no", "nr", "code number", "code no", "outline", "numbering", "#", "num"}
_ID = {"id", "code id", "code_id", "identifier"}
# Name headers that say "the name" beside a "Code" column of short ids.
_LABELS = {"name", "label", "code label", "code name", "code title", "node name", "title"}
_TEXT = {
    "definition": {"definition", "definitions", "description", "desc", "code description", "code definition", "brief definition", "short definition", "full definition", "meaning", "explanation", "comment", "comments", "definicion", "descripcion", "beschreibung", "omschrijving", "definitie"},
    "include": {"include", "inclusion", "inclusion criteria", "inclusion criterion", "when to use", "use when", "criteria for inclusion", "applies when", "coding rule", "coding rules", "kodierregel", "kodierregeln", "rule"},
    "exclude": {"exclude", "exclusion", "exclusion criteria", "exclusion criterion", "when not to use", "do not use when", "dont use when", "don t use when", "criteria for exclusion", "does not apply when"},
    "memo": {"memo", "memos", "note", "notes", "remarks"},
    "indicators": {"indicators", "indicator", "keywords", "keyword", "key words", "search terms", "phrases", "terms"},
    "colour": {"colour", "color", "code colour", "code color"},
}
_TEXT_FIELDS = (*_TEXT, "examples")
# Words that make a header a level of the hierarchy (a header with a text word is a text column).
_LEVEL_WORDS = {"theme", "themes", "subtheme", "subthemes", "category", "categories", "subcategory", "subcategories", "topic", "topics", "subtopic", "domain", "subdomain", "dimension", "family", "kategorie", "tema", "thema", "categoria", "subcategoria", "categorie"}
_EXAMPLE_WORDS = {"example", "examples", "exemplar", "exemplars", "quote", "quotes", "quotation", "quotations", "ankerbeispiel", "beispiel", "ejemplo"}
_TEXT_WORDS = {"definition", "description", "desc", "example", "examples", "quote", "quotes", "note", "notes", "memo", "criteria", "count", "number", "frequency"}
# Columns that count what a coded project holds (Taguette, NVivo, ATLAS.ti, MAXQDA): qlr counts its own codings.
_COUNTS = {"number of highlights", "highlights", "number of documents", "frequency", "frequencies", "count", "counts", "references", "files", "grounded", "density", "groundedness", "segments", "coded segments", "number of segments", "documents", "n", "total", "totals", "quotations", "number of codes"}
# Sheet names preferred in a workbook of several.
_SHEET_WORDS = ("codebook", "code book", "codes", "code system", "code list", "codelist", "coding frame", "coding scheme")
_SEPARATORS = ("::", "\\", " > ")
_OUTLINE_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
# A name opening with its outline number ("1. Trust", "1.2 Family"): the number, then the name.
_NUMBERED_NAME = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
# Joins a name to the parent it was given on its row, where the same name has another parent (never in a name).
_UNDER = "\x00"


def _key(header: str) -> str:
    """A header as the tables above write it: lower case, accents and punctuation gone ("When NOT to use:" → "when not to use")."""
    from .._names import ascii_fold

    text = ascii_fold(header).lower().replace("_", " ")
    if text.strip() == "#":
        return "#"
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _text_role(key: str) -> str | None:
    for role, names in _TEXT.items():
        if key in names:
            return role
    words = set(key.split())
    if words & {"indicator", "indicators", "keyword", "keywords"} or "key words" in key or "search terms" in key:
        # "Typical Indicators / Examples", "Keywords / Examples": phrases that signal the code are its rule phrases.
        return "indicators"
    if words & _EXAMPLE_WORDS:
        return "examples"
    if words & {"definition", "description"}:
        return "definition"
    if "inclusion" in words:
        return "include"
    if "exclusion" in words:
        return "exclude"
    return None


def _role(key: str) -> str | None:
    """What a column is, from its header: name, level, parent, depth, outline, id, count, or a text field."""
    if not key:
        return None
    if key in _NAME:
        return "name"
    if key in _COUNTS:
        return "count"
    for role, names in (("parent", _PARENT), ("depth", _DEPTH), ("outline", _OUTLINE), ("id", _ID)):
        if key in names:
            return role
    text = _text_role(key)
    if text:
        return text
    words = set(key.split())
    if words & _LEVEL_WORDS and not words & _TEXT_WORDS:
        return "level"
    return None


@dataclass
class _Node:
    """A theme or code the table gives: its name, its parent's key, its texts by field, the rows that wrote it."""

    name: str
    parent: Any
    row: int
    texts: dict[str, list[str]] = field(default_factory=dict)
    implied: bool = False

    def add(self, role: str, value: str) -> None:
        listed = self.texts.setdefault(role, [])
        if value not in listed:
            listed.append(value)


@dataclass
class _Notes:
    """What was read leniently or left out, for the one warning."""

    said: list[str] = field(default_factory=list)

    def add(self, what: str, items: list[str]) -> None:
        if items:
            shown = first_few(items, shown=_LISTED)
            self.said.append(f"{what}: {shown}")


def codebook_from_table(path: Path) -> Any:
    """A ``.csv``/``.tsv``/``.xlsx`` codebook table (see the module docstring) → a validated Codebook."""
    from ._model import Codebook

    notes = _Notes()
    rows, sheet_note = _rows(path)
    if sheet_note:
        notes.said.append(sheet_note)
    at, header = _find_header(rows, path)
    title = next((cell for row in rows[:at] for cell in row if cell), None)
    columns = _columns(header, rows[at + 1 :], path, at, notes)
    taguette = {_key(h) for h in header if h} in ({"tag", "description", "number of highlights"}, {"tag", "description", "number of highlights", "number of documents"})
    if not taguette:
        rows, header = _numbers_in_names(rows, at, columns, notes)
    nodes = _read_rows(rows, at, header, columns, path, notes, flat=taguette)
    if not any(not node.implied for node in nodes.values()):
        raise CodebookError(f"the table has a header (row {at + 1}) but no row below it names a code", path=path, line=at + 2, hint="write one code per row under the header")
    data = _entries(nodes, path, notes)
    data.update(name=title or path.stem, id=slug(path.stem))
    if notes.said:
        warn(f"{path}: read as a codebook table, with notes: " + "; ".join(notes.said), QlrWarning)
    return Codebook.from_dict(data, source=path)


# -- the grid --------------------------------------------------------------


def _cell(value: Any) -> str:
    """A cell as text: a whole number without ".0", a string stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(path: Path) -> tuple[list[list[str]], str | None]:
    """The table's rows as lists of strings, and a note naming the sheets of a workbook not read."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook_rows(path)
    text, _ = decode_bytes(path.read_bytes(), path)
    delimiter = table_delimiter(text, path.suffix)
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise CodebookError(f"the codebook table is not readable as {'TSV' if delimiter == chr(9) else 'CSV'} ({exc})", path=path, hint="save it again as CSV (UTF-8) from the spreadsheet") from None
    return rows, None


def _workbook_rows(path: Path) -> tuple[list[list[str]], str | None]:
    """The codebook sheet of a workbook: the one named like a codebook, else the first with a header; a note naming the others."""
    from openpyxl import load_workbook

    workbook_size_checked(path, CodebookError)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise CodebookError(f"the workbook cannot be read ({type(exc).__name__}: {str(exc)[:120]})", path=path, hint="save it again from Excel as .xlsx, or as CSV (UTF-8)") from None
    try:
        sheets = {sheet.title: [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()
    named = [title for title in sheets if any(word in _key(title) for word in _SHEET_WORDS)]
    usable = [title for title in sheets if _header_at(sheets[title]) is not None]
    chosen = next((t for t in named if t in usable), None) or (usable[0] if usable else next(iter(sheets), None))
    if chosen is None:
        raise CodebookError("the workbook has no sheets", path=path)
    others = [title for title, rows in sheets.items() if title != chosen and any(any(row) for row in rows)]
    note = f"the sheet {chosen!r} was read; {len(others)} other sheet(s) holding data were not: " + ", ".join(map(repr, others)) if others else None
    return sheets[chosen], note


def _header_at(rows: list[list[str]]) -> int | None:
    """The index of the header row: the first (of the top rows, :func:`qlr._decode.header_row`) naming a code or level column."""
    return header_row(rows, lambda row: bool({"name", "level"} & {_role(_key(cell)) for cell in row}))


def _find_header(rows: list[list[str]], path: Path) -> tuple[int, list[str]]:
    at = _header_at(rows)
    if at is None:
        first = next((row for row in rows if any(row)), [])
        found = ", ".join(repr(cell) for cell in first if cell) or "none (the table is empty)"
        raise CodebookError(
            f"no column of this table names the codes: the first row's cells are {found}",
            path=path,
            line=next((i + 1 for i, row in enumerate(rows) if any(row)), 1),
            hint="head the column of code names 'Code' (or Name, Tag, Node), and any broader levels Theme, Subtheme or Category (docs/codebooks.md, 'Codebooks kept as tables')",
        )
    return at, rows[at]


# -- columns ---------------------------------------------------------------


@dataclass
class _Columns:
    levels: list[int]  # name columns, broad to narrow; the last is the code's
    texts: dict[int, tuple[str, int]]  # column → (field, the level it belongs to)
    extra: dict[int, str]  # column → header, kept in the memo
    parent: int | None = None
    depth: int | None = None
    outline: int | None = None
    ident: int | None = None
    parent_found: str | None = None  # the header of a parent column found by its values, not its name


def _columns(header: list[str], body: list[list[str]], path: Path, at: int, notes: _Notes) -> _Columns:
    """Decide what each column is (see the module docstring), noting the ones not read."""
    width = max([len(header)] + [len(row) for row in body])
    header = header + [""] * (width - len(header))
    roles = [_role(_key(cell)) for cell in header]
    filled = [any(c < len(row) and row[c] for row in body) for c in range(width)]
    levels = [c for c, role in enumerate(roles) if role == "level"]
    names = [c for c, role in enumerate(roles) if role == "name"]
    labelled = [c for c in names if _key(header[c]) in _LABELS]
    if len(names) > 1 and labelled and _key(header[names[0]]) not in _LABELS:
        # "Code" beside "Code Label": the label names the code, the code column is its short id (GD1.2).
        roles[names[0]] = "id" if _are_ids([row[names[0]] for row in body if names[0] < len(row)]) else None
        names = [c for c in names if c != names[0]]
    if names:
        levels = [c for c in levels if c < names[0]] + [names[0]]
    columns = _Columns(levels=levels, texts={}, extra={})
    counts, unread, shared = [], [], []
    for c, role in enumerate(roles):
        if c in levels:
            continue
        label = header[c] or f"column {_letter(c)}"
        if role in ("parent", "depth", "outline", "id") and getattr(columns, "ident" if role == "id" else role) is None:
            if len(levels) > 1 and role != "id":
                unread.append(f"{label!r} (the level columns give the hierarchy)")
                continue
            if role == "outline" and not _is_outline([row[c] for row in body if c < len(row) and row[c]]):
                columns.extra[c] = label
                continue
            setattr(columns, "ident" if role == "id" else role, c)
        elif role in _TEXT_FIELDS:
            if role == "indicators" and set(_key(label).split()) & _EXAMPLE_WORDS:
                shared.append(repr(label))
            owner = max((i for i, level in enumerate(levels) if level < c), default=len(levels) - 1)
            columns.texts[c] = (role, owner)
        elif role == "count":
            counts.append(repr(label))
        elif filled[c]:
            columns.extra[c] = label
    if columns.parent is None and len(levels) == 1:
        _parent_by_content(columns, header, body, notes)
    notes.add("counts from the QDA project, not read (qlr counts its own codings)", counts)
    notes.add("columns not read", unread)
    notes.add("columns naming indicators and examples, read as indicators (each phrase a rule phrase; head the column 'Examples' to keep its cells as examples)", shared)
    notes.add("columns qlr has no field for, kept in each code's memo as 'Column: value'", [repr(h) for h in columns.extra.values()])
    return columns


def _numbers_in_names(rows: list[list[str]], at: int, columns: _Columns, notes: _Notes) -> tuple[list[list[str]], list[str]]:
    """Rows whose every code name opens with an outline number ("1. Trust", "1.1 Staff"): the numbers moved to an outline column of their own.

    Only where the table has one name column and no parent, depth or outline column: the
    numbers then give the tree as that column's would, and are not part of the names (or ids).
    """
    if len(columns.levels) != 1 or any(c is not None for c in (columns.parent, columns.depth, columns.outline)):
        return rows, rows[at]
    name = columns.levels[0]
    values = [row[name] for row in rows[at + 1 :] if name < len(row) and row[name]]
    if len(values) < 2 or not all(_NUMBERED_NAME.match(v) for v in values) or not any("." in _NUMBERED_NAME.match(v).group(1) for v in values):
        return rows, rows[at]
    width = max(len(row) for row in rows)
    moved = [row + [""] * (width - len(row)) + [""] for row in rows]
    for row in moved[at + 1 :]:
        found = _NUMBERED_NAME.match(row[name])
        if found:
            row[width], row[name] = found.group(1), found.group(2)
    columns.outline = width
    notes.add("outline numbers opening the code names, read as the code tree and left out of the names", [repr(v) for v in values])
    return moved, moved[at]


def _are_ids(values: list[str]) -> bool:
    """Whether a column's values are short ids (GD1, GD1.2, C-04): every one, no spaces."""
    values = [v for v in values if v]
    return bool(values) and sum(bool(len(v) <= 20 and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", v)) for v in values) >= 0.8 * len(values)


def _parent_by_content(columns: _Columns, header: list[str], body: list[list[str]], notes: _Notes) -> None:
    """A column kept as extra whose every value is another row's id or name is the parent column (a 'Demand' column of ids)."""
    own = {columns.levels[0]} | ({columns.ident} if columns.ident is not None else set())
    known = {row[c].casefold() for row in body for c in own if c < len(row) and row[c]}
    for c, label in list(columns.extra.items()):
        values = [row[c] for row in body if c < len(row) and row[c]]
        matching = sum(v.casefold() in known for v in values)
        if len(set(values)) < len(values) and matching >= 2 and matching > 2 * len(values) / 3:
            columns.parent, columns.parent_found = c, label
            del columns.extra[c]
            notes.said.append(f"the column {label!r} was read as each code's parent: its values name other rows' codes (a value that names none is kept in the memo)")
            return


def _letter(index: int) -> str:
    """A spreadsheet column letter (0 → A, 27 → AB)."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def _is_outline(values: list[str]) -> bool:
    return bool(values) and sum(bool(_OUTLINE_NUMBER.match(v)) for v in values) >= 0.8 * len(values)


# -- rows → nodes ----------------------------------------------------------


def _split(name: str, flat: bool, separators: set[str]) -> list[str]:
    """A name holding a path (``A\\B``, ``A::B``, ``A > B``) as its parts; a flat tool's name whole."""
    if not flat:
        for separator in _SEPARATORS:
            parts = [p.strip() for p in name.split(separator)]
            if separator in name and all(parts):
                separators.add(separator)
                return parts
    return [name]


def _read_rows(rows: list[list[str]], at: int, header: list[str], columns: _Columns, path: Path, notes: _Notes, *, flat: bool) -> dict[Any, _Node]:
    """Every row under the header into nodes keyed by their name path (a tuple of names)."""
    nodes: dict[Any, _Node] = {}
    separators: set[str] = set()
    current: list[str | None] = [None] * len(columns.levels)
    unplaced, duplicates, by_number = [], [], {}
    stack: list[tuple[str, ...]] = []  # the last node at each depth (level and outline columns)
    code_rows: dict[tuple[str, ...], int] = {}
    pending_parents: list[tuple[tuple[str, ...], str, int, str | None]] = []
    under: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}  # a name's key → its key under each parent a row gives it
    last_key: tuple[str, ...] | None = None

    def ensure(key: tuple[str, ...], row: int) -> _Node:
        for depth in range(1, len(key) + 1):
            prefix = key[:depth]
            if prefix not in nodes:
                nodes[prefix] = _Node(name=prefix[-1].split(_UNDER)[0], parent=prefix[:-1] or None, row=row, implied=depth < len(key))
        nodes[key].implied = False
        return nodes[key]

    for index in range(at + 1, len(rows)):
        row = rows[index] + [""] * max(0, len(header) - len(rows[index]))
        number = index + 1
        if not any(row):
            continue
        if not any(rows[index - 1]) and _second_header(row):
            last = max(i for i, r in enumerate(rows) if any(r)) + 1
            notes.said.append(f"rows {number}-{last} start with a header of their own ({', '.join(repr(c) for c in row if c)}) after an empty row: a second table, not read")
            break
        cells = [row[c] if c < len(row) else "" for c in columns.levels]
        for level, value in enumerate(cells):
            if value:
                current[level] = value
                current[level + 1 :] = [None] * (len(current) - level - 1)
        paths: list[tuple[str, ...] | None] = []
        prefix: tuple[str, ...] = ()
        for value in current:
            if value is None:
                paths.append(None)
                continue
            prefix = prefix + tuple(_split(value, flat, separators))
            paths.append(prefix)
        code_level = len(columns.levels) - 1
        if len(columns.levels) == 1:
            # One name column: the hierarchy is a parent, depth or outline column, or a path in the name.
            if cells[0] and paths[0] is not None:
                last_key = _placed(paths[0], row, number, columns, stack, by_number, pending_parents, under, path)
            paths[0] = last_key if paths[0] is not None else None
        for level, value in enumerate(cells):
            key = paths[level]
            if value and key is not None:
                if level == code_level and key in code_rows:
                    duplicates.append(f"{_shown(key)!r} (rows {code_rows[key]} and {number})")
                code_rows.setdefault(key, number)
                ensure(key, number)
        deepest = next((key for key in reversed(paths) if key is not None and key in nodes), None)
        for c, (role, owner) in columns.texts.items():
            value = row[c] if c < len(row) else ""
            if not value:
                continue
            key = paths[owner] if owner < len(paths) else None
            if key is None:  # its level is empty here: it describes the nearest broader level this row names
                key = next((paths[level] for level in range(min(owner, len(cells)) - 1, -1, -1) if cells[level]), None)
            if key is None or key not in nodes:
                unplaced.append(f"row {number} ({header[c] or _letter(c)})")
            else:
                nodes[key].add(role, value)
        for c, label in columns.extra.items():
            value = row[c] if c < len(row) else ""
            if value and deepest is not None:
                nodes[deepest].add("extra", f"{label}: {value}")
            elif value:
                unplaced.append(f"row {number} ({label})")
        if columns.ident is not None and row[columns.ident]:
            if deepest is not None and cells[-1]:  # an id belongs to the code its row names, never to one above
                nodes[deepest].add("id", row[columns.ident])
            else:
                unplaced.append(f"row {number} ({header[columns.ident]})")
    _resolve_parents(nodes, pending_parents, path, notes)
    notes.add("cells with no code on their row or above it, not read", unplaced)
    notes.add("names given on more than one row, read as one code (their texts joined)", duplicates)
    implied = [_shown(key) for key, node in nodes.items() if node.implied]
    notes.add("parents named only in a path or parent column, made themes/codes of their own", [repr(k) for k in implied])
    for separator in sorted(separators):
        notes.said.append(f"paths in names split at {separator!r} into a code tree")
    return nodes


def _second_header(row: list[str]) -> bool:
    """Whether a row looks like the header of another table: short cells, one of them a column name qlr knows."""
    cells = [cell for cell in row if cell]
    return len(cells) >= 2 and all(len(cell) <= 40 for cell in cells) and any(_role(_key(cell)) for cell in cells)


def _shown(key: tuple[str, ...]) -> str:
    """A node's key as the warning names it: its names, broad to narrow."""
    return " > ".join(part.split(_UNDER)[0] for part in key)


def _placed(key: tuple[str, ...], row: list[str], number: int, columns: _Columns, stack: list[tuple[str, ...]], by_number: dict[str, tuple[str, ...]], pending: list[tuple[tuple[str, ...], str, int, str | None]], under: dict[tuple[str, ...], dict[str, tuple[str, ...]]], path: Path) -> tuple[str, ...]:
    """Where a one-name-column row's code goes: under its outline number's parent, its depth's, or (later) its parent column's."""
    if columns.outline is not None and row[columns.outline]:
        number_text = row[columns.outline].rstrip(".")
        parent_number = number_text.rsplit(".", 1)[0] if "." in number_text else None
        parent = by_number.get(parent_number) if parent_number else None
        key = (parent or ()) + key
        by_number[number_text] = key
        return key
    if columns.depth is not None and row[columns.depth]:
        try:
            depth = int(float(row[columns.depth]))
        except ValueError:
            raise CodebookError(f"row {number}: the level {row[columns.depth]!r} is not a whole number", path=path, line=number, hint="write the depth of each code: 1 for a top-level code, 2 for a code under it…") from None
        base = min(int(depth), len(stack) + 1)
        if base < 1:
            raise CodebookError(f"row {number}: the level {depth} is below 1", path=path, line=number, hint="write 1 for a top-level code, 2 for a code under it…")
        parent = stack[base - 2] if base >= 2 else ()
        key = parent + key
        del stack[base - 1 :]
        stack.append(key)
        return key
    if columns.parent is not None:
        # A row is its (parent, name), as a row of level columns is: Transport under Barriers and under
        # Facilitators are two codes; only a name repeated under the same parent (or none) is one.
        given = row[columns.parent]
        parents = under.setdefault(key, {})
        key = parents.setdefault(" ".join(given.casefold().split()), key if not parents else key[:-1] + (f"{key[-1]}{_UNDER}{len(parents)}",))
        if given:
            pending.append((key, given, number, columns.parent_found))
    return key


def _resolve_parents(nodes: dict[Any, _Node], pending: list[tuple[tuple[str, ...], str, int, str | None]], path: Path, notes: _Notes) -> None:
    """Give each row its parent column's code: a name (any case) or a path of names; a parent no row names becomes one."""
    if not pending:
        return
    by_name: dict[str, tuple[str, ...]] = {}
    shared: set[str] = set()
    for key, node in nodes.items():
        if by_name.setdefault(node.name.casefold(), key) != key:
            shared.add(node.name.casefold())
    ambiguous: list[str] = []
    for key, node in nodes.items():  # a code's own id (an id column) names it too
        for given in node.texts.get("id", []):
            by_name.setdefault(given.casefold(), key)

    def named(parts: list[str]) -> tuple[str, ...] | None:
        """The node whose names, broad to narrow, are ``parts`` (the second of two Transports: Facilitators\\Transport)."""
        wanted = [part.casefold() for part in parts]
        for key in nodes:
            chain, at = [], key
            while at is not None and len(chain) <= len(wanted):
                chain.append(nodes[at].name.casefold())
                at = nodes[at].parent
            if chain[::-1] == wanted:
                return key
        return None

    for by_path in (False, True):  # names first, so a path can follow the parents they give
        moved: dict[tuple[str, ...], tuple[str, ...]] = {}
        for key, parent_text, number, found in pending:
            parts = _split(parent_text, False, set())
            if (len(parts) > 1) != by_path:
                continue
            target = (named(parts) or tuple(parts)) if by_path else by_name.get(parts[-1].casefold())
            if not by_path and parts[-1].casefold() in shared:
                ambiguous.append(f"row {number} ({parent_text!r})")
            if target is None and found:  # a column read as the parent by its values: another value is the code's own text
                nodes[key].add("extra", f"{found}: {parent_text}")
                continue
            if target is None:
                target = (parent_text,)
            if target == key:
                raise CodebookError(f"row {number}: the code {nodes[key].name!r} names itself as its parent", path=path, line=number, hint="give the parent code's name, or leave the parent empty for a top-level code")
            moved[key] = target
        for key, target in moved.items():
            if target not in nodes:
                nodes[target] = _Node(name=target[-1], parent=target[:-1] or None, row=0, implied=True)
                for depth in range(1, len(target)):
                    nodes.setdefault(target[:depth], _Node(name=target[depth - 1], parent=target[: depth - 1] or None, row=0, implied=True))
            nodes[key].parent = target
    notes.add("parents named by a name two codes share, read as the first of them (write the parent's path, Parent\\Code, to choose)", ambiguous)


# -- nodes → to_dict -------------------------------------------------------


def _entries(nodes: dict[Any, _Node], path: Path, notes: _Notes) -> dict[str, Any]:
    """Themes (top-level nodes with children) and codes, in the layout of Codebook.to_dict, with ids from the names."""
    children: dict[Any, list[Any]] = {}
    for key, node in nodes.items():
        children.setdefault(node.parent, []).append(key)
    ids: dict[Any, str] = {}
    used: set[str] = set()
    renamed, colours, loops = [], [], []
    themes, codes = [], []

    def walk(key: Any, parent_id: str | None, trail: set[Any]) -> None:
        node = nodes[key]
        given = (node.texts.get("id") or [None])[0]
        base = given if given and re.match(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", given) else (f"{parent_id}." if parent_id else "") + slug(node.name)
        code_id, number = base, 2
        while code_id in used:
            code_id, number = f"{base}_{number}", number + 1
        if code_id != base:
            renamed.append(f"{node.name!r} → {code_id}")
        used.add(code_id)
        ids[key] = code_id
        entry: dict[str, Any] = {"id": code_id, "name": node.name}
        texts = node.texts
        for role in ("definition", "include", "exclude"):
            if texts.get(role):
                entry[role] = "\n\n".join(texts[role])
        if texts.get("examples"):
            entry["examples"] = list(texts["examples"])
        memo = texts.get("memo", []) + texts.get("extra", [])
        if memo:
            entry["memo"] = "\n".join(memo)
        if texts.get("indicators"):
            entry["indicators"] = [phrase for cell in texts["indicators"] for phrase in _phrases(cell)]
        colour = (texts.get("colour") or [None])[0]
        if colour and is_hex_colour(colour):
            entry["colour"] = colour
        elif colour:
            colours.append(f"{node.name!r} ({colour!r})")
        kids = children.get(key, [])
        if parent_id is None and kids:
            themes.append(entry)
        else:
            codes.append({**entry, "parent": parent_id} if parent_id else entry)
        for child in kids:
            if child in trail:
                loops.append(child)
                continue
            walk(child, code_id, trail | {child})

    for key in children.get(None, []):
        walk(key, None, {key})
    unreached = [key for key in nodes if key not in ids]
    if unreached:
        node = nodes[unreached[0]]
        raise CodebookError(
            f"row {node.row}: the parents of {node.name!r} loop back to it",
            path=path,
            line=node.row or None,
            hint="a code cannot be its own ancestor; fix the parent column",
        )
    notes.add("codes whose names give the id of an earlier code, given ids of their own", renamed)
    notes.add("colours that are not #RRGGBB, left out", colours)
    return {"themes": themes, "codes": codes}


def _phrases(cell: str) -> list[str]:
    """An indicators cell as phrases: one a line or between semicolons; commas only when neither is used."""
    parts = re.split(r"[;\n]", cell) if re.search(r"[;\n]", cell) else cell.split(",")
    return [p.strip().strip("\"'") for p in parts if p.strip().strip("\"'")]
