"""Blind double coding: a coding sheet per coder, their work back in, and a consensus."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._ids import coding_id
from .._output import restore_frame, write_csv
from .._rows import append_rows, replace_rows
from .._warned import warn
from ..errors import CodingError, SourceNotFoundError
from ..evidence import segment_cases

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["write_coding_sheet", "add_sheet_codings", "add_consensus", "RULES"]

#: How disagreements are settled in :func:`consensus`.
RULES = ("agree", "union", "adjudicated")


def _deprecated(old: str, new: str) -> None:
    warn(f"{old} is deprecated; use {new}", DeprecationWarning)


def write_coding_sheet(
    study: Study, path: str | os.PathLike[str], *, coder: str, documents: list[str] | None = None, raw: bool = False
) -> Path:
    """Write a blind coding sheet for one coder: the segments, and no one's codes.

    ``.csv``: one row per segment (``seg_id``, ``doc_id``, ``case_id``, ``wave_id``,
    ``speaker``, ``text``) and an empty ``codes`` column to fill with code ids
    separated by ``;``.  ``.qdpx``: the same documents as a REFI-QDA project with
    the codebook and no codings, to code in NVivo, ATLAS.ti, MAXQDA or QualCoder.
    The study's log gets one line saying the sheet was written; nothing else changes.

    Parameters
    ----------
    study : Study
        The study whose segments go on the sheet.
    path : str or PathLike
        The ``.csv`` or ``.qdpx`` file to write (atomically).
    coder : str
        Who the sheet is for.
    documents : list of str, optional
        Only these documents (default: all).
    raw : bool, default False
        For ``.csv``: write text cells as they are.  By default a cell that a
        spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``,
        a tab or a carriage return) gets a leading ``'``, which
        :meth:`qlr.Study.read_coding_sheet` takes off again.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> study = sample.sel(case="C01")  # sample = qlr.load("data/sample")
    >>> path = qlr.code.write_coding_sheet(study, os.path.join(tempfile.mkdtemp(), "rm.csv"), coder="rm")
    >>> list(__import__("pandas").read_csv(path).columns)[-2:]
    ['text', 'codes']
    """
    target = Path(path)
    part = study
    if documents is not None:
        unknown = sorted(set(documents) - set(study.documents["doc_id"]))
        if unknown:
            raise CodingError(f"no documents {', '.join(unknown[:5])}", hint="see study.documents['doc_id']")
        part = study.copy()
        part.documents = part.documents[part.documents["doc_id"].isin(documents)]
        part.segments = part.segments[part.segments["doc_id"].isin(documents)]
    if target.suffix.lower() == ".qdpx":
        from ..io import write_qdpx

        blind = part.copy()
        blind.codings = blind.codings.iloc[0:0]
        blind.memos = blind.memos.iloc[0:0]
        blind.name = f"{study.name} — coding sheet for {coder}"
        write_qdpx(blind, target)
        return target
    if target.suffix.lower() != ".csv":
        raise CodingError(f"a coding sheet is .csv or .qdpx, not {target.suffix!r}", hint="name the file e.g. rm.csv or rm.qdpx")
    texts = part.segment_texts()
    # Each passage's case as the analyses read it (a focus group's turn is its speaker's case's).
    whose = segment_cases(part)
    segments = part.segments.assign(case_id=whose["case_id"].to_numpy(), wave_id=whose["wave_id"].to_numpy())
    segments = segments[segments["doc_id"].isin(part.documents["doc_id"]).to_numpy(dtype=bool)]
    sheet = pd.DataFrame(
        {
            "seg_id": segments["seg_id"],
            "doc_id": segments["doc_id"],
            "case_id": segments["case_id"],
            "wave_id": segments["wave_id"],
            "speaker": segments["speaker"],
            "text": segments["seg_id"].map(texts),
            "codes": "",
        }
    )
    write_csv(target, sheet, raw=raw)
    study.record("coding sheet", {"coder": coder, "path": str(target), "segments": len(sheet)})
    return target


def coding_sheet(study: Study, path: str | os.PathLike[str], *, coder: str, documents: list[str] | None = None) -> Path:
    """Deprecated name of :func:`write_coding_sheet`."""
    _deprecated("qlr.code.coding_sheet", "qlr.code.write_coding_sheet")
    return write_coding_sheet(study, path, coder=coder, documents=documents)


def read_coding_sheet(study: Study, path: str | os.PathLike[str], *, coder: str) -> int:
    """Deprecated: it changes ``study``; use the method :meth:`qlr.Study.read_coding_sheet`."""
    _deprecated("qlr.code.read_coding_sheet(study, …)", "study.read_coding_sheet(…), which adds the codings to the study it is called on")
    return add_sheet_codings(study, path, coder=coder)


def consensus(study: Study, **options: Any) -> int:
    """Deprecated: it changes ``study``; use the method :meth:`qlr.Study.consensus`."""
    _deprecated("qlr.code.consensus(study, …)", "study.consensus(…), which adds the consensus codings to the study it is called on")
    return add_consensus(study, **options)


def add_sheet_codings(study: Study, path: str | os.PathLike[str], *, coder: str) -> int:
    """Add one coder's filled sheet to ``study`` (the body of :meth:`qlr.Study.read_coding_sheet`)."""
    source = Path(path)
    if not source.is_file():
        raise SourceNotFoundError("no such coding sheet", path=source)
    now = datetime.now(timezone.utc)
    known = {c.id for cb in study.codebooks.values() if hasattr(cb, "codes") for c in cb}
    rows: list[dict[str, Any]] = []
    if source.suffix.lower() == ".qdpx":
        from ..io import read_qdpx

        theirs = read_qdpx(source)
        doc_ids = set(study.documents["doc_id"])
        for coding in theirs.codings.itertuples(index=False):
            if coding.doc_id not in doc_ids:
                raise CodingError(f"the project codes a document {coding.doc_id!r} this study does not have", path=source, hint="use the sheet made for this study")
            rows.append({"doc_id": coding.doc_id, "start": int(coding.start), "end": int(coding.end), "seg_id": coding.seg_id, "code_id": coding.code_id})
    else:
        # A cell qlr guarded with a leading ' (a code or text starting =, +, -, @) reads back as written.
        sheet = restore_frame(pd.read_csv(source, dtype=str, keep_default_na=False))
        if not {"seg_id", "codes"} <= set(sheet.columns):
            raise CodingError("a coding sheet needs the columns seg_id and codes", path=source, hint="fill in the sheet qlr.code.write_coding_sheet wrote")
        segments = study.segments.set_index("seg_id")
        for line, row in enumerate(sheet.itertuples(index=False), start=2):
            for code in [c.strip() for c in str(row.codes).replace(",", ";").split(";") if c.strip()]:
                if known and code not in known:
                    raise CodingError(f"row {line}: code {code!r} is in none of the study's codebooks", path=source, line=line, hint="use code ids from codebook.to_frame()")
                if row.seg_id not in segments.index:
                    raise CodingError(f"row {line}: no segment {row.seg_id!r} in this study", path=source, line=line, hint="do not edit the seg_id column")
                seg = segments.loc[row.seg_id]
                rows.append({"doc_id": seg["doc_id"], "start": int(seg["start"]), "end": int(seg["end"]), "seg_id": row.seg_id, "code_id": code})
    codebook_of = {c.id: (cb.id, cb.version) for cb in study.codebooks.values() if hasattr(cb, "codes") for c in cb}
    new = [
        {
            **row,
            "coding_id": coding_id("human", row["doc_id"], row["start"], row["end"], row["code_id"], coder),
            "coder": coder,
            "origin": "human",
            "codebook": codebook_of.get(row["code_id"], (None, None))[0],
            "codebook_version": codebook_of.get(row["code_id"], (None, None))[1],
            "created": now,
        }
        for row in rows
    ]
    frame = append_rows(study, "codings", new, skip_existing=True)
    study.record("read coding sheet", {"coder": coder, "path": str(source), "codings": len(frame)}, actor=coder)
    return len(frame)


