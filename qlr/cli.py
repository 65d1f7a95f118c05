"""The ``qlr`` command.

Errors print as one line on stderr and exit with status 1; ``--debug`` shows the
traceback instead.  Progress bars appear only on a terminal; ``--quiet`` hides
them and everything but results and errors.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._names import display_width, told_apart
from ._version import __version__
from ._words import first_few, number_of

if TYPE_CHECKING:  # pragma: no cover
    from .codebook import Codebook

#: QDA projects, read as `qlr import` reads them (:func:`_project_tool`): REFI-QDA's archive (.qdpx), or its project
#: file unzipped (.qde), QualCoder's project folder (name.qda, or the data.qda inside it), RQDA's project file
#: (name.rqda), Taguette's database (the name.sqlite3 its Export project writes; read when its tables are Taguette's)
#: CATMA's export (the name.tar.gz of documents and TEI collections; one collection's .xml is read by its content)
#: and Transana's database export (name.tra; under another name read by its content). The tool whose own project a
#: suffix names.
_PROJECT_TOOLS = {".qda": "QualCoder", ".rqda": "RQDA", ".sqlite3": "Taguette", ".sqlite": "Taguette", ".tgz": "CATMA", ".gz": "CATMA", ".tra": "Transana"}


def _project_tool(path: str | Path, *, as_study: bool = True) -> str | None:
    """The QDA tool whose project ``path`` is, as `qlr import`, `qlr info` and `qlr export` route it, or None (a study).

    By its name (:data:`_PROJECT_TOOLS`; ``.qdpx``/``.qde`` REFI-QDA), else by its content: one CATMA collection's TEI
    (a ``.xml``), a QualCoder project folder (holding ``data.qda``) or a folder a CATMA export was unpacked into.  With
    ``as_study`` (`qlr info`, `qlr report` …, which read a study folder too) such a folder is a study when it holds a
    study.yaml or transcripts of its own at its top (QualCoder keeps its documents in ``documents/``, a CATMA export in
    its document folders): :func:`_project_beside` names the project for the note.  `qlr import` (``as_study=False``)
    is given a project and reads the folder as one.
    """
    from .io._brat import brat_collection_kind, collection_folder
    from .io._catma import catma_export_kind
    from .io._doccano import doccano_export_kind
    from .io._inception import inception_export_kind
    from .io._label_studio import label_studio_export_kind
    from .io._qualcoder import qualcoder_database
    from .io._transana import transana_export_kind

    given = Path(path)
    suffix = given.suffix.lower()
    if suffix in _PROJECT_TOOLS:
        return _PROJECT_TOOLS[suffix]
    if suffix in (".qdpx", ".qde"):
        return "REFI-QDA"
    if given.is_dir():
        if as_study and _a_study(given):
            return None
        if qualcoder_database(given) is not None:
            return "QualCoder"
    # Transana's export under another name (.xml): by its content (<Transana> and its version).
    if given.is_file() and transana_export_kind(given):
        return "Transana"
    if catma_export_kind(given) in ("collection", "folder"):
        return "CATMA"
    # Label Studio's JSON export (a .json of tasks): by its content.
    if label_studio_export_kind(given) is not None:
        return "Label Studio"
    # doccano's export (the .zip of <user>.jsonl its Export writes, or one .jsonl): by its content.
    if doccano_export_kind(given) is not None:
        return "doccano"
    # INCEpTION's WebAnno TSV 3 (.tsv) and project export (.zip, or its folder): by their content.
    if inception_export_kind(given) is not None:
        return "INCEpTION"
    # A brat collection (a folder, or .zip, of .txt and standoff .ann files; or one .ann): by its .ann lines.  A study
    # folder keeping its collection in a folder of its own (brat/) beside its transcripts is a study, as_study.
    if brat_collection_kind(given) is None:
        return None
    return None if as_study and given.is_dir() and _documents_outside(given, collection_folder(given)) else "brat"


def _documents_outside(folder: Path, inner: Path) -> bool:
    """Whether ``folder`` holds a document qlr loads outside its folder ``inner`` (a study's transcripts beside the
    folder of a tool's project; none where ``inner`` is ``folder``), among its first 5,000 files."""
    from .io._readers import READERS
    from .io._tabular import TRANSCRIPT_TABLE_SUFFIXES

    if inner == folder:
        return False
    readable = {*READERS, *TRANSCRIPT_TABLE_SUFFIXES}
    seen = 0
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and Path(top, d) != inner]
        for name in files:
            seen += 1
            if Path(name).suffix.lower() in readable and not name.startswith("."):
                return True
        if seen > 5000:
            return False
    return False


def _a_study(folder: Path) -> bool:
    """Whether ``folder`` is a study by what is at its top: a study.yaml, or a document qlr loads (not QualCoder's data.qda)."""
    from .io._load import MANIFEST_NAMES
    from .io._qualcoder import DATABASE
    from .io._readers import READERS
    from .io._tabular import TRANSCRIPT_TABLE_SUFFIXES

    if any((folder / name).is_file() for name in MANIFEST_NAMES):
        return True
    readable = {*READERS, *TRANSCRIPT_TABLE_SUFFIXES}
    try:
        return any(
            entry.suffix.lower() in readable and entry.name.lower() != DATABASE and not entry.name.startswith(".") and entry.is_file() for entry in folder.iterdir()
        )
    except OSError:
        return False


def _project_beside(folder: Path) -> tuple[str, Path] | None:
    """A QDA project a study folder holds (read as a study by :func:`_project_tool`): the tool and the path that reads it."""
    from .io._catma import named_within
    from .io._qualcoder import qualcoder_database

    if not folder.is_dir() or _project_tool(folder, as_study=False) is None:
        return None
    if _project_tool(folder, as_study=False) == "brat":
        from .io._brat import collection_folder

        return "brat", collection_folder(folder)  # its .txt files are transcripts qlr reads; its .ann files, their codings, are not
    database = qualcoder_database(folder)
    if database is not None:
        return "QualCoder", database
    found = sorted((entry for entry in named_within(folder, "annotationcollections") if entry.is_dir()), key=lambda entry: (len(entry.parts), str(entry)))
    # CATMA's export: EXPORT/DOCUMENT/annotationcollections; the folder holding the document folders reads it.
    return ("CATMA", found[0].parent.parent if found[0].parent != folder else folder) if found else None


def _read_project(path: str, *, project: str | None = None, coders: dict[str, str] | None = None, coder: str | None = None, **options):  # type: ignore[no-untyped-def]
    """A QDA project as `qlr import` reads it: a QualCoder, RQDA, Taguette or CATMA project directly, else a REFI-QDA one
    (``project``: which project of a Taguette database holding several, by id or name; ``coders``: a Label Studio
    export's annotators' names by user id; ``coder``: who annotated a brat collection)."""
    from .io import (
        read_brat,
        read_catma,
        read_doccano,
        read_inception,
        read_label_studio,
        read_qdpx,
        read_qualcoder,
        read_rqda,
        read_taguette,
        read_transana,
    )

    tool = _project_tool(path, as_study=False)
    if tool == "Taguette":
        return read_taguette(path, project=project, **options)  # as text: an id or a name ("2024"), tried as both
    if project is not None:
        from .errors import InvalidParameterError

        raise InvalidParameterError(f"--project chooses a project of a Taguette database; {path} is not one", hint="leave out --project")
    # CATMA's export by its name (a .tar.gz: read_catma says what it is when it is not CATMA's), else by its content.
    readers = {"RQDA": read_rqda, "QualCoder": read_qualcoder, "CATMA": read_catma, "Transana": read_transana, "INCEpTION": read_inception, "Label Studio": read_label_studio, "doccano": read_doccano, "brat": read_brat}
    if coders:
        if tool != "Label Studio":
            from .errors import InvalidParameterError

            fix = "for a brat collection --coder is who annotated it: --coder NAME" if tool == "brat" else "leave out --coder"
            raise InvalidParameterError(f"--coder names the annotators of a Label Studio export by their user ids; {path} is not one", hint=fix)
        options["coders"] = coders
    if coder is not None:
        options["coder"] = coder
    return readers.get(tool or "", read_qdpx)(path, **options)

EPILOG_INFO = """examples:
  qlr info data/sample               summary, attrition, what was inferred
  qlr info carers.qlr                the same for a saved project
  qlr info my_folder --template      print a starting study.yaml for a folder
  qlr info project-1-at-2024-05-02.json   a tool's project or export as qlr import reads it (here Label Studio's JSON)
  qlr info 3f2c9a1e-….zip             doccano's export (the .zip of JSONL its Export Dataset writes)
"""


def _print(*values: object, sep: str = " ", end: str = "\n", file=None) -> None:  # type: ignore[no-untyped-def]
    """``print`` with escape sequences and other control characters shown as codes.

    Newlines the command writes itself are kept; values from the data go through
    :func:`_v` first, so a newline inside an id cannot forge a row either.
    """
    from ._output import printable

    print(printable(sep.join(map(str, values)), keep_newlines=True), end=end, file=file)


def _cues_said(codebook: Codebook) -> str:
    """What ``qlr validate`` says of a codebook's assertion cues: their language where it is not English, and a
    codebook whose indicators and definitions do not read as it ("decidimos juntas" judged by English's cues), or are
    too few common words to tell (:func:`qlr.code._rules.cues_language`)."""
    from .code._rules import LANGUAGE_NAMES, cues_language

    language = codebook.assertion_language
    name = LANGUAGE_NAMES[language]
    said = f", assertion cues in {name}" if language != "en" else ""
    verdict = cues_language(codebook)
    if verdict is None:
        return said
    kind, words, own = verdict
    judged = f"judged with its definitions: {number_of(words, 'word')}, {own} of them among {name}'s commonest"
    fix = "for Spanish indicators write 'assertion: {language: es}'; docs/codebooks.md, 'Studies in other languages'"
    if kind == "apart":
        said += f"; its indicators do not read as {name}, the language of its assertion cues ({judged}):"
    else:
        said += f"; its language cannot be told, too few words ({judged}): if its indicators are not {name} (the language of its assertion cues),"
    said += f" a denial, a wish, hearsay or the past in theirs will not be recognised ({fix})"
    return said


def _v(value: object) -> str:
    """One value from the data (an id, a label, a name), made safe for one line of a terminal."""
    from ._output import printable

    return printable(value)


#: The longest a load note is printed by `qlr info`: a note listing 62 documents was one 2,096-character line.
NOTE_WIDTH = 600


