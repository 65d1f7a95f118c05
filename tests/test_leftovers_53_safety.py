"""Leftovers of stop 52 closed at stop 53: JSON and YAML nested past Python's stack, a transcript's front matter lists and
blocks, dates and mistyped values in ``.qdpx`` variables, and the weight of codings in documents that are not a
participant's words.

Each test builds the small file it needs (a ``.qlr`` project edited by hand, a ``.qdpx`` archive with one value
changed, a Markdown transcript), so the answer is known.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

import qlr
from qlr.errors import ProjectFileError, QlrWarning, RowsRefusedWarning

from .conftest import write
from .test_qdpx import _archive

DEEP = "[" * 100_000 + "]" * 100_000


def _quiet(call, *args, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        return call(*args, **options)


def _column(path: Path, table: str, name: str) -> str:
    connection = sqlite3.connect(path)
    (position,) = connection.execute("SELECT position FROM columns WHERE tbl = ? AND name = ?", (table, name)).fetchone()
    connection.close()
    return f"c{position}"


def _set_cell(path: Path, table: str, name: str, value: str) -> None:
    column = _column(path, table, name)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f'UPDATE "t_{table}" SET "{column}" = ? WHERE rowid = 1', (value,))
    connection.close()


@pytest.fixture
def overridden(tmp_path, sample_study):
    """A saved project with one placement override and a log."""
    study = _quiet(sample_study.sel(case="C05").apply, "coproduction", progress=False)
    study.override_placement(case="C05", wave="W3", facet="delivery", level=0, reason="checked by hand", author="lo6")
    path = tmp_path / "p.qlr"
    study.save(path)
    return path


# ---------------------------------------------------------------- 1. JSON nested past Python's stack
def test_a_project_cell_nested_too_deep_is_one_project_error(overridden):
    # Before: qlr.open read it, and qlr.track.ladder raised a bare RecursionError later.
    _set_cell(overridden, "overrides", "group", DEEP)
    with pytest.raises(ProjectFileError, match=r"p\.qlr: column overrides\.group, row 1 nests its JSON deeper than qlr reads \(more than [\d,]+ levels\)\. Fix: the file was changed outside qlr; restore it from a backup") as raised:
        qlr.open(overridden)
    assert "from its sources" not in str(raised.value)  # advice that would throw the project's codings away


@pytest.mark.parametrize("detail", ["[manual note] reviewed by RM", '{"a": 1, }', DEEP])
def test_a_log_detail_that_is_no_json_opens_as_text_and_its_readers_take_it_so(overridden, detail):
    # Review of stop 53: a detail opening with "[" or "{" that was no JSON (or nested too deep) refused the whole
    # project at qlr.open; at 434ad05 it opened. It is text, and the log's readers take it so (no RecursionError).
    _set_cell(overridden, "log", "detail", detail)
    study = qlr.open(overridden)
    assert study.log["detail"].iloc[0] == detail
    assert [entry["codebook"] for entry in qlr.evidence.codebook_applications(study, "coproduction")] == ["coproduction"]
    pooled = _quiet(qlr.pool, [study, study], keys=["a", "b"])
    assert sum(str(entry).startswith('{"study": "a", "text": ') for entry in pooled.log["detail"]) == 1


def test_a_group_that_is_no_mapping_or_no_json_is_refused_at_open(overridden, tmp_path):
    _set_cell(overridden, "overrides", "group", "[1, 2]")
    with pytest.raises(ProjectFileError, match=r"column overrides\.group, row 1: '\[1, 2\]' is not a mapping"):
        qlr.open(overridden)
    _set_cell(overridden, "overrides", "group", '{"case": ')
    with pytest.raises(ProjectFileError, match=r"column overrides\.group, row 1 is not valid JSON \(line 1, column 10"):
        qlr.open(overridden)


def test_a_log_detail_in_words_still_opens(overridden):
    # A detail that does not open as JSON is text, as qlr.pool and qlr.evidence take it: the project opens as before.
    _set_cell(overridden, "log", "detail", "applied by hand")
    study = qlr.open(overridden)
    assert study.log["detail"].iloc[0] == "applied by hand"
    assert qlr.track.ladder(study, facet="delivery").set_index(["case_id", "wave_id"]).loc[("C05", "W3"), "final_level"] == 0


def test_a_qdpx_log_detail_nested_too_deep_is_left_out_and_counted(tmp_path, sample_study):
    study = _quiet(sample_study.sel(case="C05").apply, "coproduction", progress=False)
    path = tmp_path / "s.qdpx"
    _quiet(qlr.io.write_qdpx, study, path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    details = json.loads(members["qlr/details.json"])
    entries = len(details["log"])
    applied = [i for i, entry in enumerate(details["log"]) if entry["action"] == "apply codebook"]
    details["log"][applied[0]]["detail"] = DEEP
    members["qlr/details.json"] = json.dumps(details).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.warns(RowsRefusedWarning, match=rf"log entry {applied[0] + 1} detail nests its JSON deeper than qlr reads"):
        back = qlr.io.read_qdpx(path)
    # Before: the entry came in, and qlr.evidence.codebook_applications raised a bare RecursionError on it.
    assert len(back.log) == entries  # the one left out, the import's own entry added
    assert qlr.evidence.codebook_applications(back, "coproduction") == []


# ---------------------------------------------------------------- 2. YAML nested deep, aliases that expand
_PURE_CHILD = """
import json, sys
import yaml
if {pure}:
    del yaml.CSafeLoader  # PyYAML as built without libyaml (its Python composer recurses once per level)
