"""The full sweep of issue 13: every input its "Why" names, through the Python API and the command line.

Each input is built here (never read from a stored hostile file) and run in a
child process under an address-space limit and a timeout, once through the API
and once through ``qlr`` (``qlr.cli.main``, exactly what the command runs).  The
child's home, temporary folder and working folder are inside the test's
temporary folder; the test then checks that the input files and qlr's own
source, codebooks and data are byte for byte as before.  The guards catch a
hang or a blow-up; they are not speed assertions.

Checklist: each input of the issue and the test that covers it
(``sweep[ID]`` is a case of :func:`test_sweep` below; other names are tests in
the module given).

=====================================================================  ==========================================================================
input (issue 13, Why)                                                  test
=====================================================================  ==========================================================================
**Tiny files exhaust memory or time**
YAML alias bomb in ``study.yaml``                                      ``sweep[alias-bomb-manifest]``; test_hostile: test_alias_bomb_in_a_manifest
… in a codebook                                                        ``sweep[alias-bomb-codebook]``
… in a codebook stored in a ``.qlr``                                   ``sweep[alias-bomb-stored-codebook]``
… in a ``[qlr]`` block inside a 700-byte ``.qdpx``                     ``sweep[alias-bomb-qdpx-block]``
a ``.qlr`` table replaced by a recursive SQL view                      ``sweep[recursive-view]``
… by a view of huge blobs                                              ``sweep[blob-view]``
catastrophic regex in ``speaker_pattern``                              ``sweep[catastrophic-speaker-pattern]``
… in a codebook ``REGEX`` token pattern                                ``sweep[catastrophic-token-regex]``
… from a ``naming`` template with adjacent fields                      ``sweep[naming-adjacent-fields]``
a ``{1,200000}`` quantifier in a token pattern                         ``sweep[huge-quantifier]``
a 5,000-deep parent chain of codes                                     ``sweep[deep-parent-chain]``
**Real files that are merely big**
150,000 Windows line ends in a ``.qdpx`` source                        ``sweep[crlf-150000]``
a big source (UTF-16 position table)                                   ``sweep[big-astral-source]`` (8 MB of text with emoji)
a single turn over 1,000,000 characters                                ``sweep[million-character-turn]`` (CLI); test_hostile: test_a_turn_longer_than_spacy_takes_is_coded_in_pieces (API)
**Silent wrong results**
imported coding ids cut to 12 characters of the GUID                   test_imported_codings_sharing_a_guid_prefix_keep_their_own_ids
segments in a ``[qlr]`` block not checked                              ``sweep[qdpx-segments-outside]``
offsets in a tampered ``.qlr`` not checked                             ``sweep[qlr-offsets-outside]``
codings pointing at missing documents, segments or codes               ``sweep[qlr-dangling-keys]``, ``sweep[qdpx-coding-missing-code]``
``qlr validate`` "ok" for a codings CSV with −50:10⁹ and 90:10          ``sweep[csv-offsets-negative]``, ``sweep[csv-offsets-reversed]``
``C01_W1_[x].txt`` read as a glob                                      ``sweep[brackets-in-file-name]``
``dayfirst: "no"`` counting as true                                    ``sweep[dayfirst-no]``
**Raw tracebacks instead of qlr errors**
wave ``order`` of ``.inf``, ``.nan``, ``10**29``                       ``sweep[order-inf]``, ``sweep[order-nan]``, ``sweep[order-huge]``
``aliases: 5``                                                         ``sweep[aliases-number]``
a mapping as a key                                                     ``sweep[mapping-key]``
an absolute glob                                                       ``sweep[absolute-glob]``
deep YAML nesting under libyaml's limit                                ``sweep[deep-nesting]``
codings CSV: text offsets, bad ``occurrence``, empty quote, binary     ``sweep[csv-text-offsets]``, ``sweep[csv-bad-occurrence]``, ``sweep[csv-occurrence-past-the-last]``, ``sweep[csv-empty-quote]``, ``sweep[csv-binary]``
a naming template that repeats a field                                 ``sweep[naming-repeated-field]``
a ``.qdc`` with 20,000 nested codes                                    ``sweep[qdc-20000-nested]``
an encrypted zip                                                       ``sweep[encrypted-qdpx]``
dates and integers that do not parse in a ``.qdpx``                    ``sweep[qdpx-bad-values]``
a per-wave attribute whose name has a space (``qlr report``)           ``sweep[per-wave-attribute-with-a-space]``
tampered ``.qlr``: wrong types, NULL or duplicate ids, non-JSON         ``sweep[qlr-wrong-type]``, ``sweep[qlr-null-id]``, ``sweep[qlr-duplicate-id]``, ``sweep[qlr-meta-not-json]``, ``sweep[qlr-out-of-range]``;
metadata, out-of-range numbers                                         test_hostile_projects (one test per column type and per metadata field)
unsafe ids (path separators, ``..``, control characters)               ``sweep[id-with-path-separator]``, ``sweep[id-with-escape-sequence]``
a valid project beside a stale SQLite journal                          ``sweep[stale-journal]``
**Output that runs code or calls out**
formulas in ``tables.xlsx``; ``=``, ``+``, ``-``, ``@`` in CSV tables,     test_output_hostile: test_the_report_carries_nothing_active,
the coding sheet and the disagreements CSV                             test_csv_and_excel_writers_neutralise_and_read_back, test_a_coding_sheet_reads_back_exactly;
                                                                       test_writers_atomic: test_the_agreement_command_writes_neutralised_csv
an unvalidated colour in ``Codebook._repr_html_``                      test_output_hostile: test_notebook_displays_carry_nothing_active
ANSI escapes and newlines from ids in ``qlr info``                     test_output_hostile: test_the_terminal_gets_no_escape_sequences
**Files outside the study folder**
``../../elsewhere``, an absolute path, a glob with ``..``, a symlink     test_hostile: test_documents_outside_the_folder_need_the_runners_consent (API and CLI)
``qlr export`` packing such a file                                     ``sweep[export-outside-file]``
**Litter and races**
a save killed midway leaves its temporary                              ``test_a_killed_save_leaves_the_project_whole_and_its_litter_is_cleared``; test_atomic
two processes exporting one ``.qdpx``                                  ``test_two_processes_exporting_one_qdpx_never_tear_it``
=====================================================================  ==========================================================================
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import MINI_MANIFEST, ROOT, SAMPLE, snapshot, write
from .test_hostile import _laughs
from .test_qdpx import _archive, _project, tamper_exported

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for each child
TIMEOUT = 300  # seconds for each child: generous, a guard against a hang

_CHILD = """
import contextlib, io, json, resource, sys, warnings
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import qlr
from qlr.errors import QlrError, QlrWarning
from qlr.cli import main
p = {path!r}
outcome = {{}}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
{api}
        outcome["api"] = {{"error": None, "result": result}}
    except QlrError as exc:
        outcome["api"] = {{"error": type(exc).__name__, "message": str(exc)}}
