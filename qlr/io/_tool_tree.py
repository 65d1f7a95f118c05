"""The one hand-over of a QDA tool's project, read into a REFI-QDA tree, to the ``.qdpx`` importer.

Every reader of a tool's own files (:mod:`._qualcoder`, :mod:`._rqda`, :mod:`._taguette`, :mod:`._catma`, :mod:`._transana`, and any
new one) builds its :class:`._qualcoder._Tree` and ends with :func:`import_tree`, kept here, in no one reader's module,
so what :class:`._qdpx_read._Importer` is given is decided once.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._warned import keep_warnings, noting_warnings
from ._archive import PROJECT_NAMESPACE
from ._qdpx_read import _Importer, _speaker_roles

if TYPE_CHECKING:  # pragma: no cover
    from ._qualcoder import _Tree

__all__ = ["import_tree"]

_PROJECT_NS = f"{{{PROJECT_NAMESPACE}}}"


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
