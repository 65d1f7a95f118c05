"""Actor networks: who reports support with whom, per wave, from coded segments."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from .._ids import document_of_segment
from .._warned import warn
from .._words import number_of
from ..errors import EmptyNetworkWarning, SelectionError
from ..evidence import each_case, group_columns, pick_codebook
from ..track._evidence import codings_in_context, context_positions, document_context, row_positions

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["actors", "mentions", "support_codes"]


def support_codes(codebook: Codebook) -> list[str]:
    """The codes that mark a segment as talk about support between people.

    They are the codes of the themes the codebook's ``networks: {support: [...]}``
    block names; a codebook without that block has no such themes, and then every
    code counts (any coded segment that names people gives ties) but those that
    count against their theme (:meth:`~qlr.codebook.Codebook.counts_against`:
    isolation is no support between the people it names).

    Parameters
    ----------
    codebook : Codebook
        The codebook the codings were made with.

    Returns
    -------
    list of str
        Code ids, in the codebook's order.

    Examples
    --------
    >>> import qlr
    >>> qlr.read_codebook("coproduction").networks["support"]
    ('peer_networks', 'reciprocity')
    >>> qlr.net.support_codes(qlr.read_codebook("coproduction"))[:2]
    ['reciprocity.two_way', 'reciprocity.giving_back']
    """
    themes = codebook.networks.get("support")
    # Codes that count against their theme (isolation, staff-led delivery) are not talk about support between people,
    # whether or not the codebook names its support themes.
    if themes is None:
        return [c.id for c in codebook.codes if not codebook.counts_against(c.id)]
    return [c.id for c in codebook.codes if codebook.rollup(c.id) in themes]


def _alias_pattern(roster: pd.DataFrame) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex of every name and alias (longest first), and alias → actor id."""
    lookup: dict[str, str] = {}
    for row in roster.itertuples(index=False):
        names = [row.name, *(row.aliases or [])]
        if row.kind == "person" and isinstance(row.name, str) and " " in row.name:
            names.append(row.name.split()[0])  # a first name stands for the person
        for name in names:
            if isinstance(name, str) and name.strip():
                lookup.setdefault(name.strip(), row.actor_id)
    ordered = sorted(lookup, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x"), lookup
    # Whole words only ("Jo" is not in "Joan"); a possessive ("Jo's") still names Jo.
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)"), lookup


#: The column a pooled study (:func:`qlr.concat`) gives its actors and documents: whose roster a text is read against.
_STUDY = "study"


def _named_actors(study: Study, roster: pd.DataFrame, seg_ids: pd.Series, texts: pd.Series) -> list[list[str]]:
    """The actor ids each text names, in order of first mention, each once.

    In a pooled study (actors and documents with a ``study`` column) a text is read
    against its own study's roster only (and actors of no study): "the group" of one
    study is not the group of another, and two studies' Joans are two people.
    """
    pooled = _STUDY in roster.columns and _STUDY in study.documents.columns
    if not pooled:
        pattern, lookup = _alias_pattern(roster)
        return [list(dict.fromkeys(lookup[a] for a in aliases)) for aliases in texts.str.findall(pattern)]
    doc_study = dict(zip(study.documents["doc_id"], study.documents[_STUDY].astype(object).where(study.documents[_STUDY].notna(), None)))
    seg_study = [doc_study.get(document_of_segment(seg_id)) for seg_id in seg_ids]
    named: list[list[str]] = [[] for _ in seg_study]
    roster_study = roster[_STUDY].astype(object).where(roster[_STUDY].notna(), None)
    for label in dict.fromkeys(seg_study):
        own = roster if label is None else roster[(roster_study == label) | roster_study.isna()]
        pattern, lookup = _alias_pattern(own)
        positions = [i for i, s in enumerate(seg_study) if s == label]
        for i, aliases in zip(positions, texts.iloc[positions].str.findall(pattern)):
            named[i] = list(dict.fromkeys(lookup[a] for a in aliases))
    return named


