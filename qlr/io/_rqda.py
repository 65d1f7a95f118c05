"""Reading an RQDA project (``name.rqda``, an SQLite database) into a Study.

RQDA, the R package for qualitative data analysis (2008–2020, archived from CRAN in
2020), keeps a project as one SQLite file.  Its tables, as RQDA's ``new_proj`` and
``UpgradeTables`` create them (database version 0.2.2, the last):

* ``source`` — each file: ``id``, ``name``, its text ``file``, ``memo``;
* ``freecode`` — each code: ``id``, ``name``, ``memo``, ``color``;
* ``codecat`` (``catid``, ``name``, ``memo``) and ``treecode`` (``cid`` in ``catid``) —
  code categories, one level deep; a code may be in several;
* ``coding`` — a coding: ``cid``, ``fid``, ``seltext`` (the passage as coded),
  ``selfirst``/``selend`` (REAL), ``owner`` (the coder), ``memo``.  The positions are
  those of GTK's text buffer (``gtkTextIterGetOffset``, with the code marks RQDA draws in
  it counted out): characters of the file's text, from 0, the end not included, so
  ``seltext`` is ``substr(file, selfirst + 1, selend)`` in R (RQDA's ``insertCoding``
  writes exactly that) and ``file[selfirst:selend]`` in Python.  So every coding is placed
  by code points (never by a convention guessed from the quotations), and a ``seltext``
  that is ``file[selfirst - 1:selend]`` — as RQDA's file edit rewrites it, R's
  ``substr(file, selfirst, selend)`` — lines up too;
* ``coding2`` — a second coding table RQDA's settings can switch to (same columns);
* ``cases`` (``id``, ``name``, ``memo``) and ``caselinkage`` (``caseid``, ``fid``,
  ``selfirst``/``selend``: the whole file is ``0``–``nchar(file)``);
* ``attributes`` (``name``, ``class`` ``character`` or ``numeric``, ``memo``) with
  ``caseAttr`` and ``fileAttr`` (``variable``, ``value``, ``caseID``/``fileID``);
* ``filecat`` (``catid``, ``name``, ``memo``) and ``treefile`` (``fid`` in ``catid``) —
  file categories;
* ``journal`` (``name``, ``journal``), ``annotation`` (``fid``, a point ``position``,
  ``annotation``), ``project`` (``databaseversion``, ``date``, ``memo``), and
  ``image``/``imageCoding`` (codings on pictures).

Every table has a ``status``: RQDA shows only rows with ``status`` 1.  Deleting a file,
code, case or category sets it to 0 (RQDA's trash, "temporarily deleted", emptied by
``pdelete``); unmarking a coding sets it to -1.  Rows that are not 1 are left out here
too, and counted.  Times are R's ``date()``: ``Fri Aug 05 11:03:35 2016``.

As for QualCoder (:mod:`._qualcoder`), the database becomes the REFI-QDA tree and that
goes through the ``.qdpx`` importer (:class:`._qdpx_read._Importer`), so documents,
segments, positions (checked against each coding's ``seltext``), the codebook, cases,
waves and the ``case=``/``wave=``/``kind=`` options are decided in one place.  File
categories become Sets: ``wave="set:REGEX"`` reads waves from them, and where no wave
is given and two or more file categories are named in a wave's own words ("Wave 1", "T2",
"Baseline", "Follow-up 1"; not "Year 2", "Week 4", "Interview 3", "Time 1":
:func:`._qdpx_read.wave_groups`) with no file in two of them, they are the waves if they
hold every live file (said in a warning and the load notes); where a file is in none of
them they are not, and a warning names the files outside them.

The file is untrusted: read as QualCoder's is (:func:`._qualcoder.read_tables`), and
never written.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .._warned import LeftOut
from ._archive import MAX_QDPX_BYTES
from ._positions import CONVENTIONS
from ._qdpx_read import _listed, check_rules, wave_groups
from ._qualcoder import _NS, Tool, _safe_text, _text, _Tree, _whole, checked_database, read_tables
from ._tool_tree import import_tree

__all__ = ["read_rqda"]

#: The tables read, and the columns wanted from each (a column an older database lacks reads as None).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "project": ("databaseversion", "date", "memo", "about"),
    "source": ("id", "name", "file", "memo", "owner", "date", "status"),
    "freecode": ("id", "name", "memo", "owner", "date", "status", "color"),
    "codecat": ("catid", "name", "memo", "owner", "date", "status"),
    "treecode": ("cid", "catid", "status"),
    "coding": ("cid", "fid", "seltext", "selfirst", "selend", "status", "owner", "date", "memo"),
    "coding2": ("cid", "fid", "seltext", "selfirst", "selend", "status", "owner", "date", "memo"),
    "cases": ("id", "name", "memo", "owner", "date", "status"),
    "caselinkage": ("caseid", "fid", "selfirst", "selend", "status", "memo"),
    "attributes": ("name", "status", "class", "memo"),
    "caseAttr": ("variable", "value", "caseID", "status"),
    "fileAttr": ("variable", "value", "fileID", "status"),
    "filecat": ("catid", "name", "memo", "owner", "date", "status"),
    "treefile": ("fid", "catid", "status"),
    "journal": ("name", "journal", "date", "owner", "status"),
    "annotation": ("fid", "position", "annotation", "owner", "date", "status"),
    "imageCoding": ("cid", "iid", "status"),
}
#: Without these a database is no RQDA project.
_REQUIRED = ("source", "freecode", "coding")
RQDA = Tool(
    "RQDA",
    "an RQDA project",
    give="give the .rqda file RQDA saved",
    repair="restore the project from a backup (RQDA's Backup Project button writes one beside it, name.HHMMSSddmmYYYY.rqda)",
    changed="give the .rqda file as RQDA saved it",
)
#: Codings read from one project at most: 500,000 took a minute and 1.9 GB (a project coded by hand holds far fewer).
MAX_CODINGS = 200_000
_CAPS = {
    "coding": (MAX_CODINGS, f"qlr imports at most {MAX_CODINGS:,} codings from one RQDA project; give a copy holding fewer (one wave's files, or one coder's codings)"),
    "coding2": (MAX_CODINGS, f"qlr imports at most {MAX_CODINGS:,} codings of the second coding table from one RQDA project; give a copy holding fewer"),
}
#: The coder of a ``coding2`` row: its owner's second pass, kept apart from the same owner's ``coding`` rows.
SECOND_PASS = "{owner} (coding2)"
#: What ``status`` other than 1 means, as RQDA's code sets it: 0 is its trash for files, codes, cases, categories,
#: journals and codings, but in the tables that put one thing in another it is a link taken out.
_STATUS = {0: "deleted (in RQDA's trash)", -1: "unmarked (coding removed)"}
_TAKEN_OUT = {"treefile": "taken out of their file category", "treecode": "taken out of their code category", "caselinkage": "unlinked from their case"}
#: Tables of named things whose deleted rows are named in the note.
_NAMED = {"source": "name", "freecode": "name", "cases": "name", "codecat": "name", "filecat": "name", "journal": "name"}
#: R's NA pasted onto a memo's text when RQDA merges codings ("NAAlone at night.", "Alone at night.NA"): the
#: ``NA``\ s before a capitalised word or after a sentence's end.
_PASTED_NA = re.compile(r"^(?:NA)+(?=[A-Z][a-z]|[A-Z]?\s)|(?<=[.!?])(?:NA)+$")
#: Values RQDA writes for a value not given.
_NOT_GIVEN = {"", "NA"}


def read_rqda(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import an RQDA project (``name.rqda``) as a Study.

    The project is read as :func:`read_qualcoder` reads a QualCoder one: into the
    REFI-QDA tree, imported with the options and results of :func:`read_qdpx`.  The
    file is opened read-only and never changed.

    Parameters
    ----------
    path : str or PathLike
        The ``.rqda`` file.
    wave : str, mapping or path, optional
        As for :func:`read_qdpx`: ``"set:REGEX"`` (a file category), ``"variable:NAME"``
        (a file attribute, else its case's), ``"pattern:REGEX"``, ``{file name: wave}`` or a
        CSV.  By default the file categories named in a wave's words ("Wave 1", "T2",
        "Baseline"; not "Year 2"), where two or more are, no file is in two of them and
        every file is in one (a warning says so, or names the files outside them); else the
        waves the files' names give, else one wave ``W1``.
    case : str or mapping, optional
        ``"pattern:REGEX"``, ``"variable:NAME"``, ``"set:REGEX"`` (a file category per
        person) or ``{file name: case}``; by default the project's cases (a file belongs to
        the case linked to the whole file).
    kind : str, mapping or path, optional
        Each file's kind of document, as for :func:`read_qdpx`.
    speakers : mapping, optional
        Speaker label → role, as for :func:`read_qdpx`.
    max_bytes : int
        Refuse databases larger than this many bytes.

    Returns
    -------
    Study
        Documents from the files, the codes and code categories (themes) as one codebook,
        every coder's codings (origin ``import``, the ``owner`` as coder), memos from the
        codings', files', codes' and cases' memos, annotations (on their segment), the
        project memo and journal entries; cases with their attributes, file attributes as
        document variables, file categories as sets.  Rows RQDA shows as deleted are left
        out and counted in a warning.  ``study.meta["import"]`` reports as for a
        ``.qdpx``, with ``format`` ``"rqda"`` and the database version.

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not an RQDA project, damaged, or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, sqlite3, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "carers.rqda")
    >>> db = sqlite3.connect(path)
    >>> _ = db.executescript(
    ...     "create table project (databaseversion text, date text, dateM text, memo text, about text);"
    ...     "insert into project values ('0.2.2', 'Fri Mar 01 10:00:00 2019', NULL, '', 'Database created by RQDA');"
    ...     "create table source (name text, id integer, file text, memo text, owner text, date text, dateM text, status integer);"
    ...     "insert into source values ('P01_W1', 1, 'I: How are you?\\nP: Tired but coping.', NULL, 'ana', 'Fri Mar 01 10:01:00 2019', NULL, 1);"
    ...     "create table freecode (name text, memo text, owner text, date text, dateM text, id integer, status integer, color text);"
    ...     "insert into freecode values ('Coping', 'Managing the strain.', 'ana', 'Fri Mar 01 10:02:00 2019', NULL, 1, 1, NULL);"
    ...     "create table coding (cid integer, fid integer, seltext text, selfirst real, selend real, status integer, owner text, date text, memo text);"
    ...     "insert into coding values (1, 1, 'Tired but coping.', 19, 36, 1, 'ana', 'Fri Mar 01 10:05:00 2019', NULL);")
    >>> db.commit(); db.close()
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_rqda(path)
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], coding["coder"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('coping', 'ana', 'Tired but coping.')
    """
    database = checked_database(path, RQDA, max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    tables = read_tables(database, max_bytes, _COLUMNS, _REQUIRED, RQDA, missing_hint="give a project RQDA made (RQDA 0.1.5 or later)", caps=_CAPS)
    built = _RqdaTree(database, tables)
    root = built.project()  # the file categories named as waves are known once the tree is built
    notes: list[str] = []
    groups = wave_groups(built.file_categories) if wave is None else []
    if groups:
        covered = {guid for name in groups for guid in built.file_categories[name]}
        outside = [name for guid, name in built.file_names.items() if guid not in covered]
        listed = ", ".join(map(repr, groups))
        if outside:
            notes.append(
                f"the file categories {listed} are named as waves but {len(outside)} file(s) are in none of them, so they are not "
                f"read as the waves: {_listed([repr(name) for name in outside], 10)}; put those files in a wave's category in RQDA, or import with wave=… (--wave)"
            )
            groups = []
        else:
            wave = "set:^(?:" + "|".join(map(re.escape, groups)) + ")$"
            notes.append(f"waves read from the file categories named as waves ({listed}), which hold every file; import with wave=… (--wave) to read them otherwise")
    return import_tree(
        built,
        database,
        wave=wave,
        case=case,
        kind=kind,
        speakers=speakers,
        extra={"database": str(database), "database_version": built.version, **({"waves_from_sets": groups} if groups else {})},
        root=root,
        notes=notes,
        inferred=[f"waves read from the file categories named as waves ({listed}): each file is at the wave of its category; import again with wave=… (--wave) to read them otherwise"]
        if groups
        else [],
        quoted=True,
        convention=(CONVENTIONS[0], "RQDA counts code points (GTK's character offsets)"),
        requoted_from_before=True,
    )


# ---------------------------------------------------------------- values
#: The month as R's ``date()`` writes it (``%b``, the abbreviated month of the locale R ran in), lower case, dots taken
#: off: English, German (and Windows' "Mrz"), French, Spanish, Italian, Portuguese, Dutch, the Scandinavian languages,
#: Finnish, Polish, Czech, Turkish and Russian, and the "3月"/"3월" of Chinese, Japanese and Korean (read apart). Each
#: form names one month in every language listed, so a form read is never another language's other month.
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("jan", "janv", "ene", "gen", "tammi", "sty", "led", "oca", "янв"),
    2: ("feb", "févr", "fevr", "fév", "fev", "helmi", "lut", "úno", "şub", "фев"),
    3: ("mar", "mär", "mrz", "mars", "mrt", "maalis", "bře", "мар"),
    4: ("apr", "avr", "avril", "abr", "huhti", "kwi", "dub", "nis", "апр"),
    5: ("may", "mai", "mag", "mei", "maj", "touko", "kvě", "мая", "май"),
    6: ("jun", "juin", "giu", "juni", "kesä", "cze", "čen", "haz", "июн"),
    7: ("jul", "juil", "lug", "juli", "heinä", "lip", "čec", "tem", "июл"),
    8: ("aug", "août", "aoû", "ago", "elo", "sie", "srp", "ağu", "авг"),
    9: ("sep", "sept", "set", "syys", "wrz", "zář", "eyl", "сен"),
    10: ("oct", "okt", "ott", "out", "loka", "paź", "říj", "eki", "окт"),
    11: ("nov", "marras", "lis", "kas", "ноя"),
    12: ("dec", "dez", "déc", "dic", "des", "joulu", "gru", "pro", "ara", "дек"),
}
_MONTH_OF = {form: month for month, forms in _MONTHS.items() for form in forms}
#: R's ``date()``: a day's name, a month's, the day, the time and the year, in that order in every language.
_R_DATE = re.compile(r"^(?P<day_name>\S+) (?P<month>\S+) (?P<day>\d{1,2}) (?P<hour>\d{1,2}):(?P<minute>\d\d):(?P<second>\d\d) (?P<year>\d{4})$")