outcome["api"]["warnings"] = [[w.category.__name__, str(w.message)] for w in caught if issubclass(w.category, QlrWarning)]
if {cli!r} is not None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main({cli!r})
    outcome["cli"] = {{"status": status, "stderr": err.getvalue()}}
print(json.dumps(outcome, default=str))
"""


@dataclass
class Hostile:
    """One input of the sweep: how to run it and what must come out."""

    api: str  # Python run with ``p`` (the built file or folder); sets ``result``
    cli: list[str] | None  # the command's arguments, ``{p}`` and ``{out}`` filled in
    error: str | None = None  # the qlr error class, or None when a warning and a result are expected
    message: str = ""  # a regular expression the error (or the warning) must match
    warning: str | None = None  # the warning class expected with a correct result
    result: object = None  # what ``result`` must be when no error is expected
    status: int | None = None  # the command's exit status (default: 1 on an error, 3 on a refused row, else 0)
    extra: dict = field(default_factory=dict)


def run_guarded(case: Hostile, path: Path, tmp_path: Path) -> dict:
    """Run ``case`` in a child with a memory limit, its home and temporary folder inside ``tmp_path``."""
    out = tmp_path / "out"
    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    cli = [arg.format(p=path, out=out) for arg in case.cli] if case.cli is not None else None
    code = _CHILD.format(limit=MEMORY_LIMIT, path=str(path), api=textwrap.indent(textwrap.dedent(case.api), " " * 8), cli=cli)
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(home / "tmp"), "PYTHONPATH": str(ROOT), "QLR_USER": "tester", "MPLCONFIGDIR": str(home / "mpl")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT, cwd=home, env=env)
    assert run.returncode == 0, f"the child failed:\n{run.stderr[-3000:]}"
    return json.loads(run.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- builders: each returns (path, Hostile)
def _study(tmp: Path, manifest: str, files: dict[str, str | bytes] | None = None) -> Path:
    root = tmp / "study"
    for name, text in (files or {"C1_W1_interview.txt": "Interviewer: Hi?\nAnn: Hello, we help each other.\n"}).items():
        write(root / name, text)
    write(root / "study.yaml", manifest)
    return root


def _load(manifest: str, message: str, error: str = "ManifestError", files=None):
    def build(tmp: Path):
        return _study(tmp, manifest, files), Hostile("result = len(qlr.load(p, progress=False).documents)", ["validate", "{p}", "-q"], error=error, message=message)

    return build


def _codebook(text: str, message: str, error: str = "CodebookError", name: str = "cb.yaml"):
    def build(tmp: Path):
        path = write(tmp / "in" / name, text)
        return path, Hostile("result = len(qlr.read_codebook(p))", ["validate", "--codebook", "{p}", "-q"], error=error, message=message)

    return build


_SAVED: dict[str, bytes] = {}


def _saved_project(tmp: Path) -> Path:
    """A coded one-transcript project, saved once per session and copied."""
    if "p" not in _SAVED:
        import qlr

        first = tmp / "first.qlr"
        qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False).apply("coproduction", progress=False).save(first)
        _SAVED["p"] = first.read_bytes()
        first.unlink()
    return write(tmp / "in" / "p.qlr", _SAVED["p"])


def _column(path: Path, table: str, name: str) -> str:
    connection = sqlite3.connect(path)
    (position,) = connection.execute("SELECT position FROM columns WHERE tbl = ? AND name = ?", (table, name)).fetchone()
    connection.close()
    return f"c{position}"


def _tampered(statements: Callable[[Path], list[str]], message: str, error: str | None = "ProjectFileError", warning: str | None = None, result: object = None, status=None):
    def build(tmp: Path):
        path = _saved_project(tmp)
        connection = sqlite3.connect(path)
        with connection:
            for statement in statements(path):
                connection.execute(statement)
        connection.close()
        case = Hostile("result = len(qlr.open(p).codings)", ["info", "{p}", "-q"], error=error, message=message, warning=warning, result=result, status=status)
        return path, case

    return build


def _qdpx(members: dict[str, str | bytes], message: str, error: str | None = "QdpxError", warning: str | None = None, result: object = None):
    def build(tmp: Path):
        path = _write_archive(tmp / "in" / "p.qdpx", members)
        case = Hostile("result = len(qlr.io.read_qdpx(p).codings)", ["import", "{p}", "-o", "{out}.qlr", "-q"], error=error, message=message, warning=warning, result=result)
        return path, case

    return build


def _write_archive(path: Path, members: dict[str, str | bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return _archive(path, members)


def _exported_qdpx(change: Callable[[str], str], message: str, warning: str = "RowsRefusedWarning", result: object = None):
    """The sample transcript exported by qlr, its ``project.qde`` changed by hand."""

    def build(tmp: Path):
        import qlr

        study = qlr.load(SAMPLE / "interviews" / "C05_W3_interview.txt", progress=False).apply("coproduction", progress=False)
        exported = tmp / "exported.qdpx"
        qlr.io.write_qdpx(study, exported)
        with zipfile.ZipFile(exported) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        exported.unlink()
        path = _write_archive(tmp / "in" / "p.qdpx", tamper_exported(members, change))
        return path, Hostile("result = len(qlr.io.read_qdpx(p).codings)", ["import", "{p}", "-o", "{out}.qlr", "-q"], message=message, warning=warning, result=result)

    return build


def _sub(pattern: str, replacement: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        changed, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, f"{pattern!r} is not in the exported project"
        return changed

    return change


def _csv(rows: str | bytes, message: str, error: str = "ManifestError"):
    files = {"C1_W1_interview.txt": "Interviewer: Hi?\nAnn: Hello, we help each other.\n", "c.csv": rows}
    return _load("name: S\ndocuments: ['*.txt']\ncodings: [c.csv]\n", message, error, files=files)


def _one_selection_source(tmp: Path, text: str, quote: str, start: int) -> tuple[Path, Hostile]:
    """A project of one source, ``text``, with one coded selection of ``quote`` at ``start``; the import must quote it exactly."""
    source = (
        '<TextSource guid="22222222-2222-2222-2222-222222222222" name="big" plainTextPath="internal://big.txt">'
        f'<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" name="{quote}" startPosition="{start}" endPosition="{start + len(quote)}">'
        '<Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection></TextSource>'
    )
    path = _write_archive(tmp / "in" / "p.qdpx", {"project.qde": _project(sources=source), "sources/big.txt": text.encode("utf-8")})
    api = """
