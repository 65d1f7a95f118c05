"""Which parts of a text can hold a codebook match, found before spaCy runs.

Tokenising is most of what rule coding costs, and most sentences hold no
indicator.  Every indicator has *anchor* words it cannot match without: one
word of a phrase (with every form the lookup lemmatizer gives the same lemma),
or the literal values of one required token of a pattern.  One Aho–Corasick
automaton (``pyahocorasick``) finds all anchors of all indicators in the
lower-cased text at once; a hit counts only if a token of its whitespace-free
chunk (tokenised alone, which spaCy's tokenizer does anyway) is that word.

Only the sentences around real hits are tokenised: from a *certain* sentence
start before the hit to the second certain start after it, so the hit's
sentence and the next one (which assertion status reads) are inside.  A
certain start is a word beginning with a letter or digit after one space and a
chunk whose last token is a sentence-end mark: the sentencizer always opens a
sentence there, and it decides every later start from tokens after the last
possible opener, so a piece cut there has exactly the tokens and sentences the
whole text has.  Indicators whose match could run over a sentence end (a
pattern with a wildcard, a phrase holding a full stop, a match that could start
on punctuation) have the whole text tokenised when their anchor is present, and
one without any anchor has every text tokenised whole.  The pre-filter is
derived from whatever codebook is loaded, and is used only with qlr's own
pipeline, whose lemmas it can predict.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["TextFilter", "lemma_forms", "lemma_table"]

# Attributes whose values are the token's own characters (lower-cased).
_LITERAL = ("LOWER", "ORTH", "TEXT")
# A short anchor is found inside many longer words, so it costs more than its frequency says.
_SHORT = 3


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """The English lookup table qlr's lemmatizer reads (form -> lemma), as strings."""
    from spacy.util import load_language_data, registry

    return load_language_data(registry.lookups.get("en")["lemma_lookup"])


@lru_cache(maxsize=1)
def _inverse_lemmas() -> dict[str, frozenset[str]]:
    """Every lower-case form the lookup lemmatizer maps to each lemma."""
    forms: dict[str, set[str]] = {}
    for form, lemma in lemma_table().items():
        forms.setdefault(lemma, set()).add(form.lower())
    return {lemma: frozenset(words) for lemma, words in forms.items()}


def lemma_forms(lemma: str) -> frozenset[str]:
    """Every lower-case word qlr's lookup lemmatizer gives the lemma ``lemma`` (and the lemma itself).

    Examples
    --------
    >>> sorted(lemma_forms("give"))
    ['gave', 'give', 'given', 'gives', 'giving']
    """
    inverse = _inverse_lemmas()
    return frozenset({lemma.lower(), *inverse.get(lemma, ()), *inverse.get(lemma.lower(), ())})


def _cost(forms: Iterable[str]) -> float:
    from ._tokenpattern import word_frequency

    return sum(word_frequency(form) + (1.0 if len(form) < _SHORT else 0.0) for form in forms)


def _run_cost(run: Sequence[frozenset[str]]) -> float:
    """How often a run of adjacent tokens is expected in English text (words taken as independent)."""
    from ._tokenpattern import word_frequency

    if len(run) == 1:
        return _cost(run[0])
    cost = 1.0
    for forms in run:
        cost *= min(1.0, sum(word_frequency(form) for form in forms))
    return cost


def _punct_like(form: str) -> bool:
    # Superset of spaCy's is_punct: no letter or digit at all.
    return not any(ch.isalnum() for ch in form)


#: Spellings of one run of adjacent tokens tried at most (more: the run's rarest word alone).
_MAX_SPELLINGS = 1024


