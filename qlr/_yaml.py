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
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ._decode import decode_bytes
from .errors import YamlSyntaxError

__all__ = ["LineDict", "LineList", "read_yaml", "parse_yaml", "single_values", "several_values", "check_keys", "with_lines", "without_lines", "MAX_ALIAS_NODES", "MAX_DEPTH"]

#: How many nodes aliases (``*name``) may add to a document in all: a real manifest
#: or codebook repeats a block a few times; a "billion laughs" repeats it millions.
MAX_ALIAS_NODES = 10_000
#: How deeply mappings and lists may nest (a codebook needs five or six levels).
MAX_DEPTH = 64


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


#: What a file nested past :data:`MAX_DEPTH` is told, however the nesting was found.
_DEEP_HINT = "a manifest or codebook needs only a few levels; check the file is the one you meant"


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    path: str = "<yaml>"
    error: type[YamlSyntaxError] = YamlSyntaxError
    depth: int = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        """PyYAML's own composer, one level of nesting at a time, stopped past :data:`MAX_DEPTH` at the line it reaches.

        Only PyYAML's Python composer calls this (where PyYAML was built without libyaml): it recurses once per level,
        so a document nested a few hundred deep raised a bare ``RecursionError``. libyaml's composer stops at 1,000
        levels itself (:func:`parse_yaml` says that as this does), and :func:`_check_size` stops both past the limit.
        """
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise self.error(f"the YAML nests more than {MAX_DEPTH} levels deep", path=self.path, line=line, hint=_DEEP_HINT)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list)):
            raise loader.error(
                "a mapping or a list cannot be a key",
                path=loader.path,
                line=key_node.start_mark.line + 1,
                hint="write the key as plain text (quote it if it contains ':' or brackets)",
            )
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


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date (``2021-03-01``) or date and time, as PyYAML builds it; an impossible one
    (``2021-13-01``, ``2021-02-30``) is ``loader.error`` at its line, not a bare ValueError."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        text = str(node.value).strip()
        raise loader.error(
            f"{text} is not a date: {_impossible_date(text)}",
            path=loader.path,
            line=node.start_mark.line + 1,
            hint=_date_hint(text),
        ) from None


_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp


def _impossible_date(text: str) -> str:
    """What makes a timestamp that YAML matched impossible: 'month 13', 'February 2021 has 28 days', 'hour 25'."""
    import calendar

    found = _TIMESTAMP.match(text)
    if found is None:  # cannot happen for a node YAML resolved as a timestamp
        return "it cannot be read as YYYY-MM-DD"
    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    if not 1 <= year:
        return f"year {year}"
    if not 1 <= month <= 12:
        return f"month {month}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"day {day}" if day < 1 else f"{calendar.month_name[month]} {year} has {days} days"
    for part, top in (("hour", 23), ("minute", 59), ("second", 59), ("tz_hour", 23), ("tz_minute", 59)):
        if found[part] is not None and int(found[part]) > top:
            return f"{part.replace('tz_', 'time zone ')} {int(found[part])}"
    return "it cannot be read as a date and time"


def _date_hint(text: str) -> str:
    """How to write the date: the day and month swapped where that makes a real date, YYYY-MM-DD otherwise."""
    import datetime

    found = _TIMESTAMP.match(text)
    if found is not None and found["hour"] is None and int(found["month"]) > 12:
        try:
            swapped = datetime.date(int(found["year"]), int(found["day"]), int(found["month"]))
        except ValueError:
            pass
        else:
            return f"dates are written YYYY-MM-DD (year, month, day): did you mean {swapped.isoformat()}?"
    return "write a real date as YYYY-MM-DD (year, month 01 to 12, a day the month has)"


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


#: A number as YAML 1.2 and every reader writes one: no leading zero, no ``_``, no ``0x``/``0o``/``0b``, no ``1:30``.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")


