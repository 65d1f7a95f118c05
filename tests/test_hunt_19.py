"""Real files, nineteenth pass: lookalikes of layouts found in published transcripts (stop 47).

An oral-history archive's interviews of 1989, each headed "Interview with …, 9-20-89" (month first, as in the United
States, with a two-digit year): one header's date tells the order ("9-20-89"), another cannot alone ("9-6-89").
Every file here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import warnings
from datetime import date

import qlr
from qlr.io._load import template_for
from qlr.io._segment import written_order

from .conftest import write

_TELLS = "Interview with Ruth Kemp, 9-20-89\n\nMSM:\tWhen did you join?\nKemp:\tIn the spring.\nMSM:\tAnd the group?\nKemp:\tLater.\n"
_CANNOT = "Interview with Omar Vance, 9-6-89\n\nMSM:\tWho asked you?\nVance:\tMy manager.\nMSM:\tWhy?\nVance:\tThe deadline.\n"


def _archive(root):
    write(root / "kemp.txt", _TELLS)
    write(root / "vance.txt", _CANNOT)
    return root


def test_a_two_digit_year_after_dashes_or_slashes_tells_the_order():
    assert written_order("Interview with Ruth Kemp, 9-20-89", True) is False  # only month first reads 20 as a day
    assert written_order("Visit 20/9/89", False) is True
    assert written_order("Visit 9/6/89", True) is True and written_order("Visit 9/6/89", False) is False  # cannot tell
    # With dots, a two-digit year is no evidence: "15.11.24" may be year first, a telephone number's "06.12.34" none.
    assert written_order("Entretien 15.11.24", False) is False


def test_headers_that_cannot_tell_are_read_in_the_order_the_folder_s_others_say(tmp_path):
    root = _archive(tmp_path / "archive")
    write(root / "study.yaml", "waves: [W1]\nspeakers: {MSM: interviewer}\ndocuments:\n- {path: kemp.txt, case: kemp, wave: W1}\n- {path: vance.txt, case: vance, wave: W1}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    dates = {row.doc_id: row.date.date() for row in study.documents.itertuples()}
    assert dates == {"kemp": date(1989, 9, 20), "vance": date(1989, 9, 6)}  # before: vance 1989-06-09


def test_the_template_reads_the_folder_s_header_dates_together(tmp_path):
    root = _archive(tmp_path / "archive")
    template = template_for(root)
    assert "date: '1989-09-06'" in template and "date: '1989-06-09'" not in template
    assert "1 header date(s) read month first (vance: 1989-09-06), as the folder's other header dates that can tell say (kemp: 'Interview with Ruth Kemp, 9-20-89')" in template
    # Alone, the file cannot tell: day first, as before.
    alone = _archive(tmp_path / "alone")
    (alone / "kemp.txt").unlink()
    assert "date: '1989-06-09'" in template_for(alone)
