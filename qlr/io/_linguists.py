"""Linguists' transcription files: Transcriber (``.trs``) and EXMARaLDA (``.exb``, ``.exs``).

Both are XML written by a transcription tool, read here as an interview: a turn of
``Speaker: words`` per stretch of one person's talk, with its times, as ELAN's ``.eaf``
and CHAT's ``.cha`` are read in :mod:`._readers` (whose :func:`._readers._cues_to_source`
lays the turns out).  What the tools keep beside the words (Transcriber's events,
comments, background marks and section topics; EXMARaLDA's annotation and description
tiers) is no one's words: left out of the text and counted in ``SourceText.removed``.

- Transcriber (``<Trans>``, ``trans-14.dtd``): ``<Speakers>`` names each ``spkN``; a
  ``<Turn speaker="spk1">`` holds the words, cut by ``<Sync time=…>`` marks; a turn of two
  speakers (``speaker="spk1 spk2"``, an overlap) gives each part after ``<Who nb="N"/>``
  to the N-th; a turn with no speaker is no one's.  ``version_date`` is the day the
  transcription was saved, not the interview's: it dates nothing.
- EXMARaLDA's basic transcription (``<basic-transcription>``): ``<speakertable>`` names
  each speaker (its abbreviation), ``<common-timeline>`` orders the points events start
  and end at (times may be missing: the order is the timeline's), and each speaker's
  transcription tier (``type="t"``, category ``v`` where there are several) gives the
  words.  Events that follow each other with no gap are one contribution (EXMARaLDA's
  own "speaker contribution"), their texts joined as written; contributions are ordered
  by where they start, and one speaker's in a row make one turn.
- EXMARaLDA's segmented transcription (``<segmented-transcription>``, ``.exs``): the same,
  each transcription tier's first segmentation (``SpeakerContribution_Event``) giving the
  contributions.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .._decode import decode_bytes
from ..errors import DocumentFormatError, QlrError, UnreadableFormatError
from ._oralhist import _role_of, _seconds
from ._qdpx_read import _listed
from ._readers import SourceText, _Cue, _cues_to_source, _sha256
from ._segment import NAMED_AT_MOST
from ._xml import parse_untrusted_xml

__all__ = ["read_trs", "read_exmaralda", "trs_source", "exmaralda_source"]

#: The encoding an XML declaration names (``<?xml version="1.0" encoding="ISO-8859-1"?>``).
_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]{0,40})["']""")

_TRS_HINT = "check that this is a Transcriber file (.trs) saved by Transcriber; or export its transcription as text with the speaker's name before each turn (Name: …)"
_EXB_HINT = "check that this is an EXMARaLDA transcription saved by the Partitur-Editor; or export it from EXMARaLDA as text or as an ELAN file (.eaf)"


def _declared_encoding(data: bytes) -> str:
    found = _DECLARED.match(data[:200])
    return found.group(1).decode("ascii").lower() if found else "utf-8"


#: What ``removed`` says of a file that declares Latin-1 but is UTF-8 (re-saved by another tool, its declaration kept).
_UTF8_DESPITE = "XML declaration of {} ignored: the file is UTF-8 (saved again by another tool?), read as UTF-8"


def _as_written(data: bytes, path: Path) -> tuple[bytes, str, str | None]:
    """The bytes to parse, their encoding and, where the declaration was wrong, what ``removed`` says of it.

    A file that declares ISO-8859-1 or Windows-1252 but whose bytes are UTF-8 with characters beyond ASCII (as
    :func:`.._decode.decode_bytes` tells them: UTF-8 first, then the declared encoding) is read as UTF-8, its
    declaration rewritten: read as declared, each accented letter would become two (``Ã©`` for ``é``).

    >>> data = '<?xml version="1.0" encoding="ISO-8859-1"?><Trans>é</Trans>'.encode()
    >>> _as_written(data, Path("a.trs"))[1:]
    ('utf-8', 'XML declaration of iso-8859-1 ignored: the file is UTF-8 (saved again by another tool?), read as UTF-8')
    >>> _as_written('<?xml version="1.0" encoding="ISO-8859-1"?><Trans>é</Trans>'.encode("latin-1"), Path("b.trs"))[1:]
    ('iso-8859-1', None)
    """
    declared = _declared_encoding(data)
    try:
        latin = codecs.lookup(declared).name in ("iso8859-1", "cp1252")
    except LookupError:
        latin = False
    if not latin or data.isascii():
        return data, declared, None
    try:
        _, found = decode_bytes(data, path, declared=declared)
    except QlrError:
        return data, declared, None  # bytes decode_bytes refuses: the XML parser says what is wrong
    if not found.startswith("utf-8"):
        return data, declared, None
    found = _DECLARED.match(data)
    assert found is not None  # a declared encoding was found above
    utf8 = data[: found.start(1)] + b"UTF-8" + data[found.end(1) :]
    return utf8, "utf-8", _UTF8_DESPITE.format(declared)


