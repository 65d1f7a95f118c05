"""Field notes and diaries kept in note-taking apps: Evernote, Google Keep, Day One, Joplin, Obsidian.

Every file here is a lookalike written for these tests (the apps' layout, our own words).
"""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest

import qlr
from qlr.errors import DocumentFormatError, InferenceWarning, UnreadTextWarning
from qlr.io._readers import read_source

from .conftest import write


def _enml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd"><en-note>{body}</en-note>'


def _enex(*notes: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export3.dtd">\n'
        '<en-export export-date="20240501T120000Z" application="Evernote" version="10.0">\n' + "\n".join(notes) + "\n</en-export>\n"
    )


def _note(title: str, body: str, created: str | None, *, tags: tuple[str, ...] = (), extra: str = "") -> str:
    stamp = f"<created>{created}</created><updated>20240430T090000Z</updated>" if created else ""
    tag_xml = "".join(f"<tag>{tag}</tag>" for tag in tags)
    return f"<note><title>{title}</title><content><![CDATA[{_enml(body)}]]></content>{stamp}{tag_xml}{extra}</note>"


RESOURCE = '<resource><data encoding="base64">aGVsbG8=</data><mime>image/png</mime></resource>'

STUDY = "name: t\nwaves:\n  - {id: W1, start: 2024-03-01, end: 2024-04-30}\ndocuments:\n  - {path: 'notes/*', kind: fieldnotes, wave: W1, observer: Rachel}\n"


def _load(tmp_path: Path, name: str, content: str | bytes) -> qlr.Study:
    write(tmp_path / "study.yaml", STUDY)
    write(tmp_path / "notes" / name, content)
    return qlr.load(tmp_path, progress=False)


def _entries(study: qlr.Study) -> list[tuple[date | None, str, str]]:
    text = study.documents["text"].iloc[0]
    return [
        (row.date.date() if row.date is not None and row.date == row.date else None, text[row.start : row.end], row.speaker_role)
        for row in study.segments.itertuples()
    ]


# ------------------------------------------------------------------ Evernote
def test_every_note_of_an_enex_export_is_a_dated_entry(tmp_path):
    export = _enex(
        _note("Drop-in at the hall", "<div>Tom arrived early and set out chairs.</div><div>Ann ran the tea urn.</div>", "20240312T091500Z", tags=("site-A", "carers")),
        _note("Second visit", "<p>Quiet morning, two new carers.</p><div><en-media hash=\"abc\" type=\"image/png\"/></div>", "20240319T140000Z", extra=RESOURCE),
        _note("Checklist", "<div><en-todo checked=\"true\"/>Ring the council</div><div><en-todo/>Book the room</div>", "20240320T080000Z"),
    )
    study = _load(tmp_path, "evernote.enex", export)
    entries = _entries(study)
    assert [(day, role) for day, _, role in entries] == [(date(2024, 3, 12), "observer"), (date(2024, 3, 19), "observer"), (date(2024, 3, 20), "observer")]
    assert entries[0][1] == "Tom arrived early and set out chairs.\nAnn ran the tea urn."
    assert entries[1][1] == "Quiet morning, two new carers."
    assert entries[2][1] == "Ring the council\nBook the room"
    assert list(study.segments["timestamp"]) == [9 * 3600 + 15 * 60, 14 * 3600, 8 * 3600]
    text = study.documents["text"].iloc[0]
    # The app's markup, tags and attachments are not words of the notes; the titles stand in headings.
    for word in ("en-note", "en-media", "site-A", "carers\n", "aGVsbG8", "DOCTYPE"):
        assert word not in text
    assert text.startswith("## 2024-03-12 09:15 UTC · Drop-in at the hall\n")
    notes = " ".join(study.meta["load_notes"]) if "load_notes" in study.meta else ""
    assert study.documents["format"].iloc[0] == "enex"
    assert notes == "" or "2 tags" in notes


def test_enex_left_out_parts_are_counted(tmp_path):
    source = read_source(write(tmp_path / "n.enex", _enex(_note("A", "<div>Words.</div><en-media hash='x' type='image/png'/>", "20240312T091500Z", tags=("a", "b"), extra=RESOURCE))))
    assert source.removed == {"tags of Evernote notes (not words of the notes)": 2, "attachments of Evernote notes (images, files)": 1}
    assert source.date == date(2024, 3, 12)  # one note: the document's date is its


def test_enex_note_without_a_date_is_named(tmp_path):
    export = _enex(_note("Dated", "<div>First.</div>", "20240312T091500Z"), _note("Loose page", "<div>Second.</div>", None))
    with pytest.warns(InferenceWarning, match=r"1 of 2 Evernote note\(s\) have no date \('Loose page'\)"):
        source = read_source(write(tmp_path / "n.enex", export))
    assert source.text.endswith("## Loose page\nSecond.")


