"""A person's interviews of several waves kept in one file, each under a heading: one document per interview."""

from __future__ import annotations

import warnings

import docx
import pytest
import yaml

import qlr
from qlr._words import count_words
from qlr.io import template_for
from qlr.io._sections import SECTION_WORDS, Sections, find_sections, wave_sections

from .conftest import write

FIRST = (
    "Interviewer: How did you first hear about the garden?\n"
    "Ann: My neighbour told me. I started going on Tuesdays and we planted the beds together in spring.\n"
    "Interviewer: Who decides what gets planted?\n"
    "Ann: Mostly the staff decide, we just turn up and do what the board says.\n"
)
SECOND = (
    "Interviewer: What has changed since we last spoke?\n"
    "Ann: Now I run the Tuesday session with two others. We plan the rota together at the monthly meeting.\n"
    "Interviewer: And the staff?\n"
    "Ann: They help with funding bids but we decide what to grow.\n"
)
THIRD = (
    "Interviewer: How is the garden going this year?\n"
    "Ann: I sit on the steering group now and we wrote the new plan with the council over the winter.\n"
)
ANN = (
    "Ann (pseudonym), community garden study\n\n"
    "Interview 1 - 12 March 2019\n\n" + FIRST + "\n"
    "Interview 2 - 4 June 2020\n\n" + SECOND + "\n"
    "Interview 3 - 20 July 2021\n\n" + THIRD
)


def _load(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]


@pytest.mark.parametrize(
    ("headings", "positions"),
    [
        (["Interview 1 - 12 March 2019", "Interview 2 - 4 June 2020"], [1, 2]),
        (["## Interview 1", "## Interview 2", "## Interview 3"], [1, 2, 3]),
        (
            ["**Second interview** (follow-up)", "Third interview, at her flat"],
            [2, 3],
        ),  # joined at the second wave
        (["Baseline interview", "6-month follow-up", "12-month follow-up"], [1, 2, 3]),
        (["Baseline interview", "Follow-up interview 1", "Follow-up interview 2"], [1, 2, 3]),
        (["T1 interview – 14/05/2019", "T2 interview – 20/11/2019"], [1, 2]),
        (["WAVE ONE", "WAVE TWO"], [1, 2]),
        (["Wave I", "Wave II", "Final interview"], [1, 2, 3]),
        (["Transcript of interview 1 with Ann", "Transcript of interview 2 with Ann"], [1, 2]),
    ],
)
def test_headings_that_number_a_persons_interviews(headings, positions):
    text = "".join(f"{heading}\n{FIRST}\n" for heading in headings)
    sections = wave_sections(text)
    assert [section.position for section in sections] == positions
    assert [section.heading for section in sections] == headings
    # The sections cover the text end to end: nothing between them is left out.
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))


@pytest.mark.parametrize(
    "text",
    [
        "Interview 1 - 12 March 2019\n" + FIRST,  # one heading: the interview's title
        "Interview 2\n" + FIRST + "Interview 1\n" + SECOND,  # not counting up
        "Interview 1\nInterview 2\nInterview 3\n" + FIRST,  # a contents list: no words under the headings
        "Interview 1\n" + FIRST + "Wave 2\n" + SECOND,  # two ways of counting
        "Interviewer: Which interview was that?\nAnn: Interview 2, I think.\n" + FIRST,  # words, not headings
        "Interview 2 went well, she said.\n"
        + FIRST
        + "Interview 3 went badly.\n"
        + SECOND,  # sentences, not headings
        "Session 1\n" + FIRST + "Session 2\n" + SECOND,  # sessions may be parts of one interview
        "Interview 1?\n" + FIRST + "Interview 2?\n" + SECOND,
    ],
)
def test_one_interview_is_not_cut(text):
    assert wave_sections(text) is None


def test_a_section_needs_words_of_its_own():
    few = " ".join(["word"] * (SECTION_WORDS - 2))  # and the label: one word short
    assert wave_sections(f"Interview 1\nAnn: {few}\nInterview 2\n{SECOND}") is None
    assert wave_sections(f"Interview 1\nAnn: {few} more\nInterview 2\n{SECOND}") is not None


