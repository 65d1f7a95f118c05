"""Building the Study from a plan: read each document, segment it, make the tables, add the ``codings:`` CSVs."""

from __future__ import annotations

import functools
import io
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from natsort import natsort_keygen, natsorted

from .._decode import decode_bytes, table_delimiter, workbook_size_checked
from .._ids import coding_id
from .._progress import track
from .._rows import append_rows, replace_rows, segment_for_spans
from .._tables import SCHEMAS, records_frame
from .._version import __version__
from .._warned import warn
from .._words import count_words, first_few, number_of
from ..errors import (
    EmptyDocumentWarning,
    FilesNotLoadedWarning,
    InferenceWarning,
    ManifestError,
    RowsRefusedWarning,
    UnreadableFormatError,
    UnreadTextWarning,
)
from ._coding_reports import (
    DEDOOSE_CODES,
    ToolRows,
    is_nvivo_report,
    is_taguette_report,
    nvivo_rows,
    table_rows,
    taguette_report_rows,
    tool_export,
)
from ._framework import FRAMEWORK, framework_rows, is_framework_chart
from ._naming import _SUMMARY_WORDS, _key
from ._plan import _DocSpec, _Plan
from ._positions import UNITS, outside_label, outside_text
from ._readers import (
    BOLD_QUESTIONS,
    MARKDOWN_CLOSING,
    MARKDOWN_QUESTIONS,
    MARKDOWN_QUESTIONS_ANSWERED,
    UNPAIRED_LABELS,
    SourceText,
    cited_words,
    find_quote,
    in_other_capitals,
    read_source,
)
from ._sections import (
    can_hold_sections,
    entries_in_no_wave,
    entry_waves,
    find_sections,
    new_wave_id,
    order_waves,
    people_headings,
    section_source,
    wave_of_day,
)
from ._segment import (
    _BLANK_LINE,
    KIND_STRATEGY,
    MESSAGE_KINDS,
    NAMED_AT_MOST,
    Segment,
    Segmentation,
    attribute_speakers,
    coded_segments,
    find_date,
    header_date,
    segment_document,
    segment_rows,
    strategy_for,
    unnamed_joint_note,
    warn_listed_cases,
    warn_no_interviewer,
    warn_speaker_cases,
    written_order,
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
    warn(
        f"{where}: {len(uncoded)} transcript(s) with speakers have {_UNCODED_WORDS} words or more outside every speaker's turn "
        f"(before the first label, under a heading, or in a turn Otter marks 'Unknown Speaker'), which rule coding leaves out: {shown}. "
        "If they are someone's words, open them with that speaker's label in the transcript (e.g. 'Paul: …'; for Otter's "
        "unknown voice, speakers: {Unknown Speaker: participant} in study.yaml)",
        UncodedTextWarning,
    )


def _warn_case_asking(study: Any, plan: _Plan, specs: list[_DocSpec], where: object) -> None:
    """Say where the study's ``speakers:`` makes a document's own case its interviewer (:class:`CaseAsInterviewerWarning`).

    One person may ask in some files and answer in others (a peer researcher interviewed, a participant who becomes
    one): a study-wide role reads their own answers as questions unless the document's entry says otherwise.
    """
    from ..errors import CaseAsInterviewerWarning
    from ._qdpx_read import _listed
    from ._segment import case_names

    asking = {str(label).lower() for label, role in plan.speakers.items() if role == "interviewer"}
    segments = study.segments
    if not asking or segments.empty or "case_id" not in study.documents:
        return
    entry_said = {spec.doc_id: {str(label).lower() for label in spec.speakers} for spec in specs}
    case_of = study.documents.set_index("doc_id")["case_id"]
    names = case_names(study)
    labels = segments["speaker"].astype("string").fillna("")
    interviewing = segments["speaker_role"].eq("interviewer").fillna(False)
    asked = segments[interviewing & labels.str.lower().isin(asking)]
    # Someone else asks there too ("Lead researcher:" asking Kofi): only then do the case's own turns answer. An
    # interviewer who alone asks and shares a first name with the case ("Ana:" interviewing Ana Lopez) is no answer.
    askers = segments[interviewing].groupby("doc_id")["speaker"].agg(lambda s: {str(v).lower() for v in s.dropna()})
    found = [
        (doc_id, str(speaker), int(count))
        for (doc_id, speaker), count in asked.groupby(["doc_id", "speaker"]).size().items()
        if str(speaker).lower() not in entry_said.get(doc_id, ()) and case_of.get(doc_id) in names.get(str(speaker).casefold(), ())
        and askers.get(doc_id, set()) - {str(speaker).lower()}
    ]
    if found:
        shown = _listed([f"{doc_id} ({speaker}, {count} turn(s))" for doc_id, speaker, count in found], NAMED_AT_MOST)
        doc_id, speaker, _ = found[0]
        warn(
            f"{where}: in {len(found)} interview(s), the label naming the interview's own case is the interviewer by the "
            f"study's speakers:, so their answers are read as questions, never coded nor evidence: {shown}. Where that person answers "
            f"(a peer researcher interviewed, a participant who became one), write 'speakers: {{{speaker}: participant}}' in "
            f"the entry of {doc_id} and the others (docs/study-folder.md, 'Segmentation')",
            CaseAsInterviewerWarning,
        )


#: The documents table's own columns, which a file's metadata (``SourceText.columns``) never overwrites.
_ROW_COLUMNS = frozenset(SCHEMAS["documents"]) | {"title"}

#: Formats whose lines are the writer's paragraphs (a word processor's), unlike a PDF's or a plain text's layout.
_PARAGRAPH_LINES = frozenset({"docx", "odt", "doc", "rtf"})
#: Longer than a layout wraps a line (an editor's 72 or 80 columns, a printed page's): a line this long is the writer's paragraph.
_UNWRAPPED_LINE = 150


def _lines_unwrapped(text: str) -> bool:
    """Whether a plain text with no blank line writes one paragraph a line: most of its lines are longer than any wrapping.

    A text saved from a word processor, or typed with the editor wrapping on screen, has no blank line
    between its paragraphs and no line break inside one; read by blank lines it would be one segment.
    A text wrapped to a width (an e-mail's, a PDF's copy) has short lines and stays one paragraph per block.

    Examples
    --------
    >>> _lines_unwrapped("It hums like a fridge. " * 8 + "\\n" + "Slower now, a kettle. " * 8)
    True
    >>> _lines_unwrapped("A short note\\nthat is wrapped\\nby its editor.")
    False
    """
    if _BLANK_LINE.search(text.strip()):
        return False
    lengths = [len(line.strip()) for line in text.splitlines() if line.strip()]
    return len(lengths) > 1 and 2 * sum(length > _UNWRAPPED_LINE for length in lengths) >= len(lengths)


def summary_by_name(path: str | Path, kind: str) -> bool:
    """Whether a document of this file name and kind is the team's summary of an interview (:func:`researchers_summary`).

    The loader's own rule, asked of what a loaded study still holds of the document (its source and kind); the
    entry's ``segment:`` and ``observer:`` choices show in its segments' roles instead.

    >>> summary_by_name("P03_W1_summary.md", "summary"), summary_by_name("Ann-summary.md", "document")
    (True, True)
    >>> summary_by_name("P03_W1_fieldnotes.md", "fieldnotes")
    False
    """
    return researchers_summary(_DocSpec(path=Path(path), doc_id=Path(path).stem, case=None, wave=None, kind=kind))


def researchers_summary(doc: _DocSpec) -> bool:
    """Whether a document is the research team's summary of an interview, read as their account of the person.

    A document of the kind ``summary`` ("P03_W1_summary.md"), or of the kind ``document`` whose file name holds a
    summary's word ("P03_summary.md", "Ann-summary.md", "Zusammenfassung P03.docx"), is written by the team beside the person's interview: its paragraphs are the
    researcher's, as a field note's entries are (role ``observer``), never words the person said. The entry's
    ``observer:`` (who wrote it, and with ``speakers:`` whose voice that is) or ``segment:`` in ``study.yaml``
    (``segment: paragraphs``: the person's own words) is the researcher's choice and is kept.

    Examples
    --------
    >>> from pathlib import Path
    >>> spec = _DocSpec(path=Path("P03_summary.md"), doc_id="P03_summary", case="P03", wave="W1", kind="document")
    >>> researchers_summary(spec), researchers_summary(replace(spec, segment="paragraphs"))
    (True, False)
    >>> researchers_summary(replace(spec, kind="interview")), researchers_summary(replace(spec, path=Path("P03_report.md")))
    (False, False)
    >>> researchers_summary(replace(spec, kind="interview_summary"))
    True
    """
    if doc.segment is not None or doc.observer is not None:
        return False
    # A kind named by a summary word ("summary", or "interview_summary" from "P03_W1_interview_summary.md").
    if _SUMMARY_WORDS & _words_of(doc.kind or ""):
        return True
    return (doc.kind or "").casefold() == "document" and bool(_SUMMARY_WORDS & _words_of(Path(doc.path).stem))


def _words_of(name: str) -> set[str]:
    """The words of a file name or kind, lower-cased ("P03_W1_interview-Summary" → p03, w1, interview, summary)."""
    return {word.casefold() for word in re.split(r"[\W_]+", name) if word}


def _segmentation(doc: _DocSpec, source: SourceText, plan: _Plan) -> Segmentation:
    # A word processor's paragraphs spaced by their style, not by empty paragraphs, have no blank line
    # between them: each line is a paragraph there, or the whole document would be one.
    # A web page's paragraphs are its blocks (and <br><br> breaks), which its reader gives.
    # A plain text with no blank line whose lines run on past any wrapping writes a paragraph a line too.
    paragraph_lines = (
        (source.format in _PARAGRAPH_LINES and not _BLANK_LINE.search(source.text.strip()))
        or source.format == "html"
        or (source.format == "txt" and _lines_unwrapped(source.text))
    )
    found = segment_document(
        source.text,
        strategy=strategy_for(doc.kind, doc.segment),
        speakers={**plan.speakers, **doc.speakers},  # the document's own speakers win
        patterns=plan.patterns,
        dayfirst=plan.dayfirst,
        observer=doc.observer,
        turns=[Segment(t.start, t.end, t.speaker, t.timestamp, t.timestamp_end, t.date) for t in source.turns] if source.turns is not None else None,
        bold_labels=source.bold_labels,
        asked_only=bool(source.removed.get(BOLD_QUESTIONS) or source.removed.get(MARKDOWN_QUESTIONS) or source.removed.get(MARKDOWN_QUESTIONS_ANSWERED)),
        heading_lines=source.heading_lines,
        title_lines=source.title_lines,
        read_chats=doc.segment is None,  # "segment: entries" in the manifest means entries, even for a chat
        lines_are_paragraphs=paragraph_lines,
        paragraph_starts=source.paragraph_starts,
        declared=source.speakers,  # a CHAT file's @Participants
        day=source.date,
        near=doc.date or source.date or next((wave["start"] for wave in plan.waves if wave["wave_id"] == doc.wave), None),
    )
    if researchers_summary(doc):
        # The team's summary is their account of the person, as field notes are: each paragraph the researcher's.
        found = replace(found, roles=["observer" if role is None else role for role in found.roles])
    return found


#: A short file saying that an interview's transcript was taken out of a deposit ("This transcript has been
#: removed from the dataset because QR06 did not consent to data sharing", a real QDR placeholder).
_REMOVAL = re.compile(
    r"\b(?:transcripts?|interviews?|files?)\b[^.]{0,80}?\b(?:has|have|was|were|is|are)\s+(?:been\s+)?(?:removed|withdrawn|excluded)\b"
    r"(?=[^.]{0,120}\b(?:data ?sets?|deposits?|archives?|collections?|study|project|consent\w*|requests?|shar\w+)\b)"
    r"|\b(?:removed|withdrawn) at the (?:participant|interviewee|respondent)['’]s request\b"
    r"|\bdid not (?:give )?consent to (?:data )?(?:sharing|archiving|deposit)",
    re.IGNORECASE,
)
_LABELLED_LINE = re.compile(r"^[ \t]*[^\W\d_][\w .'’-]{0,30}:[ \t]", re.MULTILINE)
#: A removal notice is short: a transcript that mentions a removed file is longer than this.
_NOTICE_WORDS = 60
#: The kinds of document a removal notice stands in for (a transcript's file); other documents are never taken for one.
_TRANSCRIPT_KINDS = frozenset({"interview", "focus_group", "transcript"})
#: The kinds of document that may hold one person's interviews of several waves (a focus group's "Round 2" is its own).
_SECTIONED_KINDS = frozenset({"interview", "transcript"})


def removal_notice(text: str) -> str | None:
    """The sentence of a removal notice if ``text`` is one (short, and says a transcript was removed), else None.

    Examples
    --------
    >>> removal_notice("QR06_removed\\nThis transcript has been removed from the dataset because QR06 did not consent to data sharing.")
    'This transcript has been removed from the dataset because QR06 did not consent to data sharing.'
    >>> removal_notice("Interviewer: Was anything removed?\\nP1: The old files were removed last year, yes.") is None
    True
    """
    if count_words(text) > _NOTICE_WORDS or _LABELLED_LINE.search(text):
        return None  # too long for a notice, or a conversation with speaker labels
    found = _REMOVAL.search(text)
    if not found:
        return None
    sentence = text.rfind(". ", 0, found.start())
    start = max(text.rfind("\n", 0, found.start()) + 1, sentence + 2 if sentence >= 0 else 0)
    end = text.find("\n", found.end())
    return " ".join(text[start : end if end >= 0 else len(text)].split())


def _build(plan: _Plan, progress: bool | None) -> Any:
    from ..study import Study

    documents: list[dict[str, Any]] = []
    segments: list[tuple[Any, ...]] = []
    notes = list(plan.inferred)
    unlabelled: list[str] = []  # transcripts in which no speaker label was found
    no_messages: list[str] = []  # documents of a message kind (sms, chat, …) in which no message was recognised
    labelled_unknown: list[str] = []  # documents of a kind qlr does not know, read by paragraph, that hold speaker labels
    header_roles: dict[str, dict[str, str]] = {}  # doc_id → the labels its header lines gave a role (Segmentation.header)
    unknown_kinds: dict[str, int] = {}  # a study.yaml's kinds qlr does not know, read by paragraph: kind → documents
    misdated: list[str] = []  # documents whose header's date is not the one the manifest or name gives
    outside: list[str] = []  # documents dated by their header outside their wave's dates
    sent_outside: list[str] = []  # documents whose messages' dates (a chat's) run outside their wave's dates
    header_dated: list[tuple[str, date, str]] = []  # (document, its date, the header line that gives it)
    record_dated: list[tuple[str, Any]] = []  # documents dated by the file's own record (front matter, an OHMS or TEI header)
    headers: list[tuple[int, _DocSpec, Any, tuple[date, str]]] = []  # (row in documents, spec, its date so far, header's date and line)
    wave_spans = {w["wave_id"]: span for w in plan.waves if (span := _dated_span(w)) is not None}
    # Documents in reading order: by case, then wave, then id; study-level material last.
    wave_order = {w["wave_id"]: w["order"] for w in plan.waves}
    key = natsort_keygen()
    plan.docs.sort(key=lambda d: (d.case is None, key(d.case or ""), wave_order.get(d.wave, 10**6), key(d.doc_id)))
    unreadable: list[tuple[_DocSpec, UnreadableFormatError]] = []
    marking = {key: entry for entry in plan.marked for key in entry.files}  # a document's file -> the entry reading its comments
    marked: list[tuple[str, list[Any], Any]] = []
    split: list[str] = []  # files holding several interviews under headings, read as one document per wave
    kept_whole: list[str] = []  # such files read as one document all the same (their entry or name gives the wave)
    several_people: list[str] = []  # files whose headings name interviews with two or more people
    several_tables: list[str] = []  # tables of questions and answers whose rows hold two or more interviews
    dated_entries: list[str] = []  # a case's diary or notes with no wave stated, read at the waves of their entries' dates
    dated_kept: list[str] = []  # files saying 'wave: dates' that cannot be read so
    no_wave_entries: list[str] = []  # the study's notes read by 'wave: dates': entries no wave's dates hold
    read_specs: list[_DocSpec] = []  # every document read, as its own (a section of a file its own)
    parts_of: dict[str, list[tuple[str, int]]] = {}  # a file of several interviews: its id -> each one's id and start
    kept_ids: set[str] = set()  # the documents of kept_whole
    row_coded: list[tuple[str, list[tuple[int, int, str]], str]] = []  # a table transcript's own codes of its rows

    def _add_document(doc: _DocSpec, source: SourceText, entry: Any) -> None:
        text = source.text
        read_specs.append(doc)
        for kind, count in source.unread.items():
            warn(f"{doc.path}: document {doc.doc_id}: {count} {kind}: their words are not in the study", UnreadTextWarning)
        if source.removed:  # page furniture and line numbers: layout, not words, but said
            notes.append(f"{doc.doc_id}: {_cleaning_note(source.removed)}")
        notes.extend(f"{doc.doc_id}: {note}" for note in source.notes)
        found = _segmentation(doc, source, plan)
        if found.header:
            header_roles[doc.doc_id] = dict(found.header)
        # Notes written among unnamed cues (an observer's, _segment._notes_among_cues) name no one who talks.
        if text.strip() and strategy_for(doc.kind, doc.segment) == "turns" and not any(seg.speaker and role != "observer" for seg, role in zip(found.segments, found.roles)):
            unlabelled.append(doc.doc_id)
        if (
            text.strip()
            and (doc.kind or "").lower() in MESSAGE_KINDS
            and doc.segment is None
            and source.turns is None
            and not any(seg.speaker for seg in found.segments)
        ):
            no_messages.append(f"{doc.doc_id} (kind {doc.kind})")
        if text.strip() and doc.kind not in KIND_STRATEGY and doc.segment is None and source.turns is None and not researchers_summary(doc):
            unknown_kinds[str(doc.kind)] = unknown_kinds.get(str(doc.kind), 0) + 1
            labels = _labels_by_turns(doc, source, plan)
            if labels:
                labelled_unknown.append(f"{doc.doc_id} (kind {doc.kind!r}: {', '.join(labels[:4])}{', …' if len(labels) > 4 else ''})")
        if source.unnamed and not {ident.lower() for ident in source.unnamed} & {**plan.speakers, **doc.speakers}.keys():
            doubt = _unnamed_doubt(source.unnamed, source.unnamed_why)
            notes.append(f"{doc.doc_id}: {doubt}")
            warn(f"{doc.path}: document {doc.doc_id}: {doubt}", InferenceWarning)
        if found.note:
            notes.append(f"{doc.doc_id}: {found.note}")
        for doubt in (source.doubt, found.doubt):
            if doubt:
                notes.append(f"{doc.doc_id}: {doubt}")
                warn(f"{doc.path}: document {doc.doc_id}: {doubt}", InferenceWarning)
        segments.extend(segment_rows(doc.doc_id, text, found))
        if source.row_codes:
            row_coded.append((doc.doc_id, source.row_codes, source.row_coder or "tags"))
        if entry is not None:
            marked.append((doc.doc_id, source.marks, entry))
        day = doc.date or source.date  # the manifest's or the name's, else the file's own (front matter, a record's)
        if doc.date is None and source.date is not None:
            record_dated.append((doc.doc_id, source.date))
        if doc.source is not None or (source.turns is not None and not source.header):
            # A survey respondent's answers, or a file whose reader gave its turns (a chat's messages, a CHAT or
            # TEI transcript): no typed header above the conversation; a first message's stamp is no header's date.
            header = None
        elif source.header:
            header = header_date(source.header, dayfirst=plan.dayfirst)
        else:
            header = header_date(text, found.segments, dayfirst=plan.dayfirst)
        if header is not None:  # decided once every header is read: they say together which way round dates are written
            headers.append((len(documents), doc, day, header))
        # A message's own date (a chat read as an interview); a diary's and notes' dated entries go to the wave in progress.
        entries = strategy_for(doc.kind, doc.segment) == "entries"
        sent = [] if entries else sorted(segment.date for segment in found.segments if segment.date is not None and segment.speaker)
        span = wave_spans.get(doc.wave)
        if sent and span is not None and (sent[0] < span[0] or sent[-1] > span[1]):
            # A chat's messages sent before or after its wave's fieldwork: the wave or its dates may be wrong.
            sent_outside.append(f"{doc.doc_id} ({sent[0].isoformat()} to {sent[-1].isoformat()}; wave {doc.wave} {span[0].isoformat()} to {span[1].isoformat()})")
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
                "date": day,
                "stage": doc.stage,
                "title": doc.title or source.columns.get("title") or _first_line(text),
                "source": source_name,
                "format": source.format,
                "encoding": source.encoding,
                "sha256": source.sha256,
                "n_words": count_words(text),
                "text": text,
                # What an oral-history record says of the interview (accession, interviewer, its index): columns of its own.
                **{key: value for key, value in source.columns.items() if key not in _ROW_COLUMNS},
            }
        )

    for doc in track(plan.docs, total=len(plan.docs), desc="Reading documents", progress=progress, unit="file"):
        # A document's own comments and highlights are read only where an entry asks for them: finding them costs time.
        entry = marking.get(_key(doc.path)) if marking else None
        try:
            source = doc.source if doc.source is not None else read_source(doc.path, marks=entry is not None, table=doc.table)
            if doc.source is None:
                _no_coding_report(doc.path, source.text)
        except UnreadableFormatError as exc:
            if len(plan.docs) == 1:
                raise  # the one file asked for: its error is the answer
            unreadable.append((doc, exc))  # a Word 95 file in an archive of many: the rest are read, this one said
            continue
        text = source.text
        if doc.source is None and doc.kind in _TRANSCRIPT_KINDS and (notice := removal_notice(text)):
            # An archive keeps a withdrawn interview's place with a notice: no conversation, so no presence.
            # Only a transcript's file: a field note, a memo or a survey answer that says so is what it is.
            seen = f"; case {doc.case} is not seen at wave {doc.wave}" if doc.case and doc.wave else ""
            warn(
                f"{doc.path}: a notice that a transcript was removed, not a transcript ({notice!r}): not loaded as a document{seen}",
                FilesNotLoadedWarning,
            )
            notes.append(f"{doc.doc_id}: a notice that a transcript was removed, not loaded")
            continue
        if doc.kind in _TRANSCRIPT_KINDS and (people := people_headings(text)):
            several_people.append(f"{doc.path.name} ({', '.join(repr(p) for p in people[:4])}{' …' if len(people) > 4 else ''})")
        elif source.interviews:  # a table of questions and answers holding several interviews: the same decision, said so
            several_tables.append(f"{doc.path.name} ({len(source.interviews)} interviews: {'; '.join(source.interviews[:4])}{' …' if len(source.interviews) > 4 else ''})")
        if not text.strip():
            seen = f" and does not make case {doc.case} present at wave {doc.wave}" if doc.case and doc.wave else ""
            warn(f"{doc.path}: the document is empty; it is kept with no segments{seen}", EmptyDocumentWarning)
        cut = _wave_parts(doc, source, plan)
        if cut.read is not None:
            # "wave: headings" or "wave: dates" in the manifest states the reading: a note, no warning.
            if not (doc.by_dates if cut.by_dates else doc.by_headings):
                (dated_entries if cut.by_dates else split).append(cut.read)
            how = f"dated entries in {len(cut.parts)} wave(s), read as one document per wave" if cut.by_dates else (
                f"{len(cut.parts)} interviews under headings of their own, read as one document each"
            )
            notes.append(f"{doc.doc_id}: {how}: {cut.read}")
            parts_of[doc.doc_id] = cut.offsets or []
            plan.waves.extend(cut.waves)
        if cut.outside is not None:
            no_wave_entries.append(cut.outside)
        if cut.kept is not None and cut.by_dates:
            dated_kept.append(cut.kept)
            kept_ids.add(doc.doc_id)
        elif cut.kept is not None:
            kept_whole.append(cut.kept)
            kept_ids.add(doc.doc_id)
        for part, part_source in cut.parts:
            _add_document(part, part_source, entry)


    # "05/06/2019" is 5 June or 6 May as the study writes its dates: where the headers that can tell ("05/14/2019")
    # all say month first, every header is read so (and day first likewise, whatever the manifest's default).
    # "24.10.03" is 24 October 2003 or 3 October 2024: the study's dates written whole (its documents', its waves') tell.
    whole = [when for row in documents if (when := _day(row["date"])) is not None] + [when for w in plan.waves for when in (_day(w.get("start")), _day(w.get("end"))) if when is not None]
    header_read, undecided = header_days([found for *_, found in headers], plan.dayfirst, known=whole)
    if undecided:
        shown = ", ".join(f"{headers[at][1].doc_id} ({header_read[at].isoformat()}, else {other.isoformat()})" for at, other in undecided[:6])
        doubt = (
            f"{len(undecided)} document(s) dated by a header written with dots and a two-digit year, which may be day first or "
            f"year first (e.g. {headers[undecided[0][0]][3][1]!r}), read day first: {shown}{', …' if len(undecided) > 6 else ''}. "
            f"Nothing else in the folder (a date written whole, a date after today) tells which. Fix: give each document's date in study.yaml"
        )
        notes.append(doubt)
        warn(f"{plan.root}: {doubt}", InferenceWarning)
    for (index, doc, day, (_, line)), header_day in zip(headers, header_read):
        if day is None:
            documents[index]["date"] = header_day
            header_dated.append((doc.doc_id, header_day, line))
            span = wave_spans.get(doc.wave)
            if span is not None and not span[0] <= header_day <= span[1]:
                outside.append(f"{doc.doc_id} ({header_day.isoformat()}; wave {doc.wave} {span[0].isoformat()} to {span[1].isoformat()})")
        elif header_day != _day(day):
            misdated.append(f"{doc.doc_id} ({_day(day).isoformat()}; its header: {line!r})")
    if header_dated:
        notes.append(header_note(header_dated))
    if record_dated:
        notes.append(
            f"{len(record_dated)} document(s) dated by the file's own record (Markdown front matter, an OHMS or TEI header): "
            + ", ".join(f"{doc_id} ({_day(day).isoformat()})" for doc_id, day in record_dated)
        )
    _place_study_material(plan, documents, read_specs, notes, dated_kept, no_wave_entries)
    doubled = _interviews_at_one_wave(documents)
    if doubled:
        notes.append(doubled)
    twins = _same_words(documents)
    if twins:
        notes.append(twins)
    reordered = _wave_order_by_dates(plan, documents, notes)
    if split or dated_entries or reordered:
        # A file's interviews take their places among the case's other documents: by case, then wave, then id.
        wave_order = {w["wave_id"]: w["order"] for w in plan.waves}
        documents.sort(key=lambda row: (row["case_id"] is None, key(row["case_id"] or ""), wave_order.get(row["wave_id"], 10**6), key(row["doc_id"])))
    meta: dict[str, Any] = {"root": str(plan.root.resolve()), "inferred": notes, "speakers": plan.speakers}
    own_speakers = {doc.doc_id: dict(doc.speakers) for doc in read_specs if doc.speakers}
    if header_roles:  # the roles a transcript's header lines gave, so `speaker_labels` says the header decided them
        meta["header_speakers"] = header_roles
    if own_speakers:  # a document's own `speakers:` entry, so `speaker_labels` can say who decided
        meta["document_speakers"] = own_speakers
    # A document's own `segment:` where it is not its kind's (`segment: entries` on a journal), so the ladder reads its
    # passages as it was read (`_segment.entry_documents`).
    own_segment = {doc.doc_id: doc.segment for doc in read_specs if doc.segment and doc.segment != strategy_for(doc.kind)}
    if own_segment:
        meta["document_segment"] = own_segment
    if plan.manifest is not None:
        meta["manifest"] = str(plan.manifest.resolve())
    if plan.description:
        meta["description"] = plan.description
    if plan.stages:
        meta["stages"] = plan.stages
    if plan.patterns:
        meta["speaker_patterns"] = [p.pattern for p in plan.patterns]
    if plan.not_named:
        meta["not_named"] = list(plan.not_named)
    if plan.framework_charts:
        meta["framework_charts"] = list(plan.framework_charts)
    if plan.coding_exports:
        meta["coding_exports"] = list(plan.coding_exports)
    if plan.case_tables:
        meta["case_tables"] = list(plan.case_tables)
    two_digit = two_digit_headers([found for *_, found in headers], plan.dayfirst)[1]
    if two_digit:  # "24.10.03" both ways: the template decides the folder's files read one by one together, as here
        meta["two_digit_dates"] = {headers[at][1].doc_id: [first.isoformat(), other.isoformat() if other else None] for at, first, other in two_digit}
    if header_dated:  # the lines that dated documents: the template weighs the folder's files' lines together
        meta["header_lines"] = {doc_id: line for doc_id, _, line in header_dated}
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
    # A focus group kept as the study's: its speakers who are the study's cases speak for them (one record, read by
    # qlr.evidence.segment_cases), said with what was attributed.
    attributed = attribute_speakers(
        study,
        mode=plan.case_mode,
        listed=plan.speaker_cases,
        per_document={doc.doc_id: (doc.case_mode, doc.speaker_cases) for doc in read_specs if doc.case_mode or doc.speaker_cases},
    )
    warn_speaker_cases(attributed, where)
    unnamed = unnamed_joint_note(attributed)
    if unnamed:
        study.meta.setdefault("inferred", []).append(unnamed)
    nobodys = _no_case_turns(study) + _relatives_beside(study)
    if nobodys:
        study.meta.setdefault("inferred", []).extend(nobodys)
    warn_listed_cases(study, {doc.doc_id: doc.listed_cases for doc in read_specs if doc.listed_cases}, where)
    if unreadable:
        _warn_unreadable(unreadable, plan.root)
    if unlabelled:
        _warn_unlabelled(unlabelled, where, dict(zip(study.documents["doc_id"], study.documents["text"])))
    if no_messages:
        _warn_no_messages(no_messages, where)
    if labelled_unknown:
        _warn_labelled_unknown(labelled_unknown, where)
    if unknown_kinds:  # said here only, for a study.yaml's kinds and a folder's names alike
        notes.append(_unknown_kinds_note(unknown_kinds))
    if misdated:
        warn(
            f"{where}: {len(misdated)} document(s) have a header line giving another date than the manifest or file name does, "
            f"and keep the manifest's or name's: {_first_named(misdated)}. Check which is right; to date a document by its "
            "header, leave the date out of its name and manifest entry",
            InferenceWarning,
        )
    if split:
        if plan.manifest is None and len(plan.docs) == 1:  # the single file's note said one wave; its headings gave them
            notes = [note.replace(f", wave {plan.docs[0].wave!r}", ", waves by its headings") if note.startswith("single file:") else note for note in notes]
            study.meta["inferred"] = notes
        warn(
            f"{where}: {len(split)} file(s) hold several interviews, each under a heading of its own, and are read as one "
            f"document per interview: {_first_named(split)}. Check each interview's wave and date; to read such a file as one "
            "document, state its wave (in study.yaml, or in its name)",
            InferenceWarning,
        )
    if dated_entries:
        warn(
            f"{where}: {len(dated_entries)} diary or notes file(s) with no wave stated are read at the wave in progress on "
            f"their entries' dates (the last wave begun by then): {_first_named(dated_entries)}. Check each part's wave; to "
            "read such a file at one wave, give its wave in study.yaml ('wave: dates' says this reading is meant)",
            InferenceWarning,
        )
    if dated_kept:
        warn(
            f"{where}: {len(dated_kept)} file(s) say 'wave: dates' but are read whole, at no wave: {_first_named(dated_kept)}",
            InferenceWarning,
        )
    if no_wave_entries:
        warn(
            f"{where}: {len(no_wave_entries)} study-level notes file(s) say 'wave: dates' and hold entries dated in no wave's "
            f"dates, each read at the wave in progress on its date (the last begun by then): {_first_named(no_wave_entries)}. "
            "Check those entries' wave; to keep them apart, move them to a file of their own with its 'wave:', or widen the "
            "wave's 'start:'/'end:'",
            InferenceWarning,
        )
    if several_tables:
        warn(
            f"{where}: {len(several_tables)} table(s) of questions and answers hold several interviews, each in rows of its own, but are "
            f"read as one document of one case: {_first_named(several_tables)}. Give each interview a file of its own "
            "(or a study.yaml entry per person) to keep their words apart",
            InferenceWarning,
        )
    if several_people:
        warn(
            f"{where}: {len(several_people)} file(s) hold interviews with several people, each under a heading of its own, but are "
            f"read as one document of one case: {_first_named(several_people)}. Give each person's interview a file of its own "
            "(or a study.yaml entry per person) to keep their words apart",
            InferenceWarning,
        )
    if kept_whole:
        warn(
            f"{where}: {len(kept_whole)} file(s) seem to hold several interviews, each under a heading of its own, but are read as "
            f"one document: {_first_named(kept_whole)}",
            InferenceWarning,
        )
    groups = [spec.doc_id for spec in read_specs if spec.case is None and spec.wave is None and spec.kind == "focus_group"]
    if groups:
        # A group of no case speaks for the study, or for the cases among its speakers, at its wave: with none, at none.
        notes.append(f"{len(groups)} focus group(s) at no wave, their talk counted at no wave (give each entry a 'wave:'): {_first_named(groups)}")
    if plan.manifest is not None:
        from ._manifest import _warn_without_wave

        # After reading: a file of several interviews has its waves now, and one read whole is said above.
        _warn_without_wave([spec for spec in read_specs if spec.doc_id not in kept_ids], plan.manifest)
    if outside:
        warn(
            f"{where}: {len(outside)} document(s) are dated by their header outside their wave's dates: {_first_named(outside)}. "
            "Is the file's wave right? The header's date is kept as the document's",
            InferenceWarning,
        )
    if sent_outside:
        warn(
            f"{where}: {len(sent_outside)} document(s) hold messages sent outside their wave's dates: {_first_named(sent_outside)}. "
            "Is the file's wave right, or the wave's dates? The messages keep their own dates",
            InferenceWarning,
        )
    _warn_uncoded(study, where)
    _warn_case_asking(study, plan, read_specs, where)
    whole_names: set[str] = set()  # code names a tool whose tags are flat wrote (Taguette): kept whole
    framework: dict[str, str] = {}  # a framework chart's sub-themes, in its order, each with its description
    charted: dict[str, set[str]] = {}  # the documents of the case × waves the charts have a row for, each with those cases
    personal: list[dict[str, Any]] = []  # the charts' cells naming a characteristic of the person: attributes, or memos
    described: dict[str, str] = {}  # a code tree's codes (Dedoose's), in its order, each with its description
    on_codes: list[tuple[str, list[str]]] = []  # memos a tool linked to codes only (Dedoose's): (memo id, code names)
    for path, _ in plan.codings:
        whole_names |= _read_codings(
            study,
            path,
            plan.coding_coders.get(path),
            leave_out_unplaced=path in plan.codings_left_out_unplaced,
            parts_of=parts_of,
            written=plan.coding_paths.get(path),
            framework=framework,
            charted=charted,
            dayfirst=plan.dayfirst,
            personal=personal,
            described=described,
            on_codes=on_codes,
        )
    _chart_attributes(study, personal)
    for path, line, column in plan.attribute_tables:
        _table_attributes(study, path, column, plan.manifest or plan.root, line)
    if plan.marked:
        from ._annotations import read_marks

        read_marks(study, marked, plan.manifest or plan.root)
    if row_coded:
        # A table's own codes are the archive's, all of them its codebook "tags", though a tag be a bundled
        # codebook's id ("reciprocity"): not shared out among codebooks by name.
        tags, ids = _row_codings(study, row_coded)
        _codebook_of_codings(study, [plan.root / "tags"], whole_names=tags, only=study.codings["coding_id"].isin(ids))
    if plan.codings or plan.marked:
        # A codings file names the codebook its stem; the documents' own comments, "comments".
        named = [path for path, _ in plan.codings] + ([plan.root / "comments"] if plan.marked else [])
        _codebook_of_codings(study, named, whole_names=whole_names, framework=framework, charted=charted, described=described)
    if on_codes:
        _code_memos(study, on_codes)
    if plan.project is not None:
        _codings_of_project(study, plan.project, where)
    return study


