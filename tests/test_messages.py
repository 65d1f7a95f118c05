"""Diaries and between-wave contact that arrive as messages: chat apps' exports and e-mail (lookalike files written here)."""

from __future__ import annotations

import json
import warnings
from datetime import date

import pytest

import qlr
from qlr.errors import UnreadTextWarning
from qlr.io import read_source

from .conftest import write


def _messages(study, doc_id=None):
    """(speaker, role, date, time of day, words) of each segment of a document, in order."""
    text = study.documents.set_index("doc_id")["text"]
    segments = study.segments if doc_id is None else study.segments[study.segments["doc_id"] == doc_id]
    import pandas as pd

    def value(cell):
        return None if pd.isna(cell) else cell

    return [
        (value(row.speaker), value(row.speaker_role), None if pd.isna(row.date) else pd.Timestamp(row.date).date(),
         value(row.timestamp), text[row.doc_id][row.start : row.end])
        for row in segments.itertuples()
    ]  # fmt: skip


def _quiet_load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False)


# --------------------------------------------------------------------------- WhatsApp's text export
def test_iphone_mark_before_a_sender_leaves_one_sender_and_german_placeholders_are_no_ones_words(tmp_path):
    # iOS writes U+200E before the name of someone who sent an attachment; the mark had made "‎Jonas" a second person.
    # German exports write their own placeholders and edit marks.
    chat = (
        "[03.05.24, 09:12:40] Jonas: Guten Morgen, heute wieder Gartengruppe\n"
        "[03.05.24, 09:13:02] \u200eJonas: \u200e<Anhang: 00000007-PHOTO-2024-05-03-09-13-02.jpg>\n"
        "[03.05.24, 09:14:10] Jonas: \u200eBild weggelassen\n"
        "[03.05.24, 09:15:00] Jonas: \u200e<Medien ausgeschlossen>\n"
        "[03.05.24, 21:40:11] Jonas: Wir haben die Beete zusammen geplant \u200e<Diese Nachricht wurde bearbeitet>\n"
        "[04.05.24, 08:02:55] Jonas: Heute ruhig.\n"
    )
    folder = tmp_path / "study"
    write(folder / "P01_W1_diary.txt", chat)
    study = _quiet_load(folder)
    said = [(who, day, words) for who, _, day, _, words in _messages(study) if who]
    assert {who for who, _, _ in said} == {"Jonas"}
    assert said[-2] == ("Jonas", date(2024, 5, 3), "Wir haben die Beete zusammen geplant")
    assert said[-1][1] == date(2024, 5, 4)
    assert any("3 chat message(s) are only the export's placeholder" in note for note in study.meta["inferred"])
    assert not any("Anhang" in words or "weggelassen" in words for _, _, words in said)


def test_short_chat_opened_by_the_encryption_notice_is_a_chat(tmp_path):
    # Two senders writing once each: no one comes back, but the app's own notice says it is a chat.
    chat = (
        "12/04/2025, 18:20 - Messages and calls are end-to-end encrypted. Only people in this chat can read them.\n"
        "12/04/2025, 18:21 - Researcher Lina: How did the first week go?\n"
        "12/04/2025, 19:05 - Omar: We cooked together at the centre, it felt like ours.\n"
    )
    folder = tmp_path / "study"
    write(folder / "P02_W1_diary.txt", chat)
    study = _quiet_load(folder)
    said = [(who, role, day) for who, role, day, _, _ in _messages(study) if who]
    assert said == [("Researcher Lina", "interviewer", date(2025, 4, 12)), ("Omar", "participant", date(2025, 4, 12))]


def test_a_chat_named_by_its_app_is_read_message_by_message(tmp_path):
    # "P03_W2_whatsapp.txt": the app's name is the kind; it was a kind qlr did not know, cut by paragraph into one blob.
    chat = "\n".join(f"3/{12 + day}/25, 8:0{day} PM - {who}: entry {day}" for day, who in enumerate(["Ana", "Ben", "Ana", "Ben"], start=1))
    folder = tmp_path / "study"
    write(folder / "P03_W2_whatsapp.txt", chat)
    study = _quiet_load(folder)
    said = _messages(study)
    assert [who for who, *_ in said] == ["Ana", "Ben", "Ana", "Ben"]
    assert said[0][2] == date(2025, 3, 13) and said[0][3] == 20 * 3600 + 60  # "3/13/25, 8:01 PM": month first, as 13 says
    assert not any("kinds qlr does not know" in note for note in study.meta["inferred"])


