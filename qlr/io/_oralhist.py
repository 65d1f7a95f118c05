"""Oral-history and spoken-language XML: OHMS records and TEI transcriptions of speech.

``read_xml`` (in ``_readers``) parses an ``.xml`` once, safely, and hands its root here
when it is one of these:

- an OHMS record (the Louie B. Nunn Center's Oral History Metadata Synchronizer, root
  ``<ROOT>`` holding a ``<record>``): the interview's metadata, its ``<transcript>``
  (speaker labels in capitals, ``[[footnote]]`` marks and ``{00:12:34}`` time marks) or
  its ``<vtt_transcript>`` (WebVTT with ``<v NAME>`` voices, OHMS 2025), and an
  ``<index>`` of segments with titles, synopses and keywords;
- a TEI transcription of speech (TEI P5 chapter 8, ISO 24624:2016 as EXMARaLDA, ELAN
  and oral-history projects write it): ``<u who="#SPK0">`` utterances, the speakers in
  ``<particDesc>``/``<listPerson>``, times through ``<timeline>``.

Each becomes one document: a turn per utterance (``Speaker: words``), the roles the
file declares in ``SourceText.speakers`` (an interviewer named in the metadata, a
person whose ``role`` says so), the interview's date, and its title, accession and
interviewer's and interviewee's names in ``SourceText.columns`` (the document's row).  An OHMS index is
the archivist's summary, not anyone's words: it goes to the row's ``index`` column and
is counted in ``removed``, never into the text.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DocumentFormatError, UnreadableFormatError

__all__ = ["is_ohms", "is_spoken_tei", "ohms_source", "tei_source"]

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _local(tag: object) -> str:
    """An element's name without its namespace (``{http://www.tei-c.org/ns/1.0}u`` → ``u``)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == name]


def _first(element: Any, name: str) -> Any:
    return next((found for found in element.iter() if _local(found.tag) == name), None)


