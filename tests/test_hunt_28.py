"""Real files, twenty-eighth pass: interview transcripts cleaned into Markdown and a report converted from PDF (stop 56).

A master's thesis's expert interviews, "translated and cleaned", set each turn under a Markdown heading naming its
speaker, the first ones with the recording's time ("### Interviewer (00:03)"), the later ones without, and the
interviewer's turns say what was asked in reported speech, with no question mark. A capstone report's appendix,
converted from PDF to Markdown, labels each turn in bold with its time inside the bold ("**Bin (04:43):**"), names who
asks and who answers in a header ("**Respondent:** Name — Science Faculty, …") and keeps the PDF's running footer and
page number between a turn's sentences. Every text here is written by the test, in the conventions the real files use,
with words of our own.
"""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._readers import _converted_page_footers
from qlr.io._segment import segment_turns

from .test_hunt_27 import _load, _turns

# An expert interview as the thesis's cleaned transcripts set it: headings with times at first, then without.
_CLEANED = """# Expert Interview Transcript (Translated & Cleaned)

**Date:** April 29, 2026

---

## Interview

### Interviewer (00:03)
I explained that the thesis compares two kinds of forecast for the allotment society's harvest.

---

### Expert (02:10)
I know the old forecast well. It looks back one week, which fails after a bank holiday.

---

### Interviewer
So the old method breaks when the week before is not comparable.

---

### Expert
Exactly. The reference week matters more than the model.

---

### Interviewer
I then asked whether the charts would help the committee.

---

### Expert
They would, if the small bars were easier to read.
"""


def test_timed_headings_over_reported_questions_are_turns(tmp_path):
    # Before: no convention read "### Interviewer (00:03)", and the headings without times asked no question, so the
    # whole interview was one unlabelled voice (38 paragraphs of no one in the real file, with the no-labels warning).
    study = _load(tmp_path, "E01_W1_interview.md", _CLEANED)
    assert _turns(study) == [("∅", 10), ("Interviewer", 15), ("Expert", 17), ("Interviewer", 12), ("Expert", 9), ("Interviewer", 10), ("Expert", 10)]
    assert study.segments["timestamp"].tolist()[1:3] == [3.0, 130.0]
    assert study.segments["speaker_role"].tolist()[1:3] == ["interviewer", "participant"]
    # The time is no one's words, nor is the heading.
    assert study.segment_texts().iloc[1].startswith("I explained that")


def test_headings_without_a_time_or_a_question_stay_sections():
    # The same headings with no time anywhere: section headings of a report as far as qlr can tell (as before).
    untimed = _CLEANED.replace(" (00:03)", "").replace(" (02:10)", "")
    assert segment_turns(untimed) is None
    # An agenda's timed headings name no interviewer: sections, however often they come back.
    agenda = "".join(f"### Break ({h}:00)\nTea in the hall.\n\n### Talk ({h}:30)\nThe garden plan.\n\n" for h in (9, 10, 11))
    assert segment_turns(agenda) is None
    # Times that go back are no one recording: left as they were.
    backwards = _CLEANED.replace("(02:10)", "(00:01)")
    assert segment_turns(backwards) is None


# A capstone report's appendix as converted from PDF: bold labels with the time inside the bold, a header naming who
# asks and who answers, and the PDF's footer ("_Riverside College_" over the page's number) inside turns, a page's
# text between one footer and the next (the real pages hold 1,400 to 1,700 characters each).
_APPENDIX = """##### **Interview Transcript 2**

**Interviewer:** Tomas Reyes (Tomas)

**Respondent:** Ma'am Alma B. Cruz — Science Faculty, Riverside College

##### **Transcript:**

**Tomas Reyes (00:01):** Good day, Ma'am. This interview is about how the laboratory lends its microscopes to

_Riverside College_

53

the students of each class.

**Tomas Reyes (00:41):** Do you know how lending is meant to work here?

##### **Ma'am Alma B. Cruz (00:43):** Yes.

**Tomas Reyes (00:45):** Can you describe it?

**Ma'am Alma B. Cruz (00:54):** We do not lend formally. If a microscope is free, the class uses it. The older ones sit in
the cupboard by the window, and nobody writes down which class took which, so at the end of the term we count them
again and find that two or three have gone to the other building or lost their lenses. The students are careful,
but they are many, and the rooms change from week to week.

_Riverside College_

54

**Tomas Reyes (01:21):** You said the rooms change from week to week and that nobody writes down which class took
which microscope. The system we are building would keep that record for you, with the borrower's name, the class,
the date it left and the date it came back, and it would remind the borrower when the date has passed. Before we
build the approval step, who should approve a request?

**Ma'am Alma B. Cruz (01:33):** One person in charge of the room, and the teachers watch over what is missing.

_Riverside College_

55

That way nothing goes astray.
"""