def _shortened(note: str) -> str:
    """A load note cut after a whole item of its list when it is longer than :data:`NOTE_WIDTH`, saying where the rest is."""
    if len(note) <= NOTE_WIDTH:
        return note
    cut = note.rfind(", ", 0, NOTE_WIDTH)
    cut = cut if cut > 0 else NOTE_WIDTH
    return f"{note[:cut]} … ({len(note) - cut:,} more characters: the whole note is in study.meta['inferred'] and the report's tables/load_notes.csv)"


#: The widest a label (a code's id, a name) is shown in a printed table; longer ones lose their middle to '…'.
LABEL_WIDTH = 48


#: The widest a code's id beside its name is printed (``qlr agreement``, ``qlr validate --rules``); a longer one loses
#: its middle to '…' on screen only (see :func:`_cut_ids_note`).
CODE_ID_WIDTH = 64


def _cut_ids_note(table, *, written: str) -> str | None:  # type: ignore[no-untyped-def]
    """What a command prints under a table whose code ids beside their names were cut (:data:`CODE_ID_WIDTH`): how
    many, and where they are whole (``written``); None where none was."""
    ids = table.index.to_series() if table.index.name == "code_id" else table.get("code_id")
    if ids is None:
        return None
    long = {str(code) for code in ids.dropna() if display_width(str(code)) > CODE_ID_WIDTH}
    if not long:
        return None
    return f"{number_of(len(long), 'code id')} longer than {CODE_ID_WIDTH} characters {'is' if len(long) == 1 else 'are'} cut in the middle above; {written} {'has it' if len(long) == 1 else 'has them'} whole"


def _with_code_labels(study, table):  # type: ignore[no-untyped-def]
    """A table keyed by ``code_id`` (its index or a column) with a first column ``code``: what a reader knows each code
    by (:meth:`qlr.Codebook.labels`: its name); as it is where every label is its id (codes no codebook holds)."""
    from .codebook._display import study_code_labels

    frame = table.reset_index() if table.index.name == "code_id" else table
    if "code_id" not in frame.columns:
        return table
    labels = study_code_labels(study, frame["code_id"].dropna().astype(str).unique())
    if all(label == code for code, label in labels.items()):
        return table
    return frame.assign(code=frame["code_id"].astype("string").map(labels))[["code", *frame.columns]]


def _padded(text: str, width: int, side: str = "left") -> str:
    """``text`` with spaces after it (``side="left"``) or before it to ``width`` columns as printed
    (:func:`qlr._names.display_width`)."""
    room = " " * (width - display_width(text))
    return text + room if side == "left" else room + text  # "right" and "signed" alike


def _table_text(table, *, decimals: int = 3) -> str:  # type: ignore[no-untyped-def]
    """A result table as the commands print it: fixed decimals (no 1e-05), blanks for missing values, long labels cut.

    The index becomes columns, so a long code id in it cannot pad every row.
    """
    import pandas as pd

    shown = table.reset_index() if not isinstance(table.index, pd.RangeIndex) or table.index.name is not None else table
    columns: dict[object, tuple[list[str], str]] = {}
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            # A note is a sentence to read, not a label: cut, it lost its end ("rules:coproduct…appa and alpha undefined").
            # A code's id beside its name is printed whole up to CODE_ID_WIDTH: the name is what a reader reads, the
            # id what one copies (into --codes, a script); past that (an NVivo node path of 106 characters widened
            # every row) it is cut as a label is, and the command says where the whole ids are (_cut_ids_note).
            # Alone, an id is the label and is cut like one.
            beside_name = column == "code_id" and "code" in shown.columns
            width = CODE_ID_WIDTH if beside_name else LABEL_WIDTH
            values = list(shown[column].dropna().unique())
            # Cut as a figure's axis cuts its labels (_names.told_apart: two cut alike are cut a little wider, then
            # around where they part), in columns as printed (_names.display_width: a CJK character or an emoji two).
            texts = [value for value in values if isinstance(value, str)]
            cut = dict(zip(texts, texts if column == "note" else told_apart(texts, width)))
            shown_as = {value: cut.get(value, str(value)) for value in values}
            # As text before blanks are filled: a column with no value yet (disagreements' decision) maps to floats.
            columns[column] = (list(shown[column].map(shown_as).astype("string").fillna("").astype(str)), "left")  # text reads from the left, header too
        else:
            # Numbers right-aligned, as pandas printed them so tables read as before: a number column's header keeps a
            # place for a minus sign before it, its values do not (a column of 1.000/0.000 under "rm" is five wide).
            signed = pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column])
            columns[column] = ([_number(value, decimals) for value in shown[column]], "signed" if signed else "right")
    # Laid out here, not by pandas: each column as wide as its widest cell in columns as printed
    # (_names.display_width), so a CJK name or an emoji lines up with the Latin ones (pandas counted code points).
    laid = []
    for column, (cells, side) in columns.items():
        header = f" {column}" if side == "signed" else str(column)  # the sign's place over its numbers too
        width = max([display_width(header), *map(display_width, cells)])
        laid.append([_padded(text, width, side) for text in [header, *cells]])
    return "\n".join(" ".join(row).rstrip() for row in zip(*laid)) if laid else ""


def _number(value: object, decimals: int) -> str:
    """A value of a table's number column as printed: floats to ``decimals`` places (no 1e-05, no -0.000), blank where
    missing."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        text = f"{value:.{decimals}f}"
        return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # -8.7e-05 is 0.000, not -0.000
    return str(value)


def _guessed_lines(folder: Path, allow_outside: bool) -> list[str] | None:
    """What ``qlr info`` says of a folder with no ``study.yaml`` whose names are not ``{case}_{wave}_{kind}``: the
    template's guess (waves, cases, documents by kind, its lines to check) and how to keep it; None where it has none."""
    import shlex

    import yaml

    from .errors import QlrError
    from .io import template_for

    try:
        text = template_for(folder, allow_outside=allow_outside)
    except QlrError:
        return None
    data = yaml.safe_load(text) or {}
    documents = [entry for entry in data.get("documents") or [] if isinstance(entry, dict)]
    if not documents:
        return None
    waves = [wave for wave in data.get("waves") or [] if isinstance(wave, dict)]
    cases = [str(case.get("id")) for case in data.get("cases") or [] if isinstance(case, dict)]
    kinds = Counter(str(entry.get("kind", "interview")) for entry in documents)
    shown = first_few(map(_v, cases), shown=8)
    quoted = shlex.quote(str(folder))
    lines = [
        f"{_v(folder)}: no study.yaml yet, and the file names do not say case, wave and kind ({{case}}_{{wave}}_{{kind}}), "
        "so nothing is loaded. qlr's guess from the names and the texts, to check:",
        f"  {number_of(len(documents), 'document entry', plural='document entries')}; by kind: " + ", ".join(f"{_v(kind)} {count}" for kind, count in kinds.most_common()),
        f"  {number_of(len(waves), 'wave')}: " + ", ".join(f"{_v(wave.get('id'))}" + (f" (from {wave['start']})" if wave.get("start") else "") for wave in waves),
        f"  {number_of(len(cases), 'case')}" + (f": {shown}" if cases else ""),
    ]
    lines += [f"  {_v(line[2:])}" for line in text.splitlines() if line.startswith(("# Guessed:", "# Check:"))]
    lines += [
        "",
        f"Next: qlr info {quoted} --template > {shlex.quote(str(folder / 'study.yaml'))}, correct it (one case per person, "
        f"each interview's wave, the waves' dates), then qlr info {quoted} again.",
    ]
    return lines


def _is_sqlite_without_suffix(path: Path) -> bool:
    """A file with no suffix that begins as every SQLite database does (a qlr project, or another program's)."""
    from .io._store import is_sqlite_file

    return not path.suffix and is_sqlite_file(path)


def _load_any(path: str, quiet: bool, allow_outside: bool = False):
    from .io import load
    from .io import open as open_project

    progress = False if quiet else None
    if Path(path).suffix.lower() == ".qlr" or _is_sqlite_without_suffix(Path(path)):
        # A project saved under a name with no suffix (-o study before qlr import added .qlr) is known by its content;
        # qlr.open says clearly what a SQLite file that is no qlr project is.
        return open_project(path)
    if _project_tool(path):
        # As `qlr import` reads it with its defaults; `qlr import --wave/--case` sets waves and cases.
        return _read_project(path)
    beside = _project_beside(Path(path))
    if beside is not None and not quiet:
        tool, where = beside
        if tool == "brat" and where == Path(path):  # the folder is both: its .txt files the transcripts, its .ann files their codings
            _print(
                f"qlr: note: {path} is a brat collection (.txt files and their standoff .ann codings) and holds no study.yaml: read as a study "
                f"folder of its .txt files, without the codings. To read them: qlr import {where} -o study.qlr",
                file=sys.stderr,
            )
            return load(path, progress=progress, allow_outside=allow_outside)
        what = {"CATMA": "export", "brat": "collection"}.get(tool, "project")
        read = f"qlr import {where} -o study.qlr (its codings are in its .ann files)" if tool == "brat" else f"qlr info {where} (or qlr import {where})"
        _print(
            f"qlr: note: {path} holds a {tool} {what} ({where}) beside transcripts of its own and no study.yaml: read as a study folder. "
            f"To read the {what}: {read}",
            file=sys.stderr,
        )
    return load(path, progress=progress, allow_outside=allow_outside)


def _format_attrition(study) -> str:  # type: ignore[no-untyped-def]
    import pandas as pd

    attrition = study.attrition()
    if attrition.empty:
        return "(no cases)"
    symbols = {
        "present": "●",
        "not yet joined": "·",
        "missed": "○",
        "dropped out": "×",
        "not scheduled": " ",
        "absent": "?",
    }
    wave_ids = list(study.waves["wave_id"])
    width = max([len(_v(c)) for c in attrition.index] + [4])
    role_width = max([len(_v(r)) for r in attrition["role"].fillna("")] + [4])
    header = f"{'case':<{width}}  {'role':<{role_width}}  " + "  ".join(f"{_v(w):^3}" for w in wave_ids) + "  pattern"
    lines = [header]
    for case_id, row in attrition.iterrows():
        role = "" if pd.isna(row["role"]) else _v(row["role"])  # None, NA or NaN: no role given
        cells = "  ".join(f"{symbols[row[w]]:^{max(3, len(_v(w)))}}" for w in wave_ids)
        left = "" if pd.isna(row.get("left", None)) else f" (left: {_v(row['left'])})"  # why, where study.yaml says
        lines.append(f"{_v(case_id):<{width}}  {role:<{role_width}}  {cells}  {_v(row['pattern'])}{left}")
    lines.append("● present  · not yet joined  ○ missed  × dropped out  (blank) not scheduled  ? never seen")
    return "\n".join(lines)


