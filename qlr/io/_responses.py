"""Open answers collected by survey tools: the manifest's ``responses:`` files, one document per respondent and wave.

A survey export (Qualtrics, SurveyMonkey, Google Forms, Microsoft Forms, REDCap,
LimeSurvey, or a diary typed into a spreadsheet) holds a row per response: an id, a
date, metadata and closed questions, and the answers to the round's open questions.
Each respondent is a case and each round (a file, or REDCap's event column) a wave;
the open questions are the interviewer's turns and the answers the participant's, so
an answer that echoes its question is marked prompted as in an interview.

What this module decides, once: how a tool lays out its header rows (:func:`_layout`),
which columns are open questions (:func:`_free_text`, unless the entry lists them),
which hold personal data and are never read (:func:`_personal`), and the text of
each document (:func:`_document`).  Everything it leaves out is named in the load
notes; rows it cannot place are a warning with their row numbers.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from natsort import natsorted

from .._check import check_id
from .._decode import decode_bytes, table_delimiter, workbook_size_checked
from .._warned import warn
from .._words import first_few
from .._yaml import LineDict, check_keys
from ..errors import (
    InvalidParameterError,
    ManifestError,
    RowsRefusedWarning,
    SourceNotFoundError,
    UndeclaredIdError,
    UnreadTextWarning,
)
from ._plan import _DocSpec
from ._readers import SourceText, Turn

__all__: list[str] = []

#: The keys of one ``responses:`` entry.
RESPONSE_KEYS = ("path", "case", "wave", "wave_column", "waves", "date", "questions")
#: The file types a ``responses:`` entry reads.
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
#: The speaker labels of a survey document's turns and their roles.
QUESTION, RESPONDENT = "Question", "Respondent"
SPEAKERS = {QUESTION.lower(): "interviewer", RESPONDENT.lower(): "participant"}
#: At most this many names are listed in one note.
_LISTED = 6


def _squash(name: str) -> str:
    """A column name compared loosely: lower case, without spaces, underscores, dashes or brackets."""
    return re.sub(r"[\s_\-()\[\]:.?]+", "", name.lower())


#: Columns the tools add to every response (Qualtrics, SurveyMonkey, Google Forms, Microsoft
#: Forms, LimeSurvey, REDCap): never guessed to be open questions.
_METADATA = frozenset(
    _squash(name)
    for name in (
        "StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId",
        "ResponseID", "ResponseSet", "ExternalReference", "ExternalDataReference", "LocationLatitude", "LocationLongitude",
        "LocationAccuracy", "DistributionChannel", "UserLanguage", "Q_RecaptchaScore", "Respondent ID", "Collector ID",
        "Custom Data 1", "Timestamp", "Score", "Start time", "Completion time", "Last modified time", "id", "submitdate",
        "lastpage", "startlanguage", "seed", "datestamp", "refurl", "token", "record_id", "redcap_event_name",
        "redcap_repeat_instrument", "redcap_repeat_instance", "redcap_data_access_group", "redcap_survey_identifier",
    )
)
#: Column names that say they hold personal data, as whole words of the name (its camel case and
#: underscores split): never read into the text, never guessed as an id, unless its answers are sentences.
_PERSONAL_WORDS = re.compile(
    r"\b(?:e ?mail|e ?mail address|phone|phone number|telephone|mobile number|cell ?phone|fax|ip|ip address"
    r"|(?:postal |home |street |mailing )?address|post ?code|zip ?code|zip|dob|date of birth|birth ?date|birthday"
    r"|(?:first|last|full|given|family|middle|sur|user) ?name|surname|contact info(?:rmation)?|contact details)\b"
    r"|\bname$|^mobile$|^tel$",
)
_LINK = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
#: The respondent id, by the column names the tools give it, most lasting first (an id that stays across waves).
_ID_COLUMNS = tuple(
    _squash(name)
    for name in ("participant_id", "participant", "pid", "respondent", "record_id", "study_id", "ExternalReference", "ExternalDataReference", "Respondent ID", "ResponseId", "ResponseID", "id", "ID")
)
#: Ids of one response, not of one person: a respondent answering two waves has two.
_RESPONSE_IDS = frozenset(_squash(name) for name in ("Respondent ID", "ResponseId", "ResponseID", "id"))
#: The date of a response, by the tools' names, the finished one first.
_DATE_COLUMNS = tuple(_squash(name) for name in ("RecordedDate", "EndDate", "End Date", "Timestamp", "submitdate", "Completion time", "datestamp", "StartDate", "Start Date", "Start time", "date"))
#: SurveyMonkey's second header row under a question of one column.
_MONKEY_ANSWER = frozenset({"response", "open-ended response"})


#: Qualtrics' Status values of responses that are not a respondent's: the researcher's previews and
#: generated test responses, and what it flags as spam (as choice text, and as the numeric codes
#: 1 preview, 2 test, 8 spam, 9 preview spam, 12 imported spam, 17 offline preview).
_NOT_A_RESPONDENT = frozenset(
    {"survey preview", "survey test", "spam", "preview spam", "imported spam", "offline survey preview", "1", "2", "8", "9", "12", "17"}
)


def _not_respondents(table: _Table) -> dict[int, str]:
    """Rows (indexes into ``table.rows``) a Qualtrics export marks as previews, tests or spam, with the mark."""
    if not table.tool.startswith("Qualtrics"):
        return {}
    # Qualtrics' own column: "Status" worded "Response Type" (its legacy exports: V-codes over "Status"), not a
    # question the researcher named Status, whose answers 1, 2, 8… are a respondent's.
    status = next(
        (
            column
            for column, (key, text) in enumerate(zip(table.keys, table.texts))
            if (_squash(key) == "status" and _squash(text) == "responsetype") or (table.tool == "Qualtrics (legacy)" and _squash(text) == "status")
        ),
        None,
    )
    if status is None:
        return {}
    return {index: row[status].strip() for index, row in enumerate(table.rows) if " ".join(row[status].lower().split()) in _NOT_A_RESPONDENT}


def _unfinished(table: _Table, rows: list[int]) -> int:
    """How many of ``rows`` Qualtrics marks as not finished (Finished False or 0)."""
    if not table.tool.startswith("Qualtrics"):
        return 0
    finished = table.column_named(("finished",))
    if finished is None:
        return 0
    return sum(table.rows[index][finished].strip().lower() in ("false", "0") for index in rows)


@dataclass
class _Table:
    """A survey export read whole: its columns (id and wording) and its rows, as text."""

    path: Path
    tool: str
    keys: list[str]
    texts: list[str]
    rows: list[list[str]]
    first_row: int  # the spreadsheet row number of rows[0]
    sha256: str
    encoding: str | None
    open_columns: set[int] = field(default_factory=set)  # columns the tool itself marks as typed answers

    def names(self, column: int) -> str:
        key, text = self.keys[column], self.texts[column]
        return key if not text or text == key else f"{key} ({text[:40]}{'…' if len(text) > 40 else ''})" if key else text

    def shown(self, column: int) -> str:
        return self.keys[column] if self.keys[column] and not re.fullmatch(r"V\d+", self.keys[column]) else self.texts[column] or self.keys[column]

    def column_named(self, names: tuple[str, ...] | frozenset[str], start: int = 0) -> int | None:
        """The first column (from ``start``) whose id or wording is one of ``names`` (squashed), in the order of ``names``."""
        squashed = [(_squash(key), _squash(text)) for key, text in zip(self.keys, self.texts)]
        for name in names:
            for column in range(start, len(squashed)):
                if name in squashed[column]:
                    return column
        return None


def _grid(path: Path, *, what: str = "survey export") -> tuple[list[list[str]], str, str | None]:
    """A file's cells as rows of strings, its sha256 and encoding: CSV or TSV in any encoding qlr reads, or a workbook's first sheet.

    ``what`` the table is, as an error names it (a survey export, a data list, a transcript table).
    """
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import pandas as pd

        workbook_size_checked(path, ManifestError, line=1)
        table = pd.read_excel(io.BytesIO(data), header=None, dtype=str, keep_default_na=False)
        return [["" if value is None else str(value) for value in row] for row in table.itertuples(index=False)], digest, None
    if suffix == ".xls":
        raise ManifestError(f"a {what} in the old Excel format (.xls) cannot be read", path=path, line=1, hint="save the sheet as .xlsx or as CSV (UTF-8)")
    text, encoding = decode_bytes(data, path)
    delimiter = table_delimiter(text, suffix)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ManifestError(f"the {what} is not a readable table ({exc})", path=path, line=1, hint="save it again as CSV (UTF-8)") from None
    return rows, digest, encoding


def _layout(grid: list[list[str]]) -> tuple[str, int, list[str], list[str], set[int]]:
    """(tool, header rows, column ids, question wordings, open columns) of an export, by its header rows.

    Qualtrics writes three (ids, wordings, ``{"ImportId": …}``) and its older exports two (``V1``…
    codes, wordings); SurveyMonkey two (wordings, then "Response", "Open-Ended Response" or each
    option); Google Forms, Microsoft Forms, REDCap and LimeSurvey one.

    Examples
    --------
    >>> _layout([["ResponseId", "Q1"], ["Response ID", "Why?"], ['{"ImportId":"_recordId"}', '{"ImportId":"QID1_TEXT"}'], ["R_1", "Because"]])
    ('Qualtrics', 3, ['ResponseId', 'Q1'], ['Response ID', 'Why?'], {1})
    >>> _layout([["Timestamp", "What changed?"], ["2024/05/01 10:00:00", "Not much"]])[:2]
    ('Google Forms', 1)
    """
    first = [cell.strip() for cell in grid[0]]
    second = [cell.strip() for cell in grid[1]] if len(grid) > 1 else []
    third = [cell.strip() for cell in grid[2]] if len(grid) > 2 else []
    width = len(first)

    def padded(row: list[str]) -> list[str]:
        return (row + [""] * width)[:width]

    if third and sum(cell.startswith('{"ImportId"') for cell in third) >= max(1, len([c for c in third if c]) // 2):
        open_columns = {i for i, cell in enumerate(padded(third)) if re.search(r'"ImportId"\s*:\s*"[^"]*_TEXT"', cell)}
        return "Qualtrics", 3, padded(first), padded(second), open_columns
    if first[:2] == ["V1", "V2"] and any(_squash(cell) == "responseid" for cell in second):
        return "Qualtrics (legacy)", 2, padded(first), padded(second), set()
    if _squash(first[0]) == "respondentid" and second and not second[0] and any(cell.lower() in _MONKEY_ANSWER for cell in second):
        texts, keys, open_columns, asked = [], [], set(), ""
        for i, (top, under) in enumerate(zip(padded(first), padded(second))):
            asked = top or asked  # a question of several columns names itself over the first
            if under.lower() == "open-ended response":
                open_columns.add(i)
            text = asked if not under or under.lower() in _MONKEY_ANSWER else f"{asked} - {under}" if asked else under
            texts.append(text)
            keys.append(text if under and under.lower() not in _MONKEY_ANSWER else top or text)
        return "SurveyMonkey", 2, keys, texts, open_columns
    return _one_header_tool(first), 1, first, list(first), set()


#: The tools that write one header row, by a column only they write.
_ONE_HEADER_TOOLS = (
    ("REDCap", ("redcapeventname", "redcaprepeatinstrument", "redcapsurveyidentifier")),
    ("LimeSurvey", ("submitdate", "lastpage", "startlanguage")),
    ("Microsoft Forms", ("completiontime",)),
    ("Google Forms", ("timestamp",)),
)


def _one_header_tool(header: list[str]) -> str:
    """Which tool wrote a one-header export, by the columns only it writes ("a spreadsheet" when none says).

    Examples
    --------
    >>> _one_header_tool(["Timestamp", "Email Address", "How was it?"]), _one_header_tool(["code", "answer"])
    ('Google Forms', 'a spreadsheet')
    """
    names = {_squash(cell) for cell in header}
    return next((tool for tool, marks in _ONE_HEADER_TOOLS if names & set(marks)), "a spreadsheet")


def read_table(path: Path) -> _Table:
    """A survey export, read whole, with its layout."""
    grid, digest, encoding = _grid(path)
    grid = [row for row in grid if any(cell.strip() for cell in row)]
    if not grid:
        raise ManifestError("the survey export is empty", path=path, line=1, hint="export the responses again from the survey tool")
    tool, header, keys, texts, open_columns = _layout(grid)
    width = len(keys)
    rows = [(row + [""] * width)[:width] for row in grid[header:]]
    # A trailing delimiter (Qualtrics' older exports) leaves a column with no name and no value.
    kept = [i for i in range(width) if keys[i] or texts[i] or any(row[i].strip() for row in rows)]
    return _Table(
        path=path,
        tool=tool,
        keys=[keys[i] for i in kept],
        texts=[" ".join(texts[i].split()) for i in kept],
        rows=[[row[i] for i in kept] for row in rows],
        first_row=header + 1,
        sha256=digest,
        encoding=encoding,
        open_columns={kept.index(i) for i in open_columns if i in kept},
    )


def _name_words(name: str) -> str:
    """A column name as lower-case words: camel case, underscores, dashes and dots split ("RecipientFirstName" → "recipient first name").

    Examples
    --------
    >>> _name_words("IPAddress"), _name_words("telephone_1"), _name_words("E-mail Address")
    ('ip address', 'telephone 1', 'e mail address')
    """
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)
    return " ".join(re.sub(r"[^\w]+|_", " ", name.lower()).split())


def _sentence(value: str) -> bool:
    """Whether an answer is typed prose: four words or more, most of them lower case (no name, address or number is)."""
    words = re.findall(r"[^\W\d_]+", _LINK.sub(" ", value))
    return len(words) >= 4 and 2 * sum(word[0].islower() for word in words) > len(words)


def _personal(table: _Table, column: int) -> bool:
    """Whether a column holds personal data: its name says so and its answers are not sentences, or its values are e-mail or IP addresses.

    Only a short name counts ("Email", "What is your name?", SurveyMonkey's "Contact information -
    Phone"), and only its whole words: "How did the staff address your concerns?" is no address,
    "Your birth story" no date of birth; and "Phone use this week", whose answers are sentences
    ("I was on my phone all night"), is a question, not a telephone number.
    """
    values = [row[column].strip() for row in table.rows if row[column].strip()]
    if values and sum(bool(_EMAIL.match(v) or _IPV4.match(v)) for v in values) >= len(values) / 2:
        return True
    names = {part for name in (table.keys[column], table.texts[column]) for part in name.split(" - ") if part and len(part.split()) <= 4}
    if not any(_PERSONAL_WORDS.search(_name_words(name)) for name in names):
        return False
    return not values or 2 * sum(map(_sentence, values)) < len(values)


def _free_text(values: list[str]) -> bool:
    """Whether a column's answers are typed, not chosen: mostly of three words or more, and varied.

    Examples
    --------
    >>> _free_text(["It got harder after the move", "We talk more now", "", "Nothing changed really"])
    True
    >>> _free_text(["Strongly agree", "Agree", "Strongly agree", "Disagree", "Agree", "Agree"])
    False
    >>> _free_text(["https://gofund.example/jane", "N/A"]), _free_text(["2015-04-02", "2016-01-03 10:00:02"])
    (False, False)
    >>> _free_text(["2015-04-02", "2016-01-03 10:00:02", "2015-05-09"])
    False
    >>> _free_text(["More than 5 hours", "2 hours", "More than 5 hours", "1 hour", "More than 5 hours", "2 hours"])
    False
    """
    answers = [v.strip() for v in values if v.strip()]
    if not answers:
        return False
    # Words hold a letter, outside links and addresses: a date, a number ("2015-04-02", "3.5") or a URL is no sentence.
    wordy = sum(len(re.findall(r"\w*[^\W\d_]\w*", _LINK.sub(" ", a))) >= 3 for a in answers) / len(answers)
    varied = len(set(answers)) / len(answers)
    return wordy >= 0.5 and (len(answers) < 5 or varied >= 0.6)


def _find(table: _Table, name: Any, what: str, manifest: Path, line: int) -> int:
    """The column an entry names, by its id or its wording (exactly, else loosely); one clear error otherwise."""
    wanted = str(name).strip()
    for match in (lambda s: s == wanted, lambda s: _squash(s) == _squash(wanted)):
        found = [i for i in range(len(table.keys)) if match(table.keys[i]) or match(table.texts[i])]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ManifestError(
                f"{what} {wanted!r} names {len(found)} columns of {table.path.name} ({', '.join(table.names(i) for i in found[:3])})",
                path=manifest,
                line=line,
                hint="name the column by its id (the first header row) so it names one",
            )
    shown = ", ".join(table.shown(i) for i in range(min(len(table.keys), 12))) + (" …" if len(table.keys) > 12 else "")
    raise ManifestError(
        f"{what} {wanted!r} is not a column of {table.path.name}; its columns are {shown}",
        path=manifest,
        line=line,
        hint=f"write the column's name as its header has it (the first row{'s' if table.first_row > 2 else ''} of the export)",
    )


def _id_column(table: _Table, manifest: Path, line: int) -> tuple[int, str | None]:
    """The respondent id column when the entry names none, and a caution when it is a response's id, not a person's."""
    if table.tool == "REDCap":
        return 0, None  # REDCap's first column is always the record's id, whatever its name
    for name in _ID_COLUMNS:
        column = table.column_named((name,))
        if column is not None:
            if not all(row[column].strip() for row in table.rows):
                continue  # an ExternalReference left empty for anonymous links
            caution = f"column {table.shown(column)!r} identifies a response, not a person: a respondent who answered two waves is two cases unless 'case:' names a column that stays the same" if name in _RESPONSE_IDS else None
            return column, caution
    raise ManifestError(
        f"{table.path.name} has no respondent id column qlr knows ({table.tool}; columns: {', '.join(table.shown(i) for i in range(min(len(table.keys), 10)))})",
        path=manifest,
        line=line,
        hint="name the column that holds each respondent's id, the same in every wave:  case: participant_id",
    )


def _dates(values: list[str], dayfirst: bool) -> tuple[list[date | None], str | None]:
    """Each value's day (a tool's timestamp: ISO, 2024/05/01, 5/1/2024 10:00 AM), and a note when day-month order was a guess."""
    numeric = [re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", v) for v in values]
    firsts = [int(m.group(1)) for m in numeric if m]
    seconds = [int(m.group(2)) for m in numeric if m]
    order_note = None
    if any(n > 12 for n in firsts):
        dayfirst = True
    elif any(n > 12 for n in seconds):
        dayfirst = False
    elif firsts:
        order_note = f"dates such as {next(v for v, m in zip(values, numeric) if m)!r} read {'day' if dayfirst else 'month'} first (segmentation.dayfirst)"
    days: list[date | None] = []
    for value, match in zip(values, numeric):
        iso = re.match(r"\s*(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", value)
        try:
            if iso:
                days.append(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
            elif match:
                a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
                year += 2000 if year < 100 else 0
                days.append(date(year, b, a) if dayfirst else date(year, a, b))
            else:
                days.append(None)
        except ValueError:
            days.append(None)
    return days, order_note


@dataclass
class _Entry:
    """One ``responses:`` entry, its columns resolved against one file."""

    table: _Table
    line: int
    case: int
    wave: str | None
    wave_column: int | None
    waves: dict[str, str]
    date: int | None
    questions: list[tuple[int, str]]  # (column, the question's wording)
    notes: list[str]
    listed: bool = False  # the entry lists its questions ('questions:')
    personal: list[int] = field(default_factory=list)
    response_id: int | None = None  # the id column, guessed, when it identifies a response and not a person



def _resolve(table: _Table, entry: LineDict, line: int, manifest: Path, dayfirst: bool) -> _Entry:
    """Which column is the id, the wave, the date and the open questions, and what the rest are."""
    notes: list[str] = []
    response_id = None
    if entry.get("case") is not None:
        case = _find(table, entry["case"], "'case:'", manifest, entry.line_of("case"))
    else:
        case, caution = _id_column(table, manifest, line)
        notes.append(f"respondent id from column {table.shown(case)!r}")
        if caution:
            notes.append(caution)
            response_id = case
    wave_column = _find(table, entry["wave_column"], "'wave_column:'", manifest, entry.line_of("wave_column")) if entry.get("wave_column") is not None else None
    if wave_column is None and entry.get("wave") is None:
        raise ManifestError(
            f"the responses entry for {table.path.name} gives no wave",
            path=manifest,
            line=line,
            hint="give the round this file holds (wave: W1), or the column that says it (wave_column: redcap_event_name)",
        )
    waves = entry.get("waves") or {}
    if not isinstance(waves, dict):
        raise ManifestError("'waves:' of a responses entry must map the wave column's values to wave ids", path=manifest, line=entry.line_of("waves"), hint="e.g.  waves: {baseline_arm_1: W1, visit_1_arm_1: W2}")
    if entry.get("date") is not None:
        date_column: int | None = _find(table, entry["date"], "'date:'", manifest, entry.line_of("date"))
    else:
        date_column = table.column_named(_DATE_COLUMNS)
    used = {case, wave_column, date_column}
    personal = [i for i in range(len(table.keys)) if i not in used and _personal(table, i)]
    listed = entry.get("questions")
    if listed is not None:
        if isinstance(listed, dict):
            pairs = [(_find(table, name, "a question", manifest, listed.line_of(name) if isinstance(listed, LineDict) else line), str(asked)) for name, asked in listed.items()]
        elif isinstance(listed, list):
            pairs = [(column, table.texts[column] or table.keys[column]) for column in (_find(table, name, "a question", manifest, entry.line_of("questions")) for name in listed)]
        else:
            raise ManifestError("'questions:' must list the open questions' columns", path=manifest, line=entry.line_of("questions"), hint="e.g.  questions: [Q2, Q5]  or  questions: {comments: 'Anything else?'}")
        clash = [table.shown(column) for column, _ in pairs if column in used]
        if clash:
            raise ManifestError(f"'questions:' names the id, wave or date column ({', '.join(clash)})", path=manifest, line=entry.line_of("questions"), hint="list only the columns that hold answers")
        questions = pairs
        chosen = {column for column, _ in pairs}
        personal = [i for i in personal if i not in chosen]  # a column the researcher named is read, whatever its name
    else:
        questions = [(i, table.texts[i] or table.keys[i]) for i in _closed(table, used, personal) if i in table.open_columns or _free_text([row[i] for row in table.rows])]
    if date_column is None:
        notes.append("no date column (name one with 'date:')")
    else:
        notes.append(f"dates from column {table.shown(date_column)!r}")
    mapped = {str(k): None if v is None else str(v) for k, v in waves.items()}
    return _Entry(table, line, case, None if entry.get("wave") is None else str(entry["wave"]), wave_column, mapped, date_column, questions, notes, listed is not None, personal, response_id)


def _metadata(table: _Table, column: int) -> bool:
    return bool({_squash(table.keys[column]), _squash(table.texts[column])} & _METADATA)


def _closed(table: _Table, used: set[int | None], personal: list[int]) -> list[int]:
    """The columns that may be questions: neither id, wave nor date, personal data or a tool's own column."""
    return [i for i in range(len(table.keys)) if i not in used and i not in personal and not _metadata(table, i)]


