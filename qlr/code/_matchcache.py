"""Rule-coding matches kept on disk, so re-coding after an edit skips what is unchanged.

One SQLite file in the user's cache directory (``platformdirs``: on Linux
``$XDG_CACHE_HOME/qlr``, else ``~/.cache/qlr``), never in a study's folder.
Each row holds, for one text under one pipeline, which indicators one run
matched it for and the matches found (an edit adds a row for its new
indicators only): what re-coding after a codebook edit needs, never a parse.  Rows are keyed by the pipeline's fingerprint joined with the
fingerprint of qlr's matching code (so a changed qlr never reads another's
matches) and the text's hash; each indicator's own fingerprint (code, indicator,
assertion rules) says which of its matches are still good.

The file is read as untrusted: a row is used only when its checksum holds (keyed
BLAKE2b, a MAC by design, under a random key kept in the user's own cache directory, so a cache
folder made elsewhere and handed to ``cache=`` is never trusted), it parses, every match names an indicator the row says was matched, the codebook
being applied agrees on that indicator's code and label, its offsets lie inside
the text, and its assertion status is one qlr gives.  Anything else is ignored,
recomputed and written again; a file that is not a readable cache is left alone
and coding goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ._nlp import Match

__all__ = ["MatchStore", "open_store", "code_fingerprint"]

#: The layout of the cache file; another layout is not read.
_FORMAT = "qlr-matches-3"
# What every layout of this cache is called before its number (an older one is started again).
_FAMILY = "qlr-matches-"
_FILE = "matches.sqlite"
# A row refused before its payload is read (see _decoded).
_REFUSED = object()
#: Keys asked for in one query (below SQLite's limit on bound parameters).
_QUERY = 500
#: Assertion statuses a cached match may carry (those :class:`qlr.code.CodebookMatcher` gives).
_STATUSES = frozenset(("affirmed", "other", "hypothetical", "historical", "question", "declined", "negated"))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Identifies the qlr code that decides matches (its version and the matching modules' source)."""
    from .._version import __version__

    digest = hashlib.sha1(__version__.encode())
    here = Path(__file__).resolve().parent
    for name in ("_nlp.py", "_assertion.py", "_context.py", "_tokenpattern.py", "_prefilter.py", "_rules.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:12]


def default_folder() -> Path:
    """The user's cache directory for qlr."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("qlr", appauthor=False))


def key_path() -> Path:
    """Where this user's key for the cache's checksums is kept (in their own cache directory)."""
    return default_folder() / "key"


@lru_cache(maxsize=1)
def _key_id() -> str:
    """A name for this user's key that tells two keys apart and reveals nothing of it (a MAC of a constant under it)."""
    return hashlib.blake2b(b"qlr match cache writer", key=_key(), digest_size=8).hexdigest()


# What a writer's row in the meta table is called: "writer:" and its key's name (_key_id).
_WRITER = "writer:"


#: Held while the key is read or made: threads coding at once each asked for it (``lru_cache`` runs a first call in
#: every thread that makes one before any returns), and one found the file another had just created, still empty, or
#: could not create it, and took a key of its own (stop 59): what it cached was then refused by every later run.
_KEYING = threading.Lock()


@lru_cache(maxsize=1)
def _key() -> bytes:
    """This user's secret for the checksums: made once in their cache directory (or for this process only)."""
    with _KEYING:
        return _key_made()


def _key_made() -> bytes:
    """:func:`_key`'s work, made by one thread at a time."""
    try:
        folder = default_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = key_path()
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(os.urandom(32))
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    return os.urandom(32)  # matches written now are trusted by this process only


def open_store(where: Any) -> MatchStore | None:
    """The match cache ``where`` names: ``True`` the user's cache directory, a path that folder, ``False``/``None`` none.

    Returns None (coding goes on without a disk cache) when the folder cannot
    be made or the file is not a cache this qlr reads.
    """
    from .._check import check_bool
    from ..errors import InvalidParameterError

    if where is None or where is False:
        return None
    if where is True:
        folder = default_folder()
    elif isinstance(where, (str, os.PathLike)):
        folder = Path(where).expanduser()
    else:
        check_bool("cache", where)  # raises, naming the values allowed
        raise InvalidParameterError(f"cache={where!r} is not a folder", hint="pass True, False or a folder path")
    try:
        return MatchStore(folder)
    except (OSError, sqlite3.Error):
        return None


class MatchStore:
    """Matches per text and pipeline in one SQLite file inside ``folder``.

    Parameters
    ----------
    folder : Path
        Where the file lives (made if missing, readable by its owner only).

    Examples
    --------
    >>> import tempfile
    >>> from qlr.code._nlp import Match
    >>> folder = tempfile.mkdtemp()
    >>> store = MatchStore(folder)
    >>> match = Match("c", "say", 4, 7, 0, 9, "f1", "affirmed")
    >>> store.save({("p", "t"): (frozenset({"f1", "f2"}), [match])})
    >>> done, matches = store.load([("p", "t")], {"t": 9}, {"f1": ("c", "say")})[("p", "t")]
    >>> sorted(done), matches == [match]
    (['f1', 'f2'], True)
    >>> store.load([("p", "t")], {"t": 5}, {})  # the text is shorter than the match: not trusted
    {}
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / _FILE
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise
        self._sets: dict[str, frozenset[str]] = {}  # set id -> fingerprints, read or written this session
        self.folder = Path(folder)
        #: The texts of the last :meth:`load` with an entry whose checksum failed under this user's key and no entry read.
        self.refused: set[tuple[str, str]] = set()

    def _prepare(self) -> None:
        """Make the tables, or refuse a file of another layout."""
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (_FORMAT,))
        (layout,) = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if isinstance(layout, str) and layout.startswith(_FAMILY) and layout != _FORMAT:
            # An older qlr's cache: its rows cannot be read any more, so start it again in this layout
            # (else every later run would refuse it and code without a cache).
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DROP TABLE IF EXISTS texts")
                self._db.execute("DROP TABLE IF EXISTS sets")
                self._db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (_FORMAT,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            layout = _FORMAT
        if layout != _FORMAT:
            raise sqlite3.DatabaseError(f"{self.path} is not a {_FORMAT} cache")
        self._db.execute("CREATE TABLE IF NOT EXISTS sets (id TEXT PRIMARY KEY, fingerprints TEXT NOT NULL)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS texts (pipeline TEXT, text TEXT, done TEXT NOT NULL, matches TEXT NOT NULL,"
            " checksum TEXT NOT NULL, PRIMARY KEY (pipeline, text, done))"
        )

    # ------------------------------------------------------------------ reading
    def load(
        self, keys: Iterable[tuple[str, str]], lengths: Mapping[str, int], indicators: Mapping[str, tuple[str, str]]
    ) -> dict[tuple[str, str], tuple[frozenset[str], list[Match]]]:
        """The trustworthy entries for ``keys`` ((pipeline, text hash) pairs).

        ``lengths`` gives each text hash's text length, ``indicators`` the code
        and label of each indicator fingerprint of the codebook being applied.
        Entries that fail any check are left out (and so recomputed).
        """
        by_pipeline: dict[str, list[str]] = {}
        for pipeline, text in keys:
            by_pipeline.setdefault(pipeline, []).append(text)
        found: dict[tuple[str, str], tuple[frozenset[str], list[Match]]] = {}
        unions: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}
        refused: set[tuple[str, str]] = set()
        try:
            for pipeline, texts in by_pipeline.items():
                for begin in range(0, len(texts), _QUERY):
                    part = texts[begin : begin + _QUERY]
                    rows = self._db.execute(
                        f"SELECT text, done, matches, checksum FROM texts WHERE pipeline = ? AND text IN ({','.join('?' * len(part))})",
                        [pipeline, *part],
                    ).fetchall()
                    for (text, done_id, _, _), decoded in zip(rows, _decoded(pipeline, rows)):
                        if decoded is _REFUSED:
                            refused.add((pipeline, text))
                        entry = self._entry(text, done_id, decoded, lengths.get(text), indicators)
                        if entry is not None:
                            _merge(found, (pipeline, text), entry, unions)
        except sqlite3.Error:
            return found  # a damaged file: what was read and checked stays good, the rest is recomputed
        finally:
            self.refused = {key for key in refused if key not in found}
        return found

    def other_writers(self) -> int:
        """How many keys other than this user's wrote entries to this file (as each :meth:`save` records it)."""
        try:
            rows = self._db.execute("SELECT key FROM meta WHERE key LIKE ?", (_WRITER + "%",)).fetchall()
        except sqlite3.Error:
            return 0
        return sum(1 for (name,) in rows if name != _WRITER + _key_id())

    def _entry(
        self, text: str, done_id: str, decoded: Any, length: int | None, indicators: Mapping[str, tuple[str, str]]
    ) -> tuple[frozenset[str], list[Match]] | None:
        """One row as (fingerprints matched, matches), or None when any check fails.

        ``decoded`` is its payload parsed by :func:`_decoded` (:data:`_REFUSED`: a
        checksum that failed or a payload that did not parse).
        """
        from ._nlp import Match

        if decoded is _REFUSED or length is None:
            return None
        done = self._set(done_id)
        if done is None:
            return None
        if not isinstance(decoded, list):
            return None
        matches = []
        for row in decoded:
            if not (isinstance(row, list) and len(row) == 8):
                return None
            code_id, label, start, end, sent_start, sent_end, fingerprint, status = row
            if not (isinstance(code_id, str) and isinstance(label, str) and isinstance(fingerprint, str) and isinstance(status, str)):
                return None
            if not all(type(value) is int for value in (start, end, sent_start, sent_end)):
                return None
            # A match lies in the text and starts in its sentence (it may run past the sentence's end).
            if fingerprint not in done or status not in _STATUSES or not 0 <= sent_start <= start < min(end, sent_end):
                return None
            if end > length or sent_end > length:
                return None
            if fingerprint in indicators and indicators[fingerprint] != (code_id, label):
                return None
            matches.append(Match(code_id, label, start, end, sent_start, sent_end, fingerprint, status))
        return done, matches

    def _set(self, set_id: str) -> frozenset[str] | None:
        """The indicator fingerprints a set id names (None: missing or not matching its id)."""
        if set_id in self._sets:
            return self._sets[set_id]
        row = self._db.execute("SELECT fingerprints FROM sets WHERE id = ?", (set_id,)).fetchone()
        if row is None or not isinstance(row[0], str):
            return None
        fingerprints = frozenset(row[0].split(",")) if row[0] else frozenset()
        if _set_id(fingerprints) != set_id:
            return None
        self._sets[set_id] = fingerprints
        return fingerprints

    # ------------------------------------------------------------------ writing
    def save(self, entries: Mapping[tuple[str, str], tuple[frozenset[str], list[Match]]]) -> None:
        """Add these entries (the indicators matched in one run and their matches) in one transaction.

        A text keeps one row per run that matched it, so an edit adds only its new
        indicators' rows; :meth:`load` joins them.  A cache that cannot be written
        is skipped.
        """
        if not entries:
            return
        sets: dict[frozenset[str], str] = {}
        rows = []
        for (pipeline, text), (done, matches) in entries.items():
            done_id = sets.get(done) or sets.setdefault(done, _set_id(done))
            # Most rows of an edit hold no match: their payload needs no encoder.
            payload = "[]" if not matches else json.dumps(
                [[m.code_id, m.indicator, m.start, m.end, m.sent_start, m.sent_end, m.fingerprint, m.assertion] for m in matches],
                separators=(",", ":"),
                ensure_ascii=False,
            )
            rows.append((pipeline, text, done_id, payload, _checksum(pipeline, text, done_id, payload)))
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO sets VALUES (?, ?)", [(set_id, ",".join(sorted(done))) for done, set_id in sets.items()]
                )
                self._db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?, ?)", rows)
                # Which key wrote here, by a name that reveals nothing of it: a later run under another key can say why
                # it read nothing (MatchStore.other_writers).
                self._db.execute("INSERT OR IGNORE INTO meta VALUES (?, '')", (_WRITER + _key_id(),))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            return  # another process holds the file, or it is damaged: this run's matches stay in memory only
        self._sets.update({set_id: done for done, set_id in sets.items()})

    def close(self) -> None:
        self._db.close()


