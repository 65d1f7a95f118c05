"""Networks per wave: code co-occurrence, actors' support ties, and how they change."""

from __future__ import annotations

from ._actors import SUPPORT_THEMES, actors, mentions
from ._cooccurrence import UNITS, WEIGHTS, cooccurrence
from ._dynamics import COMPOSITION, Dynamics, dynamics, ego, write_graphs

__all__ = ["cooccurrence", "actors", "dynamics", "Dynamics", "ego", "write_graphs", "mentions", "SUPPORT_THEMES", "COMPOSITION", "UNITS", "WEIGHTS"]
