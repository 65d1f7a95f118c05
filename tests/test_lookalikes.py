"""Inputs that look like the conventions real transcripts taught qlr, and are not: each kept as it was."""

from __future__ import annotations

import warnings

import docx
import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io import read_document

from .conftest import write


def _turns(study):
    return list(zip(study.segments["speaker"].fillna("-"), study.segment_texts()))


def test_a_time_someone_says_is_words_not_the_recordings_clock(tmp_path):
    # Only a clock with seconds ("00:05:00") is a recording's time; "10:30" and "7:45" are answers.
    text = "Interviewer: What time did the bus leave?\nJane: 10:30\nInterviewer: And after?\nJane: The buses leave at\n7:45\n8:15\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    assert _turns(study) == [
        ("Interviewer", "What time did the bus leave?"), ("Jane", "10:30"), ("Interviewer", "And after?"), ("Jane", "The buses leave at\n7:45\n8:15"),
    ]
    assert study.segments["timestamp"].isna().all()


def test_bold_words_inside_a_turn_are_its_words(tmp_path):
    text = "Interviewer: Two questions today.\n\n**First question for you:** how did the move go?\n\nMaria: **The main thing:** it went well.\n\nInterviewer: Good.\n\nMaria: Yes.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.md", text), progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["Interviewer", "Maria", "Interviewer", "Maria"]
    assert _turns(study)[0][1] == "Two questions today.\n\n**First question for you:** how did the move go?"


