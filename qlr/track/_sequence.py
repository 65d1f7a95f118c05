"""Trajectory sequences: each case's levels (and changes) over the waves as explicit states, and per-sequence indicators."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .._display import ResultDisplay
from ..errors import SelectionError
from ..evidence import ATTRITION_STATES, NOT_CODED, PARTLY_CODED, coverage_reason
from ._placements import Placements, flat_placements

__all__ = ["Sequences", "sequences", "sequence_indicators", "state_distribution", "SEQUENCE_STATES", "INSUFFICIENT"]

#: The state of a wave where the case was seen but its evidence placed it nowhere.
INSUFFICIENT = "insufficient evidence"

#: States a sequence holds where it holds no level: the attrition vocabulary of
#: :data:`qlr.evidence.ATTRITION_STATES` (without ``present``), ``not coded`` (a pooled study's case its study's
#: coding never reached), ``partly coded`` (seen, some of its documents never coded, and nothing found in the rest),
#: then ``insufficient evidence``.
SEQUENCE_STATES = (*(state for state in ATTRITION_STATES if state != "present"), NOT_CODED, PARTLY_CODED, INSUFFICIENT)

KINDS = ("levels", "changes")


def _change_label(step: int) -> str:
    return f"{step:+d}" if step else "0"


class Sequences(ResultDisplay):
    """Each case's sequence of levels over the waves, and of changes between them, one row per case × facet.

    Build one with :func:`qlr.track.sequences`.  Every cell is a state, as a
    string: a ladder level (``"2"``) or, where the case holds none, one of
    :data:`SEQUENCE_STATES`.  A change is the step between two consecutive
    waves (``"+1"``, ``"0"``, ``"-2"``); where either wave holds no level it
    takes that wave's state (the later one's when both hold none).

    Parameters
    ----------
    levels : DataFrame
        Indexed by ``case_id`` and ``facet``; one column per wave.
    changes : DataFrame
        The same index; one column per consecutive pair of waves (``"W1→W2"``).
    alphabets : dict
        ``{"levels": [...], "changes": [...]}``: every state of each kind, levels
        first in ladder order, then the attrition states that occur.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3, "wave_id": ["W1", "W2", "W3"], "facet": "delivery",
    ...                    "status": ["placed", "placed", "missing"], "level": [1, 2, None]})
    >>> seqs = qlr.track.sequences(pl)
    >>> seqs.levels.loc[("A", "delivery")].tolist(), seqs.changes.loc[("A", "delivery")].tolist()
    (['1', '2', 'dropped out'], ['+1', 'dropped out'])
    """

    def __init__(self, levels: pd.DataFrame, changes: pd.DataFrame, *, alphabets: dict[str, list[str]]) -> None:
        self.levels = levels
        self.changes = changes
        self.alphabets = {kind: list(states) for kind, states in alphabets.items()}

    @property
    def facets(self) -> list[str]:
        """The facets the sequences cover, in order."""
        return list(dict.fromkeys(self.levels.index.get_level_values("facet")))

    @property
    def cases(self) -> list[str]:
        """The cases, in order."""
        return list(dict.fromkeys(self.levels.index.get_level_values("case_id")))

    def channel(self, *, kind: str = "levels", facet: str) -> pd.DataFrame:
        """One facet's sequences of one kind: a case × position table of states.

        Parameters
        ----------
        kind : {"levels", "changes"}
        facet : str

        Returns
        -------
        DataFrame
            Indexed by ``case_id``.

        Examples
        --------
        >>> import pandas as pd, qlr
        >>> pl = pd.DataFrame({"case_id": ["A", "A"], "wave_id": ["W1", "W2"], "facet": "d", "level": [0, 2]})
        >>> qlr.track.sequences(pl).channel(kind="changes", facet="d").loc["A"].tolist()
        ['+2']
        """
        from .._check import check_choice

        check_choice("kind", kind, KINDS)
        check_choice("facet", facet, self.facets)
        table = self.levels if kind == "levels" else self.changes
        return table.xs(facet, level="facet")

    def _summary(self) -> str:
        return f": {len(self.cases)} cases × {len(self.facets)} facets over {self.levels.shape[1]} waves"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("Levels", self.levels), ("Changes", self.changes)]


def _states_by_wave(rows: pd.DataFrame, wave_order: list[str], column: str, attrition: pd.DataFrame | None) -> dict[tuple[str, str], list[str]]:
    """Each case × facet's list of states, one per wave."""
    result = {}
    for (case_id, facet), part in rows.groupby(["case_id", "facet"], sort=False, dropna=False):
        by_wave = {wave: row for wave, row in zip(part["wave_id"], part.to_dict("records"))}
        cells: list[str | None] = []
        for wave in wave_order:
            row = by_wave.get(wave)
            if row is not None and pd.notna(row.get(column)):
                cells.append(str(int(row[column])))
            elif row is not None and row.get("status", "missing") != "missing":
                cells.append(INSUFFICIENT)
            elif row is not None and coverage_reason([row.get("reason")], False)[0] is not None:
                cells.append(row["reason"])  # seen, but (some of) its documents never coded with the codebook
            else:
                cells.append(None)  # not seen: which absence is decided below
        if attrition is not None and case_id in attrition.index:
            cells = [cell if cell is not None else str(attrition.loc[case_id, wave]) for cell, wave in zip(cells, wave_order)]
        seen = [i for i, cell in enumerate(cells) if cell is not None]
        # The same reading of absence as Study.attrition, from where the case was seen.
        for i, cell in enumerate(cells):
            if cell is None:
                cells[i] = "absent" if not seen else "not yet joined" if i < seen[0] else "dropped out" if i > seen[-1] else "missed"
        result[(case_id, facet)] = [str(cell) for cell in cells]
    return result


