"""Fixes after the review of stop 46's merged change, each on a small study written here; each test says what the
reviewer's script showed before."""

from __future__ import annotations

import warnings
import zipfile

import qlr
from qlr.evidence import not_coded_documents
from qlr.io import read_qdpx, write_qdpx

from .conftest import write


def _study(folder, name: str, turns: dict[tuple[str, str], str], waves: list[str]):
    people = sorted({person for person, _ in turns})
    manifest = f"name: {name}\ncases:\n" + "".join(f"  - {{id: {p}, role: participant}}\n" for p in people)
    manifest += "waves:\n" + "".join(f"  - {{id: {w}}}\n" for w in waves) + 'documents:\n  - "*.txt"\n'
    write(folder / "study.yaml", manifest)
    for (person, wave), text in turns.items():
        write(folder / f"{person}_{wave}_interview.txt", f"INT: How is the group?\n{person}: {text}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False).apply("coproduction", progress=False)


def test_a_study_the_rules_coded_and_found_nothing_in_is_not_named_not_coded(tmp_path):
    a = _study(tmp_path / "a", "A", {("Ann", "W1"): "Staff decide everything and nobody asks us what we think.", ("Ben", "W1"): "We set our own agenda now."}, ["W1"])
    b = _study(tmp_path / "b", "B", {("Ann", "W2"): "We had cake.", ("Ben", "W2"): "It rained a lot."}, ["W2"])
    assert len(a.codings) > 0 and len(b.codings) == 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both = qlr.concat([a, b], cases="shared", waves="id")
    # Before: "codebook 'coproduction' coded 'A' (… codings) but not 'B' (2 documents): … 'not coded' in every analysis",
    # while the analyses read B's zeros as absences (not_coded_documents empty).
    assert not [w for w in caught if "but not 'B'" in str(w.message)]
    assert not_coded_documents(both, both.codebooks["coproduction"]) == frozenset()


def test_a_qlr_export_read_back_without_its_details_says_nothing_of_its_wave_variable(tmp_path):
    root = tmp_path / "s"
    for case in ("ann", "ben"):
        for wave in ("W1", "W2"):
            write(root / f"{case}_{wave}_interview.txt", f"Interviewer: How was {wave}?\n\n{case.title()}: Fine at {wave}.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_qdpx(qlr.load(root, progress=False), tmp_path / "x.qdpx")
    with zipfile.ZipFile(tmp_path / "x.qdpx") as z:
        members = {name: z.read(name) for name in z.namelist() if name != "qlr/details.json"}
    with zipfile.ZipFile(tmp_path / "nv.qdpx", "w") as z:  # as NVivo hands it back
        for name, data in members.items():
            z.writestr(name, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = read_qdpx(tmp_path / "nv.qdpx")
    assert sorted(back.documents["wave_id"]) == ["W1", "W1", "W2", "W2"]
    # Before: "4 source(s) carry values of 1 variable(s) of their own ('Wave') … but no table of the study shows them".
    assert not [w for w in caught if "'Wave'" in str(w.message)]
