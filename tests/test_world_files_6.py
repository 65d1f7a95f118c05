"""Real files of a sixth pass (stop 33): each failure met on files nobody here wrote, made small."""

from __future__ import annotations

import json

import pytest
import yaml

import qlr
from qlr.errors import UnreadTextWarning

from .conftest import write

# --------------------------------------------------------------------------- characters beyond U+FFFF


def test_rich_text_spells_an_emoji_as_two_escapes_and_it_is_read_as_one(tmp_path):
    # Word and TextEdit write a character beyond U+FFFF as the two halves of its UTF-16 pair
    # (\u-10179?\u-8704? is U+1F600); read one by one they could not be saved ("surrogates not allowed").
    rtf = r"{\rtf1\ansi\ansicpg1252\uc1 Interviewer: How was it?\par Anna: Great \u-10179?\u-8704? we ran it\par}"
    folder = tmp_path / "study"
    write(folder / "P01_W1_interview.rtf", rtf.encode("ascii"))
    study = qlr.load(folder, progress=False)
    assert study.documents["text"].iloc[0] == "Interviewer: How was it?\nAnna: Great \U0001f600 we ran it\n"
    study.save(tmp_path / "study.qlr")
    assert qlr.open(tmp_path / "study.qlr").documents["text"].iloc[0] == study.documents["text"].iloc[0]


def test_half_a_pair_alone_is_replaced_and_said_not_left_to_break_the_save(tmp_path):
    # A JSON transcript whose escape lost its second half ("\ud83d" alone) decodes to a character UTF-8 cannot write.
    folder = tmp_path / "study"
    payload = {"segments": [{"start": 0, "end": 2, "speaker": "SPEAKER_00", "text": "we planned it \ud83d together"}]}
    write(folder / "P01_W1_interview.json", json.dumps(payload))
    with pytest.warns(UnreadTextWarning, match="1 characters that are half of a broken UTF-16 pair"):
        study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    assert "we planned it \ufffd together" in text
    study.save(tmp_path / "study.qlr")
    assert qlr.open(tmp_path / "study.qlr").documents["text"].iloc[0] == text  # it saves and opens again


# --------------------------------------------------------------------------- line numbers typed in Word