def test_enex_encrypted_passage_is_warned_not_read(tmp_path):
    export = _enex(_note("Secret", '<div>Open words.</div><en-crypt hint="pet" cipher="AES">U2FsdGVkX1+abc==</en-crypt>', "20240312T091500Z"))
    with pytest.warns(UnreadTextWarning, match=r"1 encrypted passages of Evernote notes"):
        study = _load(tmp_path, "n.enex", export)
    assert "U2FsdGVk" not in study.documents["text"].iloc[0]
    assert _entries(study)[0][1] == "Open words."


def test_enex_with_an_entity_declaration_is_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE en-export [<!ENTITY a "aaaa">]><en-export><note><title>&a;</title></note></en-export>'
    with pytest.raises(DocumentFormatError, match="unsafe XML refused"):
        read_source(write(tmp_path / "n.enex", bomb))


def test_broken_enex_names_its_line(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"n\.enex:3: not well-formed XML"):
        read_source(write(tmp_path / "n.enex", '<?xml version="1.0"?>\n<en-export><note><title>A</title>\n</notes></en-export>'))


def test_an_xml_file_that_is_not_evernote_is_refused(tmp_path):
    with pytest.raises(DocumentFormatError, match="not an Evernote export: its root element is <rss>"):
        read_source(write(tmp_path / "n.enex", "<rss><channel/></rss>"))


# ------------------------------------------------------------------ Google Keep, Day One
def test_keep_note_is_one_dated_entry_without_its_labels(tmp_path):
    note = {
        "color": "DEFAULT", "isTrashed": False, "isPinned": False, "isArchived": False,
        "textContent": "Met Asha at the school gate.\nShe starts the course on Monday.",
        "title": "School gate", "userEditedTimestampUsec": 1710320000000000, "createdTimestampUsec": 1710236700000000,
        "labels": [{"name": "asha"}, {"name": "wave-1"}], "attachments": [{"filePath": "x.png", "mimetype": "image/png"}],
    }  # fmt: skip
    study = _load(tmp_path, "School gate.json", json.dumps(note))
    assert _entries(study) == [(date(2024, 3, 12), "Met Asha at the school gate.\nShe starts the course on Monday.", "observer")]
    text = study.documents["text"].iloc[0]
    assert "wave-1" not in text and "isTrashed" not in text and "DEFAULT" not in text
    assert study.documents["date"].iloc[0].date() == date(2024, 3, 12)


def test_keep_checklist_items_are_kept_and_a_binned_note_is_said(tmp_path):
    note = {"isTrashed": True, "title": "To do", "createdTimestampUsec": "1710236700000000", "listContent": [{"text": "Call Ann", "isChecked": True}, {"text": "Print forms", "isChecked": False}]}
    with pytest.warns(InferenceWarning, match=r"'To do' is in Keep's bin"):
        source = read_source(write(tmp_path / "todo.json", json.dumps(note)))
    assert source.text == "## 2024-03-12 09:45 UTC · To do\nCall Ann\nPrint forms"
    assert source.removed == {"check boxes of the Keep list (its items kept)": 2}


def test_day_one_entries_are_dated_in_their_own_time_zone(tmp_path):
    journal = {
        "metadata": {"version": "1.0"},
        "entries": [
            {"uuid": "A1", "text": "# After the group\n\nEveryone talked about the bus\\. Nobody mentioned money\\.\n\n![](dayone-moment://F00D)", "creationDate": "2024-03-12T23:30:00Z", "timeZone": "Europe/Berlin", "tags": ["group"], "weather": {"conditionsDescription": "Rain"}},
            {"uuid": "A2", "text": "Short day.", "creationDate": "2024-03-14T09:00:00Z", "timeZone": "America/New_York"},
        ],
    }  # fmt: skip
    study = _load(tmp_path, "Journal.json", json.dumps(journal))
    entries = _entries(study)
    # 23:30 UTC is half past midnight in Berlin: the next day, as the writer saw it.
    assert [day for day, _, _ in entries] == [date(2024, 3, 13), date(2024, 3, 14)]
    assert entries[0][1] == "# After the group\n\nEveryone talked about the bus. Nobody mentioned money."
    assert list(study.segments["timestamp"]) == [30 * 60, 5 * 3600]
    text = study.documents["text"].iloc[0]
    assert "dayone-moment" not in text and "Rain" not in text and "\ngroup" not in text


def test_other_json_is_still_refused_with_what_is_read(tmp_path):
    with pytest.raises(DocumentFormatError, match="a Google Keep note, a Day One journal"):
        read_source(write(tmp_path / "x.json", json.dumps({"rows": [{"name": "a"}]})))


