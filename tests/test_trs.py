"""Transcriber (.trs) and EXMARaLDA (.exb, .exs) transcriptions read as interviews.

The files below are written here in the layouts of real ones (the Kallaama corpus's
Transcriber files, the EXMARaLDA demo corpus and ExmaraldaR's examples, Pepper's and
exmaralda-emf-api's test corpora), with words of our own.
"""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import DocumentFormatError, ManifestNotFoundError, UnreadableFormatError
from qlr.io import read_source

from .conftest import write

# --------------------------------------------------------------------------- Transcriber

# Latin-1 as Transcriber writes it, with its DOCTYPE; a topic on the section; an event and a
# comment inside a turn; an overlap (a turn of two speakers, <Who nb>); a turn of no one
# (a jingle); a background mark; version_date, the day it was saved, 15 March 2024.
TRS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans scribe="lea" audio_filename="usine_w1" version="4" version_date="240315">
<Topics>
<Topic id="to1" desc="la fermeture"/>
</Topics>
<Speakers>
<Speaker id="spk1" name="Interviewer" check="no" type="female" dialect="native" accent="" scope="local"/>
<Speaker id="spk2" name="Hélène Marchand" check="no" type="female" dialect="native" accent="" scope="local"/>
</Speakers>
<Episode>
<Section type="report" topic="to1" startTime="0" endTime="30.5">
<Turn speaker="spk1" startTime="0" endTime="4.2">
<Sync time="0"/>
Quand est-ce que l'usine a fermé ?
</Turn>
<Turn speaker="spk2" startTime="4.2" endTime="15">
<Sync time="4.2"/>
En quatre-vingt-douze.
<Event desc="rire" type="noise" extent="instantaneous"/>
Mon père y travaillait
<Comment desc="voix basse"/>
<Sync time="9.8"/>
depuis l'été soixante.
</Turn>
<Turn speaker="spk1 spk2" startTime="15" endTime="17">
<Sync time="15"/>
<Who nb="1"/>
D'accord.
<Who nb="2"/>
et puis après
</Turn>
<Turn speaker="spk2" startTime="17" endTime="21">
<Sync time="17"/>
on a déménagé à Lille.
</Turn>
<Turn startTime="21" endTime="30.5">
<Sync time="21"/>
<Background time="21" type="music" level="high"/>
jingle de la radio
</Turn>
</Section>
</Episode>
</Trans>
""".encode("latin-1")


def test_a_transcriber_file_is_read_as_turns_with_their_times(tmp_path):
    source = read_source(write(tmp_path / "usine.trs", TRS))
    assert source.format == "trs" and source.encoding == "iso-8859-1"
    assert source.text == (
        "Interviewer: Quand est-ce que l'usine a fermé ?\n\n"
        "Hélène Marchand: En quatre-vingt-douze. Mon père y travaillait depuis l'été soixante.\n\n"
        "Interviewer: D'accord.\n\n"  # the overlap: each part to its speaker
        "Hélène Marchand: et puis après on a déménagé à Lille.\n\n"  # her part of the overlap and her next turn: one turn
        "jingle de la radio"  # a turn with no speaker is no one's
    )
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [
        ("Interviewer", 0.0, 4.2),
        ("Hélène Marchand", 4.2, 15.0),
        ("Interviewer", 15.0, 17.0),
        ("Hélène Marchand", 15.0, 21.0),
        (None, 21.0, 30.5),
    ]
    assert source.removed == {
        "Transcriber events, no one’s words (1 noise)": 1,
        "Transcriber comments (<Comment>), the transcriber’s notes": 1,
        "Transcriber background marks (<Background>: music, noise behind the speech)": 1,
        "Transcriber section topics (<Section topic>), headings no one says": 1,
    }
    for absent in ("rire", "voix basse", "la fermeture", "music", "usine_w1"):
        assert absent not in source.text
    assert source.date is None  # version_date is the transcription's day, not the interview's


def test_a_transcriber_interview_loads_with_roles_and_no_date_from_the_file(tmp_path):
    root = tmp_path / "study"
    write(root / "HM_W1_interview.trs", TRS)
    study = qlr.load(root, progress=False)
    segments = study.segments
    assert list(zip(segments["speaker"].fillna("-"), segments["speaker_role"].fillna("-"))) == [
        ("Interviewer", "interviewer"),
        ("Hélène Marchand", "participant"),
        ("Interviewer", "interviewer"),
        ("Hélène Marchand", "participant"),
        ("-", "-"),  # no one's
    ]
    assert study.documents["format"].iloc[0] == "trs"
    assert study.documents["date"].isna().all()  # not 2024-03-15
    note = next(line for line in study.meta["inferred"] if line.startswith("HM_W1_interview:"))
    assert "1 Transcriber events, no one’s words (1 noise)" in note and "1 Transcriber comments" in note


def test_transcriber_speakers_who_share_a_name_are_told_apart_and_an_unknown_id_is_kept(tmp_path):
    trs = (
        '<Trans><Speakers><Speaker id="spk1" name="locuteur"/><Speaker id="spk2" name="Locuteur"/></Speakers>'
        '<Episode><Section type="report" startTime="0" endTime="9">'
        '<Turn speaker="spk1" startTime="0" endTime="3"><Sync time="0"/>Bonjour.</Turn>'
        '<Turn speaker="spk2" startTime="3" endTime="6"><Sync time="3"/>Salut.</Turn>'
        '<Turn speaker="spk9" startTime="6" endTime="9"><Sync time="6"/>Moi aussi.</Turn>'
        "</Section></Episode></Trans>"
    )
    source = read_source(write(tmp_path / "two.trs", trs))
    assert [t.speaker for t in source.turns] == ["locuteur (spk1)", "Locuteur (spk2)", "spk9"]
    assert source.encoding == "utf-8" and source.removed == {}


def test_transcriber_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"cut\.trs:3: not well-formed XML .* Fix: check that this is a Transcriber file"):
        read_source(write(tmp_path / "cut.trs", '<?xml version="1.0"?>\n<Trans>\n<Turn></Trans>\n'))
    with pytest.raises(UnreadableFormatError, match=r"other\.trs: this XML is not a Transcriber transcription \(its root is <basic-transcription>, not <Trans>\)"):
        read_source(write(tmp_path / "other.trs", "<basic-transcription/>"))
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE Trans [<!ENTITY a "aaaa">]>\n<Trans>&a;</Trans>'
    with pytest.raises(DocumentFormatError, match=r"bomb\.trs: unsafe XML refused"):
        read_source(write(tmp_path / "bomb.trs", bomb))


# --------------------------------------------------------------------------- EXMARaLDA

# HIAT-like events: a word's space ends the event before; the interviewer's long turn cut into
# events with no gap (one contribution); an overlap (OLA's "mhm" inside it); a timeline point
# without a time (T2); a description tier (non-verbal) and an annotation tier; a speaker whose
# abbreviation says nothing of a role but whose user-defined "role" does.
EXB = """<?xml version="1.0" encoding="UTF-8"?>
<basic-transcription>
<head>
<meta-information><project-name>Ferries</project-name><transcription-name>Ola, wave 1</transcription-name>
<referenced-file url="ola.wav"/><ud-meta-information/><comment/><transcription-convention>HIAT</transcription-convention>
</meta-information>
<speakertable>
<speaker id="SPK0"><abbreviation>MK</abbreviation><sex value="f"/><languages-used/><l1/><l2/>
<ud-speaker-information><ud-information attribute-name="Role">Interviewer</ud-information></ud-speaker-information><comment/></speaker>
<speaker id="SPK1"><abbreviation>OLA</abbreviation><sex value="m"/><languages-used/><l1/><l2/><ud-speaker-information/><comment/></speaker>
</speakertable>
</head>
<basic-body>
<common-timeline>
<tli id="T0" time="0.0"/><tli id="T1" time="1.5"/><tli id="T2"/><tli id="T3" time="4.0"/>
<tli id="T4" time="5.0"/><tli id="T5" time="9.0"/><tli id="T6" time="10.0"/><tli id="T7" time="12.5"/>
</common-timeline>
<tier id="TIE0" speaker="SPK0" category="v" type="t" display-name="MK [v]">
<event start="T0" end="T1">When did the </event><event start="T1" end="T2">ferry to the isl</event><event start="T2" end="T3">and stop? </event>
<event start="T5" end="T6">And then? </event>
</tier>
<tier id="TIE1" speaker="SPK0" category="nv" type="d" display-name="MK [nv]"><event start="T5" end="T6">((nods))</event></tier>
<tier id="TIE2" speaker="SPK1" category="v" type="t" display-name="OLA [v]">
<event start="T1" end="T2">mhm </event>
<event start="T3" end="T4">In May. </event><event start="T4" end="T5">We moved that summer. </event>
<event start="T6" end="T7">Then nothing.</event>
</tier>
<tier id="TIE3" speaker="SPK1" category="pos" type="a" display-name="OLA [pos]"><event start="T3" end="T4">ADP NOUN</event>
<event start="T4" end="T5">PRON VERB DET NOUN</event></tier>
</basic-body>
</basic-transcription>
"""


def test_an_exmaralda_transcription_is_read_as_turns_of_its_speakers(tmp_path):
    source = read_source(write(tmp_path / "ola.exb", EXB))
    assert source.format == "exb" and source.columns == {"title": "Ola, wave 1"}
    assert source.text == (
        "MK: When did the ferry to the island stop?\n\n"  # events with no gap: one contribution, joined as written
        "OLA: mhm In May. We moved that summer.\n\n"  # the overlap starts first; OLA's next contribution follows it
        "MK: And then?\n\n"
        "OLA: Then nothing."
    )
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [
        ("MK", 0.0, 4.0),
        ("OLA", 1.5, 9.0),  # "mhm" ends at T2, which has no time; the turn's end is its last contribution's
        ("MK", 9.0, 10.0),
        ("OLA", 10.0, 12.5),
    ]
    assert source.speakers == {"mk": "interviewer"}
    assert source.removed == {
        "EXMARaLDA events on 2 tier(s) that are not the transcription (annotations, descriptions, translations: MK [nv], OLA [pos])": 3
    }


def test_an_exmaralda_interview_loads_with_the_declared_interviewer(tmp_path):
    root = tmp_path / "study"
    write(root / "OLA_W1_interview.exb", EXB)
    study = qlr.load(root, progress=False)
    segments = study.segments
    assert list(zip(segments["speaker"], segments["speaker_role"])) == [
        ("MK", "interviewer"),
        ("OLA", "participant"),
        ("MK", "interviewer"),
        ("OLA", "participant"),
    ]
    assert "((nods))" not in study.documents["text"].iloc[0]
    note = next(line for line in study.meta["inferred"] if line.startswith("OLA_W1_interview:"))
    assert "3 EXMARaLDA events on 2 tier(s) that are not the transcription" in note


def test_an_exmaralda_timeline_without_times_orders_the_turns_by_its_points(tmp_path):
    # The timeline's order, not the ids' numbers: T3 was inserted between T0 and T1.
    exb = (
        "<basic-transcription><head><speakertable>"
        '<speaker id="S0"><abbreviation>INT</abbreviation></speaker><speaker id="S1"><abbreviation>P</abbreviation></speaker>'
        "</speakertable></head><basic-body><common-timeline>"
        '<tli id="T0"/><tli id="T3"/><tli id="T1"/><tli id="T2"/>'
        "</common-timeline>"
        '<tier id="A" speaker="S0" category="v" type="t"><event start="T0" end="T3">Where? </event><event start="T1" end="T2">Why? </event></tier>'
        '<tier id="B" speaker="S1" category="v" type="t"><event start="T3" end="T1">Home. </event></tier>'
        "</basic-body></basic-transcription>"
    )
    source = read_source(write(tmp_path / "untimed.exb", exb))
    assert [(t.speaker, source.text[t.start : t.end], t.timestamp) for t in source.turns] == [
        ("INT", "Where?", None),
        ("P", "Home.", None),
        ("INT", "Why?", None),
    ]


def test_an_exmaralda_tier_of_tokens_with_no_speaker_is_no_ones_words_a_space_between(tmp_path):
    # Annotation corpora (Pepper's samples): transcription tiers of tokens and of their tags, no speaker table.
    exb = (
        '<basic-transcription><head><speakertable/></head><basic-body><common-timeline>'
        '<tli id="T0"/><tli id="T1"/><tli id="T2"/><tli id="T3"/></common-timeline>'
        '<tier id="A" category="tok" type="t"><event start="T0" end="T1">Boats</event><event start="T1" end="T2">come</event>'
        '<event start="T2" end="T3">late</event></tier>'
        '<tier id="B" category="pos" type="t"><event start="T0" end="T1">NOUN</event><event start="T1" end="T2">VERB</event></tier>'
        "</basic-body></basic-transcription>"
    )
    source = read_source(write(tmp_path / "tokens.exb", exb))
    assert source.text == "Boats come late" and [t.speaker for t in source.turns] == [None]
    assert source.removed == {"EXMARaLDA events on 1 tier(s) that are not the transcription (annotations, descriptions, translations: [pos])": 2}


# A segmented transcription as the Partitur-Editor writes it: each transcription tier's speaker
# contributions (ts n="sc") over its events, an annotation (a translation) of the words.
EXS = """<?xml version="1.0" encoding="UTF-8"?>
<segmented-transcription>
<head><meta-information><project-name/><transcription-name>Hafen</transcription-name><referenced-file url=""/>
<ud-meta-information/><comment/><transcription-convention/></meta-information>
<speakertable><speaker id="SPK0"><abbreviation>INT</abbreviation><sex value="u"/><languages-used/><l1/><l2/>
<ud-speaker-information/><comment/></speaker>
<speaker id="SPK1"><abbreviation>JO</abbreviation><sex value="u"/><languages-used/><l1/><l2/><ud-speaker-information/><comment/></speaker>
</speakertable></head>
<segmented-body>
<common-timeline><tli id="T0" time="0.0"/><tli id="T1" time="2.0"/><tli id="T2" time="3.0"/><tli id="T3" time="6.0"/></common-timeline>
<segmented-tier id="TIE0" speaker="SPK0" category="v" type="t" display-name="INT [v]">
<timeline-fork start="T0" end="T1"><tli id="T0.TIE0.1"/></timeline-fork>
<segmentation name="SpeakerContribution_Event" tierref="TIE0">
<ts n="sc" id="Seg_0" start="T0" end="T1"><ts n="e" id="Seg_1" start="T0" end="T0.TIE0.1">Wann kam </ts><ts n="e" id="Seg_2" start="T0.TIE0.1" end="T1">das Schiff? </ts></ts>
</segmentation>
<segmentation name="SpeakerContribution_Utterance_Word" tierref="TIE0">
<ts n="sc" id="Seg_3" start="T0" end="T1"><ts n="HIAT:u" id="Seg_4" start="T0" end="T1">Wann kam das Schiff? </ts></ts>
</segmentation>
</segmented-tier>
<segmented-tier id="TIE1" speaker="SPK1" category="v" type="t" display-name="JO [v]">
<segmentation name="SpeakerContribution_Event" tierref="TIE1">
<ts n="sc" id="Seg_5" start="T2" end="T3"><ts n="e" id="Seg_6" start="T2" end="T3">Am Morgen. </ts></ts>
</segmentation>
<annotation name="en" tierref="TIE2"><ta id="a1" start="T2" end="T3">In the morning.</ta></annotation>
</segmented-tier>
</segmented-body>
</segmented-transcription>
"""


def test_an_exmaralda_segmented_transcription_is_read_from_its_speaker_contributions(tmp_path):
    source = read_source(write(tmp_path / "hafen.exs", EXS))
    assert source.format == "exs" and source.text == "INT: Wann kam das Schiff?\n\nJO: Am Morgen."
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [("INT", 0.0, 2.0), ("JO", 3.0, 6.0)]
    assert source.removed == {"EXMARaLDA events on 1 tier(s) that are not the transcription (annotations, descriptions, translations: JO [v] en)": 1}


def test_exmaralda_errors_name_the_file_and_line(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"cut\.exb:2: not well-formed XML .* Fix: check that this is an EXMARaLDA transcription"):
        read_source(write(tmp_path / "cut.exb", "<basic-transcription>\n<tier></basic-transcription>"))
    with pytest.raises(UnreadableFormatError, match=r"HardTalk\.exb: this XML is not an EXMARaLDA transcription \(its root is <Trans>"):
        read_source(write(tmp_path / "HardTalk.exb", "<Trans/>"))
    with pytest.raises(UnreadableFormatError, match=r"empty\.exb: this EXMARaLDA transcription has no transcription tier \(type 't'\) with words\. Fix: transcribe into"):
        read_source(write(tmp_path / "empty.exb", "<basic-transcription/>"))


def test_a_folder_of_linguists_files_under_their_own_names_asks_for_names_not_formats(tmp_path):
    # The user who had "HardTalk.exb" and "e025a.trs": both are read now; only their names are not qlr's.
    root = tmp_path / "linguists"
    write(root / "HardTalk.exb", EXB)
    write(root / "e025a.trs", TRS)
    with pytest.raises(ManifestNotFoundError, match=r"none of its 2 readable file\(s\) is named"):
        qlr.load(root, progress=False)


def test_a_transcriber_or_exmaralda_file_saved_as_xml_is_read_as_one(tmp_path):
    root = tmp_path / "s"
    for name, text in (("usine.trs", TRS), ("ferry.exb", EXB)):
        write(root / name, text)
        write(root / name.replace(".trs", "_trs.xml").replace(".exb", "_exb.xml"), text)  # not one name: that is one transcript twice
    for own, saved in (("usine.trs", "usine_trs.xml"), ("ferry.exb", "ferry_exb.xml")):
        a, b = read_source(root / own), read_source(root / saved)
        assert (b.text, b.format, b.encoding, b.removed) == (a.text, a.format, a.encoding, a.removed)
    # A folder load takes the .xml copies as documents too (their openings say what they are).
    template = qlr.io.template_for(root)
    assert "path: usine_trs.xml" in template and "path: ferry_exb.xml" in template


# --------------------------------------------------------------------------- files other tools touched


def test_a_utf8_file_that_declares_latin1_is_read_as_utf8_and_said_so(tmp_path):
    # Transcriber's declaration kept by a tool that saved the file again as UTF-8: read as declared, "é" is "Ã©".
    utf8 = TRS.decode("latin-1").encode("utf-8")
    note = "XML declaration of iso-8859-1 ignored: the file is UTF-8 (saved again by another tool?), read as UTF-8"
    for name in ("usine.trs", "usine_trs.xml"):
        source = read_source(write(tmp_path / name, utf8))
        assert source.text == read_source(write(tmp_path / "latin.trs", TRS)).text, name
        assert "Ã" not in source.text and source.encoding == "utf-8"
        assert source.removed[note] == 1
    exb = EXB.replace('encoding="UTF-8"', 'encoding="windows-1252"', 1)
    exb = exb.replace("Then nothing.", "Then nothing, déjà vu.")
    source = read_source(write(tmp_path / "ola.exb", exb.encode("utf-8")))
    assert source.text.endswith("OLA: Then nothing, déjà vu.")
    assert source.removed[note.replace("iso-8859-1", "windows-1252")] == 1
    # The same file as Windows-1252 is read as it says.
    source = read_source(write(tmp_path / "ola1252.exb", exb.encode("cp1252")))
    assert source.text.endswith("OLA: Then nothing, déjà vu.") and source.encoding == "windows-1252"
    assert not any("declaration" in kind for kind in source.removed)


def test_an_event_nested_thousands_deep_is_read_not_a_recursion_error(tmp_path):
    deep = EXB.replace("Then nothing.", "<b>" * 5000 + "Then nothing." + "</b>" * 5000)
    source = read_source(write(tmp_path / "deep.exb", deep))
    assert source.text.endswith("OLA: Then nothing.")


# INEL's corpora (Nganasan, Dolgan, Selkup, as HZSK publishes them): each speaker's utterances on a "ts" tier of
# type d, one type-t "tx" tier of everyone's words token by token under one speaker, annotations token by token.
INEL = """<?xml version="1.0" encoding="UTF-8"?>
<basic-transcription><head><meta-information><project-name>INEL</project-name><transcription-name>AB_1990_Fishing_conv</transcription-name>
<referenced-file url=""/><ud-meta-information/><comment/><transcription-convention/></meta-information>
<speakertable><speaker id="SPK0"><abbreviation>AB</abbreviation><sex value="f"/></speaker>
<speaker id="SPK1"><abbreviation>CD</abbreviation><sex value="m"/></speaker></speakertable></head>
<basic-body><common-timeline><tli id="T0" time="0.0"/><tli id="T1"/><tli id="T2" time="2.1"/><tli id="T3"/>
<tli id="T4" time="4.0"/><tli id="T5"/><tli id="T6" time="6.2"/></common-timeline>
<tier id="ref" speaker="SPK0" category="ref" type="a" display-name="ref">
<event start="T0" end="T2">AB_1990.001</event><event start="T2" end="T4">AB_1990.002</event><event start="T4" end="T6">AB_1990.003</event></tier>
<tier id="ts" speaker="SPK0" category="ts" type="d" display-name="AB [ts]">
<event start="T0" end="T2">Nets were set early. </event><event start="T4" end="T6">Then came ice. </event></tier>
<tier id="TIE1" speaker="SPK1" category="ts" type="d" display-name="CD [ts]">
<event start="T2" end="T4">Which river? </event></tier>
<tier id="tx" speaker="SPK0" category="tx" type="t" display-name="tx">
<event start="T0" end="T1">Nets </event><event start="T1" end="T2">were set early. </event><event start="T2" end="T3">Which </event>
<event start="T3" end="T4">river? </event><event start="T4" end="T5">Then </event><event start="T5" end="T6">came ice. </event></tier>
<tier id="mb" speaker="SPK0" category="mb" type="a" display-name="mb">
<event start="T0" end="T1">net-PL</event><event start="T1" end="T2">be-PST</event><event start="T2" end="T3">which</event>
<event start="T3" end="T4">river</event><event start="T4" end="T5">then</event><event start="T5" end="T6">come-PST</event></tier>
<tier id="fe" speaker="SPK0" category="fe" type="a" display-name="fe">
<event start="T0" end="T2">The nets were set early.</event></tier>
</basic-body></basic-transcription>
"""


def test_an_inel_corpus_file_is_read_from_each_speakers_utterance_tier(tmp_path):
    source = read_source(write(tmp_path / "AB_1990_Fishing_conv.exb", INEL))
    assert source.text == "AB: Nets were set early.\n\nCD: Which river?\n\nAB: Then came ice."
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [("AB", 0.0, 2.1), ("CD", 2.1, 4.0), ("AB", 4.0, 6.2)]
    assert source.removed == {
        "EXMARaLDA events on 4 tier(s) that are not the transcription (annotations, descriptions, translations: ref, tx, mb, fe)": 16
    }
    # A HIAT file with a "ts"-named tier beside its speakers' verbal tiers is read from the verbal tiers, as before.
    hiat = EXB.replace('category="nv" type="d"', 'category="ts" type="d"', 1)
    assert read_source(write(tmp_path / "hiat.exb", hiat)).text == read_source(write(tmp_path / "ola.exb", EXB)).text
