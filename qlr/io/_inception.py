"""Reading INCEpTION's (and WebAnno's) annotations — WebAnno TSV 3 files, or a whole project export — into a Study.

INCEpTION (inception-project.github.io, Apache 2.0), the web annotation platform of TU Darmstadt that succeeded
WebAnno, lets a team mark spans of text with layers and features they define: a qualitative team makes a span layer
("Code") whose feature is bound to a tag set (its codebook), and each annotator codes each document on their own.
Its **WebAnno TSV 3** format (``#FORMAT=WebAnno TSV 3.3``; the user guide's "WebAnno TSV 3.3 File format", and
``Tsv3XDeserializer``/``Escaping`` in ``inception-io-webanno-tsv``) is what qlr reads:

* a header: the format line, then one line per layer — ``#T_SP=`` span layers, ``#T_CH=`` chains, ``#T_RL=``
  relations — naming the layer's type and its features, ``|`` between; each feature one column of the body (a layer
  with none has one placeholder column; a slot feature two, role and target; a relation one more, its source);
* the body: per sentence its text (``#Text=`` lines, one per line of the sentence, escaped), then a row per token and
  sub-token: ``sentence-token`` id, ``begin-end`` offsets, the token, and a cell per column: ``_`` for no annotation,
  ``*`` for an annotation whose feature is empty, else the value; annotations stacked on one token are separated by
  ``|``; an annotation over several tokens (or stacked) carries the same ``[N]`` in each of its rows.
* **Offsets count UTF-16 units** (Java's), from the start of the document.  The document's text is rebuilt as
  INCEpTION's own reader does: each sentence's lines joined by line breaks, and spaces where the next sentence starts
  later (the format keeps no text between sentences).

A project export (INCEpTION's Export project, format "WebAnno TSV 3.3") is a zip holding ``exportedproject.json``
(layers, features, tag sets with each tag's description, the annotators' documents and their states) and
``annotation/<document>/<user>.tsv`` — one file per annotator per document, and ``INITIAL_CAS.tsv``, the document as
uploaded — and ``curation/<document>/CURATION_USER.tsv`` for the curated version (``AnnotationDocumentExporter``,
``CuratedDocumentsExporter``).  Each annotator's file is that annotator's coding: the coder is the file's name.

What becomes what: each document a document (its text from ``INITIAL_CAS.tsv``, else the first annotator's); each span
layer a code that is not codable, holding a code per feature value (``Code > trust``; with several features,
``Layer > feature > value``); each span annotation a coding of each of its values' codes (an annotation whose features
are all empty, a coding of its layer's code).  Chains, relations and slot features link annotations, not text: left
out, counted by layer.  The whole goes through the ``.qdpx`` importer (:func:`._tool_tree.import_tree`) as CATMA's
export does (:mod:`._catma`), positions in UTF-16 units.

Every file is untrusted: the zip read in memory with its names and sizes checked (:mod:`._archive`), an unpacked
folder read without following links out of it, each TSV parsed as text (nothing in it is evaluated), the JSON with
its size capped; nothing is written where the export is.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from natsort import natsort_keygen

from .._warned import LeftOut
from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES, _check_members, _read_member, _safe_members
from ._positions import CONVENTIONS, UNITS, astral_halves, outside_label
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _TextsOnly
from ._tool_tree import checked_export, import_tree
from ._uima_xmi import declared_features, is_cas_xmi, parse_xmi, xml11_controls
from ._xml import parse_untrusted_xml

__all__ = ["read_inception", "inception_export_kind"]

INCEPTION = Tool(
    "INCEpTION",
    "an INCEpTION export",
    give="give a WebAnno TSV 3 file (.tsv) INCEpTION exported, or the project export (.zip, format WebAnno TSV 3.3) or the folder it was unzipped into",
    repair="export the document or the project from INCEpTION again (format WebAnno TSV 3.3, or UIMA CAS XMI)",
    changed="export the project from INCEpTION again (format WebAnno TSV 3.3, or UIMA CAS XMI)",
)
_FORMAT = re.compile(r"^#FORMAT=WebAnno TSV (\d+)\.(\d+)\s*$")
#: The minor versions of WebAnno TSV 3 whose writer qlr has read (3.3 is INCEpTION's; 3.1 escapes text Java's way).
KNOWN_MINOR = (1, 2, 3)
#: The pseudo-users of INCEpTION's export: the document as uploaded, and the curated version.
INITIAL_CAS = "INITIAL_CAS"
CURATION_USER = "CURATION_USER"
MAX_FILES = 20_000
MAX_ANNOTATIONS = 500_000
MAX_JSON_BYTES = 64 * 1024 * 1024
#: The most text between two sentences (the spaces and line breaks the format does not keep) qlr fills: an offset past
#: it is a broken file, not a document (a 12-digit offset would ask for terabytes).
MAX_GAP = 1_000_000
# Escapes of a feature value (Escaping.unescapeValue), longest first where one begins another.
_VALUE_ESCAPES = (("\\\\", "\\"), ("\\[", "["), ("\\]", "]"), ("\\|", "|"), ("\\_", "_"), ("\\->", "->"), ("\\;", ";"), ("\\t", "\t"), ("\\n", "\n"), ("\\*", "*"))
_VALUE_ESCAPE = re.compile("|".join(re.escape(k) for k, _ in _VALUE_ESCAPES))
# Escapes of a sentence's text in 3.2 and later (Escaping.unescapeText): control characters other than 8–13 written
# after a backslash as they are, and \t \n \f \r \b \\ as two characters.
_TEXT_ESCAPE = re.compile(r"\\([tnfrb\\]|[\x00-\x07\x0e-\x1f])")
_TEXT_NAMED = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}
_ID = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")
_OFFSETS = re.compile(r"^(\d{1,12})-(\d{1,12})$")
_DISAMBIGUATION = re.compile(r"^(.*?)\[(\d{1,9})\]$", re.S)
# A feature a team names as free text: read as a comment (a memo) where no exportedproject.json says what it is.
_COMMENT_NAME = re.compile(r"(?i)(comments?|notes?|memos?|remarks?)")
# WebAnno's older formats, which INCEpTION imports but no longer writes: TSV 2 opens with a line declaring each layer
# (" # de.tudarmstadt….NamedEntity | value # …"), TSV 1 with a sentence's "#id=" and "#text=" and token rows "1\tMs.\t…".
_TSV2_HEAD = re.compile(rb"^ # [A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+ \| ")
_TSV1_HEAD = re.compile(rb"^(?:#id=\d+\r?\n)?#text=[^\n]*\n\d+(?:-\d+)?\t")


def _older_webanno(head: bytes) -> str | None:
    """``"1"`` or ``"2"`` where ``head`` (a file's first bytes) opens a WebAnno TSV 1 or 2 file, else None."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    return "2" if _TSV2_HEAD.match(head) else "1" if _TSV1_HEAD.match(head) else None


def _older_refused(version: str) -> str:
    """Why a WebAnno TSV 1 or 2 file is not read."""
    return f"is WebAnno TSV {version}, the format of WebAnno {version} and earlier (no '#FORMAT=WebAnno TSV 3.x' line), which qlr does not read"


#: What to do with a WebAnno TSV 1 or 2 file: INCEpTION imports those formats and exports TSV 3.3.
OLDER_FIX = "import the file into an INCEpTION (or WebAnno 3 or later) project and export it as 'WebAnno TSV 3.3', then import that"


def inception_export_kind(path: str | os.PathLike[str]) -> str | None:
    """What INCEpTION export ``path`` is, by its content: ``"tsv"`` (a file that starts ``#FORMAT=WebAnno TSV``),
    ``"zip"`` (a zip with ``annotation/…/….tsv`` or ``exportedproject.json`` in it), ``"folder"`` (such a zip
    unpacked), ``"tsv1"`` or ``"tsv2"`` (a file in WebAnno's older TSV 1 or 2, which qlr names but does not read), or
    None.

    Examples
    --------
    >>> inception_export_kind("README.md") is None
    True
    """
    given = Path(path)
    try:
        if given.is_dir():
            return "folder" if _export_folder(given) is not None else None
        with open(given, "rb") as stream:
            head = stream.read(512)
    except OSError:
        return None
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"#FORMAT=WebAnno TSV"):
        return "tsv"
    if is_cas_xmi(head):
        return "xmi"
    if older := _older_webanno(head):
        return f"tsv{older}"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(given) as archive:
                names = [info.filename.replace("\\", "/") for info in archive.infolist()]
        except (OSError, zipfile.BadZipFile):
            return None
        top = _top_folder(names)
        names = [name[len(top) :] for name in names]
        if any(_annotation_member(name) for name in names) or any(re.fullmatch(r"exportedproject[^/]*\.json", name) for name in names):
            return "zip"
        # One document exported as "UIMA CAS XMI": a zip of <document>.xmi and TypeSystem.xml.
        if any("/" not in name and name.lower().endswith(".xmi") for name in names):
            return "zip"
    return None


