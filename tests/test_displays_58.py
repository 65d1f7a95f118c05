"""Displays on data nobody here wrote (stop 58): a robust heatmap scale that holds back two or three outlying cells, long
code names shortened on figures' axes with the figure's height bounded, `qlr agreement`'s printed ids cut past a
width (the CSV keeps them whole), and the ENA plots' labels kept off the group means' markers."""

from __future__ import annotations

import re
import warnings

import matplotlib
import pandas as pd
import pytest

import qlr
from qlr.cli import CODE_ID_WIDTH, main

from .test_code_labels_56 import pytestmark  # noqa: F401  # pytestmark: the same warnings filtered
from .test_code_names_57 import _grid
from .test_new_user_57 import nvivo  # noqa: F401  # the real two-coder NVivo project, saved as a .qlr

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _limit(values):
    fig = qlr.plot.matrix_heatmap(_grid(values))
    vmax, title = fig.axes[0].images[0].norm.vmax, fig._suptitle.get_text().replace("\n", " ")
    plt.close(fig)
    return vmax, title


def test_a_robust_scale_holds_back_two_outlying_cells_of_a_few():
    # The real NVivo project's themes with a second large cell: 296 and 250 beside 18, 5, 3 …. The second-largest
    # rule stopped at 250, so every other cell stayed pale.
    vmax, title = _limit([296, 250, 18, 5, 3, 3, 1, 1] + [0] * 12)
    assert vmax == 18
    assert "colours stop at 18, the third-largest of the 8 cells above 0: 2 cells above it at full colour" in title
    # Three outliers of eight: the fourth-largest.
    assert _limit([400, 300, 250, 18, 5, 3, 3, 1] + [0] * 12)[0] == 18
    # One outlier as before (stop 57), and no gap of 5 times: run to the largest.
    assert _limit([296, 18, 5, 3, 3, 3, 1, 1] + [0] * 12)[0] == 18
    vmax, title = _limit([500, 286, 167] + [0] * 17)
    assert vmax == 500 and "colours stop" not in title
    # Half the cells large is the data, not outliers: 4 of 8 at 100s beside 4 small ones run to the largest.
    assert _limit([300, 250, 200, 150, 5, 4, 3, 2] + [0] * 12)[0] == 300


def test_a_robust_scale_holds_back_two_outliers_the_percentile_cannot_see():
    # 20 cells above 0: the 98th percentile (a cell's own value) of under 51 cells is the second largest, here an
    # outlier itself, so it clipped nothing.
    vmax, title = _limit(list(range(1, 19)) + [400, 300])
    assert vmax == 18 and "the third-largest of the 20 cells above 0: 2 cells above it" in title
    # The percentile clears SWAMPED yet is itself an outlier: 500 > 1.5 × 300 stopped the colours at 300, every
    # other cell pale (stop 58's review); the gap below the two holds them back.
    vmax, title = _limit(list(range(1, 19)) + [500, 300])
    assert vmax == 18 and "the third-largest of the 20 cells above 0: 2 cells above it" in title
    # One outlier in 20: the percentile as before (test_code_names_57).
    assert _limit(list(range(1, 20)) + [100])[0] == 19


#: NVivo-like node names of 100 characters and more, told apart only by their ends (each a path under one theme).
LONG = [
    "Perceived barriers to vaccination / political reasons / distrust of politicians and of the state / " + end
    for end in ("revolution, resistance", "fear of control", "media coverage", "the opposition's claims", "lies")
]


def _long_grid():
    """3 cases × the five long codes at two waves, every cell coded."""
    rows = [
        {"case_id": case, "wave_id": wave, "code_id": code, "value": float(1 + i + j), "reason": None, "count": 1 + i + j}
        for i, case in enumerate(["P01", "P02", "P03"]) for wave in ("W1", "W2") for j, code in enumerate(LONG)
    ]
    return qlr.track.Matrix(pd.DataFrame(rows), rows="case_id", cols="code_id", by="wave_id", value="count")


def _axes_height_share(fig):
    fig.canvas.draw()
    return fig.axes[0].get_position().height


def test_a_heatmap_of_long_code_names_cuts_them_in_the_middle_and_stays_short():
    fig = qlr.plot.matrix_heatmap(_long_grid())
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert all(len(t) <= qlr.plot._figures.TICK_LABEL_WIDTH for t in ticks)
    assert len(set(ticks)) == 5  # still told apart: each keeps its own end
    assert ticks[0].startswith("Perceived barriers") and ticks[0].endswith("revolution, resistance")
    assert ticks[4].endswith("lies") and "…" in ticks[4]
    # Height: 0.09 in a character of the longest label made this 3-row grid 13.2 inches tall.
    assert fig.get_size_inches()[1] <= 8
    assert _axes_height_share(fig) > 0.25  # the panels are not squeezed to a strip under the labels
    plt.close(fig)


