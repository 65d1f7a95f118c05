"""Names researchers give their files: dates, "Interview 2 - Sarah", baseline/follow-up, year folders, letter case, meeting series."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import qlr
from qlr.errors import InferenceWarning

from .conftest import write

TALK = "Interviewer: How have things been?\nSarah: Busy, but fine.\nInterviewer: And work?\nSarah: Still at the shop.\n"


def _template(root: Path) -> tuple[dict, list[str]]:
    """The template as data, and its "# Guessed:" lines."""
    text = qlr.io.template_for(root)
    return yaml.safe_load(text), [line for line in text.splitlines() if line.startswith("# Guessed:")]


def _placed(data: dict) -> dict[str, tuple]:
    """Each file's (case, wave, kind, date) as the template gives them."""
    return {doc["path"]: (doc["case"], doc["wave"], doc["kind"], doc.get("date")) for doc in data["documents"]}


def _loaded_with(root: Path, text: str):
    """The study loaded from the template written beside the files, as the README says to."""
    write(root / "study.yaml", text)
    return qlr.load(root, progress=False)


# ------------------------------------------------------------ 1. a date where the kind would be


def test_a_date_after_the_session_is_the_documents_date_not_its_kind(tmp_path):
    root = tmp_path / "sessiondate"
    for name in ["Smith_Session1_2019-03-04", "Smith_Session2_2019-09-12", "Jones_Session1_2019-03-06"]:
        write(root / f"{name}.txt", TALK)
    study = qlr.load(root, progress=False)
    docs = study.documents.set_index("doc_id")
    assert set(docs["kind"]) == {"interview"}
    assert str(docs.loc["Smith_Session2_2019-09-12", "date"])[:10] == "2019-09-12"
    assert docs.loc["Smith_Session2_2019-09-12", "case_id"] == "Smith"
    assert docs.loc["Smith_Session2_2019-09-12", "wave_id"] == "Session2"
    # Segmented as an interview: the labels are read, questions told from answers.
    roles = study.segments["speaker_role"].value_counts().to_dict()
    assert roles == {"interviewer": 6, "participant": 6}
    waves = study.waves.set_index("wave_id")
    assert str(waves.loc["Session1", "start"])[:10] == "2019-03-04" and str(waves.loc["Session1", "end"])[:10] == "2019-03-06"
    note = next(n for n in study.meta["inferred"] if "not a kind" in n)
    assert note.startswith("3 file(s) end in a date, not a kind") and "Smith_Session2_2019-09-12 (2019-09-12, interview)" in note


def test_a_dated_name_takes_its_kind_from_its_folder(tmp_path):
    root = tmp_path / "study"
    write(root / "fieldnotes" / "Smith_W1_2019-03-04.md", "2019-03-04\nArrived at the shop.\n")
    write(root / "interviews" / "Smith_W1_2019-03-05.txt", TALK)
    docs = qlr.load(root, progress=False).documents.set_index("doc_id")
    assert docs.loc["Smith_W1_2019-03-04", "kind"] == "observation"
    assert docs.loc["Smith_W1_2019-03-05", "kind"] == "interview"


def test_a_dated_name_loaded_alone_or_through_the_template_keeps_its_date(tmp_path):
    root = tmp_path / "sessiondate"
    for name in ["Smith_Session1_2019-03-04", "Smith_Session2_2019-09-12"]:
        write(root / f"{name}.txt", TALK)
    alone = qlr.load(root / "Smith_Session2_2019-09-12.txt", progress=False)
    assert alone.documents["kind"].tolist() == ["interview"] and str(alone.documents["date"].iloc[0])[:10] == "2019-09-12"
    assert any("date 2019-09-12" in note for note in alone.meta["inferred"])
    # The manifest's glob reads the names the same way.
    study = _loaded_with(root, qlr.io.template_for(root))
    assert study.documents.set_index("doc_id")["kind"].to_dict() == {"Smith_Session1_2019-03-04": "interview", "Smith_Session2_2019-09-12": "interview"}
    assert sorted(str(d)[:10] for d in study.documents["date"]) == ["2019-03-04", "2019-09-12"]


def test_names_that_follow_the_convention_are_read_as_before(tmp_path):
    root = tmp_path / "plain"
    write(root / "P01_W1_interview.txt", TALK)
    write(root / "P01_W2_diary.txt", "2024-01-02\nA quiet day.\n")
    docs = qlr.load(root, progress=False).documents.set_index("doc_id")
    assert docs["kind"].to_dict() == {"P01_W1_interview": "interview", "P01_W2_diary": "diary"}
    assert docs["date"].isna().all()


# ------------------------------------------------------------ 2. the person is the case


