"""Regular expressions written by users, run with a time budget.

A speaker pattern in a manifest comes from whoever wrote the study folder.  A
pattern such as ``(a+)+:`` takes exponential time on a long line that almost
matches, and Python's ``re`` cannot be stopped.  The ``regex`` module (mrab-regex,
a drop-in superset of ``re``) takes a ``timeout``, so such a pattern ends in one
clear error naming the setting instead of a hung process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

__all__ = ["BoundedPattern", "TIME_BUDGET"]

#: Seconds one pattern may spend on one document.
TIME_BUDGET = 2.0


class BoundedPattern:
    """A compiled user pattern whose searches stop after :data:`TIME_BUDGET` seconds per text.

    Parameters
    ----------
    pattern : str
        The regular expression.
    flags : int
        ``regex`` flags (``regex.MULTILINE`` …).
    error : type
        The :mod:`qlr.errors` class to raise, with ``path`` and ``line`` where the
        pattern was written and ``key``, the setting's name.
    path, line, key
        Where the pattern comes from, for the messages.

    Examples
    --------
    >>> import regex
    >>> from qlr.errors import ManifestError
    >>> found = BoundedPattern(r"^(?P<speaker>[A-Z]+)>", regex.MULTILINE, error=ManifestError, key="speaker_pattern")
    >>> [m.group("speaker") for m in found.finditer("ANN> hello\\nBOB> hi")]
    ['ANN', 'BOB']
    """

    def __init__(
        self,
        pattern: str,
        flags: int = 0,
        *,
        error: type[Exception],
        key: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        import regex

        self.pattern, self._error, self._key, self._path, self._line = pattern, error, key, path, line
        try:
            self._compiled = regex.compile(pattern, flags)
        except regex.error as exc:
            raise error(
                f"{key} {pattern!r} is not a valid regular expression ({exc})", path=path, line=line, hint="test it in Python with re.compile()"
            ) from None

    @property
    def groupindex(self) -> Any:
        """The named groups, as ``re.Pattern.groupindex``."""
        return self._compiled.groupindex

    def finditer(self, text: str) -> Iterator[Any]:
        """The matches in ``text``, as ``re.Pattern.finditer``; a search over budget raises the error class."""
        try:
            yield from self._compiled.finditer(text, timeout=TIME_BUDGET)
        except TimeoutError:
            raise self._error(
                f"{self._key} {self.pattern!r} took more than {TIME_BUDGET:g} s on one document: it can take exponential time",
                path=self._path,
                line=self._line,
                hint="avoid a repeated group that itself repeats, such as (\\w+\\s?)+; anchor the label, e.g. ^(?P<speaker>[A-Z][a-z]+):",
            ) from None
