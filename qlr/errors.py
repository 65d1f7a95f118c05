"""Exceptions and warnings raised by qlr.

Every error qlr raises derives from :class:`QlrError` and also from the builtin
exception a Python user would expect (``ValueError``, ``FileNotFoundError``,
``KeyError``), so ``except ValueError`` keeps working.  Each message names the
file and, where known, the line (or character position), says what is wrong and
how to fix it.

Examples
--------
>>> from qlr.errors import ManifestError, QlrError
>>> err = ManifestError("unknown wave 'W9'", path="study.yaml", line=12,
...                     hint="declare it under 'waves:' or fix the document entry")
>>> print(err)
study.yaml:12: unknown wave 'W9'. Fix: declare it under 'waves:' or fix the document entry.
>>> isinstance(err, ValueError) and isinstance(err, QlrError)
True
"""

from __future__ import annotations

import os

from ._lazy import listing

__all__ = [
    "QlrError",
    "ManifestError",
    "ManifestNotFoundError",
    "YamlSyntaxError",
    "CodebookSyntaxError",
    "UndeclaredIdError",
    "DuplicateIdError",
    "SourceNotFoundError",
    "DecodingError",
    "BinaryFileError",
    "DocumentFormatError",
    "UnreadableFormatError",
    "ProjectFileError",
    "ProjectVersionError",
    "SelectionError",
    "InvalidParameterError",
    "CodebookError",
    "CodingError",
    "QdpxError",
    "PseudonymisationError",
    "PoolingError",
    "QlrWarning",
    "EmptyDocumentWarning",
    "UnreadTextWarning",
    "DecodingFallbackWarning",
    "InferenceWarning",
    "NoInterviewerWarning",
    "CaseAsInterviewerWarning",
    "NoCaseTalkWarning",
    "JointInterviewWarning",
    "UncodedTextWarning",
    "LanguageWarning",
    "LemmaListWarning",
    "RowsRefusedWarning",
    "RepairedInputWarning",
    "FilesNotLoadedWarning",
    "PoolingWarning",
    "DepositWarning",
    "EmptyNetworkWarning",
]

__dir__ = listing(globals())  # the public names, not annotations or os


class QlrError(Exception):
    """Base class of every qlr error.

    Parameters
    ----------
    message : str
        What is wrong, in one sentence without a trailing full stop.
    path : str or os.PathLike, optional
        The file the problem is in.
    line : int, optional
        1-based line number in ``path``.
    position : int, optional
        0-based character offset, for problems inside a text rather than a line.
    hint : str, optional
        How to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        position: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.position = position
        self.hint = hint
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            elif self.position is not None:
                where += f" (character {self.position})"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        text = f"{where}{self.message}."
        if self.hint:
            hint = self.hint.strip()
            text += f" Fix: {hint}" + ("" if hint.endswith((".", "?", "!")) else ".")
        return text

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self._format()


class ManifestError(QlrError, ValueError):
    """The study manifest (``study.yaml``) is invalid or contradicts the files."""


class ManifestNotFoundError(ManifestError, FileNotFoundError):
    """A folder was expected to hold a ``study.yaml`` manifest and does not."""


class YamlSyntaxError(ManifestError):
    """A manifest's YAML cannot be parsed (a codebook's raises :class:`CodebookSyntaxError`)."""


class UndeclaredIdError(ManifestError, KeyError):
    """A document names a case or wave that the manifest does not declare."""


class DuplicateIdError(ManifestError):
    """Two cases, waves or documents share an id."""


class SourceNotFoundError(QlrError, FileNotFoundError):
    """A file named in a manifest or passed to a loader does not exist."""


class DecodingError(QlrError, ValueError):
    """The bytes of a text file cannot be decoded."""


class BinaryFileError(DecodingError):
    """A file with a text extension holds binary data."""


class DocumentFormatError(QlrError, ValueError):
    """A file is not what its extension says, or is malformed (a bad ``.vtt`` cue)."""


class UnreadableFormatError(DocumentFormatError):
    """A file is in a format, or a version of one, that qlr does not read (a Word 95 ``.doc``, a PDF that needs a password).

    Loading a folder leaves such a file out with a :class:`FilesNotLoadedWarning` and reads
    the rest; reading the file alone raises this.
    """


class ProjectFileError(QlrError, ValueError):
    """A ``.qlr`` project file is not a qlr project or is damaged."""


class ProjectVersionError(ProjectFileError):
    """A ``.qlr`` project file was written by a newer qlr."""


class SelectionError(QlrError, ValueError):
    """A selection (case, wave, kind, role, code, facet) names nothing in the study.

    A bad option value (``unit="sentense"``) is an :class:`InvalidParameterError`.
    """


class InvalidParameterError(QlrError, ValueError, TypeError):
    """An option has a value the function does not accept, or a keyword it does not know.

    The message names the parameter, the value given and the values allowed,
    and suggests the closest one.  It is also a ``ValueError`` and a
    ``TypeError``, so code catching either keeps working.

    Examples
    --------
    >>> from qlr.errors import InvalidParameterError
    >>> err = InvalidParameterError("unit='sentense' is not one of 'sentence', 'segment'",
    ...                             hint="did you mean 'sentence'?")
    >>> print(err)
    unit='sentense' is not one of 'sentence', 'segment'. Fix: did you mean 'sentence'?
    >>> isinstance(err, ValueError) and isinstance(err, TypeError)
    True
    """


class CodebookError(QlrError, ValueError):
    """A codebook file is invalid (its message names the file, line and code id)."""


class CodebookSyntaxError(CodebookError, YamlSyntaxError):
    """A codebook's YAML cannot be parsed.

    A :class:`CodebookError` first; it is also a :class:`YamlSyntaxError`, as
    every YAML syntax error was before there was a codebook-specific one.
    """


class CodingError(QlrError, ValueError):
    """A coding request cannot be carried out (unknown document or code, absent quote…)."""


class QdpxError(QlrError, ValueError):
    """A ``.qdpx`` project (or a QualCoder ``.qda`` one) cannot be read safely or is inconsistent."""


class PseudonymisationError(QlrError, ValueError):
    """Pseudonymising or depositing cannot be done safely (a roster alias naming two people, a file that is not a key, a deposit folder inside the study)."""


class PoolingError(QlrError, ValueError):
    """Studies cannot be pooled as asked (:func:`qlr.concat`): ids that clash, waves that do not line up, one codebook name for two codebooks."""


class QlrWarning(UserWarning):
    """Base class of qlr's warnings."""