def _codings_of_project(study: Any, kept: Any, where: Any) -> None:
    """Put the codings of a deposit's ``project.qdpx`` (``kept``, as read) on the study its data lists read, with the
    codebooks they are of: each at its offsets in the same document (the deposit's transcript is the project's text),
    in the segment it overlaps most (:func:`qlr._rows.segment_for_spans`, as the REFI-QDA reader places them; the lists'
    reading may cut the text otherwise). A document whose text is no longer the project's (edited since) keeps none of
    them: its codings are left out, with a warning that names it. The project's memos become the study's, as ``qlr
    import`` reads them (:func:`_memos_of_project`)."""
    codings, memos = kept.codings, kept.memos
    if codings.empty and memos.empty:
        return
    texts = dict(zip(study.documents["doc_id"].astype(str), study.documents["text"].fillna("")))
    theirs = dict(zip(kept.documents["doc_id"].astype(str), kept.documents["text"].fillna("")))
    doc_ids = codings["doc_id"].astype(str)
    same = doc_ids.map(lambda doc: doc in texts and texts[doc] == theirs.get(doc)).astype(bool)
    placed = codings[same.to_numpy()].reset_index(drop=True)
    placed["seg_id"] = segment_for_spans(study.segments, placed["doc_id"], placed["start"], placed["end"]).to_numpy(dtype=object, na_value=None)
    append_rows(study, "codings", placed)
    for name in placed["codebook"].dropna().astype(str).unique() if "codebook" in placed.columns else ():
        if name in kept.codebooks:
            study.codebooks.setdefault(name, kept.codebooks[name])
    notes = study.meta.setdefault("inferred", [])
    if len(placed):
        notes.append(f"{len(placed)} coding(s) of project.qdpx put on the documents the data lists read, each at its place in the text")
    left = sorted(set(doc_ids[~same.to_numpy()]))
    if left:
        warn(
            f"{where}: {int((~same).sum())} coding(s) of project.qdpx were not loaded: their document is not in the study, or its text is not the "
            f"project's (edited since the deposit): {_first_named(left)}. Fix: read them from the project (qlr.io.read_qdpx), or restore the "
            "deposited transcripts",
            RowsRefusedWarning,
        )
    if not memos.empty:
        _memos_of_project(study, kept, same={doc for doc, text in theirs.items() if texts.get(doc) == text}, where=where)