def _parse(path: Path, data: bytes, hint: str) -> Any:
    return parse_untrusted_xml(data, path, error=DocumentFormatError, unsafe_hint=hint, malformed_hint=hint)


def _labels(people: list[tuple[str, str]]) -> dict[str, str]:
    """Speaker id -> the label its turns carry: its name, or, where two share one, the name and the id."""
    count = Counter(name.lower() for _, name in people)
    return {ident: name if count[name.lower()] == 1 else f"{name} ({ident})" for ident, name in people}


def _shown(counts: Counter[str]) -> str:
    return _listed([f"{count} {name}" for name, count in counts.most_common()], NAMED_AT_MOST)


# --------------------------------------------------------------------------- Transcriber
def _say(pieces: list[list[Any]], time: float | None, who: str, text: str | None) -> None:
    """Add ``text`` to the words ``who`` says since the Sync at ``time`` (a new piece where the speaker changes)."""
    if text and text.strip():
        if pieces and pieces[-1][1] == who and pieces[-1][0] == time:
            pieces[-1][2] += text
        else:
            pieces.append([time, who, text])


def read_trs(path: Path, data: bytes) -> SourceText:
    """A Transcriber file (``.trs``), each turn's words its speaker's, with their times.

    The speakers are ``<Speakers>``' names (a name two speakers share takes the id too:
    ``Ann (spk2)``).  A ``<Turn>``'s words are its speaker's, with the time of the
    ``<Sync>`` before them; in a turn of several speakers (an overlap), the words after
    ``<Who nb="N"/>`` are the N-th speaker's.  A turn with no speaker is no one's.
    Consecutive turns of one speaker make one turn, as cues do.  Events (noises,
    pronunciation, language and entity marks), vocal noises, comments, background marks
    and section topics are no one's words: left out and counted in ``removed``.
    Transcriber's own marks in the words (``%hum``, ``[nontrans]``, ``:fra``) stay as
    written.  The XML is parsed with defusedxml (entity declarations and external
    references refused); the encoding is the one its declaration names (Transcriber
    writes ISO-8859-1 as often as UTF-8), unless the bytes are UTF-8 all the same (a
    file saved again by another tool, its declaration kept): then UTF-8, said in
    ``removed``.

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

    Raises
    ------
    DocumentFormatError
        XML that is not well-formed (naming the line), or unsafe.
    UnreadableFormatError
        XML whose root is not ``<Trans>``.

    Examples
    --------
    >>> trs = b'''<?xml version="1.0" encoding="ISO-8859-1"?>
    ... <!DOCTYPE Trans SYSTEM "trans-14.dtd">
    ... <Trans audio_filename="mill" version_date="990101"><Speakers>
    ... <Speaker id="spk1" name="Interviewer"/><Speaker id="spk2" name="Ren\\xe9e"/></Speakers>
    ... <Episode><Section type="report" startTime="0" endTime="9">
    ... <Turn speaker="spk1" startTime="0" endTime="4"><Sync time="0"/>When did the mill close?</Turn>
    ... <Turn speaker="spk2" startTime="4" endTime="9"><Sync time="4"/>In the spring.
    ... <Event desc="rire" type="noise" extent="instantaneous"/></Turn></Section></Episode></Trans>'''
    >>> source = read_trs(Path("mill.trs"), trs)
    >>> print(source.text)
    Interviewer: When did the mill close?
    <BLANKLINE>
    Renée: In the spring.
    >>> [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns], source.encoding
    ([('Interviewer', 0.0, 4.0), ('Renée', 4.0, 9.0)], 'iso-8859-1')
    >>> source.removed
    {'Transcriber events, no one’s words (1 noise)': 1}
    """
    parsed, encoding, note = _as_written(data, path)
    source = trs_source(_parse(path, parsed, _TRS_HINT), path, encoding, _sha256(data))
    if note:
        source.removed[note] = 1
    return source


