"""A deposit's data list: the table beside archived transcripts saying whose each file is, at which wave and when.

Archives (the UK Data Service, the Qualitative Data Repository, Dataverse, Timescapes) ask depositors
for a data list or file inventory, a spreadsheet with a row per file: its name, the participant, the
wave or round, the date, the interviewer. A manifest's ``documents:`` entry ``- list: data_list.csv``
reads it as one entry per row (:func:`list_entries`), so a secondary analyst does not retype it, and
every check a hand-written entry gets (declared cases and waves, a file listed twice) applies to it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from natsort import natsorted

from .._check import check_id
from .._decode import HEADER_SEARCH, header_row
from .._warned import warn
from .._words import first_few
from .._yaml import LineDict, check_keys
from ..errors import FilesNotLoadedWarning, InferenceWarning, InvalidParameterError, ManifestError
from ._coding_reports import tool_export
from ._naming import _skipped, document_stem, read_as_document
from ._responses import _grid, _name_words
from ._sections import _WAVE_IN_NAME
from ._segment import KIND_STRATEGY, SPEAKER_ROLES, canonical_kind, find_date

#: What a data list's entry may say: the list, its columns by role, and what holds for every row's document.
LIST_KEYS = ("list", "columns", "kind", "stage", "segment", "speakers", "observer")
#: The roles a column can play, and the headers (as lower-case words) that name each, most usual first.
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "path": ("file", "file name", "filename", "file names", "path", "file path", "document", "document name", "transcript", "transcript file", "transcript name", "name of file",
             # An archive's id of each interview, which its file is named by (``FAM03_W2_INT`` is ``FAM03_W2_INT.rtf``).
             "interview id", "interview code", "transcript id", "document id", "file id",
             # Dedoose's name of an uploaded file, in its descriptor sets linked to media and its exports.
             "media title", "media name"),
    "case": ("case", "case id", "participant", "participant id", "participant code", "participant number", "pseudonym", "respondent", "respondent id",
             "interviewee", "interviewee id", "informant", "person", "person id", "household", "household id", "family", "family id", "id"),
    # Not "time": an inventory's "Time" is a recording's length as often as a wave.
    "wave": ("wave", "wave id", "wave number", "round", "round number", "sweep", "time point", "timepoint", "phase", "visit", "interview number", "interview round"),
    "date": ("date", "interview date", "date of interview", "interview date yyyy mm dd", "recorded", "date recorded"),
    # Not "file type" (an archive's "Text", "PDF"); a kind column found by its header is read only if its values are kinds.
    "kind": ("kind", "type", "document type", "data type", "method"),
    "interviewer": ("interviewer", "interviewer name", "interviewed by", "researcher", "fieldworker"),
    # The participant's role in the study ("carer", "volunteer"), as qlr's deposit writes it: the case's role.
    "role": ("role", "case role", "participant role"),
    # "Maria: interviewer; [Volunteer 2]: C02": a document's own speakers: (qlr's deposit writes it); read only when every
    # cell says so (an inventory's "Speakers: interviewer, participant" is not).
    "speakers": ("speakers", "speaker labels", "speaker cases"),
}  # fmt: skip
_ROLES = tuple(COLUMN_WORDS)


def _columns(header: list[str], given: Any, source: Path, manifest: Path, line: int, row: int = 1) -> dict[str, int]:
    """Each role's column: as the entry's ``columns:`` names it, else by its header's words (the header is the list's ``row``)."""
    words = [_name_words(cell) for cell in header]
    found: dict[str, int] = {}
    if given is not None:
        if not isinstance(given, dict):
            raise ManifestError("'columns' of a data list must map roles to column names", path=manifest, line=line, hint="e.g. columns: {path: File name, case: Participant ID, wave: Round}")
        check_keys(given, _ROLES, path=manifest, where="a data list's 'columns'", error=ManifestError)
        for role, name in given.items():
            wanted = _name_words(str(name))
            if wanted not in words:
                raise ManifestError(
                    f"the data list {source.name!r} has no column {name!r} (for {role})",
                    path=manifest,
                    line=given.line_of(role) if isinstance(given, LineDict) else line,
                    hint=f"its columns are: {', '.join(repr(cell) for cell in header if cell.strip())}",
                )
            found[role] = words.index(wanted)
    for role, names in COLUMN_WORDS.items():
        if role not in found:
            column = next((words.index(name) for name in names if name in words and words.index(name) not in found.values()), None)
            if column is not None:
                found[role] = column
    named = [cell for cell in header if cell.strip()]
    if "case" not in found:
        example = next((cell for index, cell in enumerate(header) if cell.strip() and index != found.get("path")), named[0] if named else "Participant ID")
        raise ManifestError(
            f"the data list {source.name!r} has no column saying whose each file is (its header is row {row})",
            path=source,
            line=row,
            hint=f"name it in the manifest's entry, e.g. columns: {{case: {example!r}}} (the file's column may be the case too); its columns are: "
            + ", ".join(repr(c) for c in named),
        )
    if "path" not in found:
        raise ManifestError(
            f"the data list {source.name!r} has no column of file names (its header is row {row})",
            path=source,
            line=row,
            hint=f"name it in the manifest's entry, e.g. columns: {{path: {(named or ['File name'])[0]!r}}}; its columns are: {', '.join(repr(c) for c in named)}",
        )
    return found


def _header(grid: list[list[str]], given: Any, source: Path, manifest: Path, line: int) -> tuple[int, list[str], dict[str, int]]:
    """(row number, cells, columns by role) of a data list's header: the first of its top rows whose cells name a
    column of files and one of cases (:func:`qlr._decode.header_row`; archives put a title and blank rows above it).

    Without one, the error is said of the row most like a header: the first with two cells or more (a title has one).
    """

    def names_columns(row: list[str]) -> bool:
        try:
            _columns([cell.strip() for cell in row], given, source, manifest, line)
        except ManifestError:
            return False
        return True

    at = header_row(grid, names_columns)
    if at is None:
        filled = [index for index, row in enumerate(grid[:HEADER_SEARCH]) if any(cell.strip() for cell in row)]
        if not filled:
            raise ManifestError(f"the data list {source.name!r} is empty", path=source, line=1, hint="one row per file: its name, the participant, the wave, the date")
        at = next((index for index in filled if sum(bool(cell.strip()) for cell in grid[index]) > 1), filled[0])
    header = [cell.strip() for cell in grid[at]]
    return at + 1, header, _columns(header, given, source, manifest, line, at + 1)  # raises, said of that row, if no row named them


def _words(name: str) -> tuple[str, ...]:
    return tuple(word for word in re.split(r"[\W_]+", name.lower()) if word)


def _file_index(root: Path) -> list[Path]:
    """The study folder's readable files."""
    return [path for path in natsorted(root.rglob("*"), key=lambda p: p.as_posix()) if path.is_file() and read_as_document(path) and not _skipped(path, root)]


