"""Stop 47's leftovers around "partly coded" and NVivo round trips, closed at stop 48: one decision for a case × wave's
coverage by a codebook; the report and the plots name partly coded cells, and a density there is over the words read;
a joint voice declared as two cases goes through a REFI-QDA export; one helper strips qlr's details from a project; an
interview guide study.yaml does not list is said once, with how to quiet it."""

from __future__ import annotations

import re
import warnings
import zipfile

import numpy as np
import pytest

import qlr
from qlr.errors import PoolingWarning
from qlr.evidence import CODED, NOT_CODED, PARTLY_CODED, case_wave_coverage, coverage_reason

from .conftest import without_qlr_details, write
from .test_review_fixes_47 import _partly_pooled


# ------------------------------------------------------------------ one decision for a case × wave's coverage
def test_one_helper_says_each_case_waves_coverage(tmp_path):
    # Study A (hand-coded, W1 and W2) pooled with B's diaries of Ann and Ben at W2 and Ann's at W3.
    both, _ = _partly_pooled(tmp_path)
    coverage = case_wave_coverage(both, both.codebooks["yc"])
    assert coverage.astype(object).where(coverage.notna(), None).values.tolist() == [
        ["Ann", "W1", CODED, None],
        ["Ann", "W2", PARTLY_CODED, "B"],
        ["Ann", "W3", NOT_CODED, "B"],
        ["Ben", "W1", CODED, None],
        ["Ben", "W2", PARTLY_CODED, "B"],
    ]
    # What a cell shows: a partly coded cell where something was found shows it; not coded never does.
    assert coverage_reason(coverage["coverage"], np.array([False, True, True, False, False])).tolist() == [None, None, NOT_CODED, None, PARTLY_CODED]
    # The matrix, the ladder's design and the sequences read it: a partly coded wave is seen, a not coded one is not.
    seen = qlr.track.matrix(both, codebook="yc").tidy.drop_duplicates(["case_id", "wave_id"]).set_index(["case_id", "wave_id"])["reason"]
    assert seen[("Ann", "W3")] == NOT_CODED and seen[("Ann", "W2")] == PARTLY_CODED and seen[("Ben", "W2")] != seen[("Ben", "W2")]  # "decided" found: NaN, no reason


def test_a_partly_coded_cells_density_is_over_the_words_read(tmp_path):
    # Ben's W2: his coded interview "Staff decided the trip for us." (6 words, "decided" once) and his diary (13 words
    # of his own, never read for a code). Before: 1000 * 1 / 19 = 52.6, diluted by the diary's words.
    both, _ = _partly_pooled(tmp_path)
    tidy = qlr.track.matrix(both, codebook="yc", value="density").tidy.set_index(["case_id", "wave_id", "code_id"])
    assert tidy.loc[("Ben", "W2", "decided"), "words"] == 6
    assert round(tidy.loc[("Ben", "W2", "decided"), "value"], 1) == 166.7
    assert tidy.loc[("Ben", "W2", "peers"), "reason"] == PARTLY_CODED  # not found: no value, as with counts
    # A coded case × wave keeps all its words: Ben's W1 interview "The lads there get it." (5 words).
    assert tidy.loc[("Ben", "W1", "peers"), "words"] == 5 and tidy.loc[("Ben", "W1", "peers"), "value"] == 200.0