def add_consensus(study: Study, *, coders: list[str], rule: str = "agree", adjudication: pd.DataFrame | None = None, codes: list[str] | None = None, coder: str = "consensus") -> int:
    """Add the consensus coder's codings to ``study`` (the body of :meth:`qlr.Study.consensus`)."""
    from .._check import check_choice
    from ._agreement import coding_table

    check_choice("rule", rule, RULES)
    table = coding_table(study, coders=coders, unit="segment", codes=codes)
    values = table[coders]
    if rule == "union":
        keep = values.max(axis=1, skipna=True) == 1
    else:
        keep = (values.min(axis=1, skipna=True) == 1) & (values.notna().sum(axis=1) >= 1)
    if rule == "adjudicated":
        if adjudication is None or "decision" not in adjudication.columns:
            raise CodingError("rule='adjudicated' needs the disagreements table with a filled 'decision' column", hint="table = qlr.code.disagreements(study, coders=…); fill decision with keep/drop")
        undecided = adjudication["decision"].isna() | (adjudication["decision"].astype(str).str.strip() == "")
        if undecided.any():
            raise CodingError(f"{int(undecided.sum())} disagreement(s) have no decision", hint="write keep or drop in every row's decision column")
        kept = adjudication[adjudication["decision"].astype(str).str.lower().isin(["keep", "yes", "1", "true"])]
        keep |= table.set_index(["unit", "code_id"]).index.isin(list(zip(kept["unit"], kept["code_id"])))
    chosen = table[keep]
    segments = study.segments.set_index("seg_id")
    now = datetime.now(timezone.utc)
    codebook_of = {c.id: (cb.id, cb.version) for cb in study.codebooks.values() if hasattr(cb, "codes") for c in cb}
    rows = []
    for row in chosen.itertuples(index=False):
        seg = segments.loc[row.unit]
        start, end = int(seg["start"]), int(seg["end"])
        rows.append(
            {
                "coding_id": coding_id("human", seg["doc_id"], start, end, row.code_id, coder),
                "doc_id": seg["doc_id"],
                "start": start,
                "end": end,
                "seg_id": row.unit,
                "code_id": row.code_id,
                "coder": coder,
                "origin": "human",
                "codebook": codebook_of.get(row.code_id, (None, None))[0],
                "codebook_version": codebook_of.get(row.code_id, (None, None))[1],
                "created": now,
            }
        )
    replace_rows(study, "codings", rows, where=study.codings["coder"] == coder)
    study.record("consensus", {"coders": coders, "rule": rule, "codings": len(rows), "as": coder})
    return len(rows)