def _memos_of_project(study: Any, kept: Any, *, same: set[str], where: Any) -> None:
    """Put the memos of a deposit's ``project.qdpx`` (``kept``, as read) on the study its data lists read, each on what
    it was written about: a case, wave, document, code or the study as it is; a memo on a passage on the segment of the
    same document whose span it overlaps most (the lists' reading may cut the text otherwise); a memo on a coding on
    that coding, which :func:`_codings_of_project` put on the study. A memo whose target the study does not have (a
    document not listed, or edited since the deposit, so its passages and codings were left out) is left out, with a
    warning that names it; the load notes count those loaded. ``same`` holds the documents whose text is the project's."""
    memos = kept.memos.copy()
    kinds = memos["target_type"].astype(str)
    targets = memos["target_id"].astype(str)
    on_segment = kinds.eq("segment").to_numpy()
    if on_segment.any():
        spans = kept.segments.set_index(kept.segments["seg_id"].astype(str))
        wanted = targets[on_segment]
        known = wanted.isin(spans.index).to_numpy() & wanted.map(lambda seg: seg in spans.index and str(spans.at[seg, "doc_id"]) in same).to_numpy(dtype=bool)
        found = pd.Series([None] * len(wanted), index=wanted.index, dtype=object)
        if known.any():
            rows = spans.loc[wanted[known]]
            found[known] = segment_for_spans(study.segments, rows["doc_id"].astype(str), rows["start"], rows["end"]).to_numpy(dtype=object, na_value=None)
        targets = targets.copy()
        targets[on_segment] = found.to_numpy(dtype=object)
    have = {
        "case": set(study.cases["case_id"].astype(str)),
        "wave": set(study.waves["wave_id"].astype(str)),
        "document": set(study.documents["doc_id"].astype(str)),
        "segment": set(study.segments["seg_id"].astype(str)),
        "coding": set(study.codings["coding_id"].astype(str)),
    }
    books = list(study.codebooks.values())
    ok = [
        kind == "study" or (target is not None and (any(str(target) in book for book in books) if kind == "code" else str(target) in have.get(kind, ())))
        for kind, target in zip(kinds, targets)
    ]
    ok_mask = pd.Series(ok, index=memos.index, dtype=bool).to_numpy()
    memos["target_id"] = targets.to_numpy(dtype=object)
    loaded = append_rows(study, "memos", memos[ok_mask].reset_index(drop=True), skip_existing=True)
    if len(loaded):
        study.meta.setdefault("inferred", []).append(f"{len(loaded)} memo(s) of project.qdpx put on what they are about, as `qlr import` reads them")
    left = memos[~ok_mask]
    if len(left):
        named = [f"{memo_id} (on {kind} {target})" for memo_id, kind, target in zip(left["memo_id"], left["target_type"], kept.memos.loc[left.index, "target_id"])]
        warn(
            f"{where}: {len(left)} memo(s) of project.qdpx were not loaded: what they are about is not in the study, or its document's text is "
            f"not the project's (edited since the deposit): {_first_named(named)}. Fix: read them from the project (qlr.io.read_qdpx), or "
            "restore the deposited transcripts",
            RowsRefusedWarning,
        )


class _Cut(NamedTuple):
    """What :func:`_wave_parts` made of one file: its documents, and what loading says of it."""

    parts: list[tuple[_DocSpec, SourceText]]
    #: The interviews read, each with its wave and heading (for the warning and the load note), if the file was cut.
    read: str | None = None
    #: Why a file that seems to hold several interviews is read as one, and how to change that.
    kept: str | None = None
    #: Each part's document id and where its text starts in the file's (for earlier coding that names the file).
    offsets: list[tuple[str, int]] | None = None
    #: Waves the study gets for the file's interviews (a file loaded alone).
    waves: tuple[dict[str, Any], ...] = ()
    #: The parts are a diary's or notes' entries by wave (:func:`_entry_parts`), not interviews under headings.
    by_dates: bool = False
    #: The study's own notes read by dates: the file and its entries dated in no wave's dates, each with the wave it goes to.
    outside: str | None = None


def _wave_parts(doc: _DocSpec, source: SourceText, plan: _Plan) -> _Cut:
    """A document and its source, or, for a case's file holding several interviews under headings, each interview's.

    A section is read where nothing stated the file's wave (a manifest entry without ``wave:``
    and ``date:``, or with ``wave: headings``; a file loaded alone whose name gives none): at the
    wave whose dates hold its heading's date, where the study's waves are dated and every heading
    is, else at the wave its heading numbers (the study's waves in order). A file loaded alone gets
    the waves it needs. A file whose wave is stated, or that cannot be cut so, is read whole, and
    :attr:`_Cut.kept` says why and how to change it.
    """
    from ._qdpx_read import _listed

    whole = _Cut([(doc, source)])
    if strategy_for(doc.kind, doc.segment) == "entries":
        return _entry_parts(doc, source, plan)
    if doc.kind not in _SECTIONED_KINDS or doc.source is not None or doc.case is None or not can_hold_sections(source):
        return whole
    named = doc.path.name
    sections, doubt = find_sections(source.text)
    free = doc.wave is None or doc.wave_guessed or doc.by_headings
    if sections is None:
        if doubt is None or not free:
            return whole
        return whole._replace(kept=f"{named}: {doubt} (number each interview's heading in order: Interview 1, Interview 2, …)")
    headings = _listed([f"{section.heading!r} (line {section.line})" for section in sections], 3)
    if source.marks:
        return whole._replace(kept=f"{named} ({headings}): its own comments are read as coding, which keeps it whole (save each interview as a file of its own)")
    if doc.date is not None and not doc.by_headings:
        return whole._replace(kept=f"{named} ({headings}): its entry gives it one date, {doc.date} (leave 'date:' out: each interview is dated by its heading)")
    if not free:
        said = "its entry or name" if plan.manifest is not None else "its name"  # a manifest's entry may leave the wave to the name
        return whole._replace(kept=f"{named} ({headings}): {said} gives wave {doc.wave} (write 'wave: headings' in its study.yaml entry)")
    ordered = sorted(plan.waves, key=lambda wave: wave["order"])
    # Each heading's date, read as the part's header will be read (one decision: the wave it goes to, the date it gets).
    days = [dated[0] if (dated := header_date(section.heading, dayfirst=plan.dayfirst)) else None for section in sections]
    by_date = _waves_of_days(days, ordered)
    added: list[dict[str, Any]] = []
    if by_date is None and sections[-1].position > len(ordered):
        if plan.manifest is not None:
            return whole._replace(
                kept=f"{named} ({headings}): its last heading numbers wave {sections[-1].position}, the study declares {len(ordered)} "
                "(declare a wave for each interview under 'waves:')"
            )
        taken = {wave["wave_id"] for wave in ordered}
        for position in range(len(ordered) + 1, sections[-1].position + 1):
            wave_id = new_wave_id(position, taken)
            taken.add(wave_id)
            added.append({"wave_id": wave_id, "order": position, "label": wave_id, "start": None, "end": None})
        ordered += added
    ids = {other.doc_id for other in plan.docs}
    parts = []
    for index, section in enumerate(sections):
        wave = by_date[index] if by_date is not None else ordered[section.position - 1]["wave_id"]
        doc_id = f"{doc.doc_id}_{wave}"
        while doc_id in ids:
            doc_id += "_"
        ids.add(doc_id)
        part = replace(doc, doc_id=doc_id, wave=wave, wave_guessed=False, by_headings=False)
        parts.append((part, section_source(source, section, first=index == 0, heading_date=days[index] is not None)))
    how = "the wave whose dates hold its heading's" if by_date is not None else "the wave its heading numbers"
    read = f"{named}, each at {how}: " + ", ".join(
        f"{part.doc_id} at {part.wave} ({section.heading!r}, line {section.line})" for (part, _), section in zip(parts, sections)
    )
    return _Cut(parts, read=read, offsets=[(part.doc_id, section.start) for (part, _), section in zip(parts, sections)], waves=tuple(added))


def _entry_parts(doc: _DocSpec, source: SourceText, plan: _Plan) -> _Cut:
    """A case's diary or notes, or, where their dated entries run over several of the study's dated waves, each wave's.

    Read so where nothing stated the file's wave (an entry without ``wave:``, or with ``wave: dates``): each entry
    is read at the wave in progress on its date (:func:`._sections.wave_in_progress`), one document per wave. Entries
    all in one wave give the file that wave. A file whose wave is stated is read whole. The study's own notes (no case)
    are read so only where their entry says ``wave: dates``, and :attr:`_Cut.outside` names their entries that no
    wave's dates hold (a visit between two waves' fieldwork is the earlier wave's only by the rule).
    """
    whole = _Cut([(doc, source)])
    study_level = doc.case is None
    if doc.source is not None or (study_level and not doc.by_dates) or not (doc.wave is None or doc.by_dates) or source.turns is not None:
        return whole
    named = doc.path.name
    ordered = sorted(plan.waves, key=lambda wave: wave["order"])
    starts = [(wave["wave_id"], span[0]) for wave in ordered if (span := _dated_span(wave)) is not None]
    if len(starts) < len(ordered):
        # An undated wave between dated ones would be passed over: its entries would go to the wave before it.
        if doc.by_dates:
            undated = [wave["wave_id"] for wave in ordered if _dated_span(wave) is None]
            return whole._replace(kept=f"{named}: waves {', '.join(undated)} have no dates (give each wave 'start:' and 'end:')", by_dates=True)
        return whole
    sections = entry_waves(source.text, starts, dayfirst=plan.dayfirst)
    if sections is None:
        if doc.by_dates:
            return whole._replace(kept=f"{named}: no dated entries in date order (date each entry on a line of its own)", by_dates=True)
        return whole
    ids = {other.doc_id for other in plan.docs}
    parts = []
    for index, section in enumerate(sections):
        wave = starts[section.position - 1][0]
        doc_id = doc.doc_id if len(sections) == 1 else f"{doc.doc_id}_{wave}"
        while len(sections) > 1 and doc_id in ids:
            doc_id += "_"
        ids.add(doc_id)
        # Each part is dated by its first entry, as a diary read whole is by its first.
        part = replace(doc, doc_id=doc_id, wave=wave, wave_guessed=False, by_dates=False, date=date.fromisoformat(section.heading))
        parts.append((part, section_source(source, section, first=index == 0, heading_date=False)))
    read = f"{named}, its dated entries each at the wave in progress on its date: " + ", ".join(
        f"{part.doc_id} at {part.wave} (from {section.heading}, line {section.line})" for (part, _), section in zip(parts, sections)
    )
    outside = None
    if study_level:
        spans = [(wave["wave_id"], *span) for wave in ordered if (span := _dated_span(wave)) is not None]
        stray = entries_in_no_wave(source.text, spans, dayfirst=plan.dayfirst)
        if stray:
            outside = f"{named} ({', '.join(f'{day.isoformat()} read at {wave}' for day, wave in stray)})"
    offsets = [(part.doc_id, section.start) for (part, _), section in zip(parts, sections)]
    return _Cut(parts, read=read, offsets=offsets, by_dates=True, outside=outside)


def _place_study_material(
    plan: _Plan, documents: list[dict[str, Any]], specs: list[_DocSpec], notes: list[str], dated_kept: list[str], stray: list[str]
) -> None:
    """The study's records (no case: minutes, a newsletter) whose entry says ``wave: dates``, each put at the wave its
    date falls in; those whose entry gives no wave, dated by the file inside a wave's dates, named in a note.

    Where every wave of the study is dated, a record dated inside a wave's dates is that wave's, and between waves the
    wave in progress (:func:`._sections.wave_of_day`, as a study's notes' dated entries are), named in ``stray``; one
    with no date, or before the first wave, is named in ``dated_kept``. A record whose entry gives no wave stays at
    none (the manifest's word; an entry's own ``date:`` and no wave is a choice), but where its date is the file's own
    (a header's) and a wave's dates hold it, a note says so. ``documents`` (the rows) and ``specs`` (what each was read
    as) go together; the rows change in place.
    """
    spans = [(wave["wave_id"], *span) for wave in sorted(plan.waves, key=lambda wave: wave["order"]) if (span := _dated_span(wave)) is not None]
    placed: list[str] = []
    unplaced: list[str] = []
    for row, spec in zip(documents, specs):
        if row["case_id"] is not None or row["wave_id"] is not None or strategy_for(spec.kind, spec.segment) == "entries":
            continue  # a case's document, or one at a wave already, or notes whose entries _entry_parts placed
        day = _day(row["date"])
        if day is None or len(spans) < len(plan.waves) or not spans:
            if spec.by_dates:
                why = "it has no date" if day is None else "the waves are not all dated (give each wave 'start:' and 'end:')"
                dated_kept.append(f"{spec.path.name}: {why}")
            continue
        wave, held = wave_of_day(day, spans)
        if not spec.by_dates:
            if held and spec.date is None:
                unplaced.append(f"{row['doc_id']} ({day.isoformat()}: {wave})")
            continue
        if wave is None:
            dated_kept.append(f"{spec.path.name}: dated {day.isoformat()}, before the first wave")
            continue
        row["wave_id"] = wave
        placed.append(f"{row['doc_id']} ({day.isoformat()}: {wave})")
        if not held:
            stray.append(f"{spec.path.name} ({day.isoformat()} read at {wave})")
    if placed:
        notes.append(f"{len(placed)} of the study's record(s) saying 'wave: dates', each at the wave its date falls in: {', '.join(placed)}")
    if unplaced:
        notes.append(
            f"{len(unplaced)} of the study's record(s) at no wave (their entries give none), though a wave's dates hold the "
            f"date the file states: {', '.join(unplaced)}; 'wave: dates' in their entry reads each at that wave"
        )


def _interviews_at_one_wave(documents: list[dict[str, Any]]) -> str | None:
    """The load note for cases with more than one interview at one wave, each counted there; None where none has.

    Two sessions of one interview are that; a person's interviews six months apart put in one wave (a manifest that
    gives both one wave) make a change over time look like none, which only the note shows.

    Examples
    --------
    >>> rows = [{"doc_id": d, "case_id": c, "wave_id": "W1", "kind": "interview"} for d, c in [("a1", "Ana"), ("a2", "Ana"), ("b1", "Bea")]]
    >>> print(_interviews_at_one_wave(rows))
    1 case(s) with more than one interview at one wave, each counted there: Ana at W1 (a1, a2); if one is another wave's, give its entry that wave
    """
    held: dict[tuple[str, str], list[str]] = {}
    for row in documents:
        if row["kind"] == "interview" and row["case_id"] is not None and row["wave_id"] is not None:
            held.setdefault((str(row["case_id"]), str(row["wave_id"])), []).append(str(row["doc_id"]))
    doubled = [f"{case} at {wave} ({', '.join(ids)})" for (case, wave), ids in natsorted(held.items()) if len(ids) > 1]
    if not doubled:
        return None
    return (
        f"{len(doubled)} case(s) with more than one interview at one wave, each counted there: {_first_named(doubled)}; "
        "if one is another wave's, give its entry that wave"
    )


def _wave_order_by_dates(plan: _Plan, documents: list[dict[str, Any]], notes: list[str]) -> bool:
    """Order again, by their documents' dates, the waves nothing declared, once every document is dated (a header's
    date is known only now); the load note says how. Whether the order changed.

    Where those dates and the waves' names order them differently, the dates win and a warning says so.
    """
    if plan.wave_order is None:
        return False
    dates: dict[str, list[date]] = {}
    for row in documents:
        day = _day(row["date"])
        if row["wave_id"] is not None and day is not None:
            dates.setdefault(str(row["wave_id"]), []).append(day)
    before = [wave["wave_id"] for wave in sorted(plan.waves, key=lambda wave: wave["order"])]
    decided = order_waves(natsorted(before), dates=dates)
    if decided.by == "names" and decided.doubt is not None:
        # Months round the year, some of them dated otherwise ("june" dated a year before "march"): said, not overruled.
        warn(
            f"{plan.manifest or plan.root}: the waves are ordered {decided.how}, {', '.join(decided.waves)}, but {decided.doubt}. "
            "Fix: check the dates; to set the order, list the waves in study.yaml under 'waves:' (`qlr info --template` starts one)",
            InferenceWarning,
        )
    if decided.by != "dates":
        return False
    said = f"{plan.wave_note}, {plan.wave_order.how}: {', '.join(plan.wave_order.waves)}"
    notes[:] = [f"{plan.wave_note}, {decided.how}: {', '.join(decided.waves)}" if line == said else line for line in notes]
    if decided.doubt is not None:
        where = plan.manifest or plan.root
        warn(
            f"{where}: the waves are ordered by their documents' dates, {', '.join(decided.waves)}, but {decided.doubt}. "
            "Fix: check the dates; to set the order, list the waves in study.yaml under 'waves:' (`qlr info --template` starts one)",
            InferenceWarning,
        )
    if decided.waves == before:
        return False
    place = {wave: order for order, wave in enumerate(decided.waves, 1)}
    for wave in plan.waves:
        wave["order"] = place[wave["wave_id"]]
    return True


