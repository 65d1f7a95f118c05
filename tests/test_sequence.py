"""Trajectory sequences: states, distances, clusters and indicators against hand-worked answers (and Sequenzo, opt-in)."""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import subprocess
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.errors import InvalidParameterError, SelectionError

from .conftest import SAMPLE

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

WAVES = ["W1", "W2", "W3"]


def placements(levels: dict[str, list], facet: str = "d") -> pd.DataFrame:
    """A placements table from ``{case: [level or None or "insufficient", …]}`` (None: not seen)."""
    rows = []
    for case, values in levels.items():
        for wave, value in zip(WAVES, values):
            status = "missing" if value is None else "insufficient evidence" if value == "insufficient" else "placed"
            rows.append({"case_id": case, "wave_id": wave, "facet": facet, "status": status, "level": value if status == "placed" else None})
    return pd.DataFrame(rows)


# The four sequences every hand calculation below uses (and the Sequenzo check too).
FOUR = {"A": [1, 2, 3], "B": [1, 1, 2], "C": [2, None, 0], "D": [0, 0, 0]}


@pytest.fixture(scope="module")
def four():
    return qlr.track.sequences(placements(FOUR))


# States --------------------------------------------------------------------------------------


def test_every_wave_without_a_level_says_why():
    seqs = qlr.track.sequences(placements({"late": [None, 1, 2], "gap": [1, None, 2], "left": [1, "insufficient", None], "never": [None, None, None]}))
    assert seqs.levels.loc[("late", "d")].tolist() == ["not yet joined", "1", "2"]
    assert seqs.levels.loc[("gap", "d")].tolist() == ["1", "missed", "2"]
    assert seqs.levels.loc[("left", "d")].tolist() == ["1", "insufficient evidence", "dropped out"]
    assert seqs.levels.loc[("never", "d")].tolist() == ["absent"] * 3
    # A change takes the state of the wave that holds no level, the later one first.
    assert seqs.changes.loc[("late", "d")].tolist() == ["not yet joined", "+1"]
    assert seqs.changes.loc[("gap", "d")].tolist() == ["missed", "missed"]
    assert seqs.changes.loc[("left", "d")].tolist() == ["insufficient evidence", "dropped out"]


def test_the_design_decides_when_the_study_attrition_is_given():
    table = placements({"E01": [1, None, 2]})
    attrition = pd.DataFrame({"W1": ["present"], "W2": ["not scheduled"], "W3": ["present"]}, index=pd.Index(["E01"], name="case_id"))
    assert qlr.track.sequences(table).levels.iloc[0].tolist() == ["1", "missed", "2"]
    assert qlr.track.sequences(table, attrition=attrition).levels.iloc[0].tolist() == ["1", "not scheduled", "2"]


def test_the_sample_carers_sequences_show_the_designed_attrition(coded_sample):
    carers = coded_sample.sel(role="carer")
    seqs = qlr.track.sequences(qlr.track.ladder(carers), attrition=carers.attrition())
    levels = seqs.channel(kind="levels", facet="delivery")
    assert levels.loc["C06", "W3"] == "dropped out"  # Farid takes a full-time job
    assert levels.loc["C08", "W2"] == "missed"  # Hannah's mother's stroke
    assert levels.loc["C11", "W1"] == "not yet joined"  # Kofi comes at W2
    # The alphabet is the whole ladder, then the attrition states that occur.
    assert seqs.alphabets["levels"][:5] == ["0", "1", "2", "3", "4"]


# Costs and distances, worked by hand ---------------------------------------------------------


def test_ordinal_costs_are_ladder_steps_and_attrition_its_own(four):
    costs = qlr.track.substitution_costs(four)
    assert list(costs.index) == ["0", "1", "2", "3", "missed"]
    assert costs.loc["0", "3"] == 3 and costs.loc["1", "2"] == 1
    # auto: the mean over the six pairs of levels (1+2+3+1+2+1) / 6 = 10/6.
    assert costs.loc["missed", "2"] == pytest.approx(10 / 6)
    assert qlr.track.substitution_costs(four, attrition_cost=5).loc["missed", "0"] == 5
    assert (qlr.track.substitution_costs(four, substitution="constant").to_numpy() == 1 - np.eye(5)).all()


