"""The assertion rules' cue bits skip only rules that could not have found anything (stop 48).

:meth:`AssertionRules._cues_of` reads the words in reach of a sentence's matches once, and
:meth:`AssertionRules.categories` calls a rule only when one of the words its own first test
asks for is among them.  Every decision must be the one the rules give when each of them is
called for every match (cue bits all set), on every text of the assertion corpora and the sample
study, for matches at every token, with and without a service code, in and out of a field note,
and for indicators of a denial.
"""

from __future__ import annotations

import bisect
import csv
from pathlib import Path

import pytest

from qlr.code._assertion import LATER_SENTENCES, AssertionRules
from qlr.code._nlp import shared_pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted((ROOT / "data").glob("assertion-corpus*/sentences.tsv"))


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline(None)


@pytest.fixture(scope="module")
def rules(nlp):
    # The bundled rules with a service row, so that codes about staff take the rules' other paths too.
    from qlr.code._assertion import Rule

    return AssertionRules(nlp).extended([Rule("service", "other", "", "facilitation")])


def _corpus_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle, delimiter="\t")]


def _sample_texts() -> list[str]:
    import qlr

    return [str(text) for text in qlr.load(ROOT / "data" / "sample").segment_texts().values][:200]


def _judge_everywhere(rules: AssertionRules, nlp, texts: list[str], *, every_rule: bool, scans: bool = True) -> list[tuple]:
    """Each match's categories, as the matcher asks for them: a one- and a two-token match at every token."""
    if every_rule:
        rules._cues_of = lambda *_: -1  # every bit set: each rule is called for every match
        try:
            return _judge_everywhere(rules, nlp, texts, every_rule=False, scans=False)
        finally:
            del rules._cues_of
    out = []
    for doc in nlp.pipe(texts):
        lowers = [token.lower for token in doc]
        starts = [sent.start for sent in doc.sents] or [0]
        kept: dict | None = {} if scans else None  # one Doc's scans, as the matcher keeps them; none: each call scans afresh
        for start in range(len(lowers)):
            for end in range(start + 1, min(start + 3, len(lowers) + 1)):
                sentence = bisect.bisect_right(starts, start) - 1
                first = starts[sentence]
                stop = starts[sentence + 1] if sentence + 1 < len(starts) else len(lowers)
                if end > stop:
                    continue
                after = starts[sentence + 2] if sentence + 2 < len(starts) else len(lowers)
                beyond = sentence + 2 + LATER_SENTENCES
                last = starts[beyond] if beyond < len(starts) else len(lowers)
                variant = (start + end) % 4  # a service code, a field note, a denial's indicator, or none of them
                found = rules.categories(
                    lowers, (first, stop), (start, end), next_sentence=lowers[stop:after], later=lowers[after:last],
                    scans=kept, code="facilitation.x" if variant == 1 else "power.x",
                    observed=variant == 2, denied=variant == 3,
                )
                out.append((start, end, *sorted(found)))
    return out


@pytest.mark.parametrize("path", CORPORA, ids=lambda path: path.parent.name)
def test_cue_bits_change_no_decision_on_a_corpus(nlp, rules, path):
    texts = _corpus_texts(path)
    gated = _judge_everywhere(rules, nlp, texts, every_rule=False)
    assert gated == _judge_everywhere(rules, nlp, texts, every_rule=True)
    assert any(len(found) > 2 for found in gated)  # some matches do get a category: the comparison is not of empty sets


def test_cue_bits_change_no_decision_on_the_sample_study(nlp, rules):
    texts = _sample_texts()
    assert _judge_everywhere(rules, nlp, texts, every_rule=False) == _judge_everywhere(rules, nlp, texts, every_rule=True)


def test_a_rule_without_its_cue_in_reach_is_not_called(nlp, rules, monkeypatch):
    # :meth:`_sent_on` needs "told" in the next sentence: after "I asked them to ask Sue." it is not asked at all,
    # after "I told them to ask Sue." it is, with that sentence.
    asked = []
    real = rules._sent_on
    monkeypatch.setattr(rules, "_sent_on", lambda words: asked.append(list(words)) or real(words))
    for text in ("We run the cafe. I asked them to ask Sue.", "We run the cafe. I told them to ask Sue."):
        doc = nlp(text)
        lowers = [token.lower for token in doc]
        stop = next(doc.sents).end
        assert rules.categories(lowers, (0, stop), (1, 4), next_sentence=lowers[stop:]) == set()
    assert asked == [lowers[stop:]]
