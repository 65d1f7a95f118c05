"""Real files, thirteenth pass: lookalikes of layouts found in published transcripts (stop 41)."""

from __future__ import annotations

import warnings

import yaml

import qlr

from .conftest import write


def _turns(study):
    """The study's segments as (speaker, role, words), unlabelled ones as "-"."""
    whole = dict(zip(study.documents["doc_id"], study.documents["text"]))
    segments = study.segments[["doc_id", "start", "end", "speaker", "speaker_role"]].astype({"speaker": object, "speaker_role": object}).fillna("-")
    return [(str(row.speaker), str(row.speaker_role), whole[row.doc_id][row.start : row.end]) for row in segments.itertuples()]


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


# A coding tool's print of a transcript (Delve): the role alone on its line, in lower case, over each paragraph,
# so that one speaker's answer of several paragraphs is a run of the same label.
_ROLE_LINES = (
    "Session 4 - AB\n"
    "interviewer\n"
    "Shall we start? Tell me about the pipeline you look after.\n"
    "interviewee\n"
    "Sure. We pull sensor readings every hour and clean them.\n"
    "interviewee\n"
    "Then a model ranks the alerts for the night shift.\n"
    "interviewee\n"
    "Most of the trouble comes from the readings, not the model.\n"
    "interviewee\n"
    "Does that answer it?\n"
    "interviewer\n"
    "It does. What kind of trouble?\n"
    "interviewee\n"
    "Gaps, mostly. A sensor goes quiet and nobody notices for a week.\n"
    "interviewee\n"
    "And units that change without warning.\n"
    "interviewee\n"
    "Last spring half the readings came in Fahrenheit.\n"
    "interviewee\n"
    "We only saw it when the alerts doubled.\n"
    "interviewer\n"
    "How do you catch those now?\n"
    "interviewee\n"
    "By hand, when a chart looks odd.\n"
    "interviewee\n"
    "Which is not often enough.\n"
)


def test_role_words_alone_on_lines_label_runs_of_paragraphs(tmp_path):
    # The tool's print of 34 pages had no speaker at all: the role lines were taken for a list's repeated items,
    # as one speaker follows himself more often than not. Two role words and nothing else name the speakers.
    study = _load(write(tmp_path / "S4_W1_interview.txt", _ROLE_LINES))
    turns = _turns(study)
    asker, answer = ("interviewer", "interviewer"), ("interviewee", "participant")
    assert [t[:2] for t in turns if t[0] != "-"] == [asker, *[answer] * 4, asker, *[answer] * 4, asker, *[answer] * 2]
    assert ("interviewee", "participant", "Then a model ranks the alerts for the night shift.") in turns
    # A typed label inside one paragraph ("Interviewee: No.", as the tool kept a line of the original) leaves the
    # role lines the transcript's labels: it had voided them all, one label against 14.
    typed = _ROLE_LINES.replace("It does. What kind of trouble?\n", "Any questions so far?\ninterviewee: No.\ninterviewer\nWhat kind of trouble?\n")
    turns = _turns(_load(write(tmp_path / "typed" / "S4_W1_interview.txt", typed)))
    assert ("interviewee", "participant", "No.") in turns and ("interviewer", "interviewer", "What kind of trouble?") in turns
    # One role word over list items, repeated, is still no speaker: "participant" is no conversation.
    listed = "Roles\nparticipant\nJoins the group on Tuesdays.\nparticipant\nBrings a friend.\nparticipant\nLeaves early?\n"
    plain = _load(write(tmp_path / "list" / "R1_W1_notes.txt", listed))
    assert all(speaker == "-" for speaker, _, _ in _turns(plain))


# A course's write-up of a usability test in Markdown: numbered questions in bold, each answer a list item under it.
_NUMBERED_BOLD = (
    "# Test of the booking screen with Ines\n\n"
    "## Answers\n\n"
    "1. **Book a room for Friday with the prototype, then tell us how it went.**\n\n"
    "- Fine, at the second try.\n\n"
    "2. **Were the words on the buttons clear to you?**\n\n"
    "- Mostly; \"Confirm slot\" puzzled me.\n\n"
    "3. **Where did you get stuck?**\n\n"
    "- On the calendar, the arrows are tiny.\n\n"
    "4. **Would you use it next term?**\n\n"
    "- I would.\n\n"
    "5. **Anything we should have asked?**\n\n"
    "- The price.\n"
)


def test_numbered_bold_questions_over_list_answers(tmp_path):
    # "2. **…?**" was not a line set apart (only "- **…?**" was): no label at all, the interviewer's questions coded
    # as the participant's words.
    turns = _turns(_load(write(tmp_path / "Ines_W1_interview.md", _NUMBERED_BOLD)))
    assert ("Interviewer", "interviewer", "2. **Were the words on the buttons clear to you?**") in turns
    assert ("(unlabelled answer)", "participant", "- On the calendar, the arrows are tiny.") in turns
    # The first, which asks nothing, is the same list's: numbered one before the first question.
    assert ("Interviewer", "interviewer", "1. **Book a room for Friday with the prototype, then tell us how it went.**") in turns
    assert sum(role == "interviewer" for _, role, _ in turns) == 5


