"""Re-coding after a codebook edit reads the disk cache and builds only what the edit changed, in a new process too.

A researcher edits a codebook and runs ``qlr code`` again, or restarts a
notebook: a new process, with nothing built.  It must take the unchanged
indicators' matches from the disk cache without building their pre-filter or
matcher, and never take matches from a cache another qlr or another codebook
wrote as its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.code import _matchcache, _nlp, _prefilter, _rules

ROOT = Path(__file__).resolve().parents[1]


def _edited(codebook: qlr.Codebook) -> qlr.Codebook:
    """One indicator added to one code (the benchmarks' edit)."""
    code = codebook["reciprocity.two_way"]
    more = replace(code, indicators=code.indicators + (qlr.codebook.Indicator(phrase="pull together"),))
    return codebook.with_codes([more if c.id == code.id else c for c in codebook], version=codebook.version + "+edit")


def _distinct(codebook: qlr.Codebook) -> int:
    """How many indicators the codebook has, the same indicator twice on a code counted once (one fingerprint)."""
    return len({(code.id, repr(indicator)) for code in codebook for indicator in code.indicators})


def _codings(study: qlr.Study) -> pd.DataFrame:
    return study.codings.drop(columns=["created"]).sort_values("coding_id").reset_index(drop=True)


def _detail(study: qlr.Study) -> dict:
    return json.loads(study.log["detail"].iloc[-1])


def _new_session(study: qlr.Study, codebook: qlr.Codebook, **options: object) -> qlr.Study:
    """Coded as a new process would: nothing in memory, no pre-filter or matcher built."""
    _rules.DOC_CACHE.clear()
    _rules._BUILT.clear()
    options.setdefault("cache", False)
    return study.apply(codebook, progress=False, **options)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """How many indicators each pre-filter and matcher built during the test holds."""
    sizes: dict[str, list[int]] = {"filter": [], "matcher": []}
    make_filter, make_matcher = _prefilter.TextFilter.__init__, _nlp.CodebookMatcher.__init__

    def text_filter(self, nlp, indicators):
        sizes["filter"].append(len(indicators))
        make_filter(self, nlp, indicators)

    def matcher(self, nlp, codebook, indicators=None, **options):
        sizes["matcher"].append(len(indicators) if indicators is not None else sum(len(c.indicators) for c in codebook))
        make_matcher(self, nlp, codebook, indicators=indicators, **options)

    monkeypatch.setattr(_prefilter.TextFilter, "__init__", text_filter)
    monkeypatch.setattr(_nlp.CodebookMatcher, "__init__", matcher)
    return sizes


def test_an_edit_read_from_the_disk_cache_builds_only_the_new_indicator(sample_study, tmp_path, built):
    codebook = qlr.read_codebook("coproduction")
    every = _distinct(codebook)
    cold = _new_session(sample_study.copy(), codebook, cache=tmp_path)
    assert built == {"filter": [every], "matcher": [every]}
    built["filter"].clear(), built["matcher"].clear()
    edited = _new_session(sample_study.copy(), _edited(codebook), cache=tmp_path)
    # The unchanged indicators' matches come from the disk cache; only "pull together" is built and matched.
    assert built == {"filter": [1], "matcher": [1]}
    assert _detail(edited)["read from the disk cache"] == _detail(edited)["matched"] > 0
    pd.testing.assert_frame_equal(_codings(edited), _codings(_new_session(sample_study.copy(), _edited(codebook))))
    assert len(edited.codings) >= len(cold.codings)


#: What the second process runs: the edit, read from the cache the first process wrote (paths as arguments).
_EDIT_IN_A_NEW_PROCESS = textwrap.dedent(
    """
    import json, sys
    from dataclasses import replace
    import qlr
    from qlr.code import _prefilter
    sizes = []
    make = _prefilter.TextFilter.__init__
    def counted(self, nlp, indicators):
        sizes.append(len(indicators))
        make(self, nlp, indicators)
    _prefilter.TextFilter.__init__ = counted
    study = qlr.load(sys.argv[1], progress=False)
    codebook = qlr.read_codebook("coproduction")
    if sys.argv[3] == "edit":
        code = codebook["reciprocity.two_way"]
        more = replace(code, indicators=code.indicators + (qlr.codebook.Indicator(phrase="pull together"),))
        codebook = codebook.with_codes([more if c.id == code.id else c for c in codebook], version=codebook.version + "+edit")
    study.apply(codebook, progress=False, cache=sys.argv[2])
    detail = json.loads(study.log["detail"].iloc[-1])
    print(json.dumps({"built": sizes, "read": detail["read from the disk cache"], "matched": detail["matched"],
                      "codings": sorted(study.codings["coding_id"])}))
    """
)


def test_an_edit_in_a_new_process_reads_what_the_first_process_wrote(tmp_path):
    """Two real processes, as a researcher's two runs of ``qlr code``: the second builds the new indicator only."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    # The user's cache directory (the checksums' key) is the tests' own, shared by both processes as by a user's runs.
    assert environment["XDG_CACHE_HOME"]

    def run(mode: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _EDIT_IN_A_NEW_PROCESS, str(ROOT / "data" / "sample"), str(tmp_path / "cache"), mode],
            capture_output=True, text=True, env=environment, timeout=600, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    cold = run("cold")
    every = _distinct(qlr.read_codebook("coproduction"))
    assert cold["built"] == [every] and cold["read"] == 0
    edit = run("edit")
    assert edit["built"] == [1]  # not the 900-odd indicators whose matches were on disk
    assert edit["read"] == edit["matched"] == cold["matched"]
    assert set(cold["codings"]) <= set(edit["codings"])


def test_a_cache_written_by_another_qlr_is_not_read(sample_study, tmp_path, monkeypatch, built):
    codebook = qlr.read_codebook("coproduction")
    cold = _new_session(sample_study.copy(), codebook, cache=tmp_path)
    # Another qlr decides matches by other code: its rows are keyed apart and never read.
    monkeypatch.setattr(_matchcache, "code_fingerprint", lambda: "another-qlr")
    built["filter"].clear()
    again = _new_session(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(again)["read from the disk cache"] == 0
    assert built["filter"] == [_distinct(codebook)]
    pd.testing.assert_frame_equal(_codings(again), _codings(cold))


def test_another_codebooks_cached_matches_are_not_taken_as_this_ones(sample_study, tmp_path, built):
    """The same words under another code, or judged by other assertion rules, are matched afresh."""
    codebook = qlr.read_codebook("coproduction")
    _new_session(sample_study.copy(), codebook, cache=tmp_path)
    moved = codebook["reciprocity.two_way"]
    renamed = codebook.with_codes([replace(moved, id="reciprocity.both_ways") if c.id == moved.id else c for c in codebook])
    built["filter"].clear()
    coded = _new_session(sample_study.copy(), renamed, cache=tmp_path)
    assert built["filter"] == [len({repr(indicator) for indicator in moved.indicators})]  # only the renamed code's indicators are matched again
    pd.testing.assert_frame_equal(_codings(coded), _codings(_new_session(sample_study.copy(), renamed)))
    by_rule = set(coded.codings.loc[coded.codings["origin"] == "rules", "code_id"])
    assert "reciprocity.both_ways" in by_rule and moved.id not in by_rule
    # A codebook's own assertion rule changes the rules' fingerprint: every indicator is judged again.
    rows = codebook.to_dict()
    rows["assertion"] = [*rows["assertion"], {"kind": "trigger", "category": "hypothetical", "direction": "forward", "phrase": "supposing"}]
    ruled = qlr.Codebook.from_dict(rows)
    built["filter"].clear()
    coded = _new_session(sample_study.copy(), ruled, cache=tmp_path)
    assert built["filter"] == [_distinct(codebook)]
    pd.testing.assert_frame_equal(_codings(coded), _codings(_new_session(sample_study.copy(), ruled)))


def test_a_codebooks_rules_are_the_bundled_ones_extended():
    """``assertion_rules`` builds a codebook's rules at once: the same rules, in the same order, as ``extended``."""
    from qlr.code._assertion import Rule

    nlp = _nlp.shared_pipeline(None)
    added = ({"kind": "trigger", "category": "hypothetical", "direction": "forward", "phrase": "supposing"},)
    at_once = _rules._with_codebook_rules(nlp, tuple(tuple(sorted(rule.items())) for rule in added))
    extended = _rules._bundled_rules(nlp).extended([Rule(**rule) for rule in added])
    assert at_once.rules == extended.rules and at_once.fingerprint == extended.fingerprint
    doc = nlp("Supposing we ran the group ourselves, it would work.")
    assert at_once.judge(doc, "ran the group") == extended.judge(doc, "ran the group") == "hypothetical"


def _compiled(pattern: _prefilter._Searched) -> bool:
    """Whether the pattern was compiled (read from its slot: reading ``search`` itself would compile it)."""
    try:
        type(pattern).search.__get__(pattern)
    except AttributeError:
        return False
    return True


def test_the_pre_filter_compiles_a_pattern_only_when_it_searches_it():
    codebook = qlr.read_codebook("coproduction")
    text_filter = _prefilter.TextFilter(_nlp.shared_pipeline(None), [(c.id, i) for c in codebook for i in c.indicators])
    patterns = [needs.sequence for needs in text_filter._needs if needs.sequence is not None]
    assert len(patterns) > 900 and not any(map(_compiled, patterns))
    # "goes both ways" is a whole match wherever its anchor is found: no pattern is searched for it.
    assert text_filter.pieces("Nice weather. It goes both ways now.") == [(14, 36)] and not any(map(_compiled, patterns))
    # "had a say" is anchored on "say": a few indicators' patterns are searched around it, and only theirs compiled.
    assert text_filter.pieces("Rain. We had a say in it.") == [(6, 25)]
    assert 0 < sum(map(_compiled, patterns)) < 10
