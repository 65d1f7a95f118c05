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


# --- the project file at scale: chunks, indices (issue 16 item 5) ---------------------------


def test_tables_cross_chunk_boundaries_losslessly(sample_study, tmp_path, monkeypatch):
    # 7 rows a chunk: 1,734 segments end mid-chunk, 3 waves fit in one, empty tables have none.
    monkeypatch.setattr(_store, "CHUNK_ROWS", 7)
    study = _with_everything(sample_study)
    study.save(tmp_path / "small-chunks.qlr")
    assert qlr.open(tmp_path / "small-chunks.qlr") == study


def test_no_table_is_converted_whole_when_saving_or_opening(sample_study, tmp_path, monkeypatch):
    # Python values for more than one chunk of rows at a time would be a second copy of the table.
    monkeypatch.setattr(_store, "CHUNK_ROWS", 100)
    seen = []
    column_values, restore = _store._column_values, _store._restore
    monkeypatch.setattr(_store, "_column_values", lambda series: seen.append(len(series)) or column_values(series))
    monkeypatch.setattr(_store, "_restore", lambda values, dtype: seen.append(len(values)) or restore(values, dtype))
    sample_study.save(tmp_path / "p.qlr")
    reopened = qlr.open(tmp_path / "p.qlr")
    assert len(reopened.segments) == len(sample_study.segments) > 100
    assert max(seen) == 100


def test_queries_by_document_case_wave_segment_and_code_use_an_index(coded_sample, tmp_path):
    path = tmp_path / "p.qlr"
    coded_sample.save(path)
    connection = sqlite3.connect(path)
    try:
        position = {
            (table, name): f"c{i}" for table, i, name in connection.execute("SELECT tbl, position, name FROM columns")
        }

        def plan(table, column):
            rows = connection.execute(f'EXPLAIN QUERY PLAN SELECT * FROM "t_{table}" WHERE "{position[table, column]}" = ?', ("x",))
            return " ".join(str(row[-1]) for row in rows)

        for table, column in [("documents", "doc_id"), ("documents", "case_id"), ("documents", "wave_id"), ("segments", "doc_id"),
                              ("segments", "seg_id"), ("codings", "doc_id"), ("codings", "seg_id"), ("codings", "code_id")]:
            assert "USING INDEX" in plan(table, column), (table, column)
        assert "USING INDEX" not in plan("codings", "coder")
    finally:
        connection.close()
    assert qlr.open(path) == coded_sample


@pytest.mark.parametrize(
    "statement",
    [
        'CREATE INDEX "qlr_codings_c1" ON "t_codings" (lower("c1"))',  # an expression, not a column
        'CREATE INDEX "qlr_codings_c99" ON "t_codings" ("c1")',  # its name and its column disagree
        'CREATE INDEX "mine" ON "t_codings" ("c6")',  # not a name qlr gives
        'CREATE INDEX "qlr_codings_c6" ON "t_codings" ("c6") WHERE "c6" > 0',  # a partial index
    ],
)
def test_an_index_qlr_did_not_write_is_refused(sample_study, tmp_path, statement):
    path = tmp_path / "p.qlr"
    sample_study.save(path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute('DROP INDEX IF EXISTS "qlr_codings_c1"')
        connection.execute(statement)
    connection.close()
    with pytest.raises(ProjectFileError, match=r"p\.qlr.*index '(qlr_codings_c1|qlr_codings_c99|mine|qlr_codings_c6)'"):
        qlr.open(path)
