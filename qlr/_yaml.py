"""Safe YAML reading that remembers line numbers, for error messages.

Manifests and codebooks are read with PyYAML's safe loader (no arbitrary Python
objects).  Mappings come back as :class:`LineDict` and sequences as
:class:`LineList`, which carry the 1-based line of each key and item, so a
message can say ``study.yaml:14: unknown wave 'W9'``.  Duplicate keys, which YAML
silently collapses, are an error here.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import YamlSyntaxError

__all__ = ["LineDict", "LineList", "read_yaml", "parse_yaml", "check_keys"]


class LineDict(dict):
    """A dict that knows the line of itself (``.line``) and of each key (``.lines``)."""

    line: int = 0
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line (``.line``) and each item's (``.lines``)."""

    line: int = 0
    lines: list[int]


# libyaml's parser when PyYAML was built with it (much faster on big manifests);
# the constructors below stay the safe Python ones either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    path: str = "<yaml>"
    error: type[YamlSyntaxError] = YamlSyntaxError


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise loader.error(
                f"the key {key!r} appears twice in one mapping (first on line {mapping.lines[key]})",
                path=loader.path,
                line=key_node.start_mark.line + 1,
                hint="keep one of them",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode, deep: bool = False) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str | os.PathLike[str] = "<yaml>", *, error: type[YamlSyntaxError] = YamlSyntaxError) -> Any:
    """Parse YAML text safely, keeping line numbers; raise ``error`` (a :class:`YamlSyntaxError`).

    Codebooks pass ``error=CodebookSyntaxError`` so that ``except CodebookError`` catches them.

    Examples
    --------
    >>> data = parse_yaml("waves:\\n  - id: W1\\n  - id: W2\\n")
    >>> data["waves"].lines
    [2, 3]
    >>> parse_yaml("a: [1, 2\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    qlr.errors.YamlSyntaxError: x.yaml:2: YAML syntax error: ... ',' or ']'.... Fix: check the indentation and brackets around this line.
    """
    loader = _Loader(text)
    loader.path = os.fspath(path)
    loader.error = error
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(
            f"YAML syntax error: {problem}",
            path=path,
            line=line,
            hint="check the indentation and brackets around this line",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", path=path, hint="check the file is valid YAML") from None
    finally:
        loader.dispose()


def read_yaml(path: str | os.PathLike[str]) -> Any:
    """Read a YAML file (UTF-8, BOM allowed) with :func:`parse_yaml`."""
    from .io._decode import decode_bytes

    text, _ = decode_bytes(Path(path).read_bytes(), path)
    return parse_yaml(text, path)


def check_keys(
    mapping: LineDict,
    allowed: Iterable[str],
    *,
    path: str | os.PathLike[str],
    where: str,
    error: type[Exception],
) -> None:
    """Raise ``error`` for the first key of ``mapping`` not in ``allowed``, with a suggestion."""
    allowed = list(allowed)
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the keys allowed here are {', '.join(allowed)}"
            raise error(f"unknown key {key!r} in {where}", path=path, line=mapping.line_of(key), hint=hint)


def need_mapping(value: Any, *, path: str | os.PathLike[str], line: int, message: str, error: type[Exception]) -> LineDict:
    """``value`` if it is a mapping; otherwise raise ``error(message)`` at ``line``."""
    if not isinstance(value, LineDict):
        raise error(message, path=path, line=line, hint="indent its keys under it")
    return value


def need_list(value: Any, *, path: str | os.PathLike[str], line: int, what: str, message: str, error: type[Exception]) -> LineList:
    """``value`` if it is a list (a missing one reads as empty); otherwise raise ``error(message)``."""
    if value is None:
        empty = LineList()
        empty.line, empty.lines = line, []
        return empty
    if not isinstance(value, LineList):
        raise error(message, path=path, line=line, hint=f"write each of the {what} on its own '- ' line")
    return value
