"""Intercoder agreement as MAXQDA reports it: two coders, coded segments compared in each direction.

MAXQDA's intercoder agreement compares two coders' versions of a document at one of three levels, and reports per
code how many comparisons agree and how many do not:

``"existence"``
    Code existence in the document: for each document and each code either coder applied there, they agree when
    both applied it.
``"frequency"``
    Code frequency in the document: the same rows, agreeing when both applied the code the same number of times.
``"overlap"``
    Code overlap at segment level: every coded segment of each coder is one comparison; it agrees when the other
    coder coded the same code on a segment that overlaps it by at least ``min_overlap`` (MAXQDA's default 90 %).  A
    coder's segments are each checked against the other's, so a passage both coded counts twice (once from each
    side), and text neither coded counts nowhere.  MAXQDA's kappa for this level is Brennan & Prediger's: chance
    agreement ``1/k`` with ``k`` the codes in the table, ``κ = (P_obs − 1/k) / (1 − 1/k)``, ``P_obs`` the total row's
    share of agreements.

:func:`qlr.code.agreement` gives these with ``maxqda=``; this module is its body.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._warned import warn
from ..errors import CodingError, QlrWarning, RowsRefusedWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

#: MAXQDA's three levels of intercoder agreement, as ``agreement(maxqda=…)`` names them.
MAXQDA_CRITERIA = ("existence", "frequency", "overlap")
#: MAXQDA's default minimum overlap of two segments at segment level (its dialog's 90 %).
MAXQDA_MIN_OVERLAP = 0.9
#: The fix for a ``min_overlap`` that is no share (``qlr agreement`` says it with its option).
MIN_OVERLAP_FIX = "pass min_overlap=0.9 for MAXQDA's 90 %"
#: The columns of ``agreement(maxqda=…)``, in order (``brennan_prediger`` at segment level only).
MAXQDA_COLUMNS = ("agreements", "disagreements", "total", "percent_agreement", "brennan_prediger", "note")
#: A shared length within this of ``min_overlap`` of the joint length agrees (90 of 100 characters is 0.9, not 0.8999…).
_TOLERANCE = 1e-9


def _merged(codings: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Each coder's codings of one code in one document that share characters, merged into one segment (MAXQDA merges
    a code applied over a segment already coded with it), and how many codings were merged away."""
    ordered = codings.sort_values(["doc_id", "code_id", "coder", "start", "end"], kind="stable").reset_index(drop=True)
    keys = ordered[["doc_id", "code_id", "coder"]]
    same = (keys == keys.shift()).all(axis=1).to_numpy()
    ends = ordered["end"].to_numpy(dtype=np.int64)
    starts = ordered["start"].to_numpy(dtype=np.int64)
    # The running end of each run of one coder's one code in one document: a coding starting before it joins the segment.
    reach = pd.Series(ends).groupby((~same).cumsum()).cummax().to_numpy()
    previous = np.concatenate([[np.iinfo(np.int64).min], reach[:-1]])
    new = ~same | (starts >= previous)
    group = np.cumsum(new)
    merged = ordered.groupby(group, sort=False).agg(doc_id=("doc_id", "first"), code_id=("code_id", "first"), coder=("coder", "first"), start=("start", "min"), end=("end", "max"))
    return merged.reset_index(drop=True), int(len(ordered) - len(merged))


