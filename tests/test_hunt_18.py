"""Real files, eighteenth pass: lookalikes of layouts found in published transcripts (stop 46).

CVSpaendonck/ThesisTranscriptions (a Dutch master's thesis's evaluation and validation interviews in Markdown,
`Evaluation Interviews/Evaluation INT 2 - Manufacturing Engineer - Transcript.md` and its three neighbours: each turn
under a heading `### Interviewer` or `### Manufacturing Engineer`, twice with the words typed straight after the
heading's label). Every file here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import warnings

from qlr.io._load import template_for

from .conftest import write
from .test_hunt_16 import _voiced

_EVALUATIE = """# Transcript

### Interviewer
Wat vond je van het ontwerp dat ik liet zien?

### Planner

Het is helder, maar het kost tijd om in te voeren.

### Interviewer

Hoeveel tijd zou dat zijn, denk je?

### PlannerEen uur per product, schat ik.

### Interviewer
En zou je het gebruiken?

### Planner
Ja, als de rest van het team meedoet.
"""


def test_a_heading_label_typed_against_its_words_opens_the_turn(tmp_path):
    _, pieces = _voiced(write(tmp_path / "C01_W1_interview.md", _EVALUATIE))
    voiced = [(speaker, words) for _, speaker, words in pieces if speaker != "-"]
    # Before: "### PlannerEen uur …" was nobody's words between two of the interviewer's turns.
    assert [speaker for speaker, _ in voiced] == ["Interviewer", "Planner"] * 3
    assert voiced[3] == ("Planner", "Een uur per product, schat ik.")
    assert [words for _, speaker, words in pieces if speaker == "-"] == ["# Transcript"]


def test_a_glued_word_is_no_label_where_the_label_never_stands_alone(tmp_path):
    # "Ann" labels with a colon; a line opening "AnnMarie …" is words, as the label is never alone on its line.
    text = "Ann: Who came?\nBo: My cousin.\nAnn: And then?\nBo: She stayed.\nAnnMarie Lee came later, she said.\n"
    _, pieces = _voiced(write(tmp_path / "C02_W1_interview.txt", text))
    assert [speaker for _, speaker, _ in pieces] == ["Ann", "Bo", "Ann", "Bo"]
    assert pieces[-1][2] == "She stayed.\nAnnMarie Lee came later, she said."


def test_numbered_interviews_described_by_role_are_those_peoples_cases(tmp_path):
    # "Evaluation INT 1 - Planner - Transcript": the number counts the study's interviews, the role names the person;
    # "Validation Interview - Planner - Transcript" is the same planner's other interview. Folders named after the
    # study's phases name no one.
    for name in (
        "Evaluation Interviews/Evaluation INT 1 - Planner- Transcript.md",
        "Evaluation Interviews/Evaluation INT 2 - Line Engineer - Transcript.md",
        "Evaluation Interviews/Evaluation INT 3 - Software Developer - Transcript.md",
        "Validation Interview /Validation Interview - Planner - Transcript.md",
    ):
        write(tmp_path / name, "### Interviewer\nHoe ging het?\n\n### Planner\nGoed.\n\n### Interviewer\nEn verder?\n\n### Planner\nPrima.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = template_for(tmp_path)
    # Before: one case "Evaluation" at waves W1-W3 (three people as one) and a case "Validation".
    cases = [line.split(": ", 1)[1] for line in template.splitlines() if line.startswith("- id: ") and not line.startswith("- id: W")]
    assert cases == ["Line_Engineer", "Planner", "Software_Developer"]
    assert "- id: W2" not in template
    assert "Planner at W1 (Evaluation Interviews/Evaluation INT 1 - Planner- Transcript.md, Validation Interview /Validation Interview - Planner - Transcript.md)" in template


def test_a_phase_word_in_a_roles_name_stays_in_it(tmp_path):
    # The merged change's review: "Evaluation Manager" and "Validation Manager" are two roles; with the phase word cut
    # out of every name they were one case "Manager" (two interviews at one wave).
    for name in ("Evaluation Manager - Interview 1", "Validation Manager - Interview 1", "Evaluation Officer - Interview 1", "Project Manager - Interview 1"):
        write(tmp_path / f"{name}.txt", "Interviewer: How is it?\n\nRespondent: Fine.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = template_for(tmp_path)
    cases = [line.split(": ", 1)[1] for line in template.splitlines() if line.startswith("- id: ") and not line.startswith("- id: W")]
    assert cases == ["Evaluation_Manager", "Evaluation_Officer", "Project_Manager", "Validation_Manager"]
