"""Real files, sixteenth pass: lookalikes of layouts found in published transcripts (stop 44)."""

from __future__ import annotations

import warnings

import pandas as pd

import qlr
from qlr.io._segment import CAPITALS_MODERATOR

from .conftest import pdf_file, write


def _voiced(path):
    """The study of one file, and its segments as (role, speaker, words); nobody's are ("-", "-", words)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    whole = study.documents["text"].iloc[0]
    pieces = [
        ("-" if pd.isna(row.speaker_role) else str(row.speaker_role), "-" if pd.isna(row.speaker) else str(row.speaker), whole[row.start : row.end])
        for row in study.segments.itertuples()
    ]
    return study, pieces


# ------------------------------------------------------------------ a PDF broken at every run
# A word processor's "save as PDF" may write each run of a line as a text object of its own (a word
# its spell-checker split, a bracketed aside in another font), and pypdf ends every text object with
# a line break. The pages carry a running header and, written just after it, the footer's page number.
_FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [" + " ".join(["500"] * 95) + "] >>"


def _runs_pdf(pages: list[list[list[tuple[str, float]]]], *, header: str | None = "Study of the allotment - group two") -> bytes:
    """A PDF whose every run is a text object of its own: per page, lines of (words, x) runs, 12-point, 14 points apart."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for number, lines in enumerate(pages, 1):
        ops = []
        if header:
            ops.append(f"BT /F1 10 Tf 72 760 Td ({header}) Tj ET")
            ops.append(f"BT /F1 10 Tf 540 40 Td ({number}) Tj ET")
        for row, runs in enumerate(lines):
            y = 730 - 14 * row
            ops.extend(f"BT /F1 12 Tf {x} {y} Td ({words}) Tj ET" for words, x in runs)
        stream = "\n".join(ops)
        page_at = len(objects) + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_at + 1} 0 R /Resources << /Font << /F1 {page_at + 2} 0 R >> >> >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(_FONT)
        kids.append(f"{page_at} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    return pdf_file(objects)


def _run_line(words: str, *cuts: int) -> list[tuple[str, float]]:
    """``words`` cut into runs at the character positions ``cuts``, each character 6 points wide (the font's widths) from x=72."""
    runs, at, x = [], 0, 72.0
    for cut in [*cuts, len(words)]:
        piece = words[at:cut]
        runs.append((piece, x))
        x += 6 * len(piece)
        at = cut
    return runs


def test_a_pdf_broken_at_every_run_reads_whole_lines_whole_words_and_its_labels(tmp_path):
    pages = [
        [
            _run_line("Ana: We started the plot in the spring of the first year.", 3, 11, 30),
            _run_line("Bo: It was lovely, really, once the fence was up.", 2, 12, 18),
            [("Ana: Then the council", 72), ("wrote to us", 72 + 6 * 21 + 12)],  # a gap, no space character
        ],
        [
            _run_line("Bo: And we went to the meeting [on a Tuesday].", 2, 30, 45),
            _run_line("Ana: We did, all six of us.", 9, 20),
        ],
        [
            _run_line("Bo: Nobody had asked us before.", 2, 12),
            _run_line("Ana: No. Not once.", 3, 8),
        ],
    ]
    path = write(tmp_path / "allotment_group.pdf", _runs_pdf(pages))
    study, pieces = _voiced(path)
    text = study.documents["text"].iloc[0]
    assert "lovely" in text and "l\novely" not in text  # a word cut by its runs is whole
    assert "Then the council wrote to us" in text  # a gap the page leaves between runs is a space
    assert "[on a Tuesday]" in text
    assert "Study of the allotment" not in text and "\n2\n" not in text  # the running header and page numbers
    speakers = [speaker for _, speaker, _ in pieces]
    assert speakers == ["Ana", "Bo", "Ana", "Bo", "Ana", "Bo", "Ana"]
    # Before: every run a line of its own, "Ana" / ":" labels lost, the header and numbers in the turns.
    assert pieces[1][2].startswith("It was lovely, really")


def test_a_pdf_that_sets_each_word_apart_reads_as_before(tmp_path):
    # A justified page written a word at a time, with no space characters at all: each word a text object.
    said = [("Entrevistadora:", "Boa tarde, obrigada por ter vindo."), ("Entrevistado:", "Obrigado pelo convite."),
            ("Entrevistadora:", "Onde cresceu?"), ("Entrevistado:", "Numa aldeia perto do rio.")]
    lines = []
    for label, words in said:
        x, runs = 72.0, []
        for word in [label, *words.split()]:
            runs.append((word, x))
            x += 6 * len(word) + 9
        lines.append(runs)
    path = write(tmp_path / "entrevista.pdf", _runs_pdf([lines], header=None))
    study, pieces = _voiced(path)
    assert [(speaker, words) for _, speaker, words in pieces] == [(label.rstrip(":"), words) for label, words in said]


def test_a_pdf_whose_lines_are_whole_reads_as_before(tmp_path):
    # One text object a line: pypdf's breaks all fall between lines, none is rebuilt.
    said = [("Ana", "We started the plot in the spring."), ("Bo", "It was lovely."), ("Ana", "Then the council wrote."), ("Bo", "We went.")]
    pages = [[[(f"{who}: {words}", 72)] for who, words in said]]
    path = write(tmp_path / "whole_lines.pdf", _runs_pdf(pages, header=None))
    _, pieces = _voiced(path)
    assert [(speaker, words) for _, speaker, words in pieces] == said


# ------------------------------------------------------------------ a moderator in capitals
# A Spanish convention for focus groups (a national survey institute's published groups, and many a
# study after them): only the participants are labelled, by sex and number ("M2:", "H1:"); the
# moderator's words stand unlabelled in capitals between their turns, their opening before the first.
_GROUP = """Estudio sobre los huertos urbanos

GRUPO 4: VECINOS DEL BARRIO

Fecha: 3 de marzo de 2025
Leyenda: M: Mujer, H: Hombre

[Presentación]

BUENAS TARDES, PARA EMPEZAR OS PIDO QUE DIGÁIS VUESTRO NOMBRE, LA EDAD Y SI TENÉIS HUERTO.

H1: Me llamo H1, tengo [50-55] años y sí, tengo una parcela desde hace tres años.

M2: Yo soy M2, [30-35] años, y todavía estoy en la lista de espera.

¿CUÁNTO TIEMPO LLEVAS ESPERANDO?

M2: Casi dos años, y nadie nos dice nada.

H1: A mí me pasó lo mismo al principio.
(Todos ríen)
Pero luego llamaron de golpe.

VALE. UN DETALLE: ¿QUIÉN OS AVISÓ?

H3: El ayuntamiento, por carta.

SEGUIMOS...

M2: Lo que más me molesta es que no se sabe el orden de la lista.

¿Y ESO OS PARECE JUSTO? ¿ALGUIEN LO HA PREGUNTADO
EN EL REGISTRO?

H3: Yo pregunté y no me supieron decir.

H1: Es que cambia cada año.

MUY BIEN, PASAMOS AL SIGUIENTE TEMA.

M2: Solo quería añadir que el agua también es un problema.

H3: Eso sí.
"""


def test_a_moderator_in_capitals_between_labelled_participants_is_the_interviewer(tmp_path):
    study, pieces = _voiced(write(tmp_path / "grupo_4.txt", _GROUP))
    moderator = [words for role, speaker, words in pieces if speaker == CAPITALS_MODERATOR]
    assert {role for role, speaker, _ in pieces if speaker == CAPITALS_MODERATOR} == {"interviewer"}
    assert moderator == [
        "BUENAS TARDES, PARA EMPEZAR OS PIDO QUE DIGÁIS VUESTRO NOMBRE, LA EDAD Y SI TENÉIS HUERTO.",
        "¿CUÁNTO TIEMPO LLEVAS ESPERANDO?",
        "VALE. UN DETALLE: ¿QUIÉN OS AVISÓ?",  # a one-off label in capitals is the moderator's line, not a voice
        "SEGUIMOS...",
        "¿Y ESO OS PARECE JUSTO? ¿ALGUIEN LO HA PREGUNTADO\nEN EL REGISTRO?",
        "MUY BIEN, PASAMOS AL SIGUIENTE TEMA.",
    ]
    participants = [words for role, _, words in pieces if role == "participant"]
    assert not any(word.isupper() and len(word) > 3 for words in participants for word in words.split())
    # A transcriber's aside in brackets stays in the participant's turn, and what they say after it too.
    assert "(Todos ríen)\nPero luego llamaron de golpe." in next(words for _, speaker, words in pieces if speaker == "H1" and "golpe" in words)
    assert {speaker for _, speaker, _ in pieces} == {"-", "H1", "M2", "H3", CAPITALS_MODERATOR}
    notes = " ".join(map(str, study.meta.get("inferred", [])))
    assert "6 passage(s) in capitals" in notes


def test_a_moderator_labelled_once_then_in_capitals_names_the_passages(tmp_path):
    text = _GROUP.replace("BUENAS TARDES, PARA", "MODERADORA: BUENAS TARDES, PARA")
    _, pieces = _voiced(write(tmp_path / "grupo_4.txt", text))
    assert [speaker for _, speaker, words in pieces if words.startswith(("¿CUÁNTO", "SEGUIMOS"))] == ["MODERADORA", "MODERADORA"]
    assert {role for role, speaker, _ in pieces if speaker == "MODERADORA"} == {"interviewer"}


def test_capitals_that_are_no_moderator_are_read_as_before(tmp_path):
    # Headings in capitals that ask nothing, between participants' turns: not a voice.
    headings = "".join(f"PART {n}: THE GARDEN\n\nP1: We dug in the rain, week {n}.\nP2: I brought the tea.\n\n" for n in range(6))
    _, pieces = _voiced(write(tmp_path / "headings.txt", headings))
    assert CAPITALS_MODERATOR not in {speaker for _, speaker, _ in pieces}
    # An interviewer who is labelled: a participant's answer shouted in capitals stays theirs.
    shouted = "".join(f"Interviewer: And then, {n}?\nLena: We asked again.\nNO ONE CAME? NO ONE.\n" for n in range(6))
    _, pieces = _voiced(write(tmp_path / "shouted.txt", shouted))
    assert CAPITALS_MODERATOR not in {speaker for _, speaker, _ in pieces}
    assert any(speaker == "Lena" and "NO ONE CAME?" in words for _, speaker, words in pieces)
    # A transcript typed all in capitals: its labelled turns open in capitals, no line is set apart.
    typed = "".join(f"P1: WE DUG IN THE RAIN, WEEK {n}.\nDID WE? WE DID.\nP2: I BROUGHT THE TEA.\n" for n in range(6))
    _, pieces = _voiced(write(tmp_path / "typed.txt", typed))
    assert CAPITALS_MODERATOR not in {speaker for _, speaker, _ in pieces}


# ------------------------------------------------------------------ a full name first, then the surname
# Oral histories kept as a table (a static-site collection's CSV: timestamp, speaker, words) or typed
# from a museum's PDF name each speaker in full at their first turn and by surname, or initials, after.
def test_a_speaker_named_in_full_then_by_surname_or_initials_is_one_speaker(tmp_path):
    rows = ["timestamp,speaker,words,tags"]
    rows.append(',Note,"The letter mentioned in this answer is kept in the archive\'s box 4.",')  # an editor's note: nobody's
    rows.append(',Nora Quill,"I want to begin with the year you arrived, and the mill.",')
    rows.append(',Tomas Ferreira,"The mill had closed by then.",')
    for n in range(4):
        rows.append(f',Quill,"And the street, in year {n}?",')
        rows.append(f',TF,"It was quieter, year {n}.",')
    _, pieces = _voiced(write(tmp_path / "ferreira.csv", "\n".join(rows) + "\n"))
    assert {speaker for _, speaker, _ in pieces} == {"-", "Nora Quill", "Tomas Ferreira"}
    assert pieces[0] == ("-", "-", "The letter mentioned in this answer is kept in the archive's box 4.")
    typed = "Nora Quill: I want to begin with the mill.\nTomas Ferreira: It had closed.\n" + "".join(
        f"Quill: And in year {n}?\nFerreira: Quieter, year {n}.\n" for n in range(4)
    )
    _, pieces = _voiced(write(tmp_path / "ferreira.txt", typed))
    assert {speaker for _, speaker, _ in pieces} == {"Nora Quill", "Tomas Ferreira"}


def test_a_surname_two_full_names_share_stays_its_own_speaker(tmp_path):
    typed = "Ann Reyes: We both came.\nBob Reyes: In 1979.\n" + "".join(f"Reyes: Yes, {n}.\nAnn Reyes: No, {n}.\n" for n in range(4))
    _, pieces = _voiced(write(tmp_path / "reyes.txt", typed))
    assert {speaker for _, speaker, _ in pieces} == {"Ann Reyes", "Bob Reyes", "Reyes"}
    # A surname that speaks before the full name is given is its own speaker too.
    early = "Quill: Shall we start?\nNora Quill: Yes.\n" + "".join(f"Quill: And {n}?\nNora Quill: Yes, {n}.\n" for n in range(3))
    _, pieces = _voiced(write(tmp_path / "early.txt", early))
    assert {speaker for _, speaker, _ in pieces} == {"Quill", "Nora Quill"}


def test_a_table_whose_turns_run_over_several_rows_is_read(tmp_path):
    # An oral history exported one paragraph a row: only a turn's first row names its speaker, so most
    # speaker cells are empty. Under a header that names the column "speaker" it is read, not refused.
    rows = ["speaker,timestamp,words,tags"]
    for n in range(3):
        rows.append(f'Iris Moyo,{n}:00,"What do you remember of the first school, part {n}?",')
        rows.append(f'Dev Rana,{n}:10,"The bus, mostly.",')
        rows.extend(f',,"And the yard, paragraph {k} of answer {n}.",' for k in range(3))
    _, pieces = _voiced(write(tmp_path / "rana.csv", "\n".join(rows) + "\n"))
    turns = [(speaker, words) for _, speaker, words in pieces]
    assert [speaker for speaker, _ in turns] == ["Iris Moyo", "Dev Rana"] * 3
    assert turns[1][1].startswith("The bus, mostly.") and "paragraph 2 of answer 0." in turns[1][1]


def test_labels_spaced_with_no_break_spaces_are_read(tmp_path):
    # A text copied out of a PDF with every space a no-break space: "H3:\u00a0Me\u00a0llamo…".
    nb = "\u00a0"
    text = "".join(f"Ana{nb}Reis:{nb}¿Y{nb}el{nb}huerto,{nb}{n}?\nH3:{nb}Sigue{nb}igual,{nb}año{nb}{n}.\n" for n in range(4))
    study, pieces = _voiced(write(tmp_path / "huerto.txt", text))
    assert [speaker for _, speaker, _ in pieces] == ["Ana Reis", "H3"] * 4
    assert pieces[1][2] == f"Sigue{nb}igual,{nb}año{nb}0."  # the words as the file has them
    # French typography's no-break space before the colon.
    french = "".join(f"Enquêtrice{nb}: Et en {n}{nb}?\nLucie{nb}: Rien de neuf, {n}.\n" for n in range(3))
    _, pieces = _voiced(write(tmp_path / "lucie.txt", french))
    assert [(role, speaker) for role, speaker, _ in pieces] == [("interviewer", "Enquêtrice"), ("participant", "Lucie")] * 3