def _words(element: Any) -> str:
    """An element's text with its white space made single spaces ('' for none)."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _field(element: Any, name: str) -> str:
    return "; ".join(value for child in _children(element, name) if (value := _words(child)))


def is_ohms(root: Any) -> bool:
    """Whether a parsed XML root is an OHMS export: ``<ROOT>`` (in OHMS's namespace or none) holding a ``<record>``."""
    return _local(root.tag) == "ROOT" and any(_local(child.tag) == "record" for child in root)


def is_spoken_tei(root: Any) -> bool:
    """Whether a parsed XML root is a TEI document (``<TEI>``, ``<teiCorpus>``) or holds TEI's utterances (``<u who=…>``)."""
    return _local(root.tag) in ("TEI", "teiCorpus") or any(
        _local(element.tag) == "u" and element.get("who") for element in root.iter()
    )


# --------------------------------------------------------------------------- roles
#: Words of a role (a TEI person's ``role``, a ``<resp>``) that make a speaker the one who asks.
_ASKS = frozenset(
    {
        "interviewer",
        "interviewers",
        "int",
        "investigator",
        "researcher",
        "host",
        "moderator",
        "facilitator",
        "fieldworker",
        "questioner",
    }
)
#: Words of a role that make a speaker the one asked.
_ANSWERS = frozenset(
    {
        "interviewee",
        "interviewees",
        "narrator",
        "informant",
        "respondent",
        "participant",
        "guest",
        "speaker",
        "consultant",
        "subject",
        "chronicler",
    }
)


def _role_of(words: str) -> str | None:
    """``interviewer`` or ``participant`` for a role as an archive writes it, None for any other."""
    said = set(re.findall(r"[a-z]+", words.lower()))
    if said & _ASKS:
        return "interviewer"
    if said & _ANSWERS:
        return "participant"
    return None


def _name_keys(name: str) -> set[str]:
    """How a transcript may label a person named ``name``: the name, its surname, its initials (lower case).

    >>> sorted(_name_keys("David C. Brock"))
    ['brock', 'david c brock', 'david c. brock', 'db', 'dcb']
    >>> sorted(_name_keys("Moore, Gordon E."))
    ['gem', 'gm', 'gordon e moore', 'gordon e. moore', 'moore']
    """
    name = " ".join(name.split())
    if "," in name:  # "Surname, Given" as catalogues write it
        surname, _, given = name.partition(",")
        name = f"{given.strip()} {surname.strip()}"
    parts = [part for part in re.split(r"[\s]+", name) if part]
    if not parts:
        return set()
    bare = [part.strip(".") for part in parts if part.strip(".")]
    keys = {name.lower(), " ".join(bare).lower(), bare[-1].lower()}
    keys.add("".join(part[0] for part in bare).lower())
    keys.add((bare[0][0] + bare[-1][0]).lower())
    return keys


def _declared_roles(labels: set[str], interviewers: list[str], interviewees: list[str]) -> dict[str, str]:
    """Lower-case label → role, for the labels a record's interviewer and interviewee names account for."""
    asks = set().union(*(_name_keys(name) for name in interviewers)) if interviewers else set()
    answers = set().union(*(_name_keys(name) for name in interviewees)) if interviewees else set()
    roles: dict[str, str] = {}
    for label in labels:
        key = " ".join(label.lower().split())
        if key in asks and key not in answers:
            roles[key] = "interviewer"
        elif key in answers and key not in asks:
            roles[key] = "participant"
    return roles


def _people(value: str) -> list[str]:
    """The names in a metadata field holding one or more ("Ann Lee; Bo Chan", "Ann Lee and Bo Chan")."""
    return [name.strip() for name in re.split(r";|\band\b|&", value) if name.strip()]


def _iso_day(value: str | None, *, dayfirst: bool = True) -> date | None:
    from ._segment import find_date

    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return find_date(value, dayfirst=dayfirst)


# --------------------------------------------------------------------------- OHMS
#: A time mark OHMS's editor leaves in running text, ``{00:12:34}`` (the viewer takes them out, so do we).
_OHMS_TIME = re.compile(r"[ \t]*\{\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\}")
#: A reference to a note, ``[[footnote]]3[[/footnote]]``, and a link's address, ``[[link]]…[[/link]]``.
_OHMS_NOTE_MARK = re.compile(r"\[\[footnote\]\].*?\[\[/footnote\]\]", re.DOTALL)
_OHMS_LINK = re.compile(r"\[\[link\]\].*?\[\[/link\]\]", re.DOTALL)
#: The notes themselves, after the interview: ``[[footnotes]] [[note]]…[[/note]] … [[/footnotes]]``.
_OHMS_NOTES = re.compile(r"[ \t]*\[\[footnotes\]\].*?(?:\[\[/footnotes\]\]|\Z)", re.DOTALL)
#: A speaker label in an OHMS transcript as its viewer finds one: capitals at a paragraph's start, a colon.
_OHMS_LABEL = re.compile(r"^[ \t]*([A-Z][A-Z.'’ -]{0,40}?):", re.MULTILINE)
#: What OHMS writes where a record has no transcript.
_NO_TRANSCRIPT = re.compile(r"\s*(?:no transcript\.?)?\s*", re.IGNORECASE)


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _ohms_index(record: Any) -> list[str]:
    """The index's segments, one line each: ``[0:03:32] Title: synopsis (keywords: a; b)``."""
    lines = []
    for index in _children(record, "index"):
        for point in _children(index, "point"):
            try:
                start = _clock(float(_field(point, "time") or 0))
            except ValueError:
                start = _field(point, "time")
            line = f"[{start}] {_field(point, 'title') or '(untitled)'}"
            if synopsis := _field(point, "synopsis"):
                line += f": {synopsis}"
            if keywords := _field(point, "keywords"):
                line += (
                    f" (keywords: {'; '.join(word.strip() for word in keywords.split(';') if word.strip())})"
                )
            lines.append(line)
    return lines


def _vtt_line(data: bytes, name: bytes) -> int:
    """The file's line on which element ``name`` opens (1 where it cannot be found), so errors inside it point into the file."""
    found = data.find(b"<" + name)
    if found < 0:
        found = data.find(b":" + name)
    return data.count(b"\n", 0, found) + 1 if found >= 0 else 1


def ohms_source(root: Any, path: Path, data: bytes, digest: str) -> Any:
    """An OHMS record as one document: its transcript's turns, its metadata in the row, its index kept apart.

    The legacy ``<transcript>`` is read as OHMS's viewer reads it (entities the
    export escaped twice, ``&#039;``, read once more; ``{00:12:34}`` time marks,
    ``[[footnote]]`` marks and the ``[[footnotes]]`` block of notes left out and
    counted); its ``BROCK:`` labels are found by segmentation like any transcript's.
    A ``<vtt_transcript>`` (OHMS 2025) is read as WebVTT, each cue its voice's turn.
    Labels that the record's ``<interviewer>`` and ``<interviewee>`` names account
    for (the name, the surname, the initials) get their roles.
    """
    from ._readers import SourceText, _cues_to_source, _parse_vtt

    records = [child for child in root if _local(child.tag) == "record"]
    record = records[0]
    interviewers = _people(_field(record, "interviewer"))
    interviewees = _people(_field(record, "interviewee"))
    removed: dict[str, int] = {}
    vtt = "".join(
        next((element.itertext() for element in record.iter() if _local(element.tag) == "vtt_transcript"), [])
    )
    if vtt.strip():
        # Laid out so that the WebVTT's lines are the file's: messages about a cue name the file's line.
        # OHMS often leaves the WEBVTT header out; the header always takes the first line.
        first = _vtt_line(data, b"vtt_transcript")
        body = vtt[len("WEBVTT") :] if vtt.startswith("WEBVTT") else "\n" + vtt
        vtt = "WEBVTT" + "\n" * max(first - 2, 1) + body
        try:
            cues = _parse_vtt(vtt, path)
        except DocumentFormatError as exc:
            raise DocumentFormatError(
                f"the record's <vtt_transcript> is not WebVTT qlr reads: {exc.message}",
                path=path,
                line=exc.line or first,
                hint=f"{exc.hint.rstrip('.') + '; or ' if exc.hint else ''}check the transcript in OHMS and export the record again",
            ) from None
        source = _cues_to_source(cues, "ohms", "utf-8", digest)
        labels = {turn.speaker for turn in source.turns or [] if turn.speaker}
    else:
        held = _children(record, "transcript")
        text = "".join(held[0].itertext()) if held else ""
        # OHMS escapes the transcript's entities once more than XML does ("&#039;"): its viewer reads them once more.
        text = html.unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
        if _NO_TRANSCRIPT.fullmatch(text):
            text = ""
        notes = sum(found.group(0).count("[[note]]") or 1 for found in _OHMS_NOTES.finditer(text))
        text = _OHMS_NOTES.sub("", text)
        if notes:
            removed[
                "OHMS notes after the interview ([[footnotes]]: the archive's notes, not anyone's words)"
            ] = notes
        for pattern, kind in (
            (_OHMS_NOTE_MARK, "OHMS footnote marks in the text ([[footnote]]N[[/footnote]])"),
            (_OHMS_LINK, "OHMS link addresses in the text ([[link]]…[[/link]])"),
            (_OHMS_TIME, "OHMS time marks in the text ({00:12:34})"),
        ):
            text, count = pattern.subn("", text)
            if count:
                removed[kind] = count
        text = "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
        source = SourceText(text, "ohms", "utf-8", digest)
        labels = {found.group(1).strip() for found in _OHMS_LABEL.finditer(text)}
    source.speakers = _declared_roles(labels, interviewers, interviewees)
    written = record.find(next((child.tag for child in record if _local(child.tag) == "date"), "date"))
    # OHMS is an American tool: a date it writes with slashes ("3/4/1985") is month first.
    source.date = _iso_day(written.get("value") if written is not None else None) or _iso_day(
        _field(record, "date_nonpreferred_format"), dayfirst=False
    )
    columns = {
        "title": _field(record, "title"),
        "accession": _field(record, "accession"),
        "interviewer": "; ".join(interviewers),
        "interviewee": "; ".join(interviewees),
        "repository": _field(record, "repository"),
        "collection": _field(record, "collection_name") or _field(record, "series_name"),
    }
    index = _ohms_index(record)
    if index:
        columns["index"] = "\n".join(index)
        removed[
            "OHMS index segments (titles, synopses, keywords, partial transcripts: kept in the document's 'index' column, not read as anyone's words)"
        ] = len(index)
    source.columns = {key: value for key, value in columns.items() if value}
    source.removed = {**source.removed, **removed}
    if len(records) > 1:  # one interview a document: the others are said, never dropped in silence
        source.unread[
            f"further OHMS record(s) after the first ({', '.join(_field(other, 'title') or str(other.get('id')) for other in records[1:5])}"
            f"{' …' if len(records) > 5 else ''}; qlr reads one interview a file: export each record on its own)"
        ] = len(records) - 1
    return source


# --------------------------------------------------------------------------- TEI
#: Elements inside an utterance that are no one's words: descriptions of what happened (incidents,
#: noises, gestures), silences, time anchors, gaps, notes, and annotations beside the words.
_TEI_NOT_WORDS = frozenset(
    {
        "incident",
        "vocal",
        "kinesic",
        "pause",
        "anchor",
        "gap",
        "note",
        "spanGrp",
        "span",
        "desc",
        "shift",
        "writing",
        "timeline",
        "movement_desc",
    }
)
_TEI_KINDS = {
    "incident": "incidents",
    "vocal": "vocal noises",
    "kinesic": "gestures",
    "pause": "pauses",
    "gap": "gaps",
    "note": "notes",
    "spanGrp": "annotation groups (spanGrp)",
    "anchor": "time anchors",
}
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?…)\]])")
_SMIL_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")


