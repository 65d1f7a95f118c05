"""Stop 57: every display shows a codebook's codes by name (a YAML codebook's as an imported one's), the ids staying the
keys of tables and files; a heatmap of many codes draws the most-coded and says how many it left out, and its colours
are not swamped by one large cell."""

from __future__ import annotations

import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import InvalidParameterError

from .conftest import shared_fixture
from .test_code_labels_56 import NVIVO_TWO, _codebook, _project, pytestmark  # noqa: F401  # pytestmark: the same warnings filtered

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SAMPLE = "data/sample"


@pytest.fixture(scope="module")
def coded():
    return qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)


@pytest.fixture(scope="module")
def carers(coded):
    return coded.sel(role="carer")


@pytest.fixture
def imported(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)  # "open" and "open" give one id: said in test_code_labels_56
        return qlr.io.read_qdpx(_project(tmp_path / "labels.qdpx"), case="pattern:(?P<case>.+)", wave={"A.txt": "W1", "B.txt": "W1"})


def _ticks(labels):
    return [t.get_text() for t in labels]


# --- one rule: names for every codebook --------------------------------------------------------------------------


def test_names_none_is_deprecated_and_gives_names():
    cb = qlr.read_codebook("coproduction")
    with pytest.warns(DeprecationWarning, match=r"names=None\) is deprecated.*names=False for the ids"):
        assert cb.labels(["reciprocity"], names=None) == {"reciprocity": "Reciprocity"}


def test_the_bundled_codebooks_figures_show_names_and_their_tables_keep_ids(coded, carers):
    cb = qlr.read_codebook("coproduction")
    m = qlr.track.matrix(carers, cols="theme")
    assert "reciprocity" in m.panel("W1").columns and "Reciprocity" not in m.panel("W1").columns  # the key a script reads
    fig = qlr.plot.matrix_heatmap(m)
    assert _ticks(fig.axes[0].get_xticklabels())[:3] == ["Assets", "Assets (against)", "Reciprocity"]
    plt.close(fig)
    change = qlr.track.change(carers, granularity="theme")
    assert "reciprocity" in set(change["theme"])
    ax = qlr.plot.change_grid(change, codebook=cb)
    assert "Reciprocity" in _ticks(ax.get_xticklabels()) and "reciprocity" not in _ticks(ax.get_xticklabels())
    plt.close(ax.figure)
    ax = qlr.plot.codeline(carers, "C05", codebook=cb)
    assert "Reciprocity" in _ticks(ax.get_yticklabels()) and "reciprocity" not in _ticks(ax.get_yticklabels())
    plt.close(ax.figure)
    graph = qlr.net.cooccurrence(carers, granularity="theme", by=None)[None]
    assert graph.nodes["reciprocity"]["name"] == "Reciprocity"  # the node keeps its id
    # The time-ordered displays: names in the HTML, ids in the table.
    ordered = qlr.track.time_ordered_matrix(carers.sel(case="C05"))
    assert "<th>Reciprocity</th>" in ordered.to_html() and "<th>reciprocity</th>" not in ordered.to_html()
    assert "reciprocity" in set(ordered.table["theme"])
    events = qlr.track.event_listing(coded)
    assert "<th>Peer networks (against)</th>" in events.to_html() and "peer_networks (against)" in events.order


def test_the_pen_portrait_names_the_bundled_codebooks_themes(carers):
    from qlr.track._portrait import portraits

    (portrait,) = portraits(carers, ["C05"], codebook=qlr.read_codebook("coproduction")).values()
    highlights = portrait.html[portrait.html.index("Change highlights") :]
    assert re.search(r"<li>(Assets|Reciprocity|Power|Facilitation)[^<]*: ", highlights)
    assert not re.search(r"<li>(assets|reciprocity|power|facilitation)[ :]", highlights)


