"""Readers: one function per file format, each returning a :class:`SourceText`.

A reader decides the stored text of a document (what offsets refer to) and passes
on what only it can see: turns already cut by subtitle cues, or speaker labels
set in bold in a Word file.  Segmentation happens later, in ``_segment``.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import itertools
import logging
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from .._decode import decode_bytes, normalise_newlines
from .._json import parse_json
from .._warned import warn
from .._words import english_hyphenated, english_log_frequencies, english_words, first_few
from .._yaml import mapping_under, several_values, single_values
from ..errors import DocumentFormatError, UnreadableFormatError
from ._annotations import Mark, colour_name, merged_runs, pdf_colour, trimmed
from ._messages import (
    Thread,
    chat_messages,
    email_messages,
    message_export_text,
    sms_backup_bytes,
    sms_messages,
    thread_text,
)
from ._sections import is_wave_heading
from ._segment import (
    _CLOCK,
    _CODE_FENCE,
    _DIARISED,
    _DISCOURSE_WORDS,
    _HEADER_DATE_LABELS,
    _MONTHS,
    _NOT_SPEAKERS,
    _NOTE_WORDS,
    _QUESTION_MARKS,
    ASKING_ENDS,
    DEFAULT_INTERVIEWER_LABELS,
    SPEAKER_PATTERNS,
    SPEAKER_ROLES,
    _capitalised,
    _clock_seconds,
    _declared_role,
    _is_role_label,
    _names_only,
    _reads_as_talk,
    find_date,
    front_matter_people,
    front_matter_roles,
    label_parts,
    role_word,
    without_description,
)

__all__ = ["SourceText", "Turn", "read_source", "READERS", "MAX_ARCHIVE_BYTES", "clean_pdf_text"]

#: Largest total uncompressed size accepted for a .docx / .odt (zip bombs).
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024


@dataclass
class Turn:
    """A speaker turn found by a reader (subtitle cues), in stored-text offsets."""

    start: int
    end: int
    speaker: str | None
    timestamp: float | None = None
    timestamp_end: float | None = None
    #: The day a message was sent (a chat app's or mail program's export); ``timestamp`` is then its time of day.
    date: date | None = None


@dataclass
class SourceText:
    """What a reader returns: the stored text and what it knows of its structure."""

    text: str
    format: str
    encoding: str | None
    sha256: str
    turns: list[Turn] | None = None
    #: (line_start, content_start, speaker) for lines that open with a bold label.
    bold_labels: list[tuple[int, int, str]] = field(default_factory=list)
    #: Starts of lines that are nobody's words between turns (a section row across a transcript table).
    heading_lines: list[int] = field(default_factory=list)
    #: Starts of a Markdown file's heading lines: nobody's words between turns, unless a label opens them.
    title_lines: list[int] = field(default_factory=list)
    #: Where each of the writer's paragraphs starts, where a line may be a soft break inside one (Word's).
    paragraph_starts: list[int] | None = None
    #: What the reader left out of the stored text on purpose, by kind, with counts
    #: (a PDF's page headers and footers, its line numbers), so it can be reported.
    removed: dict[str, int] = field(default_factory=dict)
    #: What the reader could not read at all, by kind, with counts (a PDF's pages with no
    #: text layer): the loader warns.
    unread: dict[str, int] = field(default_factory=dict)
    #: Lower-case speaker label -> role, as the file itself declares them (a CHAT file's
    #: ``@Participants``); the manifest's ``speakers:`` wins over it.
    speakers: dict[str, str] = field(default_factory=dict)
    #: The date the file gives itself (a Markdown file's front matter ``date:``): the document's unless the manifest gives one.
    date: date | None = None
    #: Words the file holds before its content that no segment shows (a WebVTT file's NOTE blocks): read for the
    #: date a header states (:func:`._segment.header_date`) instead of the text's opening lines.
    header: str = ""
    #: Comments, highlights and PDF annotations the file carries, as spans of the text (:mod:`._annotations`).
    marks: list[Mark] = field(default_factory=list)
    #: What the file says of itself beside its words (a Markdown file's front matter, a Notion page's properties),
    #: lower-case key -> value as written; single values only (:func:`page_properties`).
    properties: dict[str, str] = field(default_factory=dict)
    #: What the file says of the interview that goes into the document's row beside its text (an OHMS record's or TEI
    #: header's title, accession, interviewer, index): column -> value. ``title`` fills the row's title where the
    #: manifest gives none; the others become columns of their own.
    columns: dict[str, str] = field(default_factory=dict)
    #: Speakers the file names only by an account id (a Slack day file away from its export's ``users.json``), and
    #: why: the loader warns unless ``speakers:`` declares one of them (:attr:`._messages.Thread.unnamed`).
    unnamed: list[str] = field(default_factory=list)
    unnamed_why: str = ""
    #: What the reader could not decide and settled one way (pieces a diarisation gave no speaker): the loader
    #: puts it in the load notes and warns (``InferenceWarning``) with the file and document id.
    doubt: str | None = None
    #: Codes a table transcript's own column gives its rows (``tags``): (start, end, code) spans of the stored
    #: text, one per code and row, and the coder they are read as (:mod:`._tabular`).
    row_codes: list[tuple[int, int, str]] = field(default_factory=list)
    row_coder: str | None = None
    #: How the reader read the file where it chose among readings (a table's columns), for the load notes as written.
    notes: list[str] = field(default_factory=list)
    #: The interviews a table of questions and answers holds, where it holds more than one ("Ann asks Bo, rows 2-40"):
    #: loading says they are read as one document (:func:`._tabular.read_table_transcript`).
    interviews: list[str] = field(default_factory=list)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_plain(path: Path, data: bytes) -> SourceText:
    if path.suffix.lower() in (".txt", ".text") and is_chat(data):
        return read_chat(path, data)  # a CHAT transcript saved as .txt: its tiers, not lines of text
    text, encoding = decode_bytes(data, path)
    if (thread := message_export_text(text)) is not None:  # iMessage's or Signal's export written as text
        return _thread_source(thread, path.suffix.lower().lstrip("."), encoding, _sha256(data))
    if (cues := _whisper_lines(text)) is not None:  # Whisper's text with its times: its cues, as its .srt and .vtt are read
        return _cues_to_source(cues, path.suffix.lower().lstrip("."), encoding, _sha256(data))
    if (cues := _diarised_lines(text)) is not None:  # a diarisation tool's lines: one turn per run of a speaker's lines
        return _cues_to_source(cues, path.suffix.lower().lstrip("."), encoding, _sha256(data))
    if (captions := _captions_saved_as_text(text, path, encoding, _sha256(data))) is not None:
        return captions
    text, removed, pages = _cut_typed_pages(text)
    if not pages:
        text, stamps = _cut_page_stamps(text)
        removed = {**removed, **stamps}
    text, numbers = _cut_line_numbers(text, pages=pages)
    removed = {**removed, **numbers}
    if not pages:
        text, footers = _converted_page_footers(text)
        removed = {**removed, **footers}
    text, marks = _inner_time_marks(text)
    if marks:
        removed = {**removed, "f4 time marks inside turns": marks}
    text, marks = _paragraph_time_marks(text)
    if marks:
        removed = {**removed, "time marks opening a turn's further paragraphs or lines": marks}
    text, marks = _minute_marks(text)
    if marks:
        removed = {**removed, "marks of each whole minute inside turns ('[00:02:00]', as Descript writes them)": marks}
    text, footer = _OTTER_FOOTER.subn("", text)
    if footer:
        removed = {**removed, "Otter's closing line 'Transcribed by https://otter.ai'": footer}
    text, notices = _service_notices(text)
    removed = {**removed, **notices}
    fmt = path.suffix.lower().lstrip(".")
    markdown = fmt in ("md", "markdown")
    if markdown:
        # A web page's Markdown opens with its metadata (title, date, audio link) between "---" lines: nobody's words.
        written = _front_matter_date(text)
        properties = page_properties(text)
        listed, nested = _front_matter_lists(text)
        text_before_cut = text
        text, header_lines = _cut_front_matter(text)
        if header_lines:
            removed = {**removed, "lines of front matter (metadata, not words: its date and roles are read as such, its other values as the document's columns, a list's items joined by '; ')": header_lines}
        else:
            written, properties, listed, nested = None, {}, {}, []
            # Notion's Markdown export: the page's title, then its properties one a line ("Created: March 3, 2024 10:12 AM").
            text, notion_lines, properties = _cut_notion_properties(text, path.stem)
            if notion_lines:
                removed = {**removed, "lines of the Notion page's properties (its date, tags, status)": notion_lines}
                written = _property_date(properties)
        text, joplin_lines, joplin_date = _cut_joplin_fields(text)
        if joplin_lines:
            removed = {**removed, "lines of the note's fields Joplin writes after its words (ids, times, place)": joplin_lines}
        # A table written in HTML inside the Markdown (GitBook's and Notion's for a meeting's agenda): its words as a reader
        # of the page sees them, a row a paragraph and a cell a line, not its tags as words.
        text, tables = _markdown_html_tables(text)
        if tables:
            removed = {**removed, "HTML tables read as text (a row a paragraph, each cell and list item a line; their tags left out)": tables}
        text, tags = _html_in_table_cells(text)
        if tags:
            removed = {**removed, "HTML list and paragraph tags inside a Markdown table's cells (their words kept, list items parted by '; ')": tags}
        # "[Ann](https://…)", "[[Allotment]]", "![](photo.png)": a reader of the page sees "Ann" and "Allotment", no address.
        text, links = markdown_links(text)
        removed = {**removed, **links}
        written = written or joplin_date or _daily_note_date(path)
        # "> **Ann:** We decide it together": a transcript set as a quoted block; its marks are layout and hide
        # the labels after them. Not where labels stand mostly outside quotes: then a quoted "> Participant: …"
        # is someone read back a passage, still the reader's words.
        quoted_labels = len(_QUOTED_LABEL.findall(text)) if ">" in text else 0
        outside_labels = len(_UNQUOTED_LABEL.findall(text)) if quoted_labels else 0
        text, quoted = _BLOCKQUOTE_MARKS.subn("", text) if quoted_labels >= max(2, outside_labels) else (text, 0)
        if quoted:
            removed = {**removed, "Markdown block-quote marks at line starts": quoted}
        # Otter's export pasted into Markdown with the names made bold ("**Emma**  0:24" over the words):
        # the marks hide the heading a plain export has ("Emma  0:24").
        # Only media offsets, which start near 0:00 and rise, or with Otter's closing line: a field note's
        # "**Clinic**  9:30" over what was seen is a place and a clock time, left as written.
        text, bolded = _BOLD_CLOCK_HEADING.subn(r"\g<name>\g<clock>", text) if _otter_headings(text, footer) else (text, 0)
        if bolded:
            removed = {**removed, "Markdown bold marks around a speaker's name over a time": bolded}
        # Markdown shows "we&#39;re" as "we're": the words are what a reader of it sees.
        text, decoded = _decode_references(text) if "&" in text else (text, 0)
        if decoded:
            removed = {**removed, "HTML character references decoded": decoded}
        # And "\[04:18\]" as "[04:18]": a turn's time the segmenter reads, a note in brackets as other transcripts write it.
        text, escapes = _markdown_escapes(text)
        if escapes:
            removed = {**removed, "Markdown backslash escapes read as the characters they show ('\\[' as '[')": escapes}
            text, marks = _paragraph_time_marks(text)  # "\[16:10\] And then…" shows its time now
            if marks:
                key = "time marks opening a turn's further paragraphs or lines"
                removed = {**removed, key: removed.get(key, 0) + marks}
    tabbed = _tabbed_turns(text)
    if tabbed is not None:  # a transcript in tab-split columns, read where its words stand in the file
        turns, header = tabbed
        source = SourceText(text, fmt, encoding, _sha256(data), turns=turns, header=header, removed=removed)
    else:
        source = _text_source(text, fmt, encoding, data, removed=removed)
    if markdown:
        source.date = written
        source.properties = properties
        # "interviewer: Livia Bettero" in the front matter names who asks, as a header line would (taken out above), and
        # so does a list under a role's key ("interviewers: [Jo, Sam]", items joined by "; "), name by name (stop 54:
        # the list had been dropped unsaid).
        people = {**properties, **{key: ", ".join(value.split("; ")) for key, value in listed.items() if _declared_role(key) is not None}}
        source.speakers = front_matter_roles(people)
        # And whom it interviews, as an oral-history record says: the template names the case after them. The rest of
        # what it says of the interview ("gender: Female", "age: 18", "borough: Newham") are the document's attributes,
        # columns of its row as a QDA tool's document variables are (the table's own columns are never overwritten).
        source.columns = {**source.columns, **_front_matter_attributes(listed), **_front_matter_attributes(properties), **front_matter_people(people)}
        # "speakers: {Sam: interviewer, Mira: participant}": the labels' roles, as study.yaml's speakers: gives them.
        own = _front_matter_speakers(text_before_cut) if "speakers" in nested else None
        if own is not None:
            source.speakers = {**source.speakers, **own}
        # A one-row table heading the write-up ("| Entrevistado | Entrevistadora |" over the names) says whom it
        # interviews and who asks, as front matter would; front matter, where there is some, wins.
        if header := _header_table(source.text):
            source.speakers = {**front_matter_roles(header), **source.speakers}
            source.columns = {**front_matter_people(header), **source.columns}
            # Its date dates the interview however few questions follow (review rvH: a write-up of four question
            # headings or fewer had no turns, so no header, and no date; the table says it either way).
            source.date = source.date or _header_table_date(header)
        # Keys under a key ("contact:" over "phone: …"): no one value says them, and they are not lost unsaid; a key qlr
        # reads or a page's housekeeping ("cssclasses:", "aliases:") is no attribute, nested or not.
        # A role's key over a mapping ("interviewer: {name: Jo}") names no one either: said, as "speakers:" is.
        nested = [key for key in nested if key not in _FRONT_MATTER_READ and key not in _NOTION_KEYS or (key == "speakers" and own is None) or _declared_role(key) is not None]
        if nested:
            source.unread = {**source.unread, _nested_front_matter(nested): len(nested)}
        asked, closing = ([], None) if source.bold_labels or source.heading_lines else _markdown_questions(source.text)
        titled = not source.heading_lines
        if asked:
            # Answers under their own label ("**Resposta:** …") are the participant's turns, and the questions only the
            # lines they answer (a report's "## Results" or "**Bibliography**" after the interview asks nothing).
            answered = _answered_questions(source.text, asked)
            asked = answered or asked
            source.bold_labels = [(start, content, "Interviewer") for start, content in asked]
            source.removed = {**source.removed, MARKDOWN_QUESTIONS_ANSWERED if answered else MARKDOWN_QUESTIONS: len(asked)}
            if closing is not None:
                # The write-up's own sections after the interview ("## Conclusion", a version table) are nobody's:
                # a heading the segmenter knows is a title ends the last answer there, and no label follows it.
                source.heading_lines = [closing]
                closed = sum(1 for line in source.text[closing:].split("\n") if line.strip())
                source.removed = {**source.removed, MARKDOWN_CLOSING: closed}
    if markdown and titled:
        source.title_lines = [found.start() for found in _MARKDOWN_HEADING.finditer(source.text)]
    return source


#: Markdown's block-quote marks opening a line ("> ", "> > ", a lone ">"), with the one space after each.
_BLOCKQUOTE_MARKS = re.compile(r"^ {0,3}(?:>[ \t]?)+", re.MULTILINE)
#: A line that opens with a speaker's label ("**Ann:**", "Interviewer:"), inside a quoted block or not.
_LABEL_AT_START = r"(?:\*\*|__)?[^\W\d_][\w .'’()-]{0,40}?(?:\*\*|__)?[ \t]*:"
_QUOTED_LABEL = re.compile(rf"^ {{0,3}}(?:>[ \t]?)+{_LABEL_AT_START}", re.MULTILINE)
_UNQUOTED_LABEL = re.compile(rf"^ {{0,3}}{_LABEL_AT_START}", re.MULTILINE)
#: A bold name and a recording's time alone on a line, Otter's heading in Markdown: "**Emma**  0:24", "**Ali** 1:02:03".
_BOLD_CLOCK_HEADING = re.compile(r"^(?P<mark>\*\*|__)(?P<name>[^\W\d_][^*_\n:]{0,60}?)(?P=mark)(?P<clock>[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*)$", re.MULTILINE)
#: The latest time Otter's first heading may give (its first turn starts near the recording's start).
_OTTER_FIRST_SECONDS = 120


def _otter_headings(text: str, footer: int) -> bool:
    """Whether the bold names over times in a Markdown text are Otter's headings: two or more, and
    Otter's closing line, or times that start near 0:00 and never go back (offsets in the recording).

    Examples
    --------
    >>> _otter_headings("**Emma**  0:04\\n\\nHi.\\n\\n**Ali**  0:09\\n\\nHello.", 0)
    True
    >>> _otter_headings("**Clinic**  9:30\\n\\nWaited.\\n\\n**Pharmacy**  11:00\\n\\nQueued.", 0)
    False
    """
    times = [_clock_seconds(found["clock"].strip()) for found in _BOLD_CLOCK_HEADING.finditer(text)]
    if len(times) < 2:
        return False
    return bool(footer) or (times[0] <= _OTTER_FIRST_SECONDS and all(b >= a for a, b in zip(times, times[1:])))


#: A Markdown heading ("### Robotics in France"): up to three spaces, one to six "#", a space.
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)


#: f4/f5transkript's time mark ("#00:01:02-3#"), which closes a turn and may stand inside one.
_F4 = r"#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,2})?#"
_F4_MARK = re.compile(rf"[ \t]?{_F4}")
#: A mark before the closing punctuation of a turn ("… damals #00:00:58-6#."): the mark goes after it.
_F4_MARK_BEFORE_END = re.compile(rf"(?P<mark>[ \t]?{_F4})(?P<end>[.?!…]+)[ \t]*$", re.MULTILINE)
_F4_MARK_AT_END = re.compile(rf"{_F4}[ \t]*$", re.MULTILINE)


def _inner_time_marks(text: str) -> tuple[str, int]:
    """An f4 transcript's text without the time marks inside its turns, and how many there were.

    The mark closing a turn stays: it gives the turn's end time. A mark before the
    turn's closing punctuation is that mark, put after it. Only a text with two or more
    closing marks is an f4 transcript; any other text is returned as it is.

    Examples
    --------
    >>> _inner_time_marks("I: Früher #00:00:27-8#? So daheim. #00:00:31-6#\\nB: Ja, damals #00:00:58-6#.\\n")
    ('I: Früher? So daheim. #00:00:31-6#\\nB: Ja, damals. #00:00:58-6#\\n', 1)
    """
    if "#" not in text or len(_F4_MARK_AT_END.findall(text)) + len(_F4_MARK_BEFORE_END.findall(text)) < 2:
        return text, 0
    text = _F4_MARK_BEFORE_END.sub(lambda found: f"{found['end']} {found['mark'].strip()}", text)
    parts: list[str] = []
    last = 0
    for found in _F4_MARK.finditer(text):
        if _F4_MARK_AT_END.match(text, found.start() + (found.group()[0] in " \t")):
            continue  # the turn's closing mark
        parts.append(text[last : found.start()])
        last = found.end()
    return "".join([*parts, text[last:]]), len(parts)


#: A recording's time in square brackets ("[00:02:00]"), and the spaces before it.
_BRACKETED_TIME = re.compile(r"[ \t]*\[(?P<hours>\d{1,2}):(?P<minutes>\d{2}):(?P<seconds>\d{2})\]")
#: What a line holds before a time that opens a turn: the turn's label ("**Ann Lee:** [00:01:00] …"); a mark
#: opening a further paragraph of the turn is not its time, and goes.
_BEFORE_TURN_TIME = re.compile(r":\**[ \t]*$")
#: A turn's label after a time that opens its line ("[00:01:00] Jo Bell: …"): the time is the turn's, written first.
_LABEL_AFTER_TIME = re.compile(r"[ \t]*(?:\*\*|__)?[^\W\d_][^\n:*_\[\]]{0,60}(?:\*\*|__)?:")
#: Fewer whole-minute marks than this are times someone typed, not a transcription tool's clock.
_MINUTE_MARKS_AT_LEAST = 3


def _minute_marks(text: str) -> tuple[str, int]:
    r"""A Descript transcript's text without the marks of each minute it puts inside the turns' words, and how many.

    Descript's export marks every whole minute of the recording where it falls, mid-sentence as often
    as not ("I got a job doing video [00:02:00] games at Microsoft"); a mark right after a turn's label
    ("**Ann Lee:** [00:01:00] Awesome.") is the turn's time and stays for the segmenter to read. Only a
    text whose bracketed times are all whole minutes, at least :data:`_MINUTE_MARKS_AT_LEAST` of them,
    rising, one or more inside a line's words, is such a transcript; any other is returned as it is. Where most times
    that open a line (two or more) stand before a turn's label ("[00:01:00] Jo Bell: …") the transcript writes each
    turn's time first, as Descript does not: the marks are the turns' times, and one in a sentence ("I said [00:04:00] was the time") is the
    speaker's words, kept.

    Examples
    --------
    >>> text = "**Ann:** [00:00:00] Hi, I make [00:01:00] games.\n\n**Bo:** And you [00:02:00] sell them?\n\n**Ann:** [00:03:00] Yes.\n"
    >>> _minute_marks(text)
    ('**Ann:** [00:00:00] Hi, I make games.\n\n**Bo:** And you sell them?\n\n**Ann:** [00:03:00] Yes.\n', 2)
    >>> _minute_marks("So[01:54:00] we're [01:55:00] here, a good[01:56:00]bye.")
    ("So we're here, a good bye.", 3)

    A time someone said or noted that is not on the minute, or times that go back, leave the text as it is:

    >>> _minute_marks("We met [10:30:00] and [09:00:00] and [11:00:00] again.")[1], _minute_marks("At [00:01:00], [00:02:00], [00:02:30].")[1]
    (0, 0)
    >>> _minute_marks("[00:00:00] Ann: Hi.\n\n[00:01:00] Jo: I said [00:04:00] was the time.\n\n[00:05:00] Ann: Why?\n")[1]
    0

    One paragraph opening with a mark and holding a colon is no label written after its time:

    >>> _minute_marks("**Ann:** [00:00:00] Hi, I make [00:01:00] games.\n\n[00:02:00] The thing is: it paid.\n\n**Bo:** [00:03:00] Yes.\n")[1]
    2
    """
    if "[" not in text:
        return text, 0
    marks = list(_BRACKETED_TIME.finditer(text))
    # Times written before the labels are decided from the turns as a whole: most marks that open a line, at least
    # two, stand before a label of a few words ("[00:03:00] The thing is: it paid well." once is a sentence's colon).
    opening = [mark for mark in marks if not text[text.rfind("\n", 0, mark.start()) + 1 : mark.start()].strip(" \t*_")]
    labelled = [mark for mark in opening if (label := _LABEL_AFTER_TIME.match(text, mark.end())) and len(label.group().split()) <= 5]
    if len(labelled) >= 2 and 2 * len(labelled) > len(opening):
        return text, 0
    minutes = [int(mark["hours"]) * 60 + int(mark["minutes"]) for mark in marks]
    inside = [mark for mark in marks if not _BEFORE_TURN_TIME.search(text, text.rfind("\n", 0, mark.start()) + 1, mark.start())]
    if len(marks) < _MINUTE_MARKS_AT_LEAST or not inside or any(mark["seconds"] != "00" for mark in marks) or any(b <= a for a, b in itertools.pairwise(minutes)):
        return text, 0
    parts: list[str] = []
    last = 0
    for mark in inside:
        parts.append(text[last : mark.start()])
        # "doing video [00:02:00] games" → "doing video games" (the space before goes with the mark); words
        # either side with no space ("good[00:05:00]bye") keep one between them.
        glued = not text[mark.start() - 1 : mark.start()].isspace() and text[mark.start()] == "[" and text[mark.end() : mark.end() + 1] not in ("", " ", "\t", "\n")
        parts.append(" " if glued else "")
        last = mark.end()
    return "".join([*parts, text[last:]]), len(inside)


#: The line Otter's free plan closes each export with: no one's words, but the last turn would hold it.
_OTTER_FOOTER = re.compile(r"(?:\r?\n)*[ \t]*Transcribed by https://otter\.ai[ \t]*(?:\r?\n[ \t]*)*\Z")
#: What a transcription service's free plan writes into the text it exports, no one's words: TurboScribe's notice
#: "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)" (over the first turn and under the last, or
#: inside a caption's first cue), and Minutes AI's "These notes were taken with Minutes AI (https://myminutes.ai)" at
#: the foot of each page of its PDF, which a copy of the PDF's text leaves between a turn's paragraphs.
_SERVICE_NOTICES = {
    "TurboScribe's notice '(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)'": (
        r"\([ \t]*(?i:transcribed by turboscribe)(?:\.ai)?[ \t]*[.,:;\-–—]?[ \t]*(?i:go unlimited to remove this message)\.?[ \t]*\)"
    ),
    "Minutes AI's page footer 'These notes were taken with Minutes AI (https://myminutes.ai)'": (
        r"(?i:these notes were taken with minutes ai)[ \t]*\(https?://(?:www\.)?myminutes\.ai/?\)"
    ),
}
#: Such a notice alone on its line (the line goes, with one blank line after it), or inside a line (the notice and
#: the spaces after it go). Only the services' own words: a speaker saying "transcribed by TurboScribe" keeps them.
_SERVICE_NOTICE_LINE = {why: re.compile(rf"^[ \t]*{notice}[ \t]*(?P<end>\r?\n(?P<blank>[ \t]*\r?\n)?|\Z)", re.MULTILINE) for why, notice in _SERVICE_NOTICES.items()}
_SERVICE_NOTICE_INLINE = {why: re.compile(rf"{notice}[ \t]*") for why, notice in _SERVICE_NOTICES.items()}


def _service_notices(text: str) -> tuple[str, dict[str, int]]:
    """``text`` without the notices a transcription service writes into its exports, and how many of each went.

    TurboScribe's free plan puts "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)" over the
    first turn and under the last (or inside the first caption); Minutes AI's PDF has "These notes were taken with
    Minutes AI (https://myminutes.ai)" at each page's foot, so a copy of its text has it between a turn's
    paragraphs. Read as written, each is a speaker's words (the last turn's, the turn a page broke). A notice alone on
    its line goes with its line (and one blank line after it); one inside a line goes with the spaces after it.

    Examples
    --------
    >>> text = "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)\\n\\n[Speaker 1]\\nHi.\\n"
    >>> _service_notices(text)
    ('[Speaker 1]\\nHi.\\n', {"TurboScribe's notice '(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)'": 1})
    >>> _service_notices("Speaker 3 (00:28)\\n\\nWe cover it all.\\n\\nThese notes were taken with Minutes AI (https://myminutes.ai)\\n\\nAnd more.")[0]
    'Speaker 3 (00:28)\\n\\nWe cover it all.\\n\\nAnd more.'
    >>> _service_notices("I said it was transcribed by TurboScribe, the free one.")
    ('I said it was transcribed by TurboScribe, the free one.', {})
    """
    removed: dict[str, int] = {}

    def gone(found: re.Match[str]) -> str:
        # A paragraph of its own (a blank line before it, or nothing but blanks above) goes with the blank line after
        # it; a line between two lines of a paragraph leaves that paragraph's line break. Only the few characters
        # before it are looked at (a file of thousands of notices is read in one pass).
        start = found.start()
        alone = start <= leading or found.string.endswith(("\n\n", "\r\n\r\n"), max(0, start - 4), start)
        return "" if alone or not found["blank"] else found["blank"]

    for why in _SERVICE_NOTICES:
        leading = len(text) - len(text.lstrip())
        text, lines = _SERVICE_NOTICE_LINE[why].subn(gone, text)
        text, inline = _SERVICE_NOTICE_INLINE[why].subn("", text)
        if lines + inline:
            removed[why] = lines + inline
    return text, removed
#: Rev's label with the time a turn starts ("Speaker 1 (00:00):", "Lenny Rachitsky (00:01:31):"), alone on its line.
_TIMED_LABEL_LINE = re.compile(r"^[^\W\d_][^\n():]{0,60}? \((?:\d{1,2}:)?\d{1,2}:\d{2}\):[ \t]*\r?$", re.MULTILINE)
#: The time alone opening a further paragraph of the same turn ("(00:01:31):"), with the line break or space after it.
_PARAGRAPH_TIME_MARK = re.compile(r"^\((?:\d{1,2}:)?\d{1,2}:\d{2}\):(?:[ \t]*\r?\n|[ \t]+|[ \t]*$)", re.MULTILINE)


#: A time in square brackets, as a podcast's Markdown writes it ("[04:18]", "[01:03:56.22]").
_BRACKET_TIME = r"\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\.\d{1,3})?\]"
#: A turn's label and then its time in square brackets ("**Adam Stacoviak:** [04:18] …", "Ann: [00:31] …").
_LABEL_BRACKET_TIME_LINE = re.compile(rf"^(?:\*\*|__)?[^\W\d_][^\n:*_]{{0,60}}(?:\*\*|__)?:(?:\*\*|__)?[ \t]+{_BRACKET_TIME}", re.MULTILINE)
#: The time first and then the label ("[04:18] Ann: …"): a convention whose line-opening times are the turns'.
_BRACKET_TIME_LABEL_LINE = re.compile(rf"^{_BRACKET_TIME}[ \t]+(?:\*\*|__)?[^\W\d_][^\n:*_]{{0,60}}(?:\*\*|__)?:", re.MULTILINE)
#: Such a time alone opening a further paragraph of a turn, and the spaces after it.
_BRACKET_PARAGRAPH_TIME = re.compile(rf"^{_BRACKET_TIME}[ \t]*", re.MULTILINE)


def _paragraph_time_marks(text: str) -> tuple[str, int]:
    """A Rev-style transcript's text without the times opening the further paragraphs of a turn, and how many.

    Rev (and the podcast transcripts made the same way) labels each turn with its time, "Speaker 1
    (00:00):", and opens each further paragraph of a long turn with its time alone, "(01:31):": the
    turn's words go on. Only a text with two or more such labels is one; any other is returned as it is.

    Examples
    --------
    >>> _paragraph_time_marks("Ann (00:00):\\nHello.\\n\\n(00:31):\\nMore.\\n\\nBo (00:40):\\nYes.\\n")
    ('Ann (00:00):\\nHello.\\n\\nMore.\\n\\nBo (00:40):\\nYes.\\n', 1)

    A student's Markdown of a recording's transcript writes the time first, then the label in bold, and
    opens every further line of the turn with its own time ("(0:00) **Ana:** Hello,", "(0:03) and welcome."):
    those further times go too, the label lines keep theirs (the turn's time).

    >>> _paragraph_time_marks("(0:00) **Ana:** Hello,\\n(0:03) and welcome.\\n(0:05) **Bo:** Thanks.\\n")
    ('(0:00) **Ana:** Hello,\\nand welcome.\\n(0:05) **Bo:** Thanks.\\n', 1)

    A podcast's Markdown puts the time in square brackets after the label ("**Ann:** [04:18] So…", once its
    escapes are read) and opens a long turn's further paragraphs with their time alone ("[16:10] And then…"):

    >>> _paragraph_time_marks("**Ann:** [04:18] So we met.\\n\\n[16:10] And then?\\n\\n**Bo:** [16:30] Yes.\\n")
    ('**Ann:** [04:18] So we met.\\n\\nAnd then?\\n\\n**Bo:** [16:30] Yes.\\n', 1)
    """
    if ") **" in text and len(_TIME_BOLD_LABEL_LINE.findall(text)) >= 2:
        return _LINE_TIME_MARK.subn("", text)
    if "] " in text and len(_LABEL_BRACKET_TIME_LINE.findall(text)) >= max(2, len(_BRACKET_TIME_LABEL_LINE.findall(text))):
        return _BRACKET_PARAGRAPH_TIME.subn("", text)
    if "):" not in text or len(_TIMED_LABEL_LINE.findall(text)) < 2:
        return text, 0
    return _PARAGRAPH_TIME_MARK.subn("", text)


#: A line opening with the time in brackets, then a label in bold: "(0:31) **Andrés:**".
_TIME_BOLD_LABEL_LINE = re.compile(r"^[ \t]*\((?:\d{1,2}:)?\d{1,2}:\d{2}\)[ \t]+\*\*[^*\n]{1,60}?(?::\*\*|\*\*[ \t]*:)", re.MULTILINE)
#: The time in brackets opening any other line ("(0:03) and welcome."), with the space after it.
_LINE_TIME_MARK = re.compile(r"^[ \t]*\((?:\d{1,2}:)?\d{1,2}:\d{2}\)[ \t]+(?!\*\*[^*\n]{1,60}?(?::\*\*|\*\*[ \t]*:))", re.MULTILINE)


#: A Markdown file's YAML front matter: "---" on the first line, "key: value" lines, "---" or "..." closing it.
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,200}?)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)")
#: A key of front matter: "title: …", "Título: …", or "tags:" over its list on the lines below (Obsidian's,
#: Joplin's); a key of two to four words all in lower case ("place of birth:", "date of interview:", "speaker 1:")
#: is YAML's too, and so is a capitalised one joined by a small word ("Ferramenta de Transcrição:", "Date of
#: Birth:"). Not "Speaker 1:", "Ann Lee:" (a speaker) or "We met at ten:" (a sentence, as prose between rules opens).
_FRONT_MATTER_KEY = re.compile(
    r"(?:[^\W\d][\w-]{0,40}|[a-z_][a-z_-]{0,40}(?: [a-z0-9][a-z0-9_-]{0,40}){1,3}"
    r"|[^\W\d][\w-]{0,40} (?:of|de|da|do|del|du|di|der)(?: [^\W\d][\w-]{0,40}){1,2}):(?=[ \t]|\r?\n|$)"
)
#: What every line of front matter is: a key, a line of a value indented under it, a list item, a comment, nothing.
_FRONT_MATTER_LINE = re.compile(rf"{_FRONT_MATTER_KEY.pattern}|[ \t]|- |#|\r?$")


def _cut_front_matter(text: str) -> tuple[str, int]:
    """``text`` without the YAML front matter it opens with, and how many lines that was (0: none).

    Only a block that opens with a ``key:`` line and holds nothing but YAML's lines counts: a
    Markdown file opening with a rule ("---") and prose keeps its words.

    Examples
    --------
    >>> _cut_front_matter("---\\ntitle: Hello\\ndate: 2019-06-24\\n---\\n\\n**(Kelly)** Hi")
    ('\\n**(Kelly)** Hi', 4)
    >>> _cut_front_matter("---\\nWe met at ten.\\n---\\n")[1]
    0
    """
    found = _FRONT_MATTER.match(text)
    if found is None or _FRONT_MATTER_KEY.match(found.group("body").lstrip(" \t\r\n")) is None:  # blank lines may open it
        return text, 0
    lines = found.group("body").split("\n")
    keys = [key.group().split(":")[0] for line in lines if (key := _FRONT_MATTER_KEY.match(line))]
    if not all(_FRONT_MATTER_LINE.match(line) for line in lines) or len(set(keys)) < len(keys):
        return text, 0  # a key twice is no YAML: "Interviewer: …" and "Jane: …" turns between rules
    if any(_turn_between_rules(line, text[found.end() :]) for line in lines):
        return text, 0  # a transcript's opening exchange between rules: "Maria da Silva: Em Lisboa, …"
    return text[found.end() :], text.count("\n", 0, found.end())


#: A key line's key and the words after it on the same line.
_FRONT_MATTER_PAIR = re.compile(r"(?P<key>[^:\n]+):[ \t]+(?P<value>\S[^\n]*?)[ \t]*\r?$")
#: A value that names someone or something ("Marta Sá", "Maria da Silva", "Otter.ai"): a few words, each capitalised
#: or a small word joining a name, and no sentence's end.
_NAME_VALUE = re.compile(
    r"[\W]*[A-Z0-9À-ÖØ-Þ][\w'’.&()-]*"
    r"(?:[ \t]+(?:[\W]*[A-Z0-9À-ÖØ-Þ][\w'’.&()-]*|de|da|do|das|dos|del|della|di|du|la|le|van|von|der|den|ter|e|y|and|&)){0,5}"
)
#: Keys whose value is free text in a write-up's front matter (a title may well be a question).
_FREE_TEXT_KEYS = frozenset(
    {"title", "título", "titulo", "titre", "titel", "titolo", "name", "nome", "subject", "assunto", "description",
     "descrição", "summary", "resumo", "abstract", "notes", "notas", "note", "caption", "legenda", "image", "images", "foto"}
)


def _turn_between_rules(line: str, rest: str) -> bool:
    """Whether a line between a Markdown file's opening rules is a turn, not a key of front matter.

    It is where its words read as said (a question, or a sentence of four words or more, after a capitalised
    label that names no free-text field), or where its label opens lines of the transcript below it and its words
    name no one ("speaker 1: so where were we" over "speaker 1:" turns; not "speaker 1: Ana Reis" over them). Such a
    label is a name's (capitalised) or a tool's numbered voice: lower-case keys are YAML's, and a file of several
    forms repeats them ("job: teacher" in each).

    Examples
    --------
    >>> _turn_between_rules("Maria da Silva: Em Lisboa, na Graça.", "\\nMaria da Silva: Fui para o Porto.\\n")
    True
    >>> _turn_between_rules("Entrevistadora: Onde cresceste?", "")
    True
    >>> _turn_between_rules("speaker 1: Ana Reis", "\\n**Speaker 1:** Olá.\\n")
    False
    >>> _turn_between_rules("Title: Why do we garden?", "")
    False
    """
    pair = _FRONT_MATTER_PAIR.match(line)
    if pair is None or not _FRONT_MATTER_KEY.match(line):
        return False
    key, value = pair["key"].strip(), pair["value"]
    if _NAME_VALUE.fullmatch(value.rstrip(".")) and not value.endswith(("?", "!")):
        return False
    if key.lower() in _FREE_TEXT_KEYS:
        return False
    if key[0].isupper() and (value.endswith(("?", "!", "?\"", "!\"")) or (value.endswith((".", "…", ".\"")) and len(value.split()) >= 4)):
        return True
    if _SPEAKER_SHAPED_KEY.fullmatch(key) is None or not (key[0].isupper() or re.fullmatch(_DIARISED, key)):
        # "av_source:", "job:" are a machine's or a form's keys, which the page's text or the next form repeats.
        return False
    return re.search(rf"^[ \t]*[*_]{{0,2}}{re.escape(key)}[ \t]*[*_]{{0,2}}[ \t]*:", rest, re.MULTILINE | re.IGNORECASE) is not None


#: A key shaped as a speaker's label: words of letters or digits apart by spaces ("Maria da Silva", "speaker 1"),
#: capitalised as a name is, or a transcription tool's numbered voice.
_SPEAKER_SHAPED_KEY = re.compile(r"[^\W_]+(?: [^\W_]+){0,4}")


#: The ``date:`` line of front matter ("date: 2019-05-13", 'date: "2008-09-01"', "date: 2019-05-13 10:00:00 +0000"),
#: else the note apps' ``created:`` (Obsidian's and Joplin's, "created: 2024-03-12 10:05:00Z"; "Created at", "creation date").
#: An interview's own date key counts as ``date:`` does ("date_interview:", "date of interview:", "interview date:");
#: not any key with "date" in it ("date of birth: 1967" is the interviewee's).
_FRONT_MATTER_DATE = re.compile(r"^(?:date|date[ _](?:of[ _](?:the[ _])?)?interview|interview[ _]date):[ \t]*[\"']?(?P<value>[^\"'\n]+)", re.MULTILINE | re.IGNORECASE)
_FRONT_MATTER_CREATED = re.compile(r"^(?:created|created[ _]?(?:at|on|time)|creation[ _]?date|date[ _]created):[ \t]*[\"']?(?P<value>[^\"'\n]+)", re.MULTILINE | re.IGNORECASE)


def _front_matter_date(text: str) -> date | None:
    """The date a Markdown file's front matter gives (its ``date:`` key), or ``None``.

    Examples
    --------
    >>> _front_matter_date('---\\ntitle: Minutes\\ndate: "2019-05-13"\\n---\\nText')
    datetime.date(2019, 5, 13)
    >>> _front_matter_date("---\\ntitle: Minutes\\n---\\nText") is None
    True
    >>> _front_matter_date("---\\nTítulo: Ata\\nData: 05/03/2025\\n---\\nTexto")
    datetime.date(2025, 3, 5)
    """
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    written = _FRONT_MATTER_DATE.search(found.group("body"))
    if written is None:
        # A key a header's line dates the interview by, in the transcript's language ("Data: 05/03/2025", "Fecha:").
        labelled = (line for line in _FRONT_MATTER_VALUE.finditer(found.group("body")) if line["key"].strip().lower().replace("_", " ") in _HEADER_DATE_LABELS)
        written = next((line for line in labelled if find_date(line["value"]) is not None), None)
    written = written or _FRONT_MATTER_CREATED.search(found.group("body"))
    return find_date(written.group("value")) if written is not None else None


#: A line of front matter that gives one value ("participant: P01", 'wave: "W2"'); lists and blocks are not single values.
_FRONT_MATTER_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w -]{0,40}?)[ \t]*:[ \t]+(?P<value>[^\s\[{|>&*!#][^\n]*?|[\"'][^\n]*?)[ \t]*\r?$", re.MULTILINE)


#: Front matter keys qlr reads for something else (the document's date, whose it is, who speaks), or a page's
#: housekeeping (an editor's layout and links): no attributes of the interview.
_FRONT_MATTER_READ = frozenset(
    "date|created|updated|modified|last modified|participant|case|wave|speakers|interviewer|interviewee|tags|aliases|"
    "cssclass|cssclasses|layout|permalink|draft|publish|slug|template|id|uid|url".split("|")
)


def _front_matter_attributes(properties: Mapping[str, str]) -> dict[str, str]:
    """What a transcript's front matter says of its interview, as columns of the document's row.

    >>> _front_matter_attributes({"gender": "Female", "age": "18", "borough": "Newham", "date": "2019-05-02", "wave": "W1"})
    {'gender': 'Female', 'age': '18', 'borough': 'Newham'}
    """
    # "interviewer: not known yet." names no one: kept as written (the interviewer's key is read only for names).
    return {
        key: value
        for key, value in properties.items()
        if value and (key not in _FRONT_MATTER_READ or _declared_role(key) == "interviewer") and key not in _NOTION_KEYS and not _read_for_something_else(key, value)
    }


#: A value that is only a link ("audio: https://…/p01.mp3"): a page's housekeeping, not of the interview.
_LINK_VALUE = re.compile(r"<?(?:https?://|www\.)\S+>?\Z", re.IGNORECASE)


def _read_for_something_else(key: str, value: str) -> bool:
    """Whether a front matter key is one qlr reads for something else than an attribute: the interview's date (any
    of the keys :func:`_front_matter_date` reads, "date of interview:", a header's date label in another language
    holding a date, "created:"), a role naming someone ("entrevistadora: Ana Reis", as :func:`front_matter_people`
    reads it), or a link.

    >>> [_read_for_something_else(k, v) for k, v in [("date of interview", "2021-03-04"), ("entrevistadora", "Ana"), ("audio", "https://x.org/a.mp3"), ("date of birth", "1967"), ("age", "18")]]
    [True, True, True, False, False]
    """
    line = f"{key}: {value}"
    if _FRONT_MATTER_DATE.match(line) or _FRONT_MATTER_CREATED.match(line):
        return True
    if key.replace("_", " ") in _HEADER_DATE_LABELS and find_date(value) is not None:
        return True
    # A role's key names people only when its value is names (front_matter_people); "interviewer: not known yet." or
    # "interviewers: [Jo, 7]" is the document's column as written, not dropped unsaid (review of stop 54).
    named = _declared_role(key) is not None and (_declared_role(key) != "interviewer" or _names_only(", ".join(value.split("; ")).strip()))
    return named or _LINK_VALUE.match(value.strip()) is not None


def _front_matter_speakers(text: str) -> dict[str, str] | None:
    """The roles a Markdown file's front matter ``speakers:`` mapping gives its labels (lower-case label -> role), as
    study.yaml's ``speakers:`` does; ``None`` where it is no mapping of labels to qlr's roles.

    >>> _front_matter_speakers("---\\nspeakers: {Sam: interviewer, Mira: Participant}\\n---\\nSam: Hi.")
    {'sam': 'interviewer', 'mira': 'participant'}
    >>> _front_matter_speakers("---\\nspeakers: {Sam: host}\\n---\\nSam: Hi.") is None
    True
    """
    found = _FRONT_MATTER.match(text)
    said = mapping_under(found.group("body"), "speakers") if found is not None else None
    if not said:
        return None
    roles = {label.strip().lower(): role.strip().lower() for label, role in said.items()}
    return roles if all(label and role in SPEAKER_ROLES for label, role in roles.items()) else None


def _nested_front_matter(keys: list[str]) -> str:
    """What a warning says of front matter values that nest deeper than a list ("author: {name: Ann}"), naming them.

    >>> _nested_front_matter(["author", "speakers"])
    "front matter values ('author', 'speakers') holding keys or lists of their own, which no column of the document holds (to keep them, write each as one value or a list of values; the transcript's words are all read; 'speakers:' maps each label to interviewer, participant, observer or other, as study.yaml's does)"
    """
    shown = ", ".join(repr(key) for key in keys)
    several = len(keys) > 1
    advice = f"to keep {'them' if several else 'it'}, write {'each' if several else 'it'} as one value or a list of values; the transcript's words are all read"
    if "speakers" in keys:
        advice += "; 'speakers:' maps each label to interviewer, participant, observer or other, as study.yaml's does"
    roles = [key for key in keys if _declared_role(key) is not None]
    if roles:
        advice += f"; {', '.join(repr(key + ':') for key in roles)} names {'people' if len(roles) > 1 else 'people in that role'} by name: one name, or a list of names ('interviewers: [Jo, Sam]')"
    return f"front matter value{'s' if several else ''} ({shown}) holding keys or lists of {'their' if several else 'its'} own, which no column of the document holds ({advice})"


#: The rule under a Markdown table's header row ("|---|:---:|"); its rows are :data:`_PIPE_ROW`'s.
_PIPE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)*[ \t]*:?-{3,}:?[ \t]*\|?[ \t]*$")
#: How many lines (a title, a sentence) may stand above a table that heads the file.
_HEADER_TABLE_AFTER = 3


def _header_table(text: str) -> dict[str, str]:
    """The fields of a one-row Markdown table heading a write-up of an interview, header cell → cell, where its header
    cells name who asks and who answers ("| Data de Realização | Entrevistado | Entrevistadora |" over "| 22/08/2021 |
    Ana | Sofia |", as a requirements course's interviews name whom they asked and who asked); else nothing (a
    training session's "| Responsável | Participantes |" names no interview).

    Only the file's first table, among its first lines (a title and a sentence may stand above it), of one header
    row, its rule and one row: a table of several interviews lists them, it heads none.

    Examples
    --------
    >>> _header_table("# Entrevista 5\\n\\n| Data | Entrevistado | **Entrevistadora** |\\n|---|---|---|\\n| 22/08/2021 | Ana Lima | Sofia Reis |\\n\\nTexto.")
    {'Data': '22/08/2021', 'Entrevistado': 'Ana Lima', 'Entrevistadora': 'Sofia Reis'}
    >>> _header_table("| Interviewee | Date |\\n|---|---|\\n| Ana | 2021 |\\n| Bo | 2022 |\\n")  # two interviews listed
    {}
    >>> _header_table("| Age | Gender |\\n|---|---|\\n| 58 | female |\\n"), _header_table("| Data | Participantes |\\n|---|---|\\n| 2021 | Grupos A e B |\\n")
    ({}, {})
    >>> _header_table("| Entrevistado | Entrevistado | Entrevistadora |\\n|---|---|---|\\n| Ana | Bia | Sofia |\\n")  # a group's two
    {}
    """
    lines = text.split("\n")
    filled = [at for at, line in enumerate(lines) if line.strip()][: _HEADER_TABLE_AFTER + 1]
    first = next((at for at in filled if _PIPE_ROW.match(lines[at])), None)
    if first is None:
        return {}
    rows = list(itertools.takewhile(lambda line: bool(line.strip()), lines[first:]))
    if len(rows) != 3 or not _PIPE_RULE.match(rows[1]) or not _PIPE_ROW.match(rows[2]):
        return {}

    def cells(row: str) -> list[str]:
        return [cell.strip().strip("*_").strip() for cell in row.strip()[1:-1].split("|")]

    keys, values = cells(rows[0]), cells(rows[2])
    # A header cell twice ("| Entrevistado | Entrevistado |" over two names: a group's) would keep only its last name
    # and name the case after one member of a group (review rvH): such a table names no one.
    if len(set(keys)) < len(keys):
        return {}
    fields = {key: value for key, value in zip(keys, values) if key and value} if len(keys) == len(values) else {}
    roles = {_declared_role(key) for key in fields}
    return fields if "interviewer" in roles and roles - {"interviewer", None} else {}


def _header_table_date(fields: dict[str, str]) -> date | None:
    """The date an interview's header table gives (:func:`_header_table`'s fields): a cell under a date's header
    ("Data de Realização", "Date", "Fecha de la entrevista"), read day first; else ``None``.

    Examples
    --------
    >>> _header_table_date({"Data de Realização": "05/09/2021", "Entrevistado": "Ana"}), _header_table_date({"Entrevistado": "Ana 2021"})
    (datetime.date(2021, 9, 5), None)
    """
    for key, value in fields.items():
        label = key.lower().replace("_", " ")
        if label in _HEADER_DATE_LABELS or label.split()[0] in _TABLE_DATE_WORDS:
            if (day := find_date(value)) is not None:
                return day
    return None


#: A header table's first word of a date's column: "Data de Realização", "Fecha de la entrevista", "Date of visit".
_TABLE_DATE_WORDS = frozenset({"date", "data", "fecha", "datum", "dato"})


def _front_matter_lists(text: str) -> tuple[dict[str, str], list[str]]:
    """What a Markdown file's YAML front matter gives beside its single values (lower-case key -> value): each list of
    values as one, its items joined by "; ", and each ``|``/``>`` block's text; and the keys whose value nests deeper
    (:func:`.._yaml.several_values`). Nothing where the front matter is no YAML.

    >>> _front_matter_lists("---\\ntopics: [housing, care]\\nNotes: |\\n  Met at ten.\\ncontact:\\n  phone: none\\n---\\nWords")
    ({'topics': 'housing; care', 'notes': 'Met at ten.'}, ['contact'])
    """
    found = _FRONT_MATTER.match(text)
    written = several_values(found.group("body")) if found is not None else None
    if written is None:
        return {}, []
    values, nested = written
    return {key.strip().lower(): value for key, value in values.items()}, [key.strip().lower() for key in nested]


def page_properties(text: str) -> dict[str, str]:
    """What a Markdown file's front matter says, one value a key (lower-case key -> value as written, quotes taken off).

    Examples
    --------
    >>> page_properties('---\\nParticipant: "P01"\\nwave: W2\\ntags:\\n  - carers\\n---\\nWords')
    {'participant': 'P01', 'wave': 'W2'}
    """
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}
    values: dict[str, str] = {}
    written = single_values(found.group("body"))
    if written is not None:  # YAML, as front matter is meant to be: its values as written, a "# comment" off
        for key, value in written.items():
            if value:
                values.setdefault(key.strip().lower(), value.strip())
        return values
    for line in _FRONT_MATTER_VALUE.finditer(found.group("body")):  # not YAML ("title: Interview: P01"): a line a value
        value = line["value"].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value not in ("~", "null", "Null", "NULL"):
            values.setdefault(line["key"].strip().lower(), value)
    return values


#: Notion's Markdown export of a page: its title, a blank line, then its properties one a line ("Created: March 3,
#: 2024 10:12 AM", "Tags: carers, W1", "Ran today: No") and a blank line before its words.
_NOTION_BLOCK = re.compile(r"\A(?P<title>#[ \t]+[^\n]*\n)[ \t]*\n(?P<block>(?:[^\s:#>*|`\[-][^:\n]{0,60}?:(?:[ \t][^\n]*)?(?:\n|\Z)){1,80})(?:[ \t]*(?:\n|\Z)|\Z)")
_NOTION_PROPERTY = re.compile(r"(?P<key>[^:\n]{1,61}?):(?P<value>[^\n]*)")
#: The 32-hex id Notion puts after a page's name in its export ("Visit to Tom 1c8bb52ee2b58184a7c1d76b0620d99b.md").
_NOTION_ID = re.compile(r" [0-9a-f]{32}\Z")
#: Properties Notion gives pages of itself or in its templates: a block holding one of them is a page's properties.
_NOTION_KEYS = frozenset(
    "created|created time|created at|created by|last edited|last edited time|last edited by|tags|status|date|full date|owner|type|category|priority|assignee|url".split("|")
)


def _property_date(properties: dict[str, str]) -> date | None:
    """The date a page's properties give it: a ``date`` property's (any with "date" in its name), else when it was created."""
    ordered = sorted(properties, key=lambda key: (key != "date", "date" not in key, not key.startswith("created")))
    for key in ordered:
        if ("date" in key or key.startswith("created")) and (day := find_date(properties[key], dayfirst=False)) is not None:
            return day
    return None


def _cut_notion_properties(text: str, stem: str) -> tuple[str, int, dict[str, str]]:
    """``text`` without the property lines under a Notion page's title, how many lines they were, and the properties.

    Only a block that is a page's properties counts: its names each once, none of them a speaker's
    label that opens a later line or a transcript's role ("Interviewer"), and Notion's own (its id in
    the file's name, a property such as ``Created`` or ``Tags``, or a date property).  "# Interview"
    over "Ann: Hello" is a transcript and stays as written.

    Examples
    --------
    >>> _cut_notion_properties("# Visit\\n\\nCreated: March 3, 2024 10:12 AM\\nTags: carers\\n\\nWe met at ten.", "Visit")
    ('# Visit\\n\\nWe met at ten.', 2, {'created': 'March 3, 2024 10:12 AM', 'tags': 'carers'})
    >>> _cut_notion_properties("# Interview\\n\\nInterviewer: How long?\\nAnn: Years.\\n\\nInterviewer: And now?", "P01")[1]
    0
    """
    found = _NOTION_BLOCK.match(text) if text.startswith("#") else None
    if found is None:
        return text, 0, {}
    pairs = [(line["key"].strip(), line["value"].strip()) for line in _NOTION_PROPERTY.finditer(found["block"])]
    keys = [key.lower() for key, _ in pairs]
    after = text[found.end() :]
    if len(set(keys)) < len(keys) or any(_is_role_label(key) for key, _ in pairs):
        return text, 0, {}
    if any(re.search(rf"^[ \t]*(?:\*\*|__)?{re.escape(key)}(?:\*\*|__)?[ \t]*:", after, re.MULTILINE) for key, _ in pairs):
        return text, 0, {}  # a label that opens later lines too: a speaker's turns
    properties = dict(zip(keys, (value for _, value in pairs)))
    if not (_NOTION_ID.search(stem) or _NOTION_KEYS.intersection(keys) or _property_date(properties) is not None):
        return text, 0, {}
    return f"{found['title']}\n{after}", len(pairs), properties


#: The front matter keys (or Notion properties) that say whose a note is and when: participant or case, wave, kind.
_OWNER_KEYS = {
    "case": ("participant", "participant_id", "participant id", "case", "case_id", "case id"),
    "wave": ("wave", "wave_id", "wave id"),
    "kind": ("kind",),
}
#: The largest Markdown file whose front matter planning reads (a note; anything larger is read only when loaded).
_OWNER_BYTES = 20 * 1024 * 1024


def whose_note(path: Path) -> dict[str, Any]:
    """What a Markdown note says of itself in its front matter (or Notion properties): its ``case``, ``wave``, ``kind`` and ``date``.

    Only the keys the note gives are returned (``participant:`` or ``case:``, ``wave:``, ``kind:``, and
    the date as the reader takes it); an id that cannot be one (a path, a list) is not.  Anything but a
    Markdown file, or one that cannot be read, says nothing.

    Examples
    --------
    >>> import tempfile, os
    >>> note = os.path.join(tempfile.mkdtemp(), "visit.md")
    >>> _ = open(note, "w").write("---\\nparticipant: P01\\nwave: W2\\ndate: 2024-03-12\\n---\\nTom was out.\\n")
    >>> whose_note(Path(note))
    {'case': 'P01', 'wave': 'W2', 'date': datetime.date(2024, 3, 12)}
    """
    from .._check import check_id

    if path.suffix.lower() not in (".md", ".markdown"):
        return {}
    try:
        if path.stat().st_size > _OWNER_BYTES:
            return {}
        text = normalise_newlines(decode_bytes(path.read_bytes(), path)[0])
    except (OSError, DocumentFormatError, UnicodeError):
        return {}
    text = text.lstrip("\ufeff")
    properties = page_properties(text)
    written = _front_matter_date(text) if properties else None
    if not properties:
        properties = _cut_notion_properties(text, path.stem)[2]
        written = _property_date(properties)
    said: dict[str, Any] = {}
    for what, keys in _OWNER_KEYS.items():
        value = next((properties[key] for key in keys if properties.get(key)), None)
        if value is None:
            continue
        try:
            said[what] = check_id(what, value.strip())
        except ValueError:
            continue
    if said.get("kind") is not None:
        from ._segment import KIND_STRATEGY, canonical_kind

        kind = canonical_kind(said["kind"])
        if kind in KIND_STRATEGY:
            said["kind"] = kind
        else:
            del said["kind"]
    if said and written is not None:
        said["date"] = written
    return said


#: Joplin's note exported raw (or its sync folder's ``.md``): the note's words, then a block of its fields,
#: "id: <32 hex>" first and "type_: 1" last ("parent_id:", "created_time:", "user_created_time:", …).
_JOPLIN_FIELDS = re.compile(r"(?:\r?\n)+id: [0-9a-f]{32}\r?\n(?:[a-z_]{1,40}: [^\n]*\r?\n){0,60}type_: \d{1,2}[ \t]*(?:\r?\n)*\Z")
_JOPLIN_CREATED = re.compile(r"^(?:user_created_time|created_time): (?P<value>\d{4}-\d{2}-\d{2})", re.MULTILINE)
_JOPLIN_USER_CREATED = re.compile(r"^user_created_time: (?P<value>\d{4}-\d{2}-\d{2})", re.MULTILINE)


def _cut_joplin_fields(text: str) -> tuple[str, int, date | None]:
    """``text`` without the fields Joplin writes after a note's words, how many lines they were, and the note's date.

    Examples
    --------
    >>> _cut_joplin_fields("Visit\\n\\nQuiet day.\\n\\nid: " + "a" * 32 + "\\nuser_created_time: 2024-04-13T16:23:00.000Z\\ntype_: 1")
    ('Visit\\n\\nQuiet day.', 3, datetime.date(2024, 4, 13))
    """
    found = _JOPLIN_FIELDS.search(text)
    if found is None:
        return text, 0, None
    created = _JOPLIN_USER_CREATED.search(found.group()) or _JOPLIN_CREATED.search(found.group())  # the date the writer gave it first
    return text[: found.start()], found.group().strip().count("\n") + 1, find_date(created.group("value")) if created else None


#: A daily note's name (Obsidian's, Logseq's, a journal app's): the day alone, "2024-03-12", "2024_03_12", "2024-03-12 Tuesday".
_DAILY_NOTE = re.compile(r"(\d{4})[-_.](\d{2})[-_.](\d{2})(?:[ _-]+[^\W\d_]{3,9})?")


def _daily_note_date(path: Path) -> date | None:
    """The day a daily note's file name is, or ``None`` (a name that holds more than a day says more than its date)."""
    found = _DAILY_NOTE.fullmatch(path.stem)
    return find_date("-".join(found.groups())) if found is not None else None


#: An HTML character reference ("&#39;", "&#x2019;", "&amp;"), as Markdown decodes it.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_references(text: str) -> tuple[str, int]:
    """``text`` with its HTML character references decoded, and how many named a character ("R&D;" names none).

    A control character ("&#10;") becomes a space: the text's line breaks are its own.
    """
    parts: list[str] = []
    decoded, last = 0, 0
    for found in _CHARACTER_REFERENCE.finditer(text):
        character = html.unescape(found.group())
        if character == found.group():
            continue
        parts += [text[last : found.start()], " " if unicodedata.category(character).startswith("C") else character]
        decoded, last = decoded + 1, found.end()
    return "".join([*parts, text[last:]]), decoded


#: A backslash escape of Markdown punctuation ("\[", "\*", "\_"): the page shows the character alone (CommonMark
#: lets any ASCII punctuation be escaped so; a backslash before anything else stays).
_MARKDOWN_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def _markdown_escapes(text: str) -> tuple[str, int]:
    r"""Markdown ``text`` with its backslash escapes read as the characters the page shows, and how many.

    A transcript kept as Markdown escapes its square brackets so that they are not read as a link:
    "**Ann:** \[04:18\] We met \[laughs\]" shows "[04:18]" (the turn's time) and "[laughs]" (a note).
    Code spans keep theirs, as Markdown does.

    Examples
    --------
    >>> _markdown_escapes(r"**Ann:** \[04:18\] We met \[laughs\], 5 \* 3, C:\Users and `a\*b`.")
    ('**Ann:** [04:18] We met [laughs], 5 * 3, C:\\Users and `a\\*b`.', 5)
    """
    if "\\" not in text:
        return text, 0
    parts: list[str] = []
    escaped = 0
    for index, piece in enumerate(re.split(r"(`[^`\n]*`)", text)):
        if index % 2:  # a code span: as written
            parts.append(piece)
            continue
        piece, count = _MARKDOWN_ESCAPE.subn(r"\1", piece)
        parts.append(piece)
        escaped += count
    return "".join(parts), escaped


#: A link's target in Markdown: "(url)", "(url "title")", "(<a path with spaces>)", a path with spaces as converters
#: write it ("(Notes/Visit to Tom.md)"), one level of parentheses inside ("(https://en.wikipedia.org/wiki/Bath_(UK))").
_LINK_TARGET = r"\((?:<[^<>\n]{0,2000}>[^()\n]{0,300}|(?:[^()\n]|\([^()\n]{0,300}\)){0,2000})\)"
#: A picture or file shown in the page: "![alt](photo.png)", "![[photo.png|200]]" (Obsidian's embed, which may
#: also show another note's words: not this note's).
_MARKDOWN_IMAGE = re.compile(rf"!\[[^\[\]\n]{{0,1000}}\]{_LINK_TARGET}|!\[\[[^\[\]\n]{{1,1000}}\]\]")
#: A link: its visible words in square brackets, then its target in parentheses or a reference ("[text][ref]").
_MARKDOWN_LINK = re.compile(rf"(?<![!\\])\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]{{0,300}}\]){{0,1000}})\](?:{_LINK_TARGET}|\[[^\[\]\n]{{0,300}}\])")
#: A wiki link (Obsidian, Logseq, Roam, Foam): "[[Note]]", "[[Note|shown words]]", "[[Note#Heading]]", "[[folder/Note.md]]".
_WIKI_LINK = re.compile(r"(?<!!)\[\[(?P<target>[^\[\]|\n]{1,1000}?)(?:\\?\|(?P<alias>[^\[\]\n]{0,1000}))?\]\]")
#: A reference link's definition on its own line ("[1]: https://example.org "Title""): where a link goes, no words.
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]{1,300}\]:[ \t]+\S+(?:[ \t]+[\"'(][^\n]*)?[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
#: A web address written out ("https://…", "<https://…>", "www.…"); the sentence's closing punctuation is not part of it.
_BARE_URL = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]{1,2000}>|(?<![\w/@.-])(?:(?:https?|ftp)://|www\.)[^\s<>\"']{1,2000}(?<![.,;:!?)\]'\"])")
#: A to-do box opening a list item ("- [ ] Call the centre", "* [x] Done"): its item is the words.
_TODO_BOX = re.compile(r"^(?P<item>[ \t]{0,12}(?:[-*+]|\d{1,3}[.)])[ \t]+)\[[ xX]\][ \t]*", re.MULTILINE)


def _link_words(text: str) -> str:
    """The words a link shows, without any web address among them ("[https://x.org](https://x.org)" shows none)."""
    return _BARE_URL.sub("", text).strip()


#: An HTML table in a Markdown file, from its opening tag at a line's start to its closing tag, not past another
#: table's opening (a "<table>" never closed looks no further than the next, so many such lines read in linear time).
_MARKDOWN_HTML_TABLE = re.compile(r"^[ \t]*<table\b[^>]*>(?:(?!<table\b).)*?</table>[ \t]*$", re.IGNORECASE | re.DOTALL | re.MULTILINE)
#: Where one row of such a table ends, and where its first cell opens.
_ROW_END = re.compile(r"</tr\s*>", re.IGNORECASE)
_FIRST_CELL = re.compile(r"<t[dh]\b", re.IGNORECASE)


def _markdown_html_tables(text: str) -> tuple[str, int]:
    r"""A Markdown text's HTML tables as text, and how many: each row a paragraph, each cell and list item a line.

    GitBook and Notion write a Markdown page's table in HTML (``<table><tr><td>Quorum</td><td><ul><li>…``), all on
    one line; read as it is, its tags were words and the whole table one paragraph. A table holding another, or
    one lxml cannot read, is left as written.

    Examples
    --------
    >>> _markdown_html_tables("## Agenda\n\n<table><tr><th>Item</th><th>Notes</th></tr><tr><td>Quorum &#x26; votes</td>"
    ...                       "<td><ul><li>Agreed.</li><li>Seconded.</li></ul></td></tr></table>\n\nEnd.\n")
    ('## Agenda\n\nItem\nNotes\n\nQuorum & votes\nAgreed.\nSeconded.\n\nEnd.\n', 1)
    >>> _markdown_html_tables("A <table> is furniture.\n")
    ('A <table> is furniture.\n', 0)
    """
    if "<table" not in text.lower():
        return text, 0
    import lxml.etree
    import lxml.html

    count = 0
    fenced = _code_blocks(text)

    def as_text(found: re.Match[str]) -> str:
        nonlocal count
        written = found.group(0)
        if any(start <= found.start() < end for start, end in fenced):
            return written  # a code block showing the table's HTML: as written
        rows = []
        for row in _ROW_END.split(written):
            cells = _FIRST_CELL.search(row)
            if cells is None:
                continue  # what closes the table after its last row
            try:
                parser = lxml.html.HTMLParser(huge_tree=True, no_network=True)
                root = lxml.html.document_fromstring(f"<table><tr>{row[cells.start() :]}</tr></table>", parser=parser)
            except (lxml.etree.ParserError, ValueError):
                return written
            lines = [cell.strip() for line in _html_lines(root)[0] for cell in line.split("\t")]
            if any(lines):
                rows.append("\n".join(line for line in lines if line))
        count += 1
        return "\n\n".join(rows)

    return _MARKDOWN_HTML_TABLE.sub(as_text, text), count


#: A Markdown table's row ("| … | … |") and, in its cells, the HTML a converter leaves for lists and paragraphs.
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_CELL_ITEM_BREAK = re.compile(r"</li>\s*(?:</?(?:ol|ul|p)\b[^<>]{0,80}>\s*)*<li\b[^<>]{0,80}>|</p>\s*<p\b[^<>]{0,80}>|<br\s*/?>", re.IGNORECASE)
_CELL_TAG = re.compile(r"</?(?:ol|ul|li|p)\b[^<>]{0,80}>", re.IGNORECASE)


def _code_blocks(text: str) -> list[tuple[int, int]]:
    """Where a Markdown text's code blocks (between lines of three backticks) start and end: their words as written."""
    return [(found.start(), found.end()) for found in _CODE_FENCE.finditer(text)] if "```" in text else []


def _html_in_table_cells(text: str) -> tuple[str, int]:
    r"""A Markdown text whose table cells hold HTML lists (``| <ol><li>Quorum</li><li>Votes</li></ol> |``), as a
    reader sees them: the items parted by "; ", the tags left out; and how many tags went.

    Examples
    --------
    >>> _html_in_table_cells("| Item | Notes |\n| <ol start=\"2\"><li>Quorum</li></ol> | <ul><li>Agreed</li><li>Seconded</li></ul> |\n")
    ('| Item | Notes |\n| Quorum | Agreed; Seconded |\n', 9)
    >>> _html_in_table_cells("We use <li> tags in prose.\n")
    ('We use <li> tags in prose.\n', 0)
    """
    if "|" not in text or "<" not in text:
        return text, 0
    count = 0
    fenced = _code_blocks(text)

    def cleaned(row: re.Match[str]) -> str:
        nonlocal count
        if any(start <= row.start() < end for start, end in fenced):
            return row.group(0)
        line, parted = _CELL_ITEM_BREAK.subn("; ", row.group(0))
        line, dropped = _CELL_TAG.subn("", line)
        count += parted + dropped
        return line

    return _PIPE_ROW.sub(cleaned, text), count


def markdown_links(text: str) -> tuple[str, dict[str, int]]:
    """Markdown ``text`` as a reader of the page sees its words: a link is its visible words, a picture nothing.

    A link ``[words](url)`` or ``[words][ref]`` becomes ``words``, a wiki link ``[[Note]]`` its note's
    name (``[[Note|words]]`` its words, ``[[folder/Note.md#Part]]`` ``Note``); a picture or an embedded
    file or note (``![alt](photo.png)``, ``![[photo.png]]``), a reference's definition line, a web address
    written out and the box of a to-do item (``- [ ]``, its item kept) are left out.  Web addresses,
    file names and their extensions ("https", "png") are then no words to code.  Returns the text and
    what was left out, by kind, for the load notes.

    Examples
    --------
    >>> text, left_out = markdown_links("Met [Ann](https://x.org/ann) at [[Allotment|the plot]]. ![](img/a.png) See https://x.org.")
    >>> text, sorted(left_out.values())
    ('Met Ann at the plot.  See .', [1, 1, 2])
    >>> markdown_links("- [ ] Ring [[Carers/Notes on Tom.md#May|]]")[0]
    '- Ring Notes on Tom'
    """
    counts = {"Markdown links (their words kept, the web address or file they point to left out)": 0, "Markdown pictures and embedded files": 0, "web addresses": 0, "Markdown to-do boxes (their items kept)": 0}
    if "[" not in text and "://" not in text and "www." not in text:
        return text, {}
    text, counts["Markdown pictures and embedded files"] = _MARKDOWN_IMAGE.subn("", text)
    text, definitions = _LINK_DEFINITION.subn("", text)

    def shown(found: re.Match[str]) -> str:
        return _link_words(found["text"])

    def wiki(found: re.Match[str]) -> str:
        alias = (found["alias"] or "").strip()
        if alias:
            return _link_words(alias)
        target = found["target"].split("#", 1)[0].rstrip("\\").strip() or found["target"].lstrip("#^")
        name = target.replace("\\", "/").rsplit("/", 1)[-1]
        return re.sub(r"\.(?:md|markdown)$", "", name, flags=re.IGNORECASE)

    text, links = _MARKDOWN_LINK.subn(shown, text)
    text, wikis = _WIKI_LINK.subn(wiki, text)
    counts["Markdown links (their words kept, the web address or file they point to left out)"] = links + wikis + definitions
    text, counts["web addresses"] = _BARE_URL.subn("", text)
    text, counts["Markdown to-do boxes (their items kept)"] = _TODO_BOX.subn(r"\g<item>", text)
    return text, {kind: count for kind, count in counts.items() if count}


def _text_source(text: str, fmt: str, encoding: str | None, data: bytes, *, removed: dict[str, int] | None = None) -> SourceText:
    """A reader's text as stored: laid out as a table transcript where its lines are tab-split rows."""
    tabbed = _tabbed_transcript(text)
    if tabbed is not None:
        stored, bold_labels, headings = tabbed
        return SourceText(stored, fmt, encoding, _sha256(data), bold_labels=bold_labels, heading_lines=headings, removed=removed or {})
    return SourceText(text, fmt, encoding, _sha256(data), removed=removed or {})


def _cut_typed_pages(text: str) -> tuple[str, dict[str, int], list[int]]:
    """A printed transcript's page furniture cut from its text ("Page 1 of 3", and a "CONFIDENTIAL" over each page), how
    many lines, and the index of each page's first line in the text left (none where no pages were found).

    Only where two or more lines say "Page n of m" alone (in any language :func:`page_mark` knows: "Seite 2 von 5",
    "Página 2 de 5"), or at one end of a running line set out in columns (:func:`_running_page_mark`), counting up
    by one to the same m: the text is cut into pages after each, and each page's headers, footers and numbers are found as a PDF's are (:func:`_furniture`).
    A mark beside words that are not a running line ("Respondent: They sent someone round.      Page 1 of 3") loses
    only its own column: the words stay.

    Examples
    --------
    >>> text = "CONFIDENTIAL\\nA: Hello.\\nB: Hi.\\nPage 1 of 2\\nCONFIDENTIAL\\nB: And then?\\nPage 2 of 2"
    >>> _cut_typed_pages(text)
    ('A: Hello.\\nB: Hi.\\nB: And then?', {'page headers and footers': 4}, [0, 2])
    >>> _cut_typed_pages("We read page 1 of 2 together.\\nPage 4 of 9")[1]
    {}
    >>> _cut_typed_pages("A: Hello.       Page 1 of 2\\nB: And then?       Page 2 of 2")
    ('A: Hello.\\nB: And then?', {"page numbers set beside a line's words": 2}, [0, 1])
    """
    lines = _rejoined_page_counts(text.split("\n"))
    marks = [(i, found) for i, line in enumerate(lines) if (found := _running_page_mark(line)) is not None]
    numbers = [page for _, (page, _) in marks]
    if len(marks) < 2 or len({pages for _, (_, pages) in marks}) > 1 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return text, {}, []
    ends = [i + 1 for i, _ in marks]
    bounds = list(zip([0, *ends], [*ends, len(lines)]))
    pages = [[line.strip() for line in lines[start:end]] for start, end in bounds]
    furniture = _furniture(pages, [set() for _ in pages])
    dropped = {start + i for (start, _), found in zip(bounds, furniture) for i in found}
    # A mark the copy set beside someone's words ("Respondent: …      Page 1 of 3"): only the mark's column is cut.
    beside = {i: column[1] for i, _ in marks if i not in dropped and (column := _page_column(lines[i]))}
    if not dropped and not beside:
        return text, {}, []
    for i, words in beside.items():
        lines[i] = lines[i][: len(lines[i]) - len(lines[i].lstrip())] + words
    # Where each page opens once its furniture is gone; a page left empty (the last, after its footer) opens none.
    starts = sorted({start - sum(1 for i in dropped if i < start) for start, end in bounds if any(i not in dropped for i in range(start, end))})
    removed = {"page headers and footers": len(dropped), "page numbers set beside a line's words": len(beside)}
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped), {kind: count for kind, count in removed.items() if count}, starts


#: A page's stamp with its number at the end, as an archive prints it on each page of a transcript copied as text
#: ("USHMM Archives RG-50.030*0123 3"): the stamp, a space, the page's number.
_NUMBERED_STAMP = re.compile(r"(?P<stamp>\S.{10,}?)[ \t]+(?P<page>\d{1,4})")
#: An archive's catalogue reference as a page stamp ends in ("RG-50.030*0123", "OH-0412/b"): six characters or more,
#: a letter, a digit and one of its signs.
_CATALOGUE_REFERENCE = re.compile(r"(?=\S*[^\W\d_])(?=\S*\d)(?=\S*[-*#/._])\S{6,}")
#: The shortest stamp read as such: "Section 2", "Chapter 3" are a document's headings.
_STAMP_CHARACTERS = 12
#: A word that makes the number after it a part's, not a page's ("Interview 2021 with Ann, part 2", "Wave 1 – day 3").
_SEQUENCE_WORD = re.compile(
    r"\b(?i:part|session|round|day|week|wave|chapter|section|tape|side|segment|disc|disk|reel|episode|visit|entry|no\.?|number)[ \t]*$"
)


def _cut_page_stamps(text: str) -> tuple[str, dict[str, int]]:
    r"""An archive's page stamps cut from a plain text copied from its printed pages, and how many lines.

    Two ways of stamping a page, each read only where its page numbers count up by one over the text, a page's
    text (:data:`_PAGE_CHARACTERS`) or more apart, the stamp the same each time word for word and no speaker's
    turn: a line of the stamp and the page's number ("USHMM Archives RG-50.030*0123 3", "… 4"), or lines of their
    own that recur word for word with the page's number alone on the line after or before them (the
    archive's address and contact lines over "2", then "3").  Two pages so at least, the stamp holding a digit,
    "@", "/", "*" or "#" (a reference or an address, not a heading's words: "Interview with Ann 2" is as likely
    the document's own), its number not a part's ("Interview 2021 with Ann, part 2": :data:`_SEQUENCE_WORD`); a
    stamp with the number on its line has the digit or sign in its last word, the reference the number follows
    ("Module 2, question 3" and "Photo elicitation / picture 3" are a guide's headings); three such pages or more,
    their numbers counting up by one, are pages however few lines apart (a line of text between each), and so are two
    where the stamp ends in a catalogue reference (:data:`_CATALOGUE_REFERENCE`).  Such lines fall anywhere in a turn, between two of its words:
    they are cut, so the turn reads whole.  Other occurrences of the stamp's lines, word for word (the first
    page's, with no number), go too.

    Examples
    --------
    >>> page = "A: " + "word " * 90 + "and\n"
    >>> text = page + "USHMM Archives RG-50.030*0123 2\nthen.\n" + page + "USHMM Archives RG-50.030*0123 3\nthen.\n"
    >>> cut, removed = _cut_page_stamps(text)
    >>> "USHMM" in cut, removed
    (False, {"lines of an archive's page stamps (its stamp's lines and the pages' numbers)": 2})
    >>> _cut_page_stamps("Section 2\n" + page + "Section 3\n" + page)[1]
    {}
    >>> short = "".join(f"A: words of page {n}.\nUSHMM Archives RG-50.030*0123 {n + 1}\n" for n in range(1, 4))
    >>> _cut_page_stamps(short)[1]
    {"lines of an archive's page stamps (its stamp's lines and the pages' numbers)": 3}
    >>> _cut_page_stamps("A: one.\nUSHMM Archives RG-50.030*0123 2\nthen.\nUSHMM Archives RG-50.030*0123 3\nend.\n")[1]
    {"lines of an archive's page stamps (its stamp's lines and the pages' numbers)": 2}
    """
    lines = text.split("\n")
    offsets = list(accumulate((len(line) + 1 for line in lines), initial=0))

    def counting(places: list[tuple[int, int]], *, apart: int = _PAGE_CHARACTERS) -> bool:
        # Pages one apart each, a page's text apart: not a list's items or a guide's numbered headings.
        return len(places) >= 2 and all(
            after[1] == before[1] + 1 and after[0] > before[0] + 1 and offsets[after[0]] - offsets[before[0]] >= apart
            for before, after in itertools.pairwise(places)
        )

    def enough(stamp: str, places: list[tuple[int, int]]) -> bool:
        return len(places) >= 2 and re.search(r"[\d@/*#]", stamp) is not None and _SEQUENCE_WORD.search(stamp) is None

    def reference_last(stamp: str) -> bool:
        # The stamp's last word, before the page's number, is its reference ("RG-50.030*0123") or address: a
        # word ("Module 2, question 3", "Photo elicitation / picture 3") or "#" before it is what the number counts.
        return re.search(r"[\d@/*]", stamp.split()[-1]) is not None

    def no_turn(line: str) -> bool:
        return not _a_turn(line) and not _LABEL_ALONE.fullmatch(line)

    cut: set[int] = set()
    numbered: dict[str, list[tuple[int, int]]] = {}
    for index, line in enumerate(lines):
        if (found := _NUMBERED_STAMP.fullmatch(line.strip())) and no_turn(line.strip()):
            numbered.setdefault(found["stamp"], []).append((index, int(found["page"])))
    for stamp, places in numbered.items():
        # Three pages or more under one reference, word for word, counting up by one, are pages however short the
        # text between them (a transcript copied from pages of a few lines each): a line of text between each is enough.
        # Two pages are enough however short where the stamp ends in an archive's catalogue reference ("RG-50.030*0123"):
        # letters, digits and a sign in one word of six characters or more, which no list's item or heading holds.
        sure = len(places) >= 3 or _CATALOGUE_REFERENCE.fullmatch(stamp.split()[-1]) is not None
        if len(stamp) >= _STAMP_CHARACTERS and enough(stamp, places) and reference_last(stamp) and counting(places, apart=0 if sure else _PAGE_CHARACTERS):
            cut |= {index for index, _ in places}
    # A stamp's lines of their own, with the page's number alone beside them.
    said = Counter(line.strip() for line in lines if line.strip())
    recurring = {line for line, count in said.items() if count >= 2 and len(line) >= _STAMP_CHARACTERS and no_turn(line)}
    blocks: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for index, line in enumerate(lines):
        if not _BARE_NUMBER.fullmatch(line.strip()):
            continue
        for step in (-1, 1):
            block, at = [], index + step
            while 0 <= at < len(lines) and lines[at].strip() in recurring:
                block.append(at)
                at += step
            if block:
                key = tuple(lines[at].strip() for at in sorted(block))
                blocks.setdefault(key, []).append((index, int(line.strip())))
                break
    for key, places in blocks.items():
        if enough(" ".join(key), places) and counting(places):
            cut |= {index for index, _ in places}
            size = len(key)
            cut |= {start + i for start in range(len(lines) - size + 1) if tuple(line.strip() for line in lines[start : start + size]) == key for i in range(size)}
    if not cut:
        return text, {}
    return "\n".join(line for index, line in enumerate(lines) if index not in cut), {"lines of an archive's page stamps (its stamp's lines and the pages' numbers)": len(cut)}


#: Running footers read as such where they number this many pages at least.
_FOOTED_PAGES = 3
#: The fewest characters between one running footer and the next: a page's text, not a refrain said three times over
#: counted lines ("One more lap" over "1", "2", "3", a participant quoting a coach), a list's "Step" over "1", "2", "3".
_PAGE_CHARACTERS = 400


def _converted_page_footers(text: str) -> tuple[str, dict[str, int]]:
    """A PDF's running footer and page number cut from its text converted to Markdown or plain text, and how many.

    A report converted from PDF ("_STI College Cotabato_" over "53", each alone in its paragraph, at every page's
    foot) leaves them between a turn's sentences, often inside one ("… understand faculty", the footer, "expectations
    for the system …"). Read only where the same line, with a letter in it and no speaker's turn, stands over a page's
    number (:func:`page_mark`) on three pages or more, the numbers rising by one page (or two, a page without its
    footer) and a page's text between them (:data:`_PAGE_CHARACTERS`). The paragraph cut by the page is whole again
    where its words run on (no sentence ends before the footer, and the words after it open in lower case); else the
    footer's place stays a paragraph break. The load notes name the line and the pages.

    Examples
    --------
    >>> page = "Ann: We went {words}on\\n\\n_Field Report_\\n\\n{n}\\n\\nand on.\\n\\n"
    >>> text, removed = _converted_page_footers("".join(page.format(words="far " * 100, n=n) for n in (4, 5, 6)))
    >>> [paragraph[-18:] for paragraph in text.split("\\n\\n")[:2]], removed
    (['far far on\\nand on.', 'far far on\\nand on.'], {"lines of a PDF's running footer and page numbers, the text converted ('_Field Report_' over pages 4–6)": 6})
    >>> _converted_page_footers("How many?\\n\\n3\\n\\nHow many?\\n\\n2\\n\\nHow many?\\n\\n5\\n")[1]  # answers, not pages
    {}
    """
    lines = text.split("\n")
    found: dict[str, list[tuple[int, int, int]]] = {}  # running line -> (its index, the number's index, the number)
    for at, line in enumerate(lines):
        number = page_mark(line) if line.strip() else None
        if number is None or (at + 1 < len(lines) and lines[at + 1].strip()):
            continue
        above = at - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        if above < 0 or above == at - 1 or (above > 0 and lines[above - 1].strip()):
            continue  # the running line and the number each stand alone in their paragraph
        running = lines[above].strip()
        if not any(char.isalpha() for char in running) or _LABEL_ALONE.match(running) or _a_turn(running) or len(running) > 80:
            continue
        found.setdefault(running, []).append((above, at, number[0]))
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    cut: dict[int, int] = {}  # the footer's first line -> its number's line
    shown: list[str] = []
    for running, places in found.items():
        pages = [number for _, _, number in places]
        if (
            len(places) >= _FOOTED_PAGES
            and all(after - before in (1, 2) for before, after in itertools.pairwise(pages))
            and all(offsets[after] - offsets[before] >= _PAGE_CHARACTERS for (_, before, _), (after, _, _) in itertools.pairwise(places))
        ):
            cut.update({above: at for above, at, _ in places})
            shown.append(f"{running!r} over pages {pages[0]}–{pages[-1]}")
    if not cut:
        return text, {}
    kept: list[str] = []
    at = 0
    while at < len(lines):
        if at not in cut:
            kept.append(lines[at])
            at += 1
            continue
        after = cut[at] + 1
        while after < len(lines) and not lines[after].strip():
            after += 1
        while kept and not kept[-1].strip():
            kept.pop()
        before = kept[-1].rstrip() if kept else ""
        following = lines[after].lstrip() if after < len(lines) else ""
        runs_on = bool(before) and not before.endswith(_SENTENCE_END + ("*", "_")) and following[:1].islower()
        if kept and after < len(lines):
            kept.extend([] if runs_on else [""])
        at = after
    return "\n".join(kept), {f"lines of a PDF's running footer and page numbers, the text converted ({'; '.join(shown)})": 2 * len(cut)}


#: The gap between the columns of a running line copied from a printed page ("CHM Ref: X5006.2009      Page 2 of 18").
_COLUMN_GAP = re.compile(r"[ \t]{3,}|\t")


def _rejoined_page_counts(lines: list[str]) -> list[str]:
    """``lines`` with a running line's count of pages put back after its "Page 10 of", where the copy wrapped it.

    A printed page's running line that grows by a digit ("Page 9 of 18", then "Page 10 of 18") may no longer fit,
    and a copy of its text puts the count alone on the next line; read so, "Page 10 of" marks no page and "18"
    reads as someone's answer. Only a line ending in a page's word, its number and "of", over a bare number.

    Examples
    --------
    >>> _rejoined_page_counts(["CHM Ref: X5006.2009      Page 10 of ", "18 ", "working on the compiler"])
    ['CHM Ref: X5006.2009      Page 10 of 18', 'working on the compiler']
    >>> _rejoined_page_counts(["Ann: it was page 4 of", "12"])
    ['Ann: it was page 4 of', '12']
    """
    joined: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        after = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if _COLUMN_GAP.search(line.strip()) and _WRAPPED_PAGE_OF.search(line.rstrip()) and _BARE_NUMBER.fullmatch(after):
            joined.append(f"{line.rstrip()} {after}")
            index += 2
            continue
        joined.append(line)
        index += 1
    return joined


def _running_page_mark(line: str) -> tuple[int, int | None] | None:
    """A line's page mark ("Page 2 of 18"), alone or as the first or last column of a running line; else None.

    A printed transcript copied as text keeps its running header as one line whose parts stand apart by
    runs of spaces, the page's number at one end (the Computer History Museum's "CHM Ref: X5006.2009   © 2008
    Computer History Museum   Page 2 of 18"). Only a worded mark with the count of pages is read
    (:func:`page_mark`); a sentence that mentions a page ("see Page 2 of 18") has no column gap before it.

    Examples
    --------
    >>> _running_page_mark("CHM Ref: X5006.2009        © 2008 Computer History Museum         Page 2 of 18 ")
    (2, 18)
    >>> _running_page_mark("Page 3 of 9"), _running_page_mark("Page 3 of 9      Field notes, Ward B")
    ((3, 9), (3, 9))
    >>> _running_page_mark("Ann: we read it on page 2 of 18 together"), _running_page_mark("Ann:   see Page 2")
    (None, None)
    """
    found = page_mark(line, worded=True)
    if found is not None:
        return found
    column = _page_column(line)
    return column[0] if column else None


def _page_column(line: str) -> tuple[tuple[int, int | None], str] | None:
    """A page mark set apart as a line's last or first column, and the rest of the line; None where there is none.

    The rest is a running line's other columns ("CHM Ref: X5006.2009   © 2008 Computer History Museum"), or words
    the copy set on the same line as the page's number ("Respondent: They sent someone round.      Page 1 of 3"):
    which of the two, only the pages can tell (:func:`_furniture`).

    Examples
    --------
    >>> _page_column("Respondent: They sent someone round.        Page 1 of 3")
    ((1, 3), 'Respondent: They sent someone round.')
    >>> _page_column("Page 2 of 3\tInterviewer: And then?"), _page_column("Page 2 of 3")
    (((2, 3), 'Interviewer: And then?'), None)
    """
    stripped = line.strip()
    gaps = list(_COLUMN_GAP.finditer(stripped))
    if not gaps:
        return None
    if (found := page_mark(stripped[gaps[-1].end() :], worded=True)) is not None:
        return found, stripped[: gaps[-1].start()]
    if (found := page_mark(stripped[: gaps[0].start()], worded=True)) is not None:
        return found, stripped[gaps[0].end() :]
    return None


#: A number opening a line, as a transcriber's line numbering types it ("  7  Mode: Telephone", "12").
_LINE_NUMBER = re.compile(r"^(?P<space>[ \t]*)(?P<number>\d{1,5})(?=[ \t]|$)")


def _counted_on(text: str, pages: list[int]) -> str:
    """``text`` with the line numbers of each page after the first counted on from the page before, where they start again.

    Word numbers a printout's lines afresh on each page ("Restart each page"): read as one count, the
    numbers rise through the document as :func:`_typed_line_numbers` wants. Only the numbers change.

    Examples
    --------
    >>> _counted_on("1  A: Hi.\\n2  B: Yes.\\n1  A: And?\\n2  B: No.", [0, 2])
    '1  A: Hi.\\n2  B: Yes.\\n3  A: And?\\n4  B: No.'
    """
    lines = text.split("\n")
    offset = last = 0
    for start, end in zip(pages, [*pages[1:], len(lines)]):
        first = next((int(found["number"]) for line in lines[start:end] if (found := _LINE_NUMBER.match(line))), None)
        if first is not None and first <= last:
            offset = last  # the count starts again: this page's numbers go on from the last page's
        for index in range(start, end):
            if (found := _LINE_NUMBER.match(lines[index])) is not None:
                last = int(found["number"]) + offset
                lines[index] = f"{found['space']}{last}{lines[index][found.end() :]}"
        offset = 0
    return "\n".join(lines)


def _cut_line_numbers(text: str, *, pages: list[int] | None = None) -> tuple[str, dict[str, int]]:
    """A transcript's line numbers cut from the start of its lines ("12  I: How long?"), and how many.

    As in a PDF (:func:`_line_numbers`): most lines open with a number, and the
    numbers rise; anything else is left as it is. Where a typed transcript's pages are known (``pages``, each
    page's first line, from :func:`_cut_typed_pages`) and its numbers start again on each page, they are read
    counted on through the pages (:func:`_counted_on`).
    """
    cut = _typed_line_numbers(text)
    if not cut and pages and len(pages) > 1:
        cut = _typed_line_numbers(_counted_on(text, pages))
    if not cut:
        return text, {}
    lines = text.split("\n")
    for index, rest in cut.items():
        lines[index] = rest
    return "\n".join(lines), {"line numbers": len(cut)}


#: A numbered line opening with a speaker label ("1 M : donc …", "(12) I: …"), where a numbering after a header starts.
_NUMBERED_LABEL = re.compile(r"^[ \t]*(?:\(\d{1,5}\)|\[\d{1,5}\]|\d{1,5}[.)]?)[ \t]+[^\s:]{1,40}(?: [^\s:]{1,40}){0,3} ?:", re.MULTILINE)


def _typed_line_numbers(text: str) -> dict[int, str]:
    """The numbers a transcriber typed at the start of most lines: line index -> the line without its number.

    As in a PDF (:func:`_line_numbers`): most lines open with a number, and the numbers
    rise. The numbering may start after a header ("Annexe 26 : Entretien n°2", "Date de
    l'entretien : …", a key to the labels, as a French thesis prints its transcripts): then
    it runs from the first numbered line that opens with a speaker label, which comes within
    the first twelve lines with words (or later, where the numbered lines are three times as many as the
    header's) and numbers most lines from there to the end, and most of them open
    with one of two or more labels that come back ("1 M : …", "2 C : …"). So a numbered list
    under a memo's title ("1 Team: met on Monday") or at the end of a turn ("1 Problem: the
    rent") keeps its numbers, and a diary's days ("3 May: …") and a timeline's years are no
    line numbers (:func:`_counts_lines`).

    Examples
    --------
    >>> text = "Entretien n°2\\nDurée : 25 minutes\\n\\n1 M : donc on commence\\n2 C : [rires]\\n3 M : oui ?\\n4 C : ouais"
    >>> sorted(_typed_line_numbers(text).items())[:2]
    [(3, 'M : donc on commence'), (4, 'C : [rires]')]
    >>> _typed_line_numbers("Shopping\\n\\n1 apples\\n2 pears\\n3 figs")
    {}
    """
    lines = [line.strip() for line in text.split("\n")]
    if text[:200].lstrip().lstrip("([")[:1].isdigit():
        # the first line of a numbered transcript is numbered too
        return _line_numbers(lines, _TYPED_FIRST_AT_MOST)[1]
    first = _NUMBERED_LABEL.search(text)
    if first is None:
        return {}
    header = text.count("\n", 0, first.start())
    titles = sum(1 for line in lines[:header] if line)
    _, cut = _line_numbers(lines[header:], _TYPED_FIRST_AT_MOST + header)
    # A numbered list further down (a participant's "1 Problem: the rent") keeps its numbers: a header longer than
    # most (a service's fields, a key to the labels) stands over numbered lines that outnumber it several times.
    if titles > _HEADER_LINES and len(cut) < _NUMBERED_PER_HEADER_LINE * titles:
        return {}
    labels = Counter(found.group().rstrip(" :").lower() for rest in cut.values() if (found := _LABEL_ALONE.match(rest)))
    recurring = [count for count in labels.values() if count >= 2]
    # Two voices or more take turns: a list's item word ("1 Team: met on Monday", "2 Team: …") is one label.
    # Among the lines with words: numbered blank lines open with no label, nor with anything else.
    if len(recurring) < 2 or 2 * sum(recurring) <= sum(1 for rest in cut.values() if rest):
        return {}
    return {header + index: rest for index, rest in cut.items()}


#: The largest number a document's typed line numbers start at (a line or two left unnumbered, blank lines counted).
_TYPED_FIRST_AT_MOST = 10
#: How many non-empty lines a header over numbered lines may hold (a title, the date, the place, a key to the labels;
#: a transcription service's name, "CONFIDENTIAL", study, participant, time point, interviewer, date, duration, mode).
_HEADER_LINES = 12
#: A header longer than that is one where the numbered lines under it are this many times as many as its lines.
_NUMBERED_PER_HEADER_LINE = 3


class _TabbedRows(NamedTuple):
    """A plain text's lines read as a transcript table (:func:`_tabbed_rows`)."""

    lines: list[str]
    #: Indices of the title lines before the first row.
    titles: list[int]
    #: For each row of ``rows``, in order: the index of its line and of the lines without a tab it runs on to.
    row_lines: list[list[int]]
    #: Indices of the lines after the last row.
    after: list[int]
    #: The rows as :func:`_grid_transcript` reads them (a header row first where the table has one).
    rows: list[_TableRow]


def _tabbed_rows(text: str) -> _TabbedRows | None:
    """A plain-text transcript whose lines are table rows split by tabs ("Speaker⇥words",
    NVivo's "time⇥words⇥speaker"), row by row; else None.

    Every line with a tab must have the same number of them (one to three), with at most
    two title lines before the first; a line without a tab between two rows goes on the
    row before it (an answer wrapped onto a new line, a cell of two paragraphs in a
    Word 97 table), and lines after the last row follow the table. The rows must read
    as a transcript (:func:`_grid_transcript`); anything else is read as it is.
    """
    if "\t" not in text:
        return None
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    rows_at = [i for i in filled if "\t" in lines[i]]
    tabs = {lines[i].count("\t") for i in rows_at}
    if len(rows_at) < 3 or len(tabs) != 1 or not 1 <= min(tabs) <= 3:
        return None
    first, last = rows_at[0], rows_at[-1]
    titles = [i for i in filled if i < first]
    within = [i for i in filled if first < i < last and "\t" not in lines[i]]
    if len(titles) > 2 or len(within) > len(rows_at):
        return None
    grid: list[list[str]] = []
    row_lines: list[list[int]] = []
    for i in filled:
        if first <= i <= last:
            if "\t" in lines[i]:
                grid.append([cell.strip() for cell in lines[i].split("\t")])
                row_lines.append([i])
            else:
                grid[-1][-1] = f"{grid[-1][-1]}\n{lines[i].strip()}".strip()
                row_lines[-1].append(i)
    rows = _grid_transcript(grid)
    if rows is None:
        return None
    return _TabbedRows(lines, titles, row_lines, [i for i in filled if i > last], rows)


def _tabbed_transcript(text: str) -> tuple[str, list[tuple[int, int, str]], list[int]] | None:
    """A text whose lines are a transcript table's rows (:func:`_tabbed_rows`), laid out as a Word table
    transcript is ("time⇥speaker⇥words", each speaker a label); else None.

    For a text a reader made (a Word 97 file's); a plain text file is read in place (:func:`_tabbed_turns`).
    """
    tabbed = _tabbed_rows(text)
    if tabbed is None:
        return None
    parts = [tabbed.lines[i] for i in tabbed.titles]
    offset = sum(len(part) + 1 for part in parts)
    bold_labels: list[tuple[int, int, str]] = []
    headings: list[int] = []
    _table_lines(tabbed.rows, offset, parts, bold_labels, headings)
    parts.extend(tabbed.lines[i] for i in tabbed.after)
    return "\n".join(parts), bold_labels, headings


#: A time cell's clocks: its start, and its end where it gives a span ("0:00:00.0 - 0:00:08.4").
_CELL_CLOCK = re.compile(_CLOCK)


def _tabbed_turns(text: str) -> tuple[list[Turn], str] | None:
    """The turns of a plain-text transcript in tab-split columns (:func:`_tabbed_rows`), in the file's own
    text, and the words above its rows (title lines, the header row); else None.

    The text stays as the file has it, whatever the order of its columns (NVivo's transcription
    export puts the speaker last: "0:00:00.0 - 0:00:08.4⇥words⇥Jo Marsh"), so every offset refers
    to the file's words. Each row's turn spans its words cell (and the lines it runs on to), with
    the speaker cell's label and the time cell's start and end, as a subtitle cue's are kept. The
    title lines and the header row are one turn of nobody's, and so is a row merged across the
    table (a section title); a row with no speaker goes on with the speaker before it.

    Examples
    --------
    >>> text = "Timespan\\tContent\\tSpeaker\\n0:00.0 - 0:06.0\\tHow long here?\\tAnn Lee\\n0:07.0 - 0:12.0\\tAbout ten years now.\\tTom\\n0:13.0 - 0:15.0\\tAnd before that?\\tAnn Lee\\n"
    >>> turns, header = _tabbed_turns(text)
    >>> [(t.speaker, text[t.start : t.end], t.timestamp, t.timestamp_end) for t in turns][:2]
    [(None, 'Timespan\\tContent\\tSpeaker', None, None), ('Ann Lee', 'How long here?', 0.0, 6.0)]
    """
    tabbed = _tabbed_rows(text)
    if tabbed is None:
        return None
    starts = list(accumulate((len(line) + 1 for line in tabbed.lines[:-1]), initial=0))
    rows = tabbed.rows
    header = rows[0] if "\t" in rows[0].words else None  # a header row (no cell holds a tab), kept as a plain line
    body = rows[1:] if header is not None else rows
    turns: list[Turn] = []
    top = tabbed.titles + (tabbed.row_lines[0][:1] if header is not None else [])
    if top:
        end = starts[top[-1]] + len(tabbed.lines[top[-1]].rstrip())
        turns.append(Turn(starts[top[0]] + _indent(tabbed.lines[top[0]]), end, None))
    lines = tabbed.row_lines[1:] if header is not None else tabbed.row_lines
    speaker: str | None = None
    for row, at in zip(body, lines):
        line = tabbed.lines[at[0]]
        cells = _cell_spans(line, starts[at[0]])
        if row.heading:
            turns.append(Turn(cells[0][0], cells[-1][1], None))
            continue
        speaker = without_description(row.speaker) if row.speaker else speaker
        if not row.words.strip():
            continue  # a speaker and a time with no words: no turn
        words = _cell_of(text, cells, row.words.split("\n", 1)[0])
        if words is None:  # the words cell, as written, is always one of them; kept as a guard
            return None
        start, end = cells[words]
        if words == len(cells) - 1 and len(at) > 1:  # an answer wrapped onto the lines below its row
            end = starts[at[-1]] + len(tabbed.lines[at[-1]].rstrip())
        turns.append(Turn(start, end, speaker, row.start, row.end))
    after = tabbed.after
    if after:
        # The lines right below the last row, while its words stand mid-sentence where the row ends, are that
        # answer wrapped; any other line after the table ("End of interview. Notes: …") is nobody's, as a title line is.
        below = tabbed.row_lines[-1][-1]
        row_end = starts[below] + len(tabbed.lines[below].rstrip())
        if turns and turns[-1].speaker is not None and turns[-1].end == row_end:
            while after and after[0] == below + 1 and text[turns[-1].end - 1] not in ".?!…":
                below, after = after[0], after[1:]
                turns[-1] = replace(turns[-1], end=starts[below] + len(tabbed.lines[below].rstrip()))
    if after:
        first, last = after[0], after[-1]
        turns.append(Turn(starts[first] + _indent(tabbed.lines[first]), starts[last] + len(tabbed.lines[last].rstrip()), None))
    return turns, text[: turns[0].end] if top else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _cell_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """Where each tab-split cell of a line stands in the text, its spaces at either end left out."""
    spans = []
    for cell in line.split("\t"):
        inner = cell.strip()
        begin = offset + (cell.find(inner) if inner else 0)
        spans.append((begin, begin + len(inner)))
        offset += len(cell) + 1
    return spans


def _cell_of(text: str, cells: list[tuple[int, int]], words: str) -> int | None:
    """Which of a row's cells holds ``words`` (the words cell's first line, as written)."""
    return next((index for index, (start, end) in enumerate(cells) if text[start:end] == words.strip()), None)


# --------------------------------------------------------------------------- zip
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: The stream name Office gives a password-protected .docx/.xlsx inside its OLE container (UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _open_zip(path: Path, data: bytes, kind: str, hint: str) -> zipfile.ZipFile:
    if data[:4] == _OLE_MAGIC and _ENCRYPTED_PACKAGE in data:
        raise DocumentFormatError(
            f"this {kind} file is password-protected (Office stores an encrypted {kind} inside an OLE container)",
            path=path,
            hint=f"remove the password in your word processor (File > Info > Protect Document), then save it as {kind}",
        )
    if data[:4] == _OLE_MAGIC:
        raise DocumentFormatError(
            f"this is an old binary Word/Office file, not a {kind} file",
            path=path,
            hint=f"open it in your word processor and save it as {kind}",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentFormatError(
            f"this is not a {kind} file (a {kind} file is a zip archive)", path=path, hint=hint
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_ARCHIVE_BYTES:
        raise DocumentFormatError(
            f"the archive would expand to {total:,} bytes, over the limit of "
            f"{MAX_ARCHIVE_BYTES:,}",
            path=path,
            hint="check the file is a genuine document; split very large documents",
        )
    # The sizes above are the file's own word: each member is read once in pieces, so one that
    # says 50 KB and expands to 1.5 GB ends here with its checksum, never whole in memory.
    for info in archive.infolist():
        try:
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise DocumentFormatError(f"the archive's member {info.filename!r} cannot be read: {exc}", path=path, hint=hint) from None
    return archive


# -------------------------------------------------------------------------- docx
def read_docx(path: Path, data: bytes, *, marks: bool = False) -> SourceText:
    """A Word document's text; with ``marks``, its comments and highlights too (:func:`_docx_marks`)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    hint = "if it is plain text give it a .txt extension; otherwise re-save it from Word as .docx"
    if data[:4] == _OLE_MAGIC and "WordDocument".encode("utf-16-le") in data:
        return read_doc(path, data)  # a Word 97-2003 file saved under .docx
    archive = _open_zip(path, data, ".docx", hint)
    if "word/document.xml" not in archive.namelist():
        raise DocumentFormatError(
            "this zip archive has no word/document.xml, so it is not a Word .docx file",
            path=path,
            hint=hint,
        )
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except XMLSyntaxError as exc:  # a part cut short (an interrupted download), nested too deep, or an entity bomb
        raise DocumentFormatError(f"the .docx's XML cannot be read: {exc}", path=path, hint=hint) from None
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentFormatError(
            f"Word could not have written this .docx: {exc}", path=path, hint=hint
        ) from None

    from docx.table import Table

    parts: list[str] = []
    bold_labels: list[tuple[int, int, str]] = []
    headings: list[int] = []
    boxes: list[str] = []
    placed: dict[Any, int] = {}  # each paragraph written as it is, by its element: where it starts in the text
    emphasis: list[tuple[int, str, bool]] = []  # each body paragraph's start, text, and whether it is bold throughout
    unpaired = 0  # tables of stacked labels beside stacked turns whose numbers differ
    row_numbers = 0  # a transcript table's numbers of its rows, in a column of their own
    offset = 0
    for block in _docx_blocks(document.element.body, document._body):
        rows = _transcript_rows(block) if isinstance(block, Table) else None
        if rows is not None:
            # A transcript laid out as a table (NVivo's and transcription services' exports).
            offset = _table_lines(rows, offset, parts, bold_labels, headings)
            row_numbers += sum(row.numbered for row in rows)
            continue
        if isinstance(block, Table) and _unpaired_label_column(block):
            unpaired += 1
        for paragraph in _docx_paragraphs(block):
            text, label = _docx_line(paragraph)
            if label is not None:
                bold_labels.append((offset, offset + label[0], label[1]))
            placed[paragraph._p] = offset
            emphasis.append((offset, text, _wholly_bold(paragraph)))
            parts.append(text)
            offset += len(text) + 1
            boxes.extend(_text_box_paragraphs(paragraph))
    bold_labels = _without_one_off_bold_words(bold_labels, parts)
    asked = _bold_questions(emphasis)
    numbered = {start: int(re.search(r"\d+", found.group()).group()) for start, text, bold in emphasis if bold and (found := _QUESTION_NUMBER.match(text.strip())) and found.group().strip()}
    asked = _numbered_prompts_before(emphasis, asked, numbered)
    if asked and bold_labels and _bold_labels_take_turns(bold_labels, asked):
        asked = []  # bold labels take turns: the transcript's own
    # A header in bold above bold questions ("Interviewee: Ann Lee", "Date: …", each once): the header, read from the text.
    bold_labels = [] if asked else bold_labels
    bold_labels += [(start, start, "Interviewer") for start in asked]
    # Text boxes (a "CONFIDENTIAL" banner, a caption, a side note) are nobody's turn: their
    # lines follow the body, each a line of its own that no speaker's words run on into.
    offset = _boxes_after(parts, boxes, offset, headings)
    # Footnotes, comments and page headers live in other parts of the package, not read: said in the load notes.
    body = document.element.body
    removed = {kind: count for kind, tag in (("footnotes", "footnoteReference"), ("endnotes", "endnoteReference"), ("comments", "commentReference"), ("tracked deletions", "del"), ("embedded documents (altChunk)", "altChunk")) if (count := sum(1 for _ in body.iter(f"{_WORD}{tag}")))}
    if margins := _header_lines(document):
        removed["headers and footers"] = margins
    if asked:
        removed[BOLD_QUESTIONS] = len(asked)
    if unpaired:
        removed[UNPAIRED_LABELS] = unpaired
    if row_numbers:
        removed[TABLE_ROW_NUMBERS] = row_numbers
    starts = list(accumulate((len(part) + 1 for part in parts[:-1]), initial=0))  # each part a paragraph (or a table's row)
    text = "\n".join(parts)
    found = _docx_marks(document, placed, text) if marks else []
    return SourceText(text, "docx", None, _sha256(data), bold_labels=bold_labels, heading_lines=headings, removed=removed, paragraph_starts=starts, marks=found)


_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: What a run holds, as text: python-docx's ``paragraph.text`` reads the same marks.
_RUN_MARKS = {f"{_WORD}t": None, f"{_WORD}tab": "\t", f"{_WORD}ptab": "\t", f"{_WORD}br": "\n", f"{_WORD}cr": "\n", f"{_WORD}noBreakHyphen": "-"}
#: Text inside these is not the paragraph's: tracked deletions and moves away, text boxes
#: (their own paragraphs) and the fallback copy of alternate content.
_NOT_THE_PARAGRAPHS = {f"{_WORD}del", f"{_WORD}moveFrom", f"{_WORD}txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _docx_walk(element) -> Iterator[tuple[Any, str | None]]:  # type: ignore[no-untyped-def]
    """Every element within ``element`` that Word shows as text, in order, with the text a run's piece adds (else ``None``).

    The one walk of a Word body or paragraph: :func:`_paragraph_text` joins its pieces,
    :func:`_docx_marks` places comments' anchors and highlighted runs among them, so
    the positions of marks are those of the text.  Tracked deletions, text boxes and
    alternate content's fallback (:data:`_NOT_THE_PARAGRAPHS`) and paragraph
    properties are not walked into.

    Examples
    --------
    >>> from lxml import etree
    >>> w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    >>> p = etree.fromstring(f'<w:p xmlns:w="{w}"><w:r><w:t>We </w:t></w:r><w:del><w:r><w:t>never</w:t></w:r></w:del><w:ins><w:r><w:tab/><w:t>met</w:t></w:r></w:ins></w:p>')
    >>> [piece for _, piece in _docx_walk(p) if piece is not None]
    ['We ', '\\t', 'met']
    """
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_THE_PARAGRAPHS or tag == f"{_WORD}pPr":
            continue
        if tag in _RUN_MARKS and element.tag == f"{_WORD}r":
            mark = _RUN_MARKS[tag]
            yield child, (child.text or "" if mark is None else mark)
        else:
            yield child, None
            yield from _docx_walk(child)


def _paragraph_text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A Word paragraph's text as it reads with its tracked changes accepted.

    python-docx's ``paragraph.text`` reads only the runs directly in the paragraph
    and its hyperlinks, so words a checker inserted with Track Changes on, and
    words in a content control, were lost without a word.
    """
    return _raw_paragraph_text(paragraph._p)


_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_EX_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def _docx_part_xml(document, reltype: str):  # type: ignore[no-untyped-def]
    """The root of the part ``reltype`` relates to the main document (the comments), parsed with defusedxml; None without it."""
    from defusedxml import ElementTree

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            try:
                return ElementTree.fromstring(rel.target_part.blob)
            except Exception:  # noqa: BLE001 - a comments part that cannot be read: its comments are said as not read
                return None
    return None


def _run_colour(run) -> str | None:  # type: ignore[no-untyped-def]
    """A Word run's highlight (``w:highlight``), else its shading (``w:shd``'s fill, as Google Docs writes a highlight)."""
    properties = run.find(f"{_WORD}rPr")
    if properties is None:
        return None
    highlight = properties.find(f"{_WORD}highlight")
    if highlight is not None:
        return colour_name(highlight.get(f"{_WORD}val"))
    shading = properties.find(f"{_WORD}shd")
    return colour_name(shading.get(f"{_WORD}fill")) if shading is not None else None


def _raw_paragraph_text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A paragraph element's text as :func:`_paragraph_text` reads it (no python-docx object needed)."""
    return "".join(piece for _, piece in _docx_walk(paragraph) if piece is not None)


def _docx_marks(document, placed: dict[Any, int], text: str) -> list[Mark]:  # type: ignore[no-untyped-def]
    """The comments and highlighted passages of a Word document, as spans of ``text`` (the stored text).

    ``placed`` holds where each paragraph written as it is starts in ``text``; a
    paragraph written otherwise (a transcript table's row) is found from the last one
    placed.  A comment's span runs from its ``w:commentRangeStart`` to its
    ``w:commentRangeEnd``, wherever those stand (across paragraphs too); a highlight's
    is its runs of one colour.  A comment that anchors no words qlr can place is kept
    with ``why``.
    """
    starts: dict[str, int | None] = {}
    ends: dict[str, int | None] = {}
    pointed: set[str] = set()
    runs: list[tuple[int, int, str]] = []
    key = f"{_WORD}id"

    position: int | None = None  # where the walk is in ``text``
    cursor = 0  # where the last paragraph placed ended: a paragraph written otherwise is found after it
    for element, piece in _docx_walk(document.element.body):
        tag = element.tag
        if piece is not None:
            if position is not None:
                colour = _run_colour(element.getparent())
                if colour and piece:
                    runs.append((position, position + len(piece), colour))
                position += len(piece)
        elif tag == f"{_WORD}p":
            if position is not None:
                cursor = position
            position = placed.get(element)
            if position is None:  # a paragraph written otherwise (a transcript table's row): its words, from where the last one ended
                words = _raw_paragraph_text(element)
                found = text.find(words, cursor) if words else -1
                position = found if found >= 0 else None
        elif tag == f"{_WORD}commentRangeStart":
            starts[element.get(key, "")] = position
        elif tag == f"{_WORD}commentRangeEnd":
            ends[element.get(key, "")] = position
        elif tag == f"{_WORD}commentReference":
            pointed.add(element.get(key, ""))
    marks: list[Mark] = []
    comments = _docx_part_xml(document, _COMMENTS_REL)
    if comments is not None:
        parents: dict[str, str] = {}  # a reply's last paragraph id -> the paragraph id of the comment it answers
        extended = _docx_part_xml(document, _COMMENTS_EX_REL)
        if extended is not None:
            for entry in extended.iter(f"{_W15}commentEx"):
                if entry.get(f"{_W15}paraIdParent"):
                    parents[entry.get(f"{_W15}paraId", "")] = entry.get(f"{_W15}paraIdParent", "")
        by_paragraph: dict[str, str] = {}
        found_comments = []
        for comment in comments.iter(f"{_WORD}comment"):
            paragraphs = list(comment.iter(f"{_WORD}p"))
            words = normalise_newlines("\n".join(_raw_paragraph_text(p) for p in paragraphs)).strip()
            last = paragraphs[-1].get(f"{_W14}paraId", "") if paragraphs else ""
            cid = comment.get(key, "")
            by_paragraph[last] = cid
            found_comments.append((cid, comment.get(f"{_WORD}author"), comment.get(f"{_WORD}date"), words, last))
        for cid, author, created, words, last in found_comments:
            start, end = starts.get(cid), ends.get(cid)
            why = None
            if start is not None and end is not None and start <= end:
                start, end = trimmed(text, start, end)
                if start == end:
                    why = "it selects no words"
            elif cid in starts or cid in ends:
                why = "its passage is not in the text as qlr reads it (a text box, or a transcript table's label cell)"
            elif cid in pointed:
                why = "it marks a point, not a passage (select the words, then add the comment)"
            else:
                why = "it is not anchored in the document's body (a comment in a header, footnote or text box)"
            label = f"comment {cid}" + (f" by {author}" if author else "") + f" ({words[:40]!r})"
            marks.append(
                Mark(
                    "comment", label, None if why else start, None if why else end, text=words, author=author or None, created=created, key=cid,
                    reply_to=by_paragraph.get(parents[last]) if last in parents else None, why=why,
                )
            )
    for start, end, colour in merged_runs(runs, text):
        start, end = trimmed(text, start, end)
        if start < end:
            marks.append(Mark("highlight", f"{colour} highlight at character {start:,} ({text[start:end][:40]!r})", start, end, colour=colour))
    return marks


def _boxes_after(parts: list[str], boxes: list[str], offset: int, headings: list[int]) -> int:
    """Write text-box lines after a document's body, each a heading line (nobody's words); the new offset."""
    if any(line.strip() for line in boxes) and parts:
        parts.append("")
        offset += 1
    for line in (line for box in boxes for line in box.split("\n")):
        if line.strip():
            headings.append(offset)
            parts.append(line)
            offset += len(line) + 1
    return offset


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_box_paragraphs(paragraph) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of the text boxes anchored in a paragraph, a line per paragraph of each box.

    Word writes a text box twice, as a drawing and as an old-style picture in
    ``mc:Fallback`` for older readers; the fallback copy is skipped.
    """
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for box in paragraph._p.iter(f"{_WORD}txbxContent"):
        # The fallback copy, and a box inside a box (its paragraphs are the outer box's too), are skipped.
        if any(ancestor.tag in (_FALLBACK, f"{_WORD}txbxContent") for ancestor in box.iterancestors()):
            continue
        lines.extend(normalise_newlines(_paragraph_text(Paragraph(inner, paragraph._parent))) for inner in box.iter(f"{_WORD}p"))
    return lines


def _header_lines(document) -> int:  # type: ignore[no-untyped-def]
    """How many lines with words the page headers and footers of a Word document hold (each part once)."""
    seen: set[int] = set()
    count = 0
    for section in document.sections:
        for margin in (section.header, section.footer, section.first_page_header, section.first_page_footer, section.even_page_header, section.even_page_footer):
            if margin.is_linked_to_previous:
                continue
            part = margin.part
            if id(part) in seen:
                continue
            seen.add(id(part))
            count += sum(1 for paragraph in margin.paragraphs if paragraph.text.strip())
    return count


#: A time alone after a bold name: the turn's time, not its words.
_ONLY_A_TIME = re.compile(rf"[\[(]?{_CLOCK}[\])]?")


#: Bold words at a paragraph's start that can be a speaker's name without a colon ("RUTH", "Tom Brown"):
#: at most four words, no sentence mark, no time.
_BOLD_NAME = re.compile(r"[^\W\d_][\w.'’()/&-]*(?: [\w.,'’()/&–—-]+){0,3}")
#: A label's colon: not one of a time ("28:29").
_LABEL_COLON = re.compile(r"[:：](?!\d)")


def _bold_head(head: str) -> bool:
    """Whether what a bold run holds before its colon can be a label ("Interviewer – Sarah", "[Interviewer]", "Tom & Jerry").

    Not a sentence ("Like a bomb bum 28"), not a note ("Note: the recording was paused").

    Examples
    --------
    >>> [_bold_head(x) for x in ["I", "Interviewer – Sarah", "[Interviewer]", "Tom & Jerry", "Note", "Theme 2", "It was the first time we had met"]]
    [True, True, True, True, False, False, False]
    """
    if not head or len(head) > 40 or len(head.split()) > 5 or head.endswith((".", "?", "!")):
        return False
    return head.lower() not in _NOT_SPEAKERS and role_word(head) not in _NOT_SPEAKERS  # "Note", "Theme 2"


def _without_one_off_bold_words(bold_labels: list[tuple[int, int, str]], parts: list[str]) -> list[tuple[int, int, str]]:
    """A Word document's bold labels less a bold word without a colon, once, that a sentence runs on from, where the labels have colons.

    "**Everyone** gets a vote now" among "**Ann:**" and "**Interviewer:**" is
    emphasis, not a speaker; "**RUTH**\tWe changed the form." said twice, a
    name the document also writes with a colon, or "**Tom** (from the kitchen)
    That's not true" (no sentence going on from the name), is a label.  ``parts`` are the
    paragraphs as joined into the text (offsets count one line end after each).

    Examples
    --------
    >>> parts = ["Ann: We share it.", "Everyone gets a vote now.", "Ann: Since May."]
    >>> _without_one_off_bold_words([(0, 5, "Ann"), (18, 27, "Everyone"), (44, 49, "Ann")], parts)
    [(0, 5, 'Ann'), (44, 49, 'Ann')]
    """
    text = "\n".join(parts)
    colon = [_LABEL_COLON.search(text, start, content) is not None for start, content, _ in bold_labels]
    if sum(colon) < 2:
        return bold_labels  # the document's labels are bold names without colons, or too few to tell
    named = Counter(speaker for _, _, speaker in bold_labels)
    with_colon = {speaker for (_, _, speaker), has in zip(bold_labels, colon) if has}

    def sentence_goes_on(content: int) -> bool:
        # "**Everyone** gets a vote": the words after it go on in lower case; "**Tom** (from the kitchen) That's…" do not.
        rest = text[content : content + 2].lstrip()
        return bool(rest) and rest[0].islower()

    return [
        label
        for label, has in zip(bold_labels, colon)
        if has or named[label[2]] > 1 or label[2] in with_colon or not sentence_goes_on(label[1])
    ]


def _wholly_bold(paragraph) -> bool:  # type: ignore[no-untyped-def]
    """Whether every run of a paragraph that holds words is set in bold (and one does)."""
    worded = [run for run in paragraph.runs if run.text.strip()]
    return bool(worded) and all(run.bold for run in worded)


#: The reader's note for a Word transcript without labels whose interviewer's turns are set in bold.
BOLD_QUESTIONS = "bold paragraphs read as the interviewer's"


#: The segmenter's label conventions that open a paragraph of a Word transcript: "Name: …", "Name (0:01 - 0:11)",
#: "[00:01:23] Name: …", "[Name]: …".
_TYPED_LABELS = ("name", "name_time", "time_name", "bracketed_colon")


def _bold_labels_take_turns(bold_labels: list[tuple[int, int, str]], asked: list[int]) -> bool:
    """Whether a Word file's bold labels are its turns' own, not a few words set in bold inside the answers.

    They are where a label comes back, or where, among the bold questions (:func:`_bold_questions`), they are a
    tenth of them or more; a header's labels above the first question count for nothing. Three one-off bold
    phrases with a colon among 178 bold questions ("**Completita:** …", "**Alguien:** …" in a focus group's
    answers) are emphasis, and the questions stay the interviewer's turns.

    Examples
    --------
    >>> _bold_labels_take_turns([(0, 9, "Date"), (500, 507, "Alguien")], list(range(20, 2000, 40)))
    False
    >>> _bold_labels_take_turns([(30, 35, "Ann"), (80, 85, "Bo"), (130, 135, "Ann")], [10, 60, 110])
    True
    """
    if len({label for _, _, label in bold_labels}) < len(bold_labels):
        return True
    among = [start for start, _, _ in bold_labels if start >= asked[0]]
    return bool(among) and 10 * len(among) >= len(asked)


def _bold_questions(paragraphs: list[tuple[int, str, bool]], *, three: bool = True, asking: frozenset[int] = frozenset()) -> list[int]:
    """Where the interviewer's turns start in a Word transcript that labels no one but sets them in bold.

    Transcribers set the interviewer's questions in bold and the answers plain, with no
    speaker labels. That is the layout where, from the first bold question on, there are
    four bold paragraphs or more, most of them end with a question mark (or trail off),
    most are followed by a plain one, and fewer than three paragraphs from there on open
    with a typed label (a header's "Interviewee: …", "Date: …" above counts for nothing), or three bold paragraphs, each a question answered by a plain one (a short
    follow-up interview; not with ``three=False``, as Markdown's reader asks, where a
    note's three question headings are as common); each bold paragraph is then an interviewer's turn (a bold title
    above stays a title), and the plain paragraphs after it its answer. Anything else: no turns. ``asking``: the starts
    of lines that ask though their words do not end as a question does (the items a question lists, in Markdown).

    Examples
    --------
    >>> lines = [(0, "Interview 9", True), (12, "How long?", True), (22, "Ten years.", False), (33, "And now?", True),
    ...          (42, "Better.", False), (50, "Why?", True), (55, "Friends.", False), (64, "Thanks…", True), (72, "Bye.", False)]
    >>> _bold_questions(lines)
    [12, 33, 50, 64]
    >>> _bold_questions([(0, "Findings", True), (9, "It went well.", False), (23, "Methods", True), (31, "We met.", False)])
    []
    >>> _bold_questions([(0, "Why?", True), (5, "Rent.", False), (11, "And now?", True), (20, "Fine.", False), (26, "Next?", True), (32, "Home.", False)])
    [0, 11, 26]
    >>> _bold_questions([(0, "Why?", True), (5, "Rent.", False), (11, "Costs", True), (17, "High.", False), (23, "Next?", True), (29, "Home.", False)])
    []

    A transcription tool's labels over each turn ("[Chercheur] (0:01 - 0:11)"), the guide's questions in bold inside them:

    >>> labelled = [(0, "[Chercheur] (0:01 - 0:09)", False), (26, "1 - Why here?", True), (40, "[Interviewe] (0:10 - 0:20)", False),
    ...             (67, "Rent.", False), (73, "[Chercheur] (0:21 - 0:25)", False), (99, "2 - And now?", True),
    ...             (112, "[Interviewe] (0:26 - 0:40)", False), (139, "Fine.", False), (145, "3 - Why?", True), (154, "Friends.", False)]
    >>> _bold_questions(labelled)
    []
    """
    filled = [line for line in paragraphs if line[1].strip()]
    first = next((i for i, (_, text, bold) in enumerate(filled) if bold and text.rstrip().endswith(_QUESTION_MARKS)), None)
    if first is None:
        return []
    body = filled[first:]
    bold = [line for line in body if line[2]]
    asked = sum(text.rstrip().endswith(ASKING_ENDS) or start in asking for start, text, _ in bold)
    followed = sum(1 for this, after in itertools.pairwise(body) if this[2] and not after[2])
    # Typed labels ("I: …", "Interviewer: …", a transcription tool's "[Chercheur] (0:01 - 0:11)" over the words), as the
    # segmenter reads them: a transcript of bold questions has none, unless they are the answers' own label under the
    # questions ("**Why?**" over "**Resposta:** Rent."). A guide's questions set in bold inside labelled turns stay there.
    typed = sum(1 for _, text, _ in body if any(SPEAKER_PATTERNS[kind].match(text) for kind in _TYPED_LABELS))  # a header's "Date: …" above asks nothing
    # A focus group's initials ("P= …" over "AL= …", "VG= …"), where two of them come back: the transcript's labels, the
    # moderator's lines in bold among them; "P-" alone before each bold question labels only what the bold says.
    # Half their lines must read as talk, as in the segmenter (:func:`._segment._initials_talk`): a glossary's
    # "GP = general practitioner" lines whose keys come back are no labels against the bold questions.
    marked = [(found.group("speaker"), text[found.end() :] or (body[index + 1][1] if index + 1 < len(body) else "")) for index, (_, text, _) in enumerate(body) if (found := SPEAKER_PATTERNS["initials_mark"].match(text))]
    initials = Counter(label for label, _ in marked)
    if sum(1 for count in initials.values() if count >= 2) >= 2 and 2 * sum(_reads_as_talk(words) for _, words in marked) >= len(marked):
        typed += initials.total()
    if len(bold) < (3 if three else 4) or 2 * asked < len(bold) or 2 * followed < len(bold) or (typed >= 3 and answering_label(body) is None):
        return []
    if len(bold) == 3 and not (sum(text.rstrip().endswith(_QUESTION_MARKS) for _, text, _ in bold) == followed == 3):
        return []  # a short follow-up interview: three questions, each asked outright and answered in plain words
    return [start for start, _, is_bold in body if is_bold]


def _answered_questions(text: str, asked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the question lines ``asked`` (:func:`_markdown_questions`), those right above an answer opening with the
    answers' own label (:func:`answering_label`); none where the answers are not labelled so."""
    starts = {start for start, _ in asked}
    lines, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line.strip(), offset in starts))
        offset += len(line) + 1
    label = answering_label(lines)
    if label is None:
        return []
    opens = re.compile(rf"(?:\*\*|__)?{re.escape(label)}(?:\*\*|__)?[ \t]*[:：]", re.IGNORECASE)
    under = {this[0] for this, after in itertools.pairwise(lines) if this[2] and opens.match(after[1])}
    return [question for question in asked if question[0] in under]


def answering_label(paragraphs: list[tuple[int, str, bool]]) -> str | None:
    """The typed label the answers open with under questions set apart in bold or as headings, else None.

    Requirements and HCI interviews kept as a list of questions write each question in bold and
    its answer under it as "**Resposta:** …" ("Answer:", "R:"): one label, never the interviewer's,
    opening the line right after most set-apart lines, any other typed label once at most (a
    "**Legend:**" after the interview; a heading's "Part 2: …" is no label). The questions are then
    the interviewer's turns and the label the participant's.

    Examples
    --------
    >>> qa = [(0, "Why here?", True), (10, "**Resposta:** Rent.", False), (30, "And now?", True), (39, "Resposta: Fine.", False)]
    >>> answering_label(qa), answering_label([(0, "Why?", True), (5, "Ann: Rent.", False), (16, "Bo: Rent.", False), (26, "Bo: Fine.", False)])
    ('Resposta', None)
    """
    label_of = {
        start: found.group("speaker").strip().strip("*_").strip()
        for start, text, _ in paragraphs
        if not text.startswith("#") and (found := SPEAKER_PATTERNS["name"].match(text))
    }
    counts = Counter(label.lower() for label in label_of.values())
    if not counts:
        return None
    (answer, times), *others = counts.most_common()
    if answer in DEFAULT_INTERVIEWER_LABELS or times < 2 or any(count > 1 for _, count in others):
        return None
    set_apart = [line for line in paragraphs if line[2]]
    under = sum(1 for this, after in itertools.pairwise(paragraphs) if this[2] and label_of.get(after[0], "").lower() == answer)
    return next(label for label in label_of.values() if label.lower() == answer) if 2 * under >= len(set_apart) else None


#: The reader's note for a Markdown transcript without labels whose questions are headings or bold lines.
MARKDOWN_QUESTIONS = "Markdown question lines read as the interviewer's"
#: The same, where each answer under a question opens with its own label ("**Resposta:** …"), read as the participant's.
MARKDOWN_QUESTIONS_ANSWERED = "Markdown question lines read as the interviewer's, over labelled answers"
#: The same reader's note for the lines after the interview, under a closing section's heading (:func:`_markdown_questions`).
MARKDOWN_CLOSING = "Markdown closing-section lines after the last question"
#: A closing section's heading of a write-up, by its first or last word ("## Conclusion", "## Histórico de Versão",
#: "## References") with no other words but :data:`_CLOSING_BESIDE`'s: the author's, after the interview, where it asks nothing and no question comes after it.
_CLOSING_WORDS = frozenset(
    """conclusion conclusions conclusão conclusões conclusión conclusiones conclusione conclusioni fazit
    references referências referencias bibliography bibliografia literatur appendix appendices apêndice anexo anexos anhang
    changelog version versão versión versões versiones revision revisions revisão revisões""".split()
)
#: Words a closing section's title may hold beside its closing word ("Histórico de Versão", "Version history",
#: "Referências Bibliográficas", "4. Final conclusions"), where a prompt's other words ("Your thoughts on the new
#: version") make the heading one more question.
_CLOSING_BESIDE = frozenset(
    """final finais finales finale finaux finale de da do das dos del des der die of and e y und the
    history histórico historico historial historique bibliográficas bibliograficas bibliográficos bibliografía notes""".split()
)
#: A Markdown line set apart as a heading ("## Question 2: Why?") or wholly in bold ("**Why?**"): its marks, its words.
_MARKDOWN_SET_APART = re.compile(r"^(?P<marks> {0,3}#{1,6}[ \t]+|[ \t]*(?:\*\*|__))(?P<words>.*?)(?:[ \t]+#+)?[ \t]*$")
_QUESTION_NUMBER = re.compile(r"^(?:[^\W\d_]{1,12}[ \t]*)?\d{1,3}[ \t]*[.:)-]?[ \t]*")
#: A list item's bullet opening a line ("- ", "* ", "+ "), or its number in a numbered list ("1. ", "2) ").
_LIST_BULLET = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ \t]+")
#: A line wholly in bold, perhaps a list's item ("- **Which tools do you use?**", "3. **Which tools?**", as question
#: lists are written).
_WHOLLY_BOLD = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?P<mark>\*\*|__)(?=\S)(?:(?!(?P=mark)).)+(?<=\S)(?P=mark)[ \t]*$")


def _markdown_questions(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """Where the interviewer's questions stand in a Markdown transcript that sets them as headings or bold lines.

    HCI and requirements interviews kept in Markdown often label no one: each question is a
    heading ("## Question 1: What keeps you busy?", "### 4. Qual etnia?") or a line wholly in
    bold ("**What tools do you rely on?**"), with the answer in plain lines under it. That is the
    layout a Word transcript gives with bold questions, and it is decided by the same rule
    (:func:`_bold_questions`: four such lines or more from the first question on, most of them
    asking, most followed by a plain line, fewer than three typed labels). Of those lines the
    interviewer's turns are the ones that ask, and the prompts ("## Tell me more.") that plain
    words answer; a line over another such line ("## Tools" over "**Which tools?**") stays a
    section title and one naming a note ("## Observations") the researcher's note, nobody's
    answer, as Markdown headings between turns are. After the last question, a heading that asks nothing and is
    the write-up's own (:func:`_closing_heading`: "## Conclusion" or a version table's) ends the interview.

    Returns (line start, where its words start) for each question line, and where the closing section starts
    (``None`` where the interview runs to the end).

    Examples
    --------
    >>> text = "# Notes\\n## Why here?\\nCheap rent.\\n## And the bus?\\nSlow.\\n## Friends\\nFew.\\n**Stay?**\\nYes.\\n**Why?**\\nWork.\\n"
    >>> [text[start:content] + "|" + text[content:text.index(chr(10), content)] for start, content in _markdown_questions(text)[0]]
    ['## |Why here?', '## |And the bus?', '## |Friends', '|**Stay?**', '|**Why?**']
    >>> _markdown_questions("## Why here?\\nCheap rent.\\n## Methods\\nWe met.\\n")
    ([], None)
    >>> form = "### 1. Name\\nAna\\n### 2. Age\\n20\\n### 3. Where?\\nBahia\\n### 4. Why?\\nWork\\n### 5. How?\\nBus\\n### 6. When?\\nMay\\n"
    >>> [form[content:form.index(chr(10), content)] for _, content in _markdown_questions(form)[0]]
    ['1. Name', '2. Age', '3. Where?', '4. Why?', '5. How?', '6. When?']
    >>> ended = form + "## Conclusion\\nShe came by bus.\\n"
    >>> asked, closing = _markdown_questions(ended)
    >>> len(asked), ended[closing:]
    (6, '## Conclusion\\nShe came by bus.\\n')
    """
    lines: list[tuple[int, str, bool]] = []
    content: dict[int, int] = {}
    numbers: dict[int, int] = {}  # a set-apart line's own number ("### 3. Estado" is 3)
    # The headings under a question heading that lists what to answer about ("### Have you used these? Say how:" over
    # "#### Booking a room", "#### Grants", each answered): its items, asked as it asks, up to a heading at its level.
    items: set[int] = set()
    listing: int | None = None  # the level of the question heading whose items follow
    listed_items: set[int] = set()  # the bold items of a numbered list ("1. **How did you start?**")
    levels: dict[int, int] = {}  # a heading's level ("### …" is 3)
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            apart = _MARKDOWN_SET_APART.match(line)
            heading = apart is not None and "#" in apart["marks"]
            bold = _WHOLLY_BOLD.match(line) is not None
            words = line.strip()
            if heading:
                level = levels[offset] = apart["marks"].count("#")
                if listing is not None and level > listing:
                    items.add(offset)
                else:
                    said = apart["words"].strip()
                    listing = level if any(mark in said for mark in _QUESTION_MARKS) and said.endswith(":") else None
            if heading or bold:
                if heading:
                    words = apart["words"].strip()
                else:
                    bullet = _LIST_BULLET.match(line.strip())
                    words = line.strip()[bullet.end() if bullet else 0 :][2:-2].strip()
                    if bullet is not None and bullet.group()[0].isdigit():
                        words = f"{bullet.group().strip()} {words}"  # a numbered list's number is its question's ("1. **…**")
                        listed_items.add(offset)
                content[offset] = offset + apart.end("marks") if heading else offset
                # A question's own number ("Question 1: …", "Frage 2: …", "4. …") is no typed speaker's label.
                number = _QUESTION_NUMBER.match(words)
                if number is not None and number.group().strip():
                    numbers[offset] = int(re.search(r"\d+", number.group()).group())
                words = words[number.end() :] if number is not None else words
            lines.append((offset, words, heading or bold))
        offset += len(line) + 1
    # A line that asks nothing is a prompt ("## Tell me more.") where plain words answer it, unless it names a
    # note ("## Observations": the researcher's, under the turn before); over another such line it is a section's title.
    answered = {line[0] for line, after in itertools.pairwise(lines) if line[2] and not after[2]}
    # Its first or last word says it is a note ("## Notes", "## Additional observations"): "## Consulta de nota e
    # frequência" (looking up one's grades and attendance) is none.
    noted = {start for start, words, _ in lines if {*(said := re.findall(r"\w+", words.lower()))[:1], *said[-1:]} & _NOTE_WORDS}
    kept = {start for start, words, _ in lines if words.endswith(ASKING_ENDS) or (start in answered and start not in noted)}
    asking = frozenset(items & answered)
    # Three questions are enough where each is a numbered list's bold item ("1. **…?**" over "- answer"): an interview
    # write-up, not a note's three question headings.
    three = bool(listed_items) and all(start in listed_items for start, words, apart in lines if apart and words.endswith(_QUESTION_MARKS))
    asked = _numbered_prompts_before(lines, [start for start in _bold_questions(lines, three=three, asking=asking) if start in kept], numbers)
    said = {start: words for start, words, _ in lines}
    closing = _closing_heading([(start, said[start], levels.get(start)) for start in asked], asking)
    return [(start, content[start]) for start in asked if closing is None or start < closing], closing


def _closing_heading(asked: list[tuple[int, str, int | None]], asking: frozenset[int] = frozenset()) -> int | None:
    """Where a Markdown write-up's own closing sections start among its question lines, else ``None``.

    A write-up of an interview often ends with the author's sections: "## Conclusão" over a summary, "## Histórico
    de Versão" over a table. Each is a heading over plain lines, so it reads as one more prompt and its words as the
    last answer. The first of the lines after the last one that asks (or a listed item, ``asking``) is the write-up's
    where it and every question line after it ask nothing and either each is a heading above the questions' own
    level (any heading, where the questions are bold lines), or it is a closing section's title
    (:func:`_names_closing_section`: "Conclusion", not "Your thoughts on the new version") and each after it is a heading. ``asked``: (start, words, heading level or ``None``).

    Examples
    --------
    >>> _closing_heading([(0, "Why?", 3), (20, "And now?", 3), (40, "Summing up", 2), (70, "Team", 2)])
    40
    >>> _closing_heading([(0, "Why?", None), (20, "Now?", None), (40, "Conclusion", 2)]), _closing_heading([(0, "Why?", 2), (20, "Conclusion", 2)])
    (40, 20)
    >>> _closing_heading([(0, "Why?", 3), (20, "Tell me more.", 3)]), _closing_heading([(0, "Why?", 3), (20, "Part 3", 2), (40, "Tell me more.", 3)])
    (None, None)
    """
    last = max((at for at, (start, words, _) in enumerate(asked) if words.endswith(ASKING_ENDS) or start in asking), default=None)
    if last is None:
        return None
    deepest = min((level for start, words, level in asked[: last + 1] if level is not None), default=None)
    rest = asked[last + 1 :]
    for at, (start, words, _) in enumerate(rest):
        after = rest[at:]
        if any(line[2] is None for line in after):
            return None  # a bold prompt after it: the interview goes on
        if all(deepest is None or line[2] < deepest for line in after):
            return start
        if _names_closing_section(words):
            return start
    return None


def _names_closing_section(words: str) -> bool:
    """Whether a heading's words are a closing section's title: its first or last word a closing word
    (:data:`_CLOSING_WORDS`), the others at most a number, a letter and :data:`_CLOSING_BESIDE`'s words, before any ":"
    ("Appendix A: consent form").

    Examples
    --------
    >>> [_names_closing_section(w) for w in ("Conclusão", "Histórico de Versão", "4. Final conclusions", "Appendix B: forms")]
    [True, True, True, True]
    >>> [_names_closing_section(w) for w in ("4. Your thoughts on the new version", "Overall conclusion", "Tell me more.")]
    [False, False, False]
    """
    named = re.findall(r"\w+", words.split(":")[0].lower())
    rest = [word for word in named if word not in _CLOSING_WORDS]
    return bool({*named[:1], *named[-1:]} & _CLOSING_WORDS) and all(word in _CLOSING_BESIDE or word.isdigit() or len(word) == 1 for word in rest)


def _numbered_prompts_before(lines: list[tuple[int, str, bool]], asked: list[int], numbers: dict[int, int]) -> list[int]:
    """``asked`` with the numbered prompts set apart before the first question, which are the same list's questions.

    A form's or a guide's prompts before its first question mark ("### 1. Nome", "### 2. Idade" over their answers,
    then "### 3. Qual etnia?"; in Word "1. Tell us about the club." and "1.2 So it is a real firm." in bold, then
    "2. Which services…?") are read as the bold questions after them are: each numbered one less than the next, or
    the same number (a follow-up, "1.2"), with plain words under each. ``numbers`` holds each set-apart line's own
    number (:data:`_QUESTION_NUMBER`); ``lines`` are (start, words, set apart).

    Examples
    --------
    >>> lines = [(0, "1. Tell us about the club.", True), (30, "It is old.", False), (41, "1.2 So it is a real firm.", True),
    ...          (67, "Yes.", False), (72, "2. Who runs it?", True), (88, "We do.", False)]
    >>> _numbered_prompts_before(lines, [72], {0: 1, 41: 1, 72: 2})
    [0, 41, 72]
    >>> _numbered_prompts_before(lines, [72], {0: 5, 41: 1, 72: 2})
    [41, 72]
    """
    asked = list(asked)
    at = next((index for index, line in enumerate(lines) if asked and line[0] == asked[0]), None)
    number = numbers.get(asked[0]) if asked else None
    while at is not None and number is not None and number >= 1:
        before = at - 1
        while before >= 0 and not lines[before][2]:
            before -= 1
        if before < 0 or before == at - 1 or numbers.get(lines[before][0]) not in (number - 1, number):
            break
        asked.insert(0, lines[before][0])
        at, number = before, numbers[lines[before][0]]
    return asked


def _docx_line(paragraph) -> tuple[str, tuple[int, str] | None]:  # type: ignore[no-untyped-def]
    """A paragraph's text, and (where its words start, the label) when it opens with a bold label."""
    text = normalise_newlines(_paragraph_text(paragraph))
    label = ""
    for run in paragraph.runs:
        if run.bold and run.text.strip():
            label += run.text
        elif run.bold is not False and not run.text.strip() and label and (run.bold is None or not _is_role_label(label.strip())):
            # A space between bold words, in a run of its own (bold, or of no weight), runs on: "pensando en
            # Schiaretti" + " " + "y su relación …", all bold, is a bold question, not a label "pensando en Schiaretti";
            # a role word before it ("Interviewer" + " " + "how was it?") is the label, as where the space has no weight.
            label += run.text
        else:
            break
    colon = _LABEL_COLON.search(label)
    if colon is not None:
        # The label ends at its colon, even where the bold runs on ("I: Uhm, so"); a note is no speaker.
        head = label[: colon.start()].strip()
        label = label[: colon.end()] if _bold_head(head) else ""
    elif not text[len(label) :].lstrip(" \t").startswith((":", "：")) and not _BOLD_NAME.fullmatch(label.strip()):
        label = ""  # bold words with no colon are a name only when short and not a sentence ("Like a bomb.")
    label_text = label.strip().rstrip(":").strip()
    if _ONLY_A_TIME.fullmatch(text[len(label) :].strip()):
        # "Sara Mannheimer  00:00" (Otter's .docx: the name bold, its time plain, the words below):
        # a heading line the speaker patterns read with its time, as in Otter's .txt.
        return text, None
    if label_text and len(label_text) <= 40 and text.startswith(label) and text[len(label) :].strip():
        content = len(label)
        while content < len(text) and text[content] in " \t:":
            content += 1
        return text, (content, label_text)
    return text, None


#: Elements that hold body blocks of their own: content controls (a table of contents, a
#: template's fields, a bibliography) and custom XML; python-docx's ``iter_inner_content``
#: passes over them, so their paragraphs were lost.
_BLOCK_WRAPPERS = {f"{_WORD}sdt", f"{_WORD}sdtContent", f"{_WORD}customXml"}


def _docx_blocks(container, parent):  # type: ignore[no-untyped-def]
    """The paragraphs and tables of a body or a table cell, in order, including those inside content controls."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in _wrapped_blocks(container):
        yield Paragraph(child, parent) if child.tag == f"{_WORD}p" else Table(child, parent)


def _wrapped_blocks(element):  # type: ignore[no-untyped-def]
    for child in element.iterchildren():
        if child.tag in (f"{_WORD}p", f"{_WORD}tbl"):
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _wrapped_blocks(child)


def _docx_paragraphs(block):  # type: ignore[no-untyped-def]
    """A body block's paragraphs in order: a paragraph itself, a table's cells flattened row by row (tables in cells too)."""
    from docx.table import Table, _Cell

    if isinstance(block, Table):
        # Cells as Word stores them, each once: a cell merged across columns is one w:tc, one
        # merged down rows is empty below its first row (python-docx's ``row.cells`` repeats
        # both), and rows or cells inside content controls count too.
        for row in _wrapped(block._tbl, f"{_WORD}tr"):
            for tc in _wrapped(row, f"{_WORD}tc"):
                cell = _Cell(tc, block)
                for inner in _docx_blocks(tc, cell):
                    yield from _docx_paragraphs(inner)
    else:
        yield block


def _wrapped(element, tag: str):  # type: ignore[no-untyped-def]
    """Children of ``element`` with ``tag``, looking inside content controls and custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _wrapped(child, tag)


#: Header cells of a transcript table (lower case), and the columns they name.
_TABLE_HEADERS = {
    "speaker": "speaker", "name": "speaker", "who": "speaker", "participant": "speaker",
    "content": "words", "text": "words", "transcript": "words", "transcription": "words", "utterance": "words",
    "time": "time", "timespan": "time", "timestamp": "time", "start": "time", "timecode": "time",
    "minute": "time", "minutes": "time", "min": "time", "mins": "time",
}
_TABLE_TIME = re.compile(r"[\d:.,\s\-–]+")
#: A speaker cell is a short name: at most this many characters, on one line, no sentence end.
_SPEAKER_CELL = 40


def _transcript_rows(table) -> list[_TableRow] | None:  # type: ignore[no-untyped-def]
    """(time, speaker, words) of each row when a Word table is a transcript, else None (see :func:`_grid_transcript`)."""
    cells = [[[_paragraph_text(p) for inner in _docx_blocks(cell._tc, cell) for p in _docx_paragraphs(inner)] for cell in row.cells] for row in table.rows]
    stacked = _label_column(cells)
    if stacked is not None:
        return stacked
    return _grid_transcript([[normalise_newlines("\n".join(paragraphs)).strip() for paragraphs in row] for row in cells])


def _label_column(cells: list[list[list[str]]]) -> list[_TableRow] | None:
    """The turns of a table whose rows each hold every label in one cell and every turn's words in the next, else None.

    Transcribers lay an interview out as one row of two cells: "Interviewer", "Interviewee", …
    down the left (spaced with empty paragraphs to stand level with the words) and the turns
    down the right. The k-th label is the speaker of the k-th paragraph of words; only where
    each row holds as many labels as paragraphs, two labels or more coming back, is it read so.

    Examples
    --------
    >>> rows = _label_column([[["Interviewer", "", "", "Interviewee", "Interviewer", "", "Interviewee"], ["How are you?", "Fine.", "", "And now?", "Better."]]])
    >>> [(row.speaker, row.words) for row in rows]
    [('Interviewer', 'How are you?'), ('Interviewee', 'Fine.'), ('Interviewer', 'And now?'), ('Interviewee', 'Better.')]
    >>> _label_column([[["Name", "Age"], ["Tom", "42"]]]) is None
    True
    >>> len(_label_column([[["Interviewer", "Interviewee", "Interviewer"], ["Hi?", "Hi.", "Bye."]], [[""], [""]]]))
    3
    """
    turns: list[_TableRow] = []
    for row in cells:
        if len(row) != 2:
            return None
        labels = [text.strip().rstrip(":：").strip() for text in row[0] if text.strip()]
        words = [text.strip() for text in row[1] if text.strip()]
        if not labels and not words:
            continue  # an empty row between the parts
        if len(labels) < 2 or len(labels) != len(words) or len(set(labels)) == len(labels):
            return None
        if not all(len(label) <= _SPEAKER_CELL and len(label.split()) <= 3 and label[-1] not in ".?!…" for label in labels):
            return None
        turns.extend(_TableRow("", label, text) for label, text in zip(labels, words))
    return turns or None


#: The reader's note for a table of stacked labels beside stacked turns whose numbers differ.
UNPAIRED_LABELS = "label columns not paired"
#: The reader's note for a transcript table's column of row numbers, left out ("left out of the text: 40 row numbers …").
TABLE_ROW_NUMBERS = "row numbers of a transcript table"


def _unpaired_label_column(table) -> bool:  # type: ignore[no-untyped-def]
    """Whether a Word table is laid out as :func:`_label_column` reads it, but a row's labels and paragraphs differ in number.

    Which label goes with which paragraph is then a matter of the page's layout (the empty
    paragraphs that stand the labels level with the words), which the file does not keep.
    """
    for row in table.rows:
        cells = row.cells
        if len(cells) != 2:
            return False
        labels = [p.text.strip().rstrip(":：").strip() for p in cells[0].paragraphs if p.text.strip()]
        words = [p.text for p in cells[1].paragraphs if p.text.strip()]
        if (
            len(labels) >= 4
            and len(words) >= 2
            and len(labels) != len(words)
            and len(set(labels)) < len(labels)
            # A line of the column may be a note to the reader ("Part 2 is below"), not a label.
            and sum(not (len(label) <= _SPEAKER_CELL and len(label.split()) <= 3 and label[-1] not in ".?!…") for label in labels) <= 1
        ):
            return True
    return False


class _TableRow(NamedTuple):
    time: str
    speaker: str
    words: str
    #: A row merged across the table ("Part 2: Housing"): a section title, nobody's words.
    heading: bool = False
    #: The row's number was in a column of its own, left out (a transcription service numbers its rows).
    numbered: bool = False
    #: The turn's start and end in seconds, read from its time cell (:func:`_row_seconds`), else None.
    start: float | None = None
    end: float | None = None


def _table_lines(rows: list[_TableRow], offset: int, parts: list[str], bold_labels: list[tuple[int, int, str]], headings: list[int]) -> int:
    """Write a transcript table's rows as lines, "time<TAB>speaker<TAB>words", each speaker a label; the new offset.

    A row's time (its ``start``) goes with its label as a clock, so its turn is timed as a typed "[0:02:00] Ann" is.
    """
    for row in rows:
        time, speaker, words, heading = row.time, row.speaker, row.words, row.heading
        if heading:
            headings.append(offset)
        head = f"{time}\t{speaker}\t" if time else f"{speaker}\t"
        if speaker:
            bold_labels.append((offset, offset + len(head), f"{_as_clock(row.start)} {speaker}" if row.start is not None else speaker))
        line = head + words if speaker else words
        parts.append(line)
        offset += len(line) + 1
    return offset


#: Headers of a time column that count whole minutes ("Minute": "0", "2", "5"); a bare "Time" over whole numbers says no unit.
_MINUTES_HEADERS = frozenset({"minute", "minutes", "min", "mins"})


def _row_seconds(cell: str, header: str) -> tuple[float | None, float | None]:
    """A transcript table's time cell as the turn's (start, end) in seconds: its clocks ("00:01:02", NVivo's
    "0:00.0 - 0:08.4"), or whole minutes under a header that names minutes ("Minute": "2" is 120 s); else (None, None).

    Examples
    --------
    >>> _row_seconds("0:00.0 - 0:08.4", "Timespan"), _row_seconds("2", "Minute"), _row_seconds("2", "Time")
    ((0.0, 8.4), (120.0, None), (None, None))
    """
    clocks = _CELL_CLOCK.findall(cell)
    if clocks:
        return _clock_seconds(clocks[0]), _clock_seconds(clocks[1]) if len(clocks) > 1 else None
    if cell.strip().isdigit() and header.strip().lower().rstrip(":.") in _MINUTES_HEADERS:
        return 60.0 * int(cell), None
    return None, None


def _as_clock(seconds: float) -> str:
    """Seconds as a clock the speaker patterns read ("0:02:00", "1:05:09.5").

    Examples
    --------
    >>> _as_clock(120.0), _as_clock(3909.5)
    ('0:02:00', '1:05:09.5')
    """
    whole = int(seconds)
    clock = f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    fraction = round(seconds - whole, 3)
    return clock + (f"{fraction:.3f}".lstrip("0").rstrip("0") if fraction else "")


def _numbered_rows(grid: list[list[str]]) -> bool:
    """Whether a table of three or four columns opens with a column that only numbers its rows, rising from near 1
    ("1", "2", "3" or a transcript's line numbers "1", "4", "9"), a header cell over it aside ("No.", "Line").

    Examples
    --------
    >>> _numbered_rows([["1", "INT", "How are you?"], ["2", "P1", "Fine."], ["3", "INT", "Good."]])
    True
    >>> _numbered_rows([["2019", "Ann", "Moved."], ["2020", "Ann", "Back."], ["2021", "Bo", "Left."]])
    False
    """
    if len(grid) < 3 or any(len(row) not in (3, 4) for row in grid):
        return False
    # A row merged across the table ("Section 2: Support" in every cell) is a section's title, no numbered row.
    first = [row[0].strip() for row in grid if not (row[0] and len(set(row)) == 1)]
    headed = bool(first) and not first[0].isdigit()
    if headed and _TABLE_HEADERS.get(first[0].lower().rstrip(":.")) == "time":
        return False  # "Minute", "Time": the turns' times, not row numbers
    values = first[1:] if headed else first
    if len(values) < 2 or not all(value.isdigit() and len(value) <= 5 for value in values):
        return False
    numbers = [int(value) for value in values]
    # Line numbers start at 1 or soon after; a count from 0 that skips ("0", "2", "5", "9") is minutes.
    consecutive = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return 0 < numbers[0] <= _TYPED_FIRST_AT_MOST and all(b > a for a, b in zip(numbers, numbers[1:])) or (numbers[0] == 0 and consecutive)


def _grid_transcript(grid: list[list[str]]) -> list[_TableRow] | None:
    """(time, speaker, words) of each row when a table's cell texts are a transcript, else None.

    A transcript table has a speaker column (short one-line names, no
    sentence end, two names or more, some coming back), a column of words
    (the most words of the rest), perhaps a time column (digits and
    separators), and nothing else; a first row of headers ("Speaker",
    "Content", "Timespan") is kept as a plain line, and so is a row merged
    across the table (the same text in every column: a section title).  Any
    other table (a list of participants, a schedule) is not one, and is read
    cell by cell as before.
    """
    # A first column that only counts the rows ("1", "2", "3" beside speaker and words): layout, left out and counted.
    numbered = _numbered_rows(grid)
    if numbered:
        grid = [row[1:] for row in grid]
    written = grid  # what the cells say, for the words: "Three things matter to me:" keeps its colon
    grid = [[cell.rstrip(":：").rstrip() if len(cell) <= _SPEAKER_CELL + 1 else cell for cell in row] for row in grid]  # "Interviewer:" is the label Interviewer
    if len(grid) < 3 or len({len(row) for row in grid}) != 1 or not 2 <= len(grid[0]) <= 4:
        return None
    header = [_TABLE_HEADERS.get(cell.lower().rstrip(":")) for cell in grid[0]]
    every = grid[1:] if any(header) else grid
    every_written = written[1:] if any(header) else written
    across = [bool(row[0]) and len(set(row)) == 1 for row in every]
    body = [row for row, merged in zip(every, across) if not merged]
    if len(body) < 2:
        return None
    columns = list(zip(*body))
    # A time column: clocks ("00:01:02"), or whole minutes under a header that names a time ("Minute": "0", "2", "5").
    times = [
        i for i, cells in enumerate(columns)
        if any(cells) and all(_TABLE_TIME.fullmatch(c) and (":" in c or (header[i] == "time" and c.isdigit())) for c in cells if c)
    ]

    def names(cells: tuple[str, ...]) -> bool:
        filled = [c for c in cells if c]
        return (
            len(filled) >= len(cells) - 1
            and all(len(c) <= _SPEAKER_CELL and "\n" not in c and c[-1] not in ".?!…" for c in filled)
            and 2 <= len(set(filled)) < len(filled)
        )

    speakers = [i for i, cells in enumerate(columns) if i not in times and names(cells)]
    if len(speakers) != 1 or len(times) > 1 or len(columns) - len(times) - 1 != 1:
        return None
    words = next(i for i in range(len(columns)) if i not in times and i != speakers[0])
    said = [c for c in columns[words] if c]
    if sum(len(c.split()) for c in said) < 3 * len(said) or not any(c[-1] in ".?!…" for c in said):
        return None  # what people said runs to sentences; a column of ages or roles does not
    # Short labels beside sentences may be themes beside quotes: a transcript's header names its
    # speaker column, or one of its labels is a role, or someone in it asks questions.
    asks = any(w.rstrip().endswith(_QUESTION_MARKS) for w in columns[words])
    if header[speakers[0]] != "speaker" and not asks and not any(_is_role_label(c) for c in columns[speakers[0]] if c):
        return None
    time = times[0] if times else None
    time_header = grid[0][time] if time is not None and any(header) else ""
    found: list[_TableRow] = []
    for row, as_written, merged in zip(every, every_written, across):
        if merged:
            found.append(_TableRow("", "", as_written[0], heading=True))
            continue
        start, end = _row_seconds(row[time], time_header) if time is not None else (None, None)
        found.append(_TableRow(row[time] if time is not None else "", row[speakers[0]], as_written[words], numbered=numbered, start=start, end=end))
    return ([_TableRow("", "", "\t".join(written[0]))] if any(header) else []) + found


# --------------------------------------------------------------------------- odt
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def read_odt(path: Path, data: bytes, *, marks: bool = False) -> SourceText:
    """An OpenDocument text's words; with ``marks``, its comments and highlights too (:func:`_odf_marks`)."""
    from defusedxml import ElementTree

    hint = "re-save it from your word processor as .odt or .docx"
    archive = _open_zip(path, data, ".odt", hint)
    with contextlib.suppress(KeyError):
        if b"encryption-data" in archive.read("META-INF/manifest.xml"):
            raise DocumentFormatError(
                "this .odt file is password-protected (its content is encrypted)",
                path=path,
                hint="open it in LibreOffice, remove the password (File > Properties > Security) and save it again",
            )
    try:
        root = ElementTree.fromstring(archive.read("content.xml"))
    except KeyError:
        raise DocumentFormatError(
            "this zip archive has no content.xml, so it is not an OpenDocument text",
            path=path,
            hint=hint,
        ) from None
    except Exception as exc:  # defusedxml raises its own hierarchy
        raise DocumentFormatError(f"content.xml cannot be read: {exc}", path=path, hint=hint) from None

    paragraphs: list[str] = []
    bold_labels: list[tuple[int, int, str]] = []
    headings: list[int] = []
    offset = 0
    skipped: set[int] = set()  # elements of a table already written as turns, and of asides
    found: list[tuple[Any, int, int]] = []  # comments' ends and spans, where they stand in the text
    # Not the document's words: tracked deletions (kept at the top of the text), comments
    # and footnotes (Word's are in other parts, which the .docx reader does not read either).
    removed: dict[str, int] = {}
    for tag, kind in _ODF_ASIDES.items():
        for aside in root.iter(tag):
            skipped.update(id(inner) for inner in aside.iter())
            if kind:
                removed[kind] = removed.get(kind, 0) + 1
    if deletions := sum(1 for _ in root.iter(f"{{{_ODF_TEXT}}}deletion")):
        removed["tracked deletions"] = deletions
    if margins := _odf_header_lines(archive, ElementTree):
        removed["headers and footers"] = margins
    # Text boxes' paragraphs are nobody's turn: they follow the body (see _boxes_after).
    boxed = {id(inner) for box in root.iter(f"{{{_ODF_DRAW}}}text-box") for inner in box.iter()}
    boxes: list[str] = []
    for element in root.iter():
        if id(element) in skipped:
            continue
        if id(element) in boxed:
            if element.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
                boxes.append(_odf_text(element))
            continue
        if element.tag == _ODF_TABLE_TAG:
            rows = _grid_transcript(_odf_grid(element))
            if rows is not None:
                # A transcript laid out as a table, as in a Word document.
                offset = _table_lines(rows, offset, paragraphs, bold_labels, headings)
                if numbers := sum(row.numbered for row in rows):
                    removed[TABLE_ROW_NUMBERS] = removed.get(TABLE_ROW_NUMBERS, 0) + numbers
                skipped.update(id(inner) for inner in element.iter())
        elif element.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            inside: list[tuple[Any, int, int]] = []
            paragraphs.append(_odf_text(element, inside, offset))
            found.extend(inside)
            offset += len(paragraphs[-1]) + 1
    _boxes_after(paragraphs, boxes, offset, headings)
    text = "\n".join(paragraphs)
    kept = _odf_marks(root, found, _odf_colours(root, _odf_part(archive, "styles.xml", ElementTree)), text) if marks else []
    return SourceText(text, "odt", None, _sha256(data), bold_labels=bold_labels, heading_lines=headings, removed=removed, marks=kept)


def _odf_part(archive: zipfile.ZipFile, name: str, parser):  # type: ignore[no-untyped-def]
    """An OpenDocument archive's XML member, parsed; None where it is missing or unreadable."""
    try:
        return parser.fromstring(archive.read(name))
    except Exception:  # noqa: BLE001 - no such part, or one that cannot be read: nothing in it is read
        return None


_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#: Parts of a text that are not its words, and what the load notes call them (None: not said).
_ODF_ASIDES = {f"{{{_ODF_TEXT}}}tracked-changes": None, f"{{{_ODF_OFFICE}}}annotation": "comments", f"{{{_ODF_TEXT}}}note": "footnotes"}


_ODF_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_ODF_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#: A master page's running headers and footers (first, left and right pages).
_ODF_MARGINS = tuple(f"{{{_ODF_STYLE}}}{kind}" for kind in ("header", "footer", "header-left", "footer-left", "header-first", "footer-first"))


def _odf_header_lines(archive: zipfile.ZipFile, parser) -> int:  # type: ignore[no-untyped-def]
    """How many lines with words the page headers and footers of an OpenDocument text hold (in styles.xml)."""
    try:
        styles = parser.fromstring(archive.read("styles.xml"))
    except Exception:  # noqa: BLE001 - no styles.xml, or one that cannot be read: no headers to count
        return 0
    return sum(
        1
        for tag in _ODF_MARGINS
        for margin in styles.iter(tag)
        for line in margin.iter()
        if line.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h") and "".join(line.itertext()).strip()
    )


_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODF_TABLE_TAG = f"{{{_ODF_TABLE}}}table"


def _odf_count(cell, attribute: str) -> int:  # type: ignore[no-untyped-def]
    """A cell's span or repeat count: 1 where it is missing or not a whole number."""
    value = cell.get(f"{{{_ODF_TABLE}}}{attribute}", "1")
    return max(int(value), 1) if value.isdigit() else 1


def _odf_grid(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """An OpenDocument table's cell texts, row by row (repeated and covered cells spelled out)."""
    grid = []
    for row in table.iter(f"{{{_ODF_TABLE}}}table-row"):
        cells: list[str] = []
        spanned, text = 0, ""
        for cell in row:
            if cell.tag == f"{{{_ODF_TABLE}}}covered-table-cell" and spanned > 0:
                cells.append(text)  # the cell merged across it, as a Word table reads it
                spanned -= 1
                continue
            if cell.tag not in (f"{{{_ODF_TABLE}}}table-cell", f"{{{_ODF_TABLE}}}covered-table-cell"):
                continue
            text = "\n".join(_odf_text(p) for p in cell.iter() if p.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h")).strip()
            spanned = _odf_count(cell, "number-columns-spanned") - 1
            # Trailing empty cells are written once with a repeat count (often thousands).
            repeat = min(_odf_count(cell, "number-columns-repeated"), 64)
            cells.extend([text] * repeat)
        while cells and not cells[-1]:
            cells.pop()
        grid.append(cells)
    width = max((len(row) for row in grid), default=0)
    return [row + [""] * (width - len(row)) for row in grid]


def _odf_text(element, at: list[tuple[Any, int, int]] | None = None, base: int = 0) -> str:  # type: ignore[no-untyped-def]
    """An OpenDocument paragraph's text; with ``at``, where each comment's start and end and each span stand in it.

    ``at`` gets ``(element, start, end)`` for every ``office:annotation``,
    ``office:annotation-end`` (both at one point) and ``text:span``, offset by ``base``.
    """
    pieces = [element.text or ""]
    length = len(pieces[0])
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "s":
            piece = " " * int(child.get(f"{{{_ODF_TEXT}}}c", "1"))
        elif tag == "tab":
            piece = "\t"
        elif tag == "line-break":
            piece = " "
        elif tag not in ("p", "h", "annotation", "note", "tracked-changes"):
            piece = _odf_text(child, at, base + length)
        else:
            piece = ""
        if at is not None and tag in ("annotation", "annotation-end", "span"):
            at.append((child, base + length, base + length + len(piece)))
        pieces.append(piece)
        pieces.append(child.tail or "")
        length += len(piece) + len(pieces[-1])
    return "".join(pieces)


_DC = "{http://purl.org/dc/elements/1.1/}"
_ODF_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"


def _odf_colours(*roots) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Text styles with a background colour (LibreOffice's highlighting), by name, from content.xml and styles.xml."""
    colours: dict[str, str] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{{{_ODF_STYLE}}}style"):
            for properties in style.iter(f"{{{_ODF_STYLE}}}text-properties"):
                colour = colour_name(properties.get(f"{{{_ODF_FO}}}background-color") or properties.get(f"{{{_ODF_FO}}}highlight-color"))
                if colour:
                    colours[style.get(f"{{{_ODF_STYLE}}}name", "")] = colour
    return colours


def _odf_marks(root, found: list[tuple[Any, int, int]], colours: dict[str, str], text: str) -> list[Mark]:  # type: ignore[no-untyped-def]
    """The comments and highlighted spans of an OpenDocument text, as spans of ``text`` (see :func:`_odf_text`)."""
    ends: dict[str, int] = {}
    where: dict[int, int] = {}
    runs: list[tuple[int, int, str]] = []
    for element, start, end in found:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "annotation-end":
            ends[element.get(f"{{{_ODF_OFFICE}}}name", "")] = start
        elif tag == "annotation":
            where[id(element)] = start
        elif (colour := colours.get(element.get(f"{{{_ODF_TEXT}}}style-name", ""))) and start < end:
            runs.append((start, end, colour))
    marks: list[Mark] = []
    for number, annotation in enumerate(root.iter(f"{{{_ODF_OFFICE}}}annotation"), 1):
        name = annotation.get(f"{{{_ODF_OFFICE}}}name", "")
        author = "".join(annotation.find(f"{_DC}creator").itertext()).strip() if annotation.find(f"{_DC}creator") is not None else None
        created = "".join(annotation.find(f"{_DC}date").itertext()).strip() if annotation.find(f"{_DC}date") is not None else None
        words = "\n".join(_odf_text(p) for p in annotation if p.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h")).strip()
        start, end, why = where.get(id(annotation)), ends.get(name) if name else None, None
        if start is None:
            why = "it is not anchored in the text's paragraphs as qlr reads them (a transcript table, a text box, a header)"
        elif end is None:
            why = "it marks a point, not a passage (select the words, then add the comment)"
        else:
            start, end = trimmed(text, start, end)
            if start >= end:
                why = "it selects no words"
        label = f"comment {name or number}" + (f" by {author}" if author else "") + f" ({words[:40]!r})"
        marks.append(Mark("comment", label, None if why else start, None if why else end, text=words, author=author or None, created=created, key=name or str(number), why=why))
    for start, end, colour in merged_runs(runs, text):
        start, end = trimmed(text, start, end)
        if start < end:
            marks.append(Mark("highlight", f"{colour} highlight at character {start:,} ({text[start:end][:40]!r})", start, end, colour=colour))
    return marks


# --------------------------------------------------------------------------- pdf
def read_pdf(path: Path, data: bytes, *, marks: bool = False) -> SourceText:
    """A PDF's text as a researcher would quote it (:func:`clean_pdf_text`); with ``marks``, its highlights and notes too (:func:`_pdf_marks`)."""
    with _pypdf_notes_kept():
        return _read_pdf(path, data, marks=marks)


@contextlib.contextmanager
def _pypdf_notes_kept() -> Iterator[None]:
    """Keep pypdf's log notes on how it repaired a file's structure ("Ignoring wrong pointing object")
    off the terminal, where ``-q`` could not hide them: they are about the file's cross-references,
    not its words (pages it cannot read are said by qlr)."""
    logger = logging.getLogger("pypdf")
    kept = logging.NullHandler()
    logger.addHandler(kept)
    try:
        yield
    finally:
        logger.removeHandler(kept)


def _read_pdf(path: Path, data: bytes, *, marks: bool) -> SourceText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    broken: list[int] = []
    pages: list[str] = []
    fragments: dict[int, list[tuple[str, float, float, float, list[float]]]] = {}  # by page number, of pages with annotations
    try:
        reader = PdfReader(io.BytesIO(data))
        # A PDF with only an owner password (no copying, no printing) opens with an empty
        # user password, as in any viewer; one that asks for a password to open cannot be read.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFormatError("the PDF needs a password to open", path=path, hint="export an unprotected copy")
        read: dict[int, list[tuple[str, float, float, float, list[float]]]] = {}  # by page number: the page's pieces
        for number, page in enumerate(reader.pages, 1):
            try:
                words = None
                if marks and page.get("/Annots"):
                    # The page's pieces and places for its highlights, from the same reading as its text.
                    with contextlib.suppress(Exception):
                        words, fragments[number] = _pdf_fragments(page)
                        read[number] = fragments[number]
                if words is None:
                    try:
                        words, read[number] = _pdf_fragments(page, measure=False)
                    except Exception:  # noqa: BLE001 - where following its pieces fails, the page is read plainly, as before
                        words = page.extract_text()
                pages.append(normalise_newlines(words or ""))
            except Exception:  # noqa: BLE001 - pypdf fails a damaged page many ways; the page is reported below
                pages.append("")
                broken.append(number)
        pages = _pages_rejoined(pages, reader, read)
    except PdfReadError as exc:
        raise DocumentFormatError(
            f"the PDF cannot be read: {exc}", path=path, hint="re-export it, or save the text as .txt"
        ) from None
    cleaned = _cleaned_pdf(pages)
    text, removed = cleaned.text, cleaned.removed
    found: list[Mark] = []
    try:
        found = _pdf_marks(reader, cleaned, fragments) if marks else []
    except Exception as exc:  # noqa: BLE001 - the annotations are damaged past reading: the text is read, and this said
        found = [Mark("note", "the PDF's annotations", why=f"they cannot be read ({type(exc).__name__})")]
    # A page with no text layer is a scanned image: its words cannot be read without OCR.
    blank = [number for number, page in enumerate(pages, 1) if not page.strip() and number not in broken]
    unread = {f"page(s) with no text layer ({_page_list(blank)}; scanned images? run OCR on them)": len(blank)} if blank else {}
    if not text.strip() and removed.get("page headers and footers"):
        # All the text there is repeats on every page: a stamp over scans, or a document of one line a page.
        unread["page(s) whose only text repeats on every page and was left out as a header or footer (a stamp on scanned pages? run OCR on them)"] = len(pages) - len(blank)
    if broken:
        unread[f"page(s) too damaged to read ({_page_list(broken)}; the rest of the PDF is read)"] = len(broken)
    return SourceText(text, "pdf", None, _sha256(data), removed=removed, unread=unread, marks=found)


#: Of the breaks pypdf puts between a PDF's pieces of text, this share falling inside a line marks a PDF broken at every run.
_BROKEN_RUNS_SHARE = 0.5


def _breaks_inside_lines(pieces: list[tuple[str, float, float, float, list[float]]]) -> tuple[int, int]:
    """How many of the line breaks pypdf reads between a page's pieces fall inside a line (both on one baseline), and how many between lines.

    Examples
    --------
    >>> _breaks_inside_lines([("Ann: It was l", 10, 700, 12, []), ("\\n", 0, 0, 1, []), ("ovely.", 88, 700, 12, []),
    ...                       ("\\n", 0, 0, 1, []), ("Bo: Yes.", 10, 686, 12, [])])
    (1, 1)
    """
    inside = across = 0
    last: tuple[str, float, float, float, list[float]] | None = None
    broke = False
    for piece in pieces:
        words = piece[0]
        if not words.strip():
            broke = broke or "\n" in words
            continue
        if last is not None and (broke or last[0].rstrip(" ").endswith("\n")):
            if abs(piece[2] - last[2]) < max(piece[3], last[3]) / 3:
                inside += 1
            else:
                across += 1
        broke = words.rstrip(" ").endswith("\n")
        last = piece
    return inside, across


def _pages_rejoined(pages: list[str], reader, read: dict[int, list[tuple[str, float, float, float, list[float]]]]) -> list[str]:  # type: ignore[no-untyped-def]
    """The pages' texts, each page with breaks inside its lines read again, where the PDF was written a run at a time.

    A word processor's PDF may write each run of a line (a word re-spelled, a
    change of font, a tracked edit) as a text object of its own, or each word
    of a justified line, and pypdf ends every text object with a line break:
    "Me l" / "lamo M7, tengo" / "[40 a" / "45" / "]" for "Me llamo M7, tengo
    [40 a 45]".  Words are cut in two, a label ("M1" / ":") no longer opens its
    turn.  Where most of a PDF's breaks between pieces (``read``: each page's,
    by page number) fall between two pieces on one baseline
    (:func:`_breaks_inside_lines`), its pages with such breaks are read again:
    where its pieces carry spaces (a tenth of them hold one: "SI OS PARECE, "),
    runs cut anywhere, even inside a word, by pypdf's layout mode, which places
    each piece by its position and width (the runs of spaces it pads lines with
    are cleaned as any page's are); where they hold none, each piece a word the
    page sets apart, a line's pieces joined by a space (:func:`_words_rejoined`).
    Other PDFs read as pypdf reads them.
    """
    breaks = {number: _breaks_inside_lines(pieces) for number, pieces in read.items()}
    inside = sum(found for found, _ in breaks.values())
    if inside < 3 or inside < _BROKEN_RUNS_SHARE * sum(found + between for found, between in breaks.values()):
        return pages
    filled = [words for pieces in read.values() for words, *_ in pieces if words.strip("\n")]
    spaced = 10 * sum(" " in words for words in filled) >= len(filled)
    rejoined = list(pages)
    for number, (found, _) in breaks.items():
        if found and not spaced:
            rejoined[number - 1] = normalise_newlines(_words_rejoined(read[number]))
        elif found:
            with contextlib.suppress(Exception):  # the page as pypdf read it first stays
                rejoined[number - 1] = normalise_newlines(reader.pages[number - 1].extract_text(extraction_mode="layout") or "")
    return rejoined


def _words_rejoined(pieces: list[tuple[str, float, float, float, list[float]]]) -> str:
    """A page's text rebuilt line by line from its pieces, each a word: the pieces of a baseline are one line, a space between them.

    Examples
    --------
    >>> words = [("Bo:", 10, 686, 12, []), ("\\n", 0, 0, 1, []), ("Yes", 40, 686, 12, []), ("\\n", 0, 0, 1, []),
    ...          ("indeed.", 70, 686, 12, []), ("\\n", 0, 0, 1, []), ("Ann:", 10, 672, 12, []), ("\\n", 0, 0, 1, []), ("No.", 40, 672, 12, [])]
    >>> print(_words_rejoined(words))
    Bo: Yes indeed.
    Ann: No.
    """
    lines: list[str] = []
    last: tuple[str, float, float, float, list[float]] | None = None
    for piece in pieces:
        words, _, y, height, _ = piece
        if not words.strip():
            continue
        if last is not None and abs(y - last[2]) < max(height, last[3]) / 3:
            lines[-1] += " " + words.strip()
        else:
            lines.append(words.strip())
        last = piece
    return "\n".join(lines)


#: PDF annotations that mark words on the page (a text markup annotation's quadrilaterals lie over them).
_PDF_MARKUP = frozenset({"/Highlight", "/Underline", "/Squiggly", "/StrikeOut"})
#: PDF annotations that are no one's reading of the words: links, form fields, the pop-up windows of others.
_PDF_NOT_NOTES = frozenset({"/Link", "/Widget", "/Popup"})


def _pdf_fragments(page, *, measure: bool = True) -> tuple[str, list[tuple[str, float, float, float, list[float]]]]:  # type: ignore[no-untyped-def]
    """A page's text as pypdf reads it, and its pieces: (text, x, baseline y, font height, where each character starts), in reading order.

    Characters are as wide as the font's ``/Widths`` say (a simple font), else half the font's height.
    Without ``measure``, only the pieces' places are read, not their characters'.
    """
    pieces: list[tuple[str, float, float, float, list[float]]] = []

    def visit(words, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if not words:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[0] * cm[0] + tm[1] * cm[2]) or 1.0
        height = abs(size * (tm[3] * cm[3] + tm[2] * cm[1])) or abs(size)
        if not measure:
            pieces.append((words, x, y, height, []))
            return
        widths, first = [], 0
        try:
            widths = [float(w) for w in (font or {}).get("/Widths") or []]
            first = int((font or {}).get("/FirstChar", 0))
        except (TypeError, ValueError, AttributeError):
            widths = []
        usual = sum(widths) / len(widths) if widths else 500.0
        at, places = x, []
        for char in words:
            places.append(at)
            code = ord(char) - first
            width = widths[code] if 0 <= code < len(widths) and widths[code] > 0 else usual
            at += width / 1000 * abs(size) * scale
        pieces.append((words, x, y, height, places))

    return page.extract_text(visitor_text=visit), pieces


def _under_quads(fragments: list[tuple[str, float, float, float, list[float]]], quads: list[float]) -> tuple[str, int] | None:
    """The words under a markup annotation's quadrilaterals (whole words), and how many characters of the page come before them."""
    boxes = []
    for k in range(0, len(quads) - 7, 8):
        xs, ys = quads[k : k + 8 : 2], quads[k + 1 : k + 8 : 2]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    chosen: list[tuple[int, int]] = []  # (piece, character) under a box
    for number, (words, _, y, height, places) in enumerate(fragments):
        middle = y + height * 0.3
        for left, right, bottom, top in boxes:
            if not bottom - height * 0.2 <= middle <= top + height * 0.2:
                continue
            for at, char in enumerate(words):
                end = places[at + 1] if at + 1 < len(places) else places[at] + height / 2
                if char != "\n" and left <= (places[at] + end) / 2 <= right:
                    chosen.append((number, at))
    if not chosen:
        return None
    by_piece: dict[int, list[int]] = {}
    for number, at in sorted(set(chosen)):
        by_piece.setdefault(number, []).append(at)
    starts = list(accumulate((len(words) for words, *_ in fragments), initial=0))
    quote, previous = "", None
    for number, ats in by_piece.items():
        words = fragments[number][0]
        first, last = ats[0], ats[-1] + 1
        while 0 < first < len(words) and words[first].isalnum() and words[first - 1].isalnum():  # whole words: the box is placed by eye
            first -= 1
        while 0 < last < len(words) and words[last].isalnum() and words[last - 1].isalnum():
            last += 1
        # Pieces of one line run on as written; a new line (or another column) is white space.
        same_line = previous is not None and abs(fragments[previous][2] - fragments[number][2]) < fragments[number][3] / 3 and previous == number - 1
        quote += ("" if same_line or not quote else "\n") + words[first:last]
        previous = number
    first_number, first_at = next(iter(by_piece.items()))
    return quote.strip(), starts[first_number] + first_at[0]


def _pdf_marks(reader, cleaned: _CleanedPdf, read: dict[int, list[tuple[str, float, float, float, list[float]]]]) -> list[Mark]:  # type: ignore[no-untyped-def]
    """A PDF's highlights (and underlines, squiggles, strike-outs) as spans of its text, and its notes, which anchor no words.

    A markup annotation's anchor is a region of its page: the words under its
    quadrilaterals are read from the page (character places estimated from the pieces
    pypdf reads, rounded to whole words) and found among the words the text keeps of
    that page (``cleaned.page_starts``) at the same occurrence as on the page, counted
    in what the text keeps (a running header that holds the words too is left out of
    the count, as it is of the text).  Each search is the page's own, so reading a
    document's annotations takes time in step with its length.  Its ``/Contents``
    (a comment typed on the highlight) is the mark's words; its ``/C`` its colour;
    ``/T`` its author.  ``read`` holds the pieces (:func:`_pdf_fragments`) of the pages
    already read with them.
    """
    text = cleaned.text
    marks: list[Mark] = []
    for number, page in enumerate(reader.pages, 1):
        try:
            annotations = [a.get_object() for a in page.get("/Annots") or []]
        except Exception:  # noqa: BLE001 - a damaged annotation list: the page's annotations are not read
            annotations = []
        fragments = read.get(number)
        written: _Spaced | None = None  # the page's pieces, in the order pypdf reads them
        kept: _Spaced | None = None  # the words the text keeps of the page
        left_out: list[tuple[int, str]] = []  # the page's lines the text leaves out, and where each ends among ``written``
        first = cleaned.page_starts[number - 1] if number - 1 < len(cleaned.page_starts) else len(text)
        last = cleaned.page_starts[number] if number < len(cleaned.page_starts) else len(text)
        counted: Counter[str] = Counter()
        for annotation in annotations:
            if not isinstance(annotation, dict):
                continue  # a null or broken reference in the list: no annotation there
            kind = str(annotation.get("/Subtype", ""))
            words = normalise_newlines(str(annotation.get("/Contents") or "")).strip()
            author = str(annotation.get("/T") or "").strip() or None
            created = _pdf_date(annotation.get("/M") or annotation.get("/CreationDate"))
            counted[kind] += 1
            label = f"page {number}, {kind.lstrip('/').lower()} {counted[kind]}" + (f" by {author}" if author else "") + (f" ({words[:40]!r})" if words else "")
            if kind not in _PDF_MARKUP:
                if words and kind not in _PDF_NOT_NOTES:
                    marks.append(Mark("note", label, text=words, author=author, created=created, why="a note on the page, beside the words: it anchors none"))
                continue
            colour = pdf_colour(annotation.get("/C"))
            mark = Mark("comment" if words else "highlight", label, text=words, author=author, created=created, colour=colour)
            marks.append(mark)
            try:
                if fragments is None:
                    fragments = _pdf_fragments(page)[1]
                quads = [float(v) for v in annotation.get("/QuadPoints") or []]
                under = _under_quads(fragments, quads) if quads else None
            except Exception:  # noqa: BLE001 - a page pypdf cannot walk, a malformed number: said below
                under = None
            if not under or not under[0]:
                mark.why = "no words of the page lie under it (a region of a picture or scan, or no text layer)"
                continue
            quote, before = under
            quote = quote.translate(_LIGATURE_LETTERS)  # as the text writes them
            if kept is None:
                kept = _Spaced(text[first:last])
            spans = kept.spans(quote)
            if not spans:
                mark.why = f"the words under it ({quote[:40]!r}) are not in the text as qlr reads it (a page header, or a line printed twice)"
                continue
            if written is None:
                written = _Spaced("".join(f[0] for f in fragments or []))
                for line in cleaned.left_out[number - 1] if number - 1 < len(cleaned.left_out) else []:
                    if where := written.spans(line):
                        left_out.append((where[0][1], line))
            # Occurrences before it on the page, but not those in a line the text leaves out (a running header).
            occurrence = len(written.spans(quote, before=before)) - sum(len(_spaced_spans(line, quote)) for end, line in left_out if end <= before)
            start, end = spans[min(max(occurrence, 0), len(spans) - 1)]
            mark.start, mark.end = first + start, first + end
    return marks


def _spaced_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of ``text`` holding ``quote``'s characters in order with any white space between them (or none).

    A PDF's words under a highlight come in pieces whose spacing is the page's, not the
    text's; a word hyphenated at a line's end is found joined, as the text has it.

    Examples
    --------
    >>> _spaced_spans("We share the rota.\\nIt was co-production", "share the\\nrota")
    [(3, 17)]
    >>> _spaced_spans("It was coproduction", "co-\\nproduction")
    [(7, 19)]
    """
    return _Spaced(text).spans(quote)


#: A hyphen at a line's end between two words' pieces ("co-\nproduction").
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-\s+(?=\w)")


class _Spaced:
    """A text without its white space, where quotes are found with any white space between their characters.

    Made once for a page and searched for each of its highlights with ``str.find``:
    no pattern is compiled for a quote, so a page's many highlights cost little.
    """

    def __init__(self, text: str) -> None:
        pieces = [(found.start(), found.group()) for found in re.finditer(r"\S+", text)]
        self.squeezed = "".join(piece for _, piece in pieces)
        #: Where each character of ``squeezed`` stands in the text.
        self.at = [start + k for start, piece in pieces for k in range(len(piece))]

    def _found(self, characters: str, before: int | None) -> list[tuple[int, int]]:
        """Spans of ``characters`` (no white space), one after another as a regular expression finds them, ending by ``before``."""
        spans: list[tuple[int, int]] = []
        width = len(characters)
        index = self.squeezed.find(characters)
        while index != -1:
            span = (self.at[index], self.at[index + width - 1] + 1)
            if before is not None and span[1] > before:
                break
            spans.append(span)
            index = self.squeezed.find(characters, index + width)
        return spans

    def spans(self, quote: str, *, before: int | None = None) -> list[tuple[int, int]]:
        """Every span holding ``quote`` (as :func:`_spaced_spans`), those ending by ``before`` where it is given."""
        for form in (quote, _LINE_END_HYPHEN.sub("", quote)):
            characters = "".join(form.split())
            if not characters:
                return []
            spans = self._found(characters, before)
            if spans:
                return spans
        # Many lines under one highlight may differ from the text in a mark or two (a period the page prints
        # apart, a footnote sign): the span from its first words to its last, about as long.
        characters = "".join(_LINE_END_HYPHEN.sub("", quote).split())
        if len(characters) < 60:
            return []
        head, tail = characters[:20], characters[-20:]
        spans = []
        index = self.squeezed.find(head)
        while index != -1:
            start = self.at[index]
            last = self.squeezed.find(tail, index + len(head))
            if last != -1 and (end := self.at[last + len(tail) - 1] + 1) <= start + int(len(characters) * 1.3) + 40:
                if before is not None and end > before:
                    break
                spans.append((start, end))
            index = self.squeezed.find(head, index + len(head))
        return spans


def _pdf_date(value: object) -> str | None:
    """A PDF date (``D:20240312101500+01'00'``) as ISO 8601, else None.

    Examples
    --------
    >>> _pdf_date("D:20240312101500+01'00'"), _pdf_date("D:20240312"), _pdf_date("yesterday")
    ('2024-03-12T10:15:00+01:00', '2024-03-12T00:00:00', None)
    """
    found = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?", str(value or ""))
    if not found:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    stamp = f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if zone and zone != "Z":
        stamp += zone[:3] + ":" + zone[3:].strip("'")[:2]
    elif zone == "Z":
        stamp += "+00:00"
    return stamp


def _page_list(numbers: list[int]) -> str:
    """Page numbers as a reader writes them: "p. 3", "pp. 3, 5–7"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    spans = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ("p. " if len(numbers) == 1 else "pp. ") + ", ".join(spans)


# PDF text as a researcher would quote it.  Extraction gives the words of the page,
# but also what a reader's eye skips: tabs for spaces, running headers and footers,
# a column of line numbers, words hyphenated at the margin, and a speaker label set
# in its own table cell above its words.
_RUN_OF_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BARE_NUMBER = re.compile(r"\d{1,5}")

# A page's running number, one rule for every reader: a PDF's furniture (:func:`_furniture`) and a plain text
# copied from a printout (:func:`_cut_typed_pages`). A Word or OpenDocument file keeps its page numbers in its
# headers and footers, which are left out whole (:func:`_header_lines`).
#: The word for "page" before its number: English and French "Page", German "Seite", Spanish and Portuguese
#: "Página", Italian and Dutch "Pagina", Catalan "Pàgina", Polish "Strona".
_PAGE_WORDS = r"page|seite|p[áà]gina|pagina|strona"
#: Between a page's number and the count of pages: "/" or the word for "of" ("of", "von", "de", "sur", "di", "van", "z").
_PAGE_OF_WORDS = r"[ \t]*/[ \t]*|[ \t]+(?i:of|von|de|sur|di|van|z)[ \t]+"
_PAGE_MARK = re.compile(
    rf"(?:(?P<word>(?i:{_PAGE_WORDS}))[ \t]*)?(?P<page>\d{{1,4}})(?:(?:{_PAGE_OF_WORDS})(?P<pages>\d{{1,4}}))?"
    r"|[-\u2013\u2014][ \t]*(?P<dashed>\d{1,4})[ \t]*[-\u2013\u2014]"
)
#: A running line cut short after "Page 10 of", its count of pages wrapped onto the next line ("18").
_WRAPPED_PAGE_OF = re.compile(rf"(?i:{_PAGE_WORDS})[ \t]*\d{{1,4}}[ \t]+(?i:of|von|de|sur|di|van|z)[ \t]*$")


#: A page's number and the count of pages in a running line ("print 2/34", "Page 2 of 34", "Seite 2 von 34").
_PAGE_OF = re.compile(rf"\b\d{{1,4}}(?:{_PAGE_OF_WORDS})\d{{1,4}}\b")


def page_mark(line: str, *, worded: bool = False) -> tuple[int, int | None] | None:
    """A line that is only a page's running number, as (the page, the count of pages or None); else None.

    "4", "4/5", "- 4 -", "Page 4 of 5" and its like in German, French, Spanish, Portuguese, Italian, Dutch,
    Catalan and Polish ("Seite 4 von 5", "Page 4 sur 5", "Página 4 de 5", "Pagina 4 di 5", "Pagina 4 van 5",
    "Pàgina 4 de 5", "Strona 4 z 5"). ``worded``: only a line that says "page" and the count ("Page 4 of 5"),
    as a plain text must to be read by its pages (a line "4" there may be an answer).

    Examples
    --------
    >>> [page_mark(line) for line in ["Seite 2 von 7", "Strona 3 z 9", "- 4 -", "12"]]
    [(2, 7), (3, 9), (4, None), (12, None)]
    >>> page_mark("Página 2 de 7", worded=True), page_mark("2/7", worded=True), page_mark("See page 2 of 7")
    ((2, 7), None, None)
    """
    found = _PAGE_MARK.fullmatch(line.strip())
    if found is None or (worded and not (found["word"] and found["pages"])):
        return None
    page = found["page"] or found["dashed"]
    return int(page), int(found["pages"]) if found["pages"] else None


# "12  I: …", and "(12) I: …" or "[12] I: …" as some transcribers bracket them.
# "12  I: …", "(12) I: …", "[12] I: …", and "12) I: …" or "12. I: …" (a numbered list's style).
_NUMBERED_LINE = re.compile(r"(?:(?P<round>\()|(?P<square>\[))?(?P<number>\d{1,5})(?(round)\)|(?(square)\]|(?P<mark>[.)])?))\s+(?P<rest>\S.*)")
_LABEL_ALONE = re.compile(r"[^\s:]{1,40}(?: [^\s:]{1,40}){0,3} ?:")
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"([^\W\d_]+)")
_SENTENCE_END = ('.', '?', '!', '"', '\u201d', ')', ']', ':')
#: How many lines at each end of a page may be a running header or footer.
_EDGE_LINES = 2


def _edge_positions(lines: list[str], skip: set[int], depth: int = _EDGE_LINES) -> list[int]:
    """Indices of the first and last ``depth`` non-empty lines of a page, ``skip`` aside."""
    filled = [i for i, line in enumerate(lines) if line and i not in skip]
    return sorted(set(filled[:depth] + filled[-depth:]))


def _a_turn(line: str) -> bool:
    """Whether a line opens with a speaker's label and words ("Tom: Yeah."): a turn, however often it recurs at a page's top."""
    found = SPEAKER_PATTERNS["name"].match(line)
    return found is not None and found.end() < len(line) and found.group("speaker").lower() not in _NOT_SPEAKERS


def _furniture(pages: list[list[str]], skips: list[set[int]]) -> list[set[int]]:
    """Per page, the line indices that are running headers, footers or page numbers.

    A line among the first or last two of a page is furniture when it is a page
    number ("4/5", "Page 4 of 5", "- 4 -"; a bare "4" only as the very first or
    last line, or next to a running line where such numbers count the pages, one a
    page, on at least half of them).  The first or last line is
    furniture when the same line, digits aside, opens or closes at least half
    the pages (and two or more), and so is the line next to it (the second from that edge,
    counted the same way) when it recurs so too and names its page or comes back word for
    word (a browser's printout: a date-and-title line over an address-and-page line); a speaker
    label, alone or opening a turn ("Tom: Yeah." at the top of three pages), is never taken
    for one.
    """
    def mask(line: str) -> str:
        return re.sub(r"\d+", "#", line)

    counts: dict[str, int] = {}
    exact: dict[str, int] = {}  # the lines near each edge, word for word
    beside_marks: dict[str, int] = {}  # the rest of each edge line that has a page mark for a column, digits aside
    for lines, skip in zip(pages, skips):
        edge_lines = {lines[i] for i in _edge_positions(lines, skip)}
        for masked in set(map(mask, edge_lines)):
            counts[masked] = counts.get(masked, 0) + 1
        for line in edge_lines:
            exact[line] = exact.get(line, 0) + 1
        for rest in {mask(column[1]) for line in edge_lines if (column := _page_column(line))}:
            beside_marks[rest] = beside_marks.get(rest, 0) + 1
    repeated = max(2, (len(pages) + 1) // 2)

    def page_line(line: str) -> bool:
        # "Page 2 of 18" alone, or a running line set out in columns with the mark at one end ("CHM Ref: …   Page 2
        # of 18"), whose other columns come back on the pages (its label-like opening does not make it a turn). Words
        # that differ from page to page beside the mark are someone's ("Respondent: …     Page 1 of 3"): no page line.
        if page_mark(line) is not None:
            return True
        column = _page_column(line)
        return column is not None and beside_marks.get(mask(column[1]), 0) >= repeated

    def recurs(line: str) -> bool:
        return counts.get(mask(line), 0) >= repeated and not _LABEL_ALONE.fullmatch(line) and not _a_turn(line)

    def recurs_inner(line: str) -> bool:
        # Beside a running line, only a line that names its page ("…/print 2/34") or comes back
        # word for word: not "Speaker 2  1:15" under "Page 2 of 3", a heading whose digits differ.
        return recurs(line) and (_PAGE_OF.search(line) is not None or exact.get(line, 0) >= repeated)

    found = []
    beside: dict[int, list[tuple[int, int]]] = {}  # bare numbers next to a running line, by their offset from the page's own number
    for page, (lines, skip) in enumerate(zip(pages, skips), 1):
        numbers = {i for i in _edge_positions(lines, skip) if page_line(lines[i])}
        # A bare number is a page number only as the very first or last line: "30"
        # just above a closing line is more likely an answer.
        numbers -= {i for i in numbers - set(_edge_positions(lines, skip, 1)) if _BARE_NUMBER.fullmatch(lines[i])}
        running = {i for i in _edge_positions(lines, skip, 1) if recurs(lines[i])}
        # A second running line goes only under or over one that went: a browser's printout
        # stacks its date-and-title line over its address-and-page line ("…/print 2/34").
        filled = [i for i, line in enumerate(lines) if line and i not in skip]
        for outer, inner in ((filled[:1], filled[1:2]), (filled[-1:], filled[-2:-1])):
            if outer and inner and outer[0] in numbers | running and recurs_inner(lines[inner[0]]):
                running.add(inner[0])
            elif outer and inner and outer[0] in running and inner[0] not in numbers and _BARE_NUMBER.fullmatch(lines[inner[0]]):
                beside.setdefault(int(lines[inner[0]]) - page, []).append((len(found), inner[0]))
        found.append(numbers | running)
    # A word processor's PDF may write the footer's page number just after the running header
    # ("Estudio cualitativo …" / "2"): a bare number next to a running line is the page's number
    # where it counts the pages on most of them, one a page.
    for places in beside.values():
        if len(places) >= repeated:
            for at, index in places:
                found[at].add(index)
    return found


def _line_numbers(lines: list[str], first_at_most: int | None = None) -> tuple[set[int], dict[int, str]]:
    """Line-number furniture on one page: bare numbers, or numbers opening most lines.

    Three or more bare-number lines counting up by one (the number column a
    transcription service prints, which extraction puts at the page's end) are
    dropped.  When most lines open with a number and those numbers rise by about one
    a line (a blank or unnumbered line between may be counted too), the numbers are cut
    from the lines.  A lone number ("30", an answer) is kept, and so are days and years:
    numbers that step by more ("3 May", "5 May", "12 May"), that are mostly followed by a
    month's name (a diary's "3 May", "4 May", "5 May"), or whose first is larger than
    ``first_at_most`` (a document's typed numbers start near 1; "2019 was hard", "2020 …").
    """
    bare = [i for i, line in enumerate(lines) if _BARE_NUMBER.fullmatch(line)]
    drop: set[int] = set()
    run: list[int] = []
    for i in [*bare, None]:
        if i is not None and run and int(lines[i]) == int(lines[run[-1]]) + 1:
            run.append(i)
            continue
        if len(run) >= 3:
            drop.update(run)
        run = [i] if i is not None else []
    filled = [i for i, line in enumerate(lines) if line and i not in drop]
    numbered = [(i, m) for i in filled if (m := _NUMBERED_LINE.fullmatch(lines[i]))]
    blanks = _numbered_blanks(lines, filled, numbered)
    cut: dict[int, str] = {}
    if len(filled) >= 3 and len(numbered) + len(blanks) >= 0.6 * len(filled):
        values = [int(m["number"]) for _, m in numbered]
        # "1." and "1)" also number a list, which keeps its numbers: they are cut only
        # where most numbered lines then open with a speaker label ("1) I: …").
        listed = [m for _, m in numbered if m["mark"]]
        labels = Counter(found.group().rstrip(" :").lower() for m in listed if (found := _LABEL_ALONE.match(m["rest"])))
        # Speakers come back ("1) I: …", "3) I: …"); a list's topics do not ("1. Background: …", "2. Methods: …").
        labelled = sum(count for count in labels.values() if count >= 2)
        if (
            all(b > a for a, b in zip(values, values[1:]))
            and (not listed or 2 * labelled > len(listed))
            and _counts_lines(numbered, first_at_most)
        ):
            cut = {i: m["rest"] for i, m in numbered} | dict.fromkeys(blanks, "")
    return drop, cut


def _numbered_blanks(lines: list[str], filled: list[int], numbered: list[tuple[int, re.Match[str]]]) -> list[int]:
    """The lines that hold only their number where a transcription service numbers blank lines too ("3" between
    "2  telephone interviews." and "4  R: Well…"): each a number between those of the numbered lines around it, in turn.

    A number alone that does not fall in the count (an answer's "30" on a line of its own in a numbered
    transcript has its own line number before it) is none.

    Examples
    --------
    >>> lines = ["1 I: How long?", "2 all told?", "3", "4 R: Two years.", "30", "5"]
    >>> filled = list(range(6))
    >>> _numbered_blanks(lines, filled, [(i, m) for i in filled if (m := _NUMBERED_LINE.fullmatch(lines[i]))])
    [2, 5]
    """
    at = {i: int(m["number"]) for i, m in numbered}
    blanks: list[int] = []
    last = None  # the number of the numbered line (or numbered blank) before
    for i in filled:
        if i in at:
            last = at[i]
        elif _BARE_NUMBER.fullmatch(lines[i]) and last is not None and int(lines[i]) == last + 1:
            blanks.append(i)
            last += 1
    return blanks


#: A month's name opening what follows a number ("3 May: …", "3. Mai: …", "12 de enero"): a date, not a line number.
_MONTH_AFTER = re.compile(rf"(?i)(?:de[ \t]+)?(?:{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?(?![^\W\d_])")


def _counts_lines(numbered: list[tuple[int, re.Match[str]]], first_at_most: int | None) -> bool:
    """Whether the numbers opening lines (line index, match) count lines, not days or years.

    The first is at most ``first_at_most`` (when given); most steps from one numbered line to
    the next are no larger than the lines between them (blank or unnumbered ones counted or
    not); and fewer than a quarter of the numbers are followed by a month's name.

    Examples
    --------
    >>> lines = ["3 May: clinic", "5 May: council", "12 May: landlord", "19 May: sister"]
    >>> _counts_lines([(i, _NUMBERED_LINE.fullmatch(line)) for i, line in enumerate(lines)], None)
    False
    >>> lines = ["1 I: How long?", "2 B: Two years.", "4 I: And now?", "5 B: We run it."]
    >>> _counts_lines([(2 * i, _NUMBERED_LINE.fullmatch(line)) for i, line in enumerate(lines)], 10)
    True
    """
    values = [int(m["number"]) for _, m in numbered]
    if not values or (first_at_most is not None and values[0] > first_at_most):
        return False
    steps = [(b - a, j - i) for (i, _), (j, _), a, b in zip(numbered, numbered[1:], values, values[1:])]
    if 5 * sum(1 for step, between in steps if step > between + 1) > len(steps):
        return False
    return 4 * sum(1 for _, m in numbered if _MONTH_AFTER.match(m["rest"])) < len(numbered)


#: First words of English compounds written with a hyphen ("full-time", "part-time", "long-term", "self-esteem",
#: "well-being", "low-income", "follow-up", "second-hand"): a hyphen after one at a line's end is the compound's.
_HYPHENATED_HEADS = frozenset({"self", "full", "part", "long", "short", "high", "low", "well", "ill", "first", "second", "two", "three", "follow"})


def _a_compound(head: str, tail: str) -> bool:
    """Whether a word broken at a line's end after a hyphen is an English compound that keeps it ("full-" / "time").

    The two written together are no English word qlr knows (:func:`qlr._words.english_words`: "highway",
    "highlight", "wellness", "cooperate" are words, so their hyphen was the typesetter's), and either English
    writes them with a hyphen (:func:`qlr._words.english_hyphenated`: "self-esteem", "ex-husband", "mother-in-law"),
    or the first part opens hyphenated compounds (:data:`_HYPHENATED_HEADS`) and the second is one of
    English's 3,000 commonest words (three letters or more, not the ending "less": "selfless").

    Examples
    --------
    >>> [_a_compound(*pair) for pair in [("full", "time"), ("Long", "term"), ("high", "way"), ("in", "credible"), ("self", "less")]]
    [True, True, False, False, False]
    >>> [_a_compound(*pair) for pair in [("self", "esteem"), ("ex", "husband"), ("co", "operate"), ("inter", "view")]]
    [True, True, False, False]
    """
    head, tail = head.lower(), tail.lower()
    if head + tail in english_words():
        return False
    if f"{head}-{tail}" in english_hyphenated():
        return True
    return head in _HYPHENATED_HEADS and len(tail) >= 3 and tail != "less" and tail in english_log_frequencies()


def _join_hyphenated(lines: list[str], text_for_evidence: str) -> tuple[list[str], int, list[tuple[int, int]]]:
    """Join words split by a hyphen at the end of a line; the lines, how many joins, and where each line went.

    The hyphen stays when the document spells the word with a hyphen elsewhere
    ("one-dimensional"), and goes when it spells it closed elsewhere; else it stays in an English
    compound (:func:`_a_compound`: "full-" / "time" is "full-time"), and was the typesetter's otherwise
    ("in-" / "credible").  Each line's place is ``(line, column)`` in the lines returned.

    Examples
    --------
    >>> _join_hyphenated(["It was in-", "credible.", "Yes."], "")
    (['It was incredible.', 'Yes.'], 1, [(0, 0), (0, 9), (1, 0)])
    >>> _join_hyphenated(["I work full-", "time now."], "")[0]
    ['I work full-time now.']
    """
    out: list[str] = []
    joined = 0
    at: list[tuple[int, int]] = []
    for line in lines:
        previous = out[-1] if out else ""
        head = _HYPHEN_END.search(previous)
        tail = _WORD_START.match(line)
        if head and tail and line[:1].islower():
            hyphenated = f"{head.group(1)}-{tail.group(1)}"
            closed = f"{head.group(1)}{tail.group(1)}"
            keep = "-" if hyphenated in text_for_evidence or (closed not in text_for_evidence and _a_compound(head.group(1), tail.group(1))) else ""
            out[-1] = previous[:-1] + keep + line
            at.append((len(out) - 1, len(previous) - 1 + len(keep)))
            joined += 1
        else:
            out.append(line)
            at.append((len(out) - 1, 0))
    return out, joined, at


#: Latin ligatures a PDF's fonts hold (U+FB00–U+FB06), and the letters they stand for.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE_LETTERS = str.maketrans(_LIGATURES)


def clean_pdf_text(pages: list[str]) -> tuple[str, dict[str, int]]:
    r"""Text of a PDF's pages as a researcher would quote it, and what was left out.

    Spaces and tabs become single spaces; running headers, footers and page
    numbers at the edges of pages go, and so does a column of line numbers; a
    speaker label alone on its line is joined to the words after it; words
    hyphenated at the end of a line are joined.  A page ends a paragraph only
    where its last line ends a sentence, so a turn running onto the next page
    stays one turn.

    Parameters
    ----------
    pages : list of str
        The extracted text of each page, newlines normalised.

    Returns
    -------
    text : str
        The stored text.
    removed : dict
        Counts of what was left out, by kind (only the kinds that occurred).

    Examples
    --------
    >>> pages = ["1/2\nDan:\t\n\tHow\tdid\tit\tgo?\nAsha:\t\n\tIt\twas\tin-\ncredible.\n1\n2\n3",
    ...          "2/2\nDan:\t\n\tThanks.\n4\n5\n6"]
    >>> text, removed = clean_pdf_text(pages)
    >>> print(text)
    Dan: How did it go?
    Asha: It was incredible.
    <BLANKLINE>
    Dan: Thanks.
    >>> removed
    {'page headers and footers': 2, 'line numbers': 6, 'hyphenations joined': 1}
    """
    cleaned = _cleaned_pdf(pages)
    return cleaned.text, cleaned.removed


class _CleanedPdf(NamedTuple):
    """A PDF's text as :func:`clean_pdf_text` makes it, and where each page's words are in it."""

    text: str
    removed: dict[str, int]
    #: Where each page's kept words begin in ``text`` (a page with none: where the next one's begin).
    page_starts: list[int]
    #: Each page's lines left out whole (its header, footer, page number, a column of line numbers, a line printed again).
    left_out: list[list[str]]


def _cleaned_pdf(pages: list[str]) -> _CleanedPdf:
    """:func:`clean_pdf_text`, with where each page begins in the text and which of its lines were left out.

    Examples
    --------
    >>> cleaned = _cleaned_pdf(["Study of the rota\\nAnn: It was in-", "Study of the rota\\ncredible.\\n2"])
    >>> cleaned.text, cleaned.page_starts, cleaned.left_out
    ('Ann: It was incredible.', [0, 14], [['Study of the rota'], ['Study of the rota', '2']])
    """
    # Typesetting's ligatures ("misﬁts", "staﬀ") as the letters a reader types: quotes are found, phrases match.
    ligatures = sum(page.count(character) for page in pages for character in _LIGATURES)
    if ligatures:
        pages = [page.translate(_LIGATURE_LETTERS) for page in pages]
    page_lines = [[_RUN_OF_SPACES.sub(" ", line).strip() for line in page.split("\n")] for page in pages]
    # Line numbers past 999 only continue a numbering begun on an earlier page: a page of years ("2019 was hard") is none.
    numbering: list[tuple[set[int], dict[int, str]]] = []
    for lines in page_lines:
        numbering.append(_line_numbers(lines, None if any(cut for _, cut in numbering) else 999))
    furniture = _furniture(page_lines, [drop for drop, _ in numbering])
    removed = {
        "page headers and footers": sum(len(found) for found in furniture),
        "line numbers": sum(len(drop) + len(cut) for drop, cut in numbering),
        "hyphenations joined": 0,
        "ligatures written as letters": ligatures,
        "lines printed again at the top of the next page": 0,
    }
    kept_pages: list[list[str]] = []
    left_out: list[list[str]] = []
    for lines, skip, (drop, cut) in zip(page_lines, furniture, numbering):
        kept: list[str] = []
        left_out.append([line for i, line in enumerate(lines) if line and (i in skip or i in drop)])
        for i, line in enumerate(lines):
            if i in skip or i in drop or not line:
                continue
            line = cut.get(i, line)
            if not line:
                continue  # a numbered blank line: its number was all it held
            if kept and _LABEL_ALONE.fullmatch(kept[-1]) and not _LABEL_ALONE.fullmatch(line):
                kept[-1] = f"{kept[-1]} {line}"
            else:
                kept.append(line)
        before = next((page[-1] for page in reversed(kept_pages) if page), None)
        if kept and kept[0] == before and len(before.split()) >= _REPEATED_LINE_WORDS:
            # A browser's or word processor's print to PDF may print a page's last line again atop the next
            # (PDPilot's transcripts, 16 of 43 page breaks): read once, as the document says it.
            left_out[-1].append(kept[0])
            kept = kept[1:]
            removed["lines printed again at the top of the next page"] += 1
        kept_pages.append(kept)
    evidence = "\n".join(line for kept in kept_pages for line in kept)
    joined: list[str] = []
    first_line: list[int | None] = []  # each page's first line among ``joined``
    for kept in kept_pages:
        if not kept:
            first_line.append(None)
            continue
        if joined:
            if joined[-1].endswith(_SENTENCE_END):
                joined.append("")  # a page ending a sentence ends a paragraph
        first_line.append(len(joined))
        joined.extend(kept)
    lines, removed["hyphenations joined"], hyphen_at = _join_hyphenated(joined, evidence)
    lines, removed["wrapped lines joined"], wrap_at = _join_wrapped(lines)
    line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    page_starts: list[int] = []
    following = len("\n".join(lines))
    for first in reversed(first_line):
        if first is not None:
            line, column = hyphen_at[first]
            out_line, out_column = wrap_at[line]
            following = line_starts[out_line] + out_column + column
        page_starts.append(following)
    page_starts.reverse()
    return _CleanedPdf("\n".join(lines), {kind: count for kind, count in removed.items() if count}, page_starts, left_out)


#: A page's first line that repeats the last line of the page before is left out when it has this many words.
_REPEATED_LINE_WORDS = 6
#: A line this close to the text's full width ran on when the page ended it.
_FULL_LINE = 0.8


def _join_wrapped(lines: list[str]) -> tuple[list[str], int, list[tuple[int, int]]]:
    """Lines a page wrapped joined into the sentence they belong to, how many joins, and where each line went (as :func:`_join_hyphenated`).

    A PDF breaks a turn wherever the line is full ("I asked you for the" /
    "question."): quoted or matched, the words run on.  A line at least
    :data:`_FULL_LINE` of the text's full width (the length nine lines in ten are
    within, as the page left it) runs on into the next, unless that one is empty,
    opens with a label ("Dan: …", "10:30 …") or is a short line with no closing
    mark of its own (a name or a date above the words).  Short texts (under ten
    lines) are left as they are.
    """
    filled = sorted(len(line) for line in lines if line)
    if len(filled) < 10:
        return lines, 0, [(index, 0) for index in range(len(lines))]
    full = filled[int(0.9 * (len(filled) - 1))]
    joined: list[str] = []
    count = 0
    at: list[tuple[int, int]] = []
    for previous, line in zip(["", *lines], lines):
        if previous and line and len(previous) >= _FULL_LINE * full and not _heading_like(previous, line):
            at.append((len(joined) - 1, len(joined[-1]) + 1))
            joined[-1] = f"{joined[-1]} {line}"
            count += 1
        else:
            joined.append(line)
            at.append((len(joined) - 1, 0))
    return joined, count, at


def _heading_like(previous: str, line: str) -> bool:
    """Whether ``line`` opens something of its own after the full line ``previous``: never joined onto it.

    A label ("Dan: …", "10:30 …"), a heading naming one of a person's interviews
    (:func:`._sections.is_wave_heading`), or a short line with no closing mark
    ("interviewer", "Ann", "3 March 2024"): a name or a date above the words,
    even where the line before stops mid-sentence (a speaker cut off, or a
    printout that puts its label inside a sentence).  A wrapped line's last
    words end with their sentence's mark, or stay a line of their own as before.
    """
    if _LABEL_ALONE.match(line) or (len(line.split()) <= 3 and not line.endswith(_SENTENCE_END)):
        return True
    return is_wave_heading(line)  # "Interview 2 - 10 June 2020" opens an interview of its own


# ------------------------------------------------------------------ subtitles
# Hand-written rather than webvtt-py: qlr needs the line number of a malformed cue
# in its error, and the voice of each cue, which that library does not report.
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
#: Whisper's own text, as its command line prints it and people save it: "[00:43.810 --> 00:47.850]  Hello …".
_WHISPER_LINE = re.compile(rf"^[ \t]*\[{_TIME}[ \t]+-->[ \t]+{_TIME}\][ \t]*(?P<words>.*?)[ \t]*$")


def _whisper_lines(text: str) -> list[_Cue] | None:
    r"""The cues of a text whose every line is one of Whisper's "[start --> end]  words" (three or more), else None.

    Examples
    --------
    >>> [(cue.start, cue.text) for cue in _whisper_lines("[00:01.000 --> 00:02.500]  Hi.\n[00:02.500 --> 00:04.000]  Hello.\n[01:00:04.000 --> 01:00:05.000] Bye.\n")]
    [(1.0, 'Hi.'), (2.5, 'Hello.'), (3604.0, 'Bye.')]
    >>> _whisper_lines("[00:01.000 --> 00:02.500]  Hi.\nAnn: hello\n[00:02.500 --> 00:04.000]  Hello.\n[00:04.000 --> 00:05.000] Bye.") is None
    True
    """
    lines = _every_line(text, _WHISPER_LINE)
    # "[… --> …] [SPEAKER_01]: Thanks" (a diarised run): the label opens the words as in a cue of its .srt.
    cues = [_voice_cue(_seconds(found.groups()[:4]), _seconds(found.groups()[4:8]), [found["words"]]) for found in lines or ()]
    return cues if len(cues) >= 3 else None


def _every_line(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]] | None:
    """What ``pattern`` matches on each line of ``text`` that holds anything, or None where a line does not match."""
    found = [pattern.match(line) for line in text.splitlines() if line.strip()]
    return None if None in found else found  # type: ignore[return-value]


#: A diarisation tool's segments saved as text, one a line: "[SPEAKER_00]: Did that happen?", "SPEAKER_01: Yes.".
#: A time after the label ("SPEAKER_00: [00:00:12] …") is the piece's, as the segmenter reads it after any label.
_DIARISED_LINE = re.compile(
    rf"^[ \t]*(?:\[(?P<bracketed>{_DIARISED})\]|(?P<bare>{_DIARISED}))[ \t]*:[ \t]*(?:\[(?P<time>{_CLOCK})\][ \t]*(?:[-–][ \t]+)?)?(?P<words>.*?)[ \t]*$"
)


def _diarised_lines(text: str) -> list[_Cue] | None:
    r"""The segments of a text whose every line is a diarisation tool's "[SPEAKER_00]: words" (three or more), else None.

    Only where one speaker's lines follow each other: those are one turn, as the tool's .srt cues are
    (a file that changes speaker at every line reads as any labelled transcript).

    Examples
    --------
    >>> [(cue.speaker, cue.text) for cue in _diarised_lines("[SPEAKER_00]: Why?\n[SPEAKER_01]: Rent.\n[SPEAKER_01]: And time.\n")]
    [('SPEAKER_00', 'Why?'), ('SPEAKER_01', 'Rent.'), ('SPEAKER_01', 'And time.')]
    >>> _diarised_lines("[SPEAKER_00]: Why?\n[SPEAKER_01]: Rent.\n[SPEAKER_00]: And?\n") is None
    True
    """
    lines = _every_line(text, _DIARISED_LINE)
    if lines is None or not all(found["words"] for found in lines):
        return None
    cues = [_Cue(_clock_seconds(found["time"]), None, found["bracketed"] or found["bare"], found["words"]) for found in lines]
    follows = any(before.speaker == after.speaker for before, after in itertools.pairwise(cues))
    return cues if len(cues) >= 3 and follows else None
_VOICE = re.compile(r"^<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>")
_TAG = re.compile(r"</?[^>]*>")
_SRT_BRACES = re.compile(r"\{\\[^}]*\}")
# Capitalised words in any script; beyond ASCII the case is checked after the match.
_CUE_NAME = r"[^\W\d_a-z][\w.'’-]*(?: [^\W_a-z][\w.'’-]*){0,3}"
# "Name: …", "[Name] …" or ">> NAME: …" (broadcast captions) opening a cue; a Zoom name may carry
# brackets ("Ashlee Kupor (SL): …", "Dora (she/her): …").
_CUE_LABEL = re.compile(rf"^(?:>>\s*)?(?:({_CUE_NAME}(?: ?\([^()\n]{{1,40}}\))?):|\[({_CUE_NAME})\]:?)\s+")
_DASH = re.compile(r"^-\s*")
#: A name in brackets alone on its line: "[Intro]", "[JOHN]" (the words below).
_BRACKET_ALONE = re.compile(rf"^[ \t]*(?:-[ \t]*)?\[({_CUE_NAME})\][ \t]*\r?$", re.MULTILINE)
#: A name in brackets before words on its line: "[Pedro] Lo haré …".
_BRACKET_BEFORE_WORDS = re.compile(rf"^[ \t]*(?:-[ \t]*)?\[({_CUE_NAME})\][ \t]+\S", re.MULTILINE)
#: Google Meet's captions name each voice on a line of its own, in brackets: "(Dana Bettinger)".
_BRACKETED_LINES = re.compile(rf"^\(({_CUE_NAME})\)[ \t]*\r?$", re.MULTILINE)


def _bracketed_voices(text: str) -> frozenset[str]:
    """The names Google Meet writes in brackets on lines of their own: each at least twice, and no sound ("(Laughs)", "(Music)").

    Examples
    --------
    >>> sorted(_bracketed_voices("(Dana B)\\nHi.\\n(Laughs)\\n(Dana B)\\nYes.\\n(Laughs)\\n(Tom)\\nNo.\\n"))
    ['Dana B']
    """
    counts = Counter(_BRACKETED_LINES.findall(text))
    return frozenset(name for name, count in counts.items() if count >= 2 and _capitalised(name) and name.lower() not in _NOT_SPEAKERS)


#: The words opening a cue's text up to a colon, as a meeting tool writes whoever joined: a name
#: typed in lower case ("pulla sai durga prasad: …", "Anand sharma: …") or a device's ("Saurabh’s iPad: …").
_LOOSE_CUE_LABEL = re.compile(r"^(?:<v[^>]*>)?([^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,4}):[ \t]+(?=\S)")
#: A cue's first line of words: the line after its timing line.
_CUE_OPENING = re.compile(r"-->[^\n]*\n[ \t]*([^\n]*)")


def _cue_names(text: str) -> frozenset[str]:
    """The names a meeting tool (Zoom) opens cues with that the capitalised-name rule misses.

    Only in a file that names its speakers so, most cues opening with a name and a colon, some
    of them capitalised as the strict rule reads them;
    each name opens at least two cues ("so: …" said once is no one), is no heading
    word ("Note", "Question") and can be a name (:func:`_a_joiners_name`).

    Examples
    --------
    >>> cues = "".join(f"0{i}:00.000 --> 0{i}:01.000\\n{who}: Hi there.\\n\\n" for i, who in enumerate(["Ann Lee", "Bo’s iPhone", "Ann Lee", "Bo’s iPhone", "raj kumar", "raj kumar"]))
    >>> sorted(_cue_names("WEBVTT\\n\\n" + cues))
    ['Bo’s iPhone', 'raj kumar']
    """
    openings = [line.strip() for line in _CUE_OPENING.findall(text)]
    strict = sum(1 for line in openings if _CUE_LABEL.match(_TAG.sub("", line)))
    loose = Counter(found.group(1) for line in openings if (found := _LOOSE_CUE_LABEL.match(line)))
    if not strict or sum(loose.values()) * 2 < len(openings):  # the loose names include the strict ones
        return frozenset()
    return frozenset(
        name
        for name, count in loose.items()
        if count >= 2 and not _CUE_LABEL.match(f"{name}: x") and label_parts(name)[0].lower() not in _NOT_SPEAKERS and _a_joiners_name(name)
    )


#: Words that open a spoken phrase, not a name: a pronoun, a determiner, a list's step ("my mum: …", "the thing is: …").
_PHRASE_OPENERS = frozenset(
    """i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    the a an this that these those there here what which who when where how step part point""".split()
)
#: A device a meeting tool names a joiner by when they give no name ("Saurabh’s iPad", "Ann's Galaxy S21").
_DEVICE_WORDS = frozenset("ipad iphone phone android galaxy pixel laptop macbook pc computer tablet desktop".split())
_POSSESSIVE = re.compile(r"[^\W\d_][\w.-]*['’]s?\Z")


def _a_joiners_name(name: str) -> bool:
    """Whether a lower-case label opening a cue can be a joiner's name: at most four words, not opening
    with a discourse word, pronoun or determiner ("so", "and then", "my mum"), and a device only as
    someone's ("Saurabh Swaroop’s iPad", not "my iPad").

    Examples
    --------
    >>> [_a_joiners_name(name) for name in ("pulla sai durga prasad", "Bo’s iPhone", "my iPad", "so", "step two", "a b c d e")]
    [True, True, False, False, False, False]
    """
    words = name.split()
    if not words or len(words) > 4 or words[0].lower() in _DISCOURSE_WORDS or words[0].lower() in _PHRASE_OPENERS:
        return False
    devices = [i for i, word in enumerate(words) if word.lower() in _DEVICE_WORDS]
    return all(i > 0 and _POSSESSIVE.match(words[i - 1]) for i in devices)


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = groups
    return (
        int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + int(seconds or 0)
        + int((millis or "0").ljust(3, "0")) / 1000
    )


@dataclass
class _Cue:
    start: float | None
    end: float | None
    speaker: str | None
    text: str


def _cue_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Split subtitle text into blocks of lines, with the 1-based first line number.

    A timing line also starts a block where no blank line comes before it (youtube-dl's
    captions write one so), with its identifier (a line of digits) if it has one: a cue's
    words never hold ``-->``, as WebVTT's parser reads it.
    """
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            elif "-->" in line and _TIMING.match(line) and (len(current) >= 2 or "-->" in current[0]):
                cut = len(current) - 1 if len(current) >= 3 and current[-1].strip().isdigit() else len(current)
                blocks.append((first, current[:cut]))
                current, first = current[cut:], first + cut
            current.append(line)
        elif line and current and "-->" in current[-1] and _TIMING.match(current[-1]):
            continue  # a line of spaces right under a timing line (YouTube's captions) is no blank line: the cue goes on
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _malformed(path: Path, line: int, what: str, kind: str) -> DocumentFormatError:
    example = "00:01:02.500 --> 00:01:05.000" if kind == "vtt" else "00:01:02,500 --> 00:01:05,000"
    return DocumentFormatError(
        f"malformed {kind.upper()} cue: {what}",
        path=path,
        line=line,
        hint=f"a cue's timing line reads like '{example}'; fix or delete this cue",
    )


def _cue_from(
    lines: list[str],
    timing_index: int,
    first_line: int,
    path: Path,
    kind: str,
    backwards: list[int],
    voices: frozenset[str] = frozenset(),
    bracketed_speak: bool = True,
    names: frozenset[str] = frozenset(),
) -> list[_Cue]:
    """A cue's words, one :class:`_Cue` per voice in it.

    A cue may hold two people's lines: each opening with a dash ("- Who decides?" /
    "- We do."), as subtitles write a dialogue, or with its own WebVTT voice tag.
    Each becomes a cue of its own over the cue's time.
    """
    match = _TIMING.match(lines[timing_index])
    if not match:
        raise _malformed(path, first_line + timing_index, f"cannot read the timing line {lines[timing_index].strip()!r}", kind)
    start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
    if end < start:
        # A transcription tool's slip (noScribe writes such cues): the words are whole, only the
        # end time is wrong, so the cue is kept, ending where it starts, and the file's lines are said.
        backwards.append(first_line + timing_index)
        end = start
    payloads: list[list[str]] = []
    for line in lines[timing_index + 1 :]:
        if line.strip() in ("", "-") and any(_named_voice(first[0], voices) for first in payloads):
            continue  # Google Meet's "-" between two voices of one cue
        if not payloads or _VOICE.match(line) or _DASH.match(line) or _named_voice(line, voices):
            payloads.append([line])
        else:
            payloads[-1].append(line)
    return [_voice_cue(start, end, payload, voices, bracketed_speak, names) for payload in payloads] or [_Cue(start, end, None, "")]


def _named_voice(line: str, voices: frozenset[str]) -> str | None:
    """The voice a line names in brackets, Google Meet's way ("(Dana Bettinger)"), if it is one of ``voices``."""
    stripped = line.strip()
    name = stripped[1:-1] if stripped[:1] == "(" and stripped[-1:] == ")" else None
    return name if name in voices else None


def _voice_cue(
    start: float, end: float, payload: list[str], voices: frozenset[str] = frozenset(), bracketed_speak: bool = True, names: frozenset[str] = frozenset()
) -> _Cue:
    """One voice's lines of a cue: its speaker (a voice tag, a label, a dash for someone new) and words.

    A name in brackets alone on its line (``[Intro]``, then the words) is a speaker only where
    ``bracketed_speak``: in a file that brackets names (:class:`_Cues` decides); elsewhere it
    brackets what is heard. A name in brackets before words on its line (``[Pedro] Lo haré …``)
    names who speaks, as subtitles for the deaf do. A name of ``names`` before a colon (a meeting
    tool's "raj kumar: …", "Bo’s iPhone: …") names who speaks too.
    """
    speaker: str | None = None
    if payload and (named := _named_voice(payload[0], voices)):
        speaker, payload = named, payload[1:]
    elif payload:
        voice = _VOICE.match(payload[0])
        if voice:
            # "<v //S02>": noScribe marks a voice that overlaps the one before; the voice is S02.
            speaker = (voice.group(1) or "").strip().lstrip("/").strip() or None
    body = " ".join(_SRT_BRACES.sub("", _TAG.sub("", line)).strip() for line in payload)
    body = html.unescape(body).strip()
    if speaker is None:
        dash = _DASH.match(body)
        if dash:
            body = body[dash.end() :]
            speaker = ""  # a new speaker, unnamed unless a label follows the dash ("- Rachel: …")
        label = _CUE_LABEL.match(body)
        name = (label.group(1) or label.group(2)) if label else None
        alone = bool(label and label.group(2)) and _TAG.sub("", payload[0]).strip().lstrip("-").strip() == f"[{name}]"
        if alone and not bracketed_speak:
            name = None  # "[Intro]" on a line of its own in a file that names no one so: a note on what is heard
        base = label_parts(name)[0] if name else ""
        if base and _capitalised(base) and base.lower() not in _NOT_SPEAKERS:  # "[Laughter] …" is no one
            speaker = without_description(name)
            body = body[label.end() :]
        elif names and (loose := _LOOSE_CUE_LABEL.match(body)) and loose.group(1) in names:
            speaker, body = loose.group(1), body[loose.end() :]  # a name the tool showed as typed ("raj kumar")
    return _Cue(start, end, speaker, body)


def _parse_vtt(text: str, path: Path) -> list[_Cue]:
    blocks = _cue_blocks(text)
    if not blocks or not blocks[0][1][0].startswith("WEBVTT"):
        raise DocumentFormatError(
            "a WebVTT file must start with the line 'WEBVTT'",
            path=path,
            line=1,
            hint="add 'WEBVTT' as the first line, or give the file the extension of its real format",
        )
    cues = _Cues(path, "vtt", text, rolling=_rolling_captions(blocks[1:]))
    for first_line, lines in blocks[1:]:
        head = lines[0]
        if head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            cues.last = None  # a note between cues: what follows it continues no cue
            continue
        if "-->" in head:
            cues.add(lines, 0, first_line)
        elif len(lines) > 1 and "-->" in lines[1]:
            cues.add(lines, 1, first_line)  # the first line is a cue identifier
        elif not cues.go_on(lines, first_line):
            raise _malformed(path, first_line, f"no timing line in the block starting {head.strip()!r}", "vtt")
    return cues.done()


def _parse_srt(text: str, path: Path) -> list[_Cue]:
    blocks = _cue_blocks(text)
    cues = _Cues(path, "srt", text, rolling=_rolling_captions(blocks))
    for first_line, lines in blocks:
        if lines[0].strip().isdigit() and len(lines) > 1:
            cues.add(lines, 1, first_line)  # its timing line must be there: a typo in it is an error, not words
        elif "-->" in lines[0]:
            cues.add(lines, 0, first_line)
        elif not cues.go_on(lines, first_line):
            raise _malformed(path, first_line, f"expected a cue number then a timing line, found {lines[0].strip()!r}", "srt")
    return cues.done()


def _caption_line(line: str) -> str:
    """A caption line as it is read, without its tags and inline word times."""
    return _TAG.sub("", line).strip()


def _rolling_captions(blocks: list[tuple[int, list[str]]]) -> bool:
    """Whether the cues roll, as YouTube's automatic captions do: each repeats the last line of the one before.

    Most cues of two lines or more open with the line the cue before ended with (counted,
    and one-line cues not, so that "No." said four times is not taken for it); with
    YouTube's times of each word inside the cues (``this<00:05:04.199><c> will</c>``), any
    one that does.
    """
    last, opened, rolled, word_times = None, 0, 0, False
    for _, lines in blocks:
        at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        said = [_caption_line(line) for line in lines[at + 1 :]] if at is not None else []
        said = [line for line in said if line]
        if not said:
            continue
        word_times = word_times or any(_WORD_TIME.search(line) for line in lines[at + 1 :])  # type: ignore[operator]
        if len(said) > 1:  # a rolling cue repeats the last line and adds one: "No." said four times is no roll
            opened += 1
            rolled += last is not None and said[0] == last
        last = said[-1]
    return (rolled >= 3 and rolled * 2 >= opened) or (word_times and rolled >= 1)


#: A word's time inside a cue, as YouTube's automatic captions give it.
_WORD_TIME = re.compile(r"<\d{2}:\d{2}(?::\d{2})?\.\d{3}>")


#: A line that was meant as a timing line: a time then an arrow of some kind.
_LIKE_TIMING = re.compile(r"\d:\d\d\S*\s*[-=—–]+>")


class _Cues:
    """A subtitle file's cues as they are read, block by block, and what was repaired on the way.

    A block with no timing right after a cue is more of that cue's words: a tool
    wrote a paragraph break inside the cue (a blank line ends a cue in both formats).
    """

    def __init__(self, path: Path, kind: str, text: str, *, rolling: bool = False) -> None:
        self.path, self.kind = path, kind
        #: Rolling captions: a cue's opening line that repeats the last cue's last line is said once.
        self.rolling = rolling
        self.last_line: str | None = None
        self.line_before: str | None = None
        self.voices = _bracketed_voices(text) if "(" in text else frozenset()  # Google Meet's "(Name)" voices
        # Bracketed names alone on their lines are the file's way of naming speakers where one of
        # them (not a note such as "[Music]") comes back; a file where none does brackets notes.
        # So is a file that brackets a name before words ("[Pedro] Lo haré …", subtitles for the deaf).
        opening = Counter(_BRACKET_ALONE.findall(text))
        recurring = any(count >= 2 and name.lower() not in _NOT_SPEAKERS for name, count in opening.items())
        named = any(name.lower() not in _NOT_SPEAKERS for name in _BRACKET_BEFORE_WORDS.findall(text))
        self.bracketed_speak = recurring or named
        self.names = _cue_names(text) if "-->" in text else frozenset()  # Zoom's names as typed, devices' names
        self.cues: list[_Cue] = []
        self.backwards: list[int] = []  # lines of cues that end before they start
        self.continued: list[int] = []  # lines of blocks read as the cue before's words
        #: The last cue's block: (its lines, where its timing is, its first line, how many cues it gave).
        self.last: tuple[list[str], int, int, int] | None = None

    def add(self, lines: list[str], timing_index: int, first_line: int) -> None:
        said = lines
        if self.rolling:
            self.line_before = self.last_line
            words = [line for line in lines[timing_index + 1 :] if _caption_line(line)]
            if words:
                if _caption_line(words[0]) == self.last_line:
                    said = lines[: timing_index + 1] + words[1:]
                self.last_line = _caption_line(words[-1])
        found = _cue_from(said, timing_index, first_line, self.path, self.kind, self.backwards, self.voices, self.bracketed_speak, self.names)
        self.cues.extend(found)
        self.last = (lines, timing_index, first_line, len(found))

    def go_on(self, lines: list[str], first_line: int) -> bool:
        """Read a block without timing as the words of the cue just before; False if there is none."""
        if self.last is None or _LIKE_TIMING.search(lines[0]):
            return False  # "00:00:01,000 -> 00:00:02,000" is a cue whose timing has a typo
        before, timing_index, start_line, count = self.last
        del self.cues[len(self.cues) - count :]
        self.last_line = self.line_before
        if not _named_voice(lines[0], self.voices):  # Google Meet's next voice in the cue is no slip
            self.continued.append(first_line)
        self.add(before + lines, timing_index, start_line)
        return True

    def done(self) -> list[_Cue]:
        _warn_backwards(self.path, self.backwards)
        if self.continued:
            from ..errors import RepairedInputWarning

            shown = first_few(map(str, self.continued), shown=10)
            warn(
                f"{self.path}: {len(self.continued)} block(s) after a blank line inside a cue have no timing (line {shown}): "
                "read as more words of the cue before them",
                RepairedInputWarning,
            )
        return self.cues


def _warn_backwards(path: Path, lines: list[int]) -> None:
    """Say which cues ended before they started (kept, ending where they start)."""
    if lines:
        from ..errors import RepairedInputWarning

        shown = first_few(map(str, lines), shown=10)
        warn(
            f"{path}: {len(lines)} cue(s) end before they start (line {shown}): their words are read, each ending where it starts",
            RepairedInputWarning,
        )


#: Words after which a monologue's cues start a new passage, at the next sentence end.
CUE_PASSAGE_WORDS = 200
_PASSAGE_ENDS = (".", "?", "!", "…", "。", "？", "！")


def _cues_to_source(cues: list[_Cue], fmt: str, encoding: str | None, digest: str, *, merge: bool = True) -> SourceText:
    """Merge consecutive cues of one speaker into turns and lay them out as text.

    The stored text reads ``Speaker: words`` per turn, a blank line between turns;
    each turn's span covers the words only, so quotes never include the label.
    ``merge=False`` keeps each cue a turn of its own (a CHAT file's utterances).

    Where no one takes turns (Whisper's or YouTube's captions name no speaker; a lecture has
    one), the cues would make one segment of the whole recording, and evidence in it one
    passage: they are cut into passages at the first sentence end after
    :data:`CUE_PASSAGE_WORDS` words (at a cue's end after twice as many, for captions without
    punctuation), as a transcriber cuts a monologue into paragraphs.
    """
    # TurboScribe's notice inside the first caption ("(Transcribed by TurboScribe.ai. …) Hey, welcome"): no one's words.
    noticed: dict[str, int] = {}
    if any("turboscribe" in cue.text.lower() or "minutes ai" in cue.text.lower() for cue in cues):
        cleaned = []
        for cue in cues:
            words, notices = _service_notices(cue.text)
            for why, count in notices.items():
                noticed[why] = noticed.get(why, 0) + count
            cleaned.append(_Cue(cue.start, cue.end, cue.speaker, words.strip()) if notices else cue)
        cues = cleaned
    merged: list[_Cue] = []
    monologue = merge and len({cue.speaker for cue in cues if cue.speaker}) <= 1
    words = 0  # in the last merged turn
    for cue in cues:
        if not cue.text:
            continue
        same = merge and merged and (
            cue.speaker is None or (cue.speaker != "" and cue.speaker == merged[-1].speaker)
        )
        # Captions without punctuation (YouTube's) are cut at a cue's end after twice as many words.
        if same and monologue and words >= CUE_PASSAGE_WORDS and (merged[-1].text.rstrip().endswith(_PASSAGE_ENDS) or words >= 2 * CUE_PASSAGE_WORDS):
            merged.append(_Cue(cue.start, cue.end, merged[-1].speaker, cue.text))
            words = len(cue.text.split())
            continue
        words = words + len(cue.text.split()) if same else len(cue.text.split())
        if same:
            last = merged[-1]
            merged[-1] = _Cue(last.start, cue.end, last.speaker, f"{last.text} {cue.text}")
        else:
            merged.append(_Cue(cue.start, cue.end, cue.speaker or None, cue.text))
    pieces: list[str] = []
    turns: list[Turn] = []
    offset = 0
    for cue in merged:
        label = f"{cue.speaker}: " if cue.speaker else ""
        block = label + cue.text
        turns.append(Turn(offset + len(label), offset + len(block), cue.speaker, cue.start, cue.end))
        pieces.append(block)
        offset += len(block) + 2
    return SourceText("\n\n".join(pieces), fmt, encoding, digest, turns=turns, removed=noticed)


#: A WebVTT file's comment blocks before its first cue: where a researcher writes the interview's header.
_VTT_HEAD_NOTE = re.compile(r"^NOTE(?:[ \t]+|\n)(?P<words>(?:.+\n?)+)", re.MULTILINE)


def read_vtt(path: Path, data: bytes) -> SourceText:
    text, encoding = decode_bytes(data, path)
    source = _cues_to_source(_parse_vtt(text, path), "vtt", encoding, _sha256(data))
    # "NOTE Interview with Elaine, wave 2, 1 October 2024": a header no cue shows, which may date the interview.
    head = text.replace("\r\n", "\n").partition("-->")[0]  # up to the first cue's timing, found in the text it cuts
    source.header = "\n".join(found["words"].strip() for found in _VTT_HEAD_NOTE.finditer(head))
    return source


def read_json(path: Path, data: bytes) -> SourceText:
    """A speech-to-text service's JSON transcript, turn by turn with its speakers and times.

    Read: Whisper's and WhisperX's ``segments`` (``start``, ``end`` in seconds, ``text``,
    WhisperX's ``speaker``), AssemblyAI's ``utterances`` (times in milliseconds, speakers
    ``A``, ``B``…), Deepgram's response (``results.utterances``, else the speakers'
    ``paragraphs``, else the timed ``words``), Amazon Transcribe's ``results.audio_segments``
    (``start_time``, ``end_time`` as text, ``speaker_label``) or, in its older output, its word
    ``items``.  A list of such pieces saved alone (a script's ``json.dump(segments)``, Whisper's
    timed words, a Hugging Face pipeline's ``chunks`` with their ``timestamp`` pair) is read as
    well when most pieces give their times or their speaker (a list of posts with a ``text`` is refused).  A piece's speaker may be named ``speaker``, ``speaker_label``, ``participant`` or
    ``speaker_name``, its times ``start``/``end`` (seconds) or ``start_ms``/``end_ms``.  Consecutive pieces of one speaker become one turn, as cues do.  Any
    other JSON is not a transcript qlr reads: one error that says which it reads.

    A note app's JSON is read as its notes (``_notes.notes_from_json``): a Google Keep note from
    Takeout, a Day One journal export.
    """

    text, encoding = decode_bytes(data, path)
    hint = (
        "export the transcript from the tool as .vtt, .srt or .txt, or as Whisper, WhisperX, AssemblyAI, Deepgram "
        "or Amazon Transcribe JSON; a chat's export as Telegram Desktop's, Messenger's or Instagram's, DiscordChatExporter's JSON or a Slack export's day file"
    )
    try:
        payload = parse_json(text, path, what="the transcript", hint=hint)
    except DocumentFormatError:  # no JSON, or nested deeper than qlr reads
        from ._messages import signal_json_lines

        if (thread := signal_json_lines(text)) is not None:  # signal-export's data.json: a JSON message a line
            return _thread_source(thread, "json", encoding, _sha256(data))
        raise
    thread = chat_messages(payload, path=path)
    if thread is not None:
        return _thread_source(thread, "json", encoding, _sha256(data))
    from ._label_studio import is_label_studio_tasks

    if is_label_studio_tasks(payload):
        raise UnreadableFormatError(
            "this is Label Studio's JSON export (annotated tasks: texts and their coding), not a transcript",
            path=path,
            hint=f"import it: qlr import {path.name} -o study.qlr (or qlr.io.read_label_studio in Python)",
        )
    from ._messages import export_listing

    if (listing := export_listing(payload, path.name)) is not None:
        raise UnreadableFormatError(
            f"this is {listing}, not a conversation",
            path=path,
            hint="give qlr the conversation itself: a Slack export's .zip (or a channel's day files), Google Chat's messages.json",
        )
    from ._notes import notes_from_json

    if (notes := notes_from_json(payload, path, data, encoding)) is not None:
        return notes  # a note app's export (Google Keep, Day One): dated notes, not a transcript
    found = _json_pieces(payload)
    if found is None and (aws := _transcribe_items(payload)) is not None:
        found = (aws, 1.0, "speaker", "start", "end", "text")
    if found is None:
        raise UnreadableFormatError(
            "this JSON is not a transcript qlr reads (Whisper or WhisperX segments, AssemblyAI utterances, Deepgram results, "
            "Amazon Transcribe audio segments, or a list of pieces each with its text and its times or speaker), "
            "nor a chat export (Telegram, Messenger, Instagram, Discord or Slack messages), nor a note app's export "
            "(a Google Keep note, a Day One journal)",
            path=path,
            hint=hint,
        )
    pieces, scale, speaker_key, start_key, end_key, text_key = found
    if not any(isinstance(piece, dict) and isinstance(piece.get(text_key), str) for piece in pieces):
        raise UnreadableFormatError(  # {"segments": [{"id": 1, "name": "Lower Town"}]} is some other list
            f"this JSON's {len(pieces)} piece(s) hold no '{text_key}': it is not a transcript qlr reads",
            path=path,
            hint=hint,
        )
    # Where the tool names speakers, a piece it could not give one (WhisperX, without a diarization
    # overlap) is someone unnamed, not more of the speaker before, unless _unassigned_pieces can tell.
    named = any(isinstance(piece, dict) and piece.get(speaker_key) not in (None, "") for piece in pieces)
    cues: list[_Cue] = []
    unread = 0
    for piece in pieces:
        words = piece.get(text_key) if isinstance(piece, dict) else None
        if not isinstance(words, str):
            unread += 1
            continue
        start, end = _json_seconds(piece.get(start_key), scale), _json_seconds(piece.get(end_key), scale)
        speaker = piece.get(speaker_key)
        speaker = f"Speaker {speaker}" if isinstance(speaker, str) and scale == 1000 and len(speaker) <= 2 else speaker  # AssemblyAI's "A"
        speaker = f"Speaker {speaker}" if isinstance(speaker, int) and not isinstance(speaker, bool) else speaker  # Deepgram's 0, 1…
        who = str(speaker) if speaker not in (None, "") else ("" if named else None)
        cues.append(_Cue(start if start is not None else 0.0, end if end is not None else (start or 0.0), who, " ".join(words.split())))
    doubt = _unassigned_pieces(cues) if named else None
    source = _cues_to_source(cues, "json", encoding, _sha256(data))
    source.doubt = doubt
    if unread:
        source.unread = {f"pieces of the transcript without text (of {len(pieces)})": unread}
    return source


def _unassigned_pieces(cues: list[_Cue]) -> str | None:
    """Give pieces a diarisation left without a speaker (``""``) the speaker around them, where one; say what was done.

    A piece between two of one speaker's (WhisperX leaves one so where no diarised turn overlaps it)
    is that speaker's, and joins their turn, unless it asks (``ASKING_ENDS``): "Can you say more?"
    between two pieces of an answer is the interviewer's probe the diarisation missed, not the
    answer. One that asks, or lies between two people or at either end, is left with no speaker.
    Either way the load notes say how many and at which times.

    Examples
    --------
    >>> cues = [_Cue(0.0, 1.0, "A", "I"), _Cue(1.0, 2.0, "", "think"), _Cue(2.0, 3.0, "A", "so."), _Cue(3.0, 4.0, "", "Hm"), _Cue(64.0, 65.0, "B", "Why?")]
    >>> print(_unassigned_pieces(cues))
    2 piece(s) of the transcript have no speaker (the diarisation gave none), at 0:00:01, 0:00:03: 1 between two pieces of one speaker read as that speaker's; 1 asking, or between two speakers or at an end, left with no speaker and no role (set its speaker in the file to have it coded as someone's words)
    >>> [cue.speaker for cue in cues]
    ['A', 'A', 'A', '', 'B']
    """
    named = [cue.speaker if cue.speaker else None for cue in cues]
    before = list(itertools.accumulate(named, lambda last, this: this or last))
    after = list(itertools.accumulate(reversed(named), lambda last, this: this or last))[::-1]
    missing = [index for index, cue in enumerate(cues) if cue.speaker == "" and cue.text]
    if not missing:
        return None
    joined = 0
    for index in missing:
        if before[index] is not None and before[index] == after[index] and not cues[index].text.rstrip().endswith(ASKING_ENDS):
            cues[index].speaker = before[index]
            joined += 1
    from ._oralhist import _clock

    shown = first_few((_clock(cues[index].start or 0.0) for index in missing), shown=10)
    said = [f"{joined} between two pieces of one speaker read as that speaker's"] if joined else []
    if len(missing) > joined:
        said.append(
            f"{len(missing) - joined} asking, or between two speakers or at an end, left with no speaker and no role "
            "(set its speaker in the file to have it coded as someone's words)"
        )
    return f"{len(missing)} piece(s) of the transcript have no speaker (the diarisation gave none), at {shown}: " + "; ".join(said)


#: What the tools name a piece's words and its speaker by, in the order looked for.
_JSON_TEXT_KEYS = ("text", "transcript", "punctuated_word", "word")
_JSON_SPEAKER_KEYS = ("speaker", "speaker_label", "participant", "speaker_name")
#: The keys a piece of speech gives its times by (seconds, milliseconds, a Hugging Face chunk's pair).
_JSON_TIME_KEYS = ("start", "end", "start_ms", "end_ms", "timestamp")


def _json_pieces(payload: object) -> tuple[list[object], float, str, str, str, str] | None:
    """The transcript's pieces and how to read them: (pieces, time unit per second, speaker, start, end and text keys)."""
    if isinstance(payload, list):  # the pieces saved alone: Whisper's segments or timed words, a pipeline's chunks
        # Only pieces of speech: timed or with a speaker. A list of posts or answers with a "text" is no transcript.
        held = [piece for piece in payload if isinstance(piece, dict)]
        spoken = sum(1 for piece in held if any(key in piece for key in (*_JSON_TIME_KEYS, *_JSON_SPEAKER_KEYS)))
        worded = any(key in piece for piece in held for key in _JSON_TEXT_KEYS)  # else the error says no piece has words
        return None if worded and 2 * spoken <= len(held) else _keyed(payload, 1.0)
    if not isinstance(payload, dict):
        return None
    if isinstance(payload.get("segments"), list):  # Whisper, WhisperX
        return _keyed(payload["segments"], 1.0)
    if isinstance(payload.get("utterances"), list):  # AssemblyAI: milliseconds
        return _keyed(payload["utterances"], 1000.0)
    if "utterances" in payload and isinstance(payload.get("words"), list):  # AssemblyAI without speakers: its timed words
        return payload["words"], 1000.0, "speaker", "start", "end", "text"
    results = payload.get("results")
    if isinstance(results, dict) and isinstance(results.get("audio_segments"), list):  # Amazon Transcribe
        return results["audio_segments"], 1.0, "speaker_label", "start_time", "end_time", "transcript"
    if isinstance(results, dict) and isinstance(results.get("utterances"), list):  # Deepgram with utterances: seconds
        return _keyed(results["utterances"], 1.0)
    if isinstance(results, dict) and isinstance(results.get("channels"), list):  # Deepgram
        return _keyed(_deepgram_pieces(results["channels"]), 1.0)
    return None


def _keyed(pieces: list[object], scale: float) -> tuple[list[object], float, str, str, str, str]:
    """``pieces`` with the keys they name their words, speaker and times by; a ``timestamp`` pair becomes ``start`` and ``end``."""
    held = [piece for piece in pieces if isinstance(piece, dict)]

    def first(keys: tuple[str, ...]) -> str:
        return next((key for key in keys if any(key in piece for piece in held)), keys[0])

    text_key, speaker_key = first(_JSON_TEXT_KEYS), first(_JSON_SPEAKER_KEYS)
    if not any("start" in piece for piece in held) and any("start_ms" in piece for piece in held):
        return pieces, 1000.0, speaker_key, "start_ms", "end_ms", text_key
    if not any("start" in piece for piece in held) and any(isinstance(piece.get("timestamp"), list) for piece in held):
        pieces = [_with_times(piece) for piece in pieces]
    return pieces, scale, speaker_key, "start", "end", text_key


def _with_times(piece: object) -> object:
    """A Hugging Face chunk with its ``timestamp`` pair as ``start`` and ``end`` (an open end is ``None``)."""
    pair = piece.get("timestamp") if isinstance(piece, dict) else None
    if not isinstance(pair, list) or len(pair) != 2:
        return piece
    return {**piece, "start": pair[0], "end": pair[1]}  # type: ignore[dict-item]


def _deepgram_pieces(channels: list[object]) -> list[object]:
    """Deepgram's turns: each channel's first alternative, by paragraph (with its speaker) where it gives them, else its timed words.

    With more than one channel each is a voice of its own ("Channel 1"), pieces in the order of their times.
    """
    pieces: list[dict[str, object]] = []
    for number, channel in enumerate(channels):
        alternatives = channel.get("alternatives") if isinstance(channel, dict) else None
        best = alternatives[0] if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict) else {}
        voice = f"Channel {number + 1}" if len(channels) > 1 else None
        paragraphs = best.get("paragraphs")
        paragraphs = paragraphs.get("paragraphs") if isinstance(paragraphs, dict) else None
        if isinstance(paragraphs, list) and paragraphs:
            for paragraph in paragraphs:
                if isinstance(paragraph, dict):
                    said = [s.get("text") for s in paragraph.get("sentences") or [] if isinstance(s, dict) and isinstance(s.get("text"), str)]
                    pieces.append({"speaker": paragraph.get("speaker", voice), "start": paragraph.get("start"), "end": paragraph.get("end"), "text": " ".join(said)})
        elif isinstance(best.get("words"), list) and best["words"]:
            for word in best["words"]:
                if isinstance(word, dict):
                    said = word.get("punctuated_word", word.get("word"))
                    pieces.append({"speaker": word.get("speaker", voice), "start": word.get("start"), "end": word.get("end"), "text": said})
        elif isinstance(best.get("transcript"), str):
            pieces.append({"speaker": voice, "text": best["transcript"]})
    if len(channels) > 1:
        pieces.sort(key=lambda piece: _json_seconds(piece.get("start"), 1.0) or 0.0)
    return pieces


def _transcribe_items(payload: object) -> list[dict[str, object]] | None:
    """Amazon Transcribe's word items (``results.items``) as runs of one speaker, where it wrote no audio segments.

    A pronunciation is a word with its times and, with diarization, its ``speaker_label``;
    punctuation joins the word before it.
    """
    results = payload.get("results") if isinstance(payload, dict) else None
    items = results.get("items") if isinstance(results, dict) else None
    if not isinstance(items, list):
        return None
    # Older output names speakers only beside the words (speaker_labels.segments), or channels
    # (channel_labels.channels): each word's speaker is looked up by its start time.
    labelled: dict[object, object] = {}
    speakers = results.get("speaker_labels")
    for segment in speakers.get("segments", []) if isinstance(speakers, dict) else []:
        for word in segment.get("items", []) if isinstance(segment, dict) else []:
            if isinstance(word, dict):
                labelled.setdefault(word.get("start_time"), word.get("speaker_label") or segment.get("speaker_label"))
    channels = results.get("channel_labels")
    for channel in channels.get("channels", []) if isinstance(channels, dict) else []:
        for word in channel.get("items", []) if isinstance(channel, dict) else []:
            if isinstance(word, dict):
                labelled.setdefault(word.get("start_time"), channel.get("channel_label"))
    runs: list[dict[str, object]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        alternatives = item.get("alternatives")
        content = alternatives[0].get("content") if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict) else None
        if not isinstance(content, str):
            continue
        if item.get("type") == "punctuation":
            if runs:
                runs[-1]["text"] = f"{runs[-1]['text']}{content}"
            continue
        speaker = item.get("speaker_label") or item.get("channel_label") or labelled.get(item.get("start_time"))
        if runs and runs[-1]["speaker"] == speaker:
            runs[-1]["text"] = f"{runs[-1]['text']} {content}"
            runs[-1]["end"] = item.get("end_time", runs[-1]["end"])
        else:
            runs.append({"speaker": speaker, "start": item.get("start_time"), "end": item.get("end_time"), "text": content})
    return runs


def _json_seconds(value: object, scale: float) -> float | None:
    """A time as the JSON gives it (a number, or a number as text) in seconds; None when it is not one."""
    try:
        seconds = float(value) / scale  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return seconds if seconds == seconds and abs(seconds) != float("inf") else None


def _thread_source(thread: Thread, fmt: str, encoding: str | None, digest: str) -> SourceText:
    """A message thread as stored: each message its sender's turn, dated; what was left out counted, with the messages' ids."""
    text, spans = thread_text(thread.messages)
    turns = [Turn(start, end, sender or None, clock, None, day) for start, end, sender, clock, day in spans]
    source = SourceText(text, fmt, encoding, digest, turns=turns, unnamed=list(thread.unnamed), unnamed_why=thread.unnamed_why)
    source.removed = {_with_ids(why, ids): len(ids) for why, ids in thread.removed.items()}
    source.unread = {_with_ids(why, ids): len(ids) for why, ids in thread.unread.items()}
    undated = [message.ident for message in thread.messages if message.when is None]
    if undated:
        source.unread[_with_ids(f"{thread.app} messages with no date the export gives (kept, undated)", undated)] = len(undated)
    return source


def _with_ids(why: str, ids: list[str]) -> str:
    """``why`` with the first few ids of the messages it counts: "photos only (ids 3, 7, 9 and 2 more)"."""
    shown = ", ".join(dict.fromkeys(ids[:5]))
    return f"{why} (ids {shown}{f' and {len(ids) - 5} more' if len(ids) > 5 else ''})"


def read_email(path: Path, data: bytes) -> SourceText:
    """An e-mail (``.eml``) or a mailbox of them (``.mbox``, as Thunderbird, Apple Mail and Google Takeout export),
    each message a dated turn of its sender, oldest first; quoted earlier messages left out and counted."""
    thread = email_messages(data, mbox=path.suffix.lower() == ".mbox")
    if not thread.messages and not thread.unread:
        raise UnreadableFormatError(
            "no e-mail message with a sender and text was found in it",
            path=path,
            hint="save the messages from the mail program as .eml files (one a message) or export the folder as .mbox",
        )
    return _thread_source(thread, path.suffix.lower().lstrip("."), None, _sha256(data))


def read_zip(path: Path, data: bytes) -> SourceText:
    """A Slack workspace export as Slack gives it (a ``.zip`` of ``users.json``, ``channels.json`` and a folder of day
    files for each conversation): every conversation's messages, each headed by its channel (``_messages.slack_export``).
    Any other zip is refused with what to do instead."""
    from ._messages import slack_export, slack_export_members

    members = slack_export_members(path, data)
    if members is None:
        raise UnreadableFormatError(
            "this zip archive is not a Slack workspace export (users.json, channels.json and a folder of day files)",
            path=path,
            hint="unzip it and list the documents inside, or import a QDA project's .qdpx with qlr import",
        )
    thread = slack_export(members, where=str(path))
    if not thread.messages and not thread.unread and not thread.removed:
        raise UnreadableFormatError("the Slack export holds no message", path=path, hint="export the workspace again from Slack with a time span that has messages")
    return _thread_source(thread, "zip", "utf-8", _sha256(data))


#: The XML files qlr reads as documents, as said when it meets another.
_XML_HINT = (
    "qlr reads oral-history records from OHMS (<ROOT><record>), TEI transcriptions of speech (<u who=…>) and text messages "
    "saved by SMS Backup & Restore (sms-….xml); save any other document as .txt, .docx or .pdf"
)


def read_xml(path: Path, data: bytes) -> SourceText:
    """An XML file qlr knows, told by its root element.

    - An OHMS record (``<ROOT>`` holding a ``<record>``, the Nunn Center's Oral History Metadata
      Synchronizer): its transcript's turns, its metadata in the document's row, its index kept
      apart (:func:`._oralhist.ohms_source`).
    - A TEI transcription of speech (``<TEI>`` with ``<u who=…>`` utterances, ISO 24624; also a ``.tei``
      file): a turn per utterance (:func:`._oralhist.tei_source`).
    - A Transcriber (``<Trans>``) or EXMARaLDA (``<basic-transcription>``, ``<segmented-transcription>``)
      transcription saved as ``.xml`` (:mod:`._linguists`).
    - An interview marked up as question and answer elements in any of several languages
      (``<pergunta>``/``<resposta>``, ``<question>``/``<answer>``): a turn per element, the questions the
      interviewer's (:func:`._oralhist.question_answer_source`).
    - Android's text messages saved by SMS Backup & Restore (``<smses>``): each message a dated turn of
      its sender, oldest first.

    Any other XML is a format qlr does not read, said with what it reads.  The XML is parsed with
    defusedxml (entity declarations and external references refused); XML that is not well-formed
    is one error naming its line.
    """
    from ._linguists import _EXMARALDA_ROOTS, read_exmaralda, read_trs
    from ._oralhist import (
        is_ohms,
        is_question_answer,
        is_spoken_tei,
        ohms_source,
        question_answer_source,
        tei_source,
    )
    from ._xml import parse_untrusted_xml

    root = parse_untrusted_xml(sms_backup_bytes(data), path, error=UnreadableFormatError, unsafe_hint=_XML_HINT, malformed_hint=_XML_HINT)
    if is_ohms(root):
        return ohms_source(root, path, data, _sha256(data))
    if is_spoken_tei(root):
        return tei_source(root, path, _sha256(data))
    if root.tag == "Trans" or root.tag in _EXMARALDA_ROOTS:  # a Transcriber or EXMARaLDA file saved as .xml
        return (read_trs if root.tag == "Trans" else read_exmaralda)(path, data)
    if root.tag != "smses" and is_question_answer(root):
        return question_answer_source(root, _sha256(data))
    if root.tag != "smses":
        raise UnreadableFormatError(f"this XML (its root element <{root.tag[:60]}>) is not a file qlr reads as a document", path=path, hint=_XML_HINT)
    thread = sms_messages(root)
    if not thread.messages and not thread.unread:
        raise UnreadableFormatError("the SMS backup holds no text message", path=path, hint="back up the conversation again with SMS Backup & Restore (Messages, not only Calls)")
    return _thread_source(thread, "xml", "utf-8", _sha256(data))


#: A SubRip file's first cue (its number over its timing line) or WebVTT's first line, opening a file saved as text.
_CAPTIONS_OPENING = re.compile(r"\A\ufeff?[ \t\r\n]*(?:(?P<srt>\d{1,6}[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->)|(?P<vtt>WEBVTT)(?=[ \t\r\n]))")


def _captions_saved_as_text(text: str, path: Path, encoding: str | None, digest: str) -> SourceText | None:
    """Captions saved under another name ("captions.srt.txt", a download renamed ``.txt``), read as their cues; else None.

    Read as lines, the cue numbers and timing lines were words and each cue a paragraph of
    its own. Only a file that opens as SubRip or WebVTT does is read so, and only if every
    cue reads (:func:`_parse_srt`, :func:`_parse_vtt`): otherwise it stays text, as before.
    """
    opening = _CAPTIONS_OPENING.match(text)
    if opening is None:
        return None
    kind = "srt" if opening["srt"] else "vtt"
    try:
        cues = _parse_srt(text, path) if kind == "srt" else _parse_vtt(text, path)
    except DocumentFormatError:
        return None
    if not cues:
        return None
    source = _cues_to_source(cues, path.suffix.lower().lstrip("."), encoding, digest)
    said = "SubRip" if kind == "srt" else "WebVTT"
    source.removed = {**source.removed, f"{said} cue numbers and timing lines (captions saved as text, read as captions)": len(cues)}
    return source


def read_srt(path: Path, data: bytes) -> SourceText:
    text, encoding = decode_bytes(data, path)
    return _cues_to_source(_parse_srt(text, path), "srt", encoding, _sha256(data))


# --------------------------------------------------------------------------- rtf
_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_RTF_STRAY_STAR = re.compile(r"(?<![{\\])\\\*")


def read_rtf(path: Path, data: bytes) -> SourceText:
    """Rich Text (f4/f5transkript's own format, TextEdit's, older Word's): the text, paragraph by paragraph."""
    import codecs

    from striprtf.striprtf import rtf_to_text

    hint = "re-save it from your word processor as .docx or plain text"
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise DocumentFormatError("this file does not start with '{\\rtf', so it is not Rich Text", path=path, line=1, hint=hint)
    # The declared code page spells the document's 8-bit characters (\'fc is ü in cp1252).
    found = _RTF_CODEPAGE.search(data[:4096])
    encoding = f"cp{int(found.group(1))}" if found else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        # Rich Text escapes its 8-bit characters ("\\'fc"); some tools (f4transkript) write them as raw
        # UTF-8 bytes instead, which the code page would spell "fÃ¼r": bytes that are UTF-8 are read as it.
        source = data.decode("utf-8") if not data.isascii() else data.decode(encoding)
    except UnicodeDecodeError:
        try:
            source = data.decode(encoding)
        except UnicodeDecodeError:  # raw 8-bit bytes (a \\bin picture) where Rich Text escapes them
            source = data.decode("latin-1")
    # "\\*" marks an ignorable destination only at a group's start ("{\\*\\dest …}"); a stray one
    # in running text (LibreOffice writes "\\b0\\*\\cs7 The quick …") would hide the group's words.
    source = _RTF_STRAY_STAR.sub("", source)
    unread: dict[str, int] = {}
    try:
        plain = rtf_to_text(source, encoding=encoding)
    except UnicodeDecodeError:
        # A character escaped in a font whose declared character set cannot spell it: the rest is kept.
        plain = rtf_to_text(source, encoding=encoding, errors="replace")
        unread["characters that cannot be decoded in their font's character set"] = plain.count("\ufffd") - source.count("\ufffd")
    except ValueError as exc:
        raise DocumentFormatError(f"the Rich Text cannot be decoded as its code page {encoding} says ({exc})", path=path, hint=hint) from None
    # Rich Text spells a character beyond U+FFFF as two \\u escapes, the halves of a UTF-16 pair
    # ("\\u-10179?\\u-8704?" is 😀), which come out as two lone surrogates: join them.
    plain = plain.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    text, removed = _cut_line_numbers(normalise_newlines(plain))
    text, marks = _inner_time_marks(text)
    if marks:
        removed = {**removed, "f4 time marks inside turns": marks}
    return SourceText(text, "rtf", encoding, _sha256(data), removed=removed, unread={kind: count for kind, count in unread.items() if count > 0})


def read_doc(path: Path, data: bytes) -> SourceText:
    """Word 97–2003 (``.doc``): the body's text through Word's piece table (see ``_msdoc``).

    A ``.doc`` that is really a ``.docx`` or Rich Text (as some tools save it) is read as
    what it is.
    """
    if data[:4] == b"PK\x03\x04":
        return read_docx(path, data)
    if data.lstrip()[:5] == b"{\\rtf":
        return read_rtf(path, data)
    if b"<html" in data[:2048].lower():
        return read_html(path, data)  # Word's "Web Page" saved under .doc
    from ._msdoc import read_doc_text

    text, boxes, removed = read_doc_text(path, data)
    bold_labels: list[tuple[int, int, str]] = []
    headings: list[int] = []
    tabbed = _tabbed_transcript(text)
    if tabbed is not None:
        text, bold_labels, headings = tabbed
    parts = [text.rstrip("\n")] if text.strip() else []
    _boxes_after(parts, boxes, len(parts[0]) + 1 if parts else 0, headings)
    return SourceText("\n".join(parts), "doc", None, _sha256(data), bold_labels=bold_labels, heading_lines=headings, removed=removed)


# --------------------------------------------------------------------------- html
#: Elements whose content is not the page's text.
_HTML_SKIP = frozenset({"head", "script", "style", "noscript", "template", "title", "svg", "iframe", "object"})
#: Elements that start and end a line of text.
_HTML_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre", "section", "article", "header", "footer", "dt", "dd", "table", "ul", "ol", "dl", "hr", "address", "figcaption", "main", "aside", "nav", "body"})
_HTML_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read_html(path: Path, data: bytes) -> SourceText:
    """A web page's text (noScribe's default transcript, a transcript saved from a browser or
    from Word as a web page): a line per paragraph, heading, list item or table row, a table's
    cells split by tabs (so a transcript table is read as one), scripts and styles left out.

    lxml's HTML parser fetches nothing a page refers to and expands no entities beyond HTML's own.
    """
    import lxml.etree
    import lxml.html

    declared = _HTML_CHARSET.search(data[:4096])
    text, encoding = decode_bytes(data, path, declared=declared.group(1).decode("ascii") if declared else None)
    if not text.strip():
        return SourceText("", "html", encoding, _sha256(data))
    try:
        # huge_tree lifts libxml2's depth limit of 256, past which a page with unclosed tags
        # (every "<div>" left open) would lose the rest of its text without a word.
        parser = lxml.html.HTMLParser(huge_tree=True, no_network=True)
        # An XHTML page opens with an XML declaration ("<?xml … encoding='utf-8'?>"), which lxml refuses
        # in text it is given already decoded; the text is decoded, so the declaration says nothing more.
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentFormatError(f"the web page cannot be read ({exc})", path=path, hint="save it from your browser or word processor as .txt or .docx") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # Elements nested thousands deep: the parser stops there, and the rest would be lost unsaid.
        raise DocumentFormatError("the web page nests its elements too deep to be read whole", path=path, hint="save it from your browser or word processor as .txt or .docx")
    from ._messages import google_voice_html, imessage_html

    if (thread := imessage_html(root)) is not None:  # a conversation imessage-exporter wrote as a web page
        return _thread_source(thread, "html", encoding, _sha256(data))
    if (thread := google_voice_html(root)) is not None:  # a Google Voice text conversation or call from Takeout
        return _thread_source(thread, "html", encoding, _sha256(data))
    kept, opens = _html_lines(root)
    text = normalise_newlines("\n".join(kept))
    source = _text_source(text, "html", encoding, data)
    if source.text == text:  # not laid out again as a table transcript
        offsets = accumulate((len(line) + 1 for line in kept[:-1]), initial=0)
        source.paragraph_starts = [offset for offset, opening in zip(offsets, opens) if opening]
    return source


def _html_lines(root, *, blocks_open: bool = True) -> tuple[list[str], list[bool]]:  # type: ignore[no-untyped-def]
    """A parsed page's lines of text, and whether each opens a paragraph: a line per block and per ``<br>``,
    a table's cells split by tabs, scripts and styles left out (:func:`read_html`, an Evernote note's ENML).

    With ``blocks_open=False`` only an empty line opens a paragraph: Evernote writes each line of a
    note as a ``<div>`` and a paragraph break as an empty one (``<div><br/></div>``).
    """
    pieces: list[str] = []
    # Walked with a stack, not recursion: a page may nest deeper than Python's recursion limit.
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""  # type: ignore[attr-defined]
        if closing:
            if tag in _HTML_BLOCKS:
                pieces.append("\n")
            if element.tail:  # type: ignore[attr-defined]
                pieces.append(_HTML_SPACE.sub(" ", element.tail))  # type: ignore[attr-defined]
            continue
        if tag in _HTML_SKIP or tag == "br" or not tag:
            pieces.append(_SOFT_BREAK if tag == "br" else "")
            if element.tail:  # type: ignore[attr-defined]
                pieces.append(_HTML_SPACE.sub(" ", element.tail))  # type: ignore[attr-defined]
            continue
        if tag in _HTML_BLOCKS:
            pieces.append("\n")
        if tag in ("td", "th"):
            pieces.append("\t")
        if element.text:  # type: ignore[attr-defined]
            pieces.append(_HTML_SPACE.sub(" ", element.text))  # type: ignore[attr-defined]
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))  # type: ignore[call-overload]
    # Blocks end lines and so does a <br>; a paragraph opens with a block, or after a blank line of <br>s
    # inside one (an old page's paragraphs), not at every <br>.
    kept: list[str] = []
    opens: list[bool] = []
    opening = True
    for block in "".join(pieces).split("\n"):
        # Evernote's empty line is a block holding only a <br>; blocks next to each other are lines.
        opening = opening or blocks_open or (_SOFT_BREAK in block and not block.replace(_SOFT_BREAK, "").strip())
        blank_inside = False
        for line in block.split(_SOFT_BREAK):
            line = line.strip(" ")
            # A row's first cell opens with the tab its cell mark gave it: the row starts at its first cell.
            line = line[1:] if line.startswith("\t") else line
            if not line.strip():
                opening, blank_inside = opening or blocks_open, True
            elif not blocks_open and blank_inside and kept and not opening:
                # "<div>one<br/><br/>two</div>": an empty line between two lines of one block.
                kept.append(line)
                opens.append(True)
                blank_inside = False
            elif kept and line.startswith((":", "：")) and _LABEL_LEFT_ALONE.fullmatch(kept[-1]):
                # Word 97's "<B><P>Aho</B>:&#9;…" closes the paragraph inside the bold name: the colon is the name's.
                kept[-1] += line
            else:
                kept.append(line)
                opens.append(opening)
                opening = False
    return kept, opens


#: A <br> while reading a web page (a character no decoded page holds).
_SOFT_BREAK = "\x00"
#: A web page's declared encoding: ``<meta charset="…">`` or ``<meta http-equiv=… content="text/html; charset=…">``.
_HTML_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
#: A line that can be a speaker's name left alone by its colon's line break: a few words, no sentence mark.
_LABEL_LEFT_ALONE = re.compile(r"[^\W\d][\w.'’ -]{0,40}")


# --------------------------------------------------------------------------- CHAT and ELAN
#: A CHAT main tier: ``*CHI:`` then a tab (a space where an editor turned the tab into spaces), then the words.
_CHAT_MAIN = re.compile(r"\*([^\s:*%@]{1,20}):(?:[ \t]|$)")
#: A CHAT dependent tier (``%mor:``, ``%gra:``, ``%com:``, ``%xpho:``…): analysis and comments, no one's words.
_CHAT_DEPENDENT = re.compile(r"%([\w-]{1,20}):")
#: A CHAT time bullet after the words read from bytes 0x15, which the reader first writes as 0x0c (see
#: :func:`read_chat`): ``125_475`` in milliseconds, or CLAN's older ``%snd:"file"_125_475``.
_CHAT_BULLET = re.compile(r"[ \t]*[\x0c\x15]([^\x0c\x15\n]{0,300})[\x0c\x15]")
_CHAT_BULLET_TIMES = re.compile(r"(\d+)_(\d+)$")
#: How a CHAT transcript opens: ``@UTF8`` or ``@Begin`` (after a byte-order mark or blank lines).
_CHAT_OPENING = re.compile(rb"(?:\xef\xbb\xbf)?\s*@(?:UTF8|Begin)\b")
_CHAT_MAIN_BYTES = re.compile(rb"^\*[^\s:*%@]{1,20}:[ \t]", re.MULTILINE)
#: CHAT roles (``@Participants``, ``@ID``) of the person who asks: their turns are the interviewer's.
_CHAT_INTERVIEWERS = frozenset({"investigator", "interviewer", "researcher", "clinician", "therapist", "experimenter", "examiner"})


def is_chat(data: bytes) -> bool:
    """Whether a plain-text file's bytes are a CHAT transcript (TalkBank, CHILDES): it opens with
    ``@UTF8`` or ``@Begin`` and has a main tier (``*CHI:`` and a tab or space).

    Examples
    --------
    >>> is_chat(b"@UTF8\\n@Begin\\n*CHI:\\tmore cookie .\\n@End\\n"), is_chat(b"I: Hello\\nR: Hi\\n")
    (True, False)
    """
    return _CHAT_OPENING.match(data[:4096]) is not None and _CHAT_MAIN_BYTES.search(data) is not None


def _chat_roles(header: str) -> dict[str, str]:
    """Speaker code -> CHAT role, from ``@Participants: CHI Eve Target_Child, INV Investigator`` (code, name if any, role)."""
    roles = {}
    for entry in header.split(","):
        words = entry.split()
        if len(words) >= 2:
            roles[words[0]] = words[-1]
    return roles


def read_chat(path: Path, data: bytes) -> SourceText:
    """A CHAT transcript (``.cha``, TalkBank and CHILDES; or a ``.txt`` that is one), each main tier a turn.

    ``*CODE:`` opens a turn of speaker ``CODE``, with its words as written (CHAT's
    markup such as ``[/]``, ``&-um`` or ``xxx`` stays); a line starting with a tab
    continues the line above.  Dependent tiers (``%mor``, ``%gra``, ``%com``…) are
    analysis and comments, and header lines (``@Participants``, ``@ID``, ``@End``…)
    metadata: neither is anyone's words, so both are left out of the text and counted
    in ``removed``.  A time bullet (``\\x15125_475\\x15``, milliseconds) is left out of
    the words and gives the turn its start and end.  ``@Participants`` (else the
    ``@ID`` lines) gives each speaker's role: an Investigator, Interviewer,
    Researcher, Clinician, Therapist, Experimenter or Examiner is the interviewer,
    anyone else a participant.

    Parameters
    ----------
    path : Path
        The file, for messages.
    data : bytes
        Its content.

    Returns
    -------
    SourceText
        ``CODE: words`` per utterance, a blank line between them, with ``turns``
        (one per main tier, never merged), ``speakers`` (the roles the file declares)
        and ``removed``.

    Examples
    --------
    >>> data = "@UTF8\\n@Begin\\n@Participants:\\tCHI Eve Target_Child, INV Ann Investigator\\n*INV:\\twhat is that ?\\n%mor:\\tpro:int|what\\n*CHI:\\ta cookie . \\x15100_900\\x15\\n@End\\n".encode()
    >>> source = read_chat(Path("eve.cha"), data)
    >>> print(source.text)
    INV: what is that ?
    <BLANKLINE>
    CHI: a cookie .
    >>> [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns]
    [('INV', None, None), ('CHI', 0.1, 0.9)]
    >>> source.speakers, source.removed
    ({'chi': 'participant', 'inv': 'interviewer'}, {'CHAT header lines (@…)': 4, 'CHAT dependent tier lines (%mor)': 1, 'CHAT time bullets (read as the turns’ times)': 1})
    """
    import codecs

    # A bullet's 0x15 bytes are CHAT's, not binary data: read as form feeds (which the decoder keeps) in
    # single-byte and UTF-8 text; UTF-16 and UTF-32 decode it as a character of its own.
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    text, encoding = decode_bytes(data if wide else data.replace(b"\x15", b"\x0c"), path)
    blocks: list[tuple[str, str, int]] = []  # (kind "*", "%" or "@", its text with continuation lines, first line)
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip(" \t"):
            continue
        if line[0] in "*%@":
            blocks.append((line[0], line, number))
        elif blocks:  # a tab opens a continuation; a line with no tier mark (CHAT allows none) is read as one too
            kind, words, first = blocks[-1]
            blocks[-1] = (kind, words + " " + line.strip(" \t"), first)  # not strip(): a bullet's mark is a form feed
        else:
            blocks.append(("@", line, number))  # text before anything CHAT: left out with the header
    cues: list[_Cue] = []
    headers, bullets = 0, 0
    dependent: Counter[str] = Counter()
    participants: dict[str, str] = {}
    ids: dict[str, str] = {}
    for kind, block, number in blocks:
        if kind == "@":
            headers += 1
            name, _, value = block[1:].partition(":")
            if name.strip() == "Participants":
                participants.update(_chat_roles(value))
            elif name.strip() == "ID" and len(fields := value.strip().split("|")) >= 8 and fields[2]:
                ids[fields[2]] = fields[7]
            continue
        if kind == "%":
            found = _CHAT_DEPENDENT.match(block)
            dependent[f"%{found.group(1)}" if found else "%"] += 1
            continue
        found = _CHAT_MAIN.match(block)
        if found is None:
            raise DocumentFormatError(
                f"a CHAT main tier must open with '*CODE:' and a tab: {block[:40]!r}",
                path=path,
                line=number,
                hint="check the line in CLAN (Tiers > Check), or give the file the .txt extension after removing the CHAT markup",
            )
        words = block[found.end() :]
        times = [_CHAT_BULLET_TIMES.search(bullet.group(1).strip()) for bullet in _CHAT_BULLET.finditer(words)]
        if times:
            bullets += len(times)
            words = _CHAT_BULLET.sub(" ", words)
        timed = [(int(t.group(1)) / 1000, int(t.group(2)) / 1000) for t in times if t is not None]
        start, end = (min(a for a, _ in timed), max(b for _, b in timed)) if timed else (None, None)
        cues.append(_Cue(start, end, found.group(1), " ".join(words.replace("\x0c", " ").split())))
    fmt = "cha"
    if not cues and not any(block.startswith("@") for _, block, _ in blocks):
        raise UnreadableFormatError("this file has no CHAT main tier ('*CHI:') or header ('@Begin')", path=path, hint="check that this is a CHAT transcript")
    source = _cues_to_source(cues, fmt, encoding, _sha256(data), merge=False)
    declared = {**ids, **participants}
    source.speakers = {code.lower(): "interviewer" if role.lower() in _CHAT_INTERVIEWERS else "participant" for code, role in declared.items()}
    if headers:
        source.removed["CHAT header lines (@…)"] = headers
    if dependent:
        shown = ", ".join(name for name, _ in dependent.most_common(6)) + (", …" if len(dependent) > 6 else "")
        source.removed[f"CHAT dependent tier lines ({shown})"] = sum(dependent.values())
    if bullets:
        source.removed["CHAT time bullets (read as the turns’ times)"] = bullets
    return source


#: Words in an ELAN tier's or linguistic type's name that say it holds no one's speech: translations, glosses,
#: morphemes, parts of speech, notes, markers, phonetic renderings.
_ELAN_NOT_SPEECH = frozenset(
    """ft fte translation translations transl gloss glosses gl ge mb mot morph morphs morpheme morphemes ps pos lemma
    lemmas lg lang language note notes comment comments comm com marker markers phonet phonetic phonol ipa upa sampa
    translit transliteration lit tag tags code codes""".split()
)
#: ELAN's constraints for tiers whose annotations are pieces of their parent's (words, chunks, morphemes).
_ELAN_PIECES = frozenset({"Time_Subdivision", "Included_In", "Symbolic_Subdivision"})
#: An annotation value that is an identifier, not words ("190719_YNK_KonITelega_01").
_ELAN_ID = re.compile(r"[\w.:-]*\d[\w.:-]*")


def _name_words(name: str) -> set[str]:
    """The lower-case words of a tier's or type's name: ``ft-eng@JAI`` → ft, eng, jai; ``SectionMarker`` → section, marker."""
    return {word.lower() for word in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)}


