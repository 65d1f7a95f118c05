"""Naming leftovers of stop 44, on small folders written here: a caption named for a person and the photo, numbered
names beside named waves, a study code of capitals alone, focus groups numbered after a study's code, a month with no
year after a name. Each test says what was read before."""

from __future__ import annotations

import warnings

import qlr
from qlr.cli import main
from qlr.io._load import _without_study_code
from qlr.io._sections import lone_month, round_the_year

from .conftest import write
from .test_leftovers_44 import _placed, _template

_TALK = "Interviewer: How is the allotment this year?\n\n{who}: We grew {n} rows of beans and mended the water butt.\n"


def _folder(root, names: dict[str, str]):
    """A folder holding a file per name (its text: that person's answer), and its template (text, data)."""
    for name, who in names.items():
        write(root / name, _TALK.format(who=who, n=len(name)))
    return _template(root)


def _cases(data: dict) -> list[str]:
    return sorted(case["id"] for case in data["cases"])


# ------------------------------------------------------------ 1. a caption named for its author and the photo


def test_a_caption_named_for_a_person_and_the_photo_is_that_persons(tmp_path, capsys):
    root = tmp_path / "plots"
    _folder(root, {"interview with ana.txt": "Ana", "interview with bea.txt": "Bea"})
    write(root / "photos" / "bea seedlings.txt", "My seedlings on the windowsill, the first to come up.\n")
    text, data = _template(root)
    # Before: a third case "bea_seedlings" (3 cases: ana, bea, bea_seedlings).
    assert _cases(data) == ["ana", "bea"]
    assert _placed(data)["photos/bea seedlings.txt"] == ("bea", "W1", "document")
    assert "photo captions whose names hold a person's the other files name, and the photo's title: that person's: bea seedlings (bea)" in text
    assert main(["info", str(root)]) == 0
    assert "2 cases: ana, bea" in capsys.readouterr().out


def test_a_text_beside_a_photo_of_its_name_is_its_caption(tmp_path):
    root = tmp_path / "beside"
    _folder(root, {"interview with ana.txt": "Ana", "interview with bea.txt": "Bea"})
    write(root / "bea seedlings.txt", "My seedlings on the windowsill.\n")
    write(root / "bea seedlings.jpg", b"\xff\xd8\xff\xe0 not a real photograph")
    # Before: an interview of a case "bea_seedlings" (kind interview: nothing said it was a caption).
    assert _placed(_template(root)[1])["bea seedlings.txt"] == ("bea", "W1", "document")


def test_a_caption_naming_no_one_or_two_people_keeps_its_name(tmp_path):
    root = tmp_path / "others"
    _folder(root, {"interview with ana.txt": "Ana", "interview with bea.txt": "Bea"})
    write(root / "photos" / "ana and bea.txt", "Both of us at the gate.\n")
    write(root / "photos" / "the shed.txt", "The shed after the storm.\n")
    write(root / "bea seedlings.txt", _TALK.format(who="Bea", n=2))  # no photo's word, no photo: no caption
    placed = _placed(_template(root)[1])
    assert placed["photos/ana and bea.txt"][0] == "ana_bea"  # "and" names no one; two people, not one
    assert placed["photos/the shed.txt"][0] == "shed"  # "the" names no one
    assert placed["bea seedlings.txt"] == ("bea_seedlings", "W1", "interview")


# ------------------------------------------------------------ 2. numbered names beside named waves


def test_numbered_names_beside_numbered_waves_are_read_per_person(tmp_path):
    text, data = _folder(
        tmp_path / "points",
        {"Cy Time point 1.txt": "Cy", "Cy Time point 2.txt": "Cy", "Ana 1.txt": "Ana", "Ana 2.txt": "Ana", "Bea 1.txt": "Bea"},
    )
    # Before: cases Ana_1, Ana_2, Bea_1 at W1 ("no wave in the name … put at the first wave") beside Cy at W1-W2.
    assert _placed(data) == {
        "Ana 1.txt": ("Ana", "W1", "interview"), "Ana 2.txt": ("Ana", "W2", "interview"), "Bea 1.txt": ("Bea", "W1", "interview"),
        "Cy Time point 1.txt": ("Cy", "W1", "interview"), "Cy Time point 2.txt": ("Cy", "W2", "interview"),
    }  # fmt: skip
    assert [wave["label"] for wave in data["waves"]] == ["Time point 1", "Time point 2"]  # the labels the names gave
    assert "# Check: the numbers closing the names of 'Ana', 'Bea' were read as each person's interviews" in text


