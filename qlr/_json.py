"""JSON text from a user's file, read into one clear error when it cannot be.

``json.loads`` raises a ``JSONDecodeError`` for text that is not JSON and a bare ``RecursionError`` for JSON nested
deeper than Python's stack (``[[[[…]]]]`` 100,000 deep, a few hundred kilobytes).  A reader of JSON a user hands qlr
that must have it (a project file's override groups, a ``.qdpx`` archive's details, a transcript or chat export's
``.json``) goes through :func:`parse_json`, so both end in the caller's :mod:`qlr.errors` class naming the file,
where in it, and how to fix it.  A reader that only tries JSON as one reading among others catches both itself and
says what it skipped: a log entry's detail is text when it is no JSON (:func:`log_detail`); Signal's JSON lines, a
Slack export's ``users.json`` and day files, and Taguette's command payloads (``qlr.io._messages``,
``qlr.io._taguette``) fall back to another reading, raise their own error, or count what they leave out.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from .errors import DocumentFormatError, QlrError

__all__ = ["log_detail", "parse_json"]


def parse_json(
    text: str | bytes,
    path: str | os.PathLike[str],
    *,
    what: str = "the text",
    hint: str,
    error: type[QlrError] = DocumentFormatError,
    object_hook: Callable[[dict[str, Any]], Any] | None = None,
) -> Any:
    """The value of JSON ``text`` read from ``path``; ``error`` naming the file (and ``what`` in it) when it is no JSON.

    Parameters
    ----------
    text : str or bytes
        The JSON (bytes are read as UTF-8, as ``json.loads`` reads them).
    path : str or os.PathLike
        The file the text came from, for the message.
    what : str, optional
        What in the file holds the JSON ("column log.detail, row 3"), the subject of the message.
    hint : str
        How to fix it.
    error : type of QlrError
        The error raised (the reader's own: :class:`~qlr.errors.ProjectFileError` for a ``.qlr`` file).
    object_hook : callable, optional
        As ``json.loads``'s.

    Examples
    --------
    >>> parse_json('{"case": "C01"}', "x.qlr", hint="save it again")
    {'case': 'C01'}
    >>> parse_json("[" * 100_000 + "]" * 100_000, "x.qlr", what="column overrides.group, row 1", hint="save it again")
    Traceback (most recent call last):
    ...
    qlr.errors.DocumentFormatError: x.qlr: column overrides.group, row 1 nests its JSON deeper than qlr reads (more than ... levels). Fix: save it again.
    >>> parse_json('{"case": }', "x.json", hint="export it again")
    Traceback (most recent call last):
    ...
    qlr.errors.DocumentFormatError: x.json: the text is not valid JSON (line 1, column 10: Expecting value). Fix: export it again.
    """
    import sys

    try:
        return json.loads(text, object_hook=object_hook)
    except RecursionError:
        limit = sys.getrecursionlimit()
        raise error(f"{what} nests its JSON deeper than qlr reads (more than {limit:,} levels)", path=path, hint=hint) from None
    except json.JSONDecodeError as exc:
        raise error(f"{what} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", path=path, hint=hint) from None
    except (ValueError, TypeError) as exc:  # bytes that are no UTF-8; an object_hook's refusal ("$date" that is no date)
        raise error(f"{what} is not valid JSON ({str(exc).splitlines()[0][:80]})", path=path, hint=hint) from None


def log_detail(text: Any) -> Any:
    """A study log entry's detail read as JSON, or ``None`` where it is text: not JSON ("reviewed by RM"), or JSON
    nested deeper than Python's stack, which no reader of the log can use and which is kept as written.

    Examples
    --------
    >>> log_detail('{"codebook": "coproduction"}'), log_detail("[manual note] reviewed by RM"), log_detail("[" * 100_000)
    ({'codebook': 'coproduction'}, None, None)
    """
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
