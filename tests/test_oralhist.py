"""Oral-history and spoken-language archives: OHMS records and TEI transcriptions of speech read as documents.

The files below are written here in the layouts of real ones (the Science History Institute's
OHMS exports, legacy and WebVTT; the Nunn Center's OHMS viewer; ISO 24624 TEI as EXMARaLDA
writes it; a TEI-like corpus of broadcast interviews), in words of our own.
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import DocumentFormatError, FilesNotLoadedWarning, UnreadableFormatError
from qlr.io import read_source

from .conftest import write

# --------------------------------------------------------------------------- OHMS, legacy transcript

# A legacy OHMS record: metadata, a sync line, an index of two segments (with a partial transcript
# that repeats the interview's words), and a transcript whose lines the export wrapped, whose
# apostrophes it escaped twice (&amp;#039;), with a time mark, a footnote mark and the notes at its end.
OHMS = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <record id="0001" dt="2021-03-02">
    <version>5.4</version>
    <date format="yyyy-mm-dd" value="2009-04-21"/>
    <date_nonpreferred_format>21 April 2009</date_nonpreferred_format>
    <title>Oral history interview with Ada Pellworm</title>
    <accession>OH0777</accession>
    <repository>County Heritage Archive</repository>
    <collection_name>River Valley Voices</collection_name>
    <interviewee>Ada Pellworm</interviewee>
    <interviewer>Tomas R. Quill</interviewer>
    <sync>1:|4(2)|9(5)</sync>
    <index>
      <point>
        <time>0</time>
        <title>Growing up by the mill</title>
        <partial_transcript>QUILL: Where did you grow up?</partial_transcript>
        <synopsis>The mill house. Her brothers. Floods in spring.</synopsis>
        <keywords>mill;floods;brothers</keywords>
      </point>
      <point>
        <time>212</time>
        <title>Leaving for the city</title>
        <synopsis>The train north.</synopsis>
        <keywords/>
      </point>
    </index>
    <transcript>QUILL: This is Tomas Quill with Ada Pellworm on the twenty-first of
April. Where did you grow up?

PELLWORM: By the mill, in the house my grandfather built.[[footnote]]1[[/footnote]] We
didn&amp;#039;t have much. {00:01:05} The river came up every spring.

QUILL: And then you left?

PELLWORM: On the morning train, yes.

 [[footnotes]]

[[note]]The mill closed in 1961.[[/note]]

 [[/footnotes]]
</transcript>
  </record>
</ROOT>
"""


