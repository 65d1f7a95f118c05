"""Files named wave first ("W1_P01_interview.txt"), as some teams name them: the wave is the wave, the code the case."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr

from .conftest import write

TALK = "Interviewer: How are things?\nAsha: Busy.\nInterviewer: And the group?\nAsha: We run it now.\n"


def _load(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]


@pytest.mark.parametrize(
    ("names", "cases", "waves"),
    [
        (["W1_P01_interview.txt", "W1_P02_interview.txt", "W2_P01_interview.txt"], ["P01", "P02"], ["W1", "W2"]),
        (["T1_AB1234.txt", "T1_CD5678.txt", "T2_AB1234.txt"], ["AB1234", "CD5678"], ["T1", "T2"]),  # a code, not an archive's number
        (["Spring2019_P01.txt", "Autumn2019_P01.txt", "Spring2019_P02.txt"], ["P01", "P02"], ["Autumn2019", "Spring2019"]),
    ],
)
def test_the_wave_first_is_the_wave(tmp_path, names, cases, waves):
    for name in names:
        write(tmp_path / "s" / name, TALK)
    write(tmp_path / "s" / f"{names[0].split('_')[0]}_fieldnotes.md", "# Notes\n\nQuiet week.\n")  # a wave's notes beside them
    study, said = _load(tmp_path / "s")
    assert sorted(study.cases["case_id"]) == cases
    assert sorted(study.waves["wave_id"]) == waves
    assert any("named {wave}_{case}, the wave first" in note for note in study.meta["inferred"])
    assert not any("accession" in message for message in said)


@pytest.mark.parametrize(
    "names",
    [
        ["T01_W1_interview.txt", "T02_W1_interview.txt", "T01_W2_interview.txt"],  # teachers T01, T02 at waves: both parts waves
        ["P01_W1_interview.txt", "P02_W1_interview.txt", "P01_W2_interview.txt"],  # the convention itself
        ["duarte_OH0344.xml.txt", "hanford_OH0139.txt"],  # a surname is no wave
    ],
)
def test_names_case_first_stay_as_they_are(tmp_path, names):
    for name in names:
        write(tmp_path / "s" / name, TALK)
    study, _ = _load(tmp_path / "s")
    assert not any("the wave first" in note for note in study.meta["inferred"])
    assert set(study.cases["case_id"]) == {name.split("_")[0] for name in names}


@pytest.mark.parametrize(
    ("name", "case", "wave", "day"),
    [
        ("cfpp_Jean-Luc_Ardoin_H_57_SO.txt", "cfpp_Jean-Luc_Ardoin_H_57_SO", "W1", None),  # a title, not case 'cfpp' at wave 'Jean-Luc'
        ("C01_W2_interview.txt", "C01", "W2", None),
        ("Tom_2023-03-01.txt", "Tom", "W1", "2023-03-01"),
        ("duarte_OH0344.txt", "duarte", "W1", None),
    ],
)
def test_a_file_loaded_alone_is_named_as_a_folder_reads_its_name(tmp_path, name, case, wave, day):
    study, _ = _load(write(tmp_path / name, TALK))
    row = study.documents.iloc[0]
    assert (row["case_id"], row["wave_id"]) == (case, wave)
    assert (None if pd.isna(row["date"]) else str(row["date"])[:10]) == day
