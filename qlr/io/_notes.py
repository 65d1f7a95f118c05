"""Notes kept in note-taking apps and exported from them: Evernote (``.enex``), Google Keep
(Takeout's JSON per note), Day One (its JSON export) and Joplin (a note exported raw).

One export may hold many notes, each with its own date.  Every reader here turns its notes
into :class:`_Note` and :func:`notes_source` writes them all one way: each note a Markdown
heading with its date, time and title (``## 2024-03-12 10:05 UTC · Visit to the allotment``)
over its words, so the dated-entry segmentation (``_segment.segment_entries``) makes each note
one dated entry of the observer, and nothing the app keeps beside the words (tags, labels,
ENML markup, attachments, weather, ids) is read as the writer's words.  What is left out is
counted in the load notes; notes with no date and notes in the bin are named in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .._decode import decode_bytes
from .._warned import warn
from .._words import first_few
from ..errors import DocumentFormatError, InferenceWarning
from ._readers import _XML_DECLARATION, SourceText, _html_lines, _sha256, markdown_links

__all__ = ["read_enex", "keep_note", "day_one_entries", "notes_from_json", "notes_source"]


@dataclass
class _Note:
    """One note of an export: its title, when it was written, its lines of words, and each line's opening of a paragraph."""

    title: str
    when: datetime | None
    lines: list[str]
    opens: list[bool] = field(default_factory=list)
    #: Whether ``when`` is in UTC (Evernote's and Keep's stamps) rather than the writer's local time (Day One's).
    utc: bool = True


def _heading(note: _Note) -> str:
    """The heading a note is written under: its date and time (then its title), or its title alone."""
    title = " ".join(note.title.split())
    if note.when is None:
        return f"## {title}" if title else "##"
    stamp = note.when.strftime("%Y-%m-%d %H:%M") + (" UTC" if note.utc else "")
    return f"## {stamp} · {title}" if title else f"## {stamp}"


def notes_source(notes: list[_Note], path: Path, fmt: str, encoding: str | None, data: bytes, *, removed: dict[str, int], unread: dict[str, int] | None = None, app: str) -> SourceText:
    """The stored text of an export's notes: each under a heading with its date, in the export's order.

    A note with no date at all cannot open an entry of its own: its words go with the note
    before it, and a warning names such notes.  The document's date is its note's where the
    export holds one note.
    """
    parts: list[str] = []
    headings: list[int] = []
    offset = 0
    for note in notes:
        block = [_heading(note)]
        for line, opening in zip(note.lines, note.opens or [True] * len(note.lines)):
            if opening and len(block) > 1:
                block.append("")
            block.append(line)
        text = "\n".join(block)
        headings.append(offset)
        parts.append(text)
        offset += len(text) + 2
    undated = [note.title or "(untitled)" for note in notes if note.when is None]
    if undated:
        shown = first_few((repr(title) for title in undated), shown=5)
        warn(
            f"{path}: {len(undated)} of {len(notes)} {app} note(s) have no date ({shown}): each is read with the note before it, "
            "not as a dated entry of its own. Fix: give the note a date in the app and export it again, or save it as its own file",
            InferenceWarning,
        )
    source = SourceText("\n\n".join(parts), fmt, encoding, _sha256(data), removed={kind: count for kind, count in removed.items() if count}, unread={kind: count for kind, count in (unread or {}).items() if count})
    source.title_lines = headings
    if len(notes) == 1 and notes[0].when is not None:
        source.date = notes[0].when.date()
    return source


# ------------------------------------------------------------------ Evernote
#: Evernote's time stamps: "20181006T084414Z" (UTC).
_ENEX_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?")


def _enex_time(value: str | None) -> datetime | None:
    found = _ENEX_TIME.fullmatch((value or "").strip())
    if found is None:
        return None
    try:
        return datetime(*map(int, found.groups()), tzinfo=timezone.utc)  # type: ignore[misc]
    except ValueError:
        return None


