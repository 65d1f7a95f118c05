"""The figure set: each function draws one figure from qlr's tables and returns it.

Conventions: ``ax=None`` (or ``fig=None``) in, the ``Axes`` (or ``Figure``) out;
nothing is shown or saved; the same input draws the same image (no randomness
without a seed, layouts seeded).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import check_choice, check_number, renamed_keywords
from .._names import display_width
from .._output import safe_colour
from .._warned import warn
from .._words import number_of
from ..codebook._display import code_labels
from ..errors import InvalidParameterError, QlrWarning, SelectionError
from ..evidence import NOT_CODED, PARTLY_CODED
from ..track._sequence import INSUFFICIENT
from ._style import (
    BAND_COLOURS,
    CHANGE_COLOURS,
    COVERAGE_STYLE,
    LINE_COLOURS,
    NO_WORDS_STYLE,
    NOT_SEEN_STYLE,
    OKABE_ITO,
    band_spans,
    colours_by_role,
    ladder_info,
    new_axes,
    new_figure,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..study import Study
    from ..track import Placements

__all__ = [
    "trajectories",
    "ladder_stages",
    "matrix_heatmap",
    "alluvial",
    "network_panels",
    "network_dynamics",
    "codeline",
    "change_grid",
]

def _one_facet(placements: Any, facet: str | None) -> tuple[pd.DataFrame, str | None]:
    """The flat rows of one facet (the only one when ``facet`` is None)."""
    from ..track._placements import flat_placements

    placements = flat_placements(placements)
    facets = [f for f in placements["facet"].dropna().unique()] if "facet" in placements else []
    if facet is None:
        if len(facets) > 1:
            raise SelectionError(f"these placements hold several facets ({', '.join(map(str, facets))})", hint="pass facet= to choose one")
        return placements, facets[0] if facets else None
    if facet not in facets:
        raise SelectionError(f"facet {facet!r} is not in these placements", hint=f"use one of {', '.join(map(str, facets))}")
    return placements[placements["facet"] == facet], facet


def _shade_bands(ax: Axes, levels: list[tuple[int, str, str | None]], *, vertical: bool, label: bool = True) -> None:
    named = {v: band for v, _, band in levels}
    for index, (low, high, band) in enumerate(band_spans(levels)):
        colour = BAND_COLOURS[index % len(BAND_COLOURS)]
        # Only bands the ladder names are labelled (a level without a band is its own shade).
        has_name = any(named.get(v) == band for v in range(int(low + 0.5), int(high + 0.5)))
        if vertical:
            ax.axvspan(low, high, color=colour, zorder=0, linewidth=0)
            if label and has_name:
                ax.text((low + high) / 2, 1.01, f"{band} band", transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=7, color="#555555")
        else:
            ax.axhspan(low, high, color=colour, zorder=0, linewidth=0)
            if label and has_name:
                # At the left, before the first wave: the right holds the cases' labels (:func:`_x_room` makes room).
                ax.text(0.005, high - 0.04, f"{band} band", transform=ax.get_yaxis_transform(), ha="left", va="top", fontsize=_BAND_FONT, color="#555555")


#: The band names' and the cases' labels' font sizes, in points.
_BAND_FONT = _CASE_FONT = 7


def _x_room(ax: Axes, levels: list[tuple[int, str, str | None]], labels: list[str], n_waves: int) -> tuple[float, float]:
    """How far (in waves) the x axis must reach before the first wave and after the last for the band names (left)
    and the cases' labels (right) to fit beside the points.

    Measured from the texts at their size (no renderer: any canvas) against the axes' width, taking a fifth off for
    the level names constrained layout will put beside it.
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    axes_points = max(ax.get_position().width * ax.figure.get_figwidth() * 72 * 0.8, 1.0)

    def share(texts: set[str], size: float) -> float:
        widest = max((measure.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)[0] for text in texts), default=0.0)
        return min((widest + 6) / axes_points, 0.3) if texts else 0.0

    before, after = share({f"{band} band" for _, _, band in levels if band}, _BAND_FONT), share(set(labels), _CASE_FONT)
    # Each strip holds its texts beyond a small gap from the points: room - gap = share × the whole span.
    span = (n_waves - 1 + 0.14) / (1 - before - after)
    return max(0.3, 0.1 + before * span), max(0.5, 0.04 + after * span)


def _fitted_lines(text: str, size: float, points: float) -> str:
    r"""``text`` broken between words into lines each at most ``points`` wide at ``size`` (measured from the glyphs, no
    renderer: any canvas); a word wider than that alone is a line of its own.

    >>> _fitted_lines("one two three four", 10, 60)
    'one two\nthree four'
    """
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure, font = TextToPath(), FontProperties(size=size)
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and measure.get_text_width_height_descent(joined, font, ismath=False)[0] <= points:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)


def _spread_labels(
    points: list[tuple[float, float, str, str]], gap: float, *, low: float = -np.inf, high: float = np.inf
) -> list[tuple[float, float, str, str]]:
    """Label positions at least ``gap`` apart, in the points' order, each run of crowded labels centred on its points
    and the whole kept between ``low`` and ``high`` (where they fit: else from ``low`` up, ``gap`` apart); a label
    moves only as far as the others or the bounds make it.

    Deterministic: ties in y keep the points' order. Where the labels do not all fit, they still do not overlap.

    >>> [round(y, 2) for _, y, _, _ in _spread_labels([(2, 3.0, "a", "k"), (2, 3.0, "b", "k"), (2, 3.0, "c", "k")], 0.2)]
    [2.8, 3.0, 3.2]
    >>> [round(y, 2) for _, y, _, _ in _spread_labels([(2, 4.0, "a", "k"), (2, 4.0, "b", "k")], 0.2, low=0.5, high=4.1)]
    [3.9, 4.1]
    """
    ordered = sorted(points, key=lambda p: p[1])
    # Runs of labels closer than gap, each centred on the mean of its points' heights; a run that meets the one below
    # joins it (the one below never moves up past a label above it, so the order holds).
    runs: list[list[Any]] = []  # [first index, count, centre]
    for index, (_, y, _, _) in enumerate(ordered):
        runs.append([index, 1, y])
        while len(runs) > 1:
            below, above = runs[-2], runs[-1]
            if (above[2] - (above[1] - 1) * gap / 2) - (below[2] + (below[1] - 1) * gap / 2) >= gap - 1e-12:
                break
            count = below[1] + above[1]
            centre = (below[2] * below[1] + above[2] * above[1]) / count
            runs[-2:] = [[below[0], count, centre]]
    heights: list[float] = []
    for _, count, centre in runs:
        heights += [centre + (k - (count - 1) / 2) * gap for k in range(count)]
    # Inside the axes: the k-th label no lower than k gaps above ``low``, none higher than its count of gaps below
    # ``high`` (each bound moves only the labels it reaches, and keeps them gap apart); where they cannot all fit,
    # ``low`` wins.
    last = len(heights) - 1
    heights = [min(h, high - (last - k) * gap) for k, h in enumerate(heights)]
    heights = [max(h, low + k * gap) for k, h in enumerate(heights)]
    return [(x, h, text, colour) for (x, _, text, colour), h in zip(ordered, heights)]


def _facet_name(info: dict[str, Any], facet: str | None) -> str:
    names = dict(info.get("facets") or [])
    return names.get(facet, facet or "")