import qlr
from qlr.errors import QlrError
try:
    {call}
    print(json.dumps({{"result": "no error"}}))
except QlrError as exc:
    print(json.dumps({{"result": type(exc).__name__, "message": str(exc)}}))
"""


def _child(call: str, cwd: Path, *, pure: bool) -> dict:
    run = subprocess.run([sys.executable, "-c", _PURE_CHILD.format(pure=pure, call=call)], capture_output=True, text=True, timeout=120, cwd=cwd)
    assert run.returncode == 0, run.stderr[-2000:]  # before, without libyaml: a bare RecursionError, the child's traceback
    return json.loads(run.stdout.strip().splitlines()[-1])


_DEEP_BLOCK = "waves:\n" + "".join("  " * level + "- \n" for level in range(1, 400))


@pytest.mark.parametrize("pure", [True, False], ids=["python-composer", "libyaml"])
@pytest.mark.parametrize(
    ("text", "line"),
    [("name: Deep\nwaves: " + DEEP + "\n", 2), ("name: Deep\n" + _DEEP_BLOCK, None)],
    ids=["flow-100000", "block-400"],
)
def test_a_study_yaml_nested_deep_is_one_error_naming_file_and_line(tmp_path, pure, text, line):
    write(tmp_path / "study.yaml", text)
    write(tmp_path / "interviews" / "C1_W1_interview.txt", "Rachel: How are you?\nAnn: Fine.\n")
    outcome = _child(f"qlr.load({str(tmp_path)!r}, progress=False)", tmp_path, pure=pure)
    assert outcome["result"] == "YamlSyntaxError"
    found = re.match(r".*study\.yaml:(\d+): the YAML nests more than 64 levels deep\. Fix: a manifest or codebook needs only a few levels", outcome["message"])
    assert found is not None, outcome["message"]
    if line is not None:
        assert int(found[1]) == line
    else:  # the line the 65th level (or libyaml's 1,000th) stands on, in the nested block
        assert 2 < int(found[1]) <= 401


@pytest.mark.parametrize("pure", [True, False], ids=["python-composer", "libyaml"])
def test_a_codebook_nested_deep_or_with_a_billion_laughs_is_a_codebook_error(tmp_path, pure):
    write(tmp_path / "deep.yaml", "name: Deep\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t, examples: " + "[" * 5000 + "]" * 5000 + "}\n")
    outcome = _child(f"qlr.read_codebook({str(tmp_path / 'deep.yaml')!r})", tmp_path, pure=pure)
    assert outcome["result"] == "CodebookSyntaxError" and re.search(r"deep\.yaml:4: the YAML nests more than 64 levels", outcome["message"]), outcome
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    write(tmp_path / "bomb.yaml", "name: Bomb\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t}\n" + "\n".join(laughs) + "\n")
    outcome = _child(f"qlr.read_codebook({str(tmp_path / 'bomb.yaml')!r})", tmp_path, pure=pure)
    # By hand: a0 is 10 nodes, each a_n 1 + 9 × a_(n-1) (91, 820, … 435,848,050), 490,329,054 in all; the file holds 18 of
    # them (a0's ten, one list for each of a1 … a8), so the aliases add 490,329,036.
    assert outcome["result"] == "CodebookSyntaxError" and "bomb.yaml:1: its aliases ('*name') would expand the document by 490,329,036 nodes" in outcome["message"], outcome


# ---------------------------------------------------------------- 3. front matter lists and blocks
FRONT_MATTER = """---
participant: C1
gender: Female
topics: [housing, care]
languages:
  - English
  - Polish