def test_transition_costs_follow_the_observed_moves(four):
    # Moves: A 1→2, 2→3; B 1→1, 1→2; C 2→missed, missed→0; D 0→0, 0→0.
    # p(2|1) = 2/3 (two of the three moves out of 1), p(1|2) = 0 → 2 - 2/3 - 0 = 4/3;
    # p(3|2) = 1/2, p(2|3) = 0 (3 is never left) → 2 - 1/2 = 3/2; p(1|0) = p(0|1) = 0 → 2.
    costs = qlr.track.substitution_costs(four, substitution="transition")
    assert costs.loc["1", "2"] == pytest.approx(4 / 3)
    assert costs.loc["2", "3"] == pytest.approx(3 / 2)
    assert costs.loc["0", "1"] == pytest.approx(2)


def test_hamming_sums_the_costs_position_by_position(four):
    d = qlr.track.sequence_distances(four, method="hamming", attrition_cost=2)
    # A 1 2 3 vs B 1 1 2: 0 + 1 + 1 = 2;  A vs C 2 missed 0: 1 + 2 + 3 = 6;  C vs D 0 0 0: 2 + 2 + 0 = 4.
    assert (d.loc["A", "B"], d.loc["A", "C"], d.loc["C", "D"]) == (2, 6, 4)
    # Constant costs: the number of waves that differ.
    assert qlr.track.sequence_distances(four, method="hamming", substitution="constant").loc["A", "B"] == 2


def test_optimal_matching_prices_a_late_move_below_hamming():
    seqs = qlr.track.sequences(placements({"early": [0, 3, 3], "late": [0, 0, 3]}))
    # Hamming: only W2 differs, by 3 levels → 3.
    assert qlr.track.sequence_distances(seqs, method="hamming").loc["early", "late"] == 3
    # OM with indel 1: delete late's second 0, insert a 3 → 0 3 3: two indels = 2.
    assert qlr.track.sequence_distances(seqs, method="om", indel=1).loc["early", "late"] == 2
    # auto indel is half the dearest substitution (3 / 2), so the indels cost 3, as much as substituting.
    assert qlr.track.sequence_distances(seqs, method="om").loc["early", "late"] == 3


def test_om_on_the_four_sequences(four):
    d = qlr.track.sequence_distances(four, method="om", indel=1.5, attrition_cost=2)
    # A 1 2 3 vs C 2 missed 0: delete A's 1 (1.5), keep 2, 3 → missed (2), insert 0 (1.5) = 5,
    # cheaper than Hamming's 6.
    assert d.loc["A", "C"] == 5
    assert d.loc["A", "D"] == 6  # 1 + 2 + 3 position by position; every indel route costs more


def test_lcs_is_the_lengths_less_twice_the_common_subsequence(four):
    d = qlr.track.sequence_distances(four, method="lcs")
    # A 1 2 3, B 1 1 2: the common subsequence 1 2 has length 2 → 3 + 3 - 4 = 2.
    # A vs C 2 missed 0: only "2" in common → 3 + 3 - 2 = 4; A vs D: nothing → 6.
    assert (d.loc["A", "B"], d.loc["A", "C"], d.loc["A", "D"]) == (2, 4, 6)


def test_multichannel_distances_align_both_facets_together():
    table = pd.concat([placements({"A": [1, 2, 2], "B": [1, 1, 2]}, "d"), placements({"A": [0, 0, 0], "B": [0, 2, 0]}, "e")])
    seqs = qlr.track.sequences(table)
    # Hamming: facet d differs by 1 at W2, facet e by 2 at W2 → 1 + 2 = 3; weighting d twice → 2 + 2 = 4.
    assert qlr.track.sequence_distances(seqs, method="hamming").loc["A", "B"] == 3
    assert qlr.track.sequence_distances(seqs, method="hamming", weights={"d": 2}).loc["A", "B"] == 4
    # OM with indel 1 per facet (2 per position): substituting W2's pair costs 3, deleting and
    # inserting a pair 4 → 3.
    assert qlr.track.sequence_distances(seqs, method="om", indel=1).loc["A", "B"] == 3
    # LCS over pairs: (1,0) and (2,0) at W3 of A… A = (1,0)(2,0)(2,0), B = (1,0)(1,2)(2,0):
    # common (1,0)(2,0) → 3 + 3 - 4 = 2.  One facet alone: d's 1 2 2 vs 1 1 2 also gives 2.
    assert qlr.track.sequence_distances(seqs, method="lcs").loc["A", "B"] == 2
    assert qlr.track.sequence_distances(seqs, method="lcs", facet="e").loc["A", "B"] == 2


