"""Checking the options a user passes: one place, one kind of message.

Every public function checks its options through these helpers, so a bad value
always raises :class:`qlr.errors.InvalidParameterError` (also a ``ValueError``
and a ``TypeError``) whose message names the parameter, the value given and the
values allowed, with a "did you mean" suggestion where one is close.  Each
helper returns the value it checked, so a check can sit in an assignment.

Ids that name nothing in a study (a case, wave or code that does not exist) are
not options: they raise :class:`qlr.errors.SelectionError` where they are looked up.

Examples
--------
>>> from qlr._check import check_choice, check_number
>>> check_choice("span", "segment", ("sentence", "segment"))
'segment'
>>> check_choice("span", "sentense", ("sentence", "segment"))
Traceback (most recent call last):
...
qlr.errors.InvalidParameterError: span='sentense' is not one of 'sentence', 'segment'. Fix: did you mean 'sentence'?
>>> check_number("n_process", 0, minimum=1, integer=True)
Traceback (most recent call last):
...
qlr.errors.InvalidParameterError: n_process=0 is not a whole number of at least 1. Fix: e.g. n_process=1.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
import numbers
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ._warned import warn
from .errors import InvalidParameterError

__all__ = [
    "check_choice",
    "check_number",
    "check_bool",
    "check_id",
    "check_timestamp",
    "check_keywords",
    "closest",
    "keyword_only_since",
    "renamed_keywords",
    "deprecated_constants",
    "MAX_ID_LENGTH",
]

F = TypeVar("F", bound=Callable[..., Any])


def closest(value: Any, known: Iterable[Any]) -> str | None:
    """The known value closest to ``value`` (ignoring case), or None when none is close."""
    by_lower = {str(k).lower(): str(k) for k in known}
    match = difflib.get_close_matches(str(value).lower(), list(by_lower), n=1)
    return by_lower[match[0]] if match else None


def _listing(values: Iterable[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``; otherwise raise, suggesting the closest."""
    choices = tuple(choices)
    try:
        accepted = value in choices
    except TypeError:  # an unhashable value against a set of choices
        accepted = False
    if accepted:
        return value
    near = closest(value, choices) if isinstance(value, str) else None
    hint = f"did you mean {near!r}?" if near is not None else f"use {name}={choices[0]!r}" if choices else None
    raise InvalidParameterError(f"{name}={value!r} is not one of {_listing(choices)}", hint=hint)


def check_number(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    finite: bool = True,
) -> Any:
    """``value`` if it is a number (a whole one with ``integer``) within ``[minimum, maximum]``.

    Booleans are refused: ``True`` is not a count.  NaN is always refused, and
    infinities unless ``finite=False``.
    """
    kind = "a whole number" if integer else "a number"
    bounds = []
    if minimum is not None:
        bounds.append(f"at least {minimum:g}")
    if maximum is not None:
        bounds.append(f"at most {maximum:g}")
    wanted = kind + (" of " + " and ".join(bounds) if bounds else "")
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    good = (
        is_number
        and not math.isnan(value)
        and (math.isfinite(value) or not finite)
        and (not integer or (math.isfinite(value) and float(value).is_integer()))
        and (minimum is None or value >= minimum)
        and (maximum is None or value <= maximum)
    )
    if good:
        return value
    example = minimum if minimum is not None else maximum if maximum is not None else 1
    example = int(example) if integer or float(example).is_integer() else example
    raise InvalidParameterError(f"{name}={value!r} is not {wanted}", hint=f"e.g. {name}={example!r}")


