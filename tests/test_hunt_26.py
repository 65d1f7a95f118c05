"""Real files, twenty-sixth pass: lookalikes of layouts found in published focus-group transcripts (stop 54).

Argentine political focus groups typed in Word (2022): each group's header (the city and time, the segment of voters,
a list of who took part with the label of each, "NAME, MODERADOR (P)" / "NAME (VG)"), then turns labelled by initials
with "=" or a dash against them ("P= …", "AL = …", "VG =" alone over the words, "P-COMO VEN …", "MP- A NIVEL …"), or
no labels at all and the moderator's questions set in bold, with now and then a few bold words and a colon inside an
answer. Every text here is written by the test, in the conventions the real files use, with names and words of our own.
"""

from __future__ import annotations

import time
import warnings

import qlr
from qlr.io._segment import segment_document

from .conftest import write
from .test_readers import _docx

_EQUALS = """RÍO SECO GRUPO 12/4 – 10:00 hs

SEGMENTACIÓN: votantes de 20 a 30 años.
PARTICIPANTES:
LUCÍA PARDO, PRESENTADORA (P)
TOMÁS AGUIRRE (TA)
VERA GIL (VG)
ANA RÍOS (AR)

P= ¿Cómo ven la situación del barrio?
TA= Peor que hace dos años, los precios suben cada semana.
VG =
yo creo que igual que siempre
los sueldos no alcanzan
P = ¿Y los demás qué opinan?
AR= Coincido con Vera.
TA = Y el transporte también empeoró.
P= ¿Qué cambiarían primero?
VG= Las paradas de colectivo.
"""


def _said(text: str, **options) -> list[tuple[str | None, str | None, str]]:
    found = segment_document(text, **options)
    return [(segment.speaker, role, text[segment.start : segment.end]) for segment, role in zip(found.segments, found.roles)]


def test_initials_with_an_equals_sign_label_a_focus_groups_turns():
    # Before: no "P= …" line was a label; the header's "SEGMENTACIÓN:" was the only one, its turn holding the whole group
    # (the real file: 10,341 words as one participant's, 916 outside any turn). Now each member's initials are theirs, a
    # label alone on its line over the words too, and the list of who took part keys them: P is the moderator.
    said = _said(_EQUALS)
    voiced = [(speaker, role) for speaker, role, _ in said if speaker]
    assert voiced == [
        ("P", "interviewer"), ("TA", "participant"), ("VG", "participant"), ("P", "interviewer"), ("AR", "participant"),
        ("TA", "participant"), ("P", "interviewer"), ("VG", "participant"),
    ]
    assert [words for speaker, _, words in said if speaker == "VG"] == ["yo creo que igual que siempre\nlos sueldos no alcanzan", "Las paradas de colectivo."]
    header = [words for speaker, _, words in said if speaker is None]
    assert len(header) == 1 and header[0].startswith("RÍO SECO GRUPO") and header[0].endswith("ANA RÍOS (AR)")
    assert "'P' read as interviewer (P: PRESENTADORA)" in segment_document(_EQUALS).note


_DASHED = """CIUDAD GRUPO 21/3 – 15:00 hs
SEGMENTACIÓN: votantes de 35 a 50 años.

INICIO FOCUS:
P-COMO VEN LA SITUACION DEL PAIS?
C-YO LA VEO MUY MAL, SOBRE TODO LO ECONOMICO.
P- ENTIENDO, LOS DEMAS COMO LO VEN?
MP-MEJOR EN NADA.
TODOS- SI
C- Y LA INSEGURIDAD TAMBIEN.
P-QUIEN REPRESENTA A LA OPOSICION?
MP- LOS RADICALES.
"""


def test_initials_with_a_dash_against_them_label_a_focus_groups_turns():
    # Before: "P-COMO …" and "P- ENTIENDO …" were no labels, and "INICIO FOCUS:" opened a turn holding every word of the
    # group as one participant's (the real file: 7,014 words). Now every voice is its own; no list keys the moderator here.
    said = _said(_DASHED, speakers={"p": "interviewer"})
    assert [(speaker, words) for speaker, _, words in said if speaker] == [
        ("P", "COMO VEN LA SITUACION DEL PAIS?"),
        ("C", "YO LA VEO MUY MAL, SOBRE TODO LO ECONOMICO."),
        ("P", "ENTIENDO, LOS DEMAS COMO LO VEN?"),
        ("MP", "MEJOR EN NADA."),
        ("TODOS", "SI"),
        ("C", "Y LA INSEGURIDAD TAMBIEN."),
        ("P", "QUIEN REPRESENTA A LA OPOSICION?"),
        ("MP", "LOS RADICALES."),
    ]
    assert {role for speaker, role, _ in said if speaker == "P"} == {"interviewer"}


