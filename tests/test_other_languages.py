"""Interview transcripts written in other languages, as researchers publish them (stop 33, other-languages).

Each test reproduces the layout of a real transcript, named in a comment, in words written here.
"""

from __future__ import annotations

import warnings

import qlr

from .conftest import write


def _study(tmp_path, name, text):
    """A study folder holding one transcript, loaded as a new user would."""
    write(tmp_path / "study" / name, text)
    return _load(tmp_path / "study")


def _load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False)


def _nobodys(study):
    """The document's text and the pieces of it that are no speaker's (a header, a note)."""
    text = study.documents["text"].iloc[0]
    nobody = study.segments[study.segments["speaker"].isna()]
    return text, [text[start:end] for start, end in zip(nobody["start"], nobody["end"])]


def _by_speaker(study):
    """speaker -> (role, turns, words) over the study's labelled segments."""
    labelled = study.segments.dropna(subset=["speaker"])
    grouped = labelled.groupby("speaker").agg(role=("speaker_role", "first"), turns=("n_words", "size"), words=("n_words", "sum"))
    return {speaker: (row.role, row.turns, row.words) for speaker, row in grouped.iterrows()}


# --------------------------------------------------------------------------- ***Name:*** (bold italic in Markdown)

# As majsylw/SecondVoice content/post/7-WiktoriaWywiadPL/index.md (and its English twin, 6-WiktoriaWywiad)
# writes a recorded conversation: every label in bold italic, a full name first, initials after.
BOLD_ITALIC = """\
## Rozmowa z Olą Nowak

Prowadząca: Maria Lis

***Maria Lis:*** Od kiedy malujesz? Opowiesz nam trochę?

***Ola Nowak:*** Od dziecka, najpierw farbami mamy.

***ML:*** A teraz?

***ON:*** Teraz maluję codziennie rano, zanim pójdę do pracy.

***ML:*** Dziękuję bardzo.

***ON:*** Ja też.
"""


def test_bold_italic_labels_are_speakers_and_a_polish_host_is_the_interviewer(tmp_path):
    speakers = _by_speaker(_study(tmp_path, "ON_W1_interview.md", BOLD_ITALIC))
    # Before: no label was read (the whole talk one unlabelled voice, the host's questions coded).
    # Since stop 44 a full name then its initials is one speaker (tests/test_hunt_16.py): ML is Maria Lis, ON Ola Nowak.
    assert speakers == {
        "Maria Lis": ("interviewer", 3, 10),
        "Ola Nowak": ("participant", 3, 15),
    }


def test_bold_italic_label_without_a_header_names_no_interviewer_but_keeps_the_turns(tmp_path):
    folder = tmp_path / "study"
    write(folder / "ON_W1_interview.md", BOLD_ITALIC.replace("Prowadząca: Maria Lis\n", ""))
    speakers = _by_speaker(_load(folder))
    assert {speaker: turns for speaker, (_, turns, _) in speakers.items()} == {"Maria Lis": 3, "Ola Nowak": 3}
    assert {role for role, _, _ in speakers.values()} == {"participant"}  # a name is no role: the manifest says who asks


# --------------------------------------------------------------------------- "Question:" / "Answer:" in other languages

# As UnBArqDsw2021-1/2021.1_G01_Animalesco_docs docs/pages/entrevistas/entrevista_01.md (Brazilian Portuguese,
# each question ending in an HTML line break) and fatimacenteio/Entrevista-Alexandre transcrição.md (Portugal).
PERGUNTA = """\
# Entrevista 3

### Entrevistador
Paulo Reis

## Descrição da entrevista

**Pergunta:** Você tem algum animal?<br/>
**Resposta:** Tenho dois gatos.

**Pergunta:** Com que frequência vai ao veterinário?<br/>
**Resposta:** Uma vez por ano, ou quando um deles adoece.

**Pergunta:** Usa algum aplicativo para isso?<br/>
**Resposta:** Não, anoto tudo num caderno.
"""


def test_portuguese_question_and_answer_labels_tell_the_interviewer_apart(tmp_path):
    speakers = _by_speaker(_study(tmp_path, "C03_W1_interview.md", PERGUNTA))
    # Before: "Pergunta" was a participant, its 3 questions coded as answers, with a NoInterviewerWarning.
    assert speakers == {"Pergunta": ("interviewer", 3, 15), "Resposta": ("participant", 3, 17)}


