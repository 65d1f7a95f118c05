"""Saldaña's longitudinal questions: what is cumulative, where the turning points are, the through-lines, what is missing through time.

Saldaña (2003), *Longitudinal Qualitative Research: Analyzing Change Through
Time*, asks of every study a set of questions; :func:`qlr.track.change`
answers "what increases, emerges, ceases…"; these answer the rest.  Each rule
is a formula over the framework matrix (:func:`qlr.track.matrix`) or the
placements, with its thresholds as keyword parameters.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..pool import STUDY_COLUMN
from ..study import Study
from ._change import change, common_elsewhere
from ._placements import Placements, flat_placements

__all__ = ["cumulative", "turning_points", "through_lines", "persistent_themes", "missing_through_time"]


def _series(study: Study, granularity: str, value: str, codebook: Any) -> tuple[pd.DataFrame, str, list[str]]:
    """Each case × code (or theme) over the waves, NaN where the case was not seen, with its change category."""
    table = change(study, granularity=granularity, value=value, codebook=codebook)
    column = "theme" if granularity == "theme" else "code_id"
    return table, column, list(study.waves["wave_id"])


def cumulative(
    study: Study,
    *,
    granularity: str = "theme",
    value: str = "count",
    min_growth: float = 1.0,
    min_present: int = 2,
    codebook: Any = None,
) -> pd.DataFrame:
    """What is cumulative for each case: present and growing from wave to wave.

    Over the waves the case was seen, with ``v`` its values in wave order, a
    code (or theme) is cumulative when

    * it never falls: ``v[t+1] ≥ v[t]`` for every consecutive pair of waves seen;
    * it grows overall: ``v[last] - v[first] ≥ min_growth``;
    * it is there at least ``min_present`` waves (``v > 0``), so one late
      mention is an emergence (:func:`qlr.track.change`), not an accumulation.

    Parameters
    ----------
    study : Study
        The coded study.
    granularity : {"theme", "code"}
    value : {"count", "density", "segments", "presence"}
        The matrix value read (``density``, per 1,000 words the case said,
        evens out interview lengths; give ``min_growth`` in its units).
    min_growth : float
        How much it must grow from the first wave seen to the last.
    min_present : int
        At how many waves it must be present.
    codebook : Codebook or str, optional

    Returns
    -------
    DataFrame
        One row per cumulative case × code (or theme): ``case_id``, ``theme``
        (or ``code_id``), one column per wave, ``growth`` (last minus first)
        and ``waves_present``; largest growth first within each case.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> grows = qlr.track.cumulative(study.sel(role="carer"))
    >>> row = grows.set_index(["case_id", "theme"]).loc[("C01", "power")]
    >>> bool(row["W1"] <= row["W2"] <= row["W3"] and row["growth"] >= 1)
    True
    """
    from .._check import check_number

    check_number("min_growth", min_growth, minimum=0)
    check_number("min_present", min_present, minimum=1, integer=True)
    table, column, waves = _series(study, granularity, value, codebook)
    values = table[waves].to_numpy(dtype=float)
    keep, growth = [], []
    for row in values:
        seen = row[~np.isnan(row)]
        rising = len(seen) >= 2 and bool((np.diff(seen) >= 0).all())
        keep.append(rising and seen[-1] - seen[0] >= min_growth and int((seen > 0).sum()) >= min_present)
        growth.append(seen[-1] - seen[0] if len(seen) >= 2 else np.nan)
    result = table.assign(growth=growth, waves_present=(np.nan_to_num(values) > 0).sum(axis=1))[keep]
    result = result[["case_id", column, *waves, "growth", "waves_present"]]
    order = {case: i for i, case in enumerate(study.cases["case_id"])}
    result = result.assign(_case=result["case_id"].map(order)).sort_values(["_case", "growth"], ascending=[True, False], kind="stable")
    return result.drop(columns="_case").reset_index(drop=True)


def through_lines(
    study: Study,
    *,
    granularity: str = "theme",
    min_share: float = 1.0,
    min_waves: int = 2,
    codebook: Any = None,
) -> pd.DataFrame:
    """Each case's through-lines: the themes (or codes) present at every wave the case was seen.

    A theme is a through-line of a case when the case was seen at
    ``n ≥ min_waves`` waves and the theme is present (coded at least once) at
    ``k`` of them with ``k / n ≥ min_share`` (1.0: every wave).

    Parameters
    ----------
    study : Study
        The coded study.
    granularity : {"theme", "code"}
    min_share : float
        Share of the case's waves (0–1) the theme must be present at.
    min_waves : int
        How many waves the case must have been seen at.
    codebook : Codebook or str, optional

    Returns
    -------
    DataFrame
        One row per case × through-line: ``case_id``, ``theme`` (or
        ``code_id``), ``waves_present``, ``waves_seen``, ``share`` and
        ``codings`` (over all its waves; the most coded first within a case).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> lines = qlr.track.through_lines(study.sel(role="carer"))
    >>> (lines["waves_present"] == lines["waves_seen"]).all()
    np.True_
    """
    from .._check import check_number

    check_number("min_share", min_share, minimum=0, maximum=1)
    check_number("min_waves", min_waves, minimum=1, integer=True)
    table, column, waves = _series(study, granularity, "count", codebook)
    values = table[waves].to_numpy(dtype=float)
    seen = (~np.isnan(values)).sum(axis=1)
    present = (np.nan_to_num(values) > 0).sum(axis=1)
    share = np.divide(present, seen, out=np.zeros(len(seen)), where=seen > 0)
    keep = (seen >= min_waves) & (present > 0) & (share >= min_share - 1e-12)
    result = pd.DataFrame(
        {"case_id": table["case_id"], column: table[column], "waves_present": present, "waves_seen": seen, "share": share, "codings": np.nansum(values, axis=1)}
    )[keep]
    order = {case: i for i, case in enumerate(study.cases["case_id"])}
    result = result.assign(_case=result["case_id"].map(order)).sort_values(["_case", "codings"], ascending=[True, False], kind="stable")
    return result.drop(columns="_case").reset_index(drop=True)


def persistent_themes(lines: pd.DataFrame, *, cases: int | None = None) -> pd.DataFrame:
    """Across cases, the most persistent themes: how many cases have each as a through-line.

    ``share = cases with it as a through-line / cases compared``, where the
    cases compared are ``cases`` or, by default, those in ``lines``.

    Parameters
    ----------
    lines : DataFrame
        What :func:`through_lines` returned.
    cases : int, optional
        How many cases were compared (cases with no through-line at all count
        too); by default the number of cases in ``lines``.

    Returns
    -------
    DataFrame
        ``theme`` (or ``code_id``), ``n_cases``, ``share`` and ``case_ids``
        (joined by ``", "``), the most persistent first.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> carers = study.sel(role="carer")
    >>> top = qlr.track.persistent_themes(qlr.track.through_lines(carers), cases=len(carers.cases))
    >>> bool(top["n_cases"].is_monotonic_decreasing)
    True
    """
    from .._check import check_number

    if cases is not None:
        check_number("cases", cases, minimum=1, integer=True)
    column = "theme" if "theme" in lines.columns else "code_id"
    total = cases if cases is not None else lines["case_id"].nunique()
    if total < 1:
        raise SelectionError("no cases to compare", hint="pass the through-lines of a study with cases, or cases=")
    grouped = lines.groupby(column, sort=False)["case_id"]
    result = pd.DataFrame({"n_cases": grouped.nunique(), "case_ids": grouped.apply(", ".join)}).reset_index()
    result.insert(2, "share", result["n_cases"] / total)
    return result.sort_values(["n_cases", column], ascending=[False, True], kind="stable").reset_index(drop=True)


def missing_through_time(
    study: Study,
    *,
    granularity: str = "code",
    common: float = 0.5,
    codebook: Any = None,
) -> pd.DataFrame:
    """What is missing through time: codes common elsewhere that a case never shows.

    A code is missing through time for a case when the case was seen at two
    waves or more, the code has no coding at any of them, and at some wave
    the case was seen, at least ``common`` of the other cases seen there show
    it — the ``absent (common elsewhere)`` category of :func:`qlr.track.change`.
    In a pooled study (:func:`qlr.concat`) the other cases are those of the
    case's own study.

    Parameters
    ----------
    study : Study
        The coded study (select a role first to compare like with like).
    granularity : {"code", "theme"}
    common : float
        The share of other cases (0–1) that makes an absence notable.
    codebook : Codebook or str, optional

    Returns
    -------
    DataFrame
        ``case_id``, ``code_id`` (or ``theme``), then the figures the rule read:
        ``wave_id`` (the wave, of those the case was seen at, where it is most
        common), ``cases_elsewhere`` (other cases showing it there),
        ``cases_seen`` (other cases seen there) and ``share_elsewhere``
        (``cases_elsewhere / cases_seen``, at least ``common``); most common first
        within a case.  A pooled study's table starts with ``study``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> gaps = qlr.track.missing_through_time(study.sel(role="carer"))
    >>> bool((gaps["share_elsewhere"] > 0).all())
    True
    """
    from .._check import check_number

    check_number("common", common, minimum=0, maximum=1)
    table = change(study, granularity=granularity, value="count", codebook=codebook, common=common)
    column = "theme" if granularity == "theme" else "code_id"
    waves = list(study.waves["wave_id"])
    # The figures the category was given on (change's rows are case-major, one per case × column).
    n_columns = table[column].nunique()
    groups = pd.factorize(table[STUDY_COLUMN].to_numpy()[::n_columns])[0] if STUDY_COLUMN in table.columns and n_columns else None
    wave, share, showing, others = common_elsewhere(table[waves].to_numpy(dtype="float64"), n_columns=n_columns, groups=groups)
    keep = (table["category"] == "absent (common elsewhere)").to_numpy()
    missing = table.loc[keep, [c for c in (STUDY_COLUMN, "case_id", column) if c in table.columns]].copy()
    missing["wave_id"] = np.array(waves, dtype=object)[wave[keep]] if waves else []
    missing["cases_elsewhere"] = showing[keep].astype(int)
    missing["cases_seen"] = others[keep].astype(int)
    missing["share_elsewhere"] = share[keep]
    order = {case: i for i, case in enumerate(study.cases["case_id"])}
    missing = missing.assign(_case=missing["case_id"].map(order)).sort_values(["_case", "share_elsewhere", "cases_elsewhere"], ascending=[True, False, False], kind="stable")
    return missing.drop(columns="_case").reset_index(drop=True)


def _passage(placements: Placements | pd.DataFrame, case_id: str, wave_id: str, facet: str, level: int) -> dict[str, Any]:
    """The quote that best shows a placement: the first in its trail that speaks for the level placed."""
    if not isinstance(placements, Placements) or placements.evidence.empty:
        return {"seg_id": None, "quote": None}
    trail = placements.quotes(facet=facet, case=case_id, wave=wave_id)
    if trail.empty:
        return {"seg_id": None, "quote": None}
    speaks = trail[(trail["level"] == level).fillna(False).to_numpy(dtype=bool)]
    if "polarity" in speaks.columns:
        speaks = speaks[(speaks["polarity"] != "negative").fillna(True).to_numpy(dtype=bool)]
    row = (speaks if not speaks.empty else trail).iloc[0]
    return {"seg_id": row["seg_id"], "quote": row["quote"]}


def turning_points(
    placements: Placements | pd.DataFrame,
    *,
    facet: str | None = None,
    min_shift: int = 1,
    min_after: int = 1,
    first_only: bool = True,
    use_overrides: bool = True,
) -> pd.DataFrame:
    """Turning points: the wave after which a case's level moves and stays moved, with the passage where it shows.

    Over the waves a case is placed at, in order, with levels ``L``: wave
    ``t`` (not the last) is a turning point when at least ``min_after`` waves
    are placed after it and every one of them has moved the same way by at
    least ``min_shift``: ``L[u] - L[t] ≥ min_shift`` for all ``u > t``
    (upward), or ``L[t] - L[u] ≥ min_shift`` for all ``u > t`` (downward).
    A move that comes back (1, 3, 1) is no turning point after its first wave.
    The passage is the first quote in the placement's evidence trail at the
    first moved wave that speaks for the level placed there.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by case and wave; only
        :class:`Placements` carry the passages.
    facet : str, optional
        One facet; by default each.
    min_shift : int
        Levels the case must move by and stay moved.
    min_after : int
        Placed waves that must follow the turning point.
    first_only : bool
        Only each case × facet's earliest turning point.
    use_overrides : bool
        Read ``final_level`` (researchers' overrides applied) rather than ``level``.

    Returns
    -------
    DataFrame
        ``case_id``, ``facet``, ``after_wave`` (the turning point),
        ``wave_id`` (the first wave moved), ``direction`` (``up``/``down``),
        ``level_before``, ``level_after`` (at ``wave_id``), ``shift`` (the
        smallest move after it, signed), ``waves_after``, ``seg_id`` and ``quote``.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3 + ["B"] * 3, "wave_id": ["W1", "W2", "W3"] * 2,
    ...                    "facet": "delivery", "level": [0, 2, 3, 1, 3, 1]})
    >>> qlr.track.turning_points(pl)[["case_id", "after_wave", "wave_id", "direction", "shift"]].values.tolist()
    [['A', 'W1', 'W2', 'up', 2], ['B', 'W2', 'W3', 'down', -2]]
    """
    from .._check import check_bool, check_number

    check_number("min_shift", min_shift, minimum=1, integer=True)
    check_number("min_after", min_after, minimum=1, integer=True)
    check_bool("first_only", first_only)
    rows = flat_placements(placements)
    if "facet" not in rows.columns:
        rows = rows.assign(facet=None)
    if facet is not None:
        rows = rows[rows["facet"] == facet]
    column = "final_level" if use_overrides and "final_level" in rows.columns else "level"
    wave_order = placements.waves if isinstance(placements, Placements) and placements.waves else list(dict.fromkeys(rows["wave_id"]))
    rank = {wave: i for i, wave in enumerate(wave_order)}
    found = []
    for (case_id, facet_id), part in rows.dropna(subset=[column]).groupby(["case_id", "facet"], sort=False, dropna=False):
        part = part.sort_values("wave_id", key=lambda waves: waves.map(rank), kind="stable")
        waves, levels = list(part["wave_id"]), [int(level) for level in part[column]]
        for t in range(len(levels) - min_after):
            later = np.array(levels[t + 1 :]) - levels[t]
            direction = "up" if (later >= min_shift).all() else "down" if (later <= -min_shift).all() else None
            if direction is None:
                continue
            shift = int(later.min() if direction == "up" else later.max())
            found.append(
                {
                    "case_id": case_id,
                    "facet": facet_id,
                    "after_wave": waves[t],
                    "wave_id": waves[t + 1],
                    "direction": direction,
                    "level_before": levels[t],
                    "level_after": levels[t + 1],
                    "shift": shift,
                    "waves_after": len(later),
                    **_passage(placements, case_id, waves[t + 1], facet_id, levels[t + 1]),
                }
            )
            if first_only:
                break
    columns = ["case_id", "facet", "after_wave", "wave_id", "direction", "level_before", "level_after", "shift", "waves_after", "seg_id", "quote"]
    return pd.DataFrame(found, columns=columns)
