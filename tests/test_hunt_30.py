"""Real files, thirtieth pass: the leftovers of the twenty-ninth, and the Densho Digital Archive's transcripts (stop 58).

The twenty-ninth pass left five things read wrongly: a project's questions and answers pasted under a short
interview read as turns; "Question (Interviewer):", "question:" and "Question." read as no label; tape marks past
ten in words ("Beginning Tape Eleven, Side A"); a Spanish or German transcript spelling out "P:"/"F:" as
"Pregunta"/"Frage" leaving that letter a participant; and an archive's page stamps in a text copy read as the
words of the turn they fall in. Each is tried here with lookalikes that must change and near misses that must not.

The new layout is the Densho Digital Archive's (Japanese American oral histories, Seattle), read from two of its
transcripts' pages:
https://ddr.densho.org/media/ddr-densho-1000/ddr-densho-1000-413-transcript-61255b8a2f.htm (2012) and
https://ddr.densho.org/media/ddr-densho-1000/ddr-densho-1000-234-transcript-09cea0d4d7.htm (2009).
A header of "Title:", "Narrator:", "Interviewers: A (primary); B (secondary)" (a semicolon between the two in one, a
comma in the other), "Location:", "Date:", "Densho ID:", a bracketed note on spelling, then "<Begin Segment 1>" and
turns labelled by the speakers' initials, a blank line between turns; each video segment closes on
"<End Segment 1> - Copyright © 2009 Densho. All Rights Reserved." (the closing line is the archive's as its
transcripts set it; the two pages' excerpts stop before it). Every text here is written by the test, in those
conventions, with words and names of our own.
"""

from __future__ import annotations

import warnings

import pytest

from qlr.errors import NoInterviewerWarning
from qlr.io._segment import segment_document, segment_turns

from .test_hunt_27 import _load, _turns


def _read(text):
    """(speaker, role, words) of each segment segment_document finds in a transcript."""
    found = segment_document(text, strategy="turns")
    return [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)]


# 1. A project's questions and answers under a short interview.

_FAQ = (
    "Frequently asked questions\n"
    "Question: Who will hear the recording?\nAnswer: Only the research team.\n"
    "Question: Can I withdraw?\nAnswer: Yes, until June 2024.\n"
    "Question: Will I be named?\nAnswer: No.\n"
)


@pytest.mark.parametrize("asker, teller", [("I", "R"), ("Q", "A"), ("Interviewer", "Participant")])
def test_a_projects_questions_after_the_interview_are_one_passage_of_no_ones(asker, teller):
    # A researcher pasting the information sheet's FAQ under the interview expects it kept, but as no one's words:
    # not three turns of an interviewer "Question" and a participant "Answer", nor the last answer's words.
    # Before: six turns of "Question" (interviewer) and "Answer" (participant), "Frequently asked questions" the
    # participant's last words.
    text = (
        f"{asker}: Thanks for talking to me today.\n{teller}: No problem at all.\n"
        f"{asker}: That's everything, bye.\n{teller}: Bye.\n\n" + _FAQ
    )
    found = segment_document(text, strategy="turns")
    read = [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)]
    assert read[:4] == [
        (asker, "interviewer", "Thanks for talking to me today."), (teller, "participant", "No problem at all."),
        (asker, "interviewer", "That's everything, bye."), (teller, "participant", "Bye."),
    ]
    assert read[4:] == [(None, None, _FAQ.strip())]
    assert "6 'Question:'/'Answer:' line(s) after the interview's last turn read as one passage of no one's words" in found.note


def test_an_untitled_faq_shorter_than_the_interview_is_no_ones_too():
    text = (
        "I: Thanks for talking to me today, it was a long afternoon and I learned a lot about the allotments.\n"
        "R: No problem at all, it was a pleasure to remember all of that again after so many years.\n"
        "I: That's everything then, thank you again for the tea.\nR: Bye now, and mind the step on your way out.\n\n"
        "Question: Who hears it?\nAnswer: The team.\nQuestion: Can I withdraw?\nAnswer: Yes.\n"
    )
    assert _read(text)[4:] == [(None, None, "Question: Who hears it?\nAnswer: The team.\nQuestion: Can I withdraw?\nAnswer: Yes.")]


