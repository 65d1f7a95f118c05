"""A new user's try at reading study folders (stop 58, after the thirtieth pass).

Four things a first reading of small folders of interviews got wrong: a kind word in another language in a strictly
named file ("P02_W2_entrevista.txt") read as an unknown kind, by paragraph, its interviewer's questions counted as
evidence, though the same word names an interview in a loosely named file; a FAQ titled with a colon ("FAQs:")
under an interview read as a speaker "FAQs"; `qlr info` warning that most of a file had no speaker label where
the reading had set the FAQ aside as no one's and said so; and an archive's page stamps on pages a few lines long
left as the words of the turn they fell in. Every text is written here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from qlr.io._naming import name_parts
from qlr.io._segment import segment_document

from .test_hunt_27 import _load

_SPANISH = (
    "Entrevista con Participante 2, segunda ola\nFecha: 15 de marzo de 2025\n\n"
    "Pregunta: ¿Cómo ha estado desde la última vez?\nRespuesta: Bastante bien. Ahora voy al grupo de los jueves.\n"
    "Pregunta: ¿Quién decide los temas?\nRespuesta: Lo decidimos juntos con el personal.\n"
    "Pregunta: ¿Se siente escuchada?\nRespuesta: Sí, más que antes.\n"
)


# 1. The strict name's kind word, read as the loose names read it.


@pytest.mark.parametrize(
    "name, kind",
    [
        ("P02_W2_entrevista.txt", "interview"),
        ("P02_W2_Entrevista.txt", "interview"),
        ("P02_W2_entretien.txt", "interview"),
        ("P02_W2_grupo_focal.txt", "focus_group"),
        ("P02_W2_notas_de_campo.md", "observation"),
        ("P02_W2_diario_de_campo.md", "observation"),
        ("P02_W2_diario.md", "diary"),
        ("P02_W2_interview.txt", "interview"),
    ],
)
def test_a_kind_word_the_readme_lists_means_its_kind_in_a_strict_name(name, kind):
    # Before: "entrevista", "grupo_focal", "notas_de_campo" were kinds of their own, unknown, read by paragraph.
    assert name_parts(Path(name))["kind"] == kind


def test_an_unknown_kind_word_stays_the_files_kind_with_its_warning(tmp_path):
    assert name_parts(Path("P02_W2_letter.txt"))["kind"] == "letter"
    with pytest.warns(UserWarning, match=r"kind 'letter'"):
        study = _load(tmp_path, "P02_W2_letter.txt", _SPANISH)
    assert study.segments["speaker"].isna().all()


def test_an_entrevista_file_reads_by_turns_its_questions_the_interviewers(tmp_path):
    # Before: kind 'entrevista', read by paragraph with a warning, the "Pregunta:" lines counted as evidence.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = _load(tmp_path, "P02_W2_entrevista.txt", _SPANISH)
    assert not [w for w in caught if "kind qlr does not know" in str(w.message)]
    assert study.documents["kind"].tolist() == ["interview"]
    turns = study.segments.dropna(subset=["speaker"])
    assert list(zip(turns["speaker"], turns["speaker_role"])) == [("Pregunta", "interviewer"), ("Respuesta", "participant")] * 3


# 2. and 3. A FAQ titled with a colon.


def _long_interview(turns=12):
    answer = "We go on Tuesdays and I help set up the chairs, and sometimes we plan the next session with the staff."
    return "".join(f"I: Question number {n} about the group?\nR: Answer {n}. {answer}\n" for n in range(turns))


_PAIRS = (
    "Question: Who will see my interview?\nAnswer: Only the research team.\n"
    "Question: Can I withdraw?\nAnswer: Yes, at any time.\nQuestion: Will I be paid?\nAnswer: You get a voucher.\n"
)


@pytest.mark.parametrize("title", ["FAQs:", "FAQ:", "Frequently asked questions:", "Q&A:", "Questions and answers:", "FAQs :"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_faq_titled_with_a_colon_is_no_speaker(title, gap):
    # Before: "FAQs:" was a new speaker, the participant's role, holding the whole FAQ.
    faq = f"{title}{gap}{_PAIRS}"
    text = _long_interview() + "\n" + faq
    found = segment_document(text, strategy="turns")
    read = [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)]
    assert [speaker for speaker, _, _ in read[:-1]] == ["I", "R"] * 12
    assert read[-1] == (None, None, faq.strip())
    assert "6 'Question:'/'Answer:' line(s) after the interview's last turn read as one passage of no one's words" in found.note


def test_qlr_info_does_not_say_a_file_with_its_faq_set_aside_is_mostly_unlabelled(tmp_path, capsys):
    # A short interview, a long FAQ under it (more words than the turns): the FAQ is one passage of no one's, and
    # the load says so. Before: `qlr info` and `qlr validate` also warned "most of the text has no speaker label".
    from qlr.cli import main

    faq = "Frequently asked questions\n\n" + _PAIRS * 4
    text = "I: How have things been?\nR: Busier.\nI: Anything else?\nR: No.\n\n" + faq
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01_W2_interview.txt").write_text(text, encoding="utf-8")
    (folder / "P02_W2_interview.txt").write_text("Preamble with no label at all, words of the file.\n" * 20 + "I: One?\nR: Two.\n", encoding="utf-8")
    for command in ("info", "validate"):
        main([command, str(folder)])
        err = capsys.readouterr().err
        assert "P01_W2_interview: most of the text has no speaker label" not in err
        assert "P02_W2_interview: most of the text has no speaker label" in err  # text before any label still counts


# 4. Page stamps on short pages.


def test_numbered_page_stamps_a_few_lines_apart_are_cut(tmp_path):
    # As a text copied from an archive's pages, here a few lines each. Before: the stamps stayed the narrator's words.
    text = (
        "Q: Where were you born?\nA: In a small town near the river. My father had a shop there, he sold cloth and\n"
        "buttons.\nUSHMM Archives RG-50.030*0123 2\nQ: And your school?\nA: Across the square, and in the winter\n"
        "USHMM Archives RG-50.030*0123 3\nit was very cold.\nQ: And in 1939?\nA: Everything changed.\n"
        "USHMM Archives RG-50.030*0123 4\nQ: Did you stay?\nA: Until the spring.\n"
    )
    study = _load(tmp_path, "P02_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    assert "USHMM" not in words
    answers = [words[s.start : s.end] for s in study.segments.itertuples() if s.speaker == "A"]
    assert answers[1] == "Across the square, and in the winter\nit was very cold."
    assert any("left out of the text: 3 lines of an archive's page stamps" in note for note in study.meta["inferred"])


def test_two_close_stamps_or_adjacent_numbered_lines_stay():
    from qlr.io._readers import _cut_page_stamps

    # Two pages only, a few lines apart: too little to tell pages from a list; and lines one under another are a list.
    # (Stop 59, thirty-first pass: two such stamps ending in a catalogue reference, "RG-50.030*0123", are pages; a
    # stamp ending in a plain number is still too little.)
    two = "A: Words.\nArchive copy, box 12 2\nA: More.\nArchive copy, box 12 3\n"
    listed = "Ref RG-50.030*0123 1\nRef RG-50.030*0123 2\nRef RG-50.030*0123 3\n"
    assert _cut_page_stamps(two) == (two, {})
    assert _cut_page_stamps(listed) == (listed, {})


def test_a_records_or_summarys_word_stays_the_researchers_kind():
    # "minutes" and "summary" are kinds a researcher keeps and filters by (read by paragraph either way).
    assert [name_parts(Path(n))["kind"] for n in ["FG_W1_minutes.md", "P03_W1_summary.md", "P01_W1_interview_summary.md", "P01_W1_actas.md"]] == [
        "minutes", "summary", "interview_summary", "actas"
    ]
