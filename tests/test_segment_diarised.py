"""A new user's transcripts (stop 39): diarisation labels in brackets, bracketed pseudonyms, one-off joint voices,
pieces a diarisation left without a speaker. Lookalikes written here, in words of our own."""

from __future__ import annotations

import json
import warnings

import pytest

import qlr
from qlr.errors import NoInterviewerWarning

from .conftest import write


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        return qlr.load(path, progress=False)


def _turns(study, doc_id=None):
    documents = study.documents.set_index("doc_id")
    rows = study.segments if doc_id is None else study.segments[study.segments["doc_id"] == doc_id]
    return [(row.speaker, row.speaker_role, documents.loc[row.doc_id, "text"][row.start : row.end]) for row in rows.itertuples()]


def test_a_diarised_text_a_line_per_piece_is_read_by_speaker_each_run_one_turn(tmp_path):
    # "[SPEAKER_00]: …" a line (a diarisation tool's captions written out as text) was one segment with no
    # speaker; each run of one speaker's lines is one turn, as the same tool's .srt is read.
    write(
        tmp_path / "H1_W2_interview.txt",
        "[SPEAKER_00]: Last spring you talked about the seed swap.\n"
        "[SPEAKER_00]: Is it still going?\n"
        "[SPEAKER_01]: It is.\n"
        "[SPEAKER_01]: We moved it to the church hall in May.\n"
        "[SPEAKER_01]: Nobody from the council runs it now.\n"
        "[SPEAKER_00]: Who keeps the list?\n"
        "[SPEAKER_01]: Me and Lowri.\n",
    )
    write(tmp_path / "study.yaml", "documents:\n  - {path: H1_W2_interview.txt, speakers: {SPEAKER_00: interviewer}}\n")
    turns = _turns(_load(tmp_path))
    assert turns == [
        ("SPEAKER_00", "interviewer", "Last spring you talked about the seed swap. Is it still going?"),
        ("SPEAKER_01", "participant", "It is. We moved it to the church hall in May. Nobody from the council runs it now."),
        ("SPEAKER_00", "interviewer", "Who keeps the list?"),
        ("SPEAKER_01", "participant", "Me and Lowri."),
    ]


def test_whisper_lines_with_a_bracketed_label_after_the_times_name_their_speakers(tmp_path):
    # "[00:00:01.000 --> 00:00:04.500] [SPEAKER_01]: …" was read as captions with no speaker.
    write(
        tmp_path / "H2_W1_interview.txt",
        "[00:00:01.000 --> 00:00:03.000] [SPEAKER_01]: Thanks for seeing me again. What is new?\n"
        "[00:00:03.500 --> 00:00:06.000] [SPEAKER_00]: We started a repair cafe.\n"
        "[00:00:06.100 --> 00:00:09.000] [SPEAKER_00]: Once a month, in the library.\n"
        "[00:00:09.500 --> 00:00:10.000] SPEAKER_01: And who fixes things?\n",
    )
    study = _load(tmp_path)
    assert [(speaker, words) for speaker, _, words in _turns(study)] == [
        ("SPEAKER_01", "Thanks for seeing me again. What is new?"),
        ("SPEAKER_00", "We started a repair cafe. Once a month, in the library."),
        ("SPEAKER_01", "And who fixes things?"),
    ]
    assert study.segments["timestamp"].tolist() == [1.0, 3.5, 9.5]


def test_a_text_of_alternating_diarised_lines_keeps_its_layout():
    # Where every line is another speaker's there is nothing to join: the segmenter reads the labels as written.
    from qlr.io._readers import _diarised_lines
    from qlr.io._segment import segment_turns

    text = "[SPEAKER_00]: Why?\n[SPEAKER_01]: The rent.\n[SPEAKER_00]: And?\n[SPEAKER_01]: Time.\n"
    assert _diarised_lines(text) is None
    assert [turn.speaker for turn in segment_turns(text)] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]
    assert _diarised_lines("[SPEAKER_00]: Why?\nA note typed later.\n[SPEAKER_01]: Rent.\n[SPEAKER_01]: Time.\n") is None