def test_a_chat_before_the_interview_proper_leaves_its_question_and_answer_labels():
    # "I:"/"R:" while the recorder is set up, then the interview itself in "Question:"/"Answer:", longer than the chat
    # and not titled as a project's questions: its turns, as on main.
    text = (
        "I: Is it recording?\nR: I think so, the light is on.\nI: Good, let's start.\nR: Fine.\n\n"
        "Question: How did the allotment committee start, and who was there at the first meeting in the hall?\n"
        "Answer: Six of us met in the church hall in 1987 and wrote the rules on a napkin, and Doreen brought tea.\n"
        "Question: And who chaired it in those first years?\nAnswer: Nobody for a year. Then Doreen, because she had a bell.\n"
        "Question: Did the rules change?\nAnswer: Twice, both times about sheds and who could build them where.\n"
    )
    assert [speaker for speaker, _, _ in _read(text)] == ["I", "R", "I", "R"] + ["Question", "Answer"] * 3


def test_question_and_answer_after_a_header_naming_the_people_stay_the_labels():
    # "Interviewer: Jane Smith" and "Participant: P04" once each are a header, not turns the questions come after.
    text = "Interviewer: Jane Smith\nParticipant: P04\n\nQuestion: How did it start?\nAnswer: Six of us met.\nQuestion: Who chaired?\nAnswer: Doreen.\n"
    assert [(speaker, role) for speaker, role, _ in _read(text)] == [
        (None, None), ("Question", "interviewer"), ("Answer", "participant"), ("Question", "interviewer"), ("Answer", "participant"),
    ]


def _long_interview(turns=10):
    """An "I:"/"R:" interview of ``turns`` exchanges: its Question:/Answer: FAQ below is far fewer than half the labels."""
    answer = "Well, we talked about the garden and the neighbours and the school run for a long while that year."
    return "".join(f"I: What happened in year {n} at the allotment?\nR: {answer}\n" for n in range(turns))


@pytest.mark.parametrize(
    "between, title, question, answer",
    [
        ("\n", "Frequently asked questions", "Question:", "Answer:"),
        ("", "Project information", "Question:", "Answer:"),  # the title straight under the last turn, no blank line
        ("\n", "FAQs", "question:", "answer:"),
    ],
)
def test_a_titled_faq_under_a_long_interview_is_no_ones_too(between, title, question, answer):
    # Review: an interview of twenty turns, its FAQ's six lines fewer than half the labels, so no labels at all:
    # before, the title and the FAQ were the participant's last answer, coded as hers, with nothing said.
    faq = (
        f"{title}\n{question} Who will hear the recording?\n{answer} Only the research team.\n"
        f"{question} Can I withdraw?\n{answer} Yes, until June 2024.\n{question} Will I be named?\n{answer} No.\n"
    )
    text = _long_interview() + between + faq
    found = segment_document(text, strategy="turns")
    read = [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)]
    assert [speaker for speaker, _, _ in read[:-1]] == ["I", "R"] * 10
    assert read[-2][2].endswith("for a long while that year.")
    assert read[-1] == (None, None, faq.strip())
    assert "6 'Question:'/'Answer:' line(s) after the interview's last turn read as one passage of no one's words" in found.note


@pytest.mark.parametrize("turns", [2, 10])
def test_a_faqs_title_set_off_by_a_blank_line_goes_with_it(turns):
    # Review: "Frequently asked questions", a blank line, then the pairs (a blank line between them too): before,
    # the title was the participant's last words (two exchanges) or the whole FAQ was (ten).
    faq = "Frequently asked questions\n\nQuestion: Who will hear it?\nAnswer: The team.\n\nQuestion: Can I withdraw?\nAnswer: Yes.\n"
    text = _long_interview(turns) + "\n" + faq
    read = _read(text)
    assert [speaker for speaker, _, _ in read[:-1]] == ["I", "R"] * turns
    assert read[-2][2].endswith("for a long while that year.")
    assert read[-1] == (None, None, faq.strip())


