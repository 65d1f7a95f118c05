"""Real files, fifteenth pass: lookalikes of layouts found in published transcripts (stop 43)."""

from __future__ import annotations

import warnings

import pandas as pd

import qlr

from .conftest import write


def _voiced(tmp_path, name, text):
    """The study of one file written from ``text``, and its segments as (role, speaker, words); nobody's are ("-", "-", words)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(write(tmp_path / name, text), progress=False)
    whole = study.documents["text"].iloc[0]
    pieces = [
        ("-" if pd.isna(row.speaker_role) else str(row.speaker_role), "-" if pd.isna(row.speaker) else str(row.speaker), whole[row.start : row.end])
        for row in study.segments.itertuples()
    ]
    return study, pieces


# A course's family interviews written up in Markdown: each question tagged with the interviewer's role and set
# as a heading, each answer tagged with the interviewee's, a rule between them, and the photographs' captions in
# bold under the last answer. The same student's second interview of the same person lays it out the same way.
_ASKED = ["Where did you grow up?", "What was the house like?", "Who looked after you in the holidays?", "And the school?"]
_SAID = [
    "In a village over the hill from the quarry, with more sheep than people.",
    "Cold in winter and always full of cousins, with a fig tree by the door.",
    "My grandfather, who took me fishing every morning whether I wanted to go or not.",
    "Small, two rooms, and the teacher cycled in from the town each day.",
]


def _write_up(*, caption: str = "", heading: str = "## ") -> str:
    turns = "\n\n---\n\n".join(
        f"{heading}<entrevistadora>{asked}</entrevistadora>\n\n<entrevistado>{said}</entrevistado>" for asked, said in zip(_ASKED, _SAID)
    )
    return f"---\ndate: 11-05-2025\nentrevistador: Luisa Prates\nentrevistado: Rui Mota\n---\n\n# Second talk with Rui\n\n{caption}{turns}\n{caption}"


def test_tagged_questions_set_as_headings_are_the_interviewers_turns(tmp_path):
    # Every tagged question had been a heading nobody said, every answer nobody's, tags and all, with the
    # "no speaker labels" warning: the tag was only read at a line's start.
    _, pieces = _voiced(tmp_path, "Rui_W2_interview.md", _write_up())
    turns = [piece for piece in pieces if piece[0] != "-"]
    assert [(role, speaker) for role, speaker, _ in turns] == [("interviewer", "entrevistadora"), ("participant", "entrevistado")] * 4
    assert [words for _, _, words in turns[:2]] == [_ASKED[0], _SAID[0]]  # the heading marks and tags are no words
    # Without headings the tagged turns read as before.
    _, plain = _voiced(tmp_path, "Rui_W1_interview.md", _write_up(heading=""))
    assert [piece for piece in plain if piece[0] != "-"] == turns
    # A run of headings in one tag that no other tag answers is still a document's headings, no one's turns.
    sections = "".join(f"## <mark>{title}</mark>\n\nWe walked the fields and counted hedges.\n\n" for title in ("North field", "South field", "Orchard"))
    _, headed = _voiced(tmp_path, "Farm_W1_notes.md", f"# Survey\n\n{sections}")
    assert {speaker for _, speaker, _ in headed} == {"-"}


def test_captions_in_other_languages_are_no_voices_and_words_after_a_closing_tag_are_nobodys(tmp_path):
    # "**Figura 1:** …" and "**Foto:** …" under a photograph had made a speaker of the caption and, beside the
    # tagged turns, made the whole write-up unlabelled; the captions after the last answer's closing tag had
    # been the interviewee's words.
    caption = "**Figura 1:** Rui at two, on the harbour wall.\n\n**Foto:** the fig tree, 1961.\n\n"
    study, pieces = _voiced(tmp_path, "Rui_W2_interview.md", _write_up(caption=caption))
    turns = [piece for piece in pieces if piece[0] != "-"]
    assert [(role, speaker) for role, speaker, _ in turns] == [("interviewer", "entrevistadora"), ("participant", "entrevistado")] * 4
    assert turns[-1][2] == _SAID[-1]  # ends at its closing tag: the captions below it are not his
    assert "fig tree, 1961" in pieces[-1][2] and pieces[-1][:2] == ("-", "-")
    assert any("after a turn's closing tag read as nobody's words" in note and "Figura 1" in note for note in study.meta["inferred"])
    assert all("</" not in words for _, _, words in turns)
    # A highlight the student left outside the answer's tags ("</entrevistado>" then "<realce>…</realce>") is
    # still the answer's words, as a highlight inside the tags is.
    marked = _write_up().replace(f"{_SAID[1]}</entrevistado>", f"{_SAID[1]}</entrevistado>\n<realce>And the well, which never ran dry.</realce>")
    turns = [piece for piece in _voiced(tmp_path, "Rui_W3_interview.md", marked)[1] if piece[0] != "-"]
    assert len(turns) == 8 and "the well, which never ran dry" in turns[3][2] and turns[3][:2] == ("participant", "entrevistado")
    # A Markdown line break's lone backslash after the closing tag holds no words: no segment of nobody's.
    broken = _write_up().replace(f"{_SAID[2]}</entrevistado>", f"{_SAID[2]}</entrevistado>\n\\")
    assert [piece[:2] for piece in _voiced(tmp_path, "Rui_W4_interview.md", broken)[1]].count(("-", "-")) == 1  # the title only


# A course's interview write-up whose front matter is in Portuguese: capitalised keys, one of several words
# joined by "de", the date under "Data:", then bold role labels.
_FRONT = "---\nTítulo: Conversa com o Vasco\nEntrevistadora: Marta Sá\nEntrevistado: Vasco Lima\nData: 09/02/2025\nFerramenta de Transcrição: um programa\n---\n\n"
_BODY = "**Entrevistadora:** Qual é a tua primeira memória?\n\n**Entrevistado:** O barco do meu tio, pintado de azul.\n\n**Entrevistadora:** E depois?\n\n**Entrevistado:** A escola, que ficava longe.\n"


def test_front_matter_with_capitalised_keys_and_a_date_in_another_language(tmp_path):
    # The block had stayed in the text, "Data" read as a speaker (a participant's five words), the interview undated.
    study, pieces = _voiced(tmp_path, "Vasco_W1_interview.md", _FRONT + _BODY)
    assert {speaker for _, speaker, _ in pieces} == {"Entrevistadora", "Entrevistado"}
    assert "Ferramenta" not in study.documents["text"].iloc[0]
    assert str(study.documents["date"].iloc[0].date()) == "2025-02-09"  # day first, as the header's "Data:" reads
    # "Date:" capitalised dates it as "date:" does.
    other = _voiced(tmp_path, "Vasco_W2_interview.md", _FRONT.replace("Data: 09/02/2025", "Date: 16/03/2025") + _BODY)[0]
    assert str(other.documents["date"].iloc[0].date()) == "2025-03-16"
    # Two-word names between rules, each once, are still turns and not front matter; so is "Maria de Souza" beside them.
    named = "---\nAnn Lee: How long?\nBo Chan: Years.\n---\nMore.\n"
    from qlr.io import read_document

    assert read_document(write(tmp_path / "C2_W1_interview.md", named)).text == named
    joined = "---\nMaria de Souza: How long?\nBo Chan: Years.\n---\nMore.\n"
    assert read_document(write(tmp_path / "C3_W1_interview.md", joined)).text == joined


def test_a_time_in_braces_after_the_label_is_the_turns_time(tmp_path):
    # A transcription app's export, "Speaker 2:  { 0:55 }" over each turn's words: the braced time had been the
    # first of the turn's words and the turn had no time.
    text = (
        "Speaker 1:  { 0:04 }\nWhat brought you to the valley?\n\n"
        "Speaker 2:  { 0:09 }\nWork at first, then the school for the children.\n\n"
        "Speaker 1:  { 1:12 }\nAnd now?\n\n"
        "Speaker 2:  { 1:15 }\nNow I could not leave it.\n"
    )
    study, pieces = _voiced(tmp_path, "Ines_W1_interview.txt", text)
    assert [words for _, _, words in pieces] == ["What brought you to the valley?", "Work at first, then the school for the children.", "And now?", "Now I could not leave it."]
    assert list(study.segments["timestamp"]) == [4.0, 9.0, 72.0, 75.0]
    # Braces that hold no time stay words: "Speaker 1: {laughs} yes" says something.
    other = _voiced(tmp_path, "Ines_W2_interview.txt", "Speaker 1: {laughs} So here we are.\n\nSpeaker 2: {sighs} Here we are.\n")[1]
    assert [words for _, _, words in other] == ["{laughs} So here we are.", "{sighs} Here we are."]