def test_a_bracketed_pseudonym_before_a_colon_is_the_speaker(tmp_path):
    # An anonymised transcript labels the participant by a pseudonym in brackets ("[Efa]: …") beside "INT:":
    # the turns were "(unlabelled answer)" and kept "[Efa]: " in every quote. Pseudonyms in the words stay words.
    write(
        tmp_path / "H3_W1_interview.txt",
        "Interview with [Efa], transcribed and anonymised.\n\n"
        "INT: Efa, how do you find the garden group?\n\n"
        "[Efa]: Quiet. [Rhodri] asked me to run the stall and I said maybe.\n\n"
        "INT: Would you run it?\n\n"
        "[Efa]: If my sister in [town] helped, yes.\n",
    )
    turns = _turns(_load(tmp_path))
    assert turns[1:] == [
        ("INT", "interviewer", "Efa, how do you find the garden group?"),
        ("Efa", "participant", "Quiet. [Rhodri] asked me to run the stall and I said maybe."),
        ("INT", "interviewer", "Would you run it?"),
        ("Efa", "participant", "If my sister in [town] helped, yes."),
    ]


def test_a_bracketed_name_without_a_colon_is_still_read_only_where_two_take_turns():
    # "[Rhodri] came round" opening a line of an answer is words, as before.
    from qlr.io._segment import segment_turns

    text = "I: Who helps?\nR: Neighbours mostly.\n[Rhodri] came round on Tuesday.\nI: And the council?\nR: No.\n"
    turns = segment_turns(text)
    assert [turn.speaker for turn in turns] == ["I", "R", "I", "R"]
    assert text[turns[1].start : turns[1].end] == "Neighbours mostly.\n[Rhodri] came round on Tuesday."


def test_a_one_off_joint_voice_of_two_speakers_is_a_turn_of_its_own(tmp_path):
    # "Ifan and Nia: [laughs] Exactly." once in a focus group, Nia speaking once before: the line was glued
    # onto Nia's turn. Both names are the file's speakers, so the joint voice is its own turn.
    lines = ["Facilitator: What is the group like?", "Ifan: Friendly. They do it all for us though.", "Nia: Only if you let them."]
    lines += ["Ifan and Nia: [laughs] Exactly.", "Facilitator: Anything to add?", "Ifan: No."]
    write(tmp_path / "FG1_W1_focus_group.txt", "\n\n".join(lines) + "\n")
    turns = _turns(_load(tmp_path))
    assert [speaker for speaker, _, _ in turns] == ["Facilitator", "Ifan", "Nia", "Ifan and Nia", "Facilitator", "Ifan"]
    assert turns[2:4] == [("Nia", "participant", "Only if you let them."), ("Ifan and Nia", "participant", "[laughs] Exactly.")]


def test_a_joint_label_naming_someone_who_never_speaks_stays_words():
    # "Ifan and Mari:" where Mari opens no line: not a voice of this file, so the line is the turn's words.
    from qlr.io._segment import segment_turns

    text = "Facilitator: Who came?\nIfan: Most of us.\nNia: Not Mari.\nFacilitator: Why?\nIfan: Busy.\nIfan and Mari: were away.\n"
    turns = segment_turns(text)
    assert [turn.speaker for turn in turns] == ["Facilitator", "Ifan", "Nia", "Facilitator", "Ifan"]
    assert text[turns[-1].start : turns[-1].end] == "Busy.\nIfan and Mari: were away."


def _whisperx(pieces):
    return json.dumps({"segments": [{"start": start, "end": start + 2.0, "text": f" {words}", **({"speaker": who} if who else {})} for start, who, words in pieces]})


