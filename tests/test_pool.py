"""qlr.concat and `qlr pool`: several studies pooled into one for secondary analysis.

Two tiny studies built here, each with cases P01 and P02 seen at two waves, coded
by hand with the bundled coproduction codebook.  The arithmetic is in comments:
the pooled study holds the union of the parts, every id under its study's key.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import qlr
from qlr._ids import coding_id, document_of_segment, segment_id
from qlr.errors import InvalidParameterError, PoolingError, PoolingWarning, SelectionError

from .conftest import ROOT

COPRODUCTION = qlr.read_codebook("coproduction")

#: (case, wave) → (the participant's words, the code a person gave the whole turn)
ALPHA = {
    ("P01", "W1"): ("Staff ran every bit of it and we just turned up on the day.", "power.consulted"),
    ("P01", "W2"): ("By the spring the four of us were running the Monday sessions ourselves.", "power.co_leading"),
    ("P02", "W1"): ("I help out with the teas and the others help me with the forms.", "reciprocity.two_way"),
    ("P02", "W2"): ("We planned the summer outing together with the coordinator.", "power.co_designing"),
}
BETA = {
    ("P01", "T1"): ("They told us what was happening and we went along with it.", "power.consulted"),
    ("P01", "T2"): ("Now nobody can tell who is staff and who is a member at the Thursday club.", "power.blurred_boundaries"),
    ("P02", "T1"): ("My neighbour picks up my prescription and I mind her dog.", "reciprocity.two_way"),
}


def tiny(name: str, turns: dict, *, waves=None, coder: str = "rm") -> qlr.Study:
    """A study of one participant turn per document, each coded by ``coder`` with its code."""
    wave_ids = list(dict.fromkeys(w for _, w in turns))
    waves = waves or [{"wave_id": w, "order": i + 1, "label": f"Wave {i + 1}"} for i, w in enumerate(wave_ids)]
    docs = [{"doc_id": f"{c}_{w}_interview", "case_id": c, "wave_id": w, "kind": "interview", "text": text} for (c, w), (text, _) in turns.items()]
    segments = [
        {"seg_id": segment_id(d["doc_id"], 0), "doc_id": d["doc_id"], "position": 0, "start": 0, "end": len(d["text"]), "speaker": "Pat", "speaker_role": "participant"}
        for d in docs
    ]
    cases = [{"case_id": c, "label": f"{name} {c}", "role": "member"} for c in dict.fromkeys(c for c, _ in turns)]
    study = qlr.Study(name, cases=pd.DataFrame(cases), waves=pd.DataFrame(waves), documents=pd.DataFrame(docs), segments=pd.DataFrame(segments), codebooks={"coproduction": COPRODUCTION})
    study.meta["root"] = f"/archive/{name}"
    study.record("load", {"path": f"/archive/{name}"})
    for (c, w), (text, code) in turns.items():
        study.code(f"{c}_{w}_interview", 0, len(text), code, coder=coder)
    return study


@pytest.fixture
def alpha():
    return tiny("Alpha study", ALPHA)


@pytest.fixture
def beta():
    # Beta names its waves T1, T2, dated a year later.
    waves = [{"wave_id": "T1", "order": 1, "label": "Time 1", "start": "2021-01-01", "end": "2021-02-01"}, {"wave_id": "T2", "order": 2, "label": "Time 2", "start": "2021-07-01", "end": "2021-08-01"}]
    return tiny("Beta study", BETA, waves=waves, coder="so")


def pooled_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PoolingWarning)
        return qlr.concat(*args, **kwargs)


# ---------------------------------------------------------------------------- ids
def test_keys_put_every_id_under_its_study(alpha, beta):
    pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves="order")
    # 2 + 2 cases, 4 + 3 documents, one segment and one coding each.
    assert pooled.summary() == {"cases": 4, "waves": 2, "documents": 7, "words": alpha.summary()["words"] + beta.summary()["words"], "segments": 7, "codings": 7, "memos": 0}
    assert pooled.cases["case_id"].tolist() == ["a:P01", "a:P02", "b:P01", "b:P02"]
    assert pooled.cases["study"].tolist() == ["a", "a", "b", "b"]
    assert pooled.documents.groupby("study").size().to_dict() == {"a": 4, "b": 3}
    assert all(doc.startswith(f"{study}:") for doc, study in zip(pooled.documents["doc_id"], pooled.documents["study"]))
    # Segment ids are segment_id(pooled document, position), read back by document_of_segment.
    assert pooled.segments["seg_id"].tolist() == [segment_id(d, 0) for d in pooled.segments["doc_id"]]
    assert [document_of_segment(s) for s in pooled.segments["seg_id"]] == pooled.segments["doc_id"].tolist()
    # A hand coding's id is the digest qlr makes for it in the pooled study: coding it there again is refused as the same coding.
    row = pooled.codings.iloc[0]
    assert row["coding_id"] == coding_id("human", row["doc_id"], int(row["start"]), int(row["end"]), row["code_id"], row["coder"])
    assert pooled.codings["coding_id"].is_unique and pooled.codings["seg_id"].isin(pooled.segments["seg_id"]).all()
    with pytest.raises(qlr.errors.CodingError, match="already coded"):
        pooled.copy().code(row["doc_id"], int(row["start"]), int(row["end"]), row["code_id"], coder=row["coder"])
    # Codings keep their coder and codebook.
    assert pooled.codings.groupby("coder").size().to_dict() == {"rm": 4, "so": 3}
    assert set(pooled.codings["codebook"]) == {"coproduction"}


def test_without_keys_a_shared_case_id_is_an_error_naming_both(alpha, beta):
    with pytest.raises(PoolingError, match=r"case id 'P01' is in both 'Alpha study' and 'Beta study' \(and 1 more: 'P02'\).*keys="):
        qlr.concat([alpha, beta], waves="order")


def test_without_keys_distinct_ids_are_kept_and_the_study_column_holds_names(alpha):
    other = tiny("Gamma study", {("Q01", "W1"): ("We sorted the rota between us.", "power.shared_decisions"), ("Q01", "W2"): ("Same again this year.", "power.shared_decisions")})
    pooled = qlr.concat([alpha, other])
    assert pooled.cases["case_id"].tolist() == ["P01", "P02", "Q01"]
    assert pooled.cases["study"].tolist() == ["Alpha study", "Alpha study", "Gamma study"]
    assert set(pooled.codings["coding_id"]) == set(alpha.codings["coding_id"]) | set(other.codings["coding_id"])


def test_a_mapping_gives_the_keys(alpha, beta):
    pooled = qlr.concat({"a": alpha, "b": beta}, waves="order")
    assert pooled.cases["study"].unique().tolist() == ["a", "b"]
    with pytest.raises(InvalidParameterError, match="keys are given twice"):
        qlr.concat({"a": alpha}, keys=["a"])


@pytest.mark.parametrize(
    ("studies", "keys", "match"),
    [
        ("not studies", None, "not a list of studies"),
        ([], None, "at least one study"),
        (["x"], None, r"studies\[0\] is str"),
    ],
)
def test_what_is_not_studies_is_refused(studies, keys, match):
    with pytest.raises(InvalidParameterError, match=match):
        qlr.concat(studies, keys=keys)


def test_bad_keys_are_refused(alpha, beta):
    with pytest.raises(InvalidParameterError, match="1 key for 2 studies"):
        qlr.concat([alpha, beta], keys=["a"])
    with pytest.raises(InvalidParameterError, match="given to two studies"):
        qlr.concat([alpha, beta], keys=["a", "a"], waves="order")
    with pytest.raises(InvalidParameterError, match="has a ':'"):
        qlr.concat([alpha, beta], keys=["a:1", "b"], waves="order")
    with pytest.raises(InvalidParameterError, match="path separator"):
        qlr.concat([alpha, beta], keys=["a/1", "b"], waves="order")
    with pytest.raises(PoolingError, match="both named 'Alpha study'"):
        qlr.concat([alpha, alpha.copy()])


# -------------------------------------------------------------------------- waves
def test_waves_that_differ_must_be_lined_up_explicitly(alpha, beta):
    with pytest.raises(PoolingError, match=r"waves differ \(a: W1, W2; b: T1, T2\).*waves='order'"):
        qlr.concat([alpha, beta], keys=["a", "b"])


def test_waves_by_order(alpha, beta):
    pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves="order")
    # Pooled waves take the first study's ids; T1 is W1, T2 is W2.
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2"]
    assert pooled.documents.set_index("doc_id").loc["b:P01_T2_interview", "wave_id"] == "W2"
    # Alpha's waves are undated, Beta's dated: the dates are Beta's alone, said after its key, not the pooled wave's.
    assert pooled.waves["label"].tolist() == ["a: Wave 1; b: Time 1 (2021-01-01 to 2021-02-01)", "a: Wave 2; b: Time 2 (2021-07-01 to 2021-08-01)"]
    assert pooled.waves["start"].isna().all() and pooled.waves["end"].isna().all()
    assert pooled.meta["pooled"]["studies"][1]["wave_map"] == {"T1": "W1", "T2": "W2"}
    # b:P02 was seen at T1 only: it dropped out, as it did in Beta.
    assert pooled.attrition().loc["b:P02", "pattern"] == beta.attrition().loc["P02", "pattern"] == "dropped out"


def test_waves_by_order_with_unequal_numbers_warns(alpha):
    three = tiny("Three waves", {("R01", "2009"): ("We ran it.", "power.co_leading"), ("R01", "2011"): ("Still ours.", "power.co_leading"), ("R01", "2013"): ("Handed over.", "power.consulted")})
    with pytest.warns(PoolingWarning, match=r"different numbers of waves.*a \(2\) has no wave at the later pooled waves"):
        pooled = qlr.concat([alpha, three], keys=["a", "c"], waves="order")
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2", "2013"]
    # Alpha's cases were never to be seen at the third wave.
    assert pooled.attrition().loc["a:P01", "2013"] == "not scheduled"


def test_waves_by_a_mapping(alpha, beta):
    pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves={"b": {"T1": "W2", "T2": "W3"}})
    # Beta's first wave is Alpha's second: W1, W2, W3; Alpha not scheduled at W3, Beta at W1.
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2", "W3"]
    attrition = pooled.attrition()
    assert attrition.loc["a:P01", ["W1", "W2", "W3"]].tolist() == ["present", "present", "not scheduled"]
    assert attrition.loc["b:P01", ["W1", "W2", "W3"]].tolist() == ["not scheduled", "present", "present"]
    assert attrition.loc["b:P01", "pattern"] == "complete"


@pytest.mark.parametrize(
    ("waves", "error", "match"),
    [
        ({"b": {"T1": "W1"}}, PoolingError, "maps some waves of 'b' but not T2"),
        ({"b": {"T1": "W1", "T3": "W2"}}, SelectionError, "wave 'T3' is not a wave of 'b'. Fix: its waves are T1, T2"),
        ({"beta": {"T1": "W1", "T2": "W2"}}, SelectionError, "names a study 'beta'"),
        ({"b": {"T1": "W1", "T2": "W1"}}, PoolingError, "all mapped to 'W1'"),
        ({"b": {"T1": "W2", "T2": "W1"}}, PoolingError, "'W1' comes before 'W2' in 'a' but after it in 'b'"),
        ({"b": ["T1"]}, InvalidParameterError, "not a mapping"),
        ("date", InvalidParameterError, "waves"),
        (3, InvalidParameterError, "waves is int"),
    ],
)
def test_bad_wave_choices_are_refused(alpha, beta, waves, error, match):
    with pytest.raises(error, match=match):
        qlr.concat([alpha, beta], keys=["a", "b"], waves=waves)


def test_waves_kept_apart(alpha, beta):
    pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves="separate")
    assert pooled.waves["wave_id"].tolist() == ["a:W1", "a:W2", "b:T1", "b:T2"]
    assert pooled.attrition().loc["a:P01", "pattern"] == "complete"
    with pytest.raises(InvalidParameterError, match="needs keys="):
        qlr.concat([alpha, beta], waves="separate")


def test_same_wave_ids_with_other_dates_warn_unless_said(alpha):
    later = tiny("Later study", {("P09", "W1"): ("First time here.", "power.consulted"), ("P09", "W2"): ("Back again.", "power.consulted")},
                 waves=[{"wave_id": "W1", "order": 1, "label": "Round 1", "start": "2030-01-01"}, {"wave_id": "W2", "order": 2, "label": "Round 2", "start": "2030-06-01"}])
    with pytest.warns(PoolingWarning, match=r"waves pooled by id differ.*W1: a 'Wave 1', b 'Round 1' 2030-01-01"):
        qlr.concat([alpha, later], keys=["a", "b"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", PoolingWarning)
        pooled = qlr.concat([alpha, later], keys=["a", "b"], waves="id")
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2"]


def test_waves_by_id_that_share_nothing_warn(alpha, beta):
    with pytest.warns(PoolingWarning, match="shares no wave between 'a', 'b'"):
        pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves="id")
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2", "T1", "T2"]


# ----------------------------------------------------------------------- analyses
def _placements(study: qlr.Study, key: str | None = None) -> pd.DataFrame:
    table = qlr.track.ladder(study, codebook="coproduction", min_evidence=1, min_segments=1).table
    table = table[["case_id", "wave_id", "facet", "level", "status"]].copy()
    if key is not None:
        table["case_id"] = key + ":" + table["case_id"].astype(str)
    return table.astype(str).sort_values(["case_id", "wave_id", "facet"]).reset_index(drop=True)


def test_placements_of_the_pooled_study_are_the_union_of_the_parts(alpha, beta):
    pooled = qlr.concat([alpha, beta], keys=["a", "b"], waves={"b": {"T1": "W1", "T2": "W2"}})
    beta_parts = _placements(beta, "b").replace({"wave_id": {"T1": "W1", "T2": "W2"}})
    expected = pd.concat([_placements(alpha, "a"), beta_parts]).sort_values(["case_id", "wave_id", "facet"]).reset_index(drop=True)
    got = _placements(pooled)
    pd.testing.assert_frame_equal(got[got["status"] != "missing"].reset_index(drop=True), expected[expected["status"] != "missing"].reset_index(drop=True))
    # One known answer: a:P01 is co-leading (level 3 on delivery) at W2.
    level = got.set_index(["case_id", "wave_id", "facet"]).loc[("a:P01", "W2", "delivery"), "level"]
    assert level == "3"


def test_analyses_group_by_study(alpha, beta):
    pooled = pooled_quietly([alpha, beta], keys=["a", "b"], waves="order")
    counts = qlr.track.matrix(pooled, codebook="coproduction", by="study").tidy
    # 4 codings in Alpha, 3 in Beta, one per code.
    assert counts.groupby("study")["count"].sum().to_dict() == {"a": 4, "b": 3}
    placed = qlr.track.ladder(pooled, codebook="coproduction", by=("study", "case", "wave")).table
    assert set(placed["study"]) == {"a", "b"}
    assert len(qlr.track.change(pooled, codebook="coproduction"))
    assert set(qlr.net.cooccurrence(pooled, codebook="coproduction")) == {"W1", "W2"}


def test_agreement_compares_coders_across_the_pooled_study(alpha):
    second = alpha.copy()
    for row in second.codings.itertuples():
        second.code(row.doc_id, int(row.start), int(row.end), row.code_id, coder="so")
    second.name = "Alpha again"
    second.documents["text"] = second.documents["text"]  # the same texts: a warning says so
    with pytest.warns(PoolingWarning, match="4 texts are in more than one study"):
        pooled = qlr.concat([alpha, second], keys=["a", "a2"])
    table = qlr.code.agreement(pooled, coders=["rm", "so"])
    # "so" coded only the second study's documents: only those are compared, where both agree.
    assert (table["percent_agreement"].dropna() == 1.0).all() and (table["n_units"].drop("overall") == 4).all()


# ----------------------------------------------------------------------- codebooks
def test_one_codebook_id_for_two_codebooks_is_an_error(alpha, beta):
    other = beta.copy()
    other.codebooks["coproduction"] = COPRODUCTION.with_codes(list(COPRODUCTION), version="9.9")
    with pytest.raises(PoolingError, match=r"codebook 'coproduction' of 'a' and of 'b' differ \(version 1\.0\.0 and 9\.9\).*migrate_codebook"):
        qlr.concat([alpha, other], keys=["a", "b"], waves="order")


def test_a_codebook_that_coded_one_study_only_is_named(alpha):
    uncoded = tiny("Uncoded", {("P05", "W1"): ("Nothing coded here.", "power.consulted")})
    uncoded.codings = uncoded.codings.iloc[0:0]
    with pytest.warns(PoolingWarning, match=r"codebook 'coproduction' coded 'a' \(4 codings\) but not 'u' \(1 document\).*pooled.apply\('coproduction'\)"):
        pooled = qlr.concat([alpha, uncoded], keys=["a", "u"], waves="id")
    placed = qlr.track.ladder(pooled, codebook="coproduction").table
    assert set(placed.loc[placed["level"].notna(), "case_id"]) <= {"a:P01", "a:P02"}


def test_rule_codings_get_the_ids_coding_the_pooled_study_gives(alpha, beta):
    coded = [alpha.copy().apply("coproduction", progress=False), beta.copy().apply("coproduction", progress=False)]
    pooled = pooled_quietly(coded, keys=["a", "b"], waves="order")
    again = pooled.copy().apply("coproduction", progress=False)
    rules = lambda s: set(s.codings.loc[s.codings["origin"] == "rules", "coding_id"])  # noqa: E731
    assert rules(pooled) and rules(pooled) == rules(again)


# ------------------------------------------------------------- memos, overrides, log
def test_memos_overrides_and_the_log_follow_the_ids(alpha, beta):
    alpha = alpha.copy()
    first = alpha.codings["coding_id"].iloc[0]
    alpha.memo("coding", first, "reads like a turning point", author="rm")
    alpha.memo("case", "P02", "joined through the library", author="rm")
    alpha.override_placement(case="P01", wave="W1", facet="delivery", level=0, reason="only attended", author="rm")
    pooled = pooled_quietly([alpha, beta], keys=["a", "b"], waves="order")
    memos = pooled.memos.set_index("target_type")
    assert memos.loc["coding", "target_id"] in set(pooled.codings["coding_id"])
    assert memos.loc["case", "target_id"] == "a:P02"
    assert pooled.memos["memo_id"].is_unique and pooled.memos["memo_id"].str.startswith("m-").all()
    assert json.loads(pooled.overrides["group"].iloc[0]) == {"case": "a:P01", "wave": "W1"}
    placed = qlr.track.ladder(pooled, codebook="coproduction", min_evidence=1, min_segments=1).table.set_index(["case_id", "wave_id", "facet"])
    assert placed.loc[("a:P01", "W1", "delivery"), "final_level"] == 0
    # The parts' log entries in turn, each naming its study, with pooled ids; then the concat.
    log = pooled.log
    assert log["entry_id"].tolist() == list(range(1, len(alpha.log) + len(beta.log) + 2))
    details = [json.loads(d) for d in log["detail"]]
    assert [d["study"] for d in details[:-1]] == ["a"] * len(alpha.log) + ["b"] * len(beta.log)
    coded = [d for d in details if d.get("doc_id")]
    assert all(d["doc_id"].startswith(("a:", "b:")) for d in coded)
    assert log["action"].iloc[-1] == "concat" and details[-1]["studies"][0]["source"] == "/archive/Alpha study"
    assert pooled.meta["pooled"]["studies"][0]["source"] == "/archive/Alpha study"


def test_the_inputs_are_left_alone(alpha, beta):
    before = [alpha.copy(), beta.copy()]
    pooled_quietly([alpha, beta], keys=["a", "b"], waves="order")
    assert alpha == before[0] and beta == before[1]


def test_a_pooled_study_pooled_again_keeps_its_studies(alpha, beta):
    inner = pooled_quietly([alpha, beta], keys=["a", "b"], waves="order")
    third = tiny("Third", {("P01", "W1"): ("We run it now.", "power.co_leading")})
    outer = pooled_quietly([inner, third], keys=["ab", "c"], waves="id")
    assert outer.cases["case_id"].tolist() == ["ab:a:P01", "ab:a:P02", "ab:b:P01", "ab:b:P02", "c:P01"]
    assert outer.cases["study"].tolist() == ["ab:a", "ab:a", "ab:b", "ab:b", "c"]


def test_the_same_refi_coding_in_two_studies_is_an_error(alpha):
    guid = "0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10"
    one = alpha.copy()
    one.codings["coding_id"] = one.codings["coding_id"].where(one.codings.index != 0, f"i-{guid}")
    two = one.copy()
    two.name = "Alpha copy"
    with pytest.raises(PoolingError, match=f"coding id 'i-{guid}' is in both 'a' and 'b'.*pool each project once"):
        pooled_quietly([one, two], keys=["a", "b"])


def test_save_open_and_qdpx_round_trip(alpha, beta, tmp_path):
    pooled = pooled_quietly([alpha, beta], keys=["a", "b"], waves="order")
    pooled.save(tmp_path / "pooled.qlr")
    assert qlr.open(tmp_path / "pooled.qlr") == pooled
    qlr.io.write_qdpx(pooled, tmp_path / "pooled.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "pooled.qdpx")
    assert back.summary() == pooled.summary()
    # A .qdpx import pools like any study.
    again = pooled_quietly([qlr.io.read_qdpx(tmp_path / "pooled.qdpx"), alpha], keys=["p", "a"])
    assert again.cases["case_id"].iloc[0] == "p:a:P01"


# ------------------------------------------------------------------ sample + report
def test_sample_and_validation_pooled_with_a_report(tmp_path):
    sample, validation = qlr.load(ROOT / "data/sample"), qlr.load(ROOT / "data/validation")
    with pytest.warns(PoolingWarning) as caught:
        pooled = qlr.concat([sample, validation], keys=["eastbrook", "holm"])
    messages = [str(w.message) for w in caught]
    assert any("waves pooled by id differ" in m for m in messages)
    assert any("codebook 'coproduction' coded 'eastbrook' (650 codings) but not 'holm' (18 documents)" in m for m in messages)
    assert pooled.summary()["cases"] == len(sample.cases) + len(validation.cases) == 33
    # Both have S01 and S02 (stakeholders, staff): keys keep them apart.
    assert {"eastbrook:S01", "holm:S01"} <= set(pooled.cases["case_id"])
    coded = pooled.copy().apply("coproduction", progress=False)
    # No support tie crosses from one study's roster to the other's.
    study_of = dict(zip(coded.actors["actor_id"], coded.actors["study"]))
    for graph in qlr.net.actors(coded).values():
        assert all(study_of[u] == study_of[v] for u, v in graph.edges)
    page = qlr.report.write_report(coded, tmp_path / "report", codebook="coproduction", progress=False)
    html = page.read_text(encoding="utf-8")
    assert "holm:U01" in html and "eastbrook:C01" in html
    placements = pd.read_csv(tmp_path / "report" / "tables" / "placements.csv")
    assert {"eastbrook", "holm"} == {c.split(":")[0] for c in placements["case_id"]}


# ----------------------------------------------------------------------------- CLI
def _folder(path, case_prefix: str, waves: tuple[str, ...]):
    path.mkdir()
    for case in (f"{case_prefix}01", f"{case_prefix}02"):
        for wave in waves:
            (path / f"{case}_{wave}_interview.txt").write_text(f"Interviewer: How was {wave}?\nPat: We planned it together with the staff this time.\n", encoding="utf-8")
    return path


def test_cli_pool(tmp_path, capsys):
    from qlr.cli import main

    a = _folder(tmp_path / "a", "P", ("W1", "W2"))
    b = _folder(tmp_path / "b", "P", ("T1", "T2"))
    out = tmp_path / "pooled.qlr"
    assert main(["pool", str(a), str(b), "--key", "a", "--key", "b", "-o", str(out)]) == 1
    assert "waves differ" in capsys.readouterr().err
    mapping = tmp_path / "waves.csv"
    mapping.write_text("study,wave,pooled\nb,T1,W1\nb,T2,W2\n", encoding="utf-8")
    assert main(["pool", str(a), str(b), "--key", "a", "--key", "b", "--waves", str(mapping), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "b: 2 cases, 4 documents" in printed and "T1→W1" in printed
    pooled = qlr.open(out)
    assert pooled.cases["case_id"].tolist() == ["a:P01", "a:P02", "b:P01", "b:P02"]
    assert pooled.waves["wave_id"].tolist() == ["W1", "W2"]
    assert main(["pool", str(a), str(b), "-o", str(out), "--waves", "order"]) == 1
    assert "case id 'P01' is in both" in capsys.readouterr().err
    mapping.write_text("study,wave\nb,T1\n", encoding="utf-8")
    assert main(["pool", str(a), str(b), "--key", "a", "--key", "b", "--waves", str(mapping), "-o", str(out)]) == 1
    assert "waves.csv:1: the wave mapping has no column pooled" in capsys.readouterr().err


def test_a_study_without_cases_or_documents_is_said(sample_study):
    # A QDA project imported without case= has documents but no cases; an ATLAS.ti project without its
    # sources has no documents: pooling took both without a word.
    empty = sample_study.copy()
    empty_docs = qlr.Study("empty", cases=empty.cases.head(1), waves=empty.waves)
    with pytest.raises(qlr.errors.PoolingError, match=r"study 'none' \(empty\) holds no documents"):
        qlr.concat([sample_study, empty_docs], keys=["east", "none"])
    caseless = qlr.Study("caseless", waves=empty.waves, documents=empty.documents.head(2).assign(case_id=pd.NA), segments=empty.segments[empty.segments["doc_id"].isin(empty.documents.head(2)["doc_id"])])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        qlr.concat([sample_study, caseless], keys=["east", "nc"], waves="id")
    said = [str(w.message) for w in said if issubclass(w.category, PoolingWarning)]
    assert any(m.startswith("study 'nc' (caseless) has no cases: its 2 documents") for m in said), said
    # The sample's codings are of the bundled codebook, whose rules can code the other study: the advice says how.
    assert any("codebook 'coproduction' coded 'east'" in m and "qlr code pooled.qlr --codebook coproduction" in m for m in said), said
