"""A new user's check of the merged release (stop 56): loading notes said once, roles' sources, rules between turns, figures."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

import qlr  # noqa: E402
from qlr.errors import NoInterviewerWarning  # noqa: E402
from qlr.io import speaker_labels  # noqa: E402

from .conftest import write  # noqa: E402


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        return qlr.load(path, progress=False)


def _unknown_kind_notes(study):
    return [note for note in study.meta["inferred"] if "kinds qlr does not know" in note]


def test_a_kind_qlr_does_not_know_is_said_once_with_a_study_yaml_and_without(tmp_path):
    # Before: a study.yaml's "minutes" was said twice, "segmented by paragraph" and "read by paragraph, … not told apart".
    listed = tmp_path / "listed"
    write(listed / "P1_W1_interview.txt", "Interviewer: How is it?\nAnn: Fine.\n")
    write(listed / "P1_W1_minutes.txt", "Agreed the rota.\n\nNext meeting in May.\n")
    write(listed / "study.yaml", "documents:\n  - path: '*.txt'\n")
    notes = _unknown_kind_notes(_load(listed))
    assert len(notes) == 1
    assert notes[0].startswith("kinds qlr does not know, read by paragraph, their entries and speakers not told apart: minutes (1 document). Fix:")
    # A folder read by its names: the same note, once.
    named = tmp_path / "named"
    write(named / "P1_W1_interview.txt", "Interviewer: How is it?\nAnn: Fine.\n")
    write(named / "P1_W1_minutes.txt", "Agreed the rota.\n\nNext meeting in May.\n")
    write(named / "P2_W1_minutes.txt", "Rota agreed again.\n")
    assert _unknown_kind_notes(_load(named)) == [notes[0].replace("minutes (1 document)", "minutes (2 documents)")]


def test_a_participant_the_header_names_is_decided_by_the_header(tmp_path):
    # "Respondent: Ann Lee" above her turns: a participant as the default would make her, but the header said so.
    write(
        tmp_path / "P1_W1_interview.md",
        "**Interviewer:** Sam Jones\n**Respondent:** Ann Lee — Carer\n\n"
        "**Sam Jones (00:02):** How has the group been?\n\n**Ann Lee (00:10):** We share the decisions now.\n\n"
        "**Sam Jones (00:41):** Do you feel listened to?\n\n**Ann Lee (00:45):** Yes.\n",
    )
    study = _load(tmp_path)
    assert any("'Ann Lee' read as participant (Respondent: Ann Lee)" in note for note in study.meta["inferred"])
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["Ann Lee", ["role", "turns", "decided_by"]].tolist() == ["participant", 2, "header"]
    assert table.loc["Sam Jones", ["role", "decided_by"]].tolist() == ["interviewer", "header"]
    # The study's speakers: wins over the header, and says so.
    write(tmp_path / "study.yaml", "documents:\n  - path: '*.md'\nspeakers:\n  Ann Lee: participant\n")
    assert speaker_labels(_load(tmp_path)).set_index("speaker").loc["Ann Lee", "decided_by"] == "manifest"
    # Kept when the study is saved and opened again.
    saved = tmp_path / "saved.qlr"
    study.save(saved)
    assert speaker_labels(qlr.open(saved)).set_index("speaker").loc["Ann Lee", "decided_by"] == "header"
    # Pooled with another study: the pooled document still says the header decided.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.pool({"a": study, "b": study.copy()})
    assert speaker_labels(pooled).groupby("speaker")["decided_by"].agg(set).to_dict() == {"Ann Lee": {"header"}, "Sam Jones": {"header"}}
    # Pseudonymised with the other labels: the header's names go, what decided their roles stays.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        renamed = qlr.pseudonymise(study, extra=["Ann Lee", "Sam Jones"]).study
    assert "ann lee" not in str(renamed.meta["header_speakers"])
    assert speaker_labels(renamed)["decided_by"].tolist() == ["header", "header"]


def _texts(study):
    texts = study.segment_texts()
    return [(row.speaker, texts[row.seg_id]) for row in study.segments.itertuples()]


def test_a_markdown_rule_between_turns_is_no_ones_words(tmp_path):
    write(
        tmp_path / "P1_W1_interview.md",
        "### Interviewer (00:03)\n\nHow has it been?\n\n### Participant (00:15)\n\nWe run it ourselves now.\n\n---\n\n"
        "### Interviewer (01:40)\n\nAnd the council?\n\n### Participant (02:05)\n\nIt was --- well, hard.\n\n* * *\n\n"
        "### Interviewer (03:00)\n\nThe rota?\n\n### Participant (03:10)\n\nThis one:\n\nday    who\n-----  -----\nMon    Ann\n-----  -----\n",
    )
    assert _texts(_load(tmp_path)) == [
        ("Interviewer", "How has it been?"),
        ("Participant", "We run it ourselves now."),  # before: "…now.\n\n---"
        ("Interviewer", "And the council?"),
        ("Participant", "It was --- well, hard."),  # a dash in speech stays; the "* * *" after it goes
        ("Interviewer", "The rota?"),
        ("Participant", "This one:\n\nday    who\n-----  -----\nMon    Ann\n-----  -----"),  # a table's rules stay
    ]


def _codes_graph(names):
    graph = nx.Graph()
    for at, name in enumerate(names):
        graph.add_node(f"c{at}", name=name, theme="t", frequency=len(names) - at)
    for at in range(1, len(names)):
        graph.add_edge("c0", f"c{at}", weight=1)
    return graph


def test_code_labels_wrap_between_words_and_sit_under_their_nodes():
    names = ["Contraindications to the vaccine", "HBM 5. Cue to Action – Cselekvésre", "Trust", "Attituderoots", "Family and friends"]
    fig = qlr.plot.network_panels({"W1": _codes_graph(names)})
    ax = fig.axes[0]
    fig.canvas.draw()
    labels = [text for text in ax.texts if text.get_text()]
    assert sorted(text.get_text() for text in labels) == sorted(
        ["Contraindications\nto the vaccine", "HBM 5. Cue to\nAction…", "Trust", "Attituderoots", "Family and\nfriends"]
    )
    # Each label below its node's circle: its top under the node's centre by more than the circle's radius.
    node_size = 160
    for text in labels:
        centre = ax.transData.transform(text.xy)
        box = text.get_window_extent()
        assert box.y1 < centre[1] - 0.5 * np.sqrt(node_size * 0.7) * fig.dpi / 72
        assert box.x0 < centre[0] < box.x1
    # The same labels, at the same places, drawn again.
    again = qlr.plot.network_panels({"W1": _codes_graph(names)})
    again.canvas.draw()
    assert [t.get_window_extent().bounds for t in again.axes[0].texts] == [t.get_window_extent().bounds for t in ax.texts]
    plt.close(fig)
    plt.close(again)


def test_code_labels_on_a_circle_keep_their_words_whole():
    # More than 20 codes are drawn on a circle, each label on one line: "Contraindication s" before.
    names = ["Contraindications", *(f"Code {at}" for at in range(1, 22))]
    fig = qlr.plot.network_panels({"W1": _codes_graph(names)})
    drawn = {text.get_text() for text in fig.axes[0].texts}
    assert "Contraindications" in drawn and "Contraindication s" not in drawn
    plt.close(fig)
