"""Real files, twentieth pass: lookalikes of layouts found in published transcripts (stop 48).

A games-history charity's podcast interviews, exported from Otter (a name alone on a line with the recording's
time, the words below) under a "Details" paragraph that says who asked in a sentence ("Interviewer is … and …"),
and one interview exported from a speech-recognition tool as cues (`00:00.000 --> 00:27.640` over the words) into
a Markdown file. Every file here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr

from .conftest import write

_DETAILS = (
    "# Transcript of interview with Mara Quist and Tobias Wren of Fernlight\n\n## Details\n\n"
    "Interview took place on May 4, 2021. Interviewer is Dana Holt and Piet K Loman.\n"
    "Full interview available at https://example.org/watch.\nTranscription is provided by https://otter.ai.\n\n## Transcript\n\n"
)
_TURNS = (
    "Dana Holt  0:05  \nWelcome, both. How did the studio start?\n\n"
    "Mara Quist  0:12  \nIn a kitchen, really. Two laptops and a kettle.\n\n"
    "Piet Loman  0:30  \nAnd who did the music back then?\n\n"
    "Tobias Wren  0:34  \nMe, on a borrowed keyboard.\n\n"
    "Dana Holt  0:50  \nWhat came next?\n\n"
    "Mara Quist  0:55  \nA festival, and a lot of luck.\n\n"
    "Piet Loman  1:10  \nDid the festival change the game?\n\n"
    "Tobias Wren  1:14  \nIt changed the ending.\n"
)


def _roles(path: Path) -> dict[str, tuple[str, int]]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn of: the header names who asks
        study = qlr.load(path, progress=False)
    segments = study.tables["segments"].dropna(subset=["speaker"])
    return {speaker: (rows.speaker_role.iloc[0], len(rows)) for speaker, rows in segments.groupby("speaker")}


def _quiet_load(path: Path) -> qlr.Study:
    """``path`` loaded with its warnings let pass (each test here asserts what it is about, not what is warned)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


def test_a_header_sentence_names_the_interviewers(tmp_path):
    # Before: no turn was the interviewer's (a warning said so), and a co-interviewer's questions were a participant's.
    path = write(tmp_path / "Fernlight interview transcription.md", _DETAILS + _TURNS)
    assert _roles(path) == {
        "Dana Holt": ("interviewer", 2),
        "Piet Loman": ("interviewer", 2),  # "Piet K Loman" in the header: the labels leave the middle initial out
        "Mara Quist": ("participant", 2),
        "Tobias Wren": ("participant", 2),
    }


def test_only_a_role_word_and_names_declare(tmp_path):
    # "The interviewer was my aunt, who …" names no one; "Transcription is provided by …" is no role.
    header = "## Details\n\nThe interviewer was my aunt, who kept the tapes. Transcription is provided by a service.\n\n"
    path = write(tmp_path / "aunt.md", header + _TURNS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False)
    assert set(study.tables["segments"]["speaker_role"].dropna()) == {"participant"}
    assert any("no turn read as the interviewer's" in str(w.message) for w in caught)


def test_the_study_s_word_wins_over_the_header_sentence(tmp_path):
    root = tmp_path / "study"
    write(root / "fernlight.md", _DETAILS + _TURNS)
    write(root / "study.yaml", "waves: [W1]\nspeakers: {Dana Holt: interviewer, Piet Loman: participant}\ndocuments:\n- {path: fernlight.md, case: fernlight, wave: W1}\n")
    assert _roles(root)["Piet Loman"] == ("participant", 2)


_HITSAVE = Path(os.environ.get("QLR_HUNT_20", "/tmp/s49/h20-scratch/hitsave"))


@pytest.mark.skipif(not (_HITSAVE / "2021").is_dir(), reason="the fetched Hit Save! transcripts are not on this machine")
def test_the_real_podcast_transcript_names_both_interviewers():
    # Counted from the file: 28 turns labelled "Jonas Rosland", 14 "Rich McGrath" (the header's "Rich W McGrath").
    roles = _roles(_HITSAVE / "2021" / "Redstart Interactive" / "Get-A-Grip Chip transcription.md")
    assert roles["Jonas Rosland"] == ("interviewer", 28) and roles["Rich McGrath"] == ("interviewer", 14)
    assert roles["Jon Lawitts"] == ("participant", 80) and roles["Vicky Wei"] == ("participant", 69)


