"""A QDA tool's own report of earlier coding as the rows of a codings table (``doc_id``, ``quote``, ``code_id``, ``coder``).

Researchers without a project file bring the coding as their tool printed it: NVivo's
coding report (text, Word, HTML or PDF: ``<Files\\\\P01> - § 2 references coded [4.52%
Coverage]``, then ``Reference 1 - 1.50% Coverage`` and the words), ATLAS.ti's table of
quotations, Dedoose's table of excerpts, QDA Miner's coding retrieval, QualCoder's table of coded text, Taguette's
highlights.  Each becomes
the rows qlr's own codings table has, and :func:`qlr.io._build._read_codings` places them by
quote as it places any codings file: this module decides only what a report says, never
where a coding lies.  What a report holds that no quote can place (a region of a picture
or a PDF page, a reference with no words) is returned in ``skipped``, named, for the
caller to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ManifestError

__all__: list[str] = []


@dataclass
class ToolRows:
    """What a report holds, as codings rows, and what of it cannot be rows."""

    table: pd.DataFrame
    #: The tool whose layout was read (None: qlr's own columns).
    tool: str | None = None
    #: One line per coding of the report that no quote can place, saying which and why.
    skipped: list[str] = field(default_factory=list)
    #: What was read leniently or assumed, for ``study.meta["inferred"]``.
    notes: list[str] = field(default_factory=list)
    #: How many codings ``skipped`` holds (one of its lines may be a quotation of several codes).
    skipped_codings: int | None = None
    #: Whether the tool's quotes may hold spaces the document does not (Taguette puts one wherever formatting splits words).
    spaces_added: bool = False
    #: A framework chart's cells, each kept whole as a summary (case, wave, code, heading, text, label).
    summaries: list[dict[str, str]] = field(default_factory=list)
    #: A framework chart's codes, every sub-theme column in the chart's order (those whose cells quote nothing too).
    columns: list[str] = field(default_factory=list)
    #: A framework chart's description of a sub-theme (a row under its headings), by code: its definition.
    definitions: dict[str, str] = field(default_factory=dict)
    #: A framework chart's (case, wave) pairs as it writes them, each a row under its sub-themes: what it charted.
    charted: list[tuple[str, str]] = field(default_factory=list)
    #: A framework chart's cells that may date the case's interview at their wave (case, wave, text, label), as written.
    dates: list[dict[str, str]] = field(default_factory=list)
    #: A framework chart's cells of its columns naming a characteristic of the person (case, wave, name, heading, value,
    #: label), as written: the cases' attributes where each case has one value over every chart of the study.
    attributes: list[dict[str, str]] = field(default_factory=list)
    #: Values a tool's export gives each document (Dedoose's descriptor fields, one column each), by the document's name as
    #: the export writes it: {name: {field: value}}, for the case's or the wave's attributes.
    descriptors: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Whether each row names its document by ``case_id`` and ``wave_id`` (QDA Miner's case and document variable),
    #: placed as a framework chart's rows are: in the case's document at that wave.
    by_case: bool = False
    #: What an export says of each document itself (Dedoose's "Resource Creator" and "Resource Date": who added it and
    #: when), by the document's name as the export writes it: {name: {"creator": …, "created": ISO date}}.
    media: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Values an export gives the case of each of its rows (QDA Miner's variables shown beside its hits): a dict per
    #: row, ``case_id`` the case as the export writes it and a value per variable, for the cases' attributes.
    case_values: list[dict[str, str]] = field(default_factory=list)
    #: A tool's memos exported apart (Dedoose's memos to Excel): a dict per memo, its ``title``, ``text``, ``author``,
    #: ``created`` (ISO day or ""), ``line``, and what it is linked to as the export names it (``media``, ``excerpts``,
    #: ``codes``, ``groups``: lists), for the study's memos.
    memos: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """How many of the report's codings are not rows."""
        return len(self.skipped) if self.skipped_codings is None else self.skipped_codings


# --------------------------------------------------------------------------- NVivo's coding report

#: A source's heading: ``<Files\\P01 Interview> - § 3 references coded [4.52% Coverage]`` (the angle
#: brackets in the Windows reports, none in NVivo for Mac's; "reference" for one).
_NVIVO_SOURCE = re.compile(r"^\s*<?(?P<source>[^<>\n]+?)>?\s+-\s+§\s*(?P<count>\d+)\s+references?\s+coded\s*\[\s*(?P<coverage>[\d.,]+)\s*%\s*Coverage\s*\]\s*$", re.IGNORECASE)
#: One reference: ``Reference 1 - 1.50% Coverage``; its words follow on the next lines.
_NVIVO_REFERENCE = re.compile(r"^\s*Reference\s+(?P<number>\d+)\s+-\s+[\d.,]+\s*%\s*Coverage\s*$", re.IGNORECASE)
#: A node's heading in a report of several nodes: ``Nodes\\Barriers\\Transport``, ``Name: Nodes\\Trust``,
#: ``<Codes\\\\Trust>`` (NVivo 12 and later say Codes).
_NVIVO_NODE = re.compile(r"^\s*(?:Name:\s*)?<?(?P<kind>Nodes|Codes|Free Nodes|Tree Nodes|Themes)\\+(?P<path>[^<>\n]+?)>?\s*$", re.IGNORECASE)
#: A reference to a region of a picture or a PDF page: ``Page 1 : (0,0) - (590,785)``, or a picture's ``(12,40) - (300,200)``.
_NVIVO_REGION = re.compile(r"^\s*(?:Page\s+\d+\s*:\s*)?\(\s*\d+\s*,\s*\d+\s*\)\s*-\s*\(\s*\d+\s*,\s*\d+\s*\)\s*$", re.IGNORECASE)
#: A reference to a stretch of audio or video: ``[0:01:30.5 - 0:02:10.1]`` (a media file's, not a transcript's words).
_NVIVO_MEDIA = re.compile(r"^\s*\[?\s*\d+:\d{2}(?::\d{2})?(?:\.\d+)?\s*-\s*\d+:\d{2}(?::\d{2})?(?:\.\d+)?\s*\]?\s*$")