def _find_file(value: str, source: Path, root: Path, files: list[Path], row: int) -> Path | None:
    """The file a row names: a path from the list's folder or the study's; else the one file of that name, of that
    name without its extension, or whose name holds it as whole words ("QR01" is ``QR01_transcript_deidentified.txt``,
    "Interview 10" is ``Interview 10 - PO.txt``)."""
    for base in (source.parent, root):
        if (base / value).is_file():
            return base / value
    name = Path(value.replace("\\", "/")).name.lower()
    wanted = _words(Path(name).stem)
    tests = (
        lambda p: p.name.lower() == name,
        lambda p: p.stem.lower() in (name, Path(name).stem),
        lambda p: bool(wanted) and any(_words(p.stem)[i : i + len(wanted)] == wanted for i in range(len(_words(p.stem)))),
    )
    for test in tests:
        candidates = [path for path in files if test(path)]
        if len(candidates) > 1:
            shown = ", ".join(p.relative_to(root).as_posix() for p in candidates[:4])
            raise ManifestError(f"{value!r} names {len(candidates)} files: {shown}", path=source, line=row, hint="write the file's name or its path from the study folder in the data list")
        if candidates:
            return candidates[0]
    return None


#: What sets apart the cases of one data list cell ("C01; C02", "P03 & P04", "P05 and P06"): ``;`` always, the others
#: only between case ids (:func:`listed_cases`).
_CASES_APART = re.compile(r"\s*(?:[;&+]|\band\b)\s*")


def listed_cases(value: str, *, alone: Collection[str] = ()) -> list[str]:
    """The cases a data list's case cell names: one, or several set apart by ``;``, ``&``, ``+`` or ``and``.

    ``;`` always sets cases apart (qlr's deposit writes "P04; P02"). ``&``, ``+`` and ``and`` do where a part is a
    case id: a word with a digit ("P03 & P04"), or a case the list names ``alone`` in another row or the manifest
    declares; otherwise the cell is one case, a household's or a couple's label ("Mr & Mrs Okafor", "Smith and Jones").
    A part that is no case beside one that is ("P03 & wife") is left out: :func:`not_cases` names it.

    Examples
    --------
    >>> listed_cases("C01; C02"), listed_cases("P03 & P04"), listed_cases("Household 3")
    (['C01', 'C02'], ['P03', 'P04'], ['Household 3'])
    >>> listed_cases("Mr & Mrs Okafor"), listed_cases("Smith and Jones"), listed_cases("Smith and Jones", alone={"Smith", "Jones"})
    (['Mr & Mrs Okafor'], ['Smith and Jones'], ['Smith', 'Jones'])
    >>> listed_cases("P03 & wife")
    ['P03']
    """
    parts = _cell_parts(value, alone=alone)
    cases = [case for case, known in parts if known]
    return cases if len(cases) > 1 or len(cases) < len(parts) else [value.strip()]


