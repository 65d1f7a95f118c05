"""A diary or notes kept over several waves: each dated entry at the wave in progress on its date."""

from __future__ import annotations

import warnings
from datetime import date

import pytest

import qlr
from qlr.errors import InferenceWarning, ManifestError
from qlr.io._sections import entry_waves, wave_in_progress

DIARY = """Ama's diary

Monday 2 June 2025
Went to the shift. Nobody spoke to me except the manager.

15 August 2025
Sam asked me to join the group chat. Felt good.

20 November 2025
We covered for each other when Sam's kid was ill.
"""

INTERVIEW = "Interviewer: How was the week?\nAma: Busy, we ran the stall together.\n"

WAVES = """waves:
  - {id: W1, start: 2025-03-01, end: 2025-03-31}
  - {id: W2, start: 2025-09-01, end: 2025-10-15}
  - {id: W3, start: 2026-03-01, end: 2026-03-31}
cases: [{id: Ama}]
"""


def _loaded(folder):
    """The study in ``folder`` and the inference warnings loading gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(folder, progress=False)
    return study, [w for w in caught if issubclass(w.category, InferenceWarning)]


def _study(tmp_path, entry: str):
    (tmp_path / "Ama_W1_interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "diary.txt").write_text(DIARY, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        WAVES + "documents:\n  - {path: Ama_W1_interview.txt, case: Ama, wave: W1}\n" + f"  - {{path: diary.txt, id: Ama_diary, case: Ama, kind: diary{entry}}}\n",
        encoding="utf-8",
    )
    return _loaded(tmp_path)


def test_the_wave_in_progress_is_the_last_begun():
    starts = [("W1", date(2025, 3, 1)), ("W2", date(2025, 9, 1)), ("W3", date(2026, 3, 1))]
    assert [wave_in_progress(date(2025, 1, 1), starts), wave_in_progress(date(2025, 3, 1), starts)] == ["W1", "W1"]
    assert [wave_in_progress(date(2025, 8, 31), starts), wave_in_progress(date(2025, 9, 1), starts)] == ["W1", "W2"]
    assert wave_in_progress(date(2027, 1, 1), starts) == "W3"


def test_entries_are_cut_where_the_wave_changes_and_nothing_is_lost():
    starts = [("W1", date(2025, 3, 1)), ("W2", date(2025, 9, 1))]
    sections = entry_waves(DIARY, starts)
    assert [(s.position, s.heading) for s in sections] == [(1, "2025-06-02"), (2, "2025-11-20")]
    # The title goes with the first wave's part; the parts cover the text end to end, the date line with its entry.
    assert sections[0].start == 0 and sections[0].end == sections[1].start and sections[1].end == len(DIARY)
    assert DIARY[sections[1].start :].startswith("20 November 2025")
    # Entries out of date order are read whole; a text without dated entries too.
    assert entry_waves("5 November 2025\nLate.\n\n2 June 2025\nEarly.\n", starts) is None
    assert entry_waves("Just words, no dates at all.", starts) is None


def test_a_diary_with_no_wave_is_read_at_its_entries_waves_and_said(tmp_path):
    study, warned = _study(tmp_path, "")
    diary = study.documents[study.documents["kind"] == "diary"].set_index("doc_id")
    assert list(diary.index) == ["Ama_diary_W1", "Ama_diary_W2"]
    assert list(diary["wave_id"]) == ["W1", "W2"]
    assert [str(d)[:10] for d in diary["date"]] == ["2025-06-02", "2025-11-20"]
    texts = study.segment_texts()
    words = {doc: " ".join(texts[seg] for seg in study.segments.loc[study.segments["doc_id"] == doc, "seg_id"]) for doc in diary.index}
    assert "Sam asked me" in words["Ama_diary_W1"] and "covered for each other" in words["Ama_diary_W2"]
    assert "covered" not in words["Ama_diary_W1"]
    # Every word of the file is in one part or the other.
    assert sum(len(t.split()) for doc in diary.index for t in [diary.loc[doc, "text"]]) == len(DIARY.split())
    assert any("wave in progress" in str(w.message) and "Ama_diary_W2 at W2" in str(w.message) for w in warned)
    assert study.attrition().loc["Ama", "W2"] == "present"


def test_wave_dates_in_the_manifest_is_a_note_not_a_warning(tmp_path):
    study, warned = _study(tmp_path, ", wave: dates")
    assert sorted(study.documents.loc[study.documents["kind"] == "diary", "wave_id"]) == ["W1", "W2"]
    assert not any("wave in progress" in str(w.message) for w in warned)
    assert any("read as one document per wave" in note for note in study.meta["inferred"])


def test_a_stated_wave_keeps_the_diary_whole(tmp_path):
    study, _ = _study(tmp_path, ", wave: W2")
    diary = study.documents[study.documents["kind"] == "diary"]
    assert list(diary["doc_id"]) == ["Ama_diary"] and list(diary["wave_id"]) == ["W2"]


def test_wave_dates_without_dated_waves_is_said(tmp_path):
    (tmp_path / "diary.txt").write_text(DIARY, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        "waves: [{id: W1}, {id: W2}]\ncases: [{id: Ama}]\ndocuments:\n  - {path: diary.txt, case: Ama, kind: diary, wave: dates}\n", encoding="utf-8"
    )
    with pytest.warns(InferenceWarning, match=r"say 'wave: dates' but are read whole, at no wave: diary.txt: waves W1, W2 have no dates"):
        study = qlr.load(tmp_path, progress=False)
    assert study.documents["wave_id"].isna().all()


def test_wave_dates_is_for_dated_entries_only(tmp_path):
    (tmp_path / "a.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(WAVES + "documents:\n  - {path: a.txt, case: Ama, kind: interview, wave: dates}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"'wave: dates'.*kind 'interview'") as error:
        qlr.load(tmp_path, progress=False)
    assert error.value.line == 7  # the entry's line


def test_the_template_writes_wave_dates_for_a_diary_over_several_waves(tmp_path):
    for wave, day in (("1", "14 March 2025"), ("2", "20 September 2025")):
        folder = tmp_path / f"Wave {wave}"
        folder.mkdir()
        (folder / f"Ama interview {wave}.txt").write_text(f"Date of interview: {day}\n\n" + INTERVIEW * 3, encoding="utf-8")
        (folder / f"Bo interview {wave}.txt").write_text(f"Date of interview: {day}\n\n" + INTERVIEW.replace("Ama", "Bo") * 3, encoding="utf-8")
    (tmp_path / "Diaries").mkdir()
    (tmp_path / "Diaries" / "Ama diary.txt").write_text(DIARY, encoding="utf-8")
    template = qlr.io.template_for(tmp_path)
    assert "Diaries/Ama diary.txt (W1, W2)" in template
    (tmp_path / "study.yaml").write_text(template, encoding="utf-8")
    study = qlr.load(tmp_path, progress=False)
    diary = study.documents[study.documents["kind"] == "diary"]
    assert list(diary["wave_id"]) == ["W1", "W2"] and set(diary["case_id"]) == {"Ama"}


def test_an_undated_wave_between_dated_ones_keeps_the_diary_whole(tmp_path):
    """Its entries would otherwise go to the wave before the undated one, silently (a reviewer's probe)."""
    (tmp_path / "diary.txt").write_text(DIARY, encoding="utf-8")
    waves = "waves:\n  - {id: W1, start: 2025-03-01, end: 2025-03-31}\n  - {id: W2}\n  - {id: W3, start: 2026-03-01, end: 2026-03-31}\n"
    (tmp_path / "study.yaml").write_text(waves + "cases: [{id: Ama}]\ndocuments:\n  - {path: diary.txt, case: Ama, kind: diary, wave: dates}\n", encoding="utf-8")
    with pytest.warns(InferenceWarning, match=r"diary.txt: waves W2 have no dates"):
        study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["doc_id"]) == ["diary"] and study.documents["wave_id"].isna().all()