def trs_source(root: Any, path: Path, encoding: str | None, digest: str) -> SourceText:
    """A parsed Transcriber root (``<Trans>``) as a :class:`._readers.SourceText` (see :func:`read_trs`)."""
    if root.tag != "Trans":
        raise UnreadableFormatError(f"this XML is not a Transcriber transcription (its root is <{str(root.tag)[:40]}>, not <Trans>)", path=path, hint=_TRS_HINT)
    labels = _labels([(ident, (speaker.get("name") or "").strip() or ident) for speaker in root.iter("Speaker") if (ident := speaker.get("id"))])
    cues: list[_Cue] = []
    events: Counter[str] = Counter()
    comments = backgrounds = topics = 0
    for section in root.iter("Section"):
        topics += bool(section.get("topic"))
    for turn in root.iter("Turn"):
        speakers = [labels.get(ident, ident) for ident in (turn.get("speaker") or "").split()]
        who = speakers[0] if speakers else ""  # "" is no one's: _cues_to_source never joins it to the turn before
        time = _seconds(turn.get("startTime"))
        pieces: list[list[Any]] = []  # [start, speaker, words] since the last Sync, ended at the next
        _say(pieces, time, who, turn.text)
        for mark in turn:
            if mark.tag == "Sync":
                cues.extend(_Cue(start, _seconds(mark.get("time")), speaker, " ".join(words.split())) for start, speaker, words in pieces)
                pieces = []
                time = _seconds(mark.get("time"))
            elif mark.tag == "Who":
                number = (mark.get("nb") or "").strip()
                who = speakers[int(number) - 1] if number.isdigit() and 1 <= int(number) <= len(speakers) else who
            elif mark.tag in ("Event", "Vocal"):
                events[mark.get("type") or ("vocal" if mark.tag == "Vocal" else "noise")] += 1
            elif mark.tag == "Comment":
                comments += 1
            elif mark.tag == "Background":
                backgrounds += 1
            else:
                events[f"<{mark.tag}>"] += 1
            _say(pieces, time, who, mark.tail)
        end = _seconds(turn.get("endTime"))
        cues.extend(_Cue(start, end, speaker, " ".join(words.split())) for start, speaker, words in pieces)
    source = _cues_to_source(cues, "trs", encoding, digest)
    if events:
        source.removed[f"Transcriber events, no one’s words ({_shown(events)})"] = sum(events.values())
    if comments:
        source.removed["Transcriber comments (<Comment>), the transcriber’s notes"] = comments
    if backgrounds:
        source.removed["Transcriber background marks (<Background>: music, noise behind the speech)"] = backgrounds
    if topics:
        source.removed["Transcriber section topics (<Section topic>), headings no one says"] = topics
    return source


# --------------------------------------------------------------------------- EXMARaLDA
_EXMARALDA_ROOTS = {"basic-transcription": "exb", "segmented-transcription": "exs"}


def read_exmaralda(path: Path, data: bytes) -> SourceText:
    """An EXMARaLDA transcription (``.exb`` basic, ``.exs`` segmented), its transcription tiers read as turns.

    Each speaker of ``<speakertable>`` (named by its abbreviation, else its id) speaks on
    its transcription tier (``type="t"``; where a speaker has several, the verbal one,
    category ``v``, else the fullest).  A run of its events with no gap between them is
    one contribution, as EXMARaLDA segments speaker contributions: the events' texts
    joined as written (``"this is a "`` + ``"test"``), with the time of the timeline point
    it starts at and the one it ends at (a point without a time gives none: the order is
    the timeline's all the same).  Contributions are ordered by where they start, and one
    speaker's in a row make one turn.  Annotation and description tiers (``type="a"``,
    ``"d"``: parts of speech, translations, non-verbal behaviour), transcription tiers of
    no speaker beside speakers' ones, and a segmented transcription's annotations are not
    the transcription: left out and counted in ``removed``, tier by tier.  A file whose
    transcription tiers have no speaker is read as no one's words (its fullest verbal
    tier).  In INEL's and HZSK's corpora (Nganasan, Dolgan, Selkup), whose one
    transcription tier ``tx`` holds everyone's words token by token under one speaker,
    each speaker's utterances are read from their ``ts`` tier (category ``ts``, type ``d``
    or ``a``), and ``tx`` is counted with the other tiers.  The transcription's name is
    the document's title.

    Parameters
    ----------
    path : Path
        The file, for messages.
    data : bytes
        Its content.

    Returns
    -------
    SourceText
        ``Speaker: words`` per turn with ``turns``, ``removed`` and ``columns`` (``title``).

    Raises
    ------
    DocumentFormatError
        XML that is not well-formed (naming the line), or unsafe.
    UnreadableFormatError
        XML that is not an EXMARaLDA transcription, or one with no transcription tier.

    Examples
    --------
    >>> exb = b'''<basic-transcription><head><meta-information><transcription-name>Ferry</transcription-name>
    ... </meta-information><speakertable><speaker id="SPK0"><abbreviation>INT</abbreviation></speaker>
    ... <speaker id="SPK1"><abbreviation>OLA</abbreviation></speaker></speakertable></head>
    ... <basic-body><common-timeline><tli id="T0" time="0.0"/><tli id="T1"/><tli id="T2" time="3.5"/>
    ... <tli id="T3" time="6.0"/></common-timeline>
    ... <tier id="TIE0" speaker="SPK0" category="v" type="t"><event start="T0" end="T1">When did the </event>
    ... <event start="T1" end="T2">ferry stop?</event></tier>
    ... <tier id="TIE1" speaker="SPK1" category="v" type="t"><event start="T2" end="T3">In May.</event></tier>
    ... <tier id="TIE2" speaker="SPK1" category="en" type="d" display-name="OLA [en]">
    ... <event start="T2" end="T3">In May.</event></tier></basic-body></basic-transcription>'''
    >>> source = read_exmaralda(Path("ferry.exb"), exb)
    >>> print(source.text)
    INT: When did the ferry stop?
    <BLANKLINE>
    OLA: In May.
    >>> [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns], source.columns
    ([('INT', 0.0, 3.5), ('OLA', 3.5, 6.0)], {'title': 'Ferry'})
    >>> source.removed
    {'EXMARaLDA events on 1 tier(s) that are not the transcription (annotations, descriptions, translations: OLA [en])': 1}
    """
    parsed, encoding, note = _as_written(data, path)
    source = exmaralda_source(_parse(path, parsed, _EXB_HINT), path, encoding, _sha256(data))
    if note:
        source.removed[note] = 1
    return source