def maxqda_agreement(study: Study, *, coders: list[str], codes: list[str] | None, criterion: str, min_overlap: float) -> pd.DataFrame:
    """The body of ``agreement(maxqda=criterion)``: one row per code and ``overall``, the rows compared in ``attrs["rows"]``."""
    from .._check import check_choice
    from ._agreement import CODE_COLUMN, _selected

    check_choice("maxqda", criterion, MAXQDA_CRITERIA)
    # A share read from a table is a numpy number (np.int64(1), np.float32(0.9)): any real number but a bool.
    if not isinstance(min_overlap, numbers.Real) or isinstance(min_overlap, (bool, np.bool_)) or not 0 < min_overlap <= 1:
        raise CodingError(f"min_overlap={min_overlap!r} is not a share between 0 and 1", hint=MIN_OVERLAP_FIX)
    min_overlap = float(min_overlap)
    codings, considered, _, chosen = _selected(study, coders=coders, unit="character", codes=codes, categories=None)
    if len(coders) != 2:
        raise CodingError(f"MAXQDA's intercoder agreement compares two coders, not {len(coders)}", hint="pass two coders, or leave out maxqda= for Krippendorff's alpha across them all")
    first, second = coders
    both = considered[first] & considered[second]
    codings = codings.assign(start=codings["start"].astype("int64"), end=codings["end"].astype("int64"))
    alone = ~codings["doc_id"].isin(both).to_numpy()
    if alone.any():
        left = codings[alone]
        counts = ", ".join(f"{n} by {coder}" for coder, n in left["coder"].value_counts().items())
        docs = sorted(pd.unique(left["doc_id"].astype(str)))
        shown = ", ".join(docs[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
        warn(
            f"agreement (maxqda): {int(alone.sum())} coding(s) ({counts}) lie in {len(docs)} document(s) only one of {first} and {second} coded ({shown}) "
            "and are not compared: MAXQDA compares two coders' versions of one document",
            # Not rows refused (exit status 3): coders who split the documents is the usual design, and agreement
            # without maxqda= also compares only what both coded (a document one coder never read is missing).
            QlrWarning,
        )
    empty = ~alone & (codings["end"] <= codings["start"]).to_numpy()
    if empty.any():
        counts = ", ".join(f"{n} by {coder}" for coder, n in codings[empty]["coder"].value_counts().items())
        warn(f"agreement (maxqda): {int(empty.sum())} coding(s) ({counts}) cover no character (an empty span) and are not compared", RowsRefusedWarning)
    segments, merged = _merged(codings[~alone & ~empty])
    if criterion == "overlap":
        rows = _by_segment(segments, first, second, min_overlap)
    else:
        rows = _by_document(segments, first, second, criterion)
    table = _counted(rows, chosen, coders, segment_level=criterion == "overlap", asked=codes is not None)
    table.index.name = CODE_COLUMN
    if merged:
        said = f"{merged} coding(s) overlapping another of the same coder and code merged into one segment, as MAXQDA merges them"
        note = table.loc["overall", "note"]
        table.loc["overall", "note"] = f"{note}; {said}" if isinstance(note, str) and note else said
    table.attrs.update(
        maxqda={"criterion": criterion, "min_overlap": float(min_overlap) if criterion == "overlap" else None, "documents": len(both), "merged": merged},
        rows=rows,
        unit="segment" if criterion == "overlap" else "document",
    )
    return table


def _by_segment(segments: pd.DataFrame, first: str, second: str, min_overlap: float) -> pd.DataFrame:
    """Every segment of either coder, with its best overlap with the other coder's segments of its code (``overlap``) and whether that reaches ``min_overlap``.

    Only segments that share a character are paired, found by a sorted search: after :func:`_merged` one coder's
    segments of a code in a document are disjoint, so sorted by start their ends are sorted too, and the other's
    segments a segment overlaps are one run of them.  (Pairing every segment with every other of its code and document
    took memory as the square of their number: 3.9 GB for 6,000 segments of one code in one document per coder.)
    """
    starts = segments["start"].to_numpy(dtype=np.int64)
    ends = segments["end"].to_numpy(dtype=np.int64)
    best = np.zeros(len(segments))
    if len(segments):
        # Each document and code on a stretch of its own of one line, so that one search serves them all.
        group = segments.groupby(["doc_id", "code_id"], sort=False).ngroup().to_numpy(dtype=np.int64)
        stretch = int(ends.max()) + 1
        low, high = group * stretch + starts, group * stretch + ends
        mine = np.flatnonzero((segments["coder"] == first).to_numpy())
        theirs = np.flatnonzero((segments["coder"] == second).to_numpy())
        theirs = theirs[np.argsort(low[theirs], kind="stable")]
        # The other's segments that end after this one starts and start before it ends.
        begin = np.searchsorted(high[theirs], low[mine], side="right")
        stop = np.searchsorted(low[theirs], high[mine], side="left")
        each = np.maximum(stop - begin, 0)
        offsets = np.arange(int(each.sum())) - np.repeat(np.cumsum(each) - each, each)
        a, b = np.repeat(mine, each), theirs[np.repeat(begin, each) + offsets]
        shared = np.minimum(ends[a], ends[b]) - np.maximum(starts[a], starts[b])
        ratio = shared / ((ends[a] - starts[a]) + (ends[b] - starts[b]) - shared)
        np.maximum.at(best, a, ratio)
        np.maximum.at(best, b, ratio)
    rows = segments[["doc_id", "code_id", "coder", "start", "end"]].assign(overlap=best, agree=best >= min_overlap - _TOLERANCE)
    return rows.sort_values(["doc_id", "code_id", "start", "coder"], kind="stable").reset_index(drop=True)


def _by_document(segments: pd.DataFrame, first: str, second: str, criterion: str) -> pd.DataFrame:
    """One row per document both coded and code either applied there: each coder's number of segments (``segments (<coder>)``), and whether they agree."""
    counts = segments.groupby(["doc_id", "code_id", "coder"]).size().unstack("coder").reindex(columns=[first, second]).fillna(0).astype("int64")
    a, b = counts[first].to_numpy(), counts[second].to_numpy()
    counts.columns = [f"segments ({first})", f"segments ({second})"]
    agree = (a > 0) & (b > 0) if criterion == "existence" else a == b
    return counts.reset_index().assign(agree=agree)


def _counted(rows: pd.DataFrame, chosen: list[str], coders: list[str], *, segment_level: bool, asked: bool) -> pd.DataFrame:
    """Agreements, disagreements and their share per code (the codes compared, in their order, and, where the codes were
    ``asked`` for, each of those too, with a note where nothing was compared) and ``overall``; at segment level, Brennan &
    Prediger's kappa on ``overall``, ``k`` the codes compared."""
    agree = rows["agree"].to_numpy(dtype=bool)
    sums = pd.DataFrame({"code_id": rows["code_id"].to_numpy(), "agreements": agree.astype("int64"), "total": 1}).groupby("code_id", sort=False).sum()
    present = [code for code in chosen if code in sums.index]
    # A code asked for that nobody applied in a document both coded keeps its row (0 of 0), as agreement's rows do.
    table = sums.reindex(chosen if asked else present).fillna(0)
    table.loc["overall"] = table.sum() if len(table) else [0, 0]
    table = table.astype("int64")
    table["disagreements"] = table["total"] - table["agreements"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["percent_agreement"] = table["agreements"] / table["total"].where(table["total"] > 0)
    notes: dict[str, str] = {}
    if segment_level:
        users = rows.groupby("code_id")["coder"].agg(lambda c: sorted(set(c)))
    else:
        applied = rows.groupby("code_id")[[f"segments ({coder})" for coder in coders]].sum() > 0
        users = pd.Series({code: [c for c, used in zip(coders, flags) if used] for code, flags in zip(applied.index, applied.to_numpy())}, dtype=object)
    for code in present:
        if len(users[code]) == 1:
            notes[code] = f"used by {users[code][0]} only"
    for code in table.index.drop("overall").difference(present, sort=False):
        notes[code] = "applied by neither in a document both coded: nothing compared" + (" (not counted in k)" if segment_level else "")
    if not len(present):
        notes["overall"] = "no code applied in a document both coded: nothing to compare"
    columns = ["agreements", "disagreements", "total", "percent_agreement"]
    if segment_level:
        k = len(present)
        chance = 1 / k if k else float("nan")
        observed = table.loc["overall", "percent_agreement"]
        table["brennan_prediger"] = np.nan
        if k >= 2:
            table.loc["overall", "brennan_prediger"] = (observed - chance) / (1 - chance)
        elif k == 1:
            notes["overall"] = "one code compared: Brennan & Prediger's chance agreement 1/k is 1, so kappa is undefined"
        columns.append("brennan_prediger")
    table["note"] = pd.Series(notes, dtype=object).reindex(table.index)
    return table[[*columns, "note"]]
