"""Disclosure check: combinations of case attributes too rare to share, per wave and over the waves."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

import pandas as pd

from .._check import check_number
from .._tables import SCHEMAS
from ..errors import SelectionError
from ..evidence import segment_cases

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["disclosure"]

COLUMNS = ["scope", "attributes", "values", "n_cases", "cases"]


def disclosure(
    study: Study,
    *,
    k: int = 3,
    attributes: Iterable[str] | None = None,
    wave_attributes: Iterable[str] | None = None,
    max_size: int = 3,
) -> pd.DataFrame:
    """Combinations of case attributes shared by fewer than ``k`` cases, at each wave and over the waves.

    At a wave, the cases seen then (a document at that wave) are compared on
    their fixed attributes and that wave's attributes. Over the waves, every
    case is compared on its fixed attributes and, for each per-wave attribute,
    its sequence over the waves ("W1: unemployed; W3: part-time work"): a rare
    path identifies a person at every wave. Only minimal combinations are
    listed (none of their smaller parts is rare already), so each row is one
    thing to coarsen or remove. A case missing a value is not counted for that
    combination.

    Parameters
    ----------
    study : Study
        The study (usually pseudonymised); left as it is.
    k : int
        The smallest group size that is safe to share (k-anonymity).
    attributes : iterable of str, optional
        Fixed case attributes to check; default ``role`` and every attribute column of ``cases``.
    wave_attributes : iterable of str, optional
        Per-wave attributes (columns of ``case_waves``); default all.
    max_size : int
        The most attributes combined at once.

    Returns
    -------
    pandas.DataFrame
        One row per rare combination: ``scope`` (a wave id or ``"over waves"``),
        ``attributes`` (joined by ``" + "``), ``values`` (joined by ``" | "``),
        ``n_cases`` and ``cases`` (their ids, comma-separated).

    Raises
    ------
    qlr.errors.SelectionError
        If an attribute is not a column of the study.

    Examples
    --------
    >>> import qlr
    >>> carers = sample.sel(role="carer")  # sample = qlr.load("data/sample")
    >>> rare = qlr.pseudo.disclosure(carers, k=2, attributes=["gender", "cares_for"], wave_attributes=["employment"])
    >>> rare[rare["scope"] == "W3"].iloc[0][["attributes", "values", "cases"]].tolist()
    ['cares_for', 'daughter', 'C07']
    """
    k = int(check_number("k", k, minimum=1))
    max_size = int(check_number("max_size", max_size, minimum=1))
    fixed = list(attributes) if attributes is not None else ["role", *[c for c in study.cases.columns if c not in SCHEMAS["cases"]]]
    per_wave = list(wave_attributes) if wave_attributes is not None else [c for c in study.case_waves.columns if c not in SCHEMAS["case_waves"]]
    _check_columns(study.cases, fixed, "cases")
    _check_columns(study.case_waves, per_wave, "case_waves")
    cases = study.cases.set_index("case_id")[fixed].astype("object")
    waves = study.case_waves.set_index(["case_id", "wave_id"])[per_wave].astype("object")
    seen = study.documents.dropna(subset=["case_id", "wave_id"])
    met = set(zip(seen["case_id"], seen["wave_id"]))
    if study.meta.get("speaker_cases"):
        # A case whose words are in a focus group with no case is in the data at that wave too.
        whose = segment_cases(study)
        spoke = whose["attributed"].to_numpy(dtype=bool)
        met |= {(c, w) for c, w in zip(whose["case_id"][spoke], whose["wave_id"][spoke]) if pd.notna(w)}
    rows: list[dict[str, object]] = []
    for wave_id in study.waves["wave_id"]:
        present = [c for c in cases.index if (c, wave_id) in met]
        table = cases.loc[present].copy()
        for column in per_wave:
            table[column] = [waves[column].get((c, wave_id), None) for c in present]
        rows += _rare(table, k, max_size, scope=str(wave_id))
    table = cases.copy()
    for column in per_wave:
        table[f"{column} (over waves)"] = [_path(waves[column], c, study.waves["wave_id"]) for c in table.index]
    rows += _rare(table, k, max_size, scope="over waves")
    return pd.DataFrame(rows, columns=COLUMNS).astype({"scope": "string", "attributes": "string", "values": "string", "n_cases": "Int64", "cases": "string"})


def _check_columns(frame: pd.DataFrame, columns: list[str], table: str) -> None:
    from .._check import closest

    for column in columns:
        if column not in frame.columns:
            suggestion = closest(column, frame.columns)
            raise SelectionError(f"{column!r} is not an attribute of {table}", hint=f"did you mean {suggestion!r}?" if suggestion else f"pick one of {', '.join(map(str, frame.columns))}")


def _path(values: pd.Series, case_id: str, wave_ids: Iterable[str]) -> str | None:
    steps = [f"{w}: {values.get((case_id, w))}" for w in wave_ids if not pd.isna(values.get((case_id, w), None))]
    return "; ".join(steps) or None


def _rare(table: pd.DataFrame, k: int, max_size: int, *, scope: str) -> list[dict[str, object]]:
    """Minimal attribute combinations whose values fewer than ``k`` cases share."""
    rare: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    rows = []
    table = table.map(lambda v: None if pd.isna(v) else str(v))
    for size in range(1, min(max_size, len(table.columns)) + 1):
        for columns in combinations(table.columns, size):
            known = table[list(columns)].dropna()
            for values, group in known.groupby(list(columns), sort=True):
                values = values if isinstance(values, tuple) else (values,)
                if len(group) >= k:
                    continue
                rare.add((columns, values))
                # Minimal: no combination one attribute smaller is rare already.
                if any((columns[:i] + columns[i + 1 :], values[:i] + values[i + 1 :]) in rare for i in range(size) if size > 1):
                    continue
                rows.append({"scope": scope, "attributes": " + ".join(columns), "values": " | ".join(values), "n_cases": len(group), "cases": ", ".join(map(str, group.index))})
    return rows