@pytest.mark.parametrize("turns, between", [(2, "\n"), (10, "\n"), (10, "")])
def test_a_faq_titled_faq_alone_on_its_line_is_no_ones_too(turns, between):
    # Review: "FAQ" alone on its line reads as a name over words (a speaker "FAQ"), so the FAQ's lines came after
    # no turn of the interview's: before, title and FAQ were the participant's last words, short interview or long.
    faq = "FAQ\nQuestion: Who will hear it?\nAnswer: The team.\nQuestion: Can I withdraw?\nAnswer: Yes.\n"
    text = _long_interview(turns) + between + faq
    found = segment_document(text, strategy="turns")
    read = [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)]
    assert [speaker for speaker, _, _ in read[:-1]] == ["I", "R"] * turns
    assert read[-1] == (None, None, faq.strip())
    assert "4 'Question:'/'Answer:' line(s) after the interview's last turn" in found.note


def test_a_participants_last_turn_naming_questions_is_no_faqs_title():
    # "R: No more questions" straight over the "Question:"/"Answer:" lines is her turn, not a title: hers still.
    text = "I: Hi.\nR: Hi.\nI: And?\nR: Fine.\nI: Anything else?\nR: No more questions\n" + (
        "Question: Who will hear it?\nAnswer: The team.\nQuestion: Can I withdraw?\nAnswer: Yes.\n"
    )
    found = segment_document(text, strategy="turns")
    read = [(s.speaker, text[s.start : s.end]) for s in found.segments]
    assert read[5][0] == "R" and read[5][1].startswith("No more questions")  # the lines under it too, as on main
    assert None not in [speaker for speaker, _ in read]


@pytest.mark.parametrize(
    "tail",
    [
        # untitled, after a blank line, under a long interview: the participant's own questions to herself, hers
        "\nQuestion: do I stay?\nAnswer: yes, for the kids.\nQuestion: do I regret it?\nAnswer: no, never.\n",
        # a sentence naming questions is no title
        "\nI kept asking myself the same questions.\nQuestion: do I stay?\nAnswer: yes.\nQuestion: do I regret it?\nAnswer: no.\n",
        # one question and one answer: no project's list
        "\nFAQ\nQuestion: Who will hear it?\nAnswer: The team.\n",
    ],
)
def test_question_and_answer_lines_under_a_long_interview_that_are_no_faq_stay_the_last_answers(tail):
    text = _long_interview() + tail
    read = _read(text)
    assert [speaker for speaker, _, _ in read] == ["I", "R"] * 10
    assert read[-1][2].endswith(tail.strip())


def test_a_participants_question_and_answer_lines_on_her_last_turn_are_no_faq():
    # Review: "Question:"/"Answer:" straight under the participant's last words, no blank line nor title between:
    # the lines of her turn, not a project's questions pasted under the interview. Before the review they were one
    # passage of no one's; they are read as on main (as turns of "Question" and "Answer", half the file's labels).
    text = (
        "I: How do you decide things?\nR: I ask myself.\nI: And then?\nR: Well, I always put it like this to myself.\n"
        "Question: do I stay?\nAnswer: yes, for the kids.\nQuestion: do I regret it?\nAnswer: no, never.\n"
    )
    found = segment_document(text, strategy="turns")
    assert None not in [s.speaker for s in found.segments]
    assert "no one's words" not in (found.note or "")


def test_a_form_read_out_between_the_interviews_turns_stays_turns():
    # "Question:"/"Answer:" between an interviewer's and a participant's turns (a form filled in mid-interview):
    # not after the interview's last turn, so read as on main, as turns.
    text = (
        "Interviewer: Thanks for coming. We'll use the form first.\nQuestion: What is your age?\nAnswer: 54.\n"
        "Question: Your job?\nAnswer: Nurse.\nInterviewer: Now some open questions.\nParticipant: Fine.\n"
    )
    assert [speaker for speaker, _, _ in _read(text)] == ["Interviewer", "Question", "Answer", "Question", "Answer", "Interviewer", "Participant"]


