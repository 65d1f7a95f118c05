"""Change categories per case and code, after Saldaña's longitudinal questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import check_choice, renamed_keywords
from ..codebook._display import code_labels
from ..evidence import NOT_CODED
from ..pool import STUDY_COLUMN
from ._matrix import matrix

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["change", "change_summary", "CATEGORIES", "classify"]

#: The change categories, in the order the rules are tried; ``not coded`` (a pooled study's case no wave of which the
#: codebook coded, :func:`qlr.evidence.not_coded_waves`) comes before any rule.
#: A row seen at fewer than two waves: no change to read.
NOT_ENOUGH_WAVES = "not enough waves"
CATEGORIES = (
    NOT_CODED,
    NOT_ENOUGH_WAVES,
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
    * no significant step, but never falling and ``last - first ≥ max(min_step,
      rise × first)`` → ``increases`` (a gradual rise, 4 → 5 → 7, each step under
      ``rise``); never rising and as large a fall → ``decreases``;
    * otherwise → ``constant``.

    Parameters
    ----------
    values : list of float
        The values at the waves the case was seen, in wave order.
    rise : float
        Relative change that counts as a real step (0.5 = 50 %).
    min_step : float
        Smallest absolute change that counts (in the matrix's value).
    surge : float
        How many times higher a single wave must be to count as a surge.

    Returns
    -------
    str
        One of :data:`CATEGORIES`.

    Examples
    --------
    >>> classify([0, 2, 3]), classify([3, 0]), classify([1, 5, 1]), classify([2, 4, 6])
    ('emerges', 'ceases', 'surges', 'increases')
    >>> classify([4, 1, 5]), classify([3, 3, 4]), classify([0, 0]), classify([5])
    ('idiosyncratic', 'constant', 'absent', 'not enough waves')
    >>> classify([4, 5, 7]), classify([4, 5, 4])
    ('increases', 'constant')
    """
    return CATEGORIES[int(_classify_rows(np.array([values], dtype="float64").reshape(1, -1), rise=rise, min_step=min_step, surge=surge)[0])]


def _classify_rows(values: np.ndarray, *, rise: float, min_step: float, surge: float) -> np.ndarray:
    """:func:`classify` for every row of a 2-D array at once; NaN marks a missing wave.

    Returns the position of each row's category in :data:`CATEGORIES`.
    """
    rows, width = values.shape
    # Close the gaps: each row's present values first, in wave order.
    order = np.argsort(np.isnan(values), axis=1, kind="stable")
    v = np.take_along_axis(values, order, axis=1)
    n = (~np.isnan(values)).sum(axis=1)
    v = np.hstack([v, np.full((rows, 2), np.nan)])  # room to look two waves ahead
    index = np.arange(rows)
    first, last = v[:, 0], v[index, np.maximum(n - 1, 0)]
    with np.errstate(invalid="ignore"):
        before, after = v[:, :width], v[:, 1 : width + 1]
        step = after - before
        real = np.arange(width)[None, :] + 1 < n[:, None]  # step j joins two present values
        significant = real & (np.abs(step) >= np.maximum(min_step, rise * before))
        direction = np.where(significant, np.sign(step), 0)
        falls = np.cumsum(direction == -1, axis=1)
        fell_before = np.hstack([np.zeros((rows, 1), dtype=bool), falls[:, :-1] > 0])
        ahead = v[:, 2 : width + 2]
        settles = (np.arange(width)[None, :] + 2 >= n[:, None]) | (ahead < after / surge)
        surges = (real & (step >= min_step) & (after >= surge * np.maximum(before, 1.0)) & ~fell_before & settles).any(axis=1)
        all_zero = np.where(np.isnan(v), 0.0, v).any(axis=1) == 0
        ups, downs = (direction == 1).any(axis=1), (direction == -1).any(axis=1)
        # A gradual change: no step significant on its own, one way all along, and significant from end to end.
        overall = np.abs(last - first) >= np.maximum(min_step, rise * first)
        steady = ~ups & ~downs & overall
        never_falls, never_rises = ~(real & (step < 0)).any(axis=1), ~(real & (step > 0)).any(axis=1)
        rules = [
            n < 2,
            all_zero,
            (first == 0) & (last > 0),
            (first > 0) & (last == 0),
            surges,
            ups & downs,
            (ups & (last > first)) | (steady & never_falls & (last > first)),
            (downs & (last < first)) | (steady & never_rises & (last < first)),
        ]
    names = ["not enough waves", "absent", "emerges", "ceases", "surges", "idiosyncratic", "increases", "decreases"]
    return np.select(rules, [CATEGORIES.index(name) for name in names], default=CATEGORIES.index("constant"))