def _speaker_findings(study, path: str) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Lines of the speaker-label table, and warnings: no interviewer turn, mostly unlabelled, a suggested speakers: line.

    A folder or REFI-QDA project read at ``path`` has already warned of transcripts
    with no interviewer turn, naming up to five: they are said again, one line
    each, only beyond that (a saved project warns of none when it opens).
    """
    from .io import speaker_labels
    from .io._import_advice import mostly_unlabelled
    from .io._segment import CONVERSATIONS, NAMED_AT_MOST, interviewer_doubts

    table = speaker_labels(study)
    lines = []
    # A label with two roles (an interviewer in the interviews, the observer in the notes) says which documents each is;
    # one role decided two ways (declared in one pooled study, read from the label in another) is one line naming both.
    rows_of = table.groupby(["speaker", "role"], sort=False, dropna=False).ngroup().groupby(table["speaker"]).nunique() if not table.empty else {}
    for (speaker, role), group in table.groupby(["speaker", "role"], sort=False, dropna=False):
        turns, documents = int(group["turns"].sum()), len(group)
        decided = " or ".join(dict.fromkeys(group["decided_by"].astype(str)))
        which = ""
        if rows_of.get(speaker, 1) > 1:
            named = [_v(doc) for doc in group["doc_id"]]
            which = f" ({', '.join(named[:3])}{', …' if len(named) > 3 else ''})"
        lines.append(f"{_v(speaker)}: {_v(role)}, {number_of(turns, 'turn')}, {number_of(documents, 'document')}{which}, {_v(decided)}")
    warnings = []
    transcripts = study.documents.loc[study.documents["kind"].isin(CONVERSATIONS), "doc_id"]
    segments = study.segments
    length = (segments["end"] - segments["start"]).astype("float64")
    total = length.groupby(segments["doc_id"]).sum()
    # Most of the text in no speaker's turn: decided where the importers decide it (they warn of it as they read).
    mostly = set(mostly_unlabelled(study))
    # Per document from whole columns (a pandas group per document costs seconds at thousands of documents).
    doubts = interviewer_doubts(study, table=table)
    suffix = Path(path).suffix.lower()
    if suffix != ".qlr" and len(doubts) <= NAMED_AT_MOST:  # a folder or REFI-QDA project warns as it is read
        doubts = {}  # the load's warning named each of them with its fix
    # An observer's notes among unnamed cues name no one who talks: such a transcript has no label, as the load said.
    labelled = set(segments.loc[segments["speaker"].notna() & segments["speaker_role"].ne("observer").fillna(True), "doc_id"])
    without_any = [doc_id for doc_id in transcripts if doc_id not in labelled and total.get(doc_id, 0)]
    if suffix != ".qlr" and not _project_tool(path) and len(without_any) <= NAMED_AT_MOST:
        # Loading a folder named each transcript with no label at all, and how to fix it.
        transcripts = transcripts[~transcripts.isin(without_any)]
    if _project_tool(path) and len(mostly) <= NAMED_AT_MOST:
        mostly = set()  # the import's warning named each of them with its fix
    subtitles = set(study.documents.loc[study.documents["format"].isin(["vtt", "srt"]), "doc_id"]) if "format" in study.documents else set()
    for doc_id in transcripts:
        if doc_id in doubts:
            warnings.append(f"{_v(doc_id)}: no turn is read as the interviewer's; {_v(doubts[doc_id])}")
        if doc_id in mostly:
            # An imported project has no study.yaml: its sources' kinds and speakers are set when reading it.
            fix = (
                "if it is not an interview, import it again with --kind document (every source), --kind 'pattern:(?P<kind>…)' or --kind kinds.csv (columns source,kind) "
                "(qlr.io.read_qdpx(PATH, kind={SOURCE: 'document'})), or name its speakers with --speaker LABEL=ROLE (speakers={LABEL: ROLE})"
                if study.meta.get("import")
                else "subtitles need 'Name:', '[Name]', '(Name)' or '<v Name>' in their cues (a speaker_pattern applies to texts, not cues)"
                if doc_id in subtitles
                else "add its convention to study.yaml (segmentation: speaker_pattern)"
            )
            warnings.append(f"{_v(doc_id)}: most of the text has no speaker label; {fix}")
    return lines, warnings


def cmd_info(args: argparse.Namespace) -> int:
    if args.template:
        from .io import template_for

        _print(template_for(args.study, allow_outside=args.allow_outside), end="")
        return 0
    from .errors import ManifestNotFoundError

    try:
        study = _load_any(args.study, args.quiet, args.allow_outside)
    except ManifestNotFoundError:
        # A new user's first command on a folder qlr cannot read by its names: what it can say, and the next step.
        guess = _guessed_lines(Path(args.study), args.allow_outside) if Path(args.study).is_dir() else None
        if guess is None:
            raise
        for line in guess:
            _print(line)
        return 0
    summary = study.summary()
    _print(_v(study.name))
    _print(
        f"  {number_of(summary['cases'], 'case')} × {number_of(summary['waves'], 'wave')}, {number_of(summary['documents'], 'document')}, "
        f"{number_of(summary['words'], 'word')}, {number_of(summary['segments'], 'segment')}, {number_of(summary['codings'], 'coding')}, "
        f"{number_of(summary['memos'], 'memo')}"
    )
    if _project_tool(args.study):
        # Read as `qlr import` reads it with no options: what would come through, and what to set (its coders too).
        for line in _placed_lines(study):
            _print(line)
    else:  # a saved project, a folder: its coders all the same (a saved .qlr said none)
        for line in _coder_lines(study):
            _print(line)
    waves = study.waves
    for wave in waves.itertuples():
        n_docs = int((study.documents["wave_id"] == wave.wave_id).sum())
        start, end = (str(day)[:10] if str(day) not in ("NaT", "None", "nan") else None for day in (wave.start, wave.end))
        dates = f" ({start} to {end})" if start and end else f" (from {start})" if start else f" (to {end})" if end else ""
        _print(f"  {_v(wave.wave_id)}: {_v(wave.label)}{dates}, {number_of(n_docs, 'document')}")
    kinds = study.documents["kind"].value_counts()
    _print("  documents by kind: " + ", ".join(f"{_v(kind)} {count}" for kind, count in kinds.items()))
    roles = study.segments.groupby(study.segments["speaker_role"].fillna("(none)"))["seg_id"].count()
    _print("  segments by speaker role: " + ", ".join(f"{_v(role)} {count:,}" for role, count in roles.items()))
    interviewer_labels = sorted(set(study.segments.loc[study.segments["speaker_role"] == "interviewer", "speaker"].dropna()))
    if interviewer_labels:
        _print("  labels read as the interviewer: " + ", ".join(map(_v, interviewer_labels)))
    labels, warnings = _speaker_findings(study, args.study)
    if labels:
        _print()
        _print("Speaker labels (role, turns, documents, decided by)")
        for line in labels:
            _print(f"  {line}")
    for warning in warnings:
        _print(f"qlr: warning: {warning}", file=sys.stderr)
    _print()
    _print("Attrition (case × wave)")
    _print(_format_attrition(study))
    outside = study.meta.get("outside") or []
    if outside:
        _print()
        _print(f"Read from outside the study folder (--allow-outside): {number_of(len(outside), 'file')}")
        for file in outside[:10]:
            _print(f"  - {_v(file)}")
    inferred = study.meta.get("inferred") or []
    if inferred:
        _print()
        _print("Inferred by qlr (state it in study.yaml to change it):")
        for note in inferred:
            _print(f"  - {_v(_shortened(note))}")
        if "manifest" not in study.meta and Path(args.study).suffix.lower() != ".qlr" and not _project_tool(args.study):
            # A saved or imported project has no folder to write a manifest for: `--template` refuses it.
            folder = Path(args.study).parent if Path(args.study).is_file() else Path(args.study)
            _print(f"  To write a manifest: qlr info {args.study} --template > {folder / 'study.yaml'}")
    return 0


EPILOG_IMPORT = """examples:
  qlr import project.qdpx --wave variable:Wave -o study.qlr
  qlr import maxqda.qdpx --wave "set:^Wave" --case variable:Participant -o study.qlr   MAXQDA: document groups, a document variable
  qlr import nvivo.qdpx --wave "pattern:_(?P<wave>W\\d)_" -o study.qlr
  qlr import atlas.qdpx --wave set -o study.qlr
  qlr import comments.qdpx --kind kinds.csv --speaker "I=interviewer" -o study.qlr
  qlr import myproject.qda --wave variable:Wave -o study.qlr   a QualCoder project, read directly
  qlr import interviews.rqda -o study.qlr                      an RQDA project, read directly (file categories named as waves are the waves)
  qlr import catma_export.tar.gz -o study.qlr                  a CATMA export: its documents, tagsets and every collection's annotations
  qlr import database.tra -o study.qlr                         a Transana export: documents, transcripts, keywords on quotes and clips
  qlr import project.zip -o study.qlr                          an INCEpTION project export (WebAnno TSV 3.3 or UIMA CAS XMI): every annotator's codings
  qlr import 2024-05-01_carers.sqlite3 -o study.qlr            a Taguette project (its Export project file), read directly
  qlr import project-1-at-2024-05-02.json --case variable:participant -o study.qlr
                                                               a Label Studio export (format JSON): each label a code, each task's other fields its variables
  qlr import 3f2c9a1e-….zip -o study.qlr                       doccano's export (Export Dataset, JSONL): each annotator's spans, each example's metadata its variables
"""

EPILOG_EXPORT = """examples:
  qlr export study.qlr -o project.qdpx        for NVivo, ATLAS.ti, MAXQDA, QualCoder
  qlr export data/sample -o sample.qdpx        a study folder works too
  qlr export study.qlr -o nvivo.qdpx --positions utf16   positions as NVivo counts them
  qlr export coded.qlr -o evidence.qdpx --counted-only     only the codings that count as evidence
  qlr export study.qlr -o for_qc.qdpx --code-names ids     codes named so qc can apply them (negative-done_to)
