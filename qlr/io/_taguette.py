"""Reading a Taguette project (its SQLite database, or the ``.sqlite3`` file Taguette exports) into a Study.

Taguette, the free QDA tool (taguette.org), keeps every project of a server, or of the desktop app, in one SQLite
database (``taguette.sqlite3``) and exports one project as a database of the same schema ("Export project", a
``YYYY-MM-DD_name.sqlite3`` file another Taguette imports).  Its tables, as Taguette 1.5's ``database/models.py``
and its alembic migrations define them (``alembic_version`` names the schema; 1.5's is ``db5e31a0233d``):

* ``projects`` (``id``, ``name``, ``description``, ``created``) and ``project_members`` (``user_login``,
  ``privileges``: ``ADMIN``, ``MANAGE_DOCS``, ``TAG``, ``READ``);
* ``documents`` — ``name``, ``description``, the uploaded ``filename``, ``text_direction`` and ``contents``: the
  document as HTML, after Taguette's conversion (HTML kept to a list of safe tags; a ``.txt``, ``.docx`` or ``.pdf``
  through Calibre; subtitles as one ``<p>`` per cue, its start time first);
* ``tags`` — ``path`` (the tag's whole name: Taguette's tags are flat, "a.b" is one tag) and ``description``;
* ``highlights`` — ``document_id``, ``start_offset``/``end_offset`` and ``snippet`` (the highlighted HTML), with
  ``highlight_tags`` (``highlight_id``, ``tag_id``).  The offsets count **UTF-8 bytes of the document's text**, the
  text nodes of its HTML in order, tags not counted (``extract.extract``: "Locations are computed over UTF-8 bytes,
  and doesn't count HTML tags"; the browser's ``describePos`` measures each text node with ``lengthUTF8``), from 0,
  the end not included;
* ``commands`` — the project's log: who did what when (``user_login``, ``date``, a JSON ``payload``); a
  ``highlight_add`` names the highlight it made (``highlight_id``, ``id`` before schema ``bc8e0e0677e9``).  The
  highlight's row has no user: its coder is the user of the first ``highlight_add`` that names it.
* ``groups`` and ``document_groups`` (groups of documents, in schemas before ``43d6c240309d``).

Deleting in Taguette removes the rows, so what the database holds is what Taguette shows.

A document becomes text as Taguette counts it, with a line break where a paragraph, heading, list item or table row
(:data:`._readers._HTML_BLOCKS`) or a ``<br>`` ends a line and none is there, and a tab between table cells: each
highlight's byte offsets are turned into code points of that text (a byte inside a character rounds down, as
Taguette's ``byte_to_str_index`` does).  The database then becomes the REFI-QDA tree and goes through the ``.qdpx``
importer, as QualCoder's and RQDA's do (:mod:`._qualcoder`, :mod:`._rqda`), with each highlight's ``snippet`` (read
the same way) as the passage quoted: one whose text at its place is another passage is named.

The file is untrusted: read as QualCoder's is (:func:`._qualcoder.read_tables`: read-only and immutable, SQLite's
defences, views and virtual tables refused, sizes capped), and never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np

from .._warned import LeftOut
from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES
from ._positions import CONVENTIONS, outside_label
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _safe_text, _Tree, _whole, checked_database, read_tables
from ._readers import _HTML_BLOCKS
from ._store import _SQLITE_MAGIC, open_immutable
from ._tool_tree import import_tree

__all__ = ["read_taguette", "is_taguette_database"]

#: The tables read, and the columns wanted from each (a column an older schema lacks reads as None).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "alembic_version": ("version_num",),
    "projects": ("id", "name", "description", "created"),
    "project_members": ("project_id", "user_login", "privileges"),
    "documents": (
        "id",
        "name",
        "description",
        "filename",
        "created",
        "project_id",
        "text_direction",
        "contents",
    ),
    "tags": ("id", "project_id", "path", "description"),
    "highlights": ("id", "document_id", "start_offset", "end_offset", "snippet"),
    "highlight_tags": ("highlight_id", "tag_id"),
    "commands": ("id", "date", "user_login", "project_id", "document_id", "payload"),
    "groups": ("id", "project_id", "path", "description"),
    "document_groups": ("document_id", "group_id"),
}
#: Without these a database is no Taguette project (its projects, documents, tags and highlights).
TAGUETTE_TABLES = ("projects", "documents", "tags", "highlights", "highlight_tags")
TAGUETTE = Tool(
    "Taguette",
    "a Taguette project",
    give="give the .sqlite3 file Taguette's Export project wrote, or Taguette's own database (taguette.sqlite3)",
    repair="export the project from Taguette again (Project info, Export project)",
    changed="export the project from Taguette again (Project info, Export project)",
)
#: Highlights read from one database at most (as RQDA's codings: a project highlighted by hand holds far fewer).
MAX_HIGHLIGHTS = 200_000
_CAPS = {
    "highlights": (
        MAX_HIGHLIGHTS,
        f"qlr imports at most {MAX_HIGHLIGHTS:,} highlights from one Taguette database; export the one project wanted (Export project) and give that file",
    ),
}
#: The schemas (alembic revisions) whose code in Taguette qlr has read, oldest first: the last is Taguette 1.5's head.
KNOWN_SCHEMAS = (
    "e4e090a5b511", "dd37d9027a24", "679f625e6e6a", "80b1cc9d4c22", "447d636f72c5", "bce44849c2f2", "91ade71ccf4d", "b23f3b7a638e",
    "807c0cc0ecf6", "ecb4065de575", "bc8e0e0677e9", "43d6c240309d", "d86c45d7aa8a", "491de2dc7cd7", "e4cf92942271", "09c662cd9483",
    "6489b5f9cfb5", "382db36f20f4", "db5e31a0233d",
)  # fmt: skip


def has_taguette_tables(names: Iterable[str]) -> bool:
    """Whether an SQLite database whose tables are ``names`` is Taguette's: it has every one of :data:`TAGUETTE_TABLES`."""
    return set(TAGUETTE_TABLES) <= set(names)


