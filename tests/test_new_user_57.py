"""A new user's check of stop 57's names, heatmap and agreement output: the change grid names codes as the heatmap
does, README's rename recipe names the "(against)" columns, `qlr agreement -o` writes each code's name beside its id
and prints ids whole, a tiny heatmap is not clipped at a "percentile" of three cells and its colour-bar label stays
clear of the title, and a one-wave study's report leaves out a change grid that could only say "not enough waves"."""

from __future__ import annotations

import re
import warnings

import matplotlib
import pandas as pd
import pytest

import qlr
from qlr.cli import main

from .conftest import ROOT, shared_fixture
from .test_code_labels_56 import NVIVO_TWO, pytestmark  # noqa: F401  # pytestmark: the same warnings filtered
from .test_code_names_57 import _grid

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SAMPLE = "data/sample"


@pytest.fixture(scope="module")
def carers():
    return qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False).sel(role="carer")


def _ticks(labels):
    return [t.get_text() for t in labels]


def test_change_grid_names_codes_by_default_as_the_heatmap_does(carers):
    # The user: matrix_heatmap's ticks read "Peer networks", change_grid's "peer_networks" unless codebook= was passed.
    changes = qlr.track.change(carers, granularity="theme")
    heat = _ticks(qlr.plot.matrix_heatmap(qlr.track.matrix(carers, cols="theme")).axes[0].get_xticklabels())
    grid = _ticks(qlr.plot.change_grid(changes).get_xticklabels())
    assert grid == heat  # the same themes in the same order, by the same names
    assert "Peer networks" in grid and "Peer networks (against)" in grid and "peer_networks" not in grid
    # The names travel as plain data beside the table; the ids stay its keys.
    assert changes.attrs["code_labels"]["peer_networks"] == "Peer networks"
    assert "peer_networks" in set(changes["theme"])
    # codebook= still decides where given; a table without the names (made by hand) is drawn by its ids.
    cb = qlr.read_codebook("coproduction")
    assert _ticks(qlr.plot.change_grid(changes, codebook=cb).get_xticklabels()) == grid
    plain = pd.DataFrame(changes.to_dict("list"))
    assert "peer_networks" in _ticks(qlr.plot.change_grid(plain).get_xticklabels())
    by_code = qlr.track.change(carers, granularity="code")
    assert "Two-way exchange" in _ticks(qlr.plot.change_grid(by_code).get_xticklabels())
    plt.close("all")


def test_readmes_rename_recipe_names_every_column_against_ones_too(carers):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    recipe = 'matrix.panel("W1").rename(columns=codebook.labels())'
    assert recipe in readme
    matrix, codebook = qlr.track.matrix(carers, cols="theme"), qlr.read_codebook("coproduction")
    columns = list(eval(recipe).columns)  # the README's line as a user copies it
    assert "Assets (against)" in columns and "Peer networks (against)" in columns
    assert columns == [codebook.labels(matrix.panel("W1").columns)[c] for c in matrix.panel("W1").columns]
    assert not [c for c in columns if c in codebook.labels(names=False)]  # no id left
    # By code too: every code's name.
    by_code = qlr.track.matrix(carers, cols="code").panel("W1").rename(columns=codebook.labels())
    assert "Two-way exchange" in by_code.columns and "reciprocity.two_way" not in by_code.columns


@pytest.fixture(scope="module")
def nvivo(tmp_path_factory):
    path = shared_fixture(NVIVO_TWO)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        study = qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)")
    saved = tmp_path_factory.mktemp("nv") / "nv.qlr"
    study.save(saved)
    return saved


def test_qlr_agreement_csv_has_each_codes_name_beside_its_id_as_the_reports_csv(nvivo, tmp_path, capsys):
    out = tmp_path / "agree.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)  # the two coders share no passage: said in test_cli
        assert main(["agreement", str(nvivo), "--coders", "Gergo", "test_user", "-o", str(out), "-q"]) == 0
    csv = pd.read_csv(out)
    assert list(csv.columns[:2]) == ["code_id", "code"]  # as the report's coder_agreement.csv: code_id, code
    named = csv.set_index("code_id")["code"]
    assert named["attituderoots.1_conspiracist_ideation.government_cover_up"] == "Government cover-up"
    assert named["2_attitud_szint_az_oltashoz.piros"] == "piros"
    assert named["overall"] == "overall"