@renamed_keywords(level="granularity")
def change(
    study: Study,
    *,
    granularity: str = "code",
    value: str = "count",
    codebook: Any = None,
    rise: float = 0.5,
    min_step: float = 1.0,
    surge: float = 3.0,
    common: float = 0.5,
    summaries: bool | None = None,
) -> pd.DataFrame:
    """What changed for each case and code (or theme) across the waves.

    Builds the framework matrix (:func:`qlr.track.matrix`) and classifies each
    case × code series with :func:`classify` over the waves the case was seen.
    Waves where the case was missing are left out of the series and listed.
    In a pooled study, a case whose study was never coded with the codebook is
    ``not coded`` (its waves ``not coded`` in ``missing_waves``), not ``absent``,
    and is no "other case" for an absence elsewhere; a case coded at some waves
    only (``cases="shared"``, a next wave of plain transcripts) is read over
    those, the others ``not coded`` in ``missing_waves``.  An ``absent`` code that at least ``common`` of the other cases show (at the
    waves this case was seen) is ``absent (common elsewhere)``: Saldaña's "what is
    missing here" (:func:`qlr.track.missing_through_time` gives the figures).  In a
    pooled study (:func:`qlr.concat`) the other cases are those of the case's own
    study, and the table starts with its ``study`` column.

    Parameters
    ----------
    study : Study
        The coded study.
    granularity : {"code", "theme"}
        Classify each code, or each theme: the codings of its codes that count
        for it pooled, and those of its codes that count against it pooled apart
        as ``"<theme> (against)"`` and classified on their own
        (:meth:`~qlr.codebook.Codebook.rollup`), so ``facilitation.catalyst``
        replacing ``facilitation.staff_led`` is not read as facilitation
        ceasing.  (Formerly ``level=``, which still works with a warning.)
    value : {"count", "density", "segments", "presence"}
        The matrix value the rules read (density evens out interview lengths).
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or
        path; defaults to the study's only codebook.  A study with several
        (a pooled study whose parts were coded with different codebooks) needs
        it: the error names the ones it holds.
    rise, min_step, surge : float
        Thresholds of :func:`classify`.
    common : float
        Share of other cases (0–1) that makes an absence notable.
    summaries : bool, optional
        Count the codings in the team's summaries of interviews, or not (:func:`qlr.track.matrix`'s ``summaries``);
        by default as the codebook's ladder counts them (not at its ``summary_weight`` 0, the default).

    Returns
    -------
    DataFrame
        One row per case × code: (a pooled study's ``study``), ``case_id``,
        ``code_id`` (or ``theme``), one column per wave (NaN where missing),
        ``waves_seen``, ``missing_waves``, ``category``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> ch = qlr.track.change(study, granularity="theme")
    >>> ch.set_index(["case_id", "theme"]).loc[("C06", "power"), "missing_waves"]
    'W3 (dropped out)'

    With several codebooks, name one (``codebook="coproduction"``), as in any analysis.
    """
    check_choice("granularity", granularity, ("code", "theme"))
    grid = matrix(study, rows="case", cols=granularity, by="wave", value=value, codebook=codebook, summaries=summaries)
    col = grid.cols
    tidy = grid.tidy
    wave_ids = list(study.waves["wave_id"])
    # A (case × column) × wave array of values, NaN where the case was not seen.
    case_number, case_ids = pd.factorize(tidy["case_id"])
    column_number, column_ids = pd.factorize(tidy[col])
    wave_number = pd.Index(wave_ids).get_indexer(tidy["wave_id"])
    n_cases, n_columns, n_waves = len(case_ids), len(column_ids), len(wave_ids)
    values = np.full((n_cases * n_columns, n_waves), np.nan)
    values[case_number * n_columns + column_number, wave_number] = tidy["value"].to_numpy(dtype="float64", na_value=np.nan)
    category = _classify_rows(values, rise=rise, min_step=min_step, surge=surge)

    # "What is missing here": an absent code that at least `common` of the other cases show.
    seen = ~np.isnan(values)
    pooled = _study_of(study, case_ids)
    _, best_share, _, _ = common_elsewhere(values, n_columns=n_columns, groups=pd.factorize(pooled)[0] if pooled is not None else None)
    absent = category == CATEGORIES.index("absent")
    category[absent & (best_share >= common)] = CATEGORIES.index("absent (common elsewhere)")
    # A case no wave of which was coded with the codebook (the matrix says why its waves are missing) has no change to
    # read; one coded at some waves (the same people's next wave pooled as plain transcripts) is read over those.
    uncoded = np.repeat(case_ids.isin(tidy.loc[tidy["reason"] == NOT_CODED, "case_id"].unique()), n_columns) & ~seen.any(axis=1)
    category[uncoded] = CATEGORIES.index(NOT_CODED)

    # The waves each row misses, with the reason (a case's rows share it unless density left a gap).
    reason_cells = tidy.dropna(subset=["reason"]).drop_duplicates(["case_id", "wave_id"])
    reasons = dict(zip(zip(reason_cells["case_id"], reason_cells["wave_id"]), reason_cells["reason"]))
    row_case = np.repeat(np.arange(n_cases), n_columns)
    # Rows of one case with the same waves seen share a description: worked out once each.
    patterns = [bytes(row) for row in np.packbits(seen, axis=1)]
    described: dict[tuple[int, bytes], str | None] = {}
    for row, key in enumerate(zip(row_case.tolist(), patterns)):
        if key not in described:
            missed = [(w, reasons.get((case_ids[key[0]], w))) for w, was_seen in zip(wave_ids, seen[row].tolist()) if not was_seen]
            described[key] = ", ".join(f"{w} ({reason or 'missing'})" for w, reason in missed if reason != "not scheduled") or None
    result = pd.DataFrame({"case_id": case_ids.take(row_case), col: column_ids.take(np.tile(np.arange(n_columns), n_cases))})
    if pooled is not None:
        # A pooled study's rows say whose study each case is, as its trajectories do.
        result.insert(0, STUDY_COLUMN, pooled.take(row_case))
    for k, wave in enumerate(wave_ids):
        result[wave] = values[:, k]
    result["waves_seen"] = seen.sum(axis=1)
    result["missing_waves"] = [described[key] for key in zip(row_case.tolist(), patterns)]
    result["category"] = pd.Categorical.from_codes(category, categories=list(CATEGORIES))
    # What the matrix's codebook shows for each column (Codebook.labels), as plain data, so a figure of the table
    # names codes as the matrix's heatmap does without being passed the codebook.
    result.attrs["code_labels"] = code_labels(grid.codebook, [str(c) for c in column_ids])
    return result


