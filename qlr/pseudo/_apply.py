"""``pseudonymise``: one pseudonym per real entity everywhere in a study, codings kept on their words."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice
from .._display import ResultDisplay
from .._provenance import current_user
from ..errors import PseudonymisationError
from . import _find, _roster
from ._fields import Field, fields, move_offsets, set_fields

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["pseudonymise", "Pseudonymisation", "PATTERN_KINDS", "STYLES"]

STYLES = ("placeholder", "realistic")
PATTERN_KINDS = tuple(_find.PATTERNS)
#: Columns of the review queue.
REVIEW_COLUMNS = ["term", "kind", "reason", "count", "table", "row_id", "column", "start", "end", "decision", "reviewer", "decided"]
#: Columns of the anonymisation log: where, what kind, which rule, who approved; never the original.
LOG_COLUMNS = ["table", "row_id", "column", "start", "end", "kind", "rule", "replacement", "approved_by"]
#: Columns of the key file (see :func:`qlr.pseudo.write_key`).
KEY_COLUMNS = ["record", "table", "row_id", "column", "start", "end", "original", "replacement", "entity_id", "kind", "rule"]
_NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "name"}


class Pseudonymisation(ResultDisplay):
    """What :func:`pseudonymise` returns: the new study, and what only the key holder may see.

    Parameters
    ----------
    study : Study
        The pseudonymised study (``.study``): every text, memo, attribute, file
        name and label with its identifiers replaced, codings and segments re-anchored.
    key : pandas.DataFrame
        ``.key``: who became whom and every replacement with its position; it
        restores the original exactly (:func:`qlr.pseudo.restore`). Store it apart from the data.
    log : pandas.DataFrame
        ``.log``, the anonymisation log: one row per replacement (where, what
        kind, which rule, who approved it), without the original words. It may be deposited.
    review : pandas.DataFrame
        ``.review``: candidates the rules were unsure of (capitalised words the
        dictionary does not know, long numbers, named entities), each ``pending``,
        ``accepted`` or ``rejected``, with who decided and when.
    original : Study
        The study it was made from, kept (in memory only) so :meth:`decide` can run again.
    options : dict
        The options of :func:`pseudonymise`, for the same reason.

    Examples
    --------
    >>> import qlr
    >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
    >>> result
    <Pseudonymisation: ... replacements of ... identifiers, ... candidates to review>
    """

    def __init__(self, study: Study, *, key: pd.DataFrame, log: pd.DataFrame, review: pd.DataFrame, original: Study, options: dict[str, Any]) -> None:
        self.study = study
        self.key = key
        self.log = log
        self.review = review
        self._original = original
        self._options = options

    def _summary(self) -> str:
        entities = self.key.loc[self.key["record"] == "entity", "entity_id"].nunique()
        pending = int((self.review["decision"] == "pending").sum())
        return f": {len(self.log)} replacements of {entities} identifiers, {pending} candidates to review"

    def _sections(self) -> list[tuple[str, Any]]:
        queue = self.review[self.review["decision"] == "pending"]
        return [("log (by kind and rule)", self.log.groupby(["kind", "rule"]).size().rename("replacements").to_frame()), ("review queue", queue.head(20))]

    def decide(self, terms: str | Iterable[str], *, accept: bool, reviewer: str) -> Pseudonymisation:
        """Accept or reject candidates of the review queue, and pseudonymise again with the decision.

        An accepted term becomes an identifier (replaced everywhere, logged as
        approved by ``reviewer``); a rejected one stays and leaves the queue.
        Earlier decisions are kept.

        Parameters
        ----------
        terms : str or iterable of str
            Terms of :attr:`review`.
        accept : bool
            True to replace them, False to keep them.
        reviewer : str
            Who decided; recorded in the review table and the log.

        Returns
        -------
        Pseudonymisation
            A new result; this one is left as it is.

        Raises
        ------
        qlr.errors.SelectionError
            If a term is not in the review queue.

        Examples
        --------
        >>> import qlr
        >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
        >>> after = result.decide("Okafor", accept=True, reviewer="rm")
        >>> "Okafor" in after.study.documents["text"].str.cat()
        False
        """
        from .._check import closest
        from ..errors import SelectionError

        check_bool("accept", accept)
        terms = [terms] if isinstance(terms, str) else list(terms)
        review = self.review.copy()
        for term in terms:
            if term not in set(review["term"]):
                suggestion = closest(term, review["term"])
                raise SelectionError(f"{term!r} is not in the review queue", hint=f"did you mean {suggestion!r}?" if suggestion else "pick a term from result.review['term']")
            rows = review["term"] == term
            review.loc[rows, "decision"] = "accepted" if accept else "rejected"
            review.loc[rows, "reviewer"] = reviewer
            review.loc[rows, "decided"] = pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
        return pseudonymise(self._original, **{**self._options, "review": review})

    def accept(self, terms: str | Iterable[str], *, reviewer: str) -> Pseudonymisation:
        """Accept candidates of the review queue: ``decide(terms, accept=True, reviewer=reviewer)``.

        Parameters
        ----------
        terms : str or iterable of str
            Terms of :attr:`review` to replace everywhere.
        reviewer : str
            Who decided.

        Returns
        -------
        Pseudonymisation
            A new result with the terms replaced.

        Examples
        --------
        >>> import qlr
        >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
        >>> result.accept("Okafor", reviewer="rm").review.set_index("term").at["Okafor", "decision"]
        'accepted'
        """
        return self.decide(terms, accept=True, reviewer=reviewer)

    def reject(self, terms: str | Iterable[str], *, reviewer: str) -> Pseudonymisation:
        """Reject candidates of the review queue (they stay in the text): ``decide(terms, accept=False, reviewer=reviewer)``.

        Parameters
        ----------
        terms : str or iterable of str
            Terms of :attr:`review` to keep.
        reviewer : str
            Who decided.

        Returns
        -------
        Pseudonymisation
            A new result without the terms in the queue.

        Examples
        --------
        >>> import qlr
        >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
        >>> result.reject("Christmas", reviewer="rm").review.set_index("term").at["Christmas", "decision"]
        'rejected'
        """
        return self.decide(terms, accept=False, reviewer=reviewer)

    def write_key(self, path: str | os.PathLike[str]) -> os.PathLike[str]:
        """Write :attr:`key` to ``path`` (CSV); keep that file apart from the data.

        Parameters
        ----------
        path : str or path-like
            The key file; never inside a deposit folder.

        Returns
        -------
        pathlib.Path
            The file written.

        Examples
        --------
        >>> import qlr, tempfile, os
        >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
        >>> path = result.write_key(os.path.join(tempfile.mkdtemp(), "key.csv"))
        >>> qlr.pseudo.read_key(path).equals(result.key)
        True
        """
        from ._key import write_key

        return write_key(self.key, path)


def pseudonymise(
    study: Study,
    *,
    roster: pd.DataFrame | None = None,
    extra: Iterable[str] | Mapping[str, str] | None = None,
    identifying: Iterable[str] = (),
    style: str = "placeholder",
    seed: int = 0,
    patterns: Iterable[str] = PATTERN_KINDS,
    misspellings: bool = True,
    ner: Any = None,
    key: pd.DataFrame | str | os.PathLike[str] | None = None,
    review: pd.DataFrame | None = None,
) -> Pseudonymisation:
    """Replace people, places, organisations and other identifiers consistently across a whole study.

    One pseudonym per real entity everywhere: every wave's documents, the
    segments' speaker labels, memos, case and document attributes, file names,
    the roster, the study's name and metadata. A person is found by full name,
    first or last name alone, aliases and nicknames from the roster, in capitals
    (a speaker label), before a possessive ("Zain's" becomes "[Family member 7]'s"),
    and misspelt by one letter. Patterns find e-mail addresses, telephone
    numbers, postcodes, dates of birth and street names. Codings and segments
    are re-anchored, so ``text[start:end]`` of every coding is its original
    passage with the same replacements applied.

    Parameters
    ----------
    study : Study
        The study; it is left as it is.
    roster : pandas.DataFrame, optional
        People, places and organisations (columns ``name`` and optionally
        ``actor_id``, ``kind``, ``role``, ``aliases``, ``gender``, ``culture``,
        ``case_id``); default the study's own (``study.actors``: cases and the
        manifest's ``actors:``). An alias that is all lower case ("the council")
        is a generic reference and stays unless listed in ``identifying``.
    extra : iterable of str or mapping of str to str, optional
        More identifiers: terms, or term → kind (``"place"``, ``"organisation"``…).
    identifying : iterable of str
        Generic aliases of the roster to replace all the same.
    style : {"placeholder", "realistic"}
        Marked placeholders (``[Carer 3]``, ``[Organisation A]``) or names made
        by Faker (``pip install 'qlr[pseudo]'``), seeded per entity and matched
        to the roster's ``gender`` and ``culture`` (a Faker locale).
    seed : int
        Seed of the realistic names: the same study, seed and key give the same output.
    patterns : iterable of str
        Which patterns to apply, of ``PATTERN_KINDS``.
    misspellings : bool
        Also replace capitalised words one letter from a roster name.
    ner : str, spacy.Language or None
        A trained spaCy pipeline (name, path or object) whose named entities
        the roster lacks join the review queue; never applied unreviewed.
    key : pandas.DataFrame or path, optional
        An earlier key: its pseudonyms are kept, so a later wave gets the same ones.
    review : pandas.DataFrame, optional
        An earlier :attr:`Pseudonymisation.review` with decisions; accepted terms
        are replaced, rejected ones stay out of the queue.

    Returns
    -------
    Pseudonymisation
        ``.study`` (pseudonymised), ``.key``, ``.log`` and ``.review``.

    Raises
    ------
    qlr.errors.PseudonymisationError
        If the roster gives one alias to two entities, or an id (a case's,
        a document's) holds an identifier.
    qlr.errors.InvalidParameterError
        For an unknown style or pattern.

    Examples
    --------
    >>> import qlr
    >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
    >>> result.study.cases.set_index("case_id").at["C01", "label"]
    '[Carer 1]'
    >>> "Asha" in result.study.documents["text"].str.cat()
    False
    >>> result.study.documents["text"].iloc[0][:60]
    'Interview with [Carer 1], wave 1, 12 March 2024, [Organisati'
    """
    check_choice("style", style, STYLES)
    patterns = tuple(patterns)
    for kind in patterns:
        check_choice("patterns", kind, PATTERN_KINDS)
    check_bool("misspellings", misspellings)
    options = {"roster": roster, "extra": extra, "identifying": tuple(identifying), "style": style, "seed": seed, "patterns": patterns, "misspellings": misspellings, "ner": ner, "key": key}
    user = current_user()
    previous = _previous_pseudonyms(key)
    review = _empty_review() if review is None else review.reindex(columns=REVIEW_COLUMNS).copy()

    entities = _roster.roster_entities(study.actors if roster is None else roster, cases=study.cases, identifying=identifying)
    # A label the study attributes to a case ("Del: C03") is that person's, though the roster may not know the name.
    _roster.add_speaker_aliases(entities, study.meta.get("speaker_cases") or {})
    # Initials as speaker labels ("PK:") are the person's name: replaced with it, or reviewed when no one's.
    unexplained = _roster.add_initials(entities, _initials_labels(study))
    entities += _roster.places_in_names(entities, ordinary=_find.ordinary_words())
    known = {t for e in entities for t, _ in e.terms}
    entities += _roster.extra_entities(extra, known=known)
    for row in review[review["decision"] == "accepted"].itertuples(index=False):
        if row.term not in known:
            entities.append(_roster.Entity(f"review:{row.term}", str(row.kind), terms=[(row.term, "full")], rule="accepted in review", approved_by=str(row.reviewer)))
            known.add(row.term)
    _refuse_identifying_ids(study, known)

    out = study.copy()
    cell_rows = _rename_actors(out)
    texts = list(fields(out))
    pattern_entities: dict[tuple[str, str], _roster.Entity] = {}
    tokens: dict[str, int] = {}
    for item in texts:
        for _s, _e, value, kind in _find.find_patterns(item.text, kinds=patterns):
            # Named by a hash of the value, so a later run (with the key) gives the same value the same pseudonym.
            pattern_entities.setdefault((kind, value), _roster.Entity(f"{kind}:{_sha256(value)[:16]}", kind, terms=[(value, "full")], rule=f"pattern: {kind}"))
        if item.table in ("documents", "memos"):
            for _s, _e, token in _find.capitalised_tokens(item.text):
                tokens[token] = tokens.get(token, 0) + 1
    entities += list(pattern_entities.values())
    by_id = {e.entity_id: e for e in entities}
    terms: dict[str, tuple[str, str, str]] = {}
    for entity in entities:
        for term, part in entity.terms:
            terms.setdefault(term, (entity.entity_id, part, entity.rule))
    if misspellings:
        terms.update(_find.misspellings(tokens, terms))
    if style == "placeholder":
        pseudonyms = _roster.placeholders(entities, taken=previous)
    else:
        pseudonyms = _roster.realistic(entities, seed=seed, taken=previous, avoid=set(terms))

    finder = _find.TermFinder(terms)
    new_values: dict[tuple[str, str, str], str] = {}
    key_rows: list[dict[str, Any]] = []
    log_rows: list[dict[str, Any]] = []
    anchors: dict[str, tuple[np.ndarray, ...]] = {}
    candidates: dict[str, dict[str, Any]] = {}
    owned = [term for entity in entities for term, part in entity.terms if part == "initials"]
    labels = _Labels(unexplained, [item.text for item in texts if item.table == "documents" and item.column == "text"], owned=owned)
    labels_of: dict[str, list[str]] = {}  # each label map's labels as they were, and as renamed so far (_apart)
    for item in texts:
        if item.table == "meta_label":
            labels_of.setdefault(item.row_id, []).append(item.text)
    taken: dict[str, set[str]] = {}
    for item in texts:
        if item.table == "documents" and item.column == "source":
            continue  # a path becomes its document's id whole (_neutral_sources); a replacement in it could not be undone
        label = item.table == "meta_label"
        if label:
            found = finder.find_label(item.text)
        elif item.table in ("documents", "memos") and item.column == "text":
            found = finder.find(item.text)
        else:  # a title, a note or a path may name a file, whose name joins a person's name to other words
            found = finder.find(item.text) + finder.find_in_paths(item.text)
        found = _bracketed(_choose(found, item.text), item.text, pseudonyms)
        # A label the loader lower-cased ("ana" in the manifest's roles) takes its pseudonym lower-cased, as loading would.
        new_text, spans = _replace(item.text, found, pseudonyms, lower=label and item.text == item.text.lower(), transcript=item.table == "documents" and item.column == "text")
        if item.table in ("documents", "memos") and item.column == "text":
            _collect_candidates(item, found, candidates, labels)
        if not found:
            continue
        apart = _apart(new_text, item, labels_of, taken) if label else ""
        new_text += apart
        new_values[(item.table, item.row_id, item.column)] = new_text
        key_rows.append(_record("checksum", item, original=_sha256(item.text), replacement=_sha256(new_text)))
        for f, (new_start, new_end) in zip(found, spans):
            entity = by_id[f.entity_id]
            replacement = new_text[new_start:new_end]
            key_rows.append(_record("replacement", item, start=new_start, end=new_end, original=f.term, replacement=replacement, entity_id=f.entity_id, kind=entity.kind, rule=f.rule))
            log_rows.append({"table": item.table, "row_id": item.row_id, "column": item.column, "start": new_start, "end": new_end, "kind": entity.kind, "rule": f.rule, "replacement": replacement, "approved_by": entity.approved_by or user})
        if apart:  # undone as a replacement of nothing, so the key restores each label exactly
            key_rows.append(_record("replacement", item, start=len(new_text) - len(apart), end=len(new_text), original="", replacement=apart, kind="label", rule=_APART_RULE))
        if item.table == "documents" and item.column == "text":
            anchors[item.row_id] = (
                np.array([f.start for f in found]),
                np.array([f.end for f in found]),
                np.array([s for s, _ in spans]),
                np.array([e for _, e in spans]),
            )
    if ner is not None:
        _ner_candidates(ner, texts, new_values, candidates)

    set_fields(out, new_values)
    reanchor(out, anchors)
    key_rows += cell_rows + _new_hashes(out, study) + _neutral_sources(out, study)
    entity_rows = [
        {"record": "entity", "column": part, "original": entity.terms[0][0], "replacement": value, "entity_id": entity.entity_id, "kind": entity.kind, "rule": entity.rule, "row_id": entity.role}
        for entity in entities
        for part, value in pseudonyms[entity.entity_id].items()
    ]
    header = [{"record": "key", "original": KEY_WARNING, "replacement": f"qlr {_version()}", "rule": style}]
    key_table = pd.DataFrame(header + entity_rows + key_rows).reindex(columns=KEY_COLUMNS)
    key_table = _key_frame(key_table)
    log = pd.DataFrame(log_rows, columns=LOG_COLUMNS)
    review = _merge_review(review, candidates)
    pending = int((review["decision"] == "pending").sum())
    out.record("pseudonymise", {"style": style, "replacements": len(log), "identifiers": len(pseudonyms), "review_pending": pending})
    return Pseudonymisation(out, key=key_table, log=log, review=review, original=study, options=options)


#: The first line of every key, so no one mistakes it for data.
KEY_WARNING = "PSEUDONYMISATION KEY: it turns the pseudonymised study back into the original. Store it apart from the data, never in a deposit, and only where the originals may be kept."


#: The key's rule for the mark that keeps two labels of one person apart (:func:`_apart`).
_APART_RULE = "two labels of one person kept apart"


def _apart(new_text: str, item: Field, labels_of: Mapping[str, list[str]], taken: dict[str, set[str]]) -> str:
    """What to add to a renamed label so it keys its map apart from the others (" (2)"), or "".

    Two labels of one person in one document ("Derek:" and "Del:", both "[Person 3]") would become one
    key, so one entry would be lost and the key could not restore the other; the second takes " (2)",
    which the key records as a replacement of nothing.
    """
    others = taken.setdefault(item.row_id, set())
    before = set(labels_of.get(item.row_id, ())) - {item.text}
    n, apart = 1, ""
    while new_text + apart in others or new_text + apart in before:
        n += 1
        apart = f" ({n})"
    others.add(new_text + apart)
    return apart


def _version() -> str:
    from .._version import __version__

    return __version__


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _record(record: str, item: Field, **values: Any) -> dict[str, Any]:
    return {"record": record, "table": item.table, "row_id": item.row_id, "column": item.column, **values}


def _key_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The key with fixed dtypes (text as strings, positions as Int64), identical after a round trip through CSV."""
    frame = frame.copy()
    for column in KEY_COLUMNS:
        if column in ("start", "end"):
            frame[column] = pd.array(pd.to_numeric(frame[column]), dtype="Int64")
        else:
            frame[column] = frame[column].astype("object").where(frame[column].notna(), "").astype(str).astype("string")
    return frame.reset_index(drop=True)


def _choose(found: list[_find.Found], text: str) -> list[_find.Found]:
    """Non-overlapping finds, the longest first where two overlap."""
    chosen: list[_find.Found] = []
    last_end = -1
    for f in sorted(found, key=lambda f: (f.start, f.start - f.end)):
        if f.start >= last_end:
            chosen.append(f)
            last_end = f.end
    return chosen


def _bracketed(found: list[_find.Found], text: str, pseudonyms: dict[str, dict[str, str]]) -> list[_find.Found]:
    """Each find whose text brackets it already ("[Carla]:") and whose pseudonym is bracketed: the brackets too, so the
    label stays one pair of brackets ("[Member 3]:", which loading reads; "[[Member 3]]:" is no label)."""
    wider = []
    for f in found:
        new = pseudonyms[f.entity_id][f.part]
        if new.startswith("[") and new.endswith("]") and text[f.start - 1 : f.start] == "[" and text[f.end : f.end + 1] == "]":
            f = dataclasses.replace(f, start=f.start - 1, end=f.end + 1, term=f"[{f.term}]")
        wider.append(f)
    return wider


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all its line holds but spaces."""
    before = text.rfind("\n", 0, start) + 1
    after = text.find("\n", end)
    return not text[before:start].strip() and not text[end : len(text) if after < 0 else after].strip()


def _replace(
    text: str, found: list[_find.Found], pseudonyms: dict[str, dict[str, str]], *, lower: bool = False, transcript: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each find replaced by its pseudonym, and the replacements' spans; lower-cased for a lower-case
    label, in capitals for a name in capitals alone on a transcript's line."""
    pieces: list[str] = []
    spans = []
    position = 0
    length = 0
    for f in found:
        pieces.append(text[position : f.start])
        length += f.start - position
        replacement = pseudonyms[f.entity_id][f.part]
        replacement = replacement.lower() if lower else replacement
        # A name in capitals alone on its line is a speaker's label over the words ("NORA"): in capitals, "[MEMBER 1]"
        # still is one; "[Member 1]" there is no convention. Elsewhere the placeholder is written as it is.
        if transcript and _alone_on_line(text, f.start, f.end) and sum(ch.isalpha() for ch in f.term) > 1 and f.term.isupper():
            replacement = replacement.upper()
        pieces.append(replacement)
        spans.append((length, length + len(replacement)))
        length += len(replacement)
        position = f.end
    pieces.append(text[position:])
    return "".join(pieces), spans


def reanchor(study: Study, anchors: Mapping[str, tuple[np.ndarray, ...]]) -> None:
    """Move the segments' and codings' offsets of each changed document with its text (in place)."""
    for table in ("segments", "codings"):
        frame = getattr(study, table)
        if frame.empty:
            continue
        starts = frame["start"].to_numpy(dtype="float64", na_value=np.nan).copy()
        ends = frame["end"].to_numpy(dtype="float64", na_value=np.nan).copy()
        for doc_id, spans in anchors.items():
            rows = (frame["doc_id"] == doc_id).fillna(False).to_numpy()
            if rows.any():
                starts[rows] = move_offsets(frame["start"][rows], spans, side="start")
                ends[rows] = move_offsets(frame["end"][rows], spans, side="end")
        missing = frame["start"].isna().to_numpy()
        frame["start"] = pd.array(np.where(missing, np.nan, starts), dtype="Float64").astype("Int64")
        missing = frame["end"].isna().to_numpy()
        frame["end"] = pd.array(np.where(missing, np.nan, ends), dtype="Float64").astype("Int64")


def _new_hashes(out: Study, original: Study) -> list[dict[str, Any]]:
    """Each document's sha256 is of its source file, which would link to the original: it becomes the new text's."""
    rows = []
    new_sha = [_sha256(t) for t in out.documents["text"].fillna("")]
    for doc_id, old, new in zip(out.documents["doc_id"], original.documents["sha256"], new_sha):
        rows.append({"record": "cell", "table": "documents", "row_id": doc_id, "column": "sha256", "original": "" if pd.isna(old) else old, "replacement": new})
    out.documents["sha256"] = pd.array(new_sha, dtype="string")
    return rows


def _neutral_sources(out: Study, original: Study) -> list[dict[str, Any]]:
    """Each document's source path becomes its id and extension (the key keeps the path).

    A path is no prose: names sit in folders and file names joined by dashes and
    underscores ("elena-verna/transcript.md", "… with Tom Lyon_transcript.txt") where no
    whole-word replacement reaches them, and the folder layout says who was seen where.
    """
    if "source" not in out.documents:
        return []
    rows = []
    neutral = []
    for doc_id, old in zip(out.documents["doc_id"], original.documents["source"]):
        if pd.isna(old):
            neutral.append(None)
            continue
        new = f"{doc_id}{PurePath(str(old)).suffix.lower()}"
        neutral.append(new)
        rows.append({"record": "cell", "table": "documents", "row_id": doc_id, "column": "source", "original": str(old), "replacement": new})
    out.documents["source"] = pd.array(neutral, dtype="string")
    return rows


def _rename_actors(out: Study) -> list[dict[str, Any]]:
    """Roster ids are often names ("gemma"): every actor whose id is not its case's id gets a neutral one (in place)."""
    rows = []
    keep = (out.actors["actor_id"] == out.actors["case_id"]).fillna(False).to_numpy()
    new_ids = [old if kept else f"actor_{i + 1:02d}" for i, (old, kept) in enumerate(zip(out.actors["actor_id"], keep))]
    for old, new, kept in zip(out.actors["actor_id"], new_ids, keep):
        if not kept:
            rows.append({"record": "cell", "table": "actors", "row_id": new, "column": "actor_id", "original": old, "replacement": new})
    out.actors["actor_id"] = pd.array(new_ids, dtype="string")
    return rows


def _refuse_identifying_ids(study: Study, terms: set[str]) -> None:
    """Ids are keys and cannot be replaced: a case, document or wave id holding a name is an error, with the lines to write.

    Ids are not replaced in the deposit: every table, the segments' and codings' ids
    made from them, memos, overrides, the log and the load notes use them, and a
    name joined to other words ("Maria_W1_interview") is out of reach of the
    whole-word replacement.  So the error gives each id holding a name a neutral
    one to write in ``study.yaml`` (the name kept as the case's label, which is
    replaced everywhere), as ``qlr info --template`` proposes ids made of names.
    """
    words = {t.lower() for t in terms if " " not in t and len(t) >= 3}
    # A name written as one word in an id ("elenaverna", "gustavsöderström"): the full name joined.
    words |= {re.sub(r"[\W_]+", "", t.lower()) for t in terms if " " in t and len(t) >= 5}

    def holds(value: Any) -> str | None:
        return next((w for w in re.split(r"[\W_]+", str(value).lower()) if w in words), None)

    found = [(table, str(value), hit) for table, column in (("cases", "case_id"), ("documents", "doc_id"), ("waves", "wave_id")) for value in getattr(study, table)[column].dropna() for hit in [holds(value)] if hit]
    if not found:
        return
    table, value, hit = found[0]
    counts = {name: sum(1 for t, _, _ in found if t == name) for name in ("cases", "documents", "waves")}
    said = ", ".join(f"{n} {name[:-1]} id(s)" for name, n in counts.items() if n)
    raise PseudonymisationError(
        f"the {table[:-1]} id {value!r} contains the identifier {hit!r}, and ids cannot be pseudonymised (they are keys; in all, {said} hold names)",
        hint=_neutral_ids_hint(study, found),
    )


#: How many ids of each table the fix lists before saying how many more.
_IDS_SHOWN = 20


def _neutral_ids_hint(study: Study, found: list[tuple[str, str, str]]) -> str:
    """The lines to write in study.yaml: a neutral id for each id holding a name, the name kept as the case's label."""
    cases = dict(zip(study.cases["case_id"].astype(str), study.cases["label"])) if "label" in study.cases else {}
    taken = set(study.cases["case_id"].astype(str)) | set(study.documents["doc_id"].astype(str)) | set(study.waves["wave_id"].astype(str))

    def fresh(stem: str) -> str:
        new, n = stem, 1
        while new in taken:
            n += 1
            new = f"{stem}_{n}"
        taken.add(new)
        return new

    renamed_cases: dict[str, str] = {}
    lines = []
    for number, (_, old, _) in enumerate(item for item in found if item[0] == "cases"):
        renamed_cases[old] = fresh(f"C{number + 1:02d}")
        label = cases.get(old)
        label = old if label is None or pd.isna(label) or not str(label).strip() else str(label)
        lines.append(f"cases: 'id: {old}' -> 'id: {renamed_cases[old]}, label: {label}'")
    waves = {old: fresh(f"W{n + 1}") for n, (_, old, _) in enumerate(item for item in found if item[0] == "waves")}
    lines += [f"waves: 'id: {old}' -> 'id: {new}' (its label may keep the words)" for old, new in waves.items()]
    documents = study.documents.set_index(study.documents["doc_id"].astype(str))
    for number, (_, old, _) in enumerate(item for item in found if item[0] == "documents"):
        case = documents.at[old, "case_id"]
        case = None if pd.isna(case) else str(case)
        wave = documents.at[old, "wave_id"]
        wave = None if pd.isna(wave) else waves.get(str(wave), str(wave))
        kind = documents.at[old, "kind"]
        parts = [renamed_cases.get(case, case) if case else None, wave, None if pd.isna(kind) else str(kind)]
        # qlr's own naming, {case}_{wave}_{kind}, from the neutral case id; a document of no case by its wave and kind.
        new = fresh("_".join(p for p in parts if p) or f"D{number + 1:02d}")
        was, write = f"id: {old}", f"id: {new}"
        if case in renamed_cases:
            was, write = f"{was}, case: {case}", f"{write}, case: {renamed_cases[case]}"
        lines.append(f"documents: '{was}' -> '{write}'")
    # Documents whose own id names no one but whose case is renamed must say the new case too.
    named_ids = {old for table, old, _ in found if table == "documents"}
    for doc_id, case in zip(documents.index, documents["case_id"]):
        if doc_id not in named_ids and not pd.isna(case) and str(case) in renamed_cases:
            lines.append(f"documents: 'id: {doc_id}, case: {case}' -> 'id: {doc_id}, case: {renamed_cases[str(case)]}'")
    shown = []
    for table in ("cases", "waves", "documents"):
        mine = [line for line in lines if line.startswith(f"{table}:")]
        shown += mine[:_IDS_SHOWN] + ([f"{table}: … {len(mine) - _IDS_SHOWN} more the same way"] if len(mine) > _IDS_SHOWN else [])
    where = "in study.yaml" if study.meta.get("manifest") else "in a study.yaml (qlr info STUDY --template > STUDY/study.yaml writes one with every id)"
    return (
        f"give them neutral ids {where}, keeping each person's name as the case's label (labels are pseudonymised; a name "
        "only in an id would not be), then load and pseudonymise again; the key keeps who is who:\n  " + "\n  ".join(shown)
    )


def _previous_pseudonyms(key: Any) -> dict[str, dict[str, str]]:
    if key is None:
        return {}
    from ._key import read_key

    table = read_key(key) if not isinstance(key, pd.DataFrame) else key
    out: dict[str, dict[str, str]] = {}
    for row in table[table["record"] == "entity"].itertuples(index=False):
        out.setdefault(str(row.entity_id), {})[str(row.column)] = str(row.replacement)
    return out


def _empty_review() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c in ("count", "start", "end") else "string") for c in REVIEW_COLUMNS})