"""


#: Names of the files other commands write: a project (one SQLite file) under such a name is a file its program cannot open.
_NOT_A_PROJECT = {
    ".xlsx": "a workbook: qlr report writes tables.xlsx",
    ".xls": "a workbook: qlr report writes tables.xlsx",
    ".csv": "a table: qlr report writes tables/*.csv",
    ".tsv": "a table: qlr report writes tables/*.csv",
    ".qdpx": "a REFI-QDA project: qlr export writes one",
    ".qdc": "a REFI-QDA codebook",
    ".html": "a page: qlr report writes index.html",
    ".htm": "a page: qlr report writes index.html",
    ".json": "JSON",
    ".txt": "text",
    ".docx": "a Word document",
    ".pdf": "a PDF",
}


def _project_output(path: str) -> str:
    """Where a command writes its project: refuse, before the work, another format's name (``-o pooled.xlsx``); a name
    with no suffix (``-o study``) gets ``.qlr``, as ``qlr report``, ``qlr info`` and ``qlr.open`` know a project by it."""
    from .errors import InvalidParameterError

    suffix = Path(path).suffix.lower()
    if suffix in _NOT_A_PROJECT:
        raise InvalidParameterError(
            f"-o {path}: the command writes a qlr project (one SQLite file), not {_NOT_A_PROJECT[suffix]}",
            hint=f"name it {Path(path).with_suffix('.qlr').name}",
        )
    if not suffix and not Path(path).is_dir():
        return f"{path}.qlr"
    return path


def _saved(given: str, written: str) -> str:
    """The line a command prints once it has saved its project, saying where when ``.qlr`` was added to ``-o``."""
    if given == written:
        return f"saved {written}"
    return f"saved {written} (-o {given} had no suffix: a qlr project is a .qlr file, which qlr report, qlr info and qlr.open read)"


def cmd_import(args: argparse.Namespace) -> int:
    given, args.output = args.output, _project_output(args.output)
    wave, kind = args.wave, args.kind
    if wave and wave.lower().endswith(".csv"):
        wave = Path(wave)
    if kind and kind.lower().endswith(".csv"):
        kind = Path(kind)
    # brat's files name no annotator: its --coder is one name, who annotated the collection (Label Studio's, ID=NAME pairs).
    named = args.coder[-1] if args.coder and "=" not in args.coder[-1] and _project_tool(args.project, as_study=False) == "brat" else None
    study = _read_project(
        args.project, project=args.taguette_project, coders=None if named else _pairs(args.coder, "--coder", "ID=NAME", "--coder '1=Ana'"), coder=named,
        wave=wave, case=args.case, kind=kind, speakers=_speaker_options(args.speaker), max_bytes=args.max_bytes,
    )
    study.save(args.output)
    if not args.quiet:
        _print(_v(study))
        for line in _placed_lines(study):
            _print(line)
        _print(_saved(given, args.output))
    return 0


def _speaker_options(given: list[str] | None) -> dict[str, str] | None:
    """``--speaker LABEL=ROLE`` options as {label: role}; read_qdpx checks each role."""
    return _pairs(given, "--speaker", "LABEL=ROLE", "--speaker 'I=interviewer' (roles: interviewer, participant, observer, other)")


def _pairs(given: list[str] | None, option: str, form: str, example: str) -> dict[str, str] | None:
    """Repeated ``KEY=VALUE`` options (``--speaker I=interviewer``, ``--coder 1=Ana``) as {key: value}; None for none."""
    from .errors import InvalidParameterError

    pairs = {}
    for item in given or []:
        key, sep, value = item.partition("=") if option == "--coder" else item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise InvalidParameterError(f"{option} {item!r} is not {form}", hint=f"write it as {example}")
        if option == "--coder" and key.strip() in pairs:
            raise InvalidParameterError(f"--coder names user {key.strip()!r} twice ({pairs[key.strip()]!r}, {value.strip()!r})", hint="give each user id one --coder")
        pairs[key.strip()] = value.strip()
    return pairs or None


def _coder_lines(study) -> list[str]:  # type: ignore[no-untyped-def]
    """The project's users (an imported project's, saved or not) and each coder's number of codings: the one place `qlr info`
    and `qlr import` say them. Nothing for a study with neither."""
    users = study.meta.get("import", {}).get("users") or []
    made = study.codings["coder"].value_counts()
    if not users and made.empty:
        return []
    lines = [f"  users: {', '.join(_v(user) for user in users[:10])}{' …' if len(users) > 10 else ''}"] if users else []
    # A user listed is not a coder: say how many codings each made (NVivo lists whoever touched the project).
    idle = [user for user in users if not made.get(user)]
    lines.append(
        f"  codings by coder: {', '.join(f'{_v(coder)} {count:,}' for coder, count in made.items()) or 'none'}"
        + (f" (no codings: {', '.join(_v(user) for user in idle[:10])}{' …' if len(idle) > 10 else ''})" if idle else "")
    )
    return lines


def _placed_lines(study) -> list[str]:  # type: ignore[no-untyped-def]
    """What an imported project holds (codebook, sets, users) and how many of its selections became codings, overall and per source."""
    report = study.meta.get("import", {})
    lines = []
    # What the project holds besides its sources: its code system, sets and coders.
    for codebook_id, codebook in study.codebooks.items():
        # The report and matrices group by each code's top-level ancestor: say how many where it differs.
        branches = len({codebook.theme_of(code.id) for code in codebook.codes} | {theme.id for theme in codebook.themes})
        if branches != len(codebook.themes):
            # "151 codes, 1 themes (12 top-level groups…)" read as a contradiction: say the grouping alone.
            grouped = f"{number_of(len(codebook.codes), 'code')} under {number_of(branches, 'top-level code')}, the groups of the report's matrices" + (
                f"; {len(codebook.themes)} of them only group others (themes)" if codebook.themes else ""
            )
        else:
            grouped = f"{number_of(len(codebook.codes), 'code')} in {number_of(len(codebook.themes), 'theme')}"
        lines.append(f"  codebook {_v(codebook_id)}: {grouped}")
    sets = report.get("sets") or []
    if sets:
        shown = ", ".join(f"{_v(entry['name'])} ({number_of(len(entry.get('sources') or []), 'source')}, {number_of(len(entry.get('codes') or []), 'code')})" for entry in sets[:5])
        more = f" and {len(sets) - 5} more" if len(sets) > 5 else ""
        waved = report.get("waves_from_sets") or []
        how = (
            f"{', '.join(map(_v, waved))} are the waves; qlr import --wave … reads waves otherwise, --case 'set:REGEX' makes sets cases"
            if waved
            else "qlr import --wave 'set:REGEX' makes them waves, --case 'set:REGEX' cases"
        )
        lines.append(f"  sets: {len(sets)}: {shown}{more} ({how})")
    lines += _coder_lines(study)
    if report.get("wave_order"):  # the order every trajectory runs in, and what decided it
        lines.append(f"  waves: {_v(report['wave_order'])}")
    lines.append(f"  selections placed: {report.get('placed', 0)} of {report.get('selections', 0)}")
    # doccano's and Label Studio's offsets are read in their own count and turned into characters (code points) before
    # they are placed: "code points positions" under a warning that they were read as UTF-16 units read as a contradiction.
    counted = {
        "doccano": f"the export's offsets counted in {report.get('offsets')}, placed as characters",
        "label-studio": "the export's offsets counted in code points, placed as characters; any counted in UTF-16 units are said above",
    }.get(str(report.get("format")))
    for name, info in (report.get("sources") or {}).items():
        if info.get("selections"):
            lines.append(f"  {_v(name)}: {info['placed']} of {info['selections']} placed ({counted or str(info['convention']) + ' positions'})")
    return lines


def cmd_export(args: argparse.Namespace) -> int:
    from .io import write_qdpx

    tool = _project_tool(args.study)
    if tool:
        raise argparse.ArgumentTypeError(
            f"{args.study} is a{'n' if tool == 'RQDA' else ''} {tool} project: import it first (qlr import {args.study} -o study.qlr), then export the .qlr"
        )
    from .io import discounted_codings, overrides_left_out

    study = _load_any(args.study, args.quiet, args.allow_outside)
    write_qdpx(study, args.output, positions=args.positions, counted_only=args.counted_only, code_names=args.code_names)
    discounted = discounted_codings(study)
    written = len(study.codings) - (len(discounted) if args.counted_only else 0)
    if not args.quiet:
        _print(f"wrote {args.output}: {number_of(len(study.documents), 'source')}, {number_of(written, 'coding')}, {number_of(len(study.memos), 'memo')}")
    if len(discounted):
        # What another program will show as plain codings, or what was left out: said even with -q.
        kinds = ", ".join(f"{name} {count}" for name, count in discounted["why"].value_counts().items())
        if args.counted_only:
            _print(f"qlr: note: left out {number_of(len(discounted), 'coding')} qlr does not count as evidence ({kinds})", file=sys.stderr)
        else:
            _print(
                f"qlr: note: {len(discounted)} of the codings are ones qlr does not count as evidence ({kinds}); another program "
                "shows them as plain codings (qlr reads each one's status back). --counted-only leaves them out",
                file=sys.stderr,
            )
    carried = len(study.overrides) - len(overrides_left_out(study))
    if carried:
        # Researchers' judgements another program will not show: said even with -q.
        _print(
            f"qlr: note: {number_of(carried, 'placement override')} and the study's log ({number_of(len(study.log), 'entry', plural='entries')}) are in {args.output} for qlr only "
            "(qlr/details.json): qlr import reads them back; other programs do not show them",
            file=sys.stderr,
        )
    spoken = {doc: labels for doc, labels in (study.meta.get("speaker_cases") or {}).items() if labels}
    owned = set(study.documents.loc[study.documents["case_id"].notna(), "doc_id"].astype(str))
    groups = [doc for doc in spoken if str(doc) not in owned]
    joint = [doc for doc in spoken if str(doc) in owned]
    if groups:
        # REFI-QDA has no place for a turn's case: another program sees these groups as sources of no case. Said even with -q.
        _print(
            f"qlr: note: in {number_of(len(groups), 'focus group')} with no case ({', '.join(map(_v, groups))}) speakers' turns count "
            "for their cases; qlr/details.json keeps whose they are and qlr reads it back, but another program shows these "
            "groups as sources of no case",
            file=sys.stderr,
        )
    if joint:
        _print(
            f"qlr: note: in {number_of(len(joint), 'joint interview')} ({', '.join(map(_v, joint))}) another case's turns count for that "
            "case; qlr/details.json keeps whose they are and qlr reads it back, but another program shows them as the "
            "document's case's",
            file=sys.stderr,
        )
    return 0


EPILOG_VALIDATE = """examples:
  qlr validate data/sample                         the manifest and every document
  qlr validate project.qdpx                        and the project's own codebook and codings
  qlr validate data/sample --codebook my.yaml      and a codebook file
  qlr validate --codebook codebooks/coproduction.yaml
  qlr validate data/sample --codebook coproduction --rules rm    the rules against coder rm
