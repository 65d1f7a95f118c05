"""Real files, twenty-third pass: lookalikes of layouts found in published transcripts (stop 51).

A loneliness study's interviews (young adults in four London boroughs, each sitting in two parts), kept as Word files
and converted to Markdown by the study's re-user: one file per person named "Interview_07_part1and2.md" (a part
alone, "Interview_13_part2.md", beside it), and in a third of them the Word table that held the labels down its left
column and the turns down its right came out as every label on a paragraph of its own, then every turn. Every file
here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import warnings
from collections import Counter

import pytest
import yaml

import qlr
from qlr.io._load import template_for
from qlr.io._segment import segment_document, stacked_label_turns

from .conftest import write

_FRONT = "---\nsource_filename: Interview {n} - Female, 20, Hackney.docx\ninterview_number: {n}\nborough: Hackney\n---\n\n"


def _labelled(n: int) -> str:
    return _FRONT.format(n=n) + "# Transcript\n\nInterviewer: What did you put first?\n\nInterviewee: The park by the canal.\n"


def _loaded(root):
    """The study of a folder, every warning an error (none is expected)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return qlr.load(root, progress=False)


def _documents(template: str) -> dict[str, dict]:
    return {entry["path"]: entry for entry in yaml.safe_load(template)["documents"]}


def test_a_sitting_s_parts_in_a_file_name_name_no_one(tmp_path):
    # Before: "Interview_07_part1and2.md" was a case "07_part1and2", and a part alone ("Interview_13_part2.md") a
    # case of its own, "13_part2": 50 cases for 48 people in the real folder.
    root = tmp_path / "sources_md"
    for name, n in (("Interview_07_part1and2.md", 7), ("Interview_13_part1.md", 13), ("Interview_13_part2.md", 13), ("Interview_21_parts1and2.md", 21)):
        write(root / name, _labelled(n))
    documents = _documents(template_for(root))
    assert {path: entry.get("case") for path, entry in documents.items()} == {
        "Interview_07_part1and2.md": "07",
        "Interview_13_part1.md": "13",
        "Interview_13_part2.md": "13",
        "Interview_21_parts1and2.md": "21",
    }


def test_a_part_with_nothing_else_naming_the_person_is_the_person(tmp_path):
    # "Part1" alone is participant 1 (as before this pass): the same person in both waves, not no one.
    root = tmp_path / "study"
    write(root / "Wave1" / "Part1 interview.txt", _labelled(1))
    write(root / "Wave2" / "Part1 interview.txt", _labelled(1))
    documents = _documents(template_for(root))
    assert {path: entry.get("case") for path, entry in documents.items()} == {"Wave1/Part1 interview.txt": "Part1", "Wave2/Part1 interview.txt": "Part1"}


def test_a_name_that_only_looks_like_a_part_still_names_someone(tmp_path):
    # "Parton" and "Partridge" are people; "part" needs its number joined to it to be a sitting's part.
    root = tmp_path / "interviews"
    write(root / "Parton.md", _labelled(1))
    write(root / "Partridge.md", _labelled(2))
    documents = _documents(template_for(root))
    assert sorted(entry.get("case") for entry in documents.values()) == ["Parton", "Partridge"]


_TURNS = (
    "So, can we start with what you put in box one?",
    "Box one is my room. I stay there most days and I don't see anyone.",
    "How does that feel?",
    "Quiet. Some days it's fine, some days it's heavy.",
)
_LAST = ("And the second place?", "The market on Saturdays, everyone talks to you there.", "Thank you.")


def _flattened(*, second_labels: int = 3) -> str:
    # As the converter wrote a two-column Word table: the title and a note above, every label on its own
    # paragraph, then every turn; the second part's table after its own title.
    labels = "\n\n".join(["Interviewer", "Interviewee"] * 2)
    second = "\n\n".join((["Interviewer", "Interviewee"] * 3)[:second_labels])
    return (
        _FRONT.format(n=9) + "# Transcript\nInterview 9 - part 1\n\nPART 2 IS BELOW\n\n" + labels + "\n\n" + "\n\n".join(_TURNS) + "\n\n"
        + second + "\n\n" + "\n\n".join(_LAST) + "\n"
    )  # fmt: skip


