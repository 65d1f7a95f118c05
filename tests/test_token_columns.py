"""Coding without spaCy Docs (qlr's own pipeline): the token columns and codings are what a Doc gives."""

from __future__ import annotations

from pathlib import Path

import numpy
import pandas as pd
import pytest
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, SENT_START

import qlr
from qlr.code import _rules
from qlr.code._nlp import CodebookMatcher, TokenColumns, indicator_fingerprint, shared_pipeline

ROOT = Path(__file__).resolve().parents[1]

#: Texts whose spacing, punctuation and characters a tokenizer may treat each its own way.
ODD_TEXTS = [
    "  Leading spaces.  Two  spaces\there.\n\nNew paragraph, then a trailing one ",
    "Well\u2014I mean\u2026 \u201cquoted\u201d it's, don't, can't, won't, y'all, 'cause, \u2019cause",
    "We\u2019re helping each other\u2014both ways\u2014\u2018really\u2019. We work together!",
    "\U0001f642 emoji\U0001f44d\U0001f3fd here. We help each other \U0001f60a. 3.5 million, 1,000 people; 10am, 5pm.",
    "e-mail, co-op, two-way, self-help, we co-design it; a  we  work  together  b",
    "\u00a0no-break\u2009thin space \r\n then we work together\n",
    "!!! ??? ... (Pause.) [laughs] Yes. [laughs] we work together. \u00abWe help each other\u00bb.",
    "U.K. U.S.A. Dr. Mr. a.m. etc. We didn't work together. Nobody helps each other.",
    "Dee and I run the cafe now. We put it in. We only found out afterwards. So we put that in, and I found out later!",
    "\u03a3 \u03a3\u0391\u03a3 \u03c3\u03c2 and we work together",
    "",
    " ",
    "\n",
    "x ",
    " x",
    "we " * 4000 + "work together " * 40 + "and it wasn't a two-way thing " * 30,
]


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline(None)


@pytest.fixture(scope="module")
def columns(nlp):
    return TokenColumns(nlp, lambda chunk: tuple(token.text for token in nlp.tokenizer(chunk)))


def _from_doc(doc) -> tuple[list[int], ...]:
    table = doc.to_array([LOWER, LEMMA, ORTH, SENT_START, IDX, LENGTH])
    sentences = numpy.flatnonzero(table[:, 3] == 1).tolist()
    if len(doc) and (not sentences or sentences[0] != 0):
        sentences.insert(0, 0)
    starts = table[:, 4].tolist()
    return (table[:, 0].tolist(), table[:, 1].tolist(), table[:, 2].tolist(), starts, (table[:, 4] + table[:, 5]).tolist(), sentences)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_token_columns_are_the_docs(nlp, columns, text):
    lowers, lemmas, orths, starts, ends, sentences = columns.of(text)
    expected = _from_doc(nlp(text))
    assert (lowers, lemmas, orths, starts, ends) == expected[:5]
    assert sentences == (expected[5] or [0])


def test_token_columns_of_a_known_text(nlp, columns):
    text = "Yes.  [laughs] We\u2019d gone\u2014twice! (Pause.) Ok"
    lowers, lemmas, orths, starts, ends, sentences = columns.of(text)
    words = [text[start:end] for start, end in zip(starts, ends)]
    assert words == ["Yes", ".", " ", "[", "laughs", "]", "We", "\u2019d", "gone", "\u2014", "twice", "!", "(", "Pause", ".", ")", "Ok"]
    # The second space is a token of its own, and no punctuation: the sentence after "Yes." opens there
    # (as spaCy's sentencizer rule has it), then at "(" and at "Ok" (after "Pause.)").
    assert [words[i] for i in sentences] == ["Yes", " ", "(", "Ok"]
    assert nlp.vocab.strings[lemmas[8]] == "go"


def test_token_columns_of_every_sample_segment(nlp, columns):
    study = qlr.load(ROOT / "data" / "sample", progress=False)
    texts = list(study.segment_texts().values)
    assert len(texts) > 300
    for text in texts:
        lowers, lemmas, orths, starts, ends, sentences = columns.of(text)
        expected = _from_doc(nlp(text))
        assert (lowers, lemmas, orths, starts, ends, sentences) == expected, text[:80]


def test_matches_on_token_columns_are_the_docs(nlp, columns):
    codebook = qlr.read_codebook("coproduction")
    matcher = CodebookMatcher(nlp, codebook, lemmas_of_lower=True)
    assert matcher.reads_tokens
    # Every bundled pattern runs on the columns, those testing IS_TITLE and IS_PUNCT too: no piece needs a Doc.
    only = list(range(len(matcher._key_at)))
    assert not matcher.needs_doc(None) and not matcher.needs_doc(only)
    found = 0
    for text in ODD_TEXTS:
        expected = sorted(matcher(nlp(text), only=only), key=repr)
        assert sorted(matcher.match_tokens(columns.of(text), only=only), key=repr) == expected
        found += len(expected)
    assert found > 100  # "work together", "help each other", "two-way", "co-design" ... many times over


def test_a_matcher_reading_lower_case_phrases_does_not_read_tokens(nlp):
    # Without lemmas_of_lower the lower-case PhraseMatcher runs too: only a Doc gives what it needs.
    assert not CodebookMatcher(nlp, qlr.read_codebook("coproduction")).reads_tokens


def _codings(study: qlr.Study) -> pd.DataFrame:
    return study.codings.drop(columns=["created"]).sort_values("coding_id").reset_index(drop=True)


@pytest.mark.parametrize("name", ["sample", "dev3"])
def test_codings_without_docs_are_the_spacy_paths(name, monkeypatch):
    study = qlr.load(ROOT / "data" / name, progress=False)
    codebook = qlr.read_codebook("coproduction")
    read = []
    original = CodebookMatcher.match_tokens

    def counted(self, tokens, **options):
        read.append(len(tokens[0]))
        return original(self, tokens, **options)

    with monkeypatch.context() as patch:
        patch.setattr(CodebookMatcher, "match_tokens", counted)
        _rules.DOC_CACHE.clear()
        fast = _codings(study.copy().apply(codebook, progress=False, cache=False))
    assert len(read) > 50 and sum(read) > 1_500  # the pieces were read as token columns (dev3: 55 pieces, 1,757 tokens)
    with monkeypatch.context() as patch:
        patch.setattr(CodebookMatcher, "reads_tokens", property(lambda self: False))
        _rules.DOC_CACHE.clear()
        spacy_path = _codings(study.copy().apply(codebook, progress=False, cache=False))
    assert len(fast) > 100
    pd.testing.assert_frame_equal(fast, spacy_path)


def test_indicator_keys_name_the_same_indicators_on_both_paths(nlp):
    codebook = qlr.read_codebook("coproduction")
    matcher = CodebookMatcher(nlp, codebook, lemmas_of_lower=True)
    rules = matcher.assertion_rules.fingerprint
    code = codebook["reciprocity.two_way"]
    fingerprint = indicator_fingerprint(code.id, code.indicators[0], rules)
    keys = {key for key, (_, _, _, print_) in matcher._keys.items() if print_ == fingerprint}
    assert len(keys) == 1
    text = "It goes both ways now and it is a two-way thing."
    from_tokens = {(m.code_id, m.start, m.end) for m in matcher.match_tokens(columns_for(nlp).of(text), only=[])}
    assert from_tokens == {(m.code_id, m.start, m.end) for m in matcher(nlp(text), only=[])}


def columns_for(nlp) -> TokenColumns:
    return TokenColumns(nlp, lambda chunk: tuple(token.text for token in nlp.tokenizer(chunk)))
