"""The text fields of a study that can hold identifiers, read and written one way, and offsets moved with the text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._tables import SCHEMAS

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

#: String columns of the schema that hold words people wrote or said; the others are ids and vocabulary.
TEXT_COLUMNS = {
    "documents": ("text", "title", "source"),
    "segments": ("speaker",),
    "memos": ("text", "title", "description"),
    "cases": ("label",),
    "actors": ("name",),
    "overrides": ("reason",),
    "log": ("detail",),
}

#: Tables whose columns beyond the schema are user attributes, and the columns that identify a row.
ROW_KEYS = {
    "documents": ("doc_id",),
    "segments": ("seg_id",),
    "memos": ("memo_id",),
    "cases": ("case_id",),
    "case_waves": ("case_id", "wave_id"),
    "actors": ("actor_id",),
    "overrides": ("override_id",),
    "log": ("entry_id",),
}
_ATTRIBUTE_TABLES = ("cases", "case_waves", "documents", "actors")
_SEP = "|"
#: Study metadata keyed by speaker label, and how deep the labels sit: the manifest's ``speakers:`` roles (labels lower
#: case), each document's own and its header lines' (``{doc: {label: role}}``) and the focus groups' record (``{doc: {label: case}}``).
#: A label is often a name ("Ana", "del"), so each key is a field of its own (table ``meta_label``).
LABEL_MAPS = {"speakers": 1, "document_speakers": 2, "header_speakers": 2, "speaker_cases": 2}


@dataclass(frozen=True)
class Field:
    """One cell of text: ``table``, the row's key, the column (``aliases/2`` for a list item; a meta path)."""

    table: str
    row_id: str
    column: str
    text: str


def _columns(study: Study, table: str) -> list[str]:
    frame = getattr(study, table)
    columns = list(TEXT_COLUMNS.get(table, ()))
    if table in _ATTRIBUTE_TABLES:
        columns += [c for c in frame.columns if c not in SCHEMAS[table] and (pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c]))]
    return columns


def row_ids(study: Study, table: str) -> list[str]:
    frame = getattr(study, table)
    keys = ROW_KEYS[table]
    return [_SEP.join(str(v) for v in values) for values in zip(*(frame[k] for k in keys))]


def fields(study: Study) -> Iterator[Field]:
    """Every text field, documents first (in table order), then the rest, then the study's name and metadata."""
    for table in ROW_KEYS:
        frame = getattr(study, table)
        ids = row_ids(study, table)
        for column in _columns(study, table):
            for row_id, value in zip(ids, frame[column]):
                if isinstance(value, str) and value:
                    yield Field(table, row_id, column, value)
        if table == "actors":
            for row_id, aliases in zip(ids, frame["aliases"]):
                for i, alias in enumerate(aliases or []):
                    if isinstance(alias, str) and alias:
                        yield Field(table, row_id, f"aliases/{i}", alias)
    yield Field("study", "", "name", study.name)
    yield from _meta_fields(study.meta, ())
    yield from _label_fields(study.meta)


def _label_maps(meta: dict[str, Any]) -> Iterator[tuple[str, dict[Any, Any]]]:
    """Each dict of :data:`LABEL_MAPS` in ``meta`` whose keys are labels, with its path ("speakers", "speaker_cases/FG_W1")."""
    for name, depth in LABEL_MAPS.items():
        value = meta.get(name)
        if not isinstance(value, dict):
            continue
        if depth == 1:
            yield name, value
        else:
            for doc, labels in value.items():
                if isinstance(labels, dict):
                    yield f"{name}/{doc}", labels


def _label_fields(meta: dict[str, Any]) -> Iterator[Field]:
    """The labels keying :data:`LABEL_MAPS`, each by its map and its place in it (never by the label, which may be a name)."""
    for path, labels in _label_maps(meta):
        for i, label in enumerate(labels):
            if isinstance(label, str) and label:
                yield Field("meta_label", path, str(i), label)


