"""Human coding: code a span or a quote, remove a coding, recode, write memos.

Every change is written to the study's provenance log with who and when; nothing
here touches rule-based or imported codings except the one named.
"""

from __future__ import annotations

import difflib
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pandas as pd

from .. import _ids
from .._rows import append_rows, replace_rows, segment_for_spans
from ..errors import CodingError

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["code_span", "code_quote", "uncode", "recode", "add_memo", "MEMO_TARGETS"]

#: What a memo can be about.
MEMO_TARGETS = ("study", "case", "wave", "document", "segment", "code", "coding", "placement")


def _user(coder: str | None) -> str:
    from .._provenance import current_user as _current_user

    return coder or _current_user()


def _document_text(study: Study, doc_id: str) -> str:
    match = study.documents.loc[study.documents["doc_id"] == doc_id, "text"]
    if match.empty:
        close = difflib.get_close_matches(doc_id, list(study.documents["doc_id"]), n=1)
        raise CodingError(f"no document {doc_id!r} in this study", hint=f"did you mean {close[0]!r}?" if close else "see study.documents['doc_id']")
    value = match.iloc[0]
    return "" if pd.isna(value) else str(value)


def _check_code(study: Study, code_id: str) -> tuple[str | None, str | None]:
    """Return (codebook id, version) of the codebook holding ``code_id``; error if none does."""
    if not study.codebooks:
        return None, None
    for codebook in study.codebooks.values():
        if hasattr(codebook, "__contains__") and code_id in codebook:
            return codebook.id, codebook.version
    known = sorted({c.id for cb in study.codebooks.values() if hasattr(cb, "codes") for c in cb})
    close = difflib.get_close_matches(code_id, known, n=1)
    raise CodingError(
        f"code {code_id!r} is in none of the study's codebooks ({', '.join(study.codebooks)})",
        hint=f"did you mean {close[0]!r}?" if close else "add it to the codebook, or apply the codebook that has it",
    )


def code_span(
    study: Study, doc_id: str, start: int, end: int, code_id: str, *, coder: str | None = None, memo: str | None = None
) -> str:
    """Apply ``code_id`` to ``text[start:end]`` of a document; return the new coding's id."""
    text = _document_text(study, doc_id)
    if not (0 <= start < end <= len(text)):
        raise CodingError(
            f"the span {start}:{end} is not inside document {doc_id!r} (0:{len(text)})",
            hint="offsets are 0-based character positions, end exclusive",
        )
    codebook_id, version = _check_code(study, code_id)
    coder = _user(coder)
    new_id = _ids.coding_id("human", doc_id, start, end, code_id, coder)
    if (study.codings["coding_id"] == new_id).any():
        raise CodingError(f"{coder} has already coded {doc_id}:{start}:{end} with {code_id!r}", hint="nothing to do; uncode it first to change it")
    row = {
        "coding_id": new_id,
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "seg_id": segment_for_spans(study.segments, [doc_id], [start], [end])[0],
        "code_id": code_id,
        "coder": coder,
        "origin": "human",
        "confidence": None,
        "codebook": codebook_id,
        "codebook_version": version,
        "indicator": None,
        "status": None,
        "created": datetime.now(timezone.utc),
    }
    append_rows(study, "codings", [row])
    study.record("code", {"coding_id": new_id, "doc_id": doc_id, "start": start, "end": end, "code_id": code_id, "quote": text[start:end][:200]}, actor=coder)
    if memo:
        add_memo(study, "coding", new_id, memo, author=coder)
    return new_id