def test_bold_labels_with_their_time_inside_the_bold(tmp_path):
    # Before: "**Name (00:01):**" matched no convention; the header's "**Respondent:**" line took every turn after it
    # (6 segments, the interviewer none: the real appendix's 27 turns read as 3 of "Respondent").
    study = _load(tmp_path, "A02_W1_interview.md", _APPENDIX)
    speakers = study.segments["speaker"].fillna("∅").tolist()
    assert speakers == ["∅", "Tomas Reyes", "Tomas Reyes", "Ma'am Alma B. Cruz", "Tomas Reyes", "Ma'am Alma B. Cruz", "Tomas Reyes", "Ma'am Alma B. Cruz"]
    assert study.segments["timestamp"].tolist()[1:] == [1.0, 41.0, 43.0, 45.0, 54.0, 81.0, 93.0]
    roles = dict(zip(study.segments["speaker"].dropna(), study.segments["speaker_role"].dropna()))
    assert roles == {"Tomas Reyes": "interviewer", "Ma'am Alma B. Cruz": "participant"}
    texts = study.segment_texts().tolist()
    assert texts[3] == "Yes."  # the label's colon and bold are no one's words
    # The header (title, who asks, who answers and what they teach) is no one's turn.
    assert "Respondent" in texts[0] and "Science Faculty" in texts[0]


def test_pdf_footers_inside_turns_are_cut_and_the_paragraph_joined(tmp_path):
    # Before: "_Riverside College_" and "53" were the speakers' words, cutting a sentence in two.
    study = _load(tmp_path, "A02_W1_interview.md", _APPENDIX)
    texts = study.segment_texts().tolist()
    assert not any("Riverside College_" in text or "\n53" in text for text in texts[1:])
    assert texts[1] == "Good day, Ma'am. This interview is about how the laboratory lends its microscopes to\nthe students of each class."
    # A footer after a finished sentence leaves a paragraph break: the next words are the same turn's.
    assert texts[-1] == "One person in charge of the room, and the teachers watch over what is missing.\n\nThat way nothing goes astray."
    notes = qlr.io.load_notes(study)
    # The notes say how many lines went and which: the running line itself and the pages it numbered.
    assert any(
        "6 lines of a PDF's running footer and page numbers, the text converted ('_Riverside College_' over pages 53–55)" in note
        for note in notes["note"]
    )


def test_page_footers_need_three_rising_pages_and_a_line_that_is_no_turn():
    # Two pages only: too few to tell a footer from the text (left as it was).
    two = "We went on\n\n_Report_\n\n4\n\nand on.\n\n_Report_\n\n5\n\nThe end.\n"
    assert _converted_page_footers(two) == (two, {})
    # A question answered with a number three times is an interview, numbers not rising: no footers.
    asked = "How many rooms?\n\n3\n\nHow many rooms?\n\n2\n\nHow many rooms?\n\n4\n"
    assert _converted_page_footers(asked) == (asked, {})
    # A speaker's turn over a number ("Ann: Rooms?" over "3") is a turn however the numbers rise.
    turns = "Ann: Rooms?\n\n3\n\nAnn: Rooms?\n\n4\n\nAnn: Rooms?\n\n5\n"
    assert _converted_page_footers(turns) == (turns, {})
    # A number inside a paragraph (a list's count, a year on its own line under words) is no page's.
    inline = "_Report_\n4\nand on.\n\n_Report_\n5\nmore.\n\n_Report_\n6\nend.\n"
    assert _converted_page_footers(inline) == (inline, {})


def test_a_header_name_with_a_dash_description_names_the_respondent():
    # "Respondent: Name — what they do" declares the name the turns use; before, the line was a turn of "Respondent".
    text = "Interviewer: Tomas Reyes\n\nRespondent: Alma Cruz — Science Faculty, Riverside\n\nTomas Reyes: Why?\n\nAlma Cruz: Rent.\n\nTomas Reyes: And?\n\nAlma Cruz: Time.\n"
    # The two header lines are no one's (the None before the turns).
    assert [segment.speaker for segment in segment_turns(text)] == [None, "Tomas Reyes", "Alma Cruz", "Tomas Reyes", "Alma Cruz"]
    # A sentence after "Respondent:" with a dash in it is that speaker's words, as before.
    said = "Interviewer: Why?\n\nRespondent: Okay — so we left.\n\nInterviewer: And?\n\nRespondent: Rent — mostly.\n"
    assert [segment.speaker for segment in segment_turns(said)] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]


