"""Time-ordered displays: the time-ordered matrix, the case-ordered meta-matrix and the event listing."""

from __future__ import annotations

import pandas as pd
import pytest

import qlr
from qlr.errors import InvalidParameterError, SelectionError
from qlr.track import TRAJECTORY_TYPES


@pytest.fixture(scope="module")
def carers(coded_sample):
    return coded_sample.sel(role="carer")


@pytest.fixture(scope="module")
def ordered(carers):
    return qlr.track.time_ordered_matrix(carers)


def test_the_time_ordered_matrix_says_why_a_case_is_missing(ordered):
    table = ordered.table.set_index(["case_id", "wave_id"])
    gaps = table[table["theme"] == ""]["n_codings"]
    # The sample's designed attrition (data/sample/README.md, section 2).
    assert gaps.to_dict() == {("C06", "W3"): "dropped out", ("C08", "W2"): "missed", ("C11", "W1"): "not yet joined"}


def test_the_time_ordered_matrix_counts_what_the_matrix_counts(carers, ordered):
    counts = qlr.track.matrix(carers, cols="theme").tidy
    counts = counts.dropna(subset=["value"])
    counts = counts[counts["value"] > 0].set_index(["case_id", "wave_id", "theme"])["value"]
    mine = ordered.table[ordered.table["theme"] != ""].set_index(["case_id", "wave_id", "theme"])["n_codings"].astype(int)
    assert mine.sort_index().to_dict() == counts.astype(int).sort_index().to_dict()


def test_each_key_quote_is_the_case_s_own_words_at_that_wave(carers, ordered):
    texts = carers.documents.set_index("doc_id")
    roles = carers.segments.set_index("seg_id")["speaker_role"]
    cells = ordered.table[ordered.table["theme"] != ""]
    for row in cells.itertuples():
        document = texts.loc[row.doc_id]
        assert (document["case_id"], document["wave_id"]) == (row.case_id, row.wave_id)
        assert row.quote and row.quote in document["text"]
        assert roles[row.seg_id] != "interviewer"  # a question is never evidence


def test_the_wide_view_reads_across_the_waves_in_order(ordered):
    wide = ordered.wide
    assert wide.columns.tolist() == ["W1", "W2", "W3"]
    assert wide.loc[("C06", ""), "W3"] == "dropped out"
    assert wide.loc[("C01", "reciprocity"), "W3"].startswith("6: “")


def test_the_meta_matrix_orders_cases_by_trajectory_then_final_level(carers):
    meta = qlr.track.case_ordered_meta_matrix(qlr.track.ladder(carers), facet="delivery")
    cases = meta.table.drop_duplicates("case_id")
    ranks = [TRAJECTORY_TYPES.index(t) for t in cases["trajectory"]]
    assert ranks == sorted(ranks) and cases["rank"].tolist() == list(range(1, len(cases) + 1))
    for _, same in cases.groupby("trajectory"):
        assert same["final"].is_monotonic_decreasing
    # The designed advancing carers come first, the declining one (C05 Elaine) after them.
    assert cases["case_id"].tolist().index("C05") > cases["case_id"].tolist().index("C01")


def test_the_meta_matrix_cell_quotes_the_evidence_that_decided_it(carers):
    placements = qlr.track.ladder(carers, facet="delivery")
    meta = qlr.track.case_ordered_meta_matrix(placements, order="final")
    first = placements.evidence[placements.evidence["rank"] == 0].set_index(["case_id", "wave_id"])["quote"]
    placed = meta.table.dropna(subset=["seg_id"]).set_index(["case_id", "wave_id"])["quote"]
    assert len(placed) > 20 and all(first[key] == quote for key, quote in placed.items())
    finals = meta.table.drop_duplicates("case_id")["final"]
    assert finals.dropna().is_monotonic_decreasing


def test_an_override_is_shown_without_a_quote_that_did_not_decide_it(carers):
    study = carers.copy()
    study.override_placement(case="C05", wave="W3", level=3, reason="read the whole interview", author="rm", facet="delivery")
    meta = qlr.track.case_ordered_meta_matrix(qlr.track.ladder(study, facet="delivery"))
    cell = meta.table.set_index(["case_id", "wave_id"]).loc[("C05", "W3")]
    assert cell["level"] == 3 and cell["quote"] == ""