# 2. "Question (Interviewer):", "question:", "Question." as labels.


@pytest.mark.parametrize(
    "question, answer",
    [("Question (Interviewer):", "Answer (Participant):"), ("question:", "answer:"), ("Question.", "Answer."), ("QUESTION.", "ANSWER.")],
)
def test_question_and_answer_spelt_otherwise_are_labels(question, answer):
    # Before: no label read, the file one passage of no one's words.
    text = (
        f"{question} How did the allotment committee start?\n{answer} Six of us met in the church hall in 1987.\n"
        f"{question} And who chaired it?\n{answer} Nobody for a year. Then Doreen.\n"
    )
    read = _read(text)
    assert [(role, words) for _, role, words in read] == [
        ("interviewer", "How did the allotment committee start?"), ("participant", "Six of us met in the church hall in 1987."),
        ("interviewer", "And who chaired it?"), ("participant", "Nobody for a year. Then Doreen."),
    ]
    assert {speaker for speaker, _, _ in read} == {question[:-1], answer[:-1]}


@pytest.mark.parametrize(
    "text",
    [
        # a memo's questions in lower case, one answer: not taking turns
        "question: should we go back before the harvest?\n\nThe committee met on Tuesday.\n\nquestion: who keeps the tapes?\n\nanswer: the archive.\n",
        # what brackets describe is no role: "Question (female, 40s)" is no label
        "Question (female, 40s): How did it start?\nAnswer (female, 40s): Six of us met.\nQuestion (female, 40s): Who?\nAnswer (female, 40s): Doreen.\n",
    ],
)
def test_question_words_that_are_no_labels_stay_no_ones(text):
    assert {speaker for speaker, _, _ in _read(text)} == {None}


def test_a_participants_answer_with_a_full_stop_stays_her_words():
    text = "I: What did you write?\nR: I wrote it down.\nAnswer. No, never.\nI: Why?\nR: Question. Why me?\nI: Ok.\nR: Yes.\n"
    read = _read(text)
    assert [speaker for speaker, _, _ in read] == ["I", "R", "I", "R", "I", "R"]
    assert read[1][2] == "I wrote it down.\nAnswer. No, never."
    assert read[3][2] == "Question. Why me?"


# 3. Tape marks past ten.


@pytest.mark.parametrize(
    "end, begin",
    [("End of Tape Ten, Side B", "Beginning Tape Eleven, Side A"), ("End of Tape Twelve, Side B", "Beginning Tape Thirteen, Side A"),
     ("End of Tape Twenty, Side B", "Beginning Tape Twenty-One, Side A"), ("END OF TAPE 11, SIDE B", "BEGINNING TAPE 12, SIDE A")],
)
def test_tape_marks_past_ten_are_no_ones_and_the_answer_goes_on(end, begin):
    # Before: "Beginning Tape Eleven, Side A" (a number word of more than four letters) was the narrator's words.
    text = f"Q: What then?\nA: We went back to the village and found\n{end}\n{begin}\nthe house empty.\nQ: Who lived there?\nA: Nobody.\n"
    assert [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)] == [
        ("Q", "What then?"), ("A", "We went back to the village and found"), (None, end), (None, begin),
        ("A", "the house empty."), ("Q", "Who lived there?"), ("A", "Nobody."),
    ]


def test_words_about_tapes_past_ten_stay_answers():
    text = "Q: What did you do?\nA: We went\nTape eleven of them together.\nQ: Why?\nA: Eleven tapes, side by side.\nQ: Ok.\nA: Reel twenty-one\n"
    turns = [(s.speaker, text[s.start : s.end]) for s in segment_turns(text)]
    assert turns[1] == ("A", "We went\nTape eleven of them together.")
    assert turns[3] == ("A", "Eleven tapes, side by side.")
    assert turns[5] == ("A", "Reel twenty-one")