def test_german_frage_and_spanish_pregunta_are_the_interviewer_too(tmp_path):
    folder = tmp_path / "study"
    write(folder / "C01_W1_interview.txt", "Frage: Wie lange wohnen Sie hier?\nAntwort: Seit zehn Jahren.\nFrage: Und davor?\nAntwort: In Köln.\n")
    write(folder / "C02_W1_interview.txt", "Pregunta: ¿Desde cuándo vive aquí?\nRespuesta: Desde hace diez años.\nPregunta: ¿Y antes?\nRespuesta: En Lima.\n")
    roles = _load(folder).segments.groupby("speaker")["speaker_role"].first().to_dict()
    assert roles == {"Frage": "interviewer", "Antwort": "participant", "Pregunta": "interviewer", "Respuesta": "participant"}


def test_a_question_word_said_once_in_a_memo_is_no_speaker(tmp_path):
    # The question words give a role, not a label: "Frage:" once in notes is the note's words.
    folder = tmp_path / "study"
    write(folder / "C01_W1_memo.txt", "Notizen zum Treffen\n\nFrage: wer übernimmt die Planung im Herbst?\nDas klären wir nächste Woche.\n")
    assert _load(folder).segments["speaker"].isna().all()


# --------------------------------------------------------------------------- numbered lines under a header, a key a line

# As a French thesis prints its interviews (theses.univ-lyon2.fr, Chevallier 2011, "Annexe 26 : Entretien
# d'explicitation n°2"): a header of properties, a key with one label a line ("M : moi, l'interviewer"),
# then every turn numbered, "[rires]" in the words, a space before each colon.
NUMBERED = """\
Annexe 4 : Entretien n°3 – Louise

Dispositif : observation

Date de l'entretien : 12/03/07

Exercice : Fiche n°8, exercice 2 : compléter un tableau des dépenses de la semaine.

Conventions :

M : moi, l'interviewer

L : Louise, l'interviewée

1 M : alors Louise, on revient sur le tableau que vous avez rempli tout à l'heure
2 L : [rires] oui
3 M : qu'est-ce que vous avez regardé en premier ?
4 L : bah les prix, les prix d'abord
5 M : d'accord
6 L : et après j'ai fait les totaux
"""


def test_numbered_turns_after_a_header_and_a_key_one_label_a_line(tmp_path):
    study = _study(tmp_path, "L03_W1_interview.txt", NUMBERED)
    # Before: the numbers hid every label (no speaker at all); the key's lines and "Exercice" were no one's either.
    assert _by_speaker(study) == {"M": ("interviewer", 3, 22), "L": ("participant", 3, 14)}
    text, unlabelled = _nobodys(study)
    assert "\nM : alors Louise" in text and "\n1 M :" not in text  # the numbers are cut, the header kept
    assert len(unlabelled) == 1 and "Conventions" in unlabelled[0] and "Exercice" in unlabelled[0]  # the header is no one's


def test_a_numbered_list_under_a_title_keeps_its_numbers(tmp_path):
    folder = tmp_path / "study"
    write(folder / "C01_W1_memo.txt", "Courses pour samedi\n\n1 pommes : deux kilos\n2 poires : un kilo\n3 figues : six\n")
    text = _load(folder).documents["text"].iloc[0]
    assert "\n1 pommes : deux kilos\n2 poires" in text


# --------------------------------------------------------------------------- a researcher's note in brackets between turns

# As Dreamink-SNPP/BookThesis data/transcripciones_entrevistas/Entrevista_E1.md (Spanish, a thesis's
# interviews): after each answer, "**[NOTAS DE OBSERVACIÓN]:**" with the interviewer's observations.
NOTES = """\
# Entrevista E4

**ENTREVISTADOR:** ¿Cuántos años lleva escribiendo guiones?

**E4:** Unos doce años, más o menos.

**[NOTAS DE OBSERVACIÓN]:** habla con calma, mira por la ventana.

---

**ENTREVISTADOR:** ¿Cómo organiza a sus personajes?

**E4:** En un cuaderno, a mano, siempre.

**[NOTAS DE OBSERVACIÓN PROBE]:** duda antes de responder.
"""


def test_observation_notes_in_brackets_are_no_ones_words(tmp_path):
    study = _study(tmp_path, "E4_W1_interview.md", NOTES)
    # Before: the notes (11 words) were E4's answers, coded as the participant's.
    assert _by_speaker(study) == {"ENTREVISTADOR": ("interviewer", 2, 10), "E4": ("participant", 2, 12)}
    _, unlabelled = _nobodys(study)
    assert sum("NOTAS DE OBSERVACIÓN" in piece for piece in unlabelled) == 2


def test_a_speaker_in_brackets_is_not_taken_for_a_note(tmp_path):
    folder = tmp_path / "study"
    write(folder / "C01_W1_interview.txt", "Interviewer: How long?\n[Anna]: Ten years.\nInterviewer: And now?\nAnna: Still here.\n")
    segments = _load(folder).segments
    assert segments["speaker"].notna().all()  # "[Anna]:" stays in the interviewer's turn, as before: not cut out as a note
