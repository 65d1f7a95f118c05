"""Reading a QualCoder project (``name.qda/data.qda``, an SQLite database) into a Study.

QualCoder keeps a project as a folder ``name.qda`` whose ``data.qda`` is an SQLite
database: ``source`` (each file, its ``fulltext`` for text), ``code_cat`` and
``code_name`` (the code tree: categories, codes under a category or, since
database version v16, under another code), ``code_text`` (a coding: ``fid``,
``cid``, ``pos0``/``pos1`` as code points into the source's ``fulltext``, its
``seltext``, ``owner`` the coder, ``memo``), ``code_image`` and ``code_av``
(codings on picture or PDF regions and stretches of recordings), ``annotation``
(a note on a stretch of text), ``cases`` and ``case_text`` (which files belong to
which case), ``attribute_type`` and ``attribute`` (case and file variables),
``journal`` and ``project`` (its version, its memo).

The database is read into the REFI-QDA tree QualCoder itself would export
(``<Project>`` with users, the code tree, variables, cases, sources and their
selections, notes) and that tree goes through the ``.qdpx`` importer
(:class:`qlr.io._qdpx_read._Importer`): every decision — how a source becomes a
document and its segments, how the code tree becomes a Codebook, which position
convention places the codings (verified against each selection's text), the
``case=``/``wave=``/``kind=`` options, what is left out and said — is made in one
place for both.  What only a QualCoder database has is decided here: which rows
are text, pictures, PDFs or recordings (``mediapath``), a transcript's link to its
recording (``av_text_id``), case membership (a ``case_text`` row over the whole
file), the speaker markers QualCoder's speaker tool writes (left out, said), rows
whose values cannot be right (left out, counted).

The file is untrusted: it is opened read-only (``mode=ro``) with SQLite's defences
(:func:`qlr.io._store._defend`: no trusted schema, query only, a heap limit, a cap
on any one value), its size is checked first, every table read must be a table
(not a view standing in for one), row counts are checked before rows are read,
and every value is checked for its type.  Nothing is ever written to it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES
from ._qdpx_read import SPEAKER_CODER, check_rules, speaker_marks_note
from ._store import MAX_ROWS, MAX_VALUE_BYTES, _defend, connect_read_only, is_sqlite_file
from ._tool_tree import Tool, checked_export, import_tree

__all__ = ["read_qualcoder", "qualcoder_database"]

_NS = "{urn:QDA-XML:project:1.0}"
#: The database inside a project folder.
DATABASE = "data.qda"
#: The tables read, and the columns wanted from each (a column an older database lacks reads as None).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "project": ("databaseversion", "date", "memo", "about"),
    "source": ("id", "name", "fulltext", "mediapath", "memo", "owner", "date", "av_text_id"),
    "code_cat": ("catid", "name", "owner", "date", "memo", "supercatid"),
    "code_name": ("cid", "name", "memo", "catid", "owner", "date", "color", "supercid"),
    "code_text": ("ctid", "cid", "fid", "seltext", "pos0", "pos1", "owner", "date", "memo", "avid", "important"),
    "code_image": ("imid", "id", "x1", "y1", "width", "height", "cid", "memo", "date", "owner", "pdf_page"),
    "code_av": ("avid", "id", "pos0", "pos1", "cid", "memo", "date", "owner"),
    "annotation": ("anid", "fid", "pos0", "pos1", "memo", "owner", "date"),
    "cases": ("caseid", "name", "memo", "owner", "date"),
    "case_text": ("id", "caseid", "fid", "pos0", "pos1", "owner", "date", "memo"),
    "attribute_type": ("name", "date", "owner", "memo", "caseOrFile", "valuetype"),
    "attribute": ("attrid", "name", "attr_type", "value", "id", "date", "owner"),
    "journal": ("jid", "name", "jentry", "date", "owner"),
}
#: Without these a database is no QualCoder project.
_REQUIRED = ("project", "source", "code_name", "code_text")
_MEDIA = {"images": "PictureSource", "audio": "AudioSource", "video": "VideoSource"}
_WHOLE = re.compile(r"^[+-]?\d{1,18}$")


def qualcoder_database(path: str | os.PathLike[str]) -> Path | None:
    """The ``data.qda`` database of a QualCoder project, or None when ``path`` is no QualCoder project.

    ``path`` may be the project folder (``name.qda``, or any folder holding a
    ``data.qda``) or the database file itself.

    Parameters
    ----------
    path : str or PathLike
        A project folder or its database.

    Returns
    -------
    Path or None
        The database file, or None.

    Examples
    --------
    >>> qualcoder_database("data/sample") is None
    True
    """
    given = Path(path)
    if given.is_dir():
        inside = given / DATABASE
        return inside if inside.is_file() else None
    if given.is_file() and (given.name.lower() == DATABASE or given.suffix.lower() == ".qda"):
        return given
    return None


def read_qualcoder(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a QualCoder project (the ``name.qda`` folder, or its ``data.qda``) as a Study.

    The project is read as its REFI-QDA export would be by :func:`read_qdpx`,
    with the same options and the same results; the database is opened
    read-only and never changed.

    Parameters
    ----------
    path : str or PathLike
        The project folder ``name.qda`` (QualCoder's), or the ``data.qda`` inside it.
    wave : str, mapping or path, optional
        Where each source's wave comes from, as for :func:`read_qdpx`:
        ``"variable:NAME"`` (a file attribute, else its case's), ``"pattern:REGEX"``,
        ``{file name: wave}`` or a CSV (``source,wave``).  By default one wave ``W1``.
    case : str or mapping, optional
        ``"pattern:REGEX"`` (group ``case``) or ``{file name: case}``; by default the
        project's cases (a file belongs to the case that holds the whole file).
    kind : str, mapping or path, optional
        Each source's kind of document, as for :func:`read_qdpx`.
    speakers : mapping, optional
        Speaker label → role, as for :func:`read_qdpx`.
    max_bytes : int
        Refuse databases larger than this many bytes.

    Returns
    -------
    Study
        Documents from the text files (a PDF's text, a recording's transcript in
        its recording's case), the code tree (categories are themes, or codes
        that are not codable below the top) as one codebook, every coder's codings
        (origin ``import``, the ``owner`` as coder), memos from coding memos, annotations (on their
        segment), files' and cases' memos, the project memo and journal entries,
        cases with their attributes.  ``study.meta["import"]`` reports as for a
        ``.qdpx``, with ``format`` ``"qualcoder"`` and the database version.

    Raises
    ------
    SourceNotFoundError
        No such project.
    QdpxError
        Not a QualCoder database, damaged, or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, sqlite3
    >>> folder = os.path.join(tempfile.mkdtemp(), "carers.qda"); os.mkdir(folder)
    >>> db = sqlite3.connect(os.path.join(folder, "data.qda"))
    >>> _ = db.executescript(
    ...     "CREATE TABLE project (databaseversion text, date text, memo text, about text);"
    ...     "INSERT INTO project VALUES ('v17', '2024-03-01 10:00:00', '', 'QualCoder 3.6');"
    ...     "CREATE TABLE source (id integer primary key, name text, fulltext text, mediapath text, memo text, owner text, date text);"
    ...     "INSERT INTO source VALUES (1, 'P01_W1', 'I: How are you?\\nP: Tired but coping.', NULL, '', 'ana', '2024-03-01 10:00:00');"
    ...     "CREATE TABLE code_name (cid integer primary key, name text, memo text, catid integer, owner text, date text, color text);"
    ...     "INSERT INTO code_name VALUES (1, 'Coping', 'Managing the strain.', NULL, 'ana', '2024-03-01 10:00:00', '#88CC88');"
    ...     "CREATE TABLE code_text (ctid integer primary key, cid integer, fid integer, seltext text, pos0 integer, pos1 integer, owner text, date text, memo text);"
    ...     "INSERT INTO code_text VALUES (1, 1, 1, 'Tired but coping.', 19, 36, 'ana', '2024-03-01 10:05:00', '');")
    >>> db.commit(); db.close()
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_qualcoder(folder)
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], coding["coder"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('coping', 'ana', 'Tired but coping.')
    """
    given, database = checked_export(
        path,
        QUALCODER,
        folder=True,
        kind=qualcoder_database,
        not_kind=lambda given: f"this is not a QualCoder project: {'the folder holds no data.qda' if given.is_dir() else 'a QualCoder project is a folder name.qda holding data.qda'}",
    )
    checked_database(database, QUALCODER, max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    project = given if given.is_dir() else database.parent if database.name.lower() == DATABASE else database
    tables = _read_database(database, max_bytes)
    built = _Tree(project, tables)
    return import_tree(built, project, wave=wave, case=case, kind=kind, speakers=speakers, extra={"database": str(database), "database_version": built.version})


# ---------------------------------------------------------------- the database
QUALCODER = Tool(
    "QualCoder",
    "a QualCoder project",
    give="give the project folder QualCoder made (name.qda) or the data.qda inside it; or export the project from QualCoder as REFI-QDA (.qdpx) and import that",
    repair="open the project in QualCoder (it repairs what it can) or restore a backup",
    changed="open the project in QualCoder and export it as REFI-QDA (.qdpx)",
)


def _read_database(database: Path, max_bytes: int) -> dict[str, list[dict[str, Any]]]:
    """Every table qlr reads of a QualCoder database."""
    return read_tables(database, max_bytes, _COLUMNS, _REQUIRED, QUALCODER, missing_hint="give the data.qda of a QualCoder project (QualCoder 1.0 or later)")


def checked_database(database: str | os.PathLike[str], tool: Tool, max_bytes: int) -> Path:
    """``database``, once :func:`._tool_tree.checked_export` finds it a file, not empty, an SQLite database (by its first
    bytes) and within ``max_bytes``: what every reader of a tool's SQLite project (QualCoder, RQDA, Taguette) checks
    before :func:`read_tables` opens it."""
    return checked_export(database, tool, kind=lambda given: True if is_sqlite_file(given) else None, not_kind=f"this is not {tool.project}: it is not an SQLite database", max_bytes=max_bytes)[0]


def read_tables(
    database: Path,
    max_bytes: int,
    columns: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    tool: Tool,
    *,
    missing_hint: str,
    caps: Mapping[str, tuple[int, str]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of the wanted ``columns`` of each table (a column the database lacks reads as None, a table it lacks as no
    rows), from a tool's SQLite project opened read-only and defended (:func:`._store._defend`): its size checked first,
    each table a table (not a view), the ``required`` ones there, row counts checked before rows are read (``caps``: a
    table's own lower limit, and the hint said when it is passed).  ``database`` is one :func:`checked_database` passed;
    ``max_bytes`` is weighed there."""
    connection = connect_read_only(
        database,
        unfinished=f"an unfinished write (is the project open in {tool.name}?); the project is read as it was before that write. "
        f"Fix: close the project in {tool.name} and import again",
        failed=lambda why: QdpxError(f"cannot open the database: {why}", path=database, hint=f"close the project in {tool.name} and check the file can be read"),
    )
    try:
        _defend(connection, MAX_VALUE_BYTES)
        return _tables(connection, database, columns, required, tool, missing_hint, caps or {})
    except sqlite3.DatabaseError as exc:
        raise QdpxError(f"the database is damaged or cannot be read ({exc})", path=database, hint=f"{tool.repair}, then import again") from None
    finally:
        connection.close()


def _tables(
    connection: sqlite3.Connection,
    database: Path,
    wanted_columns: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    tool: Tool,
    missing_hint: str,
    caps: Mapping[str, tuple[int, str]],
) -> dict[str, list[dict[str, Any]]]:
    # A virtual table (CREATE VIRTUAL TABLE … USING fts5) runs a module's code when read: refused as a view is.
    objects = {
        str(name): "virtual table" if kind == "table" and re.match(r"(?i)\s*create\s+virtual\b", sql or "") else str(kind)
        for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view')")
    }
    missing = [table for table in required if table not in objects]
    if missing:
        raise QdpxError(f"this SQLite database is not {tool.project}: it has no table {', '.join(map(repr, missing))}", path=database, hint=missing_hint)
    impostors = [name for name in wanted_columns if objects.get(name) not in (None, "table")]
    if impostors:
        raise QdpxError(f"{', '.join(map(repr, impostors))} should be a table, and is a {objects[impostors[0]]}: the database was changed outside {tool.name}", path=database, hint=tool.changed)
    check = connection.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise QdpxError(f"the database is damaged (SQLite reports: {check[0] if check else 'nothing'})", path=database, hint=tool.repair)
    found: dict[str, list[dict[str, Any]]] = {}
    for table, wanted in wanted_columns.items():
        if table not in objects:
            found[table] = []
            continue
        (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        cap, why = caps.get(table, (MAX_ROWS, None))
        if count > cap:
            raise QdpxError(f"table {table!r} has {count:,} rows, over the limit of {cap:,}", path=database, hint=why)
        present = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
        columns = [column for column in wanted if column in present]
        # rowid stands in for a key an older database lacks (code_text had no ctid before v4; RQDA's coding has none).
        select = ", ".join(["rowid", *(f'"{column}"' for column in columns)])
        rows = []
        for values in connection.execute(f'SELECT {select} FROM "{table}" ORDER BY rowid'):
            row = dict.fromkeys(wanted)
            row.update(zip(columns, values[1:]))
            row["rowid"] = values[0]
            row["_columns"] = present  # one set for the table: which columns it has (a status column an older database lacks)
            rows.append(row)
        found[table] = rows
    return found


# ---------------------------------------------------------------- values
def _text(value: Any) -> str | None:
    """A text value (QualCoder stores numbers in text columns at times); None for NULL; a ``ValueError`` for bytes."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"a {type(value).__name__} where text belongs")


def _whole(value: Any) -> int | None:
    """A whole number (a key, a position), or None when it is NULL or not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.match(value.strip()):
        return int(value.strip())
    return None


def _when(value: Any) -> str | None:
    """QualCoder's ``yyyy-mm-dd hh:mm:ss`` as ISO 8601 (the importer checks it and counts what is not a time)."""
    text = value if isinstance(value, str) else None
    return text.strip().replace(" ", "T", 1) if text and text.strip() else None


# ---------------------------------------------------------------- the REFI-QDA tree
class _Tree:
    """The REFI-QDA ``<Project>`` a QualCoder database stands for, with what it left out.

    Another tool's SQLite project (RQDA's, :mod:`._rqda`) is read by a subclass that reads its own tables into the same
    parts (``codebook``, ``variables``, ``sources``, ``cases``, ``journal``, ``sets``) and its own clock (``when``).
    """

    #: Part of the namespace of the GUIDs derived from the project, so two tools' projects do not share them.
    key = "qualcoder"

    def __init__(self, project: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        self.path, self.tables = project, tables
        self.notes: list[str] = []
        self.refused: list[str] = []
        # Document → (its text's length, the unit, what was left out there with its positions) for codings past the text.
        self.outside: dict[str, tuple[int, str, list[str]]] = {}
        # How many codings those hold, where an id there holds several (a Transana quote, one coding per keyword); None: one each.
        self.outside_codings: int | None = None
        about = tables["project"][0] if tables["project"] else {}
        self.about = _safe_text(about.get("about")) or "QualCoder"
        self.version = _safe_text(about.get("databaseversion")) or "v1"
        self.created = self.when(about.get("date"))
        self.memo = _safe_text(about.get("memo"))
        # GUIDs derived from the project (its creation time and name) and each row's id, so
        # importing twice gives the same ids, and two projects do not share them.
        self._space = uuid.uuid5(uuid.NAMESPACE_URL, f"{self.key}:{self.created or ''}:{project.stem}")
        self.users: dict[str, str] = {}
        self.labels: dict[str, str] = {}  # selection GUID → the row it came from, for warnings

    @staticmethod
    def when(value: Any) -> str | None:
        """A row's time as ISO 8601 (QualCoder's ``yyyy-mm-dd hh:mm:ss``)."""
        return _when(value)

    def guid(self, kind: str, key: Any) -> str:
        return str(uuid.uuid5(self._space, f"{kind}:{key}"))

    def selection(self, tag: str, table: str, key: Any, **attributes: str) -> ET.Element:
        """A selection element for row ``key`` of ``table``, its GUID labelled ``table key`` for warnings."""
        guid = self.guid("selection" if table == "code_text" else table, key)
        self.labels[guid] = f"{table} {key}"
        return ET.Element(f"{_NS}{tag}", {"guid": guid, **attributes})

    def user(self, owner: Any) -> str | None:
        name = _safe_text(owner)
        if not name:
            return None
        return self.users.setdefault(name, self.guid("user", name))

    def stamp(self, element: ET.Element, row: dict[str, Any]) -> ET.Element:
        user, when = self.user(row.get("owner")), self.when(row.get("date"))
        if user:
            element.set("creatingUser", user)
        if when:
            element.set("creationDateTime", when)
        return element

    def refuse(self, where: str, why: str) -> None:
        self.refused.append(f"{where} in {self.path.name}: {why}")

    # ------------------------------------------------------------ the whole
    def project(self) -> ET.Element:
        root = ET.Element(f"{_NS}Project", {"name": self.path.stem, "origin": self.about})
        if self.created:
            root.set("creationDateTime", self.created)
        users = ET.SubElement(root, f"{_NS}Users")
        codes, known_codes = self.codebook()
        variables, known_variables = self.variables()
        sources, source_guid = self.sources(known_codes, known_variables)
        cases = self.cases(known_variables, source_guid)
        notes = self.journal()
        sets = self.sets(source_guid)
        for name, guid in self.users.items():
            ET.SubElement(users, f"{_NS}User", {"guid": guid, "name": name})
        book = ET.SubElement(root, f"{_NS}CodeBook")
        book.append(codes)
        for part in (variables, cases, sources, notes, sets):
            if len(part):
                root.append(part)
        if self.memo and self.memo.strip():
            ET.SubElement(root, f"{_NS}Description").text = self.memo
        return root

    # ------------------------------------------------------------ codes
    def codebook(self) -> tuple[ET.Element, set[int]]:
        """``<Codes>``: categories (not codable) and codes, nested as QualCoder nests them."""
        codes = ET.Element(f"{_NS}Codes")
        categories: dict[int, dict[str, Any]] = {}
        for row in self.tables["code_cat"]:
            key, name = _whole(row.get("catid") if row.get("catid") is not None else row["rowid"]), _safe_text(row.get("name"))
            if key is None or not name:
                self.refuse(f"code_cat row {row['rowid']}", "no id or no name (left out; its codes go to the top of the tree)")
                continue
            categories[key] = row
        named: dict[int, dict[str, Any]] = {}
        for row in self.tables["code_name"]:
            key, name = _whole(row.get("cid") if row.get("cid") is not None else row["rowid"]), _safe_text(row.get("name"))
            if key is None or not name:
                self.refuse(f"code_name row {row['rowid']}", "no id or no name (left out, and its codings)")
                continue
            named[key] = row
        elements: dict[tuple[str, int], ET.Element] = {}
        for kind, rows, codable in (("cat", categories, "false"), ("code", named, "true")):
            for key, row in rows.items():
                element = ET.Element(f"{_NS}Code", {"guid": self.guid(kind, key), "name": _safe_text(row["name"]) or "", "isCodable": codable})
                colour = _safe_text(row.get("color"))
                if colour and re.fullmatch(r"#[0-9A-Fa-f]{6}", colour.strip()):
                    element.set("color", colour.strip())
                memo = _safe_text(row.get("memo"))
                if memo and memo.strip():
                    ET.SubElement(element, f"{_NS}Description").text = memo
                elements[(kind, key)] = element
        parents = {("cat", key): _parent_key("cat", row.get("supercatid"), categories) for key, row in categories.items()}
        for key, row in named.items():
            above = _parent_key("code", row.get("supercid"), named) if row.get("supercid") is not None else None
            parents[("code", key)] = above if above and above != ("code", key) else _parent_key("cat", row.get("catid"), categories)
        for node in list(parents):
            if _in_loop(node, parents):
                self.refuse(f"code_{'cat' if node[0] == 'cat' else 'name'} {node[1]}", "its parents make a loop (put at the top of the tree)")
                parents[node] = None
        for node, element in elements.items():
            parent = parents.get(node)
            (elements[parent] if parent else codes).append(element)
        return codes, set(named)

    # ------------------------------------------------------------ variables
    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """``<Variables>``: one per attribute name (attribute_type, and names only attribute uses); {name: value type}."""
        part = ET.Element(f"{_NS}Variables")
        types: dict[str, str] = {}
        for row in self.tables["attribute_type"]:
            name = _safe_text(row.get("name"))
            if name:
                types.setdefault(name, (_safe_text(row.get("valuetype")) or "character").lower())
        for row in self.tables["attribute"]:
            name = _safe_text(row.get("name"))
            if name:
                types.setdefault(name, "character")
        for name, kind in types.items():
            ET.SubElement(part, f"{_NS}Variable", {"guid": self.guid("variable", name), "name": name, "typeOfVariable": "Float" if kind == "numeric" else "Text"})
        return part, types

    def values(self, element: ET.Element, attr_type: str, owner: int, types: dict[str, str], *, skip: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
        """Append the ``<VariableValue>``s of a case or file; returns the names given."""
        given = set()
        for row in self._attributes.get((attr_type, owner), []):
            name, value = _safe_text(row.get("name")), row.get("value")
            if not name or name in skip or name in given or value is None:
                continue
            try:
                text = _text(value)
            except ValueError as exc:
                self.refuse(f"attribute {name!r} of {attr_type} {owner}", str(exc))
                continue
            if text is None or not text.strip():
                continue  # QualCoder writes '' for a value not given
            item = ET.SubElement(element, f"{_NS}VariableValue")
            ET.SubElement(item, f"{_NS}VariableRef", {"targetGUID": self.guid("variable", name)})
            number = text.strip()
            # A numeric attribute that is a whole number stays one: wave 2, not 2.0.
            tag = "IntegerValue" if types.get(name) == "numeric" and _WHOLE.match(number) else "FloatValue" if types.get(name) == "numeric" and _is_number(number) else "TextValue"
            ET.SubElement(item, f"{_NS}{tag}").text = number if tag != "TextValue" else text
            given.add(name)
        return given

    @property
    def _attributes(self) -> dict[tuple[str, int], list[dict[str, Any]]]:
        if not hasattr(self, "_attribute_rows"):
            grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
            for row in self.tables["attribute"]:
                owner, kind = _whole(row.get("id")), (_safe_text(row.get("attr_type")) or "").lower()
                if owner is not None and kind in ("case", "file"):
                    grouped.setdefault((kind, owner), []).append(row)
            self._attribute_rows = grouped
        return self._attribute_rows

    # ------------------------------------------------------------ sources
    def sources(self, known_codes: set[int], types: dict[str, str]) -> tuple[ET.Element, dict[int, str]]:
        """``<Sources>``: text files, PDFs (their text), pictures, recordings with their transcripts; {source id: GUID}."""
        part = ET.Element(f"{_NS}Sources")
        rows: dict[int, dict[str, Any]] = {}
        for row in self.tables["source"]:
            key = _whole(row.get("id") if row.get("id") is not None else row["rowid"])
            if key is None:
                self.refuse(f"source row {row['rowid']}", "no id (left out)")
                continue
            rows[key] = row
        medium = {key: _medium(row) for key, row in rows.items()}
        # A recording's transcript (av_text_id) is read inside it, so it takes the recording's case and wave.
        transcript_of = {}
        for key, row in rows.items():
            text_id = _whole(row.get("av_text_id"))
            if medium[key] in ("audio", "video") and text_id in rows and medium[text_id] == "text" and text_id not in transcript_of.values():
                transcript_of[key] = text_id
        inside = set(transcript_of.values())
        codings = self._codings(rows, medium, known_codes)
        annotations = self._annotations(rows)
        regions = self._regions(rows, medium, known_codes)
        guids: dict[int, str] = {}
        for key, row in rows.items():
            if key in inside:
                continue
            kind = medium[key]
            name = _safe_text(row.get("name")) or f"source {key}"
            guid = self.guid("source", key)
            guids[key] = guid
            if kind in ("text", "pdf"):
                outer = ET.SubElement(part, f"{_NS}{'TextSource' if kind == 'text' else 'PDFSource'}", {"guid": guid, "name": name})
                self.stamp(outer, row)
                self._description(outer, row.get("memo"))
                holder = outer if kind == "text" else self.stamp(ET.SubElement(outer, f"{_NS}Representation", {"guid": self.guid("text", key), "name": name}), row)
                self._text(holder, key, row, codings, annotations)
            else:
                outer = self.stamp(ET.SubElement(part, f"{_NS}{_MEDIA[kind]}", {"guid": guid, "name": name}), row)
                transcript = transcript_of.get(key)
                memos = [row.get("memo"), rows[transcript].get("memo") if transcript is not None else None]
                self._description(outer, "\n\n".join(m for m in map(_safe_text, memos) if m and m.strip()))
                if transcript is not None:
                    guids[transcript] = self.guid("source", transcript)
                    text = self.stamp(ET.SubElement(outer, f"{_NS}Transcript", {"guid": guids[transcript]}), rows[transcript])
                    self._text(text, transcript, rows[transcript], codings, annotations)
            for region in regions.get(key, []):
                outer.append(region)
            given = self.values(outer, "file", key, types)
            if kind in ("audio", "video") and transcript_of.get(key) is not None:
                self.values(outer, "file", transcript_of[key], types, skip=given)  # the transcript's own attributes, where the recording has none
        return part, guids

    def coded_selection(self, kinds: tuple[str, str], key: Any, start: int, end: int, cid: Any, row: Mapping[str, Any]) -> ET.Element:
        """A text selection coded with one code, its quote, memo, coder and time (``kinds``: the selection's and coding's guid kinds)."""
        selection = self.selection("PlainTextSelection", kinds[0], key, startPosition=str(start), endPosition=str(end))
        seltext = row.get("seltext")
        if isinstance(seltext, str):
            selection.set("name", seltext)  # the passage as the tool quoted it: the evidence of how positions count
        self.stamp(selection, row)
        self._description(selection, row.get("memo"))
        coding = self.stamp(ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid(kinds[1], key)}), row)
        ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", cid)})
        return selection

    def _description(self, element: ET.Element, memo: Any) -> None:
        text = _safe_text(memo)
        if text and text.strip():
            ET.SubElement(element, f"{_NS}Description").text = text

    def _text(self, holder: ET.Element, key: int, row: dict[str, Any], codings: dict[int, list[ET.Element]], annotations: dict[int, list[ET.Element]]) -> None:
        """A text's content and its selections (codings, then annotations)."""
        try:
            text = _text(row.get("fulltext"))
        except ValueError as exc:
            self.refuse(f"source {key} ({row.get('name')!r})", f"its text is {exc} (kept without text)")
            text = None
        if text is not None:
            ET.SubElement(holder, f"{_NS}PlainTextContent").text = text
        for element in (*codings.get(key, []), *annotations.get(key, [])):
            holder.append(element)

    def _codings(self, rows: dict[int, dict[str, Any]], medium: dict[int, str], known_codes: set[int]) -> dict[int, list[ET.Element]]:
        """Each text's ``<PlainTextSelection>``s, one per ``code_text`` row, by source id."""
        found: dict[int, list[ET.Element]] = {}
        speakers = important = no_owner = 0
        for row in self.tables["code_text"]:
            key = _whole(row.get("ctid") if row.get("ctid") is not None else row["rowid"])
            fid, cid, start, end = (_whole(row.get(name)) for name in ("fid", "cid", "pos0", "pos1"))
            where = f"code_text {key}"
            if _safe_text(row.get("owner")) == SPEAKER_CODER:
                speakers += 1
                continue
            if fid not in rows or medium.get(fid) not in ("text", "pdf"):
                self.refuse(where, f"its file {row.get('fid')!r} is {'not a text' if fid in rows else 'not in the project'} (left out)")
                continue
            if cid not in known_codes:
                self.refuse(where, f"its code {row.get('cid')!r} is not in the project (left out)")
                continue
            if start is None or end is None:
                self.refuse(where, f"its positions {row.get('pos0')!r}, {row.get('pos1')!r} are not whole numbers (left out)")
                continue
            found.setdefault(fid, []).append(self.coded_selection(("code_text", "coding"), key, start, end, cid, row))
            important += bool(_whole(row.get("important")))
            no_owner += not _safe_text(row.get("owner"))
        if speakers:
            self.notes.append(speaker_marks_note(speakers))
        if important:
            self.notes.append(f"{important} coding(s) marked important in QualCoder: the mark is not kept (qlr has no such field)")
        if no_owner:
            self.notes.append(f"{no_owner} coding(s) have no owner in the database and are kept with the coder 'unknown'")
        return found

    def _annotations(self, rows: dict[int, dict[str, Any]]) -> dict[int, list[ET.Element]]:
        """Annotations as selections without a coding whose description is the note: each becomes a memo on its segment."""
        found: dict[int, list[ET.Element]] = {}
        for row in self.tables["annotation"]:
            key = _whole(row.get("anid") if row.get("anid") is not None else row["rowid"])
            fid, start, end = (_whole(row.get(name)) for name in ("fid", "pos0", "pos1"))
            memo = _safe_text(row.get("memo"))
            if not memo or not memo.strip():
                continue
            if fid not in rows or start is None or end is None:
                self.refuse(f"annotation {key}", f"its file {row.get('fid')!r} is not in the project or its positions are not whole numbers (left out)")
                continue
            selection = self.stamp(self.selection("PlainTextSelection", "annotation", key, startPosition=str(start), endPosition=str(end)), row)
            ET.SubElement(selection, f"{_NS}Description").text = memo
            found.setdefault(fid, []).append(selection)
        return found

    def _regions(self, rows: dict[int, dict[str, Any]], medium: dict[int, str], known_codes: set[int]) -> dict[int, list[ET.Element]]:
        """Codings on picture and PDF regions (``code_image``) and stretches of recordings (``code_av``): they have no place in a text, and the importer counts them."""
        found: dict[int, list[ET.Element]] = {}
        for table, key_name, tag_of in (
            ("code_image", "imid", lambda row, kind: "PDFSelection" if kind == "pdf" else "PictureSelection" if kind == "images" else None),
            ("code_av", "avid", lambda row, kind: "AudioSelection" if kind == "audio" else "VideoSelection" if kind == "video" else None),
        ):
            for row in self.tables[table]:
                key = _whole(row.get(key_name) if row.get(key_name) is not None else row["rowid"])
                fid, cid = _whole(row.get("id")), _whole(row.get("cid"))
                tag = tag_of(row, medium.get(fid)) if fid in rows else None
                if tag is None or cid not in known_codes:
                    self.refuse(f"{table} {key}", f"its file {row.get('id')!r} or code {row.get('cid')!r} is not in the project, or not a {'picture or PDF' if table == 'code_image' else 'recording'} (left out)")
                    continue
                selection = self.stamp(self.selection(tag, table, key), row)
                coding = self.stamp(ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid(f"{table}-coding", key)}), row)
                ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", cid)})
                found.setdefault(fid, []).append(selection)
        return found

    # ------------------------------------------------------------ cases and notes
    def cases(self, types: dict[str, str], source_guid: dict[int, str]) -> ET.Element:
        """``<Cases>``: each case, its memo, attributes, the whole files it holds (and, counted, the parts of files)."""
        part = ET.Element(f"{_NS}Cases")
        texts = {}
        for row in self.tables["source"]:
            key = _whole(row.get("id") if row.get("id") is not None else row["rowid"])
            texts[key] = row.get("fulltext") if isinstance(row.get("fulltext"), str) else ""
        holds: dict[int, list[dict[str, Any]]] = {}
        for row in self.tables["case_text"]:
            case = _whole(row.get("caseid"))
            if case is not None:
                holds.setdefault(case, []).append(row)
        for row in self.tables["cases"]:
            key, name = _whole(row.get("caseid") if row.get("caseid") is not None else row["rowid"]), _safe_text(row.get("name"))
            if key is None or not name:
                self.refuse(f"cases row {row['rowid']}", "no id or no name (left out)")
                continue
            element = self.stamp(ET.SubElement(part, f"{_NS}Case", {"guid": self.guid("case", key), "name": name}), row)
            self._description(element, row.get("memo"))
            self.values(element, "case", key, types)
            listed = set()
            for link in holds.get(key, []):
                fid, start, end = (_whole(link.get(column)) for column in ("fid", "pos0", "pos1"))
                if fid not in source_guid:
                    self.refuse(f"case_text {link['rowid']} (case {name!r})", f"its file {link.get('fid')!r} is not in the project (left out)")
                    continue
                # QualCoder links a whole file as 0..len(text) (0..0 in older projects and for pictures and recordings).
                whole = (start or 0) == 0 and (end in (None, 0) or end >= len(texts.get(fid) or ""))
                if whole and fid not in listed:
                    ET.SubElement(element, f"{_NS}SourceRef", {"targetGUID": source_guid[fid]})
                    listed.add(fid)
                elif not whole:
                    ET.SubElement(element, f"{_NS}SelectionRef", {"targetGUID": self.guid("case_text", link["rowid"])})
        return part

    def sets(self, source_guid: dict[int, str]) -> ET.Element:
        """``<Sets>``: QualCoder has no groups of files (none)."""
        return ET.Element(f"{_NS}Sets")

    def journal(self) -> ET.Element:
        """``<Notes>``: the journal's entries, each a memo on the study with its name as the title."""
        part = ET.Element(f"{_NS}Notes")
        for row in self.tables["journal"]:
            key = _whole(row.get("jid") if row.get("jid") is not None else row["rowid"])
            try:
                text = _text(row.get("jentry"))
            except ValueError as exc:
                self.refuse(f"journal {key}", f"its entry is {exc} (left out)")
                continue
            note = self.stamp(ET.SubElement(part, f"{_NS}Note", {"guid": self.guid("journal", key), "name": _safe_text(row.get("name")) or f"journal {key}"}), row)
            ET.SubElement(note, f"{_NS}PlainTextContent").text = text or ""
        return part


class _TextsOnly(_Tree):
    """The tree of a tool's export that holds texts, codes and codings but no cases, journal or sets of documents
    (CATMA's, INCEpTION's): those parts are empty, said once here."""

    def cases(self, types: dict[str, str], source_guid: dict[Any, str]) -> ET.Element:  # type: ignore[override]
        return ET.Element(f"{_NS}Cases")

    def journal(self) -> ET.Element:
        return ET.Element(f"{_NS}Notes")

    def sets(self, source_guid: dict[Any, str]) -> ET.Element:  # type: ignore[override]
        return ET.Element(f"{_NS}Sets")


def _safe_text(value: Any) -> str | None:
    """Text, or None for NULL and for values that are not text (a blob where a name belongs)."""
    try:
        return _text(value)
    except ValueError:
        return None


def _is_number(text: str) -> bool:
    try:
        number = float(text)
    except ValueError:
        return False
    return number == number and abs(number) != float("inf")


def _medium(row: dict[str, Any]) -> str:
    """What a source row is: ``text``, ``pdf``, ``images``, ``audio`` or ``video`` (by its ``mediapath``: ``/images/…`` or ``images:…`` for a linked file)."""
    path = (_safe_text(row.get("mediapath")) or "").strip()
    for folder in _MEDIA:
        if path.startswith((f"/{folder}", f"{folder}:")):
            return folder
    name = (_safe_text(row.get("name")) or "").lower()
    return "pdf" if name.endswith(".pdf") or path.lower().endswith(".pdf") else "text"


def _parent_key(kind: str, value: Any, known: Mapping[int, Any]) -> tuple[str, int] | None:
    key = _whole(value)
    return (kind, key) if key is not None and key in known else None


def _in_loop(node: tuple[str, int], parents: Mapping[tuple[str, int], tuple[str, int] | None]) -> bool:
    """Whether following ``node``'s parents comes back to it."""
    seen, current = set(), parents.get(node)
    while current is not None and current not in seen:
        if current == node:
            return True
        seen.add(current)
        current = parents.get(current)
    return False
