"""A second engineer's check of MAXQDA's intercoder agreement (stop 59): what a researcher's own data broke.

Every figure is worked by hand from :func:`tests.test_maxqda_agreement_59.two_coders`, or from a brute-force loop over
the segments.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import QlrError, RowsRefusedWarning

from .test_maxqda_agreement_59 import counts, maxqda, two_coders


@pytest.mark.parametrize(("criterion", "said", "figures"), [("existence", "code existence in each document", "3 1 4"), ("frequency", "code frequency in each document", "2 2 4")])
def test_qlr_agreement_prints_the_document_levels(tmp_path, capsys, criterion, said, figures):
    # Before: the line under the table formatted min_overlap (None at these levels) and the command ended in a traceback.
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion])
    out = capsys.readouterr().out
    assert f"MAXQDA's intercoder agreement, {said}: 2 documents both coded" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall")).split()
    assert " ".join(overall[1:4]) == figures  # agreements, disagreements, total: existence 3 of 4, frequency 2 of 4
    target = tmp_path / f"{criterion}.csv"
    main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion, "-o", str(target)])
    assert pd.read_csv(target).set_index("code_id").loc["overall", ["agreements", "disagreements", "total"]].tolist() == [int(n) for n in figures.split()]
