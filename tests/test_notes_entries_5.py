"""Dated entries of field notes, lab notebooks, diaries and minutes (trial 355): headings without a year,
words before the first entry, lines that only mention a date, times, ranges and weeks, front matter dates."""

from __future__ import annotations

from datetime import date

import pytest

import qlr
from qlr.io._segment import segment_document, segment_entries

from .conftest import write


def entries(text, **kwargs):
    found = segment_entries(text, **kwargs)
    assert found is not None
    return [(s.date, text[s.start : s.end]) for s in found]


def covered(text, segments):
    """The non-blank characters of ``text`` that no segment holds."""
    inside = [False] * len(text)
    for segment in segments:
        inside[segment.start : segment.end] = [True] * (segment.end - segment.start)
    return "".join(char for char, held in zip(text, inside) if not held and not char.isspace())


def study_of(tmp_path, notes, *, wave="{id: W1, start: 2017-05-01, end: 2017-06-30}", extra=""):
    write(tmp_path / "notes.md", notes)
    write(
        tmp_path / "study.yaml",
        f"name: t\nwaves: [{wave}]\ncases: [{{id: Site}}]\ndocuments:\n  - {{path: notes.md, case: Site, wave: W1, kind: fieldnotes, observer: Laura{extra}}}\n",
    )
    return qlr.load(tmp_path, progress=False)


# ------------------------------------------------------------------ 1. headings without a year


def test_yearless_headings_take_the_year_of_the_dated_heading_around_them():
    notes = "### May 23rd\n\nKatie helped.\n\n### May 24th\n\nDrippers.\n\n### May 25th, 2017\n\nAeration.\n\n### 6/13\n\nCold.\n\n### 6/28 Low impact day\n\nNo larvae.\n"
    assert entries(notes) == [
        (date(2017, 5, 23), "Katie helped."),  # before the first whole date: its year
        (date(2017, 5, 24), "Drippers."),
        (date(2017, 5, 25), "Aeration."),
        (date(2017, 6, 13), "Cold."),  # was swallowed by the May 25 entry, June dated 25 May
        (date(2017, 6, 28), "No larvae."),
    ]


def test_the_year_rolls_over_when_the_month_goes_back_and_before_the_first_full_date():
    notes = "## 30 December\nA.\n## 2 January 2018\nB.\n## 5 January\nC.\n## December 31st\nD.\n## Jan 1\nE.\n"
    assert [day for day, _ in entries(notes)] == [date(2017, 12, 30), date(2018, 1, 2), date(2018, 1, 5), date(2018, 12, 31), date(2019, 1, 1)]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("### Mittwoch, 15.11.", date(2017, 11, 15)),
        ("### Montag, 20.11.", date(2017, 11, 20)),  # "Mon" is not the weekday: "Montag" is
        ("#### 6/20", date(2017, 6, 20)),
        ("## 3 March", date(2017, 3, 3)),
        ("## June 1st", date(2017, 6, 1)),
        ("Date: 12 May", date(2017, 5, 12)),
        ("**Date:** 4/7", date(2017, 7, 4)),  # day first, as the document says nothing else
        ("## 23. Mai", date(2017, 5, 23)),
    ],
)
def test_yearless_heading_forms(heading, expected):
    notes = f"## 1 February 2017\nFirst.\n{heading}\nWords.\n"
    assert entries(notes)[-1] == (expected, "Words.")


def test_yearless_numeric_days_follow_the_documents_order():
    # "6/13" can only be month first, so "6/5" is 5 June; a whole date "19/02/2017" says day first.
    assert [d for d, _ in entries("## 5 June 2017\nA.\n## 6/5\nB.\n## 6/13\nC.\n")] == [date(2017, 6, 5), date(2017, 6, 5), date(2017, 6, 13)]
    assert [d for d, _ in entries("## 19/02/2017\nA.\n## 6/5\nB.\n")] == [date(2017, 2, 19), date(2017, 5, 6)]