def _words(value: str) -> int:
    return len(re.findall(r"\w*[^\W\d_]\w*", _LINK.sub(" ", value)))


def _candidates(table: _Table, columns: list[int]) -> list[int]:
    """Of ``columns``, those holding words, most words first: the columns to offer as open questions."""
    counts = {i: sum(_words(row[i]) for row in table.rows) for i in columns}
    return sorted((i for i in columns if counts[i]), key=lambda i: -counts[i])


def _flow(names: list[str]) -> str:
    """Column names as a YAML flow list, quoted where YAML needs it.

    Examples
    --------
    >>> print(_flow(["Q2", "Anything new?", "What's new: the family"]))
    [Q2, "Anything new?", "What's new: the family"]
    """
    import json

    return "[" + ", ".join(name if re.fullmatch(r"[A-Za-z_][\w .-]*", name) and not name.endswith(" ") else json.dumps(name, ensure_ascii=False) for name in names) + "]"


def _decide_questions(resolved: list[tuple[Path, _Entry]], manifest: Path) -> None:
    """The open questions of the entries that do not list them, decided once over all the exports.

    A column whose id or wording is read as open in one export is open in every export
    (a question answered "No" by most in one wave is still the question asked in the
    last); a column holding an answer of five words or more that is still left out is
    a warning, as its words are not in the study.
    """
    open_names = {name for _, entry in resolved for column, _ in entry.questions for name in (_squash(entry.table.keys[column]), _squash(entry.table.texts[column])) if name}
    for file, entry in resolved:
        table = entry.table
        used = {entry.case, entry.wave_column, entry.date}
        closed = _closed(table, used, entry.personal)
        if not entry.listed:
            chosen = {column for column, _ in entry.questions}
            entry.questions += [(i, table.texts[i] or table.keys[i]) for i in closed if i not in chosen and {_squash(table.keys[i]), _squash(table.texts[i])} & open_names]
            entry.questions.sort()
            if not entry.questions:
                offered = [table.shown(i) for i in _candidates(table, closed)[:4]]
                raise ManifestError(
                    f"no column of {file.name} reads as an open question (answers mostly of three words or more, and varied)",
                    path=manifest,
                    line=entry.line,
                    hint=f"list the open questions' columns, e.g. (its columns with most words)  questions: {_flow(offered)}"
                    if offered
                    else "no column of the export holds typed words: check that it is the export of the responses, with their answers",
                )
        chosen = {column for column, _ in entry.questions}
        left = [i for i in sorted(range(len(table.keys)), key=lambda i: _metadata(table, i)) if i not in used and i not in chosen and i not in entry.personal]
        if not entry.listed:
            wordy = [i for i in left if not _metadata(table, i) and any(_words(row[i]) >= 5 for row in table.rows)]
            if wordy:
                rows = {i: sum(_words(row[i]) >= 5 for row in table.rows) for i in wordy}
                warn(
                    f"{file}: {len(wordy)} column(s) left out as closed questions hold answers of five words or more "
                    f"({first_few([f'{table.shown(i)}: {rows[i]} answer(s)' for i in wordy], shown=_LISTED)}); their words are not in the study. "
                    f"Fix: list the open questions under 'questions:' of its responses entry, e.g.  questions: {_flow([table.shown(i) for i in sorted(chosen | set(wordy))])}",
                    UnreadTextWarning,
                )
        said = [f"{len(entry.questions)} open question(s) read ({first_few([table.shown(c) for c, _ in entry.questions], shown=_LISTED)})"]
        if left:
            said.append(f"{len(left)} closed or metadata column(s) not read ({first_few([table.shown(i) for i in left], shown=_LISTED)})")
        if entry.personal:
            said.append(f"{len(entry.personal)} column(s) of personal data never read ({first_few([table.shown(i) for i in entry.personal], shown=_LISTED)})")
        entry.notes[len(entry.notes) - 1:len(entry.notes) - 1] = said  # before the date note, as ever