def test_labels_stacked_above_their_turns_are_paired_in_order():
    # Before: no label recognised, every paragraph (the labels too) one unlabelled voice.
    text = _flattened()
    found = segment_document(text)
    turns = [(segment.speaker, text[segment.start : segment.end], role) for segment, role in zip(found.segments, found.roles) if segment.speaker]
    assert turns == [
        ("Interviewer", _TURNS[0], "interviewer"),
        ("Interviewee", _TURNS[1], "participant"),
        ("Interviewer", _TURNS[2], "interviewer"),
        ("Interviewee", _TURNS[3], "participant"),
        ("Interviewer", _LAST[0], "interviewer"),
        ("Interviewee", _LAST[1], "participant"),
        ("Interviewer", _LAST[2], "interviewer"),
    ]
    # The title lines above are nobody's; the labels' own paragraphs are no words of anyone.
    unlabelled = [text[segment.start : segment.end] for segment in found.segments if segment.speaker is None]
    assert unlabelled == ["---\nsource_filename: Interview 9 - Female, 20, Hackney.docx\ninterview_number: 9\nborough: Hackney\n---", "# Transcript\nInterview 9 - part 1", "PART 2 IS BELOW"]
    assert "2 column(s) of speaker labels" in found.note


def test_a_run_of_labels_beside_another_number_of_paragraphs_is_left_unlabelled_and_said():
    # Two labels beside three paragraphs: which goes with which the text cannot say.
    text = _flattened(second_labels=2)
    found = segment_document(text)
    said = [segment.speaker for segment in found.segments if segment.speaker]
    assert said == ["Interviewer", "Interviewee", "Interviewer", "Interviewee"]  # the first part only
    assert "1 run(s) of labels beside a different number of paragraphs left unlabelled" in found.note
    tail = [text[segment.start : segment.end] for segment in found.segments[-5:]]
    assert tail == ["Interviewer", "Interviewee", *_LAST]  # nothing lost


@pytest.mark.parametrize(
    "text",
    [
        # A list of things, then as many paragraphs: no role's label.
        "Apples\n\nPears\n\nApples\n\nPears\n\nWe picked the apples.\n\nThe pears were late.\n\nMore apples.\n\nNo pears.\n",
        # Role words as a list's items, one paragraph too few after them.
        "Interviewer\n\nInterviewee\n\nInterviewer\n\nThe interviewer asks; the interviewee answers.\n\nThat is the whole method.\n",
        # One label above its turn, as most transcripts of the study write it: read by the labels themselves.
        "Interviewer\n\nWhat did you put first?\n\nInterviewee\n\nMy room.\n\nInterviewer\n\nWhy?\n",
        # Who was present: participants only, no interviewer.
        "Present at the session\n\nP1\n\nP2\n\nP3\n\nWe met in the church hall on a wet Tuesday.\n\nThe heating was off.\n\nP2 left early to collect her son.\n",
        # A study's roles listed once each, then what each does: no back and forth.
        "Roles in the study\n\nInterviewer\n\nParticipant\n\nResearcher\n\nAsks the questions.\n\nAnswers as they wish.\n\nTakes notes.\n",
        # An FAQ's letters and a poem's lines: one role said twice, the other once.
        "Frequently asked questions\n\nQ\n\nA\n\nQ\n\nHow long will it take?\n\nAbout an hour.\n\nCan I stop?\n",
        "I\n\nA\n\nI\n\nI wandered lonely as a cloud\n\nThat floats on high o'er vales and hills,\n\nWhen all at once I saw a crowd,\n",
    ],
)
def test_text_that_is_no_stacked_column_is_not_read_as_one(text):
    assert stacked_label_turns(text) is None


