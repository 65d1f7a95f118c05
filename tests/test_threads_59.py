"""Threads coding at once (stop 59): what ``study.apply`` keeps between runs is shared, and stays whole.

A Jupyter user may run two applies in threads, and Dask's threaded workers code batches in threads of one process;
every thread shares the matchers and pre-filters built once per codebook (``_rules._BUILT``) and what they keep per
chunk of text.  Each thread must get exactly the codings one thread alone gets.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

import qlr
from qlr.code import _nlp, _prefilter, _rules
from qlr.code._nlp import shared_pipeline

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _codings(study):
    codings = study.codings.drop(columns=["created", "coding_id"])
    return codings.sort_values(list(codings.columns)).reset_index(drop=True)


def _at_once(work, threads):
    """Run ``work(i)`` in ``threads`` threads released together, switching between them as often as Python can."""
    results, errors = [None] * threads, []
    start = threading.Barrier(threads)

    def run(i):
        start.wait()
        try:
            results[i] = work(i)
        except BaseException as error:  # noqa: BLE001 - every thread's failure is reported
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        running = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return results, errors


@pytest.fixture()
def fresh_builds():
    """A fresh matcher and pre-filter for the test (each run shares them, as an application does), and none left after."""
    _rules._BUILT.clear()
    _rules.DOC_CACHE.clear()
    yield
    _rules._BUILT.clear()
    _rules.DOC_CACHE.clear()


def test_threads_applying_a_codebook_at_once_code_as_one_thread_does(monkeypatch, fresh_builds):
    """Three threads apply the bundled codebook to the sample at once, three rounds, each round building anew."""
    codebook = qlr.read_codebook("coproduction")
    sample = qlr.load(SAMPLE, progress=False)
    alone = _codings(sample.copy().apply(codebook, progress=False, cache=False))
    assert len(alone) > 1000
    # Kept memories emptied every few chunks, so threads meet each other filling and emptying them.
    monkeypatch.setattr(_prefilter, "_CHUNKS_KEPT", 50)
    monkeypatch.setattr(_nlp, "_ENTRIES_KEPT", 50)
    for _ in range(3):
        _rules._BUILT.clear()
        _rules.DOC_CACHE.clear()
        results, errors = _at_once(lambda i: _codings(sample.copy().apply(codebook, progress=False, cache=False)), 3)
        assert errors == []
        for result in results:
            assert result.equals(alone)



def test_threads_keeping_parses_and_matches_in_one_small_doc_cache_never_trip_on_each_other():
    """``DocCache`` shared by threads and full, each thread's entries pushing out others': no entry moved as it is
    dropped (``KeyError``), and the tokens it counts are those of the parses it holds."""
    from qlr.code._nlp import Match

    cache = _rules.DocCache(max_tokens=10, max_texts=1)
    nlp = shared_pipeline(None)
    docs = [nlp.make_doc("one two three four five"), nlp.make_doc("six seven eight")]
    match = Match("c", "say", 0, 3, 0, 5, "f1", "affirmed")

    def keep(i):
        for n in range(20000):
            key = ("p", f"{i}-{n}")
            cache.put(key, docs[n % 2])
            cache.get(key)
            cache.set_matches(key, frozenset({"f1"}), [match])
            len(cache)
        return True

    results, errors = _at_once(keep, 4)
    assert errors == [] and results == [True] * 4
    assert cache._tokens == sum(map(len, cache._docs.values())) <= 10
    assert len(cache._matches) == 1


def test_threads_asking_for_a_new_match_cache_key_at_once_all_get_the_one_written(monkeypatch, tmp_path):
    """The first run of a user's match cache makes its key: threads asking at once all get the one on disk.

    Before stop 59 a thread could find the key file another had just created and not yet written, or fail to create
    it, and take a key for itself alone: what it cached was refused by every later run, with a warning about another
    writer.
    """
    from qlr.code import _matchcache

    monkeypatch.setattr(_matchcache, "default_folder", lambda: tmp_path)
    for round_ in range(20):
        (tmp_path / "key").unlink(missing_ok=True)
        _matchcache._key.cache_clear()
        keys, errors = _at_once(lambda i: _matchcache._key(), 4)
        assert errors == []
        written = (tmp_path / "key").read_bytes()
        assert len(written) == 32
        assert keys == [written] * 4, f"round {round_}"
    _matchcache._key.cache_clear()  # the user's own key read again from their folder
