"""PDF text a researcher can quote: spaces, page furniture, line numbers, hyphenation."""

from __future__ import annotations

import re

import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io import read_document
from qlr.io._readers import clean_pdf_text

from .conftest import shared_fixture


def test_tabs_between_words_become_spaces():
    text, removed = clean_pdf_text(["Ann:\tWe\tmet\t\tevery\tweek."])
    assert text == "Ann: We met every week."
    assert removed == {}


def test_running_header_and_page_numbers_are_left_out():
    pages = [
        f"Eastbrook study - transcript C01\nAnn: Page {n} words here.\nPage {n} of 3" for n in (1, 2, 3)
    ]
    text, removed = clean_pdf_text(pages)
    assert "Eastbrook" not in text and "of 3" not in text
    assert text.count("Ann: Page") == 3
    assert removed == {"page headers and footers": 6}


def test_a_browser_printouts_two_running_lines_go_but_a_second_line_of_words_stays():
    # A page printed from a web tool: a date-and-title line over an address-and-page line.
    pages = [
        f"6/15/23, 9:24 PM Interview 10\nhttps://app.example.com/transcripts/120962/print {n}/3\n{words}"
        for n, words in ((1, "Dan: How did it start?\nAnn: We planned it"), (2, "together, me and the staff.\nDan: And now?"), (3, "Ann: We still do."))
    ]
    text, removed = clean_pdf_text(pages)
    assert text == "Dan: How did it start?\nAnn: We planned it\ntogether, me and the staff.\nDan: And now?\n\nAnn: We still do."
    assert removed == {"page headers and footers": 6}
    # A heading under a page number, its digits differing page by page, is the transcript's.
    pages = [f"Page {n} of 3\nSpeaker {n % 2 + 1}  {n}:15\nWords of page {n}, said.\n{end}" for n, end in ((1, "Yes."), (2, "No."), (3, "Maybe."))]
    text, removed = clean_pdf_text(pages)
    assert [line for line in text.split("\n") if line.startswith("Speaker")] == ["Speaker 2 1:15", "Speaker 1 2:15", "Speaker 2 3:15"]
    assert removed == {"page headers and footers": 3}
    # The line under a running header is kept when it does not recur.
    text, _ = clean_pdf_text(["REPORT\nDan: One?\nAnn: Yes.", "REPORT\nDan: Two?\nAnn: Yes.", "REPORT\nDan: Three?\nAnn: No."])
    assert text.startswith("Dan: One?") and "Dan: Two?" in text and "Dan: Three?" in text


def test_lines_the_page_wrapped_are_joined_but_labels_and_short_lines_stay():
    wide = "x" * 60
    page = "\n".join([
        f"Dan: {wide} how did the",  # full width: runs on
        "group start?",
        f"Ann: We planned it {wide} me and",
        f"the staff together, {wide} every",
        "week.",
        "Dan: Thanks.",  # a label: never joined onto the line before
        f"Ann: {wide} {wide[:18]}",
        "Dan: Who decides?",
        "Ann: We do.",
        "Short line.",
        "Another.",
    ])
    text, removed = clean_pdf_text([page])
    assert text.split("\n") == [
        f"Dan: {wide} how did the group start?",
        f"Ann: We planned it {wide} me and the staff together, {wide} every week.",
        "Dan: Thanks.",
        f"Ann: {wide} {wide[:18]}",
        "Dan: Who decides?",
        "Ann: We do.",
        "Short line.",
        "Another.",
    ]
    assert removed == {"wrapped lines joined": 3}
    # A name alone on its line opens what follows even after a line cut off mid-sentence (Delve's printout).
    cut_off = "\n".join(line for _ in range(3) for line in ("interviewer", wide + " and what about the", "interviewee", wide + " fine."))
    assert clean_pdf_text([cut_off])[0].split("\n") == [
        line for _ in range(3) for line in ("interviewer", wide + " and what about the", "interviewee", wide + " fine.")
    ]
    # A date or a name alone on its line, after a line that ends a sentence, opens what follows.
    dated = "\n".join(line for day in (3, 10, 17) for line in (f"{day} March 2024", wide + " and then we", "met again.", f"{wide} Done."))
    assert clean_pdf_text([dated])[0].split("\n") == [
        line for day in (3, 10, 17) for line in (f"{day} March 2024", f"{wide} and then we met again.", f"{wide} Done.")
    ]


def test_a_title_on_the_first_page_only_is_kept():
    text, _ = clean_pdf_text(["Interview\nAnn: Yes.", "Ann: And more."])
    assert text.startswith("Interview\n")


def test_line_number_column_is_dropped_but_a_lone_number_is_kept():
    text, removed = clean_pdf_text(["Dan: How many came?\nAnn:\n30\nDan: Right.\n1\n2\n3\n4"])
    assert text == "Dan: How many came?\nAnn: 30\nDan: Right."
    assert removed == {"line numbers": 4}


def test_numbers_opening_every_line_are_cut():
    page = "12 Dan: How was it?\n13 Ann: Good, we planned it\n14 together this time.\n15 Dan: Thanks."
    text, removed = clean_pdf_text([page])
    assert text == "Dan: How was it?\nAnn: Good, we planned it\ntogether this time.\nDan: Thanks."
    assert removed == {"line numbers": 4}


