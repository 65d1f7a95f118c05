"""Review fixes of stop 44's file-name guesses (qlr info --template): lower-case names after a group's word, a
surname that is a role title, a transcript's length in minutes, reflective writing, dated records beside numbered
interviews, the study's code beside minutes, a staff member's reflective report."""

from __future__ import annotations

from .conftest import write
from .test_leftovers_44 import _placed, _template

_TALK = "Interviewer: What changed at the food bank?\n\n{who}: We moved the sorting to {day} and it works better.\n"


def _folder(root, files: dict[str, str]) -> tuple[str, dict]:
    """The template of a folder holding ``files`` (name: text)."""
    for name, text in files.items():
        write(root / name, text)
    return _template(root)


def _talks(*names: str) -> dict[str, str]:
    return {f"{name}.txt": _TALK.format(who=name.split()[0], day="Monday") for name in names}


def test_lower_case_names_after_a_group_word_are_a_persons_waves(tmp_path):
    placed = _placed(_folder(tmp_path / "carers", _talks("carer_olu_1", "carer_olu_2", "carer_femi_1", "carer_femi_2"))[1])
    assert placed["carer_olu_1.txt"][:2] == ("carer_olu", "W1")
    assert placed["carer_olu_2.txt"][:2] == ("carer_olu", "W2")
    assert placed["carer_femi_2.txt"][:2] == ("carer_femi", "W2")


def test_a_surname_that_is_a_role_title_is_still_a_persons_name(tmp_path):
    placed = _placed(_folder(tmp_path / "club", _talks("Priya Governor 1", "Priya Governor 2", "Dan Holt 1", "Dan Holt 2"))[1])
    assert placed["Priya Governor 1.txt"][:2] == ("Priya_Governor", "W1")
    assert placed["Priya Governor 2.txt"][:2] == ("Priya_Governor", "W2")
    # A role title after a group's word stays a role's numbered members.
    placed = _placed(_folder(tmp_path / "roles", _talks("Parent Champion 1", "Parent Champion 2", "Dan Holt 1", "Dan Holt 2"))[1])
    assert placed["Parent Champion 1.txt"][0] != placed["Parent Champion 2.txt"][0]


def test_a_transcripts_length_in_minutes_is_no_records_title(tmp_path):
    root = tmp_path / "olu_interviews"
    for day in ["2025-02-03", "2025-08-11"]:
        write(root / f"{day}.txt", "Interview with Olu, 50 minutes\n\n" + _TALK.format(who="Olu", day="Friday"))
    text, data = _template(root)
    # Before: kind document, "records by their title".
    assert {kind for _, _, kind in _placed(data).values()} == {"interview"}
    assert "records by their title" not in text
    solo = tmp_path / "solo"
    write(solo / "2025-02-03.txt", "Interview with Olu, 50 minutes\n\n" + _TALK.format(who="Olu", day="Friday"))
    assert _template(solo)[1]["documents"][0]["kind"] == "interview"  # before: the study's document
    # A record's title opening the line still makes a record.
    minutes = tmp_path / "committee"
    for day in ["2025-02-03", "2025-08-11"]:
        write(minutes / f"{day}.txt", "Minutes of the pantry committee\n\nPresent: Olu, Femi\n\nThe rota was agreed.\n")
    assert {kind for _, _, kind in _placed(_template(minutes)[1]).values()} == {"document"}


def test_reflective_writing_of_every_kind_is_its_writers_document(tmp_path):
    root = tmp_path / "pantry"
    for who in ["Olu", "Femi", "Ines"]:
        write(root / f"{who} interview.txt", _TALK.format(who=who, day="Sunday"))
    write(root / "Olu reflexive account.txt", "Looking back, I took on too much of the driving.\n")
    write(root / "Femi personal essay.txt", "I learned the names of every family we see.\n")
    write(root / "Ines personal statement.txt", "I joined because my mother used the pantry.\n")
    write(root / "Pantry team reflexive account.txt", "As a team we learned to share the keys.\n")
    placed = _placed(_template(root)[1])
    # Before: cases Olu_account, Femi_essay, Ines_statement, Pantry_team_account, each of kind interview.
    assert placed["Olu reflexive account.txt"] == ("Olu", "W1", "document")
    assert placed["Femi personal essay.txt"] == ("Femi", "W1", "document")
    assert placed["Ines personal statement.txt"] == ("Ines", "W1", "document")
    assert placed["Pantry team reflexive account.txt"][0] is None  # a team's is the study's


_COMMITTEE = "Minutes of the pantry committee\n\nPresent: Olu, Femi, Ines\n\nThe van insurance was renewed.\n"


def test_dated_minutes_beside_numbered_interviews_are_the_studys_and_keep_the_numbering(tmp_path):
    talks = {f"interviews/{name}": text for name, text in _talks("Olu 1", "Olu 2", "Femi").items()}
    _, data = _folder(tmp_path / "pantry", {**talks, "records/2025-05-06.txt": _COMMITTEE, "records/2025-11-04.txt": _COMMITTEE})
    placed = _placed(data)
    # Before: a participant "records" whose minutes were interviews, and Olu split into Olu_1 and Olu_2.
    assert placed["records/2025-05-06.txt"] == (None, None, "document")
    assert placed["records/2025-11-04.txt"] == (None, None, "document")
    assert placed["interviews/Olu 1.txt"] == ("Olu", "W1", "interview")
    assert placed["interviews/Olu 2.txt"] == ("Olu", "W2", "interview")
    assert placed["interviews/Femi.txt"] == ("Femi", "W1", "interview")
    assert sorted(case["id"] for case in data["cases"]) == ["Femi", "Olu"]


def test_the_study_code_of_the_interviews_is_stripped_beside_minutes_and_a_report(tmp_path):
    root = tmp_path / "service"
    for person in ["P01", "P02", "P03"]:
        for point in ["TP1", "TP2"]:
            write(root / f"FBK02_{person}_{point}_transcript.txt", _TALK.format(who="Respondent", day="Monday"))
    write(root / "minutes" / "2025-05-06 minutes.txt", _COMMITTEE)
    write(root / "Dana Reyes reflective report.txt", "Reflective report\n\nI learned to leave the questions open.\n")
    text, data = _template(root)
    # Before: FBK02_P01, FBK02_P02, FBK02_P03 (the report's name does not carry the code).
    assert sorted(case["id"] for case in data["cases"]) == ["Dana_Reyes", "P01", "P02", "P03"]
    assert "names without it kept whole: Dana Reyes reflective report.txt" in text


def test_a_staff_members_reflective_report_is_dated_by_its_first_line_and_checked(tmp_path):
    report = {"Mira Stone reflective report.txt": "Reflective report, November 2025\n\nI learned to leave the questions open.\n"}
    text, data = _folder(tmp_path / "service", {**_talks("Ines 2025-03-04", "Ines 2025-10-07", "Olu 2025-03-05", "Olu 2025-10-08"), **report})
    placed = _placed(data)
    # Before: at W1, "no wave in the name, nor a date in a wave's dates", and nothing said the case held only it.
    assert placed["Mira Stone reflective report.txt"] == ("Mira_Stone", "W2", "document")
    assert "Mira Stone reflective report.txt (its first line's month 2025-11: W2)" in text
    assert "# Check: case(s) holding only a reflective report, no interview: Mira Stone reflective report.txt (Mira_Stone)" in text
    assert not any("date" in doc for doc in data["documents"] if doc["path"].startswith("Mira"))  # a month is no day