study = qlr.io.read_qdpx(p)
row = study.codings.iloc[0]
result = study.documents["text"].iloc[0][row["start"]:row["end"]]
"""
    return path, Hostile(api, ["import", "{p}", "-o", "{out}.qlr", "-q"], result=quote, status=0)


def _crlf_source(tmp: Path) -> tuple[Path, Hostile]:
    """150,000 Windows lines and a selection at the very end (the old mapping was quadratic)."""
    text = "\r\n".join(f"Ann: line {i} of a long diary." for i in range(150_000)) + "\r\nAnn: the last words.\r\n"
    return _one_selection_source(tmp, text, "the last words.", len(text) - len("the last words.\r\n"))


def _astral_source(tmp: Path) -> tuple[Path, Hostile]:
    """8 MB of text full of characters outside the BMP, coded near the end in UTF-16 units (NVivo's convention)."""
    line = "Ann: we met 🙂 again and it went well 👍.\n"
    text = line * (8_000_000 // len(line)) + "Ann: the end.\n"
    return _one_selection_source(tmp, text, "the end.", len(text[: len(text) - len("the end.\n")].encode("utf-16-le")) // 2)


def _long_turn(tmp: Path) -> tuple[Path, Hostile]:
    filler = "We talked about the weather and the buses again. " * 25_000  # 1.25 million characters in one turn
    path = write(tmp / "in" / "C1_W1_interview.txt", "Interviewer: Tell me everything.\nAnn: " + filler + "Now we help each other every week.\n")
    # The API side is test_hostile's test of the same input; here the command codes and saves it.
    return path, Hostile("result = 'see test_hostile'", ["code", "{p}", "--codebook", "coproduction", "-o", "{out}.qlr", "-q"], result="see test_hostile", status=0)


def _bomb_in_qdpx_block(tmp: Path) -> tuple[Path, Hostile]:
    bomb = _laughs().replace("&", "&amp;")
    source = (
        '<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">'
        f"<Description>[qlr]\n{bomb}</Description></TextSource>"
    )
    path = _write_archive(tmp / "in" / "p.qdpx", {"project.qde": _project(sources=source), "sources/doc.txt": "hello world"})
    assert path.stat().st_size < 1500
    return path, Hostile("result = len(qlr.io.read_qdpx(p).documents)", ["import", "{p}", "-o", "{out}.qlr", "-q"], error="YamlSyntaxError", message=r"p.qdpx:\d+: its aliases .* over the limit")


def _encrypted(tmp: Path) -> tuple[Path, Hostile]:
    path = _write_archive(tmp / "in" / "p.qdpx", {"project.qde": _project(), "sources/doc.txt": "hello world"})
    data = bytearray(path.read_bytes())
    data[6] |= 1  # the encrypted flag, in the local header …
    data[data.find(b"PK\x01\x02") + 8] |= 1  # … and in the central directory
    path.write_bytes(bytes(data))
    return path, Hostile("result = len(qlr.io.read_qdpx(p).documents)", ["import", "{p}", "-o", "{out}.qlr", "-q"], error="QdpxError", message=r"p.qdpx: the archive member 'project.qde' is encrypted")


def _deep_qdc(tmp: Path) -> tuple[Path, Hostile]:
    opening = "".join(f'<Code guid="{uuid.UUID(int=i + 1)}" name="c{i}" isCodable="true">' for i in range(20_000))
    text = f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{opening}{"</Code>" * 20_000}</Codes></CodeBook>'
    path = write(tmp / "in" / "deep.qdc", text)
    return path, Hostile("result = len(qlr.read_codebook(p))", ["validate", "--codebook", "{p}", "-q"], error="CodebookError", message=r"deep.qdc: code 'c33' is nested 33 levels deep; the limit is 32")


def _per_wave_space(tmp: Path) -> tuple[Path, Hostile]:
    manifest = MINI_MANIFEST.replace("employment:", "employment status:")
    root = _study(tmp, manifest, {"interviews/C1_W1_interview.txt": "Rachel: How are you?\nAnn: We help each other every week.\n", "interviews/C1_W2_interview.txt": "Rachel: And now?\nAnn: Fine.\n", "notes/notes_w1.md": "# Notes\n\n2024-01-05 Group met.\n"})
    api = """
study = qlr.load(p, progress=False)
portrait = qlr.track.portrait(study, "C1", codebook="coproduction")
result = [line for line in portrait.markdown.splitlines() if "employment status" in line]
"""
    wanted = ["- **W1**: employment status none", "- **W2**: employment status part-time"]
    return root, Hostile(api, ["report", "{p}", "--codebook", "coproduction", "--out", "{out}", "-q"], result=wanted, status=0)


def _outside_export(tmp: Path) -> tuple[Path, Hostile]:
    write(tmp / "secret.txt", "Interviewer: Private?\nAnn: Yes.\n")
    root = _study(tmp, "name: S\ndocuments:\n  - {path: '../secret.txt', case: C1, wave: W1}\n", {})
    return root, Hostile("result = len(qlr.load(p, progress=False).documents)", ["export", "{p}", "-o", "{out}.qdpx", "-q"], error="ManifestError", message=r"study.yaml:3: 1 file\(s\) lie outside the study folder")


def _brackets(tmp: Path) -> tuple[Path, Hostile]:
    files = {"C01_W1_[x].txt": "Interviewer: Hi?\nAnn: The right file.\n", "C01_W1_x.txt": "Interviewer: Hi?\nAnn: The wrong file.\n"}
    # The twin is left out on purpose (unsaid, it would be data left out: exit status 3).
    root = _study(tmp, "name: S\ndocuments:\n  - {path: 'C01_W1_[x].txt', case: C01, wave: W1}\nexclude: [C01_W1_x.txt]\n", files)
    return root, Hostile("result = 'The right file.' in qlr.load(p, progress=False).documents['text'].iloc[0]", ["validate", "{p}", "-q"], result=True, status=0)


def _absolute_glob(tmp: Path) -> tuple[Path, Hostile]:
    write(tmp / "elsewhere" / "C9_W1_interview.txt", "Interviewer: Hi?\nAnn: Not yours.\n")
    root = _study(tmp, f"name: S\ndocuments: ['{(tmp / 'elsewhere').as_posix()}/*.txt']\n", {})
    return root, Hostile("result = len(qlr.load(p, progress=False).documents)", ["validate", "{p}", "-q"], error="ManifestError", message=r"study.yaml:2: 1 file\(s\) lie outside the study folder")


def _stale_journal(tmp: Path) -> tuple[Path, Hostile]:
    path = _saved_project(tmp)
    write(path.with_name("p.qlr-journal"), b"\0" * 512)
    return path, Hostile("result = len(qlr.open(p).codings) > 0", ["info", "{p}", "-q"], warning="RowsRefusedWarning", message=r"p.qlr-journal beside it is the journal of a write that did not finish", result=True)


def _stored_bomb(path: Path) -> list[str]:
    bomb = ("name: Bomb\nthemes: [t]\ncodes: []\n" + _laughs()).replace("'", "''")
    return [f"UPDATE codebooks SET content = '{bomb}'"]


SWEEP: dict[str, Callable[[Path], tuple[Path, Hostile]]] = {
    # tiny files that exhaust memory or time
    "alias-bomb-manifest": _load(MINI_MANIFEST.replace("speakers:", _laughs() + "speakers:", 1), r"study.yaml:\d+: its aliases .* over the limit", "YamlSyntaxError"),
    "alias-bomb-codebook": _codebook("name: Bomb\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t}\n" + _laughs(), r"cb.yaml:\d+: its aliases .* over the limit", "CodebookSyntaxError"),
    "alias-bomb-stored-codebook": _tampered(_stored_bomb, r"p.qlr \(codebook 'coproduction'\):\d+: its aliases .* over the limit", "CodebookSyntaxError"),
    "alias-bomb-qdpx-block": _bomb_in_qdpx_block,
    "recursive-view": _tampered(lambda p: ['ALTER TABLE "t_documents" RENAME TO old', 'CREATE VIEW "t_documents" AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT * FROM r'], r"p.qlr: the project holds what qlr never writes: .*view 't_documents'"),
    "blob-view": _tampered(lambda p: ['ALTER TABLE "t_codings" RENAME TO old', 'CREATE VIEW "t_codings" AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r LIMIT 1000) SELECT zeroblob(200000000) AS c0 FROM r'], r"p.qlr: the project holds what qlr never writes: .*view 't_codings'"),
    "catastrophic-speaker-pattern": _load("name: S\nsegmentation:\n  speaker_pattern: '^(?P<speaker>(a|aa)+)b'\ndocuments: ['*.txt']\n", r"study.yaml:3: .*exponential time", files={"C1_W1_interview.txt": "a" * 40 + "!\nAnn: hello\n"}),
    "catastrophic-token-regex": _codebook('name: X\nthemes: [t]\ncodes:\n  - id: t.a\n    parent: t\n    indicators:\n      - pattern: [{TEXT: {REGEX: "^(a+)+b$"}}]\n', r"cb.yaml:7: code 't.a': .*exponential time"),
    "naming-adjacent-fields": _load("name: S\nnaming: '{case}{wave}'\ndocuments: ['*.txt']\n", r"study.yaml:2: .*nothing between them"),
    "huge-quantifier": _codebook('name: X\nthemes: [t]\ncodes:\n  - id: t.a\n    parent: t\n    indicators:\n      - pattern: [{LOWER: a, OP: "{1,200000}"}]\n', r"cb.yaml:7: code 't.a': .*the limit is 20"),
    "deep-parent-chain": _codebook("name: Deep\nthemes: [t]\ncodes:\n  - {id: t.c0, parent: t}\n" + "".join(f"  - {{id: t.c{i}, parent: t.c{i - 1}}}\n" for i in range(1, 5000)), r"cb.yaml:36: code 't.c32' is 33 levels below its theme; the limit is 32"),
    # real files that are merely big
    "crlf-150000": _crlf_source,
    "big-astral-source": _astral_source,
    "million-character-turn": _long_turn,
    # silent wrong results
    "qdpx-segments-outside": _exported_qdpx(_sub(r"(segments:\n\s*- \[)(\d+),", r"\g<1>-40,"), r"the segments stored for C05_W3_interview lie outside its text and were left out", result=23),
    "qlr-offsets-outside": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'start')} = -50 WHERE rowid = 1", f"UPDATE t_codings SET {_column(p, 'codings', 'start')} = 90, {_column(p, 'codings', 'end')} = 10 WHERE rowid = 2"], r"left out 2 codings row\(s\) whose offsets lie outside their document's text", None, "RowsRefusedWarning", 21),
    "qlr-dangling-keys": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'doc_id')} = 'nowhere' WHERE rowid = 1", f"UPDATE t_codings SET {_column(p, 'codings', 'seg_id')} = 'C05_W3_interview:9999' WHERE rowid = 2", f"UPDATE t_codings SET {_column(p, 'codings', 'code_id')} = 'no.such_code' WHERE rowid = 3"], r"1 codings row\(s\) pointing at a document the project does not have .*1 codings row\(s\) pointing at a segment the project does not have .*1 codings row\(s\) with a code the codebook they name does not have", None, "RowsRefusedWarning", 20),
    "qdpx-coding-missing-code": _qdpx({"project.qde": _project(code="99999999-9999-9999-9999-999999999999"), "sources/doc.txt": "hello world"}, r"p.qdpx: coding 44444444-4444-4444-4444-444444444444 refers to code 99999999-9999-9999-9999-999999999999, which the codebook does not have"),
    "csv-offsets-negative": _csv("doc_id,start,end,quote,code_id,coder\nC1_W1_interview,-50,1000000000,,x,rm\n", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: start '-50' is not a whole number of at least 0"),
    "csv-offsets-reversed": _csv("doc_id,start,end,quote,code_id,coder\nC1_W1_interview,90,10,,x,rm\n", r"c.csv:2: 1 of 1 codings cannot be placed: 1 coding\(s\) lie outside their document's text and cannot be placed: 'C1_W1_interview' \(its text has 49 characters\): row 2 at 90–10 \(ends before it starts\)\. Fix: .*start < end as character offsets within the document's text"),
    "brackets-in-file-name": _brackets,
    "dayfirst-no": _load("name: S\nsegmentation: {dayfirst: 'no'}\ndocuments: ['*.txt']\n", r"study.yaml:2: 'dayfirst' must be true or false, not 'no'"),
    # raw tracebacks
    "order-inf": _load("name: S\nwaves:\n  - {id: W1, order: .inf}\ndocuments: ['*.txt']\n", r"study.yaml:3: wave W1 order must be a whole number"),
    "order-nan": _load("name: S\nwaves:\n  - {id: W1, order: .nan}\ndocuments: ['*.txt']\n", r"study.yaml:3: wave W1 order must be a whole number"),
    "order-huge": _load("name: S\nwaves:\n  - {id: W1, order: 100000000000000000000000000000}\ndocuments: ['*.txt']\n", r"study.yaml:3: wave W1 order must be a whole number"),
    "aliases-number": _load("name: S\ncases:\n  - {id: C1, aliases: 5}\ndocuments: ['*.txt']\n", r"study.yaml:3: 'aliases' must be a list of names, not 5"),
    "mapping-key": _load("name: S\n? {a: 1}\n: value\ndocuments: ['*.txt']\n", r"study.yaml:2: .*cannot be a key", "YamlSyntaxError"),
    "absolute-glob": _absolute_glob,
    "deep-nesting": _load("name: S\nwaves: " + "[" * 900 + "]" * 900 + "\ndocuments: ['*.txt']\n", r"study.yaml:\d+: .*nest", "YamlSyntaxError"),
    "csv-text-offsets": _csv("doc_id,start,end,quote,code_id,coder\nC1_W1_interview,abc,10,,x,rm\n", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: start 'abc' is not a whole number"),
    "csv-bad-occurrence": _csv("doc_id,quote,occurrence,code_id,coder\nC1_W1_interview,Hello,first,x,rm\n", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: occurrence 'first' is not a whole number of at least 1"),
    "csv-occurrence-past-the-last": _csv("doc_id,quote,occurrence,code_id,coder\nC1_W1_interview,Hello,99999999999999999999,x,rm\n", r"c.csv:2: 1 of 1 codings cannot be placed: row 2: the quote occurs 1 time\(s\) in 'C1_W1_interview', not 99999999999999999999"),
    "csv-empty-quote": _csv('doc_id,quote,code_id,coder\nC1_W1_interview,"",x,rm\n', r"c.csv:2: 1 of 1 codings cannot be placed: row 2: the quote is empty"),
    "csv-binary": _csv(b"PK\x03\x04\x00\x00\xff\xfe" * 200, r"c.csv:1: the file holds binary data", "BinaryFileError"),
    "naming-repeated-field": _load("name: S\nnaming: '{case}_{case}_{wave}'\ndocuments: ['*.txt']\n", r"study.yaml:2: .*uses \{case\} twice"),
    "qdc-20000-nested": _deep_qdc,
    "encrypted-qdpx": _encrypted,
    "qdpx-bad-values": _exported_qdpx(
        lambda text: _sub(r'(<Coding guid="[^"]+"[^>]*creationDateTime=")[^"]*"', r'\1yesterday"')(_sub(r"order: 1\b", "order: 1e400")(text)),
        r"left out 2 value\(s\) that do not parse (?=.*wave W3: order='1e400' is not a whole number)(?=.*creationDateTime 'yesterday' is not an ISO 8601)",
        result=23,
    ),
    "per-wave-attribute-with-a-space": _per_wave_space,
    "qlr-wrong-type": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'start')} = 'abc' WHERE rowid = 1"], r"p.qlr: column codings.start holds 'abc', not a whole number"),
    "qlr-null-id": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'coding_id')} = NULL WHERE rowid = 1"], r"left out 1 codings row\(s\) with a missing or repeated coding_id", None, "RowsRefusedWarning", 22),
    "qlr-duplicate-id": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'coding_id')} = (SELECT {_column(p, 'codings', 'coding_id')} FROM t_codings WHERE rowid = 2) WHERE rowid = 1"], r"left out 1 codings row\(s\) with a missing or repeated coding_id", None, "RowsRefusedWarning", 22),
    "qlr-meta-not-json": _tampered(lambda p: ["UPDATE meta SET value = '{not json' WHERE key = 'study_meta'"], r"p.qlr: the study's metadata is not valid JSON"),
    "qlr-out-of-range": _tampered(lambda p: [f"UPDATE t_codings SET {_column(p, 'codings', 'end')} = 1e300 WHERE rowid = 1"], r"p.qlr: column codings.end holds 1e\+300, not a whole number"),
    "id-with-path-separator": _load("name: S\ncases:\n  - {id: ../C1}\ndocuments: ['*.txt']\n", r"study.yaml:3: the id of a case '../C1' is not a safe id \(it has a path separator\)"),
    "id-with-escape-sequence": _load('name: S\ndocuments:\n  - {path: C1_W1_interview.txt, case: "C1\\e[31m", wave: W1}\n', r"study.yaml:3: the case of document 'C1_W1_interview.txt' 'C1\\x1b\[31m' is not a safe id \(it has a control character\)"),
    "stale-journal": _stale_journal,
    # files outside the study folder
    "export-outside-file": _outside_export,
}