def test_a_whisperx_piece_without_a_speaker_inside_one_turn_is_that_speaker_s_and_said(tmp_path):
    # WhisperX leaves out "speaker" where no diarised turn overlaps a piece: it was a segment of its own with no
    # speaker and no role, and nothing said so. Inside one speaker's turn it is theirs; the load notes say it.
    write(
        tmp_path / "H4_W1_interview.json",
        _whisperx(
            [
                (1.0, "SPEAKER_01", "What do you do at the hub?"),
                (4.0, "SPEAKER_00", "I fix bikes on Saturdays."),
                (7.0, None, "Me and two lads from the estate."),
                (9.0, "SPEAKER_00", "We split the tools between us."),
                (75.0, "SPEAKER_01", "And who pays for parts?"),
                (78.0, None, "Mostly the council."),
                (80.0, "SPEAKER_00", "Sometimes we do."),
                (83.0, None, "Do they?"),
                (85.0, "SPEAKER_00", "When the grant comes in."),
            ]
        ),
    )
    write(tmp_path / "study.yaml", "speakers: {SPEAKER_01: interviewer}\ndocuments:\n  - path: \"*.json\"\n")
    with pytest.warns(qlr.errors.InferenceWarning, match=r"3 piece\(s\) .* no speaker .* at 0:00:07, 0:01:18, 0:01:23: 1 between two pieces of one speaker .*; 2 asking, or between"):
        study = qlr.load(tmp_path, progress=False)
    turns = [(speaker if isinstance(speaker, str) else None, role if isinstance(role, str) else None, words) for speaker, role, words in _turns(study)]
    assert ("SPEAKER_00", "participant", "I fix bikes on Saturdays. Me and two lads from the estate. We split the tools between us.") in turns
    # Between the question and the answer nobody can say whose it is, and a question inside an answer is someone
    # else's probe: kept, with no speaker, and named.
    assert turns[-4:] == [
        (None, None, "Mostly the council."),
        ("SPEAKER_00", "participant", "Sometimes we do."),
        (None, None, "Do they?"),
        ("SPEAKER_00", "participant", "When the grant comes in."),
    ]
    assert len(turns) == 7
    assert any("no speaker (the diarisation gave none)" in note for note in study.meta["inferred"])


def test_a_json_whose_tool_names_no_speaker_at_all_says_nothing_of_pieces_without_one(tmp_path):
    # Whisper's own segments name no one: that is its way, not a gap in a diarisation.
    write(tmp_path / "H5_W1_interview.json", _whisperx([(1.0, None, "Hello there."), (3.0, None, "Welcome to the hub."), (5.0, None, "Bye.")]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    assert not any("diarisation gave none" in str(warning.message) for warning in caught)
    assert len(study.segments) == 1


def test_a_markdown_link_reference_is_no_bracketed_speaker():
    # "[Report]: https://…" under a Markdown transcript defines a link; it is the last turn's words, as before.
    from qlr.io._segment import segment_turns

    text = "I: How was it?\nR: Fine, see [the report][Report].\nI: And then?\nR: Better.\n\n[Report]: https://example.org/a\n[Minutes]: <https://example.org/b>\n[Report]: https://example.org/c\n"
    turns = segment_turns(text)
    assert [turn.speaker for turn in turns] == ["I", "R", "I", "R"]
    assert text[turns[-1].start : turns[-1].end].endswith("[Report]: https://example.org/c")


def test_a_time_after_each_diarised_label_is_the_turns_time(tmp_path):
    # "SPEAKER_00: [00:00:12] …" a line: the time is the piece's (a run's first), not its words, as after any label.
    write(
        tmp_path / "H6_W1_interview.txt",
        "SPEAKER_00: [00:00:01] Who started the tool shed?\nSPEAKER_01: [00:00:04] My neighbour.\nSPEAKER_01: [00:00:07] Then the rest of us.\n"
        "SPEAKER_00: [00:00:12] When?\n",
    )
    study = _load(tmp_path)
    assert [words for _, _, words in _turns(study)] == ["Who started the tool shed?", "My neighbour. Then the rest of us.", "When?"]
    assert study.segments["timestamp"].tolist() == [1.0, 4.0, 12.0]