def _changes(states: list[str]) -> list[str]:
    steps = []
    for before, after in zip(states, states[1:]):
        if before.isdigit() and after.isdigit():
            steps.append(_change_label(int(after) - int(before)))
        else:
            steps.append(after if not after.isdigit() else before)
    return steps


def sequences(
    placements: Placements | pd.DataFrame,
    *,
    facet: str | None = None,
    attrition: pd.DataFrame | None = None,
    use_overrides: bool = True,
    waves: list[str] | None = None,
) -> Sequences:
    """Each case's sequence of ladder levels over the waves, with attrition as explicit states, and its sequence of changes.

    A wave holds the case's level when it was placed there; otherwise
    ``insufficient evidence`` (seen, but too little evidence to place it) or
    why it was not seen: ``not yet joined`` (before its first wave seen),
    ``missed`` (between two), ``dropped out`` (after its last), ``absent``
    (never seen), or ``not scheduled`` — read from ``attrition`` when given,
    which also knows the design.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by case and wave (``case_id``,
        ``wave_id``, ``facet``, ``level``, ``status``).
    facet : str, optional
        One facet; by default every facet (a channel each).
    attrition : DataFrame, optional
        :meth:`qlr.Study.attrition` of the study placed, for the design's
        ``not scheduled``; without it absences are read from the placements.
    use_overrides : bool
        Read ``final_level`` (researchers' overrides applied) rather than ``level``.
    waves : list of str, optional
        The wave order; by default the placements' own (:attr:`Placements.waves`).

    Returns
    -------
    Sequences
        ``.levels`` and ``.changes``, one row per case × facet.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> carers = study.sel(role="carer")
    >>> seqs = qlr.track.sequences(qlr.track.ladder(carers), attrition=carers.attrition())
    >>> seqs.levels.loc[("C11", "delivery")].tolist()
    ['not yet joined', '1', '2']
    >>> seqs.changes.loc[("C01", "delivery")].tolist()
    ['+1', '+1']
    """
    from .._check import check_bool

    check_bool("use_overrides", use_overrides)
    rows = flat_placements(placements)
    if not {"case_id", "wave_id", "level"} <= set(rows.columns):
        raise SelectionError("sequences need placements by case and wave", hint="use qlr.track.ladder(study, by=('case', 'wave'))")
    if "facet" not in rows.columns:
        rows = rows.assign(facet="level")
    # A ladder without facets (a crosswalk's, say) places on all evidence at once: name that channel.
    rows = rows.assign(facet=rows["facet"].astype(object).where(rows["facet"].notna(), "all evidence"))
    if facet is not None:
        facets = sorted(set(rows["facet"].dropna()))
        if facet not in facets:
            raise SelectionError(f"facet {facet!r} is not in these placements", hint=f"use one of {', '.join(facets)}")
        rows = rows[rows["facet"] == facet]
    column = "final_level" if use_overrides and "final_level" in rows.columns else "level"
    wave_order = list(waves or (placements.waves if isinstance(placements, Placements) and placements.waves else dict.fromkeys(rows["wave_id"])))
    by_case = _states_by_wave(rows, wave_order, column, attrition)
    index = pd.MultiIndex.from_tuples(list(by_case), names=["case_id", "facet"])
    levels = pd.DataFrame(list(by_case.values()), index=index, columns=wave_order, dtype=object)
    pair_names = [f"{a}→{b}" for a, b in zip(wave_order, wave_order[1:])]
    changes = pd.DataFrame([_changes(states) for states in by_case.values()], index=index, columns=pair_names, dtype=object)

    if isinstance(placements, Placements):
        ladder_levels = [str(level.value) for level in placements.ladder.levels]
    else:
        ladder_levels = sorted({cell for cell in levels.to_numpy().ravel() if cell.isdigit()}, key=int)
    others = [state for state in SEQUENCE_STATES if (levels == state).to_numpy().any()]
    steps = sorted({cell for cell in changes.to_numpy().ravel() if cell not in SEQUENCE_STATES}, key=int)
    other_changes = [state for state in SEQUENCE_STATES if (changes == state).to_numpy().any()]
    return Sequences(levels, changes, alphabets={"levels": [*ladder_levels, *others], "changes": [*steps, *other_changes]})


