"""Selection positions in ``.qdpx`` projects: the conventions tools use, and choosing one per source.

The standard says Unicode code points from 0, but tools differ: NVivo counts
UTF-16 code units (a character outside the Basic Multilingual Plane counts
twice), ATLAS.ti counts a CRLF line break as one, and a byte-order mark may or
may not count.  :class:`_Offsets` maps a position in any convention to an offset
in the stored text (LF line ends); :func:`_place` chooses one convention per
source and places its selections by it.  Selections whose name is their text
(NVivo, most ATLAS.ti quotations) are the evidence: the convention under which
most of them match wins.  A name that is not the text (qc writes ``line:N``;
ATLAS.ti users rename quotations) is no evidence, and such a selection is placed
by its source's convention; a source none of whose selections carries its text
follows the standard (code points) unless under another convention more of them
lie inside the text, or as many and more start and end on word boundaries (NVivo
writes empty names, and its UTF-16 positions show by landing on words).

The maps keep only the positions of CRLF pairs and of astral characters (sorted
arrays) and answer each position with a binary search, so building them is
linear in the text and a source with 150,000 Windows line ends costs
milliseconds, not minutes (``benchmarks/bench_qdpx.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .._decode import normalise_newlines
from .._words import first_few

__all__ = ["CONVENTIONS", "UNITS", "astral_halves", "outside_label", "outside_text"]

#: The position conventions tried, the standard's first (it wins ties).
CONVENTIONS = ("code points", "code points, CRLF as one", "utf-16", "utf-16, CRLF as one")


#: What each convention counts, as a message names a text's length in it.
UNITS = {
    "code points": "characters",
    "code points, CRLF as one": "characters (a CRLF line end counted as one)",
    "utf-16": "UTF-16 units",
    "utf-16, CRLF as one": "UTF-16 units (a CRLF line end counted as one)",
}

#: How to fix codings whose positions lie outside their text, by what the project was read from (``_Importer.fmt``).
_OUTSIDE_FIX = {
    "qualcoder": "check those codings in QualCoder (positions past the text usually mean the file was edited after it was coded), code them again there and import again",
    "rqda": "check those codings in RQDA (positions past the text usually mean the file was edited after it was coded), code them again there and import again",
    "taguette": "Taguette never changes a document once added, so the database was likely changed outside Taguette: export the project from Taguette again and import that",
    "codings": "give each row's start and end as character offsets in its document's text (start below end, end at most its length; "
    "qlr info lists what loading changed in a text), or the passage's words in a quote column instead",
    "transana": "check those quotes in Transana (a position past the text usually means the document was edited after the quote was made) and export again",
    "catma": "the document's text is not the one CATMA annotated: import the whole export (.tar.gz), or give the .txt CATMA exported with the collection (text=…, --text)",
}
_OUTSIDE_FIX_DEFAULT = "export the project again from the QDA tool (positions past the text usually mean the source was edited after it was coded) and import that"


def astral_halves(text: str) -> set[int]:
    """The UTF-16 positions that fall between the two halves of a character outside the BMP (an emoji) in ``text``:
    no passage a Java tool (CATMA, INCEpTION) counted in UTF-16 units starts or ends there in the text it annotated.

    >>> sorted(astral_halves("a\U0001f60ab\U0001f642"))
    [2, 5]
    """
    found, unit = set(), 0
    for character in text if text and max(text) > "\uffff" else "":
        unit += 1 + (ord(character) > 0xFFFF)
        if ord(character) > 0xFFFF:
            found.add(unit - 1)
    return found


def outside_label(label: str, start: int, end: int) -> str:
    """What :func:`outside_text` lists of one thing left out: its id and its positions as the tool wrote them.

    >>> outside_label("coding 12", 40, 20)
    'coding 12 at 40–20 (ends before it starts)'
    """
    return f"{label} at {start}–{end}" + (" (ends before it starts)" if end < start else " (empty: ends where it starts)" if end == start else "")


def outside_text(found: Mapping[str, tuple[int, str, Sequence[str]]], *, codings: int, tool: str, fate: str = "were not imported", fix: bool = True) -> str:
    """The one message for codings an importer leaves out because their positions lie outside their document's text.

    ``found`` maps each document (as the message names it) to its text's length, the unit that length counts
    (:data:`UNITS`) and the ids of what was left out in it, each with its positions ("code_text 10 at 200–210");
    ``codings`` is how many codings that leaves out (a selection may hold several); ``tool`` is what the project was read
    from (``"qualcoder"``, ``"rqda"``, ``"taguette"``, ``"catma"``, ``"transana"``, a study's ``"codings"`` table, else
    a .qdpx), which chooses how to fix it (left out with ``fix=False``, for an error whose hint says it); ``fate`` what
    became of them.  The caller names the file (a warning's or an error's ``path``).

    Examples
    --------
    >>> outside_text({"P01": (89, "characters", ["code_text 10 at 200–210"])}, codings=1, tool="rqda")  # doctest: +ELLIPSIS
    "1 coding(s) lie outside their document's text and were not imported: 'P01' (its text has 89 characters): code_text 10 at 200–210. Fix: check those codings in RQDA ..."
    """
    left = sum(len(ids) for _, _, ids in found.values())
    held = "" if left == codings else f" in {left:,} selection(s)"
    where = first_few((f"{name!r} (its text has {length:,} {unit}): {first_few(ids, shown=10)}" for name, (length, unit, ids) in found.items()), shown=10, sep="; ")
    said = f"{codings:,} coding(s){held} lie outside their document's text and {fate}: {where}"
    return f"{said}. Fix: {_OUTSIDE_FIX.get(tool, _OUTSIDE_FIX_DEFAULT)}" if fix else said


def _code_points(text: str) -> np.ndarray:
    """The text's code points as an array (UTF-32 needs no surrogates, one unit per character)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _crlf_positions(codes: np.ndarray) -> np.ndarray:
    """Indices of the CR of every CRLF pair, ascending."""
    return np.flatnonzero((codes[:-1] == 0x0D) & (codes[1:] == 0x0A))


