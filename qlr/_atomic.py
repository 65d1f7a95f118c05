"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Every file qlr writes goes to a temporary file with a unique name in the target's
folder, is flushed to disk, and then renamed over the target with ``os.replace``
(atomic within one file system).  Two processes saving the same path therefore
never fail and never leave a broken file: the last complete write wins.  On any
error the temporary file (and SQLite's journal beside it) is removed and the
target is untouched.  Temporaries left by a killed process are removed by the
next write to that folder once they are old enough not to belong to a write
still under way.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write", "write_bytes_atomic", "write_text_atomic", "remove_stale_temporaries", "TEMPORARY_PREFIX"]

#: Every temporary file qlr makes starts with this, so its leftovers can be told apart.
TEMPORARY_PREFIX = ".qlr-tmp-"
#: A temporary untouched for this long belongs to no write still under way.
STALE_AFTER_SECONDS = 30 * 60
# What SQLite may create beside a database it writes.
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A fresh temporary path beside ``path`` that replaces it when the block succeeds.

    For writers that want a file name rather than a stream (SQLite, Excel,
    matplotlib).  The temporary keeps the target's name as its end, so writers
    that choose a format by extension still see ``.xlsx`` or ``.png``.

    Parameters
    ----------
    path : str or PathLike
        The file to write; its folder is created if missing.

    Yields
    ------
    Path
        An empty file to write to, with the permissions a new file would get
        (or the target's, if it exists).

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "table.csv")
    >>> with atomic_path(target) as temporary:
    ...     _ = temporary.write_text("a,b\\n1,2\\n")
    >>> open(target).read()
    'a,b\\n1,2\\n'
    >>> os.listdir(os.path.dirname(target))
    ['table.csv']
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    temporary = _new_temporary(target)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        for leftover in (temporary, *(Path(f"{temporary}{side}") for side in _SQLITE_SIDE_FILES)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    _sync_folder(target.parent)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: str = "wb", encoding: str | None = None, newline: str | None = None) -> Iterator[IO[Any]]:
    """An open file that replaces ``path`` when the block succeeds (see the module docstring).

    Parameters
    ----------
    path : str or PathLike
        The file to write.
    mode : {"wb", "w"}
        Binary or text.
    encoding : str, optional
        For text mode; UTF-8 when not given.
    newline : str, optional
        As for :func:`open` in text mode.

    Yields
    ------
    file object

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "notes.txt")
    >>> with atomic_write(target, mode="w") as stream:
    ...     _ = stream.write("café\\n")
    >>> open(target, encoding="utf-8").read()
    'café\\n'
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"mode must be 'wb' or 'w', not {mode!r}")
    text = {"encoding": encoding or "utf-8", "newline": newline} if mode == "w" else {}
    with atomic_path(path) as temporary, open(temporary, mode, **text) as stream:
        yield stream


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "x.bin")
    >>> write_bytes_atomic(target, b"\\x00\\x01")
    >>> open(target, "rb").read()
    b'\\x00\\x01'
    """
    with atomic_write(path, mode="wb") as stream:
        stream.write(data)


def write_text_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (UTF-8 unless told otherwise; newlines as given).

    Examples
    --------
    >>> import tempfile, os
    >>> target = os.path.join(tempfile.mkdtemp(), "x.html")
    >>> write_text_atomic(target, "<p>ok</p>\\n")
    >>> open(target, encoding="utf-8").read()
    '<p>ok</p>\\n'
    """
    with atomic_write(path, mode="w", encoding=encoding, newline="") as stream:
        stream.write(text)


def remove_stale_temporaries(folder: str | os.PathLike[str], *, older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove qlr's own temporary files in ``folder`` untouched for ``older_than`` seconds.

    Only names starting with :data:`TEMPORARY_PREFIX` are considered; newer ones
    may belong to a write in progress in another process and are kept.

    Returns
    -------
    list of Path
        The files removed.

    Examples
    --------
    >>> import tempfile, os, time
    >>> folder = tempfile.mkdtemp()
    >>> old = os.path.join(folder, TEMPORARY_PREFIX + "abc-study.qlr")
    >>> open(old, "w").close()
    >>> os.utime(old, (time.time() - 3600, time.time() - 3600))
    >>> [p.name for p in remove_stale_temporaries(folder)]
    ['.qlr-tmp-abc-study.qlr']
    """
    removed = []
    cutoff = time.time() - older_than
    for candidate in Path(folder).glob(f"{TEMPORARY_PREFIX}*"):
        try:
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed.append(candidate)
        except FileNotFoundError:  # another process cleaned it up first
            continue
    return removed


def _new_temporary(target: Path) -> Path:
    """Create an empty, uniquely named file beside ``target``.

    ``os.open`` with mode 0o666 lets the umask decide the permissions, as for any
    new file (``tempfile.mkstemp`` would make it private to its owner).
    """
    while True:
        temporary = target.with_name(f"{TEMPORARY_PREFIX}{secrets.token_hex(6)}-{target.name}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        os.close(handle)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))  # an existing file keeps its permissions
        return temporary


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere the rename is all there is)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError:  # some file systems refuse fsync on a folder
        pass
    finally:
        os.close(handle)
