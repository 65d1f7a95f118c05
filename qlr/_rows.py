"""Writing rows to a Study's tables, and finding the segment a span belongs to.

Codings, memos and placement overrides are added by rules, hand coding, coding
sheets, consensus, the suggester, the loader, the importer and the ladder.  They
all go through :func:`append_rows` and :func:`replace_rows`, which bring the new
rows to the table's schema once (:func:`qlr._tables.coerce`) and concatenate them
with the existing rows (already in the schema), so the table keeps its dtypes
and a plain ``RangeIndex`` whoever wrote to it.

:func:`segment_for_spans` answers "which segment is this coded span in?" for
many spans at once, for hand coding, the manifest's ``codings:`` files and
REFI-QDA imports alike.  :func:`quoted` is how a coded span is quoted, wherever
a table or report shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _tables

__all__ = ["WRITABLE", "append_rows", "replace_rows", "segment_for_spans", "quoted", "quotes_of"]

#: The tables rows are written to after a Study is built (``log`` by :meth:`qlr.Study.record`).
WRITABLE = ("codings", "memos", "overrides", "log")

Rows = pd.DataFrame | Sequence[Mapping[str, Any]]


def _in_schema(table: str, rows: Rows) -> pd.DataFrame:
    if isinstance(rows, pd.DataFrame):
        return _tables.coerce(table, rows)
    return _tables.records_frame(table, list(rows))


def _concat(table: str, kept: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    # A table someone assigned by hand may have drifted from the schema; only then coerce it again.
    if list(kept.columns) != list(fresh.columns) or not kept.dtypes.equals(fresh.dtypes):
        kept = _tables.coerce(table, kept)
    if fresh.empty:
        return kept.reset_index(drop=True)
    if kept.empty:
        return fresh
    return pd.concat([kept, fresh], ignore_index=True)


def _check_table(table: str) -> None:
    if table not in WRITABLE:
        raise ValueError(f"rows are written to {', '.join(WRITABLE)}, not {table!r}")


def append_rows(study: Any, table: str, rows: Rows, *, skip_existing: bool = False) -> pd.DataFrame:
    """Add ``rows`` to ``study.<table>`` (in place); return the rows added.

    Parameters
    ----------
    study : Study
        The study written to.
    table : str
        ``"codings"``, ``"memos"``, ``"overrides"`` or ``"log"``.
    rows : DataFrame or list of dict
        The new rows; columns missing from them are left empty, columns the
        table does not have are dropped.
    skip_existing : bool
        Leave out rows whose id (``coding_id``, ``memo_id``, ``override_id``,
        ``entry_id``) the
        table already holds or that repeat an earlier new row, instead of adding
        them again.

    Returns
    -------
    DataFrame
        The rows added, in the table's schema.

    Examples
    --------
    >>> import qlr
    >>> from qlr._rows import append_rows
    >>> study = qlr.Study("demo")
    >>> added = append_rows(study, "memos", [{"memo_id": "m-1", "target_type": "study", "target_id": "project", "text": "first"}])
    >>> len(append_rows(study, "memos", added, skip_existing=True)), len(study.memos)
    (0, 1)
    >>> str(study.memos["text"].dtype)
    'string'
    """
    _check_table(table)
    fresh = _in_schema(table, rows)
    if skip_existing:
        key = _tables.KEYS[table]
        fresh = fresh[~fresh[key].isin(getattr(study, table)[key])].drop_duplicates(key).reset_index(drop=True)
    setattr(study, table, _concat(table, getattr(study, table), fresh))
    return fresh


def replace_rows(study: Any, table: str, rows: Rows, *, where: pd.Series | np.ndarray) -> tuple[pd.DataFrame, int]:
    """Remove the rows of ``study.<table>`` where ``where`` is true, then add ``rows`` (in place).

    Parameters
    ----------
    study : Study
        The study written to.
    table : str
        ``"codings"``, ``"memos"`` or ``"overrides"``.
    rows : DataFrame or list of dict
        The rows that take the removed rows' place (added at the end).
    where : boolean Series or array
        One value per current row of the table: ``True`` for the rows to remove.
        Missing values count as ``False`` (the row stays).

    Returns
    -------
    (DataFrame, int)
        The rows added, in the table's schema, and how many rows were removed.

    Examples
    --------
    >>> import qlr
    >>> from qlr._rows import append_rows, replace_rows
    >>> study = qlr.Study("demo")
    >>> _ = append_rows(study, "codings", [{"coding_id": "h-1", "code_id": "a", "coder": "rm"}, {"coding_id": "h-2", "code_id": "b", "coder": "so"}])
    >>> added, removed = replace_rows(study, "codings", [{"coding_id": "h-3", "code_id": "c", "coder": "rm"}], where=study.codings["coder"] == "rm")
    >>> removed, study.codings["coding_id"].tolist()
    (1, ['h-2', 'h-3'])
    """
    _check_table(table)
    current = getattr(study, table)
    mask = pd.Series(where, index=current.index).fillna(False).astype(bool).to_numpy()
    fresh = _in_schema(table, rows)
    setattr(study, table, _concat(table, current[~mask], fresh))
    return fresh, int(mask.sum())


def segment_for_spans(
    segments: pd.DataFrame, doc_ids: Sequence[Any] | np.ndarray | pd.Series, starts: Sequence[int] | np.ndarray | pd.Series, ends: Sequence[int] | np.ndarray | pd.Series
) -> pd.Series:
    """The segment each span ``doc_ids[i], starts[i]:ends[i]`` belongs to.

    A span belongs to the segment of its own document that it overlaps most (in
    characters).  When two segments share the largest overlap, the **earlier**
    one wins (the one that starts first; for equal starts, the one earlier in
    ``segments``).  A span that overlaps no segment of its document by at least
    one character (outside every segment, or of zero width, or of a document
    with no segments) gets a missing value.

    For example, with the segments of document ``a`` at ``0:10``, ``10:30`` and
    ``30:40``:

    * ``a, 5:25`` overlaps them by 5, 15 and 0 characters: the second;
    * ``a, 5:15`` overlaps the first two by 5 each, a tie: the first (earlier);
    * ``a, 40:50`` overlaps none: missing;
    * ``b, 0:5``: ``b`` has no segments: missing.

    Parameters
    ----------
    segments : DataFrame
        With columns ``seg_id``, ``doc_id``, ``start`` and ``end`` (a study's
        ``segments`` table).  Segments may overlap each other.
    doc_ids, starts, ends : array-like
        One value per span; ``end`` is exclusive.

    Returns
    -------
    Series
        ``seg_id`` per span (``"string"`` dtype, ``<NA>`` where none), in the
        order of the spans, with a ``RangeIndex``.

    Notes
    -----
    Segments are sorted once by document and start.  For each span a binary
    search finds the first segment whose end (running maximum within the
    document) passes the span's start and the first segment that starts at or
    after the span's end; only the segments between are compared.  The work
    grows with the number of span–segment overlaps, not spans × segments.

    Examples
    --------
    >>> import pandas as pd
    >>> from qlr._rows import segment_for_spans
    >>> segments = pd.DataFrame({"seg_id": ["a:0000", "a:0001", "a:0002"], "doc_id": ["a", "a", "a"], "start": [0, 10, 30], "end": [10, 30, 40]})
    >>> segment_for_spans(segments, ["a", "a", "a", "b"], [5, 5, 40, 0], [25, 15, 50, 5]).tolist()
    ['a:0001', 'a:0000', <NA>, <NA>]
    """
    span_doc = np.asarray(doc_ids, dtype=object)
    span_start = np.asarray(starts, dtype=np.int64)
    span_end = np.asarray(ends, dtype=np.int64)
    n_spans, n_segments = len(span_doc), len(segments)
    found = np.full(n_spans, None, dtype=object)
    if n_spans == 0 or n_segments == 0:
        return pd.Series(found, dtype="string")

    # Documents as integer codes shared by segments and spans (missing ids get -1 and match nothing).
    codes, _ = pd.factorize(np.concatenate([segments["doc_id"].to_numpy(dtype=object), span_doc]))
    seg_code, span_code = codes[:n_segments].astype(np.int64), codes[n_segments:].astype(np.int64)
    seg_start = segments["start"].to_numpy(dtype=np.int64)
    seg_end = segments["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((np.arange(n_segments), seg_start, seg_code))
    seg_code, seg_start, seg_end = seg_code[order], seg_start[order], seg_end[order]
    # Running maximum of the ends within each document: non-decreasing, so searchable even if segments overlap.
    reach = pd.Series(seg_end).groupby(seg_code).cummax().to_numpy(dtype=np.int64)

    # One sorted key per document and position: code × width + offset.
    width = int(max(seg_end.max(), span_end.max(), span_start.max(), 0)) + 2
    first = np.searchsorted(seg_code * width + reach, span_code * width + span_start, side="right")
    past = np.searchsorted(seg_code * width + seg_start, span_code * width + span_end, side="left")
    counts = np.maximum(past - first, 0)
    span_of = np.repeat(np.arange(n_spans), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    candidate = np.repeat(first, counts) + offsets
    overlap = np.minimum(seg_end[candidate], span_end[span_of]) - np.maximum(seg_start[candidate], span_start[span_of])
    positive = overlap > 0
    span_of, candidate, overlap = span_of[positive], candidate[positive], overlap[positive]
    # Per span: largest overlap first, then the earlier segment (smaller sorted position).
    best = np.lexsort((candidate, -overlap, span_of))
    span_of, candidate = span_of[best], candidate[best]
    leads = np.ones(len(span_of), dtype=bool)
    leads[1:] = span_of[1:] != span_of[:-1]
    seg_ids = segments["seg_id"].to_numpy(dtype=object)
    found[span_of[leads]] = seg_ids[order[candidate[leads]]]
    return pd.Series(found, dtype="string")


def quoted(text: str, start: int, end: int, opening: int | None = None) -> str:
    r"""The words of a coded span, as tables and reports quote it.

    ``opening``: where the span's segment starts.  A span that begins before it on the
    same line (a tool that codes whole lines, as qc does, takes in
    "[00:00:33] Tom: " before Tom's words) is quoted from the turn's first word;
    the stored coding keeps its span.  Space and line ends around the words are
    left out.

    >>> line = "[00:00:33] Tom: Better now, we run it.\n"
    >>> quoted(line, 0, len(line), opening=16)
    'Better now, we run it.'
    >>> quoted("Ann: Yes.\nBo: We plan it.", 0, 25, opening=14)  # a span over two turns keeps both
    'Ann: Yes.\nBo: We plan it.'
    """
    if opening is not None and start < opening < end and "\n" not in text[start:opening]:
        start = opening
    return text[start:end].strip()


def quotes_of(study: Any, coded: pd.DataFrame) -> list[str]:
    """:func:`quoted` for each row of a codings table (``doc_id``, ``seg_id``, ``start``, ``end``) of ``study``."""
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    openings = coded["seg_id"].map(study.segments.set_index("seg_id")["start"]).astype("Int64")
    return [quoted(texts[d], int(s), int(e), None if pd.isna(o) else int(o)) for d, s, e, o in zip(coded["doc_id"], coded["start"], coded["end"], openings)]
