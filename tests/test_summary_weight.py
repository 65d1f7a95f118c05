"""The team's summary of an interview does not count the interview a second time (stop 54, issue 15).

One interview whose single answer codes level 3 (Collaboration: ``power.shared_decisions``) and a summary restating it
in other words: counted as the participant's turn, the summary made the one statement two passages of weight 1, so
``coproduction``'s ``min_segments: 2`` and ``min_evidence: 2`` were met by a single sentence. A summary's coding is now
shown in every trail, marked, and weighs ``summary_weight`` (0 by default): neither weight nor a passage. Field notes
are the researcher's record of what happened and still count. Every answer below is worked by hand from the
codebook's settings (weighted median, ``min_evidence`` 2, ``min_segments`` 2) and the confidence
``w[level] / W × n / (n + 1)``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import CodebookError, InvalidParameterError

from .conftest import write

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = (
    "name: Summaries\nwaves:\n  - {id: W1, start: 2024-03-01}\ncases:\n  - {id: C1, label: Ann, role: carer}\n"
    "speakers:\n  Rachel: interviewer\ndocuments:\n  - path: '*.txt'\n"
)
INTERVIEW = "Rachel: Who runs the group now?\nAnn: The members run the meetings themselves now. We decide together what the group does.\n"
# The team's summary, restating Ann's answer in the researcher's words (not word for word, so no merged repeat).
SUMMARY = "Ann says the members run the meetings themselves now. They decide together what the group does.\n"
FIELD_NOTE = "5 March 2024\n\nThe members ran the meeting themselves. They decided together what the group does.\n"


def _study(folder: Path, files: dict[str, str], manifest: str = MANIFEST):
    write(folder / "study.yaml", manifest)
    for name, text in files.items():
        write(folder / name, text)
    return qlr.load(folder, progress=False).apply("coproduction", progress=False)


def _row(placements):
    assert len(placements.table) == 1
    return placements.table.iloc[0]


def test_an_interview_and_its_summary_are_one_passage_not_two(tmp_path):
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_summary.txt": SUMMARY})
    assert qlr.evidence.summary_paragraphs(study).tolist() == [False, False, True]  # question, answer, the summary
    placements = qlr.track.ladder(study, facet="delivery")
    row = _row(placements)
    # One passage of weight 1 at level 3: short of both two passages and weight 2; the level it points to is kept.
    assert row["status"] == "insufficient evidence" and pd.isna(row["level"])
    assert row["candidate_level"] == 3 and row["n_evidence"] == 1 and row["weight"] == 1.0
    assert row["missing"] == "passages: 1 of 2 (not counting 1 in the researcher's summary: summary_weight is 0)"
    # The summary's coding is in the trail, after the counted passage, marked and weighing nothing.
    evidence = placements.evidence
    assert evidence[["doc_id", "code_id", "level", "weight", "researchers_account", "researchers_summary", "counted"]].values.tolist() == [
        ["C1_W1_interview", "power.shared_decisions", 3, 1.0, False, False, True],
        ["C1_W1_summary", "power.shared_decisions", 3, 0.0, True, True, False],
    ]
    assert evidence["quote"].tolist() == ["We decide together what the group does.", "They decide together what the group does."]


def test_summary_weight_1_places_as_before(tmp_path):
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_summary.txt": SUMMARY})
    row = _row(qlr.track.ladder(study, facet="delivery", summary_weight=1))
    # Two passages of weight 1 at level 3: W = 2, all at 3, so confidence 1 × 2/3.
    assert (row["status"], row["level"], row["n_evidence"], row["weight"]) == ("placed", 3, 2, 2.0)
    assert row["confidence"] == pytest.approx(2 / 3) and row["missing"] is None
    # Half weight: two passages, but 1.5 < min_evidence 2.
    half = _row(qlr.track.ladder(study, facet="delivery", summary_weight=0.5))
    assert (half["status"], half["n_evidence"], half["weight"], half["candidate_level"]) == ("insufficient evidence", 2, 1.5, 3)
    assert half["missing"] == "evidence weight: 1.5, needs 2 at one level, not outweighed"
    # The codebook's placement says it for every call (and so for the report, which places with the codebook).
    text = (ROOT / "codebooks" / "coproduction.yaml").read_text(encoding="utf-8")
    assert text.count("placement: {rule: weighted_median, min_evidence: 2}") == 1
    book = qlr.Codebook.from_yaml(text.replace("min_evidence: 2}", "min_evidence: 2, summary_weight: 1}"))
    assert book.ladder.placement["summary_weight"] == 1
    from_book = _row(qlr.track.ladder(study, facet="delivery", codebook=book))
    assert (from_book["status"], from_book["level"], from_book["n_evidence"]) == ("placed", 3, 2)
    # A call's own value wins over the codebook's.
    assert _row(qlr.track.ladder(study, facet="delivery", codebook=book, summary_weight=0))["status"] == "insufficient evidence"


def test_field_notes_still_count_with_the_interview(tmp_path):
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_fieldnotes.txt": FIELD_NOTE})
    assert not qlr.evidence.summary_paragraphs(study).any() and qlr.evidence.researchers_accounts(study).sum() == 1
    placements = qlr.track.ladder(study, facet="delivery")
    row = _row(placements)
    assert (row["status"], row["level"], row["n_evidence"], row["weight"]) == ("placed", 3, 2, 2.0)
    assert placements.evidence["researchers_summary"].tolist() == [False, False]
    assert placements.evidence["counted"].tolist() == [True, True]


def test_a_summary_alone_places_no_one_and_says_why(tmp_path):
    study = _study(tmp_path, {"C1_W1_interview.txt": "Rachel: How are things?\nAnn: Fine, thanks.\n", "C1_W1_summary.txt": SUMMARY})
    placements = qlr.track.ladder(study, facet="delivery", min_segments=1)
    row = _row(placements)
    assert row["status"] == "insufficient evidence" and pd.isna(row["candidate_level"]) and row["n_evidence"] == 0
    assert row["missing"] == "passages: 0 of 1 (not counting 1 in the researcher's summary: summary_weight is 0)"
    # Its trail still cites the summary; a meta-matrix's cell quotes no passage that counted for nothing.
    assert placements.evidence["counted"].tolist() == [False]
    meta = qlr.track.case_ordered_meta_matrix(placements, facet="delivery").table
    assert meta["quote"].tolist() == [""] and meta["seg_id"].isna().all()
    counted = _row(qlr.track.ladder(study, facet="delivery", min_segments=1, min_evidence=1, summary_weight=1))
    assert (counted["status"], counted["level"], counted["n_evidence"]) == ("placed", 3, 1)


def test_a_summary_repeating_the_answer_word_for_word_adds_nothing(tmp_path):
    # Word for word, the two are one passage already (qlr.track.ladder's repeats); the summary's coding weighs 0 in it.
    answer = "The members run the meetings themselves now. We decide together what the group does."
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_summary.txt": answer + "\n"})
    placements = qlr.track.ladder(study, facet="delivery", min_segments=1, min_evidence=1)
    row = _row(placements)
    assert (row["status"], row["n_evidence"], row["weight"]) == ("placed", 1, 1.0)
    assert placements.evidence[["doc_id", "mentions", "passage_weight", "counted"]].values.tolist() == [["C1_W1_interview", 2, 1.0, True]]
    assert _row(qlr.track.ladder(study, facet="delivery", min_segments=1, min_evidence=1, summary_weight=1))["weight"] == 2.0


def test_a_summary_given_segment_paragraphs_is_the_persons_words_and_counts(tmp_path):
    # study.yaml says the file holds Ann's own words: no researcher's account, no summary, counted as hers.
    manifest = MANIFEST.replace("  - path: '*.txt'\n", "  - path: C1_W1_interview.txt\n  - {path: C1_W1_summary.txt, case: C1, wave: W1, kind: summary, segment: paragraphs}\n")
    own = "We all decide together what we do at the group now."
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_summary.txt": own + "\n"}, manifest)
    assert not qlr.evidence.researchers_accounts(study).any() and not qlr.evidence.summary_paragraphs(study).any()
    placements = qlr.track.ladder(study, facet="delivery")
    summary_rows = placements.evidence[placements.evidence["doc_id"] == "C1_W1_summary"]
    assert len(summary_rows) == 1 and summary_rows["counted"].all() and not summary_rows["researchers_summary"].any()
    assert summary_rows["weight"].tolist() == [1.0]
    row = _row(placements)
    assert (row["status"], row["n_evidence"], row["weight"]) == ("placed", 2, 2.0)


def test_a_summary_named_as_a_document_or_by_its_kind_is_one(tmp_path):
    # The loader's own rule (qlr.io._build.researchers_summary): a `document` whose name says summary, or the kind.
    manifest = MANIFEST.replace(
        "  - path: '*.txt'\n",
        "  - path: C1_W1_interview.txt\n  - {path: Ann-summary.txt, case: C1, wave: W1, kind: document}\n"
        "  - {path: C1_W1_visit.txt, case: C1, wave: W1, kind: observation}\n",
    )
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "Ann-summary.txt": SUMMARY, "C1_W1_visit.txt": FIELD_NOTE}, manifest)
    segments = study.segments.assign(summary=qlr.evidence.summary_paragraphs(study), account=qlr.evidence.researchers_accounts(study))
    assert segments.groupby("doc_id")[["account", "summary"]].any().to_dict("index") == {
        "Ann-summary": {"account": True, "summary": True},
        "C1_W1_interview": {"account": False, "summary": False},
        "C1_W1_visit": {"account": True, "summary": False},
    }
    row = _row(qlr.track.ladder(study, facet="delivery"))
    assert (row["status"], row["n_evidence"], row["weight"]) == ("placed", 2, 2.0)  # the interview and the visit's note


@pytest.mark.parametrize("value", [-1, 2, "x", float("nan"), True])
def test_a_wrong_summary_weight_is_one_clear_error(tmp_path, value):
    study = _study(tmp_path, {"C1_W1_interview.txt": INTERVIEW, "C1_W1_summary.txt": SUMMARY})
    with pytest.raises(InvalidParameterError, match=r"summary_weight=.* is not a number of at least 0 and at most 1"):
        qlr.track.ladder(study, facet="delivery", summary_weight=value)


@pytest.mark.parametrize("written", ["2", "-1", "x", "yes"])
def test_a_wrong_summary_weight_in_a_codebook_names_its_line(written):
    text = (ROOT / "codebooks" / "coproduction.yaml").read_text(encoding="utf-8")
    line = text[: text.index("placement: {rule: weighted_median")].count("\n") + 1
    with pytest.raises(CodebookError, match="placement summary_weight must be a number from 0 to 1") as caught:
        qlr.Codebook.from_yaml(text.replace("min_evidence: 2}", f"min_evidence: 2, summary_weight: {written}}}"))
    assert caught.value.line == line


def test_the_report_shows_the_summary_marked_and_not_counted(tmp_path):
    study = _study(tmp_path / "study", {"C1_W1_interview.txt": INTERVIEW, "C1_W1_fieldnotes.txt": FIELD_NOTE, "C1_W1_summary.txt": SUMMARY})
    page = qlr.report.write_report(study, tmp_path / "report", codebook="coproduction", progress=False).read_text(encoding="utf-8")
    case_page = (tmp_path / "report" / "cases" / "c1.html").read_text(encoding="utf-8")
    for html in (page, case_page):
        # Every facet's trail cites the summary's passage (shared_decisions serves every facet), marked; the note counts it once.
        assert html.count("C1_W1_summary:0000 · researcher's summary, not counted") == html.count("C1_W1_summary:0000") >= 1
        assert html.count("C1_W1_fieldnotes:0000 · researcher's account ·") == html.count("C1_W1_fieldnotes:0000") >= 1
        # Each placement's line counts its two passages, the interview's and the field note's, and names the summary's.
        assert html.count("2 evidence segments (and 1 of the researcher&#x27;s summary, not counted)") == html.count("C1_W1_summary:0000")
    assert "1 passage of the team's summaries of interviews is shown in the evidence but not counted" in page