def test_no_interviewer_warning_gone_for_the_cleaned_interview(tmp_path):
    # The real file warned that no label was recognised; now the interviewer's turns are known, so nothing warns
    # (any QlrWarning is an error in the tests).
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", NoInterviewerWarning)
        study = _load(tmp_path, "E01_W1_interview.md", _CLEANED)
    assert (study.segments["speaker_role"] == "interviewer").sum() == 3


@pytest.mark.parametrize("label", ["**Ann (00:41):** Why?", "**Ann (00:41)**: Why?", "**Ann (00:41)** Why?"])
def test_bold_label_time_spellings(label):
    text = f"{label}\n\n**Bo (00:50):** Rent.\n\n**Ann (01:02):** And?\n\n**Bo (01:10):** Time.\n"
    segments = segment_turns(text)
    assert [(s.speaker, s.timestamp, text[s.start : s.end]) for s in segments][0] == ("Ann", 41.0, "Why?")
    assert [s.speaker for s in segments] == ["Ann", "Bo", "Ann", "Bo"]


def test_an_agendas_bold_items_with_times_are_no_voices():
    # A meeting's agenda sets each item in bold with its clock time: each once, so no one speaks (a time in brackets
    # inside the bold makes a label only where it comes back or answers the interviewer).
    agenda = "Open day, 3 May\n\n**Welcome (09:00):** The chair opens.\n\n**Keynote (09:30):** A talk on gardens.\n\n**Lunch (12:00):** Food in the hall.\n"
    assert segment_turns(agenda) is None


# A podcast's transcript on a web page: each name with its colon alone on its line over the words, the guest writing her
# name in lower case ("danah:", as danah boyd does).
_PODCAST = """**Podcast Transcript**
Rosa:
Hello and welcome to the garden podcast. Today I talk with kesi, who studies allotments.
Rosa:
Hello, kesi. Good to have you.
kesi:
Thanks for having me.
Rosa:
What have you learned from the waiting lists?
kesi:
That people wait ten years for a plot.
kesi:
And that the committees rarely ask them what they want.
Rosa:
Why is that?
kesi:
Habit, mostly.
"""


def test_a_lower_case_name_alone_on_its_line_takes_turns(tmp_path):
    # Before: "kesi:" opened no turn, so every "Rosa:" followed another "Rosa:" and all the labels were read as headings
    # (the real page: 3 segments of no one; now 16 turns of two voices).
    study = _load(tmp_path, "bias_podcast.md", _PODCAST, manifest="documents:\n- path: bias_podcast.md\n  case: W\n  wave: W1\n  kind: interview\nspeakers:\n  Rosa: interviewer\n")
    assert study.segments["speaker"].fillna("∅").tolist() == ["∅", "Rosa", "Rosa", "kesi", "Rosa", "kesi", "kesi", "Rosa", "kesi"]
    assert study.segment_texts().tolist()[3] == "Thanks for having me."


def test_lower_case_lines_with_a_colon_that_are_no_voices():
    # A YAML block, a list under a lower-case heading, an English word over a line: none is a speaker, as before.
    yaml_like = "Ann:\nWhy?\nsettings:\n  depth: 3\nAnn:\nAnd?\nsettings:\n  depth: 4\nBo:\nFine.\nsettings:\n  depth: 5\n"
    assert {s.speaker for s in segment_turns(yaml_like)} <= {"Ann", "Bo", None}
    listed = "Ann:\nWhat did you pack?\nkitbag:\n- rope\nBo:\nA tent.\nkitbag:\n- stove\nAnn:\nWhy?\nkitbag:\n- map\n"
    assert {s.speaker for s in segment_turns(listed)} <= {"Ann", "Bo", None}
    worded = "Ann:\nWhat happened?\nanyway:\nwe left.\nBo:\nWe stayed.\nanyway:\nthey came.\nAnn:\nWhy?\nanyway:\nit rained.\n"
    assert {s.speaker for s in segment_turns(worded)} <= {"Ann", "Bo", None}


