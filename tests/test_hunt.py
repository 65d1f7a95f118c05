"""Real files, eighth pass: lookalikes of layouts found in published transcripts (stop 37)."""

from __future__ import annotations

import pytest

import qlr
from qlr.io._segment import UNLABELLED_ANSWER, segment_turns

from .conftest import write


def test_questions_labelled_throughout_and_the_answer_only_at_first(tmp_path):
    # A Word transcript labels the first answer ("P: …"), then only the questions ("I: …"):
    # each answer sat unlabelled under the next question, and was read as the interviewer's.
    text = (
        "Participant 7 - Female, 30, Leeds\n"
        "I: Shall we begin with the first box?\n"
        "P: I drew my flat, with the door shut all day.\n"
        "I: Before the second box, can I ask more about the first one?\n"
        "Yes, go on.\n"
        "I: What does the shut door mean to you?\n"
        "That nobody knocks any more, not since the bakery closed.\n"
        "I: And the bakery was where you met people…\n"
        "Every morning, the same faces at the counter.\n"
        "I: So it sounds like the counter was your meeting place.\n"
        "It was, and now there is nothing like it on the street.\n"
        "I: Thank you, I'll stop the recording now.\n"
    )
    found = segment_turns(text)
    got = [(s.speaker, text[s.start : s.end]) for s in found]
    assert ("P", "I drew my flat, with the door shut all day.") in got
    answers = [words for speaker, words in got if speaker == UNLABELLED_ANSWER]
    assert answers == [
        "Yes, go on.",
        "That nobody knocks any more, not since the bakery closed.",
        "Every morning, the same faces at the counter.",
        "It was, and now there is nothing like it on the street.",
    ]
    # The questions keep their own words only.
    assert [words for speaker, words in got if speaker == "I"][3] == "And the bakery was where you met people…"
    study = qlr.load(write(tmp_path / "P07_W1_interview.txt", text), progress=False)
    assert list(study.segments["speaker_role"].iloc[1:]) == ["interviewer", "participant"] * 5 + ["interviewer"]
    assert any("the participant's only 1 time(s)" in note and "4 question(s)" in note for note in study.meta["inferred"])


def test_both_sides_labelled_are_not_split():
    # Where the participant's label comes back after most questions, the interviewer's turns stay whole.
    text = (
        "I: How did you start?\nP: By chance.\n"
        "I: Did it last?\nP: Two years.\n"
        "I: Was that a good time?\nWell, mostly it was.\nP: And then the move.\n"
    )
    got = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert UNLABELLED_ANSWER not in {speaker for speaker, _ in got}
    assert ("I", "Was that a good time?\nWell, mostly it was.") in got


def test_markdown_headings_that_are_only_names_label_the_words_below(tmp_path):
    # A thesis's transcripts converted to Markdown: each turn under a heading holding only who speaks,
    # sometimes with a blank line between. The whole interview was one unlabelled voice.
    text = (
        "# Transcript\n\n"
        "### Interviewer\n\nThanks for making time. Shall we look at the prototype first?\n\n"
        "### Site Manager\nYes, though I only saw it once.\n\n"
        "### Interviewer\nWhat did you make of the order screen?\n\n"
        "### Site Manager\n\nIt is quicker than the paper form, but the codes confuse the night shift.\n"
        "Most of them ask me anyway.\n\n"
        "### Interviewer\nWould a short guide help?\n\n"
        "### Site Manager\nProbably, if it fits on one page.\n"
    )
    got = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert got[0] == (None, "# Transcript")
    assert [speaker for speaker, _ in got[1:]] == ["Interviewer", "Site Manager"] * 3
    assert got[4] == ("Site Manager", "It is quicker than the paper form, but the codes confuse the night shift.\nMost of them ask me anyway.")
    study = qlr.load(write(tmp_path / "SM1_W1_interview.md", text), progress=False)
    assert list(study.segments["speaker_role"].iloc[1:]) == ["interviewer", "participant"] * 3


def test_markdown_section_headings_stay_headings():
    # Headings seen once each, or not taking turns, are a document's sections, not speakers.
    sections = "## Background\nWe met at the hall in May.\n\n## Findings\nIt went well?\n\n## Next steps\nA second visit.\n"
    assert segment_turns(sections) is None
    notes = "## Kitchen\nDamp by the window.\n\n## Kitchen\nMould on the ceiling.\n\n## Bedroom\nCold.\n\n## Bedroom\nDraught.\n"
    assert segment_turns(notes) is None


