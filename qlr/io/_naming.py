"""Naming conventions: ``{case}_{wave}_{kind}`` templates, and plans inferred from file names alone.

A folder without ``study.yaml`` (or a single file) is read by its names; a
manifest's ``naming:`` template is compiled here too, and so are the checks every
plan shares (two documents with one id, files qlr does not read).
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from natsort import natsorted

from .._warned import warn
from .._words import first_few
from ..errors import DuplicateIdError, FilesNotLoadedWarning, ManifestError, ManifestNotFoundError
from ._plan import _DocSpec, _Plan
from ._readers import READERS, whose_note
from ._sections import order_waves
from ._segment import KIND_STRATEGY, PARTICIPANT_CODE, canonical_kind, date_in

__all__ = ["DEFAULT_NAMING"]

DEFAULT_NAMING = "{case}_{wave}_{kind}"
# Read-me files ("README.md", "sources_README.md") and the notes a repository keeps beside its data about where
# it came from and how to credit it ("ATTRIBUTION.md", "CITATION.txt": the whole name only, as "press_citation.txt"
# may be data), and backups and temporary copies an editor leaves ("….odt.bak", "….txt~").
#: Names that look private (an underscore first) but are what a tool names its export.
_KEPT_PRIVATE = frozenset({"_chat.txt"})
_SKIP_NAMES = re.compile(
    r"^(?:(?:.*[_ -])?(?:readme|license|licence|changelog)(?:\..*)?|(?:attribution|citation)(?:\.\w+)?|.*(?:\.bak|\.tmp|\.orig|~))$",
    re.IGNORECASE,
)


def _naming_regex(naming: str, manifest: Path | None, line: int | None) -> re.Pattern[str]:
    fields = re.findall(r"\{(\w+)\}", naming)
    unknown = [f for f in fields if f not in ("case", "wave", "kind", "any")]
    if unknown or "case" not in fields or "wave" not in fields:
        raise ManifestError(
            f"the naming pattern {naming!r} must use {{case}} and {{wave}} (and may use {{kind}})",
            path=manifest,
            line=line,
            hint="write it like '{case}_{wave}_{kind}'",
        )
    repeated = sorted({f for f in fields if fields.count(f) > 1 and f != "any"})
    if repeated:
        raise ManifestError(
            f"the naming pattern {naming!r} uses {{{repeated[0]}}} twice",
            path=manifest,
            line=line,
            hint="name each field once; use {any} for a part to ignore",
        )
    if re.search(r"\}\{", naming):
        raise ManifestError(
            f"the naming pattern {naming!r} has two fields with nothing between them",
            path=manifest,
            line=line,
            hint="put the separator your file names use between them, e.g. '{case}_{wave}'",
        )
    regex = ""
    for literal, field_name in re.findall(r"([^{]*)(?:\{(\w+)\})?", naming):
        regex += re.escape(literal)
        if field_name == "any":  # a part to ignore, as often as the template says
            regex += r"(?:[^/]+?)"
        elif field_name:
            regex += rf"(?P<{field_name}>[^/]+?)"
    return re.compile(rf"^{regex}$")


#: Extensions a file may carry twice ("C1_W1_interview.rtf.txt" after a conversion, "….docx.pdf"):
#: the inner one is not part of the name.
_INNER_EXTENSIONS = frozenset({*READERS, ".rtf", ".doc", ".odt", ".wav", ".mp3", ".m4a", ".mp4"})


def document_stem(path: Path) -> str:
    """A file's name without its extension, or its two ("C1_W1_interview.rtf.txt" → "C1_W1_interview")."""
    stem = Path(path.stem)
    return stem.stem if stem.suffix.lower() in _INNER_EXTENSIONS else path.stem


def _case_tables(root: Path, tables: list[str], cases: Sequence[str]) -> list[str]:
    """Which of a folder's tables (paths from ``root``) hold the cases' attributes, a row per case: a column naming two of
    the ``cases`` or more (the one case of a study of one) beside another column, and no cell naming a file (a table
    naming files is a data list). QDA Miner's variables exported apart are one; a codebook or a list of memos is none.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "variables.csv").write_text("ID,Site\\nC01,North\\nC02,South\\n")
    >>> _ = (folder / "codebook.csv").write_text("Category,Code\\nAccess,Cost\\n")
    >>> _case_tables(folder, ["codebook.csv", "variables.csv"], ["C01", "C02"])
    ['variables.csv']
    """
    from ._responses import _grid

    known = {str(case).casefold() for case in cases}
    found = []
    for shown in tables:
        try:
            grid = _grid(root / shown, what="table of attributes")[0]
        except (ManifestError, OSError, ValueError):
            continue
        rows = [row for row in grid if any(cell.strip() for cell in row)]
        if len(rows) < 2 or len(rows[0]) < 2 or any(Path(cell.strip()).suffix.lower() in READERS for row in rows[1:] for cell in row):
            continue
        columns = range(max(len(row) for row in rows))
        if any(len({row[at].strip().casefold() for row in rows[1:] if at < len(row)} & known) >= min(2, len(known)) for at in columns):
            found.append(shown)
    return found


def _match_name(path: Path, regex: re.Pattern[str]) -> dict[str, str] | None:
    """The fields a name gives; a date where the kind would be ("Smith_Session2_2019-09-12") is its ``date``, never a kind."""
    match = regex.match(document_stem(path))
    if not match:
        return None
    parts = {k: v for k, v in match.groupdict().items() if v}
    if (day := _real_day(parts.get("kind") or "")) is not None:
        parts["date"] = day
        del parts["kind"]
    if "kind" in parts:
        kind = _without_version_words(parts["kind"])
        if kind:
            parts["kind"] = kind
        else:
            del parts["kind"]  # "C01_W1_final": no kind said, an interview by default
    return parts


#: Words a file's kind may carry that say which version of the file it is, not what kind of document
#: ("transcript_deidentified", "interview_final_v2", "fieldnotes-anonymised").
_VERSION_WORD = re.compile(r"(?i)^(?:final|clean|cleaned|anon|anonymi[sz]ed|anonymous|de-?identified|pseudonymi[sz]ed|redacted|copy|draft|v\d+)$")


def _without_version_words(kind: str) -> str:
    """A kind from a file name without its version words.

    Examples
    --------
    >>> _without_version_words("Transcript_deidentified"), _without_version_words("interview final v2"), _without_version_words("final")
    ('Transcript', 'interview', '')
    >>> _without_version_words("focus-group")
    'focus-group'
    """
    words = re.split(r"([ _-]+)", kind)
    kept = [word for word in words[::2] if not _VERSION_WORD.match(word)]
    if len(kept) == len(words[::2]):
        return kind
    return "_".join(word for word in kept if word)


def _tables_refused(root: Path, names: list[str]) -> tuple[dict[str, str], list[str]]:
    """Of files (paths from ``root``) not read, the tables whose header is a transcript's but whose rows are not, each with
    why (:func:`._tabular.refusal`), and the others."""
    from ._tabular import TRANSCRIPT_TABLE_SUFFIXES, refusal

    refused = {name: why for name in names if Path(name).suffix.lower() in TRANSCRIPT_TABLE_SUFFIXES and (why := refusal(root / name))}
    return refused, [name for name in names if name not in refused]


def _refused_said(refused: dict[str, str]) -> str:
    """"tables with a transcript's header … (NAME: why; …)": what the files are, for a load note or an error."""
    shown = "; ".join(f"{name}: {why}" for name, why in list(refused.items())[:5]) + (f"; and {len(refused) - 5} more" if len(refused) > 5 else "")
    return f"tables with a transcript's header (a speaker column and a column of words) whose rows are not a transcript's ({shown})"


def _not_loaded(root: Path, inferred: list[str], files: list[str], why: str, fix: str) -> None:
    """Say, in the load notes and as a warning, which files of a folder loaded by their names were not read."""
    note = f"{len(files)} file(s) {why} and were not loaded: " + first_few(files, shown=5)
    inferred.append(note)
    warn(f"{root}: {note}. Fix: {fix}", FilesNotLoadedWarning)


def _check_duplicate_docs(docs: list[_DocSpec], manifest: Path | None) -> None:
    first: dict[str, _DocSpec] = {}
    for doc in docs:
        if doc.doc_id in first:
            other = first[doc.doc_id]
            raise DuplicateIdError(
                f"two documents get the id {doc.doc_id!r}: {other.path} and {doc.path}",
                path=manifest or doc.path,
                line=doc.line,
                hint="give one of them an explicit 'id:' in the manifest, or rename a file",
            )
        first[doc.doc_id] = doc


def _key(path: Path) -> str:
    """A file's identity for "listed twice" checks; cheaper than Path.resolve()."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


#: The file ``qlr report`` leaves in the folder it writes: a folder holding it is qlr's own
#: output (pages, figures, tables), never a study's data, wherever it is put.
OUTPUT_MARKER = ".qlr-report"


def _skipped(path: Path, root: Path) -> bool:
    if _set_aside(path, root):
        return True
    if path.suffix.lower() == ".xml" and not _document_xml(path):
        return True  # an archive's DDI metadata, an export's settings: only the XML documents qlr reads are documents
    return _in_qlr_output(path, root)


def _set_aside(path: Path, root: Path) -> bool:
    """Whether a file is hidden or private, an Office lock file ("~$notes.docx", not a document) or a read-me, whatever its format.

    (Not "_chat.txt": WhatsApp on iPhone names every chat export so.)
    """
    relative = path.relative_to(root)
    return any(part.startswith((".", "_", "~$")) and part.lower() not in _KEPT_PRIVATE for part in relative.parts) or bool(_SKIP_NAMES.match(path.name))


#: How the XML files qlr reads as documents open: a phone's text messages (SMS Backup & Restore), an OHMS
#: oral-history record, a TEI document (its namespace, or a header before utterances).
_DOCUMENT_XML = re.compile(
    rb"<smses\b|nunncenter/ohms|<ROOT\b[^>]*>\s*<record\b|tei-c\.org/ns/1\.0|<(?:\w+:)?teiHeader\b|<(?:\w+:)?TEI\b"
    rb"|<Trans\b|<basic-transcription\b|<segmented-transcription\b"
)


def _document_xml(path: Path) -> bool:
    """Whether an ``.xml`` file is one qlr reads as a document (:data:`_DOCUMENT_XML`), by its opening."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return True  # unreadable: loading says so
    return _DOCUMENT_XML.search(head) is not None or _question_answer_xml(head)


def _question_answer_xml(head: bytes) -> bool:
    """Whether an XML file's opening holds a question element and an answer element (:func:`._oralhist.is_question_answer`'s names)."""
    from ._segment import ANSWER_WORDS, QUESTION_WORDS

    opened = {name.decode("utf-8", "replace").lower() for name in _XML_OPENING_TAG.findall(head)}
    return bool(opened & QUESTION_WORDS) and bool(opened & ANSWER_WORDS)


#: An element's opening tag in an XML file's first bytes, its name without a namespace prefix.
_XML_OPENING_TAG = re.compile(rb"<(?:[\w.-]+:)?([^\s/>!?:]+)[\s>]")


def read_as_document(path: Path) -> bool:
    """Whether a file found in a study's folder is one qlr reads as a document, by its extension.

    A ``.zip`` is one only when it is a Slack workspace export (by its members' names): any other
    zip in a study's folder (photos, an archive of the recordings) is no document, as it was before
    qlr read Slack exports, and is passed over as any file in a format qlr does not read is.
    A table (``.csv``, ``.tsv``, ``.xlsx``) is one only when it is a transcript by its header
    (:func:`._tabular.is_transcript_table`): a codings file, a survey export or a data list is not.
    """
    suffix = path.suffix.lower()
    if suffix not in READERS:
        from ._tabular import is_transcript_table

        return is_transcript_table(path)  # a transcript kept as a table; any other table is no document
    if suffix == ".json":  # Label Studio's export of coded tasks: a coded project, said as one (coded_project)
        from ._label_studio import label_studio_export_kind

        return label_studio_export_kind(path) != "json"
    return suffix != ".zip" or _slack_zip(path)


