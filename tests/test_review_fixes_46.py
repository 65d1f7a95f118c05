"""Fixes after the review of stop 46's merged change, each on a small study written here; each test says what the
reviewer's script showed before."""

from __future__ import annotations

import warnings

import qlr
from qlr.evidence import not_coded_documents
from qlr.io import read_qdpx, write_qdpx

from .conftest import without_qlr_details, write


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
    without_qlr_details(tmp_path / "x.qdpx", tmp_path / "nv.qdpx")  # as NVivo hands it back
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = read_qdpx(tmp_path / "nv.qdpx")
    assert sorted(back.documents["wave_id"]) == ["W1", "W1", "W2", "W2"]
    # Before: "4 source(s) carry values of 1 variable(s) of their own ('Wave') … but no table of the study shows them".
    assert not [w for w in caught if "'Wave'" in str(w.message)]


def test_undated_waves_pool_in_their_names_order_whichever_study_comes_first(tmp_path):
    a = _study(tmp_path / "a", "A", {(p, w): "We had a chat." for p in ("Ann", "Ben") for w in ("W1", "W2", "W3")}, ["W1", "W2", "W3"])
    c = _study(tmp_path / "c", "C", {("Ben", "W4"): "We had a chat."}, ["W4"])
    for order in ([a, c], [c, a]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            both = qlr.concat(order, cases="shared", waves="id")
        # Before, with C given first: W4, W1, W2, W3 (Ann "joined late", at a W4 before W1).
        assert list(both.waves.sort_values("order")["wave_id"]) == ["W1", "W2", "W3", "W4"]


def test_a_study_with_no_waves_pooled_with_one_that_has_them_is_named(tmp_path):
    a = _study(tmp_path / "a", "A", {("Ann", "W1"): "We had a chat.", ("Ann", "W2"): "We had tea."}, ["W1", "W2"])
    write(tmp_path / "b" / "study.yaml", "name: B\ncases:\n  - {id: Ann}\ndocuments:\n  - {path: Ann.txt, case: Ann}\n")
    write(tmp_path / "b" / "Ann.txt", "INT: How is it?\nAnn: We plan it ourselves now.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b = qlr.load(tmp_path / "b", progress=False)
    assert len(b.waves) == 0
    # Before: nothing said; B's document was in no by-wave table.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.concat([a, b], cases="shared", waves="id")
    said = [str(w.message) for w in caught if "with no wave" in str(w.message)]
    assert said and said[0].startswith("'B' brings 1 document with no wave (Ann)")


def test_month_waves_dated_against_their_order_round_the_year_are_said(tmp_path):
    from qlr.errors import InferenceWarning

    for person, dated in (("Ann", True), ("Bob", False)):
        write(tmp_path / f"{person}_june_interview.txt", ("Date: 12 June 2025\n\n" if dated else "") + "Interviewer: How is it?\n\nParticipant: Fine.\n")
        write(tmp_path / f"{person}_march_interview.txt", ("Date: 10 March 2026\n\n" if dated else "") + "Interviewer: How is it?\n\nParticipant: Fine.\n")
        write(tmp_path / f"{person}_april_interview.txt", "Interviewer: How is it?\n\nParticipant: Fine.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    assert list(study.waves.sort_values("order")["wave_id"]) == ["march", "april", "june"]
    # Before: no word that June's documents are dated nine months before March's.
    said = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning) and "their documents' dates say june, march" in str(w.message)]
    assert len(said) == 1