def _spellings(run: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """Every way adjacent tokens with these forms can appear in lower-cased text (None: too many).

    Adjacent tokens are written either together ("two-way", "cannot") or with
    one space: any other white space is a token of its own between them.
    """
    count = 2 ** (len(run) - 1)
    for forms in run:
        count *= len(forms)
    if count > _MAX_SPELLINGS:
        return None
    spellings = {""}
    for index, forms in enumerate(run):
        joins = ("",) if index == 0 else ("", " ")
        spellings = {head + join + form for head in spellings for join in joins for form in forms}
    return frozenset(spellings)


def _anchor_words(runs: Sequence[Sequence[frozenset[str]]]) -> tuple[frozenset[str], bool]:
    """The strings to search for one indicator: its longest spellable run of adjacent tokens.

    Returns them and whether they are single words (whose hits are then checked
    against the tokens of their chunk).
    """
    best: tuple[float, frozenset[str], bool] | None = None
    for run in runs:
        for size in range(len(run), 0, -1):
            for start in range(len(run) - size + 1):
                part = run[start : start + size]
                spellings = _spellings(part) if size > 1 else part[0]
                if spellings is None:
                    continue
                rank = _run_cost(part)
                if best is None or rank < best[0]:
                    best = (rank, spellings, size == 1)
    if best is None:
        return frozenset(), True
    return best[1], best[2]


class TextFilter:
    """The parts of a text that spaCy must tokenise for a set of indicators.

    Parameters
    ----------
    nlp : Language
        qlr's offline pipeline (its tokenizer and sentence-end marks).
    indicators : sequence of (code_id, Indicator)
        The indicators the text is matched for.

    Examples
    --------
    >>> import qlr
    >>> from qlr.code._nlp import pipeline
    >>> codebook = qlr.read_codebook("coproduction")
    >>> text_filter = TextFilter(pipeline(), [(c.id, i) for c in codebook for i in c.indicators])
    >>> text = "Nice weather. Rain later. It goes both ways now. We had a cup. Then home."
    >>> [text[start:end] for start, end in text_filter.pieces(text)]
    ['It goes both ways now. We had a cup. ']
    >>> text_filter.pieces("Both of us went home.")
    []
    """

    def __init__(self, nlp: Language, indicators: Sequence[tuple[str, Any]]) -> None:
        import ahocorasick

        self._tokenizer = nlp.tokenizer
        self._ends = frozenset(nlp.get_pipe("qlr_sentencizer").end_marks)
        self._lemmas = lemma_table()
        self._chunks: dict[str, tuple[str, ...]] = {}  # chunk -> its tokens' texts
        #: Some indicator has no anchor: every text is tokenised whole.
        self.always_whole = False
        # string -> (how many tokens a match found by it may reach beyond its sentence
        # (0: none; None: no limit, the whole text is tokenised), whether it is one word)
        self._anchors: dict[str, tuple[int | None, bool]] = {}
        for _, indicator in indicators:
            if indicator.phrase is not None:
                runs, reach = self._phrase(indicator.phrase, nlp)
            else:
                runs, reach = self._pattern(indicator.pattern or ())
            if runs is None:
                self.always_whole = True
                continue
            words, single = _anchor_words(runs)
            for word in words:
                before, was_single = self._anchors.get(word, (0, True))
                widest = None if before is None or reach is None else max(before, reach)
                self._anchors[word] = (widest, was_single and single)
        self._automaton = None
        if self._anchors and not self.always_whole:
            automaton = ahocorasick.Automaton()
            for word, (reach, single) in self._anchors.items():
                automaton.add_word(word, (len(word), reach, single))
            automaton.make_automaton()
            self._automaton = automaton
        ends = "".join(re.escape(mark) for mark in sorted(self._ends) if len(mark) == 1)
        # A possible certain sentence start: an end mark, one space, a letter or digit.
        self._candidate_starts = re.compile(f"(?<=[{ends}]) (?=[^\\W_])")

    # ------------------------------------------------------------------ anchors
    def _phrase(self, phrase: str, nlp: Language) -> tuple[list[list[frozenset[str]]] | None, int | None]:
        """A phrase's words with all their forms (one run), and its reach beyond its sentence."""
        words = [token.lower_ for token in nlp.make_doc(phrase.lower())]
        if not words:
            return [], 0  # matches nothing
        forms = [frozenset({word}) | lemma_forms(self._lemmas.get(word, word)) for word in words]
        local = not any(_punct_like(form) for form in forms[0])
        local = local and not any(form in self._ends for token_forms in forms[:-1] for form in token_forms)
        return [forms], 0 if local else len(words) - 1

    def _pattern(self, pattern: Sequence[Mapping[str, Any]]) -> tuple[list[list[frozenset[str]]] | None, int | None]:
        """A token pattern's runs of adjacent required tokens (None: it has none), and its reach."""
        # A "!" token is what the token must not be: it says nothing of what it is.
        steps = [(token.get("OP"), None if token.get("OP") == "!" else _step_forms(token)) for token in pattern]
        runs: list[list[frozenset[str]]] = [[]]
        for op, forms in steps:
            if op in (None, "1") and forms is not None:
                runs[-1].append(forms)
            elif op == "+" and forms is not None:
                runs[-1].append(forms)  # its first token is required; others may follow
                runs.append([])
            elif runs[-1]:
                runs.append([])
        runs = [run for run in runs if run]
        if not runs:
            return None, None
        leading = []
        for op, forms in steps:
            leading.append(forms)
            if op in (None, "1", "+"):
                break
        inner = [forms for _, forms in steps[:-1]]
        if steps and steps[-1][0] not in (None, "1", "?"):
            inner.append(steps[-1][1])
        local = all(forms is not None and not any(map(_punct_like, forms)) for forms in leading)
        local = local and all(forms is not None and forms.isdisjoint(self._ends) for forms in inner)
        longest = _longest(pattern)
        return runs, 0 if local else (None if longest is None else longest - 1)

    # ------------------------------------------------------------------ tokens near a hit
    def _tokens(self, chunk: str) -> tuple[str, ...]:
        """The token texts of one whitespace-free chunk (as it is tokenised inside any text)."""
        tokens = self._chunks.get(chunk)
        if tokens is None:
            if len(self._chunks) > 200_000:  # a bound, not a tuning: a chunk costs one tokenizer call again
                self._chunks.clear()
            tokens = self._chunks[chunk] = tuple(token.text for token in self._tokenizer(chunk))
        return tokens

    def _certain_start(self, text: str, space: int) -> bool:
        """Whether the word after the space at ``space`` surely opens a sentence (its chunk ends in an end mark token)."""
        begin, _ = _chunk_bounds(text, space, space)
        return self._tokens(text[begin:space])[-1] in self._ends

    # ------------------------------------------------------------------ pieces
    def pieces(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the parts of ``text`` to tokenise, in order, not overlapping.

        Empty when no indicator can match; ``[(0, len(text))]`` when the whole text is needed.
        """
        if self.always_whole:
            return [(0, len(text))] if text else []
        if self._automaton is None:
            return []
        lower = text.lower()
        if len(lower) != len(text):  # lower-casing moved offsets: no piece can be placed
            return [(0, len(text))]
        hits: list[tuple[int, int, int]] = []  # (first chunk's start, last chunk's end, reach)
        for end, (size, reach, single) in self._automaton.iter(lower):
            begin, stop = _chunk_bounds(text, end - size + 1, end + 1)
            # A word found inside a longer one ("vote" in "devoted") is no token.
            if single and lower[end - size + 1 : end + 1] not in (token.lower() for token in self._tokens(text[begin:stop])):
                continue
            if reach is None:
                return [(0, len(text))]
            hits.append((begin, stop, reach))
        if not hits:
            return []
        spaces = [match.start() for match in self._candidate_starts.finditer(text)]
        verdicts: dict[int, bool] = {}

        def certain(index: int) -> bool:
            if index not in verdicts:
                verdicts[index] = self._certain_start(text, spaces[index])
            return verdicts[index]

        pieces: list[tuple[int, int]] = []
        for begin, stop, reach in sorted(hits):
            # A match reaching ``reach`` tokens past its anchor lies within ``reach`` chunks of it.
            first, last = _chunks_around(text, begin, stop, reach)
            index = bisect.bisect_left(spaces, first) - 1
            while index >= 0 and not certain(index):
                index -= 1
            start = spaces[index] + 1 if index >= 0 else 0
            # The hit's sentence and the next one end by the second certain start after it.
            index, found, end = bisect.bisect_left(spaces, begin), 0, len(text)
            while index < len(spaces):
                if certain(index):
                    found += 1
                    if found >= 2 and spaces[index] >= last:
                        end = spaces[index] + 1
                        break
                index += 1
            if pieces and start <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], max(pieces[-1][1], end))
            else:
                pieces.append((start, end))
        return pieces


def _chunk_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    """Start and end of the run of non-space characters around ``text[begin:end]``."""
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return begin, end


def _chunks_around(text: str, begin: int, end: int, count: int) -> tuple[int, int]:
    """Where the ``count``-th whitespace-free chunk before and after ``text[begin:end]`` start and end."""
    for _ in range(count):
        while begin > 0 and text[begin - 1].isspace():
            begin -= 1
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
        while end < len(text) and text[end].isspace():
            end += 1
        while end < len(text) and not text[end].isspace():
            end += 1
    return begin, end


def _longest(pattern: Sequence[Mapping[str, Any]]) -> int | None:
    """How many tokens a match of the pattern holds at most (None: no limit)."""
    total = 0
    for token in pattern:
        op = token.get("OP")
        if op in (None, "1", "?", "!"):
            total += 1
        elif isinstance(op, str) and re.fullmatch(r"\{\d*,?\d+\}", op):  # {n}, {,m}, {n,m}
            total += int(op.strip("{}").split(",")[-1])
        else:  # *, +, {n,}
            return None
    return total


def _step_forms(token: Mapping[str, Any]) -> frozenset[str] | None:
    """The lower-case words a pattern token can be, from its literal values; None when it is not limited to some."""
    best: frozenset[str] | None = None
    for attr, value in token.items():
        if attr not in (*_LITERAL, "LEMMA"):
            continue
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, Mapping) and set(value) == {"IN"} and isinstance(value["IN"], list):
            values = [str(v) for v in value["IN"]]
        else:
            continue
        if attr == "LEMMA":
            forms = frozenset().union(*(lemma_forms(v) for v in values)) if values else frozenset()
        else:
            forms = frozenset(v.lower() for v in values)
        if best is None or _cost(forms) < _cost(best):
            best = forms
    return best
