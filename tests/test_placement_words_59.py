"""What a new user found in placements and plots (stop 58): confidence explained, imported codes in the project's
order, change_grid's top= and its one-wave error, the trajectories' end labels apart."""

from __future__ import annotations

import html
import inspect
import json
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.text import Text

import qlr
from qlr.track._placements import CONFIDENCE_WORDS

ROOT = Path(__file__).resolve().parents[1]


def test_confidence_is_the_share_at_the_level_discounted_for_few_passages(sample_study):
    # C01 as a new user saw it: W2 delivery "9 segments, confidence 0.26" below W1 design "2 segments, 0.50".
    study = sample_study.copy().apply("coproduction", progress=False)
    placed = qlr.track.ladder(study, codebook="coproduction").table.set_index(["case_id", "wave_id", "facet"])
    design, delivery = placed.loc[("C01", "W1", "design")], placed.loc[("C01", "W2", "delivery")]
    # Hand-worked from the trail: W1 design, 2 passages weighing 4, 3 of it at level 1: 3/4 × 2/3 = 0.50.
    assert (design["level"], design["n_evidence"], design["weight"]) == (1, 2, 4.0)
    assert design["confidence"] == pytest.approx(3 / 4 * 2 / 3)
    # W2 delivery: 9 passages weighing 21 over levels 1 to 4, 6 of it at the placed level 2: 6/21 × 9/10 = 0.26.
    assert (delivery["level"], delivery["n_evidence"], delivery["weight"]) == (2, 9, 21.0)
    assert delivery["confidence"] == pytest.approx(6 / 21 * 9 / 10)
    # More passages, lower confidence: mixed evidence lowers it, which the README now says rather than "grows".
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "confidence grows with the number of passages" not in readme
    assert "Its confidence is the placed level's share of the evidence weight times n/(n+1) for n passages" in readme
    assert "w[level] / W × n / (n + 1)" in inspect.getdoc(qlr.track.ladder)
    assert "n/(n+1)" in CONFIDENCE_WORDS and "mixed evidence lowers it" in CONFIDENCE_WORDS


def test_the_report_says_what_confidence_measures_where_it_first_shows_it(tmp_path, sample_study):
    study = sample_study.copy().apply("coproduction", progress=False)
    page = qlr.report.write_report(study, tmp_path / "r", codebook="coproduction", progress=False)
    said = html.escape(CONFIDENCE_WORDS)
    ladder = page.read_text(encoding="utf-8").split("<section id='ladder'>", 1)[1].split("</section>", 1)[0]
    assert said in ladder
    case = (tmp_path / "r" / "cases" / "c01.html").read_text(encoding="utf-8")
    # The case page shows confidence first in its pen portrait, then in its placements table: said once, in the
    # portrait (stop 59; before, the same sentence twice on one page).
    portrait, placements = case.split("<section id='placements'>", 1)
    assert "confidence 0.26" in portrait and said in portrait
    assert said not in placements and case.count(said) == 1
    # The index inlines every portrait under its placements section, which says it: once there, not once per case
    # (28 times on the sample before).
    assert page.read_text(encoding="utf-8").count(said) == 1
    assert "Confidence is" in str(qlr.track.portrait(study, "C01", codebook="coproduction"))


def test_label_studio_codes_come_in_natural_order(tmp_path):
    # An export records no order of its labels: "Theme 10" came before "Theme 1" and "Theme 2" (sorted as text).
    from .test_trial22_label_studio import ANN, annotation, span, task

    text = "I: Und?\nP: Eins zwei drei vier."
    spans = [span("a", 11, 15, "Eins", "Theme 10"), span("b", 16, 20, "zwei", "Theme 2"), span("c", 21, 25, "drei", "Theme 1"), span("d", 26, 30, "vier", "Coping")]
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task(1, [annotation(1, ANN, spans)], data={"text": text})]), encoding="utf-8")
    study = qlr.io.read_label_studio(path, kind="document", case="pattern:^(?P<case>[^_]+)_", wave="pattern:^[^_]+_(?P<wave>[^_.]+)")
    (book,) = [cb for cb in study.codebooks.values() if any(c.name == "Theme 1" for c in cb.codes)]
    assert [c.name for c in book.codes if c.name.startswith(("Theme", "Coping"))] == ["Coping", "Theme 1", "Theme 2", "Theme 10"]