# Review of this pass (stop 56): lines said over counted numbers close together are speech, not a page's footer.
_LONG = "We talked about the rent and the landlord and the neighbours for a long while that afternoon. " * 5


@pytest.mark.parametrize(
    "text",
    [
        # A participant quoting a coach who counted the laps: the same line over 1, 2, 3, a few words apart.
        "Interviewer: What did the coach shout?\n\nParticipant: Every lap he shouted:\n\nOne more lap\n\n1\n\nOne more lap\n\n2\n\nOne more lap\n\n3\n\nand we ran.\n",
        # A guided breathing exercise, counted.
        "Guide: Close your eyes.\n\nBreathe in slowly\n\n1\n\nBreathe in slowly\n\n2\n\nBreathe in slowly\n\n3\n\nGuide: How was that?\n",
        # A recipe's steps, each numbered under the same word.
        "# Steps\n\nStep\n\n1\n\nMix the flour.\n\nStep\n\n2\n\nAdd water.\n\nStep\n\n3\n\nBake.\n",
        # Years under the same word, a page's text apart: they rise, but by more than a page.
        f"R: {_LONG}\n\nSpring\n\n1990\n\n{_LONG}\n\nSpring\n\n1995\n\n{_LONG}\n\nSpring\n\n2001\n\nthat was it.\n",
        # A Markdown rule over numbered slides: a line with no letter runs no page.
        f"R: {_LONG}\n\n---\n\n2\n\n{_LONG}\n\n---\n\n3\n\n{_LONG}\n\n---\n\n4\n\nEnd.\n",
    ],
)
def test_counted_lines_are_no_page_footers(text):
    # Before this review each lost its repeated line and its numbers (6 or 8 lines), the speaker's words among them.
    assert _converted_page_footers(text) == (text, {})


def test_a_page_footer_a_pages_text_apart_is_cut_and_named():
    text = "".join(f"I: {_LONG}and then\n\n_Universität Wien_\n\n{page}\n\nwe left.\n\n" for page in (4, 5, 6))
    cut, removed = _converted_page_footers(text)
    assert "Wien" not in cut and cut.count("and then\nwe left.") == 3
    assert removed == {"lines of a PDF's running footer and page numbers, the text converted ('_Universität Wien_' over pages 4–6)": 6}


def test_a_timed_bold_voice_kept_alone_reads_no_one():
    # A guest who speaks once under "**Bo (00:30):**": before this review Ann's label was kept (it comes back) and Bo's
    # words, label and all, became Ann's turn. One voice alone is no conversation: read as before this pass (no one).
    once = "**Ann (00:01):** Welcome to the show.\n\n**Bo (00:30):** Thanks, glad to be here.\n\n**Ann (01:00):** Let me tell you the history.\n\n**Ann (02:00):** It began long ago.\n"
    assert segment_turns(once) is None
    # An agenda whose first item comes back: "Welcome" took the keynote and the lunch as its words.
    agenda = "Open day\n\n**Welcome (09:00):** The chair opens.\n\n**Keynote (09:30):** A talk.\n\n**Lunch (12:00):** Food.\n\n**Welcome (13:00):** Afternoon.\n"
    assert segment_turns(agenda) is None
    # Where two voices come back, a third speaking once is a voice too.
    three = "**Ann (00:41):** Why did you move?\n\n**Bo (00:50):** Rent.\n\n**Cy (00:55):** And the noise.\n\n**Ann (01:02):** And then?\n\n**Bo (01:10):** We left.\n"
    assert [(s.speaker, three[s.start : s.end]) for s in segment_turns(three)] == [
        ("Ann", "Why did you move?"), ("Bo", "Rent."), ("Cy", "And the noise."), ("Ann", "And then?"), ("Bo", "We left."),
    ]


def test_minutes_with_timed_role_headings_stay_sections():
    # A team's minutes headed by who reported, with the clock's times (10:00 read as ten minutes in): before this review
    # "Interviewer" and "Chair" became speakers of a meeting no one recorded. The thesis's first heading is 3 s in.
    minutes = (
        "# Minutes\n\n### Interviewer (10:00)\nThe team agreed the guide.\n\n### Chair (10:15)\nThe budget was approved.\n\n"
        "### Interviewer (10:30)\nRecruitment starts in May.\n\n### Chair (10:45)\nMeeting closed.\n"
    )
    assert segment_turns(minutes) is None
