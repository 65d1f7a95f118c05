"""Tests that read ../shared skip in a user's clone and fail in CI (QLR_REQUIRE_SHARED=1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PROBE = '''
from tests.conftest import shared_fixture


def test_reads_a_shared_file():
    assert shared_fixture("fixtures/refi/Project.xsd").is_file()
'''


def _run_probe(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run a one-test pytest session outside the repository, with ``environment`` set."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the repository's options
    env = {key: value for key, value in os.environ.items() if key != "QLR_REQUIRE_SHARED"}
    env.update(PYTHONPATH=str(ROOT), **environment)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "test_probe.py", "-q", "-rs", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_shared_folder_skips_with_the_reason(tmp_path):
    result = _run_probe(tmp_path, QLR_SHARED=str(tmp_path / "nonexistent"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "needs ../shared (the project's shared fixtures); a user's clone does not have it" in result.stdout


def test_required_shared_folder_turns_the_skip_into_a_failure(tmp_path):
    result = _run_probe(tmp_path, QLR_SHARED=str(tmp_path / "nonexistent"), QLR_REQUIRE_SHARED="1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout and "QLR_REQUIRE_SHARED=1" in result.stdout


def test_present_shared_file_is_used(tmp_path):
    fake = tmp_path / "shared"
    (fake / "fixtures" / "refi").mkdir(parents=True)
    (fake / "fixtures" / "refi" / "Project.xsd").write_text("<schema/>", encoding="utf-8")
    result = _run_probe(tmp_path, QLR_SHARED=str(fake), QLR_REQUIRE_SHARED="1")
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr
