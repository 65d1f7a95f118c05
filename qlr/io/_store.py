"""The ``.qlr`` project file: one SQLite database holding a whole Study.

Layout (schema version 1)::

    meta(key, value)                     format, schema_version, qlr_version, name, study meta
    columns(tbl, position, name, dtype)  the dtype of every stored column, for a lossless reload
    codebooks(name, position, content)   codebooks attached to the study (YAML text)
    t_<table>(…)                         one table per Study table, columns as in the frame
    qlr_<table>_c<i>                     an index on column i of t_<table> (the keys queries join on)

Saving writes a new database beside the destination and renames it over the old
file only once it is complete (:func:`qlr._atomic.atomic_path`).  Tables are written
and read in chunks of rows (:data:`CHUNK_ROWS`), so that at no moment does a whole
table exist a second time as Python objects: a 10-million-word project is saved and
opened with memory for the tables plus one chunk.

Opening treats the file as untrusted: a project passed between team members may
have been edited by hand or made to harm.  The database is opened read-only with
SQLite's own defences (``trusted_schema=OFF``, ``cell_size_check=ON``, a heap
limit, a cap on the size of any one value); its schema is read first, and
anything qlr did not create (a view, a trigger, another table, an index other than
the plain one-column indices qlr writes) is refused; row
counts are checked before rows are read; declared types must be ones qlr
writes; then keys and offsets are checked in vectorised form, and rows that cannot
be right are left out with a :class:`qlr.errors.RowsRefusedWarning` that counts them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._atomic import atomic_path
from .._json import check_nesting, parse_json
from .._version import __version__
from .._warned import warn
from ..errors import ProjectFileError, ProjectVersionError, RowsRefusedWarning, SourceNotFoundError

__all__ = ["save_study", "open_study", "SCHEMA_VERSION"]

#: Bumped whenever the layout changes.  Files of a newer version are refused; there
#: is no older version yet, so no migration (add one here when version 2 arrives).
SCHEMA_VERSION = 1
_FORMAT = "qlr-project"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLES = ("cases", "waves", "case_waves", "documents", "segments", "codings", "memos", "actors", "overrides", "log")


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file that begins as every SQLite database does (a qlr project, or another program's)."""
    from ._label_studio import file_head

    return file_head(path, len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


#: The largest value (a document's text, a codebook) a project may hold, in bytes:
#: far above a real transcript, far below what exhausts memory.
MAX_VALUE_BYTES = 256 * 1024 * 1024
#: The most rows any one table may have.
MAX_ROWS = 50_000_000
#: SQLite's heap while reading, in bytes.
_HEAP_LIMIT = 2 * 1024**3
_OWN_TABLES = {"meta", "columns", "codebooks", *(f"t_{table}" for table in _TABLES)}
#: Rows written or read at a time: small enough that one chunk's Python objects
#: stay a few megabytes, large enough that SQLite's per-call cost vanishes.
CHUNK_ROWS = 20_000
#: The columns each table is indexed on: the keys other tables point at and the
#: columns a query selects a case, a wave, a document or a code by.
_INDEXED = {
    "documents": ("doc_id", "case_id", "wave_id"),
    "segments": ("seg_id", "doc_id"),
    "codings": ("coding_id", "doc_id", "seg_id", "code_id"),
    "memos": ("target_id",),
}
# The dtypes qlr writes (pandas' names), so a tampered file cannot ask for others.
_KNOWN_DTYPES = ("string", "str", "object", "Int64", "Float64", "boolean", "bool", "int64", "float64",
                 "datetime64[ns]", "datetime64[us]", "datetime64[ms]", "datetime64[s]", "datetime64[ns, UTC]",
                 "datetime64[us, UTC]", "datetime64[ms, UTC]", "datetime64[s, UTC]", "list", "category")


def _encode_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, pd.Timestamp):
        return {"$datetime": value.isoformat()}
    raise TypeError(f"cannot store a value of type {type(value).__name__}")


