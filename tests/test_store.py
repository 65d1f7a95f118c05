"""The .qlr project file: lossless round trip, atomic save, refusals."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

import pandas as pd
import pytest

import qlr
from qlr.errors import ProjectFileError, ProjectVersionError, SourceNotFoundError
from qlr.io import _store


def _with_everything(study):
    study = study.copy()
    seg = study.segments.iloc[5]
    study.codings = pd.DataFrame(
        [
            {
                "coding_id": "k1",
                "doc_id": seg["doc_id"],
                "start": seg["start"],
                "end": seg["end"],
                "seg_id": seg["seg_id"],
                "code_id": "reciprocity.two_way",
                "coder": "rm",
                "origin": "human",
                "confidence": None,
                "codebook_version": "1.0.0",
                "indicator": None,
                "status": None,
                "created": pd.Timestamp("2025-01-02T03:04:05", tz="UTC"),
            },
            {
                "coding_id": "k2",
                "doc_id": seg["doc_id"],
                "start": seg["start"],
                "end": seg["start"] + 4,
                "seg_id": seg["seg_id"],
                "code_id": "power.done_to",
                "coder": "rules",
                "origin": "rules",
                "confidence": 0.75,
                "codebook_version": "1.0.0",
                "indicator": "phrase:done to",
                "status": "review",
                "created": pd.Timestamp("2025-01-02T03:04:06.123456", tz="UTC"),
            },
        ]
    )
    study.codings = qlr.Study(codings=study.codings).codings
    study.memos = qlr.Study(
        memos=pd.DataFrame(
            [{"memo_id": "m1", "target_type": "case", "target_id": "C01", "author": "rm", "text": "Émigré — “quotes” 🙂\nline two", "created": pd.Timestamp.now(tz="UTC")}]
        )
    ).memos
    study.cases["joined"] = [date(2024, 3, 1)] + [None] * (len(study.cases) - 1)
    study.meta["note"] = {"nested": [1, 2, {"x": date(2024, 1, 1)}]}
    study.codebooks["draft"] = qlr.Codebook.from_yaml("name: Draft\nversion: 0.1.0\nthemes: [t]\ncodes: [{id: t.a, parent: t}]\n")
    study.record("test", {"ok": True})
    return study


def test_round_trip_is_lossless(sample_study, tmp_path):
    study = _with_everything(sample_study)
    path = tmp_path / "carers.qlr"
    study.save(path)
    reopened = qlr.open(path)
    for name, frame in study.tables.items():
        pd.testing.assert_frame_equal(getattr(reopened, name), frame, obj=name)
    assert reopened.meta == study.meta
    assert reopened.codebooks == study.codebooks
    assert reopened == study
    assert reopened.name == study.name


def test_saving_twice_overwrites_atomically_and_leaves_no_temporary_files(sample_study, tmp_path):
    path = tmp_path / "p.qlr"
    sample_study.save(path)
    changed = sample_study.copy()
    changed.record("edit")
    changed.save(path)
    assert len(qlr.open(path).log) == len(sample_study.log) + 1
    assert sorted(os.listdir(tmp_path)) == ["p.qlr"]


def test_a_failed_save_keeps_the_old_file(sample_study, tmp_path, monkeypatch):
    path = tmp_path / "p.qlr"
    sample_study.save(path)
    before = path.read_bytes()

    def explode(connection, study):
        connection.execute("CREATE TABLE half (x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(_store, "_write", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        sample_study.save(path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["p.qlr"]


def test_newer_schema_is_refused(sample_study, tmp_path):
    path = tmp_path / "new.qlr"
    sample_study.save(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.close()
    with pytest.raises(ProjectVersionError, match=r"new\.qlr: the project was saved by qlr .* \(file format 99\).*Fix: upgrade qlr"):
        qlr.open(path)


def test_text_file_is_not_a_project(tmp_path):
    path = tmp_path / "notes.qlr"
    path.write_text("hello")
    with pytest.raises(ProjectFileError, match=r"notes\.qlr: not a qlr project file \(it is not an SQLite database\)"):
        qlr.open(path)


def test_other_sqlite_database_is_not_a_project(tmp_path):
    path = tmp_path / "other.qlr"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(ProjectFileError, match="has no qlr meta table"):
        qlr.open(path)


def test_damaged_project(sample_study, tmp_path):
    path = tmp_path / "damaged.qlr"
    sample_study.save(path)
    data = bytearray(path.read_bytes())
    # Keep the SQLite header, wreck the pages after it.
    data[100:] = bytes(len(data) - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectFileError, match=r"damaged\.qlr: .*(damaged|not a qlr project)"):
        qlr.open(path)


def test_truncated_project(sample_study, tmp_path):
    path = tmp_path / "cut.qlr"
    sample_study.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ProjectFileError, match=r"cut\.qlr"):
        qlr.open(path)


def test_missing_project_and_folder(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no such project file"):
        qlr.open(tmp_path / "none.qlr")
    with pytest.raises(ProjectFileError, match="this is a folder"):
        qlr.open(tmp_path)


def test_opening_never_writes(sample_study, tmp_path):
    path = tmp_path / "ro.qlr"
    sample_study.save(path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    qlr.open(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
