"""Figures, checked by their content, and rendered identically twice."""

from __future__ import annotations

import hashlib
import io

import matplotlib.colors
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.errors import SelectionError

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def coded():
    return qlr.load(SAMPLE).apply("coproduction")


@pytest.fixture(scope="module")
def carers(coded):
    return coded.sel(role="carer")


def png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    plt.close(figure)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def small_placements():
    pl = pd.DataFrame(
        {
            "case_id": ["A", "A", "A", "B", "B", "B"],
            "wave_id": ["W1", "W2", "W3"] * 2,
            "facet": "delivery",
            "level": pd.array([0, 1, 2, 1, pd.NA, 1], dtype="Int64"),
            "status": ["placed", "placed", "placed", "placed", "missing", "placed"],
        }
    )
    from qlr.codebook import Facet, Ladder, Level

    steps = Ladder("Spectrum", (Level(0, "None"), Level(1, "Contribution", "mid"), Level(2, "Collaboration", "high")), (Facet("delivery", "Delivery"),))
    return qlr.track.Placements(pl, pd.DataFrame(), ladder=steps, keys=["case_id", "wave_id"], waves=["W1", "W2", "W3"])


def test_a_plain_table_needs_the_codebook():
    with pytest.raises(qlr.errors.SelectionError, match="do not say which ladder"):
        qlr.plot.trajectories(small_placements().table)
    ax = qlr.plot.trajectories(small_placements().table, codebook=qlr.read_codebook("coproduction"), facet="delivery")
    assert ax.get_title().startswith("Spectrum of co-production")
    plt.close(ax.figure)


def test_trajectories_plot_the_levels_with_gaps_for_missing_waves():
    ax = qlr.plot.trajectories(small_placements())
    lines = ax.get_lines()
    assert len(lines) == 2
    a, b = (line.get_ydata() for line in lines)
    assert np.allclose(np.round(a), [0, 1, 2])  # spread apart by a small offset, not moved a level
    assert np.isnan(b[1]) and np.allclose(np.round(b[[0, 2]]), [1, 1])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0 None", "1 Contribution", "2 Collaboration"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["W1", "W2", "W3"]
    assert ax.get_title() == "Spectrum: Delivery" and ax.get_ylabel() == "Level"
    assert {t.get_text() for t in ax.texts} >= {"mid band", "high band", "A", "B"}
    plt.close(ax.figure)


def test_trajectories_draw_on_a_given_axes_and_need_a_facet(coded):
    figure, ax = plt.subplots()
    assert qlr.plot.trajectories(small_placements(), ax=ax) is ax
    with pytest.raises(SelectionError, match="several facets"):
        qlr.plot.trajectories(qlr.track.ladder(coded.sel(case="C01")))
    plt.close(figure)


def test_ladder_stages_shows_a_range(coded):
    stages = qlr.track.ladder(coded, by="stage", facet="delivery")
    ax = qlr.plot.ladder_stages(stages)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["design", "outputs", "implementation"]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    table = stages.set_index("stage")
    assert [float(d.get_xdata()[0]) for d in dots] == [float(table.loc[s, "level"]) for s in ["design", "outputs", "implementation"]]
    bars = [line for line in ax.get_lines() if line.get_marker() in ("None", None, "") and len(line.get_xdata()) == 2]
    outputs = table.loc["outputs"]
    assert any(list(bar.get_xdata()) == [float(outputs["low"]), float(outputs["high"])] for bar in bars)
    plt.close(ax.figure)


def test_matrix_heatmap_one_panel_per_wave_with_missing_hatched(carers):
    m = qlr.track.matrix(carers, cols="theme")
    fig = qlr.plot.matrix_heatmap(m)
    panels = [ax for ax in fig.axes if ax.get_title() in ("W1", "W2", "W3")]
    assert [ax.get_title() for ax in panels] == ["W1", "W2", "W3"]
    w3 = panels[2]
    cb = qlr.read_codebook("coproduction")
    # Themes, and evidence against three of them, by name (stop 57: a YAML codebook's too, no longer its ids).
    assert [t.get_text() for t in w3.get_xticklabels()] == [cb.labels([r])[r] for r in cb.rollups()]
    assert [t.get_text() for t in w3.get_xticklabels()][:2] == ["Assets", "Assets (against)"]
    data = w3.images[0].get_array()
    assert data.mask[list(m.panel("W3").index).index("C06")].all()  # C06 dropped out: masked, hatched
    assert len(w3.patches) == int(np.isnan(m.panel("W3").to_numpy(dtype=float)).sum()) == 11  # one hatched cell per theme column
    np.testing.assert_allclose(np.asarray(data.filled(np.nan))[0], m.panel("W3").iloc[0].to_numpy(dtype=float))
    plt.close(fig)


