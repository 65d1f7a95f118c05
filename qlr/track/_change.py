"""Change categories per case and code, after Saldaña's longitudinal questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._matrix import matrix

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["change", "change_summary", "CATEGORIES", "classify"]

#: The change categories, in the order the rules are tried.
CATEGORIES = (
    "not enough waves",
    "absent (common elsewhere)",
    "absent",
    "emerges",
    "ceases",
    "surges",
    "idiosyncratic",
    "increases",
    "decreases",
    "constant",
)


def classify(
    values: list[float],
    *,
    rise: float = 0.5,
    min_step: float = 1.0,
    surge: float = 3.0,
) -> str:
    """The change category of one case's values over the waves it was seen.

    ``values`` are the present waves only, in order (missing waves left out).
    Rules, tried in this order (``v`` the values, ``first``/``last`` the ends):

    * fewer than two values → ``not enough waves``;
    * all ``v == 0`` → ``absent``;
    * ``first == 0`` and ``last > 0`` → ``emerges`` (it appears after the first wave
      and is still there at the last);
    * ``first > 0`` and ``last == 0`` → ``ceases``;
    * a *significant* step is one with ``|v[i+1] - v[i]| ≥ max(min_step, rise × v[i])``;
    * some step ``v[i+1] - v[i] ≥ min_step`` with ``v[i+1] ≥ surge × max(v[i], 1)``,
      no significant fall before it, and after it the value falls back below
      ``v[i+1] / surge`` or the series ends → ``surges`` (a sudden rise, an epiphany);
    * significant steps in both directions → ``idiosyncratic`` (fluctuating);
    * only upward significant steps and ``last > first`` → ``increases``;
    * only downward significant steps and ``last < first`` → ``decreases``;
    * otherwise → ``constant``.

    Parameters
    ----------
    rise : float
        Relative change that counts as a real step (0.5 = 50 %).
    min_step : float
        Smallest absolute change that counts (in the matrix's unit).
    surge : float
        How many times higher a single wave must be to count as a surge.

    Examples
    --------
    >>> classify([0, 2, 3]), classify([3, 0]), classify([1, 5, 1]), classify([2, 4, 6])
    ('emerges', 'ceases', 'surges', 'increases')
    >>> classify([4, 1, 5]), classify([3, 3, 4]), classify([0, 0]), classify([5])
    ('idiosyncratic', 'constant', 'absent', 'not enough waves')
    """
    if len(values) < 2:
        return "not enough waves"
    if all(v == 0 for v in values):
        return "absent"
    first, last = values[0], values[-1]
    if first == 0 and last > 0:
        return "emerges"
    if first > 0 and last == 0:
        return "ceases"
    # Direction of each step: +1 / -1 when significant, 0 otherwise.
    directions = []
    for before, after in zip(values, values[1:]):
        step = after - before
        significant = abs(step) >= max(min_step, rise * before)
        directions.append(0 if not significant else (1 if step > 0 else -1))
    for i, (before, after) in enumerate(zip(values, values[1:])):
        if after - before >= min_step and after >= surge * max(before, 1.0) and -1 not in directions[:i]:
            rest = values[i + 2 :]
            if not rest or rest[0] < after / surge:
                return "surges"
    ups, downs = directions.count(1), directions.count(-1)
    if ups and downs:
        return "idiosyncratic"
    if ups and last > first:
        return "increases"
    if downs and last < first:
        return "decreases"
    return "constant"


def change(
    study: Study,
    *,
    level: str = "code",
    value: str = "count",
    codebook: Any = None,
    rise: float = 0.5,
    min_step: float = 1.0,
    surge: float = 3.0,
    common: float = 0.5,
) -> pd.DataFrame:
    """What changed for each case and code (or theme) across the waves.

    Builds the framework matrix (:func:`qlr.track.matrix`) and classifies each
    case × code series with :func:`classify` over the waves the case was seen.
    Waves where the case was missing are left out of the series and listed.
    An ``absent`` code that at least ``common`` of the other cases show (at the
    waves this case was seen) is ``absent (common elsewhere)``: Saldaña's "what is
    missing here".

    Parameters
    ----------
    level : {"code", "theme"}
    value : {"count", "density", "segments", "presence"}
        The matrix value the rules read (density evens out interview lengths).
    rise, min_step, surge : float
        Thresholds of :func:`classify`.
    common : float
        Share of other cases (0–1) that makes an absence notable.

    Returns
    -------
    DataFrame
        One row per case × code: ``case_id``, ``code_id`` (or ``theme``), one
        column per wave (NaN where missing), ``waves_seen``, ``missing_waves``,
        ``category``.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> ch = qlr.track.change(study, level="theme")
    >>> ch.set_index(["case_id", "theme"]).loc[("C06", "power"), "missing_waves"]
    'W3 (dropped out)'
    """
    grid = matrix(study, rows="case", cols=level, by="wave", value=value, codebook=codebook)
    col = grid.cols
    wave_ids = list(study.waves["wave_id"])
    wide = grid.tidy.set_index(["case_id", col, "wave_id"])["value"].unstack("wave_id").reindex(columns=wave_ids)
    # Keep the matrix's order (cases as declared, codes as in the codebook), not unstack's sort.
    wide = wide.reindex(pd.MultiIndex.from_frame(grid.tidy[["case_id", col]].drop_duplicates()))
    missing_cells = grid.tidy.dropna(subset=["reason"]).drop_duplicates(["case_id", "wave_id"])
    reasons = dict(zip(zip(missing_cells["case_id"], missing_cells["wave_id"]), missing_cells["reason"]))

    # Share of the other cases showing each code at each wave, for "common elsewhere".
    shown = grid.tidy.dropna(subset=["value"]).assign(shown=lambda f: f["value"] > 0)
    tallies = shown.groupby([col, "wave_id"])["shown"].agg(["sum", "count"])
    shown_by = {key: (float(a), int(b)) for key, a, b in zip(tallies.index, tallies["sum"], tallies["count"])}

    rows = []
    values_array = wide.to_numpy(dtype="float64", na_value=np.nan)
    for (case_id, code), row in zip(wide.index, values_array.tolist()):
        seen = [w for w, v in zip(wave_ids, row) if v == v]  # v != v only for NaN
        values = [v for v in row if v == v]
        category = classify(values, rise=rise, min_step=min_step, surge=surge)
        if category == "absent" and seen:
            shares = []
            for w in seen:
                if (code, w) in shown_by:
                    total, count = shown_by[(code, w)]
                    shares.append(total / (count - 1) if count > 1 else 0.0)
            if shares and max(shares) >= common:
                category = "absent (common elsewhere)"
        missing = [f"{w} ({reasons.get((case_id, w), 'missing')})" for w in wave_ids if w not in seen and reasons.get((case_id, w)) != "not scheduled"]
        rows.append({"case_id": case_id, col: code, **dict(zip(wave_ids, row)), "waves_seen": len(seen), "missing_waves": ", ".join(missing) or None, "category": category})
    result = pd.DataFrame(rows)
    result["category"] = pd.Categorical(result["category"], categories=list(CATEGORIES))
    return result


def change_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """How many cases show each change category, for each code (the cross-case view).

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> summary = qlr.track.change_summary(qlr.track.change(study.sel(role="carer"), level="theme"))
    >>> int(summary.loc["peer_networks"].sum())
    11
    """
    col = "theme" if "theme" in changes.columns else "code_id"
    table = changes.groupby([col, "category"], observed=False).size().unstack("category", fill_value=0)
    return table.reindex(columns=list(CATEGORIES), fill_value=0)
