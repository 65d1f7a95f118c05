"""Fixes after the second review of stop 42: a surname "del Campo", the public matcher's cue language, a case
attribute named ``study``.

Every text here is written for the test.
"""

from __future__ import annotations

import warnings

import yaml

import qlr


def test_a_surname_del_campo_keeps_an_entrevista_an_interview(tmp_path):
    # --template read any name with "campo" as field notes: "entrevista_Marta_del_Campo_…" became case "Marta",
    # kind observation, and her answers one observer's segment. "Campo" alone is a surname or a word.
    from qlr.io._load import folder_template

    talk = "Entrevistadora: ¿Cómo empezó el huerto?\nSocia: Entre vecinas, sembramos juntas.\n"
    for person in ("Marta_del_Campo", "Ines_Mamani", "Sonia_do_Campo"):
        for day in ("2026-04-02", "2026-08-19"):
            (tmp_path / f"entrevista_{person}_{day}.txt").write_text(talk, encoding="utf-8")
    (tmp_path / "caderno_de_campo.md").write_text("## 2 de abril de 2026\nChove.\n", encoding="utf-8")
    (tmp_path / "notas_campo_2026-04-03.txt").write_text("Llego al huerto temprano.\n", encoding="utf-8")
    text = folder_template(tmp_path)
    entries = {entry["path"]: entry for entry in yaml.safe_load(text)["documents"]}
    marta = entries["entrevista_Marta_del_Campo_2026-04-02.txt"]
    assert marta["kind"] == "interview" and marta["case"] == "Marta_del_Campo"
    assert entries["entrevista_Sonia_do_Campo_2026-08-19.txt"]["kind"] == "interview"
    # The phrases still say the fieldworker's notes, and name no one.
    for notes in ("caderno_de_campo.md", "notas_campo_2026-04-03.txt"):
        assert entries[notes]["kind"] == "observation" and "case" not in entries[notes]
    (tmp_path / "study.yaml").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    doc = study.documents.set_index("source").loc["entrevista_Marta_del_Campo_2026-04-02.txt", "doc_id"]
    roles = set(study.segments.loc[study.segments.doc_id == doc, "speaker_role"])
    assert roles == {"interviewer", "participant"}


def test_an_interview_word_wins_over_a_notes_word():
    from qlr.io._naming import kind_in_words

    assert kind_in_words(["notas", "entrevista", "Rosa"]) == "interview"
    assert kind_in_words(["Campo", "Rosa"]) is None  # a surname alone says no kind
    assert kind_in_words(["diario", "del", "campo"]) == "observation"  # a fieldworker's diary, not a participant's
    assert kind_in_words(["diario", "Rosa"]) == "diary"


_HUERTO = """\
name: Huertos comunitarios
id: huertos
version: 0.1.0
ladder:
  name: Espectro
  facets: [{id: design, name: Decisiones}]
  levels: [{value: 0, name: Nada}, {value: 1, name: Aporte}, {value: 2, name: Poder compartido}]
assertion: {language: es}
themes:
  - {id: siembra, name: Siembra}
codes:
  - id: siembra.acordamos
    name: Acordamos la siembra
    parent: siembra
    indicators: [{phrase: acordamos la siembra}]
    evidence: {level: 2, facet: design, polarity: positive}
"""


def test_the_public_matcher_judges_with_the_codebooks_own_language(tmp_path):
    # CodebookMatcher(nlp, codebook) judged with English cues whatever the codebook's "assertion: {language: es}":
    # "Ojalá … acordamos la siembra" was affirmed there and hypothetical through study.apply.
    from qlr.code import CodebookMatcher
    from qlr.code._nlp import pipeline
    from qlr.code._rules import assertion_rules

    path = tmp_path / "huertos.yaml"
    path.write_text(_HUERTO, encoding="utf-8")
    book = qlr.read_codebook(path)
    nlp = pipeline()
    doc = nlp("Ojalá el otoño que viene acordamos la siembra entre todas.")
    default = {(m.code_id, m.assertion) for m in CodebookMatcher(nlp, book)(doc)}
    applied = {(m.code_id, m.assertion) for m in CodebookMatcher(nlp, book, assertion_rules=assertion_rules(nlp, book))(doc)}
    assert default == applied == {("siembra.acordamos", "hypothetical")}


def _sites(tmp_path, attribute):
    """Four allotment holders at two sites, two waves: the south site's say they help each other, the north's never."""
    cases = "".join(
        f"  - {{id: {case}, label: {case}, attributes: {{{attribute}: {site}}}}}\n"
        for case, site in (("N1", "north"), ("N2", "north"), ("S1", "south"), ("S2", "south"))
    )
    root = tmp_path / attribute
    root.mkdir()
    (root / "study.yaml").write_text(f"name: Allotments\nwaves: [W1, W2]\ncases:\n{cases}documents:\n  - path: '*.txt'\n", encoding="utf-8")
    for case in ("N1", "N2", "S1", "S2"):
        said = "We help each other with the digging." if case.startswith("S") else "I dig my own plot."
        for wave in ("W1", "W2"):
            (root / f"{case}_{wave}_interview.txt").write_text(f"Interviewer: How is the plot?\n{case}: {said}\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
        study.apply("coproduction", progress=False)
    return study


def test_a_case_attribute_named_study_is_no_pooled_study(tmp_path):
    # change() took any cases' "study" column for qlr.concat's: in a study of its own, a site called "study" made
    # "absent (common elsewhere)" compare only within each site, and put a "study" column first.
    study = _sites(tmp_path, "study")
    assert not study.meta.get("pooled") and "study" in study.cases.columns
    table = qlr.track.change(study)
    assert table.columns[0] == "case_id"
    as_site = qlr.track.change(_sites(tmp_path, "site"))
    assert table["category"].tolist() == as_site["category"].tolist()
    code = "reciprocity.two_way"
    assert table.set_index(["case_id", "code_id"]).loc[("N1", code), "category"] == "absent (common elsewhere)"
    missing = qlr.track.missing_through_time(study)
    assert "study" not in missing.columns and "N1" in set(missing["case_id"])
    # Pooled by qlr.concat, the site's study is its own: the north's cases compare with the north's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.concat([study.sel(case=["N1", "N2"]), study.sel(case=["S1", "S2"])], keys=["north", "south"])
        pooled.apply("coproduction", progress=False)
    by_study = qlr.track.change(pooled).set_index(["case_id", "code_id"])
    assert by_study.columns[0] == "study" and by_study.loc[("north:N1", code), "category"] == "absent"
