"""Last stop's reviewer's open findings, fixed at stop 47: a folder's template decides its two-digit dotted dates as
loading does; a partly coded case × wave of a pool of the same people is no absence; a speaker declared as the case id
goes through a REFI-QDA export; one helper says whether a study's log shows its codebook applied."""

from __future__ import annotations

import warnings

import qlr
from qlr.errors import PoolingWarning
from qlr.evidence import NOT_CODED, PARTLY_CODED, not_coded_waves, partly_coded_waves
from qlr.io._load import template_for

from .conftest import without_qlr_details, write
from .test_pool_not_coded_46 import _hand_coded
from .test_pool_not_coded_46 import _write as _write_study
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


# ------------------------------------------------------------------ one reading of "the codebook was applied"
def test_one_helper_says_a_codebook_was_applied_for_the_pool_and_the_analyses():
    # The rules applied to a study and finding nothing: applied all the same (its zeros are absences), for the pooling
    # warning and for not_coded_documents alike, both through qlr.evidence.codebook_applications.
    sample = qlr.load("data/sample", progress=False)
    early = sample.sel(case="C01", wave=["W1", "W2"]).apply("coproduction", progress=False)
    nothing = sample.sel(case="C01", wave="W3").apply("coproduction", progress=False)
    nothing.codings = nothing.codings.iloc[:0]
    nothing.name = "wave 3"
    assert [entry["codebook"] for entry in qlr.evidence.codebook_applications(nothing, "coproduction")] == ["coproduction"]
    assert qlr.evidence.codebook_applications(sample, "coproduction") == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both = qlr.concat([early, nothing], cases="shared", waves="id")
    assert not [w for w in caught if "coded" in str(w.message) and "wave 3" in str(w.message)]
    assert qlr.evidence.not_coded_documents(both, both.codebooks["coproduction"]) == frozenset()
    labels = [entry["study"] for entry in qlr.evidence.codebook_applications(both, "coproduction")]
    assert sorted(labels) == sorted(set(both.documents["study"].astype(str)))


# ------------------------------------------------------------------ a case × wave coded in part
#: Study B: the same people's diaries, plain text. Ann's and Ben's W2 diaries sit beside their W2 interviews that the
#: researcher coded in study A (Ann's "We had cake" found nothing, Ben's "Staff decided the trip" decided); Ann's W3
#: diary is all there is of her W3.
DIARIES = {
    ("Ann", "W2"): "We decide nothing, the staff plan every trip.",
    ("Ann", "W3"): "We plan the group ourselves now.",
    ("Ben", "W2"): "I got the lads in this year.",
}


