"""Leftovers of stop 50 closed at stop 51: the team's summaries, QDA Miner's document variables, Dedoose's memos, dates."""

from __future__ import annotations

from .conftest import write

INTERVIEW_P03 = "Interviewer: How are decisions made in the group now?\nP03: We talk it over. I mostly listen.\n"
INTERVIEW_P04 = "Interviewer: How are decisions made?\nP04: We decide together now. We plan the sessions with the staff.\n"
# The team's summary beside P03's interview: their account of her, not her words.
SUMMARY = "Summary of interview with P03: she says the group decides together now.\n\nThe residents plan the sessions with the staff.\n"


def _summary_study(tmp_path, summary_entry: str):
    import qlr

    write(tmp_path / "P03_interview.txt", INTERVIEW_P03)
    write(tmp_path / "P04_interview.txt", INTERVIEW_P04)
    write(tmp_path / "P03_summary.md", SUMMARY)
    write(
        tmp_path / "study.yaml",
        "name: Summaries\nwaves:\n  - {id: W1}\ncases:\n  - {id: P03}\n  - {id: P04}\ndocuments:\n"
        "  - {path: P03_interview.txt, case: P03, wave: W1, kind: interview}\n"
        f"  - {summary_entry}\n"
        "  - {path: P04_interview.txt, case: P04, wave: W1, kind: interview}\n",
    )
    return qlr.load(tmp_path, progress=False)


def _statuses(study, doc_id):
    text = dict(zip(study.documents["doc_id"], study.documents["text"]))[doc_id]
    rows = study.codings[study.codings["doc_id"] == doc_id]
    return sorted((text[start:end], code, status) for start, end, code, status in rows[["start", "end", "code_id", "assertion"]].itertuples(index=False))


def test_a_teams_summary_is_the_researchers_account_as_field_notes_are(tmp_path):
    import qlr
    from qlr.report._html import _evidence

    study = _summary_study(tmp_path, "{path: P03_summary.md, case: P03, wave: W1, kind: document}")
    roles = study.segments.set_index("seg_id")["speaker_role"]
    # Each paragraph is the researcher's (an observer's, no one named), as undated field notes' paragraphs are.
    assert roles["P03_summary:0000"] == roles["P03_summary:0001"] == "observer"
    assert roles["P03_interview:0001"] == "participant"
    study.apply("coproduction", progress=False)
    # Judged as a field note is: the person described is the case, so "she says" is no one else's experience.
    # (Read as the person's own words, the first was "other": she would be someone else.)
    assert _statuses(study, "P03_summary") == [
        ("Summary of interview with P03: she says the group decides together now.", "power.shared_decisions", "affirmed"),
        ("The residents plan the sessions with the staff.", "power.co_designing", "affirmed"),
    ]
    # The same sentence in a field note about P03 gets the same status: one rule for both.
    notes = tmp_path / "notes"
    write(notes / "P03_notes.md", SUMMARY)
    write(notes / "study.yaml", "name: Notes\nwaves:\n  - {id: W1}\ncases:\n  - {id: P03}\ndocuments:\n"
          "  - {path: P03_notes.md, case: P03, wave: W1, kind: observation}\n")  # fmt: skip
    noted = qlr.load(notes, progress=False)
    noted.apply("coproduction", progress=False)
    assert [row[1:] for row in _statuses(noted, "P03_notes")] == [row[1:] for row in _statuses(study, "P03_summary")]
    # The trail says whose account each passage is: the summary's two, never P04's own words.
    placements = qlr.track.ladder(study, min_segments=1)
    evidence = placements.evidence
    accounts = sorted(set(zip(evidence["seg_id"], evidence["researchers_account"].map(bool))))
    assert accounts == [("P03_summary:0000", True), ("P03_summary:0001", True), ("P04_interview:0001", False)]
    html = _evidence(placements, placements.table[placements.table["case_id"] == "P03"])
    assert html.count("· researcher's account") == len(evidence[evidence["case_id"] == "P03"]) == 3
    assert "researcher's account" not in _evidence(placements, placements.table[placements.table["case_id"] == "P04"])


def test_a_summary_named_by_its_kind_is_read_so_and_the_researchers_choice_is_kept(tmp_path):
    import qlr

    # Files named {case}_{wave}_{kind} with no manifest: the kind "summary" is the team's summary.
    named = tmp_path / "named"
    write(named / "P03_W1_interview.txt", INTERVIEW_P03)
    write(named / "P03_W1_summary.md", SUMMARY)
    write(named / "P04_W1_interview.txt", INTERVIEW_P04)
    study = qlr.load(named, progress=False)
    assert study.documents.set_index("doc_id").loc["P03_W1_summary", "kind"] == "summary"
    assert set(study.segments.loc[study.segments["doc_id"] == "P03_W1_summary", "speaker_role"]) == {"observer"}
    # study.yaml's `segment: paragraphs` says the summary holds the person's own words: read as before, hers.
    kept = _summary_study(tmp_path / "kept", "{path: P03_summary.md, case: P03, wave: W1, kind: document, segment: paragraphs}")
    assert kept.segments.loc[kept.segments["doc_id"] == "P03_summary", "speaker_role"].isna().all()
    kept.apply("coproduction", progress=False)
    assert [status for *_, status in _statuses(kept, "P03_summary")] == ["other", "affirmed"]
    # `observer:` names who wrote it (a participant's own account where speakers: says so).
    own = _summary_study(
        tmp_path / "own", "{path: P03_summary.md, case: P03, wave: W1, kind: document, observer: P03, speakers: {P03: participant}}"
    )
    assert set(own.segments.loc[own.segments["doc_id"] == "P03_summary", "speaker_role"]) == {"participant"}
    # Another kind of document of the case (a report) is not a summary: read as before.
    report = tmp_path / "report"
    write(report / "P03_W1_interview.txt", INTERVIEW_P03)
    write(report / "P03_W1_report.md", SUMMARY)
    write(report / "P04_W1_interview.txt", INTERVIEW_P04)
    assert qlr.load(report, progress=False).segments.query("doc_id == 'P03_W1_report'")["speaker_role"].isna().all()

