"""What transcription services and meeting tools write, as found in public repositories (stop 33).

Each test writes a small file of its own in the layout of a real one (named in a comment) and
checks what a user relies on: the turns, who says them, how many words, their times, nothing
said twice and nothing lost.
"""

from __future__ import annotations

import json

import pytest

import qlr
from qlr.errors import UnreadableFormatError

from .conftest import write

# These transcripts name no interviewer (a meeting, a podcast): the warning that says so is not what is tested here.
pytestmark = pytest.mark.filterwarnings("ignore::qlr.errors.NoInterviewerWarning")


def _load(tmp_path, name, content):
    folder = tmp_path / "study"
    write(folder / name, content)
    return qlr.load(folder, progress=False)


def _turns(study):
    """(speaker, words) of each segment, in order."""
    segments = study.segments
    return list(zip(segments["speaker"].fillna("∅"), segments["n_words"]))


# --------------------------------------------------------------------------- Zoom: names as the participants typed them


def _zoom(cues):
    blocks = [f"{n}\n00:0{n // 60}:{n % 60:02d}.000 --> 00:0{n // 60}:{n % 60:02d}.900\n{line}" for n, line in enumerate(cues, 1)]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


ZOOM = [
    "Florian Wahl: Welcome back, everyone, to the session.",
    "Florian Wahl: Who wants to start with the update?",
    "Saurabh Swaroop’s iPad: yeah so in our last session we spoke to three farmers.",
    "Saurabh Swaroop’s iPad: They all said the same thing about water.",
    "and the prices went up again this spring.",
    "Florian Wahl: Thank you. And the second team?",
    "anand sharma: We tried the survey with twelve people.",
    "Priya Nair: Twelve is a good start.",
    "anand sharma: Yes, next week we try twenty.",
]


def test_zoom_names_typed_in_lower_case_or_a_device_s_name_are_speakers(tmp_path):
    # Zoom writes each participant as they joined: dominikb1888/preasync transcript.vtt gives 186
    # cues to "Saurabh Swaroop’s iPad: …" (4,225 words read as Florian Wahl's and Shailly
    # Upadhyay's before), MohitSingh107/PoC_Audit_Live Recording.transcript.vtt "pulla sai durga
    # prasad: …" and "Anand sharma: …" (the label's words were read as the speaker before's).
    study = _load(tmp_path, "P01_W1_interview.vtt", _zoom(ZOOM))
    assert _turns(study) == [
        ("Florian Wahl", 6 + 7),
        ("Saurabh Swaroop’s iPad", 11 + 8 + 8),  # the unlabelled cue goes on with the voice before, as Zoom means it
        ("Florian Wahl", 6),
        ("anand sharma", 7),
        ("Priya Nair", 5),
        ("anand sharma", 6),
    ]
    text = study.documents["text"].iloc[0]
    assert text.count("iPad") == 1 and text.count("anand sharma") == 2  # each label once, as a label: no words of it
    assert study.segments["timestamp"].notna().all()


def test_a_caption_file_without_names_gets_no_speakers_from_a_colon(tmp_path):
    # The other side of the rule: YouTube's and Whisper's captions name no one; words before a
    # colon at a cue's start ("so the plan: …", said twice) stay words.
    cues = ["so the plan: we start at nine", "and then we walk to the river", "so the plan: we start at nine", "it was a long day", "we came back late"]
    study = _load(tmp_path, "P01_W1_interview.vtt", _zoom(cues))
    assert study.segments["speaker"].isna().all()
    assert study.segments["n_words"].sum() == 7 + 7 + 7 + 5 + 4


# --------------------------------------------------------------------------- JSON a meeting recorder or a service writes


