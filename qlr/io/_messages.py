"""Message threads exported by chat apps and mail programs, read as dated messages with senders.

A participant's diary or between-wave contact kept in Telegram, Facebook Messenger or Instagram,
Discord, Slack, or by e-mail arrives as the app's export: JSON, or a ``.eml``/``.mbox`` file.
Each reader here decides only what a message is (its sender, its date and time, its words) and
what is no one's words (a service message, a join, a call); :func:`thread_source` lays the
messages out as the stored text, one message a turn of its sender, so segmenting, dating and
speaker roles are the transcripts' (the researcher's sender name is declared ``interviewer`` in
``speakers:`` as a transcript's interviewer is). WhatsApp's text export is a ``.txt`` and goes the
chat-export way of :mod:`qlr.io._segment`.

What a message holds that no text can carry (a photo, a sticker, a voice message, a file) is
counted in :attr:`SourceText.unread` with the ids of the messages, so the loader warns; service
messages are counted in :attr:`SourceText.removed`, so the load notes say so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

__all__ = ["Message", "chat_messages", "email_messages", "sms_backup_bytes", "sms_messages", "thread_text"]


@dataclass
class Message:
    """One message of a thread: who sent it, when (as the export writes it), its words and its id."""

    sender: str
    when: datetime | None
    text: str
    ident: str = ""


@dataclass
class Thread:
    """A thread's messages in order, and what was left out, by why, with the ids of the messages."""

    app: str
    messages: list[Message]
    removed: dict[str, list[str]]  # no one's words: service messages, joins, calls
    unread: dict[str, list[str]]  # a participant's message whose content is not text: photos, voice notes


# --------------------------------------------------------------------------- which app wrote it
def chat_messages(payload: object) -> Thread | None:
    """The messages of a chat app's JSON export, or ``None`` when the JSON is no chat export qlr knows.

    Read: Telegram Desktop's ``result.json`` (one chat, or a whole account's ``chats.list``),
    Facebook Messenger's and Instagram's ``message_1.json`` (their latin-1 mojibake undone, newest
    first turned oldest first), DiscordChatExporter's JSON, and a Slack export's day file (a list of
    messages with ``ts``).
    """
    if isinstance(payload, dict):
        messages = payload.get("messages")
        chats = payload.get("chats")
        if isinstance(chats, dict) and isinstance(chats.get("list"), list):
            return _telegram([chat for chat in chats["list"] if isinstance(chat, dict)])
        if isinstance(messages, list) and any(isinstance(m, dict) and ("from" in m or "date_unixtime" in m or m.get("type") == "service") for m in messages):
            return _telegram([payload])
        if isinstance(messages, list) and any(isinstance(m, dict) and "sender_name" in m and "timestamp_ms" in m for m in messages):
            return _messenger(payload)
        if isinstance(messages, list) and any(isinstance(m, dict) and isinstance(m.get("author"), dict) and "timestamp" in m for m in messages):
            return _discord(messages)
        return None
    if isinstance(payload, list) and payload and all(isinstance(m, dict) for m in payload):
        if sum(1 for m in payload if "ts" in m and ("user" in m or "subtype" in m or "bot_id" in m)) * 2 > len(payload):
            return _slack(payload)
    return None


def _stamp(value: object, *, milliseconds: bool = False) -> datetime | None:
    """A time as an export writes it: ISO text (with or without its offset) or seconds since 1970 (UTC)."""
    if isinstance(value, str) and re.fullmatch(r"\d{9,13}(?:\.\d+)?", value):
        value = float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000 if milliseconds else value, tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:  # DiscordChatExporter writes seven digits of seconds ("…16:57.0010000+00:00"): Python reads six
            return datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", value.strip()).replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def _add(where: dict[str, list[str]], why: str, ident: object) -> None:
    where.setdefault(why, []).append(str(ident))


def _telegram(chats: list[dict[str, Any]]) -> Thread:
    """Telegram Desktop's JSON: ``from`` and ``date`` (local time as written; ``date_unixtime`` else), ``text`` as a
    string or a list of pieces; ``service`` messages (joins, pins, calls) are no one's words."""
    thread = Thread("Telegram", [], {}, {})
    for chat in chats:
        for number, message in enumerate(chat.get("messages") or []):
            if not isinstance(message, dict):
                continue
            ident = message.get("id", number + 1)
            if message.get("type") == "service":
                _add(thread.removed, "Telegram service messages (joins, pins, calls, title changes)", ident)
                continue
            text = _telegram_text(message.get("text"))
            when = _stamp(message.get("date")) or _stamp(message.get("date_unixtime"))
            sender = message.get("from") or message.get("actor") or message.get("from_id")
            if not text.strip():
                what = message.get("media_type") or ("photo" if "photo" in message else "file" if "file" in message else "message")
                _add(thread.unread, f"Telegram messages that are only a {str(what).replace('_', ' ')} or other media, no text", ident)
                continue
            thread.messages.append(Message(str(sender) if sender else "", when, text, str(ident)))
    return thread


def _telegram_text(value: object) -> str:
    """Telegram's ``text``: a string, or a list of strings and entities (``{"type": "bold", "text": …}``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(piece if isinstance(piece, str) else str(piece.get("text", "")) if isinstance(piece, dict) else "" for piece in value)
    return ""


#: Messenger's keys for what a message carries beside (or instead of) its words.
_MESSENGER_MEDIA = {"photos": "photo", "videos": "video", "audio_files": "voice or audio message", "gifs": "GIF", "sticker": "sticker", "files": "file"}


def _messenger(payload: dict[str, Any]) -> Thread:
    """Facebook Messenger's and Instagram's ``message_N.json``: newest first, ``timestamp_ms`` (UTC), UTF-8 bytes
    written as latin-1 characters (``"Buz\\u00c3\\u00a1s"``), which are read back as the words they were."""
    app = "Instagram" if any("is_geoblocked_for_viewer" in m for m in payload["messages"] if isinstance(m, dict)) else "Messenger"
    thread = Thread(app, [], {}, {})
    ordered = sorted(
        (m for m in payload["messages"] if isinstance(m, dict)), key=lambda m: m.get("timestamp_ms") if isinstance(m.get("timestamp_ms"), (int, float)) else 0
    )
    for number, message in enumerate(ordered):
        ident = str(message.get("timestamp_ms", number + 1))
        sender = _undo_mojibake(str(message.get("sender_name") or ""))
        text = _undo_mojibake(message.get("content")) if isinstance(message.get("content"), str) else ""
        kind = message.get("type")
        if kind in ("Call", "Subscribe", "Unsubscribe") or message.get("call_duration") is not None:
            _add(thread.removed, f"{app} calls and people added or leaving", ident)
            continue
        if message.get("is_unsent"):
            _add(thread.unread, f"{app} messages the sender unsent", ident)
            continue
        media = next((what for key, what in _MESSENGER_MEDIA.items() if message.get(key)), None)
        if not text.strip() or (media and text.strip() == f"{sender} sent an attachment."):
            _add(thread.unread, f"{app} messages that are only a {media or 'reaction or empty message'}, no text", ident)
            continue
        thread.messages.append(Message(sender, _stamp(message.get("timestamp_ms"), milliseconds=True), text, ident))
    return thread


def _undo_mojibake(value: str) -> str:
    """Messenger's export writes each UTF-8 byte as one character ("Ã¡" for "á"); read the bytes back as UTF-8.

    Text that is not such bytes (a character beyond U+00FF, or bytes that are no UTF-8) is left as it is.
    """
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


#: DiscordChatExporter's message types that are someone writing; the others (joins, pins, calls, boosts) are events.
_DISCORD_SAID = frozenset({"Default", "Reply", "ThreadStarterMessage", "ChatInputCommand"})


def _discord(messages: list[object]) -> Thread:
    """DiscordChatExporter's JSON: ``author`` (its ``nickname`` in the server, else ``name``), ``timestamp`` with its
    offset, ``content``; message types other than someone writing are events."""
    thread = Thread("Discord", [], {}, {})
    for number, message in enumerate(messages):
        if not isinstance(message, dict):
            continue
        ident = message.get("id", number + 1)
        if message.get("type", "Default") not in _DISCORD_SAID:
            _add(thread.removed, "Discord events (joins, pins, calls, boosts)", ident)
            continue
        author = message.get("author") or {}
        sender = author.get("nickname") or author.get("name") or ""
        text = message.get("content") if isinstance(message.get("content"), str) else ""
        if not text.strip():
            _add(thread.unread, "Discord messages that are only an attachment, sticker or embed, no text", ident)
            continue
        thread.messages.append(Message(str(sender), _stamp(message.get("timestamp")), text, str(ident)))
    return thread


#: A Slack mention or link ("<@U123>", "<https://x.org|the doc>", "<#C1|general>"): its label where it has one.
_SLACK_LINK = re.compile(r"<([@#!]?)([^<>|\n]{1,300})(?:\|([^<>\n]{0,300}))?>")


def _slack(messages: list[dict[str, Any]]) -> Thread:
    """A Slack export's day file: ``user`` (named by ``user_profile`` where the export gives it), ``ts`` (seconds,
    UTC), ``text`` with Slack's escapes; joins and other ``subtype`` events, and bots' posts, are no one's words."""
    thread = Thread("Slack", [], {}, {})
    names = {m.get("user"): _slack_name(m.get("user_profile")) for m in messages if _slack_name(m.get("user_profile"))}
    for number, message in enumerate(messages):
        ident = message.get("client_msg_id") or message.get("ts") or number + 1
        subtype = message.get("subtype")
        if subtype in ("bot_message",) or (message.get("bot_id") and not message.get("user")):
            _add(thread.removed, "Slack bots' posts", ident)
            continue
        if subtype not in (None, "thread_broadcast", "file_share", "me_message"):
            _add(thread.removed, f"Slack events ({subtype})", ident)
            continue
        text = _slack_text(message.get("text"), names)
        if not text.strip():
            _add(thread.unread, "Slack messages that are only a file, no text", ident)
            continue
        sender = names.get(message.get("user")) or message.get("user") or ""
        thread.messages.append(Message(str(sender), _stamp(message.get("ts")), text, str(ident)))
    return thread


def _slack_name(profile: object) -> str | None:
    if not isinstance(profile, dict):
        return None
    return profile.get("real_name") or profile.get("display_name") or profile.get("name") or None


def _slack_text(value: object, names: Mapping[object, str | None]) -> str:
    """Slack's ``text`` as read: mentions by name where known, links by their label, ``&amp;``, ``&lt;``, ``&gt;`` decoded."""
    if not isinstance(value, str):
        return ""

    def shown(found: re.Match[str]) -> str:
        mark, target, label = found.groups()
        if mark == "@":
            return f"@{label or names.get(target) or target}"
        if mark == "#":
            return f"#{label or target}"
        return label or target

    return html.unescape(_SLACK_LINK.sub(shown, value))


# --------------------------------------------------------------------------- SMS Backup & Restore
#: How SMS Backup & Restore writes a message's local time ("Apr 11, 2013 2:30:00 PM", "11 Apr 2013 14:30:00").
_READABLE_DATES = ("%b %d, %Y %I:%M:%S %p", "%b %d, %Y %H:%M:%S", "%d %b %Y %H:%M:%S", "%d %b %Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")
#: An MMS's addresses: the sender's type (PduHeaders FROM); the others are whom it went to.
_MMS_FROM = "137"
#: The name SMS Backup & Restore gives the phone's owner's own messages (type 2, sent): the export names no one.
PHONE_OWNER = "Me"


def _sms_time(message: Any) -> datetime | None:
    """A message's time: its ``readable_date`` (the phone's local time), else ``date`` (milliseconds since 1970, UTC)."""
    readable = " ".join((message.get("readable_date") or "").replace("\u202f", " ").split())
    for layout in _READABLE_DATES:
        try:
            return datetime.strptime(readable, layout)
        except ValueError:
            continue
    return _stamp(message.get("date"), milliseconds=True)


def _sms_name(message: Any) -> str:
    """The other person of a message, by the name the phone's contacts give (else the number)."""
    name = (message.get("contact_name") or "").strip()
    return name if name and name != "(Unknown)" else (message.get("address") or "").strip()