notes: |
  Met at the library.
  Her daughter joined halfway.
summary: >
  Long folded
  summary.
tags: [pilot]
contact:
  phone: none
---

Interviewer: How are things?
Participant: Better since the group started.
"""


def test_front_matter_lists_and_blocks_are_the_documents_columns(tmp_path):
    write(tmp_path / "interviews" / "C1_W1_interview.md", FRONT_MATTER)
    with pytest.warns(QlrWarning, match=r"C1_W1_interview\.md: document C1_W1_interview: 1 front matter value \('contact'\) holding keys or lists of its own, which no column of the document holds \(to keep it, write it as one value or a list of values; the transcript.s words are all read\)") as caught:
        study = qlr.load(tmp_path, progress=False)
    assert len(caught) == 1
    row = study.documents.iloc[0]
    # Before: gender alone; topics, languages, notes and summary were dropped with no word said.
    assert row["gender"] == "Female"
    assert row["topics"] == "housing; care"  # joined by "; ", as a data list's several values for one cell are
    assert row["languages"] == "English; Polish"
    assert row["notes"] == "Met at the library.\nHer daughter joined halfway."  # a | block keeps its lines
    assert row["summary"] == "Long folded summary."  # a > block folds them, as YAML reads it
    assert "tags" not in study.documents.columns  # a page's tags: housekeeping, as before (documented)
    # None of it is read as the transcript's words.
    assert study.documents.iloc[0]["text"] == "\nInterviewer: How are things?\nParticipant: Better since the group started.\n"
    text = study.documents.iloc[0]["text"]
    assert [text[start:end] for start, end in zip(study.segments["start"], study.segments["end"])] == ["How are things?", "Better since the group started."]


_SITE_FRONT_MATTER = """---
title: Interview P01
speakers: {Sam: interviewer, Mira: participant}
cssclasses:
  - wide
aliases: [p01]
---
Sam: How are you?
Mira: Fine, thanks.
Sam: And work?
Mira: Busy.
"""


def test_front_matter_speakers_give_roles_and_housekeeping_is_no_data_left_out(tmp_path):
    # Review of stop 53: "speakers: {Sam: interviewer, …}" and "cssclasses:" were "data left out" (exit status 3), and
    # Sam's questions a participant's. The front matter's speakers: is read as study.yaml's is; housekeeping is no data.
    write(tmp_path / "s" / "P01_W1_interview.md", _SITE_FRONT_MATTER)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = qlr.load(tmp_path / "s", progress=False)
    assert study.segments[["speaker", "speaker_role"]].values.tolist() == [["Sam", "interviewer"], ["Mira", "participant"]] * 2
    done = subprocess.run([sys.executable, "-m", "qlr", "info", str(tmp_path / "s")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_front_matter_nested_under_other_keys_is_named_with_advice_that_holds(tmp_path):
    # A site generator's "author: {name: …}" and "params:" hold values no column keeps: named, the words all read.
    text = _SITE_FRONT_MATTER.replace("aliases: [p01]", "author:\n  name: Ann Lee\nparams:\n  toc: true")
    write(tmp_path / "s" / "P01_W1_interview.md", text.replace("{Sam: interviewer, Mira: participant}", "{Sam: host}"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path / "s", progress=False)
    said = [str(found.message) for found in caught if "front matter" in str(found.message)]
    assert len(said) == 1 and re.search(r"3 front matter values \('speakers', 'author', 'params'\) holding keys .*'speakers:' maps each label to interviewer, participant, observer or other", said[0])
    assert len(study.segments) == 4

# ---------------------------------------------------------------- 4. document dates exported as REFI dates
def _exported(study, path):
    """The project.qde of the study written to ``path``, its namespace, and each variable's declared type by name."""
    from lxml import etree

    _quiet(qlr.io.write_qdpx, study, path)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    return root, ns, {v.get("name"): v.get("typeOfVariable") for v in root.iterfind(".//q:Variable", ns)}


