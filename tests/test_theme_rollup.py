"""Theme roll-ups: a theme's evidence for it and against it are counted apart (Codebook.rollup).

A small study, worked by hand.  Its codebook's facilitation theme has a code for
staff opening doors (``catalyst``, positive ladder evidence) and one for staff
running everything (``staff_led``, negative); peer ties have ``support`` and
``isolation`` (no ladder evidence, ``counts: against``); the ``negative`` theme
holds only negative evidence, so its codes count for it.

=====  ====================================  =====================================  ==================
case   W1                                    W2                                     W3
=====  ====================================  =====================================  ==================
S1     staff_led ×1                          catalyst ×1                            (nothing)
S2     isolation ×2, consulted ×1            support ×1, done_to ×1                 support ×2
=====  ====================================  =====================================  ==================

Pooled by theme as qlr did before, S1's facilitation was 1, 1, 0 ("ceases") and
S2's peer ties 2, 1, 2 ("idiosyncratic").  Counted apart: S1's facilitation is
0, 1, 0 ("idiosyncratic") and its staff-led delivery 1, 0, 0 ("ceases"); S2's peer
ties 0, 1, 2 ("emerges") and its isolation 2, 0, 0 ("ceases").
"""

from __future__ import annotations

import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import CodebookError

from .conftest import write

CODEBOOK = """\
name: Tiny
id: tiny
version: 1.0.0
ladder:
  name: Steps
  facets: [delivery]
  levels: [{value: 0, name: Nothing}, {value: 1, name: Some}, {value: 2, name: More}, {value: 3, name: Most}]
themes: [facilitation, power, peers, negative]
codes:
  - {id: facilitation.catalyst, parent: facilitation, evidence: {level: 1, facet: delivery}}
  - {id: facilitation.staff_led, parent: facilitation, evidence: {level: 2, facet: delivery, polarity: negative}}
  - {id: power.consulted, parent: power, evidence: {level: 1, facet: delivery}}
  - {id: peers.support, parent: peers, evidence: {level: 2, facet: delivery}}
  - {id: peers.isolation, parent: peers, counts: against}
  - {id: negative.done_to, parent: negative, evidence: {level: 1, facet: delivery, polarity: negative}}
"""

TEXTS = {
    "S1_W1": "Interviewer: How are the sessions?\nJune: The manager runs the lot, we just sit there.\nInterviewer: Thanks.\nJune: No bother.\n",
    "S1_W2": "Interviewer: And now?\nJune: The coordinator asked me to try leading the warm-up.\nInterviewer: Thanks.\nJune: No bother.\n",
    "S1_W3": "Interviewer: Anything new?\nJune: Not much to say this time.\nInterviewer: Thanks.\nJune: No bother.\n",
    "S2_W1": "Interviewer: Do you know people?\nOmar: I sit on my own at the back.\nInterviewer: In the week?\nOmar: Nobody rings me in the week.\nInterviewer: Are you asked?\nOmar: They hand round a form asking for ideas.\n",
    "S2_W2": "Interviewer: Who helps you?\nOmar: Pat drops round with shopping when I'm low.\nInterviewer: And the rota?\nOmar: The new rota was simply announced to us.\n",
    "S2_W3": "Interviewer: And the group?\nOmar: Pat and Lin check on me most days.\nInterviewer: Anything else?\nOmar: We swap lifts to the clinic.\n",
}

CODINGS = [
    ("S1_W1", "The manager runs the lot", "facilitation.staff_led"),
    ("S1_W2", "asked me to try leading the warm-up", "facilitation.catalyst"),
    ("S2_W1", "I sit on my own at the back", "peers.isolation"),
    ("S2_W1", "Nobody rings me in the week", "peers.isolation"),
    ("S2_W1", "hand round a form asking for ideas", "power.consulted"),
    ("S2_W2", "Pat drops round with shopping", "peers.support"),
    ("S2_W2", "simply announced to us", "negative.done_to"),
    ("S2_W3", "Pat and Lin check on me", "peers.support"),
    ("S2_W3", "We swap lifts to the clinic", "peers.support"),
]


@pytest.fixture
def codebook():
    return Codebook.from_yaml(CODEBOOK, path="tiny.yaml")


@pytest.fixture
def study(tmp_path, codebook):
    root = tmp_path / "tiny"
    write(root / "study.yaml", "waves: [W1, W2, W3]\ncases: [{id: S1}, {id: S2}]\ndocuments: ['*.txt']\n")
    for name, text in TEXTS.items():
        write(root / f"{name}_interview.txt", text)
    loaded = qlr.load(root)
    loaded.codebooks[codebook.id] = codebook
    for name, quote, code in CODINGS:
        loaded.code_quote(f"{name}_interview", quote, code, coder="jm")
    return loaded


def test_the_codebook_says_which_codes_count_against_their_theme(codebook):
    assert [c.id for c in codebook.codes if codebook.counts_against(c.id)] == ["facilitation.staff_led", "peers.isolation"]
    assert codebook.rollup("facilitation.staff_led") == "facilitation (against)"
    assert codebook.rollup("negative.done_to") == "negative"  # a theme of negative evidence only
    assert codebook.rollups() == ["facilitation", "facilitation (against)", "power", "peers", "peers (against)", "negative"]
    assert codebook.rollup_name("peers (against)") == "Peers (against)" and codebook.theme_of_rollup("peers (against)") == "peers"


def test_the_bundled_codebook_splits_needs_staff_led_and_isolation_from_their_themes():
    cb = qlr.read_codebook("coproduction")
    assert [c.id for c in cb.codes if cb.counts_against(c.id)] == ["assets.needs_focus", "peer_networks.isolation", "facilitation.staff_led"]
    assert all(cb.rollup(c.id) == "negative" for c in cb.children("negative"))