# A student's interview written up in Markdown: questions as headings, one of them listing features to answer
# about, each feature a heading one level down with the answer under it.
_FEATURES = [
    ("Room booking", "Never."), ("Grade lookup", "Every term, through the teaching menu."), ("Library loans", "Once, it was easy."),
    ("Bursary claim", "Not yet."), ("Timetable export", "It broke my calendar."), ("Sick note upload", "Only in person."),
]  # fmt: skip
_LISTED_ITEMS = (
    "# Interview with a student\n\n### Which course are you on?\nHistory.\n\n### How do you find the portal?\nSlow but it works.\n\n"
    "### Have you used these features? If so, say how it went:\n\n"
    + "".join(f"#### {feature}\n{answer}\n\n" for feature, answer in _FEATURES)
    + "### What would you change first?\nThe search.\n"
)


def test_a_questions_listed_items_are_asked_as_it_asks(tmp_path):
    # Six feature headings that ask nothing outnumbered the four questions, so the file was read as having no
    # labels: every answer nobody's and the questions coded as a participant's words.
    turns = _turns(_load(write(tmp_path / "Student_W1_interview.md", _LISTED_ITEMS)))
    assert ("Interviewer", "interviewer", "Which course are you on?") in turns
    assert ("Interviewer", "interviewer", "Timetable export") in turns
    assert ("(unlabelled answer)", "participant", "It broke my calendar.") in turns
    # "Grade lookup" and a heading that opens with a word for a note elsewhere ("Nota"): an item, not a note.
    assert ("(unlabelled answer)", "participant", "Every term, through the teaching menu.") in turns
    portuguese = _LISTED_ITEMS.replace("#### Grade lookup", "#### Consulta de nota e frequência")
    turns = _turns(_load(write(tmp_path / "pt" / "Student_W1_interview.md", portuguese)))
    assert ("Interviewer", "interviewer", "Consulta de nota e frequência") in turns
    # A heading ending with a word for a note is still the researcher's note, not a prompt the note answers.
    noted = _LISTED_ITEMS + "\n## Further observations\nShe was in a hurry and kept checking her phone.\n"
    turns = _turns(_load(write(tmp_path / "obs" / "Student_W1_interview.md", noted)))
    assert not [words for _, role, words in turns if role == "participant" and "She was in a hurry" in words]
    # Without a question listing them, headings that ask nothing still outnumber the questions: no turns.
    unlisted = _LISTED_ITEMS.replace("### Have you used these features? If so, say how it went:", "### Features")
    assert all(speaker == "-" for speaker, _, _ in _turns(_load(write(tmp_path / "un" / "Student_W1_interview.md", unlisted))))


def test_two_coders_copies_of_each_interview_are_the_interviews_not_the_coders(tmp_path):
    # A study's coded transcripts, printed by each of two coders: "2024-02-11-Interview 12 - KL.pdf" beside
    # "… - Interview 12 - MV.pdf", for 12 interviews. The template had made the coders the cases, each seen at twelve
    # waves W3 … W31; a person is seen at a few waves, so names with so many numbers are the researchers'.
    root = tmp_path / "coded"
    numbers = [3, 4, 6, 8, 9, 11, 12, 15, 17, 20, 22, 31]
    for coder in ("KL", "MV"):
        for number in numbers:
            write(root / f"2024-02-11-Interview {number} - {coder}.txt", "Interviewer: How was the week?\nInterviewee: Long, but we got the release out.\n")
    placed = {doc["path"]: (doc["case"], doc["wave"]) for doc in yaml.safe_load(qlr.io.template_for(root))["documents"]}
    assert placed["2024-02-11-Interview 12 - KL.txt"] == placed["2024-02-11-Interview 12 - MV.txt"] == ("12", "W1")
    assert {wave for _, wave in placed.values()} == {"W1"} and len({case for case, _ in placed.values()}) == 12
    # One person's interviews at a few numbered waves, beside another's, are still waves.
    for person in ("Ana", "Ben"):
        for number in (1, 2, 3):
            write(tmp_path / "panel" / f"Interview {number} - {person}.txt", "Interviewer: How was the week?\nInterviewee: Calm.\n")
    panel = {doc["path"]: (doc["case"], doc["wave"]) for doc in yaml.safe_load(qlr.io.template_for(tmp_path / "panel"))["documents"]}
    assert panel["Interview 2 - Ben.txt"] == ("Ben", "W2")
