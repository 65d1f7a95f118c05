"""Codebook files: loading, round trips, and every validation error with file, line and code id."""

from __future__ import annotations

import pytest

import qlr
from qlr.codebook import Codebook, read_codebook, version_key
from qlr.errors import CodebookError, SourceNotFoundError, YamlSyntaxError

LADDER = """\
ladder:
  name: Spectrum
  facets: [{id: delivery, name: Delivery}, {id: design, name: Design}]
  levels:
    - {value: 0, name: Not co-produced}
    - {value: 1, name: Contribution, band: mid}
    - {value: 2, name: Collaboration, band: high}
  placement: {rule: highest_supported, min_evidence: 2}
"""

GOOD = f"""\
name: Test codebook
version: 1.2.0
{LADDER}themes:
  - {{id: reciprocity, name: Reciprocity, colour: "#0072B2"}}
codes:
  - id: reciprocity.two_way
    name: Two-way
    parent: reciprocity
    definition: Help in both directions.
    examples: ["I help her and she helps me.", "It works both ways."]
    indicators:
      - phrase: help each other
      - pattern: [{{LEMMA: give}}, {{LOWER: back}}]
    evidence: {{level: 2, facet: delivery}}
  - id: reciprocity.two_way.time
    name: Time credits
    parent: reciprocity.two_way
    indicators: [time credits]
"""


def load(text, name="cb.yaml"):
    return Codebook.from_yaml(text, path=name)


def test_good_codebook_and_accessors():
    cb = load(GOOD)
    assert cb.id == "test_codebook" and cb.version == "1.2.0"
    assert [c.id for c in cb.themes] == ["reciprocity"]
    assert cb.theme_of("reciprocity.two_way.time") == "reciprocity"
    assert cb.colour_of("reciprocity.two_way.time") == "#0072B2"
    assert cb["reciprocity.two_way"].evidence[0].level == 2
    assert cb.ladder.level(1).band == "mid"
    assert cb.ladder.placement == {"rule": "highest_supported", "min_evidence": 2}
    assert [i.label for i in cb["reciprocity.two_way"].indicators] == ["phrase:help each other", "pattern:[LEMMA=give] [LOWER=back]"]
    frame = cb.to_frame()
    assert frame.loc["reciprocity.two_way.time", "depth"] == 2
    assert frame.loc["reciprocity.two_way", "evidence"] == "+2 delivery"


def test_yaml_round_trip():
    cb = load(GOOD)
    assert Codebook.from_yaml(cb.to_yaml()) == cb


