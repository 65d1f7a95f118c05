"""docs/validation.md says what docs/make_validation.py measures today."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("make_validation", ROOT / "docs" / "make_validation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_is_current():
    page = _script().page()
    assert (ROOT / "docs" / "validation.md").read_text(encoding="utf-8") == page, "run: python docs/make_validation.py"


def test_every_gold_quote_is_found_once_in_its_file():
    import pandas as pd

    gold = ROOT / "data" / "validation"
    for name in ("evidence.csv", "traps.csv"):
        table = pd.read_csv(gold / "gold" / name)
        for row in table.itertuples(index=False):
            text = (gold / "interviews" / row.doc).read_text(encoding="utf-8")
            assert text.count(row.quote) == 1, (row.doc, row.quote)


def test_trap_counts_add_up():
    module = _script()
    study = module.coded(ROOT / "data" / "validation")
    table = module.trap_table(study)
    assert table.loc["all", "traps"] == 113
    assert (table["counted at full weight"] <= table["matched"]).all()
    # Interviewers' questions are never coded, so never evidence.
    assert table.loc["interviewer_question", "matched"] == 0
