"""Building the Study from a plan: read each document, segment it, make the tables, add the ``codings:`` CSVs."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
from natsort import natsort_keygen

from .._decode import decode_bytes
from .._ids import coding_id
from .._progress import track
from .._rows import append_rows, segment_for_spans
from .._tables import records_frame
from .._version import __version__
from .._words import count_words
from ..errors import (
    EmptyDocumentWarning,
    InferenceWarning,
    ManifestError,
    UnreadableFormatError,
    UnreadTextWarning,
)
from ._plan import _DocSpec, _Plan
from ._readers import SourceText, find_quote, read_source
from ._segment import (
    _BLANK_LINE,
    NAMED_AT_MOST,
    Segment,
    Segmentation,
    coded_segments,
    segment_document,
    segment_rows,
    strategy_for,
    warn_no_interviewer,
)

__all__: list[str] = []


#: Words outside every turn of a transcript with speakers from which loading warns: more than a title and a date line.
_UNCODED_WORDS = 150


def _warn_uncoded(study: Any, where: object) -> None:
    """Say which transcripts hold many words rule coding leaves out (:func:`coded_segments` decides which)."""
    from ..errors import UncodedTextWarning
    from ._qdpx_read import _listed

    segments = study.segments
    outside = segments.loc[~coded_segments(segments, include_interviewer=True)].groupby("doc_id")["n_words"].sum()
    words = study.documents.set_index("doc_id")["n_words"]
    uncoded = [(doc_id, int(outside[doc_id]), int(words[doc_id])) for doc_id in words.index if outside.get(doc_id, 0) >= _UNCODED_WORDS]
    if not uncoded:
        return
    shown = _listed([f"{doc_id} ({count:,} of {total:,} words)" for doc_id, count, total in uncoded], NAMED_AT_MOST)
    warnings.warn(
        f"{where}: {len(uncoded)} transcript(s) with speakers have {_UNCODED_WORDS} words or more outside every speaker's turn "
        f"(before the first label, or under a heading), which rule coding leaves out: {shown}. If they are someone's words, "
        "open them with that speaker's label in the transcript (e.g. 'Paul: …')",
        UncodedTextWarning,
        stacklevel=4,
    )


#: Formats whose lines are the writer's paragraphs (a word processor's), unlike a PDF's or a plain text's layout.
_PARAGRAPH_LINES = frozenset({"docx", "odt", "doc", "rtf"})


def _segmentation(doc: _DocSpec, source: SourceText, plan: _Plan) -> Segmentation:
    # A word processor's paragraphs spaced by their style, not by empty paragraphs, have no blank line
    # between them: each line is a paragraph there, or the whole document would be one.
    # A web page's paragraphs are its blocks (and <br><br> breaks), which its reader gives.
    paragraph_lines = (source.format in _PARAGRAPH_LINES and not _BLANK_LINE.search(source.text.strip())) or source.format == "html"
    return segment_document(
        source.text,
        strategy=strategy_for(doc.kind, doc.segment),
        speakers={**plan.speakers, **doc.speakers},  # the document's own speakers win
        patterns=plan.patterns,
        dayfirst=plan.dayfirst,
        observer=doc.observer,
        turns=[Segment(t.start, t.end, t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] if source.turns is not None else None,
        bold_labels=source.bold_labels,
        heading_lines=source.heading_lines,
        title_lines=source.title_lines,
        read_chats=doc.segment is None,  # "segment: entries" in the manifest means entries, even for a chat
        lines_are_paragraphs=paragraph_lines,
        paragraph_starts=source.paragraph_starts,
        near=doc.date or source.date or next((wave["start"] for wave in plan.waves if wave["wave_id"] == doc.wave), None),
    )


def _build(plan: _Plan, progress: bool | None) -> Any:
    from ..study import Study

    documents: list[dict[str, Any]] = []
    segments: list[tuple[Any, ...]] = []
    notes = list(plan.inferred)
    unlabelled: list[str] = []  # transcripts in which no speaker label was found
    # Documents in reading order: by case, then wave, then id; study-level material last.
    wave_order = {w["wave_id"]: w["order"] for w in plan.waves}
    key = natsort_keygen()
    plan.docs.sort(key=lambda d: (d.case is None, key(d.case or ""), wave_order.get(d.wave, 10**6), key(d.doc_id)))
    unreadable: list[tuple[_DocSpec, UnreadableFormatError]] = []
    for doc in track(plan.docs, total=len(plan.docs), desc="Reading documents", progress=progress, unit="file"):
        try:
            source = read_source(doc.path)
        except UnreadableFormatError as exc:
            if len(plan.docs) == 1:
                raise  # the one file asked for: its error is the answer
            unreadable.append((doc, exc))  # a Word 95 file in an archive of many: the rest are read, this one said
            continue
        text = source.text
        if not text.strip():
            seen = f" and does not make case {doc.case} present at wave {doc.wave}" if doc.case and doc.wave else ""
            warnings.warn(f"{doc.path}: the document is empty; it is kept with no segments{seen}", EmptyDocumentWarning, stacklevel=3)
        for kind, count in source.unread.items():
            warnings.warn(f"{doc.path}: document {doc.doc_id}: {count} {kind}: their words are not in the study", UnreadTextWarning, stacklevel=3)
        if source.removed:  # page furniture and line numbers: layout, not words, but said
            notes.append(f"{doc.doc_id}: {_cleaning_note(source.removed)}")
        found = _segmentation(doc, source, plan)
        if text.strip() and strategy_for(doc.kind, doc.segment) == "turns" and not any(seg.speaker for seg in found.segments):
            unlabelled.append(doc.doc_id)
        if found.note:
            notes.append(f"{doc.doc_id}: {found.note}")
        if found.doubt:
            notes.append(f"{doc.doc_id}: {found.doubt}")
            warnings.warn(f"{doc.path}: document {doc.doc_id}: {found.doubt}", InferenceWarning, stacklevel=3)
        segments.extend(segment_rows(doc.doc_id, text, found))
        try:
            source_name = doc.path.relative_to(plan.root).as_posix()
        except ValueError:
            source_name = str(doc.path)
        documents.append(
            {
                "doc_id": doc.doc_id,
                "case_id": doc.case,
                "wave_id": doc.wave,
                "kind": doc.kind,
                "date": doc.date or source.date,  # the manifest's, else the file's own (front matter)
                "stage": doc.stage,
                "title": doc.title or _first_line(text),
                "source": source_name,
                "format": source.format,
                "encoding": source.encoding,
                "sha256": source.sha256,
                "n_words": count_words(text),
                "text": text,
            }
        )


    meta: dict[str, Any] = {"root": str(plan.root.resolve()), "inferred": notes, "speakers": plan.speakers}
    own_speakers = {doc.doc_id: dict(doc.speakers) for doc in plan.docs if doc.speakers}
    if own_speakers:  # a document's own `speakers:` entry, so `speaker_labels` can say who decided
        meta["document_speakers"] = own_speakers
    if plan.manifest is not None:
        meta["manifest"] = str(plan.manifest.resolve())
    if plan.description:
        meta["description"] = plan.description
    if plan.stages:
        meta["stages"] = plan.stages
    if plan.patterns:
        meta["speaker_patterns"] = [p.pattern for p in plan.patterns]
    study = Study(
        plan.name,
        cases=pd.DataFrame(plan.cases) if plan.cases else None,
        waves=pd.DataFrame(plan.waves) if plan.waves else None,
        case_waves=pd.DataFrame(plan.case_waves) if plan.case_waves else None,
        documents=pd.DataFrame(documents) if documents else None,
        segments=records_frame("segments", segments),
        actors=pd.DataFrame(plan.actors) if plan.actors else None,
        meta=meta,
    )
    study.record("load", {"path": str(plan.manifest or plan.root), "documents": len(documents), "qlr_version": __version__})
    where = plan.manifest or (plan.docs[0].path if len(plan.docs) == 1 else plan.root)
    warn_no_interviewer(study, where)
    if unreadable:
        _warn_unreadable(unreadable, plan.root)
    if unlabelled:
        _warn_unlabelled(unlabelled, where)
    _warn_uncoded(study, where)
    for path, _ in plan.codings:
        _read_codings(study, path)
    return study


#: What a reader changed rather than left out, and how the load notes say it after the count.
_CHANGED = {
    "hyphenations joined": "words hyphenated across lines joined",
    "wrapped lines joined": "lines the page wrapped joined",
    "HTML character references decoded": "HTML character references decoded (&#39; as ')",
    "ligatures written as letters": "ligatures written as letters (ﬁ as fi)",
}


def _cleaning_note(removed: dict[str, int]) -> str:
    """What a reader's cleaning did, for the load notes: "left out of the text: 5 line numbers; 2 words … joined"."""
    left_out = [f"{count} {kind}" for kind, count in removed.items() if kind not in _CHANGED]
    said = ["left out of the text: " + ", ".join(left_out)] if left_out else []
    said += [f"{removed[kind]} {words}" for kind, words in _CHANGED.items() if removed.get(kind)]
    return "; ".join(said)