def test_date_columns_are_exported_as_refi_dates_and_read_back_as_dates(tmp_path, sample_study):
    import datetime

    import pandas as pd
    from lxml import etree

    from .conftest import shared_fixture

    study = sample_study.sel(case="C05")
    n = len(study.documents)
    study.documents["consented"] = [datetime.date(2021, 3, day) for day in range(1, n + 1)]
    study.documents["recorded_at"] = [pd.Timestamp(2021, 3, day, 10, 30) for day in range(1, n + 1)]
    study.cases["joined"] = [datetime.date(2019, 1, 5)]
    path = tmp_path / "dates.qdpx"
    root, ns, declared = _exported(study, path)
    # Before: all three typeOfVariable="Text", their values <TextValue>2021-03-01</TextValue>.
    assert (declared["consented"], declared["recorded_at"], declared["joined"]) == ("Date", "DateTime", "Date")
    first = root.find(".//q:TextSource", ns)
    guid = {v.get("name"): v.get("guid") for v in root.iterfind(".//q:Variable", ns)}
    value = {ref.get("targetGUID"): ref.getparent()[1] for ref in first.iterfind("q:VariableValue/q:VariableRef", ns)}
    assert (etree.QName(value[guid["consented"]]).localname, value[guid["consented"]].text) == ("DateValue", "2021-03-01")
    assert (etree.QName(value[guid["recorded_at"]]).localname, value[guid["recorded_at"]].text) == ("DateTimeValue", "2021-03-01T10:30:00")
    schema = shared_fixture("fixtures/refi/Project.xsd")
    etree.XMLSchema(etree.parse(str(schema))).assertValid(root)
    # Read back (by qlr, and as another tool gives it back without qlr's details): dates, not text.
    back = _quiet(qlr.io.read_qdpx, path)
    assert back.documents["consented"].tolist() == study.documents["consented"].tolist()
    assert back.documents["recorded_at"].tolist() == study.documents["recorded_at"].tolist()
    assert back.cases["joined"].tolist() == [datetime.date(2019, 1, 5)]



def test_a_date_column_with_a_gap_is_exported_as_refi_dates(tmp_path, sample_study):
    # Review of stop 53: a missing day (NaT, a datetime by its class) made the column DateTime, each day a moment.
    import pandas as pd

    study = sample_study.sel(case="C05")
    days = [pd.Timestamp(2021, 3, day) for day in range(1, len(study.documents) + 1)]
    study.documents["consented"] = pd.Series([pd.NaT, *days[1:]], dtype="datetime64[ns]").to_numpy()
    root, ns, declared = _exported(study, tmp_path / "gap.qdpx")
    assert declared["consented"] == "Date"
    written = [element.text for element in root.iterfind(".//q:VariableValue/q:DateValue", ns)]
    assert written == [str(day.date()) for day in days[1:]]


def test_a_transcript_json_nested_deep_is_one_error_saying_so(tmp_path):
    # Review of stop 53: the error said "maximum recursion depth exceeded while decoding a JSON array …".
    from qlr.errors import DocumentFormatError
    from qlr.io._readers import read_source

    text = '{"segments": [{"text": "hi", "start": 0, "end": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}]}"
    with pytest.raises(DocumentFormatError, match=r"P01\.json: the transcript nests its JSON deeper than qlr reads \(more than [\d,]+ levels\)\. Fix: export"):
        read_source(write(tmp_path / "P01.json", text))