def _construct_number(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A number written as one (``34``, ``-2``, ``58.5``), else its text as written.

    PyYAML reads YAML 1.1, where ``02134`` is an octal number (1116), ``007`` is 7, ``10:30`` is 630 (base 60) and
    ``2020_01`` is 202001: a postcode, a participant id or a time read so is a wrong value, silently. Such a scalar is
    kept as text, as quoting it would keep it.

    >>> parse_yaml("a: [02134, 007, 10:30, 2020_01, 0x1F, 34, -2, 0, 58.5, 0.5, 01.5, .inf]")["a"]
    ['02134', '007', '10:30', '2020_01', '0x1F', 34, -2, 0, 58.5, 0.5, '01.5', inf]
    """
    text = str(node.value)
    if node.tag.endswith(":int") and _PLAIN_INT.match(text):
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    if node.tag.endswith(":float") and _PLAIN_FLOAT.match(text):
        return yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    return text


#: A decimal number written with leading zeros or ``_`` between digits ("01", "1_000", "0.50"), which
#: :func:`_construct_number` keeps as text.
_WRITTEN_NUMBER = re.compile(r"[-+]?[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?\Z|[-+]?\.[0-9](?:_?[0-9])*\Z")


def written_number(value: Any) -> Any:
    """A value where a key requires a number: a decimal number kept as text by the loader ("01", "1_000") as that
    number, anything else unchanged (for the key's own check to refuse). Attribute values stay text as written; only
    a key that takes nothing but a number converts, here.

    >>> [written_number(v) for v in ["01", "1_000", "0.50", "007.5", 3, "10:30", "0x1F", "two", True]]
    [1, 1000, 0.5, 7.5, 3, '10:30', '0x1F', 'two', True]
    """
    if isinstance(value, str) and _WRITTEN_NUMBER.match(value.strip()):
        text = value.strip().replace("_", "")
        return float(text) if "." in text else int(text)
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_size(root: yaml.Node, path: str, error: type[YamlSyntaxError]) -> None:
    """Refuse a document whose aliases expand past :data:`MAX_ALIAS_NODES`, that nests past
    :data:`MAX_DEPTH`, or that contains itself, before anything is built from it.

    An alias is the same node reached twice, so sizes and heights are worked out
    once per node (no expansion happens here) and the walk is iterative (no
    recursion limit to hit).
    """
    expanded: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        key = id(node)
        children = _children(node)
        if closing:
            open_nodes.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in children)
            height[key] = 1 + max((height[id(child)] for child in children), default=0)
            if height[key] > MAX_DEPTH:
                raise error(
                    f"the YAML nests more than {MAX_DEPTH} levels deep",
                    path=path,
                    line=node.start_mark.line + 1,
                    hint=_DEEP_HINT,
                )
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise error(
                "an alias refers to the block that contains it",
                path=path,
                line=node.start_mark.line + 1,
                hint="remove the '*' alias that points back into its own anchor",
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    added = expanded[id(root)] - len(expanded)
    if added > MAX_ALIAS_NODES:
        raise error(
            f"its aliases ('*name') would expand the document by {added:,} nodes, over the limit of {MAX_ALIAS_NODES:,}",
            path=path,
            line=root.start_mark.line + 1,
            hint="write the repeated blocks out, or check the file was not made to exhaust memory",
        )


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
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, loader.path, error)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml's own limit (1,000 levels), reached before _check_size's
            raise error(f"the YAML nests more than {MAX_DEPTH} levels deep", path=path, line=line, hint=_DEEP_HINT) from None
        hint = "check the indentation and brackets around this line"
        if "alias" in problem or "cannot start any token" in problem:
            # "speakers: {*INV: interviewer}": a CHAT label read as an alias, "@Tom" as a reserved mark.
            hint = f"put quotes around a key or value that starts with *, &, !, %, @ or ` ('*INV': interviewer); else {hint}"
        raise error(f"YAML syntax error: {problem}", path=path, line=line, hint=hint) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", path=path, hint="check the file is valid YAML") from None
    finally:
        loader.dispose()


def single_values(text: str) -> dict[str, str | None] | None:
    """The single values of a YAML mapping, each as written (key -> its text, quotes and a ``# comment`` off; ``None``
    for ``~``, ``null`` or nothing), or ``None`` where ``text`` is not a YAML mapping. Lists, mappings and ``|``/``>``
    blocks are not single values and are left out; nothing is constructed (``02134`` stays "02134").

    >>> single_values("gender: 'Female' # as self-described\\nage: 018\\nmood: ~\\nkids: null\\ntags: [a, b]\\nnote: |\\n  x\\n")
    {'gender': 'Female', 'age': '018', 'mood': None, 'kids': None}
    >>> single_values("title: Interview: P01") is None
    True
    """
    node = _mapping_node(text)
    if node is None:
        return None
    values: dict[str, str | None] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
            values.setdefault(str(key.value), None if value.tag.endswith(":null") else str(value.value))
    return values


def _mapping_node(text: str) -> yaml.MappingNode | None:
    """The mapping ``text`` is, composed (nothing constructed), or ``None`` where it is no YAML mapping (or nests past
    :data:`MAX_DEPTH`)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, YamlSyntaxError, RecursionError):  # not YAML, or nested too deep
        return None
    finally:
        loader.dispose()
    return node if isinstance(node, yaml.MappingNode) else None


def several_values(text: str) -> tuple[dict[str, str], list[str]] | None:
    """What a YAML mapping says beside its single values (:func:`single_values`): a list of single values as one value,
    its items as written joined by "; " (as a data list's several values for one cell are joined), a ``|`` or ``>``
    block as YAML reads it (without its last line break); and the keys whose value nests deeper (keys under a key, a
    list holding a list or keys), which no one value can say. ``None`` where ``text`` is not a YAML mapping.

    >>> several_values("gender: Female\\ntopics: [housing, care]\\nlangs:\\n  - English\\n  - '02134'\\nnote: |\\n  Met at ten.\\n  Rain.\\n"
    ...                "gist: >\\n  One\\n  line.\\ncontact:\\n  phone: none\\nnone: []\\n")
    ({'topics': 'housing; care', 'langs': 'English; 02134', 'note': 'Met at ten.\\nRain.', 'gist': 'One line.'}, ['contact'])
    """
    node = _mapping_node(text)
    if node is None:
        return None
    values: dict[str, str] = {}
    nested: list[str] = []
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        name = str(key.value)
        if isinstance(value, yaml.ScalarNode):
            if value.style in ("|", ">") and value.value.strip():
                values.setdefault(name, value.value.rstrip("\n"))
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in value.value):
            items = [str(item.value).strip() for item in value.value if not item.tag.endswith(":null") and str(item.value).strip()]
            if items:
                values.setdefault(name, "; ".join(items))
        elif name not in nested:
            nested.append(name)
    return values, nested