def test_utterances_naming_a_participant_with_times_in_milliseconds(tmp_path):
    # Atiwari330/zoom_test1 transcript.json: {"utterances": [{"participant": "Adi Tiwari",
    # "start_ms": 16800, "end_ms": 18260, "text": …}]}. Before: its 31 turns were one voiceless
    # turn of 412 words, the participants lost.
    payload = {
        "meeting_uuid": "x1",
        "num_channels": 2,
        "utterances": [
            {"participant": "UnknownChannel2", "start_ms": 14640, "end_ms": 15980, "text": "Hi, good afternoon.", "confidence": 0.7},
            {"participant": "Ana Ruiz", "start_ms": 16800, "end_ms": 18260, "text": "Hey, how are you?", "confidence": 0.9},
            {"participant": "Ana Ruiz", "start_ms": 18300, "end_ms": 19000, "text": "Good to see you.", "confidence": 0.9},
            {"participant": "UnknownChannel2", "start_ms": 19720, "end_ms": 21660, "text": "I'm doing well, thanks.", "confidence": 0.9},
        ],
    }
    study = _load(tmp_path, "P01_W1_interview.json", json.dumps(payload))
    assert _turns(study) == [("UnknownChannel2", 3), ("Ana Ruiz", 8), ("UnknownChannel2", 4)]
    assert study.segments["timestamp"].tolist() == pytest.approx([14.64, 16.8, 19.72])


def _deepgram(alternative, **results):
    return json.dumps({"metadata": {"request_id": "r1", "duration": 30.0, "channels": 1}, "results": {"channels": [{"alternatives": [alternative]}], **results}})


PARAGRAPHS = {
    "transcript": "we planned it together and then we moved what about the garden",
    "confidence": 0.9,
    "words": [{"word": "we", "start": 0.1, "end": 0.3, "punctuated_word": "We", "speaker": 0}],
    "paragraphs": {
        "transcript": "\nSpeaker 0: We planned it together. And then we moved.\n\nSpeaker 1: What about the garden?",
        "paragraphs": [
            {"sentences": [{"text": "We planned it together.", "start": 0.1, "end": 1.5}, {"text": "And then we moved.", "start": 1.6, "end": 2.4}], "start": 0.1, "end": 2.4, "num_words": 8, "speaker": 0},
            {"sentences": [{"text": "What about the garden?", "start": 2.9, "end": 4.0}], "start": 2.9, "end": 4.0, "num_words": 4, "speaker": 1},
            {"sentences": [{"text": "We kept it.", "start": 4.2, "end": 5.0}], "start": 4.2, "end": 5.0, "num_words": 3, "speaker": 0},
        ],
    },
}


def test_deepgram_response_is_read_by_its_speakers_paragraphs(tmp_path):
    # moneybot968/PodTranser deepgram_response.json (a 24-minute episode, four speakers, 75
    # paragraphs): refused before ("not a transcript qlr reads"); now 75 turns, speakers
    # "Speaker 0"… as Deepgram's own transcript names them, every word once.
    study = _load(tmp_path, "P01_W1_interview.json", _deepgram(PARAGRAPHS))
    assert _turns(study) == [("Speaker 0", 8), ("Speaker 1", 4), ("Speaker 0", 3)]
    assert study.segments["timestamp"].tolist() == pytest.approx([0.1, 2.9, 4.2])
    assert study.documents["text"].iloc[0].count("We planned it together.") == 1  # the words' list is not read again


def test_deepgram_words_alone_and_its_utterances(tmp_path):
    # Deepgram without paragraphs gives its timed words, each with its speaker when diarized;
    # with utterances=true, results.utterances (seconds, "transcript", an integer speaker).
    words = [
        {"word": "we", "start": 0.1, "end": 0.2, "punctuated_word": "We", "speaker": 0},
        {"word": "moved", "start": 0.2, "end": 0.6, "punctuated_word": "moved.", "speaker": 0},
        {"word": "why", "start": 1.0, "end": 1.2, "punctuated_word": "Why?", "speaker": 1},
    ]
    study = _load(tmp_path, "P01_W1_interview.json", _deepgram({"transcript": "we moved why", "words": words}))
    assert _turns(study) == [("Speaker 0", 2), ("Speaker 1", 1)]
    assert study.documents["text"].iloc[0] == "Speaker 0: We moved.\n\nSpeaker 1: Why?"
    utterances = [
        {"start": 0.1, "end": 0.6, "confidence": 0.9, "channel": 0, "transcript": "We moved.", "speaker": 0, "id": "a"},
        {"start": 1.0, "end": 1.2, "confidence": 0.9, "channel": 0, "transcript": "Why?", "speaker": 1, "id": "b"},
    ]
    study = _load(tmp_path / "u", "P01_W1_interview.json", _deepgram({"transcript": "we moved why", "words": words}, utterances=utterances))
    assert _turns(study) == [("Speaker 0", 2), ("Speaker 1", 1)]


