"""A pooled study's case whose study was never coded with a codebook is "not coded", never "absent" (stop 43).

A new user pooled an English study coded with the bundled codebook and a Spanish one coded with their own;
``qlr.track.change`` had read each study's cases as ``absent`` on the other's codebook (zeros it never counted).
"""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.errors import PoolingWarning
from qlr.evidence import NOT_CODED, not_coded_cases

from .test_pool import ALPHA, tiny

GARDEN = """\
name: Huerto
id: huerto
version: 1.0.0
ladder:
  name: Reparto
  facets:
    - {id: sharing, name: Reparto}
  levels:
    - {value: 0, name: Ninguno}
    - {value: 1, name: Algo}
    - {value: 2, name: Pleno}
  placement: {rule: highest_supported, min_evidence: 1, min_segments: 1}
themes:
  - {id: reparto, name: Reparto}
codes:
  - id: reparto.semillas
    name: Semillas compartidas
    parent: reparto
    definition: Comparten semillas.
    indicators:
      - phrase: semillas
    evidence: {level: 2, facet: sharing, polarity: positive}
"""

#: (case, wave) → (words, the code a person gave them): a garden study the bundled codebook never coded.
GARDEN_TURNS = {
    ("Luz", "W1"): ("Cada martes traemos semillas y las repartimos entre todas.", "reparto.semillas"),
    ("Luz", "W2"): ("Este año no hubo reparto, cada una compró lo suyo.", None),
    ("Marta", "W1"): ("Yo riego la parcela de la esquina.", None),
    ("Marta", "W2"): ("Ahora guardamos semillas en un bote común.", "reparto.semillas"),
}


@pytest.fixture
def garden_book(tmp_path):
    path = tmp_path / "huerto.yaml"
    path.write_text(GARDEN, encoding="utf-8")
    return qlr.read_codebook(path)


def _garden(book) -> qlr.Study:
    study = tiny("Huerto", {key: (text, "power.consulted") for key, (text, _) in GARDEN_TURNS.items()})
    study.codings = study.codings.iloc[0:0]
    study.codebooks = {"huerto": book}
    for (case, wave), (text, code) in GARDEN_TURNS.items():
        if code:
            study.code(f"{case}_{wave}_interview", 0, len(text), code, coder="rm")
    return study


def _pooled(book) -> qlr.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PoolingWarning)
        return qlr.concat([tiny("Alpha study", ALPHA), _garden(book)], keys=["en", "es"], waves="order")


def test_the_other_studys_cases_are_not_coded_not_absent(garden_book):
    pooled = _pooled(garden_book)
    assert not_coded_cases(pooled, pooled.codebooks["coproduction"]) == {"es:Luz", "es:Marta"}
    assert not_coded_cases(pooled, garden_book) == {"en:P01", "en:P02"}
    changes = qlr.track.change(pooled, granularity="theme", codebook="coproduction")
    spanish = changes[changes["study"] == "es"]
    assert set(spanish["category"]) == {NOT_CODED}
    assert spanish[["W1", "W2"]].isna().all().all()
    assert set(spanish["missing_waves"]) == {"W1 (not coded), W2 (not coded)"}
    # The English study's own cases keep their readings: no theme of theirs is "not coded".
    assert NOT_CODED not in set(changes.loc[changes["study"] == "en", "category"])
    assert "absent" in set(changes.loc[changes["study"] == "en", "category"])
    summary = qlr.track.change_summary(changes)
    assert summary[NOT_CODED].max() == 2
    # On the garden codebook, the English cases are the ones not coded.
    garden = qlr.track.change(pooled, granularity="theme", codebook="huerto").set_index("case_id")["category"]
    assert garden.to_dict() == {"en:P01": NOT_CODED, "en:P02": NOT_CODED, "es:Luz": "ceases", "es:Marta": "emerges"}


def test_matrix_ladder_sequences_and_portrait_say_not_coded(garden_book):
    pooled = _pooled(garden_book)
    tidy = qlr.track.matrix(pooled, cols="theme", codebook="huerto").tidy
    english = tidy[tidy["case_id"].str.startswith("en:")]
    assert english["value"].isna().all() and set(english["reason"]) == {NOT_CODED}
    placements = qlr.track.ladder(pooled, codebook="huerto", by=("study", "case", "wave"))
    table = placements.table
    english = table[table["study"] == "en"]
    assert set(english["status"]) == {"missing"} and set(english["reason"]) == {NOT_CODED}
    levels = qlr.track.sequences(placements, attrition=pooled.attrition()).levels
    assert set(levels.loc["en:P01"].to_numpy().ravel()) == {NOT_CODED}
    portrait = qlr.track.portrait(pooled, "en:P01", codebook="huerto").markdown
    assert "**W1**: not coded (its study was never coded with 'huerto')" in portrait
    assert "nothing coded" not in portrait


def test_a_codebook_applied_after_pooling_codes_every_study(garden_book):
    pooled = _pooled(garden_book)
    with pytest.warns(qlr.errors.LanguageWarning):  # the English rules on Spanish words: said, and beside the point here
        pooled.apply("coproduction", progress=False)
    assert not_coded_cases(pooled, pooled.codebooks["coproduction"]) == frozenset()
    changes = qlr.track.change(pooled, granularity="theme", codebook="coproduction")
    assert NOT_CODED not in set(changes["category"])
    # Nothing of the bundled codebook in the Spanish words: a real absence now.
    assert set(changes.loc[changes["study"] == "es", "category"]) == {"absent"}


def test_a_study_the_codebook_found_nothing_in_is_coded(garden_book):
    # Applied before pooling, it matched nothing in the Spanish study: zeros there are absences.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        garden = _garden(garden_book).apply("coproduction", progress=False)
        pooled = qlr.concat([tiny("Alpha study", ALPHA), garden], keys=["en", "es"], waves="order")
    assert not (pooled.codings["codebook"].eq("coproduction") & pooled.codings["doc_id"].str.startswith("es:")).any()
    assert not_coded_cases(pooled, pooled.codebooks["coproduction"]) == frozenset()


def test_a_study_of_its_own_has_no_case_not_coded():
    study = tiny("Alpha study", ALPHA)
    assert not_coded_cases(study, study.codebooks["coproduction"]) == frozenset()
    summary = qlr.track.change_summary(qlr.track.change(study, granularity="theme"))
    assert NOT_CODED not in summary.columns


def test_a_study_with_two_codebooks_names_them_and_how_to_choose(garden_book):
    pooled = _pooled(garden_book)
    with pytest.raises(qlr.errors.SelectionError, match=r"several codebooks \(coproduction, huerto\)") as raised:
        qlr.track.change(pooled, granularity="theme")
    assert "pass codebook='coproduction' or codebook='huerto' to choose one" in str(raised.value)
    with pytest.raises(qlr.errors.SelectionError, match=r"several codebooks with a ladder \(coproduction, huerto\)"):
        qlr.track.ladder(pooled)