@dataclass
class _Response:
    row: int  # spreadsheet row number
    when: date | None
    answers: list[tuple[str, str]]


def _document(responses: list[_Response]) -> tuple[str, list[Turn]]:
    """A respondent's wave as text: each question on its line, the answer below it, a blank line between; and its turns.

    Examples
    --------
    >>> text, turns = _document([_Response(2, None, [("What changed?", "We moved."), ("Anything else?", "No")])])
    >>> print(text)
    What changed?
    We moved.
    <BLANKLINE>
    Anything else?
    No
    >>> [(t.speaker, text[t.start:t.end]) for t in turns][:2]
    [('Question', 'What changed?'), ('Respondent', 'We moved.')]
    """
    parts: list[str] = []
    turns: list[Turn] = []
    at = 0
    for response in responses:
        for asked, answer in response.answers:
            if parts:
                parts.append("\n\n")
                at += 2
            for speaker, words in ((QUESTION, asked), (RESPONDENT, answer)):
                if speaker == RESPONDENT:
                    parts.append("\n")
                    at += 1
                parts.append(words)
                turns.append(Turn(at, at + len(words), speaker))
                at += len(words)
    return "".join(parts), turns


def _clean_answer(value: str) -> str:
    """An answer as stored: its own line breaks kept, spaces at the ends of lines and blank lines inside it left out."""
    lines = [line.rstrip() for line in value.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line.strip())


