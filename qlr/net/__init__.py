"""Networks per wave: code co-occurrence, actors' support ties, and how they change."""

from __future__ import annotations

from .._check import deprecated_constants
from .._lazy import attach
from . import _legacy

# Public name -> the module defining it; networkx loads on first use.
_MODULES = {
    "cooccurrence": "._cooccurrence",
    "actors": "._actors",
    "support_codes": "._actors",
    "dynamics": "._dynamics",
    "Dynamics": "._dynamics",
    "ego": "._dynamics",
    "write_graphs": "._dynamics",
    "mentions": "._actors",
    "WINDOWS": "._cooccurrence",
    "WEIGHTS": "._cooccurrence",
    # Epistemic networks (issue 17)
    "ena": "._ena",
    "ENA": "._ena",
    "STANZA_SPEAKERS": "._ena",
}
__all__ = list(_MODULES)
_lazy_getattr, __dir__ = attach(__name__, _MODULES)
# Old names that held the sample study's vocabulary or the co-occurrence windows.
__getattr__ = deprecated_constants(
    __name__,
    {
        "SUPPORT_THEMES": ("the codebook's networks: {support: [...]} block (qlr.net.support_codes)", _legacy.SUPPORT_THEMES),
        "COMPOSITION": ("qlr.net.ego(..., composition=...) and qlr.net.dynamics(..., composition=...)", _legacy.COMPOSITION),
        "UNITS": ("qlr.net.WINDOWS", _legacy.UNITS),
    },
    fallback=_lazy_getattr,
)