def test_html_display_escapes():
    cb = load(GOOD.replace("Help in both directions.", "<script>x</script>"))
    html = cb._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Spectrum" in html and "reciprocity.two_way" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  - id: reciprocity.two_way.time", "  - id: reciprocity.two_way"), r"cb\.yaml:23: code id 'reciprocity\.two_way' is declared twice \(first on line 14\)"),
        (("parent: reciprocity.two_way\n", "parent: reciprocity.too_way\n"), r"cb\.yaml:23: code 'reciprocity\.two_way\.time': its parent 'reciprocity\.too_way' is not a theme or code.*did you mean 'reciprocity\.two_way'"),
        (("evidence: {level: 2, facet: delivery}", "evidence: {level: 7, facet: delivery}"), r"cb\.yaml:22: code 'reciprocity\.two_way': evidence level 7 is not on the ladder 'Spectrum'.*use one of 0, 1, 2"),
        (("evidence: {level: 2, facet: delivery}", "evidence: {level: 2, facet: delivry}"), r"cb\.yaml:22: code 'reciprocity\.two_way': evidence facet 'delivry' is not one of the ladder's facets"),
        (("[{LEMMA: give}, {LOWER: back}]", "[{LEMA: give}, {LOWER: back}]"), r"cb\.yaml:21: code 'reciprocity\.two_way': invalid spaCy token pattern"),
        (("    definition: Help", "    defintion: Help"), r"cb\.yaml:17: unknown key 'defintion' in code 'reciprocity\.two_way'\. Fix: did you mean 'definition'\?"),
        (("name: Test codebook", "nme: Test codebook"), r"cb\.yaml:1: unknown key 'nme' in the codebook\. Fix: did you mean 'name'\?"),
        (("rule: highest_supported", "rule: highest_support"), r"cb\.yaml:10: unknown placement rule 'highest_support'.*did you mean 'highest_supported'"),
        (("  - phrase: help each other", "  - {phrase: x, pattern: [{LOWER: x}]}"), r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator needs exactly one of 'phrase' or 'pattern'"),
    ],
    ids=["duplicate-id", "unknown-parent", "level-outside-ladder", "unknown-facet", "invalid-pattern", "unknown-code-key", "unknown-top-key", "unknown-rule", "phrase-and-pattern"],
)
def test_validation_errors_name_file_line_and_code(change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(CodebookError, match=message) as info:
        load(GOOD.replace(old, new, 1))
    assert isinstance(info.value, ValueError) and "Fix:" in str(info.value)


def test_cycle_in_the_tree():
    text = """\
name: Loop
themes: [t]
codes:
  - {id: a, parent: b}
  - {id: b, parent: a}
"""
    with pytest.raises(CodebookError, match=r"cb\.yaml:4: code 'a': the parent chain loops \(a → b → a\)"):
        load(text)


def test_evidence_without_a_ladder():
    with pytest.raises(CodebookError, match="gives ladder evidence but the codebook has no 'ladder:'"):
        load("name: X\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t, evidence: {level: 1}}\n")


def test_yaml_syntax_error_in_codebook():
    with pytest.raises(YamlSyntaxError, match=r"cb\.yaml:[34]: YAML syntax error"):
        load("name: X\ncodes:\n  - {id: a\n")


def test_lineage_entries_are_read_and_checked():
    text = GOOD + "lineage:\n  - {version: 1.1.0, renamed: {recip.old: reciprocity.two_way}}\n  - {version: 1.2.0, split: recip.x, into: [reciprocity.two_way, reciprocity.two_way.time]}\n"
    cb = load(text)
    assert [(s.action, s.sources, s.targets) for s in cb.lineage] == [
        ("renamed", ("recip.old",), ("reciprocity.two_way",)),
        ("split", ("recip.x",), ("reciprocity.two_way", "reciprocity.two_way.time")),
    ]
    with pytest.raises(CodebookError, match=r"cb\.yaml:\d+: a lineage entry must hold exactly one of"):
        load(GOOD + "lineage:\n  - {version: 1.1.0}\n")


def test_the_same_code_serves_another_ladder():
    arnstein = "name: Arnstein\nladder:\n  name: Ladder of participation\n  levels:\n" + "".join(
        f"    - {{value: {i}, name: Rung {i}, band: {'nonparticipation' if i < 3 else 'tokenism' if i < 6 else 'citizen power'}}}\n"
        for i in range(1, 9)
    ) + "themes: [p]\ncodes:\n  - {id: p.delegated, parent: p, evidence: {level: 7}}\n"
    cb = load(arnstein)
    assert cb.ladder.values == list(range(1, 9)) and cb.ladder.level(7).band == "citizen power"


def test_bundled_codebooks_load_by_name():
    assert set(qlr.codebook.bundled_codebooks()) == {"coproduction", "durose_richardson"}
    cb = read_codebook("coproduction")
    assert len(cb.codes) >= 25
    themes = {t.id for t in cb.themes}
    assert {"assets", "reciprocity", "power", "peer_networks", "redefining_work", "facilitation", "barriers_enablers", "negative"} <= themes
    for code in cb.codes:
        assert code.definition and code.include and code.exclude, code.id
        assert len(code.examples) >= 2, code.id
        assert code.indicators, code.id
    with_evidence = [c for c in cb.codes if c.evidence]
    assert len(with_evidence) >= 20
    assert {e.facet for c in with_evidence for e in c.evidence} == {"delivery", "design"}
    assert cb.ladder.values == [0, 1, 2, 3, 4]
    dr = read_codebook("durose_richardson")
    assert len(dr.codes) == 10 and all(len(c.examples) >= 2 for c in dr.codes)


def test_unknown_bundled_name_and_missing_file(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no bundled codebook named 'coprod'"):
        read_codebook("coprod")
    with pytest.raises(SourceNotFoundError, match="no such codebook file"):
        read_codebook(tmp_path / "none.yaml")


def test_version_order():
    assert sorted(["1.10.0", "1.2.0", "1.9.1"], key=version_key) == ["1.2.0", "1.9.1", "1.10.0"]


# ------------------------------------------------------------- from_dict
@pytest.mark.parametrize("name", ["coproduction", "durose_richardson"])
def test_from_dict_is_the_inverse_of_to_dict(name):
    import copy

    cb = read_codebook(name)
    data = cb.to_dict()
    before = copy.deepcopy(data)
    again = Codebook.from_dict(data)
    assert again == cb
    assert again.to_dict() == data
    assert data == before  # the caller's data is left alone


def test_from_dict_inverts_a_codebook_read_from_another_tools_qdc(tmp_path):
    # Themes (not codable) and codes interleaved in the file, as NVivo nests them.
    body = "".join(
        f'<Code guid="{i}1111111-1111-1111-1111-111111111111" name="{theme}" isCodable="false" color="#0072B2">'
        f"<Description>About {theme}.</Description>"
        f'<Code guid="{i}2222222-2222-2222-2222-222222222222" name="{child}" isCodable="true"/></Code>'
        for i, (theme, child) in enumerate([("Reciprocity", "Time banks"), ("Power", "Consulted")], start=1)
    )
    path = tmp_path / "nvivo.qdc"
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{body}</Codes></CodeBook>', encoding="utf-8")
    cb = read_codebook(path)
    assert [c.id for c in cb] == ["reciprocity", "power", "reciprocity.time_banks", "power.consulted"]
    assert Codebook.from_dict(cb.to_dict()) == cb


def test_themes_keep_every_field_through_dict_yaml_and_qdc(tmp_path):
    data = {
        "name": "Support",
        "themes": [{"id": "help", "name": "Help", "definition": "Any help.", "include": "offers too", "examples": ["she helped"], "indicators": [{"phrase": "help out"}], "memo": "broad on purpose"}],
        "codes": [{"id": "help.peer", "name": "Peer help", "parent": "help"}],
    }
    cb = Codebook.from_dict(data)
    assert cb["help"].indicators[0].phrase == "help out" and cb["help"].memo == "broad on purpose"
    assert Codebook.from_dict(cb.to_dict()) == cb
    assert Codebook.from_yaml(cb.to_yaml()) == cb
    qlr.io.write_qdc(cb, tmp_path / "support.qdc")
    from_qdc = read_codebook(tmp_path / "support.qdc")
    assert from_qdc == cb
    assert Codebook.from_dict(from_qdc.to_dict()) == from_qdc


def test_themes_come_first_however_the_codes_are_given():
    cb = read_codebook("durose_richardson")
    late_theme = qlr.codebook.Code(id="extra", name="Extra", kind="theme")
    edited = cb.with_codes([*cb.codes, *cb.themes, late_theme])
    assert [c.id for c in edited][: len(cb.themes) + 1] == [*(t.id for t in cb.themes), "extra"]
    assert Codebook.from_dict(edited.to_dict()) == edited


def test_from_dict_validates_like_a_file():
    with pytest.raises(CodebookError, match=r"its parent 'hlep' is not a theme or code.*did you mean 'help'"):
        Codebook.from_dict({"name": "S", "themes": ["help"], "codes": [{"id": "help.peer", "name": "P", "parent": "hlep"}]})
    with pytest.raises(CodebookError, match=r"unknown key 'defintion' in code 'peer'.*did you mean 'definition'"):
        Codebook.from_dict({"name": "S", "codes": [{"id": "peer", "name": "P", "defintion": "x"}]}, source="mine.yaml")


def test_a_qdc_codebook_set_with_an_unknown_key_is_refused(tmp_path):
    path = tmp_path / "x.qdc"
    qlr.io.write_qdc(read_codebook("durose_richardson"), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nversion: 1.0.0\n", "\nversion: 1.0.0\nvesion: 2.0.0\n", 1), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"x\.qdc.*unknown key 'vesion' in the codebook.*did you mean 'version'"):
        read_codebook(path)


@pytest.mark.parametrize(
    ("key", "hint"),
    [("speakers", "speaker roles belong in the study's manifest"), ("authors", "put the authors in 'description:'")],
)
def test_keys_that_belong_elsewhere_are_refused_not_ignored(key, hint):
    with pytest.raises(CodebookError, match=rf"cb\.yaml:2: a codebook has no '{key}'\. Fix: {hint}"):
        load(f"name: X\n{key}: [Rachel]\nthemes: [t]\n")


def test_codebook_built_in_code_is_checked_by_the_same_rules():
    """One validation serves files and code: the same messages, without a line."""
    from qlr.codebook import Code, Evidence, Ladder, Level

    ladder = Ladder("Steps", (Level(0, "none"), Level(1, "some")))
    with pytest.raises(CodebookError, match=r"code 'help\.peer': its parent 'hlep' is not a theme.*did you mean 'help'\?"):
        Codebook(name="X", codes=[Code("help", "Help", kind="theme"), Code("help.peer", "Peer", parent="hlep")])
    with pytest.raises(CodebookError, match=r"code 'a': the parent chain loops \(a → b → a\)"):
        Codebook(name="X", codes=[Code("a", "A", parent="b"), Code("b", "B", parent="a")])
    with pytest.raises(CodebookError, match="code id 'a' is declared twice"):
        Codebook(name="X", codes=[Code("a", "A", kind="theme"), Code("a", "A again", kind="theme")])
    with pytest.raises(CodebookError, match="evidence level 3 is not on the ladder 'Steps'"):
        Codebook(name="X", ladder=ladder, codes=[Code("a", "A", kind="theme", evidence=(Evidence(3),))])


def test_evidence_errors_name_the_line_of_the_field():
    text = "name: X\nladder:\n  name: Steps\n  levels: [{value: 0, name: none}]\nthemes:\n  - id: t\n    evidence:\n      level: 4\n"
    with pytest.raises(CodebookError, match=r"cb\.yaml:8: code 't': evidence level 4 is not on the ladder 'Steps'"):
        load(text)


def test_a_list_of_phrases_is_one_indicator_for_each_any_of_them():
    # A YAML list under 'phrase:' once read as the text "['a', 'b']", which matched nothing.
    cb = load(GOOD.replace("  - phrase: help each other", "  - phrase: [help each other, helped one another]\n      - {phrase: [lend a hand], negated: true, id: hands}"))
    indicators = cb["reciprocity.two_way"].indicators
    assert [(i.phrase, i.negated, i.label) for i in indicators if i.phrase] == [
        ("help each other", False, "phrase:help each other"),
        ("helped one another", False, "phrase:helped one another"),
        ("lend a hand", True, "hands"),
    ]
    assert Codebook.from_yaml(cb.to_yaml()) == cb  # written back as one indicator a phrase


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("  - phrase: []", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's phrase list is empty"),
        ("  - phrase: {help: each other}", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's phrase is a mapping, where it takes one piece of text"),
        ("  - phrase: [help, [each, other]]", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's phrase is a list, where it takes one piece of text"),
        ("  - phrase: yes", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's phrase is true: YAML reads an unquoted yes.*quote the word: phrase: 'yes'"),
        ("  - phrase:", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator phrase is empty"),
        ("  - {phrase: help each other, negated: 'no'}", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's 'negated' is 'no', not true or false.*negated: true"),
        ("  - {phrase: help each other, id: [a, b]}", r"cb\.yaml:20: code 'reciprocity\.two_way': an indicator's id is a list"),
    ],
    ids=["empty-list", "mapping", "nested-list", "yaml-yes", "null", "negated-text", "id-list"],
)
def test_an_indicator_key_that_is_not_what_it_takes_is_refused_at_its_line(new, message):
    with pytest.raises(CodebookError, match=message):
        load(GOOD.replace("  - phrase: help each other", new, 1))


def test_numbers_under_phrase_are_the_text_as_written():
    cb = load(GOOD.replace("  - phrase: help each other", "  - phrase: 24/7\n      - phrase: [2020, 007]"))
    assert [i.phrase for i in cb["reciprocity.two_way"].indicators if i.phrase] == ["24/7", "2020", "007"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    definition: Help in both directions.", "    definition: [Help, in both directions]", r"cb\.yaml:17: code 'reciprocity\.two_way': definition is a list"),
        ("    name: Two-way", "    name: {two: way}", r"cb\.yaml:15: code 'reciprocity\.two_way': name is a mapping"),
        ("    parent: reciprocity\n    definition", "    parent: [reciprocity]\n    definition", r"cb\.yaml:16: code 'reciprocity\.two_way': parent is a list"),
    ],
    ids=["definition-list", "name-mapping", "parent-list"],
)
def test_a_code_text_key_given_a_list_or_mapping_is_refused(old, new, message):
    assert old in GOOD
    with pytest.raises(CodebookError, match=message):
        load(GOOD.replace(old, new, 1))


def test_an_assertion_rule_phrase_given_a_list_is_refused():
    text = GOOD + "assertion:\n  - {kind: trigger, category: negated, direction: forward, phrase: [never, not once]}\n"
    with pytest.raises(CodebookError, match=r"cb\.yaml:28: an assertion rule's phrase is a list"):
        load(text)
