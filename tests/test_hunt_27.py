"""Real files, twenty-seventh pass: lookalikes of transcription services' exports found in public repositories (stop 55).

TurboScribe's free plan writes each numbered voice as "[Speaker 2]" alone on its line over the words, and puts its
notice "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)" over the first turn and under the last
(or inside the first caption of its .srt and .vtt). Minutes AI's PDF has "These notes were taken with Minutes AI
(https://myminutes.ai)" at the foot of each page, which a copy of the PDF's text leaves between a turn's paragraphs.
Every text here is written by the test, in the conventions the real files use, with words of our own.
"""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._load import template_for
from qlr.io._readers import _service_notices
from qlr.io._segment import segment_document

from .conftest import write

_NOTICE = "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)"

# A group interview as TurboScribe writes it: the interviewer is "Speaker 2", three students answer.
_TURBO = f"""{_NOTICE}

[Speaker 2]
Good morning, could each of you say who you are and what you study?

[Speaker 1]
Morning, I am Rosa, in my third year of law, and I started the society with two friends.

[Speaker 4]
I am Lia, also third year, and I look after the research group.

[Speaker 3]
And I am Noor, I do the posters and the newsletter.

[Speaker 2]
When did the society start?

[Speaker 1]
Last September, after the strike.

[Speaker 2]
Thank you all. Bye.

{_NOTICE}
"""


def _load(tmp_path, name, content, manifest=None):
    folder = tmp_path / "study"
    write(folder / name, content)
    if manifest is not None:
        write(folder / "study.yaml", manifest)
    return qlr.load(folder, progress=False)


def _turns(study):
    """(speaker, words) of each segment, in order."""
    segments = study.segments
    return list(zip(segments["speaker"].fillna("∅"), segments["n_words"]))


def test_turboscribe_numbered_voices_in_brackets_take_turns(tmp_path):
    # jjoao/AVD2425 EntrevistasAVD-2324/Francisca_Barros/entrevista_bruto.txt: 34 "[Speaker N]" lines over four voices'
    # words. Before: no label read, 50 paragraphs of no one (each "[Speaker 2]" a word of the paragraph under it).
    with pytest.warns(NoInterviewerWarning, match=r"Speaker 2 asks most of the questions"):
        study = _load(tmp_path, "G01_W1_interview.txt", _TURBO)
    assert _turns(study) == [
        ("Speaker 2", 14), ("Speaker 1", 18), ("Speaker 4", 13), ("Speaker 3", 11), ("Speaker 2", 5), ("Speaker 1", 5), ("Speaker 2", 4),
    ]
    text = study.documents["text"].iloc[0]
    # The notice is no one's words: not the first paragraph, not inside the last turn, and said in the load notes.
    assert "TurboScribe" not in text and text.rstrip().endswith("Thank you all. Bye.")
    assert any("2 TurboScribe's notice" in note for note in study.meta["inferred"])


def test_turboscribe_voices_in_the_template_and_roles(tmp_path):
    # The template names the voice that asks the interviewer, in the document's own speakers: (numbered voices are
    # someone else in each file); before, it named no one and said nothing of roles.
    write(tmp_path / "society.txt", _TURBO)
    document = yaml.safe_load(template_for(tmp_path))["documents"][0]
    assert document["speakers"] == {"Speaker 2": "interviewer", "Speaker 1": "participant", "Speaker 4": "participant", "Speaker 3": "participant"}


