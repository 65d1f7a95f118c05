"""More message exports: iMessage (imessage-exporter), a Slack workspace's zip, Google Chat and Hangouts from Takeout,
Signal (signal-export) and Microsoft Teams (Graph's chatMessage JSON). Lookalike files written here, in our own words."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from datetime import date, datetime

import pytest

import qlr
from qlr.errors import DocumentFormatError, UnreadableFormatError, UnreadTextWarning
from qlr.io import read_source
from qlr.io._messages import imessage_text, is_slack_export, message_export_text, thread_text

from .conftest import write


def _said(source):
    """(speaker, date, words) of each turn of a read document."""
    return [(turn.speaker, turn.date, source.text[turn.start : turn.end]) for turn in source.turns]


def _load(folder, name, text, speakers="{Me: interviewer}"):
    write(folder / name, text)
    write(folder / "study.yaml", f"waves: [{{id: W1}}]\ndocuments: [{{path: {name}}}]\nspeakers: {speakers}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False)


# --------------------------------------------------------------------------- iMessage
_IMESSAGE_TXT = """Mar 03, 2024  9:12:40 AM
Me
Morning! How did the first week on the allotment go?
Reactions:
Liked by Dana Whitlock

Mar 03, 2024  9:40:02 AM (Read by you after 2 minutes, 10 seconds)
Dana Whitlock
Slow start. The shed lock was rusted shut.
    Mar 03, 2024  9:41:15 AM
    Me
    Did the committee fix it?
    Mar 03, 2024  9:55:30 AM (Read by you after 1 minute)
    Dana Whitlock
    Not yet, I oiled it myself.
This message responded to an earlier message.

Mar 03, 2024 10:02:11 AM You renamed the conversation to Allotment diary

Mar 04, 2024  6:15:00 PM
Dana Whitlock
Attachments/4f/IMG_2231.HEIC
The beans are up!
Sent with Confetti

Mar 05, 2024  7:00:00 PM
Dana Whitlock
Mar 05, 2024  7:00:00 PM Meeting moved to Thursday
Edited 1 minute later: Meeting moved to Friday
"""


def test_imessage_txt_is_read_message_by_message_replies_included_and_what_is_not_said_counted(tmp_path):
    study = _load(tmp_path / "study", "P03_W1_imessage.txt", _IMESSAGE_TXT)
    segments = study.segments
    text = study.documents["text"].iloc[0]
    words = [text[row.start : row.end] for row in segments.itertuples()]
    assert [w.split("\n")[0] for w in words] == [
        "Morning! How did the first week on the allotment go?",
        "Slow start. The shed lock was rusted shut.",
        "Did the committee fix it?",
        "Not yet, I oiled it myself.",
        "The beans are up!",
        "Meeting moved to Friday",
    ]
    assert segments["speaker"].tolist()[:3] == ["Me", "Dana Whitlock", "Me"]
    assert segments["speaker_role"].tolist()[:2] == ["interviewer", "participant"]
    assert "Liked by" not in text and "Sent with" not in text and "renamed" not in text and "IMG_2231" not in text
    assert segments["date"].astype(str).tolist()[-1].startswith("2024-03-05")


def test_imessage_txt_counts_reactions_notices_edits_and_warns_of_attachments():
    source = read_source_text("chat.txt", _IMESSAGE_TXT)
    assert source.removed["iMessage reactions (tapbacks) to messages (ids 2024-03-03 09:12:40)"] == 1
    assert any(why.startswith("iMessage notices") for why in source.removed)
    assert any(why.startswith("imessage-exporter's notes that a message is a reply") for why in source.removed)
    assert any(why.startswith("iMessage effects") for why in source.removed)
    assert source.unread == {"iMessage attachments: pictures, voice messages, stickers, files (not read) (ids 2024-03-04 18:15:00)": 1}


def read_source_text(name, text):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    return read_source(write(folder / name, text))


def test_a_diary_with_stamped_entries_is_not_taken_for_an_imessage_export():
    diary = (
        "Mar 03, 2024  9:12:40 AM\nWoke early and walked to the plot before anyone else was there.\n\n"
        "Mar 04, 2024  8:00:00 PM\nThe committee met in the hall and argued about the water rota for an hour.\n\n"
        "Mar 05, 2024  7:30:00 AM\nRain all morning, so I stayed in and wrote letters to my sister.\n"
    )
    assert imessage_text(diary) is None and message_export_text(diary) is None


_IMESSAGE_HTML = """<html><meta charset="UTF-8"><body>
<div class="message"><div class="sent iMessage">
 <p><span class="timestamp">Apr 02, 2024  8:01:00 PM</span> <span class="sender">Me</span></p><hr>
 <div class="message_part"><span class="bubble">What was the best part of the fair?</span></div>
 <div class="reactions"><hr><p>Reactions:</p><div class="reaction"><span><b>Loved</b> by Ola</span></div></div>