def is_nvivo_report(text: str) -> bool:
    """Whether ``text`` is an NVivo coding report: a line heading a source's references, then a reference."""
    lines = text.splitlines()
    return any(_NVIVO_SOURCE.match(line) for line in lines) and any(_NVIVO_REFERENCE.match(line) for line in lines)


def nvivo_rows(text: str, path: Path) -> ToolRows:
    """The codings of an NVivo coding report: one row per reference, its words the quote.

    The node is the heading above (``Nodes\\\\Barriers\\\\Transport`` is the code
    ``Barriers\\Transport``, its hierarchy kept as a codings table writes it); a report of
    one node has none, and NVivo names the file after the node (``Trust.txt``), so the
    file's name is the code, said in ``notes``.  The source's last name part is the
    document (``Files\\\\Wave 1\\\\P01_W1_interview`` is ``P01_W1_interview``).
    """
    rows: list[dict[str, object]] = []
    skipped: list[str] = []
    notes: list[str] = []
    node: str | None = None
    source: str | None = None
    declared: dict[tuple[str | None, str], int] = {}
    found: dict[tuple[str | None, str], int] = {}
    words: list[str] = []
    current: dict[str, object] | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        quote = "\n".join(words).strip()
        where = f"line {current['_line']} ({current['doc_id']}, reference {current['_number']})"
        first = quote.splitlines()[0] if quote else ""
        if not quote:
            skipped.append(f"{where}: the reference holds no words")
        elif _NVIVO_REGION.match(first) and len(quote.splitlines()) == 1:
            skipped.append(f"{where}: a region of a picture or PDF page ({first.strip()}), not words")
        elif _NVIVO_MEDIA.match(first) and len(quote.splitlines()) == 1:
            skipped.append(f"{where}: a stretch of audio or video ({first.strip()}), not words")
        else:
            current["quote"] = quote
            rows.append(current)
        current = None
        words.clear()

    unnamed_node = False
    for number, line in enumerate(text.splitlines(), start=1):
        # A source's heading first: NVivo 10 kept cases under Nodes ("Nodes\\Cases\\P01 - § 2 references coded …").
        match = _NVIVO_SOURCE.match(line)
        if match:
            close()
            source = _document_name(match["source"])
            declared[(node, source)] = declared.get((node, source), 0) + int(match["count"])
            continue
        heading = _NVIVO_NODE.match(line)
        if heading:
            close()
            node = _code_path(heading["path"])
            source = None
            continue
        match = _NVIVO_REFERENCE.match(line)
        if match and source is not None:
            close()
            if node is None:
                unnamed_node = True
            found[(node, source)] = found.get((node, source), 0) + 1
            current = {"doc_id": source, "code_id": node if node is not None else path.stem, "_line": number, "_number": int(match["number"])}
            continue
        if match:
            close()
            skipped.append(f"line {number} (reference {match['number']}): under no heading that names its source")
            continue
        if current is not None:
            words.append(line)
    close()
    for (code, doc), count in declared.items():
        short = count - found.get((code, doc), 0)
        if short > 0:
            skipped.append(f"{doc} ({code or path.stem}): the report says {count} references, {found.get((code, doc), 0)} are printed")
    if unnamed_node:
        notes.append(f"{path.name}: the report names no node, so its codings are of the code {path.stem!r} (NVivo names a node's export after the node)")
    table = pd.DataFrame(rows, columns=["doc_id", "quote", "code_id", "_line", "_number"])
    table["_label"] = [f"line {line} ({doc}, reference {ref})" for line, doc, ref in zip(table["_line"], table["doc_id"], table["_number"])]
    return ToolRows(table.drop(columns="_number"), "NVivo", skipped, notes)


def _code_path(path: str) -> str:
    """``Barriers\\\\Transport`` (NVivo doubles the backslash in a report) as ``Barriers\\Transport``."""
    return "\\".join(part.strip() for part in re.split(r"\\+", path) if part.strip())


def _document_name(source: str) -> str:
    """A source's name without its folders: ``Files\\\\Wave 1\\\\P01`` is ``P01``."""
    return [part.strip() for part in re.split(r"\\+", source) if part.strip()][-1]


# --------------------------------------------------------------------------- tables

#: QualCoder's export of coded text (Reports → Coding), read as it is: its column → qlr's.
_QUALCODER_COLUMNS = {"File": "doc_id", "Coded": "quote", "Codename": "code_id", "Coder": "coder"}
#: ATLAS.ti's column of a quotation's words: "Quotation Content" (ATLAS.ti 9), "Text Content" (22 and later), "Content".
_ATLAS_TEXT = ("Quotation Content", "Text Content", "Content")
#: ATLAS.ti's column of who made a quotation (MAXQDA's of who coded a segment).
_ATLAS_CODER = ("Created by", "Created By", "Creator", "Author")
#: MAXQDA's "Coded Segments" export (Excel or CSV; its print to PDF shows the same columns): its column → qlr's.
#: Its Begin and End are paragraph numbers, so the segment's words place it.
_MAXQDA_COLUMNS = {"Document name": "doc_id", "Segment": "quote", "Code": "code_id"}
#: A true cell of Dedoose's one column per code.
_TRUE = frozenset({"true", "1", "yes", "x", "y"})
#: Taguette's "Export highlights" table (CSV or Excel, of all tags or of one): its columns, as Taguette 1.5 writes them.
_TAGUETTE_COLUMNS = frozenset({"id", "document", "tag", "content"})
#: Where Taguette shows a subtitle file (.vtt, .srt) a cue opens with its start time, then a WebVTT voice tag as
#: written ("00:00:06.500 <v Ana>We vote"); the transcript qlr reads has neither (its turns are "Ana: We vote").
_TAGUETTE_CUE = re.compile(r"(?<![\d:.])\d{2}:\d{2}:\d{2}\.\d{3}[ \t]+(?:<v(?:\.[^\s>]*)?[ \t]+[^>]*>)?")
#: WebVTT's tags inside a cue's words, which Taguette shows as written ("We vote <b>now</b>").
_VTT_TAG = re.compile(r"</?(?:b|i|u|c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>")