def test_numbered_names_beside_waves_named_by_words_or_alone_stay_as_they_were(tmp_path):
    # Beside "baseline" and "follow-up", whose order with numbers nothing says: as before.
    _, data = _folder(
        tmp_path / "words", {"Cy baseline.txt": "Cy", "Cy follow-up.txt": "Cy", "Ana 1.txt": "Ana", "Ana 2.txt": "Ana", "Bea 1.txt": "Bea"}
    )
    assert _cases(data) == ["Ana_1", "Ana_2", "Bea_1", "Cy"]
    # One name numbered, beside waves: as likely sites as visits, as without them.
    _, data = _folder(tmp_path / "one", {"Cy T1.txt": "Cy", "Cy T2.txt": "Cy", "Ana 1.txt": "Ana", "Ana 2.txt": "Ana"})
    assert _cases(data) == ["Ana_1", "Ana_2", "Cy"]
    # Role's numbered members beside waves are people of their own.
    _, data = _folder(
        tmp_path / "roles", {"Cy T1.txt": "Cy", "Cy T2.txt": "Cy", "Teacher 1.txt": "T", "Teacher 2.txt": "T", "Ana 1.txt": "Ana", "Ana 2.txt": "Ana"}
    )
    assert _placed(data)["Teacher 2.txt"][:2] == ("Teacher_2", "W1") and _placed(data)["Ana 2.txt"][:2] == ("Ana", "W2")
    # Beside year folders ("2020/"), whose numbers are no interview's: as before.
    _, data = _folder(tmp_path / "years", {"2020/Cy.txt": "Cy", "2021/Cy.txt": "Cy", "Ana 1.txt": "Ana", "Ana 2.txt": "Ana", "Bea 1.txt": "Bea"})
    assert _cases(data) == ["Ana_1", "Ana_2", "Bea_1", "Cy"]


# ------------------------------------------------------------ 3. a study code of capitals alone


def test_a_study_code_of_capitals_alone_is_taken_out(tmp_path):
    names = {f"LARD_{person}_TP{point}_transcript.txt": "R" for person in ("P03", "P07", "P12") for point in (1, 2)}
    text, data = _folder(tmp_path / "lard", names)
    # Before: cases LARD_P03, LARD_P07, LARD_P12.
    assert _cases(data) == ["P03", "P07", "P12"]
    assert ("P07", "W2", "interview") in _placed(data).values()
    assert "'LARD', which every name holds beside a person's id, is the study's code, not part of a case" in text


def test_capitals_before_numbers_alone_or_a_word_in_lower_case_are_no_code():
    assert _without_study_code(["LARD P03", "LARD P07"]) == (["P03", "P07"], "LARD")
    assert _without_study_code(["P03 LARD", "P07 LARD"]) == (["P03", "P07"], "LARD")
    assert _without_study_code(["ANA 1", "ANA 2"])[1] is None  # a name and its interviews' numbers
    assert _without_study_code(["Lard P03", "Lard P07"])[1] is None  # a word, perhaps a name
    assert _without_study_code(["LARD P03", "LORD P07"])[1] is None  # not every name's
    assert _without_study_code(["LARD Ann Lee", "LARD Bo Chan"])[1] is None  # the rest is no person's id


# ------------------------------------------------------------ 4. focus groups numbered after a study's code


