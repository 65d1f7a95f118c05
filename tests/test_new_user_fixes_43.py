"""Fixes after a new user's trial (stop 43): a diary named {case}_{word}_{kind} and a photo's caption in a folder of
{case}_{wave}_{kind} files, short documents in Spanish, a pooled report's study never coded. Small lookalike folders."""

from __future__ import annotations

import html
import re
import warnings

import pandas as pd
import pytest
import yaml

import qlr
from qlr.errors import PoolingWarning
from qlr.report._html import _not_coded_note

from .conftest import write
from .test_leftovers_43 import _languages
from .test_not_coded_43 import GARDEN, _pooled
from .test_template_study_material import _loaded, _template

TALK = "Interviewer: Who runs the allotment shed?\n{who}: {said}\nInterviewer: And the seed money?\n{who}: {more}\n"


def _allotment(root):
    for who, waves in (("Nadia", ("W1", "W2", "W3")), ("Owen", ("W1", "W2")), ("Pia", ("W1", "W2", "W3"))):
        for wave in waves:
            write(root / "interviews" / f"{who}_{wave}_interview.txt", TALK.format(who=who, said=f"At {wave} the warden did.", more="The council."))
    write(
        root / "journal" / "Tam_fieldwork_diary.txt",
        "Tam's fieldwork diary\n\n3 April 2025\nFirst visit. The warden did most of the talking.\n\n"
        "9 October 2025\nBack again; the plot holders run the rota now.\n",
    )


def test_a_diary_whose_middle_word_is_no_wave_is_its_case_s_not_a_wave(tmp_path):
    root = tmp_path / "study"
    _allotment(root)
    study = _loaded(root)
    # Before: a fourth wave "fieldwork", at which Nadia and Pia, seen at every real wave, had "dropped out".
    assert list(study.waves["wave_id"]) == ["W1", "W2", "W3"]
    diary = study.documents.set_index("doc_id").loc["Tam_fieldwork_diary"]
    assert (diary["case_id"], diary["kind"]) == ("Tam", "diary") and pd.isna(diary["wave_id"])
    note = next(note for note in study.meta["inferred"] if "middle word is no wave" in note)
    assert "journal/Tam_fieldwork_diary.txt (Tam, 'fieldwork')" in note
    # Its template reads the dated entries at their waves once the waves are dated, and loads as it stands.
    text, data = _template(root)
    entry = next(entry for entry in data["documents"] if entry["path"] == "journal/Tam_fieldwork_diary.txt")
    assert (entry["case"], entry["wave"], entry["kind"]) == ("Tam", "dates", "diary")
    assert [wave["id"] for wave in data["waves"]] == ["W1", "W2", "W3"]
    write(root / "study.yaml", text)
    assert list(_loaded(root).waves["wave_id"]) == ["W1", "W2", "W3"]


def test_a_diary_beside_dated_names_is_read_at_its_entries_waves(tmp_path):
    root = tmp_path / "study"
    for who, days in (("Nadia", ("2025-04-02", "2025-10-08")), ("Owen", ("2025-04-03", "2025-10-10"))):
        for day in days:
            write(root / f"{who}_{day}_interview.txt", TALK.format(who=who, said=f"On {day} the warden did.", more=f"Nobody, {who} says."))
    write(root / "Tam_fieldwork_diary.txt", "3 April 2025\nFirst visit.\n\n9 October 2025\nBack again.\n")
    study = _loaded(root)
    parts = study.documents[study.documents["case_id"] == "Tam"]
    assert list(study.waves["wave_id"]) == ["W1", "W2"]
    assert list(parts["wave_id"]) == ["W1", "W2"]


def test_a_word_the_cases_share_or_a_wave_s_word_stays_the_wave(tmp_path):
    root = tmp_path / "study"
    for who in ("Nadia", "Owen"):
        for wave in ("before", "after"):
            write(root / f"{who}_{wave}_diary.txt", f"2 May 2025\n{who} wrote at {wave}.\n")
    assert sorted(_loaded(root).waves["wave_id"]) == ["after", "before"]
    other = tmp_path / "other"
    write(other / "Nadia_W1_interview.txt", TALK.format(who="Nadia", said="The warden.", more="The council."))
    write(other / "Nadia_baseline_diary.txt", "2 May 2025\nA note.\n")
    assert sorted(_loaded(other).waves["wave_id"]) == ["W1", "baseline"]


