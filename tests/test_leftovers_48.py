"""Stop 47's leftovers around "partly coded" and NVivo round trips, closed at stop 48: one decision for a case × wave's
coverage by a codebook; the report and the plots name partly coded cells, and a density there is over the words read;
a joint voice declared as two cases goes through a REFI-QDA export; one helper strips qlr's details from a project; an
interview guide study.yaml does not list is said once, with how to quiet it."""

from __future__ import annotations

import numpy as np

import qlr
from qlr.evidence import CODED, NOT_CODED, PARTLY_CODED, case_wave_coverage, coverage_reason

from .test_review_fixes_47 import _partly_pooled


# ------------------------------------------------------------------ one decision for a case × wave's coverage
def test_one_helper_says_each_case_waves_coverage(tmp_path):
    # Study A (hand-coded, W1 and W2) pooled with B's diaries of Ann and Ben at W2 and Ann's at W3.
    both, _ = _partly_pooled(tmp_path)
    coverage = case_wave_coverage(both, both.codebooks["yc"])
    assert coverage.astype(object).where(coverage.notna(), None).values.tolist() == [
        ["Ann", "W1", CODED, None],
        ["Ann", "W2", PARTLY_CODED, "B"],
        ["Ann", "W3", NOT_CODED, "B"],
        ["Ben", "W1", CODED, None],
        ["Ben", "W2", PARTLY_CODED, "B"],
    ]
    # What a cell shows: a partly coded cell where something was found shows it; not coded never does.
    assert coverage_reason(coverage["coverage"], np.array([False, True, True, False, False])).tolist() == [None, None, NOT_CODED, None, PARTLY_CODED]
    # The matrix, the ladder's design and the sequences read it: a partly coded wave is seen, a not coded one is not.
    seen = qlr.track.matrix(both, codebook="yc").tidy.drop_duplicates(["case_id", "wave_id"]).set_index(["case_id", "wave_id"])["reason"]
    assert seen[("Ann", "W3")] == NOT_CODED and seen[("Ann", "W2")] == PARTLY_CODED and seen[("Ben", "W2")] != seen[("Ben", "W2")]  # "decided" found: NaN, no reason


def test_a_partly_coded_cells_density_is_over_the_words_read(tmp_path):
    # Ben's W2: his coded interview "Staff decided the trip for us." (6 words, "decided" once) and his diary (13 words
    # of his own, never read for a code). Before: 1000 * 1 / 19 = 52.6, diluted by the diary's words.
    both, _ = _partly_pooled(tmp_path)
    tidy = qlr.track.matrix(both, codebook="yc", value="density").tidy.set_index(["case_id", "wave_id", "code_id"])
    assert tidy.loc[("Ben", "W2", "decided"), "words"] == 6
    assert round(tidy.loc[("Ben", "W2", "decided"), "value"], 1) == 166.7
    assert tidy.loc[("Ben", "W2", "peers"), "reason"] == PARTLY_CODED  # not found: no value, as with counts
    # A coded case × wave keeps all its words: Ben's W1 interview "The lads there get it." (5 words).
    assert tidy.loc[("Ben", "W1", "peers"), "words"] == 5 and tidy.loc[("Ben", "W1", "peers"), "value"] == 200.0
