"""Figures: one function per figure, ``ax=None`` (or ``fig=None``) in, ``Axes`` (or ``Figure``) out.

Nothing is shown or saved by the figure functions: save with :func:`save_png`
(byte-identical files for the same data) or ``ax.figure.savefig(...)``.  A figure a
function makes itself (``ax=None``) has a constrained layout, so its tick labels,
titles and legends fit inside it when it is saved plainly.  Colours are
the Okabe–Ito colour-blind-safe palette and the codebook's theme colours; layouts
are seeded, so the same input draws the same image.
"""

from __future__ import annotations

from .._lazy import listing
from ._ena import ena_difference, ena_network, ena_units
from ._figures import (
    alluvial,
    change_grid,
    codeline,
    ladder_stages,
    matrix_heatmap,
    network_dynamics,
    network_panels,
    trajectories,
)
from ._sequence import sequence_distribution, sequence_entropy, sequence_index
from ._style import CHANGE_COLOURS, OKABE_ITO, save_png

__all__ = [
    "trajectories",
    "ladder_stages",
    "matrix_heatmap",
    "alluvial",
    "network_panels",
    "network_dynamics",
    "codeline",
    "change_grid",
    "sequence_distribution",
    "sequence_index",
    "sequence_entropy",
    "save_png",
    "OKABE_ITO",
    "CHANGE_COLOURS",
    # Epistemic networks (issue 17)
    "ena_network",
    "ena_difference",
    "ena_units",
]

__dir__ = listing(globals())  # the public names, not annotations or os