def tool_export(columns: set[str]) -> str | None:
    """The QDA tool whose export of coded passages a table's columns are, or None.

    Examples
    --------
    >>> tool_export({"id", "document", "tag", "content"}), tool_export({"file", "participant", "wave"})
    ('Taguette', None)
    >>> tool_export({"Category", "Code", "Case", "Document", "Text", "Coder"}), tool_export({"CATEGORY", "CODE", "CASE", "TEXT"})
    ('QDA Miner', 'QDA Miner')
    """
    if _QUALCODER_COLUMNS.keys() <= columns:
        return "QualCoder"
    if {"Document", "Codes"} <= columns and columns & set(_ATLAS_TEXT):
        return "ATLAS.ti"
    # Its excerpts' words, or the title of their media beside another of its columns (a table of descriptors has a title too).
    excerpts = {"Excerpt Range", "Excerpt Creator", "Codes Applied Combined"} & columns or any(str(c).startswith("Code: ") for c in columns)
    if "Excerpt Copy" in columns or ("Media Title" in columns and excerpts) or ("Excerpt Range" in columns and any(str(c).startswith("Code: ") for c in columns)):
        return "Dedoose"
    if _TAGUETTE_COLUMNS <= columns:
        return "Taguette"
    if _tree_columns(columns) is not None:
        return DEDOOSE_CODES
    if _memo_columns(columns) is not None:
        return DEDOOSE_MEMOS
    if _MAXQDA_COLUMNS.keys() <= columns:
        return "MAXQDA"
    if {name.casefold() for name in _QDAMINER_COLUMNS} <= {str(c).casefold() for c in columns}:
        return "QDA Miner"  # its headers as written, or in capitals as a spreadsheet's style may set them
    return None


def coding_exports(root: Path, files: list[Path]) -> list[str]:
    """Which of a folder's tables (none read as a document) are a QDA tool's export of coded passages (:func:`tool_export`), as paths from ``root``.

    Dedoose's excerpts, ATLAS.ti's quotations, MAXQDA's coded segments beside the transcripts are earlier coding, read
    only under ``codings:``; a table that cannot be read, or whose first row names no tool's columns, is none.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "excerpts.csv").write_text("Media Title,Excerpt Copy,Code: Trust Applied\\nP01.docx,We vote,True\\n")
    >>> _ = (folder / "ages.csv").write_text("participant,age\\nP01,40\\n")
    >>> coding_exports(folder, sorted(folder.iterdir()))
    ['excerpts.csv']
    """
    # A code tree or a tool's memos hold no coded passages: the load notes name them among the tables beside the
    # transcripts, and the template offers them apart (:func:`tool_tables`).
    return [path for path, tool in _exports(root, files) if tool not in (DEDOOSE_CODES, DEDOOSE_MEMOS)]


def tool_tables(root: Path, files: list[Path]) -> list[tuple[str, str]]:
    """Which of a folder's tables are a QDA tool's tables that hold no coded passages but belong under ``codings:``: a code
    tree (Dedoose's codes: their hierarchy and descriptions) or memos exported apart; (path from ``root``, tool).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "codes.csv").write_text("Title,Parent,Description\\nTransport,Barriers,Getting there\\n")
    >>> _ = (folder / "memos.csv").write_text("Title,Memo,Linked Media\\nBus,Buses are rare,P01.docx\\n")
    >>> _ = (folder / "ages.csv").write_text("participant,age\\nP01,40\\n")
    >>> tool_tables(folder, sorted(folder.iterdir()))
    [('codes.csv', 'Dedoose code tree'), ('memos.csv', 'Dedoose memos')]
    """
    return [(path, tool) for path, tool in _exports(root, files) if tool in (DEDOOSE_CODES, DEDOOSE_MEMOS)]


def _exports(root: Path, files: list[Path]) -> list[tuple[str, str]]:
    """The tables among ``files`` whose first row names a QDA tool's columns (:func:`tool_export`): (path from ``root``, tool);
    a table that cannot be read is none."""
    from ._responses import TABLE_SUFFIXES, _grid

    found = []
    for path in files:
        if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
            continue
        try:
            grid = _grid(path, what="codings file")[0]
        except (ManifestError, OSError, ValueError):
            continue
        header = next((row for row in grid if any(cell.strip() for cell in row)), [])
        tool = tool_export({cell.strip() for cell in header})
        if tool is not None:
            found.append((path.relative_to(root).as_posix(), tool))
    return found


def table_rows(table: pd.DataFrame, path: Path, *, dayfirst: bool = True) -> ToolRows:
    """A table in qlr's columns from QualCoder's, ATLAS.ti's, Dedoose's, Taguette's, MAXQDA's or QDA Miner's export; any other table as it is.

    ``dayfirst`` (the study's ``segmentation.dayfirst``) reads the numeric dates of an export that writes them as its
    user's computer does (QDA Miner's), where the dates themselves cannot tell."""
    columns = set(table.columns)
    if "doc_id" in columns:
        return ToolRows(table)
    tool = tool_export(columns)
    if tool == "QualCoder":
        return _qualcoder(table)
    if tool == "ATLAS.ti":
        return _atlas(table)
    if tool == "Dedoose":
        return _dedoose(table, path)
    if tool == DEDOOSE_CODES:
        return dedoose_code_tree(table, path)
    if tool == DEDOOSE_MEMOS:
        return dedoose_memos(table, path)
    if tool == "Taguette":
        return _taguette(table)
    if tool == "MAXQDA":
        return _maxqda(table)
    if tool == "QDA Miner":
        return _qdaminer(table, path, dayfirst=dayfirst)
    return ToolRows(table)