def test_a_file_loaded_alone_is_one_document_per_interview(tmp_path):
    path = write(tmp_path / "Ann.txt", ANN)
    study, said = _load(path)
    docs = study.documents
    assert list(docs["doc_id"]) == ["Ann_W1", "Ann_W2", "Ann_W3"]
    assert list(docs["wave_id"]) == ["W1", "W2", "W3"]
    assert list(docs["case_id"]) == ["Ann"] * 3
    assert [str(day)[:10] for day in docs["date"]] == [
        "2019-03-12",
        "2020-06-04",
        "2021-07-20",
    ]  # each heading's date
    assert list(docs["title"])[1:] == ["Interview 2 - 4 June 2020", "Interview 3 - 20 July 2021"]
    assert list(study.waves["wave_id"]) == ["W1", "W2", "W3"]
    # Nothing lost: the three texts are the file's, end to end, and every word is counted once.
    assert "".join(docs["text"]) == ANN
    assert docs["n_words"].sum() == count_words(ANN)
    # Each interview's turns are its own, with the speaker's words where they are.
    for doc_id, words in (
        ("Ann_W1", "Mostly the staff decide"),
        ("Ann_W2", "we decide what to grow"),
        ("Ann_W3", "I sit on the steering group"),
    ):
        text = docs.set_index("doc_id").loc[doc_id, "text"]
        segs = study.segments[study.segments["doc_id"] == doc_id]
        turn = next(row for row in segs.itertuples() if words in text[row.start : row.end])
        assert turn.speaker == "Ann" and turn.speaker_role == "participant"
    assert set(study.segments.loc[study.segments["speaker"] == "Interviewer", "speaker_role"]) == {
        "interviewer"
    }
    assert study.attrition().loc["Ann", ["W1", "W2", "W3"]].tolist() == ["present"] * 3
    message = next(m for m in said if "hold several interviews" in m)
    assert "Ann_W2 at W2 ('Interview 2 - 4 June 2020', line 10)" in message
    assert any("3 interviews under headings" in note for note in study.meta["inferred"])