def test_the_report_names_the_partly_coded_case_waves(tmp_path):
    # Before: the header and the warning named only Ann's W3 (not coded); Ann's and Ben's W2 went unsaid.
    both, _ = _partly_pooled(tmp_path)
    with pytest.warns(PoolingWarning) as caught:
        qlr.report.write_report(both, tmp_path / "report", codebook="yc", progress=False)
    said = "Codebook 'yc' coded only some of the documents of 2 case × waves (Ann at W2, Ben at W2; each case's page names its own)"
    assert [w for w in caught if said in str(w.message) and "study 'B' brought 1 case × wave (1 case at W3)" in str(w.message)]
    index = re.sub(r"\s+", " ", (tmp_path / "report" / "index.html").read_text(encoding="utf-8").replace("&#x27;", "'").replace("&times;", "×"))
    header = index[index.index("<header>"):index.index("</header>")]
    assert said in header and "a density there is over the coded documents' words" in header
    # Each case's page (its portrait) said it already, wave by wave, as it says "not coded".
    ann = (tmp_path / "report" / "cases" / "ann.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert "<b>W2</b>: partly coded (the documents study 'B' brought here were never coded with 'yc')" in ann


def test_the_plots_tell_partly_coded_from_nothing_found_and_not_coded(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    both, _ = _partly_pooled(tmp_path)
    fig = qlr.plot.matrix_heatmap(qlr.track.matrix(both, codebook="yc"))
    w2, w3 = fig.axes[1], fig.axes[2]
    # W2 (codes decided, peers; Ann then Ben): Ann's two codes and Ben's peers not found in a partly coded case × wave,
    # dotted; Ben's decided found in his coded interview, framed. Before: all three hatched as not seen ("///"), no frame.
    assert sorted(p.get_hatch() for p in w2.patches if p.get_hatch()) == ["..", "..", ".."]
    assert [p.get_linestyle() for p in w2.patches if not p.get_hatch()] == ["--"]
    # W3: Ann's diary never coded, cross-hatched; Ben dropped out, hatched as not seen. Before: both "///".
    assert sorted(p.get_hatch() for p in w3.patches) == ["///", "///", "xx", "xx"]
    assert "..: partly coded" in fig._suptitle.get_text() and "xx: not coded" in fig._suptitle.get_text()
    plt.close(fig)
    # The sequence plots give partly coded and not coded colours of their own, not "insufficient evidence"'s grey.
    from qlr.plot._sequence import _state_colours

    colours = _state_colours(["0", "1", "insufficient evidence", NOT_CODED, PARTLY_CODED])
    assert len({colours["insufficient evidence"], colours[NOT_CODED], colours[PARTLY_CODED]}) == 3


def test_trajectories_mark_a_partly_coded_gap(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    both, _ = _partly_pooled(tmp_path, rules=True)
    placed = qlr.track.ladder(both, codebook="coproduction", facet="design")
    ax = qlr.plot.trajectories(placed)
    marks = [(line.get_marker(), tuple(line.get_xdata())) for line in ax.get_lines() if line.get_marker() in ("D", "x")]
    # Ann's W2 (nothing found in her coded interview, her diary never read) a diamond; her W3 (her diary alone) a cross.
    # Before: two gaps like any other.
    assert ("D", (1,)) in marks and ("x", (2,)) in marks
    assert "diamond: partly coded" in ax.get_xlabel()
    plt.close(ax.figure)


# ------------------------------------------------------------------ a joint voice through NVivo
def _pair(root):
    # A focus group where Dai (P01) and Kwame (P05) answer only together: study.yaml maps each name to a case and
    # declares their joint label, so loading counts the turn for both.
    write(root / "study.yaml", "name: Pair\nwaves: [W1]\ncases: [{id: P01}, {id: P02}, {id: P05}]\ndocuments:\n"
          "  - {path: fg.txt, id: FG, kind: focus_group, wave: W1, speakers: {Moderator: interviewer, Dai: P01, Kwame: P05,"
          " \"Dai and Kwame\": participant}}\n  - {path: P02_W1_interview.txt}\n")
    write(root / "fg.txt", "Moderator: Who plans the club?\n\nDai and Kwame: We plan it together with the others.\n\nP02: I just come along.\n")
    write(root / "P02_W1_interview.txt", "INT: How is the club?\n\nP02: Fine.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the focus group's speakers are said
        return qlr.load(root, progress=False)


def test_a_joint_voice_of_two_cases_comes_back_from_a_project_without_qlrs_details(tmp_path):
    study = _pair(tmp_path / "s")
    assert study.meta["speaker_cases"] == {"FG": {"P02": "P02", "Dai and Kwame": ["P01", "P05"]}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.io.write_qdpx(study, tmp_path / "pair.qdpx")
    assert not [w for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]
    bare = without_qlr_details(tmp_path / "pair.qdpx", tmp_path / "bare.qdpx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        back = qlr.io.read_qdpx(bare)
    # Before: {'FG': {'P02': 'P02'}}, and "no one's: Dai and Kwame (1 turn)": the joint turn counted for no case.
    assert back.meta["speaker_cases"] == {"FG": {"P02": "P02", "Dai and Kwame": ["P01", "P05"]}}
    assert [w for w in caught if "joint, for each case named: Dai and Kwame → P01 and P05 (1 turn)" in str(w.message)]
    whose = qlr.evidence.segment_cases(back)
    joint = back.segments["speaker"].to_numpy()[whose["row"].to_numpy()] == "Dai and Kwame"
    assert sorted(whose.loc[joint, "case_id"]) == ["P01", "P05"]


def test_a_joint_voice_of_a_selected_and_a_left_out_case_keeps_its_whole_list(tmp_path):
    study = _pair(tmp_path / "s").sel(case=["P01", "P02"])
    qlr.io.write_qdpx(study, tmp_path / "sel.qdpx")
    with zipfile.ZipFile(tmp_path / "sel.qdpx") as project:
        said = re.findall(r"Speakers who are the study's cases in this document: [^<\"]*", project.read("project.qde").decode("utf-8"))
    # Before: "Dai and Kwame = P01", the joint voice written as P01's own.
    assert said == ["Speakers who are the study's cases in this document: P02 = P02; Dai and Kwame = P01 + P05."]
    # Read back, the joint turn counts for P01, the one of its cases the project holds, as it does in the selection.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the focus group's speakers are said
        back = qlr.io.read_qdpx(without_qlr_details(tmp_path / "sel.qdpx", tmp_path / "bare.qdpx"))
    for one in (study, back):
        whose = qlr.evidence.segment_cases(one)
        joint = one.segments["speaker"].astype(str).to_numpy()[whose["row"].to_numpy()] == "Dai and Kwame"
        assert list(whose.loc[joint, "case_id"]) == ["P01"]


def test_a_joint_voice_whose_case_name_holds_a_plus_is_named(tmp_path):
    study = qlr.load("data/sample", progress=False).sel(case=["C01", "C02"], wave="W1")
    doc = study.documents["doc_id"].iloc[0]
    study.cases["label"] = ["Mum + Dad", "Kid"]
    study.meta["speaker_cases"] = {doc: {"Family": ["C01", "C02"]}}
    with pytest.warns(qlr.errors.QlrWarning, match=r"for a voice of several cases, a name holds '\+'\): 'Family'"):
        qlr.io.write_qdpx(study, tmp_path / "odd.qdpx")


# ------------------------------------------------------------------ an interview guide study.yaml does not list
def _guided(root):
    write(root / "interviews" / "interview questions.md", "# Interview questions\n\n1. How did you hear about the event?\n2. What would you change?\n")
    write(root / "interviews" / "interview1.md", "Interviewer: How did you hear about it?\n\nAnn: From a friend.\n")
    write(root / "interviews" / "interview2.md", "Interviewer: How did you hear about it?\n\nBen: On the radio.\n")
    write(root / "interviews" / "2018-02-05-attendee.md", "# Attendee Interview Script\n\n1. Why did you come?\n")


MANIFEST = (
    "name: Event\nwaves: [W1]\ncases: [{id: ann}, {id: ben}]\ndocuments:\n"
    "- {path: interviews/interview1.md, case: ann, wave: W1}\n- {path: interviews/interview2.md, case: ben, wave: W1}\n"
)


def _loaded(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]


def test_an_unlisted_interview_guide_is_said_with_the_lines_that_quiet_it(tmp_path):
    _guided(tmp_path)
    write(tmp_path / "study.yaml", MANIFEST)
    _, said = _loaded(tmp_path)
    # Before: "2 readable file(s) in the folder are not listed under documents: … Fix: add an entry for each", as for a
    # forgotten transcript, on every load; an entry without kind: is refused (no case, no wave).
    assert said == [
        f"{tmp_path / 'study.yaml'}: 2 interview guide(s), by name or title, are not listed under documents: and were not loaded"
        " (the study's questions, no one's interview): interviews/2018-02-05-attendee.md, interviews/interview questions.md."
        " Fix: to keep them with the study, add under documents:  - {path: 'interviews/2018-02-05-attendee.md', kind: document}"
        "  - {path: 'interviews/interview questions.md', kind: document}; to leave them out, add  exclude:"
        " ['interviews/2018-02-05-attendee.md', 'interviews/interview questions.md']. Loading then says nothing of it"
        " (`qlr info --template` lists a guide as the study's document)"
    ]
    # Done as it says, loading is quiet: kept as the study's documents (no case), or left out.
    write(tmp_path / "study.yaml", MANIFEST + "- {path: 'interviews/2018-02-05-attendee.md', kind: document}\n- {path: 'interviews/interview questions.md', kind: document}\n")
    study, said = _loaded(tmp_path)
    assert said == [] and study.documents.loc[study.documents["kind"].eq("document"), "case_id"].isna().sum() == 2
    write(tmp_path / "study.yaml", MANIFEST + "exclude: ['interviews/2018-02-05-attendee.md', 'interviews/interview questions.md']\n")
    study, said = _loaded(tmp_path)
    assert said == [] and len(study.documents) == 2
    # A transcript left out beside them is still data forgotten, said as before.
    write(tmp_path / "interviews" / "interview3.md", "Interviewer: How did you hear about it?\n\nCai: A poster.\n")
    _, said = _loaded(tmp_path)
    assert said == [f"{tmp_path / 'study.yaml'}: 1 readable file(s) in the folder are not listed under documents: and were not loaded: "
                    "interviews/interview3.md. Fix: add an entry for each (or a pattern such as '*.txt'), or list them under exclude: "
                    "if they are left out on purpose"]


def test_a_guide_beside_named_transcripts_is_no_file_to_rename(tmp_path):
    write(tmp_path / "interview guide.txt", "Interview guide\n\n1. How did you hear about the event?\n")
    write(tmp_path / "C01_W1_interview.txt", "Interviewer: How did you hear about it?\n\nAnn: From a friend.\n")
    write(tmp_path / "C02_W1_interview.txt", "Interviewer: How did you hear about it?\n\nBen: On the radio.\n")
    _, said = _loaded(tmp_path)
    # Before: "1 file(s) not named {case}_{wave}_{kind} were not loaded: interview guide.txt. Fix: rename them, …".
    assert len(said) == 1 and said[0].startswith(f"{tmp_path}: 1 interview guide(s), by name or title, were not loaded")
    assert "Fix: rename" not in said[0]


def test_a_transcript_titled_as_a_guide_is_still_a_transcript(tmp_path):
    # A forgotten transcript whose first line is the guide's title it was read from: labelled turns, a case and a wave
    # in its name. Before: "1 interview guide(s), by name or title, …" with advice to exclude it.
    write(tmp_path / "transcripts" / "P01_W1.txt", "Interviewer: Hello.\n\nP01: Hi, I go to the group.\n")
    write(tmp_path / "transcripts" / "P07_W2.txt", "Interview guide - wave 2\n\nInterviewer: Hello again.\n\nP07: Hi, I run the group now.\n")
    write(tmp_path / "study.yaml", "name: S\nwaves: [{id: W1}, {id: W2}]\ndocuments:\n  - {path: transcripts/P01_W1.txt, case: P01, wave: W1}\n")
    _, said = _loaded(tmp_path)
    assert said == [f"{tmp_path / 'study.yaml'}: 1 readable file(s) in the folder are not listed under documents: and were not loaded: "
                    "transcripts/P07_W2.txt. Fix: add an entry for each (or a pattern such as '*.txt'), or list them under exclude: "
                    "if they are left out on purpose"]
    # With no study.yaml it is P07's interview at W2, not the study's document.
    (tmp_path / "study.yaml").unlink()
    study, _ = _loaded(tmp_path)
    assert study.documents.set_index("case_id").loc["P07", ["wave_id", "kind"]].tolist() == ["W2", "interview"]
    # A name with no id and turns of two speakers is no guide either; a titled page of questions still is.
    from qlr.io._naming import interview_guides

    write(tmp_path / "transcripts" / "notes.txt", "Interview guide - wave 2\n\nInterviewer: Hello.\n\nAnn: Hi.\n")
    write(tmp_path / "transcripts" / "attendee.md", "# Attendee Interview Script\n\n1. Why did you come?\n")
    assert interview_guides(tmp_path, ["transcripts/P07_W2.txt", "transcripts/notes.txt", "transcripts/attendee.md"]) == ["transcripts/attendee.md"]
    # After the second review: a guide's "Q1:" / "A:" lines are one label and paragraphs of none, not two speakers.
    write(tmp_path / "transcripts" / "topics.txt", "Interview guide\n\nQ1: How did you hear of it?\nA: (note how)\n\nQ2: Who decides?\nA: (probe)\n")
    assert interview_guides(tmp_path, ["transcripts/topics.txt"]) == ["transcripts/topics.txt"]
