"""A fast path for the simple spaCy token patterns codebooks use.

spaCy's :class:`~spacy.matcher.Matcher` is the reference; it is also slow for
what codebooks hold — dozens of short patterns full of ``IN`` sets, each checked
through a Python callback at every token.  Most patterns only constrain
``LOWER``, ``LEMMA`` or ``ORTH`` with a value, ``IN`` or ``NOT_IN`` (and perhaps
the flags ``IS_TITLE`` and ``IS_PUNCT``, true or false), and use the operators
``?``, ``*`` and ``+``.  Those are compiled here: one vectorised scan per segment
finds the tokens that can start a pattern, and only there is the pattern
checked.  Patterns with anything else (``!``, ``{n}`` quantifiers, other
attributes, regular expressions) go to spaCy's Matcher unchanged; the tests check
both paths agree on every bundled pattern.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import compress, count
from typing import Any

__all__ = ["CompiledPattern", "compile_pattern", "FastPatternSet", "COLUMNS"]

#: Token attributes the fast path reads, in column order of ``doc.to_array``.
COLUMNS = ("LOWER", "LEMMA", "ORTH")
_COLUMN = {"LOWER": 0, "LEMMA": 1, "ORTH": 2, "TEXT": 2}
#: Lexeme flags a pattern may test, as two more columns after :data:`COLUMNS` (1 true, 0 false): read off each token's
#: lexeme, as spaCy's Matcher reads them, only for a text where a pattern testing one is tried (:meth:`FastPatternSet.find`).
FLAGS = ("IS_TITLE", "IS_PUNCT")
_FLAG_COLUMN = {flag: len(COLUMNS) + number for number, flag in enumerate(FLAGS)}
_OPS = {None: "1", "1": "1", "?": "?", "*": "*", "+": "+"}

Predicate = tuple[int, bool, frozenset[int]]  # column, negated (NOT_IN), hashes


class CompiledPattern:
    """A token pattern as (operator, predicates) steps over hashed token columns.

    Matching starts at the pattern's rarest step (its *anchor*, an exactly-once
    step) and works outwards: the steps before it are matched leftwards, the
    steps after it rightwards, so a pattern is only ever tried where its rarest
    word occurs.
    """

    __slots__ = ("key", "steps", "anchor", "trigger", "guards", "flags")

    def __init__(self, key: int, steps: list[tuple[str, list[Predicate]]], anchor: int) -> None:
        self.key = key
        self.steps = steps
        self.anchor = anchor
        #: Whether a step tests a lexeme flag (:data:`FLAGS`): the columns must then hold the flag columns.
        self.flags = any(column >= len(COLUMNS) for _, predicates in steps for column, _, _ in predicates)
        column, _, values = next(p for p in steps[anchor][1] if not p[1] and p[0] < len(COLUMNS))
        #: (column, hashes) that a token must have for the anchor step to match it.
        self.trigger = (column, values)
        #: (offset from the anchor, predicates) of the runs of exactly-once steps on
        #: either side of it, which sit at fixed offsets: most anchor hits fail there,
        #: and checking them first skips the full walk.
        guards = []
        for direction in (1, -1):
            step = anchor + direction
            while 0 <= step < len(steps) and steps[step][0] == "1":
                guards.append((step - anchor, steps[step][1]))
                step += direction
        self.guards = tuple(sorted(guards, key=lambda guard: abs(guard[0])))

    def excluded(self, columns: Sequence[Sequence[int]], position: int) -> bool:
        """Whether a step next to the anchor already fails at ``position`` (so no match can start there)."""
        n = len(columns[0])
        for offset, predicates in self.guards:
            index = position + offset
            if not 0 <= index < n:
                return True
            for column, negated, values in predicates:
                if (columns[column][index] in values) == negated:
                    return True
        return False

    def spans(self, columns: Sequence[Sequence[int]], position: int) -> set[tuple[int, int]]:
        """Every (start, end) of a match whose anchor step matches the token at ``position``.

        ``columns`` holds one list of hashes per attribute of :data:`COLUMNS`.
        """
        steps = self.steps
        n = len(columns[0])

        def ok(predicates: list[Predicate], index: int) -> bool:
            for column, negated, values in predicates:
                if (columns[column][index] in values) == negated:
                    return False
            return True

        if not ok(steps[self.anchor][1], position):
            return set()

        def reach(token: int, step: int, direction: int, stop: int) -> set[int]:
            # Steps are taken from the anchor outwards, all the tokens a step can be read at together: ``at`` holds
            # the next token to read for every way through the steps so far.  At the last step, where each way ends.
            at = {token}
            while step != stop and at:
                op, predicates = steps[step]
                read = {index + direction for index in at if 0 <= index < n and ok(predicates, index)}
                if op == "1":
                    at = read
                elif op == "?":
                    at = at | read
                else:  # "*": none, or as many tokens in a row as the step reads
                    more = read - at
                    at = at | read
                    while more:
                        more = {index + direction for index in more if 0 <= index < n and ok(predicates, index)} - at
                        at |= more
                step += direction
            return at

        ends = reach(position + 1, self.anchor + 1, 1, len(steps))
        if not ends:
            return set()
        befores = reach(position - 1, self.anchor - 1, -1, -1)
        return {(before + 1, end) for before in befores for end in ends if end > before + 1}


def compile_pattern(key: int, pattern: Sequence[Mapping[str, Any]], strings: Any) -> CompiledPattern | None:
    """Compile a pattern for the fast path, or return ``None`` if it needs spaCy's Matcher."""
    steps: list[tuple[str, list[Predicate]]] = []
    for token in pattern:
        op = token.get("OP")
        if op not in _OPS:
            return None
        predicates: list[Predicate] = []
        for attr, value in token.items():
            if attr == "OP":
                continue
            if attr in _FLAG_COLUMN and isinstance(value, bool):  # IS_TITLE: true
                predicates.append((_FLAG_COLUMN[attr], False, frozenset([int(value)])))
                continue
            column = _COLUMN.get(attr)
            if column is None:
                return None
            fold = (lambda v: str(v).lower()) if attr in ("LOWER", "LEMMA") else str
            if isinstance(value, str):
                predicates.append((column, False, frozenset([strings.add(fold(value))])))
            elif isinstance(value, Mapping) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
                (kind, items), = value.items()
                if not isinstance(items, list):
                    return None
                predicates.append((column, kind == "NOT_IN", frozenset(strings.add(fold(v)) for v in items)))
            else:
                return None
        if _OPS[op] == "+":  # one, then any number more
            steps.append(("1", predicates))
            steps.append(("*", predicates))
        else:
            steps.append((_OPS[op], predicates))

    # The anchor is the rarest exactly-once step with a positive constraint:
    # anchoring on frequent words ("have", "it") would try the pattern everywhere.
    # A flag (a column after COLUMNS) is no word: it can be neither the anchor nor the trigger.
    def frequency(step: tuple[str, list[Predicate]]) -> float:
        return min(sum(word_frequency(strings[v]) for v in values) for column, negated, values in step[1] if not negated and column < len(COLUMNS))

    candidates = [i for i, (op, predicates) in enumerate(steps) if op == "1" and any(not p[1] and p[0] < len(COLUMNS) for p in predicates)]
    if not candidates:
        return None  # nothing a match must contain: leave it to spaCy
    anchor = min(candidates, key=lambda i: frequency(steps[i]))
    # Put the rarest positive predicate first so that it is the trigger.
    op, predicates = steps[anchor]
    predicates = sorted(predicates, key=lambda p: (p[1], p[0] >= len(COLUMNS), 0.0 if p[0] >= len(COLUMNS) else sum(word_frequency(strings[v]) for v in p[2])))
    steps[anchor] = (op, predicates)
    return CompiledPattern(key, steps, anchor)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from .._words import english_log_frequencies  # the one reading of word_frequencies.tsv

    return {word: math.exp(log_probability) for word, log_probability in english_log_frequencies().items()}


