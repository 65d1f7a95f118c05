"""The lead's own changes at stop 49: a partly coded case × wave where every code was found is still framed in the
matrix heatmap; one place cuts a list in a message."""

from __future__ import annotations

import warnings

import pandas as pd

import qlr
from qlr._words import first_few
from qlr.evidence import PARTLY_CODED

from .test_review_fixes_47 import _partly_pooled


def test_a_partly_coded_case_wave_with_every_code_found_is_framed(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    both, _ = _partly_pooled(tmp_path)
    # Ben's W2: his coded interview now holds both codes; his diary there was never read for a code.
    codings = both.codings
    extra = codings[(codings["doc_id"] == "Ben_W2_interview").to_numpy()].assign(code_id="peers")
    extra["coding_id"] = extra["coding_id"].astype(str) + "-peers"
    both.codings = pd.concat([codings, extra], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # selecting one case of a pool names its parts again
        ben = both.sel(case="Ben")
    matrix = qlr.track.matrix(ben, codebook="yc")
    assert matrix.partly_coded.values.tolist() == [["Ben", "W2"]]
    w2 = matrix.tidy[matrix.tidy["wave_id"] == "W2"]
    assert w2["value"].tolist() == [1.0, 1.0] and w2["reason"].isna().all()  # nothing says "partly coded" by a reason
    fig = qlr.plot.matrix_heatmap(matrix)
    # Before: no frame and no key, as if his W2 had been read whole.
    assert [p.get_linestyle() for p in fig.axes[1].patches] == ["--", "--"]
    assert "dashed frame: found in a partly coded case × wave's coded documents" in fig._suptitle.get_text()
    assert f"..: {PARTLY_CODED}" not in fig._suptitle.get_text()  # no dotted cell drawn
    # A coded case × wave is not framed: W1 (peers found, decided an absence, 0) draws no patch at all.
    assert list(fig.axes[0].patches) == []
    plt.close(fig)


def test_a_message_cuts_a_list_between_items():
    assert first_few(["a", "b", "c"], shown=3) == "a, b, c"
    assert first_few(["a", "b", "c", "d"], shown=3) == "a, b, c and 1 more"
    assert first_few(iter(["x: 1, 2", "y: 3"]), shown=1, sep="; ") == "x: 1, 2; and 1 more"
    assert first_few([], shown=2) == ""
    assert first_few(range(2000), shown=2) == "0, 1 and 1,998 more"