def read_eaf(path: Path, data: bytes) -> SourceText:
    """An ELAN annotation file (``.eaf``), its transcription tiers read as turns with their times.

    Each top-level tier and the tiers under it are one speaker's, named by the tier's
    ``PARTICIPANT`` (else the top tier's id).  The transcription is the highest tier of
    them that holds words: the top tier, or, where that holds no text or only ids, the
    child tier (``Symbolic_Association``) with the most annotations, a translation or
    note aside.  Its reference annotations take their times from the aligned
    annotation they point to.  Tiers of pieces (words, morphemes, chunks),
    translations, glosses, notes, markers and controlled-vocabulary tags are no extra
    speech: left out and counted in ``removed``.  Pieces are ordered by time, and
    consecutive pieces of one speaker merged as cues are.  The XML is parsed with
    defusedxml (entity declarations and external references refused).

    Parameters
    ----------
    path : Path
        The file, for messages.
    data : bytes
        Its content.

    Returns
    -------
    SourceText
        ``Speaker: words`` per turn with ``turns`` (times in seconds) and ``removed``.

    Examples
    --------
    >>> eaf = b'''<ANNOTATION_DOCUMENT><HEADER TIME_UNITS="milliseconds"/><TIME_ORDER>
    ... <TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="0"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="1500"/>
    ... <TIME_SLOT TIME_SLOT_ID="t3" TIME_VALUE="1600"/><TIME_SLOT TIME_SLOT_ID="t4" TIME_VALUE="3000"/></TIME_ORDER>
    ... <TIER TIER_ID="Interviewer" LINGUISTIC_TYPE_REF="utt"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1"
    ... TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>How did it start?</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
    ... <TIER TIER_ID="Ann" PARTICIPANT="Ann" LINGUISTIC_TYPE_REF="utt"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2"
    ... TIME_SLOT_REF1="t3" TIME_SLOT_REF2="t4"><ANNOTATION_VALUE>With a flood.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
    ... <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utt" TIME_ALIGNABLE="true"/></ANNOTATION_DOCUMENT>'''
    >>> source = read_eaf(Path("talk.eaf"), eaf)
    >>> print(source.text)
    Interviewer: How did it start?
    <BLANKLINE>
    Ann: With a flood.
    >>> [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns]
    [('Interviewer', 0.0, 1.5), ('Ann', 1.6, 3.0)]
    """
    from ._xml import parse_untrusted_xml

    hint = "check that this is an ELAN file saved by ELAN; or export its transcription from ELAN as SubRip (.srt) with tier names"
    root = parse_untrusted_xml(data, path, error=DocumentFormatError, unsafe_hint=hint, malformed_hint=hint)
    if root.tag != "ANNOTATION_DOCUMENT":
        raise UnreadableFormatError(f"this XML is not an ELAN annotation document (its root is <{root.tag[:40]}>)", path=path, hint=hint)
    units = root.find("HEADER")
    scale = 1.0 if units is not None and units.get("TIME_UNITS") == "seconds" else 1000.0  # ELAN writes milliseconds
    # Time slots in their order; one without a value (ELAN allows them) takes the time of the last timed
    # slot before it (the first timed one's, before any).
    order = [(slot.get("TIME_SLOT_ID"), _json_seconds(slot.get("TIME_VALUE"), scale)) for slot in root.iter("TIME_SLOT")]
    last = next((value for _, value in order if value is not None), None)
    slots: dict[str | None, float | None] = {}
    for slot_id, value in order:
        last = value if value is not None else last
        slots[slot_id] = last
    types = {kind.get("LINGUISTIC_TYPE_ID"): kind for kind in root.iter("LINGUISTIC_TYPE")}
    tiers = list(root.iter("TIER"))
    children: dict[str | None, list[object]] = {}
    for tier in tiers:
        children.setdefault(tier.get("PARENT_REF"), []).append(tier)

    def values(tier) -> list[str]:  # type: ignore[no-untyped-def]
        return [" ".join((value.text or "").split()) for value in tier.iter("ANNOTATION_VALUE")]

    def holds_words(tier) -> bool:  # type: ignore[no-untyped-def]
        said = [value for value in values(tier) if value]
        return bool(said) and not all(_ELAN_ID.fullmatch(value) for value in said)

    def kind_of(tier):  # type: ignore[no-untyped-def]
        return types.get(tier.get("LINGUISTIC_TYPE_REF"))

    def may_speak(tier) -> bool:  # type: ignore[no-untyped-def]
        kind = kind_of(tier)
        if kind is not None and (kind.get("CONTROLLED_VOCABULARY_REF") or kind.get("CONSTRAINTS") in _ELAN_PIECES):
            return False  # tags from a closed list, or pieces of the parent's annotations
        names = _name_words(tier.get("TIER_ID") or "") | _name_words(tier.get("LINGUISTIC_TYPE_REF") or "")
        return not names & _ELAN_NOT_SPEECH

    def transcription(top):  # type: ignore[no-untyped-def]
        """The tier under ``top`` (or ``top``) holding its speaker's words, highest first; None if none does."""
        level = [top]
        while level:
            speaking = [tier for tier in level if may_speak(tier) and holds_words(tier)]
            if speaking:
                return max(speaking, key=lambda tier: sum(map(bool, values(tier))))  # the first of the fullest
            level = [child for tier in level for child in children.get(tier.get("TIER_ID"), []) if (kind_of(child) is None or kind_of(child).get("CONSTRAINTS") == "Symbolic_Association")]
        return None

    aligned: dict[str | None, tuple[float | None, float | None]] = {}
    refers: dict[str | None, str | None] = {}
    for annotation in root.iter("ALIGNABLE_ANNOTATION"):
        aligned[annotation.get("ANNOTATION_ID")] = (slots.get(annotation.get("TIME_SLOT_REF1")), slots.get(annotation.get("TIME_SLOT_REF2")))
    for annotation in root.iter("REF_ANNOTATION"):
        refers[annotation.get("ANNOTATION_ID")] = annotation.get("ANNOTATION_REF")

    def times(annotation_id: str | None) -> tuple[float | None, float | None]:
        seen = set()
        while annotation_id not in aligned and annotation_id in refers and annotation_id not in seen:
            seen.add(annotation_id)
            annotation_id = refers[annotation_id]
        return aligned.get(annotation_id, (None, None))

    pieces: list[tuple[float, int, _Cue]] = []
    spoken: set[int] = set()
    for top in children.get(None, []):
        tier = transcription(top)
        if tier is None:
            continue
        spoken.add(id(tier))
        speaker = tier.get("PARTICIPANT") or top.get("PARTICIPANT") or top.get("TIER_ID") or "?"
        for annotation in tier.iter("ANNOTATION"):
            inner = next(iter(annotation), None)
            words = " ".join((inner.findtext("ANNOTATION_VALUE") or "").split()) if inner is not None else ""
            if not words:
                continue
            start, end = times(inner.get("ANNOTATION_ID"))
            pieces.append((start if start is not None else float("inf"), len(pieces), _Cue(start, end if end is not None else start, speaker, words)))
    pieces.sort(key=lambda piece: piece[:2])  # by time, in the file's order where times are equal
    source = _cues_to_source([cue for _, _, cue in pieces], "eaf", None, _sha256(data))
    others = [tier for tier in tiers if id(tier) not in spoken and any(values(tier))]
    if others:
        shown = first_few((tier.get("TIER_ID") or "?" for tier in others), shown=4)
        source.removed[f"ELAN annotations on {len(others)} tier(s) that are not the transcription (translations, words, glosses, notes, markers: {shown})"] = sum(
            sum(map(bool, values(tier))) for tier in others
        )
    return source


