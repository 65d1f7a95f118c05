"""Interviewer questions before coded answers: matched only when an answer reads them, judged only where a match hangs on it.

Only a question's codes and their places are read (``_prompting_codes``), so a question is matched under a key of its
own (``ASKED``), its matches are judged by the assertion rules only when their indicator's evidence is its denial, and
it is matched at all only when the answer after it has an affirmed match (stop 58, issue 16 item 1).
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.code import _rules
from qlr.code._nlp import ASKED, CodebookMatcher, TokenColumns, shared_pipeline

from .conftest import write

ROOT = Path(__file__).resolve().parents[1]

ROTA_BOOK = """
id: rota
name: Rota
version: "1"
codes:
  - id: rota
    name: Rota
    definition: running the rota
    indicators: [rota]
themes: [t]
"""


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline(None)


def _codings(study: qlr.Study) -> pd.DataFrame:
    return study.codings.drop(columns=["created"]).sort_values("coding_id").reset_index(drop=True)


def _placed(match) -> tuple:
    return (match.code_id, match.indicator, match.start, match.end, match.sent_start, match.sent_end, match.fingerprint)


def test_a_questions_matches_are_those_said_with_only_denials_judged(nlp):
    codebook = qlr.read_codebook("coproduction")
    matcher = CodebookMatcher(nlp, codebook, lemmas_of_lower=True)
    denials = {i.label for c in codebook for i in c.indicators if i.negated}
    columns = TokenColumns(nlp, lambda chunk: tuple(token.text for token in nlp.tokenizer(chunk)))
    study = qlr.load(ROOT / "data" / "sample", progress=False)
    texts = list(study.segment_texts().values)
    rng = random.Random(58)
    # Whole turns, random windows of them (cut anywhere, mid-word too), and hand-made denials of a denial indicator.
    windows = []
    for text in rng.sample(texts, 200):
        a = rng.randrange(len(text) + 1)
        windows.append(text[a : a + rng.randrange(1, 400)])
    hand = ["Did they let you decide anything? They never let us decide anything.", "So you can't decide anything unless we all agree?"]
    compared = judged_away = denial_matches = 0
    for text in texts + windows + hand:
        said = matcher.match_tokens(columns.of(text))
        asked = matcher.match_tokens(columns.of(text), observed=ASKED)
        assert list(map(_placed, asked)) == list(map(_placed, said)), text[:80]
        for was, now in zip(said, asked):
            if was.indicator in denials:
                assert now.assertion == was.assertion
                denial_matches += 1
            else:
                assert now.assertion == "affirmed"
                judged_away += was.assertion != "affirmed"
        compared += len(said)
    assert compared > 500 and judged_away > 50 and denial_matches >= 2


def _resampled(words: int) -> qlr.Study:
    spec = importlib.util.spec_from_file_location("bench_code", ROOT / "benchmarks" / "bench_code.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.build_study(words)


@pytest.mark.parametrize("name", ["sample", "bench"])
def test_codings_are_those_of_questions_judged_whole(name, monkeypatch):
    # The reference judges every match of every question, as coding did before stop 58.
    study = _resampled(20000) if name == "bench" else qlr.load(ROOT / "data" / name, progress=False)
    codebook = qlr.read_codebook("coproduction")
    _rules.DOC_CACHE.clear()
    fast = study.copy().apply(codebook, progress=False, cache=False)
    original = CodebookMatcher._judged

    def judged_whole(self, raw, lowers, starts, ends, sentence_starts, observed, offset=0):
        return original(self, raw, lowers, starts, ends, sentence_starts, False if observed == ASKED else observed, offset)

    monkeypatch.setattr(CodebookMatcher, "_judged", judged_whole)
    _rules.DOC_CACHE.clear()
    reference = study.copy().apply(codebook, progress=False, cache=False)
    pd.testing.assert_frame_equal(_codings(fast), _codings(reference))
    assert (fast.codings["assertion"] == "prompted").sum() >= 2
    # The same codings with two worker processes (each judges what it is sent the same way).
    _rules.DOC_CACHE.clear()
    if name == "sample":
        two = study.copy().apply(codebook, progress=False, cache=False, n_process=2)
        pd.testing.assert_frame_equal(_codings(fast), _codings(two))


def test_only_the_questions_an_affirmed_answer_reads_are_matched(tmp_path):
    text = (
        "Interviewer: Do you run the rota?\nAsha: Yes, the rota is ours.\n"
        "Interviewer: And the rota before?\nAsha: We never had a rota.\n"
        "Interviewer: Is the rota fair?\nAsha: It's fine, mostly.\n"
        "Interviewer: Who does the cleaning?\nAsha: We do, we keep a rota for it.\n"
    )
    _rules.DOC_CACHE.clear()
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    got = _codings(study).sort_values("start")
    assert got["assertion"].tolist() == ["prompted", "negated", "affirmed"]
    # Four answers, and of the four questions only those before an answer with an affirmed match: the first (its
    # rota prompts the yes) and the last (no rota in it). The second's answer is negated only; the third's has none.
    assert json.loads(study.log["detail"].iloc[-1])["matched"] == 4 + 2