def test_bold_names_without_a_colon_label_the_turns(tmp_path):
    # "**Interviewer** words" and "**Team Lead** words", no colon, as a published Markdown transcript writes them.
    text = (
        "**Interviewer** Today I would like to check the themes I found. Do they sound right to you?\n\n"
        "There are four of them.\n\n"
        "**Team Lead** Broadly yes, the hand-over one especially.\n\n"
        "**Interviewer** And is anything missing?\n\n"
        "**Team Lead** Maybe training, it keeps coming up in our meetings.\n\n"
        "**Interviewer** Thank you, that helps.\n\n"
        "**Team Lead** Glad to.\n"
    )
    got = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert [speaker for speaker, _ in got] == ["Interviewer", "Team Lead"] * 3
    assert got[0][1].endswith("There are four of them.")
    study = qlr.load(write(tmp_path / "TL1_W1_interview.md", text), progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant"] * 3


def test_bold_lead_words_in_prose_are_no_speakers():
    text = "**Note** the room was cold all morning.\n\nWe started late.\n\n**Update** the heating was fixed by noon.\n"
    assert segment_turns(text) is None


def test_otter_names_without_times_label_the_words_below(tmp_path):
    # Otter's export with times left out writes each name and two spaces alone on a line; its
    # speech recognition may write no question mark in the whole transcript.
    text = (
        "## Transcript\n\n"
        "Dana Okafor  \nwelcome back everyone and today I am joined by the two founders of the studio\n\n"
        "Lee Tran  \nthanks for having us we started the studio three years ago after the jam\n\n"
        "Mia Sousa  \nand I joined a bit later mostly for the art and the levels\n\n"
        "Dana Okafor  \nso how did the first prototype come together\n\n"
        "Lee Tran  \nvery slowly honestly we rebuilt it twice\n\n"
        "Mia Sousa  \nthree times if you count the paper one\n"
    )
    got = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert [speaker for speaker, _ in got] == [None] + ["Dana Okafor", "Lee Tran", "Mia Sousa"] * 2
    assert got[5] == ("Lee Tran", "very slowly honestly we rebuilt it twice")
    write(tmp_path / "study.yaml", "documents:\n  - path: studio_W1_interview.md\n    case: studio\n    wave: W1\n    speakers: {Dana Okafor: interviewer}\n")
    write(tmp_path / "studio_W1_interview.md", text)
    study = qlr.load(tmp_path, progress=False)
    assert list(study.segments["speaker_role"].iloc[1:]) == ["interviewer", "participant", "participant"] * 2


def test_lines_ending_in_two_spaces_are_no_speakers_in_prose():
    # Markdown's line break after a name in an address or a sign-off is no label.
    text = "Thanks for the visit.  \nBest wishes,  \nAnna Berg  \nTown Hall  \n"
    assert segment_turns(text) is None


@pytest.mark.filterwarnings("ignore::qlr.errors.NoInterviewerWarning")
def test_whisper_text_with_its_times_reads_as_its_captions(tmp_path):
    # Whisper's command line prints "[mm:ss.mmm --> mm:ss.mmm]  words" a line; saved as .txt, the times
    # were words (two a line: a quarter of the words) and the whole recording one passage.
    lines = [
        "Welcome back to the garden podcast.",
        "Today I am talking with the allotment committee.",
        "We will hear how the plots are shared out.",
        "Thanks for having me.",
    ]
    stamps = [(0, 3.2), (3.5, 6.0), (6.0, 9.75), (10.1, 11.0)]
    text = "".join(f"[{int(a // 60):02d}:{a % 60:06.3f} --> {int(b // 60):02d}:{b % 60:06.3f}]  {words}\n" for (a, b), words in zip(stamps, lines))
    captions = "".join(f"{i}\n00:{int(a // 60):02d}:{a % 60:06.3f} --> 00:{int(b // 60):02d}:{b % 60:06.3f}\n{words}\n\n".replace(".", ",", 2) for i, ((a, b), words) in enumerate(zip(stamps, lines), 1))
    write(tmp_path / "txt" / "G1_W1_interview.txt", text)
    write(tmp_path / "srt" / "G1_W1_interview.srt", captions)
    as_text = qlr.load(tmp_path / "txt", progress=False)
    as_captions = qlr.load(tmp_path / "srt", progress=False)
    assert as_text.documents["text"].iloc[0] == as_captions.documents["text"].iloc[0] == " ".join(lines)
    assert int(as_text.documents["n_words"].iloc[0]) == sum(len(words.split()) for words in lines)
    assert as_text.segments["timestamp"].iloc[0] == 0.0


def test_a_text_with_one_whisper_line_among_others_is_left_as_written():
    from qlr.io._readers import _whisper_lines

    assert _whisper_lines("Notes from the call\n[00:01.000 --> 00:02.000]  quoted cue\nmore notes\nand more\n") is None


def test_a_transcript_kept_as_a_spreadsheet_is_told_how_to_be_read(tmp_path):
    # Whisper's .tsv (start, end, text) and a classroom transcript in Excel were told only about
    # survey exports, codings and codebooks.
    from qlr.errors import DocumentFormatError

    path = write(tmp_path / "talk.tsv", "start\tend\ttext\n0\t2500\tHello there.\n2500\t4000\tHi.\n")
    with pytest.raises(DocumentFormatError) as caught:
        qlr.load(path, progress=False)
    message = str(caught.value)
    assert "talk.tsv" in message and "a transcript kept as a table" in message and ".srt, .vtt or .json" in message


def _bold_question_docx(path, paragraphs):
    """A Word file of (text, bold) paragraphs, an empty paragraph after each, as the transcribers typed them."""
    import docx

    document = docx.Document()
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
        document.add_paragraph()
    document.save(path)
    return path


def test_word_transcript_with_the_questions_in_bold_and_no_labels(tmp_path):
    # No one is labelled: the interviewer's turns are set in bold, the answers plain. The whole
    # interview was one unlabelled voice, questions coded as the participant's words.
    _bold_question_docx(
        tmp_path / "R12_W1_interview.docx",
        [
            ("Interview 12 - Female, 31, Salford", True),
            ("Could you start with what you drew in the first box?", True),
            ("It is my kitchen table, where everyone used to sit after work.", False),
            ("Before the second box, may I ask more about the table?", True),
            ("Sure.", False),
            ("Who sits there now?", True),
            ("Mostly just me, and my neighbour on Sundays.", False),
            ("Since my brother moved away it has been quiet.", False),
            ("So the neighbour's visits matter to you…", True),
            ("They do, more than I tell her.", False),
            ("Thank you, I'll stop the recording there.", True),
        ],
    )
    study = qlr.load(tmp_path, progress=False)
    text = study.documents["text"].iloc[0]
    got = [(row.speaker_role if isinstance(row.speaker_role, str) else None, text[row.start : row.end]) for row in study.segments.itertuples()]
    assert got[0] == (None, "Interview 12 - Female, 31, Salford")
    assert [role for role, _ in got[1:]] == ["interviewer", "participant"] * 4 + ["interviewer"]
    assert got[6] == ("participant", "Mostly just me, and my neighbour on Sundays.\n\nSince my brother moved away it has been quiet.")
    assert any("5 paragraphs set wholly in bold read as the interviewer's turns" in note for note in study.meta["inferred"])


def test_bold_headings_over_prose_are_no_questions(tmp_path):
    path = _bold_question_docx(
        tmp_path / "N1_W1_notes.docx",
        [("Arrival", True), ("The hall was cold.", False), ("Morning session", True), ("Six came.", False),
         ("Lunch", True), ("Soup again?", False), ("Afternoon", True), ("Two stayed.", False)],
    )
    from qlr.io._readers import read_source

    assert read_source(path).bold_labels == []


def test_stacked_labels_that_do_not_pair_with_the_turns_are_said(tmp_path):
    # One table row: the labels stacked in the left cell (blank paragraphs standing them level with
    # the words), the turns in the right; an answer of two paragraphs makes the numbers differ, so
    # the labels cannot be paired from the file. The load notes say why, not only that words are outside turns.
    import docx

    document = docx.Document()
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].text = "Interviewer"
    for text in ["", "Respondent", "", "", "Interviewer", "Respondent", "Interviewer", "Respondent"]:
        left.add_paragraph(text)
    right.paragraphs[0].text = "What did you put in the first box?"
    for text in ["A bus stop, because I wait there most evenings on my own.", "And the second picture is the library.",
                 "Why the bus stop?", "Nobody talks there.", "Is that hard?", "Some nights, yes."]:
        right.add_paragraph(text)
    document.save(tmp_path / "B4_W1_interview.docx")
    with pytest.warns(qlr.errors.NoInterviewerWarning):
        study = qlr.load(tmp_path, progress=False)
    assert any("1 table(s) of speaker labels stacked beside turns whose numbers differ" in note for note in study.meta["inferred"])


def test_one_word_lines_with_markdowns_hard_break_are_no_otter_names():
    # Review: "Kitchen␣␣" / "Bedroom␣␣" (two trailing spaces are Markdown's line break) read as speakers.
    text = "".join(f"{'Kitchen' if i % 2 == 0 else 'Bedroom'}  \n{'Went to the centre, it was busy.' if i % 2 == 0 else 'Quiet day, only three came.'}  \n\n" for i in range(4))
    assert segment_turns(text) is None