def code_quote(
    study: Study,
    doc_id: str,
    quote: str,
    code_id: str,
    *,
    coder: str | None = None,
    memo: str | None = None,
    occurrence: int | None = None,
) -> str:
    """Apply ``code_id`` to the exact words ``quote`` in a document; return the coding's id.

    The words must be the document's, in its capitals; where they are not there as
    written, white space between them is any white space and invisible characters in
    the quote are left out (a quote copied from a PDF viewer), and a quote in quotation
    marks or with words left out ("…", "[...]") is found as a table cites it (:func:`qlr.io.find_quote`).
    """
    # io shares code's layer: imported where it is used (ARCHITECTURE.md, Layers).
    from ..io._readers import find_quote, in_other_capitals

    text = _document_text(study, doc_id)
    quote = quote.strip()
    if not quote:
        raise CodingError("the quote is empty", hint="give the exact words to code")
    spans = find_quote(text, quote)
    positions = [start for start, _ in spans]
    if not positions:
        capitals = in_other_capitals(text, quote)
        if capitals is not None:
            hint = f"the text has it with different capitals: {capitals!r}"
        else:
            hint = "copy the words exactly from study.documents (line breaks are plain newlines)"
        raise CodingError(f"the quote {quote[:60]!r} is not in document {doc_id!r}", hint=hint)
    if len(positions) > 1 and occurrence is None:
        raise CodingError(
            f"the quote {quote[:60]!r} appears {len(positions)} times in document {doc_id!r} (at {', '.join(map(str, positions[:10]))})",
            hint="quote more words to make it unique, or pass occurrence=1, 2, … (1 is the first)",
        )
    index = 0 if occurrence is None else occurrence - 1
    if not 0 <= index < len(positions):
        raise CodingError(f"occurrence {occurrence} asked for, but the quote appears {len(positions)} time(s)", hint=f"use 1 to {len(positions)}")
    start, end = spans[index]
    return code_span(study, doc_id, start, end, code_id, coder=coder, memo=memo)


def uncode(study: Study, coding_id: str, *, coder: str | None = None) -> None:
    """Remove one coding (of any origin) and log who removed it."""
    mask = study.codings["coding_id"] == coding_id
    if not mask.any():
        raise CodingError(f"no coding {coding_id!r} in this study", hint="see study.codings['coding_id']")
    removed = study.codings[mask].iloc[0]
    replace_rows(study, "codings", [], where=mask)
    study.record(
        "uncode",
        {"coding_id": coding_id, "code_id": removed["code_id"], "origin": removed["origin"], "doc_id": removed["doc_id"]},
        actor=_user(coder),
    )


def recode(study: Study, coding_id: str, code_id: str, *, coder: str | None = None) -> None:
    """Change the code of one coding (e.g. to resolve a split flagged for review)."""
    mask = study.codings["coding_id"] == coding_id
    if not mask.any():
        raise CodingError(f"no coding {coding_id!r} in this study", hint="see study.codings['coding_id']")
    codebook_id, version = _check_code(study, code_id)
    old = study.codings.loc[mask, "code_id"].iloc[0]
    study.codings.loc[mask, "code_id"] = code_id
    study.codings.loc[mask, "status"] = pd.NA
    if codebook_id is not None:
        study.codings.loc[mask, "codebook"] = codebook_id
        study.codings.loc[mask, "codebook_version"] = version
    study.record("recode", {"coding_id": coding_id, "from": old, "to": code_id}, actor=_user(coder))


def add_memo(study: Study, target_type: str, target_id: str, text: str, *, author: str | None = None) -> str:
    """Attach a memo to a study, case, wave, document, segment, code, coding or placement."""
    from .._check import check_choice

    check_choice("target_type", target_type, MEMO_TARGETS)
    tables = {"case": ("cases", "case_id"), "wave": ("waves", "wave_id"), "document": ("documents", "doc_id"), "segment": ("segments", "seg_id"), "coding": ("codings", "coding_id")}
    if target_type in tables:
        table, column = tables[target_type]
        if not (getattr(study, table)[column] == target_id).any():
            raise CodingError(f"no {target_type} {target_id!r} in this study", hint=f"see study.{table}['{column}']")
    if target_type == "code":
        _check_code(study, target_id)
    if not str(text).strip():
        raise CodingError("the memo is empty", hint="write something")
    author = _user(author)
    created = datetime.now(timezone.utc)
    new_id = _ids.memo_id(target_type, target_id, author, created, len(study.memos))
    append_rows(study, "memos", [{"memo_id": new_id, "target_type": target_type, "target_id": target_id, "author": author, "text": str(text), "created": created}])
    study.record("memo", {"memo_id": new_id, "target_type": target_type, "target_id": target_id}, actor=author)
    return new_id