def test_distance_options_are_checked(four):
    with pytest.raises(InvalidParameterError, match="did you mean 'hamming'"):
        qlr.track.sequence_distances(four, method="haming")
    with pytest.raises(InvalidParameterError):
        qlr.track.sequence_distances(four, kind="level")
    with pytest.raises(SelectionError, match="weights"):
        qlr.track.sequence_distances(four, weights={"x": 1})


# Indicators, worked by hand ------------------------------------------------------------------


def test_indicators_of_the_four_sequences(four):
    table = qlr.track.sequence_indicators(four).set_index("case_id")
    # Alphabet 0 1 2 3 missed (a = 5).
    # A 1 2 3: q = 2; h = ln 3 / ln 5 = 0.6826; spells 1,1,1: φ(1 2 3) = 8, s² = 0, s²max = 2·0 = 0
    # → T = log2 8 = 3; C = sqrt(2/2 · 0.6826) = 0.8262.
    assert table.loc["A", "transitions"] == 2
    assert table.loc["A", "entropy"] == pytest.approx(math.log(3) / math.log(5))
    assert table.loc["A", "turbulence"] == pytest.approx(3)
    assert table.loc["A", "complexity"] == pytest.approx(math.sqrt(math.log(3) / math.log(5)))
    # B 1 1 2: q = 1; h = -(2/3 ln 2/3 + 1/3 ln 1/3) / ln 5; spells 2,1 (mean 1.5, s² = 0.25),
    # φ(1 2) = 4, s²max = 1·(1 - 1.5)² = 0.25 → T = log2(4 · 1.25 / 1.25) = 2.
    h = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)) / math.log(5)
    assert table.loc["B", "entropy"] == pytest.approx(h)
    assert table.loc["B", "turbulence"] == pytest.approx(2)
    assert table.loc["B", "complexity"] == pytest.approx(math.sqrt(1 / 2 * h))
    # D 0 0 0: nothing moves: q = 0, h = 0, one spell (φ = 2: empty and "0") → T = 1, C = 0.
    assert table.loc["D", ["transitions", "entropy", "turbulence", "complexity"]].tolist() == [0, 0, 1, 0]


def test_turbulence_counts_distinct_subsequences_and_uneven_spells():
    seqs = qlr.track.sequences(pd.DataFrame({"case_id": "A", "wave_id": [f"W{i}" for i in range(5)], "facet": "d", "level": [1, 1, 1, 2, 1]}))
    # DSS 1 2 1: subsequences "", 1, 2, 11, 12, 21, 121 → φ = 7; spells 3, 1, 1: mean 5/3,
    # s² = ((4/3)² + 2·(2/3)²) / 3 = 8/9; s²max = 2·(1 - 5/3)² = 8/9 → T = log2 7.
    assert qlr.track.sequence_indicators(seqs).loc[0, "turbulence"] == pytest.approx(math.log2(7))


def test_state_distribution_and_entropy_across_waves(four):
    dist = qlr.track.state_distribution(four).set_index("position")
    # W2: A 2, B 1, C missed, D 0 → four states, a quarter each: entropy ln 4 / ln 5.
    assert dist.loc["W2", ["0", "1", "2", "missed"]].tolist() == [0.25] * 4
    assert dist.loc["W2", "entropy"] == pytest.approx(math.log(4) / math.log(5))
    assert dist[["0", "1", "2", "3", "missed"]].sum(axis=1).tolist() == pytest.approx([1, 1, 1])


# Clusters --------------------------------------------------------------------------------------