def test_bracketed_voice_line_only_for_numbered_voices_and_roles():
    # A role word in brackets over the words is a label as "[Speaker 2]" is.
    roles = "[Interviewer]\nHow long have you lived here?\n\n[Respondent]\nTwelve years, since the flood.\n\n[Interviewer]\nAnd before?\n\n[Respondent]\nWith my aunt.\n"
    assert [s.speaker for s in segment_document(roles).segments] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    # A song's parts, a photo's caption and notes in brackets over lines are no one, however often they come back.
    song = "[Verse 1]\nWe walked down to the river\nand the water was high\n\n[Chorus]\nOh the river, oh the river\n\n[Verse 2]\nWe came back in the evening\n\n[Chorus]\nOh the river, oh the river\n"
    assert all(s.speaker is None for s in segment_document(song).segments)
    notes = "[Photo]\nThe garden from the gate.\n\n[Note]\nShe asked us to leave the gate open.\n\n[Photo]\nThe shed.\n\n[Note]\nIt rained.\n"
    assert all(s.speaker is None for s in segment_document(notes).segments)
    # One "[Speaker 1]" line on its own takes no turns with anyone: a quoted caption, not the file's labels.
    once = "We read the captions back together.\n\n[Speaker 1]\nThat was me, I think.\n\nThen we stopped the tape.\n"
    assert all(s.speaker is None for s in segment_document(once).segments)
    # "[Speaker 2] words" on one line was read before and still is; a bracketed name alone on a line is not new labels.
    inline = "[Speaker 1] Where did you grow up?\n[Speaker 2] In Porto, by the river.\n[Speaker 1] And now?\n[Speaker 2] Lisbon.\n"
    assert [s.speaker for s in segment_document(inline).segments] == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2"]
    names = "[Rosa]\nI came in May.\n\n[Lia]\nI came later.\n\n[Rosa]\nWe met here.\n\n[Lia]\nYes.\n"
    assert all(s.speaker is None for s in segment_document(names).segments)


def test_turboscribe_notice_inside_a_caption_is_no_ones_words(tmp_path):
    # TurboScribe's .srt puts its notice at the start of the first cue's words.
    srt = (
        "1\n00:00:06,470 --> 00:00:08,730\n(Transcribed by TurboScribe. Go Unlimited to remove this message.) So today we talk about the allotment,\n\n"
        "2\n00:00:08,730 --> 00:00:11,390\nwho comes, who does the digging.\n"
    )
    with pytest.warns(NoInterviewerWarning, match="no speaker label"):  # a monologue's captions name no one
        study = _load(tmp_path, "A01_W1_interview.srt", srt)
    text = study.documents["text"].iloc[0]
    assert text == "So today we talk about the allotment, who comes, who does the digging."
    assert any("1 TurboScribe's notice" in note for note in study.meta["inferred"])


def test_minutes_ai_page_footer_between_a_turns_paragraphs(tmp_path):
    # A Minutes AI transcript copied from its PDF (a public repository's "LLM Recommender 2.md"): 22 page footers, each
    # inside a turn (one right under a label). Before: each footer 6 words of the speaker's (its address cut as a link).
    footer = "These notes were taken with Minutes AI (https://myminutes.ai)"
    paragraphs = [
        "Mentoring call", "Transcribed on August 5, 2025 at 7:52 pm by Minutes AI",
        "Speaker 1 (00:00)", "Welcome, everyone.", "Shall we start with the plan?",
        "Speaker 2 (00:12)", "Yes.", "We split it in three parts, a tracker, a recommender and\nan explainer.", footer, "The explainer writes the report.",
        "Speaker 1 (01:40)", footer, "Good, thank you.",
        "Speaker 3 (01:45)", "I have one question about the tracker.", footer,
    ]
    minutes = "\n\n".join(paragraphs) + "\n"
    with pytest.warns(NoInterviewerWarning, match=r"Speaker 1 asks most of the questions"):
        study = _load(tmp_path, "M01_W1_focusgroup.md", minutes)
    assert _turns(study)[1:] == [("Speaker 1", 8), ("Speaker 2", 19), ("Speaker 1", 3), ("Speaker 3", 7)]
    texts = study.segment_texts().tolist()
    assert not any("Minutes AI" in text for text in texts[1:])
    assert texts[2] == "Yes.\n\nWe split it in three parts, a tracker, a recommender and\nan explainer.\n\nThe explainer writes the report."
    assert any("3 Minutes AI's page footer" in note for note in study.meta["inferred"])


def test_service_notices_leave_talk_about_them_alone():
    # Someone saying they used the service keeps their words; only the services' own notice goes.
    said = "Speaker 1 (00:10)\n\nWe had the notes taken with Minutes AI last time, and TurboScribe did the transcript.\n"
    assert _service_notices(said) == (said, {})
    quoted = 'She read out "transcribed by TurboScribe, go unlimited" and laughed.'
    assert _service_notices(quoted) == (quoted, {})
    # A notice between two lines of one paragraph leaves the paragraph whole.
    assert _service_notices("It was late\n(Transcribed by TurboScribe. Go Unlimited to remove this message.)\nand dark.")[0] == "It was late\nand dark."