def _decode_json(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$date" in obj:
            return date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return datetime.fromisoformat(obj["$datetime"])
    return obj


def _column_values(series: pd.Series) -> tuple[str, list[Any]]:
    """Return the SQLite column type and plain Python values for ``series``."""
    dtype = str(series.dtype)
    missing = series.isna() if dtype != "object" else series.map(lambda v: v is None or v is pd.NA)
    if dtype.startswith("datetime64"):
        values = [None if m else v.isoformat() for v, m in zip(series, missing)]
        return "TEXT", values
    if dtype in ("Int64", "int64", "int32", "Int32", "boolean", "bool"):
        return "INTEGER", [None if m else int(v) for v, m in zip(series, missing)]
    if dtype in ("Float64", "float64", "float32"):
        return "REAL", [None if m else float(v) for v, m in zip(series, missing)]
    if dtype in ("string", "str"):
        return "TEXT", [None if m else str(v) for v, m in zip(series, missing)]
    # object columns (lists, user attributes of mixed type): JSON per cell
    return "TEXT", [
        None if m else json.dumps(v, default=_encode_json, ensure_ascii=False) for v, m in zip(series, missing)
    ]


#: Whether this pandas's "str" dtype keeps a gap a gap (pandas 3's text dtype) rather than writing it 'None' (pandas 2).
_STR_KEEPS_GAPS = bool(pd.Series([None], dtype="object").astype("str").isna().iloc[0])


def _restore(values: Sequence[Any], dtype: str) -> pd.Series:
    if dtype.startswith("datetime64"):
        series = pd.Series(pd.to_datetime(pd.Series(values, dtype="object"), utc="UTC" in dtype, format="ISO8601"))
        return series.astype(dtype)
    if dtype in ("boolean", "bool"):
        series = pd.Series([None if v is None else bool(v) for v in values], dtype="object")
        return series.astype(dtype)
    if dtype in ("Int64", "int64") and None not in values:
        # Whole numbers with none missing (offsets, positions): straight into NumPy, not through Python objects.
        # Only 64-bit columns: a cast to int32 would wrap a tampered 3e9 round silently.
        return pd.Series(np.array(values, dtype=np.int64)).astype(dtype)
    if dtype in ("Float64", "float64", "float32"):
        # None becomes NaN here and NaN becomes missing (pd.NA) in Float64: SQLite keeps no NaN, only NULL.
        return pd.Series(np.array(values, dtype=np.float64)).astype(dtype)
    if dtype == "str" and not _STR_KEEPS_GAPS:
        # Saved by pandas 3 (its text dtype), opened by pandas 2: there astype("str") writes a gap as 'None'.
        # Text with NaN gaps in an object column is how pandas 2 holds text.
        return pd.Series([np.nan if v is None else str(v) for v in values], dtype="object")
    if dtype in ("string", "str", "Int64", "int64", "int32", "Int32"):
        return pd.Series(values, dtype="object").astype(dtype)
    return pd.Series(
        [None if v is None else json.loads(v, object_hook=_decode_json) for v in values], dtype="object"
    )


# The Python types SQLite may hand back for each kind of declared column (None is a missing value).
_STRING_TYPES = {str, type(None)}
_INTEGER_TYPES = {int, type(None)}
_REAL_TYPES = {int, float, type(None)}
_INT64 = (-(2**63), 2**63 - 1)


def _checked_column(values: Sequence[Any], dtype: str, where: str, source: Path) -> pd.Series:
    """``values`` restored as ``dtype``, or a :class:`ProjectFileError` naming the column and the first bad value.

    The types are checked over the whole column at once (``set(map(type, …))``),
    so a big project pays a few C-level passes, not a Python test per cell.
    """
    import math

    def refuse(what: str) -> ProjectFileError:
        return ProjectFileError(
            f"column {where} holds {what}, which qlr never writes there",
            path=source,
            hint="the file was changed outside qlr; save the study again from its sources, or restore a backup",
        )

    def first(test: Any) -> Any:
        return next(v for v in values if test(v))

    types = set(map(type, values))
    if dtype in ("string", "str") or not dtype.startswith(("Int", "int", "Float", "float", "bool", "boolean", "datetime64")):
        if not types <= _STRING_TYPES:
            bad = first(lambda v: type(v) not in _STRING_TYPES)
            raise refuse(f"a {type(bad).__name__} value ({bad!r:.40})")
    elif dtype.startswith(("Int", "int", "bool", "boolean")):
        if not types <= _INTEGER_TYPES:
            bad = first(lambda v: type(v) not in _INTEGER_TYPES)
            raise refuse(f"{bad!r:.40}, not a whole number")
        present = [v for v in values if v is not None]
        if present and (min(present) < _INT64[0] or max(present) > _INT64[1]):
            raise refuse(f"{first(lambda v: v is not None and not _INT64[0] <= v <= _INT64[1])}, out of range")
        if dtype.startswith("bool") and not {v for v in present} <= {0, 1}:
            raise refuse(f"{first(lambda v: v not in (None, 0, 1))!r:.40}, not true (1) or false (0)")
    elif dtype.startswith(("Float", "float")):
        if not types <= _REAL_TYPES:
            bad = first(lambda v: type(v) not in _REAL_TYPES)
            raise refuse(f"{bad!r:.40}, not a number")
        if not all(math.isfinite(v) for v in values if v is not None):
            raise refuse(f"{first(lambda v: v is not None and not math.isfinite(v))!r}, not a finite number")
    try:
        return _restore(values, dtype)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # a date that is no date, a cell that is no JSON or nested too deep
        raise refuse(f"a value it cannot read back ({str(exc).splitlines()[0][:80]})") from None


def _codebook_text(codebook: Any) -> str:
    if isinstance(codebook, str):
        return codebook
    to_yaml = getattr(codebook, "to_yaml", None)
    if to_yaml is None:
        raise TypeError(f"cannot store a codebook of type {type(codebook).__name__}")
    return str(to_yaml())


def _codebook_object(text: Any, where: str) -> Any:
    """A stored codebook, its errors naming the project and the codebook (``where``)."""
    try:
        from ..codebook import Codebook
    except ImportError:
        return text
    if not isinstance(text, str):
        raise ProjectFileError(f"{where} is stored as {type(text).__name__}, not YAML text", hint="the file was changed outside qlr; save the study again from its sources")
    return Codebook.from_yaml(text, path=where)


def save_study(study: Any, path: str | os.PathLike[str]) -> None:
    """Write ``study`` to ``path`` atomically (see the module docstring)."""
    check_nesting(study, doing="saving")  # a value nested past Python's stack, named (table, column, row), not a RecursionError
    # SQLite writes the database (and its journal) under a unique temporary name;
    # atomic_path renames it over the target once complete, or removes both.
    with atomic_path(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            # No rollback journal: the file is a temporary that is removed on any
            # error and renamed only once complete, so a journal would protect nothing.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")  # atomic_path fsyncs before renaming
            with connection:
                _write(connection, study)
        finally:
            connection.close()


def _write(connection: sqlite3.Connection, study: Any) -> None:
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("CREATE TABLE columns (tbl TEXT, position INTEGER, name TEXT, dtype TEXT)")
    connection.execute("CREATE TABLE codebooks (name TEXT PRIMARY KEY, position INTEGER, content TEXT)")
    meta = {
        "format": _FORMAT,
        "schema_version": str(SCHEMA_VERSION),
        "qlr_version": __version__,
        "name": study.name,
        "study_meta": json.dumps(study.meta, default=_encode_json, ensure_ascii=False, sort_keys=True),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.executemany(
        "INSERT INTO codebooks VALUES (?, ?, ?)",
        [(name, i, _codebook_text(cb)) for i, (name, cb) in enumerate(study.codebooks.items())],
    )
    for table in _TABLES:
        frame: pd.DataFrame = getattr(study, table)
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"table {table!r} has duplicate column names; rename them before saving")
        connection.executemany(
            "INSERT INTO columns VALUES (?, ?, ?, ?)",
            [(table, i, name, str(frame[c].dtype)) for i, (name, c) in enumerate(zip(names, frame.columns))],
        )
        # The SQL type depends on the dtype only, so an empty slice decides it.
        sql_types = [_column_values(frame[c].iloc[:0])[0] for c in frame.columns]
        column_sql = ", ".join(f'"c{i}" {sqltype}' for i, sqltype in enumerate(sql_types))
        connection.execute(f'CREATE TABLE "t_{table}" ({column_sql or "_empty INTEGER"})')
        if names:
            placeholders = ", ".join("?" * len(names))
            for start in range(0, len(frame), CHUNK_ROWS):
                # One chunk's cells as Python values at a time, never the whole table's.
                chunk = frame.iloc[start : start + CHUNK_ROWS]
                rows = zip(*(_column_values(chunk[c])[1] for c in chunk.columns))
                connection.executemany(f'INSERT INTO "t_{table}" VALUES ({placeholders})', rows)
        for name in _INDEXED.get(table, ()):
            if name in names:
                connection.execute(_index_sql(table, names.index(name)))


def _index_sql(table: str, position: int) -> str:
    """The one statement qlr creates an index with; opening accepts exactly these."""
    return f'CREATE INDEX "qlr_{table}_c{position}" ON "t_{table}" ("c{position}")'


def open_study(path: str | os.PathLike[str], *, max_value_bytes: int = MAX_VALUE_BYTES) -> Any:
    """Read a ``.qlr`` project file written by :meth:`Study.save`, as untrusted input (see the module docstring)."""
    from ..study import Study

    source = Path(path)
    if not source.exists():
        raise SourceNotFoundError(
            "no such project file", path=source, hint="check the path; projects are saved with study.save('name.qlr')"
        )
    if source.is_dir():
        raise ProjectFileError(
            "this is a folder, not a .qlr project file", path=source, hint="use qlr.load() to read a study folder"
        )
    with open(source, "rb") as stream:
        head = stream.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        from ._inception import OLDER_FIX, inception_export_kind
        from ._readers import qda_file

        # Another tool's project or export (a .qdpx, CATMA's .tar.gz) is imported, not opened: said by its suffix, or
        # by its content where the suffix is everyone's (INCEpTION's WebAnno TSV 3, a .tsv; its project export, a .zip).
        tool = qda_file(source) if source.suffix.lower() != ".qlr" else None
        webanno = inception_export_kind(source) if tool is None else None
        if webanno in ("tsv", "zip", "xmi"):
            what = "an INCEpTION export (UIMA CAS XMI)" if webanno == "xmi" else "an INCEpTION export (WebAnno TSV 3)" if webanno == "tsv" else "an INCEpTION export"
            tool = (what, f"import it: qlr import {source.name} -o study.qlr (or qlr.io.read_inception in Python)")
        elif webanno in ("tsv1", "tsv2"):
            tool = (f"WebAnno TSV {webanno[3:]}, WebAnno's older format", OLDER_FIX)
        elif tool is None:
            from ._label_studio import label_studio_export_kind

            if label_studio_export_kind(source) == "json":
                tool = ("a Label Studio export (JSON)", f"import it: qlr import {source.name} -o study.qlr (or qlr.io.read_label_studio in Python)")
            else:
                from ._doccano import doccano_export_kind

                if doccano_export_kind(source) is not None:
                    tool = ("a doccano export (JSONL)", f"import it: qlr import {source.name} -o study.qlr (or qlr.io.read_doccano in Python)")
                else:
                    from ._brat import brat_advice

                    tool = brat_advice(source)
        raise ProjectFileError(
            f"not a qlr project file (it is not an SQLite database){f': it is {tool[0]}' if tool else ''}",
            path=source,
            hint=tool[1] if tool else "open files saved with study.save(); load transcripts with qlr.load()",
        )
    connection = connect_read_only(
        source,
        unfinished="the journal of a write that did not finish (not qlr's: qlr saves under another name and renames); "
        "the project is read as it was before that write",
        failed=lambda why: ProjectFileError(f"cannot open the project: {why}", path=source),
    )
    try:
        _defend(connection, max_value_bytes)
        _check_schema(connection, source)
        from .._warned import keep_warnings, noting_warnings

        with noting_warnings() as warned:  # rows refused on opening, kept beside what loading said
            study = _read(connection, source, Study)
            from ._segment import warn_unrecorded_speakers

            warn_unrecorded_speakers(study, source)
        keep_warnings(study, "open", warned)
        return study
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(
            f"the project file is damaged ({exc})",
            path=source,
            hint="restore it from a backup or save the study again from its source files",
        ) from None
    finally:
        connection.close()


def connect_read_only(path: Path, *, unfinished: str, failed: Callable[[str], Exception]) -> sqlite3.Connection:
    """An SQLite file from elsewhere opened read-only and immutable (its path quoted in the URI: nothing is ever written
    beside it), a journal left beside it said.

    ``unfinished`` says what a non-empty ``-journal`` or ``-wal`` file beside it is (in a
    ``RowsRefusedWarning``: the file is read as it was before that write); ``failed`` makes the
    error raised when SQLite cannot open it, from SQLite's reason.
    """
    for leftover in (path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        if leftover.exists() and leftover.stat().st_size:
            warn(f"{path}: {leftover.name} beside it is {unfinished}", RowsRefusedWarning)
    try:
        return open_immutable(path)
    except sqlite3.Error as exc:
        raise failed(str(exc)) from None


def open_immutable(path: Path) -> sqlite3.Connection:
    """An SQLite file opened read-only and immutable: SQLite writes nothing beside it (no -shm or -wal of a WAL-mode
    database), takes no lock and reads the file alone, as it was last written whole (a -wal beside it is left unread)."""
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(path.resolve().as_posix())}?mode=ro&immutable=1", uri=True)


def _defend(connection: sqlite3.Connection, max_value_bytes: int) -> None:
    """SQLite's own defences for a database from elsewhere."""
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")
    connection.execute("PRAGMA query_only = ON")
    connection.execute(f"PRAGMA hard_heap_limit = {int(_HEAP_LIMIT)}")
    if hasattr(connection, "setlimit"):  # Python 3.11+
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, int(max_value_bytes))


def _check_schema(connection: sqlite3.Connection, source: Path) -> None:
    """Refuse anything qlr did not create, before reading any row."""
    try:
        objects = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"the project file is damaged ({exc})", path=source) from None
    if not any(kind == "table" and name == "meta" for kind, name, _, _ in objects):
        from ._readers import _QDA_FILES
        from ._taguette import has_taguette_tables

        # A QDA tool's own project (RQDA's .rqda, QualCoder's data.qda, Taguette's database by its tables) is imported, not opened.
        if has_taguette_tables(name for kind, name, _, _ in objects if kind == "table"):
            tool: tuple[str, str] | None = ("a Taguette project", f"import it: qlr import FILE{source.suffix} -o study.qlr (or qlr.io.read_taguette in Python)")
        else:
            tool = _QDA_FILES.get(".rqda" if source.suffix.lower() == ".rqda" else ".qda" if source.suffix.lower() == ".qda" or source.name.lower() == "data.qda" else "")
        raise ProjectFileError(
            f"this SQLite database is not a qlr project (it has no qlr meta table){f': it is {tool[0]}' if tool else ''}",
            path=source,
            hint=tool[1].replace("FILE", source.stem) if tool else "open files saved with study.save()",
        )
    found = [
        (kind, name)
        for kind, name, table, sql in objects
        if not (kind == "table" and name in _OWN_TABLES)
        and not (kind == "index" and str(name).startswith("sqlite_autoindex_") and table in _OWN_TABLES)
        and not (kind == "index" and _is_own_index(name, table, sql))
    ]
    # What can run code or stand in for a table is named first: a view or trigger hidden behind indices would go unsaid.
    rank = {"view": 0, "trigger": 1, "table": 2}
    strangers = [f"{kind} {name!r}" for kind, name in sorted(found, key=lambda item: rank.get(item[0], 3))]
    if strangers:
        raise ProjectFileError(
            f"the project holds what qlr never writes: {', '.join(strangers[:5])}{' …' if len(strangers) > 5 else ''}",
            path=source,
            hint="it was changed outside qlr; open only projects saved with study.save(), or save the study again from its sources",
        )
    for table in _OWN_TABLES & {name for _, name, _, _ in objects}:
        (count,) = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        if count > MAX_ROWS:
            raise ProjectFileError(f"table {table!r} has {count:,} rows, over the limit of {MAX_ROWS:,}", path=source)


