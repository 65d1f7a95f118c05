"""What a new user found trying stop 59's merged branch: brat folders, MAXQDA's levels, the report's words."""

from __future__ import annotations

import pytest

from qlr.cli import main
from qlr.errors import QlrError

from .test_maxqda_agreement_59 import maxqda, two_coders


@pytest.mark.parametrize("criterion", ["existence", "frequency"])
def test_min_overlap_at_a_document_level_is_refused_for_what_it_is(tmp_path, capsys, criterion):
    # Before: "compares coded segments of two coders per document, with no other option", which says nothing of why
    # min_overlap is refused at the document levels.
    with pytest.raises(QlrError, match=f"min_overlap= with maxqda='{criterion}'.*only MAXQDA's segment level") as raised:
        maxqda(two_coders(), criterion, min_overlap=0.8)
    assert "no other option" not in str(raised.value)
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion, "--min-overlap", "0.8"]) != 0
    err = capsys.readouterr().err
    assert "only MAXQDA's segment level (maxqda='overlap')" in err and "no other option" not in err
    assert "--min-overlap with --maxqda overlap" in err
