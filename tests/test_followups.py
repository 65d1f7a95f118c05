"""Follow-ups to the note-app and message readers: Markdown links, Notion's page properties, front matter that
says whose a note is, and Android text messages saved by SMS Backup & Restore.

Every file here is a lookalike written for the test (the layout of the real exports, words of our own).
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

import qlr
from qlr.errors import UnreadableFormatError, UnreadTextWarning
from qlr.io._load import folder_template
from qlr.io._readers import markdown_links, read_source


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _segment_texts(study) -> list[str]:  # type: ignore[no-untyped-def]
    texts = study.documents.set_index("doc_id")["text"]
    return [texts[row.doc_id][row.start : row.end] for row in study.segments.itertuples()]


# ---------------------------------------------------------------------------- Markdown links
OBSIDIAN_NOTE = """---
tags:
  - allotment
---
# Visit to the allotment

Met [Marta](https://example.org/people/marta) by the [[Sheds/Tool shed.md#Keys|tool shed]] and we talked about [[Rota]].
![[photos/IMG_2031.png|300]]
![the gate](attachments/gate.jpeg "Gate")

- [ ] Ask about the rota
- [x] Bring seeds

She said the plot [is shared now][1]. More at https://example.org/allotment.

[1]: https://example.org/news "News"
"""


def test_markdown_links_keep_their_words_and_leave_out_addresses_and_pictures(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path / "visit.md", OBSIDIAN_NOTE))
    assert "Met Marta by the tool shed and we talked about Rota." in source.text
    assert "She said the plot is shared now. More at ." in source.text
    assert "- Ask about the rota" in source.text and "- Bring seeds" in source.text
    for gone in ("https", "example", "png", "jpeg", "IMG_2031", "the gate", "[[", "](", "[ ]", "[x]", "[1]"):
        assert gone not in source.text, gone
    assert source.removed["Markdown links (their words kept, the web address or file they point to left out)"] == 5  # Marta, shed, Rota, [1] and its definition
    assert source.removed["Markdown pictures and embedded files"] == 2
    assert source.removed["web addresses"] == 1
    assert source.removed["Markdown to-do boxes (their items kept)"] == 2


def test_markdown_links_edge_cases() -> None:
    # A link whose words are its address shows no words; an escaped bracket and a transcript's [laughs] stay.
    assert markdown_links("[https://x.org/a](https://x.org/a)")[0] == ""
    assert markdown_links("I was \\[told\\] it [laughs] (twice).")[0] == "I was \\[told\\] it [laughs] (twice)."
    # Parentheses inside a target, a target in angle brackets, a path with spaces as converters write it.
    text, _ = markdown_links("[Bath](https://en.wikipedia.org/wiki/Bath_(UK)), [notes](<My notes/a b.md>), [Tom](People/Tom Reed.md).")
    assert text == "Bath, notes, Tom."
    # A picture inside a link: both gone.
    assert markdown_links("[![logo](logo.svg)](https://x.org) after")[0] == " after"


def test_a_markdown_transcript_with_links_keeps_its_turns_and_positions(tmp_path: Path) -> None:
    transcript = (
        "Interviewer: Did you see the [leaflet](https://council.example/leaflet.pdf)?\n\n"
        "Ann: Yes, the one on [[Noticeboard]]. ![](scan.png) We wrote it together.\n\n"
        "Interviewer: And now?\n\n"
        "Ann: Now we run it ourselves, see www.example.org/group.\n"
    )
    study = qlr.load(_write(tmp_path / "P01_W1_interview.md", transcript))
    texts = _segment_texts(study)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    assert texts[0] == "Did you see the leaflet?"
    assert texts[1] == "Yes, the one on Noticeboard.  We wrote it together."
    assert texts[3] == "Now we run it ourselves, see ."
    study.apply("coproduction")
    for row in study.codings.itertuples():
        words = study.documents.set_index("doc_id")["text"][row.doc_id][row.start : row.end]
        assert "http" not in words and "png" not in words and "www" not in words


# ---------------------------------------------------------------------------- Notion's page properties
NOTION_PAGE = """# Home visit, Tom

Created: March 3, 2024 10:12 AM
Tags: carers, W1
Visit done: Yes
Last edited time: March 5, 2024 9:00 AM

Tom showed me the rota he keeps for the group.

He runs the Tuesday session now.
"""


def test_notion_properties_are_the_pages_not_words(tmp_path: Path) -> None:
    source = read_source(_write(tmp_path / "Home visit, Tom 0a1b2c3d4e5f60718293a4b5c6d7e8f9.md", NOTION_PAGE))
    assert source.text == "# Home visit, Tom\n\nTom showed me the rota he keeps for the group.\n\nHe runs the Tuesday session now.\n"
    assert source.date == date(2024, 3, 3)
    assert source.properties == {"created": "March 3, 2024 10:12 AM", "tags": "carers, W1", "visit done": "Yes", "last edited time": "March 5, 2024 9:00 AM"}
    assert source.removed["lines of the Notion page's properties (its date, tags, status)"] == 4


def test_a_date_property_dates_the_page_before_created(tmp_path: Path) -> None:
    page = "# Check-in\n\nCreated: March 3, 2024 10:12 AM\nVisit date: February 28, 2024\n\nQuiet week.\n"
    assert read_source(_write(tmp_path / "check-in.md", page)).date == date(2024, 2, 28)


@pytest.mark.parametrize(
    "text",
    [
        # A transcript under a title: its labels recur, or are roles.
        "# Interview\n\nInterviewer: How long have you gone?\nAnn: Two years.\n\nInterviewer: And now?\nAnn: Every week.\n",
        "# Interview\n\nInterviewer: How long?\nRespondent: Years.\n",
        # A field note's lines with no sign of Notion (no id, no Notion property, no date).
        "# Market day\n\nWeather: wet\nMood: low\n\nFew stalls opened.\n",
    ],
)
def test_lines_under_a_title_that_are_no_notion_properties_stay(tmp_path: Path, text: str) -> None:
    source = read_source(_write(tmp_path / "note.md", text))
    assert source.text == text and source.properties == {}


def test_notion_pages_are_dated_entries_whose_properties_are_not_coded(tmp_path: Path) -> None:
    _write(tmp_path / "P03_W1_diary.md", NOTION_PAGE)
    study = qlr.load(tmp_path)
    texts = _segment_texts(study)
    assert not any("Tags" in text or "Created" in text for text in texts)
    assert set(study.segments["date"].dt.date) == {date(2024, 3, 3)}


# ---------------------------------------------------------------------------- front matter that says whose a note is
def _vault(root: Path) -> None:
    _write(root / "P01_W1_interview.txt", "Interviewer: How is the group?\n\nTom: We run it ourselves now.\n")
    _write(root / "vault" / "Tom at the allotment.md", "---\nparticipant: P01\nwave: W1\ndate: 2024-03-12\ntags:\n  - carers\n---\nTom showed me the rota.\n")
    _write(root / "vault" / "Second visit.md", "---\ncase: P01\nwave: W2\nkind: diary\ncreated: 2024-09-02\n---\nTom was out.\n")
    _write(root / "vault" / "Stray thought.md", "---\ntags: [idea]\n---\nNo one's in particular.\n")


def test_front_matter_places_a_note_in_a_folder_without_a_manifest(tmp_path: Path) -> None:
    _vault(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path)
    docs = study.documents.set_index("doc_id")
    assert docs.loc["Tom at the allotment", ["case_id", "wave_id", "kind"]].tolist() == ["P01", "W1", "observation"]
    assert docs.loc["Second visit", ["case_id", "wave_id", "kind"]].tolist() == ["P01", "W2", "diary"]
    assert docs.loc["Tom at the allotment", "date"].date() == date(2024, 3, 12)
    assert "Stray thought" not in docs.index  # says no one: not loaded, and said
    assert any("Stray thought.md" in str(w.message) for w in caught)
    assert any("front matter" in note and "P01, W2, diary" in note for note in study.meta["inferred"])
    assert list(study.waves["wave_id"]) == ["W1", "W2"]


def test_the_template_writes_the_case_and_wave_a_note_gives(tmp_path: Path) -> None:
    _vault(tmp_path)
    template = folder_template(tmp_path)
    assert "- path: vault/Second visit.md\n  case: P01\n  wave: W2\n  kind: diary\n  date: '2024-09-02'" in template
    assert "- path: vault/Tom at the allotment.md\n  case: P01\n  wave: W1\n  kind: observation" in template
    assert "front matter" in template.split("name:")[0]


def test_a_manifest_is_never_overridden_by_front_matter(tmp_path: Path) -> None:
    _vault(tmp_path)
    _write(
        tmp_path / "study.yaml",
        "name: t\nwaves:\n  - id: W1\n  - id: W2\ncases:\n  - id: P01\n  - id: P02\n"
        "documents:\n  - path: P01_W1_interview.txt\n    case: P01\n    wave: W1\n    kind: interview\n"
        "  - path: vault/Second visit.md\n    case: P02\n    wave: W1\n    kind: fieldnotes\n"
        "exclude: [vault/*]\n",  # the vault's other notes are left out on purpose (the entry above still claims its own)
    )
    study = qlr.load(tmp_path)
    assert study.documents.set_index("doc_id").loc["Second visit", ["case_id", "wave_id"]].tolist() == ["P02", "W1"]


def test_a_name_that_disagrees_with_its_front_matter_is_read_by_its_name(tmp_path: Path) -> None:
    _write(tmp_path / "P01_W1_fieldnotes.md", "---\nparticipant: P02\nwave: W1\n---\nNotes.\n")
    with pytest.warns(Warning, match="read by their name"):
        study = qlr.load(tmp_path)
    assert study.documents["case_id"].tolist() == ["P01"]


# ---------------------------------------------------------------------------- SMS Backup & Restore
SMS_BACKUP = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<!--File Created By SMS Backup & Restore v10.18.300 on 02/03/2024 09:12:44-->
<smses count="6" backup_set="0f2c" backup_date="1709370764000" type="full">
  <sms protocol="0" address="+447700900123" date="1709290800000" type="2" subject="null" body="How was the group today?" toa="null" read="1" status="-1" locked="0" date_sent="0" readable_date="1 Mar 2024 11:00:00" contact_name="Dev" />
  <sms protocol="0" address="+447700900123" date="1709291100000" type="1" subject="null" body="Busy! We ran the food bank ourselves &#55357;&#56832;&#10;All of us." toa="null" read="1" status="-1" locked="0" date_sent="1709291098000" readable_date="1 Mar 2024 11:05:00" contact_name="Dev" />
  <sms protocol="0" address="+447700900123" date="1709291200000" type="3" body="draft never sent" readable_date="1 Mar 2024 11:06:40" contact_name="Dev" />
  <mms date="1709377200000" ct_t="application/vnd.wap.multipart.related" msg_box="1" address="+447700900123" readable_date="Mar 2, 2024 11:00:00 AM" contact_name="Dev">
    <parts>
      <part seq="-1" ct="application/smil" name="null" text="&lt;smil&gt;&lt;/smil&gt;" />
      <part seq="0" ct="image/jpeg" name="IMG_1.jpg" data="/9j/4AAQ" />
      <part seq="1" ct="text/plain" name="null" text="The new shed" />
    </parts>
    <addrs>
      <addr address="+447700900123" type="137" charset="106" />
      <addr address="+447700900999" type="151" charset="106" />
    </addrs>
  </mms>
  <mms date="1709377300000" msg_box="1" address="+447700900123" readable_date="2 Mar 2024 11:01:40" contact_name="Dev">
    <parts><part seq="0" ct="image/jpeg" name="IMG_2.jpg" data="/9j/" /></parts>
    <addrs><addr address="+447700900123" type="137" /></addrs>
  </mms>
  <sms protocol="0" address="+447700900123" date="1709380000000" type="2" body="Lovely!" readable_date="2 Mar 2024 11:46:40" contact_name="Dev" />
</smses>
"""


def test_sms_backup_is_a_dated_thread(tmp_path: Path) -> None:
    _write(tmp_path / "P02_W1_sms.xml", SMS_BACKUP)
    # The researcher's phone: its owner's messages ("Me") are the interviewer's, as in a transcript.
    _write(tmp_path / "study.yaml", "name: t\nwaves:\n  - id: W1\ncases:\n  - id: P02\nspeakers:\n  Me: interviewer\n"
           "documents:\n  - path: P02_W1_sms.xml\n    case: P02\n    wave: W1\n    kind: sms\n")
    with pytest.warns(UnreadTextWarning, match=r"2 MMS pictures, recordings and files \(not read\) \(ids 2024-03-02 11:00:00, 2024-03-02 11:01:40\)"):
        study = qlr.load(tmp_path)
    texts = _segment_texts(study)
    assert texts == ["How was the group today?", "Busy! We ran the food bank ourselves \U0001f600\nAll of us.", "The new shed", "Lovely!"]
    assert list(study.segments["speaker"]) == ["Me", "Dev", "Dev", "Me"]
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant", "participant", "interviewer"]
    assert [d.isoformat() for d in study.segments["date"].dt.date] == ["2024-03-01", "2024-03-01", "2024-03-02", "2024-03-02"]
    assert list(study.segments["timestamp"]) == [39600.0, 39900.0, 39600.0, 42400.0]
    assert any("drafts, failed or not sent (ids 2024-03-01 11:06:40)" in note for note in study.meta["inferred"])
    assert "draft never sent" not in study.documents["text"][0]


def test_other_xml_is_refused_saying_what_qlr_reads(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFormatError, match="not a file qlr reads as a document"):
        read_source(_write(tmp_path / "export.xml", "<?xml version='1.0'?><calls count='1'><call number='1' /></calls>"))
    with pytest.raises(UnreadableFormatError, match="not well-formed"):
        read_source(_write(tmp_path / "broken.xml", "<smses><sms body='a'></smses>"))