def _utterance_words(element: Any, skipped: Counter[str], pieces: list[str]) -> None:
    for child in element:
        name = _local(child.tag)
        if name in _TEI_NOT_WORDS:
            skipped[name] += 1
            pieces.append(" ")  # it stood between words ("intanto<vocal/>salutare"): they stay two
        elif name == "w":
            pieces.append(" " + "".join(child.itertext()) + " ")
        elif name == "pc":
            pieces.append("".join(child.itertext()))
        else:
            if child.text:
                pieces.append(child.text)
            _utterance_words(child, skipped, pieces)
        if child.tail:
            pieces.append(child.tail)


def _spoken(u: Any, skipped: Counter[str]) -> str:
    pieces = [u.text or ""]
    _utterance_words(u, skipped, pieces)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join("".join(pieces).split()))


def _seconds(value: str | None) -> float | None:
    """A time as TEI, Transcriber and EXMARaLDA write one, or a table's time cell: seconds (``12.5``, ``12.5s``) or a
    clock (``00:01:02.5``, ``1:02:03,5``: the segmenter's one clock rule, :func:`._segment._clock_seconds`);
    None for no time (missing, not a number, ``nan``, ``inf``).

    >>> [_seconds(value) for value in ("12.5", "12.5s", "00:01:02.5", "1:02:03,5", "", None, "nan", "inf", "soon")]
    [12.5, 12.5, 62.5, 3723.5, None, None, None, None, None]
    """
    from ._segment import _clock_seconds

    if not value:
        return None
    value = value.strip().removesuffix("s").replace(",", ".")
    try:
        seconds = _clock_seconds(value) if _SMIL_CLOCK.match(value) else float(value)
    except ValueError:
        return None
    return seconds if seconds is not None and math.isfinite(seconds) else None