# ------------------------------------------------------------------ Markdown: Obsidian, Joplin
def test_obsidian_front_matter_with_lists_is_not_read_as_words(tmp_path):
    page = "---\ntags:\n  - carers\n  - wave-1\nparticipant: C01\ncreated: 2024-03-12 10:05\n---\n\nAsha was tired but came anyway.\n\nShe asked about the course.\n"
    study = _load(tmp_path, "Asha visit.md", page)
    assert _entries(study) == [(date(2024, 3, 12), "Asha was tired but came anyway.", "observer"), (date(2024, 3, 12), "She asked about the course.", "observer")]
    assert "participant" not in study.documents["text"].iloc[0]


def test_daily_note_is_dated_by_its_name(tmp_path):
    study = _load(tmp_path, "2024-03-14.md", "Rain all day. Tom did not come.\n\nAnn phoned at four.\n")
    assert [day for day, _, _ in _entries(study)] == [date(2024, 3, 14), date(2024, 3, 14)]
    # A dated heading inside still wins for its own words.
    study = _load(tmp_path / "b", "2024-03-14.md", "## 15 March 2024\nLate entry.\n")
    assert [day for day, _, _ in _entries(study)] == [date(2024, 3, 15)]


def test_joplin_raw_note_fields_are_cut_and_date_it(tmp_path):
    fields = (
        "id: 0123456789abcdef0123456789abcdef\nparent_id: fedcba9876543210fedcba9876543210\n"
        "created_time: 2024-04-28T21:53:13.438Z\nupdated_time: 2024-04-29T11:43:09.475Z\n"
        "latitude: 50.00000000\nuser_created_time: 2024-03-13T16:23:00.000Z\nis_todo: 0\nsource: joplin-desktop\ntype_: 1"
    )
    study = _load(tmp_path, "0123456789abcdef0123456789abcdef.md", f"Home visit\n\nThe kitchen was full of boxes.\n\n{fields}")
    assert [(day, words) for day, words, _ in _entries(study)] == [(date(2024, 3, 13), "Home visit"), (date(2024, 3, 13), "The kitchen was full of boxes.")]
    assert "parent_id" not in study.documents["text"].iloc[0]


def test_a_markdown_rule_and_prose_is_not_front_matter(tmp_path):
    source = read_source(write(tmp_path / "n.md", "---\nWe met at ten.\n---\nRest.\n"))
    assert source.text.startswith("---\nWe met at ten.")
    assert source.date is None


def test_rule_coding_does_not_see_tags(tmp_path):
    export = _enex(_note("Group", "<div>We decided it together with the staff.</div>", "20240312T091500Z", tags=("decided-together", "coproduction")))
    study = _load(tmp_path, "n.enex", export)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study.apply("coproduction")
    text = study.documents["text"].iloc[0]
    # Whatever is coded lies inside the note's words, never in the tags (which are not in the text at all).
    assert "decided-together" not in text
    assert all(text[start:end] in "We decided it together with the staff." for start, end in zip(study.codings["start"], study.codings["end"]))


def test_a_keep_takeout_folder_lists_each_note_once(tmp_path):
    # Google Keep's Takeout writes every note twice, as .json and as .html: the template listed
    # both, so each note would be read twice.
    import json

    from qlr.io import template_for

    for title, text, when in (("Visit to the hall", "The group ran the tea rota themselves.", 1711987162330000), ("Call with Jo", "Jo says the rota works.", 1712073562330000)):
        (tmp_path / f"{title}.json").write_text(json.dumps({"title": title, "textContent": text, "userEditedTimestampUsec": when, "createdTimestampUsec": when, "isTrashed": False, "isArchived": False, "isPinned": False, "color": "DEFAULT"}), encoding="utf-8")
        (tmp_path / f"{title}.html").write_text(
            f"<html><body><div class='note'><div class='heading'>01.04.2024, 18:01:09</div><div class='title'>{title}</div>"
            f"<div class='content'>{text}</div><div class='chips'><span class='label'><span class='label-name'>wave2</span></span></div></div></body></html>",
            encoding="utf-8",
        )
    text = template_for(tmp_path)
    documents = text.split("name:", 1)[1].split("\nexclude:", 1)[0]
    assert "Visit to the hall.json" in documents and "Visit to the hall.html" not in documents
    # The twin is left out on purpose, so loading with the template does not warn of it as data left out (stop 41).
    assert "exclude:\n- Call with Jo.html\n- Visit to the hall.html\n" in text
    assert "Call with Jo.html (as Call with Jo.json)" in text
