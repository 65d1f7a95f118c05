"""Public names that load their module on first use (PEP 562), as scanpy and networkx do.

A package lists which of its modules defines each public name; ``import qlr``
then costs little more than ``import pandas``, and scikit-learn, spaCy, SciPy,
matplotlib and networkx load only when a function that needs them is first used.
``dir()``, ``__all__``, ``from package import name`` and attribute access behave
exactly as with eager imports.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def attach(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for a package whose public names load lazily.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    names : mapping of str to str
        Public name → the module that defines it, relative to the package
        (``"._matrix"``); a subpackage maps its own name to itself (``".io"``).

    Returns
    -------
    (__getattr__, __dir__)
        To assign at the package's module level.

    Examples
    --------
    >>> getattr_, dir_ = attach("qlr", {"Study": ".study"})
    >>> getattr_("Study").__name__
    'Study'
    >>> "Study" in dir_()
    True
    """
    namespace = vars(sys.modules[package])  # the package being imported

    def __getattr__(name: str) -> Any:
        try:
            module_name = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        module = importlib.import_module(module_name, package)
        # A subpackage is its own value; any other name is read from its module.
        value = module if module_name.lstrip(".") == name else getattr(module, name)
        namespace[name] = value  # later look-ups skip this function
        return value

    return __getattr__, listing(namespace, names)


def listing(namespace: Mapping[str, Any], names: Mapping[str, str] | None = None) -> Callable[[], list[str]]:
    """A package's ``__dir__``: its public names (``__all__`` and those it loads lazily) and the dunder ones.

    What its own code imported to work (``annotations``, ``TYPE_CHECKING``, ``os``) is not listed, so ``dir()`` and
    an editor's completion offer what the package offers; the names stay reachable.

    Examples
    --------
    >>> listing({"__all__": ["load"], "__doc__": "", "annotations": None, "os": None}, {"plot": ".plot"})()
    ['__all__', '__doc__', 'load', 'plot']
    """

    def __dir__() -> list[str]:
        dunders = {name for name in namespace if name.startswith("__") and name.endswith("__")}
        return sorted(set(namespace.get("__all__", ())) | set(names or ()) | dunders)

    return __dir__

