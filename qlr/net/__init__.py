"""Networks per wave: code co-occurrence, actors' support ties, and how they change."""

from __future__ import annotations

from .._lazy import attach

# Public name -> the module defining it; networkx loads on first use.
_MODULES = {
    "cooccurrence": "._cooccurrence",
    "actors": "._actors",
    "dynamics": "._dynamics",
    "Dynamics": "._dynamics",
    "ego": "._dynamics",
    "write_graphs": "._dynamics",
    "mentions": "._actors",
    "SUPPORT_THEMES": "._actors",
    "COMPOSITION": "._dynamics",
    "UNITS": "._cooccurrence",
    "WEIGHTS": "._cooccurrence",
}
__all__ = list(_MODULES)
__getattr__, __dir__ = attach(__name__, _MODULES)
