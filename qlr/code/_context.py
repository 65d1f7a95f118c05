"""A learned second opinion on whose experience a match is, and when: the context model.

The assertion rules (:mod:`qlr.code._assertion`) find the cues someone listed:
"my sister says", "back then", "not any more".  On sentences nobody here wrote,
someone else's experience and the speaker's own past are told in ways no list
foresees ("Our Shirl, her and the duty manager, they sort the timetable";
"that was the old building, mind").  The context model is a multinomial
logistic regression over the words around a match, trained on labelled
sentences (who did it, and whether it still goes on), that reads a match the
rules leave affirmed and says ``"other"`` or ``"historical"`` when it is
confident enough; otherwise the rules' verdict stands.

The model is data: ``context_model.tsv`` beside this file holds its weights,
its per-class thresholds and where it was trained from, and
:func:`train_context_model` rebuilds it from a table of labelled texts (the
bundled training set, or a researcher's own), so a study's own wording can be
taught to it.  Scoring is a sum of weights over the features present (no
scikit-learn at coding time); training uses scikit-learn.

Features (:func:`context_features`) are deliberately general: the words of the
match's sentence before and after it, the first words of its clause and
sentence, the first words of the next sentence, and a few counts a reader
uses — the speaker (I, we, us, our) before or after the match or nowhere,
a third person (he, she, they, a name), a past form, "now".
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._assertion import AssertionRules

__all__ = ["ContextModel", "MODEL_PATH", "context_features", "context_keys", "train_context_model"]

#: The bundled model.
MODEL_PATH = Path(__file__).with_name("context_model.tsv")

#: What the model tells apart; ``affirmed`` is the rules' verdict left standing.
CLASSES = ("affirmed", "other", "historical")

_BIAS = "(bias)"
_THRESHOLD = "(threshold)"
# Words that carry no hint of who or when: left out of the word features.
_PUNCT_OK = frozenset(("?", "!"))
_SPEAKER = frozenset(
    ("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "i'm", "'m", "we're")
)
_THIRD = frozenset(
    ("he", "she", "they", "them", "him", "her", "his", "their", "theirs", "themselves", "himself", "herself")
)
_NOW = frozenset(("now", "nowadays", "these", "today", "currently", "still"))
#: How many words before and after a match count as near it.
_BEFORE, _AFTER, _NEXT = 12, 8, 6


def context_features(
    rules: AssertionRules,
    lowers: Sequence[int],
    sentence: tuple[int, int],
    match: tuple[int, int],
    next_sentence: Sequence[int] = (),
) -> list[str]:
    """The features the context model reads for one match, by name (token positions, as :meth:`AssertionRules.categories`).

    ``lowers`` are lower-case token hashes of the Doc; the strings come from
    the rules' vocabulary.  The names of :func:`context_keys`, which decides
    the features for training and coding alike.

    Examples
    --------
    >>> from qlr.code._nlp import pipeline
    >>> from qlr.code._assertion import AssertionRules
    >>> nlp = pipeline()
    >>> doc = nlp("My sister says they run the rota themselves.")
    >>> features = context_features(AssertionRules(nlp), [t.lower for t in doc], (0, len(doc)), (4, 7))
    >>> [f for f in features if f.startswith(("b=", "clause=", "speaker", "third"))]
    ['b=my', 'b=sister', 'b=says', 'b=they', 'clause=my', 'speaker_before', 'third_before']
    """
    strings = rules.nlp.vocab.strings
    return [feature_name(key, strings) for key in context_keys(rules, lowers, sentence, match, next_sentence)]


#: Feature kinds: with one word, with two words, and flags (the low bits of a key, see ``context_keys``).
_ONE_WORD = ("b", "a", "clause", "open", "n")
_TWO_WORDS = ("bb", "clause2")
_FLAGS = (
    "speaker_before",
    "speaker_after",
    "speaker_absent",
    "speaker_in_match",
    "third_before",
    "name_before",
    "past",
    "now",
    "next_past",
)
_KIND_NAMES = (*_ONE_WORD, *_TWO_WORDS, *_FLAGS)
_KIND = {name: number for number, name in enumerate(_KIND_NAMES)}
_KIND_BITS = 5
_HASH_BITS = 64
B, BB, A, CLAUSE, CLAUSE2, OPEN, N = (
    _KIND[name] for name in ("b", "bb", "a", "clause", "clause2", "open", "n")
)


def feature_name(key: int, strings: Any) -> str:
    """The name of a feature key (``"b=sister"``, ``"bb=sister says"``, ``"past"``)."""
    kind = _KIND_NAMES[key & ((1 << _KIND_BITS) - 1)]
    words = key >> _KIND_BITS
    if kind in _ONE_WORD:
        return f"{kind}={strings[words]}"
    if kind in _TWO_WORDS:
        return f"{kind}={strings[words >> _HASH_BITS]} {strings[words & ((1 << _HASH_BITS) - 1)]}"
    return kind


def feature_key(name: str, strings: Any) -> int:
    """The key of a feature name (the inverse of :func:`feature_name`; unseen words are added to ``strings``)."""
    kind, _, words = name.partition("=")
    if kind in _FLAGS or kind not in _KIND:
        return _KIND.get(kind, -1)  # -1: a name this qlr does not make, never matched
    hashes = [strings.add(word) for word in words.split(" ")]
    value = hashes[0] if kind in _ONE_WORD else (hashes[0] << _HASH_BITS) | hashes[-1]
    return (value << _KIND_BITS) | _KIND[kind]


def context_keys(
    rules: AssertionRules,
    lowers: Sequence[int],
    sentence: tuple[int, int],
    match: tuple[int, int],
    next_sentence: Sequence[int] = (),
) -> list[int]:
    """The features of one match as integer keys: a feature kind in the low bits, its words' hashes above.

    Kinds: ``b`` a word before the match in its sentence (at most 12), ``bb``
    two adjacent ones, ``a`` a word after it (at most 8), ``clause`` and
    ``clause2`` the first one and two words of its clause, ``open`` the
    sentence's first word, ``n`` one of the next sentence's first 6 words;
    flags ``speaker_before``, ``speaker_after``, ``speaker_absent``,
    ``speaker_in_match``, ``third_before``, ``name_before``, ``past``, ``now``,
    ``next_past``.  A key is exact (no two features share one) and costs no
    string: coding looks weights up by key, training reads the names
    (:func:`feature_name`).
    """
    speaker, third, now, in_match = _hashed(rules)
    kind_of = _token_kinds(rules)
    shift, pair = _KIND_BITS, _HASH_BITS + _KIND_BITS
    first, stop = sentence
    start, end = match
    # White-space tokens ("\n\n" between paragraphs) say nothing and cannot be written in a feature name.
    before = [h for h in lowers[max(first, start - _BEFORE) : start] if kind_of(h) != _SPACE]
    keys = [(h << shift) | B for h in before if kind_of(h) == _WORD]
    keys += [
        (x << pair) | (y << shift) | BB
        for x, y in zip(before, before[1:])
        if _WORD in (kind_of(x), kind_of(y))
    ]
    keys += [(h << shift) | A for h in lowers[end : min(stop, end + _AFTER)] if kind_of(h) == _WORD]
    opening = rules._clause_opening(lowers, first, start)
    while opening < start and kind_of(lowers[opening]) == _SPACE:
        opening += 1
    if opening < start:
        keys.append((lowers[opening] << shift) | CLAUSE)
        if opening + 1 < start and kind_of(lowers[opening + 1]) != _SPACE:
            keys.append((lowers[opening] << pair) | (lowers[opening + 1] << shift) | CLAUSE2)
    else:
        keys.append((in_match << shift) | CLAUSE)
    opener = first
    while opener < start and kind_of(lowers[opener]) == _SPACE:
        opener += 1
    keys.append(((lowers[opener] if opener < start else in_match) << shift) | OPEN)
    keys += [(h << shift) | N for h in next_sentence[:_NEXT] if kind_of(h) == _WORD]
    # Who and when, read with set operations on the hashes.
    whole_before, whole_after = lowers[first:start], lowers[end:stop]
    speaker_before = not speaker.isdisjoint(whole_before)
    speaker_after = not speaker.isdisjoint(whole_after)
    flags = []
    if speaker_before:
        flags.append("speaker_before")
    if speaker_after:
        flags.append("speaker_after")
    if not (speaker_before or speaker_after):
        flags.append("speaker_absent")
    if not speaker.isdisjoint(lowers[start:end]):
        flags.append("speaker_in_match")
    if not third.isdisjoint(whole_before):
        flags.append("third_before")
    known = rules._known
    if any(rules._name(h) for h in whole_before if h not in known):
        flags.append("name_before")
    past = rules._model_past_forms  # the forms the model was trained with
    if not past.isdisjoint(lowers[first:stop]):
        flags.append("past")
    if not (now.isdisjoint(whole_before) and now.isdisjoint(whole_after)):
        flags.append("now")
    if not past.isdisjoint(next_sentence[:12]):
        flags.append("next_past")
    keys += map(_KIND.__getitem__, flags)
    return keys


def _hashed(rules: AssertionRules) -> tuple[frozenset[int], frozenset[int], frozenset[int], int]:
    """The speaker's, third persons' and "now" words as the rules' token hashes, and the "(match)" mark (made once)."""
    found = rules.__dict__.get("_context_words")
    if found is None:
        add = rules.nlp.vocab.strings.add
        found = rules.__dict__["_context_words"] = (
            *(frozenset(map(add, words)) for words in (_SPEAKER, _THIRD, _NOW)),
            add("(match)"),
        )
    return found


