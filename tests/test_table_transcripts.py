"""Interview transcripts kept as tables (CSV, TSV, .xlsx): read as documents, one turn per run of a speaker's rows.

The tables below are written here in the layouts of real ones, in words of our own: an oral-history
archive's CSV (timestamp, speaker, words, tags; initials with and without a colon, a time cell that
goes on with a note, paragraphs of one answer with no speaker, tags separated by semicolons), a
classroom recording's workbook (start, stop, a speaker column named for the pupils, the original words
under a header qlr does not know, an English translation, notes in a column with no header, the
researcher's own coding of each row), a word-by-word speech-to-text export (Word, Start Timecode,
End Timecode, Speaker) and a diarisation tool's CSV ("Speaker 1", Start Time, End Time, Transcript).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import DocumentFormatError, ManifestError, RowsRefusedWarning, UnreadTextWarning
from qlr.io import read_source
from qlr.io._load import folder_template
from qlr.io._naming import read_as_document

from .conftest import write

ARCHIVE = """timestamp,speaker,words,tags
,,"(Talk about the quilts on the wall before the recorder was set up)",
[00:02:10] start of the recorded interview,MK:,Could you tell me your name and where we are sitting today?,
,TB:,"Tova Brandt. We are in the back kitchen of the farm, near Lewiston.",
,MK:,"What did you grow here, at first?",farming
[00:03:05],TB:,"Mostly wheat&#8212;and peas, later on.",farming;early
,,"My father kept the peas going through two bad summers, which nobody thought he could.",farming; family
,MK,And did you help him?,
,TB,,
,TB:,"Every morning before school, yes.",family
"""


def test_archive_csv_reads_as_turns_with_times_notes_and_tags(tmp_path: Path) -> None:
    write(tmp_path / "brandt.csv", ARCHIVE)
    write(tmp_path / "study.yaml", "name: farm\nwaves: [W1]\nspeakers: {MK: interviewer}\ndocuments:\n  - {path: brandt.csv, case: TB, wave: W1, kind: interview}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path)
    segments = study.segments
    # The opening aside and the time cell's note are nobody's lines; MK and TB take turns; the rows of one answer are one turn.
    assert list(segments["speaker"].fillna("-")) == ["-", "-", "MK", "TB", "MK", "TB", "MK", "TB"]
    assert list(segments["speaker_role"].fillna("-"))[2:4] == ["interviewer", "participant"]
    text = study.documents["text"].iloc[0]
    turn = segments.iloc[5]
    said = text[turn["start"] : turn["end"]]
    assert said.startswith("Mostly wheat—and peas") and said.endswith("which nobody thought he could.")  # the character reference as the dash
    assert segments.iloc[1]["timestamp"] == 130.0 and text[segments.iloc[1]["start"] : segments.iloc[1]["end"]] == "start of the recorded interview"
    assert segments.iloc[5]["timestamp"] == 185.0
    # "MK" and "MK:" are one speaker; TB's row with no words is no turn, and is named by its row.
    assert set(segments["speaker"].dropna()) == {"MK", "TB"}
    refused = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    assert refused and "1 row(s) hold no words" in refused[0] and "rows 9" in refused[0]
    # The tags: one coding per tag on its row's words, by the coder the column is named for.
    codings = study.codings
    assert sorted(codings["code_id"]) == ["early", "family", "family", "farming", "farming", "farming"]
    assert set(codings["coder"]) == {"tags"}
    family = codings[codings["code_id"] == "family"].sort_values("start")
    assert [text[s:e] for s, e in zip(family["start"], family["end"])] == [
        "My father kept the peas going through two bad summers, which nobody thought he could.",
        "Every morning before school, yes.",
    ]
    assert "tags" in study.codebooks
    notes = " | ".join(study.meta["inferred"])
    assert "6 coding(s) of 3 code(s) from the column 'tags'" in notes
    assert "1 note(s) written in a time cell after the time (first, row " in notes and "'start of the recorded interview')" in notes  # the file's own note


def test_tags_off_leaves_the_codes_out_and_says_so(tmp_path: Path) -> None:
    write(tmp_path / "brandt.csv", ARCHIVE)
    write(tmp_path / "study.yaml", "name: farm\nwaves: [W1]\nspeakers: {MK: interviewer}\ndocuments:\n  - {path: brandt.csv, case: TB, wave: W1, kind: interview, tags: off}\n")
    with pytest.warns(RowsRefusedWarning, match="rows 9"):
        study = qlr.load(tmp_path)
    assert study.codings.empty
    assert any("cells of the column 'tags', its rows' codes (tags: off)" in note for note in study.meta["inferred"])


# A classroom recording kept in a workbook: whole-number times of no stated unit, pupils' letters
# as speakers under "Pupil", the original under "Rede" (a header qlr does not know), a translation,
# a note column with no header, and the researcher's coding of each row under "Mode".
CLASSROOM = [
    ["start", "stop", "Pupil", "Rede", "English Translation", "", "Mode"],
    ["100", "400", "T", "Was passiert mit dem Abfall, wenn er liegen bleibt?", "What happens to the waste when it is left lying?", "", "question"],
    ["500", "900", "K", "Er wird zu Erde, glaube ich, langsam.", "It turns into soil, I think, slowly.", "the pupil reasons from the garden at home", "narrative"],
    ["900", "1000", "L", "", "", "", "unclear"],
    ["1100", "1500", "K", "Die Würmer essen ihn und dann ist er weg.", "", "", "narrative"],
    ["1500", "1900", "T", "Und warum riecht es dabei so stark?", "And why does it smell so strongly then?", "", "question"],
    ["1900", "2300", "L", "Weil Gase dabei frei werden, aus den Bakterien.", "Because gases are released, from the bacteria.", "an answer from the science lesson", "scientific"],
]


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
    return path


def test_translation_column_is_named_and_text_column_picks_it(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lesson.xlsx", CLASSROOM)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = read_source(path)
    assert "Die Würmer essen ihn" in source.text and "What happens" not in source.text
    unread = " | ".join(source.unread)
    assert "column 'English Translation' (another column of words, not read; text_column: 'English Translation' reads it instead) in rows 2, 3, 6, 7" in unread
    assert "column 6 (no header), notes beside the rows" in unread
    assert any("1 row(s) hold no words in the column 'Rede'" in str(w.message) and "rows 4" in str(w.message) for w in caught)
    assert any("times not read" in note for note in source.notes)  # whole numbers with no unit
    assert "Mode" in " ".join(source.removed)  # a column of codes not asked for: named

    with pytest.warns(RowsRefusedWarning, match=r"2 row\(s\) hold no words in the column 'English Translation'.*their 2 code\(s\) in 'Mode' not read.*rows 4, 5"):
        english = read_source(path, table={"text_column": "english translation", "tags": "Mode"})
    assert "What happens to the waste" in english.text and "Würmer" not in english.text
    # Chosen by text_column, the other column of words is left out as asked: a load note, not words unread (stop 41).
    assert "column 'Rede'" not in " | ".join(english.unread)
    assert "column 'Rede' (another column of words, left out: 'text_column: English Translation' reads 'English Translation')" in " | ".join(english.removed)
    codes = sorted(code for _, _, code in english.row_codes)
    assert codes == ["narrative", "question", "question", "scientific"]  # rows with no English words carry no coding
    assert english.row_coder == "Mode"
    assert any("2 row(s) with no words in 'English Translation', not turns, their 2 code(s) not read" in note for note in english.notes)


def test_unknown_text_column_is_one_clear_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lesson.xlsx", CLASSROOM)
    with pytest.raises(DocumentFormatError, match=r"no column 'Gloss'.*") as caught:
        read_source(path, table={"text_column": "Gloss"})
    assert caught.value.path == str(path) and caught.value.line == 1 and "'Rede'" in caught.value.hint


def test_ragged_row_is_one_clear_error_naming_the_row(tmp_path: Path) -> None:
    # Row 3's comma is not inside quotes: its words run into a third cell the header has no column for.
    path = write(tmp_path / "talk.csv", "speaker,text\nAB,We started in May.\nCD,Then it rained, all week.\nAB,Oh no.\nCD,\"Yes, really.\"\n")
    with pytest.raises(DocumentFormatError, match="row 3 has 3 cells") as caught:
        read_source(path)
    assert caught.value.line == 3 and caught.value.path == str(path)


# A speech-to-text tool's word-by-word export, and a diarisation tool's CSV of numbered voices.
WORDS = "Word,Start Timecode,End Timecode,Speaker\nWhere,00:00:00.40,00:00:00.70,Ines\ndid,00:00:00.70,00:00:00.90,Ines\nit,00:00:00.90,00:00:01.00,Ines\nstart?,00:00:01.00,00:00:01.50,Ines\nAt,00:00:02.10,00:00:02.30,Omar\nthe,00:00:02.30,00:00:02.40,Omar\nmarket.,00:00:02.40,00:00:03.00,Omar\n"
DIARISED = '"Speaker","Start Time","End Time","Transcript"\n"Speaker 1","0:00:01","0:00:04","How long have you lived on this street?"\n"Speaker 2","0:00:05","0:00:09","Eleven years, since the shop opened."\n"Speaker 1","0:00:10","0:00:12","And before that?"\n"Speaker 2","0:00:13","0:00:18","A flat by the station, above the bakery."\n'


def test_word_by_word_and_diarised_exports_read_as_turns(tmp_path: Path) -> None:
    words = read_source(write(tmp_path / "market.csv", WORDS))
    assert words.text == "Ines: Where did it start?\n\nOmar: At the market."
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in words.turns] == [("Ines", 0.4, 1.5), ("Omar", 2.1, 3.0)]
    assert any(note.startswith("5 time(s) written on a row inside a turn") for note in words.notes)  # each word's own start, said
    diarised = read_source(write(tmp_path / "street.tsv", DIARISED.replace('","', '"\t"')))
    assert [t.speaker for t in diarised.turns] == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2"]
    # Short turns with no punctuation under "Transcript" (a speech-to-text export) are still words: they come back.
    bare = read_source(write(tmp_path / "bare.csv", "Speaker,Transcript\nSpeaker 1,ok\nSpeaker 2,yeah\nSpeaker 1,ok\nSpeaker 2,right then\n"))
    assert [t.speaker for t in bare.turns] == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2"]
    assert diarised.turns[3].timestamp == 13.0


def test_codings_csv_and_other_tables_stay_what_they_were(tmp_path: Path) -> None:
    """A codings file (qlr's own, a tool's), a survey export and a list of participants are no transcript."""
    tables = {
        "codings.csv": "doc_id,quote,code_id,coder\nC01_W1_interview,We met on Mondays.,trust,AB\nC01_W1_interview,Again in June.,trust,AB\n",
        "highlights.csv": "id,document,tag,content\n1,C01,trust,We met on Mondays.\n2,C01,care,She rang me.\n",
        "participants.csv": "name,age,town\nAnn,42,Leeds\nBo,37,York\nCy,51,Hull\n",
        "deposit.csv": "Participant,Wave,Transcript\nP01,1,P01_first.docx\nP01,2,P01_second.docx\nP02,1,P02_first.docx\n",
        # A data list naming each interview without an extension: still names of documents, not anyone's words.
        "data_list.csv": "Participant,Wave,Transcript,Interview date\nR07,T1,R07 T1 interview,2023-03-02\nR07,T2,R07 T2 interview,2023-09-02\nR08,T1,R08 T1 interview,2023-03-05\n",
        "forms.csv": "Timestamp,Name,How was your week?\n2024/05/01 10:00:00,Ann,It was a long week of rain and meetings.\n2024/05/02 11:00:00,Bo,Quiet; I mostly stayed in and read.\n",
    }
    for name, text in tables.items():
        path = write(tmp_path / name, text)
        assert not read_as_document(path), name
        with pytest.raises(DocumentFormatError, match="this is a table"):
            read_source(path)
    # Beside a transcript named by the convention, the codings file is still read as codings.
    write(tmp_path / "C01_W1_interview.txt", "Interviewer: How do you meet?\nAnn: We met on Mondays. Again in June.\n")
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\ndocuments:\n  - path: C01_W1_interview.txt\ncodings:\n  - codings.csv\n")
    study = qlr.load(tmp_path)
    assert list(study.documents["doc_id"]) == ["C01_W1_interview"]
    assert len(study.codings) == 2 and set(study.codings["coder"]) == {"AB"}


def test_folder_without_manifest_loads_named_table_transcripts(tmp_path: Path) -> None:
    write(tmp_path / "C01_W1_interview.csv", ARCHIVE)
    write(tmp_path / "C01_W2_interview.csv", ARCHIVE.replace("Tova Brandt", "Tova B."))
    write(tmp_path / "codings.csv", "doc_id,quote,code_id,coder\nC01_W1_interview,Every morning,family,AB\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path)
    assert list(study.documents["doc_id"]) == ["C01_W1_interview", "C01_W2_interview"]
    assert set(study.documents["format"]) == {"csv"}


def test_template_proposes_the_column_of_words_read(tmp_path: Path) -> None:
    _workbook(tmp_path / "lesson one.xlsx", CLASSROOM)
    write(tmp_path / "brandt.csv", ARCHIVE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = folder_template(tmp_path)
    assert "path: lesson one.xlsx" in template and "text_column: Rede" in template
    assert "path: brandt.csv" in template
    assert template.count("text_column") == 1  # one column of words: nothing to choose


def test_unread_columns_are_said_not_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.csv", "Line,Who,Utterance,Checked\n1,Ana,We opened the door at nine.,yes\n2,Ben,Was anyone waiting?,yes\n3,Ana,Two people and a dog.,no\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnreadTextWarning)
        source = read_source(path)
    removed = " | ".join(source.removed)
    assert "column 'Line'" in removed and "column 'Checked'" in removed


def test_a_workbooks_other_sheets_are_named_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "two recordings.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame(CLASSROOM[1:], columns=CLASSROOM[0]).to_excel(book, sheet_name="REC 1", index=False)
        pd.DataFrame([["T", "Und heute?"]], columns=["Pupil", "Rede"]).to_excel(book, sheet_name="REC 2", index=False)
        pd.DataFrame().to_excel(book, sheet_name="empty", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsRefusedWarning)
        source = read_source(path)
    assert "Und heute" not in source.text
    assert source.unread["other sheet(s) of the workbook with cells filled, not read ('REC 2'; save each as a file of its own)"] == 1


def test_nvivo_timespans_and_a_research_corpus_tsv(tmp_path: Path) -> None:
    # NVivo's transcript rows (Timespan as a span, Content, Speaker), and a corpus's TSV of seconds (start_time, stop_time, speaker, value).
    nvivo = read_source(write(tmp_path / "nvivo.csv", "Timespan,Content,Speaker\n0:00.0 - 0:06.5,How did the allotment start?,Interviewer\n0:06.5 - 0:15.0,With six of us and a borrowed rotavator.,Rana\n0:15.0 - 0:18.2,Who lent it?,Interviewer\n"))
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in nvivo.turns] == [("Interviewer", 0.0, 6.5), ("Rana", 6.5, 15.0), ("Interviewer", 15.0, 18.2)]
    corpus = read_source(write(tmp_path / "301_TRANSCRIPT.csv", "start_time\tstop_time\tspeaker\tvalue\n36.2\t38.9\tGuide\thow are you doing today\n39.5\t41.0\tParticipant\tpretty good thanks\n42.1\t45.7\tGuide\twhere did you grow up\n46.0\t52.3\tParticipant\tnear the coast mostly with my aunt\n"))
    assert [t.speaker for t in corpus.turns] == ["Guide", "Participant", "Guide", "Participant"]
    assert corpus.turns[1].timestamp == 39.5 and corpus.turns[1].timestamp_end == 41.0


def test_manifest_options_are_checked(tmp_path: Path) -> None:
    write(tmp_path / "brandt.csv", ARCHIVE)
    write(tmp_path / "C01_W1_interview.txt", "Interviewer: How was it?\nAnn: Long.\n")
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\ndocuments:\n  - {path: C01_W1_interview.txt, text_column: words}\n")
    with pytest.raises(ManifestError, match="'text_column' is for a transcript kept as a table") as caught:
        qlr.load(tmp_path)
    assert caught.value.line == 4
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\ndocuments:\n  - {path: brandt.csv, case: TB, wave: W1, tags: speaker}\n")
    with pytest.raises(DocumentFormatError, match="no column 'speaker' to read as its rows' codes"):
        qlr.load(tmp_path)
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1]\ndocuments:\n  - {path: brandt.csv, case: TB, wave: W1, tags: [a]}\n")
    with pytest.raises(ManifestError, match="'tags' must be on, off, or the name of a column"):
        qlr.load(tmp_path)


def test_a_tables_tags_are_all_its_codebooks_though_one_be_a_bundled_id(tmp_path: Path) -> None:
    # "reciprocity" is an id of a codebook qlr ships: in a table's tags column it is still the archive's tag.
    write(tmp_path / "C02_W2_interview.csv", "speaker,text,tags\nJo:,How is the bike shop going?,\nKit:,We fix the bikes ourselves now.,autonomy\nKit,And I teach the teenagers to true a wheel.,skills;reciprocity\n")
    write(tmp_path / "C02_W1_interview.txt", "Jo: How did you start?\nKit: I gave my old tools to the shop and they gave me a key.\n")
    write(tmp_path / "coded.csv", "doc_id,quote,code_id,coder\nC02_W1_interview,they gave me a key,reciprocity,AB\n")
    write(tmp_path / "study.yaml", "name: s\nwaves: [W1, W2]\nspeakers: {Jo: interviewer}\ndocuments:\n  - path: C02_W*_interview.*\ncodings:\n  - coded.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path)
    tags = study.codings[study.codings["coder"] == "tags"]
    assert sorted(tags["code_id"]) == ["autonomy", "reciprocity", "skills"] and set(tags["codebook"]) == {"tags"}
    assert {c.id for c in study.codebooks["tags"]} == {"autonomy", "reciprocity", "skills"}
    # A codings file's code that is a bundled id is still that codebook's.
    assert list(study.codings.loc[study.codings["coder"] == "AB", "codebook"]) == ["coproduction"]


def test_template_keeps_every_key_of_a_manifests_entries(tmp_path: Path) -> None:
    import yaml

    from qlr.io._load import template_for

    rows = [["Speaker", "Texto", "English Translation"], ["Rui", "Como começou a horta?", "How did the garden start?"], ["Lia", "Com seis vizinhos.", "With six neighbours."], ["Rui", "E agora?", "And now?"], ["Lia", "Somos vinte.", "We are twenty."]]
    _workbook(tmp_path / "C02_W1_interview.xlsx", rows)
    write(tmp_path / "C01_W1_interview.txt", "Rui: How long have you gardened?\nNell: Since I retired.\nRui: Who helps?\nNell: My nephew Teo.\n")
    write(tmp_path / "C01_W2_interview.txt", "Rui: Is Teo still here?\nNell: He is.\nTeo: I come on Sundays.\nRui: Why Sundays?\nTeo: The bus runs then.\n")
    write(tmp_path / "notes.md", "The gate was locked when we came.\n")
    manifest = (
        "name: g\nwaves: [W1, W2]\ncases:\n  - {id: C01, label: Nell}\n  - {id: C02, label: Lia}\n  - {id: C03, label: Teo}\nspeakers: {Rui: interviewer}\n"
        "documents:\n  - C01_W1_interview.txt\n  - {path: C01_W2_interview.txt, speakers: {Teo: C03}}\n"
        "  - {path: C02_W1_interview.xlsx, text_column: English Translation}\n  - {path: notes.md, kind: observation, wave: W1, observer: Rui}\n"
    )
    write(tmp_path / "study.yaml", manifest)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = yaml.safe_load(template_for(tmp_path))
    entries = {entry["path"]: entry for entry in template["documents"]}
    assert entries["C02_W1_interview.xlsx"]["text_column"] == "English Translation"
    assert entries["notes.md"]["observer"] == "Rui"
    assert entries["C01_W2_interview.txt"]["speakers"] == {"Teo": "C03"}
    assert "Teo" not in template["speakers"]  # the joint interview's entry says him; no study-wide name
    # Loaded again, the template reads the same study: the translation, the observer's notes, Teo as C03.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = qlr.load(tmp_path, progress=False)
        write(tmp_path / "study.yaml", yaml.safe_dump(template, sort_keys=False, allow_unicode=True))
        again = qlr.load(tmp_path, progress=False)
    columns = ["doc_id", "start", "end", "speaker", "speaker_role"]
    assert again.segments[columns].reset_index(drop=True).equals(original.segments[columns].reset_index(drop=True))
    assert list(again.documents["text"]) == list(original.documents["text"])
    # Without a manifest, a table named by the convention gets the column it reads, to change.
    (tmp_path / "study.yaml").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bare = yaml.safe_load(template_for(tmp_path))
    assert {"path": "C02_W1_interview.xlsx", "text_column": "Texto"} in bare["documents"]


def test_labels_shortened_with_a_full_stop_are_read_and_a_refusal_says_why(tmp_path: Path) -> None:
    # "Int." and "Resp." under "Speaker": abbreviated labels, not sentences; "Int" is the interviewer as in a text transcript.
    source = read_source(write(tmp_path / "C04_W1_interview.csv", "Speaker,Text\nInt.,When did the choir start?\nResp.,In the winter of the floods.\nInt.,Who leads it now?\nResp.,A retired teacher from the chapel.\n"))
    assert [t.speaker for t in source.turns] == ["Int", "Resp", "Int", "Resp"]
    study = qlr.load(tmp_path / "C04_W1_interview.csv", progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    # A header that names both columns over rows that are no transcript's: the error says what in the rows is not.
    with pytest.raises(DocumentFormatError, match=r"header names a speaker column and a column of words, but the cells of its column 'Speaker' are not speaker labels"):
        read_source(write(tmp_path / "short.csv", "Speaker,Text\nJo,Did the bus come?\nAmir,Not until noon.\n"))
    with pytest.raises(DocumentFormatError, match=r"but it has 1 row\(s\) under its header"):
        read_source(write(tmp_path / "one.csv", "Speaker,Text\nJo,Did the bus come?\n"))