def trajectories(
    placements: Placements | pd.DataFrame,
    *,
    facet: str | None = None,
    cases: list[str] | None = None,
    use_overrides: bool = True,
    codebook: Any = None,
    ax: Axes | None = None,
) -> Axes:
    """Cases on the ladder over the waves.

    One line per case; level names on the y axis, bands shaded; a wave where the
    case was missing or not placed is a gap in its line, marked below the ladder
    where the codebook did not read that wave whole (a diamond: partly coded, and
    nothing found in the documents it coded; a cross: not coded;
    :func:`qlr.evidence.case_wave_coverage`); lines are spread apart
    vertically (by a fixed offset per case) so overlapping trajectories stay
    visible, and each line is labelled with its case at its last point.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by case and wave (a plain table needs ``codebook=``).
    facet : str, optional
        Required when the placements hold several facets.
    cases : list of str, optional
        Which cases (default: all in the placements).
    use_overrides : bool
        Plot ``final_level`` (overrides applied, drawn with a hollow marker).
    codebook : Codebook, optional
        The codebook whose ladder the placements are on (needed for a plain table).
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
    >>> pl = qlr.track.ladder(study.sel(role="carer"), facet="delivery")
    >>> ax = qlr.plot.trajectories(pl)
    >>> len(ax.get_lines())
    11
    """
    rows, facet = _one_facet(placements, facet)
    info = ladder_info(placements, codebook)
    levels = info["levels"]
    waves = info.get("waves") or list(dict.fromkeys(rows["wave_id"]))
    waves = [w for w in waves if w in set(rows["wave_id"])]
    case_ids = cases or list(dict.fromkeys(rows["case_id"]))
    column = "final_level" if use_overrides and "final_level" in rows else "level"
    ax = new_axes(ax)
    _shade_bands(ax, levels, vertical=False)
    spread = 0.5 / max(len(case_ids), 1)
    ends: list[tuple[float, float, str, str]] = []
    unread: set[str] = set()
    nowhere: list[str] = []  # cases seen but placed at no wave: no line to label, so named under the axis
    for index, case in enumerate(case_ids):
        mine = rows[rows["case_id"] == case].set_index("wave_id")
        offset = (index - (len(case_ids) - 1) / 2) * spread
        y = [float(mine.loc[w, column]) + offset if w in mine.index and not pd.isna(mine.loc[w, column]) else np.nan for w in waves]
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        style = "-" if index < len(LINE_COLOURS) else "--"
        ax.plot(range(len(waves)), y, style, color=colour, marker="o", markersize=4, linewidth=1.5, label=case)
        placed = [i for i, v in enumerate(y) if not np.isnan(v)]
        if placed:
            ends.append((placed[-1], y[placed[-1]], case, colour))
        if "status" in mine.columns:
            # A gap because the case was seen but its passages placed it nowhere: an open triangle below the ladder.
            for i, w in enumerate(waves):
                if w in mine.index and np.isnan(y[i]) and mine.loc[w, "status"] == INSUFFICIENT:
                    ax.plot([i], [levels[0][0] - 0.35], marker="v", markersize=6, markeredgecolor=colour, markerfacecolor="white", linestyle="none")
                    unread.add(INSUFFICIENT)
            if not placed and (mine["status"] == INSUFFICIENT).any():
                nowhere.append(case)
        if "reason" in mine.columns:
            # A gap because the codebook did not read the wave whole: a mark below the ladder, in the case's colour.
            for i, w in enumerate(waves):
                reason = mine.loc[w, "reason"] if w in mine.index and np.isnan(y[i]) else None
                if reason in _UNREAD_MARKS:
                    marker, fill = _UNREAD_MARKS[reason]
                    ax.plot([i], [levels[0][0] - 0.35], marker=marker, markersize=6, markeredgecolor=colour, markerfacecolor=fill or colour, linestyle="none")
                    unread.add(reason)
        if "overridden" in mine.columns and use_overrides:
            for i, w in enumerate(waves):
                if w in mine.index and bool(mine.loc[w, "overridden"]):
                    ax.plot([i], [y[i]], marker="o", markersize=8, markerfacecolor="none", markeredgecolor="#000000", linestyle="none")
    # Case labels at each line's end, spread apart where lines end close together (a line of text apart, at the axes'
    # height), inside the ladder's range, each joined to its point by a leader line where it moved.
    low, high = levels[0][0] - 0.5, levels[-1][0] + 0.5
    axes_points = max(ax.get_position().height * ax.figure.get_figheight() * 72 * 0.85, 1.0)
    gap = max(0.13, _CASE_FONT * 1.2 / axes_points * (high - low))
    for column_x in sorted({x for x, *_ in ends}):
        # A line that ends before the last wave has its label among the others' lines: on a pale ground, so it reads.
        ground = {"bbox": {"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.75, "edgecolor": "none"}} if column_x < len(waves) - 1 else {}
        here = [e for e in ends if e[0] == column_x]
        room = min(gap, (high - low) / max(len(here), 1))  # more labels than lines of text fit: closer, still inside
        # and smaller, to fit the room (never below 5 points).
        size = max(5.0, min(_CASE_FONT, room / (high - low) * axes_points / 1.2))
        for (x, y, text, colour), (_, point, _, _) in zip(_spread_labels(here, room, low=low + room / 2, high=high - room / 2), sorted(here, key=lambda e: e[1])):
            if abs(y - point) > room / 2:
                # The leader is the label's own arrow (an annotation, not a line: the axes' lines stay the cases').
                leader = {"arrowstyle": "-", "color": colour, "linewidth": 0.6, "alpha": 0.8, "shrinkA": 0, "shrinkB": 1}
                ax.annotate(text, (x + 0.02, point), xytext=(x + 0.11, y), fontsize=size, va="center", color=colour, arrowprops=leader, **ground)
            else:
                ax.text(x + 0.04, y, text, fontsize=size, va="center", color=colour, **ground)
    ax.set_xticks(range(len(waves)), waves)
    left, right = _x_room(ax, levels, [text for x, _, text, _ in ends if x == len(waves) - 1], len(waves))
    ax.set_xlim(-left, len(waves) - 1 + right)
    ax.set_yticks([v for v, _, _ in levels], [f"{v} {name}" for v, name, _ in levels], fontsize=8)
    ax.set_ylim(levels[0][0] - 0.5, levels[-1][0] + 0.5)
    said = [f"{_UNREAD_SAID[reason]}: {reason}" for reason in (PARTLY_CODED, NOT_CODED, INSUFFICIENT) if reason in unread]
    if nowhere:
        said.append(f"placed at no wave: {', '.join(nowhere[:5])}{' …' if len(nowhere) > 5 else ''}")
    # What the marks below the ladder mean, wrapped to the axes' width: one line ran past both edges (a pooled
    # study's five long case ids), cut by a plain savefig and a PNG four times as wide from save_png. The label is
    # centred under the axes, right of the figure's middle by the level names: 70% of the figure's width fits.
    xlabel = "Wave" + (f" (below the ladder, no level: {'; '.join(said)})" if said else "")
    ax.set_xlabel(_fitted_lines(xlabel, 8, ax.figure.get_figwidth() * 72 * 0.7) if said else xlabel, fontsize=None if not said else 8)
    ax.set_ylabel("Level")
    ax.set_title(f"{info['name']}: {_facet_name(info, facet)}" if facet else info["name"], fontsize=10)
    return ax


#: The mark :func:`trajectories` draws below the ladder at a wave with no level because the codebook did not read it
#: whole (the placement's ``reason``): (marker, face colour or None for the case's colour); a gap with no mark is a
#: wave not seen, or seen and placed nowhere (nothing found).
_UNREAD_MARKS = {PARTLY_CODED: ("D", COVERAGE_STYLE[PARTLY_CODED][0]), NOT_CODED: ("x", None)}
_UNREAD_SAID = {PARTLY_CODED: "diamond", NOT_CODED: "cross", INSUFFICIENT: "open triangle"}


def ladder_stages(placements: Placements | pd.DataFrame, *, facet: str | None = None, by: str | None = None, codebook: Any = None, ax: Axes | None = None) -> Axes:
    """The case-study figure: each stage (or other group) placed along the spectrum.

    A dot marks the placed level; a bar spans the weighted quartiles of the
    evidence (``low`` to ``high``), so a "mid to high" placement shows as a range.
    Groups are drawn top to bottom in the placements' order; :func:`qlr.track.ladder`
    puts stages in the order the manifest's ``stages:`` declares.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by a group (a plain table needs ``codebook=``).
    facet : str, optional
        Required when the placements hold several facets.
    by : str, optional
        The group column (default: the placements' first column).
    codebook : Codebook, optional
        The codebook whose ladder the placements are on (needed for a plain table).
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
    >>> ax = qlr.plot.ladder_stages(qlr.track.ladder(study, by="stage", facet="design"))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['design', 'outputs', 'implementation']
    """
    rows, facet = _one_facet(placements, facet)
    info = ladder_info(placements, codebook)
    levels = info["levels"]
    keys = [k for k in (getattr(placements, "keys", None) or []) if k in rows.columns]
    if by is None and len(keys) > 1:
        # Placements by case and wave (ladder()'s default): one row per case × wave, named by both.
        rows = rows.assign(_group=rows[keys].astype(str).agg(" · ".join, axis=1))
    group = "_group" if by is None and len(keys) > 1 else by or next(c for c in rows.columns if c not in ("facet",))
    if group not in rows.columns:
        raise SelectionError(f"the placements have no column {group!r}", hint=f"use one of {', '.join(keys or list(rows.columns[:3]))}")
    if rows[group].duplicated().any():
        raise SelectionError(
            f"ladder_stages draws one row per {group}, and these placements have several rows for some {group}",
            hint="place by that column alone (qlr.track.ladder(study, by='stage')), or leave by= out",
        )
    order = list(dict.fromkeys(rows[group]))  # as the placements come: the study's declared order
    ax = new_axes(ax, size=(6.3, 0.8 + 0.6 * len(order)))
    _shade_bands(ax, levels, vertical=True)
    table = rows.set_index(group)
    for y, name in enumerate(order):
        row = table.loc[name]
        if row["status"] != "placed":
            ax.text(levels[0][0], y, row["status"], va="center", fontsize=8, color="#555555")
            continue
        low, high = float(row["low"]), float(row["high"])
        if high > low:
            ax.plot([low, high], [y, y], color="#0072B2", linewidth=6, alpha=0.35, solid_capstyle="round")
        ax.plot([float(row["level"])], [y], "o", color="#0072B2", markersize=9)
        ax.annotate(f"{row['band']}  (n={int(row['n_evidence'])})", (float(row["level"]), y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.4, -0.6)
    ax.set_xticks([v for v, _, _ in levels], [name for _, name, _ in levels], fontsize=8, rotation=15)
    ax.set_xlim(levels[0][0] - 0.5, levels[-1][0] + 0.5)
    ax.set_title(f"{info['name']}" + (f": {_facet_name(info, facet)}" if facet else ""), fontsize=10, pad=16)
    ax.set_xlabel("dot: placement · bar: the middle half of the evidence (quartiles)", fontsize=8, color="#555555")
    return ax


#: How many codes a co-occurrence figure or a heatmap draws by default (:func:`network_panels`' and
#: :func:`matrix_heatmap`'s ``top``).
TOP_CODES = 30
#: The smallest a heatmap's column labels are drawn legible (points): narrower columns draw them smaller still, and
#: :func:`matrix_heatmap` warns that ``top=`` would give a figure one can read.
READABLE_TICK_FONT = 5.0
#: How a heatmap's colours run (:func:`matrix_heatmap`'s ``scale``).
HEATMAP_SCALES = ("robust", "full", "row")
#: The percentile of a heatmap's cells above 0 where its colours may stop (``scale="robust"``; a cell's own value).
ROBUST_PERCENTILE = 98
#: The fewest cells above 0 for a robust scale to stop its colours at a percentile of them: over fewer, a 98th
#: percentile is only the second-largest cell (of three, the middle one) and means nothing.
ROBUST_MIN_CELLS = 20
#: Over fewer cells than that (or where the percentile is itself one of a few large cells), how far a few largest cells
#: must pass the next for the colours to stop at it (one cell of 296 codings beside 18, 5, 3 … in a real NVivo
#: project's themes; 500 beside 286 and 167 is not swamped).
FEW_CELLS_SWAMPED = 5
#: The most cells a robust scale holds back by :data:`FEW_CELLS_SWAMPED` (and always fewer than half the cells above
#: 0: a few far above the rest, not half the grid).
FEW_CELLS_HELD = 3
#: How far the largest cell must pass the robust limit for the colours to stop there (a close largest cell swamps nothing).
SWAMPED = 1.5
#: The narrowest cell, in inches, that :func:`matrix_heatmap` writes its number in by default.
ANNOTATED_CELL = 0.3


def matrix_heatmap(
    matrix: Any,
    *,
    fig: Figure | None = None,
    cmap: str = "Blues",
    top: int | None = TOP_CODES,
    scale: str = "robust",
    annotate: bool | None = None,
) -> Figure:
    """A framework matrix as heatmaps: rows × columns, one panel per wave.

    Cells where the case was not seen are hatched grey, never coloured as zero; a density of a case seen with no
    words of its own to divide by (``no participant words``: a document about it, not its speech) is struck through
    with dashes and said so in the title, not called "not seen"; a case × wave the codebook did not
    read whole (:func:`qlr.evidence.case_wave_coverage`) is told apart from both "nothing found" (a zero) and "not
    seen": a cell ``not coded`` is cross-hatched grey, a code not found in a ``partly coded`` case × wave is dotted
    pale yellow, and what its coded documents found is coloured as usual inside a dashed frame (its density is over
    those documents' words, :func:`qlr.track.matrix`). The title says which marks the figure holds. Codes and
    themes are labelled as :meth:`qlr.Codebook.labels` shows them (by name).

    Parameters
    ----------
    matrix : Matrix
        From :func:`qlr.track.matrix`; one panel per value of its ``by``.
    fig : Figure, optional
        Where to draw (default: a new figure).
    cmap : str
        A matplotlib colour map name.
    top : int or None, default 30
        Of a matrix of codes or themes with more columns than this, draw the ``top`` with the most codings over
        every row and panel (ties by id), in the matrix's order; the title says how many were left out (the matrix
        stays whole). None draws every column.
    scale : {"robust", "full", "row"}
        How the colours run. ``"robust"``: from 0 to the largest cell, or, where that is over 1.5 times the 98th
        percentile of the cells above 0 (the value of the cell at that rank: with fewer than 51 cells above 0, the
        second largest), to that percentile, so one case × wave with many codings does not leave
        every other cell pale. That is where 20 cells or more are above 0; over fewer (where a percentile means
        nothing), or where the percentile is itself one of a few large cells (two outliers of 30 cells: the
        second largest is one), the colours stop at the cell below the fewest largest ones, up to 3 and fewer than
        half the cells, that are each over 5 times it (a gap in the cells' own values: 296 and 250 beside 18, 5, 3
        stop at 18), and otherwise run to the largest; a cell above it is drawn at full colour with its number
        written, and the title says where the colours stop and how many cells are above. ``"full"``: from 0 to the largest cell.
        ``"row"``: each row by its own largest cell over all panels (1 = the row's largest), to compare a case's
        codes and waves whatever its size.
    annotate : bool, optional
        Write each cell's value in it (a count as a whole number, 0 as "0", a density to one decimal, or to two
        significant digits below 0.05, never "0.0"). By default where every cell is at least 0.3 inches wide; a cell
        above a robust scale's limit is always written.

    Returns
    -------
    Figure
        The figure drawn on: one axes per panel and a colour bar.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> fig = qlr.plot.matrix_heatmap(qlr.track.matrix(study.sel(role="carer"), cols="theme"))
    >>> len(fig.axes)  # three waves and a colour bar
    4
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()][:2]
    ['Assets', 'Assets (against)']
    """
    import matplotlib.pyplot as plt

    from ..track._matrix import NO_OWN_WORDS

    if top is not None:
        check_number("top", top, minimum=1, integer=True)
    check_choice("scale", scale, HEATMAP_SCALES)
    waves = list(dict.fromkeys(matrix.tidy[matrix.by])) if matrix.by else [None]
    panels = [matrix.panel(w) if w is not None else matrix.wide for w in waves]
    coded = matrix.cols in ("code_id", "theme")
    columns = list(dict.fromkeys(c for p in panels for c in p.columns))
    kept = _most_coded_columns(matrix, columns, top) if coded and top is not None and len(columns) > top else columns
    left_out = len(columns) - len(kept)
    if left_out:
        panels = [p[[c for c in p.columns if c in set(kept)]] for p in panels]
    # Codes as a reader knows them (Codebook.labels): by name, whatever the codebook.
    shown_as = code_labels(getattr(matrix, "codebook", None), [str(c) for c in kept]) if coded else {}
    # On the axis cut to TICK_LABEL_WIDTH (an NVivo node's 100-character name made the figure taller than a page).
    ticks = dict(zip(map(str, kept), _axis_labels([shown_as.get(str(c), str(c)) for c in kept])))
    n_rows = max(len(p.index) for p in panels)
    n_cols = max(len(p.columns) for p in panels)
    if fig is None:
        fig = new_figure((min(3.0 + 2.2 * len(waves) + 0.12 * n_cols * len(waves), 14), 1.6 + 0.22 * n_rows + 0.09 * max((display_width(ticks[str(c)]) for c in panels[0].columns), default=0)))
    axes = fig.subplots(1, len(waves), sharey=True, squeeze=False)[0]
    values_of = [p.to_numpy(dtype=float) for p in panels]
    drawn, norm, limit_said, above = _heatmap_scale(values_of, panels, scale)
    width = fig.get_size_inches()[0]
    cell = (width - 2.5) / max(n_cols * len(waves), 1)  # a column's width, in inches
    if annotate is None:
        annotate = cell >= ANNOTATED_CELL and n_rows <= 60
    # A column's label at 60° takes about 1.5 times its font size across: smaller where columns are narrower than 7
    # points would need (151 NVivo codes with top=None ran into each other), never below 4 points.
    tick_font = max(4.0, min(7.0, cell * 72 / 1.5))
    if cell * 72 / 1.5 < READABLE_TICK_FONT:
        # top=None asked for every code; past about 110 columns on a page's 14 inches no label can be read (the real
        # NVivo project's 151 codes: 4-point labels running into each other, 5-point columns). Drawn as asked, and
        # said, with the option that gives a figure one can read.
        warn(
            f"matrix_heatmap: {n_cols * len(waves):,} columns in {width:.0f} inches are {cell * 72:.1f} points wide each, "
            f"too narrow for their labels to be read (drawn at {tick_font:.0f} points, running into each other). Fix: "
            f"pass top=N to draw the N most coded codes (top={TOP_CODES}, the default, says how many it left out), "
            "or draw a matrix of themes, one column per theme: qlr.track.matrix(study, cols='theme')",
            QlrWarning,
        )
    whole = matrix.value != "density"
    colours = plt.get_cmap(cmap)
    image = None
    shown: set[str] = set()
    framed = False
    for ax, wave, panel, values, colour_values in zip(axes, waves, panels, values_of, drawn):
        image = ax.imshow(np.ma.masked_invalid(colour_values), aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
        reasons = _panel_reasons(matrix, wave, panel)
        for (i, j) in zip(*np.where(np.isnan(values))):
            face, hatch, edge = NO_WORDS_STYLE if reasons[i, j] == NO_OWN_WORDS else COVERAGE_STYLE.get(reasons[i, j], NOT_SEEN_STYLE)
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face, edgecolor=edge, hatch=hatch, linewidth=0))
        # A partly coded case × wave's values are what its coded documents found: each framed in the partly coded
        # colour, also where every code was found there (no cell of the row says so by its reason).
        partly_rows = _partly_coded_rows(matrix, wave, panel)
        partly = partly_rows[:, None] & ~np.isnan(values)
        framed |= bool(partly.any())
        for (i, j) in zip(*np.where(partly)):
            ax.add_patch(plt.Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, facecolor="none", edgecolor=COVERAGE_STYLE[PARTLY_CODED][2], linestyle="--", linewidth=1.2))
        shown |= {str(reason) for reason in reasons[np.isnan(values)]}
        # Each cell's number where there is room (and always where the colours stop below it), dark on pale, white on dark.
        write = ~np.isnan(values) & (True if annotate else (values > above))
        for (i, j) in zip(*np.where(write)):
            dark = sum(colours(norm(colour_values[i, j]))[:3]) / 3 < 0.5
            ax.text(j, i, _cell_text(values[i, j], whole=whole), ha="center", va="center", fontsize=6, color="white" if dark else "#222222")
        ax.set_xticks(range(len(panel.columns)), [ticks[str(c)] for c in panel.columns], rotation=60, ha="right", fontsize=tick_font)
        ax.set_yticks(range(len(panel.index)), [str(r) for r in panel.index], fontsize=7)
        ax.set_title(str(wave) if wave is not None else "", fontsize=9)
    units = {"count": "codings", "presence": "coded (1) or not (0)", "density": "codings per 1,000 words", "segments": "coded segments"}
    label = "share of the row's largest cell" if scale == "row" else units.get(matrix.value, matrix.value) + (" (clipped)" if limit_said else "")
    # The bar is about 0.8 of the panels' height: its label wrapped to that, so it does not run past the bar's ends
    # into the title (a two-row grid's bar is under an inch).
    room_inches = 0.22 * n_rows + 0.9  # the bar (0.8 of the panels) and the room beside its ends, short of the title
    bar = fig.colorbar(image, ax=list(axes), shrink=0.8, extend="max" if limit_said else "neither")
    if whole and scale != "row":  # counts: whole numbers on the bar (a bar to 18 codings read 2.5, 5.0 … 17.5)
        from matplotlib.ticker import MaxNLocator

        bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    bar.set_label("\n".join(textwrap.wrap(label, width=max(12, int(room_inches * 18)))), fontsize=8)
    keys = [f"{NOT_SEEN_STYLE[1]}: not seen"] + [f"{COVERAGE_STYLE[state][1]}: {state}" for state in (NOT_CODED, PARTLY_CODED) if state in shown]
    if NO_OWN_WORDS in shown:
        keys.append(f"{NO_WORDS_STYLE[1]}: seen, {NO_OWN_WORDS} to divide by")
    if framed:
        keys.append("dashed frame: found in a partly coded case × wave's coded documents")
    title = f"Framework matrix ({matrix.value}; {', '.join(keys)})"
    if limit_said:
        title += "\n" + limit_said
    if left_out:
        title += "\n" + _left_out_words(kept, columns, "themes" if matrix.cols == "theme" else "codes")
    # Each line wrapped to the figure's width (about 13 characters an inch at this size), so a long line does not run
    # out of the figure or over the colour bar.
    width_chars = max(30, int(fig.get_size_inches()[0] * 13))
    fig.suptitle("\n".join(part for line in title.split("\n") for part in textwrap.wrap(line, width=width_chars)), fontsize=10)
    return fig


def _cell_text(value: float, *, whole: bool) -> str:
    """A heatmap cell's number: a count whole, 0 as "0", a density to one decimal, or to two significant digits where
    one decimal would write a density above 0 as "0.0" (0.02 codings per 1,000 words of a long document)."""
    if whole or value == 0:
        return f"{value:.0f}"
    return f"{value:.1f}" if abs(value) >= 0.05 else f"{value:.2g}"


def _most_coded_columns(matrix: Any, columns: list[Any], top: int) -> list[Any]:
    """The ``top`` of a matrix's ``columns`` with the most codings over every row and panel (ties by id), in the
    matrix's order. Codings are the tidy table's ``count`` (what every value of a matrix is counted from)."""
    tidy = matrix.tidy
    total = tidy.groupby(matrix.cols, sort=False)["count" if "count" in tidy.columns else "value"].sum(min_count=1).fillna(0)
    return _top_columns(total, columns, top)


def _top_columns(total: pd.Series, columns: list[Any], top: int | None) -> list[Any]:
    """The ``top`` of ``columns`` with the largest ``total`` (ties by id), in the columns' order; all of them where
    ``top`` is None or they are no more: what ``top=`` means in :func:`matrix_heatmap` and :func:`change_grid`."""
    if top is None or len(columns) <= top:
        return list(columns)
    ranked = sorted(columns, key=lambda c: (-float(total.get(c, 0.0)), str(c)))[: int(top)]
    chosen = set(ranked)
    return [c for c in columns if c in chosen]


def _left_out_words(kept: list[Any], columns: list[Any], what: str) -> str:
    """The title's line on the columns ``top=`` left out ("" where none): the same in every figure that has it."""
    left_out = len(columns) - len(kept)
    if not left_out:
        return ""
    return f"{len(kept)} of {len(columns)} {what} drawn, those with the most codings: {left_out} left out (top=None draws them all)"


def _heatmap_scale(values: list[np.ndarray], panels: list[pd.DataFrame], scale: str) -> tuple[list[np.ndarray], Any, str, float]:
    """The values each panel is coloured by, their ``Normalize``, what the colour bar adds about where colours stop
    (``""`` where they run to the largest cell), and the value above which a cell is beyond the colours (inf if none)."""
    from matplotlib.colors import Normalize

    cells = np.concatenate([v[~np.isnan(v)] for v in values]) if values else np.array([])
    largest = float(cells.max(initial=0.0))
    if scale == "row":
        # A row's largest cell over every panel (a case is one row in each); a row of zeros stays 0.
        index = list(dict.fromkeys(r for p in panels for r in p.index))
        row_max = pd.concat([p.max(axis=1) for p in panels], axis=1).reindex(index).max(axis=1)
        peaks = [row_max.reindex(p.index).to_numpy(dtype=float) for p in panels]
        drawn = [v / np.where(peak > 0, peak, 1.0)[:, None] for v, peak in zip(values, peaks)]
        return drawn, Normalize(vmin=0, vmax=1), "", float("inf")
    positive = cells[cells > 0]
    if scale == "robust" and len(positive) >= 2:
        limit, where = _robust_limit(positive)
        if limit is not None:  # one cell or a few far above the rest, which would leave every other cell pale
            n_above = int((cells > limit).sum())
            said = (
                f"colours stop at {limit:.3g}, {where}: "
                f"{n_above} {'cell' if n_above == 1 else 'cells'} above it at full colour, {'its number' if n_above == 1 else 'their numbers'} written (scale='full' runs to {largest:.3g})"
            )
            return values, Normalize(vmin=0, vmax=limit), said, limit
    return values, Normalize(vmin=0, vmax=largest or 1.0), "", float("inf")


_ORDINALS = ("second", "third", "fourth")


def _robust_limit(positive: np.ndarray) -> tuple[float | None, str]:
    """Where a robust scale's colours stop over the cells above 0 (two or more), and how the title says it; None where
    they run to the largest.

    Over :data:`ROBUST_MIN_CELLS` cells or more, the :data:`ROBUST_PERCENTILE` th percentile (a cell's own value) where
    the largest is over :data:`SWAMPED` times it. Otherwise, or where that percentile is itself one of a few large cells
    (of under 51 cells it is the second largest, so two outliers hid each other), the cell below the fewest largest
    cells, :data:`FEW_CELLS_HELD` at most and fewer than half (one of two), that are each over :data:`FEW_CELLS_SWAMPED` times it:
    a gap in the cells' own values, not a share of them, as a handful of cells has no percentile worth the name.

    >>> _robust_limit(np.array([296.0, 250.0, 18.0, 5.0, 3.0, 3.0, 1.0, 1.0]))
    (18.0, 'the third-largest of the 8 cells above 0')
    >>> _robust_limit(np.array([500.0, 286.0, 167.0]))
    (None, '')
    """
    ranked = np.sort(positive)[::-1]
    gap: tuple[float | None, str] = (None, "")
    for held in range(1, min(FEW_CELLS_HELD, (len(ranked) - 1) // 2 if len(ranked) > 2 else 1) + 1):
        if ranked[held - 1] > FEW_CELLS_SWAMPED * ranked[held]:
            gap = float(ranked[held]), f"the {_ORDINALS[held - 1]}-largest of the {len(ranked)} cells above 0"
            break
    if len(positive) >= ROBUST_MIN_CELLS:
        # A cell's own value ("lower"), not one drawn toward the largest: over a small grid, interpolating would put
        # the limit most of the way to the one cell that swamps the rest.
        limit = float(np.percentile(positive, ROBUST_PERCENTILE, method="lower"))
        # The percentile stands unless it is itself one of the few cells a gap holds back (500 and 300 beside 18, 17 …
        # of 20 cells: the percentile is 300, and 500 > 1.5 × 300, yet every other cell would stay pale).
        if positive.max() > SWAMPED * limit and not (gap[0] is not None and gap[0] < limit):
            return limit, f"the {ROBUST_PERCENTILE}th percentile of the cells above 0"
    return gap


def _partly_coded_rows(matrix: Any, wave: Any, panel: pd.DataFrame) -> np.ndarray:
    """Whether each of ``panel``'s rows holds a partly coded case × wave at ``wave`` (``Matrix.partly_coded``)."""
    partly = getattr(matrix, "partly_coded", None)
    if partly is None or partly.empty:
        return np.zeros(len(panel.index), dtype=bool)
    if wave is not None and matrix.by in partly.columns:
        partly = partly[partly[matrix.by] == wave]
    return panel.index.isin(partly[matrix.rows]).astype(bool)


def _panel_reasons(matrix: Any, wave: Any, panel: pd.DataFrame) -> np.ndarray:
    """Each cell's ``reason`` in ``matrix.tidy`` (why it has no value: an attrition state, ``not coded``, ``partly
    coded``…), aligned with ``panel``'s rows and columns, "" where none."""
    tidy = matrix.tidy if wave is None else matrix.tidy[matrix.tidy[matrix.by] == wave]
    said = tidy.dropna(subset=["reason"]).drop_duplicates([matrix.rows, matrix.cols]).set_index([matrix.rows, matrix.cols])["reason"]
    cells = pd.MultiIndex.from_product([panel.index, panel.columns])
    return said.reindex(cells).fillna("").astype(str).to_numpy().reshape(panel.shape)


def alluvial(placements: Placements | pd.DataFrame, *, facet: str | None = None, use_overrides: bool = True, codebook: Any = None, ax: Axes | None = None) -> Axes:
    """Cases flowing between levels from wave to wave (an alluvial diagram).

    Each wave is a column of blocks, one per level (height = number of cases),
    plus a grey block for cases not placed there (missing or insufficient
    evidence); bands between columns carry the cases that moved.

    Parameters
    ----------
    placements : Placements or DataFrame
        From :func:`qlr.track.ladder` by case and wave (a plain table needs ``codebook=``).
    facet : str, optional
        Required when the placements hold several facets.
    use_overrides : bool
        Read ``final_level`` (researchers' overrides applied).
    codebook : Codebook, optional
        The codebook whose ladder the placements are on (needed for a plain table).
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
    >>> ax = qlr.plot.alluvial(qlr.track.ladder(study.sel(role="carer"), facet="delivery"))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['W1', 'W2', 'W3']
    """
    rows, facet = _one_facet(placements, facet)
    info = ladder_info(placements, codebook)
    levels = [v for v, _, _ in info["levels"]]
    names = {v: name for v, name, _ in info["levels"]}
    waves = info.get("waves") or list(dict.fromkeys(rows["wave_id"]))
    waves = [w for w in waves if w in set(rows["wave_id"])]
    column = "final_level" if use_overrides and "final_level" in rows else "level"
    states = rows.pivot_table(index="case_id", columns="wave_id", values=column, aggfunc="first")
    states = states.reindex(columns=waves)
    categories: list[Any] = ["—"] + levels  # "—": not placed
    ax = new_axes(ax)
    width, gap = 0.12, 0.4
    positions: dict[tuple[int, Any], tuple[float, float]] = {}
    for x, wave in enumerate(waves):
        column_values = states[wave].apply(lambda v: "—" if pd.isna(v) else int(v))
        bottom = 0.0
        for category in categories:
            count = int((column_values == category).sum())
            if count == 0:
                continue
            colour = "#CCCCCC" if category == "—" else OKABE_ITO[levels.index(category) % len(OKABE_ITO)]
            ax.bar(x, count, width=width, bottom=bottom, color=colour, edgecolor="white", linewidth=0.8, zorder=3)
            ax.text(x, bottom + count / 2, str(count), ha="center", va="center", fontsize=7, zorder=4)
            if x == 0:
                label = "not placed" if category == "—" else f"{category} {names[category]}"
                ax.text(x - width / 2 - 0.03, bottom + count / 2, label, ha="right", va="center", fontsize=7)
            positions[(x, category)] = (bottom, bottom + count)
            bottom += count + gap
    t = np.linspace(0, 1, 40)
    smooth = 3 * t**2 - 2 * t**3
    for x in range(len(waves) - 1):
        first, second = waves[x], waves[x + 1]
        out_used = {key: positions[key][0] for key in positions if key[0] == x}
        in_used = {key: positions[key][0] for key in positions if key[0] == x + 1}
        moves = states[[first, second]].apply(lambda col: col.map(lambda v: "—" if pd.isna(v) else int(v)))
        counts = moves.groupby([first, second]).size()
        for source in categories:
            for target in categories:
                n = int(counts.get((source, target), 0))
                if n == 0:
                    continue
                y0 = out_used[(x, source)]
                y1 = in_used[(x + 1, target)]
                out_used[(x, source)] += n
                in_used[(x + 1, target)] += n
                xs = x + width / 2 + t * (1 - width)
                lower = y0 + (y1 - y0) * smooth
                colour = "#CCCCCC" if source == "—" else OKABE_ITO[levels.index(source) % len(OKABE_ITO)]
                ax.fill_between(xs, lower, lower + n, color=colour, alpha=0.45, linewidth=0, zorder=2)
    import matplotlib.pyplot as plt

    used = sorted({c for (_, c) in positions}, key=lambda c: -1 if c == "—" else c)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color="#CCCCCC" if c == "—" else OKABE_ITO[levels.index(c) % len(OKABE_ITO)], label="not placed" if c == "—" else f"{c} {names[c]}")
        for c in reversed(used)
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    ax.set_xticks(range(len(waves)), waves)
    ax.set_xlim(-0.8, len(waves) - 0.8)
    ax.set_yticks([])
    ax.set_ylabel("Cases")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"Movement between levels: {_facet_name(info, facet)}" if facet else "Movement between levels", fontsize=10)
    return ax


def network_panels(
    graphs: dict[Any, Any],
    *,
    fig: Figure | None = None,
    seed: int = 7,
    labels: bool = True,
    node_size: float = 160,
    role_colours: dict[str, str] | None = None,
    top: int | None = TOP_CODES,
) -> Figure:
    """One network panel per wave, all drawn on one layout so change is visible.

    The layout is computed once (networkx spring layout, seeded) on the union of
    all waves' graphs; a node absent from a wave is drawn faint at its place.
    Nodes are sized by degree and coloured by their own ``colour`` (a code's
    colour in :func:`qlr.net.cooccurrence`) or else by ``role``; directed ties
    have arrows.

    Parameters
    ----------
    graphs : dict
        ``{wave: graph}``, as :func:`qlr.net.actors` or :func:`qlr.net.cooccurrence` return.
    fig : Figure, optional
        Where to draw (default: a new figure).
    seed : int
        Seed of the layout: the same seed draws the same picture.
    labels : bool
        Label the nodes (cases by id, people by first name, organisations by initials).
    node_size : float
        Size of a node without ties (matplotlib's points²).
    role_colours : dict of str to str, optional
        Role → colour.  Roles it leaves out take the Okabe–Ito colours in the
        order of the roles' names, the same in every panel.
    top : int or None, default 30
        Of a co-occurrence network (:func:`qlr.net.cooccurrence`) with more codes than this, draw the ``top`` codes
        with the most codings over all panels (ties by id) and their ties; the figure's title says how many were
        left out (the graphs, and the tables made from them, stay whole). None draws every code. A network of more
        than 20 codes is drawn on a circle, in the order of their themes, each label outside its node along the
        radius, so labels do not overlap. Networks of people are drawn whole.

    Returns
    -------
    Figure
        The figure drawn on: one axes per graph, and a legend of the roles.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> fig = qlr.plot.network_panels(qlr.net.actors(study))
    >>> [ax.get_title().split(":")[0] for ax in fig.axes]
    ['W1', 'W2', 'W3']
    """
    import matplotlib.pyplot as plt
    import networkx as nx

    if not graphs:
        raise SelectionError("no graphs to draw", hint="pass the dict that qlr.net.actors or cooccurrence returns")
    if top is not None:
        check_number("top", top, minimum=1, integer=True)
    union = nx.compose_all([g.to_undirected() if g.is_directed() else g for g in graphs.values()]) if len(graphs) > 1 else next(iter(graphs.values())).to_undirected()
    union = nx.Graph(union)
    codes = bool(len(union)) and all("theme" in data for _, data in union.nodes(data=True))  # qlr.net.cooccurrence's
    left_out = 0
    if codes and top is not None:
        kept = _most_coded(graphs, top)
        left_out = len(union) - len(kept)
        if left_out:
            graphs = {key: graph.subgraph(n for n in graph if n in kept) for key, graph in graphs.items()}
            union = union.subgraph(kept)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(union.nodes(data=True), key=lambda item: str(item[0])))
    ordered.add_edges_from(sorted(union.edges(data=True), key=lambda item: (str(item[0]), str(item[1]))))
    circle = codes and len(ordered) > 20
    if circle:
        # Many codes: on a circle in the order of their themes (a theme's codes side by side), labels outside.
        around = sorted(ordered.nodes, key=lambda n: (str(ordered.nodes[n].get("theme")), str(n)))
        angles = {n: 2 * np.pi * at / len(around) for at, n in enumerate(around)}
        layout = {n: np.array([np.cos(a), np.sin(a)]) for n, a in angles.items()}
    else:
        # A seeded force-directed layout with generous spacing (k) so dense waves stay legible.
        layout = nx.spring_layout(ordered, seed=seed, k=3.0 / np.sqrt(max(len(ordered), 1)), iterations=500)
    if fig is None:
        fig = new_figure((min(5.6 * len(graphs), 16), 6.4) if circle else (min(4.8 * len(graphs), 15), 5.2))
    axes = fig.subplots(1, len(graphs), squeeze=False)[0]
    roles = sorted({str(graph.nodes[n].get("role") or "") for graph in graphs.values() for n in graph} - {""})
    palette = colours_by_role(roles, role_colours)
    for ax, (key, graph) in zip(axes, graphs.items()):
        absent = [n for n in ordered if n not in graph]
        nx.draw_networkx_nodes(ordered, layout, nodelist=absent, node_color="#EEEEEE", node_size=node_size * 0.5, ax=ax)
        present = sorted(graph.nodes, key=str)
        degree = dict(graph.degree())
        fills = [_node_colour(graph.nodes[n], palette) for n in present]
        sizes = [node_size * (0.7 + 0.25 * np.sqrt(degree.get(n, 0))) for n in present]
        edges = sorted(graph.edges(), key=lambda e: (str(e[0]), str(e[1])))
        # Curved arrows keep a tie and its reverse apart; undirected ties are straight lines.
        curve = {"arrowsize": 7, "connectionstyle": "arc3,rad=0.08"} if graph.is_directed() else {}
        nx.draw_networkx_edges(graph, layout, edgelist=edges, ax=ax, edge_color="#777777", width=0.8, arrows=graph.is_directed(), node_size=sizes[0] if sizes else node_size, **curve)
        nx.draw_networkx_nodes(graph, layout, nodelist=present, node_color=fills, node_size=sizes, ax=ax, edgecolors="#333333", linewidths=0.5)
        shown = _node_labels(graph)
        if labels and circle:
            for n in present:
                angle = float(np.degrees(angles[n]))
                left = 90 < angle < 270
                x, y = 1.1 * layout[n]
                ax.text(
                    x, y, _as_drawn(shown[n].replace("\n", " ")), fontsize=5.5, rotation=angle - 180 if left else angle,
                    rotation_mode="anchor", ha="right" if left else "left", va="center",
                )
            ax.set_xlim(-1.9, 1.9)
            ax.set_ylim(-1.9, 1.9)
            ax.set_aspect("equal")
        elif labels:
            # Each label under its node, clear of the circle (its radius in points, sqrt of the marker's area, over 2).
            for n, size in zip(present, sizes):
                ax.annotate(
                    _as_drawn(shown[n]), xy=tuple(layout[n]), xytext=(0, -(np.sqrt(size) / 2 + 1.5)),
                    textcoords="offset points", ha="center", va="top", fontsize=6, linespacing=1.0,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},  # over ties, legible
                )
            ax.margins(0.12)  # room for the labels of the outermost nodes
        ax.set_title(f"{key}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties", fontsize=9)
        ax.set_axis_off()
    if left_out:
        fig.suptitle(
            f"{len(union)} of {len(union) + left_out} codes drawn, those with the most codings: {left_out} left out\n"
            "(top=None draws them all; the graphs and their tables hold every code)", fontsize=9,
        )
    if roles:
        handles = [plt.Line2D([], [], marker="o", linestyle="none", markersize=6, markerfacecolor=palette[r], markeredgecolor="#333333", label=r.replace("_", " ")) for r in roles]
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), fontsize=8, frameon=False)
    return fig


