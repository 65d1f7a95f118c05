"""Progress bars for long work (tqdm), off when not on a terminal or when asked."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress_enabled(progress: bool | None) -> bool:
    """Resolve a ``progress=`` argument: ``None`` means "on a terminal, unless QLR_PROGRESS=0"."""
    if progress is not None:
        return progress
    if os.environ.get("QLR_PROGRESS", "").strip() in ("0", "false", "no", "off"):
        return False
    return sys.stderr.isatty()


def track(iterable: Iterable[T], *, total: int | None = None, desc: str, progress: bool | None, unit: str = "it") -> Iterator[T]:
    """Iterate ``iterable``, showing a tqdm bar on stderr when progress is enabled."""
    if not progress_enabled(progress):
        yield from iterable
        return
    from tqdm.auto import tqdm

    yield from tqdm(iterable, total=total, desc=desc, unit=unit, leave=False)