def _maxqda(table: pd.DataFrame) -> ToolRows:
    """MAXQDA's coded segments: each row a segment's words, its document and code; its author the coder where the table says."""
    coder = next((c for c in _ATLAS_CODER if c in table.columns), None)
    renamed = table.rename(columns={**_MAXQDA_COLUMNS, **({coder: "coder"} if coder else {})})
    keep = ["doc_id", "quote", "code_id", *(["coder"] if coder else [])]
    return ToolRows(renamed[keep], "MAXQDA")


def _qualcoder(table: pd.DataFrame) -> ToolRows:
    """QualCoder's coded-text table: a code under a category is ``Category\\Code``."""
    renamed = table.rename(columns=_QUALCODER_COLUMNS)
    if "Category" in table.columns:
        category = table["Category"].fillna("").astype(str).str.strip()
        renamed["code_id"] = [f"{parent}\\{code}" if parent else code for parent, code in zip(category, renamed["code_id"])]
    return ToolRows(renamed, "QualCoder")


def _atlas(table: pd.DataFrame) -> ToolRows:
    """ATLAS.ti's quotations: one row per quotation and each of its codes.

    Its "Codes" cell lists a quotation's codes one a line (the Excel export) or
    joined by ", " (a CSV), where a code's own name may hold ", "; its "Number of
    Codes" then says how many there are, and names the table holds as whole
    codes elsewhere decide where the cell is cut.
    """
    text = next(c for c in _ATLAS_TEXT if c in table.columns)
    coder = next((c for c in _ATLAS_CODER if c in table.columns), None)
    counts = table["Number of Codes"] if "Number of Codes" in table.columns else pd.Series([""] * len(table))
    cells = [str(cell) for cell in table["Codes"]]
    split = _atlas_codes(cells, [str(n).strip() for n in counts])
    rows, skipped, uncoded, lost = [], [], 0, 0
    for index, (record, codes) in enumerate(zip(table.to_dict("records"), split)):
        line = index + 2
        label = f"row {line} (quotation {record.get('ID') or record.get('Number') or line})"
        if codes is None:
            skipped.append(f"{label}: its {counts.iloc[index]} codes cannot be told apart in {cells[index]!r:.160} (a code's name holds ', ')")
            lost += int(str(counts.iloc[index]).strip())
            continue
        if not codes:
            uncoded += 1
            continue
        for code in codes:
            rows.append({"doc_id": str(record["Document"]).strip(), "quote": record[text], "code_id": code, "coder": str(record[coder]).strip() if coder else "", "_line": line, "_label": label})
    notes = [f"{uncoded} quotation(s) carry no code and are no codings"] if uncoded else []
    return ToolRows(pd.DataFrame(rows, columns=["doc_id", "quote", "code_id", "coder", "_line", "_label"]), "ATLAS.ti", skipped, notes, lost)


def _atlas_codes(cells: list[str], counts: list[str]) -> list[list[str] | None]:
    """Each cell's codes; None where a cell joined by ", " cannot be cut into the number of codes it says.

    A cell is cut where the table's whole names (a cell of one code, a cell whose
    pieces are as many as its codes, a cell already cut) fit it one way only; else,
    as ATLAS.ti's convention of "Group: code" names has it, after each piece that holds
    ": ", when those are as many as its codes and the last piece is one of them.
    """
    pieces = [[p.strip() for p in re.split(r"\r?\n", cell) if p.strip()] if "\n" in cell else [p.strip() for p in cell.split(", ") if p.strip()] for cell in cells]
    wanted = [int(n) if n.isdigit() else None for n in counts]
    result: list[list[str] | None] = [
        parts if n is None or len(parts) == n or "\n" in cell else [cell.strip()] if n == 1 else None for cell, parts, n in zip(cells, pieces, wanted)
    ]
    known = {name for names in result if names for name in names}
    while True:
        cut = {i: _cut(pieces[i], wanted[i] or 0, known) for i, names in enumerate(result) if names is None}
        cut = {i: names for i, names in cut.items() if names}
        if not cut:
            break
        for i, names in cut.items():
            result[i] = names
            known.update(names)
    for i, names in enumerate(result):
        parts = pieces[i]
        if names is None and sum(": " in p for p in parts) == wanted[i] and ": " in parts[-1]:
            grouped, current = [], []
            for part in parts:
                current.append(part)
                if ": " in part:
                    grouped.append(", ".join(current))
                    current = []
            result[i] = grouped
    return result


def _cut(parts: list[str], n: int, known: set[str]) -> list[str] | None:
    """The one way to join neighbouring ``parts`` (with ", ") into ``n`` names all ``known``; None if none or several."""
    ways: list[list[str]] = []

    def walk(start: int, taken: list[str]) -> None:
        if len(ways) > 1 or len(taken) > n:
            return
        if start == len(parts):
            if len(taken) == n:
                ways.append(taken)
            return
        for end in range(start + 1, len(parts) + 1):
            name = ", ".join(parts[start:end])
            if name in known:
                walk(end, [*taken, name])

    walk(0, [])
    return ways[0] if len(ways) == 1 else None


#: A QDA tool's list of its codes as a tree (Dedoose's code export: a code's title, its parent's, its description).
DEDOOSE_CODES = "Dedoose code tree"
_TREE_NAME = ("Title", "Code", "Code Name", "Name")
_TREE_PARENT = ("Parent", "Parent Code", "Parent Title")
_TREE_DESCRIPTION = ("Description", "Definition", "Code Description")


def _tree_columns(columns: set[str]) -> tuple[str, str, str | None] | None:
    """The columns of a code tree's table: (its code's name, its parent's, its description or None), or None for no tree.

    Examples
    --------
    >>> _tree_columns({"Title", "Parent", "Description", "Weight Min"}), _tree_columns({"Title", "Media Title"})
    (('Title', 'Parent', 'Description'), None)
    """
    name = next((c for c in _TREE_NAME if c in columns), None)
    parent = next((c for c in _TREE_PARENT if c in columns), None)
    if name is None or parent is None or {"Excerpt Copy", "Media Title"} & columns:
        return None
    return name, parent, next((c for c in _TREE_DESCRIPTION if c in columns), None)