def test_a_manifest_entry_without_a_wave_reads_the_waves_in_order(tmp_path):
    root = tmp_path / "s"
    write(
        root / "Ann.txt", ANN.replace("Interview 1 - 12 March 2019\n\n" + FIRST + "\n", "")
    )  # joined at wave 2
    write(
        root / "Bo.txt",
        "Interview 1 - 1 April 2019\n"
        + FIRST.replace("Ann", "Bo")
        + "\nInterview 2 - 2 July 2020\n"
        + SECOND.replace("Ann", "Bo"),
    )
    manifest = {
        "name": "garden",
        "waves": [
            {"id": "T1", "label": "2019"},
            {"id": "T2", "label": "2020"},
            {"id": "T3", "label": "2021"},
        ],
        "cases": [{"id": "Ann"}, {"id": "Bo"}],
        "documents": [{"path": "Ann.txt", "case": "Ann"}, {"path": "Bo.txt", "case": "Bo"}],
        "speakers": {"Interviewer": "interviewer"},
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, said = _load(root)
    docs = study.documents.set_index("doc_id")
    assert docs.loc[["Ann_T2", "Ann_T3", "Bo_T1", "Bo_T2"], "wave_id"].tolist() == ["T2", "T3", "T1", "T2"]
    assert list(study.waves["wave_id"]) == ["T1", "T2", "T3"]  # the manifest's waves, none added
    assert not any("no wave" in message for message in said)  # every interview has its wave
    attrition = study.attrition()
    assert attrition.loc["Ann", ["T1", "T2", "T3"]].tolist() == ["not yet joined", "present", "present"]
    assert attrition.loc["Bo", ["T1", "T2", "T3"]].tolist() == ["present", "present", "dropped out"]


def test_a_stated_wave_keeps_the_file_whole_and_says_so_and_wave_headings_cuts_it(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann_W1_interview.txt", ANN)
    write(root / "Bo_W1_interview.txt", "Interviewer: Hello?\nBo: Hello.\nInterviewer: So?\nBo: So.\n")
    study, said = _load(root)
    assert list(study.documents["doc_id"]) == ["Ann_W1_interview", "Bo_W1_interview"]
    message = next(m for m in said if "seem to hold several interviews" in m)
    assert "Ann_W1_interview.txt ('Interview 1 - 12 March 2019' (line 3)" in message
    assert "its name gives wave W1 (write 'wave: headings' in its study.yaml entry)" in message
    # Following the advice cuts it, though its name says W1.
    manifest = {
        "name": "g",
        "waves": [{"id": "W1"}, {"id": "W2"}, {"id": "W3"}],
        "documents": [
            {"path": "Ann_W1_interview.txt", "case": "Ann", "wave": "headings"},
            {"path": "Bo_W1_interview.txt"},
        ],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, said = _load(root)
    docs = study.documents.set_index("doc_id")
    assert docs.loc[
        ["Ann_W1_interview_W1", "Ann_W1_interview_W2", "Ann_W1_interview_W3"], "wave_id"
    ].tolist() == ["W1", "W2", "W3"]
    assert not any("seem to hold" in m or "no wave" in m for m in said)


def test_too_few_waves_declared_keeps_the_file_whole_and_says_so(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann.txt", ANN)
    manifest = {
        "name": "g",
        "waves": [{"id": "W1"}, {"id": "W2"}],
        "cases": [{"id": "Ann"}],
        "documents": [{"path": "Ann.txt", "case": "Ann"}],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, said = _load(root)
    assert list(study.documents["doc_id"]) == ["Ann"]
    assert any(
        "its last heading numbers wave 3, the study declares 2 (declare a wave for each interview" in m
        for m in said
    )
    assert not any("no wave" in m for m in said)  # one warning says why and what to do, not two that disagree


def test_the_template_leaves_the_wave_to_the_headings(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann.txt", ANN)
    write(root / "Bo.txt", "Interviewer: Hello?\nBo: Hello there.\nInterviewer: So?\nBo: So it goes.\n")
    text = template_for(root)
    data = yaml.safe_load(text)
    assert [wave["id"] for wave in data["waves"]] == ["W1", "W2", "W3"]
    entries = {entry["path"]: entry for entry in data["documents"]}
    assert entries["Ann.txt"] == {
        "path": "Ann.txt",
        "id": "Ann",
        "case": "Ann",
        "wave": "headings",
        "kind": "interview",
    }
    assert entries["Bo.txt"]["wave"] == "W1"
    assert "files holding several interviews" in text
    write(root / "study.yaml", text)
    study, _ = _load(root)
    docs = study.documents.set_index("doc_id")
    assert docs.loc[["Ann_W1", "Ann_W2", "Ann_W3"], "wave_id"].tolist() == ["W1", "W2", "W3"]
    assert docs.loc[docs["case_id"] == "Bo", "wave_id"].tolist() == ["W1"]


def test_a_word_file_with_bold_labels_is_cut_with_its_labels(tmp_path):
    document = docx.Document()
    document.add_paragraph("Participant 7")
    for heading, talk in (("First interview, 3 May 2018", FIRST), ("Second interview, 9 May 2019", SECOND)):
        document.add_heading(heading, level=2)
        for line in talk.strip().split("\n"):
            label, words = line.split(": ", 1)
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}:").bold = True
            paragraph.add_run(f" {words}")
    path = tmp_path / "P07.docx"
    document.save(path)
    study, _ = _load(path)
    assert list(study.documents["doc_id"]) == ["P07_W1", "P07_W2"]
    second = study.segments[study.segments["doc_id"] == "P07_W2"]
    assert list(second["speaker"].dropna()) == ["Interviewer", "Ann", "Interviewer", "Ann"]
    text = study.documents.set_index("doc_id").loc["P07_W2", "text"]
    assert (
        text[second.iloc[-1]["start"] : second.iloc[-1]["end"]]
        == "They help with funding bids but we decide what to grow."
    )


def test_earlier_coding_naming_the_file_finds_its_interview(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann.txt", ANN)
    third = ANN.index("I sit on the steering group")
    rows = (
        "doc_id,quote,start,end,code_id,coder\n"
        "Ann.txt,we decide what to grow,,,power,RK\n"
        f"Ann,,{third},{third + len('I sit on the steering group')},power,RK\n"
    )
    write(root / "coded.csv", rows)
    manifest = {
        "name": "g",
        "waves": [{"id": "W1"}, {"id": "W2"}, {"id": "W3"}],
        "cases": [{"id": "Ann"}],
        "documents": [{"path": "Ann.txt", "case": "Ann"}],
        "codings": ["coded.csv"],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, _ = _load(root)
    texts = study.documents.set_index("doc_id")["text"]
    placed = [(row.doc_id, texts[row.doc_id][row.start : row.end]) for row in study.codings.itertuples()]
    assert sorted(placed) == [("Ann_W2", "we decide what to grow"), ("Ann_W3", "I sit on the steering group")]
    # A span running from one interview into the next is one clear error naming both.
    end = ANN.index("Interview 3")
    write(root / "coded.csv", f"doc_id,start,end,code_id,coder\nAnn,{end - 20},{end + 5},power,RK\n")
    with pytest.raises(qlr.errors.ManifestError, match="runs from one interview into the next"):
        _load(root)


@pytest.mark.parametrize(
    "text",
    [
        "Time 9:55\n" + FIRST + "Time 10:20\n" + SECOND + "Time 11:02\n" + THIRD,  # a clock, not a wave
        "Interview 1 (mother)\n" + FIRST + "Interview 2 (father)\n" + SECOND,  # a household at one wave
        "Interview 1 with the mother\n" + FIRST + "Interview 2 with the daughter\n" + SECOND,
        "Interview 1/2\n" + FIRST + "Interview 2/2\n" + SECOND,  # parts of one interview
        "Interview 1 of 2\n" + FIRST + "Interview 2 of 2\n" + SECOND,
        "Round 1: warm-up questions\n" + FIRST + "Round 2: main questions\n" + SECOND,  # rounds of one group
        "T 1 - 00:00:12\n" + FIRST + "T 2 - 00:05:40\n" + SECOND,  # a tape's marks
        "First interview, I was very nervous about it.\n"
        + FIRST
        + "Second interview, I felt much better.\n"
        + SECOND,
        "T1: Good morning everyone, welcome to the class today\n"
        + FIRST
        + "T2: Yes and I would add one thing here\n"
        + SECOND,
    ],
)
def test_lines_that_are_not_a_persons_interviews_do_not_cut(text):
    assert find_sections(text) == Sections(None)


def test_numbering_from_zero_a_continued_interview_and_a_contents_list():
    zero = "T0 interview (baseline)\n" + FIRST + "T1 interview\n" + SECOND + "T2 interview\n" + THIRD
    assert [s.position for s in wave_sections(zero)] == [1, 2, 3]
    continued = "Interview 1\n" + FIRST + "Interview 2\n" + SECOND + "Interview 2 (continued)\n" + THIRD
    assert [(s.position, s.heading) for s in wave_sections(continued)] == [
        (1, "Interview 1"),
        (2, "Interview 2"),
    ]
    assert wave_sections(continued)[1].end == len(continued)  # the continuation is the second interview's
    contents = (
        "Hamid (pseudonym) - contents\nInterview 1\nInterview 2\n\nInterview 1 (19 March 2019)\n"
        + FIRST
        + "Interview 2 (11 June 2020)\n"
        + SECOND
    )
    sections = wave_sections(contents)
    assert [s.heading for s in sections] == ["Interview 1 (19 March 2019)", "Interview 2 (11 June 2020)"]
    assert sections[0].start == 0  # the contents list stays with the first interview's words


def test_headings_that_cannot_be_read_in_order_are_said(tmp_path):
    short = "Interview 1\n" + FIRST + "Interview 2\n" + SECOND + "Interview 3\nNot conducted: withdrew.\n"
    assert find_sections(short).doubt == "'Interview 3' (line 11) has 3 word(s) under it, not an interview's"
    backwards = "Interview 2\n" + FIRST + "Interview 1\n" + SECOND
    assert "do not count up" in find_sections(backwards).doubt
    study, said = _load(write(tmp_path / "Ann.txt", short))
    assert list(study.documents["doc_id"]) == ["Ann"]
    message = next(m for m in said if "seem to hold several interviews" in m)
    assert (
        "'Interview 3' (line 11) has 3 word(s) under it" in message
        and "number each interview's heading in order" in message
    )


def test_a_late_joiner_is_placed_by_the_dates_of_her_headings(tmp_path):
    root = tmp_path / "s"
    write(
        root / "Ivy.txt", "Interview 1 - 3 June 2020\n" + FIRST + "Interview 2 - 1 February 2021\n" + SECOND
    )
    manifest = {
        "name": "g",
        "waves": [
            {"id": "W1", "start": "2019-03-01", "end": "2019-04-30"},
            {"id": "W2", "start": "2020-05-15", "end": "2020-07-15"},
            {"id": "W3", "start": "2021-01-01", "end": "2021-02-28"},
        ],
        "documents": [{"path": "Ivy.txt", "case": "Ivy"}],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, said = _load(root)
    docs = study.documents.set_index("doc_id")
    assert docs.loc[["Ivy_W2", "Ivy_W3"], "wave_id"].tolist() == ["W2", "W3"]
    assert study.attrition().loc["Ivy", ["W1", "W2", "W3"]].tolist() == [
        "not yet joined",
        "present",
        "present",
    ]
    assert any("each at the wave whose dates hold its heading's" in m for m in said)
    assert not any("outside their wave" in m for m in said)


def test_the_first_interview_is_dated_by_its_heading_below_a_title(tmp_path):
    text = (
        "Ann (pseudonym)\n\nInterview 1 - 12 March 2019\n" + FIRST + "\nInterview 2 - 4 June 2020\n" + SECOND
    )
    study, _ = _load(write(tmp_path / "DocExample.txt", text))
    assert [str(day)[:10] for day in study.documents["date"]] == ["2019-03-12", "2020-06-04"]
    note = next(n for n in study.meta["inferred"] if n.startswith("single file:"))
    assert "waves by its headings" in note and "wave 'W1'" not in note


def test_the_template_gives_per_person_folders_ids_that_load_back(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann" / "transcript.txt", ANN)
    write(
        root / "Bo" / "transcript.txt",
        "Interview 1 - 1 April 2019\n"
        + FIRST.replace("Ann", "Bo")
        + "Interview 2 - 2 July 2020\n"
        + SECOND.replace("Ann", "Bo"),
    )
    write(
        root / "Cy" / "transcript.txt",
        "Interviewer: Hello there?\nCy: Hello.\nInterviewer: So?\nCy: So it goes.\n",
    )
    write(root / "study.yaml", template_for(root))
    study, _ = _load(root)
    docs = study.documents.set_index("doc_id")
    assert sorted(docs.index) == ["Ann_W1", "Ann_W2", "Ann_W3", "Bo_W1", "Bo_W2", "Cy_W1_interview"]
    assert docs.loc["Cy_W1_interview", "case_id"] == "Cy"  # three files named alike: ids that tell them apart


def test_a_files_interviews_take_their_places_among_the_case_documents(tmp_path):
    root = tmp_path / "s"
    write(root / "Ann.txt", ANN)
    write(root / "memo.md", "# Note\n\nAnn was tired today.\n")
    manifest = {
        "name": "g",
        "waves": [{"id": "W1"}, {"id": "W2"}, {"id": "W3"}],
        "documents": [
            {"path": "Ann.txt", "case": "Ann"},
            {"path": "memo.md", "case": "Ann", "wave": "W2", "kind": "memo"},
        ],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, _ = _load(root)
    assert list(study.documents["doc_id"]) == ["Ann_W1", "Ann_W2", "memo", "Ann_W3"]


def test_a_participant_line_and_a_pseudonym_line_above_the_interviews_are_no_ones_turns(tmp_path):
    text = "Participant: Bilal (pseudonym), joined at wave 2\nPseudonym: Bilal (P07)\n\nInterview 1 - 3 June 2020\n" + FIRST + "Interview 2 - 1 May 2021\n" + SECOND
    study, _ = _load(write(tmp_path / "Bilal.txt", text))
    speakers = set(study.segments["speaker"].dropna())
    assert speakers == {"Interviewer", "Ann"}
    assert any("the header line 'Participant: Bilal (pseudonym), joined at wave 2' names the participant" in n for n in study.meta["inferred"])


def test_a_wave_a_manifest_leaves_to_the_name_is_said_as_the_entry_or_name(tmp_path):
    root = tmp_path / "s"
    write(root / "Grace_W2_interview.txt", ANN)
    manifest = {"name": "g", "waves": [{"id": "W1"}, {"id": "W2"}, {"id": "W3"}], "documents": [{"path": "Grace_W2_interview.txt", "case": "Grace"}]}
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, said = _load(root)
    assert list(study.documents["wave_id"]) == ["W2"]
    assert any("its entry or name gives wave W2 (write 'wave: headings' in its study.yaml entry)" in m for m in said)


def test_a_heading_with_a_colon_places_and_dates_its_interview_alike(tmp_path):
    # The wave a heading's date places an interview at and the date the interview gets are one reading of the heading.
    root = tmp_path / "s"
    write(root / "Ivy.txt", "Interview 1: 3 June 2020\n" + FIRST + "Interview 2: 1 February 2021\n" + SECOND)
    manifest = {
        "name": "g",
        "waves": [
            {"id": "W1", "start": "2019-03-01", "end": "2019-04-30"},
            {"id": "W2", "start": "2020-05-15", "end": "2020-07-15"},
            {"id": "W3", "start": "2021-01-01", "end": "2021-02-28"},
        ],
        "documents": [{"path": "Ivy.txt", "case": "Ivy"}],
    }
    write(root / "study.yaml", yaml.safe_dump(manifest))
    study, _ = _load(root)
    docs = study.documents.set_index("doc_id")
    assert docs.loc[["Ivy_W2", "Ivy_W3"], "wave_id"].tolist() == ["W2", "W3"]
    assert [str(day)[:10] for day in docs.loc[["Ivy_W2", "Ivy_W3"], "date"]] == ["2020-06-03", "2021-02-01"]


def test_a_timed_speakers_turn_naming_a_date_is_no_heading():
    assert find_sections("W1: I met her on 3 March 2019 at the centre\n" + FIRST + "W2: and again on 9 May 2020 at her flat\n" + SECOND) == Sections(None)
