"""Every file qlr writes goes through qlr._atomic (issue 12 item 8, issue 13 item 7).

For each writer: a successful write leaves no temporary behind; a write that
fails midway (the serialiser raising after writing part of the file, or the
flush to disk failing) leaves no temporary, no half-written target, and an
earlier version of the target exactly as it was.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import matplotlib
import networkx as nx
import pytest

import qlr
from qlr import _atomic, _output

from .conftest import SAMPLE

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


class Midway(Exception):
    """The failure a test injects."""


@pytest.fixture(scope="module")
def coded():
    return qlr.load(SAMPLE, progress=False).sel(case=["C01", "C05"]).apply("coproduction", progress=False)


def _figure():
    figure, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    return figure


def _writers(coded):
    """name -> (write(folder) -> the files it writes)."""
    matrix = qlr.track.matrix(coded, cols="theme")
    placements = qlr.track.ladder(coded)
    portrait = qlr.track.portrait(coded, "C05")
    return {
        "matrix.to_csv": lambda f: [matrix.to_csv(f / "m.csv"), f / "m.csv"][1:],
        "matrix.to_excel": lambda f: [matrix.to_excel(f / "m.xlsx"), f / "m.xlsx"][1:],
        "placements.to_csv": lambda f: [placements.to_csv(f / "p.csv", evidence=f / "e.csv"), f / "p.csv", f / "e.csv"][1:],
        "portrait.save": lambda f: [portrait.save(f / "C05.html"), f / "C05.html"][1:],
        "plot.save_png": lambda f: [qlr.plot.save_png(_figure(), f / "x.png"), f / "x.png"][1:],
        "net.write_graphs": lambda f: qlr.net.write_graphs({"W1": nx.Graph([("a", "b")])}, f),
        "code.write_coding_sheet": lambda f: [qlr.code.write_coding_sheet(coded, f / "s.csv", coder="jk")],
    }


NAMES = ["matrix.to_csv", "matrix.to_excel", "placements.to_csv", "portrait.save", "plot.save_png", "net.write_graphs", "code.write_coding_sheet"]


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(_atomic.TEMPORARY_PREFIX)]


def _break_the_flush(monkeypatch):
    """os.fsync fails: the temporary is complete but may not reach the disk."""

    def fail(handle):
        raise OSError("disk full (injected)")

    monkeypatch.setattr(_atomic.os, "fsync", fail)


@pytest.mark.parametrize("name", NAMES)
def test_a_writer_leaves_no_temporary_and_survives_a_failed_write(coded, tmp_path, monkeypatch, name):
    write = _writers(coded)[name]
    written = write(tmp_path)
    assert written and all(Path(p).is_file() for p in written)
    assert _temporaries(tmp_path) == []
    before = {Path(p): Path(p).read_bytes() for p in written}

    with monkeypatch.context() as patched:
        _break_the_flush(patched)
        with pytest.raises(OSError, match="injected"):
            write(tmp_path)
    assert _temporaries(tmp_path) == []
    assert {p: p.read_bytes() for p in before} == before
    plt.close("all")


class _HalfStream:
    """A file that takes half of what it is given, then fails."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data):
        self.stream.write(data[: len(data) // 2])
        raise Midway


def test_a_serialiser_failing_midway_leaves_the_old_file(coded, tmp_path, monkeypatch):
    """Each kind of serialiser writes part of its file, then raises."""
    old = b"the earlier version\r\n"
    real_write = _atomic.atomic_write

    @contextlib.contextmanager
    def half_text(path, **options):
        with real_write(path, **options) as stream:
            yield _HalfStream(stream)

    def fail(*args, **kwargs):
        raise Midway

    def half_file(self_or_graph, path, *args, **kwargs):
        Path(path).write_bytes(b"PK\x03\x04 half a file")
        raise Midway

    matrix = qlr.track.matrix(coded, cols="theme")
    cases = {
        "csv": (tmp_path / "m.csv", lambda: matrix.to_csv(tmp_path / "m.csv"), (_atomic, "atomic_write", half_text)),
        "html": (tmp_path / "C05.html", lambda: qlr.track.portrait(coded, "C05").save(tmp_path / "C05.html"), (_atomic, "atomic_write", half_text)),
        # The sheets are in the workbook; the failure comes before it is complete.
        "excel": (tmp_path / "m.xlsx", lambda: matrix.to_excel(tmp_path / "m.xlsx"), (_output, "strings_stay_strings", fail)),
        "graphml": (tmp_path / "network_W1.graphml", lambda: qlr.net.write_graphs({"W1": nx.Graph([("a", "b")])}, tmp_path), (nx, "write_graphml", half_file)),
        "png": (tmp_path / "x.png", lambda: qlr.plot.save_png(_figure(), tmp_path / "x.png"), (matplotlib.figure.Figure, "savefig", half_file)),
    }
    for kind, (target, call, (owner, attribute, failing)) in cases.items():
        target.write_bytes(old)
        with monkeypatch.context() as patched:
            patched.setattr(owner, attribute, failing)
            with pytest.raises(Midway):
                call()
        assert target.read_bytes() == old, kind
        assert _temporaries(tmp_path) == [], kind
    plt.close("all")


def test_the_report_writes_every_file_through_the_helper(coded, tmp_path, monkeypatch):
    folder = tmp_path / "report"
    targets = []
    real = _atomic._new_temporary

    def recording(target):
        targets.append(Path(target))
        return real(target)

    monkeypatch.setattr(_atomic, "_new_temporary", recording)
    page = qlr.report.write_report(coded, folder, progress=False)
    monkeypatch.undo()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert {p.suffix for p in files if p.name != ".qlr-report"} == {".html", ".png", ".csv", ".xlsx"} and page in files
    assert (folder / ".qlr-report").is_file()  # the mark that keeps qlr from reading the folder as data
    assert sorted(targets) == files  # each file once, and nothing written around the helper
    assert _temporaries(folder) == []

    # A failing flush: nothing half-written, every earlier file intact, no temporaries.
    before = {p: p.read_bytes() for p in files}
    with monkeypatch.context() as patched:
        _break_the_flush(patched)
        with pytest.raises(OSError, match="injected"):
            qlr.report.write_report(coded, folder, progress=False)
    assert _temporaries(folder) == []
    assert {p: p.read_bytes() for p in files} == before
    plt.close("all")


def test_the_agreement_command_writes_neutralised_csv(tmp_path):
    from qlr import cli

    from .test_output_hostile import assert_inert_csv

    target = tmp_path / "agreement.csv"
    assert cli.main(["agreement", str(SAMPLE), "--coders", "rm", "so", "--disagreements", "-o", str(target), "--quiet"]) == 0
    assert len(assert_inert_csv(target)) > 1
    assert _temporaries(tmp_path) == []
