"""Epistemic Network Analysis: how codes connect within a moving window of talk, unit by unit.

The mathematics follows Shaffer, Collier & Ruis (2016) and Bowman et al. (2021);
the conventions (pair order, window, node placement, goodness of fit) are rENA's,
so results can be checked against rENA and pyena.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_number
from .._display import ResultDisplay
from ..codebook._display import code_labels
from ..errors import InvalidParameterError, SelectionError
from ..evidence import NOT_EVIDENCE_ROLES, each_case, group_columns, pick_codebook
from ..track._evidence import codings_in_context, context_positions, document_context, study_orders

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["ena", "ENA", "STANZA_SPEAKERS"]

#: Which turns take a place in a stanza: every turn that can be evidence, or every turn.
STANZA_SPEAKERS = ("participants", "all")

# Below this sum of node weights a unit's weights are not stretched further (rENA's floor).
_NODE_WEIGHT_FLOOR = 1e-4


# ---------------------------------------------------------------- the mathematics
def pair_order(n_codes: int) -> tuple[np.ndarray, np.ndarray]:
    """The code pairs ``(first, second)`` in rENA's order: (0,1), (0,2), (1,2), (0,3)…"""
    second, first = np.tril_indices(n_codes, -1)
    return first, second


def stanza_connections(presence: np.ndarray, conversation: np.ndarray, *, window: int) -> np.ndarray:
    """Which pairs each row connects to its stanza: rows × pairs, 0 or 1.

    A row's stanza is the row and the ``window - 1`` rows before it in the same
    conversation.  Pair (a, b) is connected at a row when both codes are in the
    row, or one is in the row and the other in an earlier row of its stanza
    (rENA's moving stanza window, looking back only; binary).
    """
    presence = np.asarray(presence, dtype=bool)
    n_rows, n_codes = presence.shape
    counts = np.cumsum(np.vstack([np.zeros((1, n_codes), dtype=int), presence.astype(int)]), axis=0)
    # Rows from `start` (inclusive) to the row itself (exclusive) are the earlier part of the stanza.
    index = np.arange(n_rows)
    starts_conversation = np.r_[True, conversation[1:] != conversation[:-1]] if n_rows else np.zeros(0, dtype=bool)
    first_of_conversation = np.maximum.accumulate(np.where(starts_conversation, index, 0)) if n_rows else index
    start = np.maximum(first_of_conversation, index - (window - 1))
    earlier = (counts[index] - counts[start]) > 0
    first, second = pair_order(n_codes)
    here_a, here_b = presence[:, first], presence[:, second]
    before_a, before_b = earlier[:, first], earlier[:, second]
    return ((here_a & here_b) | (here_a & before_b) | (before_a & here_b)).astype(float)


def sphere_normalise(adjacency: np.ndarray) -> np.ndarray:
    """Each row divided by its Euclidean length; an all-zero row stays zero."""
    length = np.linalg.norm(adjacency, axis=1, keepdims=True)
    return adjacency / np.where(length == 0, 1.0, length)


def _signed(axes: np.ndarray) -> np.ndarray:
    """Axes with a fixed sign: each one's largest loading (by size) is positive, so results do not depend on LAPACK."""
    if not axes.size:
        return axes
    biggest = axes[np.argmax(np.abs(axes), axis=0), np.arange(axes.shape[1])]
    return axes * np.where(biggest < 0, -1.0, 1.0)


def svd_axes(centred: np.ndarray, *, dimensions: int) -> np.ndarray:
    """The first right singular vectors of the centred matrix (pairs × dimensions)."""
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return _signed(vt[:dimensions].T)


def means_axes(centred: np.ndarray, in_first: np.ndarray, in_second: np.ndarray, *, dimensions: int) -> np.ndarray:
    """Means rotation: the first axis runs from the second group's mean to the first's; the rest are SVD of what is left.

    With ``d`` the difference of the two groups' mean (centred, normalised)
    vectors and ``w = d / |d|``, the data are deflated (``X − X w wᵀ``) and the
    remaining axes are its right singular vectors (rENA's ``ena.rotate.by.mean``).
    """
    difference = centred[in_first].mean(axis=0) - centred[in_second].mean(axis=0)
    size = np.linalg.norm(difference)
    if size == 0:
        raise SelectionError("the two groups have the same mean network, so no axis runs between them", hint="compare groups whose units differ, or use rotation=None (SVD)")
    weight = difference / size
    deflated = centred - np.outer(centred @ weight, weight)
    rest = svd_axes(deflated, dimensions=dimensions - 1)
    return np.column_stack([weight, rest])


def node_weights(normalised: np.ndarray, n_codes: int) -> np.ndarray:
    """Each unit's weight on each code: half of every connection it has, summed, then scaled to sum 1."""
    first, second = pair_order(n_codes)
    weights = np.zeros((normalised.shape[0], n_codes))
    np.add.at(weights.T, first, 0.5 * normalised.T)
    np.add.at(weights.T, second, 0.5 * normalised.T)
    total = np.abs(weights).sum(axis=1)
    return weights / np.maximum(total, _NODE_WEIGHT_FLOOR)[:, None]


