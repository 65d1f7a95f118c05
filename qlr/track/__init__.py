"""Change over time: framework matrices, change categories, ladder placement, trajectories.

Every function takes a :class:`qlr.Study` (or placements made from one) and
returns a new table or result object (:class:`Matrix`, :class:`Placements`,
:class:`Transitions`, :class:`Portrait`), leaving its input as it was; a case
missing at a wave is always *missing*, never zero.
"""

from __future__ import annotations

from .._lazy import listing
from ._change import CATEGORIES, change, change_summary, classify
from ._chart import Chart, chart

# Time-ordered displays (issue 17)
from ._displays import META_ORDERS, Display, case_ordered_meta_matrix, event_listing, time_ordered_matrix
from ._ladder import ORIGIN_WEIGHTS, ladder, place
from ._matrix import VALUES, Matrix, matrix, quotes
from ._placements import Placements
from ._portrait import Portrait, portrait
from ._saldana import cumulative, missing_through_time, persistent_themes, through_lines, turning_points
from ._sequence import SEQUENCE_STATES, Sequences, sequence_indicators, sequences, state_distribution
from ._sequence_cluster import CLUSTER_METHODS, SequenceClusters, sequence_clusters, silhouette_widths
from ._sequence_distance import DISTANCE_METHODS, SUBSTITUTIONS, sequence_distances, substitution_costs
from ._trajectory import TRAJECTORY_TYPES, Transitions, trajectories, trajectory_type, transitions

__all__ = [
    "matrix",
    "quotes",
    "Matrix",
    "chart",
    "Chart",
    "change",
    "change_summary",
    "classify",
    "ladder",
    "place",
    "Placements",
    "trajectories",
    "trajectory_type",
    "transitions",
    "Transitions",
    "portrait",
    "Portrait",
    "CATEGORIES",
    "TRAJECTORY_TYPES",
    "VALUES",
    "ORIGIN_WEIGHTS",
    # Time-ordered displays (issue 17)
    "time_ordered_matrix",
    "case_ordered_meta_matrix",
    "event_listing",
    "Display",
    "META_ORDERS",
    # Trajectory sequences and Saldaña's longitudinal questions (issue 17).
    "sequences",
    "Sequences",
    "sequence_distances",
    "substitution_costs",
    "sequence_clusters",
    "SequenceClusters",
    "silhouette_widths",
    "sequence_indicators",
    "state_distribution",
    "SEQUENCE_STATES",
    "DISTANCE_METHODS",
    "SUBSTITUTIONS",
    "CLUSTER_METHODS",
    "cumulative",
    "turning_points",
    "through_lines",
    "persistent_themes",
    "missing_through_time",
]

__dir__ = listing(globals())  # the public names, not annotations or os
