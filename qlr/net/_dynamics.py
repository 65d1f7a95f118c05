"""How networks change from wave to wave, and export for Gephi."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._display import ResultDisplay
from ..errors import SelectionError

__all__ = ["dynamics", "Dynamics", "ego", "write_graphs", "COMPOSITION"]

#: How actor roles fold into the composition of an ego network.
COMPOSITION = {
    "carer": "peers",
    "participant": "peers",
    "peer_group": "peers",
    "key_personnel": "professionals",
    "staff": "professionals",
    "partner": "professionals",
    "stakeholder": "professionals",
    "project": "professionals",
    "family": "family",
    "employer": "employers",
}


class Dynamics(ResultDisplay):
    """Network change: per-wave measures, wave-to-wave turnover, and ego networks.

    Attributes
    ----------
    waves : DataFrame
        One row per graph: ``nodes``, ``ties``, ``density``, ``reciprocity``,
        ``components``, ``mean_degree``, ``centralisation``.
    turnover : DataFrame
        One row per consecutive pair: ``kept``, ``new``, ``lost`` ties and their
        ``jaccard`` (kept / all ties of either wave).
    egos : DataFrame
        One row per node and wave: ``size`` (distinct neighbours), ``given`` and
        ``received`` (ties out and in), ``balance`` (``given − received``), and the
        neighbours' composition: ``peers``, ``professionals``, ``family``, ``employers``, ``other``.

    Build one with :func:`qlr.net.dynamics`.

    Examples
    --------
    >>> import networkx as nx, qlr
    >>> g1 = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> g2 = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> d = qlr.net.dynamics({"W1": g1, "W2": g2})
    >>> d
    <Dynamics: 2 waves, 5 ego rows>
    >>> d.waves["ties"].tolist(), round(float(d.turnover.loc[0, "jaccard"]), 3)
    ([2, 2], 0.333)
    >>> d.egos.set_index(["wave", "node"]).loc[("W2", "a"), ["size", "given", "received"]].tolist()
    [2, 2, 0]
    """

    def __init__(self, waves: pd.DataFrame, turnover: pd.DataFrame, egos: pd.DataFrame) -> None:
        self.waves, self.turnover, self.egos = waves, turnover, egos

    def _summary(self) -> str:
        return f": {len(self.waves)} waves, {len(self.egos)} ego rows"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("Per wave", self.waves.round(3)), ("Turnover", self.turnover.round(3))]


def _centralisation(graph: nx.Graph) -> float:
    """Freeman degree centralisation on the undirected view: Σ(max − d_i) / ((n − 1)(n − 2))."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    n = undirected.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in undirected.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def _ties(graph: nx.Graph) -> set[tuple[Any, Any]]:
    if graph.is_directed():
        return set(graph.edges())
    return {tuple(sorted(edge)) for edge in graph.edges()}


def ego(graph: nx.Graph, node: Any) -> dict[str, Any]:
    """Size, support given and received, and composition of one node's ego network.

    In a directed graph ``given`` is the out-degree and ``received`` the in-degree;
    in an undirected one both are the degree.  The neighbours are counted by
    their ``role`` attribute, folded by :data:`COMPOSITION` (others are ``other``).
    A node not in the graph has an empty ego network (all zeros).

    Examples
    --------
    >>> import networkx as nx, qlr
    >>> g = nx.DiGraph()
    >>> g.add_nodes_from([("C01", {"role": "carer"}), ("C10", {"role": "carer"}),
    ...                   ("joan", {"role": "key_personnel"}), ("boss", {"role": "employer"})])
    >>> g.add_edges_from([("C01", "C10"), ("C10", "C01"), ("C01", "joan"), ("boss", "C01")])
    >>> qlr.net.ego(g, "C01")
    {'size': 3, 'given': 2, 'received': 2, 'balance': 0, 'peers': 1, 'professionals': 1, 'family': 0, 'employers': 1, 'other': 0}
    >>> qlr.net.ego(g, "C99")["size"]
    0
    """
    if node not in graph:
        return {"size": 0, "given": 0, "received": 0, "balance": 0, "peers": 0, "professionals": 0, "family": 0, "employers": 0, "other": 0}
    if graph.is_directed():
        given, received = graph.out_degree(node), graph.in_degree(node)
        neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
    else:
        given = received = graph.degree(node)
        neighbours = set(graph.neighbors(node))
    counts = {"peers": 0, "professionals": 0, "family": 0, "employers": 0, "other": 0}
    for other in neighbours:
        role = graph.nodes[other].get("role", "")
        counts[COMPOSITION.get(role, "other")] += 1
    return {"size": len(neighbours), "given": given, "received": received, "balance": given - received, **counts}