def _read_enex(path: Path, data: bytes) -> SourceText:
    """An Evernote export: every note a dated entry (``_notes.read_enex``, which imports this module)."""
    from ._notes import read_enex

    return read_enex(path, data)


def _read_trs(path: Path, data: bytes) -> SourceText:
    """A Transcriber file (``_linguists.read_trs``, which imports this module)."""
    from ._linguists import read_trs

    return read_trs(path, data)


def _read_exmaralda(path: Path, data: bytes) -> SourceText:
    """An EXMARaLDA transcription (``_linguists.read_exmaralda``, which imports this module)."""
    from ._linguists import read_exmaralda

    return read_exmaralda(path, data)


def _read_textgrid(path: Path, data: bytes) -> SourceText:
    """A Praat TextGrid: its speakers' interval tiers as turns (``_praat.read_textgrid``, which imports this module)."""
    from ._praat import read_textgrid

    return read_textgrid(path, data)


READERS = {
    ".txt": read_plain,
    ".enex": _read_enex,
    ".html": read_html,
    ".htm": read_html,
    ".doc": read_doc,
    ".rtf": read_rtf,
    ".text": read_plain,
    ".md": read_plain,
    ".markdown": read_plain,
    ".docx": read_docx,
    ".odt": read_odt,
    ".pdf": read_pdf,
    ".vtt": read_vtt,
    ".srt": read_srt,
    ".json": read_json,
    ".cha": read_chat,
    ".eaf": read_eaf,
    ".textgrid": _read_textgrid,
    ".trs": _read_trs,
    ".exb": _read_exmaralda,
    ".exs": _read_exmaralda,
    ".eml": read_email,
    ".mbox": read_email,
    ".xml": read_xml,
    ".zip": read_zip,
    ".tei": read_xml,
}


