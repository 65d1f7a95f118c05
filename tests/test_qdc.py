"""REFI-QDA codebooks: schema-valid output, lossless round trip, lenient reading, unsafe XML refused."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import qlr
from qlr.errors import CodebookError, QlrWarning

from .conftest import shared_fixture, write

REFI = "fixtures/refi"


@pytest.fixture(scope="module")
def codebook_schema():
    return etree.XMLSchema(etree.parse(str(shared_fixture(f"{REFI}/Codebook.xsd"))))


@pytest.mark.parametrize("name", ["coproduction", "durose_richardson"])
def test_written_qdc_validates_and_round_trips(name, tmp_path, codebook_schema):
    cb = qlr.read_codebook(name)
    path = tmp_path / f"{name}.qdc"
    qlr.io.write_qdc(cb, path)
    document = etree.parse(str(path))
    assert codebook_schema.validate(document), codebook_schema.error_log
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = qlr.read_codebook(path)
    assert again == cb
    # Other tools see a plain code tree with readable descriptions.
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    top = document.findall("q:Codes/q:Code", ns)
    assert [c.get("name") for c in top] == [t.name for t in cb.themes]
    first_child = top[0].find("q:Code", ns)
    assert first_child.findtext("q:Description", namespaces=ns).startswith(cb.children(cb.themes[0].id)[0].definition)


def test_taguette_export_is_read_leniently_with_its_tag_names_whole():
    # Taguette's tags are flat (its export writes each tag's whole name as a top-level code):
    # "interesting\\places" is one tag, not "places" under "interesting".
    with pytest.warns(QlrWarning, match=r"empty <Sets/>") as caught:
        cb = qlr.read_codebook(shared_fixture(f"{REFI}/taguette_codebook.from-tests.qdc"))
    # Upper-case GUIDs are the standard's too (GUIDType allows them): nothing to say of them.
    assert not any("flattened" in str(w.message) or "GUID" in str(w.message) for w in caught)
    assert [(c.id, c.name, c.kind, c.parent) for c in cb] == [
        ("interesting", "interesting", "code", None),
        ("people", "people", "code", None),
        ("interesting_places", "interesting\\places", "code", None),
    ]


TAGUETTE_TAGS = ["Coping::denial", "Coping", "Time::", "Time", "Family"]


def test_a_taguette_tag_with_separators_in_its_name_stays_one_code(tmp_path):
    """"Coping::denial" was read as a code "denial" under "Coping", and "Time::" as "Time"."""
    body = "".join(f'<Code guid="1D9AAC84-8D56-58CA-8AF5-{n:012d}" name="{name}" isCodable="true"/>' for n, name in enumerate(TAGUETTE_TAGS))
    path = write(tmp_path / "codebook.qdc", _qdc(body).replace("<CodeBook ", '<CodeBook origin="Taguette 1.5.2" '))
    with pytest.warns(QlrWarning, match=r"'Time' → time_2") as caught:
        cb = qlr.read_codebook(path)
    assert not any("flattened" in str(w.message) for w in caught)
    assert [(c.id, c.name, c.kind, c.parent) for c in cb] == [
        ("coping_denial", "Coping::denial", "code", None),
        ("coping", "Coping", "code", None),
        ("time", "Time::", "code", None),
        ("time_2", "Time", "code", None),
        ("family", "Family", "code", None),
    ]
    # The same names from another tool are ATLAS.ti's flattened tree, as before.
    with pytest.warns(QlrWarning, match="flattened into names with '::'"):
        other = qlr.read_codebook(write(tmp_path / "atlas.qdc", _qdc(body)))
    assert other["coping.denial"].parent == "coping"


def _qdc(body, namespace="urn:QDA-XML:codebook:1.0", prolog=""):
    return f'<?xml version="1.0" encoding="utf-8"?>{prolog}<CodeBook xmlns="{namespace}"><Codes>{body}</Codes></CodeBook>'


def test_atlas_style_flattened_names_and_namespace_typo(tmp_path):
    body = (
        '<Code guid="{6A5E3F2B-1111-4444-8888-0123456789AB}" name="Power::Shared decisions" isCodable="true" color="#AA0000"/>'
        '<Code guid="6a5e3f2b-2222-4444-8888-0123456789ab" name="Power::Consulted" isCodable="true"><Description>Asked, not heard.</Description></Code>'
    )
    path = write(tmp_path / "atlas.qdc", _qdc(body, namespace="urn:QDA-XML:codebook:1:0"))
    with pytest.warns(QlrWarning, match="namespace is written.*'::'") as said:
        cb = qlr.read_codebook(path)
    assert not [w for w in said if "GUID" in str(w.message)]  # braces and upper case: GUIDType allows both
    assert [c.id for c in cb] == ["power", "power.shared_decisions", "power.consulted"]
    assert cb["power.consulted"].definition == "Asked, not heard."
    assert cb["power.shared_decisions"].colour == "#AA0000"


def test_nested_codes_from_nvivo_style_export(tmp_path):
    body = (
        '<Code guid="11111111-1111-1111-1111-111111111111" name="Reciprocity" isCodable="true">'
        '<Description>Give and take.</Description>'
        '<Code guid="22222222-2222-2222-2222-222222222222" name="Time banks" isCodable="true"/>'
        "</Code>"
    )
    cb = qlr.read_codebook(write(tmp_path / "nvivo.qdc", _qdc(body)))
    assert [(c.id, c.parent) for c in cb] == [("reciprocity", None), ("reciprocity.time_banks", "reciprocity")]


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE CodeBook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_unsafe_xml_is_refused(tmp_path, prolog):
    body = '<Code guid="11111111-1111-1111-1111-111111111111" name="&b;" isCodable="true"/>'.replace("&b;", "&b;" if "ENTITY b" in prolog else "&xxe;")
    path = write(tmp_path / "evil.qdc", _qdc(body, prolog=prolog))
    with pytest.raises(CodebookError, match=r"evil\.qdc: unsafe XML refused"):
        qlr.read_codebook(path)


def test_broken_xml_and_wrong_root(tmp_path):
    with pytest.raises(CodebookError, match=r"broken\.qdc:1: not well-formed XML"):
        qlr.read_codebook(write(tmp_path / "broken.qdc", "<CodeBook><Codes>"))
    with pytest.raises(CodebookError, match="root element is <Project>"):
        qlr.read_codebook(write(tmp_path / "project.qdc", '<Project xmlns="urn:QDA-XML:project:1.0"/>'))
    dup = '<Code guid="11111111-1111-1111-1111-111111111111" name="a" isCodable="true"/>' * 2
    with pytest.raises(CodebookError, match="two codes share the guid"):
        qlr.read_codebook(write(tmp_path / "dup.qdc", _qdc(dup)))


def test_names_that_give_one_id_are_still_codes_of_their_own(tmp_path):
    """Taguette keeps "Support" and "support" as two tags; slugs of "a/b", "a_b", "café" and "cafe" meet too."""
    names = ["Support", "support", "a/b", "a_b", "café", "cafe", "people\\neighbours", "people\\Neighbours"]
    body = "".join(f'<Code guid="6287394E-19C9-505B-8FE1-{n:012d}" name="{name}" isCodable="true"/>' for n, name in enumerate(names))
    with pytest.warns(QlrWarning, match=r"4 code\(s\) whose names give the id of an earlier code were given ids of their own: 'support' → support_2"):
        cb = qlr.read_codebook(write(tmp_path / "taguette.qdc", _qdc(body)))
    assert [(c.id, c.name) for c in cb.codes] == [
        ("support", "Support"), ("support_2", "support"), ("a_b", "a/b"), ("a_b_2", "a_b"), ("cafe", "café"), ("cafe_2", "cafe"),
        ("people.neighbours", "neighbours"), ("people.neighbours_2", "Neighbours"),
    ]
    assert len(set(cb.guids.values())) == len(names)


def test_codes_whose_ids_are_not_guids_are_read_and_written_back_with_guids(tmp_path, codebook_schema):
    # OpenQDA's codebook numbers its codes "c001", "c21": the whole codebook was refused.
    body = '<Code guid="c001" name="Negativ" isCodable="true"><Code guid="c21" name="Rage" isCodable="true"/><Code guid="c20" name="Wut" isCodable="true"/></Code>'
    with pytest.warns(QlrWarning, match=r"3 code\(s\) have ids that are not GUIDs, as the standard asks \(c001, c21, c20\); read as the file gives them"):
        cb = qlr.read_codebook(write(tmp_path / "openqda.qdc", _qdc(body)))
    assert [(c.id, c.parent) for c in cb.codes] == [("negativ", None), ("negativ.rage", "negativ"), ("negativ.wut", "negativ")]
    out = tmp_path / "back.qdc"
    qlr.io.write_qdc(cb, out)
    assert codebook_schema.validate(etree.parse(str(out))), codebook_schema.error_log
    assert "c001" not in out.read_text(encoding="utf-8")


def test_letters_outside_ascii_are_transliterated_in_code_ids(tmp_path):
    """ß, æ, ø, œ, ł, đ and þ were dropped ("Größe" → "groe"); letters with a diacritic lose it, as before."""
    names = ["Größe", "Ærø", "Łódź", "Þórr", "Đakovo", "Œuvre", "Café", "Grösse"]
    body = "".join(f'<Code guid="6287394E-19C9-505B-8FE1-{n:012d}" name="{name}" isCodable="true"/>' for n, name in enumerate(names))
    # "Grösse" (the Swiss spelling) gives the id of "Größe": a code of its own, said.
    with pytest.warns(QlrWarning, match=r"1 code\(s\) whose names give the id of an earlier code were given ids of their own: 'Grösse' → grosse_2$"):
        cb = qlr.read_codebook(write(tmp_path / "names.qdc", _qdc(body)))
    assert [c.id for c in cb.codes] == ["grosse", "aero", "lodz", "thorr", "dakovo", "oeuvre", "cafe", "grosse_2"]
    assert [c.name for c in cb.codes] == names


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127)))
def test_ids_of_ascii_names_are_as_they_always_were(name):
    """An ASCII name's id is its lower case with every run of other characters one "_" (ids in saved projects stay valid)."""
    from qlr._names import slug

    expected = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if expected:
        assert slug(name) == expected
    else:  # punctuation only: an id from its hash; blank: the default
        assert re.fullmatch(r"code_[0-9a-f]{8}", slug(name)) if name.strip() else slug(name) == "codebook"