# ---------------------------------------------------------------- 5. values that are not of their variable's type
_GUID = "{:08d}-0000-4000-8000-000000000000".format
_TYPED = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="typed" origin="SomeTool 1.0">
  <Variables>
    <Variable guid="{_GUID(1)}" name="Age" typeOfVariable="Integer"/>
    <Variable guid="{_GUID(2)}" name="Score" typeOfVariable="Float"/>
    <Variable guid="{_GUID(3)}" name="Consent" typeOfVariable="Boolean"/>
    <Variable guid="{_GUID(4)}" name="Joined" typeOfVariable="Date"/>
  </Variables>
  <Cases>
    <Case guid="{_GUID(10)}" name="C01">
      <VariableValue><VariableRef targetGUID="{_GUID(1)}"/><IntegerValue>34</IntegerValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(2)}"/><FloatValue>3,5</FloatValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(3)}"/><BooleanValue>yes</BooleanValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(4)}"/><DateValue>2019-01-05</DateValue></VariableValue>
      <SourceRef targetGUID="{_GUID(20)}"/>
    </Case>
    <Case guid="{_GUID(11)}" name="C02">
      <VariableValue><VariableRef targetGUID="{_GUID(1)}"/><IntegerValue>n/a</IntegerValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(2)}"/><TextValue>2.5</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(3)}"/><BooleanValue>true</BooleanValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{_GUID(4)}"/><TextValue>spring 2019</TextValue></VariableValue>
      <SourceRef targetGUID="{_GUID(21)}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{_GUID(20)}" name="P01" plainTextPath="internal://{_GUID(20)}.txt">
      <VariableValue><VariableRef targetGUID="{_GUID(1)}"/><TextValue>about 40</TextValue></VariableValue>
    </TextSource>
    <TextSource guid="{_GUID(21)}" name="P02" plainTextPath="internal://{_GUID(21)}.txt"/>
  </Sources>