def sms_messages(root: Any) -> Thread:
    """Android's text messages as SMS Backup & Restore saves them (``<smses>``: ``<sms>`` and ``<mms>``), oldest first.

    A received message (``type="1"``; an MMS's ``msg_box="1"``) is its sender's, by the contact's name
    (else the number); one the phone's owner sent (``type="2"``, ``msg_box="2"``) is :data:`PHONE_OWNER`'s,
    as the export names no one.  An MMS's words are its ``text/plain`` parts; its pictures, audio and
    contact cards are counted as unread, with the messages' times as ids; drafts, failed and queued
    messages are no one's words sent, and are counted.
    """
    thread = Thread("SMS", [], {}, {})
    for number, message in enumerate(root):
        tag = message.tag
        if tag not in ("sms", "mms"):
            continue
        when = _sms_time(message)
        ident = f"{when:%Y-%m-%d %H:%M:%S}" if when else message.get("date") or str(number + 1)
        box = message.get("type") if tag == "sms" else message.get("msg_box")
        if box not in ("1", "2"):  # 3 draft, 4 outbox, 5 failed, 6 queued
            _add(thread.removed, "text messages that are drafts, failed or not sent", ident)
            continue
        if tag == "sms":
            text = message.get("body") or ""
            sender = _sms_name(message) if box == "1" else PHONE_OWNER
        else:
            parts = message.find("parts")
            pieces = list(parts) if parts is not None else []
            text = "\n".join(part.get("text") or "" for part in pieces if (part.get("ct") or "").startswith("text/plain"))
            media = [part.get("ct") for part in pieces if (part.get("ct") or "") not in ("text/plain", "application/smil")]
            if media:
                _add(thread.unread, "MMS pictures, recordings and files (not read)", ident)
            sender = PHONE_OWNER
            if box == "1":
                addrs = message.find("addrs")
                sender_address = next((addr.get("address") for addr in (addrs if addrs is not None else []) if addr.get("type") == _MMS_FROM), None)
                group = "~" in (message.get("address") or "")
                sender = sender_address if group and sender_address else _sms_name(message) or (sender_address or "")
        if text in ("", "null") or not text.strip():
            if tag == "sms" or not media:
                _add(thread.unread, "text messages with no words", ident)
            continue
        thread.messages.append(Message(sender, when, text, ident))
    thread.messages.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    return thread


#: An emoji as SMS Backup & Restore writes it: the two halves of its UTF-16 pair as character references
#: ("&#55357;&#56832;"), which XML does not allow; read as the one character they are.
_SURROGATE_PAIR = re.compile(rb"&#(5[56]\d{3});&#(5[67]\d{3});")


def sms_backup_bytes(data: bytes) -> bytes:
    """An SMS backup's bytes with each emoji's pair of references joined into the character, so XML can read them.

    Examples
    --------
    >>> sms_backup_bytes(b'body="Hi &#55357;&#56832;"').decode()
    'body="Hi \U0001f600"'
    """

    def joined(found: re.Match[bytes]) -> bytes:
        high, low = int(found[1]), int(found[2])
        if not (0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF):
            return found[0]
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).encode("utf-8")

    return _SURROGATE_PAIR.sub(joined, data) if b"&#5" in data else data


# --------------------------------------------------------------------------- e-mail
#: A reply's quotation of the message it answers: "> …" lines, and the line that introduces them.
_QUOTED_LINE = re.compile(r"^[ \t]*>")
_WROTE = re.compile(
    r"^[ \t]*(?:On .{4,200} wrote:|Am .{4,200} schrieb .{1,200}:|Le .{4,200} a écrit\s?:|El .{4,200} escribió:|Em .{4,200} escreveu:|Il .{4,200} ha scritto:|Op .{4,200} schreef .{1,200}:)[ \t]*$"
)
#: Where Outlook and webmail put the message a reply answers below it: everything after is the earlier message.
_FORWARD_BLOCK = re.compile(
    r"^[ \t]*(?:-{2,} ?(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Forwarded message) ?-{2,}|_{10,}|From: .+\n(?:Sent|Date|Gesendet|Envoyé|Enviado): )",
    re.MULTILINE | re.IGNORECASE,
)


