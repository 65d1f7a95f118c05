"""Message threads a new user met: a Slack day file copied out of its export (senders left as user ids), Google Voice's
Takeout pages, and a document declared a message kind in which no message is recognised. Lookalike files written here,
in our own words."""

from __future__ import annotations

import json
import warnings
from datetime import date

import pytest

import qlr
from qlr.errors import InferenceWarning, NoInterviewerWarning, QlrWarning, UnreadTextWarning
from qlr.io import read_source
from qlr.io._messages import google_voice_html

from .conftest import write


def _said(source):
    """(speaker, date, words) of each turn of a read document."""
    return [(turn.speaker, turn.date, source.text[turn.start : turn.end]) for turn in source.turns]


def _loaded(folder, manifest):
    """The study at ``folder`` and the qlr warnings loading it gave."""
    write(folder / "study.yaml", manifest)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(folder, progress=False)
    return study, [w for w in caught if issubclass(w.category, QlrWarning)]


def _roles(study, doc_id):
    """Speaker -> role of a document's segments."""
    rows = study.segments[study.segments["doc_id"] == doc_id]
    return dict(zip(rows["speaker"], rows["speaker_role"]))


# --------------------------------------------------------------------------- Slack: a day file away from users.json
_DAY = [
    {
        "type": "message",
        "user": "U07RSRCH1",
        "text": "How did the first week at the food bank go?",
        "ts": "1704186000.000100",
    },
    {
        "type": "message",
        "user": "U07PART22",
        "text": "Busier than I thought &amp; the van broke down twice.",
        "ts": "1704186300.000200",
    },
    {
        "type": "message",
        "subtype": "channel_join",
        "user": "U07PART22",
        "text": "<@U07PART22> has joined the channel",
        "ts": "1704180000.000001",
    },
    {
        "type": "message",
        "user": "U07RSRCH1",
        "text": "<@U07PART22> did anyone help you fix it?",
        "ts": "1704186600.000300",
    },
]
_USERS = [
    {"id": "U07RSRCH1", "name": "nadia", "profile": {"real_name": "Nadia Okafor"}},
    {"id": "U07PART22", "name": "tomasz", "profile": {"real_name": "Tomasz Wilk"}},
]


def test_a_slack_day_file_copied_out_of_its_export_warns_that_its_senders_are_user_ids(tmp_path):
    write(tmp_path / "msgs" / "P01_W1_slack.json", json.dumps(_DAY))
    study, caught = _loaded(
        tmp_path,
        "waves: [{id: W1}]\nspeakers: {Nadia Okafor: interviewer}\ndocuments: [{path: msgs/P01_W1_slack.json}]\n",
    )
    said = [str(w.message) for w in caught if w.category is InferenceWarning]
    assert len(said) == 1
    message = said[0]
    # The file, how many ids and which, why, and both fixes.
    assert "msgs/P01_W1_slack.json" in message and "document P01_W1_slack" in message
    assert "2 sender(s) are kept by their Slack user id" in message and "U07RSRCH1, U07PART22" in message
    assert "no users.json of the export two folders up" in message
    assert "Keep the export's folders and list the day file where it is" in message
    assert "speakers: {U07RSRCH1: interviewer}" in message
    # The speakers stay ids: the declared name cannot match, so nothing is the interviewer's.
    assert set(_roles(study, "P01_W1_slack").values()) == {"participant"}
    assert any(
        note.startswith("P01_W1_slack: 2 sender(s) are kept by their Slack user id")
        for note in study.meta["inferred"]
    )


def test_declaring_a_slack_user_id_in_speakers_makes_it_the_interviewer_and_silences_the_warning(tmp_path):
    write(tmp_path / "msgs" / "P01_W1_slack.json", json.dumps(_DAY))
    study, caught = _loaded(
        tmp_path,
        "waves: [{id: W1}]\nspeakers: {U07RSRCH1: interviewer}\ndocuments: [{path: msgs/P01_W1_slack.json}]\n",
    )
    assert not [w for w in caught if w.category is InferenceWarning and "Slack user id" in str(w.message)]
    assert _roles(study, "P01_W1_slack") == {"U07RSRCH1": "interviewer", "U07PART22": "participant"}
    # A document's own speakers: entry counts too (ids are matched whatever their case).
    study, caught = _loaded(
        tmp_path,
        "waves: [{id: W1}]\ndocuments: [{path: msgs/P01_W1_slack.json, speakers: {u07rsrch1: interviewer}}]\n",
    )
    assert not [w for w in caught if "Slack user id" in str(w.message)]
    assert _roles(study, "P01_W1_slack")["U07RSRCH1"] == "interviewer"


def test_a_day_file_listed_in_place_names_its_people_and_does_not_warn(tmp_path):
    write(tmp_path / "export" / "users.json", json.dumps(_USERS))
    write(tmp_path / "export" / "channels.json", json.dumps([{"id": "C1", "name": "p01-diary"}]))
    write(tmp_path / "export" / "p01-diary" / "2024-01-02.json", json.dumps(_DAY))
    study, caught = _loaded(
        tmp_path,
        "waves: [{id: W1}]\ncases: [{id: P01}]\nspeakers: {Nadia Okafor: interviewer}\n"
        "documents: [{path: export/p01-diary/2024-01-02.json, case: P01, wave: W1, kind: slack}]\n",
    )
    assert not [w for w in caught if "Slack user id" in str(w.message)]
    (doc_id,) = study.documents["doc_id"]
    assert _roles(study, doc_id) == {"Nadia Okafor": "interviewer", "Tomasz Wilk": "participant"}
    assert "@Tomasz Wilk did anyone help you fix it?" in study.documents["text"].iloc[0]


def test_a_day_file_whose_messages_carry_their_profiles_is_named_without_users_json(tmp_path):
    day = [
        dict(
            message,
            user_profile={"real_name": "Nadia Okafor" if message["user"] == "U07RSRCH1" else "Tomasz Wilk"},
        )
        for message in _DAY
    ]
    source = read_source(write(tmp_path / "P01_W1_slack.json", json.dumps(day)))
    assert {who for who, _, _ in _said(source)} == {"Nadia Okafor", "Tomasz Wilk"}
    assert source.unnamed == []


# --------------------------------------------------------------------------- Google Voice (Takeout)
_STYLE = '<style type="text/css">.message { max-width: 600px; } q::before { content: ""; }</style>'


def _voice_page(title: str, body: str) -> str:
    """A page laid out as Takeout's Voice/Calls pages are: an XHTML declaration, a style, the log, then labels."""
    return (
        '<?xml version="1.0" ?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n<title>{title}</title>\n{_STYLE}</head>\n'
        f"<body>{body}\n"
        '<div class="tags">Labels:\n<a rel="tag" href="http://www.google.com/voice#sms">Text</a>, '
        '<a rel="tag" href="http://www.google.com/voice#inbox">Inbox</a></div>\n'
        '<div class="deletedStatusContainer">User Deleted:\nFalse</div></body></html>'
    )


def _text(stamp: str, sender: str, words: str, *, number: str = "+15550000", extra: str = "") -> str:
    name = '<abbr class="fn" title="">Me</abbr>' if sender == "Me" else f'<span class="fn">{sender}</span>'
    return (
        f'<div class="message"><abbr class="dt" title="{stamp}">written out\nEastern Time</abbr>:\n'
        f'<cite class="sender vcard"><a class="tel" href="tel:{number}">{name}</a></cite>:\n<q>{words}</q>\n{extra}</div> '
    )


_CONVERSATION = _voice_page(
    "Me to\nRuth Adeyemi",
    '<div class="hChatLog hfeed">\n'
    + _text(
        "2024-04-09T18:02:10.120-04:00",
        "Me",
        "Hi Ruth, could you tell me how the new shift pattern is going?",
        number="+15550001",
    )
    + _text(
        "2024-04-09T18:30:45.900-04:00",
        "Ruth Adeyemi",
        "Honestly? Tiring.<br>Nights twice a week now &amp; the bus stops at 11.",
        number="+15550002",
    )
    + _text(
        "2024-04-09T18:31:02.004-04:00",
        "Ruth Adeyemi",
        "MMS Received",
        number="+15550002",
        extra='<div><img src="Ruth - Text-3-1" alt="Image MMS Attachment" /></div>',
    )
    + _text("2024-04-09T18:33:00.500-04:00", "Me", "Laughed at “Honestly? Tiring.”", number="+15550001")
    + _text("2024-04-09T18:40:12.000-04:00", "", "It&#39;s me again, new phone", number="+15550077")
    + "</div>",
)


