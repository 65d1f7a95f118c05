"""Regressions a review of stop 33 found in the readers (/tmp/review33/REVIEW.md findings 1, 2, 3, 6, 7).

Each input is written here in the layout of the reviewer's, in new words: days and years opening a
diary's lines, a numbered list at the end of a turn, a JSON list of posts, lower-case phrases
opening caption cues, and field notes with bold headings over clock times.
"""

from __future__ import annotations

import json

import pytest

import qlr
from qlr.errors import UnreadableFormatError

from .test_stt_wild import _load

# The inputs are small: some have no interviewer label, which is not what they test.
pytestmark = pytest.mark.filterwarnings("ignore::qlr.errors.NoInterviewerWarning")


def _turns(study):
    return [(row.speaker, row.n_words) for row in study.segments.itertuples() if isinstance(row.speaker, str)]


def _docx(path, paragraphs):
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


# --------------------------------------------------------------------------- 1: days and years are no line numbers

DIARY = [
    "4 June: the bus was late again, missed the appointment.",
    "6 June: rang the housing office, nobody picked up.",
    "13 June: my neighbour helped with the forms.",
    "20 June: a quieter week, cooked for the kids.",
]


@pytest.mark.parametrize("title", [None, "Diary of P07"])
def test_days_opening_a_word_diary_s_entries_stay_in_the_text(tmp_path, title):
    # Review input /tmp/review33/d/diary_dates*.docx: before the fix "4 June: …" was stored as "June: …"
    # (the days cut as typed line numbers) and, without a title, "June" became a speaker.
    folder = tmp_path / "study"
    _docx(folder / "P07_W1_diary.docx", ([title] if title else []) + DIARY)
    study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    for entry in DIARY:
        assert entry in text
    assert "June" not in set(study.segments["speaker"].dropna())


def test_a_daily_diary_counting_up_by_one_keeps_its_days(tmp_path):
    # Days one apart look like line numbers by their steps; the month after each is what says they are dates.
    entries = ["Tagebuch P02", "", "3. Mai: beim Arzt gewesen.", "4. Mai: das Amt angerufen.", "5. Mai: die Schwester besucht.", "6. Mai: Ruhe."]
    study = _load(tmp_path, "P02_W1_diary.txt", "\n".join(entries) + "\n")
    text = study.documents["text"].iloc[0]
    assert all(entry in text for entry in entries if entry)


def test_plain_text_diary_under_a_title_keeps_days_that_step_by_a_week(tmp_path):
    # Review input /tmp/review33/t/diary_title.txt: the "after a header" path cut "3", "5", "12", "19".
    study = _load(tmp_path, "P07_W1_diary.txt", "Diary of P07\n\n" + "\n".join(DIARY) + "\n")
    text = study.documents["text"].iloc[0]
    assert all(entry in text for entry in DIARY)


def test_years_opening_a_timeline_s_paragraphs_are_kept(tmp_path):
    # Review input /tmp/review33/d/years.docx: "2019 was hard…" lost its year (stored "was hard…").
    folder = tmp_path / "study"
    paragraphs = [
        "2018 we moved into the flat by the canal.",
        "2019 the damp got into the bedroom walls.",
        "2020 lockdown, we barely left the flat.",
        "2021 finally a transfer to a new place.",
        "Interviewer: And now?",
        "P1: It is better, the kids sleep well.",
    ]
    _docx(folder / "P01_W1_interview.docx", paragraphs)
    study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    assert all(paragraph in text for paragraph in paragraphs)
    assert ("P1", 7) in _turns(study)


def test_typed_line_numbers_starting_at_one_are_still_cut(tmp_path):
    # The real case the rule is for: a transcriber's numbers 1, 2, 3… before each line, in Word.
    folder = tmp_path / "study"
    rows = ["1\tInterviewer: How did the move go?", "2\tP1: Slowly, the van broke down.", "3\tInterviewer: And after?", "4\tP1: We settled in by May."]
    _docx(folder / "P01_W1_interview.docx", rows)
    study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    assert text.startswith("Interviewer: How did the move go?\nP1: Slowly")
    assert _turns(study) == [("Interviewer", 5), ("P1", 5), ("Interviewer", 2), ("P1", 5)]


# --------------------------------------------------------------------------- 2: a numbered list late in a transcript


@pytest.mark.parametrize("word", ["Worry", "Step"])
def test_a_numbered_list_at_the_end_of_a_turn_keeps_its_numbers_and_is_no_speaker(tmp_path, word):
    # Review input /tmp/review33/t/problems_end.txt: "1 Problem: the rent" items made "Problem" a speaker.
    text = (
        "Interviewer: What worried you most that winter?\n"
        "P1: I wrote it down, here.\n"
        f"1 {word}: the heating bill\n2 {word}: the mould\n3 {word}: the stairs\n"
    )
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    assert study.documents["text"].iloc[0] == text
    assert _turns(study) == [("Interviewer", 6), ("P1", 5 + 5 + 4 + 4)]  # the numbers are words of the list