def test_interview_number_before_the_persons_name_is_the_wave(tmp_path):
    root = tmp_path / "numbers"
    for name in ["Interview 1 - Sarah - March 2021", "Interview 2 - Sarah - June 2021", "Interview 1 - Tom - March 2021", "Interview 2 - Tom - June 2021",
                 "Interview 2 - Priya - June 2021"]:  # fmt: skip
        write(root / f"{name}.txt", TALK)
    data, guessed = _template(root)
    assert [(w["id"], w["label"]) for w in data["waves"]] == [("W1", "Interview 1"), ("W2", "Interview 2")]
    assert _placed(data) == {
        "Interview 1 - Sarah - March 2021.txt": ("Sarah", "W1", "interview", None),
        "Interview 1 - Tom - March 2021.txt": ("Tom", "W1", "interview", None),
        "Interview 2 - Priya - June 2021.txt": ("Priya", "W2", "interview", None),
        "Interview 2 - Sarah - June 2021.txt": ("Sarah", "W2", "interview", None),
        "Interview 2 - Tom - June 2021.txt": ("Tom", "W2", "interview", None),
    }
    assert "# Guessed: waves from the names, in order: W1 'Interview 1', W2 'Interview 2'" in guessed
    assert any("a month, not a day, in 5 name(s)" in line for line in guessed)
    study = _loaded_with(root, qlr.io.template_for(root))
    attrition = study.attrition()["pattern"].to_dict()
    assert attrition == {"Sarah": "complete", "Tom": "complete", "Priya": "joined late"}


def test_participant_and_interview_numbers_are_one_case_whatever_the_dash(tmp_path):
    # Numbers most files do not share are participants: "Participant 14 -Female" and "Interview 14 - Female" are one.
    root = tmp_path / "loneliness"
    for name in ["Interview 13 - Female, 20, Hackney - part 1 & 2", "Interview 14 - Female, 18, Hackney - part 2",
                 "Participant 14 -Female, 18, Hackney part 1 & 2", "Participant number 19 - Male, 19, Hackney (part 1 & 2)",
                 "Interview 17- Female, 20, Newham (parts 1 &2)", "Male, 18, Hackney \u2013 Interview 6 \u2013 part 1 & 2",
                 "Interview 48 \u00d4\u00c7\u00f4 Female, 23, Barking & Dagenham"]:  # fmt: skip
        write(root / f"{name}.txt", TALK)
    write(root / "sources_README.md", "What these files are.\n")
    data, guessed = _template(root)
    assert {path: case for path, (case, *_rest) in _placed(data).items()} == {
        "Interview 13 - Female, 20, Hackney - part 1 & 2.txt": "13",
        "Interview 14 - Female, 18, Hackney - part 2.txt": "14",
        "Participant 14 -Female, 18, Hackney part 1 & 2.txt": "14",
        "Participant number 19 - Male, 19, Hackney (part 1 & 2).txt": "19",
        "Interview 17- Female, 20, Newham (parts 1 &2).txt": "17",
        "Male, 18, Hackney \u2013 Interview 6 \u2013 part 1 & 2.txt": "6",
        "Interview 48 \u00d4\u00c7\u00f4 Female, 23, Barking & Dagenham.txt": "48",
    }
    assert {doc["wave"] for doc in data["documents"]} == {"W1"}
    assert any("read as participants, not waves" in line for line in guessed)


def test_one_interview_in_two_files_is_not_two_waves(tmp_path):
    root = tmp_path / "parts"
    for name in ["Interview 7 - Female, 18 - part 1 & 2", "Interview 13 - Male, 20 - part 1", "Interview 13 - Male, 20 - part 2"]:
        write(root / f"{name}.txt", TALK)
    data, _ = _template(root)
    assert sorted(case for case, *_rest in _placed(data).values()) == ["13", "13", "7"]
    assert [w["id"] for w in data["waves"]] == ["W1"]


def test_a_date_beside_a_session_is_kept_and_spans_the_wave(tmp_path):
    # Finding 9: "P13 Session 1 2021-03-04" lost its date; "Interview 2 - P16 - June 2021" was put in W1.
    root = tmp_path / "By person"
    write(root / "P13" / "P13 Session 1 2021-03-04.txt", TALK)
    write(root / "P13" / "P13 Session 2 2021-06-10.txt", TALK)
    write(root / "P14" / "P14_Session1_2021-03-05.txt", TALK)
    write(root / "P16" / "Interview 2 - P16 - June 2021.txt", TALK)
    data, guessed = _template(root)
    assert _placed(data) == {
        "P13/P13 Session 1 2021-03-04.txt": ("P13", "W1", "interview", "2021-03-04"),
        "P13/P13 Session 2 2021-06-10.txt": ("P13", "W2", "interview", "2021-06-10"),
        "P14/P14_Session1_2021-03-05.txt": ("P14", "W1", "interview", "2021-03-05"),
        "P16/Interview 2 - P16 - June 2021.txt": ("P16", "W2", "interview", None),
    }
    assert [(w["id"], w.get("start"), w.get("end")) for w in data["waves"]] == [("W1", "2021-03-04", "2021-03-05"), ("W2", "2021-06-10", "2021-06-10")]
    assert "# Guessed: dates in the names are the documents' dates: 3 file(s)" in guessed
    study = _loaded_with(root, qlr.io.template_for(root))
    assert study.attrition()["pattern"].to_dict() == {"P13": "complete", "P14": "dropped out", "P16": "joined late"}