def test_a_folder_of_flattened_tables_loads_with_each_turn_its_speaker_s(tmp_path):
    root = tmp_path / "sources_md"
    write(root / "Interview_09_part1and2.md", _flattened())
    write(root / "Interview_13_part1and2.md", _labelled(13))
    write(root / "Interview_21_part1and2.md", _labelled(21))
    write(root / "study.yaml", template_for(root))
    study = _loaded(root)
    assert sorted(study.cases.case_id) == ["09", "13", "21"]
    segments = study.tables["segments"]
    nine = segments[segments.doc_id == "Interview_09_part1and2"]
    assert Counter(nine.speaker_role.dropna()) == {"interviewer": 4, "participant": 3}
    assert nine.speaker.isna().sum() == 2  # the title and the note above the table, nobody's


# A university's oral-history archive kept as the Museu da Pessoa writes it: a folder per narrator holding the interview
# as question and answer elements, its raw transcript beside it ("entrevistabruto.xml", or "entrevista.bruto.xml"), the
# edited life story as sections ("editado.xml") and a record card ("bi.xml").
_DTD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE mp SYSTEM "mp.dtd">\n'
_ASKED = ("Onde nasceu?", "Como era a casa?", "E a escola?")


def _mp(answers: tuple[str, ...]) -> str:
    pairs = "".join(f"<pergunta>{q}</pergunta><resposta><p>{a}</p></resposta>\n" for q, a in zip(_ASKED, answers))
    return f'{_DTD}<mp versao="edicao">\n{pairs}</mp>\n'


_EDITED = ("Nasci em Nampula, perto do mercado velho.", "Uma casa grande, com um quintal e duas mangueiras.", "A escola ficava do outro lado do rio.")
_RAW = ("Ora, nasci em Nampula, perto do, do mercado velho.", "Uma casa grande, com um quintal e, e duas mangueiras.", "A escola ficava, pois, do outro lado do rio.")


def _archive(root):
    for person, joined in (("AnaSilva", "entrevistabruto.xml"), ("RuiMota", "entrevista.bruto.xml")):
        write(root / person / "entrevista.xml", _mp(_EDITED))
        write(root / person / joined, _mp(_RAW))
        write(root / person / "editado.xml", f'{_DTD}<mp versao="edicao"><ascendencia><p>{_EDITED[0]}</p></ascendencia></mp>\n')
        write(root / person / "bi.xml", f"{_DTD}<bi><nome>{person}</nome><nascimento>1950</nascimento></bi>\n")


def test_a_raw_transcript_beside_its_edited_one_is_left_out_once(tmp_path):
    # Before: each narrator had two interviews at one wave (the raw one and the edited one), every answer counted twice.
    root = tmp_path / "HV-ProjectoUM"
    _archive(root)
    template = template_for(root)
    data = yaml.safe_load(template)
    assert sorted(entry["path"] for entry in data["documents"]) == ["AnaSilva/entrevista.xml", "RuiMota/entrevista.xml"]
    assert data["exclude"] == ["AnaSilva/entrevistabruto.xml", "RuiMota/entrevista.bruto.xml"]
    assert "raw transcript beside its edited one" in template and "more than one interview" not in template
    write(root / "study.yaml", template)
    study = _loaded(root)
    segments = study.tables["segments"]
    assert Counter(segments.speaker_role) == {"interviewer": 6, "participant": 6}


def test_a_person_s_other_interview_named_like_a_draft_is_kept(tmp_path):
    # "Tom_Roh.txt" (Roh a surname) beside "Tom.txt", with other words: two interviews, both listed.
    root = tmp_path / "interviews"
    write(root / "Tom.txt", "Interviewer: Where do you work?\nTom: At the mill on Canal Street, nights mostly.\n")
    write(root / "Tom_Roh.txt", "Interviewer: Who lives with you?\nRoh: My mother and two sisters, since the spring.\n")
    data = yaml.safe_load(template_for(root))
    assert sorted(entry["path"] for entry in data["documents"]) == ["Tom.txt", "Tom_Roh.txt"]
    assert "exclude" not in data


def test_xml_files_beside_the_interviews_qlr_reads_are_said_not_read(tmp_path):
    # Before: the edited life stories and record cards were passed over without a word, as a tool's settings are.
    root = tmp_path / "HV-ProjectoUM"
    _archive(root)
    template = template_for(root)
    assert "# Guessed: 4 XML file(s) not read, their elements no transcript's qlr knows" in template
    assert "AnaSilva/bi.xml, AnaSilva/editado.xml, RuiMota/bi.xml, RuiMota/editado.xml" in template
    write(root / "study.yaml", template)
    study = _loaded(root)
    assert any(note.startswith("4 XML file(s) not read") for note in study.meta["inferred"])


