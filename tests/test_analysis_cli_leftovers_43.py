"""Analysis and command-line leftovers of stop 43: a deposit keeps every wave, networks say why they are empty, a held
codebook by its id, counts said once, a codebook's language from its own words, and ``qlr info`` before a manifest.

Small hand-written studies of a tool library: Hal Brook (T1), Ines Moro (T2), Jo Penn (T3) and Uma Reid (T4) lend and
borrow; Dee asks the questions.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

import qlr
from qlr.io import template_for

from .conftest import write

TALK = "Dee: How are decisions made at the library?\n\n{name}: {words}\n\nDee: And who runs the sessions?\n\n{name}: {more}\n"
LIBRARY = """name: Tool library
waves:
  - {id: W1, label: Spring, start: 2025-03-01, end: 2025-03-31}
  - {id: W2, label: Summer, start: 2025-07-01, end: 2025-07-31}
  - {id: W3, label: Winter, start: 2025-12-01, end: 2025-12-31}
cases:
  - {id: T1, label: Hal Brook, role: lender}
  - {id: T2, label: Ines Moro, role: borrower}
  - {id: T3, label: Jo Penn, role: lender, waves: [W1]}
  - {id: T4, label: Uma Reid, role: borrower}
speakers: {Dee: interviewer}
documents:
  - interviews/*
"""


def _quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def _library(root: Path) -> Path:
    """W2 planned and never held (no document at all); Hal seen at W1 and W3 (missed W2), Ines at W1 only (dropped out),
    Jo planned for W1 only, Uma never seen."""
    write(root / "study.yaml", LIBRARY)
    write(root / "interviews/T1_W1_interview.txt", TALK.format(name="Hal", words="The staff decide everything, we are just told.", more="Staff run them."))
    write(root / "interviews/T1_W3_interview.txt", TALK.format(name="Hal", words="We decide together now, at the members' meeting.", more="I run the repair session myself."))
    write(root / "interviews/T2_W1_interview.txt", TALK.format(name="Ines", words="We were asked what tools to buy.", more="The staff do."))
    write(root / "interviews/T3_W1_interview.txt", TALK.format(name="Jo", words="Nobody asked us anything.", more="The council runs it."))
    return root


def _ladder_rows(study: qlr.Study) -> list[tuple]:
    table = qlr.track.ladder(study, codebook="coproduction").table
    return sorted(zip(table["case_id"].astype(str), table["wave_id"].astype(str), table["facet"].astype(str), table["status"].astype(str), table["reason"].astype(str), table["level"].astype(str)))


def test_a_deposit_keeps_a_wave_no_document_is_of_and_each_case_s_absences(tmp_path):
    study = _quiet(qlr.load, _library(tmp_path / "library"), progress=False)
    before = study.attrition()
    assert before.loc["T2", "pattern"] == "dropped out" and before.loc["T1", "W2"] == "missed"
    assert before.loc["T3", "W2"] == "not scheduled" and before.loc["T4", "pattern"] == "never seen"
    result = _quiet(qlr.pseudonymise, study)
    folder = qlr.pseudo.deposit(result, tmp_path / "deposit")
    # The wave no document is of has its list: a row with no file for each case it was planned for and did not see.
    assert (folder / "data_list_W2.csv").is_file()
    w2 = pd.read_csv(folder / "data_list_W2.csv", dtype=str)
    assert w2["file"].isna().all() and sorted(w2["case_id"]) == ["T1", "T2", "T4"]
    assert "| W2 | Summer | 0 |" in (folder / "README.md").read_text()
    # Loaded back through the template of the deposit (waves, dates and each case's planned waves from project.qdpx).
    write(folder / "study.yaml", template_for(folder))
    back = _quiet(qlr.load, folder, progress=False)
    assert list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    assert [str(d) for d in back.waves["start"]] == [str(d) for d in study.waves["start"]]
    assert back.attrition().drop(columns="role").equals(before.drop(columns="role"))
    coded, coded_back = _quiet(study.apply, "coproduction"), _quiet(back.apply, "coproduction")
    assert _ladder_rows(coded_back) == _ladder_rows(coded)
    trajectories = qlr.track.trajectories(qlr.track.ladder(coded, codebook="coproduction"))
    trajectories_back = qlr.track.trajectories(qlr.track.ladder(coded_back, codebook="coproduction"))
    keep = ["case_id", "facet", "type", "dropped_out"]
    assert trajectories_back[keep].astype(str).equals(trajectories[keep].astype(str))


def test_a_study_yaml_listing_the_deposit_s_lists_keeps_every_wave(tmp_path):
    # Without the template (the lists alone, as the deposit's README says): the empty wave and the drop-out stay.
    study = _quiet(qlr.load, _library(tmp_path / "library"), progress=False)
    folder = qlr.pseudo.deposit(_quiet(qlr.pseudonymise, study), tmp_path / "deposit")
    lists = sorted(path.name for path in folder.glob("data_list_*.csv"))
    assert lists == ["data_list_W1.csv", "data_list_W2.csv", "data_list_W3.csv"]
    write(folder / "study.yaml", "name: Tool library\ndocuments:\n" + "".join(f"  - list: {name}\n" for name in lists))
    back = _quiet(qlr.load, folder, progress=False)
    assert list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    attrition = back.attrition()
    assert attrition.loc["T2", "pattern"] == "dropped out" and attrition.loc["T1", "W2"] == "missed"
    assert attrition.loc["T4", "pattern"] == "never seen"