def _own_text(element: Any) -> str:
    """An event's words as written: its text and its children's, user-defined information (``<ud-information>``) aside.

    Walked with a stack, not by recursion: an event nested thousands of elements deep is read like any other.

    >>> from xml.etree.ElementTree import fromstring
    >>> _own_text(fromstring('<event>so <b>we <i>left</i></b><ud-information>x</ud-information> early</event>'))
    'so we left early'
    """
    pieces: list[str] = []
    stack: list[Any] = [element]  # elements to open, and strings (a closed element's tail) to write as they come
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        pieces.append(item.text or "")
        for child in reversed(item):
            stack.append(child.tail or "")
            if child.tag not in ("ud-information", "ud-tier-information"):
                stack.append(child)
    return "".join(pieces)


def _positions(root: Any) -> tuple[dict[str | None, float], dict[str | None, float | None]]:
    """Each timeline point's place in the common timeline (a segmented tier's forked points between their fork's ends) and time."""
    places: dict[str | None, float] = {}
    times: dict[str | None, float | None] = {}
    timeline = root.find(".//common-timeline")
    for index, point in enumerate(timeline.iter("tli") if timeline is not None else []):
        places[point.get("id")] = float(index)
        times[point.get("id")] = _seconds(point.get("time"))
    for fork in root.iter("timeline-fork"):
        start = places.get(fork.get("start"), float("inf"))
        points = list(fork.iter("tli"))
        for number, point in enumerate(points, 1):
            places.setdefault(point.get("id"), start + number / (len(points) + 1))
            times.setdefault(point.get("id"), _seconds(point.get("time")))
    return places, times


def _tier_name(tier: Any, labels: dict[str, str]) -> str:
    speaker = labels.get(tier.get("speaker") or "", "")
    return (tier.get("display-name") or "").strip() or f"{speaker} [{tier.get('category') or tier.get('type') or '?'}]".strip()


def _pieces(tier: Any, segmented: bool) -> list[Any]:
    """The elements holding a tier's words: a basic tier's events, a segmented tier's first segmentation's top pieces."""
    if not segmented:
        return list(tier.iter("event"))
    segmentations = tier.findall("segmentation")
    chosen = next((found for found in segmentations if found.get("name") == "SpeakerContribution_Event"), segmentations[0] if segmentations else None)
    return list(chosen) if chosen is not None else []