def _timeline(root: Any) -> dict[str, float]:
    """``<when xml:id interval since>`` points → seconds from the timeline's origin."""
    points = {when.get(_XML_ID) or when.get("id"): when for when in root.iter() if _local(when.tag) == "when"}
    times: dict[str, float] = {}

    def at(ident: str, seen: frozenset[str] = frozenset()) -> float | None:
        if ident in times:
            return times[ident]
        when = points.get(ident)
        if when is None or ident in seen:
            return None
        interval = _seconds(when.get("interval"))
        since = (when.get("since") or "").lstrip("#")
        if interval is None:
            found = 0.0 if not since else None  # the origin (an absolute clock time, or none): zero
        elif since and since != ident:
            base = at(since, seen | {ident})
            found = base + interval if base is not None else None
        else:
            found = interval
        if found is not None:
            times[ident] = found
        return found

    for ident in list(points):
        if ident:
            at(ident)
    return times


def _tei_people(root: Any) -> dict[str, tuple[str, str | None]]:
    """A TEI document's speakers: id → (the label their turns get, their role or None)."""
    people: dict[str, tuple[str, str | None]] = {}
    for person in root.iter():
        if _local(person.tag) != "person":
            continue
        ident = person.get(_XML_ID) or person.get("id")
        if not ident:
            continue
        abbr = _first(person, "abbr")
        name = _first(person, "persName")
        label = person.get("n") or _words(abbr) or _words(name) or ident
        if name is not None and "," in _words(name) and not person.get("n") and abbr is None:
            surname, _, given = _words(name).partition(",")
            label = f"{given.strip()} {surname.strip()}".strip()
        role = _role_of(
            " ".join(
                filter(None, [person.get("role"), _words(_first(person, "roleName")), person.get("ana")])
            )
        )
        people[ident] = (label, role)
    return people