def _export_folder(folder: Path, depth: int = 3) -> Path | None:
    """The folder an export was unzipped into: ``folder`` itself, or where it holds that folder alone a folder or two down
    (a clone of a repository's ``data/`` holding ``curation_…/``); None where there is none."""
    for _ in range(depth + 1):
        # The export's folders, or its curation/ (or annotation/) folder given alone, renamed: document folders holding
        # WebAnno TSV files and nothing else (a study's folders of transcripts, with a .tsv among them, are not it).
        if (folder / "annotation").is_dir() or (folder / "curation").is_dir() or any(folder.glob("exportedproject*.json")):
            return folder
        inner = [entry for entry in folder.glob("*/*") if not entry.name.startswith(".")]
        if inner and not any(entry.is_file() for entry in folder.iterdir() if not entry.name.startswith(".")) and all(_is_tsv3(entry) for entry in inner):
            return folder
        entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
        if len(entries) != 1 or not entries[0].is_dir() or entries[0].is_symlink():
            return None
        folder = entries[0]
    return None


def _top_folder(names: list[str]) -> str:
    """``"name/"`` where every member of a zip lies in one folder ``name`` (an export unzipped and zipped again, or a
    repository's download), else ``""``: the export's members are read below it."""
    tops = {name.split("/", 1)[0] for name in names if name}
    if len(tops) != 1 or not all("/" in name for name in names if name):
        return ""
    top = f"{tops.pop()}/"
    return "" if top in ("annotation/", "curation/") else top


def _annotation_member(name: str) -> tuple[str, str, str] | None:
    """``(folder, document, user)`` of an export member ``annotation/<document>/<user>.tsv`` (or ``curation/…``)."""
    parts = PurePosixPath(name).parts
    if len(parts) == 3 and parts[0] in ("annotation", "curation") and parts[2].lower().endswith(_USER_FILES):
        return parts[0], parts[1], _user(parts[2].rpartition(".")[0])
    return None


#: The name WebAnno gave an annotator's file in a project export (its temporary file's): the file names its annotator.
_TEMPORARY = re.compile(r"webanno\d+export")
#: An annotator's file in a project export: WebAnno TSV 3, or UIMA CAS XMI (a zip of the .xmi and TypeSystem.xml; a
#: bare .xmi where someone unzipped it).
_USER_FILES = (".tsv", ".xmi", ".zip")


def _user(stem: str) -> str:
    """The annotator a file's name gives: INCEpTION before 2024 named the curated file and the initial one after the
    temporary file it wrote (``CURATION_USER13126892148597170462.tsv``), later after the pseudo-user alone."""
    pseudo = re.fullmatch(rf"({CURATION_USER}|{INITIAL_CAS})\d*", stem)
    return pseudo.group(1) if pseudo else stem


