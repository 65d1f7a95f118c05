"""What stop 49 left open (stop 50): a template that keeps what study.yaml says, group documents' moderators and
charted cases, Dedoose's code tree and memos, pooling a study with its own copy. Each study is written here."""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import PoolingWarning
from qlr.io import template_for

from .conftest import write


def _coded_study(folder):
    write(folder / "P01_W1_interview.txt", "Interviewer: How do you come?\n\nP01: The staff plan the routes and we just turn up.\n")
    write(folder / "P02_W1_interview.txt", "Interviewer: How do you come?\n\nP02: The bus takes an hour each way, so I miss it.\n")
    write(folder / "codings.csv", "doc_id,quote,code_id,coder\nP01_W1_interview,staff plan the routes,planning,rm\nP02_W1_interview,The bus takes an hour,transport,rm\n")
    write(
        folder / "study.yaml",
        "name: Scheme\ndescription: A walking scheme, two people\nwaves: [{id: W1, start: 2021-01-01, end: 2021-06-30}]\n"
        "cases:\n  - {id: P01, attributes: {age: 67, site: North}, waves: [W1]}\n  - {id: P02, per_wave: {W1: {insurance: Medicaid}}}\n"
        "documents:\n  - path: '*.txt'\ncodings:\n  - {path: codings.csv, coder: rm, unplaced: warn}\n",
    )
    return folder


def test_the_template_of_a_study_with_a_study_yaml_keeps_its_codings_and_what_its_cases_say(tmp_path):
    folder = _coded_study(tmp_path / "s")
    study = qlr.load(folder, progress=False)
    template = template_for(folder)
    # Before: the template restated waves, cases and documents only: the codings: entry, the description, P01's
    # attributes and waves and P02's per_wave were gone, and loading with it read 0 codings of 2.
    assert "codings:\n- path: codings.csv\n  coder: rm\n  unplaced: warn\n" in template
    assert "description: A walking scheme, two people\n" in template
    write(folder / "study.yaml", template)
    again = qlr.load(folder, progress=False)
    assert len(again.codings) == len(study.codings) == 2
    assert again.cases.set_index("case_id")[["age", "site"]].loc["P01"].tolist() == [67, "North"]
    assert again.case_waves.set_index(["case_id", "wave_id"])["insurance"].to_dict() == study.case_waves.set_index(["case_id", "wave_id"])["insurance"].to_dict()
    assert template_for(folder) == template  # the template of the template is itself


def _roles(study):
    """The focus group's turns: (speaker, role), its header (no speaker) left out."""
    turns = study.segments[study.segments["doc_id"] == "fg"].dropna(subset=["speaker"])
    return list(zip(turns["speaker"], turns["speaker_role"]))


def _group(folder, header, moderator_label):
    write(
        folder / "fg.txt",
        f"{header}\n\n{moderator_label}: Welcome everyone. How did you hear about the walks?\n\nP01: My GP referred me, I was not leaving the house.\n\n"
        f"{moderator_label}: And you?\n\nP02: The job centre sent me, a box to tick for them.\n",
    )
    return qlr.load(folder / "fg.txt", progress=False)


def test_a_header_listing_the_participants_ids_and_two_moderators_names_them_and_is_no_turn(tmp_path):
    write(
        tmp_path / "fg.txt",
        "Focus group 1, community centre\nParticipants: P01, P02\nModerators: Jo and Sam\n\nJo: Welcome everyone. How did you hear about the walks?\n\n"
        "P01: My GP referred me, I was not leaving the house.\n\nSam: And you?\n\nP02: The job centre sent me, a box to tick for them.\n",
    )
    roles = _roles(qlr.load(tmp_path / "fg.txt", progress=False))
    # Before: "Participants" (P01, P02) and "Moderators" (Jo and Sam) were two turns, a participant's and an interviewer's.
    assert roles == [("Jo", "interviewer"), ("P01", "participant"), ("Sam", "interviewer"), ("P02", "participant")]


