"""An indicator's fingerprint is kept between applies, and never outlives the indicator it was made from.

The fingerprint names an indicator's matches in the match caches (in memory and on disk): an indicator edited
in place, or a codebook rebuilt, between two ``study.apply`` calls must get a new one, or the disk cache would
hand back the old indicator's codings.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from types import MappingProxyType

import pandas as pd
import pytest

import qlr
from qlr.code import _nlp, _rules
from qlr.codebook import Indicator


def _by_repr(code_id: str, indicator: object, rules: str) -> str:
    """The fingerprint as stop 54's qlr made it, every time: the indicator's repr, hashed."""
    return hashlib.sha1(f"{code_id}\x1f{indicator!r}\x1f{rules}".encode()).hexdigest()[:16]


def _codings(study: qlr.Study) -> pd.DataFrame:
    columns = ["doc_id", "start", "end", "code_id", "indicator", "assertion"]
    return study.codings[columns].sort_values(columns).reset_index(drop=True)


def _fresh(study: qlr.Study, codebook: qlr.Codebook, **options: object) -> qlr.Study:
    """Coded with nothing kept in memory from an earlier apply (no matcher, no Doc, no fingerprint)."""
    _rules.DOC_CACHE.clear()
    _rules._BUILT.clear()
    _nlp._FINGERPRINTS.clear()
    options.setdefault("cache", False)
    return study.copy().apply(codebook, progress=False, **options)


def test_known_fingerprints_are_unchanged():
    # Computed by qlr before the fingerprints were kept (main at da44564): the disk caches users hold name these.
    pattern = ({"LEMMA": "ask"}, {"LOWER": {"IN": ["us", "me"]}, "OP": "?"})
    assert _nlp.indicator_fingerprint("reciprocity.two_way", Indicator(phrase="two-way")) == "e68ec826e33899d2"
    for _ in range(2):  # computed, then kept
        assert _nlp.indicator_fingerprint("voice.asked", Indicator(pattern=pattern), "abc") == "d2d485f35a9f9846"


@pytest.mark.parametrize("name", qlr.codebook.bundled_codebooks())
def test_every_bundled_indicator_has_its_repr_fingerprint_computed_and_kept(name):
    codebook = qlr.read_codebook(name)
    _nlp._FINGERPRINTS.clear()
    for rules in ("", "0123456789ab"):
        for code in codebook:
            for indicator in code.indicators:
                expected = _by_repr(code.id, indicator, rules)
                assert _nlp.indicator_fingerprint(code.id, indicator, rules) == expected
                assert _nlp.indicator_fingerprint(code.id, indicator, rules) == expected
    distinct = {(code.id, repr(indicator)) for code in codebook for indicator in code.indicators}
    assert len(_nlp._FINGERPRINTS) == 2 * len(distinct)  # every one kept, under each fingerprint of the rules


def test_a_pattern_edited_in_place_is_fingerprinted_anew():
    pattern = ({"LEMMA": "ask"}, {"LOWER": {"IN": ["us", "me"]}, "OP": "?"})
    indicator = Indicator(pattern=pattern)
    seen = {_nlp.indicator_fingerprint("voice.asked", indicator)}
    edits = [
        lambda: pattern[1]["LOWER"]["IN"].append("them"),  # a list inside a mapping
        lambda: pattern[0].update(LEMMA="consult"),  # a value
        lambda: pattern[1].update(OP=pattern[1].pop("OP")) or pattern[1].update(LOWER=pattern[1].pop("LOWER")),  # the order
        lambda: pattern[1].update(LENGTH=1),
        lambda: pattern[1].update(LENGTH=True),  # equal to 1, but written otherwise: another repr
        lambda: pattern[1].update(LENGTH=1.0),
    ]
    for edit in edits:
        edit()
        fingerprint = _nlp.indicator_fingerprint("voice.asked", indicator)
        assert fingerprint == _by_repr("voice.asked", indicator, "")
        assert fingerprint not in seen
        seen.add(fingerprint)
    # The known one after the key order changed back and forth: what the repr says, not an earlier answer.
    assert _nlp.indicator_fingerprint("voice.asked", Indicator(pattern=({"LEMMA": "ask"}, {"OP": "?", "LOWER": {"IN": ["us", "me"]}})), "abc") == "523818ea9a7a8973"


def test_code_rules_negation_and_id_are_part_of_it():
    indicator = Indicator(phrase="asked us")
    fingerprints = {
        _nlp.indicator_fingerprint("voice.asked", indicator),
        _nlp.indicator_fingerprint("voice.heard", indicator),
        _nlp.indicator_fingerprint("voice.asked", indicator, "abc"),
        _nlp.indicator_fingerprint("voice.asked", replace(indicator, negated=True)),
        _nlp.indicator_fingerprint("voice.asked", replace(indicator, negated=1)),  # not False, not True: its own repr
        _nlp.indicator_fingerprint("voice.asked", replace(indicator, id="asked")),
    }
    assert len(fingerprints) == 6


def test_what_cannot_be_copied_exactly_is_fingerprinted_each_time():
    class Phrase(str):
        def __repr__(self) -> str:
            return "Phrase(" + str.__repr__(self) + ")"

    class Named(Indicator):
        pass

    _nlp._FINGERPRINTS.clear()
    inner = {"LOWER": "chair"}
    odd = [
        Indicator(pattern=(MappingProxyType(inner),)),
        Indicator(phrase=Phrase("two-way")),
        Named(phrase="two-way"),
        "not an indicator",
    ]
    before = [_nlp.indicator_fingerprint("power.co_leading", indicator) for indicator in odd]
    assert before == [_by_repr("power.co_leading", indicator, "") for indicator in odd]
    assert len(set(before)) == 4
    assert not _nlp._FINGERPRINTS
    inner["LOWER"] = "chaired"  # the mapping proxy's mapping edited: seen at once
    assert _nlp.indicator_fingerprint("power.co_leading", odd[0]) == _by_repr("power.co_leading", odd[0], "") != before[0]


def test_the_kept_fingerprints_are_bounded(monkeypatch):
    monkeypatch.setattr(_nlp, "_FINGERPRINTS_KEPT", 3)
    _nlp._FINGERPRINTS.clear()
    for number in range(10):
        indicator = Indicator(phrase=f"phrase {number}")
        assert _nlp.indicator_fingerprint("c", indicator) == _by_repr("c", indicator, "")
        assert len(_nlp._FINGERPRINTS) <= 3


def test_two_codebooks_with_the_same_indicators_share_them():
    first, second = qlr.read_codebook("coproduction"), qlr.read_codebook("coproduction")
    assert first is not second
    _nlp._FINGERPRINTS.clear()
    one = [_nlp.indicator_fingerprint(code.id, indicator, "r") for code in first for indicator in code.indicators]
    kept = len(_nlp._FINGERPRINTS)
    other = [_nlp.indicator_fingerprint(code.id, indicator, "r") for code in second for indicator in code.indicators]
    assert one == other
    assert len(_nlp._FINGERPRINTS) == kept  # nothing new made for the second


def _chairing(codebook: qlr.Codebook) -> Indicator:
    """power.co_leading's "chaired, chairing" (it codes 18 passages of the sample study), or what an edit left of it."""
    first = [i.pattern[0].get("LOWER") if i.pattern else None for i in codebook["power.co_leading"].indicators]
    return next(i for i, lower in zip(codebook["power.co_leading"].indicators, first) if isinstance(lower, dict) and lower.get("IN", [])[:1] == ["chaired"])