# ------------------------------------------------------------ 3. wave words


@pytest.mark.parametrize(
    ("names", "waves", "cases"),
    [
        (["Jones baseline", "Jones follow-up", "Sarah baseline", "Sarah follow-up"], ["baseline", "follow-up"], ["Jones", "Jones", "Sarah", "Sarah"]),
        (["P01 follow up 2", "P01 Follow-up", "P01 baseline", "P02 FU1"], ["baseline", "Follow-up", "follow up 2"], ["P01", "P01", "P01", "P02"]),
        (["P01 Interview 1", "P01 follow-up", "P02 Follow-up interview", "P02 Interview 1"], ["Interview 1", "follow-up"], ["P01", "P01", "P02", "P02"]),
        (["2021/Smith", "2020/Smith", "2020/Patel"], ["2020", "2021"], ["Patel", "Smith", "Smith"]),
    ],
)
def test_wave_words_and_year_folders_are_waves_in_order(tmp_path, names, waves, cases):
    root = tmp_path / "words"
    for name in names:
        write(root / f"{name}.txt", TALK)
    data, guessed = _template(root)
    assert [w["label"] for w in data["waves"]] == waves
    assert [w["id"] for w in data["waves"]] == [f"W{i}" for i in range(1, len(waves) + 1)]
    assert [doc["case"] for doc in data["documents"]] == cases
    assert guessed[0].startswith("# Guessed: waves from the names, in order: W1 ")


def test_follow_up_files_land_in_their_wave(tmp_path):
    root = tmp_path / "fu"
    for name in ["Jones baseline", "Jones follow-up", "Sarah baseline"]:
        write(root / f"{name}.txt", TALK)
    study = _loaded_with(root, qlr.io.template_for(root))
    assert study.documents.set_index("source")["wave_id"].to_dict() == {"Jones baseline.txt": "W1", "Jones follow-up.txt": "W2", "Sarah baseline.txt": "W1"}
    assert study.attrition()["pattern"].to_dict() == {"Jones": "complete", "Sarah": "dropped out"}


# ------------------------------------------------------------ 4. letter case


def test_the_template_gives_ids_differing_in_letter_case_one_case(tmp_path):
    root = tmp_path / "casecase"
    for name in ["p01-t1", "P01-T2", "P02-T1", "p02-t2"]:
        write(root / f"{name}.txt", TALK)
    data, guessed = _template(root)
    assert [c["id"] for c in data["cases"]] == ["P01", "P02"]
    assert {doc["path"]: doc["id"] for doc in data["documents"]} == {
        "P01-T2.txt": "P01_W2_interview", "P02-T1.txt": "P02_W1_interview", "p01-t1.txt": "P01_W1_interview", "p02-t2.txt": "P02_W2_interview",
    }  # fmt: skip
    assert "# Guessed: case ids differing only in letter case are one case: p01 → P01, p02 → P02" in guessed


def test_loading_by_the_convention_unifies_letter_case_and_says_so(tmp_path):
    root = tmp_path / "conv"
    write(root / "p01_T1_interview.txt", TALK)
    write(root / "P01_T2_interview.txt", TALK)
    write(root / "P01_T3_interview.txt", TALK)
    with pytest.warns(InferenceWarning, match=r"case ids differing only in letter case were read as one case \(p01 → P01\)"):
        study = qlr.load(root, progress=False)
    assert study.cases["case_id"].tolist() == ["P01"]
    assert study.documents["doc_id"].tolist() == ["p01_T1_interview", "P01_T2_interview", "P01_T3_interview"]  # ids kept
    assert "case ids differing only in letter case are one case: p01 → P01" in study.meta["inferred"]


def test_distinct_ids_are_not_unified(tmp_path):
    root = tmp_path / "conv"
    write(root / "P01_T1_interview.txt", TALK)
    write(root / "P10_T1_interview.txt", TALK)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(root, progress=False)
    assert study.cases["case_id"].tolist() == ["P01", "P10"]


# ------------------------------------------------------------ 5. meeting series