def test_m_under_a_moderator_header_is_the_moderator(tmp_path):
    roles = _roles(_group(tmp_path, "Moderator: Jo", "M"))
    # Before: "M" read as a participant (no one the interviewer) unless study.yaml said 'speakers: {M: interviewer}'.
    assert roles == [("M", "interviewer"), ("P01", "participant"), ("M", "interviewer"), ("P02", "participant")]


def test_a_study_whose_codes_were_given_ids_pools_with_its_own_copy(tmp_path):
    from .test_trial14_dedoose import _study

    study = _study(tmp_path)
    # "Trust in Staff" became the code trust_in_staff when loaded; each coding's id now names that code, as the
    # digest of what the coding is (before: of "Trust in Staff", no digest of the coding any more).
    for row in study.codings.itertuples():
        assert row.coding_id == qlr._ids.coding_id("human", row.doc_id, row.start, row.end, row.code_id, row.coder)
    with pytest.warns(PoolingWarning, match="4 texts are in more than one study"):
        pooled = qlr.concat({"a": study, "b": study.copy()})
    # Before: PoolingError "coding id 'h-…' is in both 'a' and 'b' (5 such ids)".
    assert len(pooled.codings) == 2 * len(study.codings) == 10
    assert pooled.codings["coding_id"].is_unique
    # Each weight stays with its coding, in both parts.
    weights = pooled.codings.set_index("coding_id")["code_id"].reindex(list(pooled.meta["code_weights"]))
    assert len(pooled.meta["code_weights"]) == 2 * len(study.meta["code_weights"]) == 8 and weights.notna().all()


def test_dedoose_resource_creator_and_date_are_the_documents(tmp_path):
    from .test_trial14_dedoose import _study

    study = _study(tmp_path)
    documents = study.documents.set_index("doc_id")
    # Before: "Resource Creator" and "Resource Date" were read and dropped. Each media's maker and date (month first).
    assert documents["creator"].to_dict() == dict.fromkeys(documents.index, "jl")
    assert set(documents["created"].dt.strftime("%Y-%m-%d")) == {"2024-03-01"}


def test_a_dedoose_code_tree_gives_the_codes_their_parents_and_descriptions(tmp_path):
    from .test_trial14_dedoose import _study

    write(
        tmp_path / "Codes.csv",
        "Title,Parent,Description\nBarriers,,What keeps people from the classes\nTransport,Barriers,Getting there: buses and lifts\n"
        "Cost,Barriers,Fees and the price of food\nTrust in Staff,,How far they trust the nurses and educators\n",
    )
    study = _study(tmp_path, manifest="")
    codebook = study.codebooks["excerpts"]
    assert "barriers.cost" not in codebook  # the tree was not named in study.yaml: its codes are the excerpts' only
    (tmp_path / "study.yaml").write_text((tmp_path / "study.yaml").read_text() + "  - Codes.csv\n", encoding="utf-8")
    study = qlr.load(tmp_path, progress=False)
    codebook = next(iter(book for key, book in study.codebooks.items() if "trust_in_staff" in book))
    # Before: a codings entry of the code tree was refused (no doc_id, quote …), and the codes had no descriptions.
    assert codebook["barriers.transport"].definition == "Getting there: buses and lifts"
    assert codebook["trust_in_staff"].definition == "How far they trust the nurses and educators"
    assert codebook["barriers.transport"].parent == "barriers"
    # A code no excerpt used is the codebook's too, under its parent.
    assert codebook["barriers.cost"].definition == "Fees and the price of food"
    assert sorted(study.codings["code_id"].unique()) == ["barriers.transport", "trust_in_staff"]


def test_a_role_label_keeps_its_role_under_a_header_whose_role_word_it_begins(tmp_path):
    write(tmp_path / "fg.txt", "Interviewee: Tom\n\nI: How did you hear about the walks?\n\nT: My GP referred me.\n\nI: And then?\n\nT: I went every week.\n")
    # "I" begins "Interviewee" but is the interviewer's label: it is not made Tom's.
    assert [role for _, role in _roles(qlr.load(tmp_path / "fg.txt", progress=False))][:2] == ["interviewer", "participant"]
