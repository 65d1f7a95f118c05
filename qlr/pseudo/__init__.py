"""Pseudonymise a study consistently across waves, and package it for an archive.

``pseudonymise`` replaces every identifier of the roster (and of the user's list,
patterns and accepted review candidates) with one pseudonym everywhere, keeps
codings on their words, and returns the key apart from the study; ``restore``
reverses it with the key; ``disclosure`` finds attribute combinations too rare
to share; ``deposit`` writes an archive-ready folder that never holds the key or
an original text.
"""

from __future__ import annotations

from .._lazy import listing
from ._apply import PATTERN_KINDS, STYLES, Pseudonymisation, pseudonymise
from ._deposit import deposit
from ._disclosure import disclosure
from ._key import read_key, restore, write_key

__all__ = ["pseudonymise", "Pseudonymisation", "restore", "write_key", "read_key", "disclosure", "deposit", "PATTERN_KINDS", "STYLES"]

__dir__ = listing(globals())  # the public names, not annotations or os
