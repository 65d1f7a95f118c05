"""``assertion: {negated: negative}``: a denied match of a positive code is evidence against its level."""

from __future__ import annotations

import pytest

import qlr
from qlr.codebook import Codebook
from qlr.errors import CodebookError

# A ladder of three levels on one facet; planning together supports level 2.
BOOK = """
name: Tiny
id: tiny
ladder:
  name: Steps
  levels: [{value: 0, name: None}, {value: 1, name: Asked}, {value: 2, name: Planned}]
  placement: {rule: highest_supported, min_evidence: 1, min_segments: 1}
themes: [power]
codes:
  - id: power.asked
    parent: power
    indicators: [{phrase: asked our views}]
    evidence: {level: 1, polarity: positive}
  - id: power.planned
    parent: power
    indicators: [{phrase: planned the sessions}]
    evidence: {level: 2, polarity: positive}
  - id: power.tokenistic
    parent: power
    indicators: [{phrase: tick-box}]
    evidence: {level: 2, polarity: negative}
"""

MANIFEST = """
name: Tiny study
waves: [{id: W1}]
cases: [{id: A, label: Ana}]
speakers: {Q: interviewer}
documents: [{path: "*.txt"}]
"""

# Ana: asked for views twice (level 1); planning affirmed once and denied once; a denied negative.
TRANSCRIPT = """Q: How does it work?
Ana: They asked our views on the times. They asked our views on the room as well.
Q: And the sessions?
Ana: We planned the sessions for the spring.
Q: Every time?
Ana: We never planned the sessions in the autumn. It was not a tick-box thing, mind.
"""


@pytest.fixture
def study(tmp_path):
    (tmp_path / "study.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "A_W1_interview.txt").write_text(TRANSCRIPT, encoding="utf-8")
    return qlr.load(tmp_path, progress=False)


def _with_negated(text: str) -> str:
    return text + "assertion: {negated: negative}\n"


def test_by_default_a_denial_is_not_counted(study):
    book = Codebook.from_yaml(BOOK)
    assert book.negated_evidence == "not counted"
    coded = study.copy().apply(book, progress=False)
    assert set(coded.codings["assertion"]) == {"affirmed", "negated"}
    placed = qlr.track.ladder(coded)
    # 1 affirmed planning passage; the denial and the denied tick-box give nothing.
    assert placed.table["level"].tolist() == [2]
    assert "negated" not in set(placed.evidence["assertion"])


def test_negative_switch_turns_a_denial_into_evidence_against_its_level(study):
    book = Codebook.from_yaml(_with_negated(BOOK))
    assert book.negated_evidence == "negative"
    coded = study.copy().apply(book, progress=False)
    placed = qlr.track.ladder(coded)
    trail = placed.evidence
    denied = trail[trail["assertion"] == "negated"]
    # The denied plan is negative evidence at level 2; the denied tick-box (a negative code) is dropped.
    assert denied[["code_id", "polarity", "level"]].values.tolist() == [["power.planned", "negative", 2]]
    # Planned: positive 1 at level 2 is not more than the negative 1 at level 2, so level 1 (asked: 2) holds.
    assert placed.table["level"].tolist() == [1]
    # Only the ladder reads denials: the matrix counts what it counted before.
    plain = qlr.track.matrix(study.copy().apply(Codebook.from_yaml(BOOK), progress=False)).tidy
    assert qlr.track.matrix(coded).tidy["count"].tolist() == plain["count"].tolist()


def test_the_switch_survives_yaml_dict_and_rules_beside_it():
    book = Codebook.from_yaml(BOOK + "assertion:\n  negated: negative\n  rules:\n    - {kind: trigger, category: hypothetical, direction: forward, phrase: fingers crossed}\n")
    assert book.negated_evidence == "negative"
    assert book.assertion[0]["phrase"] == "fingers crossed"
    assert Codebook.from_dict(book.to_dict()) == book
    assert Codebook.from_yaml(book.to_yaml()) == book
    # The default writes no block, and the list form of rules is still read as before.
    assert "assertion" not in Codebook.from_yaml(BOOK).to_dict()
    listed = Codebook.from_yaml(BOOK + "assertion:\n  - {kind: trigger, category: negated, direction: forward, phrase: nae}\n")
    assert listed.negated_evidence == "not counted" and listed.assertion[0]["phrase"] == "nae"


def test_an_unknown_value_or_key_names_its_line():
    with pytest.raises(CodebookError, match=r":23: .*'sometimes'.*Fix: write  negated: negative"):
        Codebook.from_yaml(BOOK + "assertion:\n  negated: sometimes\n")
    with pytest.raises(CodebookError, match="negatd"):
        Codebook.from_yaml(BOOK + "assertion:\n  negatd: negative\n")
    with pytest.raises(CodebookError, match="not one of"):
        Codebook(name="x", negated_evidence="positive")
