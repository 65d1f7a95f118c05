"""Real files, ninth pass: lookalikes of layouts found in published transcripts (stop 37)."""

from __future__ import annotations

import pytest

import qlr
from qlr.io._segment import UNLABELLED_ANSWER

from .conftest import write


def _turns(study):
    text = study.documents["text"].iloc[0]
    return [(str(row.speaker_role), text[row.start : row.end]) for row in study.segments.itertuples()]


def test_markdown_questions_as_headings_are_the_interviewers(tmp_path):
    # An HCI course's needfinding interviews: a profile table, then each question a heading, numbered
    # or a follow-up, with the answer quoted below. Nothing was anyone's but a header line's label.
    text = (
        "# Info\nInterviewee: Wren\n\n| Age | Job |\n| --- | --- |\n| 34 | baker |\n\n# Transcript\n\n"
        "## Question 1: What fills your week?\n\n*\"Early shifts, mostly.\nMedium-term: Maybe. Whether the rent goes up, or not? No idea.\"*\n\n"
        "### What is hard about that?\n\n*\"Getting up at four when it is still dark.\"*\n\n"
        "## Tell me about the allotment.\n\n*\"It was my father's plot before it was mine.\"*\n\n"
        "## Question 2: Who decides what you plant?\n\n*\"My sister, though she would say I do.\"*\n\n"
        "## Question 3: How do you agree on it?\n\n*\"We argue in March and forget it by May.\"*\n"
    )
    study = qlr.load(write(tmp_path / "Wren_W1_interview.md", text), progress=False)
    turns = [turn for turn in _turns(study) if turn[0] != "<NA>"]
    assert [role for role, _ in turns] == ["interviewer", "participant"] * 5
    assert turns[0] == ("interviewer", "Question 1: What fills your week?")
    assert turns[4] == ("interviewer", "Tell me about the allotment.")  # a prompt that asks nothing, answered below
    assert turns[9] == ("participant", '*"We argue in March and forget it by May."*')
    # "Medium-term:" inside an answer is its words, not a one-off voice answering the question.
    assert turns[1] == ("participant", '*"Early shifts, mostly.\nMedium-term: Maybe. Whether the rent goes up, or not? No idea."*')
    assert set(study.segments["speaker"].dropna()) == {"Interviewer", UNLABELLED_ANSWER}
    assert any("5 questions set as Markdown headings" in note for note in study.meta["inferred"])


def test_markdown_questions_in_bold_lines_keep_section_titles_and_notes(tmp_path):
    # A design course's interview notes: sections as headings, each question a bold line with the answer
    # directly under it (no blank line), a rule closing a section, and the team's observations at the end.
    text = (
        "# Interview notes\n\n## Details\n- **Date:** 2025-03-02\n\n## Routine\n"
        "**How do you plan a week of revision?**  \nA paper diary, one page a day.\n\n"
        "**What goes wrong with it?**  \n- I lose the diary\n- Pages fill up by Tuesday\n\n---- \n"
        "## Tools\n**Which apps have you tried?**\nA timer app, briefly.\n\n"
        "**Why did you stop?**\nIt nagged me.\n\n## Observations\nShe looked tired and kept checking her phone.\n"
    )
    study = qlr.load(write(tmp_path / "S2_W1_interview.md", text), progress=False)
    turns = _turns(study)
    assert ("interviewer", "**What goes wrong with it?**") in turns
    # The answer is the list under the question (the blank line before the rule parts nothing).
    assert any(role == "participant" and words.startswith("- I lose the diary\n- Pages fill") for role, words in turns)
    assert ("participant", "A timer app, briefly.") in turns
    # Section titles are nobody's; the researchers' observations under a note heading are no one's speech, as a note
    # line is (stop 55: before, they were the interviewer's turn), and never the participant's.
    assert ("<NA>", "## Tools") in turns and ("<NA>", "## Observations") in turns
    assert ("<NA>", "She looked tired and kept checking her phone.") in turns
    assert [role for role, _ in turns].count("participant") == 4


def test_markdown_headings_of_a_report_are_no_questions(tmp_path):
    # Headings over prose, or a FAQ of two questions, are a document's sections: read as before.
    text = (
        "# Findings\n\n## Methods\nWe met six bakers.\n\n## Why did rent matter?\nIt doubled in a year.\n\n"
        "## Results\nMost moved out.\n\n## What next?\nA second round in spring.\n"
    )
    with pytest.warns(qlr.errors.NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "R1_W1_interview.md", text), progress=False)
    assert study.segments["speaker"].isna().all()


def test_labelled_markdown_transcripts_are_read_by_their_labels(tmp_path):
    # Typed labels win: bold questions in a transcript that labels its turns change nothing.
    text = (
        "**Interviewer:** How long have you lived here?\n\nAnn: Ten years.\n\n"
        "**Interviewer:** And before?\n\nAnn: Leeds.\n\n**Interviewer:** Why move?\n\nAnn: Work.\n\n"
        "**Interviewer:** Any regrets?\n\nAnn: None.\n"
    )
    study = qlr.load(write(tmp_path / "Ann_W1_interview.md", text), progress=False)
    assert set(study.segments["speaker"].dropna()) == {"Interviewer", "Ann"}