def test_only_headings_open_yearless_entries():
    # Prose, a numbered section and a count are no days.
    notes = "## 2 May 2017\nOn 6/13 we met again.\nMay 23rd was busy.\n\n## 1.2. Methods\nText.\n\n## 3 people came\nMore.\n"
    assert entries(notes) == [(date(2017, 5, 2), "On 6/13 we met again.\nMay 23rd was busy.\n\n## 1.2. Methods\nText.\n\n## 3 people came\nMore.")]


def test_yearless_notes_take_the_year_of_the_documents_wave(tmp_path):
    study = study_of(tmp_path, "### May 23rd\n\nKatie helped out.\n\n### June 1st\n\nSteven came.\n")
    assert list(study.segments["date"].dt.date) == [date(2017, 5, 23), date(2017, 6, 1)]
    assert list(study.segments["speaker"]) == ["Laura", "Laura"]
    # The document's own date wins over the wave's start; the year is the one nearest it.
    other = study_of(tmp_path / "b", "### Jan 3rd\nSnow.\n### Dec 30th\nCold.\n", extra=", date: 2017-12-20")
    assert list(other.segments["date"].dt.date) == [date(2018, 1, 3), date(2018, 12, 30)]


def test_yearless_entries_with_no_year_anywhere_are_cut_undated_but_the_observers():
    notes = "### May 23rd\nKatie helped.\n### 29 February\nLeap.\n"
    found = segment_document(notes, strategy="entries", observer="Laura")
    assert [(s.date, notes[s.start : s.end], s.speaker, role) for s, role in zip(found.segments, found.roles)] == [
        (None, "Katie helped.", "Laura", "observer"),
        (None, "Leap.", "Laura", "observer"),
    ]
    # A day no near year has (29 February beside 2017) leaves the entry undated, still cut.
    assert entries(notes, near=date(2017, 5, 1)) == [(date(2017, 5, 23), "Katie helped."), (None, "Leap.")]


# ------------------------------------------------------------------ 2. words before the first entry


def test_words_before_the_first_entry_are_the_observers(tmp_path):
    notes = "Notes from my second visit; Katie helped out all morning.\n\n## 25 March 2024\n\nQuiet day.\n"
    study = study_of(tmp_path, notes, wave="{id: W1, start: 2024-01-01, end: 2024-12-31}")
    assert list(zip(study.segments["speaker"], study.segments["speaker_role"], study.segments["n_words"])) == [("Laura", "observer", 10), ("Laura", "observer", 2)]


@pytest.mark.parametrize("title", ["# Field notes", "# Field notes\n\n## Site A", "Field notes, Hall Lane"])
def test_a_title_alone_before_the_first_entry_stays_nobodys(title):
    notes = f"{title}\n\n## 25 March 2024\nQuiet day.\n"
    found = segment_document(notes, strategy="entries", observer="Ann")
    assert [(s.speaker, role) for s, role in zip(found.segments, found.roles)] == [(None, None), ("Ann", "observer")]


# ------------------------------------------------------------------ 3. lines that only mention a date


def test_a_line_that_mentions_a_date_opens_no_entry_and_keeps_its_words():
    notes = (
        "## 12 March 2024\n\nVisited the food bank.\n\nNext visit planned for 14th September 2024\n\n"
        "Back at the office I wrote up the visit.\n\nFinance as at 31/10/24\n\n12\\. Date of next meeting 14th September 2005\n\n"
        "NRCC subs 2007-03-18 £15.00\n\nTom told me the grant ran out.\n"
    )
    found = segment_entries(notes)
    assert [(s.date, notes[s.start : s.end]) for s in found] == [(date(2024, 3, 12), notes[notes.index("Visited") :].strip())]
    assert covered(notes, found) == "##12March2024"  # the heading: the entry's date


def test_a_line_that_is_a_date_still_opens_an_entry_and_keeps_what_follows():
    notes = "Tuesday 12 March 2024\nQuiet.\n\n**13 March 2024** (rainy)\nBusy.\n\nWEDNESDAY 14th MARCH 2024\nCalm.\n\n15–17 March 2024\nAway.\n"
    found = segment_entries(notes)
    assert [(s.date, notes[s.start : s.end]) for s in found] == [
        (date(2024, 3, 12), "Quiet."),
        (date(2024, 3, 13), "(rainy)\nBusy."),
        (date(2024, 3, 14), "Calm."),
        (date(2024, 3, 15), "Away."),
    ]