</Project>"""


def test_values_not_of_their_declared_type_are_kept_as_written_and_named(tmp_path):
    texts = {f"sources/{_GUID(20)}.txt": "Interviewer: How are things?\nParticipant: Better.\n", f"sources/{_GUID(21)}.txt": "Interviewer: And you?\nParticipant: Fine.\n"}
    path = _archive(tmp_path / "typed.qdpx", {"project.qde": _TYPED, **texts})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path)
    said = [str(w.message) for w in caught if "declared type" in str(w.message)]
    # Before: the four values were left out ("left out 3 value(s) that do not parse", the TextValues read as text
    # unsaid: "about 40" under Integer, "spring 2019" under Date).
    assert said == [
        f"{path}: 5 value(s) do not parse as their variable's declared type and are kept as written, as text: "
        "'Age' (Integer): document P01 'about 40', case C02 'n/a'; 'Score' (Float): case C01 '3,5'; 'Consent' (Boolean): case C01 'yes'; "
        "'Joined' (Date): case C02 'spring 2019'. Fix: correct them in the QDA tool and export again where they should be numbers, dates or true/false"
    ]
    assert not [w for w in caught if "left out" in str(w.message)]
    cases = study.cases.set_index("case_id")
    assert cases.loc["C01", "Age"] == 34 and cases.loc["C02", "Age"] == "n/a"
    assert cases.loc["C01", "Score"] == "3,5" and cases.loc["C02", "Score"] == 2.5  # a TextValue that parses is of its type
    assert cases.loc["C01", "Consent"] == "yes" and bool(cases.loc["C02", "Consent"]) is True
    assert str(cases.loc["C01", "Joined"]) == "2019-01-05" and cases.loc["C02", "Joined"] == "spring 2019"
    assert study.documents.set_index("doc_id").loc["P01", "Age"] == "about 40"


# ---------------------------------------------------------------- 6. field notes count, a summary does not (stop 54)
def test_field_notes_count_and_a_summary_is_the_researchers_account_shown_not_counted(tmp_path):
    """What qlr does (docs/study-folder.md, "Documents that are not a participant's words"), pinned so a change is a
    decision: a field note's entry and the team's summary are the researcher's account (role ``observer``, the trail's
    ``researchers_account``), judged by the rules as an observer's. A field note's coding weighs as the participant's
    own (1.0); the summary's is marked ``researchers_summary`` and, restating the interview, weighs 0 and is no passage
    (``summary_weight`` 0, stop 54; until then it weighed 1). Neither's words are the case's words (``own_words``)."""
    from qlr.track._evidence import own_words

    write(tmp_path / "study.yaml", "name: Kinds\nwaves:\n  - {id: W1, start: 2024-03-01}\ncases:\n  - {id: C1, label: Ann, role: carer}\n"
          "speakers:\n  Rachel: interviewer\ndocuments:\n  - path: '*.txt'\n")
    write(tmp_path / "C1_W1_interview.txt", "Rachel: Who runs the group now?\nAnn: The members run the meetings themselves now. We decide together what the group does.\n")
    write(tmp_path / "C1_W1_fieldnotes.txt", "5 March 2024\n\nThe members run the meetings themselves now. They decide together what the group does.\n")
    write(tmp_path / "C1_W1_summary.txt", "Ann says the members run the meetings themselves now. They decide together what the group does.\n")
    study = qlr.load(tmp_path, progress=False)
    kinds = study.documents.set_index("doc_id")["kind"].to_dict()
    assert kinds == {"C1_W1_interview": "interview", "C1_W1_fieldnotes": "fieldnotes", "C1_W1_summary": "summary"}  # from the names
    roles = study.segments.groupby("doc_id")["speaker_role"].agg(list).to_dict()
    assert roles == {"C1_W1_interview": ["interviewer", "participant"], "C1_W1_fieldnotes": ["observer"], "C1_W1_summary": ["observer"]}
    coded = study.apply("coproduction", progress=False)
    placements = qlr.track.ladder(coded, facet="delivery")
    evidence = placements.evidence.set_index("doc_id")
    assert evidence["code_id"].to_dict() == dict.fromkeys(kinds, "power.shared_decisions")
    assert evidence["assertion"].to_dict() == dict.fromkeys(kinds, "affirmed")
    assert evidence["researchers_account"].to_dict() == {"C1_W1_interview": False, "C1_W1_fieldnotes": True, "C1_W1_summary": True}
    assert evidence["researchers_summary"].to_dict() == {"C1_W1_interview": False, "C1_W1_fieldnotes": False, "C1_W1_summary": True}
    # The interview and the field note weigh 1 each (two passages, 2 ≥ min_evidence 2: placed at 3); the summary is
    # shown, last, weighing nothing: counting it would count Ann's statement a second time.
    assert list(evidence.index) == ["C1_W1_fieldnotes", "C1_W1_interview", "C1_W1_summary"]  # study order, then the summary
    assert evidence["weight"].to_dict() == {"C1_W1_interview": 1.0, "C1_W1_fieldnotes": 1.0, "C1_W1_summary": 0.0}
    assert evidence["counted"].to_dict() == {"C1_W1_interview": True, "C1_W1_fieldnotes": True, "C1_W1_summary": False}
    row = placements.table.iloc[0]
    assert (row["status"], row["level"], row["n_evidence"], row["weight"]) == ("placed", 3, 2, 2.0)
    # At summary_weight 1, as before stop 54: three passages of weight 1 each.
    before = qlr.track.ladder(coded, facet="delivery", summary_weight=1)
    assert before.evidence["weight"].tolist() == [1.0, 1.0, 1.0] and bool(before.evidence["counted"].all())
    assert (before.table.iloc[0]["n_evidence"], before.table.iloc[0]["weight"]) == (3, 3.0)
    # Only Ann's turn is her words (14), the density's denominator.
    assert own_words(coded).to_dict("records") == [{"case_id": "C1", "wave_id": "W1", "n_words": 14}]
