"""Last stop's reviewer's open findings, fixed at stop 47: a folder's template decides its two-digit dotted dates as
loading does; a partly coded case × wave of a pool of the same people is no absence; a speaker declared as the case id
goes through a REFI-QDA export; one helper says whether a study's log shows its codebook applied."""

from __future__ import annotations

import warnings

import qlr
from qlr.io._load import template_for

from .conftest import write
from .test_reading_leftovers_46 import _entretien


# ------------------------------------------------------------------ "24.10.03": one decision for the template and loading
def _dates_loaded(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(folder, progress=False)
    return {row.doc_id: str(row.date)[:10] for row in study.documents.itertuples()}, [str(w.message) for w in caught]


def test_the_template_dates_a_folders_two_digit_headers_as_its_load_does(tmp_path):
    # "24.02.30" has no year-first reading (no 30 February): the folder writes its dates day first, and loading reads
    # all three so. The template read each file alone, and the two it could not decide alone together (year first,
    # three months apart against eleven years): its layout dated them 2024-10-03 and 2025-01-15, and loading that
    # layout warned that 2 headers give another date than the layout.
    for number, day, answer in (("01", "24.10.03", "Oui."), ("02", "25.01.15", "Non."), ("03", "24.02.30", "Peut-être.")):
        write(tmp_path / f"Entretien {number} {day} {number}.txt", _entretien(f"Entretien {number} {day} {number}", answer))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = template_for(tmp_path)
    assert "date: '2003-10-24'" in template and "date: '2015-01-25'" in template and "date: '2030-02-24'" in template
    assert "2024-10-03" not in template
    (tmp_path / "study.yaml").write_text(template, encoding="utf-8")
    dates, said = _dates_loaded(tmp_path)
    assert dates == {"Entretien 01 24.10.03 01": "2003-10-24", "Entretien 02 25.01.15 02": "2015-01-25", "Entretien 03 24.02.30 03": "2030-02-24"}
    assert not [message for message in said if "another date than the manifest" in message]
    # The same layout with its dates taken out: loading decides the headers themselves, the same way.
    undated = "\n".join(line for line in template.splitlines() if not line.strip().startswith("date:"))
    (tmp_path / "study.yaml").write_text(undated, encoding="utf-8")
    assert _dates_loaded(tmp_path)[0] == dates
