"""Interview transcripts kept as tables (CSV, TSV, Excel): one turn per run of a speaker's rows.

Archives and transcription tools keep a transcript as a table: a row per utterance or
paragraph with a speaker column and a column of words, perhaps its times, a translation
beside the original, and the archive's own coding of each row (a ``tags`` column). This
module decides, once, whether a table is such a transcript and which column plays which
part (:func:`transcript_layout`), for a folder's files (:func:`is_transcript_table`, used by
``_naming.read_as_document``) and for reading (:func:`read_table_transcript`, called by
``_readers.read_source``). Any other table (a codings file, a survey export, a data list, a
codebook) is not one and stays what it was: a codings file names its documents or quotes,
which a transcript never does.

The rows become cues as a subtitle file's do, and ``_readers._cues_to_source`` joins
consecutive rows of one speaker into one turn (the rule every timed reader uses); a row
with no speaker goes on the turn before it (a long answer kept as paragraphs).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DocumentFormatError, ManifestError, RowsRefusedWarning

__all__: list[str] = []

#: The table files that may hold a transcript (``.xls`` and ``.ods`` are refused as before).
TRANSCRIPT_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")


def _squash(name: str) -> str:
    """A header compared loosely: lower case, letters and digits only ("Start Time" → "starttime")."""
    return re.sub(r"[\W_]+", "", name.lower())


#: Headers (squashed) that name each part a transcript table's column plays.
_ROLE_NAMES: dict[str, frozenset[str]] = {
    "speaker": frozenset(
        {"speaker", "speakers", "speakername", "speakerlabel", "speakerid", "name", "who", "participant", "person", "voice", "interlocutor", "sprecher", "locuteur", "hablante"}
    ),
    "words": frozenset(
        {"text", "words", "word", "utterance", "utterances", "transcript", "transcription", "content", "dialogue", "dialog", "speech", "said", "value", "message", "texte", "texto"}
    ),
    "start": frozenset({"start", "time", "timestamp", "in", "begin", "starttime", "starttimecode", "timecode", "timespan", "from", "tcin", "timein", "begintime", "starttimestamp"}),
    "end": frozenset({"end", "stop", "out", "endtime", "stoptime", "endtimecode", "stoptimecode", "to", "tcout", "timeout", "endtimestamp"}),
    "tags": frozenset({"tags", "tag", "codes", "code", "coding", "codings", "keywords", "themes"}),
}
#: Headers (squashed) of a table that is about documents, not one document's words: a codings file or a
#: data list names its documents, quotes and coders (``_datalist._CODINGS_HEADERS``); never a transcript.
_NOT_A_TRANSCRIPT = frozenset({"docid", "document", "documentname", "documents", "file", "filename", "source", "path"})
#: A speaker cell is a short label: at most this many characters (as in a Word table transcript).
_SPEAKER_CELL = 40
#: A time opening a cell, bracketed or not ("[00:03:43] beginning of the interview", "1:02:03.5"), and what follows it.
_CLOCK = r"\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d+)?"
#: A time opening a cell, bracketed or not ("[00:03:43] beginning of the interview", "1:02:03.5"), perhaps a span
#: ("0:00.0 - 0:10.5", NVivo's Timespan), and what follows it.
#: pandas writes a time span (a Timedelta) with its days before the clock: "0 days 00:02:08", "1 day 00:00:05.5".
_DAYS = r"(?:(?P<days>\d{1,3})\s+days?\s+)?"
_TIME_CELL = re.compile(
    rf"^\s*[\[(]?\s*{_DAYS}(?P<clock>{_CLOCK})(?:\s*(?:-->|[-–—]|\bto\b)\s*(?P<until>{_CLOCK}))?\s*[\])]?\s*(?P<rest>.*)$", re.DOTALL
)
#: A time given as a number of seconds ("12.5").
_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")
#: An HTML character reference ("&#8212;", "&amp;"): a table made for a web page keeps its words so.
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
#: How a tags cell separates its tags.
_TAG_SPLIT = re.compile(r"[;,|]")
#: At most this many row numbers are listed in a note or warning.
_ROWS_SHOWN = 12


def _role_of(header: str) -> str | None:
    """The part a column plays by its header ("translation" for a translation), else None."""
    squashed = _squash(header)
    if "translat" in squashed:
        return "translation"
    return next((role for role, names in _ROLE_NAMES.items() if squashed in names), None)


#: A label shortened with a full stop ("Int.", "Resp.", "Q.", "Mod."): one word this short is no sentence.
_ABBREVIATED = re.compile(r"^\w{1,5}\.$")


def _label(cell: str) -> str:
    """A speaker cell as a label: "DB:" and "DB" are one speaker, and so are "Int." and "Int" (read as the interviewer)."""
    label = cell.strip().rstrip(":：").strip()
    return label[:-1] if _ABBREVIATED.match(label) else label


def _labels(cells: list[str], *, named: bool = False, wordless: list[bool] | None = None) -> bool:
    """Whether a column's cells are speaker labels: short, on one line, no sentence end (but "Int."), some coming back.

    Half the rows at least name a speaker, unless the header ``named`` the column so: an oral
    history's rows may each hold a paragraph, only a turn's first naming its speaker; and a column the header
    names may hold one label only, on one row or more (a questionnaire's answers, one voice throughout).
    ``wordless``: per row, whether its columns of words are empty; such a row's speaker cell may hold the words
    after the label (:func:`_spilled`: "Artderson‚ Well it's really changed."), one row in ten at most (or one).

    Examples
    --------
    >>> _labels(["Ann", "Bo", "Ann", "Bo, well it changed."], wordless=[False, False, False, True])
    True
    >>> _labels(["Respondent 4", "", ""], named=True), _labels(["Ann", "Bo", "Cy"], named=True)
    (True, False)
    """
    spilled = {i for i, cell in enumerate(cells) if wordless and wordless[i] and _spilled(cell) is not None}
    if len(spilled) > max(1, len([c for c in cells if c.strip()]) // 10):
        spilled = set()
    filled = [_label(c) for i, c in enumerate(cells) if c.strip() and i not in spilled]
    if named and len(set(filled)) == 1 and filled[0] and len(filled[0]) <= _SPEAKER_CELL and "\n" not in filled[0] and filled[0][-1] not in ".?!…":
        return True  # one voice throughout, named once or on every row
    return (
        len(filled) >= (2 if named else max(2, len(cells) // 2))
        and all(len(c) <= _SPEAKER_CELL and "\n" not in c and c[-1] not in ".?!…" for c in filled if c)
        and len(set(filled)) < len(filled)
    )


#: A speaker cell that holds the words too: a short name, a comma or colon (an OCR's "‚"), then a sentence.
_SPILLED = re.compile(r"(?P<label>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}?)[ \t]*[,:;‚][ \t]*(?P<words>\S.*)", re.DOTALL)


def _spilled(cell: str) -> tuple[str, str] | None:
    """A speaker cell's label and the words after it, where the cell holds both (three words or more after it).

    Examples
    --------
    >>> _spilled("Artderson‚ Well it's really changed.")
    ('Artderson', "Well it's really changed.")
    >>> _spilled("Int."), _spilled("Smith")
    (None, None)
    """
    found = _SPILLED.fullmatch(cell.strip())
    if found is None or len(found["words"].split()) < 3:
        return None
    return found["label"], " ".join(found["words"].split())


def _sentences(cells: list[str]) -> bool:
    """Whether a column's cells run to sentences (what people said), not labels, numbers or dates."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    words = sum(len(c.split()) for c in filled)
    return words >= 3 * len(filled) and any(c.rstrip()[-1] in ".?!…" for c in filled)


def _other_sheets(path: Path) -> list[str]:
    """The names of a workbook's sheets after the first that hold a value: only the first sheet is read.

    Read with openpyxl in read-only mode (the workbook's size was checked when its first sheet was read),
    stopping at a sheet's first value: an empty "Sheet2" is nothing left out.
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a workbook openpyxl cannot open again: its first sheet was read, nothing more to say
        return []
    try:
        return [
            sheet.title
            for sheet in book.worksheets[1:]
            if any(value not in (None, "") for row in sheet.iter_rows(values_only=True) for value in row)
        ]
    finally:
        book.close()


#: A cell that is a file's name ("P01_W1.docx", "rec 3.mp3" aside: no spaces), as a data list gives one.
_FILE_NAME = re.compile(r"^\S+\.[A-Za-z][A-Za-z0-9]{1,4}$")


def _file_names(cells: list[str]) -> bool:
    """Whether most of a column's filled cells are file names: a data list's, not a transcript's words."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and 2 * sum(bool(_FILE_NAME.match(c)) for c in filled) > len(filled)


#: Headers (squashed) under which a data list names each interview ("Transcript": "P01 W1 interview").
_LIST_HEADERS = frozenset({"transcript", "transcripts", "transcription", "transcriptions"})


def _document_names(header: str, cells: list[str]) -> bool:
    """Whether a column of words is a data list's names of documents, not anyone's words.

    File names ("P01_W1.docx"), or under a "Transcript" header, names without an extension: each row
    its own, short (five words at most), none ending a sentence ("P01 W1 interview"). A speech-to-text
    export's turns under "Transcript" run longer, end sentences, or come back ("Yes.").
    """
    if _file_names(cells):
        return True
    filled = [c.strip() for c in cells if c.strip()]
    return (
        _squash(header) in _LIST_HEADERS
        and bool(filled)
        and len(set(filled)) == len(filled)
        and all(len(c.split()) <= 5 and c[-1] not in ".?!…" for c in filled)
    )


def _wordy(cells: list[str]) -> bool:
    """Whether a column's cells hold words (three or more a cell, on the whole): notes, not marks or numbers."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and sum(len(c.split()) for c in filled) >= 3 * len(filled)


@dataclass(frozen=True)
class TableLayout:
    """What each column of a transcript table is: indexes into its header."""

    #: The header's index in the table's rows, and the header's cells.
    header_at: int
    header: list[str]
    speaker: int
    #: Columns of words, the first read by default (the original), translations last.
    texts: list[int]
    start: int | None = None
    end: int | None = None
    tags: int | None = None
    #: Columns no part is read from (notes, numbering, an unnamed column), with words in them.
    others: list[int] = field(default_factory=list)

    def name(self, column: int) -> str:
        """A column as a note names it: its header, or its place where it has none."""
        return repr(self.header[column].strip()) if self.header[column].strip() else f"{column + 1} (no header)"


def transcript_layout(grid: list[list[str]], *, why: list[str] | None = None) -> TableLayout | None:
    """The columns of a transcript table, or None where the table is not a transcript.

    A transcript table has a header row (under title rows, found by ``_decode.header_row``) that names a
    speaker or time column and a column of words or a translation; its speaker column is named so
    ("Speaker", "Name", "Who", "Participant") or holds short labels that come back ("Student": ב, ג, מ);
    its words columns are named so ("Text", "Words", "Utterance", "Content", "Transcript") or hold sentences
    under a header qlr does not know ("טקסט"), then translations. A header that names documents, quotes or
    coders (a codings file, a data list) makes it no transcript, as does a survey tool's export. Where the
    header is a transcript's but the rows are not, ``why`` gets the reason (for the error that refuses it).

    Examples
    --------
    >>> grid = [["timestamp", "speaker", "words", "tags"], ["[0:00]", "AB:", "Shall we begin?", ""], ["", "CD:", "Yes, go on.", "start"], ["", "AB:", "Good.", ""]]
    >>> layout = transcript_layout(grid)
    >>> layout.speaker, layout.texts, layout.start, layout.tags
    (1, [2], 0, 3)
    >>> transcript_layout([["doc_id", "quote", "code_id", "coder"], ["P1", "We met.", "trust", "AB"], ["P1", "Again.", "trust", "AB"]]) is None
    True
    """
    from .._decode import header_row
    from ._datalist import _CODINGS_HEADERS
    from ._responses import _name_words

    tag_words = {"codes", "code"}

    def is_header(row: list[str]) -> bool:
        roles = {_role_of(cell) for cell in row if cell.strip()}
        return bool(roles & {"speaker", "start"}) and bool(roles & {"words", "translation"})

    at = header_row(grid, is_header)
    if at is None:
        return None
    header = [cell.strip() for cell in grid[at]]
    if any(_squash(cell) in _NOT_A_TRANSCRIPT or (_name_words(cell) in _CODINGS_HEADERS and _name_words(cell) not in tag_words) for cell in header):
        return None
    width = len(header)
    body = [(row + [""] * width)[:width] for row in grid[at + 1 :] if any(cell.strip() for cell in row)]
    said = why if why is not None else []
    roles = [_role_of(cell) if cell else None for cell in header]
    if len(body) < 2:
        said.append(f"it has {len(body)} row(s) under its header, and a transcript table needs two or more")
        return None
    columns = [[row[i] for row in body] for i in range(width)]
    # Rows with no words in the columns the header names for words: their speaker cell may hold the words.
    wordless = [not any(row[i].strip() for i, role in enumerate(roles) if role in ("words", "translation")) for row in body]

    def first(role: str) -> int | None:
        return next((i for i, r in enumerate(roles) if r == role), None)

    speaker = first("speaker")
    if speaker is None:
        found = [i for i, r in enumerate(roles) if r is None and _labels(columns[i])]
        speaker = found[0] if found else None
    if speaker is None or not _labels(columns[speaker], named=roles[speaker] == "speaker", wordless=wordless):
        # No speaker, or a column of names that never come back (a survey's respondents).
        if speaker is not None:
            said.append(
                f"the cells of its column {header[speaker]!r} are not speaker labels: each short, on one line, ending no sentence, "
                "and some label coming back on a later row"
            )
        return None
    start, end, tags = first("start"), first("end"), first("tags")
    used = {speaker, start, end, tags}
    # A column of sentences under a header qlr does not know ("טקסט") is words; one with no header (a note beside the rows) is not.
    texts = [i for i in range(width) if i not in used and (roles[i] == "words" or (roles[i] is None and header[i] and _sentences(columns[i])))]
    texts += [i for i in range(width) if i not in used and roles[i] == "translation"]
    # A deposit's list names each interview under "Transcript": names of documents, not anyone's words.
    texts = [i for i in texts if not _document_names(header[i], columns[i])]
    if not texts:
        return None  # a data list: no transcript, and the error says what a table is read as
    others = [i for i in range(width) if i not in used and i not in texts and any(cell.strip() for cell in columns[i])]
    return TableLayout(at, header, speaker, texts, start, end, tags, others)


#: Headers (squashed) of a table of questions and answers, one row per question: the question, its answer, who asked,
#: who answered, and a column naming the interview. English, Portuguese, Spanish, German, French.
_QA_NAMES: dict[str, frozenset[str]] = {
    "question": frozenset({"question", "questions", "interviewquestion", "pergunta", "perguntas", "pregunta", "preguntas", "frage", "fragen", "questionposee"}),
    "answer": frozenset({"answer", "answers", "reply", "resposta", "respostas", "respuesta", "respuestas", "antwort", "antworten", "reponse"}),
    "asker": frozenset({"interviewer", "interviewers", "interviewername", "moderator", "entrevistador", "entrevistadora", "entrevistadores", "interviewerin", "enqueteur", "enqueteuse"}),
    "answerer": frozenset(
        {"interviewee", "intervieweename", "participant", "participantname", "respondent", "narrator", "informant", "entrevistado", "entrevistada", "entrevistante", "entrevistados", "participante", "befragte", "befragter", "enquete", "enquetee"}
    ),
    "interview": frozenset({"interview", "interviewid", "interviewno", "interviewnumber", "entrevista", "entrevistaid", "session"}),
}


@dataclass(frozen=True)
class QALayout:
    """A table of questions and answers (one row per question): indexes into its header, None for a column it lacks."""

    header_at: int
    header: list[str]
    question: int
    answer: int
    asker: int | None = None
    answerer: int | None = None
    interview: int | None = None
    #: Columns no part is read from, with words in them.
    others: list[int] = field(default_factory=list)
    #: A column as a note names it: its header, or its place where it has none.
    name = TableLayout.name


def _qa_role(header: str) -> str | None:
    squashed = _squash(header)
    return next((role for role, names in _QA_NAMES.items() if squashed in names), None)


def qa_layout(grid: list[list[str]]) -> QALayout | None:
    """The columns of a table of questions and answers, or None where the table is not one.

    Its header (under title rows, found by ``_decode.header_row``) names a column of questions and one of
    answers ("Question", "Answer"; "Pergunta", "Resposta"), perhaps who asked and who answered
    ("Interviewer", "Participant"; "Entrevistador", "Entrevistado") and which interview a row is of;
    two or more rows hold a question or an answer.

    Examples
    --------
    >>> grid = [["Interviewer", "Participant", "Question", "Answer"], ["Ann", "Bo", "Where did you grow up?", "By the sea."], ["Ann", "Bo", "And then?", "Inland."]]
    >>> layout = qa_layout(grid)
    >>> layout.asker, layout.answerer, layout.question, layout.answer
    (0, 1, 2, 3)
    >>> qa_layout([["Speaker", "Text"], ["A", "Hi."], ["B", "Hello."]]) is None
    True
    """
    from .._decode import header_row

    def is_header(row: list[str]) -> bool:
        roles = [_qa_role(cell) for cell in row if cell.strip()]
        return roles.count("question") == 1 and roles.count("answer") == 1

    at = header_row(grid, is_header)
    if at is None:
        return None
    header = [cell.strip() for cell in grid[at]]
    roles = [_qa_role(cell) if cell else None for cell in header]

    def first(role: str) -> int | None:
        return next((i for i, r in enumerate(roles) if r == role), None)

    question, answer = first("question"), first("answer")
    assert question is not None and answer is not None  # is_header found both
    body = [row for row in grid[at + 1 :] if any(cell.strip() for cell in row)]
    said = [row for row in body if (question < len(row) and row[question].strip()) or (answer < len(row) and row[answer].strip())]
    if len(said) < 2:
        return None
    used = {question, answer, first("asker"), first("answerer"), first("interview")}
    others = [i for i in range(len(header)) if i not in used and any(i < len(row) and row[i].strip() for row in body)]
    return QALayout(at, header, question, answer, first("asker"), first("answerer"), first("interview"), others)


@functools.lru_cache(maxsize=256)
def _layout_of_file(path: str, size: int, modified: int) -> TableLayout | QALayout | None:  # noqa: ARG001 - size and time key the cache
    """A table file's transcript layout, read once per version of the file (a folder's scan asks of every table)."""
    try:
        grid = _table_grid(Path(path))
    except (ManifestError, DocumentFormatError, OSError, ValueError):
        return None  # unreadable: not taken for a transcript (reading it says why)
    if _survey_export(grid):
        return None
    return qa_layout(grid) or transcript_layout(grid)


def is_transcript_table(path: Path) -> bool:
    """Whether a table file (``.csv``, ``.tsv``, ``.xlsx``) is an interview transcript qlr reads as a document."""
    if path.suffix.lower() not in TRANSCRIPT_TABLE_SUFFIXES:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return _layout_of_file(str(path), stat.st_size, stat.st_mtime_ns) is not None


def refusal(path: Path) -> str | None:
    """Why a table whose header names a transcript's columns is not read as one ("its column 'Speaker' …"), else None."""
    try:
        grid = _table_grid(path)
    except (ManifestError, DocumentFormatError, OSError, ValueError):
        return None
    said: list[str] = []
    if _survey_export(grid) or qa_layout(grid) is not None or transcript_layout(grid, why=said) is not None:
        return None
    return said[0] if said else None


