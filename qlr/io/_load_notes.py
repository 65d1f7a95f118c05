"""What loading a study left out, changed or guessed, as one table (the report's "Data and load notes")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["load_notes"]

#: Each kept warning's category in words, in the order the table lists them: data left out first.
WHAT = {
    "FilesNotLoadedWarning": "files not loaded",
    "RowsRefusedWarning": "rows refused",
    "UnreadTextWarning": "text not read",
    "EmptyDocumentWarning": "empty documents",
    "LanguageWarning": "read as another language",
    "NoInterviewerWarning": "no interviewer",
    "NoCaseTalkWarning": "the study's people in talk of no case",
    "JointInterviewWarning": "another case speaking in a case's own conversation",
    "UncodedTextWarning": "words outside every turn",
    "DecodingFallbackWarning": "encoding guessed",
    "RepairedInputWarning": "input repaired",
    "InferenceWarning": "guessed, with a doubt",
    "PoolingWarning": "pooling",
}
#: A note from ``study.meta["inferred"]``: what loading decided or changed without a warning.
INFERRED = "inferred or changed"


def from_study_folder(meta: Any, message: str) -> str:
    """``message`` with the paths in it shown from the folder that holds the study (``meta["root"]``'s parent).

    "garden/C1_W1_interview.pdf", not a user's home folder, in a report or a pooled study's notes.
    """
    root = str(Path(meta["root"]).parent) if meta.get("root") else ""
    if not root or root in ("/", "\\", "."):
        return message
    return message.replace(root.rstrip("/\\") + "/", "").replace(root.rstrip("/\\") + "\\", "")


def id_words(ids: Any) -> re.Pattern[str] | None:
    """A pattern finding the ids as words: "P1" in "document P1:" and "P1.pdf", never in "P10" or "AP1" (None for no ids)."""
    ids = list(ids)
    if not ids:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(d) for d in sorted(ids, key=len, reverse=True)) + r")(?![\w-])")


def load_notes(study: Any) -> pd.DataFrame:
    """What loading, importing, opening and rule coding said of a study: files and rows left out, text unread, guesses.

    Read from ``study.meta["warnings"]`` (every qlr warning those steps gave, kept even when
    hidden) and ``study.meta["inferred"]`` (what loading inferred or changed: page headers and
    line numbers removed, waves put in order, kinds segmented by paragraph), so a study saved
    to ``.qlr`` and opened again gives the same table.

    Parameters
    ----------
    study : Study
        Any study.

    Returns
    -------
    pandas.DataFrame
        One row per note: ``step`` (load, import, open, rule coding), ``what`` (the kind of
        note in words: "files not loaded", "text not read", …, "inferred or changed"),
        ``documents`` (the study's documents it names, ``; ``-separated), ``n_documents``
        and ``note`` (the message, paths shown from the folder that holds the study).  Empty (with
        these columns) when there is nothing to say.

    Examples
    --------
    >>> import qlr
    >>> notes = qlr.io.load_notes(qlr.load("data/sample"))
    >>> list(notes.columns)
    ['step', 'what', 'documents', 'n_documents', 'note']
    """
    meta = study.meta
    doc_ids = [str(d) for d in study.documents["doc_id"]] if "doc_id" in study.documents else []
    known = set(doc_ids)
    pattern = id_words(known)

    def relative(message: str) -> str:
        return from_study_folder(meta, message)

    def named(message: str) -> list[str]:
        if pattern is None:
            return []
        found = dict.fromkeys(match[1] for match in pattern.finditer(message))
        return list(found)

    order = {what: i for i, what in enumerate(WHAT.values())}
    rows = []
    for kept in meta.get("warnings", []) or []:
        category = str(kept.get("category", ""))
        message = relative(str(kept.get("message", "")))
        docs = named(message)
        rows.append((str(kept.get("step", "")), WHAT.get(category, category), docs, message))
    for note in meta.get("inferred", []) or []:
        note = relative(str(note))
        head, sep, rest = note.partition(": ")
        docs = [head] if sep and head in known else named(note)
        # A file the manifest or the names leave out is said here, not warned: data left out all the same.
        rows.append(("load", WHAT["FilesNotLoadedWarning"] if " not loaded" in note else INFERRED, docs, note))
    rows.sort(key=lambda row: order.get(row[1], len(order)))  # stable: each kind in the order given
    return pd.DataFrame(
        {
            "step": pd.Series([r[0] for r in rows], dtype="string"),
            "what": pd.Series([r[1] for r in rows], dtype="string"),
            "documents": pd.Series(["; ".join(r[2]) for r in rows], dtype="string"),
            "n_documents": pd.Series([len(r[2]) for r in rows], dtype="int64"),
            "note": pd.Series([r[3] for r in rows], dtype="string"),
        }
    )
