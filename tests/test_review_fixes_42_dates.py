"""Fixes after review (stop 42): a line holding a date alone dates a document without turns only as a last resort."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.io._segment import header_date

from .conftest import write


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


def _date(study):
    return str(study.documents["date"].iloc[0])[:10]


@pytest.mark.parametrize(
    "label, day",
    [
        ("Date of birth", "03/09/1946"),
        ("Born", "17 August 1953"),
        ("DOB", "1953-08-17"),
        ("**Date of birth:**", "03/09/1946"),
        ("Review due by:", "31 July 2026"),
        ("Next appointment:", "02/02/2026"),
        ("Moved to the estate:", "4 February 2001"),
    ],
)
def test_a_date_alone_under_another_events_label_does_not_date_the_document(label, day):
    # The label set on the line above its value reads as "Date of birth: 03/09/1946" does: never the document's date.
    text = f"Resident summary: Hal\n\n{label}\n{day}\n\nKeeps an allotment by the canal.\n"
    assert header_date(text, None) is None


def test_a_date_alone_under_a_date_label_dates_the_document():
    found = header_date("Resident summary: Hal\nDate of visit:\n08/01/2026\n\nKeeps an allotment by the canal.\n", None)
    assert found is not None and str(found[0]) == "2026-01-08"


def test_a_birth_date_under_its_label_in_a_header_with_turns_is_not_the_interview_date(tmp_path):
    text = (
        "Tenants' study, first round\nDate of birth:\n03/09/1946\n\n"
        "Paula: Shall we start with the flat?\nHal: Go on then.\nPaula: How long have you lived here?\nHal: Since the seventies.\n"
    )
    assert _load(write(tmp_path / "H01_W1_interview.txt", text)).documents["date"].isna().all()


def test_birth_dates_under_their_labels_leave_the_waves_in_their_documents_order(tmp_path):
    # Undeclared waves are ordered by their documents' dates: a profile's birth date put the later wave first.
    interview = "Wave {wave}, {day}\n\nPaula: How is the flat?\nHal: Damp.\nPaula: Still?\nHal: Still.\n"
    for case in ("H01", "H02"):
        write(tmp_path / f"{case}_intake_interview.txt", interview.format(wave="intake", day="12 March 2025"))
        write(tmp_path / f"{case}_followup_interview.txt", interview.format(wave="follow-up", day="9 October 2025"))
        write(tmp_path / f"{case}_followup_profile.txt", f"Resident profile: {case}\n\nBorn\n17 August 1953\n\nKeeps an allotment by the canal and walks the dog there twice a day.\n")
    study = _load(tmp_path)
    assert len(study.documents) == 6
    assert list(study.waves.sort_values("order")["wave_id"]) == ["intake", "followup"]
    assert study.documents.loc[study.documents["doc_id"].str.endswith("profile"), "date"].isna().all()


@pytest.mark.parametrize(
    "text",
    [
        "Visit to the Canal Street pantry, 6 May 2025\nObserver: RM\n\nQueue of twelve by opening time.\nTyped up\n09/05/2025\n",
        "Note from the housing office, 6 May 2025\n\nDear tenants,\nThe lift is out of service. Please send any questions before\n20 May 2025\n",
    ],
)
def test_a_first_lines_date_outranks_a_date_alone_further_down(tmp_path, text):
    # Both dates counted alike before, and two different dates left the document undated.
    assert _date(_load(write(tmp_path / "T01_W1_notes.txt", text))) == "2025-05-06"


def test_a_date_alone_still_dates_a_document_nothing_else_dates(tmp_path):
    text = "Tenants' association\nAnnual meeting\n\n6 May 2025\n\n1. The chair welcomed eleven members.\n"
    assert _date(_load(write(tmp_path / "T01_W1_minutes.txt", text))) == "2025-05-06"
