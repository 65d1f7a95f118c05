"""Names made from other names: ASCII ids for codebooks, codes and file names."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

#: Latin letters that Unicode decomposition does not reduce to ASCII, written as they are
#: usually transliterated.  Letters with a diacritic (ö, é, ł's cousins ń, ż) need no entry:
#: NFKD folds them to their base letter.
_LETTERS = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ø": "o", "Ø": "O",
        "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "þ": "th", "Þ": "TH",
        "ħ": "h", "Ħ": "H", "ı": "i", "ŧ": "t", "Ŧ": "T",
        "ŋ": "ng", "Ŋ": "NG",
    }
)  # fmt: skip


def ascii_fold(name: str) -> str:
    """``name`` in ASCII: letters transliterated as :func:`slug` does them, case kept, anything else left out.

    Examples
    --------
    >>> ascii_fold("Größe café Ærø 支援")
    'Grosse cafe AEro '
    """
    return unicodedata.normalize("NFKD", name.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")


def slug(name: str) -> str:
    """An ASCII id from a name: Latin letters transliterated, other characters to "_".

    Letters with a diacritic lose it (Unicode NFKD: "Oltás" → "oltas", "Größe"
    → "grosse", "Jürgen" → "jurgen"; an umlaut is folded to its letter, not
    written "oe"/"ue", so ids made from accented names stay as they were).
    Letters that do not decompose are transliterated: ß → ss, æ → ae,
    œ → oe, ø → o, ł → l, đ and ð → d, þ → th (also ħ, ı, ŧ, ŋ).  Names in
    ASCII give the id they always gave.  A name with no ASCII letter or digit
    left (another script only) gets a stable id from its hash; an empty name
    gives ``"codebook"``.

    Two names may give one id ("Strasse" and "Straße"); the readers of
    codebooks and projects then give the later code an id of its own
    (``strasse_2``) and say so.

    Examples
    --------
    >>> slug("Oltás & Peer support"), slug("Größe"), slug("Ærø"), slug("Łódź"), slug("Þórr")
    ('oltas_peer_support', 'grosse', 'aero', 'lodz', 'thorr')
    >>> slug("支援")[:5], slug("")
    ('code_', 'codebook')
    """
    text = re.sub(r"[^a-z0-9]+", "_", ascii_fold(name).lower()).strip("_")
    if not text and name.strip():
        text = "code_" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return text or "codebook"


#: Characters no file name may hold on one of the systems a deposit is opened on (Windows refuses all of them; macOS
#: shows ":" as "/"), and control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def file_stem(name: str) -> str:
    """``name`` as a file's name on every system: each character Windows or macOS refuses (``<>:"/\\|?*``) as ``_``,
    trailing dots and spaces left out; any other character kept ("yf:P01 Interview 1 (anonymised)" is
    ``yf_P01 Interview 1 (anonymised)``).

    Examples
    --------
    >>> file_stem("ftc:FAM01_W1_INT"), file_stem("P01 Interview 1 (anonymised)"), file_stem("a/b?. ")
    ('ftc_FAM01_W1_INT', 'P01 Interview 1 (anonymised)', 'a_b_')
    """
    return _NOT_IN_FILE_NAMES.sub("_", name).rstrip(". ") or "_"


def middle_cut(text: str, width: int) -> str:
    """``text`` with its middle left out for "…" where it is longer than ``width`` characters: both ends tell long
    labels apart (a nested code's id or path starts with its theme and ends with its own name).

    Examples
    --------
    >>> middle_cut("attituderoots.2_distrust.financial_interests", 24)
    'attituderoo…al_interests'
    >>> middle_cut("Media", 24)
    'Media'

    Counted in letters as drawn: a letter typed as base + accent (as some tools save it) is one, and no cut splits a
    letter from its accent or an emoji sequence ("👩‍👩‍👧", a skin tone) apart.

    >>> middle_cut("E\u0301szlelt fogékonysa\u0301g – Perceived Susceptibility", 24)
    'Észlelt fog…sceptibility'
    """
    composed = unicodedata.normalize("NFC", text)
    if len(composed) <= width:
        return text
    head = (width - 1) // 2
    tail = len(composed) - (width - 1 - head)
    while 0 < head < len(composed) and _joined(composed, head):
        head -= 1  # the whole letter or emoji goes to the tail's side of the cut, and is left out
    while 0 < tail < len(composed) and _joined(composed, tail):
        tail += 1
    return composed[:head] + "…" + composed[tail:]


#: Characters that join the one before them into one drawn character: zero-width joiner, variation selectors, the
#: emoji skin tones (combining accents are found by :func:`unicodedata.combining`).
_JOINING = {"\u200d", "\ufe0e", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}


def _joined(text: str, at: int) -> bool:
    """Whether a cut before ``text[at]`` would split one drawn character (a letter and its accent, an emoji sequence)."""
    return text[at] in _JOINING or unicodedata.combining(text[at]) > 0 or text[at - 1] == "\u200d"


def told_apart(labels: list[str], width: int) -> list[str]:
    """Each of ``labels`` cut in the middle to ``width`` (:func:`middle_cut`), a little wider where two would be cut
    alike, until they differ: the same label given twice stays the same. Where they differ deep in the middle (long
    paths alike but for one step), widening would give back the whole names; instead each shows, between two cuts,
    where it parts from the other (:func:`_around`), and only where that fails too are they whole.

    Examples
    --------
    >>> told_apart(["Barriers / political / distrust of politicians", "Barriers / practical / distrust of politicians"], 20)
    ['Barriers / po…of politicians', 'Barriers / pr…of politicians']
    >>> start, end = "Barriers to vaccine uptake / " * 3, " / distrust of the state" * 3
    >>> told_apart([start + "political" + end, start + "practical" + end], 40)
    ['Barriers …ke / political / di… the state', 'Barriers …ke / practical / di… the state']
    """
    widths = {text: width for text in labels}
    cut = {text: middle_cut(text, width) for text in widths}
    for _ in range(_WIDER):
        alike = _alike(cut)
        if not alike:
            return [cut[text] for text in labels]
        for text in alike:
            widths[text] += 2
            cut[text] = middle_cut(text, widths[text])
    composed = {text: unicodedata.normalize("NFC", text) for text in widths}
    for texts in _alike_groups(cut):
        for text in texts:
            parts = max(len(os.path.commonprefix([composed[text], composed[other]])) for other in texts if other != text)
            cut[text] = _around(composed[text], parts, width) or cut[text]
    for text in _alike(cut):  # still alike: whole
        cut[text] = text
    return [cut[text] for text in labels]


#: How many times :func:`told_apart` widens two labels cut alike (by 2 characters) before it cuts around where they part.
_WIDER = 8


def _alike_groups(cut: dict[str, str]) -> list[list[str]]:
    """The labels (keys) cut alike (values) though they differ, grouped by what they are cut to."""
    seen: dict[str, list[str]] = {}
    for text, short in cut.items():
        seen.setdefault(short, []).append(text)
    return [texts for texts in seen.values() if len(texts) > 1]


def _alike(cut: dict[str, str]) -> set[str]:
    return {text for texts in _alike_groups(cut) for text in texts if cut[text] != text}


def _around(text: str, parts: int, width: int) -> str | None:
    """``text`` to ``width`` characters as its start, "…", the stretch where it parts from another label (at ``parts``),
    "…", its end; None where that stretch is not in the middle (widening tells those apart)."""
    room = width - 2
    head, window = room // 4, room // 2
    start = max(head + 1, parts - window // 3)
    end, tail = start + window, len(text) - (room - head - window)
    if end >= tail:
        return None
    while 0 < head and _joined(text, head):
        head -= 1
    while start < end and _joined(text, start):
        start += 1
    while end > start and end < len(text) and _joined(text, end):
        end -= 1
    while tail < len(text) and _joined(text, tail):
        tail += 1
    return text[:head] + "…" + text[start:end] + "…" + text[tail:]
