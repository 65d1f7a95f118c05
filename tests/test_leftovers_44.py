"""Reading leftovers of stop 44: a lone caption's name, numbered and un-numbered interviews, a caption repeating the
interview, a role's notes, minutes named by a date, a reflective report, numbered role words."""

from __future__ import annotations

import warnings

import pytest
import yaml

import qlr
from qlr.errors import ManifestNotFoundError
from qlr.io._load import _describes_a_diary, _names_a_group_member

from .conftest import write

_TALK = "Interviewer: How is the tool library doing?\n\n{who}: We lent out {n} drills this month and mended the van.\n"


def _template(root) -> tuple[str, dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = qlr.io.template_for(root)
    return text, yaml.safe_load(text)


def _placed(data: dict) -> dict[str, tuple]:
    return {doc["path"]: (doc.get("case"), doc.get("wave"), doc.get("kind")) for doc in data["documents"]}


# ------------------------------------------------------------ 1. one caption named by the convention


def test_a_lone_caption_named_by_the_convention_does_not_make_the_folder_so_named(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "garden"
    write(root / "interview with ana march.txt", _TALK.format(who="Ana", n=4))
    write(root / "interview with bea march.txt", _TALK.format(who="Bea", n=9))
    write(root / "Ana_W1_photo1.txt", "The shed where the drills live, after we fixed the roof.\n")
    # Before: qlr.load read the caption alone (1 document) and warned of the two interviews; exit status 3.
    with pytest.raises(ManifestNotFoundError, match=r"only 1 photo caption\(s\) is named .*the other 2"):
        qlr.load(root, progress=False)
    assert main(["info", str(root)]) == 0
    out = capsys.readouterr().out
    assert "3 document entries; by kind: interview 2, document 1" in out  # the template's guess, every file
    # The caption is Ana's at W1, as its name says (the template had made a case "Ana_W1").
    assert _placed(_template(root)[1])["Ana_W1_photo1.txt"] == ("Ana", "W1", "document")
    # A folder of captions alone, and captions beside interviews named by the convention, are read as before.
    alone = tmp_path / "captions"
    write(alone / "Ana_W1_photo1.txt", "The shed.\n")
    write(alone / "Bea_W1_photo2.txt", "The van.\n")
    assert len(qlr.load(alone, progress=False).documents) == 2
    named = tmp_path / "named"
    write(named / "Ana_W1_interview.txt", _TALK.format(who="Ana", n=4))
    write(named / "Ana_W1_photo1.txt", "The shed.\n")
    assert len(qlr.load(named, progress=False).documents) == 2


# ------------------------------------------------------------ 2. numbered interviews beside an un-numbered one


def test_numbered_interviews_beside_an_unnumbered_one_are_a_persons_waves(tmp_path):
    root = tmp_path / "library"
    for name, who in (("Ana 1", "Ana"), ("Ana 2", "Ana"), ("Bea", "Bea")):
        write(root / f"{name}.txt", _TALK.format(who=who, n=3))
    text, data = _template(root)
    # Before: cases Ana_1, Ana_2 and Bea, all at W1, and a check line on Ana_1, Ana_2.
    assert _placed(data) == {"Ana 1.txt": ("Ana", "W1", "interview"), "Ana 2.txt": ("Ana", "W2", "interview"), "Bea.txt": ("Bea", "W1", "interview")}
    check = next(line for line in text.splitlines() if line.startswith("# Check:") and "closing the names" in line)
    assert "'Ana'" in check and "'Bea'" not in check
    # A name written with and without a number says not which is the first: left as it was.
    other = tmp_path / "other"
    for name, who in (("Ana", "Ana"), ("Ana 2", "Ana"), ("Bea 1", "Bea")):
        write(other / f"{name}.txt", _TALK.format(who=who, n=3))
    assert sorted(case["id"] for case in _template(other)[1]["cases"]) == ["Ana", "Ana_2", "Bea_1"]


# ------------------------------------------------------------ 3. a caption repeating the interview's words


_VAN_BOOK = (
    'name: Van\nid: van\nversion: "1"\nthemes: [t]\n'
    "ladder:\n  levels: [{value: 0, name: None}, {value: 1, name: Some}]\n  placement: {min_segments: 2, min_evidence: 0.1}\n"
    "codes:\n  - id: t.van\n    parent: t\n    indicators: [van route]\n    evidence: {level: 1}\n"
)
_SAID = "We decide the van route ourselves now, the residents vote on it every Monday."


def _van_ladder(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False).apply(qlr.Codebook.from_yaml(_VAN_BOOK), progress=False, cache=False)
    return qlr.track.ladder(study)


def test_a_caption_repeating_the_interview_word_for_word_is_not_a_second_passage(tmp_path):
    root = tmp_path / "van"
    write(root / "Ana_W1_interview.txt", f"Interviewer: Who decides?\n\nAna: {_SAID}\n\nInterviewer: Anything else?\n\nAna: The rain.\n")
    write(root / "Ana_W1_photo1.txt", f"{_SAID.upper()}\n")
    placed = _van_ladder(root)
    row = placed.table.iloc[0]
    # Before: placed at "Some" on one sentence said twice (2 passages).
    assert (row["status"], row["n_evidence"], row["missing"]) == ("insufficient evidence", 1, "passages: 1 of 2")
    assert placed.evidence["mentions"].tolist() == [2]  # both codings still weigh, cited once
    # The caption's own words are a passage of the case-wave: with new words, two passages, placed.
    write(root / "Ana_W1_photo1.txt", "Our van route map, which the residents drew themselves.\n")
    row = _van_ladder(root).table.iloc[0]
    assert (row["status"], row["n_evidence"]) == ("placed", 2)


def test_a_sentence_said_twice_in_one_interview_or_by_two_people_stays_two_passages(tmp_path):
    root = tmp_path / "twice"
    write(root / "Ana_W1_interview.txt", f"Interviewer: Who decides?\n\nAna: {_SAID}\n\nInterviewer: Still?\n\nAna: {_SAID}\n")
    assert _van_ladder(root).table.iloc[0]["n_evidence"] == 2
    two = tmp_path / "two"
    write(two / "Ana_W1_interview.txt", f"Interviewer: Who decides?\n\nAna: {_SAID}\n")
    write(two / "Bea_W1_interview.txt", f"Interviewer: Who decides?\n\nBea: {_SAID}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(two, progress=False).apply(qlr.Codebook.from_yaml(_VAN_BOOK), progress=False, cache=False)
    # Two people agreeing word for word are two passages of the wave.
    assert qlr.track.ladder(study, by="wave").table.iloc[0]["n_evidence"] == 2


def _manifest_ladder(root, documents: list[tuple[str, str, str, str]], *, by=None):
    """The van ladder of a study listing ``(file, text, wave, kind)`` for Ana, in that order."""
    waves = sorted({wave for _, _, wave, _ in documents})
    listed = [{"path": f, "id": f.split(".")[0], "case": "Ana", "wave": wave, "kind": kind} for f, _, wave, kind in documents]
    write(root / "study.yaml", yaml.safe_dump({"name": "van", "waves": [{"id": w} for w in waves], "cases": [{"id": "Ana"}], "documents": listed}))
    for f, text, _, _ in documents:
        write(root / f, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False).apply(qlr.Codebook.from_yaml(_VAN_BOOK), progress=False, cache=False)
    placed = qlr.track.ladder(study) if by is None else qlr.track.ladder(study, by=by)
    return {row["wave_id"] if "wave_id" in row else "all": (row["status"], row["n_evidence"]) for _, row in placed.table.iterrows()}


_TWICE = f"Interviewer: Who decides?\n\nAna: {_SAID}\n\nInterviewer: And in the winter?\n\nAna: {_SAID}\n"


def test_a_wave_s_passages_do_not_depend_on_what_was_said_at_another_wave(tmp_path):
    once = f"Interviewer: Who decides?\n\nAna: {_SAID}\n"
    files = [("w1.txt", once, "W1", "interview"), ("w2.txt", _TWICE, "W2", "interview")]
    # Before: W2's two sayings were both "repeats" of W1's, one passage: insufficient evidence, though W2 alone placed.
    assert _manifest_ladder(tmp_path / "waves", files)["W2"] == ("placed", 2)
    # Read across the waves (by case), each wave's saying is its own: 3 passages (before: 1).
    assert _manifest_ladder(tmp_path / "by_case", files, by="case")["all"] == ("placed", 3)


def test_a_caption_listed_first_does_not_merge_the_interview_s_own_repeats(tmp_path):
    files = [("caption.txt", f"{_SAID}\n", "W1", "document"), ("interview.txt", _TWICE, "W1", "interview")]
    # Before: both of the interview's sayings mapped to the caption's (said first in study order): 1 passage.
    assert _manifest_ladder(tmp_path / "first", files)["W1"] == ("placed", 2)


_ENTRY = "We voted on the van route again at the residents meeting, same as every week."


def test_two_diary_entries_in_the_same_words_are_two_passages(tmp_path):
    days = [("day1.txt", f"{_ENTRY}\n", "W1", "diary"), ("day2.txt", f"{_ENTRY}\n", "W1", "diary")]
    # Before: the second day's entry was a "repeat" of the first's, one passage: insufficient evidence.
    assert _manifest_ladder(tmp_path / "days", days)["W1"] == ("placed", 2)
    # So for a message thread's or field notes' entries (kinds read entry by entry).
    assert _manifest_ladder(tmp_path / "texts", [(f, t, w, "whatsapp") for f, t, w, _ in days])["W1"] == ("placed", 2)
    # A caption copying one of the entries adds no passage: still two, not three ...
    caption = ("photo.txt", f"{_ENTRY.upper()}\n", "W1", "document")
    assert _manifest_ladder(tmp_path / "with_caption", [*days, caption])["W1"] == ("placed", 2)
    # ... and beside a single entry it is no second passage.
    assert _manifest_ladder(tmp_path / "one_day", [days[0], caption])["W1"] == ("insufficient evidence", 1)


# ------------------------------------------------------------ 4. a role's notes


@pytest.mark.parametrize("heading", ["Community researcher Notes:", "Researcher Notes:", "Peer Researcher notes:", "**Interviewer's notes:**"])
def test_a_roles_notes_are_a_heading_not_a_speaker(tmp_path, heading):
    root = tmp_path / "cafe"
    write(
        root / "Kofi_W1_interview.txt",
        "Interviewer: How did the first month go?\nKofi: Better than I feared, people brought lamps.\n\n"
        f"{heading} Kofi seemed tired but keen; we stopped early.\n\n"
        "Interviewer: And the second month?\nKofi: Quieter, the hall was cold.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    said = list(zip(study.segments["speaker"].astype(object).fillna(""), study.segment_texts()))
    # Before: "Researcher Notes" a participant (where it came twice), or its words Kofi's.
    assert [who for who, _ in said] == ["Interviewer", "Kofi", "", "Interviewer", "Kofi"]
    assert "tired but keen" in said[2][1] and "tired" not in said[1][1]


def test_a_role_labelled_speaker_still_speaks(tmp_path):
    root = tmp_path / "peer"
    write(root / "Kofi_W1_interview.txt", "Peer researcher: What did you notice?\nKofi: The notes on the board.\nPeer researcher: Which?\nKofi: The rota.\n")
    study = qlr.load(root, progress=False)
    assert study.segments["speaker"].tolist() == ["Peer researcher", "Kofi"] * 2


# ------------------------------------------------------------ 5. minutes named by a date


_MINUTES = "Minutes of the steering group\n\nPresent: Lena, Omar, Priya (chair)\n\n1. The lease was renewed.\nAction: Lena to draft the rota.\n"


def test_minutes_named_only_by_a_date_are_the_studys_records(tmp_path):
    root = tmp_path / "steering"
    write(root / "2026-03-14.txt", _MINUTES)
    text, data = _template(root)
    # Before: a placeholder participant C01 at W1, kind interview.
    assert data["cases"] == []
    assert data["documents"] == [{"path": "2026-03-14.txt", "kind": "document", "wave": "W1", "date": "2026-03-14"}]
    # A series of them stays one case (the folder's), as a meeting series is; now of kind document, not interview.
    write(root / "2026-04-11.txt", _MINUTES)
    _, data = _template(root)
    assert {(doc["case"], doc["kind"]) for doc in data["documents"]} == {("steering", "document")}
    # Beside dated interviews, minutes named by their date and kind are the study's too, each at its date's wave.
    mixed = tmp_path / "mixed"
    for who, days in (("Ana", ("2025-03-10", "2025-09-15")), ("Bea", ("2025-03-11", "2025-09-16"))):
        for day in days:
            write(mixed / "interviews" / f"{who} {day}.txt", _TALK.format(who=who, n=1))
    write(mixed / "minutes" / "2025-03-12 minutes.txt", _MINUTES)
    write(mixed / "minutes" / "2025-10-08 minutes.txt", _MINUTES)
    _, data = _template(mixed)
    # Before: placeholder participants C01 (W1) and C02 (W2).
    assert sorted(case["id"] for case in data["cases"]) == ["Ana", "Bea"]
    placed = {doc["path"]: (doc.get("case"), doc.get("wave"), doc.get("date")) for doc in data["documents"]}
    assert placed["minutes/2025-03-12 minutes.txt"] == (None, "W1", "2025-03-12")
    assert placed["minutes/2025-10-08 minutes.txt"] == (None, "W2", "2025-10-08")
    # A transcript named by its date is still someone's interview.
    talk = tmp_path / "talk"
    write(talk / "2026-03-14.txt", _TALK.format(who="Ana", n=2))
    assert _template(talk)[1]["documents"][0]["kind"] == "interview"


# ------------------------------------------------------------ 6. a reflective report


def test_a_reflective_report_named_for_a_person_is_theirs(tmp_path):
    root = tmp_path / "reports"
    write(root / "Rose Smith reflective report.txt", "Looking back, I learned to say no to extra shifts.\n")
    write(root / "Annual research report.txt", "The library lent 400 tools this year.\n")
    write(root / "Kofi Mensah reflective diary.txt", "Second term. I keep a list of who borrows what.\n")
    _, data = _template(root)
    placed = _placed(data)
    # Before: the study's material, at no case.
    assert placed["Rose Smith reflective report.txt"] == ("Rose_Smith", "W1", "document")
    assert placed["Kofi Mensah reflective diary.txt"] == ("Kofi_Mensah", "W1", "diary")
    assert placed["Annual research report.txt"][0] is None  # a report describing no one's reflection stays the study's
    assert _describes_a_diary(["Rose", "Smith", "reflective", "report"], 2)
    assert not _describes_a_diary(["annual", "research", "report"], 1)


# ------------------------------------------------------------ 7. numbered role words


def test_numbered_role_words_are_different_people(tmp_path):
    root = tmp_path / "pantry"
    for name, who in (("Volunteer-lead 1", "Respondent"), ("Volunteer-lead 2", "Respondent"), ("Ana 1", "Ana"), ("Ana 2", "Ana")):
        write(root / f"{name}.txt", _TALK.format(who=who, n=5))
    text, data = _template(root)
    placed = _placed(data)
    # Before: one case "Volunteer_lead" at W1 and W2, with a check line.
    assert placed["Volunteer-lead 1.txt"][0] == "Volunteer_lead_1" and placed["Volunteer-lead 2.txt"][0] == "Volunteer_lead_2"
    assert placed["Ana 1.txt"][:2] == ("Ana", "W1") and placed["Ana 2.txt"][:2] == ("Ana", "W2")
    assert "Volunteer lead" not in "\n".join(line for line in text.splitlines() if line.startswith("# Check:"))
    assert [_names_a_group_member(n) for n in ["Volunteer lead", "Teacher Ana", "Ana"]] == [True, False, False]