def read_inception(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import INCEpTION's (or WebAnno's) annotations — a WebAnno TSV 3 or UIMA CAS XMI file, or a whole project export — as a Study.

    Each file's text is rebuilt from its sentences and its span annotations become codings, then the whole goes
    through the ``.qdpx`` importer (so options and results are :func:`read_qdpx`'s).  The export is only read.

    Parameters
    ----------
    path : str or PathLike
        A WebAnno TSV 3 file (``.tsv``: one document, one annotator's annotations); a UIMA CAS XMI file (``.xmi``, its
        ``TypeSystem.xml`` beside it read too) or one document's XMI export (a ``.zip`` of both); INCEpTION's project
        export (a ``.zip`` exported with the format "WebAnno TSV 3.3" or "UIMA CAS XMI"); or the folder it was
        unzipped into.
    wave, case, kind, speakers
        As for :func:`read_catma`: waves, cases, kinds and speaker roles by rule (INCEpTION has none of its own).
    max_bytes : int
        Refuse an export (the archive, or the files read) larger than this many bytes.

    Returns
    -------
    Study
        A document per INCEpTION document (its text rebuilt from the sentences as INCEpTION does); a code per span
        layer (not codable) holding a code per feature value (a tag's description from the project's tag set its
        definition); a coding per span annotation and value (origin ``import``; its coder the annotator whose file it
        is, ``CURATION_USER`` for the curated version, ``unknown`` for a lone file).  ``study.meta["import"]`` reports
        as for a ``.qdpx``, with ``format`` ``"inception"``, each file read (document, annotator, TSV version,
        annotations) and the annotators' document states.

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not INCEpTION's, a file that breaks the format (its member and line named), or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "P01_W1.tsv")
    >>> rows = ["#FORMAT=WebAnno TSV 3.3", "#T_SP=webanno.custom.Code|code", "", "",
    ...         "#Text=Tired – but coping .", "1-1\\t0-5\\tTired\\t_\\t", "1-2\\t6-7\\t–\\t_\\t",
    ...         "1-3\\t8-11\\tbut\\tcoping[1]\\t", "1-4\\t12-18\\tcoping\\tcoping[1]\\t", "1-5\\t19-20\\t.\\t_\\t", ""]
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write("\\n".join(rows))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_inception(path)
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], study.documents["text"][0][coding["start"] : coding["end"]]  # the value, under its layer
    ('code.coping', 'but coping')
    """
    given, found = checked_export(path, INCEPTION, folder=True, kind=inception_export_kind, not_kind=_not_inception, max_bytes=max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    if found in ("tsv", "xmi"):
        export = _single_file(given, max_bytes)
    elif found == "zip":
        members = _safe_members(given, max_bytes)
        top = _top_folder(list(members))
        export = _from_members(given, {name[len(top) :]: data for name, data in members.items()}, max_bytes)
    elif found == "folder":
        export = _from_members(given, _folder_members(_export_folder(given) or given, max_bytes), max_bytes)
    else:  # tsv1, tsv2
        raise QdpxError(f"this file {_older_refused(found[3:])}", path=given, line=1, hint=OLDER_FIX)
    built = _InceptionTree(given, export)
    extra = {"export": str(given), "files": built.files, "states": export.states, "project_name": export.name}
    units = (CONVENTIONS[2], "INCEpTION counts offsets in UTF-16 code units (Java's String indices)")
    return import_tree(built, given, wave=wave, case=case, kind=kind, speakers=speakers, extra=extra, convention=units)


def _not_inception(given: Path) -> str:
    """Why ``given`` is not an INCEpTION export, a folder or a file (:func:`read_inception`'s ``not_kind``)."""
    if given.is_dir():
        return (
            "this folder is not an INCEpTION project export: it has no annotation or curation folder, no exportedproject.json "
            "and no <document>/<file>.tsv in WebAnno TSV 3"
        )
    return "this is not an INCEpTION export: it neither starts with '#FORMAT=WebAnno TSV' nor is a zip holding annotation/<document>/<user>.tsv"


# ---------------------------------------------------------------- one TSV file
@dataclass
class _Span:
    """One span annotation: its layer, its features' values (None: empty), the units it covers, where it was read."""

    layer: str
    values: list[str | None]
    units: list[tuple[int, int]]
    line: int | None
    xmi_id: str | None = None  # an XMI file's annotations are named by their id (the parsed XML keeps no lines)


@dataclass
class _Layer:
    kind: str  # "SP", "CH", "RL"
    name: str
    features: list[str]  # one per column ("" for a layer's placeholder column)


@dataclass
class _Parsed:
    """A WebAnno TSV 3 file read: its version, text, span layers and annotations, and what it left out."""

    version: str
    text: str
    units16: int
    layers: list[_Layer]
    spans: list[_Span]
    linked: dict[str, int] = field(default_factory=dict)  # layer → rows of chains, relations and slots left out
    unit: str = "row(s)"  # what ``linked`` counts: TSV rows, or an XMI file's annotations and links
    other_views: list[str] = field(default_factory=list)  # an XMI file's annotations on another text of the CAS (xmi:ids; not read)
    unindexed: list[str] = field(default_factory=list)  # an XMI file's annotations its view does not index (xmi:ids; not read)
    whole_document: dict[str, int] = field(default_factory=dict)  # an XMI file's annotations on no passage, by type (not read)
    title: str | None = None  # an XMI file's document name and annotator, as INCEpTION writes them in it
    annotator: str | None = None
    mismatched: list[int] = field(default_factory=list)  # lines whose token is not the text at its offsets


def _unescape_value(value: str) -> str:
    return _VALUE_ESCAPE.sub(lambda m: dict(_VALUE_ESCAPES)[m.group(0)], value)


def _unescape_text(value: str, minor: int) -> str:
    if minor <= 1:  # 3.1 and before: Java's escapes (StringEscapeUtils.unescapeJava)
        return re.sub(r"\\u([0-9a-fA-F]{4})|\\([tnfrb'\"\\])", lambda m: chr(int(m.group(1), 16)) if m.group(1) else _TEXT_NAMED.get(m.group(2), m.group(2)), value)
    return _TEXT_ESCAPE.sub(lambda m: _TEXT_NAMED.get(m.group(1), m.group(1)), value)


def _split_stack(cell: str) -> list[str]:
    """A cell's stacked values: split at each ``|`` no backslash escapes."""
    parts, current, index = [], [], 0
    while index < len(cell):
        character = cell[index]
        if character == "\\" and index + 1 < len(cell):
            current.append(cell[index : index + 2])
            index += 2
            continue
        if character == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
        index += 1
    parts.append("".join(current))
    return parts


def _linking(features: list[str], index: int) -> bool:
    """Whether a span layer's column ``index`` is a slot feature's role or target (it links annotations, not text)."""
    return features[index].startswith("ROLE_") or (index > 0 and features[index - 1].startswith("ROLE_"))


def _utf16(text: str) -> int:
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def parse_tsv(data: bytes, where: str, fail: Any) -> _Parsed:
    """A WebAnno TSV 3 file's text and span annotations; ``fail(message, line)`` raises the error naming its file."""
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"{where} is not UTF-8 (byte {exc.start:,}), as WebAnno TSV always is", None) from None
    lines = content.removeprefix("\ufeff").split("\n")
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    match = _FORMAT.match(lines[0]) if lines else None
    if not match:
        older = _older_webanno(content.removeprefix("\ufeff")[:512].encode("utf-8"))
        raise fail(f"{where} {_older_refused(older)}: {OLDER_FIX}" if older else f"{where} does not start with '#FORMAT=WebAnno TSV 3.x'", 1)
    major, minor = int(match.group(1)), int(match.group(2))
    if major != 3:
        raise fail(f"{where} is WebAnno TSV {major}.{minor}, not version 3 (qlr reads TSV 3.1 to 3.3, INCEpTION's)", 1)
    layers: list[_Layer] = []
    body = 1
    while body < len(lines) and lines[body].strip():
        head = re.match(r"^#T_(SP|CH|RL)=(.*)$", lines[body])
        if not head:
            raise fail(f"{where}'s header has a line that declares no layer ({lines[body][:40]!r}); a layer is '#T_SP=', '#T_CH=' or '#T_RL='", body + 1)
        parts = [part for part in head.group(2).split("|") if part]
        if not parts or not parts[0].strip():
            raise fail(f"{where}'s header declares a layer with no type name", body + 1)
        layers.append(_Layer(head.group(1), parts[0], parts[1:] or [""]))
        body += 1
    columns = [feature for layer in layers for feature in layer.features]
    spread: list[list[int]] = []  # each layer's columns
    for layer in layers:
        first = sum(len(each) for each in spread)
        spread.append(list(range(first, first + len(layer.features))))
    text: list[str] = []
    length16 = 0
    sentence: list[str] = []
    opened = 0  # the line of the first '#Text=' of the sentence being read
    tokens: list[tuple[int, int, int, str]] = []  # (line, begin, end, token) of each token row, checked at the end
    state = "between"
    by_id: dict[tuple[int, int], _Span] = {}
    spans: list[_Span] = []
    parsed = _Parsed(f"{major}.{minor}", "", 0, layers, spans)
    for number in range(body, len(lines)):
        line = lines[number]
        if not line.strip():
            state = "between"
            continue
        if line.startswith("#"):
            if state == "token":
                raise fail(f"{where} has a sentence header inside a sentence (no empty line before it)", number + 1)
            state = "header"
            if line.startswith("#Text="):
                opened = number + 1 if not sentence else opened
                sentence.append(_unescape_text(line[len("#Text=") :], minor) + "\n")
            continue
        cells = line.split("\t")
        if len(cells) < 3 + len(columns):
            raise fail(f"{where} has a row with {len(cells)} fields where its header declares {3 + len(columns)}", number + 1)
        ident, offsets = _ID.match(cells[0]), _OFFSETS.match(cells[1])
        if not ident or not offsets:
            raise fail(f"{where} has a row whose id or offsets are not 'sentence-token' and 'begin-end' ({cells[0][:20]!r}, {cells[1][:20]!r})", number + 1)
        begin, end = int(offsets.group(1)), int(offsets.group(2))
        if state == "between":
            raise fail(f"{where} has a token row with no sentence header ('#Text=') before it", number + 1)
        if state == "header":  # the sentence's first token: its text joins the document's where INCEpTION puts it
            if not sentence:
                raise fail(f"{where} has a sentence with no '#Text=' line", number + 1)
            if length16 > begin:
                if length16 != begin + 1 or not text or not text[-1].endswith("\n"):
                    raise fail(f"{where}'s sentence starts at {begin:,}, before the previous one ends ({length16 - 1:,} UTF-16 units)", number + 1)
                text[-1] = text[-1][:-1]
                length16 -= 1
            if begin - length16 > MAX_GAP:
                raise fail(
                    f"{where}'s sentence starts at {begin:,}, {begin - length16:,} UTF-16 units after the previous one ends, where INCEpTION "
                    f"keeps only the spaces and line breaks between sentences (qlr fills at most {MAX_GAP:,})",
                    number + 1,
                )
            if length16 < begin:
                text.append(" " * (begin - length16))
                length16 = begin
            joined = "".join(sentence)
            text.append(joined)
            length16 += _utf16(joined)
            sentence = []
            state = "token"
        if ident.group(3) is None:
            tokens.append((number + 1, begin, end, cells[2]))
        for layer_index, layer in enumerate(layers):
            # "_" is no annotation; an empty cell is one whose feature is the empty string (the writer escapes "" to "").
            if all(cells[3 + column] == "_" for column in spread[layer_index]):
                continue
            if layer.kind != "SP":
                parsed.linked[layer.name] = parsed.linked.get(layer.name, 0) + 1
                continue
            # An annotation stands at each stacked place of any of its layer's columns, a slot's too: a span whose layer has
            # only slot features (an event's trigger, its arguments linked) still marks its text. The links are left out.
            stacks: dict[int, list[str]] = {}
            for index, column in zip(range(len(layer.features)), spread[layer_index], strict=True):
                cell = cells[3 + column]
                if cell != "_":
                    stacks[index] = _split_stack(cell)
            if any(_linking(layer.features, index) for index in stacks):
                parsed.linked[layer.name] = parsed.linked.get(layer.name, 0) + 1
            for position in range(max((len(stack) for stack in stacks.values()), default=0)):
                values: list[str | None] = [None] * len(layer.features)
                number_id = None
                for index, stack in stacks.items():
                    if position >= len(stack):
                        continue
                    raw = stack[position]
                    # A slot's target column carries its fillers' ids ("1-2[1];1-3"), not the annotation's.
                    target = _linking(layer.features, index) and not layer.features[index].startswith("ROLE_")
                    marked = None if target else _DISAMBIGUATION.match(raw)
                    if marked and (len(marked.group(1)) - len(marked.group(1).rstrip("\\"))) % 2 == 0:  # "[" not escaped
                        raw, number_id = marked.group(1), int(marked.group(2))
                    if not _linking(layer.features, index):
                        values[index] = None if raw in ("*", "") else _unescape_value(raw)
                span = by_id.get((layer_index, number_id)) if number_id is not None else None
                if span is None:
                    span = _Span(layer.name, values, [], number + 1)
                    spans.append(span)
                    if number_id is not None:
                        by_id[(layer_index, number_id)] = span
                else:
                    span.values = [old if old is not None else new for old, new in zip(span.values, values, strict=True)]
                span.units.append((begin, end))
    if sentence:
        raise fail(f"{where} ends with a sentence header and no token rows", opened)
    parsed.text = "".join(text)
    parsed.units16 = length16
    # Each token is the text at its offsets in a file INCEpTION wrote: where not, the file was changed by hand (named).
    wide = parsed.text.encode("utf-16-le")
    parsed.mismatched = [line for line, begin, end, token in tokens if wide[2 * begin : 2 * end].decode("utf-16-le", "replace") not in (token, _unescape_value(token))]
    return parsed