@pytest.mark.parametrize("label", ["Interviewer – Sarah", "[Interviewer]", "Interviewer/Moderator", "Tom & Jerry", "Child (Emma)"])
def test_bold_word_labels_of_every_shape_are_speakers(tmp_path, label):
    document = docx.Document()
    for speaker, words in [(label, "How was it?"), ("Ann", "Fine."), (label, "And then?"), ("Ann", "Better.")]:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}:").bold = True
        paragraph.add_run(f" {words}")
    document.save(tmp_path / "C1_W1_interview.docx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        study = qlr.load(tmp_path, progress=False)
    assert [speaker for speaker, _ in _turns(study)] == [label, "Ann", label, "Ann"]


def test_a_bold_note_in_a_word_turn_is_the_turns_words(tmp_path):
    document = docx.Document()
    for runs in [[("Interviewer:", True), (" How was it?", False)], [("Jane:", True), (" Fine.", False)], [("Note: the recording was paused here.", True)], [("Interviewer:", True), (" Go on.", False)], [("Jane:", True), (" Better.", False)]]:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    document.save(tmp_path / "C1_W1_interview.docx")
    study = qlr.load(tmp_path, progress=False)
    assert _turns(study)[1] == ("Jane", "Fine.\nNote: the recording was paused here.")


def test_soft_line_breaks_stay_inside_a_word_paragraph(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("The committee decided that the residents")
    paragraph.add_run().add_break()
    paragraph.add_run("themselves would run the garden.")
    document.add_paragraph("A second paragraph about the budget.")
    document.save(tmp_path / "C1_W1_document.docx")
    study = qlr.load(tmp_path, progress=False)
    assert list(study.segment_texts()) == ["The committee decided that the residents\nthemselves would run the garden.", "A second paragraph about the budget."]


def test_a_one_off_voice_after_a_short_interviewer_line_is_its_own(tmp_path):
    text = "Moderator: What do you think of the park?\nAnna: I love it.\nBen: Too noisy.\nModerator: Okay\nMary Ann Smith: I never go there.\nAnna: Me neither.\n"
    study = qlr.load(write(tmp_path / "C1_W1_focus_group.txt", text), progress=False)
    assert _turns(study)[3:5] == [("Moderator", "Okay"), ("Mary Ann Smith", "I never go there.")]
    # And a first speaker heard once, before the others, asking: a voice, not a title.
    first = "Anna: Is it recording already?\nModerator: Yes, welcome.\nTom: Hi.\nModerator: Shall we?\nTom: Yes.\n"
    assert _turns(qlr.load(write(tmp_path / "b" / "C2_W1_focus_group.txt", first), progress=False))[0] == ("Anna", "Is it recording already?")


def test_a_page_declaring_latin_1_is_read_as_browsers_read_it(tmp_path):
    path = tmp_path / "C1_W1_interview.html"
    path.write_bytes(b'<html><head><meta charset="iso-8859-1"></head><body><p>Ann: Don\x92t \x93fine\x94 \x96 caf\xe9.</p></body></html>')
    with warnings.catch_warnings():
        warnings.simplefilter("error", qlr.errors.DecodingFallbackWarning)
        assert read_document(path).text == "Ann: Don\u2019t \u201cfine\u201d \u2013 café."


def test_a_quote_found_as_written_first(tmp_path):
    text = "We were co\u00adproduction minded; we decided\ntogether, then we decided together.\n"
    study = qlr.load(write(tmp_path / "C1_W1_notes.txt", text), progress=False)
    stored = study.documents["text"].iloc[0]
    coding = study.code_quote("C1_W1_notes", "we decided together", "power.co_designing", coder="me")
    row = study.codings.set_index("coding_id").loc[coding]
    assert (row["start"], stored[row["start"] : row["end"]]) == (stored.rindex("we decided together"), "we decided together")
    # A quote copied with the invisible soft hyphen finds the words the text keeps.
    again = study.code_quote("C1_W1_notes", "co\u00adproduction minded", "power.co_designing", coder="me")
    row = study.codings.set_index("coding_id").loc[again]
    assert stored[row["start"] : row["end"]] == "coproduction minded"


def test_telegraphic_english_notes_are_english(tmp_path):
    notes = "## 2024-03-12\n" + "Arrived 9.30. Rain. Centre busy. Volunteers: Sue, Raj, Pat. Tea urn broken. Kids' corner quiet. " * 10
    study = qlr.load(write(tmp_path / "C1_W1_fieldnotes.md", notes), progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", qlr.errors.LanguageWarning)
        study.apply("coproduction", progress=False)


def test_a_portrait_names_a_wave_whose_label_is_its_id_once(tmp_path):
    # "Q4-2014, Q4-2014: not yet joined" on a case page of a study whose waves have no labels of their own.
    for name in ["Ann_W1_interview.txt", "Ann_W2_interview.txt"]:
        write(tmp_path / name, "Interviewer: How is it?\nAnn: We run the rota together.\n")
    study = qlr.load(tmp_path, progress=False)
    study.apply("coproduction", progress=False)
    waves = dict(qlr.track.portrait(study, "Ann").sections)["Waves"]
    assert waves[:2] == ["- W1: present", "- W2: present"]


# ------------------------------------------------------------ what a review of the third pass found
def test_dates_that_are_not_dates_and_notes_whose_order_is_their_own():
    from datetime import date

    from qlr.io._segment import find_date, segment_entries

    # A phone number, a version, a section number, a time after a month's name, a count of people: no dates.
    for line in ["Tel 06.12.34.56.78", "## 4.1.10 Barriers", "… 3 May, 15 people came", "## Monday 4 March, 10:00", "Installed NVivo 2023.1.2 today."]:
        assert find_date(line) is None, line
    # A French notebook's phone number and a version number do not turn its dates month first.
    for stray in ["Contact : Mme Leroy, 01.45.67.89.10.", "Zoom was updated to 5.17.11 before the session."]:
        notes = f"## 03/04/2024\n{stray}\n\n## 05/04/2024\nAtelier.\n\n## 10/04/2024\nBilan.\n"
        assert [s.date for s in segment_entries(notes) if s.date] == [date(2024, 4, 3), date(2024, 4, 5), date(2024, 4, 10)]
    # Stamped lines in lower case after a dash are entries; a date line with quotes or an arrow is a heading.
    stamped = "12/03/2024 10:00 - arrived early, tom was there.\n14/03/2024 09:30 - quiet session.\n"
    assert [s.date for s in segment_entries(stamped)] == [date(2024, 3, 12), date(2024, 3, 14)]
    headed = 'Tuesday 5 March 2024 – "Open day"\nLots came.\n\nFriday 8 March 2024 -> clinic\nFull.\n'
    assert [s.date for s in segment_entries(headed)] == [date(2024, 3, 5), date(2024, 3, 8)]


def test_names_with_waves_as_seasons_quarters_and_sessions_are_the_convention(tmp_path):
    for name in ["P01_spring.txt", "P01_autumn.txt", "Ann_2023Q1_journal.txt", "Ann_Y1S2_journal.txt", "Bo_W1B_memo.txt", "Bo_pre-covid_letter.txt"]:
        write(tmp_path / name, "Interviewer: How?\nAnn: Fine.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        study = qlr.load(tmp_path, progress=False)
    assert set(study.waves["wave_id"]) == {"spring", "autumn", "2023Q1", "Y1S2", "W1B", "pre-covid"}


def test_one_person_seen_three_times_in_a_round_keeps_the_rounds_of_everyone(tmp_path):
    for name in ["A_2021-03-01", "A_2021-03-03", "A_2021-03-05", "A_2021-09-01", "B_2021-03-02", "B_2021-09-02", "C_2021-03-04", "C_2021-09-05"]:
        write(tmp_path / f"{name}_interview.txt", "Interviewer: How?\nAnn: Fine.\n")
    study = qlr.load(tmp_path, progress=False)
    assert list(study.waves["wave_id"]) == ["W1", "W2"]
    assert set(study.documents.loc[study.documents["case_id"] == "B", "wave_id"]) == {"W1", "W2"}


def test_a_last_speaker_without_a_full_stop_and_a_read_back_quote_and_times_of_day(tmp_path):
    # Speech recognition leaves the last turn unpunctuated: still Ben's.
    text = "Moderator: What changed?\nAnna: The rota.\nModerator: Anything else?\nAnna: The manager listens.\nBen: and the canteen is open late for the night shift\n"
    study = qlr.load(write(tmp_path / "G1_W1_focus_group.txt", text), progress=False)
    assert list(study.segments["speaker"]) == ["Moderator", "Anna", "Moderator", "Anna", "Ben"]
    # The interviewer reads last wave's words back as a quote: still the interviewer's turn.
    quoted = "**Interviewer:** I'll read it back:\n\n> Participant: I felt abandoned.\n\nDoes that hold?\n\n**Participant:** No, better now.\n\n**Interviewer:** Why?\n\n**Participant:** A new caseworker.\n"
    study = qlr.load(write(tmp_path / "P1_W2_interview.md", quoted), progress=False)
    assert list(study.segments["speaker"]) == ["Interviewer", "Participant", "Interviewer", "Participant"]
    # Delivery times noted in a list are words, not a recording's clock.
    notes = "Field notes\n\nThe vendor's delivery times:\n\n7:30\n\n9:15\n\n11:00\n\nShe said the 11:00 one is always late.\n"
    with pytest.warns(NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "V1_W1_interview.txt", notes), progress=False)
    assert "7:30" in " ".join(study.segment_texts()) and study.segments["timestamp"].isna().all()


def test_a_bold_name_with_an_aside_is_a_speaker_and_a_self_report_diary_a_diary(tmp_path):
    document = docx.Document()
    for runs in ([("Interviewer:", True), (" And your husband?", False)], [("Ann:", True), (" He leaves it to me.", False)],
                 [("Tom", True), (" (from the kitchen) That's not true!", False)], [("Interviewer:", True), (" Go on?", False)], [("Ann:", True), (" Yes.", False)]):
        paragraph = document.add_paragraph()
        for words, bold in runs:
            paragraph.add_run(words).bold = bold
    document.save(tmp_path / "P01_W1_interview.docx")
    study = qlr.load(tmp_path / "P01_W1_interview.docx", progress=False)
    assert list(study.segments["speaker"]) == ["Interviewer", "Ann", "Tom", "Interviewer", "Ann"]
    diaries = tmp_path / "diaries"
    write(diaries / "P01 self-report diary week 1.txt", "Tired.\n")
    write(diaries / "P01 self-report diary week 2.txt", "Better.\n")
    template = qlr.io.template_for(diaries)
    assert template.count("kind: diary") == 2 and "kind: document" not in template