def read_enex(path: Path, data: bytes) -> SourceText:
    """An Evernote export (``.enex``): every note in it, each a dated entry.

    The export is read with defusedxml (entity declarations and external references
    refused); each note's ENML content with lxml's HTML parser, as a web page is read (a line
    per block, ``<br>`` a line break), which fetches nothing.  A note's date is its
    ``<created>`` (else ``<updated>``) stamp, in UTC as Evernote writes it.  Left out of the
    words, and counted: tags, attachments (``<en-media>``), the boxes of to-do lists (their
    items are kept), encrypted passages (``<en-crypt>``, unreadable: said in a warning).
    """
    import lxml.etree
    import lxml.html

    from ._xml import parse_untrusted_xml

    hint = "export the notebook from Evernote again (File > Export Notes, as .enex), or copy the notes into a .docx or .txt"
    root = parse_untrusted_xml(data, path, error=DocumentFormatError, unsafe_hint=hint, malformed_hint=hint)
    if root.tag not in ("en-export", "en-note"):
        raise DocumentFormatError(f"this is not an Evernote export: its root element is <{root.tag}>, not <en-export>", path=path, hint=hint)
    notes: list[_Note] = []
    removed = {"tags of Evernote notes (not words of the notes)": 0, "attachments of Evernote notes (images, files)": 0, "to-do boxes of Evernote checklists (their items kept)": 0}
    unread = {"encrypted passages of Evernote notes (en-crypt)": 0, "Evernote notes whose content is not readable ENML": 0}
    parser = lxml.html.HTMLParser(huge_tree=True, no_network=True)
    # A note's ENML saved alone (<en-note>, as Evernote's API gives it) is one note with no title or date.
    for element in root.iter("note") if root.tag == "en-export" else [None]:
        title = (element.findtext("title") or "").strip() if element is not None else ""
        when = _enex_time(element.findtext("created")) or _enex_time(element.findtext("updated")) if element is not None else None
        if element is not None:
            removed["tags of Evernote notes (not words of the notes)"] += len(element.findall("tag"))
            removed["attachments of Evernote notes (images, files)"] += len(element.findall("resource"))
        content = (element.findtext("content") or "") if element is not None else decode_bytes(data, path)[0]
        lines: list[str] = []
        opens: list[bool] = []
        if content.strip():
            try:
                page = lxml.html.document_fromstring(_XML_DECLARATION.sub("", content, count=1), parser=parser)
            except (lxml.etree.ParserError, ValueError):
                unread["Evernote notes whose content is not readable ENML"] += 1
                page = None
            if page is not None:
                for crypt in list(page.iter("en-crypt")):
                    unread["encrypted passages of Evernote notes (en-crypt)"] += 1
                    crypt.drop_tree()
                removed["to-do boxes of Evernote checklists (their items kept)"] += sum(1 for _ in page.iter("en-todo"))
                lines, opens = _html_lines(page, blocks_open=False)
        notes.append(_Note(title, when, lines, opens))
    if not notes:
        raise DocumentFormatError("the Evernote export holds no note", path=path, hint=hint)
    return notes_source(notes, path, "enex", "utf-8", data, removed=removed, unread=unread, app="Evernote")


# ------------------------------------------------------------------ JSON exports: Google Keep, Day One
def notes_from_json(payload: object, path: Path, data: bytes, encoding: str | None) -> SourceText | None:
    """A note app's JSON export read as notes (Google Keep's note, Day One's journal), or ``None`` for other JSON."""
    if isinstance(payload, dict) and ("textContent" in payload or "listContent" in payload) and ("createdTimestampUsec" in payload or "userEditedTimestampUsec" in payload):
        return keep_note(payload, path, data, encoding)
    entries = payload.get("entries") if isinstance(payload, dict) else None
    if isinstance(entries, list) and entries and all(isinstance(entry, dict) and "creationDate" in entry for entry in entries):
        return day_one_entries(entries, path, data, encoding)
    return None


def _usec(value: object) -> datetime | None:
    """Keep's time stamps: microseconds since 1970 in UTC, a number or its digits."""
    try:
        return datetime.fromtimestamp(int(value) / 1_000_000, tz=timezone.utc)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text_lines(text: str) -> tuple[list[str], list[bool]]:
    """A note's plain text as lines, each after a blank line opening a paragraph."""
    lines: list[str] = []
    opens: list[bool] = []
    opening = True
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            opening = True
            continue
        lines.append(line.rstrip())
        opens.append(opening)
        opening = False
    return lines, opens


