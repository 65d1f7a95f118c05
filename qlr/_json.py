"""JSON text from a user's file, read into one clear error when it cannot be.

``json.loads`` raises a ``JSONDecodeError`` for text that is not JSON and a bare ``RecursionError`` for JSON nested
deeper than Python's stack (``[[[[…]]]]`` 100,000 deep, a few hundred kilobytes).  A reader of JSON a user hands qlr
that must have it (a project file's override groups, a ``.qdpx`` archive's details, a transcript or chat export's
``.json``) goes through :func:`parse_json`, so both end in the caller's :mod:`qlr.errors` class naming the file,
where in it, and how to fix it.  A reader that only tries JSON as one reading among others catches both itself and
says what it skipped: a log entry's detail is text when it is no JSON (:func:`log_detail`); Signal's JSON lines, a
Slack export's ``users.json`` and day files, and Taguette's command payloads (``qlr.io._messages``,
``qlr.io._taguette``) fall back to another reading, raise their own error, or count what they leave out.

Writing is the other way round: a study built in memory may hold any Python value in a cell of its tables or in its
``meta``, and ``json.dumps`` (a ``.qlr`` file's cells and metadata, a ``.qdpx``'s details) or ``str`` (a ``.qdpx``'s
values) of a list nested 100,000 deep is a bare ``RecursionError`` too.  :func:`check_nesting` looks first, without
recursing, and names the table, column and row (or the ``meta`` key) of a value nested deeper than
:data:`MAX_NESTING`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any

from .errors import DocumentFormatError, InvalidParameterError, QlrError

__all__ = ["MAX_NESTING", "check_nesting", "log_detail", "nesting", "parse_json"]

#: How deep a value in a study's tables or ``meta`` may nest (lists, tuples, sets, mappings within each other) for qlr to
#: write it and read it back: far past any real record, far short of Python's stack (JSON readers recurse).
MAX_NESTING = 100


def parse_json(
    text: str | bytes,
    path: str | os.PathLike[str],
    *,
    what: str = "the text",
    hint: str,
    error: type[QlrError] = DocumentFormatError,
    object_hook: Callable[[dict[str, Any]], Any] | None = None,
) -> Any:
    """The value of JSON ``text`` read from ``path``; ``error`` naming the file (and ``what`` in it) when it is no JSON.

    Parameters
    ----------
    text : str or bytes
        The JSON (bytes are read as UTF-8, as ``json.loads`` reads them).
    path : str or os.PathLike
        The file the text came from, for the message.
    what : str, optional
        What in the file holds the JSON ("column log.detail, row 3"), the subject of the message.
    hint : str
        How to fix it.
    error : type of QlrError
        The error raised (the reader's own: :class:`~qlr.errors.ProjectFileError` for a ``.qlr`` file).
    object_hook : callable, optional
        As ``json.loads``'s.

    Examples
    --------
    >>> parse_json('{"case": "C01"}', "x.qlr", hint="save it again")
    {'case': 'C01'}
    >>> parse_json("[" * 100_000 + "]" * 100_000, "x.qlr", what="column overrides.group, row 1", hint="save it again")
    Traceback (most recent call last):
    ...
    qlr.errors.DocumentFormatError: x.qlr: column overrides.group, row 1 nests its JSON deeper than qlr reads (more than ... levels). Fix: save it again.
    >>> parse_json('{"case": }', "x.json", hint="export it again")
    Traceback (most recent call last):
    ...
    qlr.errors.DocumentFormatError: x.json: the text is not valid JSON (line 1, column 10: Expecting value). Fix: export it again.
    """
    import sys

    try:
        return json.loads(text, object_hook=object_hook)
    except RecursionError:
        limit = sys.getrecursionlimit()
        raise error(f"{what} nests its JSON deeper than qlr reads (more than {limit:,} levels)", path=path, hint=hint) from None
    except json.JSONDecodeError as exc:
        raise error(f"{what} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", path=path, hint=hint) from None
    except (ValueError, TypeError) as exc:  # bytes that are no UTF-8; an object_hook's refusal ("$date" that is no date)
        raise error(f"{what} is not valid JSON ({str(exc).splitlines()[0][:80]})", path=path, hint=hint) from None


def log_detail(text: Any) -> Any:
    """A study log entry's detail read as JSON, or ``None`` where it is text: not JSON ("reviewed by RM"), or JSON
    nested deeper than Python's stack, which no reader of the log can use and which is kept as written.

    Examples
    --------
    >>> log_detail('{"codebook": "coproduction"}'), log_detail("[manual note] reviewed by RM"), log_detail("[" * 100_000)
    ({'codebook': 'coproduction'}, None, None)
    """
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


#: What :func:`pandas.api.types.infer_dtype` calls a column with no list, tuple, set or mapping in it.
_FLAT = frozenset(
    {"empty", "string", "bytes", "floating", "integer", "mixed-integer-float", "decimal", "complex", "boolean", "datetime64", "datetime", "date", "timedelta64", "timedelta", "time", "period"}
)


def nesting(value: Any, *, stop: int = MAX_NESTING + 1) -> int:
    """How deep ``value`` nests lists, tuples, sets and mappings (0 for a plain value), counted without recursing and
    only up to ``stop``.

    Examples
    --------
    >>> nesting("text"), nesting([1, [2, {"a": [3]}]]), nesting({})
    (0, 4, 1)
    >>> deep = []
    >>> for _ in range(100_000):
    ...     deep = [deep]
    >>> nesting(deep)
    101
    """
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, Mapping):
            inner: Any = item.values()
        elif isinstance(item, (list, tuple, set, frozenset)):
            inner = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest >= stop:
            return deepest
        pending.extend((each, depth + 1) for each in inner)
    return deepest


def too_deep(frame: Any) -> tuple[Any, int] | None:
    """The (column, row position) of the first cell of ``frame`` nested deeper than :data:`MAX_NESTING`, else None.

    Only cells that can nest are looked into: a column of Python objects that pandas does not find all strings, numbers
    or dates (``infer_dtype`` is compiled: 0.15 s for a 1M-word study's 1M cells, where a look at each cell took 1.5 s).

    >>> import pandas as pd
    >>> deep = []
    >>> for _ in range(1_000):
    ...     deep = [deep]
    >>> too_deep(pd.DataFrame({"id": ["a", "b"], "notes": [[1], deep]})), too_deep(pd.DataFrame({"n": [1]}))
    (('notes', 1), None)
    """
    import pandas as pd

    for column in frame.columns:
        values = frame[column]
        if values.dtype != object or pd.api.types.infer_dtype(values, skipna=True) in _FLAT:
            continue
        for row, value in enumerate(values.tolist()):
            if isinstance(value, (Mapping, list, tuple, set, frozenset)) and nesting(value) > MAX_NESTING:
                return column, row
    return None


def check_nesting(study: Any, *, doing: str, meta: bool = True) -> None:
    """Raise :class:`~qlr.errors.InvalidParameterError` naming the table, column and row (or ``meta`` key) of the first
    value in ``study`` nested deeper than :data:`MAX_NESTING`, before ``doing`` (``"saving"``) writes it; ``meta=False``
    looks at the tables only (a writer that carries a few keys of ``meta``, if any).

    Only cells that can nest are looked into: a column of Python objects that pandas does not find all strings, numbers
    or dates, so a study of strings and numbers costs one compiled pass a column.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> deep = []
    >>> for _ in range(1_000):
    ...     deep = [deep]
    >>> study = qlr.Study("demo", documents=pd.DataFrame({"doc_id": ["P01_W1"], "text": ["Hi."], "notes": [deep]}))
    >>> check_nesting(study, doing="saving")
    Traceback (most recent call last):
    ...
    qlr.errors.InvalidParameterError: table documents, column 'notes', row 0 (doc_id 'P01_W1') holds a value nested more than 100 deep (lists or mappings within each other), which qlr cannot write when saving. Fix: keep that value as text (json.dumps it, or store what it says) or flatten it, then try again.
    """
    import pandas as pd

    from ._tables import KEYS, SCHEMAS

    hint = "keep that value as text (json.dumps it, or store what it says) or flatten it, then try again"
    for table in SCHEMAS:
        frame = getattr(study, table, None)
        if not isinstance(frame, pd.DataFrame):
            continue
        found = too_deep(frame)
        if found is not None:
            column, row = found
            key = KEYS.get(table)
            named = f" ({key} {frame[key].iloc[row]!r})" if key in frame.columns and key != column else ""
            raise InvalidParameterError(
                f"table {table}, column {column!r}, row {row}{named} holds a value nested more than {MAX_NESTING} deep "
                f"(lists or mappings within each other), which qlr cannot write when {doing}",
                hint=hint,
            )
    for key, value in (getattr(study, "meta", None) or {}).items() if meta else ():
        if nesting(value) > MAX_NESTING:
            raise InvalidParameterError(
                f"study.meta[{key!r}] holds a value nested more than {MAX_NESTING} deep (lists or mappings within each other), which qlr cannot write when {doing}",
                hint=hint,
            )