_CUES = (
    "00:00.000 --> 00:21.400\nHello, and welcome to another episode about old games.\n\n"
    "00:22.000 --> 00:26.150\nToday I am here with a collector of cartridges.\n\n"
    "00:26.600 --> 00:28.000\nThanks for having me.\n\n"
    "01:05.250 --> 01:09.900\nI started with a box of them from a car boot sale.\n"
)


def test_subtitle_cues_in_a_text_file_are_timed_turns_not_words(tmp_path):
    # Before: each cue's time line was read as part of its paragraph, two "words" a cue (8 of 42 words here) coded
    # as speech, and no segment had a time.
    study = _quiet_load(write(tmp_path / "interview-with-a-collector.md", _CUES))
    segments = study.tables["segments"]
    assert list(segments.timestamp) == [0.0, 22.0, 26.6, 65.25]
    assert list(segments.timestamp_end) == [21.4, 26.15, 28.0, 69.9]
    assert list(segments.n_words) == [9, 9, 4, 12]
    assert "cut at its 4 time lines" in " ".join(study.meta["inferred"])


def test_a_list_of_times_of_day_with_ranges_is_no_recording_s_clock(tmp_path):
    # A timetable's "9:00 --> 10:30" lines from mid-morning on: no recording starts there, paragraphs as before.
    text = "Rota\n\n9:00 --> 10:30\nDesk\n\n10:30 --> 12:00\nPhones\n\n13:00 --> 15:00\nPost\n"
    study = _quiet_load(write(tmp_path / "rota.txt", text))
    assert study.tables["segments"].timestamp.isna().all()


@pytest.mark.skipif(not (_HITSAVE / "2023").is_dir(), reason="the fetched Hit Save! transcripts are not on this machine")
def test_the_real_cue_file_is_cut_at_its_cues():
    # Counted from the file: 1,087 lines "MM:SS.mmm --> MM:SS.mmm", each over the words said in it.
    study = _quiet_load(_HITSAVE / "2023" / "Artemio Urbina" / "interview-with-artemio-urbina.md")
    segments = study.tables["segments"]
    assert len(segments) == 1087 and segments.timestamp.notna().all() and segments.timestamp_end.notna().all()
    assert segments.timestamp.is_monotonic_increasing and (segments.timestamp_end >= segments.timestamp).all()


_MINUTES = (
    "# Fernlight interview transcription\n\n"
    "**Dana Holt:** [00:00:00] Welcome. Tell me how the studio began.\n\n"
    "**Mara Quist:** It began in a kitchen with two laptops and a kettle, and then we moved the whole thing into a "
    "shed behind my [00:01:00] parents' house for a year.\n\n"
    "**Dana Holt:** And the music?\n\n"
    "**Mara Quist:** [00:02:00] Tobias did it. He had a borrowed keyboard.[00:03:00] It still works.\n"
)


def test_a_transcription_tool_s_minute_marks_inside_turns_are_no_words(tmp_path):
    # Before: "[00:01:00]" and "[00:03:00]" stood in Mara's words (coded, quoted, counted); the marks opening a turn
    # were and are its time.
    study = _quiet_load(write(tmp_path / "fernlight.md", _MINUTES))
    texts = study.segment_texts()
    segments = study.tables["segments"].dropna(subset=["speaker"])
    said = [texts[seg_id] for seg_id in segments.seg_id]
    assert "shed behind my parents' house for a year." in said[1] and "[" not in "".join(said)
    assert said[3] == "Tobias did it. He had a borrowed keyboard. It still works."
    assert list(segments.timestamp.fillna(-1)) == [0.0, -1, -1, 120.0]
    assert any("2 marks of each whole minute inside turns" in note for note in study.meta["inferred"])