def test_a_change_grid_of_long_names_keeps_its_axes():
    rows = [{"case_id": case, "code_id": code, "category": "constant"} for case in ("P01", "P02") for code in LONG]
    changes = pd.DataFrame(rows)
    ax = qlr.plot.change_grid(changes)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert all(len(t) <= qlr.plot._figures.TICK_LABEL_WIDTH for t in ticks) and len(set(ticks)) == 5
    assert _axes_height_share(ax.figure) > 0.25  # 100-character labels at 45° left the grid a sliver
    assert list(changes["code_id"]) == LONG * 2  # the data keep every whole name
    plt.close("all")


def test_a_codeline_cuts_a_long_theme_name():
    study = qlr.load("data/sample", progress=False).apply("coproduction", progress=False)
    data = qlr.read_codebook("coproduction").to_dict()
    data["themes"][0]["name"] = LONG[0]
    cb = qlr.Codebook.from_dict(data)
    ax = qlr.plot.codeline(study, "C10", codebook=cb)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert max(len(t) for t in ticks) <= qlr.plot._figures.TICK_LABEL_WIDTH
    assert any(t.endswith("revolution, resistance") and "…" in t for t in ticks)
    plt.close("all")


def test_qlr_agreement_cuts_a_106_character_id_on_screen_and_writes_it_whole(nvivo, tmp_path, capsys):  # noqa: F811
    longest = "attituderoots.4_worldview_and_politics.libertarianism.parallel_governance_claims_magyar_allam_tulajdonosai"
    assert len(longest) == 106
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)  # the two coders share no passage: said in test_cli
        assert main(["agreement", str(nvivo), "--coders", "Gergo", "test_user"]) == 0
        out = capsys.readouterr().out
        assert main(["agreement", str(nvivo), "--coders", "Gergo", "test_user", "-o", str(tmp_path / "a.csv"), "-q"]) == 0
    lines = out.splitlines()
    header = lines[0]
    # The id column is CODE_ID_WIDTH wide, not 106 characters: the next column starts there.
    assert header.index("n_units") - header.index("code_id") <= CODE_ID_WIDTH + 12
    row = next(line for line in lines if line.startswith("Parallel governance"))
    assert longest not in out and re.search(r"attituderoots\.4_worldview_and_p\S*…\S*magyar_allam_tulajdonosai ", row)
    # Ids that fit are whole (they are copied into --codes), and the command says how many were cut and where they are.
    assert re.search(r"^Government cover-up\s+attituderoots\.1_conspiracist_ideation\.government_cover_up\s", out, re.M)
    note = next(line for line in lines if "cut in the middle" in line)
    assert re.fullmatch(r"\d+ code ids longer than 64 characters are cut in the middle above; -o FILE\.csv has them whole", note)
    csv = pd.read_csv(tmp_path / "a.csv")
    assert longest in set(csv["code_id"])
    cut = sum(len(code) > CODE_ID_WIDTH for code in csv["code_id"])
    assert note.startswith(f"{cut} code ids")


def _mean_squares(ax):
    """Each group mean's square as drawn (display coordinates), from its collection's offset and size: the means are
    the markers drawn above the nodes (zorder 5)."""
    from matplotlib.transforms import Bbox

    scale = ax.figure.dpi / 72
    squares = []
    for collection in ax.collections:
        if collection.get_zorder() == 5:
            for point in collection.get_offsets():
                x, y = ax.transData.transform(point)
                half = (collection.get_sizes()[0] ** 0.5) / 2 * scale
                squares.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    return squares


@pytest.mark.parametrize("which", ["difference", "network"])
def test_ena_labels_keep_off_the_group_means(which):
    carers = qlr.load("data/sample", progress=False).apply("coproduction", progress=False).sel(role="carer")
    model = qlr.net.ena(carers, rotation=("W3", "W1"))
    ax = qlr.plot.ena_difference(model, "W3", "W1") if which == "difference" else qlr.plot.ena_network(model, group="W3")
    ax.figure.canvas.draw()
    squares = _mean_squares(ax)
    assert len(squares) == (2 if which == "difference" else 1)
    labels = {t.get_text(): t.get_window_extent() for t in ax.texts}
    assert "Barriers and enablers" in labels and "Assets (against)" in labels
    # Before: "Barriers and enablers" lay over W3's mean in the difference plot (the network's was clear by luck).
    assert [name for name, box in labels.items() if any(box.overlaps(square) for square in squares)] == []
    plt.close("all")


