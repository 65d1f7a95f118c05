"""Blind double coding: a coding sheet per coder, their work back in, and a consensus."""

from __future__ import annotations

import os
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._ids import coding_id
from .._names import slug
from .._output import restore_frame, write_csv
from .._rows import append_rows, replace_rows, segment_for_spans
from .._warned import warn
from ..errors import CodingError, QlrWarning, RepairedInputWarning, RowsRefusedWarning, SourceNotFoundError
from ..evidence import segment_cases

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["write_coding_sheet", "add_sheet_codings", "add_consensus", "RULES"]

#: How disagreements are settled in :func:`consensus`.
RULES = ("agree", "union", "adjudicated")


def _deprecated(old: str, new: str) -> None:
    warn(f"{old} is deprecated; use {new}", DeprecationWarning)


def write_coding_sheet(
    study: Study, path: str | os.PathLike[str], *, coder: str, documents: list[str] | None = None, raw: bool = False, code_names: str = "names"
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
    code_names : {"names", "ids"}
        For ``.qdpx``: what the codes are called in the project (see :func:`qlr.io.write_qdpx`).
        ``"ids"`` names each code by its id in the characters qc accepts (``negative-done_to``): qc
        refuses a code name with a space or a comma ("Done to, not with") when coding, so a sheet
        for qc needs it.  A ``.csv`` sheet's ``codes`` column takes code ids either way.

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
        # No one's placements either, nor the log of who coded what.
        blind.overrides = blind.overrides.iloc[0:0]
        blind.log = blind.log.iloc[0:0]
        blind.name = f"{study.name} — coding sheet for {coder}"
        write_qdpx(blind, target, code_names=code_names)
        return target
    if target.suffix.lower() != ".csv":
        raise CodingError(f"a coding sheet is .csv or .qdpx, not {target.suffix!r}", hint="name the file e.g. rm.csv or rm.qdpx")
    texts = part.segment_texts()
    # Each passage's case as the analyses read it (a focus group's turn is its speaker's case's).
    whose = segment_cases(part)
    first = whose.drop_duplicates("row")
    named = first["case_id"].astype(object).to_numpy(copy=True)
    if len(first) < len(whose):  # a joint voice's turn ("Dai and Kwame:") is one passage to code, under every case it names
        joint = whose[whose["row"].duplicated(keep=False).to_numpy()]
        for row, cases in joint.groupby("row")["case_id"]:
            named[int(row)] = ", ".join(cases.dropna().astype(str))
    segments = part.segments.assign(case_id=named, wave_id=first["wave_id"].to_numpy())
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
    merged = 0
    if source.suffix.lower() == ".qdpx":
        from ..io import read_qdpx

        # The sheet's own cases, waves and speakers are not read into the study, so what importing it says of them is
        # not said; what it says of codings left out (RowsRefusedWarning) is.
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            theirs = read_qdpx(source)
        for warning in said:
            if issubclass(warning.category, RowsRefusedWarning) or not issubclass(warning.category, QlrWarning):
                warn(str(warning.message), warning.category)
        documents = _their_documents(study, theirs, source)
        codes = _their_codes(study, theirs, source)
        for coding in theirs.codings.itertuples(index=False):
            doc_id, same_text = documents[coding.doc_id]
            start, end = _placed(study, theirs, coding, doc_id, same_text, source)
            rows.append({"doc_id": doc_id, "start": start, "end": end, "code_id": codes[coding.code_id]})
        # The study's own segments: a tool's re-export is segmented as that tool's text, not as the study's.
        rows, merged = _on_segments(study, rows)
        if merged:
            warn(
                f"{source.name}: {merged} coding(s) of a code on a segment that already had it from this sheet were merged "
                f"(a tool that codes line by line, as qc does, codes a wrapped turn once per line): one coding per segment and code",
                RepairedInputWarning,
            )
    else:
        # A cell qlr guarded with a leading ' (a code or text starting =, +, -, @) reads back as written.
        sheet = restore_frame(pd.read_csv(source, dtype=str, keep_default_na=False))
        if not {"seg_id", "codes"} <= set(sheet.columns):
            raise CodingError("a coding sheet needs the columns seg_id and codes", path=source, hint="fill in the sheet qlr.code.write_coding_sheet wrote")
        segments = study.segments.set_index("seg_id")
        by_key = _code_keys(study)
        for line, row in enumerate(sheet.itertuples(index=False), start=2):
            for written in [c.strip() for c in str(row.codes).replace(",", ";").split(";") if c.strip()]:
                code = by_key.get(slug(written), written) if written not in known else written
                if known and code not in known:
                    raise CodingError(f"row {line}: code {written!r} is in none of the study's codebooks", path=source, line=line, hint="use code ids from codebook.to_frame()")
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
    details: dict[str, Any] = {"coder": coder, "path": str(source), "codings": len(frame)}
    if source.suffix.lower() == ".qdpx" and merged:
        details["merged"] = merged
    study.record("read coding sheet", details, actor=coder)
    return len(frame)


#: What a QDA tool appends to a source named after its file (qc: ``P01_W1_interview.txt``).
_TEXT_SUFFIXES = (".txt", ".text", ".md")


def _code_keys(study: Study) -> dict[str, str]:
    """{a code's id or name written in letters, digits and ``_`` (:func:`qlr._names.slug`): its id}, for every code of the study's codebooks.

    "Done to, not with", "Done_to_not_with" and "negative-done_to" (a sheet written with ``code_names="ids"``) all find
    ``negative.done_to``.  A key two codes share finds neither: it is left out, so the code is said not to match.
    """
    keys: dict[str, set[str]] = {}
    for cb in study.codebooks.values():
        for code in getattr(cb, "codes", None) and cb or ():
            for written in (code.id, code.name):
                if written:
                    keys.setdefault(slug(str(written)), set()).add(code.id)
    return {key: next(iter(ids)) for key, ids in keys.items() if len(ids) == 1}


def _their_codes(study: Study, theirs: Any, source: Path) -> dict[str, str]:
    """{the project's code id: the study's}: by id, else by the code's name or id in :func:`_code_keys`' form.

    A tool that imported the sheet and exported it again gives every code a new GUID and an id made from its name
    (qc: "Done_to_not_with"), so qlr's own ids do not come back with it.
    """
    known = {c.id for cb in study.codebooks.values() if hasattr(cb, "codes") for c in cb}
    names = {c.id: c.name for cb in theirs.codebooks.values() if hasattr(cb, "codes") for c in cb}
    by_key = _code_keys(study)
    found: dict[str, str] = {}
    unmatched = []
    for code_id in dict.fromkeys(theirs.codings["code_id"].dropna().astype(str)):
        match = code_id if code_id in known else by_key.get(slug(names.get(code_id) or code_id)) or by_key.get(slug(code_id))
        if match is None and known:
            unmatched.append(f"{names.get(code_id) or code_id!r}")
        found[code_id] = match or code_id
    if unmatched:
        raise CodingError(
            f"{len(unmatched)} code(s) of the project match no code of the study's codebooks by id or by name: {', '.join(unmatched[:5])}",
            path=source,
            hint="rename them in the QDA tool to the codebook's names or ids (a new code: add it to the codebook first); "
            "ids may be written with - or _ for the dot (negative-done_to)",
        )
    return found


def _their_documents(study: Study, theirs: Any, source: Path) -> dict[str, tuple[str, bool]]:
    """{the project's document id: (the study's, whether the texts are the same)}: by id, by the id or source name with a
    text extension taken off (qc names a source after its file, ``P01_W1_interview.txt``), else by the text itself."""
    from .._decode import normalise_newlines

    ours = study.documents.set_index("doc_id")["text"].fillna("")
    by_text: dict[str, list[str]] = {}
    for doc_id, text in ours.items():
        by_text.setdefault(normalise_newlines(text).strip(), []).append(doc_id)
    found: dict[str, tuple[str, bool]] = {}
    coded = set(theirs.codings["doc_id"])
    for doc in theirs.documents.itertuples(index=False):
        if doc.doc_id not in coded:
            continue
        text = normalise_newlines(doc.text if isinstance(doc.text, str) else "").strip()
        names = [str(name) for name in (doc.doc_id, doc.source) if isinstance(name, str) and name]
        names += [name[: -len(Path(name).suffix)] for name in names if Path(name).suffix.lower() in _TEXT_SUFFIXES]
        match = next((name for name in names if name in ours.index), None)
        if match is None:
            same = by_text.get(text) or []
            if len(same) == 1:
                match = same[0]
        if match is None:
            shown = " or ".join(repr(name) for name in dict.fromkeys(names))
            raise CodingError(
                f"the project codes a document {doc.doc_id!r} that matches none of this study's: no document is named {shown}, "
                f"and none has its text ({len(text):,} characters, beginning {text[:40]!r})",
                path=source,
                hint=f"read the sheet into the study it was made from (its documents: {', '.join(list(ours.index)[:5])}{' …' if len(ours) > 5 else ''})",
            )
        found[doc.doc_id] = (match, normalise_newlines(ours[match]).strip() == text)
    return found


def _on_segments(study: Study, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """A project's codings on the study's segments, one per segment and code, and how many were merged into another.

    A coding that a coder selected inside a segment's words keeps its span (the quote they chose).
    One that takes in more than a segment's words (a speaker label, the next turn) codes each
    segment whose words it covers, whole; so does one of whole lines (qc codes line by line, and
    a hard-wrapped turn's line is no unit of meaning). A segment coded whole with a code takes in
    the other codings of that code on it, so a turn wrapped over two lines weighs as one coded
    once; selections inside a segment that overlap or touch become one, and separate ones stay
    separate ("We plan the budget …" and "I also run the repair cafe …" of one turn, a sentence
    between them uncoded). A coding on no segment's words keeps its span and the segment it
    overlaps most, if any (:func:`segment_for_spans`).
    """
    texts = study.documents.set_index("doc_id")["text"]
    by_doc = {doc: frame.sort_values("start") for doc, frame in study.segments[["seg_id", "doc_id", "start", "end"]].groupby("doc_id", sort=False)}
    placed: dict[tuple[Any, str, str], dict[str, Any]] = {}
    order: list[tuple[Any, str, str]] = []
    alone: list[dict[str, Any]] = []
    merged = 0
    for row in rows:
        text = str(texts.get(row["doc_id"], ""))
        start, end = row["start"], row["end"]
        segments = by_doc.get(row["doc_id"])
        covered = (
            [
                (seg.seg_id, int(seg.start), int(seg.end))
                for seg in segments.itertuples(index=False)
                if seg.start < end and start < seg.end and any(ch.isalnum() for ch in text[max(start, seg.start) : min(end, seg.end)])
            ]
            if segments is not None
            else []
        )
        if not covered:
            found = segment_for_spans(study.segments, [row["doc_id"]], [start], [end]).iloc[0]
            alone.append({**row, "seg_id": None if pd.isna(found) else found})
            continue
        whole_lines = (start == 0 or text[start - 1] == "\n") and (end >= len(text) or text[end - 1] == "\n" or text[end] == "\n")
        inside = len(covered) == 1 and covered[0][1] <= start and end <= covered[0][2] and not whole_lines
        for seg_id, seg_start, seg_end in covered:
            span = (start, end) if inside else (seg_start, seg_end)
            key = (row["doc_id"], seg_id, row["code_id"])
            if key not in placed:
                placed[key] = []
                order.append(key)
            kept = placed[key]
            # Codings this one joins: the whole segment takes in every other; selections join where they meet.
            joins = [c for c in kept if not inside or (c["start"], c["end"]) == (seg_start, seg_end) or (c["start"] <= span[1] and span[0] <= c["end"])]
            if joins:
                merged += len(joins)
                span = (min(span[0], *(c["start"] for c in joins)), max(span[1], *(c["end"] for c in joins)))
                kept[:] = [c for c in kept if all(c is not j for j in joins)]
            kept.append({**row, "start": span[0], "end": span[1], "seg_id": seg_id})
    return [coding for key in order for coding in sorted(placed[key], key=lambda c: c["start"])] + alone, merged


def _placed(study: Study, theirs: Any, coding: Any, doc_id: str, same_text: bool, source: Path) -> tuple[int, int]:
    """Where a coding of the project lies in the study's document: where it is, if the texts are the same; else where its words are."""
    from ..io import find_quote

    if same_text:
        return int(coding.start), int(coding.end)
    text = theirs.documents.set_index("doc_id").at[coding.doc_id, "text"]
    quote = str(text)[int(coding.start) : int(coding.end)]
    places = find_quote(str(study.documents.set_index("doc_id").at[doc_id, "text"]), quote) if quote.strip() else []
    if len(places) != 1:
        why = "is not in" if not places else f"is {len(places)} times in"
        raise CodingError(
            f"the project's document {coding.doc_id!r} is this study's {doc_id!r} with another text, and the coded passage {quote[:60]!r} {why} it",
            path=source,
            hint="code the text the sheet gave; a tool that changes the text (line breaks, a header) moves its codings",
        )
    return places[0]


def add_consensus(study: Study, *, coders: list[str], rule: str = "agree", adjudication: pd.DataFrame | None = None, codes: list[str] | None = None, coder: str = "consensus") -> int:
    """Add the consensus coder's codings to ``study`` (the body of :meth:`qlr.Study.consensus`)."""
    from .._check import check_choice
    from ._agreement import _coder_keys, _coding_table

    check_choice("rule", rule, RULES)
    table = _coding_table(study, coders=coders, unit="segment", codes=codes, categories=None)
    values = table[_coder_keys(coders)]  # the coders' columns, by position: a coder may be named "unit" or "code_id"
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
