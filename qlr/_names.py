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


def display_width(text: str) -> int:
    """How many columns ``text`` takes as a terminal prints it or an axis draws it, letter by letter as drawn: a letter
    with its accents one, a CJK character or an emoji (however many code points it joins) two, a joiner alone none.

    What every label fitted to a width is measured by (:func:`middle_cut`, a printed table's columns, a figure's room
    for its labels): counted in code points, "認知的脆弱性" was six where it takes twelve, and "👩‍👩‍👧" five.

    Examples
    --------
    >>> display_width("Coping"), display_width("認知的脆弱性"), display_width("👩‍👩‍👧"), display_width("E\u0301va")
    (6, 12, 2, 3)
    """
    return sum(_cluster_width(cluster) for cluster in _clusters(text))


def _clusters(text: str) -> list[str]:
    """``text``'s letters as drawn (grapheme clusters), composed first (a base and its accent typed apart are one)."""
    import regex

    return regex.findall(r"\X", unicodedata.normalize("NFC", text))


def _cluster_width(cluster: str) -> int:
    """Columns one drawn letter takes: two for East Asian wide or full-width (CJK, most emoji) or an emoji shown as
    one (a variation selector 16) or a flag (two regional indicators, "🇬🇧"), none for joiners and marks alone, else
    one."""
    if unicodedata.east_asian_width(cluster[0]) in ("W", "F") or "\ufe0f" in cluster or "\U0001f1e6" <= cluster[0] <= "\U0001f1ff":
        return 2
    if all(unicodedata.category(ch) in ("Mn", "Me", "Cf") for ch in cluster):
        return 0
    return 1


def middle_cut(text: str, width: int) -> str:
    """``text`` with its middle left out for "…" where it is wider than ``width`` columns (:func:`display_width`: a
    CJK character or an emoji two): both ends tell long labels apart (a nested code's id or path starts with its theme
    and ends with its own name).

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

    A CJK character takes two columns, so fewer of them fit: the cut is as wide on screen as a Latin name's.

    >>> middle_cut("知覚された感受性 – 認知的脆弱性と社会的孤立", 24)
    '知覚された…と社会的孤立'
    """
    clusters = _clusters(text)
    widths = [_cluster_width(cluster) for cluster in clusters]
    if sum(widths) <= width:
        return text
    head_room = (width - 1) // 2
    tail_room = width - 1 - head_room
    head = tail = used = 0
    while head < len(clusters) and used + widths[head] <= head_room:
        used += widths[head]
        head += 1
    used = 0
    while tail < len(clusters) - head and used + widths[-1 - tail] <= tail_room:
        used += widths[-1 - tail]
        tail += 1
    return "".join(clusters[:head]) + "…" + "".join(clusters[len(clusters) - tail :])


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
