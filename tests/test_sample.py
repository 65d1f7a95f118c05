"""The sample study: shape, attrition, formats, realistic transcripts, and its README."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from .conftest import SAMPLE

CARERS = [f"C{n:02d}" for n in range(1, 12)]


def test_size_and_formats(sample_study):
    docs = sample_study.documents
    assert docs["n_words"].sum() >= 40_000
    formats = docs["format"].value_counts()
    assert formats["docx"] >= 3 and formats["vtt"] >= 2 and formats["srt"] >= 1
    assert formats["txt"] > formats.drop("txt").sum()
    assert set(docs["kind"]) == {"interview", "observation", "document"}
    assert sorted(docs.loc[docs["kind"] == "document", "stage"]) == ["design", "implementation"]


def test_interviews_are_600_to_1800_words(sample_study):
    interviews = sample_study.documents[sample_study.documents["kind"] == "interview"]
    assert interviews["n_words"].between(600, 1800).all(), interviews.loc[~interviews["n_words"].between(600, 1800), ["doc_id", "n_words"]]


def test_roles_and_waves_as_designed(sample_study):
    cases = sample_study.cases.set_index("case_id")
    counts = cases["role"].value_counts().to_dict()
    assert counts == {"carer": 11, "employer": 5, "key_personnel": 4, "partner": 4, "stakeholder": 3}
    interviews = sample_study.documents[sample_study.documents["kind"] == "interview"].merge(
        sample_study.cases[["case_id", "role"]], on="case_id"
    )
    per_wave = interviews.groupby(["role", "wave_id"]).size().unstack(fill_value=0)
    assert per_wave.loc["carer"].tolist() == [10, 10, 10]
    assert per_wave.loc["key_personnel"].tolist() == [4, 4, 4]
    assert per_wave.loc["employer"].tolist() == [5, 0, 5]
    assert per_wave.loc["partner"].tolist() == [4, 0, 4]
    assert per_wave.loc["stakeholder"].tolist() == [0, 3, 0]
    notes = sample_study.documents[sample_study.documents["kind"] == "observation"]
    assert sorted(notes["wave_id"]) == ["W1", "W2", "W3"]


def test_attrition_pattern(sample_study):
    attrition = sample_study.attrition()
    carers = attrition.loc[CARERS, "pattern"].to_dict()
    assert carers.pop("C06") == "dropped out"
    assert carers.pop("C11") == "joined late"
    assert carers.pop("C08") == "intermittent"
    assert set(carers.values()) == {"complete"}
    assert attrition.loc["E01", ["W1", "W2", "W3"]].tolist() == ["present", "not scheduled", "present"]
    assert attrition.loc["S01", ["W1", "W2", "W3"]].tolist() == ["not scheduled", "present", "not scheduled"]
    assert (attrition.loc[[c for c in attrition.index if c[0] in "EKPS"], "pattern"] == "complete").all()


def test_every_interview_has_interviewer_and_participant_turns(sample_study):
    segments = sample_study.segments.merge(sample_study.documents[["doc_id", "kind"]], on="doc_id")
    interviews = segments[segments["kind"] == "interview"]
    roles = interviews.groupby("doc_id")["speaker_role"].apply(lambda s: set(s.dropna()))
    assert all(r == {"interviewer", "participant"} for r in roles), roles[roles.map(lambda r: r != {"interviewer", "participant"})]
    # Each interview alternates: the participant speaks in many turns.
    turns = interviews[interviews["speaker_role"] == "participant"].groupby("doc_id").size()
    assert (turns >= 8).all()


def test_no_speaker_label_is_left_inside_a_turn(sample_study):
    """A missed label would show up as 'Name:' at the start of a line inside a segment."""
    label = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?[A-Z][A-Za-z]{0,15}(?: \(\d\d:\d\d:\d\d\))?: ", re.MULTILINE)
    texts = sample_study.segment_texts()
    interview_ids = set(sample_study.documents.loc[sample_study.documents["kind"] == "interview", "doc_id"])
    leftovers = [
        (seg_id, match.group(0))
        for seg_id, text in texts.items()
        if seg_id.split(":")[0] in interview_ids
        for match in label.finditer(text)
    ]
    assert leftovers == []


def test_transcripts_read_like_speech(sample_study):
    texts = sample_study.segment_texts()
    participant = sample_study.segments.loc[sample_study.segments["speaker_role"] == "participant", "seg_id"]
    speech = " ".join(texts[participant]).lower()
    for marker in ["erm", "you know", "[laughs]", "i mean"]:
        assert speech.count(marker) >= 10, marker
    # Negated and negative evidence is present, not only positive keywords.
    for phrase in ["two-way", "already decided", "done to", "a say"]:
        assert phrase in speech, phrase


def test_interviewers_use_theory_words_sometimes(sample_study):
    texts = sample_study.segment_texts()
    asked = sample_study.segments.loc[sample_study.segments["speaker_role"] == "interviewer", "seg_id"]
    questions = " ".join(texts[asked]).lower()
    assert "reciprocal" in questions or "two-way" in questions
    assert "assets" in questions or "skills" in questions


def test_field_notes_have_dated_entries(sample_study):
    notes = sample_study.segments[sample_study.segments["doc_id"].str.endswith("fieldnotes")]
    dated = notes.dropna(subset=["date"])
    assert dated.groupby("doc_id").size().min() >= 5
    waves = sample_study.waves.set_index("wave_id")
    for row in dated.itertuples():
        wave = row.doc_id.split("_")[0]
        assert waves.loc[wave, "start"] <= row.date <= waves.loc[wave, "end"]


def test_readme_tells_each_carers_story():
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for case in CARERS:
        assert case in readme, case
    for word in ["advancing", "declining", "stable", "fluctuating", "incomplete", "Thursday Circle", "fictional"]:
        assert word.lower() in readme.lower(), word


def test_bundled_codebooks_code_the_sample(sample_study):
    import qlr

    study = sample_study.copy()
    study.apply("coproduction").apply("durose_richardson")
    codings = study.codings.merge(study.documents[["doc_id", "case_id", "wave_id"]], on="doc_id").merge(
        study.cases[["case_id", "role"]], on="case_id", how="left"
    )
    assert set(codings["codebook"]) == {"coproduction", "durose_richardson"}
    # No coding comes from an interviewer turn or a transcript's header line.
    roles = study.segments.set_index("seg_id").loc[codings["seg_id"], "speaker_role"]
    assert "interviewer" not in set(roles.dropna())
    # Every theme is found in the carers' own words at every wave.
    coproduction = qlr.read_codebook("coproduction")
    carers = codings[(codings["role"] == "carer") & (codings["codebook"] == "coproduction")].copy()
    carers["theme"] = carers["code_id"].map(coproduction.theme_of)
    present = carers.groupby(["theme", "wave_id"]).size().unstack(fill_value=0)
    assert set(present.index) == {t.id for t in coproduction.themes}
    assert (present[["W1", "W2", "W3"]] > 0).all().all(), present
    # Each ten-criteria code is evidenced somewhere in the study.
    criteria = set(codings.loc[codings["codebook"] == "durose_richardson", "code_id"])
    assert len(criteria) >= 8


def _designed():
    """The designed stories of data/sample/README.md (designed_levels.csv): carer → ((W1, W2, W3) levels, type)."""
    table = pd.read_csv(SAMPLE / "designed_levels.csv", dtype={"level": "Int64"})
    return {
        case: (tuple(None if pd.isna(v) else int(v) for v in group.sort_values("wave_id")["level"]), group["trajectory"].iloc[0])
        for case, group in table.groupby("case_id")
    }


DESIGNED = _designed()


@pytest.fixture(scope="module")
def coded_sample():
    import qlr

    return qlr.load(SAMPLE, progress=False).apply("coproduction")


def test_carers_trajectories_follow_the_designed_stories(coded_sample):
    import qlr

    placements = qlr.track.ladder(coded_sample, facet="delivery")
    trajectories = qlr.track.trajectories(placements[placements["case_id"].isin(list(DESIGNED))]).set_index("case_id")
    same_type = [case for case, (_, kind) in DESIGNED.items() if trajectories.loc[case, "type"] == kind]
    assert len(same_type) >= 9, trajectories[["W1", "W2", "W3", "type"]]
    # Levels: within one step of the design at (nearly) every wave the carer was seen.
    close = total = 0
    for case, (levels, _) in DESIGNED.items():
        for wave, level in zip(["W1", "W2", "W3"], levels):
            if level is None:
                assert pd.isna(trajectories.loc[case, wave])
                continue
            total += 1
            got = trajectories.loc[case, wave]
            close += int(not pd.isna(got) and abs(int(got) - level) <= 1)
    assert close >= total - 2


def test_the_case_study_headline_per_stage(coded_sample):
    """Design: high; outputs: mid to high; implementation: mid — from coded evidence."""
    import qlr

    stages = qlr.track.ladder(coded_sample, by="stage").set_index(["stage", "facet"])
    assert stages.loc[("design", "design"), "band"] == "high"
    assert stages.loc[("implementation", "delivery"), "band"] == "mid"
    assert stages.loc[("implementation", "design"), "band"] == "mid"
    assert stages.loc[("outputs", "delivery"), "band_range"] == "mid to high"
    assert stages.loc[("outputs", "design"), "band_range"] in ("mid to high", "high")
    # Every placement carries its evidence: segment ids and their coded words.
    row = stages.loc[("design", "design")]
    trail = qlr.track.ladder(coded_sample, by="stage").quotes(stage="design", facet="design")
    assert row["n_evidence"] == len(trail) == trail["quote"].notna().sum() > 5


def test_peer_support_grows_over_the_waves(coded_sample):
    import qlr

    grid = qlr.track.matrix(coded_sample.sel(role="carer"), cols="theme", value="count")
    per_wave = grid.tidy[grid.tidy["theme"] == "peer_networks"].groupby("wave_id")["value"].sum()
    assert per_wave["W3"] > per_wave["W1"]


def test_discounted_mentions_are_quoted_with_their_status(coded_sample):
    """Rule matches left out for their assertion are kept and can be read, each with its status and exact quote."""
    import qlr

    discounted = qlr.track.quotes(coded_sample, discounted=True)
    codings = coded_sample.codings
    rules = codings[(codings["origin"] == "rules").fillna(False) & (codings["codebook"] == "coproduction").fillna(False)]
    left_out = rules[rules["assertion"].notna() & ~rules["assertion"].isin(["affirmed", "prompted"])]
    roles = dict(zip(coded_sample.segments["seg_id"], coded_sample.segments["speaker_role"].fillna("")))
    people = codings[codings["origin"].isin(["human", "import"]).fillna(False)]
    by_a_person = set(zip(people["seg_id"], people["code_id"]))
    # Expected: every such match on a turn that is evidence, unless a person coded the same passage and code.
    expected = {
        coding for coding, seg, code in zip(left_out["coding_id"], left_out["seg_id"], left_out["code_id"])
        if roles.get(seg) != "interviewer" and (seg, code) not in by_a_person
    }
    assert set(discounted["coding_id"]) == expected and len(expected) > 100
    assert set(discounted["assertion"]) == {"negated", "hypothetical", "historical", "other", "question", "declined"}
    texts = dict(zip(coded_sample.documents["doc_id"], coded_sample.documents["text"]))
    assert all(texts[d][s:e] == q for d, s, e, q in zip(discounted["doc_id"], discounted["start"], discounted["end"], discounted["quote"]))
    counted = qlr.track.quotes(coded_sample)
    assert set(counted["assertion"].dropna()) <= {"affirmed", "prompted"} and not set(counted["coding_id"]) & expected
