"""Who did it: the name recorded in the provenance log and on each hand coding."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """Who to record in the provenance log: ``$QLR_USER``, else the login name.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"QLR_USER": "ana"}):
    ...     current_user()
    'ana'
    """
    try:
        return os.environ.get("QLR_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"