def _is_own_index(name: object, table: object, sql: object) -> bool:
    """Whether an index is one qlr writes: its name, its table and its statement exactly as :func:`_index_sql` makes them."""
    name, table = str(name), str(table)
    if not (name.startswith("qlr_") and table.startswith("t_") and table[2:] in _TABLES):
        return False
    position = name.removeprefix(f"qlr_{table[2:]}_c")
    return position.isdigit() and sql == _index_sql(table[2:], int(position))


def _check_rows(frames: dict[str, pd.DataFrame], codebooks: dict[str, Any], source: Path) -> dict[str, pd.DataFrame]:
    """Keys and offsets that cannot be right: refused (rows left out) with a warning that counts them."""

    from .. import _tables

    refused: list[str] = []

    def drop(table: str, bad: np.ndarray, why: str) -> None:
        if bad.any():
            key = _tables.KEYS.get(table)
            ids = [str(v) for v in frames[table].loc[bad, key].head(5)] if key in frames[table] else []
            refused.append(f"{int(bad.sum())} {table} row(s) {why} (e.g. {', '.join(ids)})")
            frames[table] = frames[table][~bad].reset_index(drop=True)

    for table, key in (("documents", "doc_id"), ("segments", "seg_id"), ("codings", "coding_id"), ("memos", "memo_id")):
        frame = frames.get(table)
        if frame is not None and key in frame and len(frame):
            drop(table, frame[key].isna().to_numpy() | frame[key].duplicated().to_numpy(), f"with a missing or repeated {key}")
    documents = frames["documents"]
    lengths = dict(zip(documents["doc_id"], documents["text"].fillna("").str.len())) if "text" in documents else {}
    for table in ("segments", "codings"):
        frame = frames[table]
        if not len(frame) or not {"doc_id", "start", "end"} <= set(frame.columns):
            continue
        size = frame["doc_id"].map(lengths)
        start = pd.to_numeric(frame["start"], errors="coerce")
        end = pd.to_numeric(frame["end"], errors="coerce")
        unknown = size.isna().to_numpy()
        drop(table, unknown, "pointing at a document the project does not have")
        frame, size, start, end = frames[table], size[~unknown], start[~unknown], end[~unknown]
        outside = (start.isna() | end.isna() | (start < 0) | (start > end) | (end > size)).to_numpy()
        drop(table, outside, "whose offsets lie outside their document's text")
    codings = frames["codings"]
    if len(codings) and "seg_id" in codings:
        stray = (codings["seg_id"].notna() & ~codings["seg_id"].isin(frames["segments"]["seg_id"])).to_numpy()
        drop("codings", stray, "pointing at a segment the project does not have")
    # A coding must have its code in the codebook it names when the project holds that codebook; one
    # naming a codebook the project does not hold (the bundled one a study's hand codings name) is kept.
    known = {name: {code.id for code in book} for name, book in codebooks.items() if hasattr(book, "codes")}
    codings = frames["codings"]
    if len(codings) and known and "codebook" in codings:
        unknown_code = np.zeros(len(codings), dtype=bool)
        for name, codes in known.items():
            unknown_code |= (codings["codebook"] == name).fillna(False).to_numpy(dtype=bool) & ~codings["code_id"].isin(codes).to_numpy()
        drop("codings", unknown_code, "with a code the codebook they name does not have")
    if refused:
        warn(f"{source}: left out {'; '.join(refused)}", RowsRefusedWarning)
    return frames