def mentions(text: str, pattern: re.Pattern[str], lookup: dict[str, str]) -> list[str]:
    """Actor ids named in ``text``, in order of first mention, each once.

    Parameters
    ----------
    text : str
        The text to search (a segment).
    pattern : re.Pattern
        A regex whose first group captures a name or alias (longer names first,
        so "Joan Price" is found rather than "Joan").
    lookup : dict
        Name or alias → actor id.

    Returns
    -------
    list of str
        Actor ids, in order of first mention, each once.

    Examples
    --------
    >>> import re, qlr
    >>> lookup = {"Joan Price": "A1", "Joan": "A1", "Jo": "A2", "Carers Centre": "O1"}
    >>> pattern = re.compile(r"(?<!\\w)(Joan Price|Carers Centre|Joan|Jo)(?!\\w)")
    >>> qlr.net.mentions("Jo rang the Carers Centre, then Joan Price; Joan again.", pattern, lookup)
    ['A2', 'O1', 'A1']
    """
    seen: list[str] = []
    for match in pattern.finditer(text):
        actor = lookup[match.group(1)]
        if actor not in seen:
            seen.append(actor)
    return seen


def actors(
    study: Study,
    *,
    by: str | None = "wave",
    codes: list[str] | None = None,
    codebook: Any = None,
    model: str | None = None,
) -> dict[Any, nx.DiGraph]:
    """Support networks between people and organisations, one directed graph per wave.

    A segment counts when it is coded with a support code (by default
    :func:`support_codes`: the codes of the themes the codebook's ``networks:``
    block names as support).  Its speaker (the document's case,
    for a participant's turn) gets a tie **to** each actor of the roster the
    segment names — "I ring Joan when…" gives ``speaker → Joan``.  In segments
    without a speaking case (field notes), the actors named are tied in the order
    they are named (first → each later one).  The roster is ``study.actors``:
    cases and the manifest's ``actors:``, matched by name, aliases and, for people,
    first name, as whole words.  In a pooled study (:func:`qlr.concat`) a text is
    read against its own study's roster only.

    Ties carry ``count`` (segments), ``codes`` (the support codes, sorted) and
    ``evidence`` (segment ids); nodes carry ``name``, ``kind`` (person,
    organisation…), ``role`` and ``case``.  A reciprocal pair (``a → b`` and
    ``b → a``) means each side reported the support.

    Parameters
    ----------
    study : Study
        The coded study.
    by : str or None
        ``"wave"`` (default), another grouping column, or None for one network.
    codes : list of str, optional
        The support codes; defaults to :func:`support_codes` of the codebook.
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or
        path; defaults to the study's only codebook.
    model : str, optional
        An installed trained spaCy pipeline (e.g. ``"en_core_web_sm"``): adds the
        PERSON and ORG entities it finds outside the roster as candidate nodes
        (``kind="candidate"``), for the researcher to add to the manifest.

    Returns
    -------
    dict
        ``{wave_id: networkx.DiGraph}``. Where no tie is found at all, each graph's
        ``graph["note"]`` says why, as the :class:`~qlr.errors.EmptyNetworkWarning`
        given then does.

    Warns
    -----
    EmptyNetworkWarning
        Every network is empty: no code is a support code, no passage is coded
        with one, or no coded passage names someone of the roster besides its
        speaker (the warning says how the roster is made and what to add).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> graphs = qlr.net.actors(study)
    >>> graphs["W3"].has_edge("C10", "C01") and graphs["W3"].has_edge("C01", "C10")
    True
    """
    cb = pick_codebook(study, codebook)
    chosen = codes is not None
    if codes is None:
        codes = support_codes(cb)
    unknown = [c for c in codes if c not in cb]
    if unknown:
        raise SelectionError(f"codes not in codebook {cb.id}: {', '.join(unknown)}", hint="see codebook.to_frame()")
    keys = group_columns(by)
    every = codings_in_context(study, cb, need=[*keys, "speaker_role"])
    coded = every[every["code_id"].isin(codes)]
    missing = [k for k in keys if k not in coded.columns]
    if missing:
        raise SelectionError(f"cannot group by {', '.join(missing)}", hint="use by='wave', a document column, a case column, or None")
    roster = study.actors
    _, lookup = _alias_pattern(roster)
    texts = study.segment_texts()
    nodes = {row.actor_id: row for row in roster.itertuples(index=False)}

    # One row per coded segment, with the actors it names (vectorised over segments).
    # A joint voice's turn ("Dai and Kwame:") is a row for each case it names: each speaks of whom it names.
    # Each column once: by="case" groups by case_id, which a column list naming it twice would make a frame.
    segments = coded.drop_duplicates(["seg_id", "case_id"])[list(dict.fromkeys(["seg_id", "case_id", "speaker_role", *keys]))]
    segments = segments.dropna(subset=keys) if keys else segments
    found = _named_actors(study, roster, segments["seg_id"], texts.reindex(segments["seg_id"]).fillna("").astype(str))
    groups = list(zip(*(segments[k] for k in keys))) if keys else [()] * len(segments)
    ties: list[tuple[tuple[Any, ...], str, str, str]] = []
    for seg_id, case_id, role, named, group in zip(segments["seg_id"], segments["case_id"], segments["speaker_role"], found, groups):
        if str(role) == "participant" and not pd.isna(case_id):
            ties += [(group, seg_id, case_id, other) for other in named if other != case_id]
        elif named:
            ties += [(group, seg_id, named[0], other) for other in named[1:]]
    # Aggregate ties in plain dictionaries: a pandas group per tie would dominate the time.
    codes_by_segment: dict[str, set[str]] = {}
    for seg_id, code_id in zip(coded["seg_id"], coded["code_id"]):
        codes_by_segment.setdefault(seg_id, set()).add(code_id)
    edges: dict[tuple[Any, str, str], list[Any]] = {}
    for key_values, seg_id, source, target in ties:
        key = key_values[0] if len(key_values) == 1 else (key_values if key_values else None)
        entry = edges.setdefault((key, source, target), [0, set(), []])
        entry[0] += 1
        entry[1] |= codes_by_segment.get(seg_id, set())
        entry[2].append(seg_id)

    graphs: dict[Any, nx.DiGraph] = {wave: nx.DiGraph() for wave in (list(study.waves["wave_id"]) if keys == ["wave_id"] else [])}
    for (key, source, target), (count, codes_seen, evidence) in edges.items():
        graph = graphs.setdefault(key, nx.DiGraph())
        for node in (source, target):
            if node not in graph:
                _add_node(graph, node, nodes)
        graph.add_edge(source, target, count=count, codes=sorted(codes_seen), evidence=evidence)
    if not ties:
        why = _why_no_ties(study, cb, codes, chosen=chosen, n_coded=every["seg_id"].nunique(), segments=segments, found=found)
        for graph in graphs.values():
            graph.graph["note"] = why
        warn(f"every support network is empty: {why}", EmptyNetworkWarning)
    if model:
        _add_candidates(study, graphs, model, lookup, keys)
    return graphs


