"""Colours and small helpers shared by the figures."""

from __future__ import annotations

from typing import Any

from ..errors import SelectionError
from ..evidence import NOT_CODED, PARTLY_CODED

#: Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

#: Line and text colours: Okabe–Ito without its yellow, which is hard to read on white.
LINE_COLOURS = [c for c in OKABE_ITO if c != "#F0E442"]

#: Band shading of a ladder, lightest for the lowest band.
BAND_COLOURS = ["#F2F2F2", "#E3EEF7", "#CFE3F1", "#B6D4EA", "#9DC4E2"]

#: How a case × wave the codebook did not read whole is drawn (:func:`qlr.evidence.case_wave_coverage`), apart from
#: "nothing found" (a zero, or a gap) and from a wave not seen: (face colour, hatch, edge colour) of a matrix cell with
#: no value, and the colour of its state in the sequence plots.
COVERAGE_STYLE = {
    NOT_CODED: ("#B7C4D1", "xx", "#6B7C8C"),
    PARTLY_CODED: ("#FBF1B8", "..", "#A08A00"),
}
#: A cell not seen at all (an attrition state: missed, dropped out…) in a matrix heatmap.
NOT_SEEN_STYLE = ("#EEEEEE", "///", "#BBBBBB")
#: A cell of a case seen at the wave that said nothing of its own there to divide by (a density's
#: "no participant words": only documents about it, or notes), in a matrix heatmap: seen, so not hatched as "not seen".
NO_WORDS_STYLE = ("#FFFFFF", "---", "#CCCCCC")

#: Change categories' colours (change_grid).
CHANGE_COLOURS = {
    "emerges": "#009E73",
    "increases": "#56B4E9",
    "surges": "#0072B2",
    "constant": "#BBBBBB",
    "idiosyncratic": "#CC79A7",
    "decreases": "#E69F00",
    "ceases": "#D55E00",
    "absent (common elsewhere)": "#F0E442",
    "absent": "#FFFFFF",
    "not enough waves": "#EEEEEE",
    # A pooled study's case its part never coded with the codebook (qlr.track.change's "not coded"): dark, so it is
    # never read as "absent" (white).
    "not coded": "#666666",
}


def colours_by_role(roles: list[str], given: dict[str, str] | None = None) -> dict[str, str]:
    """A colour for each role: the ones ``given``, then the Okabe–Ito colours in the order of ``roles``.

    Black is left out (labels are drawn on the nodes); past seven roles the colours repeat.
    """
    given = dict(given or {})
    free = [colour for colour in OKABE_ITO if colour != "#000000"]
    unnamed = [role for role in roles if role not in given]
    return {**{role: free[index % len(free)] for index, role in enumerate(unnamed)}, **given}


def ladder_info(placements: Any, codebook: Any = None) -> dict[str, Any]:
    """The ladder a set of placements was made on: a codebook's if given, else the one
    :class:`qlr.track.Placements` carry (a plain table does not say)."""
    from ..track import Placements

    if codebook is not None:
        steps, waves = codebook.ladder, None
        if steps is None:
            raise SelectionError(f"codebook {codebook.id} has no ladder", hint="use a codebook with a ladder block")
    elif isinstance(placements, Placements):
        steps, waves = placements.ladder, placements.waves
    else:
        raise SelectionError("these placements do not say which ladder they are on", hint="pass codebook=, or use placements from qlr.track.ladder")
    return {"name": steps.name, "levels": [(lv.value, lv.name, lv.band) for lv in steps.levels], "facets": [(f.id, f.name) for f in steps.facets], "waves": waves}


def band_spans(levels: list[tuple[int, str, str | None]]) -> list[tuple[float, float, str]]:
    """Consecutive levels sharing a band → (low, high, band) spans for shading."""
    spans: list[tuple[float, float, str]] = []
    for value, name, band in levels:
        label = band or name.lower()
        if spans and spans[-1][2] == label:
            spans[-1] = (spans[-1][0], value + 0.5, label)
        else:
            spans.append((value - 0.5, value + 0.5, label))
    return spans


def new_figure(size: tuple[float, float]) -> Any:
    """A figure of qlr's own, laid out so that its labels fit inside it.

    Constrained layout makes room for tick labels, axis titles, colour bars and
    legends when the figure is drawn, so ``ax.figure.savefig(path)`` keeps a
    ladder's level names whole without ``bbox_inches="tight"``; it is
    deterministic, so the same data still draws the same image.  The one place a
    figure function makes a figure.
    """
    import matplotlib.pyplot as plt

    return plt.figure(figsize=size, dpi=100, layout="constrained")


def new_axes(ax: Any = None, *, size: tuple[float, float] = (6.3, 3.9)) -> Any:
    """The axes to draw on: the one given, or a new figure's (thesis-page width by default, :func:`new_figure`)."""
    if ax is not None:
        return ax
    return new_figure(size).add_subplot(1, 1, 1)


def save_png(figure: Any, path: Any, *, dpi: int = 150) -> None:
    """Save a figure as a PNG that is byte-identical every time it is drawn from the same data.

    Matplotlib writes its version into a PNG by default, so a thesis figure would
    change when matplotlib is upgraded; this leaves that out and trims the margins.

    Parameters
    ----------
    figure : Figure
        What a :mod:`qlr.plot` function returned (``ax.figure`` for an ``Axes``).
    path : str, PathLike or binary file
    dpi : int

    Examples
    --------
    >>> import io, qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> stages = qlr.track.ladder(study, by="stage", facet="design")
    >>> first, second = io.BytesIO(), io.BytesIO()
    >>> qlr.plot.save_png(qlr.plot.ladder_stages(stages).figure, first)
    >>> qlr.plot.save_png(qlr.plot.ladder_stages(stages).figure, second)
    >>> first.getvalue() == second.getvalue()
    True
    """
    options = {"dpi": dpi, "format": "png", "metadata": {"Software": None}, "bbox_inches": "tight"}
    if hasattr(path, "write"):  # an open binary file is the caller's to manage
        _save_fitted(figure, path, options)
        return
    from .._atomic import atomic_path

    with atomic_path(path) as temporary:
        _save_fitted(figure, temporary, options)


def _save_fitted(figure: Any, target: Any, options: dict[str, Any]) -> None:
    """Save with the figure's constrained layout where it fits; where its labels leave its axes no room (a heatmap of
    a hundred long code names), again without it, so matplotlib does not warn and the saved box takes the labels in.
    One drawing in the usual case: the layout is judged while the figure is saved."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(target, **options)
    squeezed = [w for w in caught if "constrained_layout not applied" in str(w.message)]
    for other in caught:
        if other not in squeezed:
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
    if squeezed:
        figure.set_layout_engine("none")
        if hasattr(target, "seek"):
            target.seek(0)
            target.truncate()
        figure.savefig(target, **options)
