"""The one check of what a QDA tool's reader is given, and the one hand-over of the project, read into a REFI-QDA tree,
to the ``.qdpx`` importer.

Every reader of a tool's files (:mod:`._doccano`, :mod:`._label_studio`, :mod:`._inception`, :mod:`._transana`,
:mod:`._catma`, :mod:`._qualcoder`, :mod:`._taguette`, :mod:`._rqda`, and :func:`._qdpx_read.read_qdpx` itself) begins
with :func:`checked_export`: whether the path is there, a file or a folder as the tool writes, empty, the tool's by its
content, and within ``max_bytes``, each said in one wording whichever tool it is.  :func:`too_large` is the one wording
of the limit for what a reader counts as it reads (a folder's files, an archive's members).

Every reader of a tool's own files (:mod:`._qualcoder`, :mod:`._rqda`, :mod:`._taguette`, :mod:`._catma`, :mod:`._transana`, and any
new one) builds its :class:`._qualcoder._Tree` and ends with :func:`import_tree`, kept here, in no one reader's module,
so what :class:`._qdpx_read._Importer` is given is decided once.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._warned import keep_warnings, noting_warnings
from ..errors import QdpxError, SourceNotFoundError
from ._archive import PROJECT_NAMESPACE
from ._qdpx_read import _Importer, _speaker_roles

if TYPE_CHECKING:  # pragma: no cover
    from ._qualcoder import _Tree

__all__ = ["REFI_QDA", "Tool", "checked_export", "import_tree", "too_large"]

_PROJECT_NS = f"{{{PROJECT_NAMESPACE}}}"


@dataclass(frozen=True)
class Tool:
    """What the reading of one tool's project says to its user: the tool's name and how to fix what is wrong."""

    name: str
    #: Its project or export, with the article ("a QualCoder project"); without it, what a missing path was to be.
    project: str
    #: What to give instead (``hint`` of a file that is not the tool's project).
    give: str
    #: How to get a damaged project read again.
    repair: str
    #: What to do with a project changed outside the tool.
    changed: str


#: A REFI-QDA project (``.qdpx``, or its ``.qde`` unzipped), whichever tool exported it (:func:`._qdpx_read.read_qdpx`).
REFI_QDA = Tool(
    "REFI-QDA",
    "a REFI-QDA project",
    give="give the .qdpx your QDA tool exported (REFI-QDA project)",
    repair="export the project again from your QDA tool as REFI-QDA (.qdpx)",
    changed="export the project again from your QDA tool as REFI-QDA (.qdpx)",
)


def checked_export(
    path: str | os.PathLike[str],
    tool: Tool,
    *,
    folder: bool = False,
    kind: Callable[[Path], Any] | None = None,
    not_kind: str | Callable[[Path], str] = "",
    max_bytes: int | None = None,
) -> tuple[Path, Any]:
    """``path`` and what ``kind`` found it to be, once it is there, a regular file (or a folder, where the tool writes
    one: ``folder``; not a pipe or a device, which would be waited on or read without end), not an empty file, the tool's by its content (``kind`` returns None where not: ``not_kind`` says why)
    and, a file, within ``max_bytes``; else the one error that says which, naming ``path`` and how to fix it.

    The checks come in that order, so what is said is the first thing wrong: an empty file is said to be empty (cut
    short in copying, or never written), not "not the tool's"; a file that is not the tool's is said to be so before its
    size is weighed.  The kind is looked for before the size because it reads only the file's start.

    Examples
    --------
    >>> import os, tempfile
    >>> from qlr.io._transana import TRANSANA
    >>> path = os.path.join(tempfile.mkdtemp(), "carers.tra")
    >>> open(path, "wb").close()
    >>> try:
    ...     checked_export(path, TRANSANA)
    ... except Exception as error:
    ...     print(type(error).__name__, str(error).split(": ", 1)[1])
    QdpxError the file is empty (0 bytes): it was cut short in copying or never written. Fix: copy it again whole, or
    export the database from Transana again (File > Export Database).
    """
    given = Path(path)
    if not given.exists():
        raise SourceNotFoundError(f"no such {tool.project.split(' ', 1)[1]}", path=given, hint=f"check the path; {tool.give}")
    if given.is_dir() and not folder:
        raise QdpxError(f"this is a folder, and {tool.project} is one file", path=given, hint=tool.give)
    if not given.is_dir() and not given.is_file():
        # A named pipe would be waited on for ever and /dev/zero read until memory ran out: refused before either.
        raise QdpxError("this is not a regular file (a pipe, a device or a socket): qlr reads a tool's export from a file on disk", path=given, hint=tool.give)
    if given.is_file() and given.stat().st_size == 0:
        raise QdpxError("the file is empty (0 bytes): it was cut short in copying or never written", path=given, hint=f"copy it again whole, or {tool.repair}")
    found = kind(given) if kind is not None else None
    if kind is not None and found is None:
        raise QdpxError(not_kind(given) if callable(not_kind) else not_kind, path=given, hint=tool.give)
    if max_bytes is not None and given.is_file() and given.stat().st_size > max_bytes:
        raise too_large(given, given.stat().st_size, max_bytes)
    return given, found


def too_large(path: Path, size: int, max_bytes: int, *, at_least: bool = False, detail: str = "") -> QdpxError:
    """The error of what ``path`` holds passing ``max_bytes``: ``size`` bytes (``at_least``: counted so far, and reading
    stopped there; ``detail`` says how it was counted), and how to read it if it is genuine.

    Examples
    --------
    >>> from pathlib import Path
    >>> print(too_large(Path("carers.tra"), 5000, 100))
    carers.tra: this holds 5,000 bytes, over the limit of 100 bytes qlr reads (max_bytes). Fix: if the export really is this large, pass a higher max_bytes= (qlr import --max-bytes).
    """
    return QdpxError(
        f"this holds {'at least ' if at_least else ''}{size:,} bytes{f' ({detail})' if detail else ''}, over the limit of {max_bytes:,} bytes qlr reads (max_bytes)",
        path=path,
        hint="if the export really is this large, pass a higher max_bytes= (qlr import --max-bytes)",
    )


def import_tree(
    tree: _Tree,
    path: Path,
    *,
    wave: Any,
    case: Any,
    kind: Any,
    speakers: Mapping[str, str] | None,
    extra: Mapping[str, Any],
    root: ET.Element | None = None,
    notes: Sequence[str] = (),
    inferred: Sequence[str] = (),
    **reading: Any,
) -> Any:
    """The Study a tool's project stands for, once read into a REFI-QDA tree: the one hand-over to the .qdpx importer.

    Every reader of a tool's own files (QualCoder, RQDA, Taguette, CATMA, Transana) builds a :class:`._qualcoder._Tree` and ends here, so
    what the importer is given is decided once: the tree's ``<Project>`` (``root``, when the reader needed it before,
    else built here), its notes (then the reader's own ``notes``), what it refused or found outside its documents' texts and its selection labels, the
    caller's ``wave``/``case``/``kind`` rules and ``speakers``, and ``study.meta["import"]`` naming the tool (the
    tree's ``key``) and ``extra``.  ``inferred`` adds to the study's load notes; ``reading`` passes the tool's own way
    of reading its selections to :class:`._qdpx_read._Importer` (``quoted``, ``convention``,
    ``requoted_from_before``).

    A reader that still calls ``_Importer(path, root, _NS, {}, wave, case, notes, ...)`` itself moves here by building
    its tree and returning ``import_tree(tree, path, wave=..., case=..., kind=..., speakers=..., extra={...})``, its
    ``extra`` without ``"format"`` (the tree's ``key`` is the format).
    """
    root = tree.project() if root is None else root
    importer = _Importer(
        path,
        root,
        _PROJECT_NS,
        {},
        wave,
        case,
        [*tree.notes, *notes],
        kind=kind,
        speakers=_speaker_roles(speakers),
        fmt=tree.key,
        extra={"format": tree.key, **extra},
        refused=tree.refused,
        labels=tree.labels,
        outside=tree.outside,
        outside_codings=tree.outside_codings,
        **reading,
    )
    importer.inferred.extend(inferred)
    # What importing said (the reader's notes among it), kept with the study as read_qdpx keeps it, so a saved project's
    # `qlr info` and its report's load notes still name what was left out after the terminal has scrolled away.
    with noting_warnings() as warned:
        study = importer.study()
    keep_warnings(study, "import", warned)
    return study
