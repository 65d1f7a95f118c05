"""A case's interviews of several waves kept in one file, each under a heading of its own.

Some researchers keep one file per participant and add each wave's interview to it under a
heading ("Interview 2 - 4 June 2020", "Second interview", "Follow-up interview"). Read as one
document, such a file puts every wave's words at one wave, and the case never changes. This
module finds those headings; :mod:`._build` reads each section as the document of its wave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ._readers import SourceText

__all__: list[str] = []

_NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        (
            ("one", "first", "1st", "i"),
            ("two", "second", "2nd", "ii"),
            ("three", "third", "3rd", "iii"),
            ("four", "fourth", "4th", "iv"),
            ("five", "fifth", "5th", "v"),
            ("six", "sixth", "6th", "vi"),
            ("seven", "seventh", "7th", "vii"),
            ("eight", "eighth", "8th", "viii"),
            ("nine", "ninth", "9th", "ix"),
            ("ten", "tenth", "10th", "x"),
        ),
        1,
    )
    for word in words
}
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th"
_CARDINALS = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|iv|ix|vi{0,3}|i{1,3}|x"
#: The opening of a heading that names one of a person's interviews (the words file names use for waves,
#: ``_load._wave_in``, less those that also name parts of one interview: "session", "part", "phase").
_HEADING = re.compile(
    rf"""(?ix)^
    (?:transcript\s+(?:of\s+)?(?:the\s+)?)?
    (?:
        (?P<ordinal>{_ORDINALS})\s+(?:(?:wave|round|sweep)\s+)?(?:interview|wave|visit|round|sweep)
      | (?P<noun>interview|wave|visit|round|sweep|time|w|t)[\s_.-]*(?:no\.?\s*|number\s+|\#\s*)?(?P<number>{_CARDINALS})
      | (?P<first>baseline|intake|initial)(?:\s+interview)?
      | (?:\d{{1,2}}[\s-]*(?:months?|weeks?|years?|mo)[\s-]*)?(?P<follow>follow[\s-]?up)(?:\s+interview)?(?:\s+(?:no\.?\s*|\#\s*)?(?P<follow_number>\d{{1,2}}))?(?:\s+interview)?
      | (?P<last>final|exit|endline|closing|last)\s+interview
    )
    (?![\w'’])
    (?P<rest>.*)$"""
)
#: What may follow the words naming the interview on its heading: nothing, or a date, a place or a name after a
#: separator ("Interview 2 - 4 June 2020", "Second interview (follow-up), at her flat", "Wave 2 interview with Ann").
_REST = re.compile(
    r"(?i)^\s*(?:$|[-–—:,.;(\[/|]|interview\b|transcript\b|with\b|on\b|at\b|in\b|held\b|recorded\b|conducted\b|\d)"
)
#: Decoration around a heading: Markdown's #, bold and rules, brackets, "===".
_DECORATION = "#*_=~-–—[]<>| \t"
#: Bold and italic marks inside a heading ("**Second interview** (follow-up)").
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
#: A heading is a short line of its own.
_HEADING_WORDS = 14
#: Words a section holds beyond its heading, at least: less is a list of headings (a contents table), not interviews.
SECTION_WORDS = 15


@dataclass(frozen=True)
class WaveSection:
    """One interview of a file that holds several: its place among the person's waves and its text's span."""

    #: The wave's place in the study's order as the heading numbers it (1 the first).
    position: int
    #: The span of the file's text the section covers: from its heading's line to the next heading's.
    start: int
    end: int
    #: The heading as written, and its line (1 the first).
    heading: str
    line: int


def _position(match: re.Match[str], previous: int) -> int | None:
    """The wave a heading names, counted from 1; a follow-up or final interview comes after the previous one."""
    if match["ordinal"]:
        return _NUMBER_WORDS[match["ordinal"].lower()]
    if match["noun"]:
        number = match["number"].lower()
        if match["noun"].lower() in ("w", "t") and not number.isdigit():
            return None  # "T one" is no one's wave; "W2", "T2" are
        return int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    if match["first"]:
        return 1
    if match["follow"] and match["follow_number"]:
        return 1 + int(match["follow_number"])  # follow-up 1 is the interview after the baseline
    return previous + 1  # "Follow-up interview", "Final interview", "6-month follow-up"


def _numbered_noun(match: re.Match[str]) -> str | None:
    noun = match["noun"]
    return noun.lower() if noun else None


def wave_sections(text: str) -> list[WaveSection] | None:
    """The interviews a transcript holds under headings of their own, in order, or None for one interview.

    A heading is a short line of its own that opens by naming one of a person's interviews
    ("Interview 2 - 4 June 2020", "Second interview", "Wave 3", "T2 interview (May 2019)",
    "Baseline interview", "Follow-up interview", "## Interview 1"). A file holds several
    interviews when two or more such headings number the interviews in increasing order, each
    followed by at least :data:`SECTION_WORDS` words; the words before the first heading (a title,
    the participant's pseudonym) belong to the first interview.

    Examples
    --------
    >>> text = ("Ann, pseudonym\\nInterview 1 - 12 March 2019\\nI: How did it start?\\nAnn: My neighbour told me "
    ...         "about the garden and I went along on a Tuesday to see what it was like.\\n"
    ...         "Interview 2 - 4 June 2020\\nI: What has changed?\\nAnn: Now I run the Tuesday session with two "
    ...         "others and we plan the rota together every month.\\n")
    >>> [(s.position, s.heading, s.line) for s in wave_sections(text)]
    [(1, 'Interview 1 - 12 March 2019', 2), (2, 'Interview 2 - 4 June 2020', 5)]
    >>> wave_sections("I: Which interview was that?\\nAnn: Interview 2, I think.") is None
    True
    """
    found: list[tuple[int, int, str, int]] = []  # (position, start, heading, line)
    nouns: set[str] = set()
    previous = 0
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        cleaned = _EMPHASIS.sub("", line).strip().strip(_DECORATION).rstrip(":").strip()
        if not cleaned or len(cleaned.split()) > _HEADING_WORDS or cleaned.endswith("?"):
            continue
        match = _HEADING.match(cleaned)
        if match is None or not _REST.match(match["rest"]):
            continue
        position = _position(match, previous)
        if position is None:
            continue
        if position <= previous:
            return None  # headings that do not count up are not a person's interviews in order
        if (noun := _numbered_noun(match)) is not None:
            nouns.add("interview" if noun == "interview" else "wave")
        found.append((position, start, line.strip(), number))
        previous = position
    if len(found) < 2 or len(nouns) > 1:
        return None  # one heading is a title; "Interview 1" beside "Wave 2" is two ways of counting, not one
    sections = []
    for index, (position, start, heading, number) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        begin = 0 if index == 0 else start  # what comes before the first heading is the first interview's
        words = len(text[start:end].split()) - len(heading.split())
        if words < SECTION_WORDS:
            return None
        sections.append(WaveSection(position, begin, end, heading, number))
    return sections


def section_source(source: SourceText, section: WaveSection, *, first: bool) -> SourceText:
    """The part of ``source`` a section covers, as its own document's source: every offset moved to the section's text.

    What the reader left out or could not read (``removed``, ``unread``) is the file's, said once with its
    first section; who the file says its speakers are holds in every section.
    """
    start, end = section.start, section.end

    def inside(offsets: list[int]) -> list[int]:
        return [at - start for at in offsets if start <= at < end]

    return replace(
        source,
        text=source.text[start:end],
        bold_labels=[(a - start, b - start, who) for a, b, who in source.bold_labels if start <= a < end],
        heading_lines=inside(source.heading_lines),
        title_lines=inside(source.title_lines),
        paragraph_starts=inside(source.paragraph_starts) if source.paragraph_starts is not None else None,
        removed=dict(source.removed) if first else {},
        unread=dict(source.unread) if first else {},
        speakers=dict(source.speakers),
        columns=dict(source.columns),
        properties=dict(source.properties),
        marks=[],
    )


def can_hold_sections(source: SourceText) -> bool:
    """Whether a file's text is one a person may have written several interviews into, one after another.

    Not a file whose reader gave its turns (captions, a chat, a CHAT or TEI transcript), or one that dates
    itself (front matter, an archive's record: one interview).
    """
    return source.turns is None and source.date is None and not source.header