def test_whisper_words_or_chunks_saved_as_a_list_alone(tmp_path):
    # smagnacca/video-editing scripts/storyselling-whisper.json: [{"word": "Let's", "start": 0.0,
    # "end": 0.24}, …] (446 words); CuriouslyCory/whisperx-transcribe audio.json: a Hugging Face
    # pipeline's chunks, [{"text": " Thank", "timestamp": [29.92, 29.92]}, …]. Both refused before.
    words = [{"word": " Let's", "start": 0.0, "end": 0.24}, {"word": " be", "start": 0.24, "end": 0.32}, {"word": " honest,", "start": 0.32, "end": 0.66}]
    study = _load(tmp_path, "P01_W1_interview.json", json.dumps(words))
    assert study.documents["text"].iloc[0] == "Let's be honest,"
    assert _turns(study) == [("∅", 3)]
    chunks = [{"text": " Thank", "timestamp": [29.92, 29.92]}, {"text": " you.", "timestamp": [29.92, 29.98]}, {"text": " Oh", "timestamp": [33.56, None]}]
    study = _load(tmp_path / "c", "P01_W1_interview.json", json.dumps(chunks))
    assert study.documents["text"].iloc[0] == "Thank you. Oh"
    assert study.segments["timestamp"].tolist() == pytest.approx([29.92])


def test_a_json_list_that_is_no_transcript_gets_one_error_saying_what_is_read(tmp_path):
    # 404mike/whisper-cyw audio.json: the list of recordings to transcribe ({"url", "nid", "title"}).
    folder = tmp_path / "study"
    write(folder / "P01_W1_interview.json", json.dumps([{"url": "https://example.org/a.mp3", "nid": "1261", "title": "Oral history"}]))
    with pytest.raises(UnreadableFormatError, match=r"1 piece\(s\) hold no 'text'.*Deepgram"):
        qlr.load(folder, progress=False)


# --------------------------------------------------------------------------- Rev: a long turn's further paragraphs


def test_rev_times_opening_a_turn_s_further_paragraphs_are_no_words(tmp_path):
    # ChatPRD/lennys-podcast-transcripts episodes/karina-nguyen/transcript.md: "Lenny Rachitsky
    # (00:00:58):" then, inside the same long turn, "(00:01:31):" alone before each further
    # paragraph. Before: 43 such marks were read as words of the turns (20 turns).
    text = (
        "Ann Lee (00:00:00):\nWelcome to the show. Today we talk about gardens.\n\n"
        "(00:01:31):\nIn our conversation we cover soil, water and patience.\n\n"
        "(00:02:02):\nThis episode is brought to you by nobody.\n\n"
        "Tom Berg (00:02:40):\nThanks for having me.\n\n"
        "Ann Lee (00:02:45):\nWhere did it start?\n"
    )
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    assert _turns(study) == [("Ann Lee", 9 + 9 + 8), ("Tom Berg", 4), ("Ann Lee", 4)]
    assert "(00:01:31)" not in study.documents["text"].iloc[0]
    assert study.segments["timestamp"].tolist() == pytest.approx([0.0, 160.0, 165.0])


# --------------------------------------------------------------------------- Otter: its export pasted into Markdown


OTTER_BOLD = (
    "**Emma**  0:00  \nToday we talk about systems design interviews and how to prepare.\n\n"
    "**Kelly**  0:24  \nWelcome to the show. I'm Kelly.\n\n"
    "**Emma**  0:32  \nHave you heard about this tool?\n\n"
    "Unknown Speaker  0:40  \nTell me about it.\n\n"
    "**Kelly**  1:02:03  \nIt's a suite of services for building apps.\n\n"
    "Transcribed by https://otter.ai\n"
)