# --------------------------------------------------------------------------- JSON exports
def _telegram():
    return {
        "name": "Diary P04",
        "type": "personal_chat",
        "id": 4411,
        "messages": [
            {"id": 1, "type": "service", "date": "2024-02-01T09:00:00", "actor": "Mira", "action": "phone_call", "text": ""},
            {"id": 2, "type": "message", "date": "2024-02-01T09:05:10", "date_unixtime": "1706778310", "from": "Mira (research team)",
             "from_id": "user77", "text": "What changed for you this week?"},
            {"id": 3, "type": "message", "date": "2024-02-01T20:41:00", "from": "Tomasz", "from_id": "user12",
             "text": ["We ", {"type": "bold", "text": "organised"}, " the rota ourselves\nand it worked."]},
            {"id": 4, "type": "message", "date": "2024-02-02T07:30:00", "from": "Tomasz", "from_id": "user12",
             "photo": "photos/photo_1.jpg", "width": 800, "height": 600, "text": ""},
        ],
    }  # fmt: skip


def test_telegram_export_is_dated_messages_with_senders_and_what_is_left_out_said(tmp_path):
    folder = tmp_path / "study"
    write(folder / "P04_W1_telegram.json", json.dumps(_telegram(), ensure_ascii=False))
    write(folder / "study.yaml", "waves: [{id: W1}]\ndocuments: [{path: P04_W1_telegram.json}]\nspeakers: {Mira (research team): interviewer}\n")
    with pytest.warns(UnreadTextWarning, match=r"1 Telegram messages that are only a photo or other media, no text \(ids 4\)"):
        study = qlr.load(folder, progress=False)
    said = _messages(study)
    assert said == [
        ("Mira (research team)", "interviewer", date(2024, 2, 1), 9 * 3600 + 5 * 60 + 10, "What changed for you this week?"),
        ("Tomasz", "participant", date(2024, 2, 1), 20 * 3600 + 41 * 60, "We organised the rota ourselves\nand it worked."),
    ]
    assert any("1 Telegram service messages" in note and "ids 1" in note for note in study.meta["inferred"])


def test_messenger_export_is_read_oldest_first_with_its_mojibake_undone(tmp_path):
    # Messenger writes each UTF-8 byte as a character ("Ã©" for "é") and lists messages newest first.
    def bytes_as_latin1(text):
        return text.encode("utf-8").decode("latin-1")

    payload = {
        "participants": [{"name": bytes_as_latin1("Zoé Martin")}, {"name": "Sam Lee"}],
        "messages": [
            {"sender_name": bytes_as_latin1("Zoé Martin"), "timestamp_ms": 1700003600000, "photos": [{"uri": "photos/a.jpg"}], "type": "Generic"},
            {"sender_name": bytes_as_latin1("Zoé Martin"), "timestamp_ms": 1700000000000, "content": bytes_as_latin1("On a décidé ensemble 👍"), "type": "Generic"},
            {"sender_name": "Sam Lee", "timestamp_ms": 1699990000000, "content": "How are things at the allotment?", "type": "Generic"},
        ],
        "title": bytes_as_latin1("Zoé Martin"),
    }  # fmt: skip
    folder = tmp_path / "study"
    write(folder / "P05_W1_messenger.json", json.dumps(payload))
    with pytest.warns(UnreadTextWarning, match=r"1 Messenger messages that are only a photo, no text \(ids 1700003600000\)"):
        study = qlr.load(folder, progress=False)
    said = [(who, words) for who, _, _, _, words in _messages(study)]
    assert said == [("Sam Lee", "How are things at the allotment?"), ("Zoé Martin", "On a décidé ensemble 👍")]


def test_discord_chat_exporter_json_names_people_by_their_nickname_and_leaves_events_out(tmp_path):
    payload = {
        "guild": {"id": "1", "name": "Direct Messages"},
        "channel": {"id": "2", "type": "DirectTextChat", "name": "kai"},
        "messages": [
            {"id": "10", "type": "RecipientAdd", "timestamp": "2023-06-01T10:00:00.0000000+00:00", "content": "", "author": {"id": "5", "name": "rs_anna"}},
            {"id": "11", "type": "Default", "timestamp": "2023-06-01T10:01:02.1230000+02:00", "content": "What did the group decide?",
             "author": {"id": "5", "name": "rs_anna", "nickname": "Anna (researcher)"}, "attachments": []},
            {"id": "12", "type": "Reply", "timestamp": "2023-06-01T11:15:00+02:00", "content": "We voted to keep the Saturday shift.",
             "author": {"id": "6", "name": "kai_m", "nickname": None}},
            {"id": "13", "type": "Default", "timestamp": "2023-06-01T11:16:00+02:00", "content": "",
             "author": {"id": "6", "name": "kai_m"}, "attachments": [{"fileName": "vote.png"}]},
        ],
    }  # fmt: skip
    folder = tmp_path / "study"
    write(folder / "P06_W1_discord.json", json.dumps(payload))
    with pytest.warns(UnreadTextWarning, match=r"1 Discord messages that are only an attachment"):
        study = qlr.load(folder, progress=False)
    said = _messages(study)
    assert [(who, role, day, clock) for who, role, day, clock, _ in said] == [
        ("Anna (researcher)", "interviewer", date(2023, 6, 1), 10 * 3600 + 62),
        ("kai_m", "participant", date(2023, 6, 1), 11 * 3600 + 15 * 60),
    ]


