"""Reading leftovers of stop 43: tables of questions and answers, header dates said in a phrase, chats outside their wave.

The tables are written here in the shape of a course's dataset of family interviews (one row per question, who
asked and who answered named in columns, several interviews pasted one under another with their headers), in words
and names of our own.
"""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.errors import InferenceWarning, RowsRefusedWarning
from qlr.io import read_source
from qlr.io._load import folder_template
from qlr.io._naming import read_as_document

from .conftest import write

ONE = """Interviewer,Participant,Question,Answer
Nadia,Orla,Where were you born?,"In a fishing village, in the spring of 1951."
Nadia,Orla,How many of you lived in the house?,"Nine of us, and the goats in winter."
Nadia,Orla,Did you go to school there?,
Nadia,Orla,What do you remember of your father?,"He mended nets every evening. He sang while he worked, always the same two songs."
"""

PASTED = """Entrevistador,Entrevistante,Pergunta,Resposta
Tiago,Graça,Onde é que nasceu?,"Numa aldeia perto do rio, em 1948."
Tiago,Graça,E a casa como era?,"Pequena, com um forno a lenha."
,
Entrevistador,Entrevistante,Pergunta,Resposta
Rui,Celeste,Qual é a sua memória mais antiga?,"O cheiro do pão, de manhã cedo."
Rui,Celeste,E a escola?,"Andei quatro anos a pé, com a minha irmã."
Rui,Celeste,,
"""


def test_a_table_of_questions_and_answers_is_read_as_turns_each_row_a_question_and_its_answer(tmp_path: Path) -> None:
    path = write(tmp_path / "orla.csv", ONE)
    assert read_as_document(path)
    source = read_source(path)
    said = [(source.text[t.start : t.end], t.speaker) for t in source.turns]
    assert said[0] == ("Where were you born?", "Nadia")
    assert said[1] == ("In a fishing village, in the spring of 1951.", "Orla")
    # The question with no answer is kept, the next question its own turn after it (the rows' order).
    assert ("Did you go to school there? What do you remember of your father?", "Nadia") in said
    assert source.speakers == {"nadia": "interviewer", "orla": "participant"}
    assert any("1 question(s) with no answer" in note for note in source.notes)
    study = qlr.load(path)
    segments = study.segments
    roles = dict(zip(segments["speaker"], segments["speaker_role"]))
    assert roles == {"Nadia": "interviewer", "Orla": "participant"}
    # Every word of every question and answer is in the study.
    cells = [cell for row in list(csv.reader(io.StringIO(ONE)))[1:] for cell in row[2:]]
    assert segments["n_words"].sum() == len(" ".join(cells).split())
    assert study.documents.iloc[0]["interviewee"] == "Orla"


def test_several_interviews_pasted_in_one_table_are_said_and_every_row_accounted_for(tmp_path: Path) -> None:
    path = write(tmp_path / "entrevistas.csv", PASTED)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path)
    told = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning)]
    assert any("2 interviews: Tiago asks Graça, rows 2-3; Rui asks Celeste, rows 6-7" in message for message in told), told
    assert any(issubclass(w.category, RowsRefusedWarning) and "rows 8" in str(w.message) for w in caught)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"Tiago": "interviewer", "Graça": "participant", "Rui": "interviewer", "Celeste": "participant"}
    with pytest.warns(RowsRefusedWarning):
        source = read_source(path)
    assert "Entrevistador" not in source.text  # the pasted header is no one's words
    assert source.removed == {"rows repeating the header (rows 5)": 1}


def test_a_table_of_only_questions_and_answers_names_the_interviewer_and_participant(tmp_path: Path) -> None:
    path = write(tmp_path / "qa.csv", "Question,Answer\nWhat do you grow?,Beans and kale.\nSince when?,Since the allotment opened.\n")
    study = qlr.load(path)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]


def test_the_template_labels_a_question_and_answer_tables_case_by_whom_it_interviews(tmp_path: Path) -> None:
    write(tmp_path / "orla.csv", ONE)
    write(tmp_path / "other.csv", ONE.replace("Orla", "Pim").replace("Nadia", "Kit"))
    template = folder_template(tmp_path)
    assert "label: Orla" in template and "label: Pim" in template
    assert "Nadia: interviewer" not in template or "Kit: interviewer" in template


def test_a_speaker_table_is_no_question_and_answer_table(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "Speaker,Text\nInt,How are you?\nAna,Well.\nInt,Good.\n")
    source = read_source(path)
    assert source.interviews == [] and [t.speaker for t in source.turns] == ["Int", "Ana", "Int"]
    with pytest.raises(Exception):  # noqa: B017 - a table with neither header is refused as before
        read_source(write(tmp_path / "n.csv", "Name,Age\nAna,40\nBo,50\n"))