def _without_chairing(codebook: qlr.Codebook) -> qlr.Codebook:
    """The same codebook rebuilt, "chairing" left out of that indicator."""
    code = codebook["power.co_leading"]
    old = _chairing(codebook)
    new = Indicator(pattern=({"LOWER": {"IN": ["chaired"]}},), negated=old.negated, id=old.id)
    return codebook.with_codes([replace(code, indicators=tuple(new if i is old else i for i in code.indicators)) if c.id == code.id else c for c in codebook])


@pytest.mark.parametrize("how", ["in place", "rebuilt"])
def test_an_edit_between_two_applies_gets_the_edits_codings_from_the_disk_cache(sample_study, tmp_path, how):
    codebook = qlr.read_codebook("coproduction")
    before = _codings(_fresh(sample_study, codebook, cache=tmp_path))
    chairing = _chairing(codebook)
    label = chairing.label
    if how == "in place":
        chairing.pattern[0]["LOWER"]["IN"].remove("chairing")  # the same Indicator object, its list edited
        edited = codebook
    else:
        edited = _without_chairing(codebook)
    # The same process, the same disk cache: the edited indicator is matched again, the others come from the cache.
    again = _codings(sample_study.copy().apply(edited, progress=False, cache=tmp_path))
    expected = _codings(_fresh(sample_study, _without_chairing(qlr.read_codebook("coproduction"))))
    pd.testing.assert_frame_equal(again, expected)
    # The codings' indicator column names every indicator that coded a passage ("a; b"): the old one is gone from it.
    assert before.indicator.str.contains(label, regex=False).fillna(False).sum() == 18  # 16 by it alone, 2 with another
    assert not again.indicator.str.contains(label, regex=False).fillna(False).any()
    assert 0 < again.indicator.str.contains(_chairing(edited).label, regex=False).fillna(False).sum() < 18
    assert len(again) == len(before) - 6  # six passages said "chairing" only