def _why_no_ties(study: Study, codebook: Codebook, codes: list[str], *, chosen: bool, n_coded: int, segments: pd.DataFrame, found: list[list[str]]) -> str:
    """Why :func:`actors` found no tie, and what to add: no support code, no passage coded with one, or no coded passage
    naming someone of the roster besides its speaker (the roster said: cases, and the manifest's ``actors:`` or none).
    ``chosen``: the caller gave the codes."""
    themes = codebook.networks.get("support")
    if chosen:
        which = f"the codes given: {', '.join(codes) or 'none'}"
    elif themes is not None:
        which = f"the codes of the themes {', '.join(themes)}, which its networks: block names as support"
    else:
        which = "every code but those counting against their theme, as it names no support themes under networks:"
    if not codes:
        return f"no code of codebook '{codebook.id}' is a support code ({which}). Fix: name the themes whose codes are talk of support between people under the codebook's networks: {{support: [...]}}"
    if not len(segments):
        if not n_coded:
            return f"the study has no codings of codebook '{codebook.id}' that count as evidence. Fix: apply it first (study.apply('{codebook.id}'), or qlr code)"
        return (
            f"none of the {number_of(n_coded, 'passage')} coded with codebook '{codebook.id}' has a support code ({which}). "
            "Fix: code the talk of support between people with those codes, or name other themes under the codebook's networks: {support: [...]}"
        )
    speaking = [case if str(role) == "participant" and not pd.isna(case) else None for case, role in zip(segments["case_id"], segments["speaker_role"])]
    own = sum(bool(named) and case is not None and set(named) <= {case} for case, named in zip(speaking, found))
    alone = sum(case is None and len(named) == 1 for case, named in zip(speaking, found))
    told = [f"{own} {'names' if own == 1 else 'name'} only its speaker"] if own else []
    told += [f"{alone} outside a participant's turn {'names' if alone == 1 else 'name'} one person only"] if alone else []
    cases = study.actors["case_id"].notna().to_numpy(dtype=bool) if "case_id" in study.actors else None
    n_cases = int(cases.sum()) if cases is not None else 0
    others = len(study.actors) - n_cases
    # An imported project's cases are not on the roster (study.actors lists none): "the study's 0 cases" read as if it had none.
    held = len(study.cases)
    whose = f"the study's {number_of(n_cases, 'case')}" if n_cases == held else f"{n_cases} of the study's {number_of(held, 'case')} (the others are on no roster: actors: in study.yaml lists none of them)"
    roster = f"the roster is {whose}" + (f" and {number_of(others, 'actor')} of study.yaml" if others else ", with no actors: in study.yaml")
    return (
        f"{number_of(segments['seg_id'].nunique(), 'passage')} coded with a support code ({which}), none naming someone of the roster besides the person speaking"
        + (f" ({'; '.join(told)})" if told else "")
        + f"; {roster}. Fix: list the people and organisations participants speak of under actors: in study.yaml, with the words "
        "they are called by as aliases (e.g. {name: Mags Reid, aliases: [Mags, the manager]}), and give cases their names as labels"
    )


