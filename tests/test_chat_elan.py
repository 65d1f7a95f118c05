"""CHAT (.cha, TalkBank/CHILDES) and ELAN (.eaf) transcripts read as turns.

The files below are written here in the layouts of real ones (pylangacq's CHILDES samples,
TalkBank's tools, FRelan's and other ELAN projects), each named beside its test.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

import qlr
from qlr._yaml import parse_yaml
from qlr.errors import (
    DocumentFormatError,
    FilesNotLoadedWarning,
    NoInterviewerWarning,
    UnreadableFormatError,
    YamlSyntaxError,
)
from qlr.io import read_source, speaker_labels
from qlr.io._segment import speakers_line

from .conftest import write

# --------------------------------------------------------------------------- CHAT

# Two speakers and an investigator; a continuation line; dependent tiers; a header line in the
# middle (@Comment); time bullets on two utterances (0x15 bytes); @End.
CHAT = (
    "@UTF8\n"
    "@Begin\n"
    "@Languages:\teng\n"
    "@Participants:\tCHI Eve Target_Child , MOT Sue Mother ,\n"
    "\tINV Ann Investigator\n"
    "@ID:\teng|Brown|CHI|1;06.00|female|||Target_Child|||\n"
    "@Media:\teve01, audio\n"
    "*INV:\twhat did you do at the park ? \x151000_2500\x15\n"
    "%mor:\tpro:int|what v|do pro:per|you v|do prep|at det:art|the n|park ?\n"
    "%gra:\t1|2|OBJ 2|0|ROOT\n"
    "*CHI:\tI [/] I went on the slide\n"
    "\tand the swing . \x152600_4000\x15\n"
    "%mor:\tpro:sub|I v|go&PAST prep|on det:art|the n|slide\n"
    "%com:\tlaughs while speaking\n"
    "@Comment:\ttape turned over\n"
    "*MOT:\t&-um she loved it .\n"
    "*CHI:\txxx .\n"
    "@End\n"
)


def _load_quietly(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


def test_a_chat_file_is_read_turn_by_turn_with_roles_and_times(tmp_path):
    path = write(tmp_path / "study" / "EVE_W1_interview.cha", CHAT.encode("utf-8"))
    study = qlr.load(path.parent, progress=False)  # INV is the interviewer: no warning at all
    segments = study.segments
    text = study.documents["text"].iloc[0]
    said = [(s, r, text[a:b]) for s, r, a, b in zip(segments["speaker"], segments["speaker_role"], segments["start"], segments["end"])]
    assert said == [
        ("INV", "interviewer", "what did you do at the park ?"),
        ("CHI", "participant", "I [/] I went on the slide and the swing ."),  # markup kept, the continuation joined
        ("MOT", "participant", "&-um she loved it ."),
        ("CHI", "participant", "xxx ."),
    ]
    assert segments["timestamp"].tolist()[:2] == [1.0, 2.6] and segments["timestamp_end"].tolist()[:2] == [2.5, 4.0]
    assert segments["timestamp"].isna().tolist() == [False, False, True, True]
    # Nobody's words: no dependent tier, header, bullet or @End in the stored text.
    for absent in ("%mor", "pro:int", "1|2|OBJ", "laughs while", "@", "tape turned", "Investigator", "eve01", "\x15", "\x0c", "1000_2500"):
        assert absent not in text
    assert study.documents["format"].iloc[0] == "cha"
    assert study.documents["n_words"].iloc[0] < 40
    # Counted in the load notes: 8 header lines (@UTF8, @Begin, @Languages, @Participants with its
    # continuation once, @ID, @Media, @Comment, @End), 4 dependent lines, 2 bullets.
    note = next(line for line in study.meta["inferred"] if line.startswith("EVE_W1_interview:"))
    assert "8 CHAT header lines (@…)" in note
    assert "4 CHAT dependent tier lines (%mor, %gra, %com)" in note
    assert "2 CHAT time bullets" in note
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["INV", "decided_by"] == "header" and table.loc["CHI", "decided_by"] == "default"


def test_the_manifest_wins_over_chat_participants(tmp_path):
    root = tmp_path / "study"
    write(root / "EVE_W1_interview.cha", CHAT)
    write(root / "study.yaml", "documents:\n  - path: EVE_W1_interview.cha\n    case: EVE\n    wave: W1\n    kind: interview\nspeakers: {INV: participant, MOT: interviewer}\n")
    study = _load_quietly(root)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"INV": "participant", "CHI": "participant", "MOT": "interviewer"}


def test_a_chat_file_saved_as_txt_is_read_as_chat_and_its_bullets_are_no_binary_data(tmp_path):
    # The refusal's advice used to be "save it as .txt": then %mor and @ID were speakers, and a bullet
    # (byte 0x15) stopped the whole study as binary data.
    root = tmp_path / "study"
    write(root / "B1_W1_interview.txt", CHAT.encode("utf-8"))
    write(root / "R1_W1_interview.txt", "I: How was it?\nR: Fine.\n")
    study = qlr.load(root, progress=False)
    chat = study.segments[study.segments["doc_id"] == "B1_W1_interview"]
    assert chat["speaker"].tolist() == ["INV", "CHI", "MOT", "CHI"]
    assert chat["timestamp"].tolist()[0] == 1.0
    assert study.documents.set_index("doc_id")["format"].to_dict() == {"B1_W1_interview": "cha", "R1_W1_interview": "txt"}


def test_chat_without_tabs_time_bullets_in_seconds_and_the_older_sound_bullets(tmp_path):
    # An editor turned the tabs into spaces; CLAN's older bullets name the sound file.
    data = b'@Begin\n@Participants: PAR Participant, INV Investigator\n*INV: so tell me . \x15%snd:"int01"_5000_6250\x15\n*PAR: it began in May .\n@End\n'
    source = read_source(write(tmp_path / "a.cha", data))
    assert [(t.speaker, t.timestamp, t.timestamp_end, source.text[t.start : t.end]) for t in source.turns] == [
        ("INV", 5.0, 6.25, "so tell me ."),
        ("PAR", None, None, "it began in May ."),
    ]
    assert source.speakers == {"par": "participant", "inv": "interviewer"}


def test_a_text_that_only_looks_like_chat_is_plain_text(tmp_path):
    # No @UTF8 or @Begin opening: labels with stars are a house style, read by the usual segmenter.
    plain = read_source(write(tmp_path / "a.txt", "*INV:\tWhat happened?\n*PAR:\tWe moved.\n"))
    assert plain.format == "txt" and plain.turns is None
    # An @-mention opening a line is no CHAT header.
    assert read_source(write(tmp_path / "b.txt", "@Begin the meeting, Tom said.\nTom: Hello.\n")).format == "txt"


def test_a_broken_chat_main_tier_names_its_line(tmp_path):
    path = write(tmp_path / "a.cha", "@Begin\n*CHI:\tmore .\n*CHI more cookie\n@End\n")
    with pytest.raises(DocumentFormatError, match=r"a\.cha:3: a CHAT main tier must open with '\*CODE:' and a tab"):
        read_source(path)
    with pytest.raises(UnreadableFormatError, match=r"no CHAT main tier"):
        read_source(write(tmp_path / "b.cha", "Dear Ann,\nthanks.\n"))


# --------------------------------------------------------------------------- ELAN


def _alignable(annotation_id: str, start: str, end: str, value: str) -> str:
    return (
        f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="{annotation_id}" TIME_SLOT_REF1="{start}" TIME_SLOT_REF2="{end}">'
        f"<ANNOTATION_VALUE>{value}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>"
    )


def _ref(annotation_id: str, parent: str, value: str) -> str:
    return f'<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="{annotation_id}" ANNOTATION_REF="{parent}"><ANNOTATION_VALUE>{value}</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>'


def _eaf(tiers: str, slots: dict[str, int | None]) -> str:
    times = "".join(f'<TIME_SLOT TIME_SLOT_ID="{slot}"' + (f' TIME_VALUE="{value}"' if value is not None else "") + "/>" for slot, value in slots.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">\n'
        '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///Users/rachel/interviews/ann.wav" MIME_TYPE="audio/x-wav"/></HEADER>\n'
        f"<TIME_ORDER>{times}</TIME_ORDER>\n{tiers}\n"
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utterance" TIME_ALIGNABLE="true"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="ref" TIME_ALIGNABLE="true"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="orth" CONSTRAINTS="Symbolic_Association" TIME_ALIGNABLE="false"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="translation" CONSTRAINTS="Symbolic_Association" TIME_ALIGNABLE="false"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="words" CONSTRAINTS="Symbolic_Subdivision" TIME_ALIGNABLE="false"/>'
        '<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="topic" CONTROLLED_VOCABULARY_REF="topics" TIME_ALIGNABLE="true"/>'
        "\n</ANNOTATION_DOCUMENT>\n"
    )


# An interviewer's tier without PARTICIPANT, Ann's tier with one; Ann's second and third pieces follow each
# other (one turn); a translation and a word tier under Ann's; a topic tier of tags; a slot without a time.
INTERVIEW = _eaf(
    '<TIER TIER_ID="Interviewer" LINGUISTIC_TYPE_REF="utterance">'
    + _alignable("a1", "t1", "t2", "How did the group start?")
    + _alignable("a2", "t7", "t8", "And then?")
    + "</TIER>"
    '<TIER TIER_ID="A" PARTICIPANT="Ann" LINGUISTIC_TYPE_REF="utterance">'
    + _alignable("a3", "t3", "t4", "After the flood.")
    + _alignable("a4", "t5", "t6", "We met in the church hall.")
    + _alignable("a5", "t9", "t10", "We kept going.")
    + "</TIER>"
    '<TIER TIER_ID="A-translation" PARTICIPANT="Ann" PARENT_REF="A" LINGUISTIC_TYPE_REF="translation">'
    + _ref("a6", "a3", "Nach der Flut.")
    + _ref("a7", "a4", "Wir trafen uns im Gemeindesaal.")
    + "</TIER>"
    '<TIER TIER_ID="A-words" PARTICIPANT="Ann" PARENT_REF="A" LINGUISTIC_TYPE_REF="words">' + _ref("a8", "a3", "After") + "</TIER>"
    '<TIER TIER_ID="Topics" LINGUISTIC_TYPE_REF="topic">' + _alignable("a9", "t1", "t6", "beginnings") + "</TIER>",
    {"t1": 0, "t2": 1200, "t3": 1300, "t4": 2000, "t5": None, "t6": 4000, "t7": 4100, "t8": 4600, "t9": 4700, "t10": 6000},
)


def test_an_elan_file_is_read_as_timed_turns_of_its_tiers(tmp_path):
    root = tmp_path / "study"
    write(root / "ANN_W1_interview.eaf", INTERVIEW)
    study = qlr.load(root, progress=False)
    segments = study.segments
    text = study.documents["text"].iloc[0]
    assert [(s, r, text[a:b]) for s, r, a, b in zip(segments["speaker"], segments["speaker_role"], segments["start"], segments["end"])] == [
        ("Interviewer", "interviewer", "How did the group start?"),
        ("Ann", "participant", "After the flood. We met in the church hall."),  # one speaker's pieces in a row: one turn
        ("Interviewer", "interviewer", "And then?"),
        ("Ann", "participant", "We kept going."),
    ]
    # The untimed slot t5 takes the time of the timed slot before it (t4, 2.0 s).
    assert segments["timestamp"].tolist() == [0.0, 1.3, 4.1, 4.7]
    assert segments["timestamp_end"].tolist() == [1.2, 4.0, 4.6, 6.0]
    for absent in ("Nach der Flut", "beginnings", "file:///", "ann.wav"):
        assert absent not in text
    assert study.documents["format"].iloc[0] == "eaf"
    note = next(line for line in study.meta["inferred"] if line.startswith("ANN_W1_interview:"))
    assert "4 ELAN annotations on 3 tier(s) that are not the transcription" in note
    assert "A-translation, A-words, Topics" in note


def test_elan_words_on_a_child_tier_take_their_times_from_the_parent(tmp_path):
    # Language documentation: the aligned top tier holds ids, the words are on a child tier
    # (Symbolic_Association) whose annotations point at it, a translation under that.
    eaf = _eaf(
        '<TIER TIER_ID="ref@NTP" PARTICIPANT="NTP" LINGUISTIC_TYPE_REF="ref">'
        + _alignable("r1", "t1", "t2", "kpv_001")
        + _alignable("r2", "t5", "t6", "kpv_003")
        + "</TIER>"
        '<TIER TIER_ID="orth@NTP" PARTICIPANT="NTP" PARENT_REF="ref@NTP" LINGUISTIC_TYPE_REF="orth">'
        + _ref("o1", "r1", "Кыдз олан?")
        + _ref("o2", "r2", "А сэсся?")
        + "</TIER>"
        '<TIER TIER_ID="ft-eng@NTP" PARTICIPANT="NTP" PARENT_REF="orth@NTP" LINGUISTIC_TYPE_REF="translation">'
        + _ref("f1", "o1", "How are you?")
        + "</TIER>"
        '<TIER TIER_ID="ref@JAI" PARTICIPANT="JAI" LINGUISTIC_TYPE_REF="ref">' + _alignable("r3", "t3", "t4", "") + "</TIER>"
        '<TIER TIER_ID="orth@JAI" PARTICIPANT="JAI" PARENT_REF="ref@JAI" LINGUISTIC_TYPE_REF="orth">' + _ref("o3", "r3", "Бур.") + "</TIER>",
        {"t1": 500, "t2": 1500, "t3": 1600, "t4": 2100, "t5": 2200, "t6": 3000},
    )
    source = read_source(write(tmp_path / "kpv.eaf", eaf))
    assert [(t.speaker, t.timestamp, t.timestamp_end, source.text[t.start : t.end]) for t in source.turns] == [
        ("NTP", 0.5, 1.5, "Кыдз олан?"),
        ("JAI", 1.6, 2.1, "Бур."),
        ("NTP", 2.2, 3.0, "А сэсся?"),
    ]
    assert source.removed == {
        "ELAN annotations on 2 tier(s) that are not the transcription (translations, words, glosses, notes, markers: ref@NTP, ft-eng@NTP)": 3
    }


def test_unsafe_or_broken_elan_xml_is_refused_with_its_file(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><ANNOTATION_DOCUMENT>&b;</ANNOTATION_DOCUMENT>'
    with pytest.raises(DocumentFormatError, match=r"bomb\.eaf: unsafe XML refused"):
        read_source(write(tmp_path / "bomb.eaf", bomb))
    with pytest.raises(DocumentFormatError, match=r"cut\.eaf:2: not well-formed XML"):
        read_source(write(tmp_path / "cut.eaf", "<ANNOTATION_DOCUMENT>\n<TIER>"))
    with pytest.raises(UnreadableFormatError, match=r"not an ELAN annotation document \(its root is <basic-transcription>\)"):
        read_source(write(tmp_path / "other.eaf", "<basic-transcription/>"))
    # In a folder of many, such a file is left out and said; the rest are read.
    root = tmp_path / "study"
    write(root / "A_W1_interview.eaf", INTERVIEW)
    write(root / "B_W1_interview.eaf", "<basic-transcription/>")
    with pytest.warns(FilesNotLoadedWarning, match=r"B_W1_interview\.eaf \(this XML is not an ELAN annotation document"):
        study = qlr.load(root, progress=False)
    assert study.documents["doc_id"].tolist() == ["A_W1_interview"]


# --------------------------------------------------------------------------- messages


def test_the_speakers_advice_is_valid_yaml_for_any_label(tmp_path):
    # Starred labels without a CHAT header are a house style; the advice for them must parse.
    path = write(tmp_path / "P1_W1_interview.txt", "*INV:\tHow did it go?\n*PAR:\tFine.\n*INV:\tAnd the group?\n*PAR:\tWe run it now.\n")
    with pytest.warns(NoInterviewerWarning, match=re.escape("add 'speakers: {'*INV': interviewer}' to study.yaml")):
        qlr.load(path, progress=False)
    for label in ("*INV", "@Tom", "%PAR", "&Co", "!x", "`Q", "No", "Dr. Lee: host", "Dan"):
        assert parse_yaml(speakers_line(label))["speakers"] == {label: "interviewer"}
    # Written as the old advice had it, the error says to quote it.
    with pytest.raises(YamlSyntaxError, match=r"study\.yaml:1: YAML syntax error: found undefined alias\. Fix: put quotes around a key or value that starts with \*"):
        parse_yaml("speakers: {*INV: interviewer}\n", "study.yaml")
