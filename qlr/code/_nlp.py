"""The spaCy side of rule-based coding: the offline pipeline, lemmas, matching, negation.

The default pipeline needs nothing but PyPI packages: a blank English tokenizer,
a sentencizer (spaCy's rule, run on arrays), and a lookup lemmatizer fed from ``spacy-lookups-data``
(words are lower-cased before lookup, since the table is case-sensitive).  A trained
pipeline such as ``en_core_web_sm`` is used instead when the caller names one and it
is installed; nothing is ever downloaded.  With the default pipeline, coding reads the
pre-filter's pieces as token columns (:class:`TokenColumns`) and builds no Doc.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import (  # read once here, not in every Doc's matching
    IDX,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    SENT_START,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..codebook import Codebook

from ..codebook._model import Indicator
from ._assertion import LATER_SENTENCES, PRECEDENCE, AssertionRules, read_contractions
from ._rules import indicator_as_matched
from ._tokenpattern import FastPatternSet, compile_pattern

__all__ = ["pipeline", "CodebookMatcher", "Match", "NEGATION_CUES"]

#: Words that negate the clause they open ("it wasn't really a two-way thing"); the
#: full negation rules, with scopes and pseudo-triggers, are in ``assertion_rules.tsv``.
NEGATION_CUES = frozenset(
    "not n't never no nobody nothing none neither nor hardly barely scarcely without noone cannot nowhere".split()
)


class _BatchComponent:
    """A pipeline component that sets its attributes on whole batches of Docs (``_set``)."""

    def _set(self, batch: Sequence[Doc]) -> None:  # pragma: no cover - each component has its own
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self._set([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            self._set(batch)
            yield from batch


class LookupLemmatizer(_BatchComponent):
    """Sets ``token.lemma`` from the English lookup table, keyed by the lower-cased form.

    Registered as the spaCy component ``qlr_lemmatizer``.  Words missing from the
    table keep their lower-cased form as lemma.  ``nlp.pipe`` hands it whole
    batches, which are looked up in one array operation.
    """

    def __init__(self, nlp: Language, name: str = "qlr_lemmatizer") -> None:
        from spacy.strings import get_string_id

        from ._prefilter import lemma_table

        table = lemma_table()  # with its fixes: the pre-filter and the assertion rules read the same
        strings = nlp.vocab.strings
        # Keyed by the same string hashes as token.lower, so lemmatising is a
        # sorted-array search on integers, no Python call per word.
        forms = numpy.fromiter(map(get_string_id, table), dtype=numpy.uint64, count=len(table))
        lemmas = numpy.fromiter((strings.add(lemma) for lemma in table.values()), dtype=numpy.uint64, count=len(table))
        order = numpy.argsort(forms)
        self._forms, self._lemmas = forms[order], lemmas[order]
        self.name = name

    def lemmas(self, lowers: numpy.ndarray) -> numpy.ndarray:
        """The lemma hash of each lower-case hash (itself when the table lacks it)."""
        position = numpy.searchsorted(self._forms, lowers)
        position[position == len(self._forms)] = 0
        return numpy.where(self._forms[position] == lowers, self._lemmas[position], lowers)

    def _set(self, batch: Sequence[Doc]) -> None:
        """Lemmatise a batch of Docs with one look-up over their tokens laid end to end."""
        from spacy.attrs import LEMMA, LOWER

        lowers = [doc.to_array(LOWER) for doc in batch]
        if not sum(len(column) for column in lowers):
            return
        lemmas = self.lemmas(numpy.concatenate(lowers))
        offset = 0
        for doc, column in zip(batch, lowers):
            if len(column):
                doc.from_array([LEMMA], lemmas[offset : offset + len(column)].reshape(-1, 1))
            offset += len(column)


class FastSentencizer(_BatchComponent):
    """Sentence starts by the rule-based sentencizer's rule, computed on token arrays.

    A token opens a sentence when an end mark (``.``, ``!``, ``?``, ``…`` and the
    other marks spaCy's sentencizer knows) has been seen since the last sentence
    start and the token is not an end mark and is either not punctuation or an
    opening bracket or opening curly quote.  That is spaCy's ``sentencizer`` rule
    with one change: spaCy leaves an opening ``[`` after a full stop at the end of
    the previous sentence, so a coded quote would begin ``laughs] …``; here
    ``[laughs]`` opens the next sentence.  Computed on the token arrays of a whole
    batch at once (``nlp.pipe``), without a Python object per token.  Registered as
    ``qlr_sentencizer``.

    Examples
    --------
    >>> from qlr.code import pipeline
    >>> [s.text for s in pipeline()("Yes. [laughs] We had a real say. (Pause.) Really!").sents]
    ['Yes.', '[laughs] We had a real say.', '(Pause.)', 'Really!']
    """

    def __init__(self, nlp: Language, name: str = "qlr_sentencizer") -> None:
        from spacy.pipeline import Sentencizer

        self.name = name
        #: The tokens that end a sentence (a token's whole text).
        self.end_marks = frozenset(Sentencizer.default_punct_chars)
        self._ends = numpy.array(sorted({nlp.vocab.strings.add(ch) for ch in self.end_marks}), dtype=numpy.uint64)
        self._openers = numpy.array(sorted({nlp.vocab.strings.add(ch) for ch in "([{“‘«"}), dtype=numpy.uint64)

    def starts(self, orth: numpy.ndarray, is_punct: numpy.ndarray, first: numpy.ndarray) -> numpy.ndarray:
        """1 where a token opens a sentence, else -1, for tokens of several Docs laid end to end.

        ``first`` is the position of each token's Doc's first token.  A token opens a
        sentence when it may (not an end mark; a word or an opener) and, within its
        Doc, the latest end mark before it comes after the latest token that may.
        Each Doc's first token opens one.
        """
        is_end = numpy.isin(orth, self._ends)
        may_open = ~is_end & ((is_punct == 0) | numpy.isin(orth, self._openers))
        index = numpy.arange(len(orth))
        # Latest end mark / latest possible opener strictly before each token (-1: none).
        last_end = numpy.maximum.accumulate(numpy.where(is_end, index, -1))
        last_open = numpy.maximum.accumulate(numpy.where(may_open, index, -1))
        end_before = numpy.concatenate(([-1], last_end[:-1]))
        open_before = numpy.concatenate(([-1], last_open[:-1]))
        opens = may_open & (end_before >= first) & (end_before > open_before)
        opens[index == first] = True
        return numpy.where(opens, 1, -1)

    def _set(self, batch: Sequence[Doc]) -> None:
        """Mark the sentence starts of a batch of Docs in one pass over their tokens laid end to end."""
        from spacy.attrs import IS_PUNCT, ORTH, SENT_START

        lengths = [len(doc) for doc in batch]
        if not sum(lengths):
            return
        table = numpy.concatenate([doc.to_array([ORTH, IS_PUNCT]) for doc in batch])
        offsets = numpy.cumsum([0, *lengths[:-1]])
        # spaCy reads SENT_START from uint64 arrays, -1 wrapping round as it does in C.
        starts = self.starts(table[:, 0], table[:, 1], numpy.repeat(offsets, lengths)).astype(numpy.uint64)
        for doc, offset, length in zip(batch, offsets.tolist(), lengths):
            if length:
                doc.from_array([SENT_START], starts[offset : offset + length].reshape(-1, 1))


#: One text's tokens as :meth:`CodebookMatcher.match_tokens` reads them: lower-case, lemma and
#: text hashes, first and end characters, and the tokens opening a sentence.
PieceTokens = tuple[list[int], list[int], list[int], list[int], list[int], list[int]]

#: Runs of white space and of other characters (``str.isspace``, as spaCy's tokenizer splits).
_RUNS = re.compile(r"\s+|\S+")


class TokenColumns:
    """What qlr's own pipeline would make of a text, as token columns, without building a Doc.

    ``nlp(text)`` tokenises each white-space-free chunk alone (``tokens_of``
    gives a chunk's token texts: spaCy's tokenizer run on it, which the
    pre-filter keeps per chunk), gives one space after a chunk to its last token
    and makes any other white space tokens of its own; every attribute the
    matcher reads is then a function of a token's text: its hashes and
    ``is_punct`` from the vocabulary, its lemma from the lookup table (by the
    lower-case hash, as :class:`LookupLemmatizer`), and the sentence starts
    by :class:`FastSentencizer`'s rule.  Each chunk's columns are computed once
    and kept (a bounded number of chunks).

    Examples
    --------
    >>> nlp = pipeline()
    >>> columns = TokenColumns(nlp, lambda chunk: [t.text for t in nlp.tokenizer(chunk)])
    >>> lowers, lemmas, orths, starts, ends, sentences = columns.of("We'd  gone. Yes!")
    >>> [nlp.vocab.strings[h] for h in lemmas], starts, ends, sentences
    (['we', 'would', ' ', 'go', '.', 'yes', '!'], [0, 2, 5, 6, 10, 12, 15], [2, 4, 6, 10, 11, 15, 16], [0, 5])
    >>> doc = nlp("We'd  gone. Yes!")
    >>> [t.lemma_ for t in doc], [t.idx for t in doc], [s.start for s in doc.sents]
    (['we', 'would', ' ', 'go', '.', 'yes', '!'], [0, 2, 5, 6, 10, 12, 15], [0, 5])
    """

    def __init__(self, nlp: Language, tokens_of: Any) -> None:
        lemmatizer = nlp.get_pipe("qlr_lemmatizer")
        sentencizer = nlp.get_pipe("qlr_sentencizer")
        self._vocab = nlp.vocab
        self._tokens_of = tokens_of
        self._lemma_of = dict(zip(lemmatizer._forms.tolist(), lemmatizer._lemmas.tolist()))
        self._ends = frozenset(sentencizer._ends.tolist())
        self._openers = frozenset(sentencizer._openers.tolist())
        # chunk -> (orths, lowers, lemmas, kinds, lengths, lengths with one space after the last)
        self._entries: dict[str, tuple[Any, ...]] = {}

    def _entry(self, chunk: str) -> tuple[Any, ...]:
        """One chunk's token columns; ``kinds``, one byte a token: 0 one that may open a sentence, 1 an end mark, 2 neither."""
        entry = self._entries.get(chunk)
        if entry is None:
            if len(self._entries) > _ENTRIES_KEPT:
                self._entries.clear()
            texts = self._tokens_of(chunk)
            lexemes = [self._vocab[text] for text in texts]
            orths = tuple(lexeme.orth for lexeme in lexemes)
            lowers = tuple(lexeme.lower for lexeme in lexemes)
            lemma_of = self._lemma_of
            kinds = bytes(
                1 if lexeme.orth in self._ends else 0 if not lexeme.is_punct or lexeme.orth in self._openers else 2 for lexeme in lexemes
            )
            lengths = tuple(map(len, texts))
            spaced = (*lengths[:-1], lengths[-1] + 1) if lengths else ()
            lemmas = tuple(lemma_of.get(lower, lower) for lower in lowers)
            # For a single-spaced text (``of``): each token's (lower, lemma, orth) in a row, and its length then what
            # follows it before the next token (nothing inside the chunk, the one space after its last token).
            hashes = tuple(chain.from_iterable(zip(lowers, lemmas, orths)))
            steps = tuple(chain.from_iterable(zip(lengths, (*repeat(0, len(lengths) - 1), 1)))) if lengths else ()
            entry = self._entries[chunk] = (orths, lowers, lemmas, kinds, lengths, spaced, hashes, steps)
        return entry

    def of(self, text: str) -> PieceTokens:
        """``text``'s token columns, as ``nlp(text)`` gives them (see :data:`PieceTokens`)."""
        entry = self._entries.get
        chunks = text.split()
        if text.count(" ") == len(text) - sum(map(len, chunks)) and "  " not in text and not text.startswith(" "):
            # Single spaces only, each after a chunk (most texts): the tokens are the chunks' tokens.
            try:  # most chunks were seen before: their entries read with no Python step each
                entries = list(map(self._entries.__getitem__, chunks))
            except KeyError:
                entries = [entry(chunk) or self._entry(chunk) for chunk in chunks]
            # One pass over each kind of column, laid out in a row per token and taken apart by slices (C steps).
            hashes = list(chain.from_iterable(map(_SEVENTH, entries)))
            # Start, end, next start, ...: a token's end is its start plus its length, the next start that plus what follows.
            # The space after the last chunk moves past the end: never read.
            edges = list(accumulate(chain.from_iterable(map(_EIGHTH, entries)), initial=0))
            sentences = [0, *map(_opening, _OPENS.finditer(b"".join(map(_FOURTH, entries))))]
            return hashes[0::3], hashes[1::3], hashes[2::3], edges[0:-1:2], edges[1::2], sentences
        entries, advances = [], []
        for run in _RUNS.finditer(text):
            part = run.group()
            if part[0].isspace():
                if part[0] == " " and run.start():  # the space after a chunk belongs to its last token
                    advances[-1] = entries[-1][5]
                    part = part[1:]
                    if not part:
                        continue
            entries.append(self._entry(part))
            advances.append(entries[-1][4])
        lowers = list(chain.from_iterable(map(_SECOND, entries)))
        lemmas = list(chain.from_iterable(map(_THIRD, entries)))
        orths = list(chain.from_iterable(map(_FIRST, entries)))
        starts = list(accumulate(chain.from_iterable(advances), initial=0))
        del starts[-1]
        ends = list(map(add, starts, chain.from_iterable(map(_FIFTH, entries))))
        # FastSentencizer's rule: after an end mark, the first token that may open a sentence opens one.
        sentences = [0, *map(_opening, _OPENS.finditer(b"".join(map(_FOURTH, entries))))]
        return lowers, lemmas, orths, starts, ends, sentences


_FIRST, _SECOND, _THIRD, _FOURTH, _FIFTH, _SIXTH, _SEVENTH, _EIGHTH = map(itemgetter, range(8))
#: An end mark, then end marks or other punctuation, then a token that may open a sentence (``TokenColumns._entry``'s kinds).
_OPENS = re.compile(b"\x01[\x01\x02]*\x00")


def _opening(match: re.Match[bytes]) -> int:
    """The token a match of ``_OPENS`` ends with: one opening a sentence."""
    return match.end() - 1


#: Chunks whose columns are kept (a bound on memory: a chunk dropped is computed again).
_ENTRIES_KEPT = 200_000


def pipeline(model: str | None = None) -> Language:
    """A new copy of the spaCy pipeline qlr codes with, yours to add components to.

    Each call builds a fresh pipeline, so adding ``qlr_codebook`` or anything else
    to it never changes the one :meth:`qlr.Study.apply` uses.

    Parameters
    ----------
    model : str, optional
        An installed spaCy pipeline (``"en_core_web_sm"``).  Only its tokenizer,
        sentence boundaries and lemmatizer are used.  Without it, the offline
        default: blank English + sentencizer + lookup lemmatizer.

    Returns
    -------
    Language
        A fresh pipeline.

    Examples
    --------
    >>> from qlr.code._nlp import pipeline
    >>> nlp = pipeline()
    >>> [t.lemma_ for t in nlp("She gave back what she had")]
    ['she', 'give', 'back', 'what', 'she', 'have']
    >>> pipeline() is pipeline()
    False
    """
    return _build_pipeline(model)


@lru_cache(maxsize=4)
def shared_pipeline(model: str | None = None) -> Language:
    """The pipeline rule-based coding uses, built once per model (never modified)."""
    return _build_pipeline(model)


def _build_pipeline(model: str | None) -> Language:
    import spacy

    if model:
        from ..errors import CodingError

        try:
            nlp = spacy.load(model, exclude=["ner", "textcat", "textcat_multilabel"])
        except OSError:
            raise CodingError(
                f"the spaCy pipeline {model!r} is not installed",
                hint="install it (pip install …) or leave model=None to use qlr's offline pipeline",
            ) from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("qlr_sentencizer")
    nlp.add_pipe("qlr_lemmatizer")
    return nlp


def pipeline_fingerprint(nlp: Language) -> str:
    """Identifies a pipeline's behaviour: cached parses are only reused under the same one."""
    import spacy

    parts = [spacy.__version__, nlp.meta.get("name", ""), nlp.meta.get("version", ""), ",".join(nlp.pipe_names)]
    import spacy_lookups_data  # a dependency: its tables are the lemmas

    parts.append(getattr(spacy_lookups_data, "__version__", ""))
    from ._prefilter import LEMMA_FIXES

    parts.append(repr(sorted(LEMMA_FIXES.items())))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Match:
    """One indicator firing: code, indicator, the matched characters and their sentence."""

    code_id: str
    indicator: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    fingerprint: str = ""
    #: How the speaker asserted it (see :data:`qlr.code.ASSERTIONS`).
    assertion: str = "affirmed"

    def shifted(self, offset: int) -> Match:
        """The same match in a text that holds this one's text from ``offset`` on."""
        if not offset:
            return self
        return Match(
            self.code_id, self.indicator, self.start + offset, self.end + offset,
            self.sent_start + offset, self.sent_end + offset, self.fingerprint, self.assertion,
        )  # fmt: skip


#: Fingerprints already computed, by an exact copy of what they were computed from (:func:`indicator_fingerprint`).
_FINGERPRINTS: dict[bytes, str] = {}
#: How many :data:`_FINGERPRINTS` are kept (the two bundled codebooks hold 986 indicators); at this many the
#: memory is emptied and filled again.
_FINGERPRINTS_KEPT = 10_000


def indicator_fingerprint(code_id: str, indicator: Any, rules: str = "") -> str:
    """Identifies what an indicator matches, and under which assertion rules (their fingerprint).

    Cached matches are reused while both are unchanged.  Every ``study.apply`` asks again for each indicator of its
    codebook; the answer is kept by an exact copy of everything it is made of (``marshal``'s, which keeps each value's
    type and each mapping's order, as the indicator's ``repr`` does), so an indicator's pattern edited in place, or a
    codebook rebuilt, is fingerprinted anew, and the same indicator in two codebooks is fingerprinted once.  An
    indicator holding anything ``marshal`` does not copy exactly (a ``Mapping`` that is not a ``dict``, a subclass of
    ``str``, of ``Indicator`` …) is fingerprinted each time.

    Examples
    --------
    >>> from qlr.codebook import Indicator
    >>> pattern = ({"LEMMA": "ask"}, {"LOWER": "us"})
    >>> before = indicator_fingerprint("voice.asked", Indicator(pattern=pattern), "rules")
    >>> before == indicator_fingerprint("voice.asked", Indicator(pattern=({"LEMMA": "ask"}, {"LOWER": "us"})), "rules")
    True
    >>> pattern[1]["LOWER"] = "them"  # edited in place
    >>> before == indicator_fingerprint("voice.asked", Indicator(pattern=pattern), "rules")
    False
    """
    key = None
    if type(indicator) is Indicator:
        try:
            # Version 2: no references between repeated objects, so the same values always give the same bytes.
            key = marshal.dumps((code_id, indicator.phrase, indicator.pattern, indicator.negated, indicator.id, rules), 2)
        except ValueError:  # a value marshal cannot copy exactly: fingerprinted from its repr each time
            key = None
        else:
            known = _FINGERPRINTS.get(key)
            if known is not None:
                return known
    fingerprint = hashlib.sha1(f"{code_id}\x1f{indicator!r}\x1f{rules}".encode()).hexdigest()[:16]
    if key is not None:
        if len(_FINGERPRINTS) >= _FINGERPRINTS_KEPT:
            _FINGERPRINTS.clear()
        _FINGERPRINTS[key] = fingerprint
    return fingerprint


#: Indicators' labels already made, by the fingerprint of what they were made from (:func:`indicator_label`).
_LABELS: dict[str, str] = {}


def indicator_label(indicator: Any, fingerprint: str) -> str:
    """``indicator.label``, kept by the indicator's :func:`indicator_fingerprint` (``fingerprint``).

    A pattern's label spells out every token of the pattern, and every ``study.apply`` asks for each indicator's to
    list a coding's indicators in the codebook's order.  The fingerprint is made of everything the label is made of
    (the indicator's ``repr``), so an indicator edited in place has a new fingerprint and so a new label.  An
    indicator of a subclass of ``Indicator`` (which may name itself otherwise) is asked each time.

    Examples
    --------
    >>> from qlr.codebook import Indicator
    >>> pattern = ({"LEMMA": "ask"}, {"LOWER": "us"})
    >>> indicator_label(Indicator(pattern=pattern), indicator_fingerprint("voice.asked", Indicator(pattern=pattern)))
    'pattern:[LEMMA=ask] [LOWER=us]'
    >>> pattern[1]["LOWER"] = "them"  # edited in place: another fingerprint, another label
    >>> indicator_label(Indicator(pattern=pattern), indicator_fingerprint("voice.asked", Indicator(pattern=pattern)))
    'pattern:[LEMMA=ask] [LOWER=them]'
    """
    if type(indicator) is not Indicator:
        return str(indicator.label)
    known = _LABELS.get(fingerprint)
    if known is None:
        if len(_LABELS) >= _FINGERPRINTS_KEPT:
            _LABELS.clear()
        known = _LABELS[fingerprint] = indicator.label
    return known


class CodebookMatcher:
    """Finds a codebook's indicators in spaCy Docs, each with its assertion status.

    Phrases match on lower case and on lemmas; token patterns as written.  Every
    match is judged by the assertion rules (:class:`qlr.code.AssertionRules`):
    affirmed, negated, hypothetical, historical, someone else's (``other``), the
    speaker's own question or declined.  An indicator marked ``negated: true``
    fires only where it is negated, and its match is then affirmed evidence of
    its own code (unless another status applies too).

    Parameters
    ----------
    nlp : Language
        The pipeline whose vocabulary the Docs share.
    codebook : Codebook
        Where the indicators come from.
    indicators : list of (code_id, Indicator), optional
        Only these (used to match just the indicators a codebook edit added).
    assertion_rules : AssertionRules, optional
        The rules that judge each match; by default those ``study.apply`` uses for ``codebook``: the bundled
        rules of its ``assertion: {language: …}`` and its own ``assertion:`` rows (``qlr.code._rules.assertion_rules``).
    lemmas_of_lower : bool, default False
        Every Doc it is given was made by ``nlp``, qlr's offline :func:`pipeline`, whose lookup lemma is
        a function of the lower-case word: a phrase's lower-case words then always match its lemmas
        too, so phrases are matched on lemmas alone (what ``study.apply`` does; the matches are the same).

    Examples
    --------
    >>> import qlr
    >>> from qlr.code._nlp import CodebookMatcher, pipeline
    >>> nlp = pipeline()
    >>> matcher = CodebookMatcher(nlp, qlr.read_codebook("coproduction"))
    >>> doc = nlp("It wasn't really a two-way thing. Now we help each other.")
    >>> sorted({(m.code_id, m.assertion) for m in matcher(doc)})
    [('negative.one_way', 'affirmed'), ('reciprocity.two_way', 'affirmed'), ('reciprocity.two_way', 'negated')]
    """

    def __init__(
        self,
        nlp: Language,
        codebook: Codebook,
        *,
        indicators: list[tuple[str, Any]] | None = None,
        assertion_rules: AssertionRules | None = None,
        lemmas_of_lower: bool = False,
    ) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        if assertion_rules is None:
            # One choice of rules for a codebook, as study.apply makes it.
            from ._rules import assertion_rules as rules_for

            assertion_rules = rules_for(nlp, codebook)
        self.assertion_rules = assertion_rules

        self.codebook = codebook
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Lower-case matches are lemma matches when lemmas are looked up by the lower-case word (``pipeline()``'s own).
        self._lower_needed = not (lemmas_of_lower and "qlr_lemmatizer" in nlp.pipe_names)
        self._lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        # Simple token patterns take the fast path (see _tokenpattern); any other
        # goes to spaCy's Matcher, one per pattern, run only on segments holding
        # the words the pattern cannot match without.
        self._fast = FastPatternSet(nlp.vocab)
        self._token_matchers: list[tuple[frozenset[int] | None, Matcher, int]] = []
        self._keys: dict[int, tuple[str, str, bool, str]] = {}
        #: Each indicator's key, by its position in ``indicators`` (what ``only=`` names).
        self._key_at: list[int] = []
        strings = nlp.vocab.strings
        if indicators is None:
            indicators = [(code.id, indicator) for code in codebook for indicator in code.indicators]
        phrases: list[tuple[str, str]] = []
        # first lemma hash -> (every lemma hash of a phrase -> its keys): phrases matched on token lists (``match_tokens``)
        self._phrase_lemmas: dict[int, dict[tuple[int, ...], list[int]]] = {}
        rules_fingerprint = self.assertion_rules.fingerprint  # computed on each read: read once
        for code_id, written in indicators:
            fingerprint = indicator_fingerprint(code_id, written, rules_fingerprint)
            key = f"qlr\u241f{fingerprint}"
            self._keys[strings.add(key)] = (code_id, written.label, written.negated, fingerprint)
            self._key_at.append(strings[key])
            indicator = indicator_as_matched(written)  # "I’m part of" read as the text is
            if indicator.phrase is not None:
                phrases.append((key, indicator.phrase.lower()))
                continue
            compiled = compile_pattern(strings[key], indicator.pattern or (), strings)
            if compiled is not None:
                self._fast.add(compiled)
                continue
            matcher = Matcher(nlp.vocab)
            matcher.add(key, [list(indicator.pattern or ())])
            self._token_matchers.append((_anchor(indicator.pattern or (), strings), matcher, strings[key]))
        if phrases:
            lower_docs = [nlp.make_doc(text) for _, text in phrases]
            if "lemmatizer" in nlp.pipe_names or "qlr_lemmatizer" in nlp.pipe_names:
                lemma_docs = list(nlp.pipe(text for _, text in phrases))
            else:  # a pipeline without lemmas (e.g. inside the qlr_codebook component)
                lemmatize = LookupLemmatizer(nlp)
                lemma_docs = [lemmatize(nlp.make_doc(text)) for _, text in phrases]
            for (key, _), lower_doc, lemma_doc in zip(phrases, lower_docs, lemma_docs):
                self._lower.add(key, [lower_doc])
                self._lemma.add(key, [lemma_doc])
                if len(lemma_doc):
                    lemmas = tuple(lemma_doc.to_array(LEMMA).tolist())
                    self._phrase_lemmas.setdefault(lemmas[0], {}).setdefault(lemmas, []).append(strings[key])
        # The same phrases for ``match_tokens``: one-word ones by their lemma, longer ones by their first two lemmas.
        # A position is visited only where a phrase's first two lemmas are (most first lemmas, "we", "have", "the",
        # are nearly always without their second), with one pass over the lemmas and the lemmas after them.
        self._phrase_singles: dict[int, tuple[int, ...]] = {}
        self._phrase_pairs: dict[tuple[int, int], tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]] = {}
        for head, by_lemmas in self._phrase_lemmas.items():
            for lemmas, keys in by_lemmas.items():
                if len(lemmas) == 1:
                    self._phrase_singles[head] = (*self._phrase_singles.get(head, ()), *keys)
                else:
                    self._phrase_pairs[lemmas[:2]] = (*self._phrase_pairs.get(lemmas[:2], ()), (lemmas, tuple(keys)))
        #: The keys of the token patterns only spaCy's Matcher runs (a piece that may hold one needs a Doc).
        self._doc_keys = frozenset(key for _, _, key in self._token_matchers)
        self._strings = strings
        #: The negation cues' lower-case hashes, and the keys of the indicators whose own words name one (``_judged``).
        self._negation_cues = frozenset(map(strings.add, NEGATION_CUES))
        self._names_negation = frozenset(
            strings[f"qlr\u241f{indicator_fingerprint(code_id, indicator, rules_fingerprint)}"]
            for code_id, indicator in indicators
            if not NEGATION_CUES.isdisjoint(_words_named(indicator_as_matched(indicator), nlp))
        )
        #: The keys of the patterns opening on a guard word, and the optional words after it (:func:`_lead_words`).
        self._leads: dict[int, frozenset[int]] = {}
        for code_id, indicator in indicators:
            lead = _lead_words(indicator.pattern or ())
            if lead is not None:
                self._leads[strings[f"qlr\u241f{indicator_fingerprint(code_id, indicator, rules_fingerprint)}"]] = frozenset(map(strings.add, lead))

    def __call__(self, doc: Doc, *, only: Iterable[int] | None = None, observed: bool = False) -> list[Match]:
        """Every match in ``doc``, judged.

        ``only``: positions (in ``indicators``) of the only token patterns that may
        match in ``doc`` (the pre-filter's ``pieces_for`` knows them); None: all.
        ``observed``: ``doc`` is an observer's field note (the assertion rules'
        ``observed``).
        """
        if not len(doc):
            return []
        keys = None if only is None else {self._key_at[position] for position in only}
        raw = set(self._lemma(doc))
        if self._lower_needed:
            raw.update(self._lower(doc))
        # Token attributes as plain lists, read in one call (nearly every Doc the pre-filter
        # leaves has a match): no Token or Span objects per match.
        table = doc.to_array([LOWER, LEMMA, ORTH, SENT_START, IDX, LENGTH])
        columns: list[list[int]] = table[:, :3].T.tolist()  # the fast patterns' COLUMNS
        starts, lengths = table[:, 4:].T.tolist()
        ends = list(map(add, starts, lengths))
        lemmas = columns[1]
        columns[0], columns[1] = read_columns(columns[0], lemmas, starts, ends, doc.vocab.strings, columns[2])
        if columns[1] is not lemmas:  # "dont", "don’t": the phrases' lemmas where the Doc's own differ
            raw.update(self._phrases_in(columns[1]))
        if self._fast:
            raw.update(self._fast.find(columns, only=keys))
        if self._token_matchers:
            present = set(columns[0]) | set(columns[1])
            for anchor, matcher, key in self._token_matchers:
                if keys is not None and key not in keys:
                    continue
                if anchor is None or not anchor.isdisjoint(present):
                    raw.update(matcher(doc))
        if not raw:
            return []
        sentence_starts = numpy.flatnonzero(table[:, 3] == 1).tolist()
        return self._judged(raw, columns[0], starts, ends, sentence_starts, observed)

    @property
    def reads_tokens(self) -> bool:
        """Whether :meth:`match_tokens` gives what ``__call__`` would: phrases are matched on lemmas alone."""
        return not self._lower_needed

    def needs_doc(self, only: Iterable[int] | None) -> bool:
        """Whether a piece that may hold the indicators ``only`` names (None: any) needs a spaCy Doc (spaCy's Matcher).

        Parameters
        ----------
        only : iterable of int or None
            Positions of the indicators the pre-filter found candidates of in the piece; None for every indicator.

        Returns
        -------
        bool
            True when one of them is a token pattern only spaCy's ``Matcher`` runs (see :mod:`._tokenpattern`: a ``!``
            or ``{n}`` operator, an attribute other than ``LOWER``, ``LEMMA``, ``ORTH`` and the flags ``IS_TITLE`` and
            ``IS_PUNCT``).

        Examples
        --------
        >>> import qlr
        >>> from qlr.code._nlp import CodebookMatcher, pipeline
        >>> matcher = CodebookMatcher(pipeline(), qlr.read_codebook("coproduction"), lemmas_of_lower=True)
        >>> matcher.needs_doc([]), matcher.needs_doc(None)  # every bundled pattern runs on token columns
        (False, False)
        """
        if not self._doc_keys:
            return False
        if only is None:
            return True
        key_at = self._key_at
        return any(key_at[position] in self._doc_keys for position in only)

    def match_tokens(self, tokens: PieceTokens, *, only: Iterable[int] | None = None, observed: bool = False, offset: int = 0) -> list[Match]:
        """Every match in one text given as its tokens' columns (:meth:`TokenColumns.of`), judged as ``__call__`` judges a Doc.

        For qlr's own pipeline only (:attr:`reads_tokens`), and for pieces that
        need no Doc (:meth:`needs_doc`): the matches are those of ``__call__`` on
        ``nlp(text)``.

        Parameters
        ----------
        tokens : tuple of lists
            The text's token columns (lower-case and lemma hashes, spellings, start and end offsets, sentence starts).
        only : iterable of int, optional
            Positions of the only indicators to look for (the pre-filter's candidates); all when None.
        observed : bool
            The text is an observer's field note (:meth:`AssertionRules.categories`).
        offset : int
            Added to every character offset: the matches of a piece are given in the text it was cut from
            (what ``Match.shifted`` would give, without a second Match each).

        Returns
        -------
        list of Match
            The matches with their assertion status, as ``__call__`` gives them.

        Examples
        --------
        >>> import qlr
        >>> from qlr.code._nlp import CodebookMatcher, TokenColumns, pipeline
        >>> nlp = pipeline()
        >>> matcher = CodebookMatcher(nlp, qlr.read_codebook("coproduction"), lemmas_of_lower=True)
        >>> columns = TokenColumns(nlp, lambda chunk: [t.text for t in nlp.tokenizer(chunk)])
        >>> [(m.code_id, m.assertion) for m in matcher.match_tokens(columns.of("We never got a vote."))]
        [('power.shared_decisions', 'negated')]
        """
        lowers, lemmas, orths, starts, ends, sentence_starts = tokens
        if not lowers:
            return []
        lowers, lemmas = read_columns(lowers, lemmas, starts, ends, self._strings, orths)
        raw = self._phrases_in(lemmas)
        if self._fast:
            raw.update(self._fast.find((lowers, lemmas, orths), only=None if only is None else {self._key_at[position] for position in only}))
        if not raw:
            return []
        return self._judged(raw, lowers, starts, ends, sentence_starts, observed, offset)

    def _phrases_in(self, lemmas: Sequence[int]) -> set[tuple[int, int, int]]:
        """(key, first token, end token) of every phrase whose lemmas ``lemmas`` hold in a row."""
        raw: set[tuple[int, int, int]] = set()
        if self._phrase_lemmas.keys().isdisjoint(lemmas):
            return raw
        singles = self._phrase_singles
        for position in compress(count(), map(singles.__contains__, lemmas)):
            raw.update((key, position, position + 1) for key in singles[lemmas[position]])
        pairs, size = self._phrase_pairs, len(lemmas)
        for position in compress(count(), map(pairs.__contains__, zip(lemmas, islice(lemmas, 1, None)))):
            for words, keys in pairs[lemmas[position], lemmas[position + 1]]:
                end = position + len(words)
                if end <= size and (end == position + 2 or tuple(lemmas[position:end]) == words):
                    raw.update((key, position, end) for key in keys)
        return raw

    def _judged(
        self,
        raw: set[tuple[int, int, int]],
        lowers: list[int],
        starts: list[int],
        ends: list[int],
        sentence_starts: list[int],
        observed: bool,
        offset: int = 0,
    ) -> list[Match]:
        """The matches ``raw`` ((key, first token, end token)) judged by the assertion rules, one per code, indicator and span.

        ``lowers``, ``starts``, ``ends``: each token's lower-case hash as the rules read it (:func:`read_columns`) and
        characters; ``sentence_starts``: the tokens opening a sentence, in order.  A match opening on a negation its
        indicator does not name ("don't run it ourselves" of a pattern whose first word may be "do") starts after it
        (:func:`_after_negation`): the negation is then before the match, where the rules read it.  ``offset`` is added
        to every character offset (the piece's place in its text).
        """
        if not sentence_starts or sentence_starts[0] != 0:
            sentence_starts.insert(0, 0)
        found: dict[tuple[str, str, int, int], Match] = {}
        judge = self.assertion_rules.categories
        scans: dict[tuple[int, int], Any] = {}  # each sentence's triggers, scanned once
        names_negation, negations, leads = self._names_negation, self._negation_cues, self._leads
        for key, start, end in sorted(raw, key=lambda m: (m[1], m[2], m[0])):
            code_id, label, wants_negation, fingerprint = self._keys[key]
            lead = leads.get(key)
            if lead is not None:  # the guard word and the optional words after it: context, not the indicator's words
                start += 1
                while start < end - 1 and lowers[start] in lead:
                    start += 1
            if key not in names_negation:
                start = _after_negation(lowers, start, end, negations)
            sentence = bisect.bisect_right(sentence_starts, start) - 1
            first = sentence_starts[sentence]
            stop = sentence_starts[sentence + 1] if sentence + 1 < len(sentence_starts) else len(lowers)
            after = sentence_starts[sentence + 2] if sentence + 2 < len(sentence_starts) else len(lowers)
            beyond = sentence + 2 + LATER_SENTENCES
            last = sentence_starts[beyond] if beyond < len(sentence_starts) else len(lowers)
            categories = judge(
                lowers, (first, stop), (start, end), next_sentence=lowers[stop:after], scans=scans, code=code_id, observed=observed, later=lowers[after:last],
                denied=wants_negation,
            )
            if wants_negation:
                # "not two-way" is affirmed evidence of one-way; without the negation it is nothing.
                if "negated" not in categories:
                    continue
                categories = categories - {"negated"}
            status = next((c for c in PRECEDENCE if c in categories), "affirmed")
            match = Match(code_id, label, starts[start] + offset, ends[end - 1] + offset, starts[first] + offset, ends[stop - 1] + offset, fingerprint, status)
            found.setdefault((code_id, label, match.start, match.end), match)
        return list(found.values())


def read_columns(
    lowers: Sequence[int], lemmas: Sequence[int], starts: Sequence[int], ends: Sequence[int], strings: Any, orths: Sequence[int] | None = None
) -> tuple[Sequence[int], Sequence[int]]:
    """A text's lower-case and lemma hashes as the indicators read them: the rules' reading (:func:`read_contractions`).

    "We dont listen" is read "we do n't listen", as the assertion rules read it, so an indicator whose own words
    hold "n't" ("don't listen to us") matches it; a token read otherwise takes the lemma of its reading. With the
    tokens' ``orths``, a dialect negator spelled as a name is read as written ("Yesterday Nane consulted us"). Both
    columns come back unchanged (the same objects) when nothing is read otherwise.

    Examples
    --------
    >>> nlp = pipeline()
    >>> doc = nlp("They dont listen, NSW/NT")
    >>> lowers, lemmas = read_columns([t.lower for t in doc], [t.lemma for t in doc], [t.idx for t in doc], [t.idx + len(t) for t in doc], nlp.vocab.strings)
    >>> [nlp.vocab.strings[h] for h in lowers], [nlp.vocab.strings[h] for h in lemmas][2]
    (['they', 'do', "n't", 'listen', ',', 'nsw', '/', 'nt'], 'not')
    """
    read = read_contractions(lowers, starts, ends, orths)
    if read is lowers:
        return lowers, lemmas
    from ._prefilter import lemma_table

    table = lemma_table()
    read_lemmas = list(lemmas)
    for index in compress(count(), map(int.__ne__, lowers, read)):
        word = strings[read[index]]
        read_lemmas[index] = strings.add(table.get(word, word))
    return read, read_lemmas


def _after_negation(lowers: Sequence[int], start: int, end: int, negations: frozenset[int]) -> int:
    """Where a match from ``start`` to ``end`` begins once a negation cue among its first two tokens is left before it.

    A pattern whose first step takes an auxiliary or any word ("do" among "run, lead, deliver, do") matches "don't
    run it ourselves" from the "do": the negation is then inside the match, where no rule reads it as the match's.
    The match keeps at least its last token.
    """
    for at in (start, start + 1):
        if at < end - 1 and lowers[at] in negations:
            return at + 1
    return start


def _lead_words(pattern: Sequence[Mapping[str, Any]]) -> frozenset[str] | None:
    """The optional words after a pattern's opening guard word, or None when the pattern opens on no guard.

    A guard is a first step that only says what a word must not be ("not mum, dad, the nurse …" before "asks me
    what is the problem"): the word it reads, and the optional words after it ("always", "would", "'d"), are the
    match's context, not the indicator's words, so the match is judged from the word after them. "She'd ask what I
    wanted" keeps the "'d" before the match, where the rules read it, as "she'd ask" without the guard did.

    Examples
    --------
    >>> sorted(_lead_words([{"LOWER": {"NOT_IN": ["mum"]}}, {"LOWER": {"IN": ["'d", "always"]}, "OP": "*"}, {"LEMMA": "ask"}]))
    ["'d", 'always']
    >>> _lead_words([{"LEMMA": "ask"}]) is None
    True
    """
    if not pattern or pattern[0].get("OP") not in (None, "1"):
        return None
    guard = [value for attr, value in pattern[0].items() if attr != "OP"]
    if not guard or not all(isinstance(value, Mapping) and set(value) == {"NOT_IN"} for value in guard):
        return None
    words: set[str] = set()
    for token in pattern[1:]:
        if token.get("OP") not in ("?", "*"):
            break
        value = token.get("LOWER")
        if isinstance(value, Mapping) and isinstance(value.get("IN"), list):
            words.update(str(word).lower() for word in value["IN"])
    return frozenset(words)


def _words_named(indicator: Any, nlp: Language) -> frozenset[str]:
    """The lower-case words an indicator's phrase holds, or its pattern's steps ask for (not the ones they exclude)."""
    if indicator.phrase is not None:  # as the text's words are read: "dont" is "do" "n't"
        doc = nlp.make_doc(indicator.phrase)
        read = read_contractions([token.lower for token in doc], [token.idx for token in doc], [token.idx + len(token) for token in doc])
        return frozenset(map(nlp.vocab.strings.__getitem__, read))
    words: set[str] = set()
    for token in indicator.pattern or ():
        for attr, value in token.items():
            if attr == "OP":
                continue
            if isinstance(value, str):
                words.add(value.lower())
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words.update(str(v).lower() for v in value["IN"])
    return frozenset(words)


_ANCHOR_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM")


def _anchor(pattern: tuple[Any, ...] | list[Any], strings: Any) -> frozenset[int] | None:
    """Hashes of the words a token pattern cannot match without (its rarest required token).

    ``None`` when every token is optional or unconstrained: such a pattern is always run.
    """
    from ._tokenpattern import word_frequency

    best: tuple[float, frozenset[str]] | None = None
    for token in pattern:
        if token.get("OP") in ("?", "*", "!"):
            continue
        for attr in _ANCHOR_ATTRS:
            value = token.get(attr)
            if isinstance(value, str):
                words = frozenset([value.lower()])
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words = frozenset(str(v).lower() for v in value["IN"])
            else:
                continue
            cost = sum(word_frequency(w) for w in words)
            if best is None or cost < best[0]:
                best = (cost, words)
    if best is None:
        return None
    return frozenset(strings.add(word) for word in best[1])


def make_fast_sentencizer(nlp: Language, name: str) -> FastSentencizer:
    """spaCy factory for ``qlr_sentencizer`` (registered via entry point)."""
    return FastSentencizer(nlp, name)


def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """spaCy factory for ``qlr_lemmatizer`` (registered via entry point)."""
    return LookupLemmatizer(nlp, name)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("qlr_lemmatizer"):
        Language.factory("qlr_lemmatizer")(make_lookup_lemmatizer)
    if not Language.has_factory("qlr_sentencizer"):
        Language.factory("qlr_sentencizer")(make_fast_sentencizer)
    # And the codebook component, for a source checkout without entry points.
    from . import _component  # noqa: F401 - registers qlr_codebook on import


# spaCy loads this module through the entry point when a pipeline asks for a qlr
# factory, and qlr imports it when it first builds its own pipeline: either way
# the factories must exist once the module does.  `import qlr` does not import it.
_register()