def _numbered_docx(path, rows, *, bold=False):
    import docx

    document = docx.Document()
    for number, (label, words) in enumerate(rows, 1):
        paragraph = document.add_paragraph(f"{number}\t")
        paragraph.add_run(f"{label}:").bold = bold
        paragraph.add_run(f" {words}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


ROWS = [
    ("Interviewer", "How is the rota planned these days?"),
    ("Anna", "We decided it together this year, all of us."),
    ("Interviewer", "And the garden?"),
    ("Anna", "We run it ourselves now, with the neighbours."),
]


@pytest.mark.parametrize("bold", [False, True])
def test_line_numbers_typed_before_each_paragraph_of_a_word_transcript_are_cut(tmp_path, bold):
    # German and British transcription conventions number every line ("1⇥I: …"), typed into the Word file;
    # in plain text they were cut, in Word they hid every label: one unlabelled voice, the questions coded.
    folder = tmp_path / "study"
    _numbered_docx(folder / "P01_W1_interview.docx", ROWS, bold=bold)
    study = qlr.load(folder, progress=False)
    text = study.documents["text"].iloc[0]
    assert text.split("\n")[0] == "Interviewer: How is the rota planned these days?"
    turns = [(row.speaker, row.speaker_role, text[row.start : row.end]) for row in study.segments.itertuples()]
    assert turns == [("Interviewer" if label == "Interviewer" else "Anna", "interviewer" if label == "Interviewer" else "participant", words) for label, words in ROWS]
    assert "P01_W1_interview: left out of the text: 4 line numbers" in study.meta["inferred"]


def test_a_numbered_list_in_a_word_document_keeps_its_numbers(tmp_path):
    import docx

    document = docx.Document()
    for line in ["1. Background: the group met weekly.", "2. Methods: we interviewed members.", "3. Findings: they plan it together.", "4. Limits: one site only."]:
        document.add_paragraph(line)
    (tmp_path / "study").mkdir()
    document.save(tmp_path / "study" / "P01_W1_document.docx")
    study = qlr.load(tmp_path / "study", progress=False)
    assert study.documents["text"].iloc[0].startswith("1. Background: the group met weekly.\n2. Methods")


# --------------------------------------------------------------------------- a diary kept over a chat app


def test_a_chat_apps_contact_saved_with_a_role_asks_the_questions(tmp_path):
    # WhatsApp diaries exported as text show a contact as it is saved on the phone: "Researcher Kate".
    # The role word before the name was not read: the researcher's prompts were coded as the diarist's words.
    text = (
        "12/03/2021, 14:22 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
        "12/03/2021, 14:22 - Researcher Kate: Hi Anna, what did you do with the group this week?\n"
        "12/03/2021, 14:30 - Anna: We decided the rota together on Monday.\nIt took ages but we got there.\n"
        "13/03/2021, 09:02 - Researcher Kate: Thanks! Did you plan it together with the staff?\n"
        "13/03/2021, 09:15 - Anna: We run the café ourselves now.\n"
    )
    study = qlr.load(write(tmp_path / "P01_W1_diary.txt", text), progress=False)
    roles = study.segments.dropna(subset=["speaker"]).groupby("speaker")["speaker_role"].unique().map(list).to_dict()
    assert roles == {"Researcher Kate": ["interviewer"], "Anna": ["participant"]}
    assert list(study.segments.dropna(subset=["speaker"])["date"].dt.day) == [12, 12, 13, 13]


@pytest.mark.parametrize(
    ("label", "role"),
    [("Researcher Kate", "interviewer"), ("Interviewer Sam Lee", "interviewer"), ("Participant Anna", "participant"), ("Kate Researcher", "participant"), ("Interviewer Notes", "participant")],
)
def test_a_role_word_opens_a_label_only_before_a_name(label, role):
    from qlr.io._segment import speaker_role

    assert speaker_role(label, {}) == role


# --------------------------------------------------------------------------- an export with a few codings that cannot be placed


def _study_with_codings(root, entry):
    write(root / "P01_W1_interview.txt", "Interviewer: How is it?\nAnna: We decided it together this year.\nInterviewer: And now?\nAnna: We run it ourselves.\n")
    write(
        root / "quotations.csv",
        "doc_id,quote,code_id,coder\n"
        "P01_W1_interview,We decided it together,Shared decisions,rm\n"
        "P01_W1_interview,We planned it all ourselves,Leading,rm\n"  # the tool's own copy differs: not in this text
        "P01_W1_interview,We run it ourselves,Leading,rm\n"
        "P09_W1_interview,Anything,Leading,rm\n",  # a document the study does not have
    )
    write(root / "study.yaml", f"documents: ['*.txt']\ncodings:\n  - {entry}\n")
    return root


def test_a_codings_file_with_rows_that_cannot_be_placed_is_refused_whole_and_says_how_to_load_the_rest(tmp_path):
    from qlr.errors import ManifestError

    with pytest.raises(ManifestError, match=r"2 of 4 codings cannot be placed") as caught:
        qlr.load(_study_with_codings(tmp_path, "quotations.csv"), progress=False)
    assert "unplaced: warn" in caught.value.hint


def test_unplaced_warn_loads_the_rest_and_names_each_row_left_out(tmp_path):
    from qlr.errors import RowsRefusedWarning

    with pytest.warns(RowsRefusedWarning, match=r"2 of 4 codings cannot be placed and are left out .*row 3.*row 5"):
        study = qlr.load(_study_with_codings(tmp_path, "{path: quotations.csv, unplaced: warn}"), progress=False)
    text = study.documents["text"].iloc[0]
    placed = sorted((text[row.start : row.end], row.code_id) for row in study.codings.itertuples())
    assert [words for words, _ in placed] == ["We decided it together", "We run it ourselves"]
    read = study.log[study.log["action"] == "read codings"]
    assert json.loads(read["detail"].iloc[-1])["not placed"] == 2


def test_unplaced_takes_only_error_or_warn(tmp_path):
    from qlr.errors import ManifestError

    with pytest.raises(ManifestError, match=r"'unplaced' is 'skip'"):
        qlr.load(_study_with_codings(tmp_path, "{path: quotations.csv, unplaced: skip}"), progress=False)


# --------------------------------------------------------------------------- what a file is, named before whose it is


@pytest.mark.parametrize("names", [["Interview_P01.txt", "Interview_P02.txt"], ["Entrevista_E1.md", "Entrevista_E2.md"], ["Participant_01.txt", "Participant_02.txt"], ["IMG_1770_CJ_4_251.txt", "IMG_1771_CJ_4_252.txt"]])
def test_a_kind_or_role_word_before_the_id_is_not_one_case_over_waves(tmp_path, names):
    # BookThesis's Entrevista_E1…E3 (three screenwriters) and Animalesco's entrevista_01…06 (six people) loaded as
    # one case "Entrevista" seen at waves E1, E2, E3; an archive's IMG_1770_CJ_4_251 as case IMG over 107 waves.
    from qlr.errors import ManifestNotFoundError

    for name in names:
        write(tmp_path / name, "Interviewer: How is it?\nAnna: We decided it together.\n")
    with pytest.raises(ManifestNotFoundError, match="none of its 2 readable file"):
        qlr.load(tmp_path, progress=False)
    cases = [document["case"] for document in yaml.safe_load(qlr.io.template_for(tmp_path))["documents"]]
    assert len(set(cases)) == 2 and not any(case.lower() in ("interview", "entrevista", "participant") for case in cases)


def test_a_focus_group_or_a_meeting_may_still_be_the_case(tmp_path):
    write(tmp_path / "FG_W1_focus_group.txt", "Moderator: Who plans it?\nAnna: We do.\n")
    write(tmp_path / "FG_W2_focus_group.txt", "Moderator: And now?\nAnna: Still we do.\n")
    study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["case_id"]) == ["FG", "FG"]


# --------------------------------------------------------------------------- after the review: notes, sounds and one-off question words