# ---------------------------------------------------------------- one UIMA CAS XMI file
def parse_cas(data: bytes, where: str, fail: Any, *, typesystem: bytes | None = None) -> _Parsed:
    """An XMI file's text and span annotations (:mod:`._uima_xmi`), as :func:`parse_tsv` gives a TSV file's.

    A feature with several values (a multi-valued one) gives its first on the annotation and each other in an
    annotation of its own with only that value, so that each value codes the passage once."""
    declared = None
    if typesystem is not None:
        declared = declared_features(_xml_root(typesystem, f"{where}'s TypeSystem.xml", fail))
    data, restore = xml11_controls(data)
    read = parse_xmi(_xml_root(data, where, fail), where, fail, declared=declared)
    text: str = read["text"].translate(restore) if restore else read["text"]
    layers = [_Layer("SP", name, features or [""]) for name, features in read["layers"].items()]
    by_name = {layer.name: layer for layer in layers}
    spans: list[_Span] = []
    for name, values, begin, end, identifier in read["spans"]:
        features = by_name[name].features
        if restore:
            values = {feature: [value.translate(restore) for value in more] for feature, more in values.items()}
        spans.append(_Span(name, [values[f][0] if f in values else None for f in features], [(begin, end)], None, identifier))
        for feature, more in values.items():
            for value in more[1:]:
                spans.append(_Span(name, [value if f == feature else None for f in features], [(begin, end)], None, identifier))
    if len(spans) > MAX_ANNOTATIONS:
        raise fail(f"{where} holds more than {MAX_ANNOTATIONS:,} annotations, the most qlr imports from one export", None)
    return _Parsed("XMI", text, _utf16(text), layers, spans, dict(read["linked"]), unit="annotation(s) or link(s)", other_views=read["other_views"], unindexed=read["unindexed"], whole_document=read["whole_document"], title=read["title"], annotator=read["annotator"])