# ------------------------------------------------------------------ 4. times


def test_the_time_of_an_entry_is_its_timestamp():
    notes = "## 2024-02-12T10:00\n\nISO.\n\n2024-03-12 10:00 - Tom arrived early\n\n[14/03/2024] Quiet.\n\n## Thursday 14 March 2024, 14:00\n\nAfternoon.\n\n## 2024-03-21 14:00–16:30\n\nTimed.\n\n12 March 2025, 2:30 pm\nLate.\n"
    found = segment_entries(notes)
    assert [(s.date, s.timestamp, s.timestamp_end, notes[s.start : s.end]) for s in found] == [
        (date(2024, 2, 12), 36000.0, None, "ISO."),
        (date(2024, 3, 12), 36000.0, None, "Tom arrived early"),
        (date(2024, 3, 14), None, None, "Quiet."),
        (date(2024, 3, 14), 50400.0, None, "Afternoon."),
        (date(2024, 3, 21), 50400.0, 59400.0, "Timed."),
        (date(2025, 3, 12), 52200.0, None, "Late."),
    ]


def test_times_reach_the_segments_table(tmp_path):
    study = study_of(tmp_path, "2024-03-12 10:00 - Tom arrived early\n2024-03-12 10:45 - Ann left.\n", wave="{id: W1, start: 2024-01-01, end: 2024-12-31}")
    assert list(study.segments["timestamp"]) == [36000.0, 38700.0]


# ------------------------------------------------------------------ 5. ranges and weeks


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("## 3–5 March 2024", date(2024, 3, 3)),
        ("## 28 February – 2 March 2024", date(2024, 2, 28)),
        ("## Semaine du 21 mai au 06 juin 2019", date(2019, 5, 21)),
        ("## 28 December – 2 January 2025", date(2024, 12, 28)),
        ("## March 3–5, 2024", date(2024, 3, 3)),
        ("## 2024-W11", date(2024, 3, 11)),
        ("## Week 12, 2024", date(2024, 3, 18)),
        ("## 2021-W01", date(2021, 1, 4)),  # ISO week 1 of 2021 starts in January, 2020-W53 in December
        ("## 2020-W53", date(2020, 12, 28)),
        ("## 2024-03-21 14:00–16:30", date(2024, 3, 21)),  # a range of times is no range of days
        ("## Session 3 - 12 March 2024", date(2024, 3, 12)),  # nor a numbered session before a date
        ("## Friday 12.–14. März 2024", date(2024, 3, 12)),
        ("## Week of 11–15 March 2024", date(2024, 3, 11)),
    ],
)
def test_ranges_are_dated_by_their_first_day_and_weeks_by_their_monday(heading, expected):
    assert entries(f"{heading}\nWords.\n") == [(expected, "Words.")]


# ------------------------------------------------------------------ 6. front matter, rules


def test_front_matter_date_is_the_documents_date(tmp_path):
    page = '---\ntitle: "Minutes of the May meeting"\ndate: "2019-05-13"\n---\n\nThe meeting was held in the church.\n'
    study = qlr.load(write(tmp_path / "Council_W1_document.md", page), progress=False)
    assert list(study.documents["date"].dt.date) == [date(2019, 5, 13)]
    # The manifest's date wins.
    write(tmp_path / "m" / "page.md", page)
    write(tmp_path / "m" / "study.yaml", "name: t\nwaves: [{id: W1}]\ncases: [{id: C}]\ndocuments:\n  - {path: page.md, case: C, wave: W1, kind: document, date: 2019-06-01}\n")
    assert list(qlr.load(tmp_path / "m", progress=False).documents["date"].dt.date) == [date(2019, 6, 1)]


def test_markdown_rules_are_not_segments(tmp_path):
    study = qlr.load(write(tmp_path / "C1_W1_document.md", "First.\n\n----\n\nSecond.\n\n* * *\n"), progress=False)
    assert list(study.segments["n_words"]) == [1, 1]