def test_a_sub_code_with_no_say_of_its_own_counts_as_its_parent_does():
    # Sub-codes of isolation had been added into the theme's own count (a review, stop 41).
    extra = """  - {id: peers.isolation.at_night, parent: peers.isolation}
  - {id: facilitation.staff_led.rota, parent: facilitation.staff_led}
  - {id: facilitation.staff_led.chosen, parent: facilitation.staff_led, evidence: {level: 1, facet: delivery}}
  - {id: peers.support.lifts, parent: peers.support}
"""
    cb = Codebook.from_yaml(CODEBOOK + extra, path="tiny.yaml")
    assert cb.rollup("peers.isolation.at_night") == "peers (against)"
    assert cb.rollup("facilitation.staff_led.rota") == "facilitation (against)"
    assert cb.rollup("facilitation.staff_led.chosen") == "facilitation"  # its own positive evidence decides
    assert cb.rollup("peers.support.lifts") == "peers"


def test_counts_is_read_written_and_refused_when_it_is_neither(codebook, tmp_path):
    again = Codebook.from_yaml(codebook.to_yaml(), path="again.yaml")
    assert again == codebook and again["peers.isolation"].counts == "against"
    qlr.io.write_qdc(codebook, tmp_path / "tiny.qdc")  # REFI-QDA keeps it in qlr's fields beside the code
    assert qlr.read_codebook(tmp_path / "tiny.qdc")["peers.isolation"].counts == "against"
    with pytest.raises(CodebookError, match="counts 'sideways' is not 'for' or 'against'"):
        Codebook.from_yaml(CODEBOOK.replace("counts: against", "counts: sideways"), path="bad.yaml")


def test_the_theme_matrix_counts_evidence_against_a_theme_in_a_column_of_its_own(study):
    m = qlr.track.matrix(study, cols="theme")
    w1 = m.panel("W1")
    assert list(w1.columns) == ["facilitation", "facilitation (against)", "power", "peers", "peers (against)", "negative"]
    assert w1.loc["S1"].tolist() == [0, 1, 0, 0, 0, 0]
    assert w1.loc["S2"].tolist() == [0, 0, 1, 0, 2, 0]
    assert m.panel("W2").loc["S2"].tolist() == [0, 0, 0, 1, 0, 1]


def test_change_reads_a_theme_apart_from_the_evidence_against_it(study):
    ch = qlr.track.change(study, granularity="theme").set_index(["case_id", "theme"])
    got = {key: (ch.loc[key, ["W1", "W2", "W3"]].tolist(), ch.loc[key, "category"]) for key in ch.index}
    assert got[("S1", "facilitation")] == ([0, 1, 0], "idiosyncratic")  # was 1, 1, 0: "ceases"
    assert got[("S1", "facilitation (against)")] == ([1, 0, 0], "ceases")
    assert got[("S2", "peers")] == ([0, 1, 2], "emerges")  # was 2, 1, 2: "idiosyncratic"
    assert got[("S2", "peers (against)")] == ([2, 0, 0], "ceases")
    assert got[("S2", "negative")] == ([0, 1, 0], "idiosyncratic")
    # The code-level view is untouched.
    by_code = qlr.track.change(study).set_index(["case_id", "code_id"])
    assert by_code.loc[("S1", "facilitation.staff_led"), "category"] == "ceases"


def test_the_displays_and_quotes_follow_the_same_roll_up(study):
    ordered = qlr.track.time_ordered_matrix(study).table
    s1 = ordered[ordered["case_id"] == "S1"]
    assert list(zip(s1["theme"], s1["wave_id"], s1["n_codings"])) == [("facilitation", "W2", 1), ("facilitation (against)", "W1", 1)]
    q = qlr.track.quotes(study, case="S1", theme="facilitation (against)")
    assert q["quote"].tolist() == ["The manager runs the lot"]
    assert qlr.track.quotes(study, case="S1", theme="facilitation")["quote"].tolist() == ["asked me to try leading the warm-up"]


def test_portraits_name_the_evidence_against_a_theme(study):
    text = str(qlr.track.portrait(study, "S2"))
    assert "- Peers: emerges" in text and "- Peers (against): ceases" in text


def test_theme_networks_keep_evidence_against_a_theme_as_its_own_node(study):
    graphs = qlr.net.cooccurrence(study, granularity="theme", window="case")
    # W1: S1's staff-led delivery alone; S2's isolation beside its consultation.
    w1 = graphs["W1"]
    assert sorted(w1.nodes) == ["facilitation (against)", "peers (against)", "power"]
    assert sorted(w1.edges) == [("peers (against)", "power")]
    assert sorted(graphs["W2"].edges) == [("negative", "peers")]
    assert w1.nodes["peers (against)"]["theme"] == "peers" and w1.nodes["peers (against)"]["name"] == "Peers (against)"


def test_support_talk_leaves_out_codes_against_a_support_theme():
    cb = Codebook.from_yaml(CODEBOOK + "networks: {support: [peers]}\n", path="tiny.yaml")
    assert qlr.net.support_codes(cb) == ["peers.support"]


def test_support_talk_without_a_networks_block_leaves_out_codes_against_their_theme():
    # Every code is support talk where the codebook names no support themes, but not one that counts against its
    # theme: isolation ("Nobody rings me") and staff-led delivery had given support ties (a review, stop 41).
    cb = Codebook.from_yaml(CODEBOOK, path="tiny.yaml")
    assert cb.networks == {}
    assert qlr.net.support_codes(cb) == ["facilitation.catalyst", "power.consulted", "peers.support", "negative.done_to"]