# 4. "Pregunta"/"Frage" spelling out "P:"/"F:".

_SPELT = {
    "es": "Pregunta: ¿Dónde nació usted?\nRespuesta: En Oaxaca, en 1950.\nP: ¿Y su familia?\nR: Éramos seis hermanos.\nP: ¿Trabajaba?\nR: Sí, en el campo.\n",
    "de": "Frage: Wo sind Sie geboren?\nAntwort: In Leipzig, 1950.\nF: Und Ihre Familie?\nA: Wir waren sechs Geschwister.\nF: Haben Sie gearbeitet?\nA: Ja, auf dem Feld.\n",
    "pt": "Pergunta: Onde nasceu?\nResposta: Em Braga.\nP: E a família?\nR: Éramos seis.\nP: Trabalhava?\nR: Sim.\n",
}


@pytest.mark.parametrize("language, asker, teller", [("es", "P", "R"), ("de", "F", "A"), ("pt", "P", "R")])
def test_a_letter_spelt_out_as_question_is_the_interviewer(tmp_path, language, asker, teller):
    # Before: "P" (as P1, P2 are) and "F" were participants, and the load warned that one asks most of the questions.
    with warnings.catch_warnings():
        warnings.simplefilter("error", NoInterviewerWarning)
        study = _load(tmp_path, "P01_W1_interview.txt", _SPELT[language])
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {asker: "interviewer", teller: "participant"}
    assert any(f"{asker!r} is the interviewer's label, as the question word spelling it out is" in note for note in study.meta["inferred"])


def test_a_study_that_says_p_is_a_participant_keeps_it(tmp_path):
    manifest = "waves: [W1]\nspeakers: {P: participant, R: participant}\ndocuments:\n- {path: entrevista.txt, case: C1, wave: W1}\n"
    with pytest.warns(NoInterviewerWarning, match="P asks most of the questions"):  # the study's word, its warning as before
        study = _load(tmp_path, "entrevista.txt", _SPELT["es"], manifest=manifest)
    assert set(study.segments["speaker_role"]) == {"participant"}


def test_one_spelt_out_question_word_makes_no_letter_an_interviewer():
    # "Pregunta:" alone over an E:/P: transcript (E the interviewer, "entrevistadora"): P stays as it was read.
    text = "Pregunta: ¿cómo cambia el cuidado? (nota)\n\nE: ¿Dónde nació usted?\nP: En Oaxaca.\nE: ¿Y su familia?\nP: Seis hermanos.\n"
    assert [(speaker, role) for speaker, role, _ in _read(text)][1:] == [("E", "participant"), ("P", "participant")] * 2


# 5. An archive's page stamps in a text copy.

_WALK = " ".join(["and we walked along the river"] * 16)


def test_a_numbered_page_stamp_mid_answer_is_cut_and_the_turn_reads_whole(tmp_path):
    # "USHMM Archives RG-50.030*0123 2" at the foot of each page, as a text copied from the archive's PDF keeps it.
    # Before: the stamp was the narrator's words, in the middle of her sentence.
    text = (
        "Question: This is an interview with Miriam Kovacs. Your full name?\nAnswer: Miriam Ilona Kovacs.\n"
        f"Q: Where were you born?\nA: In Debrecen, {_WALK} to the bakery\nUSHMM Archives RG-50.030*0123 2\nevery morning.\n"
        f"Q: And then?\nA: Then the war came, {_WALK} and\nUSHMM Archives RG-50.030*0123 3\nwe left.\nQ: Where to?\nA: Budapest.\n"
    )
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    answers = [words[s.start : s.end] for s in study.segments.fillna({"speaker": ""}).itertuples() if s.speaker == "A"]
    assert answers[1] == f"In Debrecen, {_WALK} to the bakery\nevery morning."
    assert answers[2] == f"Then the war came, {_WALK} and\nwe left."
    assert "USHMM" not in words
    assert any("left out of the text: 2 lines of an archive's page stamps" in note for note in study.meta["inferred"])


