"""Real files, eleventh pass: lookalikes of layouts found in published transcripts (stop 39)."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.errors import UnreadableFormatError, UnreadTextWarning

from .conftest import write


def _turns(study):
    """The study's labelled turns as (role, speaker, words)."""
    whole = dict(zip(study.documents["doc_id"], study.documents["text"]))
    rows = study.segments.dropna(subset=["speaker"]).itertuples()
    return [(str(row.speaker_role), str(row.speaker), whole[row.doc_id][row.start : row.end]) for row in rows]


# An oral-history archive's own markup: questions and answers as elements in the project's language,
# some inside an episode element whose title is an attribute, a note between them.
_ENTREVISTA = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE arquivo SYSTEM "arquivo.dtd">
<arquivo>
  <pergunta>Onde foi a sua
     primeira escola?</pergunta>
  <resposta><p>Em <lugar tipo="vila">Tondela</lugar>, ao pé da igreja.</p></resposta>
  <episodio titulo="A cheia">
    <pergunta>E o inverno de sessenta?</pergunta>
    <resposta><p>A água entrou na cozinha.</p><p>Dormimos no sótão.</p></resposta>
  </episodio>
  <nota>Gravação interrompida.</nota>
  <pergunta>Voltou a morar lá?</pergunta>
  <resposta><p>Nunca mais.</p></resposta>