#: A speaker label that may be initials: two to four capitals ("PK", "RH", "MSM").
_INITIALS = re.compile(r"[A-Z]{2,4}")


def _initials_labels(study: Study) -> set[str]:
    """The study's speaker labels written as initials: two to four capitals that are not a role word (IV, INT, MOD).

    Role words are the loader's: the interviewer's labels it knows, and every label
    it gave a role as a common transcript role (``decided_by == "label"``).
    """
    segments = study.segments
    if "speaker" not in segments or not segments["speaker"].notna().any():
        return set()
    from ..io import speaker_labels
    from ..io._segment import DEFAULT_INTERVIEWER_LABELS

    table = speaker_labels(study)
    roles = set(table.loc[table["decided_by"] == "label", "speaker"].astype(str))
    return {label for label in map(str, table["speaker"]) if _INITIALS.fullmatch(label) and label.lower() not in DEFAULT_INTERVIEWER_LABELS and label not in roles}


#: Why a run of capitalised words is in the review queue.
_PHRASE_REASON = "capitalised words together: perhaps a place's or organisation's name"


class _Labels:
    """Speaker labels no roster person's initials explain, found as words for the review queue, each with its reason."""

    def __init__(self, labels: list[str], documents: list[str], *, owned: list[str] = ()) -> None:
        every = [*labels, *owned]
        self.pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, every)) + r")(?![\w])") if every else None
        # A roster person's initials are replaced where they label a speaker; elsewhere ("I came with PK", "6 PM")
        # they may be the person or an ordinary abbreviation: a reviewer decides.
        self.reasons = {label: "a roster person's initials as a speaker label, here in the text: perhaps the person, perhaps an abbreviation" for label in owned}
        for label in labels:
            # The header that says whose initials they are ("Rosa Hale (RH)"), to help the reviewer.
            said = re.compile(rf"({_find._NAME_WORD}(?:{_find._NAME_GAP}{_find._NAME_WORD})+)[ \t]*\({re.escape(label)}\)")
            named = next((m.group(1) for text in documents for m in [said.search(text)] if m), None)
            self.reasons[label] = "speaker label in capitals, perhaps a person's initials" + (f" ({named} ({label}) in the text)" if named else "")

    def find(self, text: str) -> list[tuple[int, int, str, str, str]]:
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), m.group(), "name", self.reasons[m.group()]) for m in self.pattern.finditer(text)]