def _meta_fields(value: Any, path: tuple[str, ...]) -> Iterator[Field]:
    if isinstance(value, str) and path:
        yield Field("meta", "", "/".join(path), value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _meta_fields(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _meta_fields(item, (*path, str(i)))


def set_fields(study: Study, values: dict[tuple[str, str, str], str]) -> None:
    """Write new values into ``study`` (its own tables, in place), keyed by (table, row id, column).

    A speaker label a focus group's record names (``meta["speaker_cases"]``, keyed by label) follows
    its turns' new label, so the record neither keeps the name nor loses whose the turns are.
    """
    relabelled = {
        (row_id, text)
        for (table, row_id, column), text in values.items()
        if table == "segments" and column == "speaker"
    }
    segments = study.segments
    before = dict(zip(segments["seg_id"].astype(str), zip(segments["doc_id"].astype(str), segments["speaker"]))) if relabelled and study.meta.get("speaker_cases") else {}
    _set_values(study, values)
    if before:
        _follow_speaker_labels(study, {(before[seg][0], str(before[seg][1])): text for seg, text in relabelled if seg in before and not pd.isna(before[seg][1])})


def _follow_speaker_labels(study: Study, renamed: dict[tuple[str, str], str]) -> None:
    """``meta["speaker_cases"]`` with each (document, label) renamed as its turns were."""
    study.meta["speaker_cases"] = {
        doc: {renamed.get((str(doc), str(label)), label): case for label, case in labels.items()}
        for doc, labels in study.meta["speaker_cases"].items()
    }


def _set_values(study: Study, values: dict[tuple[str, str, str], str]) -> None:
    by_table: dict[str, list[tuple[str, str, str]]] = {}
    for (table, row_id, column), text in values.items():
        by_table.setdefault(table, []).append((row_id, column, text))
    for table, items in by_table.items():
        if table == "study":
            study.name = items[0][2]
        elif table == "meta_label":
            _set_labels(study.meta, items)
        elif table == "meta":
            for _row, column, text in items:
                _set_meta(study.meta, column.split("/"), text)
        else:
            frame = getattr(study, table)
            position = {row_id: i for i, row_id in enumerate(row_ids(study, table))}
            for row_id, column, text in items:
                i = position[row_id]
                if column.startswith("aliases/"):
                    aliases = list(frame["aliases"].iat[i])
                    aliases[int(column.split("/")[1])] = text
                    frame["aliases"] = frame["aliases"].astype(object)
                    frame.iat[i, frame.columns.get_loc("aliases")] = aliases
                else:
                    frame.iat[i, frame.columns.get_loc(column)] = text


def _set_labels(meta: dict[str, Any], items: list[tuple[str, str, str]]) -> None:
    """Rename labels keying :data:`LABEL_MAPS` (row id: the map's path; column: the label's place), keeping their order."""
    new = {(path, int(place)): text for path, place, text in items}
    for path, labels in list(_label_maps(meta)):
        if not any(where == path for where, _ in new):
            continue
        renamed = {new.get((path, i), label): value for i, (label, value) in enumerate(labels.items())}
        name, _, doc = path.partition("/")
        if doc:
            meta[name][doc] = renamed
        else:
            meta[name] = renamed


def _set_meta(meta: Any, path: list[str], text: str) -> None:
    for key in path[:-1]:
        meta = meta[int(key)] if isinstance(meta, list) else meta[key]
    if isinstance(meta, list):
        meta[int(path[-1])] = text
    else:
        meta[path[-1]] = text


def move_offsets(positions: Any, spans: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], *, side: str) -> np.ndarray:
    """Offsets in a text after replacements, given (old starts, old ends, new starts, new ends), sorted.

    An offset before, between or after replacements moves by the change in
    length before it; one inside a replaced span moves to that span's start
    (``side="start"``) or end (``side="end"``), so a passage never keeps half a name.
    """
    old_starts, old_ends, new_starts, new_ends = spans
    positions = np.asarray(pd.array(positions, dtype="Int64").to_numpy(dtype="int64", na_value=-1))
    if len(old_starts) == 0:
        return positions
    shift = np.concatenate([[0], np.cumsum((new_ends - new_starts) - (old_ends - old_starts))])
    before = np.searchsorted(old_ends, positions, side="right")
    moved = positions + shift[before]
    inside = (before < len(old_starts)) & (old_starts[np.minimum(before, len(old_starts) - 1)] < positions)
    snapped = (new_starts if side == "start" else new_ends)[np.minimum(before, len(old_starts) - 1)]
    out = np.where(inside, snapped, moved)
    return np.where(positions < 0, -1, out)