def email_messages(data: bytes, *, mbox: bool) -> Thread:
    """The messages of one e-mail (``.eml``) or a mailbox (``.mbox``), oldest first, each its sender's words.

    A message's words are its plain-text part (or its HTML part as text); the earlier messages a
    reply quotes (``> …`` lines and the ``On … wrote:`` line over them, or Outlook's block below
    ``From: … Sent:``) are left out and counted, as they are the other person's words already in
    the thread or not the sender's at all. Attachments are counted.
    """
    import email
    import email.policy
    from email.utils import parsedate_to_datetime

    thread = Thread("e-mail", [], {}, {})
    raw = _mbox_pieces(data) if mbox else [data]
    for number, piece in enumerate(raw):
        message = email.message_from_bytes(piece, policy=email.policy.default)
        subject = str(message.get("Subject") or "").strip()
        ident = str(message.get("Message-ID") or f"message {number + 1}" + (f" '{subject[:40]}'" if subject else "")).strip()
        sender = _mail_sender(str(message.get("From") or ""))
        try:
            when = parsedate_to_datetime(str(message.get("Date"))) if message.get("Date") else None
        except (TypeError, ValueError, IndexError):
            when = None
        body, attachments = _mail_body(message)
        if attachments:
            _add(thread.unread, "e-mail attachments (their content is not read)", f"{ident} ({attachments})")
        text, quoted = _without_quotation(body)
        if quoted:
            thread.removed.setdefault("lines of earlier messages quoted in replies", []).extend([ident] * quoted)
        if not text.strip():
            _add(thread.unread, "e-mails with no text of their own", ident)
            continue
        thread.messages.append(Message(sender, when.replace(tzinfo=None) if when else None, f"{subject}\n{text}" if subject and len(raw) == 1 else text, ident))
    thread.messages.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    return thread


def _mbox_pieces(data: bytes) -> list[bytes]:
    """A mailbox's messages: each opens with a ``From `` line at a line's start (mboxo/mboxrd), ``>From `` unescaped."""
    pieces = re.split(rb"(?:^|\n)From [^\n]*\n", data)
    return [re.sub(rb"(?m)^>(>*From )", rb"\1", piece) for piece in pieces if piece.strip()]


def _mail_sender(value: str) -> str:
    from email.utils import parseaddr

    name, address = parseaddr(value)
    return (name or address or value).strip().replace(":", " ")


def _mail_body(message: Any) -> tuple[str, int]:
    """A message's words (its plain text, else its HTML as text) and how many attachments it carries."""
    attachments = sum(1 for part in message.walk() if part.get_content_disposition() == "attachment")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", attachments
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        from lxml import html as lxml_html

        content = lxml_html.fromstring(content or "<p></p>").text_content()
    return str(content), attachments


def _without_quotation(body: str) -> tuple[str, int]:
    """A reply's own words: the quoted earlier messages (``>`` lines, the ``On … wrote:`` line, Outlook's block) cut; and how many lines were cut."""
    lines = body.replace("\r\n", "\n").split("\n")
    block = _FORWARD_BLOCK.search("\n".join(lines))
    cut = 0
    if block is not None:
        before = "\n".join(lines)[: block.start()].split("\n")
        cut += len(lines) - len(before)
        lines = before
    kept = []
    for number, line in enumerate(lines):
        following = next((later for later in lines[number + 1 :] if later.strip()), "")
        if _QUOTED_LINE.match(line) or (_WROTE.match(line) and _QUOTED_LINE.match(following)):
            cut += 1
            continue
        kept.append(line)
    return "\n".join(kept).strip(), cut


# --------------------------------------------------------------------------- the stored text
def thread_text(messages: Iterable[Message]) -> tuple[str, list[tuple[int, int, str, float | None, date | None]]]:
    """The stored text of a thread, a heading line per message (``[2024-01-15 10:30:00] Ali:``) and its words
    below, and each message's ``(start, end, sender, time of day in seconds, date)`` in that text.

    Examples
    --------
    >>> text, turns = thread_text([Message("Ali", datetime(2024, 1, 15, 10, 30), "Hello")])
    >>> text, turns
    ('[2024-01-15 10:30:00] Ali:\\nHello', [(27, 32, 'Ali', 37800.0, datetime.date(2024, 1, 15))])
    """
    parts: list[str] = []
    turns: list[tuple[int, int, str, float | None, date | None]] = []
    length = 0
    for message in messages:
        when = message.when
        heading = f"[{when:%Y-%m-%d %H:%M:%S}] {message.sender}:" if when else f"{message.sender}:"
        words = "\n".join(line.rstrip() for line in message.text.strip().replace("\r\n", "\n").split("\n"))
        block = f"{heading}\n{words}"
        start = length + (2 if parts else 0) + len(heading) + 1
        clock = float(when.hour * 3600 + when.minute * 60 + when.second) if when else None
        turns.append((start, start + len(words), message.sender, clock, when.date() if when else None))
        length += (2 if parts else 0) + len(block)
        parts.append(block)
    return "\n\n".join(parts), turns