def _survey_export(grid: list[list[str]]) -> bool:
    """Whether a table is a survey tool's export (read through ``responses:``), by the header rows and columns the tool writes.

    Google Forms is known only by its "Timestamp" column, which a transcript's table has too: not taken for an export.
    """
    from ._responses import _layout

    rows = [row for row in grid if any(cell.strip() for cell in row)]
    return bool(rows) and _layout(rows)[0] not in ("a spreadsheet", "Google Forms")


def _table_grid(path: Path) -> list[list[str]]:
    """A table file's cells, row by row as a spreadsheet numbers them (CSV/TSV in any encoding qlr reads, a workbook's first sheet)."""
    from ._responses import _grid

    return _grid(path, what="table")[0]


def _listed(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:_ROWS_SHOWN]))
    return shown + (f" and {len(rows) - _ROWS_SHOWN} more" if len(rows) > _ROWS_SHOWN else "")


def _rows(grid: list[list[str]], header_at: int, width: int, path: Path) -> Any:
    """A table's rows under its header that hold a cell, each with its number as a spreadsheet gives it and as wide as the header.

    A row with words beyond the header's columns is one error naming the file and row (a comma outside quotes).
    """
    for number, row in enumerate(grid[header_at + 1 :], header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise DocumentFormatError(
                f"row {number} has {len(row)} cells with words beyond the header's {width} columns",
                path=path,
                line=number,
                hint="check the row's quoting (a comma or quotation mark inside a cell must be inside quotes), or give the extra column a header",
            )
        yield number, (row + [""] * width)[:width]


def read_table_transcript(path: Path, data: bytes, *, text_column: str | None = None, tags: bool | str = True) -> Any:
    """A transcript kept as a table, as a ``SourceText`` whose turns are its speakers' runs of rows.

    ``text_column`` names the column of words to read where the table has several (an original and its
    translation; default: the first, in the file's order, translations after; the others are then warned of as words
    not read, but only noted where ``text_column`` chose); ``tags`` reads the
    archive's own coding of each row (its ``tags`` column, or the column named) as codings, ``False``
    leaves it out (said). Every column not read is named in the load notes; rows with no words, and
    columns of words not read, are warned of with their rows. A cell that opens with a time and goes
    on with a note ("[00:03:43] beginning of the interview") keeps both: the time as the row's, the
    note as a line of nobody's words before it.
    """
    from dataclasses import replace

    from .._warned import warn
    from ._readers import _Cue, _cues_to_source, _sha256
    from ._segment import _NOTE_WORDS, _surnames_after_full_names

    grid = _table_grid(path)
    if not _survey_export(grid) and (questions := qa_layout(grid)) is not None:
        if text_column is not None or tags is not True:
            raise DocumentFormatError(
                "'text_column' and 'tags' are for a transcript table with a speaker column; this table holds questions and answers",
                path=path,
                hint="leave 'text_column' and 'tags' out of its entry: each row's question and answer are read",
            )
        return _read_questions_and_answers(path, data, grid, questions)
    layout = transcript_layout(grid) if not _survey_export(grid) else None
    if layout is None:
        raise DocumentFormatError(
            "this table is not a transcript qlr can read: its header names no speaker column and column of words",
            path=path,
            hint="name the columns (e.g. time, speaker, text), or list it under 'responses:' or 'codings:' if it is a survey export or codings",
        )
    # Any column but the speaker's and the times may be named: a column of notes read as the words, a column of codes as tags.
    free = [i for i in range(len(layout.header)) if i not in (layout.speaker, layout.start, layout.end)]
    texts = list(layout.texts)
    if text_column is not None:
        chosen = _named(layout, free, text_column, "text_column", "its words", path)
        texts = [chosen] + [i for i in texts if i != chosen]
    words_at, left = texts[0], texts[1:]
    tag_column = layout.tags if tags is True else None if tags is False else _named(layout, [i for i in free if i != words_at], tags, "tags", "its rows' codes", path)
    width = len(layout.header)
    tagged: dict[int, list[str]] = {}  # a cue's index -> its row's tags
    coder = (layout.header[tag_column].strip() or "tags") if tag_column is not None else None
    cues: list[Any] = []
    speaker = ""  # the speaker of the row before: a row with none goes on their turn
    no_words: list[int] = []
    noted: list[int] = []  # rows whose speaker cell says they are a note
    spilled: list[int] = []  # rows whose speaker cell held the words too
    said_elsewhere: dict[int, list[int]] = {i: [] for i in left}
    whole_numbers = _whole_numbers(grid, layout)
    unescaped = asides = untagged = 0
    first_aside = ""  # the first note, quoted in the load note as the file has it
    markers = _marker_labels([(_label(row[layout.speaker]), row[words_at]) for _, row in _rows(grid, layout.header_at, width, path)])
    marked: list[int] = []  # rows that only mark the recording ("New Film" / "New Film"): nobody's words
    continued: list[int] = []  # rows whose speaker cell says the turn before goes on ("(cont.)")
    # The table's one participant, where it names one (rows of "Interviewer" and "Interviewee"): a film's first answer
    # with no speaker cell, right after its marker at the table's start, is theirs (an oral history opens with them).
    opener = _table_participant([_label(row[layout.speaker]) for _, row in _rows(grid, layout.header_at, width, path)], markers) if markers else None
    opened: list[int] = []  # rows with no speaker cell after a marker at the table's start, read as the participant's
    for number, row in _rows(grid, layout.header_at, width, path):
        start, until, note = _time(row[layout.start], whole=layout.start in whole_numbers) if layout.start is not None else (None, None, "")
        end, _, end_note = _time(row[layout.end], whole=layout.end in whole_numbers) if layout.end is not None else (None, None, "")
        end = end if end is not None else until
        label = _label(row[layout.speaker])
        if _CONTINUED.fullmatch(label):
            label = ""  # a page's break in the transcript the table was made from: the turn before goes on
            continued.append(number)
        words = " ".join(row[words_at].split())
        if not words and (spill := _spilled(row[layout.speaker])) is not None and not any(row[i].strip() for i in texts):
            # The speaker cell holds the words too ("Artderson‚ Well it's really changed."): its label, then its words.
            label, words = _label(spill[0]), spill[1]
            spilled.append(number)
        if _CHARACTER_REFERENCE.search(words):
            words, unescaped = html.unescape(words), unescaped + 1
        for aside in (note, end_note):
            if aside:
                cues.append(_Cue(start, None, "", aside))  # a note in the time cell: nobody's words, kept before the row
                asides += 1
                first_aside = first_aside or f"row {number}: '{aside}'"
        for other in left:
            if row[other].strip():
                said_elsewhere[other].append(number)
        if not words:
            no_words.append(number)
            speaker = label or speaker
            if tag_column is not None:
                untagged += len([tag for tag in _TAG_SPLIT.split(row[tag_column]) if tag.strip()])
            continue
        if label in markers:
            # A recording's marker kept as a row, its words the speaker cell's ("New Film", "End of audio"): nobody's words.
            cues.append(_Cue(start, end, "", words))
            marked.append(number)
            continue
        if label.lower() in _NOTE_WORDS:
            # An editor's note kept as a row ("Note", "The questionnaire mentioned … can be viewed …"): nobody's words.
            cues.append(_Cue(start, end, "", words))
            noted.append(number)
            continue
        if not label and not speaker and opener is not None and marked and cues and cues[-1].speaker == "" and not any(cue.speaker for cue in cues):
            label = opener  # "New Film" then "I'm John Roche and I joined …" with no speaker cell: no one spoke before
            opened.append(number)
        speaker = label or speaker
        if tag_column is not None and (found := [tag.strip() for tag in _TAG_SPLIT.split(row[tag_column]) if tag.strip()]):
            tagged[len(cues)] = found
        cues.append(_Cue(start, end, speaker, words))
    # An oral history's rows name a speaker in full first, then by surname or initials: one speaker.
    named = _surnames_after_full_names([(at, at, cue.speaker, None, False) for at, cue in enumerate(cues) if cue.speaker], {cue.speaker for cue in cues if cue.speaker})
    if named:
        cues = [replace(cue, speaker=named.get(cue.speaker, cue.speaker)) if cue.speaker else cue for cue in cues]
    source = _cues_to_source(cues, path.suffix.lower().lstrip("."), None, _sha256(data))
    row_codes = _row_codes(source, cues, tagged)
    rows_after = grid[layout.header_at + 1 :]

    def filled(column: int) -> int:
        return sum(1 for row in rows_after if column < len(row) and row[column].strip())

    notes = [f"a transcript kept as a table: {len(cues) - asides} rows of words from the column {layout.name(words_at)}, speakers from {layout.name(layout.speaker)}"
             + (f", times from {', '.join(layout.name(i) for i in (layout.start, layout.end) if i is not None and i not in whole_numbers)}" if any(i is not None and i not in whole_numbers for i in (layout.start, layout.end)) else "")
             + "; a speaker's rows one after another are one turn, a row with no speaker goes on the turn before"]  # fmt: skip
    if noted:
        notes.append(f"{len(noted)} row(s) whose speaker cell names a note, not a speaker, read as nobody's words: rows {_listed(noted)}")
    if spilled:
        notes.append(
            f"{len(spilled)} row(s) with no words in {layout.name(words_at)} whose speaker cell holds a label and words "
            f"(a slip of the export or of OCR), read as that label's words: rows {_listed(spilled)}"
        )
    voices = {cue.speaker for cue in cues if cue.speaker}
    if len(voices) == 1 and len(cues) - asides - len(noted) >= 1:
        notes.append(f"one speaker throughout, {next(iter(voices))!r}: every row is their words (a questionnaire's answers, a monologue)")
    if marked:
        notes.append(f"{len(marked)} row(s) whose words only repeat their speaker cell ({', '.join(map(repr, sorted(markers)))}), the recording's markers, read as nobody's words: rows {_listed(marked)}")
    if continued:
        notes.append(f"{len(continued)} row(s) whose speaker cell says the turn goes on ('(cont.)'), read as the turn before's: rows {_listed(continued)}")
    if opened:
        notes.append(
            f"{len(opened)} row(s) with no speaker cell right after the recording's marker at the table's start, where no one has "
            f"spoken yet, read as the words of {opener!r}, the one participant the table names: rows {_listed(opened)}"
        )
    if named:
        notes.append("; ".join(f"{short!r} is read as {full!r}, the full name the rows gave first" for short, full in sorted(named.items())))
    # A turn's time is its first row's: every other timed row stands inside a turn.
    inside = sum(cue.start is not None for cue in cues) - sum(turn.timestamp is not None for turn in source.turns or [])
    if inside:  # a turn has one start, its first row's: the times written on the rows after it are said, not kept
        notes.append(f"{inside} time(s) written on a row inside a turn (not its first row) are not kept: a turn's time is its first row's")
    if whole_numbers:
        notes.append(f"times not read: the column(s) {', '.join(layout.name(i) for i in whole_numbers)} hold whole numbers with no unit stated")
    if unescaped:
        notes.append(f"{unescaped} cell(s) held HTML character references (&#8212;, &amp;), written as the characters they stand for")
    if asides:
        notes.append(f"{asides} note(s) written in a time cell after the time (first, {first_aside}), kept as lines of nobody's words before their row")
    if row_codes:
        notes.append(f"{len(row_codes)} coding(s) of {len({code for _, _, code in row_codes})} code(s) from the column {layout.name(tag_column)}, the rows' own coding, by coder {coder!r} ('tags: off' leaves them out)")
    if no_words:
        notes.append(f"{len(no_words)} row(s) with no words in {layout.name(words_at)}, not turns" + (f", their {untagged} code(s) not read" if untagged else "") + f": rows {_listed(no_words)}")
    removed: dict[str, int] = {}
    if tag_column is None and layout.tags is not None:
        removed[f"cells of the column {layout.name(layout.tags)}, its rows' codes (tags: off)"] = filled(layout.tags)
    elsewhere = {other: rows for other, rows in said_elsewhere.items() if rows}
    if text_column is not None:
        # The entry chose the column: the others are left out as asked, said in the load notes (no warning, no exit 3).
        removed.update({
            f"cells of the column {layout.name(other)} (another column of words, left out: 'text_column: {layout.header[words_at].strip()}' reads {layout.name(words_at)}) in rows {_listed(rows)}": len(rows)
            for other, rows in elsewhere.items()
        })  # fmt: skip
        elsewhere = {}
    unread = {
        f"cells of the column {layout.name(other)} (another column of words, not read; text_column: {layout.header[other].strip()!r} reads it instead) in rows {_listed(rows)}": len(rows)
        for other, rows in elsewhere.items()
    }
    sheets = _other_sheets(path)
    if sheets:  # only the first sheet is read: a second recording kept in the next sheet is said
        unread[f"other sheet(s) of the workbook with cells filled, not read ({', '.join(map(repr, sheets))}; save each as a file of its own)"] = len(sheets)
    for other in layout.others:
        if other in (tag_column, words_at):
            continue
        cells = [row[other] if other < len(row) else "" for row in rows_after]
        if _wordy(cells):  # notes written beside the rows: words, not read, warned of
            unread[f"cells of the column {layout.name(other)}, notes beside the rows (not read as anyone's words)"] = filled(other)
        else:
            removed[f"cells of the column {layout.name(other)} (not a speaker, time, words or tags column; tags: {layout.header[other].strip() or 'NAME'} reads a column of codes)"] = filled(other)
    if no_words:
        codes_lost = f" (their {untagged} code(s) in {layout.name(tag_column)} not read: no words to code)" if untagged and tag_column is not None else ""
        warn(
            f"{path}: {len(no_words)} row(s) hold no words in the column {layout.name(words_at)} and are not turns{codes_lost}: rows {_listed(no_words)}",
            RowsRefusedWarning,
        )
    return replace(source, removed={**source.removed, **removed}, unread={**source.unread, **unread}, row_codes=row_codes, row_coder=coder if row_codes else None, notes=notes)


def _read_questions_and_answers(path: Path, data: bytes, grid: list[list[str]], layout: QALayout) -> Any:
    """A table of questions and answers as a ``SourceText``: each row's question the interviewer's turn, its answer the participant's.

    Who asked and who answered are the row's names where the table has those columns (a cell left empty is the row
    before's: an interview's later rows), else "Interviewer" and "Participant"; the file declares their roles
    (``SourceText.speakers``). An interview is a run of rows of one interview cell, else of one pair of names; where the
    table holds several, :attr:`SourceText.interviews` names them (loading says they are read as one document). Rows that
    repeat the header (tables pasted one under another) are left out, counted; rows with a question and no answer, or an
    answer and no question, keep what they hold, counted; rows with neither are warned of.
    """
    from dataclasses import replace

    from .._warned import warn
    from ._readers import _Cue, _cues_to_source, _sha256

    width = len(layout.header)
    heads = [_squash(cell) for cell in layout.header]
    cues: list[Any] = []
    asker = answerer = interview = ""
    runs: list[tuple[str, str, str, int, int]] = []  # (interview, who asked, who answered, first row, last row)
    repeated: list[int] = []
    no_answer: list[int] = []
    no_question: list[int] = []
    empty: list[int] = []
    read = 0
    for number, row in _rows(grid, layout.header_at, width, path):
        if [_squash(cell) for cell in row] == heads:
            repeated.append(number)  # another table's header, pasted under the first
            continue
        asker = _label(row[layout.asker]) or asker if layout.asker is not None else ""
        answerer = _label(row[layout.answerer]) or answerer if layout.answerer is not None else ""
        interview = row[layout.interview].strip() or interview if layout.interview is not None else ""
        question, answer = " ".join(row[layout.question].split()), " ".join(row[layout.answer].split())
        if not question and not answer:
            empty.append(number)
            continue
        (no_answer if not answer else no_question if not question else []).append(number)
        read += 1
        key = (interview, asker, answerer)
        if not runs or runs[-1][:3] != key:
            runs.append((*key, number, number))
        runs[-1] = (*runs[-1][:4], number)
        # A question and its answer are two turns even where one person asks twice running: the rows' order is kept.
        if question:
            cues.append(_Cue(None, None, asker or "Interviewer", question))
        if answer:
            cues.append(_Cue(None, None, answerer or "Participant", answer))
    source = _cues_to_source(cues, path.suffix.lower().lstrip("."), None, _sha256(data))
    roles = {who.lower(): "interviewer" for _, who, _, _, _ in runs if who} | {who.lower(): "participant" for _, _, who, _, _ in runs if who}
    both = sorted({who for who, role in roles.items() if who in {a.lower() for _, a, _, _, _ in runs if a} and role == "participant"})
    if both:  # one person asks in one interview and answers in another: their label's role is not one
        roles = {who: role for who, role in roles.items() if who not in both}
    columns = ", ".join(layout.name(i) for i in (layout.question, layout.answer, layout.asker, layout.answerer, layout.interview) if i is not None)
    notes = [
        f"a table of questions and answers: {read} row(s) from the columns {columns}; "
        "each row's question is the interviewer's turn and its answer the participant's"
    ]
    removed: dict[str, int] = {}
    unread: dict[str, int] = {}
    if repeated:
        removed[f"rows repeating the header (rows {_listed(repeated)})"] = len(repeated)
    notes += [
        said
        for found, said in (
            (no_answer, f"{len(no_answer)} question(s) with no answer, read as the question alone: rows {_listed(no_answer)}"),
            (no_question, f"{len(no_question)} answer(s) with no question, read as the answer alone: rows {_listed(no_question)}"),
            (both, f"{', '.join(both)} ask(s) in one interview and answer(s) in another: their role is left to the usual rules"),
        )
        if found
    ]
    rows_after = grid[layout.header_at + 1 :]
    for other in layout.others:
        cells = [row[other] if other < len(row) else "" for row in rows_after]
        filled = sum(1 for cell in cells if cell.strip())
        if _wordy(cells):
            unread[f"cells of the column {layout.name(other)}, notes beside the rows (not read as anyone's words)"] = filled
        else:
            removed[f"cells of the column {layout.name(other)} (not a question, answer, interviewer, participant or interview column)"] = filled
    if empty:
        warn(f"{path}: {len(empty)} row(s) hold neither a question nor an answer and are not turns: rows {_listed(empty)}", RowsRefusedWarning)
    interviews = [
        (f"{name}: " if name else "") + (f"{who} asks {whom}" if who or whom else "interview") + f", rows {first}-{last}"
        for name, who, whom, first, last in runs
    ]
    pairs = {run[:3] for run in runs}
    # One interview whose table names who asked and who answered says so as an archive's record does: the document's
    # row has them (the template names the case after the person interviewed, as for a record's interviewee).
    named = {key: who for key, who in (("interviewer", asker), ("interviewee", answerer)) if who} if len(pairs) == 1 else {}
    return replace(
        source,
        speakers=roles,
        columns={**source.columns, **named},
        removed={**source.removed, **removed},
        unread={**source.unread, **unread},
        notes=notes,
        interviews=interviews if len(pairs) > 1 else [],
    )


def _named(layout: TableLayout, allowed: list[int], name: str, key: str, what: str, path: Path) -> int:
    """The column an entry's ``text_column:`` or ``tags:`` names (case, spaces and underscores aside); one clear error if none."""
    found = [i for i in allowed if _squash(layout.header[i]) == _squash(name)]
    if not found:
        raise DocumentFormatError(
            f"the table has no column {name!r} to read as {what} ({key})",
            path=path,
            line=layout.header_at + 1,
            hint=f"name one of its columns {', '.join(layout.name(i) for i in allowed)} (not the speaker's or a time column)",
        )
    return found[0]


def _whole_numbers(grid: list[list[str]], layout: TableLayout) -> list[int]:
    """The time columns that hold only whole numbers: their unit (milliseconds? minutes and seconds run together?) is not said."""
    found = []
    for column in (layout.start, layout.end):
        if column is None:
            continue
        cells = [row[column].strip() for row in grid[layout.header_at + 1 :] if column < len(row) and row[column].strip()]
        if cells and all(cell.isdigit() for cell in cells):
            found.append(column)
    return found


#: A speaker cell that says the turn before goes on, as a transcript broken across pages writes it: "(cont.)", "cont'd", "(continued)".
_CONTINUED = re.compile(r"\(?\s*(?:cont(?:inued|'d|d)?\.?|continues|continuing)\s*\)?", re.IGNORECASE)


def _table_participant(labels: list[str], markers: set[str]) -> str | None:
    """The one label of a transcript table's speaker column that is a participant's (by :func:`._segment.speaker_role`),
    markers, notes and ``(cont.)`` aside; None where it names none or several.

    Examples
    --------
    >>> _table_participant(["New Film", "", "Interviewer", "Interviewee", "Interviewer"], {"New Film"})
    'Interviewee'
    >>> _table_participant(["New Film", "", "Ann", "Bo"], {"New Film"}) is None
    True
    """
    from ._segment import _NOTE_WORDS, speaker_role

    voices = {label for label in labels if label and label not in markers and label.lower() not in _NOTE_WORDS and not _CONTINUED.fullmatch(label)}
    participants = [label for label in voices if speaker_role(label, {}) == "participant"]
    return participants[0] if len(participants) == 1 else None


def _marker_labels(rows: list[tuple[str, str]]) -> set[str]:
    """The speaker cells that only ever mark the recording: every row of theirs holds the cell's own words, alone or
    before a note set apart by punctuation ("New Film" / "New Film ** Start of Film 2", "End of audio" / "End of audio").

    Examples
    --------
    >>> sorted(_marker_labels([("New Film", "New Film"), ("Ann", "I was born in Leeds."), ("New Film", "New Film ** Start of Film 2"),
    ...                        ("Ann", "Ann"), ("Ann", "Yes."), ("End of audio", "End of audio")]))
    ['End of audio', 'New Film']
    """
    said: dict[str, list[str]] = {}
    for label, words in rows:
        if label and words.strip():
            said.setdefault(label, []).append(" ".join(words.split()).casefold())
    return {
        label
        for label, cells in said.items()
        if all(cell == label.casefold() or (cell.startswith(label.casefold() + " ") and not cell[len(label) + 1 :][:1].isalnum()) for cell in cells)
    }


def _time(cell: str, *, whole: bool) -> tuple[float | None, float | None, str]:
    """A time cell as (seconds or None, the end of a span it gives or None, the note that goes with it).

    "[00:03:43] beginning of the interview" is a time and a note; NVivo's "0:00.0 - 0:10.5" a span; a table saved
    from pandas, "0 days 00:02:08", a time with its days before it.
    ``whole``: the column holds only whole numbers, whose unit is not said: none is read as a time.

    Examples
    --------
    >>> _time("[00:03:43] beginning of the interview", whole=False), _time("0:01.0 - 0:10.5", whole=False)
    ((223.0, None, 'beginning of the interview'), (1.0, 10.5, ''))
    >>> _time("0 days 00:02:08", whole=False), _time("1 day 00:00:05.5", whole=False), _time("2 days later", whole=False)
    ((128.0, None, ''), (86405.5, None, ''), (None, None, '2 days later'))
    >>> _time("12.5", whole=False), _time("4200", whole=True), _time("after the break", whole=False)
    ((12.5, None, ''), (None, None, ''), (None, None, 'after the break'))
    """
    cell = cell.strip()
    if not cell:
        return None, None, ""
    found = _TIME_CELL.match(cell)
    if found:
        from ._oralhist import _seconds  # a clock ("0:00", "00:03:43", "1:02:03,5") in seconds

        days = 86400 * int(found["days"]) if found["days"] else 0
        start, until = _seconds(found["clock"]), _seconds(found["until"]) if found["until"] else None
        return (None if start is None else start + days), (None if until is None else until + days), " ".join(found["rest"].split())
    if _NUMBER.match(cell):
        return (None, None, "") if whole else (float(cell.replace(",", ".")), None, "")
    return None, None, " ".join(cell.split())  # no time, only a note


def _row_codes(source: Any, cues: list[Any], tagged: dict[int, list[str]]) -> list[tuple[int, int, str]]:
    """Each tagged row's span in the stored text, once per tag: the rows' words stand in their turns in order."""
    if not tagged or not source.turns:
        return []
    text = source.text
    codes: list[tuple[int, int, str]] = []
    turn = 0
    cursor = source.turns[0].start
    for index, cue in enumerate(cues):
        if not cue.text:
            continue
        while not (text.startswith(cue.text, cursor) and cursor + len(cue.text) <= source.turns[turn].end):
            turn += 1
            if turn == len(source.turns):
                return codes  # never: every cue's words are in a turn
            cursor = source.turns[turn].start
        codes.extend((cursor, cursor + len(cue.text), tag) for tag in tagged.get(index, []))
        cursor += len(cue.text) + 1
    return codes


def template_options(path: Path) -> dict[str, str]:
    """What ``qlr info --template`` writes in a transcript table's entry: the column of words read, where it has several.

    The entry then says which column is read (the original, by default) and names the others in a
    comment-free way the researcher can change: ``text_column: English Translation``.
    """
    if not is_transcript_table(path):
        return {}
    stat = path.stat()
    layout = _layout_of_file(str(path), stat.st_size, stat.st_mtime_ns)
    if not isinstance(layout, TableLayout) or len(layout.texts) < 2:
        return {}
    return {"text_column": layout.header[layout.texts[0]]}


def table_options(entry: Any, manifest: Path, file: Path) -> dict[str, Any]:
    """A document entry's ``text_column:`` and ``tags:`` (on, off, or a column's name), checked; only a table's entry has them."""
    options: dict[str, Any] = {}
    given = [key for key in ("text_column", "tags") if key in entry]
    if given and file.suffix.lower() not in TRANSCRIPT_TABLE_SUFFIXES:
        raise ManifestError(
            f"'{given[0]}' is for a transcript kept as a table (.csv, .tsv, .xlsx), and {file.name!r} is not one",
            path=manifest,
            line=entry.line_of(given[0]),
            hint="give the tables an entry of their own (path: transcripts/*.csv) and put it there",
        )
    if "text_column" in entry:
        value = entry["text_column"]
        if not isinstance(value, str) or not value.strip():
            raise ManifestError("'text_column' must be the name of a column", path=manifest, line=entry.line_of("text_column"), hint="e.g. text_column: English Translation")
        options["text_column"] = value.strip()
    if "tags" in entry:
        value = entry["tags"]
        if isinstance(value, bool):
            options["tags"] = value
        elif isinstance(value, str) and value.strip().lower() in ("on", "off", "yes", "no"):
            options["tags"] = value.strip().lower() in ("on", "yes")
        elif isinstance(value, str) and value.strip():
            options["tags"] = value.strip()
        else:
            raise ManifestError("'tags' must be on, off, or the name of a column", path=manifest, line=entry.line_of("tags"), hint="e.g. tags: off, or tags: Mode")
    return options