def _collect_candidates(item: Field, found: list[_find.Found], candidates: dict[str, dict[str, Any]], labels: _Labels) -> None:
    """Capitalised words the dictionary does not know, names of several capitalised words, initials as labels, and long numbers, outside what was replaced."""
    covered = [(f.start, f.end) for f in found]
    tokens = [(s, e, t, "name", "capitalised word not in the dictionary") for s, e, t in _find.capitalised_tokens(item.text) if _find.is_candidate(t)]
    tokens += [(s, e, t, "name", _PHRASE_REASON) for s, e, t in _find.name_phrases(item.text)]
    tokens += labels.find(item.text)
    tokens += [(s, e, t, "number", "number of five or more digits") for s, e, t in _find.numbers(item.text)]
    for start, end, term, kind, reason in tokens:
        if any(s < end and start < e for s, e in covered):
            continue
        entry = candidates.get(term)
        if entry is None:
            candidates[term] = {"term": term, "kind": kind, "reason": reason, "count": 1, "table": item.table, "row_id": item.row_id, "column": item.column, "start": start, "end": end}
        else:
            entry["count"] += 1


def _ner_candidates(ner: Any, texts: list[Field], replaced: Mapping[tuple[str, str, str], str], candidates: dict[str, dict[str, Any]]) -> None:
    """Named entities a trained pipeline finds in what the rules left, as candidates for review."""
    import spacy

    from ..errors import SelectionError

    if isinstance(ner, (str, os.PathLike)):
        try:
            nlp = spacy.load(ner)
        except OSError:
            raise SelectionError(f"the spaCy pipeline {str(ner)!r} is not installed", hint="install a trained pipeline such as en_core_web_sm, or leave ner=None") from None
    else:
        nlp = ner
    if "ner" not in nlp.pipe_names:
        raise SelectionError("the spaCy pipeline has no named-entity recogniser ('ner')", hint="use a trained pipeline such as en_core_web_sm")
    for item in texts:
        if item.table not in ("documents", "memos") or item.column != "text":
            continue
        text = replaced.get((item.table, item.row_id, item.column), item.text)
        for entity in nlp(text).ents:
            kind = _NER_KINDS.get(entity.label_)
            if kind is None or entity.text.startswith("["):  # not a kind of identifier, or a placeholder
                continue
            if entity.text in candidates:
                entry = candidates[entity.text]
                if entry["reason"] == _PHRASE_REASON:  # the same words, and the pipeline says what they name
                    entry.update(kind=kind, reason=f"named entity ({entity.label_})")
                else:
                    entry["count"] += 1
                continue
            # Positions are in the pseudonymised text, which is what a reviewer reads.
            candidates[entity.text] = {
                "term": entity.text, "kind": kind, "reason": f"named entity ({entity.label_})", "count": 1,
                "table": item.table, "row_id": item.row_id, "column": "text (pseudonymised)", "start": entity.start_char, "end": entity.end_char,
            }


def _merge_review(review: pd.DataFrame, candidates: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Decided rows as they were; new candidates pending, most frequent first."""
    decided = review[review["decision"].isin(["accepted", "rejected"])]
    fresh = [dict(c, decision="pending", reviewer="", decided="") for term, c in candidates.items() if term not in set(decided["term"])]
    fresh.sort(key=lambda c: (-c["count"], c["term"]))
    frame = pd.concat([decided, pd.DataFrame(fresh, columns=REVIEW_COLUMNS)], ignore_index=True) if fresh else decided.reset_index(drop=True)
    for column in REVIEW_COLUMNS:
        frame[column] = frame[column].astype("Int64" if column in ("count", "start", "end") else "string")
    return frame.reset_index(drop=True)
