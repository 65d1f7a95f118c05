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
    assert "study.yaml:" in outcome["message"] and "levels deep" in outcome["message"]


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
