"""Hostile and broken inputs: each gives one clear qlr error, within bounded memory and time.

Every case runs in a child process under an address-space limit and a timeout:
guards that turn a blow-up or a hang into a failure of this test rather than of
the machine.  They are not speed assertions.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from .conftest import MINI_MANIFEST, snapshot, write

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for the child
TIMEOUT = 120  # seconds

_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import qlr
from qlr.errors import QlrError
try:
{body}
    print(json.dumps({{"result": "no error"}}))
except QlrError as exc:
    print(json.dumps({{"result": "qlr error", "type": type(exc).__name__, "message": str(exc)}}))
"""


def guarded(body: str, cwd: Path) -> dict:
    """Run ``body`` (Python, using ``qlr``) in a child with a memory limit; return what it raised."""
    code = _CHILD.format(limit=MEMORY_LIMIT, body=textwrap.indent(textwrap.dedent(body), "    "))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd)
    assert run.returncode == 0, f"the child failed:\n{run.stderr[-3000:]}"
    return json.loads(run.stdout.strip().splitlines()[-1])


def _laughs(levels: int = 9) -> str:
    """A YAML 'billion laughs': each anchor repeats the one before nine times (about 300 bytes)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def study_dir(tmp_path):
    root = tmp_path / "study"
    write(root / "interviews" / "C1_W1_interview.txt", "Rachel: How are you?\nAnn: Fine.\n")
    write(root / "interviews" / "C2_W2_interview.txt", "Q: And you?\nA: Fine too.\n")
    return root


def test_alias_bomb_in_a_manifest(study_dir):
    write(study_dir / "study.yaml", MINI_MANIFEST.replace("speakers:", _laughs() + "speakers:", 1))
    before = snapshot(study_dir)
    outcome = guarded(f"qlr.load({str(study_dir)!r}, progress=False)", study_dir)
    assert outcome["type"] == "YamlSyntaxError"
    assert "study.yaml:" in outcome["message"] and "aliases" in outcome["message"] and "over the limit" in outcome["message"]
    assert snapshot(study_dir) == before


def test_alias_bomb_in_a_codebook(tmp_path):
    path = write(tmp_path / "bomb.yaml", "name: Bomb\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t}\n" + _laughs())
    outcome = guarded(f"qlr.read_codebook({str(path)!r})", tmp_path)
    assert outcome["result"] == "qlr error"
    assert "bomb.yaml:" in outcome["message"] and "aliases" in outcome["message"]


def test_deep_nesting_is_refused_with_the_file(study_dir):
    write(study_dir / "study.yaml", "name: Deep\nwaves: " + "[" * 3000 + "]" * 3000 + "\n")
    outcome = guarded(f"qlr.load({str(study_dir)!r}, progress=False)", study_dir)
    assert outcome["type"] == "YamlSyntaxError"
    # Our depth check or, in newer PyYAML builds, libyaml's own: either way one error naming the file.
    assert "study.yaml:" in outcome["message"] and "nest" in outcome["message"]


def test_recursive_alias_is_refused(tmp_path):
    path = write(tmp_path / "loop.yaml", "name: Loop\nthemes: &t [*t]\ncodes: []\n")
    outcome = guarded(f"qlr.read_codebook({str(path)!r})", tmp_path)
    assert outcome["result"] == "qlr error" and "contains it" in outcome["message"]


def test_a_mapping_as_a_key_is_a_syntax_error(study_dir):
    write(study_dir / "study.yaml", "name: Keys\n? {a: 1}\n: value\n")
    outcome = guarded(f"qlr.load({str(study_dir)!r}, progress=False)", study_dir)
    assert outcome["type"] == "YamlSyntaxError"
    assert "study.yaml:2" in outcome["message"] and "cannot be a key" in outcome["message"]


def test_alias_bomb_through_the_command_line(study_dir):
    write(study_dir / "study.yaml", MINI_MANIFEST.replace("speakers:", _laughs() + "speakers:", 1))
    run = subprocess.run(
        [sys.executable, "-c", f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}));"
         "import sys; from qlr.cli import main; sys.exit(main(sys.argv[1:]))", "validate", str(study_dir), "-q"],
        capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert run.returncode == 1
    assert "study.yaml:" in run.stderr and "aliases" in run.stderr
    assert "Traceback" not in run.stderr


def test_ordinary_aliases_still_work(tmp_path):
    from qlr._yaml import parse_yaml

    data = parse_yaml("defaults: &d {role: carer, site: north}\ncases:\n  - {id: C1, <<: *d}\n  - {id: C2, <<: *d}\n")
    assert [case["role"] for case in data["cases"]] == ["carer", "carer"]


# ---------------------------------------------------------------- tampered projects
def _saved(tmp_path):
    import qlr

    from .conftest import SAMPLE

    path = tmp_path / "p.qlr"
    qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False).apply("coproduction", progress=False).save(path)
    return path


def _tamper(path, *statements):
    import sqlite3

    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_a_view_in_place_of_a_table_is_refused(tmp_path):
    path = _saved(tmp_path)
    _tamper(
        path,
        'ALTER TABLE "t_documents" RENAME TO old_documents',
        'CREATE VIEW "t_documents" AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT * FROM r',
    )
    outcome = guarded(f"qlr.open({str(path)!r})", tmp_path)
    assert outcome["type"] == "ProjectFileError" and "view 't_documents'" in outcome["message"] and "p.qlr" in outcome["message"]


def test_a_trigger_is_refused(tmp_path):
    path = _saved(tmp_path)
    _tamper(path, "CREATE TRIGGER boom AFTER INSERT ON meta BEGIN SELECT 1; END")
    outcome = guarded(f"qlr.open({str(path)!r})", tmp_path)
    assert outcome["type"] == "ProjectFileError" and "trigger 'boom'" in outcome["message"]


def test_a_huge_value_is_refused_without_reading_it(tmp_path):
    path = _saved(tmp_path)
    _tamper(path, "UPDATE meta SET value = zeroblob(300000000) WHERE key = 'name'")
    outcome = guarded(f"qlr.open({str(path)!r})", tmp_path)
    assert outcome["type"] == "ProjectFileError" and "p.qlr" in outcome["message"]


def test_offsets_outside_the_text_and_dangling_keys_are_left_out_with_a_count(tmp_path):
    import warnings

    import qlr
    from qlr.errors import RowsRefusedWarning

    path = _saved(tmp_path)
    first = qlr.open(path)
    ids = first.codings["coding_id"].tolist()
    _tamper(
        path,
        f"""UPDATE t_codings SET c2 = -50, c3 = 1000000000 WHERE c0 = '{ids[0]}'""",
        f"""UPDATE t_codings SET c1 = 'nowhere' WHERE c0 = '{ids[1]}'""",
        f"""UPDATE t_codings SET c2 = 90, c3 = 10 WHERE c0 = '{ids[2]}'""",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.open(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    assert len(messages) == 1
    assert "1 codings row(s) pointing at a document the project does not have" in messages[0]
    assert "2 codings row(s) whose offsets lie outside their document's text" in messages[0]
    assert set(study.codings["coding_id"]) == set(ids) - set(ids[:3])
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert all(0 <= s <= e <= len(texts[d]) for d, s, e in zip(study.codings["doc_id"], study.codings["start"], study.codings["end"]))


def test_an_unknown_declared_type_is_refused(tmp_path):
    import qlr
    from qlr.errors import ProjectFileError

    path = _saved(tmp_path)
    _tamper(path, "UPDATE columns SET dtype = 'evil' WHERE tbl = 'codings' AND name = 'start'")
    with pytest.raises(ProjectFileError, match="type 'evil'"):
        qlr.open(path)


def test_quiet_never_hides_rows_left_out_and_the_exit_status_says_so(tmp_path, capsys):
    from qlr.cli import EXIT_DATA_LEFT_OUT, main

    path = _saved(tmp_path)
    _tamper(path, "UPDATE t_codings SET c2 = -5 WHERE rowid = 1")
    assert main(["info", str(path), "-q"]) == EXIT_DATA_LEFT_OUT
    err = capsys.readouterr().err
    assert "left out 1 codings row(s) whose offsets lie outside" in err and "exit status 3" in err


def test_export_of_a_qdpx_says_to_import_it_first(tmp_path, capsys):
    from qlr.cli import main

    assert main(["export", str(tmp_path / "project.qdpx"), "-o", str(tmp_path / "out.qdpx")]) == 1
    assert "import it first (qlr import" in capsys.readouterr().err


# ---------------------------------------------------------------- files outside the study folder
@pytest.mark.parametrize("entry", ["../secret.txt", "ABSOLUTE", "../*.txt", "link.txt"])
def test_documents_outside_the_folder_need_the_runners_consent(tmp_path, entry, capsys):
    import os

    import qlr
    from qlr.cli import main
    from qlr.errors import ManifestError

    secret = write(tmp_path / "secret.txt", "Interviewer: Private?\nAnn: Yes.\n")
    root = tmp_path / "study"
    root.mkdir()
    if entry == "link.txt":
        os.symlink(secret, root / "link.txt")
    path = str(secret) if entry == "ABSOLUTE" else entry
    write(root / "study.yaml", f"name: S\ndocuments:\n  - {{path: '{path}', case: C1, wave: W1}}\n")
    before = snapshot(tmp_path)
    with pytest.raises(ManifestError, match=r"study.yaml:3: 1 file\(s\) lie outside the study folder"):
        qlr.load(root, progress=False)
    assert main(["info", str(root), "-q"]) == 1 and "outside the study folder" in capsys.readouterr().err
    study = qlr.load(root, progress=False, allow_outside=True)
    assert len(study.documents) == 1 and study.meta["outside"]
    assert main(["info", str(root), "--allow-outside"]) == 0 and "Read from outside the study folder" in capsys.readouterr().out
    assert snapshot(tmp_path) == before


def test_a_file_name_with_brackets_is_that_file_not_a_glob(tmp_path):
    import qlr

    root = tmp_path / "study"
    write(root / "C01_W1_[x].txt", "Interviewer: Hi?\nAnn: The right file.\n")
    write(root / "C01_W1_x.txt", "Interviewer: Hi?\nAnn: The wrong file.\n")
    # The entry names its kind: a file named as of kind "[x]" with labels is now warned of (a kind qlr does not know).
    write(root / "study.yaml", "name: S\ndocuments:\n  - {path: 'C01_W1_[x].txt', case: C01, wave: W1, kind: interview}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    # The other file, unlisted, is said (stop 41).
    assert any(issubclass(w.category, qlr.errors.FilesNotLoadedWarning) and "C01_W1_x.txt" in str(w.message) for w in caught)
    assert "The right file." in study.documents["text"].iloc[0]


def test_a_catastrophic_speaker_pattern_is_stopped_with_one_error(tmp_path):
    root = tmp_path / "study"
    write(root / "C1_W1_interview.txt", "a" * 40 + "!\nAnn: hello\n")
    write(root / "study.yaml", "name: S\nsegmentation:\n  speaker_pattern: '^(?P<speaker>(a|aa)+)b'\ndocuments: ['*.txt']\n")
    outcome = guarded(f"qlr.load({str(root)!r}, progress=False)", tmp_path)
    assert outcome["type"] == "ManifestError"
    assert "study.yaml:3" in outcome["message"] and "exponential time" in outcome["message"]


@pytest.mark.parametrize(("naming", "message"), [("{case}{wave}", "nothing between them"), ("{case}_{case}_{wave}", "uses {case} twice")])
def test_naming_templates_that_cannot_work_are_refused(tmp_path, naming, message):
    import qlr
    from qlr.errors import ManifestError

    root = tmp_path / "study"
    write(root / "C1_W1.txt", "Interviewer: Hi?\nAnn: Hello.\n")
    write(root / "study.yaml", f"name: S\nnaming: '{naming}'\ndocuments: ['*.txt']\n")
    with pytest.raises(ManifestError, match=message):
        qlr.load(root, progress=False)


def test_nesting_past_qlrs_own_limit_is_refused():
    from qlr._yaml import MAX_DEPTH, parse_yaml
    from qlr.errors import YamlSyntaxError

    deep = "a: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n"
    with pytest.raises(YamlSyntaxError, match=r"x.yaml:1: the YAML nests more than 64 levels deep"):
        parse_yaml(deep, "x.yaml")
    assert parse_yaml("a: " + "[" * 20 + "]" * 20 + "\n")["a"] == [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]


MANIFEST_VALUES = [
    ("waves:\n  - {id: W1, order: .inf}\n", r"study.yaml:3: wave W1 order must be a whole number"),
    ("waves:\n  - {id: W1, order: .nan}\n", r"study.yaml:3: wave W1 order must be a whole number"),
    ("waves:\n  - {id: W1, order: 100000000000000000000000000000}\n", r"study.yaml:3: wave W1 order must be a whole number"),
    ("cases:\n  - {id: C1, aliases: 5}\n", r"study.yaml:3: 'aliases' must be a list of names, not 5"),
    ("segmentation: {dayfirst: 'no'}\n", r"study.yaml:2: 'dayfirst' must be true or false, not 'no'"),
]


@pytest.mark.parametrize(("section", "message"), MANIFEST_VALUES)
def test_manifest_values_are_checked(tmp_path, section, message, capsys):
    import qlr
    from qlr.cli import main
    from qlr.errors import ManifestError

    root = tmp_path / "study"
    write(root / "C1_W1_interview.txt", "Interviewer: Hi?\nAnn: Hello.\n")
    write(root / "study.yaml", "name: S\n" + section + "documents: ['*.txt']\n")
    with pytest.raises(ManifestError, match=message):
        qlr.load(root, progress=False)
    assert main(["validate", str(root)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "study.yaml:" in err


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("C1_W1_interview,abc,10,,x,rm", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: start 'abc' is not a whole number"),
        ("C1_W1_interview,-50,1000000000,,x,rm", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: start '-50' is not a whole number"),
        # Said as every importer says codings outside their text (qlr.io._positions.outside_text): the text is 29 characters.
        (
            "C1_W1_interview,90,10,,x,rm",
            r"c.csv:2: 1 of 1 codings cannot be placed: 1 coding\(s\) lie outside their document's text and cannot be placed: "
            r"'C1_W1_interview' \(its text has 29 characters\): row 2 at 90–10 \(ends before it starts\)\. Fix: copy each quote .* start < end as character offsets within the document's text;",
        ),
        (
            "C1_W1_interview,0,1000000000,,x,rm",
            r"c.csv:2: 1 of 1 codings cannot be placed: 1 coding\(s\) lie outside their document's text and cannot be placed: "
            r"'C1_W1_interview' \(its text has 29 characters\): row 2 at 0–1000000000\. Fix: copy each quote",
        ),
        ("C1_W1_interview,,,Hello,x,rm\nC1_W1_interview,,,Hello,x,rm2", None),
    ],
)
def test_codings_file_offsets_are_checked(tmp_path, row, message):
    import qlr
    from qlr.errors import ManifestError

    root = tmp_path / "study"
    write(root / "C1_W1_interview.txt", "Interviewer: Hi?\nAnn: Hello.\n")
    write(root / "c.csv", "doc_id,start,end,quote,code_id,coder\n" + row + "\n")
    write(root / "study.yaml", "name: S\ndocuments: ['*.txt']\ncodings: [c.csv]\n")
    if message is None:
        assert len(qlr.load(root, progress=False).codings) == 2
        return
    with pytest.raises(ManifestError, match=message):
        qlr.load(root, progress=False)


def test_a_turn_longer_than_spacy_takes_is_coded_in_pieces(tmp_path):
    import qlr

    filler = "We talked about the weather and the buses again. " * 25_000  # 1.25 million characters
    text = "Interviewer: Tell me everything.\nAnn: " + filler + "Now we help each other every week.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False).apply("coproduction", progress=False)
    coded = study.codings[study.codings["code_id"] == "reciprocity.two_way"]
    doc = study.documents["text"].iloc[0]
    assert [doc[s:e] for s, e in zip(coded["start"], coded["end"])] == ["Now we help each other every week."]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ('[{LOWER: a, OP: "{1,200000}"}]', r"repeats a token up to \{1,200000\}; the limit is 20"),
        ('[{TEXT: {REGEX: "^(a|aa)+b$"}}]', "could take exponential time"),
        ('[{TEXT: {REGEX: "^(a+)+b$"}}]', "could take exponential time"),
    ],
)
def test_token_patterns_that_would_hang_matching_are_refused(pattern, message):
    from qlr.codebook import Codebook
    from qlr.errors import CodebookError

    text = "name: X\nthemes: [t]\ncodes:\n  - id: t.a\n    parent: t\n    indicators:\n      - pattern: " + pattern + "\n"
    with pytest.raises(CodebookError, match=r"<codebook>:7: code 't.a': .*" + message):
        Codebook.from_yaml(text)
    assert Codebook.from_yaml(text.replace(pattern, '[{TEXT: {REGEX: "^help"}}]'))


def test_a_five_thousand_deep_code_tree_is_refused_quickly(tmp_path):
    lines = ["name: Deep", "themes: [t]", "codes:", "  - {id: t.c0, parent: t}"]
    lines += [f"  - {{id: t.c{i}, parent: t.c{i - 1}}}" for i in range(1, 5000)]
    path = write(tmp_path / "deep.yaml", "\n".join(lines) + "\n")
    outcome = guarded(f"qlr.read_codebook({str(path)!r})", tmp_path)
    assert outcome["type"] == "CodebookError"
    assert "deep.yaml:36: code 't.c32' is 33 levels below its theme; the limit is 32" in outcome["message"]


def test_an_encrypted_project_archive_is_one_clear_error(tmp_path):
    import zipfile

    import qlr
    from qlr.errors import QdpxError

    path = tmp_path / "locked.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
    data = bytearray(path.read_bytes())
    # Mark the member encrypted (general-purpose flag bit 0) in both headers, as a password-protected zip has it.
    data[6] |= 1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(QdpxError, match=r"locked.qdpx: the archive member 'project.qde' is encrypted"):
        qlr.io.read_qdpx(path)


def test_tampered_segments_in_a_qdpx_are_left_out_and_the_source_segmented_again(tmp_path):
    import io
    import re as _re
    import zipfile

    import qlr
    from qlr.errors import RowsRefusedWarning

    from .conftest import SAMPLE

    study = qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False)
    path = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(study, path)
    members = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info)
    details = members["qlr/details.json"].decode("utf-8")  # qlr's details beside the project (issue 14)
    # Make the first stored segment start before the text (a negative offset would slice from the end).
    tampered, count = _re.subn(r'"segments": \[\[(\d+),', '"segments": [[-40,', details, count=1)
    assert count == 1, "the stored segments were not found in the project file"
    members["qlr/details.json"] = tampered.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    with pytest.warns(RowsRefusedWarning, match="lie outside its text and were left out"):
        imported = qlr.io.read_qdpx(path)
    text = imported.documents["text"].iloc[0]
    assert all(0 <= s <= e <= len(text) for s, e in zip(imported.segments["start"], imported.segments["end"]))
    assert imported.segments["speaker"].notna().sum() > 10