def _waves_of_days(days: list[date | None], waves: list[dict[str, Any]]) -> list[str] | None:
    """The wave whose dates hold each day, where every day is in one (in order, no wave twice), else None."""
    spans = [(wave["wave_id"], *span) for wave in waves if (span := _dated_span(wave)) is not None]
    if not spans or any(day is None for day in days):
        return None
    found = []
    for day in days:
        holding = [(index, wave) for index, (wave, start, end) in enumerate(spans) if start <= day <= end]
        if len(holding) != 1:
            return None
        found.append(holding[0])
    if any(later[0] <= earlier[0] for earlier, later in zip(found, found[1:])):
        return None
    return [wave for _, wave in found]


#: What a reader changed rather than left out, and how the load notes say it after the count.
_CHANGED = {
    "hyphenations joined": "words hyphenated across lines joined",
    "wrapped lines joined": "lines the page wrapped joined",
    "HTML character references decoded": "HTML character references decoded (&#39; as ')",
    "ligatures written as letters": "ligatures written as letters (ﬁ as fi)",
    UNPAIRED_LABELS: (
        "table(s) of speaker labels stacked beside turns whose numbers differ, read cell by cell: which label goes with "
        "which paragraph is the page's layout, not the file's; give each turn its own row, or one paragraph per label"
    ),
    BOLD_QUESTIONS: "paragraphs set wholly in bold read as the interviewer's turns and the plain ones after them as the answers (the file labels no speaker)",
    MARKDOWN_QUESTIONS: (
        "questions set as Markdown headings or bold lines read as the interviewer's turns and the plain lines under "
        "them as the answers (the file labels no speaker)"
    ),
    MARKDOWN_QUESTIONS_ANSWERED: (
        "questions set as Markdown headings or bold lines read as the interviewer's turns, the answers under them "
        "opening with their own label ('Resposta:', 'Answer:') as the participant's"
    ),
    MARKDOWN_CLOSING: "line(s) under the write-up's own closing headings after the last question ('## Conclusion', a version table) read as nobody's words, not the last answer",
}


def _cleaning_note(removed: dict[str, int]) -> str:
    """What a reader's cleaning did, for the load notes: "left out of the text: 5 line numbers; 2 words … joined"."""
    left_out = [f"{count} {kind}" for kind, count in removed.items() if kind not in _CHANGED]
    said = ["left out of the text: " + ", ".join(left_out)] if left_out else []
    said += [f"{removed[kind]} {words}" for kind, words in _CHANGED.items() if removed.get(kind)]
    return "; ".join(said)


def _day(value: Any) -> Any:
    """A wave's start or end as a date (a manifest gives dates, a table may give timestamps), or ``None``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value.date() if isinstance(value, datetime) else value


def _dated_span(wave: dict[str, Any]) -> tuple[date, date] | None:
    """A wave's first and last day, where the study gives both."""
    start, end = _day(wave.get("start")), _day(wave.get("end"))
    return (start, end) if start and end else None


def header_days(found: list[tuple[date, str]], dayfirst: bool, *, known: Sequence[date] = (), today: date | None = None) -> tuple[list[date], list[tuple[int, date]]]:
    """The dates headers state (each as :func:`._segment.header_date` read it, with its line), all read one way round;
    and the headers whose date is written with dots and a two-digit year that nothing could tell the order of (their
    places in ``found``, each with its year-first reading).

    "05/06/2019" is 5 June or 6 May as the study writes its dates: where the headers that can tell ("05/14/2019") all
    say month first, every header is read so (and day first likewise, whatever ``dayfirst`` says).

    >>> header_days([(date(2019, 6, 5), "Date: 05/06/2019"), (date(2019, 5, 14), "Date: 05/14/2019")], True)[0]
    [datetime.date(2019, 5, 6), datetime.date(2019, 5, 14)]

    "24.10.03" is 24 October 2003 day first and 3 October 2024 year first, as a French thesis names its recordings
    (:func:`_year_first`): read year first where the study's other dates say so, day first where they say that,
    and said otherwise.

    >>> header_days([(date(2028, 11, 24), "Entretien 24.11.28")], True, today=date(2026, 12, 6))
    ([datetime.date(2024, 11, 28)], [])
    >>> header_days([(date(2003, 10, 12), "Entretien 12.10.03")], True, today=date(2026, 12, 6))
    ([datetime.date(2003, 10, 12)], [(0, datetime.date(2012, 10, 3))])
    """
    days, two_digit = two_digit_headers(found, dayfirst)
    if not two_digit:
        return days, []
    written = {at for at, *_ in two_digit}
    whole = [*known, *(day for at, day in enumerate(days) if at not in written)]
    year_first = _year_first([(day, reading) for _, day, reading in two_digit], whole, today or date.today())
    if year_first:
        other = {at: reading for at, _, reading in two_digit if reading is not None}
        return [other.get(at, day) for at, day in enumerate(days)], []
    if year_first is None:
        return days, [(at, reading) for at, _, reading in two_digit if reading is not None]
    return days, []


def two_digit_headers(found: list[tuple[date, str]], dayfirst: bool) -> tuple[list[date], list[tuple[int, date, date | None]]]:
    """The dates headers state, read one way round as :func:`header_days` reads them before it weighs "24.10.03"; and
    the headers whose date is written with dots and a two-digit year (their places in ``found``, each read day first
    and year first, None where there is no such day). What a study's dates are decided from, whether the study is
    loaded or its files are read one by one for its template (``meta["two_digit_dates"]``).

    >>> two_digit_headers([(date(2003, 10, 24), "Entretien 24.10.03"), (date(2024, 12, 3), "Entretien du 3 décembre 2024")], True)[1]
    [(0, datetime.date(2003, 10, 24), datetime.date(2024, 10, 3))]
    """
    order = _headers_order([line for _, line in found], dayfirst)
    days = [(find_date(line, dayfirst=order) or day) if order != dayfirst else day for day, line in found]
    readings = [_year_first_reading(day, line) for day, (_, line) in zip(days, found)]
    return days, [(at, days[at], reading) for at, (written, reading) in enumerate(readings) if written]


#: A date written with dots and a two-digit year, "24.10.03": 24 October 2003 day first, 3 October 2024 year first.
_TWO_DIGIT_DOTTED = re.compile(r"(?<![\d.])(\d{2})\.(\d{2})\.(\d{2})(?![\d.]*\d)")


def _year_first_reading(day: date, line: str) -> tuple[bool, date | None]:
    """Whether a header's date ``day`` is written with dots and a two-digit year in ``line``, and its reading year
    first (None where there is no such day: "24.02.30").

    >>> _year_first_reading(date(2003, 10, 24), "Entretien 01 24.10.03 01"), _year_first_reading(date(2024, 10, 3), "Date: 03/10/2024")
    ((True, datetime.date(2024, 10, 3)), (False, None))
    """
    for found in _TWO_DIGIT_DOTTED.finditer(line):
        a, b, c = (int(part) for part in found.groups())
        if day.year % 100 != c or {day.day, day.month} != {a, b}:
            continue
        try:
            return True, date(2000 + a if a < 70 else 1900 + a, b, c)
        except ValueError:
            return True, None
    return False, None


def _year_first(found: list[tuple[date, date | None]], known: Sequence[date], today: date) -> bool | None:
    """Whether dates written with dots and two-digit years (``found``: each read day first, and year first) are
    written year first, as the evidence says: day first where one of them has no year-first reading ("24.02.30");
    else the one reading that puts none of them after ``today`` (an interview is not held in 2028); else, of two dates
    or more, the one reading that keeps them within two years where the other spreads them over more than five (a
    study's fieldwork, read the same on any day it is loaded); else the one that keeps them all within a year of the
    study's dates written in full (``known``: other headers', file names', the manifest's); None where nothing tells.

    >>> _year_first([(date(2028, 11, 24), date(2024, 11, 28))], [], date(2026, 12, 6))
    True
    >>> _year_first([(date(2003, 10, 12), date(2012, 10, 3))], [date(2012, 11, 5)], date(2026, 12, 6))
    True
    >>> _year_first([(date(2003, 10, 12), date(2012, 10, 3))], [], date(2026, 12, 6)) is None
    True
    >>> thesis = [(date(2003, 10, 24), date(2024, 10, 3)), (date(2028, 11, 24), date(2024, 11, 28)), (date(2011, 6, 25), date(2025, 6, 11))]
    >>> _year_first(thesis, [], date(2026, 12, 6)), _year_first(thesis, [], date(2029, 1, 15))
    (True, True)
    """
    if any(reading is None for _, reading in found):
        return False
    day_first = [day for day, _ in found]
    year_first = [reading for _, reading in found if reading is not None]
    for first, second in ((year_first, day_first), (day_first, year_first)):
        if all(day <= today for day in first) and not all(day <= today for day in second):
            return first is year_first
    if len(found) > 1:
        spans = [(max(days) - min(days)).days for days in (year_first, day_first)]
        for (first, span), (_, other) in (((year_first, spans[0]), (day_first, spans[1])), ((day_first, spans[1]), (year_first, spans[0]))):
            if span <= 2 * 366 and other > 5 * 366:
                return first is year_first
    if known:
        low, high = min(day.year for day in known) - 1, max(day.year for day in known) + 1
        for first, second in ((year_first, day_first), (day_first, year_first)):
            if all(low <= day.year <= high for day in first) and not all(low <= day.year <= high for day in second):
                return first is year_first
    return None


def header_note(dated: list[tuple[str, date, str]]) -> str:
    """The load note for documents dated by their headers ((document, date, header line) each): one for them all, as a
    study of 60 interviews dated so is one decision, not 60."""
    first_id, _, first_line = dated[0]
    return f"{len(dated)} document(s) dated by the date their header states (e.g. {first_id}: {first_line!r}): " + ", ".join(
        f"{doc_id} ({day.isoformat()})" for doc_id, day, _ in dated
    )


def _headers_order(lines: list[str], dayfirst: bool) -> bool:
    """Whether the headers' numeric dates are written day first: as those that can tell all say, else ``dayfirst``.

    >>> _headers_order(["Date: 05/06/2019", "Date: 05/14/2019"], True), _headers_order(["Date: 05/06/2019"], True)
    (False, True)
    """
    said = {told for told in map(header_order, lines) if told is not None}
    return said.pop() if len(said) == 1 else dayfirst


def header_order(line: str) -> bool | None:
    """Whether a header line that dated its document writes its date day first (True), month first (False), or
    cannot tell alone (None): "Interview with Stu Feldman, 9-20-89" month first, "9-6-89" either way.

    >>> header_order("Interview with Stu Feldman, 9-20-89"), header_order("Interview with Ken, 9-6-89")
    (False, None)
    """
    # A line that tells says the same whichever order is assumed; one that cannot gives back the assumption.
    first, second = written_order(line, True, header=True), written_order(line, False, header=True)
    return first if first == second else None


#: The fewest words a document must hold for its sameness with another to say they are copies of one interview
#: (short files alike say little: two people's "Calm." are not one interview). The template's rule uses it too
#: (:func:`._load._coders_copies`).
COPY_WORDS = 50
#: A shorter document is a copy of another with the same words where it holds this many words over this many lines
#: (a short interview of a few turns, copied: a new user's 32-word pair counted Ana's turns twice, unsaid).
SHORT_COPY_WORDS = 20
SHORT_COPY_LINES = 3


def copies_of(documents: Any) -> dict[str, str]:
    """Each document holding the same words as one before it (in order), :data:`COPY_WORDS` or more (or
    :data:`SHORT_COPY_WORDS` over :data:`SHORT_COPY_LINES` lines), with that first one: two coders' copies of one
    interview or diary, both listed. The one decision the load note (:func:`_same_words`) and the ladder's passages
    (:func:`qlr.track._ladder._first_saying`) read. ``documents``: rows with ``doc_id`` and ``text`` (dicts, or a
    study's ``documents`` table).

    Examples
    --------
    >>> talk = " ".join(["we met on tuesdays at the hall"] * 8)
    >>> copies_of([{"doc_id": "I3_KL", "text": talk}, {"doc_id": "I3_MV", "text": talk + "  "}, {"doc_id": "I4", "text": "Hi."}])
    {'I3_MV': 'I3_KL'}
    """
    rows = documents.to_dict("records") if hasattr(documents, "to_dict") else documents
    seen: dict[str, str] = {}
    copies: dict[str, str] = {}
    for row in rows:
        text = row.get("text")
        text = text if isinstance(text, str) else ""
        words = text.split()
        lines = sum(1 for line in text.splitlines() if line.strip())
        if len(words) < COPY_WORDS and (len(words) < SHORT_COPY_WORDS or lines < SHORT_COPY_LINES):
            continue  # two people's "Calm." agree without being one interview; a short exchange of turns word for word does not
        said = " ".join(words)
        if said in seen:
            copies[str(row["doc_id"])] = seen[said]
        else:
            seen[said] = str(row["doc_id"])
    return copies


def _same_words(documents: list[dict[str, Any]]) -> str | None:
    """The load note for documents holding the same words as one before them, :data:`COPY_WORDS` or more (or
    :data:`SHORT_COPY_WORDS` over :data:`SHORT_COPY_LINES` lines): two coders' copies of one interview, both listed,
    count its words twice (matrices, placements, quotes); None where none do.

    Examples
    --------
    >>> talk = " ".join(["we met on tuesdays at the hall"] * 8)
    >>> print(_same_words([{"doc_id": "I3_KL", "text": talk}, {"doc_id": "I3_MV", "text": talk + "  "}, {"doc_id": "I4", "text": "Hi."}]))
    1 document(s) hold the same words as another, and each counts, so those words count twice (two coders' copies of one interview, both listed): I3_MV (as I3_KL). Fix: list one of each under exclude:
    """
    twins = [f"{copy} (as {first})" for copy, first in copies_of(documents).items()]
    if not twins:
        return None
    return (
        f"{len(twins)} document(s) hold the same words as another, and each counts, so those words count twice (two coders' "
        f"copies of one interview, both listed): {_first_named(twins)}. Fix: list one of each under exclude:"
    )


def _first_named(items: list[str]) -> str:
    from ._qdpx_read import _listed  # the one way a warning lists "the first few, and N more"

    return _listed(items, NAMED_AT_MOST)


def _no_coding_report(path: Path, text: str) -> None:
    """Refuse, as a document, a QDA tool's report of coded passages: NVivo's coding report, Taguette's highlights.

    Loaded as a transcript, its "Document: P2.odt Tags: …" lines made a speaker "Document" holding every
    highlighted passage (a usability study's five exports: 51,537 to 53,130 words each). It is earlier
    coding, which a ``codings:`` entry reads; a folder leaves it out and says so, as any unread file.
    """
    tool = "NVivo's coding report" if is_nvivo_report(text) else "Taguette's highlights export" if is_taguette_report(text) else None
    if tool is not None:
        raise UnreadableFormatError(
            f"this is {tool}: passages already coded, not a transcript",
            path=path,
            hint=f"list it in study.yaml under 'codings:' ('- {{path: {path.name}, coder: …}}', as it names no coder), beside the transcripts it quotes",
        )


def _no_case_turns(study: Any) -> list[str]:
    """A load note for each case's document in which someone who is no case speaks (``speakers: {Carer: other}``):
    their turns count for no case (:func:`qlr.evidence.segment_cases`), so say whose evidence they are not."""
    from ..evidence import no_case_turns

    nobody = no_case_turns(study.segments)
    if not nobody.any():
        return []
    case_of = study.documents.drop_duplicates("doc_id").set_index("doc_id")["case_id"]
    turns = study.segments[nobody]
    notes = []
    for doc_id, rows in turns.groupby("doc_id", sort=False, observed=True):
        case = case_of.get(doc_id)
        if case is None or pd.isna(case):
            continue  # a conversation with no case: every unattributed turn is no case's already
        voices = ", ".join(f"{label} ({count} turn{'s' if count > 1 else ''})" for label, count in rows["speaker"].astype(str).value_counts(sort=False).items())
        notes.append(f"{doc_id}: turns of someone who is no case ({voices}; role other) count for no case, not as {case}'s words")
    return notes


#: Labels that name someone beside the person interviewed by how they stand to them ("Carer:", "Wife:",
#: "Interpreter:"): with the case's own voice in the same interview, not the case themself.
_BESIDE_WORDS = frozenset(
    """carer caregiver relative family partner wife husband spouse mum mother dad father daughter son sister brother
    friend neighbour interpreter translator""".split()
)


def _relatives_beside(study: Any) -> list[str]:
    """A load note for each case's interview where a label such as "Carer:" or "Wife:", read as a participant by
    default, speaks beside another participant's voice: its turns count as the case's words unless ``speakers:`` says
    otherwise (``{Carer: other}``: no case's; a case id: that case's); an interpreter's note says to keep its
    turns the case's (they are the answers in translation)."""
    segments = study.segments
    if not len(segments):
        return []
    label = segments["speaker"].astype("string").str.strip().str.lower().str.replace(r"\s*\d+$", "", regex=True)
    beside = label.isin(list(_BESIDE_WORDS)).fillna(False) & segments["speaker_role"].eq("participant").fillna(False)
    if not beside.any():
        return []
    declared = {str(key).lower() for key in (study.meta.get("speakers") or {})}
    own = {doc: {str(key).lower() for key in labels} for doc, labels in (study.meta.get("document_speakers") or {}).items()}
    case_of = study.documents.drop_duplicates("doc_id").set_index("doc_id")["case_id"]
    voices = segments[segments["speaker_role"].eq("participant").fillna(False).to_numpy(dtype=bool)]
    notes = []
    for doc_id, rows in segments[beside.to_numpy(dtype=bool)].groupby("doc_id", sort=False, observed=True):
        case = case_of.get(doc_id)
        said = declared | own.get(doc_id, set())
        named = [str(speaker) for speaker in dict.fromkeys(rows["speaker"].astype(str)) if speaker.lower() not in said]
        others = set(voices.loc[voices["doc_id"].eq(doc_id).to_numpy(dtype=bool), "speaker"].astype(str)) - set(rows["speaker"].astype(str))
        if case is None or pd.isna(case) or not named or not others:
            continue
        counts = rows["speaker"].astype(str).value_counts()
        heard = ", ".join(f"{speaker} ({counts[speaker]} turn{'s' if counts[speaker] > 1 else ''})" for speaker in named)
        beside_whom = ", ".join(sorted(others))
        if all(_relayed(speaker) for speaker in named):
            # An interpreter's turns are the only record of the case's answers: `other` would leave them out.
            notes.append(
                f"{doc_id}: {heard} speaks beside {beside_whom} and is read as a participant: counted as {case}'s words, as an "
                f"interpreter's turns are the participant's answers in translation; to say so in study.yaml, map the label to "
                f"the case or to participant (speakers: {{{named[0]}: participant}}), not to other, which would count "
                f"{case}'s answers for no one"
            )
            continue
        notes.append(
            f"{doc_id}: {heard} speaks beside {beside_whom} and is read as a participant: counted as {case}'s "
            f"words; if this is someone else, say so in study.yaml (speakers: {{{named[0]}: other}})"
        )
    return notes