</arquivo>
"""


def test_question_and_answer_elements_are_turns(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(write(tmp_path / "Rosa_W1_interview.xml", _ENTREVISTA), progress=False)
    turns = _turns(study)
    assert [turn[:2] for turn in turns] == [("interviewer", "Pergunta"), ("participant", "Resposta")] * 3
    assert turns[0][2] == "Onde foi a sua primeira escola?"
    assert turns[1][2] == "Em Tondela, ao pé da igreja."
    assert turns[3][2] == "A água entrou na cozinha.\nDormimos no sótão."  # a line a paragraph, the episode's title no words
    assert "A cheia" not in study.documents["text"].iloc[0]
    # The note between the turns is no one's words, and said so.
    assert "Gravação" not in study.documents["text"].iloc[0]
    assert any("outside every question and answer" in str(w.message) for w in caught)


def test_question_and_answer_elements_in_a_folder_and_in_english(tmp_path):
    folder = tmp_path / "study"
    write(folder / "Rosa_W1_interview.xml", _ENTREVISTA)
    english = "<session><question>Why the bakery?</question><answer>My aunt ran it.</answer><question>And now?</question><answer>I do.</answer></session>"
    write(folder / "Ivo_W1_interview.xml", english)
    write(folder / "settings.xml", "<settings><colour>blue</colour></settings>")  # no document: passed over as before
    with pytest.warns(UnreadTextWarning, match="Rosa_W1_interview.xml.*1 piece.s. of text outside every question"):
        study = qlr.load(folder, progress=False)
    assert sorted(study.documents["case_id"]) == ["Ivo", "Rosa"]
    roles = {(speaker, role) for role, speaker, _ in _turns(study)}
    assert roles == {("Pergunta", "interviewer"), ("Resposta", "participant"), ("Question", "interviewer"), ("Answer", "participant")}


def test_one_question_is_no_interview(tmp_path):
    # A help file's single question and answer is not a transcript: refused as any XML qlr does not read.
    faq = write(tmp_path / "faq.xml", "<faq><question>How do I log in?</question><answer>With your card.</answer></faq>")
    with pytest.raises(UnreadableFormatError, match="faq.xml.*not a file qlr reads"):
        qlr.load(faq, progress=False)


@pytest.mark.parametrize(
    ("ask", "answer"),
    [
        ("<b>Lena:</b>", "<b>Omar:</b>"),
        ("<strong>Lena</strong>:", "<strong>Omar</strong>:"),
        ("<question><interviewer>Lena</interviewer>:", "<answer><interviewee>Omar</interviewee>:"),
    ],
)
def test_labels_set_in_tags_by_hand(tmp_path, ask, answer):
    # A student's hand-tagged interview: each label wrapped in a tag (or two), as Markdown's ** wraps one.
    # The labels stayed words and the interview one unlabelled block; what closes a turn is no word of it.
    close = "</question>" if ask.startswith("<question>") else ""
    shut = "</answer>" if answer.startswith("<answer>") else ""
    text = (
        f"{ask} Which stall was yours?{close}\n\n{answer} The one with the lemons.{shut}\n\n"
        f"{ask} Every Saturday?{close}\n\n{answer} Rain or shine, for nine years.{shut}\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no one is the interviewer by a role word: warned, as for any names
        study = qlr.load(write(tmp_path / "Omar_W1_interview.md", text), progress=False)
    assert [turn[1:] for turn in _turns(study)] == [
        ("Lena", "Which stall was yours?"),
        ("Omar", "The one with the lemons."),
        ("Lena", "Every Saturday?"),
        ("Omar", "Rain or shine, for nine years."),
    ]


def test_credit_lines_name_no_speaker(tmp_path):
    # A course's interview report credits its writers under each figure: "Autor:" twice made a speaker
    # holding the report's prose (in bold tags as in Markdown's **Autor:**; "Fontes:", "Author:" likewise).
    text = (
        "# Relatório da entrevista\n\nFizemos duas entrevistas na feira.\n\n"
        '<b>Autor:</b> <a href="#">Rita Lopes</a> &amp; <a href="#">Caio Moura</a>, 2025.\n\n'
        "A primeira foi com uma vendedora de fruta, que falou das horas de trabalho.\n\n"
        "A segunda foi com um cliente de sábado.\n\n"
        "<b>Autor:</b> Caio Moura, 2025.\n\nAs duas falaram do preço das bancas.\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no speaker at all: warned, as before
        study = qlr.load(write(tmp_path / "Feira_W1_interview.md", text), progress=False)
    assert _turns(study) == []


def test_a_header_naming_two_interviewers_with_and_accents(tmp_path):
    # An engineering society's oral histories: "INTERVIEWER: Nadia Kovačić with Paul Ruiz" over turns labelled
    # "Nadia Kovacic:" (typed without the accent). The header line was a turn of its own holding the names, the
    # date and the place, and the interviewer's questions were the participant's words.
    text = (
        "## Interview\n\nINTERVIEWEE: Tom Hale\nINTERVIEWER: Nadia Kovačić with Paul Ruiz\nDATE: 4 May 2012\nPLACE: Leeds\n\n"
        "Nadia Kovacic:\n\nWhere did you study?\n\nTom Hale:\n\nIn Sheffield, mechanical engineering.\n\n"
        "Paul Ruiz:\n\nAnd the first robot?\n\nTom Hale:\n\nA welding arm, in 1979.\n\n"
        "Nadia Kovacic:\n\nWho built it?\n\nTom Hale:\n\nThree of us, over a summer.\n"
    )
    study = qlr.load(write(tmp_path / "Hale_W1_interview.md", text), progress=False)
    assert [turn[:2] for turn in _turns(study)] == [
        ("interviewer", "Nadia Kovacic"),
        ("participant", "Tom Hale"),
        ("interviewer", "Paul Ruiz"),
        ("participant", "Tom Hale"),
        ("interviewer", "Nadia Kovacic"),
        ("participant", "Tom Hale"),
    ]
    assert "INTERVIEWER" not in {turn[1] for turn in _turns(study)}


def test_word_prompts_numbered_before_the_first_question(tmp_path):
    # The tenth pass's Word write-up, its other half: the first numbered prompts end in a full stop ("1. Tell us
    # about the club.", a follow-up "1.2 So it is run like a firm."), and only "2. …?" asks. The prompts and their
    # answers had stayed with the header's last line, the interviewer's; they are the same list's questions.
    from .test_hunt import _bold_question_docx

    header = [("Interviewee: Rui Sousa", True), ("Interviewer: Eva Lima", True), ("Date: 02-05-2024", True)]
    talk = [
        ("1. Tell us about the rowing club and how it began.", True), ("Students started it in a borrowed shed.", False),
        ("1.2 So it is run like a small firm.", True), ("Yes, with a board and a budget each year.", False),
        ("2. Who decides the budget?", True), ("The board, after the members vote.", False),
        ("3. And the boats?", True), ("Bought second-hand from the city club.", False),
        ("4. Any plans?", True), ("A new jetty, if the council agrees.", False),
    ]
    _bold_question_docx(tmp_path / "Rui_W1_interview.docx", header + talk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the answers are unlabelled: said, as for every bold-question file
        study = qlr.load(tmp_path / "Rui_W1_interview.docx", progress=False)
    turns = _turns(study)
    assert [turn[0] for turn in turns][-10:] == ["interviewer", "participant"] * 5
    asked = [words for role, _, words in turns if role == "interviewer"]
    assert "1. Tell us about the rowing club and how it began." in asked and "1.2 So it is run like a small firm." in asked
    assert "Students started it in a borrowed shed." in [words for role, _, words in turns if role == "participant"]


def test_template_names_the_case_after_whom_the_student_interviewed(tmp_path):
    # A course's archive: one folder per student who interviewed ("InesAmaral/"), holding her interview of someone
    # else, its front matter naming both. The template made the student a case of her own interview; the case is
    # the person interviewed, for every file of the folder. A folder whose files name no interviewer stays as it was.
    import yaml

    root = tmp_path / "archive"
    front = "---\ninterviewee: Tomas Vidal\ninterviewer: Ines Lima Amaral\ndate_interview: 14-03-2024\n---\n\n"
    write(root / "InesAmaral" / "versao_final.md", front + "<Ines> How did you come to the choir?\n\n<Tomas> A friend took me.\n\n<Ines> And you stayed?\n\n<Tomas> Thirty years.\n")
    write(root / "InesAmaral" / "rascunho.txt", "How did you come to the choir? A friend took me.\n")
    write(root / "RuiSousa" / "entrevista.txt", "Interviewer: Where did you grow up?\nParticipant: In Viseu.\nInterviewer: And now?\nParticipant: Porto.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = yaml.safe_load(qlr.io.template_for(root))
    cases = {case["id"]: case["label"] for case in data["cases"]}
    assert cases == {"Tomas_Vidal": "Tomas Vidal", "RuiSousa": "RuiSousa"}
    assert {entry["path"]: entry["case"] for entry in data["documents"]} == {
        "InesAmaral/rascunho.txt": "Tomas_Vidal",
        "InesAmaral/versao_final.md": "Tomas_Vidal",
        "RuiSousa/entrevista.txt": "RuiSousa",
    }


def test_maxqda_coded_segments_as_a_codings_file(tmp_path):
    # A user study's coding published as MAXQDA's "Coded Segments" (Document name, Code, Segment; Begin and End are
    # paragraph numbers). The table was refused until its columns were renamed by hand; its print to PDF still is,
    # with a hint that names the Excel export.
    folder = tmp_path / "study"
    write(folder / "Ann_W1_interview.txt", "Interviewer: Why the bakery?\nAnn: My aunt ran it and I grew up there.\nInterviewer: And now?\nAnn: I run it with my brother.\n")
    rows = [
        "Color,Document group,Document name,Code,Begin,End,Weight score,Segment,Comment,Author",
        "#ff0000,,Ann_W1_interview,Family\\Siblings,4,4,0,I run it with my brother.,,KD",
        "#00ff00,,Ann_W1_interview,Family\\Inheritance,2,2,0,My aunt ran it,,KD",
    ]
    write(folder / "coded_segments.csv", "\n".join(rows) + "\n")
    write(folder / "study.yaml", "documents:\n- path: Ann_W1_interview.txt\n  case: Ann\n  wave: W1\ncases:\n- id: Ann\nwaves:\n- id: W1\ncodings:\n- path: coded_segments.csv\n")
    study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    placed = sorted((row.code_id, row.coder, text[row.start : row.end]) for row in study.codings.itertuples())
    assert placed == [("family.inheritance", "KD", "My aunt ran it"), ("family.siblings", "KD", "I run it with my brother.")]