def test_an_imported_refi_project_keeps_its_own_order_of_codes():
    # ATLAS.ti's export of the REFI standard project lists its codes in the researcher's order, not by name.
    from .conftest import shared_fixture

    path = shared_fixture("fixtures/refi/atlasti-8.4_standard-project.sky-loom.qde")
    root = ET.parse(path).getroot()
    # Top-level codes as written ("Coke::diet Coke" is a code under "Coke", which qlr puts before its children).
    written = [name for code in root.iter("{urn:QDA-XML:project:1.0}Code") if "::" not in (name := code.get("name"))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.io.read_qdpx(path)
    (book,) = study.codebooks.values()
    assert [c.name for c in book.codes if not c.parent] == written and written != sorted(written)


def test_change_grid_top_draws_the_codes_the_heatmap_draws(sample_study):
    study = sample_study.copy().apply("coproduction", progress=False)
    changes = qlr.track.change(study)
    everything = qlr.plot.change_grid(changes, top=None)
    assert len(everything.get_xticklabels()) == changes["code_id"].nunique() == 30
    assert "left out" not in everything.get_title()
    # top= means what it means in matrix_heatmap: the same five codes, those with the most codings, in the same order.
    grid = qlr.plot.change_grid(changes, top=5)
    heat = qlr.plot.matrix_heatmap(qlr.track.matrix(study), top=5)
    drawn = [t.get_text() for t in grid.get_xticklabels()]
    assert drawn == [t.get_text() for t in heat.axes[0].get_xticklabels()] and len(drawn) == 5
    assert "5 of 30 codes drawn, those with the most codings: 25 left out" in " ".join(grid.get_title().split())
    assert grid.figure.get_size_inches()[0] < everything.figure.get_size_inches()[0]
    with pytest.raises(qlr.errors.InvalidParameterError):
        qlr.plot.change_grid(changes, top=0)


def test_change_grid_of_one_wave_says_there_is_no_change_to_draw(sample_study):
    # A one-wave project: every row "not enough waves"; before, a grid of one colour (71 inches wide for 151 codes).
    changes = qlr.track.change(sample_study.copy().apply("coproduction", progress=False).sel(wave="W1"))
    assert set(changes["category"].astype(str)) == {"not enough waves"}
    with pytest.raises(qlr.errors.SelectionError, match="no case was seen at two or more waves"):
        qlr.plot.change_grid(changes)


def _end_labels(ax):
    ax.figure.canvas.draw()
    labels = [t for t in ax.texts if t.get_position()[0] > 1.9 and t.get_text()]
    return sorted(labels, key=lambda t: t.get_position()[1])


def test_trajectory_end_labels_are_apart_inside_the_axes_with_leaders(sample_study):
    # The sample's 27 cases: most lines end at W3, their labels were stacked past the top of the axes, some on others.
    study = sample_study.copy().apply("coproduction", progress=False)
    placements = qlr.track.ladder(study, facet="delivery")
    ax = qlr.plot.trajectories(placements)
    labels = _end_labels(ax)
    assert len(labels) >= 20
    low, high = ax.get_ylim()
    assert all(low <= t.get_position()[1] <= high for t in labels)
    # No two labels' boxes (the text's, not its leader's) overlap by more than a point, on the page.
    renderer = ax.figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    assert all(upper.y0 - lower.y1 > -1.0 for lower, upper in zip(boxes, boxes[1:]))
    # A label moved away from its line's end is joined to it: its leader starts at the point.
    moved = [t for t in labels if getattr(t, "arrow_patch", None) is not None]
    assert moved and all(abs(t.xy[1] - t.get_position()[1]) > 0 for t in moved)
    # Deterministic: drawn again, the same places.
    again = _end_labels(qlr.plot.trajectories(placements))
    assert [(t.get_text(), t.get_position()) for t in again] == [(t.get_text(), t.get_position()) for t in labels]
