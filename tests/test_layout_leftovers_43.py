"""A new user's layout leftovers (stop 43): interview numbers read as waves, short copies, a weekday before a title's
date, and one person's numbered interviews; each on a small folder in the shape of theirs."""

from __future__ import annotations

from qlr.io._segment import header_date

from .conftest import write
from .test_template_study_material import _loaded, _template

GUIDE = "Interviewer: Who sets the rota at the depot?\nParticipant: {said}\nInterviewer: And the budget?\nParticipant: {more}\n"


def test_interview_numbers_that_skip_and_begin_late_are_no_waves(tmp_path):
    root = tmp_path / "study"
    write(root / "North" / "Interview 4.txt", GUIDE.format(said="The manager does.", more="No idea."))
    write(root / "South" / "Interview 4.txt", GUIDE.format(said="We take turns.", more="The board."))
    write(root / "South" / "Interview 7.txt", GUIDE.format(said="Whoever is in first.", more="The council."))
    write(root / "North" / "Interview 7.txt", GUIDE.format(said="A rota on the wall.", more="Nobody tells us."))
    text, data = _template(root)
    # Before: waves W4 and W7 ('Interview 4', 'Interview 7') and every case joining late; no first wave at all.
    assert [wave["id"] for wave in data["waves"]] == ["W1"]
    assert "neither begin at a first wave nor run in turn" in text


def test_numbered_waves_that_run_from_the_first_stay_waves(tmp_path):
    root = tmp_path / "study"
    for number in (1, 2):
        for person in ("Ann", "Bo"):
            write(root / f"Interview {number} - {person}.txt", GUIDE.format(said=f"{person} {number}.", more="The board."))
    _, data = _template(root)
    assert [wave["id"] for wave in data["waves"]] == ["W1", "W2"]


def test_a_short_interview_copied_word_for_word_is_said_to_count_twice(tmp_path):
    root = tmp_path / "study"
    talk = "Interviewer: Who chose the new van?\nMo: We voted on it at the Friday meeting, all of us.\nInterviewer: Before that?\nMo: The director chose and we heard later.\n"
    write(root / "P01_W1_interview.txt", talk)
    write(root / "P02_W1_interview.txt", talk.replace("all of us", "all  of us"))  # a space more: the same words
    write(root / "P03_W1_interview.txt", "Interviewer: Anything?\nLe: Calm.\n")
    write(root / "P04_W1_interview.txt", "Interviewer: Anything?\nLe: Calm.\n")
    study = _loaded(root)
    said = [note for note in study.meta["inferred"] if "hold the same words as another" in note]
    # Before: nothing (fewer than 50 words). A two-line "Calm." pair is still no copy.
    assert len(said) == 1 and "1 document(s)" in said[0] and "P02_W1_interview (as P01_W1_interview)" in said[0]


def test_a_weekday_before_the_date_under_a_title_dates_the_minutes(tmp_path):
    # Before: "Thursday 19 March 2026" was not a date alone (a word besides the date), so the minutes had none.
    for line in ("Thursday 19 March 2026", "Thursday, 19 March 2026", "jueves, 19 de marzo de 2026"):
        found = header_date(f"Depot users' forum\n{line}\n\nThe rota was discussed at length.\n")
        assert found is not None and found[0].isoformat() == "2026-03-19", line
    assert header_date("Depot users' forum\nThursdays 19 March 2026\n\nThe rota.\n") is None


def test_one_persons_numbered_interviews_are_one_case_at_two_waves(tmp_path):
    root = tmp_path / "study"
    write(root / "entrevista Lola 1.txt", "Fecha: 2 de febrero de 2026\n" + GUIDE.format(said="La jefa.", more="No sé."))
    write(root / "entrevista Lola 2.txt", "Fecha: 20 de agosto de 2026\n" + GUIDE.format(said="Nosotras.", more="La junta."))
    write(root / "entrevista Pilar 1.txt", "Fecha: 4 de febrero de 2026\n" + GUIDE.format(said="Nadie.", more="El ayuntamiento."))
    _, data = _template(root)
    placed = {doc["path"]: (doc["case"], doc["wave"]) for doc in data["documents"]}
    # Before: cases Lola_1, Lola_2 and Pilar_1, all at W1.
    assert placed == {"entrevista Lola 1.txt": ("Lola", "W1"), "entrevista Lola 2.txt": ("Lola", "W2"), "entrevista Pilar 1.txt": ("Pilar", "W1")}
    assert [(wave["id"], wave.get("start")) for wave in data["waves"]] == [("W1", "2026-02-02"), ("W2", "2026-08-20")]


def test_two_names_differing_by_a_number_alone_are_left_two_cases_and_said(tmp_path):
    root = tmp_path / "study"
    write(root / "interview Lola 1.txt", GUIDE.format(said="The boss.", more="No idea."))
    write(root / "interview Lola 2.txt", GUIDE.format(said="We do.", more="The board."))
    text, data = _template(root)
    assert sorted(case["id"] for case in data["cases"]) == ["Lola_1", "Lola_2"]
    assert "# Check: cases whose names differ only by a closing number, perhaps one person's interviews: Lola_1, Lola_2 ('Lola')" in text


def test_counts_of_one_are_said_in_the_singular(tmp_path, capsys):
    import qlr
    from qlr.cli import main

    root = tmp_path / "study"
    write(root / "C1_W1_interview.txt", "Interviewer: Who runs the van?\nAsha: We run the van ourselves now.\n")
    assert main(["info", str(root)]) == 0
    out = capsys.readouterr().out
    # Before: "1 cases × 1 waves, 1 documents" and "W1: W1, 1 documents".
    assert "1 case × 1 wave, 1 document, " in out and "W1: W1, 1 document\n" in out
    book = (
        'name: Van\nid: van\nversion: "1"\nthemes: [t]\n'
        "ladder:\n  levels: [{value: 0, name: None}, {value: 1, name: Some}]\n  placement: {min_segments: 1, min_evidence: 0.1}\n"
        "codes:\n  - id: t.van\n    parent: t\n    indicators: [van]\n    evidence: {level: 1}\n"
    )
    study = qlr.load(root, progress=False).apply(qlr.Codebook.from_yaml(book), progress=False)
    # Before: "(…), 1 segments, confidence".
    assert ", 1 segment, confidence" in str(qlr.track.portrait(study, "C1"))
