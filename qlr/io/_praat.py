"""Praat TextGrids (``.TextGrid``): interval tiers read as speakers' turns, with their times.

A TextGrid is what Praat saves for a recording's annotation, and what forced aligners
(Montreal Forced Aligner, WebMAUS, SPPAS) and many diarisation scripts (WhisperX or
pyannote to TextGrid) write: one interval tier per speaker, named after them, and often
word- and phone-level tiers that cut the same speech into pieces.

Praat writes two text layouts, the long one (``xmin = 0``, ``item [1]:``,
``intervals [1]:``) and the short one (the bare values), in UTF-8, in UTF-16 with a
byte-order mark (Praat's choice for any text outside Latin-1) or in Latin-1. Both are
one stream of values, as Praat itself reads them: numbers, texts in double quotes (a
doubled quote is a quote; a text may run over several lines), flags in angle brackets
(``<exists>``); the labels of the long layout (``xmin =``, ``item [1]:``) and comments
after ``!`` are skipped. The format is small, so it is read here rather than through a
library: the Python ones checked (praatio 6.2, textgrid 1.6, pympi-ling 1.71) fail on
Latin-1 files or on one of the layouts, cut a tier short without a word where a text
holds ``"IntervalTier"`` or ``item [``, and cannot say at which line a file is damaged.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .._decode import decode_bytes
from ..errors import DocumentFormatError, UnreadableFormatError
from ._qdpx_read import _listed
from ._readers import _ELAN_NOT_SPEECH, SourceText, _Cue, _cues_to_source, _name_words, _sha256
from ._segment import NAMED_AT_MOST

__all__ = ["read_textgrid", "WORD_TIER_PAUSE", "SILENCE_MARKS"]

#: Labels that mark silence, a pause or a noise rather than words, as aligners and transcribers write them
#: (lower-cased): MFA's and HTK's ``sil``/``sp``/``spn``, WebMAUS's ``<p:>``, SPPAS's ``#`` and ``+``, Kaldi's ``<eps>``.
SILENCE_MARKS = frozenset(
    {"sil", "<sil>", "sp", "<sp>", "spn", "<spn>", "#", "+", "<p:>", "<p>", "p:", "pau", "<pau>", "<eps>", "silence",
     "<silence>", "_", "<nib>", "<usb>"}
)
#: Seconds of pause (or more) between two words of a word-level tier that end an utterance: where a TextGrid has
#: only word-level tiers (a forced aligner's output), each speaker's words are joined into utterances at such pauses
#: before the speakers' utterances are put in time order.
WORD_TIER_PAUSE = 1.0
#: Tier names that say a tier holds pieces of the speech (words, phones, syllables), not utterances: MFA's
#: ``words``/``phones``, WebMAUS's ``ORT``/``KAN``/``MAU``/``MAS``, SPPAS's ``TokensAlign``/``PhonAlign``, the parts
#: of a syllable or foot of a prosodic annotation. Not ``segments``: Whisper's aligners name their utterances so.
_WORD_LEVEL = frozenset({"word", "words", "wrd", "ort", "token", "tokens", "tok", "toks", "tokensalign"})
_PHONE_LEVEL = frozenset(
    """phone phones phon phons phoneme phonemes phn pho mau kan mas syllable syllables syl syls phonalign syllalign
    phonetization phonetisation tonic vowel vowels foot feet onset rime rhyme nucleus coda mora morae""".split()
)
#: Tier names beside the translations, glosses and notes of ELAN's (``_ELAN_NOT_SPEECH``) that say a tier holds no
#: speech: SPPAS's speech/pause ``Activity`` and its ``MetaInformation``, a voice-activity tier, a tier of the
#: interview's topics, sections, tasks or questions (one interval over a stretch of talk), a pitch ``Ranges`` tier.
_NOT_SPEECH = _ELAN_NOT_SPEECH | frozenset(
    """activity meta metainformation metadata info vad noise noises topic topics section sections theme themes task
    tasks episode episodes question questions range ranges condition conditions""".split()
)
#: Tier names that say what the tier is, not who speaks in it: such a tier's turns name no speaker.
_NO_SPEAKER = frozenset(
    """phrase phrases utterance utterances utt sentence sentences transcription transcript trans text trn ipu ipus
    speech default tier words word turn turns segments tokenization tokenisation ortho orthography""".split()
)
#: A start or end a piece may stick out of the utterance it belongs to (aligners round to 10 ms frames).
_SLACK = 0.015
_HINT = "open the file in Praat and save it again with Save as text file (or Save as short text file)"

#: A text in quotes (a doubled quote inside), a flag, a comment from ``!`` to the line's end, a bare word, a lone quote.
_TOKEN = re.compile(r'"(?:[^"]|"")*"|<[^>\s]*>|![^\n]*|[^\s"!]+|"')
#: A long-layout label on a line of its own inside a text: the text before it was never closed.
_RUN_ON = re.compile(r"\n[ \t]*(?:xmin|xmax|text|number|mark|class|name) = |\n[ \t]*(?:intervals|points|item) \[\d+\]:")
#: A number as Praat reads one where a bare word starts with it: decimal or hexadecimal, maybe a fraction or a
#: percentage; what follows it up to a space (``2.8s``, ``0ignored``) is ignored, as Praat ignores it.
_NUMBER = re.compile(r"[-+]?(?:0[xX](?P<hex>[0-9a-fA-F]+)|(?P<dec>\d+\.?\d*(?:[eE][-+]?\d+)?))(?:/(?P<over>\d+)|(?P<percent>%))?")


def _number_of(token: str) -> float | None:
    """The number a bare word of a TextGrid starts with, or None (``xmin``, ``[1]:``, ``this10``).

    >>> [_number_of(word) for word in ("0", "-0.5s", "2e1ignored", "0x3", "1/2", "150%", "+1", "this10", "[1]:")]
    [0.0, -0.5, 20.0, 3.0, 0.5, 1.5, 1.0, None, None]
    """
    found = _NUMBER.match(token)
    if found is None:
        return None
    number = float(int(found["hex"], 16)) if found["hex"] else float(found["dec"])
    number = -number if token.startswith("-") else number
    if found["over"]:
        number = number / int(found["over"]) if int(found["over"]) else float("nan")
    return number / 100 if found["percent"] else number


@dataclass
class _Interval:
    start: float
    end: float
    text: str


@dataclass(eq=False)  # tiers are told apart by identity: two may be alike
class _Tier:
    name: str
    points: bool
    items: list[_Interval]
    line: int

    @cached_property
    def own_mark(self) -> str | None:
        """The tier's own silence mark: the one label more frequent than any other, on at least a quarter of 8 or more
        intervals, of one character that is no word (punctuation, a digit, an ASCII consonant: wav2textgrid's ``n``
        between a speaker's utterances); a one-letter word of a script with such words (네, 嗯, ん, "a") is none."""
        labels = Counter(item.text for item in self.items if item.text)
        top = labels.most_common(2)
        if not top or len(top[0][0]) != 1 or sum(labels.values()) < 8 or top[0][1] < sum(labels.values()) / 4:
            return None
        if len(top) > 1 and top[1][1] == top[0][1]:
            return None  # two labels as frequent: neither is the tier's mark
        char = top[0][0]
        return char if not char.isalpha() or (char.isascii() and char.lower() not in "aeiouy") else None

    @cached_property
    def said(self) -> list[_Interval]:
        """Intervals or points holding words, without silence marks (a text that is one, or such a mark in a text)."""
        marks = SILENCE_MARKS | {self.own_mark.lower()} if self.own_mark else SILENCE_MARKS
        said = []
        for item in self.items:
            text = " ".join(word for word in item.text.split() if word.isalpha() or word.lower() not in marks)
            if text and text.lower() not in marks:
                said.append(_Interval(item.start, item.end, text))
        return said


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


class _Values:
    """A TextGrid's numbers, texts and flags in order, each with its line, read as Praat reads them."""

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self.lines = [0] + [match.end() for match in re.finditer("\n", text)]
        self.last_line = text.rstrip().count("\n") + 1
        self.values: list[tuple[str, str, int]] = []  # kind ("number", "text", "flag"), value, line
        for match in _TOKEN.finditer(text):
            token = match.group()
            line = bisect.bisect_right(self.lines, match.start())
            if token.startswith('"'):
                if len(token) == 1:
                    raise DocumentFormatError(
                        "a text opened with a double quote is never closed", path=path, line=line, hint=f"check the quotes of that text (a quote inside a text is written twice); or {_HINT}"
                    )
                if _RUN_ON.search(token):
                    raise DocumentFormatError(
                        "a text runs on over the labels of the lines after it (xmin = …): its closing double quote is missing",
                        path=path,
                        line=line,
                        hint=f"end that text with a double quote (a quote inside a text is written twice); or {_HINT}",
                    )
                self.values.append(("text", token[1:-1].replace('""', '"'), line))
            elif token.startswith("<") and token.endswith(">"):
                self.values.append(("flag", token[1:-1], line))
            elif _number_of(token) is not None:
                self.values.append(("number", token, line))
            # anything else is a label of the long layout ("xmin", "=", "item", "[1]:") or a "!" comment
        self.at = 0

    def _take(self, kind: str, what: str) -> tuple[str, int]:
        if self.at >= len(self.values):
            raise DocumentFormatError(f"the file ends where {what} should follow: it is cut short", path=self.path, line=self.last_line, hint=f"find the whole file; or {_HINT}")
        found, value, line = self.values[self.at]
        if found != kind:
            shown = f'"{value[:40]}"' if found == "text" else f"<{value}>" if found == "flag" else value
            raise DocumentFormatError(f"{what} should be a {kind} here, not {shown}", path=self.path, line=line, hint=f"the file may have been edited by hand; {_HINT}")
        self.at += 1
        return value, line

    def number(self, what: str) -> float:
        value, line = self._take("number", what)
        number = _number_of(value)
        if number is None or number != number or number in (float("inf"), float("-inf")):
            raise DocumentFormatError(f"{what} is not a time ({value})", path=self.path, line=line, hint=_HINT)
        return number

    def count(self, what: str) -> int:
        value, line = self._take("number", what)
        number = _number_of(value)
        if number is None or number < 0 or number != int(number):
            raise DocumentFormatError(f"{what} should be a whole number, not {value}", path=self.path, line=line, hint=f"the file may have been edited by hand; {_HINT}")
        return int(number)

    def text(self, what: str) -> tuple[str, int]:
        return self._take("text", what)

    def flag(self, what: str) -> str:
        return self._take("flag", what)[0]


def _parse(text: str, path: Path) -> list[_Tier]:
    """The tiers of a TextGrid in the long or short text layout (Praat's grammar, either layout)."""
    values = _Values(text, path)
    first = values.values[0] if values.values else None
    if first is None or first[0] != "text" or not first[1].startswith("ooTextFile"):
        if first is not None and first[0] == "text" and "chronological" in first[1].lower():
            raise UnreadableFormatError("this is a Praat TextGrid in the chronological layout, which qlr does not read", path=path, line=first[2], hint=_HINT)
        raise UnreadableFormatError(
            'this is not a Praat TextGrid: a TextGrid text file starts with File type = "ooTextFile"',
            path=path,
            line=first[2] if first else 1,
            hint=f"check that this is the TextGrid you meant; if it opens in Praat, {_HINT}",
        )
    values.text("the file type")
    kind, line = values.text('the object class ("TextGrid")')
    if kind != "TextGrid":
        raise UnreadableFormatError(f"this Praat file holds a {kind}, not a TextGrid", path=path, line=line, hint="give qlr the TextGrid of the recording (in Praat: select it, then Save as text file)")
    values.number("the TextGrid's start time")
    values.number("the TextGrid's end time")
    if values.flag("<exists> or <absent> (whether there are tiers)") != "exists":
        return []
    tiers: list[_Tier] = []
    for number in range(1, values.count("the number of tiers") + 1):
        kind, line = values.text(f'tier {number}\'s class ("IntervalTier" or "TextTier")')
        if kind not in ("IntervalTier", "TextTier"):
            raise DocumentFormatError(f'tier {number} is a "{kind[:40]}", not an IntervalTier or TextTier', path=path, line=line, hint=_HINT)
        name = values.text(f"tier {number}'s name")[0]
        values.number(f"tier {number}'s start time")
        values.number(f"tier {number}'s end time")
        items: list[_Interval] = []
        points = kind == "TextTier"
        size = values.count(f"the number of {'points' if points else 'intervals'} of tier {number} ({name!r})")
        for item in range(1, size + 1):
            what = f"{'point' if points else 'interval'} {item} of tier {number} ({name!r})"
            start = values.number(f"the time of {what}" if points else f"the start of {what}")
            end = start if points else values.number(f"the end of {what}")
            items.append(_Interval(start, end, " ".join(values.text(f"the text of {what}")[0].split())))
        tiers.append(_Tier(name, points, items, line))
    if values.at < len(values.values):
        _, value, line = values.values[values.at]
        raise DocumentFormatError(
            f"the file goes on after its {len(tiers)} tier(s) ({value[:40]!r})", path=path, line=line, hint=f"the number of tiers at the top may be wrong; {_HINT}"
        )
    return tiers


def _level(name: str) -> str | None:
    """``"word"`` or ``"phone"`` where a tier's name says it holds pieces of the speech (``Ann - words``), else None."""
    words = _name_words(name) | {word.lower() for word in re.split(r"[\s_\-./]+", name) if word}
    if words & _PHONE_LEVEL:
        return "phone"
    if words & _WORD_LEVEL:
        return "word"
    return None


#: A tier name that is a speaker's name and what the tier holds (MFA's ``Ann - words``, ``IVR-turns``, ``Ann_utterances``).
_SPEAKER_SUFFIX = re.compile(r"(?P<who>.+?)\s*(?: - |-|_|:)\s*(?P<what>[A-Za-z]+)")


def _speaker(name: str) -> str | None:
    """Who speaks in a tier: its name, less an aligner's level suffix (``Ann - words`` → ``Ann``); None for ``words``."""
    name = " ".join(name.split())
    suffix = _SPEAKER_SUFFIX.fullmatch(name)
    if suffix and (_level(suffix["what"]) or suffix["what"].lower() in _NO_SPEAKER):
        name = suffix["who"]
    bare = name.lower().strip("0123456789 _-")
    return None if not bare or bare in _NO_SPEAKER or bare in _PHONE_LEVEL else name


def _pieces_of(tier: _Tier, other: _Tier) -> bool:
    """Whether ``tier`` cuts ``other``'s speech into pieces: more intervals, nearly all inside ``other``'s, nearly
    every one of ``other``'s cut into them (a listener's few backchannels inside a long turn are not), and ``other``
    holding their words (at least half their letters: a word holds its phones, a topic or a pitch range over three
    sentences does not)."""
    inner, outer = tier.said, other.said
    rank = {None: 0, "word": 1, "phone": 2}
    if len(inner) <= len(outer) or not outer or rank[_level(tier.name)] < rank[_level(other.name)]:  # words are no pieces of phones
        return False
    held: dict[int, int] = {}  # an interval of ``other`` -> the letters of ``tier``'s inside it
    inside = 0
    for item, at in zip(inner, _holders(inner, outer)):
        if at is not None:
            inside += 1
            held[at] = held.get(at, 0) + _letters(item.text)
    holding = sum(_letters(outer[at].text) >= 0.5 * letters for at, letters in held.items())
    return inside >= 0.8 * len(inner) and len(held) >= 0.8 * len(outer) and holding >= 0.8 * len(held)


def _holders(inner: list[_Interval], outer: list[_Interval]) -> list[int | None]:
    """For each of ``inner``, the index of the interval of ``outer`` (in time order) it lies inside, within
    :data:`_SLACK`, else None."""
    starts = [item.start for item in outer]
    holders: list[int | None] = []
    for item in inner:
        at = bisect.bisect_right(starts, item.start + _SLACK) - 1
        holders.append(at if at >= 0 and item.end <= outer[at].end + _SLACK else None)
    return holders


def _inside(tier: _Tier, other: _Tier) -> bool:
    """Whether at least half of ``tier``'s intervals with words lie inside ``other``'s."""
    return sum(at is not None for at in _holders(tier.said, other.said)) >= 0.5 * len(tier.said)


def _marks(tier: _Tier) -> bool:
    """Whether a tier only marks places: with one and the same character (``x``, ``T``), or with its own name (a turn
    tier that says ``KY25A`` wherever KY25A speaks): tags, not speech."""
    labels = {item.text.lower() for item in tier.said}
    if len(labels) != 1:
        return False
    label = labels.pop()
    return (len(tier.said) >= 2 and len(label) == 1) or label in {tier.name.lower(), (_speaker(tier.name) or "").lower()}


def _one_word_each(tier: _Tier) -> bool:
    said = tier.said
    return len(said) >= 10 and sum(len(item.text.split()) == 1 for item in said) >= 0.9 * len(said)


def _utterances(tier: _Tier) -> list[_Interval]:
    """A word-level tier's words joined into utterances, a pause of :data:`WORD_TIER_PAUSE` seconds or more ending one."""
    joined: list[_Interval] = []
    for item in tier.said:
        if joined and item.start - joined[-1].end < WORD_TIER_PAUSE:
            joined[-1] = _Interval(joined[-1].start, item.end, f"{joined[-1].text} {item.text}")
        else:
            joined.append(_Interval(item.start, item.end, item.text))
    return joined


def _shown(tiers: list[_Tier]) -> str:
    return _listed([repr(tier.name) for tier in tiers], NAMED_AT_MOST)


def _numbers_only(tier: _Tier) -> bool:
    """Whether a tier's labels are all numbers (an aligner's confidence scores, measures, ranges such as ``110-250``)."""
    return all(any(char.isdigit() for char in item.text) and not _letters(item.text) for item in tier.said)


def _same(tier: _Tier, other: _Tier) -> bool:
    return tier.points == other.points and [(i.start, i.end, i.text) for i in tier.items] == [(i.start, i.end, i.text) for i in other.items]


def read_textgrid(path: Path, data: bytes) -> SourceText:
    """A Praat TextGrid (``.TextGrid``), its interval tiers read as speakers' turns with their times.

    Each interval tier that holds words is a speaker's, named by the tier (an aligner's
    ``Ann - words`` is Ann's; a tier named only for what it holds, ``words`` or
    ``transcription``, names no one). Empty intervals and silence marks
    (:data:`SILENCE_MARKS`) are no words. Tiers that cut another tier's speech into
    pieces (more intervals, nearly all inside the other's, nearly all of the other's cut
    up: words and phones under utterances), tiers named as word- or phone-level
    (``words``, ``phones``, ``MAU``, ``ORT``) beside a transcription tier, tiers of
    translations, glosses, notes, topics or sections, tiers of numbers only (an aligner's
    confidence scores), a tier that repeats an earlier one interval for interval, and
    point tiers (``TextTier``) are not the transcription: left out and counted in
    ``removed``, as are the intervals holding only a tier's own silence mark (one
    character that is no word, on a quarter of its intervals: wav2textgrid's ``n``).
    A tier is pieces of another only where the other holds their words (at least half
    their letters): a topic tier over the talk is not an utterance tier. Where only word-level tiers
    hold the speech (a forced aligner's output), each speaker's words are joined into
    utterances, a pause of :data:`WORD_TIER_PAUSE` seconds ending one. The utterances of
    all speakers are put in time order and consecutive ones of one speaker merged into
    a turn, as subtitle cues are.

    Parameters
    ----------
    path : Path
        The file, for messages.
    data : bytes
        Its content: the long or short text layout, in UTF-8, UTF-16 with a byte-order
        mark or Latin-1.

    Returns
    -------
    SourceText
        ``Speaker: words`` per turn with ``turns`` (times in seconds) and ``removed``.

    Raises
    ------
    UnreadableFormatError
        A binary TextGrid, one in Praat's chronological layout, or a file that is not a TextGrid.
    DocumentFormatError
        A TextGrid damaged at some line (cut short, a value missing, a quote not closed).

    Examples
    --------
    >>> grid = b'''File type = "ooTextFile"
    ... Object class = "TextGrid"
    ... 0
    ... 4
    ... <exists>
    ... 2
    ... "IntervalTier"
    ... "Interviewer"
    ... 0
    ... 4
    ... 2
    ... 0
    ... 1.5
    ... "How did it start?"
    ... 1.5
    ... 4
    ... ""
    ... "IntervalTier"
    ... "Ann"
    ... 0
    ... 4
    ... 2
    ... 0
    ... 1.6
    ... "sil"
    ... 1.6
    ... 4
    ... "With a flood."
    ... '''
    >>> source = read_textgrid(Path("talk.TextGrid"), grid)
    >>> print(source.text)
    Interviewer: How did it start?
    <BLANKLINE>
    Ann: With a flood.
    >>> [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns]
    [('Interviewer', 0.0, 1.5), ('Ann', 1.6, 4.0)]
    """
    if data.lstrip().startswith(b"ooBinaryFile"):
        raise UnreadableFormatError(
            "this is a binary Praat TextGrid, which qlr does not read", path=path, line=1, hint="open it in Praat and save it with Save as text file; qlr reads that"
        )
    text, encoding = decode_bytes(data, path, declared="iso-8859-1")  # Praat writes ASCII, Latin-1, UTF-8 or UTF-16 with a mark
    tiers = _parse(text, path)
    said = [tier for tier in tiers if tier.said]
    repeats = [tier for at, tier in enumerate(said) if any(_same(tier, earlier) for earlier in said[:at])]
    speaking = [tier for tier in said if not tier.points and tier not in repeats]
    numbers = [tier for tier in speaking if _numbers_only(tier)]
    speaking = [tier for tier in speaking if tier not in numbers]
    notes = [tier for tier in speaking if (_name_words(tier.name) & _NOT_SPEECH and not _level(tier.name)) or _marks(tier)]
    speaking = [tier for tier in speaking if tier not in notes]
    pieces = [tier for tier in speaking if any(_pieces_of(tier, other) for other in speaking if other is not tier)]
    kept = [tier for tier in speaking if tier not in pieces]
    # A tier named as words or phones is pieces of a transcription tier whose speech it mostly lies in (even where
    # the aligner's times stray a little); without one (a forced aligner's output), its words are the speech.
    named = [tier for tier in kept if _level(tier.name)]
    pieces += [tier for tier in named if any(_inside(tier, other) for other in kept if not _level(other.name))]
    kept = [tier for tier in kept if tier not in pieces]
    if any(_level(tier.name) != "phone" for tier in kept):
        pieces += [tier for tier in kept if _level(tier.name) == "phone"]
        kept = [tier for tier in kept if _level(tier.name) != "phone"]
    timed: list[tuple[float, int, _Cue]] = []
    for tier in kept:
        speaker = _speaker(tier.name)
        for item in _utterances(tier) if _level(tier.name) == "word" or _one_word_each(tier) else tier.said:
            timed.append((item.start, len(timed), _Cue(item.start, item.end, speaker, item.text)))
    timed.sort(key=lambda piece: piece[:2])  # by time, in the file's order where times are equal
    source = _cues_to_source([cue for _, _, cue in timed], "textgrid", encoding, _sha256(data))
    pieces = [tier for tier in tiers if tier in pieces]  # in the file's order (as the other lists are)
    marked = [tier for tier in said if tier.points and tier not in repeats]
    for tiers_of, what in (
        (pieces, "Praat intervals on {} tier(s) of words or phones cut from the transcription ({})"),
        (notes, "Praat intervals on {} tier(s) of translations, glosses, notes, topics or marks ({})"),
        (numbers, "Praat intervals on {} tier(s) of numbers only, no speech (scores or measures: {})"),
        (repeats, "Praat intervals on {} tier(s) that repeat an earlier tier interval for interval ({})"),
        (marked, "Praat points on {} point tier(s) ({})"),
    ):
        if tiers_of:
            source.removed[what.format(len(tiers_of), _shown(tiers_of))] = sum(len(tier.said) for tier in tiers_of)
    own = [tier for tier in kept if tier.own_mark]
    if own:
        marks = ", ".join(sorted({repr(tier.own_mark) for tier in own}))
        source.removed[f"Praat intervals holding only their tier's own silence mark ({marks} on {_shown(own)})"] = sum(
            sum(item.text == tier.own_mark for item in tier.items) for tier in own
        )
    return source
