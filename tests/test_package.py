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
