"""Atomic writes: the old file or the new one, never half of one; nothing left behind."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time

import pytest

import qlr
from qlr import _atomic
from qlr._atomic import (
    TEMPORARY_PREFIX,
    atomic_path,
    atomic_write,
    remove_stale_temporaries,
    write_bytes_atomic,
    write_text_atomic,
)
from qlr.io import _store

SIZE = 3 * 2**20  # large enough that one write takes many system calls
WRITES = 25


def _content(tag: bytes) -> bytes:
    return tag * SIZE


def _write_many(path: str, tag: bytes, start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    for _ in range(WRITES):
        write_bytes_atomic(path, _content(tag))


def test_two_processes_writing_one_path_never_fail_or_tear_the_file(tmp_path):
    path = tmp_path / "shared.bin"
    context = multiprocessing.get_context()
    start = context.Event()
    writers = [context.Process(target=_write_many, args=(str(path), tag, start)) for tag in (b"A", b"B")]
    for writer in writers:
        writer.start()
    start.set()
    complete = {_content(b"A"), _content(b"B")}
    seen = set()
    # Read while they write: every read must be one whole version.
    while any(writer.is_alive() for writer in writers):
        if path.exists():
            data = path.read_bytes()
            assert data in complete, f"a reader saw a torn file of {len(data)} bytes"
            seen.add(data[:1])
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    assert path.read_bytes() in complete
    assert sorted(os.listdir(tmp_path)) == ["shared.bin"]
    assert seen  # the reader did look at least once


def test_an_error_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    path = tmp_path / "notes.txt"
    write_text_atomic(path, "old\n")
    with pytest.raises(RuntimeError, match="disk full"), atomic_write(path, mode="w") as stream:
        stream.write("half of the new")
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_text_is_written_as_given(tmp_path):
    path = tmp_path / "sub" / "page.html"
    write_text_atomic(path, "café\r\nline\n")
    assert path.read_bytes() == "café\r\nline\n".encode()
    with atomic_write(path, mode="w", encoding="utf-16") as stream:
        stream.write("ω")
    assert path.read_bytes().decode("utf-16") == "ω"
    with pytest.raises(ValueError, match="mode must be 'wb' or 'w'"):
        with atomic_write(path, mode="a"):
            pass


def test_permissions_are_a_new_files_or_the_old_files(tmp_path):
    fresh = tmp_path / "fresh.txt"
    plain = tmp_path / "plain.txt"
    write_text_atomic(fresh, "x")
    plain.write_text("x")
    assert stat.S_IMODE(fresh.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
    os.chmod(fresh, 0o640)
    write_text_atomic(fresh, "y")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_a_named_temporary_keeps_the_targets_extension(tmp_path):
    with atomic_path(tmp_path / "tables.xlsx") as temporary:
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(TEMPORARY_PREFIX) and temporary.name.endswith("tables.xlsx")
        temporary.write_bytes(b"x")
    assert (tmp_path / "tables.xlsx").read_bytes() == b"x"


def test_only_old_temporaries_of_qlr_are_removed(tmp_path):
    old, recent = tmp_path / f"{TEMPORARY_PREFIX}1-a.qlr", tmp_path / f"{TEMPORARY_PREFIX}2-a.qlr"
    someone_elses = tmp_path / ".a.qlr.tmp"
    for path in (old, recent, someone_elses):
        path.write_bytes(b"")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(someone_elses, (hour_ago, hour_ago))
    assert remove_stale_temporaries(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, someone_elses.name])


def test_writers_clear_stale_temporaries_first(tmp_path):
    stale = tmp_path / f"{TEMPORARY_PREFIX}dead-x.qdc"
    stale.write_bytes(b"left by a killed process")
    os.utime(stale, (0, 0))
    qlr.io.write_qdc(qlr.read_codebook("durose_richardson"), tmp_path / "x.qdc")
    assert os.listdir(tmp_path) == ["x.qdc"]


def test_a_failed_save_removes_sqlites_journal_too(sample_study, tmp_path, monkeypatch):
    path = tmp_path / "p.qlr"
    sample_study.save(path)
    before = path.read_bytes()

    def explode(connection, study):
        database = connection.execute("PRAGMA database_list").fetchone()[2]
        assert os.path.basename(database).startswith(TEMPORARY_PREFIX)
        with open(f"{database}-journal", "wb") as journal:  # as SQLite leaves it when killed mid-write
            journal.write(b"\0" * 512)
        raise RuntimeError("disk full")

    monkeypatch.setattr(_store, "_write", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        sample_study.save(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["p.qlr"]


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(_atomic, "_sync_folder", synced.append)
    write_bytes_atomic(tmp_path / "x", b"1")
    assert synced == [tmp_path]