def _responsible(root: Any) -> tuple[list[str], list[str]]:
    """Names a header gives as interviewers and as interviewees (``<respStmt><resp>interviewer</resp><name>``)."""
    asks: list[str] = []
    answers: list[str] = []
    for statement in root.iter():
        if _local(statement.tag) != "respStmt":
            continue
        role = _role_of(_field(statement, "resp"))
        names = [
            name
            for kind in ("name", "persName")
            for child in _children(statement, kind)
            for name in re.split(r"[,;]", _words(child))
            if name.strip()
        ]
        (asks if role == "interviewer" else answers if role == "participant" else []).extend(
            name.strip() for name in names
        )
    return asks, answers


def _tei_date(header: Any) -> date | None:
    """The interview's date from a TEI header: the recording's or setting's, else the creation's or the source's (not the file's publication)."""
    if header is None:
        return None
    for place in (
        "recording",
        "recordingStmt",
        "setting",
        "settingDesc",
        "creation",
        "broadcast",
        "sourceDesc",
    ):
        for holder in (element for element in header.iter() if _local(element.tag) == place):
            for found in (element for element in holder.iter() if _local(element.tag) == "date"):
                for value in (found.get("when"), found.get("when-iso"), found.get("from"), _words(found)):
                    if day := _iso_day(value):
                        return day
    return None


#: Elements of written text in a TEI document's ``<text>``; outside an utterance they are words of no one's turn.
_TEI_WRITTEN = frozenset({"p", "ab", "head", "note", "item", "l", "quote", "trailer"})


def _written_outside_utterances(root: Any) -> int:
    """How many outermost written elements (:data:`_TEI_WRITTEN`) with words lie in the ``<text>`` outside every ``<u>``."""
    count = 0

    def walk(element: Any) -> None:
        nonlocal count
        for child in element:
            name = _local(child.tag)
            if name in ("u", "teiHeader", "timeline", "spanGrp"):
                continue
            if name in _TEI_WRITTEN and _words(child):
                count += 1
                continue
            walk(child)

    for text in (element for element in root.iter() if _local(element.tag) == "text"):
        walk(text)
        break
    return count