def test_an_archives_address_and_page_number_between_turns_are_cut(tmp_path):
    # The archive's two lines (its address, its contact line) and the page's number alone, on every page; the
    # first page's, with no number, over the title. Before: each was the words of the turn above it.
    stamp = "http://collections.ushmm.org\nContact reference@ushmm.org for further information about this collection\n"
    text = (
        f"{stamp}\nInterview with Miriam Kovacs\n\n"
        "Question: This is an interview with Miriam Kovacs. Your full name?\nAnswer: Miriam Ilona Kovacs.\n"
        f"Q: Where were you born?\nA: In Debrecen, {_WALK} to the bakery\n\n{stamp}2\nevery morning.\n"
        f"Q: And then?\nA: Then the war came, {_WALK} and\n{stamp}3\nwe left.\nQ: Where to?\nA: Budapest.\n"
    )
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    assert "ushmm" not in words
    assert _turns(study)[0] == ("∅", 4)  # "Interview with Miriam Kovacs"
    answers = [words[s.start : s.end] for s in study.segments.fillna({"speaker": ""}).itertuples() if s.speaker == "A"]
    assert answers[2] == f"Then the war came, {_WALK} and\nwe left."
    # Three pages' stamps of two lines each (the first page's with no number) and two numbers: 8 lines, said as
    # lines (review: "8 page stamps" said more stamps than the three pages had).
    assert any("left out of the text: 8 lines of an archive's page stamps" in note for note in study.meta["inferred"])


@pytest.mark.parametrize(
    "first, second",
    [
        ("Section 2", "Section 3"),  # a guide's headings: too short for a stamp
        ("Room 12 at the Hotel Savoy 4", "Room 12 at the Hotel Savoy 9"),  # numbers not counting up by one
        ("We said it again and again 1", "We said it again and again 2"),  # no reference in it: a sentence said over
        # a guide's headings counting what their last word names, a digit or "/" before it (review: cut before)
        ("Module 2, question 3", "Module 2, question 4"),
        ("Photo elicitation / picture 3", "Photo elicitation / picture 4"),
        ("Vignette card # 3", "Vignette card # 4"),
    ],
)
def test_lines_that_only_look_like_page_stamps_stay(tmp_path, first, second):
    text = f"Q: Where?\nA: {_WALK}\n{first}\nthen home.\nQ: And?\nA: {_WALK}\n{second}\nthen home.\n"
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    assert first in words and second in words


def test_a_recordings_numbered_parts_are_no_page_stamps(tmp_path):
    # "…, part 1" to "part 3", each a page's text apart and with a digit in it: the parts of a recording, kept.
    parts = [f"Interview 2021 with Ann Smith, part {n}" for n in (1, 2, 3)]
    text = "".join(f"{part}\nQ: Where?\nA: {_WALK}\n" for part in parts)
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    assert all(part in words for part in parts)


# 6. The Densho Digital Archive's layout.

_DENSHO = """Densho Digital Archive
Densho Visual History Collection
Title: Ruth Okada Interview
Narrator: Ruth Okada
Interviewers: Tom Ikeda (primary); Lorraine Bannai (secondary)
Location: Seattle, Washington
Date: April 17, 2009
Densho ID: denshovh-oruth-01

[Correct spelling of certain names, words and terms used in this interview have not been verified.]

<Begin Segment 1>

TI: Today is Friday, April 17, 2009, and we are in the studio in Seattle. I'm the interviewer, Tom Ikeda. Ruth, what name were you given when you were born?

RO: Ruth Emiko Okada.

TI: And the Emiko, where does that come from?

RO: From my grandmother's sister. [Laughs] Nobody ever used it except her.

<End Segment 1> - Copyright © 2009 Densho. All Rights Reserved.

<Begin Segment 2>

TI: Tell me about the store.

RO: My father sold seed and hardware, and my mother kept

<End Segment 2> - Copyright © 2009 Densho. All Rights Reserved.

<Begin Segment 3>

the books in the back room.

TI: Did you help?

RO: Only on Saturdays.

<End Segment 3> - Copyright © 2009 Densho. All Rights Reserved.
"""