</div></div>
<div class="announcement"><p><span class="timestamp">Apr 02, 2024  8:02:00 PM</span> Ola changed the group photo.</p></div>
<div class="message"><div class="received">
 <p><span class="timestamp">Apr 02, 2024  8:05:10 PM (Read by you after 4 seconds)</span> <span class="sender">Ola</span></p><hr>
 <div class="message_part"><span class="bubble">Selling out of jam by noon.</span></div>
 <div class="replies"><div class="reply"><div class="message"><div class="sent iMessage">
   <p><span class="timestamp">Apr 02, 2024  8:06:00 PM</span> <span class="sender">Me</span></p><hr>
   <div class="message_part"><span class="bubble">Which flavour went first?</span></div>
 </div></div></div></div>
 <hr><div class="message_part"><img src="attachments/12/stall.jpeg" loading="lazy"></div>
</div></div>
</body></html>"""


def test_imessage_html_is_read_as_the_txt_is():
    source = read_source_text("P05_W2_imessage.html", _IMESSAGE_HTML)
    assert [(who, words) for who, _, words in _said(source)] == [
        ("Me", "What was the best part of the fair?"),
        ("Ola", "Selling out of jam by noon."),
        ("Me", "Which flavour went first?"),
    ]
    assert _said(source)[0][1] == date(2024, 4, 2)
    assert list(source.removed.values()) == [1, 1] and any("reactions" in why for why in source.removed)
    assert source.unread == {
        "iMessage attachments: pictures, voice messages, stickers, link and app cards (not read) (ids 2024-04-02 20:05:10)": 1
    }


def test_a_web_page_that_is_no_imessage_export_is_still_read_as_a_page():
    source = read_source_text("notes.html", "<html><body><p>Visited the plot.</p><p>Spoke to the chair.</p></body></html>")
    assert source.text == "Visited the plot.\nSpoke to the chair." and not source.turns


# --------------------------------------------------------------------------- Slack's whole export
def _slack_zip(broken: bool = False, top: str = "") -> bytes:
    users = [
        {"id": "U01", "name": "kofi", "real_name": "Kofi Mensah", "profile": {"real_name": "Kofi Mensah", "display_name": "kofi"}},
        {"id": "U02", "name": "research", "profile": {"real_name": "Study Team", "display_name": "team"}},
    ]
    channels = [{"id": "C01", "name": "p07-diary", "members": ["U01", "U02"]}]
    dms = [{"id": "D01", "members": ["U01", "U02"]}]
    day1 = [
        {"type": "message", "subtype": "channel_join", "user": "U01", "text": "<@U01> has joined the channel", "ts": "1706774400.000100"},
        {"type": "message", "user": "U02", "text": "What did the week bring, <@U01>?", "ts": "1706774460.000200", "thread_ts": "1706774460.000200", "reply_count": 1},
        {"type": "message", "subtype": "bot_message", "bot_id": "B1", "text": "Reminder: diary due", "ts": "1706774500.000300"},
    ]
    day2 = [
        {"type": "message", "user": "U01", "text": "Long shifts &amp; a new manager.", "ts": "1706868000.000400", "thread_ts": "1706774460.000200", "parent_user_id": "U02"},
        {"type": "message", "user": "U01", "text": "", "files": [{"name": "rota.png"}], "subtype": "file_share", "ts": "1706868100.000500"},
    ]
    dm = [{"type": "message", "user": "U01", "text": "Can we move Friday's call?", "ts": "1706900000.000600"}]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{top}users.json", json.dumps(users))
        archive.writestr(f"{top}channels.json", json.dumps(channels))
        archive.writestr(f"{top}dms.json", json.dumps(dms))
        # the reply's day first in the archive: order comes from the messages' times, not the archive's
        archive.writestr(f"{top}p07-diary/2024-02-02.json", json.dumps(day2))
        archive.writestr(f"{top}p07-diary/2024-02-01.json", "[\n  {\"ts\": \n" if broken else json.dumps(day1))
        archive.writestr(f"{top}D01/2024-02-02.json", json.dumps(dm))
    return buffer.getvalue()


def test_a_slack_workspace_zip_is_each_conversation_in_turn_its_people_named_and_replies_in_time_order(tmp_path):
    source = read_source(write(tmp_path / "P07_W1_slack.zip", _slack_zip()))
    assert [(who, words) for who, _, words in _said(source)] == [
        ("Study Team", "What did the week bring, @Kofi Mensah?"),
        ("Kofi Mensah", "Long shifts & a new manager."),
        ("Kofi Mensah", "Can we move Friday's call?"),
    ]
    assert "] #p07-diary Study Team:" in source.text and "] @Kofi Mensah, Study Team Kofi Mensah:" in source.text
    assert _said(source)[1][1] == date(2024, 2, 2)
    assert any(why.startswith("Slack events (channel_join)") for why in source.removed)
    assert any(why.startswith("Slack bots' posts") for why in source.removed)
    assert any(why.startswith("Slack messages that are only a file") for why in source.unread)


def test_a_slack_zip_with_one_top_folder_reads_the_same(tmp_path):
    source = read_source(write(tmp_path / "export.zip", _slack_zip(top="Workspace Slack export Feb 2024/")))
    assert len(source.turns) == 3


def test_a_broken_day_file_in_a_slack_zip_is_one_error_naming_it_and_its_line(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"export\.zip: p07-diary/2024-02-01\.json is not JSON \(its line 3"):
        read_source(write(tmp_path / "export.zip", _slack_zip(broken=True)))


def test_a_zip_that_is_no_slack_export_is_refused_with_what_to_do(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/one.txt", "hello")
    with pytest.raises(UnreadableFormatError, match="not a Slack workspace export"):
        read_source(write(tmp_path / "photos.zip", buffer.getvalue()))
    with pytest.raises(UnreadableFormatError, match="damaged or cut short"):
        read_source(write(tmp_path / "cut.zip", _slack_zip()[:200]))
    assert not is_slack_export(["word/document.xml", "users.json"])


def test_a_day_file_inside_an_unzipped_export_names_people_from_users_json_and_the_lists_are_refused(tmp_path):
    with zipfile.ZipFile(io.BytesIO(_slack_zip())) as archive:
        archive.extractall(tmp_path / "export")
    source = read_source(tmp_path / "export" / "p07-diary" / "2024-02-02.json")
    assert [who for who, _, _ in _said(source)] == ["Kofi Mensah"]
    with pytest.raises(UnreadableFormatError, match=r"a Slack export's list of its people \(users\.json\), not a conversation"):
        read_source(tmp_path / "export" / "users.json")


# --------------------------------------------------------------------------- Google Chat, Hangouts
def test_google_chat_takeout_messages_are_dated_utc_and_files_counted(tmp_path):
    messages = {
        "messages": [
            {"creator": {"name": "Priya Nair", "email": "priya@example.org", "user_type": "Human"},
             "created_date": "Tuesday, January 9, 2024 at 7:05:12\u202fPM UTC", "text": "Week two: I finally asked for help.", "message_id": "a/b/1"},
            {"creator": {"name": "Field Team", "email": "team@example.ac.uk", "user_type": "Human"},
             "created_date": "Tuesday, January 9, 2024 at 7:30:00 PM UTC", "text": "Who did you ask?", "message_id": "a/b/2"},
            {"creator": {"name": "Priya Nair", "email": "priya@example.org", "user_type": "Human"},
             "created_date": "Wednesday, January 10, 2024 at 8:00:00 AM UTC", "attached_files": [{"original_name": "x.jpg", "export_name": "File-x.jpg"}], "message_id": "a/b/3"},
            {"creator": {"name": "Calendar", "user_type": "Bot"}, "created_date": "Wednesday, January 10, 2024 at 9:00:00 AM UTC", "text": "Event", "message_id": "a/b/4"},
        ]
    }  # fmt: skip
    folder = tmp_path / "study"
    with pytest.warns(UnreadTextWarning, match=r"Google Chat files and pictures \(not read\) \(ids a/b/3\)"):
        write(folder / "P02_W1_chat.json", json.dumps(messages, ensure_ascii=False))
        write(folder / "study.yaml", "waves: [{id: W1}]\ndocuments: [{path: P02_W1_chat.json}]\nspeakers: {Field Team: interviewer}\n")
        study = qlr.load(folder, progress=False)
    assert study.segments["speaker"].tolist() == ["Priya Nair", "Field Team"]
    assert study.segments["speaker_role"].tolist() == ["participant", "interviewer"]
    assert study.segments["timestamp"].tolist()[0] == 19 * 3600 + 5 * 60 + 12
    with pytest.raises(UnreadableFormatError, match="group_info.json"):
        read_source(write(tmp_path / "group_info.json", json.dumps({"members": [{"name": "Priya Nair"}]})))


def test_hangouts_takeout_names_senders_from_the_participants_and_leaves_events_out(tmp_path):
    hangouts = {
        "conversations": [
            {"conversation": {"conversation": {"participant_data": [
                {"id": {"gaia_id": "111"}, "fallback_name": "Lena"}, {"id": {"gaia_id": "222"}, "fallback_name": "Sam"}]}},
             "events": [
                {"event_id": "e2", "sender_id": {"gaia_id": "222"}, "timestamp": "1420113600000000",
                 "chat_message": {"message_content": {"segment": [{"type": "TEXT", "text": "Back at work"}, {"type": "LINE_BREAK"}, {"type": "TEXT", "text": "tired"}]}}},
                {"event_id": "e1", "sender_id": {"gaia_id": "111"}, "timestamp": "1420110000000000",
                 "chat_message": {"message_content": {"segment": [{"type": "TEXT", "text": "How was the holiday?"}]}}},
                {"event_id": "e3", "sender_id": {"gaia_id": "111"}, "timestamp": "1420113700000000", "hangout_event": {"event_type": "END_HANGOUT"}},
             ]}
        ]
    }  # fmt: skip
    source = read_source(write(tmp_path / "Hangouts.json", json.dumps(hangouts)))
    assert [(who, words) for who, _, words in _said(source)] == [("Lena", "How was the holiday?"), ("Sam", "Back at work\ntired")]
    assert list(source.removed.values()) == [1]


# --------------------------------------------------------------------------- Signal
_SIGNAL_MD = """[2024-06-01 18:20:05] Me: How are the new neighbours?|
[2024-06-01 18:45:10] Tariq: Friendlier than I feared.|
They brought bread.|
(- Me: ❤️ -)
[2024-06-01 18:46:00] Me:¦

