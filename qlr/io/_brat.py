"""Reading a brat collection (standoff ``.ann`` beside each ``.txt``) into a Study.

brat (brat.nlplab.org, github.com/nlplab/brat, MIT) is a web annotation tool whose **collection** is a folder of
documents, each a ``doc.txt`` (the text, UTF-8) and a ``doc.ann`` (its annotations, "standoff": they point into the
text by offsets), beside an optional ``annotation.conf`` (the types the annotators may use) that holds for its folder and
the folders below it.  INCEpTION, WebAnno and many NLP tools write the same pairs.  A ``.ann`` line is an id, a tab
and the annotation; the id's first letter says what it is:

* ``T3<TAB>Fatigue 26 30;35 41<TAB>Müde müde``: a **text-bound** annotation of type ``Fatigue`` over one or more
  fragments ``start end`` (a discontinuous one lists several, ``;`` between), then the text it covers (the fragments'
  texts joined by one space);
* ``A1<TAB>Negation T3`` or ``A2<TAB>Certainty T3 Low`` (``M1`` in older files): an **attribute** of an annotation;
* ``N1<TAB>Reference T3 Wikipedia:534366<TAB>Barack Obama``: a **normalization** (a link to an entry of a database);
* ``#1<TAB>AnnotatorNotes T3<TAB>not sure``: an annotator's **note**;
* ``R1<TAB>Explains Arg1:T3 Arg2:T4``, ``E1<TAB>Marry:T5 Person-Arg:T1``, ``*<TAB>Equiv T1 T2``: a **relation**, an
  **event** (its trigger a ``T`` line) and an **equivalence**.

Offsets count **code points** of the ``.txt`` (brat reads it as UTF-8 in Python).  A ``.txt`` saved with CRLF line
ends, or with a byte-order mark, or a tool that counts UTF-16 units, moves them; every ``T`` line says its text, so
where each span lies is checked against it: the ``.qdpx`` importer chooses, per document, the count under which the
texts match (code points, CRLF as one, UTF-16 units, a mark counted or not), and says any span whose text is not the
text at its place.  The whole goes through that importer (:func:`._tool_tree.import_tree`) as the other tools' readers
do.

The files are untrusted: their size capped before they are read, the ``.ann`` and ``annotation.conf`` read as text only.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from natsort import natsort_keygen

from .._codings import annotated
from .._warned import LeftOut
from ..errors import QdpxError, SourceNotFoundError
from ._archive import MAX_QDPX_BYTES, _safe_members
from ._label_studio import file_head
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _TextsOnly
from ._tool_tree import import_tree

__all__ = ["read_brat", "brat_advice", "brat_collection_kind", "collection_folder"]

BRAT = Tool(
    "brat",
    "a brat collection",
    give="give the brat collection's folder (its .txt and .ann files, and annotation.conf), a .zip of it, or one .ann beside its .txt",
    repair="correct the line in the .ann (brat's standoff format: id, tab, type and offsets, tab, text) or annotate the document in brat again",
    changed="annotate the document in brat again",
)
#: The start of a standoff line brat reads: a text-bound annotation (id, type, first fragment), or any other kind's id.
_LINE = re.compile(r"^(?:T\d+\S*\t\S+ \d+ \d+|[RE]\d+\S*\t\S+|[AM]\d+\S*\t\S+ [TERN#*]?\S*|N\d+\S*\t\S+ \S+ |#\S*\t\S+ \S+|\*\S*\t\S+ )")
#: One fragment of a text-bound annotation: "start end".
_FRAGMENT = re.compile(r"^\s*(\d+) (\d+)\s*$")
#: How much of an ``.ann`` file's start :func:`brat_collection_kind` reads to tell.
_HEAD = 1 << 16
#: The most files of a folder :func:`brat_collection_kind` looks at, and how deep.
_LOOK = 5000
_DEPTH = 4
CONF = "annotation.conf"
#: brat's display settings: its ``[labels]`` name the codes (:func:`read_labels`).
VISUAL = "visual.conf"
#: The sections of ``annotation.conf`` whose types annotate text (the codebook); brat's others name links and attributes.
_TYPED = ("entities", "events")
MAX_ANNOTATIONS = 500_000


@dataclass
class _Fragment:
    """One fragment of a text-bound annotation: where it was read, its id, its type and place, the text the ``.ann``
    gives for it (None where a discontinuous annotation's text cannot be split into its fragments'), its coder, memos
    and attribute codes."""

    place: str
    tid: str
    kind: str
    start: int
    end: int
    quote: str | None
    coder: str
    memos: list[str] = field(default_factory=list)
    extra: list[list[str]] = field(default_factory=list)


def brat_collection_kind(path: str | os.PathLike[str]) -> str | None:
    """``"folder"`` where ``path`` is a folder holding brat's standoff files (a ``.ann`` whose lines are brat's, or
    ``.ann`` files beside an ``annotation.conf``), ``"zip"`` for a ``.zip`` of one, ``"ann"`` for one ``.ann``, else None.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "P01_W1.ann"), "w") as f:
    ...     _ = f.write("T1\\tFatigue 0 5\\tTired\\n")
    >>> brat_collection_kind(folder), brat_collection_kind(os.path.join(folder, "P01_W1.ann"))
    ('folder', 'ann')
    """
    given = Path(path)
    if given.is_dir():
        try:
            names = _walk(given)
        except OSError:
            return None
        anns = [name for name in names if name.lower().endswith(".ann")]
        if any(_looks_like_ann(file_head(given / name, _HEAD) or b"") for name in anns[:50]):
            return "folder"
        return "folder" if anns and any(PurePosixPath(name).name == CONF for name in names) and all(not (given / name).stat().st_size for name in anns[:50]) else None
    suffix = given.suffix.lower()
    if suffix == ".ann":
        return "ann" if _looks_like_ann(file_head(given, _HEAD) or b"") else None
    if suffix != ".zip":
        return None
    head = file_head(given, 4)
    if head is None or not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(given) as archive:
            anns = [info for info in archive.infolist() if info.filename.lower().endswith(".ann") and not _hidden(info.filename)]
            if not anns:
                return None
            for info in anns[:50]:
                with archive.open(info) as stream:
                    if _looks_like_ann(stream.read(_HEAD)):
                        return "zip"
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, KeyError):
        return None
    return None


def brat_advice(path: str | os.PathLike[str]) -> tuple[str, str] | None:
    """What a brat file given where a document or a project was asked for is, and what to do with it: for one
    ``.ann`` (the collection's folder is imported, not the file) or a ``.zip`` of a collection; None for any other.
    The one advice :func:`qlr.load` and :func:`qlr.open` give.

    Examples
    --------
    A collection with a folder per case, its ``annotation.conf`` at the top: that top folder is the one to import.

    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp())
    >>> (top / "P01").mkdir()
    >>> _ = (top / "annotation.conf").write_text("[entities]\\nFatigue\\n"), (top / "P01" / "W1.ann").write_text("T1\\tFatigue 0 5\\tTired\\n")
    >>> what, fix = brat_advice(top / "P01" / "W1.ann")
    >>> what
    "brat's standoff annotations (.ann) of the .txt beside it"
    >>> fix == f"import the brat collection's folder: qlr import {top.as_posix()} -o study.qlr (or qlr.io.read_brat in Python)"
    True
    """
    kind = brat_collection_kind(path)
    if kind == "ann":
        # The collection's folder: the highest of the .ann's folder and the two above it holding an annotation.conf
        # (annotators' or participants' folders under it), else the .ann's own folder.
        near = [Path(path).parent, *Path(path).parent.parents][:3]
        folder = next((above for above in reversed(near) if (above / CONF).is_file()), near[0])
        return (
            "brat's standoff annotations (.ann) of the .txt beside it",
            f"import the brat collection's folder: qlr import {folder.as_posix()} -o study.qlr (or qlr.io.read_brat in Python)",
        )
    if kind == "zip":
        return ("a brat collection (.txt and .ann files)", f"import it: qlr import {Path(path).name} -o study.qlr (or qlr.io.read_brat in Python)")
    return None


def collection_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder of the brat collection :func:`brat_collection_kind` finds in ``folder``: the deepest one holding all
    its ``.ann`` files (``folder`` itself for annotators' or participants' folders; ``folder/brat`` for a study folder
    keeping its brat collection in ``brat/``).

    Examples
    --------
    >>> import tempfile, os
    >>> study = tempfile.mkdtemp()
    >>> for name in ("brat/P01_W1.ann", "brat/W2/P01_W2.ann", "transcripts/P01_W1.txt"):
    ...     os.makedirs(os.path.dirname(os.path.join(study, name)), exist_ok=True)
    ...     _ = open(os.path.join(study, name), "w").write("T1\\tFatigue 0 5\\tTired\\n")
    >>> collection_folder(study).relative_to(study).as_posix()
    'brat'
    >>> os.remove(os.path.join(study, "brat/P01_W1.ann"))
    >>> collection_folder(study).relative_to(study).as_posix()
    'brat/W2'
    >>> _ = open(os.path.join(study, "brat/annotation.conf"), "w").write("[entities]\\nFatigue\\n")
    >>> collection_folder(study).relative_to(study).as_posix()
    'brat'
    """
    given = Path(folder)
    parents = [PurePosixPath(name).parent.parts for name in _walk(given) if name.lower().endswith(".ann")]
    shared: list[str] = []
    for parts in zip(*parents):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    # The collection's annotation.conf above them marks its folder ("brat/" over "brat/P01/*.ann", one case coded).
    return next((given.joinpath(*shared[:depth]) for depth in range(len(shared)) if (given.joinpath(*shared[:depth]) / CONF).is_file()), given.joinpath(*shared))