def test_the_meta_matrix_refuses_what_it_cannot_use(carers):
    placements = qlr.track.ladder(carers)
    with pytest.raises(InvalidParameterError, match="order"):
        qlr.track.case_ordered_meta_matrix(placements, order="alphabetical")
    with pytest.raises(SelectionError, match="evidence"):
        qlr.track.case_ordered_meta_matrix(placements.table)
    with pytest.raises(InvalidParameterError, match="facet"):
        qlr.track.case_ordered_meta_matrix(placements, facet="deliveri")


def test_the_event_listing_dates_notes_by_entry_and_documents_by_their_date(coded_sample):
    events = qlr.track.event_listing(coded_sample)
    table = events.table
    assert table["date"].is_monotonic_increasing
    assert set(table["kind"]) == {"observation", "document"}  # interviews are not events
    dates = coded_sample.segments.set_index("seg_id")["date"]
    notes = table[table["kind"] == "observation"]
    assert (notes["date"] == notes["seg_id"].map(dates)).all()
    bid = table[table["doc_id"] == "funding_bid_2023"]
    assert set(bid["date"]) == {pd.Timestamp("2023-06-30")}
    assert "undated" in events.title  # the untitled header lines of the notes are said, not lost


def test_html_is_escaped_and_static():
    table = pd.DataFrame({"case_id": ["C<1>"], "theme": ["t"], "wave_id": ["W1"], "n_codings": [1], "seg_id": ["s"], "doc_id": ["d"], "quote": ["<script>alert(1)</script>"]})
    page = qlr.track.Display(table, rows=["case_id", "theme"], cols="wave_id", cell="n_codings", title="t").to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "C&lt;1&gt;" in page


def test_displays_show_in_a_notebook(ordered):
    assert repr(ordered).startswith("<Display time-ordered matrix: 11 cases × 3 waves")
    assert ordered._repr_html_().count("<table") == 1


def test_the_report_shows_epistemic_networks_and_displays_with_quotes(tmp_path, coded_sample):
    page = qlr.report.write_report(coded_sample, tmp_path, role="carer", progress=False)
    text = page.read_text(encoding="utf-8")
    ena = text[text.index("<section id='ena'>") : text.index("<section id='displays'>")]
    assert "<h2>Epistemic networks by wave (carers)</h2>" in ena
    # Each carer is compared with themself, and the page says so and who had no partner (C06 at W3, C11 at W1).
    assert "Wilcoxon signed-rank" in ena and "matched-pairs rank-biserial r" in ena and "Mann-Whitney U" not in ena
    assert "2 case × wave units without the other wave are left out" in ena
    assert ena.count("<details>") == 3 and ena.count("<blockquote dir='auto'>") >= 6  # three connections, each with stanzas
    # Connections and quotes are labelled with the themes' names, as in the figures.
    assert "Reciprocity &amp; Peer networks: stronger at W3 (r = 1.00" in ena and "<b>Peer networks</b>:" in ena
    displays = text[text.index("<section id='displays'>") :]
    assert "Time-ordered matrix" in displays and "Case-ordered meta-matrix" in displays and "Event listing" in displays
    assert "dropped out" in displays  # Farid's W3 is said, not left blank
    for name in ("ena_units", "ena_connections", "time_ordered_matrix", "meta_matrix", "event_listing"):
        assert len(pd.read_csv(tmp_path / "tables" / f"{name}.csv")) > 0, name
    assert (tmp_path / "figures" / "ena_difference.png").exists()


def test_the_report_explains_when_there_is_only_one_wave(tmp_path, coded_sample):
    page = qlr.report.write_report(coded_sample.sel(role="carer", wave="W1"), tmp_path, progress=False)
    text = page.read_text(encoding="utf-8")
    assert "fewer than two" in text[text.index("<section id='ena'>") :]