def test_an_xml_record_beside_word_transcripts_is_passed_over_as_before(tmp_path):
    # A data archive's DDI record beside plain transcripts is no document and says nothing, as before.
    root = tmp_path / "deposit"
    write(root / "P01_W1_interview.txt", "Interviewer: Where do you work?\nP01: At the mill.\n")
    write(root / "study_ddi.xml", '<?xml version="1.0"?>\n<codeBook><stdyDscr><citation><titlStmt><titl>Mills</titl></titlStmt></citation></stdyDscr></codeBook>\n')
    study = _loaded(root)
    assert not any("XML" in note for note in study.meta["inferred"])


# Otter's export of a meeting: numbered voices it told apart, and "Unknown Speaker" over the words of any voice it did not.
_OTTER = (
    "Unknown Speaker  0:02  \nRight, that's recording now\n\n"
    "Speaker 1  0:08  \nSo what should we keep away from, with the shared data?\n\n"
    "Unknown Speaker  0:51  \nas long as it only reads from the old server\n\n"
    "Speaker 2  0:54  \nThat's fine, nothing is written back to it.\n\n"
    "Speaker 1  1:06  \nAnd the app is built in modules, one for each team.\n\n"
    "Speaker 2  1:32  \nCan you give me an example of a module?\n\n"
    "Transcribed by https://otter.ai\n"
)


def test_otter_s_unknown_speaker_opens_turns_of_no_one_known():
    # Before: every "Unknown Speaker" turn was one participant's, a speaker called "Unknown Speaker".
    found = segment_document(_OTTER)
    said = [(segment.speaker, segment.timestamp, _OTTER[segment.start : segment.end].split("\n")[0]) for segment in found.segments]
    assert said[:4] == [
        (None, 2.0, "Right, that's recording now"),
        ("Speaker 1", 8.0, "So what should we keep away from, with the shared data?"),
        (None, 51.0, "as long as it only reads from the old server"),
        ("Speaker 2", 54.0, "That's fine, nothing is written back to it."),
    ]
    assert "2 turn(s) the transcriber marked as an unknown voice ('Unknown Speaker')" in found.note


def test_an_unknown_speaker_the_manifest_declares_is_that_speaker():
    found = segment_document(_OTTER, speakers={"Unknown Speaker": "participant"})
    assert [segment.speaker for segment in found.segments][:3] == ["Unknown Speaker", "Speaker 1", "Unknown Speaker"]
    assert found.note is None or "unknown voice" not in found.note


@pytest.mark.parametrize("voice", ["Unidentified Female", "Unidentified female", "Female participant", "Male voice", "Another speaker"])
def test_a_focus_group_s_unidentified_voice_is_a_participant(voice):
    # Before: a described voice with a word in lower case ("Unidentified female:") was no label, its words the turn of
    # the speaker before (Ann's); and it is no unknown voice of Otter's, made no one's.
    text = (
        f"Moderator: What did the new bus route change?\n\nAnn: I get to work on time now.\n\n{voice}: Not me, it skips our stop.\n\n"
        f"Ann: It does on Sundays.\n\nModerator: And in the evenings?\n\n{voice}: Fine in the evenings.\n"
    )
    found = segment_document(text)
    voices = [(segment.speaker, role) for segment, role in zip(found.segments, found.roles)]
    assert voices == [("Moderator", "interviewer"), ("Ann", "participant"), (voice, "participant"), ("Ann", "participant"), ("Moderator", "interviewer"), (voice, "participant")]


@pytest.mark.parametrize(
    "text",
    [
        "Notes\n\nFemale participants: 5\nMale participants: 3\n\nThe group met at ten and left at noon.\n",
        "We met the female participant: she was late.\n\nThen we left.\n",
    ],
)
def test_counts_and_sentences_about_voices_are_no_labels(text):
    assert all(segment.speaker is None for segment in segment_document(text).segments)