def test_a_google_voice_conversation_is_read_message_by_message(tmp_path):
    source = read_source(write(tmp_path / "Ruth Adeyemi - Text - 2024-04-09T22_02_10Z.html", _CONVERSATION))
    assert source.format == "html"
    assert _said(source) == [
        ("Me", date(2024, 4, 9), "Hi Ruth, could you tell me how the new shift pattern is going?"),
        (
            "Ruth Adeyemi",
            date(2024, 4, 9),
            "Honestly? Tiring.\nNights twice a week now & the bus stops at 11.",
        ),
        (
            "+15550077",
            date(2024, 4, 9),
            "It's me again, new phone",
        ),  # a sender the contacts do not name: the number
    ]
    # The written offset's local time, not UTC.
    assert source.turns[0].timestamp == 18 * 3600 + 2 * 60 + 10
    # The page's own lines and the MMS placeholder are nobody's words; the reaction and the picture are counted.
    for not_words in ("Labels", "Inbox", "User Deleted", "MMS Received", "Laughed at"):
        assert not_words not in source.text
    assert list(source.removed.values()) == [1] and "reactions sent as texts" in next(iter(source.removed))
    assert list(source.unread.values()) == [1] and "MMS pictures" in next(iter(source.unread))


def test_a_google_voice_sms_in_a_study_keeps_me_as_the_researcher_and_warns_of_the_picture(tmp_path):
    write(tmp_path / "P02_W2_sms.html", _CONVERSATION)
    study, caught = _loaded(
        tmp_path, "waves: [{id: W2}]\nspeakers: {Me: interviewer}\ndocuments: [{path: P02_W2_sms.html}]\n"
    )
    assert _roles(study, "P02_W2_sms") == {
        "Me": "interviewer",
        "Ruth Adeyemi": "participant",
        "+15550077": "participant",
    }
    unread = [str(w.message) for w in caught if w.category is UnreadTextWarning]
    assert (
        len(unread) == 1 and "1 Google Voice MMS pictures" in unread[0] and "2024-04-09 18:31:02" in unread[0]
    )
    assert not [w for w in caught if w.category is NoInterviewerWarning]
    assert set(study.segments["date"].astype(str)) == {"2024-04-09"}  # each message dated by its own time


def test_a_google_voice_group_conversation_leaves_its_member_list_out(tmp_path):
    members = (
        '<div class="participants">Group conversation with:\n'
        '<cite class="sender vcard"><a class="tel" href="tel:+15550010"><span class="fn">Ivo Petrov</span></a></cite>, '
        '<cite class="sender vcard"><a class="tel" href="tel:+15550011"><span class="fn">Lena Berg</span></a></cite></div>\n'
    )
    page = _voice_page(
        "Group Conversation",
        '<div class="hChatLog hfeed">'
        + members
        + _text(
            "2024-06-01T10:00:00.000+01:00",
            "Ivo Petrov",
            "Meeting at the hall on Sunday?",
            number="+15550010",
        )
        + _text(
            "2024-06-01T10:05:00.000+01:00",
            "Lena Berg",
            "",
            number="+15550011",
            extra='<div><a class="vcard" href="card-2-1">Contact card attachment</a></div>',
        )
        + _text("2024-06-01T10:06:00.000+01:00", "Me", "Sunday works for me.")
        + "</div>",
    )
    source = read_source(write(tmp_path / "Group Conversation - 2024-06-01T09_00_00Z.html", page))
    assert [(who, words) for who, _, words in _said(source)] == [
        ("Ivo Petrov", "Meeting at the hall on Sunday?"),
        ("Me", "Sunday works for me."),
    ]
    assert "Group conversation with" not in source.text
    assert list(source.unread.values()) == [1]


def _call(heading: str, contact: str, stamp: str, *, transcript: str = "", audio: bool = False) -> str:
    words = (
        f'Transcript:\n<span class="description"><span class="full-text">{transcript}</span>'
        + "".join(
            f'<span class="word high">{word}\n<span class="start-time">0.5</span><span class="confidence">0.9</span></span> '
            for word in transcript.split()
        )
        + "</span>"
        if transcript
        else ""
    )
    sound = (
        '<audio controls="controls" src="call.mp3"><a rel="enclosure" href="call.mp3">Audio</a></audio>'
        if audio
        else ""
    )
    return _voice_page(
        f"{heading}\n{contact}",
        f'<div class="haudio"><span class="album">Call Log for\n</span>\n<span class="fn">{heading}\n{contact}</span>\n'
        f'<div class="contributor vcard">{heading}\n<a class="tel" href="tel:+15550002"><span class="fn">{contact}</span></a></div>\n'
        f'<abbr class="published" title="{stamp}">written out</abbr>\n{words}\n<br />\n{sound}\n'
        '<abbr class="duration" title="PT31S">(00:00:31)</abbr>\n</div>',
    )


