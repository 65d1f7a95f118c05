"""Coding kept in a document itself: Word and OpenDocument comments and highlights, PDF annotations.

Many researchers code without QDA software: they select a passage in Word and add a
comment whose words are the code ("Reciprocity – gives back to the group"), or
highlight it in a colour that stands for a code, or highlight a PDF in Acrobat,
Preview or Zotero.  A reader finds these marks where the file anchors them (Word's
``w:commentRangeStart``/``End`` and highlighted runs, OpenDocument's
``office:annotation``/``office:annotation-end`` and background-coloured spans, a
PDF's highlight quadrilaterals) and passes them on as :class:`Mark`\\ s, spans of the
stored text, moved with it as every reader's position is (``_readers._with_text``).

This module decides only what a mark says: :func:`comment_codes` (a comment's code
names and its memo), :func:`colour_name` (a highlight's colour).  Loading turns the
marks of the documents a ``codings: - comments: …`` entry names into codings and memos
(``_build._read_marks``), placed on segments as every coding is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .._warned import warn
from .._words import first_few

__all__: list[str] = []


@dataclass
class Mark:
    """A comment, highlight or annotation a document carries, as a span of its stored text.

    ``start``/``end`` are ``None`` where the mark anchors no words qlr can place
    (``why`` says why: a comment on a point, in a footnote, a PDF note beside the text).
    """

    #: ``comment`` (words written beside a passage), ``highlight`` (a colour, no words) or ``note`` (a PDF note at a point).
    kind: str
    #: How a warning names it: "comment 3 by Ann", "highlight (yellow) 2", "page 2, highlight 1".
    label: str
    start: int | None = None
    end: int | None = None
    #: The comment's (or a PDF annotation's) words.
    text: str = ""
    author: str | None = None
    #: When it was made, as the file writes it (ISO 8601).
    created: str | None = None
    #: A highlight's colour (:func:`colour_name`).
    colour: str | None = None
    #: The file's id of this comment, and of the comment a reply answers.
    key: str = ""
    reply_to: str | None = None
    #: Why it cannot be placed, where it cannot.
    why: str | None = None


# ------------------------------------------------------------------------ colours
#: Word's highlight colours (``w:highlight``), by the hex value each shows as.
WORD_HIGHLIGHTS = {
    "yellow": "ffff00", "green": "00ff00", "cyan": "00ffff", "magenta": "ff00ff", "blue": "0000ff", "red": "ff0000",
    "darkblue": "000080", "darkcyan": "008080", "darkgreen": "008000", "darkmagenta": "800080", "darkred": "800000",
    "darkyellow": "808000", "darkgray": "808080", "lightgray": "c0c0c0", "black": "000000", "white": "ffffff",
}
_NAME_OF_HEX = {value: name for name, value in WORD_HIGHLIGHTS.items()}
#: Colours a user may write for Word's names: "grey", "turquoise" (Word's menu word for cyan), "pink" (for magenta), "bright green".
_ALIASES = {"turquoise": "cyan", "pink": "magenta", "brightgreen": "green", "teal": "darkcyan", "violet": "darkmagenta", "gray": "lightgray", "grey": "lightgray", "lightgrey": "lightgray", "darkgrey": "darkgray", "gray25": "lightgray", "gray50": "darkgray"}
_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


def colour_name(value: str | None) -> str | None:
    """A colour as qlr names it: Word's highlight name where the colour is one of them, else ``#rrggbb``.

    ``None`` for no colour (``none``, ``auto``, white shading, which Word writes for "no colour").

    Examples
    --------
    >>> [colour_name(v) for v in ["yellow", "FFFF00", "#00ff00", "Turquoise", "dark yellow", "fed8b1", "auto", "none"]]
    ['yellow', 'yellow', 'green', 'cyan', 'darkyellow', '#fed8b1', None, None]
    """
    if value is None:
        return None
    word = re.sub(r"[\s_-]", "", str(value)).lower()
    if word in ("", "none", "auto", "transparent", "ffffff", "#ffffff"):
        return None
    word = _ALIASES.get(word, word)
    if word in WORD_HIGHLIGHTS:
        return word
    found = _HEX.fullmatch(word)
    if found:
        return _NAME_OF_HEX.get(found.group(1).lower(), f"#{found.group(1).lower()}")
    return word


def pdf_colour(values: Iterable[Any] | None) -> str | None:
    """A PDF annotation's ``/C`` (RGB between 0 and 1; one value is a grey, four CMYK) as :func:`colour_name` says it.

    Examples
    --------
    >>> pdf_colour([1, 1, 0]), pdf_colour([0.98, 0.85, 0.69]), pdf_colour([]), pdf_colour(None)
    ('yellow', '#fad9b0', None, None)
    """
    try:
        numbers = [min(max(float(v), 0.0), 1.0) for v in values or []]
    except (TypeError, ValueError):
        return None
    if len(numbers) == 1:
        numbers *= 3
    elif len(numbers) == 4:  # CMYK
        c, m, y, k = numbers
        numbers = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(numbers) != 3:
        return None
    return colour_name("".join(f"{round(v * 255):02x}" for v in numbers))


# -------------------------------------------------------------------- comment text
#: Where a comment's code ends and its memo begins: a dash with spaces, a colon and a space, an equals sign.
_MEMO_AFTER = re.compile(r"\s+[–—-]+\s+|:\s+|\s+=\s+|\s+>\s+")
#: What a comment writes before its codes ("Code: Trust", "CODES - Trust; Hope", "Theme: …").
_CODE_WORD = re.compile(r"(?i)(?:codes?|nodes?|tags?|themes?|categor(?:y|ies))\s*(?::|[–—-])\s*")
#: Several codes in one comment: one a line, or cut by ';' or '|', or each a #hashtag.
_CODES_SPLIT = re.compile(r"\s*[;|]\s*")
_HASHTAG = re.compile(r"#([^\s#;,|]+)")
#: A code is a name: at most this many words and characters, not a sentence.
CODE_WORDS, CODE_CHARS = 6, 60


def code_like(text: str) -> bool:
    """Whether words can be a code's name: short, not a sentence or a question.

    Examples
    --------
    >>> [code_like(x) for x in ["Reciprocity", "Barriers\\\\Transport", "Power::Shared", "Trust in staff (low)", "Why does she say this?", "She gives back to the group.", "Interesting", "Here is a table:"]]
    [True, True, True, True, False, False, True, False]
    """
    text = text.strip()
    # A line ending in a colon introduces what follows ("Here is a table:"): no name.
    return bool(text) and len(text) <= CODE_CHARS and len(text.split()) <= CODE_WORDS and not text.endswith((".", "?", "!", "…", "?)", ":")) and any(c.isalnum() for c in text)


def comment_codes(text: str) -> tuple[list[str], str]:
    """The code names a comment gives, and the rest of it (its memo).

    A comment's first line names its codes: one, or several cut by ``;`` or ``|`` or
    written as ``#hashtags``, optionally after ``Code:``; after a dash with spaces, a
    colon and a space, ``=`` or ``>``, the rest of the line is the memo.  Further lines
    that are names too are more codes (one a line); from the first line that is not
    (a sentence), the rest is the memo.  A comment whose first line is no name ("Why
    does she say this?") gives no code: all of it is a memo.

    Examples
    --------
    >>> comment_codes("Reciprocity – gives back to the group")
    (['Reciprocity'], 'gives back to the group')
    >>> comment_codes("Trust; Barriers\\\\Transport")
    (['Trust', 'Barriers\\\\Transport'], '')
    >>> comment_codes("#trust #hope she sounds more settled")
    (['trust', 'hope'], 'she sounds more settled')
    >>> comment_codes("Code: Isolation\\nLoneliness\\nShe lost her friends when the centre closed.")
    (['Isolation', 'Loneliness'], 'She lost her friends when the centre closed.')
    >>> comment_codes("Codes:\\nTrust\\nHope")
    (['Trust', 'Hope'], '')
    >>> comment_codes("Here is a table:\\nX\\nY")
    ([], 'Here is a table:\\nX\\nY')
    >>> comment_codes("Why does she say this? Check at W2.")
    ([], 'Why does she say this? Check at W2.')
    >>> comment_codes("Power::Shared")
    (['Power::Shared'], '')
    """
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return [], ""
    if _CODE_WORD.fullmatch(lines[0].rstrip() + " ") and len(lines) > 1:
        lines = lines[1:]  # "Codes:" on a line of its own, the codes below it
    first = _CODE_WORD.sub("", lines[0], count=1) if _CODE_WORD.match(lines[0]) else lines[0]
    memo: list[str] = []
    if first.startswith("#"):
        tags = list(_HASHTAG.finditer(first))
        codes = [m.group(1) for m in tags]
        rest = first[tags[-1].end() :].strip(" ,;")
        if rest:
            memo.append(rest)
    else:
        cut = _MEMO_AFTER.search(first)
        # "Power::Shared" and "Barriers\Transport" are names: a colon cuts only when a space follows it.
        head, rest = (first[: cut.start()], first[cut.end() :]) if cut else (first, "")
        codes = [name for name in _CODES_SPLIT.split(head.strip()) if name]
        if not codes or not all(code_like(name) for name in codes):
            return [], "\n".join(lines)
        if rest.strip():
            memo.append(rest.strip())
    later = 1
    while not memo and later < len(lines) and all(code_like(name) for name in _CODES_SPLIT.split(lines[later])):
        codes.extend(name for name in _CODES_SPLIT.split(lines[later]) if name)
        later += 1
    memo.extend(lines[later:])
    return list(dict.fromkeys(codes)), "\n".join(memo)


def _code_key(name: str) -> str:
    """A code name compared loosely: case, and spaces, underscores and dashes between words, do not count.

    Examples
    --------
    >>> _code_key("#giving_back") == _code_key("Giving back") == _code_key("giving-back")
    True
    """
    return " ".join(re.split(r"[\s_-]+", name.lstrip("#").casefold())).strip()


# ----------------------------------------------------------------------- spans
def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved in past white space at either end (a selection that took the line end with it).

    Examples
    --------
    >>> trimmed("a  hello \\nb", 1, 10)
    (3, 8)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def merged_runs(runs: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Highlighted runs of one colour with only white space between them as one span each (``(start, end, colour)``).

    Examples
    --------
    >>> merged_runs([(0, 3, "yellow"), (4, 7, "yellow"), (8, 10, "green")], "abc def gh")
    [(0, 7, 'yellow'), (8, 10, 'green')]
    """
    spans: list[list[Any]] = []
    for start, end, colour in sorted(runs):
        if spans and spans[-1][2] == colour and not text[spans[-1][1] : start].strip() and start >= spans[-1][0]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end, colour])
    return [(start, end, colour) for start, end, colour in spans]


