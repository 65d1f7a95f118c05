"""Distances between trajectory sequences: Hamming, optimal matching and longest common subsequence, one facet or several."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ._sequence import SEQUENCE_STATES, Sequences, _channels

__all__ = ["sequence_distances", "substitution_costs", "DISTANCE_METHODS", "SUBSTITUTIONS"]

#: The distances :func:`sequence_distances` computes.
DISTANCE_METHODS = ("om", "hamming", "lcs")
#: How :func:`substitution_costs` prices replacing one level by another.
SUBSTITUTIONS = ("ordinal", "transition", "constant")


def _value(state: str) -> int | None:
    """The number a level or a change stands for; ``None`` for an attrition state."""
    return None if state in SEQUENCE_STATES else int(state)


def _transition_rates(table: pd.DataFrame, alphabet: list[str]) -> np.ndarray:
    """``p(j | i)``: the share of moves out of state ``i`` between consecutive positions that go to ``j``."""
    position = {state: i for i, state in enumerate(alphabet)}
    counts = np.zeros((len(alphabet), len(alphabet)))
    values = table.to_numpy()
    for before, after in zip(values[:, :-1].ravel(), values[:, 1:].ravel()):
        counts[position[before], position[after]] += 1
    sums = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, sums, out=np.zeros_like(counts), where=sums > 0)


def substitution_costs(
    sequences: Sequences,
    *,
    kind: str = "levels",
    facet: str | None = None,
    substitution: str = "ordinal",
    attrition_cost: float | str = "auto",
) -> pd.DataFrame:
    """What replacing one state by another costs, for optimal matching and Hamming distances.

    Between two levels (or two changes) ``a`` and ``b``:

    * ``ordinal``: ``|a - b|``, the distance on the ladder (a step of 1 costs 1);
    * ``transition``: ``2 - p(b | a) - p(a | b)``, from the observed rates of
      moving between consecutive waves (TraMineR's ``TRATE``): states people
      often move between are close;
    * ``constant``: 1 for any two different states.

    A pair with an attrition state (``missed``, ``insufficient evidence``…) and
    another state costs ``attrition_cost``; two equal states cost 0.

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    facet : str, optional
        The facet whose transitions ``transition`` counts; required then when
        there are several.
    substitution : {"ordinal", "transition", "constant"}
    attrition_cost : float or "auto"
        ``"auto"``: the mean cost over the pairs of different levels, so an
        unknown state is as far from a level as a typical pair of levels.

    Returns
    -------
    DataFrame
        State × state costs over :attr:`Sequences.alphabets` of ``kind``,
        symmetric, zero on the diagonal.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3, "wave_id": ["W1", "W2", "W3"], "facet": "d",
    ...                    "status": ["placed", "placed", "missing"], "level": [0, 2, None]})
    >>> qlr.track.substitution_costs(qlr.track.sequences(pl)).values.tolist()
    [[0.0, 2.0, 2.0], [2.0, 0.0, 2.0], [2.0, 2.0, 0.0]]
    """
    from .._check import check_choice, check_number

    check_choice("substitution", substitution, SUBSTITUTIONS)
    if attrition_cost != "auto":
        check_number("attrition_cost", attrition_cost, minimum=0)
    alphabet = sequences.alphabets[kind]
    values = [_value(state) for state in alphabet]
    size = len(alphabet)
    if substitution == "transition":
        channels = _channels(sequences, kind, facet)
        if len(channels) > 1:
            raise SelectionError("transition rates are counted within one facet", hint=f"pass facet= one of {', '.join(channels)}")
        rates = _transition_rates(sequences.channel(kind=kind, facet=channels[0]), alphabet)
        costs = 2 - rates - rates.T
    elif substitution == "ordinal":
        costs = np.array([[abs(a - b) if a is not None and b is not None else 1.0 for b in values] for a in values], dtype=float)
    else:
        costs = np.ones((size, size))
    is_level = np.array([value is not None for value in values], dtype=bool)
    both_levels = np.outer(is_level, is_level) & ~np.eye(size, dtype=bool)
    if attrition_cost == "auto":
        attrition_cost = float(costs[both_levels].mean()) if both_levels.any() else 1.0
    costs = np.where(both_levels, costs, float(attrition_cost))
    np.fill_diagonal(costs, 0.0)
    return pd.DataFrame(costs, index=alphabet, columns=alphabet)


def _alignment_costs(first: np.ndarray, second: np.ndarray, substitution: np.ndarray, indel: float) -> np.ndarray:
    """Optimal-matching distance for many pairs at once: ``first[p]`` against ``second[p]``.

    ``first`` and ``second`` are pairs × positions × channels of state numbers;
    ``substitution`` is channels × states × states (summed over channels), and
    ``indel`` the cost of inserting or deleting one position (all channels).
    """
    pairs, length, channels = first.shape
    table = np.zeros((pairs, length + 1, length + 1))
    table[:, :, 0] = np.arange(length + 1) * indel
    table[:, 0, :] = np.arange(length + 1) * indel
    for i in range(1, length + 1):
        for j in range(1, length + 1):
            swap = sum(substitution[c][first[:, i - 1, c], second[:, j - 1, c]] for c in range(channels))
            table[:, i, j] = np.minimum(
                table[:, i - 1, j - 1] + swap,
                np.minimum(table[:, i - 1, j], table[:, i, j - 1]) + indel,
            )
    return table[:, length, length]


def sequence_distances(
    sequences: Sequences,
    *,
    method: str = "om",
    kind: str = "levels",
    facet: str | None = None,
    substitution: str = "ordinal",
    indel: float | str = "auto",
    attrition_cost: float | str = "auto",
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Pairwise distances between the cases' sequences, over one facet or several together (multichannel).

    * ``hamming``: ``Σ_t sub(x_t, y_t)``, position by position (with
      ``substitution="constant"``, the number of waves that differ);
    * ``om`` (optimal matching): the cheapest way to turn one sequence into
      the other by substituting (``sub``) and inserting or deleting (``indel``)
      states, so a move that happened a wave later costs little;
    * ``lcs``: ``|x| + |y| - 2 · LCS(x, y)``, with ``LCS`` the length of the
      longest common subsequence (equal states only; costs are not used).

    With several facets (``facet=None``), each case's facets are aligned
    together (TraMineR's ``seqdistmc``): a position is the tuple of its
    facets' states, substituting it costs ``Σ_f w_f sub_f`` and inserting it
    ``Σ_f w_f indel_f``; for ``lcs`` two positions match only when every
    facet does.

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    method : {"om", "hamming", "lcs"}
    kind : {"levels", "changes"}
        Compare sequences of levels, or of changes (a typology by direction).
    facet : str, optional
        One facet; by default every facet, as channels.
    substitution : {"ordinal", "transition", "constant"}
        See :func:`substitution_costs`.
    indel : float or "auto"
        Cost of inserting or deleting a state (``om``); ``"auto"`` is half the
        largest substitution cost, so two indels never cost more than the
        dearest substitution.
    attrition_cost : float or "auto"
        Cost of substituting an attrition state (see :func:`substitution_costs`).
    weights : dict, optional
        ``{facet: weight}`` for the multichannel distance (default 1 each).

    Returns
    -------
    DataFrame
        Cases × cases, symmetric, zero on the diagonal.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3 + ["B"] * 3, "wave_id": ["W1", "W2", "W3"] * 2,
    ...                    "facet": "d", "level": [1, 2, 3, 1, 1, 2]})
    >>> seqs = qlr.track.sequences(pl)
    >>> [float(qlr.track.sequence_distances(seqs, method=m).loc["A", "B"]) for m in ("hamming", "om", "lcs")]
    [2.0, 2.0, 2.0]
    """
    from .._check import check_choice, check_number

    check_choice("method", method, DISTANCE_METHODS)
    if indel != "auto":
        check_number("indel", indel, minimum=0)
    channels = _channels(sequences, kind, facet)
    weights = dict(weights or {})
    for name, weight in weights.items():
        check_number(f"weights[{name!r}]", weight, minimum=0)
    unknown = sorted(set(weights) - set(channels))
    if unknown:
        raise SelectionError(f"weights name facets {unknown} these distances do not use", hint=f"weight only {', '.join(channels)}")
    alphabet = sequences.alphabets[kind]
    if not alphabet:
        # One wave gives sequences of changes with no positions: nothing to compare.
        raise SelectionError(f"the sequences of {kind} are empty", hint="sequences of changes need at least two waves; compare levels instead (kind='levels')")
    position = {state: i for i, state in enumerate(alphabet)}
    cases = sequences.cases
    codes = np.stack(
        [sequences.channel(kind=kind, facet=f).loc[cases].map(position.__getitem__).to_numpy(dtype=int) for f in channels],
        axis=2,
    )
    first, second = np.triu_indices(len(cases), k=1)
    if method == "lcs":
        values = _lcs_distance(codes[first], codes[second])
    else:
        costs, indels = [], []
        for f in channels:
            weight = float(weights.get(f, 1.0))
            cost = substitution_costs(sequences, kind=kind, facet=f, substitution=substitution, attrition_cost=attrition_cost).to_numpy()
            costs.append(weight * cost)
            indels.append(weight * (float(cost.max()) / 2 if indel == "auto" else float(indel)))
        if method == "hamming":
            a, b = codes[first], codes[second]
            values = sum(costs[c][a[:, :, c], b[:, :, c]].sum(axis=1) for c in range(len(channels)))
        else:
            values = _alignment_costs(codes[first], codes[second], np.stack(costs), sum(indels))
    distances = np.zeros((len(cases), len(cases)))
    distances[first, second] = values
    distances[second, first] = values
    return pd.DataFrame(distances, index=pd.Index(cases, name="case_id"), columns=pd.Index(cases, name="case_id"))


def _lcs_distance(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``|x| + |y| - 2 LCS`` where a position matches only when all its channels do."""
    equal_tuples = (first[:, :, None, :] == second[:, None, :, :]).all(axis=3)  # pairs × i × j
    pairs, length = first.shape[:2]
    common = np.zeros((pairs, length + 1, length + 1))
    for i in range(1, length + 1):
        for j in range(1, length + 1):
            common[:, i, j] = np.where(equal_tuples[:, i - 1, j - 1], common[:, i - 1, j - 1] + 1, np.maximum(common[:, i - 1, j], common[:, i, j - 1]))
    return 2 * length - 2 * common[:, length, length]