def keep_note(payload: dict, path: Path, data: bytes, encoding: str | None) -> SourceText:  # type: ignore[type-arg]
    """A Google Keep note from Takeout (its ``.json``): its title, its text or list items, dated by ``createdTimestampUsec``.

    Labels, attachments, colour and links Keep found are left out of the words and counted; a
    note in Keep's bin (``isTrashed``) keeps its words but is said in a warning, as the writer
    threw it away.
    """
    title = payload.get("title") if isinstance(payload.get("title"), str) else ""
    when = _usec(payload.get("createdTimestampUsec")) or _usec(payload.get("userEditedTimestampUsec"))
    items = payload.get("listContent") if isinstance(payload.get("listContent"), list) else []
    if items:
        lines = [" ".join(str(item.get("text", "")).split()) for item in items if isinstance(item, dict) and str(item.get("text", "")).strip()]
        opens = [True] + [False] * (len(lines) - 1) if lines else []
    else:
        lines, opens = _text_lines(payload.get("textContent") if isinstance(payload.get("textContent"), str) else "")
    removed = {
        "labels of the Keep note (not its words)": len(payload.get("labels") or []),
        "attachments of the Keep note (images, drawings, recordings)": len(payload.get("attachments") or []),
        "check boxes of the Keep list (its items kept)": len(items),
        "web links Keep attached to the note": len(payload.get("annotations") or []),
    }
    if payload.get("isTrashed") is True:
        warn(f"{path}: the Keep note {title or '(untitled)'!r} is in Keep's bin (isTrashed): it is read, but its writer threw it away. Fix: leave the file out of the study if it should not count", InferenceWarning)
    return notes_source([_Note(title, when, lines, opens)], path, "json", encoding, data, removed=removed, app="Google Keep")


#: Day One's Markdown: a picture or file it keeps ("![](dayone-moment://…)"), and its escapes of punctuation ("\.").
_DAY_ONE_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/*[^)\s]*\)")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def day_one_entries(entries: list, path: Path, data: bytes, encoding: str | None) -> SourceText:  # type: ignore[type-arg]
    """Day One's JSON export: every entry a dated note, at its ``creationDate`` in the entry's own ``timeZone``.

    The entry's text is Day One's Markdown: its pictures and files (``dayone-moment://``) are left
    out and counted, its links read as their words (``_readers.markdown_links``), its escapes (``\\.``) read as the characters; tags, place, weather and the
    device are not words of the entry.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    notes: list[_Note] = []
    removed = {"tags of Day One entries (not their words)": 0, "pictures and files in Day One entries": 0}
    for entry in entries:
        text = entry.get("text") if isinstance(entry.get("text"), str) else ""
        text, moments = _DAY_ONE_MOMENT.subn("", text)
        removed["pictures and files in Day One entries"] += moments
        text, links = markdown_links(text)  # the links and pictures of its Markdown, as a Markdown file's
        for kind, count in links.items():
            removed[kind] = removed.get(kind, 0) + count
        removed["tags of Day One entries (not their words)"] += len(entry.get("tags") or [])
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
        when = _iso_time(entry.get("creationDate"))
        local = False
        if when is not None and isinstance(entry.get("timeZone"), str):
            try:
                when, local = when.astimezone(ZoneInfo(entry["timeZone"])), True
            except (ZoneInfoNotFoundError, ValueError):
                pass
        # An entry's first line ("# Visit to Tom") is the title Day One shows, but the writer's words: it stays in the entry.
        lines, opens = _text_lines(text)
        notes.append(_Note("", when, lines, opens, utc=not local))
    return notes_source(notes, path, "json", encoding, data, removed=removed, app="Day One")


def _iso_time(value: object) -> datetime | None:
    """An ISO 8601 time ("2024-08-03T15:37:30Z"), in UTC where it gives no zone."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)
