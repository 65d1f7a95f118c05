"""Keeping Python's cycle collector from walking, again and again, objects a long run keeps.

The collector's oldest generation is walked whole each time it is collected,
and it is collected each time it has grown by a quarter.  Coding a large study
keeps millions of small objects (every text's matches), so those walks found
nothing and took a third of re-coding after an edit at ten million words.
:class:`KeptObjects` collects once, then *freezes* what is alive
(:func:`gc.freeze`): frozen objects are never walked until the run ends and
gives them back.  Collecting first means no garbage is frozen; spaCy's parses
do make reference cycles, so the collector is switched off only while code that
makes none runs (:meth:`KeptObjects.paused`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["KeptObjects"]


class KeptObjects:
    """A block in which :meth:`keep` takes what is alive out of the collector's walks until the block ends.

    Does nothing when the collector is off or the caller has frozen objects
    of their own (a process about to fork): their choice is left alone.

    Examples
    --------
    >>> import gc
    >>> with KeptObjects() as kept:
    ...     table = [[n] for n in range(1000)]
    ...     kept.keep()
    ...     gc.get_freeze_count() >= 1000
    True
    >>> gc.get_freeze_count()
    0
    """

    def __init__(self) -> None:
        self._active = False

    def __enter__(self) -> KeptObjects:
        self._active = gc.isenabled() and gc.get_freeze_count() == 0
        return self

    def keep(self) -> None:
        """Collect what is garbage now, then leave everything alive out of later walks."""
        if self._active:
            # Only what was made since the last call is walked: earlier objects are frozen.
            gc.collect()
            gc.freeze()

    def keep_existing(self) -> None:
        """Leave everything alive now out of later walks, without collecting first.

        Before a run that makes and keeps many objects (coding a study): each
        collection of the oldest generation would walk the study, the pipeline
        and the pre-filter's tables again, and a collection now would walk them
        once more to free little.  What is garbage now waits for the first
        collection after the block ends.
        """
        if self._active:
            gc.freeze()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Run code that makes no reference cycles (reading cached matches) without any walk, then keep what is alive.

        Only the young generations are collected before freezing (what the
        code made, and garbage made just before it): a full collection would
        walk the whole heap, the study and the pipeline included, a tenth of a
        second in a new process, for the garbage that :meth:`keep_existing`
        leaves to the end of the block anyway.

        Building the matcher and the pre-filter is such code too (stop 59): the
        bundled codebook's make 125,000 objects, 75,000 of them kept for the
        process and none left as cyclic garbage; made with the collector on,
        some 250 young collections walked them as they grew and their number
        set off a full collection inside the build.  Paused, they are walked
        once, by the young collection here.
        """
        if not self._active:
            yield
            return
        gc.disable()
        try:
            yield
        finally:
            gc.enable()
        gc.collect(1)
        gc.freeze()

    def __exit__(self, *exc: Any) -> None:
        if self._active:
            gc.unfreeze()