def _talk(name: str) -> str:
    return f"Interviewer: How was the month?\n{name}: Busy, the garden took most of it.\nInterviewer: And the group?\n{name}: We met twice.\n"


def _peer_study(root: Path) -> Path:
    for wave, day in (("Wave 1", "2025-02-03"), ("Wave 2", "2025-05-06")):
        for name in ("Ines", "Tomas", "Wren"):
            write(root / wave / f"{name} - {day}.txt", _talk(name))
    write(root / "Snapshots" / "Ines_W2_photo1.txt", "The bench we painted, before the rain.\n")
    write(root / "Diaries" / "Ines reflective diary.md", "## 2025-02-10\nFirst week as a peer researcher. Nervous.\n")
    write(root / "Diaries" / "Tomas PR diary.md", "## 2025-05-12\nTwo interviews done; the second ran long.\n")
    write(
        root / "Wave 2" / "Debrief focus group - community researchers - 2025-05-20.txt",
        "Facilitator: What stayed with you?\nIola: The waiting rooms.\nFacilitator: And you?\nPavel: The kettles.\n",
    )
    return root


def test_the_template_keeps_a_diarys_describing_words_and_a_debrief_out_of_the_cases(tmp_path: Path) -> None:
    template = folder_template(_peer_study(tmp_path))
    assert "case: Ines\n" in template.split("- path: Diaries/Ines reflective diary.md")[1][:200]
    assert "case: Tomas\n" in template.split("- path: Diaries/Tomas PR diary.md")[1][:200]
    for made_up in ("Ines_reflective", "Tomas_PR", "id: Debrief", "case: Debrief", "community_researchers"):
        assert made_up not in template
    group = template.split("- path: Wave 2/Debrief focus group - community researchers - 2025-05-20.txt")[1][:200]
    assert "kind: focus_group" in group and "case:" not in group.split("- path:")[0]


def test_the_template_labels_each_wave_as_its_folder_does(tmp_path: Path) -> None:
    template = folder_template(_peer_study(tmp_path))
    assert "W1 'Wave 1', W2 'Wave 2'" in template
    assert "label: W2" not in template


def test_a_meeting_held_on_a_day_under_the_minutes_title_dates_them(tmp_path: Path) -> None:
    path = write(tmp_path / "allotment_minutes.txt", "Allotment committee minutes\nMeeting held on 4 June 2026\n\nThe water butts were shared out.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # minutes loaded alone are read as a transcript with no label: said, not tested here
        study = qlr.load(path)
    assert str(study.documents.iloc[0]["date"])[:10] == "2026-06-04"


CHAT = """12/07/2025, 19:02 - Ines: Hi Wren, can I send the questions here?
12/07/2025, 19:10 - Wren: Yes fine
12/07/2025, 19:11 - Ines: What changed at the garden since spring?
13/07/2025, 08:40 - Wren: The new beds, and I keep the shed key now.
"""


def test_a_chat_whose_messages_fall_outside_its_waves_dates_is_said(tmp_path: Path) -> None:
    write(tmp_path / "Wren_chat.txt", CHAT)
    write(tmp_path / "Ines_W2.txt", _talk("Ines"))
    write(
        tmp_path / "study.yaml",
        "name: chat\nwaves:\n- id: W2\n  start: 2025-06-01\n  end: 2025-06-30\ndocuments:\n"
        "- path: Wren_chat.txt\n  case: Wren\n  wave: W2\n  kind: interview\n- path: Ines_W2.txt\n  case: Ines\n  wave: W2\n  kind: interview\n",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(tmp_path)
    told = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning)]
    assert any("messages sent outside their wave's dates: Wren_chat (2025-07-12 to 2025-07-13; wave W2 2025-06-01 to 2025-06-30)" in m for m in told), told


def test_the_template_lists_a_file_kept_byte_for_byte_in_another_folder_once(tmp_path: Path) -> None:
    for name in ("Lia", "Max"):
        write(tmp_path / f"Interview_{name}" / f"interview_{name.lower()}.md", _talk(name))
    write(tmp_path / "Final" / "interview_lia.md", _talk("Lia"))
    write(tmp_path / "Final" / "interview_max.md", _talk("Max") + "Interviewer: Anything else?\nMax: No.\n")  # edited: its own
    template = folder_template(tmp_path)
    copies = ("Final/interview_lia.md", "Interview_Lia/interview_lia.md")
    listed = [copy for copy in copies if f"- path: {copy}\n" in template]
    assert len(listed) == 1, template  # one listed, the other left out and said
    left = next(copy for copy in copies if copy not in listed)
    assert f"exclude:\n- {left}\n" in template and f"{left} (as {listed[0]})" in template
    assert "- path: Final/interview_max.md" in template and "- path: Interview_Max/interview_max.md" in template  # an edited copy is its own
