"""Real files, tenth pass: lookalikes of layouts found in published transcripts (stop 38)."""

from __future__ import annotations

import qlr
from qlr.io import read_document

from .conftest import write


def _voiced(tmp_path, name, text=None):
    """The study of one file (written from ``text``, else already there), and its labelled turns as (role, speaker, words)."""
    study = qlr.load(write(tmp_path / name, text) if text is not None else tmp_path / name, progress=False)
    whole = study.documents["text"].iloc[0]
    rows = study.segments.dropna(subset=["speaker"]).itertuples()
    return study, [(str(row.speaker_role), str(row.speaker), whole[row.start : row.end]) for row in rows]


def test_front_matter_keys_of_several_words_and_who_asks(tmp_path):
    # A digital-humanities course's oral-history interviews in Markdown: front matter whose keys have
    # spaces ("place of birth:") over turns tagged with the speakers' first names. The front matter had
    # stayed in the text, its "interviewer:" line opening a turn that held the whole interview.
    text = (
        "---\ndate_interview: 14-03-2024\ninterviewee: Tomas Vidal Reis\ninterviewer: Ines Amaral\n"
        "place of birth: Viseu\ndate of birth: 1958\nnotes: Spoke about the first years of the choir.\n"
        "       The recording stops twice.\n---\n\n# Talking to Tomas Vidal Reis\n\n"
        "<Ines> How did you come to the choir?\n\n<Tomas> A friend dragged me to a rehearsal in the autumn.\n\n"
        "<Ines> And you stayed?\n\n<Tomas> For thirty years, as it turned out, and I still sing on Sundays.\n"
    )
    study, turns = _voiced(tmp_path, "Tomas_W1_interview.md", text)
    assert [turn[:2] for turn in turns] == [("interviewer", "Ines"), ("participant", "Tomas")] * 2
    assert turns[1][2] == "A friend dragged me to a rehearsal in the autumn."
    assert "Viseu" not in " ".join(study.segment_texts())
    assert str(study.documents["date"].iloc[0].date()) == "2024-03-14"  # the interview's own date key, not the birth year
    assert any("9 lines of front matter" in note for note in study.meta["inferred"])


def test_front_matter_of_several_words_is_not_prose_or_turns(tmp_path):
    # Prose between rules, and capitalised two-word labels between rules, stay the words they were.
    prose = "---\nWe met at ten: it rained.\n---\nThen home.\n"
    named = "---\nAnn Lee: How long?\nBo Chan: Years.\n---\nMore.\n"
    for name, text in (("C1_W1_notes.md", prose), ("C2_W1_interview.md", named)):
        source = read_document(write(tmp_path / name, text))
        assert (source.text, source.speakers) == (text, {})


def test_turns_tagged_as_xml_are_read_as_turns(tmp_path):
    # The same course's other layout: each turn inside tags named by the role, the question in HTML bold, the
    # words touching the tag or starting on the lines below it (a heading among them), the front matter
    # opening with a blank line. All of it had been one interviewer's turn from the front matter's line.
    text = (
        "---\n \ninterviewee: Rui Falcao\ninterviewer: Marta Dias\nplace of birth: Tomar\n---\n\n# Conversa\n\n"
        "<entrevistador><b>Did you ever think of leaving the town?</b></entrevistador>\n\n"
        "<entrevistado>\n\n## Early years\n\nOnce, when the mill closed and half the street went north.\n</entrevistado>\n\n"
        "<entrevistador><b>What kept you here?</b></entrevistador>\n\n"
        "<entrevistado>My mother's shop, and <destaque1>the river in summer</destaque1>, which I still swim in.</entrevistado>\n"
    )
    _, turns = _voiced(tmp_path, "Rui_W1_interview.md", text)
    roles = {speaker: role for role, speaker, _ in turns}
    assert [speaker for _, speaker, _ in turns] == ["entrevistador", "entrevistado"] * 2
    assert roles == {"entrevistador": "interviewer", "entrevistado": "participant"}
    assert turns[1][2].startswith("Once, when the mill closed")  # the heading above it is its own, nobody's
    assert turns[3][2].startswith("My mother's shop, and <destaque1>the river")  # a highlight inside a turn is no voice


def test_tags_that_are_no_turns(tmp_path):
    # A name wrapped in a tag before its colon is that name's label, not a tag's turn; a tag that opens one line,
    # or is never closed, names no one (a chat's "<Tom> words" with a space after it is read as before).
    wrapped = "<sp>Ines</sp>: How long?\n<sp>Tomas</sp>: Years.\n<sp>Ines</sp>: And now?\n<sp>Tomas</sp>: Still.\n"
    source = read_document(write(tmp_path / "C1_W1_interview.md", wrapped))
    from qlr.io._segment import segment_document

    speakers = {seg.speaker for seg in segment_document(source.text).segments}
    assert "sp" not in speakers
    unclosed = "<Ines>How long?\n<Tomas>Years.\n<Ines>And now?\n<Tomas>Still.\n"
    assert {seg.speaker for seg in segment_document(unclosed).segments} == {None}