def _slack_zip(path: Path) -> bool:
    """Whether a ``.zip`` is a Slack workspace export, by its members' names (a damaged zip is not)."""
    import zipfile

    from ._messages import is_slack_export

    try:
        with zipfile.ZipFile(path) as archive:
            return is_slack_export(archive.namelist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def _in_qlr_output(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in a folder under ``root`` that holds a report qlr wrote ("qlr report . --out report")."""
    relative = path.relative_to(root).parts
    if ".." in relative:
        return False  # a glob reaching out of the folder: only folders inside it are looked at
    return any((folder / OUTPUT_MARKER).is_file() for folder in path.parents[: len(relative) - 1])


def output_folders(root: Path, paths: list[Path]) -> list[str]:
    """The inference note naming the folders under ``root`` that hold a report qlr wrote (none: empty).

    ``paths``: everything under ``root``, as the caller walked it already.
    """
    found = natsorted(marker.parent.relative_to(root).as_posix() for marker in paths if marker.name == OUTPUT_MARKER and marker.parent != root)
    if not found:
        return []
    return [f"{', '.join(folder + '/' for folder in found)}: a report qlr wrote, not study data; not read"]


#: Photographs' extensions: files a folder of transcripts may hold beside their captions, which qlr does not read.
IMAGES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".tif", ".tiff", ".webp", ".bmp"})


#: The files of a QDA tool's coded project that ``qlr import`` reads (REFI-QDA, QualCoder's database, RQDA).
CODED_PROJECTS = frozenset({".qdpx", ".qda", ".rqda"})
#: And SQLite files, which are a coded project when they hold Taguette's tables (its Export project writes name.sqlite3).
TAGUETTE_SUFFIXES = frozenset({".sqlite3", ".sqlite"})
#: And Transana's database export, a coded project when its content is Transana-XML (other tools write .tra too).
TRANSANA_SUFFIXES = frozenset({".tra"})


def coded_project(p: Path) -> bool:
    """Whether the file ``p`` is a QDA tool's coded project or export, which ``qlr import`` reads and a folder does not."""
    from ._inception import inception_export_kind
    from ._taguette import is_taguette_database
    from ._transana import transana_export_kind

    suffix = p.suffix.lower()
    if suffix in TAGUETTE_SUFFIXES:
        return is_taguette_database(p)
    if suffix == ".tsv":  # INCEpTION's WebAnno TSV 3 (other tables are .tsv too): by its first line
        return inception_export_kind(p) == "tsv"
    if suffix == ".xmi":  # INCEpTION's UIMA CAS XMI (other tools write XMI too): by its CAS namespace
        return inception_export_kind(p) == "xmi"
    if suffix == ".json":  # Label Studio's JSON export (other tools write JSON too): by its tasks
        from ._label_studio import label_studio_export_kind

        return label_studio_export_kind(p) == "json"
    if suffix in (".zip", ".jsonl"):  # doccano's export (a .zip of <user>.jsonl, or one of them): by its lines
        from ._doccano import doccano_export_kind

        if doccano_export_kind(p) is not None:
            return True
    if suffix == ".zip":  # a brat collection zipped (its .txt and standoff .ann files): by its .ann lines
        from ._brat import brat_collection_kind

        if brat_collection_kind(p) == "zip":
            return True
    return suffix in CODED_PROJECTS or (suffix in TRANSANA_SUFFIXES and transana_export_kind(p) is not None)


def _brat_ann(p: Path) -> bool:
    """Whether ``p`` (a ``.ann``) is brat's standoff annotations."""
    from ._brat import brat_collection_kind

    return brat_collection_kind(p) == "ann"


def brat_texts(root: Path, paths: list[Path]) -> list[str]:
    """The ``.txt`` files under ``root`` (of ``paths``) that a brat collection annotates: each beside a ``.ann`` of the
    same name, where the folder's ``.ann`` files are brat's. They are the collection's, read with its codings by `qlr
    import` of its folder (:func:`files_not_read` names it), no transcript misnamed: paths relative to ``root``.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "brat").mkdir()
    >>> for name, words in (("brat/W1.txt", "Tired."), ("brat/W1.ann", "T1\\tFatigue 0 5\\tTired\\n"), ("notes.txt", "x")):
    ...     _ = (root / name).write_text(words)
    >>> brat_texts(root, sorted(root.rglob("*")))
    ['brat/W1.txt']
    """
    anns = [p for p in paths if p.suffix.lower() == ".ann" and p.is_file() and not _skipped(p, root)]
    if not any(_brat_ann(p) for p in anns[:50]):
        return []
    return [p.relative_to(root).as_posix() for p in paths if p.suffix.lower() == ".txt" and p.with_suffix(".ann") in set(anns)]


def files_not_read(root: Path, paths: list[Path]) -> list[str]:
    """The notes naming the files under ``root`` qlr passes over that a reader would take for data, in every layout: a
    folder read by its names, by a manifest, or by ``qlr info --template``. None: empty.

    Photographs (a photovoice study's, beside their captions), and, in a folder whose XML qlr reads as interviews, the
    XML files whose elements are no transcript it knows (an archive's edited life story kept as sections, a narrator's
    record card, beside the question and answer elements it reads).

    ``paths``: everything under ``root``, as the caller walked it already.
    """
    notes = []
    images = [p.relative_to(root).as_posix() for p in paths if p.suffix.lower() in IMAGES and p.is_file() and not _skipped(p, root)]
    if images:
        notes.append(f"{len(images)} image file(s) not read (qlr reads text; a photo's caption in a text file is read): {first_few(images, shown=4)}")
    # A coded project lying among the transcripts (as a researcher keeps one beside the files it was made from) holds
    # codings a folder never reads: said, with how to bring them in.
    projects = [p.relative_to(root).as_posix() for p in paths if p.is_file() and coded_project(p) and not _skipped(p, root)]
    if projects:
        notes.append(
            f"{len(projects)} coded project file(s) not read with the folder (their codes and codings are not loaded): "
            f"{first_few(projects, shown=4)}; bring one in with `qlr import FILE -o study.qlr`"
        )
    # brat's standoff annotations beside the .txt files they code (a brat collection read as a folder of transcripts):
    # the codings are in the .ann files, which only `qlr import` of the folder reads.
    brat = [p for p in paths if p.suffix.lower() == ".ann" and p.is_file() and not _skipped(p, root)]
    brat = [p.relative_to(root).as_posix() for p in brat] if any(_brat_ann(p) for p in brat[:50]) else []  # with the empty .ann of a text no one coded
    if brat:
        from ._brat import collection_folder

        # The .txt files they annotate are the collection's too (not transcripts misnamed): said with them, not loaded.
        texts = brat_texts(root, paths)
        inner = collection_folder(root)
        folder = inner.as_posix() if inner != root else "FOLDER"
        notes.append(
            f"{len(brat)} brat annotation file(s) (.ann, standoff codings of the .txt beside each)"
            + (f" and the {len(texts)} .txt file(s) they annotate, a brat collection's," if texts else "")
            + f" not read with the folder: {first_few(brat, shown=4)}; bring "
            + ("the collection (its texts and codings)" if texts else "the codings")
            + f" in with `qlr import {folder} -o study.qlr`"
            + (" (FOLDER the brat collection)" if folder == "FOLDER" else "")
        )
    # Said where the folder holds XML qlr reads (an archive's interviews beside its other records); an XML file beside
    # Word or text transcripts (a data archive's DDI record, a tool's settings) is passed over as before.
    marked = [p for p in paths if p.suffix.lower() == ".xml" and p.is_file()]
    read = {p for p in marked if _document_xml(p)}
    xml = [p.relative_to(root).as_posix() for p in marked if p not in read and not _set_aside(p, root)] if read else []
    if xml:
        notes.append(
            f"{len(xml)} XML file(s) not read, their elements no transcript's qlr knows (TEI, OHMS, EXMARaLDA, Transcriber, "
            f"question and answer elements): {first_few(xml, shown=4)}"
        )
    return notes


#: Kinds of a wave's notes that name no case ("W1_fieldnotes.md", "W2_observation.md").
_NOTE_KINDS = ("fieldnotes", "notes", "observation", "observations", "diary")


#: The default naming convention as a regular expression (what a manifest's glob reads).
DEFAULT_REGEX = _naming_regex(DEFAULT_NAMING, None, None)
_CASE_WAVE = re.compile(r"^(?P<case>[^_]+)_(?P<wave>[^_]+)$")
# "W1_fieldnotes.md": a wave's notes, of no one case (a kind word is never a wave).
_WAVE_NOTES = re.compile(rf"^(?P<wave>[^_]+)_(?P<kind>{'|'.join(map(re.escape, _NOTE_KINDS))})$", re.IGNORECASE)
# "fieldnotes_W1.md": the same, the kind first; only where the other part reads as a wave (a kind word is no case).
_NOTES_OF_WAVE = re.compile(rf"^(?P<kind>{'|'.join(map(re.escape, _NOTE_KINDS))})_(?P<wave>[^_]+)$", re.IGNORECASE)


#: A wave as names write it: a short word and a number ("W1", "Wave-2", "T03", "FU1", "3", "W1B", "Y1S2",
#: "2023Q1"), a date ("2023-03-01"), or "pre-…"/"post-…" ("pre-covid").
_WAVE_LIKE = re.compile(r"[A-Za-z]{0,10}[ -]?\d{1,4}(?:[A-Za-z]{1,2}\d{0,2})?|\d{4}-\d{2}|(?:pre|post)-[A-Za-z]+", re.IGNORECASE)
#: Waves named by a word rather than a number ("Ann_baseline_interview", "P01_spring.txt").
_WAVE_WORDS = frozenset(
    """baseline followup follow-up fu pre post pretest posttest midline midpoint midterm endline intake exit initial final
    first second third fourth fifth last spring summer autumn fall winter i ii iii iv v vi""".split()
)


#: An archive's accession number where a wave would be ("duarte_OH0344.xml", "smith_MSS01234.xml"): two or three
#: letters, then four digits or more. A term and its year ("FA2018", "SP2019", "FY2020") is when, not an accession.
_ACCESSION = re.compile(r"(?i)[a-z]{2,3}\d{4,}")
_TERM_YEAR = re.compile(
    r"(?i)(?:fa|fal|sp|spr|su|sum|wi|win|au|aut|fy|ay|sy|cy|yr|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:19|20)\d\d"
)
#: Where an oral-history record states its accession: OHMS's ``<accession>``, TEI's ``<idno>``.
_RECORD_ACCESSION = re.compile(rb"<(?:\w+:)?(?:accession|idno)\b[^>]*>\s*([^<]*?)\s*</", re.IGNORECASE)


def record_accessions(path: Path) -> set[str]:
    """The accession numbers an ``.xml`` record states near its top (OHMS ``<accession>``, TEI ``<idno>``), lower case; none for other files."""
    if path.suffix.lower() not in (".xml", ".tei"):
        return set()
    try:
        with path.open("rb") as file:
            head = file.read(65536)
    except OSError:
        return set()
    return {found.decode("utf-8", "replace").casefold() for found in _RECORD_ACCESSION.findall(head) if found}


def is_accession(part: str, path: Path | None = None) -> bool:
    """Whether a name's part is an archive's accession number, not a wave: by its form, or as the record ``path`` states it.

    Examples
    --------
    >>> [is_accession(p) for p in ["OH0344", "mss01234", "W1", "T03", "FA2018", "Jan2020", "2019", "Y2"]]
    [True, True, False, False, False, False, False, False]
    """
    if _ACCESSION.fullmatch(part) and not _TERM_YEAR.fullmatch(part):
        return True
    return path is not None and part.casefold() in record_accessions(path)


def name_parts(path: Path, *, waves: frozenset[str] = frozenset()) -> dict[str, str] | None:
    """What a file's name says by the naming convention (case, wave, kind), or None if it follows none of its forms.

    ``waves`` are the waves the other files of the folder name (casefolded): "M0_fieldnotes.md"
    beside "P01_M0_interview.txt" is wave M0's notes (:func:`_wave_notes`).

    Underscores alone do not make the convention: the kind must be one qlr knows, or
    the wave look like one (a number in it, a date, a word such as "baseline").
    "Bergen-Bread_Molding_Field_Notes_FA18" is a title, not case "Bergen-Bread" at
    wave "Molding".

    Examples
    --------
    >>> [name_parts(Path(n)) is not None for n in ["P01_W2_interview.txt", "Ann_baseline_minutes.md", "Tom_2023-03-01.txt", "Tom_08.12.2025.txt",
    ...                                            "Bergen-Bread_Molding_Field_Notes_FA18.html", "Gokturk-Annotation_Plans-FA18_notes_x.html"]]
    [True, True, True, True, False, False]

    A kind or role word where the case would be, or a kind with numbers in it, is no convention either:

    >>> [name_parts(Path(n)) is not None for n in ["Interview_P01.txt", "Entrevista_E1.md", "Participant_01.txt", "IMG_1770_CJ_4_251.txt"]]
    [False, False, False, False]

    A photo's word and number where the kind would be is its author's caption, a document (:func:`photo_word`):

    A kind word in another language, or of several words, means the kind it means in a loosely named file
    (:func:`kind_in_words`):

    >>> [name_parts(Path(n))["kind"] for n in ["P02_W2_entrevista.txt", "P01_W1_grupo_focal.txt", "P01_W1_notas_de_campo.md", "P01_W1_letter.txt"]]
    ['interview', 'focus_group', 'observation', 'letter']
    >>> [name_parts(Path(n))["kind"] for n in ["P01_W1_minutes.md", "P01_W1_interview_summary.md"]]
    ['minutes', 'interview_summary']

    >>> name_parts(Path("Rose_W2_photo1.txt"))
    {'case': 'Rose', 'wave': 'W2', 'kind': 'document'}

    An archive's accession number where the wave would be (:func:`is_accession`) is the
    case's one interview, at the first wave; the number is kept as ``accession``:

    >>> name_parts(Path("duarte_OH0344.xml"))
    {'case': 'duarte', 'wave': 'W1', 'accession': 'OH0344'}
    """
    parts = _match_name(path, DEFAULT_REGEX) or _wave_notes(path, waves=waves) or _match_name(path, _CASE_WAVE)
    if parts is None:
        return None
    # "Interview_P01", "Entrevista_E1", "Participant_01": the word before is what the file is, not whose.
    if (parts.get("case") or "").lower() in _NOT_A_CASE:
        return None
    if is_accession(parts["wave"], path):
        # "duarte_OH0344.xml", as an archive names its records: one interview of duarte, not duarte at wave OH0344.
        return {**parts, "wave": "W1", "accession": parts["wave"]} if parts.get("case") else None
    kind = parts.get("kind") or ""
    if canonical_kind(kind) in KIND_STRATEGY:
        return parts
    if photo_word(kind) and reads_as_wave(parts["wave"]):
        return {**parts, "kind": "document"}  # "Rose_W2_photo1.txt": Rose's caption of her photo, as in free-named folders
    if any(character.isdigit() for character in kind) or not reads_as_wave(parts["wave"]):
        return None  # "IMG_1770_CJ_4_251": an archive's numbering, no kind of document
    # "P02_W2_entrevista", "P01_W1_grupo_focal": a kind of talk or notes the loose names know (:func:`kind_in_words`)
    # means that kind here too. A written record's or summary's word ("minutes", "interview_summary") stays the
    # researcher's own kind, as does a word qlr does not know ("letter"): read by paragraph, the load saying so.
    words = re.split(r"[\W_]+", kind)
    said = kind_in_words(words)
    if said is None or said == "document" or any(_KIND_IN_NAME.get(word.lower()) == "document" for word in words):
        return parts
    return {**parts, "kind": said}


def _wave_notes(path: Path, *, waves: frozenset[str] = frozenset()) -> dict[str, str] | None:
    """A wave's notes ("W1_fieldnotes.md", "Launch_fieldnotes.md"), not a participant's ("P1_Notes.txt", "AB12_diary.md").

    A participant's code before the kind (:data:`._segment.PARTICIPANT_CODE`) that cannot be a
    wave (:func:`_a_wave`) is whose notes they are: a usability study's "P1_Notes.txt" …
    "P17_Notes.txt" are seventeen people's session notes, not seventeen waves of no one. Unless
    the folder's other files use it as their wave (``waves``, casefolded): "M0_fieldnotes.md"
    beside "P01_M0_interview.txt" are the notes of month 0.

    Examples
    --------
    >>> [_wave_notes(Path(n)) for n in ["W1_fieldnotes.md", "Launch_fieldnotes.md", "P1_Notes.txt", "M0_fieldnotes.md"]]
    [{'wave': 'W1', 'kind': 'fieldnotes'}, {'wave': 'Launch', 'kind': 'fieldnotes'}, None, None]
    >>> _wave_notes(Path("M0_fieldnotes.md"), waves=frozenset({"m0"}))
    {'wave': 'M0', 'kind': 'fieldnotes'}

    The kind may come first ("fieldnotes_W1.md"), where the other part reads as a wave; "notes_P1.txt" is no wave's:

    >>> [_wave_notes(Path(n)) for n in ["fieldnotes_W1.md", "Observations_T2.docx", "notes_P1.txt", "diary_Tom.txt"]]
    [{'kind': 'fieldnotes', 'wave': 'W1'}, {'kind': 'Observations', 'wave': 'T2'}, None, None]
    """
    first = _match_name(path, _NOTES_OF_WAVE)
    if first is not None:
        # Not by ``waves``: read as case and wave, "notes_P1.txt" would put "P1" among them itself.
        wave = first["wave"]
        return first if reads_as_wave(wave) and not (PARTICIPANT_CODE.fullmatch(wave) and not _a_wave(wave)) else None
    parts = _match_name(path, _WAVE_NOTES)
    if parts is None or parts["wave"].casefold() in waves:
        return parts
    if PARTICIPANT_CODE.fullmatch(parts["wave"]) and not _a_wave(parts["wave"]):
        return None
    return parts


def reads_as_wave(part: str) -> bool:
    """Whether a file name's part reads as a wave: a word and a number ("W1", "T03"), a date, a wave's word ("baseline").

    Examples
    --------
    >>> [reads_as_wave(p) for p in ["W2", "2023-03-01", "baseline", "group", "Molding"]]
    [True, True, True, False, False]
    """
    return bool(_WAVE_LIKE.fullmatch(part)) or _name_day(part) is not None or part.lower() in _WAVE_WORDS


#: A summary's words in a file name: a researcher's summary of an interview, or of the study ("Summary of findings").
_SUMMARY_WORDS = frozenset({"summary", "summaries", "zusammenfassung"})

#: Words of a folder or file name that say what kind of document it is, and the kind.
_KIND_IN_NAME = {
    "interview": "interview", "interviews": "interview", "transcript": "interview", "transcripts": "interview", "int": "interview",
    "focus": "focus_group", "group": "focus_group", "groups": "focus_group", "fg": "focus_group",
    "fieldnotes": "observation", "notes": "observation", "observation": "observation", "observations": "observation",
    "diary": "diary", "diaries": "diary",
    # Written records, not talk: their "Goal:" and "Resolution:" lines are nobody's turns.
    "minutes": "document", "agenda": "document", "report": "document", "reports": "document",
    "meeting": "document", "meetings": "document", "document": "document", "documents": "document",
    # A researcher's summary of an interview, kept beside it ("Agnesi-summary.md" by "Agnesi-transcript.md"): that
    # person's, written in paragraphs, not a second person called "Agnesi summary".
    **dict.fromkeys(_SUMMARY_WORDS, "document"),
    # A chat export ("WhatsApp Chat with Alice.txt") is read message by message as a diary is.
    "chat": "diary", "whatsapp": "diary",
    # So are other apps' threads and e-mail kept with a participant between waves ("P01_W2_telegram.json").
    "telegram": "diary", "messenger": "diary", "signal": "diary", "sms": "diary", "imessage": "diary", "instagram": "diary",
    "discord": "diary", "slack": "diary", "messages": "diary", "email": "diary", "emails": "diary", "mbox": "diary",
    "correspondence": "diary",
    # "Interview" in the languages transcripts come in ("Entrevista_E1.md", "Wywiad 3.docx").
    "entrevista": "interview", "entrevistas": "interview", "entretien": "interview", "entretiens": "interview",
    "intervista": "interview", "interviste": "interview", "wywiad": "interview", "transkript": "interview",
    "transcripcion": "interview", "transcripción": "interview", "transcricao": "interview", "transcrição": "interview",
    # A focus group, field notes and a diary in Spanish and Portuguese ("grupo_focal_2026-07-20.txt", "notas",
    # "observações"); "campo" (field) is no kind alone, a surname ("Lucia del Campo"): see :func:`field_notes_at`.
    "grupo": "focus_group", "grupos": "focus_group", "focal": "focus_group", "focales": "focus_group", "focais": "focus_group",
    "notas": "observation", "observacion": "observation", "observación": "observation",
    "observaciones": "observation", "observacao": "observation", "observação": "observation", "observacoes": "observation",
    "observações": "observation", "diario": "diary", "diarios": "diary", "diário": "diary", "diários": "diary",
    # A meeting's minutes in Spanish and Portuguese ("actas/", "atas/", "minutas/"); not "ata" alone, a name too.
    "acta": "document", "actas": "document", "atas": "document", "minuta": "document", "minutas": "document",
}  # fmt: skip
#: Words that open a file's name as what it is or who speaks in it, never as a case's id ("Interview_P01",
#: "Entrevista_E1", "Participant_01"): interview words and role words. Not "FG", "Group", "Meeting" or
#: "Diary": a focus group, a committee or a diarist may be the case.
_NOT_A_CASE = frozenset(word for word, kind in _KIND_IN_NAME.items() if kind == "interview" and word != "int") | frozenset(
    "transcription participant participants respondent respondents interviewee interviewer subject informant".split()
)
#: Words that make a file the record of a meeting whatever else it says ("meeting-notes.md", "council-meeting-minutes").
_RECORD_WORDS = frozenset({"minutes", "agenda", "meeting", "meetings", "acta", "actas", "atas", "minuta", "minutas"})
#: An interview guide's words ("interview guide.docx", "interview questions.md", "Attendee Interview Script"): the
#: questions the study asks everyone, a document of the study's, no one's interview, whatever "interview" beside them says.
_GUIDE_WORDS = frozenset(
    {"guide", "guides", "script", "scripts", "protocol", "protocols", "questions", "questionnaire", "questionnaires",
     "leitfaden", "interviewleitfaden", "gesprächsleitfaden", "guion", "guión", "guía", "guia", "roteiro", "grille",
     # A blank transcript to fill in ("Templates/Template-1-transcript[de].md": the questions under empty answers).
     "template", "templates", "vorlage", "vorlagen"}
)  # fmt: skip
#: A photograph's word in a name, with the photo's number ("photo1", "photos", "Photovoice/"): a photovoice
#: caption is its author's own writing, a document of paragraphs, and the number names the photo, not a person
#: ("Rose_W2_photo1.txt" beside "Rose_W2_photo1.jpg" is Rose's). Not "caption": a recording's subtitles are
#: captions too ("captions2.srt.txt", an interview's).
_PHOTO_WORD = re.compile(r"(?i)(?:photo(?:graph)?s?|photovoice)\d{0,4}")


def photo_word(word: str) -> bool:
    """Whether a word of a file's name is a photo's ("photo1", "Photographs", "Photovoice").

    Examples
    --------
    >>> [photo_word(w) for w in ["photo1", "Photovoice", "photographs", "Rose", "photon", "captions2"]]
    [True, True, True, False, False, False]
    """
    return _PHOTO_WORD.fullmatch(word) is not None
#: "Of" and "with" in Spanish and Portuguese, which name no one beside a kind word ("diario_de_campo", "notas do
#: campo", "entrevista_con_Rosa"); elsewhere they may be a name's part or initials ("Ann-de", "Lucia del Campo").
_JOINING_WORDS = frozenset({"de", "del", "do", "da", "con", "com"})
#: A notebook's words that, before "campo" (field), make the phrase for the fieldworker's notes ("notas de campo",
#: "diario_de_campo", "caderno do campo").
_FIELD_BOOK_WORDS = frozenset({
    "notas", "nota", "diario", "diarios", "diário", "diários", "caderno", "cadernos", "cuaderno", "cuadernos",
})  # fmt: skip


def field_notes_at(words: list[str]) -> set[int]:
    """Where a name's words say field notes as a phrase ("notas de campo", "caderno_do_campo"): those words' indices.

    "Campo" alone says nothing: it is a word (field) and a surname ("entrevista_Lucia_del_Campo").

    Examples
    --------
    >>> field_notes_at(["diario", "de", "campo", "2026"]), field_notes_at(["entrevista", "Lucia", "del", "Campo"])
    ({0, 1, 2}, set())
    """
    lowered = [w.lower() for w in words]
    found: set[int] = set()
    for index in (i for i, word in enumerate(lowered) if word == "campo"):
        first = index - 1 if index >= 1 and lowered[index - 1] in _JOINING_WORDS else index
        if first >= 1 and lowered[first - 1] in _FIELD_BOOK_WORDS:
            found.update(range(first - 1, index + 1))
    return found


#: A person's id among a name's words, letters and a number ("P01", "R12"): a wave's ("W1", "T2") is none.
_ID_IN_NAME = re.compile(r"[A-Za-z]{1,6}\d{1,4}")


def guide_in_words(words: Sequence[str], *, waved: bool = False) -> str | None:
    """What a guide's word (``_GUIDE_WORDS``) among a name's words makes its file: ``"study"``, the study's interview
    guide, a document of no case ("interview guide.docx", "Interview guide W2.docx"); ``"case"``, a person's document,
    where a person's id stands beside the word ("P01 follow-up questions.txt" is P01's); None where there is no guide's
    word, or where it is a person's title, a number after it and a wave beside as other interviews are named
    ("guide_01_W1.txt": tour guide 01's interview at W1, as "participant_01_W1.txt" would be). ``waved``: the name
    carries a wave read apart from ``words``.

    Examples
    --------
    >>> guide_in_words(["interview", "guide"]), guide_in_words(["P01", "follow", "up", "questions"]), guide_in_words(["guide", "01", "W1"])
    ('study', 'case', None)
    >>> guide_in_words(["Interview", "guide", "W2"]), guide_in_words(["questions", "v2"]), guide_in_words(["Smith"])
    ('study', 'study', None)
    >>> guide_in_words(["guide", "01"]), guide_in_words(["guide", "01"], waved=True)
    ('study', None)
    """
    at = [index for index, word in enumerate(words) if word.lower() in _GUIDE_WORDS]
    if not at:
        return None
    others = [word for index, word in enumerate(words) if index not in at]
    if any(words[index + 1 : index + 2] and words[index + 1].isdigit() for index in at) and (waved or any(_a_wave(word) for word in others)):
        return None
    return "case" if any(_ID_IN_NAME.fullmatch(word) and not _a_wave(word) for word in others) else "study"


#: Pieces of a name between dashes with a space on either side ("Participant 14 -Female, 18"), and dashes
#: mis-decoded in a file name ("â€“" from Windows-1252, "ÔÇô" from an old DOS code page).
_DESCRIBED = re.compile(r"\s+(?:[-–—]|â€[“”]|ÔÇ[ôö])\s*|\s*(?:[-–—]|â€[“”]|ÔÇ[ôö])\s+")


def _text_of(path: Path) -> str | None:
    """A file's text as qlr reads it, or None where qlr reads no such file or cannot read this one."""
    from ..errors import QlrError
    from ._readers import READERS, read_source

    if path.suffix.lower() not in READERS:
        return None
    try:
        return read_source(path).text
    except (QlrError, OSError):
        return None


def _first_line(path: Path) -> str:
    """A file's first line that holds anything but white space, as qlr reads the file ("" where qlr reads none)."""
    return next((line for line in (_text_of(path) or "").splitlines() if line.strip()), "")


def _titled_guide(first: str) -> bool:
    """Whether a file's first line (:func:`_first_line`) is an interview guide's title, a guide's word (``_GUIDE_WORDS``)
    closing it ("Attendee Interview Script", "Interview guide – wave 2": its wave's words after a dash) or opening it
    before a word that joins what it is for ("Guion de entrevista", "Questions for parents"). Elsewhere in the line it
    is no title: "Questions about the rota, and Ann's answers".
    """
    words = [word.lower() for word in re.split(r"[\W_]+", _DESCRIBED.split(first)[0]) if word]
    if not 0 < len(words) <= 8:
        return False
    return words[-1] in _GUIDE_WORDS or (words[0] in _GUIDE_WORDS and words[1:2] in (["de"], ["d"], ["for"], ["für"], ["zum"], ["per"], ["para"]))


def titled_guide(path: Path, words: Sequence[str], first: str | None = None) -> bool:
    """Whether a file whose name's ``words`` say no guide (:func:`guide_in_words` is None) is an interview guide by its
    title alone (:func:`_titled_guide` of its first line, ``first`` where the caller has read it). A name that carries
    a person's or a wave's id ("P07_W2.txt") or a text with turns of two speakers or more is a transcript whatever its
    first line says ("Interview guide - wave 2" over "Interviewer: …" and "P07: …" is P07's interview at W2).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "P07_W2.txt").write_text("Interview guide - wave 2\\n\\nInterviewer: Hello.\\n\\nP07: Hi.\\n", encoding="utf-8")
    >>> _ = (root / "attendee.md").write_text("# Attendee Interview Script\\n\\n1. How did you hear of us?\\n", encoding="utf-8")
    >>> _ = (root / "notes.txt").write_text("Interview guide - wave 2\\n\\nInterviewer: Hello.\\n\\nAnn: Hi.\\n", encoding="utf-8")
    >>> [titled_guide(root / name, re.split(r"[\\W_]+", Path(name).stem)) for name in ("P07_W2.txt", "attendee.md", "notes.txt")]
    [False, True, False]
    """
    from ._segment import segment_turns

    if guide_in_words(words) is not None or any(_ID_IN_NAME.fullmatch(word) and not _VERSION_WORD.fullmatch(word) for word in words):
        return False
    if not _titled_guide(_first_line(path) if first is None else first):
        return False
    turns = segment_turns(_text_of(path) or "") or []
    return len({turn.speaker for turn in turns} - {None}) < 2  # paragraphs with no label are no second speaker


def interview_guides(root: Path, files: Sequence[str]) -> list[str]:
    """Which of ``files`` (paths relative to the study folder ``root``) are the study's interview guide, as the template
    reads one: a guide's word in its name that names no one (:func:`guide_in_words` is ``"study"``: "interview
    guide.docx", "interview questions.md"), or a first line that titles a guide (:func:`_titled_guide`: "Attendee
    Interview Script"). A person's document ("P01 follow-up questions.txt") and a tour guide's interview
    ("guide_01_W1.txt") are none.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "2018-02-05-attendee.md").write_text("# Attendee Interview Script\\n\\n1. How did you hear of us?\\n", encoding="utf-8")
    >>> _ = (root / "interview1.md").write_text("Interviewer: Hello.\\n\\nAnn: Hi.\\n", encoding="utf-8")
    >>> interview_guides(root, ["interview questions.md", "P01 follow-up questions.txt", "2018-02-05-attendee.md", "interview1.md"])
    ['interview questions.md', '2018-02-05-attendee.md']
    """
    found = []
    for name in files:
        said = guide_in_words([word for word in re.split(r"[\W_]+", Path(name).stem) if word])
        if said == "study" or (said is None and titled_guide(root / name, [word for word in re.split(r"[\W_]+", Path(name).stem) if word])):
            found.append(name)
    return found


def kind_in_words(words: list[str], *, waved: bool = False) -> str | None:
    """The kind a name's words say ("P01 self-report diary" → diary, "meeting notes" → document), or None.
    ``waved``: the name carries a wave read apart from ``words`` (:func:`guide_in_words`).

    A kind of talk or notes wins over a report's word; a meeting's words win over notes; an interview's word wins over
    notes ("entrevista_Lucia_del_Campo", "interview notes").

    Examples
    --------
    >>> kind_in_words(["P01", "self", "report", "diary"]), kind_in_words(["meeting", "notes"]), kind_in_words(["Smith"])
    ('diary', 'document', None)
    >>> kind_in_words(["grupo", "focal", "2026"]), kind_in_words(["diario", "de", "campo"]), kind_in_words(["diario", "Rosa"])
    ('focus_group', 'observation', 'diary')
    >>> kind_in_words(["entrevista", "Lucia", "del", "Campo"]), kind_in_words(["notas", "entrevista", "Rosa"])
    ('interview', 'interview')
    >>> kind_in_words(["Rose", "W2", "photo1"]), kind_in_words(["photo", "elicitation", "interview"])
    ('document', 'interview')
    >>> kind_in_words(["interview", "guide"]), kind_in_words(["interview", "questions"]), kind_in_words(["guide", "01", "W1"])
    ('document', 'document', None)
    """
    lowered = [w.lower() for w in words]
    if any(w in _RECORD_WORDS for w in lowered) or guide_in_words(words, waved=waved) is not None:
        return "document"
    field = field_notes_at(words)  # "diario de campo": the fieldworker's notes, not a participant's diary
    said = [
        "observation" if index in field else _KIND_IN_NAME[w]
        for index, w in enumerate(lowered)
        if index in field or w in _KIND_IN_NAME
    ]
    if "interview" in said:
        said = [k for k in said if k != "observation"]
    if not said and any(photo_word(w) for w in lowered):
        return "document"  # a photo's caption; a photo-elicitation interview says "interview"
    return next((k for k in said if k != "document"), said[0] if said else None)


def _folder_kind(path: Path, root: Path) -> str | None:
    """The kind the folders between ``root`` and ``path`` say ("interviews/Smith_S1_2019-03-04.docx"), nearest first."""
    for folder in reversed(path.relative_to(root).parts[:-1]):
        if (kind := kind_in_words(re.split(r"[\W_]+", folder))) is not None:
            return kind
    return None


def _real_day(part: str) -> str | None:
    """The ISO date a name's part is, if it is a real day ("2019-09-12", "12.09.2019"); None otherwise."""
    found = _name_day(part)
    try:
        return date(*found).isoformat() if found is not None else None
    except ValueError:
        return None


def _one_spelling(cases: list[str]) -> dict[str, str]:
    """Case ids that differ only in letter case ("p01", "P01"), each to the spelling most files use (ties: natural order's first).

    Examples
    --------
    >>> _one_spelling(["p01", "P01", "P01", "P02"])
    {'p01': 'P01'}
    """
    spellings: dict[str, Counter[str]] = {}
    for case in cases:
        spellings.setdefault(case.casefold(), Counter())[case] += 1
    renamed = {}
    for counts in spellings.values():
        if len(counts) > 1:
            best = max(natsorted(counts), key=lambda c: counts[c])  # max keeps the first of equals
            renamed.update({c: best for c in counts if c != best})
    return renamed


def readable_files(folder: Path) -> list[Path]:
    """The files under ``folder`` qlr would read as documents, in natural order (private and read-me files aside)."""
    return [p for p in natsorted(folder.rglob("*"), key=lambda p: p.as_posix()) if p.is_file() and read_as_document(p) and not _skipped(p, folder)]


def _plan_from_names(root: Path) -> _Plan:
    everything = natsorted(root.rglob("*"), key=lambda p: p.as_posix())  # walked once for all that follows
    files = [p for p in everything if p.is_file() and read_as_document(p) and not _skipped(p, root)]
    from ._load import _one_format_each

    # "C01_W1_interview.txt", ".vtt" and ".srt" as Whisper writes them: one interview, read once.
    files, copies = _one_format_each(files) if len({(p.parent, p.stem.lower()) for p in files}) < len(files) else (files, [])
    docs: list[_DocSpec] = []
    odd: list[str] = []
    said_inside: list[str] = []  # notes not named by the convention whose front matter says whose they are
    said_paths: set[Path] = set()
    unlike: list[str] = []  # notes whose name and front matter disagree: the name is read
    accessions: list[str] = []  # "duarte_OH0344.xml": an archive's number where the wave would be
    named: list[tuple[_DocSpec, dict[str, str]]] = []  # the documents read by the convention, with their names' parts
    study_notes: list[str] = []  # notes named {word}_{kind} whose word is no wave ("group_observations.md"): the study's
    # The waves the participants' files name: "M0_fieldnotes.md" beside "P01_M0_interview.txt" is month 0's notes.
    waves = frozenset(parts["wave"].casefold() for file in files if (parts := name_parts(file)) and parts.get("case"))
    for file in files:
        parts = name_parts(file, waves=waves)
        said = whose_note(file)
        if not parts and said.get("case") and said.get("wave"):
            # An Obsidian or Joplin note with "participant: P01" and "wave: W2" in its front matter says whose it is.
            kind = said.get("kind") or kind_in_words(re.split(r"[\W_]+", file.stem)) or _folder_kind(file, root) or "observation"
            docs.append(_DocSpec(path=file, doc_id=document_stem(file), case=said["case"], wave=said["wave"], kind=canonical_kind(kind), date=said.get("date")))
            said_inside.append(f"{file.relative_to(root).as_posix()} ({said['case']}, {said['wave']}, {canonical_kind(kind)})")
            said_paths.add(file)
            continue
        if parts and any(said.get(key) and parts.get(key) and said[key] != parts[key] for key in ("case", "wave")):
            unlike.append(f"{file.relative_to(root).as_posix()} (its front matter says {said.get('case', '?')}, {said.get('wave', '?')})")
        if not parts:
            odd.append(file.relative_to(root).as_posix())
            continue
        kind = parts.get("kind") or (_folder_kind(file, root) if "date" in parts else None) or "interview"
        day = date.fromisoformat(parts["date"]) if "date" in parts else None
        if "case" not in parts and not reads_as_wave(parts["wave"]) and parts["wave"].lower() in _KIND_IN_NAME:
            # "group_observations.md": notes named by a kind of talk ("group"), not by a wave ("W1_fieldnotes.md",
            # "Launch_fieldnotes.md"): the study's, at no case or wave (a wave "group" had every case drop out).
            docs.append(_DocSpec(path=file, doc_id=document_stem(file), case=None, wave=None, kind=canonical_kind(kind), date=day))
            study_notes.append(file.relative_to(root).as_posix())
            continue
        if "accession" in parts:
            accessions.append(f"{file.relative_to(root).as_posix()} ({parts['case']}, {parts['accession']})")
        docs.append(_DocSpec(path=file, doc_id=document_stem(file), case=parts.get("case"), wave=parts["wave"], kind=canonical_kind(kind), date=day))
        named.append((docs[-1], parts))
    waveless = _no_wave_between(named)
    waveless_said = [f"{doc.path.relative_to(root).as_posix()} ({doc.case}, {doc.wave!r})" for doc in waveless]
    for doc in waveless:
        # "Sam_reflective_diary.txt" beside "Kofi_W1_interview.txt": Sam's diary, not a wave "reflective" that every
        # other case missed; at no wave, or each dated entry at the wave its date falls in (_build's _entry_parts).
        doc.wave = None
    named = [(doc, parts) for doc, parts in named if doc not in waveless]
    lone = _lone_loose_names(named)
    if lone:
        # Misnamed as the others are: not loaded, and said with them (the template lists them as the study's).
        docs = [doc for doc in docs if doc not in lone]
        named = [(doc, parts) for doc, parts in named if doc not in lone]
        odd = natsorted([*odd, *(doc.path.relative_to(root).as_posix() for doc in lone)])
    wave_first = _wave_first(named)
    if wave_first is not None:
        accessions = []  # "W1_AB1234": a participant's code after the wave, not an archive's number
    if not docs and not files:
        present = [p.relative_to(root).as_posix() for p in everything if p.is_file() and not _skipped(p, root)]
        named = [name for name in present if name_parts(Path(name))]
        # "EVE_W1_transcript.exb" alone: named as qlr asks, in a format it cannot read; the name is not the problem.
        # "HardTalk.exb", "e025a.trs": no name to fix either, only the format.
        listed = named or present
        shown = first_few(listed, shown=5)
        said = f"{len(named)} file(s) are named {{case}}_{{wave}}_{{kind}} but" if named else f"its {len(present)} file(s) are"
        from ._responses import exports_hint, responses_template

        exports = [entry["path"] for entry in responses_template(root)[0]]
        if exports:
            # A survey tool's export is read, but through the manifest: it holds many respondents, not one document.
            raise ManifestNotFoundError(
                f"this folder has no document qlr reads without a manifest; {len(exports)} file(s) are survey exports ({', '.join(exports[:5])})",
                path=root,
                hint=f"list them under 'responses:' in study.yaml (docs/study-folder.md); qlr info {root} --template writes the entries",
            )
        refused, listed = _tables_refused(root, listed)
        if refused:
            # "Speaker,Text" over two rows: a table qlr reads, its rows no transcript's; the reason, not a list of formats.
            others = f"; and {len(listed)} file(s) in formats qlr does not read ({', '.join(listed[:5])})" if listed else ""
            raise ManifestNotFoundError(
                f"this folder has no document qlr can read: {len(refused)} file(s) named as documents are {_refused_said(refused)}{others}",
                path=root,
                hint="correct the table's rows (docs/study-folder.md, 'Transcripts kept as tables'), or save the transcript as text with a 'Name:' label opening each turn",
            )
        raise ManifestNotFoundError(
            f"this folder has no document qlr can read: {said} in formats qlr does not read ({shown})"
            if present
            else "this folder has no document qlr can read: it holds no file (hidden, private and read-me files aside)",
            path=root,
            hint=f"save each as one of {', '.join(sorted(READERS))} (a transcript's text, not its recording){exports_hint(root)}"
            if present
            else "put the transcripts in it, named like C01_W1_interview.txt, or load the folder that holds them",
        )
    captions = [doc for doc in docs if photo_word(doc.path.stem.rsplit("_", 1)[-1])]
    if odd and docs and len(captions) == len(docs) and not said_inside:
        # "Ana_W1_photo1.txt" beside "interview with ana march.docx": a caption named so says nothing of how the
        # interviews are named (the template's choice, _mostly_unconventional, leaves captions out too); loading the
        # one caption and leaving every interview out read the study wrong, so the folder is read as free-named.
        raise ManifestNotFoundError(
            f"this folder has no study.yaml manifest, and of its {len(files)} readable file(s) only {len(captions)} "
            f"photo caption(s) {'is' if len(captions) == 1 else 'are'} named {{case}}_{{wave}}_{{kind}}.ext "
            f"({odd[0]!r} is not): the captions alone say nothing of how the other {len(odd)} are named",
            path=root,
            hint=(
                "run `qlr info --template FOLDER` to get a starting manifest that lists every file, "
                "or rename the files like C01_W1_interview.txt"
            ),
        )
    if not docs:
        example = files[0].name
        raise ManifestNotFoundError(
            f"this folder has no study.yaml manifest, and none of its {len(files)} readable file(s) is named "
            f"{{case}}_{{wave}}_{{kind}}.ext ({example!r} is not)",
            path=root,
            hint=(
                "either rename the files like C01_W1_interview.txt, or write a study.yaml that lists waves, "
                "cases and documents (run `qlr info --template FOLDER` to get a starting manifest)"
            ),
        )
    _check_duplicate_docs(docs, None)
    # "p01_t1_interview" and "P01_T2_interview": one person whose id was typed two ways, not two people.
    respelled = _one_spelling([d.case for d in docs if d.case])
    for doc in docs:
        doc.case = respelled.get(doc.case, doc.case) if doc.case else doc.case
    prefix = _deposit_prefix(docs, odd)
    if prefix is not None:
        # "Mannheimer_BSR01_Transcript.pdf" beside "Mannheimer_Codebook.pdf": the depositor's name, not a case
        # seen at nine waves; the part after it is the participant, all at one wave.
        # "E3251_GD01.pdf" … "E3251_GD06.pdf": six focus groups of one round, each a case (its people are not the
        # next group's), not one case met six times; a name that says no kind is the group's talk.
        groups = not prefix[1]
        kind_said = {id(doc) for doc, parts in named if "kind" in parts}
        for doc in docs:
            doc.case, doc.wave = doc.wave, "W1"
            if groups and id(doc) not in kind_said:
                doc.kind = "focus_group"
        shown = ", ".join(natsorted(str(d.case) for d in docs)[:4])
        note = (
            f"every file's name is {prefix[0]!r} and a focus group's number: {prefix[0]!r} is the study's code, and each "
            f"group a case ({shown}…), all at wave W1, of kind focus_group where the name says no other"
            if groups
            else f"every file's name begins {prefix[0]!r}, as the deposit's other files do ({prefix[1]}): read as the "
            f"study's name, not a case; the part after it is the case ({shown}…), all at wave W1"
        )
        warn(
            f"{root}: {note}. Fix: "
            + (f"if {prefix[0]} is the group and {docs[0].case} its wave" if len(docs) == 1 else "if it is one " + ("group met" if groups else "person seen") + f" at {len(docs)} waves")
            + ", write a study.yaml that says so (`qlr info --template` starts one)",
            _inference_warning(),
        )
    dated_kinds = [d for d in docs if d.date is not None and d.path not in said_paths]  # a front matter's date is no name's
    dated = _waves_from_dates(docs)
    # The waves' order: their names' dates, else what their names say of when (baseline first), else natural order;
    # decided again once the documents' headers are read (_build).
    named_days: dict[str, list[date]] = {}
    for doc in docs:
        if doc.wave and doc.date:
            named_days.setdefault(doc.wave, []).append(doc.date)
    ordered = order_waves(natsorted({d.wave for d in docs if d.wave}), dates=named_days)
    waves_found = ordered.waves
    wave_note = f"waves inferred, {ordered.how}: {', '.join(waves_found)}"
    cases_found = natsorted({d.case for d in docs if d.case})
    inferred = [
        f"no study.yaml: read {len(docs) - len(said_inside) - len(study_notes)} file(s) named {{case}}_{{wave}}_{{kind}}",
        *([note] if prefix is not None else []),
        dated[1] if dated else wave_note,
        *([wave_first] if wave_first is not None else []),
        f"cases inferred: {len(cases_found)} ({', '.join(cases_found[:8])}{'…' if len(cases_found) > 8 else ''}); roles unknown",
        "write a study.yaml to set wave dates and labels, case roles and attributes, and which waves each case is planned for",
    ]
    if dated_kinds:
        shown = ", ".join(f"{d.doc_id} ({d.date}, {d.kind})" for d in dated_kinds[:5]) + (" …" if len(dated_kinds) > 5 else "")
        inferred.append(
            f"{len(dated_kinds)} file(s) end in a date, not a kind: read as the document's date; kind from "
            f"their folder's name, else interview: {shown}"
        )
    if accessions:
        note = (
            f"{len(accessions)} file(s) named {{case}}_{{accession}}, as archives name their records: the part after the case is "
            f"an accession number, not a wave; each is its case's interview at wave W1: {first_few(accessions, shown=4)}"
        )
        inferred.append(note)
        warn(f"{root}: {note}. Fix: if those parts are waves, write a study.yaml that says so (`qlr info --template` starts one)", _inference_warning())
    diagonal = _diagonal(docs) if not dated else None
    if diagonal is not None:
        inferred.append(diagonal)
        warn(
            f"{root}: {diagonal}, so each case shows as joining late or dropping out. Fix: if each file is its case's one "
            "interview, name them {case}_W1_{kind} or write a study.yaml that gives them one wave (`qlr info --template` "
            "starts one); if this is the design, write a study.yaml whose cases list the waves each is planned for",
            _inference_warning(),
        )
    if respelled:
        shown = ", ".join(f"{old} → {new}" for old, new in natsorted(respelled.items()))
        inferred.append(f"case ids differing only in letter case are one case: {shown}")
        # Two spellings merged into one person is a guess someone may need to undo: said, and -q may hide it.
        warn(
            f"{root}: case ids differing only in letter case were read as one case ({shown}). "
            "Fix: if they are different people, write a study.yaml naming their cases (`qlr info --template` starts one)",
            _inference_warning(),
        )
    if study_notes:
        inferred.append(
            f"{len(study_notes)} file(s) named {{kind}}_{{kind}} ('group_observations'): the study's notes, "
            f"at no case or wave: {first_few(study_notes, shown=4)}"
        )
    if waveless:
        inferred.append(
            f"{len(waveless)} file(s) named {{case}}_{{word}}_{{kind}} whose middle word is no wave (the other files' waves: "
            f"{first_few(waves_found, shown=4)}): each is its case's {waveless[0].kind if len({d.kind for d in waveless}) == 1 else 'notes'}, "
            f"not a wave of its own, and at no wave unless the waves' dates place its dated entries: {first_few(waveless_said, shown=4)}"
        )
    if lone:
        inferred.append(
            f"{len(lone)} file(s) named with two parts among files named {{case}}_{{wave}}_{{kind}}, whose case and wave no "
            f"other file has, are no case's interview at a wave of its own: not loaded, as the other misnamed files: "
            + first_few([f"{doc.path.relative_to(root).as_posix()} (not case {doc.case!r} at wave {doc.wave!r})" for doc in lone], shown=4)
        )
    if said_inside:
        inferred.append(
            f"{len(said_inside)} note(s) not named {{case}}_{{wave}}_{{kind}} say whose they are in their front matter "
            f"(participant: or case:, and wave:): read as {', '.join(said_inside[:5])}{' …' if len(said_inside) > 5 else ''}"
        )
    if unlike:
        shown = ", ".join(unlike[:5]) + (" …" if len(unlike) > 5 else "")
        inferred.append(f"{len(unlike)} file(s) whose name and front matter name different cases or waves, read by their name: {shown}")
        warn(
            f"{root}: {len(unlike)} file(s) are named for one case or wave and say another in their front matter; read by their name: {shown}. "
            "Fix: rename the file or correct its front matter, or write a study.yaml that says which (`qlr info --template` starts one)",
            _inference_warning(),
        )
    if copies:
        inferred.append(
            "the same transcript or note in several formats (as Whisper and Google Keep write them), one read: "
            + ", ".join(f"{copy.relative_to(root).as_posix()} (as {kept.name})" for copy, kept in copies)
        )
    # A coded project named like a document (P01_W1_codes.tsv in WebAnno TSV 3, P01_W1.qdpx) is said once, as not loaded
    # with how to import it: not among the coded projects beside the transcripts, nor as a document "in a format qlr
    # does not read" to be saved as text, nor as a table.
    loaded = {d.doc_id for d in docs}
    named_projects = [
        p for p in everything if p.is_file() and not read_as_document(p) and document_stem(p) not in loaded and not _skipped(p, root) and name_parts(p) and coded_project(p)
    ]
    inferred += output_folders(root, everything) + files_not_read(root, [p for p in everything if p not in named_projects])
    if named_projects:
        _not_loaded(
            root,
            inferred,
            [p.relative_to(root).as_posix() for p in named_projects],
            "named as documents are coded projects (their codes and codings are not read with the folder)",
            "bring one in with `qlr import FILE -o study.qlr`",
        )
    # A kind qlr does not know ("C1_W1_minutes.txt") is said once, by the load (_build._unknown_kinds_note).
    guides = interview_guides(root, odd) if odd else []
    collection = set(brat_texts(root, everything)) if odd else set()  # a brat collection's texts: said with its .ann files above
    odd = [name for name in odd if name not in guides and name not in collection]
    if odd:
        shown = first_few(odd, shown=5)
        inferred.append(f"{len(odd)} file(s) do not follow the naming convention and were not loaded: {shown}")
        # Their words are not in the study: data left out, which -q never hides (exit status 3).
        warn(
            f"{root}: {len(odd)} file(s) not named {{case}}_{{wave}}_{{kind}} were not loaded: {shown}. "
            f"Fix: rename them, or write a study.yaml that lists every document (`qlr info --template {root}` starts one)",
            FilesNotLoadedWarning,
        )
    if guides:
        # An interview guide is the study's questions, no one's interview: no name of {case}_{wave}_{kind} fits it.
        shown = first_few(guides, shown=5)
        inferred.append(f"{len(guides)} interview guide(s) were not loaded: {shown}")
        warn(
            f"{root}: {len(guides)} interview guide(s), by name or title, were not loaded (the study's questions, no one's "
            f"interview; a folder with no study.yaml loads only files named {{case}}_{{wave}}_{{kind}}): {shown}. Fix: write the "
            f"folder's study.yaml (`qlr info --template {root}` lists a guide as the study's document, kind: document), "
            "or list the guide under its exclude: to leave it out; loading then says nothing of it",
            FilesNotLoadedWarning,
        )
    # A file named as a document in a format qlr cannot read ("C1_W1_interview.html", or the
    # recording of an interview not transcribed yet) is said, unless the document is read from
    # another file of the same name ("C1_W1_interview.mp3" beside "C1_W1_interview.txt").
    unread = [
        p.relative_to(root).as_posix()
        for p in everything
        if p.is_file() and not read_as_document(p) and document_stem(p) not in loaded and not _skipped(p, root) and name_parts(p) and p not in named_projects
    ]
    refused, unread = _tables_refused(root, unread)
    from ._coding_reports import coding_exports
    from ._framework import framework_charts

    # A Framework analyst's charts beside the transcripts are their analysis, read only as codings.
    tables = [p for p in everything if not read_as_document(p) and not _skipped(p, root)]
    charts = framework_charts(root, tables)
    # A QDA tool's table of coded passages (Dedoose's excerpts) beside the transcripts is earlier coding, likewise.
    coded = [path for path in coding_exports(root, tables) if path not in charts]
    unread = [path for path in unread if path not in charts and path not in coded]
    if charts:
        _not_loaded(
            root,
            inferred,
            charts,
            "are framework charts (a row per case, a column per sub-theme), read only as earlier coding",
            f"list each under 'codings:' in study.yaml with who charted it, e.g.  codings: [{{path: {charts[0]}, coder: initials}}] "
            f"(`qlr info --template {root}` writes the entries)",
        )
    if coded:
        _not_loaded(
            root,
            inferred,
            coded,
            "are a QDA tool's tables of coded passages (Dedoose's excerpts, ATLAS.ti's quotations, MAXQDA's coded segments, QDA Miner's coding retrieval), read only as earlier coding",
            f"list each under 'codings:' in study.yaml, e.g.  codings: [{{path: {coded[0]}}}] (`qlr info --template {root}` writes the entries)",
        )
    if refused:
        _not_loaded(root, inferred, list(refused), f"named as documents are {_refused_said(refused)}", "correct the rows (docs/study-folder.md, 'Transcripts kept as tables'), or save the transcript as text with a 'Name:' label opening each turn")
    if unread:
        _not_loaded(root, inferred, unread, "named as documents are in formats qlr does not read", f"save them (or a recording's transcript) as one of {', '.join(sorted(READERS))}")
    from ._responses import responses_template

    exports = [entry["path"] for entry in responses_template(root)[0]]
    if exports:
        # A survey's answers beside the transcripts are read only through a manifest's 'responses:'.
        _not_loaded(root, inferred, exports, "are survey exports, read only through a manifest", f"list them under 'responses:' in study.yaml (`qlr info --template {root}` writes the entries)")
    # The other tables beside the transcripts (a tool's list of codes, its memos, a sheet of attributes): not read, said.
    said = {*charts, *coded, *refused, *unread, *exports}
    tables = [
        p.relative_to(root).as_posix()
        for p in everything
        if p.is_file() and p.suffix.lower() in _TABLES and document_stem(p) not in loaded and not _skipped(p, root) and p.relative_to(root).as_posix() not in said
        and not coded_project(p)  # a WebAnno TSV 3 file: said among the coded projects
    ]
    if tables:
        inferred.append(
            f"{len(tables)} table(s) not read (a folder reads a table as a transcript where its name is {{case}}_{{wave}}_{{kind}}; a list of the "
            f"files, codes, memos or attributes is read only where study.yaml names it): {first_few(tables, shown=4)}"
        )
    # Of those, the tables of the cases' attributes (QDA Miner's variables) are offered by the template under 'attributes:'.
    case_tables = _case_tables(root, tables, cases_found)
    return _Plan(
        name=root.resolve().name,
        root=root,
        manifest=None,
        waves=dated[0] if dated else [_wave_row(w, i, [d.date for d in docs if d.wave == w and d.date]) for i, w in enumerate(waves_found, 1)],
        cases=[{"case_id": c, "label": c, "role": None} for c in cases_found],
        case_waves=[],
        actors=[{"actor_id": c, "name": c, "kind": "person", "role": None, "case_id": c, "aliases": []} for c in cases_found],
        docs=docs,
        speakers={},
        patterns=[],
        dayfirst=True,
        inferred=inferred,
        wave_order=None if dated else ordered,
        wave_note=None if dated else "waves inferred",
        not_named=odd,
        framework_charts=charts,
        coding_exports=coded,
        case_tables=case_tables,
    )


def _lone_loose_names(named: list[tuple[_DocSpec, dict[str, str]]]) -> list[_DocSpec]:
    """The documents named ``{case}_{wave}`` (two parts) whose case and wave no other file has, where two or more files
    are named ``{case}_{wave}_{kind}``: the study's scheme fits them only loosened (``prospectus_2025.txt`` beside
    ``S01_W1_interview.txt``), and a case of their own at a wave of its own would make every real case drop out.

    Its wave must also be written unlike every other wave ("2025" beside "W1", "W2"): a participant's file
    named ``P03_W2.txt`` beside ``P01_W1_interview.txt`` is a case at a wave written as the others are, and is
    read. A two-part name sharing a case or a wave with the others (``P01_W3.txt``), an archive's accession
    (``duarte_OH0344``) and a study whose names are all two-part keep being read by the convention.
    """
    full = [doc for doc, _ in named if _match_name(doc.path, DEFAULT_REGEX) is not None]
    if len(full) < 2:
        return []

    def shape(wave: str) -> str:  # "W1" and "W12" are "a9", "2025" is "9", "2023-03-01" "9-9-9"
        return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", wave))

    cases = Counter((doc.case or "").casefold() for doc, _ in named)
    waves = Counter((doc.wave or "").casefold() for doc, _ in named)
    return [
        doc
        for doc, parts in named
        if doc.case and "accession" not in parts and _match_name(doc.path, DEFAULT_REGEX) is None
        and cases[doc.case.casefold()] == 1 and waves[(doc.wave or "").casefold()] == 1
        and all(shape(other.wave or "") != shape(doc.wave or "") for other, _ in named if other is not doc)
    ]


def _no_wave_between(named: list[tuple[_DocSpec, dict[str, str]]]) -> list[_DocSpec]:
    """A case's diary or notes named ``{case}_{word}_{kind}`` whose word is no wave: unlike the other files' waves, which
    read as waves, and no other case's (``Sam_reflective_diary.txt`` beside ``Kofi_W1_interview.txt``).

    Read as a wave, the word made a wave of its own, where every case but the diarist "dropped out". A word the
    study's other cases share (``Ann_before_diary``, ``Bob_before_diary``) or that reads as a wave ("baseline")
    stays the file's wave; so do interviews, whose middle part is the wave more often than a diary's.

    Examples
    --------
    >>> docs = [(_DocSpec(path=Path(n), doc_id="", case=n.split("_")[0], wave=n.split("_")[1], kind=k), {}) for n, k in
    ...         [("Kofi_W1_interview.txt", "interview"), ("Sam_W3_interview.txt", "interview"), ("Sam_reflective_diary.txt", "diary")]]
    >>> [doc.path.name for doc in _no_wave_between(docs)]
    ['Sam_reflective_diary.txt']
    """
    waves = [(doc.case, (doc.wave or "").casefold()) for doc, _ in named if doc.case]
    if not any(reads_as_wave(wave) for _, wave in waves):
        return []
    return [
        doc
        for doc, parts in named
        if doc.case and doc.wave and KIND_STRATEGY.get(doc.kind) == "entries" and "date" not in parts and "accession" not in parts
        and not reads_as_wave(doc.wave) and not any(wave == doc.wave.casefold() and case != doc.case for case, wave in waves)
    ]


#: A wave as a name's first part can only be: a wave word and its number ("W1", "Wave2", "T3", "FU1", "Round-2",
#: "Y1"), a year, a season and its year ("Spring2019", "FA18"), or a wave word ("baseline"); never a participant's code.
_WAVE_TOKEN = re.compile(
    r"(?i)(?:w|wave|t|time|fu|followup|round|r|y|year|phase|visit|v|s|sweep)[ -]?\d{1,2}|(?:19|20)\d\d"
    r"|(?:spring|summer|autumn|fall|winter|fa|sp|su|wi|au)[ -]?(?:19|20)?\d\d"
)
#: A month and its year run together ("052023_participant2_transcripts.md", a usability round's sessions of May
#: 2023): a round, as a year is, but only with evidence (:func:`_month_year_rounds`), since six digits are as often
#: a participant's number ("112001_A_interview.md").
_MONTH_YEAR = re.compile(r"(?P<month>0[1-9]|1[0-2])(?:19|20)\d\d")


def _month_year_rounds(firsts: list[str]) -> bool:
    """Whether names' first parts, all a month and a year run together, are rounds rather than participants' numbers.

    They are where they name two months or more, each round holding several files: "052023", "062023" (May and June
    2023); never "112001", "112002", "112003" (one "month", the "years" counting up: numbered ids).

    Examples
    --------
    >>> _month_year_rounds(["052023", "052023", "062023", "062023"]), _month_year_rounds(["112001", "112001", "112002", "112002"])
    (True, False)
    """
    found = [_MONTH_YEAR.fullmatch(first) for first in firsts]
    if not all(found):
        return False
    months = {match["month"] for match in found if match}
    return len(months) >= 2 and len(set(firsts)) < len(firsts)


def _a_wave(part: str) -> bool:
    return bool(_WAVE_TOKEN.fullmatch(part)) or part.lower() in _WAVE_WORDS


def _wave_first(named: list[tuple[_DocSpec, dict[str, str]]]) -> str | None:
    """Files named wave first ("W1_P01_interview", "T2_AB1234"): case and wave turned round, and what to say; else None.

    Only where every file's first part can be nothing but a wave (:data:`_WAVE_TOKEN`) and none of
    their second parts can be one: "T01_W1" (a teacher at wave 1) stays as it is.

    Examples
    --------
    >>> docs = [(_DocSpec(path=Path(f"{w}_{c}.txt"), doc_id="", case=w, wave=c, kind="interview"), {"case": w, "wave": c}) for w in ("W1", "W2") for c in ("P01", "P02")]
    >>> _wave_first(docs), [(d.case, d.wave) for d, _ in docs[:2]]
    ('4 file(s) named {wave}_{case}, the wave first (W1_P01.txt, W1_P02.txt, W2_P01.txt, W2_P02.txt)', [('P01', 'W1'), ('P02', 'W1')])
    """
    named = [(doc, parts) for doc, parts in named if parts.get("case")]  # "W1_fieldnotes": a wave's notes, turned round by no one
    if len(named) < 2 or any("date" in parts for _, parts in named):
        return None
    firsts = [parts.get("case") or "" for _, parts in named]
    seconds = [parts.get("accession") or parts["wave"] for _, parts in named]
    if not (all(_a_wave(first) for first in firsts) or _month_year_rounds(firsts)) or any(_a_wave(second) for second in seconds):
        return None
    for (doc, _), first, second in zip(named, firsts, seconds):
        doc.case, doc.wave = second, first
    return f"{len(named)} file(s) named {{wave}}_{{case}}, the wave first ({first_few([doc.path.name for doc, _ in named], shown=4)})"


#: The tables a folder may hold beside its transcripts.
_TABLES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")



def _diagonal(docs: list[_DocSpec]) -> str | None:
    """The note for names that give every case its own wave and every wave its own case ("smith_A12", "jones_B7"), else None.

    Three cases or more, each seen at one wave that no other case was seen at: a longitudinal
    design in which nobody was seen twice, more likely file numbers read as waves.

    Examples
    --------
    >>> docs = [_DocSpec(path=Path(f"{c}_{w}.txt"), doc_id="", case=c, wave=w, kind="interview") for c, w in [("ann", "A12"), ("bob", "B7"), ("tom", "C3")]]
    >>> _diagonal(docs)
    'every wave the names give holds one case and every case one wave (ann: A12, bob: B7, tom: C3)'
    >>> _diagonal(docs[:2]) is None
    True
    """
    pairs = {(d.case, d.wave) for d in docs if d.case and d.wave}
    cases = Counter(case for case, _ in pairs)
    waves = Counter(wave for _, wave in pairs)
    if len(cases) < 3 or any(count > 1 for count in (*cases.values(), *waves.values())):
        return None
    shown = first_few([f"{case}: {wave}" for case, wave in natsorted(pairs)], shown=4)
    return f"every wave the names give holds one case and every case one wave ({shown})"


def _wave_row(wave: str, order: int, days: list[date]) -> dict[str, object]:
    """A wave named in file names, spanning the dates its documents' names give (none: no span)."""
    return {"wave_id": wave, "order": order, "label": wave, "start": min(days, default=None), "end": max(days, default=None)}


#: A date in a file name where a wave would be: 2023-03-01, 20230301.
_NAME_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
#: The same written day first with dots, as German and Spanish names have it ("Tom_08.12.2025.txt").
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _name_day(part: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a file name's wave part that is a date, ISO or day-first with dots; None otherwise.

    Examples
    --------
    >>> _name_day("2025-12-08"), _name_day("20251208"), _name_day("08.12.2025"), _name_day("W1")
    ((2025, 12, 8), (2025, 12, 8), (2025, 12, 8), None)
    """
    if found := _NAME_DATE.fullmatch(part):
        return int(found[1]), int(found[2]), int(found[3])
    if found := _DOTTED_DATE.fullmatch(part):
        return int(found[3]), int(found[2]), int(found[1])
    return None
#: A date anywhere in a free file name ("zoom-08.12.2025", "2021-03-04 Jane", "Jane_20210304"): ISO with
#: dashes, underscores or nothing between its parts, or day first with dots.
_DATE_IN_NAME = re.compile(r"(?<!\d)(?:\d{4}(?P<sep>[-_]?)\d{2}(?P=sep)\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?!\d)")


def date_in_name(name: str) -> tuple[str, str] | None:
    """The date a free file name holds, as ISO text, and the name without it; None without a real date.

    Numbers (ISO with dashes, underscores or nothing between its parts, or day first with
    dots), or a month's name with the day and year, as a transcript's header writes it
    ("Ann 12 March 2019", "P03_3rd_June_2021", "Bo - March 12, 2019", "Eva 12. Januar 2026";
    one reading of dates for headers and names, :func:`~qlr.io._segment.date_in`).

    Examples
    --------
    >>> date_in_name("zoom-08.12.2025"), date_in_name("2021-03-04 Jane"), date_in_name("P01 2021-02-30")
    (('2025-12-08', 'zoom'), ('2021-03-04', 'Jane'), None)
    >>> date_in_name("Ann 12 March 2019"), date_in_name("P03_3rd_June_2021"), date_in_name("Interview 2 March 2019")
    (('2019-03-12', 'Ann'), ('2021-06-03', 'P03'), None)
    """
    found = _DATE_IN_NAME.search(name)
    parts = _name_day(found.group().replace("_", "-")) if found is not None else None
    try:
        day = date(*parts) if parts is not None else None
    except ValueError:
        day = None
    if found is not None and day is not None:
        start, end = found.span()
    else:
        from ._load import _FOLLOW_UP, _WAVE_IN_NAME

        # Separators of a name's words as spaces, so that positions stay those of the name.
        spaced = name.replace("_", " ").replace("-", " ")
        written = date_in(spaced, worded=True)
        if written is None:
            return None
        # The day's number read as a wave's by the names' wave words ("Interview 2 March 2019" is the second
        # interview, in March; "Follow up 2 June 2020" the second follow-up): no day.
        if any(wave.start() < written[1] < wave.end() for words in (_WAVE_IN_NAME, _FOLLOW_UP) for wave in words.finditer(spaced)):
            return None
        day, start, end = written
    rest = re.sub(r"(?:\s*[-_]\s*)+(?=\s*$)|^\s*(?:[-_]\s*)+", "", re.sub(r"\s*[-_]\s+[-_]\s*", " - ", name[:start] + " " + name[end:]))
    return day.isoformat(), rest.strip(" _-.,")


#: A gap between interview dates narrower than this never starts a new wave.
WAVE_GAP_DAYS = 45


#: Documents of one case closer than this are entries of a series (a diary's days), not a person's interviews of
#: several waves.
SERIES_DAYS = 7


def _series_of_entries(docs: list[_DocSpec], days: dict[int, date]) -> set[tuple[str | None, str]]:
    """The (case, kind) pairs most of whose consecutive documents are fewer than :data:`SERIES_DAYS` days apart.

    A diary or a tracker written day after day has one case's entries a day apart; a person
    interviewed again is seen weeks or months later (an interview in two sessions, a day apart,
    is one gap among many).  Each case is judged on its own documents: one participant's diary
    does not make the others' interviews one wave.
    """
    dates: dict[tuple[str | None, str], list[date]] = {}
    for index, day in days.items():
        dates.setdefault((docs[index].case, docs[index].kind), []).append(day)
    series = set()
    for key, found in dates.items():
        gaps = [(b - a).days for a, b in itertools.pairwise(sorted(found))]
        if gaps and 2 * sum(gap < SERIES_DAYS for gap in gaps) > len(gaps):
            series.add(key)
    return series


def _waves_from_dates(docs: list[_DocSpec]) -> tuple[list[dict[str, object]], str] | None:
    """Waves for files whose wave part is a date ("Tom_2023-03-01.txt"): rounds of interviews, not one wave per day.

    There are as many rounds as the most documents of one case and kind; the
    dates, sorted, are cut at that many minus one of the widest gaps between
    consecutive dates, each more than ``WAVE_GAP_DAYS``: fieldwork for one wave
    takes days to months, waves are further apart; a case with two documents
    in one wave (an interview in two sessions) is named in the note.  Where no
    gap is that wide but a case has several documents, the rounds are each
    case's first, second… document by date.
    Each document keeps its date.  A file whose wave part is not a date
    ("W1_fieldnotes.md" among the interviews) keeps the wave its name gives,
    and the note names it.  Returns the wave rows and a note, or None when
    fewer than two wave parts, or fewer than half of them, are dates (the
    names are then read as they are).
    """
    days: dict[int, date] = {}
    undated: list[int] = []
    for index, doc in enumerate(docs):
        if doc.wave is None:
            continue  # the study's own notes ("group_observations.md"): no wave to date
        found = _name_day(doc.wave or "")
        try:
            day = date(*found) if found else None
        except ValueError:  # not a real day (2023-13-45)
            day = None
        if day is None:
            undated.append(index)
        else:
            days[index] = day
    if len(days) < 2 or len(days) < len(undated):
        return None
    ordered = sorted(set(days.values()))
    # As many rounds as the most documents of one case and kind: cut at that many minus one of the
    # widest gaps between consecutive dates, each wider than WAVE_GAP_DAYS (recruitment spread over
    # months stays one wave; a wave never starts inside a week of fieldwork).
    per_case = Counter((docs[i].case, docs[i].kind) for i in days if docs[i].case)
    wanted = max(per_case.values(), default=1)
    gaps = sorted(((ordered[k + 1] - ordered[k]).days, k) for k in range(len(ordered) - 1))
    cuts = {k for gap, k in gaps[::-1][: wanted - 1] if gap > WAVE_GAP_DAYS}
    round_of: dict[date, int] = {}
    number = 1
    for k, day in enumerate(ordered):
        round_of[day] = number
        if k in cuts:
            number += 1
    rounds = {index: round_of[day] for index, day in days.items()}
    how = f"as many waves as the most interviews of one case, cut at the widest gaps between dates (more than {WAVE_GAP_DAYS} days)"
    seen = Counter((docs[i].case, docs[i].kind, rounds[i]) for i in days if docs[i].case)
    doubled = sorted({f"{case} ({kind}, W{number})" for (case, kind, number), count in seen.items() if count > 1})
    shared = sum(count for count in seen.values() if count > 1)
    if cuts and max(seen.values(), default=0) > 2 and 2 * shared > len(days):
        # Most documents sharing a round with others of their case, three or more in one (monthly meetings,
        # and one held years later): a series, not rounds of fieldwork; each case's documents in date order.
        # One person seen three times in a round among many seen once is still rounds.
        cuts = set()
    if doubled and cuts:
        # Rounds were found; a case seen twice in one (an interview in two sessions) is said, not renumbered.
        how += f"; more than one document in a wave: {', '.join(doubled[:5])}{' …' if len(doubled) > 5 else ''}"
    elif doubled:
        # No gap between dates wide enough for rounds: each case's first, second… document by date; a case whose
        # documents are days apart, most of them, is a diary's or a tracker's entries, in one wave (each keeps its date).
        series = _series_of_entries(docs, days)
        how = "each case's first, second… document by date (the dates did not fall into rounds)"
        if series:
            shown = ", ".join(sorted({f"{case} ({kind})" for case, kind in series}))
            how += f"; one wave for the entries of a series, most less than {SERIES_DAYS} days apart: {shown}"
        count: dict[tuple[str | None, str], int] = {}
        for index in sorted(days, key=lambda i: (days[i], docs[i].doc_id)):
            key = (docs[index].case, docs[index].kind)
            count[key] = count.get(key, 0) + 1
            rounds[index] = 1 if key in series else count[key]
    for index, day in days.items():
        docs[index].date, docs[index].wave = day, f"W{rounds[index]}"
    waves = []
    for number in sorted(set(rounds.values())):
        inside = [days[i] for i in days if rounds[i] == number]
        waves.append({"wave_id": f"W{number}", "order": number, "label": f"W{number}", "start": min(inside), "end": max(inside)})
    spans = ", ".join(f"{w['wave_id']} {w['start']} to {w['end']}" for w in waves)
    note = f"waves inferred from the dates in the file names ({how}): {spans}"
    if undated:
        # Field notes or documents named by wave beside dated interviews keep their own wave.
        named = {w["wave_id"] for w in waves}
        for wave in natsorted({str(docs[i].wave) for i in undated} - named):
            waves.append({"wave_id": wave, "order": len(waves) + 1, "label": wave, "start": None, "end": None})
        shown = ", ".join(f"{docs[i].doc_id} ({docs[i].wave})" for i in undated[:5]) + (" …" if len(undated) > 5 else "")
        note += f"; {len(undated)} file(s) without a date keep the wave their names give: {shown}"
    return waves, note


#: What a wave is called that counts from the start or says when: a number, a year, an age, a year or month of
#: the study, a time since the start ("3", "2019", "age15", "Y2", "yr3", "6m", "12mo", "Jan2020").
_COUNTED_WAVE = re.compile(
    r"(?i)\d{1,4}|(?:y|yr|year|age|m|mo|month|wk|week)s?[ -]?\d{1,3}|\d{1,3}[ -]?(?:m|mo|mos|months?|y|yrs?|years?|w|wks?|weeks?)"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[ -]?(?:19|20)?\d{2}"
)


#: A focus group's number where a wave would be ("E3251_GD01.pdf": a CIS study's "grupo de discusión" 1; "FG2",
#: "GF3" for "grupo focal"): which group, never when.
_GROUP_NUMBER = re.compile(r"(?i)(?:gd|fg|gf)[ -]?\d{1,3}")


def _deposit_prefix(docs: list[_DocSpec], odd: list[str]) -> tuple[str, str] | None:
    """The depositor's or study's name that opens every file's name, read as a case, and a file that shows it; else None.

    An archive's files often begin with the depositor's name: "Mannheimer_BSR01_Transcript.pdf" …
    "Mannheimer_BSR10_Transcript.pdf" beside "Mannheimer_Codebook.pdf". Read by the convention that is one
    case at ten waves of one file each. It is a prefix when every document has that one "case", no two
    share a "wave", none of the "waves" reads as a wave by its name ("W2", "Time 3", "baseline", a date,
    a year, a number, an age or a time since the start: "2019", "3", "age15", "Y2", "6m"), the "case" is a
    word, not a participant's code ("P01_1.txt" … beside "P01 case summary.txt" is one person at three
    waves), and the same word opens or ends a file of the folder that is no document (its codebook, its
    read-me).

    Examples
    --------
    >>> docs = [_DocSpec(path=Path(f"Mannheimer_BSR0{n}_Transcript.pdf"), doc_id="", case="Mannheimer", wave=f"BSR0{n}", kind="transcript") for n in (1, 2)]
    >>> _deposit_prefix(docs, ["Mannheimer_Codebook.pdf"])
    ('Mannheimer', 'Mannheimer_Codebook.pdf')
    >>> _deposit_prefix(docs, ["Notes on the Mannheimer interviews.pdf"]) is None  # the word neither opens nor ends it
    True
    >>> years = [_DocSpec(path=Path(f"Anna_{y}.txt"), doc_id="", case="Anna", wave=str(y), kind="interview") for y in (2019, 2021)]
    >>> _deposit_prefix(years, ["Anna_notes_v2.txt"]) is None
    True

    Focus groups' numbers after one code ("E3251_GD01.pdf" … "E3251_GD06.pdf", as Spain's CIS names a study's
    groups) are different groups, not one case's waves, whatever else the folder holds: the code is the study's
    (the file shown is then none, ``""``):

    >>> groups = [_DocSpec(path=Path(f"E3251_GD0{n}.pdf"), doc_id="", case="E3251", wave=f"GD0{n}", kind="interview") for n in (1, 2)]
    >>> _deposit_prefix(groups, []), _deposit_prefix(groups[:1], [])
    (('E3251', ''), ('E3251', ''))
    """
    from ._load import _FIRST_WAVE, _FOLLOW_UP, _LAST_WAVE, _WAVE_IN_NAME

    cases = {d.case for d in docs}
    waves = [str(d.wave) for d in docs]
    if not docs or len(cases) != 1 or None in cases or len(set(waves)) < len(waves):
        return None
    if all(_GROUP_NUMBER.fullmatch(w) for w in waves):
        return str(next(iter(cases))), ""  # one group's file alone too: "E3251_GD01.pdf" is group 1, not wave GD01
    if len(docs) < 2:
        return None
    if any(
        d.date is not None or _name_day(w) is not None or w.lower() in _WAVE_WORDS or any(p.fullmatch(w) for p in (_WAVE_IN_NAME, _FOLLOW_UP, _FIRST_WAVE, _LAST_WAVE))
        for d, w in zip(docs, waves)
    ):
        return None
    if any(c.isdigit() for c in str(next(iter(cases)))) or any(_COUNTED_WAVE.fullmatch(w) for w in waves):
        return None  # "P01" is a participant's code; "2019", "3", "age15", "6m" are waves of one person
    case = str(next(iter(cases))).lower()

    def opens_or_ends(name: str) -> bool:
        words = [word.lower() for word in re.split(r"[\W_]+", Path(name).stem) if word]
        return bool(words) and case in (words[0], words[-1])

    shown = next((name for name in odd if opens_or_ends(name)), None)
    return (str(next(iter(cases))), shown) if shown is not None else None


def _inference_warning() -> type[Warning]:
    from ..errors import InferenceWarning

    return InferenceWarning


def _plan_single_file(path: Path) -> _Plan:
    # Read as a folder of files reads each name (name_parts): "cfpp_Jean-Luc_Ardoin_H_57_SO" is no {case}_{wave}_{kind}.
    parts = name_parts(path)
    day = parts.get("date") if parts else None
    case = (parts or {}).get("case") or document_stem(path)  # "W1_fieldnotes.md" alone: a wave's notes, whose no case names
    accession = parts.get("accession") if parts else None
    wave = parts["wave"] if parts else "W1"
    if parts and day is None and (written := _real_day(wave)) is not None:
        day, wave = written, "W1"  # "Tom_2023-03-01": his interview on that day, as a folder reads it (not "19032026", no real day)
    kind = canonical_kind(parts.get("kind", "interview")) if parts else "interview"
    group_of = _deposit_prefix([_DocSpec(path=path, doc_id="", case=case, wave=wave, kind=kind)], []) if parts else None
    if group_of is not None:
        # "E3251_GD01.pdf" alone, as a folder of the study's groups reads it: group GD01 of study E3251, at W1.
        case, wave, kind = wave, "W1", kind if "kind" in parts else "focus_group"
    inferred = [f"single file: case {case!r}, wave {wave!r}, kind {kind!r}" + ("" if parts else " (the name does not follow {case}_{wave}_{kind})")]
    if group_of is not None:
        inferred.append(f"{group_of[0]!r} before a focus group's number is the study's code; the group is the case")
    if day is not None:
        inferred.append(f"the name ends in a date, not a kind: date {day}, kind {kind} by default")
    if accession:
        inferred.append(f"{accession!r} where the wave would be is an archive's accession number, not a wave")
    return _Plan(
        name=document_stem(path),
        root=path.parent,
        manifest=None,
        waves=[{"wave_id": wave, "order": 1, "label": wave, "start": None, "end": None}],
        cases=[{"case_id": case, "label": case, "role": None}],
        case_waves=[],
        actors=[{"actor_id": case, "name": case, "kind": "person", "role": None, "case_id": case, "aliases": []}],
        docs=[
            _DocSpec(
                path=path, doc_id=document_stem(path), case=case, wave=wave, kind=kind, date=date.fromisoformat(day) if day else None, wave_guessed=parts is None
            )
        ],
        speakers={},
        patterns=[],
        dayfirst=True,
        inferred=inferred,
    )