def _rqda_when(value: Any) -> str | None:
    """R's ``date()`` (``Fri Aug 05 11:03:35 2016``, ``Fri Aug  5 12:54:05 2016``) as ISO 8601, in English or in the
    language R ran in, whose month names :data:`_MONTHS` knows ("Mi Mär 04 10:12:33 2020", "mer. mars 04 10:12:33
    2020", "三 3月 04 10:12:33 2020"); other text as it is, never a guessed date: the importer leaves it out and names it.

    >>> [_rqda_when(v) for v in ("Fri Aug  5 12:54:05 2016", "Mi Mär 04 10:12:33 2020", "mer. mars 04 10:12:33 2020", "Mi Mrz 04 10:12:33 2020")]
    ['2016-08-05T12:54:05', '2020-03-04T10:12:33', '2020-03-04T10:12:33', '2020-03-04T10:12:33']
    >>> [_rqda_when(v) for v in ("三 3月 04 10:12:33 2020", "Τετ Μαρ 04 10:12:33 2020", "Mi Mär 31 10:12:33 2021", "Mi Feb 30 10:12:33 2020")]
    ['2020-03-04T10:12:33', 'Τετ Μαρ 04 10:12:33 2020', '2021-03-31T10:12:33', 'Mi Feb 30 10:12:33 2020']
    """
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        return None
    found = _R_DATE.match(text)
    if found is None:
        return text
    said = found["month"].casefold().rstrip(".")
    numbered = re.fullmatch(r"(\d{1,2})(?:月|월)", said)
    month = int(numbered.group(1)) if numbered else _MONTH_OF.get(said)
    if month is None:
        return text
    try:
        return datetime(int(found["year"]), month, int(found["day"]), int(found["hour"]), int(found["minute"]), int(found["second"])).isoformat()
    except ValueError:  # a day the month does not have, an hour past 23: not a time R wrote
        return text


