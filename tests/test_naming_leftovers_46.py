"""Naming leftovers of stop 45, on small folders written here: a month or a season as the wave in names that follow
``{case}_{wave}_{kind}`` (and wherever else waves are inferred), and one focus group's file named after its study's
code. Each test says what was read before."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.cli import main
from qlr.errors import InferenceWarning
from qlr.io._sections import order_waves

from .conftest import write

_TALK = "Interviewer: How is the allotment this year?\n\nParticipant: We grew {n} rows of beans and mended the water butt.\n"


def _load(root, names: list[str]) -> qlr.Study:
    for n, name in enumerate(names):
        write(root / name, _TALK.format(n=n + 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        return qlr.load(root)


def _waves_of(study: qlr.Study) -> list[str]:
    return list(study.waves.sort_values("order")["wave_id"])


# ------------------------------------------------------------ 1. a month or a season as the convention's wave


def test_months_as_the_conventions_waves_run_round_the_year(tmp_path, capsys):
    root = tmp_path / "allotments"
    study = _load(root, ["Ann_april_interview.txt", "Ann_june_interview.txt", "Bob_april_interview.txt", "Ann_march_interview.txt"])
    # Before: natural order, april, june, march (Ann's March interview read as her last; Bob "dropped out" after April).
    assert _waves_of(study) == ["march", "april", "june"]
    joined = study.documents.merge(study.waves[["wave_id", "order"]], on="wave_id").sort_values("order")
    assert list(joined.loc[joined.case_id == "Ann", "wave_id"]) == ["march", "april", "june"]
    assert main(["info", str(root)]) == 0
    out = capsys.readouterr().out
    assert "waves inferred, in their order round the year from the widest gap between them" in out
    assert "march, april, june" in out


def test_months_over_a_years_end_start_after_the_widest_gap(tmp_path):
    # November, January, March: the gap from March round to November (eight months) is when no fieldwork was done.
    study = _load(tmp_path / "winter", ["Ann_january_interview.txt", "Ann_march_interview.txt", "Ann_november_interview.txt"])
    # Before: january, march, november.
    assert _waves_of(study) == ["november", "january", "march"]


def test_seasons_as_waves_run_round_the_year():
    # Before: natural order for every one of these (autumn, spring, summer).
    assert order_waves(["autumn", "spring", "summer"]).waves == ["spring", "summer", "autumn"]
    assert order_waves(["Spring", "Winter"]).waves == ["Winter", "Spring"]
    assert order_waves(["fall", "summer"]).waves == ["summer", "fall"]
    # Six months either way: no order between them.
    assert order_waves(["autumn", "spring"]).by == order_waves(["march", "september"]).by == "natural"


@pytest.mark.parametrize(
    ("waves", "why"),
    [
        (["march", "W2"], "a month beside a numbered wave: no order between them"),
        (["march", "march_2"], "one month twice"),
        (["spring", "march"], "a season beside a month"),
        (["may", "group"], "a word that is no month"),
    ],
)
def test_months_and_seasons_mixed_with_other_names_stay_in_natural_order(waves, why):
    found = order_waves(sorted(waves))
    assert found.waves == sorted(waves), why
    assert found.by == "natural"


def test_dated_documents_order_months_before_their_names():
    from datetime import date

    # The documents' dates say June came first (a study that started in June and returned in March).
    found = order_waves(["june", "march"], dates={"june": [date(2025, 6, 2)], "march": [date(2026, 3, 9)]})
    assert found.waves == ["june", "march"]
    assert found.by == "dates"


# ------------------------------------------------------------ 2. one focus group's file after its study's code


def test_one_focus_groups_file_in_a_folder_is_that_group(tmp_path, capsys):
    root = tmp_path / "cis"
    write(root / "E3251_GD01.txt", "Moderador: Buenas tardes.\n\nParticipante 1: Buenas tardes a todos.\n")
    with pytest.warns(InferenceWarning, match=r"'E3251' is the study's code.*if E3251 is the group and GD01 its wave"):
        study = qlr.load(root)
    # Before: case E3251 at wave GD01, an interview (as if E3251 were a person met at a wave named GD01).
    assert list(study.cases["case_id"]) == ["GD01"]
    assert list(study.documents["wave_id"]) == ["W1"]
    assert list(study.documents["kind"]) == ["focus_group"]


def test_one_focus_groups_file_read_alone_is_that_group(tmp_path, capsys):
    path = tmp_path / "E3251_GD02.txt"
    write(path, "Moderador: Buenas tardes.\n\nParticipante 1: Buenas tardes a todos.\n")
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    # Before: "single file: case 'E3251', wave 'GD02', kind 'interview'".
    assert "single file: case 'GD02', wave 'W1', kind 'focus_group'" in out
    assert "'E3251' before a focus group's number is the study's code; the group is the case" in out


def test_a_kind_in_a_lone_groups_name_is_kept(tmp_path):
    path = tmp_path / "E3251_GD03_transcript.txt"
    write(path, "Moderador: Buenas tardes.\n\nParticipante 1: Buenas tardes a todos.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        study = qlr.load(path)
    assert list(study.cases["case_id"]) == ["GD03"]
    assert list(study.documents["kind"]) == ["transcript"]  # as the name says, not focus_group