def test_an_interview_and_its_translation_are_one_persons_in_the_template(tmp_path):
    # A course's interviews kept as the original and an English translation side by side, some only translated:
    # each person had been two cases ("Ada" and "Ada_en"), whose words a study of both counts twice.
    from qlr.io._load import folder_template

    pairs = {
        "Ada-transcript.md": "Interviewer: Wie geht es?\nAda: Gut.\n",
        "Ada-transcript-en.md": "Interviewer: How are you?\nAda: Fine.\n",
        "Bea-transcript-de.md": "Interviewer: Wo wohnst du?\nBea: In Bern.\n",
        "Bea-transcript-en.md": "Interviewer: Where do you live?\nBea: In Bern.\n",
        "Cy-transcript-en.md": "Interviewer: What do you do?\nCy: I bake.\n",
    }
    for name, text in pairs.items():
        write(tmp_path / name, text)
    template = folder_template(tmp_path)
    documents, excluded = template.split("documents:")[1].split("exclude:")
    assert excluded.split() == ["-", "Ada-transcript-en.md", "-", "Bea-transcript-en.md"]  # left out on purpose (stop 41)
    assert "- path: Ada-transcript.md\n  case: Ada\n" in documents
    assert "- path: Bea-transcript-de.md\n  case: Bea\n" in documents
    assert "- path: Cy-transcript-en.md\n  case: Cy\n" in documents  # a lone translation is still Cy's
    assert "Ada-transcript-en.md" not in documents and "Bea-transcript-en.md" not in documents
    assert "the same interview twice, in two languages or as an original and its copy" in template and "Ada-transcript-en.md (as Ada-transcript.md)" in template


def test_a_two_letter_ending_without_a_twin_is_left_in_the_name(tmp_path):
    # "de" and "es" may be initials or part of a name: only a pair of one name tells a language.
    from qlr.io._load import folder_template

    write(tmp_path / "Ann-de.txt", "Interviewer: How long?\nAnn: Years.\n")
    write(tmp_path / "Ines.txt", "Interviewer: How long?\nInes: Months.\n")
    template = folder_template(tmp_path)
    assert "case: Ann_de" in template and "case: Ines" in template
    assert "several languages" not in template


def _study_with_codings(tmp_path, transcript: str, rows: str):
    write(tmp_path / "P01.txt", transcript)
    write(tmp_path / "codings.csv", "doc_id,quote,code_id,coder\n" + rows)
    write(
        tmp_path / "study.yaml",
        "name: quotes\nwaves:\n- id: W1\ncases:\n- id: P01\ndocuments:\n- path: P01.txt\n  case: P01\n  wave: W1\n  kind: interview\n"
        "codings:\n- {path: codings.csv, unplaced: warn}\n",
    )
    return tmp_path


def test_quotes_cited_as_a_table_cites_them_are_placed(tmp_path):
    # A team's table of representative quotes: each in quotation marks, words left out with "...".
    # None of 172 real rows was placed.
    transcript = (
        "Interviewer: How did the game feel?\n"
        "P01: Once you show me how to start, how to pinch and how to drag, it all falls into place. "
        "Maybe a map of the street instead, you know? The clues were tricky at first.\n"
    )
    rows = (
        'P01,"""Once you show me how to start... it all falls into place""",ease,team\n'
        'P01,"""Maybe a map of the street instead""",maps,team\n'
        "P01,“The clues were tricky […] at first”,clues,team\n"
    )
    study = qlr.load(_study_with_codings(tmp_path, transcript, rows), progress=False)
    text = study.documents["text"].iloc[0]
    placed = {row.code_id: text[row.start : row.end] for row in study.codings.itertuples()}
    assert placed["ease"] == "Once you show me how to start, how to pinch and how to drag, it all falls into place"
    assert placed["maps"] == "Maybe a map of the street instead"
    assert placed["clues"] == "The clues were tricky at first"


def test_a_quote_the_transcript_does_not_hold_is_still_refused_with_its_own_words(tmp_path):
    # Words a table cleaned up, or pieces far apart, are not the transcript's: named, with where the words part.
    transcript = "P01: We argue in March." + " More talk about seeds and rain." * 30 + " We forget it by May.\n"
    rows = (
        'P01,"""We argue in March... We forget it by May""",far,team\nP01,"""We quarrel in March""",cleaned,team\n'
        'P01,"""we argue in March""",capitals,team\n'
    )
    with pytest.warns(qlr.errors.RowsRefusedWarning) as caught:
        study = qlr.load(_study_with_codings(tmp_path, transcript, rows), progress=False)
    assert study.codings.empty
    said = " ".join(str(w.message) for w in caught)
    assert "its first 1 of 4 words" in said and "'quarrel in March'" in said
    assert "different capitals: 'We argue in March'" in said  # capitals are the document's, said


def test_a_forms_numbered_prompts_before_its_first_question_are_questions(tmp_path):
    # Requirements interviews kept as a numbered form: "### 1. Nome" and "### 2. Idade" ask without a question mark,
    # then "### 3. …?" on; the first answers had been the header's words, nobody's.
    text = (
        "# Entrevista 2\n\n| Data | Entrevistado |\n|---|---|\n| 03/09/2022 | Iara |\n\n## Perguntas\n\n"
        '### 1. Nome\n"Iara"\n### 2. Idade\n"31 anos"\n### 3. Qual língua fala?\n"Guarani"\n'
        '### 4. Tem internet na aldeia?\n"Às vezes"\n### 5. Usa o celular?\n"Sim, todo dia"\n### 6. Para quê?\n"Mensagens"\n'
    )
    study = qlr.load(write(tmp_path / "Iara_W1_interview.md", text), progress=False)
    turns = [turn for turn in _turns(study) if turn[0] != "<NA>"]
    assert turns[:4] == [("interviewer", "1. Nome"), ("participant", '"Iara"'), ("interviewer", "2. Idade"), ("participant", '"31 anos"')]
    assert [role for role, _ in turns] == ["interviewer", "participant"] * 6
