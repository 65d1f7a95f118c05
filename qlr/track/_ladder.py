"""Ladder placement: where each case (or stage, site, role…) stands, on what evidence."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import _tables
from ..codebook import PLACEMENT_RULES
from ..errors import SelectionError
from ._evidence import codings_in_context, group_columns, pick_codebook, presence

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Ladder
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
    if rule not in PLACEMENT_RULES:
        raise SelectionError(f"unknown placement rule {rule!r}", hint=f"use one of {', '.join(PLACEMENT_RULES)}")
    lowest = levels[0]
    weights = {level: float(positive.get(level, 0.0)) for level in levels}
    for level, weight in negative.items():
        # The next level down (a plain loop: this runs once per group and facet).
        below = None
        for candidate in levels:
            if candidate < level and (below is None or candidate > below):
                below = candidate
        weights[lowest if below is None else below] += float(weight)
    total = sum(weights.values())
    if rule == "highest_supported":
        for level in reversed(levels):
            support = float(positive.get(level, 0.0))
            denied = sum(float(w) for lv, w in negative.items() if lv <= level)
            if support >= min_evidence and support > denied:
                return level, weights
        return None, weights
    if total < min_evidence or total <= 0:
        return None, weights
    if rule == "weighted_median":
        running = 0.0
        for level in levels:
            running += weights[level]
            if running >= total / 2:
                return level, weights
    best = max(levels, key=lambda lv: (weights[lv], -lv))
    return best, weights


def _quantile(weights: Mapping[int, float], q: float) -> int | None:
    total = sum(weights.values())
    if total <= 0:
        return None
    running = 0.0
    for level in sorted(weights):
        running += weights[level]
        if running >= q * total - 1e-12:
            return level
    return max(weights)


def ladder(
    study: Study,
    *,
    by: Any = ("case", "wave"),
    facet: str | None = None,
    rule: str | None = None,
    min_evidence: float | None = None,
    codebook: Any = None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Place each group on the codebook's ladder from the coded evidence.

    Every coding whose code gives ladder evidence counts, with weight
    ``evidence.weight × ORIGIN_WEIGHTS[origin] × confidence`` (confidence where
    set).  Evidence without a facet counts for every facet.  The rule
    (:func:`place`) comes from the codebook's ``placement`` unless given.

    Parameters
    ----------
    study : Study
    by : str or tuple of str
        Grouping: ``("case", "wave")`` (default), ``"stage"`` (the project per
        stage), ``("role", "wave")``, any document, case or per-wave column.
    facet : str, optional
        One facet; by default every facet of the ladder (one row each).
    rule : {"highest_supported", "weighted_median", "modal"}, optional
    min_evidence : float, optional
        Overrides the codebook's ``min_evidence`` (default 1).
    codebook : Codebook or str, optional
        The codebook with the ladder; defaults to the study's only one.
    weights : mapping, optional
        Weight per coding origin (see :data:`ORIGIN_WEIGHTS`).

    Returns
    -------
    DataFrame
        One row per group and facet: the group columns, ``facet``, ``status``
        (``placed``, ``insufficient evidence``, or ``missing`` for a case not seen
        at a wave), ``level``, ``level_name``, ``band``, ``low`` and ``high`` (the
        weighted quartiles of the evidence's levels) and ``band_range``
        (``"mid to high"`` when they differ), ``n_evidence`` (distinct segments),
        ``weight`` (total), ``confidence`` (``w[level] / W``: the share of the
        evidence at the placed level), ``rule``, ``evidence`` (segment ids, highest
        level first) and ``quotes`` (their coded text), then any researcher override:
        ``override_level``, ``override_reason``, ``override_author``, and
        ``final_level`` (the override where there is one, else ``level``).

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> stages = qlr.track.ladder(study, by="stage", facet="design").set_index("stage")
    >>> stages.loc["design", "band"], stages.loc["implementation", "band"]
    ('high', 'mid')
    """
    cb = pick_codebook(study, codebook, need_ladder=True)
    steps: Ladder = cb.ladder  # type: ignore[assignment]
    rule = rule or str(steps.placement.get("rule", "highest_supported"))
    if rule not in PLACEMENT_RULES:
        raise SelectionError(f"unknown placement rule {rule!r}", hint=f"use one of {', '.join(PLACEMENT_RULES)}")
    threshold = float(min_evidence if min_evidence is not None else steps.placement.get("min_evidence", 1))
    origin_weights = {**ORIGIN_WEIGHTS, **(weights or {})}
    keys = group_columns(by)
    facet_ids = [f.id for f in steps.facets] or [None]
    if facet is not None:
        if facet not in facet_ids:
            raise SelectionError(f"facet {facet!r} is not on the ladder", hint=f"use one of {', '.join(map(str, facet_ids))}")
        facet_ids = [facet]
    levels = steps.values

    coded = codings_in_context(study, cb, need=keys)
    missing_keys = [k for k in keys if k not in coded.columns]
    if missing_keys:
        raise SelectionError(f"cannot group by {', '.join(missing_keys)}", hint="use case, wave, or a column of documents, cases or case_waves")
    # One row per coding and piece of evidence its code gives (vectorised: no loop over codings).
    table = pd.DataFrame(
        [
            {"code_id": code.id, "facet": e.facet, "level": e.level, "polarity": e.polarity, "evidence_weight": e.weight}
            for code in cb
            for e in code.evidence
        ],
        columns=["code_id", "facet", "level", "polarity", "evidence_weight"],
    )
    coded = coded[[*keys, "code_id", "origin", "confidence", "seg_id", "doc_id", "start", "end"]].merge(table, on="code_id")
    confidence = coded["confidence"].astype("float64").fillna(1.0)
    origin_weight = coded["origin"].astype("object").map(origin_weights).astype("float64").fillna(1.0)
    coded["weight"] = coded["evidence_weight"] * origin_weight * confidence
    evidence_frame = coded
    if keys:
        evidence_frame = evidence_frame.dropna(subset=keys)

    # Which groups to report: every group with evidence, plus every case × wave of the design.
    groups = evidence_frame[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    states: dict[tuple[Any, ...], str] = {}
    if keys == ["case_id", "wave_id"]:
        design = presence(study)
        design = design[design["state"] != "not scheduled"]
        states = {(c, w): s for c, w, s in zip(design["case_id"], design["wave_id"], design["state"])}
        groups = pd.concat([groups, design[["case_id", "wave_id"]]]).drop_duplicates()

    # Integer ids for groups, facets and segments, so the heavy work below sorts and
    # groups small integers rather than strings.
    if keys:
        group_ids = evidence_frame.groupby(keys, sort=False).ngroup().to_numpy()
        group_keys = list(evidence_frame[keys].drop_duplicates().itertuples(index=False, name=None))
    else:
        group_ids, group_keys = np.zeros(len(evidence_frame), dtype="int64"), [()]
    segment_ids, segment_index = pd.factorize(evidence_frame["seg_id"])
    work = pd.DataFrame(
        {
            "gid": group_ids,
            "sid": segment_ids,
            "facet": evidence_frame["facet"].to_numpy(dtype=object),
            "positive": (evidence_frame["polarity"] == "positive").to_numpy(),
            "level": evidence_frame["level"].to_numpy(dtype="int64"),
            "weight": evidence_frame["weight"].to_numpy(dtype="float64"),
            "row": np.arange(len(evidence_frame)),
        }
    )
    # Evidence without a facet counts for every facet: one copy per facet it serves.
    if facet_ids == [None]:
        expanded = work.assign(fid=0)
    else:
        number_of = {facet_id: number for number, facet_id in enumerate(facet_ids)}
        fid = work["facet"].map(number_of)
        general = work[work["facet"].isna()]
        copies = [work[fid.notna()].assign(fid=fid[fid.notna()].astype("int64"))]
        copies += [general.assign(fid=number) for number in range(len(facet_ids))]
        expanded = pd.concat(copies, ignore_index=True)
    sums = expanded.groupby(["gid", "fid", "positive", "level"], sort=False)["weight"].sum()
    weights: dict[tuple[int, int], tuple[dict[int, float], dict[int, float]]] = {}
    for (gid, fid, is_positive, level), total in sums.items():
        positive, negative = weights.setdefault((gid, fid), ({}, {}))
        (positive if is_positive else negative)[int(level)] = float(total)
    # The evidence trail: distinct segments per group, highest level first, with their coded text.
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    trail = expanded.sort_values(["gid", "fid", "level", "weight"], ascending=[True, True, False, False], kind="stable")
    trail = trail.drop_duplicates(["gid", "fid", "sid"])
    rows_used = trail["row"].to_numpy()
    documents, starts, ends = (evidence_frame[c].to_numpy(dtype=object)[rows_used] for c in ("doc_id", "start", "end"))
    quote_array = np.array([texts[d][a:b] for d, a, b in zip(documents, starts, ends)] + [None], dtype=object)[:-1]
    segment_array = np.asarray(segment_index, dtype=object)[trail["sid"].to_numpy()]
    trails = {
        key: (segment_array[positions].tolist(), quote_array[positions].tolist())
        for key, positions in trail.groupby(["gid", "fid"], sort=False).indices.items()
    }
    gid_of = {key: number for number, key in enumerate(group_keys)}

    results = []
    for group in groups.itertuples(index=False):
        group_key = tuple(group) if keys else ()
        state = states.get(group_key, "present")
        gid = gid_of.get(group_key)
        for number, facet_id in enumerate(facet_ids):
            positive, negative = weights.get((gid, number), ({}, {}))
            segment_ids, quoted = trails.get((gid, number), ([], []))
            results.append(_placement(dict(zip(keys, group_key)), facet_id, positive, negative, segment_ids, quoted, state, levels, steps, rule, threshold))
    result = pd.DataFrame(results)
    if result.empty:
        result = pd.DataFrame(columns=[*keys, "facet", "status", "level"])
    result = _attach_overrides(study, result, keys)
    from ._matrix import _sorted

    orders = {"case_id": list(study.cases["case_id"]), "wave_id": list(study.waves["wave_id"]), "facet": facet_ids}
    result = _sorted(result, [*keys, "facet"], orders)
    # The ladder travels with the placements, so figures can label every level.
    result.attrs["ladder"] = {
        "name": steps.name,
        "levels": [(lv.value, lv.name, lv.band) for lv in steps.levels],
        "facets": [(f.id, f.name) for f in steps.facets],
        "waves": list(study.waves["wave_id"]),
    }
    return result


def _placement(
    group: dict[str, Any],
    facet: str | None,
    positive: dict[int, float],
    negative: dict[int, float],
    segment_ids: list[str],
    quoted: list[str],
    state: str,
    levels: list[int],
    steps: Ladder,
    rule: str,
    threshold: float,
) -> dict[str, Any]:
    row: dict[str, Any] = {**group, "facet": facet, "rule": rule}
    if state != "present":
        row.update(status="missing", level=pd.NA, level_name=None, band=None, low=pd.NA, high=pd.NA, band_range=None, n_evidence=0, weight=0.0, confidence=np.nan, evidence=[], quotes=[], reason=state)
        return row
    level, distribution = place(positive, negative, levels, rule=rule, min_evidence=threshold)
    total = sum(distribution.values())
    low, high = _quantile(distribution, 0.25), _quantile(distribution, 0.75)
    row.update(
        status="placed" if level is not None else "insufficient evidence",
        level=level if level is not None else pd.NA,
        level_name=steps.level(level).name if level is not None else None,
        band=_band(steps, level),
        low=low if low is not None else pd.NA,
        high=high if high is not None else pd.NA,
        band_range=_band_range(steps, low, high) if level is not None else None,
        n_evidence=len(segment_ids),
        weight=float(total),
        confidence=float(distribution[level] / total) if level is not None and total > 0 else np.nan,
        evidence=segment_ids,
        quotes=quoted,
        reason=None,
    )
    return row


def _band(steps: Ladder, level: int | None) -> str | None:
    if level is None:
        return None
    found = steps.level(level)
    return found.band or found.name.lower()


def _band_range(steps: Ladder, low: int | None, high: int | None) -> str | None:
    if low is None or high is None:
        return None
    first, last = _band(steps, low), _band(steps, high)
    return first if first == last else f"{first} to {last}"


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
    from ..study import _current_user

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
    override_id = "o-" + __import__("hashlib").sha1(f"{group_text}{facet}{created.isoformat()}".encode()).hexdigest()[:12]
    row = {"override_id": override_id, "group": group_text, "facet": facet, "level": level, "reason": str(reason), "author": author, "created": created}
    study.overrides = _tables.coerce("overrides", pd.concat([study.overrides, pd.DataFrame([row])], ignore_index=True))
    study.record("override placement", {"group": keys, "facet": facet, "level": level, "reason": str(reason)}, actor=author)
    return override_id