@pytest.mark.parametrize("name", ["\\", "::", " \\ "])
def test_a_code_named_only_by_a_separator_is_a_code_not_a_crash(tmp_path, name):
    """Unflattening "\\" gave no name at all and an IndexError."""
    body = f'<Code guid="6287394e-19c9-505b-8fe1-000000000001" name="{name}" isCodable="true"/><Code guid="6287394e-19c9-505b-8fe1-000000000002" name="ok" isCodable="true"/>'
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)
        cb = qlr.read_codebook(write(tmp_path / "odd.qdc", _qdc(body)))
    assert [c.name for c in cb.codes] == [name.strip(), "ok"]


def test_a_maxqda_24_codebook_in_the_draft_namespace_is_read_whole(tmp_path):
    # MAXQDA 24 (Release 24.7.0) writes its .qdc in the namespace urn:QDA-XML:codebook:0:4
    # (seen in a real export published in bedingjd/paper_themes); it was refused as unknown.
    body = (
        '<Code color="#ef8256" guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90" name="Additional themes" isCodable="true">'
        "<Description>A parent category.</Description>"
        '<Code color="#ef8256" guid="C6C1BE73-B4F4-4C2D-91F1-90B73BFC5C25" name="Affinity spaces" isCodable="true">'
        "<Description>Gee's concept.</Description></Code></Code>"
    )
    path = write(tmp_path / "maxqda.qdc", _qdc(body, namespace="urn:QDA-XML:codebook:0:4"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing read leniently: the draft namespace is MAXQDA's, upper-case GUIDs the standard's
        cb = qlr.read_codebook(path)
    assert [c.id for c in cb] == ["additional_themes", "additional_themes.affinity_spaces"]
    assert cb["additional_themes.affinity_spaces"].definition == "Gee's concept."
    assert len(cb.guids) == 2


def test_a_codebook_in_an_unknown_namespace_is_one_clear_error(tmp_path):
    path = write(tmp_path / "other.qdc", _qdc('<Code guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90" name="a"/>', namespace="urn:example:codes"))
    with pytest.raises(CodebookError, match=r"other\.qdc.*unknown namespace 'urn:example:codes'.*Fix: export the codebook again"):
        qlr.read_codebook(path)
