"""Types of trajectory: clustering sequence distances, the number of clusters by silhouette width, medoid cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._display import ResultDisplay
from ..errors import SelectionError

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study
    from ._placements import Placements
    from ._portrait import Portrait

__all__ = ["SequenceClusters", "sequence_clusters", "silhouette_widths", "CLUSTER_METHODS"]

#: How :func:`sequence_clusters` groups the cases.
CLUSTER_METHODS = ("ward", "average", "pam")


class SequenceClusters(ResultDisplay):
    """Cases grouped into trajectory types, with the silhouette that chose their number and each type's medoid.

    Build one with :func:`qlr.track.sequence_clusters`.

    Parameters
    ----------
    table : DataFrame
        One row per case: ``case_id``, ``cluster`` (1, 2, … in the order the
        types first appear among the cases), ``silhouette`` (the case's width)
        and ``medoid`` (True for the case that represents its type).
    medoids : DataFrame
        One row per type: ``cluster``, ``case_id`` of its medoid, ``size``,
        ``silhouette`` (the type's mean width).
    silhouettes : DataFrame
        ``k`` and ``silhouette`` (average width) for every number of clusters tried.
    method : str
        The clustering method.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> d = pd.DataFrame([[0, 1, 5, 5], [1, 0, 5, 5], [5, 5, 0, 1], [5, 5, 1, 0]], index=list("ABCD"), columns=list("ABCD"))
    >>> types = qlr.track.sequence_clusters(d)
    >>> types
    <SequenceClusters ward: 2 types of 4 cases (average silhouette 0.8)>
    >>> types.table["cluster"].tolist(), types.medoids["case_id"].tolist()
    ([1, 1, 2, 2], ['A', 'C'])
    """

    def __init__(self, table: pd.DataFrame, medoids: pd.DataFrame, silhouettes: pd.DataFrame, *, method: str) -> None:
        self.table = table
        self.medoids = medoids
        self.silhouettes = silhouettes
        self.method = method

    @property
    def k(self) -> int:
        """The number of types."""
        return len(self.medoids)

    @property
    def silhouette(self) -> float:
        """The average silhouette width of the chosen clustering."""
        return float(self.table["silhouette"].mean())

    def portraits(self, study: Study, *, placements: Placements | None = None, codebook: Any = None, facet: str | None = None) -> dict[int, Portrait]:
        """Each type's example: the pen portrait of its medoid case.

        Parameters
        ----------
        study : Study
            The coded study the clustered sequences came from.
        placements : Placements, optional
            The placements the sequences were made from, so the portraits show
            the same levels (and are not placed again).
        codebook : Codebook or str, optional
            Defaults to the study's only codebook.
        facet : str, optional
            The facet the types were made on: the portraits' "Where they stood"
            then shows that facet only (all facets by default).

        Returns
        -------
        dict of int to Portrait
            Type number → :class:`qlr.track.Portrait` of its medoid, in type order.

        Raises
        ------
        qlr.errors.SelectionError
            When a medoid is not a case of ``study``.

        Examples
        --------
        >>> import qlr
        >>> carers = sample.copy().apply("coproduction").sel(role="carer")  # sample = qlr.load("data/sample")
        >>> placed = qlr.track.ladder(carers, facet="delivery")
        >>> types = qlr.track.sequence_clusters(qlr.track.sequence_distances(qlr.track.sequences(placed), kind="changes"))
        >>> examples = types.portraits(carers, placements=placed, facet="delivery")
        >>> list(examples) == types.medoids["cluster"].tolist()
        True
        >>> examples[1].case_id == types.medoids["case_id"].iloc[0]
        True
        """
        from ._portrait import portrait

        return {int(row.cluster): portrait(study, row.case_id, codebook=codebook, facet=facet, placements=placements) for row in self.medoids.itertuples()}

    def _summary(self) -> str:
        return f" {self.method}: {self.k} types of {len(self.table)} cases (average silhouette {self.silhouette:.2g})"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("Types and their medoids", self.medoids), ("Cases", self.table), ("Silhouette by number of types", self.silhouettes)]


def silhouette_widths(distances: pd.DataFrame, labels: list[Any] | np.ndarray) -> np.ndarray:
    """Each case's silhouette width, ``s(i) = (b(i) - a(i)) / max(a(i), b(i))``.

    ``a(i)`` is the case's mean distance to the other cases of its cluster,
    ``b(i)`` the smallest mean distance to the cases of another cluster
    (Rousseeuw 1987); a case alone in its cluster has width 0.

    Parameters
    ----------
    distances : DataFrame
        Cases × cases, as :func:`qlr.track.sequence_distances` gives.
    labels : list or array
        Each case's cluster, in the order of ``distances``.

    Returns
    -------
    ndarray
        One width per case, between -1 and 1.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> d = pd.DataFrame([[0, 1, 4], [1, 0, 2], [4, 2, 0]], index=list("ABC"), columns=list("ABC"))
    >>> qlr.track.silhouette_widths(d, [1, 1, 2]).round(3).tolist()
    [0.75, 0.5, 0.0]
    """
    matrix = distances.to_numpy(dtype=float)
    labels = np.asarray(labels)
    widths = np.zeros(len(labels))
    if len(np.unique(labels)) < 2:
        return widths  # one cluster: nothing to be nearer to
    for i, label in enumerate(labels):
        same = (labels == label) & (np.arange(len(labels)) != i)
        if not same.any():
            continue
        within = matrix[i, same].mean()
        between = min(matrix[i, labels == other].mean() for other in np.unique(labels) if other != label)
        largest = max(within, between)
        widths[i] = (between - within) / largest if largest > 0 else 0.0
    return widths


def _hierarchical(matrix: np.ndarray, k: int, method: str) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    tree = linkage(squareform(matrix, checks=False), method=method)
    return fcluster(tree, t=k, criterion="maxclust")


def _pam(matrix: np.ndarray, k: int) -> np.ndarray:
    """Partitioning around medoids (Kaufman & Rousseeuw 1990): greedy BUILD, then SWAP while the total distance falls."""
    n = len(matrix)
    medoids = [int(matrix.sum(axis=1).argmin())]
    while len(medoids) < k:
        nearest = matrix[:, medoids].min(axis=1)
        gains = [np.maximum(nearest - matrix[:, c], 0).sum() if c not in medoids else -1.0 for c in range(n)]
        medoids.append(int(np.argmax(gains)))
    best = matrix[:, medoids].min(axis=1).sum()
    improved = True
    while improved:
        improved = False
        for slot in range(k):
            for candidate in range(n):
                if candidate in medoids:
                    continue
                trial = [*medoids[:slot], candidate, *medoids[slot + 1 :]]
                total = matrix[:, trial].min(axis=1).sum()
                if total < best - 1e-12:
                    medoids, best, improved = trial, total, True
    return matrix[:, medoids].argmin(axis=1) + 1


def _in_order_of_appearance(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters 1, 2, … as they first appear, so the numbering does not depend on the algorithm's."""
    order = {label: number for number, label in enumerate(dict.fromkeys(labels.tolist()), start=1)}
    return np.array([order[label] for label in labels.tolist()])


def sequence_clusters(distances: pd.DataFrame, *, method: str = "ward", k: int | None = None, k_max: int = 6) -> SequenceClusters:
    """Group cases into trajectory types from their sequence distances.

    ``ward`` and ``average`` are hierarchical (SciPy's ``linkage``; Ward on a
    distance that is not Euclidean is the usual practice in sequence analysis,
    as TraMineR users run it); ``pam`` is partitioning around medoids,
    written here (BUILD and SWAP) because it is short, exact for the few dozen
    cases a qualitative panel has, and needs no extra package.  Without
    ``k``, every number of types from 2 to ``k_max`` is tried and the one with
    the largest average silhouette width (:func:`silhouette_widths`) is kept,
    the smaller on a tie.  Each type's medoid is its case with the smallest
    total distance to the others of the type (the first in case order on a
    tie): read its pen portrait (:func:`qlr.track.portrait`) as the type's example.

    Parameters
    ----------
    distances : DataFrame
        Cases × cases, from :func:`qlr.track.sequence_distances`.
    method : {"ward", "average", "pam"}
    k : int, optional
        The number of types; chosen by silhouette width when omitted.
    k_max : int
        The largest number of types tried (at most one less than the cases).

    Returns
    -------
    SequenceClusters
        ``.table`` (case, type, silhouette, medoid), ``.medoids``, ``.silhouettes``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> seqs = qlr.track.sequences(qlr.track.ladder(study.sel(role="carer"), facet="delivery"))
    >>> types = qlr.track.sequence_clusters(qlr.track.sequence_distances(seqs, kind="changes"))
    >>> types.k >= 2 and set(types.medoids["case_id"]) <= set(types.table["case_id"])
    True
    """
    from .._check import check_choice, check_number

    check_choice("method", method, CLUSTER_METHODS)
    check_number("k_max", k_max, minimum=2, integer=True)
    matrix = distances.to_numpy(dtype=float)
    cases = list(distances.index)
    n = len(cases)
    if n < 3:
        raise SelectionError(f"{n} cases are too few to cluster", hint="cluster at least three cases")
    if k is not None:
        check_number("k", k, minimum=1, maximum=n, integer=True)
    if not np.allclose(matrix, matrix.T):
        raise SelectionError("these distances are not symmetric", hint="pass the table qlr.track.sequence_distances returns")

    def labels_for(count: int) -> np.ndarray:
        raw = _pam(matrix, count) if method == "pam" else _hierarchical(matrix, count, method)
        return _in_order_of_appearance(np.asarray(raw))

    tried = []
    for count in range(2, min(k_max, n - 1) + 1):
        labels = labels_for(count)
        tried.append({"k": count, "silhouette": float(silhouette_widths(distances, labels).mean())})
    silhouettes = pd.DataFrame(tried, columns=["k", "silhouette"])
    chosen = k if k is not None else int(silhouettes.loc[silhouettes["silhouette"].idxmax(), "k"])
    labels = labels_for(chosen)
    widths = silhouette_widths(distances, labels)
    medoid_rows, is_medoid = [], np.zeros(n, dtype=bool)
    for cluster in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == cluster)
        totals = matrix[np.ix_(members, members)].sum(axis=1)
        medoid = members[int(totals.argmin())]
        is_medoid[medoid] = True
        medoid_rows.append({"cluster": cluster, "case_id": cases[medoid], "size": len(members), "silhouette": float(widths[members].mean())})
    table = pd.DataFrame({"case_id": cases, "cluster": labels, "silhouette": widths, "medoid": is_medoid})
    return SequenceClusters(table, pd.DataFrame(medoid_rows), silhouettes, method=method)