def test_numbers_that_do_not_count_up_are_text():
    page = "2019 was hard\n2018 was worse\n2020 was better"
    assert clean_pdf_text([page])[0] == page


def test_hyphenation_at_line_end_is_joined():
    text, removed = clean_pdf_text(["Ann: we co-\nordinated it and it was won-\nderful, a one-\nway street, one-way."])
    # "co-ordinated" and "wonderful" are not written elsewhere: the typesetter's hyphen goes;
    # "one-way" is written with its hyphen elsewhere in the document, so it stays.
    assert text == "Ann: we coordinated it and it was wonderful, a one-way street, one-way."
    assert removed == {"hyphenations joined": 3}


def test_a_turn_running_onto_the_next_page_stays_one_paragraph():
    text, _ = clean_pdf_text(["Ann: we met at the\n1/2", "2/2\ncentre every week.\nDan: Good."])
    assert text == "Ann: we met at the\ncentre every week.\nDan: Good."
    text, _ = clean_pdf_text(["Ann: we met.", "Dan: Good."])
    assert text == "Ann: we met.\n\nDan: Good."


@pytest.mark.parametrize("name", ["P1.pdf", "P2.pdf", "P3.pdf"])
def test_real_transcripts_quote_cleanly(name):
    path = shared_fixture(f"fixtures/real/pdf/{name}")
    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    pages = len(PdfReader(path).pages)
    source = read_document(path)
    assert "\t" not in source.text
    assert not re.search(r"(?m)^\d+(/\d+)?$", source.text), "a footer or line number is left in the text"
    assert source.removed["page headers and footers"] == pages
    assert source.removed["line numbers"] > 100
    # The interviewer writes as "Dan": loading says so, and which speakers: line names him.
    with pytest.warns(NoInterviewerWarning, match=r"Dan asks most of the questions: add 'speakers: \{Dan: interviewer\}'"):
        study = qlr.load(path, progress=False)
    turns = study.segments[study.segments["speaker"].notna()]
    # Every labelled turn of the PDF is a turn of the study, its words intact.
    assert (turns["speaker"] == "Dan").sum() == len(re.findall(r"(?m)^Dan:", raw))
    # P3 prints "Participant: So you don't have to manually resize …" at the foot of page 5 and again atop
    # page 6 (checked by eye): one turn, read once.
    printed_twice = {"P1.pdf": 0, "P2.pdf": 0, "P3.pdf": 1}[name]
    assert (turns["speaker"] == "Participant").sum() == len(re.findall(r"(?m)^Participant:", raw)) - printed_twice
    text = study.documents["text"].iloc[0]
    quotes = [text[s:e] for s, e in zip(turns["start"], turns["end"])]
    assert not any(re.search(r"\n\d+\n|^\d+/\d+", q) for q in quotes)
    assert all(q.strip() == q and q for q in quotes)


def test_a_turn_that_opens_several_pages_is_not_a_running_header():
    # Pages 2-4 happen to open with the same short answer; the running title is furniture.
    pages = [
        "Carers Voices, interview C65\nInterviewer: Did it help?\nTom: It did.",
        "Carers Voices, interview C65\nTom: Yeah.\nInterviewer: And the group?",
        "Carers Voices, interview C65\nTom: Yeah.\nInterviewer: And the staff?",
        "Carers Voices, interview C65\nTom: Yeah.\nInterviewer: Thank you.",
    ]
    text, removed = clean_pdf_text(pages)
    assert text.count("Tom: Yeah.") == 3
    assert "Carers Voices" not in text and removed == {"page headers and footers": 4}


def test_a_line_printed_again_atop_the_next_page_is_read_once():
    # PDPilotUserStudy's transcripts (a browser's print to PDF) repeat a page's last line at the top of the next.
    pages = [
        "1/2\nDan: Why scatter plots?\nParticipant: I know scatter plots can be used to, you know, analyze a single feature,",
        "2/2\nParticipant: I know scatter plots can be used to, you know, analyze a single feature,\nbut not the way we use them.\nDan: Yes. Yes.",
    ]
    text, removed = clean_pdf_text(pages)
    assert text.count("scatter plots can be used") == 1
    assert removed["lines printed again at the top of the next page"] == 1
    # A short line said twice (an answer, a name) is the speaker's, and stays.
    text, removed = clean_pdf_text(["1/2\nDan: Okay?\nAnn: Yes. Yes.", "2/2\nAnn: Yes. Yes.\nDan: Thanks."])
    assert text.count("Ann: Yes. Yes.") == 2 and "lines printed again at the top of the next page" not in removed


def test_a_heading_naming_an_interview_is_never_joined_onto_the_line_before():
    # A participant's file of several interviews printed to PDF: each heading on its own line under a full one.
    wide = "x" * 60
    lines = []
    for heading in ("Interview 1 - 20 March 2019", "Interview 2 - 10 June 2020", "Final interview - 2 February 2021"):
        lines += [heading, "Dan: How did it start?", f"Eilidh: {wide} we are the guests", f"who come to help out {wide} every", f"week, {wide} on Mondays."]
    text, _ = clean_pdf_text(["\n".join(lines)])
    assert [line for line in text.split("\n") if "interview" in line.lower()] == [
        "Interview 1 - 20 March 2019",
        "Interview 2 - 10 June 2020",
        "Final interview - 2 February 2021",
    ]
