"""Displays' leftovers from stop 58: a trajectories x label past the figure's edges, a heatmap of every code that no one
can read, and CJK or emoji code names measured in code points where labels are fitted (figures and printed tables)."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr._names import display_width, middle_cut, told_apart
from qlr.cli import _table_text
from qlr.plot._figures import TICK_LABEL_WIDTH, _fitted_lines


def _pooled_placements(sample_study):
    """The carers' delivery placements as a pooled study names them (long ids), seven placed at no wave, one partly
    coded at W2 and one not coded at W1: the x label then explains three marks and names five cases."""
    study = sample_study.copy().apply("coproduction", progress=False)
    placements = qlr.track.ladder(study.sel(role="carer"), facet="delivery")
    table = placements.table.copy()
    table["case_id"] = "eastbrook-housing-association:" + table["case_id"]
    table["reason"] = (table["reason"] if "reason" in table else pd.Series(None, index=table.index)).astype(object)
    cases = sorted(table["case_id"].unique())
    nowhere = table["case_id"].isin(cases[:7])
    table.loc[nowhere, ["level", "final_level"]] = np.nan
    table.loc[nowhere, "status"] = "insufficient evidence"
    for case, wave, reason in ((cases[7], "W2", "partly coded"), (cases[8], "W1", "not coded")):
        at = (table["case_id"] == case) & (table["wave_id"] == wave)
        table.loc[at, ["level", "final_level"]] = np.nan
        table.loc[at, "status"] = "missing"
        table.loc[at, "reason"] = reason
    return type(placements)(table, placements.evidence, ladder=placements.ladder, keys=placements.keys, waves=placements.waves)


def test_the_trajectories_x_label_is_wrapped_inside_the_figure(sample_study):
    ax = qlr.plot.trajectories(_pooled_placements(sample_study))
    fig = ax.figure
    fig.canvas.draw()
    box = ax.xaxis.label.get_window_extent(fig.canvas.get_renderer())
    # Before: one line from x = -525 to 1262 points on a 630-point figure, cut at both edges by savefig.
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width
    label = ax.get_xlabel()
    assert label.count("\n") >= 2 and "eastbrook-housing-association:C05 …)" in label.replace("\n", " ")
    assert label.replace("\n", " ").startswith("Wave (below the ladder, no level: diamond: partly coded; cross: not coded; open triangle: insufficient evidence")
    plt.close("all")


def test_the_gallerys_trajectories_keep_their_one_word_x_label(sample_study):
    study = sample_study.copy().apply("coproduction", progress=False)
    ax = qlr.plot.trajectories(qlr.track.ladder(study.sel(role="carer"), facet="delivery"))
    assert ax.get_xlabel() == "Wave"
    plt.close("all")


def test_fitted_lines_break_between_words_at_the_measured_width():
    assert _fitted_lines("one two three four", 10, 60) == "one two\nthree four"
    assert _fitted_lines("unbreakable-long-case-id", 10, 20) == "unbreakable-long-case-id"  # a word alone on its line
    assert _fitted_lines("a b", 10, 1000) == "a b"


def _many_codes(n: int) -> qlr.track.Matrix:
    rows = [{"case_id": f"P0{i}", "wave_id": "W1", "code_id": f"code {j:03d}", "value": float((i * j) % 5), "reason": None, "count": (i * j) % 5} for j in range(n) for i in range(1, 4)]
    return qlr.track.Matrix(pd.DataFrame(rows), rows="case_id", cols="code_id", by="wave_id", value="count")


def test_a_heatmap_of_every_code_too_many_to_read_says_to_pass_top():
    # The real NVivo project's 151 codes with top=None: 5.5-point columns, labels at 4 points running into each other.
    with pytest.warns(qlr.errors.QlrWarning) as said:
        fig = qlr.plot.matrix_heatmap(_many_codes(151), top=None)
    assert [str(w.message) for w in said] == [
        "matrix_heatmap: 151 columns in 14 inches are 5.5 points wide each, too narrow for their labels to be read (drawn at 4 points, "
        "running into each other). Fix: pass top=N to draw the N most coded codes (top=30, the default, says how many it left out), "
        "or draw a matrix of themes, one column per theme: qlr.track.matrix(study, cols='theme')"
    ]  # review: matrix_heatmap has no cols=; it was told as if it had
    assert len(fig.axes[0].get_xticklabels()) == 151  # drawn as asked
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        qlr.plot.matrix_heatmap(_many_codes(151))  # the default top=30: nothing to say
        qlr.plot.matrix_heatmap(_many_codes(100), top=None)  # 100 columns: 6-point labels, readable
    plt.close("all")


CJK = "知覚された感受性と認知的脆弱性と社会的孤立と経済的不安と家族の支え合いと地域の資源"  # 41 characters, 82 columns


def test_cjk_and_emoji_take_two_columns_where_labels_are_fitted():
    assert display_width(CJK) == 82 and display_width("👩‍👩‍👧 family") == 9 and display_width("E\u0301va") == 3
    cut = middle_cut(CJK, 56)
    # Before: 41 code points fitted in 56 and the name drew whole, 82 columns, half again as wide as a Latin name cut.
    assert cut == "知覚された感受性と認知的脆…と家族の支え合いと地域の資源" and display_width(cut) == 55
    assert middle_cut("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧 family ties", 9) == "👩‍👩‍👧👩‍👩‍👧…ties"
    assert all(display_width(label) <= TICK_LABEL_WIDTH for label in told_apart([CJK + "一", CJK + "二"], TICK_LABEL_WIDTH))


def test_a_heatmap_fits_cjk_labels_to_the_same_width_as_latin_ones(monkeypatch, sample_study):
    import qlr.plot._figures as figures

    study = sample_study.copy().apply("coproduction", progress=False)
    matrix = qlr.track.matrix(study.sel(role="carer"), cols="code", value="count")
    monkeypatch.setattr(figures, "code_labels", lambda codebook, ids, **_: {code: f"{CJK} {n}" for n, code in enumerate(ids)})
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font")  # no CJK font here: drawn as boxes
        fig = qlr.plot.matrix_heatmap(matrix, top=8)
    labels = [tick.get_text() for tick in fig.axes[0].get_xticklabels()]
    assert all(display_width(label) <= TICK_LABEL_WIDTH for label in labels) and labels[0].startswith("知覚された感受性と認知的脆…")
    plt.close("all")


def test_a_printed_table_lines_up_cjk_and_emoji_names_and_cuts_them_as_figures_do():
    table = pd.DataFrame({"code": ["Coping", "知覚された感受性", "👩‍👩‍👧 family", "care." + CJK], "kappa": [0.5, -0.00001, np.nan, 1.0]})
    lines = _table_text(table).splitlines()
    # Every row's kappa starts at the same column as printed (pandas padded by code points: CJK rows ran 8 columns long).
    starts = [display_width(line[: line.index(value)]) for line, value in zip(lines, ["kappa", "0.500", "0.000", None, "1.000"]) if value]
    assert len(set(starts)) == 1
    assert lines[3].rstrip() == "👩‍👩‍👧 family"  # a missing kappa is blank
    assert lines[4].split()[0] == middle_cut("care." + CJK, 48)
    # ASCII tables print as before (pandas' layout: a sign's place before numbers, text from the left).
    assert _table_text(pd.DataFrame({"code": ["Coping", "Long"], "n": [3, 4], "kappa": [0.5, -0.25]})).splitlines() == [
        "code    n  kappa",
        "Coping  3  0.500",
        "Long    4 -0.250",
    ]


def test_an_empty_table_prints_its_header():
    # Before: "cannot convert float NaN to integer" from the width of a text column with no rows.
    assert _table_text(pd.DataFrame({"code": pd.Series([], dtype=object), "kappa": pd.Series([], dtype=float)})) == "code  kappa"


def test_a_flag_takes_two_columns_as_a_terminal_prints_it():
    # Review: a flag is two regional indicators, neither East Asian wide and no variation selector: counted one column,
    # where terminals (wcwidth: one each) and emoji fonts draw two; a printed table with a flag in a name ran short.
    assert display_width("🇬🇧") == 2 and display_width("🇬🇧🇫🇷 partners") == 13
    lines = _table_text(pd.DataFrame({"code": ["🇺🇦 refugees", "Coping"], "n": [1, 2]})).splitlines()
    assert [display_width(line[: line.index(str(n))]) for line, n in zip(lines[1:], [1, 2])] == [13, 13]


def test_number_columns_print_as_pandas_printed_them_a_sign_place_before_the_header_only():
    # Review: qlr validate --rules and qlr agreement --disagreements on the sample printed their number columns one
    # column wider than before (a sign's place before every value: " 275", " 0.034", " 1.000"). pandas, which laid
    # the tables out before, keeps that place before a number column's header only; this table is what it printed.
    table = pd.DataFrame(
        {
            "code_id": ["assets.skills", "assets.caring"],
            "n": [275, 275],
            "tp": [11, 5],
            "precision": [0.786, 1.0],
            "kappa": [0.774, -0.25],
            "rho": [0.034, 0.054],
            "rm": [1.0, 0.0],
            "verdict": ["valid", "could be chance"],
        }
    )
    assert _table_text(table).splitlines() == [
        "code_id         n  tp  precision  kappa   rho    rm verdict",
        "assets.skills 275  11      0.786  0.774 0.034 1.000 valid",
        "assets.caring 275   5      1.000 -0.250 0.054 0.000 could be chance",
    ]