def _warn_unreadable(unreadable: list[tuple[_DocSpec, Any]], root: Path) -> None:
    """Say which documents were left out because their format (or its version) is one qlr does not read."""
    from ..errors import FilesNotLoadedWarning

    def name(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    shown = "; ".join(f"{name(doc.path)} ({exc.message})" for doc, exc in unreadable[:5]) + (f"; and {len(unreadable) - 5} more" if len(unreadable) > 5 else "")
    hints = {exc.hint for _, exc in unreadable}
    fix = hints.pop() if len(hints) == 1 else "read each file's reason, and save it in a format qlr reads"
    warnings.warn(
        f"{root}: {len(unreadable)} document(s) are in a format qlr does not read and were not loaded: {shown}. Fix: {fix}",
        FilesNotLoadedWarning,
        stacklevel=3,
    )


def _warn_unlabelled(doc_ids: list[str], where: object) -> None:
    """Say which transcripts had no speaker label: their questions are coded with the answers."""
    from ..errors import NoInterviewerWarning
    from ._qdpx_read import _listed

    shown = _listed(doc_ids, NAMED_AT_MOST)
    warnings.warn(
        f"{where}: {len(doc_ids)} transcript(s) have no speaker label qlr recognises, so their questions are not "
        f"told apart from the answers and are coded as the participant's words: {shown}. Write the transcripts' house style as "
        "segmentation: {speaker_pattern: …} in study.yaml (docs/study-folder.md; subtitles need 'Name:' or "
        "'<v Name>' in their cues), or give a document that holds only the participant's words 'segment: paragraphs'",
        NoInterviewerWarning,
        stacklevel=4,
    )


def _read_codings(study: Any, path: Path) -> None:
    """Add earlier human codings from a CSV (doc_id, code_id, coder, and quote or start/end)."""
    # Decoded as every text qlr reads is (binary content is one clear error), then parsed.
    text, _ = decode_bytes(path.read_bytes(), path)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ManifestError(f"the codings file is not a readable CSV ({str(exc).strip()[:120]})", path=path, line=1, hint="save it as CSV with a header line such as: doc_id,quote,code_id,coder") from None
    needed = {"doc_id", "code_id", "coder"}
    if not needed <= set(table.columns) or not ({"quote"} <= set(table.columns) or {"start", "end"} <= set(table.columns)):
        raise ManifestError(
            "a codings file needs the columns doc_id, code_id, coder and either quote or start and end",
            path=path,
            line=1,
            hint="write a header line such as: doc_id,quote,code_id,coder",
        )
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    records = table.to_dict("records")
    starts, ends = [], []
    for line, row in enumerate(records, start=2):
        doc = row["doc_id"]
        if doc not in texts:
            raise ManifestError(f"row {line}: no document {doc!r} in the study", path=path, line=line, hint="use the document ids of study.documents")
        if row.get("quote"):
            occurrence = _whole(row.get("occurrence") or "1", path, line, "occurrence", minimum=1)
            spans = find_quote(texts[doc], row["quote"])
            if len(spans) < occurrence:  # fewer occurrences than asked
                raise ManifestError(f"row {line}: the quote is not in {doc!r}", path=path, line=line, hint="copy the words exactly from the transcript")
            start, end = spans[occurrence - 1]
        elif "quote" in row and not {"start", "end"} <= set(row):
            raise ManifestError(f"row {line}: the quote is empty", path=path, line=line, hint="copy the coded words into the quote column")
        else:
            start, end = _whole(row["start"], path, line, "start", minimum=0), _whole(row["end"], path, line, "end", minimum=0)
            if not start <= end <= len(texts[doc]):
                raise ManifestError(
                    f"row {line}: offsets {start}:{end} lie outside {doc!r} (its text has {len(texts[doc]):,} characters)",
                    path=path,
                    line=line,
                    hint="offsets count characters of the stored text from 0, start before end",
                )
        starts.append(start)
        ends.append(end)
    rows = pd.DataFrame(
        {
            "doc_id": table["doc_id"],
            "start": starts,
            "end": ends,
            "seg_id": segment_for_spans(study.segments, table["doc_id"], starts, ends),
            "code_id": table["code_id"],
            "coder": table["coder"],
            "origin": "human",
            # Empty cells (read as "") are missing values.
            **{column: table[column].replace("", None) for column in ("codebook", "codebook_version", "created") if column in table.columns},
        }
    )
    rows.insert(0, "coding_id", [coding_id("human", *span) for span in zip(rows["doc_id"], starts, ends, rows["code_id"], rows["coder"])])
    fresh = append_rows(study, "codings", rows, skip_existing=True)
    study.record("read codings", {"path": str(path), "codings": len(fresh)})


def _whole(value: str, path: Path, line: int, column: str, *, minimum: int) -> int:
    """A whole number from a CSV cell, or an error naming the row and column."""
    text = str(value).strip()
    if not text.isdigit() or int(text) < minimum:
        raise ManifestError(f"row {line}: {column} {value!r} is not a whole number of at least {minimum}", path=path, line=line, hint=f"write {column} as a number such as 12")
    return int(text)


def _first_line(text: str) -> str | None:
    for line in text.split("\n", 5)[:5]:
        if line.strip():
            return line.strip().lstrip("#").strip()[:120]
    return None
