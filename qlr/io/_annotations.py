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
from typing import Any

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
    >>> [code_like(x) for x in ["Reciprocity", "Barriers\\\\Transport", "Power::Shared", "Trust in staff (low)", "Why does she say this?", "She gives back to the group.", "Interesting"]]
    [True, True, True, True, False, False, True]
    """
    text = text.strip()
    return bool(text) and len(text) <= CODE_CHARS and len(text.split()) <= CODE_WORDS and not text.endswith((".", "?", "!", "…", "?)")) and any(c.isalnum() for c in text)


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
    >>> comment_codes("Why does she say this? Check at W2.")
    ([], 'Why does she say this? Check at W2.')
    >>> comment_codes("Power::Shared")
    (['Power::Shared'], '')
    """
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return [], ""
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