"""

EPILOG_CODE = """examples:
  qlr code data/sample --codebook coproduction -o sample.qlr
  qlr code sample.qlr --codebook my_codebook.yaml -o sample.qlr    re-code a project
  qlr code big/ --codebook coproduction -o big.qlr --workers 2      two processes
  qlr code big/ --codebook coproduction -o big.qlr --dask tcp://scheduler:8786
"""

EPILOG_REPORT = """examples:
  qlr report data/sample --codebook coproduction --out report/
  qlr report data/sample --codebook coproduction --role carer --out carers/
  qlr report sample.qlr --out report/               a coded project's own codebook
  qlr report nvivo.qlr --crosswalk crosswalk.yaml --out report/    hand codings placed on a ladder
  qlr report nvivo.qlr --codebook coproduction --out report/       code a copy with a bundled codebook (the project's own codes stay out of that report)
  qlr report study/ --codebook coproduction --summary-weight 1 --out report/    count the team's summaries as the participant's words (placements and tables)
"""

EPILOG_CHART = """examples:
  qlr chart study/ -o chart.xlsx                      a sheet per wave: cases × themes, the quotes behind each cell
  qlr chart sample.qlr --codebook coproduction -o chart.xlsx
  qlr chart study/ --cols code -o chart.csv           a framework analyst's sub-themes as the columns; one row per cell
  qlr chart data/sample --codebook coproduction -o chart.xlsx    codes a copy with a codebook the study lacks
"""

EPILOG_AGREEMENT = """examples:
  qlr agreement data/sample --coders rm so
  qlr agreement data/sample --coders rm so --by wave
  qlr agreement project.qlr --coders rm so --unit character -o agreement.csv
  qlr agreement project.qlr --coders rm so --per-document
  qlr agreement project.qlr --coders rm so --maxqda overlap --min-overlap 0.9
  qlr agreement project.qlr --coders rm so --disagreements -o to_adjudicate.csv
"""


def cmd_validate(args: argparse.Namespace) -> int:
    from .code._lemmas import warn_lemma_slips
    from .codebook import read_codebook

    if not args.study and not args.codebook:
        raise argparse.ArgumentTypeError("give a study folder, a --codebook, or both")
    if args.rules and not args.study:
        raise argparse.ArgumentTypeError(f"--rules {args.rules} checks the rules against that person's codings of a study: give the STUDY (qlr validate STUDY --codebook X --rules {args.rules})")
    checked, given = [], []
    # The study first: a --codebook may name one the project holds (its id), as qlr code's does.
    study = _load_any(args.study, args.quiet, args.allow_outside) if args.study else None
    for name in args.codebook or []:
        codebook = read_codebook(name, held=study.codebooks if study is not None else None)
        given.append(codebook)
        ladder = f", ladder with {len(codebook.ladder.levels)} levels" if codebook.ladder else ""
        ruled = sum(1 for code in codebook.codes if code.indicators)
        rules = f", {ruled} with rules" if ruled == len(codebook.codes) else f", {ruled} with rules ({len(codebook.codes) - ruled} that rule coding cannot code)"
        checked.append(f"codebook {_v(codebook.id)} {_v(codebook.version)}: {number_of(len(codebook.codes), 'code')}{rules}{ladder}{_cues_said(codebook)}")
        warn_lemma_slips(codebook)  # words its lemma lists can never match: a warning, shown with -q
    notes: list[str] = []
    if study is not None:
        summary = study.summary()
        checked.append(
            f"study {_v(study.name)}: {number_of(summary['cases'], 'case')}, {number_of(summary['waves'], 'wave')}, "
            f"{number_of(summary['documents'], 'document')}, {number_of(summary['segments'], 'segment')}"
        )
        labels, warnings = _speaker_findings(study, args.study)
        checked += [f"speaker {line}" for line in labels]
        for warning in warnings:
            _print(f"qlr: warning: {warning}", file=sys.stderr)
        for note in study.meta.get("inferred") or []:
            checked.append(f"inferred: {_v(note)}")
        own, notes, problems = _codebook_findings(study, given)
        checked += own
        for problem in problems:
            _print(f"qlr: warning: {problem}", file=sys.stderr)
    if not args.quiet:
        for line in checked:
            _print(f"ok  {line}")
        for line in notes:
            _print(f"not checked: {line}")
    if args.rules:
        _validate_rules(study, args)
    return 0


def _codebook_findings(study, given: list) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The study's own codebooks and its codings against every codebook: (checked lines, what was not checked, problems).

    A codebook the study holds (a ``.qdpx`` project's codes, a ``.qlr``
    project's codebooks) was read through the same validation as a codebook
    file when the study was read; it is reported as ``--codebook`` reports
    one, with how many codings use it.  Each coding is then checked against
    the codebook it names: a code that codebook does not declare is a problem;
    a codebook neither the study holds nor ``--codebook`` gives is said not checked.
    """
    from .codebook import Codebook

    own = {cb.id: cb for cb in study.codebooks.values() if isinstance(cb, Codebook)}
    given_ids = {cb.id for cb in given}
    codebooks = {**own, **{cb.id: cb for cb in given}}
    codings = study.codings
    lines, notes, problems = [], [], []
    for cb in own.values():
        if cb.id in given_ids:
            continue  # said above, as the file given
        mine = codings[(codings["codebook"] == cb.id).fillna(False).to_numpy(dtype=bool)]
        used = mine["code_id"].dropna().nunique()
        ladder = f"ladder with {len(cb.ladder.levels)} levels" if cb.ladder else "no ladder (a report places no case; map its codes with --crosswalk, docs/crosswalk.md)"
        lines.append(
            f"codebook {_v(cb.id)} {_v(cb.version)} (the study's own): {number_of(len(cb.codes), 'code')}, {number_of(len(cb.themes), 'theme')}, {ladder}; "
            f"{number_of(len(mine), 'coding')} {'uses' if len(mine) == 1 else 'use'} {used} of its codes"
        )
    if not codebooks and codings["codebook"].isna().all():
        notes.append("codes: the study holds no codebook and none was given (--codebook NAME or FILE checks one)")
    for name, group in codings.groupby(codings["codebook"].fillna(""), sort=True):
        cb = codebooks.get(name)
        if cb is None:
            if name:
                notes.append(f"{number_of(len(group), 'coding')} {'names' if len(group) == 1 else 'name'} codebook {_v(name)}, which the study does not hold; give --codebook {_v(name)} to check them")
            else:
                notes.append(f"{number_of(len(group), 'coding')} {'names' if len(group) == 1 else 'name'} no codebook, so {'its code' if len(group) == 1 else 'their codes'} cannot be checked against one")
            continue
        declared = {code.id for code in cb}
        stray = group.loc[~group["code_id"].isin(declared).fillna(False).to_numpy(dtype=bool), "code_id"].astype(str).value_counts()
        if len(stray):
            listed = ", ".join(f"{_v(code)} ({count})" for code, count in stray.head(10).items()) + (f", … ({len(stray) - 10} more)" if len(stray) > 10 else "")
            problems.append(
                f"{number_of(int(stray.sum()), 'coding')} of codebook {_v(name)} {'uses' if int(stray.sum()) == 1 else 'use'} {number_of(len(stray), 'code')} it does not declare: {listed}. "
                "Matrices and the report count a codebook's own codes only, so they leave these out. Fix: add the codes to the codebook, or recode those codings"
            )
    return lines, notes, problems


def _validate_rules(study, args: argparse.Namespace) -> None:
    """Print per code how the rules agree with a person (qlr.code.validate)."""
    from .code import validate
    from .code._validate import VALID, verdict_legend

    codebooks = args.codebook or []
    if len(codebooks) > 1:
        raise argparse.ArgumentTypeError("--rules checks one codebook: give one --codebook")
    if codebooks:
        study.apply(codebooks[0], progress=False)
    table = validate(study, codebook=codebooks[0] if codebooks else None, against=args.rules)
    _print(_table_text(_with_code_labels(study, table[["n", "tp", "fp", "fn", "precision", "recall", "kappa", "rho", "verdict"]])))
    note = _cut_ids_note(table, written="qlr.code.validate in Python")
    if note:
        _print(note)
    counts = table["verdict"].value_counts()
    _print(verdict_legend())
    _print(f"{counts.get(VALID, 0)} of {number_of(len(table), 'code')} valid against {args.rules} on {number_of(int(table['n'].iloc[0]), 'segment')} ({table['test_set'].iloc[0]})")


def _dask_client(address: str | None) -> object:
    """A Dask client for ``--dask ADDRESS`` (None without it)."""
    from .errors import InvalidParameterError

    if not address:
        return None
    try:
        from dask.distributed import Client
    except ImportError:
        raise InvalidParameterError("--dask needs Dask", hint="pip install 'qlr[dask]'") from None
    return Client(address)


def cmd_code(args: argparse.Namespace) -> int:
    given, args.output = args.output, _project_output(args.output)
    study = _load_any(args.study, args.quiet, args.allow_outside)
    study.apply(args.codebook, progress=False if args.quiet else None, n_process=args.workers, scheduler=_dask_client(args.dask), cache=not args.no_cache)
    study.save(args.output)
    if not args.quiet:
        from .evidence import counted, pick_codebook
        from .evidence import evidence as counted_evidence
        from .track._evidence import counts_summaries

        rules = study.codings[(study.codings["origin"] == "rules").fillna(False)]
        # The codes that count as evidence, as the analyses count them (qlr.evidence.evidence, a summary's codings as
        # the codebook's ladder counts them): discounted mentions and a summary's codings left out are said apart.
        kept = rules[counted(rules, segments=study.segments)]
        evidence = counted_evidence(study, kept, summaries=counts_summaries(pick_codebook(study, args.codebook)))
        in_summaries = len(kept) - len(evidence)
        summarised = f"; {in_summaries:,} in the team's summaries of interviews, not counted (summary_weight 0)" if in_summaries else ""
        _print(_v(study))
        _print(
            f"  {number_of(len(rules), 'rule coding')} in {number_of(rules['seg_id'].nunique(), 'segment')}, {len(evidence):,} of them evidence "
            f"({len(rules) - len(kept):,} discounted: negated, hopes, the past, someone else's, questions, declined, on an interviewer's turn{summarised});"
            " most frequent codes counted as evidence:"
        )
        from .codebook._display import study_code_labels

        frequent = evidence["code_id"].value_counts().head(10)
        shown_as = study_code_labels(study, frequent.index)  # codes by name, their ids beside
        for code, count in frequent.items():
            _print(f"    {count:5d}  {_v(shown_as[str(code)])}" + (f" ({_v(code)})" if shown_as[str(code)] != str(code) else ""))
        _print(_saved(given, args.output))
    return 0


#: The ladder's weights the report takes on the command line, by their option names (qlr.track.ladder's keywords).
WEIGHT_OPTIONS = {"prompted_weight": "--prompted-weight", "summary_weight": "--summary-weight"}


def _weight(text: str | None, option: str) -> float | None:
    """A weight option's number (None when not given); anything but a number is one InvalidParameterError naming it."""
    if text is None:
        return None
    from .errors import InvalidParameterError

    try:
        return float(text)
    except ValueError:
        raise InvalidParameterError(f"{option} {text!r} is not a number", hint=f"give a number from 0 to 1, e.g. {option} 0.5") from None


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    weights = {key: _weight(getattr(args, key), option) for key, option in WEIGHT_OPTIONS.items()}
    if any(value is not None for value in weights.values()):
        from .track._ladder import placement_weights

        # Checked by their option names before the study is read or anything written (the ladder's own check).
        placement_weights({}, **weights, names=WEIGHT_OPTIONS)
    study = _load_any(args.study, args.quiet, args.allow_outside)
    codebook = args.codebook
    if codebook is not None and args.crosswalk is None:
        from .evidence import pick_codebook

        codebook = pick_codebook(study, codebook)  # read once: a file's warnings are said once
    page = write_report(
        study, args.out, codebook=codebook, crosswalk=args.crosswalk, role=args.role, progress=False if args.quiet else None, raw=args.raw, **weights
    )
    if (codebook is not None or (args.crosswalk is None and len(study.codebooks) > 1)) and not study.codings.empty:
        # The project's own codings are not in a report of another codebook: say so even with -q, and when the
        # report chose the codebook itself (the study's only one with a ladder among several).
        from .evidence import in_codebook, pick_codebook
        from .report._html import left_out_codings, other_codebook_advice, report_codebook

        book = pick_codebook(study, codebook) if codebook is not None else report_codebook(study, None, None)
        chosen = book.id if codebook is not None else f"{book.id} (the project's only codebook with a ladder; --codebook chooses another)"
        others = study.codings["codebook"].fillna("") != book.id
        read = in_codebook(study.codings, book)
        # Codings of another codebook whose code ids are this one's are its evidence: said, as those left out are.
        shared = study.codings.loc[others & read, "codebook"].fillna("(no codebook)").value_counts()
        if len(shared):
            listed = ", ".join(f"{_v(name)} ({number_of(int(count), 'coding')})" for name, count in shared.items())
            _print(
                f"qlr: note: the report shows codebook {_v(chosen)}; the project's own codings of its codes are in it, "
                f"a person's coding of a passage counting before the rules': {listed}. "
                "'Rules against coders' compares them with the rules",
                file=sys.stderr,
            )
        own = left_out_codings(study, book)
        if len(own):
            listed = ", ".join(f"{_v(name)} ({number_of(int(count), 'coding')})" for name, count in own.items())
            _print(
                f"qlr: note: the report shows codebook {_v(chosen)}; the project's own codings are not in it: {listed}. "
                f"For them, {other_codebook_advice(own)}",
                file=sys.stderr,
            )
    if not args.quiet:
        _print(f"report written: {page}")
        _print(f"  tables: {page.parent / 'tables'} and {page.parent / 'tables.xlsx'}; figures: {page.parent / 'figures'}")
    return 0


def cmd_chart(args: argparse.Namespace) -> int:
    from .errors import InvalidParameterError
    from .track import chart

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidParameterError(f"a chart is written as .xlsx or .csv, not {suffix or 'a file with no suffix'!r}", path=args.output, hint="name the output chart.xlsx (a sheet per wave) or chart.csv (a row per cell)")
    study = _load_any(args.study, args.quiet, args.allow_outside)
    codebook = args.codebook
    if codebook is not None:
        from .evidence import pick_codebook

        codebook = pick_codebook(study, codebook)
        if codebook.id not in study.codebooks:
            # A codebook the study was never coded with: a copy is coded with it, as `qlr report` does.
            study = study.copy().apply(codebook, progress=False if args.quiet else None)
    result = chart(study, cols=args.cols, codebook=codebook)
    if suffix == ".csv":
        result.to_csv(args.output, raw=args.raw)
    else:
        result.to_excel(args.output)
    if not args.quiet:
        _print(_v(result))
        _print(f"wrote {args.output}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    import pandas as pd

    from .code import agreement, disagreements
    from .code._agreement import MAXQDA_FIX, PER_DOCUMENT_FIX, TWO_CODERS_FIX
    from .code._maxqda_agreement import MIN_OVERLAP_FIX

    study = _load_any(args.study, args.quiet, args.allow_outside)
    per_document_fix = "leave out --per-document, or compare by --unit segment or character without --by (each document's own figures: --by doc_id)"
    maxqda_fix = "give --maxqda with --coders and --codes only (--min-overlap with --maxqda overlap)"
    with (
        _fix_in_options(TWO_CODERS_FIX, f"give two or more names: --coders {' '.join(args.coders)} OTHER"),
        _fix_in_options(PER_DOCUMENT_FIX, per_document_fix),
        _fix_in_options(MAXQDA_FIX, maxqda_fix),
        _fix_in_options(MIN_OVERLAP_FIX, "give --min-overlap as a share: --min-overlap 0.9 for MAXQDA's 90 %"),
    ):
        if args.maxqda or args.min_overlap is not None:
            if args.disagreements:
                from .errors import InvalidParameterError

                raise InvalidParameterError("--disagreements lists units to adjudicate, --maxqda counts MAXQDA's comparisons", hint="give one of them")
            # Every other option goes through, so that agreement refuses any it does not take with its own error.
            table = agreement(study, coders=args.coders, unit=args.unit, codes=args.codes, by=args.by, per_document=args.per_document, maxqda=args.maxqda, min_overlap=args.min_overlap)
        elif args.disagreements:
            # The disagreements to settle are listed by segment unless asked otherwise (Study.consensus merges segments).
            table = disagreements(study, coders=args.coders, codes=args.codes, **({"unit": args.unit} if args.unit else {}))
        else:
            table = agreement(study, coders=args.coders, unit=args.unit, codes=args.codes, by=args.by, per_document=args.per_document)
    if args.output:
        from ._output import write_csv
        from .codebook._display import study_code_labels, with_code_names

        # The one CSV writer of qlr (the report's too); the code (agreement's index) is a column, a bare row number is not written.
        named = not isinstance(table.index, pd.RangeIndex) or table.index.name is not None
        frame = table.reset_index() if named else table
        if "code_id" in frame.columns:
            # Each code's name beside its id, as the report's coder_agreement.csv has them (one naming for both).
            frame = with_code_names(frame, study_code_labels(study, frame["code_id"].dropna().astype(str).unique()))
        write_csv(args.output, frame, raw=args.raw)
        if not args.quiet:
            _print(f"wrote {args.output}: {number_of(len(table), 'row')}")
    else:
        _print(_table_text(_with_code_labels(study, table)))
        note = _cut_ids_note(table, written="-o FILE.csv")
        if note and not args.quiet:
            _print(note)
    settings = table.attrs.get("maxqda")
    if settings and not args.quiet:
        # What MAXQDA's figures counted, which the table alone does not say.
        criterion = settings["criterion"]
        if criterion == "overlap":
            level = f"code overlap at segment level (segments overlapping by {settings['min_overlap']:.0%} or more agree)"
        else:  # min_overlap is None at the document levels: nothing to format
            level = f"code {criterion} in each document"
        _print(f"MAXQDA's intercoder agreement, {level}: {number_of(settings['documents'], 'document')} both coded; each coder's codings checked against the other's")
    overlap = table.attrs.get("overlap")
    if overlap and not args.quiet:
        # The figures mean little without knowing how much the coders coded in common.
        line = f"{_v(study.name if args.study.rstrip('/') in ('.', '') else args.study)}: {overlap['shared']:,} of the {overlap['coded']:,} coded {overlap['units']} were coded by two or more of the coders"
        if "message" in overlap:
            neither = "neither" if len(args.coders) == 2 else "none of them"
            line += (
                f" (too few: percent agreement mostly counts passages {neither} coded; see the warning)"
                if overlap["shared"]
                else f" (none: every figure counts only passages {neither} coded, as each row's note says)"
            )
        if args.unit is None and table.attrs.get("unit") == "character":
            # agreement's default, as the report's: say why it is not the segment, and how to get that.
            line += "; by character, as every coding compared was imported from another program (--unit segment for segments)"
        _print(line)
    return 0


# --- qlr deposit (issue 18: pseudonymise and package for an archive) -------------------
EPILOG_POOL = """examples:
  qlr pool data/sample data/validation --key eastbrook --key holm -o pooled.qlr
  qlr pool a.qlr b.qdpx --key a --key b --waves order -o pooled.qlr      wave 1 with wave 1, …
  qlr pool a.qlr b.qlr --key a --key b --waves waves.csv -o pooled.qlr   a CSV: study,wave,pooled
  qlr pool a.qlr b.qlr --key a --key b --waves separate -o pooled.qlr    each study's waves apart
  qlr pool maxqda.qlr wave4/ --same-cases --waves id -o all.qlr         the same people's next wave

Every id of a study is put under its key (a:P01, b:P01), and cases and documents get
a 'study' column. Waves must be the same in every study unless --waves says how to
line them up (docs/pooling.md).
"""


def _wave_mapping(path: str) -> dict[str, dict[str, str]]:
    """A --waves CSV (columns study, wave, pooled) as {study: {wave: pooled wave}}."""
    import csv
    import io

    from ._decode import decode_bytes, table_delimiter
    from .errors import InvalidParameterError, SourceNotFoundError

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceNotFoundError("no such file", path=path, hint="give a CSV with the columns study, wave, pooled") from None
    text, _ = decode_bytes(data, path)
    reader = csv.DictReader(io.StringIO(text), delimiter=table_delimiter(text, Path(path).suffix.lower()))
    missing = [c for c in ("study", "wave", "pooled") if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidParameterError(f"the wave mapping has no column {', '.join(missing)}", path=path, line=1, hint="write a header: study,wave,pooled")
    mapping: dict[str, dict[str, str]] = {}
    for row in reader:
        values = [str(row.get(c) or "").strip() for c in ("study", "wave", "pooled")]
        if not all(values):
            raise InvalidParameterError("a row of the wave mapping has an empty cell", path=path, line=reader.line_num, hint="fill in study, wave and pooled on every row")
        study, wave, pooled = values
        if wave in mapping.setdefault(study, {}):
            raise InvalidParameterError(f"wave {wave!r} of {study!r} is mapped twice", path=path, line=reader.line_num, hint="map each wave of a study once")
        mapping[study][wave] = pooled
    return mapping


@contextlib.contextmanager
def _fix_in_options(python: str, options: str) -> Iterator[None]:
    """An error whose fix is ``python`` (a function's keywords) says ``options`` (the command's) instead."""
    from .errors import QlrError

    try:
        yield
    except QlrError as exc:
        if exc.hint == python:
            exc.hint = options
        raise


def cmd_pool(args: argparse.Namespace) -> int:
    from .pool import WAVES_FIX, concat

    given, args.output = args.output, _project_output(args.output)

    waves = args.waves
    if waves and waves.lower().endswith((".csv", ".tsv")):
        waves = _wave_mapping(waves)
    studies = [_load_any(path, args.quiet, args.allow_outside) for path in args.studies]
    keys = args.key or None
    choices = "choose one: --waves order (the first wave of each study is wave 1, …), --waves FILE.csv (columns study,wave,pooled), --waves id (the same ids pooled, the others kept) or --waves separate (each study's waves apart)"
    with _fix_in_options(WAVES_FIX, choices):
        pooled = concat(studies, keys=keys, waves=waves, cases="shared" if args.same_cases else None, name=args.name)
    pooled.save(args.output)
    if not args.quiet:
        _print(_v(pooled))
        for part in pooled.meta["pooled"]["studies"]:
            _print(f"  {_v(part['study'])}: {number_of(part['cases'], 'case')}, {number_of(part['documents'], 'document')}, {number_of(part['codings'], 'coding')}, waves {', '.join(f'{_v(a)}→{_v(b)}' if a != b else _v(a) for a, b in part['wave_map'].items())} ({_v(part['name'])})")
        _print(_saved(given, args.output))
    return 0


EPILOG_DEPOSIT = """examples:
  qlr deposit data/sample --key ../keys/sample_key.csv --out ../deposit
  qlr deposit project.qlr --key key.csv --out deposit --extra "Mill Road=street" --extra Okafor
  qlr deposit project.qlr --key key.csv --out deposit --review key_review.csv   (after deciding)

The key (who became whom) is written to --key, never into the deposit; keep it apart
from the data. Candidates the rules were unsure of go to <key>_review.csv beside it:
set 'decision' to accepted or rejected (and 'reviewer'), then run again with --review.
A key that exists already is reused, so a new wave keeps everyone's pseudonym.
"""


def cmd_deposit(args: argparse.Namespace) -> int:
    import pandas as pd

    from ._output import restore_frame, write_csv
    from .pseudo import deposit, pseudonymise

    study = _load_any(args.study, args.quiet, args.allow_outside)
    extra = dict(term.split("=", 1) if "=" in term else (term, "name") for term in args.extra or [])
    review = None
    if args.review:
        review = restore_frame(pd.read_csv(args.review, dtype=str, keep_default_na=False))
        for column in ("count", "start", "end"):
            review[column] = pd.to_numeric(review[column], errors="coerce").astype("Int64")
    key = Path(args.key)
    result = pseudonymise(study, extra=extra, style=args.style, seed=args.seed, key=key if key.exists() else None, review=review)
    folder = deposit(result, args.out, key_path=key)
    result.write_key(key)
    queue = key.with_name(f"{key.stem}_review.csv")
    write_csv(queue, result.review)
    pending = int((result.review["decision"] == "pending").sum())
    if not args.quiet:
        _print(f"deposit written: {folder} ({len(result.log):,} replacements)")
        _print(f"key written: {key}. Store it apart from the data: it turns the deposit back into the original.")
        _print(f"review queue: {queue} ({pending} pending; decide them and run again with --review)")
    if pending:
        # A deposit with undecided candidates may still name people: never a silent success, even with -q.
        _print(
            f"qlr: warning: the deposit in {folder} is not final: {number_of(pending, 'possible identifier')} {'is' if pending == 1 else 'are'} pending review in {queue}, "
            "so its texts may still hold names (its README.md says so). Decide them and run again with --review; "
            f"exit status {EXIT_DATA_LEFT_OUT}",
            file=sys.stderr,
        )
        return EXIT_DATA_LEFT_OUT
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qlr",
        description="qlr: qualitative longitudinal research — cases across waves, coding, change over time.",
    )
    parser.add_argument("--version", action="version", version=f"qlr {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars, summaries or guesses; results, errors, and warnings of data left out or of evidence misread only")
    # Only for commands that load a study folder: `qlr import` reads a project, which names no files outside it.
    loading = argparse.ArgumentParser(add_help=False)
    loading.add_argument("--allow-outside", action="store_true", help="read documents the manifest names outside the study folder (only for a study you trust)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    def command(name: str, summary: str, description: str, examples: str, *, loads: bool = True) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[common, loading] if loads else [common],
            help=summary,
            description=description,
            epilog=examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    info = command("info", "summarise a study folder or .qlr project", "Print the study summary, the waves, and the case × wave attrition table.", EPILOG_INFO)
    info.add_argument("study", help="a study folder, a study.yaml, a document, a .qlr project, or a project or export qlr import reads (.qdpx, .qda, .rqda, .sqlite3, .tar.gz, .tra, INCEpTION's .tsv/.xmi/.zip, Label Studio's .json, doccano's .zip/.jsonl) as it would import it")
    info.add_argument("--template", action="store_true", help="print a study.yaml describing what qlr inferred")
    info.set_defaults(handler=cmd_info)

    importer = command(
        "import",
        "import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or QualCoder, a QualCoder project (.qda), an RQDA project (.rqda), a Taguette project (.sqlite3), a CATMA export (.tar.gz), a Transana export (.tra), INCEpTION's (WebAnno TSV 3 .tsv, UIMA CAS XMI .xmi, or a project export .zip), Label Studio's (its JSON export, .json) or doccano's (its export of JSONL: .zip, its unzipped folder, or .jsonl)",
        "Read a .qdpx project, a QualCoder .qda project, an RQDA .rqda project, a Taguette .sqlite3 project or a CATMA export (.tar.gz, a folder it was unpacked into, or one collection's TEI .xml), a Transana .tra, an INCEpTION export (a WebAnno TSV 3 .tsv, a UIMA CAS XMI .xmi, a project export .zip or its folder), a Label Studio export (the .json its Export writes in the format JSON) or a doccano export (the .zip of JSONL its Export Dataset writes, its unzipped folder, or one .jsonl) (safely, read-only) and save it as a .qlr project.",
        EPILOG_IMPORT,
        loads=False,
    )
    importer.add_argument("project", help="the exported .qdpx (or .qde), a QualCoder project folder (name.qda), an RQDA project (name.rqda), a Taguette project (name.sqlite3) or a CATMA export (name.tar.gz, its unpacked folder, or one collection's .xml beside its document's .txt), a Transana export (name.tra), an INCEpTION export (name.tsv in WebAnno TSV 3, name.xmi in UIMA CAS XMI, or the project export name.zip or its folder), a Label Studio export (project-1-at-….json, format JSON) or a doccano export (the .zip its Export Dataset writes, its unzipped folder, or admin.jsonl in it)")
    importer.add_argument("--project", dest="taguette_project", metavar="ID_OR_NAME", help="which project of a Taguette database holding several (taguette.sqlite3), by id or name")
    importer.add_argument("-o", "--output", required=True, help="the .qlr project file to write")
    importer.add_argument(
        "--wave",
        help="where waves come from: a wave id for every source (W2), variable:NAME, set, set:REGEX, pattern:REGEX, or a CSV (source,wave); "
        "the waves run in the order of the CSV's rows, else of the sources' dates (their headers'), else of what their names say of when "
        "(baseline, 6month, 12month), else natural order, and the output's 'waves:' line says which",
    )
    importer.add_argument("--case", help="where cases come from: variable:NAME (a document variable, as MAXQDA keeps the participant), set:REGEX (a document group per person, as in ATLAS.ti; a group (?P<case>…) reads part of its name), pattern:REGEX or a CSV (source,case) (replaces the project's own Cases, which it names)")
    importer.add_argument(
        "--kind",
        help="each source's kind of document, which decides how it is segmented: one kind for every source "
        "(interview, document, observation, focus_group, diary, … the kinds of study.yaml), pattern:REGEX (group kind) or a CSV (source,kind); by default interview",
    )
    importer.add_argument("--speaker", action="append", metavar="LABEL=ROLE", help="a speaker label and its role (interviewer, participant, observer, other); repeatable")
    importer.add_argument(
        "--coder", action="append", metavar="ID=NAME", help="a Label Studio export's annotator by user id (or e-mail) and the coder's name, as --coder '1=Ana'; repeatable (its Export gives ids only); for a brat collection, who annotated it: --coder Ana"
    )
    importer.add_argument("--max-bytes", type=int, default=1024**3, help="refuse an export or database larger than this many bytes, or an archive that expands past it (default 1 GiB)")
    importer.set_defaults(handler=cmd_import)

    exporter = command("export", "export a study as a REFI-QDA project (.qdpx)", "Write a .qdpx that QDA tools import; qlr reads it back without loss.", EPILOG_EXPORT)
    exporter.add_argument("study", help="a .qlr project or a study folder")
    exporter.add_argument("-o", "--output", required=True, help="the .qdpx file to write")
    exporter.add_argument(
        "--positions",
        choices=["codepoints", "utf16"],
        default="codepoints",
        help="how selection positions count: Unicode code points, as the REFI-QDA standard says (default), or UTF-16 units, as NVivo counts them (for a project going back to NVivo)",
    )
    exporter.add_argument(
        "--counted-only",
        action="store_true",
        help="leave out the codings qlr does not count as evidence (negated, hoped-for, past, someone else's, questions, declined; pending suggestions), which another program would show as plain codings",
    )
    exporter.add_argument(
        "--code-names",
        choices=["names", "ids"],
        default="names",
        help="name each code by its name (default) or by its id in the characters qc accepts when coding (negative-done_to): qc refuses names with spaces or commas. qlr reads either back",
    )
    exporter.set_defaults(handler=cmd_export)

    validate = command(
        "validate",
        "check a study's manifest and documents, and codebook files",
        "Load the study and read each codebook, stopping at the first problem with its file and line. "
        "The study's own codebook (a .qdpx project's codes) is reported as a --codebook is, and each coding's code is checked against the codebook it names.",
        EPILOG_VALIDATE,
    )
    validate.add_argument("study", nargs="?", help="a study folder, study.yaml or .qlr project")
    validate.add_argument("--codebook", action="append", help="a codebook name or file (repeatable)")
    validate.add_argument("--rules", metavar="CODER", help="validate the codebook's rules against this person's coding (precision, recall, kappa, Shaffer's rho)")
    validate.set_defaults(handler=cmd_validate)

    coder = command("code", "apply a codebook to a study and save the coded project", "Rule-based coding of participants' words with a codebook; human codings are kept.", EPILOG_CODE)
    coder.add_argument("study", help="a study folder or .qlr project")
    coder.add_argument("--codebook", required=True, help="a bundled codebook name (coproduction) or a .yaml/.qdc file, or a table (.csv/.tsv/.xlsx)")
    coder.add_argument("-o", "--output", required=True, help="the .qlr project file to write")
    coder.add_argument("--workers", type=int, default=1, metavar="N", help="code with N processes on this machine")
    coder.add_argument("--no-cache", action="store_true", help="neither read nor write the matches cached in the user's cache directory (a cold run)")
    coder.add_argument("--dask", metavar="ADDRESS", help="code on a Dask cluster, e.g. tcp://scheduler:8786 (pip install 'qlr[dask]')")
    coder.set_defaults(handler=cmd_code)

    reporter = command("report", "write the HTML report with its tables (CSV, Excel) and figures", "A self-contained HTML report: attrition, codebook, matrices, change, placements with evidence, trajectories, stages, networks, pen portraits.", EPILOG_REPORT)
    reporter.add_argument("study", help="a study folder or .qlr project")
    reporter.add_argument("--codebook", help="the codebook to code with and place cases by (default: the project's own); with --crosswalk, which of the project's codebooks it maps")
    reporter.add_argument("--crosswalk", metavar="FILE", help="a YAML file mapping the project's own codes to ladder evidence, so hand codings place the cases (docs/crosswalk.md)")
    reporter.add_argument("--role", help="limit the case sections to one role, e.g. carer")
    reporter.add_argument("-o", "--out", required=True, help="the folder to write index.html, figures/ and tables/ into")
    reporter.add_argument("--raw", action="store_true", help="write the CSV tables' text cells as they are, without the ' that stops a spreadsheet running =, +, -, @ as a formula")
    reporter.add_argument(
        "--prompted-weight", metavar="W", help="how much a passage echoing the interviewer's question weighs on the ladder, 0 to 1 (default: the codebook's placement:, else 0.5)"
    )
    reporter.add_argument(
        "--summary-weight",
        metavar="W",
        help="how much a passage of the team's summary of an interview weighs on the ladder, 0 to 1 (default: the codebook's placement:, else 0: "
        "shown, counted nowhere); above 0 the tables count summaries too",
    )
    reporter.set_defaults(handler=cmd_report)

    charter = command(
        "chart",
        "write a framework chart: per wave, cases × themes, each cell the quotes behind it",
        "A Framework analyst's chart of the study's codings (qlr.track.chart): a sheet per wave of cases × themes (or codes), each cell "
        "the passages behind it in quotation marks with their document and line, a case not seen saying why; .csv writes a row per cell.",
        EPILOG_CHART,
    )
    charter.add_argument("study", help="a study folder or .qlr project")
    charter.add_argument("--codebook", help="which of the study's codebooks (default: its only one); a bundled name or file the study lacks codes a copy with it")
    charter.add_argument("--cols", choices=["theme", "code"], default="theme", help="the chart's columns: the codebook's themes (default) or its codes (a framework's sub-themes)")
    charter.add_argument("-o", "--output", required=True, help="the .xlsx (a sheet per wave, a quotes and a cells sheet) or .csv (a row per cell) to write")
    charter.add_argument("--raw", action="store_true", help="with a .csv: write text cells as they are, without the ' that stops a spreadsheet running =, +, -, @ as a formula")
    charter.set_defaults(handler=cmd_chart)

    agree = command("agreement", "intercoder agreement between coders of a study", "Percent agreement, Cohen's, Fleiss' and Brennan-Prediger kappa, Krippendorff's alpha, per code and overall.", EPILOG_AGREEMENT)
    agree.add_argument("study", help="a study folder or .qlr project")
    agree.add_argument("--coders", nargs="+", required=True, help="two or more coder names")
    agree.add_argument(
        "--unit", choices=["segment", "character", "document"],
        help="what is compared (default: characters where every coding compared was imported from another program, as the report does; segments otherwise, and for --disagreements)",
    )
    agree.add_argument("--by", help="a column to compare within, e.g. wave (coder drift)")
    agree.add_argument("--codes", nargs="+", help="only these codes")
    agree.add_argument(
        "--per-document", action="store_true",
        help="also average each code's kappa and percent agreement over the documents both coded, plainly and weighted by document length, as NVivo's coding comparison rows are averaged (kappa 1 where neither applied the code), and kappa over only the documents where either applied it (the pooled figures stay)",
    )
    agree.add_argument(
        "--maxqda", choices=["existence", "frequency", "overlap"],
        help="instead, two coders' agreement as MAXQDA's intercoder agreement counts it: code existence in the document, code frequency in the document, or code overlap at segment level (each coder's segments checked against the other's; Brennan-Prediger kappa)",
    )
    agree.add_argument("--min-overlap", type=float, help="with --maxqda overlap: the share two segments must overlap to agree (default 0.9, MAXQDA's 90%%)")
    agree.add_argument("--disagreements", action="store_true", help="list the units the coders disagree on instead")
    agree.add_argument("-o", "--output", help="write the table as CSV instead of printing it")
    agree.add_argument("--raw", action="store_true", help="with -o: write text cells as they are, without the ' that stops a spreadsheet running =, +, -, @ as a formula")
    agree.set_defaults(handler=cmd_agreement)

    pooler = command("pool", "pool several studies into one project for secondary analysis", "Load two or more studies (folders, .qlr projects, .qdpx imports) and save one project in which each case knows its study.", EPILOG_POOL)
    pooler.add_argument("studies", nargs="+", metavar="study", help="a study folder, .qlr project or .qdpx project; two or more")
    pooler.add_argument("--key", action="append", help="a short key per study, in order (repeatable): the study column and the prefix of its ids")
    pooler.add_argument("--waves", help="how the waves line up: id, order, separate, or a CSV (study,wave,pooled); by default they must be the same")
    pooler.add_argument("--same-cases", action="store_true", help="the studies follow the same people (a new wave's transcripts beside an imported project): a case id in several studies is one case; not with --key")
    pooler.add_argument("--name", help="the pooled study's name")
    pooler.add_argument("-o", "--output", required=True, help="the .qlr project file to write")
    pooler.set_defaults(handler=cmd_pool)

    depositor = command("deposit", "pseudonymise a study and write an archive-ready deposit folder", "Replace every identifier consistently across waves, write the deposit (texts, .qdc, .qdpx, data lists, README, log, checksums) and the key apart from it.", EPILOG_DEPOSIT)
    depositor.add_argument("study", help="a study folder or .qlr project")
    depositor.add_argument("--key", required=True, help="the key file to write (or reuse, if it exists); outside the deposit")
    depositor.add_argument("-o", "--out", required=True, help="the deposit folder to create (new or empty, outside the study folder)")
    depositor.add_argument("--style", choices=["placeholder", "realistic"], default="placeholder", help="[Carer 3] placeholders (default) or realistic names (needs qlr[pseudo])")
    depositor.add_argument("--seed", type=int, default=0, help="seed of the realistic names")
    depositor.add_argument("--extra", action="append", metavar="TERM[=KIND]", help="another identifier to replace (repeatable), e.g. 'Mill Road=street'")
    depositor.add_argument("--review", help="the review queue CSV with decisions filled in")
    depositor.set_defaults(handler=cmd_deposit)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    _print(f"qlr: warning: {message}", file=sys.stderr)


#: Exit status when a command finished but left data out (rows refused, selections not placed, pages unread).
EXIT_DATA_LEFT_OUT = 3
#: The status of a program stopped by SIGPIPE (128 + 13), as shells report `cat` or `grep` whose reader left.
EXIT_READER_GONE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qlr`` command; return the exit status.

    0 when all went well, 1 on an error, 3 when the command finished but left
    data out (a warning said what; ``-q`` never hides those warnings, nor one
    that evidence is misread, only progress, summaries and qlr's guesses), 130
    when interrupted.
    """
    from .errors import (
        FilesNotLoadedWarning,
        InferenceWarning,
        QlrError,
        QlrWarning,
        RowsRefusedWarning,
        UnreadTextWarning,
    )

    parser = build_parser()
    args = parser.parse_args(argv)
    left_out = False

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        nonlocal left_out
        left_out = left_out or issubclass(category, (RowsRefusedWarning, UnreadTextWarning, FilesNotLoadedWarning))
        if args.quiet and issubclass(category, InferenceWarning):
            return
        if args.quiet and not issubclass(category, QlrWarning):
            return
        _show_warning(message, category, filename, lineno, file, line)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = show
            status = int(args.handler(args) or 0)
        if status == 0 and left_out:
            _print(f"qlr: finished, but some data was left out (see the warnings above); exit status {EXIT_DATA_LEFT_OUT}", file=sys.stderr)
            return EXIT_DATA_LEFT_OUT
        return status
    except BrokenPipeError:
        # The reader of the output left (`qlr info study | head`): nothing went wrong with the study. Output
        # still buffered goes nowhere, so that Python's own flush at exit does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_READER_GONE
    except (QlrError, OSError, argparse.ArgumentTypeError) as exc:
        if args.debug:
            raise
        _print(f"qlr: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        _print("qlr: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