def not_cases(value: str, *, alone: Collection[str] = ()) -> list[str]:
    """The parts of a data list's case cell that :func:`listed_cases` leaves out: people joined to a case who are none
    ("wife" in "P03 & wife").

    Examples
    --------
    >>> not_cases("P03 & wife"), not_cases("Mr & Mrs Okafor"), not_cases("P03 & P04")
    (['wife'], [], [])
    """
    return [part for part, known in _cell_parts(value, alone=alone) if not known]


def _cell_parts(value: str, *, alone: Collection[str]) -> list[tuple[str, bool]]:
    """Each part of a case cell and whether it is a case: the one rule of :func:`listed_cases` and :func:`not_cases`."""
    parts: list[tuple[str, bool]] = []
    for part in (part.strip() for part in value.split(";")):
        if not part:
            continue
        pieces = [piece for piece in _CASES_APART.split(part) if piece]
        known = [piece in alone or (" " not in piece and any(c.isdigit() for c in piece)) for piece in pieces]
        if len(pieces) > 1 and any(known):
            # "P03 & wife": the document stays P03's, and "wife" is named as no case rather than making "P03 & wife" one.
            parts.extend(zip(pieces, known, strict=True))
        else:
            parts.append((part, True))
    return parts


def _warn_not_cases(rows: list[tuple[int, list[str]]], column: int, alone: Collection[str], source: Path) -> None:
    """Warn once of the case cells that join a case to someone who is none ("P03 & wife"): the row stays the case's."""
    cells = [(number, row[column].strip()) for number, row in rows if column < len(row) and not_cases(row[column], alone=alone)]
    if cells:
        shown = "; ".join(f"row {number}: {cell!r} is {', '.join(listed_cases(cell, alone=alone))}'s, {', '.join(repr(p) for p in not_cases(cell, alone=alone))} no case" for number, cell in cells[:5])
        warn(
            f"{source}: {len(cells)} case cell(s) join a case to someone the study has as no case ({shown}{', …' if len(cells) > 5 else ''}). "
            "Their documents are the case's, the others speaking in them for no case. "
            "Fix: declare the others under cases: (or give them an id) to make them cases, or write the case alone",
            InferenceWarning,
        )


def named_alone(cells: Iterable[str]) -> set[str]:
    """The cases a data list's case cells name on their own, or set apart by ``;``: those :func:`listed_cases` may find
    joined by ``&`` or ``and`` in another cell.

    Examples
    --------
    >>> sorted(named_alone(["Smith", "Jones; Patel", "Mr & Mrs Okafor"]))
    ['Jones', 'Mr & Mrs Okafor', 'Patel', 'Smith']
    """
    return {part.strip() for cell in cells for part in cell.split(";") if part.strip()}


def speakers_cell(value: str) -> dict[str, str] | None:
    """A data list's speakers cell as a document entry's ``speakers:`` (label → role or case), or None where it says
    something else; empty for an empty cell.

    Examples
    --------
    >>> speakers_cell("Maria: interviewer; [Volunteer 2]: C02")
    {'Maria': 'interviewer', '[Volunteer 2]': 'C02'}
    >>> speakers_cell("interviewer, participant") is None
    True
    """
    pairs: dict[str, str] = {}
    for part in value.split(";"):
        if not part.strip():
            continue
        label, colon, said = part.rpartition(":")
        if not colon or not label.strip() or not said.strip():
            return None
        pairs[label.strip()] = said.strip()
    return pairs


def _row_roles(roles: dict[str, str], named: list[str], cell: str | None) -> None:
    """Record the roles a row's role cell gives its cases: one each, in the case cell's order ("grower; helper", as qlr's
    deposit writes them, so a case heard only in a joint interview or a group keeps its role), else the one role of the
    row's first case. The first role a list gives a case holds."""
    if not cell or not named:
        return
    parts = [part.strip() for part in cell.split(";")]
    given = zip(named, parts) if len(parts) == len(named) else [(named[0], cell.strip())]
    for case, role in given:
        if role:
            roles.setdefault(case, role)


#: Numbered words of :data:`._sections._WAVE_IN_NAME` that are no wave's number in a data list: "Month 6" is six
#: months on, "Year 2" a school year, "Session 3" one meeting of several.
_NOT_WAVE_NUMBERS = frozenset({"year", "week", "wk", "month", "session"})


def _wave_id(value: str, *, kept: Collection[str] = ()) -> str:
    """A wave as a data list writes it: a bare number, or a wave's word and its number ("Wave 2", "Round 2", "Sweep 2",
    "T2"), is ``W`` and the number, as a folder "Wave 2" names W2; anything else, and a wave ``kept`` (the manifest
    declares it as written, or qlr's own deposit wrote it), as written.

    Examples
    --------
    >>> [_wave_id(v) for v in ("2", "Wave 1", "Round 02", "T3", "Baseline", "Month 6")]
    ['W2', 'W1', 'W2', 'W3', 'Baseline', 'Month 6']
    >>> _wave_id("Wave 1", kept={"Wave 1"})
    'Wave 1'
    """
    value = value.strip()
    if value in kept:
        return value
    if value.isdigit():
        return f"W{int(value)}"
    numbered = _WAVE_IN_NAME.fullmatch(value)
    return f"W{int(numbered.group(2))}" if numbered and numbered.group(1).lower() not in _NOT_WAVE_NUMBERS else value