def response_docs(
    entries: list[tuple[int, LineDict]],
    manifest: Path,
    check_wave: Callable[[Any, int, str], str],
    case_ids: set[str],
    dayfirst: bool,
) -> tuple[list[_DocSpec], list[str], list[str], dict[str, int]]:
    """(documents, load notes, waves in the order the files give them, {file key: manifest line}) of the ``responses:`` entries."""
    from ._naming import _key

    docs: list[_DocSpec] = []
    notes: list[str] = []
    wave_order: list[str] = []
    claimed: dict[str, int] = {}
    given: set[str] = set()
    resolved: list[tuple[Path, _Entry]] = []
    root = manifest.parent
    for line, entry in entries:
        check_keys(entry, RESPONSE_KEYS, path=manifest, where="a responses entry", error=ManifestError)
        if not entry.get("path"):
            raise ManifestError("a responses entry has no 'path'", path=manifest, line=line, hint="give the export's path relative to the manifest, e.g.  - path: surveys/wave1.csv")
        for file in _files(str(entry["path"]), root, manifest, line):
            if _key(file) in claimed:
                raise ManifestError(f"the survey export {file.name!r} is listed twice (first on line {claimed[_key(file)]})", path=manifest, line=line, hint="list each export once")
            claimed[_key(file)] = line
            resolved.append((file, _resolve(read_table(file), entry, line, manifest, dayfirst)))
    _decide_questions(resolved, manifest)
    for file, one in resolved:
        made, said = _documents(one, manifest, check_wave, case_ids, dayfirst, given, wave_order)
        docs.extend(made)
        shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
        notes.append(f"{shown}: {one.table.tool if one.table.tool != 'a spreadsheet' else 'spreadsheet'} export, {len(made)} document(s) of respondents by wave; " + "; ".join(one.notes + said))
    guessed = [(file, one) for file, one in resolved if one.response_id is not None]
    if len(wave_order) > 1 and guessed:
        # A response's own id is new every wave: taken as the person's, each respondent would be a new case in every wave.
        file, one = guessed[0]
        column = one.table.shown(one.response_id)  # type: ignore[arg-type]
        raise ManifestError(
            f"{file.name}: the respondent id would be column {column!r}, which identifies a response, not a person; over {len(wave_order)} waves "
            "every respondent would be a new case in each wave",
            path=manifest,
            line=one.line,
            hint=f"name the column holding each respondent's own id, the same in every wave (a panel id, ExternalReference, a participant code):  case: <column>; if {column!r} is that id, write  case: {column}",
        )
    return docs, notes, wave_order, claimed


