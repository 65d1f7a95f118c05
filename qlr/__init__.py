"""qlr: qualitative longitudinal research in Python.

Load interviews, notes and documents for the same cases across waves into one
:class:`Study`, code them, and follow how each case changes over time.

>>> import qlr
>>> study = qlr.load("data/sample")
>>> study.summary()["waves"]
3
"""

from __future__ import annotations

from . import code, codebook, errors, evidence, io, net, plot, report, track
from ._version import __version__
from .codebook import Codebook, read_codebook
from .io import load, open
from .study import Study

__all__ = ["Study", "Codebook", "load", "open", "read_codebook", "io", "code", "codebook", "evidence", "track", "net", "plot", "report", "errors", "__version__"]