class ListedRows(NamedTuple):
    """What a data list says: its rows as document entries, and of every row (its file deposited or not) the wave and
    date in the list's order, and the cases named by rows whose file is not deposited (with those rows' waves)."""

    entries: list[tuple[int, LineDict]]
    waves: list[tuple[str, date | None]]
    absent: dict[str, list[str]]
    #: Each case's role, from a role column (the first a row gives).
    roles: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple's default, never changed in place
    #: What the list's other columns say of each case, row by row: (the row's wave, {header: value}), the rows of files
    #: not deposited too ("Gender", "Age", "Notes"); none for qlr's own deposit's lists, whose other columns are the files'.
    others: dict[str, list[tuple[str | None, dict[str, str]]]] = {}  # noqa: RUF012 - as above


def list_entries(
    entry: LineDict, line: int, manifest: Path, *, cases_declared: bool = False, declared: Collection[str] = (), waves: Collection[str] = ()
) -> ListedRows:
    """One document entry per row of the data list a manifest's ``- list: FILE`` entry names.

    Parameters
    ----------
    entry : LineDict
        The manifest's entry: ``list`` (a ``.csv``, ``.tsv`` or ``.xlsx`` path from the manifest's folder),
        optionally ``columns`` (role → column name, for headers qlr does not know) and what holds for every
        row's document (``kind``, ``stage``, ``segment``, ``speakers``, ``observer``).
    line : int
        The entry's line in the manifest.
    manifest : Path
        The manifest.
    cases_declared : bool
        Whether the manifest declares its cases (then a row whose file is not deposited keeps no case).
    declared : collection of str
        The cases the manifest declares: a case cell may join them by ``&`` or ``and`` ("Ann & Bob").
    waves : collection of str
        The waves the manifest declares: a wave cell that is one of them is that wave as written, not read as a
        numbered wave ("Wave 1" is W1 unless ``waves:`` declares "Wave 1").

    Returns
    -------
    ListedRows
        ``entries``: each row as a document entry (``path``, and ``case``, ``wave``, ``date``, ``kind`` where its
        columns say), at the entry's line; a row's interviewer becomes its document's ``speakers: {name: interviewer}``.
        Rows whose file is not in the study folder are left out with one ``FilesNotLoadedWarning`` naming them;
        the participants they name are in ``absent`` (kept as cases, absent at those waves, by :func:`listed_design`).
        ``waves``: every row's wave and date, for the waves' order and dates (:func:`listed_design`).

    Notes
    -----
    The header is the first of the list's top rows naming a column of files and one of cases, so a title
    row and blank rows above it are skipped; errors name the header's row.

    Raises
    ------
    ManifestError
        The list cannot be read, has no column of file names, or a row's value is not an id or a date
        (naming the list and the row).
    """
    check_keys(entry, LIST_KEYS, path=manifest, where="a data list entry", error=ManifestError)
    root = manifest.parent
    source = root / str(entry["list"])
    if not source.is_file():
        raise ManifestError(f"the data list {str(entry['list'])!r} does not exist", path=manifest, line=entry.line_of("list"), hint=f"give its path from {root}")
    if source.suffix.lower() not in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        raise ManifestError(f"the data list {source.name!r} is not a table qlr reads", path=manifest, line=entry.line_of("list"), hint="save it as .csv, .tsv or .xlsx (a PDF's table: copy it into a spreadsheet)")
    grid, _, _ = _grid(source)
    at, header, columns = _header(grid, entry.get("columns"), source, manifest, entry.line_of("columns"))
    rows = [(number, row) for number, row in enumerate(grid[at:], at + 1) if any(cell.strip() for cell in row)]
    # qlr's own deposit's doc_id column: each document's id, where its file's name could not hold it.
    own_deposit = deposit_header(header)
    own_ids = header.index("doc_id") if own_deposit else None
    # qlr's own deposit writes each wave's id as it is: read back as written, whatever its words.
    kept_waves = {row[columns["wave"]].strip() for _, row in rows if columns["wave"] < len(row)} if "wave" in columns and own_deposit else set(waves)
    if not rows:
        raise ManifestError(f"the data list {source.name!r} has no rows under its header (row {at})", path=source, line=at, hint="one row per file: its name, the participant, the wave, the date")
    named_kind = isinstance(entry.get("columns"), dict) and "kind" in entry["columns"]
    if "kind" in columns and not named_kind:
        values = {row[columns["kind"]].strip() for _, row in rows if columns["kind"] < len(row) and row[columns["kind"]].strip()}
        unknown = sorted(value for value in values if canonical_kind(value) not in KIND_STRATEGY)
        if unknown:
            # "Type: Audio, Text" says what the file is, not what kind of document: the entry's kind (or interview) holds.
            warn(
                f"{source}: the column {header[columns['kind']]!r} is not read as the documents' kinds: {', '.join(repr(v) for v in unknown[:5])} "
                f"{'is no kind' if len(unknown) == 1 else 'are no kinds'} qlr knows ({', '.join(sorted(KIND_STRATEGY)[:6])}, …). "
                "Fix: name the column under columns: {kind: …} to read it as it is",
                InferenceWarning,
            )
            del columns["kind"]
    # The cases named on their own, which may be joined in another row's cell ("Smith and Jones", two of them).
    alone = named_alone(row[columns["case"]] for _, row in rows if "case" in columns and columns["case"] < len(row)) | set(declared)
    if "case" in columns:
        _warn_not_cases(rows, columns["case"], alone, source)
    said: dict[int, dict[str, str] | None] = {}  # each row's speakers cell, read once: checked here, given to its entry below
    if "speakers" in columns:
        # Each pair must give a speaker role or a case the list names: an inventory's "Interviewer: Jane Smith" (role: person)
        # is the other way round, and the list loads without the column rather than refusing the study.
        ids = {case for _, row in rows if columns["case"] < len(row) for case in listed_cases(row[columns["case"]], alone=alone)}
        said = {number: speakers_cell(row[columns["speakers"]]) for number, row in rows if columns["speakers"] < len(row)}
        unread = [number for number, pairs in said.items() if pairs is None or any(v.lower() not in SPEAKER_ROLES and v not in ids for v in pairs.values())]
        if unread:
            warn(
                f"{source}: the column {header[columns['speakers']]!r} is not read as each document's speakers: row(s) "
                f"{', '.join(map(str, unread[:5]))} say no 'Label: role or case' pairs (a role is one of {', '.join(SPEAKER_ROLES)}; "
                "a case, one the list names). Fix: write them so ('Maria: interviewer; Ben: C02'), or give the labels' roles under the entry's speakers:",
                InferenceWarning,
            )
            del columns["speakers"]
    # The columns no role reads (a participant's gender, age, a note): kept per case and row, for the template.
    unread = [] if own_deposit else [(index, cell) for index, cell in enumerate(header) if cell and index not in columns.values()]
    others: dict[str, list[tuple[str | None, dict[str, str]]]] = {}
    files = _file_index(root)
    entries: list[tuple[int, LineDict]] = []
    missing: list[str] = []
    first_row: dict[Path, int] = {}
    seen: list[tuple[str, date | None]] = []  # each row's wave and date, deposited or not, in the list's order
    absent: dict[str, list[str]] = {}  # a case named by rows whose file is not deposited → those rows' waves
    roles: dict[str, str] = {}  # a case → its role, where the list has a role column (:func:`_row_roles`)
    for row_number, row in rows:
        cells = {role: (row[column].strip() if column < len(row) else "") for role, column in columns.items()}
        file = _find_file(cells["path"], source, root, files, row_number) if cells["path"] else None
        if file is None:
            if cells["path"] or not cells.get("case"):
                # A row naming a case and no file (a deposit's case with no document) leaves no file out: only its case is kept.
                missing.append(f"{cells['path']} (row {row_number})" if cells["path"] else f"row {row_number} (no file named)")
            # A withheld or withdrawn interview: the list still says whose it was, at which wave and when.
            try:
                named = [check_id("a case", case) for case in listed_cases(cells["case"], alone=alone)] if cells.get("case") else []
                # A list with waves and this row none: a case of no wave (a deposit's 'other' list), as for a file's row.
                wave = check_id("a wave", _wave_id(cells["wave"], kept=kept_waves)) if cells.get("wave") else None if "wave" in columns else "W1"
            except InvalidParameterError:
                continue  # not an id: the row is named in the warning, nothing kept of it
            if wave is not None:
                seen.append((wave, find_date(cells["date"], dayfirst=True) if cells.get("date") else None))
            for case in named:
                absent.setdefault(case, []).extend([wave] if wave is not None else [])
            _row_roles(roles, named, cells.get("role"))
            _row_others(others, named, wave, row, unread)
            continue
        if file in first_row:
            # A couple or a family interviewed together: one file, one document, one case.
            raise ManifestError(
                f"rows {first_row[file]} and {row_number} both name {file.name!r}",
                path=source,
                line=row_number,
                hint="name the people interviewed together in one row ('C01; C02': the first one's document, the others speaking in it), or delete the second row",
            )
        first_row[file] = row_number
        # The list says whose each file is: its name is not read by the naming convention ("QR01_transcript_deidentified"
        # is no wave "transcript"); a list without waves is one wave, W1, and a file whose kind it does not say an interview.
        made = LineDict(path=file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file), wave="W1", kind="interview")
        if own_ids is not None and own_ids < len(row) and row[own_ids].strip() and row[own_ids].strip() != document_stem(file):
            made["id"] = row[own_ids].strip()  # qlr's deposit names a file by its id written for every system ("ftc:P01" as ftc_P01)
        for key in ("kind", "stage", "segment", "observer"):
            if key in entry:
                made[key] = entry[key]
        speakers = dict(entry.get("speakers") or {})
        if cells.get("kind"):
            made["kind"] = cells["kind"].lower().replace(" ", "_")
        try:
            named = [check_id(f"the case in row {row_number}", case) for case in listed_cases(cells["case"], alone=alone)] if cells.get("case") else []
            _row_roles(roles, named, cells.get("role"))
            if len(named) > 1:
                # A joint interview's cases (the document is the first one's, the others speak in it) or a focus group's
                # (the study's, its speakers counting for their cases): checked against the turns once read.
                group = canonical_kind(str(made["kind"])) == "focus_group"
                made["listed_cases"] = named if group else named[1:]
                named = [] if group else named[:1]
            if named:
                made["case"] = named[0]
            if cells.get("wave"):
                made["wave"] = check_id(f"the wave in row {row_number}", _wave_id(cells["wave"], kept=kept_waves))
            elif "wave" in columns:
                made["wave"] = None  # the list has waves, and this row none: a document of no wave (a deposit's 'other')
            _row_others(others, [*named, *made.get("listed_cases", [])], made["wave"], row, unread)
        except InvalidParameterError as exc:
            raise ManifestError(exc.message, path=source, line=row_number, hint=exc.hint) from None
        if cells.get("date"):
            made["date"] = _row_date(cells["date"], source, row_number)
        if made["wave"] is not None:
            seen.append((made["wave"], made.get("date")))
        if cells.get("interviewer"):
            speakers.setdefault(cells["interviewer"], "interviewer")
        speakers.update((said.get(row_number) or {}) if "speakers" in columns else {})
        if speakers:
            made["speakers"] = speakers
        made.line, made.lines = line, {key: line for key in made}
        entries.append((line, made))
    if missing:
        shown = first_few(missing, shown=5)
        kept = (
            f" The participant(s) they name stay cases, absent at those waves: {', '.join(natsorted(absent))}."
            if absent and not cases_declared
            else ""
        )
        warn(
            f"{source}: {len(missing)} row(s) of the data list name no file in the study folder, so their documents are not in the study: {shown}.{kept} "
            "Fix: put the files in the folder (a withheld or withdrawn interview stays out), or correct the names in the list",
            FilesNotLoadedWarning,
        )
    return ListedRows(entries, seen, absent, roles, others)


