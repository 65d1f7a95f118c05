"""A study in Spanish (stop 42, the seventh trial): a researcher in Lima, Word transcripts, a Spanish codebook.

Every text here is written for the test, in the shape of what the trial's researcher wrote.
"""

from __future__ import annotations

import warnings

import docx
import pytest

import qlr


def _docx(path, turns):
    """A Word transcript whose labels are set in bold, the words after them plain."""
    document = docx.Document()
    document.add_paragraph("Fecha: 3 de abril de 2026")
    for label, words in turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(" " + words)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def _write(folder, files):
    """A folder holding ``files`` (name -> text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False)


def test_a_bold_label_with_its_time_is_the_speaker_and_the_time_the_turns(tmp_path):
    # A transcriber's Word file: "[00:00:03] Entrevistadora:" in bold, time first, or the time after the name.
    _docx(tmp_path / "s" / "A01_W1_interview.docx", [
        ("[00:00:04] Entrevistadora:", "¿Cómo empezó el comedor?"),
        ("[00:00:19] Nélida:", "Con unas vecinas, en el invierno."),
        ("[00:01:40] Entrevistadora:", "¿Y ahora?"),
        ("[00:01:46] Nélida:", "Ahora somos doce."),
    ])
    _docx(tmp_path / "s" / "A02_W1_interview.docx", [
        ("Interviewer (00:00:05):", "How did the pantry start?"),
        ("Moira (00:00:12):", "A few of us, one winter."),
        ("Interviewer (00:02:01):", "And now?"),
        ("Moira (00:02:09):", "Twelve of us now."),
    ])
    study = _load(tmp_path / "s")
    segments = study.segments.dropna(subset=["speaker"])
    first = segments[segments["doc_id"] == "A01_W1_interview"]
    assert list(first["speaker"]) == ["Entrevistadora", "Nélida", "Entrevistadora", "Nélida"]
    assert list(first["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    assert list(first["timestamp"]) == [4.0, 19.0, 100.0, 106.0]
    second = segments[segments["doc_id"] == "A02_W1_interview"]
    assert list(second["speaker"]) == ["Interviewer", "Moira", "Interviewer", "Moira"]
    assert list(second["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    assert list(second["timestamp"]) == [5.0, 12.0, 121.0, 129.0]
    # The words are the turn's, without the time.
    assert study.segment_texts()[first["seg_id"].iloc[1]] == "Con unas vecinas, en el invierno."


_CODEBOOK = """\
name: Juntas vecinales
id: juntas
version: 0.2.0
ladder:
  name: Espectro
  facets: [{id: design, name: Decisiones}, {id: delivery, name: Gestión}]
  levels: [{value: 0, name: Nada}, {value: 1, name: Aporte}, {value: 2, name: Colaboración}, {value: 3, name: Poder compartido}]
{assertion}themes:
  - {id: decisiones, name: Decisiones}
codes:
  - id: decisiones.votamos
    name: Votamos
    parent: decisiones
    indicators: [{phrase: votamos el presupuesto}, {phrase: pintamos la sede}, {phrase: nos repartimos las guardias}]
    evidence: {level: 3, facet: design, polarity: positive}