#: The readers that find a file's own comments, highlights and annotations (``marks=True``).
_READS_MARKS = frozenset({read_docx, read_odt, read_pdf})

_EXPORT_QDPX = "export the project from the tool as a REFI-QDA project (.qdpx) and import that (qlr import FILE.qdpx -o study.qlr)"
#: What a QDA tool's own file is, and what to do with it instead of reading it as a document.
_QDA_FILES = {
    ".qdpx": ("a REFI-QDA project", "import it: qlr import FILE.qdpx -o study.qlr (or qlr.io.read_qdpx in Python)"),
    ".qdc": ("a REFI-QDA codebook", "use it as a codebook: --codebook FILE.qdc (or qlr.read_codebook in Python)"),
    ".qde": ("a REFI-QDA project file", "import it (qlr import FILE.qde -o study.qlr), with its sources folder beside it, or the .qdpx that holds both"),
    ".qlr": ("a qlr project", "open it: qlr.open(FILE.qlr) in Python, or qlr info / qlr report FILE.qlr"),
    ".nvp": ("an NVivo project", _EXPORT_QDPX),
    ".nvpx": ("an NVivo project", _EXPORT_QDPX),
    ".atlproj": ("an ATLAS.ti project bundle", _EXPORT_QDPX),
    ".atlproj23": ("an ATLAS.ti project bundle", _EXPORT_QDPX),
    ".hpr7": ("an ATLAS.ti project", _EXPORT_QDPX),
    ".mx24": ("a MAXQDA project", _EXPORT_QDPX),
    ".mx22": ("a MAXQDA project", _EXPORT_QDPX),
    ".mx20": ("a MAXQDA project", _EXPORT_QDPX),
    ".qda": ("a QualCoder project", "import it: qlr import FILE.qda -o study.qlr (the project folder; or qlr.io.read_qualcoder in Python)"),
    ".rqda": ("an RQDA project", "import it: qlr import FILE.rqda -o study.qlr (or qlr.io.read_rqda in Python)"),
    ".sqlite3": ("an SQLite database (a Taguette project, if Taguette exported it)", "import a Taguette project: qlr import FILE.sqlite3 -o study.qlr (or qlr.io.read_taguette in Python)"),
    **{
        suffix: ("an archive (a CATMA export, if CATMA wrote it)", f"import a CATMA export: qlr import FILE{suffix} -o study.qlr (or qlr.io.read_catma in Python)")
        for suffix in (".tar.gz", ".tgz")
    },
    ".tra": ("a Transana database export (Transana-XML)", "import it: qlr import FILE.tra -o study.qlr (or qlr.io.read_transana in Python)"),
    # CATMA writes .tar.gz: any other .gz (notes.txt.gz) is one compressed file.
    ".gz": ("a gzip-compressed file", "unpack it (gunzip FILE.gz) and give the file it holds"),
}


