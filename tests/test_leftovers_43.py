"""Analysis leftovers of a new user's report (stop 43): short documents in another language, the pooled
study's codebooks named, one name for the code column, and a deposit's cases without documents."""

from __future__ import annotations

import warnings

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