# ----------------------------------------------------------------------- loading
#: At most this many marks are named in one warning.
_LISTED = 8
#: What a memo's id is made from where its mark has no date: the same on every load.
_NO_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)


def read_marks(study: Any, marked: list[tuple[str, list[Mark], Any]], where: Path) -> None:
    """Add the codings and memos that documents' own marks make (a ``codings: - comments: …`` entry's documents).

    ``marked`` holds, for each document, its id, its marks and its entry
    (``_plan._Marked``).  A comment whose words name codes (:func:`comment_codes`) is a
    coding of its passage for each code, the rest of its words a memo on the first
    coding; a comment that names none is a memo on the segment its passage overlaps
    most; a reply is a memo on the coding (else the segment) of the comment it answers.
    A highlight in a colour the entry's ``colours:`` maps is a coding of that code (a
    PDF highlight with words typed on it gives their codes too).  The coder is the
    name the entry's ``coders:`` gives the comment's author, else its ``coder:``, else the
    author.  Where ``coders:`` names the coders, a comment (or reply, or signed PDF
    highlight) by anyone else is left out: a transcriber's "check audio" or a
    supervisor's "Typo?" is no coding.  Every mark not brought in is named in one
    ``RowsRefusedWarning`` (why: no passage, a colour not mapped, an author ``coders:``
    does not name); highlights of a file whose entry maps no colour are counted in the
    load notes, with the fix.  A mark's date is its codings' and memo's ``created``;
    a mark without one gives none (the memo's id is the same on every load), and dates
    that cannot be read are counted in the load notes.  Codings are placed on segments
    as every coding is (:func:`qlr._rows.segment_for_spans`); their code names make the
    study's own codebook as a codings file's do (``_build._codebook_of_codings``).
    """
    import pandas as pd

    from .._check import check_timestamp
    from .._ids import coding_id, memo_id
    from .._rows import append_rows, segment_for_spans
    from ..errors import ManifestError, RowsRefusedWarning

    codings: list[dict[str, Any]] = []
    memos: list[dict[str, Any]] = []  # target ("coding", index into codings) or ("segment", doc, start, end)
    left_out: list[str] = []
    ids: list[str] = []
    unmapped: dict[str, int] = {}
    unread_highlights: dict[str, int] = {}
    unread_dates: list[str] = []
    # One code however its coders write it: "#giving_back", "Giving back" and "giving-back" are the first spelling met.
    spelled: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for doc_id, marks, entry in marked:
        first_coding: dict[str, int] = {}  # a comment's key -> its first coding's index, for its replies
        passages: dict[str, tuple[int, int]] = {}
        for mark in marks:
            who = entry.coders.get(mark.author or "", entry.coder or mark.author)
            if mark.why is not None or mark.start is None or mark.end is None:
                left_out.append(f"{doc_id}: {mark.label}: {mark.why or 'it anchors no words'}")
                continue
            if entry.coders and mark.author and mark.author not in entry.coders:
                left_out.append(f"{doc_id}: {mark.label}: its author is not one of the coders 'coders:' names (add them there to read their comments)")
                continue
            try:
                created = check_timestamp("created", mark.created) if mark.created else None
            except ValueError:
                created = None  # said in the load notes: the coding and memo keep no date rather than a wrong one
                unread_dates.append(f"{doc_id}: {mark.label} ({mark.created!r})")
            span = (mark.start, mark.end)
            codes, memo = comment_codes(mark.text) if mark.kind == "comment" and mark.reply_to is None else ([], mark.text)
            if mark.kind == "highlight" or (mark.colour and mark.colour in entry.colours):
                if mark.colour in entry.colours:
                    codes = [entry.colours[mark.colour], *codes]
                elif entry.colours and mark.kind == "highlight":
                    unmapped[mark.colour or "no colour"] = unmapped.get(mark.colour or "no colour", 0) + 1
                    left_out.append(f"{doc_id}: {mark.label}: its colour is not one 'colours:' maps")
                    continue
                elif mark.kind == "highlight":
                    unread_highlights[mark.colour or "no colour"] = unread_highlights.get(mark.colour or "no colour", 0) + 1
                    continue
            if codes and not who:
                raise ManifestError(
                    f"{doc_id}: {mark.label} names no coder (a highlight has no author)",
                    path=where,
                    line=entry.line,
                    hint=f"name who coded in the entry:  - {{comments: {entry.pattern}, coder: initials}}",
                )
            passages[mark.key] = span
            for name in codes:
                if spelled.setdefault(_code_key(name), name) != name:
                    renamed[name] = spelled[_code_key(name)]
            for code in dict.fromkeys(spelled[_code_key(name)] for name in codes):
                codings.append({"doc_id": doc_id, "start": span[0], "end": span[1], "code_id": code, "coder": who, "created": created})
                first_coding.setdefault(mark.key, len(codings) - 1)
            if memo.strip():
                if mark.reply_to is not None and mark.reply_to in first_coding:
                    target: tuple[Any, ...] = ("coding", first_coding[mark.reply_to])
                elif mark.key in first_coding:
                    target = ("coding", first_coding[mark.key])
                else:
                    target = ("segment", doc_id, *passages.get(mark.reply_to or "", span))
                memos.append({"target": target, "author": who or "unknown", "text": memo.strip(), "created": created, "title": mark.label.split(" (")[0]})
    if renamed:
        shown = [f"{name!r} as {first!r}" for name, first in sorted(renamed.items())]
        study.meta.setdefault("inferred", []).append(
            "codes written another way in comments read as one code: " + first_few(shown, shown=8)
        )
    if codings:
        rows = pd.DataFrame(codings)
        rows["seg_id"] = segment_for_spans(study.segments, rows["doc_id"], rows["start"].tolist(), rows["end"].tolist())
        rows["origin"] = "human"
        rows.insert(0, "coding_id", [coding_id("human", *key) for key in zip(rows["doc_id"], rows["start"], rows["end"], rows["code_id"], rows["coder"])])
        ids = rows["coding_id"].tolist()
        rows = rows.drop_duplicates("coding_id")  # one comment's code twice, or a comment and a highlight saying the same
        append_rows(study, "codings", rows, skip_existing=True)
    if memos:
        spans = [memo["target"] for memo in memos if memo["target"][0] == "segment"]
        segments = iter(segment_for_spans(study.segments, pd.Series([s[1] for s in spans], dtype="string"), [s[2] for s in spans], [s[3] for s in spans])) if spans else iter(())
        rows_memo = []
        for counter, memo in enumerate(memos):
            kind, *rest = memo["target"]
            target_id = ids[rest[0]] if kind == "coding" else next(segments)
            if target_id is None or (isinstance(target_id, float)) or pd.isna(target_id):
                kind, target_id = "document", rest[0]
            created = memo["created"]
            # A mark without a date gives a memo without one (not the time of loading), so its id is the same on every load.
            stamp = created if created is not None else _NO_DATE
            rows_memo.append(
                {"memo_id": memo_id(kind, str(target_id), memo["author"], stamp, len(study.memos) + counter), "target_type": kind, "target_id": str(target_id),
                 "author": memo["author"], "text": memo["text"], "created": created, "title": memo["title"]}
            )
        append_rows(study, "memos", rows_memo)
    study.record("read comments", {"documents": len(marked), "codings": len({c for c in (coding_id("human", c["doc_id"], c["start"], c["end"], c["code_id"], c["coder"]) for c in codings)}), "memos": len(memos), "not read": len(left_out)})
    if unread_highlights:
        shown = ", ".join(f"{colour} ({count})" for colour, count in sorted(unread_highlights.items(), key=lambda item: -item[1]))
        study.meta.setdefault("inferred", []).append(
            f"{sum(unread_highlights.values())} highlighted passage(s) of the documents whose comments are read are not codings ({shown}): "
            f"to read them as codes, map each colour in the entry, e.g.  colours: {{{next(iter(unread_highlights))}: Trust}}"
        )
    if unread_dates:
        shown = first_few(unread_dates, shown=_LISTED, sep="; ")
        study.meta.setdefault("inferred", []).append(
            f"{len(unread_dates)} comment(s) or highlight(s) carry a date that is not ISO 8601, so their codings and memos have none: {shown}"
        )
    if left_out:
        reasons = first_few(left_out, shown=_LISTED, sep="; ")
        colours = f" (colours not mapped: {', '.join(f'{c} ({n})' for c, n in unmapped.items())})" if unmapped else ""
        warn(
            f"{where}: {len(left_out)} comment(s), highlight(s) or note(s) in the documents are not read as codings or memos{colours}: {reasons}",
            RowsRefusedWarning,
        )