@pytest.fixture(scope="module")
def sources_before():
    """qlr's own source, codebooks and data, to prove no input changed them."""
    return {name: snapshot(ROOT / name) for name in ("qlr", "codebooks", "data")}


@pytest.mark.parametrize("name", list(SWEEP))
def test_sweep(name, tmp_path, sources_before):
    path, case = SWEEP[name](tmp_path)
    inputs = tmp_path / "in" if (tmp_path / "in").exists() else path
    before = snapshot(tmp_path)
    outcome = run_guarded(case, path, tmp_path)
    api, cli = outcome["api"], outcome.get("cli")

    if case.error is not None:
        assert api["error"] == case.error, api
        assert re.search(case.message, api["message"]), api["message"]
        assert str(path.name) in api["message"] or str(path) in api["message"] or "study.yaml" in api["message"], api["message"]
        assert "Fix:" in api["message"] or "Traceback" not in api["message"], api["message"]
    else:
        assert api["error"] is None, api
        assert api["result"] == case.result, api
        if case.warning is not None:
            assert any(kind == case.warning and re.search(case.message, text) for kind, text in api["warnings"]), api["warnings"]

    if cli is not None:
        expected = case.status if case.status is not None else 1 if case.error else 3 if case.warning == "RowsRefusedWarning" else 0
        assert cli["status"] == expected, cli
        assert "Traceback" not in cli["stderr"], cli["stderr"]
        if case.error is not None or case.warning is not None:
            assert re.search(case.message, cli["stderr"]), cli["stderr"]

    # Nothing outside the test's folder changed, and inside it only the outputs asked for and the child's home.
    after = snapshot(tmp_path)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k) and not k.startswith(("out", "home"))}
    assert not changed, f"the input files changed: {sorted(changed)}"
    assert inputs.exists()
    assert {name: snapshot(ROOT / name) for name in ("qlr", "codebooks", "data")} == sources_before


