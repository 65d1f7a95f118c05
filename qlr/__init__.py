"""qlr: qualitative longitudinal research in Python.

Load interviews, notes and documents for the same cases across waves into one
:class:`Study`, code them, and follow how each case changes over time.

>>> import qlr
>>> study = qlr.load("data/sample")
>>> study.summary()["waves"]
3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import codebook, errors, evidence
from ._lazy import attach
from ._version import __version__
from .codebook import Codebook, read_codebook
from .study import Study

__all__ = ["Study", "Codebook", "load", "open", "read_codebook", "io", "code", "codebook", "evidence", "track", "net", "plot", "report", "errors", "__version__", "pseudo", "pseudonymise", "concat", "pool"]

# The subpackages (and with them pandas' heavier neighbours: scikit-learn, spaCy,
# SciPy, matplotlib, networkx) load on first use, so `import qlr` and `qlr --help`
# start about as fast as pandas itself (benchmarks/bench_import.py).
__getattr__, __dir__ = attach(
    __name__,
    {"load": ".io", "open": ".io", **{name: f".{name}" for name in ("io", "code", "track", "net", "plot", "report")}, "pseudo": ".pseudo", "pseudonymise": ".pseudo", "pool": ".pool", "concat": ".pool"},
)

if TYPE_CHECKING:  # pragma: no cover - what type checkers and editors see
    from . import code, io, net, plot, pool, pseudo, report, track
    from .io import load, open
    from .pool import concat
    from .pseudo import pseudonymise
