"""Epistemic networks (qlr.net.ena): hand-worked arithmetic, invariants, the sample's story, and pyena as oracle."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import qlr
from qlr.errors import InvalidParameterError, SelectionError
from qlr.net import _ena


@pytest.fixture(scope="module")
def carers(coded_sample):
    return coded_sample.sel(role="carer")


@pytest.fixture(scope="module")
def by_wave(carers):
    return qlr.net.ena(carers, rotation=("W3", "W1"))


# ------------------------------------------------------------ hand-worked arithmetic
def test_pairs_follow_renas_order():
    first, second = _ena.pair_order(4)
    assert list(zip(first.tolist(), second.tolist())) == [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


def test_a_segment_connects_its_codes_to_its_stanza_only():
    # Codes a, b, c; one conversation of four segments, then a second of one.
    presence = np.array(
        [
            [1, 0, 0],  # s0: a           -> nothing before it: no pair (a alone)
            [0, 1, 0],  # s1: b           -> a in s0: a&b
            [0, 0, 0],  # s2: nothing     -> no code here, so nothing connects
            [0, 0, 1],  # s3: c           -> window 3 reaches s1, s2: b&c (a in s0 is out of reach)
            [0, 0, 1],  # t0: c, new talk -> the other conversation is not looked at
        ]
    )
    conversation = np.array(["x", "x", "x", "x", "y"])
    connected = _ena.stanza_connections(presence, conversation, window=3)
    # columns: a&b, a&c, b&c
    assert connected.tolist() == [[0, 0, 0], [1, 0, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0]]
    # With a window of 4, s3 reaches s0 too: a&c and b&c.
    assert _ena.stanza_connections(presence, conversation, window=4)[3].tolist() == [0, 1, 1]


def test_two_codes_in_one_segment_connect_and_earlier_pairs_are_not_counted_again():
    # s0 holds a and b; s1 holds c.  s1 connects c to a and to b, but not a to b again.
    presence = np.array([[1, 1, 0], [0, 0, 1]])
    connected = _ena.stanza_connections(presence, np.array(["x", "x"]), window=4)
    assert connected.tolist() == [[1, 0, 0], [0, 1, 1]]


def test_sphere_normalisation_gives_length_one_and_leaves_zero_alone():
    vectors = _ena.sphere_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert vectors.tolist() == [[0.6, 0.8], [0.0, 0.0]]


def test_means_rotation_puts_the_whole_group_difference_on_the_first_axis():
    rng = np.random.default_rng(3)
    data = rng.random((12, 6))
    centred = data - data.mean(axis=0)
    first, second = np.arange(12) < 6, np.arange(12) >= 6
    axes = _ena.means_axes(centred, first, second, dimensions=3)
    points = centred @ axes
    gap = points[first].mean(axis=0) - points[second].mean(axis=0)
    assert gap[0] > 0 and np.allclose(gap[1:], 0, atol=1e-12)
    assert np.allclose(axes.T @ axes, np.eye(3), atol=1e-12)  # orthonormal axes


def test_effect_sizes_by_hand():
    # U for the first group: every one of its 3 values beats every one of the 3 others -> U = 9, r = 2*9/9 - 1 = 1.
    # Cohen's d: means 5 and 2, both variances 1, pooled sd 1 -> d = 3.
    table = _ena.compare_values(np.array([4.0, 5.0, 6.0]), np.array([1.0, 2.0, 3.0])).set_index("test")
    assert table.loc["Mann-Whitney U", "effect_size"] == 1.0
    assert table.loc["Welch t", "effect_size"] == pytest.approx(3.0)
    assert table.loc["Mann-Whitney U", "statistic"] == 9.0


def test_paired_effect_sizes_by_hand_and_as_scipy_tests():
    # Differences 1, 2, 3, -4, 5: ranks of |d| are 1..5, T+ = 1+2+3+5 = 11, T- = 4,
    # matched-pairs rank-biserial r = (11 - 4) / 15 = 7/15.
    first, second = np.array([2.0, 4.0, 6.0, 0.0, 10.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    table = _ena.paired_values(first, second).set_index("test")
    assert table.loc["Wilcoxon signed-rank", "effect_size"] == pytest.approx(7 / 15)
    # Two-sided statistic min(T+, T-) = 4; exact p: of the 2^5 = 32 sign patterns, 7 give a T- of 4 or less
    # ({}, {1}, {2}, {3}, {4}, {1,2}, {1,3}), so p = 2 * 7/32.
    assert table.loc["Wilcoxon signed-rank", "statistic"] == 4.0
    assert table.loc["Wilcoxon signed-rank", "p"] == pytest.approx(14 / 32)
    # Paired t: mean difference 1.4, sd sqrt(45.2 / 4); d_z = 1.4 / sd, t = d_z * sqrt(5).
    sd = np.sqrt(45.2 / 4)
    assert table.loc["paired t", "effect_size"] == pytest.approx(1.4 / sd)
    assert table.loc["paired t", "statistic"] == pytest.approx(1.4 / sd * np.sqrt(5))
    assert table.loc["paired t", "p"] == pytest.approx(stats.ttest_rel(first, second).pvalue)
    assert table.loc["Wilcoxon signed-rank", "p"] == pytest.approx(stats.wilcoxon(first, second).pvalue)
    # Zeros are left out and ties share their rank: d = 1, 1, -2, 0 -> ranks 1.5, 1.5, 3 -> T+ = T- = 3, r = 0.
    assert _ena.signed_rank_biserial(np.array([1.0, 1.0, -2.0, 0.0])) == 0.0
    assert _ena.signed_rank_biserial(np.array([0.5, 2.0, 0.0])) == 1.0  # every pair that moved, moved up
    with pytest.raises(SelectionError, match="paired=False"):
        _ena.paired_values(np.array([1.0]), np.array([2.0]))


def test_node_positions_recover_a_perfect_fit():
    # Points made exactly from node weights and known positions are fitted back exactly.
    rng = np.random.default_rng(7)
    normalised = _ena.sphere_normalise(rng.random((10, 6)))  # 4 codes -> 6 pairs
    weights = _ena.node_weights(normalised, 4)
    assert np.allclose(weights.sum(axis=1), 1)
    truth = rng.normal(size=(4, 2))
    positions = _ena.node_positions(weights, weights @ truth)
    assert np.allclose(positions, truth)
    assert np.allclose(_ena.fit_correlations(weights @ truth, weights @ positions)[["pearson", "spearman"]], 1)


# ------------------------------------------------------------ on the sample study
def test_units_are_case_by_wave_in_study_order(by_wave, carers):
    units = by_wave.units
    assert len(units) == 30  # ten carers at each of three waves
    assert units[["case_id", "wave_id"]].head(3).values.tolist() == [["C01", "W1"], ["C01", "W2"], ["C01", "W3"]]
    assert (units["group"] == units["wave_id"]).all()
    assert np.allclose(np.linalg.norm(by_wave.normalised.to_numpy(), axis=1), 1)


def test_the_fit_of_the_nodes_is_good(by_wave):
    assert (by_wave.fit[["pearson", "spearman"]] > 0.9).all().all()


def test_wave_three_sits_apart_from_wave_one_case_by_case(by_wave):
    # Units are case × wave grouped by wave, so each carer is compared with themself by default.
    table = by_wave.compare("W3", "W1").set_index("test")
    assert table["paired"].all()
    # Nine carers were seen at both waves; C06 (dropped out before W3) and C11 (joined at W2) have no partner.
    assert table.loc["Wilcoxon signed-rank", ["n_first", "unpaired"]].tolist() == [9, 2]
    assert table.loc["Wilcoxon signed-rank", "p"] < 0.01 and table.loc["Wilcoxon signed-rank", "effect_size"] > 0.8
    assert table.loc["paired t", "p"] < 0.01 and table.loc["paired t", "effect_size"] > 0.8
    independent = by_wave.compare("W3", "W1", paired=False).set_index("test")
    assert not independent["paired"].any() and independent.loc["Mann-Whitney U", ["n_first", "n_second", "unpaired"]].tolist() == [10, 10, 0]
    assert independent.loc["Mann-Whitney U", "p"] < 0.01 and independent.loc["Welch t", "effect_size"] > 0.8


def test_the_paired_test_pairs_each_case_with_itself(by_wave):
    # The same numbers by hand: MR1 of each case at W3 beside W1, cases at both waves only.
    points = by_wave.units.pivot(index="case_id", columns="wave_id", values="MR1")[["W3", "W1"]].dropna()
    expected = stats.wilcoxon(points["W3"], points["W1"])
    table = by_wave.compare("W3", "W1").set_index("test")
    assert table.loc["Wilcoxon signed-rank", "statistic"] == expected.statistic
    assert table.loc["Wilcoxon signed-rank", "p"] == pytest.approx(expected.pvalue)
    assert table.loc["Wilcoxon signed-rank", "mean_first"] == pytest.approx(points["W3"].mean())
    # Per connection the same pairs: a connection's test is Wilcoxon on its normalised weights.
    weights = by_wave.normalised["reciprocity & peer_networks"].to_numpy()
    by_case = by_wave.units.assign(weight=weights).pivot(index="case_id", columns="wave_id", values="weight")[["W3", "W1"]].dropna()
    row = by_wave.difference("W3", "W1").set_index("connection").loc["reciprocity & peer_networks"]
    assert row["paired"] and row["p"] == pytest.approx(stats.wilcoxon(by_case["W3"], by_case["W1"]).pvalue)
    assert row["weight_first"] == pytest.approx(by_case["W3"].mean())


def test_wave_one_is_stronger_on_isolation_beside_staff_led_delivery(by_wave):
    # Evidence against a theme is its own node (Codebook.rollup): isolation and staff-led delivery, which pooled
    # into peer networks and facilitation before stop 41. Six carers' connection fell from W1 to W3, none rose:
    # T+ = 0, r = -1, exact two-sided p = 2/2^6.
    assert {"peer_networks (against)", "facilitation (against)", "assets (against)"} <= set(by_wave.nodes["code"])
    row = by_wave.difference("W3", "W1").set_index("connection").loc["peer_networks (against) & facilitation (against)"]
    assert row["difference"] < 0 and row["effect_size"] == -1.0 and row["p"] == pytest.approx(2 / 2**6)


def test_groups_that_are_not_waves_of_one_case_are_independent(coded_sample):
    model = qlr.net.ena(coded_sample, groups="role")
    roles = sorted(model.units["group"].unique())[:2]
    assert not model.compare(*roles)["paired"].any() and not model.difference(*roles)["paired"].any()
    with pytest.raises(InvalidParameterError, match="paired=False"):
        model.compare(*roles, paired=True)
    with pytest.raises(InvalidParameterError, match="paired"):
        model.compare(*roles, paired="yes")


@pytest.mark.parametrize(
    "pair, most_p",
    [
        # W3: "dense, reciprocal and self-organised around the Thursday Circle ... and the credit log".
        (("reciprocity", "peer_networks"), 0.05),
        # Six carers' connection changed, all up: T- = 0, r = 1, exact two-sided p = 2 * 1/2^6 = 0.03125.
        (("reciprocity", "redefining_work"), 0.03125),
    ],
)
def test_wave_three_is_stronger_on_the_connections_the_story_names_with_quotes(by_wave, carers, pair, most_p):
    difference = by_wave.difference("W3", "W1").set_index("connection")
    row = difference.loc[f"{pair[0]} & {pair[1]}"]
    assert row["difference"] > 0 and row["p"] <= most_p + 1e-12 and row["effect_size"] > 0.8
    quotes = by_wave.stanzas(*pair, group="W3")
    assert len(quotes) >= 3 and set(quotes["wave_id"]) == {"W3"}
    assert quotes["quote_a"].str.len().min() > 0 and quotes["quote_b"].str.len().min() > 0
    # The quoted segments are the study's own text.
    texts = carers.documents.set_index("doc_id")["text"]
    assert all(row.quote_a in texts[row.doc_id] and row.quote_b in texts[row.doc_id] for row in quotes.itertuples())


def test_interviewer_turns_take_places_only_when_asked(carers):
    participants = qlr.net.ena(carers).adjacency
    everyone = qlr.net.ena(carers, speakers="all").adjacency
    # A question takes a place but holds no code, so a stanza reaches fewer coded turns.
    assert (everyone <= participants).all().all() and (everyone < participants).any().any()


def test_codes_instead_of_themes(carers):
    model = qlr.net.ena(carers, granularity="code")
    assert model.nodes["code"].str.contains(".", regex=False).all()  # themes never hold a coding in the sample
    assert len(model.connections) == len(model.nodes) * (len(model.nodes) - 1) // 2


def test_bad_options_are_refused(carers):
    with pytest.raises(InvalidParameterError, match="speakers"):
        qlr.net.ena(carers, speakers="interviewers")
    with pytest.raises(InvalidParameterError, match="window"):
        qlr.net.ena(carers, window=0)
    with pytest.raises(SelectionError, match="W9"):
        qlr.net.ena(carers, rotation=("W3", "W9"))
    with pytest.raises(SelectionError, match="colour"):
        qlr.net.ena(carers, units="colour")
    with pytest.raises(SelectionError, match="several values"):
        qlr.net.ena(carers, units="case")  # a case has three waves, so no single group


def test_an_uncoded_study_says_what_to_do(sample_study):
    study = sample_study.copy()
    study.codings = study.codings.iloc[0:0]
    with pytest.raises(SelectionError, match="apply the codebook"):
        qlr.net.ena(study, codebook="coproduction")


# ------------------------------------------------------------ pyena as oracle
PYENA = os.environ.get("QLR_PYENA")


@pytest.mark.skipif(not PYENA, reason="set QLR_PYENA to the python of a venv with pyENA (make oracles)")
def test_results_equal_pyenas(by_wave, carers, tmp_path):
    lines = by_wave.presence.rename(columns={"doc_id": "conversation"})
    lines["unit"] = lines["case_id"] + " " + lines["wave_id"]
    lines["turn"] = np.arange(len(lines))
    codes = list(by_wave.nodes["code"])
    lines[["unit", "conversation", "group", "turn", *codes]].to_csv(tmp_path / "lines.csv", index=False)
    script = Path(__file__).with_name("oracle_pyena.py")
    output = subprocess.run([PYENA, str(script), str(tmp_path / "lines.csv"), "W3", "W1"], capture_output=True, text=True, check=True).stdout
    theirs = json.loads(output)
    for name, ours in (("svd", qlr.net.ena(carers)), ("means", by_wave)):
        result = theirs[name]
        order = pd.Index(result["units"]).get_indexer(ours.adjacency.index)
        assert (order >= 0).all()
        assert np.allclose(ours.adjacency.to_numpy(), np.array(result["adjacency"])[order], atol=1e-6)
        assert np.allclose(ours.normalised.to_numpy(), np.array(result["normalised"])[order], atol=1e-6)
        points = ours.units[ours.dimensions].to_numpy()
        their_points = np.array(result["points"])[order]
        # An axis is defined up to its sign; qlr fixes it (largest loading positive), pyena leaves it to LAPACK.
        sign = np.sign((points * their_points).sum(axis=0))
        assert np.allclose(points, their_points * sign, atol=1e-6)
        assert np.allclose(ours.nodes[ours.dimensions].to_numpy(), np.array(result["nodes"]) * sign, atol=1e-6)


# ------------------------------------------------------------ figures
@pytest.mark.parametrize(
    "draw",
    [
        lambda model: qlr.plot.ena_network(model, group="W1"),
        lambda model: qlr.plot.ena_difference(model, "W3", "W1"),
        lambda model: qlr.plot.ena_units(model),
    ],
    ids=["network", "difference", "units"],
)
def test_figures_are_axes_and_draw_the_same_bytes_twice(by_wave, draw, tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes

    first, second = draw(by_wave), draw(by_wave)
    assert isinstance(first, Axes) and first.get_xlabel() == "MR1"
    qlr.plot.save_png(first.figure, tmp_path / "a.png")
    qlr.plot.save_png(second.figure, tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    plt.close("all")


def test_node_labels_do_not_run_into_each_other(by_wave):
    # With theme roll-ups "Facilitation (against)" sat under Power's label at W3 (stop 41): a label that would
    # run into one already placed takes another corner of its node.
    import matplotlib.pyplot as plt

    ax = qlr.plot.ena_network(by_wave, group="W3")
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() in set(by_wave.nodes["name"])]
    assert len(labels) == len(by_wave.nodes)
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not [(a.get_text(), b.get_text()) for i, a in enumerate(labels) for j, b in enumerate(labels) if i < j and boxes[i].overlaps(boxes[j])]
    plt.close("all")


def test_the_networks_draw_on_any_canvas(by_wave, tmp_path):
    # Placing labels measured them with the Agg canvas's renderer: a PDF or SVG canvas, or a bare Figure, crashed (a review).
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    for canvas in (None, FigureCanvasPdf, FigureCanvasSVG):
        figure = Figure()
        if canvas is not None:
            canvas(figure)
        ax = qlr.plot.ena_network(by_wave, group="W3", ax=figure.add_subplot())
        assert ax.get_title().endswith("W3")
        assert qlr.plot.ena_difference(by_wave, "W3", "W1", ax=Figure().add_subplot()).figure is not None
    FigureCanvasPdf(figure).print_figure(str(tmp_path / "network.pdf"))
    assert (tmp_path / "network.pdf").read_bytes().startswith(b"%PDF")


def test_the_difference_figure_colours_each_connection_by_the_stronger_group(by_wave):
    import matplotlib.pyplot as plt

    ax = qlr.plot.ena_difference(by_wave, "W3", "W1")
    difference = by_wave.difference("W3", "W1")
    edges = [line for line in ax.get_lines() if line.get_color() != "#DDDDDD"]  # not the zero lines
    # Each wave keeps the colour it has in the units figure (W1 orange, W2 sky blue, W3 green).
    assert {line.get_color() for line in edges} == {"#009E73", "#E69F00"}  # W3 stronger somewhere, W1 elsewhere
    assert len(edges) == (difference["difference"] != 0).sum()
    strongest = difference.iloc[0]
    assert strongest["connection"] == "reciprocity & peer_networks" and edges[-1].get_color() == "#009E73"
    units = qlr.plot.ena_units(by_wave)
    legend = {means.get_label(): means.lines[0].get_color() for means in units.containers}  # each wave's mean and interval
    assert legend["W3"] == "#009E73" and legend["W1"] == "#E69F00"
    assert {line.get_color() for line in qlr.plot.ena_network(by_wave, group="W3").get_lines() if line.get_color() != "#DDDDDD"} == {"#009E73"}
    plt.close("all")


def test_the_units_figure_has_a_mean_and_interval_per_group(by_wave):
    import matplotlib.pyplot as plt

    ax = qlr.plot.ena_units(by_wave, groups=["W1", "W3"], confidence=0.9)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["W1", "W3"]
    with pytest.raises(InvalidParameterError, match="confidence"):
        qlr.plot.ena_units(by_wave, confidence=95)
    plt.close("all")


def test_one_code_alone_cannot_connect(carers):
    study = carers.copy()
    study.codings = study.codings[study.codings["code_id"].str.startswith("reciprocity").fillna(False)]
    with pytest.raises(SelectionError, match="only one code"):
        qlr.net.ena(study)
    assert len(qlr.net.ena(study, granularity="code").nodes) == 3  # its three codes connect