def test_silhouette_widths_by_hand_and_as_scikit_learn_computes_them():
    from sklearn.metrics import silhouette_samples

    d = pd.DataFrame([[0, 1, 4, 5], [1, 0, 3, 4], [4, 3, 0, 2], [5, 4, 2, 0]], index=list("ABCD"), columns=list("ABCD"))
    widths = qlr.track.silhouette_widths(d, [1, 1, 2, 2])
    # A: a = 1, b = (4 + 5) / 2 = 4.5 → (4.5 - 1) / 4.5 = 7/9.
    assert widths[0] == pytest.approx(7 / 9)
    assert widths == pytest.approx(silhouette_samples(d.to_numpy(), [1, 1, 2, 2], metric="precomputed"))


def test_pam_finds_the_best_medoids():
    rng = np.random.default_rng(7)
    points = rng.normal(size=(9, 2))
    d = pd.DataFrame(np.linalg.norm(points[:, None] - points[None], axis=2))
    types = qlr.track.sequence_clusters(d, method="pam", k=3)
    medoids = [int(m) for m in types.medoids["case_id"]]
    total = d.to_numpy()[:, medoids].min(axis=1).sum()
    best = min(d.to_numpy()[:, list(trio)].min(axis=1).sum() for trio in itertools.combinations(range(9), 3))
    assert total == pytest.approx(best)


def test_the_number_of_types_is_the_best_average_silhouette():
    d = pd.DataFrame([[0, 1, 6, 6, 9, 9], [1, 0, 6, 6, 9, 9], [6, 6, 0, 1, 9, 9], [6, 6, 1, 0, 9, 9], [9, 9, 9, 9, 0, 1], [9, 9, 9, 9, 1, 0]], index=list("ABCDEF"), columns=list("ABCDEF"))
    for method in qlr.track.CLUSTER_METHODS:
        types = qlr.track.sequence_clusters(d, method=method)
        assert types.k == 3 and types.silhouettes.set_index("k")["silhouette"].idxmax() == 3
        assert types.table["cluster"].tolist() == [1, 1, 2, 2, 3, 3]
        assert types.medoids["case_id"].tolist() == ["A", "C", "E"]  # ties go to the first case


def designed_types() -> dict[str, str]:
    with open(Path(SAMPLE) / "designed_levels.csv", encoding="utf-8") as handle:
        return {row["case_id"]: row["trajectory"] for row in csv.DictReader(handle)}