def test_turn_times_written_before_the_label_stay_the_turns_times(tmp_path):
    # Every turn's time first, all on the minute. Before: "6 marks of each whole minute inside turns" cut out, every
    # turn untimed, and Jo's "[00:08:00]" in a sentence cut from her words.
    study = _quiet_load(write(tmp_path / "before.txt", (
        "[00:00:00] Interviewer: How did you come to the group?\n\n[00:01:00] Jo Bell: A friend told me.\n\n"
        "[00:02:00] Interviewer: And now?\n\n[00:04:00] Jo Bell: I run it.\n\n"
        "[00:05:00] Interviewer: Who decides?\n\n[00:07:00] Jo Bell: We all do. I said [00:08:00] was the time.\n"
    )))
    segments = study.tables["segments"].dropna(subset=["speaker"])
    assert list(segments.timestamp) == [0.0, 60.0, 120.0, 240.0, 300.0, 420.0]
    assert study.segment_texts()[segments.seg_id.iloc[5]] == "We all do. I said [00:08:00] was the time."
    assert not any("whole minute" in note for note in study.meta["inferred"])


@pytest.mark.skipif(not (_HITSAVE / "2021").is_dir(), reason="the fetched Hit Save! transcripts are not on this machine")
def test_the_real_descript_file_keeps_no_minute_mark_in_its_words():
    # Counted from the file: 117 marks "[hh:mm:00]", 0 to 116 minutes; 3 open a turn after its label, 114 stand in words.
    study = _quiet_load(_HITSAVE / "2021" / "Wintermoor Tactics Club" / "Wintermoor Tactics Club interview transcription.md")
    assert not study.segment_texts().str.contains(r"\[\d\d:\d\d:\d\d\]").any()
    assert study.tables["segments"].timestamp.notna().sum() == 3
    assert any("114 marks of each whole minute" in note for note in study.meta["inferred"])


# A podcast's transcripts kept as Markdown (The Changelog's): bold labels, the turn's time after the label with its
# brackets escaped ("\[04:18\]"), a long turn's further paragraphs opening with their own time, a sponsor break as
# a labelled time with no words, and a guest credited with a degree after a comma.
_PODCAST = (
    "**Dana Holt:** So tell me where the studio began.\n\n"
    "**Mara Quist, PhD:** In a kitchen, really. Two laptops and a kettle \\[laughs\\].\n\n"
    "**Dana Holt:** \\[04:18\\] And the first game?\n\n"
    "**Mara Quist, PhD:** \\[04:30\\] A puzzle about tides.\n\n"
    "\\[05:10\\] It sold forty copies, most of them to my aunt.\n\n"
    "**Break:** \\[06:02\\] to \\[06:40\\]\n\n"
    "**Dana Holt:** \\[07:15\\] We're back. What changed after that?\n\n"
    "**Mara Quist, PhD:** Everything, slowly.\n"
)


def test_a_podcast_s_markdown_gives_its_times_and_speakers(tmp_path):
    study = _quiet_load(write(tmp_path / "episode-12.md", _PODCAST))
    segments = study.tables["segments"]
    texts = study.segment_texts()
    turns = [(row.speaker, None if pd.isna(row.timestamp) else row.timestamp, texts[row.seg_id]) for row in segments.itertuples()]
    assert turns == [
        ("Dana Holt", None, "So tell me where the studio began."),
        ("Mara Quist, PhD", None, "In a kitchen, really. Two laptops and a kettle [laughs]."),  # before: no speaker read at all
        ("Dana Holt", 258.0, "And the first game?"),
        ("Mara Quist, PhD", 270.0, "A puzzle about tides.\n\nIt sold forty copies, most of them to my aunt."),
        ("Dana Holt", 435.0, "We're back. What changed after that?"),  # before: "Break" a speaker, its words "\[06:02\]"
        ("Mara Quist, PhD", None, "Everything, slowly."),
    ]
    notes = " ".join(study.meta["inferred"])
    assert "1 line(s) of a label and the recording's time with no words ('Break' 1)" in notes
    assert "1 time marks opening a turn's further paragraphs or lines" in notes


