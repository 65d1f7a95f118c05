"""Conventions every public name keeps (after scanpy's test_package_structure)."""

from __future__ import annotations

import importlib
import inspect

import qlr
import qlr.errors
import qlr.io

#: The namespaces whose ``__all__`` is the public API.
NAMESPACES = ("qlr", "qlr.io", "qlr.code", "qlr.track", "qlr.net", "qlr.plot", "qlr.report", "qlr.pseudo")


def _public_callables() -> dict[str, object]:
    """Every public function and class of the namespaces, and the public methods defined on those classes."""
    found: dict[str, object] = {}
    for module_name in NAMESPACES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or name == "__version__":
                continue
            found.setdefault(f"{module_name}.{name}", obj)
            if not inspect.isclass(obj):
                continue
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if isinstance(value, (classmethod, staticmethod)):
                    value = value.__func__
                if inspect.isfunction(value):
                    found.setdefault(f"{module_name}.{name}.{attr}", value)
    return found


def test_public_api_is_listed():
    for module_name in NAMESPACES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert hasattr(module, name), f"{module_name}.{name}"


def test_public_callables_are_found():
    found = _public_callables()
    # A spot check that the scan reaches functions, classes, methods and classmethods.
    for name in ("qlr.load", "qlr.Study", "qlr.Study.sel", "qlr.Codebook.from_yaml", "qlr.io.read_qdc", "qlr.track.Matrix.panel", "qlr.net.ego"):
        assert name in found, name
    assert "qlr.__version__" not in found and "qlr.code.DOC_CACHE" not in found


def test_public_callables_have_examples():
    missing = [name for name, obj in _public_callables().items() if not ("Examples" in (doc := inspect.getdoc(obj) or "") and ">>>" in doc)]
    assert not missing, f"public callables without an Examples section: {', '.join(missing)}"


def test_options_are_keyword_only():
    for function in (qlr.load, qlr.Study.sel):
        parameters = list(inspect.signature(function).parameters.values())
        positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"]
        assert len(positional) <= 1, function.__qualname__


def test_every_error_is_a_qlr_error_and_a_builtin():
    for name in qlr.errors.__all__:
        cls = getattr(qlr.errors, name)
        if issubclass(cls, Warning):
            assert issubclass(cls, qlr.errors.QlrWarning)
            continue
        assert issubclass(cls, qlr.errors.QlrError)
        if cls is not qlr.errors.QlrError:
            assert any(issubclass(cls, b) for b in (ValueError, KeyError, FileNotFoundError)), name


def test_every_subpackage_is_listed_for_packaging():
    import re
    from pathlib import Path

    root = Path(qlr.__file__).resolve().parent
    # tomllib is 3.11+; the packages line is simple enough to read directly.
    line = re.search(r"^packages = \[(.*)\]$", (root.parent / "pyproject.toml").read_text(), re.MULTILINE)
    listed = set(re.findall(r'"([^"]+)"', line.group(1)))
    found = {"qlr"} | {"qlr." + p.parent.relative_to(root).as_posix().replace("/", ".") for p in root.rglob("__init__.py") if p.parent != root}
    assert found <= listed, found - listed


def test_spacy_finds_the_factories_by_entry_point():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"qlr_codebook", "qlr_lemmatizer", "qlr_sentencizer"} <= names