def designed_at_every_wave() -> set[str]:
    """The sample's carers designed at all three waves (not Kofi, who joined at W2, nor the incomplete ones)."""
    with open(Path(SAMPLE) / "designed_levels.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["case_id"] for row in rows} - {row["case_id"] for row in rows if not row["level"]}


def test_clusters_of_change_sequences_group_the_sample_story_types(coded_sample):
    types = designed_types()
    complete = sorted(designed_at_every_wave())
    carers = coded_sample.sel(case=complete)
    seqs = qlr.track.sequences(qlr.track.ladder(carers, facet="delivery"))
    clusters = qlr.track.sequence_clusters(qlr.track.sequence_distances(seqs, kind="changes"))
    groups = clusters.table.groupby("cluster")["case_id"].apply(list).tolist()
    # Each type of change holds one designed story only …
    assert all(len({types[case] for case in group}) == 1 for group in groups), groups
    # … the stable, declining and fluctuating stories each make one type, and advancing splits
    # by its pace (a step a wave, C01 and C02; a jump then holding on, C07 and C10).
    assert sorted(map(sorted, groups)) == [["C01", "C02"], ["C03", "C04"], ["C05"], ["C07", "C10"], ["C09"]]
    # Clusters of the level sequences group where cases stand instead, mixing the stories.
    by_level = qlr.track.sequence_clusters(qlr.track.sequence_distances(seqs, kind="levels"))
    mixed = by_level.table.groupby("cluster")["case_id"].apply(lambda group: len({types[case] for case in group}))
    assert (mixed > 1).any()



def test_each_type_brings_its_medoids_pen_portrait_with_the_levels_it_was_typed_by(coded_sample):
    carers = coded_sample.sel(role="carer")
    placed = qlr.track.ladder(carers, facet="delivery")
    types = qlr.track.sequence_clusters(qlr.track.sequence_distances(qlr.track.sequences(placed), kind="changes"))
    examples = types.portraits(carers, placements=placed, facet="delivery")
    assert list(examples) == types.medoids["cluster"].tolist()
    for cluster, case in zip(types.medoids["cluster"], types.medoids["case_id"]):
        portrait = examples[cluster]
        assert portrait.case_id == case and f"({case})" in portrait.title
        stood = dict(portrait.sections)["Where they stood"]
        # The portrait shows the levels of the placements given, one line per wave, on the facet typed.
        levels = placed.table[placed.table["case_id"] == case].set_index("wave_id")["level"]
        for wave, level in levels.dropna().items():
            assert any(line.startswith(f"- **{wave}** [delivery]: {int(level)} ") for line in stood), (case, wave, stood)
    # A study without the medoid cannot portray it, and says which case is missing.
    medoid = types.medoids["case_id"].iloc[0]
    others = [case for case in carers.cases["case_id"] if case != medoid]
    with pytest.raises(SelectionError, match=medoid):
        types.portraits(carers.sel(case=others), placements=placed)

# Figures ---------------------------------------------------------------------------------------


def test_sequence_figures_are_axes_and_deterministic(four, tmp_path):
    types = qlr.track.sequence_clusters(qlr.track.sequence_distances(four), k=2)
    drawings = {
        "distribution": lambda: qlr.plot.sequence_distribution(four),
        "index": lambda: qlr.plot.sequence_index(four, clusters=types),
        "entropy": lambda: qlr.plot.sequence_entropy(four, kind="changes"),
    }
    for name, draw in drawings.items():
        first, second = tmp_path / f"{name}1.png", tmp_path / f"{name}2.png"
        ax = draw()
        assert isinstance(ax, matplotlib.axes.Axes)
        qlr.plot.save_png(ax.figure, first)
        qlr.plot.save_png(draw().figure, second)
        assert first.read_bytes() == second.read_bytes()
        plt.close("all")
    ax = qlr.plot.sequence_index(four, clusters=types)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(label.rstrip(" ◆") for label in labels) == ["A", "B", "C", "D"]
    assert sum(label.endswith("◆") for label in labels) == 2  # one medoid per type
    plt.close("all")


# Sequenzo, in its own environment (make oracles) -----------------------------------------------


def sequenzo_cases(name: str, coded_sample) -> tuple[qlr.track.Sequences, str, pd.DataFrame]:
    """(sequences, kind, the one facet's table) of one comparison with Sequenzo."""
    if name == "four":
        seqs, kind = qlr.track.sequences(placements(FOUR)), "levels"
    else:
        carers = coded_sample.sel(role="carer")
        seqs = qlr.track.sequences(qlr.track.ladder(carers, facet="delivery"), attrition=carers.attrition())
        kind = name.split("-")[1]
    table = seqs.channel(kind=kind, facet=seqs.facets[0])
    return seqs, kind, table


@pytest.mark.skipif(not os.environ.get("QLR_SEQUENZO"), reason="set QLR_SEQUENZO to the Python of an environment with sequenzo (make oracles)")
@pytest.mark.parametrize("name", ["four", "sample-levels", "sample-changes"])
def test_distances_and_indicators_equal_sequenzo(name, coded_sample):
    seqs, kind, table = sequenzo_cases(name, coded_sample)
    costs = qlr.track.substitution_costs(seqs, kind=kind, attrition_cost=2)
    alphabet = seqs.alphabets[kind]
    given = {"sequences": table.to_numpy().tolist(), "states": alphabet, "sm": costs.to_numpy().tolist(), "indel": 1.5}
    script = Path(__file__).parent / "oracles" / "sequenzo_oracle.py"
    done = subprocess.run([os.environ["QLR_SEQUENZO"], str(script)], input=json.dumps(given), capture_output=True, text=True, check=True, timeout=600)
    theirs = json.loads(done.stdout)
    ours = {
        "om": qlr.track.sequence_distances(seqs, kind=kind, method="om", indel=1.5, attrition_cost=2),
        "hamming": qlr.track.sequence_distances(seqs, kind=kind, method="hamming", attrition_cost=2),
        "lcs": qlr.track.sequence_distances(seqs, kind=kind, method="lcs"),
    }
    for method, distances in ours.items():
        assert distances.to_numpy() == pytest.approx(np.array(theirs[method]), abs=1e-9), method
    indicators = qlr.track.sequence_indicators(seqs, kind=kind)
    for column in ("entropy", "turbulence", "complexity"):
        assert indicators[column].tolist() == pytest.approx(theirs[column], abs=1e-9), column
    # TRATE between levels (Sequenzo puts a row and column for its missing state first);
    # qlr prices attrition states with attrition_cost instead, by design.
    levels = [i for i, state in enumerate(alphabet) if state not in qlr.track.SEQUENCE_STATES]
    trate = np.array(theirs["trate"])[1:, 1:][np.ix_(levels, levels)]
    ours_trate = qlr.track.substitution_costs(seqs, kind=kind, substitution="transition").to_numpy()[np.ix_(levels, levels)]
    assert ours_trate == pytest.approx(trate, abs=1e-9)


# The report's section ----------------------------------------------------------------------------


@pytest.mark.parametrize("codebook", ["coproduction", "durose_richardson"])  # with a ladder, and without one
def test_the_reports_progress_bar_counts_every_section_it_writes(sample_study, tmp_path, monkeypatch, codebook):
    import tqdm.auto

    bars = []

    class Recording:
        def __init__(self, *, total, **options):
            self.total, self.done = total, 0
            bars.append(self)

        def update(self, steps=1):
            self.done += steps

        def close(self):
            pass

    monkeypatch.setattr(tqdm.auto, "tqdm", Recording)
    # A codebook without a ladder reports only as the study's own codebook (an imported project's).
    study = sample_study.copy() if codebook == "coproduction" else sample_study.copy().apply(codebook, progress=False)
    page = qlr.report.write_report(study, tmp_path, codebook=codebook, role="carer", progress=False)
    sections = page.read_text(encoding="utf-8").count("<section id=")
    # One step per section: the bar ends full, neither short of it nor past it.
    assert len(bars) == 1 and bars[0].done == bars[0].total
    # Without a ladder one note stands for the ladder's four sections (placements, trajectories, types, stages).
    assert bars[0].total == sections + (0 if codebook == "coproduction" else 3)


def test_the_report_shows_trajectory_types_with_links_to_the_medoids_portraits(sample_study, tmp_path):
    import re

    page = qlr.report.write_report(sample_study.copy(), tmp_path, codebook="coproduction", role="carer", progress=False)
    text = page.read_text(encoding="utf-8")
    assert "<h2>Trajectory types and turning points (carers)" in text
    section = re.search(r"<section id='sequences'>.*?</section>", text, flags=re.S).group(0)
    links = re.findall(r"href='#(portrait-[^']+)'", section)
    assert links and all(f"id='{anchor}'" in text for anchor in links)  # every medoid link lands on a portrait
    types = pd.read_csv(tmp_path / "tables" / "sequence_types.csv")
    medoids = types[types["medoid"]]
    assert {f"portrait-{case}" for case in medoids["case_id"]} == set(links)
    # Every turning point in the table is in the page with its passage.
    turning = pd.read_csv(tmp_path / "tables" / "turning_points.csv")
    assert len(turning) == section.count("<blockquote dir='auto'>") and len(turning) > 0


def test_changes_of_a_single_wave_are_refused_with_a_fix():
    # One wave: each sequence of changes has no position, so there is nothing to align.
    one = pd.DataFrame({"case_id": ["A", "B"], "wave_id": ["W1", "W1"], "facet": "d", "level": [1, 2]})
    with pytest.raises(SelectionError, match="need at least two waves"):
        qlr.track.sequence_distances(qlr.track.sequences(one), kind="changes")
    # Levels of one wave still compare: one substitution of ordinal distance 1.
    assert qlr.track.sequence_distances(qlr.track.sequences(one), method="hamming").loc["A", "B"] == 1