def test_only_markdown_reads_backslash_escapes(tmp_path):
    # A plain text's backslash is the writer's ("C:\Users\ann"), as is a code span's in Markdown.
    study = _quiet_load(write(tmp_path / "notes.txt", "Ann: It saves to C:\\Users\\ann\\[draft].\nBo: Fine.\n"))
    assert "C:\\Users\\ann\\[draft]" in study.segment_texts().iloc[0]


_CHANGELOG = Path(os.environ.get("QLR_HUNT_20_CHANGELOG", "/tmp/s49/h20-scratch/changelog"))


@pytest.mark.skipif(not (_CHANGELOG / "brainscience").is_dir(), reason="the fetched Changelog transcripts are not on this machine")
def test_the_real_podcast_s_guest_with_a_degree_is_a_speaker():
    # Counted from the file: 63 lines open "**Mireille B. Reece, Psy.D:**", 62 "**Adam Stacoviak:**". Before: 149
    # paragraphs of no one, the host's label read as headings.
    study = _quiet_load(_CHANGELOG / "brainscience" / "brain-science-1.md")
    assert study.tables["segments"].speaker.value_counts().to_dict() == {"Mireille B. Reece, Psy.D": 63, "Adam Stacoviak": 62}


@pytest.mark.skipif(not (_CHANGELOG / "founderstalk").is_dir(), reason="the fetched Changelog transcripts are not on this machine")
def test_the_real_podcast_s_breaks_are_no_speaker():
    # Counted from the file: "**Break:** \[23:50\]" and "\[46:05\]"; 8 turns open with their time after the label.
    study = _quiet_load(_CHANGELOG / "founderstalk" / "founders-talk-55.md")
    segments = study.tables["segments"]
    assert "Break" not in set(segments.speaker.dropna()) and segments.timestamp.notna().sum() == 9
    assert not study.segment_texts().str.contains(r"\\\[").any()


def test_the_template_names_a_transcript_s_copies_it_cannot_read(tmp_path):
    # Whisper writes one recording as .json, .txt, .srt, .vtt, .tsv and (faster-whisper) .lrc side by side. Before:
    # the .json was listed, the .txt named as its copy, and the .tsv and .lrc passed over without a word.
    import json

    from qlr.io._load import template_for

    words = ["Hello and welcome to the show.", "Today I am here with a maker of small games."]
    root = tmp_path / "episode"
    segments = [{"id": i, "start": 4.0 * i, "end": 4.0 * i + 3.5, "text": " " + said} for i, said in enumerate(words)]
    write(root / "Rik.json", json.dumps({"text": " ".join(words), "segments": segments, "language": "en"}))
    write(root / "Rik.txt", "\n".join(words) + "\n")
    write(root / "Rik.tsv", "start\tend\ttext\n0\t3500\t" + words[0] + "\n4000\t7500\t" + words[1] + "\n")
    write(root / "Rik.lrc", "[00:00.00]" + words[0] + "\n[00:04.00]" + words[1] + "\n")
    template = template_for(root)
    assert "path: Rik.json" in template and "Rik.txt (as Rik.json)" in template
    assert "beside them in formats qlr does not read, not listed: Rik.lrc, Rik.tsv" in template


def test_a_bold_label_against_a_quote_or_an_ellipsis_is_a_label(tmp_path):
    # Before: '**Mara Quist, PhD:**"It was…' and '**Mara Quist, PhD:**...the view' stayed in the host's turn before them.
    text = (
        "**Dana Holt:** What did the reviewers say?\n\n"
        '**Mara Quist, PhD:**"Too hard," mostly.\n\n'
        "**Dana Holt:** And the players?\n\n"
        "**Mara Quist, PhD:**...the players loved it.\n\n"
        "**Dana Holt:** Note: the label needs its colon.\n"
    )
    study = _quiet_load(write(tmp_path / "episode-13.md", text))
    assert list(study.tables["segments"].speaker) == ["Dana Holt", "Mara Quist, PhD", "Dana Holt", "Mara Quist, PhD", "Dana Holt"]
    assert study.segment_texts().iloc[1] == '"Too hard," mostly.'


