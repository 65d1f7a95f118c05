"""Ladder placement: where each case (or stage, site, role…) stands, on what evidence."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from .._rows import quoted
from ..codebook import PLACEMENT_RULES
from ..errors import SelectionError
from ..evidence import COVERAGE, coverage_reason, group_columns, pick_codebook
from ._evidence import (
    CodedGroups,
    coded_groups,
    presence,
    row_positions,
    study_orders,
)
from ._placements import Placements

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook, Ladder
    from ..study import Study

__all__ = ["ladder", "place", "override_placement", "ORIGIN_WEIGHTS"]

#: Default weight of a coding by origin (multiplied by the evidence weight and, if set, its confidence).
ORIGIN_WEIGHTS = {"human": 1.0, "import": 1.0, "rules": 1.0, "model": 1.0}


def place(positive: Mapping[int, float], negative: Mapping[int, float], levels: list[int], *, rule: str, min_evidence: float) -> tuple[int | None, dict[int, float]]:
    """Apply a placement rule to evidence weights; return (level or None, the distribution used).

    ``positive[L]`` is the weight of evidence *for* level L; ``negative[L]`` the
    weight of evidence that the case is *not* at L or above.  The distribution
    ``w`` the rules read puts positive evidence at its level and negative evidence
    one level below the level it denies (``w[L-1] += negative[L]``; at the lowest
    level it stays there).  ``W = Σ w``.

    ``highest_supported``
        The highest ``L`` with ``positive[L] ≥ min_evidence`` and
        ``positive[L] > Σ_{l ≤ L} negative[l]`` (not outweighed by evidence denying
        it or a lower level).
    ``weighted_median``
        The smallest ``L`` with ``Σ_{l ≤ L} w[l] ≥ W / 2``, when ``W ≥ min_evidence``.
    ``modal``
        The ``L`` with the largest ``w[L]`` (ties go to the lower level), when
        ``W ≥ min_evidence``.

    Returns ``None`` for the level when the evidence is insufficient.

    Parameters
    ----------
    positive, negative : mapping of int to float
        Evidence weight for, and against, each level.
    levels : list of int
        The ladder's levels, lowest first.
    rule : {"highest_supported", "weighted_median", "modal"}
        The placement rule.
    min_evidence : float
        The weight a rule needs.

    Returns
    -------
    tuple
        The level placed (``None`` when the evidence is not enough) and the
        distribution ``w`` the rule read.

    Examples
    --------
    >>> levels = [0, 1, 2, 3, 4]
    >>> place({1: 1, 2: 2, 3: 1}, {}, levels, rule="highest_supported", min_evidence=2)[0]
    2
    >>> place({1: 3, 3: 2}, {3: 1}, levels, rule="weighted_median", min_evidence=2)[0]
    1
    >>> place({0: 1}, {}, levels, rule="modal", min_evidence=2)[0] is None
    True
    """
    from .._check import check_choice

    check_choice("rule", rule, PLACEMENT_RULES)
    off_ladder = sorted(set(positive) - set(levels) | set(negative) - set(levels))
    if off_ladder:
        raise SelectionError(f"evidence for level {off_ladder[0]}, which is not one of {levels}", hint="give evidence for the ladder's own levels")
    positive_row = np.array([[float(positive.get(level, 0.0)) for level in levels]])
    negative_row = np.array([[float(negative.get(level, 0.0)) for level in levels]])
    placed, distribution, _ = _place_rows(positive_row, negative_row, rule=rule, min_evidence=min_evidence)
    weights = dict(zip(levels, distribution[0].tolist()))
    return (levels[placed[0]] if placed[0] >= 0 else None), weights


def _place_rows(positive: np.ndarray, negative: np.ndarray, *, rule: str, min_evidence: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`place` for many groups at once.

    ``positive`` and ``negative`` are groups × levels arrays of weights (levels
    in ladder order).  Returns the index of the placed level (-1 where the
    evidence is insufficient), the distribution ``w`` and its total ``W``.
    """
    distribution = positive.copy()
    # Negative evidence at level L counts one level below it (at the lowest level it stays put).
    distribution[:, :-1] += negative[:, 1:]
    distribution[:, 0] += negative[:, 0]
    running = np.cumsum(distribution, axis=1)
    total = running[:, -1] if distribution.shape[1] else np.zeros(len(distribution))
    if rule == "highest_supported":
        denied = np.cumsum(negative, axis=1)
        supported = (positive >= min_evidence) & (positive > denied)
        highest = supported.shape[1] - 1 - np.argmax(supported[:, ::-1], axis=1)
        return np.where(supported.any(axis=1), highest, -1), distribution, total
    enough = (total >= min_evidence) & (total > 0)
    if rule == "weighted_median":
        chosen = np.argmax(running >= total[:, None] / 2, axis=1)
    else:  # modal: the heaviest level, ties to the lower one (argmax takes the first)
        chosen = np.argmax(distribution, axis=1)
    placed = np.where(enough, chosen, -1)
    return placed, distribution, total


def _quantile_rows(distribution: np.ndarray, total: np.ndarray, q: float) -> np.ndarray:
    """Index of the weighted ``q`` quantile level of each row (-1 where there is no evidence)."""
    reached = np.cumsum(distribution, axis=1) >= q * total[:, None] - 1e-12
    found = np.where(reached.any(axis=1), np.argmax(reached, axis=1), distribution.shape[1] - 1)
    return np.where(total > 0, found, -1)


#: The weights a placement gives a prompted echo and a passage of the team's summary unless a codebook or call says.
DEFAULT_WEIGHTS = {"prompted_weight": 0.5, "summary_weight": 0.0}