def _channels(seqs: Sequences, kind: str, facet: str | None) -> list[str]:
    from .._check import check_choice

    check_choice("kind", kind, KINDS)
    if facet is None:
        return seqs.facets
    check_choice("facet", facet, seqs.facets)
    return [facet]


def _entropy(counts: np.ndarray, alphabet_size: int) -> float:
    """Shannon entropy of a distribution, divided by its maximum ``log(alphabet_size)``."""
    total = counts.sum()
    if total == 0 or alphabet_size < 2:
        return 0.0
    shares = counts[counts > 0] / total
    return max(0.0, float(-(shares * np.log(shares)).sum() / math.log(alphabet_size)))  # never -0.0


def _distinct_subsequences(symbols: list[str]) -> int:
    """How many distinct subsequences (the empty one included) a sequence has."""
    count, last = 1, {}
    for symbol in symbols:
        before = count
        count = 2 * count - last.get(symbol, 0)
        last[symbol] = before
    return count


def _spells(states: list[str]) -> tuple[list[str], list[int]]:
    """The distinct successive states of a sequence and how long each lasts."""
    names: list[str] = []
    lengths: list[int] = []
    for state in states:
        if names and names[-1] == state:
            lengths[-1] += 1
        else:
            names.append(state)
            lengths.append(1)
    return names, lengths


def _turbulence(states: list[str]) -> float:
    names, lengths = _spells(states)
    durations = np.array(lengths, dtype=float)
    variance = float(durations.var())
    variance_max = (len(durations) - 1) * (1 - durations.mean()) ** 2
    return math.log2(_distinct_subsequences(names) * (variance_max + 1) / (variance + 1))