def _read(connection: sqlite3.Connection, source: Path, study_class: type) -> Any:
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        raise ProjectFileError(
            "this SQLite database is not a qlr project (it has no qlr meta table)",
            path=source,
            hint="open files saved with study.save()",
        ) from None
    if meta.get("format") != _FORMAT:
        raise ProjectFileError(
            "this SQLite database is not a qlr project", path=source, hint="open files saved with study.save()"
        )
    version_text = str(meta.get("schema_version", "0"))
    if not version_text.isdigit() or len(version_text) > 6:
        raise ProjectFileError(
            f"the project's schema version {version_text[:40]!r} is not a whole number",
            path=source,
            hint="the file was changed outside qlr; save the study again from its sources",
        )
    version = int(version_text)
    if version > SCHEMA_VERSION:
        raise ProjectVersionError(
            f"the project was saved by qlr {meta.get('qlr_version', '?')} (file format {version}); "
            f"this qlr ({__version__}) reads formats up to {SCHEMA_VERSION}",
            path=source,
            hint="upgrade qlr: pip install --upgrade qlr",
        )
    check = connection.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise ProjectFileError(
            f"the project file is damaged (SQLite reports: {check[0] if check else 'nothing'})",
            path=source,
            hint="restore it from a backup or save the study again from its source files",
        )
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, _, name, dtype in connection.execute("SELECT tbl, position, name, dtype FROM columns ORDER BY tbl, position"):
        if table not in _TABLES or str(dtype) not in _KNOWN_DTYPES:
            raise ProjectFileError(
                f"the project declares a column qlr never writes ({table!r}.{name!r} of type {dtype!r})",
                path=source,
                hint="it was changed outside qlr; save the study again from its sources",
            )
        columns.setdefault(table, []).append((name, dtype))
    for table, spec in columns.items():
        names = [name for name, _ in spec]
        if len(set(names)) != len(names) or not all(isinstance(name, str) for name in names):
            raise ProjectFileError(
                f"the project declares table {table!r} with a repeated or unnamed column",
                path=source,
                hint="it was changed outside qlr; save the study again from its sources",
            )
    frames: dict[str, pd.DataFrame] = {}
    for table in _TABLES:
        frames[table] = _read_table(connection, table, columns.get(table, []), source)
    _check_json_cells(frames, source)
    codebooks = {
        name: _codebook_object(content, f"{source} (codebook {name!r})")
        for name, content in connection.execute("SELECT name, content FROM codebooks ORDER BY position")
    }
    study_meta = _study_meta(meta.get("study_meta", "{}"), source)
    name = meta.get("name", source.stem)
    if not isinstance(name, str):
        raise ProjectFileError(f"the project's name is {name!r:.40}, not text", path=source, hint="save the study again from its sources")
    frames = _check_rows(frames, codebooks, source)
    return study_class(name, **frames, meta=study_meta, codebooks=codebooks)