def test_a_count_heatmaps_colour_bar_reads_whole_numbers_and_many_columns_get_smaller_labels():
    # Colours stopped at 1 coding (19 cells of 1, one of 18): the bar read 0.2, 0.4 … 1.0 codings (a count has no
    # fifth); a bar to 18 read 2.5, 5.0 … 17.5 at some heights.
    for values in ([18] + [1] * 19, [296, 18, 5, 3, 3, 3, 1, 1] + [0] * 12):
        fig = qlr.plot.matrix_heatmap(_grid(values))
        fig.canvas.draw()
        assert all(float(tick).is_integer() for tick in fig.axes[1].get_yticks())
        plt.close(fig)
    # 150 codes drawn with top=None on a 14-inch figure: 7-point labels ran into each other; a few columns keep 7.
    rows = [{"case_id": "P01", "wave_id": "W1", "code_id": f"code {j:03d}", "value": 1.0, "reason": None, "count": 1} for j in range(150)]
    # Since stop 59 it also warns that they cannot be read, and what to pass (tests/test_displays_59.py).
    with pytest.warns(qlr.errors.QlrWarning, match="too narrow for their labels to be read"):
        many = qlr.plot.matrix_heatmap(qlr.track.Matrix(pd.DataFrame(rows), rows="case_id", cols="code_id", by="wave_id", value="count"), top=None)
    assert 4 <= many.axes[0].get_xticklabels()[0].get_fontsize() < 5
    assert qlr.plot.matrix_heatmap(_grid(list(range(20)))).axes[0].get_xticklabels()[0].get_fontsize() == 7
    plt.close("all")


def test_a_change_grid_of_values_that_are_not_categories_says_so():
    # A researcher's own table of change, numbers gained or lost (-3, 2): every cell was drawn blank, as white as
    # "absent", with nothing said (stop 58's review).
    changes = pd.DataFrame({"case_id": ["P1", "P1", "P2"], "code_id": ["a", "b", "a"], "category": [-3, 2, "emerges"]})
    with pytest.raises(qlr.errors.InvalidParameterError, match=r"2 cells of 3 hold a value that is not a change category \('-3', '2'\)"):
        qlr.plot.change_grid(changes)
    plt.close("all")


def test_a_change_grid_draws_a_pooled_studys_not_coded_cells_apart_from_absent():
    # qlr.track.change's "not coded" (a pooled study's case its part never coded) was refused by the check above on
    # the merge (a pooled report failed), and on main drawn white like "absent": now a colour and a legend entry.
    changes = pd.DataFrame({"case_id": ["P1", "P1", "P2"], "code_id": ["a", "b", "a"], "category": ["not coded", "absent", "emerges"]})
    ax = qlr.plot.change_grid(changes)
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "not coded" in legend and "absent" in legend
    shown = ax.images[0].get_array()
    colours = ax.images[0].cmap(ax.images[0].norm(shown))
    assert tuple(colours[0][0]) != tuple(colours[0][1])  # P1 × a (not coded) is not drawn as P1 × b (absent)
    plt.close("all")


@pytest.mark.parametrize("cases", [("C04", "C05"), ("C06", "C07", "C08"), None])
def test_ena_labels_stay_inside_the_axes(cases):
    # Two or three of the sample's cases put nodes at the plot's edge: their labels ran over the tick labels or off
    # the figure (C04 and C05: "Assets (against)", "Barriers and enablers", "Negative evidence"; the carers' gallery
    # plot: "Facilitation (against)"), where a place inside was free (stop 58's review).
    study = qlr.load("data/sample", progress=False).apply("coproduction", progress=False)
    chosen = study.sel(case=list(cases)) if cases else study.sel(role="carer")
    model = qlr.net.ena(chosen, rotation=("W3", "W1"))
    for ax in (qlr.plot.ena_difference(model, "W3", "W1"), qlr.plot.ena_network(model, group="W3")):
        ax.figure.canvas.draw()
        frame = ax.get_window_extent()
        boxes = {t.get_text(): t.get_window_extent() for t in ax.texts}
        assert len(boxes) == 11
        outside = [name for name, b in boxes.items() if b.x0 < frame.x0 or b.x1 > frame.x1 or b.y0 < frame.y0 or b.y1 > frame.y1]
        assert outside == []
        assert [(a, b) for a in boxes for b in boxes if a < b and boxes[a].overlaps(boxes[b])] == []
    plt.close("all")