def test_otter_headings_with_bold_names_in_markdown_are_turns(tmp_path):
    # ladybug-podcast/ladybug-website transcripts/46-systems-design.md: Otter's "Emma  0:24" headings
    # pasted with the names made bold ("**Emma**  0:24  "). Before: the bold headings were no labels,
    # so 8,776 words of Emma, Kelly and Ali went to the one plain "Unknown Speaker" heading before them.
    study = _load(tmp_path, "P01_W1_interview.md", OTTER_BOLD)
    # Otter's "Unknown Speaker" opens a turn of no one known (stop 51: it had been a participant of that name).
    assert _turns(study) == [("Emma", 11), ("Kelly", 6), ("Emma", 6), ("∅", 4), ("Kelly", 8)]
    assert study.segments["timestamp"].tolist() == pytest.approx([0, 24, 32, 40, 3723])
    text = study.documents["text"].iloc[0]
    assert "**" not in text and "otter.ai" not in text  # the footer is no one's words: the last turn ends with its own


def test_otter_bold_heading_with_one_space_and_plain_export_footer(tmp_path):
    # transcripts/27-data-structures-and-algorithms.md writes "**Ali** 0:19" (one space): no speaker
    # at all was read before (237 voiceless segments). transcripts/62-security.md is Otter's plain
    # export, read right before; only its closing "Transcribed by https://otter.ai" was the last turn's words.
    one_space = (
        "**Ali** 0:00  \nData structures can be intimidating.\n\n**Kelly** 0:16\nWelcome to the podcast.\n\n**Ali** 0:19\nI'm Ali.\n\n"
        "**Emma** 0:20\nAnd I'm Emma.\n\n**Kelly** 0:25\nSo where do we start?\n\n**Ali** 0:31\nWith arrays, always with arrays.\n"
    )
    study = _load(tmp_path, "P01_W1_interview.md", one_space)
    assert _turns(study) == [("Ali", 5), ("Kelly", 4), ("Ali", 2), ("Emma", 3), ("Kelly", 5), ("Ali", 5)]
    plain = "Emma  0:00  \nIt is more important than ever.\n\nSidney  55:21  \nThank you so much.\n\nTranscribed by https://otter.ai\n"
    study = _load(tmp_path / "plain", "P01_W1_interview.txt", plain)
    assert _turns(study) == [("Emma", 6), ("Sidney", 4)]


# --------------------------------------------------------------------------- Whisper: one transcript in every format


def test_whisper_s_formats_side_by_side_are_one_transcript_in_the_template(tmp_path):
    # mattcarrollcode/whisper: audio.txt, audio.vtt, audio.srt and audio.tsv, Whisper's default output
    # (--output_format all). Before: `qlr info --template` listed audio.srt, audio.txt and audio.vtt as
    # three interviews of one case, a manifest qlr then refused ("two documents get the id 'audio'");
    # given ids, the 36,189 words would have counted three times.
    from qlr.io import folder_template

    said = ["I don't know what those letters meant.", "I'm obsessed.", "We kept the garden going all winter."]
    folder = tmp_path / "whisper"
    write(folder / "audio.txt", "\n".join(said) + "\n")
    write(folder / "audio.vtt", "WEBVTT\n\n" + "".join(f"00:00:0{i}.000 --> 00:00:0{i}.900\n{line}\n\n" for i, line in enumerate(said)))
    write(folder / "audio.srt", "".join(f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i},900\n{line}\n\n" for i, line in enumerate(said)))
    write(folder / "notes.txt", "Interviewer: Something else entirely?\nAnn: Yes.\n")
    template = folder_template(folder)
    assert "- path: audio.vtt" in template and "- path: audio.txt" not in template and "- path: audio.srt" not in template
    assert "one listed: audio.srt (as audio.vtt), audio.txt (as audio.vtt)" in template
    assert "- path: notes.txt" in template
    write(folder / "study.yaml", template)
    study = qlr.load(folder, progress=False)
    audio = study.segments[study.segments["doc_id"] == "audio"]
    assert audio["n_words"].sum() == 7 + 2 + 7  # each word once
    assert audio["timestamp"].notna().all()  # the timed copy is the one read


def test_files_of_one_name_with_different_words_are_both_listed(tmp_path):
    from qlr.io import folder_template

    folder = tmp_path / "two"
    write(folder / "ann.txt", "Interviewer: How was the first year?\nAnn: Hard.\n")
    write(folder / "ann.md", "Interviewer: And the second?\nAnn: Better.\n")
    template = folder_template(folder)
    assert "- path: ann.md" in template and "- path: ann.txt" in template and "several formats" not in template
