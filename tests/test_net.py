"""Networks per wave against hand-built expectations."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import InvalidParameterError

CODEBOOK = """\
name: Net
id: net
themes: [peer_networks, power]
codes:
  - {id: peer_networks.support, parent: peer_networks}
  - {id: peer_networks.group, parent: peer_networks}
  - {id: power.say, parent: power}
networks:
  support: [peer_networks]
"""

# (doc, wave, case, [(segment text, speaker_role, [codes])])
DOCS = [
    ("A_W1", "W1", "A", [("I ring Bea when it gets bad.", "participant", ["peer_networks.support", "power.say"]),
                         ("We had a say.", "participant", ["power.say"]),
                         ("Bea and Cal help me.", "participant", ["peer_networks.support", "peer_networks.group"])]),
    ("B_W1", "W1", "B", [("Ann helps me with forms.", "participant", ["peer_networks.support"]),
                         ("Did Ann help?", "interviewer", [])]),
    ("A_W2", "W2", "A", [("Cal sorted the rota for me.", "participant", ["peer_networks.support"])]),
    ("N_W2", "W2", None, [("Bea showed Cal the credits form.", "observer", ["peer_networks.group"])]),
]


@pytest.fixture
def small():
    documents, segments, codings = [], [], []
    for doc_id, wave, case, parts in DOCS:
        text, offset = "", 0
        for position, (words, role, codes) in enumerate(parts):
            seg_id = f"{doc_id}:{position}"
            segments.append({"seg_id": seg_id, "doc_id": doc_id, "position": position, "start": offset, "end": offset + len(words), "speaker_role": role})
            for code in codes:
                codings.append({"coding_id": f"{seg_id}:{code}", "doc_id": doc_id, "start": offset, "end": offset + len(words), "seg_id": seg_id, "code_id": code, "origin": "human", "codebook": "net"})
            text += words + "\n\n"
            offset += len(words) + 2
        documents.append({"doc_id": doc_id, "case_id": case, "wave_id": wave, "kind": "interview" if case else "observation", "text": text})
    actors = pd.DataFrame(
        [
            {"actor_id": "A", "name": "Ann Smith", "kind": "person", "role": "carer", "case_id": "A", "aliases": []},
            {"actor_id": "B", "name": "Bea Jones", "kind": "person", "role": "carer", "case_id": "B", "aliases": []},
            {"actor_id": "cal", "name": "Cal", "kind": "person", "role": "key_personnel", "case_id": None, "aliases": []},
        ]
    )
    return qlr.Study(
        "small",
        cases=pd.DataFrame({"case_id": ["A", "B"], "role": ["carer", "carer"]}),
        waves=pd.DataFrame({"wave_id": ["W1", "W2"], "order": [1, 2]}),
        documents=pd.DataFrame(documents),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(codings),
        actors=actors,
        codebooks={"net": Codebook.from_yaml(CODEBOOK)},
    )


def test_cooccurrence_counts_and_formulas(small):
    # W1 segments: {support, say}, {say}, {support, group}, {support}: N = 4 units.
    # n_support = 3, n_say = 2, n_group = 1; support–say 1, support–group 1.
    expected = {
        "count": {("peer_networks.support", "power.say"): 1.0, ("peer_networks.group", "peer_networks.support"): 1.0},
        "jaccard": {("peer_networks.support", "power.say"): 1 / (3 + 2 - 1), ("peer_networks.group", "peer_networks.support"): 1 / (3 + 1 - 1)},
        "cosine": {("peer_networks.support", "power.say"): 1 / math.sqrt(6), ("peer_networks.group", "peer_networks.support"): 1 / math.sqrt(3)},
        "association": {("peer_networks.support", "power.say"): 4 * 1 / 6, ("peer_networks.group", "peer_networks.support"): 4 * 1 / 3},
    }
    for weight, edges in expected.items():
        graph = qlr.net.cooccurrence(small, weight=weight)["W1"]
        got = {tuple(sorted(e)): d["weight"] for *e, d in graph.edges(data=True)}
        assert got == pytest.approx({tuple(sorted(k)): v for k, v in edges.items()}), weight
        assert graph.nodes["peer_networks.support"]["frequency"] == 3
        assert graph.nodes["power.say"]["theme"] == "power"


def test_cooccurrence_windows_and_granularity(small):
    by_document = qlr.net.cooccurrence(small, window="document")["W1"]
    # A_W1 holds all three codes; B_W1 holds support only.
    assert by_document.nodes["peer_networks.support"]["frequency"] == 2
    assert by_document.edges["peer_networks.group", "power.say"]["count"] == 1
    themes = qlr.net.cooccurrence(small, granularity="theme", window="case")["W1"]
    assert set(themes.nodes) == {"peer_networks", "power"} and themes.edges["peer_networks", "power"]["count"] == 1
    assert list(qlr.net.cooccurrence(small)) == ["W1", "W2"]
    with pytest.raises(InvalidParameterError, match="weight='pmi' is not one of 'count', 'jaccard'"):
        qlr.net.cooccurrence(small, weight="pmi")


def test_cooccurrence_old_keywords_still_work_with_a_warning(small):
    new = qlr.net.cooccurrence(small, granularity="theme", window="case")["W1"]
    with pytest.warns(DeprecationWarning, match=r"the keyword level= is deprecated; write granularity="):
        with pytest.warns(DeprecationWarning, match=r"the keyword unit= is deprecated; write window="):
            old = qlr.net.cooccurrence(small, level="theme", unit="case")["W1"]
    assert nx.utils.graphs_equal(old, new)
    with pytest.raises(InvalidParameterError, match=r"got both unit= and its new name window="):
        qlr.net.cooccurrence(small, unit="case", window="case")


def test_actor_ties_from_coded_segments(small):
    graphs = qlr.net.actors(small)
    w1, w2 = graphs["W1"], graphs["W2"]
    # A names Bea (twice: two support segments) and Cal; B names Ann. "We had a say" is not support.
    assert sorted(w1.edges()) == [("A", "B"), ("A", "cal"), ("B", "A")]
    assert w1.edges["A", "B"]["count"] == 2 and w1.edges["A", "B"]["evidence"] == ["A_W1:0", "A_W1:2"]
    assert w1.edges["A", "B"]["codes"] == ["peer_networks.group", "peer_networks.support"]
    assert w1.nodes["cal"]["role"] == "key_personnel" and w1.nodes["B"]["case"] == "B"
    # Field notes: Bea then Cal named → Bea → Cal.  Interviewer turns never make ties.
    assert sorted(w2.edges()) == [("A", "cal"), ("B", "cal")]


def test_support_themes_come_from_the_codebook(small):
    assert qlr.net.support_codes(small.codebooks["net"]) == ["peer_networks.support", "peer_networks.group"]
    # A codebook naming no support themes counts every code: "We had a say" (power) now ties A to nobody,
    # but the say code joins the support codes of A's tie to Bea.
    plain = Codebook.from_yaml(CODEBOOK.split("networks:")[0])
    assert plain.networks == {} and qlr.net.support_codes(plain) == [c.id for c in plain.codes]
    w1 = qlr.net.actors(small, codebook=plain)["W1"]
    assert w1.edges["A", "B"]["codes"] == ["peer_networks.group", "peer_networks.support", "power.say"]
    with pytest.warns(DeprecationWarning, match=r"qlr.net.SUPPORT_THEMES is deprecated; use the codebook's networks"):
        assert qlr.net.SUPPORT_THEMES == ("peer_networks", "reciprocity")


def test_mentions_match_whole_names_and_first_names():
    pattern, lookup = qlr.net._actors._alias_pattern(
        pd.DataFrame([{"actor_id": "j", "name": "Joan Pryce", "kind": "person", "aliases": ["the Circle"]}, {"actor_id": "o", "name": "Jo", "kind": "person", "aliases": []}])
    )
    assert qlr.net.mentions("Joan's group, not Jo's; the Circle met. Joanna came.", pattern, lookup) == ["j", "o"]


def test_dynamics_by_hand():
    w1 = nx.DiGraph()
    w1.add_nodes_from([("a", {"role": "carer"}), ("b", {"role": "carer"}), ("c", {"role": "key_personnel"}), ("d", {"role": "family"})])
    w1.add_edges_from([("a", "b"), ("b", "a"), ("a", "c"), ("d", "a")])
    w2 = nx.DiGraph()
    w2.add_nodes_from([("a", {"role": "carer"}), ("b", {"role": "carer"}), ("c", {"role": "key_personnel"})])
    w2.add_edges_from([("a", "b"), ("c", "b")])
    d = qlr.net.dynamics({"W1": w1, "W2": w2})
    row = d.waves.loc["W1"]
    assert (row["nodes"], row["ties"]) == (4, 4)
    assert row["density"] == pytest.approx(4 / 12)
    assert row["reciprocity"] == pytest.approx(2 / 4)
    assert row["components"] == 1 and row["mean_degree"] == pytest.approx(1.0)
    # undirected degrees a=3, b=1, c=1, d=1: Σ(3 − d) = 6 over (3·2)
    assert row["centralisation"] == pytest.approx(1.0)
    turn = d.turnover.iloc[0]
    assert (turn["kept"], turn["new"], turn["lost"]) == (1, 1, 3)
    assert turn["jaccard"] == pytest.approx(1 / 5)
    a = d.egos[(d.egos["wave"] == "W1") & (d.egos["node"] == "a")].iloc[0]
    assert (a["size"], a["given"], a["received"], a["balance"]) == (3, 2, 2, 0)
    # By default each role is its own category, the same columns for every wave.
    assert (a["carer"], a["key_personnel"], a["family"], a["other"]) == (1, 1, 1, 0)
    assert list(d.egos.columns[-4:]) == ["carer", "family", "key_personnel", "other"]
    folded = qlr.net.dynamics({"W1": w1, "W2": w2}, composition={"carer": "peers", "key_personnel": "professionals"})
    a = folded.egos[(folded.egos["wave"] == "W1") & (folded.egos["node"] == "a")].iloc[0]
    assert (a["peers"], a["professionals"], a["other"]) == (1, 1, 1)
    with pytest.warns(DeprecationWarning, match=r"qlr.net.COMPOSITION is deprecated"):
        old = qlr.net.COMPOSITION
    assert qlr.net.ego(w1, "a", composition=old) == {"size": 3, "given": 2, "received": 2, "balance": 0, "peers": 1, "professionals": 1, "family": 1, "employers": 0, "other": 0}


def test_export_graphml_and_gexf(small, tmp_path):
    graphs = qlr.net.actors(small)
    paths = qlr.net.write_graphs(graphs, tmp_path, prefix="support")
    assert sorted(p.name for p in paths) == ["support_W1.gexf", "support_W1.graphml", "support_W2.gexf", "support_W2.graphml"]
    back = nx.read_graphml(tmp_path / "support_W1.graphml")
    assert back.has_edge("A", "B") and back.edges["A", "B"]["evidence"] == "A_W1:0; A_W1:2"
    gexf = nx.read_gexf(tmp_path / "support_W1.gexf")
    assert gexf.number_of_edges() == 3


def test_sample_peer_network_grows_denser_and_more_reciprocal(coded_sample_net):
    graphs = coded_sample_net
    carers = {w: g.subgraph([n for n in g if str(n).startswith("C")]).copy() for w, g in graphs.items()}
    ties = {w: g.number_of_edges() for w, g in carers.items()}
    assert ties["W1"] < ties["W2"] < ties["W3"]
    reciprocal = {w: nx.overall_reciprocity(g) if g.number_of_edges() else 0 for w, g in carers.items()}
    assert reciprocal["W3"] > 0.4
    # Joan (C10), who runs the self-organised circle at W3, is among its most connected carers,
    # and her circle of peers widens wave on wave.
    degree = dict(carers["W3"].degree())
    assert degree["C10"] >= max(degree.values()) - 1
    peers = {w: len(set(g.successors("C10")) | set(g.predecessors("C10"))) if "C10" in g else 0 for w, g in carers.items()}
    assert peers["W1"] < peers["W2"] < peers["W3"]


@pytest.fixture(scope="module")
def coded_sample_net():
    from .conftest import SAMPLE

    return qlr.net.actors(qlr.load(SAMPLE).apply("coproduction"))


def test_named_entity_candidates_from_an_installed_pipeline(tmp_path, sample_study):
    # A saved pipeline whose "ner" step finds one person the roster lacks stands in
    # for a trained model (none is on PyPI); the path through spacy.load is the real one.
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Rachel"}, {"label": "GPE", "pattern": "Eastbrook"}])
    nlp.to_disk(tmp_path / "pipeline")
    study = sample_study.copy().apply("coproduction", progress=False).sel(case="C01")
    graphs = qlr.net.actors(study, model=str(tmp_path / "pipeline"))
    candidates = {node for graph in graphs.values() for node, data in graph.nodes(data=True) if data.get("kind") == "candidate"}
    texts = " ".join(study.segment_texts())
    assert "Rachel" in texts and "Rachel" in candidates
    assert "Eastbrook" not in candidates
    with pytest.raises(qlr.errors.SelectionError, match="not installed"):
        qlr.net.actors(study, model=str(tmp_path / "no_such_pipeline"))


def test_actor_networks_by_case_have_one_graph_per_case(sample_study):
    # by="case" named case_id twice in the segments' columns, which made it a frame: one graph keyed 'case_id' with
    # one edge (stop 40). Each case's own support network now, its ties from its own words.
    graphs = qlr.net.actors(sample_study.copy().apply("coproduction", progress=False), by="case")
    assert "case_id" not in graphs and len(graphs) == 18
    # 123 before stop 41: talk coded only peer_networks.isolation, which counts against its support theme, no longer
    # gives a tie (C09's "Lorraine's the same, we're not big socialisers", C04 at W1 and C09's to the Hub).
    assert sum(graph.number_of_edges() for graph in graphs.values()) == 120
    assert all(source == case for case, graph in graphs.items() for source, _ in graph.edges() if source in graphs)