def _row_others(others: dict[str, list[tuple[str | None, dict[str, str]]]], cases: list[str], wave: str | None, row: list[str], unread: list[tuple[int, str]]) -> None:
    """Keep what a row's unread columns say (``unread``: index and header) for each of its ``cases``, at its ``wave``."""
    said = {name: row[index].strip() for index, name in unread if index < len(row) and row[index].strip()}
    for case in cases:
        others.setdefault(case, []).append((wave, said))


#: A case's own columns, which no attribute may be called (:func:`qlr.io._manifest._case_row` refuses them): a list's
#: column so called ("Label", "Left") is said per wave instead.
_CASE_COLUMNS = frozenset({"case_id", "label", "role", "left"})
#: A case's wave row's own columns, which no per-wave value may be called: a list's column so called is not written.
_WAVE_COLUMNS = frozenset({"case_id", "wave_id", "scheduled"})


def case_attributes(others: dict[str, list[tuple[str | None, dict[str, str]]]]) -> dict[str, dict[str, Any]]:
    """Each case's ``attributes`` and ``per_wave`` from what a data list's other columns say of it (:attr:`ListedRows.others`).

    A column that says one value in all the rows of each case (a gender, a household) gives each case an attribute; one
    whose value changes within some case's rows, or that some rows leave empty (an age that grows, a note of one
    interview), is said at each wave whose row gives it, for every case alike; so is one named as a case's own column
    ("Label", "Left"). A case's rows of one wave that say different values (an interview "by telephone" and a diary
    "photo diary") give that wave their values joined by "; ", in the rows' order. A whole number is a number ("34"),
    anything else as written. A column named as a wave row's own (``wave_id``, ``scheduled``) is not written.

    Examples
    --------
    >>> rows = {"C1": [("W1", {"Gender": "F", "Age": "34"}), ("W2", {"Gender": "F", "Age": "35", "Notes": "by phone"})],
    ...         "C2": [("W1", {"Gender": "M", "Age": "41"}), ("W2", {"Gender": "M", "Age": "41"})]}
    >>> found = case_attributes(rows)
    >>> found["C1"]
    {'attributes': {'Gender': 'F'}, 'per_wave': {'W1': {'Age': 34}, 'W2': {'Age': 35, 'Notes': 'by phone'}}}
    >>> found["C2"]
    {'attributes': {'Gender': 'M'}, 'per_wave': {'W1': {'Age': 41}, 'W2': {'Age': 41}}}
    >>> case_attributes({"C1": [("W1", {"Notes": "by telephone", "Label": "Tape 1"}), ("W1", {"Notes": "photo diary", "Label": "Tape 2"})]})
    {'C1': {'per_wave': {'W1': {'Notes': 'by telephone; photo diary', 'Label': 'Tape 1; Tape 2'}}}}
    """

    def plain(value: str) -> Any:
        return int(value) if value.isdigit() and len(value) < 10 else value

    names = list(dict.fromkeys(name for rows in others.values() for _, said in rows for name in said if name.lower() not in _WAVE_COLUMNS))
    constant = {
        name
        for name in names
        if name.lower() not in _CASE_COLUMNS and all(len({said.get(name) for _, said in rows}) == 1 for rows in others.values())
    }
    found: dict[str, dict[str, Any]] = {}
    for case, rows in others.items():
        attributes = {name: plain(rows[0][1][name]) for name in names if name in constant and rows and rows[0][1].get(name)}
        values: dict[str, dict[str, list[str]]] = {}  # wave → name → its rows' values, each once, in the rows' order
        for wave, said in rows:
            for name in names:
                if name not in constant and wave is not None and said.get(name):
                    kept = values.setdefault(wave, {}).setdefault(name, [])
                    kept.extend([said[name]] if said[name] not in kept else [])
        per_wave = {wave: {name: plain(said[0]) if len(said) == 1 else "; ".join(said) for name, said in told.items()} for wave, told in values.items()}
        if attributes or per_wave:
            found[case] = {key: value for key, value in (("attributes", attributes), ("per_wave", per_wave)) if value}
    return found