def node_positions(weights: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Co-registration: code positions whose weighted centroid for each unit lies as near its point as least squares allows."""
    positions, *_ = np.linalg.lstsq(weights, points, rcond=None)
    return positions


def fit_correlations(points: np.ndarray, centroids: np.ndarray) -> pd.DataFrame:
    """Goodness of fit per dimension: Pearson and Spearman correlations of all pairwise differences (rENA's ``ena.correlations``)."""
    from scipy import stats

    first, second = np.triu_indices(len(points), 1)
    rows = []
    for d in range(points.shape[1]):
        between_points = points[first, d] - points[second, d]
        between_centroids = centroids[first, d] - centroids[second, d]
        if len(between_points) < 2 or np.ptp(between_points) == 0 or np.ptp(between_centroids) == 0:
            rows.append((np.nan, np.nan))
            continue
        rows.append((stats.pearsonr(between_points, between_centroids)[0], stats.spearmanr(between_points, between_centroids)[0]))
    return pd.DataFrame(rows, columns=["pearson", "spearman"])


def compare_values(first: np.ndarray, second: np.ndarray) -> pd.DataFrame:
    """Mann–Whitney U with its rank-biserial r, and Welch's t with Cohen's d; one row per test."""
    from scipy import stats

    first, second = np.asarray(first, float), np.asarray(second, float)
    n1, n2 = len(first), len(second)
    if n1 < 2 or n2 < 2:
        raise SelectionError(f"a comparison needs at least two units in each group (has {n1} and {n2})", hint="choose groups with more units")
    u = stats.mannwhitneyu(first, second, alternative="two-sided")
    t = stats.ttest_ind(first, second, equal_var=False)
    pooled = np.sqrt(((n1 - 1) * first.var(ddof=1) + (n2 - 1) * second.var(ddof=1)) / (n1 + n2 - 2))
    difference = first.mean() - second.mean()
    d = difference / pooled if pooled > 0 else np.nan
    r = 2 * u.statistic / (n1 * n2) - 1
    common = {"n_first": n1, "n_second": n2, "mean_first": first.mean(), "mean_second": second.mean(), "difference": difference}
    return pd.DataFrame(
        [
            {"test": "Mann-Whitney U", **common, "statistic": float(u.statistic), "p": float(u.pvalue), "effect": "rank-biserial r", "effect_size": r},
            {"test": "Welch t", **common, "statistic": float(t.statistic), "p": float(t.pvalue), "effect": "Cohen's d", "effect_size": d},
        ]
    )


def signed_rank_biserial(differences: np.ndarray) -> float:
    """The matched-pairs rank-biserial r of paired differences (Kerby 2014): ``(T+ − T−) / (T+ + T−)``.

    ``T+`` and ``T−`` are the sums of the ranks of ``|d|`` (ties share their mean
    rank) over the positive and the negative differences; zero differences are
    left out, as Wilcoxon's test leaves them out.  +1 when every pair moved up.
    """
    from scipy.stats import rankdata

    nonzero = np.asarray(differences, float)
    nonzero = nonzero[nonzero != 0]
    if not len(nonzero):
        return 0.0
    ranks = rankdata(np.abs(nonzero))
    return float((ranks[nonzero > 0].sum() - ranks[nonzero < 0].sum()) / ranks.sum())


def paired_values(first: np.ndarray, second: np.ndarray) -> pd.DataFrame:
    """Wilcoxon signed-rank with the matched-pairs rank-biserial r, and the paired t with Cohen's d_z; one row per test.

    ``first[i]`` and ``second[i]`` are one pair (the same case in two groups).
    Wilcoxon's statistic is SciPy's (two-sided: the smaller of ``T+`` and
    ``T−``, zero differences dropped) with its p-value (exact for few pairs
    without ties); ``d_z`` is the mean difference over its standard deviation.
    """
    from scipy import stats

    first, second = np.asarray(first, float), np.asarray(second, float)
    n = len(first)
    if n < 2:
        raise SelectionError(f"a paired comparison needs at least two pairs (has {n})", hint="choose groups that share more cases, or pass paired=False to compare them as independent")
    differences = first - second
    common = {"n_first": n, "n_second": n, "mean_first": first.mean(), "mean_second": second.mean(), "difference": differences.mean()}
    if not differences.any():
        signed = (np.nan, np.nan)  # no pair moved: nothing to rank
    else:
        w = stats.wilcoxon(first, second, alternative="two-sided")
        signed = (float(w.statistic), float(w.pvalue))
    spread = differences.std(ddof=1)
    t = stats.ttest_rel(first, second) if spread > 0 else None
    return pd.DataFrame(
        [
            {"test": "Wilcoxon signed-rank", **common, "statistic": signed[0], "p": signed[1], "effect": "matched-pairs rank-biserial r", "effect_size": signed_rank_biserial(differences)},
            {"test": "paired t", **common, "statistic": np.nan if t is None else float(t.statistic), "p": np.nan if t is None else float(t.pvalue), "effect": "Cohen's d_z", "effect_size": differences.mean() / spread if spread > 0 else np.nan},
        ]
    )


# ---------------------------------------------------------------- the result
class ENA(ResultDisplay):
    """An epistemic network model: units as points, codes as nodes, the stanzas behind every connection.

    Made by :func:`ena`; read it through its tables (each parameter is kept
    as an attribute of the same name) and methods.

    Parameters
    ----------
    units : DataFrame
        One row per unit: its grouping columns, ``group``, ``n_segments``,
        ``n_coded`` (of those, segments holding at least one code) and its
        coordinates (``MR1``/``SVD1``, ``SVD2``…).
    adjacency : DataFrame
        Units × connections (``"a & b"``): stanzas in which the pair connected.
    normalised : DataFrame
        The same, each row of length one (sphere normalisation).
    nodes : DataFrame
        One row per code: ``code``, ``name``, ``frequency`` (segments coded)
        and its co-registered position on each dimension.
    axes : DataFrame
        Connections × dimensions: the loadings that turn a centred normalised
        network into a point.
    fit : DataFrame
        Goodness of fit per dimension (Pearson and Spearman correlations
        between the units' points and their networks' centroids).
    connections : DataFrame
        One row per connection: ``connection``, ``code_a``, ``code_b``.
    presence : DataFrame
        The lines of talk in stanza order: one row per segment that takes a
        place in a stanza (the unit's columns, ``group``, ``doc_id``,
        ``seg_id``), with a 0/1 column per code.
    stanzas : DataFrame
        Every stanza that connected a pair, with its quotes (read it through
        :meth:`stanzas`).
    settings : dict
        How the model was made (window, speakers, rotation, granularity).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction").sel(role="carer")  # sample = qlr.load("data/sample")
    >>> model = qlr.net.ena(study)
    >>> model
    <ENA: 30 units, 11 codes, 55 connections, window 4, SVD>
    """

    def __init__(self, *, units: pd.DataFrame, adjacency: pd.DataFrame, normalised: pd.DataFrame, nodes: pd.DataFrame, axes: pd.DataFrame, fit: pd.DataFrame, connections: pd.DataFrame, presence: pd.DataFrame, stanzas: pd.DataFrame, settings: dict[str, Any]) -> None:
        self.units = units
        self.adjacency = adjacency
        self.normalised = normalised
        self.nodes = nodes
        self.axes = axes
        self.fit = fit
        self.connections = connections
        self.presence = presence
        self.settings = settings
        self._stanzas = stanzas

    @property
    def dimensions(self) -> list[str]:
        """The names of the dimensions, in order (``["SVD1", "SVD2"]`` or ``["MR1", "SVD2"]``)."""
        return list(self.axes.columns)

    def _in_group(self, group: Any) -> np.ndarray:
        mask = (self.units["group"] == group).to_numpy(dtype=bool)
        if not mask.any():
            known = ", ".join(map(str, pd.unique(self.units["group"])))
            raise SelectionError(f"no unit is in group {group!r}", hint=f"use one of {known}")
        return mask

    def network(self, group: Any = None) -> pd.DataFrame:
        """The mean network of a group (all units when None): one row per connection.

        Parameters
        ----------
        group : optional
            A value of the model's ``group`` column (a wave id by default).

        Returns
        -------
        DataFrame
            ``connection``, ``code_a``, ``code_b``, ``weight`` (mean normalised
            weight over the group's units), ``units`` (units in which it occurs).

        Examples
        --------
        >>> import qlr
        >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"))  # sample = qlr.load("data/sample")
        >>> network = model.network("W3").sort_values("weight", ascending=False)
        >>> network.iloc[0]["connection"], int(network.iloc[0]["units"])
        ('barriers_enablers & negative', 10)
        """
        mask = np.ones(len(self.units), dtype=bool) if group is None else self._in_group(group)
        values = self.normalised.to_numpy()[mask]
        return self.connections.assign(weight=values.mean(axis=0), units=(values > 0).sum(axis=0))

    def _pair_columns(self, paired: bool | None) -> list[str] | None:
        """The unit columns that name a pair (the case), or None when the groups are compared as independent."""
        group = self.settings["groups"]
        keys = [c for c in self.settings["units"] if c != group]
        # Units are pairs when the group is part of the unit (case × wave, grouped by wave): a case meets itself.
        pairable = group in self.settings["units"] and bool(keys)
        if paired is None:
            return keys if pairable else None
        if check_bool("paired", paired) and not pairable:
            raise InvalidParameterError(
                f"paired=True needs units that repeat across groups, but units {self.settings['units']} do not contain groups {group!r}",
                hint="make units=('case', 'wave') with groups='wave', or pass paired=False",
            )
        return keys if paired else None

    def _compared(self, first: Any, second: Any, paired: bool | None) -> tuple[np.ndarray, np.ndarray, bool, int]:
        """Row positions of the units compared in each group (aligned pair by pair when paired), whether paired, and the units left without a partner."""
        in_first, in_second = np.flatnonzero(self._in_group(first)), np.flatnonzero(self._in_group(second))
        keys = self._pair_columns(paired)
        if keys is None:
            return in_first, in_second, False, 0
        key_rows = self.units[keys].astype(object).itertuples(index=False, name=None)
        key_of = dict(enumerate(key_rows))
        partner = {key_of[row]: row for row in in_second}
        pairs = [(row, partner[key_of[row]]) for row in in_first if key_of[row] in partner]
        a = np.array([x for x, _ in pairs], dtype=int)
        b = np.array([y for _, y in pairs], dtype=int)
        return a, b, True, len(in_first) + len(in_second) - 2 * len(pairs)

    def difference(self, first: Any, second: Any, *, paired: bool | None = None) -> pd.DataFrame:
        """Connection by connection, how two groups differ, with a test for each.

        Parameters
        ----------
        first, second
            Two values of the ``group`` column.
        paired : bool, optional
            Compare each case with itself (Wilcoxon signed-rank) or the groups
            as independent (Mann–Whitney U).  By default paired when the units
            are a case in a group (``units=("case", "wave")``, ``groups="wave"``,
            the default), independent otherwise; see :meth:`compare`.

        Returns
        -------
        DataFrame
            One row per connection: ``weight_first``, ``weight_second`` (mean
            normalised weights of the units tested), ``difference`` (first −
            second), ``p`` (two-sided; Wilcoxon signed-rank when paired,
            Mann–Whitney U otherwise), ``effect_size`` (the matched-pairs or
            the two-group rank-biserial r: +1 when every case, or every unit, of
            the first group has the stronger connection), ``paired`` and
            ``unpaired`` (units left out for want of a partner), sorted by the
            size of the difference.

        Examples
        --------
        >>> import qlr
        >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"))  # sample = qlr.load("data/sample")
        >>> model.difference("W3", "W1").columns[:4].tolist()
        ['connection', 'code_a', 'code_b', 'weight_first']
        >>> bool(model.difference("W3", "W1")["paired"].all())
        True
        """
        from scipy import stats

        rows_a, rows_b, is_paired, unpaired = self._compared(first, second, paired)
        values = self.normalised.to_numpy()
        a, b = values[rows_a], values[rows_b]
        if is_paired and len(a) < 2:
            paired_values(a[:, 0], b[:, 0])  # raises, saying what to do
        rows = []
        for k in range(a.shape[1]):
            if is_paired:
                moved = a[:, k] - b[:, k]
                if not moved.any():
                    rows.append((np.nan, 0.0))
                    continue
                rows.append((float(stats.wilcoxon(a[:, k], b[:, k], alternative="two-sided").pvalue), signed_rank_biserial(moved)))
                continue
            if np.ptp(np.r_[a[:, k], b[:, k]]) == 0:
                rows.append((np.nan, 0.0))
                continue
            u = stats.mannwhitneyu(a[:, k], b[:, k], alternative="two-sided")
            rows.append((float(u.pvalue), 2 * u.statistic / (len(a) * len(b)) - 1))
        tests = pd.DataFrame(rows, columns=["p", "effect_size"]).assign(paired=is_paired, unpaired=unpaired)
        table = self.connections.assign(weight_first=a.mean(axis=0), weight_second=b.mean(axis=0))
        table["difference"] = table["weight_first"] - table["weight_second"]
        table = pd.concat([table, tests], axis=1)
        order = np.argsort(-table["difference"].abs().to_numpy(), kind="stable")
        return table.iloc[order].reset_index(drop=True)

    def compare(self, first: Any, second: Any, *, dimension: str | None = None, paired: bool | None = None) -> pd.DataFrame:
        """Do two groups' units sit apart on a dimension? Two tests, each with its effect size.

        Parameters
        ----------
        first, second
            Two values of the ``group`` column.
        dimension : str, optional
            A dimension name; the first (``MR1`` under a means rotation) by default.
        paired : bool, optional
            True: each case is compared with itself (a case × wave unit at
            ``first`` with the same case's unit at ``second``): Wilcoxon
            signed-rank and the paired t.  False: the groups as independent
            samples: Mann–Whitney U and Welch's t.  None (default): paired
            when the units are a case in a group (the default units, case ×
            wave, grouped by wave), independent otherwise (units grouped by
            role, say).

        Returns
        -------
        DataFrame
            One row per test: ``test``, ``paired``, ``n_first``, ``n_second``
            (the units tested; when paired, the pairs), ``unpaired`` (units of
            either group left out because their case is not in the other),
            ``mean_first``, ``mean_second``, ``difference``, ``statistic``,
            ``p`` (two-sided), ``effect`` (its name) and ``effect_size``:
            for Wilcoxon the matched-pairs rank-biserial r (Kerby 2014), for
            the paired t Cohen's d_z (mean difference over its standard
            deviation), for Mann–Whitney U the rank-biserial r, for Welch's t
            Cohen's d with the pooled standard deviation.

        Raises
        ------
        qlr.errors.InvalidParameterError
            When ``paired=True`` but the units do not repeat across groups.
        qlr.errors.SelectionError
            When a group has fewer than two units, or fewer than two pairs.

        Notes
        -----
        A case seen at two waves gives two units that are not independent, so
        by default they are compared as pairs: with ``d_i`` the case's
        difference and ``T+``/``T−`` the sums of the ranks of ``|d_i|`` over
        the positive and negative ``d_i`` (zeros left out),
        ``r = (T+ − T−) / (T+ + T−)``.  rENA's own tests treat units as
        independent; ``paired=False`` gives those.

        References
        ----------
        .. [1] Kerby, D. S. (2014). The simple difference formula: an approach
           to teaching nonparametric correlation. *Comprehensive Psychology*, 3, 11.IT.3.1.

        Examples
        --------
        >>> import qlr
        >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"), rotation=("W3", "W1"))  # sample = qlr.load("data/sample")
        >>> model.compare("W3", "W1")["test"].tolist()
        ['Wilcoxon signed-rank', 'paired t']
        >>> model.compare("W3", "W1", paired=False)["test"].tolist()
        ['Mann-Whitney U', 'Welch t']
        """
        dimension = self.dimensions[0] if dimension is None else check_choice("dimension", dimension, self.dimensions)
        values = self.units[dimension].to_numpy(dtype=float)
        rows_a, rows_b, is_paired, unpaired = self._compared(first, second, paired)
        test = paired_values if is_paired else compare_values
        table = test(values[rows_a], values[rows_b]).assign(dimension=dimension, paired=is_paired, unpaired=unpaired)
        return table[["test", "paired", "n_first", "n_second", "unpaired", *[c for c in table.columns if c not in ("test", "paired", "n_first", "n_second", "unpaired")]]]

    def stanzas(self, code_a: str, code_b: str, *, group: Any = None) -> pd.DataFrame:
        """The stanzas that made a connection, with the quotes behind it.

        Parameters
        ----------
        code_a, code_b : str
            The two codes (or themes) of the connection, in either order.
        group : optional
            Only the stanzas of units in this group.

        Returns
        -------
        DataFrame
            One row per stanza that connected the pair: the unit's columns,
            ``group``, ``doc_id``, ``seg_id`` (the stanza's last segment, whose
            codes made the connection), ``stanza_from`` (its first segment),
            ``seg_a``/``quote_a`` and ``seg_b``/``quote_b`` (the segment of the
            stanza nearest its end that carries each code, and its text).

        Examples
        --------
        >>> import qlr
        >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"))  # sample = qlr.load("data/sample")
        >>> rows = model.stanzas("peer_networks", "reciprocity", group="W3")
        >>> len(rows) > 0 and set(rows["group"]) == {"W3"}
        True
        """
        codes = list(self.nodes["code"])
        for code in (code_a, code_b):
            check_choice("code", code, codes)
        if code_a == code_b:
            raise InvalidParameterError(f"a connection joins two different codes (got {code_a!r} twice)", hint="name two codes of the model")
        a, b = sorted((code_a, code_b), key=codes.index)
        rows = self._stanzas[(self._stanzas["code_a"] == a) & (self._stanzas["code_b"] == b)]
        if group is not None:
            rows = rows[rows["group"] == group]
        return rows.drop(columns=["code_a", "code_b"]).reset_index(drop=True)

    def _summary(self) -> str:
        rotation = self.settings["rotation"]
        how = "SVD" if rotation is None else f"means rotation {rotation[0]} vs {rotation[1]}"
        return f": {len(self.units)} units, {len(self.nodes)} codes, {len(self.connections)} connections, window {self.settings['window']}, {how}"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("Units", self.units.head(20)), ("Nodes", self.nodes), ("Goodness of fit", self.fit)]


# ---------------------------------------------------------------- from a study
def ena(
    study: Study,
    *,
    units: Any = ("case", "wave"),
    groups: str = "wave",
    window: int = 4,
    speakers: str = "participants",
    granularity: str = "theme",
    rotation: tuple[Any, Any] | None = None,
    dimensions: int = 2,
    codebook: Any = None,
) -> ENA:
    """Epistemic Network Analysis of a coded study: one network per unit, all in one space.

    Each document is a conversation: its segments, in order, are the lines
    of talk.  A segment holds a code when a coding that counts as evidence
    (:func:`qlr.evidence.evidence`) is on it.  The stanza of a segment is the
    segment and the ``window − 1`` before it in the same document; every pair
    of codes joining the segment to its stanza is one connection (0 or 1 per
    segment).  A unit's network (its adjacency vector) sums the connections
    of its segments; the vectors are scaled to length one (sphere
    normalisation), centred on their mean and projected onto two (or
    ``dimensions``) axes: the singular vectors (SVD), or with ``rotation``
    a first axis from one group's mean to the other's and SVD for the rest.
    The codes are placed by co-registration, so that each unit's point lies
    near the centroid of its own network; ``fit`` says how near.

    Parameters
    ----------
    study : Study
        A coded study.
    units : str or sequence of str
        The columns whose values make a unit: ``("case", "wave")`` (default),
        or any document, case or case × wave columns (``"stage"``, ``"role"``).
        Documents without a value (field notes of a group) are left out.
    groups : str
        The column whose values are compared (``"wave"`` by default); it must
        take one value per unit.
    window : int
        Segments in a stanza (rENA's default, 4).
    speakers : {"participants", "all"}
        Which turns take a place in a stanza.  ``"participants"`` (default):
        only turns that can be evidence, so an interviewer's question does not
        push a participant's earlier answer out of the window.  ``"all"``:
        interviewer turns take their place too, but carry no codes (a question
        is never evidence).
    granularity : {"theme", "code"}
        Nodes are themes (default; codes folded into their theme, those that
        count against it into ``"<theme> (against)"``,
        :meth:`~qlr.codebook.Codebook.rollup`) or codes.
    rotation : (first, second), optional
        Two values of ``groups``: a means rotation whose first axis (``MR1``)
        points from the second group's mean towards the first's.  None (the
        default): singular value decomposition (``SVD1``, ``SVD2``).
    dimensions : int
        Dimensions kept (at least 2).
    codebook : Codebook or str, optional
        Defaults to the study's only codebook.

    Returns
    -------
    ENA
        Units with their points, the adjacency and normalised networks, the
        nodes, axes, goodness of fit and the stanzas behind each connection.

    Raises
    ------
    qlr.errors.SelectionError
        When no segment of any unit is coded, fewer than three codes (themes) are
        present (two make one connection: a line, not two dimensions), a grouping
        column is unknown or takes several values in one unit, or ``rotation``
        names a group without units.

    Notes
    -----
    With ``P`` the segments × codes presence (0/1) of one conversation and
    ``H`` the presence in the earlier segments of each stanza, segment ``s``
    connects codes ``a < b`` when ``P[s,a]P[s,b] + P[s,a]H[s,b] + H[s,a]P[s,b] > 0``.
    A unit's adjacency vector ``A`` sums its segments' connections;
    ``N = A / ‖A‖``; ``C = N − mean(N)``; points ``C V``, with ``V`` the
    right singular vectors of ``C``, or for a means rotation
    ``w = (mean_first(C) − mean_second(C)) / ‖·‖`` followed by the singular
    vectors of ``C − C w wᵀ``.  Each axis's sign is fixed so that its largest
    loading is positive (the means axis keeps its direction).  Node positions
    solve ``min ‖W X − points‖`` with ``W`` each unit's node weights (half of
    every incident connection of ``N``, scaled to sum 1).  Pair order, window
    and placement are rENA's; results agree with pyena to 1e-6 (see
    ``docs/ena.md``).

    References
    ----------
    .. [1] Shaffer, D. W., Collier, W., & Ruis, A. R. (2016). A tutorial on
       epistemic network analysis. *Journal of Learning Analytics*, 3(3), 9–45.
    .. [2] Bowman, D., Swiecki, Z., Cai, Z., Wang, Y., Eagan, B., Linderoth, J.,
       & Shaffer, D. W. (2021). The mathematical foundations of epistemic
       network analysis. In *Advances in Quantitative Ethnography* (ICQE 2020),
       91–105. Springer.

    Examples
    --------
    >>> import qlr
    >>> carers = sample.copy().apply("coproduction").sel(role="carer")  # sample = qlr.load("data/sample")
    >>> model = qlr.net.ena(carers, rotation=("W3", "W1"))
    >>> model.dimensions
    ['MR1', 'SVD2']
    >>> model.units[["case_id", "wave_id"]].head(2).values.tolist()
    [['C01', 'W1'], ['C01', 'W2']]
    """
    check_number("window", window, minimum=1, integer=True)
    check_number("dimensions", dimensions, minimum=2, integer=True)
    check_choice("speakers", speakers, STANZA_SPEAKERS)
    check_choice("granularity", granularity, ("theme", "code"))
    if rotation is not None and (isinstance(rotation, str) or len(rotation) != 2):
        raise InvalidParameterError(f"rotation={rotation!r} is not a pair of groups", hint="e.g. rotation=('W3', 'W1'), or None for SVD")
    cb = pick_codebook(study, codebook)
    unit_columns = group_columns(units)
    group_column = group_columns(groups)[0]
    rows, presence, node_ids = _stanza_table(study, cb, unit_columns, group_column, speakers=speakers, granularity=granularity)
    connected = stanza_connections(presence, rows["doc_id"].to_numpy(), window=int(window))
    first, second = pair_order(len(node_ids))
    labels = [f"{node_ids[i]} & {node_ids[j]}" for i, j in zip(first, second)]

    unit_number = rows["unit"].to_numpy()
    table = _unit_table(rows, presence, unit_columns, group_column)
    adjacency = np.zeros((len(table), len(labels)))
    np.add.at(adjacency, unit_number, connected)
    normalised = sphere_normalise(adjacency)
    centred = normalised - normalised.mean(axis=0)
    n_dims = min(int(dimensions), max(len(labels), 1))
    if rotation is None:
        axes = svd_axes(centred, dimensions=n_dims)
        names = [f"SVD{d + 1}" for d in range(axes.shape[1])]
    else:
        in_group = [(table["group"] == g).to_numpy(dtype=bool) for g in rotation]
        for g, mask in zip(rotation, in_group):
            if not mask.any():
                known = ", ".join(map(str, pd.unique(table["group"])))
                raise SelectionError(f"rotation names group {g!r}, which has no unit", hint=f"use two of {known}")
        axes = means_axes(centred, *in_group, dimensions=n_dims)
        names = ["MR1", *[f"SVD{d + 2}" for d in range(axes.shape[1] - 1)]]
    points = centred @ axes
    weights = node_weights(normalised, len(node_ids))
    positions = node_positions(weights, points)
    fit = fit_correlations(points, weights @ positions).assign(dimension=names)[["dimension", "pearson", "spearman"]]

    table = pd.concat([table, pd.DataFrame(points, columns=names)], axis=1)
    unit_index = pd.Index(table["unit_label"], name="unit")
    frequency = presence.sum(axis=0)
    nodes = pd.DataFrame({"code": node_ids, "name": list(code_labels(cb, node_ids).values()), "frequency": frequency})
    nodes = pd.concat([nodes, pd.DataFrame(positions, columns=names)], axis=1)
    connections = pd.DataFrame({"connection": labels, "code_a": [node_ids[i] for i in first], "code_b": [node_ids[j] for j in second]})
    stanzas = _stanza_quotes(study, rows, presence, connected, node_ids, unit_columns, window=int(window))
    settings = {"window": int(window), "speakers": speakers, "granularity": granularity, "rotation": None if rotation is None else tuple(rotation), "units": unit_columns, "groups": group_column, "codebook": cb.id}
    return ENA(
        units=table.drop(columns=["unit_label"]),
        adjacency=pd.DataFrame(adjacency, index=unit_index, columns=labels),
        normalised=pd.DataFrame(normalised, index=unit_index, columns=labels),
        nodes=nodes,
        axes=pd.DataFrame(axes, index=pd.Index(labels, name="connection"), columns=names),
        fit=fit,
        connections=connections,
        presence=pd.concat([rows[[*unit_columns, "group", "doc_id", "seg_id"]], pd.DataFrame(presence.astype(int), columns=node_ids)], axis=1),
        stanzas=stanzas,
        settings=settings,
    )


def _stanza_table(study: Study, cb: Any, unit_columns: list[str], group_column: str, *, speakers: str, granularity: str) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """The segments that take a place in stanzas, in conversation order, with their unit number and code presence."""
    context = document_context(study)
    wanted = list(dict.fromkeys([*unit_columns, group_column]))
    unknown = [c for c in wanted if c not in context.columns]
    if unknown:
        raise SelectionError(f"no document, case or case × wave column is called {', '.join(map(repr, unknown))}", hint="use 'case', 'wave', 'stage', 'role' or another column of the manifest")
    segments = study.segments[["seg_id", "doc_id", "position", "start", "end", "speaker_role"]]
    # Each segment's row of the context: its document's, or its speaker's case's in a focus group with no case.
    # A joint voice's turn ("Dai and Kwame:") is in each named case's units.
    segments, whose = each_case(study, segments)
    segments = segments.assign(_context=context_positions(study, context, segments, whose=whose))
    if whose is not None:
        segments = segments.assign(_case=whose["case_id"].astype(str).to_numpy())
    context = context[wanted].assign(_context=np.arange(len(context))).dropna(subset=wanted)
    segments = segments[segments["_context"].isin(context["_context"]).to_numpy(dtype=bool)]
    if speakers == "participants":
        segments = segments[~segments["speaker_role"].isin(list(NOT_EVIDENCE_ROLES)).fillna(False).to_numpy(dtype=bool)]
    order = study_orders(study)
    rows = segments.merge(context, on="_context", how="left").drop(columns="_context")
    rows["_doc_order"] = pd.Index(study.documents["doc_id"]).get_indexer(rows["doc_id"])
    rows = rows.sort_values(["_doc_order", "position"], kind="stable").reset_index(drop=True)
    rows["group"] = rows[group_column]

    coded = codings_in_context(study, cb, need=[])
    coded = coded[coded["code_id"].isin([c.id for c in cb]).to_numpy(dtype=bool)]
    # Theme nodes are the codebook's roll-ups: evidence against a theme is a node apart from it.
    node_of = (lambda code: cb.rollup(code)) if granularity == "theme" else (lambda code: code)
    coded = coded.assign(node=coded["code_id"].map({c.id: node_of(c.id) for c in cb}))
    coded = coded[coded["seg_id"].isin(rows["seg_id"]).to_numpy(dtype=bool)]
    if coded.empty:
        raise SelectionError("no segment of any unit is coded with the codebook's codes", hint="apply the codebook first (study.apply('coproduction')) or check units=")
    # Nodes in codebook order, those never present left out (they would float unplaced).
    present = set(coded["node"])
    node_ids = [n for n in (cb.rollups() if granularity == "theme" else [c.id for c in cb]) if n in present]
    if len(node_ids) < 2:
        raise SelectionError(f"only one code ({', '.join(node_ids)}) is present, so nothing can connect", hint="use granularity='code', or select more of the study")
    if len(node_ids) == 2:
        # One connection: every unit's normalised network is that connection or nothing, a line, not the plane of
        # two dimensions the units, means and figures are placed in (a codebook of two themes).
        raise SelectionError(
            f"only two codes ({', '.join(node_ids)}) are present: one connection, which places the units on a line, not in two dimensions",
            hint="use granularity='code', a codebook with three themes or more, or select more of the study",
        )
    presence = np.zeros((len(rows), len(node_ids)), dtype=bool)
    if rows["seg_id"].duplicated().any():  # a joint voice's turn, a row per case: its codings by segment and case
        where = pd.Index(rows["seg_id"].astype(str) + "\x1f" + rows["_case"]).get_indexer(coded["seg_id"].astype(str) + "\x1f" + coded["case_id"].astype(str))
    else:
        where = pd.Index(rows["seg_id"]).get_indexer(coded["seg_id"])
    presence[where[where >= 0], pd.Index(node_ids).get_indexer(coded["node"])[where >= 0]] = True

    # Units numbered in the study's order (cases and waves as listed), then first appearance.
    keys = rows[unit_columns].astype(object)
    sort_keys = [pd.Series(pd.Index(order[c]).get_indexer(keys[c]), index=keys.index) if c in order else keys[c].astype(str) for c in unit_columns]
    unit_frame = pd.concat(sort_keys, axis=1, keys=unit_columns).assign(**{f"_{c}": keys[c] for c in unit_columns})
    distinct = unit_frame.drop_duplicates(subset=[f"_{c}" for c in unit_columns]).sort_values(unit_columns, kind="stable")
    number = {tuple(r): k for k, r in enumerate(distinct[[f"_{c}" for c in unit_columns]].itertuples(index=False, name=None))}
    rows["unit"] = [number[t] for t in keys.itertuples(index=False, name=None)]
    return rows, presence, node_ids


def _unit_table(rows: pd.DataFrame, presence: np.ndarray, unit_columns: list[str], group_column: str) -> pd.DataFrame:
    """One row per unit number: its columns, group, segments in stanzas and those coded."""
    per_unit = rows.groupby("unit", sort=True)
    groups_per_unit = per_unit[group_column].nunique(dropna=False)
    if (groups_per_unit > 1).any():
        raise SelectionError(f"groups={group_column!r} takes several values within one unit", hint=f"add {group_column!r} to units= or group by a column the units share")
    table = per_unit[list(dict.fromkeys([*unit_columns, group_column]))].first().reset_index(drop=True)
    table = table[unit_columns].assign(group=per_unit[group_column].first().to_numpy())
    table["n_segments"] = per_unit.size().to_numpy()
    table["n_coded"] = np.bincount(rows["unit"].to_numpy(), weights=presence.any(axis=1), minlength=len(table)).astype(int)
    table["unit_label"] = table[unit_columns].astype(str).agg(" ".join, axis=1)
    return table


def _stanza_quotes(study: Study, rows: pd.DataFrame, presence: np.ndarray, connected: np.ndarray, node_ids: list[str], unit_columns: list[str], *, window: int) -> pd.DataFrame:
    """One row per (segment, connection) that connected: the stanza's span and the segment carrying each code."""
    first, second = pair_order(len(node_ids))
    hit_rows, hit_pairs = np.nonzero(connected)
    doc = rows["doc_id"].to_numpy()
    columns = [*unit_columns, "group", "doc_id", "seg_id", "stanza_from", "seg_a", "quote_a", "seg_b", "quote_b", "code_a", "code_b"]
    if not len(hit_rows):
        return pd.DataFrame(columns=columns)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    seg_ids = rows["seg_id"].to_numpy()

    def carrier(row: int, node: int) -> int:
        # The stanza's segment nearest its end that carries the code (the row itself first).
        for k in range(row, max(row - window, -1), -1):
            if doc[k] != doc[row]:
                break
            if presence[k, node]:
                return k
        return row  # unreachable for a connected pair

    # Positions, as doc and seg_ids are read (rows is numbered 0..n-1): a pandas lookup per quote took
    # most of the report's ENA section at 600 cases.
    starts, ends = rows["start"].to_numpy(), rows["end"].to_numpy()

    def quote(k: int) -> str:
        return str(texts[doc[k]][int(starts[k]) : int(ends[k])])

    records = []
    for row, pair in zip(hit_rows, hit_pairs):
        start = row
        while start > row - window + 1 and start > 0 and doc[start - 1] == doc[row]:
            start -= 1
        ka, kb = carrier(row, first[pair]), carrier(row, second[pair])
        records.append((row, seg_ids[start], seg_ids[ka], quote(ka), seg_ids[kb], quote(kb), node_ids[first[pair]], node_ids[second[pair]]))
    found = pd.DataFrame(records, columns=["row", "stanza_from", "seg_a", "quote_a", "seg_b", "quote_b", "code_a", "code_b"])
    context = rows.loc[found["row"], [*unit_columns, "group", "doc_id", "seg_id"]].reset_index(drop=True)
    return pd.concat([context, found.drop(columns=["row"])], axis=1)[columns]