def sequence_indicators(sequences: Sequences, *, kind: str = "levels", facet: str | None = None) -> pd.DataFrame:
    """How much each sequence moves: transitions, longitudinal entropy, turbulence and complexity.

    Every state counts, the attrition states too (a case that drops out has
    moved into another state).  With ``l`` the length, ``q`` the number of
    transitions, ``a`` the size of the alphabet (:attr:`Sequences.alphabets`)
    and ``p_s`` the share of positions in state ``s``:

    * ``transitions`` ``q``: positions where the state differs from the one before;
    * ``entropy`` ``h = -Σ p_s ln p_s / ln a`` (0: one state throughout, 1: every state equally);
    * ``turbulence`` (Elzinga 2006) ``T = log2(φ · (s²max + 1) / (s² + 1))``,
      with ``φ`` the number of distinct subsequences of the sequence of distinct
      successive states (the empty one included), ``s²`` the variance of the
      spells' durations (divided by their number ``n``) and
      ``s²max = (n - 1)(1 - t̄)²``, ``t̄`` their mean duration;
    * ``complexity`` (Gabadinho et al. 2010) ``C = sqrt(q / (l - 1) · h)``.

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    facet : str, optional
        One facet; by default every facet.

    Returns
    -------
    DataFrame
        ``case_id``, ``facet``, ``length``, ``transitions``, ``entropy``,
        ``turbulence``, ``complexity``.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A"] * 3, "wave_id": ["W1", "W2", "W3"], "facet": "d", "level": [1, 2, 2]})
    >>> qlr.track.sequence_indicators(qlr.track.sequences(pl)).round(3).iloc[0, 2:].tolist()
    [3.0, 1.0, 0.918, 2.0, 0.678]
    """
    rows = []
    for facet_id in _channels(sequences, kind, facet):
        table = sequences.channel(kind=kind, facet=facet_id)
        alphabet = sequences.alphabets[kind]
        for case_id, states in zip(table.index, table.to_numpy().tolist()):
            length = len(states)
            transitions = sum(a != b for a, b in zip(states, states[1:]))
            counts = np.array([states.count(state) for state in alphabet], dtype=float)
            entropy = _entropy(counts, len(alphabet))
            complexity = math.sqrt(transitions / (length - 1) * entropy) if length > 1 else 0.0
            rows.append(
                {
                    "case_id": case_id,
                    "facet": facet_id,
                    "length": length,
                    "transitions": transitions,
                    "entropy": entropy,
                    "turbulence": _turbulence(states) if states else 0.0,
                    "complexity": complexity,
                }
            )
    return pd.DataFrame(rows)


def state_distribution(sequences: Sequences, *, kind: str = "levels", facet: str | None = None) -> pd.DataFrame:
    """The share of cases in each state at each wave, and the cross-sectional entropy there.

    ``entropy = -Σ p_s ln p_s / ln a`` over the states ``s`` of the alphabet
    (size ``a``) at that wave: 0 when every case is in one state.

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    facet : str, optional
        Required when the sequences hold several facets.

    Returns
    -------
    DataFrame
        One row per wave (or pair of waves): ``position``, one column per state
        of the alphabet (shares summing to 1), ``n`` (cases) and ``entropy``.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> pl = pd.DataFrame({"case_id": ["A", "A", "B", "B"], "wave_id": ["W1", "W2"] * 2, "facet": "d", "level": [1, 2, 1, 1]})
    >>> dist = qlr.track.state_distribution(qlr.track.sequences(pl))
    >>> dist[["position", "1", "2", "entropy"]].values.tolist()
    [['W1', 1.0, 0.0, 0.0], ['W2', 0.5, 0.5, 1.0]]
    """
    channels = _channels(sequences, kind, facet)
    if len(channels) > 1:
        raise SelectionError("these sequences hold several facets", hint=f"pass facet= one of {', '.join(channels)}")
    table = sequences.channel(kind=kind, facet=channels[0])
    alphabet = sequences.alphabets[kind]
    rows = []
    for position in table.columns:
        column = table[position].tolist()
        counts = np.array([column.count(state) for state in alphabet], dtype=float)
        shares = counts / counts.sum() if counts.sum() else counts
        rows.append({"position": position, **dict(zip(alphabet, shares.tolist())), "n": len(column), "entropy": _entropy(counts, len(alphabet))})
    return pd.DataFrame(rows)