class ListedDesign(NamedTuple):
    """The waves and cases a manifest's data lists give a study that declares none: the waves in order (and how
    they were ordered), each wave's first and last date, and the cases named by rows whose file is not deposited."""

    waves: list[str]
    order: str
    spans: dict[str, tuple[date, date]]
    absent: dict[str, list[str]]
    roles: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple's default, never changed in place


def listed_design(lists: list[ListedRows]) -> ListedDesign:
    """The waves the data lists name, in the order :func:`._sections.order_waves` decides: by each wave's middle date
    in the lists where every wave has a dated row, else by what their names say of when ("Baseline", "6-month
    follow-up", "12-month follow-up" are in no natural order), else as the rows first name them; each wave's span,
    from its rows' first to last date; the cases of undeposited rows.

    Examples
    --------
    >>> d = date
    >>> rows = ListedRows([], [("Baseline", d(2021, 3, 1)), ("12-month", d(2022, 3, 2)), ("6-month", d(2021, 9, 1)), ("Baseline", d(2021, 3, 5))], {})
    >>> design = listed_design([rows])
    >>> design.waves, design.spans["Baseline"]
    (['Baseline', '6-month', '12-month'], (datetime.date(2021, 3, 1), datetime.date(2021, 3, 5)))
    >>> listed_design([ListedRows([], [("Baseline", None), ("12-month", None), ("6-month", None)], {})]).waves
    ['Baseline', '6-month', '12-month']
    >>> listed_design([ListedRows([], [("Pilot", None), ("Main", None)], {})]).order
    "the data list's order of rows (not every wave has a dated row)"
    """
    from ._sections import order_waves

    first: dict[str, int] = {}
    dates: dict[str, list[date]] = {}
    absent: dict[str, list[str]] = {}
    roles: dict[str, str] = {}
    for listed in lists:
        for case, role in listed.roles.items():
            roles.setdefault(case, role)
        for wave, when in listed.waves:
            first.setdefault(wave, len(first))
            if when is not None:
                dates.setdefault(wave, []).append(when)
        for case, waves in listed.absent.items():
            absent.setdefault(case, []).extend(wave for wave in waves if wave not in absent[case])
    spans = {wave: (min(found), max(found)) for wave, found in dates.items()}
    decided = order_waves(list(first), dates=dates)
    if first and all(wave in spans for wave in first):  # one dated wave too
        return ListedDesign(decided.waves, "the data list's dates (each wave's middle date)", spans, absent, roles)
    if decided.by == "names" and decided.waves != list(first):
        return ListedDesign(decided.waves, "what the waves' names say of when (not every wave has a dated row)", spans, absent, roles)
    return ListedDesign(list(first), "the data list's order of rows (not every wave has a dated row)", spans, absent, roles)