def test_a_google_voice_voicemail_is_its_callers_message_and_calls_without_words_are_counted(tmp_path):
    said = "Hi it's Ruth, the rota changed again, call me back when you can."
    voicemail = read_source(
        write(
            tmp_path / "Ruth - Voicemail - 2024-04-12.html",
            _call(
                "Voicemail from", "Ruth Adeyemi", "2024-04-12T08:15:00.000-04:00", transcript=said, audio=True
            ),
        )
    )
    assert _said(voicemail) == [
        ("Ruth Adeyemi", date(2024, 4, 12), said)
    ]  # the transcript once, not word by word again
    received = read_source(
        write(
            tmp_path / "Ruth - Received - 2024-04-13.html",
            _call("Received call from", "Ruth Adeyemi", "2024-04-13T09:00:00.000-04:00"),
        )
    )
    assert (
        received.text == ""
        and list(received.removed.values()) == [1]
        and "calls" in next(iter(received.removed))
    )
    recorded = read_source(
        write(
            tmp_path / "Ruth - Recorded - 2024-04-14.html",
            _call("Recorded call with", "Ruth Adeyemi", "2024-04-14T09:00:00.000-04:00", audio=True),
        )
    )
    assert recorded.text == "" and "recorded calls" in next(iter(recorded.unread))


def test_a_page_that_is_no_google_voice_export_is_still_read_as_a_page(tmp_path):
    page = '<html><body><div class="message"><p>Interviewer: Where did you grow up?</p><p>Ana: By the sea.</p></div></body></html>'
    source = read_source(write(tmp_path / "page.html", page))
    assert source.turns is None and "Where did you grow up?" in source.text
    from lxml import html as lxml_html

    assert google_voice_html(lxml_html.fromstring(page)) is None


# --------------------------------------------------------------------------- a message kind with no message in it
_NOT_A_THREAD = """Export of texts with Ruth, April

Apr 9, 2024 6:02 PM - could you tell me how the new shift pattern is going

Apr 9, 2024 6:30 PM - tiring, nights twice a week now

Labels: Text, Inbox
"""


def test_a_document_of_a_message_kind_with_no_message_recognised_warns_naming_it(tmp_path):
    write(tmp_path / "P02_W2_sms.txt", _NOT_A_THREAD)
    write(
        tmp_path / "P03_W2_chat.txt",
        "25/03/2024, 19:02 - Ruth: Home at last\n25/03/2024, 19:05 - Me: Good, rest now\n25/03/2024, 19:06 - Ruth: Will do\n",
    )
    study, caught = _loaded(
        tmp_path, "waves: [{id: W2}]\nspeakers: {Me: interviewer}\ndocuments: [{path: '*.txt'}]\n"
    )
    said = [str(w.message) for w in caught if w.category is NoInterviewerWarning]
    assert len(said) == 1
    assert (
        "1 document(s) of a message kind" in said[0]
        and "P02_W2_sms (kind sms)" in said[0]
        and "P03_W2_chat" not in said[0]
    )
    assert "docs/messages.md" in said[0]
    assert set(_roles(study, "P02_W2_sms").values()) == {"observer"}
    # A WhatsApp export of kind chat is read message by message: no warning for it.
    assert _roles(study, "P03_W2_chat") == {"Ruth": "participant", "Me": "interviewer"}


def test_saying_how_to_segment_a_message_kind_document_silences_the_warning(tmp_path):
    write(tmp_path / "P02_W2_sms.txt", _NOT_A_THREAD)
    _, caught = _loaded(
        tmp_path, "waves: [{id: W2}]\ndocuments: [{path: P02_W2_sms.txt, segment: paragraphs}]\n"
    )
    assert not [w for w in caught if w.category is NoInterviewerWarning]


@pytest.mark.parametrize("kind", ["diary", "document"])
def test_other_kinds_of_unthreaded_text_do_not_warn(tmp_path, kind):
    write(tmp_path / "notes.txt", _NOT_A_THREAD)
    _, caught = _loaded(tmp_path, f"waves: [{{id: W2}}]\ndocuments: [{{path: notes.txt, kind: {kind}}}]\n")
    assert not [w for w in caught if w.category is NoInterviewerWarning]