> Friendlier than I feared.

What kind of bread?|
[2024-06-01 19:02:00] Tariq: ![IMG_0042.jpg](./media/IMG_0042.jpg)|
[2024-06-02 09:00:00] Tariq: (This message was deleted)
[2024-06-02 10:00:00] Me: Missed audio call|
""".replace("|", "  ").replace("¦", " ")  # signal-export ends a message's lines with two spaces


def test_signal_export_markdown_is_messages_with_reactions_quotes_and_calls_left_out(tmp_path):
    source = read_source(write(tmp_path / "chat.md", _SIGNAL_MD))
    assert [(who, words) for who, _, words in _said(source)] == [
        ("Me", "How are the new neighbours?"),
        ("Tariq", "Friendlier than I feared.\nThey brought bread."),
        ("Me", "What kind of bread?"),
    ]
    assert sorted(source.removed) == [
        "Signal calls (ids 2024-06-02 10:00:00)",
        "Signal reactions to messages (ids 2024-06-01 18:45:10)",
        "earlier Signal messages quoted in replies (ids 2024-06-01 18:46:00)",
    ]
    assert sorted(source.unread) == [
        "Signal attachments and stickers: pictures, voice messages, files (not read) (ids 2024-06-01 19:02:00)",
        "Signal messages deleted (ids 2024-06-02 09:00:00)",
    ]


def test_signal_export_data_json_lines_read_as_its_markdown(tmp_path):
    rows = [
        {"date": "2024-06-01T18:20:05", "sender": "Me", "body": "How are the new neighbours?", "quote": "", "sticker": None, "reactions": [], "attachments": []},
        {"date": "2024-06-01T18:45:10", "sender": "Tariq", "body": "Friendlier than I feared.", "quote": "", "sticker": None,
         "reactions": [{"name": "Me", "emoji": "❤️"}], "attachments": [], "deleted": False},
    ]  # fmt: skip
    source = read_source(write(tmp_path / "data.json", "\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n"))
    assert [(who, day, words) for who, day, words in _said(source)] == [
        ("Me", date(2024, 6, 1), "How are the new neighbours?"),
        ("Tariq", date(2024, 6, 1), "Friendlier than I feared."),
    ]
    assert list(source.removed) == ["Signal reactions to messages (ids 2024-06-01 18:45:10)"]


def test_json_that_is_broken_is_still_one_error_naming_where(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"data\.json: the transcript is not valid JSON \(line 2, column 1: Expecting value"):
        read_source(write(tmp_path / "data.json", '{"date": "2024-06-01", "sender": \n'))


# --------------------------------------------------------------------------- Microsoft Teams
def _teams_message(ident, when, who, content, **more):
    return {"id": ident, "messageType": "message", "createdDateTime": when, "deletedDateTime": None,
            "from": {"application": None, "user": {"id": who.lower(), "displayName": who}},
            "body": {"contentType": "html", "content": content}, "attachments": [], "reactions": [], **more}  # fmt: skip


def test_a_teams_chat_from_graph_is_read_oldest_first_its_html_as_words(tmp_path):
    value = [  # Graph lists the newest first
        _teams_message("5", "2024-03-05T10:00:00Z", "Nadia Rahman", "<p>Thanks, that helps.</p>", deletedDateTime="2024-03-05T11:00:00Z"),
        _teams_message("4", "2024-03-04T16:30:00Z", "Nadia Rahman",
                       '<blockquote itemtype="http://schema.skype.com/Reply"><p>How is the pilot going?</p></blockquote><p>Better since we <b>changed</b> the rota <emoji alt="🙂"></emoji></p><p>Less overtime.</p>'),
        {"id": "3", "messageType": "systemEventMessage", "createdDateTime": "2024-03-04T16:00:00Z", "from": None, "body": {"contentType": "html", "content": "<systemEventMessage/>"}},
        {"id": "2", "messageType": "message", "createdDateTime": "2024-03-04T15:59:00Z", "from": {"application": {"displayName": "Forms"}, "user": None}, "body": {"contentType": "html", "content": "<p>New poll</p>"}},
        _teams_message("1", "2024-03-04T15:00:00Z", "Research Team", "<div>How is the pilot going?</div>"),
    ]  # fmt: skip
    source = read_source(write(tmp_path / "P09_W3_teams.json", json.dumps({"@odata.context": "x", "value": value}, ensure_ascii=False)))
    assert [(who, words) for who, _, words in _said(source)] == [
        ("Research Team", "How is the pilot going?"),
        ("Nadia Rahman", "Better since we changed the rota 🙂\nLess overtime."),
    ]
    assert sorted(why.split(" (ids")[0] for why in source.removed) == [
        "Teams apps' and bots' posts",
        "Teams events (people added or leaving, calls, renamed chats)",
        "earlier Teams messages quoted in replies",
    ]
    assert list(source.unread) == ["Teams messages deleted (ids 5)"]
    assert _said(source)[1][1] == date(2024, 3, 4)


def test_thread_text_heads_a_message_with_its_conversation_where_one_file_holds_several():
    from qlr.io._messages import Message

    text, turns = thread_text([Message("Ann", datetime(2024, 1, 2, 9, 0), "Hi", "1", "#general")])
    assert text == "[2024-01-02 09:00:00] #general Ann:\nHi" and turns[0][2] == "Ann"