def _most_coded(graphs: dict[Any, Any], top: int) -> set[Any]:
    """The ``top`` codes of co-occurrence graphs with the most codings over all of them (their ``frequency``), ties by id."""
    total: dict[Any, int] = {}
    for graph in graphs.values():
        for node, data in graph.nodes(data=True):
            total[node] = total.get(node, 0) + int(data.get("frequency") or 0)
    return set(sorted(total, key=lambda n: (-total[n], str(n)))[: max(int(top), 0)])


def _as_drawn(text: str) -> str:
    """A label from the data as matplotlib draws it, word for word: a ``$`` is a dollar, never the start of mathtext (a
    code named "Income $ and spending $" is not set as a formula, and "a $^$ b" does not stop the figure)."""
    return text.replace("$", r"\$")


#: The most characters of a code's or theme's name a figure's axis shows: longer ones lose their middle to "…" (both
#: ends kept: a nested code's path starts with its theme and ends with its own name; the data keep the whole name).
#: NVivo node names of 100 characters and more drew a heatmap taller than a page and squeezed its panels to a strip;
#: the real two-coder NVivo project's longest name (53, "HBM 1. Perceived Susceptibility – Észlelt fogékonyság") stays whole.
TICK_LABEL_WIDTH = 56


def _axis_labels(labels: list[str], width: int = TICK_LABEL_WIDTH) -> list[str]:
    """Codes' labels as an axis draws them: cut in the middle to ``width`` (:func:`qlr._names.told_apart`: two cut
    alike are cut a little wider), word for word (:func:`_as_drawn`)."""
    from .._names import told_apart

    return [_as_drawn(label) for label in told_apart([str(label) for label in labels], width)]