def dynamics(graphs: dict[Any, nx.Graph]) -> Dynamics:
    """Measures of each graph and of the change between consecutive ones.

    Per graph: ``density`` (networkx: ties / possible ties), ``reciprocity``
    (share of directed ties whose reverse also exists; NaN for undirected
    graphs), ``components`` (weakly connected for directed graphs), ``mean_degree``
    (``2·ties / nodes`` undirected, ``ties / nodes`` directed, i.e. mean out-degree),
    ``centralisation`` (Freeman degree centralisation of the undirected view).
    Between consecutive graphs: ``kept`` = ties in both, ``new`` = only in the
    later, ``lost`` = only in the earlier, ``jaccard = kept / (kept + new + lost)``.

    Examples
    --------
    >>> import networkx as nx, qlr
    >>> g1 = nx.DiGraph([("a", "b"), ("b", "a")]); g2 = nx.DiGraph([("a", "b"), ("a", "c")])
    >>> d = qlr.net.dynamics({"W1": g1, "W2": g2})
    >>> float(d.waves.loc["W1", "reciprocity"]), [int(v) for v in d.turnover.iloc[0][["kept", "new", "lost"]]]
    (1.0, [1, 1, 1])
    """
    if not graphs:
        raise SelectionError("no graphs to compare", hint="pass the dict that qlr.net.actors or cooccurrence returns")
    rows = []
    for key, graph in graphs.items():
        n, m = graph.number_of_nodes(), graph.number_of_edges()
        directed = graph.is_directed()
        rows.append(
            {
                "wave": key,
                "nodes": n,
                "ties": m,
                "density": nx.density(graph) if n > 1 else 0.0,
                "reciprocity": (nx.overall_reciprocity(graph) if m else 0.0) if directed else float("nan"),
                "components": (nx.number_weakly_connected_components(graph) if directed else nx.number_connected_components(graph)) if n else 0,
                "mean_degree": (m / n if directed else 2 * m / n) if n else 0.0,
                "centralisation": _centralisation(graph),
            }
        )
    waves = pd.DataFrame(rows).set_index("wave")
    keys = list(graphs)
    turnover = []
    for first, second in zip(keys, keys[1:]):
        a, b = _ties(graphs[first]), _ties(graphs[second])
        kept, new, lost = len(a & b), len(b - a), len(a - b)
        total = kept + new + lost
        turnover.append({"from": first, "to": second, "kept": kept, "new": new, "lost": lost, "jaccard": kept / total if total else float("nan")})
    egos = []
    for key, graph in graphs.items():
        for node in sorted(graph.nodes, key=str):
            egos.append({"wave": key, "node": node, "name": graph.nodes[node].get("name", node), "role": graph.nodes[node].get("role", ""), **ego(graph, node)})
    return Dynamics(waves, pd.DataFrame(turnover, columns=["from", "to", "kept", "new", "lost", "jaccard"]), pd.DataFrame(egos))


def _plain(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold (lists become '; '-joined text)."""
    copy = graph.copy()
    for _, data in copy.nodes(data=True):
        for key, value in list(data.items()):
            if isinstance(value, (list, tuple, set)):
                data[key] = "; ".join(map(str, value))
    for *_, data in copy.edges(data=True):
        for key, value in list(data.items()):
            if isinstance(value, (list, tuple, set)):
                data[key] = "; ".join(map(str, value))
    return copy


def write_graphs(graphs: dict[Any, nx.Graph], folder: str | os.PathLike[str], *, prefix: str = "network", formats: tuple[str, ...] = ("graphml", "gexf")) -> list[Path]:
    """Write each graph as GraphML and GEXF (for Gephi): ``{prefix}_{wave}.graphml`` etc.

    Examples
    --------
    >>> import networkx as nx, qlr, tempfile
    >>> paths = qlr.net.write_graphs({"W1": nx.Graph([("a", "b")])}, tempfile.mkdtemp())
    >>> sorted(p.suffix for p in paths)
    ['.gexf', '.graphml']
    """
    from .._atomic import atomic_path
    from .._check import check_choice

    for fmt in formats:  # before writing anything
        check_choice("formats", fmt, ("graphml", "gexf"))
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for key, graph in graphs.items():
        plain = _plain(graph)
        for fmt in formats:
            path = target / f"{prefix}_{key}.{fmt}"
            with atomic_path(path) as temporary:
                (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(plain, temporary)
            written.append(path)
    return written