SITE_NOTES = """# Visit notes, Elm Street allotment project (RB)

## 9 April 2024
Watched the seed swap. The coordinator ran it; volunteers sorted packets.

## 2 July 2024
Dropped in on a work day. Two volunteers led the compost session between rounds of fieldwork.

## 14 October 2024
Attended the members' meeting. Volunteers voted on next year's beds.
"""

SITE_WAVES = """waves:
  - {id: W1, start: 2024-04-01, end: 2024-04-30}
  - {id: W2, start: 2024-10-01, end: 2024-10-31}
cases: [{id: Kit}, {id: Lou}]
"""


def _site_study(tmp_path, entry: str, notes: str = SITE_NOTES):
    for case in ("Kit", "Lou"):
        for wave in ("W1", "W2"):
            (tmp_path / f"{case}_{wave}_interview.txt").write_text(INTERVIEW.replace("Ama", case), encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "visits.md").write_text(notes, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        SITE_WAVES + "documents:\n  - '*_interview.txt'\n" + f"  - {{path: notes/visits.md, kind: observation, observer: RB{entry}}}\n",
        encoding="utf-8",
    )
    return _loaded(tmp_path)


def test_the_studys_notes_with_wave_dates_are_read_at_their_entries_waves(tmp_path):
    """A fifth new user's field notes: study-level, 'wave: dates', had stayed whole at no wave, silently."""
    study, warned = _site_study(tmp_path, ", wave: dates")
    notes = study.documents[study.documents["kind"] == "observation"].set_index("doc_id")
    assert list(notes.index) == ["visits_W1", "visits_W2"]
    assert list(notes["wave_id"]) == ["W1", "W2"] and notes["case_id"].isna().all()
    # The July entry falls between the waves' fieldwork: read at the wave in progress, W1, and named in a warning.
    texts = study.segment_texts()
    words = {doc: " ".join(texts[seg] for seg in study.segments.loc[study.segments["doc_id"] == doc, "seg_id"]) for doc in notes.index}
    assert "compost session" in words["visits_W1"] and "voted on next year's beds" in words["visits_W2"]
    assert sum(len(str(text).split()) for text in notes["text"]) == len(SITE_NOTES.split())
    stray = [str(w.message) for w in warned if "in no wave's dates" in str(w.message)]
    assert len(stray) == 1 and "visits.md (2024-07-02 read at W1)" in stray[0]
    assert "2024-04-09" not in stray[0] and "2024-10-14" not in stray[0]
    # Every by-wave view sees them: a selection by wave, and no case is made of them.
    assert "visits_W2" in set(study.sel(wave="W2").documents["doc_id"])
    assert "visits_W1" not in set(study.sel(wave="W2").documents["doc_id"])
    assert set(study.cases["case_id"]) == {"Kit", "Lou"}
    assert any("read as one document per wave" in note for note in study.meta["inferred"])


