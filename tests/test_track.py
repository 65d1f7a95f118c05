"""Change over time on small constructed studies, against hand-computed answers."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import SelectionError
from qlr.track import classify, place

CODEBOOK = """\
name: Tiny
id: tiny
version: 1.0.0
ladder:
  name: Spectrum
  facets: [delivery, design]
  levels:
    - {value: 0, name: Not co-produced}
    - {value: 1, name: Contribution, band: mid}
    - {value: 2, name: Collaboration, band: high}
    - {value: 3, name: Balance of power, band: high}
  placement: {rule: highest_supported, min_evidence: 2, min_segments: 1}
themes: [assets, power]
codes:
  - {id: assets.skills, parent: assets, evidence: {level: 2, facet: delivery}}
  - {id: assets.needs, parent: assets, evidence: {level: 0, facet: delivery}}
  - {id: power.shared, parent: power, evidence: {level: 3}}
  - {id: power.token, parent: power, evidence: {level: 2, facet: design, polarity: negative}}
"""

# case: {wave: words said}; A all waves, B joins at W2, C drops after W2, D misses W2.
WORDS = {"A": {"W1": 500, "W2": 1000, "W3": 250}, "B": {"W2": 400, "W3": 400}, "C": {"W1": 200, "W2": 200}, "D": {"W1": 300, "W3": 300}}
# (case, wave, code, how many codings)
CODINGS = [
    ("A", "W1", "assets.needs", 2),
    ("A", "W2", "assets.skills", 2),
    ("A", "W2", "power.shared", 1),
    ("A", "W3", "assets.skills", 1),
    ("A", "W3", "power.shared", 2),
    ("B", "W2", "assets.skills", 3),
    ("B", "W3", "assets.skills", 3),
    ("C", "W1", "power.shared", 2),
    ("C", "W2", "power.token", 1),
    ("D", "W1", "assets.needs", 1),
    ("D", "W3", "assets.skills", 2),
]


@pytest.fixture
def tiny():
    documents, segments, codings = [], [], []
    for case, waves in WORDS.items():
        for wave, words in waves.items():
            doc_id = f"{case}_{wave}"
            text = "Interviewer: Hello?\n" + "R: " + " ".join(["word"] * words)
            documents.append({"doc_id": doc_id, "case_id": case, "wave_id": wave, "kind": "interview", "text": text, "stage": "design" if wave == "W1" else "outputs"})
            segments.append({"seg_id": f"{doc_id}:0", "doc_id": doc_id, "position": 0, "start": 13, "end": 19, "speaker": "Interviewer", "speaker_role": "interviewer", "n_words": 1})
            segments.append({"seg_id": f"{doc_id}:1", "doc_id": doc_id, "position": 1, "start": 23, "end": len(text), "speaker": "R", "speaker_role": "participant", "n_words": words})
    for case, wave, code, n in CODINGS:
        for i in range(n):
            start = 23 + 5 * i
            codings.append({"coding_id": f"{case}{wave}{code}{i}", "doc_id": f"{case}_{wave}", "start": start, "end": start + 4, "seg_id": f"{case}_{wave}:1", "code_id": code, "coder": "t", "origin": "human", "codebook": "tiny", "codebook_version": "1.0.0"})
    study = qlr.Study(
        "tiny",
        cases=pd.DataFrame({"case_id": list(WORDS), "role": ["carer", "carer", "carer", "staff"], "site": ["north", "north", "south", "south"]}),
        waves=pd.DataFrame({"wave_id": ["W1", "W2", "W3"], "order": [1, 2, 3]}),
        documents=pd.DataFrame(documents),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(codings),
        codebooks={"tiny": Codebook.from_yaml(CODEBOOK)},
    )
    return study


def cell(tidy, case, wave, column, value_column="value"):
    key = tidy.columns[2]
    row = tidy[(tidy["case_id"] == case) & (tidy["wave_id"] == wave) & (tidy[key] == column)]
    assert len(row) == 1
    return row.iloc[0][value_column]


# ------------------------------------------------------------------ matrix
def test_matrix_counts_presence_density_and_missing(tiny):
    counts = qlr.track.matrix(tiny).tidy
    assert cell(counts, "A", "W2", "assets.skills") == 2
    assert cell(counts, "A", "W1", "assets.skills") == 0  # seen, not coded: zero
    assert np.isnan(cell(counts, "B", "W1", "assets.skills"))  # not yet joined: missing
    assert cell(counts, "B", "W1", "assets.skills", "reason") == "not yet joined"
    assert cell(counts, "C", "W3", "power.shared", "reason") == "dropped out"
    assert cell(counts, "D", "W2", "power.shared", "reason") == "missed"
    density = qlr.track.matrix(tiny, value="density").tidy
    assert cell(density, "A", "W2", "assets.skills") == pytest.approx(2.0)  # 1000 * 2 / 1000 words
    assert cell(density, "A", "W3", "power.shared") == pytest.approx(8.0)  # 1000 * 2 / 250
    assert cell(density, "B", "W2", "assets.skills") == pytest.approx(7.5)  # 1000 * 3 / 400
    segments = qlr.track.matrix(tiny, value="segments").tidy
    assert cell(segments, "B", "W2", "assets.skills") == 1  # three codings, one turn
    assert cell(segments, "B", "W2", "assets.skills", "count") == 3
    presence = qlr.track.matrix(tiny, value="presence").tidy
    assert cell(presence, "B", "W3", "assets.skills") == 1 and cell(presence, "B", "W3", "power.shared") == 0


def test_matrix_of_themes_wide_view_and_panels(tiny):
    m = qlr.track.matrix(tiny, cols="theme")
    assert cell(m.tidy, "A", "W3", "assets") == 1 and cell(m.tidy, "A", "W3", "power") == 2
    panel = m.panel("W2")
    assert panel.loc["A", "power"] == 1 and np.isnan(panel.loc["D", "assets"])
    assert m.wide.loc["C", ("W1", "power")] == 2
    with pytest.raises(SelectionError, match="no wave_id 'W9'"):
        m.panel("W9")


def test_matrix_rows_by_case_attribute_and_by_stage(tiny):
    by_site = qlr.track.matrix(tiny, rows="site", cols="theme").tidy
    north = by_site[(by_site["site"] == "north") & (by_site["wave_id"] == "W2")].set_index("theme")
    assert north.loc["assets", "value"] == 5 and north.loc["assets", "words"] == 1400
    by_stage = qlr.track.matrix(tiny, by="stage", cols="theme").tidy.set_index(["case_id", "stage", "theme"])
    assert by_stage.loc[("A", "outputs", "power"), "value"] == 3


def test_matrix_export(tiny, tmp_path):
    m = qlr.track.matrix(tiny)
    m.to_csv(tmp_path / "m.csv")
    back = pd.read_csv(tmp_path / "m.csv")
    assert len(back) == len(m.tidy) and set(back["wave_id"]) == {"W1", "W2", "W3"}
    m.to_excel(tmp_path / "m.xlsx")
    sheets = pd.read_excel(tmp_path / "m.xlsx", sheet_name=None)
    assert set(sheets) == {"W1", "W2", "W3", "tidy"}


def test_quotes_behind_a_cell(tiny):
    q = qlr.track.quotes(tiny, case="B", code="assets.skills", wave="W3")
    assert len(q) == 3 and set(q["quote"]) == {"word"}
    assert qlr.track.quotes(tiny, case="A", theme="power").shape[0] == 3


def test_bad_matrix_arguments(tiny):
    with pytest.raises(qlr.errors.InvalidParameterError, match="value='mean' is not one of 'count'"):
        qlr.track.matrix(tiny, value="mean")
    with pytest.raises(SelectionError, match="rows 'town'"):
        qlr.track.matrix(tiny, rows="town")


# ------------------------------------------------------------------ change
@pytest.mark.parametrize(
    ("values", "category"),
    [
        ([0, 0, 0], "absent"),
        ([0, 1, 2], "emerges"),
        ([0, 0, 3], "emerges"),
        ([2, 1, 0], "ceases"),
        ([1, 6, 1], "surges"),
        ([0.5, 4], "surges"),
        ([4, 1, 5], "idiosyncratic"),
        ([1, 2, 4], "increases"),
        ([6, 3, 2], "decreases"),
        ([2, 2, 2], "constant"),
        ([4, 5, 4], "constant"),  # steps below 50 %: noise
        # Gradual: each step under 50 % of the value before it, from end to end +75 % (the fifth trial's P04 power).
        ([4, 5, 7], "increases"),
        ([4, 5, np.nan, 7], "increases"),  # a missed wave is left out of the series
        ([8, 6, 4], "decreases"),  # -25 %, -33 %; from end to end -4, half of 8
        ([8, 6, 5], "constant"),  # from end to end -3: under half of 8
        ([4, 5, 5.5], "constant"),  # +37.5 % from end to end: under 50 %
        ([5, 6, 5.5], "constant"),  # never one way all along
        ([3], "not enough waves"),
    ],
)
def test_change_rules(values, category):
    assert classify(values) == category


def test_change_thresholds_are_parameters():
    assert classify([4, 5, 4]) == "constant"
    assert classify([4, 5, 4], rise=0.2, min_step=1) == "idiosyncratic"
    assert classify([1, 2.5, 1], surge=2) == "surges"


def test_change_per_case_with_missing_waves(tiny):
    ch = qlr.track.change(tiny).set_index(["case_id", "code_id"])
    assert ch.loc[("A", "assets.skills"), "category"] == "emerges"  # 0, 2, 1
    assert ch.loc[("A", "power.shared"), "category"] == "emerges"  # 0, 1, 2
    assert ch.loc[("A", "assets.needs"), "category"] == "ceases"  # 2, 0, 0
    assert ch.loc[("B", "assets.skills"), "category"] == "constant"  # —, 3, 3
    assert ch.loc[("B", "assets.skills"), "missing_waves"] == "W1 (not yet joined)"
    assert ch.loc[("C", "power.shared"), "category"] == "ceases"  # 2, 0, —
    assert ch.loc[("C", "power.shared"), "missing_waves"] == "W3 (dropped out)"
    assert ch.loc[("D", "assets.skills"), "category"] == "emerges"  # 0, —, 2
    assert ch.loc[("D", "assets.skills"), "waves_seen"] == 2
    assert ch.loc[("D", "assets.skills"), "missing_waves"] == "W2 (missed)"
    # B never mentions power.shared while A (2 of 3 waves) and C do: common elsewhere.
    assert ch.loc[("B", "power.shared"), "category"] == "absent (common elsewhere)"
    assert ch.loc[("D", "power.token"), "category"] == "absent"


def test_change_summary_counts_cases(tiny):
    summary = qlr.track.change_summary(qlr.track.change(tiny))
    assert summary.loc["assets.skills", "emerges"] == 2  # A and D
    assert summary.loc["assets.skills"].sum() == 4
    theme_summary = qlr.track.change_summary(qlr.track.change(tiny, granularity="theme"))
    # power.token is negative evidence in a theme with positive: a row of its own (Codebook.rollup).
    assert list(theme_summary.index) == ["assets", "power", "power (against)"]
    themes = qlr.track.change(tiny, granularity="theme").set_index(["case_id", "theme"])
    # C: power.shared 2, 0, — and power.token 0, 1, — were pooled as 2, 1 ("constant").
    assert themes.loc[("C", "power"), "category"] == "ceases"
    assert themes.loc[("C", "power (against)"), "category"] == "emerges"


# ------------------------------------------------------------------ ladder
def test_placement_rules_by_hand():
    levels = [0, 1, 2, 3]
    positive, negative = {0: 1.0, 2: 2.0, 3: 1.0}, {2: 1.0}
    # highest_supported: 3 has 1 < min 2; 2 has 2 ≥ 2 but denied by 1 (negative at ≤ 2) → 2 > 1: placed 2
    assert place(positive, negative, levels, rule="highest_supported", min_evidence=2)[0] == 2
    assert place(positive, {2: 2.0}, levels, rule="highest_supported", min_evidence=2)[0] is None
    # distribution: w0 = 1, w1 = 1 (the negative at 2 moves below it), w2 = 2, w3 = 1; W = 5
    level, w = place(positive, negative, levels, rule="weighted_median", min_evidence=2)
    assert w == {0: 1.0, 1: 1.0, 2: 2.0, 3: 1.0}
    assert level == 2  # cumulative 1, 2, 4 ≥ 2.5
    assert place(positive, negative, levels, rule="modal", min_evidence=2)[0] == 2
    assert place({1: 1.0, 2: 1.0}, {}, levels, rule="modal", min_evidence=1)[0] == 1  # ties go down
    assert place({1: 1.0}, {}, levels, rule="weighted_median", min_evidence=2)[0] is None


def test_ladder_by_case_and_wave(tiny):
    placements = qlr.track.ladder(tiny, facet="delivery")
    pl = placements.set_index(["case_id", "wave_id"])
    # A W2: skills (2, delivery) ×2 and shared (3, no facet → every facet) ×1 → level 2 (3 has only 1)
    row = pl.loc[("A", "W2")]
    assert (row["status"], row["level"], row["band"], row["n_evidence"]) == ("placed", 2, "high", 1)
    # Two thirds of the weight at level 2, from one passage: 2/3 × 1/(1+1).
    assert row["confidence"] == pytest.approx(2 / 3 * 1 / 2)
    # The evidence: one turn, cited once, by its highest-level coding.
    trail = placements.quotes(case="A", wave="W2")
    assert trail[["seg_id", "code_id", "level", "polarity", "rank"]].values.tolist() == [["A_W2:1", "power.shared", 3, "positive", 0]]
    assert trail["quote"].tolist() == ["word"]
    # No list in any cell and no attrs: a flat table.
    assert not placements.table.map(lambda v: isinstance(v, (list, tuple, dict))).any().any() and not placements.table.attrs
    assert placements.ladder.name and placements.keys == ["case_id", "wave_id"] and len(placements) == len(placements.table)
    # A W3: shared ×2 → level 3
    assert pl.loc[("A", "W3"), "level"] == 3
    # A W1: needs (0) ×2 → level 0
    assert pl.loc[("A", "W1"), "level_name"] == "Not co-produced"
    # D W1: needs ×1 < min_evidence → insufficient evidence
    assert pl.loc[("D", "W1"), "status"] == "insufficient evidence" and pd.isna(pl.loc[("D", "W1"), "level"])
    # Attrition is missing, not a placement.
    assert pl.loc[("B", "W1"), "status"] == "missing" and pl.loc[("B", "W1"), "reason"] == "not yet joined"
    assert pl.loc[("D", "W2"), "reason"] == "missed"
    design = qlr.track.ladder(tiny, facet="design").set_index(["case_id", "wave_id"])
    # C W2 design: only the negative token evidence → nothing supported
    assert design.loc[("C", "W2"), "status"] == "insufficient evidence"


def test_ladder_rules_selectable_in_the_call(tiny):
    median = qlr.track.ladder(tiny, facet="delivery", rule="weighted_median", min_evidence=1).set_index(["case_id", "wave_id"])
    assert median.loc[("D", "W1"), "level"] == 0  # one coding is enough now
    assert median.loc[("A", "W2"), "rule"] == "weighted_median"
    with pytest.raises(qlr.errors.InvalidParameterError, match="rule='best' is not one of 'highest_supported'"):
        qlr.track.ladder(tiny, rule="best")


def test_by_default_one_passage_places_nobody(tiny):
    # The same codebook without min_segments: the default asks for two passages.
    tiny.codebooks["tiny"] = Codebook.from_yaml(CODEBOOK.replace(", min_segments: 1}", "}"))
    row = qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"]).loc[("A", "W2")]
    assert row["status"] == "insufficient evidence" and pd.isna(row["level"])
    # The row keeps where the evidence points, and what is missing.
    assert row["candidate_level"] == 2 and row["missing"] == "passages: 1 of 2"


def test_confidence_grows_with_passages_and_is_never_one_on_one(tiny):
    placed = qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"])
    one = placed[placed["n_evidence"] == 1]["confidence"].dropna()
    assert len(one) and (one <= 0.5).all()
    assert (placed["confidence"].dropna() < 1).all()
    with_n = placed[placed["status"] == "placed"]
    assert (with_n["confidence"] <= with_n["n_evidence"] / (with_n["n_evidence"] + 1) + 1e-12).all()


def test_min_segments_counts_passages_not_weight(tiny):
    # A W2: weight 3 on delivery, but all from one turn (A_W2:1).
    placed = qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"])
    assert placed.loc[("A", "W2"), "status"] == "placed" and placed.loc[("A", "W2"), "n_evidence"] == 1
    strict = qlr.track.ladder(tiny, facet="delivery", min_segments=2).set_index(["case_id", "wave_id"])
    assert strict.loc[("A", "W2"), "status"] == "insufficient evidence" and pd.isna(strict.loc[("A", "W2"), "confidence"])
    assert strict.loc[("A", "W2"), "n_evidence"] == 1  # the trail is still shown
    assert qlr.track.ladder(tiny, facet="delivery", min_segments=2).quotes(case="A", wave="W2")["seg_id"].tolist() == ["A_W2:1"]
    # The codebook can ask for it too; the call wins over the codebook.
    tiny.codebooks["tiny"] = Codebook.from_yaml(CODEBOOK.replace("min_segments: 1}", "min_segments: 2}"))
    assert qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"]).loc[("A", "W2"), "status"] == "insufficient evidence"
    assert qlr.track.ladder(tiny, facet="delivery", min_segments=1).set_index(["case_id", "wave_id"]).loc[("A", "W2"), "level"] == 2
    for bad in (0, 1.5):
        with pytest.raises(qlr.errors.InvalidParameterError, match="min_segments=.* is not a whole number of at least 1"):
            qlr.track.ladder(tiny, min_segments=bad)
    with pytest.raises(qlr.errors.InvalidParameterError, match="min_evidence=nan is not a number of at least 0"):
        qlr.track.ladder(tiny, min_evidence=float("nan"))


@pytest.mark.parametrize(
    ("placement", "message"),
    [
        ("min_evidence: two", r"placement min_evidence must be a number ≥ 0, not 'two'"),
        ("min_segments: 1.5", r"placement min_segments must be a whole number ≥ 1"),
        ("min_evidence: .nan", r"placement min_evidence must be a number ≥ 0, not nan"),
        ("min_evidnce: 2", r"unknown key 'min_evidnce' in 'placement'.*did you mean 'min_evidence'"),
    ],
)
def test_bad_placement_settings_name_the_line(placement, message):
    with pytest.raises(qlr.errors.CodebookError, match=r"<codebook>:12: " + message):
        Codebook.from_yaml(CODEBOOK.replace("min_evidence: 2, min_segments: 1", placement))


def test_ladder_by_any_column(tiny):
    stages = qlr.track.ladder(tiny, by="stage", facet="delivery", rule="weighted_median").set_index("stage")
    # design (W1): needs ×3 (0), shared ×2 (3) → w0 = 3, w3 = 2 → median 0
    assert stages.loc["design", "level"] == 0
    assert (stages.loc["design", "low"], stages.loc["design", "high"]) == (0, 3)
    assert stages.loc["design", "band_range"] == "not co-produced to high"
    by_site = qlr.track.ladder(tiny, by=("site", "wave"), facet="delivery")
    assert set(by_site["site"]) == {"north", "south"}
    by_role = qlr.track.ladder(tiny, by="role", facet="delivery").set_index("role")
    assert by_role.loc["carer", "status"] == "placed"


def test_ladder_by_speaker_and_codings_outside_segments(tiny):
    extra = pd.DataFrame(
        [
            # An interviewer turn someone coded by hand (never evidence), and a span no segment holds.
            {"coding_id": "x1", "doc_id": "A_W2", "start": 13, "end": 19, "seg_id": "A_W2:0", "code_id": "power.shared", "coder": "t", "origin": "human", "codebook": "tiny"},
            {"coding_id": "x2", "doc_id": "A_W3", "start": 0, "end": 11, "seg_id": None, "code_id": "power.shared", "coder": "t", "origin": "human", "codebook": "tiny"},
        ]
    )
    tiny.codings = qlr._tables.coerce("codings", pd.concat([tiny.codings, extra], ignore_index=True))
    by_speaker = qlr.track.ladder(tiny, by="speaker_role", facet="delivery", min_evidence=1).set_index("speaker_role")
    assert "interviewer" not in by_speaker.index  # a question is not evidence (qlr.evidence)
    # Participant turns: every delivery or facet-less coding of CODINGS (all but C's token) = 19;
    # the span outside any segment has no speaker, so no group here.
    assert by_speaker.loc["participant", "weight"] == 19.0
    placements = qlr.track.ladder(tiny, facet="delivery")
    a_w3 = placements.set_index(["case_id", "wave_id"]).loc[("A", "W3")]
    # shared ×3 (two in the turn, one outside any segment) at 3; skills ×1 at 2
    assert (a_w3["level"], a_w3["weight"], a_w3["n_evidence"]) == (3, 4.0, 2)
    trail = placements.quotes(case="A", wave="W3")
    assert trail["seg_id"].tolist()[0] == "A_W3:1" and pd.isna(trail["seg_id"].iloc[1]) and trail["quote"].iloc[1] == "Interviewer"


def test_place_refuses_levels_off_the_ladder():
    with pytest.raises(SelectionError, match="level 7"):
        place({7: 1.0}, {}, [0, 1, 2], rule="modal", min_evidence=1)


def test_overrides_are_shown_beside_and_survive_save(tiny, tmp_path):
    tiny.override_placement(case="A", wave="W1", facet="delivery", level=1, reason="context says more", author="rm")
    pl = qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"])
    row = pl.loc[("A", "W1")]
    assert (row["level"], row["override_level"], row["final_level"], row["overridden"]) == (0, 1, 1, True)
    assert (row["override_reason"], row["override_author"]) == ("context says more", "rm")
    assert not pl.loc[("A", "W2"), "overridden"]
    path = tmp_path / "tiny.qlr"
    tiny.save(path)
    again = qlr.track.ladder(qlr.open(path), facet="delivery").set_index(["case_id", "wave_id"])
    assert again.loc[("A", "W1"), "final_level"] == 1 and again.loc[("A", "W1"), "level"] == 0
    with pytest.raises(SelectionError, match="an override needs a reason"):
        tiny.override_placement(case="A", wave="W1", level=1, reason=" ")
    with pytest.raises(SelectionError, match="level 7 is not on the ladder"):
        tiny.override_placement(case="A", wave="W1", level=7, reason="x")


# ------------------------------------------------------------------ trajectories
def test_trajectories_and_types(tiny):
    pl = qlr.track.ladder(tiny, facet="delivery", rule="weighted_median", min_evidence=1)
    tr = qlr.track.trajectories(pl).set_index("case_id")
    assert tr.loc["A", ["W1", "W2", "W3"]].tolist() == [0, 2, 3]
    assert (tr.loc["A", "net_change"], tr.loc["A", "type"]) == (3, "advancing")
    # B joined at W2: its own waves are W2 and W3, at one level, so stable (not "incomplete").
    assert pd.isna(tr.loc["B", "W1"]) and tr.loc["B", "type"] == "stable" and tr.loc["B", "net_change"] == 0
    # A missed wave (D) and a drop-out (C) are gaps in the case's own waves.
    assert tr.loc["D", "type"] == "incomplete"
    assert tr.loc["C", "type"] == "incomplete"


def test_a_trajectory_reads_only_the_waves_planned_for_the_case():
    """A case planned for W2 and W3 only (a new user's study), placed 1 then 4, is advancing, not incomplete."""
    pl = pd.DataFrame(
        {
            "case_id": ["P03", "P03", "P05", "P05", "P05"],
            "wave_id": ["W2", "W3", "W1", "W2", "W3"],
            "facet": "delivery",
            "level": [1, 4, 2, pd.NA, 2],
            "status": ["placed", "placed", "placed", "insufficient evidence", "placed"],
            "reason": [None, None, None, None, None],
        }
    )
    tr = qlr.track.trajectories(pl, waves=["W1", "W2", "W3"]).set_index("case_id")
    assert tr.loc["P03", "type"] == "advancing" and pd.isna(tr.loc["P03", "W1"])
    assert tr.loc["P05", "type"] == "incomplete"  # insufficient evidence at one of its own waves


def test_trajectory_uses_overrides_unless_asked_not_to(tiny):
    tiny.override_placement(case="A", wave="W3", facet="delivery", level=1, reason="r", author="rm")
    pl = qlr.track.ladder(tiny, facet="delivery", rule="weighted_median", min_evidence=1)
    with_overrides = qlr.track.trajectories(pl).set_index("case_id").loc["A"]
    assert (with_overrides["type"], with_overrides["overridden"]) == ("fluctuating", True)
    computed = qlr.track.trajectories(pl, use_overrides=False).set_index("case_id").loc["A"]
    assert computed["type"] == "advancing"


def test_transitions_counts_and_probabilities():
    placements = pd.DataFrame(
        {
            "case_id": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"] * 3,
            "wave_id": ["W1", "W2", "W3"] * 4,
            "facet": "delivery",
            "level": [0, 1, 2, 1, 1, 1, 0, 1, pd.NA, 2, pd.NA, 2],
        }
    )
    t = qlr.track.transitions(placements, levels=[0, 1, 2])
    # W1→W2: A 0→1, B 1→1, C 0→1 (D W2 missing); W2→W3: A 1→2, B 1→1 (C W3, D W2 missing)
    assert t.counts.loc[0].tolist() == [0, 2, 0]
    assert t.counts.loc[1].tolist() == [0, 2, 1]
    assert t.counts.loc[2].tolist() == [0, 0, 0]
    assert t.probabilities.loc[1].tolist() == pytest.approx([0, 2 / 3, 1 / 3])
    assert t.probabilities.loc[2].isna().all()
    assert t.pairs[("W1", "W2")].values.sum() == 3 and t.pairs[("W2", "W3")].values.sum() == 2
    smooth = qlr.track.transitions(placements, levels=[0, 1, 2], smoothing=1.0)
    assert smooth.probabilities.loc[0].tolist() == pytest.approx([1 / 5, 3 / 5, 1 / 5])
    assert smooth.probabilities.loc[2].tolist() == pytest.approx([1 / 3] * 3)


def test_double_coding_counts_once(sample_study):
    # A second coder who coded exactly what rm coded adds no evidence and no counts:
    # a passage coded by two people (or by a person and the rules) counts once.
    study = sample_study.copy().apply("coproduction", progress=False)
    rm = study.codings[study.codings["coder"] == "rm"]
    copy = rm.assign(coder="zz", coding_id="z" + rm["coding_id"])
    doubled = study.copy()
    doubled.codings = pd.concat([study.codings, copy], ignore_index=True)
    carers = dict(role="carer")
    assert qlr.track.matrix(doubled.sel(**carers)).tidy["value"].equals(qlr.track.matrix(study.sel(**carers)).tidy["value"])
    ladder, ladder_doubled = qlr.track.ladder(study.sel(**carers)), qlr.track.ladder(doubled.sel(**carers))
    assert ladder["weight"].tolist() == ladder_doubled["weight"].tolist()
    # Without the rule: every coding of rm would count twice.
    naive = doubled.codings.merge(doubled.documents[["doc_id", "case_id"]], on="doc_id")
    assert (naive["coder"] == "zz").sum() == len(rm) > 100


def test_transitions_refuse_levels_that_leave_out_placed_ones():
    placements = pd.DataFrame({"case_id": ["A", "A"], "wave_id": ["W1", "W2"], "facet": "d", "level": [1, 2]})
    with pytest.raises(qlr.errors.SelectionError, match=r"levels \[2\]"):
        qlr.track.transitions(placements, levels=[0, 1])


def test_any_grouping_column_and_codings_outside_segments(tiny):
    extra = pd.DataFrame(
        [
            {"coding_id": "x1", "doc_id": "A_W2", "start": 13, "end": 19, "seg_id": "A_W2:0", "code_id": "power.shared", "coder": "rm", "origin": "human", "codebook": "tiny"},
            {"coding_id": "x2", "doc_id": "A_W3", "start": 0, "end": 11, "seg_id": None, "code_id": "power.shared", "coder": "t", "origin": "human", "codebook": "tiny"},
            {"coding_id": "x3", "doc_id": "A_W2", "start": 23, "end": 27, "seg_id": "A_W2:1", "code_id": "assets.needs", "coder": "rm", "origin": "human", "codebook": "tiny"},
        ]
    )
    tiny.codings = qlr._tables.coerce("codings", pd.concat([tiny.codings, extra], ignore_index=True))
    by_speaker = qlr.track.matrix(tiny, by="speaker_role", cols="theme").tidy.set_index(["case_id", "speaker_role", "theme"])
    assert ("A", "interviewer", "power") not in by_speaker.index  # the coded question is not evidence
    assert by_speaker.loc[("A", "participant", "power"), "count"] == 3  # the span outside segments has no speaker
    by_coder = qlr.track.matrix(tiny, by="coder", cols="theme").tidy.set_index(["case_id", "coder", "theme"])
    assert by_coder.loc[("A", "rm", "assets"), "count"] == 1 and by_coder.loc[("A", "rm", "power"), "count"] == 0
    assert by_coder.loc[("A", "t", "power"), "count"] == 4
    assert set(qlr.track.ladder(tiny, by="coder", facet="delivery")["coder"]) == {"rm", "t"}
    # A coding outside every segment is a passage of its own, in the matrix as in the ladder.
    segments = qlr.track.matrix(tiny, value="segments").tidy.set_index(["case_id", "wave_id", "code_id"])
    assert segments.loc[("A", "W3", "power.shared"), "value"] == 2  # the turn A_W3:1, and the span outside it
    with pytest.raises(SelectionError, match="by 'town' is not 'wave'"):
        qlr.track.matrix(tiny, by="town")


def test_repeated_ids_neither_crash_nor_count_twice(tiny):
    tiny.case_waves = qlr._tables.coerce("case_waves", pd.DataFrame({"case_id": ["A", "A", "B"], "wave_id": ["W1", "W1", "W2"], "site_then": ["x", "x", "y"]}))
    tiny.segments = pd.concat([tiny.segments, tiny.segments.iloc[[1]]], ignore_index=True)  # A_W1:1 twice
    first = tiny.documents["doc_id"] == "A_W1"
    tiny.documents.loc[first, "text"] = tiny.documents.loc[first, "text"].str.replace("word", "zzzz")
    counts = qlr.track.matrix(tiny).tidy
    assert cell(counts, "A", "W1", "assets.needs") == 2
    placed = qlr.track.ladder(tiny, facet="delivery").set_index(["case_id", "wave_id"])
    trail = qlr.track.ladder(tiny, facet="delivery").evidence.set_index(["case_id", "wave_id"])
    assert placed.loc[("A", "W1"), "weight"] == 2 and trail.loc[[("A", "W1")], "quote"].tolist() == ["zzzz"]
    assert trail.loc[[("A", "W2")], "quote"].tolist() == ["word"]  # quoted from its own document, not a shifted row


def test_change_lists_missing_waves_however_many_waves():
    waves = [f"W{k}" for k in range(1, 71)]
    missed = {"W10", "W66"}
    documents = [{"doc_id": f"A_{w}", "case_id": "A", "wave_id": w, "kind": "interview", "text": "R: word"} for w in waves if w not in missed]
    documents += [{"doc_id": f"B_{w}", "case_id": "B", "wave_id": w, "kind": "interview", "text": "R: word"} for w in waves]
    study = qlr.Study(
        "diary",
        cases=pd.DataFrame({"case_id": ["A", "B"]}),
        waves=pd.DataFrame({"wave_id": waves, "order": range(1, 71)}),
        documents=pd.DataFrame(documents),
        codebooks={"tiny": Codebook.from_yaml(CODEBOOK)},
    )
    changes = qlr.track.change(study).set_index(["case_id", "code_id"])
    assert changes.loc[("A", "assets.skills"), "missing_waves"] == "W10 (missed), W66 (missed)"
    assert changes.loc[("A", "assets.skills"), "waves_seen"] == 68 and pd.isna(changes.loc[("B", "assets.skills"), "missing_waves"])


def test_change_of_a_study_without_waves_is_empty():
    study = qlr.Study("empty", codebooks={"tiny": Codebook.from_yaml(CODEBOOK)})
    assert qlr.track.change(study).empty


def test_results_share_one_display(tiny):
    """Matrix, Placements, Transitions, Dynamics and Portrait: a one-line repr and escaped, script-free HTML."""
    import copy
    import pickle

    tiny.cases.loc[tiny.cases["case_id"] == "A", "site"] = "<script>alert(1)</script>"
    placements = qlr.track.ladder(tiny, by="site", facet="delivery")
    results = [
        qlr.track.matrix(tiny, rows="site", cols="theme"),
        placements,
        qlr.track.transitions(qlr.track.ladder(tiny, facet="delivery"), levels=[0, 1, 2, 3]),
        qlr.net.dynamics({"W1": nx.DiGraph([("a", "b")]), "W2": nx.DiGraph([("a", "b"), ("b", "a")])}),
        qlr.track.portrait(tiny, "A"),
    ]
    for result in results:
        name = type(result).__name__
        assert repr(result).startswith(f"<{name}") and "\n" not in repr(result)
        page = result._repr_html_()
        assert page.startswith(f"<div class='qlr-result'><div><b>{name}</b>") and "<script" not in page
    assert "&lt;script&gt;" in results[0]._repr_html_() and "&lt;script&gt;" in placements._repr_html_()
    # Placements survive copying and pickling, and still read like their table.
    for twin in (copy.deepcopy(placements), pickle.loads(pickle.dumps(placements))):
        pd.testing.assert_frame_equal(twin.table, placements.table)
        assert twin.ladder == placements.ladder and list(twin["site"]) == list(placements["site"])


def test_a_placement_from_negative_evidence_alone_is_a_ceiling_and_said():
    """A third new user read "1 Contribution" resting only on "Everything's decided for us": such rows are marked."""
    from qlr.report._html import _negative_only_note

    coded_sample = qlr.load("data/sample", progress=False).apply("coproduction", progress=False)
    placements = qlr.track.ladder(coded_sample)
    table, evidence = placements.table, placements.evidence
    keys = ["case_id", "wave_id", "facet"]
    polarities = evidence.groupby(keys)["polarity"].agg(set)
    capped = table[table["negative_only"]]
    assert len(capped) and (capped["level"] > 0).all() and (capped["status"] == "placed").all()
    for row in capped.itertuples(index=False):
        assert polarities[(row.case_id, row.wave_id, row.facet)] == {"negative"}
    # Level 0 is the floor, never a ceiling; a missing or unplaced row is never marked.
    assert not table.loc[(table["level"] == 0).fillna(False) | (table["status"] != "placed"), "negative_only"].any()
    first = capped.iloc[0]
    text = qlr.track.portrait(coded_sample, first["case_id"], placements=placements).markdown
    assert f"from negative evidence only, so at most {first['level']}" in text
    note = _negative_only_note(placements)
    assert f"{qlr._words.number_of(len(capped), 'placement')} rest{'s' if len(capped) == 1 else ''} on negative evidence only" in note and f"{first['case_id']} {first['wave_id']} {first['facet']}" in note


def test_a_line_coded_whole_is_quoted_from_its_turns_first_word(tmp_path):
    """qc codes whole lines, "[00:00:33] Tom: " and the line end included: quotes start at Tom's words."""
    lines = [
        "[00:00:05] Interviewer: How is the group these days?",
        "[00:00:33] Tom: Better. We run the rota ourselves now.",
        "[00:01:02] Interviewer: And the planning?",
        "[00:01:10] Tom: We plan the sessions together with the staff.",
    ]
    text = "\n".join(lines) + "\n"
    (tmp_path / "Tom_W1_interview.txt").write_text(text, encoding="utf-8")
    study = qlr.load(tmp_path / "Tom_W1_interview.txt", progress=False)
    doc = study.documents["doc_id"].iloc[0]
    stored = study.documents["text"].iloc[0]
    for line, code in ((lines[1], "power.co_leading"), (lines[3], "power.co_designing")):
        start = stored.index(line)
        study.code(doc, start, start + len(line) + 1, code, coder="jb")  # the line and its end, as qc selects it
    quotes = qlr.track.quotes(study, codebook="coproduction")
    assert sorted(quotes["quote"]) == ["Better. We run the rota ourselves now.", "We plan the sessions together with the staff."]
    assert (quotes["end"] - quotes["start"] > quotes["quote"].str.len()).all(), "the codings keep their spans"
    evidence = qlr.track.ladder(study, codebook="coproduction", min_segments=1).evidence
    assert not evidence["quote"].str.contains("Tom:").any() and len(evidence)
    ordered = qlr.track.time_ordered_matrix(study, codebook="coproduction")
    shown = " ".join(str(v) for v in ordered.table.to_numpy().ravel())
    assert "Better. We run the rota ourselves now." in shown and "[00:00:33]" not in shown


def test_the_evidence_trail_adds_up_to_the_placements_weight(coded_sample):
    """A fourth new user could not see every code that moved a placement: a cited passage's other codes now show."""
    pl = qlr.track.ladder(coded_sample, facet="delivery")
    trail = pl.evidence.groupby(["case_id", "wave_id"])[["passage_weight", "other_weight"]].sum().sum(axis=1)
    weights = pl.table.set_index(["case_id", "wave_id"])["weight"]
    assert np.allclose(trail.sort_index(), weights.loc[trail.index].sort_index())
    # The sample's C01 at W1: the passage cited for time credits also holds a done-to coding that weighs against.
    first = pl.quotes(case="C01", wave="W1", facet="delivery").iloc[0]
    assert first["code_id"] == "reciprocity.time_credits" and first["other_weight"] == 2.0
    assert "negative.done_to (level 1, negative, weight 1)" in first["other_evidence"]
    # A passage with one code only has no other evidence.
    alone = pl.evidence[pl.evidence["other_weight"] == 0]
    assert len(alone) and alone["other_evidence"].isna().all()


def test_a_drop_outs_trajectory_says_when_it_left_and_how_it_went_before():
    # A fifth new user's trial: 3, then 1, then gone was only "incomplete".
    import pandas as pd

    rows = [
        ("A", "W1", 3, "placed", None), ("A", "W2", 1, "placed", None), ("A", "W3", None, "missing", "dropped out"),
        ("B", "W1", 1, "placed", None), ("B", "W2", 2, "placed", None), ("B", "W3", 3, "placed", None),
        ("C", "W1", 2, "placed", None), ("C", "W2", None, "missing", "dropped out"), ("C", "W3", None, "missing", "dropped out"),
        ("D", "W1", 2, "placed", None), ("D", "W2", None, "missing", "missed"), ("D", "W3", 2, "placed", None),
    ]
    pl = pd.DataFrame(rows, columns=["case_id", "wave_id", "level", "status", "reason"]).assign(facet="delivery")
    table = qlr.track.trajectories(pl).set_index("case_id")
    assert table["type"].tolist() == ["incomplete", "advancing", "incomplete", "incomplete"]
    assert table.loc["A", ["dropped_out", "type_before"]].tolist() == ["W3", "declining"]
    assert table.loc["C", ["dropped_out", "type_before"]].tolist() == ["W2", "incomplete"]  # one wave is no story
    assert table.loc[["B", "D"], "dropped_out"].isna().all() and table.loc[["B", "D"], "type_before"].isna().all()