def exmaralda_source(root: Any, path: Path, encoding: str | None, digest: str) -> SourceText:
    """A parsed EXMARaLDA root as a :class:`._readers.SourceText` (see :func:`read_exmaralda`)."""
    fmt = _EXMARALDA_ROOTS.get(root.tag)
    if fmt is None:
        raise UnreadableFormatError(
            f"this XML is not an EXMARaLDA transcription (its root is <{str(root.tag)[:40]}>, not <basic-transcription> or <segmented-transcription>)",
            path=path,
            hint=_EXB_HINT,
        )
    segmented = fmt == "exs"
    people = root.findall("./head/speakertable/speaker")
    labels = _labels([(ident, (person.findtext("abbreviation") or "").strip() or ident) for person in people if (ident := person.get("id"))])
    roles: dict[str, str] = {}
    for person in people:  # a user-defined "role" the speaker table gives ("Interviewer")
        for information in person.iter("ud-information"):
            if "role" in (information.get("attribute-name") or "").lower() and (role := _role_of(information.text or "")):
                roles[labels.get(person.get("id") or "", "").lower()] = role
    tiers = list(root.iter("segmented-tier" if segmented else "tier"))
    # Each tier's pieces holding words, counted once: the choices below ask several times.
    counted = {id(tier): sum(bool(_own_text(piece).strip()) for piece in _pieces(tier, segmented)) for tier in tiers}

    def words(tier: Any) -> int:
        return counted[id(tier)]

    def best(candidates: list[Any]) -> Any:
        verbal = [tier for tier in candidates if (tier.get("category") or "").lower() in ("v", "verbal")]
        return max(verbal or candidates, key=words)  # the first of the fullest

    transcription = [tier for tier in tiers if tier.get("type") == "t" and words(tier)]
    # INEL's and HZSK's corpora: each speaker's utterances on a "ts" tier (type d or a), one "tx" tier of everyone's
    # words, token by token under one speaker: the "ts" tiers are the transcription.
    sentences = [tier for tier in tiers if (tier.get("category") or "").lower() == "ts" and words(tier)]
    if sentences and transcription and all((tier.get("category") or "").lower() == "tx" for tier in transcription):
        transcription = sentences
    by_speaker: dict[str, list[Any]] = {}
    for tier in transcription:
        if tier.get("speaker"):
            by_speaker.setdefault(tier.get("speaker"), []).append(tier)
    chosen = [best(found) for found in by_speaker.values()] if by_speaker else [best(transcription)] if transcription else []
    if not chosen:
        raise UnreadableFormatError(
            "this EXMARaLDA transcription has no transcription tier (type 't') with words",
            path=path,
            hint="transcribe into a speaker's verbal tier in the Partitur-Editor, or check the tiers' types (Tier > Tier properties)",
        )
    places, times = _positions(root)
    contributions: list[tuple[float, int, Any]] = []
    for order, tier in enumerate(chosen):
        speaker = labels.get(tier.get("speaker") or "", tier.get("speaker") or "")
        runs: list[list[Any]] = []  # [start id, end id, text]
        pieces = sorted(_pieces(tier, segmented), key=lambda piece: places.get(piece.get("start"), float("inf")))
        texts = [_own_text(piece) for piece in pieces]
        # Events hold text as written, a word's space in the event before ("this is a " + "test"); a tier of
        # tokens ("Im", "Text", "wird") writes none: where most events that follow each other touch with no
        # space, they are words, a space between each.
        touching = [(a, b) for a, b, piece, after in zip(texts, texts[1:], pieces, pieces[1:]) if a.strip() and b.strip() and piece.get("end") == after.get("start")]
        glue = " " if touching and 2 * sum(not a[-1].isspace() and not b[0].isspace() for a, b in touching) > len(touching) else ""
        for piece, text in zip(pieces, texts):
            if runs and piece.get("start") == runs[-1][1]:
                runs[-1][1:] = [piece.get("end"), runs[-1][2] + glue + text]
            else:
                runs.append([piece.get("start"), piece.get("end"), text])
        for start, end, text in runs:
            said = " ".join(text.split())
            if said:
                contributions.append((places.get(start, float("inf")), order, _Cue(times.get(start), times.get(end), speaker, said)))
    contributions.sort(key=lambda contribution: contribution[:2])
    source = _cues_to_source([cue for _, _, cue in contributions], fmt, encoding, digest)
    source.speakers = roles
    title = " ".join((root.findtext("./head/meta-information/transcription-name") or "").split())
    if title:
        source.columns = {"title": title}
    kept = {id(tier) for tier in chosen}
    others = [(_tier_name(tier, labels), count) for tier in tiers if id(tier) not in kept and (count := words(tier))]
    if segmented:  # a segmented tier's annotations (<annotation name="en">) of its words
        others += [
            (f"{_tier_name(tier, labels)} {annotation.get('name') or ''}".strip(), count)
            for tier in chosen
            for annotation in tier.findall("annotation")
            if (count := sum(bool(_own_text(ta).strip()) for ta in annotation))
        ]
    if others:
        shown = _listed([name for name, _ in others], NAMED_AT_MOST)
        source.removed[f"EXMARaLDA events on {len(others)} tier(s) that are not the transcription (annotations, descriptions, translations: {shown})"] = sum(
            count for _, count in others
        )
    return source