def test_the_studys_notes_inside_the_waves_dates_are_not_warned(tmp_path):
    inside = SITE_NOTES.replace("## 2 July 2024\nDropped in on a work day. Two volunteers led the compost session between rounds of fieldwork.\n\n", "")
    study, warned = _site_study(tmp_path, ", wave: dates", inside)
    assert list(study.documents.loc[study.documents["kind"] == "observation", "wave_id"]) == ["W1", "W2"]
    assert not any("in no wave's dates" in str(w.message) for w in warned)


def test_the_studys_notes_with_no_wave_stay_at_no_wave(tmp_path):
    """Only 'wave: dates' reads the study's own notes by their dates: without it they are the study's, at no wave."""
    study, warned = _site_study(tmp_path, "")
    notes = study.documents[study.documents["kind"] == "observation"]
    assert list(notes["doc_id"]) == ["visits"] and notes["wave_id"].isna().all()
    assert not any("wave in progress" in str(w.message) for w in warned)


def test_the_template_restates_a_file_read_by_dates_as_one_entry(tmp_path):
    """Each part had been written as an entry of the whole file at one wave: loading the template read it twice."""
    study, _ = _site_study(tmp_path, ", wave: dates")
    template = qlr.io.manifest_template(study)
    assert template.count("path: notes/visits.md") == 1 and "  id: visits\n  wave: dates\n" in template
    (tmp_path / "study.yaml").write_text(template, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = qlr.load(tmp_path, progress=False)
    columns = ["doc_id", "case_id", "wave_id", "text"]
    notes = [s.documents.loc[s.documents["kind"] == "observation", columns].reset_index(drop=True) for s in (study, again)]
    assert notes[0].equals(notes[1])
    # A case's diary the same way, its case kept.
    (tmp_path / "diary").mkdir()
    diary, _ = _study(tmp_path / "diary", "")
    assert "  id: Ama_diary\n  case: Ama\n  wave: dates\n  kind: diary\n" in qlr.io.manifest_template(diary)


def test_the_studys_notes_with_wave_dates_and_undated_waves_are_said(tmp_path):
    """Read whole, at no wave, as a case's diary is: said, where it had been silent."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "visits.md").write_text(SITE_NOTES, encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        "waves: [{id: W1}, {id: W2}]\ndocuments:\n  - {path: notes/visits.md, kind: observation, wave: dates}\n", encoding="utf-8"
    )
    with pytest.warns(InferenceWarning, match=r"say 'wave: dates' but are read whole, at no wave: visits.md: waves W1, W2 have no dates"):
        study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["doc_id"]) == ["visits"] and study.documents["wave_id"].isna().all()