def _row_date(value: str, source: Path, row: int) -> date:
    """A row's date: ISO, or as a spreadsheet wrote it (``2021-03-11 00:00:00``, ``11/03/2021`` day first)."""
    found = find_date(value.strip(), dayfirst=True)
    if found is None:
        raise ManifestError(f"{value!r} in the data list's date column is not a date", path=source, line=row, hint="write dates as YYYY-MM-DD")
    return found



#: The columns of the data lists qlr's deposit writes (:func:`qlr.pseudo.deposit`), as their header says them.
DEPOSIT_COLUMNS = ("file", "doc_id", "case_id", "role", "wave_id", "kind", "date", "stage", "title", "format", "n_words", "speakers")

def deposit_header(header: list[str] | None) -> bool:
    """Whether a table's header is that of qlr's deposit's lists: every column of :data:`DEPOSIT_COLUMNS`, beside any a
    researcher added (a ``notes`` column typed in a spreadsheet keeps the list the deposit's)."""
    return header is not None and set(DEPOSIT_COLUMNS) <= {cell.strip() for cell in header}


#: A table is taken for the folder's data list when at least this share of its rows name a file there.
_LISTED_SHARE = 0.5


#: Headers that make a table a codings file (a code, a quote, a coder), never a data list.
_CODINGS_HEADERS = frozenset({"quote", "quotation", "excerpt", "coded text", "coded segment", "coder", "code id", "code name", "codes", "node", "nodes"})