# A requirements course's interviews in Portuguese (fga-eps-mds/2021.1-Multilind-Docs, docs/Entrevistas/): a one-row table
# naming the date, the interviewee and the interviewer over the questions as headings and the answers in quotes.
_TABLED = """# Entrevista 3

| Data de Realização | Entrevistado      | Entrevistadora   |
| ------------------ | ----------------- | ---------------- |
|     14/09/2021     |     Jacira Tupã   | Marta Nogueira |

A entrevista foi feita com Jacira, de 40 anos. A transcrição segue abaixo.

## Perguntas

### 1. Nome
"Jacira Tupã"
### 2. Estado
"Pará"
### 3. Qual etnia indígena faz parte?
"Tembé"
### 4. Em sua aldeia, há conexão com internet?
"Sim, mas cai muito"
### 5. Em uma escala de 1 a 10, qual sua familiaridade com tecnologia?
"7"
### 6. Você conhece alguma plataforma sobre línguas indígenas?
"Não conheço nenhuma"

## Observação

- A entrevista foi feita na barraca dela, com barulho em volta.
"""


def test_a_header_table_names_the_interviewee_for_the_template(tmp_path):
    # Before: the case was "entrevista3" (the file's name) and nothing said whom the file interviews; the date was
    # already read from the table's row. Now the table's "Entrevistado" labels the case, as front matter's would.
    write(tmp_path / "entrevista3.md", _TABLED)
    data = yaml.safe_load(template_for(tmp_path))
    assert data["cases"] == [{"id": "entrevista3", "label": "Jacira Tupã", "role": "participant"}]
    assert data["documents"][0]["date"] == "2021-09-14"
    # The questions and answers read as before: six questions the interviewer's, six answers.
    study = _load(tmp_path / "again", "entrevista3.md", _TABLED, manifest="waves:\n- id: W1\ndocuments:\n- path: entrevista3.md\n  case: entrevista3\n  wave: W1\n")
    asked = study.segments.dropna(subset=["speaker"])
    assert list(asked["speaker_role"])[:12] == ["interviewer", "participant"] * 6
    assert study.documents["interviewee"].iloc[0] == "Jacira Tupã" and study.documents["interviewer"].iloc[0] == "Marta Nogueira"


def test_tables_that_head_no_interview_name_no_one(tmp_path):
    # A training session's table names people but no interview; a table listing several interviews heads none of them.
    dojo = "# Dojo de Git\n\n| Data | Treinamento | Responsável | Participantes |\n|---|---|---|---|\n| 29/07/2021 | Git | Ana Lima | Grupos A e B |\n\nNotas do dojo.\n"
    write(tmp_path / "dojo" / "git.md", dojo)
    assert yaml.safe_load(template_for(tmp_path / "dojo"))["cases"][0]["label"] == "git"
    listing = "# Entrevistas\n\n| Entrevistado | Entrevistadora |\n|---|---|\n| Ana | Sofia |\n| Bia | Sofia |\n\nResumo.\n"
    write(tmp_path / "list" / "todas.md", listing)
    assert yaml.safe_load(template_for(tmp_path / "list"))["cases"][0]["label"] == "todas"


def test_many_notices_are_read_in_one_pass():
    # A notice between every paragraph (a long TurboScribe export joined from many): each is looked at by the few
    # characters before it; looking at the whole text before each took 12 s for 20,000 of them while this was written.
    import time

    text = "Words here.\n(Transcribed by TurboScribe. Go Unlimited to remove this message.)\n\n" * 20_000
    started = time.perf_counter()
    kept, removed = _service_notices(text)
    assert time.perf_counter() - started < 2
    assert kept == "Words here.\n\n" * 20_000 and list(removed.values()) == [20_000]


# Review (rvH): what the pass's conventions must leave alone, and what it left wrong.


def test_review_notice_removal_takes_only_the_notice():
    notice = "(Transcribed by TurboScribe.ai - Go Unlimited to remove this message)"
    # Inside a speaker's line: the notice and the spaces after it go, every word of the speaker's stays, in order.
    kept, removed = _service_notices(f"Speaker 1: Yes {notice} indeed, that was it.\n")
    assert kept == "Speaker 1: Yes indeed, that was it.\n" and list(removed.values()) == [1]
    # A participant talking about the services keeps every word: no parentheses around the service's own words, or
    # no address after Minutes AI's, is no notice.
    said = (
        "P1: The free one says transcribed by TurboScribe.ai, go unlimited to remove this message, at the top.\n"
        "P2: Mine was (transcribed by TurboScribe.ai) and I had to upgrade.\n"
        "P1: These notes were taken with Minutes AI, my manager said.\n"
        "P2: I would go unlimited to remove this message if I could.\n"
    )
    assert _service_notices(said) == (said, {})


