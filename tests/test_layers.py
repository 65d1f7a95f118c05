"""qlr's layers (ARCHITECTURE.md, "Layers"), checked by reading every module's imports.

A module may import, at module level, from its own package and from lower layers
only; an import inside a function is the lazy-loading route and may reach upward
(``Study.save`` calls the writer in ``qlr.io``).  Packages of the same layer never
import each other at module level, and lazily in one direction at most, so there
is no cycle between them.  The base layer is the floor: it imports nothing of qlr
above it, even lazily.  A private name (``_current_user``) is never imported from
another package.  Imports under ``if TYPE_CHECKING:`` never run and are only
checked for private names.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "qlr"

#: Layer of each package; every top-level private module (``qlr._tables``) and
#: ``qlr.errors`` form the base package, layer 0.  ``qlr`` itself (its
#: ``__init__``) is the facade above everything.
LAYERS = {"base": 0, "codebook": 1, "study": 1, "evidence": 1, "io": 2, "code": 2, "pool": 2, "track": 3, "pseudo": 3, "net": 4, "plot": 4, "report": 5, "cli": 5, "qlr": 6}

#: Violations in files being rewritten on other branches, as (file, rule, what).
#: The test fails once one of them is gone, so that this list only shrinks.


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    rule: str
    what: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.what)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.what}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_of(module: str) -> str:
    """``qlr.io._load`` → ``io``; ``qlr._tables`` and ``qlr.errors`` → ``base``; ``qlr`` and ``qlr.__main__`` → ``qlr``."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":  # `python -m qlr` runs the command line: above everything
        return "qlr"
    if parts[1].startswith("_") or parts[1] == "errors":
        return "base"
    return parts[1]


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative.with_suffix(".py")).is_file() or (ROOT / relative / "__init__.py").is_file()


def imports_of(path: Path):
    """(line, imported module, imported name or None, where) for each qlr import.

    ``where`` is "module" (runs at import), "function" (runs when called) or
    "typing" (under ``if TYPE_CHECKING:``, never runs).
    """
    here = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

    def visit(node: ast.AST, where: str):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, "typing" if where == "typing" else "function")
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from visit(child, "typing")
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "qlr":
                        yield child.lineno, alias.name, None, where
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = here.split(".")
                    base = base[: len(base) - child.level + (1 if is_package else 0)]
                    source = ".".join(base + ([child.module] if child.module else []))
                else:
                    source = child.module or ""
                if source.split(".")[0] != "qlr":
                    continue
                for alias in child.names:
                    if is_module(f"{source}.{alias.name}"):  # `from .. import _tables`
                        yield child.lineno, f"{source}.{alias.name}", None, where
                    else:
                        yield child.lineno, source, alias.name, where
            else:
                yield from visit(child, where)

    yield from visit(tree, "module")


def violations() -> list[Violation]:
    found = []
    lazy_sibling_imports = []  # same-layer imports inside functions: fine unless both ways
    for path in sorted(PACKAGE.rglob("*.py")):
        mine = package_of(module_name(path))
        shown = path.relative_to(ROOT).as_posix()
        for line, source, name, where in imports_of(path):
            theirs = package_of(source)
            if theirs == mine or mine == "qlr":
                continue
            target = f"{source}.{name}" if name else source
            if name is not None and name.startswith("_") and not name.endswith("__"):
                found.append(Violation(shown, line, "private name from another package", target))
            if where == "typing":
                continue
            if mine == "base" and LAYERS[theirs] > 0:
                found.append(Violation(shown, line, "base layer imports a higher layer", target))
            elif where == "module" and LAYERS[theirs] > LAYERS[mine]:
                found.append(Violation(shown, line, f"layer {LAYERS[mine]} imports layer {LAYERS[theirs]} at module level", target))
            elif where == "module" and LAYERS[theirs] == LAYERS[mine]:
                found.append(Violation(shown, line, f"{mine} and {theirs} share layer {LAYERS[mine]} but {mine} imports {theirs} at module level", target))
            elif LAYERS[theirs] == LAYERS[mine]:
                lazy_sibling_imports.append((mine, theirs, Violation(shown, line, "", target)))
    directions = {(mine, theirs) for mine, theirs, _ in lazy_sibling_imports}
    for mine, theirs, v in lazy_sibling_imports:
        if (theirs, mine) in directions:
            pair = " and ".join(sorted((mine, theirs)))
            found.append(Violation(v.path, v.line, f"{pair} import each other (a cycle)", v.what))
    return found


def test_no_module_breaks_the_layers():
    new = [str(v) for v in violations()]
    assert not new, "imports that break the layers (see ARCHITECTURE.md, Layers):\n" + "\n".join(new)


def test_the_checker_sees_each_kind_of_violation(tmp_path, monkeypatch):
    # A throw-away package laid out like qlr, one module per rule broken.
    import tests.test_layers as layers

    root = tmp_path
    files = {
        "qlr/__init__.py": "",
        "qlr/errors.py": "",
        "qlr/_base.py": "def f():\n    from .io._x import g\n",
        "qlr/codebook.py": "from .track import matrix\n",
        "qlr/io/__init__.py": "",
        "qlr/io/_x.py": "from ..code import _y\n\ndef g():\n    from ..code._y import h\n    from ..track import matrix\n",
        "qlr/code/__init__.py": "",
        "qlr/code/_y.py": "from ..codebook import _private\nfrom .. import _base, errors\n\ndef h():\n    from ..io._x import g\n",
        "qlr/track/__init__.py": "matrix = 1\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(layers, "ROOT", root)
    monkeypatch.setattr(layers, "PACKAGE", root / "qlr")
    assert sorted(str(v) for v in layers.violations()) == [
        "qlr/_base.py:2: base layer imports a higher layer: qlr.io._x.g",
        "qlr/code/_y.py:1: private name from another package: qlr.codebook._private",
        "qlr/code/_y.py:5: code and io import each other (a cycle): qlr.io._x.g",
        "qlr/codebook.py:1: layer 1 imports layer 3 at module level: qlr.track.matrix",
        "qlr/io/_x.py:1: io and code share layer 2 but io imports code at module level: qlr.code._y",
        "qlr/io/_x.py:4: code and io import each other (a cycle): qlr.code._y.h",
    ]