def _relayed(speaker: str) -> bool:
    """Whether a label beside the case is one who relays the case's words (an interpreter, a translator)."""
    from ..evidence import relays

    return relays(speaker)


def _warn_unreadable(unreadable: list[tuple[_DocSpec, Any]], root: Path) -> None:
    """Say which documents were left out because their format (or its version) is one qlr does not read."""
    def name(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    shown = "; ".join(f"{name(doc.path)} ({exc.message})" for doc, exc in unreadable[:5]) + (f"; and {len(unreadable) - 5} more" if len(unreadable) > 5 else "")
    hints = {exc.hint for _, exc in unreadable}
    fix = hints.pop() if len(hints) == 1 else "read each file's reason, and save it in a format qlr reads"
    warn(
        f"{root}: {len(unreadable)} document(s) are in a format qlr does not read and were not loaded: {shown}. Fix: {fix}",
        FilesNotLoadedWarning,
    )


def _warn_unlabelled(doc_ids: list[str], where: object, texts: Mapping[str, str]) -> None:
    """Say which transcripts had no speaker label: their questions are coded with the answers.

    Where a transcript seems to give its speakers labels qlr did not read (:func:`candidate_labels`), the fix
    names them as a ``speakers:`` line to declare.
    """
    from ..errors import NoInterviewerWarning
    from ._qdpx_read import _listed
    from ._segment import candidate_labels, speakers_line

    shown = _listed(doc_ids, NAMED_AT_MOST)
    declare = ""
    for doc_id in doc_ids:
        if found := candidate_labels(texts.get(doc_id, "")):
            declare = f"declare the labels {doc_id} seems to use in study.yaml ({speakers_line(roles=found)}), or "
            break
    warn(
        f"{where}: {len(doc_ids)} transcript(s) have no speaker label qlr recognises, so their questions are not "
        f"told apart from the answers and are coded as the participant's words: {shown}. Fix: {declare}write the transcripts' house style as "
        "segmentation: {speaker_pattern: …} in study.yaml (docs/study-folder.md; subtitles need 'Name:' or "
        "'<v Name>' in their cues), or give a document that holds only the participant's words 'segment: paragraphs'",
        NoInterviewerWarning,
    )


def _unnamed_doubt(ids: list[str], why: str) -> str:
    """What to say of a thread whose senders are account ids, not names (a Slack day file away from its ``users.json``)."""
    return (
        f"{len(ids)} sender(s) are kept by their Slack user id, not a name ({_first_named(ids)}): {why}, so speakers: cannot "
        "name them by the names Slack shows. Keep the export's folders and list the day file where it is "
        "(export/CHANNEL/2024-01-02.json, users.json two folders up), or declare the ids themselves, "
        f"e.g. speakers: {{{ids[0]}: interviewer}} for the researcher's"
    )


def _labels_by_turns(doc: _DocSpec, source: SourceText, plan: _Plan) -> list[str]:
    """The speaker labels a document read by paragraph (its kind unknown) would have as a transcript: two or more,
    whose turns hold at least half its text, else none."""
    from dataclasses import replace

    found = _segmentation(replace(doc, segment="turns"), source, plan)
    spoken = [seg for seg in found.segments if seg.speaker]
    labels = list(dict.fromkeys(str(seg.speaker) for seg in spoken))
    share = sum(seg.end - seg.start for seg in spoken) / max(1, sum(seg.end - seg.start for seg in found.segments))
    return labels if len(labels) >= 2 and share >= 0.5 else []


def _unknown_kinds_note(kinds: dict[str, int]) -> str:
    """The one load note for documents of kinds qlr does not know (a study.yaml's or a file name's): read by paragraph,
    so neither their dated entries nor their speakers' turns are told apart, and the fix.

    Examples
    --------
    >>> print(_unknown_kinds_note({"journal": 2, "minutes": 1}))
    kinds qlr does not know, read by paragraph, their entries and speakers not told apart: journal (2 documents), minutes (1 document). Fix: in study.yaml give them a kind qlr knows ('kind: diary' or 'kind: fieldnotes' reads each dated entry apart; document, interview, focus_group, …) or 'segment: turns', 'entries' or 'paragraphs'
    """
    shown = ", ".join(f"{kind} ({number_of(count, 'document')})" for kind, count in sorted(kinds.items()))
    return (
        f"kinds qlr does not know, read by paragraph, their entries and speakers not told apart: {shown}. "
        "Fix: in study.yaml give them a kind qlr knows ('kind: diary' or 'kind: fieldnotes' reads each dated entry apart; "
        f"{', '.join(list(KIND_STRATEGY)[:3])}, …) or 'segment: turns', 'entries' or 'paragraphs'"
    )


def _warn_labelled_unknown(documents: list[str], where: object) -> None:
    """Say which documents of a kind qlr does not know hold speaker labels read as nobody's paragraphs."""
    from ..errors import NoInterviewerWarning

    warn(
        f"{where}: {len(documents)} document(s) of a kind qlr does not know are read by paragraph, but hold speaker labels, "
        f"so no turn is anyone's (an interviewer's questions count as evidence) and their entries' speakers: do nothing: "
        f"{_first_named(documents)}. Fix: give each entry a kind qlr knows ({', '.join(KIND_STRATEGY)}) "
        "or 'segment: turns'; 'segment: paragraphs' reads it by paragraph without this warning",
        NoInterviewerWarning,
    )


def _warn_no_messages(documents: list[str], where: object) -> None:
    """Say which documents of a message kind hold no message qlr recognises: every sender's words are one observer's."""
    from ..errors import NoInterviewerWarning

    warn(
        f"{where}: {len(documents)} document(s) of a message kind (sms, chat, slack, email, …) hold no "
        f"message qlr recognises, so each is read as one observer's paragraphs, every sender's words (the researcher's too) "
        f"and the export's own lines together: {_first_named(documents)}. Export the thread in a format qlr reads "
        "(docs/messages.md lists them), or give a document that is not a thread another kind or 'segment: paragraphs'",
        NoInterviewerWarning,
    )


#: An Excel date cell as text: its day at midnight.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")


def _codings_table(path: Path) -> pd.DataFrame:
    """A codings file's rows as strings: a CSV in any encoding qlr reads, or the first sheet of an Excel workbook."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        # QDA tools export coded segments to Excel by default; a workbook is a zip, so its sizes are checked first.
        workbook_size_checked(path, ManifestError, line=1)
        table = pd.read_excel(path, dtype=str, keep_default_na=False).fillna("")
        # A date cell is read as "2023-03-14 00:00:00": its day, as the tool showed it (QDA Miner's date variables, a coding's date).
        return table.replace(_MIDNIGHT, r"\1", regex=True)
    if path.suffix.lower() == ".xls":
        raise ManifestError("a codings file in the old Excel format (.xls) cannot be read", path=path, line=1, hint="save the sheet as .xlsx or as CSV (UTF-8)")
    # Decoded as every text qlr reads is (binary content is one clear error), then parsed.
    text, _ = decode_bytes(path.read_bytes(), path)
    return _csv_table(text, path)


def _csv_table(text: str, path: Path) -> pd.DataFrame:
    """A CSV's rows as strings; a header line cut by ';' or tabs rather than commas (ATLAS.ti's export where a comma is the decimal point) is cut there."""
    separator = table_delimiter(text, path.suffix)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=separator)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ManifestError(f"the codings file is not a readable CSV ({str(exc).strip()[:120]})", path=path, line=1, hint="save it as CSV with a header line such as: doc_id,quote,code_id,coder") from None


#: A codings file that is a table (any other is read as a tool's printed report: NVivo's coding report).
_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")


def _codings_rows(path: Path, *, dayfirst: bool = True) -> ToolRows:
    """A codings file as rows in qlr's columns: a table (qlr's own, or a QDA tool's export), NVivo's coding report or
    Taguette's highlights as a document; ``dayfirst``: the study's, for an export's numeric dates (:func:`table_rows`)."""
    from ._readers import READERS

    suffix = path.suffix.lower()
    if suffix not in _TABLE_SUFFIXES and suffix in READERS:
        # NVivo prints its coding report, and Taguette its highlights, as text, Word, HTML or PDF: read as qlr reads any such document.
        text = decode_bytes(path.read_bytes(), path)[0] if suffix == ".txt" else read_source(path).text
        if is_nvivo_report(text):
            return nvivo_rows(text, path)
        if is_taguette_report(text):
            return taguette_report_rows(text, path)
        if suffix != ".txt":
            raise ManifestError(
                "a codings file that is not a table must be NVivo's coding report (lines such as '<Files\\\\P01> - § 2 references coded [4.52% Coverage]' "
                "then 'Reference 1 - 1.50% Coverage') or Taguette's highlights ('Taguette highlights', then 'Document: P01 Tags: …' under each); this one is neither",
                path=path,
                line=1,
                hint="give a CSV or .xlsx table (doc_id,quote,code_id,coder, or a tool's own: MAXQDA's coded segments or ATLAS.ti's "
                "quotations exported to Excel, not printed), or NVivo's report of a node's coding exported as text or Word",
            )
        return table_rows(_csv_table(text, path), path, dayfirst=dayfirst)
    table = _codings_table(path)
    if "doc_id" not in table.columns and tool_export(set(table.columns)) is None and suffix in (".xlsx", ".xlsm", ".csv", ".tsv") and is_framework_chart(path):
        # A Framework analyst's charts: cases × sub-themes, each cell a summary with its quotes.
        return framework_rows(path)
    return table_rows(table, path, dayfirst=dayfirst)


#: At most this many rows are listed in one error about a codings file.
_ROWS_LISTED = 8


def _read_codings(
    study: Any,
    path: Path,
    coder: str | None = None,
    *,
    leave_out_unplaced: bool = False,
    parts_of: dict[str, list[tuple[str, int]]] | None = None,
    written: str | None = None,
    framework: dict[str, str] | None = None,
    charted: dict[str, set[str]] | None = None,
    dayfirst: bool = True,
    personal: list[dict[str, Any]] | None = None,
    described: dict[str, str] | None = None,
    on_codes: list[tuple[str, list[str]]] | None = None,
) -> set[str]:
    """Add earlier human codings from a table (doc_id, code_id, coder, and quote or start/end) or a QDA tool's report of them.

    A tool's layout (NVivo's coding report, ATLAS.ti's quotations, Dedoose's excerpts,
    QualCoder's coded text) becomes these rows first (:mod:`._coding_reports`); ``coder``
    (the manifest entry's) is the coder of rows that name none.  Every row is placed
    before anything is added, and every row that cannot be placed is named in one error
    (a file exported from a QDA tool may have many); what a report holds that is no
    words (a region of a PDF page) is named in a warning; a quote found more than once
    with no ``occurrence`` given is placed at its first occurrence, with a warning.
    ``leave_out_unplaced`` (the entry's ``unplaced: warn``): the rows that cannot be placed
    are left out and named in a warning instead, and the rest are added. A row naming a file
    read as several interviews (``parts_of``, :func:`_wave_parts`) is placed in the file's
    whole text, as the tool coded it, and then in the interview that holds it.

    A framework chart (:mod:`._framework`) is placed by case and wave: each quote in the case's document
    at that wave; one the transcript does not hold is left out and named (its cell is kept), every cell
    is kept whole as a memo (:func:`_chart_summaries`), and its sub-themes are added to ``framework``
    in the chart's order, for the codebook its codings make, and the documents of the case × waves it has a row for
    to ``charted``; the cells of its columns naming a characteristic of the person ("Age") are added to ``personal``,
    for :func:`_chart_attributes` to decide over every chart, and its interview dates date the case's interview where
    the study has none (:func:`_chart_dates`, read ``dayfirst``). A code tree exported apart (Dedoose's codes) adds its
    codes, with their descriptions, to ``described``, for the codebook the codings make.

    Returns the code names to keep whole: those of a tool whose tags hold no
    hierarchy (Taguette's "Barriers::Benefits" is one tag), else none.
    """
    from ._qdc import is_taguette

    read = _codings_rows(path, dayfirst=dayfirst)
    table = read.table
    chart = read.tool == FRAMEWORK
    if chart:
        # A chart's quotes are an analyst's, often paraphrased: one the transcript does not hold is named, its cell kept.
        leave_out_unplaced = True
        if framework is not None:
            for column in read.columns:
                framework.setdefault(column, read.definitions.get(column, ""))
    own_columns = [str(c) for c in table.columns if not str(c).startswith("_")]
    if coder is not None:
        table["coder"] = table["coder"].replace("", coder) if "coder" in table.columns else coder
    missing = {"doc_id", "code_id", "coder"} - set(table.columns)
    placeable = "quote" in table.columns or {"start", "end"} <= set(table.columns)
    if missing == {"coder"} and placeable:
        raise ManifestError(
            f"{read.tool + chr(39) + 's report' if read.tool else 'the codings file'} names no coder",
            path=path,
            line=1,
            hint=f"name who coded in the manifest:  codings: [{{path: {path.name}, coder: initials}}]",
        )
    if missing or not placeable:
        found = ", ".join(own_columns[:12]) or "(none)"
        # The coder the manifest entry names is no column of the file: said apart, so the list is the file's own.
        given = f" (its coder, {coder!r}, comes from the manifest entry)" if coder is not None and "coder" not in own_columns else ""
        raise ManifestError(
            f"a codings file needs the columns doc_id, code_id, coder and either quote or start and end; its columns are {found}{given}",
            path=path,
            line=1,
            hint="rename the columns of your tool's export (docs/study-folder.md, 'Earlier human coding'), e.g. doc_id,quote,code_id,coder",
        )
    unnamed = list(dict.fromkeys(label for label, who in zip(_labels(table), table["coder"]) if not str(who).strip()))
    if unnamed:
        what = f"{len(unnamed)} of its rows name" if len(unnamed) < len(set(_labels(table))) else f"{read.tool + chr(39) + 's export' if read.tool else 'the codings file'} names"
        raise ManifestError(
            f"{what} no coder: {', '.join(unnamed[:_ROWS_LISTED])}" + (f" and {len(unnamed) - _ROWS_LISTED} more" if len(unnamed) > _ROWS_LISTED else ""),
            path=path,
            line=_lines(table)[table["coder"].astype(str).str.strip().eq("").to_numpy().argmax()],
            hint=f"name who coded in the manifest:  codings: [{{path: {path.name}, coder: initials}}] (it fills the rows that name none)",
        )
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    records = table.to_dict("records")
    starts, ends, docs = [], [], []
    problems: list[tuple[int, str]] = []
    outside: dict[str, tuple[int, str, list[str]]] = {}  # document -> its length, the unit, the rows outside its text
    failed: set[int] = set()  # the rows of ``problems``, by position
    ambiguous: list[str] = []
    # A chart's rows, and QDA Miner's (a case and its document variable), name a case and a wave, not a document.
    turns = _chart_turns(study) if chart or read.by_case else None
    placing = _chart_documents(study, table, turns or {}, exported=read.by_case) if chart or read.by_case else None
    named: dict[str, str] = {}  # a by-case row's document as the export names it ("C01 Wave1") → the study's
    if chart and charted is not None:
        rows_of = pd.DataFrame(read.charted or [], columns=["case_id", "wave_id"])
        for found in _chart_documents(study, rows_of, turns or {}):
            if not isinstance(found, str):
                for doc in found[1]:
                    charted.setdefault(doc, set()).add(found[0])
    for number, (line, label, row) in enumerate(zip(_lines(table), _labels(table), records)):
        doc = _document_of(str(row["doc_id"]).strip(), texts)
        try:
            if placing is not None:
                doc, start, end, count = _placed_in_chart(row, placing[number], texts, path, line, turns=turns)
            elif doc not in texts and parts_of and (whole := _document_of(str(row["doc_id"]).strip(), parts_of)) in parts_of:
                doc, start, end, count = _placed_in_part(row, whole, parts_of[whole], texts, path, line, spaces_added=read.spaces_added)
            else:
                start, end, count = _placed(row, texts.get(doc), doc, path, line, spaces_added=read.spaces_added)
        except ManifestError as exc:
            docs.append(doc)
            if isinstance(exc, _OutsideText):
                # Said as every importer says codings outside their text (qlr.io._positions.outside_text), after the rest.
                outside.setdefault(exc.doc, (exc.length, UNITS["code points"], []))[2].append(outside_label(label, exc.start, exc.end))
            problems.append((line, "" if isinstance(exc, _OutsideText) else f"{label}: {exc.message.removeprefix(f'row {line}: ')}"))
            failed.add(len(starts))
            starts.append(0)
            ends.append(0)
            continue
        docs.append(doc)
        named.setdefault(str(row["doc_id"]).strip(), doc)
        if count > 1 and not str(row.get("occurrence") or "").strip():
            ambiguous.append(f"{label} ({count} times in {doc!r})")
        starts.append(start)
        ends.append(end)
    if read.skipped:
        warn(
            f"{path}: {read.lost} of the {read.tool} report's {read.lost + len(records)} codings cannot be read and are left out: "
            + "; ".join(read.skipped[:_ROWS_LISTED])
            + (f"; and {len(read.skipped) - _ROWS_LISTED} more" if len(read.skipped) > _ROWS_LISTED else ""),
            RowsRefusedWarning,
        )
    if problems:
        from ._manifest import codings_entry

        # A quotation with three codes is three rows and one reason: said once.
        said = list(dict.fromkeys(message for _, message in problems if message))
        listed = "; ".join(said[:_ROWS_LISTED])
        more = f"; and {len(said) - _ROWS_LISTED} more" if len(said) > _ROWS_LISTED else ""
        if outside:
            left = sum(len(ids) for _, _, ids in outside.values())
            fate = "are left out (unplaced: warn)" if leave_out_unplaced else "cannot be placed"
            # Refused whole, the error's hint says how to fix every row; left out, the warning says it for these.
            more += ("; " if said else "") + outside_text(outside, codings=left, tool="codings", fate=fate, fix=leave_out_unplaced)
        if not leave_out_unplaced:
            raise ManifestError(
                f"{len(problems)} of {len(records)} codings cannot be placed: {listed}{more}",
                path=path,
                line=problems[0][0],
                hint="copy each quote exactly as the stored text has it (qlr info lists what loading changed, e.g. a PDF's page headers), "
                "use the document ids of study.documents, and give start < end as character offsets within the document's text; "
                f"or, to load the rest and leave these out, write the entry  {codings_entry(written or path.name, unplaced='warn')}",
            )
        warn(
            f"{path}: {len(problems)} of the framework chart's {len(records)} quotes cannot be placed and are no codings (their cells are kept "
            f"whole as memos): {listed}{more}. Copy the words as the transcript has them, or name the case and wave as the study does"
            if chart
            else f"{path}: {len(problems)} of {len(records)} codings cannot be placed and are left out (unplaced: warn): {listed}{more}",
            RowsRefusedWarning,
        )
        keep = [index not in failed for index in range(len(records))]
        table = table[keep].reset_index(drop=True)
        starts, ends, docs = ([value for value, kept in zip(column, keep) if kept] for column in (starts, ends, docs))
    if ambiguous:
        from ..errors import InferenceWarning

        warn(
            f"{path}: {len(ambiguous)} quote(s) occur more than once in their document and were placed at the first occurrence: "
            + ", ".join(ambiguous[:_ROWS_LISTED])
            + (f" and {len(ambiguous) - _ROWS_LISTED} more" if len(ambiguous) > _ROWS_LISTED else "")
            + ". Add an 'occurrence' column (2 for the second, …) or quote more words",
            InferenceWarning,
        )
    rows = pd.DataFrame(
        {
            "doc_id": docs,
            "start": starts,
            "end": ends,
            "seg_id": segment_for_spans(study.segments, pd.Series(docs), starts, ends),
            "code_id": table["code_id"],
            "coder": table["coder"],
            "origin": "human",
            # Empty cells (read as "") are missing values.
            **{column: table[column].replace("", None) for column in ("codebook", "codebook_version", "created") if column in table.columns},
        }
    )
    rows.insert(0, "coding_id", [coding_id("human", *span) for span in zip(rows["doc_id"], starts, ends, rows["code_id"], rows["coder"])])
    fresh = append_rows(study, "codings", rows, skip_existing=True)
    if len(fresh) < len(rows):
        # The same words highlighted twice with one tag, or a repeated quote placed at its first occurrence: one coding.
        read.notes.append(
            f"{path.name}: {len(rows) - len(fresh)} row(s) give a passage a code its coder has already given it there "
            "(the same words coded twice, or a repeated quote placed at its first occurrence): one coding each"
        )
    if "weight" in table.columns:
        _keep_weights(study, list(rows["coding_id"]), list(table["weight"]), path, read.notes)
    if "_memo" in table.columns:
        _coding_comments(study, rows, table, path, read.notes)
    if read.descriptors:
        _descriptor_attributes(study, {named.get(name, name): values for name, values in read.descriptors.items()}, path, read.notes)
    if read.media:
        _media_details(study, read.media, path, read.notes)
    if read.case_values:
        _case_variables(study, read.case_values, path)
    if read.memos:
        _tool_memos(study, read.memos, path, read.notes, on_codes=on_codes)
    if read.tool == DEDOOSE_CODES and described is not None:
        for code in read.columns:
            described.setdefault(code, read.definitions.get(code, ""))
    if chart:
        held = _chart_summaries(study, read, coder, path)
        if personal is not None:
            personal.extend(held)
        else:
            _chart_attributes(study, held)
        _chart_dates(study, read, path, dayfirst=dayfirst)
    study.record("read codings", {"path": str(path), "codings": len(fresh), **({"tool": read.tool} if read.tool else {}), **({"not read": read.lost} if read.skipped else {}), **({"not placed": len(failed)} if failed else {})})
    if read.notes:
        study.meta.setdefault("inferred", []).extend(read.notes)
    return set(table["code_id"].astype(str)) if is_taguette(read.tool) else set()


