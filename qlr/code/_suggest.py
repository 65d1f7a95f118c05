"""Model-assisted coding: a scikit-learn estimator that learns codes from human coding."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from .._check import keyword_only_since
from .._ids import coding_id
from .._rows import replace_rows
from ..errors import CodingError
from ._rules import eligible_segments

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["CodeSuggester", "evaluate", "suggest", "review_queue", "decide", "training_data"]


def training_data(study: Study, *, min_examples: int = 1) -> tuple[pd.Series, pd.DataFrame]:
    """Texts and a segments × codes 0/1 table from the codings people made or accepted.

    The labels are :func:`qlr.evidence.training_codings`: a person's codings
    (made in qlr or imported) and suggestions a person accepted, never pending
    or rejected suggestions nor the rules' codings.  Segments count where a
    person coded their document (others are unknown, not negative);
    interviewer turns are left out as in rule-based coding.  A coding labels
    every segment it overlaps.  Codes with fewer than ``min_examples``
    positive segments are dropped.
    """
    from .._codings import by_person
    from ..evidence import training_codings

    human = training_codings(study.codings)
    if human.empty:
        raise CodingError("the study has no human codings to learn from", hint="code some segments by hand first (study.code_quote, a coding sheet)")
    documents = set(human.loc[by_person(human), "doc_id"])
    segments = eligible_segments(study)
    segments = segments[segments["doc_id"].isin(documents)]
    merged = human[["doc_id", "start", "end", "code_id"]].merge(segments[["seg_id", "doc_id", "start", "end"]], on="doc_id", suffixes=("", "_seg"))
    merged = merged[(merged["start"] < merged["end_seg"]) & (merged["end"] > merged["start_seg"])]
    labels = pd.crosstab(merged["seg_id"], merged["code_id"]).clip(upper=1)
    labels = labels.reindex(segments["seg_id"], fill_value=0)
    counts = labels.sum()
    labels = labels.loc[:, counts[counts >= min_examples].index]
    texts = study.segment_texts().reindex(labels.index)
    return texts.astype(str), labels.astype(int)


class CodeSuggester(ClassifierMixin, BaseEstimator):
    """Suggests codes for segments, learned from human coding (one binary classifier per code).

    A scikit-learn estimator: ``fit`` then ``predict_proba``.  ``fit`` takes a
    :class:`qlr.Study` (its human codings are the labels) or texts with a
    segments × codes 0/1 table.  The default model is TF-IDF word and bigram
    features with a class-balanced logistic regression per code; pass any
    scikit-learn classifier or pipeline that takes texts and has
    ``predict_proba`` as ``model=`` (it is wrapped one-vs-rest).

    Parameters
    ----------
    model : estimator, optional
        A scikit-learn pipeline from texts to one binary label.
    min_examples : int
        Codes with fewer human-coded segments are not learned.
    threads : int
        BLAS threads while fitting (threadpoolctl); one is fastest on small machines.

    Attributes
    ----------
    classes_ : list of str
        The codes learned.
    model_ : estimator
        The fitted model: the default pipeline (a TF-IDF vectoriser shared by
        one-vs-rest logistic regressions), or ``model`` wrapped one-vs-rest.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> model = qlr.code.CodeSuggester(min_examples=5).fit(study)
    >>> proba = model.predict_proba(study.sel(case="C10"))
    >>> list(proba.columns) == model.classes_ and float(proba.to_numpy().max()) <= 1
    True
    """

    def __init__(self, model: Any = None, *, min_examples: int = 5, threads: int = 1) -> None:
        self.model = model
        self.min_examples = min_examples
        self.threads = threads

    def _default(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline

        # One vectoriser shared by every code: wrapping the whole pipeline
        # one-vs-rest would re-tokenise all texts once per code.
        return make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=50_000),
            OneVsRestClassifier(LogisticRegression(class_weight="balanced", max_iter=2000, C=4.0)),
        )

    def fit(self, X: Any, y: Any = None) -> CodeSuggester:
        """Learn each code from human coding.

        Parameters
        ----------
        X : Study or list of str
            A study (its human codings are the labels; see :func:`training_data`),
            or segment texts.
        y : DataFrame, optional
            With texts: a texts × codes 0/1 table (the column names are the codes).

        Returns
        -------
        CodeSuggester
            This estimator, fitted: ``classes_`` names the codes learned (codes with
            fewer than ``min_examples`` positive segments, or on every segment, are left out).

        Examples
        --------
        >>> import pandas as pd, qlr
        >>> texts = ["we help each other", "the group helps each other", "other carers help me",
        ...          "we all help each other out", "it was done to us", "nobody asked us, it was done to us",
        ...          "they decided for us", "they never asked us"]
        >>> labels = pd.DataFrame({"peer": [1, 1, 1, 1, 0, 0, 0, 0], "done_to": [0, 0, 0, 0, 1, 1, 1, 1]})
        >>> qlr.code.CodeSuggester(min_examples=2).fit(texts, labels).classes_
        ['peer', 'done_to']

        From a study's human coding:

        >>> model = qlr.code.CodeSuggester().fit(sample)  # sample = qlr.load("data/sample")
        >>> len(model.classes_), model.n_training_segments_
        (30, 275)
        """
        from sklearn.base import clone
        from sklearn.multiclass import OneVsRestClassifier
        from threadpoolctl import threadpool_limits

        from ..study import Study

        if isinstance(X, Study):
            texts, labels = training_data(X, min_examples=self.min_examples)
        else:
            if y is None:
                raise CodingError("fit needs labels with texts", hint="pass a Study, or texts and a segments × codes 0/1 table")
            labels = pd.DataFrame(y)
            texts = pd.Series(list(X), dtype=str)
            counts = labels.sum()
            labels = labels.loc[:, counts[counts >= self.min_examples].index]
        if labels.shape[1] == 0:
            raise CodingError(f"no code has {self.min_examples} or more human-coded segments", hint="code more segments, or lower min_examples")
        keep = [c for c in labels.columns if 0 < labels[c].sum() < len(labels)]
        labels = labels[keep]
        model = OneVsRestClassifier(clone(self.model)) if self.model is not None else self._default()
        with threadpool_limits(limits=self.threads):
            self.model_ = model.fit(list(texts), labels.to_numpy())
        self.classes_ = [str(c) for c in labels.columns]
        self.n_training_segments_ = len(texts)
        return self

    def _texts(self, X: Any) -> tuple[list[str], pd.Index | None]:
        from ..study import Study

        if isinstance(X, Study):
            segments = eligible_segments(X)
            texts = X.segment_texts().reindex(segments["seg_id"])
            return list(texts.astype(str)), pd.Index(segments["seg_id"], name="seg_id")
        return [str(t) for t in X], None

    def predict_proba(self, X: Any) -> Any:
        """Probability of each code for each segment: a DataFrame (segments × codes) for a Study.

        For a :class:`qlr.Study` the rows are the segments rule-based coding looks
        at (:func:`qlr.code.eligible_segments`), indexed by ``seg_id``, and the
        columns are ``classes_``; for a list of texts, a NumPy array in that order.

        Parameters
        ----------
        X : Study or list of str
            A study (its eligible segments) or texts.

        Returns
        -------
        DataFrame or ndarray
            Segments × codes for a study; texts × ``classes_`` for texts.

        Raises
        ------
        NotFittedError
            The suggester has not been fitted.

        Examples
        --------
        >>> import pandas as pd, qlr
        >>> texts = ["we help each other", "the group helps each other", "other carers help me",
        ...          "we all help each other out", "it was done to us", "nobody asked us, it was done to us",
        ...          "they decided for us", "they never asked us"]
        >>> labels = pd.DataFrame({"peer": [1, 1, 1, 1, 0, 0, 0, 0], "done_to": [0, 0, 0, 0, 1, 1, 1, 1]})
        >>> model = qlr.code.CodeSuggester(min_examples=2).fit(texts, labels)
        >>> proba = model.predict_proba(["carers help each other", "it was all done to us"])
        >>> proba.argmax(axis=1).tolist(), bool((proba.max(axis=1) > 0.7).all())
        ([0, 1], True)
        """
        if not hasattr(self, "model_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("this CodeSuggester is not fitted yet; call fit first")
        texts, index = self._texts(X)
        proba = self.model_.predict_proba(texts) if texts else np.zeros((0, len(self.classes_)))
        if index is None:
            return proba
        return pd.DataFrame(proba, index=index, columns=self.classes_)

    @keyword_only_since("threshold")
    def predict(self, X: Any, *, threshold: float = 0.5) -> Any:
        """0/1 per code at ``threshold`` (same shape as :meth:`predict_proba`).

        Parameters
        ----------
        X : Study or list of str
            A study (its eligible segments) or texts.
        threshold : float
            The probability at which a code is predicted (keyword-only; by
            position it still works, with a ``FutureWarning``).

        Returns
        -------
        DataFrame or ndarray
            1 where the probability reaches ``threshold``, else 0.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> model = qlr.code.CodeSuggester().fit(study)
        >>> predicted = model.predict(study.sel(case="C05"), threshold=0.6)
        >>> int(predicted.loc["C05_W3_interview:0014", "negative.done_to"])
        1
        """
        proba = self.predict_proba(X)
        return (proba >= threshold).astype(int)


@keyword_only_since("model")
def evaluate(study: Study, *, model: CodeSuggester | None = None, folds: int = 5, threshold: float = 0.5, random_state: int = 0) -> pd.DataFrame:
    """Cross-validated quality of the suggester, per code, against the human coders.

    The human-coded segments are split into ``folds`` (shuffled with
    ``random_state``); each fold is predicted by a model fitted on the others.

    Parameters
    ----------
    study : Study
        The study whose person-made codings are the truth.
    model : CodeSuggester, optional
        The suggester to evaluate, unfitted (default: ``CodeSuggester()``);
        keyword-only (by position it still works, with a ``FutureWarning``).
    folds : int
        The number of cross-validation folds.
    threshold : float
        The probability at which a code counts as predicted.
    random_state : int
        Seed of the shuffle into folds.

    Returns
    -------
    DataFrame
        One row per code (``code_id``), most human-coded first: ``n_positive``
        (human-coded segments), ``precision``, ``recall``, ``f1`` and ``kappa``
        (Cohen's, model against human).

    Examples
    --------
    >>> import qlr
    >>> report = qlr.code.evaluate(sample, folds=3)  # sample = qlr.load("data/sample")
    >>> set(report.columns) >= {"precision", "recall", "f1", "kappa"}
    True
    """
    from sklearn.base import clone
    from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score
    from sklearn.model_selection import KFold

    model = model or CodeSuggester()
    texts, labels = training_data(study, min_examples=model.min_examples)
    predicted = pd.DataFrame(0, index=labels.index, columns=labels.columns)
    for train, test in KFold(n_splits=folds, shuffle=True, random_state=random_state).split(texts):
        fold = clone(model).fit(texts.iloc[train].tolist(), labels.iloc[train])
        proba = pd.DataFrame(fold.predict_proba(texts.iloc[test].tolist()), index=labels.index[test], columns=fold.classes_)
        predicted.loc[proba.index, proba.columns] = (proba >= threshold).astype(int)
    rows = []
    for code in labels.columns:
        truth, guess = labels[code], predicted[code]
        rows.append(
            {
                "code_id": code,
                "n_positive": int(truth.sum()),
                "precision": precision_score(truth, guess, zero_division=0),
                "recall": recall_score(truth, guess, zero_division=0),
                "f1": f1_score(truth, guess, zero_division=0),
                "kappa": cohen_kappa_score(truth, guess) if guess.nunique() > 1 or truth.nunique() > 1 else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("code_id").sort_values("n_positive", ascending=False)


def suggest(study: Study, model: CodeSuggester, *, threshold: float = 0.5, name: str = "suggester") -> int:
    """Store the model's suggestions (see :meth:`qlr.Study.suggest`); return how many."""
    proba = model.predict_proba(study)
    from .._codings import by_person

    human = study.codings[by_person(study.codings)]  # a person's, made in qlr or imported
    rows_at, cols_at = np.nonzero(proba.to_numpy() >= threshold)
    hits = pd.DataFrame(
        {
            "seg_id": proba.index.to_numpy()[rows_at],
            "code_id": np.asarray(proba.columns)[cols_at],
            "confidence": proba.to_numpy()[rows_at, cols_at].astype(float),
        }
    )
    # A segment a person already coded with the code gets no suggestion for it.
    coded = pd.MultiIndex.from_frame(human[["seg_id", "code_id"]].dropna().astype(str))
    hits = hits[~pd.MultiIndex.from_frame(hits[["seg_id", "code_id"]]).isin(coded)]
    hits = hits.merge(study.segments[["seg_id", "doc_id", "start", "end"]], on="seg_id", how="left")
    coder = f"model:{name}"
    hits["coding_id"] = [
        coding_id("model", doc, int(start), int(end), code, coder)
        for doc, start, end, code in zip(hits["doc_id"], hits["start"], hits["end"], hits["code_id"])
    ]
    hits["coder"] = coder
    hits["origin"] = "model"
    hits["status"] = "suggested"
    hits["created"] = datetime.now(timezone.utc)
    codings = study.codings
    earlier = (codings["origin"] == "model") & (codings["coder"] == coder) & (codings["status"] == "suggested")
    fresh, _ = replace_rows(study, "codings", hits, where=earlier)
    study._suggester = model  # type: ignore[attr-defined]
    study.record("suggest", {"model": name, "threshold": threshold, "suggestions": len(fresh)})
    return len(fresh)


def review_queue(study: Study, n: int = 20, *, model: CodeSuggester | None = None) -> pd.DataFrame:
    """Segments nobody has coded, most uncertain first (active learning).

    Uncertainty of a segment = ``max over codes of 1 − |2p − 1|`` (1 when the
    model says 0.5 for some code); the row names that code and its probability.
    """
    model = model or getattr(study, "_suggester", None)
    if model is None:
        raise CodingError("no suggester to ask", hint="fit one and call study.suggest(model) first, or pass model=")
    from .._codings import by_person

    coded = set(study.codings.loc[by_person(study.codings), "seg_id"])  # coded by a person, in qlr or in the program imported from
    proba = model.predict_proba(study)
    proba = proba[~proba.index.isin(coded)]
    if proba.empty:
        return pd.DataFrame(columns=["seg_id", "code_id", "probability", "uncertainty", "text"])
    uncertainty = 1 - (2 * proba - 1).abs()
    best = uncertainty.idxmax(axis=1)
    table = pd.DataFrame(
        {
            "seg_id": proba.index,
            "code_id": best.to_numpy(),
            "probability": [proba.at[s, c] for s, c in zip(proba.index, best)],
            "uncertainty": uncertainty.max(axis=1).to_numpy(),
        }
    )
    table["text"] = table["seg_id"].map(study.segment_texts())
    return table.sort_values(["uncertainty", "seg_id"], ascending=[False, True]).head(n).reset_index(drop=True)


def decide(study: Study, coding_id_: str, *, accept: bool, reviewer: str) -> str | None:
    """Accept (copy as the reviewer's human coding) or reject a model suggestion; logged."""
    mask = study.codings["coding_id"] == coding_id_
    if not mask.any():
        raise CodingError(f"no coding {coding_id_!r}", hint="see study.codings where origin is 'model'")
    row = study.codings[mask].iloc[0]
    if row["origin"] != "model":
        raise CodingError(f"coding {coding_id_!r} is not a model suggestion (origin {row['origin']})", hint="accept and reject apply to suggestions")
    study.codings.loc[mask, "status"] = "accepted" if accept else "rejected"
    new_id = None
    if accept:
        from ._manual import code_span

        new_id = code_span(study, row["doc_id"], int(row["start"]), int(row["end"]), row["code_id"], coder=reviewer)
    study.record("accept suggestion" if accept else "reject suggestion", {"coding_id": coding_id_, "code_id": row["code_id"], "human_coding": new_id}, actor=reviewer)
    return new_id