def test_alluvial_blocks_count_cases(carers):
    placements = qlr.track.ladder(carers, facet="delivery")
    ax = qlr.plot.alluvial(placements)
    heights_w1 = sorted(round(p.get_height()) for p in ax.patches if abs(p.get_x() + p.get_width() / 2) < 1e-9)
    assert sum(heights_w1) == 11
    assert [t.get_text() for t in ax.get_xticklabels()] == ["W1", "W2", "W3"]
    plt.close(ax.figure)


def test_network_panels_share_one_layout():
    g1 = nx.DiGraph([("a", "b")])
    g2 = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    fig = qlr.plot.network_panels({"W1": g1, "W2": g2}, labels=False)
    assert [ax.get_title() for ax in fig.axes] == ["W1: 2 nodes, 1 ties", "W2: 3 nodes, 3 ties"]
    # the absent node c is drawn faint in W1 at the same place as in W2
    w1_points = np.vstack([c.get_offsets() for c in fig.axes[0].collections if len(c.get_offsets())])
    w2_points = np.vstack([c.get_offsets() for c in fig.axes[1].collections if len(c.get_offsets())])
    assert {tuple(np.round(p, 6)) for p in w1_points} == {tuple(np.round(p, 6)) for p in w2_points}
    plt.close(fig)


def test_network_dynamics_and_change_grid_and_codeline(coded, carers):
    fig = qlr.plot.network_dynamics(qlr.net.dynamics(qlr.net.actors(carers)))
    assert [ax.get_title() for ax in fig.axes] == ["Size", "Cohesion", "Tie turnover"]
    ties = [line for line in fig.axes[0].get_lines() if line.get_label() == "ties"][0]
    assert list(ties.get_ydata()) == list(qlr.net.dynamics(qlr.net.actors(carers)).waves["ties"])
    plt.close(fig)
    changes = qlr.track.change(carers, granularity="theme")
    ax = qlr.plot.change_grid(changes)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"C{n:02d}" for n in range(1, 12)]
    cb = qlr.read_codebook("coproduction")
    # Themes, and evidence against three of them, by name without codebook= (change() keeps the matrix's labels).
    assert [t.get_text() for t in ax.get_xticklabels()] == [cb.labels(cb.rollups())[r] for r in cb.rollups()]
    plt.close(ax.figure)
    ax = qlr.plot.codeline(coded, "C01")
    # One mark per coding the matrix counts for C01 (one coder per passage), plus a line per document.
    counted = qlr.track.matrix(coded, cols="code").tidy.query("case_id == 'C01'")["count"].sum()
    assert len(ax.get_lines()) == counted + 3
    plt.close(ax.figure)
    by_code = qlr.plot.codeline(coded, "C01", granularity="code")
    assert {t.get_text() for t in by_code.get_yticklabels()} <= {c.name for c in qlr.read_codebook("coproduction").codes}
    with pytest.warns(DeprecationWarning, match=r"codeline\(\): the keyword level= is deprecated; write granularity="):
        old = qlr.plot.codeline(coded, "C01", level="code")
    assert [t.get_text() for t in old.get_yticklabels()] == [t.get_text() for t in by_code.get_yticklabels()]
    plt.close("all")


def test_network_nodes_are_coloured_by_role_from_the_palette_or_as_given():
    graph = nx.DiGraph()
    graph.add_nodes_from([("a", {"role": "volunteer"}), ("b", {"role": "staff"}), ("c", {}), ("d", {"role": "staff", "colour": "#123456"})])
    graph.add_edges_from([("a", "b"), ("b", "c"), ("c", "d")])

    def fills(fig):
        nodes = [c for c in fig.axes[0].collections if len(c.get_offsets()) == 4][0]
        return [matplotlib.colors.to_hex(c) for c in nodes.get_facecolors()]

    # Roles take the Okabe–Ito colours in the order of their names; no role is grey; a node's own colour wins.
    assert fills(qlr.plot.network_panels({"W1": graph}, labels=False)) == ["#56b4e9", "#e69f00", "#999999", "#123456"]
    given = qlr.plot.network_panels({"W1": graph}, labels=False, role_colours={"volunteer": "#000000"})
    assert fills(given) == ["#000000", "#e69f00", "#999999", "#123456"]
    assert [t.get_text() for t in given.legends[0].get_texts()] == ["staff", "volunteer"]
    plt.close("all")


def test_figures_are_byte_identical_when_drawn_twice(coded, carers):
    placements = qlr.track.ladder(carers, facet="delivery")
    makers = [
        lambda: qlr.plot.trajectories(placements).figure,
        lambda: qlr.plot.alluvial(placements).figure,
        lambda: qlr.plot.network_panels(qlr.net.actors(carers)),
        lambda: qlr.plot.ladder_stages(qlr.track.ladder(coded, by="stage", facet="design")).figure,
    ]
    for make in makers:
        assert png(make()) == png(make())