def _keep_weights(study: Any, ids: list[str], weights: list[object], path: Path, notes: list[str]) -> None:
    """Keep the weight a codings row gives its coding (Dedoose's code weights) in ``study.meta["code_weights"]``, by coding id.

    A weight is a number as written ("3", "2.5"); one that is none is not kept, and the notes name its rows.
    """
    kept = study.meta.setdefault("code_weights", {})
    odd = []
    for number, (coding, weight) in enumerate(zip(ids, weights)):
        written = str(weight if weight is not None else "").strip()
        if not written or written.lower() == "nan":
            continue
        try:
            kept[coding] = float(written)
        except ValueError:
            odd.append(f"{written!r} (coding {number + 1})")
    if odd:
        notes.append(f"{path.name}: {len(odd)} weight(s) are not numbers and are not kept: {', '.join(odd[:_ROWS_LISTED])}")


def _coding_comments(study: Any, rows: pd.DataFrame, table: pd.DataFrame, path: Path, notes: list[str]) -> None:
    """Keep the comment a tool's export gives a coding (QDA Miner's "Comment", the ``_memo`` of its rows) as a memo on
    that coding, by its coder and dated as it is; the same comment on one coding given twice is one memo. The notes
    say how many."""
    from .._ids import memo_id

    memos: dict[tuple[str, str], dict[str, Any]] = {}
    created = rows["created"] if "created" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    for coding, coder, comment, when, line in zip(rows["coding_id"], rows["coder"], table["_memo"], created, _lines(table)):
        text = str(comment if comment is not None else "").strip()
        if not text or text.lower() == "nan" or (coding, text) in memos:
            continue
        memos[(coding, text)] = {
            "memo_id": memo_id("coding", coding, f"{path.name}:{line}", datetime(1970, 1, 1, tzinfo=timezone.utc), 0),
            "target_type": "coding",
            "target_id": coding,
            "author": str(coder),
            "text": text,
            "created": None if when is None or pd.isna(when) else when,
            "title": "Comment",
            "description": f"{path.name}, row {line}",
        }
    if memos:
        append_rows(study, "memos", list(memos.values()), skip_existing=True)
        notes.append(f"{path.name}: {len(memos)} comment(s) kept as memos on their codings (study.memos)")


