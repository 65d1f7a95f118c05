"""A record of the qlr warnings a step on a study gave, kept in ``study.meta["warnings"]``.

Warnings go to the screen and are gone; a report read months later must still say that a
file was not loaded or that a transcript read as another language.  This is the one place
that keeps them: :func:`noting_warnings` wraps a step (loading, importing, opening, rule
coding), lets every warning through unchanged (same text, category, file and line, and the
filters the caller set: ``-W error`` still raises, ``ignore`` still hides), and
:func:`keep_warnings` adds each :class:`~qlr.errors.QlrWarning`'s category and message to
the study's metadata, which a ``.qlr`` file saves.  The record is kept even where the caller
hid the warning (``qlr -q``, ``warnings.simplefilter("ignore")``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

__all__ = ["noting_warnings", "keep_warnings", "warn", "LeftOut"]

# Frames in these files are qlr's own workings (or the ``with`` machinery around them), never the
# line a user wrote: a warning is shown at the first frame outside them.
_QLR_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_MACHINERY = (_QLR_DIR, os.path.abspath(contextlib.__file__))


class LeftOut(str):
    """A reader's note that says something of the file was not imported (relations, events, labels of whole texts, …).

    An importer warns its notes together; those written ``LeftOut(...)`` are warned apart as a
    :class:`~qlr.errors.RowsRefusedWarning` (data left out: ``qlr`` exits with status 3), the rest
    (what was carried some other way, as memos or variables, or guessed) as a plain ``QlrWarning``.

    >>> note = LeftOut("2 relation(s) were not imported")
    >>> isinstance(note, str), isinstance("; ".join([note]), LeftOut)
    (True, False)
    """

    __slots__ = ()


def _is_qlr_frame(frame: Any) -> bool:
    return frame.f_code.co_filename.startswith(_MACHINERY)


def _first_outside(frame: Any) -> tuple[Any, int]:
    """The first frame at or above ``frame`` that is not qlr's, and how many frames up it is."""
    up = 0
    while frame.f_back is not None and _is_qlr_frame(frame):
        frame = frame.f_back
        up += 1
    return frame, up


def warn(message: str | Warning, category: type[Warning] | None = None) -> None:
    """Give a warning at the line of the caller's code that led to it, not at qlr's own line.

    A warning raised deep inside loading would otherwise point at a line of qlr in a
    notebook or a traceback (``…/qlr/io/_load.py:812``); pandas does the same walk.

    Parameters
    ----------
    message : str or Warning
        What ``warnings.warn`` takes.
    category : type, optional
        The warning's class, when ``message`` is a string.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn("a note", UserWarning)
    >>> caught[0].filename.endswith("_warned.py")
    False
    """
    _, up = _first_outside(sys._getframe(1))
    # stacklevel 1 is this function, 2 its caller, and ``up`` more for qlr's frames above that.
    warnings.warn(message, category, stacklevel=2 + up)


@contextmanager
def noting_warnings() -> Iterator[list[dict[str, str]]]:
    """Collect the qlr warnings given inside the block; on leaving it, give every warning as it was.

    Yields
    ------
    list of dict
        Filled when the block ends: one ``{"category": …, "message": …}`` per
        :class:`~qlr.errors.QlrWarning`, in the order given.
    """
    from .errors import QlrWarning

    notes: list[dict[str, str]] = []
    pending: list[Any] = []
    failed = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield notes
            finally:
                pending = list(caught)
    except BaseException:
        failed = True
        raise
    finally:
        # Outside the recording block, so the caller's filters (and pytest's) decide as they did.
        notes.extend({"category": w.category.__name__, "message": str(w.message)} for w in pending if issubclass(w.category, QlrWarning))
        if failed:
            # A step that failed still says what it warned of before; a warning the caller made an error
            # must not hide the step's own error.
            with suppress(Exception):
                _give_again(pending)
        else:
            _give_again(pending)


def _give_again(pending: list[Any]) -> None:
    """Each recorded warning given again, at the caller's line where it was given at qlr's own.

    A warning first given outside qlr (by pandas, say) keeps its place; one given inside qlr is
    given at the first frame outside it, with that frame's module filters and registry.
    """
    if not pending:
        return
    caller, _ = _first_outside(sys._getframe(1))
    modules = {getattr(module, "__file__", None): module for module in list(sys.modules.values())}
    for w in pending:
        filename, lineno = w.filename, w.lineno
        if filename.startswith(_QLR_DIR) and not _is_qlr_frame(caller):
            filename, lineno = caller.f_code.co_filename, caller.f_lineno
            registry = caller.f_globals.setdefault("__warningregistry__", {})
            module_name = caller.f_globals.get("__name__", "<string>")
            warnings.warn_explicit(w.message, w.category, filename, lineno, module=module_name, registry=registry)
            continue
        module = modules.get(filename)
        if module is not None:
            # No module_globals: for a script read from standard input ("python - < job.py") its loader is
            # BuiltinImporter, whose get_source raises; the warning's line is found by its file name instead.
            registry = module.__dict__.setdefault("__warningregistry__", {})
            warnings.warn_explicit(w.message, w.category, filename, lineno, module=module.__name__, registry=registry, source=w.source)
        else:  # a notebook cell, an interactive line
            warnings.warn_explicit(w.message, w.category, filename, lineno, source=w.source)


def keep_warnings(study: Any, step: str, notes: list[dict[str, str]]) -> None:
    """Add ``notes`` (from :func:`noting_warnings`) to ``study.meta["warnings"]`` under ``step``, each once.

    Parameters
    ----------
    study : Study
        The study the step made or changed.
    step : str
        What gave them: ``"load"``, ``"import"``, ``"open"``, ``"rule coding"``.
    notes : list of dict
        The collected warnings.
    """
    if not notes:
        return
    kept = study.meta.setdefault("warnings", [])
    seen = {(k.get("step"), k.get("category"), k.get("message")) for k in kept}
    for note in notes:
        key = (step, note["category"], note["message"])
        if key not in seen:  # the same codebook applied twice says its doubt once
            seen.add(key)
            kept.append({"step": step, **note})