def is_taguette_database(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an SQLite database with Taguette's tables (read-only and immutable; False for anything else).

    Examples
    --------
    >>> is_taguette_database("README.md")
    False
    """
    given = Path(path)
    try:
        with open(given, "rb") as stream:
            if stream.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                return False
        connection = open_immutable(given)
    except (OSError, sqlite3.Error):
        return False
    try:
        return has_taguette_tables(str(name) for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def read_taguette(
    path: str | os.PathLike[str],
    *,
    project: int | str | None = None,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a Taguette project (the ``.sqlite3`` file Taguette's Export project writes, or its own database) as a Study.

    The database is read as :func:`read_qualcoder` reads a QualCoder one: into the REFI-QDA tree, imported with the
    options and results of :func:`read_qdpx`.  The file is opened read-only and never changed.

    Parameters
    ----------
    path : str or PathLike
        The database: an exported project (``2024-05-01_my_project.sqlite3``) or ``taguette.sqlite3``.
    project : int or str, optional
        Which project, where the database holds several (a server's or the desktop app's own database); an exported
        project holds one. A number is an id; text is an id or a name, tried as both ("2024"), and an error where it
        names two projects.
    wave : str, mapping or path, optional
        As for :func:`read_qdpx`: ``"pattern:REGEX"``, ``{document name: wave}`` or a CSV; by default the waves the
        documents' names give, else one wave ``W1``.
    case : str or mapping, optional
        ``"pattern:REGEX"`` (group ``case``: ``"pattern:^(?P<case>[^_]+)_"`` makes "P01" of "P01_W1") or
        ``{document name: case}``. Taguette has no cases: without this none are made, every document in no case.
    kind : str, mapping or path, optional
        Each document's kind, as for :func:`read_qdpx`.
    speakers : mapping, optional
        Speaker label → role, as for :func:`read_qdpx`.
    max_bytes : int
        Refuse databases larger than this many bytes.

    Returns
    -------
    Study
        A document per Taguette document (its text as Taguette counts it, a line per paragraph; its description a
        memo), the tags as one flat codebook (a tag's description its definition), every highlight a coding of each
        of its tags (origin ``import``, its coder the user whose command made it), the project's description a memo.
        ``study.meta["import"]`` reports as for a ``.qdpx``, with ``format`` ``"taguette"``, the schema (alembic
        revision), the members and their privileges, and each document's uploaded file name.

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not a Taguette database, damaged, larger than ``max_bytes``, or holding several projects and none chosen.

    Examples
    --------
    >>> import qlr, tempfile, os, sqlite3, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "carers.sqlite3")
    >>> db = sqlite3.connect(path)
    >>> _ = db.executescript(
    ...     "create table projects (id integer primary key, name text, description text, created datetime);"
    ...     "insert into projects values (1, 'Carers', '', '2024-03-01 10:00:00');"
    ...     "create table documents (id integer primary key, name text, description text, filename text, created datetime,"
    ...     " project_id integer, text_direction text, contents text);"
    ...     "insert into documents values (1, 'P01_W1', '', 'P01_W1.html', '2024-03-01 10:01:00', 1, 'LEFT_TO_RIGHT',"
    ...     " '<p>I: How are you?</p><p>P: Tired – but coping.</p>');"
    ...     "create table tags (id integer primary key, project_id integer, path text, description text);"
    ...     "insert into tags values (1, 1, 'coping', 'Managing the strain.');"
    ...     "create table highlights (id integer primary key, document_id integer, start_offset integer, end_offset integer, snippet text);"
    ...     "insert into highlights values (1, 1, 18, 39, '<p>Tired – but coping.</p>');"
    ...     "create table highlight_tags (highlight_id integer, tag_id integer);"
    ...     "insert into highlight_tags values (1, 1);")
    >>> db.commit(); db.close()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_taguette(path)
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('coping', 'Tired – but coping.')
    """
    database = checked_database(path, TAGUETTE, max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    tables = read_tables(
        database,
        max_bytes,
        _COLUMNS,
        TAGUETTE_TABLES,
        TAGUETTE,
        missing_hint="give a project Taguette exported (Project info, Export project), or Taguette's own database",
        caps=_CAPS,
    )
    chosen = _chosen_project(database, tables["projects"], project)
    built = _TaguetteTree(database, tables, chosen)
    return import_tree(
        built,
        database,
        wave=wave,
        case=case,
        kind=kind,
        speakers=speakers,
        extra={"database": str(database), "database_version": built.version, "project_id": built.project_id, "members": built.members, "filenames": built.filenames},
        quoted=True,
        convention=(CONVENTIONS[0], "Taguette's UTF-8 byte offsets, turned into code points of the text as it counts it"),
    )


def _chosen_project(database: Path, rows: list[dict[str, Any]], wanted: int | str | None) -> dict[str, Any]:
    """The project to read: the only one, or the one ``wanted`` names (by id or name)."""
    listed = _listed([f"{_whole(row.get('id'))} {(_safe_text(row.get('name')) or '')!r}" for row in rows], 10)
    if not rows:
        raise QdpxError(
            "the Taguette database holds no project",
            path=database,
            hint="export the project from Taguette again (Project info, Export project)",
        )
    if wanted is None:
        if len(rows) > 1:
            raise QdpxError(
                f"the Taguette database holds {len(rows)} projects: {listed}",
                path=database,
                hint="choose one with project=ID or NAME (qlr import --project), or give the file Taguette's Export project wrote for it",
            )
        return rows[0]
    # A number is an id; text is an id or a name ("--project 2024" on the command line may be either), tried as both.
    named = [
        row for row in rows
        if (isinstance(wanted, int) and _whole(row.get("id")) == wanted)
        or (isinstance(wanted, str) and bool({wanted, wanted.strip()} & {_safe_text(row.get("name")), str(_whole(row.get("id")))}))
    ]
    if len(named) > 1:
        which = _listed([f"{_whole(row.get('id'))} {(_safe_text(row.get('name')) or '')!r}" for row in named], 10)
        raise QdpxError(
            f"the Taguette database has more than one project that {wanted!r} names (as an id or a name): {which}",
            path=database,
            hint="in Python give the id as a number (project=2); or rename one project in Taguette, or give the file Taguette's Export project wrote for the one you want",
        )
    if named:
        return named[0]
    raise QdpxError(
        f"the Taguette database has no project {wanted!r}; it holds {listed}",
        path=database,
        hint="give one of these ids or names",
    )


# ---------------------------------------------------------------- text as Taguette counts it
#: Where a line of text ends in Taguette's HTML (``caption`` too: a table's title is a line of its own).
_LINE_ENDS = _HTML_BLOCKS | {"caption"}
#: Elements whose first line break HTML's parser drops (browsers and html5lib alike).
_FIRST_NEWLINE_DROPPED = frozenset({"pre", "listing", "textarea"})


class _Counted(HTMLParser):
    """A document's HTML as text, with where each character Taguette counts lands in it (see :func:`counted_text`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.length = 0
        self.counted_runs: list[str] = []  # the text nodes, as Taguette counts them
        self.shifts: list[int] = []  # for each: how far qlr's text has moved it on (the line breaks and tabs added before it)
        self.counted_length = 0
        self.trailing_newlines = 0  # line breaks in the whitespace the text ends with
        self.lines = 0  # line breaks owed before the next text: a <br> each, a block's end or start one
        self.cell = False
        self.drop_newline = False
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.drop_newline = tag in _FIRST_NEWLINE_DROPPED
        if tag == "br":
            self.lines += 1
        elif tag in _LINE_ENDS:
            self.lines = max(self.lines, 1)
        elif tag in ("td", "th"):
            self.cell = True
        elif tag == "img":
            self.images += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.drop_newline = False
        if tag in _LINE_ENDS:
            self.lines = max(self.lines, 1)

    def handle_data(self, data: str) -> None:
        if self.drop_newline and data.startswith("\n"):
            data = data[1:]
        self.drop_newline = False
        data = data.replace(
            "\x00", ""
        )  # a NUL in a page's text is dropped by the parser, as browsers drop it
        if not data:
            return
        if self.length:
            leading = len(data) - len(data.lstrip(" \t\n\f"))
            if self.lines:
                owed = self.lines - self.trailing_newlines - data[:leading].count("\n")
                if owed > 0:
                    self._emit("\n" * owed)
            elif (
                self.cell
                and not leading
                and not self.trailing_newlines
                and not self.pieces[-1][-1:].isspace()
            ):
                self._emit("\t")
        self.lines, self.cell = 0, False
        self.counted_runs.append(data)
        self.shifts.append(self.length - self.counted_length)  # where the run lands in the text, less where it is in Taguette's
        self.counted_length += len(data)
        self.length += len(data)
        self._emit(data, counted=True)

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """For each character Taguette counts: the UTF-8 bytes counted up to its end, and its place in the text."""
        if not self.counted_runs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        # Each character's UTF-8 length from its code point (1 to 4 bytes).
        points = np.frombuffer("".join(self.counted_runs).encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
        ends = np.cumsum(1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000))
        places = np.arange(len(points), dtype=np.int64) + np.repeat(np.asarray(self.shifts, dtype=np.int64), [len(run) for run in self.counted_runs])
        return ends, places

    def _emit(self, text: str, *, counted: bool = False) -> None:
        self.pieces.append(text)
        if not counted:
            self.length += len(text)
        stripped = text.rstrip(" \t\n\f")
        tail = text[len(stripped) :].count("\n")
        self.trailing_newlines = tail if stripped else self.trailing_newlines + tail


class CountedText:
    """A Taguette document's text and the map from its UTF-8 byte offsets to code points of that text."""

    def __init__(self, html: str) -> None:
        parser = _Counted()
        # HTML's parser reads CR LF and a lone CR as LF before anything else (the browser counted them so).
        parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
        parser.close()
        self.text = "".join(parser.pieces)
        self.images = parser.images
        self._ends, self._places = parser.positions()
        self.bytes = int(self._ends[-1]) if len(self._ends) else 0

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where Taguette's ``start_offset``/``end_offset`` fall in :attr:`text`, or None when they cannot be right.

        A highlight holds the characters from the one holding byte ``start`` to the last that ends by byte ``end``.
        """
        if not 0 <= start < end <= self.bytes:
            return None
        first = int(np.searchsorted(self._ends, start, side="right"))
        last = int(np.searchsorted(self._ends, end, side="right")) - 1
        if last < first:
            return None
        return int(self._places[first]), int(self._places[last]) + 1


def counted_text(html: str) -> str:
    """A Taguette document's (or highlight's) HTML as text: its text nodes in order, a line break where a block or
    ``<br>`` ends a line and none is there, a tab between table cells.

    Examples
    --------
    >>> counted_text("<p>I: How are you?</p><p>P: Fine &amp; <b>tired</b>.</p>")
    'I: How are you?\\nP: Fine & tired.'
    >>> counted_text("<p>line one<br>line two</p>\\n<p>next</p>")
    'line one\\nline two\\nnext'
    """
    return CountedText(html).text


# ---------------------------------------------------------------- the REFI-QDA tree
class _TaguetteTree(_Tree):
    """The REFI-QDA ``<Project>`` one project of a Taguette database stands for, with what it left out."""

    key = "taguette"

    def __init__(
        self, database: Path, tables: dict[str, list[dict[str, Any]]], chosen: dict[str, Any]
    ) -> None:
        self.project_id = _whole(chosen.get("id"))
        versions = [_safe_text(row.get("version_num")) for row in tables["alembic_version"]]
        version = next((v for v in versions if v), None) or "unknown"
        about = {
            "about": f"Taguette (schema {version})",
            "databaseversion": version,
            "date": chosen.get("created"),
            "memo": chosen.get("description"),
        }
        super().__init__(database, {**tables, "project": [about]})
        self.name = _safe_text(chosen.get("name")) or database.stem
        if version not in KNOWN_SCHEMAS:
            self.notes.append(
                f"the database's schema ({version}) is not one qlr has read Taguette's code for (Taguette 1.5's is {KNOWN_SCHEMAS[-1]}): "
                "it was read as 1.5's; check the documents and highlights, or export the project from Taguette 1.5"
            )
        self.members = [
            {"login": _safe_text(row.get("user_login")), "privileges": _safe_text(row.get("privileges"))}
            for row in tables["project_members"]
            if _whole(row.get("project_id")) == self.project_id
        ]
        self.filenames: dict[str, str] = {}
        self._documents = {
            key: row
            for row in tables["documents"]
            if _whole(row.get("project_id")) == self.project_id and (key := _whole(row.get("id"))) is not None
        }
        self._tags = {
            key: row
            for row in tables["tags"]
            if _whole(row.get("project_id")) == self.project_id and (key := _whole(row.get("id"))) is not None
        }

    def project(self) -> ET.Element:
        root = super().project()
        root.set("name", self.name)
        return root

    # ------------------------------------------------------------ tags
    def codebook(self) -> tuple[ET.Element, set[int]]:
        """``<Codes>``: every tag of the project, flat, by its whole name (``path``)."""
        codes = ET.Element(f"{_NS}Codes")
        kept: set[int] = set()
        for key, row in self._tags.items():
            name = _safe_text(row.get("path"))
            if not name or not name.strip():
                self.refuse(f"tag {key}", "it has no name (left out, and its highlights' codings)")
                continue
            element = ET.SubElement(
                codes, f"{_NS}Code", {"guid": self.guid("code", key), "name": name, "isCodable": "true"}
            )
            self._description(element, row.get("description"))
            kept.add(key)
        return codes, kept

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """Taguette has no variables."""
        return ET.Element(f"{_NS}Variables"), {}

    # ------------------------------------------------------------ documents and highlights
    def _makers(self) -> dict[int, dict[str, Any]]:
        """Each highlight's first ``highlight_add`` command (who made it, when), by highlight id."""
        found: dict[int, dict[str, Any]] = {}
        unreadable = 0
        for row in sorted(self.tables["commands"], key=lambda r: (_whole(r.get("id")) or 0, r["rowid"])):
            if _whole(row.get("project_id")) != self.project_id:
                continue
            try:
                payload = json.loads(row.get("payload") or "")
            except (TypeError, ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
                unreadable += 1
                continue
            if not isinstance(payload, dict) or payload.get("type") != "highlight_add":
                continue
            key = _whole(payload.get("highlight_id", payload.get("id")))
            if key is not None and key not in found:
                found[key] = {"owner": row.get("user_login"), "date": row.get("date")}
        if unreadable:
            self.notes.append(
                f"{unreadable} entr{'y' if unreadable == 1 else 'ies'} of the project's log (commands) could not be read as JSON: who made a highlight is taken from the others"
            )
        return found

    def sources(self, known_codes: set[int], types: dict[str, str]) -> tuple[ET.Element, dict[int, str]]:
        """``<Sources>``: each document a text source holding its highlights; {document id: GUID}."""
        part = ET.Element(f"{_NS}Sources")
        counted: dict[int, CountedText] = {}
        images = 0
        for key, row in self._documents.items():
            contents = row.get("contents")
            if not isinstance(contents, str):
                self.refuse(
                    f"document {key} ({_safe_text(row.get('name'))!r})",
                    "its contents are not text (left out, and its highlights)",
                )
                continue
            counted[key] = CountedText(contents)
            images += counted[key].images
        selections = self._highlights(counted, known_codes)
        guids: dict[int, str] = {}
        for key, text in counted.items():
            row = self._documents[key]
            name = _safe_text(row.get("name")) or f"document {key}"
            guid = guids[key] = self.guid("source", key)
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": name})
            when = self.when(row.get("created"))
            if when:
                outer.set("creationDateTime", when)
            self._description(outer, row.get("description"))
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text.text
            filename = _safe_text(row.get("filename"))
            if filename:
                self.filenames[name] = filename
            for element in selections.get(key, []):
                outer.append(element)
        if images:
            self.notes.append(LeftOut(
                f"{images} picture(s) in the documents' HTML were not imported: qlr reads text (Taguette shows a placeholder for each)"
            ))
        return part, guids

    def _highlights(
        self, counted: dict[int, CountedText], known_codes: set[int]
    ) -> dict[int, list[ET.Element]]:
        """Each document's ``<PlainTextSelection>``s: one per highlight, a ``<Coding>`` for each of its tags."""
        tags_of: dict[int, list[int]] = {}
        other_project: list[str] = []
        own = {
            _whole(row.get("id"))
            for row in self.tables["highlights"]
            if _whole(row.get("document_id")) in self._documents
        }
        for row in self.tables["highlight_tags"]:
            highlight, tag = _whole(row.get("highlight_id")), _whole(row.get("tag_id"))
            if highlight not in own or tag is None:
                continue
            if tag in known_codes:
                if tag not in tags_of.setdefault(highlight, []):  # Taguette's key (highlight_id, tag_id) has each once
                    tags_of[highlight].append(tag)
            elif tag not in self._tags:
                other_project.append(f"highlight {highlight} → tag {tag}")
        makers = self._makers()
        found: dict[int, list[ET.Element]] = {}
        untagged: list[int] = []
        blank: list[int] = []
        no_maker = 0
        for row in self.tables["highlights"]:
            key, document = _whole(row.get("id")), _whole(row.get("document_id"))
            if key is None or document not in self._documents:
                continue  # another project's highlight
            where = f"highlight {key}"
            if document not in counted:
                self.refuse(where, f"its document {document} has no text (left out)")
                continue
            start, end = _whole(row.get("start_offset")), _whole(row.get("end_offset"))
            text = counted[document]
            span = text.span(start, end) if start is not None and end is not None else None
            if span is None and start is not None and end is not None and not 0 <= start < end <= text.bytes:
                name = _safe_text(self._documents[document].get("name")) or f"document {document}"
                self.outside.setdefault(name, (text.bytes, "UTF-8 bytes, as Taguette counts", []))[2].append(outside_label(where, start, end))
                continue
            if span is None:
                self.refuse(
                    where,
                    f"its offsets {row.get('start_offset')!r}, {row.get('end_offset')!r} are not a stretch of its document's {text.bytes:,} bytes of text (left out)",
                )
                continue
            if not text.text[span[0] : span[1]].strip():
                blank.append(key)
                continue
            tags = tags_of.get(key, [])
            if not tags:
                untagged.append(key)
                continue
            maker = makers.get(key, {})
            no_maker += not _safe_text(maker.get("owner"))
            selection = self.stamp(
                self.selection(
                    "PlainTextSelection",
                    "highlight",
                    key,
                    startPosition=str(span[0]),
                    endPosition=str(span[1]),
                ),
                maker,
            )
            snippet = row.get("snippet")
            if isinstance(snippet, str):
                selection.set("name", counted_text(snippet))  # the passage Taguette stored when it was made
            for tag in tags:
                coding = self.stamp(
                    ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{key}:{tag}")}),
                    maker,
                )
                ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", tag)})
            found.setdefault(document, []).append(selection)
        if untagged:
            self.notes.append(LeftOut(
                f"{len(untagged)} highlight(s) have no tag and were not imported (a coding needs a code; give them a tag in Taguette to keep them): "
                + _listed([str(k) for k in untagged], 10)
            ))
        if blank:
            self.notes.append(
                f"{len(blank)} highlight(s) hold only white space and were not imported (Taguette 1.5 removes them): "
                + _listed([str(k) for k in blank], 10)
            )
        if other_project:
            self.notes.append(
                f"{len(other_project)} tag(s) of highlights belong to no tag of this project (Taguette 1.4 removes them) and were not imported: "
                + _listed(other_project, 10)
            )
        if no_maker:
            self.notes.append(
                f"{no_maker} highlight(s) are named by no highlight_add in the project's log (commands), so who made them is not known: kept with the coder 'unknown'"
            )
        return found

    def cases(self, types: dict[str, str], source_guid: dict[int, str]) -> ET.Element:
        """Taguette has no cases."""
        return ET.Element(f"{_NS}Cases")

    def journal(self) -> ET.Element:
        """Taguette has no journal."""
        return ET.Element(f"{_NS}Notes")

    def sets(self, source_guid: dict[int, str]) -> ET.Element:
        """``<Sets>``: the groups of documents of schemas before 2021 (``groups``, ``document_groups``)."""
        part = ET.Element(f"{_NS}Sets")
        members: dict[int, list[int]] = {}
        for row in self.tables["document_groups"]:
            document, group = _whole(row.get("document_id")), _whole(row.get("group_id"))
            if (
                group is not None
                and document in source_guid
                and document not in members.setdefault(group, [])
            ):
                members[group].append(document)
        for row in self.tables["groups"]:
            key, name = _whole(row.get("id")), _safe_text(row.get("path"))
            if key is None or not name or _whole(row.get("project_id")) != self.project_id:
                continue
            element = ET.SubElement(part, f"{_NS}Set", {"guid": self.guid("group", key), "name": name})
            self._description(element, row.get("description"))
            for document in members.get(key, []):
                ET.SubElement(element, f"{_NS}MemberSource", {"targetGUID": source_guid[document]})
        return part
