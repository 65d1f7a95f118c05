"""The pre-filter's build (stop 58): anchors and screen found with less work are those of the plain reading."""

from __future__ import annotations

import pytest

import qlr
from qlr.code import _prefilter
from qlr.code._nlp import shared_pipeline
from qlr.code._rules import indicator_as_matched
from qlr.code._tokenpattern import word_frequency


def _plain_anchor_words(runs):
    """The reading before stop 58: every part of every run spelled out and costed anew, the cheapest kept."""
    best = None
    for run in runs:
        for size in range(len(run), 0, -1):
            for start in range(len(run) - size + 1):
                part = run[start : start + size]
                spellings = _prefilter._spellings(part)
                if spellings is None:
                    continue
                if len(part) == 1:
                    rank = sum(map(word_frequency, part[0]))
                else:
                    rank = 1.0
                    for forms in part:
                        rank *= min(1.0, sum(word_frequency(form) for form in forms))
                if best is None or rank < best[0]:
                    best = (rank, spellings)
    return frozenset() if best is None else best[1]


@pytest.mark.parametrize("name", ["coproduction", "durose_richardson"])
def test_anchors_and_screen_are_the_plain_readings(name):
    nlp = shared_pipeline(None)
    codebook = qlr.read_codebook(name)
    indicators = [(c.id, i) for c in codebook for i in c.indicators]
    text_filter = _prefilter.TextFilter(nlp, indicators)
    compared = 0
    for _, written in indicators:
        indicator = indicator_as_matched(written)
        runs, _ = text_filter._phrase(indicator.phrase, nlp) if indicator.phrase is not None else text_filter._pattern(indicator.pattern or ())
        if runs is None:
            continue
        assert _prefilter._anchor_words(runs) == _plain_anchor_words(runs), written.label
        compared += 1
    assert compared > 40
    # The screen: each anchor's rarest token (by frequency, then length), one word per anchor.
    anchors = {word for word, _ in text_filter._automaton.items()}
    plain = {min(word.split(), key=lambda token: (word_frequency(token), -len(token))) for word in anchors}
    assert set(text_filter._screen.keys()) == plain


def test_a_pattern_is_written_at_its_first_search():
    searched = _prefilter._sequence([(None, frozenset({"help", "helps"}), None), ("?", None, frozenset({"not"})), (None, frozenset({"out"}), None)])
    assert searched.pattern == " (?:(?:help(?:s)?) )(?:(?!(?:not) )[^ ]+ )?(?:(?:out) )"
    assert searched.search(" they helps me out ").span() == (5, 19)
    assert searched.search(" they help not out ") is None
    assert _prefilter._sequence([("{2}", frozenset({"a"}), None)]) is None
    assert _prefilter._sequence([(None, frozenset(), None)]) is None


def test_the_rarest_run_by_hand():
    """Known answers: words outside the top 3,000 each count exp(-13); "the" is far commoner."""
    rare = frozenset
    assert word_frequency("zqxa") == word_frequency("zqxb") == word_frequency("zqx1") < word_frequency("the")
    # Two tokens side by side are rarer than either alone (frequencies multiplied).
    assert _prefilter._anchor_words([[rare({"the"}), rare({"zqxa"})]]) == {" the zqxa "}
    # A tie keeps the first run met.
    assert _prefilter._anchor_words([[rare({"zqxa"})], [rare({"zqxb"})]]) == {" zqxa "}
    # 40 x 30 = 1,200 spellings is more than are tried (1,024): the single token with fewer forms (30 x exp(-13)).
    many, fewer = rare(f"zqx{i}" for i in range(40)), rare(f"zqy{i}" for i in range(30))
    assert _prefilter._MAX_SPELLINGS == 1024
    assert _prefilter._anchor_words([[many, fewer]]) == {f" zqy{i} " for i in range(30)}
    # 32 x 32 = 1,024 is tried: the pair, spelled every way.
    pair = _prefilter._anchor_words([[rare(f"zqx{i}" for i in range(32)), rare(f"zqy{i}" for i in range(32))]])
    assert len(pair) == 1024 and " zqx31 zqy0 " in pair
    assert _prefilter._anchor_words([]) == frozenset()


def test_an_any_token_step_is_one_token_or_none():
    """spaCy's ``!`` (here: any token or none) between two words."""
    searched = _prefilter._sequence([(None, frozenset({"help"}), None), ("!", None, None), (None, frozenset({"out"}), None)])
    assert searched is not None and searched.pattern == " (?:(?:help) )(?:[^ ]+ )?(?:(?:out) )"
    assert searched.search(" help out ").span() == (0, 10)
    assert searched.search(" help me out ").span() == (0, 13)
    assert searched.search(" help me then out ") is None
