"""Repository-wide pytest set-up (tests and the docstring examples in qlr/).

Docstring examples share one loaded sample study: the name ``sample`` in every
doctest is ``qlr.load("data/sample")``, loaded once per session on first use
(it took 60 loads before).  Examples that change a study start from
``sample.copy()``, so no example sees another's edits (see ARCHITECTURE.md,
"Docstring examples").
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest
from _pytest.doctest import DoctestItem

# Figures render off-screen, identically on every machine.
matplotlib.use("Agg")

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"

# Rule coding caches matches in the user's cache directory: the tests use one of their own,
# so they neither read a user's cache nor leave anything in it; it goes when the run ends.
_TEST_CACHE = tempfile.mkdtemp(prefix="qlr-test-cache-")
os.environ["XDG_CACHE_HOME"] = _TEST_CACHE
atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def sample_study():
    """The sample study, loaded once per session; never change it (take ``.copy()``)."""
    import qlr

    return qlr.load(SAMPLE, progress=False)


@pytest.fixture(scope="session")
def coded_sample(sample_study):
    """The sample study coded with the bundled ``coproduction`` codebook; never change it."""
    return sample_study.copy().apply("coproduction", progress=False)


@pytest.fixture(autouse=True)
def _doctest_sample(request, doctest_namespace):
    """Give docstring examples ``sample``, loading it only when a doctest runs."""
    if isinstance(request.node, DoctestItem) and "sample" not in doctest_namespace:
        doctest_namespace["sample"] = request.getfixturevalue("sample_study")