def test_a_numbered_list_under_a_memo_title_with_one_item_word_keeps_its_numbers(tmp_path):
    # Review input /tmp/review33/t/team_notes.txt: the same word opening each item is a list, not two voices.
    text = "Project notes\n\n1 Team: planned the visits\n2 Team: booked the rooms\n3 Team: sent the letters\n"
    study = _load(tmp_path, "P01_W1_memo.txt", text)
    assert study.documents["text"].iloc[0] == text


# --------------------------------------------------------------------------- 3: a JSON list of posts


def test_a_json_list_of_posts_with_a_text_key_is_refused_not_read_as_speech(tmp_path):
    # Review input /tmp/review33/j/tweets.json: a social-media dump (text, user, created_at) loaded as one voice.
    posts = [
        {"text": "Loved the new community garden", "user": "x1", "created_at": "2022-05-01"},
        {"text": "Parking near the centre is a nightmare", "user": "x2", "created_at": "2022-05-02"},
    ]
    with pytest.raises(UnreadableFormatError, match="not a transcript qlr reads"):
        _load(tmp_path, "P01_W1_interview.json", json.dumps(posts))


def test_a_json_list_of_timed_pieces_is_still_read(tmp_path):
    pieces = [{"start": 0.0, "end": 2.0, "text": "We met at the hall."}, {"start": 2.0, "end": 4.0, "text": "Then we planned it."}]
    study = _load(tmp_path, "P01_W1_interview.json", json.dumps(pieces))
    assert "We met at the hall." in study.documents["text"].iloc[0]


# --------------------------------------------------------------------------- 6: lower-case phrases opening cues


def _vtt(cues):
    return "WEBVTT\n\n" + "".join(f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.000\n{cue}\n\n" for i, cue in enumerate(cues))


@pytest.mark.parametrize("phrase", ["so", "step one", "my laptop", "the thing is", "and then"])
def test_a_lower_case_phrase_opening_two_cues_is_no_speaker(tmp_path, phrase):
    # Review inputs /tmp/review33/v/so.vtt, colons.vtt, ipad.vtt: "so:" and "my iPad:" became speakers.
    cues = [
        "Mira Patel: How did the appeal go?",
        "Joe Okafor: it dragged on",
        f"{phrase}: they asked for more papers",
        f"{phrase}: we sent them twice",
        "Mira Patel: that sounds tiring",
    ]
    study = _load(tmp_path, "P01_W1_interview.vtt", _vtt(cues))
    speakers = set(study.segments["speaker"].dropna())
    assert speakers == {"Mira Patel", "Joe Okafor"}
    assert ("Joe Okafor", 3 + 2 * len(phrase.split()) + 5 + 4) in _turns(study)  # the phrases are his words


def test_a_joiner_s_device_and_a_lower_case_name_are_still_speakers(tmp_path):
    cues = [
        "Mira Patel: Shall we start?",
        "Kofi Mensah’s iPad: yes I can hear you",
        "Kofi Mensah’s iPad: the survey went fine",
        "ravi teja: we asked ten people",
        "ravi teja: next week twenty",
    ]
    study = _load(tmp_path, "P01_W1_interview.vtt", _vtt(cues))
    assert set(study.segments["speaker"].dropna()) == {"Mira Patel", "Kofi Mensah’s iPad", "ravi teja"}


# --------------------------------------------------------------------------- 7: field notes' bold headings over clock times

FIELD_NOTES = """\
# Visit notes, 12 March

**Food bank**  10:15

Long queue, volunteers cheerful despite the cold.

**Library**  12:40

Two people using the computers for benefit claims.

**Food bank**  15:05

Stock running low on tinned goods.
"""


def test_bold_headings_over_clock_times_are_no_speakers_and_the_text_is_left_as_written(tmp_path):
    # Review input /tmp/review33/t/fieldnotes_times.md: "Clinic" and "Pharmacy" became speakers and lost their bold.
    study = _load(tmp_path, "P01_W1_notes.md", FIELD_NOTES)
    assert study.documents["text"].iloc[0] == FIELD_NOTES
    assert study.segments["speaker"].dropna().empty


def test_a_bold_day_over_a_clock_time_inside_an_answer_is_left_as_written(tmp_path):
    # Review input /tmp/review33/t/sched.md: "**Monday**  9:30" was rewritten to "Monday  9:30", moving later offsets.
    text = "Interviewer: When are your shifts?\n\nP1: Mostly these:\n\n**Wednesday**  8:00\n\nwarehouse\n\n**Friday**  13:30\n\ncafe\n\nInterviewer: Thanks.\n"
    study = _load(tmp_path, "P01_W1_interview.md", text)
    assert study.documents["text"].iloc[0] == text
    assert [speaker for speaker, _ in _turns(study)] == ["Interviewer", "P1", "Interviewer"]


def test_otter_s_bold_names_over_media_offsets_are_still_speakers(tmp_path):
    text = "**Lena Fischer**  0:02\n\nWelcome, thanks for joining.\n\n**Sam Reed**  0:07\n\nHappy to be here.\n\n**Lena Fischer**  0:12\n\nLet us begin.\n"
    study = _load(tmp_path, "P01_W1_interview.md", text)
    assert [speaker for speaker, _ in _turns(study)] == ["Lena Fischer", "Sam Reed", "Lena Fischer"]
