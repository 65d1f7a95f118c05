"""The key: written apart from the data, read back strictly, and used to restore the original exactly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._output import restore_frame, write_csv
from ..errors import PseudonymisationError
from ._apply import KEY_COLUMNS, _key_frame, _sha256, reanchor
from ._fields import fields, set_fields

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["write_key", "read_key", "restore"]

_FIX = "give the key file that qlr.pseudonymise (or qlr deposit --key) wrote for this study"


def write_key(key: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a pseudonymisation key as CSV (atomically); store the file apart from the data.

    The first row says what the file is and that it must be kept apart; cells a
    spreadsheet would run as a formula get a leading ``'`` that :func:`read_key` removes.

    Parameters
    ----------
    key : pandas.DataFrame
        :attr:`Pseudonymisation.key`.
    path : str or path-like
        The file to write.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
    >>> path = qlr.pseudo.write_key(result.key, os.path.join(tempfile.mkdtemp(), "key.csv"))
    >>> open(path, encoding="utf-8").read().splitlines()[1][:40]
    'key,,,,,,"PSEUDONYMISATION KEY: it turns'
    """
    return write_csv(path, key.reindex(columns=KEY_COLUMNS))


def read_key(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a key written by :func:`write_key`, refusing any file that is not one.

    Parameters
    ----------
    path : str or path-like
        The key file.

    Returns
    -------
    pandas.DataFrame
        The key, equal to the one written.

    Raises
    ------
    qlr.errors.PseudonymisationError
        If the file is missing, not CSV, or not a qlr key (its columns or first row differ).

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "notes.csv")
    >>> _ = open(path, "w").write("name,age\\nAnn,3\\n")
    >>> qlr.pseudo.read_key(path)
    Traceback (most recent call last):
    ...
    qlr.errors.PseudonymisationError: .../notes.csv:1: this is not a qlr pseudonymisation key (its columns are name, age). Fix: ...
    """
    path = Path(path)
    if not path.is_file():
        raise PseudonymisationError("the key file does not exist", path=path, hint=_FIX)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise PseudonymisationError(f"this is not a qlr pseudonymisation key ({type(error).__name__})", path=path, line=1, hint=_FIX) from None
    if list(frame.columns) != KEY_COLUMNS:
        raise PseudonymisationError(f"this is not a qlr pseudonymisation key (its columns are {', '.join(map(str, frame.columns))})", path=path, line=1, hint=_FIX)
    frame = restore_frame(frame)
    if frame.empty or frame["record"].iat[0] != "key":
        raise PseudonymisationError("this is not a qlr pseudonymisation key (its first row is not the key's header)", path=path, line=2, hint=_FIX)
    unknown = ~frame["record"].isin(["key", "entity", "replacement", "checksum", "cell"])
    if unknown.any():
        line = int(np.flatnonzero(unknown.to_numpy())[0]) + 2
        raise PseudonymisationError(f"unknown record {frame['record'][unknown].iat[0]!r} in the key", path=path, line=line, hint=_FIX)
    bad = frame["record"].eq("replacement") & ~(frame["start"].str.fullmatch(r"\d+") & frame["end"].str.fullmatch(r"\d+"))
    if bad.any():
        raise PseudonymisationError("a replacement in the key has no valid position", path=path, line=int(np.flatnonzero(bad.to_numpy())[0]) + 2, hint=_FIX)
    return _key_frame(frame.replace({"start": {"": None}, "end": {"": None}}))


def restore(study: Study, key: pd.DataFrame | str | os.PathLike[str]) -> Study:
    """The original study from a pseudonymised one and its key: every text exactly as it was.

    Each replacement is undone at its recorded position (which must still hold
    the pseudonym), codings and segments are moved back, replaced cells (file
    hashes, roster ids) are put back, and each restored text is checked
    against the checksum of the original. The log keeps the pseudonymising
    entry and gains one for the restore.

    Parameters
    ----------
    study : Study
        A study :func:`pseudonymise` made (``result.study``); left as it is.
    key : pandas.DataFrame or path
        Its key (``result.key``, or the file :func:`write_key` wrote).

    Returns
    -------
    Study
        The restored study.

    Raises
    ------
    qlr.errors.PseudonymisationError
        If the key does not fit the study (a position no longer holds its
        pseudonym, or a restored text differs from the original's checksum).

    Examples
    --------
    >>> import qlr
    >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
    >>> back = qlr.pseudo.restore(result.study, result.key)
    >>> back.documents["text"].equals(sample.documents["text"])
    True
    """
    table = key if isinstance(key, pd.DataFrame) else read_key(key)
    out = study.copy()
    current = {(f.table, f.row_id, f.column): f.text for f in fields(out)}
    replacements = table[table["record"] == "replacement"]
    new_values: dict[tuple[str, str, str], str] = {}
    anchors: dict[str, tuple[np.ndarray, ...]] = {}
    for where, rows in replacements.groupby(["table", "row_id", "column"], sort=False):
        where = tuple(map(str, where))
        if where not in current:
            raise PseudonymisationError(f"the key names {where[0]} {where[1]!r} {where[2]}, which this study does not have", hint="restore with the key made for this study")
        text = current[where]
        rows = rows.sort_values("start")
        starts, ends = rows["start"].to_numpy(dtype="int64"), rows["end"].to_numpy(dtype="int64")
        pieces, old_starts, old_ends, position, length = [], [], [], 0, 0
        for start, end, pseudonym, original in zip(starts, ends, rows["replacement"], rows["original"]):
            if text[start:end] != pseudonym:
                raise PseudonymisationError(
                    f"{where[0]} {where[1]!r} {where[2]}: characters {start}–{end} are {text[start:end]!r}, not the pseudonym {pseudonym!r} the key records",
                    hint="the text changed after pseudonymising; restore from the study the key was made with",
                )
            pieces += [text[position:start], original]
            length += start - position
            old_starts.append(length)
            length += len(original)
            old_ends.append(length)
            position = end
        pieces.append(text[position:])
        new_values[where] = "".join(pieces)
        if where[0] == "documents" and where[2] == "text":
            anchors[where[1]] = (starts, ends, np.array(old_starts), np.array(old_ends))
    for row in table[table["record"] == "checksum"].itertuples(index=False):
        where = (str(row.table), str(row.row_id), str(row.column))
        if _sha256(new_values.get(where, current.get(where, ""))) != row.original:
            raise PseudonymisationError(f"{where[0]} {where[1]!r} {where[2]} does not restore to the original text (checksum differs)", hint="restore from the study and key made together")
    set_fields(out, new_values)
    reanchor(out, anchors)
    _restore_cells(out, table[table["record"] == "cell"])
    out.record("restore", {"fields": len(new_values), "replacements": len(replacements)})
    return out


def _restore_cells(study: Any, cells: pd.DataFrame) -> None:
    for (table_name, column), rows in cells.groupby(["table", "column"]):
        frame = getattr(study, table_name)
        key_column = "doc_id" if table_name == "documents" else "actor_id"
        mapping = dict(zip(rows["row_id"], rows["original"]))
        restored = frame[key_column].map(lambda v, m=mapping: m.get(v, None))
        frame[column] = frame[column].where(restored.isna(), restored).astype("string")
        if column == "sha256":
            frame[column] = frame[column].replace("", pd.NA)
