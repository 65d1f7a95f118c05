"""Code co-occurrence networks, one per wave."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from .._check import renamed_keywords
from ..codebook._display import code_labels
from ..errors import SelectionError
from ..evidence import group_columns, pick_codebook
from ..track._evidence import codings_in_context

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["cooccurrence", "WINDOWS", "WEIGHTS"]

#: What two codes must share to co-occur.
WINDOWS = ("segment", "document", "case")
WEIGHTS = ("count", "jaccard", "cosine", "association")


@renamed_keywords(unit="window", level="granularity")
def cooccurrence(
    study: Study,
    *,
    by: str | None = "wave",
    window: str = "segment",
    weight: str = "count",
    granularity: str = "code",
    min_count: int = 1,
    codebook: Any = None,
    summaries: bool | None = None,
) -> dict[Any, nx.Graph]:
    """Networks of codes that occur together, one per wave (or per value of ``by``).

    Two codes co-occur when both are applied within the same *window*: a segment,
    a document, or a case at a wave.  With ``n_a`` the number of windows holding
    code ``a``, ``n_ab`` the number holding both and ``N`` the number of windows,
    the edge weight is

    ``count``        ``n_ab``
    ``jaccard``      ``n_ab / (n_a + n_b − n_ab)``
    ``cosine``       ``n_ab / √(n_a · n_b)`` (Salton's cosine)
    ``association``  ``N · n_ab / (n_a · n_b)`` (association strength, the ratio of
                     observed to expected co-occurrence; 1 means independence)

    Every edge also carries ``count`` (``n_ab``).  Nodes carry ``theme``, ``name``,
    ``frequency`` (``n_a``) and ``colour`` (from the codebook).

    The graph's ``units`` attribute is ``N``.

    Parameters
    ----------
    study : Study
        The coded study.
    by : str or None
        ``"wave"`` (default), any document or case column (``"stage"``, ``"role"``),
        or None for one network.
    window : {"segment", "document", "case"}
        What two codes must share to co-occur: a segment, a document, or a case
        at a wave.  (Formerly ``unit=``, which still works with a warning.)
    weight : {"count", "jaccard", "cosine", "association"}
        The edge weight (above).
    granularity : {"code", "theme"}
        Nodes are codes, or themes (codes folded into their theme; a theme's
        codes that count against it into a node of their own, ``"<theme>
        (against)"``, :meth:`~qlr.codebook.Codebook.rollup`).  (Formerly
        ``level=``, which still works with a warning.)
    min_count : int
        Leave out edges with fewer co-occurrences.
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or
        path; defaults to the study's only codebook.
    summaries : bool, optional
        Count the codings in the team's summaries of interviews, or not (:func:`qlr.track.matrix`'s ``summaries``);
        by default as the codebook's ladder counts them (not at its ``summary_weight`` 0, the default).

    Returns
    -------
    dict
        ``{wave_id: networkx.Graph}`` in wave order (``{None: graph}`` with ``by=None``).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> graphs = qlr.net.cooccurrence(study, granularity="theme")
    >>> list(graphs)
    ['W1', 'W2', 'W3']
    >>> graphs["W3"].has_edge("peer_networks", "reciprocity")
    True
    """
    from .._check import check_choice

    check_choice("window", window, WINDOWS)
    check_choice("weight", weight, WEIGHTS)
    check_choice("granularity", granularity, ("code", "theme"))
    cb = pick_codebook(study, codebook)
    keys = group_columns(by)
    coded = codings_in_context(study, cb, need=keys, summaries=summaries)
    coded = coded[coded["code_id"].isin([c.id for c in cb])]
    node_column = "code_id"
    if granularity == "theme":
        coded = coded.assign(theme=coded["code_id"].map({c.id: cb.rollup(c.id) for c in cb}))
        node_column = "theme"
    unit_columns = {"segment": ["seg_id"], "document": ["doc_id"], "case": ["case_id", "wave_id"]}[window]
    if window == "case":
        coded = coded.dropna(subset=["case_id"])
    missing = [k for k in keys if k not in coded.columns]
    if missing:
        raise SelectionError(f"cannot group by {', '.join(missing)}", hint="use by='wave', a document column, a case column, or None")
    pairs = coded[list(dict.fromkeys([*keys, *unit_columns, node_column]))].drop_duplicates()

    wave_order = list(study.waves["wave_id"]) if keys == ["wave_id"] else None
    groups = pairs.groupby(keys, sort=False) if keys else [((None,), pairs)]
    graphs: dict[Any, nx.Graph] = {}
    for key, part in groups:
        key = key[0] if isinstance(key, tuple) and len(key) == 1 else key
        graphs[key] = _graph(part, unit_columns, node_column, weight, min_count, cb, granularity)
    if wave_order is not None:
        for wave in wave_order:
            graphs.setdefault(wave, _graph(pairs.iloc[0:0], unit_columns, node_column, weight, min_count, cb, granularity))
        graphs = {wave: graphs[wave] for wave in wave_order if wave in graphs} | {k: v for k, v in graphs.items() if k not in wave_order}
    return graphs


def _graph(part: pd.DataFrame, unit_columns: list[str], node_column: str, weight: str, min_count: int, cb: Any, granularity: str) -> nx.Graph:
    graph = nx.Graph()
    units = part.groupby(unit_columns, sort=False)[node_column].agg(lambda s: sorted(set(s)))
    n_units = len(units)
    frequency: dict[str, int] = {}
    together: dict[tuple[str, str], int] = {}
    for nodes in units:
        for i, a in enumerate(nodes):
            frequency[a] = frequency.get(a, 0) + 1
            for b in nodes[i + 1 :]:
                together[(a, b)] = together.get((a, b), 0) + 1
    # Named as every figure names a code (Codebook.labels): its name, its path where names repeat.
    shown_as = code_labels(cb, list(frequency))
    for node, count in sorted(frequency.items()):
        # A theme node is a roll-up (Codebook.rollup): "power" or "power (against)", named and coloured by its theme.
        theme = cb.theme_of_rollup(node) if granularity == "theme" else cb.theme_of(node)
        name = shown_as[node]
        graph.add_node(node, name=name, theme=theme, frequency=count, colour=cb.colour_of(theme if granularity == "theme" else node) or "#999999")
    for (a, b), n_ab in sorted(together.items()):
        if n_ab < min_count:
            continue
        n_a, n_b = frequency[a], frequency[b]
        if weight == "count":
            value = float(n_ab)
        elif weight == "jaccard":
            value = n_ab / (n_a + n_b - n_ab)
        elif weight == "cosine":
            value = n_ab / math.sqrt(n_a * n_b)
        else:
            value = n_units * n_ab / (n_a * n_b)
        graph.add_edge(a, b, weight=value, count=n_ab)
    graph.graph.update(units=n_units, weight=weight)
    return graph
