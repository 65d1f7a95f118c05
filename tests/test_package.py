"""Conventions every public name keeps (after scanpy's test_package_structure)."""

from __future__ import annotations

import inspect

import qlr
import qlr.errors
import qlr.io

PUBLIC = [
    qlr.load,
    qlr.open,
    qlr.Study,
    qlr.Study.sel,
    qlr.Study.attrition,
    qlr.Study.save,
    qlr.Study.segment_texts,
    qlr.io.read_document,
    qlr.io.manifest_template,
    qlr.io.write_qdc,
    qlr.read_codebook,
    qlr.Codebook,
    qlr.Codebook.to_yaml,
    qlr.Codebook.to_frame,
    qlr.Study.apply,
    qlr.Study.code,
    qlr.Study.code_quote,
    qlr.Study.memo,
    qlr.code.migrate,
]


def test_public_api_is_listed():
    for name in qlr.__all__:
        assert hasattr(qlr, name), name
    for name in qlr.io.__all__:
        assert hasattr(qlr.io, name), name


def test_public_callables_have_examples():
    for obj in PUBLIC:
        doc = inspect.getdoc(obj) or ""
        assert "Examples" in doc and ">>>" in doc, obj.__qualname__


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
