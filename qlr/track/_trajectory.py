"""Trajectories of placements over waves, and transitions between levels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._display import ResultDisplay
from ..errors import SelectionError
from ._placements import Placements, flat_placements

__all__ = ["trajectories", "transitions", "Transitions", "TRAJECTORY_TYPES", "trajectory_type"]

#: Trajectory types, as :func:`trajectory_type` assigns them.
TRAJECTORY_TYPES = ("advancing", "declining", "stable", "fluctuating", "incomplete")


def trajectory_type(levels: list[float | None]) -> str:
    """The type of one case's sequence of levels (``None`` where not placed).

    * any wave without a placement (missing or insufficient evidence) → ``incomplete``
      (:func:`trajectories` passes only the case's own waves: not those the design does
      not schedule for it, nor those before a late joiner's first);
    * every step zero → ``stable``;
    * steps both up and down → ``fluctuating``;
    * otherwise up → ``advancing``, down → ``declining``.

    Build one with :func:`qlr.track.transitions`.

    Parameters
    ----------
    levels : list of float or None
        The case's ladder level at each wave, in wave order.

    Returns
    -------
    str
        One of :data:`TRAJECTORY_TYPES`.

    Examples
    --------
    >>> trajectory_type([1, 2, 3]), trajectory_type([2, 1, 0]), trajectory_type([2, 2, 2])
    ('advancing', 'declining', 'stable')
    >>> trajectory_type([1, 3, 1]), trajectory_type([1, None, 2])
    ('fluctuating', 'incomplete')
    """
    if any(level is None or pd.isna(level) for level in levels) or len(levels) < 2:
        return "incomplete"
    steps = [b - a for a, b in zip(levels, levels[1:])]
    ups, downs = any(s > 0 for s in steps), any(s < 0 for s in steps)
    if ups and downs:
        return "fluctuating"
    if ups:
        return "advancing"
    if downs:
        return "declining"
    return "stable"


def _level_column(placements: pd.DataFrame, use_overrides: bool) -> str:
    return "final_level" if use_overrides and "final_level" in placements.columns else "level"


def _facet_rows(placements: Placements | pd.DataFrame, facet: str | None) -> pd.DataFrame:
    placements = flat_placements(placements)
    if not {"case_id", "wave_id"} <= set(placements.columns):
        raise SelectionError("trajectories need placements by case and wave", hint="use qlr.track.ladder(study, by=('case', 'wave'))")
    if facet is None:
        return placements
    facets = set(placements["facet"].dropna())
    if facet not in facets:
        raise SelectionError(f"facet {facet!r} is not in these placements", hint=f"use one of {', '.join(sorted(facets))}")
    return placements[placements["facet"] == facet]


def trajectories(placements: Placements | pd.DataFrame, *, facet: str | None = None, use_overrides: bool = True, waves: list[str] | None = None) -> pd.DataFrame:
    """Each case's sequence of levels over the waves, its net change and its type.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` with ``by=("case", "wave")``, or a table
        with ``case_id``, ``wave_id``, ``facet`` and ``level``.
    facet : str, optional
        One facet; by default a row per case and facet.
    use_overrides : bool
        Read ``final_level`` (researchers' overrides applied, and flagged in
        ``overridden``) rather than the computed ``level``.
    waves : list of str, optional
        Wave order; by default the order the placements list them in.

    Returns
    -------
    DataFrame
        The ladder's other grouping columns with one value per case first (a pooled
        study's ``study`` from ``by=("study", "case", "wave")``), then
        ``case_id``, ``facet``, one column per wave (the level, NA where missing or
        not placed), ``first``, ``last`` (first and last placed levels), ``net_change``
        (``last - first``), ``n_placed``, ``type`` (see :func:`trajectory_type`),
        ``dropped_out`` (the wave a drop-out first missed, else None),
        ``type_before`` (a drop-out's type over its waves before leaving: 3 then 1,
        then gone, is ``declining``), ``overridden``. The type reads the case's own
        waves: a wave the design does not schedule for the case, or one before a
        late joiner's first, is no gap (a case seen at W2 and W3 only, 1 then 4, is
        advancing), while a missed wave, a drop-out or insufficient evidence leaves
        it ``incomplete``.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3, "wave_id": ["W1", "W2", "W3"], "facet": "delivery",
    ...                    "level": [1, 2, 3], "status": "placed"})
    >>> qlr.track.trajectories(pl)[["W1", "W2", "W3", "net_change", "type"]].values.tolist()
    [[1, 2, 3, 2, 'advancing']]
    """
    rows = _facet_rows(placements, facet)
    column = _level_column(rows, use_overrides)
    wave_order = waves or list(dict.fromkeys(rows["wave_id"]))
    facet_values = rows["facet"] if "facet" in rows.columns else pd.Series([None] * len(rows), index=rows.index)
    # The ladder's other grouping columns that hold one value per case (a pooled study's `study`, a role) go first.
    keys = placements.keys if isinstance(placements, Placements) else []  # a DataFrame's .keys is its columns' method
    others = [k for k in keys if k not in ("case_id", "wave_id") and k in rows.columns]
    carried = [k for k in others if (rows.groupby("case_id", sort=False)[k].nunique(dropna=False) <= 1).all()]
    result = []
    for (case_id, facet_id), part in rows.assign(facet=facet_values).groupby(["case_id", "facet"], sort=False, dropna=False):
        by_wave = dict(zip(part["wave_id"], part[column]))
        levels = [by_wave.get(w, pd.NA) for w in wave_order]
        clean = [None if pd.isna(level) else int(level) for level in levels]
        placed = [level for level in clean if level is not None]
        # The case's own waves: the ladder leaves out waves not scheduled for it; a late joiner's
        # waves before the first are not gaps either.
        not_joined = set(part.loc[part["reason"] == "not yet joined", "wave_id"]) if "reason" in part.columns else set()
        own_waves = [(w, level) for w, level in zip(wave_order, clean) if w in by_wave and w not in not_joined]
        own = [level for _, level in own_waves]
        # A drop-out's story up to leaving ("3, 1, then gone" is a decline the researcher wants to see).
        left = set(part.loc[part["reason"] == "dropped out", "wave_id"]) if "reason" in part.columns else set()
        exit_wave = next((w for w, _ in own_waves if w in left), None)
        before_exit = own[: [w for w, _ in own_waves].index(exit_wave)] if exit_wave else []
        overridden = bool(part["overridden"].any()) if "overridden" in part.columns and use_overrides else False
        result.append(
            {
                **{k: part[k].iloc[0] for k in carried},
                "case_id": case_id,
                "facet": facet_id,
                **{w: level for w, level in zip(wave_order, clean)},
                "first": placed[0] if placed else None,
                "last": placed[-1] if placed else None,
                "net_change": placed[-1] - placed[0] if len(placed) >= 2 else None,
                "n_placed": len(placed),
                "type": trajectory_type(own),
                "dropped_out": exit_wave,
                "type_before": trajectory_type(before_exit) if exit_wave else None,
                "overridden": overridden,
            }
        )
    frame = pd.DataFrame(result)
    for column_name in [*wave_order, "first", "last", "net_change"]:
        if column_name in frame.columns:
            frame[column_name] = pd.array(frame[column_name], dtype="Int64")
    return frame


@dataclass(repr=False)
class Transitions(ResultDisplay):
    """Counts and row probabilities of moves between levels from one wave to the next.

    Parameters
    ----------
    counts : DataFrame
        from level (rows) × to level (columns), all consecutive wave pairs pooled.
    probabilities : DataFrame
        ``(counts + smoothing) / row sum``, each row summing to 1 (rows with no
        moves and no smoothing are NaN).
    pairs : dict
        ``{(wave, next_wave): counts}`` for each consecutive pair.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3 + ["B"] * 3, "wave_id": ["W1", "W2", "W3"] * 2,
    ...                    "facet": "delivery", "level": [0, 1, 2, 1, 1, 0]})
    >>> t = qlr.track.transitions(pl, levels=[0, 1, 2])
    >>> t
    <Transitions: 4 moves over 2 wave pairs>
    >>> t.counts.loc[1].tolist(), int(t.pairs[("W1", "W2")].loc[0, 1])
    ([1, 1, 1], 1)
    >>> [round(p, 3) for p in t.probabilities.loc[1]]
    [0.333, 0.333, 0.333]
    """

    counts: pd.DataFrame
    probabilities: pd.DataFrame
    pairs: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, kw_only=True)

    def _summary(self) -> str:
        return f": {int(self.counts.values.sum())} moves over {len(self.pairs)} wave pairs"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("Counts", self.counts), ("Row probabilities", self.probabilities.round(3))]


def transitions(
    placements: Placements | pd.DataFrame,
    *,
    facet: str | None = None,
    smoothing: float = 0.0,
    use_overrides: bool = True,
    levels: list[int] | None = None,
    waves: list[str] | None = None,
) -> Transitions:
    """Level-to-level transitions between consecutive waves.

    Only pairs where the case is placed at both waves count: a missing wave
    breaks the chain rather than bridging it (W1 → W3 is not a move).

    ``probabilities[i, j] = (counts[i, j] + s) / Σ_k (counts[i, k] + s)`` with
    ``s = smoothing`` (additive smoothing; 0 gives the plain row proportions).

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by case and wave (``case_id``, ``wave_id``,
        ``facet``, ``level``).
    facet : str, optional
        Required when the placements hold several facets.
    smoothing : float
        The ``s`` added to every count before the row proportions (0 or more).
    use_overrides : bool
        Read ``final_level`` (researchers' overrides applied) rather than ``level``.
    levels : list of int, optional
        The ladder levels to count between, in order (default: those observed);
        it must hold every level the placements do.
    waves : list of str, optional
        The wave order (default: as the placements come).

    Returns
    -------
    Transitions
        ``counts``, ``probabilities`` and the per-pair ``pairs``.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A", "A", "B", "B"], "wave_id": ["W1", "W2"] * 2,
    ...                    "facet": "delivery", "level": [1, 2, 1, 1]})
    >>> t = qlr.track.transitions(pl, levels=[0, 1, 2])
    >>> t.counts.loc[1].tolist(), t.probabilities.loc[1].tolist()
    ([0, 1, 1], [0.0, 0.5, 0.5])
    """
    from .._check import check_number

    check_number("smoothing", smoothing, minimum=0)
    rows = _facet_rows(placements, facet)
    if facet is None and "facet" in rows.columns and rows["facet"].nunique() > 1:
        raise SelectionError("these placements hold several facets", hint="pass facet= to choose one")
    column = _level_column(rows, use_overrides)
    wave_order = waves or list(dict.fromkeys(rows["wave_id"]))
    observed = sorted({int(v) for v in rows[column].dropna()})
    level_list = levels or observed or [0]
    outside = sorted(set(observed) - set(level_list))
    if outside:
        raise SelectionError(f"placements hold levels {outside} that levels= leaves out", hint=f"include them: levels={sorted(set(level_list) | set(outside))}")
    empty = pd.DataFrame(0, index=pd.Index(level_list, name="from"), columns=pd.Index(level_list, name="to"))
    total = empty.copy()
    pairs = {}
    by_case = {case: dict(zip(part["wave_id"], part[column])) for case, part in rows.groupby("case_id", sort=False)}
    for first, second in zip(wave_order, wave_order[1:]):
        counts = empty.copy()
        for levels_by_wave in by_case.values():
            a, b = levels_by_wave.get(first, pd.NA), levels_by_wave.get(second, pd.NA)
            if pd.isna(a) or pd.isna(b):
                continue
            counts.loc[int(a), int(b)] += 1
        pairs[(first, second)] = counts
        total += counts
    smoothed = total.astype(float) + smoothing
    sums = smoothed.sum(axis=1)
    probabilities = smoothed.div(sums.where(sums > 0, np.nan), axis=0)
    return Transitions(total, probabilities, pairs=pairs)

