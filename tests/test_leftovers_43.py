"""Analysis leftovers of a new user's report (stop 43): short documents in another language, one name for
the code column, counts said in the singular (the pooled study's "not coded": tests/test_not_coded_43.py)."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.errors import LanguageWarning

from .conftest import write

#: Under 20 words each: the language check had passed them by.
SHORT_SPANISH = "Entrevistadora: ¿Y las compras?\nNoemí: Las compras no, eso nunca lo hacemos entre todas.\n"
SHORT_ENGLISH = "Interviewer: And the shopping?\nAnn: No, we never do the shopping together.\n"
#: An English note with a Spanish name in it: two Spanish words, not four.
ENGLISH_WITH_A_NAME = "Interviewer: Who ran the stall?\nAnn: Mrs de la Cruz ran it with me on Saturday.\n"


def _languages(tmp_path, texts: dict[str, str]) -> list[str]:
    for name, text in texts.items():
        write(tmp_path / f"{name}.txt", text)
    study = qlr.load(tmp_path, progress=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study.apply("coproduction", progress=False)
    return [str(w.message) for w in caught if issubclass(w.category, LanguageWarning)]


def test_a_short_spanish_document_is_named(tmp_path):
    said = _languages(tmp_path, {"C1_W1_interview": SHORT_SPANISH, "C2_W1_interview": SHORT_ENGLISH})
    assert len(said) == 1 and said[0].startswith("1 document(s) do not read as English")
    assert "C1_W1_interview;" in said[0] and "C2_W1_interview" not in said[0]


def test_short_english_documents_are_not_named(tmp_path):
    assert _languages(tmp_path, {"C1_W1_interview": ENGLISH_WITH_A_NAME, "C2_W1_interview": SHORT_ENGLISH}) == []


def test_a_short_spanish_document_under_spanish_cues_is_not_named(tmp_path):
    write(tmp_path / "C1_W1_interview.txt", SHORT_SPANISH)
    book = tmp_path / "compras.yaml"
    book.write_text(
        "name: Compras\nid: compras\nversion: 1.0.0\nthemes:\n  - {id: compras, name: Compras}\ncodes:\n"
        "  - {id: compras.juntas, name: Juntas, parent: compras, indicators: [{phrase: hacemos}]}\nassertion:\n  language: es\n",
        encoding="utf-8",
    )
    study = qlr.load(tmp_path / "C1_W1_interview.txt", progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        study.apply(qlr.read_codebook(book), progress=False)
    assert study.codings["assertion"].tolist() == ["negated"]


# ------------------------------------------------------------------ one name for the code column
@pytest.fixture(scope="module")
def two_coders():
    from .conftest import ROOT

    return qlr.load(ROOT / "data" / "sample", progress=False)


def test_agreement_names_the_code_code_id_as_validate_and_disagreements_do(two_coders):
    table = qlr.code.agreement(two_coders, coders=["rm", "so"])
    assert table.index.name == "code_id" and "overall" in table.index
    assert "code_id" in qlr.code.disagreements(two_coders, coders=["rm", "so"]).columns
    by_wave = qlr.code.agreement(two_coders, coders=["rm", "so"], by="wave")
    assert list(by_wave.index.names) == ["wave_id", "code_id"]
    assert table.attrs["overlap"]["units"] == "segments"


def test_the_old_name_code_still_works_for_a_version_with_a_warning(two_coders):
    flat = qlr.code.agreement(two_coders, coders=["rm", "so"]).reset_index()
    with pytest.warns(DeprecationWarning, match="'code' is now 'code_id'"):
        old = flat["code"]
    assert old.tolist() == flat["code_id"].tolist()
    by_wave = qlr.code.agreement(two_coders, coders=["rm", "so"], by="wave").round(3)
    with pytest.warns(DeprecationWarning, match="'code' is now 'code_id'"):
        overall = by_wave.xs("overall", level="code")
    assert overall.equals(by_wave.xs("overall", level="code_id"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        flat["code_id"], by_wave.xs("overall", level="code_id")  # the new name is quiet


def test_the_agreement_csv_heads_its_codes_code_id(two_coders, tmp_path):
    from qlr.cli import main

    from .conftest import ROOT

    out = tmp_path / "agreement.csv"
    assert main(["agreement", str(ROOT / "data" / "sample"), "--coders", "rm", "so", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("code_id,code,n_units,")  # the name beside the id (stop 57)


# A deposit's case with no document, in a study with no waves: tests/test_leftovers_42.py::test_a_deposit_lists_the_cases_with_no_document.


# ------------------------------------------------------------------ counts said in the singular
def test_one_segment_and_one_document_are_singular(tmp_path):
    from .test_not_coded_43 import GARDEN, _garden
    from .test_pool import tiny

    path = tmp_path / "huerto.yaml"
    path.write_text(GARDEN, encoding="utf-8")
    garden = _garden(qlr.read_codebook(path))
    portrait = qlr.track.portrait(garden, "Luz", codebook="huerto").markdown
    # A ladder without bands: the level's name alone (track._placements.level_label; before stop 57 "2 Pleno (pleno)").
    assert "**W1** [sharing]: 2 Pleno, 1 segment, confidence" in portrait
    uncoded = tiny("Uncoded", {("Ola", "W1"): ("Hoy regamos temprano.", "power.consulted")})
    uncoded.codings = uncoded.codings.iloc[0:0]
    with pytest.warns(qlr.errors.PoolingWarning, match=r"coded 'g' \(2 codings\) but not 'u' \(1 document\):"):
        qlr.concat([garden, uncoded], keys=["g", "u"], waves="id")