def _files(pattern: str, root: Path, manifest: Path, line: int) -> list[Path]:
    if any(ch in pattern for ch in "*?[") and not (root / pattern).is_file():
        found = [p for p in natsorted(root.glob(pattern), key=lambda p: p.as_posix()) if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES]
        if not found:
            raise ManifestError(f"the pattern {pattern!r} matches no survey export", path=manifest, line=line, hint=f"check the folder and extension; responses are read from {', '.join(TABLE_SUFFIXES)}")
        return found
    target = root / pattern
    if not target.is_file():
        raise SourceNotFoundError(f"the survey export {pattern!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {root}")
    if target.suffix.lower() not in TABLE_SUFFIXES + (".xls",):
        raise ManifestError(f"{pattern!r} is not a survey export qlr reads", path=manifest, line=line, hint=f"export the responses as {', '.join(TABLE_SUFFIXES)}; list transcripts and notes under 'documents:'")
    return [target]


def _documents(
    entry: _Entry,
    manifest: Path,
    check_wave: Callable[[Any, int, str], str],
    case_ids: set[str],
    dayfirst: bool,
    given: set[str],
    wave_order: list[str],
) -> tuple[list[_DocSpec], list[str]]:
    """One document per respondent and wave of one export, and what the notes say of its rows."""
    table = entry.table
    days, order_note = _dates([row[entry.date] for row in table.rows], dayfirst) if entry.date is not None else ([None] * len(table.rows), None)
    groups: dict[tuple[str, str], list[_Response]] = {}
    no_id: list[int] = []
    no_wave: list[int] = []
    unanswered = 0
    skipped = 0
    dropped: dict[str, int] = {}  # rows of the wave column's values that 'waves:' maps to ~
    not_respondents = _not_respondents(table)
    if not_respondents:
        marks = sorted(set(not_respondents.values()))
        warn(
            f"{table.path}: {len(not_respondents)} row(s) that Qualtrics marks as {' or '.join(repr(m) for m in marks)} in its Status column "
            f"(the researcher's previews and test responses, or spam) are not read: rows {first_few([str(table.first_row + i) for i in sorted(not_respondents)], shown=_LISTED)}. "
            "Fix: if one is a real respondent's, change its Status in the export",
            RowsRefusedWarning,
        )
    read_rows: list[int] = []
    for index, (row, when) in enumerate(zip(table.rows, days)):
        number = table.first_row + index
        if index in not_respondents:
            continue
        answers = [(asked, _clean_answer(row[column])) for column, asked in entry.questions]
        kept = [(asked, answer) for asked, answer in answers if answer]
        skipped += len(answers) - len(kept)
        if not kept:
            unanswered += 1  # a row that answers nothing makes no document: it needs no id and no wave
            continue
        raw = row[entry.case].strip()
        if not raw:
            no_id.append(number)
            continue
        try:
            case = check_id("respondent id", raw)
        except InvalidParameterError as exc:
            raise ManifestError(f"{table.path.name}, row {number}: {exc.message}", path=manifest, line=entry.line, hint="give respondents ids of letters, digits, '_', '-' and '.' in the id column") from None
        if entry.wave_column is not None:
            value = row[entry.wave_column].strip()
            if not value:
                no_wave.append(number)
                continue
            if value in entry.waves and entry.waves[value] is None:
                dropped[value] = dropped.get(value, 0) + 1
                continue
            wave = entry.waves.get(value) or value
        else:
            wave = str(entry.wave)
        wave = check_wave(wave, entry.line, f"{table.path.name}, row {number}")
        try:
            check_id("wave", wave)
        except InvalidParameterError as exc:
            raise ManifestError(f"{table.path.name}, row {number}: {exc.message}", path=manifest, line=entry.line, hint="map the column's values to wave ids with  waves: {value: W1}") from None
        if case_ids and case not in case_ids:  # only a row that makes a document needs its respondent declared
            raise UndeclaredIdError(
                f"{table.path.name}, row {number}: respondent {case!r} is not a case the manifest declares",
                path=manifest,
                line=entry.line,
                hint="declare the respondents under 'cases:', or leave 'cases:' out to take them from the responses",
            )
        if wave not in wave_order:
            wave_order.append(wave)
        groups.setdefault((case, wave), []).append(_Response(number, when, kept))
        read_rows.append(index)
    if no_id or no_wave:
        lost = [(no_id, f"no respondent id in column {table.shown(entry.case)!r}"), (no_wave, f"no wave in column {table.shown(entry.wave_column or 0)!r}")]
        said = "; ".join(f"{len(rows)} row(s) with {why}: rows {first_few([str(r) for r in rows], shown=_LISTED)}" for rows, why in lost if rows)
        warn(f"{table.path}: {said}; their answers are not in the study. Fix: fill the column in the export", RowsRefusedWarning)
    docs: list[_DocSpec] = []
    for (case, wave), responses in groups.items():
        responses.sort(key=lambda r: (r.when is None, r.when or date.min, r.row))  # a diary's entries in date order
        text, turns = _document(responses)
        base = doc_id = f"{case}_{wave}_survey"
        suffix = 1
        while doc_id in given:
            suffix += 1
            doc_id = f"{base}{suffix}"
        given.add(doc_id)
        rows = [r.row for r in responses]
        source = SourceText(text=text, format=table.path.suffix.lower().lstrip("."), encoding=table.encoding, sha256=table.sha256, turns=turns, speakers=dict(SPEAKERS))
        docs.append(
            _DocSpec(
                path=table.path,
                doc_id=doc_id,
                case=case,
                wave=wave,
                kind="survey",
                date=next((r.when for r in responses if r.when), None),
                title=f"{table.path.name}, row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}",
                line=entry.line,
                source=source,
            )
        )
    said = [f"{skipped} empty answer(s) skipped"] if skipped else []
    if unanswered:
        said.append(f"{unanswered} row(s) answer no open question (no document)")
    unfinished = _unfinished(table, read_rows)
    if unfinished:
        said.append(f"{unfinished} unfinished response(s) (Finished false) read as far as they go")
    several = sum(len(r) > 1 for r in groups.values())
    if several:
        said.append(f"{several} respondent(s) answered more than once in a wave: their rows are one document, in date order")
    if dropped:
        said.append(f"{sum(dropped.values())} row(s) with answers left out, as 'waves:' maps their value to ~ ({first_few([f'{value}: {count}' for value, count in dropped.items()], shown=_LISTED)})")
    if order_note:
        said.append(order_note)
    return docs, said