def _merge(
    found: dict[tuple[str, str], tuple[frozenset[str], list[Match]]],
    key: tuple[str, str],
    entry: tuple[frozenset[str], list[Match]],
    unions: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]],
) -> None:
    """Add one row's indicators and matches to a text's, each indicator's matches taken from one row only.

    ``unions`` holds one set object per combination of rows: a set of hundreds of
    fingerprints per text would cost more memory than the text.
    """
    if key not in found:
        found[key] = entry
        return
    done, matches = found[key]
    added, more = entry
    fresh = added - done
    found[key] = (unions.setdefault((done, added), done | added), matches + [match for match in more if match.fingerprint in fresh])


def _set_id(fingerprints: frozenset[str]) -> str:
    return hashlib.sha1(",".join(sorted(fingerprints)).encode()).hexdigest()[:20]


def _checksum(pipeline: str, text: str, done_id: str, payload: str) -> str:
    # Keyed BLAKE2b is a MAC on its own (no HMAC construction needed) and one C call per row.
    message = "\x1f".join((_FORMAT, pipeline, text, done_id, payload)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(message, key=_key(), digest_size=16).hexdigest()


def _decoded(pipeline: Any, rows: list[tuple[Any, ...]]) -> list[Any]:
    """Each row's payload parsed, or :data:`_REFUSED` where its fields are not text or its checksum fails.

    Only rows whose checksum holds are parsed, so every payload parsed was
    written by :meth:`MatchStore.save` (one JSON array each) and all of a
    query's can be parsed at once: most rows of an edit hold no match at all
    (``[]``), and one parse of many payloads costs far less than a parse each.
    """
    decoded: list[Any] = [_REFUSED] * len(rows)
    trusted = [
        i
        for i, (text, done_id, payload, checksum) in enumerate(rows)
        if all(isinstance(value, str) for value in (pipeline, text, done_id, payload, checksum))
        and checksum == _checksum(pipeline, text, done_id, payload)
    ]
    try:
        parsed = json.loads("[" + ",".join(rows[i][2] for i in trusted) + "]")
    except ValueError:  # not expected of rows qlr wrote; parse them one by one
        parsed = None
    if parsed is None or len(parsed) != len(trusted):
        parsed = []
        for i in trusted:
            try:
                parsed.append(json.loads(rows[i][2]))
            except ValueError:
                parsed.append(_REFUSED)
    for i, value in zip(trusted, parsed):
        decoded[i] = value
    return decoded