def _in_study(study: Any, path: Path) -> str:
    """A file's path as the study folder names it (its whole path when it lies elsewhere)."""
    try:
        return path.resolve().relative_to(Path(str(study.meta.get("root") or ".")).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _excerpt_places(words: str, documents: Any, texts: dict[str, str]) -> list[tuple[str, int, int]]:
    """Where an excerpt's words are in the documents (spacing and line breaks aside): up to two places, to tell one from several."""
    pattern = re.compile(r"\s+".join(map(re.escape, words.split())))
    places: list[tuple[str, int, int]] = []
    for doc in documents:
        for found in pattern.finditer(texts[doc]):
            places.append((doc, found.start(), found.end()))
            if len(places) > 1:
                return places
    return places


def _tool_memos(study: Any, memos: list[dict[str, Any]], path: Path, notes: list[str], *, on_codes: list[tuple[str, list[str]]] | None = None) -> None:
    """A tool's memos exported apart (Dedoose's) as the study's memos, each where its links say.

    A memo linked to an excerpt whose words one segment of the study holds (in the linked media where it names them)
    is a memo on that segment; else one linked to media of the study is a memo on each such document; else one linked
    to codes is put on the study for now and listed in ``on_codes`` (its id and the codes' names), to be each code's
    memo once the study's codebooks are built (:func:`_code_memos`); else (linked to nothing the study holds) it is the
    study's. Its title, author and day are kept; its groups, its linked codes and the links the study does not hold
    are said in its ``description``, so nothing is dropped. The notes say how many memos went where, and name the
    links not found.
    """
    from .._ids import memo_id

    texts = dict(zip(study.documents["doc_id"].astype(str), study.documents["text"].fillna("").astype(str)))
    rows, placed, missing = [], Counter(), []
    for memo in memos:
        documents = [doc for doc in (_document_of(name, texts) for name in memo["media"]) if doc in texts]
        lost = [name for name in memo["media"] if _document_of(name, texts) not in texts]
        targets: list[tuple[str, str]] = []
        excerpts = memo["excerpts"]
        # A cell of several lines is tried whole first (one excerpt over lines), then line by line.
        whole_found = len(excerpts) > 1 and len(_excerpt_places(excerpts[0], documents or texts, texts)) == 1
        for words in excerpts[:1] if whole_found else excerpts[1:] if len(excerpts) > 1 else excerpts:
            where = _excerpt_places(words, documents or texts, texts)
            if len(where) == 1:
                doc, start, end = where[0]
                segment = segment_for_spans(study.segments, pd.Series([doc]), [start], [end]).iloc[0]
                if isinstance(segment, str):
                    targets.append(("segment", segment))
                    continue
            lost.append(f"excerpt {words[:40]!r}" + (" (found in several places)" if len(where) > 1 else ""))
        if not targets:
            targets = [("document", doc) for doc in documents] or [("study", "project")]  # as a project's own memo is imported
        said = [
            *([f"groups: {', '.join(memo['groups'])}"] if memo["groups"] else []),
            *([f"linked codes: {', '.join(memo['codes'])}"] if memo["codes"] else []),
            *([f"linked in the tool, not in the study: {', '.join(lost)}"] if lost else []),
        ]
        missing.extend(f"{memo['title'] or 'row ' + str(memo['line'])}: {item}" for item in lost)
        to_codes = targets == [("study", "project")] and bool(memo["codes"]) and on_codes is not None
        placed["code" if to_codes else targets[0][0]] += 1  # memos counted, not the places they are put
        for kind, target in dict.fromkeys(targets):
            rows.append(
                {
                    # The file's path in the study in the id: two exports both named memos.csv keep their memos apart.
                    "memo_id": memo_id(kind, target, f"{_in_study(study, path)}:{memo['line']}", datetime(1970, 1, 1, tzinfo=timezone.utc), 0),
                    "target_type": kind,
                    "target_id": target,
                    "author": memo["author"] or None,
                    "text": memo["text"],
                    "created": pd.Timestamp(memo["created"], tz="UTC") if memo["created"] else None,
                    "title": memo["title"] or None,
                    "description": "; ".join([f"{path.name}, row {memo['line']}", *said]),
                }
            )
        if to_codes and on_codes is not None:
            on_codes.append((rows[-1]["memo_id"], memo["codes"]))
    append_rows(study, "memos", rows, skip_existing=True)
    where = {
        "segment": "on the excerpts' segments",
        "document": "on their media's documents",
        "code": "linked to codes only (on those codes the study holds, else on the study)",
        "study": "on the study (linked to no excerpt, media or code of it)",
    }
    notes.append(f"{path.name}: {len(memos)} memo(s) kept as the study's memos: " + ", ".join(f"{count} {where[kind]}" for kind, count in placed.items()))
    if missing:
        notes.append(f"{path.name}: {len(missing)} link(s) of the memos name nothing the study holds, kept in the memos' descriptions: {first_few(missing, shown=_ROWS_LISTED, sep='; ')}")


def _code_memos(study: Any, pending: list[tuple[str, list[str]]]) -> None:
    """Memos a tool linked to codes only (Dedoose's, ``pending``: each memo's id and the codes' names as the tool
    wrote them) as the memos of those codes, once the study's codebooks are built: a code found by its name (or its
    id), in any capitals, or by the last part of its name (Dedoose's "Transport" for "Barriers\\Transport") where one
    code has it. A memo linked to two codes is a memo on each. A memo none of whose codes the study holds stays the
    study's; each name not found is said in the memo's description and in the load notes."""
    from .._ids import memo_id

    ids: dict[str, set[str]] = {}
    leaves: dict[str, set[str]] = {}
    for book in study.codebooks.values():
        for code in book:
            for said in {code.id, code.name}:
                ids.setdefault(said.casefold(), set()).add(code.id)
            leaves.setdefault(re.split(r"\\|::|/", code.name)[-1].strip().casefold(), set()).add(code.id)

    def found(name: str) -> str | None:
        held = ids.get(name.casefold()) or leaves.get(name.casefold()) or set()
        return next(iter(held)) if len(held) == 1 else None

    memos = study.memos.set_index("memo_id", drop=False)
    rows, moved, missing = [], [], []
    for memo, names in pending:
        if memo not in memos.index:
            continue
        row = memos.loc[memo].to_dict()
        codes = list(dict.fromkeys(code for code in map(found, names) if code is not None))
        lost = [name for name in names if found(name) is None]
        if lost:
            row["description"] = f"{row['description']}; linked in the tool, not in the study: " + ", ".join(f"code {name}" for name in lost)
            missing.extend(f"{row['title'] or memo}: code {name}" for name in lost)
        if not codes:
            rows.append(row)
            continue
        moved.append(f"{row['title'] or memo!r} on {', '.join(codes)}")
        rows.extend({**row, "memo_id": memo_id("code", code, memo, datetime(1970, 1, 1, tzinfo=timezone.utc), 0), "target_type": "code", "target_id": code} for code in codes)
    replace_rows(study, "memos", rows, where=study.memos["memo_id"].isin([memo for memo, _ in pending]))
    notes = study.meta.setdefault("inferred", [])
    if moved:
        notes.append(f"{len(moved)} memo(s) linked to codes only are those codes' memos: {first_few(moved, shown=_ROWS_LISTED, sep='; ')}")
    if missing:
        notes.append(f"{len(missing)} code link(s) of the memos name no code of the study, kept in the memos' descriptions (a memo with no code found is the study's): {first_few(missing, shown=_ROWS_LISTED, sep='; ')}")


def _media_details(study: Any, media: Mapping[str, Mapping[str, str]], path: Path, notes: list[str]) -> None:
    """What an export says of each document itself (Dedoose's Resource Creator and Resource Date) as the documents'
    ``creator`` and ``created`` columns, where the study gives none; the notes say how many were kept."""
    documents = study.documents.copy()
    texts = dict.fromkeys(documents["doc_id"])
    at = dict(zip(documents["doc_id"], documents.index))
    creators = documents["creator"].astype(object) if "creator" in documents.columns else pd.Series(None, index=documents.index, dtype=object)
    created = documents["created"] if "created" in documents.columns else pd.Series(pd.NaT, index=documents.index, dtype="datetime64[ns]")
    kept = 0
    for name, said in media.items():
        doc = _document_of(name, texts)
        if doc not in at:
            continue
        row = at[doc]
        if said.get("creator") and pd.isna(creators.at[row]):
            creators.at[row] = said["creator"]
            kept += 1
        if said.get("created") and pd.isna(created.at[row]):
            created.at[row] = pd.Timestamp(said["created"])
    if kept or created.notna().any():
        study.documents = documents.assign(creator=creators.astype("string"), created=pd.to_datetime(created))
        notes.append(f"{path.name}: who added each document and when (its Resource Creator and Resource Date) kept as study.documents' 'creator' and 'created', for {kept} document(s)")


def _descriptor_attributes(study: Any, descriptors: Mapping[str, Mapping[str, str]], path: Path, notes: list[str]) -> None:
    """An export's values per document (Dedoose's descriptor fields) as the attributes of the documents' cases and waves.

    Each document gives its case's values at its wave; :func:`._case_values.place_case_values` decides where each
    field goes (one value per case: ``study.cases``; changing between waves: ``study.case_waves``). The notes name
    the documents the study does not hold or that belong to no case.
    """
    from ._case_values import place_case_values

    documents = study.documents.set_index("doc_id")
    texts = dict.fromkeys(documents.index)
    rows, unheld, caseless = [], [], []
    for name, values in descriptors.items():
        doc = _document_of(name, texts)
        if doc not in documents.index:
            unheld.append(name)
            continue
        case, wave = documents.at[doc, "case_id"], documents.at[doc, "wave_id"]
        if pd.isna(case) or pd.isna(wave):
            caseless.append(name)
            continue
        rows.append({**values, "case_id": str(case), "wave_id": str(wave)})
    if rows:
        place_case_values(study, pd.DataFrame(rows), source=path.name, what="descriptor field")
    if unheld or caseless:
        notes.append(
            f"{path.name}: the descriptors of {len(unheld) + len(caseless)} media are no case's or wave's attributes: "
            + ", ".join([*(f"{name!r} (not in the study)" for name in unheld), *(f"{name!r} (no case or wave)" for name in caseless)][:_ROWS_LISTED])
        )


def _table_attributes(study: Any, path: Path, column: str | None, manifest: Path, line: int) -> None:
    """A table of the cases' attributes (``attributes:`` in ``study.yaml``): each row's values as its case's.

    QDA Miner's variables exported apart (cases × "ID", "Site", "Age", "Enrolment date"), or a team's sheet of
    participants: a column names the case (``column``, else the one whose values are most of the study's cases, by id
    or label in any capitals, as a framework chart names them) and every other column is an attribute. The values are
    the case's (:func:`_case_variables`), whether or not it has documents: ``study.cases``, a value the study gives
    kept. A row may name one of the study's documents instead (a QDA Miner project made from a list of files:
    "C01_Wave1"): its values are the document's, or its case's where the case's documents agree
    (:func:`._case_values.place_document_values`). A row naming no case or document of the study, or a case's (a
    document's) second row, is named in a warning.
    """
    if path.suffix.lower() not in _TABLE_SUFFIXES[:-1]:
        raise ManifestError(f"an attributes table must be a CSV or an .xlsx workbook, not {path.suffix or 'a file with no extension'}", path=manifest, line=line, hint=f"save {path.name} as .xlsx or as CSV (UTF-8)")
    table = _as_shown(_codings_table(path), path, study.meta.setdefault("inferred", []))
    names = [str(c) for c in table.columns]
    cases = _chart_names(study.cases, "case_id")
    # A row may name a document rather than a case (a QDA Miner project made from a list of files: "C01_Wave1").
    documents = {str(doc): str(case) for doc, case in zip(study.documents["doc_id"], study.documents["case_id"]) if not pd.isna(case)}

    def whose(said: str) -> tuple[str | None, str | None]:
        """The case a cell names (by its id or label, or by one of its documents) and the document, if it names one."""
        case = _chart_name(said, cases) if said else None
        document = _document_of(said, documents) if said and case is None else None
        return (documents[document], document) if document in documents else (case, None)

    named = {name: [whose(str(value).strip())[0] for value in table[name]] for name in names}
    # Columns that name the same case on every row (a case's id and its label, "Respondent" and "Name") are one column:
    # the first of them is asked about.
    matches = {name: sum(case is not None for case in found) for position, (name, found) in enumerate(named.items()) if found not in list(named.values())[:position]}
    if column is None:
        column = _case_column(matches, path, manifest, line)
        if column is None:
            raise ManifestError(
                f"no column of the attributes table {path.name} names the study's cases ({first_few(list(study.cases['case_id'].astype(str)), shown=4)}); its columns are {', '.join(names[:12]) or '(none)'}",
                path=manifest,
                line=line,
                hint=f"name the column of case ids:  attributes: [{{path: {_written(path, manifest)}, case: ID}}]",
            )
    elif column not in names:
        raise ManifestError(f"the attributes table {path.name} has no column {column!r}; its columns are {', '.join(names[:12]) or '(none)'}", path=manifest, line=line, hint="give 'case:' the header of the column of case ids, as written")
    fields = [name for name in names if name != column and not (name.startswith("Unnamed:") and not table[name].str.strip().any())]
    rows: list[dict[str, str]] = []
    refused, seen = [], set()
    for number, record in enumerate(table.to_dict("records")):
        said = str(record[column]).strip()
        values = {name: str(record[name]).strip() for name in fields if str(record[name]).strip()}
        if not said and not values:
            continue
        case, document = whose(said)
        if case is None:
            refused.append(f"row {number + 2} ({said!r}): no case of the study" if said else f"row {number + 2}: no case named")
        elif (document or case) in seen:
            refused.append(f"row {number + 2} ({said!r}): a second row of {document or case}")
        else:
            seen.add(document or case)
            # A document's row keeps its name: its values are the document's (_case_variables).
            rows.append({"case_id": document or case, **values})
    if refused:
        warn(f"{path}: {len(refused)} of the attributes table's {len(table)} rows are not read: " + "; ".join(refused[:_ROWS_LISTED]) + (f"; and {len(refused) - _ROWS_LISTED} more" if len(refused) > _ROWS_LISTED else ""), RowsRefusedWarning)
    if rows:
        _case_variables(study, rows, path)
    study.record("read attributes", {"path": str(path), "cases": len(seen), "columns": len(fields)})


def _as_shown(table: pd.DataFrame, path: Path, notes: list[str]) -> pd.DataFrame:
    """A workbook's first sheet (``table``, as :func:`_codings_table` read it) with each cell as Excel shows it, where
    the read value is not: a formula with no saved value (a workbook a program other than Excel wrote) kept as its
    text ("=SUM(B2:B4)"), never read as an empty cell, and said in ``notes``; a number shown with leading zeros by
    its format ("00000", Excel's format for a ZIP code: 2134 shown "02134") read as shown, as text. A formula Excel
    saved is read as the value it showed; a CSV holds no formula and no format, only text."""
    if path.suffix.lower() not in (".xlsx", ".xlsm") or table.empty:
        return table
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    kept = []
    for row in sheet.iter_rows(min_row=2, max_row=len(table) + 1, max_col=table.shape[1]):
        for cell in row:
            if cell.data_type == "f" and isinstance(cell.value, str) and not str(table.iat[cell.row - 2, cell.column - 1]).strip():
                table.iat[cell.row - 2, cell.column - 1] = cell.value
                kept.append(f"{cell.coordinate} {cell.value!r}")
            elif cell.data_type == "n" and isinstance(cell.value, int | float) and _PADDED.match(str(cell.number_format)) and float(cell.value).is_integer() and cell.value >= 0:
                table.iat[cell.row - 2, cell.column - 1] = str(int(cell.value)).zfill(len(str(cell.number_format)))
    if kept:
        notes.append(f"{path.name}: {len(kept)} formula cell(s) have no saved value (the workbook was not saved by Excel) and are kept as their text: {first_few(kept, shown=_ROWS_LISTED)}")
    return table


#: A number format that shows a whole number with leading zeros to a width ("00000"; "0" is a plain number).
_PADDED = re.compile(r"^00+$")


def _case_variables(study: Any, rows: list[dict[str, str]], path: Path) -> None:
    """Values a tool keeps as each case's own (QDA Miner's variables: beside its hits, or exported apart), a dict per
    row naming its case as the tool writes it (by id or label, in any capitals), as the cases' attributes, by
    :func:`._case_values.place_case_values`: every case the study holds, with documents or none; a case whose rows
    differ keeps no value, warned of; a case the study does not hold is said in the load notes."""
    from ._case_values import place_case_values, place_document_values

    names = _chart_names(study.cases, "case_id")
    # A case named by one of the study's documents (a project made from a list of files, "C01_Wave1") is that
    # document: its variables are the document's, or its case's where all the case's documents agree.
    case_of = {str(doc): str(case) for doc, case in zip(study.documents["doc_id"], study.documents["case_id"]) if not pd.isna(case)}
    of_cases, of_documents = [], []
    for row in rows:
        said = str(row["case_id"]).strip()
        case = _chart_name(said, names)
        document = _document_of(said, case_of) if case is None else None
        if document in case_of:
            of_documents.append({**row, "doc_id": document, "case_id": case_of[document]})
        else:
            of_cases.append({**row, "case_id": case or said})
    table = pd.DataFrame(of_cases)
    if of_documents:
        shared = place_document_values(study, pd.DataFrame(of_documents), source=path.name)
        table = pd.concat([table, shared], ignore_index=True) if len(table) else shared
    if len(table):
        place_case_values(study, table, source=path.name, what="variable", of_case=True)


#: The headers (lower case, letters and digits only) that say a column of an attributes table names the case.
_CASE_HEADERS = frozenset({"id", "case", "caseid", "participant", "participantid"})


def _case_column(matches: Mapping[str, int], path: Path, manifest: Path, line: int) -> str | None:
    """The column of an attributes table that names the cases, given how many of each column's values are the study's
    cases (``matches``): the one with the most; of columns with as many, the one whose header says it ("ID", "Case",
    "Case ID", "Participant"); None if no column names a case.

    Two columns naming the cases as often, neither by its header (a couple's table: each partner's id, "ID" and
    "Partner"), are an error naming both: the table's values would go to the wrong case as easily as the right one.

    >>> _case_column({"Partner": 2, "ID": 2, "Age": 0}, Path("dyads.csv"), Path("study.yaml"), 9)
    'ID'
    >>> _case_column({"Partner": 2, "Spouse": 2}, Path("dyads.csv"), Path("study.yaml"), 9)
    Traceback (most recent call last):
    ...
    qlr.errors.ManifestError: study.yaml:9: 2 columns of the attributes table dyads.csv name the study's cases as often (2 rows each): 'Partner', 'Spouse'. Fix: say which column names the case:  attributes: [{path: dyads.csv, case: Partner}].
    """
    most = max(matches.values(), default=0)
    if not most:
        return None
    best = [name for name, count in matches.items() if count == most]
    said = [name for name in best if re.sub(r"[^a-z0-9]", "", name.lower()) in _CASE_HEADERS]
    if len(best) == 1 or len(said) == 1:
        return best[0] if len(best) == 1 else said[0]
    tied = said or best
    raise ManifestError(
        f"{len(tied)} columns of the attributes table {path.name} name the study's cases as often ({most} rows each): {', '.join(map(repr, tied))}",
        path=manifest,
        line=line,
        hint=f"say which column names the case:  attributes: [{{path: {_written(path, manifest)}, case: {tied[0]}}}]",
    )


def _written(path: Path, manifest: Path) -> str:
    """A table's path as a study.yaml beside ``manifest`` would write it (relative to its folder where it lies within)."""
    folder = manifest.parent if manifest.is_file() else manifest
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def _row_codings(study: Any, coded: list[tuple[str, list[tuple[int, int, str]], str]]) -> tuple[set[str], list[str]]:
    """Add the codes a transcript table gives its rows (its ``tags`` column) as codings, one per tag and row: (the names, kept whole; the codings' ids).

    They are a person's coding, the archive's, so human codings of the coder the column is named for, on the
    row's words; an archive's tag is a flat name ("career", "mss"), never a path of codes.
    """
    docs = [doc for doc, codes, _ in coded for _ in codes]
    starts = [start for _, codes, _ in coded for start, _, _ in codes]
    ends = [end for _, codes, _ in coded for _, end, _ in codes]
    rows = pd.DataFrame(
        {
            "doc_id": docs,
            "start": starts,
            "end": ends,
            "seg_id": segment_for_spans(study.segments, pd.Series(docs), starts, ends),
            "code_id": [code for _, codes, _ in coded for _, _, code in codes],
            "coder": [coder for _, codes, coder in coded for _ in codes],
            "origin": "human",
        }
    )
    rows.insert(0, "coding_id", [coding_id("human", *span) for span in zip(rows["doc_id"], starts, ends, rows["code_id"], rows["coder"])])
    fresh = append_rows(study, "codings", rows, skip_existing=True)
    # Each document's load note counts its own (``_tabular``): the log keeps the whole.
    study.record("read codings", {"path": "tags", "codings": len(fresh), "documents": len(coded)})
    return set(rows["code_id"].astype(str)), list(rows["coding_id"])


def _lines(table: pd.DataFrame) -> list[int]:
    """Each row's line in its file: a report's own (``_line``), else the table's (its header is line 1)."""
    return [int(n) for n in table["_line"]] if "_line" in table.columns else list(range(2, len(table) + 2))


def _labels(table: pd.DataFrame) -> list[str]:
    """How an error names each row: ``row 3``, or where a report prints it (``line 7 (P01, reference 2)``)."""
    return list(table["_label"]) if "_label" in table.columns else [f"row {n}" for n in _lines(table)]


def _document_of(name: str, texts: Mapping[str, object]) -> str:
    """The study's id for a document as a tool names it: ``P1.docx`` (QualCoder, MAXQDA) is ``P1``, ATLAS.ti's ``3: P1`` is ``P1``."""
    if name in texts:
        return name
    numbered = re.sub(r"^\d+\s*:\s*", "", name)
    for candidate in (Path(name).stem if Path(name).suffix else None, numbered, Path(numbered).stem if Path(numbered).suffix else None):
        if candidate and candidate in texts:
            return candidate
    return name


def _codebook_of_codings(
    study: Any,
    paths: list[Path],
    *,
    whole_names: set[str] | frozenset[str] = frozenset(),
    only: pd.Series | None = None,
    framework: Mapping[str, str] | None = None,
    charted: Mapping[str, set[str]] | None = None,
    described: Mapping[str, str] | None = None,
) -> None:
    """The codes of codings that name no codebook, as the study's own codebook (as an imported project's are).

    A QDA tool's export names each code as the researcher wrote it ("Trust in staff",
    MAXQDA's "Barriers\\Transport", ATLAS.ti's "Power::Shared"): those codes become a
    codebook of the study's own, ids made from the names as a project's import makes
    them (the hierarchy from ``\\`` and ``::``; ``whole_names``, a flat tool's tags such as
    Taguette's, stay whole, as its ``.qdc`` is read), so the codings can be reported,
    exported and checked.  A coding whose code is an id of a codebook qlr ships
    (``reciprocity.giving_back``) keeps its code and is given that codebook's id,
    said in the load notes. ``only`` (a mask of the codings) are one source's codings, all
    of them its codebook's: a transcript table's tags, whatever their names. ``framework``, a
    framework chart's sub-themes, are its codes first, in the chart's order, those no quote coded too, each
    with the chart's description of it (if any) as its definition. Where every code is a chart's, the documents of
    the case × waves the charts have rows for (``charted``) are the codebook's coverage, ``study.meta["charted"]``:
    another case × wave is not coded with it (:func:`qlr.evidence.not_coded_documents`), not an absence; and in a
    conversation (a focus group, a joint interview) only the turns of the cases charted there count as coded
    (``study.meta["charted_cases"]``, :func:`qlr.evidence.case_wave_coverage`).
    """
    codings = study.codings
    bare = (codings["origin"] == "human") & codings["codebook"].isna() if "codebook" in codings.columns else codings["origin"] == "human"
    if only is not None:
        bare &= only
    if not bare.any() and not framework and not described:
        return  # every coding names its codebook (the sample's): no bundled codebook need be read
    # Code by code: one name among the ids of a bundled codebook must not move those ids' codings.
    book_of_code, bundled_books = _bundled_ids()
    codes = codings["code_id"].astype(str)
    theirs = bare & codes.isin(book_of_code.keys()) & (only is None)
    if theirs.any():
        # They are that codebook's, and say so: the report, validation and export then count them with it.
        books = codes[theirs].map(book_of_code)
        study.codings.loc[theirs, "codebook"] = books
        counts = books.value_counts()
        study.meta.setdefault("inferred", []).append(
            "codings whose codes are ids of a codebook qlr ships are that codebook's: "
            + ", ".join(f"{count:,} of {book!r}" for book, count in counts.items())
        )
    bare &= ~theirs
    framework = framework or {}
    # A code tree's codes (Dedoose's, exported apart) come with their descriptions, those no excerpt used too.
    described = described or {}
    declared = {**described, **{name: said for name, said in framework.items() if said or name not in described}}
    names = list(dict.fromkeys([*declared, *codings.loc[bare, "code_id"].astype(str)]))
    if not names:
        return
    import uuid
    import xml.etree.ElementTree as ET

    from .._names import slug
    from ._qdc import build_codebook

    title = paths[0].stem if len(paths) == 1 else f"{study.name} codings"
    element = ET.Element("Codes")
    guid_of = {}
    for name in names:
        guid_of[name] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"qlr-codings:{name}"))
        code = ET.SubElement(element, "Code", {"guid": guid_of[name], "name": name, "isCodable": "true"})
        if declared.get(name):
            ET.SubElement(code, "Description").text = declared[name]
    codebook_id = slug(title)
    if codebook_id in bundled_books:
        codebook_id += "_own"
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        # Its leniency ("hierarchy flattened into names") is what this codebook is for: said in the notes below.
        codebook = build_codebook(element, "", paths[0], {"name": title, "id": codebook_id}, [], whole_names=whole_names)
    code_of = {name: codebook.guids[guid_of[name]] for name in names}
    named = codings.loc[bare, "code_id"].astype(str)
    renamed = named.map(code_of)
    study.codings.loc[bare, "code_id"] = renamed
    _remake_coding_ids(study, named, renamed)
    study.codings.loc[bare, "codebook"] = codebook.id
    study.codebooks[codebook.id] = codebook
    changed = sum(name != code_of[name] for name in names)
    uncharted = [] if charted is None or not framework or set(names) - set(framework) else sorted(set(study.documents["doc_id"].astype(str)) - set(charted))
    if charted and framework and not set(names) - set(framework):
        # Each document with the cases whose rows reached it: in a conversation (a focus group, a joint interview) only
        # their turns are charted, another speaker's not (qlr.evidence.case_wave_coverage).
        study.meta.setdefault("charted", {})[codebook.id] = sorted(charted)
        study.meta.setdefault("charted_cases", {})[codebook.id] = {doc: sorted(cases) for doc, cases in sorted(charted.items())}
    if uncharted:
        study.meta.setdefault("inferred", []).append(
            f"codebook {codebook.id!r} is a framework chart's, which has no row for {len(uncharted)} document(s)' case and wave "
            f"({first_few(uncharted, shown=6)}): they are not coded with it, their cells missing, not 0"
        )
    if charted is not None and framework and set(names) - set(framework):
        others = sorted(set(study.documents["doc_id"].astype(str)) - set(charted))
        if others:
            # A chart's coverage is its codebook's only while every code is the chart's: other files' codes may be anywhere.
            study.meta.setdefault("inferred", []).append(
                f"codebook {codebook.id!r} holds a framework chart's codes and other codings files' codes: the {len(others)}"
                f" document(s) the chart has no row for ({first_few(others, shown=6)}) are read as coded with it, a chart's code"
                " not found there as 0; name another codebook in the other files' codebook column to have them not coded"
            )
    study.record("codebook from codings", {"codebook": codebook.id, "codes": len(codebook), "renamed": changed})
    inferred = study.meta.setdefault("inferred", [])
    given = [f"{name!r} as {code_of[name]!r}" for name in names if name != code_of[name]]
    inferred.append(
        f"the {len(names)} codes of {int(bare.sum()):,} codings that name no codebook make the study's own codebook {codebook.id!r}"
        + (f"; {changed} code name(s) given ids ({first_few(given, shown=6)})" if changed else "")
        + "".join(f"; {str(w.message).split('read leniently: ', 1)[-1]}" for w in said)
    )


def _remake_coding_ids(study: Any, named: pd.Series, renamed: pd.Series) -> None:
    """Give each human coding whose code was renamed (``named`` → ``renamed``, by row of ``study.codings``) the id of
    what it now is, where its id was the digest of what it was (:func:`qlr._ids.coding_id`), and carry every reference
    to it along: the memos on it, its weight. A coding's id names its document, span, code and coder; one left
    naming the code's old name was no digest of its coding any more, so that pooling a study with its own copy
    could not give the copy's codings ids of their own.
    """
    codings = study.codings
    taken = set(codings["coding_id"].astype(str))
    moved: dict[str, str] = {}
    for index, old_code, new_code in zip(named.index, named, renamed):
        if old_code == new_code or pd.isna(new_code):
            continue
        doc, start, end, coder, old_id = (codings.at[index, column] for column in ("doc_id", "start", "end", "coder", "coding_id"))
        if pd.isna(start) or pd.isna(end) or coding_id("human", str(doc), int(start), int(end), old_code, str(coder)) != old_id:
            continue  # an id from elsewhere (a REFI-QDA project's GUID) is kept as it is
        new_id = coding_id("human", str(doc), int(start), int(end), str(new_code), str(coder))
        if new_id not in taken:
            moved[str(old_id)] = new_id
            taken.add(new_id)
    if not moved:
        return
    study.codings["coding_id"] = codings["coding_id"].map(lambda old: moved.get(old, old)).astype(codings["coding_id"].dtype)
    if len(study.memos):
        memos = study.memos.copy()
        on_coding = (memos["target_type"] == "coding").to_numpy(dtype=bool)
        memos.loc[on_coding, "target_id"] = memos.loc[on_coding, "target_id"].map(lambda old: moved.get(old, old))
        study.memos = memos
    weights = study.meta.get("code_weights")
    if weights:
        study.meta["code_weights"] = {moved.get(key, key): weight for key, weight in weights.items()}