def test_slack_day_file_resolves_names_and_mentions_and_leaves_joins_out(tmp_path):
    payload = [
        {"type": "message", "subtype": "channel_join", "user": "U02", "ts": "1704186000.000100", "text": "<@U02> has joined the channel"},
        {"type": "message", "user": "U01", "ts": "1704186060.000200", "text": "Hi <@U02>, how was the tenants' meeting?",
         "user_profile": {"real_name": "Priya Shah", "display_name": "priya"}},
        {"type": "message", "user": "U02", "ts": "1704189600.000300", "text": "We ran it &amp; chose the agenda ourselves",
         "user_profile": {"real_name": "Dev Kumar"}},
    ]  # fmt: skip
    folder = tmp_path / "study"
    write(folder / "P07_W1_slack.json", json.dumps(payload))
    study = _quiet_load(folder)
    said = [(who, words) for who, _, _, _, words in _messages(study)]
    assert said == [("Priya Shah", "Hi @Dev Kumar, how was the tenants' meeting?"), ("Dev Kumar", "We ran it & chose the agenda ourselves")]
    assert any("1 Slack events (channel_join)" in note for note in study.meta["inferred"])


def test_other_json_is_refused_with_the_chat_exports_named(tmp_path):
    path = write(tmp_path / "x.json", json.dumps({"posts": [{"title": "a", "body": "b"}]}))
    with pytest.raises(qlr.errors.UnreadableFormatError, match="Telegram, Messenger"):
        read_source(path)


# --------------------------------------------------------------------------- e-mail
_REPLY = """\
From: Ruth Okafor <ruth@example.org>
To: Study Team <team@example.ac.uk>
Subject: Re: Between visits
Date: Tue, 14 May 2024 18:02:11 +0100
Message-ID: <r2@example.org>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

We set up the food bank rota with the neighbours, no council involved.

On Mon, 13 May 2024 at 10:00, Study Team <team@example.ac.uk> wrote:
> Could you tell us what happened since we met?
> Thanks, the team
"""

_FIRST = """\
From: Study Team <team@example.ac.uk>
To: Ruth Okafor <ruth@example.org>
Subject: Between visits
Date: Mon, 13 May 2024 10:00:00 +0100
Message-ID: <t1@example.ac.uk>
Content-Type: text/plain; charset="utf-8"

Could you tell us what happened since we met?
Thanks, the team
"""


def test_an_email_reply_is_its_senders_words_without_the_quoted_question(tmp_path):
    source = read_source(write(tmp_path / "reply.eml", _REPLY.encode("utf-8")))
    assert [source.text[turn.start : turn.end] for turn in source.turns] == [
        "Re: Between visits\nWe set up the food bank rota with the neighbours, no council involved."
    ]
    assert source.turns[0].speaker == "Ruth Okafor" and source.turns[0].date == date(2024, 5, 14)
    assert source.removed == {"lines of earlier messages quoted in replies (ids <r2@example.org>)": 3}


def test_a_mailbox_is_a_thread_oldest_first_and_the_team_declared_the_interviewer(tmp_path):
    folder = tmp_path / "study"
    mbox = f"From team@example.ac.uk Mon May 13 10:00:00 2024\n{_FIRST}\nFrom ruth@example.org Tue May 14 18:02:11 2024\n{_REPLY}"
    write(folder / "P08_W1_email.mbox", mbox.encode("utf-8"))
    write(folder / "study.yaml", "waves: [{id: W1}]\ndocuments: [{path: P08_W1_email.mbox}]\nspeakers: {Study Team: interviewer}\n")
    study = _quiet_load(folder)
    said = [(who, role, day) for who, role, day, _, _ in _messages(study)]
    assert said == [("Study Team", "interviewer", date(2024, 5, 13)), ("Ruth Okafor", "participant", date(2024, 5, 14))]