def _every_figure(coded, carers) -> dict:
    """Every figure function of qlr.plot, drawn on a figure of its own (ax=None), from the sample study."""
    placements = qlr.track.ladder(carers, facet="delivery")
    graphs = qlr.net.actors(carers)
    seqs = qlr.track.sequences(qlr.track.ladder(carers), attrition=carers.attrition())
    model = qlr.net.ena(carers, rotation=("W3", "W1"))
    return {
        "trajectories": lambda: qlr.plot.trajectories(placements).figure,
        "ladder_stages": lambda: qlr.plot.ladder_stages(qlr.track.ladder(coded, by="stage", facet="design")).figure,
        "matrix_heatmap": lambda: qlr.plot.matrix_heatmap(qlr.track.matrix(carers, cols="theme", value="density")),
        "alluvial": lambda: qlr.plot.alluvial(placements).figure,
        "network_panels": lambda: qlr.plot.network_panels(graphs),
        "network_dynamics": lambda: qlr.plot.network_dynamics(qlr.net.dynamics(graphs)),
        "codeline": lambda: qlr.plot.codeline(coded, "C10").figure,
        "change_grid": lambda: qlr.plot.change_grid(qlr.track.change(carers, granularity="theme")).figure,
        "sequence_distribution": lambda: qlr.plot.sequence_distribution(seqs, facet="delivery").figure,
        "sequence_index": lambda: qlr.plot.sequence_index(seqs, kind="changes", facet="delivery").figure,
        "sequence_entropy": lambda: qlr.plot.sequence_entropy(seqs).figure,
        "ena_units": lambda: qlr.plot.ena_units(model).figure,
        "ena_network": lambda: qlr.plot.ena_network(model, group="W3").figure,
        "ena_difference": lambda: qlr.plot.ena_difference(model, "W3", "W1").figure,
    }


def test_every_figure_keeps_its_labels_inside_when_saved_plainly(coded, carers):
    # The README's recipe, ax.figure.savefig(path), with no bbox_inches="tight": a ladder's level names
    # ("2 Collaboration") and the axis titles lay outside a trajectories figure and were cut off.
    makers = _every_figure(coded, carers)
    drawn = {name for name in qlr.plot.__all__ if callable(getattr(qlr.plot, name))} - {"save_png"}
    assert set(makers) == drawn  # a new figure function is checked here too
    for name, make in makers.items():
        figure = make()
        figure.savefig(io.BytesIO(), format="png", dpi=100)
        renderer = figure.canvas.get_renderer()
        inside = figure.bbox.padded(0.5)
        for ax in figure.axes:
            for axis in (ax.xaxis, ax.yaxis):
                box = axis.get_tightbbox(renderer)  # the drawn tick labels and the axis title
                if box is not None:
                    assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1, (name, box, figure.bbox)
        whole = figure.get_tightbbox(renderer)  # in inches: titles, legends, labels beside the axes
        width, height = figure.get_size_inches()
        assert whole.x0 >= 0 and whole.y0 >= 0 and whole.x1 <= width and whole.y1 <= height, (name, whole)
        plt.close(figure)
    labels = [t.get_text() for t in makers["trajectories"]().axes[0].get_yticklabels()]
    assert "2 Collaboration" in labels  # the names checked above are the level names
    plt.close("all")


def test_the_readme_names_every_figure_function_that_returns_a_figure_not_axes():
    # New user (stop 56): the README said "every figure: ax=None in, Axes out" beside matrix_heatmap, which returns a
    # Figure (a panel per wave). The functions it names as returning a Figure are the ones annotated so, no more.
    import inspect
    import re

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "every figure: ax=None in, Axes out" not in readme
    said = re.search(r"except the three that\s+draw several panels, which take `fig=None` and return the `Figure`: (.+?)\.\s", readme, re.S)
    assert said is not None
    named = set(re.findall(r"`qlr\.plot\.(\w+)`", said.group(1)))
    returns = {name: inspect.signature(getattr(qlr.plot, name)).return_annotation for name in qlr.plot.__all__ if callable(getattr(qlr.plot, name)) and name != "save_png"}
    assert named == {name for name, kind in returns.items() if kind in (Figure, "Figure")} == {"matrix_heatmap", "network_panels", "network_dynamics"}
    assert all(kind in (Axes, "Axes") for name, kind in returns.items() if name not in named)
    assert all("fig" in inspect.signature(getattr(qlr.plot, name)).parameters for name in named)
