"""A warning points at the user's line that led to it, never at a line inside qlr."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import qlr
from qlr._warned import noting_warnings, warn
from qlr.errors import QlrWarning

QLR_DIR = str(Path(qlr.__file__).parent)


def _garden(root: Path) -> Path:
    """A Spanish interview (rule coding reads English), an English one without an interviewer, and a plan that is no document."""
    root.mkdir()
    spanish = "Lo empezamos los vecinos y ahora lo llevamos nosotros. Cada martes nos juntamos para regar y decidir qué plantamos. "
    (root / "C1_W1_interview.txt").write_text("Entrevistadora: ¿Cómo empezó el huerto?\nMarta: " + spanish * 12 + "\n", encoding="utf-8")
    (root / "C2_W1_interview.txt").write_text("Sam: We decide the planting together with the council staff.\nAnn: Yes, we do.\n", encoding="utf-8")
    (root / "garden plan.txt").write_text("beds, paths, a shed\n", encoding="utf-8")
    return root


def _said(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, caught


def _load(root):
    return qlr.load(root, progress=False)


def test_every_step_warns_at_the_callers_line(tmp_path):
    study, caught = _said(lambda: _load(_garden(tmp_path / "garden")))  # through a helper of this file: still this file
    coded, caught_apply = _said(lambda: study.apply("coproduction", progress=False))
    _, caught_pool = _said(lambda: qlr.concat([study, study], keys=["a", "b"]))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("kept\n", encoding="utf-8")
    _, caught_report = _said(lambda: qlr.report.write_report(coded, tmp_path / "out", progress=False))
    steps = {"load": caught, "rule coding": caught_apply, "pooling": caught_pool, "report": caught_report}
    named = {step: sorted({w.category.__name__ for w in said if issubclass(w.category, QlrWarning)}) for step, said in steps.items()}
    assert named == {
        "load": ["FilesNotLoadedWarning", "NoInterviewerWarning"],
        "rule coding": ["LanguageWarning"],
        "pooling": ["PoolingWarning"],
        "report": ["QlrWarning"],
    }
    for step, said in steps.items():
        assert {w.filename for w in said if issubclass(w.category, QlrWarning)} == {__file__}, step


def _deep(depth, message):
    """qlr calling itself ``depth`` times before it warns, as a loader's helpers do."""
    exec_globals = {"__name__": "qlr.io._fake", "warn": warn, "QlrWarning": QlrWarning}
    code = "def inner(n, message):\n    if n == 0:\n        warn(message, QlrWarning)\n    else:\n        inner(n - 1, message)\n"
    exec(compile(code, str(Path(QLR_DIR) / "io" / "_fake.py"), "exec"), exec_globals)
    exec_globals["inner"](depth, message)


@pytest.mark.parametrize("depth", [0, 1, 5])
def test_warn_skips_every_frame_of_qlr(depth):
    _, caught = _said(lambda: _deep(depth, "three files not loaded"))
    assert [(w.filename, str(w.message)) for w in caught] == [(__file__, "three files not loaded")]


def test_a_recorded_step_gives_its_warnings_again_at_the_callers_line():
    def step():
        with noting_warnings() as notes:
            _deep(2, "a page was not read")
        return notes

    notes, caught = _said(step)
    assert notes == [{"category": "QlrWarning", "message": "a page was not read"}]
    assert [(Path(w.filename).name, str(w.message)) for w in caught] == [(Path(__file__).name, "a page was not read")]


def test_a_warning_from_outside_qlr_keeps_its_place():
    def step():
        with noting_warnings():
            warnings.warn("pandas says", FutureWarning, stacklevel=1)
            line = step.__code__.co_firstlineno + 2
        return line

    line, caught = _said(step)
    assert [(w.filename, w.lineno, w.category) for w in caught] == [(__file__, line, FutureWarning)]


def test_the_callers_filters_still_decide():
    with warnings.catch_warnings():
        warnings.simplefilter("error", QlrWarning)
        with pytest.raises(QlrWarning, match="three files"):
            _deep(1, "three files not loaded")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", message="three files")
        _deep(1, "three files not loaded")
    assert caught == []


def test_qlr_warns_through_one_function():
    # One decision in one place: where a warning points. spaCy's config hook is called by spaCy, not a user.
    allowed = {"_warned.py", "_component.py"}
    direct = [str(path) for path in Path(QLR_DIR).rglob("*.py") if path.name not in allowed and "warnings.warn(" in path.read_text(encoding="utf-8")]
    assert direct == []


def test_a_script_read_from_standard_input_gets_its_warnings(tmp_path):
    # "python - < job.py": __main__'s loader cannot give its source, which must not break the warning.
    import subprocess
    import sys

    _garden(tmp_path / "garden")
    script = f"import qlr\nstudy = qlr.load({str(tmp_path / 'garden')!r}, progress=False)\nprint('loaded', len(study.documents))\n"
    run = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "loaded 2"
    assert "FilesNotLoadedWarning" in run.stderr and "<stdin>" in run.stderr