#: REDCap's arm suffix of an event name ("visit_1_arm_2").
_ARM = re.compile(r"_arm_(\d+)$")


def _event_waves(values: list[str]) -> dict[str, str]:
    """REDCap's events, in the export's order, each mapped to a wave: its name without the arm, so that an event is one wave in every arm.

    Examples
    --------
    >>> _event_waves(["enrollment_arm_1", "visit_1_arm_1", "enrollment_arm_2", "", "visit_1_arm_2"])
    {'enrollment_arm_1': 'enrollment', 'visit_1_arm_1': 'visit_1', 'enrollment_arm_2': 'enrollment', 'visit_1_arm_2': 'visit_1'}
    """
    return {value: _ARM.sub("", value) or value for value in dict.fromkeys(v for v in values if v)}


def exports_hint(folder: Path) -> str:
    """What to say of a folder's tables when no document of it is read by its name: survey exports are read through ``responses:``."""
    from ._naming import _skipped

    tables = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES + (".xls",) and not _skipped(p, folder)]
    if not tables:
        return ""
    notes = [line for line in responses_template(folder)[1] if " is not proposed: " in line]
    return (
        f"; its {len(tables)} table(s) ({', '.join(p.relative_to(folder).as_posix() for p in tables[:3])}{' …' if len(tables) > 3 else ''}) are not read by name:"
        " a survey export is read through 'responses:' in study.yaml (docs/study-folder.md, \"Survey responses\")"
        + (f". {notes[0]}" if notes else "")
    )