def _hidden(name: str) -> bool:
    """A Mac's resource forks (``__MACOSX/``, ``._doc.ann``) and hidden files, which are no one's annotations."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not parts or parts[0] == "__MACOSX" or any(part.startswith(".") for part in parts)


def _walk(folder: Path, *, whole: bool = False) -> list[str]:
    """The files under ``folder``, as paths relative to it (hidden ones passed over): to tell a collection, those
    ``_DEPTH`` folders down, the first ``_LOOK``; to read it (``whole``), every one."""
    found: list[str] = []
    for top, dirs, files in os.walk(folder):
        depth = len(Path(top).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (whole or depth < _DEPTH))
        found += [(Path(top) / name).relative_to(folder).as_posix() for name in sorted(files) if not name.startswith(".")]
        if not whole and len(found) >= _LOOK:
            break
    return found


def _looks_like_ann(head: bytes) -> bool:
    """Whether the first line of ``head`` that holds anything is a brat standoff annotation.

    >>> _looks_like_ann(b"T1\\tPerson 0 5\\tAlice\\n"), _looks_like_ann(b"\\r\\n#1\\tAnnotatorNotes T1\\tok"), _looks_like_ann(b"id,text\\n")
    (True, True, False)
    """
    try:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="ignore")
    except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
        return False
    line = next((line.rstrip("\r") for line in text.split("\n") if line.strip()), "")
    return bool(_LINE.match(line))


def read_brat(
    path: str | os.PathLike[str],
    *,
    coder: str | None = None,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a brat collection (each document's ``.txt`` and its standoff ``.ann``) as a Study.

    Each ``.txt`` becomes a document and each text-bound annotation a coding, then the whole goes through the ``.qdpx``
    importer (so options and results are :func:`read_qdpx`'s).  The files are only read.

    Parameters
    ----------
    path : str or PathLike
        The collection's folder (``.txt`` and ``.ann`` files, in folders as deep as you keep them, and
        ``annotation.conf``), a ``.zip`` of it, or one ``.ann`` (its ``.txt`` beside it; its ``annotation.conf`` and
        ``visual.conf`` each from its folder or the nearest folder above, as brat looks them up).  A folder whose folders each
        hold the same documents (``ann1/P01.ann``, ``ann2/P01.ann``) is read as one folder per annotator.
    coder : str, optional
        Who annotated (brat's files name no one); ignored where the folders are the annotators'.
    wave, case, kind, speakers
        As for :func:`read_catma`: waves, cases, kinds and speaker roles by rule; a document is named by its path in the
        collection without ``.txt`` (``P01/W1_interview``), so ``--wave 'pattern:…'`` reads folders too.
    max_bytes : int
        Refuse a collection (or a zip's contents) larger than this many bytes.

    Returns
    -------
    Study
        A document per ``.txt``; a code per type (nested as ``annotation.conf`` nests them, a ``!`` type a category no
        one codes, named by its label in ``visual.conf`` where it has one); a coding per fragment of each text-bound
        annotation (origin ``import``; a passage brat split at line breaks one coding), its notes and normalizations
        its memo; an attribute a code of its own on the same passage (``Negation``; ``Certainty`` > ``Low`` where it
        has a value; ``Negation (attribute)`` where a type has its name).  Relations, events' arguments and
        equivalences are said, with their ids.
        ``study.meta["import"]`` reports as for a ``.qdpx``, with ``format`` ``"brat"`` and each document read.

    Raises
    ------
    SourceNotFoundError
        No such file or folder.
    QdpxError
        Not a brat collection, a ``.ann`` line brat would not read (its file and line named), or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, warnings
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "P01_W1.txt"), "w", encoding="utf-8") as f:
    ...     _ = f.write("Tired – but coping.")
    >>> with open(os.path.join(folder, "P01_W1.ann"), "w", encoding="utf-8") as f:
    ...     _ = f.write("T1\\tCoping 8 18\\tbut coping\\n")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_brat(folder, coder="ann")
    >>> coding = study.codings.iloc[0]
    >>> coding["coder"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('ann', 'but coping')
    """
    given = Path(path)
    if not given.exists():
        raise SourceNotFoundError("no such brat collection", path=given, hint=BRAT.give)
    check_rules(wave=wave, case=case, kind=kind)
    found = brat_collection_kind(given)
    if found is None:
        raise QdpxError(
            "this is not a brat collection: no .ann file whose lines are brat's standoff annotations (T1<TAB>Type 0 5<TAB>text …), "
            "in a folder, a .zip, or given alone",
            path=given,
            hint=BRAT.give,
        )
    if found == "folder":
        names = _walk(given, whole=True)
        files = {}
        total = 0
        for name in names:
            if name.lower().endswith((".ann", ".txt")) or PurePosixPath(name).name in (CONF, VISUAL):
                total += (given / name).stat().st_size
                if total > max_bytes:
                    raise QdpxError(f"the collection's .txt and .ann files are more than the {max_bytes:,} bytes qlr reads (max_bytes)", path=given, hint="import fewer documents, or raise max_bytes")
                files[name] = (given / name).read_bytes()
    elif found == "zip":
        if given.stat().st_size > max_bytes:
            raise QdpxError(f"the .zip is {given.stat().st_size:,} bytes, more than the {max_bytes:,} qlr reads (max_bytes)", path=given, hint="import fewer documents, or raise max_bytes")
        files = _without_top_folder({name: data for name, data in _safe_members(given, max_bytes).items() if not _hidden(name)})
    else:
        files = {}
        # brat takes a document's annotation.conf and visual.conf from its folder or the nearest folder above holding
        # one (each looked up on its own): so does one .ann read alone, and the note says which files were read.
        confs = {name: _nearest(given.parent, name) for name in (CONF, VISUAL)}
        for name, beside in ((given.name, given), (given.with_suffix(".txt").name, given.with_suffix(".txt")), *confs.items()):
            if beside is not None and beside.is_file():
                if beside.stat().st_size > max_bytes:
                    raise QdpxError(f"{beside.name} is {beside.stat().st_size:,} bytes, more than the {max_bytes:,} qlr reads (max_bytes)", path=beside, hint="raise max_bytes")
                files[name] = beside.read_bytes()
    built = _BratTree(given, files, coder=coder, zipped=found == "zip")
    if found == "ann":
        above = [f"{name} from {where}" for name, where in confs.items() if where is not None and where.parent != given.parent.resolve()]
        if above:
            built.notes.append("one .ann read alone, with the " + " and ".join(above) + " (the nearest folder above it holding one, as brat looks)")
    extra = {"collection": str(given), "annotators": built.annotators, "documents": built.read}
    study = import_tree(built, given, wave=wave, case=case, kind=kind, speakers=speakers, extra=extra, quoted=True)
    return annotated(study, {who: set(names) for who, names in built.annotated.items()})


