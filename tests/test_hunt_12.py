"""Real files, twelfth pass: lookalikes of layouts found in published transcripts and notes (stop 40)."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.cli import main
from qlr.errors import FilesNotLoadedWarning, InferenceWarning, UnreadableFormatError

from .conftest import write


def _turns(study):
    """The study's labelled turns as (role, speaker, words)."""
    whole = dict(zip(study.documents["doc_id"], study.documents["text"]))
    rows = study.segments.dropna(subset=["speaker"]).itertuples()
    return [(str(row.speaker_role), str(row.speaker), whole[row.doc_id][row.start : row.end]) for row in rows]


# A usability study's session notes, one file per participant: the participant's code, then "Notes".
_SESSION_NOTES = "U3 02/03/2022\nStep A\n\tFound the search box at once\nStep B\n\tAsked where the export went\n"


def test_a_participants_notes_are_no_waves_notes(tmp_path, capsys):
    # "P1_Notes.txt" alone had raised a bare KeyError ('case'): the name was read as a wave's notes of no case.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # read as a transcript without labels, and said so
        one = qlr.load(write(tmp_path / "one" / "U3_Notes.txt", _SESSION_NOTES), progress=False)
    assert list(one.cases["case_id"]) == ["U3_Notes"]
    # A wave's notes alone keep their wave, and name a case after the file.
    wave = qlr.load(write(tmp_path / "wave" / "W2_fieldnotes.md", "The hall was full.\n"), progress=False)
    assert list(wave.documents["wave_id"]) == ["W2"] and list(wave.cases["case_id"]) == ["W2_fieldnotes"]
    # In a folder the participants' codes were read as waves: seventeen waves of no case. Their template
    # now proposes a case for each participant, their notes the observer's.
    for code in ("U3", "U4", "U5"):
        write(tmp_path / "notes" / f"{code}_Notes.txt", _SESSION_NOTES.replace("U3", code))
    assert main(["info", str(tmp_path / "notes"), "--template"]) == 0
    template = capsys.readouterr().out
    for code in ("U3", "U4", "U5"):
        assert f"- path: {code}_Notes.txt" in template and f"case: {code}\n" in template
    assert "- id: U3\n  label: U3\n  start" not in template  # no wave named after a participant
    # A wave's notes beside interviews are still that wave's (and a word such as "Launch" still a wave).
    write(tmp_path / "mixed" / "Ann_W1_interview.txt", "Interviewer: How long?\nAnn: Ten years.\n")
    write(tmp_path / "mixed" / "W1_fieldnotes.md", "Quiet week.\n")
    write(tmp_path / "mixed" / "Launch_fieldnotes.md", "Opening day.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mixed = qlr.load(tmp_path / "mixed", progress=False)
    assert dict(zip(mixed.documents["doc_id"], mixed.documents["wave_id"])) == {"Ann_W1_interview": "W1", "W1_fieldnotes": "W1", "Launch_fieldnotes": "Launch"}


def test_notes_named_by_a_wave_the_folders_files_use_are_that_waves(tmp_path):
    # "M0_fieldnotes.md" looks like a participant's code ("P1_Notes.txt"), but the interviews name M0 as their wave.
    for case in ("K01", "K02"):
        for wave in ("M0", "M6"):
            write(tmp_path / f"{case}_{wave}_interview.txt", f"Interviewer: How was month {wave[1:]}?\n{case}: Busy, we moved house.\n")
    write(tmp_path / "M0_fieldnotes.md", "First visit; the flat was cold.\n")
    write(tmp_path / "M6_fieldnotes.md", "Second visit; a new kitchen.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FilesNotLoadedWarning)
        study = qlr.load(tmp_path, progress=False)
    notes = study.documents[study.documents["kind"] == "fieldnotes"]
    assert dict(zip(notes["doc_id"], notes["wave_id"])) == {"M0_fieldnotes": "M0", "M6_fieldnotes": "M6"}
    assert notes["case_id"].isna().all() and sorted(study.cases["case_id"]) == ["K01", "K02"]


# A course's interview written up in Markdown from a recording's transcript: a line naming both people with
# their part in brackets, then each turn as the time and the bold label, each later line of a turn with its own time.
_TIMED_BOLD = """# Entrevista con Rosa - Estudiante

**Participantes:** Tomás Vidal (Entrevistador) y Rosa Quiroga (Estudiante)

---

(0:00) **Tomás:** Buenas tardes, Rosa. Estamos pensando una app
(0:04) para la cafetería de la facultad.
(0:07) ¿Nos das unos minutos?
(0:09) **Rosa:** Sí, claro.
(0:11) **Tomás:** ¿Cómo pagas el almuerzo hoy?
(0:14) **Rosa:** Casi siempre en efectivo,
(0:16) porque la tarjeta a veces no pasa.
(1:02) **Tomás:** Gracias.
"""


def test_a_time_before_a_bold_label_opens_a_turn(tmp_path):
    # "(0:31) **Andrés:**": the time, then the label in bold. Nothing was read as a turn (six write-ups: 1,225 to
    # 3,057 words each, no speaker, the no-label warning); the line naming both people named no role.
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the header names the interviewer: nothing to warn of
        study = qlr.load(write(tmp_path / "Rosa_W1_interview.md", _TIMED_BOLD), progress=False)
    turns = _turns(study)
    assert [(role, speaker) for role, speaker, _ in turns] == [("interviewer", "Tomás"), ("participant", "Rosa")] * 2 + [("interviewer", "Tomás")]
    # The times opening a turn's further lines are no words of it (they had been counted: about 150 a file).
    assert turns[0][2] == "Buenas tardes, Rosa. Estamos pensando una app\npara la cafetería de la facultad.\n¿Nos das unos minutos?"
    assert turns[3][2] == "Casi siempre en efectivo,\nporque la tarjeta a veces no pasa."
    assert any("3 time marks opening a turn's further paragraphs or lines" in note for note in study.meta["inferred"])
    assert list(study.segments.dropna(subset=["speaker"])["timestamp"]) == [0.0, 9.0, 11.0, 14.0, 62.0]
    assert any("'Tomás' read as interviewer (Participantes: Tomás Vidal (Entrevistador))" in note for note in study.meta["inferred"])
    # The same in English, the roles in brackets on a participants' line; a described person takes the line's role.
    plain = "Participants: Jo Park (Interviewer), Sam Lee (Volunteer)\n\nJo: How did you start?\nSam: By chance.\nJo: And now?\nSam: Every week.\n"
    study = qlr.load(write(tmp_path / "Sam_W1_interview.txt", plain), progress=False)
    assert [(role, speaker) for role, speaker, _ in _turns(study)] == [("interviewer", "Jo"), ("participant", "Sam")] * 2
    # A label in bold after a time is still only a label where the colon closes it: "(0:05) **Note** the room" is words.
    prose = "(0:01) Tomás: Hola.\n(0:03) Rosa: Hola.\n(0:05) **Nota** la sala estaba llena.\n(0:07) Tomás: ¿Empezamos?\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(write(tmp_path / "X_W1_interview.txt", prose), progress=False)
    assert [speaker for _, speaker, _ in _turns(study)] == ["Tomás", "Rosa", "Tomás"]


# A usability study's think-aloud session written up in a word processor: the protocol's numbered tasks, the
# participant's words below each, and the moderator's interjections, the only label in the file, as lines of their own.
_THINK_ALOUD = (
    "1 Open the map tab.\n"
    "\tI see the map and a legend on the right.\n"
    "\tThe colours are not explained.\n"
    "\tMODERATOR: Would you mind reading the legend aloud.\n"
    "\tGreen is low, red is high. So the south is worse.\n"
    "2 Filter by year.\n"
    "\tThere is a slider at the top, I drag it to 2019.\n"
    "\tMODERATOR: The slider updates after a second, apologies.\n"
    "\tRight, now it changed. The north went green.\n"
    "\tMODERATOR: Please go on with task 3.\n"
    "\tOkay. Task 3 asks for the export button, which I cannot find.\n"
    "\tOh, it is under the menu.\n"
)


def test_a_moderators_interjections_break_into_the_participants_words(tmp_path):
    # 13 of 17 sessions had the participant's whole think-aloud read as the moderator's words (878 to 4,195
    # words each, no participant at all, nothing said): the moderator's lines are prompts and requests, not
    # questions, so the rule for labelled questions over unlabelled answers did not apply.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the text before the first label is nobody's, and said so
        study = qlr.load(write(tmp_path / "S4_W1_interview.txt", _THINK_ALOUD), progress=False)
    turns = _turns(study)
    assert [(role, words) for role, _, words in turns if role == "interviewer"] == [
        ("interviewer", "Would you mind reading the legend aloud."),
        ("interviewer", "The slider updates after a second, apologies."),
        ("interviewer", "Please go on with task 3."),
    ]
    answers = [words for role, _, words in turns if role == "participant"]
    assert answers[0].startswith("Green is low, red is high. So the south is worse.")
    assert answers[-1].endswith("Oh, it is under the menu.")
    # Two such lines are not enough to tell the moderator's interjections from a researcher's memo.
    memo = "MODERATOR: Set up the room.\nChairs in a circle, recorder on the table.\nMODERATOR: Ended early.\nThe fire alarm went off.\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(write(tmp_path / "M_W1_interview.txt", memo), progress=False)
    assert set(study.segments["speaker_role"].dropna()) == {"interviewer"}


# Taguette's highlights exported as a Word document or web page, kept beside the transcripts it quotes.
_HIGHLIGHTS_PAGE = (
    "<html><body><h1>Taguette highlights</h1>\n"
    "<p>The legend was hard to read.</p><p><strong>Document:</strong> S4_W1_interview.odt <strong>Tags:</strong> Wording unclear</p><hr>\n"
    "<p>I found the export at once.</p><p><strong>Document:</strong> S5_W1_interview.odt <strong>Tags:</strong> Export easy</p>"
    "</body></html>"
)


def test_a_tools_report_of_coded_passages_is_no_transcript(tmp_path):
    # Loaded alone, a usability study's Taguette export (Word) was a transcript whose speaker "Document" held
    # every highlighted passage (51,537 to 53,130 words in each of five exports), the moderator's words among them.
    alone = write(tmp_path / "one" / "all_tags.html", _HIGHLIGHTS_PAGE)
    with pytest.raises(UnreadableFormatError, match="Taguette's highlights export: passages already coded") as caught:
        qlr.load(alone, progress=False)
    assert "under 'codings:'" in caught.value.hint
    # Among the documents of a folder it is left out and said so; the transcripts are read.
    write(tmp_path / "s" / "S4_W1_interview.txt", "Interviewer: What do you see?\nS4: The legend was hard to read.\n")
    write(tmp_path / "s" / "S5_W1_highlights.html", _HIGHLIGHTS_PAGE)
    with pytest.warns(FilesNotLoadedWarning, match=r"S5_W1_highlights.html \(this is Taguette's highlights export"):
        study = qlr.load(tmp_path / "s", progress=False)
    assert list(study.documents["doc_id"]) == ["S4_W1_interview"]
    # Listed under codings, the same file is read as codings, as before.
    write(tmp_path / "s" / "S5_W1_interview.txt", "Interviewer: And the export?\nS5: I found the export at once.\n")
    write(tmp_path / "s" / "study.yaml", "documents: ['*_interview.txt']\ncodings:\n  - {path: S5_W1_highlights.html, coder: ak}\n")
    study = qlr.load(tmp_path / "s", progress=False)
    assert sorted(study.codings["code_id"]) == ["export_easy", "wording_unclear"]


def test_a_taguette_highlights_table_is_no_data_list(tmp_path, capsys):
    # `qlr info --template` on a usability study's folder stopped with "rows 2 and 3 both name 'P2_….odt'": Taguette's
    # highlights table (id, document, tag, content) was taken for the deposit's data list, its ids for cases.
    for code in ("S4", "S5"):
        write(tmp_path / "s" / "raw" / f"{code}_GMT20220301.txt", f"Interviewer: What do you see?\n{code}: A map.\n")
    write(
        tmp_path / "s" / "tags" / "all_tags.csv",
        "id,document,tag,content\n7,S4_GMT20220301.txt,Map clear,A map.\n8,S4_GMT20220301.txt,First look,A map.\n9,S5_GMT20220301.txt,Map clear,A map.\n",
    )
    assert main(["info", str(tmp_path / "s"), "--template"]) in (0, 3)
    captured = capsys.readouterr()
    assert "both name" not in captured.err
    assert "data list" not in captured.out and "- path: raw/S4_GMT20220301.txt" in captured.out


def test_the_same_passage_coded_twice_is_one_coding_and_said(tmp_path):
    # 21 of 1,930 rows of a Taguette export gave a passage a tag it already had (the words "Okay." highlighted at
    # several places, all placed at the first): 1,909 codings, and nothing said of the other 21.
    write(tmp_path / "S4_W1_interview.txt", "Interviewer: What do you see?\nS4: Okay. A map.\nInterviewer: And now?\nS4: Okay. The legend.\n")
    write(
        tmp_path / "tags.csv",
        "id,document,tag,content\n1,S4_W1_interview.txt,Agreeing,Okay.\n2,S4_W1_interview.txt,Agreeing,Okay.\n3,S4_W1_interview.txt,Map,A map.\n",
    )
    write(tmp_path / "study.yaml", "documents: ['*_interview.txt']\ncodings:\n  - {path: tags.csv, coder: ak}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Okay." occurs twice: placed at the first, and said
        study = qlr.load(tmp_path, progress=False)
    assert sorted(study.codings["code_id"]) == ["agreeing", "map"]
    assert any("tags.csv: 1 row(s) give a passage a code its coder has already given it there" in note for note in study.meta["inferred"])


def test_several_peoples_interviews_in_one_file_are_said(tmp_path):
    # A Portuguese requirements file held three people's interviews under "## Entrevista com …": one document of one
    # case (named "das", from the file's name), with nothing said.
    text = (
        "# Entrevistas\n\n## Entrevista com Tiago Reis\n\n**Entrevistadora:** Estuda todos os dias?\n\n**Entrevistado:** Quase.\n\n"
        "## Entrevista com Marta Lobo\n\n**Entrevistadora:** E você?\n\n**Entrevistada:** Só ao fim de semana.\n"
    )
    with pytest.warns(InferenceWarning, match=r"hold interviews with several people.*\('Tiago Reis', 'Marta Lobo'\)"):
        qlr.load(write(tmp_path / "entrevistas.md", text), progress=False)
    # One person's interviews of two waves under headings are not several people.
    again = "## Interview with Tiago Reis\nInterviewer: Hi?\nTiago: Hi.\n## Interview with Tiago Reis\nInterviewer: Again?\nTiago: Yes.\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(write(tmp_path / "b" / "Tiago_W1_interview.md", again), progress=False)
    assert not any("several people" in str(w.message) for w in caught)


def test_the_template_offers_a_tools_report_as_codings(tmp_path, capsys):
    # The usability study's template listed its five Taguette Word exports as the study's documents (at no case),
    # which loading then leaves out; it now offers them, commented out, as codings entries to fill in.
    write(tmp_path / "s" / "S4_W1_interview.txt", "Interviewer: What do you see?\nS4: The legend was hard to read.\n")
    write(tmp_path / "s" / "S5_W1_interview.txt", "Interviewer: And the export?\nS5: I found the export at once.\n")
    write(tmp_path / "s" / "tags" / "all_tags.html", _HIGHLIGHTS_PAGE.replace(".odt", ".txt"))
    assert main(["info", str(tmp_path / "s"), "--template"]) in (0, 3)
    template = capsys.readouterr().out
    assert "- path: tags/all_tags.html" not in template
    assert "# codings:\n#   - {path: tags/all_tags.html, coder: CODER}\n" in template
    # Taken as it is, the template loads the transcripts; with the block uncommented and a coder named, the codings too.
    write(tmp_path / "s" / "study.yaml", template)
    assert list(qlr.load(tmp_path / "s", progress=False).documents["doc_id"]) == ["S4_W1_interview", "S5_W1_interview"]
    write(tmp_path / "s" / "study.yaml", template.replace("# codings:", "codings:").replace("#   - {path: tags/all_tags.html, coder: CODER}", "  - {path: tags/all_tags.html, coder: ak}"))
    study = qlr.load(tmp_path / "s", progress=False)
    assert sorted(study.codings["code_id"]) == ["export_easy", "wording_unclear"]