def responses_template(folder: Path) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The ``responses:`` entries ``qlr info --template`` proposes for the survey exports in a folder, what they rest on, and the respondents.

    An export is a table whose respondent id column qlr knows and with at least one
    column of open answers; each file is a wave in the files' natural order unless it
    holds REDCap's events.
    """
    from ._naming import _in_qlr_output, _skipped

    entries: list[dict[str, Any]] = []
    guessed: list[str] = []
    respondents: dict[str, None] = {}
    files = [
        p for p in natsorted(folder.rglob("*"), key=lambda p: p.as_posix())
        if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES and not _skipped(p, folder) and not _in_qlr_output(p, folder)
    ]
    wave = 0
    for file in files:
        shown = file.relative_to(folder).as_posix()
        try:
            table = read_table(file)
            case, caution = _id_column(table, file, 1)
        except (ManifestError, OSError, ValueError):
            continue  # not a survey export (a codings table, a list of codes)
        events = table.column_named(("redcapeventname",))
        date_column = table.column_named(_DATE_COLUMNS)
        used = {case, events, date_column}
        personal = [i for i in range(len(table.keys)) if i not in used and _personal(table, i)]
        closed = _closed(table, used, personal)
        questions = [table.shown(i) for i in closed if i in table.open_columns or _free_text([row[i] for row in table.rows])]
        offered = [table.shown(i) for i in _candidates(table, closed)[:4]]
        if table.tool == "a spreadsheet" or not questions:
            # Not proposed (a list of sentences or a codings file has ids and text too), but said when it may be an export.
            if offered:
                why = "no survey tool's columns say it is an export" if table.tool == "a spreadsheet" else f"a {table.tool} export, but no column reads as an open question (answers mostly of three words or more, and varied)"
                guessed.append(
                    f"{shown} is not proposed: {why}; it has an id column ({table.shown(case)!r}) and text columns. If it holds survey answers, add"
                    f"  - {{path: {shown}, wave: W{wave + 1}, questions: {_flow(offered)}}}"
                )
            continue
        # A response's own id is new every wave: the researcher names the person's id (loading says so when it matters).
        entry: dict[str, Any] = {"path": shown} if caution else {"path": shown, "case": table.shown(case)}
        if events is not None:
            entry["wave_column"] = table.shown(events)
            entry["waves"] = _event_waves([row[events].strip() for row in table.rows])
            arms = sorted({m.group(1) for value in entry["waves"] if (m := _ARM.search(value))})
            guessed.append(
                f"{shown}: its events are the waves; 'waves:' maps each to a wave"
                + (f", the same event of arms {', '.join(arms)} to one wave" if len(arms) > 1 else "")
                + ": rename them, or map an event to ~ to leave its rows out"
            )
        else:
            entry["wave"] = f"W{wave + 1}"
        if date_column is not None:
            entry["date"] = table.shown(date_column)
        entry["questions"] = questions
        chosen = [i for i in range(len(table.keys)) if table.shown(i) in questions]
        respondents.update((row[case].strip(), None) for row in table.rows if row[case].strip() and any(row[i].strip() for i in chosen))
        wave += "wave" in entry
        entries.append(entry)
        guessed.append(f"{entry['path']}: a {table.tool} export" + (f"; no 'case:' written, as column {table.shown(case)!r} identifies a response, not a person: add the column whose id stays the same in every wave (over two waves or more, loading asks for it)" if caution else ""))
    if wave > 1:
        guessed.append("each export without a wave column is a wave, in the files' natural order: check the waves")
    return entries, guessed, list(respondents)