def test_a_sound_in_brackets_with_a_colon_stays_inside_the_turn_it_interrupts(tmp_path):
    text = (
        "Interviewer: How was the year?\nP1: Hard.\n[Crosstalk]: no, let me finish,\n"
        "the landlord put the rent up twice and we had to move.\nInterviewer: I am sorry.\n[Note]: the phone rang here\nP1: It is fine now.\n"
    )
    study = qlr.load(write(tmp_path / "P01_W1_interview.txt", text), progress=False)
    turns = [(row.speaker if isinstance(row.speaker, str) else None, text[row.start : row.end]) for row in study.segments.itertuples()]
    assert turns[1] == ("P1", "Hard.\n[Crosstalk]: no, let me finish,\nthe landlord put the rent up twice and we had to move.")
    assert (None, "[Note]: the phone rang here") in turns  # a researcher's note is no one's words


def test_a_question_word_said_once_is_the_participants_own_question(tmp_path):
    text = (
        "I: Wie war das Jahr?\nB: Schwierig.\nFrage: Wer zahlt die Miete, wenn ich krank bin?\n"
        "B: Das hat mir keiner beantwortet.\nI: Und dann?\nB: Dann bin ich zur Beratung gegangen.\n"
    )
    study = qlr.load(write(tmp_path / "P01_W1_interview.txt", text), progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"I": "interviewer", "B": "participant", "Frage": "participant"}
    asked = "Pergunta: Como foi o ano?\nResposta: Difícil.\nPergunta: E agora?\nResposta: Melhor.\n"
    again = qlr.load(write(tmp_path / "again" / "P02_W1_interview.txt", asked), progress=False)
    assert dict(zip(again.segments["speaker"], again.segments["speaker_role"])) == {"Pergunta": "interviewer", "Resposta": "participant"}


def test_whispers_formats_of_one_interview_named_by_the_convention_are_read_once(tmp_path):
    # Whisper writes audio.txt, .vtt and .srt side by side; renamed C01_W1_interview.* they stopped loading ("two documents get the id").
    cue = "00:00:00{0}000 --> 00:00:02{0}000\nWe decided it together.\n\n{1}00:00:02{0}000 --> 00:00:04{0}000\nWe run it ourselves now.\n"
    write(tmp_path / "C01_W1_interview.vtt", "WEBVTT\n\n" + cue.format(".", ""))
    write(tmp_path / "C01_W1_interview.srt", "1\n" + cue.format(",", "2\n"))
    write(tmp_path / "C01_W1_interview.txt", "We decided it together.\nWe run it ourselves now.\n")
    write(tmp_path / "C02_W1_interview.txt", "Interviewer: And you?\nTom: We planned it.\n")
    from qlr.errors import NoInterviewerWarning

    with pytest.warns(NoInterviewerWarning, match="C01_W1_interview"):  # Whisper names no one
        study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["doc_id"]) == ["C01_W1_interview", "C02_W1_interview"]
    assert study.documents["source"].iloc[0] == "C01_W1_interview.vtt"
    assert any("one read: C01_W1_interview.srt (as C01_W1_interview.vtt)" in note for note in study.meta["inferred"])


# --------------------------------------------------------------------------- a recording no one takes turns in


def _vtt(cues):
    return "WEBVTT\n\n" + "".join(f"00:{i // 60:02d}:{i % 60:02d}.000 --> 00:{(i + 1) // 60:02d}:{(i + 1) % 60:02d}.000\n{text}\n\n" for i, text in enumerate(cues))


def test_captions_that_name_no_one_are_cut_into_passages_not_one_segment(tmp_path):
    # Whisper's audio.vtt (36,189 words) and YouTube's captions were one segment each: two separate passages
    # of evidence in them counted as one, and the placement said "insufficient evidence: passages: 1 of 2".
    from qlr.io._readers import CUE_PASSAGE_WORDS, read_source

    sentence = "we sat down with the staff and planned the whole week together again."  # 13 words
    path = write(tmp_path / "audio.vtt", _vtt([sentence] * 60))  # 780 words
    source = read_source(path)
    spans = [source.text[turn.start : turn.end] for turn in source.turns]
    # Cut at the first sentence end after CUE_PASSAGE_WORDS words: 16 cues of 13 words.
    assert CUE_PASSAGE_WORDS == 200 and [len(span.split()) for span in spans] == [208, 208, 208, 156]
    assert all(span.endswith("again.") for span in spans)
    unpunctuated = read_source(write(tmp_path / "yt.vtt", _vtt(["we planned it together with them"] * 150)))  # 900 words
    assert [len(source_span.split()) for source_span in (unpunctuated.text[t.start : t.end] for t in unpunctuated.turns)] == [402, 402, 96]


def test_a_conversation_read_from_cues_keeps_its_turns_whole(tmp_path):
    from qlr.io._readers import read_source

    long_answer = ["<v Anna>we sat down with the staff and planned the whole week together again."] * 40
    source = read_source(write(tmp_path / "talk.vtt", _vtt(["<v Sam>How was it?", *long_answer, "<v Sam>Thanks."])))
    assert [turn.speaker for turn in source.turns] == ["Sam", "Anna", "Sam"]