def test_densho_segments_and_interviewers_after_a_semicolon(tmp_path):
    # Before: "Interviewers: Tom Ikeda (primary); Lorraine Bannai (secondary)" (a semicolon between the two) was a
    # turn of a speaker "Interviewers" holding the rest of the header, "TI" a participant (the load warned that a
    # participant asks most of the questions), and each "<End Segment N> - Copyright …" and "<Begin Segment N+1>"
    # the narrator's words.
    study = _load(tmp_path, "P01_W1_interview.txt", _DENSHO)
    words = study.documents["text"].iloc[0]
    read = [(s.speaker if isinstance(s.speaker, str) else None, s.speaker_role if isinstance(s.speaker_role, str) else None, words[s.start : s.end]) for s in study.segments.itertuples()]
    assert read[0][0] is None and read[0][2].endswith("have not been verified.]\n\n<Begin Segment 1>")
    assert read[1:] == [
        ("TI", "interviewer", "Today is Friday, April 17, 2009, and we are in the studio in Seattle. I'm the interviewer, Tom Ikeda. Ruth, what name were you given when you were born?"),
        ("RO", "participant", "Ruth Emiko Okada."),
        ("TI", "interviewer", "And the Emiko, where does that come from?"),
        ("RO", "participant", "From my grandmother's sister. [Laughs] Nobody ever used it except her."),
        (None, None, "<End Segment 1> - Copyright © 2009 Densho. All Rights Reserved."),
        (None, None, "<Begin Segment 2>"),
        ("TI", "interviewer", "Tell me about the store."),
        ("RO", "participant", "My father sold seed and hardware, and my mother kept"),
        (None, None, "<End Segment 2> - Copyright © 2009 Densho. All Rights Reserved."),
        (None, None, "<Begin Segment 3>"),
        ("RO", "participant", "the books in the back room."),  # a segment's change mid-answer does not end it
        ("TI", "interviewer", "Did you help?"),
        ("RO", "participant", "Only on Saturdays."),
        (None, None, "<End Segment 3> - Copyright © 2009 Densho. All Rights Reserved."),
    ]


def test_densho_interviewers_after_a_comma_and_a_second_interviewer():
    # The 2012 transcript's header: a comma between the interviewers, and the second of them asking too.
    text = (
        "Densho Digital Archive\nDensho Visual History Collection\nTitle: Amy Toda Interview\nNarrator: Amy Toda\n"
        "Interviewers: Art Hansen (primary), Frank Abe (secondary)\nLocation: Seattle, Washington\nDate: September 28, 2012\n"
        "Densho ID: denshovh-tamy-01\n\n<Begin Segment 1>\n\n"
        "AH: This is an interview for Densho. Good morning, Amy, how are you?\n\nAT: Good morning. I'm well, thank you.\n\n"
        "AH: You were born in 1927, is that right?\n\nAT: Right.\n\nFA: And where was that?\n\nAT: In Denver, over my father's shop.\n\n"
        "<End Segment 1> - Copyright © 2012 Densho. All Rights Reserved.\n"
    )
    read = _read(text)
    assert [(speaker, role) for speaker, role, _ in read[1:-1]] == [
        ("AH", "interviewer"), ("AT", "participant"), ("AH", "interviewer"), ("AT", "participant"), ("FA", "interviewer"), ("AT", "participant"),
    ]
    assert read[-1] == (None, None, "<End Segment 1> - Copyright © 2012 Densho. All Rights Reserved.")


def test_a_segment_said_in_a_sentence_stays_the_speakers():
    text = "TI: What happened then?\nRO: It was the end of segment two of the camp, <End Segment 1> we called it.\nTI: Really?\nRO: Yes.\n"
    assert [speaker for speaker, _, _ in _read(text)] == ["TI", "RO", "TI", "RO"]