class DataList(NamedTuple):
    """A folder's data list as the template finds it: its path in the folder, the roles of its columns, the rows
    that name a file there, its rows, the readable files it leaves out, its header's row, and whether its header is qlr's
    own deposit's (:func:`deposit_header`: a folder :func:`qlr.pseudo.deposit` wrote, extra columns aside)."""

    shown: str
    roles: str
    named: int
    rows: int
    unlisted: list[str]
    header: int = 1
    own: bool = False


def find_data_lists(folder: Path) -> list[DataList]:
    """The folder's data lists (qlr's deposit writes one per wave), or none.

    A table of the folder (``.csv``, ``.tsv``, ``.xlsx``) is its data list when its headers (under a
    title and blank rows, as :func:`list_entries` finds them) name a column of files and one of cases (:data:`COLUMN_WORDS`), none says it holds codings (a quote, a
    code, a coder), at least half of its rows name a readable file of the folder, and its header is the lists' own: that
    of the first such table naming two files or more, else one two tables share, else the deposit's
    (:func:`deposit_header`). Each such table whose rows name a file the lists before it did not is a list, wherever it
    falls in the folder's order (a deposit's first wave may hold one document). Each list's ``unlisted`` is what no list names.
    """
    from ._naming import _in_qlr_output

    files = _file_index(folder)
    tables = [
        path for path in natsorted(folder.rglob("*"), key=lambda p: p.as_posix())
        if path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".xlsx", ".xlsm") and not _skipped(path, folder) and not _in_qlr_output(path, folder)
    ]  # fmt: skip
    # Every table that could be a list first, then the lists among them: a deposit's first wave may hold one document,
    # and its list comes first in the folder's order, before a second list has shown the header they share.
    candidates: list[tuple[Path, int, list[str], dict[str, int], int, int, set[Path]]] = []
    for table in tables:
        try:
            grid, _, _ = _grid(table)
            at, header, columns = _header(grid, None, table, table, 1)  # under a title row, as the list's reading finds it
        except (ManifestError, OSError, ValueError):
            continue  # not a data list (a survey export, a codebook)
        rows = [(number, row) for number, row in enumerate(grid[at:], at + 1) if any(cell.strip() for cell in row)]
        used = {_name_words(header[column]) for column in columns.values()}
        if any(words in _CODINGS_HEADERS or (words == "code" and words not in used) for words in map(_name_words, header)) or tool_export(set(header)):
            continue  # a codings file names its documents and cases too (Taguette's highlights: id, document, tag, content)
        named = 0
        found_files: set[Path] = set()
        for number, row in rows:
            value = row[columns["path"]].strip() if columns["path"] < len(row) else ""
            try:
                file = _find_file(value, table, folder, files, number) if value else None
            except ManifestError:
                file = None  # a value naming several files: the list is still the list
            if file is not None:
                named += 1
                found_files.add(file)
        # A row naming no file (a case the deposit kept with no document) does not count against the list.
        filed = sum(1 for _, row in rows if columns["path"] < len(row) and row[columns["path"]].strip())
        # qlr's deposit's list of a wave no document is of: rows with no file, each a case it planned for and missed.
        unheld = not filed and deposit_header(header)
        if rows and (found_files or unheld) and named >= _LISTED_SHARE * filed:
            candidates.append((table, at, header, columns, named, len(rows), found_files))
    # The lists' header: the first table's naming two files or more, else one that two tables share, else qlr's own
    # deposit's (a one-document list of a single wave); a table of another shape is not the deposit's other wave.
    shared = [header for _, _, header, *_ in candidates]
    first_header = next(
        (header for _, _, header, *_, found_files in candidates if len(found_files) >= 2),
        next((header for header in shared if shared.count(header) > 1 or deposit_header(header)), None),
    )
    found: list[DataList] = []
    taken: set[Path] = set()
    for table, at, header, columns, named, n_rows, found_files in candidates:
        if header != first_header or (found_files and not found_files - taken) or not (found_files or deposit_header(first_header)):
            continue
        taken |= found_files
        roles = ", ".join(f"{role} from {header[column]!r}" for role, column in columns.items())
        found.append(DataList(table.relative_to(folder).as_posix(), roles, named, n_rows, [], at, deposit_header(header)))
    unlisted = [path.relative_to(folder).as_posix() for path in files if path not in taken]
    return [listed._replace(unlisted=unlisted) for listed in found]