def _add_node(graph: nx.DiGraph, node: str, nodes: dict[str, Any]) -> None:
    info = nodes.get(node)
    if info is None:
        graph.add_node(node, name=node, kind="person", role="", case="")
        return
    graph.add_node(
        node,
        name=str(info.name),
        kind=str(info.kind) if not pd.isna(info.kind) else "person",
        role=str(info.role) if not pd.isna(info.role) else "",
        case=str(info.case_id) if not pd.isna(info.case_id) else "",
    )


def _add_candidates(study: Study, graphs: dict[Any, nx.DiGraph], model: str, lookup: dict[str, str], keys: list[str]) -> None:
    """Named entities a trained pipeline finds that the roster lacks, as candidate nodes."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError:
        raise SelectionError(f"the spaCy pipeline {model!r} is not installed", hint="install it, or leave model=None") from None
    if "ner" not in nlp.pipe_names:
        raise SelectionError(f"the spaCy pipeline {model!r} has no named-entity recogniser", hint="use a trained pipeline such as en_core_web_sm")
    # Each segment's group as its codings' (a focus group's turn is its speaker's case's).
    context = document_context(study)
    # A joint voice's turn ("Dai and Kwame:") is in each named case's group.
    segments, whose = each_case(study, study.segments)
    rows_of: dict[Any, list[int]] = {}
    for seg_id, row in zip(segments["seg_id"], context_positions(study, context, segments, whose=whose)):
        rows_of.setdefault(seg_id, []).append(int(row))
    for seg_id, text in study.segment_texts().items():
        rows = rows_of.get(seg_id) or [int(row_positions(context["doc_id"], pd.Series([document_of_segment(seg_id)]))[0])]
        keys_here = []
        for row in rows:
            if row < 0:
                continue
            group = tuple(context[k].iloc[row] for k in keys) if keys else ()
            key = group[0] if len(group) == 1 else (group if group else None)
            if key in graphs:
                keys_here.append(key)
        if not keys_here:
            continue
        for entity in nlp(str(text)).ents:
            if entity.label_ in ("PERSON", "ORG") and entity.text not in lookup:
                for key in keys_here:
                    graphs[key].add_node(entity.text, name=entity.text, kind="candidate", role=entity.label_.lower(), case="")