def check_bool(name: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False`` (numpy booleans too); a string ``"no"`` is refused."""
    # NumPy's boolean is numpy.bool_ before NumPy 2 and numpy.bool from it (numpy.bool_ an alias).
    if isinstance(value, bool) or (type(value).__module__ == "numpy" and type(value).__name__ in ("bool_", "bool")):
        return bool(value)
    raise InvalidParameterError(f"{name}={value!r} is not True or False", hint=f"use {name}=True or {name}=False")


#: The longest id (case, wave, document, memo…) qlr accepts from a file: ids end up
#: in file names, sheet names and report headings.
MAX_ID_LENGTH = 200


def check_id(name: str, value: Any) -> str:
    """``value`` as an id if it is a safe one: text (or a whole number) that cannot act as a path or a terminal command.

    Refused: anything but a string or an integer, an empty id, one longer than
    :data:`MAX_ID_LENGTH`, ``.`` and ``..``, path separators (``/``, ``\\``)
    and control characters (a newline or an escape sequence could forge a row of
    a table printed to the terminal).

    Examples
    --------
    >>> check_id("case", "C01"), check_id("case", 7)
    ('C01', '7')
    >>> check_id("doc_id", "../../etc/passwd")
    Traceback (most recent call last):
    ...
    qlr.errors.InvalidParameterError: doc_id '../../etc/passwd' is not a safe id (it has a path separator). Fix: use letters, digits, '_', '-' and '.', e.g. 'C01_W1_interview'.
    """
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Integral)):
        kind = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, (list, tuple)) else type(value).__name__
        why = f"it is {kind}, not text"
    else:
        text = str(value).strip()
        why = (
            "it is empty" if not text
            else f"it is longer than {MAX_ID_LENGTH} characters" if len(text) > MAX_ID_LENGTH
            else "it names a folder" if text in (".", "..")
            else "it has a path separator" if "/" in text or "\\" in text
            else "it has a control character" if any(unicodedata.category(c) == "Cc" for c in text)
            else ""
        )
        if not why:
            return text
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    raise InvalidParameterError(f"{name} {shown} is not a safe id ({why})", hint="use letters, digits, '_', '-' and '.', e.g. 'C01_W1_interview'")


def check_timestamp(name: str, value: Any) -> Any:
    """``value`` as a ``pandas.Timestamp`` if it is an ISO 8601 date or time (or already a date); ``None`` stays ``None``.

    Stricter than ``pandas.Timestamp``, which also reads words such as ``"now"``
    and ``"today"``: a value in a file must say its own time.

    Examples
    --------
    >>> check_timestamp("created", "2024-03-12T10:00:00Z")
    Timestamp('2024-03-12 10:00:00+0000', tz='UTC')
    >>> check_timestamp("created", "now")
    Traceback (most recent call last):
    ...
    qlr.errors.InvalidParameterError: created 'now' is not an ISO 8601 date or time. Fix: write e.g. 2024-03-12 or 2024-03-12T10:00:00Z.
    """
    import datetime as _datetime

    import pandas as pd

    if value is None:
        return None
    if isinstance(value, (_datetime.date, pd.Timestamp)) and not isinstance(value, bool):
        return pd.Timestamp(value)
    if isinstance(value, str) and len(value) <= 64:
        try:
            return pd.Timestamp(_datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    raise InvalidParameterError(f"{name} {shown} is not an ISO 8601 date or time", hint="write e.g. 2024-03-12 or 2024-03-12T10:00:00Z")


def check_keywords(name: str, given: Iterable[str], known: Iterable[str]) -> None:
    """Refuse any keyword in ``given`` that is not in ``known``, suggesting the closest.

    ``name`` says what the keywords are for (``"override_placement() group"``),
    since a misspelt keyword is otherwise stored and never applied.
    """
    known = list(known)
    for key in given:
        if key not in known:
            near = closest(key, known)
            shown = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
            hint = f"did you mean {near}=…?" if near is not None else f"use one of {shown}"
            raise InvalidParameterError(f"{name} has no keyword {key!r} (it takes {shown})", hint=hint)


def keyword_only_since(*names: str) -> Callable[[F], F]:
    """Decorate a function whose options ``names`` became keyword-only.

    Calls that still pass them by position keep working, with a ``FutureWarning``
    naming the keyword to use; the signature shows the new, keyword-only form.
    """

    def decorate(function: F) -> F:
        parameters = inspect.signature(function).parameters.values()
        n_positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters)

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            extra = args[n_positional:]
            if extra:
                if len(extra) > len(names):
                    raise InvalidParameterError(
                        f"{function.__qualname__}() takes {n_positional} positional arguments but {len(args)} were given",
                        hint=f"pass {', '.join(n + '=…' for n in names)} by keyword",
                    )
                moved = dict(zip(names, extra))
                warn(
                    f"passing {', '.join(moved)} to {function.__qualname__}() by position is deprecated; "
                    f"write {', '.join(n + '=…' for n in moved)}",
                    FutureWarning,
                )
                kwargs.update(moved)
            return function(*args[:n_positional], **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def renamed_keywords(**renamed: str) -> Callable[[F], F]:
    """Decorate a function whose keywords were renamed, as ``old="new"``.

    A call with an old keyword keeps working, with a ``DeprecationWarning`` naming
    the new one; passing both the old and the new keyword is refused.  Put this
    decorator outermost (above :func:`keyword_only_since`), so the warning points
    at the caller's line.

    Examples
    --------
    >>> import warnings
    >>> @renamed_keywords(level="measurement")
    ... def alpha(data, *, measurement="nominal"):
    ...     return measurement
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     alpha([], level="ordinal")
    'ordinal'
    >>> str(caught[0].message)
    'alpha(): the keyword level= is deprecated; write measurement=…'
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renamed.items():
                if old not in kwargs:
                    continue
                if new in kwargs:
                    raise InvalidParameterError(
                        f"{function.__qualname__}() got both {old}= and its new name {new}=", hint=f"write only {new}=…"
                    )
                warn(
                    f"{function.__qualname__}(): the keyword {old}= is deprecated; write {new}=…",
                    DeprecationWarning,
                )
                kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def deprecated_constants(
    module: str, renamed: dict[str, tuple[str, Any]], *, fallback: Callable[[str], Any] | None = None
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that still serves old public constants, with a ``DeprecationWarning``.

    ``renamed`` maps each old name to ``(what to use instead, the value)``; any
    other name goes to ``fallback`` (a lazy package's ``__getattr__``).

    Examples
    --------
    >>> import warnings
    >>> getattr_ = deprecated_constants("qlr.example", {"LEVELS": ("MEASUREMENTS", ("nominal",))})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("LEVELS")
    ('nominal',)
    >>> str(caught[0].message)
    'qlr.example.LEVELS is deprecated; use MEASUREMENTS'
    """

    def __getattr__(name: str) -> Any:
        if name not in renamed:
            if fallback is not None:
                return fallback(name)
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        instead, value = renamed[name]
        warn(f"{module}.{name} is deprecated; use {instead}", DeprecationWarning)
        return value

    return __getattr__
