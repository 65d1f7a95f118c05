"""Tampered and broken project files (``.qlr``, ``.qdpx``, ``.qdc``): one qlr error, or a counted warning.

Each test builds its file from a real save or export and changes one thing, as a
careless collaborator or an attacker would; the checklist of every input of
issue 13 and where it is tested is in ``tests/test_hostile_sweep.py``.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
import warnings
import zipfile

import pytest

from .conftest import SAMPLE, write
from .test_hostile import _laughs, guarded


@pytest.fixture(scope="module")
def saved_project(tmp_path_factory):
    import qlr

    path = tmp_path_factory.mktemp("saved") / "p.qlr"
    qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False).apply("coproduction", progress=False).save(path)
    return path


def tampered(saved_project, tmp_path, *statements):
    """A copy of the saved project with ``statements`` run on it (as someone editing it by hand would)."""
    path = tmp_path / "p.qlr"
    shutil.copy(saved_project, path)
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path


def column(path, table, name):
    """The stored column (``c0``, ``c1``…) that holds ``table.name``."""
    connection = sqlite3.connect(path)
    (position,) = connection.execute("SELECT position FROM columns WHERE tbl = ? AND name = ?", (table, name)).fetchone()
    connection.close()
    return f"c{position}"


# ---------------------------------------------------------------- .qlr values of the wrong type
@pytest.mark.parametrize(
    ("table", "name", "value", "message"),
    [
        ("codings", "start", "'abc'", r"column codings.start holds 'abc', not a whole number"),
        ("codings", "start", "3.5", r"column codings.start holds 3.5, not a whole number"),
        ("codings", "end", "1e300", r"column codings.end holds 1e\+300, not a whole number"),
        ("codings", "coding_id", "x'00ff'", r"column codings.coding_id holds a bytes value"),
        ("codings", "confidence", "'high'", r"column codings.confidence holds 'high', not a number"),
        ("codings", "created", "'yesterday'", r"column codings.created holds a value it cannot read back"),
        ("segments", "timestamp", "9e999", r"column segments.timestamp holds inf, not a finite number"),
        # JSON nested deeper than Python's stack: RecursionError before stop 52's review, uncaught
        ("actors", "aliases", "'" + "[" * 100_000 + "]" * 100_000 + "'", r"column actors.aliases holds a value it cannot read back"),
    ],
)
def test_a_value_of_the_wrong_type_is_one_project_error(saved_project, tmp_path, table, name, value, message):
    import qlr
    from qlr.errors import ProjectFileError

    path = tampered(saved_project, tmp_path, f"UPDATE t_{table} SET {column(saved_project, table, name)} = {value} WHERE rowid = 1")
    with pytest.raises(ProjectFileError, match=r"p.qlr: " + message + r".*Fix: the file was changed outside qlr"):
        qlr.open(path)


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE meta SET value = '{not json' WHERE key = 'study_meta'", "the study's metadata is not valid JSON"),
        ("UPDATE meta SET value = '[1, 2]' WHERE key = 'study_meta'", "the study's metadata is list, not a JSON object"),
        ("UPDATE meta SET value = '" + "[" * 100_000 + "]" * 100_000 + "' WHERE key = 'study_meta'", "the study's metadata nests its JSON deeper than qlr reads"),
        ("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'", "the project's schema version 'abc' is not a whole number"),
        ("UPDATE meta SET value = '1e999' WHERE key = 'schema_version'", "the project's schema version '1e999' is not a whole number"),
        ("UPDATE meta SET value = x'00' WHERE key = 'name'", "the project's name is b'\\\\x00', not text"),
        ("UPDATE codebooks SET content = 'name: [unclosed'", r"p.qlr \(codebook 'coproduction'\):2: YAML syntax error"),
        ("UPDATE codebooks SET content = x'00'", r"p.qlr \(codebook 'coproduction'\) is stored as bytes, not YAML text"),
        ("UPDATE columns SET name = 'start' WHERE tbl = 'codings' AND name = 'end'", "declares table 'codings' with a repeated or unnamed column"),
    ],
)
def test_damaged_metadata_is_one_project_error(saved_project, tmp_path, statement, message):
    import qlr
    from qlr.errors import QlrError

    path = tampered(saved_project, tmp_path, statement)
    with pytest.raises(QlrError, match=message):
        qlr.open(path)


def test_a_missing_id_is_left_out_with_everything_that_hangs_on_it(saved_project, tmp_path):
    import qlr
    from qlr.errors import RowsRefusedWarning

    path = tampered(saved_project, tmp_path, f"UPDATE t_documents SET {column(saved_project, 'documents', 'doc_id')} = NULL")
    with pytest.warns(RowsRefusedWarning, match=r"left out 1 documents row\(s\) with a missing or repeated doc_id \(e.g. <NA>\); 33 segments row"):
        study = qlr.open(path)
    assert study.documents.empty and study.segments.empty and study.codings.empty


def test_an_alias_bomb_in_a_stored_codebook_names_the_project(saved_project, tmp_path):
    bomb = "name: Bomb\\nthemes: [t]\\ncodes: []\\n" + _laughs().replace("\n", "\\n")
    path = tampered(saved_project, tmp_path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE codebooks SET content = ?", (bomb.replace("\\n", "\n"),))
    connection.close()
    outcome = guarded(f"qlr.open({str(path)!r})", tmp_path)
    assert outcome["type"] == "CodebookSyntaxError"
    assert "p.qlr (codebook 'coproduction'):" in outcome["message"] and "over the limit" in outcome["message"]


def test_a_view_of_huge_blobs_is_refused_before_a_row_is_read(saved_project, tmp_path):
    path = tampered(
        saved_project,
        tmp_path,
        'ALTER TABLE "t_documents" RENAME TO old_documents',
        'CREATE VIEW "t_documents" AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r LIMIT 100000) '
        "SELECT zeroblob(100000000) AS c0 FROM r",
    )
    outcome = guarded(f"qlr.open({str(path)!r})", tmp_path)
    assert outcome["type"] == "ProjectFileError" and "view 't_documents'" in outcome["message"]


def test_a_stale_journal_beside_a_valid_project_is_named_as_such(saved_project, tmp_path):
    import qlr
    from qlr.errors import RowsRefusedWarning

    path = tampered(saved_project, tmp_path)
    write(tmp_path / "p.qlr-journal", b"\x00" * 512)
    with pytest.warns(RowsRefusedWarning, match=r"p.qlr-journal beside it is the journal of a write that did not finish"):
        study = qlr.open(path)
    assert len(study.codings) > 0


# ---------------------------------------------------------------- .qdc code trees
def _nested_qdc(depth: int) -> str:
    opening = "".join(f'<Code guid="{uuid.UUID(int=i + 1)}" name="c{i}" isCodable="true">' for i in range(depth))
    return f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{opening}{"</Code>" * depth}</Codes></CodeBook>'


def test_twenty_thousand_nested_codes_are_one_error_not_a_recursion_error(tmp_path):
    path = write(tmp_path / "deep.qdc", _nested_qdc(20_000))
    outcome = guarded(f"qlr.read_codebook({str(path)!r})", tmp_path)
    assert outcome["type"] == "CodebookError"
    assert outcome["message"].startswith(f"{path}: code 'c33' is nested 33 levels deep; the limit is 32. Fix:")


def test_a_code_tree_at_the_limit_still_reads_in_file_order(tmp_path):
    import qlr

    codebook = qlr.read_codebook(write(tmp_path / "ok.qdc", _nested_qdc(33)))
    assert [code.name for code in codebook] == [f"c{i}" for i in range(33)]
    assert codebook[".".join(f"c{i}" for i in range(33))].parent == ".".join(f"c{i}" for i in range(32))


# ---------------------------------------------------------------- .qdpx values
def rewritten(tmp_path, change, *, study=None):
    """A project exported from ``study`` (one sample transcript, coded) whose ``project.qde`` went through ``change`` (text → text)."""
    import qlr

    from .test_qdpx import _archive, tamper_exported

    if study is None:
        study = qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False).apply("coproduction", progress=False)
    path = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(study, path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return _archive(path, tamper_exported(members, change))


def _one(pattern, replacement):
    def change(text):
        changed, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, f"{pattern!r} is not in the exported project"
        return changed

    return change


def test_a_timestamp_that_does_not_parse_is_left_out_with_the_element_and_guid(tmp_path):
    import qlr
    from qlr.errors import RowsRefusedWarning

    path = rewritten(tmp_path, _one(r'(<Coding guid="([^"]+)"[^>]*creationDateTime=")[^"]*"', r'\1next tuesday"'))
    with pytest.warns(RowsRefusedWarning, match=r"p.qdpx: left out 1 value\(s\) that do not parse or name nothing in the project: <Coding guid=\S+> creationDateTime 'next tuesday' is not an ISO 8601"):
        study = qlr.io.read_qdpx(path)
    assert study.codings["created"].isna().sum() == 1 and len(study.codings) > 1


def test_variable_values_that_do_not_parse_are_kept_as_written_and_said(tmp_path):
    import qlr
    from qlr.errors import RepairedInputWarning, RowsRefusedWarning

    variable = (
        '<Variables><Variable guid="11111111-2222-3333-4444-555555555555" name="age" typeOfVariable="Integer"/>'
        '<Variable guid="11111111-2222-3333-4444-555555555556" name="seen" typeOfVariable="Date"/></Variables>'
    )
    values = (
        '<VariableValue><VariableRef targetGUID="11111111-2222-3333-4444-555555555555"/><IntegerValue>forty</IntegerValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="11111111-2222-3333-4444-555555555556"/><DateValue>2024-13-45</DateValue></VariableValue>'
    )

    def change(text):
        text = _one(r"(<CodeBook)", variable + r"\1")(text)
        return _one(r"(<TextSource [^>]*>)", r"\1" + values)(text)

    path = rewritten(tmp_path, change)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path)
    refused = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    repaired = [str(w.message) for w in caught if issubclass(w.category, RepairedInputWarning) and "declared type" in str(w.message)]
    assert refused == []
    # Kept as the tool wrote them (a qlr export keeps a document's values in source_values, given back on export) and said once.
    assert len(repaired) == 1 and "2 value(s) do not parse as their variable's declared type and are kept as written" in repaired[0]
    assert "'age' (Integer): document C05_W3_interview 'forty'" in repaired[0] and "'seen' (Date): document C05_W3_interview '2024-13-45'" in repaired[0]
    kept = study.meta["import"]["source_values"]["C05_W3_interview"]
    assert kept["age"] == ["IntegerValue", "forty"] and kept["seen"] == ["DateValue", "2024-13-45"]
    assert len(study.documents) == 1


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (r"order: 1\b", "order: .inf", r"qlr/details\.json wave W3: order=inf is not a whole number"),
        (r"doc_id: C05_W3_interview", "doc_id: ../../etc/passwd", r"doc_id '../../etc/passwd' is not a safe id"),
        (r"doc_id: C05_W3_interview", "doc_id: {a: 1}", r"doc_id \{'a': 1\} is not a safe id"),
        (r"kind: interview", "kind: [1, 2]", r"kind \[1, 2\] is not text"),
    ],
)
def test_qlr_fields_of_the_wrong_kind_are_left_out_with_a_count(tmp_path, pattern, replacement, message):
    import qlr
    from qlr.errors import RowsRefusedWarning

    path = rewritten(tmp_path, _one(pattern, replacement))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path)
    refused = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    assert len(refused) == 1 and re.search(message, refused[0]), refused
    assert "left out 1 value(s)" in refused[0]
    assert all(isinstance(v, str) and "/" not in v for v in study.documents["doc_id"])
    assert len(study.codings) > 0


def test_a_memo_pointing_at_nothing_is_kept_on_the_study_with_a_count(tmp_path):
    import qlr
    from qlr.errors import RowsRefusedWarning

    study = qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False)
    study.memo("document", "C05_W3_interview", "A note on the transcript.", author="rm")
    path = rewritten(tmp_path, _one(r"target_id: C05_W3_interview", "target_id: C99_W9_nowhere"), study=study)
    with pytest.warns(RowsRefusedWarning, match=r"memo .* points at document 'C99_W9_nowhere', which the project does not have"):
        back = qlr.io.read_qdpx(path)
    assert list(back.memos["target_type"]) == ["study"]


@pytest.mark.parametrize(
    ("block", "outcome"),
    [
        ("[qlr]\n- a\n- b\n", "its [qlr] block is a list, not a mapping of fields"),
        ("[qlr]\n{position: first}\n", None),
    ],
)
def test_a_codes_qlr_block_of_the_wrong_shape(tmp_path, block, outcome):
    import qlr
    from qlr.errors import CodebookError

    text = (
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        f'<Code guid="{uuid.UUID(int=1)}" name="Support" isCodable="true"><Description>Help.\n{block}</Description></Code>'
        f'<Code guid="{uuid.UUID(int=2)}" name="Isolation" isCodable="true"/></Codes></CodeBook>'
    )
    path = write(tmp_path / "x.qdc", text)
    if outcome is None:  # a position that is not a number is no position: the file's order stands
        assert [code.name for code in qlr.read_codebook(path)] == ["Support", "Isolation"]
        return
    with pytest.raises(CodebookError, match=r"x.qdc: code 'Support': " + re.escape(outcome)):
        qlr.read_codebook(path)


def test_a_sources_qlr_block_that_is_a_list_is_left_out_with_a_count(tmp_path):
    import qlr
    from qlr.errors import RowsRefusedWarning

    from .test_qdpx import _archive, _project

    source = (
        '<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">'
        "<Description>Notes.\n[qlr]\n- a\n- b\n</Description></TextSource>"
    )
    path = _archive(tmp_path / "p.qdpx", {"project.qde": _project(sources=source), "sources/doc.txt": "hello world"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path)
    refused = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    assert len(refused) == 1
    assert re.search(r"left out 1 value\(s\) .*<TextSource guid=22222222-2222-2222-2222-222222222222>: its \[qlr\] block is a list, not a mapping", refused[0])
    assert list(study.documents["doc_id"]) == ["doc"] and study.documents["title"].iloc[0] == "Notes."


@pytest.mark.parametrize("dtype", ["int32", "Int32"])
def test_a_whole_number_too_big_for_its_32_bit_column_is_refused_not_wrapped(dtype):
    """A tampered 3e9 in a user's int32 column (an age, say) is one error, never read back as -1294967296."""
    from pathlib import Path

    from qlr.errors import ProjectFileError
    from qlr.io._store import _checked_column

    with pytest.raises(ProjectFileError, match="cases.age"):
        _checked_column((3_000_000_000, 1), dtype, "cases.age", Path("p.qlr"))
    assert _checked_column((2_000_000_000, 1), dtype, "cases.age", Path("p.qlr")).tolist() == [2_000_000_000, 1]


def test_two_codings_given_one_id_in_the_details_stay_two_codings(tmp_path):
    import json

    import qlr
    from qlr.errors import RowsRefusedWarning

    study = qlr.load(SAMPLE).sel(case="C05")
    path = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(study, path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    details = json.loads(members["qlr/details.json"])
    blocks = [block for block in details["guids"].values() if "coding_id" in block]
    blocks[1]["coding_id"] = blocks[0]["coding_id"]
    members["qlr/details.json"] = json.dumps(details).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.warns(RowsRefusedWarning, match=r"coding_id '[^']+' is another coding's"):
        back = qlr.io.read_qdpx(path)
    assert back.codings["coding_id"].is_unique
    assert len(back.codings) == len(study.codings)