def dedoose_code_tree(table: pd.DataFrame, path: Path) -> ToolRows:
    """A code tree exported apart (Dedoose's codes: "Title", "Parent", "Description"): no codings, its codes in its
    order as ``Parent\\Child`` paths (``ToolRows.columns``, as the excerpts export names them), each with its
    description (``ToolRows.definitions``), for the codebook the study makes of its codings. A parent its table does not
    list is the top of its path; a code whose parents loop is named and left out."""
    name, parent, description = _tree_columns({str(c) for c in table.columns}) or ("", "", None)
    rows = [
        (str(row[name]).strip(), str(row[parent] if not pd.isna(row[parent]) else "").strip(), str(row[description]).strip() if description and not pd.isna(row[description]) else "")
        for _, row in table.iterrows()
        if not pd.isna(row[name]) and str(row[name]).strip()
    ]
    parent_of = {title: above for title, above, _ in rows}
    paths, definitions, looped = [], {}, []
    for title, _, said in rows:
        chain, at = [title], parent_of.get(title, "")
        while at and at not in chain and len(chain) < 20:
            chain.append(at)
            at = parent_of.get(at, "")
        if at and at in chain:
            looped.append(title)
            continue
        code = "\\".join(reversed(chain))
        paths.append(code)
        if said and said.lower() != "nan":
            definitions[code] = said
    notes = [f"{path.name}: a code tree of {len(paths)} code(s), {len(definitions)} described: the codes of the study's codebook made from its codings, with their descriptions"]
    if looped:
        notes.append(f"{path.name}: {len(looped)} code(s) whose parents lead back to them are left out: {', '.join(map(repr, looped[:8]))}")
    empty = pd.DataFrame(columns=["doc_id", "quote", "code_id", "coder"])
    return ToolRows(empty, DEDOOSE_CODES, notes=notes, columns=paths, definitions=definitions)


#: A QDA tool's memos exported apart (Dedoose's Memos workspace, exported to Excel): each memo's title and text, who
#: wrote it and when, its groups and the items it is linked to (media, excerpts, codes). Dedoose's documentation
#: names these parts of a memo; the headers below are the ones the export is read by (any capitals), not confirmed
#: against Dedoose itself.
DEDOOSE_MEMOS = "Dedoose memos"
_MEMO_PARTS = {
    "title": ("Title", "Memo Title", "Memo Name"),
    "text": ("Memo", "Memo Text", "Content", "Memo Content", "Text", "Body"),
    "author": ("Creator", "Created By", "Memo Creator", "Owner", "User", "Author"),
    "created": ("Date Created", "Created", "Creation Date", "Created On", "Memo Date", "Date"),
    "media": ("Linked Media", "Media", "Linked Resources", "Resources"),
    "excerpts": ("Linked Excerpts", "Excerpts"),
    "codes": ("Linked Codes", "Codes", "Tags"),
    "groups": ("Memo Groups", "Groups", "Group"),
}
#: Several linked items in one cell: one a line, or cut by ";" (an excerpt's words only by lines).
_LINKED_CUT = re.compile(r"\s*(?:\r?\n|;)\s*")


def _memo_columns(columns: set[str]) -> dict[str, str] | None:
    """The columns of a memos export by what they hold (``title``, ``text``, …), or None where the table is none: a
    memo's title and text beside what it is linked to or its groups.

    >>> _memo_columns({"Title", "Memo", "Linked Media", "Date Created"})
    {'title': 'Title', 'text': 'Memo', 'created': 'Date Created', 'media': 'Linked Media'}
    >>> _memo_columns({"Title", "Text"}), _memo_columns({"Title", "Parent", "Description"})
    (None, None)
    """
    spelt = {str(column).strip().casefold(): str(column) for column in columns}
    found = {part: next((spelt[name.casefold()] for name in names if name.casefold() in spelt), None) for part, names in _MEMO_PARTS.items()}
    held = {part: column for part, column in found.items() if column is not None}
    if "title" not in held or "text" not in held or not {"media", "excerpts", "codes", "groups"} & held.keys():
        return None
    return held


def _excerpts_in(cell: str) -> list[str]:
    """The excerpts a memo's cell links: the whole cell as one excerpt, then each of its lines (when it has several)."""
    lines = [item.strip() for item in re.split(r"\r?\n", cell) if item.strip()]
    return [cell.strip(), *lines] if len(lines) > 1 else lines


def dedoose_memos(table: pd.DataFrame, path: Path) -> ToolRows:
    """A tool's memos exported apart (Dedoose's): no codings, each memo with its title, text, author, day and links.

    Each row is a memo (an empty text is none, said); a cell of links holds one item a line (media and codes also
    cut at ";"). The day is read as Dedoose writes its dates, month first ("4/2/2024"), or as an ISO date; a day that
    is neither is left out, said. Where each memo goes in the study (:func:`qlr.io._build._tool_memos`) is decided
    when the study's documents are there.
    """
    columns = _memo_columns({str(c) for c in table.columns}) or {}
    memos, empty, undated = [], 0, []
    for index, record in enumerate(table.to_dict("records")):
        line = index + 2

        def cell(part: str, record: dict[str, Any] = record) -> str:
            value = record.get(columns[part]) if part in columns else None
            return "" if value is None or pd.isna(value) or str(value).strip().lower() == "nan" else str(value).strip()

        text = cell("text")
        if not text:
            empty += 1
            continue
        written = cell("created")
        day = None
        if written:
            from ._segment import find_date

            # Dedoose writes month first (4/2/2024, with or without a time of day); the one date reader decides.
            found = find_date(written, dayfirst=False)
            day = None if found is None else found.isoformat()
            if day is None:
                undated.append(f"{written!r} (row {line})")
        memos.append(
            {
                "title": cell("title"),
                "text": text,
                "author": cell("author"),
                "created": day or "",
                "line": line,
                "media": [item for item in _LINKED_CUT.split(cell("media")) if item],
                # One excerpt of several lines, or one excerpt a line: both kept, the study's text decides.
                "excerpts": _excerpts_in(cell("excerpts")),
                "codes": [item for item in _LINKED_CUT.split(cell("codes")) if item],
                "groups": [item for item in _LINKED_CUT.split(cell("groups")) if item],
            }
        )
    notes = [f"{path.name}: {len(memos)} memo(s) of Dedoose's memos export"]
    if empty:
        notes.append(f"{path.name}: {empty} row(s) hold no memo text and are no memos")
    if undated:
        notes.append(f"{path.name}: {len(undated)} memo date(s) are no date (month first, 4/2/2024, or 2024-04-02) and those memos keep none: {', '.join(undated[:8])}")
    return ToolRows(pd.DataFrame(columns=["doc_id", "quote", "code_id", "coder"]), DEDOOSE_MEMOS, notes=notes, memos=memos)