@functools.cache
def _bundled_ids() -> tuple[dict[str, str], frozenset[str]]:
    """(each code id → the codebook qlr ships that holds it, the codebook ids): read once, they never change.

    Bundled codebooks share no code id; were one shared, the first codebook by name would hold it.
    """
    from ..codebook import bundled_codebooks, read_codebook

    books = [read_codebook(name) for name in sorted(bundled_codebooks())]
    book_of_code: dict[str, str] = {}
    for codebook in books:
        for code in codebook:
            book_of_code.setdefault(code.id, codebook.id)
    return book_of_code, frozenset(cb.id for cb in books)


class _OutsideText(ManifestError):
    """A codings row whose offsets lie outside its document's text: said with every importer's (``outside_text``)."""

    def __init__(self, doc: str, length: int, start: int, end: int, *, path: Path, line: int) -> None:
        super().__init__(f"offsets {start}:{end} lie outside {doc!r} (its text has {length:,} characters)", path=path, line=line)
        self.doc, self.length, self.start, self.end = doc, length, start, end


def _placed(row: dict[str, Any], text: str | None, doc: str, path: Path, line: int, *, spaces_added: bool = False) -> tuple[int, int, int]:
    """Where one codings row lies in its document: (start, end, how many times its quote occurs); ``spaces_added`` as :func:`find_quote` has it."""
    if text is None:
        raise ManifestError(f"no document {doc!r} in the study", path=path, line=line)
    if row.get("quote"):
        occurrence = _whole(row.get("occurrence") or "1", path, line, "occurrence", minimum=1)
        spans = find_quote(text, row["quote"], spaces_added=spaces_added)
        if not spans:
            raise ManifestError(f"the quote is not in {doc!r} ({_where_quote_stops(text, row['quote'])})", path=path, line=line)
        if len(spans) < occurrence:
            raise ManifestError(f"the quote occurs {len(spans)} time(s) in {doc!r}, not {occurrence}", path=path, line=line)
        start, end = spans[occurrence - 1]
        return start, end, len(spans)
    if "quote" in row and not {"start", "end"} <= set(row):
        raise ManifestError("the quote is empty", path=path, line=line)
    start, end = _whole(row["start"], path, line, "start", minimum=0), _whole(row["end"], path, line, "end", minimum=0)
    if not start <= end <= len(text):
        raise _OutsideText(doc, len(text), start, end, path=path, line=line)
    if start == end:
        # MAXQDA's Begin and End are paragraph numbers, not characters: a span of nothing codes nothing.
        raise ManifestError(f"offsets {start}:{end} select no text (start and end count characters, not paragraphs)", path=path, line=line)
    return start, end, 1


def _chart_documents(study: Any, table: pd.DataFrame, turns: dict[str, list[tuple[int, int, str]]], *, exported: bool = False) -> list[tuple[str, list[str]] | str]:
    """Each framework chart row's case (as the study names it) and documents: the case's own at the row's wave (its case and wave
    as the study reads the chart's words), then the conversations where the case speaks at that wave (``turns``,
    :func:`_chart_turns`: a focus group, another case's joint interview), or why there are none.

    ``exported``: the rows are a QDA tool's, each naming its case and document variable (QDA Miner's). A case the study
    does not hold that names one of its documents ("C01_Wave1", "C01_Wave1.txt": a project made from a list of files,
    each file a case) is that document; a document variable naming no wave of the study, nor any wave by its number
    ("Transcript", "TEXT"), is the case's one document where it has one."""
    from ._datalist import _wave_id

    cases = _chart_names(study.cases, "case_id")
    waves = _chart_names(study.waves, "wave_id")
    documents = study.documents
    by_cell: dict[tuple[str, str], list[str]] = {}
    own: dict[str, list[str]] = {}  # each case's own documents, at any wave
    for doc, case, wave in zip(documents["doc_id"], documents["case_id"], documents["wave_id"]):
        if not pd.isna(case):
            own.setdefault(str(case), []).append(str(doc))
        if not pd.isna(case) and not pd.isna(wave):
            by_cell.setdefault((str(case), str(wave)), []).append(str(doc))
    case_of = {str(doc): "" if pd.isna(case) else str(case) for doc, case in zip(documents["doc_id"], documents["case_id"])}
    wave_of = dict(zip(documents["doc_id"].astype(str), documents["wave_id"]))
    for doc, spoken in turns.items():
        wave = wave_of.get(doc)
        for case in dict.fromkeys(whose for _, _, whose in spoken):
            if wave is not None and not pd.isna(wave) and doc not in by_cell.get((case, str(wave)), []):
                by_cell.setdefault((case, str(wave)), []).append(doc)
    one_wave = str(study.waves["wave_id"].iloc[0]) if len(study.waves) == 1 else None
    found: list[tuple[str, list[str]] | str] = []
    for case_said, wave_said in zip(table["case_id"].astype(str), table["wave_id"].astype(str)):
        case = _chart_name(case_said, cases)
        wave = _chart_name(wave_said, waves) if wave_said else one_wave
        if exported and case is None and (doc := _document_of(case_said.strip(), case_of)) in case_of:
            found.append((case_of[doc], [doc]))
        elif exported and case is not None and wave is None and len(own.get(case, ())) == 1 and _wave_id(wave_said) == wave_said.strip():
            found.append((case, own[case]))
        elif case is None:
            found.append(f"no case {case_said!r} in the study")
        elif wave is None:
            found.append(
                f"no wave {wave_said!r} in the study"
                if wave_said
                else f"no document variable names which of {case}'s {len(own.get(case, ()))} documents it is"
                if exported
                else "the chart names no wave (a sheet, a header over the column, a title or the file's name such as 'Wave 2')"
            )
        elif (case, wave) not in by_cell:
            found.append(f"no document of {case} at {wave}, nor a turn of theirs in a group's or another case's conversation")
        else:
            found.append((case, by_cell[(case, wave)]))
    return found


def _chart_names(table: pd.DataFrame, column: str) -> dict[str, str]:
    """How a chart may write each id of a study's cases or waves: as the id, or its label, in any capitals."""
    from ._datalist import _wave_id

    names: dict[str, str] = {}
    for row in table.to_dict("records"):
        given = str(row[column])
        for said in (row.get("label"), given):
            if said is not None and not pd.isna(said) and str(said).strip():
                names[str(said).strip().casefold()] = given
                if column == "wave_id":
                    names.setdefault(_wave_id(str(said)).casefold(), given)
    return names


def _chart_name(said: str, names: dict[str, str]) -> str | None:
    """The study's id for a case or wave as a chart writes it ("Wave 1" is W1, "p01" is P01), or None."""
    from ._datalist import _wave_id

    said = said.strip()
    return names.get(said.casefold()) or names.get(_wave_id(said).casefold())


def _chart_turns(study: Any) -> dict[str, list[tuple[int, int, str]]]:
    """Each document's turns of the study's cases: (start, end, case), the case :func:`qlr.evidence.segment_cases`
    gives the turn (the document's case, or the speaker's in a focus group or a joint interview), an interviewer's
    turn none (the moderator's echo is no one's words)."""
    from ..evidence import NOT_EVIDENCE_ROLES, segment_cases

    segments = study.segments
    if segments.empty:
        return {}
    whose = segment_cases(study)
    whose = whose[whose["case_id"].notna()]
    if "speaker_role" in segments.columns:
        asking = segments["speaker_role"].isin(list(NOT_EVIDENCE_ROLES)).fillna(False).to_numpy(dtype=bool)
        whose = whose[~asking[whose["row"].to_numpy()]]
    rows = whose["row"].to_numpy()
    turns: dict[str, list[tuple[int, int, str]]] = {}
    for doc, start, end, case in zip(whose["doc_id"].astype(str), segments["start"].to_numpy()[rows], segments["end"].to_numpy()[rows], whose["case_id"].astype(str)):
        turns.setdefault(doc, []).append((int(start), int(end), case))
    return turns


def _placed_in_chart(
    row: dict[str, Any], found: tuple[str, list[str]] | str, texts: dict[str, str], path: Path, line: int, *, turns: dict[str, list[tuple[int, int, str]]] | None = None
) -> tuple[str, int, int, int]:
    """Where a framework chart's quote lies: in the row case's own turns (``turns``, :func:`_chart_turns`) in the first of
    the case's documents at that wave (its own, then the conversations it speaks in) that holds it there; else, where no
    other case's turn holds it, where it first occurs in them (a document read with no speakers, an interviewer's echo).

    An analyst charts what the case said: words the interviewer echoed ("So you said the staff plan …?") are
    the case's where the case says them; words another case said (a focus group's, a joint interview's) are that
    case's, refused here, naming whose turn holds them. An analyst writes a quote into a sentence of their own, its
    first letter's capital changed ("the staff plan" of "The staff plan"): a quote not found as written is looked
    for with that letter's case swapped.
    """
    if isinstance(found, str):
        raise ManifestError(found, path=path, line=line)
    case, documents = found
    first: ManifestError | None = None
    anywhere: tuple[str, int, int, int] | None = None
    others: tuple[str, str] | None = None  # (another case whose turn holds the quote, the document)
    quote = str(row.get("quote") or "")
    swapped = quote[:1].swapcase() + quote[1:]
    for doc in documents:
        for said in dict.fromkeys((quote, swapped)):
            try:
                placed = (doc, *_placed({**row, "quote": said}, texts.get(doc), doc, path, line))
            except ManifestError as exc:
                first = first or exc
                continue
            spans = find_quote(texts[doc], said)
            spoken = (turns or {}).get(doc, [])
            theirs = [span for span in spans if any(start <= span[0] < end and who == case for start, end, who in spoken)]
            if theirs:
                return doc, theirs[0][0], theirs[0][1], len(theirs)
            other = next((who for span in spans for start, end, who in spoken if start <= span[0] < end and who != case), None)
            if other is not None:
                others = others or (other, doc)
            else:
                anywhere = anywhere or placed
    if others is not None:
        raise ManifestError(f"the quote is in {others[0]}'s turn in {others[1]!r}, not {case}'s", path=path, line=line)
    if anywhere is not None:
        return anywhere
    assert first is not None  # noqa: S101 - a cell's documents are never an empty list
    raise first


def _chart_summaries(study: Any, read: ToolRows, coder: str | None, path: Path) -> list[dict[str, Any]]:
    """Keep every cell of a framework chart whole, as a memo: on the case's document at that wave, else on the case
    (a change summary across waves, or a wave the case has no document at), titled with its heading and wave.

    The cells of a column naming a characteristic of the person (``read.attributes``) are held back and returned, each
    with its memo, for :func:`_chart_attributes` to make the case's attribute or the memo once every chart is read."""
    from .._ids import memo_id

    cases = _chart_names(study.cases, "case_id")
    waves = _chart_names(study.waves, "wave_id")
    first_document: dict[tuple[str, str], str] = {}
    for doc, case, wave in zip(study.documents["doc_id"], study.documents["case_id"], study.documents["wave_id"]):
        if not pd.isna(case) and not pd.isna(wave):
            first_document.setdefault((str(case), str(wave)), str(doc))
    memos, unplaced, held = [], [], []
    personal = {cell["label"]: cell for cell in read.attributes}
    stamp = datetime(1970, 1, 1, tzinfo=timezone.utc)
    author = coder or ""
    for number, cell in enumerate(read.summaries):
        case = _chart_name(cell["case"], cases)
        wave = _chart_name(cell["wave"], waves) if cell["wave"] else None
        if case is None:
            unplaced.append(cell["label"])
            continue
        document = first_document.get((case, wave)) if wave else None
        target = ("document", document) if document else ("case", case)
        title = f"Framework chart: {cell['heading']}" + (f" ({wave})" if wave and not document else "")
        if cell["label"] in personal:
            held.append({**personal[cell["label"]], "case": case, "file": path.name, "memo": []})
        (held[-1]["memo"] if cell["label"] in personal else memos).append(
            {
                "memo_id": memo_id(*target, f"{path.name}:{cell['label']}", stamp, number),
                "target_type": target[0],
                "target_id": target[1],
                "author": author,
                "text": cell["text"],
                "title": title,
                "description": f"{path.name}, {cell['label']}",
            }
        )
    if memos:
        append_rows(study, "memos", memos, skip_existing=True)
    if unplaced:
        warn(
            f"{path}: {len(unplaced)} of the framework chart's {len(read.summaries)} cells are of no case of the study and are not kept: "
            + "; ".join(unplaced[:_ROWS_LISTED])
            + (f"; and {len(unplaced) - _ROWS_LISTED} more" if len(unplaced) > _ROWS_LISTED else "")
            + ". Write each row's case as the study names it (its id or label)",
            RowsRefusedWarning,
        )
    study.meta.setdefault("inferred", []).append(
        f"{path.name}: a framework chart; its {len(memos)} cell(s) kept whole as memos (the case's document at that wave, else the case)"
        + (f", and {len(held)} cell(s) giving a characteristic of the person ({first_few(list(dict.fromkeys(cell['heading'] for cell in held)), shown=_ROWS_LISTED)}) held for the note on the cases' attributes" if held else "")
    )
    return held


def _chart_attributes(study: Any, held: list[dict[str, Any]]) -> None:
    """Keep the charts' columns naming a characteristic of the person ("Age", "Gender": ``held``, every chart's cells,
    from :func:`_chart_summaries`) as the study's attributes, decided over every chart and wave of the study by
    :func:`._case_values.place_case_values`: one value per case is a column of ``study.cases``, a value that changes
    between a case's waves one of ``study.case_waves``. A column giving a case two values that no wave tells apart
    keeps its cells as memos."""
    from ._case_values import place_case_values

    if not held:
        return
    waves = _chart_names(study.waves, "wave_id")
    rows = [
        {"case_id": cell["case"], "wave_id": _chart_name(cell["wave"], waves) if cell["wave"] else None, "source": cell["file"], cell["name"]: cell["value"]}
        for cell in held
    ]
    written = {cell["name"]: cell["heading"] for cell in held}
    placed = place_case_values(study, pd.DataFrame(rows), source=held[0]["file"], written=written)
    kept = [memo for cell in held if cell["name"] in placed.unplaced for memo in cell["memo"]]
    if kept:
        append_rows(study, "memos", kept, skip_existing=True)
        study.meta.setdefault("inferred", []).append(f"{len(kept)} cell(s) of the charts' columns that are no attribute are kept as memos")


def _chart_dates(study: Any, read: ToolRows, path: Path, *, dayfirst: bool) -> None:
    """Date each case's interview at a wave from a framework chart's dates (``read.dates``: its "Interview" or "Date of
    interview" column), where the study has no date for it; where the document's own date is another, it is kept and
    a warning names the cells. The case's interview there is its document of kind interview at that wave, else its only
    document there; a cell that holds no date stays a memo only."""
    cases = _chart_names(study.cases, "case_id")
    waves = _chart_names(study.waves, "wave_id")
    documents = study.documents
    own: dict[tuple[str, str], list[int]] = {}
    for index, case, wave in zip(documents.index, documents["case_id"], documents["wave_id"]):
        if not pd.isna(case) and not pd.isna(wave):
            own.setdefault((str(case), str(wave)), []).append(index)
    dates = documents["date"].copy()
    dated: list[str] = []
    differ: list[str] = []
    for cell in read.dates:
        case = _chart_name(cell["case"], cases)
        wave = _chart_name(cell["wave"], waves) if cell["wave"] else None
        day = find_date(cell["text"], dayfirst=dayfirst)
        found = own.get((case, wave), []) if case is not None and wave is not None else []
        interviews = [index for index in found if "interview" in str(documents.at[index, "kind"])]
        targets = interviews or (found if len(found) == 1 else [])
        if day is None or not targets:
            continue
        for index in targets:
            held = dates.at[index]
            doc = str(documents.at[index, "doc_id"])
            if pd.isna(held):
                dates.at[index] = pd.Timestamp(day)
                dated.append(f"{doc} ({day.isoformat()})")
            elif pd.Timestamp(held).date() != day and not any(doc in said for said in differ):
                differ.append(f"{cell['label']}: {cell['text']!r} is {day.isoformat()}, {doc} is dated {pd.Timestamp(held).date().isoformat()}")
    if dated:
        study.documents = documents.assign(date=pd.to_datetime(dates))
        study.meta.setdefault("inferred", []).append(
            f"{path.name}: {len(dated)} document(s) dated by the chart's interview dates: {first_few(dated, shown=_ROWS_LISTED)}"
        )
    if differ:
        warn(
            f"{path}: {len(differ)} interview date(s) the framework chart gives differ from the document's own, which is kept: "
            f"{first_few(differ, shown=_ROWS_LISTED)}. Check the chart's date, or the transcript's header",
            InferenceWarning,
        )


def _placed_in_part(
    row: dict[str, Any], whole: str, parts: list[tuple[str, int]], texts: dict[str, str], path: Path, line: int, *, spaces_added: bool = False
) -> tuple[str, int, int, int]:
    """Where a codings row naming a file of several interviews lies: (the interview's document, start, end, occurrences)."""
    start, end, count = _placed(row, "".join(texts[part] for part, _ in parts), whole, path, line, spaces_added=spaces_added)
    part, offset = next((part, offset) for part, offset in reversed(parts) if offset <= start)
    if end > offset + len(texts[part]):
        raise ManifestError(f"the coding in {whole!r} runs from one interview into the next ({part} and after)", path=path, line=line)
    return part, start - offset, end - offset, count


def _where_quote_stops(text: str, quote: str) -> str:
    """How much of a quote the text holds: its longest opening found, and the words after it."""
    words = cited_words(quote).split()  # a quote in quotation marks: its own words

    def found(opening: list[str]) -> list[tuple[int, int]]:
        # Whole words only: the quote's "I" is not the I of "Interviewer".
        return [(start, end) for start, end in find_quote(text, " ".join(opening)) if not (start and text[start - 1].isalnum() and text[start].isalnum()) and not (end < len(text) and text[end].isalnum() and text[end - 1].isalnum())]

    low, high = 0, len(words)  # the first `low` words are found; the first `high + 1` are not (or high is all)
    while low < high:
        middle = (low + high + 1) // 2
        if found(words[:middle]):
            low = middle
        else:
            high = middle - 1
    if low == 0:
        capitals = in_other_capitals(text, quote)
        return f"the text has it with different capitals: {capitals!r}" if capitals is not None else "not even its first word"
    at = found(words[:low])[0]
    following = " ".join(text[at[1] : at[1] + 120].split())
    then = f"the text {following[:40]!r}" if following else "the text ends there"
    return f"its first {low} of {len(words)} words are at character {at[0]:,}; the quote goes on {' '.join(words[low:low + 4])!r}, {then}"


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