def test_imported_codings_sharing_a_guid_prefix_keep_their_own_ids(tmp_path):
    """Two codings whose GUIDs agree in their first 12 characters: both come in, and uncoding one leaves the other."""
    import qlr

    codings = "".join(
        f'<PlainTextSelection guid="3333333{i}-3333-3333-3333-333333333333" startPosition="0" endPosition="5">'
        f'<Coding guid="44444444-4444-4444-4444-00000000000{i}"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PlainTextSelection>'
        for i in (1, 2)
    )
    source = f'<TextSource guid="22222222-2222-2222-2222-222222222222" name="doc" plainTextPath="internal://doc.txt">{codings}</TextSource>'
    path = _write_archive(tmp_path / "p.qdpx", {"project.qde": _project(sources=source), "sources/doc.txt": "hello world"})
    with pytest.warns(qlr.errors.QlrWarning, match="no wave given|the project has no cases|no speaker label"):
        study = qlr.io.read_qdpx(path)
    ids = list(study.codings["coding_id"])
    assert len(set(ids)) == 2 and all("44444444-4444-4444-4444-00000000000" in i for i in ids)
    study.uncode(ids[0], coder="tester")
    assert list(study.codings["coding_id"]) == ids[1:]


_EXPORTER = """
import sys, qlr
study = qlr.open(sys.argv[1])
for _ in range(int(sys.argv[3])):
    qlr.io.write_qdpx(study, sys.argv[2])
"""


