"""Words a codebook's lemma lists name that qlr's own pipeline reads as another lemma.

A token pattern's ``LEMMA`` step is compared with each token's lemma, which qlr's
offline pipeline looks up by the lower-cased word (``spacy-lookups-data``'s English
table, :func:`~qlr.code._prefilter.lemma_table`).  A word written there whose own
lemma differs ("meeting", read as "meet"; "thought", read as "think") never matches
itself: the step finds no "meeting" anywhere, and a ``NOT_IN`` step lets it through.
The list is left as written: "meet" in its place would find "met" and "meets" too,
which is a different indicator, so only its author can say which they meant.  Every
such word is said, once per coding run (:func:`warn_lemma_slips`, from
``study.apply`` and ``qlr validate --codebook``), with the two fixes.

A word whose lemma is in the same list too ("agenda" beside "agendum", "mornings"
beside "morning") is found through it and is not named.  A trained spaCy model
(``study.apply(model=...)``) gives lemmas by context, so nothing is said there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .._warned import warn
from .._words import first_few, number_of
from ..errors import LemmaListWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook

__all__ = ["unmatchable_lemmas", "warn_lemma_slips"]

_COLUMNS = ["code_id", "indicator", "token", "step", "word", "lemma"]

#: What :func:`unmatchable_lemmas` found, by the fingerprints of a codebook's indicators in its order (each names its
#: code, its pattern and the assertion rules, so the same tuple is the same walk): a codebook applied again is not
#: walked again (13-35 ms for the bundled one). The last few are kept.
_FOUND: OrderedDict[tuple[str, ...], pd.DataFrame] = OrderedDict()
_FOUND_KEPT = 8
_FINDING = threading.Lock()  # Dask runs tasks in threads of one process too


def unmatchable_lemmas(codebook: Codebook) -> pd.DataFrame:
    """The words of a codebook's lemma lists that qlr's own pipeline never matches as written.

    A pattern step ``{LEMMA: word}`` or ``{LEMMA: {IN: [...]}}`` compares a token's lemma, and qlr's lemma of a word
    is looked up by its lower-case form; a word whose lemma is another ("meeting" → "meet") can never match itself
    there, and in a ``NOT_IN`` list never keeps itself out.  A word whose lemma the same list also names is found
    through that one and is not listed.

    Parameters
    ----------
    codebook : Codebook
        The codebook.

    Returns
    -------
    DataFrame
        One row per such word: ``code_id``, ``indicator`` (its place among the code's indicators, from 1),
        ``token`` (its place in the pattern, from 1), ``step`` (``LEMMA``, ``IN`` or ``NOT_IN``), ``word``
        (as written) and ``lemma`` (what qlr reads it as).  Empty for the bundled codebooks.

    Examples
    --------
    >>> import qlr
    >>> cb = qlr.Codebook.from_yaml(
    ...     "{name: Meetings, themes: [{id: t, name: T}], codes: [{id: t.chair, name: Chairing, parent: t,"
    ...     " indicators: [{pattern: [{LEMMA: chair}, {LOWER: the}, {LEMMA: {IN: [meeting, forum]}}]}]}]}")
    >>> qlr.code.unmatchable_lemmas(cb)[["code_id", "indicator", "token", "word", "lemma"]]
       code_id  indicator  token     word lemma
    0  t.chair          1      3  meeting  meet
    >>> len(qlr.code.unmatchable_lemmas(qlr.read_codebook("coproduction")))
    0
    """
    from ._prefilter import lemma_table

    table = lemma_table()
    rows = []
    for code in codebook:
        for number, indicator in enumerate(code.indicators, start=1):
            for place, token in enumerate(indicator.pattern or (), start=1):
                value = token.get("LEMMA")
                if isinstance(value, str):
                    lists = [("LEMMA", [value])]
                elif isinstance(value, Mapping):  # IN and NOT_IN (both may be given); a REGEX or FUZZY names no word
                    lists = [(step, words) for step, words in value.items() if step in ("IN", "NOT_IN") and isinstance(words, (list, tuple))]
                else:
                    continue
                for step, words in lists:
                    # Lemmas are looked up by the lower-case word (qlr_lemmatizer); a word missing from the table is its own.
                    read = [(word, lower, table.get(lower, lower)) for word, lower in ((str(word), str(word).lower()) for word in words)]
                    differ = [(word, lemma) for word, lower, lemma in read if lemma != lower]
                    if differ:  # most steps name no such word: the step's own words are gathered only for those that do
                        listed = {lower for _, lower, _ in read}
                        rows.extend((code.id, number, place, step, word, lemma) for word, lemma in differ if lemma not in listed)
    return pd.DataFrame(rows, columns=_COLUMNS).astype({"indicator": "int64", "token": "int64"})


def warn_lemma_slips(codebook: Codebook, *, fingerprints: Sequence[str] | None = None) -> pd.DataFrame:
    """Give one :class:`~qlr.errors.LemmaListWarning` naming every word :func:`unmatchable_lemmas` finds (none: nothing said).

    ``fingerprints``: each indicator's fingerprint in the codebook's order (``apply_codebook`` has them); given, what
    was found is kept by them, and the same indicators again are not walked again (the warning is given each time).
    Returns what it found (a copy).
    """
    from ._prefilter import lemma_forms

    key = None if fingerprints is None else tuple(fingerprints)
    with _FINDING:
        found = _FOUND.get(key) if key is not None else None
        if key is not None and found is not None:
            _FOUND.move_to_end(key)
    if found is None:
        found = unmatchable_lemmas(codebook)
        if key is not None:
            with _FINDING:
                _FOUND[key] = found
                while len(_FOUND) > _FOUND_KEPT:
                    _FOUND.popitem(last=False)
    found = found.copy()
    if found.empty:
        return found
    where = f"codebook {codebook.id!r}" + (f" ({codebook.source})" if codebook.source and codebook.source != "<codebook>" else "")
    said = [
        f"{row.code_id!r} indicator {row.indicator} token {row.token}{' (NOT_IN)' if row.step == 'NOT_IN' else ''}: "
        f"{row.word!r} is read as {row.lemma!r}"
        for row in found.itertuples(index=False)
    ]
    first = found.iloc[0]
    own = sorted(lemma_forms(first.word.lower()))  # the word and what the table reads as it ("meetings")
    others = sorted(lemma_forms(first.lemma) - set(own))  # what the lemma would find besides ("meet", "meets", "met")
    warn(
        f"{where}: {number_of(len(found), 'word')} of its lemma lists can never match as written: qlr reads each word as another "
        f"lemma, so the step finds no text with that word{' (a NOT_IN step never keeps it out)' if (found['step'] == 'NOT_IN').any() else ''}: "
        f"{first_few(said, shown=12, sep='; ')}. Fix each as its author meant it, e.g. add the lemma {first.lemma!r} beside "
        f"{first.word!r} (it also finds {', '.join(map(repr, others)) or 'no other form'}"
        + (f"; to keep those out, give the same step LOWER: {{NOT_IN: [{', '.join(others)}]}}" if others else "")
        + f"), or match the word as written in an indicator of its own, {{LOWER: {{IN: [{', '.join(own)}]}}}}. "
        "qlr.code.unmatchable_lemmas(codebook) lists them",
        LemmaListWarning,
    )
    return found

