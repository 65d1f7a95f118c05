"""File names as researchers write them: a date with its month's name, a person's two waves among dated names, a diary's days."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import qlr
from qlr.io._naming import date_in_name

from .conftest import write

TALK = "Interviewer: How have things been?\nAnn: Busy, but fine. We run the group ourselves now.\n"


def _placed(root: Path) -> tuple[dict[str, tuple], list[str]]:
    """Each file's (case, wave, date) as the template gives them, and its "# Guessed:" lines."""
    text = qlr.io.template_for(root)
    data = yaml.safe_load(text)
    placed = {doc["path"]: (doc["case"], doc["wave"], doc.get("date")) for doc in data["documents"]}
    return placed, [line for line in text.splitlines() if line.startswith("# Guessed:")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ann 12 March 2019", ("2019-03-12", "Ann")),
        ("P03_3rd_June_2021", ("2021-06-03", "P03")),
        ("Bo - March 12, 2019", ("2019-03-12", "Bo")),
        ("Eva 12. Januar 2026", ("2026-01-12", "Eva")),
        ("Cy_12-Mar-2019", ("2019-03-12", "Cy")),
        ("T2 12 March 2019", ("2019-03-12", "T2")),
        # The number before the month is a wave's or a person's, not a day: the month alone is said elsewhere.
        ("Interview 2 March 2019", None),
        ("Interview_2_March_2019", None),
        ("P01-Interview-2-March-2019", None),
        ("Follow up 2 June 2020", None),
        ("Wave 2 March 2019", None),
        ("Ann - 12 March 2019 - part 2", ("2019-03-12", "Ann - part 2")),
        ("P12 May 2019", None),
        ("Sarah June 2021", None),
    ],
)
def test_a_date_naming_its_month_in_a_file_name(name, expected):
    assert date_in_name(name) == expected


def test_dated_names_give_dates_and_a_persons_numbered_waves_stay_waves(tmp_path):
    # Before: "12 March" was read as a month with "12" joined to the name (case "Ann_12"), and the two
    # "Grace_W…" files, outnumbered by the dated names, were read as cases "Grace_W1" and "Grace_W2" at W1.
    root = tmp_path / "study"
    for name in ("Ann 12 March 2019", "Bo 3 April 2019", "Cy 20 May 2019", "Di 1 June 2019", "Grace_W1_interview", "Grace_W2_interview"):
        write(root / f"{name}.txt", TALK)
    placed, guessed = _placed(root)
    assert placed["Ann 12 March 2019.txt"] == ("Ann", "W1", "2019-03-12")
    assert placed["Di 1 June 2019.txt"] == ("Di", "W1", "2019-06-01")
    assert placed["Grace_W1_interview.txt"][:2] == ("Grace", "W1")
    assert placed["Grace_W2_interview.txt"][:2] == ("Grace", "W2")
    assert not any("read as participants" in line for line in guessed)


def test_participant_codes_that_look_like_waves_are_still_codes(tmp_path):
    # "T03", "T04", "T05": one file per person, numbers no two files share and no name comes back with.
    root = tmp_path / "codes"
    for number in (3, 4, 5, 6):
        write(root / f"T{number:02d} transcript.txt", TALK)
    placed, guessed = _placed(root)
    assert {case for case, _, _ in placed.values()} == {"T03", "T04", "T05", "T06"}
    assert {wave for _, wave, _ in placed.values()} == {"W1"}
    assert any("read as participants" in line for line in guessed)


def test_a_diarys_daily_entries_are_one_wave_each_dated(tmp_path):
    # Before worded dates were read, such a folder had one wave; read, it would have had one wave per day.
    root = tmp_path / "Diary"
    for day in range(1, 21):
        write(root / f"Entry {day} March 2024.md", f"# {day} March\n\nWent to the group today.\n")
    placed, guessed = _placed(root)
    assert {wave for _, wave, _ in placed.values()} == {"W1"}
    assert placed["Entry 5 March 2024.md"][2] == "2024-03-05"
    assert any("one wave for the entries of a series, most less than 7 days apart: Entry (" in line for line in guessed)


def test_interviews_weeks_apart_are_still_a_persons_waves_by_date(tmp_path):
    # Three interviews a month apart each (no gap wide enough for rounds): each person's first, second, third.
    root = tmp_path / "monthly"
    for person, first in (("Ann", 2), ("Bo", 5), ("Cy", 9)):
        for month in ("March", "April", "May"):
            write(root / f"{person} {first} {month} 2019.txt", TALK)
    placed, _ = _placed(root)
    assert [placed[f"Bo 5 {month} 2019.txt"][1] for month in ("March", "April", "May")] == ["W1", "W2", "W3"]


def test_one_persons_diary_leaves_the_others_interviews_in_their_waves(tmp_path):
    # Review: the series rule pooled every case's gaps, so one daily diary put everyone's interviews at W1.
    root = tmp_path / "mixed"
    for person, first in (("Ann", 2), ("Bo", 5), ("Cy", 9)):
        for month in ("March", "April", "May"):
            write(root / f"{person} {first} {month} 2019.txt", TALK)
    for day in range(1, 15):
        write(root / f"Zed {day} June 2019.txt", TALK)
    placed, guessed = _placed(root)
    assert [placed[f"Bo 5 {month} 2019.txt"][1] for month in ("March", "April", "May")] == ["W1", "W2", "W3"]
    assert {placed[f"Zed {day} June 2019.txt"][1] for day in range(1, 15)} == {"W1"}
    assert any("entries of a series, most less than 7 days apart: Zed (interview)" in line for line in guessed)


def test_participant_codes_in_a_common_folder_are_still_codes(tmp_path):
    # Review: "Data/Interview 13.txt" … shared the folder, read as one name at four numbers: case 'Data' at W13-W16.
    root = tmp_path / "study"
    for number in (13, 14, 15, 16):
        write(root / "Data" / f"Interview {number}.txt", TALK)
    placed, _ = _placed(root)
    assert {wave for _, wave, _ in placed.values()} == {"W1"}
    assert "Data" not in {case for case, _, _ in placed.values()}


def test_a_persons_file_above_wave_folders_in_a_subfolder_is_theirs_and_a_persons_report_keeps_their_case(tmp_path):
    root = tmp_path / "study"
    for wave in (1, 2):
        for person in ("P1", "P2"):
            write(root / "data" / f"Wave {wave}" / f"{person}.txt", TALK)
    write(root / "data" / "P4 all interviews.txt", TALK)
    write(root / "data" / "P3" / "P3 report.txt", "My account of the year at the centre.\n")
    placed, _ = _placed(root)
    assert placed["data/P4 all interviews.txt"][0] == "P4"
    assert placed["data/P3/P3 report.txt"][0] == "P3"


def test_an_interviewers_name_with_many_interview_numbers_leaves_them_participants(tmp_path):
    # A real folder (MLSS moderation): "2023-06-04-Interview 4 - Amin.pdf" … "Interview 43 - Amin", the number
    # a participant's, the name the interviewer's. Review of this stop: they had become 30 waves.
    root = tmp_path / "moderation"
    numbers = {"Amin": [3, 4, 5, 7, 8, 9, 10, 11, 12, 13], "Mouna": [20, 21, 23, 24, 25, 26, 27, 29, 30], "Ilan": [2]}
    for name, taken in numbers.items():
        for number in taken:
            write(root / f"2023-06-04-Interview {number} - {name}.txt", TALK)
    placed, guessed = _placed(root)
    assert {wave for _, wave, _ in placed.values()} == {"W1"}
    assert any("read as participants" in line for line in guessed)
