"""A case's interviews of several waves kept in one file, each under a heading of its own.

Some researchers keep one file per participant and add each wave's interview to it under a
heading ("Interview 2 - 4 June 2020", "Second interview", "Follow-up interview"). Read as one
document, such a file puts every wave's words at one wave, and the case never changes. This
module finds those headings; :mod:`._build` reads each section as the document of its wave.

The words are those file names use for waves (``_load._wave_in``), but a heading numbers a
person's own interviews in the order they were held ("Follow-up 1" is the one after the
baseline), where a file name's words only sort the files of a study.

The same words say where a wave's own name puts it in time (:func:`wave_place`), and
:func:`order_waves` is the one decision of the order of waves nothing declares: a mapping's
own order, else their documents' dates, else their names' place in time, else natural order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import median_low
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ._readers import SourceText

__all__: list[str] = []

_NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        (
            ("zero", "zeroth", "0th"),
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
        )
    )
    for word in words
}
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th"
#: Words for a person's first and last interview, in a heading or a wave's name.
_FIRST_WORDS = "baseline|intake|initial"
_LAST_WORDS = "final|exit|endline|closing|last"
#: A numbered wave written in a folder or file name: "Wave 1", "W2", "T3", "Time 1", "Round 2", "Visit 3", "Year 1",
#: "Week 2", "Session 2", "Interview 2" (a person's second interview), "Time point 2", "TP2" (health research's time points).
_WAVE_IN_NAME = re.compile(r"(?i)(?<![^\W_])(wave|w|time[ _-]?point|time|tp|t|round|phase|visit|sweep|year|week|wk|month|session|interview)[ _-]?0*(\d{1,2})(?!\d)")
#: A follow-up, numbered or not: "follow-up", "Follow up 2", "followup", "FU1".
_FOLLOW_UP = re.compile(r"(?i)(?<![^\W_])(?:follow[ _-]?up(?:[ _-]?0*(\d{1,2}))?|fu[ _-]?0*(\d{1,2}))(?![^\W_])")
#: Words for the first and the last wave in a file name ("Jones baseline.docx", "P01 exit interview.docx").
_FIRST_WAVE = re.compile(r"(?i)(?<![^\W_])(?:baseline|intake|pre[ _-]?test|pre[ _-]?intervention)(?![^\W_])")
_LAST_WAVE = re.compile(r"(?i)(?<![^\W_])(?:endline|exit|post[ _-]?test|post[ _-]?intervention)(?![^\W_])")
_CARDINALS = r"\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten|iv|ix|vi{0,3}|i{1,3}|x"
#: The opening of a heading that names one of a person's interviews, less the words that also name parts of one
#: interview ("session", "part", "phase"). A number is never a clock's, a fraction's or a range's ("Time 9:55",
#: "Interview 1/2", "Interview 2-4").
_HEADING = re.compile(
    rf"""(?ix)^
    (?:transcript\s+(?:of\s+)?(?:the\s+)?)?
    (?:
        (?P<ordinal>{_ORDINALS})\s+(?:(?:wave|round|sweep)\s+)?(?:interview|wave|visit|round|sweep)
      | (?P<noun>interview|wave|visit|round|sweep|time|w|t)[\s_.-]*(?:no\.?\s*|number\s+|\#\s*)?(?P<number>{_CARDINALS})(?![:./]\d|-\d)
      | (?P<first>{_FIRST_WORDS})(?:\s+interview)?
      | (?:\d{{1,2}}[\s-]*(?:months?|weeks?|years?|mo)[\s-]*)?(?P<follow>follow[\s-]?up)(?:\s+interview)?(?:\s+(?:no\.?\s*|\#\s*)?(?P<follow_number>\d{{1,2}}))?(?:\s+interview)?
      | (?P<last>{_LAST_WORDS})\s+interview
    )
    (?![\w'’])
    (?P<rest>.*)$"""
)
#: A date after the heading's words: a day, or a month and year, or a year ("Interview 2 - 4 June 2020",
#: "T2 interview (May 2019)", "Wave 1 (2018)").
_DATE_WORDS = re.compile(
    r"(?i)\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b"
    r"|\b(?:19|20)\d\d\b"
)
#: What a heading says beyond the interview's number, when it says no date: the kind of interview, or whom with.
_REST_WORDS = re.compile(
    r"(?i)^[\s\-–—:,.;(\[/|]*(?:(?:interview|transcript|follow[\s-]?up|baseline|wave)\b.*"
    r"|(?:with|at|in|on|by|held|recorded|conducted)\s+[^\s,.;!?]+(?:\s+[^\s,.;!?]+){0,3})?[\s)\].]*$"
)
#: A person or part named beside the number: two interviews at one wave (a mother's, a father's) or parts of one.
_NOT_ANOTHER_WAVE = re.compile(
    r"(?i)\b(?:mother|father|mum|mom|dad|parents?|partner|husband|wife|spouse|sons?|daughters?|child(?:ren)?|"
    r"grand\w+|carers?|couple|joint|siblings?|brother|sister|household|family|group|part|of\s+\d)\b|^\s*/\s*\d"
)
#: "Interview 2 (continued)": the same interview after a break, not another.
_CONTINUED = re.compile(r"(?i)\bcont(?:inued|inues|'d|d)?\b")
#: Bold and italic marks inside a heading ("**Second interview** (follow-up)").
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
#: Decoration around a heading: Markdown's #, rules, brackets, "===".
_DECORATION = "#*_=~-–—[]<>| \t"
#: A heading is a short line of its own.
_HEADING_WORDS = 14
#: Words a section holds beyond its heading, at least: less is a list of headings (a contents table), not interviews.
SECTION_WORDS = 15
#: Headings may skip this many waves at most (a case who missed one or two), and the first may be at most this late.
_LARGEST_GAP = 3
_LATEST_FIRST = 5


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


class Sections(NamedTuple):
    """What :func:`find_sections` found: the interviews, or why headings that were found are not read as interviews."""

    #: The interviews in order, or None for one interview.
    found: list[WaveSection] | None
    #: Why two or more headings were found but not read as interviews ("'Interview 3' (line 17) has 4 words under it").
    doubt: str | None = None


class _Heading(NamedTuple):
    position: int
    start: int
    heading: str
    line: int
    numbered_by: str | None  # "interview" or "wave" for a numbered heading, else None


def _position(match: re.Match[str], previous: int) -> int | None:
    """The wave a heading names, counted from 1 (0 for a baseline counted from 0); a follow-up comes after the previous one."""
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


def _heading(line: str, previous: int) -> tuple[int, str | None, bool] | None:
    """(position, what numbers it, whether it continues the interview before) of a heading line, else None."""
    cleaned = _EMPHASIS.sub("", line).strip().strip(_DECORATION).rstrip(":").strip()
    if not cleaned or len(cleaned.split()) > _HEADING_WORDS or cleaned.endswith("?"):
        return None
    match = _HEADING.match(cleaned)
    if match is None:
        return None
    rest = match["rest"]
    if _NOT_ANOTHER_WAVE.search(rest):
        return None
    continued = bool(_CONTINUED.search(rest))
    rest = _CONTINUED.sub("", rest)
    dated = _DATE_WORDS.search(rest) is not None
    if match["noun"] and match["noun"].lower() in ("t", "w", "time"):
        # "T1:" and "W2:" open speakers' turns and "Time 3 - 00:05:40" a tape's marks: these need a date or "interview",
        # and little else ("W1: I met her on 3 March 2019 at the centre" is a turn).
        if rest.strip() and not dated and not re.match(r"(?i)^[\s\-–—:,.(\[]*interview\b", rest):
            return None
        if len(_DATE_WORDS.sub(" ", rest).split()) > 3:
            return None
    elif not dated and not _REST_WORDS.match(rest):
        return None  # "Second interview, I was very nervous": a sentence, not a heading
    position = _position(match, previous)
    if position is None:
        return None
    noun = match["noun"]
    numbered_by = None if noun is None else "interview" if noun.lower() == "interview" else "wave"
    return position, numbered_by, continued


#: A heading naming whom one interview is with: "## Entrevista com Luísa Maria", "Interview with Ann Lee",
#: "Entretien avec …", "Intervista a …", "Interview mit …": the word, a preposition, then a capitalised name.
_PERSON_HEADING = re.compile(
    r"(?im)^[ \t]*(?:#{1,6}[ \t]+)?[*_]*(?:interview|entrevista|entretien|intervista|wywiad)[ \t]+"
    r"(?:with|com|con|a|avec|mit|met|z)[ \t]+(?:(?:o|a|el|la|le|the|dr\.?|prof\.?|sr\.?|sra\.?)[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,4})[*_]*[ \t]*$"
)


def people_headings(text: str) -> list[str]:
    """The different people a file's headings say its interviews are with, where there are two or more; else [].

    A file of several people's interviews under headings of their own ("## Entrevista com Vinícius …",
    "## Entrevista com Luísa Maria") is read as one document of one case: this names them so the reader is told.

    Examples
    --------
    >>> people_headings("# Interviews\\n## Interview with Ann Lee\\nQ: Hi\\n## Interview with Bo Chan\\nQ: Hi\\n")
    ['Ann Lee', 'Bo Chan']
    >>> people_headings("## Interview with Ann Lee\\nQ: Hi\\n## Interview with Ann Lee\\nQ: Again\\n")
    []
    """
    names = list(dict.fromkeys(found["name"] for found in _PERSON_HEADING.finditer(text) if found["name"][:1].isupper()))
    return names if len(names) >= 2 else []


def is_wave_heading(line: str) -> bool:
    """Whether a line reads as a heading naming one of a person's interviews ("Interview 2 - 4 June 2020").

    Examples
    --------
    >>> is_wave_heading("Interview 2 - 4 June 2020"), is_wave_heading("Interview 2 went well, she said.")
    (True, False)
    """
    return _heading(line, 0) is not None


def find_sections(text: str) -> Sections:
    """The interviews a transcript holds under headings of their own, or why headings found are not read so.

    A heading is a short line of its own that opens by naming one of a person's interviews
    ("Interview 2 - 4 June 2020", "Second interview", "Wave 3", "T2 interview (May 2019)",
    "Baseline interview", "Follow-up interview", "## Interview 1") and says nothing else but a
    date, the kind of interview or whom it was with. A file holds several interviews when two
    or more such headings number them in increasing order (from 0 or 1), each with at least
    :data:`SECTION_WORDS` words under it. Headings at the top with no words under them are a
    table of contents; a heading saying the interview is continued ("Interview 2 (continued)")
    opens no new one; the words before the first heading belong to the first interview.

    Parameters
    ----------
    text : str
        A transcript's stored text.

    Returns
    -------
    Sections
        ``found``: the interviews in order, each a :class:`WaveSection`, or None; ``doubt``: why
        two or more headings are not read as interviews (not in order, too few words under one,
        two ways of counting), else None.

    Examples
    --------
    >>> text = ("Ann, pseudonym\\nInterview 1 - 12 March 2019\\nI: How did it start?\\nAnn: My neighbour told me "
    ...         "about the garden and I went along on a Tuesday to see what it was like.\\n"
    ...         "Interview 2 - 4 June 2020\\nI: What has changed?\\nAnn: Now I run the Tuesday session with two "
    ...         "others and we plan the rota together every month.\\n")
    >>> [(s.position, s.heading, s.line) for s in find_sections(text).found]
    [(1, 'Interview 1 - 12 March 2019', 2), (2, 'Interview 2 - 4 June 2020', 5)]
    >>> find_sections("I: Which interview was that?\\nAnn: Interview 2, I think.")
    Sections(found=None, doubt=None)
    """
    headings: list[_Heading] = []
    previous = 0
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        read = _heading(line, previous)
        if read is None:
            continue
        position, numbered_by, continued = read
        if continued and headings and position == headings[-1].position:
            continue  # the same interview after a break
        headings.append(_Heading(position, start, line.strip(), number, numbered_by))
        previous = position

    def words_under(index: int) -> int:
        end = headings[index + 1].start if index + 1 < len(headings) else len(text)
        return len(text[headings[index].start : end].split()) - len(headings[index].heading.split())

    while len(headings) > 2 and words_under(0) < SECTION_WORDS:
        headings.pop(0)  # a table of contents above the interviews
    if len(headings) < 2:
        return Sections(None)
    from ._qdpx_read import _listed  # the one way a warning lists "the first few, and N more"

    listed = _listed([f"{h.heading!r} (line {h.line})" for h in headings], 4)
    if len({h.numbered_by for h in headings} - {None}) > 1:
        return Sections(None, f"its headings count two ways (interviews and waves): {listed}")
    if headings[0].position == 0:
        headings = [
            h._replace(position=h.position + 1) for h in headings
        ]  # T0, T1, T2: a baseline counted from 0
    for before, after in zip(headings, headings[1:]):
        if after.position <= before.position:
            return Sections(
                None,
                f"its headings do not count up: {before.heading!r} (line {before.line}) then {after.heading!r} (line {after.line})",
            )
        if after.position - before.position > _LARGEST_GAP:
            return Sections(
                None,
                f"its headings skip {after.position - before.position - 1} waves: {before.heading!r} then {after.heading!r}",
            )
    if headings[0].position > _LATEST_FIRST:
        return Sections(
            None,
            f"its first heading numbers wave {headings[0].position}: {headings[0].heading!r} (line {headings[0].line})",
        )
    sections = []
    for index, heading in enumerate(headings):
        words = words_under(index)
        if words < SECTION_WORDS:
            return Sections(
                None,
                f"{heading.heading!r} (line {heading.line}) has {words} word(s) under it, not an interview's",
            )
        end = headings[index + 1].start if index + 1 < len(headings) else len(text)
        sections.append(
            WaveSection(
                heading.position, 0 if index == 0 else heading.start, end, heading.heading, heading.line
            )
        )
    return Sections(sections)


def wave_sections(text: str) -> list[WaveSection] | None:
    """The interviews a transcript holds under headings of their own, in order, or None (:func:`find_sections`).

    Examples
    --------
    >>> wave_sections("Interview 1\\n" + "Ann: words " * 10 + "\\nInterview 2\\n" + "Ann: more words " * 8)[1].heading
    'Interview 2'
    """
    return find_sections(text).found


def section_source(
    source: SourceText, section: WaveSection, *, first: bool, heading_date: bool
) -> SourceText:
    """The part of ``source`` a section covers, as its own document's source: every offset moved to the section's text.

    What the reader left out or could not read (``removed``, ``unread``) is the file's, said once with its
    first section; who the file says its speakers are holds in every section. With ``heading_date``, the
    heading is the part's header (:func:`._segment.header_date` dates the part by it, whatever lies above it).
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
        row_codes=[(a - start, b - start, code) for a, b, code in source.row_codes if start <= a < end],
        header=section.heading if heading_date else "",
    )


def can_hold_sections(source: SourceText) -> bool:
    """Whether a file's text is one a person may have written several interviews into, one after another.

    Not a file whose reader gave its turns (captions, a chat, a CHAT or TEI transcript), or one that dates
    itself (front matter, an archive's record: one interview).
    """
    return source.turns is None and source.date is None and not source.header


def new_wave_id(position: int, taken: set[str]) -> str:
    """The id of a wave added for the ``position``-th interview of a file (``W3``), not one of ``taken``."""
    wave_id = f"W{position}"
    while wave_id in taken:
        wave_id += "'"
    return wave_id


def wave_in_progress(day: date, starts: list[tuple[str, date]]) -> str:
    """The wave in progress on ``day``: the last of ``starts`` (wave id, first day, in order) begun by then, else the first.

    A diary kept between interviews belongs to the wave whose fieldwork began last: its entries of June, after a
    March wave and before a September one, are the March wave's.

    >>> from datetime import date
    >>> starts = [("W1", date(2025, 3, 1)), ("W2", date(2025, 9, 1))]
    >>> [wave_in_progress(date(2025, m, 2), starts) for m in (1, 3, 6, 9, 12)]
    ['W1', 'W1', 'W1', 'W2', 'W2']
    """
    found = starts[0][0]
    for wave_id, first in starts:
        if first <= day:
            found = wave_id
    return found


def wave_of_day(day: date, spans: list[tuple[str, date, date]]) -> tuple[str | None, bool]:
    """The wave a document dated ``day`` falls in, and whether that wave's dates hold it; (None, False) before them all.

    ``spans``: the study's dated waves, (wave id, first day, last day) in order.  The wave whose dates
    hold the day, else, between or after waves, the wave in progress (:func:`wave_in_progress`): minutes
    of October, after a September round of interviews, are that wave's.  A day before the first wave
    begins falls in none.

    >>> from datetime import date
    >>> spans = [("W1", date(2025, 3, 1), date(2025, 3, 9)), ("W2", date(2025, 9, 1), date(2025, 9, 20))]
    >>> [wave_of_day(date(2025, m, 5), spans) for m in (1, 3, 6, 10)]
    [(None, False), ('W1', True), ('W1', False), ('W2', False)]
    """
    held = next((wave_id for wave_id, first, last in spans if first <= day <= last), None)
    if held is not None:
        return held, True
    if not spans or day < spans[0][1]:
        return None, False
    return wave_in_progress(day, [(wave_id, first) for wave_id, first, _ in spans]), False


def entry_waves(text: str, starts: list[tuple[str, date]], *, dayfirst: bool = True) -> list[WaveSection] | None:
    """A diary's or notes' dated entries cut by wave: one section per wave in progress (:func:`wave_in_progress`).

    ``starts``: the study's dated waves, (wave id, first day) in order.  Text before the first dated
    entry (a title) goes with the first section, an undated entry with the one before it.  ``position``
    is the wave's place in ``starts`` (1 the first), ``heading`` the first entry's date.  None when the
    text holds no dated entry, or its entries' waves go back (entries out of date order: read whole).

    >>> from datetime import date
    >>> notes = "My diary\\n\\n2 June 2025\\nQuiet shift.\\n\\n20 November 2025\\nWe covered for Sam."
    >>> starts = [("W1", date(2025, 3, 1)), ("W2", date(2025, 9, 1))]
    >>> [(s.position, s.heading, notes[s.start:s.end].split()[0]) for s in entry_waves(notes, starts)]
    [(1, '2025-06-02', 'My'), (2, '2025-11-20', '20')]
    """
    from ._segment import segment_entries

    entries = segment_entries(text, dayfirst=dayfirst)
    dated = [entry for entry in entries or () if entry.date is not None]
    if not dated or not starts:
        return None
    places = {wave_id: position for position, (wave_id, _) in enumerate(starts, start=1)}
    sections: list[WaveSection] = []
    previous_end = 0
    for entry in dated:
        position = places[wave_in_progress(entry.date, starts)]
        if sections and position < sections[-1].position:
            return None
        if not sections or position != sections[-1].position:
            # The new wave's text opens where the last entry's words end: its date line belongs to it.
            cut = 0 if not sections else len(text) - len(text[previous_end:].lstrip())
            if sections:
                sections[-1] = replace(sections[-1], end=cut)
            sections.append(WaveSection(position, cut, len(text), entry.date.isoformat(), text.count("\n", 0, cut) + 1))
        previous_end = entry.end
    return sections


def entries_in_no_wave(text: str, spans: list[tuple[str, date, date]], *, dayfirst: bool = True) -> list[tuple[date, str]]:
    """A diary's or notes' dated entries whose date no wave's dates hold: each entry's date and its wave in progress.

    ``spans``: the study's dated waves, (wave id, first day, last day) in order.  The entries are cut as
    :func:`entry_waves` cuts them, and each is still read at :func:`wave_in_progress` (returned second): this only
    says which fall outside every wave's fieldwork, for the study's own notes, whose wave is nothing but their date.

    >>> from datetime import date
    >>> notes = "2 March 2025\\nSession one.\\n\\n2 June 2025\\nA visit.\\n\\n20 September 2025\\nSession two.\\n"
    >>> spans = [("W1", date(2025, 3, 1), date(2025, 3, 31)), ("W2", date(2025, 9, 1), date(2025, 9, 30))]
    >>> entries_in_no_wave(notes, spans)
    [(datetime.date(2025, 6, 2), 'W1')]
    """
    from ._segment import segment_entries

    starts = [(wave_id, first) for wave_id, first, _ in spans]
    if not starts:
        return []
    return [
        (entry.date, wave_in_progress(entry.date, starts))
        for entry in segment_entries(text, dayfirst=dayfirst) or ()
        if entry.date is not None and not any(first <= entry.date <= last for _, first, last in spans)
    ]


#: Days in each unit of a time since the study began, by the unit's first letter ("6m", "12-month", "week 4", "year 2").
_DAYS_IN = {"w": 7, "m": 30, "y": 365}
#: A time since the study began: a number and its unit, or the unit and its number ("6month", "6 months", "6m",
#: "12-month follow-up", "month 6", "week 4", "year 2"); never "W1" (a wave) or "T1" (a time point).
_TIME_SINCE = re.compile(
    r"(?:(?P<n>\d{1,3})[ -]?(?P<unit>weeks?|wks?|w|months?|mths?|mos?|m|years?|yrs?|y)"
    r"|(?P<unit_first>weeks?|wk|months?|mo|years?|yr|y|m)[ -]?(?P<n_first>\d{1,3}))"
    r"(?:[ -]*(?:follow[ -]?up|fu|post|later|review|on))?"
)
#: A wave numbered in words ("second", "2nd wave", "wave two", "third interview").
_WORDED = re.compile(
    rf"(?P<ordinal>{_ORDINALS}|zeroth)(?:[ -](?:wave|round|sweep|interview|visit|time ?point))?"
    rf"|(?:wave|round|sweep|interview|visit|time|phase|session)[ -](?P<cardinal>{_CARDINALS})"
)
#: A wave's name that is the first, the last or a middle one: the heading's words, and "pre-…", "post-…", "midline".
_PLACE_WORD = re.compile(
    rf"(?P<first>{_FIRST_WORDS}|pre|pre[ -]\w+|pretest|preintervention|before)"
    rf"|(?P<last>{_LAST_WORDS}|post|post[ -]\w+|posttest|postintervention|after|end)"
    r"|(?P<middle>mid|midline|mid[ -]?point|mid[ -]?term|interim)"
)
#: Words after a wave's name that say what was done then, not when ("baseline interview", "6-month survey").
_DONE_THEN = re.compile(r"(?<=\w)[ -]+(?:interviews?|surveys?|questionnaires?|visits?|assessments?|wave|data)$")
#: The year a wave's name adds to its number, as ATLAS.ti's document groups often have it: "W2 - 2024", "Wave 3 (2025)".
_AND_YEAR = re.compile(r"(?P<wave>.*?\D)[ ,:/(–—-]*\b(?:19|20)\d\d\)?")


def wave_place(name: str) -> tuple[int, str, int] | None:
    """Where a wave's name puts it in time, as a sort key, or None where it says nothing of when.

    The key is (0 first, 1 between, 2 last; how the waves between are counted; their count):
    first words ("baseline", "intake", "initial", "pre", "pre-test"), last words ("final",
    "endline", "exit", "post"), a time since the study began in days ("6month", "6 m", "12-month
    follow-up", "month 6", "week 4", "year 2"), a number ("W1", "T0", "Wave 2", "Round 3",
    "2019", "second wave", a number with its year: "W2 - 2024"), a follow-up's number ("follow-up 1", "FU2", "follow-up" alone is the
    first), or a middle word ("midline").  Waves between are ordered by their names only where
    they are all counted the same way (:func:`order_waves`).

    Examples
    --------
    >>> [wave_place(w) for w in ["baseline", "6month", "12-month follow-up", "exit interview"]]
    [(0, '', 0), (1, 'time', 180), (1, 'time', 360), (2, '', 0)]
    >>> [wave_place(w) for w in ["T0", "W2", "second wave", "FU1", "spring", "group"]]
    [(1, 'number', 0), (1, 'number', 2), (1, 'number', 2), (1, 'follow-up', 1), None, None]
    >>> [wave_place(w) for w in ["W2 - 2024", "Wave 3 (2025)", "year 2024", "2023"]]
    [(1, 'number', 2), (1, 'number', 3), None, (1, 'number', 2023)]
    """
    text = _DONE_THEN.sub("", " ".join(name.replace("_", " ").lower().split()))
    if (dated := _AND_YEAR.fullmatch(text)) and (place := wave_place(dated["wave"].rstrip(" ,:/(–—-"))) is not None and place[1] == "number":
        return place  # "W2 - 2024" is the second wave; the year only says when
    word = _PLACE_WORD.fullmatch(text)
    if _FIRST_WAVE.fullmatch(text) or (word and word["first"]):
        return (0, "", 0)
    if _LAST_WAVE.fullmatch(text) or (word and word["last"]):
        return (2, "", 0)
    if word:
        return (1, "middle", 0)
    if found := _TIME_SINCE.fullmatch(text):
        return (1, "time", int(found["n"] or found["n_first"]) * _DAYS_IN[(found["unit"] or found["unit_first"])[0]])
    if found := _FOLLOW_UP.fullmatch(text):
        return (1, "follow-up", int(found.group(1) or found.group(2) or 1))
    if found := _WAVE_IN_NAME.fullmatch(text):
        return (1, "number", int(found.group(2)))
    if text.isdigit() and len(text) <= 4:
        return (1, "number", int(text))
    if found := _WORDED.fullmatch(text):
        return (1, "number", _NUMBER_WORDS.get(found["ordinal"] or found["cardinal"], int(found["cardinal"] or 0) if (found["cardinal"] or "").isdigit() else 0))
    if text in _NUMBER_WORDS and text not in ("i", "x"):
        return (1, "number", _NUMBER_WORDS[text])
    return None


class WaveOrder(NamedTuple):
    """The waves in order, how that order was decided and, where something else says another order, what it says."""

    waves: list[str]
    #: How, as the load notes say it: "in natural order", "in the order of their documents' dates (…)".
    how: str
    #: What decided: "given" (a mapping's own order), "dates", "names" or "natural".
    by: str
    #: What else orders them otherwise ("their names say baseline, 6month, 12month"), else None.
    doubt: str | None = None


def _by_dates(waves: list[str], dates: Mapping[str, Sequence[date]] | None) -> tuple[list[str], dict[str, date]] | None:
    """The waves by the middle date of their documents, where every wave has a dated document, and those dates."""
    if not dates or len(waves) < 2:
        return None
    middle = {wave: median_low(sorted(dates[wave])) for wave in waves if dates.get(wave)}
    if len(middle) < len(waves):
        return None
    return sorted(waves, key=lambda wave: (middle[wave], waves.index(wave))), middle


def lone_month(word: str) -> int | None:
    """The month a name's word is, written out with no year ("march", "September", "junio"), else None.

    Only whole names of months and "sept": "mar", "jun" and "marco" are words and names of their own.

    Examples
    --------
    >>> [lone_month(w) for w in ["march", "September", "junio", "may", "mar", "marco", "Ana"]]
    [3, 9, 6, 5, None, None, None]
    """
    from ._segment import _MONTHS

    word = word.casefold()
    if word == "marco" or (len(word) < 5 and word not in ("may", "june", "july", "sept")):
        return None
    return _MONTHS.get(word)


#: The seasons as waves are named ("spring", "autumn"), in their order round the year (northern or southern alike).
_SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}


def round_the_year(places: set[int], *, length: int = 12) -> list[int]:
    """``places`` on a year's cycle of ``length`` (months 1–12, seasons 0–3) in the order a study that ran through them
    met them: after the widest gap between them round the year, when no fieldwork was done (October, March, June →
    March, June, October; November, January → November, January), the earliest first among equals.

    Examples
    --------
    >>> round_the_year({10, 3, 6}), round_the_year({11, 1, 3}), round_the_year({3, 9})
    ([3, 6, 10], [11, 1, 3], [3, 9])
    >>> round_the_year({3, 0}, length=4)  # winter, spring
    [3, 0]
    """
    ordered = sorted(places)
    gaps = _gaps_round_the_year(ordered, length)
    widest = max(gaps)
    start = min((index + 1) % len(ordered) for index, gap in enumerate(gaps) if gap == widest)
    return ordered[start:] + ordered[:start]


def _gaps_round_the_year(ordered: list[int], length: int) -> list[int]:
    """The gap after each of ``ordered`` (sorted places on a cycle of ``length``) to the next, round the year."""
    return [(ordered[(index + 1) % len(ordered)] - place) % length or length for index, place in enumerate(ordered)]


def _round_the_year(waves: list[str]) -> list[str] | None:
    """The waves in :func:`round_the_year`'s order, where every one is named by a month with no year ("march",
    "September") or every one by a season ("spring", "autumn"), no two the same, and one gap between them is the
    widest; else None ("spring", "autumn": six months either way, no order between them)."""
    for place_of, length in ((lone_month, 12), (lambda wave: _SEASONS.get(wave.casefold()), 4)):
        places = {wave: place_of(wave.replace("_", " ").strip()) for wave in waves}
        if len(waves) > 1 and None not in places.values() and len(set(places.values())) == len(waves):
            ordered = sorted(place for place in places.values() if place is not None)
            gaps = _gaps_round_the_year(ordered, length)
            if gaps.count(max(gaps)) > 1:
                return None
            order = round_the_year(set(ordered), length=length)
            return sorted(waves, key=lambda wave: order.index(places[wave]))  # type: ignore[arg-type]
    return None


def _by_names(waves: list[str]) -> list[str] | None:
    """The waves by their names' place in time (:func:`wave_place`), where every name says one and no two say the same."""
    places = {wave: wave_place(wave) for wave in waves}
    if len(waves) < 2 or any(place is None for place in places.values()) or len(set(places.values())) < len(waves):
        return None
    if len({place[1] for place in places.values() if place is not None and place[0] == 1}) > 1:
        return None  # "W2" beside "6month": counted two ways, no order between them
    return sorted(waves, key=lambda wave: places[wave])


def order_waves(
    waves: Sequence[str], *, dates: Mapping[str, Sequence[date]] | None = None, given: Sequence[str] | None = None, given_by: str = ""
) -> WaveOrder:
    """The order of waves no manifest declares: the one decision every path that infers waves takes.

    A mapping's own order wins (``given``: a CSV's rows, a mapping's keys; ``given_by`` names it);
    else, where every wave has a dated document (``dates``: a header's, a name's, a record's), the
    order of each wave's middle date; else, where every wave's name says its place in time
    (:func:`wave_place`: baseline first, "6month" before "12month", exit last), that order; else
    ``waves`` as they come (natural order, as the caller sorted them).  ``doubt`` says what
    the dates or the names say where they order the waves otherwise than the order chosen.

    Examples
    --------
    >>> order_waves(["6month", "12month", "baseline"]).waves
    ['baseline', '6month', '12month']
    >>> d = date
    >>> found = order_waves(["A", "B"], dates={"A": [d(2026, 3, 1)], "B": [d(2025, 9, 1), d(2025, 9, 8)]})
    >>> found.waves, found.by
    (['B', 'A'], 'dates')
    >>> found = order_waves(["6month", "baseline"], given=["6month", "baseline"], given_by="the table")
    >>> found.how, found.doubt
    ('in the order the table gives them', 'their names say baseline, 6month')
    >>> order_waves(["spring", "autumn", "group"]).how
    'in natural order'

    Months or seasons with no year are ordered round the year, after the widest gap between them:

    >>> order_waves(["april", "june", "march"]).waves, order_waves(["spring", "winter"]).waves
    (['march', 'april', 'june'], ['winter', 'spring'])
    >>> order_waves(["april", "june", "march"], dates={"june": [d(2025, 6, 12)], "march": [d(2026, 3, 10)]}).doubt
    "their documents' dates say june, march"
    """
    waves = list(dict.fromkeys(waves))
    dated = _by_dates(waves, dates)
    named = _by_names(waves)
    if given is not None:
        order = [wave for wave in dict.fromkeys(given) if wave in waves] + [wave for wave in waves if wave not in given]
        other = dated[0] if dated is not None else named
        said = "their documents' dates say" if dated is not None else "their names say"
        doubt = f"{said} {', '.join(other)}" if other is not None and other != order else None
        return WaveOrder(order, f"in the order {given_by} gives them", "given", doubt)
    if dated is not None:
        order, middle = dated
        doubt = f"their names say {', '.join(named)}" if named is not None and named != order else None
        if order == waves and doubt is None:
            return WaveOrder(order, "in natural order", "dates")
        spans = ", ".join(f"{wave} {middle[wave].isoformat()}" for wave in order)
        return WaveOrder(order, f"in the order of their documents' dates (each wave's middle date: {spans})", "dates", doubt)
    if named is not None:
        how = "in natural order" if named == waves else "in the order their names say in time"
        return WaveOrder(named, how, "names")
    if (cycled := _round_the_year(waves)) is not None:
        how = "in their order round the year from the widest gap between them (to check where the study ran over a year's end)"
        # Some waves dated, not all: where their dates order them otherwise, say so ("june" dated before "march").
        some = _by_dates([wave for wave in cycled if dates and dates.get(wave)], dates)
        doubt = None if some is None or some[0] == [wave for wave in cycled if wave in some[0]] else f"their documents' dates say {', '.join(some[0])}"
        return WaveOrder(cycled, how, "names", doubt)
    return WaveOrder(waves, "in natural order", "natural")