def test_an_ohms_record_is_one_document_with_turns_roles_date_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "pellworm_OH0777.xml", OHMS)
    source = read_source(path)
    assert source.format == "ohms"
    assert source.date == date(2009, 4, 21)
    assert source.speakers == {"quill": "interviewer", "pellworm": "participant"}
    assert (
        "didn't have much. The river came up" in source.text
    )  # escaped twice, read once more; time mark out
    assert "[[" not in source.text and "{00" not in source.text and "The mill closed" not in source.text
    assert source.removed["OHMS footnote marks in the text ([[footnote]]N[[/footnote]])"] == 1
    assert source.removed["OHMS time marks in the text ({00:12:34})"] == 1
    assert (
        source.removed[
            "OHMS notes after the interview ([[footnotes]]: the archive's notes, not anyone's words)"
        ]
        == 1
    )
    assert source.columns["accession"] == "OH0777" and source.columns["interviewer"] == "Tomas R. Quill"
    assert source.columns["index"] == (
        "[0:00:00] Growing up by the mill: The mill house. Her brothers. Floods in spring. (keywords: mill; floods; brothers)\n[0:03:32] Leaving for the city: The train north."
    )

    study = qlr.load(path)
    row = study.documents.iloc[0]
    assert row["title"] == "Oral history interview with Ada Pellworm"
    assert (
        row["accession"] == "OH0777"
        and row["interviewer"] == "Tomas R. Quill"
        and row["collection"] == "River Valley Voices"
    )
    assert str(row["date"])[:10] == "2009-04-21"
    segments = study.segments
    assert list(segments["speaker"]) == ["QUILL", "PELLWORM", "QUILL", "PELLWORM"]
    assert list(segments["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    text = row["text"]
    for start, end in zip(segments["start"], segments["end"], strict=True):  # positions are the stored text's
        assert text[start:end].strip() == text[start:end]
    assert text[segments["start"].iloc[3] : segments["end"].iloc[3]] == "On the morning train, yes."
    # The index is the archivist's summary: not in the text, nobody's turn.
    assert "Growing up by the mill" not in text and "The train north" not in text
    assert any("OHMS index segments" in note and "'index' column" in note for note in study.meta["inferred"])


def test_an_ohms_record_with_no_transcript_is_an_empty_document_that_keeps_its_index(tmp_path: Path) -> None:
    body = OHMS.split("<transcript>")[0] + "<transcript>No transcript.</transcript>\n  </record>\n</ROOT>\n"
    path = write(tmp_path / "OH0777.xml", body)
    source = read_source(path)
    assert source.text == "" and source.columns["index"].startswith("[0:00:00] Growing up")
    with pytest.warns(qlr.errors.EmptyDocumentWarning, match="empty"):
        qlr.load(path)


# --------------------------------------------------------------------------- OHMS, WebVTT transcript

# OHMS's 2025 export: the transcript as WebVTT in CDATA, without the WEBVTT header, voices in <v>.
OHMS_VTT = """<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms">
  <record id="0002">
    <date format="yyyy-mm-dd" value=""/>
    <date_nonpreferred_format>March 3, 2024</date_nonpreferred_format>
    <title>Interview with Noor Halvard</title>
    <accession>2024.07</accession>
    <interviewee>Noor Halvard</interviewee>
    <interviewer>Ines Ortiga</interviewer>
    <vtt_transcript><![CDATA[NOTE
TRANSCRIPTION BEGIN

00:00:02.000 --> 00:00:09.500
<v ORTIGA>Today is the third of March. Tell me about the bakery.

00:00:09.500 --> 00:00:20.000
<v HALVARD>My aunt ran it. I swept the floor before school.

00:00:20.000 --> 00:00:24.000
<v ORTIGA>Did you like it?
]]></vtt_transcript>
  </record>
</ROOT>
"""


def test_an_ohms_webvtt_transcript_gives_timed_turns(tmp_path: Path) -> None:
    path = write(tmp_path / "halvard.xml", OHMS_VTT)
    source = read_source(path)
    assert [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns] == [
        ("ORTIGA", 2.0, 9.5),
        ("HALVARD", 9.5, 20.0),
        ("ORTIGA", 20.0, 24.0),
    ]
    assert source.text.startswith("ORTIGA: Today is the third of March.")
    assert source.date == date(2024, 3, 3)  # the written date, where the value is empty
    assert source.speakers == {"ortiga": "interviewer", "halvard": "participant"}
    segments = qlr.load(path).segments
    assert list(segments["speaker_role"]) == ["interviewer", "participant", "interviewer"]
    assert list(segments["timestamp"]) == [2.0, 9.5, 20.0]


def test_a_broken_cue_in_an_ohms_webvtt_transcript_names_the_files_line(tmp_path: Path) -> None:
    lines = OHMS_VTT.split("\n")
    broken = "\n".join(
        "00:00:09.500 --> 00:00:02.000" if line.startswith("00:00:09.500") else line for line in lines
    )
    path = write(tmp_path / "halvard.xml", broken)
    line = next(
        number for number, text in enumerate(broken.split("\n"), 1) if text.startswith("00:00:09.500")
    )
    with pytest.warns(qlr.errors.RepairedInputWarning, match=rf"line {line}\b"):
        read_source(path)


# --------------------------------------------------------------------------- TEI, ISO 24624

# ISO/TEI as EXMARaLDA exports it: the speakers in particDesc with abbreviations and roles, a
# timeline, annotationBlocks holding an utterance of <w>/<pc> tokens with pauses, incidents and
# anchors, and spanGrp annotations beside them; the recording's date in recordingStmt.
ISO_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Harbour memories, interview 4</title></titleStmt>
      <publicationStmt><date when="2022-01-10"/><idno type="archive">HM-004</idno></publicationStmt>
      <sourceDesc><recordingStmt><recording type="audio"><date when="2019-06-05"/></recording></recordingStmt></sourceDesc>
    </fileDesc>
    <profileDesc>
      <particDesc>
        <person xml:id="SPK0" n="INT" role="interviewer"><persName><forename>Lena</forename><surname>Brask</surname></persName></person>
        <person xml:id="SPK1" n="OLE" role="narrator"><persName><forename>Ole</forename><surname>Varn</surname></persName></person>
      </particDesc>
    </profileDesc>
  </teiHeader>
  <text>
    <timeline unit="s" origin="T0">
      <when xml:id="T0"/>
      <when xml:id="T1" interval="1.5" since="#T0"/>
      <when xml:id="T2" interval="4.25" since="#T0"/>
      <when xml:id="T3" interval="9.0" since="#T0"/>
    </timeline>
    <body>
      <annotationBlock who="#SPK0" start="#T1" end="#T2">
        <u><seg type="utterance"><w>When</w><w>did</w><w>you</w><w>start</w><pc>?</pc></seg></u>
        <spanGrp type="translation"><span from="#T1" to="#T2">Wann hast du angefangen?</span></spanGrp>
      </annotationBlock>
      <incident><desc>door closes</desc></incident>
      <annotationBlock who="#SPK1" start="#T2" end="#T3">
        <u><seg type="utterance"><w>In</w><pause dur="PT0.8S"/><w>fifty-two</w><pc>,</pc><anchor synch="#T2"/><w>on</w><w>the</w><w>ferries</w><incident><desc>laughs</desc></incident><pc>.</pc></seg></u>
      </annotationBlock>
    </body>
  </text>
</TEI>
"""


def test_an_iso_tei_transcript_gives_turns_with_times_roles_and_the_recordings_date(tmp_path: Path) -> None:
    path = write(tmp_path / "harbour_04.xml", ISO_TEI)
    source = read_source(path)
    assert source.format == "tei"
    assert source.text == "INT: When did you start?\n\nOLE: In fifty-two, on the ferries."
    assert [(turn.speaker, turn.timestamp, turn.timestamp_end) for turn in source.turns] == [
        ("INT", 1.5, 4.25),
        ("OLE", 4.25, 9.0),
    ]
    assert source.speakers == {"int": "interviewer", "ole": "participant"}
    assert source.date == date(2019, 6, 5)  # the recording's, not the file's publication
    assert source.columns == {
        "title": "Harbour memories, interview 4",
        "accession": "HM-004",
        "interviewer": "INT",
        "interviewee": "OLE",  # the person whose role is the narrator's, for the template's case label
    }
    assert source.removed == {
        "TEI marks inside utterances that are no one's words (1 pauses, 1 time anchors, 1 incidents)": 3
    }
    assert "Wann" not in source.text and "door closes" not in source.text and "laughs" not in source.text

    study = qlr.load(path)
    row = study.documents.iloc[0]
    assert row["title"] == "Harbour memories, interview 4" and row["accession"] == "HM-004"
    segments = study.segments
    assert list(segments["speaker_role"]) == ["interviewer", "participant"]
    assert row["text"][segments["start"].iloc[1] : segments["end"].iloc[1]] == "In fifty-two, on the ferries."


# A TEI P5 oral history without a timeline: utterances straight in the body, <seg> with SMIL clock times,
# people in a listPerson named "Surname, Given", and the interviewer named in a respStmt.
P5_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:smil="http://www.w3.org/2001/SMIL20/Language">
  <teiHeader><fileDesc>
    <titleStmt><title>Interview with Mira Stolz</title><respStmt><resp>Interviewer</resp><name>Paul Aker</name></respStmt></titleStmt>
    <sourceDesc><recordingStmt><recording type="video"><date>12 May 1998</date></recording></recordingStmt></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <listPerson><person xml:id="q"><persName>Aker, Paul</persName></person><person xml:id="a"><persName>Stolz, Mira</persName></person></listPerson>
    <div type="tape"><incident><desc>Tape 1, side A</desc></incident>
      <u who="#q"><seg smil:begin="00:00:23.5" smil:end="00:00:30">What brought your family here?</seg></u>
      <u who="#a"><seg smil:begin="00:00:30" smil:end="00:01:10">Work, mostly. <gap reason="inaudible"/> And my uncle.</seg></u>
    </div>
  </body></text>
</TEI>
"""


def test_a_tei_oral_history_takes_roles_from_its_header_and_times_from_smil(tmp_path: Path) -> None:
    path = write(tmp_path / "stolz.tei", P5_TEI)  # the .tei extension reads as TEI too
    source = read_source(path)
    assert (
        source.text == "Paul Aker: What brought your family here?\n\nMira Stolz: Work, mostly. And my uncle."
    )
    assert [turn.timestamp for turn in source.turns] == [23.5, 30.0]
    assert source.speakers == {"paul aker": "interviewer"}
    assert source.date == date(1998, 5, 12)
    assert source.columns["interviewer"] == "Paul Aker"
    segments = qlr.load(path).segments
    assert list(segments["speaker_role"]) == ["interviewer", "participant"]


# A broadcast-interview corpus in TEI's manner without TEI's namespace: a speaker's name as ``who``,
# the host's role on each utterance, a time in seconds, vocal noises between words, the date in the header.
BROADCAST = """<?xml version="1.0" encoding="UTF-8"?>
<transcriptions><teiHeader><recording type="video"><broadcast><bibl>
  <respStmt><resp>interviewer</resp><name>Rita Vell</name></respStmt>
  <date when="2017-10-08">8 October 2017</date></bibl></broadcast></recording></teiHeader>
<speech id="7">
<u who="Rita Vell" role="host" time="3.5">Good morning<vocal desc="ehm"/>and welcome.</u>
<u who="Jon Brae" role="Mayor" time="6">Thank you<pause/>.</u>
</speech></transcriptions>
"""


def test_tei_like_utterances_named_by_the_speakers_name_are_read(tmp_path: Path) -> None:
    source = read_source(write(tmp_path / "vell.xml", BROADCAST))
    assert source.text == "Rita Vell: Good morning and welcome.\n\nJon Brae: Thank you."
    assert [turn.timestamp for turn in source.turns] == [3.5, 6.0]
    assert source.speakers == {"rita vell": "interviewer"}
    assert source.date == date(2017, 10, 8)


# --------------------------------------------------------------------------- errors and folders


def test_xml_that_is_not_well_formed_is_one_error_naming_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.xml", ISO_TEI.replace("<w>ferries</w>", "<w>ferries</x>"))
    line = next(number for number, text in enumerate(ISO_TEI.split("\n"), 1) if "ferries" in text)
    with pytest.raises(UnreadableFormatError, match=rf"broken\.xml:{line}: not well-formed XML.*OHMS.*TEI"):
        read_source(path)


def test_unsafe_xml_is_refused(tmp_path: Path) -> None:
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "aaaa">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><u who="#a">&a;</u></body></text></TEI>'
    with pytest.raises(UnreadableFormatError, match="unsafe XML refused"):
        read_source(write(tmp_path / "bomb.xml", bomb))


def test_a_tei_text_without_utterances_is_said_not_to_be_speech(tmp_path: Path) -> None:
    letter = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>Dear Mother,</p></body></text></TEI>'
    with pytest.raises(UnreadableFormatError, match=r"letter\.xml: this TEI document holds no utterance"):
        read_source(write(tmp_path / "letter.xml", letter))


def test_a_folder_loads_ohms_and_tei_files_and_still_passes_over_other_xml(tmp_path: Path) -> None:
    write(tmp_path / "P01_W1.xml", OHMS)
    write(tmp_path / "P02_W1.xml", ISO_TEI)
    write(tmp_path / "codebook_settings.xml", "<settings><colour>blue</colour></settings>")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FilesNotLoadedWarning)
        study = qlr.load(tmp_path)
    documents = study.documents.set_index("case_id")
    assert set(documents.index) == {"P01", "P02"}
    assert documents.loc["P01", "format"] == "ohms" and documents.loc["P02", "format"] == "tei"
    assert documents.loc["P01", "accession"] == "OH0777" and documents.loc["P02", "accession"] == "HM-004"


def test_a_cue_of_an_ohms_webvtt_transcript_that_cannot_be_read_is_an_error_with_the_files_line(
    tmp_path: Path,
) -> None:
    broken = OHMS_VTT.replace("00:00:02.000 --> 00:00:09.500\n", "")  # the first cue has lost its timing line
    path = write(tmp_path / "halvard.xml", broken)
    line = next(
        number for number, text in enumerate(broken.split("\n"), 1) if text.startswith("<v ORTIGA>Today")
    )
    with pytest.raises(
        DocumentFormatError,
        match=rf"halvard\.xml:{line}: the record's <vtt_transcript> is not WebVTT qlr reads: .*no timing line",
    ):
        read_source(path)


# --------------------------------------------------------------------------- transcripts as archives publish them

# A typed oral-history transcript: a title page, Q:/A: labels, a tape mark and the interview's end on
# lines of their own, and an index of names after it.
TYPED = """RIVER VALLEY ARCHIVE
Interview with Ada Pellworm

Q: Where did you grow up?

A: By the mill. [inaudible] We had little.

END OF TAPE 1, SIDE A

Q: Did you go back?

A: Once, for a funeral.

[END OF INTERVIEW]

INDEX
Mill, the ........ 1
"""


def test_tape_marks_and_the_interviews_end_are_no_ones_words(tmp_path: Path) -> None:
    study = qlr.load(write(tmp_path / "pellworm.txt", TYPED))
    text = study.documents["text"].iloc[0]
    said = [
        (row.speaker, text[row.start : row.end])
        for row in study.segments.itertuples()
        if isinstance(row.speaker, str)
    ]
    assert said == [
        ("Q", "Where did you grow up?"),
        ("A", "By the mill. [inaudible] We had little."),
        ("Q", "Did you go back?"),
        ("A", "Once, for a funeral."),
    ]
    nobody = [
        text[row.start : row.end] for row in study.segments.itertuples() if not isinstance(row.speaker, str)
    ]
    assert any(piece.startswith("END OF TAPE 1, SIDE A") for piece in nobody)
    assert any(piece.startswith("[END OF INTERVIEW]") and "Mill, the" in piece for piece in nobody)


def test_a_change_of_tape_mid_answer_does_not_end_the_answer(tmp_path):
    from .conftest import write

    text = (
        "Q: What happened next?\nHolt: We moved to the coast and my mother took in lodgers,\n\nEND OF TAPE 1, SIDE A\n\n"
        "which kept us going through the worst of it.\nQ: And your father?\nHolt: He came later.\n\n[Tape 2]\n\n"
        "Much later, in the spring.\nQ: Thank you.\n\n[END OF INTERVIEW]\n\nIndex\nCoast, 1\nLodgers, 1\n"
    )
    study = qlr.load(write(tmp_path / "Holt_W1_interview.txt", text), progress=False)
    said = [(row.speaker if isinstance(row.speaker, str) else None, text[row.start : row.end]) for row in study.segments.itertuples()]
    assert said == [
        ("Q", "What happened next?"),
        ("Holt", "We moved to the coast and my mother took in lodgers,"),
        (None, "END OF TAPE 1, SIDE A"),
        ("Holt", "which kept us going through the worst of it."),
        ("Q", "And your father?"),
        ("Holt", "He came later."),
        (None, "[Tape 2]"),
        ("Holt", "Much later, in the spring."),
        ("Q", "Thank you."),
        (None, "[END OF INTERVIEW]\n\nIndex\nCoast, 1\nLodgers, 1"),  # after the interview's end: no one's
    ]
    assert any("2 turn(s) go on after a mark of the tape or side changing" in note for note in study.meta["inferred"])


def test_an_ohms_date_written_with_slashes_is_month_first(tmp_path):
    from .conftest import write

    record = OHMS.replace('<date format="yyyy-mm-dd" value="2009-04-21"/>', '<date format="yyyy-mm-dd" value=""/>').replace(
        "<date_nonpreferred_format>21 April 2009</date_nonpreferred_format>", "<date_nonpreferred_format>4/3/2009</date_nonpreferred_format>"
    )
    study = qlr.load(write(tmp_path / "pellworm.xml", record), progress=False)
    assert study.documents["date"].iloc[0] == pd.Timestamp("2009-04-03")  # 3 April, as OHMS (an American tool) writes it