def tei_source(root: Any, path: Path, digest: str) -> Any:
    """A TEI transcription of speech as one document: a turn per ``<u>``, its speaker the person ``who`` names.

    The words are the utterance's text (``<w>`` and ``<pc>`` tokens joined as written,
    ``<seg>`` and ``<del>`` read as words); incidents, vocal noises, gestures, pauses,
    gaps, anchors and the annotations in ``<spanGrp>`` are no one's words: left out and
    counted.  A turn's time comes from its ``start`` (or its ``annotationBlock``'s, or
    the first ``<anchor synch>``) through the ``<timeline>``, or a ``time`` or
    ``smil:begin`` in seconds or as a clock.  A person's ``role`` (or a header's
    ``<respStmt>``) saying interviewer, host or moderator makes them the interviewer.
    """
    from ._readers import _Cue, _cues_to_source

    # A corpus of several TEI documents is several interviews, each with its own people ("#S1" in each):
    # read as one, one's speakers would take the other's names. The first is read, the others said.
    inner = [child for child in root if _local(child.tag) == "TEI"] if _local(root.tag) == "teiCorpus" else []
    further = [_words(_first(_first(tei, "titleStmt"), "title")) if _first(tei, "titleStmt") is not None else "" for tei in inner[1:]]
    if len(inner) > 1:
        root = inner[0]
    header = _first(root, "teiHeader")
    people = _tei_people(root)
    asks, answers = _responsible(header) if header is not None else ([], [])
    when = _timeline(root)
    skipped: Counter[str] = Counter()
    cues: list[Any] = []
    roles: dict[str, str] = {}
    parents = {child: parent for parent in root.iter() for child in parent}
    utterances = [element for element in root.iter() if _local(element.tag) == "u"]
    if not utterances:
        raise UnreadableFormatError(
            "this TEI document holds no utterance (<u>), so it is not a transcription of speech",
            path=path,
            hint="qlr reads TEI transcriptions of speech (<u who=…> turns); save a written TEI text as .txt, .docx or .pdf",
        )
    for u in utterances:
        block = parents.get(u)
        block = block if block is not None and _local(block.tag) == "annotationBlock" else None
        who = (u.get("who") or (block.get("who") if block is not None else None) or "").strip()
        # ``who`` points at a person ("#SPK0"; several, space-separated, for a chorus: the first speaks here);
        # some corpora write the speaker's name itself ("Ann Lee"), spaces and all.
        first = who.split()[0].lstrip("#") if who else ""
        ident = first if who.startswith("#") or first in people else who
        # An utterance that names no speaker is no one's known turn (""), not more words of the turn before it.
        label, role = people.get(ident, (ident or "", None))
        if label and (given := u.get("role")) and role is None:
            role = _role_of(given)
        if label and role:
            roles.setdefault(label.lower(), role)
        start_ref = u.get("start") or (block.get("start") if block is not None else None)
        end_ref = u.get("end") or (block.get("end") if block is not None else None)
        anchor = next(
            (
                element.get("synch")
                for element in u.iter()
                if _local(element.tag) == "anchor" and element.get("synch")
            ),
            None,
        )
        smil = next(
            (
                element.get("{http://www.w3.org/2001/SMIL20/Language}begin")
                for element in u.iter()
                if element.get("{http://www.w3.org/2001/SMIL20/Language}begin")
            ),
            None,
        )
        start = when.get((start_ref or anchor or "").lstrip("#")) if (start_ref or anchor) else None
        if start is None:
            start = _seconds(u.get("time") or smil)
        end = when.get((end_ref or "").lstrip("#")) if end_ref else None
        words = _spoken(u, skipped)
        if words:
            cues.append(_Cue(start, end if end is not None else start, label, words))
    source = _cues_to_source(cues, "tei", "utf-8", digest)
    labels = {turn.speaker for turn in source.turns or [] if turn.speaker}
    declared = _declared_roles(labels, asks, answers)
    source.speakers = {**declared, **roles}
    source.date = _tei_date(header)
    interviewers = asks or [label for label, role in people.values() if role == "interviewer"]
    interviewees = answers or [label for label, role in people.values() if role == "participant"]
    columns = {
        "title": _words(_first(_first(header, "titleStmt"), "title"))
        if header is not None and _first(header, "titleStmt") is not None
        else "",
        "accession": next(
            (
                _words(element)
                for element in (header.iter() if header is not None else [])
                if _local(element.tag) == "idno"
            ),
            "",
        ),
        "interviewer": "; ".join(dict.fromkeys(interviewers)),
        "interviewee": "; ".join(dict.fromkeys(interviewees)),
    }
    source.columns = {key: value for key, value in columns.items() if value}
    if further:
        shown = ", ".join(title or "untitled" for title in further[:4]) + (" …" if len(further) > 4 else "")
        source.unread[
            f"further TEI document(s) in the teiCorpus after the first ({shown}; qlr reads one interview a file: save each TEI document on its own)"
        ] = len(further)
    if outside := _written_outside_utterances(root):
        source.unread["TEI paragraphs, headings or notes outside every utterance (<p>, <head>, <note> in the text: no one's turn)"] = outside
    inside = {name: count for name, count in skipped.items() if name in _TEI_KINDS}
    if inside:
        shown = ", ".join(
            f"{count} {_TEI_KINDS[name]}" for name, count in sorted(inside.items(), key=lambda item: -item[1])
        )
        source.removed[f"TEI marks inside utterances that are no one's words ({shown})"] = sum(
            inside.values()
        )
    return source