#: How many characters a line of a code's or theme's label under its node holds (two lines at most).
NODE_LINE = 16


def _node_labels(graph: Any) -> dict[Any, str]:
    """Each node's label (:func:`_short_label`); codes or themes whose labels would read alike (three NVivo paths
    under one theme all drew "Perceived / barriers…") instead keep both ends of their names, cut in the middle to two
    lines (:func:`qlr._names.told_apart`), as a figure's axis cuts them.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from([(1, {"theme": "t", "name": "Perceived barriers / political / distrust of politicians"}),
    ...                   (2, {"theme": "t", "name": "Perceived barriers / practical / cost"}), (3, {"theme": "t", "name": "Trust"})])
    >>> for label in _node_labels(g).values():
    ...     print(label)
    Perceived barri
    …t of politicians
    Perceived barri
    …practical / cost
    Trust
    """
    from collections import Counter

    from .._names import told_apart

    labels = {n: _short_label(n, graph.nodes[n]) for n in graph}
    seen = Counter(labels.values())
    alike = [n for n in graph if seen[labels[n]] > 1 and "theme" in graph.nodes[n] and "name" in graph.nodes[n]]
    names = [str(graph.nodes[n]["name"]).strip() or str(n) for n in alike]
    for n, name, short in zip(alike, names, told_apart(names, 2 * NODE_LINE)):
        if short == name:  # short enough whole: on as many lines as it takes
            labels[n] = textwrap.fill(name, NODE_LINE)
        elif short.count("…") > name.count("…") + 1:  # cut twice around where it parts from another: halved
            labels[n] = short[: len(short) // 2] + "\n" + short[len(short) // 2 :]
        else:  # middle_cut's own halves: the head before "…", the tail after it
            head = (len(short) - 1) // 2
            labels[n] = short[:head].rstrip() + "\n…" + short[head + 1 :].lstrip()
    return labels


def _short_label(node: Any, data: dict[str, Any]) -> str:
    """Case ids as they are; codes and themes by their names, wrapped; people by first name; organisations by their initials."""
    if data.get("case") or "name" not in data:
        return str(node)
    if "theme" in data:
        # A code or theme of qlr.net.cooccurrence: its name in words (initials of "Negative evidence" read as "NE").
        # A blank name (a tool's code saved without one) is drawn by its id, not as a node with no label.
        return _wrapped(str(data["name"]).strip() or str(node), width=NODE_LINE, lines=2)
    name = str(data.get("name", node))
    if data.get("kind") == "person":
        return name.split()[0]
    words = [w for w in name.replace("&", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words) if len(words) > 1 else name[:10]


def _wrapped(text: str, *, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, broken between words, "…" where cut.

    A word longer than a line is kept whole on a line of its own; only a word longer than two lines' width, which no
    label can hold, is broken, with a hyphen. Cut after the last line's last word (a dash or comma left there is
    dropped), never inside it.

    Examples
    --------
    >>> print(_wrapped("Contraindications to the vaccine", width=16, lines=2))
    Contraindications
    to the vaccine
    >>> print(_wrapped("HBM 5. Cue to Action – Cselekvésre", width=16, lines=2))
    HBM 5. Cue to
    Action…
    >>> print(_wrapped("Donaudampfschifffahrtsgesellschaftskapitän", width=16, lines=2))
    Donaudampfschif-
    ffahrtsgesellschaftskapitän
    """
    import textwrap
    import unicodedata

    # Composed first: a letter typed as base + accent ("e" + U+0301, as some tools save it) is one character, so a
    # break never strands an accent at the start of the next line, and the width counts letters, not code points.
    words = []
    for word in unicodedata.normalize("NFC", text).split():
        while len(word) > 2 * width:
            words.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        words.append(word)
    parts = textwrap.wrap(" ".join(words), width=width, break_long_words=False) or [text]
    if len(parts) > lines:
        parts = parts[:lines]
        kept = parts[-1].split()
        while len(kept) > 1 and not any(character.isalnum() for character in kept[-1]):
            kept.pop()  # "Action –…": the dash led to the words cut
        parts[-1] = " ".join(kept) + "…"
    return "\n".join(parts)


def _node_colour(data: dict[str, Any], palette: dict[str, str]) -> str:
    # A colour from a codebook or a graph file is drawn only if it is one.
    return safe_colour(data.get("colour")) or palette.get(str(data.get("role") or ""), "#999999")


def network_dynamics(dynamics: Any, *, fig: Figure | None = None) -> Figure:
    """How networks change: size, cohesion, and tie turnover between waves (three panels).

    Parameters
    ----------
    dynamics : Dynamics
        From :func:`qlr.net.dynamics`.
    fig : Figure, optional
        Where to draw (default: a new figure).

    Returns
    -------
    Figure
        The figure drawn on, with the three axes.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> fig = qlr.plot.network_dynamics(qlr.net.dynamics(qlr.net.actors(study)))
    >>> [ax.get_title() for ax in fig.axes]
    ['Size', 'Cohesion', 'Tie turnover']
    """

    waves = dynamics.waves
    given = fig is not None
    if fig is None:
        fig = new_figure((9.5, 3.2))
    size_ax, cohesion_ax, turnover_ax = fig.subplots(1, 3)
    x = range(len(waves))
    labels = [str(w) for w in waves.index]
    size_ax.plot(x, waves["nodes"], marker="o", color="#0072B2", label="nodes")
    size_ax.plot(x, waves["ties"], marker="s", color="#E69F00", label="ties")
    size_ax.set_title("Size", fontsize=10)
    cohesion_ax.plot(x, waves["density"], marker="o", color="#009E73", label="density")
    if waves["reciprocity"].notna().any():
        cohesion_ax.plot(x, waves["reciprocity"], marker="s", color="#CC79A7", label="reciprocity")
    cohesion_ax.plot(x, waves["centralisation"], marker="^", color="#D55E00", label="centralisation")
    cohesion_ax.set_ylim(0, 1)
    cohesion_ax.set_title("Cohesion", fontsize=10)
    for ax in (size_ax, cohesion_ax):
        ax.set_xticks(list(x), labels)
        ax.legend(fontsize=7, frameon=False)
    turnover = dynamics.turnover
    pairs = [f"{a}→{b}" for a, b in zip(turnover["from"], turnover["to"])]
    bottom = np.zeros(len(turnover))
    for name, colour in (("kept", "#0072B2"), ("new", "#009E73"), ("lost", "#D55E00")):
        values = turnover[name].to_numpy(dtype=float)
        turnover_ax.bar(pairs, values, bottom=bottom, color=colour, label=name)
        bottom += values
    turnover_ax.set_title("Tie turnover", fontsize=10)
    turnover_ax.legend(fontsize=7, frameon=False)
    if given:  # a figure of the caller's, as before; qlr's own is laid out as it is drawn
        fig.tight_layout()
    return fig


@renamed_keywords(level="granularity")
def codeline(study: Study, case: str, *, granularity: str = "theme", codebook: Any = None, ax: Axes | None = None) -> Axes:
    """Codes along one case's documents in time order: where in each interview each code falls.

    The x axis runs through the case's documents wave by wave (each document
    scaled to the same width, wave boundaries marked); one row per code or theme.
    A mark is a coding the matrices count (:func:`qlr.evidence.evidence`).

    Parameters
    ----------
    study : Study
        The coded study.
    case : str
        The case whose documents to draw.
    granularity : {"theme", "code"}
        One row per theme (its codes' marks together; those of its codes that
        count against it on a row of their own, ``"<theme> (against)"``) or per
        code.  (Formerly
        ``level=``, which still works with a warning.)
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or
        path; defaults to the study's only codebook.
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
    >>> ax = qlr.plot.codeline(study, "C01")
    >>> ax.get_title()
    'C01: codes through the documents, in time order'
    """
    from ..evidence import coding_cases, evidence, in_codebook, pick_codebook, segment_cases

    check_choice("granularity", granularity, ("theme", "code"))
    cb = pick_codebook(study, codebook)
    # The case's documents, and the focus groups with no case it spoke in (its turns there only).
    whose = segment_cases(study)
    spoke = set(whose.loc[whose["attributed"].to_numpy(dtype=bool) & whose["case_id"].eq(case).fillna(False).to_numpy(dtype=bool), "doc_id"])
    documents = study.documents[study.documents["case_id"].eq(case).fillna(False) | study.documents["doc_id"].isin(spoke)]
    if documents.empty:
        raise SelectionError(f"case {case!r} has no documents", hint="see study.cases and study.documents")
    order = {w: i for i, w in enumerate(study.waves["wave_id"])}
    documents = documents.assign(order=documents["wave_id"].map(order)).sort_values(["order", "date", "doc_id"], kind="stable")
    # The marks are the evidence the matrices count: no pending or rejected suggestion, one coder per passage, a
    # summary's coding as the codebook's ladder counts it.
    from ..track._evidence import counts_summaries

    codings = study.codings
    mine = codings["doc_id"].isin(documents["doc_id"]).to_numpy(dtype=bool) & codings["code_id"].isin([c.id for c in cb]).to_numpy(dtype=bool) & in_codebook(codings, cb)
    codings = evidence(study, codings[mine], summaries=counts_summaries(cb))
    whose = coding_cases(study, codings)  # a joint voice's coding is each named case's
    codings = codings.iloc[sorted(set(whose.loc[whose["case_id"].eq(case).fillna(False).to_numpy(dtype=bool), "row"]))]
    # Theme rows are the codebook's roll-ups: a theme's evidence against it is a row apart from it.
    label_of = (lambda c: cb.rollup(c)) if granularity == "theme" else (lambda c: c)
    rows = cb.rollups() if granularity == "theme" else [c.id for c in cb.codes]
    used = [r for r in rows if r in set(codings["code_id"].map(label_of))] or rows[:1]
    ax = new_axes(ax, size=(6.3, 1.0 + 0.28 * len(used)))
    lengths = dict(zip(documents["doc_id"], documents["text"].fillna("").str.len()))
    for x, doc in enumerate(documents.itertuples(index=False)):
        ax.axvline(x, color="#BBBBBB", linewidth=0.8)
        ax.text(x + 0.5, len(used) - 0.3, f"{doc.wave_id}", ha="center", fontsize=8)
        mine = codings[codings["doc_id"] == doc.doc_id]
        for coding in mine.itertuples(index=False):
            label = label_of(coding.code_id)
            if label not in used:
                continue
            y = used.index(label)
            ax.plot(x + coding.start / max(lengths[doc.doc_id], 1), y, "|", color=safe_colour(cb.colour_of(coding.code_id), default="#333333"), markersize=10, markeredgewidth=1.5)
    ax.set_yticks(range(len(used)), _axis_labels(list(code_labels(cb, used).values())), fontsize=8)
    ax.set_ylim(-0.6, len(used))
    ax.set_xlim(0, len(documents))
    ax.set_xticks([])
    ax.set_title(f"{case}: codes through the documents, in time order", fontsize=10)
    return ax


def change_grid(changes: pd.DataFrame, *, ax: Axes | None = None, codebook: Any = None, top: int | None = TOP_CODES) -> Axes:
    """Change categories as a grid: cases × codes (or themes), one colour per category.

    Parameters
    ----------
    changes : DataFrame
        From :func:`qlr.track.change`.
    ax : Axes, optional
        Where to draw (default: a new figure).
    codebook : Codebook, optional
        The codebook to label codes by, as :meth:`qlr.Codebook.labels` shows them (by name). Without it,
        the codebook the changes were counted by (what :func:`qlr.track.change` keeps in
        ``changes.attrs["code_labels"]``); a plain table without those is labelled by its ids.
    top : int or None, default 30
        As in :func:`matrix_heatmap`: of more codes or themes than this, draw the ``top`` with the most codings
        over every case and wave (the sum of the waves' columns: codings, or densities where the changes were
        counted by density; ties by id), in the table's order; the title says how many were left out. None draws
        every column.

    Returns
    -------
    Axes
        The axes drawn on, with a legend of the categories shown.

    Raises
    ------
    SelectionError
        Where no case was seen at two or more waves (a one-wave study): every row is "not enough waves", a grid of
        one colour. The report says so in a line instead of drawing it.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> ax = qlr.plot.change_grid(qlr.track.change(study.sel(role="carer"), granularity="theme"))
    >>> len(ax.get_yticklabels())
    11
    >>> [t.get_text() for t in ax.get_xticklabels()][:2]
    ['Assets', 'Assets (against)']
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    from ..track._change import no_case_followed

    if top is not None:
        check_number("top", top, minimum=1, integer=True)
    if no_case_followed(changes):
        raise SelectionError(
            "change_grid: no case was seen at two or more waves, so every row is \"not enough waves\" and a grid would be one colour",
            hint="change needs a study with two waves or more (study.waves); for one wave, draw qlr.plot.matrix_heatmap",
        )
    column = "theme" if "theme" in changes.columns else "code_id"
    columns = list(dict.fromkeys(changes[column]))
    # The waves' columns sit between the code's column and waves_seen (track.change's layout; a plain table may have none).
    waves = list(changes.columns[changes.columns.get_loc(column) + 1 : changes.columns.get_loc("waves_seen")]) if "waves_seen" in changes.columns else []
    total = changes.groupby(column, sort=False)[waves].sum(min_count=1).sum(axis=1) if waves else pd.Series(dtype=float)
    kept = _top_columns(total, columns, top)
    table = changes.pivot(index="case_id", columns=column, values="category")
    table = table.reindex(index=list(dict.fromkeys(changes["case_id"])), columns=kept)
    categories = list(CHANGE_COLOURS)
    # A value that is not a change category (a number of codings gained, -3; a category of one's own) would be drawn
    # blank, as white as "absent", with nothing said.
    unknown = sorted({str(v) for v in changes["category"].dropna()} - set(categories))
    if unknown:
        cells = int(changes["category"].dropna().astype(str).isin(unknown).sum())
        raise InvalidParameterError(
            f"changes: {number_of(cells, 'cell')} of {len(changes)} hold a value that is not a change category ({', '.join(map(repr, unknown[:5]))}{', …' if len(unknown) > 5 else ''})",
            hint=f"pass the table qlr.track.change returns, or categories among {', '.join(categories)}",
        )
    codes = table.apply(lambda col: col.map(lambda v: categories.index(str(v)) if pd.notna(v) and str(v) in categories else np.nan)).to_numpy(dtype=float)
    # Codes by name (Codebook.labels): the codebook given, else the one the changes were counted by (their attrs),
    # cut to TICK_LABEL_WIDTH on the axis; the figure is as much taller as its longest label takes at 45°.
    shown_as = code_labels(codebook, [str(c) for c in table.columns]) if codebook is not None else changes.attrs.get("code_labels", {})
    ticks = _axis_labels([shown_as.get(str(c), str(c)) for c in table.columns])
    ax = new_axes(ax, size=(max(4.5, 0.45 * table.shape[1] + 3), 1.2 + 0.3 * table.shape[0] + 0.06 * max(map(display_width, ticks), default=0)))
    ax.imshow(np.ma.masked_invalid(codes), cmap=ListedColormap([CHANGE_COLOURS[c] for c in categories]), vmin=-0.5, vmax=len(categories) - 0.5, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(table.shape[1]), ticks, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(table.shape[0]), [str(c) for c in table.index], fontsize=8)
    ax.set_xticks(np.arange(-0.5, table.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, table.shape[0]), minor=True)
    ax.grid(which="minor", color="#DDDDDD", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    present = [c for c in categories if c in set(map(str, table.to_numpy().ravel()))]
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=CHANGE_COLOURS[c], edgecolor="#999999", label=c) for c in present]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
    left_out = _left_out_words(kept, columns, "themes" if column == "theme" else "codes")
    # The line on what top= left out wrapped to the figure's width (about 13 characters an inch), as the heatmap's.
    said = textwrap.wrap(left_out, width=max(30, int(ax.figure.get_size_inches()[0] * 13)))
    ax.set_title("\n".join(["Change over the waves", *said]), fontsize=10 if not said else 9)
    return ax
