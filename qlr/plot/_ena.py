"""Figures of an epistemic network model (:func:`qlr.net.ena`): a group's network, two groups' difference, the units."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._figures import _axis_labels
from ._style import LINE_COLOURS, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

# Colour names for titles, so a title can say which colour is which group.
_COLOUR_NAMES = {"#E69F00": "orange", "#56B4E9": "sky blue", "#009E73": "green", "#0072B2": "blue", "#D55E00": "vermilion", "#CC79A7": "purple", "#000000": "black"}


def _group_colour(model: Any, group: Any) -> str:
    """A group's colour by its place among the model's groups, so a wave has one colour in every figure."""
    groups = list(pd.unique(model.units["group"]))
    index = groups.index(group) if group in groups else 0
    return LINE_COLOURS[index % len(LINE_COLOURS)]


def _draw_edges(ax: Axes, model: Any, weights: pd.Series, colours: list[str], *, widest: float = 8.0) -> None:
    """Lines between nodes, width in proportion to the largest weight; the strongest drawn last (on top)."""
    position = model.nodes.set_index("code")[model.dimensions[:2]]
    largest = float(weights.abs().max()) if len(weights) else 0.0
    for k in np.argsort(weights.abs().to_numpy(), kind="stable"):
        value = float(weights.iloc[k])
        if largest == 0 or value == 0:
            continue
        row = model.connections.iloc[k]
        a, b = position.loc[row["code_a"]], position.loc[row["code_b"]]
        ax.plot([a.iloc[0], b.iloc[0]], [a.iloc[1], b.iloc[1]], color=colours[k], linewidth=widest * abs(value) / largest, alpha=0.75, solid_capstyle="round", zorder=1)


def _draw_nodes(ax: Axes, model: Any) -> None:
    position = model.nodes[model.dimensions[:2]].to_numpy()
    sizes = model.nodes["frequency"].to_numpy(dtype=float)
    sizes = 40 + 260 * sizes / max(sizes.max(), 1)
    nodes = ax.scatter(position[:, 0], position[:, 1], s=sizes, color="#000000", zorder=3)
    # A label that would run into one already placed, or onto a marker (a group's mean, another node), takes another
    # place beside its node: theme roll-ups put long names ("Facilitation (against)") beside others, and the sample's
    # "Assets (against)" sat on W1's mean. A place running out of the axes counts as taken too (a label at the edge
    # ran over the tick labels, or off the figure: "Peer networks (against)" of three of the sample's cases). Where
    # every place is taken, the one with the fewest in its way. Measured at the axes' limits as drawn so far.
    ax.get_xlim(), ax.get_ylim()  # settles the autoscaled limits the measurement reads
    markers = _marker_boxes(ax)
    frame = ax.get_window_extent()
    placed: list[Any] = []
    names = _axis_labels([str(name) for name in model.nodes["name"]], width=ENA_LABEL_WIDTH)  # word for word, long ones cut
    for index, ((x, y), name) in enumerate(zip(position, names)):
        others = [box for collection, i, box in markers if not (collection is nodes and i == index)]
        best = None
        for dx, dy, ha in _LABEL_PLACES:
            text = ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, fontsize=8, zorder=4)
            box = text.get_window_extent()  # the figure's own renderer, whatever the canvas (Agg, PDF, SVG, a bare Figure)
            outside = box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1
            in_the_way = sum(box.overlaps(other) for other in placed + others) + int(outside)
            if best is None or in_the_way < best[0]:
                if best is not None:
                    best[1].remove()
                best = (in_the_way, text, box)
            else:
                text.remove()
            if in_the_way == 0:
                break
        placed.append(best[2])


def _marker_boxes(ax: Axes) -> list[tuple[Any, int, Any]]:
    """Each marker drawn on ``ax`` at the nodes' level or above (nodes, groups' means; not the faint units below):
    its collection, its index there and its square in display coordinates."""
    from matplotlib.transforms import Bbox

    boxes = []
    scale = ax.figure.dpi / 72  # a marker's size is its area in points²
    for collection in ax.collections:
        if collection.get_zorder() < 3:
            continue
        sizes = collection.get_sizes()
        for index, point in enumerate(collection.get_offsets()):
            cx, cy = ax.transData.transform(np.asarray(point, dtype=float))
            half = np.sqrt(sizes[index % len(sizes)] if len(sizes) else 36.0) / 2 * scale
            boxes.append((collection, index, Bbox.from_extents(cx - half, cy - half, cx + half, cy + half)))
    return boxes


#: Where a node's label may go, in points from the node, first choice first: above right, below right, above left,
#: below left, then each again further out.
_LABEL_PLACES = ((5, 5, "left"), (5, -12, "left"), (-5, 5, "right"), (-5, -12, "right"), (9, 10, "left"), (9, -18, "left"), (-9, 10, "right"), (-9, -18, "right"))
#: The most characters of a code's name an ENA figure writes beside its node (longer ones lose their middle to "…").
ENA_LABEL_WIDTH = 36


def _label_axes(ax: Axes, model: Any, title: str) -> None:
    first, second = model.dimensions[:2]
    ax.axhline(0, color="#DDDDDD", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#DDDDDD", linewidth=0.8, zorder=0)
    ax.set_xlabel(first)
    ax.set_ylabel(second)
    ax.set_title(title, fontsize=10)


def ena_network(model: Any, *, group: Any = None, ax: Axes | None = None) -> Axes:
    """The mean network of a group of units, drawn on the model's code positions.

    Line width is the group's mean normalised connection weight; node size the
    number of segments coded; the group's units are faint points and its mean
    a square.

    Parameters
    ----------
    model : ENA
        From :func:`qlr.net.ena`.
    group : optional
        A value of the model's ``group`` column (a wave id); all units when None.
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"))  # sample = qlr.load("data/sample")
    >>> ax = qlr.plot.ena_network(model, group="W3")
    >>> ax.get_title()
    'Epistemic network: W3'
    """
    ax = new_axes(ax, size=(5.5, 5.0))
    network = model.network(group)
    colour = LINE_COLOURS[0] if group is None else _group_colour(model, group)
    _draw_edges(ax, model, network["weight"], [colour] * len(network))
    units = model.units if group is None else model.units[model.units["group"] == group]
    points = units[model.dimensions[:2]].to_numpy()
    ax.scatter(points[:, 0], points[:, 1], s=14, color=colour, alpha=0.35, zorder=2)
    ax.scatter([points[:, 0].mean()], [points[:, 1].mean()], marker="s", s=60, color=colour, edgecolor="#000000", zorder=5)
    _draw_nodes(ax, model)
    _label_axes(ax, model, "Epistemic network" + ("" if group is None else f": {group}"))
    return ax


def ena_difference(model: Any, first: Any, second: Any, *, ax: Axes | None = None) -> Axes:
    """Where two groups' networks differ: each connection in the colour of the group in which it is stronger.

    Line width is the size of the difference in mean normalised weight; the
    two groups' means are squares in their colours.

    Parameters
    ----------
    model : ENA
        From :func:`qlr.net.ena`.
    first, second
        Two values of the model's ``group`` column (each in its colour in :func:`ena_units`).
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"), rotation=("W3", "W1"))  # sample = qlr.load("data/sample")
    >>> ax = qlr.plot.ena_difference(model, "W3", "W1")
    >>> ax.get_title()
    'Epistemic networks: W3 (green) − W1 (orange)'
    """
    ax = new_axes(ax, size=(5.5, 5.0))
    weights = model.network(first)["weight"] - model.network(second)["weight"]
    first_colour, second_colour = _group_colour(model, first), _group_colour(model, second)
    _draw_edges(ax, model, weights, [first_colour if w > 0 else second_colour for w in weights])
    for group, colour in ((first, first_colour), (second, second_colour)):
        mean = model.units.loc[model.units["group"] == group, model.dimensions[:2]].mean()
        ax.scatter([mean.iloc[0]], [mean.iloc[1]], marker="s", s=70, color=colour, edgecolor="#000000", zorder=5, label=str(group))
    _draw_nodes(ax, model)
    ax.legend(fontsize=8, loc="best")
    names = (_COLOUR_NAMES.get(first_colour, first_colour), _COLOUR_NAMES.get(second_colour, second_colour))
    _label_axes(ax, model, f"Epistemic networks: {first} ({names[0]}) − {second} ({names[1]})")
    return ax


def ena_units(model: Any, *, groups: list[Any] | None = None, confidence: float = 0.95, ax: Axes | None = None) -> Axes:
    """The units as points, one colour per group, with each group's mean and its confidence interval on both axes.

    Parameters
    ----------
    model : ENA
        From :func:`qlr.net.ena`.
    groups : list, optional
        Which groups, in which order (default: all, in the order of the units).
    confidence : float
        The confidence level of the intervals (t distribution, per axis).
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> model = qlr.net.ena(sample.copy().apply("coproduction").sel(role="carer"))  # sample = qlr.load("data/sample")
    >>> ax = qlr.plot.ena_units(model)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['W1', 'W2', 'W3']
    """
    from scipy import stats

    from .._check import check_number

    check_number("confidence", confidence, minimum=0, maximum=1)
    ax = new_axes(ax, size=(5.5, 5.0))
    groups = list(pd.unique(model.units["group"])) if groups is None else list(groups)
    dims = model.dimensions[:2]
    for group in groups:
        colour = _group_colour(model, group)
        points = model.units.loc[model.units["group"] == group, dims].to_numpy(dtype=float)
        ax.scatter(points[:, 0], points[:, 1], s=18, color=colour, alpha=0.5, zorder=2)
        mean = points.mean(axis=0)
        n = len(points)
        half = stats.t.ppf(0.5 + confidence / 2, n - 1) * points.std(axis=0, ddof=1) / np.sqrt(n) if n > 1 else np.zeros(2)
        ax.errorbar([mean[0]], [mean[1]], xerr=[half[0]], yerr=[half[1]], fmt="s", color=colour, markeredgecolor="#000000", markersize=7, capsize=4, zorder=5, label=str(group))
    ax.legend(fontsize=8, loc="best")
    _label_axes(ax, model, f"Units and group means ({confidence:.0%} confidence intervals)")
    return ax