# --------------------------------------------------------------------------- question and answer
def _asked_or_answered(element: Any) -> str | None:
    """``"interviewer"`` for an element named "question" in some language, ``"participant"`` for "answer", else None."""
    from ._segment import ANSWER_WORDS, QUESTION_WORDS

    name = _local(element.tag).lower()
    return "interviewer" if name in QUESTION_WORDS else "participant" if name in ANSWER_WORDS else None


#: Elements that hold a paragraph: each begins a line of the turn, so two paragraphs do not run together.
_PARAGRAPHS = frozenset({"p", "para", "paragraph"})


def _paragraphs(element: Any) -> str:
    """An element's words, a line per paragraph (``<p>``) it holds, white space within a line made single spaces.

    Examples
    --------
    >>> from xml.etree.ElementTree import fromstring
    >>> _paragraphs(fromstring("<answer><p>We moved to <place>Leeds</place>.</p><p>Then   back.</p></answer>"))
    'We moved to Leeds.\\nThen back.'
    """
    parts: list[str] = []

    def add(inner: Any) -> None:
        parts.append(re.sub(r"\s+", " ", inner.text or ""))  # a line break in the markup is a space
        for child in inner:
            block = _local(child.tag).lower() in _PARAGRAPHS
            parts.append("\n" if block else "")
            add(child)
            parts.append(("\n" if block else "") + re.sub(r"\s+", " ", child.tail or ""))

    add(element)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


def is_question_answer(root: Any) -> bool:
    """Whether an XML document is an interview marked up as question and answer elements.

    A project's own markup (the Museu da Pessoa's ``<pergunta>``/``<resposta>``, a ``<question>``
    over an ``<answer>``) names no speaker but says who asks: at least two elements of each.

    Examples
    --------
    >>> from xml.etree.ElementTree import fromstring
    >>> is_question_answer(fromstring("<talk><frage>Wo?</frage><antwort>Hier.</antwort><frage>Wann?</frage><antwort>Jetzt.</antwort></talk>"))
    True
    >>> is_question_answer(fromstring("<faq><question>Why?</question><answer>Because.</answer></faq>"))
    False
    """
    sides = Counter(side for element in root.iter() if (side := _asked_or_answered(element)))
    return sides["interviewer"] >= 2 and sides["participant"] >= 2


def question_answer_source(root: Any, digest: str) -> Any:
    """An interview marked up as question and answer elements, a turn per element, in the file's order.

    Each question is a turn of the interviewer and each answer of the participant, labelled by the
    element's own name ("Pergunta", "Resposta"), so ``speakers:`` can rename them; what an element
    holds (a ``<p>``, a place marked ``<ref>``) is its words. Words outside every question and answer
    (a ``<nota>`` between them) are no one's turn: counted as left unread. An element's attributes (an
    episode's title) are not words.
    """
    from ._readers import _Cue, _cues_to_source

    cues: list[Any] = []
    roles: dict[str, str] = {}
    outside = 0

    def walk(element: Any) -> None:
        nonlocal outside
        for child in element:
            side = _asked_or_answered(child)
            if side is None:
                outside += bool((child.text or "").strip()) + bool((child.tail or "").strip())
                walk(child)
                continue
            outside += bool((child.tail or "").strip())
            label = _local(child.tag).capitalize()
            roles.setdefault(label.lower(), side)
            if words := _paragraphs(child):
                cues.append(_Cue(None, None, label, words))

    outside += bool((root.text or "").strip())
    walk(root)
    source = _cues_to_source(cues, "xml", "utf-8", digest, merge=False)
    source.speakers = roles
    if outside:
        source.unread["piece(s) of text outside every question and answer element (no one's turn)"] = outside
    return source