def _otter(host: str, guest: str, header: str) -> str:
    return header + "".join(f"{host}  {m}:00  \nQuestion {m} about the game?\n\n{guest}  {m}:30  \nAnswer {m}, at length.\n\n" for m in range(1, 4))


def test_the_template_keeps_a_declared_interviewer_where_a_file_says_nothing(tmp_path):
    # Two files' headers say "Interviewer is Dana Holt."; the third (no header) asks as she does. Before this stop's
    # header sentences, she was the interviewer everywhere as the one who asks; with them, the headerless file wrote
    # her as a participant in its own speakers: (a default, not something said) — now it says nothing of her.
    from qlr.io._load import template_for

    root = tmp_path / "podcast"
    said = "## Details\n\nInterview took place on May 4, 2021. Interviewer is Dana Holt.\n\n## Transcript\n\n"
    write(root / "2021" / "Fernlight" / "Fernlight interview.md", _otter("Dana Holt", "Mara Quist", said))
    write(root / "2021" / "Tidewater" / "Tidewater interview.md", _otter("Dana Holt", "Ola Berg", said.replace("May 4", "June 9")))
    # A group of three, whose host asks little in questions: no one is read as asking most of them there.
    group = "".join(f"**Dana Holt:** Tell us about part {m}.\n\n**Ian Roe:** Part {m} was mine.\n\n**Eve Sand:** And mine, why not?\n\n" for m in range(1, 5))
    write(root / "2022" / "Kettle" / "Kettle interview.md", group)
    template = template_for(root)
    assert "  Dana Holt: interviewer" in template and "Dana Holt: participant" not in template


def test_a_readme_beside_the_only_transcript_of_its_folder_dates_it(tmp_path):
    from qlr.io._load import template_for

    root = tmp_path / "podcast"
    write(root / "Rik" / "Rik.txt", "Hello and welcome to the show.\nToday I am here with a maker of small games.\n")
    write(root / "Rik" / "README.md", "# Interview with Rik\n\n## Details\n\nInterview took place on September 21, 2023. Repository updated 2024-01-05.\n")
    write(root / "Ola" / "Ola.txt", "Hello again.\nThis time with a maker of big games.\n")
    write(root / "Ola" / "README.md", "# Ola\n\nLast updated 2024-01-05.\n")  # no line about the interview: no date
    template = template_for(root)
    assert "date: '2023-09-21'" in template and "2024-01-05" not in template
    assert "dates the README beside the only transcript in its folder states, as the transcript's: Rik.txt" in template


def test_a_readmes_transcription_or_update_date_is_not_the_interviews(tmp_path):
    from qlr.io._load import template_for

    root = tmp_path / "archive"
    for name, said in (
        ("ann", "This interview was transcribed by volunteers on 2 March 2024."),
        ("bob", "Interview transcript last updated 5 January 2025."),
        ("cai", "Recorded on 3 May 2021 and transcribed on 2 June 2021."),  # the part about the recording
        ("dee", "The interview was held on 14 April 2022 at the library."),
        # After the second review: ways of stating it the first fix had stopped reading.
        ("eve", "Interview with Eve Lamb on July 14, 2023."),
        ("fay", "The interview was held at the Added Value Centre on 4 May 2023."),
        ("gus", "Recorded on 6 May 2023 (transcription by Otter)."),
        ("hal", "The interview took place on 7 May 2023, after the project added a second group."),
    ):
        write(root / name / f"{name}.txt", f"Hello, {name}.\nTell me about the club.\n")
        write(root / name / "README.md", f"# {name}\n\n{said}\n")
    template = template_for(root)
    # Before: 2024-03-02 as ann's interview and 2025-01-05 as bob's; cai's 2021-05-03.
    assert "2024-03-02" not in template and "2025-01-05" not in template and "2021-06-02" not in template
    for day in ("2021-05-03", "2022-04-14", "2023-07-14", "2023-05-04", "2023-05-06", "2023-05-07"):
        assert f"date: '{day}'" in template, day
    assert "dates the README beside the only transcript in its folder states, as the transcript's: cai.txt, dee.txt, eve.txt" in template