def test_a_meeting_series_saved_in_date_folders_is_one_case_over_dated_waves(tmp_path):
    root = tmp_path / "Android-SIG"
    for day in ["2025-06-17", "2025-06-24", "2025-07-01"]:
        write(root / day / "meeting-notes.md", f"# Android SIG {day}\n\nAttendees: Ana, Ben\n\nWe discussed the release.\n")
    data, guessed = _template(root)
    assert [c["id"] for c in data["cases"]] == ["Android-SIG"]
    assert _placed(data) == {
        "2025-06-17/meeting-notes.md": ("Android-SIG", "W1", "document", "2025-06-17"),
        "2025-06-24/meeting-notes.md": ("Android-SIG", "W2", "document", "2025-06-24"),
        "2025-07-01/meeting-notes.md": ("Android-SIG", "W3", "document", "2025-07-01"),
    }
    assert "# Guessed: files named by date: one series, case 'Android-SIG'" in guessed
    study = _loaded_with(root, qlr.io.template_for(root))
    assert study.documents["kind"].unique().tolist() == ["document"]


def test_minutes_named_by_month_are_one_series_of_one_kind(tmp_path):
    root = tmp_path / "wretton"
    for name in ["2005-11-wretton-parish-council-minutes", "2006-06-wretton-pc-minutes-from-march", "2006-07-wretton-annual-parish-meeting",
                 "2007-06-minutes-of-wretton-parish-council-meeting", "2011-11-wretton-parish-council-september-meeting"]:  # fmt: skip
        write(root / f"{name}.md", "Present: the clerk.\n\nThe council agreed the budget.\n")
    data, guessed = _template(root)
    assert {doc["case"] for doc in data["documents"]} == {"wretton"}
    assert {doc["kind"] for doc in data["documents"]} == {"document"}
    # Rounds of dates as for any dated names: June and July 2006 are one round, a month apart.
    assert [doc["wave"] for doc in data["documents"]] == ["W1", "W2", "W2", "W3", "W4"]
    assert not any("date" in doc for doc in data["documents"])  # a month is not a day
    assert any("a month, not a day, in 5 name(s)" in line and "it orders the waves" in line for line in guessed)


def test_two_bodies_minutes_stay_two_cases(tmp_path):
    root = tmp_path / "councils"
    for body in ["Wretton", "Stoke"]:
        for day in ["2021-01-12", "2021-04-13"]:
            write(root / f"{day} {body} minutes.md", "The council agreed the budget.\n")
    data, _ = _template(root)
    assert sorted({doc["case"] for doc in data["documents"]}) == ["Stoke", "Wretton"]


def test_files_without_a_kind_take_their_cases_kind(tmp_path):
    root = tmp_path / "mixed"
    write(root / "Council" / "Council minutes 2021-01-12.md", "The council agreed the budget.\n")
    write(root / "Council" / "Council 2021-04-13.md", "The council met.\n")
    write(root / "Sarah" / "Sarah 2021-01-14.txt", TALK)
    write(root / "Sarah" / "Sarah 2021-04-15.txt", TALK)
    data, guessed = _template(root)
    assert {path: kind for path, (_, _, kind, _) in _placed(data).items()} == {
        "Council/Council 2021-04-13.md": "document",
        "Council/Council minutes 2021-01-12.md": "document",
        "Sarah/Sarah 2021-01-14.txt": "interview",
        "Sarah/Sarah 2021-04-15.txt": "interview",
    }
    assert "# Guessed: kind from the other files of their case: Council/Council 2021-04-13.md" in guessed


def test_a_year_folder_gives_way_to_a_wave_the_name_gives(tmp_path):
    root = tmp_path / "years"
    for name in ["2020/P01 T1", "2020/P01 T2", "2020/P02 T1"]:
        write(root / f"{name}.txt", TALK)
    data, _ = _template(root)
    assert [(case, wave) for case, wave, *_rest in _placed(data).values()] == [("P01", "W1"), ("P01", "W2"), ("P02", "W1")]


def test_a_persons_file_without_a_kind_word_stays_an_interview_beside_their_diary(tmp_path):
    root = tmp_path / "person"
    for name in ["P01/T1", "P01/T1 diary", "P02/T1", "P02/T2"]:
        write(root / f"{name}.txt", TALK)
    data, guessed = _template(root)
    assert {path: kind for path, (_, _, kind, _) in _placed(data).items()} == {
        "P01/T1.txt": "interview", "P01/T1 diary.txt": "diary", "P02/T1.txt": "interview", "P02/T2.txt": "interview",
    }  # fmt: skip
    assert not any("kind from the other files" in line for line in guessed)


def test_document_in_a_name_is_the_kind_document(tmp_path):
    root = tmp_path / "docs"
    for name in ["Wretton 2008-07 document", "Wretton 2019-05 document"]:
        write(root / f"{name}.md", "The council agreed the budget.\n")
    data, _ = _template(root)
    assert [(case, wave, kind) for case, wave, kind, _ in _placed(data).values()] == [("Wretton", "W1", "document"), ("Wretton", "W2", "document")]