def test_network_panels_tell_apart_codes_whose_names_share_a_long_start():
    # Three NVivo-like paths under one theme were all drawn "Perceived\nbarriers…": three nodes, one label (stop 58's
    # review). Those alike keep both ends of their names; the others are wrapped as before.
    import networkx as nx

    names = [
        "Perceived barriers / political reasons / distrust of politicians",
        "Perceived barriers / political reasons / distrust of the media",
        "Perceived barriers / practical reasons / cost",
        "Contraindications to the vaccine",
    ]
    graph = nx.Graph()
    graph.add_nodes_from((f"k{i}", {"name": name, "theme": "t", "frequency": 3}) for i, name in enumerate(names))
    graph.add_edges_from([("k0", "k1"), ("k1", "k2"), ("k2", "k3")], weight=1)
    fig = qlr.plot.network_panels({"W1": graph})
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert len(labels) == 4
    assert "Contraindications\nto the vaccine" in labels
    assert {label.split("…")[-1] for label in labels if "…" in label} == {"t of politicians", "ust of the media", "l reasons / cost"}
    assert all(label.startswith("Perceived barri") for label in labels - {"Contraindications\nto the vaccine"})
    plt.close("all")


def test_a_long_name_is_cut_between_letters_as_drawn():
    # An NVivo name saved decomposed (each accent its own character, as some tools write it) was counted 18 characters
    # too long and cut between a letter and its accent: 12 of 60 widths drew the accent on "…" and the letter bare;
    # an emoji family (joined by zero-width joiners) was cut apart (stop 58's review).
    import unicodedata

    from qlr._names import middle_cut

    name = "Észlelt fogékonyság – őszinteség és bizalom az egészségügyi rendszerben árvíztűrő tükörfúrógép"
    decomposed = unicodedata.normalize("NFD", name)
    for width in range(20, 80):
        cut = middle_cut(decomposed, width)
        head, tail = cut.split("…")
        assert len(cut) <= width and name.startswith(head) and name.endswith(tail)
    assert middle_cut(decomposed, len(name)) == decomposed  # whole where its letters fit
    family = "👩\u200d👩\u200d👧 family 🏳️\u200d🌈 pride " * 4
    for width in range(10, 60):
        head, tail = middle_cut(family, width).split("…")
        assert not head.endswith("\u200d") and tail[:1] not in ("\u200d", "\ufe0f")
    # On a heatmap's axis, the same: the decomposed name's tick starts and ends with whole letters.
    rows = [{"case_id": "P01", "wave_id": "W1", "code_id": decomposed, "value": 1.0, "reason": None, "count": 1}]
    fig = qlr.plot.matrix_heatmap(qlr.track.Matrix(pd.DataFrame(rows), rows="case_id", cols="code_id", by="wave_id", value="count"))
    tick = fig.axes[0].get_xticklabels()[0].get_text()
    assert tick == "Észlelt fogékonyság – őszin…erben árvíztűrő tükörfúrógép"  # as the composed name is cut
    plt.close(fig)


def test_long_names_alike_but_in_the_middle_stay_short_and_told_apart():
    # Two 225-character paths alike but for one step in the middle: widening two characters at a time until they
    # differed drew 180 characters of each on the axis and made the heatmap 19 inches tall (stop 58's review). Each
    # now shows where it parts from the other between two cuts.
    start, end = "Barriers to vaccine uptake / " * 3, " / distrust of politicians and of the state" * 3
    names = [start + step + end for step in ("POLITICAL", "PRACTICAL", "PERSONAL")]
    rows = [{"case_id": "P01", "wave_id": "W1", "code_id": name, "value": 1.0 + i, "reason": None, "count": 1 + i} for i, name in enumerate(names)]
    fig = qlr.plot.matrix_heatmap(qlr.track.Matrix(pd.DataFrame(rows), rows="case_id", cols="code_id", by="wave_id", value="count"))
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(set(ticks)) == 3 and all(len(t) <= qlr.plot._figures.TICK_LABEL_WIDTH for t in ticks)
    assert [next(step for step in ("POLITICAL", "PRACTICAL", "PERSONAL") if step in t) for t in ticks] == ["POLITICAL", "PRACTICAL", "PERSONAL"]
    assert all(t.startswith("Barriers to v") and t.endswith("of the state") for t in ticks)
    assert fig.get_size_inches()[1] <= 8
    plt.close(fig)
    # Alike names that part near an end are widened as before; the same name twice stays the same.
    from qlr._names import told_apart

    assert told_apart(["Barriers / political / distrust of politicians", "Barriers / practical / distrust of politicians"], 20) == ["Barriers / po…of politicians", "Barriers / pr…of politicians"]
    assert told_apart([names[0], names[0]], 56) == [told_apart([names[0]], 56)[0]] * 2