_SPACE, _OTHER, _WORD = 0, 1, 2


def _token_kinds(rules: AssertionRules) -> Any:
    """A token hash's kind: white space, a word (a letter in it, or ? or !) or other (answers kept per hash)."""
    test = rules.__dict__.get("_context_kinds")
    if test is None:
        strings, known = rules.nlp.vocab.strings, {}

        def test(h: int) -> int:
            answer = known.get(h)
            if answer is None:
                word = strings[h]
                answer = known[h] = (
                    _SPACE
                    if not word or any(ch.isspace() for ch in word)
                    else _WORD
                    if _wordlike(word)
                    else _OTHER
                )
            return answer

        rules.__dict__["_context_kinds"] = test
    return test


def _wordlike(word: str) -> bool:
    return word in _PUNCT_OK or any(ch.isalpha() for ch in word)


@dataclass(frozen=True)
class ContextModel:
    """Weights and thresholds of the context model; :meth:`category` reads one match.

    Parameters
    ----------
    weights : dict
        feature -> one weight per class in :data:`CLASSES`.
    bias : tuple of float
        One intercept per class.
    thresholds : dict
        class -> the probability at or above which a match the rules left
        affirmed takes that class.
    source : str
        Where the model was trained from (kept in the file's header).
    """

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    thresholds: dict[str, float]
    source: str = ""
    _keyed: dict[tuple[int, int], dict[int, tuple[float, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the model: cached matches are judged again when it changes (hashed once per object)."""
        text = "\n".join(
            [
                repr(self.bias),
                repr(sorted(self.thresholds.items())),
                *(f"{f}\t{w!r}" for f, w in sorted(self.weights.items())),
            ]
        )
        return hashlib.sha1(text.encode()).hexdigest()[:12]

    def keyed(self, strings: Any) -> dict[int, tuple[float, ...]]:
        """The weights by feature key (:func:`context_keys`) in a string store's hashes (made once per store)."""
        # Keyed by the weights too: dataclasses.replace(model, weights=...) shares this dict.
        cache_key = (id(strings), id(self.weights))
        table = self._keyed.get(cache_key)
        if table is None:
            table = {feature_key(name, strings): row for name, row in self.weights.items()}
            table.pop(-1, None)
            self._keyed.clear()  # one store and one set of weights in use at a time
            self._keyed[cache_key] = table
        return table

    def probabilities(self, features: Iterable[Any], *, strings: Any = None) -> dict[str, float]:
        """Each class's probability for a match with these features (softmax of the summed weights).

        ``features`` are names (:func:`context_features`), or keys
        (:func:`context_keys`) when ``strings``, the store of their hashes, is given.
        """
        affirmed, other, historical = self.bias
        get = (self.weights if strings is None else self.keyed(strings)).get
        for feature in set(features):
            row = get(feature)
            if row is not None:
                affirmed += row[0]
                other += row[1]
                historical += row[2]
        top = max(affirmed, other, historical)
        exps = (math.exp(affirmed - top), math.exp(other - top), math.exp(historical - top))
        total = sum(exps)
        return {name: e / total for name, e in zip(CLASSES, exps)}

    def category(self, features: Iterable[Any], *, strings: Any = None, speaks: Any = None) -> str | None:
        """A class with a threshold (``"other"``) when the model is confident enough, else None (the rules stand).

        ``speaks``: the classes it may give (by default every class with a threshold).
        """
        thresholds = (
            self.thresholds if speaks is None else {k: v for k, v in self.thresholds.items() if k in speaks}
        )
        if not thresholds:
            return None
        probabilities = self.probabilities(features, strings=strings)
        best = max(thresholds, key=probabilities.__getitem__)
        return best if probabilities[best] >= thresholds[best] else None

    # ------------------------------------------------------------------ files
    @classmethod
    def read(cls, path: str | Path = MODEL_PATH) -> ContextModel:
        """A model from its TSV file; one clear error naming the file and line when it is malformed."""
        from ..errors import CodingError

        path = Path(path)
        weights: dict[str, tuple[float, ...]] = {}
        bias: tuple[float, ...] | None = None
        thresholds: dict[str, float] = {}
        source: list[str] = []
        # utf-8-sig and \r\n: a file saved by a spreadsheet or on Windows reads the same.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [(number, line.rstrip("\r\n")) for number, line in enumerate(handle, start=1)]
        header = None
        for number, line in rows:
            if line.startswith("#"):
                source.append(line[1:].strip())
                continue
            if not line.strip():
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != ["feature", *CLASSES]:
                    raise CodingError(
                        f"line {number}: a context model's columns are feature, {', '.join(CLASSES)}",
                        path=path,
                    )
                continue
            if len(cells) != len(header):
                raise CodingError(f"line {number}: {len(cells)} cells, expected {len(header)}", path=path)
            try:
                values = tuple(float(cell) if cell else math.nan for cell in cells[1:])
            except ValueError:
                raise CodingError(f"line {number}: a weight is not a number: {line!r}", path=path) from None
            if any(math.isinf(value) for value in values) or (
                cells[0] != _THRESHOLD and any(map(math.isnan, values))
            ):
                raise CodingError(
                    f"line {number}: weights are finite numbers, every cell filled: {line!r}", path=path
                )
            if cells[0] in weights or (cells[0] == _BIAS and bias is not None):
                raise CodingError(f"line {number}: {cells[0]!r} is listed twice", path=path)
            if cells[0] == _BIAS:
                bias = values
            elif cells[0] == _THRESHOLD:
                thresholds = {name: value for name, value in zip(CLASSES, values) if not math.isnan(value)}
            else:
                weights[cells[0]] = values
        if bias is None or header is None:
            raise CodingError(f"no {_BIAS} row: not a context model", path=path)
        return cls(weights, bias, thresholds, "\n".join(source))

    def write(self, path: str | Path) -> Path:
        """Save the model as TSV (atomically): header comments, the bias and threshold rows, then one row per feature."""
        from .._atomic import write_text_atomic

        lines = [f"# {line}" if line else "#" for line in self.source.splitlines()]
        lines.append("\t".join(["feature", *CLASSES]))
        lines.append("\t".join([_BIAS, *(f"{value:.6g}" for value in self.bias)]))
        lines.append(
            "\t".join(
                [
                    _THRESHOLD,
                    *(f"{self.thresholds[name]:.4g}" if name in self.thresholds else "" for name in CLASSES),
                ]
            )
        )
        for feature in sorted(self.weights):
            lines.append("\t".join([feature, *(f"{value:.6g}" for value in self.weights[feature])]))
        write_text_atomic(path, "\n".join(lines) + "\n")
        return Path(path)


@lru_cache(maxsize=4)
def bundled_model(path: str = str(MODEL_PATH)) -> ContextModel | None:
    """The bundled context model, read once (None when the file is absent)."""
    return ContextModel.read(path) if Path(path).exists() else None


# ---------------------------------------------------------------------- training
def labelled_matches(
    texts: pd.DataFrame, *, codebook: Any = "coproduction", rules: AssertionRules | None = None
) -> pd.DataFrame:
    """Every indicator match in labelled texts, with its features and the text's label.

    ``texts`` has the columns ``group`` (texts of one group are kept together
    when the model is cross-validated), ``text`` and ``label`` (one of
    :data:`CLASSES`).  Each text is read as one participant turn with qlr's
    pipeline and the codebook's matcher; every match of every code gives one
    row: ``group``, ``label``, ``rules`` (the rules' own status) and
    ``features``.
    """
    import pandas as pd

    import qlr

    from ._assertion import doc_lowers
    from ._nlp import CodebookMatcher, pipeline
    from ._rules import assertion_rules

    nlp = pipeline()
    book = qlr.read_codebook(codebook) if isinstance(codebook, str) else codebook
    rules = rules if rules is not None else assertion_rules(nlp, book)
    matcher = CodebookMatcher(nlp, book, assertion_rules=rules.without_model())
    rows = []
    for group, text, label, doc in zip(
        texts["group"], texts["text"], texts["label"], nlp.pipe(texts["text"].tolist())
    ):
        lowers = doc_lowers(doc)
        sentences = list(doc.sents)
        seen = set()
        for m in matcher(doc):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            index = next(i for i, s in enumerate(sentences) if s.start <= span.start < s.end)
            sent = sentences[index]
            following = lowers[sent.end : sentences[index + 1].end] if index + 1 < len(sentences) else []
            key = (span.start, span.end)
            if key in seen:
                continue
            seen.add(key)
            features = context_features(
                rules, lowers, (sent.start, sent.end), (span.start, span.end), following
            )
            rows.append(
                {"group": group, "label": label, "rules": m.assertion, "text": text, "features": features}
            )
    return pd.DataFrame(rows, columns=["group", "label", "rules", "text", "features"])


def train_context_model(
    texts: pd.DataFrame,
    *,
    codebook: Any = "coproduction",
    c: float | None = None,
    max_false_discounts: float = 0.03,
    folds: int = 5,
    seed: int = 0,
    class_weight: str | None = None,
    speaks: Sequence[str] = ("other",),
    source: str = "",
) -> tuple[ContextModel, dict[str, Any]]:
    """Fit the context model on labelled texts; returns the model and a report of its cross-validation.

    Parameters
    ----------
    texts : DataFrame
        Columns ``group``, ``text``, ``label`` (see :func:`labelled_matches`).
    codebook : str or Codebook
        Whose indicators find the matches the model learns from.
    c : float, optional
        The inverse regularisation strength; by default the best of a small
        grid by grouped cross-validated log-loss.
    max_false_discounts : float
        Each threshold is the lowest probability at which, in grouped
        cross-validation, at most this share of the affirmed matches the
        rules leave affirmed would be discounted.
    speaks : sequence of str
        The classes the model may say, each with a threshold of its own
        (found alone, as ``max_false_discounts`` says); a codebook's ``model``
        rows then choose which of them it says.  By default only ``"other"``.
        The bundled model is trained with ``("other", "historical")``, and the
        bundled rows let it say only ``"other"``: interviews at each wave
        recount the weeks since the last in the past tense ("And they
        listened."), which the labelled texts' present-tense affirmed turns
        teach it to call historical; a codebook row
        ``{kind: model, category: historical, phrase: context}`` lets it say
        that too.
    folds, seed : int
        Grouped K-fold cross-validation (texts of one group stay in one fold).
    source : str
        Written into the model file's header.
    """
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    matches = labelled_matches(texts, codebook=codebook)
    if matches.empty or set(matches["label"]) != set(CLASSES):
        from ..errors import InvalidParameterError

        raise InvalidParameterError(
            f"the texts gave matches with labels {sorted(set(matches['label']))}",
            hint=f"a context model needs matches of each of {', '.join(CLASSES)}",
        )
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform([dict.fromkeys(f, 1) for f in matches["features"]])
    y = numpy.array([CLASSES.index(label) for label in matches["label"]])
    groups = matches["group"].to_numpy()
    splitter = (
        GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
        if _group_kfold_shuffles()
        else GroupKFold(n_splits=folds)
    )

    def cross_validated(strength: float) -> numpy.ndarray:
        predicted = numpy.zeros((len(y), len(CLASSES)))
        for train, test in splitter.split(x, y, groups):
            model = LogisticRegression(C=strength, max_iter=2000, class_weight=class_weight)
            model.fit(x[train], y[train])
            predicted[test] = model.predict_proba(x[test])
        return predicted

    with threadpool_limits(1):  # two BLAS threads on two cores made fits several times slower here
        grid = [c] if c is not None else [0.1, 0.3, 1.0, 3.0, 10.0]
        losses = {
            strength: log_loss(y, probabilities := cross_validated(strength), labels=range(len(CLASSES)))
            for strength in grid
        }
        best = min(losses, key=losses.__getitem__)
        probabilities = cross_validated(best) if len(grid) > 1 else probabilities
        final = LogisticRegression(C=best, max_iter=2000, class_weight=class_weight).fit(x, y)
    # Thresholds: where the rules said affirmed and the truth is affirmed, the model may discount
    # at most ``max_false_discounts`` of them; a threshold per class it speaks, found on the CV predictions.
    kept = (matches["rules"] == "affirmed").to_numpy()
    truly = kept & (y == 0)

    def lowest_safe(score: numpy.ndarray) -> float:
        candidates = sorted(set(numpy.round(score[kept], 4))) + [1.0]
        for value in candidates:
            if (score[truly] >= value).sum() <= max_false_discounts * max(truly.sum(), 1):
                return max(float(value), 0.5)
        return 1.0

    # Each class it speaks has a threshold of its own, each found alone: a codebook lets it say one or more.
    thresholds = {name: lowest_safe(probabilities[:, CLASSES.index(name)]) for name in speaks}
    threshold = thresholds[speaks[0]]
    discount_score = probabilities[:, CLASSES.index(speaks[0])]
    names = vectoriser.get_feature_names_out()
    weights = {
        str(name): tuple(float(final.coef_[k, j]) for k in range(len(CLASSES)))
        for j, name in enumerate(names)
    }
    weights = {name: row for name, row in weights.items() if any(abs(v) >= 1e-4 for v in row)}
    model = ContextModel(
        weights,
        tuple(float(b) for b in final.intercept_),
        thresholds,
        source,
    )
    flagged = discount_score >= threshold
    per_class = {
        name: {
            "threshold": thresholds[name],
            "rule-affirmed caught": int(
                (
                    kept
                    & (y == CLASSES.index(name))
                    & (probabilities[:, CLASSES.index(name)] >= thresholds[name])
                ).sum()
            ),
            "rule-affirmed": int((kept & (y == CLASSES.index(name))).sum()),
            "affirmed discounted": int(
                (truly & (probabilities[:, CLASSES.index(name)] >= thresholds[name])).sum()
            ),
        }
        for name in speaks
    }
    report = {
        "matches": int(len(y)),
        "by label": matches["label"].value_counts().to_dict(),
        "C": best,
        "cross-validated log-loss": {str(k): round(float(v), 4) for k, v in losses.items()},
        "threshold": threshold,
        "cv: rule-affirmed traps caught": int((kept & (y != 0) & flagged).sum()),
        "cv: rule-affirmed traps": int((kept & (y != 0)).sum()),
        "cv: rule-affirmed someone else's caught": int((kept & (y == 1) & flagged).sum()),
        "cv: rule-affirmed someone else's": int((kept & (y == 1)).sum()),
        "cv: affirmed discounted": int((truly & flagged).sum()),
        "cv: affirmed left affirmed by the rules": int(truly.sum()),
        "cv: each class alone": per_class,
    }
    return model, report


def _group_kfold_shuffles() -> bool:
    import inspect

    from sklearn.model_selection import GroupKFold

    return "shuffle" in inspect.signature(GroupKFold).parameters


def read_labelled(path: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file, as dicts (for the training script)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