"""

#: A neighbourhood committee's member, the first wave: one turn a status, each written for the test.
_TURNS = {
    "Votamos el presupuesto cada año en la asamblea grande.": "affirmed",
    "Jamás votamos el presupuesto, lo trae hecho el municipio.": "negated",
    "Ojalá el año que viene pintamos la sede entre todos.": "hypothetical",
    "Cuentan que en la otra junta votamos el presupuesto con el alcalde, yo no sé.": "other",
    "Durante la cuarentena nos repartimos las guardias casa por casa.": "historical",
    "Me ofrecieron organizar las guardias, y para que nos repartimos las guardias yo dije que no.": "declined",
}


def _committee(tmp_path, assertion):
    folder = tmp_path / "junta"
    folder.mkdir(parents=True)
    turns = "".join(f"Entrevistadora: ¿Y eso?\nNancy: {turn}\n" for turn in _TURNS)
    (folder / "N01_W1_interview.txt").write_text(turns, encoding="utf-8")
    (tmp_path / "juntas.yaml").write_text(_CODEBOOK.replace("{assertion}", assertion), encoding="utf-8")
    study = _load(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study.apply(qlr.read_codebook(tmp_path / "juntas.yaml"), progress=False)
    texts = study.segment_texts()
    return {texts[seg]: status for seg, status in zip(study.codings["seg_id"], study.codings["assertion"])}


def test_a_spanish_codebook_reads_spanish_denials_wishes_hearsay_the_past_and_refusals(tmp_path):
    # The trial's "Nunca votamos ya", "Me gustaría que decidimos juntas", "Dicen que … votamos", "En la pandemia
    # organizamos la olla" were all affirmed evidence: English's cues read none of them.
    found = _committee(tmp_path, "assertion: {language: es}\n")
    assert found == _TURNS
    # With English's cues (no language said) the same turns count, all of them, as the speaker's own.
    english = _committee(tmp_path / "en", "")
    assert set(english.values()) == {"affirmed"}


def test_the_codebook_keeps_its_assertion_language_and_refuses_one_without_cues(tmp_path):
    path = tmp_path / "juntas.yaml"
    path.write_text(_CODEBOOK.replace("{assertion}", "assertion: {language: es, negated: negative}\n"), encoding="utf-8")
    book = qlr.read_codebook(path)
    assert (book.assertion_language, book.negated_evidence) == ("es", "negative")
    assert book.to_dict()["assertion"] == {"negated": "negative", "language": "es"}
    assert qlr.Codebook.from_dict(book.to_dict()) == book
    assert book != qlr.Codebook.from_dict({**book.to_dict(), "assertion": {"negated": "negative"}})
    assert qlr.read_codebook("coproduction").assertion_language == "en" and "assertion" not in {
        key for key, value in qlr.read_codebook("coproduction").to_dict().items() if isinstance(value, dict) and "language" in value
    }
    path.write_text(_CODEBOOK.replace("{assertion}", "assertion:\n  language: pt\n"), encoding="utf-8")
    with pytest.raises(qlr.errors.CodebookError, match=r"juntas.yaml:9: assertion 'language' is 'pt': qlr has assertion cues for 'en', 'es' only"):
        qlr.read_codebook(path)


def test_short_spanish_interviews_are_named_and_told_their_statuses_are_english(tmp_path):
    # The trial's 16 Spanish and Portuguese documents of 22-92 coded words: the warning named one (the one over 100).
    folder = tmp_path / "s"
    folder.mkdir()
    answers = [
        "Nosotras votamos el presupuesto en la asamblea de marzo, y después cada una hace su parte con lo que hay y con lo que traen los vecinos de la cuadra.",
        "Ya no pintamos la sede, ahora la pinta la municipalidad cuando quiere y como quiere, sin preguntar nada a nadie de la junta ni a los socios más antiguos.",
        "La verdad es que nos repartimos las guardias entre las vecinas de la cuadra, desde hace un año, y así nadie se queda sola en la noche con los chicos.",
    ]
    for number, answer in enumerate(answers, start=1):
        (folder / f"V0{number}_W1_interview.txt").write_text(f"Entrevistadora: ¿Cómo se organizan?\nVecina: {answer}\n", encoding="utf-8")
    (folder / "V04_W1_interview.txt").write_text("Interviewer: How is it run?\nJo: We share the rota between us now, and the staff step back and let us get on with it, which is how we like it to be.\n", encoding="utf-8")
    study = _load(folder)
    (tmp_path / "juntas.yaml").write_text(_CODEBOOK.replace("{assertion}", ""), encoding="utf-8")
    with pytest.warns(qlr.errors.LanguageWarning) as caught:
        study.apply(qlr.read_codebook(tmp_path / "juntas.yaml"), progress=False)
    said = str(caught[0].message)
    assert said.startswith("3 document(s) do not read as English") and "V01_W1_interview, V02_W1_interview, V03_W1_interview;" in said
    assert "a denial, a wish, hearsay or the past said in their language is not recognised" in said
    assert "'assertion: {language: es}'" in said
    # With Spanish cues the Spanish answers are the rules' language; the English one is named instead.
    (tmp_path / "juntas.yaml").write_text(_CODEBOOK.replace("{assertion}", "assertion: {language: es}\n"), encoding="utf-8")
    with pytest.warns(qlr.errors.LanguageWarning, match=r"^1 document\(s\) do not read as Spanish .*: V04_W1_interview;"):
        study.apply(qlr.read_codebook(tmp_path / "juntas.yaml"), progress=False)


def test_the_spanish_cues_on_their_corpora_and_english_rules_unchanged_by_them():
    # docs/assertion_corpus.md, "In Spanish": the second corpus was written after the rows were frozen.
    import sys

    sys.path.insert(0, "docs")
    try:
        import assertion_corpus
    finally:
        sys.path.pop(0)
    book = "data/assertion-corpus-es/codebook.yaml"
    first = assertion_corpus.judge(assertion_corpus.read_corpus("data/assertion-corpus-es/sentences.tsv"), codebook=book)
    second = assertion_corpus.judge(assertion_corpus.read_corpus("data/assertion-corpus-es-2/sentences.tsv"), codebook=book)
    held_out = assertion_corpus.summary(first, "held_out")
    assert held_out["false counts"] <= 1 and held_out["false discounts"] <= 1, held_out
    both = [assertion_corpus.summary(second, half) for half in ("tuning", "held_out")]
    assert sum(s["false counts"] for s in both) <= 2 and sum(s["false discounts"] for s in both) <= 2, both
    # The bundled English rules are the default, row for row.
    from qlr.code._assertion import RULES_PATH, RULES_PATHS, read_rules
    from qlr.code._nlp import pipeline
    from qlr.code._rules import assertion_rules

    nlp = pipeline()
    assert RULES_PATHS["en"] == RULES_PATH and assertion_rules(nlp).rules == tuple(read_rules())
    assert assertion_rules(nlp, qlr.read_codebook(book)).rules == tuple(read_rules(RULES_PATHS["es"]))


def test_a_template_knows_a_grupo_focal_and_a_diario_de_campo(tmp_path):
    # The trial's --template made "grupo_focal" a case of kind interview and "notas/diario_de_campo.md" case "notas";
    # an English "focus_group_…" and "fieldnotes" were a focus group and notes. Spanish and Portuguese names now are.
    import yaml

    from qlr.io._load import folder_template

    for person, dates in {"Ana": ("2026-02-03", "2026-06-09"), "Lidia": ("2026-02-05", "2026-06-11")}.items():
        for day in dates:
            (tmp_path / "entrevistas").mkdir(exist_ok=True)
            (tmp_path / "entrevistas" / f"entrevista_{person}_{day}.txt").write_text(f"Entrevistadora: ¿Cómo va?\n{person}: Bien.\n", encoding="utf-8")
    (tmp_path / "grupos").mkdir()
    (tmp_path / "grupos" / "grupo_focal_2026-06-20.txt").write_text("Moderadora: Bienvenidas.\nAna: Gracias.\n", encoding="utf-8")
    (tmp_path / "campo").mkdir()
    (tmp_path / "campo" / "diario_de_campo.md").write_text("## 3 de febrero de 2026\nLlego temprano.\n\n## 9 de junio de 2026\nLlueve.\n", encoding="utf-8")
    (tmp_path / "campo" / "notas_do_campo.md").write_text("## 5 de fevereiro de 2026\nChego cedo.\n", encoding="utf-8")
    entries = {entry["path"]: entry for entry in yaml.safe_load(folder_template(tmp_path))["documents"]}
    assert entries["grupos/grupo_focal_2026-06-20.txt"]["kind"] == "focus_group"
    assert entries["campo/diario_de_campo.md"]["kind"] == entries["campo/notas_do_campo.md"]["kind"] == "observation"
    # "de" and "do" (of) name no one.
    assert {entries["campo/diario_de_campo.md"].get("case"), entries["campo/notas_do_campo.md"].get("case")}.isdisjoint({"de", "do", "campo"})
    assert entries["entrevistas/entrevista_Ana_2026-02-03.txt"]["kind"] == "interview"
    # A focus group named by no one is the study's, its speakers the cases, where the waves are rounds of dates too
    # (it had a case of its own, C01, one more "participant" who joined late and dropped out).
    group = entries["grupos/grupo_focal_2026-06-20.txt"]
    assert "case" not in group and group["speakers"] == {"Ana": "Ana"} and group["wave"] == "W2"
    assert "case" not in entries["campo/diario_de_campo.md"] and "case" not in entries["campo/notas_do_campo.md"]
    assert entries["campo/diario_de_campo.md"]["wave"] == "dates"  # its entries at their waves, as loading reads them


def test_ambas_is_a_joint_voice_of_the_two_cases_who_speak(tmp_path):
    # "Both:" counts for each of two cases speaking together; Spanish and Portuguese "Ambas:", "Los dos:" did not.
    manifest = (
        "name: Dos socias\nwaves: [W1]\ncases:\n  - {id: A01, label: Nélida}\n  - {id: A02, label: Rocío}\n"
        "documents:\n  - {path: A01_W1_interview.txt, case: A01, wave: W1, kind: interview}\n"
    )
    turns = "Entrevistadora: ¿Quién decide el menú?\n\nNélida: Yo propongo.\n\nRocío: Y yo compro.\n\nAmbas: Lo votamos juntas en la asamblea.\n"
    folder = _write(tmp_path / "s", {"study.yaml": manifest, "A01_W1_interview.txt": turns})
    study = _load(folder)
    assert study.meta["speaker_cases"]["A01_W1_interview"]["Ambas"] == ["A01", "A02"]


def test_validate_says_a_codebook_s_indicators_do_not_read_as_its_cues_language(tmp_path, capsys):
    # The trial's `qlr validate --codebook libro_de_codigos.yaml` said "ok" and nothing of language.
    from qlr.cli import main

    path = tmp_path / "juntas.yaml"
    spanish = _CODEBOOK.replace(
        "indicators: [{phrase: votamos el presupuesto}, {phrase: pintamos la sede}, {phrase: nos repartimos las guardias}]",
        "indicators: [{phrase: votamos el presupuesto en la asamblea}, {phrase: pintamos la sede con los vecinos}, "
        "{phrase: nos repartimos las guardias de la noche}, {phrase: lo decidimos entre todas}, {phrase: sin consultar a nadie}]",
    )
    path.write_text(spanish.replace("{assertion}", ""), encoding="utf-8")
    main(["validate", "--codebook", str(path)])
    said = capsys.readouterr().out
    assert "its indicators do not read as English, the language of its assertion cues" in said and "'assertion: {language: es}'" in said
    path.write_text(spanish.replace("{assertion}", "assertion: {language: es}\n"), encoding="utf-8")
    main(["validate", "--codebook", str(path)])
    said = capsys.readouterr().out
    assert "assertion cues in Spanish" in said and "do not read as" not in said
    main(["validate", "--codebook", "coproduction"])
    assert "assertion cues" not in capsys.readouterr().out