def _check_json_cells(frames: dict[str, pd.DataFrame], source: Path) -> None:
    """The cells qlr keeps JSON in and uses as JSON (an override's group), each read as JSON now: one that is not, is no
    mapping, or nests deeper than Python's stack, is a :class:`ProjectFileError` naming its row, not a ``RecursionError``
    later in ``qlr.track.ladder``. A log entry's detail is not checked: its readers take one that is no JSON (words, or
    JSON nested too deep) as text (:func:`qlr._json.log_detail`), so a project never fails to open over one."""
    hint = (
        "the file was changed outside qlr; restore it from a backup, or correct that row of its t_overrides table in an "
        "SQLite editor (a JSON object naming the case, wave and facet the override places)"
    )
    if "group" not in frames["overrides"].columns:
        return
    for row, text in enumerate(frames["overrides"]["group"], 1):
        if not isinstance(text, str):
            continue
        value = parse_json(text, source, what=f"column overrides.group, row {row}", hint=hint, error=ProjectFileError)
        if not isinstance(value, dict):
            raise ProjectFileError(f"column overrides.group, row {row}: {text!r:.40} is not a mapping of what the override places", path=source, hint=hint)


def _study_meta(text: Any, source: Path) -> dict[str, Any]:
    """The study's metadata: a JSON object, or a :class:`ProjectFileError`."""
    hint = "the file was changed outside qlr; save the study again from its sources"
    value = parse_json(text, source, what="the study's metadata", hint=hint, error=ProjectFileError, object_hook=_decode_json) if isinstance(text, str) else None
    if not isinstance(value, dict):
        raise ProjectFileError(f"the study's metadata is {type(value).__name__}, not a JSON object", path=source, hint="the file was changed outside qlr; save the study again from its sources")
    return value


def _read_table(connection: sqlite3.Connection, table: str, spec: list[tuple[str, str]], source: Path) -> pd.DataFrame:
    """One table, read and typed a chunk of rows at a time (see :data:`CHUNK_ROWS`)."""
    if not spec:
        return pd.DataFrame(index=pd.RangeIndex(0))
    cursor = connection.execute(f'SELECT * FROM "t_{table}"')
    if len(cursor.description) != len(spec):
        raise ProjectFileError(f"table {table!r} has {len(cursor.description)} columns but declares {len(spec)}", path=source)
    parts: list[list[pd.Series]] = [[] for _ in spec]
    while rows := cursor.fetchmany(CHUNK_ROWS):
        # Each chunk's Python objects become typed columns (Arrow strings, NumPy
        # numbers) before the next chunk is fetched.
        for part, values, (name, dtype) in zip(parts, zip(*rows), spec):
            part.append(_checked_column(values, dtype, f"{table}.{name}", source))
    data = {}
    for (name, dtype), part in zip(spec, parts):
        data[name] = pd.concat(part, ignore_index=True) if part else _restore([], dtype)
    n_rows = len(next(iter(data.values())))
    return pd.DataFrame(data, index=pd.RangeIndex(n_rows))