def test_words_with_an_equals_sign_or_a_dash_after_capitals_stay_words():
    # A list of things, arithmetic, a key of labels and prose opening with an abbreviation are no one's turns.
    listed = "Packing list\nT-shirt for the walk\nE-mail the host\nT-shirt spare\nE-mail the driver\nCOVID-19 test kit\n"
    assert [speaker for speaker, _, _ in _said(listed)] == [None]
    sums = "Notes\nA = 5\nB = 7\nA = B - 2\nB = A + 2\nSo what is C?\n"
    assert [speaker for speaker, _, _ in _said(sums)] == [None]
    prose = "UK-based firms said so.\nEU-wide rules apply?\nUK-based staff agreed.\nEU-wide bodies too?\n"
    assert [speaker for speaker, _, _ in _said(prose)] == [None]
    # One label alone in the form, however often ("P-" before each question, the answers unlabelled): not the
    # transcript's labels, which need two voices taking turns.
    asked_only = "P-COMO ESTAN?\nBIEN, GRACIAS.\nP-Y EL TRABAJO?\nHAY POCO.\nP-Y LA FAMILIA?\nTODO BIEN.\n"
    assert [speaker for speaker, _, _ in _said(asked_only)] == [None]


def test_a_key_with_equals_over_colon_labels_is_still_a_key():
    # The German key "I = Interviewer" one a line (pass 25) is no turn in the new form: it keys the turns below it.
    text = "Interview 4\n\nI = Interviewer\nB = Befragte\n\nI: Wie geht es?\nB: Gut.\nI: Und die Arbeit?\nB: Viel.\n"
    said = _said(text)
    assert [(speaker, role) for speaker, role, _ in said if speaker] == [("I", "interviewer"), ("B", "participant")] * 2
    assert said[0][2].endswith("B = Befragte")


def test_header_fields_before_the_first_initials_do_not_stop_them():
    # "SEGMENTACIÓN: …" (a field of the header, typed as "Name: …") before the first "P=" is no other convention's
    # transcript; a label of the other kind among the turns, where "P=" and "N=" take 12 turns, is one more voice.
    text = "GRUPO 3\nSEGMENTACIÓN: votantes jóvenes.\n" + "".join(f"P= ¿Pregunta {n}?\nN= Respuesta {n}.\n" for n in range(6)) + "Alguien: yo también.\n"
    said = _said(text, speakers={"p": "interviewer"})
    assert [speaker for speaker, _, _ in said if speaker][:12] == ["P", "N"] * 6
    # Three "Name:" labels among six "P=": not a focus group in "=" form, the colon labels are the transcript's own.
    mixed = "Ana: Hola.\nP= ¿Qué tal?\nBo: Bien.\nP= ¿Y vos?\nAna: Mal.\nP= ¿Por qué?\n"
    assert "P" not in [speaker for speaker, _, _ in _said(mixed)]


def test_a_roster_not_on_the_list_and_a_roster_without_a_moderator():
    # The moderator listed: a voice the list leaves out ("I= Recién me conecto", someone who joined late) is the
    # group's, not the interviewer the letter I would make it by default.
    late = _EQUALS.replace("AR= Coincido con Vera.", "I= Recién me conecto.\nAR= Coincido con Vera.\nI = Y yo pienso igual.")
    roles = {speaker: role for speaker, role, _ in _said(late) if speaker}
    assert roles == {"P": "interviewer", "TA": "participant", "VG": "participant", "AR": "participant", "I": "participant"}
    # A role word the list leaves out keeps its role: a second moderator's "MOD =" lines are the interviewer's.
    helped = late.replace("I = Y yo pienso igual.", "MOD = ¿Alguien más?\nVG= No.")
    assert {speaker: role for speaker, role, _ in _said(helped) if speaker}["MOD"] == "interviewer"
    # A list naming no moderator keys no one: the members are participants as they were, and "I" keeps its default.
    unled = late.replace("LUCÍA PARDO, PRESENTADORA (P)", "LUCÍA PARDO (P)")
    roles = {speaker: role for speaker, role, _ in _said(unled) if speaker}
    assert roles["I"] == "interviewer" and roles["P"] == "participant"