def _nearest(folder: Path, name: str) -> Path | None:
    """The file ``name`` in ``folder`` or the nearest folder above holding one (brat's look-up of a document's
    ``annotation.conf`` and ``visual.conf``), or None.

    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp()); (top / "P01").mkdir(); _ = (top / CONF).write_text("[entities]\\nA\\n")
    >>> _nearest(top / "P01", CONF) == (top / CONF).resolve(), _nearest(top / "P01", "none.conf")
    (True, None)
    """
    for above in (folder.resolve(), *folder.resolve().parents):
        if (above / name).is_file():
            return above / name
    return None


def _without_top_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip's files named below the one folder they are all in (the collection's folder, zipped whole), as the folder
    itself would name them.

    >>> list(_without_top_folder({"news/a.ann": b"", "news/sub/b.txt": b""})), list(_without_top_folder({"a/x.ann": b"", "b/x.ann": b""}))
    (['a.ann', 'sub/b.txt'], ['a/x.ann', 'b/x.ann'])
    """
    tops = {PurePosixPath(name).parts[0] for name in files}
    if len(tops) != 1 or any(len(PurePosixPath(name).parts) < 2 for name in files):
        return files
    return {PurePosixPath(*PurePosixPath(name).parts[1:]).as_posix(): data for name, data in files.items()}


# ---------------------------------------------------------------- annotation.conf
def read_conf(text: str) -> tuple[list[tuple[list[str], bool]], list[str]]:
    """The types of an ``annotation.conf``'s ``[entities]`` and ``[events]`` sections, each with its path of names from
    the top (brat nests a type under the last one less indented) and whether it may be used (``!Life`` may not: a
    heading only), in the file's order; and its ``[attributes]``' names.

    A line's first name is the type (``Person | Per`` gives brat's short labels after ``|``); a line of hyphens, a
    ``#`` comment and a ``<MACRO>=…`` are no type.

    Examples
    --------
    >>> conf = "[entities]\\nFeeling\\n\\tFatigue\\n\\tHope | H\\n!Support\\n\\tFamily\\n[events]\\nMove\\tPerson:Feeling\\n[attributes]\\nNegation\\tArg:<ENTITY>\\n"
    >>> types, attributes = read_conf(conf)
    >>> [("/".join(path), usable) for path, usable in types], attributes
    ([('Feeling', True), ('Feeling/Fatigue', True), ('Feeling/Hope', True), ('Support', False), ('Support/Family', True), ('Move', True)], ['Negation'])
    """
    types: list[tuple[list[str], bool]] = []
    attributes: list[str] = []
    section = ""
    above: dict[int, list[str]] = {}
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        heading = re.fullmatch(r"\s*\[(\w+)\]\s*", line)
        if heading:
            section, above = heading.group(1).lower(), {}
            continue
        if re.fullmatch(r"\s*-+\s*", line) or re.match(r"\s*<[\w-]+>\s*=", line):
            continue
        name = re.split(r"\s", line.strip(), maxsplit=1)[0].split("|")[0].strip()
        if not name:
            continue
        if section == "attributes":
            attributes.append(name)
            continue
        if section not in _TYPED:
            continue
        depth = len(line) - len(line.lstrip())  # brat: one level a whitespace character of indent (a tab)
        usable = not name.startswith("!")
        name = name.lstrip("!")
        parent = next((above[d] for d in range(depth - 1, -1, -1) if d in above), [])
        path = [*parent, name]
        above = {d: p for d, p in above.items() if d < depth}
        above[depth] = path
        types.append((path, usable))
    return types, attributes


def _across_lines(fragments: list[_Fragment], text: str) -> _Fragment | None:
    """One fragment over a passage brat split at its line breaks, or None.

    brat (and INCEpTION's brat export) cannot mark a span across a line break: they write it as a fragment per line
    (``T1<TAB>Fatigue 5 12;13 20<TAB>…``).  Where every fragment's text is at its place (code points, a byte-order mark
    counted or not, a CRLF one character or two) and only white space holding a line break lies between them, they are one passage: one fragment
    from the first's start to the last's end, its text the passage's.  Anything else stays a fragment each.

    >>> frags = [_Fragment("x", "T1", "Fatigue", 3, 9, "Tired,", ""), _Fragment("x", "T1", "Fatigue", 11, 16, "still", "")]
    >>> _across_lines(frags, "P: Tired,\\n\\nstill.").quote, _across_lines(frags, "P: Tired, and still.")
    ('Tired,\\n\\nstill', None)
    """
    if any(fragment.quote is None for fragment in fragments):
        return None
    plain = text.removeprefix("\ufeff")
    for body in dict.fromkeys((text, plain, text.replace("\r\n", "\n"), plain.replace("\r\n", "\n"))):
        at_place = all(body[fragment.start : fragment.end] == fragment.quote for fragment in fragments)
        if at_place and all(re.fullmatch(r"[^\S\r\n]*(?:\r\n|[\r\n\u2028\u2029\x85])\s*", body[one.end : two.start]) for one, two in zip(fragments, fragments[1:])):
            first, last = fragments[0], fragments[-1]
            return replace(first, end=last.end, quote=body[first.start : last.end])
    return None


def read_labels(text: str) -> dict[str, str]:
    """The display labels of a ``visual.conf``'s ``[labels]``: each type's (or attribute's) full form, by its name.

    brat's names are ASCII letters, digits, ``_`` and ``-`` (``Social_support``); a line ``NAME | Full form | Abbr``
    gives the form brat shows its annotators (``Social support``), which may hold spaces.  A line with no second form
    gives none.

    Examples
    --------
    >>> read_labels("[labels]\\n# forms\\nSocial_support | Social support | Support\\nFatigue | Fatigue\\nHope\\n[drawing]\\nFatigue\\tbgColor:#fff\\n")
    {'Social_support': 'Social support', 'Fatigue': 'Fatigue'}
    """
    labels: dict[str, str] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            section = heading.group(1).lower()
            continue
        forms = [form.strip() for form in line.split("|")]
        if section == "labels" and len(forms) > 1 and forms[0] and forms[1]:
            labels.setdefault(forms[0], forms[1])
    return labels


# ---------------------------------------------------------------- the tree
class _BratTree(_TextsOnly):
    """The REFI-QDA ``<Project>`` a brat collection stands for: a ``.txt`` a text source, a type a code, a text-bound
    annotation's fragment a selection named by its text (so the importer checks it lies where its text is)."""

    key = "brat"

    def __init__(self, path: Path, files: dict[str, bytes], *, coder: str | None, zipped: bool) -> None:
        _TextsOnly.__init__(self, path, {"project": [{"about": "brat", "databaseversion": "standoff"}]})
        self.texts: dict[str, str] = {}
        self.fragments: dict[str, list[_Fragment]] = {}
        self.read: list[dict[str, Any]] = []
        self.annotated: dict[str, list[str]] = {}  # a coder → the documents whose .ann they wrote (codings or none)
        self._zipped = zipped
        self._ann = ""  # the .ann being read, for the errors in it
        self._codes: dict[str, tuple[list[str], bool]] = {}  # a code's key → (its path of names, codable)
        self._in_conf: set[str] = set()
        self._type_paths: dict[str, list[str]] = {}  # a type → its path in the first annotation.conf naming it
        found: dict[str, Any] = {"relations": [], "events": [], "equivalences": [], "orphans": [], "no_text": [], "no_ann": [], "empty": [], "discontinuous": [], "across_lines": [], "unsplit": [], "on_events": 0, "not_in_conf": Counter(), "none_coded": []}
        documents, self.annotators = self._documents(files)
        confs = self._confs(files, found)
        self._labels: dict[str, str] = {}  # a type's (or attribute's) display label, from the first visual.conf giving it
        for name in sorted((n for n in files if PurePosixPath(n).name == VISUAL), key=lambda n: (n.count("/"), n)):
            for kind, label in read_labels(self._decode(files[name], name).removeprefix("\ufeff")).items():
                self._labels.setdefault(kind, label)
        if not documents:
            raise QdpxError("the collection holds no document (no .ann or .txt file)", path=path, hint=BRAT.give)
        total = 0
        for name, (txt, copies) in sorted(documents.items(), key=lambda item: natsort_keygen()(item[0])):
            if txt is None:
                found["no_text"] += [f"{ann} ({self._lines(files[ann])} line(s))" for _, ann in copies]
                continue
            text = self._decode(files[txt], txt)
            self.texts[name] = text
            self.fragments[name] = []
            if not copies:
                found["no_ann"].append(txt)
            conf = self._conf_for(txt, confs)
            counted = 0
            each = []
            for who, ann in copies:
                each.append(self._read_ann(ann, files[ann], name, who or coder or "", conf, found))
                counted += each[-1]
            total += counted
            if total > MAX_ANNOTATIONS:
                raise QdpxError(f"the collection holds more than {MAX_ANNOTATIONS:,} text-bound fragments, the most qlr imports", path=path, hint="import fewer documents")
            self.read.append({"document": name, "txt": txt, "ann": [ann for _, ann in copies], "fragments": len(self.fragments[name])})
            # Who annotated the document, codings or none: an annotator's folder (or the one coder= named) holding its
            # .ann says they had it, so agreement counts their empty .ann as coding nothing, not as not reading it.
            for (who, ann), fragments in zip(copies, each):
                if who or coder:
                    self.annotated.setdefault(who or coder or "", []).append(name)
                    if not fragments:
                        found["none_coded"].append(ann)
        if not self.texts:
            raise QdpxError(
                f"no .ann file of the collection has its .txt ({_listed(found['no_text'], 5)}): brat needs the text beside each .ann, of the same name",
                path=path,
                hint=BRAT.give,
            )
        self._attributes_apart(found)
        self._said(found, coder=coder, confs=confs)

    # ------------------------------------------------------------ the files
    def _documents(self, files: dict[str, bytes]) -> tuple[dict[str, tuple[str | None, list[tuple[str | None, str]]]], list[str]]:
        """Each document by name (its path without ``.txt``, below any annotator's folder): its ``.txt`` and each
        ``(annotator, .ann)``; and the annotators, where the top folders are theirs (each holds the same documents)."""
        stems: dict[str, dict[str, str]] = {}
        for name in files:
            suffix = PurePosixPath(name).suffix.lower()
            if suffix in (".txt", ".ann"):
                stems.setdefault(name[: -len(suffix)], {})[suffix] = name
        annotators = self._annotator_folders({stem: {suffix: files[name] for suffix, name in pair.items()} for stem, pair in stems.items()})
        documents: dict[str, tuple[str | None, list[tuple[str | None, str]]]] = {}
        for stem, pair in sorted(stems.items()):
            top, _, below = stem.partition("/")
            who, rest = (top, below) if top in annotators and below else (None, stem)  # a text at the top is everyone's
            txt, copies = documents.get(rest, (None, []))
            if ".ann" in pair:
                copies.append((who, pair[".ann"]))
            documents[rest] = (txt or pair.get(".txt"), copies)
        return documents, annotators

    @staticmethod
    def _annotator_folders(stems: dict[str, dict[str, bytes]]) -> list[str]:
        """The top folders, where they are annotators' (a folder each, as INCEpTION's and many teams' exports keep
        them): no ``.ann`` at the top, two folders or more, every document in each folder in another too (the same path
        below) with the same text.  Participants' folders (``P01/W1``, ``P02/W1``) hold other texts: they are not.

        >>> same = {".ann": b"", ".txt": b"I: Hello?"}
        >>> _BratTree._annotator_folders({"ann1/P01": same, "ann2/P01": same, "ann2/P02": {".ann": b""}, "ann1/P02": {".ann": b""}})
        ['ann1', 'ann2']
        >>> _BratTree._annotator_folders({"P01/W1": {".ann": b"", ".txt": b"Tired."}, "P02/W1": {".ann": b"", ".txt": b"Fine."}})
        []

        A ``.ann`` is read against the text beside it or one shared at the top (``P01.txt`` beside ``ana/P01.ann``),
        never against another folder's: waves' folders, one missing a text (``W1/P01.txt``, ``W1/P01.ann``,
        ``W2/P01.ann``), are not annotators'.

        >>> _BratTree._annotator_folders({"W1/P01": {".ann": b"", ".txt": b"Tired."}, "W2/P01": {".ann": b""}})
        []
        >>> _BratTree._annotator_folders({"ana/P01": {".ann": b""}, "ben/P01": {".ann": b""}, "P01": {".txt": b"Tired."}})
        ['ana', 'ben']
        """
        annotated = [stem for stem, pair in stems.items() if ".ann" in pair]
        if not annotated or any("/" not in stem for stem in annotated):
            return []
        held: dict[str, set[str]] = {}
        texts: dict[str, set[bytes]] = {}
        missing: set[str] = set()
        for stem in annotated:
            who, _, rest = stem.partition("/")
            held.setdefault(who, set()).add(rest)
            beside = [pair[".txt"] for pair in (stems[stem], stems.get(rest, {})) if ".txt" in pair]
            if beside:
                texts.setdefault(rest, set()).update(beside)
            else:
                missing.add(rest)
        # A .ann whose text is in another top folder only (not beside it, nor shared at the top) is no annotator's copy.
        if len(held) < 2 or any(len(copies) > 1 for copies in texts.values()) or missing & set(texts):
            return []
        for who, documents in held.items():
            others = set().union(*(docs for other, docs in held.items() if other != who))
            if not documents <= others:
                return []
        return sorted(held)

    def _where(self, name: str) -> str:
        return f"{name} in {self.path.name}" if self._zipped else name

    def _at(self, name: str, **position: int) -> dict[str, Any]:
        """Where an error in the collection's file ``name`` is: that file and the line (or byte) in it; in a zip, the zip
        (the member and line are in the message)."""
        if self._zipped:
            return {"path": self.path}
        return {"path": (self.path if self.path.is_dir() else self.path.parent) / name, **position}

    def _decode(self, data: bytes, name: str) -> str:
        """A ``.txt``'s or ``.ann``'s text: UTF-8 as brat reads it (a byte-order mark kept: the importer tries both counts)."""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QdpxError(
                f"{self._where(name)} is not UTF-8 text (byte {exc.start}): brat reads its files as UTF-8",
                **self._at(name, position=exc.start),
                hint="save the file as UTF-8 (the offsets in its .ann count its characters) and import again",
            ) from None

    @staticmethod
    def _lines(data: bytes) -> int:
        return sum(1 for line in data.split(b"\n") if line.strip())

    def _confs(self, files: dict[str, bytes], found: dict[str, Any]) -> dict[str, tuple[list[tuple[list[str], bool]], list[str]]]:
        """Each ``annotation.conf`` by its folder (``""`` the top), read; its types' paths noted for the codebook (the
        first conf to name a type places it)."""
        confs = {}
        for name in sorted((n for n in files if PurePosixPath(n).name == CONF), key=lambda n: (n.count("/"), n)):
            folder = name[: -len(CONF)].rstrip("/")
            types, attributes = confs[folder] = read_conf(self._decode(files[name], name).removeprefix("\ufeff"))
            for path, usable in types:
                if path[-1] not in self._type_paths:
                    self._type_paths[path[-1]] = path
                    self._codes.setdefault("\x1f".join(path), (path, usable))
                    self._in_conf.add(path[-1])
        return confs

    @staticmethod
    def _conf_for(txt: str, confs: dict[str, Any]) -> Any:
        """The ``annotation.conf`` that holds for a document: in its folder, else the nearest folder above (as brat looks)."""
        folder = PurePosixPath(txt).parent
        while True:
            key = "" if str(folder) == "." else folder.as_posix()
            if key in confs:
                return confs[key]
            if key == "":
                return None
            folder = folder.parent

    # ------------------------------------------------------------ one .ann
    def _read_ann(self, ann: str, data: bytes, document: str, coder: str, conf: Any, found: dict[str, Any]) -> int:
        """One ``.ann``'s annotations: its text-bound ones a fragment each (to ``self.fragments[document]``), notes,
        normalizations and attributes on them; the rest counted in ``found``.  Returns the fragments read."""
        where = self._where(ann)
        self._ann = ann
        text = self._decode(data, ann).removeprefix("\ufeff")
        bound: dict[str, list[_Fragment]] = {}
        triggers: dict[str, str] = {}  # an event's id → its trigger's
        on: list[tuple[str, str, str, str]] = []  # (what, its id, its target, memo or attribute) for after every line is read
        for number, raw in enumerate(text.split("\n"), start=1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            place = f"{where}, line {number}"
            aid, tab, rest = line.partition("\t")
            aid = aid.strip()
            if not tab or not aid:
                raise QdpxError(f"{place} is not a brat annotation (an id, a tab, then the annotation): {line[:80]!r}", **self._at(self._ann, line=number), hint=BRAT.repair)
            data_part, _, tail = rest.partition("\t")
            first = aid[0]
            if first == "T":
                if aid in bound:
                    raise QdpxError(f"{place}: the id {aid} is used twice in the file (brat refuses the file)", **self._at(self._ann, line=number), hint=BRAT.repair)
                bound[aid] = self._text_bound(aid, data_part, tail, place, number, coder)
            elif first in "AM":
                parts = data_part.split(maxsplit=2)  # a value may hold spaces, as brat reads it
                if len(parts) < 2:
                    raise QdpxError(f"{place}: an attribute is its name, the id it is on and perhaps a value ({data_part[:80]!r})", **self._at(self._ann, line=number), hint=BRAT.repair)
                on.append(("attribute", aid, parts[1], "\x1f".join([parts[0], *parts[2:]])))
            elif first == "N":
                parts = data_part.split()
                if len(parts) != 3:
                    raise QdpxError(f"{place}: a normalization is its type, the id it is on and DATABASE:ID ({data_part[:80]!r})", **self._at(self._ann, line=number), hint=BRAT.repair)
                on.append(("memo", aid, parts[1], f"{parts[0]}: {parts[2]}" + (f" ({tail.strip()})" if tail.strip() else "")))
            elif first == "#":
                parts = data_part.split()
                if len(parts) != 2:
                    raise QdpxError(f"{place}: a note is its type (AnnotatorNotes), the id it is on, a tab and the note ({data_part[:80]!r})", **self._at(self._ann, line=number), hint=BRAT.repair)
                said = tail.strip()
                if said:
                    on.append(("memo", aid, parts[1], said if parts[0] == "AnnotatorNotes" else f"{parts[0]}: {said}"))
            elif first == "R":
                found["relations"].append(f"{ann}:{aid} ({data_part.strip()})")
            elif first == "E":
                trigger = data_part.split()[0].partition(":")[2] if data_part.split() else ""
                triggers[aid] = trigger
                found["events"].append(f"{ann}:{aid} ({data_part.strip()})")
            elif first == "*":
                found["equivalences"].append(f"{ann}:{data_part.strip()}")
            else:
                raise QdpxError(f"{place}: {aid!r} is no kind of brat annotation (T, A, M, N, R, E, * or #)", **self._at(self._ann, line=number), hint=BRAT.repair)
        for what, aid, target, said in on:
            held = bound.get(target) or bound.get(triggers.get(target, ""))
            if held is None:
                found["orphans"].append(f"{ann}:{aid} (on {target})")
                continue
            found["on_events"] += target in triggers
            for fragment in held:
                if what == "memo":
                    fragment.memos.append(said)
                else:
                    fragment.extra.append(said.split("\x1f"))
        kept = 0
        for tid, fragments in bound.items():
            joined = _across_lines(fragments, self.texts[document]) if len(fragments) > 1 else None
            if joined is not None:
                found["across_lines"].append(f"{ann}:{tid} ({len(fragments)})")
                fragments = [joined]
            if len(fragments) > 1:
                found["discontinuous"].append(f"{ann}:{tid} ({len(fragments)})")
                if fragments[0].quote is None:
                    found["unsplit"].append(f"{ann}:{tid}")
            for fragment in fragments:
                if fragment.start == fragment.end:
                    found["empty"].append(f"{ann}:{tid}")
                    continue
                self._type_code(fragment.kind, conf, found)
                self.fragments[document].append(fragment)
                kept += 1
        return kept

    def _text_bound(self, tid: str, data: str, tail: str, place: str, number: int, coder: str) -> list[_Fragment]:
        """A ``T`` line's fragments, each with its text where the line's text splits into the fragments' (joined by one
        space, as brat writes them).

        >>> tree = _BratTree.__new__(_BratTree); tree.path = Path("x"); tree._ann = "x.ann"
        >>> [(f.start, f.end, f.quote) for f in tree._text_bound("T1", "Hope 0 4;10 14", "very hope", "x", 1, "")]
        [(0, 4, 'very'), (10, 14, 'hope')]
        """
        kind, _, spans = data.partition(" ")
        fragments = []
        for part in spans.split(";"):
            match = _FRAGMENT.match(part)
            if not kind.strip() or match is None:
                raise QdpxError(
                    f"{place}: {tid} is not 'TYPE START END' (fragments 'START END' with ';' between, then a tab and the text): {data[:80]!r}",
                    **self._at(self._ann, line=number),
                    hint=BRAT.repair,
                )
            start, end = int(match.group(1)), int(match.group(2))
            if end < start:
                raise QdpxError(f"{place}: {tid} ends ({end}) before it starts ({start})", **self._at(self._ann, line=number), hint=BRAT.repair)
            fragments.append(_Fragment(place, tid, kind.strip(), start, end, None, coder))
        quote = tail.rstrip("\r\n")
        lengths = [f.end - f.start for f in fragments]
        if len(fragments) == 1:
            fragments[0].quote = quote or None
        elif sum(lengths) + len(fragments) - 1 == len(quote):
            at = 0
            for fragment, length in zip(fragments, lengths):
                fragment.quote, at = quote[at : at + length] or None, at + length + 1
        return fragments

    def _type_code(self, kind: str, conf: Any, found: dict[str, Any]) -> None:
        """Note the code of an annotation type: where an ``annotation.conf`` places it, else at the top (said where a conf holds)."""
        path = self._type_paths.get(kind)
        if path is None:
            path = self._type_paths[kind] = [kind]
            self._codes["\x1f".join(path)] = (path, True)
            if conf is not None:
                found["not_in_conf"][kind] += 1
        elif conf is not None and kind not in self._in_conf:
            found["not_in_conf"][kind] += 1

    def _attributes_apart(self, found: dict[str, Any]) -> None:
        """Name an attribute's code ``NAME (attribute)`` where a type has its name, so the two stay two codes.

        brat keeps types and attributes apart (``[entities]`` and ``[attributes]``), so a conf may use one name for
        both (a type ``Negation`` and an attribute ``Negation`` on other types); as codes of one name they would be one
        code (a ``Negation`` attribute on a ``Negation`` annotation one coding, not two), or the attribute's values
        would sit under the type's code.  Said in a note, with the names.

        >>> tree = _BratTree.__new__(_BratTree)
        >>> tree._codes = {"Negation": (["Negation"], True)}
        >>> tree.fragments = {"P01": [_Fragment("x", "T1", "Negation", 0, 5, None, "", extra=[["Negation"], ["Certainty", "Low"]])]}
        >>> found = {"attribute_named_as_type": []}
        >>> tree._attributes_apart(found)
        >>> tree.fragments["P01"][0].extra, found
        ([['Negation (attribute)'], ['Certainty', 'Low']], {'attribute_named_as_type': ['Negation']})
        """
        types = {name for path, _ in self._codes.values() for name in path}
        clash = sorted({path[0] for fragments in self.fragments.values() for fragment in fragments for path in fragment.extra} & types)
        if not clash:
            return
        for fragments in self.fragments.values():
            for fragment in fragments:
                fragment.extra = [[f"{path[0]} (attribute)", *path[1:]] if path[0] in clash else path for path in fragment.extra]
        found["attribute_named_as_type"] = clash

    # ------------------------------------------------------------ what was not carried
    def _said(self, found: dict[str, Any], *, coder: str | None, confs: dict[str, Any]) -> None:
        ids = 10
        if found["no_text"]:
            self.refused.append(f"{len(found['no_text'])} .ann file(s) have no .txt of the same name beside them, so their annotations were not imported: " + _listed(found["no_text"], ids))
        if found["no_ann"]:
            self.notes.append(f"{len(found['no_ann'])} .txt file(s) have no .ann beside them (no one annotated them in brat): imported as documents without codings: " + _listed(found["no_ann"], ids))
        if found["discontinuous"]:
            self.notes.append(
                f"{len(found['discontinuous'])} discontinuous annotation(s) (fragments with ';' between) are a coding per fragment, each of the annotation's "
                "type and with its notes, so one annotation counts as several codings: file:id (fragments) " + _listed(found["discontinuous"], ids)
                + (f"; the text of {len(found['unsplit'])} does not split into its fragments' (placed by their offsets only): " + _listed(found["unsplit"], ids) if found["unsplit"] else "")
            )
        if found["across_lines"]:
            self.notes.append(
                f"{len(found['across_lines'])} annotation(s) run across line breaks, which brat (and INCEpTION) write as a fragment per line: "
                "each is one coding over the whole passage, line breaks included: file:id (fragments) " + _listed(found["across_lines"], ids)
            )
        if found["empty"]:
            self.notes.append(LeftOut(f"{len(found['empty'])} fragment(s) cover no text (start = end) and were not imported: " + _listed(found["empty"], ids)))
        for key, what in (
            ("relations", "relation(s) (R) link two annotations, not text, and were not imported: file:id (type and arguments) "),
            ("events", f"event(s) (E): each trigger (its T line) is a coding of the event's type, with the event's attributes and notes ({found['on_events']} moved onto their trigger); the arguments that link it to other annotations were not imported: file:id (type:trigger and arguments) "),
            ("equivalences", "equivalence(s) (*) say annotations are one entity and were not imported: file:type and ids "),
            ("orphans", "attribute(s), normalization(s) or note(s) are on a relation, an equivalence or an id no text-bound annotation of their .ann has, and were not imported: file:id (on) "),
        ):
            if found[key]:
                self.notes.append(LeftOut(f"{len(found[key])} {what}" + _listed(found[key], ids)))
        if found.get("attribute_named_as_type"):
            named = ", ".join(found["attribute_named_as_type"])
            self.notes.append(
                f"{len(found['attribute_named_as_type'])} attribute(s) have the name of an annotation type ({named}): each is the code "
                "'NAME (attribute)', apart from the type's code"
            )
        if found["not_in_conf"]:
            shown = _listed([f"{kind} ({count})" for kind, count in sorted(found["not_in_conf"].items())], 20)
            self.notes.append(f"{len(found['not_in_conf'])} annotation type(s) used in the .ann files are not in annotation.conf (a code at the top of the tree each): {shown}")
        if found["none_coded"]:
            self.notes.append(
                f"{len(found['none_coded'])} .ann file(s) of a known annotator hold no coding: each counts as its annotator having read "
                "the document and coded nothing there, so agreement compares them (a code the other coder applied there is a "
                "disagreement); remove the .ann of a document its annotator never opened: " + _listed(found["none_coded"], ids)
            )
        if self.annotators:
            self.notes.append(f"the collection's top folders are {len(self.annotators)} annotators' (each holds the same documents): " + ", ".join(self.annotators) + "; each folder's annotations are that coder's")
        elif not coder:
            self.notes.append("brat's files name no annotator, so the codings have no coder (give one: read_brat(…, coder='name'), qlr import … --coder name)")

    # ------------------------------------------------------------ the tree's parts
    def codebook(self) -> tuple[ET.Element, set[str]]:  # type: ignore[override]
        """``<Codes>``: the types as ``annotation.conf`` lists and nests them (then any it does not name, by name), then
        the attributes' codes, by name; each named by its label in ``visual.conf`` where it has one (its brat name in its
        description)."""
        types = set(self._codes)
        for fragments in self.fragments.values():
            for fragment in fragments:
                for path in fragment.extra:
                    self._codes.setdefault("\x1f".join(path), (path, True))
        codes = ET.Element(f"{_NS}Codes")
        elements: dict[str, ET.Element] = {}
        keyed = natsort_keygen()
        ordered = [key for key in self._codes if self._codes[key][0][-1] in self._in_conf]
        ordered += sorted((key for key in self._codes if key not in ordered), key=lambda key: keyed(self._codes[key][0]))
        for key in ordered:
            path, usable = self._codes[key]
            parent = codes
            for depth in range(1, len(path) + 1):
                inner = "\x1f".join(path[:depth])
                if inner not in elements:
                    codable = usable if depth == len(path) else self._codes.get(inner, (None, True))[1]
                    name = path[depth - 1]
                    label = self._labels.get(name) if key in types or depth == 1 else None  # an attribute's value is no type
                    elements[inner] = ET.SubElement(parent, f"{_NS}Code", {"guid": self.guid("code", inner), "name": label or name, "isCodable": "true" if codable else "false"})
                    if label and label != name:
                        ET.SubElement(elements[inner], f"{_NS}Description").text = f"brat's {name} (its label in visual.conf: {label})"
                parent = elements[inner]
        return codes, set(elements)

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        return ET.Element(f"{_NS}Variables"), {}

    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        """A text source per ``.txt`` (as written: the importer reads a CRLF or a byte-order mark by the count that fits),
        a selection per fragment named by its text, a coding of its type and one of each attribute's code."""
        part = ET.Element(f"{_NS}Sources")
        guids: dict[str, str] = {}
        for document, text in self.texts.items():
            guid = guids[document] = self.guid("source", document)
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": document})
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text
            for number, fragment in enumerate(self.fragments.get(document, []), start=1):
                row = {"owner": fragment.coder, "date": None}
                key = f"{document}:{number}"
                named = {"name": fragment.quote} if fragment.quote else {}
                selection = self.stamp(self.selection("PlainTextSelection", "fragment", key, startPosition=str(fragment.start), endPosition=str(fragment.end), **named), row)
                self.labels[selection.get("guid", "")] = f"{fragment.place.rsplit(', line', 1)[0]} {fragment.tid}"
                self._description(selection, "\n".join(dict.fromkeys(fragment.memos)))
                paths = [self._type_paths[fragment.kind], *fragment.extra]
                for code in dict.fromkeys("\x1f".join(path) for path in paths):
                    coding = self.stamp(ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{key}:{code}")}), row)
                    ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", code)})
                outer.append(selection)
        return part, guids
