"""The pre-filter widens a piece back to earlier sentences when a sentence of it may open on "they" or "them".

``_Text.takes_up`` reads what each chunk does to a sentence's opening run from ``TextFilter._run_step``, kept
per chunk (stop 57). These tests hold it to hand-worked answers and to the chunk-by-chunk reading it replaced.
"""

from __future__ import annotations

import random
from bisect import bisect_right

import pytest

import qlr
from qlr.code._nlp import shared_pipeline
from qlr.code._prefilter import _SKIPPED, _TAKEN_UP_SET, _WORD, TextFilter, _Text


@pytest.fixture(scope="module")
def text_filter() -> TextFilter:
    codebook = qlr.read_codebook("coproduction")
    return TextFilter(shared_pipeline(None), [(c.id, i) for c in codebook for i in c.indicators])


def _near(text_filter: TextFilter, text: str) -> _Text:
    """The text as ``pieces_for`` holds it at its first hit."""
    chunks = text.split()
    parts = [text_filter._spell(chunk) for chunk in chunks]
    return _Text(text_filter, text, chunks, " " + " ".join(parts) + " ", parts)


def _read_chunk_by_chunk(near: _Text, low: int, high: int) -> bool:
    """``takes_up`` as stop 56 wrote it: every chunk split at its end marks and its words read, each time."""
    opening = near.opening
    index = bisect_right(opening, low) - 1
    begin = opening[index] if index >= 0 else 0
    opening_run = True
    for at in range(begin, high + 1):
        for number, segment in enumerate(near._filter._end_split.split(near._chunks[at])):
            if number:
                opening_run = True
            if opening_run:
                found = _WORD.findall(segment.lower())
                if not _TAKEN_UP_SET.isdisjoint(found):
                    return True
                opening_run = _SKIPPED.issuperset(found)
    return False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We run it. Well — um — they decide it all.", True),  # fillers and dashes before "they"
        ("We run it. The staff said they decide it all.", False),  # "The" is the subject's start: the run is closed
        ("We run it.They decide it all.", True),  # a sentence opening inside a chunk
        ("We run it. Well,they decide it all.", True),  # "they" in a chunk of the opening run
        ("We run it. And cos when them lot decide, fine.", True),
        ("We run it. We decide it all.", False),
    ],
)
def test_a_sentence_opening_on_they_is_found_whatever_the_chunks_kept(text_filter, text, expected):
    last = len(text.split()) - 1
    for _ in range(2):  # each chunk's step made, then read from what is kept
        assert _near(text_filter, text).takes_up(last, last) is expected
    text_filter._run_steps.clear()
    assert _near(text_filter, text).takes_up(last, last) is expected


def test_each_chunks_step_is_what_reading_it_in_the_run_gives(text_filter):
    # Every window of the sample study's turns, read both ways: the same answer everywhere.
    study = qlr.load("data/sample", progress=False)
    texts = [t for t in study.segment_texts().tolist() if len(t.split()) > 3]
    rng = random.Random(57)
    answers = []
    for text in texts:
        near = _near(text_filter, text)
        last = len(near._chunks) - 1
        for _ in range(5):
            low = rng.randint(0, last)
            high = rng.randint(low, last)
            answers.append((near.takes_up(low, high), _read_chunk_by_chunk(near, low, high)))
    assert len(answers) > 1000
    assert all(new == old for new, old in answers)
    assert 0 < sum(new for new, _ in answers) < len(answers)  # both answers occur