#: Dedoose's own columns of an excerpts export (its code columns open with "Code: "); any other column is a
#: descriptor field of the excerpt's media, as Dedoose adds the fields of the descriptors linked to it.
_DEDOOSE_OWN = frozenset({"Media Title", "Excerpt Range", "Excerpt Creator", "Excerpt Date", "Excerpt Copy", "Resource Creator", "Resource Date", "Codes Applied Combined"})


def _dedoose(table: pd.DataFrame, path: Path) -> ToolRows:
    """Dedoose's excerpts: one row per excerpt and each code its "Code: … Applied" column marks true.

    Each code has three columns: "Applied" (True or False), "Weight" (the weight the coder gave
    that application of a weighted code, kept as the coding's ``weight``) and "Range" (the
    code's range of weights, "1-5", no position). The columns Dedoose adds for the descriptors
    linked to an excerpt's media ("Participant ID", "Wave", "Age Group") are kept per media
    title in ``descriptors``; the excerpt's date is the coding's ``created`` (Dedoose writes
    it month first, "4/2/2024"); who added the media and when ("Resource Creator", "Resource
    Date", month first too) are kept per media title in ``media``.
    """
    missing = [c for c in ("Media Title", "Excerpt Copy") if c not in table.columns]
    if missing:
        raise ManifestError(
            f"this Dedoose export of excerpts has no {' and no '.join(repr(c) for c in missing)} column: without "
            + ("the excerpts' words no coding can be placed (its 'Excerpt Range' counts characters of Dedoose's copy of the document, or a PDF's pages)" if "Excerpt Copy" in missing else "the document's title no coding can be placed")
            + f"; {len(table):,} excerpts were not read",
            path=path,
            line=1,
            hint="export the excerpts again from Dedoose with the fields 'Media Title' and 'Excerpt Copy' checked",
        )
    names = [str(c) for c in table.columns]
    suffixed = any(c.startswith("Code: ") and c.endswith(" Applied") for c in names)
    # An export whose code columns carry no " Applied" (an older layout) names the code by the whole column.
    applied = {c: c[len("Code: ") :].removesuffix(" Applied").strip() for c in names if c.startswith("Code: ") and (c.endswith(" Applied") if suffixed else not c.endswith((" Weight", " Range")))}
    combined = "Codes Applied Combined" in table.columns
    fields = [c for c in names if c not in _DEDOOSE_OWN and not c.startswith("Code: ") and not (c.startswith("Unnamed:") and not table[c].astype(str).str.strip().any())]
    created = pd.to_datetime(table["Excerpt Date"].astype(str).str.strip(), format="%m/%d/%Y", errors="coerce") if "Excerpt Date" in table.columns else None
    rows, uncoded, weighted = [], 0, 0
    descriptors: dict[str, dict[str, str]] = {}
    resources: dict[str, dict[str, str]] = {}
    made = pd.to_datetime(table["Resource Date"].astype(str).str.strip(), format="%m/%d/%Y", errors="coerce") if "Resource Date" in table.columns else None
    for index, record in enumerate(table.to_dict("records")):
        line = index + 2
        label = f"row {line} (excerpt {str(record.get('Excerpt Range') or '').strip() or line})"
        media = str(record["Media Title"]).strip()
        held = descriptors.setdefault(media, {})
        resource = resources.setdefault(media, {})
        creator = str(record.get("Resource Creator") or "").strip()
        if creator and creator.lower() != "nan":
            resource.setdefault("creator", creator)
        if made is not None and not pd.isna(made.iloc[index]):
            resource.setdefault("created", made.iloc[index].date().isoformat())
        for name in fields:
            value = str(record[name]).strip()
            if value and value.lower() != "nan":
                held.setdefault(name, value)
        if applied:
            codes = [name for column, name in applied.items() if str(record[column]).strip().lower() in _TRUE]
        elif combined:
            codes = [c.strip() for c in str(record["Codes Applied Combined"]).split(",") if c.strip()]
        else:
            codes = []
        if not codes:
            uncoded += 1
            continue
        when = created.iloc[index] if created is not None else pd.NaT
        for code in codes:
            weight = str(record.get(f"Code: {code} Weight") or "").strip()
            weighted += bool(weight)
            rows.append(
                {
                    "doc_id": media,
                    "quote": record["Excerpt Copy"],
                    "code_id": code,
                    "coder": str(record.get("Excerpt Creator") or "").strip(),
                    "weight": weight,
                    "created": "" if pd.isna(when) else when.date().isoformat(),
                    "_line": line,
                    "_label": label,
                }
            )
    notes = [f"{uncoded} excerpt(s) carry no code and are no codings"] if uncoded else []
    if weighted:
        notes.append(f"{path.name}: {weighted} code weight(s) kept with their codings (study.meta['code_weights'], by coding id)")
    if not applied and combined:
        notes.append(f"{path.name}: codes read from 'Codes Applied Combined', which names no parent codes and cuts a name holding ',' in two")
    columns = ["doc_id", "quote", "code_id", "coder", "weight", "created", "_line", "_label"]
    return ToolRows(
        pd.DataFrame(rows, columns=columns), "Dedoose", [], notes,
        descriptors={media: held for media, held in descriptors.items() if held}, media={media: held for media, held in resources.items() if held},
    )