def test_captions_saved_as_text_are_read_as_captions(tmp_path):
    # A student's interview captions downloaded as "captions.srt.txt": read as lines, every cue number and timing
    # line was words (a quarter more words than were said) and caption lines made speakers. Read as the .srt
    # it is, the words are the cues' and no one is made up.
    cues = [("Then tell me a little about", "your first year, the course and"), ("the town?", "Well, I came for the course"), ("and stayed for the river.", "Eu: that is what I say too.")]
    srt = "".join(f"{n}\n00:00:{2 * n:02d},100 --> 00:00:{2 * n + 1:02d},900\n{a}\n{b}\n\n" for n, (a, b) in enumerate(cues, start=1))
    source = read_document(write(tmp_path / "C1_W1_captions.srt.txt", srt))
    assert "-->" not in source.text and "00:00" not in source.text
    assert source.text.split() == " ".join(f"{a} {b}" for a, b in cues).split()
    assert source.removed == {"SubRip cue numbers and timing lines (captions saved as text, read as captions)": 3}
    vtt = read_document(write(tmp_path / "C1_W2_captions.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>How long?\n\n00:00:02.000 --> 00:00:03.000\n<v Bo>Years.\n"))
    assert [turn.speaker for turn in vtt.turns] == ["Ann", "Bo"]
    # A numbered list whose second line is no timing line, and a cue qlr cannot read, stay text as they were.
    for name, text in (("C2_W1_notes.txt", "1\nBuy seeds\n2\nRing Bo\n"), ("C2_W2_notes.txt", "1\n00:00:01,000 --> soon\nHello\n")):
        assert read_document(write(tmp_path / name, text)).text == text


def test_bold_questions_in_a_list_over_labelled_answers(tmp_path):
    # A requirements course's interview write-up: each question a bold list item, its answer indented under it
    # as "**Resposta:** …", sections as headings, the report going on after the interview. Nothing had been
    # anyone's (many "Resposta" labels following each other were taken for headings).
    questions = ["Which bus do you take?", "How long is the ride?", "What do you read on it?", "Would you pay more for wifi?", "Why not?"]
    answers = ["The 42, mostly.", "Forty minutes on a good day.", "Nothing, I look out.", "No.", "It is short enough."]
    items = "".join(f"- **{q}**  \n  **Resposta:** {a}\n\n" for q, a in zip(questions, answers))
    text = f"# Entrevista\n\n## Perguntas e respostas\n\n### Parte 1\n\n{items}## Resultados\n\nTwo needs came out of it.\n\n**Legenda:**\n\n- RF: functional\n"
    study, turns = _voiced(tmp_path, "Rosa_W1_interview.md", text)
    assert [turn[:2] for turn in turns[:10]] == [("interviewer", "Interviewer"), ("participant", "Resposta")] * 5
    assert [turn[2] for turn in turns[:4]] == ["- **Which bus do you take?**", "The 42, mostly.", "- **How long is the ride?**", "Forty minutes on a good day."]
    assert "Resultados" not in " ".join(words for role, _, words in turns if role == "interviewer")  # a report's heading asks nothing
    assert {speaker for _, speaker, _ in turns} == {"Interviewer", "Resposta"}  # "**Legenda:**" after the interview is no voice
    assert any("answers under them opening with their own label" in note for note in study.meta["inferred"])
    # Two labels under the questions are a transcript's own turns, as before: no answering label.
    from qlr.io._readers import answering_label

    assert answering_label([(0, "Why?", True), (5, "Ann: Rent.", False), (16, "Bo: Rent.", False), (26, "Bo: Fine.", False)]) is None


def test_word_header_in_bold_above_bold_questions(tmp_path):
    # A student's Word write-up: a header in bold ("Interviewee: …", "Interviewer: …", "Role: …", "Date: …", once
    # each, here between rules), then the numbered questions in bold and the answers plain. The header's bold
    # labels had stopped the bold-question rule: "Role" was a speaker holding the whole interview, no one asked.
    from .test_hunt import _bold_question_docx

    header = [("---", True), ("Interviewee: Ines Amaral", True), ("Interviewer: Tomas Reis", True), ("Role: Treasurer", True), ("Date: 14-03-2024", True), ("---", True)]
    talk = [
        ("1. How did the choir find its hall?", True), ("A parish lent it for nothing, at first.", False),
        ("2. And later?", True), ("We paid rent once the grant came.", False),
        ("3. Who keeps the accounts?", True), ("I do, on paper, then the computer.", False),
        ("4. Would you change that?", True), ("Not while I am treasurer.", False),
    ]
    _bold_question_docx(tmp_path / "Ines_W1_interview.docx", header + talk)
    study, turns = _voiced(tmp_path, "Ines_W1_interview.docx")
    assert [turn[0] for turn in turns] == ["interviewer", "participant"] * 4
    assert turns[0][2] == "1. How did the choir find its hall?" and turns[1][2] == "A parish lent it for nothing, at first."
    assert str(study.documents["date"].iloc[0].date()) == "2024-03-14"