def _partly_pooled(tmp_path, *, rules=False):
    _write_study(tmp_path / "b", "B", DIARIES, ["W2", "W3"])
    for file in (tmp_path / "b").glob("*_interview.txt"):
        file.rename(file.with_name(file.name.replace("_interview", "_diary")))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        diaries = qlr.load(tmp_path / "b", progress=False)
        hand = _hand_coded(tmp_path)
        if rules:
            hand.apply("coproduction", progress=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both = qlr.concat([hand, diaries], cases="shared", waves="id")
    return both, [str(w.message) for w in caught if issubclass(w.category, PoolingWarning)]


def test_a_case_wave_coded_in_part_reads_no_zero_as_absence(tmp_path):
    both, said = _partly_pooled(tmp_path)
    yc = both.codebooks["yc"]
    assert not_coded_waves(both, yc).values.tolist() == [["Ann", "W3", "B"]]
    assert partly_coded_waves(both, yc).values.tolist() == [["Ann", "W2", "B"], ["Ben", "W2", "B"]]
    tidy = qlr.track.matrix(both, codebook="yc").tidy.set_index(["case_id", "wave_id", "code_id"])
    # Before: Ann's W2 0 and 0, Ben's W2 peers 0 (absences), though their W2 diaries were never read for a code.
    cells = {key: (row.value if row.value == row.value else row.reason) for key, row in tidy.iterrows()}
    assert {key: cells[key] for key in cells if key[1] == "W2"} == {
        ("Ann", "W2", "decided"): PARTLY_CODED,
        ("Ann", "W2", "peers"): PARTLY_CODED,
        ("Ben", "W2", "decided"): 1.0,  # what the coded interview found counts
        ("Ben", "W2", "peers"): PARTLY_CODED,
    }
    assert cells[("Ann", "W3", "decided")] == NOT_CODED
    changes = qlr.track.change(both, codebook="yc", granularity="code").set_index(["case_id", "code_id"])
    # Before: Ann "decided" 1 -> 0 "ceases", Ben "peers" 1 -> 0 "ceases"; Ann "peers" "absent (common elsewhere)".
    assert changes["category"].to_dict() == {
        ("Ann", "decided"): "not enough waves",
        ("Ann", "peers"): "not enough waves",
        ("Ben", "decided"): "emerges",
        ("Ben", "peers"): "not enough waves",
    }
    assert changes.loc[("Ann", "decided"), "missing_waves"] == "W2 (partly coded), W3 (not coded)"
    assert changes.loc[("Ben", "peers"), "missing_waves"] == "W2 (partly coded), W3 (dropped out)"
    # Said when pooling (before: nothing), and in her portrait (before: "W2: nothing coded").
    assert [m for m in said if m.startswith("codebook 'yc' coded only some of the documents of 2 case × waves (Ann at W2, Ben at W2): those of 'B' there")]
    ann = qlr.track.portrait(both, "Ann", codebook="yc").markdown
    assert "- **W2**: partly coded (the documents study 'B' brought here were never coded with 'yc')" in ann
    assert "- **W2**: nothing coded" not in ann


def test_the_ladder_places_a_partly_coded_case_wave_on_what_was_found_only(tmp_path):
    both, _ = _partly_pooled(tmp_path, rules=True)
    assert partly_coded_waves(both, both.codebooks["coproduction"]).values.tolist() == [["Ann", "W2", "B"], ["Ben", "W2", "B"]]
    placed = qlr.track.ladder(both, codebook="coproduction", by=("case", "wave")).table.set_index(["case_id", "wave_id", "facet"])
    # Ann's W2 interview: no evidence; her diary never read. Before: "insufficient evidence", as if read and found wanting.
    assert placed.loc[("Ann", "W2", "design"), ["status", "reason"]].tolist() == ["missing", PARTLY_CODED]
    # Ben's W2 interview holds one passage of evidence (power.consulted): read on it, as a coded case × wave is.
    assert placed.loc[("Ben", "W2", "design"), "status"] == "insufficient evidence" and placed.loc[("Ben", "W2", "design"), "n_evidence"] == 1
    # The merged change's review: sequences said "missed" for a wave the case attended (and attrition counted it).
    sequence = qlr.track.sequences(qlr.track.ladder(both, codebook="coproduction"))
    assert sequence.levels.loc[("Ann", "design"), "W2"] == PARTLY_CODED
    assert PARTLY_CODED in qlr.track.SEQUENCE_STATES
    # Applied to the pooled study, the rules read every document: nothing partly coded any more.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both.apply("coproduction", progress=False)
    assert partly_coded_waves(both, both.codebooks["coproduction"]).empty


# ------------------------------------------------------------------ a speaker declared as a case, through NVivo
def test_a_speaker_declared_as_a_case_comes_back_from_a_project_without_qlrs_details(tmp_path):
    # Ben speaks in Ann's interview; study.yaml says he is case ben ('speakers: {Ben: ben}'): his turn counts for him.
    write(tmp_path / "s" / "study.yaml", "name: Joint\nwaves: [W1]\ncases: [{id: ann}, {id: ben}]\ndocuments:\n"
          "  - {path: ann_W1_interview.txt, speakers: {Ben: ben}}\n  - {path: ben_W1_interview.txt}\n")
    write(tmp_path / "s" / "ann_W1_interview.txt", "INT: How is the group?\nAnn: We plan it together.\nBen: I help her with the shopping.\n")
    write(tmp_path / "s" / "ben_W1_interview.txt", "INT: How is the group?\nBen: I got the lads in this year.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the joint interview is said
        study = qlr.load(tmp_path / "s", progress=False)
    assert study.meta["speaker_cases"] == {"ann_W1_interview": {"Ben": "ben"}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.io.write_qdpx(study, tmp_path / "joint.qdpx")
    assert not [w for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]  # nothing left out, nothing to say
    # As NVivo gives it back: no details file. Before: no speaker_cases, Ben's turn Ann's (his case had 1 turn, then 0
    # at W1 in Ann's interview).
    bare = without_qlr_details(tmp_path / "joint.qdpx", tmp_path / "bare.qdpx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = qlr.io.read_qdpx(bare)
    assert back.meta["speaker_cases"] == {"ann_W1_interview": {"Ben": "ben"}}
    assert [w for w in caught if "another of the study's cases speaks (a joint interview)" in str(w.message)]  # said, as loading says it
    whose = qlr.evidence.segment_cases(back)
    spoke = whose.assign(speaker=back.segments["speaker"].to_numpy()[whose["row"].to_numpy()])
    assert spoke.loc[spoke["doc_id"].eq("ann_W1_interview") & spoke["speaker"].eq("Ben"), "case_id"].tolist() == ["ben"]


def test_a_label_that_cannot_be_said_in_a_description_is_named(tmp_path):
    study = qlr.load("data/sample", progress=False).sel(case=["C01", "C02"], wave="W1")
    doc = study.documents["doc_id"].iloc[0]
    study.meta["speaker_cases"] = {doc: {"Mum=Dad": "C02"}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.io.write_qdpx(study, tmp_path / "odd.qdpx")
    said = [str(w.message) for w in caught if "that are the study's cases not written" in str(w.message)]
    assert said and "'Mum=Dad'" in said[0]