def _live(row: dict[str, Any]) -> bool:
    """Whether RQDA shows a row: its ``status`` is 1, or the table has no status (an older database)."""
    return "status" not in row.get("_columns", ()) or _whole(row.get("status")) == 1


class _RqdaTree(_Tree):
    """The REFI-QDA ``<Project>`` an RQDA database stands for, with what it left out."""

    key = "rqda"

    def __init__(self, project: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__(project, tables)
        about = tables["project"][0] if tables["project"] else {}
        self.version = _safe_text(about.get("databaseversion")) or "0.1.5"
        self.about = f"RQDA (database {self.version})"
        self.deleted: dict[str, dict[str, int]] = {}  # table → status said → rows left out
        self.file_categories: dict[str, list[str]] = {}  # category name → member source GUIDs (for the wave rule)
        self.file_names: dict[str, str] = {}  # live source GUID → its name (for the wave rule's warning)
        self._texts: dict[int, str] = {}
        self._live: dict[str, list[dict[str, Any]]] = {}
        self._na_memos = 0
        self._pasted_na = 0
        self.deleted_names: dict[str, list[str]] = {}  # table → the names of its rows in RQDA's trash

    when = staticmethod(_rqda_when)

    def live(self, table: str) -> list[dict[str, Any]]:
        """The rows of ``table`` RQDA shows; the others counted by their status (once, however often a table is read)."""
        if table in self._live:
            return self._live[table]
        kept = self._live[table] = []
        for row in self.tables[table]:
            if _live(row):
                kept.append(row)
            else:
                status = _whole(row.get("status"))
                said = (_TAKEN_OUT[table] if status == 0 and table in _TAKEN_OUT else _STATUS.get(status)) or f"status {row.get('status')!r}"
                counted = self.deleted.setdefault(table, {})
                counted[said] = counted.get(said, 0) + 1
                name = _safe_text(row.get(_NAMED[table])) if table in _NAMED else None
                if name and status == 0:
                    self.deleted_names.setdefault(table, []).append(name)
        return kept

    def _description(self, element: ET.Element, memo: Any) -> None:
        """A memo, but R's ``NA`` (RQDA writes the text ``NA`` where it pasted a missing memo, as when it merges codings,
        ``NANA`` for two): counted; an ``NA`` pasted onto a memo's text ("NAAlone at night.") taken off, counted."""
        if isinstance(memo, str) and re.fullmatch(r"(?:NA)+", memo.strip()):
            self._na_memos += 1
            return
        if isinstance(memo, str) and _PASTED_NA.search(memo.strip()):
            self._pasted_na += 1
            memo = _PASTED_NA.sub("", memo.strip()).strip()
        super()._description(element, memo)

    def project(self) -> ET.Element:
        root = super().project()
        self._say_left_out()
        return root

    def _say_left_out(self) -> None:
        if self.deleted:
            parts = [
                f"{table}: "
                + ", ".join(f"{count} {said}" for said, count in counted.items())
                + (f": {_listed([repr(name) for name in self.deleted_names[table]], 10)}" if table in self.deleted_names else "")
                for table, counted in self.deleted.items()
            ]
            self.notes.append(f"rows RQDA no longer shows were left out, as RQDA leaves them out ({'; '.join(parts)})")
        if self._pasted_na:
            self.notes.append(
                f"{self._pasted_na} memo(s) had R's 'NA' pasted onto their text (RQDA merging codings one of whose memos was empty): "
                "kept without it ('NAAlone at night.' as 'Alone at night.')"
            )
        if self._na_memos:
            self.notes.append(
                f"{self._na_memos} memo(s) read 'NA', R's mark for a missing value (RQDA writes it when it merges codings whose memos are empty), and were not kept as memos"
            )
        pictures = [row for row in self.tables["imageCoding"] if _live(row)]
        if pictures:
            self.notes.append(LeftOut(f"{len(pictures)} coding(s) of pictures (imageCoding) were not imported: qlr reads texts only"))

    # ------------------------------------------------------------ codes
    def codebook(self) -> tuple[ET.Element, set[int]]:
        """``<Codes>``: code categories (not codable) holding their codes; a code in no category at the top."""
        codes = ET.Element(f"{_NS}Codes")
        categories = self._named("codecat", "catid")
        named = self._named("freecode", "id")
        elements: dict[tuple[str, int], ET.Element] = {}
        for kind, rows, codable in (("cat", categories, "false"), ("code", named, "true")):
            for key, row in rows.items():
                element = self.stamp(ET.Element(f"{_NS}Code", {"guid": self.guid(kind, key), "name": _safe_text(row["name"]) or "", "isCodable": codable}), row)
                colour = _safe_text(row.get("color"))
                if colour and re.fullmatch(r"#[0-9A-Fa-f]{6}", colour.strip()):
                    element.set("color", colour.strip())
                self._description(element, row.get("memo"))
                elements[(kind, key)] = element
        under: dict[int, list[int]] = {}
        for row in self.live("treecode"):
            cid, catid = _whole(row.get("cid")), _whole(row.get("catid"))
            if cid in named and catid in categories and catid not in under.get(cid, []):
                under.setdefault(cid, []).append(catid)
        for kind, key in elements:
            if kind == "cat":
                codes.append(elements[(kind, key)])
        for key in named:
            parents = under.get(key, [])
            (elements[("cat", parents[0])] if parents else codes).append(elements[("code", key)])
        several = {key: parents for key, parents in under.items() if len(parents) > 1}
        if several:
            shown = "; ".join(
                f"{_safe_text(named[key]['name'])!r} also in " + ", ".join(repr(_safe_text(categories[c]["name"])) for c in parents[1:]) for key, parents in list(several.items())[:10]
            )
            self.notes.append(
                f"{len(several)} code(s) are in more than one code category in RQDA; a code has one place in qlr's codebook, "
                f"so each is under its first category only: {shown}{' …' if len(several) > 10 else ''}"
            )
        return codes, set(named)

    def _named(self, table: str, id_column: str) -> dict[int, dict[str, Any]]:
        """The live rows of a table of named things (codes, categories, cases) by id; rows with no id or name refused."""
        found: dict[int, dict[str, Any]] = {}
        for row in self.live(table):
            key, name = _whole(row.get(id_column)), _safe_text(row.get("name"))
            if key is None or not name or key in found:
                self.refuse(f"{table} row {row['rowid']}", "no id or no name, or an id used twice (left out)")
                continue
            found[key] = row
        return found

    # ------------------------------------------------------------ variables
    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """``<Variables>``: one per live attribute (``class`` ``numeric`` or ``character``); {name: value type}."""
        part = ET.Element(f"{_NS}Variables")
        types: dict[str, str] = {}
        memos: dict[str, Any] = {}
        for row in self.live("attributes"):
            name = _safe_text(row.get("name"))
            if name and name not in types:
                types[name] = "numeric" if (_safe_text(row.get("class")) or "").strip().lower() == "numeric" else "character"
                memos[name] = row.get("memo")
        for name, kind in types.items():
            element = ET.SubElement(part, f"{_NS}Variable", {"guid": self.guid("variable", name), "name": name, "typeOfVariable": "Float" if kind == "numeric" else "Text"})
            self._description(element, memos[name])
        return part, types

    @property
    def _attributes(self) -> dict[tuple[str, int], list[dict[str, Any]]]:
        """Case and file attribute values, as QualCoder's reader groups them: (``case``/``file``, id) → rows of name and value."""
        if not hasattr(self, "_attribute_rows"):
            known = {_safe_text(row.get("name")) for row in self.live("attributes")}
            grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
            unknown = 0
            for table, kind, owner_column in (("caseAttr", "case", "caseID"), ("fileAttr", "file", "fileID")):
                for row in self.live(table):
                    owner, name = _whole(row.get(owner_column)), _safe_text(row.get("variable"))
                    value = row.get("value")
                    if owner is None or not name or (isinstance(value, str) and value.strip() in _NOT_GIVEN):
                        continue
                    if name not in known:
                        unknown += 1  # RQDA shows only values of the attributes it lists
                        continue
                    grouped.setdefault((kind, owner), []).append({"name": name, "value": value})
            if unknown:
                self.notes.append(f"{unknown} attribute value(s) of attributes RQDA no longer lists (deleted, or never defined) were left out, as RQDA leaves them out")
            self._attribute_rows = grouped
        return self._attribute_rows

    # ------------------------------------------------------------ sources
    def sources(self, known_codes: set[int], types: dict[str, str]) -> tuple[ET.Element, dict[int, str]]:
        """``<Sources>``: each live file a text source, with its codings and annotations; {file id: GUID}."""
        part = ET.Element(f"{_NS}Sources")
        rows = self._named("source", "id")
        for key, row in rows.items():
            try:
                text = _text(row.get("file"))
            except ValueError as exc:
                self.refuse(f"source {key} ({row.get('name')!r})", f"its text is {exc} (kept without text)")
                text = None
            self._texts[key] = text or ""
            rows[key] = {**row, "text": text}
        deleted_files = {_whole(row.get("id")) for row in self.tables["source"] if not _live(row)}
        codings = self._codings(rows, deleted_files, known_codes)
        annotations = self._annotations(rows)
        guids: dict[int, str] = {}
        for key, row in rows.items():
            guid = guids[key] = self.guid("source", key)
            self.file_names[guid] = _safe_text(row.get("name")) or f"source {key}"
            outer = self.stamp(ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": _safe_text(row.get("name")) or f"source {key}"}), row)
            self._description(outer, row.get("memo"))
            if row["text"] is not None:
                ET.SubElement(outer, f"{_NS}PlainTextContent").text = row["text"]
            for element in (*codings.get(key, []), *annotations.get(key, [])):
                outer.append(element)
            self.values(outer, "file", key, types)
        return part, guids

    def _codings(self, rows: dict[int, dict[str, Any]], deleted_files: set[int | None], known_codes: set[int]) -> dict[int, list[ET.Element]]:
        """Each file's ``<PlainTextSelection>``s, one per live ``coding`` row (its rowid names it), by file id; then one
        per live ``coding2`` row, RQDA's second coding table (its settings' "Current coding table": a re-coding of the
        same files with the same codes, kept for checking agreement), whose coder is its owner's second pass
        (:data:`SECOND_PASS`, "ana (coding2)"), so that it is not merged with the owner's first and can be compared."""
        found: dict[int, list[ET.Element]] = {}
        no_owner = 0
        second = []
        deleted_codes = {_whole(row.get("id")) for row in self.tables["freecode"] if not _live(row)}
        for table, row in (*(("coding", row) for row in self.live("coding")), *(("coding2", row) for row in self.live("coding2"))):
            key = row["rowid"]
            fid, cid, start, end = (_whole(row.get(name)) for name in ("fid", "cid", "selfirst", "selend"))
            where = f"{table} {key}"
            gone = "on a file in RQDA's trash" if fid in deleted_files and fid not in rows else "of a code in RQDA's trash" if cid in deleted_codes and cid not in known_codes else None
            if gone:  # RQDA hides them with their file or code: left out as it leaves them out
                counted = self.deleted.setdefault(table, {})
                counted[gone] = counted.get(gone, 0) + 1
                continue
            if fid not in rows:
                self.refuse(where, f"its file {row.get('fid')!r} is not in the project (left out)")
                continue
            if cid not in known_codes:
                self.refuse(where, f"its code {row.get('cid')!r} is not in the project (left out)")
                continue
            if start is None or end is None:
                self.refuse(where, f"its positions {row.get('selfirst')!r}, {row.get('selend')!r} are not whole numbers (left out)")
                continue
            no_owner += not _safe_text(row.get("owner"))
            if table == "coding2":
                row = {**row, "owner": SECOND_PASS.format(owner=_safe_text(row.get("owner")) or "unknown")}
                second.append(row["owner"])
            # The selection's guid kind is the table's ("coding"), so the coding's is "coding-made".
            found.setdefault(fid, []).append(self.coded_selection((table, f"{table}-made"), key, start, end, cid, row))
        if second:
            coders = ", ".join(f"{name!r} ({count})" for name, count in sorted(Counter(second).items()))
            self.notes.append(
                f"{len(second)} coding(s) of RQDA's second coding table (coding2, a re-coding of the files kept for checking agreement) are read as "
                f"their coders' second pass: {coders}; compare them with `qlr agreement`"
            )
        if no_owner:
            self.notes.append(f"{no_owner} coding(s) have no owner in the database and are kept with the coder 'unknown'")
        return found

    def _annotations(self, rows: dict[int, dict[str, Any]]) -> dict[int, list[ET.Element]]:
        """Annotations as selections whose description is the note: each becomes a memo on its segment.

        RQDA puts an annotation at one place, where the cursor was (``openAnnotation``: after the words it is about, as
        one writes a note, or before them); it is read as the character before that place, or the one after it where the
        one before is a space or there is none, so the memo lands in the segment of those words.
        """
        found: dict[int, list[ET.Element]] = {}
        for row in self.live("annotation"):
            key, fid, place = row["rowid"], _whole(row.get("fid")), _whole(row.get("position"))
            memo = _safe_text(row.get("annotation"))
            if not memo or not memo.strip():
                continue
            if fid not in rows or place is None:
                self.refuse(f"annotation {key}", f"its file {row.get('fid')!r} is not in the project or its position {row.get('position')!r} is not a whole number (left out)")
                continue
            text = self._texts.get(fid, "")
            start = place - 1 if 0 < place <= len(text) and not text[place - 1].isspace() else place if place < len(text) else max(place - 1, 0)
            selection = self.stamp(self.selection("PlainTextSelection", "annotation", key, startPosition=str(start), endPosition=str(start + 1)), row)
            ET.SubElement(selection, f"{_NS}Description").text = memo
            found.setdefault(fid, []).append(selection)
        return found

    # ------------------------------------------------------------ cases, categories, notes
    def cases(self, types: dict[str, str], source_guid: dict[int, str]) -> ET.Element:
        """``<Cases>``: each live case, its memo, attributes, the whole files linked to it (and, counted, parts of files)."""
        part = ET.Element(f"{_NS}Cases")
        links: dict[int, list[dict[str, Any]]] = {}
        memos = 0
        for row in self.live("caselinkage"):
            case = _whole(row.get("caseid"))
            if case is not None:
                links.setdefault(case, []).append(row)
                memos += bool((_safe_text(row.get("memo")) or "").strip())
        if memos:
            self.notes.append(LeftOut(f"{memos} memo(s) on links of files to cases (caselinkage) were not imported: qlr keeps no memo on a document's case"))
        for key, row in self._named("cases", "id").items():
            name = _safe_text(row["name"]) or ""
            element = self.stamp(ET.SubElement(part, f"{_NS}Case", {"guid": self.guid("case", key), "name": name}), row)
            self._description(element, row.get("memo"))
            self.values(element, "case", key, types)
            listed: set[int] = set()
            for link in links.get(key, []):
                fid, start, end = (_whole(link.get(column)) for column in ("fid", "selfirst", "selend"))
                if fid not in source_guid:
                    self.refuse(f"caselinkage {link['rowid']} (case {name!r})", f"its file {link.get('fid')!r} is not in the project (left out)")
                    continue
                # RQDA links a whole file as 0..nchar(file) (AddFileToCaselinkage); a part of a file as the selection's place.
                whole = (start or 0) == 0 and (end is None or end >= len(self._texts.get(fid, "")))
                if whole and fid not in listed:
                    ET.SubElement(element, f"{_NS}SourceRef", {"targetGUID": source_guid[fid]})
                    listed.add(fid)
                elif not whole:
                    ET.SubElement(element, f"{_NS}SelectionRef", {"targetGUID": self.guid("caselinkage", link["rowid"])})
        return part

    def sets(self, source_guid: dict[int, str]) -> ET.Element:
        """``<Sets>``: each live file category with its live files (``wave="set:…"`` and ``case="set:…"`` read them)."""
        part = ET.Element(f"{_NS}Sets")
        members: dict[int, list[int]] = {}
        for row in self.live("treefile"):
            fid, catid = _whole(row.get("fid")), _whole(row.get("catid"))
            if catid is not None and fid in source_guid and fid not in members.setdefault(catid, []):
                members[catid].append(fid)
        for key, row in self._named("filecat", "catid").items():
            name = _safe_text(row["name"]) or ""
            element = self.stamp(ET.SubElement(part, f"{_NS}Set", {"guid": self.guid("filecat", key), "name": name}), row)
            self._description(element, row.get("memo"))
            for fid in members.get(key, []):
                ET.SubElement(element, f"{_NS}MemberSource", {"targetGUID": source_guid[fid]})
            self.file_categories.setdefault(name, []).extend(source_guid[fid] for fid in members.get(key, []))
        return part

    def journal(self) -> ET.Element:
        """``<Notes>``: the journal's live entries, each a memo on the study with its name as the title."""
        part = ET.Element(f"{_NS}Notes")
        for row in self.live("journal"):
            key = row["rowid"]
            try:
                text = _text(row.get("journal"))
            except ValueError as exc:
                self.refuse(f"journal {key}", f"its entry is {exc} (left out)")
                continue
            note = self.stamp(ET.SubElement(part, f"{_NS}Note", {"guid": self.guid("journal", key), "name": _safe_text(row.get("name")) or f"journal {key}"}), row)
            ET.SubElement(note, f"{_NS}PlainTextContent").text = text or ""
        return part