def qda_file(path: Path) -> tuple[str, str] | None:
    """What :data:`_QDA_FILES` says of ``path`` by its suffix (``.tar.gz`` as one): what it is, and what to do with
    it, its name put in the advice; None for a suffix it does not know."""
    name = path.name
    suffix = ".tar.gz" if name.lower().endswith(".tar.gz") else path.suffix.lower()
    known = _QDA_FILES.get(suffix)
    return (known[0], known[1].replace("FILE", name[: len(name) - len(suffix)])) if known else None


_AS_TABLE = (
    "a table is not one document: list a survey export under 'responses:' in study.yaml (one document per respondent and wave; "
    "docs/study-folder.md, \"Survey responses\"), earlier coding under 'codings:', and give a codebook table to --codebook; "
    "a transcript kept as a table is read when its header names a speaker column and a column of words "
    "(e.g. time, speaker, text; docs/study-folder.md, \"Transcripts kept as tables\"); for one with no speaker column "
    "(Whisper's .tsv), give the speech-recognition tool's own .srt, .vtt or .json"
)
#: Tables, which qlr reads through the manifest rather than as a document.
_TABLE_FILES = {suffix: ("a table", _AS_TABLE) for suffix in (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")}


def read_source(path: Path, *, marks: bool = False, table: dict[str, Any] | None = None) -> SourceText:
    """Read one document file with the reader for its extension.

    With ``marks``, a Word, OpenDocument or PDF file's own comments, highlights and
    annotations are read too (``SourceText.marks``): only for the documents a
    ``codings: - comments: …`` entry names (``_build``), as finding them costs time.
    A table (``.csv``, ``.tsv``, ``.xlsx``) is read when it is a transcript
    (:func:`._tabular.is_transcript_table`), with ``table``'s options (``text_column``,
    ``tags``) from its manifest entry; any other table is refused as before.
    """
    from ._tabular import TRANSCRIPT_TABLE_SUFFIXES, is_transcript_table, read_table_transcript, refusal

    reader = READERS.get(path.suffix.lower())
    if reader is None and path.suffix.lower() in TRANSCRIPT_TABLE_SUFFIXES and is_transcript_table(path):
        data = path.read_bytes()
        return _without_invisible(_without_lone_surrogates(read_table_transcript(path, data, **(table or {}))))
    if reader is None:
        from ._brat import brat_advice

        # brat's .ann: the advice qlr.open gives of the same file (import the collection's folder), from one place.
        what, hint = qda_file(path) or (brat_advice(path) if path.suffix.lower() == ".ann" else None) or _TABLE_FILES.get(path.suffix.lower(), (None, None))
        why = refusal(path) if path.suffix.lower() in TRANSCRIPT_TABLE_SUFFIXES else None
        if why is not None:
            # Its header is a transcript table's: say what in its rows is not, rather than what the header lacks.
            raise DocumentFormatError(
                f"this table's header names a speaker column and a column of words, but {why}",
                path=path,
                hint="correct the rows, or save the transcript as text with a 'Name:' label opening each turn",
            )
        raise DocumentFormatError(
            f"qlr cannot read '{path.suffix}' files as documents" + (f": this is {what}" if what else ""),
            path=path,
            hint=hint or f"convert it to one of {', '.join(sorted(READERS))}",
        )
    data = path.read_bytes()
    source = _without_lone_surrogates(reader(path, data, marks=True) if marks and reader in _READS_MARKS else reader(path, data))
    if source.format in _NUMBERED_BY_HAND:
        source = _without_typed_line_numbers(source)
    return _without_invisible(source)


#: Formats whose line numbers a transcriber types by hand ("1⇥I: How long?"), cut after reading
#: with every position moved; plain text and Rich Text cut theirs before anything else, PDF per page.
_NUMBERED_BY_HAND = frozenset({"docx", "odt", "doc", "html"})


def _without_typed_line_numbers(source: SourceText) -> SourceText:
    """``source`` with the numbers that open most of its lines cut (as :func:`_cut_line_numbers`), its positions moved.

    Examples
    --------
    >>> text = "1\\tI: How long?\\n2\\tB: Two years.\\n3\\tI: And now?\\n4\\tB: We run it."
    >>> cut = _without_typed_line_numbers(SourceText(text, "docx", None, "", paragraph_starts=[0, 16, 32, 46]))
    >>> cut.text.split("\\n")[:2], cut.paragraph_starts, cut.removed
    (['I: How long?', 'B: Two years.'], [0, 13, 27, 39], {'line numbers': 4})
    """
    cut = _typed_line_numbers(source.text)
    lines = source.text.split("\n")
    if not cut:
        return source
    import bisect

    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    gone_at: list[int] = []  # where each cut starts in the old text, and how much was cut up to its end
    gone_total: list[int] = []
    for index, rest in sorted(cut.items()):
        line = lines[index]
        width = len(line) - len(line.lstrip()) + len(line.strip()) - len(rest)
        lines[index] = line[width:]
        gone_at.append(starts[index])
        gone_total.append((gone_total[-1] if gone_total else 0) + width)

    def moved(position: int) -> int:
        k = bisect.bisect_right(gone_at, position) - 1
        if k < 0:
            return position
        before = gone_total[k - 1] if k else 0
        return position - before - min(gone_total[k] - before, position - gone_at[k])

    return _with_text(source, "\n".join(lines), moved, {"line numbers": source.removed.get("line numbers", 0) + len(cut)})


_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")


def _without_lone_surrogates(source: SourceText) -> SourceText:
    """``source`` with each half of a UTF-16 pair found alone (a broken escape) turned into U+FFFD, and counted.

    Such a character can be neither saved nor written as UTF-8; the replacement keeps every position.

    Examples
    --------
    >>> cleaned = _without_lone_surrogates(SourceText("Tom: hi \\ud83d there", "json", "utf-8", ""))
    >>> cleaned.text == "Tom: hi \\ufffd there", list(cleaned.unread.values())
    (True, [1])
    """
    lone = len(_LONE_SURROGATE.findall(source.text))
    if not lone:
        return source
    from dataclasses import replace

    kind = "characters that are half of a broken UTF-16 pair (shown as the replacement character)"
    return replace(source, text=_LONE_SURROGATE.sub("\ufffd", source.text), unread={**source.unread, kind: lone})


#: Characters no reader of the document sees and that only split words: a zero-width space (Google Docs'
#: PDFs hold thousands), a word joiner, a byte-order mark inside the text, a soft hyphen ("co\u00adproduction").
#: Zero-width (non-)joiners stay: they spell words in Persian, Indic scripts and emoji.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def find_quote(text: str, quote: str, *, spaces_added: bool = False) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``quote`` in ``text`` (overlapping ones too): the words as written, else as a reader copies them.

    Exactly first; where the exact words are not there, with the quote's invisible
    characters left out (as the text's are, see :data:`_INVISIBLE`) and any white space
    between its words matching any white space (a PDF viewer copies a line break as a space);
    last, with typographic quotes, apostrophes, ellipses and dashes read as their plain
    forms on both sides (``’`` as ``'``, ``“”`` as ``"``, ``…`` as ``...``, ``–—`` as ``-``:
    a QDA tool's report of a transcript re-saved with or without autocorrect), the spans
    those of the text's own characters. Where none of these finds it, the quote is read as a
    researcher's table cites it: without the quotation marks around it ("\"we argue\""), in pieces
    where words are left out ("…", "...", "[...]"; each piece within 600 characters of the last, the
    span running from the first piece to the last). Capitals are the document's: a quote in other
    capitals is not found (:func:`in_other_capitals` says what the text has).
    The one search of a quote in a document: ``code_quote`` and a codings file's ``quote`` column.
    With ``spaces_added``, a quote found in none of these ways is searched once more with each
    of its spaces allowed to be absent from the text: a tool that copies words out of formatted
    text may put a space wherever the formatting changes (Taguette's highlights export writes
    ``"I <em>walk</em>, mostly"`` as ``"I walk , mostly"``).

    Parameters
    ----------
    text : str
        A document's stored text (``study.documents["text"]``).
    quote : str
        The words to find.
    spaces_added : bool, optional
        Whether the quote's copy may hold spaces the text does not (keyword only; default False).

    Returns
    -------
    list of (int, int)
        Character offsets of each occurrence, in order; empty when the words are not there.

    Examples
    --------
    >>> find_quote("we decided\\ntogether, then we decided together", "we decided together")
    [(26, 45)]
    >>> find_quote("we decided\\ntogether", "we de\u00adcided together")
    [(0, 19)]
    >>> find_quote("I don\u2019t know\u2026 \u201cit\u2019s fine\u201d", "don't know... \\"it's fine\\"")
    [(2, 25)]
    >>> find_quote("Maybe a heat map instead, you know? Like a warmer, colder game.", "\\"Maybe a heat map instead... Like a warmer\\"")
    [(0, 49)]
    >>> find_quote("so I walk, mostly.", "I walk , mostly."), find_quote("so I walk, mostly.", "I walk , mostly.", spaces_added=True)
    ([], [(3, 18)])
    """
    spans = _found_as_copied(text, quote)
    if spans:
        return spans
    if spaces_added:
        found = find_quote(text, quote)
        return found or _found_without_added_spaces(text, quote)
    # A quote as a researcher's table cites it: in quotation marks, with words left out ("…", "[...]").
    # Each piece is found as above; the coding spans them all.
    cited = cited_words(quote)
    pieces = [piece for piece in _ELISION.split(cited) if piece.strip()]
    if len(pieces) > 1:
        return _elided(text, pieces)
    if len(pieces) == 1 and pieces[0].strip() != cited.strip():
        # Words left out before or after only ("...and then we left", "[...] and then", "we left…"): the piece is the quote.
        return _found_as_copied(text, pieces[0].strip())
    return find_quote(text, cited) if cited != quote else []


def _found_without_added_spaces(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of ``text`` holding the quote's characters with any of its spaces absent (or any other white space)."""
    words = _INVISIBLE.sub("", quote).split()
    if not words:
        return []
    pattern = re.compile(r"\s*".join(re.escape(word) for word in words))
    spans, match = [], pattern.search(text)
    while match is not None:
        spans.append(match.span())
        match = pattern.search(text, match.start() + 1)
    return spans


def in_other_capitals(text: str, quote: str) -> str | None:
    """The text's words where it holds ``quote`` only in other capitals ("It wasn't" for "it wasn't"), else None.

    A quote must be the document's words in its capitals (which of two spellings a coder meant is
    theirs to say); this is what the refusal shows them.

    Examples
    --------
    >>> in_other_capitals("Maybe a map instead.", '"maybe a map"'), in_other_capitals("Maybe.", "never")
    ('Maybe a map', None)
    """
    words = cited_words(quote)
    at = text.lower().find(words.lower())
    return text[at : at + len(words)] if at != -1 and len(text.lower()) == len(text) else None


#: Quotation marks around a whole quote as a table cites it: "…", “…”, „…“, «…», '…'.
_CITED = re.compile(r"""\s*(?P<mark>["“”„«»'‘’])(?P<words>.+)(?P<close>["“”„«»'‘’])\s*""", re.DOTALL)
#: Words left out of a quote: "...", "…", "[...]", "(…)", with the spaces around them.
_ELISION = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\)|\.\.\.|…)\s*")
#: The most characters a quote's elision may leave out between two of its pieces (a clause or two of one passage).
_ELISION_GAP = 600


def cited_words(quote: str) -> str:
    """A quote without the quotation marks a table puts around it (the marks inside stay).

    Examples
    --------
    >>> cited_words('"we argue in March"'), cited_words("“it’s fine”"), cited_words('she said "no" twice')
    ('we argue in March', 'it’s fine', 'she said "no" twice')
    """
    found = _CITED.fullmatch(quote)
    if found is None or (found["mark"] in "'‘’") != (found["close"] in "'‘’"):
        return quote
    return found["words"].strip()


def _elided(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Each span of ``text`` holding the quote's ``pieces`` in order, each after the last within :data:`_ELISION_GAP`.

    Examples
    --------
    >>> _elided("We argue, loudly, in March and forget by May.", ["We argue", "forget by May"])
    [(0, 44)]
    >>> _elided("We argue." + " x" * 400 + " We forget.", ["We argue", "We forget"])
    []
    """
    import bisect

    found = [_found_as_copied(text, piece) for piece in pieces]  # each piece searched once, not once per first piece
    starts = [[span[0] for span in spans] for spans in found]
    result = []
    for start, end in found[0]:
        for spans, begins in zip(found[1:], starts[1:]):
            at = bisect.bisect_left(begins, end)
            if at == len(begins) or begins[at] > end + _ELISION_GAP:
                break
            end = spans[at][1]
        else:
            result.append((start, end))
    return result


def _found_as_copied(text: str, quote: str) -> list[tuple[int, int]]:
    """:func:`find_quote`'s search of the words as written, else as a reader copies them."""
    spans = []
    found = text.find(quote)
    while found != -1:
        spans.append((found, found + len(quote)))
        found = text.find(quote, found + 1)
    if spans:
        return spans
    words = _INVISIBLE.sub("", quote).split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    match = pattern.search(text)
    while match is not None:
        spans.append(match.span())
        match = pattern.search(text, match.start() + 1)
    if spans or not (_TYPOGRAPHIC.search(text) or _TYPOGRAPHIC.search(quote)):
        return spans
    folded, at = _typography_folded(text)
    pattern = re.compile(r"\s+".join(re.escape(_typography_folded(word)[0]) for word in words))
    match = pattern.search(folded)
    while match is not None:
        spans.append((at[match.start()], at[match.end() - 1] + 1))
        match = pattern.search(folded, match.start() + 1)
    return spans


#: Typographic characters and the plain ones a reader (or autocorrect undone) writes for them.
_TYPOGRAPHY = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_TYPOGRAPHIC = re.compile("[" + "".join(_TYPOGRAPHY) + "]")


def _typography_folded(text: str) -> tuple[str, list[int]]:
    """``text`` with :data:`_TYPOGRAPHY` characters in their plain forms, and each folded character's position in ``text``.

    Examples
    --------
    >>> _typography_folded("a\u2026b\u2013")
    ('a...b-', [0, 1, 1, 1, 2, 3])
    """
    folded, at = [], []
    for index, char in enumerate(text):
        plain = _TYPOGRAPHY.get(char, char)
        folded.append(plain)
        at.extend([index] * len(plain))
    return "".join(folded), at


def _without_invisible(source: SourceText) -> SourceText:
    """``source`` with :data:`_INVISIBLE` characters left out of its text, its positions moved to match, and counted.

    Examples
    --------
    >>> source = SourceText("Tom: co\u00adproduction \u200b here", "txt", "utf-8", "", turns=[Turn(5, 25, "Tom")])
    >>> cleaned = _without_invisible(source)
    >>> cleaned.text, cleaned.text[cleaned.turns[0].start : cleaned.turns[0].end], cleaned.removed
    ('Tom: coproduction  here', 'coproduction  here', {'invisible characters (zero-width spaces, soft hyphens)': 2})
    """
    gone = [found.start() for found in _INVISIBLE.finditer(source.text)]
    if not gone:
        return source
    import bisect

    def moved(position: int) -> int:
        return position - bisect.bisect_left(gone, position)

    return _with_text(source, _INVISIBLE.sub("", source.text), moved, {"invisible characters (zero-width spaces, soft hyphens)": len(gone)})


def _with_text(source: SourceText, text: str, moved: Callable[[int], int], removed: dict[str, int]) -> SourceText:
    """``source`` with its text replaced by ``text``, every position it holds moved by ``moved``, and ``removed`` counted."""
    from dataclasses import replace

    return replace(
        source,
        text=text,
        turns=None if source.turns is None else [replace(turn, start=moved(turn.start), end=moved(turn.end)) for turn in source.turns],
        bold_labels=[(moved(line), moved(content), speaker) for line, content, speaker in source.bold_labels],
        heading_lines=[moved(line) for line in source.heading_lines],
        title_lines=[moved(line) for line in source.title_lines],
        paragraph_starts=None if source.paragraph_starts is None else [moved(start) for start in source.paragraph_starts],
        removed={**source.removed, **removed},
        marks=[mark if mark.start is None or mark.end is None else replace(mark, start=moved(mark.start), end=moved(mark.end)) for mark in source.marks],
        row_codes=[(moved(start), moved(end), code) for start, end, code in source.row_codes],
    )