def _xml_root(data: bytes, where: str, fail: Any) -> ET.Element:
    """The root of one XML file of an export, parsed safely; its problems said through ``fail`` (naming the member)."""
    try:
        return parse_untrusted_xml(data, Path(where), error=QdpxError, unsafe_hint=INCEPTION.repair, malformed_hint=INCEPTION.repair)
    except QdpxError as exc:
        raise fail(f"{where}: {exc.message}", exc.line) from None


def _inner_zip(data: bytes, where: str, fail: Any, max_bytes: int, spent: int = 0) -> tuple[bytes, bytes | None, str]:
    """The XMI file (and ``TypeSystem.xml``) of one document's XMI export, a zip (``annotation/<document>/<user>.zip``
    in a project export), read in memory with the outer archive's checks (:func:`._archive._check_members`); what it
    expands to counts, after ``spent`` bytes the export's other such zips expanded to, against ``max_bytes``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_members(archive, Path(where), max_bytes)
        infos = [info for info in archive.infolist() if not info.is_dir()]
        xmi = [info for info in infos if info.filename.lower().endswith(".xmi")]
        if len(xmi) != 1:
            raise fail(f"{where} holds {len(xmi)} .xmi files, not one (INCEpTION's XMI export of a document holds one, beside TypeSystem.xml)", None)
        types = [info for info in infos if PurePosixPath(info.filename.replace("\\", "/")).name.lower() == "typesystem.xml"]
        text = _read_member(archive, xmi[0], Path(where), max_bytes, spent)
        typesystem = _read_member(archive, types[0], Path(where), max_bytes, spent + len(text)) if types else None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise fail(f"{where} is not a readable zip, or is damaged or its sizes are false ({exc})", None) from None
    except QdpxError as exc:
        if exc.path == os.fspath(Path(where)):  # the shared checks' message, about this inner zip
            raise fail(f"{where}: {exc.message}", None) from None
        raise
    return text, typesystem, xmi[0].filename


# ---------------------------------------------------------------- the export's files
@dataclass
class _Export:
    """Each document's TSV files (document → user → bytes), the project's JSON, and what was left out."""

    files: dict[str, dict[str, bytes]] = field(default_factory=dict)
    folders: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, user) → member, for messages
    project: dict[str, Any] = field(default_factory=dict)
    name: str | None = None
    states: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    single: bool = False
    typesystem: bytes | None = None  # a lone document's XMI export's TypeSystem.xml
    nested: dict[tuple[str, str], bool] = field(default_factory=dict)  # (document, user) → in the export's folders (False: at its top)
    max_bytes: int = MAX_QDPX_BYTES  # the most the annotators' zips (XMI) may expand to, all together
    expanded: int = 0  # what they have expanded to so far


def _single_file(path: Path, max_bytes: int) -> _Export:
    export = _Export(single=True, max_bytes=max_bytes)
    # INCEpTION's export keeps annotation/<document>/<user>.tsv: a file found there is that user's coding of that document.
    # So is a curated or initial file (named after INCEpTION's pseudo-users) in the folder named after its document.
    layout = path.parent.parent.name in ("annotation", "curation") or _user(path.stem) in (CURATION_USER, INITIAL_CAS)
    document = path.parent.name if layout else path.stem
    user = _user(path.stem) if layout else ""
    export.files[document] = {user: path.read_bytes()}
    export.folders[(document, user)] = path.name
    # An XMI file unzipped from its export keeps its type system beside it (TypeSystem.xml; WebAnno's typesystem.xml).
    beside = [entry for entry in path.parent.glob("*.xml") if entry.name.lower() == "typesystem.xml" and entry.is_file() and not entry.is_symlink()]
    if beside and inception_export_kind(path) == "xmi":
        if path.stat().st_size + beside[0].stat().st_size > max_bytes:
            raise QdpxError(f"refused: the file and its {beside[0].name} pass {max_bytes:,} bytes", path=path, hint="pass max_bytes= with a higher limit")
        export.typesystem = beside[0].read_bytes()
    return export


def _folder_members(folder: Path, max_bytes: int) -> dict[str, bytes]:
    """The TSV files and project JSON of an unpacked export, by their names inside it (links not followed)."""
    members: dict[str, bytes] = {}
    total = 0
    wanted = [entry for top in ("annotation", "curation") for entry in sorted((folder / top).glob("*/*")) if entry.name.lower().endswith(_USER_FILES)]
    # A folder of document folders (the export's curation/ or annotation/ given itself, or renamed): each file a user's.
    wanted += [entry for entry in sorted(folder.glob("*/*.tsv")) if entry.parent.name not in ("annotation", "curation", "source") and _is_tsv3(entry)]
    wanted += sorted(folder.glob("exportedproject*.json"))
    if len(wanted) > MAX_FILES:
        raise QdpxError(f"the export holds {len(wanted):,} files, more than the {MAX_FILES:,} qlr reads", path=folder, hint="export fewer documents")
    for entry in wanted:
        if entry.is_symlink() or not entry.is_file():
            continue
        total += entry.stat().st_size
        if total > max_bytes:
            raise QdpxError(f"refused: the export's files pass {max_bytes:,} bytes", path=folder, hint="pass max_bytes= with a higher limit")
        name = entry.relative_to(folder).as_posix()
        members[name if name.startswith(("annotation/", "curation/")) or name.endswith(".json") else f"annotation/{name}"] = entry.read_bytes()
    return members


def _is_tsv3(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(32).lstrip(b"\xef\xbb\xbf").startswith(b"#FORMAT=WebAnno TSV")
    except OSError:
        return False


def _from_members(path: Path, members: dict[str, bytes], max_bytes: int = MAX_QDPX_BYTES) -> _Export:
    export = _Export(max_bytes=max_bytes)
    repeated: list[str] = []
    unread: list[str] = []
    if len(members) > MAX_FILES:
        raise QdpxError(f"the export holds {len(members):,} files, more than the {MAX_FILES:,} qlr reads", path=path, hint="export fewer documents")
    for member in sorted(members):
        if re.fullmatch(r"exportedproject[^/]*\.json", member):
            data = members[member]
            if len(data) > MAX_JSON_BYTES:
                raise QdpxError(f"the export's {member} has {len(data):,} bytes, more than qlr reads", path=path, hint=INCEPTION.repair)
            try:
                project = json.loads(data.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise QdpxError(f"the export's {member} is not JSON ({exc})", path=path, hint=INCEPTION.repair) from None
            if isinstance(project, dict):
                export.project = project
    for member in sorted(members):
        placed = _annotation_member(member)
        if placed is None and "/" not in member and member.lower().endswith(".xmi"):
            placed = ("", member[: -len(".xmi")], "")  # one document's XMI export: <document>.xmi (its own names inside)
            export.nested[(placed[1], "")] = False
        elif placed is None and member.lower() == "typesystem.xml":
            export.typesystem = members[member]
        elif placed is None and re.fullmatch(r"(?:annotation|curation)/[^/]+/[^/]+", member):
            unread.append(member)  # an annotator's file in a format qlr does not read (UIMA CAS JSON, CoNLL, …)
        if placed is None:
            continue
        _folder, document, user = placed
        if user in export.files.get(document, {}):
            repeated.append(f"{member} (beside {export.folders[(document, user)]})")
            continue
        export.files.setdefault(document, {})[user] = members[member]
        export.folders[(document, user)] = member
    if repeated:
        export.notes.append(LeftOut(
            f"{len(repeated)} file(s) are a second file of one annotator for one document (the first, by name, was read; these were not): " + _listed(repeated, 10)
        ))
    if unread and export.files:
        export.notes.append(LeftOut(
            f"{len(unread)} annotator file(s) are in a format qlr does not read (it reads WebAnno TSV 3 and UIMA CAS XMI): "
            "not imported: " + _listed(unread, 10)
        ))
    serialized = [member for member in members if re.fullmatch(r"annotation_ser/[^/]+/[^/]+\.ser", member)]
    if not export.files and serialized:
        raise QdpxError(
            f"the export holds the annotations only as INCEpTION's own binary files ({len(serialized)} annotation_ser/<document>/<user>.ser, "
            "Java-serialized, which only INCEpTION reads): it was exported without a secondary format",
            path=path,
            hint="import it into INCEpTION (Administration, Import project) and export it again with the secondary format 'UIMA CAS XMI' or 'WebAnno TSV 3.3'",
        )
    if not export.files:
        raise QdpxError(
            "the export holds no annotations qlr reads (annotation/<document>/<user>.tsv or .zip): it was exported in another format",
            path=path,
            hint="export the project from INCEpTION again with the format 'WebAnno TSV 3.3' or 'UIMA CAS XMI' (Project settings, Export)",
        )
    name = export.project.get("name")
    export.name = name if isinstance(name, str) else None
    states = export.project.get("annotation_documents")
    for row in states if isinstance(states, list) else []:
        if isinstance(row, dict):
            export.states.append({key: row.get(key) for key in ("name", "user", "state") if isinstance(row.get(key), str)})
    listed = export.project.get("source_documents")
    named = [row.get("name") for row in listed if isinstance(row, dict) and isinstance(row.get("name"), str)] if isinstance(listed, list) else []
    missing = [name for name in named if name not in export.files]
    if missing:
        export.notes.append(LeftOut(
            f"{len(missing)} document(s) the project lists have no annotation file (WebAnno TSV or UIMA CAS XMI) in the export and were not imported: " + _listed([repr(m) for m in missing], 10)
        ))
    return export


# ---------------------------------------------------------------- the REFI-QDA tree
def _items(value: Any) -> list[Any]:
    """A list from ``exportedproject.json``, or none where the file has something else there (it is untrusted)."""
    return value if isinstance(value, list) else []


def _short(layer: str) -> str:
    """A layer's name as INCEpTION shows a custom one: its type name's last part (``webanno.custom.Code`` → ``Code``)."""
    return layer.rpartition(".")[2] or layer


class _InceptionTree(_TextsOnly):
    """The REFI-QDA ``<Project>`` an INCEpTION export stands for, with what it left out (no cases, memos or sets in it)."""

    key = "inception"

    def __init__(self, path: Path, export: _Export) -> None:
        super().__init__(path, {"project": [{"about": "INCEpTION", "databaseversion": "WebAnno TSV 3", "memo": export.project.get("description")}]})
        self.export = export
        self.notes.extend(export.notes)
        self.files: list[dict[str, Any]] = []
        self.parsed: dict[str, dict[str, _Parsed]] = {}
        self.texts: dict[str, str] = {}
        self._layers: dict[str, _Layer] = {}
        self._codes: dict[str, tuple[str, list[str]]] = {}  # code key → (layer, path of names below the layer)
        self._descriptions, self._free = self._tag_descriptions(export.project)
        total = 0
        differing: list[str] = []
        differing_owner: list[str] = []
        for folder, users in export.files.items():
            order = sorted(users, key=lambda user: (user != INITIAL_CAS, user == CURATION_USER, user))
            for given_user in order:
                member = export.folders[(folder, given_user)]

                def fail(message: str, line: int | None, member: str = member) -> QdpxError:
                    if export.single:
                        return QdpxError(message, path=path, line=line, hint=INCEPTION.repair)
                    where = f" (line {line})" if line is not None else ""
                    return QdpxError(f"{message}{where}", path=path, hint=INCEPTION.repair)

                where = repr(path.name) if export.single else f"the export's {member}"
                parsed = self._parse(users[given_user], where, fail, xmi=member.lower().endswith(".xmi"))
                # An XMI file names its document and annotator: a lone file (or one document's zip) is named by them,
                # and so is an annotator's file WebAnno named after a temporary file (webanno123…export.zip).
                user, document = given_user, folder
                if parsed.annotator and (not user or _TEMPORARY.fullmatch(user)):
                    user = parsed.annotator
                if parsed.title and (export.single or not export.nested.get((folder, given_user), True)):
                    document = parsed.title
                if user in self.parsed.get(document, {}):
                    differing_owner.append(f"{member} (annotator {user!r} of {document!r} again)")
                    continue
                export.folders[(document, user)] = member
                if parsed.version != "XMI" and parsed.version != "3.3" and int(parsed.version.split(".")[1]) not in KNOWN_MINOR:
                    self.notes.append(f"{member} is WebAnno TSV {parsed.version}, not one qlr has read INCEpTION's code for (3.1 to 3.3): read as 3.3")
                if document in self.texts and parsed.text != self.texts[document]:
                    differing.append(member)
                    continue
                self.texts.setdefault(document, parsed.text)
                self.parsed.setdefault(document, {})[user] = parsed
                total += len(parsed.spans)
                if total > MAX_ANNOTATIONS:
                    raise QdpxError(f"the export holds more than {MAX_ANNOTATIONS:,} annotations, the most qlr imports from one export", path=path, hint="export fewer documents")
                for layer in parsed.layers:
                    if layer.kind == "SP":
                        self._layers.setdefault(layer.name, layer)
                if parsed.mismatched:
                    self.notes.append(
                        f"{len(parsed.mismatched)} token row(s) of {member} name a token other than the text at their offsets "
                        f"(the file was changed after INCEpTION wrote it?): the offsets were followed; lines " + _listed([str(n) for n in parsed.mismatched], 10)
                    )
                # What the file is: its format, and for WebAnno TSV its version (since stop 55); an XMI file has none to give.
                kept: dict[str, Any] = {"file": member, "document": document, "annotator": user or None}
                if parsed.version == "XMI":
                    kept["format"] = "UIMA CAS XMI"
                else:
                    kept.update(format="WebAnno TSV", tsv_version=parsed.version)
                self.files.append({**kept, "annotations": len(parsed.spans)})
                if parsed.other_views:
                    self.notes.append(LeftOut(
                        f"{len(parsed.other_views)} annotation(s) of {member} are in a view other than the document's "
                        "(another text of the CAS, which INCEpTION does not show, or a text not in the file): not imported; xmi:id " + _listed(parsed.other_views, 10)
                    ))
                if parsed.unindexed:
                    self.notes.append(LeftOut(
                        f"{len(parsed.unindexed)} annotation(s) of {member} are not in its view's index (<cas:View members>; INCEpTION "
                        "does not show them): not imported; xmi:id " + _listed(parsed.unindexed, 10)
                    ))
                if parsed.whole_document:
                    self.notes.append(LeftOut(
                        f"{sum(parsed.whole_document.values())} annotation(s) of {member} have no begin and end (on the document as a "
                        "whole, as INCEpTION's document metadata layers), so code no passage: not imported; "
                        + _listed([f"{_short(name)} ({count})" for name, count in sorted(parsed.whole_document.items())], 10)
                    ))
        if not export.project:
            self._comments_by_name()
        if differing_owner:
            self.notes.append(LeftOut(
                f"{len(differing_owner)} file(s) are a second file of one annotator for one document (the first, by name, was read; these were not): "
                + _listed(differing_owner, 10)
            ))
        if differing:
            self.refused.append(
                f"{len(differing)} annotator file(s) hold a text other than their document's (the document was changed, or the file is another document's; left out): "
                + _listed([repr(m) for m in differing], 10)
            )

    def _parse(self, data: bytes, where: str, fail: Any, *, xmi: bool = False) -> _Parsed:
        """One annotator's file, by its content (or its name, ``.xmi``): WebAnno TSV 3, UIMA CAS XMI, or a zip of XMI
        and its type system."""
        if data.startswith(b"PK\x03\x04"):
            inner, typesystem, name = _inner_zip(data, where, fail, self.export.max_bytes, self.export.expanded)
            self.export.expanded += len(inner) + len(typesystem or b"")
            return parse_cas(inner, f"{where} ({name})", fail, typesystem=typesystem)
        if xmi or is_cas_xmi(data[:4096]):
            return parse_cas(data, where, fail, typesystem=self.export.typesystem)
        return parse_tsv(data, where, fail)

    def _comments_by_name(self) -> None:
        """Without ``exportedproject.json`` nothing tells a free-text feature from a tag set: a feature named as a comment
        (``Comment``, ``Notes``, ``Memo``, ``Remark``) is read as one — a memo on its coding, not a code per comment —
        and said, with how to have the project decide."""
        named = {(layer.name, feature) for layer in self._layers.values() for feature in layer.features if _COMMENT_NAME.fullmatch(feature)}
        if not named:
            return
        self._free |= named
        valued = sum(
            1
            for users in self.parsed.values()
            for parsed in users.values()
            for span in parsed.spans
            for feature, value in zip(self._layers[span.layer].features, span.values, strict=True)
            if value is not None and (span.layer, feature) in named
        )
        if valued:
            shown = ", ".join(f"{_short(layer)}.{feature}" for layer, feature in sorted(named))
            self.notes.append(
                f"{valued} value(s) of the feature(s) {shown} were read as comments (a memo on the coding, not a code) by the "
                "feature's name, as the export has no exportedproject.json to say whether it is free text or a tag set; give "
                "the project export (.zip, WebAnno TSV 3.3) to have its tag sets decide"
            )

    @staticmethod
    def _tag_descriptions(project: dict[str, Any]) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
        """``(layer, tag)`` → the tag's description, from the tag sets the project's layers' features use; and the
        ``(layer, feature)`` whose values are free text (a string feature with no tag set: a comment, not a code)."""
        tagsets: dict[str, dict[str, str]] = {}
        for tagset in _items(project.get("tag_sets")):
            if isinstance(tagset, dict) and isinstance(tagset.get("name"), str):
                tagsets[tagset["name"]] = {
                    tag["tag_name"]: tag["tag_description"]
                    for tag in _items(tagset.get("tags"))
                    if isinstance(tag, dict) and isinstance(tag.get("tag_name"), str) and isinstance(tag.get("tag_description"), str) and tag["tag_description"].strip()
                }
        found: dict[tuple[str, str], str] = {}
        free: set[tuple[str, str]] = set()
        for layer in _items(project.get("layers")):
            if not isinstance(layer, dict) or not isinstance(layer.get("name"), str):
                continue
            for feature in _items(layer.get("features")):
                tagset = feature.get("tag_set") if isinstance(feature, dict) else None
                name = tagset.get("name") if isinstance(tagset, dict) else tagset
                if isinstance(feature, dict) and feature.get("type") == "uima.cas.String" and not name and isinstance(feature.get("name"), str):
                    free.add((layer["name"], feature["name"]))
                for tag, description in tagsets.get(name, {}).items() if isinstance(name, str) else ():
                    found.setdefault((layer["name"], tag), description)
        return found, free

    def _code_key(self, layer: _Layer, values: list[str | None]) -> list[str]:
        """The keys of the codes one annotation's values are codings of (its layer's own code when all are empty)."""
        keys = []
        plain = [f for index, f in enumerate(layer.features) if not _linking(layer.features, index) and (layer.name, f) not in self._free]
        for index, (feature, value) in enumerate(zip(layer.features, values, strict=True)):
            if value is None or _linking(layer.features, index) or (layer.name, feature) in self._free:
                continue
            below = [value] if len(plain) <= 1 else [feature, value]
            key = "\x1f".join([layer.name, *below])
            self._codes.setdefault(key, (layer.name, below))
            keys.append(key)
        return keys or [layer.name]

    # ------------------------------------------------------------ codes
    def codebook(self) -> tuple[ET.Element, set[str]]:  # type: ignore[override]
        """``<Codes>``: each span layer a code (codable: an annotation with no value codes it) holding its values."""
        for users in self.parsed.values():
            for parsed in users.values():
                for span in parsed.spans:
                    self._code_key(self._layers[span.layer], span.values)
        codes = ET.Element(f"{_NS}Codes")
        elements: dict[str, ET.Element] = {}
        for name in self._layers:
            elements[name] = ET.SubElement(codes, f"{_NS}Code", {"guid": self.guid("code", name), "name": _short(name), "isCodable": "true"})
        # By name below each layer (the layers keep the type system's order), numbers as numbers: "Theme 2" before "Theme 10".
        natural = natsort_keygen()
        for layer, below in sorted(self._codes.values(), key=lambda code: natural([code[0], *code[1]])):
            parent = elements[layer]
            for depth in range(1, len(below) + 1):
                inner = "\x1f".join([layer, *below[:depth]])
                if inner not in elements:
                    # A feature's level is codable too: qlr's codes below the top are all codable (and nothing codes it here).
                    elements[inner] = ET.SubElement(parent, f"{_NS}Code", {"guid": self.guid("code", inner), "name": below[depth - 1], "isCodable": "true"})
                    if depth == len(below):
                        self._description(elements[inner], self._descriptions.get((layer, below[-1])))
                parent = elements[inner]
        return codes, {*self._codes, *self._layers}

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """WebAnno TSV carries no document properties."""
        return ET.Element(f"{_NS}Variables"), {}

    # ------------------------------------------------------------ documents and annotations
    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        part = ET.Element(f"{_NS}Sources")
        guids: dict[str, str] = {}
        linked: dict[tuple[str, str], int] = {}
        empty: list[str] = []
        split: list[str] = []
        for document, text in self.texts.items():
            guid = guids[document] = self.guid("source", document)
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": document})
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text
            length = _utf16(text)
            halves = astral_halves(text)
            outside: list[str] = []
            for user, parsed in self.parsed[document].items():
                for name, count in parsed.linked.items():
                    linked[(name, parsed.unit)] = linked.get((name, parsed.unit), 0) + count
                member = self.export.folders[(document, user)]
                for number, span in enumerate(parsed.spans, start=1):
                    label = f"annotation {number} ({f'xmi:id {span.xmi_id}' if span.xmi_id else f'line {span.line}'}) of {member}"
                    start, end = min(s for s, _ in span.units), max(e for _, e in span.units)
                    if start == end:
                        empty.append(label)
                        continue
                    if not 0 <= start < end <= length:
                        outside.append(outside_label(label, start, end))
                        continue
                    if start in halves or end in halves:
                        split.append(f"{label} at {start}–{end}")
                        continue
                    coder = {"owner": user or None}
                    selection = self.stamp(self.selection("PlainTextSelection", "annotation", f"{member}:{number}", startPosition=str(start), endPosition=str(end)), coder)
                    layer = self._layers[span.layer]
                    comments = [f"{feature}: {value}" for feature, value in zip(layer.features, span.values, strict=True) if value is not None and (layer.name, feature) in self._free]
                    self._description(selection, "; ".join(comments))
                    for key in self._code_key(self._layers[span.layer], span.values):
                        coding = self.stamp(ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{member}:{number}:{key}")}), coder)
                        ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", key)})
                    outer.append(selection)
            if outside:
                self.outside.setdefault(document, (length, UNITS["utf-16"], []))[2].extend(outside)
        if linked:
            self.notes.append(LeftOut(
                "chains, relations and slot features link annotations, not text, and were not imported: "
                + _listed([f"{_short(name)} ({count} {unit})" for (name, unit), count in sorted(linked.items())], 10)
            ))
        if empty:
            self.notes.append(LeftOut(f"{len(empty)} annotation(s) cover no text (zero width) and were not imported: " + _listed(empty, 10)))
        if split:
            self.refused.append(
                f"{len(split)} annotation(s) start or end inside a character (between the two UTF-16 units of an emoji; left out): " + _listed(split, 10)
            )
        initial = sum(len(users[INITIAL_CAS].spans) for users in self.parsed.values() if INITIAL_CAS in users)
        if initial:
            self.notes.append(
                f"{initial} annotation(s) are in the documents as uploaded (INITIAL_CAS.tsv, before any annotator): imported with the coder {INITIAL_CAS}"
            )
        return part, guids

