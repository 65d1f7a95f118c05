"""Column schemas of the Study tables, and coercion to them.

One place says which columns each table has and their dtypes, so that a study
built by a loader, an importer, a test or ``qlr.open`` holds identical frames
under pandas 2 and 3.  Text columns use pandas' ``"string"`` dtype (missing is
``pd.NA``); dates are ``datetime64[ns]``; times of events are UTC.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["SCHEMAS", "KEYS", "coerce", "empty", "ATTRITION_STATES"]

STRING = "string"
INT = "Int64"
FLOAT = "Float64"
BOOL = "boolean"
DATE = "datetime64[ns]"
TIME = "datetime64[ns, UTC]"
LIST = "list"  # a Python list per cell (stored as JSON)

#: The cells of :meth:`qlr.Study.attrition`; part of the table vocabulary that
#: :mod:`qlr.evidence` presents, kept here so every layer can read it.
ATTRITION_STATES = ("present", "not yet joined", "missed", "dropped out", "not scheduled", "absent")

SCHEMAS: dict[str, dict[str, str]] = {
    "cases": {"case_id": STRING, "label": STRING, "role": STRING},
    "waves": {"wave_id": STRING, "order": INT, "label": STRING, "start": DATE, "end": DATE},
    "case_waves": {"case_id": STRING, "wave_id": STRING, "scheduled": BOOL},
    "documents": {
        "doc_id": STRING,
        "case_id": STRING,
        "wave_id": STRING,
        "kind": STRING,
        "date": DATE,
        "stage": STRING,
        "title": STRING,
        "source": STRING,
        "format": STRING,
        "encoding": STRING,
        "sha256": STRING,
        "n_words": INT,
        "text": STRING,
    },
    "segments": {
        "seg_id": STRING,
        "doc_id": STRING,
        "position": INT,
        "start": INT,
        "end": INT,
        "speaker": STRING,
        "speaker_role": STRING,
        "timestamp": FLOAT,
        "timestamp_end": FLOAT,
        "date": DATE,
        "n_words": INT,
    },
    "codings": {
        "coding_id": STRING,
        "doc_id": STRING,
        "start": INT,
        "end": INT,
        "seg_id": STRING,
        "code_id": STRING,
        "coder": STRING,
        "origin": STRING,
        "confidence": FLOAT,
        "codebook": STRING,
        "codebook_version": STRING,
        "indicator": STRING,
        "status": STRING,
        # How a rule match was asserted (qlr.code.ASSERTIONS): affirmed, negated,
        # hypothetical, ...; empty for a person's coding, which is what they meant.
        "assertion": STRING,
        "created": TIME,
    },
    "memos": {
        "memo_id": STRING,
        "target_type": STRING,
        "target_id": STRING,
        "author": STRING,
        "text": STRING,
        "created": TIME,
        # A REFI-QDA note's name and its <Description> (kept from an import, written back on export).
        "title": STRING,
        "description": STRING,
    },
    "actors": {
        "actor_id": STRING,
        "name": STRING,
        "kind": STRING,
        "role": STRING,
        "case_id": STRING,
        "aliases": LIST,
    },
    "overrides": {
        "override_id": STRING,
        "group": STRING,
        "facet": STRING,
        "level": INT,
        "reason": STRING,
        "author": STRING,
        "created": TIME,
    },
    "log": {
        "entry_id": INT,
        "time": TIME,
        "actor": STRING,
        "action": STRING,
        "detail": STRING,
    },
}

#: Primary key of each table (tables whose rows are identified by one column).
KEYS = {
    "cases": "case_id",
    "waves": "wave_id",
    "documents": "doc_id",
    "segments": "seg_id",
    "codings": "coding_id",
    "memos": "memo_id",
    "actors": "actor_id",
    "overrides": "override_id",
    "log": "entry_id",
}

#: Tables whose extra columns (beyond the schema) are user attributes, kept as given.
OPEN_TABLES = frozenset({"cases", "case_waves", "documents", "actors"})


def _as_dtype(series: pd.Series, dtype: str) -> pd.Series:
    if dtype == LIST:
        return series.map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    if dtype == STRING:
        # Keep missing values missing: astype(str) would write the text "None".
        return series.astype("object").where(series.notna(), None).astype(STRING)
    if dtype == DATE:
        out = pd.to_datetime(series, errors="raise")
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_convert(None)
        return out.astype(DATE)
    if dtype == TIME:
        out = pd.to_datetime(series, utc=True, errors="raise")
        return out.astype(TIME)
    if dtype == BOOL:
        return series.astype("object").where(series.notna(), None).astype(BOOL)
    return series.astype(dtype)


def coerce(name: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``frame`` with the columns of table ``name`` in schema order and dtype.

    Missing schema columns are added empty; extra columns are kept after them
    (user attributes) for the open tables and dropped for the others.  The index
    is reset to a plain ``RangeIndex``.

    Examples
    --------
    >>> import pandas as pd
    >>> coerce("waves", pd.DataFrame({"wave_id": ["W1"], "order": [1]})).dtypes.astype(str).tolist()
    ['string', 'Int64', 'string', 'datetime64[ns]', 'datetime64[ns]']
    """
    schema = SCHEMAS[name]
    if frame is None:
        frame = pd.DataFrame()
    frame = frame.reset_index(drop=True)
    columns: dict[str, pd.Series] = {}
    for column, dtype in schema.items():
        if column in frame.columns:
            columns[column] = _as_dtype(frame[column], dtype)
        else:
            columns[column] = _as_dtype(pd.Series([None] * len(frame), dtype="object"), dtype)
    if name in OPEN_TABLES:
        for column in frame.columns:
            if column not in schema:
                columns[column] = frame[column]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def empty(name: str) -> pd.DataFrame:
    """An empty table with the schema's columns and dtypes."""
    return coerce(name, None)


def records_frame(name: str, rows: list[Mapping[str, object]] | list[tuple]) -> pd.DataFrame:
    """Build table ``name`` from row dicts (or tuples in schema order)."""
    if rows and not isinstance(rows[0], Mapping):
        frame = pd.DataFrame.from_records(rows, columns=list(SCHEMAS[name]))
    else:
        frame = pd.DataFrame.from_records(rows)
    return coerce(name, frame)
