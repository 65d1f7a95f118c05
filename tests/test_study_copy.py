"""A copy or a selection of a study keeps what review needs: the fitted suggester."""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import CodingError


def test_suggester_survives_copy_and_sel(sample_study):
    study = sample_study.copy()
    with pytest.raises(CodingError, match="no suggester to ask"):
        study.review_queue(3)  # nothing fitted yet: the copy must not invent one
    model = qlr.code.CodeSuggester().fit(study)
    study.suggest(model, threshold=0.6)
    trial = study.copy()
    queue = trial.review_queue(5)
    pd_queue = study.review_queue(5)
    assert list(queue["seg_id"]) == list(pd_queue["seg_id"]) and len(queue) == 5
    assert len(study.sel(case="C05").review_queue(2)) == 2
    # The copy is still independent: suggesting again there leaves the original alone.
    before = study.codings.copy()
    trial.suggest(model, threshold=0.9)
    assert study.codings.equals(before)