def _groups(root, names):
    for name in names:
        write(root / name, "MODERADOR: ¿Qué tal el huerto?\n\nH1: Bien, plantamos judías.\n\nM2: Y arreglamos el tejado.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [str(w.message) for w in caught]


def test_focus_groups_numbered_after_the_studys_code_are_groups_of_one_wave(tmp_path, capsys):
    root = tmp_path / "cis"
    study, warned = _groups(root, [f"E3251_GD0{n}.txt" for n in range(1, 7)])
    # Before: 1 case (E3251) × 6 waves (GD01 … GD06), each an interview.
    assert list(study.cases["case_id"]) == [f"GD0{n}" for n in range(1, 7)]
    assert list(study.waves["wave_id"]) == ["W1"]
    assert set(study.documents["kind"]) == {"focus_group"}
    assert any("'E3251' is the study's code, and each group a case" in message for message in warned)
    assert main(["info", str(root)]) == 0
    assert "6 cases × 1 wave, 6 documents" in capsys.readouterr().out
    # The template lists them so too.
    assert {(doc["case"], doc["wave"], doc["kind"]) for doc in _template(root)[1]["documents"]} == {(f"GD0{n}", "W1", "focus_group") for n in range(1, 7)}


def test_a_kind_in_the_groups_names_is_kept_and_waves_stay_waves(tmp_path):
    study, _ = _groups(tmp_path / "said", ["E3251_GD01_transcript.txt", "E3251_GD02_transcript.txt"])
    assert list(study.cases["case_id"]) == ["GD01", "GD02"] and set(study.documents["kind"]) == {"transcript"}
    # One group met at numbered waves ("GD01_W1") is one case at its waves, as before.
    study, _ = _groups(tmp_path / "met", ["GD01_W1.txt", "GD01_W2.txt", "GD01_W3.txt"])
    assert list(study.cases["case_id"]) == ["GD01"] and list(study.waves["wave_id"]) == ["W1", "W2", "W3"]


# ------------------------------------------------------------ 5. a month with no year after a name


def test_a_month_with_no_year_after_a_name_is_the_wave(tmp_path, capsys):
    root = tmp_path / "months"
    text, data = _folder(root, {"ana march.txt": "Ana", "ana september.txt": "Ana", "bea march.txt": "Bea"})
    # Before: 3 cases (ana_march, ana_september, bea_march), all at W1.
    assert _placed(data) == {
        "ana march.txt": ("ana", "W1", "interview"), "ana september.txt": ("ana", "W2", "interview"), "bea march.txt": ("bea", "W1", "interview")
    }  # fmt: skip
    assert [wave["label"] for wave in data["waves"]] == ["March", "September"]
    assert "a month with no year after a person's name is when they were seen, not their name, the wave" in text
    assert main(["info", str(root)]) == 0
    assert "2 cases: ana, bea" in capsys.readouterr().out


def test_months_run_from_the_widest_gap_round_the_year(tmp_path):
    _, data = _folder(tmp_path / "winter", {"ana november.txt": "Ana", "ana january.txt": "Ana", "bea january.txt": "Bea"})
    assert [wave["label"] for wave in data["waves"]] == ["November", "January"]
    assert _placed(data)["ana january.txt"][:2] == ("ana", "W2")
    assert round_the_year({10, 3, 6}) == [3, 6, 10]
    assert [lone_month(word) for word in ["marzo", "sept", "jun", "marco"]] == [3, 9, None, None]


def test_one_month_two_people_share_is_taken_out_of_their_names(tmp_path):
    root = tmp_path / "one"
    text, data = _folder(root, {"interview with ana march.txt": "Ana", "interview with bea march.txt": "Bea"})
    # Before: cases ana_march and bea_march.
    assert _cases(data) == ["ana", "bea"] and [wave["id"] for wave in data["waves"]] == ["W1"]


def test_a_month_that_may_be_a_name_is_left(tmp_path):
    # A first name that is a month, a surname that is one in one name alone: names.
    _, data = _folder(tmp_path / "names", {"June Smith.txt": "June", "June Cole.txt": "June", "Ana March.txt": "Ana", "Bea.txt": "Bea"})
    assert _cases(data) == ["Ana_March", "Bea", "June_Cole", "June_Smith"]
    _, data = _folder(tmp_path / "with", {"interview with june.txt": "June", "interview with ana.txt": "Ana"})
    assert _cases(data) == ["ana", "june"]


def test_a_month_written_as_a_surname_is_the_surname(tmp_path):
    # A reviewer's probe: three sisters surnamed March stay three people named March, not three people seen in March.
    _, data = _folder(tmp_path / "sisters", {"Jo March.txt": "Jo", "Meg March.txt": "Meg", "Amy March.txt": "Amy"})
    assert _cases(data) == ["Amy_March", "Jo_March", "Meg_March"]


def test_numbered_names_past_the_waves_other_names_give_stay_names(tmp_path):
    # A reviewer's probe: "Workshop 3" beside waves 1 and 2 is no one's third interview; the numbered names stay names.
    _, data = _folder(
        tmp_path / "workshops",
        {"Ana Wave 1.txt": "Ana", "Ana Wave 2.txt": "Ana", "Workshop 1.txt": "W", "Workshop 2.txt": "W", "Workshop 3.txt": "W"},
    )
    assert [wave["id"] for wave in data["waves"]] == ["W1", "W2"]
    assert "Workshop_3" in _cases(data)