def test_two_processes_exporting_one_qdpx_never_tear_it(tmp_path):
    """Two writers of one ``.qdpx`` at once: each round ends with a whole archive that reads back."""
    import qlr

    project = _saved_project(tmp_path)
    target = tmp_path / "out.qdpx"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QLR_USER": "tester"}
    writers = [subprocess.Popen([sys.executable, "-c", _EXPORTER, str(project), str(target), "6"], env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=TIMEOUT)
        assert writer.returncode == 0, err[-2000:]
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
    assert len(qlr.io.read_qdpx(target).codings) == len(qlr.open(project).codings)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.qdpx"], "a temporary was left behind"


_SAVER = """
import sys, qlr
study = qlr.open(sys.argv[1])
print("ready", flush=True)
while True:
    study.save(sys.argv[2])
"""


def test_a_killed_save_leaves_the_project_whole_and_its_litter_is_cleared(tmp_path):
    """Kill a process while it saves: the project stays whole; its temporary, once stale, goes with the next write."""
    import qlr
    from qlr._atomic import STALE_AFTER_SECONDS

    project = _saved_project(tmp_path)
    target = tmp_path / "saved" / "p.qlr"
    target.parent.mkdir()
    qlr.open(project).save(target)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QLR_USER": "tester"}
    saver = subprocess.Popen([sys.executable, "-c", _SAVER, str(project), str(target)], env=env, stdout=subprocess.PIPE, text=True)
    assert saver.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    saver.kill()
    saver.wait(timeout=TIMEOUT)
    assert len(qlr.open(target).codings) == len(qlr.open(project).codings)
    litter = [p for p in target.parent.iterdir() if p.name != "p.qlr"]
    old = time.time() - STALE_AFTER_SECONDS - 60
    for leftover in litter:
        os.utime(leftover, (old, old))
    qlr.open(project).save(target)
    assert [p.name for p in target.parent.iterdir()] == ["p.qlr"]