def placement_weights(placement: Mapping[str, Any], *, prompted_weight: Any = None, summary_weight: Any = None, names: Mapping[str, str] | None = None) -> tuple[float, float]:
    """The ``prompted_weight`` and ``summary_weight`` a placement uses: each as given, else ``placement`` (a ladder's), else the default.

    Each must be a number from 0 to 1; otherwise one :class:`qlr.errors.InvalidParameterError` naming it (by
    ``names``' spelling when given: the command line's ``--summary-weight``).
    """
    from .._check import check_number

    chosen = []
    for key, given in (("prompted_weight", prompted_weight), ("summary_weight", summary_weight)):
        value = given if given is not None else placement.get(key, DEFAULT_WEIGHTS[key])
        chosen.append(float(check_number((names or {}).get(key, key), value, minimum=0, maximum=1)))
    return chosen[0], chosen[1]


def ladder(
    study: Study,
    *,
    by: Any = ("case", "wave"),
    facet: str | None = None,
    rule: str | None = None,
    min_evidence: float | None = None,
    min_segments: int | None = None,
    codebook: Any = None,
    weights: Mapping[str, float] | None = None,
    prompted_weight: float | None = None,
    summary_weight: float | None = None,
) -> Placements:
    """Place each group on the codebook's ladder from the coded evidence.

    Every coding that is evidence (:func:`qlr.evidence.counted`: settled, not an
    interviewer's turn, and for a rule match an affirmed or prompted assertion)
    and whose code gives ladder evidence counts, with weight
    ``evidence.weight × ORIGIN_WEIGHTS[origin] × confidence`` (confidence where
    set), times ``prompted_weight`` for a match that echoes the interviewer's
    question just before it.  A coding in the team's **summary** of an interview
    (:func:`qlr.evidence.summary_paragraphs`: ``P03_W1_summary.md`` beside the
    interview) restates what the interview says, so it is kept in the evidence
    trail, marked ``researchers_summary``, but weighs ``summary_weight`` times as
    much: by default 0, adding neither weight nor a passage (one sentence and the
    summary restating it are one passage, not two).  Field notes and observations
    are the researcher's record of what happened and weigh as the participant's
    turn does.  Evidence without a facet counts for every facet.
    A codebook with ``assertion: {negated: negative}`` also counts a negated
    match of a positive-evidence code as negative evidence for its level and
    facet (``Codebook.negated_evidence``; by default a denial is not counted).
    The rule (:func:`place`) comes from the codebook's ``placement`` unless given.

    By default a placement needs evidence from **two distinct passages**
    (``min_segments=2``), so one sentence cannot place a case; pass
    ``min_segments=1`` to allow it.  A passage is a segment (a turn, a
    paragraph, an entry), except that a segment of four words or more that
    another document of the same case **at the same wave** repeats word for
    word (case, punctuation and spacing aside) is one passage with it: a photo's
    caption or a coder's copy repeating the interview's sentence.  One
    document's own repeats stay apart (said twice, to two questions), and so do
    the entries of documents read entry by entry (diaries, message threads,
    field notes), each its own dated passage: two days' entries in the same
    words are two passages, and a caption copying one of them adds none.  What
    a case said at another wave never merges.  The codings of a merged passage
    all weigh, counted in ``mentions``.
    ``confidence`` is how far the evidence agrees on the placed level, discounted
    when the passages are few (see Returns): mixed evidence lowers it however many
    passages there are, and it is never 1.

    Parameters
    ----------
    study : Study
    by : str or tuple of str
        Grouping: ``("case", "wave")`` (default), ``"stage"`` (the project per
        stage), ``("role", "wave")``, any document, case or per-wave column.
        Case and wave with columns of the cases or case × waves (a pooled
        study's ``("study", "case", "wave")``, ``("role", "case", "wave")``)
        list the same rows as case and wave alone, missing waves included.
    facet : str, optional
        One facet; by default every facet of the ladder (one row each).
    rule : {"highest_supported", "weighted_median", "modal"}, optional
    min_evidence : float, optional
        Overrides the codebook's ``min_evidence`` (default 1): the evidence
        *weight* a rule needs (see :func:`place`).
    min_segments : int, optional
        Overrides the codebook's ``min_segments`` (default 2): how many distinct
        segments the group's evidence on the facet must come from, whatever their
        weights.  Fewer is ``insufficient evidence``, so one passage coded with a
        heavy code cannot place a case alone.
    codebook : Codebook or str, optional
        The codebook with the ladder; defaults to the study's only one.
    weights : mapping, optional
        Weight per coding origin (see :data:`ORIGIN_WEIGHTS`).
    prompted_weight : float, optional
        Overrides the codebook's ``prompted_weight`` (default 0.5): the weight of a
        rule match whose code the interviewer's question just before already named
        ("Would you call it a partnership?" / "Yes, a partnership"), between 0 (not
        evidence) and 1 (full evidence).
    summary_weight : float, optional
        Overrides the codebook's ``summary_weight`` (default 0): the weight of a
        coding in the team's summary of an interview, between 0 (shown in the
        trail, not counted: neither its weight nor as a passage for
        ``min_segments``) and 1 (counted as a passage of the participant's own,
        as qlr did before stop 54). Above 0 a summary's paragraph is a passage.

    Returns
    -------
    Placements
        ``.table``, one row per group and facet: the group columns, ``facet``, ``status``
        (``placed``, ``insufficient evidence``, or ``missing`` for a case not seen
        at a wave), ``level``, ``level_name``, ``band``, ``low`` and ``high`` (the
        weighted quartiles of the evidence's levels) and ``band_range``
        (``"mid to high"`` when they differ), ``n_evidence`` (distinct passages counted:
        a summary's passage at ``summary_weight`` 0 is in ``.evidence`` but not here),
        ``weight`` (total), ``confidence`` (``w[level] / W × n / (n + 1)``: the
        share of the evidence weight at the placed level, times a factor that
        grows with the number ``n`` of distinct passages — 0.5 for one, 0.67 for
        two, 0.9 for nine), ``candidate_level`` (where the evidence points,
        kept on an ``insufficient evidence`` row: the rule's level before
        ``min_segments`` is applied, or where the weight is short too, the level
        it gives on any weight), ``missing`` (what such a row lacks: passages or weight),
        ``negative_only`` (a row placed above the lowest level on negative evidence alone:
        "everything's decided for us" says the case is below level 2, so it is placed at 1
        though no passage shows level 1 itself; read such a level as "at most"),
        ``rule``, ``reason`` (why a group is missing), then any researcher override: ``override_level``,
        ``override_reason``, ``override_author``, ``final_level`` (the override
        where there is one, else ``level``) and ``overridden``.
        ``.evidence``, one row per cited segment (the counted passages highest level
        first, then any not counted) with its quote, code, level and weight, whether it
        is ``interpreted``, a ``researchers_account`` (field notes or a summary), a
        ``researchers_summary``, and whether it is ``counted``; ``.ladder``, the ladder.  The object
        reads like ``.table`` (``placements["level"]``, ``len``, ``.loc``).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> stages = qlr.track.ladder(study, by="stage", facet="design").set_index("stage")
    >>> stages.loc["design", "band"], stages.loc["implementation", "band"]
    ('high', 'mid')
    """
    cb = pick_codebook(study, codebook, need_ladder=True)
    steps: Ladder = cb.ladder  # type: ignore[assignment]
    from .._check import check_choice, check_number

    rule = check_choice("rule", rule or str(steps.placement.get("rule", "highest_supported")), PLACEMENT_RULES)
    given_evidence = min_evidence if min_evidence is not None else steps.placement.get("min_evidence", 1)
    threshold = float(check_number("min_evidence", given_evidence, minimum=0))
    given_segments = min_segments if min_segments is not None else steps.placement.get("min_segments", 2)
    fewest_segments = int(check_number("min_segments", given_segments, minimum=1, integer=True))
    prompted_weight, summary_weight = placement_weights(steps.placement, prompted_weight=prompted_weight, summary_weight=summary_weight)
    origin_weights = {**ORIGIN_WEIGHTS, **(weights or {})}
    keys = group_columns(by)
    facet_ids = [f.id for f in steps.facets] or [None]
    if facet is not None:
        if facet not in facet_ids:
            raise SelectionError(f"facet {facet!r} is not on the ladder", hint=f"use one of {', '.join(map(str, facet_ids))}")
        facet_ids = [facet]
    levels = steps.values

    denials_count = getattr(cb, "negated_evidence", "not counted") == "negative"
    # A summary's codings are asked for (evidence() leaves them out): shown in the trail, weighing summary_weight.
    found = coded_groups(study, cb, keys, with_negated=denials_count, summaries=True)
    table = _evidence_table(cb, facet_ids, levels)
    from ..evidence import summary_paragraphs

    summaries = study.segments.loc[summary_paragraphs(study), "seg_id"]
    summarised = found.codings["seg_id"].isin(summaries).fillna(False).to_numpy(dtype=bool)
    rows = _evidence_rows(found, table, origin_weights, n_facets=len(facet_ids), prompted_weight=prompted_weight, summarised=summarised, summary_weight=summary_weight)
    n_cells, n_levels = len(found.groups) * len(facet_ids), len(levels)

    # Weights summed per group × facet × polarity × level, then every group placed at once.
    # A last cell of no evidence stands for groups nothing was coded in.
    flat = (rows.cell * 2 + rows.positive) * n_levels + table.level[rows.entry]
    sums = np.bincount(flat, weights=rows.weight, minlength=n_cells * 2 * n_levels).reshape(n_cells, 2, n_levels)
    sums = np.vstack([sums, np.zeros((1, 2, n_levels))])
    placed, distribution, total = _place_rows(sums[:, 1], sums[:, 0], rule=rule, min_evidence=threshold)
    candidate, _, _ = _place_rows(sums[:, 1], sums[:, 0], rule=rule, min_evidence=np.finfo(float).tiny)
    low, high = _quantile_rows(distribution, total, 0.25), _quantile_rows(distribution, total, 0.75)
    trail = _evidence_trail(study, found, table, rows, n_levels=n_levels)
    # Only the passages that count are passages for min_segments (a summary's, at summary_weight 0, is shown, not counted).
    passages = np.bincount(trail.cell[trail.counted], minlength=n_cells + 1)
    too_few = passages < fewest_segments
    light = (placed < 0) & ~too_few
    before_passages = placed.copy()
    placed[too_few] = -1
    groups, state = _groups_to_report(study, found, table, keys, cb)

    # One row per group and facet.
    n_facets = len(facet_ids)
    group_number = groups["_group"].to_numpy()
    row_group = np.repeat(np.arange(len(groups)), n_facets)
    row_facet = np.tile(np.arange(n_facets), len(groups))
    cell = np.where(group_number[row_group] >= 0, group_number[row_group] * n_facets + row_facet, n_cells)
    present = state[row_group] == "present"
    row_level = np.where(present, placed[cell], -1)
    row_low = np.where(present, low[cell], -1)
    row_high = np.where(present, high[cell], -1)
    bands = [lv.band or lv.name.lower() for lv in steps.levels]
    # Lookup arrays end with None, so index -1 (no level) gives None.
    names = np.array([lv.name for lv in steps.levels] + [None], dtype=object)
    band_of = np.array([*bands, None], dtype=object)
    band_ranges = np.array([[a if a == b else f"{a} to {b}" for b in bands] + [None] for a in bands] + [[None] * (n_levels + 1)], dtype=object)
    # Each row's stretch of the trail (none for a group not seen).
    spans = np.array([trail.span.get(c, (0, 0)) if p else (0, 0) for c, p in zip(cell.tolist(), present.tolist())], dtype="int64").reshape(-1, 2)
    counted_before = np.append(0, np.cumsum(trail.counted))
    n_evidence = counted_before[spans[:, 1]] - counted_before[spans[:, 0]]
    n_cited = spans[:, 1] - spans[:, 0]

    def ladder_values(index: np.ndarray) -> pd.arrays.IntegerArray:
        values = pd.array(np.append(levels, 0)[index], dtype="Int64")
        values[index < 0] = pd.NA
        return values

    result = groups[keys].iloc[row_group].reset_index(drop=True) if keys else pd.DataFrame(index=range(len(row_group)))
    result["facet"] = np.array(facet_ids, dtype=object)[row_facet]
    result["rule"] = rule
    result["status"] = np.where(present, np.where(row_level >= 0, "placed", "insufficient evidence"), "missing").astype(object)
    result["level"] = ladder_values(row_level)
    result["level_name"] = names[row_level]
    result["band"] = band_of[row_level]
    result["low"] = ladder_values(row_low)
    result["high"] = ladder_values(row_high)
    result["band_range"] = np.where(row_level >= 0, band_ranges[row_low, row_high], None)
    result["n_evidence"] = n_evidence
    result["weight"] = np.where(present, total[cell], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = distribution[cell, np.maximum(row_level, 0)] / total[cell]
    result["confidence"] = np.where(row_level >= 0, share * n_evidence / (n_evidence + 1), np.nan)
    # Where the evidence points: the rule's level before min_segments, or on any weight.
    row_candidate = np.where(present, np.where(before_passages[cell] >= 0, before_passages[cell], candidate[cell]), -1)
    result["candidate_level"] = ladder_values(row_candidate)
    lacking = np.full(len(result), None, dtype=object)
    waiting = present & (row_level < 0) & (row_candidate >= 0)
    # A row whose summary passages alone would place it says so, though its counted evidence points nowhere yet.
    shown_only = present & (row_level < 0) & (n_cited > n_evidence)
    for i in np.flatnonzero((waiting | shown_only) & too_few[cell]):
        lacking[i] = f"passages: {n_evidence[i]} of {fewest_segments}"
        if n_cited[i] > n_evidence[i]:
            lacking[i] += f" (not counting {n_cited[i] - n_evidence[i]} in the researcher's summary: summary_weight is 0)"
    for i in np.flatnonzero(waiting & light[cell]):
        lacking[i] = f"evidence weight: {total[cell[i]]:g}, needs {threshold:g} at one level, not outweighed"
    result["missing"] = lacking
    result["reason"] = np.where(present, None, state[row_group])
    # Negative evidence at level L puts its weight at L - 1: a level above the lowest so found is a ceiling,
    # not a level any passage shows.
    positive_weight = sums[:, 1].sum(axis=1)
    result["negative_only"] = (row_level > 0) & (positive_weight[cell] == 0)
    result = _attach_overrides(study, result, keys)
    from ._matrix import _sorted

    orders = {**study_orders(study), "facet": facet_ids}
    result = _sorted(result.assign(_row=np.arange(len(result))), [*keys, "facet"], orders)
    evidence = _evidence_frame(result, spans, trail, found, table, rows, levels, keys)
    # An interpreter's rendering of the participant's answer is the participant's evidence, said to be interpreted.
    from ..evidence import relayed_turns, researchers_accounts

    relayed = study.segments.loc[relayed_turns(study.segments), "seg_id"]
    evidence["interpreted"] = evidence["seg_id"].isin(relayed).fillna(False).to_numpy(dtype=bool)
    # A field note's or the team's summary's passage is the researcher's account of the case, said so.
    accounts = study.segments.loc[researchers_accounts(study), "seg_id"]
    evidence["researchers_account"] = evidence["seg_id"].isin(accounts).fillna(False).to_numpy(dtype=bool)
    # The team's summary of an interview is marked apart: at summary_weight 0 it is shown, and counts for nothing.
    evidence["researchers_summary"] = evidence["seg_id"].isin(summaries).fillna(False).to_numpy(dtype=bool)
    return Placements(result.drop(columns="_row"), evidence, ladder=steps, keys=keys, waves=list(study.waves["wave_id"]), repeats=_repeats_table(study, trail.repeats))


def _evidence_frame(result: pd.DataFrame, spans: np.ndarray, trail: _Trail, found: CodedGroups, table: _EvidenceTable, rows: _EvidenceRows, levels: list[int], keys: list[str]) -> pd.DataFrame:
    """One row per piece of evidence, placements in ``result``'s order (its ``_row`` is the unsorted row)."""
    spans = spans[result["_row"].to_numpy()]
    lengths = spans[:, 1] - spans[:, 0]
    owner = np.repeat(np.arange(len(result)), lengths)
    rank = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    cited = np.repeat(spans[:, 0], lengths) + rank
    row = trail.row[cited]
    coding = rows.coding[row]
    entry = rows.entry[row]
    frame = result[[*keys, "facet"]].iloc[owner].reset_index(drop=True)
    frame["rank"] = rank
    frame["seg_id"] = pd.array(trail.segment[cited], dtype="string")
    frame["quote"] = pd.array(trail.quote[cited], dtype="string")
    # Columns of the codings are taken as they are (their dtypes kept, nothing converted).
    wanted = [c for c in ("code_id", "coding_id", "doc_id", "start", "end", "assertion") if c in found.codings]
    taken = found.codings[wanted].take(coding).reset_index(drop=True)
    for column in taken.columns:
        frame[column] = taken[column]
    frame["level"] = pd.array(np.asarray(levels, dtype="int64")[table.level[entry]] if len(levels) else np.zeros(0, dtype="int64"), dtype="Int64")
    frame["polarity"] = pd.array(np.where(rows.positive[row] == 1, "positive", "negative"), dtype="string")
    frame["weight"] = rows.weight[row]
    frame["mentions"] = trail.mentions[cited]
    frame["passage_weight"] = trail.passage_weight[cited]
    frame["other_weight"] = trail.other_weight[cited]
    frame["counted"] = trail.counted[cited]
    code_ids = found.codings["code_id"].to_numpy(dtype=object)
    level_values = np.asarray(levels, dtype="int64") if len(levels) else np.zeros(1, dtype="int64")

    def described(evidence: tuple[tuple[int, float], ...]) -> str | None:
        # "facilitation.staff_led (level 2, negative, weight 1)": what else in the passage weighs, and how much.
        if not evidence:
            return None
        return "; ".join(
            f"{code_ids[rows.coding[r]]} (level {level_values[table.level[rows.entry[r]]]}, "
            f"{'positive' if rows.positive[r] == 1 else 'negative'}, weight {weight:g})"
            for r, weight in evidence
        )

    frame["other_evidence"] = pd.array([described(t) for t in trail.others[cited]], dtype="string")
    return frame


class _EvidenceTable(NamedTuple):
    """The codebook's ladder evidence, one entry per code × piece of evidence × facet served, by code."""

    facet: np.ndarray  # facet number the entry counts for
    level: np.ndarray  # level index (position on the ladder)
    positive: np.ndarray  # 1 for positive evidence, 0 for negative
    weight: np.ndarray
    general: np.ndarray  # 1 when the evidence names no facet (it serves every facet)
    per_code: np.ndarray  # how many entries each code has
    first: np.ndarray  # where each code's entries start
    gives_evidence: np.ndarray  # per code, with a last slot (False) for code -1


def _evidence_table(cb: Codebook, facet_ids: list[str | None], levels: list[int]) -> _EvidenceTable:
    level_index = {value: number for number, value in enumerate(levels)}
    entries: list[tuple[int, int, int, int, float, int]] = []
    gives_evidence = np.zeros(len(cb) + 1, dtype=bool)
    for code_number, code in enumerate(cb):
        for e in code.evidence:
            gives_evidence[code_number] = True
            if facet_ids == [None]:
                served = [0]
            elif e.facet is None:
                served = list(range(len(facet_ids)))
            else:
                served = [facet_ids.index(e.facet)] if e.facet in facet_ids else []
            for facet_number in served:
                entries.append((code_number, facet_number, level_index[e.level], int(e.polarity == "positive"), float(e.weight), int(e.facet is None)))
    code, facet, level, positive, weight, general = (np.array([e[k] for e in entries], dtype="float64" if k == 4 else "int64") for k in range(6))
    per_code = np.bincount(code, minlength=len(cb))
    return _EvidenceTable(facet, level, positive, weight, general, per_code, np.cumsum(per_code) - per_code, gives_evidence)


class _EvidenceRows(NamedTuple):
    """One row per coding (in a group) and evidence entry of its code."""

    coding: np.ndarray  # row in found.codings
    entry: np.ndarray  # row in the evidence table
    weight: np.ndarray  # evidence weight × origin weight × confidence
    cell: np.ndarray  # group × facet the row counts for
    usable: np.ndarray  # the codings that belong to a group
    positive: np.ndarray  # 1 for evidence for the level, 0 against (a negated match of a positive code)
    counts: np.ndarray  # False for a row that is no passage of the placement (a summary's at summary_weight 0)


def _evidence_rows(
    found: CodedGroups, table: _EvidenceTable, origin_weights: Mapping[str, float], *, n_facets: int, prompted_weight: float, summarised: np.ndarray, summary_weight: float
) -> _EvidenceRows:
    """Every coding's evidence rows; ``summarised`` marks each coding in a summary's paragraph (weighed by ``summary_weight``)."""
    usable = np.flatnonzero(found.group >= 0)
    per_coding = table.per_code[found.code[usable]]
    coding = np.repeat(usable, per_coding)
    # Each coding's k-th row takes its code's k-th entry.
    offset = np.arange(len(coding)) - np.repeat(np.cumsum(per_coding) - per_coding, per_coding)
    entry = table.first[found.code[coding]] + offset
    origin_number, origins = pd.factorize(found.codings["origin"])
    origin_weight = np.append([float(origin_weights.get(o, 1.0)) for o in origins], 1.0)[origin_number]
    confidence = np.nan_to_num(found.codings["confidence"].to_numpy(dtype="float64", na_value=np.nan), nan=1.0)
    weight = table.weight[entry] * origin_weight[coding] * confidence[coding]
    positive = table.positive[entry]
    # The team's summary restates the interview: its codings weigh summary_weight, and at 0 are no passage either.
    weight = weight * np.where(summarised[coding], summary_weight, 1.0)
    counts = ~summarised[coding] if summary_weight == 0 else np.ones(len(coding), dtype=bool)
    if "assertion" in found.codings:
        echoed = (found.codings["assertion"] == "prompted").fillna(False).to_numpy(dtype=bool)
        weight = weight * np.where(echoed[coding], prompted_weight, 1.0)
        # Present only when the codebook counts denials: "nobody asked us to plan it" denies
        # the level a plan would support; a denied negative ("not tokenistic") proves nothing.
        denied = (found.codings["assertion"] == "negated").fillna(False).to_numpy(dtype=bool)[coding]
        if denied.any():
            kept = ~denied | (positive == 1)
            coding, entry, weight, positive, denied, counts = coding[kept], entry[kept], weight[kept], positive[kept], denied[kept], counts[kept]
            positive = np.where(denied, 0, positive)
    return _EvidenceRows(coding, entry, weight, found.group[coding] * n_facets + table.facet[entry], usable, positive, counts)


def _repeats_table(study: Study, repeats: dict[int, int]) -> pd.DataFrame:
    """:attr:`Placements.repeats`: each coded segment counted as a passage it repeats (``seg_id``, ``doc_id``) with
    that passage (``same_as``, ``same_as_doc``), in study order."""
    segments = study.segments
    merged = sorted(repeats)
    firsts = [repeats[position] for position in merged]
    return pd.DataFrame(
        {
            "seg_id": pd.array(segments["seg_id"].to_numpy(dtype=object)[merged], dtype="string"),
            "doc_id": pd.array(segments["doc_id"].to_numpy(dtype=object)[merged], dtype="string"),
            "same_as": pd.array(segments["seg_id"].to_numpy(dtype=object)[firsts], dtype="string"),
            "same_as_doc": pd.array(segments["doc_id"].to_numpy(dtype=object)[firsts], dtype="string"),
        }
    )


class _Trail(NamedTuple):
    """The evidence trail, sorted by cell: each cell's segments are ``segment[a:b]`` for ``(a, b) = span[cell]``."""

    cell: np.ndarray
    segment: np.ndarray  # segment ids (None for a coding outside every segment)
    quote: np.ndarray  # the coded text
    span: dict[int, tuple[int, int]]
    row: np.ndarray  # the evidence row (of _EvidenceRows) each entry cites
    mentions: np.ndarray  # how many codings of the entry's evidence (code, level, polarity) its segment holds
    passage_weight: np.ndarray  # their summed weight
    other_weight: np.ndarray  # what the passage's other evidence (other codes, levels or polarities) weighs
    others: np.ndarray  # that other evidence: a tuple of (evidence row, weight), one per (code, level, polarity), or ()
    repeats: dict[int, int]  # a coded segment repeating another document's passage word for word → that passage's segment
    counted: np.ndarray  # whether the passage counts (for min_segments); the ones that do not come last in their cell


def _evidence_trail(study: Study, found: CodedGroups, table: _EvidenceTable, rows: _EvidenceRows, *, n_levels: int) -> _Trail:
    """Distinct segments per group × facet: the counted passages before any that is not (a summary's at
    ``summary_weight`` 0), then highest level first, then the heavier, then facet-specific before general
    evidence, then in study order."""
    n_segments = len(study.segments)
    segment = row_positions(study.segments["seg_id"], found.codings["seg_id"])[rows.coding]
    segment = np.where(segment >= 0, segment, n_segments + rows.coding)  # a coding outside segments stands alone
    weight_number, distinct_weights = pd.factorize(rows.weight)
    heavier_first = np.argsort(np.argsort(-distinct_weights, kind="stable"))[weight_number]
    higher_first = n_levels - 1 - table.level[rows.entry]
    shown_only = (~rows.counts).astype("int64")
    rank = ((((rows.cell * 2 + shown_only) * n_levels + higher_first) * len(distinct_weights)) + heavier_first) * 2 + table.general[rows.entry]
    order = np.argsort(rank, kind="stable")
    said_first, repeats = _first_saying(study, segment)
    passage = rows.cell * (n_segments + len(found.codings) + 1) + said_first
    repeated = pd.Series(passage[order]).duplicated().to_numpy()
    kept = order[~repeated]
    # Every coding weighs (a code matched or selected twice in one turn weighs twice): the trail
    # cites the passage once, with how many codings of the cited code's evidence it holds and what
    # they weigh together.
    mention, _ = pd.factorize(pd.MultiIndex.from_arrays([passage, rows.entry, rows.positive]))
    mentions = np.bincount(mention)[mention[kept]]
    mention_weight = np.bincount(mention, weights=rows.weight)
    passage_weight = mention_weight[mention[kept]]
    # The passage's other evidence weighs in the placement too: say what it is and weighs, so the
    # trail's weights add up to the placement's (a wrongly fired code on a cited passage is seen).
    passage_number, _ = pd.factorize(passage)
    # A passage counts when any of its codings does (an interview's sentence a summary repeats word for word is one).
    counted = np.bincount(passage_number, weights=rows.counts.astype("float64"))[passage_number[kept]] > 0
    other_weight = np.bincount(passage_number, weights=rows.weight)[passage_number[kept]] - passage_weight
    first_of_mention = np.flatnonzero(~pd.Series(mention).duplicated().to_numpy())
    per_passage = np.bincount(passage_number[first_of_mention], minlength=int(passage_number.max(initial=-1)) + 1)
    others = np.empty(len(kept), dtype=object)
    others[:] = [()] * len(kept)
    shared = np.flatnonzero(per_passage[passage_number[kept]] > 1)
    if len(shared):
        # Each passage's mentions, in row order, found by a sorted search rather than a dict of every passage.
        grouped = first_of_mention[np.argsort(passage_number[first_of_mention], kind="stable")]
        group_keys = passage_number[grouped]
        for k in shared.tolist():
            here = int(passage_number[kept[k]])
            rows_here = grouped[np.searchsorted(group_keys, here, side="left") : np.searchsorted(group_keys, here, side="right")]
            cited_mention = mention[kept[k]]
            others[k] = tuple((r, float(mention_weight[mention[r]])) for r in rows_here.tolist() if mention[r] != cited_mention)
    cell = rows.cell[kept]
    coding = rows.coding[kept]
    documents = found.document[coding]
    starts = found.codings["start"].to_numpy(dtype="int64", na_value=0)[coding]
    ends = found.codings["end"].to_numpy(dtype="int64", na_value=0)[coding]
    # Each distinct span is sliced once, however many groups and facets cite it
    # (numbered in two steps so the combined keys stay far inside int64).
    reach = int(max(starts.max(initial=0), ends.max(initial=0))) + 1
    opening, _ = pd.factorize((documents + 1) * reach + starts)
    span_number, _ = pd.factorize(opening.astype("int64") * reach + ends)
    first_use = np.flatnonzero(~pd.Series(span_number).duplicated().to_numpy())  # span k is the k-th first use
    texts = study.documents["text"].tolist()
    openings = np.append(study.segments["start"].to_numpy(dtype="int64", na_value=-1), -1)[np.minimum(segment[kept], n_segments)][first_use]
    sliced = [
        quoted(texts[d], a, b, o if o >= 0 else None) if d >= 0 else None
        for d, a, b, o in zip(documents[first_use].tolist(), starts[first_use].tolist(), ends[first_use].tolist(), openings.tolist())
    ]
    quote = np.array([*sliced, None], dtype=object)[:-1][span_number]
    segment_ids = np.append(study.segments["seg_id"].to_numpy(dtype=object), None)[np.minimum(segment[kept], n_segments)]
    boundaries = np.flatnonzero(np.diff(cell)) + 1
    span = {int(cell[a]): (int(a), int(b)) for a, b in zip(np.append(0, boundaries), np.append(boundaries, len(cell)))} if len(cell) else {}
    return _Trail(cell, segment_ids, quote, span, kept, mentions, passage_weight, other_weight, others, repeats, counted)


#: A passage repeated word for word in another document is one passage where it has at least this many words: a
#: caption that copies the interview's sentence says it once; "Yes." in two documents answers two things.
REPEAT_WORDS = 4


def _first_saying(study: Study, segment: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """``segment`` (positions in ``study.segments``; a coding outside segments past them) with each segment that
    repeats, word for word, a passage of another document of the same case at the same wave replaced by that passage:
    the placement's distinct passages count a sentence copied into a photo's caption once, not twice.

    What is one passage, among the coded segments of one case at one wave saying the same words (case-folded,
    punctuation and spacing aside, :data:`REPEAT_WORDS` words or more):

    - an entry of a document read entry by entry (a diary, a message thread, field notes, or any document
      ``study.yaml`` gave ``segment: entries``: ``qlr.io._segment.entry_documents``) is a passage of its own, each a
      separate dated entry: two days' entries in the same words are two;
      a copy of such a document (two coders' copies of one diary, both listed: :func:`qlr.io._build.copies_of`, as the
      load notes name them) repeats its entries, its k-th saying the first's k-th;
    - the k-th saying in any other document is the same passage as the k-th entry of those (a caption copying a
      diary's entry), or, past them, as the k-th saying in the first such document (in study order) to say it k times:
      a caption, or a coder's copy, repeats what the interview said; one document's own sayings (twice, to two
      questions) always stay apart.

    Another wave, or another case, never shares a passage: a person's evidence at one wave does not depend on what
    they said at another. Only the coded segments are read. Also returned: each segment so merged (a position in
    ``study.segments``) → the one whose passage it repeats, for :attr:`Placements.repeats`.
    """
    from ..io._build import copies_of  # the one rule of which documents are copies of another
    from ..io._segment import entry_documents  # the one rule of which documents are read entry by entry

    n_segments = len(study.segments)
    coded = np.unique(segment[segment < n_segments])
    if len(coded) < 2:
        return segment, {}
    chosen = study.segments.iloc[coded]
    long_enough = chosen["n_words"].to_numpy(dtype="int64", na_value=0) >= REPEAT_WORDS
    coded, chosen = coded[long_enough], chosen[long_enough]
    documents = study.documents
    texts = dict(zip(documents["doc_id"], documents["text"]))
    # One person's words at one wave: two people may agree, and a wave's evidence is its own.
    cell_of = dict(zip(documents["doc_id"], zip(documents["case_id"].astype(object), documents["wave_id"].astype(object))))
    entries = entry_documents(study)
    starts = chosen["start"].to_numpy(dtype="int64", na_value=-1).tolist()
    ends = chosen["end"].to_numpy(dtype="int64", na_value=-1).tolist()
    sayings: dict[tuple[Any, Any, str], list[tuple[int, Any]]] = {}
    for position, doc, start, end in zip(coded.tolist(), chosen["doc_id"].tolist(), starts, ends):
        text = texts.get(doc)
        if not isinstance(text, str) or start < 0 or end < 0:
            continue
        words = " ".join(text[start:end].casefold().translate(_PUNCTUATION_AS_SPACE).split())
        sayings.setdefault((*cell_of.get(doc, (None, None)), words), []).append((position, doc))
    same: dict[int, int] = {}
    copies: dict[str, str] | None = None
    for said in sayings.values():
        if len(said) < 2:
            continue
        if copies is None and any(doc in entries for _, doc in said):
            copies = copies_of(documents)  # two coders' copies of one diary, as loading names them
        # A copy of another document read entry by entry repeats its entries, as any other document's k-th saying does.
        kept = {doc for _, doc in said if doc in entries and doc not in (copies or {})}
        own = [position for position, doc in said if doc in kept]
        kth: dict[Any, int] = {}  # how many times each other document has said it so far
        for position, doc in said:
            if doc in kept:
                continue
            k = kth[doc] = kth.get(doc, -1) + 1
            if k < len(own):
                same[position] = own[k]
            else:
                own.append(position)  # the first document to say it a k-th time holds that passage
    if not same:
        return segment, same
    mapped = np.arange(n_segments)
    mapped[list(same)] = list(same.values())
    return np.where(segment < n_segments, mapped[np.minimum(segment, n_segments - 1)], segment), same


#: Punctuation a repeat may write differently ("Monday." and "Monday!", curly or straight quotes): read as spaces.
_PUNCTUATION_AS_SPACE = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»…–—¿¡", " "))


def _groups_to_report(study: Study, found: CodedGroups, table: _EvidenceTable, keys: list[str], codebook: Codebook) -> tuple[pd.DataFrame, np.ndarray]:
    """Every group with evidence, plus every case × wave of the design; with ``_group`` (-1: no codings) and the state."""
    usable = found.group >= 0
    with_evidence = np.bincount(found.group[usable & table.gives_evidence[found.code]], minlength=len(found.groups)) > 0
    if not keys:
        return found.groups.assign(_group=0), np.array(["present"], dtype=object)
    groups = found.groups[with_evidence].assign(_group=np.flatnonzero(with_evidence))
    design = _design_rows(study, keys, codebook)
    if design is None:
        return groups, np.full(len(groups), "present", dtype=object)
    groups = groups.merge(design, on=keys, how="outer", sort=False)
    groups["_group"] = groups["_group"].fillna(-1).astype("int64")
    state = groups["state"].astype("object").fillna("present")
    # A case × wave coded in part is placed on what was found there; with nothing found it is missing, "partly coded",
    # as the rest of its words were never read (qlr.evidence.coverage_reason); one not coded is missing.
    why = coverage_reason(state, groups["_group"].ge(0).to_numpy(dtype=bool))
    return groups, np.where(state.isin(COVERAGE).to_numpy(dtype=bool) & pd.isna(why), "present", state.to_numpy(dtype=object))


def _design_rows(study: Study, keys: list[str], codebook: Codebook) -> pd.DataFrame | None:
    """Every scheduled case × wave with its state and the other grouping columns, or None where keys do not say one.

    Grouped by case and wave alone, or with columns of the cases (``study``, ``role``) or of the case × waves
    (a per-wave attribute), each case × wave is one group, so a case missing at a wave (dropped out, missed,
    not yet joined) keeps its row, as a ladder by case and wave does. A column that varies within a case × wave
    (a document's ``stage``, a ``coder``) has no value for a wave the case missed: only the groups with
    evidence are listed then.
    """
    if not {"case_id", "wave_id"} <= set(keys):
        return None
    design = presence(study, codebook)
    design = design[design["state"] != "not scheduled"][["case_id", "wave_id", "state"]]
    for key in keys:
        if key in ("case_id", "wave_id"):
            continue
        # Read as document_context reads it: the case × wave's value where it has one, else the case's.
        if key not in study.cases.columns and key not in study.case_waves.columns:
            return None
        if key in study.case_waves.columns:
            values = study.case_waves[["case_id", "wave_id", key]].drop_duplicates(["case_id", "wave_id"])
            design = design.merge(values, on=["case_id", "wave_id"], how="left")
        if key in study.cases.columns:
            values = study.cases[["case_id", key]].drop_duplicates("case_id")
            design = design.merge(values, on="case_id", how="left", suffixes=("", "_case"))
            if f"{key}_case" in design.columns:
                design[key] = design[key].astype(object).where(design[key].notna(), design[f"{key}_case"].astype(object))
                design = design.drop(columns=f"{key}_case")
    return design[[*keys, "state"]]


def _group_json(group: Mapping[str, Any]) -> str:
    names = {"case_id": "case", "wave_id": "wave"}
    return json.dumps({names.get(k, k): str(v) for k, v in sorted(group.items())}, sort_keys=True)


def _attach_overrides(study: Study, result: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    result = result.copy()
    n = len(result)
    levels = pd.array([pd.NA] * n, dtype="Int64")
    reasons = pd.array([None] * n, dtype="string")
    authors = pd.array([None] * n, dtype="string")
    overrides = study.overrides.sort_values("created", kind="stable")
    names = {"case": "case_id", "wave": "wave_id"}
    for override in overrides.itertuples(index=False):
        group = json.loads(override.group)
        if set(names.get(k, k) for k in group) != set(keys):
            continue
        mask = np.ones(n, dtype=bool)
        for name, value in group.items():
            mask &= (result[names.get(name, name)].astype(str) == value).to_numpy()
        if not pd.isna(override.facet):
            mask &= (result["facet"] == override.facet).to_numpy()
        # Later overrides win; a facet-specific one wins over an all-facet one made earlier.
        levels[mask] = override.level
        reasons[mask] = override.reason
        authors[mask] = override.author
    result["override_level"] = levels
    result["override_reason"] = reasons
    result["override_author"] = authors
    result["level"] = pd.array(result["level"], dtype="Int64") if "level" in result else pd.array([], dtype="Int64")
    result["final_level"] = result["override_level"].fillna(result["level"])
    result["overridden"] = result["override_level"].notna()
    return result


def override_placement(study: Study, *, level: int, reason: str, author: str | None = None, facet: str | None = None, **group: Any) -> str:
    """Record a researcher's placement for a group; see :meth:`qlr.Study.override_placement`."""
    from .._ids import override_id
    from .._provenance import current_user as _current_user
    from .._rows import append_rows

    if not group:
        raise SelectionError("say which placement to override", hint="e.g. study.override_placement(case='C05', wave='W3', level=1, reason='…')")
    if not str(reason).strip():
        raise SelectionError("an override needs a reason", hint="say why the computed placement is wrong")
    cb = pick_codebook(study, None, need_ladder=True) if study.codebooks else None
    if cb is not None and cb.ladder is not None and level not in cb.ladder.values:
        raise SelectionError(f"level {level} is not on the ladder {cb.ladder.name!r}", hint=f"use one of {', '.join(map(str, cb.ladder.values))}")
    keys = {{"case_id": "case", "wave_id": "wave"}.get(k, k): v for k, v in group.items()}
    author = author or _current_user()
    created = datetime.now(timezone.utc)
    group_text = _group_json(keys)
    new_id = override_id(group_text, facet, created)
    row = {"override_id": new_id, "group": group_text, "facet": facet, "level": level, "reason": str(reason), "author": author, "created": created}
    append_rows(study, "overrides", [row])
    study.record("override placement", {"group": keys, "facet": facet, "level": level, "reason": str(reason)}, actor=author)
    return new_id
