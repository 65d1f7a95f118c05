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

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__

