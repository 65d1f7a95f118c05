"""Start-up: heavy libraries load on first use, and the lazy names behave like eager ones.

Nothing here is timed (benchmarks/bench_import.py measures); what is checked is
which modules a fresh interpreter has loaded, which is what the time follows.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from .conftest import ROOT

#: Measured with ``python -X importtime`` after pandas: scikit-learn 0.53 s, SciPy's
#: stats 0.49 s, spaCy 0.36 s, matplotlib.pyplot 0.23 s, networkx 0.07 s
#: (pandas itself about 0.3 s).  statsmodels and krippendorff pull in SciPy.
HEAVY = ("sklearn", "spacy", "thinc", "scipy", "matplotlib", "statsmodels", "krippendorff", "networkx")

NAMESPACES = ("qlr", "qlr.io", "qlr.code", "qlr.track", "qlr.net", "qlr.plot", "qlr.report")


def loaded_after(code: str) -> list[str]:
    """Top-level packages from HEAVY that a fresh interpreter has loaded after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return [name for name in json.loads(result.stdout.splitlines()[-1]) if name in HEAVY]


@pytest.mark.parametrize(
    "code",
    [
        "import qlr",
        "import qlr.cli",
        # Every namespace, and a name read from each module that is cheap to load.
        f"import {', '.join(NAMESPACES)}; qlr.Study, qlr.load, qlr.code.agreement, qlr.track.matrix, qlr.plot.save_png, qlr.report.write_report",
        "import qlr.cli\ntry:\n    qlr.cli.main(['--help'])\nexcept SystemExit:\n    pass",
    ],
    ids=["import qlr", "import qlr.cli", "every namespace", "qlr --help"],
)
def test_start_up_leaves_heavy_libraries_unloaded(code):
    assert loaded_after(code) == []


def test_heavy_libraries_load_when_first_used():
    assert loaded_after("import qlr.code; qlr.code.CodeSuggester") == ["scipy", "sklearn"]
    assert "spacy" in loaded_after("from qlr.code import pipeline")
    assert "networkx" in loaded_after("import qlr; qlr.net.cooccurrence")


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_lazy_names_are_listed_and_importable(namespace):
    module = importlib.import_module(namespace)
    listing = dir(module)
    for name in module.__all__:
        assert name in listing, f"{namespace}.{name} missing from dir()"
        value = getattr(module, name)
        # `from namespace import name` goes through the same attribute.
        assert importlib.import_module(namespace).__dict__[name] is value


def test_lazy_names_are_the_defining_modules_objects():
    import qlr
    from qlr.code import CodeSuggester, pipeline
    from qlr.net import cooccurrence

    assert CodeSuggester is importlib.import_module("qlr.code._suggest").CodeSuggester
    assert pipeline is importlib.import_module("qlr.code._nlp").pipeline
    assert cooccurrence is importlib.import_module("qlr.net._cooccurrence").cooccurrence
    assert qlr.load is importlib.import_module("qlr.io").load
    assert qlr.track is importlib.import_module("qlr.track")


def test_unknown_names_still_raise_attribute_error():
    import qlr
    import qlr.code

    with pytest.raises(AttributeError, match="'qlr' has no attribute 'lod'"):
        qlr.lod  # noqa: B018
    with pytest.raises(ImportError):
        from qlr.code import CodeSugester  # noqa: F401


@pytest.mark.skipif(
    "qlr_codebook" not in {ep.name for ep in entry_points(group="spacy_factories")},
    reason="qlr is not installed, so spaCy has no entry point for its factories",
)
def test_spacy_finds_the_component_in_a_fresh_process_without_importing_qlr():
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('qlr_codebook', config={'codebook': 'coproduction'})\n"
        "doc = nlp('We really do look out for each other now.')\n"
        "print([span.label_ for span in doc.spans['qlr']])"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['peer_networks.peer_support']"


def test_a_checkout_without_entry_points_gets_the_factories_once_qlr_builds_its_pipeline():
    code = """
import importlib.metadata as metadata
# As in a source checkout that was never installed: no qlr entry points.
others = metadata.EntryPoints(ep for dist in metadata.distributions() for ep in dist.entry_points if not ep.value.startswith("qlr."))
metadata.entry_points = lambda **params: others.select(**params)
import spacy

def can_add():
    try:
        spacy.blank("en").add_pipe("qlr_codebook", config={"codebook": "coproduction"})
    except ValueError:
        return False
    return True

import qlr, qlr.code
before = can_add()
qlr.code.pipeline()
print(before, can_add())
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
