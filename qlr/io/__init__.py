"""Reading and writing studies: folders of transcripts, ``.qlr`` project files.

Public functions
----------------
load
    A study folder (with or without ``study.yaml``) or a single file.
open
    A ``.qlr`` project file written by :meth:`qlr.Study.save`.
read_document
    One file's stored text and format, as qlr would load it.
find_quote
    Where a quote lies in a document's text, as ``code_quote`` and a codings file find it.
manifest_template
    A starting ``study.yaml`` for a study qlr inferred.
read_qdpx, write_qdpx
    REFI-QDA projects: import from and export to NVivo, ATLAS.ti, MAXQDA, QualCoder.
discounted_codings
    The codings qlr keeps but does not count as evidence (what ``write_qdpx(counted_only=True)`` leaves out).
overrides_left_out
    The placement overrides an export cannot carry (of a case or wave not in it).
read_qualcoder
    A QualCoder project (``name.qda``) read directly, as its ``.qdpx`` export would be.
read_rqda
    An RQDA project (``name.rqda``) read directly, as QualCoder's is.
read_catma
    A CATMA export (documents with their TEI annotation collections) read directly.
read_taguette
    A Taguette project (the ``.sqlite3`` its Export project writes, or its own database) read directly.
read_transana
    A Transana database export (Transana-XML, ``.tra``) read directly.
read_inception
    INCEpTION's (or WebAnno's) annotations: a WebAnno TSV 3 file, or a project export (``.zip``) with every annotator's.
read_label_studio
    Label Studio's JSON export: each task's text, each annotator's labelled spans.
read_doccano
    doccano's export of a sequence-labelling project (its ``.zip`` of JSONL): each example's text, each annotator's spans.
read_brat
    A brat collection (each ``.txt`` and its standoff ``.ann``, ``annotation.conf``'s types): text-bound annotations as codings.
load_notes
    What loading left out, changed or guessed (files not loaded, text unread, …), per document.
speaker_labels
    Every speaker label with its role, turns, questions and how the role was decided.
read_qdc, write_qdc
    REFI-QDA codebooks, for exchange with NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette.
"""

from __future__ import annotations

from pathlib import Path

from ._brat import read_brat
from ._catma import read_catma
from ._doccano import read_doccano
from ._inception import read_inception
from ._label_studio import read_label_studio
from ._load import folder_template, load, manifest_template, template_for
from ._load_notes import load_notes
from ._qdc import read_qdc, write_qdc
from ._qdpx import MAX_QDPX_BYTES, discounted_codings, overrides_left_out, read_qdpx, write_qdpx
from ._qualcoder import read_qualcoder
from ._readers import READERS, SourceText, find_quote, read_source
from ._rqda import read_rqda
from ._segment import speaker_labels
from ._store import SCHEMA_VERSION, open_study
from ._taguette import read_taguette
from ._transana import read_transana

__all__ = ["load", "open", "read_document", "find_quote", "manifest_template", "template_for", "folder_template", "read_qdc", "write_qdc", "read_qdpx", "write_qdpx", "discounted_codings", "overrides_left_out", "read_qualcoder", "read_rqda", "read_taguette", "read_catma", "read_transana", "read_inception", "read_label_studio", "read_doccano", "read_brat", "MAX_QDPX_BYTES", "READERS", "SCHEMA_VERSION", "speaker_labels", "load_notes"]


def open(path: str | Path):  # noqa: A001 - mirrors qlr.open
    """Open a ``.qlr`` project file.

    Parameters
    ----------
    path : str or Path
        A file written by :meth:`qlr.Study.save`.

    Returns
    -------
    Study

    Raises
    ------
    SourceNotFoundError
        No such file.
    ProjectFileError
        The file is not a qlr project, or it is damaged.
    ProjectVersionError
        The file was written by a newer qlr.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "x.qlr")
    >>> sample.save(path)  # sample = qlr.load("data/sample")
    >>> qlr.open(path).name
    'Working Carers Eastbrook (fictional sample study)'
    """
    return open_study(path)


def read_document(path: str | Path, *, marks: bool = False) -> SourceText:
    """Read one document file as qlr stores it (text, format, encoding, checksum).

    Parameters
    ----------
    path : str or Path
        A transcript, notes file or document (.txt, .md, .docx, .odt, .pdf, .vtt, .srt).
    marks : bool, default False
        Also read a Word, OpenDocument or PDF file's own comments, highlights and
        annotations (``marks``, spans of the text), as a ``codings: - comments:``
        entry does; off by default, as finding them takes time.

    Returns
    -------
    SourceText
        The stored text and what the reader saw (turns, bold labels, what it left out).

    Examples
    --------
    >>> from qlr.io import read_document
    >>> doc = read_document("data/sample/interviews/C05_W2_interview.vtt")
    >>> doc.format, doc.turns[0].speaker
    ('vtt', 'Interviewer')
    """
    return read_source(Path(path), marks=marks)
