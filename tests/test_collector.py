"""Rule coding and Python's cycle collector (stop 59): what coding keeps is cheap to walk, and the user's collector is left as it was."""

from __future__ import annotations

import gc
import weakref
from collections import OrderedDict

import pytest

import qlr
from qlr.code import _prefilter, _rules
from qlr.code._nlp import shared_pipeline


class _Node:
    """A user's object in a reference cycle (only the cycle collector frees it)."""

    def __init__(self) -> None:
        self.me = self


def test_the_pre_filters_kept_steps_are_left_out_of_the_collectors_walks():
    """Each indicator's steps are tuples of strings: the collector stops tracking them once it has seen them.

    Held as frozensets, the bundled codebook's steps alone were some 5,900 objects walked by every full collection.
    """
    codebook = qlr.read_codebook("coproduction")
    text_filter = _prefilter.TextFilter(shared_pipeline(None), [(c.id, i) for c in codebook for i in c.indicators])
    searched = [needs.sequence for needs in text_filter._needs if needs.sequence is not None]
    assert len(searched) > 900
    # A tuple is untracked when a collection finds only untracked items in it; one holding tuples may need a second.
    gc.collect()
    gc.collect()
    tracked = [s for s in searched if gc.is_tracked(s.steps) or any(map(gc.is_tracked, s.steps))]
    assert tracked == []
    steps = [step for s in searched for step in s.steps]
    assert not any(isinstance(part, (set, frozenset)) for step in steps for part in step)
    # The same pattern as from the sets the filter built (sorted within the trie: the order of the words is no matter).
    one = next(s for s in searched if any(forms is not None and len(forms) > 3 for _, forms, _ in s.steps))
    as_sets = _prefilter._sequence([(op, None if forms is None else frozenset(forms), None if ex is None else frozenset(ex)) for op, forms, ex in one.steps])
    reversed_words = _prefilter._sequence([(op, None if forms is None else forms[::-1], ex) for op, forms, ex in one.steps])
    assert as_sets.pattern == one.pattern == reversed_words.pattern


@pytest.fixture
def new_session(monkeypatch):
    """No matcher or pre-filter built yet, as in a new process: ``apply`` builds them (under the collector's pause)."""
    monkeypatch.setattr(_rules, "_BUILT", OrderedDict())
    _rules.DOC_CACHE.clear()
    yield
    _rules.DOC_CACHE.clear()


def _apply(study):
    return study.apply(qlr.read_codebook("coproduction"), progress=False, cache=False)


def test_apply_gives_the_collector_back_as_it_found_it(sample_study, new_session):
    """On, nothing frozen, and a user's cycle made before the apply is freed by their next collection, not kept."""
    assert gc.isenabled() and gc.get_freeze_count() == 0
    node = _Node()
    gone = weakref.ref(node)
    del node  # garbage now, for the cycle collector only
    study = _apply(sample_study.copy())
    assert len(study.codings) > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


def test_apply_leaves_a_users_own_collector_settings_alone(sample_study, new_session):
    """Off stays off; objects the user froze (before forking, say) stay frozen, and none of qlr's are added."""
    gc.collect()
    gc.disable()
    try:
        _apply(sample_study.copy())
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    _rules._BUILT.clear()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        _apply(sample_study.copy())
        # Still frozen, none added (a frozen object is still freed when its last reference goes).
        assert gc.isenabled() and frozen - 100 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def test_building_the_matcher_and_pre_filter_leaves_no_cyclic_garbage():
    """What ``KeptObjects.paused`` relies on around the build: nothing a walk would free (known answer: 0)."""
    nlp = shared_pipeline(None)
    codebook = qlr.read_codebook("durose_richardson")
    rules = _rules.assertion_rules(nlp, codebook)
    from qlr.code._nlp import indicator_fingerprint

    needed = frozenset(indicator_fingerprint(c.id, i, rules.fingerprint) for c in codebook for i in c.indicators)
    gc.collect()
    gc.disable()
    try:
        built = _rules._BUILT
        _rules._BUILT = OrderedDict()
        try:
            matcher, text_filter = _rules._matching_for(nlp, codebook, rules, needed, model=None)
        finally:
            _rules._BUILT = built
    finally:
        gc.enable()
    assert matcher is not None and text_filter is not None
    assert gc.collect() == 0


def test_no_collection_falls_inside_the_build_of_a_sessions_first_apply(sample_study, new_session, monkeypatch):
    """The build runs with the collector paused: no walk of the half-built tables (known answer: 0 collections).

    With the collector on (``main`` before stop 59), a session's first apply of the bundled codebook saw 249 collections
    inside the build: 228 young, 20 middle and one full.  After it the collector runs again (the pause's young collection, then the coding's own).
    """
    building, built_once = [], []
    during, after = [], []

    def build(*args, **kwargs):
        building.append(True)
        try:
            return built(*args, **kwargs)
        finally:
            building.pop()
            built_once.append(True)

    def seen(phase, info):
        if phase == "start" and building:
            during.append(info["generation"])
        elif phase == "start" and built_once:
            after.append(info["generation"])

    built = _rules._matching_for
    monkeypatch.setattr(_rules, "_matching_for", build)
    gc.collect()
    gc.callbacks.append(seen)
    try:
        study = _apply(sample_study.copy())
    finally:
        gc.callbacks.remove(seen)
    assert len(study.codings) > 0
    assert during == []
    assert after