class _Utf16Units:
    """UTF-16 unit index → code point index of one text, or None inside a surrogate pair."""

    def __init__(self, codes: np.ndarray) -> None:
        astral = np.flatnonzero(codes > 0xFFFF)
        # The unit where the k-th astral character starts: its index plus the k extra units before it.
        self._pair_starts = astral + np.arange(len(astral))
        self._units = len(codes) + len(astral)

    def index(self, unit: int) -> int | None:
        if unit < 0 or unit > self._units:
            return None
        before = int(np.searchsorted(self._pair_starts, unit, side="left"))
        if before and int(self._pair_starts[before - 1]) == unit - 1:
            return None  # between the two halves of a surrogate pair
        return unit - before


class _Offsets:
    """Maps positions in each convention to offsets in the stored (LF) text."""

    def __init__(self, raw: str, had_bom: bool) -> None:
        self.raw = raw
        self.stored = normalise_newlines(raw)
        self.had_bom = had_bom
        raw_codes = _code_points(raw)
        self._crlf = _crlf_positions(raw_codes)
        self._u16_raw = _Utf16Units(raw_codes)
        self._u16_stored = _Utf16Units(_code_points(self.stored)) if self.stored is not raw else self._u16_raw

    def length(self, convention: str) -> int:
        """The text's length as the convention counts it (a byte-order mark counted where the convention counts one)."""
        base = convention.removesuffix("+bom")
        bom = int(self.had_bom and convention.endswith("+bom"))
        if base == "code points":
            return len(self.raw) + bom
        if base == "code points, CRLF as one":
            return len(self.stored) + bom
        return (self._u16_raw if base == "utf-16" else self._u16_stored)._units + bom

    def _raw_to_stored(self, index: int) -> int:
        # Every CRLF that starts before the index shortens the stored text by one (a CRLF's CR maps onto its LF).
        return index - int(np.searchsorted(self._crlf, index, side="left"))

    def convert(self, convention: str, position: int) -> int | None:
        if self.had_bom and convention.endswith("+bom"):
            position -= 1
        base = convention.removesuffix("+bom")
        if position < 0:
            return None
        if base == "code points":
            return self._raw_to_stored(position) if position <= len(self.raw) else None
        if base == "code points, CRLF as one":
            return position if position <= len(self.stored) else None
        if base == "utf-16":
            index = self._u16_raw.index(position)
            return self._raw_to_stored(index) if index is not None else None
        if base == "utf-16, CRLF as one":
            return self._u16_stored.index(position)
        raise ValueError(convention)


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start : start + 1], text[end - 1 : end]
    return not (before.isalnum() and first.isalnum()) and not (after.isalnum() and last.isalnum())


def _conventions(had_bom: bool) -> list[str]:
    names = list(CONVENTIONS)
    if had_bom:
        names += [f"{n}+bom" for n in CONVENTIONS]
    return names


def _same_text(span: str, quoted: str) -> bool:
    """Does the selection's own text match the span (some tools store a truncated quotation)?"""
    span, quoted = " ".join(span.split()), " ".join(quoted.split())
    return span == quoted or (len(quoted) >= 30 and span.startswith(quoted.rstrip(".… ")))


def _whole_text(span: str, quoted: str) -> bool:
    """Is the selection's own text the whole span, to its last character (not only its start, as a truncated name is)?

    Examples
    --------
    >>> _whole_text("I wanted to give something back.", "I wanted to give something back."), _whole_text(" I wanted to give something back", "I wanted to give something back.")
    (True, False)
    """
    return " ".join(span.split()) == " ".join(quoted.split())