def _pieces(path):
    root = path.parent
    write(root / "study.yaml", f"name: fg\nwaves: [{{id: W1}}]\ncases: [{{id: G1}}]\ndocuments:\n- {{path: {path.name}, case: G1, wave: W1, kind: focus_group}}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root)
    text = study.documents["text"].iloc[0]
    known = [(row.speaker_role, row.speaker, text[row.start : row.end]) for row in study.segments.itertuples()]
    return study, [(role if isinstance(role, str) else None, speaker if isinstance(speaker, str) else None, words) for role, speaker, words in known]


_BOLD_GROUP = [
    [("CIUDAD GRUPO 22/3 – 18:00 hs", True)],
    [("SEGMENTACIÓN:", True), (" votantes de 20 a 30 años.", False)],
    [("¿Cómo ven la situación del país?", True)],
    [("Mal, la inflación no para.", False)],
    [("Peor que antes.", False)],
    [("¿Y la gestión del gobierno?", True)],
    [("Regular.", False)],
    [("Completita:", True), (" así la veo yo, una gestión completita de errores.", False)],
    [("¿Quiénes son los dirigentes más importantes?", True)],
    [("Cristina, Macri.", False)],
    [("¿Alguien más?", True)],
    [("Milei.", False)],
    *[paragraph for n in range(1, 7) for paragraph in ([(f"¿Y la imagen {n}?", True)], [(f"Nada que decir de la {n}.", False)])],
    [("Bien, pasamos a las imágenes…", True)],
    [("Nada, sin palabras.", False)],
]


def test_bold_questions_keep_their_reading_beside_a_few_bold_words_with_a_colon(tmp_path):
    # Before: one bold "Completita:" inside an answer was taken for the file's own bold labels, and the eleven bold
    # questions were no one's: "SEGMENTACIÓN:" opened a turn holding the whole group as a participant's (the real
    # files: 6 of 26 read so, up to 10,077 words in one turn). Now the questions are the moderator's turns.
    study, pieces = _pieces(_docx(tmp_path / "grupo.docx", _BOLD_GROUP))
    asked = [words for role, _, words in pieces if role == "interviewer"]
    assert asked == [
        "¿Cómo ven la situación del país?", "¿Y la gestión del gobierno?", "¿Quiénes son los dirigentes más importantes?", "¿Alguien más?",
        *[f"¿Y la imagen {n}?" for n in range(1, 7)], "Bien, pasamos a las imágenes…",
    ]
    answers = [words for role, _, words in pieces if role == "participant"]
    assert answers[1] == "Regular.\nCompletita: así la veo yo, una gestión completita de errores."
    assert any("set wholly in bold" in note for note in study.meta["inferred"])


def test_bold_labels_that_come_back_are_still_the_files_own(tmp_path):
    # The rule the bold questions yield to stays: bold labels that recur ("Ana:", "Bo:" twice each) are the turns.
    parts = [
        [("¿Cómo están?", True)], [("Ana:", True), (" Bien.", False)], [("Bo:", True), (" Más o menos.", False)],
        [("¿Y el trabajo?", True)], [("Ana:", True), (" Hay poco.", False)], [("Bo:", True), (" Nada.", False)],
        [("¿Y la familia?", True)], [("Ana:", True), (" Bien.", False)],
    ]
    _, pieces = _pieces(_docx(tmp_path / "grupo.docx", parts))
    assert [speaker for _, speaker, _ in pieces if speaker] == ["Ana", "Bo", "Ana", "Bo", "Ana"]


def test_a_bold_question_typed_in_runs_split_at_a_space_is_no_label(tmp_path):
    # Word split the bold question into runs, one of them a lone space ("pensando en Schiaretti", " ", "y su relación
    # …"): the words before that space were read as a label "pensando en Schiaretti", its words lost from every turn.
    parts = [
        [("P=", False), (" ¿Cómo están?", False)], [("AL=", False), (" Bien.", False)], [("P=", False), (" ¿Y ustedes?", False)],
        [("MG=", False), (" Igual.", False)],
        [("pensando en ", True), ("Rosales", True), (" ", True), ("y su relación con el intendente, ¿se llevan bien?", True)],
        [("AL=", False), (" No mucho.", False)], [("MG=", False), (" Tampoco.", False)],
    ]
    _, pieces = _pieces(_docx(tmp_path / "grupo.docx", parts))
    assert "pensando en Rosales" not in [speaker for _, speaker, _ in pieces]
    assert ("participant", "MG", "Igual.\npensando en Rosales y su relación con el intendente, ¿se llevan bien?") in pieces


def test_the_template_calls_a_transcript_of_many_voices_a_focus_group(tmp_path):
    # Before: "G1 - Jóvenes.txt" said no kind in its name and was an interview, its six voices' turns one interview's;
    # a file of two voices answering stays an interview.
    group = "".join(f"P= ¿Pregunta {n}?\n" + "".join(f"{who}= Respuesta {n}.\n" for who in ("AL", "MG", "VG", "JP")) for n in range(3))
    write(tmp_path / "G1 - Jóvenes.txt", group)
    write(tmp_path / "Entrevista Rosa.txt", "I: ¿Cómo está?\nRosa: Bien.\nI: ¿Y su hija?\nRosa: También.\nHija: Sí, bien.\nI: ¿Y el trabajo?\nHija: Poco.\n")
    text = qlr.io.template_for(tmp_path)
    kinds = dict(line.split(": ", 1) for line in text.split("\n") if line.startswith(("- path:", "  kind:")))
    entries = text.split("- path: ")[1:]
    said = {entry.split("\n", 1)[0]: entry.split("kind: ")[1].split("\n", 1)[0] for entry in entries}
    assert said == {"Entrevista Rosa.txt": "interview", "G1 - Jóvenes.txt": "focus_group"}, kinds
    assert "kind focus_group where the name says none and 4 or more voices" in text


_MINUTES = """---
description: Oct 2, 2024
---

# (2/10/24) Meeting Minutes

## Attendees:

* Rosa Ibarra
* Tom Okafor

## Agenda

<table><thead><tr><th width="198">Discussion Points</th><th>Notes/Action Items</th></tr></thead><tbody><tr><td>Introduction &#x26; Quorum</td><td>Quorum achieved</td></tr><tr><td>Garden rota</td><td><ul><li>Rosa asked who waters in August.</li><li>Tom offered the first two weeks.</li></ul></td></tr></tbody></table>

| Item | Decision |
| --- | --- |
| <ol start="3"><li>Budget</li></ol> | <ul><li>Approved</li><li>Seconded by Tom</li></ul> |
"""


def test_a_meetings_minutes_with_html_tables_read_as_their_words(tmp_path):
    # Before: GitBook's minutes kept each agenda table's tags as words ("<tr><td>Introduction", 2,902 tags in 18 of 27
    # real files) and a table was one paragraph; a pipe table's cells kept their "<ol><li>" too. Now each row is a
    # paragraph, each cell and item a line, the pipe table's items parted by "; ", and the load notes say so.
    write(tmp_path / "2-10-24-meeting-minutes.md", _MINUTES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "2-10-24-meeting-minutes.md")
    text = study.documents["text"].iloc[0]
    assert "<" not in text
    paragraphs = [text[row.start : row.end] for row in study.segments.itertuples()]
    assert "Introduction & Quorum\nQuorum achieved" in paragraphs
    assert "Garden rota\nRosa asked who waters in August.\nTom offered the first two weeks." in paragraphs
    assert "| Budget | Approved; Seconded by Tom |" in text
    assert str(study.documents["date"].iloc[0])[:10] == "2024-10-02"
    notes = " ".join(study.meta["inferred"])
    assert "HTML tables read as text" in notes and "inside a Markdown table's cells" in notes


def test_html_in_prose_and_code_stays_as_written(tmp_path):
    # "<table>" named in a sentence, a tag in a line that is no table row: the words as written.
    text = "# Notes\n\nThe <table> element has rows; write <li> for an item.\n\nA | B is a pipe, <li> stays.\n"
    write(tmp_path / "notes.md", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "notes.md")
    assert study.documents["text"].iloc[0] == text


def test_a_link_under_a_label_once_is_no_speaker():
    # Leftover of pass 21 (a podcast transcript's closing "PR: https://github.com/…" was a one-turn speaker "PR"): a
    # label that opens no other line and holds only a web address is a link's caption, the turn before's words.
    text = (
        "Host: Welcome back. What did you build?\nGuest: A wallet.\nHost: Where can people see it?\nGuest: On GitHub.\n\n"
        "PR: https://github.com/example/wallet/pull/12\n\nHost: And next?\nGuest: Tests.\n"
    )
    said = _said(text)
    assert [speaker for speaker, _, _ in said if speaker] == ["Host", "Guest", "Host", "Guest", "Host", "Guest"]
    assert said[3][2] == "On GitHub.\n\nPR: https://github.com/example/wallet/pull/12"
    # A speaker who pastes a link among their own turns keeps that turn; so does a one-off voice that says more.
    shared = "Ann: Here is the form?\nBo: Thanks.\nAnn: https://example.org/form\nBo: Got it.\n"
    assert [speaker for speaker, _, _ in _said(shared) if speaker] == ["Ann", "Bo", "Ann", "Bo"]
    more = "Ann: Here is the form?\nBo: Thanks.\nAnn: Fill it in.\nBo: Got it.\nCy: https://example.org/form\nand mine is this one.\n"
    assert [speaker for speaker, _, _ in _said(more) if speaker][-1] == "Cy"


def test_glossaries_equations_and_code_with_an_equals_sign_are_no_turns():
    # Review: a glossary or a model's notes whose keys come back ("GP = …", "A = B + C"), a Spanish list of terms and a
    # budget's symbols, and assignments in a Markdown code block were read as voices taking turns ("GP" a participant
    # saying "general practitioner"). Their lines are no talk: short, no sentence ends; a code block is no one's turn.
    glossary = (
        "Notes on the model\n\nGP = general practitioner\nA = B + C, where B is the baseline\nA = the total cost of care\n"
        "GP = who refers patients onward?\nB = baseline cost\nA = what we want to estimate\nB = measured in pounds\n"
    )
    terms = "Glosario\n\nONG = organización no gubernamental\nCAPS = centro de atención primaria\nONG = ¿quién financia?\nCAPS = Centro de salud del barrio\n"
    budget = "Presupuesto\nP = Precio unitario\nQ = Cantidad vendida\nP = ¿Cuánto cobrar?\nQ = Depende del mes\n"
    for text in (glossary, terms, budget):
        assert [speaker for speaker, _, _ in _said(text)] == [None] * len(_said(text)), text
    fenced = "# Analysis script\n\nWe compute the totals like this:\n\n```\nA = LOAD(\"wave1\")\nB = LOAD(\"wave2\")\nA = MERGE(A, B)?\nB = FILTER(A)\n```\n\nDoes it work?\n"
    assert {speaker for speaker, _, _ in _said(fenced)} == {None}
    # Talk in the same form, short as it is, stays talk: the German "I = …" turns under their key.
    talk = "I = Interviewerin\nB = Befragte\n\nI = Wie lange wohnen Sie schon hier?\nB = Seit etwa zehn Jahren.\nI = Und was hat sich verändert?\nB = Der Bus fährt nicht mehr.\n"
    assert [(speaker, role) for speaker, role, _ in _said(talk) if speaker] == [("I", "interviewer"), ("B", "participant")] * 2


def test_a_roster_naming_the_moderator_a_facilitator_or_coordinator():
    # Review: "ANA LÓPEZ, FACILITADORA (F)" (or "COORDINADOR") named the moderator with a word qlr did not know, so the
    # heading's role was F's: every question a participant's. The Spanish words for who runs a group are the interviewer's.
    for word in ("FACILITADORA", "COORDINADOR"):
        text = _EQUALS.replace("PRESENTADORA (P)", f"{word} (P)")
        roles = {speaker: role for speaker, role, _ in _said(text) if speaker}
        assert roles == {"P": "interviewer", "TA": "participant", "VG": "participant", "AR": "participant"}, word


def test_voices_quoted_inside_one_answer_make_no_focus_group(tmp_path):
    # Review: a participant telling a meeting as it went ("Mary: We need a new roof." …, four people twice each between
    # two of the interviewer's questions), or reading out a group chat, made the template call the interview a focus
    # group's. A group's voices answer the moderator again and again: each must speak after two or more of the questions.
    meeting = "".join(f"{who}: {line}\n" for who, line in [
        ("Interviewer", "What happened at the tenants' meeting?"), ("Respondent", "It went round the table like this."),
        ("Mary", "We need a new roof."), ("John", "We cannot afford it."), ("Ruth", "Then we borrow."), ("Ahmed", "From whom?"),
        ("Mary", "The council."), ("John", "They will say no."), ("Ruth", "Ask anyway."), ("Ahmed", "Fine."),
        ("Interviewer", "And what did you think?"), ("Respondent", "I kept quiet, to be honest."),
    ])
    write(tmp_path / "Rosa on the tenants.txt", "Rosa, 4 June 2024\n\n" + meeting)  # a header: words no one speaks
    group = "".join(f"P= ¿Pregunta {n}?\n" + "".join(f"{who}= Respuesta {n}.\n" for who in ("AL", "MG", "VG", "JP")) for n in range(3))
    write(tmp_path / "G1 - Jóvenes.txt", group)
    text = qlr.io.template_for(tmp_path)
    said = {entry.split("\n", 1)[0]: entry.split("kind: ")[1].split("\n", 1)[0] for entry in text.split("- path: ")[1:]}
    assert said == {"G1 - Jóvenes.txt": "focus_group", "Rosa on the tenants.txt": "interview"}


def test_html_tables_in_a_code_block_stay_as_written_and_unclosed_ones_read_fast():
    # Review: a Markdown page showing a table's HTML in a code block ("```html") lost its tags, the example read as
    # cells; and each "<table>" never closed looked for its end to the end of the text (4,000 such lines: 1.9 s, rising
    # as the square). A code block is as written, and a table's end is looked for only up to the next table.
    from qlr.io._readers import _html_in_table_cells, _markdown_html_tables

    shown = "# Doc\n\n```html\n<table><tr><td>Example cell</td></tr></table>\n```\n\n| <ul><li>a</li></ul> | b |\n\n```\n| <ul><li>c</li></ul> | d |\n```\n"
    assert _markdown_html_tables(shown) == (shown, 0)
    assert _html_in_table_cells(shown)[0] == shown.replace("| <ul><li>a</li></ul> | b |", "| a | b |")
    unclosed = "<table>\n" * 20000 + "<table><tr><td>Last</td></tr></table>\n"
    started = time.perf_counter()
    assert _markdown_html_tables(unclosed) == ("<table>\n" * 20000 + "Last\n", 1)
    assert time.perf_counter() - started < 2


def test_a_role_word_in_bold_over_a_bold_question_split_at_a_space_is_still_its_label(tmp_path):
    # Review: "Interviewer" + " " + "how was week 1?" in runs, all bold, no colon, was read before this pass as the
    # interviewer's label over the words; the space run running on made the role word part of the question's words.
    paragraphs = [paragraph for n in range(1, 5) for paragraph in ([("Interviewer", True), (" ", True), (f"how was week {n}?", True)], [(f"Fine {n}.", None)])]
    _, pieces = _pieces(_docx(tmp_path / "weeks.docx", paragraphs))
    assert [(role, words) for role, _, words in pieces if role == "interviewer"] == [("interviewer", f"how was week {n}?") for n in range(1, 5)]


def test_a_moderator_listed_alone_under_their_own_heading_is_keyed():
    # Review: "MODERADOR:" over "ANA LÓPEZ (P)", then "PARTICIPANTES:" over the members: a list of one was no roster,
    # so P (the moderator, asking every question) was a participant. Under a heading naming the interviewer's role,
    # one member is enough; the members' list still needs two.
    text = _EQUALS.replace("PARTICIPANTES:\nLUCÍA PARDO, PRESENTADORA (P)\n", "MODERADOR:\nLUCÍA PARDO (P)\n\nPARTICIPANTES:\n")
    roles = {speaker: role for speaker, role, _ in _said(text) if speaker}
    assert roles == {"P": "interviewer", "TA": "participant", "VG": "participant", "AR": "participant"}
    lone = _EQUALS.replace("PARTICIPANTES:\nLUCÍA PARDO, PRESENTADORA (P)\nTOMÁS AGUIRRE (TA)\nVERA GIL (VG)\n", "PARTICIPANTES:\n")
    assert {speaker: role for speaker, role, _ in _said(lone) if speaker}["P"] == "participant"  # one member listed: no roster


def test_a_glossary_in_a_bold_question_interview_leaves_the_questions_the_interviewers(tmp_path):
    # Review: the initials counted against bold questions in a Word file skipped the talk check, so a glossary whose keys
    # come back ("GP = general practitioner" … "GP = family doctor"), in an answer, voided an interview's bold questions.
    glossary = [[(line, None)] for line in ("GP = general practitioner", "NHS = National Health Service", "GP = family doctor", "NHS = the health service")]
    questions = [("How long have you lived here?", "Ten years."), ("Who is your GP?", "Dr Moss."), ("Do you use the NHS?", "Often."), ("Anything else?", "No.")]
    paragraphs = [paragraph for question, answer in questions for paragraph in ([(question, True)], [(answer, None)])]
    paragraphs[4:4] = glossary  # the participant's note on the words, read out after the second answer
    _, pieces = _pieces(_docx(tmp_path / "interview.docx", paragraphs))
    assert [words for role, _, words in pieces if role == "interviewer"] == [question for question, _ in questions]