def test_the_report_shows_the_bundled_codebooks_names_and_its_files_keep_ids(carers, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        qlr.report.write_report(carers.sel(case=["C01", "C05", "C09"]), tmp_path / "report", progress=False)
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")

    def section(name):
        part = page[page.index(f"<section id='{name}'>") :]
        return part[: part.index("</section>")]

    matrices, change, displays = section("matrices"), section("change"), section("displays")
    for part in (matrices, change):
        assert "<th>Reciprocity</th>" in part and "<th>Peer networks (against)</th>" in part
        assert "<th>reciprocity</th>" not in part and "<th>peer_networks (against)</th>" not in part
    assert "<th>Two-way exchange</th>" in matrices  # by code: reciprocity.two_way
    assert "<th>Reciprocity</th>" in displays and "<th>reciprocity</th>" not in displays
    # The codebook's table: each code's id (its key) beside its name, its theme by name.
    codebook = section("codebook")
    assert re.search(r"<th>reciprocity\.two_way</th>\s*<td>Two-way exchange</td>\s*<td>Reciprocity</td>", codebook)
    # The files keep the ids a script joins on.
    themes = pd.read_csv(tmp_path / "report" / "tables" / "matrix_themes.csv")
    assert "reciprocity" in set(themes["theme"]) and "Reciprocity" not in set(themes["theme"])
    assert "reciprocity" in set(pd.read_csv(tmp_path / "report" / "tables" / "change.csv")["theme"])


def test_qlr_agreement_prints_the_bundled_codebooks_names_beside_their_ids(capsys):
    assert main(["agreement", SAMPLE, "--coders", "rm", "so"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.match(r"code\s+code_id\s+", lines[0])
    assert any(re.match(r"Two-way exchange\s+reciprocity\.two_way\s", line) for line in lines)
    assert any(line.startswith("overall") for line in lines)


def test_the_imported_projects_displays_speak_in_names(imported, tmp_path):
    cb = _codebook(imported)
    power_sd = next(c.id for c in cb if c.name == "Shared decisions" and cb[c.parent].name == "Power")
    ticks = _ticks(qlr.plot.matrix_heatmap(qlr.track.matrix(imported, cols="code")).axes[0].get_xticklabels())
    assert "Power / Shared decisions" in ticks and power_sd not in ticks
    events = qlr.track.time_ordered_matrix(imported, granularity="code")
    assert "<th>Power / Shared decisions</th>" in events.to_html() and power_sd in set(events.table["code_id"])


def test_the_real_nvivo_projects_heatmap_draws_its_30_most_coded_codes_by_name():
    path = shared_fixture(NVIVO_TWO)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        study = qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)")
    cb = _codebook(study)
    m = qlr.track.matrix(study, cols="code")
    assert m.wide.shape[1] == 151  # the matrix holds every code
    fig = qlr.plot.matrix_heatmap(m)
    ticks = _ticks(fig.axes[0].get_xticklabels())
    assert len(ticks) == 30 and "2_attitud_szint_az_oltashoz.piros" not in ticks
    assert fig._suptitle.get_text().replace("\n", " ").endswith("30 of 151 codes drawn, those with the most codings: 121 left out (top=None draws them all)")
    # The 30 drawn are the most coded: none left out has more codings than the fewest drawn.
    totals = m.tidy.groupby("code_id")["count"].sum()
    shown_as = cb.labels()
    drawn = [code for code in totals.index if shown_as[code] in ticks]
    assert len(drawn) == 30 and totals.drop(drawn).max() <= totals[drawn].min()
    assert fig.get_size_inches()[0] < 9  # 30 columns, not 151 squeezed into 14 inches
    plt.close(fig)
    with pytest.warns(qlr.errors.QlrWarning, match=r"151 columns .* too narrow .* top=N"):  # drawn as asked, said unreadable
        whole = qlr.plot.matrix_heatmap(m, top=None)
    assert len(whole.axes[0].get_xticklabels()) == 151 and "left out" not in whole._suptitle.get_text().replace("\n", " ")
    plt.close(whole)
    # The report's heatmap (themes, counts): one cell of 296 codings (Attituderoots) beside 18, 5, 3… paled the rest.
    themes = qlr.track.matrix(study, cols="theme", value="count")
    assert sorted(themes.tidy["value"].dropna())[-2:] == [18, 296]
    fig = qlr.plot.matrix_heatmap(themes)
    assert fig.axes[0].images[0].norm.vmax == 18 and "1 cell above it" in fig._suptitle.get_text().replace("\n", " ")
    assert "296" in [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)


# --- the heatmap's top and scale, on known inputs ----------------------------------------------------------------


def test_the_heatmaps_top_keeps_the_most_coded_columns_in_the_matrixs_order(imported):
    m = qlr.track.matrix(imported, cols="code")
    # Codings (once per passage): Power's and Trust's "Shared decisions" 2 each, "Open" and "open" 1 each.
    fig = qlr.plot.matrix_heatmap(m, top=2)
    assert _ticks(fig.axes[0].get_xticklabels()) == ["Power / Shared decisions", "Trust / Shared decisions"]
    assert fig._suptitle.get_text().replace("\n", " ").endswith("2 of 4 codes drawn, those with the most codings: 2 left out (top=None draws them all)")
    three = qlr.plot.matrix_heatmap(m, top=3)  # "Open" and "open" tie: the first by id (open before open_2)
    assert len(three.axes[0].get_xticklabels()) == 3 and _ticks(three.axes[0].get_xticklabels())[2].startswith("Open [")
    assert "left out" not in qlr.plot.matrix_heatmap(m, top=4)._suptitle.get_text().replace("\n", " ")
    assert list(m.panel("W1").columns) == ["power.shared_decisions", "trust.shared_decisions", "open", "open_2"]  # whole
    with pytest.raises(InvalidParameterError, match="top=0"):
        qlr.plot.matrix_heatmap(m, top=0)
    with pytest.raises(InvalidParameterError, match="scale='robus'.*did you mean 'robust'"):
        qlr.plot.matrix_heatmap(m, scale="robus")
    plt.close("all")


def _grid(values, *, value="count"):
    """A matrix of 4 cases × 5 codes at one wave holding ``values`` row by row (counts as given)."""
    cases, codes = [f"C{i}" for i in range(1, 5)], [f"k{j}" for j in range(1, 6)]
    tidy = pd.DataFrame(
        [{"case_id": c, "wave_id": "W1", "code_id": k, "value": float(v), "reason": None, "count": v} for (c, k), v in zip([(c, k) for c in cases for k in codes], values)]
    )
    return qlr.track.Matrix(tidy, rows="case_id", cols="code_id", by="wave_id", value=value)


def test_a_robust_scale_stops_below_one_swamping_cell_and_says_so():
    values = list(range(1, 20)) + [100]  # 19 cells of 1..19 and one of 100 (C4 × k5)
    fig = qlr.plot.matrix_heatmap(_grid(values))
    image = fig.axes[0].images[0]
    # The 98th percentile of 20 cells, as a cell's own value, is the second largest: 19; 100 > 1.5 × 19.
    assert image.norm.vmax == 19
    title = fig._suptitle.get_text().replace("\n", " ")
    assert "colours stop at 19, the 98th percentile of the cells above 0: 1 cell above it at full colour, its number written (scale='full' runs to 100)" in title
    assert fig.axes[1].get_ylabel() == "codings (clipped)" and image.colorbar.extend == "max"
    # A small grid: every cell's number is written, white on the darkest.
    texts = {t.get_text(): t for t in fig.axes[0].texts}
    assert len(fig.axes[0].texts) == 20 and set(texts) == {str(v) for v in values}
    assert texts["100"].get_color() == "white" and texts["1"].get_color() == "#222222"
    full = qlr.plot.matrix_heatmap(_grid(values), scale="full")
    assert full.axes[0].images[0].norm.vmax == 100 and "colours stop" not in full._suptitle.get_text().replace("\n", " ")
    assert full.axes[1].get_ylabel() == "codings"
    plt.close("all")


def test_a_close_largest_cell_is_not_clipped_and_a_large_grid_writes_only_the_clipped():
    values = list(range(1, 20)) + [25]  # 25 < 1.5 × 19: nothing swamped
    fig = qlr.plot.matrix_heatmap(_grid(values))
    assert fig.axes[0].images[0].norm.vmax == 25 and "colours stop" not in fig._suptitle.get_text().replace("\n", " ")
    assert len(qlr.plot.matrix_heatmap(_grid(values), annotate=False).axes[0].texts) == 0
    swamped = qlr.plot.matrix_heatmap(_grid(list(range(1, 20)) + [100]), annotate=False)
    assert [t.get_text() for t in swamped.axes[0].texts] == ["100"]  # the one cell above the colours still reads
    plt.close("all")


def test_a_row_scale_colours_each_row_by_its_own_largest_cell():
    values = [1, 2, 0, 0, 4] + [10, 20, 30, 40, 50] + [0] * 5 + [5] * 5
    fig = qlr.plot.matrix_heatmap(_grid(values), scale="row")
    drawn = np.asarray(fig.axes[0].images[0].get_array())
    np.testing.assert_allclose(drawn[0], [0.25, 0.5, 0, 0, 1])
    np.testing.assert_allclose(drawn[1], [0.2, 0.4, 0.6, 0.8, 1])
    np.testing.assert_allclose(drawn[2], [0, 0, 0, 0, 0])  # a row of zeros stays 0
    np.testing.assert_allclose(drawn[3], [1] * 5)
    assert fig.axes[1].get_ylabel() == "share of the row's largest cell"
    assert {t.get_text() for t in fig.axes[0].texts} >= {"50", "4"}  # the numbers are the counts, not the shares
    plt.close("all")


def test_qlr_validate_rules_prints_each_codes_name_beside_its_id(capsys):
    assert main(["validate", SAMPLE, "--codebook", "coproduction", "--rules", "rm", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if re.match(r"code\s+code_id\s+n\s+tp", line))
    rows = lines[lines.index(header) + 1 :]
    assert any(re.match(r"Two-way exchange\s+reciprocity\.two_way\s+\d", line) for line in rows)


# --- found on review (s58-nm2) -------------------------------------------------------------------------------------


def test_a_small_density_is_never_written_as_zero():
    # The real NVivo project's report heatmap (139,727 words): densities of 0.02 and 0.04 per 1,000 words were written
    # "0.0" on coloured cells, beside "0" for none. A density that rounds to 0.0 is written to two significant digits.
    fig = qlr.plot.matrix_heatmap(_grid([0.02, 0.0041, 4.0, 0.0, 0.25] + [1.0] * 15, value="density"), scale="full")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts[:5] == ["0.02", "0.0041", "4.0", "0", "0.2"] and "0.0" not in texts
    plt.close("all")


def test_the_tutorial_notebooks_change_grids_name_the_themes():
    # The notebooks drew the change grid by ids right after a heatmap by names; they are what a new user copies.
    import nbformat

    from .conftest import ROOT

    calls = [
        line
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if "plot.change_grid(" in line
    ]
    assert len(calls) == 2 and all("codebook=" in line for line in calls)


def test_a_displays_labels_name_only_its_code_columns():
    # A time-ordered matrix's columns are waves: a wave whose id is also a code's ("baseline", a theme of the same
    # name in an imported codebook) keeps its id as its heading; the theme in the row is named.
    table = pd.DataFrame(
        {"case_id": ["C1", "C1"], "theme": ["baseline", "baseline"], "wave_id": ["baseline", "followup"], "n_codings": [2, 1], "quote": ["a", "b"]}
    )
    shown = qlr.track.Display(table, rows=["case_id", "theme"], cols="wave_id", cell="n_codings", title="t", labels={"baseline": "Baseline worries"}).to_html()
    assert "<th>baseline</th><th>followup</th>" in shown and "<th>Baseline worries</th><td>" in shown


def test_an_ena_figure_draws_a_code_named_with_dollars_word_for_word(coded):
    # Every other figure escapes a name's "$" (plot._figures._as_drawn); the ENA network drew "Income $5 and $6" as
    # mathtext ("Income 5andĀ6" in italics), so the report's ENA figures misnamed such a code.
    import matplotlib.text

    cb = qlr.read_codebook("coproduction")
    model = qlr.net.ena(coded.sel(role="carer"), codebook=cb, granularity="theme")
    model.nodes.loc[model.nodes["code"] == "assets", "name"] = "Income $5 and $6"
    for fig in (qlr.plot.ena_network(model).figure, qlr.plot.ena_difference(model, "W3", "W1").figure):
        fig.canvas.draw()
        drawn = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().startswith("Income")]
        assert drawn and all(t == r"Income \$5 and \$6" for t in drawn)
        plt.close(fig)
