"""Which parts of a text can hold a codebook match, found before spaCy runs.

Tokenising and matching are most of what rule coding costs, and most sentences
hold no indicator.  Every indicator has *required* tokens it cannot match
without: every word of a phrase (in every form the lookup lemmatizer gives the
same lemma), every literal token of a pattern that is not optional.  The
text is first *spelled* as its tokens: each whitespace-free chunk tokenised
alone (which spaCy's tokenizer does anyway, so these are the text's tokens),
lower-cased, each token after one space.  One Aho–Corasick automaton
(``pyahocorasick``) finds one *anchor* per indicator (its rarest run of
adjacent required tokens, in every form, as whole tokens) in that spelling.  A
hit then counts only if the indicator can match around it: within as many
chunks as a match can reach beyond its anchor and, for a match that stays
inside one sentence, between the certain sentence starts around the anchor,
the indicator written as a regular expression over the spelled tokens (every
required token in its order, optional and repeated steps as quantifiers) must
be found; in a text with white space other than single spaces (which spaCy
makes tokens of their own) every required token must be there, in any order.
Each piece names the indicators whose hits made it, and only those are
matched in it.

Only the sentences around the hits that count are tokenised: from a *certain*
sentence start before the hit to the third certain start after it, so the
hit's sentence and the two after it (which assertion status reads: the next
one, and :data:`~qlr.code._assertion.LATER_SENTENCES` more for a past
account's ending) are inside; when a sentence there may open on "they" or "them"
(:data:`~qlr.code._assertion.TAKEN_UP`), from
:data:`~qlr.code._assertion.EARLIER_SENTENCES` certain starts earlier, so the
sentences whose group such a subject takes up are inside too.  A
certain start is a word beginning with a letter or digit after one space and a
chunk whose last token is a sentence-end mark: the sentencizer always opens a
sentence there, and it decides every later start from tokens after the last
possible opener, so a piece cut there has exactly the tokens and sentences the
whole text has.  Indicators whose match could run over a sentence end (a
pattern with a wildcard, a phrase holding a full stop, a match that could start
on punctuation) widen the piece by their length, or have the whole text
tokenised when that is unbounded; one without any required token has every
text tokenised whole.  The pre-filter is derived from whatever codebook is
loaded, and is used only with qlr's own pipeline, whose lemmas it can predict.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple

# Sentences before the hit's that the assertion rules read after a subject taking up someone named there (stop 56),
# and sentences after the next one that they read: one number each for both.
from ._assertion import _CLAUSE_BREAKS, _FILLERS
from ._assertion import EARLIER_SENTENCES as _EARLIER_SENTENCES
from ._assertion import LATER_SENTENCES as _LATER_SENTENCES
from ._assertion import TAKEN_UP as _TAKEN_UP

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["LEMMA_FIXES", "TextFilter", "lemma_forms", "lemma_table"]

# Attributes whose values are the token's own characters (lower-cased).
_LITERAL = ("LOWER", "ORTH", "TEXT")


#: Entries of spacy-lookups-data's English table that give a common word the lemma of a
#: rarer one ("does" as the plural of "doe", "matter" as the comparative of "matt"), and
#: what they are instead.  Found by comparing each "-es" form with its stem and each of the
#: 3,000 commonest words with the lemma a regular ending would give; words that are
#: truly both ("left", "found", "lay") keep the table's reading.
LEMMA_FIXES = {
    "does": "do",
    "crosses": "cross",
    "masses": "mass",
    "taxes": "tax",
    "attaches": "attach",
    "matter": "matter",
    "number": "number",
    "rent": "rent",
    "crew": "crew",
    "ground": "ground",
    "bit": "bit",
    "stranger": "stranger",
    # The past of "fee" and of "wee" (stop 59): "feed back what people say" and "we weed the beds" never matched
    # "feed"/"weed" in a lemma list, nor a phrase's "feeding back" its "feed back".
    "feed": "feed",
    "weed": "weed",
}


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """The English lookup table (form -> lemma), as strings, with :data:`LEMMA_FIXES`: every lemma qlr uses comes from here.

    Examples
    --------
    >>> lemma_table()["does"], lemma_table()["goes"]
    ('do', 'go')
    """
    from spacy.util import load_language_data, registry

    return {**load_language_data(registry.lookups.get("en")["lemma_lookup"]), **LEMMA_FIXES}


@lru_cache(maxsize=1)
def _inverse_lemmas() -> dict[str, str]:
    """Every lower-case form the lookup lemmatizer maps to each lemma, each form after a NUL (``_FORM``).

    Kept as strings, not sets: the cycle collector never walks a string, and
    26,000 sets made at once set off a full collection of a new process's
    heap, which cost more than the table (re-coding after an edit reads the
    forms of a few words only).
    """
    forms: dict[str, str] = {}
    get = forms.get
    for form, lemma in lemma_table().items():
        forms[lemma] = get(lemma, "") + _FORM + form.lower()
    return forms


#: What opens each form in :func:`_inverse_lemmas`'s strings (no word holds it).
_FORM = "\x00"


def lemma_forms(lemma: str) -> frozenset[str]:
    """Every lower-case word qlr's lookup lemmatizer gives the lemma ``lemma`` (and the lemma itself).

    Examples
    --------
    >>> sorted(lemma_forms("give"))
    ['gave', 'give', 'given', 'gives', 'giving']
    """
    inverse = _inverse_lemmas()
    lower = lemma.lower()
    return frozenset({lower, *inverse.get(lemma, "").split(_FORM)[1:], *inverse.get(lower, "").split(_FORM)[1:]})


def _cost(forms: Iterable[str]) -> float:
    from ._tokenpattern import word_frequency

    return sum(map(word_frequency, forms))


def _punct_like(form: str) -> bool:
    # Superset of spaCy's is_punct: no letter or digit at all.
    return not any(ch.isalnum() for ch in form)


#: Spellings of one run of adjacent tokens tried at most (more: the run's rarest word alone).
_MAX_SPELLINGS = 1024


def _too_many_spellings(sizes: Iterable[int]) -> bool:
    """Whether adjacent tokens with this many forms each are spelled more ways than :func:`_spellings` tries."""
    return math.prod(sizes) > _MAX_SPELLINGS


def _spellings(run: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """Every way adjacent tokens with these forms are spelled in a text's tokens (``_Text.spelled``), or None (too many).

    Each token is spelled after one space, and the run is closed by one: so a
    hit is always whole tokens, never part of a longer word.
    """
    if _too_many_spellings(map(len, run)):
        return None
    spellings = {" "}
    for forms in run:
        spellings = {head + form + " " for head in spellings for form in forms}
    return frozenset(spellings)


def _anchor_words(runs: Sequence[Sequence[frozenset[str]]]) -> frozenset[str]:
    """The strings to search for one indicator: the spellings of its rarest run of adjacent tokens.

    Each token's summed frequency is worked out once per run, and only a part that ranks best so far is spelled
    (a run's cost: its one token's summed frequency, or the product of each token's capped at 1, words taken as
    independent).
    """
    best: tuple[float, frozenset[str]] | None = None
    for run in runs:
        sizes = [len(forms) for forms in run]
        costs = [_cost(forms) for forms in run]
        for size in range(len(run), 0, -1):
            for start in range(len(run) - size + 1):
                if _too_many_spellings(sizes[start : start + size]):
                    continue
                if size == 1:
                    rank = costs[start]
                else:
                    rank = 1.0
                    for cost in costs[start : start + size]:
                        rank *= min(1.0, cost)
                if best is None or rank < best[0]:
                    best = (rank, _spellings(run[start : start + size]))
    return frozenset() if best is None else best[1]


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
    >>> text = "Nice weather. Rain later. It goes both ways now. We had a cup. Then home. Bed early."
    >>> [text[start:end] for start, end in text_filter.pieces(text)]
    ['It goes both ways now. We had a cup. Then home. ']
    >>> text_filter.pieces("Both of us went home.")
    []
    """

    def __init__(self, nlp: Language, indicators: Sequence[tuple[str, Any]]) -> None:
        import ahocorasick

        self._tokenizer = nlp.tokenizer
        self._special = frozenset(nlp.tokenizer.rules or ())  # strings the tokenizer splits its own way
        self._ends = frozenset(nlp.get_pipe("qlr_sentencizer").end_marks)
        self._lemmas = lemma_table()
        self._chunks: dict[str, tuple[str, ...]] = {}  # chunk -> its tokens' texts
        self._lowered: dict[str, frozenset[str]] = {}  # chunk -> its tokens, lower-cased
        self._spelling: dict[str, str] = {}  # chunk -> its tokens, lower-cased, one space apart
        self._marks: dict[str, str] = {}  # chunk -> what a certain sentence start needs of it (``_MARKS``), kept with its spelling
        self._run_steps: dict[str, tuple[int, int]] = {}  # chunk -> what it does to an opening run (``_run_step``)
        #: Some indicator has no anchor: every text is tokenised whole.
        self.always_whole = False
        #: What each indicator needs near its anchor (see ``_Needs``).
        self._needs: list[_Needs] = []
        #: Each indicator's (reach, span, sequence, needs), unpacked at once in ``pieces_for``'s loop.
        self._checks: list[tuple[int | None, int | None, _Searched | None, _Needs]] = []
        # anchor string -> the number of each indicator it anchors
        anchors: dict[str, list[int]] = {}
        #: Each indicator number's position in ``indicators``.
        self._positions: list[int] = []
        from ._rules import indicator_as_matched

        for position, (_, written) in enumerate(indicators):
            indicator = indicator_as_matched(written)  # "I’m part of" read as the text is
            if indicator.phrase is not None:
                runs, needs = self._phrase(indicator.phrase, nlp)
            else:
                runs, needs = self._pattern(indicator.pattern or ())
            if runs is None:
                self.always_whole = True
                continue
            number = len(self._needs)
            self._needs.append(needs)
            self._checks.append((needs.reach, needs.span, needs.sequence, needs))
            self._positions.append(position)
            words = _anchor_words(runs)
            # An anchor that is the whole of every match (each step a required token of listed forms, the
            # rarest run all of them) is a match wherever it is found: its hits are not checked (``~number``).
            whole = needs.reach == 0 and len(runs) == 1 and len(runs[0]) == len(needs.required) and words == _spellings(needs.required)
            whole = whole and (indicator.phrase is not None or (
                len(indicator.pattern or ()) == len(needs.required) and all(token.get("OP") in (None, "1") for token in indicator.pattern or ())
            ))
            for word in words:
                anchors.setdefault(word, []).append(~number if whole else number)
        ends = "".join(re.escape(mark) for mark in sorted(self._ends))
        # Where a certain sentence start may be: after an end mark and one space, at a letter or digit.
        # Written to open with the space, which the regex engine scans for quickly (4x a leading look-behind).
        self._possible_starts = re.compile(f" (?<=[{ends}] )(?=[^\\W_])")
        self._end_split = re.compile(f"[{ends}]")  # a chunk's pieces between its end marks (_Text.takes_up)
        self._automaton = None
        self._screen = None
        if anchors and not self.always_whole:
            automaton = ahocorasick.Automaton()
            for word, owners in anchors.items():
                # From the space before its first token; the indicators to check, those matched by the hit itself;
                # whether it is one token (then its first and last characters are in the same chunk).
                automaton.add_word(word, (len(word) - 1, tuple(n for n in owners if n >= 0), tuple(~n for n in owners if n < 0), " " not in word[1:-1]))
            automaton.make_automaton()
            self._automaton = automaton
            # Spelling a text costs more than a scan of it: a text is spelled only when its
            # lower-cased characters hold the rarest token of some anchor spelling (a token's
            # lower-cased text is in the lower-cased text around it).
            from ._tokenpattern import word_frequency

            screen = ahocorasick.Automaton()
            # Each distinct token ranked once (the anchors hold some 150,000 tokens, a few thousand distinct).
            rank = {token: (word_frequency(token), -len(token)) for token in {token for word in anchors for token in word.split()}}
            for word in {min(word.split(), key=rank.__getitem__) for word in anchors}:
                screen.add_word(word, None)
            screen.make_automaton()
            self._screen = screen

    # ------------------------------------------------------------------ anchors
    def _phrase(self, phrase: str, nlp: Language) -> tuple[list[list[frozenset[str]]] | None, _Needs]:
        """A phrase's words with all their forms (one run), and what a match of it needs."""
        words = [token.lower_ for token in nlp.make_doc(phrase.lower())]
        if not words:
            return [], _Needs((), 0, 0)  # matches nothing
        forms = [_as_written(frozenset({word}) | lemma_forms(self._lemmas.get(word, word))) for word in words]
        local = not any(_punct_like(form) for form in forms[0])
        local = local and not any(form in self._ends for token_forms in forms[:-1] for form in token_forms)
        sequence = _sequence([(None, token_forms, None) for token_forms in forms])
        return [forms], _Needs(tuple(forms), 0 if local else len(words) - 1, len(words) - 1, sequence)

    def _pattern(self, pattern: Sequence[Mapping[str, Any]]) -> tuple[list[list[frozenset[str]]] | None, _Needs]:
        """A token pattern's runs of adjacent required tokens (None: it has none), and what a match needs."""
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
        longest = _longest(pattern)
        span = None if longest is None else longest - 1
        if not runs:
            return None, _Needs((), None, span)
        sequence = _sequence([(token.get("OP"), forms, _excluded(token)) for token, (_, forms) in zip(pattern, steps)])
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
        required = tuple(forms for run in runs for forms in run)
        return runs, _Needs(required, 0 if local else span, span, sequence)

    # ------------------------------------------------------------------ tokens near a hit
    def _tokens(self, chunk: str) -> tuple[str, ...]:
        """The token texts of one whitespace-free chunk (as it is tokenised inside any text)."""
        tokens = self._chunks.get(chunk)
        if tokens is None:
            if len(self._chunks) > _CHUNKS_KEPT:
                self._chunks.clear()
            if chunk.isalpha() and chunk not in self._special:
                tokens = (chunk,)  # letters only and no special case: spaCy keeps it whole
            else:
                tokens = tuple(token.text for token in self._tokenizer(chunk))
            self._chunks[chunk] = tokens
        return tokens

    def chunk_tokens(self, chunk: str) -> tuple[str, ...]:
        """The token texts of one whitespace-free chunk, as spaCy's tokenizer gives them inside any text (kept per chunk)."""
        return self._tokens(chunk)

    def _lower_tokens(self, chunk: str) -> frozenset[str]:
        """The lower-cased token texts of one whitespace-free chunk."""
        tokens = self._lowered.get(chunk)
        if tokens is None:
            if len(self._lowered) > _CHUNKS_KEPT:
                self._lowered.clear()
            tokens = self._lowered[chunk] = frozenset(token.lower() for token in self._tokens(chunk))
        return tokens

    def _spell(self, chunk: str) -> str:
        """The lower-cased tokens of one whitespace-free chunk, one space apart (its mark kept with it)."""
        spelled = self._spelling.get(chunk)
        return self._spell_anew(chunk)[0] if spelled is None else spelled

    def _mark(self, chunk: str) -> str:
        """What a certain sentence start needs of one chunk, as one character of ``_MARKS``."""
        mark = self._marks.get(chunk)
        return self._spell_anew(chunk)[1] if mark is None else mark

    def _spell_anew(self, chunk: str) -> tuple[str, str]:
        """One chunk's spelling and mark, worked out and kept (:meth:`_spell`, :meth:`_mark`).

        Both are given from here, never read back from the kept ones: threads coding at once share a filter
        (``_rules._cached``), and another may empty the memory, or read it, between two writes here (stop 59: a
        ``KeyError`` in ``_mark``).  Every thread works out the same values for the same chunk, so the memory may
        hold any thread's.
        """
        if len(self._spelling) > _CHUNKS_KEPT:
            self._spelling.clear()
            self._marks.clear()
        tokens = self._tokens(chunk)
        spelled = " ".join(tokens).lower()
        mark = _MARKS[(tokens[-1] in self._ends) + 2 * (_WORD_START.match(chunk) is not None)]
        self._marks[chunk] = mark
        self._spelling[chunk] = spelled
        return spelled, mark

    def _run_step(self, chunk: str) -> tuple[int, int]:
        """What one whitespace-free chunk does to a sentence's opening run (:meth:`_Text.takes_up`), kept per chunk.

        Indexed by the run's state before the chunk (0: closed, the sentence has its subject or another word; 1: open,
        only fillers, hesitations and clause breaks since the sentence may have opened), the state after it, or 2 when
        a word of ``TAKEN_UP`` opens a sentence in it.  A sentence may open after any end mark inside the chunk
        ("it.They"), and a word of ``TAKEN_UP`` anywhere in a piece of the opening run counts ("Well,they").
        """
        step = self._run_steps.get(chunk)
        if step is None:
            if len(self._run_steps) > _CHUNKS_KEPT:
                self._run_steps.clear()
            segments = self._end_split.split(chunk)
            after = []
            for opening_run in (False, True):
                for number, segment in enumerate(segments):
                    if number:
                        opening_run = True  # after an end mark inside the chunk
                    if opening_run:
                        found = _WORD.findall(segment.lower())
                        if not _TAKEN_UP_SET.isdisjoint(found):
                            after.append(2)
                            break
                        opening_run = _SKIPPED.issuperset(found)
                else:
                    after.append(int(opening_run))
            step = self._run_steps[chunk] = (after[0], after[1])
        return step

    # ------------------------------------------------------------------ pieces
    def pieces(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the parts of ``text`` to tokenise, in order, not overlapping.

        Empty when no indicator can match; ``[(0, len(text))]`` when the whole text is needed.
        """
        return [(start, end) for start, end, _ in self.pieces_for(text)]

    def pieces_for(self, text: str) -> list[tuple[int, int, frozenset[int] | None]]:
        """The parts of ``text`` to tokenise (as :meth:`pieces`), each with the indicators that may match in it.

        Indicators are given by their position in the sequence the filter was
        built from; None: any of them.  An indicator left out of a piece has no
        match there.
        """
        if self.always_whole:
            return [(0, len(text), None)] if text else []
        if self._automaton is None:
            return []
        # Python lower-cases a capital sigma by what follows it: a token alone may differ from the text.
        if "\u03a3" not in text and next(self._screen.iter(text.lower()), None) is None:
            return []
        chunks = text.split()  # splits where _CHUNK does: at str.isspace, as spaCy's tokenizer
        try:
            parts = list(map(self._spelling.__getitem__, chunks))  # most chunks were seen before: no call each
        except KeyError:
            parts = list(map(self._spell, chunks))
        spelled = " " + " ".join(parts) + " "
        found = self._automaton.iter(spelled)
        hit = next(found, None)
        if hit is None:
            return []
        near = _Text(self, text, chunks, spelled, parts)  # built at the first hit: most texts have none
        last_chunk = len(chunks) - 1
        before = near.before
        checks, opening = self._checks, None  # the text's certain starts, read at the first hit that needs them
        searched = spelled if near.single_spaced else None  # the text windows' ``sequence`` is searched in
        # (first chunk, last chunk, reach) of each hit that can match -> the indicators it can be a match of
        hits: dict[tuple[int, int, int], set[int]] = {}
        unplaced: set[int] = set()  # indicators that may match anywhere in the text and were found nowhere
        for end, (size, owners, matched, one_token) in chain((hit,), found):
            # The chunks of the hit's first and last token (``before``: where each chunk's spelling begins).
            first = bisect_right(before, end - size + 1) - 1
            last = first if one_token else bisect_right(before, end - 1) - 1
            if matched:  # the hit is a whole match of these (all inside one sentence): no check
                known = hits.get((first, last, 0))
                if known is None:
                    hits[(first, last, 0)] = set(matched)
                else:
                    known.update(matched)
            for number in owners:
                reach, span, sequence, needs = checks[number]
                if reach is None:  # a match may run anywhere in the text
                    if number in unplaced:
                        continue  # the same check of the whole text failed at an earlier hit
                    if near.could_match(needs, 0, last_chunk):
                        return [(0, len(text), None)]
                    unplaced.add(number)
                    continue
                key = (first, last, reach)
                known = hits.get(key)
                if known is not None and number in known:
                    continue  # this hit already counts for this indicator
                # Every token of a match lies within ``span`` chunks of its anchor and,
                # for a match inside one sentence, between the certain starts around it.
                if span is None:
                    low, high = 0, last_chunk
                else:
                    low, high = first - span, last + span
                if reach == 0:
                    # Only the chunks both around the anchor and in its sentence are searched (the certain starts are
                    # read at the first hit that needs them): a match there is one in the wider chunks too.
                    if opening is None:
                        opening = near.opening
                    index = bisect_right(opening, first)  # the certain starts around the anchor: opening[index - 1], opening[index]
                    if index and opening[index - 1] > low:
                        low = opening[index - 1]
                    if index < len(opening) and opening[index] <= high:
                        high = opening[index] - 1
                # ``near.could_match`` written out for the common case (most hits fail here).
                if sequence is not None and searched is not None:
                    if sequence.search(searched, before[low if low > 0 else 0], before[(high if high < last_chunk else last_chunk) + 1] + 1) is None:
                        continue
                elif not near.could_match(needs, max(low, 0), min(high, last_chunk)):
                    continue
                if known is None:
                    hits[key] = {number}
                else:
                    known.add(number)
        if not hits:
            return []
        pieces: list[tuple[int, int, set[int]]] = []
        for (first, last, reach), numbers in sorted(hits.items()):
            # A match reaching ``reach`` tokens past its anchor lies within ``reach`` chunks of it.
            low, high = max(first - reach, 0), min(last + reach, last_chunk)
            start = near.start_before(low, back=_EARLIER_SENTENCES if near.takes_up(low, high) else 0)
            # The hit's sentence and the ones the assertion rules read after it end by this certain start.
            end = near.second_start_after(first, high)
            if pieces and start <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], max(pieces[-1][1], end), pieces[-1][2] | numbers)
            else:
                pieces.append((start, end, numbers))
        positions = self._positions
        return [(start, end, frozenset(map(positions.__getitem__, numbers))) for start, end, numbers in pieces]



_WORD = re.compile(r"[^\W\d_]+")
_TAKEN_UP_SET = frozenset(_TAKEN_UP)
# What the assertion rules pass over before a sentence's subject (``_across_sentences``): fillers, hesitations, clause breaks.
_SKIPPED = frozenset(_FILLERS) | frozenset(_CLAUSE_BREAKS)


#: Chunks whose tokens are kept (a bound on memory, not a tuning: a chunk dropped costs one tokenizer call again).
_CHUNKS_KEPT = 200_000
_CHUNK = re.compile(r"\S+")
_MATCH_START = re.Match.start  # mapped over matches: no Python step per chunk
_MATCH_END = re.Match.end
#: A chunk's mark: whether its last token is a sentence-end mark (``1``), whether it begins with a letter
#: or digit (``2``), both (``3``) or neither (``0``).
_MARKS = "0123"
_WORD_START = re.compile(r"[^\W_]")  # the possible starts' look-ahead, at a chunk's first character
#: In a single-spaced text's marks, a chunk that ends with a mark before one that may open a sentence: the chunk
#: after it (at the match's end) opens a sentence for sure.  A look-ahead, not a look-behind: the regex engine
#: then skips to the next ``1`` or ``3`` at once.
_CERTAIN = re.compile("[13](?=[23])")


class _once:  # noqa: N801 - used as a decorator, like functools.cached_property
    """``functools.cached_property`` without its lock (Python 3.11 takes one at every first read, a few µs per text).

    The value is computed at the first read and kept in the instance's ``__dict__``, which later reads find first.
    A ``_Text`` lives inside one call of ``pieces_for`` and is never shared between threads.
    """

    def __init__(self, function: Any) -> None:
        self._function = function
        self._name = function.__name__
        self.__doc__ = function.__doc__

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self._name] = self._function(instance)
        return value


class _Needs(NamedTuple):
    """What a match of one indicator needs around its anchor."""

    #: The forms each required token can take (a match holds one of each).
    required: tuple[frozenset[str], ...]
    #: How many tokens past its sentence a match may reach (0: it stays inside; None: no limit).
    reach: int | None
    #: How many tokens a match may reach beyond its anchor (None: no limit).
    span: int | None
    #: The indicator as a regular expression over lower-cased tokens each followed by one space
    #: (see ``_Text.could_match``): it finds every match and perhaps more; None: not written as one.
    #: Compiled at its first search (:class:`_Searched`).
    sequence: _Searched | None = None


class _Text:
    """One text as the pre-filter sees it around hits: whitespace-free chunks and certain sentence starts.

    Chunks are what spaCy's tokenizer splits at white space first, so each is
    tokenised alone exactly as inside the text.  A certain start is the first
    chunk after one space following a chunk whose last token is an end mark,
    when it begins with a letter or digit.  Where each chunk's spelling begins
    is found when the text is built (at its first hit); the certain starts, and
    where each chunk begins in the text, when a hit that could match first
    needs its sentence's bounds (most hits cannot match even in the chunks
    around them, and a text with no such hit never reads them).  In a
    single-spaced text the certain starts are read off each chunk's mark
    (kept with its spelling), one character per chunk, by one regular
    expression: no Python step per sentence.
    """

    def __init__(self, text_filter: TextFilter, text: str, chunks: list[str], spelled: str, parts: list[str]) -> None:
        self._filter = text_filter
        self._text = text
        self._chunks = chunks  # ``text.split()``
        #: The text's tokens lower-cased, each after one space, with a closing space.
        self.spelled = spelled
        #: For each chunk and then for the end, the position in ``spelled`` of the space before it.
        self.before = list(accumulate(map(add, map(len, parts), repeat(1)), initial=0))
        #: One space between chunks and no other white space: spaCy's tokens are then the chunks' tokens
        #: and nothing else (any other white space is a token of its own).
        self.single_spaced = " ".join(chunks) == text
        self._present: dict[tuple[int, int], frozenset[str]] = {}  # tokens of a run of chunks

    @_once
    def starts(self) -> list[int]:
        """Where each chunk begins in the text (found when a piece is made, or when a text with other white space than single spaces needs its certain starts)."""
        chunks, text = self._chunks, self._text
        if self.single_spaced or sum(map(len, chunks)) + len(chunks) - 1 == len(text):
            # One white-space character between chunks and none around them (most texts):
            # each chunk starts one past the end of the one before, summed without a Python step.
            return list(accumulate(map(add, map(len, chunks), repeat(1)), initial=0))[:-1]
        return list(map(_MATCH_START, _CHUNK.finditer(text)))

    @_once
    def opening(self) -> list[int]:
        """The numbers of the chunks that surely open a sentence, in order (found at the first hit that needs them)."""
        return self._certain_starts()

    def has_all(self, required: tuple[frozenset[str], ...], first: int, last: int) -> bool:
        """Whether chunks ``first`` to ``last`` hold a token of every form set in ``required``."""
        key = (first, last)
        present = self._present.get(key)
        if present is None:
            chunks = self._chunks[first : last + 1]
            known = list(map(self._filter._lowered.get, chunks))  # most chunks were seen before: no call each
            if None in known:
                known = list(map(self._filter._lower_tokens, chunks))
            present = self._present[key] = frozenset().union(*known)
        for forms in required:
            if forms.isdisjoint(present):
                return False
        return True

    def could_match(self, needs: _Needs, first: int, last: int) -> bool:
        """Whether chunks ``first`` to ``last`` may hold a match: every required token, in the indicator's order.

        In a single-spaced text the indicator's ``sequence`` must be found in
        the chunks' spelled tokens (which needs every required token too);
        elsewhere white space makes tokens of its own, and only the required
        tokens are looked for.
        """
        if needs.sequence is not None and self.single_spaced:
            before = self.before
            return needs.sequence.search(self.spelled, before[first], before[last + 1] + 1) is not None
        return self.has_all(needs.required, first, last)

    def _certain_starts(self) -> list[int]:
        """The numbers of the chunks that surely open a sentence, in order."""
        text_filter, chunks = self._filter, self._chunks
        if self.single_spaced:
            # Every space is between two chunks: a chunk opens a sentence when the chunk before it ends
            # with an end mark and it begins with a letter or digit, read off each chunk's mark at once.
            try:
                marks = "".join(map(text_filter._marks.__getitem__, chunks))
            except KeyError:
                marks = "".join(map(text_filter._mark, chunks))
            return list(map(_MATCH_END, _CERTAIN.finditer(marks)))
        starts, tokens, ends = self.starts, text_filter._tokens, text_filter._ends
        found = []
        for end in map(_MATCH_END, text_filter._possible_starts.finditer(self._text)):
            chunk = bisect_right(starts, end) - 1
            if tokens(chunks[chunk - 1])[-1] in ends:
                found.append(chunk)
        return found

    def start_before(self, chunk: int, *, back: int = 0) -> int:
        """Where the last certain start at or before chunk ``chunk`` begins, or the ``back``-th certain start before that one (0: the text's start)."""
        opening = self.opening
        index = bisect_right(opening, chunk) - 1 - back
        return self.starts[opening[index]] if index >= 0 else 0

    def takes_up(self, low: int, high: int) -> bool:
        """Whether a sentence from the certain start at or before chunk ``low`` to chunk ``high`` may open on a word of :data:`~qlr.code._assertion.TAKEN_UP` ("They've", "Um, they").

        The assertion rules then read the sentences before the hit's (``_across_sentences``, stop 56), so its piece
        starts :data:`~qlr.code._assertion.EARLIER_SENTENCES` certain starts earlier: every sentence start is at or
        after a certain start, so those sentences are inside, whole, as in the whole text.
        """
        opening = self.opening
        index = bisect_right(opening, low) - 1
        begin = opening[index] if index >= 0 else 0
        # A sentence may open at ``begin`` or after any end mark, inside a chunk too ("it.They"). The rules pass over
        # any run of fillers, hesitations and clause breaks before the subject ("Well — um — they", "And cos when
        # they"), so every chunk of such a run is read, whatever its length, and a word of TAKEN_UP anywhere in one
        # counts ("Well,they"): more pieces widened than need it, never fewer.  What each chunk does to the run is
        # kept per chunk (``TextFilter._run_step``): most chunks were seen before, and read with no regex each.
        steps, step_of = self._filter._run_steps, self._filter._run_step
        state = 1  # the run is open at ``begin``
        for chunk in self._chunks[begin : high + 1]:
            state = (steps.get(chunk) or step_of(chunk))[state]
            if state == 2:
                return True
        return False

    def second_start_after(self, chunk: int, last: int) -> int:
        """Where the certain start ending the sentences the assertion rules read after chunk ``chunk`` begins, after chunk ``last`` too (the text's end if none).

        The second certain start after ``chunk`` ends the next sentence;
        each of :data:`~qlr.code._assertion.LATER_SENTENCES` more sentences takes one more.
        """
        opening = self.opening
        index = bisect_right(opening, chunk) + 1 + _LATER_SENTENCES  # the (2 + LATER_SENTENCES)th one after ``chunk``
        index = max(index, bisect_right(opening, last))
        return self.starts[opening[index]] if index < len(opening) else len(self._text)


#: A pattern operator as a regular expression quantifier (others: no sequence is written).
_QUANTIFIER = {None: "", "1": "", "?": "?", "*": "*", "+": "+"}


class _Searched:
    """An indicator's regular expression (:func:`_sequence`), written and compiled at its first :meth:`search`.

    A run searches the pattern of only the indicators whose anchors it meets
    near enough to count: at 100,000 bench words 62 of the bundled codebook's
    941, at 1,000,000 words 115.  Compiling all of them was a quarter of a
    second of every new process's first ``apply``, and re-coding after an edit
    builds the pre-filter of the new indicators only.  Writing all of them (a
    trie of every form of every token, :func:`_alternation`) was a fifth of
    building the pre-filter, so the steps are kept and written at the first
    search too (stop 58).  They are kept as tuples of strings, never as
    frozensets: the cycle collector stops walking a tuple that holds only
    strings the first time it sees it, while a set is walked at every
    collection (the bundled codebook's steps alone were some 5,900 objects
    more to walk, stop 59).

    Examples
    --------
    >>> found = _Searched(((None, ("go", "went"), None),))
    >>> found.pattern
    ' (?:(?:(?:go|went)) )'
    >>> found.search(" we went home ").span()
    (3, 9)
    >>> found.search(" we go ", 4) is None
    True
    """

    __slots__ = ("steps", "search")

    def __init__(self, steps: tuple[tuple[str | None, tuple[str, ...] | None, tuple[str, ...] | None], ...]) -> None:
        self.steps = steps

    @property
    def pattern(self) -> str:
        """The regular expression's source: each step a token as its text and the space after it."""
        parts = [" "]
        for op, forms, excluded in self.steps:
            if op == "!":
                parts.append("(?:[^ ]+ )?")
                continue
            if forms is not None:
                token = "(?:" + _alternation(forms) + ") "
            elif excluded:
                token = "(?!(?:" + _alternation(excluded) + ") )[^ ]+ "
            else:
                token = "[^ ]+ "
            parts.append(f"(?:{token}){_QUANTIFIER[op]}")
        return "".join(parts)

    def __getattr__(self, name: str) -> Any:
        # Only reached while ``search`` is unset: compile once, then the slot answers every later search.
        if name != "search":
            raise AttributeError(name)
        search = self.search = re.compile(self.pattern).search
        return search


def _sequence(steps: Sequence[tuple[Any, frozenset[str] | None, frozenset[str] | None]]) -> _Searched | None:
    """A regular expression finding an indicator in spelled tokens (``_Text.could_match``), or None.

    ``steps`` are (operator, the forms the token can take or None for any,
    lower-case words it cannot be or None).  Each token is matched as its text
    and the space after it, so a match covers whole tokens.  It finds every
    match of the indicator and perhaps more (a form set is a superset of what
    the token can be; an operator spaCy's ``!`` is any token or none).  None
    when a step has an operator no regular expression here writes, or no form.
    """
    if any(op != "!" and (op not in _QUANTIFIER or (forms is not None and not forms)) for op, forms, _ in steps):
        return None
    # Kept as tuples of strings (see ``_Searched``); a pattern writes each set's words sorted, so their order is no matter.
    return _Searched(tuple((op, None if forms is None else tuple(forms), None if excluded is None else tuple(excluded)) for op, forms, excluded in steps))


def _alternation(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, written as a trie (one branch per first character).

    The same strings as ``word1|word2|...``, so a search finds a match
    exactly where the plain alternation would; but a position where no word
    starts costs one character test instead of one per word.

    Examples
    --------
    >>> _alternation(["help", "helps", "helped", "go"])
    '(?:go|help(?:ed|s)?)'
    >>> re.fullmatch(_alternation(["a.b", "a"]), "a.b") is not None
    True
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here

    def written(node: dict[str, dict]) -> str:
        branches = []
        for character in sorted(key for key in node if key):
            literal, child = character, node[character]
            while len(child) == 1 and "" not in child:  # one way on: one literal
                (character, child), = child.items()
                literal += character
            branches.append(re.escape(literal) + written(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) > 1 else "(?:" + body + ")?"
        return body

    return written(trie)


def _excluded(token: Mapping[str, Any]) -> frozenset[str] | None:
    """The lower-case words a pattern token's ``LOWER: {NOT_IN: [...]}`` rules out (None: none)."""
    value = token.get("LOWER")
    if isinstance(value, Mapping) and set(value) == {"NOT_IN"} and isinstance(value["NOT_IN"], list):
        return frozenset(str(word).lower() for word in value["NOT_IN"])
    return None


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


@lru_cache(maxsize=1)
def _spelled_otherwise() -> dict[str, frozenset[str]]:
    """Each lower-case word :func:`~qlr.code._assertion.read_contractions` reads a token as, and the tokens it reads so.

    The matcher reads a text's lower-case words that way (:func:`~qlr.code._nlp.read_columns`: "dont" is "do"
    "n't"); the pre-filter looks for the words as the text spells them, so it looks for each spelling the reading
    turns into a word an indicator holds.  Found by reading each spelling after every auxiliary the reading knows,
    so the pair stays that one decision's.
    """
    from spacy.strings import StringStore

    from ._assertion import read_contractions

    spellings = ("nt", "n\u2019t", "\u2019m", "\u2019s", "\u2019re", "\u2019ve", "\u2019ll", "\u2019d")
    stems = "do does did ca wo ai sha is was are were have has had could would should must might need".split()
    strings = StringStore([*spellings, *stems])
    found: dict[str, set[str]] = {}
    for spelling in spellings:
        for stem in stems:
            lowers = [strings[stem], strings[spelling]]
            read = read_contractions(lowers, [0, len(stem)], [len(stem), len(stem) + len(spelling)])
            if read[1] != lowers[1]:
                found.setdefault(_string_of(read[1]), set()).add(spelling)
    return {word: frozenset(words) for word, words in found.items()}


def _string_of(hashed: int) -> str:
    """The string a hash read by :func:`~qlr.code._assertion.read_contractions` stands for (its words are in the vocabulary)."""
    return _english_strings()[hashed]


def _english_strings() -> Any:
    """English's string store: that of qlr's own pipeline, a blank English (another costs a tenth of a second or more: its tokenizer's special cases)."""
    from ._nlp import shared_pipeline

    return shared_pipeline(None).vocab.strings


def _as_written(forms: frozenset[str]) -> frozenset[str]:
    """``forms`` with every spelling a text may give them in (:func:`_spelled_otherwise`): "n't" also as "nt"."""
    otherwise = _spelled_otherwise()
    if otherwise.keys().isdisjoint(forms):
        return forms
    return forms.union(*(otherwise.get(form, ()) for form in forms))


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
        if attr == "LOWER":
            forms = _as_written(forms)  # the lower-case forms are matched as the rules read them
        if best is None or _cost(forms) < _cost(best):
            best = forms
    return best