def test_review_notices_are_in_the_load_notes_with_count_and_file(tmp_path):
    # The load notes table (what `qlr report` writes as load_notes.csv, `-q` or not) names the file and the count.
    with pytest.warns(NoInterviewerWarning):
        study = _load(tmp_path, "G01_W1_interview.txt", _TURBO)
    notes = qlr.io.load_notes(study)
    said = notes[notes["note"].str.contains("TurboScribe", regex=False)]
    assert len(said) == 1 and "2 TurboScribe's notice" in said["note"].iloc[0] and said["note"].iloc[0].startswith("G01_W1_interview")


def test_review_a_note_heading_after_the_last_answer_is_no_ones(tmp_path):
    # "## Observação" over a line of the researcher's after the last answer: the words under it had gone on the turn
    # before the heading, the last question's label, and were read as the interviewer's turn (4 Multilind files).
    study = _load(tmp_path, "entrevista3.md", _TABLED, manifest="waves:\n- id: W1\ndocuments:\n- path: entrevista3.md\n  case: entrevista3\n  wave: W1\n")
    texts = study.segment_texts()
    note = [seg for seg, words in texts.items() if words.startswith("- A entrevista foi feita")]
    assert len(note) == 1
    row = study.segments.set_index("seg_id").loc[note[0]]
    assert pd.isna(row["speaker"]) and pd.isna(row["speaker_role"])
    # The six answers stay the participant's, the six questions the interviewer's.
    assert list(study.segments.dropna(subset=["speaker"])["speaker_role"]) == ["interviewer", "participant"] * 6


def test_review_a_header_table_dates_a_short_write_up(tmp_path):
    # Three questions are too few for the headings to be read as turns, so no header was found and the table's date
    # was not read (four or fewer: none); the table dates the interview either way, read day first as written.
    lines = _TABLED.replace("14/09/2021", "05/09/2021").split("\n")
    first = lines.index("### 1. Nome")
    short = "\n".join(lines[: first + 6] + lines[first + 12 :])
    write(tmp_path / "entrevista3.md", short)
    document = yaml.safe_load(template_for(tmp_path))["documents"][0]
    assert document["date"] == "2021-09-05"


def test_review_header_tables_that_must_name_no_one(tmp_path):
    from qlr.io._readers import _header_table

    # A group's table with the interviewee's header twice had kept only the last name: the case named after one member.
    group = "| Entrevistado | Entrevistado | Entrevistadora |\n|---|---|---|\n| Ana Lima | Bia Reis | Sofia Reis |\n\nTexto.\n"
    assert _header_table(group) == {}
    write(tmp_path / "group" / "grupo1.md", "# Grupo 1\n\n" + group)
    assert yaml.safe_load(template_for(tmp_path / "group"))["cases"][0]["label"] == "grupo1"
    # A survey's answers with the interviewer's number as a column name no one (a number is no name); a table of many
    # rows heads nothing; a table lower down the file is no header.
    assert _header_table("| Interviewer | Q1 | Q2 |\n|---|---|---|\n| 3 | yes | no |\n") == {}
    assert _header_table("| Interviewer | Interviewee |\n|---|---|\n| Jo | Ana |\n| Jo | Bia |\n| Sam | Cy |\n") == {}
    late = "# Notes\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n| Interviewer | Interviewee |\n|---|---|\n| Jo | Ana |\n"
    assert _header_table(late) == {}
    # In English, as in Portuguese: the interviewee named, the interviewer too, the date read.
    english = "| Date | Interviewee | Interviewer |\n|---|---|---|\n| 3 March 2022 | Tom Hart | Jo Smith |\n\nQ: Hi?\nA: Hello.\n"
    assert _header_table(english) == {"Date": "3 March 2022", "Interviewee": "Tom Hart", "Interviewer": "Jo Smith"}
