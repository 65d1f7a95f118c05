"""Figures of trajectory sequences: the state distribution over waves, the index plot by type, entropy across waves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._display import ATTRITION_COLOURS
from ._style import COVERAGE_STYLE, OKABE_ITO, new_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..track import SequenceClusters, Sequences

__all__ = ["sequence_distribution", "sequence_index", "sequence_entropy"]

_INSUFFICIENT_COLOUR = "#888888"


def _state_colours(alphabet: list[str]) -> dict[str, str]:
    """Levels light to dark green, changes brown (down) to pale grey (none) to teal (up): hues the attrition states (the study display's colours) do not use."""
    from matplotlib import colormaps

    numbers = [int(state) for state in alphabet if state.lstrip("+-").isdigit()]
    colours = {}
    if numbers and min(numbers) < 0:  # changes: diverging around no change
        reach = max(abs(n) for n in numbers) or 1
        ramp = colormaps["BrBG"]
        for n in numbers:
            colours[f"{n:+d}" if n else "0"] = "#EEEEEE" if n == 0 else _hex(ramp(0.5 + 0.45 * n / reach))
    else:
        ramp = colormaps["Greens"]
        low, high = (min(numbers), max(numbers)) if numbers else (0, 1)
        for n in numbers:
            colours[str(n)] = _hex(ramp(0.2 + 0.75 * (n - low) / max(high - low, 1)))
    for state in alphabet:
        # Not coded and partly coded in the colours the matrix heatmap gives them, apart from "insufficient evidence".
        colours.setdefault(state, COVERAGE_STYLE[state][0] if state in COVERAGE_STYLE else ATTRITION_COLOURS.get(state, _INSUFFICIENT_COLOUR))
    return colours


def _hex(rgba: tuple[float, ...]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(round(255 * c) for c in rgba[:3]))


def _one_channel(sequences: Sequences, kind: str, facet: str | None) -> tuple[Any, str]:
    from ..errors import SelectionError

    facets = sequences.facets
    if facet is None and len(facets) > 1:
        raise SelectionError("these sequences hold several facets", hint=f"pass facet= one of {', '.join(facets)}")
    chosen = facet or facets[0]
    return sequences.channel(kind=kind, facet=chosen), chosen


def sequence_distribution(sequences: Sequences, *, kind: str = "levels", facet: str | None = None, ax: Axes | None = None) -> Axes:
    """The share of cases in each state at each wave, as stacked bars (TraMineR's ``seqdplot``).

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    facet : str, optional
        Required when the sequences hold several facets.
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> seqs = qlr.track.sequences(qlr.track.ladder(study.sel(role="carer"), facet="delivery"))
    >>> ax = qlr.plot.sequence_distribution(seqs)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['W1', 'W2', 'W3']
    """
    from ..track import state_distribution

    _, chosen = _one_channel(sequences, kind, facet)
    shares = state_distribution(sequences, kind=kind, facet=chosen)
    alphabet = sequences.alphabets[kind]
    colours = _state_colours(alphabet)
    ax = new_axes(ax)
    positions = np.arange(len(shares))
    bottom = np.zeros(len(shares))
    for state in alphabet:
        heights = shares[state].to_numpy(dtype=float)
        if heights.any():
            ax.bar(positions, heights, bottom=bottom, width=0.7, color=colours[state], edgecolor="white", linewidth=0.5, label=state)
        bottom += heights
    ax.set_xticks(positions, list(shares["position"]))
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of cases")
    ax.set_title(f"{kind.capitalize()} over the waves: {chosen}")
    ax.legend(title="state", fontsize=8, title_fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def sequence_index(
    sequences: Sequences,
    *,
    kind: str = "levels",
    facet: str | None = None,
    clusters: SequenceClusters | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Every case's sequence as a row of coloured cells, grouped by trajectory type (TraMineR's ``seqIplot``).

    Rows follow the cases' order, within each type when ``clusters`` are
    given (types in their number order, a line between them, each medoid's
    label marked ``◆``; cases the clustering left out last, as "not typed").

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    facet : str, optional
        Required when the sequences hold several facets.
    clusters : SequenceClusters, optional
        From :func:`qlr.track.sequence_clusters`, to order and separate the rows.
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> seqs = qlr.track.sequences(qlr.track.ladder(study.sel(role="carer"), facet="delivery"))
    >>> types = qlr.track.sequence_clusters(qlr.track.sequence_distances(seqs, kind="changes"))
    >>> ax = qlr.plot.sequence_index(seqs, kind="changes", clusters=types)
    >>> len(ax.get_yticklabels()) == len(seqs.cases)
    True
    """
    from matplotlib.transforms import ScaledTranslation

    table, chosen = _one_channel(sequences, kind, facet)
    colours = _state_colours(sequences.alphabets[kind])
    order = list(table.index)
    labels = {case: case for case in order}
    boundaries: list[tuple[int, int]] = []
    if clusters is not None:
        types = clusters.table.set_index("case_id")
        # Cases the clustering left out (say, those with an unobserved wave) come last, as "not typed".
        number = {case: int(types.loc[case, "cluster"]) if case in types.index else 0 for case in order}
        order = sorted(order, key=lambda case: (number[case] or len(types) + 1, order.index(case)))
        labels = {case: f"{case} ◆" if case in types.index and bool(types.loc[case, "medoid"]) else case for case in order}
        in_order = [number[case] for case in order]
        boundaries = [(i, n) for i, n in enumerate(in_order) if i == 0 or n != in_order[i - 1]]
    ax = new_axes(ax, size=(6.3, max(2.5, 0.28 * len(order) + 1.2)))
    for row, case in enumerate(order):
        for column, state in enumerate(table.loc[case]):
            ax.add_patch(_cell(column, row, colours[state]))
    ax.set_xlim(0, table.shape[1])
    ax.set_ylim(len(order), 0)
    ax.set_xticks(np.arange(table.shape[1]) + 0.5, list(table.columns))
    ax.set_yticks(np.arange(len(order)) + 0.5, [labels[case] for case in order], fontsize=8)
    for start, number in boundaries:
        if start:
            ax.axhline(start, color="black", linewidth=1.2)
        ax.text(table.shape[1] + 0.05, start + 0.1, f"type {number}" if number else "not typed", va="top", fontsize=8)
    ax.set_title(f"{kind.capitalize()} of each case: {chosen}")
    handles = [_cell(0, 0, colour) for colour in colours.values()]
    # Right of the type labels by a fixed 0.8 inch, not a share of the axes' width, which the figure's layout changes.
    beside = ax.transAxes + ScaledTranslation(0.8, 0, ax.figure.dpi_scale_trans)
    ax.legend(handles, list(colours), fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), bbox_transform=beside)
    ax.spines[["top", "right", "left", "bottom"]].set_visible(False)
    return ax


def _cell(x: float, y: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="white", linewidth=1)


def sequence_entropy(sequences: Sequences, *, kind: str = "levels", ax: Axes | None = None) -> Axes:
    """How spread the cases are over the states at each wave: the cross-sectional entropy, one line per facet.

    0 means every case is in one state at that wave, 1 that they are spread
    evenly over every state (see :func:`qlr.track.state_distribution`).

    Parameters
    ----------
    sequences : Sequences
        From :func:`qlr.track.sequences`.
    kind : {"levels", "changes"}
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Axes
        The axes drawn on.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> seqs = qlr.track.sequences(qlr.track.ladder(study.sel(role="carer")))
    >>> ax = qlr.plot.sequence_entropy(seqs)
    >>> [line.get_label() for line in ax.get_lines()]
    ['delivery', 'design']
    """
    from ..track import state_distribution

    ax = new_axes(ax)
    for colour, facet in zip(OKABE_ITO, sequences.facets):
        shares = state_distribution(sequences, kind=kind, facet=facet)
        ax.plot(list(shares["position"]), shares["entropy"].to_numpy(dtype=float), marker="o", color=colour, label=facet)
    ax.set_ylim(0, 1)
    ax.set_ylabel("entropy (0 = all alike)")
    ax.set_title(f"Entropy of {kind} across the waves")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
