"""How networks change from wave to wave, and export for Gephi."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._display import ResultDisplay
from ..errors import SelectionError

__all__ = ["dynamics", "Dynamics", "ego", "write_graphs"]

#: The measures of an ego network; the composition columns follow them.
_EGO_MEASURES = ("size", "given", "received", "balance")


class Dynamics(ResultDisplay):
    """Network change: per-wave measures, wave-to-wave turnover, and ego networks.

    Build one with :func:`qlr.net.dynamics`.

    Parameters
    ----------
    waves : DataFrame
        One row per graph: ``nodes``, ``ties``, ``density``, ``reciprocity``,
        ``components``, ``mean_degree``, ``centralisation``.
    turnover : DataFrame
        One row per consecutive pair: ``kept``, ``new``, ``lost`` ties and their
        ``jaccard`` (kept / all ties of either wave).
    egos : DataFrame
        One row per node and wave: ``size`` (distinct neighbours), ``given`` and
        ``received`` (ties out and in), ``balance`` (``given − received``), then
        the neighbours' composition, one column per category (see :func:`ego`).

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


def _categories(graphs: list[nx.Graph], composition: Mapping[str, str] | None) -> list[str]:
    """The composition columns: the categories in first-mention order (or the roles, sorted), then ``other``."""
    if composition is not None:
        named = list(dict.fromkeys(composition.values()))
    else:
        named = sorted({str(data.get("role") or "") for graph in graphs for _, data in graph.nodes(data=True)} - {""})
    return [category for category in named if category not in _EGO_MEASURES and category != "other"] + ["other"]


def _ego(graph: nx.Graph, node: Any, composition: Mapping[str, str] | None, categories: list[str]) -> dict[str, Any]:
    counts = dict.fromkeys(categories, 0)
    if node not in graph:
        return {"size": 0, "given": 0, "received": 0, "balance": 0, **counts}
    if graph.is_directed():
        given, received = graph.out_degree(node), graph.in_degree(node)
        neighbours = set(graph.successors(node)) | set(graph.predecessors(node))
    else:
        given = received = graph.degree(node)
        neighbours = set(graph.neighbors(node))
    for other in neighbours:
        role = str(graph.nodes[other].get("role") or "")
        category = composition.get(role, "other") if composition is not None else role
        counts[category if category in counts else "other"] += 1
    return {"size": len(neighbours), "given": given, "received": received, "balance": given - received, **counts}


def ego(graph: nx.Graph, node: Any, *, composition: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Size, support given and received, and composition of one node's ego network.

    In a directed graph ``given`` is the out-degree and ``received`` the in-degree;
    in an undirected one both are the degree.  The neighbours are counted by
    their ``role`` attribute: by role itself, or folded into the categories of
    ``composition``.  A node not in the graph has an empty ego network (all zeros).

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A network whose nodes may carry a ``role`` (as :func:`actors` gives them).
    node : hashable
        The ego.
    composition : mapping of str to str, optional
        Role → category (``{"carer": "peers", "employer": "employers"}``); roles
        it leaves out count as ``other``.  By default each role is its own
        category and nodes without a role count as ``other``.

    Returns
    -------
    dict
        ``size`` (distinct neighbours), ``given``, ``received``, ``balance``
        (``given − received``), then one count per category (the categories in
        the order ``composition`` first names them, else the graph's roles
        sorted), then ``other``.

    Examples
    --------
    >>> import networkx as nx, qlr
    >>> g = nx.DiGraph()
    >>> g.add_nodes_from([("C01", {"role": "carer"}), ("C10", {"role": "carer"}),
    ...                   ("joan", {"role": "key_personnel"}), ("boss", {"role": "employer"})])
    >>> g.add_edges_from([("C01", "C10"), ("C10", "C01"), ("C01", "joan"), ("boss", "C01")])
    >>> qlr.net.ego(g, "C01")
    {'size': 3, 'given': 2, 'received': 2, 'balance': 0, 'carer': 1, 'employer': 1, 'key_personnel': 1, 'other': 0}
    >>> qlr.net.ego(g, "C01", composition={"carer": "peers", "key_personnel": "professionals"})
    {'size': 3, 'given': 2, 'received': 2, 'balance': 0, 'peers': 1, 'professionals': 1, 'other': 1}
    >>> qlr.net.ego(g, "C99")["size"]
    0
    """
    return _ego(graph, node, composition, _categories([graph], composition))


def dynamics(graphs: dict[Any, nx.Graph], *, composition: Mapping[str, str] | None = None) -> Dynamics:
    """Measures of each graph and of the change between consecutive ones.

    Per graph: ``density`` (networkx: ties / possible ties), ``reciprocity``
    (share of directed ties whose reverse also exists; NaN for undirected
    graphs), ``components`` (weakly connected for directed graphs), ``mean_degree``
    (``2·ties / nodes`` undirected, ``ties / nodes`` directed, i.e. mean out-degree),
    ``centralisation`` (Freeman degree centralisation of the undirected view).
    Between consecutive graphs: ``kept`` = ties in both, ``new`` = only in the
    later, ``lost`` = only in the earlier, ``jaccard = kept / (kept + new + lost)``.
    Per node and graph: its ego network (:func:`ego`).

    Parameters
    ----------
    graphs : dict
        ``{wave: graph}``, as :func:`actors` or :func:`cooccurrence` return.
    composition : mapping of str to str, optional
        Role → category for the ego networks' composition (see :func:`ego`); by
        default each role is its own column, the same columns for every wave.

    Returns
    -------
    Dynamics
        ``waves``, ``turnover`` and ``egos`` tables.

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
    categories = _categories(list(graphs.values()), composition)  # one set of columns for every wave
    egos = []
    for key, graph in graphs.items():
        for node in sorted(graph.nodes, key=str):
            data = graph.nodes[node]
            egos.append({"wave": key, "node": node, "name": data.get("name", node), "role": data.get("role", ""), **_ego(graph, node, composition, categories)})
    columns = ["wave", "node", "name", "role", *_EGO_MEASURES, *categories]
    return Dynamics(waves, pd.DataFrame(turnover, columns=["from", "to", "kept", "new", "lost", "jaccard"]), pd.DataFrame(egos, columns=columns))


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

    List-valued attributes (a tie's codes and evidence) are written as
    ``"; "``-joined text, which both formats can hold.

    Parameters
    ----------
    graphs : dict
        ``{wave: graph}``, as :func:`actors` or :func:`cooccurrence` return.
    folder : str or PathLike
        Where to write (created if missing).
    prefix : str
        The start of each file name.
    formats : tuple of str
        Any of ``"graphml"`` and ``"gexf"``.

    Returns
    -------
    list of Path
        The files written, graph by graph.

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
