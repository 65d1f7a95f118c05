"""Reading a CATMA export (its ``.tar.gz`` of documents and TEI annotation collections) into a Study.

CATMA (catma.de), the free annotation tool of the digital humanities, exports a project's documents with their
annotation collections ("Export documents and collections") as one gzipped tar archive, written by its
``CorpusExporter``: for each document a folder holding the document's text (``NAME.txt``, UTF-8, as CATMA shows it)
and an ``annotationcollections/`` folder with one TEI file per collection (``COLLECTION.xml``).  A collection's TEI
(CATMA's ``TeiUserMarkupCollectionSerializer``, TEI document versions 3 to 5) is stand-off:

* ``teiHeader/encodingDesc`` declares the collection's tagsets, each an ``<fsdDecl xml:id n="NAME VERSION">`` holding
  its tags: an ``<fsDecl xml:id type baseTypes>`` with the tag's name (``<fsDescr>``), its colour
  (``<fDecl name="catma_displaycolor">``: a Java RGB integer) and the properties its annotations may carry (other
  ``<fDecl>``\\ s, each with its possible values).  ``baseTypes`` names the parent tag (``CATMA_BASE_TAG``, CATMA 4's
  root, is none);
* each annotation is an ``<fs xml:id type>`` in ``<text>`` (``type`` its tag) whose ``<f>``\\ s are its author
  (``catma_markupauthor``), time (``catma_markuptimestamp``), colour, and the values of its tag's properties;
* ``<body><ab type="catma">`` cuts the whole document into stretches, in order: a bare ``<ptr>`` for text no
  annotation holds, a ``<seg ana="#ID #ID ...">`` around the ``<ptr>`` of text the annotations named hold.  Each
  ``<ptr target="DOCUMENT#char=START,END">`` (RFC 5147) counts **UTF-16 code units** of the document's text (Java's
  ``String`` indices), from 0, the end not included.  An annotation may hold several separate stretches.

Each annotation's stretches, joined where one ends where the next begins, become a coding of its tag per stretch
(positions counted as UTF-16, :data:`._positions.CONVENTIONS`), its author the coder, its properties' values the
coding's memo; tagsets are codes that are not codable holding their tags, nested as ``baseTypes`` nests them.  The
tree goes through the ``.qdpx`` importer as QualCoder's, RQDA's and Taguette's do.

A single collection (``COLLECTION.xml``) is read too, its document's text taken from beside it: the ``.txt`` of the
folder above ``annotationcollections/`` (an unpacked export), else the file its ``<ptr>`` names, in its folder.  So
is a folder holding an unpacked export.

Every file is untrusted: the archive is read in memory (nothing is written out, so no name can escape a folder;
links and devices are refused), its size, member count and each member's size capped; the TEI parsed without DTDs or
entities (:func:`._xml.parse_untrusted_xml`).  The export is never written.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import tarfile
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .._warned import LeftOut
from ..errors import QdpxError, SourceNotFoundError
from ._archive import MAX_QDPX_BYTES
from ._positions import CONVENTIONS, UNITS, astral_halves, outside_label
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _TextsOnly
from ._tool_tree import checked_export, import_tree, too_large
from ._xml import parse_untrusted_xml

__all__ = ["read_catma", "catma_export_kind", "named_within"]

_TEI = "{http://www.tei-c.org/ns/1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: CATMA 4's root of every tag (``baseTypes``): not a tag of the user's.
_BASE_TAG = "CATMA_BASE_TAG"
#: The annotation properties CATMA itself writes; every other ``<f>`` is a property the user gave the tag.
_SYSTEM = ("catma_displaycolor", "catma_markupauthor", "catma_markuptimestamp")
#: The ``<fs>`` of a collection's version (``TARGET_INFO`` before CATMA 4), not an annotation.
_TECHNICAL = ("CATMA_TECH_DESC", "TARGET_INFO")
#: The TEI document versions whose layout qlr reads (CATMA's ``TeiDocumentVersion``: 3 declares tagsets in the header).
KNOWN_VERSIONS = (3, 4, 5)
#: Members read from one archive or folder at most, and annotations from one export.
MAX_MEMBERS = 20_000
MAX_ANNOTATIONS = 200_000
_GZIP_MAGIC = b"\x1f\x8b"
_CHAR = re.compile(r"^char=(\d{1,12}),(\d{1,12})$")
_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
CATMA = Tool(
    "CATMA",
    "a CATMA export",
    give="give the .tar.gz CATMA's Export documents and collections wrote, a folder it was unpacked into, or one collection's .xml with its document's .txt beside it",
    repair="export the documents and collections from CATMA again",
    changed="export the documents and collections from CATMA again",
)


def catma_export_kind(path: str | os.PathLike[str]) -> str | None:
    """What CATMA export ``path`` looks like, by its content: ``"archive"`` (gzip data), ``"collection"`` (TEI XML
    naming CATMA), ``"folder"`` (a folder with an ``annotationcollections`` folder in it), or None.

    Examples
    --------
    >>> catma_export_kind("README.md") is None
    True
    """
    given = Path(path)
    try:
        if given.is_dir():
            found = any(part.is_dir() for part in named_within(given, "annotationcollections"))
            return "folder" if found else None
        with open(given, "rb") as stream:
            head = stream.read(65536)
    except OSError:
        return None
    if head.startswith(_GZIP_MAGIC):
        return "archive"
    text = head.decode("utf-8", "replace")
    if "<TEI" in text and ("CATMA_" in text or 'type="catma"' in text):
        return "collection"
    return None


def named_within(folder: Path, name: str) -> list[Path]:
    """The entries called ``name`` within three levels of ``folder`` (an unpacked export nests two deep)."""
    found = []
    for depth in ("*", "*/*", "*/*/*"):
        found += [entry for entry in folder.glob(depth) if entry.name == name]
    return found


def read_catma(
    path: str | os.PathLike[str],
    *,
    text: str | os.PathLike[str] | None = None,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a CATMA export (documents with their TEI annotation collections) as a Study.

    The export is read into the REFI-QDA tree and imported with the options and results of :func:`read_qdpx`, as
    :func:`read_taguette` reads a Taguette project.  Nothing is written where the export is.

    Parameters
    ----------
    path : str or PathLike
        The ``.tar.gz`` (``.tgz``) CATMA's Export documents and collections wrote; a folder it was unpacked into; or
        one collection's TEI file (``.xml``).
    text : str or PathLike, optional
        For a single collection: its document's text (a UTF-8 ``.txt``), where it is not beside the collection.
    wave, case, kind, speakers
        As for :func:`read_taguette`: waves, cases, kinds and speaker roles by rule (CATMA has none of its own).
    max_bytes : int
        Refuse an export (the archive, or the files read) larger than this many bytes.

    Returns
    -------
    Study
        A document per CATMA document (its text as CATMA exported it), a code per tag (inside a code per tagset, not
        codable, and nested as CATMA nests tags; the colour CATMA shows, the tag's properties its definition), a
        coding per stretch of each annotation (origin ``import``, its author the coder, its properties' values a
        memo).  ``study.meta["import"]`` reports as for a ``.qdpx``, with ``format`` ``"catma"`` and each
        collection's name, document, TEI version, header and number of annotations.

    Raises
    ------
    SourceNotFoundError
        No such file, or a collection's document text not found.
    QdpxError
        Not a CATMA export, damaged, written by CATMA 3 or earlier, or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, warnings
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "P01_W1.txt"), "w", encoding="utf-8") as f:
    ...     _ = f.write("I: How are you?\\nP: Tired \u2013 but coping.")
    >>> tei = '''<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Ana</title>
    ... </titleStmt></fileDesc><encodingDesc><fsdDecl xml:id="CATMA_S1" n="Carers 1">
    ... <fsDecl xml:id="CATMA_T1" n="1" type="CATMA_T1"><fsDescr>coping</fsDescr>
    ... <fDecl xml:id="CATMA_P1" name="catma_displaycolor"><vRange><vColl><string>-16711936</string></vColl>
    ... </vRange></fDecl></fsDecl></fsdDecl></encodingDesc></teiHeader><text>
    ... <fs xml:id="CATMA_A1" type="CATMA_T1"><f name="catma_markupauthor"><string>ana</string></f></fs>
    ... <body><ab type="catma"><ptr target="P01_W1.txt#char=0,19" type="inclusion"/>
    ... <seg ana="#CATMA_A1"><ptr target="P01_W1.txt#char=19,38" type="inclusion"/></seg></ab></body></text></TEI>'''
    >>> with open(os.path.join(folder, "Ana.xml"), "w", encoding="utf-8") as f:
    ...     _ = f.write(tei)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_catma(os.path.join(folder, "Ana.xml"))
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], study.documents["text"][0][coding["start"] : coding["end"]]  # the tag, under its tagset
    ('carers.coping', 'Tired – but coping.')
    """
    given, found = checked_export(path, CATMA, folder=True, kind=catma_export_kind, not_kind=_not_catma, max_bytes=max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    if found == "folder":
        export = _from_files(given, *_folder_files(given, max_bytes))
    elif found == "archive":
        export = _from_files(given, *_archive_files(given, max_bytes))
    else:  # one collection
        if text is not None and not Path(text).is_file():
            raise SourceNotFoundError("no such document text", path=Path(text), hint="give the .txt CATMA exported with the collection")
        export = _single_collection(given, max_bytes, Path(text) if text is not None else None)
    built = _CatmaTree(given, export)
    return import_tree(
        built,
        given,
        wave=wave,
        case=case,
        kind=kind,
        speakers=speakers,
        extra={"export": str(given), "collections": built.collections, "documents_read": built.document_files},
        convention=(CONVENTIONS[2], "CATMA counts positions in UTF-16 code units (Java's String indices)"),
    )


# ---------------------------------------------------------------- the export's files
@dataclass
class _Export:
    """The documents (member → text) and collections (member → TEI bytes) of an export, with what was left out."""

    texts: dict[str, str] = field(default_factory=dict)
    collections: dict[str, bytes] = field(default_factory=dict)
    owner: dict[str, str | None] = field(default_factory=dict)  # collection member → its document's member
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _not_catma(given: Path) -> str:
    """Why ``given`` is not a CATMA export, a folder or a file (:func:`read_catma`'s ``not_kind``)."""
    if given.is_dir():
        return "this folder is not a CATMA export: no annotationcollections folder is in it (CATMA's export puts each document's collections there)"
    return "this is not a CATMA export: it is neither a gzip archive nor TEI XML naming CATMA (no <TEI> with CATMA_ ids)"


def _too_large(path: Path, total: int, max_bytes: int, *, unpacked: bool = False) -> QdpxError:
    """:func:`._tool_tree.too_large`, saying how far the export was read."""
    return too_large(path, total, max_bytes, at_least=True, detail="unpacked so far, the tar headers included" if unpacked else "counted as it was read")


class _Capped(io.RawIOBase):
    """The gzip stream of an archive, refusing to unpack past ``limit`` bytes: tar's own headers (a GNU long name, a pax
    header) are read whole into memory by :mod:`tarfile` before any entry's size is seen, so a few kB of gzip could
    otherwise become gigabytes."""

    def __init__(self, stream: gzip.GzipFile, path: Path, max_bytes: int) -> None:
        super().__init__()
        self.stream, self.path, self.max_bytes = stream, path, max_bytes
        self.entries = 0  # entries read so far: the caller counts them

    @property
    def limit(self) -> int:
        """The export's bytes, and besides them each entry's headers (a long name or a pax header before its own) and
        padding: eight blocks an entry is more than CATMA's long names need."""
        return self.max_bytes + 8 * tarfile.BLOCKSIZE * (self.entries + 2) + tarfile.RECORDSIZE

    def _check(self, end: int) -> None:
        if end > self.limit:
            raise _too_large(self.path, end, self.max_bytes, unpacked=True)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        whole = size is None or size < 0
        if not whole:  # a request past the limit is refused before it is unpacked
            self._check(self.stream.tell() + size)  # type: ignore[operator]
        # To the end: no further than the limit allows, and one byte more, which shows it passed.
        data = self.stream.read(max(self.limit - self.stream.tell(), 0) + 1 if whole else size)
        self._check(self.stream.tell())
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        self._check(offset if whence == os.SEEK_SET else self.stream.tell() + offset if whence == os.SEEK_CUR else self.limit + 1)
        return self.stream.seek(offset, whence)

    def tell(self) -> int:
        return self.stream.tell()


def _unique(name: str, files: dict[str, bytes]) -> str:
    """``name``, or ``NAME (2).EXT`` … where an earlier entry of the archive has it (CATMA writes two collections of
    one document that share a name under one entry name, and two documents of one title in its simple style)."""
    if name not in files:
        return name
    posix = PurePosixPath(name)
    number = 2
    while (other := str(posix.with_name(f"{posix.stem} ({number}){posix.suffix}"))) in files:
        number += 1
    return other


def _archive_files(path: Path, max_bytes: int) -> tuple[dict[str, bytes], list[str], list[str]]:
    """The regular files of the gzipped tar ``path`` that an export holds (``.txt`` and ``.xml``), read in memory, the
    entries not read (links, special files, other files), named, and the entries whose name an earlier one has."""
    files: dict[str, bytes] = {}
    total = members = 0
    others: list[str] = []
    repeated: list[str] = []
    try:
        capped = _Capped(unzipped := gzip.open(path, "rb"), path, max_bytes)
        with unzipped, tarfile.open(fileobj=capped, mode="r:") as archive:  # type: ignore[arg-type]
            for info in archive:
                members = capped.entries = members + 1
                if members > MAX_MEMBERS:
                    raise QdpxError(f"the archive holds more than {MAX_MEMBERS:,} entries", path=path, hint="export fewer documents at once")
                if info.isdir():
                    continue
                name = info.name
                if not info.isfile():
                    others.append(f"{name!r} (a link or special file)")
                    continue
                # Every file counts, read or not: reaching the next entry means unpacking the one before it.
                total += info.size
                if total > max_bytes:
                    raise _too_large(path, total, max_bytes)
                if PurePosixPath(name).suffix.lower() not in (".txt", ".xml"):
                    others.append(f"{name!r} (not a .txt or .xml)")
                    continue
                stream = archive.extractfile(info)
                data = stream.read(info.size + 1) if stream is not None else b""
                if len(data) != info.size:
                    raise QdpxError(f"the archive's {name!r} is not the size its header gives", path=path, hint=CATMA.repair)
                kept = _unique(name, files)
                if kept != name:
                    repeated.append(f"{name!r} (read as {kept!r})")
                files[kept] = data
            _check_end(archive, capped, path, members)
    except (tarfile.TarError, EOFError, OSError, zlib.error, gzip.BadGzipFile) as exc:
        raise QdpxError(f"this is not a CATMA export, or it is damaged: not a readable gzipped tar archive ({exc})", path=path, hint=CATMA.give) from None
    return files, others, repeated


def _check_end(archive: tarfile.TarFile, unzipped: _Capped, path: Path, members: int) -> None:
    """Refuse an archive whose entries stop before its end: :mod:`tarfile` ends quietly at a block that is not a tar
    header (an entry longer than its header says, a damaged or spliced archive), and what follows would be lost unsaid.
    After the last entry a tar archive holds only zeros."""
    unzipped.seek(archive.offset)
    where = archive.offset
    while chunk := unzipped.read(min(1 << 16, max(unzipped.limit - unzipped.tell(), 1))):
        stray = len(chunk) - len(chunk.lstrip(b"\0"))
        if stray < len(chunk):
            raise QdpxError(
                f"the archive is damaged: after its {members:,} entr{'y' if members == 1 else 'ies'}, at byte {where + stray:,} of its "
                "unpacked content, comes data that is not a tar entry (an entry longer than its header says?); what follows was not read",
                path=path,
                hint=CATMA.repair,
            )
        where += len(chunk)


def _folder_files(folder: Path, max_bytes: int) -> tuple[dict[str, bytes], list[str]]:
    """The ``.txt`` and ``.xml`` files of an unpacked export (four levels deep at most), and those not read: other
    files, links, and files reached through a link to somewhere outside the folder."""
    files: dict[str, bytes] = {}
    others: list[str] = []
    total = 0
    inside = folder.resolve()
    for depth in ("*", "*/*", "*/*/*", "*/*/*/*"):
        for entry in sorted(folder.glob(depth)):
            if not (entry.is_file() or entry.is_symlink()):
                continue
            if entry.is_symlink() or not entry.resolve().is_relative_to(inside):
                others.append(f"{entry.relative_to(folder).as_posix()!r} (a link, or reached through one)")
                continue
            if entry.suffix.lower() not in (".txt", ".xml"):  # named, as the archive's other files are
                others.append(f"{entry.relative_to(folder).as_posix()!r} (not a .txt or .xml)")
                continue
            if len(files) >= MAX_MEMBERS:
                raise QdpxError(f"the folder holds more than {MAX_MEMBERS:,} files", path=folder, hint="give the export's own folder")
            total += entry.stat().st_size
            if total > max_bytes:
                raise _too_large(folder, total, max_bytes)
            files[entry.relative_to(folder).as_posix()] = entry.read_bytes()
    return files, others


def _decoded(data: bytes, where: str, export: _Export) -> str | None:
    """A document's text: UTF-8 (CATMA writes it so), a byte order mark dropped (CATMA does not count it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        export.refused.append(f"{where}: not UTF-8 text at byte {exc.start} (left out, and its collections)")
        return None


def _from_files(path: Path, files: dict[str, bytes], others: list[str], repeated: list[str] | None = None) -> _Export:
    """Documents and collections of an export's files: ``FOLDER/annotationcollections/C.xml`` is a collection of the
    one ``.txt`` in ``FOLDER``; ``others`` names the entries not read, ``repeated`` those an earlier entry's name had."""
    export = _Export()
    if repeated:
        export.notes.append(
            f"{len(repeated)} entr(y/ies) of the archive have the name of an earlier one (CATMA names two collections of a "
            "document that share a name alike): each was read, under a name of its own: " + _listed(repeated, 10)
        )
    if others:
        export.notes.append(f"{len(others)} entr(y/ies) of the export are not a document or a collection and were not read: " + _listed(others, 10))
    for name, data in files.items():
        parts = PurePosixPath(name)
        if parts.suffix.lower() == ".xml" and len(parts.parts) >= 2 and parts.parts[-2] == "annotationcollections":
            export.collections[name] = data
        elif parts.suffix.lower() == ".txt":
            decoded = _decoded(data, f"document {name!r}", export)
            if decoded is not None:
                export.texts[name] = decoded
    if not export.collections and not export.texts:
        raise QdpxError(
            "this is not a CATMA export: it holds no document (.txt) and no annotationcollections/*.xml",
            path=path,
            hint=CATMA.give,
        )
    # CATMA's exporter puts each document in a folder named as its file begins (TITLE/TITLE.txt, or
    # EXPORT_DATE/UUID/UUID_TITLE.txt): with no collection at all, texts laid out otherwise are some other archive.
    astray = [name for name in export.texts if not PurePosixPath(name).name.startswith(PurePosixPath(name).parent.name or "\0")]
    if not export.collections and astray:
        study = any("study.yaml" in other for other in others)
        raise QdpxError(
            f"this is not a CATMA export: it holds {len(export.texts)} text(s) but no annotationcollections/*.xml, and "
            f"{len(astray)} of its texts are not where CATMA's export puts a document (in a folder named as the file begins): "
            + _listed([repr(name) for name in astray], 3)
            + (" (it holds a study.yaml: a study folder packed as an archive)" if study else ""),
            path=path,
            hint=("unpack it and load the folder (qlr info FOLDER, qlr.load in Python)" if study else CATMA.give),
        )
    by_folder: dict[str, list[str]] = {}
    for name in export.texts:
        by_folder.setdefault(str(PurePosixPath(name).parent), []).append(name)
    for name in export.collections:
        folder = str(PurePosixPath(name).parent.parent)
        candidates = by_folder.get(folder, [])
        export.owner[name] = candidates[0] if len(candidates) == 1 else None
        if len(candidates) != 1:
            export.refused.append(
                f"collection {name!r}: {'no' if not candidates else len(candidates)} document text(s) in its document's folder "
                f"{folder!r}, where CATMA's export puts one (left out, with its annotations)"
            )
    return export


def _single_collection(path: Path, max_bytes: int, text: Path | None) -> _Export:
    """One collection's TEI, its document's text from ``text``, else beside it (see the module's description)."""
    size = path.stat().st_size
    data = path.read_bytes()
    export = _Export()
    key = path.name
    export.collections[key] = data
    candidates: list[Path] = []
    if text is not None:
        candidates = [text]
    else:
        if path.parent.name == "annotationcollections":
            candidates = sorted(entry for entry in path.parent.parent.glob("*.txt") if entry.is_file())
            if len(candidates) > 1:
                candidates = []
        if not candidates:
            target = _first_target(data)
            if target:
                named = path.parent / PurePosixPath(target).name
                if PurePosixPath(target).name and named.is_file():
                    candidates = [named]
    if not candidates:
        raise SourceNotFoundError(
            f"the collection's document text is not beside it: its <ptr>s point to {(_first_target(data) or 'no document')!r}",
            path=path,
            hint="give the document's .txt (text=PATH in Python), or import the .tar.gz CATMA exported, which holds both",
        )
    document = candidates[0]
    if document.stat().st_size + size > max_bytes:
        raise too_large(path, document.stat().st_size + size, max_bytes, detail="the collection and its document's text together")
    decoded = _decoded(document.read_bytes(), f"document {document.name!r}", export)
    if decoded is None:
        raise QdpxError(f"the document {document.name} is not UTF-8 text", path=document, hint="give the .txt CATMA exported (UTF-8)")
    export.texts[document.name] = decoded
    export.owner[key] = document.name
    return export


def _first_target(data: bytes) -> str | None:
    """The document part of the first ``<ptr target>`` (before ``#``), found without parsing (to find the text)."""
    found = re.search(rb'<ptr[^>]*?target="([^"#]{1,1000})#', data[:2_000_000])
    return found.group(1).decode("utf-8", "replace").removeprefix("catma://") if found else None


# ---------------------------------------------------------------- one collection's TEI
@dataclass
class _Tag:
    key: str
    name: str
    tagset: str
    parent: str | None
    colour: str | None
    properties: list[str]


@dataclass
class _Annotation:
    key: str
    tag: str
    author: str | None
    when: str | None
    values: list[str]
    stretches: list[tuple[int, int]] = field(default_factory=list)


def _strings(element: ET.Element) -> list[str]:
    """The values under an ``<f>`` or ``<fDecl>``: its ``<string>``\\ s (in a ``<vColl>`` or not) and ``<numeric value>``\\ s."""
    values = []
    for item in element.iter():
        if item.tag == f"{_TEI}string":
            values.append(item.text or "")
        elif item.tag == f"{_TEI}numeric" and item.get("value") is not None:
            values.append(item.get("value") or "")
    return values


def _colour(values: list[str]) -> str | None:
    """CATMA's colour (Java's ``Color.getRGB()``, a signed integer) as ``#RRGGBB``."""
    for value in values:
        if re.fullmatch(r"\s*-?\d{1,11}\s*", value):
            return f"#{int(value) & 0xFFFFFF:06X}"
    return None


def _when(value: str | None) -> str | None:
    """CATMA's ``yyyy-MM-dd'T'HH:mm:ss.SSSZ`` as ISO 8601 (its ``+0200`` as ``+02:00``)."""
    if not value or not value.strip():
        return None
    return _OFFSET.sub(r"\1:\2", value.strip())


class _Collection:
    """One annotation collection: its header, tagsets, tags and annotations, with what could not be read."""

    def __init__(self, member: str, root: ET.Element) -> None:
        self.member = member
        self.refused: list[str] = []
        header = root.find(f"{_TEI}teiHeader")
        self.title = (root.findtext(f"{_TEI}teiHeader/{_TEI}fileDesc/{_TEI}titleStmt/{_TEI}title") or "").strip() or PurePosixPath(member).stem
        self.author = (root.findtext(f"{_TEI}teiHeader/{_TEI}fileDesc/{_TEI}titleStmt/{_TEI}author") or "").strip() or None
        self.publisher = (root.findtext(f"{_TEI}teiHeader/{_TEI}fileDesc/{_TEI}publicationStmt/{_TEI}publisher") or "").strip() or None
        self.version = None
        for fs in root.iter(f"{_TEI}fs"):
            if fs.get(_XML_ID) in _TECHNICAL:
                for f in fs.findall(f"{_TEI}f"):
                    if f.get("name") == "version":
                        number = "".join(_strings(f)).strip()
                        self.version = int(number) if number.isdigit() else None
        self.tagsets: dict[str, str] = {}
        self.tags: dict[str, _Tag] = {}
        for tagset in header.iter(f"{_TEI}fsdDecl") if header is not None else []:
            key = tagset.get(_XML_ID) or ""
            named = tagset.get("n") or ""
            # n is "NAME VERSION": the project's revision (a git hash, "null" when there is none) after the last space.
            self.tagsets[key] = (named.rsplit(" ", 1)[0] if " " in named else named).strip() or key
            for tag in tagset.findall(f"{_TEI}fsDecl"):
                self._tag(tag, key)
        text = root.find(f"{_TEI}text")
        self.annotations: dict[str, _Annotation] = {}
        for fs in text.iter(f"{_TEI}fs") if text is not None else []:
            self._annotation(fs)
        self.stretches = 0
        self.targets: set[str] = set()
        self.extent = 0  # where the <ptr>s end: the document's length as CATMA counted it
        ab = next((element for element in root.iter(f"{_TEI}ab") if element.get("type") == "catma"), None)
        if ab is None:
            raise ValueError('no <ab type="catma"> in its <body> (CATMA puts its stand-off pointers there)')
        self._body(ab)

    def _tag(self, element: ET.Element, tagset: str) -> None:
        key = element.get(_XML_ID) or element.get("type") or ""
        if key == _BASE_TAG:
            return
        name = (element.findtext(f"{_TEI}fsDescr") or "").strip()
        if not key or not name:
            self.refused.append(f"tag {key or '(no id)'} of collection {self.member!r}: no {'id' if not key else 'name'} (left out, and its annotations)")
            return
        parent = element.get("baseTypes")
        colour, properties = None, []
        for declared in element.findall(f"{_TEI}fDecl"):
            values = _strings(declared)
            if declared.get("name") == "catma_displaycolor":
                colour = _colour(values)
            elif declared.get("name") not in _SYSTEM:
                properties.append(f"{declared.get('name')}" + (f" ({', '.join(v for v in values if v)})" if any(values) else ""))
        self.tags[key] = _Tag(key, name, tagset, parent if parent and parent != _BASE_TAG else None, colour, properties)

    def _annotation(self, element: ET.Element) -> None:
        key, tag = element.get(_XML_ID), element.get("type")
        if not key or key in _TECHNICAL:
            return
        author = when = None
        values = []
        for f in element.findall(f"{_TEI}f"):
            name, given = f.get("name") or "", [v for v in _strings(f) if v.strip()]
            if name == "catma_markupauthor":
                author = given[0].strip() if given else None
            elif name == "catma_markuptimestamp":
                when = _when(given[0]) if given else None
            elif name not in _SYSTEM and given:
                values.append(f"{name}: {', '.join(given)}")
        self.annotations[key] = _Annotation(key, tag or "", author, when, values)

    def _body(self, ab: ET.Element) -> None:
        unknown: list[str] = []
        bad: list[str] = []
        for child in ab:
            if child.tag == f"{_TEI}ptr":
                span = self._span(child, bad)
                if span:
                    self.extent = max(self.extent, span[1])
                continue
            if child.tag != f"{_TEI}seg":
                continue
            named = [part.strip().lstrip("#") for part in (child.get("ana") or "").split() if part.strip().lstrip("#")]
            for ptr in child.findall(f"{_TEI}ptr"):
                span = self._span(ptr, bad)
                if not span:
                    continue
                self.extent = max(self.extent, span[1])
                for key in named:
                    if key in self.annotations:
                        self.annotations[key].stretches.append(span)
                        self.stretches += 1
                    else:
                        unknown.append(f"{key} at {span[0]}–{span[1]}")
        if unknown:
            self.refused.append(
                f"{len(unknown)} stretch(es) of collection {self.member!r} name an annotation it does not hold (no <fs> with that id; left out): " + _listed(unknown, 10)
            )
        if bad:
            self.refused.append(f"{len(bad)} <ptr>(s) of collection {self.member!r} are not CATMA's DOCUMENT#char=START,END (left out): " + _listed(bad, 10))

    def _span(self, ptr: ET.Element, bad: list[str]) -> tuple[int, int] | None:
        target = ptr.get("target") or ""
        document, _, fragment = target.partition("#")
        found = _CHAR.match(fragment.strip())
        if not found:
            bad.append(repr(target[:80]))
            return None
        self.targets.add(document.strip())
        return int(found.group(1)), int(found.group(2))


# ---------------------------------------------------------------- the REFI-QDA tree
def _document_name(member: str) -> str:
    """A document's name: its file's name less ``.txt`` and the ``CATMA_<UUID>_`` CATMA's long export style puts first."""
    stem = PurePosixPath(member).stem
    return re.sub(r"^CATMA_[0-9A-Fa-f-]{36}_(?=.)", "", stem) or stem


class _CatmaTree(_TextsOnly):
    """The REFI-QDA ``<Project>`` a CATMA export stands for, with what it left out (CATMA's export has no cases, memos or sets)."""

    key = "catma"

    def __init__(self, path: Path, export: _Export) -> None:
        super().__init__(path, {"project": [{"about": "CATMA", "databaseversion": "TEI"}]})
        self.export = export
        self.refused.extend(export.refused)
        self.notes.extend(export.notes)
        self.collections: list[dict[str, Any]] = []
        self.document_files: dict[str, str] = {}
        self._parsed: dict[str, _Collection] = {}
        for member, data in export.collections.items():
            if export.owner.get(member) is None:
                continue
            try:
                root = parse_untrusted_xml(
                    data,
                    path,
                    error=QdpxError,
                    unsafe_hint="CATMA writes no DTD or entities: export the collection from CATMA again",
                    malformed_hint=CATMA.repair,
                    member=member,
                )
            except QdpxError as exc:
                if len(export.collections) == 1:
                    raise
                self.refuse(f"collection {member!r}", f"{exc.message} (left out, with its annotations)")
                continue
            if root.tag != f"{_TEI}TEI":
                self._not_catma(member, f"its root is <{root.tag.rpartition('}')[2]}>, not TEI's <TEI>")
                continue
            try:
                collection = _Collection(member, root)
            except ValueError as exc:
                self._not_catma(member, str(exc))
                continue
            if collection.version is not None and collection.version < KNOWN_VERSIONS[0]:
                self._old(member, collection.version)
                continue
            if collection.version is not None and collection.version not in KNOWN_VERSIONS:
                self.notes.append(
                    f"collection {member!r} is TEI version {collection.version}, not one qlr has read CATMA's code for ({', '.join(map(str, KNOWN_VERSIONS))}): read as version 5"
                )
            self._parsed[member] = collection
            self.refused.extend(collection.refused)
        self._codes: dict[str, _Tag] = {}
        self._tagsets: dict[str, str] = {}
        renamed: list[str] = []
        for collection in self._parsed.values():
            for key, name in collection.tagsets.items():
                self._tagsets.setdefault(key, name)
            for key, tag in collection.tags.items():
                if key in self._codes and self._codes[key].name != tag.name:
                    renamed.append(f"{key} ({self._codes[key].name!r}, {tag.name!r} in {collection.member!r})")
                self._codes.setdefault(key, tag)
        if renamed:
            self.notes.append(f"{len(renamed)} tag(s) have another name in another collection; the first collection's name is kept: " + _listed(renamed, 10))
        total = sum(len(c.annotations) for c in self._parsed.values())
        if total > MAX_ANNOTATIONS:
            raise QdpxError(f"the export holds {total:,} annotations, more than the {MAX_ANNOTATIONS:,} qlr imports from one export", path=path, hint="export fewer collections at once")

    def _not_catma(self, member: str, why: str) -> None:
        if len(self.export.collections) == 1:
            raise QdpxError(f"this is not a CATMA annotation collection: {why}", path=self.path, hint=CATMA.give)
        self.refuse(f"collection {member!r}", f"not a CATMA annotation collection: {why} (left out)")

    def _old(self, member: str, version: int) -> None:
        why = f"it is TEI version {version}, written by CATMA 3 or earlier, which kept tags in a separate tag library: qlr reads versions 3 to 5"
        hint = "open the collection in CATMA (it converts it) and export it again"
        if len(self.export.collections) == 1:
            raise QdpxError(f"this CATMA collection is too old to read: {why}", path=self.path, hint=hint)
        self.refuse(f"collection {member!r}", f"{why} (left out; {hint})")

    # ------------------------------------------------------------ tags
    def codebook(self) -> tuple[ET.Element, set[str]]:  # type: ignore[override]
        """``<Codes>``: each tagset a code that is not codable, holding its tags nested as ``baseTypes`` nests them."""
        codes = ET.Element(f"{_NS}Codes")
        sets: dict[str, ET.Element] = {}
        for key, name in self._tagsets.items():
            sets[key] = ET.SubElement(codes, f"{_NS}Code", {"guid": self.guid("tagset", key), "name": name or key, "isCodable": "false"})
        elements: dict[str, ET.Element] = {}
        for key, tag in self._codes.items():
            element = ET.Element(f"{_NS}Code", {"guid": self.guid("code", key), "name": tag.name, "isCodable": "true"})
            if tag.colour:
                element.set("color", tag.colour)
            if tag.properties:
                self._description(element, "CATMA properties: " + "; ".join(tag.properties))
            elements[key] = element
        looped: list[str] = []
        for key, tag in self._codes.items():
            parent = tag.parent if tag.parent in elements and tag.parent != key else None
            seen = {key}
            above = parent
            while above is not None:  # a parent chain that comes back is a loop: the tag goes to its tagset
                if above in seen:
                    looped.append(key)
                    parent = None
                    break
                seen.add(above)
                following = self._codes[above].parent
                above = following if following in elements else None
            (elements[parent] if parent else sets.get(tag.tagset, codes)).append(elements[key])
        if looped:
            self.notes.append(f"{len(looped)} tag(s) have parents that make a loop: put directly in their tagset: " + _listed(looped, 10))
        return codes, set(elements)

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """CATMA's export carries no document properties."""
        return ET.Element(f"{_NS}Variables"), {}

    # ------------------------------------------------------------ documents and annotations
    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        """``<Sources>``: each document a text source holding its collections' annotations."""
        part = ET.Element(f"{_NS}Sources")
        guids: dict[str, str] = {}
        selections: dict[str, list[ET.Element]] = {}
        for member, collection in self._parsed.items():
            document = self.export.owner[member] or ""
            selections.setdefault(document, []).extend(self._selections(collection, document, known_codes))
        names: dict[str, int] = {}
        for member, text in self.export.texts.items():
            name = _document_name(member)
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name = f"{name} ({names[name]})"
            guid = guids[member] = self.guid("source", member)
            self.document_files[name] = member
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": name})
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text
            for element in selections.get(member, []):
                outer.append(element)
        return part, guids

    def _selections(self, collection: _Collection, document: str, known_codes: set[str]) -> list[ET.Element]:
        """A ``<PlainTextSelection>`` per stretch of each annotation (stretches that meet joined), each coded with its tag;
        stretches past the document's text (member ``document``) are kept in :attr:`outside` for the importer to say."""
        text = self.export.texts[document]
        length = len(text.encode("utf-16-le")) // 2
        halves = astral_halves(text)  # no passage starts or ends between an emoji's two UTF-16 units
        split: list[str] = []
        found: list[ET.Element] = []
        outside: list[str] = []
        untagged: list[str] = []
        nowhere: list[str] = []
        several = 0
        for key, annotation in collection.annotations.items():
            if annotation.tag not in known_codes:
                untagged.append(f"{key} (tag {annotation.tag or 'none'})")
                continue
            joined: list[list[int]] = []
            for start, end in sorted(annotation.stretches):
                if joined and start <= joined[-1][1]:
                    joined[-1][1] = max(joined[-1][1], end)
                else:
                    joined.append([start, end])
            if not joined:
                nowhere.append(key)
                continue
            kept = [(s, e) for s, e in joined if 0 <= s < e <= length]
            outside += [outside_label(key, s, e) for s, e in joined if (s, e) not in kept]
            split += [f"{key} at {s}–{e}" for s, e in kept if s in halves or e in halves]
            kept = [(s, e) for s, e in kept if s not in halves and e not in halves]
            several += len(kept) > 1
            for number, (start, end) in enumerate(kept):
                label = key if len(kept) == 1 else f"{key} part {number + 1}"
                # Named by its collection too: a collection copied in CATMA keeps its annotations' ids.
                selection = self.stamp(
                    self.selection("PlainTextSelection", "annotation", f"{label} of {collection.member}", startPosition=str(start), endPosition=str(end)),
                    {"owner": annotation.author, "date": annotation.when},
                )
                if annotation.values:
                    self._description(selection, "; ".join(annotation.values))
                coding = self.stamp(
                    ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{collection.member}:{label}")}),
                    {"owner": annotation.author, "date": annotation.when},
                )
                ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", annotation.tag)})
                found.append(selection)
        where = f"collection {collection.member!r}"
        if collection.extent and collection.extent != length and not outside:
            self.notes.append(
                f"{where}'s pointers cover {collection.extent:,} UTF-16 units, its document's text has {length:,}: the text is not the one CATMA annotated, check the codings"
            )
        if len(collection.targets) > 1:
            self.notes.append(
                f"{where}'s pointers name {len(collection.targets)} documents ({_listed(sorted(collection.targets), 5)}), where CATMA names one: "
                "all were read against its document's text"
            )
        if outside:
            self.outside.setdefault(_document_name(document), (length, UNITS["utf-16"], []))[2].extend(outside)
        if split:
            self.refused.append(
                f"{len(split)} stretch(es) of annotations in {where} start or end inside a character (between the two UTF-16 units of an "
                "emoji or other character outside the BMP: the text is not the one CATMA annotated?; left out): " + _listed(split, 10)
            )
        if untagged:
            self.refused.append(f"{len(untagged)} annotation(s) in {where} have a tag its tagsets do not declare (deleted in CATMA?; left out): " + _listed(untagged, 10))
        if nowhere:
            self.notes.append(LeftOut(f"{len(nowhere)} annotation(s) in {where} hold no stretch of text (no <seg> names them) and were not imported: " + _listed(nowhere, 10)))
        if several:
            self.notes.append(f"{several} annotation(s) in {where} hold separate stretches of text: each stretch is a coding of the annotation's tag")
        self.collections.append(
            {
                "collection": collection.title,
                "file": collection.member,
                "document": _document_name(self.export.owner[collection.member] or ""),
                "tei_version": collection.version,
                "author": collection.author,
                "publisher": collection.publisher,
                "annotations": len(collection.annotations),
                "pointed_to": sorted(collection.targets),
            }
        )
        return found