def mapping_under(text: str, key: str) -> dict[str, str] | None:
    """The single values of the mapping a YAML mapping holds under ``key`` (each as written), or ``None`` where it holds
    none there or one that nests deeper; nothing is constructed.

    >>> mapping_under("title: P01\\nspeakers: {Sam: interviewer, Mira: participant}\\n", "speakers")
    {'Sam': 'interviewer', 'Mira': 'participant'}
    >>> mapping_under("speakers:\\n  Sam:\\n    role: interviewer\\n", "speakers") is None
    True
    """
    node = _mapping_node(text)
    for name, value in node.value if node is not None else []:
        if isinstance(name, yaml.ScalarNode) and str(name.value).strip().lower() == key and isinstance(value, yaml.MappingNode):
            pairs = [(inner, said) for inner, said in value.value]
            if all(isinstance(inner, yaml.ScalarNode) and isinstance(said, yaml.ScalarNode) for inner, said in pairs):
                return {str(inner.value): str(said.value) for inner, said in pairs}
    return None


def read_yaml(path: str | os.PathLike[str]) -> Any:
    """Read a YAML file (UTF-8, BOM allowed) with :func:`parse_yaml`."""
    text, _ = decode_bytes(Path(path).read_bytes(), path)
    return parse_yaml(text, path)


def with_lines(value: Any) -> Any:
    """Plain data (dicts, lists) as :func:`parse_yaml` returns it, every line unknown (0).

    For data that did not come from a file, so that one validator serves both.

    Examples
    --------
    >>> data = with_lines({"codes": [{"id": "a"}]})
    >>> type(data).__name__, type(data["codes"]).__name__, data.line_of("codes")
    ('LineDict', 'LineList', 0)
    """
    if isinstance(value, Mapping):
        mapping = LineDict((key, with_lines(item)) for key, item in value.items())
        mapping.line, mapping.lines = 0, {}
        return mapping
    if isinstance(value, (list, tuple)):
        sequence = LineList(with_lines(item) for item in value)
        sequence.line, sequence.lines = 0, [0] * len(sequence)
        return sequence
    return value


def without_lines(value: Any) -> Any:
    """What :func:`parse_yaml` read as plain data again (dicts with string keys, lists), for ``yaml.safe_dump``.

    Examples
    --------
    >>> plain = without_lines(parse_yaml("a: [1, {b: 2}]"))
    >>> plain, type(plain).__name__, type(plain["a"]).__name__
    ({'a': [1, {'b': 2}]}, 'dict', 'list')
    """
    if isinstance(value, Mapping):
        return {str(key): without_lines(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_lines(item) for item in value]
    return value


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