@pytest.mark.parametrize("name", qlr.codebook.bundled_codebooks())
def test_every_bundled_indicators_label_is_kept_by_its_fingerprint(name):
    codebook = qlr.read_codebook(name)
    _nlp._LABELS.clear()
    for _ in range(2):  # made, then kept
        for code in codebook:
            for indicator in code.indicators:
                fingerprint = _nlp.indicator_fingerprint(code.id, indicator, "rules")
                assert _nlp.indicator_label(indicator, fingerprint) == indicator.label
    assert len(_nlp._LABELS) == len({_nlp.indicator_fingerprint(code.id, i, "rules") for code in codebook for i in code.indicators})


def test_a_pattern_edited_in_place_gets_its_new_label_and_a_subclass_is_asked_each_time():
    pattern = ({"LEMMA": "ask"}, {"LOWER": {"IN": ["us", "me"]}, "OP": "?"})
    indicator = Indicator(pattern=pattern)
    first = _nlp.indicator_label(indicator, _nlp.indicator_fingerprint("voice.asked", indicator))
    assert first == "pattern:[LEMMA=ask] [LOWER=IN=['us', 'me'];OP=?]"
    pattern[1]["LOWER"]["IN"].append("them")
    assert _nlp.indicator_label(indicator, _nlp.indicator_fingerprint("voice.asked", indicator)) == "pattern:[LEMMA=ask] [LOWER=IN=['us', 'me', 'them'];OP=?]"

    class Named(Indicator):
        @property
        def label(self) -> str:
            return "named:" + str(self.phrase)

    named = Named(phrase="two-way")
    assert _nlp.indicator_label(named, _nlp.indicator_fingerprint("c", named)) == "named:two-way"
    assert _nlp.indicator_fingerprint("c", named) not in _nlp._LABELS


def test_a_codings_indicators_are_listed_in_the_codebooks_order(sample_study):
    # Two indicators of one code matching one passage are listed as the codebook lists them, kept labels or not.
    codebook = qlr.read_codebook("coproduction")
    _nlp._LABELS.clear()
    first = _fresh(sample_study, codebook).codings
    again = sample_study.copy().apply(codebook, progress=False, cache=False).codings  # labels kept now
    several = first.indicator.str.contains("; ", regex=False).fillna(False)
    assert several.sum() > 0
    place = {i.label: at for at, i in enumerate(i for code in codebook for i in code.indicators)}
    for listed in first.indicator[several]:
        labels = listed.split("; ")
        assert [place[label] for label in labels] == sorted(place[label] for label in labels)
    columns = ["coding_id", "indicator", "assertion"]
    pd.testing.assert_frame_equal(first[columns].sort_values("coding_id").reset_index(drop=True), again[columns].sort_values("coding_id").reset_index(drop=True))
