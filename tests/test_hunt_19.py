"""Real files, nineteenth pass: lookalikes of layouts found in published transcripts (stop 47).

An oral-history archive's interviews of 1989, each headed "Interview with …, 9-20-89" (month first, as in the United
States, with a two-digit year): one header's date tells the order ("9-20-89"), another cannot alone ("9-6-89").
Every file here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import re
import warnings
from datetime import date

import pytest

import qlr
from qlr.io._load import template_for
from qlr.io._naming import guide_in_words
from qlr.io._segment import written_order

from .conftest import write

_TELLS = "Interview with Ruth Kemp, 9-20-89\n\nMSM:\tWhen did you join?\nKemp:\tIn the spring.\nMSM:\tAnd the group?\nKemp:\tLater.\n"
_CANNOT = "Interview with Omar Vance, 9-6-89\n\nMSM:\tWho asked you?\nVance:\tMy manager.\nMSM:\tWhy?\nVance:\tThe deadline.\n"


def _archive(root):
    write(root / "kemp.txt", _TELLS)
    write(root / "vance.txt", _CANNOT)
    return root


def test_a_two_digit_year_after_dashes_or_slashes_tells_the_order():
    assert written_order("Interview with Ruth Kemp, 9-20-89", True, header=True) is False  # only month first reads 20 as a day
    assert written_order("Visit 20/9/89", False, header=True) is True
    assert written_order("Visit 9/6/89", True, header=True) is True and written_order("Visit 9/6/89", False, header=True) is False  # cannot tell
    # In a sentence it is no date of the document's: ages, a score.
    assert written_order("Interview with Ruth Kemp, 9-20-89", True) is True
    assert written_order("## 9-20-89\nQuiet.", True) is False and written_order("[20/9/89] Quiet.", False) is True
    # With dots, a two-digit year is no evidence: "15.11.24" may be year first, a telephone number's "06.12.34" none.
    assert written_order("Entretien 15.11.24", False) is False


def test_headers_that_cannot_tell_are_read_in_the_order_the_folder_s_others_say(tmp_path):
    root = _archive(tmp_path / "archive")
    write(root / "study.yaml", "waves: [W1]\nspeakers: {MSM: interviewer}\ndocuments:\n- {path: kemp.txt, case: kemp, wave: W1}\n- {path: vance.txt, case: vance, wave: W1}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    dates = {row.doc_id: row.date.date() for row in study.documents.itertuples()}
    assert dates == {"kemp": date(1989, 9, 20), "vance": date(1989, 9, 6)}  # before: vance 1989-06-09


def test_the_template_reads_the_folder_s_header_dates_together(tmp_path):
    root = _archive(tmp_path / "archive")
    template = template_for(root)
    assert "date: '1989-09-06'" in template and "date: '1989-06-09'" not in template
    assert "1 header date(s) read month first (vance: 1989-09-06), as the folder's other header dates that can tell say (kemp: 'Interview with Ruth Kemp, 9-20-89')" in template
    # Alone, the file cannot tell: day first, as before.
    alone = _archive(tmp_path / "alone")
    (alone / "kemp.txt").unlink()
    assert "date: '1989-06-09'" in template_for(alone)


def test_a_number_run_in_a_diary_s_words_does_not_turn_its_headings_dates(tmp_path):
    # A UK diary's headings "03/04/19" cannot tell the order alone; "8-13-15" in its words are the children's ages.
    # After review of stop 47: 2019-03-04, 10-04, 11-05 (month first, told by the ages) -> 3 April, 10 April, 11 May.
    root = tmp_path / "diaries"
    write(root / "Sara_W1_diary.txt", "## 03/04/19\nQuiet day. The kids are 8-13-15 now so we help each other.\n\n## 10/04/19\nWe planned the trip together.\n\n## 11/05/19\nBusy.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    assert [day.date() for day in study.segments["date"]] == [date(2019, 4, 3), date(2019, 4, 10), date(2019, 5, 11)]
    # A heading's own date with a two-digit year still tells: "## 4/13/19" says month first for the others.
    write(root / "Sara_W1_diary.txt", "## 03/04/19\nQuiet day.\n\n## 4/13/19\nBusy.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    assert [day.date() for day in study.segments["date"]] == [date(2019, 3, 4), date(2019, 4, 13)]


# ------------------------------------------------------------------ an interview guide kept beside the transcripts
# SichangHe/INFOSCI112_final_project keeps "interviews/interview questions.md" beside two write-ups of interviews;
# Clif2/user-research its "2018-02-05-attendee-interview.md", titled "# Attendee Interview Script", beside
# "interviews/interview1.md". The template made each guide a participant ("questions", "attendee").

_WRITE_UP = "# Interview {n}\n\n## Overview\n\nI met {who} after class; we talked about the software they use.\n\n## What they said\n\n{who} pays for none of it.\n"
_QUESTIONS = "# Questions\n\n- What software do you use?\n- Do you know who pays for it?\n- Would you support it?\n"
_SCRIPT = "# Attendee Interview Script\n\n### Goal\n\nLearn why people come back.\n\n## Questions\n\n* When did you first come?\n* What do you do?\n"


def _entries(template: str) -> dict[str, dict[str, str]]:
    import yaml

    return {entry["path"]: entry for entry in yaml.safe_load(template)["documents"]}


def test_an_interview_guide_named_so_is_the_study_s_document_of_no_case(tmp_path):
    root = tmp_path / "interviews"
    write(root / "interview1.md", _WRITE_UP.format(n=1, who="Ian"))
    write(root / "interview2.md", _WRITE_UP.format(n=2, who="Lee"))
    write(root / "interview questions.md", _QUESTIONS)
    template = template_for(root)
    entries = _entries(template)
    assert "case" not in entries["interview questions.md"] and entries["interview questions.md"]["kind"] == "document"  # before: case "questions", an interview
    assert {entries[name]["case"] for name in ("interview1.md", "interview2.md")} == {"interview1", "interview2"}
    assert "interview guides by their name or title (the study's questions, no one's interview): interview questions.md" in template


def test_an_interview_guide_known_by_its_title_beside_one_interview(tmp_path):
    root = tmp_path / "research"
    write(root / "2018-02-05-attendee-interview.md", _SCRIPT)
    write(root / "interviews" / "interview1.md", "# User Interview\n\n**Date:** February 5, 2018\n\n## Notes\n\n- came for the first time\n- heard of it on a forum\n")
    entries = _entries(template_for(root))
    assert "case" not in entries["2018-02-05-attendee-interview.md"] and entries["2018-02-05-attendee-interview.md"]["kind"] == "document"  # before: case "attendee"
    assert entries["interviews/interview1.md"]["case"] == "C01"  # the first placeholder stays the person's


def test_a_guide_s_word_inside_a_title_or_beside_a_person_s_id_names_no_guide(tmp_path):
    root = tmp_path / "study"
    transcript = "Questions about the rota, and Ann's answers\n\nInterviewer: Who sets it?\nAnn: The manager.\nInterviewer: And you?\nAnn: I swap.\n"
    write(root / "Ann.txt", transcript)
    write(root / "Bo.txt", transcript.replace("Ann", "Bo"))
    write(root / "P01 follow-up questions.txt", "1. What changed since we met?\n2. Who helped?\n")
    entries = _entries(template_for(root))
    assert (entries["Ann.txt"]["case"], entries["Ann.txt"]["kind"]) == ("Ann", "interview")
    assert (entries["P01 follow-up questions.txt"]["case"], entries["P01 follow-up questions.txt"]["kind"]) == ("P01", "document")



def test_a_guide_s_word_beside_a_person_s_id_stays_theirs_beside_named_interviews(tmp_path):
    # After review of stop 47: beside "P01_W1.txt", "P01 follow-up questions.txt" was listed as the study's, no case.
    root = tmp_path / "study"
    write(root / "P01_W1.txt", "Interviewer: Who sets it?\nP01: The manager.\nInterviewer: And you?\nP01: I swap.\n")
    write(root / "P02_W1.txt", "Interviewer: Who sets it?\nP02: The manager.\nInterviewer: And you?\nP02: I swap.\n")
    write(root / "P01 follow-up questions.txt", "1. What changed since we met?\n2. Who helped?\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = template_for(root)
    entries = _entries(template)
    assert (entries["P01 follow-up questions.txt"]["case"], entries["P01 follow-up questions.txt"]["kind"]) == ("P01", "document")
    assert "listed as the document of the case its name names (at no wave unless said): P01 follow-up questions.txt (P01)" in template
    write(root / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False)
    assert study.documents.set_index("doc_id").loc["P01 follow-up questions", "case_id"] == "P01"


def test_a_tour_guide_s_interviews_named_by_number_and_wave_are_interviews(tmp_path):
    # "guide_01_W1.txt": the guide's word is the person's title, as "participant_01_W1" would be; after review of
    # stop 47 (case '01', kind document) -> case guide_01, an interview, as before stop 47.
    root = tmp_path / "tours"
    for n in ("01", "02", "03"):
        write(root / f"guide_{n}_W1.txt", f"Interviewer: How do you plan the tours?\n\nGuide {n}: We plan the routes together, we vote on it.\n")
    entries = _entries(template_for(root))
    assert [(entries[f"guide_{n}_W1.txt"]["case"], entries[f"guide_{n}_W1.txt"]["kind"]) for n in ("01", "02", "03")] == [
        (f"guide_{n}", "interview") for n in ("01", "02", "03")
    ]
    # Without a wave, or with a wave but no number after the word, it is the study's guide still.
    assert guide_in_words(["guide", "01"]) == "study" and guide_in_words(["Interview", "guide", "W2"]) == "study"
    assert guide_in_words(["guide", "01"], waved=True) is None and guide_in_words(["P01", "follow", "up", "questions"]) == "case"


# ------------------------------------------------------------------ Word 6 and Word for Windows 95 files
# Nine of the archive's twelve .doc files were saved by Word for Windows 95 (wIdent 0xA5DC, nFib 104): refused as "a
# Word 6 or Word 95 document". Here a Word 95 WordDocument stream is written by the test into the container of one of
# the test's own Word 97 files (olefile rewrites a stream only at its length), with words of our own.

_WORD95_BODY = "Interview with Omar Vance\r\rMSM:\tWho asked you to write it?\r\rVance:\tMy manager, in the spring.\r\rMSM:\tWhy?\r\rVance:\tThe deadline.\r"
_WORD95_HEADER = "Vance draft\r"


def _word95(path, *, fast_saved: bool = False):
    import struct

    import olefile

    from .test_readers import DOC_FILES

    write(path, (DOC_FILES / "tracked.doc").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        size = len(ole.openstream("WordDocument").read())
        stream = bytearray(size)
        body, header = _WORD95_BODY.encode("cp1252"), _WORD95_HEADER.encode("cp1252")
        struct.pack_into("<HH", stream, 0, 0xA5DC, 104)  # wIdent, nFib: Word for Windows 95
        struct.pack_into("<II", stream, 0x34, len(body), 0)  # ccpText, ccpFtn
        struct.pack_into("<I", stream, 0x3C, len(header))  # ccpHdd
        text = body + header + b"\r"
        if not fast_saved:
            struct.pack_into("<II", stream, 0x18, 768, 768 + len(text))  # fcMin, fcMac
            stream[768 : 768 + len(text)] = text
        else:
            # Saved fast: the text's two halves stored in the other order, the piece table putting them right.
            half = len(body) // 2
            first, second = text[:half], text[half:]
            stream[0x0A:0x0C] = (0x0004).to_bytes(2, "little")  # fComplex
            at_second, at_first = 768, 768 + len(second)
            stream[at_second : at_second + len(second)] = second
            stream[at_first : at_first + len(first)] = first
            pcd = lambda fc: struct.pack("<HIH", 0, fc, 0)  # noqa: E731
            plc = struct.pack("<3I", 0, half, len(text)) + pcd(at_first) + pcd(at_second)
            clx = b"\x02" + struct.pack("<I", len(plc)) + plc
            at_clx = 2048
            stream[at_clx : at_clx + len(clx)] = clx
            struct.pack_into("<II", stream, 0x160, at_clx, len(clx))
        ole.write_stream("WordDocument", bytes(stream))
    return path


@pytest.mark.parametrize(
    ("offset", "value", "said"),
    [
        (0x18, 0, "its text starts at byte 0 (fcMin), inside the file information block (360 bytes)"),  # before: 'Ü¥hŒ\x7f'
        (0x18, 10**8, "its text runs from byte 100000000 to 908 (fcMin, fcMac), outside the WordDocument stream's"),  # before: ''
        (0x1C, 10**8, "its text runs from byte 768 to 100000000 (fcMin, fcMac), outside the WordDocument stream's"),
        (0x34, 0xFFFFFFFF, "its stories' lengths add up to 4294967307 characters, more than the 140 bytes of text"),  # before: header in body
    ],
)
def test_a_damaged_word_95_file_is_refused_naming_what_is_wrong(tmp_path, offset, value, said):
    import struct

    import olefile

    from qlr.errors import DocumentFormatError
    from qlr.io import read_document

    path = _word95(tmp_path / "vance.doc")
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<I", stream, offset, value)
        ole.write_stream("WordDocument", bytes(stream))
    with pytest.raises(DocumentFormatError, match=re.escape(said)) as raised:
        read_document(path)
    assert raised.value.path == str(path)


@pytest.mark.parametrize("fast_saved", [False, True])
def test_a_word_95_document_is_read(tmp_path, fast_saved):
    from qlr.io import read_document

    source = read_document(_word95(tmp_path / "vance.doc", fast_saved=fast_saved))
    # Read as a Word 97 file's paragraphs are: a label's colon before its tab goes, as in a "Speaker⇥words" column.
    assert source.text == "Interview with Omar Vance\nMSM\tWho asked you to write it?\nVance\tMy manager, in the spring.\nMSM\tWhy?\nVance\tThe deadline."
    assert source.removed == {"headers and footers": 1}  # "Vance draft", left out and counted as in Word 97's
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "vance.doc", progress=False)
    turns = study.segments.dropna(subset=["speaker"])
    assert list(turns["speaker"]) == ["MSM", "Vance", "MSM", "Vance"]  # before: UnreadableFormatError