def test_a_photo_caption_beside_convention_names_is_its_author_s(tmp_path):
    root = tmp_path / "study"
    _allotment(root)
    write(root / "photos" / "Pia_W2_photo3.txt", "The new water butt. We chose where it goes ourselves.\n")
    write(root / "photos" / "Pia_W2_photo3.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    study = _loaded(root)
    # Before: not loaded ("do not follow the naming convention"), and the .jpg never named.
    caption = study.documents.set_index("doc_id").loc["Pia_W2_photo3"]
    assert (caption["case_id"], caption["wave_id"], caption["kind"]) == ("Pia", "W2", "document")
    assert "1 image file(s) not read (qlr reads text; a photo's caption in a text file is read): photos/Pia_W2_photo3.jpg" in study.meta["inferred"]
    text, data = _template(root)
    entry = next(entry for entry in data["documents"] if entry["path"].startswith("photos/"))
    assert entry == {"path": "photos/Pia_W2_photo3.txt", "id": "Pia_W2_photo3", "case": "Pia", "wave": "W2", "kind": "document"}
    assert "# 1 image file(s) not read" in text
    write(root / "study.yaml", text)
    kept = _loaded(root)
    assert kept.documents.set_index("doc_id").loc["Pia_W2_photo3", "kind"] == "document"
    # With a manifest the photograph is still named.
    assert any(note.startswith("1 image file(s) not read") for note in kept.meta["inferred"])
    assert yaml.safe_load(text)["cases"][2]["id"] == "Pia"


# ------------------------------------------------------------------ short Spanish with "no", "a", "me"
#: Spanish answers whose "no", "a" and "me" are English's commonest words too: they had read as a fifth English.
SHORT_SPANISH_ME = "Entrevistadora: ¿Y el huerto?\nLucía: Dos meses. El riego no, jamás opinamos nada de eso.\nEntrevistadora: ¿Y los vecinos?\nLucía: A pocos. Llego, riego y me marcho.\n"
LONGER_SPANISH_ME = (
    "Entrevistadora: ¿Cómo llegó?\nMarta: Me lo contó la vecina del tercero. Me prestan mucho con la huerta.\n"
    "Entrevistadora: ¿Y algo más?\nMarta: Ahora no, pero me encantaría echar una mano en la poda.\n"
)
#: English answers as short, with "no", "a" and "me" and a Spanish name: English still.
SHORT_ENGLISH_ME = "Interviewer: And the garden?\nAnn: No, me and a mate do a bit on Sundays with Mr de la Vega.\n"


def test_short_spanish_answers_with_words_english_shares_are_named(tmp_path):
    said = _languages(tmp_path, {"C1_W1_interview": SHORT_SPANISH_ME, "C2_W1_interview": LONGER_SPANISH_ME, "C3_W1_interview": SHORT_ENGLISH_ME})
    # Before: no warning at all (Lucía: 3 of 17 words English's; Marta: 4 of 21).
    assert len(said) == 1 and said[0].startswith("2 document(s) do not read as English")
    assert "C1_W1_interview, C2_W1_interview;" in said[0] and "C3_W1_interview" not in said[0]


# ------------------------------------------------------------------ a pooled report says once that a study was never coded
def test_a_pooled_report_says_which_study_was_never_coded(tmp_path):
    book = tmp_path / "huerto.yaml"
    book.write_text(GARDEN, encoding="utf-8")
    pooled = _pooled(qlr.read_codebook(book))
    said = "2 cases of 4 (study 'es') were never coded with codebook 'coproduction'"
    # Before: no warning; only the tables' "not coded" cells told it, case by case.
    with pytest.warns(PoolingWarning, match=re.escape(said)):
        page = qlr.report.write_report(pooled, tmp_path / "out", codebook="coproduction", progress=False)
    header = re.search(r"<header>.*?</header>", page.read_text(encoding="utf-8"), re.S)[0]
    assert html.unescape(said) in html.unescape(header)
    notes = pd.read_csv(tmp_path / "out" / "tables" / "load_notes.csv")
    assert notes.loc[0, "what"] == "pooling" and notes.loc[0, "note"].startswith(said)
    # A pooled study the codebook then coded throughout says nothing of the kind.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled.apply("coproduction", progress=False)
    assert _not_coded_note(pooled, pooled.codebooks["coproduction"]) is None


# ------------------------------------------------------------------ counts said once, no command that fails
def test_the_code_command_says_one_coding_in_the_singular_and_info_on_a_project_suggests_no_template(tmp_path, capsys):
    from qlr.cli import main

    folder = tmp_path / "study"
    write(folder / "C1_W1_interview.txt", "Interviewer: Who plans the rota?\nAnn: We decide together at the meeting.\n")
    project = tmp_path / "coded.qlr"
    assert main(["code", str(folder), "--codebook", "coproduction", "-o", str(project)]) == 0
    out = capsys.readouterr().out
    # Before: "1 rule codings in 1 segments".
    assert "  1 rule coding in 1 segment, 1 of them evidence" in out
    assert main(["info", str(folder)]) == 0
    assert "To write a manifest: qlr info" in capsys.readouterr().out
    # Before: "To write a manifest: qlr info coded.qlr --template > …", which fails on a project.
    assert main(["info", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Inferred by qlr" in out and "--template" not in out