def test_qlr_agreement_prints_names_and_ids_whole(nvivo, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        assert main(["agreement", str(nvivo), "--coders", "Gergo", "test_user", "-q"]) == 0
    out = capsys.readouterr().out
    # The user saw "attituderoots.1_conspir…tion.government_cover_up": an id one cannot copy into --codes.
    assert re.search(r"^Government cover-up\s+attituderoots\.1_conspiracist_ideation\.government_cover_up\s+\d", out, re.M)
    assert "conspir…" not in out


def test_a_heatmap_of_few_cells_is_not_clipped_at_a_percentile_of_them():
    # Three cells above 0 (the user's Label Studio report: 500, 286, 167): the "98th percentile" was the second largest.
    values = [500, 286, 167] + [0] * 17
    fig = qlr.plot.matrix_heatmap(_grid(values))
    assert fig.axes[0].images[0].norm.vmax == 500 and "colours stop" not in fig._suptitle.get_text()
    assert fig.axes[1].get_ylabel() == "codings" and fig.axes[0].images[0].colorbar.extend == "neither"
    # 19 cells above 0: too few for a percentile; 80 is not 5 times the second largest (18), so nothing is held back,
    # where 20 cells with a percentile stop at 19 (test_code_names_57).
    assert qlr.plot.matrix_heatmap(_grid(list(range(1, 19)) + [80, 0])).axes[0].images[0].norm.vmax == 80
    assert qlr.plot.matrix_heatmap(_grid(list(range(1, 20)) + [80])).axes[0].images[0].norm.vmax == 19
    # One cell far above a few (the real NVivo project's themes: 296 beside 18, 5, 3, 3, 3, 1, 1): the colours stop at
    # the second largest, and the title says so in those words, not as a percentile.
    few = qlr.plot.matrix_heatmap(_grid([296, 18, 5, 3, 3, 3, 1, 1] + [0] * 12))
    title = few._suptitle.get_text().replace("\n", " ")
    assert few.axes[0].images[0].norm.vmax == 18 and "percentile" not in title
    assert "colours stop at 18, the second-largest of the 8 cells above 0: 1 cell above it at full colour" in title
    plt.close("all")


def test_a_clipped_heatmaps_colour_bar_label_and_title_stay_apart():
    # Two rows: the bar is short, and "codings per 1,000 words (clipped)" ran over the title's long second line.
    cases, codes = ["P01", "P02"], [f"code{j}" for j in range(12)]
    cells = [(c, k) for c in cases for k in codes]
    values = [1.0 + i for i in range(len(cells) - 1)] + [500.0]
    tidy = pd.DataFrame([{"case_id": c, "wave_id": "W1", "code_id": k, "value": v, "reason": None, "count": 1} for (c, k), v in zip(cells, values)])
    fig = qlr.plot.matrix_heatmap(qlr.track.Matrix(tidy, rows="case_id", cols="code_id", by="wave_id", value="density"))
    assert "colours stop" in fig._suptitle.get_text()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = fig._suptitle.get_window_extent(renderer)
    label = fig.axes[1].yaxis.label.get_window_extent(renderer)
    whole = fig.bbox
    assert label.y1 <= title.y0  # the label ends below the title
    assert title.x0 >= whole.x0 and title.x1 <= whole.x1  # the title's lines fit the figure's width
    assert fig.axes[1].get_ylabel().replace("\n", " ") == "codings per 1,000 words (clipped)"
    plt.close("all")


def test_a_one_wave_studys_report_says_why_it_has_no_change_grid(tmp_path):
    study = qlr.load(SAMPLE, progress=False).sel(wave="W1", role="carer")
    page = qlr.report.write_report(study, tmp_path / "r", codebook="coproduction", progress=False)
    html = page.read_text(encoding="utf-8")
    change = html[html.index("<section id='change'>") :]
    change = change[: change.index("</section>")]
    assert "No change grid: no case was seen at two or more waves" in change and "<img" not in change
    assert not (tmp_path / "r" / "figures" / "change_grid.png").exists()
    assert (tmp_path / "r" / "tables" / "change.csv").exists()  # the table stays