def _span(offsets: _Offsets, convention: str, selection: dict[str, Any]) -> tuple[int, int] | None:
    """The selection's (start, end) in the stored text under one convention, if it lies inside."""
    start, end = offsets.convert(convention, selection["start"]), offsets.convert(convention, selection["end"])
    if start is None or end is None or end < start:
        return None
    return start, end


def _carries_text(offsets: _Offsets, selection: dict[str, Any]) -> bool:
    """Is the selection's name its text under some convention?  (qc writes ``line:N``; ATLAS.ti users rename quotations.)"""
    quoted = selection.get("text")
    if not quoted:
        return False
    for convention in _conventions(offsets.had_bom):
        spot = _span(offsets, convention, selection)
        if spot is not None and _same_text(offsets.stored[spot[0] : spot[1]], quoted):
            return True
    return False


def _choose_convention(offsets: _Offsets, selections: list[dict[str, Any]], carriers: list[dict[str, Any]]) -> tuple[str, str]:
    """(convention, evidence) for one source.

    Selections whose names are their text decide (most matches to their last character, then most matches, as a
    name cut short matches; then most inside): ATLAS.ti counts a CRLF as one, and under code points its span of a
    sentence after a space is the space and the sentence without its full stop, which still starts as the name does;
    without any, the standard's code points hold unless under another convention
    more selections lie inside the text, or as many and more on word boundaries.
    """
    names = _conventions(offsets.had_bom)
    if carriers:
        scores = {}
        for rank, convention in enumerate(names):
            whole = matched = inside = 0
            for sel in carriers:
                spot = _span(offsets, convention, sel)
                if spot is not None:
                    inside += 1
                    matched += _same_text(offsets.stored[spot[0] : spot[1]], sel["text"])
                    whole += _whole_text(offsets.stored[spot[0] : spot[1]], sel["text"])
            scores[convention] = (whole, matched, inside, -rank)
        chosen = max(scores, key=scores.__getitem__)
        return chosen, f"{scores[chosen][1]} of {len(selections)} selections whose names match the text"
    scores = {}
    for convention in names:
        spans = [_span(offsets, convention, sel) for sel in selections]
        inside = [spot for spot in spans if spot is not None]
        scores[convention] = (len(inside), sum(end > start and _boundary(offsets.stored, start, end) for start, end in inside))
    default = CONVENTIONS[0]
    best = max(names, key=lambda c: (scores[c], c == default))
    if scores[best] > scores[default]:
        (inside_best, bounded_best), (inside_default, bounded_default) = scores[best], scores[default]
        return best, (
            f"no selection carries its text; under {best!r} {inside_best} of {len(selections)} selections lie inside the text "
            f"and {bounded_best} start and end on word boundaries (under code points: {inside_default} and {bounded_default})"
        )
    return default, "the standard's default: no selection carries its text"


def _place_one(offsets: _Offsets, chosen: str, selection: dict[str, Any], carries_text: bool) -> tuple[int, int] | None:
    """One selection's span: where its own text is (the chosen convention first), else the chosen convention's span."""
    if carries_text:
        for convention in [chosen] + [c for c in _conventions(offsets.had_bom) if c != chosen]:
            spot = _span(offsets, convention, selection)
            if spot is not None and _same_text(offsets.stored[spot[0] : spot[1]], selection["text"]):
                return spot
    return _span(offsets, chosen, selection)


def _place(
    offsets: _Offsets, selections: list[dict[str, Any]], *, convention: tuple[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, tuple[int, int]], list[str]]:
    """Choose a convention for one source and place its selections.

    Returns ({"convention", "evidence"}, {guid: (start, end)}, the guids of
    selections that lie outside the text under the chosen convention).  A
    selection whose name is not its text is placed by the source's convention.
    ``convention`` — (name, why) — fixes the convention for a tool known to count one way (RQDA: code points):
    every selection is placed by it, none moved to where its name's text is.
    """
    if convention is not None:
        carries = dict.fromkeys((sel["guid"] for sel in selections), False)
        chosen, evidence = convention
    else:
        carries = {sel["guid"]: _carries_text(offsets, sel) for sel in selections}
        chosen, evidence = _choose_convention(offsets, selections, [sel for sel in selections if carries[sel["guid"]]])
    placed: dict[str, tuple[int, int]] = {}
    unplaced: list[str] = []
    for sel in selections:
        spot = _place_one(offsets, chosen, sel, carries[sel["guid"]])
        if spot is None:
            unplaced.append(sel["guid"])
        else:
            placed[sel["guid"]] = spot
    return {"convention": chosen, "evidence": evidence}, placed, unplaced