class EmptyDocumentWarning(QlrWarning):
    """A document has no text; it is kept, with no segments."""


class UnreadTextWarning(EmptyDocumentWarning):
    """Part of a document could not be read (a PDF's pages with no text layer): its words are not in the study.

    Data left out: ``qlr`` exits with status 3, and ``-q`` does not hide it.
    """


class DecodingFallbackWarning(QlrWarning):
    """A file was not valid UTF-8 or UTF-16 and was read as Windows-1252."""


class RowsRefusedWarning(QlrWarning):
    """Rows of a file were left out because they cannot be right (offsets outside the text, unknown ids); the message counts them."""


class FilesNotLoadedWarning(QlrWarning):
    """Files named as study documents were not loaded (a format qlr cannot read): their words are not in the study.

    Data left out: ``qlr`` exits with status 3, and ``-q`` does not hide it.
    """


class RepairedInputWarning(QlrWarning):
    """qlr read past a slip in a file (a subtitle cue that ends before it starts) and says what it assumed; no words are lost."""


class InferenceWarning(QlrWarning):
    """qlr guessed something (cases, waves, speakers) that a manifest could state."""


class UncodedTextWarning(QlrWarning):
    """Many words of a transcript with speakers lie outside every speaker's turn (a talk before the first label): rule coding leaves them out.

    The words are in the study, but not evidence: ``-q`` does not hide it.
    """


class LanguageWarning(QlrWarning):
    """Documents coded by rule read as another language than the assertion rules' (English, or the codebook's ``assertion: {language: es}``).

    Their indicators can hardly match, so an absence of codings says nothing: ``-q`` does not hide it.
    """


class NoInterviewerWarning(QlrWarning):
    """A transcript has speakers but no interviewer turn: its questions would be coded as the participants' words.

    Not a guess hidden by ``-q``: it changes what counts as evidence.
    """


class CaseAsInterviewerWarning(QlrWarning):
    """The study's ``speakers:`` makes the interviewer of a label that names the case whose own interview it is.

    A peer researcher interviewed in a wave of their own, a participant who becomes one: their answers there are
    read as questions, never coded nor evidence, unless the document's entry gives the label back
    (``speakers: {Jo: participant}``).  It changes what counts as evidence: ``-q`` does not hide it.
    """


class NoCaseTalkWarning(QlrWarning):
    """A focus group or other conversation with no case has the study's own people among its speakers.

    Loading counts each such speaker's turns for their case (``study.yaml``'s ``speaker_cases:``
    and ``speakers:`` decide) and says which documents, speakers, cases and turns, and which
    voices stay no one's; opening a project saved before qlr kept that record says its groups'
    turns count for no one.  It changes what counts as evidence: ``-q`` does not hide it.
    """


class JointInterviewWarning(NoCaseTalkWarning):
    """Another of the study's cases speaks in a case's own conversation (a couple or a parent and child interviewed together).

    Loading counts that person's turns for their case and says which documents, labels, cases and turns, and which
    voices stay the document's case's.  A :class:`NoCaseTalkWarning` (filters of that one catch it), kept in the load
    notes under its own heading.
    """


class DepositWarning(QlrWarning):
    """A deposit was written (:func:`qlr.pseudo.deposit`), but part of the study is only in its ``project.qdpx``, not in
    the data lists that load it back; the message names what and why.  (Since stop 43 a case with no document, the one
    thing that was so, is a data list's row with no file in every study, so nothing raises it now; kept for filters.)"""


class EmptyNetworkWarning(QlrWarning):
    """Every support network :func:`qlr.net.actors` drew is empty; the message says why (no support code, no passage
    coded with one, or no coded passage naming someone of the roster besides its speaker) and what to add.  Each
    graph's ``graph["note"]`` holds the same reason, which the report shows in place of the networks."""


class PoolingWarning(QlrWarning):
    """Studies were pooled (:func:`qlr.concat`), but something differs between them that the analyses will show.

    Waves pooled by id whose dates or labels differ, a codebook that coded some studies
    and not others (their cases get no placements from it), one text in two studies.
    """


class LemmaListWarning(QlrWarning):
    """A codebook's lemma list names a word qlr's own pipeline reads as another lemma ("meeting" as "meet"): it never matches as written.

    Its indicator finds less than its author meant, so an absence of codings says less: ``-q`` does not hide it.
    The message names each word, its code, indicator and lemma, and the two fixes (``qlr.code.unmatchable_lemmas``).
    """