def _study_of(study: Study, case_ids: pd.Index) -> np.ndarray | None:
    """Each case's study in a pooled study (:func:`qlr.concat`'s ``study`` column of the cases), else None.

    A study is pooled where :func:`qlr.concat` says so (``meta["pooled"]``): a case attribute a study of its own
    calls ``study`` (the site that recruited the case) does not split "elsewhere" into groups.
    """
    if not study.meta.get("pooled") or STUDY_COLUMN not in study.cases.columns:
        return None
    return study.cases.set_index("case_id")[STUDY_COLUMN].reindex(case_ids).to_numpy(dtype=object)


def common_elsewhere(values: np.ndarray, *, n_columns: int, groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """How common each row's code is among the other cases, at the waves its case was seen: the one reading of
    ``absent (common elsewhere)``, used by :func:`change` and :func:`qlr.track.missing_through_time`.

    ``values`` has one row per case × code (case-major, ``n_columns`` codes a case) and one column per wave, NaN where
    the case was not seen.  "Other cases" are the cases of the row's own group (a pooled study's cases of the same
    study: a programme elsewhere is not "elsewhere" in this one), seen at that wave.

    Returns
    -------
    tuple of arrays, one value per row
        The wave (column position; -1 where no other case was seen at a wave the case was) where the share is highest,
        that share (``-inf`` for none), the other cases showing the code there and the other cases seen there.

    Examples
    --------
    >>> nan = np.nan
    >>> # Four cases, one code, two waves; the fourth missed W2, where one of the first three shows the code.
    >>> wave, share, showing, others = common_elsewhere(np.array([[0, 0], [0, 2], [0, 0], [0, nan]]), n_columns=1)
    >>> wave.tolist(), share.tolist(), showing.tolist(), others.tolist()
    ([1, 0, 1, 0], [0.5, 0.0, 0.5, 0.0], [1, 0, 1, 0], [2, 3, 2, 3])
    """
    n_rows, n_waves = values.shape
    n_cases = n_rows // max(n_columns, 1)
    group = np.zeros(n_cases, dtype="int64") if groups is None else np.asarray(groups, dtype="int64")
    seen = ~np.isnan(values)
    shows = np.nan_to_num(values) > 0
    by_case = shows.reshape(n_cases, n_columns, n_waves), seen.reshape(n_cases, n_columns, n_waves)
    if groups is None:
        shown, counted = (part.sum(axis=0, dtype="int64")[None] for part in by_case)
    else:
        shown = np.zeros((group.max(initial=0) + 1, n_columns, n_waves), dtype="int64")
        counted = np.zeros_like(shown)
        np.add.at(shown, group, by_case[0])
        np.add.at(counted, group, by_case[1])
    row_group, row_column = np.repeat(group, n_columns), np.tile(np.arange(n_columns), n_cases)
    # The row's own case is not "elsewhere".
    showing = shown[row_group, row_column] - shows
    others = counted[row_group, row_column] - seen
    share = np.where(seen & (others > 0), showing / np.maximum(others, 1), -np.inf)
    best = share.argmax(axis=1) if n_waves else np.zeros(n_rows, dtype="int64")
    rows = np.arange(n_rows)
    best_share = share[rows, best] if n_waves else np.full(n_rows, -np.inf)
    found = np.isfinite(best_share)
    return (
        np.where(found, best, -1),
        best_share,
        np.where(found, showing[rows, best] if n_waves else 0, 0),
        np.where(found, others[rows, best] if n_waves else 0, 0),
    )


def no_case_followed(changes: pd.DataFrame) -> bool:
    """Whether no case of ``changes`` (from :func:`change`) was seen at two or more waves: every row ``not enough
    waves`` (or ``not coded``), so a grid of them is all one colour and says nothing (the report shows a line instead,
    :func:`qlr.plot.change_grid` refuses)."""
    read = changes["category"].astype(str)
    return bool((read == NOT_ENOUGH_WAVES).any() and read.isin([NOT_ENOUGH_WAVES, NOT_CODED]).all())


def change_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """How many cases show each change category, for each code (the cross-case view).

    Parameters
    ----------
    changes : DataFrame
        What :func:`change` returned (by code or by theme).

    Returns
    -------
    DataFrame
        One row per code (or theme), one column per category of
        :data:`CATEGORIES`, holding numbers of cases (``not coded`` only where
        some case was not coded).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> summary = qlr.track.change_summary(qlr.track.change(study.sel(role="carer"), granularity="theme"))
    >>> int(summary.loc["peer_networks"].sum())
    11
    """
    col = "theme" if "theme" in changes.columns else "code_id"
    table = changes.groupby([col, "category"], observed=False).size().unstack("category", fill_value=0)
    # "not coded" is a pooled study's: a column of it only where some case has it.
    shown = [c for c in CATEGORIES if c != NOT_CODED or (changes["category"] == NOT_CODED).any()]
    return table.reindex(columns=shown, fill_value=0)