def _taguette_words(content: str) -> str:
    """A highlight's words as a quote: each subtitle cue's opening Taguette shows is words left out (" … "), its WebVTT tags none.

    Examples
    --------
    >>> _taguette_words("loud and clear. 00:00:09.500 <v Sam>Great. We vote <b>now</b>.")
    'loud and clear. … Great. We vote now.'
    >>> _taguette_words("I walk , mostly")
    'I walk , mostly'
    """
    if not (_TAGUETTE_CUE.search(content) or _VTT_TAG.search(content)):
        return content
    # The cue's time and voice are not the transcript's words: the quote runs on over them as over an elision.
    return _VTT_TAG.sub("", _TAGUETTE_CUE.sub(" … ", content)).strip()


#: The title of Taguette's highlights export as a document (HTML, Word, PDF): "Taguette highlights", or ": TAG" after it for one tag's.
_TAGUETTE_TITLE = re.compile(r"^\s*Taguette highlights(?::.*)?\s*$")
#: The line under each highlight's words there: "Document: P01 Tags: Trust, Time::Bus" (its tags joined by ", ").
_TAGUETTE_FOOTER = re.compile(r"^\s*Document:\s*(?P<document>.+?)\s+Tags:(?P<tags>.*)$")


def is_taguette_report(text: str) -> bool:
    """Whether ``text`` is Taguette's highlights export as a document: its title first, then a highlight's "Document: … Tags: …" line."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and bool(_TAGUETTE_TITLE.match(lines[0])) and any(_TAGUETTE_FOOTER.match(line) for line in lines)


def taguette_report_rows(text: str, path: Path) -> ToolRows:
    """The codings of Taguette's highlights exported as HTML, Word or PDF: each highlight's words, then its document and tags.

    This export names no highlight's id and joins its tags with ", ", so a tag whose
    name holds ", " is cut there: said in ``notes`` where a highlight has several
    tags (the CSV and Excel exports keep each tag whole).
    """
    rows, uncoded, several = [], [], 0
    words: list[str] = []
    number = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        footer = _TAGUETTE_FOOTER.match(line)
        if footer is None:
            if not (number == 0 and not words and _TAGUETTE_TITLE.match(line)):
                words.append(line)
            continue
        number += 1
        document = footer["document"].strip()
        label = f"line {line_number} ({document}, highlight {number})"
        tags = [tag.strip() for tag in re.split(r",\s+", footer["tags"].strip()) if tag.strip()]
        quote = _taguette_words("\n".join(words).strip())
        words = []
        if not tags:
            uncoded.append(label)
            continue
        several += len(tags) > 1
        rows.extend({"doc_id": document, "quote": quote, "code_id": tag, "_line": line_number, "_label": label} for tag in tags)
    notes = [f"{path.name}: {len(uncoded)} highlight(s) carry no tag and are no codings ({', '.join(uncoded[:8])})"] if uncoded else []
    if several:
        notes.append(f"{path.name}: the tags of {several} highlight(s) are read cut at ', ' (Taguette's document export joins them so): a tag whose name holds ', ' is cut; its CSV or Excel export keeps each whole")
    return ToolRows(pd.DataFrame(rows, columns=["doc_id", "quote", "code_id", "_line", "_label"]), "Taguette", [], notes, spaces_added=True)


def _taguette(table: pd.DataFrame) -> ToolRows:
    """Taguette's highlights: one row per highlight and each of its tags, the tag's whole name the code.

    Taguette writes a highlight of several tags as several rows of one ``id``, and
    its words as the text of the highlighted HTML (``content``); it keeps no one's
    name with a highlight, so the coder is the manifest entry's.  In a subtitle file
    Taguette shows each cue's time and voice, which the transcript qlr reads does not
    hold: the quote runs over them (:func:`_taguette_words`).  A row with no tag
    (a highlight whose tags were all deleted) is no coding, said in ``notes``.
    """
    rows, uncoded = [], []
    first_row: dict[str, int] = {}  # a highlight's first row: the label of all its tags' rows
    for index, record in enumerate(table.to_dict("records")):
        line = index + 2
        highlight = str(record["id"]).strip() or f"at row {line}"
        label = f"highlight {highlight} (row {first_row.setdefault(highlight, line)})"
        tag = str(record["tag"]).strip()
        if not tag:
            uncoded.append(highlight)
            continue
        row = {"doc_id": str(record["document"]).strip(), "quote": _taguette_words(str(record["content"])), "code_id": tag, "_line": line, "_label": label}
        if "coder" in record:
            row["coder"] = str(record["coder"]).strip()
        rows.append(row)
    columns = ["doc_id", "quote", "code_id", *(["coder"] if "coder" in table.columns else []), "_line", "_label"]
    notes = [f"{len(uncoded)} highlight(s) carry no tag and are no codings ({', '.join(uncoded[:8])}{' …' if len(uncoded) > 8 else ''})"] if uncoded else []
    # Taguette copies a highlight's words out of its HTML with a space between every two pieces of text,
    # so "I <em>walk</em>, mostly" comes as "I walk , mostly": placed with those spaces allowed to be absent.
    return ToolRows(pd.DataFrame(rows, columns=columns), "Taguette", [], notes, spaces_added=True)


# --------------------------------------------------------------------------- QDA Miner

#: QDA Miner's coding retrieval (Retrieval → Coding retrieval, its search hits exported to Excel or CSV): a row per coded
#: segment, its code under its category ("Category" may be a path, "Access\\Barriers"), the case the segment is of and its words.
_QDAMINER_COLUMNS = frozenset({"Category", "Code", "Case", "Text"})
#: The column naming which of a case's documents holds the segment: a project keeps one document variable per wave
#: ("Wave1", "Wave2"), so its name is the wave.
_QDAMINER_DOCUMENT = ("Document", "Variable", "Document variable")
#: Who coded a segment: the user QDA Miner logged in (its multi-user projects), and when.
_QDAMINER_CODER = ("Coder", "User")
#: QDA Miner's own columns of the table; any other is a variable of the case the retrieval was asked to show
#: ("Site", "Group"), as QDA Miner adds the case's variables beside each hit.
_QDAMINER_OWN = frozenset({*_QDAMINER_COLUMNS, *_QDAMINER_DOCUMENT, *_QDAMINER_CODER, "Date", "Words", "Coverage", "Comment", "Color", "Colour", "Hit", "Position", "Start", "Length", "Paragraph"})


def _qdaminer(table: pd.DataFrame, path: Path, *, dayfirst: bool = True) -> ToolRows:
    """QDA Miner's coding retrieval: a coding per row, of the case's document at the wave its document variable names.

    QDA Miner keeps a study as cases, each holding one document per document variable (``Wave1``, ``Wave2``, …), so a
    hit names its document by ``Case`` and ``Document`` (the variable); those become ``case_id`` and ``wave_id``, placed
    as a framework chart's rows are (the case's document at that wave). The code is ``Category\\Code`` (its place in the
    codebook kept), the coder QDA Miner's user, the date each coding's ``created``, and the case's variables shown beside
    the hits (any column not QDA Miner's own) are kept row by row in ``case_values``: a variable is the case's, whatever
    the document, whether or not the hit's words are found. A hit's ``Comment`` is the coding's memo (``_memo``).

    QDA Miner writes its dates as its user's computer does ("05/02/2024"): the column's order is decided once, as a
    survey's date column is (:func:`._responses._dates`: a first number above 12 says day first, a second one month
    first, else ``dayfirst``), and a note says when that was the study's choice.
    """
    # QDA Miner's own headers in any capitals ("CATEGORY", "CASE"): read as it writes them; the variables' as written.
    spelt = {name.casefold(): name for name in _QDAMINER_OWN}
    table = table.rename(columns={c: spelt[str(c).casefold()] for c in table.columns if str(c).casefold() in spelt and spelt[str(c).casefold()] not in table.columns})
    document = next((c for c in _QDAMINER_DOCUMENT if c in table.columns), None)
    coder = next((c for c in _QDAMINER_CODER if c in table.columns), None)
    comment = "Comment" if "Comment" in table.columns else None
    variables = [str(c) for c in table.columns if str(c) not in _QDAMINER_OWN and not (str(c).startswith("Unnamed:") and not table[c].astype(str).str.strip().any())]
    created, notes = _qdaminer_days(table["Date"], path, dayfirst) if "Date" in table.columns else ([None] * len(table), [])
    rows, values, uncoded = [], [], 0
    for index, record in enumerate(table.to_dict("records")):
        line = index + 2
        case = str(record["Case"]).strip()
        variable = str(record[document]).strip() if document else ""
        code = str(record["Code"]).strip()
        if not code:
            uncoded += 1
            continue
        category = _code_path(str(record["Category"]).strip()) if str(record["Category"]).strip() else ""
        name = f"{case} {variable}".strip()
        held = {column: str(record[column]).strip() for column in variables if str(record[column]).strip().lower() not in ("", "nan")}
        if held:
            values.append({"case_id": case, **held})
        rows.append(
            {
                "doc_id": name,
                "case_id": case,
                "wave_id": variable,
                "quote": record["Text"],
                "code_id": f"{category}\\{code}" if category else code,
                "coder": str(record[coder]).strip() if coder else "",
                "created": created[index].isoformat() if created[index] else "",
                "_memo": str(record[comment]).strip() if comment else "",
                "_line": line,
                "_label": f"row {line} ({name}, {code})",
            }
        )
    if uncoded:
        notes.append(f"{uncoded} row(s) of QDA Miner's retrieval name no code and are no codings")
    if document is None:
        notes.append(f"{path.name}: QDA Miner's retrieval names no document variable (a project of one document per case): each coding is of the case's one document")
    columns = ["doc_id", "case_id", "wave_id", "quote", "code_id", "coder", "created", *(["_memo"] if comment else []), "_line", "_label"]
    return ToolRows(pd.DataFrame(rows, columns=columns), "QDA Miner", [], notes, case_values=values, by_case=True)


def _qdaminer_days(written: pd.Series, path: Path, dayfirst: bool) -> tuple[list[Any], list[str]]:
    """Each hit's day from QDA Miner's "Date" column, its numeric dates all read in one order, and the notes to say
    (the order where the study's ``dayfirst`` chose it; the dates that are none).

    >>> days, notes = _qdaminer_days(pd.Series(["05/02/2024", "13/02/2024", "05.02.2024", "6 March 2024", "7-Mar-2024"]), Path("r.csv"), False)
    >>> [day.isoformat() for day in days], notes
    (['2024-02-05', '2024-02-13', '2024-02-05', '2024-03-06', '2024-03-07'], [])
    >>> _qdaminer_days(pd.Series(["05/02/2024", "soon"]), Path("r.csv"), False)[1]
    ["r.csv: QDA Miner's dates such as '05/02/2024' read month first (segmentation.dayfirst)", "r.csv: 1 of QDA Miner's dates are no date and the hits keep none: 'soon' (row 3)"]
    """
    from ._responses import _dates
    from ._segment import find_date

    values = ["" if str(value).strip().lower() in ("", "nan", "nat", "none") else str(value).strip() for value in written]
    days, order = _dates(values, dayfirst)
    # A date naming its month ("6 March 2024", Windows' "5-Feb-2024") has no order to decide: the shared reader's.
    days = [day or (find_date(value) if re.search(r"[^\W\d_]", value) else None) for day, value in zip(days, values)]
    notes = [f"{path.name}: QDA Miner's {order}"] if order else []
    undated = [f"{value!r} (row {index + 2})" for index, (day, value) in enumerate(zip(days, values)) if value and day is None]
    if undated:
        notes.append(f"{path.name}: {len(undated)} of QDA Miner's dates are no date and the hits keep none: {', '.join(undated[:8])}")
    return days, notes