#: The frequency a word outside the top 3,000 counts as having.
_RARE = math.exp(-13.0)


def word_frequency(word: str) -> float:
    """Relative frequency of an English word (words outside the top 3,000 count as rare)."""
    return _frequencies().get(word.lower(), _RARE)


def among_english_commonest(word: str) -> bool:
    """Whether a word is one of English's 3,000 most frequent (``word_frequencies.tsv``).

    Examples
    --------
    >>> among_english_commonest("together"), among_english_commonest("juntas")
    (True, False)
    """
    return word.lower() in _frequencies()


class FastPatternSet:
    """Compiled patterns, indexed by the words that can start them.

    ``vocab``: the vocabulary whose lexemes give the flag columns (:data:`FLAGS`) of a text given as
    :data:`COLUMNS` alone (:meth:`find`); a Doc (``__call__``) gives its own.
    """

    def __init__(self, vocab: Any = None) -> None:
        self.patterns: list[CompiledPattern] = []
        self._by_trigger: list[dict[int, list[CompiledPattern]]] = [{} for _ in COLUMNS]
        self._by_key: dict[int, CompiledPattern] = {}
        self._vocab = vocab
        self._flags_of: dict[int, tuple[int, int]] = {}  # ORTH hash -> its lexeme's flags, as 1 or 0

    def add(self, pattern: CompiledPattern) -> None:
        self.patterns.append(pattern)
        self._by_key[pattern.key] = pattern
        column, values = pattern.trigger
        for value in values:
            self._by_trigger[column].setdefault(value, []).append(pattern)

    def __len__(self) -> int:
        return len(self.patterns)

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """``(key, start, end)`` for every match in ``doc``, like spaCy's Matcher."""
        from spacy.attrs import IS_PUNCT, IS_TITLE, LEMMA, LOWER, ORTH

        if not self.patterns or not len(doc):
            return []
        table = doc.to_array([LOWER, LEMMA, ORTH, IS_TITLE, IS_PUNCT])
        return self.find([table[:, column].tolist() for column in range(len(COLUMNS) + len(FLAGS))])

    def _with_flags(self, columns: Sequence[Sequence[int]]) -> Sequence[Sequence[int]]:
        """``columns`` with the flag columns after them (each token's lexeme's, by its ORTH hash), if they lack them."""
        if len(columns) > len(COLUMNS):
            return columns
        if self._vocab is None:
            raise ValueError("a pattern tests a lexeme flag: FastPatternSet(vocab) is needed to read the flags of hash columns")
        known = self._flags_of
        for orth in set(columns[_COLUMN["ORTH"]]).difference(known):
            lexeme = self._vocab[orth]
            known[orth] = (int(lexeme.is_title), int(lexeme.is_punct))
        flags = list(map(known.__getitem__, columns[_COLUMN["ORTH"]]))
        return (*columns, *(list(column) for column in zip(*flags))) if flags else (*columns, [], [])

    def find(self, columns: Sequence[Sequence[int]], *, only: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
        """Matches in one Doc given as its :data:`COLUMNS` hash lists (what ``__call__`` reads).

        ``only``: the keys of the patterns to try (the others are known not to match); None: all.
        """
        matches = []
        if only is not None:
            # A few patterns: each scans the column of its trigger, no index of them all.
            for key in only:
                pattern = self._by_key.get(key)
                if pattern is None:
                    continue
                if pattern.flags:
                    columns = self._with_flags(columns)
                column, triggers = pattern.trigger
                for position in compress(count(), map(triggers.__contains__, columns[column])):
                    if not pattern.excluded(columns, position):
                        matches.extend((key, start, end) for start, end in pattern.spans(columns, position))
            return matches
        for values, triggers in zip(columns, self._by_trigger):
            if not triggers or triggers.keys().isdisjoint(values):
                continue
            for position in compress(count(), map(triggers.__contains__, values)):
                for pattern in triggers[values[position]]:
                    if pattern.flags:
                        columns = self._with_flags(columns)
                    if pattern.excluded(columns, position):
                        continue
                    for start, end in pattern.spans(columns, position):
                        matches.append((pattern.key, start, end))
        return matches
