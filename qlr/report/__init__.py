"""The study report: one self-contained HTML page with its tables and figures beside it."""

from .._lazy import listing
from ._html import write_report

__all__ = ["write_report"]

__dir__ = listing(globals())  # the public names, not annotations or os
