from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' default 200 ms deadline per example is a timed unit test: on a loaded 2-core machine one example of
# test_qdc took 448 ms once and failed a full run. Speed is measured in benchmarks/, not here.
settings.register_profile("qlr", deadline=None)
settings.load_profile("qlr")

ROOT = Path(__file__).resolve().parents[1]
# A script run by the QualCoder oracle's own environment (PyQt6, QualCoder's source), never imported here:
# --doctest-modules would import it and run its command line.
collect_ignore = ["qualcoder_oracle.py", "taguette_oracle.py", "transana_oracle.py"]
SAMPLE = ROOT / "data" / "sample"
# The project's shared fixtures (real REFI-QDA exports, schemas) live beside the
# repository, not in it; QLR_SHARED points elsewhere (the test of this mechanism uses it).
SHARED = Path(os.environ.get("QLR_SHARED") or ROOT.parent / "shared")
SHARED_MISSING = "needs ../shared (the project's shared fixtures); a user's clone does not have it"


def shared_fixture(relative: str) -> Path:
    """The file ``relative`` under ``../shared``; skip the test when it is absent.

    A user's clone has no ``../shared``, so these tests skip there; CI sets
    ``QLR_REQUIRE_SHARED=1`` (``.ci/run``), which turns the skip into a failure.
    """
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("QLR_REQUIRE_SHARED") == "1":
            pytest.fail(f"{SHARED_MISSING} ({path} is absent, and QLR_REQUIRE_SHARED=1)", pytrace=False)
        pytest.skip(f"{SHARED_MISSING} ({path} is absent)")
    return path


@pytest.fixture(autouse=True)
def _run_from_repo_root(monkeypatch):
    """Docstring examples and tests use paths relative to the repository root."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("QLR_USER", "tester")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def without_qlr_details(
    project: Path,
    out: Path,
    *,
    origin: str | None = None,
    project_xml: Callable[[str], str] | None = None,
    sources: Callable[[bytes], bytes] | None = None,
) -> Path:
    """Write to ``out`` the .qdpx ``project`` as a tool that keeps the REFI-QDA project and drops qlr's details file
    (``qlr/details.json``) gives it back: NVivo, QualCoder, qc. ``origin`` names that tool in the project's ``origin``
    (in place of ``qlr``: ``"NVivo"``, ``"NVivo after qlr"``); ``project_xml`` changes the text of ``project.qde``
    (sources renamed, variables dropped) and ``sources`` each source file's bytes (a transcript edited there).

    The one helper of the tests for a round trip through another tool.
    """
    with zipfile.ZipFile(project) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name != "qlr/details.json"}
    xml = members["project.qde"].decode("utf-8")
    if origin is not None:
        xml = xml.replace('origin="qlr', f'origin="{origin}')
    if project_xml is not None:
        xml = project_xml(xml)
    members["project.qde"] = xml.encode("utf-8")
    if sources is not None:
        members = {name: (sources(data) if name.startswith("sources/") else data) for name, data in members.items()}
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Hash and mtime of every file under ``folder``, to prove nothing was written."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


MINI_MANIFEST = """\
name: Mini study
waves:
  - {id: W1, label: Wave 1, start: 2024-01-01, end: 2024-02-01}
  - {id: W2, label: Wave 2, start: 2024-07-01, end: 2024-08-01}
roles:
  employer: {waves: [W1]}
cases:
  - {id: C1, label: Ann, role: carer, attributes: {age: 40}, per_wave: {W1: {employment: none}, W2: {employment: part-time}}}
  - {id: C2, label: Bob, role: carer}
  - {id: E1, label: Eve, role: employer}
speakers:
  Rachel: interviewer
documents:
  - path: interviews/*.txt
  - {path: notes/notes_w1.md, kind: observation, wave: W1, observer: Rachel}
"""


@pytest.fixture
def mini_study_dir(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    write(root / "study.yaml", MINI_MANIFEST)
    write(root / "interviews" / "C1_W1_interview.txt", "Interview with Ann\n\nRachel: How are you?\nAnn: Fine, thanks.\nRachel: And the group?\nAnn: I help each other out there.\n")
    write(root / "interviews" / "C1_W2_interview.txt", "I: Back again.\nR: Yes.\n\nStill here.\nI: Good.\n")
    write(root / "interviews" / "C2_W2_interview.txt", "Q: First time?\nA: Yes, I joined late.\n")
    write(root / "interviews" / "E1_W1_interview.txt", "Interviewer: Thanks.\nEve: No problem.\n")
    write(root / "notes" / "notes_w1.md", "# Notes\n\n## 2024-01-10 Group\nQuiet session.\n\n## 12 January 2024 - Workshop\nBusy.\n")
    return root


def pdf_file(objects: list[str]) -> bytes:
    """A PDF file holding ``objects`` (each an object's body, numbered from 1; the first the catalog), with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
