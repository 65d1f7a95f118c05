"""Rule-based coding: apply a codebook's indicators to a study's segments."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache, partial
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._collector import KeptObjects
from .._ids import coding_id
from .._progress import track
from .._rows import replace_rows
from .._warned import warn
from .._words import COMMON_WORDS as _COMMON_WORDS  # the languages' commonest words live with what a word is
from .._words import SHARED_WITH_ENGLISH as _SHARED_WITH_ENGLISH
from .._words import first_few
from ..errors import QlrWarning

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..codebook import Codebook, Indicator
    from ..study import Study
    from ._assertion import AssertionRules
    from ._nlp import Match, TokenColumns
    from ._prefilter import TextFilter

__all__ = ["apply_codebook", "coding_id", "eligible_segments", "DocCache", "DOC_CACHE"]

_UNITS = ("sentence", "segment")


#: What :meth:`DocCache.matches` gives for a text never matched (shared: callers never change it).
_NOTHING_MATCHED: tuple[frozenset[str], list[Match]] = (frozenset(), [])


class DocCache:
    """Each text's matches, and (with a trained pipeline) its parse, kept between runs.

    Results are keyed by pipeline fingerprint and text hash.  Each text keeps the
    matches already found for each indicator (by indicator fingerprint), so
    re-coding after a codebook edit matches only indicators that are new or
    changed; with qlr's own pipeline the pre-filter then tokenises only the
    sentences those can match, so no parse needs keeping.  A trained pipeline's
    parses are kept too, at most ``max_tokens`` tokens of them, and the matches
    of at most ``max_texts`` texts (least recently used dropped first).

    Threads coding at once share one (``DOC_CACHE``): each change is made under a lock, so one thread never moves
    or drops an entry another is dropping, nor miscounts the tokens kept (stop 59).
    """

    def __init__(self, max_tokens: int = 5_000_000, max_texts: int = 2_000_000) -> None:
        self.max_tokens = max_tokens
        self.max_texts = max_texts
        self._docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
        self._matches: OrderedDict[tuple[str, str], tuple[frozenset[str], list[Match]]] = OrderedDict()
        self._tokens = 0
        self._changing = threading.Lock()

    def get(self, key: tuple[str, str]) -> Doc | None:
        with self._changing:
            doc = self._docs.get(key)
            if doc is not None:
                self._docs.move_to_end(key)
            return doc

    def put(self, key: tuple[str, str], doc: Doc) -> None:
        with self._changing:
            if key in self._docs:
                return
            self._docs[key] = doc
            self._tokens += len(doc)
            while self._tokens > self.max_tokens and self._docs:
                _, old = self._docs.popitem(last=False)
                self._tokens -= len(old)

    def matches(self, key: tuple[str, str]) -> tuple[frozenset[str], list[Match]]:
        """(indicator fingerprints already matched, their matches) for a text."""
        return self._matches.get(key, _NOTHING_MATCHED)

    def set_matches(self, key: tuple[str, str], done: frozenset[str], found: list[Match]) -> None:
        with self._changing:
            self._matches[key] = (done, found)
            self._matches.move_to_end(key)
            while len(self._matches) > self.max_texts:
                self._matches.popitem(last=False)

    def clear(self) -> None:
        with self._changing:
            self._docs.clear()
            self._matches.clear()
            self._tokens = 0

    def __len__(self) -> int:
        with self._changing:  # read whole: another thread's change would stop the walk of a key view
            return len(self._docs.keys() | self._matches.keys())


class _Tally:
    """How much of the text a run tokenised."""

    def __init__(self) -> None:
        self.texts = 0  # texts with anything tokenised
        self.characters = 0  # characters of every text matched
        self.tokenised = 0  # characters handed to spaCy

    @property
    def share(self) -> float:
        return self.tokenised / self.characters if self.characters else 0.0


_BUILT: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_BUILDING = threading.Lock()  # Dask runs tasks in threads of one process too


def _cached(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """A matcher or pre-filter built once per pipeline and indicator set (the last few kept)."""
    with _BUILDING:
        if key not in _BUILT:
            _BUILT[key] = build()
            while len(_BUILT) > 8:
                _BUILT.popitem(last=False)
        _BUILT.move_to_end(key)
        return _BUILT[key]


def text_filter_for(nlp: Language, chosen: list[tuple[str, Any]], *, fingerprints: frozenset[str]) -> TextFilter:
    """The pre-filter for these indicators (``fingerprints`` name them), built once per pipeline and set."""
    from ._prefilter import TextFilter

    return _cached(("filter", nlp, fingerprints), lambda: TextFilter(nlp, chosen))


def _matching_for(
    nlp: Language,
    codebook: Codebook,
    rules: AssertionRules,
    needed: frozenset[str],
    *,
    model: str | None,
    indicators: Mapping[str, tuple[str, Any]] | None = None,
) -> tuple[Any, TextFilter | None]:
    """The matcher and pre-filter for the indicators ``needed`` names (built once per pipeline and set).

    ``indicators``: each indicator of ``codebook`` by its fingerprint under ``rules``, when the caller has them.
    """
    from ._nlp import CodebookMatcher, indicator_fingerprint

    if indicators is None:
        rules_fingerprint = rules.fingerprint
        indicators = {indicator_fingerprint(code.id, ind, rules_fingerprint): (code.id, ind) for code in codebook for ind in code.indicators}
    chosen = [indicators[f] for f in sorted(needed)]
    # qlr's own pipeline (no model) looks lemmas up by the lower-case word: phrases are matched on lemmas alone.
    matcher = _cached(("matcher", nlp, needed), lambda: CodebookMatcher(nlp, codebook, indicators=chosen, assertion_rules=rules, lemmas_of_lower=model is None))
    # The pre-filter predicts the lemmas of qlr's own pipeline only.
    text_filter = text_filter_for(nlp, chosen, fingerprints=needed) if model is None else None
    return matcher, text_filter


def code_batch(
    model: str | None, codebook: Codebook, needed: frozenset[str], texts: list[str], observed: Sequence[bool] = ()
) -> tuple[list[list[Match]], tuple[int, int, int]]:
    """What a worker process or Dask task does: each text's matches, and how much was tokenised.

    The pipeline, matcher and pre-filter are built once per worker and kept.
    ``observed``: which texts are observers' field notes (none when empty).
    Returns the matches (code, indicator, offsets, assertion status: what a
    coding row is made of) and (texts parsed, characters, characters tokenised).
    """
    from ._nlp import shared_pipeline

    nlp = shared_pipeline(model)
    matcher, text_filter = _matching_for(nlp, codebook, assertion_rules(nlp, codebook), needed, model=model)
    tally = _Tally()
    keys = [("", str(i)) for i in range(len(texts))]
    found = list(match_texts(nlp, matcher, texts, text_filter=text_filter, keys=keys, observed=observed or None, tally=tally))
    return found, (tally.texts, tally.characters, tally.tokenised)


def _in_workers(
    model: str | None,
    codebook: Codebook,
    needed: frozenset[str],
    texts: list[str],
    *,
    observed: list[bool],
    n_process: int,
    scheduler: Any,
    tally: _Tally,
) -> Iterator[list[Match]]:
    """Each text's matches, coded in batches by ``n_process`` local processes or on a Dask cluster, in order."""
    from collections import deque

    workers = n_process if scheduler is None else max(1, len(scheduler.scheduler_info().get("workers", ())) or 1)
    # A few batches per worker: enough to keep each busy, few enough to cost little to send.
    size = min(2000, max(50, -(-len(texts) // (4 * workers))))
    executor = None
    if scheduler is None:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=n_process)
        submit = executor.submit
    else:
        codebook = scheduler.scatter(codebook, broadcast=True)  # sent once, not with every batch
        submit = partial(scheduler.submit, pure=False)
    try:
        pending: deque[Any] = deque()
        for at in range(0, len(texts), size):
            pending.append(submit(code_batch, model, codebook, needed, texts[at : at + size], observed[at : at + size]))
            if len(pending) > 2 * workers:  # bounded: only a few batches are in flight at once
                yield from _collect(pending.popleft(), tally)
        while pending:
            yield from _collect(pending.popleft(), tally)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


def _collect(future: Any, tally: _Tally) -> list[list[Match]]:
    found, (texts, characters, tokenised) = future.result()
    tally.texts += texts
    tally.characters += characters
    tally.tokenised += tokenised
    return found


def match_texts(
    nlp: Language,
    matcher: Any,
    texts: Iterable[str],
    *,
    text_filter: TextFilter | None,
    batch_size: int = 128,
    cache: DocCache | None = None,
    keys: Sequence[tuple[str, str]] = (),
    observed: Iterable[bool] | None = None,
    tally: _Tally | None = None,
) -> Iterator[list[Match]]:
    """Each text's matches, in order, tokenising only the pieces ``text_filter`` leaves.

    With qlr's own pipeline those pieces are read as token columns from the filter's
    chunks (``TokenColumns``), and only a piece that may hold a pattern spaCy's Matcher
    runs is made into a Doc.

    Without a filter (a trained pipeline) every text is parsed whole, and parses
    are taken from and kept in ``cache`` under ``keys``.  ``observed``, one flag
    per text: which are observers' field notes (None: none).
    """
    tally = tally if tally is not None else _Tally()
    flags = iter(observed) if observed is not None else repeat(False)
    if text_filter is None:
        texts = list(texts)
        noted = list(islice(flags, len(texts)))
        yield from _match_whole(nlp, matcher, texts, keys=keys, observed=noted, cache=cache or DocCache(), batch_size=batch_size, tally=tally)
        return
    # With qlr's own pipeline a piece's tokens are read from the pre-filter's chunks (``TokenColumns``),
    # never made into a Doc, unless an indicator only spaCy's Matcher runs may match in it.
    columns = token_columns_for(nlp, text_filter) if matcher.reads_tokens else None
    texts = iter(texts)
    while batch := list(islice(texts, _TEXTS_PER_BATCH)):
        plans = [text_filter.pieces_for(text) for text in batch]
        by_doc = [[columns is None or matcher.needs_doc(candidates) for _, _, candidates in plan] for plan in plans]
        docs = nlp.pipe(
            (text[start:end] for text, plan, marks in zip(batch, plans, by_doc) for (start, end, _), mark in zip(plan, marks) if mark),
            batch_size=batch_size,
        )
        for text, plan, marks, note in zip(batch, plans, by_doc, islice(flags, len(batch))):
            tally.characters += len(text)
            tally.texts += bool(plan)
            found: list[Match] = []
            for (start, end, candidates), mark in zip(plan, marks):
                tally.tokenised += end - start
                # The filter and the matcher are built from the same indicator list (``_matching_for``).
                if mark:
                    found.extend(match.shifted(start) for match in matcher(next(docs), only=candidates, observed=note))
                else:  # the matches come in the text's offsets
                    found.extend(matcher.match_tokens(columns.of(text[start:end]), only=candidates, observed=note, offset=start))
            yield found


def token_columns_for(nlp: Language, text_filter: TextFilter) -> TokenColumns:
    """Token columns of texts as ``nlp`` (qlr's own pipeline) makes them, from ``text_filter``'s chunks (built once per filter)."""
    from ._nlp import TokenColumns

    return _cached(("columns", nlp, text_filter), lambda: TokenColumns(nlp, text_filter.chunk_tokens))


#: Texts whose pieces go to spaCy together (a bound on what one batch holds).
_TEXTS_PER_BATCH = 512


def _match_whole(
    nlp: Language,
    matcher: Any,
    texts: list[str],
    *,
    keys: Sequence[tuple[str, str]],
    observed: list[bool],
    cache: DocCache,
    batch_size: int,
    tally: _Tally,
) -> Iterator[list[Match]]:
    missing = {key: text for key, text in zip(keys, texts) if cache.get(key) is None}
    for key, doc in zip(missing, nlp.pipe(missing.values(), batch_size=batch_size)):
        cache.put(key, doc)
    tally.texts += len(missing)
    for key, text, note in zip(keys, texts, observed):
        tally.characters += len(text)
        tally.tokenised += len(text)
        doc = cache.get(key)
        if doc is None:  # evicted between parsing and matching: parse again
            doc = nlp(text)
            cache.put(key, doc)
        yield matcher(doc, observed=note)


#: Texts whose matches are written to the disk cache in one transaction.
_SAVED_AT_ONCE = 5000
#: Texts coded between two calls of ``KeptObjects.keep`` (each walks what was made since the last).
_KEPT_EVERY = 20_000

#: Marks an observer's field note in its text key (no text holds it).
_OBSERVED = "\x00observer\x00"

#: The process-wide parse cache used by :func:`apply_codebook`.
DOC_CACHE = DocCache()


def eligible_segments(study: Study, *, include_interviewer: bool = False) -> pd.DataFrame:
    """The segments rule-based coding looks at.

    Interviewer turns are left out (a question that says "reciprocal" is not
    evidence), and so is text before the first speaker label of a transcript (a
    header line).  Notes entries and document paragraphs are kept.

    Parameters
    ----------
    study : Study
        The study.
    include_interviewer : bool
        Keep interviewer turns too.

    Returns
    -------
    DataFrame
        Rows of ``study.segments``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> segments = qlr.code.eligible_segments(study)
    >>> len(segments), len(study.segments)
    (871, 1734)
    >>> "interviewer" in set(segments["speaker_role"].dropna())
    False
    >>> len(qlr.code.eligible_segments(study, include_interviewer=True))
    1674
    """
    from ..io._segment import coded_segments  # the decision lives beside the roles it reads

    segments = study.segments
    return segments[coded_segments(segments, include_interviewer=include_interviewer)]


@lru_cache(maxsize=8)
def _bundled_rules(nlp: Language, language: str = "en") -> AssertionRules:
    from ._assertion import RULES_PATHS, AssertionRules, read_rules

    return AssertionRules(nlp) if language == "en" else AssertionRules(nlp, read_rules(RULES_PATHS[language]))


def assertion_rules(nlp: Language, codebook: Codebook | None = None) -> AssertionRules:
    """The assertion rules rule coding uses: the bundled ones of the codebook's language (built once per pipeline), and the codebook's own."""
    added = tuple(tuple(sorted(rule.items())) for rule in getattr(codebook, "assertion", ()) or ())
    language = getattr(codebook, "assertion_language", "en")
    return _with_codebook_rules(nlp, added, language) if added else _bundled_rules(nlp, language)


@lru_cache(maxsize=8)
def _with_codebook_rules(nlp: Language, added: tuple[tuple[tuple[str, Any], ...], ...], language: str = "en") -> AssertionRules:
    """``_bundled_rules(nlp, language).extended(added)``, built once: the bundled rules' tables are not built first
    (half of what a new process spent on the rules before coding a word)."""
    from ._assertion import RULES_PATHS, AssertionRules, Rule, check_rule, read_rules

    return AssertionRules(nlp, [*read_rules(RULES_PATHS[language]), *(check_rule(Rule(**dict(rule))) for rule in added)])


def _questions_before(study: Study, segments: pd.DataFrame, doc_text: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """For each segment, the text of the interviewer turn just before it in its document (if that is one), cut from
    ``doc_text`` (each document's text as the coding step reads it, :func:`text_as_matched`).

    Second, for those segments, the text of the turn before that question when
    the same speaker said it: what the interviewer may be echoing ("… we
    deliver it fifty-fifty." / "What does fifty-fifty mean in practice?").
    """
    columns = ["seg_id", "doc_id", "start", "end", "speaker_role"] + (["speaker"] if "speaker" in study.segments.columns else [])
    every = study.segments[columns].sort_values(["doc_id", "start"], kind="stable")
    previous = every.shift(1)
    asked = (previous["doc_id"] == every["doc_id"]).fillna(False) & (previous["speaker_role"] == "interviewer").fillna(False)
    asked &= every["seg_id"].isin(segments["seg_id"]).to_numpy()
    if not asked.any():
        return {}, {}
    chosen = previous[asked]
    questions = {
        seg_id: doc_text[doc_id][int(start) : int(end)]
        # Columns as lists: iterating a Series costs a pandas call per value.
        for seg_id, doc_id, start, end in zip(*(column.tolist() for column in (every.loc[asked, "seg_id"], chosen["doc_id"], chosen["start"], chosen["end"])))
    }
    said = {}
    if "speaker" in every.columns:
        before = every.shift(2)
        same = asked & (before["doc_id"] == every["doc_id"]).fillna(False) & (before["speaker"] == every["speaker"]).fillna(False)
        same &= every["speaker"].notna()
        earlier = before[same]
        said = {
            seg_id: doc_text[doc_id][int(start) : int(end)]
            for seg_id, doc_id, start, end in zip(*(column.tolist() for column in (every.loc[same, "seg_id"], earlier["doc_id"], earlier["start"], earlier["end"])))
        }
    return questions, said


def _prompting_codes(matches: Sequence[Match], question: str, said_codes: set[str]) -> set[str]:
    """The codes a question puts to the participant: those it matches, less those it only asks the participant to say more about.

    An interviewer who asks an open question about the participant's own word
    ("What does fifty-fifty mean in practice?" after "we deliver it
    fifty-fifty") prompts nothing: the participant brought the code in (a
    fifth new user's trial).  So a match is no prompt when its sentence is an
    open question, no sentence of the turn asks for a yes or no ("So are you
    equal partners? What's that like?" does), and the same speaker's turn
    before the question has the code affirmed (``said_codes``), not denied or
    someone else's, in whatever words ("we decided together" before "How do
    you decide together?").
    """
    if not said_codes:
        return {m.code_id for m in matches}
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.?!]+[.?!]*", question)]
    if any(_CLOSED_QUESTION.match(question[a:b]) and not _OPEN_QUESTION.match(question[a:b]) for a, b in sentences):
        return {m.code_id for m in matches}

    def echoed(match: Match) -> bool:
        sentence = next((question[a:b] for a, b in sentences if a <= match.start < b), "")
        return match.code_id in said_codes and bool(_OPEN_QUESTION.match(sentence))

    return {m.code_id for m in matches if not echoed(m)}


_OPENING = r"\s*[\W_]*(?:(?:ok(?:ay)?|right|so|and|mm+|yeah|great)\W+)*"
#: An open question, one asking the participant to say more ("What does fifty-fifty mean?", "Tell me about the rota").
_OPEN_QUESTION = re.compile(
    _OPENING + r"(?:what|how|why|in what way|tell me|talk me through|describe|explain|(?:can|could|would) you (?:tell|describe|explain|talk|say (?:more|a bit|a little|something)))\b",
    re.IGNORECASE,
)
#: A question asking for a yes or no ("Do you run the rota?", "So you share it?"): its yes stays prompted.
_CLOSED_QUESTION = re.compile(
    _OPENING + r"(?:do|does|did|is|are|was|were|have|has|can|could|would|will|should|you|it's|that's)\b[^?]*\?", re.IGNORECASE
)


def _say_other_key(store: Any, asked: int) -> None:
    """Warn once when texts' cached entries were there but written under another key, so they were coded again.

    The check is not weakened: an entry is trusted only under this user's key. A file whose only writer is this key
    (an entry altered or damaged) is recomputed without a word, as before; one another key wrote to says so, with
    where, how many, why and how to make them readable.
    """
    from ._matchcache import key_path

    others = store.other_writers()
    if not others:
        return
    n = len(store.refused)
    warn(
        f"{store.folder}: {n:,} of the {asked:,} texts looked up there have matches cached by a run under another key "
        f"({others} other {'key' if others == 1 else 'keys'} wrote to this cache), so they were not read and were coded again: "
        f"an entry is trusted only when its checksum holds under this user's key, {key_path()}. "
        "Fix: code under the same cache home as the run that wrote them (the same XDG_CACHE_HOME, or user); "
        "this run's entries replace them, under your key, so your next run with this cache= folder reads them (and a run under the other key codes again)",
        QlrWarning,
    )


def _pieces(text: str, start: int, end: int, longest: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into spans of at most ``longest`` characters, at a line or sentence end where one is near.

    Examples
    --------
    >>> _pieces("One. Two. Three.", 0, 16, 10)
    [(0, 9), (9, 16)]
    >>> _pieces("short", 0, 5, 10)
    [(0, 5)]
    """
    pieces = []
    while end - start > longest:
        window = text[start : start + longest]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("? "), window.rfind("! "))
        stop = start + (cut + 1 if cut > longest // 2 else longest)
        pieces.append((start, stop))
        start = stop
    pieces.append((start, end))
    return pieces


#: The languages' names in the warning.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "it": "Italian", "de": "German", "nl": "Dutch", "hu": "Hungarian"}
#: Below this share of the rules' language's commonest words, and with this share of the other languages' ones,
#: a document is taken for another language.
_ENGLISH_SHARE = 0.15
_OTHER_SHARE = 0.10
_WORD = re.compile(r"[^\W\d_]+")
#: A word whose first letter is in no Latin alphabet (Hangul, Han, Kana, Cyrillic, Greek, Arabic…): the cues' languages
#: are all written in Latin letters.
_OTHER_SCRIPT = re.compile(r"(?![A-Za-z\u00C0-\u024F\u1E00-\u1EFF])[^\W\d_]")


#: How many of a document's coded words the language check reads (its first ones): enough to tell.
_LANGUAGE_SAMPLE = 300
#: How few it needs: a short answer in Spanish is a tenth or more Spanish's commonest words, an English one a
#: quarter or more English's (the sample, dev-dev5 and validation: no document under 25 %).
_LANGUAGE_FEWEST = 20
#: A shorter document is judged on its own words when this many of them are another language's commonest ("Los
#: horarios no, nunca decidimos nada de eso": los, nada, de, eso): a name or a borrowed word or two ("Pablo de
#: la Cruz rang") never makes an English note another language's.
_SHORT_FOREIGN = 4


@lru_cache(maxsize=8)
def _language_words(language: str) -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]:
    """``language``'s commonest words, each other language's less those, and all of the others' together: made once
    per language, not per document (every document of a study is read)."""
    own = _COMMON_WORDS.get(language, frozenset())
    others = {name: common - own for name, common in _COMMON_WORDS.items() if name != language}
    return own, others, frozenset().union(*others.values())


def _reads_apart(words: Sequence[str], language: str) -> bool:
    """Whether lower-case ``words`` hardly read as ``language``: under :data:`_ENGLISH_SHARE` its commonest words,
    :data:`_OTHER_SHARE` or more the other languages'; fewer than :data:`_LANGUAGE_FEWEST` words only with
    :data:`_SHORT_FOREIGN` or more of the other languages' (too few to tell otherwise).

    Examples
    --------
    >>> _reads_apart("los horarios no nunca decidimos nada de eso".split(), "en")
    True
    >>> _reads_apart("no we never decided any of that".split(), "en"), _reads_apart("pablo de la cruz rang".split(), "en")
    (False, False)

    Words in another script than the cues' (Korean's, Chinese's, Cyrillic) are another language's whatever it is:
    no list of commonest words knows them.

    >>> _reads_apart("저는 부산에서 자랐습니다 바다 가까이 살았어요".split(), "en")
    True
    """
    own, others, any_other = _language_words(language)
    # Each distinct word counted once (every document is read), then each language's words among them summed: set
    # operations over the distinct words, no step per word and language.
    counts = Counter(words)
    distinct = counts.keys()
    # The other language the words read most as; the words it shares with English ("a", "no", "me" in Spanish) tell
    # neither apart, and count for neither.
    nearest = max(others, key=lambda name: sum(map(counts.__getitem__, distinct & others[name])))
    shared = _SHARED_WITH_ENGLISH.get(nearest, frozenset()) | _SHARED_WITH_ENGLISH.get(language, frozenset())
    told = distinct - shared
    foreign = sum(map(counts.__getitem__, told & any_other)) + sum(map(counts.__getitem__, filter(_OTHER_SCRIPT.match, told)))
    if len(words) < _LANGUAGE_FEWEST and foreign < _SHORT_FOREIGN:
        return False
    return sum(map(counts.__getitem__, told & own)) < _ENGLISH_SHARE * len(words) and foreign >= _OTHER_SHARE * len(words)


def indicators_apart(codebook: Codebook) -> bool:
    """Whether a codebook's indicator phrases hardly read as the language of its assertion cues (:func:`_reads_apart`).

    Examples
    --------
    >>> import qlr
    >>> indicators_apart(qlr.read_codebook("coproduction"))
    False
    """
    return _reads_apart(_phrase_words(codebook), codebook.assertion_language)


def _phrase_words(codebook: Codebook) -> list[str]:
    return [w for code in codebook.codes for item in code.indicators if item.phrase for w in _WORD.findall(item.phrase.lower())]


#: A codebook whose cues are English (what one that names no language gets) reads as another language when under this
#: share of its indicators' and definitions' words are among English's 3,000 commonest: the bundled and the trials'
#: English codebooks have 77 % or more, the Spanish ones 9 % or less.
_CODEBOOK_ENGLISH_SHARE = 0.4
#: Fewer words than this are too few to tell.
_CODEBOOK_FEWEST = 8


def cues_language(codebook: Codebook) -> tuple[str, int, int] | None:
    """Whether a codebook's own words read as the language of its assertion cues, for ``qlr validate``.

    Indicators seldom hold a language's commonest function words ("decidimos juntas"), so its indicators are judged
    with its codes' and themes' definitions: as another language by the documents' rule (:func:`_reads_apart`), or, for
    English cues (what a codebook that names no language gets), when under :data:`_CODEBOOK_ENGLISH_SHARE` of the words
    are among English's 3,000 commonest (``word_frequencies.tsv``, which knows content words: "decide", "together").
    Returns None where they read as the cues' language (or there are none), else the verdict, how many words were read
    and how many of them are English's commonest (the cues' language's commonest words for other cues): ``"apart"``,
    or ``"unsure"`` where English cues meet fewer than :data:`_CODEBOOK_FEWEST` words, too few to tell.

    Examples
    --------
    >>> import qlr
    >>> cues_language(qlr.read_codebook("coproduction")) is None
    True
    >>> small = "name: x\\nid: x\\ncodes:\\n  - {id: a, definition: Las vecinas deciden juntas., indicators: [{phrase: decidimos juntas}]}\\n"
    >>> cues_language(qlr.Codebook.from_yaml(small, path="x.yaml"))
    ('unsure', 6, 0)
    >>> cues_language(qlr.Codebook.from_yaml(small.replace("decidimos juntas", "decidimos juntas en el barrio"), path="x.yaml"))
    ('apart', 9, 1)
    """
    from ._tokenpattern import among_english_commonest

    language = codebook.assertion_language
    phrases = _phrase_words(codebook)
    defined = [w for item in (*codebook.codes, *codebook.themes) if item.definition for w in _WORD.findall(str(item.definition).lower())]
    words = phrases + defined
    if language != "en":
        own = sum(w in _COMMON_WORDS.get(language, frozenset()) for w in words)
        return ("apart", len(words), own) if _reads_apart(phrases, language) or _reads_apart(words, language) else None
    own = sum(map(among_english_commonest, words))
    if _reads_apart(phrases, language) or _reads_apart(words, language):
        return "apart", len(words), own
    if own >= _CODEBOOK_ENGLISH_SHARE * len(words):
        return None
    return ("apart" if len(words) >= _CODEBOOK_FEWEST else "unsure"), len(words), own


def _warn_language(segments: pd.DataFrame, doc_text: Mapping[str, str], *, coded: set[str], language: str = "en") -> None:
    """Warn of documents whose coded words (their first :data:`_LANGUAGE_SAMPLE`; a short document's only with
    :data:`_SHORT_FOREIGN` of another language's commonest words, see :func:`_reads_apart`) hardly read as ``language``, the language of the assertion rules (a codebook's ``assertion: {language: es}``).

    Every document is read, coded or not: a French interview's "firme de consulting" is
    coded ``power.consulted`` by an English indicator, so codings are no sign of English.
    """
    words: dict[str, list[str]] = {}
    full: set[str] = set()
    for doc_id, start, end in zip(segments["doc_id"].tolist(), segments["start"].tolist(), segments["end"].tolist()):
        if doc_id in full:
            continue
        found = words.setdefault(doc_id, [])
        found.extend(_WORD.findall(doc_text[doc_id][int(start) : int(end)].lower()))
        if len(found) >= _LANGUAGE_SAMPLE:
            full.add(doc_id)
    foreign = [doc_id for doc_id, found in words.items() if _reads_apart(found[:_LANGUAGE_SAMPLE], language)]
    if not foreign:
        return
    from ..errors import LanguageWarning

    name = LANGUAGE_NAMES.get(language, language)
    shown = first_few(foreign, shown=5)
    with_codings = sum(doc_id in coded for doc_id in foreign)
    said = (
        f"{len(foreign)} document(s) do not read as {name} (under {_ENGLISH_SHARE:.0%} of their words are {name}'s commonest, "
        f"{_OTHER_SHARE:.0%} or more another language's): {shown}; {len(foreign) - with_codings} of them have no rule coding, "
        f"{with_codings} have some. "
    )
    if language == "en":
        said += (
            "Rule coding and its assertion rules read English, so the absence of codings says nothing of them and the codings "
            "they got may be words that only look English ('consulting' in French). Indicators in their language match them as "
            "written (no lemmas), but a denial, a wish, hearsay or the past said in their language is not recognised: each such "
            "coding stands as the speaker's own, affirmed. Code them by hand (study.code_quote), or with indicators in their "
            "language and, for Spanish, 'assertion: {language: es}' in the codebook (Spanish cues); in another language, read "
            "each coding's status before counting it"
        )
    else:
        said += (
            f"The codebook's assertion cues are {name} ('assertion: {{language: {language}}}'): in these documents a denial, a "
            f"wish, hearsay or the past is recognised only where its words are {name}'s too, so read each coding's status before counting it"
        )
    warn(said, LanguageWarning)


def text_as_matched(text: str) -> str:
    """A document's text as the indicators and the assertion rules read it: the one place it is made.

    Word and phones write the typographic apostrophe ("I’m on the rota", "we don’t"); the codebook's
    indicators and the rules' rows are written with the straight one, so "I’m on the rota" matched nothing
    where "I'm on the rota" is giving back. Each is one character, so every offset stays the text's own.

    Examples
    --------
    >>> text_as_matched("I’m on the rota; we don’t decide.")
    "I'm on the rota; we don't decide."
    """
    return text.replace("\u2019", "'") if "\u2019" in text else text


def indicator_as_matched(indicator: Indicator) -> Indicator:
    """An indicator with its words as :func:`text_as_matched` reads a text's: the typographic apostrophe as the straight one.

    An indicator written in Word ("I’m part of") then matches what the text's "I’m part of" and "I'm part of" are
    read as; the same indicator is returned when its words hold no typographic apostrophe. A pattern's token
    written "nt" (for "dont", as spaCy splits it) also takes "n't", which is how the matcher reads that token after
    an auxiliary (``read_contractions``): a codebook written before that reading keeps matching, and "the NT
    government" still matches "nt".

    Examples
    --------
    >>> from qlr.codebook import Indicator
    >>> indicator_as_matched(Indicator(phrase="I’m part of")).phrase
    "I'm part of"
    >>> indicator_as_matched(Indicator(pattern=({"LOWER": {"IN": ["don’t", "not"]}},))).pattern
    ({'LOWER': {'IN': ["don't", 'not']}},)
    >>> indicator_as_matched(Indicator(pattern=({"LOWER": "do"}, {"LOWER": "nt"}))).pattern
    ({'LOWER': 'do'}, {'LOWER': {'IN': ['nt', "n't"]}})
    """
    if "\u2019" not in repr((indicator.phrase, indicator.pattern)) and "'nt'" not in repr(indicator.pattern):
        return indicator

    def read(value: Any) -> Any:
        if isinstance(value, str):
            return {"IN": [value, "n't"]} if value.lower() == "nt" else text_as_matched(value)
        if isinstance(value, Mapping):
            return {key: read(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):  # an IN list: "nt" also takes "n't"
            words = [text_as_matched(item) if isinstance(item, str) else read(item) for item in value]
            return type(value)([*words, "n't"] if any(isinstance(item, str) and item.lower() == "nt" for item in value) else words)
        return value

    return dataclasses.replace(
        indicator,
        phrase=None if indicator.phrase is None else text_as_matched(indicator.phrase),
        pattern=None if indicator.pattern is None else tuple(read(dict(token)) for token in indicator.pattern),
    )


def apply_codebook(
    study: Study,
    codebook: Codebook,
    *,
    unit: str = "sentence",
    include_interviewer: bool = False,
    model: str | None = None,
    n_process: int = 1,
    scheduler: Any = None,
    batch_size: int = 128,
    progress: bool | None = None,
    cache: DocCache | None = None,
    cache_dir: Any = True,
) -> Study:
    """Code every eligible segment of ``study`` with ``codebook``'s indicators (in place).

    See :meth:`qlr.Study.apply` for the parameters (its ``cache`` is
    ``cache_dir`` here; ``cache`` is the in-memory one).  Returns ``study``.
    """
    from .._check import check_choice, check_number
    from ..evidence import relayed_turns
    from ._assertion import RELAYED, combine
    from ._matchcache import code_fingerprint, open_store
    from ._nlp import indicator_fingerprint, indicator_label, pipeline_fingerprint, shared_pipeline

    check_choice("unit", unit, _UNITS)
    check_number("n_process", n_process, minimum=1, integer=True)
    if scheduler is not None and not callable(getattr(scheduler, "submit", None)):
        from ..errors import InvalidParameterError

        raise InvalidParameterError(
            f"scheduler={scheduler!r} is not a Dask client",
            hint="pass dask.distributed.Client(...) (pip install 'qlr[dask]'), or leave scheduler=None",
        )
    cache = DOC_CACHE if cache is None else cache
    nlp = shared_pipeline(model)
    fingerprint = pipeline_fingerprint(nlp)
    rules = assertion_rules(nlp, codebook)
    rules_fingerprint = rules.fingerprint  # computed on each read: read once
    # Every indicator in the codebook's order with its fingerprint (two with the same fingerprint are one in ``indicators``).
    ordered = [(indicator_fingerprint(code.id, ind, rules_fingerprint), code.id, ind) for code in codebook for ind in code.indicators]
    indicators = {f: (code_id, ind) for f, code_id, ind in ordered}
    wanted = frozenset(indicators)
    if not indicators:
        # A codebook from a QDA tool (a .qdc) names codes and gives no rules: coding by rule finds nothing.
        warn(
            f"codebook {codebook.id!r} has no rules (none of its {len(codebook.codes)} codes has indicators), so rule coding finds nothing with it. "
            "Fix: add indicators to the codes you want coded by rule (docs/codebooks.md), or code by hand (study.code_quote) with this codebook's codes",
            QlrWarning,
        )

    segments = eligible_segments(study, include_interviewer=include_interviewer)
    doc_text = dict(zip(study.documents["doc_id"], map(text_as_matched, study.documents["text"].fillna(""))))
    whole = (  # only a segment-wide coding needs each segment's bounds
        {seg_id: (int(start), int(end)) for seg_id, start, end in zip(segments["seg_id"], segments["start"], segments["end"])}
        if unit == "segment"
        else {}
    )
    # A turn longer than spaCy takes at once (nlp.max_length) is coded in pieces.
    longest = nlp.max_length - 1
    rows = []
    # Columns as lists: iterating a Series costs a pandas call per value.
    for row in zip(segments["seg_id"].tolist(), segments["doc_id"].tolist(), segments["start"].astype(int).tolist(), segments["end"].astype(int).tolist()):
        seg_id, doc_id, start, end = row
        if end - start <= longest:
            rows.append(row)
        else:
            rows.extend((seg_id, doc_id, piece_start, piece_end) for piece_start, piece_end in _pieces(doc_text[doc_id], start, end, longest))
    texts = [doc_text[doc_id][start:end] for _, doc_id, start, end in rows]
    # An observer's field note is judged as one (see AssertionRules.categories), so its
    # matches are kept apart from the same words said by a participant.
    noted = set(segments.loc[(segments["speaker_role"] == "observer").fillna(False), "seg_id"])
    # So is an interpreter's rendering of a participant's answers (qlr.evidence.relayed_turns: "She says we run it").
    relayed = set(segments.loc[relayed_turns(segments), "seg_id"])

    def text_key(text: str, observed: bool | str = False) -> tuple[str, str]:
        marked = f"{_OBSERVED}{text}" if observed is True else f"\x00{observed}\x00{text}" if observed else text
        return (fingerprint, hashlib.sha1(marked.encode("utf-8", "surrogatepass")).hexdigest())

    # Each segment's voice once: an observer's note (True), an interpreter's rendering (RELAYED), or said (False).
    voices = [True if seg_id in noted else RELAYED if seg_id in relayed else False for seg_id, *_ in rows]
    keys = [text_key(text, voice) for voice, text in zip(voices, texts)]
    observed_keys = {key: voice for voice, key in zip(voices, keys) if voice}
    # The interviewer turn before each coded segment is matched too: a code that fires
    # in the question marks the answer's match of it as prompted.
    asked_before, said_before = _questions_before(study, segments, doc_text)
    questions = {seg_id: text_key(text) for seg_id, text in asked_before.items()}
    question_texts = {questions[seg_id]: text for seg_id, text in asked_before.items()}

    # Objects every text keeps (its matches) are taken out of the cycle collector's walks as they pile up.
    with KeptObjects() as collector:
        # Which indicators each text still needs matching for (a cache keeps earlier results).
        unique = {**question_texts, **dict(zip(keys, texts))}
        unions: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}  # one set object per combination
        store = open_store(cache_dir)
        disk_pipeline = f"{fingerprint}:{code_fingerprint()}"  # another qlr's matches are never read
        read_from_disk = 0
        if store is not None:
            labels = {f: (code_id, indicator_label(indicator, f)) for f, (code_id, indicator) in indicators.items()}
            lacking = [key for key in unique if not wanted <= cache.matches(key)[0]]
            with collector.paused():  # every match read is kept: no walk would find garbage
                loaded = store.load([(disk_pipeline, key[1]) for key in lacking], {key[1]: len(unique[key]) for key in lacking}, labels)
                for (_, text_hash), (done, found) in loaded.items():
                    key = (fingerprint, text_hash)
                    known, kept = cache.matches(key)
                    if (known, done) not in unions:  # one set object per combination, not one per text
                        unions[(known, done)] = known | done
                    cache.set_matches(key, unions[(known, done)], kept + [m for m in found if m.fingerprint not in known])
            read_from_disk = len(loaded)
            if store.refused:
                _say_other_key(store, len(lacking))
        todo: dict[frozenset[str], list[tuple[str, str]]] = {}
        lacking: dict[frozenset[str], frozenset[str]] = {}  # done -> wanted - done, once per distinct set
        for key in unique:
            done, _ = cache.matches(key)
            needed = lacking.get(done)
            if needed is None:
                needed = lacking[done] = wanted - done
            todo.setdefault(needed, []).append(key)
        results: dict[tuple[str, str], list[Match]] = {}
        tally = _Tally()
        collector.keep_existing()  # the study and all built so far outlive the coding: out of its collections
        for needed, group in todo.items():
            if not needed:
                for key in group:
                    results[key] = [m for m in cache.matches(key)[1] if m.fingerprint in wanted]
                continue
            if scheduler is not None or n_process > 1:
                # Workers return matches only (a few numbers each), never parsed Docs.
                matched = _in_workers(
                    model, codebook, needed, [unique[key] for key in group], observed=[observed_keys.get(key, False) for key in group],
                    n_process=n_process, scheduler=scheduler, tally=tally,
                )  # fmt: skip
            else:
                # Built once per process and indicator set and kept, leaving no cycles: walked once, then out of the walks.
                with collector.paused():
                    matcher, text_filter = _matching_for(nlp, codebook, rules, needed, model=model, indicators=indicators)
                matched = match_texts(
                    nlp, matcher, (unique[key] for key in group), text_filter=text_filter, batch_size=batch_size,
                    cache=cache, keys=group, observed=(observed_keys.get(key, False) for key in group), tally=tally,
                )  # fmt: skip
            to_save: dict[tuple[str, str], tuple[frozenset[str], list[Match]]] = {}
            coded = track(zip(group, matched), total=len(group), desc="Coding segments", progress=progress, unit="seg")
            for number, (key, new) in enumerate(coded, start=1):
                if number % _KEPT_EVERY == 0:
                    collector.keep()
                done, earlier = cache.matches(key)
                # Keep every indicator's matches (other codebooks' too); report only ours.
                found = earlier + new
                union = unions.get((done, needed))
                if union is None:  # the union is built once per combination, not once per text
                    union = unions[(done, needed)] = done | needed
                done = union
                cache.set_matches(key, done, found)
                # The new matches are all of wanted indicators (needed is wanted - done): only earlier ones need sifting.
                results[key] = [m for m in found if m.fingerprint in wanted] if earlier else new
                if store is not None:
                    to_save[(disk_pipeline, key[1])] = (needed, new)  # only what this run added
                    if len(to_save) >= _SAVED_AT_ONCE:  # written as coding goes, so memory holds a batch at most
                        store.save(to_save)
                        to_save = {}
            if store is not None:
                store.save(to_save)
        if store is not None:
            store.close()

        now = datetime.now(timezone.utc)
        found: dict[tuple[str, int, int, str], list[str]] = {}
        statuses: dict[tuple[str, int, int, str], list[str]] = {}
        seg_of: dict[tuple[str, int, int, str], str] = {}
        for (seg_id, doc_id, seg_start, _), key, text in zip(rows, keys, texts):
            matches = results[key]
            if not matches:  # most segments match nothing: no row, no question to read
                continue
            asked: set[str] | None = None  # the codes the question before fired, read at the first affirmed match
            for match in matches:
                status = match.assertion
                if status == "affirmed":
                    if asked is None:
                        said = said_before.get(seg_id)
                        own = {m.code_id for m in results.get(text_key(said), ()) if m.assertion == "affirmed"} if said else set()
                        asked = _prompting_codes(results[questions[seg_id]], asked_before[seg_id], own) if seg_id in questions else set()
                    if match.code_id in asked:
                        status = "prompted"
                if unit == "segment":
                    start, end = whole[seg_id]
                else:
                    sentence = text[match.sent_start : match.sent_end]
                    lead = len(sentence) - len(sentence.lstrip())
                    start = seg_start + match.sent_start + lead
                    end = seg_start + match.sent_start + len(sentence.rstrip())
                span = (doc_id, start, end, match.code_id)
                labels = found.setdefault(span, [])
                if match.indicator not in labels:
                    labels.append(match.indicator)
                statuses.setdefault(span, []).append(status)
                seg_of[span] = seg_id

    # Built column by column (one list per column, no dict per row).
    spans = sorted(found)
    # A coding's indicators are listed in the codebook's order, not the matcher's (which follows the assertion rules'
    # fingerprint, so any change to the rules would reorder them).
    place = {indicator_label(indicator, f): at for at, (f, _, indicator) in enumerate(ordered)}
    for labels in found.values():
        if len(labels) > 1:
            labels.sort(key=lambda label: (place.get(label, len(place)), label))
    doc_ids, starts, ends, code_ids = (list(column) for column in zip(*spans)) if spans else ([], [], [], [])
    new_rows = pd.DataFrame(
        {
            "coding_id": [coding_id("rules", *span, codebook.id) for span in spans],
            "doc_id": doc_ids,
            "start": starts,
            "end": ends,
            "seg_id": [seg_of[span] for span in spans],
            "code_id": code_ids,
            "coder": f"rules:{codebook.id}",
            "origin": "rules",
            "confidence": None,
            "codebook": codebook.id,
            "codebook_version": codebook.version,
            "indicator": ["; ".join(found[span]) for span in spans],
            "status": None,
            "assertion": [combine(statuses[span]) for span in spans],
            "created": now,
        },
        index=pd.RangeIndex(len(spans)),
    )
    # Documents in another language: their codings, and their lack of them, mean little.
    from .._warned import keep_warnings, noting_warnings

    with noting_warnings() as warned:
        if model is None:  # a trained model's lemmas depend on the sentence: only qlr's own are known beforehand
            from ._lemmas import warn_lemma_slips

            warn_lemma_slips(codebook, fingerprints=[f for f, _, _ in ordered])  # a re-apply is not walked again
        _warn_language(segments, doc_text, coded=set(doc_ids), language=codebook.assertion_language)
    keep_warnings(study, "rule coding", warned)
    earlier = study.codings
    _, replaced = replace_rows(study, "codings", new_rows, where=(earlier["origin"] == "rules") & (earlier["codebook"] == codebook.id))
    study.codebooks[codebook.id] = codebook
    study.record(
        "apply codebook",
        {
            "codebook": codebook.id,
            "version": codebook.version,
            "unit": unit,
            "segments": len(segments),
            "parsed": tally.texts,
            "matched": sum(len(group) for needed, group in todo.items() if needed),
            "read from the disk cache": read_from_disk,
            "tokenised": f"{tally.share:.1%} of the text matched",
            "codings": len(new_rows),
            "replaced": replaced,
            "assertion rules": rules_fingerprint,
            "pipeline": model or "qlr offline (blank en + sentencizer + lookup lemmas)",
        },
    )
    return study
