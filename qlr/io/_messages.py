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
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

__all__ = [
    "Message",
    "chat_messages",
    "email_messages",
    "google_voice_html",
    "imessage_html",
    "imessage_text",
    "is_slack_export",
    "message_export_text",
    "signal_json_lines",
    "signal_markdown",
    "slack_export",
    "slack_export_members",
    "sms_backup_bytes",
    "sms_messages",
    "thread_text",
]


@dataclass
class Message:
    """One message of a thread: who sent it, when (as the export writes it), its words and its id."""

    sender: str
    when: datetime | None
    text: str
    ident: str = ""
    place: str = ""  # the conversation a message was written in, where one file holds several (Slack's "#general")


@dataclass
class Thread:
    """A thread's messages in order, and what was left out, by why, with the ids of the messages."""

    app: str
    messages: list[Message]
    removed: dict[str, list[str]]  # no one's words: service messages, joins, calls
    unread: dict[str, list[str]]  # a participant's message whose content is not text: photos, voice notes
    #: Senders the export names only by an account id (a Slack day file read away from its export's users.json),
    #: and why, so the loader can say that ``speakers:`` cannot name them by the names the app shows.
    unnamed: list[str] = field(default_factory=list)
    unnamed_why: str = ""


# --------------------------------------------------------------------------- which app wrote it
def chat_messages(payload: object, *, path: Any = None) -> Thread | None:
    """The messages of a chat app's JSON export, or ``None`` when the JSON is no chat export qlr knows.

    Read: Telegram Desktop's ``result.json`` (one chat, or a whole account's ``chats.list``),
    Facebook Messenger's and Instagram's ``message_1.json`` (their latin-1 mojibake undone, newest
    first turned oldest first), DiscordChatExporter's JSON, a Slack export's day file (a list of
    messages with ``ts``), Google Chat's ``messages.json`` and Hangouts' ``Hangouts.json`` from
    Takeout, and a Microsoft Teams chat as Microsoft Graph gives it (``chatMessage`` objects, alone or
    under ``value``, as the scripts that save a Teams chat write them). ``path``, the file's, lets a Slack
    day file inside an unzipped export name its people from the export's ``users.json``.
    """
    if isinstance(payload, dict):
        messages = payload.get("messages")
        chats = payload.get("chats")
        if isinstance(messages, list) and any(isinstance(m, dict) and isinstance(m.get("creator"), dict) and "created_date" in m for m in messages):
            return _google_chat(messages)
        if isinstance(payload.get("conversations"), list) or isinstance(payload.get("conversation_state"), list):
            return _hangouts(payload)
        if isinstance(payload.get("value"), list) and _is_graph_chat(payload["value"]):
            return _teams(payload["value"])
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
        if _is_graph_chat(payload):
            return _teams(payload)
        if sum(1 for m in payload if "ts" in m and ("user" in m or "subtype" in m or "bot_id" in m)) * 2 > len(payload):
            # A day file inside an unzipped export: its people are named in the export's users.json.
            users = slack_users_beside(path) if path is not None else None
            return _slack(payload, users=users, unnamed_why="" if users else "no users.json of the export two folders up names them (a day file copied out of its export)")
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


def _slack(messages: list[dict[str, Any]], *, users: Mapping[object, str] | None = None, place: str = "", unnamed_why: str = "") -> Thread:
    """A Slack export's day file: ``user`` (named by ``user_profile`` where the export gives it, else by ``users``,
    the export's ``users.json``), ``ts`` (seconds, UTC), ``text`` with Slack's escapes; joins and other ``subtype``
    events, and bots' posts, are no one's words. A sender neither names is kept by their user id (``U0BMQB6JE``),
    listed in :attr:`Thread.unnamed` with ``unnamed_why``."""
    thread = Thread("Slack", [], {}, {})
    names: dict[object, str | None] = {**(users or {})}
    names.update({m.get("user"): _slack_name(m.get("user_profile")) for m in messages if _slack_name(m.get("user_profile"))})
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
        if message.get("user") and not names.get(message.get("user")) and sender not in thread.unnamed:
            thread.unnamed.append(str(sender))
        thread.messages.append(Message(str(sender), _stamp(message.get("ts")), text, str(ident), place))
    if thread.unnamed:
        thread.unnamed_why = unnamed_why or "the export's users.json does not name them"
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


# --------------------------------------------------------------------------- Slack's whole export
#: The lists a Slack workspace export keeps beside its conversations' folders, and how each names a conversation.
_SLACK_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
#: Largest total size of the JSON a Slack export's zip may unpack to (bytes).
MAX_EXPORT_BYTES = 1024 * 1024 * 1024


def is_slack_export(names: Iterable[str]) -> bool:
    """Whether an archive's (or a folder's) file names are a Slack workspace export's: ``users.json`` beside
    ``channels.json`` (or the private lists), and a conversation's folder of day files.

    Examples
    --------
    >>> is_slack_export(["export/users.json", "export/channels.json", "export/general/2024-01-02.json"])
    True
    >>> is_slack_export(["word/document.xml"])
    False
    """
    names = [name.replace("\\", "/") for name in names]
    roots = {name.rsplit("/", 1)[0] if "/" in name else "" for name in names if name.rsplit("/", 1)[-1] == "users.json"}
    return any(
        any(f"{root}/{lst}".lstrip("/") in names for lst in _SLACK_LISTS) and any(_SLACK_DAY.fullmatch(name[len(root) :].lstrip("/")) for name in names)
        for root in roots
    )


#: A conversation's day file inside an export: "general/2024-01-02.json".
_SLACK_DAY = re.compile(r"[^/]+/\d{4}-\d{2}-\d{2}\.json")


def slack_export(members: Mapping[str, bytes], *, where: str) -> Thread:
    """A Slack workspace export (the zip Slack's "Export data" gives, as its members' bytes by name), one conversation
    after another: the public channels in ``channels.json``'s order, then private channels, group and direct messages.

    Each conversation's messages are read from its day files, oldest first by their ``ts`` (so a thread's replies
    stand where they were written), each a message of its sender named from ``users.json`` and headed by the
    conversation (``#general``; ``@Ann, Ben`` for direct messages). Joins, topic changes and bots' posts are no one's
    words, counted as the day file reader counts them. ``where`` names the export in errors.

    Raises
    ------
    DocumentFormatError
        A day file or list that is not JSON, naming the member and its line.
    """
    from ..errors import DocumentFormatError

    names = [name.replace("\\", "/") for name in members]
    root = min((name.rsplit("/", 1)[0] if "/" in name else "" for name in names if name.rsplit("/", 1)[-1] == "users.json"), key=len, default="")
    prefix = f"{root}/" if root else ""

    def load(name: str) -> Any:
        import json

        try:
            return json.loads(members[name].decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise DocumentFormatError(f"{name} is not UTF-8 text (byte {exc.start})", path=where, hint="export the workspace from Slack again") from None
        except RecursionError:
            raise DocumentFormatError(f"{name} nests its JSON too deep to be read", path=where, hint="export the workspace from Slack again, or remove the damaged day file from the export") from None
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            raise DocumentFormatError(
                f"{name} is not JSON" + (f" (its line {line}, column {exc.colno}: {exc.msg})" if line else f" ({exc})"),  # type: ignore[attr-defined]
                path=where,
                hint="export the workspace from Slack again, or remove the damaged day file from the export",
            ) from None

    users: dict[object, str] = {}
    people = load(prefix + "users.json") if prefix + "users.json" in members else []
    for person in people if isinstance(people, list) else []:
        if isinstance(person, dict) and person.get("id"):
            users[person["id"]] = _slack_name(person.get("profile")) or person.get("real_name") or person.get("name") or person["id"]
    order: list[tuple[str, str]] = []  # (folder, heading)
    for listing in _SLACK_LISTS:
        entries = load(prefix + listing) if prefix + listing in members else []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            folder = str(entry.get("name") or entry.get("id") or "")
            if listing == "dms.json":
                folder = str(entry.get("id") or "")
                heading = "@" + ", ".join(users.get(member, str(member)) for member in entry.get("members") or [])
            else:
                heading = f"#{folder}"
            if folder and all(folder != known for known, _ in order):
                order.append((folder, heading))
    folders = sorted({name[len(prefix) :].split("/", 1)[0] for name in names if name.startswith(prefix) and _SLACK_DAY.fullmatch(name[len(prefix) :])})
    order = [item for item in order if item[0] in folders] + [(folder, f"#{folder}") for folder in folders if all(folder != known for known, _ in order)]
    thread = Thread("Slack", [], {}, {})
    for folder, heading in order:
        messages: list[dict[str, Any]] = []
        for name in sorted(n for n in names if n.startswith(f"{prefix}{folder}/") and _SLACK_DAY.fullmatch(n[len(prefix) :])):
            day = load(name)
            if not isinstance(day, list):
                raise DocumentFormatError(f"{name} is not a Slack day file (a list of messages)", path=where, hint="export the workspace from Slack again")
            messages.extend(message for message in day if isinstance(message, dict))
        messages.sort(key=lambda m: _slack_ts(m.get("ts")))
        part = _slack(messages, users=users, place=heading)
        thread.messages.extend(part.messages)
        thread.unnamed.extend(ident for ident in part.unnamed if ident not in thread.unnamed)
        thread.unnamed_why = thread.unnamed_why or part.unnamed_why
        for why, ids in part.removed.items():
            thread.removed.setdefault(why, []).extend(ids)
        for why, ids in part.unread.items():
            thread.unread.setdefault(why, []).extend(ids)
    return thread


def _slack_ts(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")


def slack_export_members(path: Any, data: bytes) -> dict[str, bytes] | None:
    """The JSON members of a zip that is a Slack workspace export, read in memory with the safety checks qlr's
    archives get (no member name leaving the archive, no encryption, at most :data:`MAX_EXPORT_BYTES`);
    ``None`` when the zip is no Slack export.

    Raises
    ------
    UnreadableFormatError
        The zip is damaged, encrypted, or too large.
    """
    import io
    import zipfile
    import zlib
    from pathlib import PurePosixPath

    from ..errors import UnreadableFormatError

    hint = "download the export from Slack again and give qlr the .zip as Slack wrote it"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise UnreadableFormatError(f"the zip archive is damaged or cut short ({exc})", path=path, hint=hint) from None
    if not is_slack_export(info.filename for info in infos):
        return None
    members: dict[str, bytes] = {}
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        if not name.lower().endswith(".json"):
            continue
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in PurePosixPath(name).parts:
            raise UnreadableFormatError(f"refused: the archive member {info.filename!r} names a place outside the archive", path=path, hint="do not trust this file; " + hint)
        if info.flag_bits & 0x1:
            raise UnreadableFormatError(f"the archive member {info.filename!r} is encrypted", path=path, hint="export the workspace again without a password")
        total += info.file_size
        if total > MAX_EXPORT_BYTES:
            raise UnreadableFormatError(f"refused: the export unpacks to more than {MAX_EXPORT_BYTES:,} bytes of JSON", path=path, hint="export fewer channels or a shorter time from Slack")
        try:
            members[name] = archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise UnreadableFormatError(f"the archive member {info.filename!r} cannot be unpacked ({exc})", path=path, hint=hint) from None
    return members


def slack_users_beside(path: Any) -> dict[object, str]:
    """The names ``users.json`` gives, for a day file read alone inside an unzipped export (``export/general/2024-01-02.json``)."""
    import json

    try:
        people = json.loads((path.parent.parent / "users.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, AttributeError, RecursionError):
        return {}
    return {
        person["id"]: _slack_name(person.get("profile")) or person.get("real_name") or person.get("name") or person["id"]
        for person in (people if isinstance(people, list) else [])
        if isinstance(person, dict) and person.get("id")
    }


def export_listing(payload: object, name: str) -> str | None:
    """What a chat export's own list of people or conversations is (``users.json``, ``channels.json``,
    ``group_info.json``), said so that reading it as a document can be refused with where the messages are;
    ``None`` for any other JSON.

    Examples
    --------
    >>> export_listing([{"id": "U1", "name": "ann", "profile": {}}], "users.json")
    "a Slack export's list of its people (users.json)"
    """
    lowered = name.lower()
    if lowered in _SLACK_LISTS + ("users.json", "integration_logs.json", "canvases.json", "huddles.json") and isinstance(payload, list):
        return f"a Slack export's list of its {'people' if lowered == 'users.json' else 'conversations' if lowered in _SLACK_LISTS else 'integrations and files'} ({name})"
    if lowered == "group_info.json" and isinstance(payload, dict) and "members" in payload:
        return "Google Chat's list of a conversation's members (group_info.json)"
    if lowered == "user_info.json" and isinstance(payload, dict) and "user" in payload:
        return "Google Chat's details of the account (user_info.json)"
    return None


# --------------------------------------------------------------------------- Google Chat and Hangouts (Takeout)
#: How Takeout writes a Google Chat message's time: "Wednesday, April 15, 2015 at 12:51:41 AM UTC".
_GOOGLE_CHAT_DATE = re.compile(r"(?:\w+, )?(\w+ \d{1,2}, \d{4})(?: at |, )(\d{1,2}:\d{2}:\d{2})\s*([AP]M)?\s*(?:UTC)?", re.IGNORECASE)


def _google_chat_time(value: object) -> datetime | None:
    """A Google Chat message's ``created_date`` (UTC as Takeout writes it), or ``None`` when it is written another way."""
    if not isinstance(value, str):
        return None
    found = _GOOGLE_CHAT_DATE.fullmatch(" ".join(value.replace("\u202f", " ").split()))
    if found is None:
        return _stamp(value)
    day, clock, half = found.groups()
    try:
        return datetime.strptime(f"{day} {clock} {half or ''}".strip(), "%B %d, %Y %I:%M:%S %p" if half else "%B %d, %Y %H:%M:%S")
    except ValueError:
        return None


def _google_chat(messages: list[object]) -> Thread:
    """Google Chat's ``messages.json`` from Takeout (a group's, a space's or a direct message's): ``creator`` (its
    ``name``, else e-mail), ``created_date`` (UTC), ``text``; files and deleted messages counted, bots' posts no one's."""
    thread = Thread("Google Chat", [], {}, {})
    for number, message in enumerate(messages):
        if not isinstance(message, dict):
            continue
        ident = str(message.get("message_id") or number + 1)
        creator = message.get("creator") if isinstance(message.get("creator"), dict) else {}
        if str(creator.get("user_type", "")).lower() == "bot":
            _add(thread.removed, "Google Chat bots' posts", ident)
            continue
        if message.get("message_state") == "DELETED" or message.get("deletion_metadata"):
            _add(thread.unread, "Google Chat messages deleted", ident)
            continue
        text = message.get("text") if isinstance(message.get("text"), str) else ""
        if message.get("attached_files"):
            _add(thread.unread, "Google Chat files and pictures (not read)", ident)
        if not text.strip():
            if not message.get("attached_files"):
                _add(thread.unread, "Google Chat messages with no text (a card, a call or a reaction)", ident)
            continue
        sender = creator.get("name") or creator.get("email") or ""
        thread.messages.append(Message(str(sender), _google_chat_time(message.get("created_date")), text, ident))
    return thread


def _hangouts(payload: dict[str, Any]) -> Thread:
    """Hangouts' ``Hangouts.json`` from Takeout (``conversations``, or the older ``conversation_state``): each
    conversation's chat messages, their senders named by ``participant_data``, times in microseconds (UTC);
    calls, renames and people added or leaving are no one's words; pictures counted."""
    thread = Thread("Hangouts", [], {}, {})
    found: list[Message] = []
    for conversation in payload.get("conversations") or payload.get("conversation_state") or []:
        if not isinstance(conversation, dict):
            continue
        state = conversation.get("conversation_state") if isinstance(conversation.get("conversation_state"), dict) else conversation
        about = state.get("conversation") if isinstance(state.get("conversation"), dict) else {}
        about = about.get("conversation") if isinstance(about.get("conversation"), dict) else about
        names = {}
        for person in about.get("participant_data") or []:
            if isinstance(person, dict) and isinstance(person.get("id"), dict):
                names[person["id"].get("gaia_id")] = person.get("fallback_name") or person["id"].get("gaia_id")
        for number, event in enumerate(state.get("events") or state.get("event") or []):
            if not isinstance(event, dict):
                continue
            ident = str(event.get("event_id") or number + 1)
            chat = event.get("chat_message")
            if not isinstance(chat, dict):
                _add(thread.removed, "Hangouts events (calls, renames, people added or leaving)", ident)
                continue
            content = chat.get("message_content") if isinstance(chat.get("message_content"), dict) else {}
            text = "".join(
                "\n" if piece.get("type") == "LINE_BREAK" else str(piece.get("text") or "") for piece in content.get("segment") or [] if isinstance(piece, dict)
            )
            if content.get("attachment"):
                _add(thread.unread, "Hangouts pictures and files (not read)", ident)
            if not text.strip():
                if not content.get("attachment"):
                    _add(thread.unread, "Hangouts messages with no text", ident)
                continue
            sender_id = (event.get("sender_id") or {}).get("gaia_id") if isinstance(event.get("sender_id"), dict) else None
            found.append(Message(str(names.get(sender_id) or sender_id or ""), _stamp(_microseconds(event.get("timestamp"))), text, ident))
    found.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    thread.messages = found
    return thread


def _microseconds(value: object) -> float | None:
    try:
        return float(value) / 1_000_000  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- Microsoft Teams (Graph's chatMessage)
def _is_graph_chat(items: list[object]) -> bool:
    """Whether most of a list are Microsoft Graph ``chatMessage`` objects (``createdDateTime`` and a ``body`` or ``messageType``)."""
    hits = sum(1 for m in items if isinstance(m, dict) and "createdDateTime" in m and (isinstance(m.get("body"), dict) or "messageType" in m))
    return bool(items) and hits * 2 > len(items)


#: A Teams reply's quotation of the message it answers, and an emoji as Teams writes it.
_TEAMS_QUOTE = re.compile(r"<blockquote\b[^>]*>.*?</blockquote>", re.IGNORECASE | re.DOTALL)
_TEAMS_EMOJI = re.compile(r"<emoji\b[^>]*\balt=\"([^\"]*)\"[^>]*>(?:</emoji>)?", re.IGNORECASE)


def _teams(messages: list[object]) -> Thread:
    """A Microsoft Teams chat as Graph gives it (newest first, turned oldest first): ``from.user.displayName``,
    ``createdDateTime`` (UTC), ``body`` (HTML as text, a quoted earlier message left out); events
    (``systemEventMessage``: people added, calls, renames) and apps' posts no one's words; deleted messages and
    attachments counted."""
    thread = Thread("Teams", [], {}, {})
    items = sorted((m for m in messages if isinstance(m, dict)), key=lambda m: str(m.get("createdDateTime") or ""))
    for number, message in enumerate(items):
        ident = str(message.get("id") or number + 1)
        if message.get("messageType", "message") != "message":
            _add(thread.removed, "Teams events (people added or leaving, calls, renamed chats)", ident)
            continue
        who = message.get("from") if isinstance(message.get("from"), dict) else {}
        if not isinstance(who.get("user"), dict) and isinstance(who.get("application"), dict):
            _add(thread.removed, "Teams apps' and bots' posts", ident)
            continue
        if message.get("deletedDateTime"):
            _add(thread.unread, "Teams messages deleted", ident)
            continue
        body = message.get("body") if isinstance(message.get("body"), dict) else {}
        content = str(body.get("content") or "")
        if str(body.get("contentType", "")).lower() == "html":
            content = re.sub(r"(?i)<img\b[^>]*>", "", content)
            content, quoted = _TEAMS_QUOTE.subn("", content)
            if quoted:
                _add(thread.removed, "earlier Teams messages quoted in replies", ident)
            content = _html_words(_TEAMS_EMOJI.sub(r"\1", content))
        files = [a for a in message.get("attachments") or [] if isinstance(a, dict) and a.get("contentType") != "messageReference"]
        if re.search(r"(?i)<img\b", str(body.get("content") or "")):
            files.append({"contentType": "image"})  # a picture pasted into the message, hosted by Teams
        if files:
            _add(thread.unread, "Teams pictures, attachments, files and cards (not read)", ident)
        if not content.strip():
            if not files:
                _add(thread.unread, "Teams messages with no text", ident)
            continue
        user = who.get("user") if isinstance(who.get("user"), dict) else {}
        thread.messages.append(Message(str(user.get("displayName") or user.get("id") or ""), _stamp(message.get("createdDateTime")), content, ident))
    for message in thread.messages:
        message.when = message.when.replace(tzinfo=None) if message.when else None
    return thread


def _html_words(content: str) -> str:
    """An HTML fragment's words, a line for each paragraph, ``<div>`` and ``<br>``."""
    from lxml import html as lxml_html

    content = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", content)
    if not content.strip():
        return ""
    try:
        words = lxml_html.fromstring(f"<div>{content}</div>").text_content()
    except (ValueError, TypeError):
        words = re.sub(r"<[^>]+>", "", content)
    return "\n".join(" ".join(line.split()) for line in words.replace("\xa0", " ").split("\n")).strip()


# --------------------------------------------------------------------------- iMessage (imessage-exporter)
#: imessage-exporter's stamp of a message: "May 17, 2022  5:29:42 PM", a read receipt after it.
_IMESSAGE_STAMP = re.compile(r"(?P<stamp>[A-Z][a-z]{2} \d{1,2}, \d{4} {1,2}\d{1,2}:\d{2}:\d{2}\s?[AP]M)(?P<rest>.*)")
_IMESSAGE_READ = re.compile(r" \((?:Read|Delivered) by .{1,80} after [^)]*\)")
#: What imessage-exporter writes into a message that is not the sender's words, and why it is left out.
_IMESSAGE_NOTES = {
    "This message responded to an earlier message.": "imessage-exporter's notes that a message is a reply",
    "SharePlay Message": "SharePlay notices",
    "This message was deleted from the conversation!": "imessage-exporter's notes that a message was deleted (its words, recovered, are read)",
}
#: A line naming a file: an attachment as imessage-exporter writes it (its copied path, or the original one).
_IMESSAGE_FILE = re.compile(
    r"(?:Sticker from .{1,80}: .*|Attachment missing!|.*(?:^|/)(?:attachments|Attachments)/\S.*|~?/\S+\.[A-Za-z0-9]{2,5}|[\w ()-]{1,120}\.(?:heic|HEIC|jpe?g|JPE?G|png|PNG|gif|GIF|mov|MOV|mp4|MP4|m4a|caf|CAF|amr|pdf|vcf|pluginPayloadAttachment))"
)
_TAPBACK = re.compile(r"(?:Loved|Liked|Disliked|Laughed|Emphasized|Questioned|Reacted .{1,20}|Emoji .{1,20}|Sticker) (?:by|from) .+")


def _imessage_time(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(" ".join(stamp.split()), "%b %d, %Y %I:%M:%S %p")
    except ValueError:
        return None


def imessage_text(text: str) -> Thread | None:
    """A conversation imessage-exporter wrote as ``.txt``, or ``None`` when the text is not one.

    Each message is a stamp line (``May 17, 2022  5:29:42 PM``, a read receipt after it), its sender
    (``Me`` for the phone's owner, unless exported with ``--custom-name``), and its words; a reply in a
    thread follows its first message indented by four spaces and is read as its own message. Left out
    and counted: reactions (``Reactions:``/``Tapbacks:`` and the ``Loved by …`` lines under them), the
    exporter's notes (``This message responded to an earlier message.``), effects (``Sent with …``) and
    the conversation's notices (``… renamed the conversation to …``); attachments and deleted messages
    are counted as unread; of an edited message, its last version is read.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    # A stamp alone (or with its read receipt) opens a message; a stamp with words after it is a notice of the
    # conversation's only after a blank line (inside a message it is an edited message's first version).
    heads = [
        i
        for i, line in enumerate(lines)
        if (found := _IMESSAGE_STAMP.fullmatch(line.strip())) is not None
        and (not found["rest"] or _IMESSAGE_READ.fullmatch(found["rest"]) or i == 0 or not lines[i - 1].strip())
    ]
    framed = [i for i in heads if (_IMESSAGE_READ.fullmatch(_IMESSAGE_STAMP.fullmatch(lines[i].strip())["rest"]) or not _IMESSAGE_STAMP.fullmatch(lines[i].strip())["rest"]) and i + 1 < len(lines) and lines[i + 1].strip()]
    if len(framed) < 2 and not (framed and len([line for line in lines if line.strip()]) <= 4):
        return None
    # A diary whose entries open with such a stamp is no conversation: its "senders" would be first lines of
    # prose, long, each different. A conversation's senders are short and recur.
    senders = [lines[i + 1].strip() for i in framed]
    if any(len(sender) > 80 for sender in senders) or len(set(senders)) > max(2, len(senders) // 2):
        return None
    thread = Thread("iMessage", [], {}, {})
    found: list[Message] = []
    starts = sorted(set(heads))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        head = lines[start]
        indent = len(head) - len(head.lstrip(" "))
        stamp = _IMESSAGE_STAMP.fullmatch(head.strip())
        assert stamp is not None
        rest = stamp["rest"]
        when = _imessage_time(stamp["stamp"])
        ident = f"{when:%Y-%m-%d %H:%M:%S}" if when else stamp["stamp"]
        if rest and not _IMESSAGE_READ.fullmatch(rest):
            _add(thread.removed, "iMessage notices (the conversation renamed, its photo changed, people added or leaving)", ident)
            continue
        body = [line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in lines[start + 1 : end]]
        while body and not body[-1].strip():
            body.pop()
        if not body:
            continue
        sender, words = body[0].strip(), body[1:]
        kept: list[str] = []
        reacting = False
        edited: list[str] = []
        for line in words:
            bare = line.strip()
            if bare in ("Reactions:", "Tapbacks:"):
                reacting = True
                continue
            if reacting and (_TAPBACK.fullmatch(bare) or not bare):
                if bare:
                    _add(thread.removed, "iMessage reactions (tapbacks) to messages", ident)
                continue
            reacting = False
            if bare in _IMESSAGE_NOTES:
                _add(thread.removed, _IMESSAGE_NOTES[bare], ident)
                continue
            if bare == "Ended" and words and kept == [] and any(w.strip() == "SharePlay Message" for w in words):
                continue  # the second line of "SharePlay Message / Ended", counted once
            if bare.startswith("Sent with ") and len(bare) < 40:
                _add(thread.removed, "iMessage effects (Sent with …)", ident)
                continue
            if re.fullmatch(r"(?:You|They|.{1,40}) deleted a message\.", bare):
                _add(thread.unread, "iMessage messages deleted or unsent", ident)
                continue
            if _IMESSAGE_FILE.fullmatch(bare):
                _add(thread.unread, "iMessage attachments: pictures, voice messages, stickers, files (not read)", ident)
                continue
            version = re.fullmatch(r"Edited .{1,60}? later: (.*)", bare)
            original = _IMESSAGE_STAMP.match(bare)
            if version or (original and original.end("stamp") < len(bare) and not edited and not kept):
                edited.append(version[1] if version else bare[original.end("stamp") :].strip())  # type: ignore[index]
                continue
            kept.append(line)
        if edited:
            if len(edited) > 1:
                thread.removed.setdefault("earlier versions of edited iMessages", []).extend([ident] * (len(edited) - 1))
            kept = [edited[-1], *kept]
        words_text = "\n".join(kept).strip()
        if not words_text:
            continue
        found.append(Message(sender, when, words_text, ident))
    if not found and not thread.unread:
        return None
    _said_before(thread, lines[: starts[0]] if starts else [], "iMessage")
    found.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    thread.messages = found
    return thread


def imessage_html(root: Any) -> Thread | None:
    """A conversation imessage-exporter wrote as ``.html`` (``<div class="message">`` with its ``timestamp``,
    ``sender`` and ``bubble``), or ``None`` when the page is not one. As :func:`imessage_text`: replies read as
    their own messages, reactions, notices and effects left out and counted, attachments and app cards counted."""
    blocks = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' message ')]")
    announcements = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' announcement ')]")
    if not blocks or not root.xpath("//span[@class='timestamp']") or not root.xpath("//span[@class='sender']"):
        return None
    thread = Thread("iMessage", [], {}, {})

    def own(element: Any, xpath: str) -> list[Any]:
        """Elements under ``element`` that are its own, not a reply's nested inside it."""
        return [found for found in element.xpath(xpath) if _message_of(found) is element]

    for note in announcements:
        stamp = note.xpath(".//span[@class='timestamp']")
        when = _imessage_time(_IMESSAGE_READ.sub("", stamp[0].text_content()).strip()) if stamp else None
        _add(thread.removed, "iMessage notices (the conversation renamed, its photo changed, people added or leaving)", f"{when:%Y-%m-%d %H:%M:%S}" if when else "?")
    found: list[Message] = []
    for block in blocks:
        stamp = own(block, ".//span[@class='timestamp']")
        sender = own(block, ".//span[@class='sender']")
        when = _imessage_time(_IMESSAGE_READ.sub("", stamp[0].text_content()).strip()) if stamp else None
        ident = f"{when:%Y-%m-%d %H:%M:%S}" if when else str(len(found) + 1)
        for _ in own(block, ".//div[@class='reaction']"):
            _add(thread.removed, "iMessage reactions (tapbacks) to messages", ident)
        if own(block, ".//*[contains(@class, 'expressive')]"):
            _add(thread.removed, "iMessage effects (Sent with …)", ident)
        parts = own(block, ".//div[@class='message_part']")
        words: list[str] = []
        for part in parts:
            bubbles = part.xpath(".//span[@class='bubble']")
            if bubbles:
                words.extend(bubble.text_content() for bubble in bubbles)
            elif part.xpath(".//img|.//video|.//audio|.//*[contains(@class, 'attachment')]|.//*[@class='app']|.//*[contains(@class, 'sticker')]"):
                _add(thread.unread, "iMessage attachments: pictures, voice messages, stickers, link and app cards (not read)", ident)
        if own(block, ".//*[@class='deleted']"):
            _add(thread.unread, "iMessage messages deleted or unsent", ident)
        subject = own(block, ".//span[@class='subject']")
        text = "\n".join(piece.strip() for piece in ([subject[0].text_content()] if subject else []) + words if piece.strip())
        if text:
            found.append(Message(sender[0].text_content().strip() if sender else "", when, text, ident))
    found.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    thread.messages = found
    return thread


def _message_of(element: Any) -> Any:
    """The nearest ``<div class="message">`` around ``element``."""
    return next((up for up in element.iterancestors() if up.tag == "div" and "message" in (up.get("class") or "").split()), None)


# --------------------------------------------------------------------------- Google Voice (Takeout)
#: What Google Voice writes as an MMS's words when it has none but its picture or card: no one's words.
_VOICE_MMS_WORDS = frozenset({"MMS Sent", "MMS Received"})
#: A reaction relayed as a text message ('Laughed at “…”', 'Loved “…”', 'Reacted 😂 to “…”'): no one's new words.
_VOICE_REACTION = re.compile(r"(?:Loved|Liked|Disliked|Laughed at|Emphasi[sz]ed|Questioned|Reacted .{1,12} to|Removed an? .{1,20} from) [“\"].*[”\"]", re.DOTALL)
#: Google Voice's call records ("Received call from", "Placed call to", "Missed call from", "Recorded call with").
_VOICE_CALL = re.compile(r"\b(Received|Placed|Missed|Recorded) call\b", re.IGNORECASE)


def _has_class(name: str) -> str:
    """An XPath test that an element's ``class`` holds ``name`` among its words."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _voice_time(element: Any) -> datetime | None:
    """The time an ``<abbr title="2023-09-01T19:29:20.270-07:00">`` gives, as the written offset's local time."""
    when = _stamp(element.get("title") or "") if element is not None else None
    return when.replace(tzinfo=None) if when else None


def _voice_sender(cite: Any) -> str:
    """A Google Voice sender: the contact's name (``fn``), else the number the export gives (``tel:+1…``)."""
    if cite is None:
        return ""
    names = cite.xpath(f".//*[{_has_class('fn')}]")
    name = " ".join(names[0].text_content().split()) if names else ""
    if name:
        return name
    tels = cite.xpath(f".//a[{_has_class('tel')}]/@href")
    return str(tels[0]).removeprefix("tel:").strip() if tels else ""


def google_voice_html(root: Any) -> Thread | None:
    """A Google Voice page from Google Takeout (``Voice/Calls/Name - Text - 2023-09-02T02_29_20Z.html``), or ``None``
    when the page is not one.

    A text conversation (an ``hChatLog``: each ``<div class="message">`` its time ``<abbr class="dt" title=…>``, its
    sender ``<cite class="sender vcard">``, its words ``<q>``) is read message by message: the sender by the contact's
    name, else the number; the phone's owner is :data:`PHONE_OWNER` (``Me``), as the export names them; the time as
    the written offset's local time. Reactions sent as texts (``Laughed at “…”``) are counted as no one's words; an
    MMS's pictures, recordings and contact cards are counted as unread (its ``MMS Sent``/``MMS Received`` placeholder
    is no one's words). A voicemail is one message of its caller, its words Google's transcript of it; a call with no
    words (placed, received, missed) is counted, a recorded call's audio is unread. The page's own lines (``Labels:``,
    ``User Deleted:``) and a group's list of members are left out.

    Examples
    --------
    >>> from lxml import html as lxml_html
    >>> page = lxml_html.fromstring(
    ...     '<div class="hChatLog hfeed"><div class="message"><abbr class="dt" title="2024-05-02T09:15:00.000-04:00">May 2</abbr>:'
    ...     '<cite class="sender vcard"><a class="tel" href="tel:+15550100"><abbr class="fn" title="">Me</abbr></a></cite>:'
    ...     '<q>How was the move?</q></div></div>'
    ... )
    >>> [(m.sender, f"{m.when}", m.text) for m in google_voice_html(page).messages]
    [('Me', '2024-05-02 09:15:00', 'How was the move?')]
    """
    logs = root.xpath(f"//div[{_has_class('hChatLog')}]")
    calls = root.xpath(f"//div[{_has_class('haudio')}]")
    if logs:
        blocks = root.xpath(f"//div[{_has_class('hChatLog')}]//div[{_has_class('message')}]")
        if blocks and not any(block.xpath(f".//abbr[{_has_class('dt')}]") for block in blocks):
            return None
        return _voice_texts(blocks)
    if calls and root.xpath(f"//*[{_has_class('published')}]") and root.xpath(f"//*[{_has_class('contributor')}]"):
        return _voice_calls(calls)
    return None


def _voice_stamp(element: Any, stamp_class: str, number: int) -> tuple[datetime | None, str]:
    """A Google Voice message's or call's time (its ``abbr`` of ``stamp_class``) and the id it is named by: the time,
    else its place in the page."""
    stamps = element.xpath(f".//abbr[{_has_class(stamp_class)}]")
    when = _voice_time(stamps[0] if stamps else None)
    return when, f"{when:%Y-%m-%d %H:%M:%S}" if when else str(number + 1)


def _voice_texts(blocks: list[Any]) -> Thread:
    thread = Thread("Google Voice", [], {}, {})
    for number, block in enumerate(blocks):
        when, ident = _voice_stamp(block, "dt", number)
        cites = block.xpath(f".//cite[{_has_class('sender')}]")
        quotes = block.xpath(".//q")
        words = ""
        if quotes:
            for br in quotes[0].xpath(".//br"):  # a line break inside the message
                br.tail = "\n" + (br.tail or "")
            words = "\n".join(" ".join(line.split()) for line in quotes[0].text_content().split("\n")).strip()
        media = block.xpath(f".//img|.//audio|.//video|.//a[{_has_class('vcard')}]")
        if media:
            _add(thread.unread, "Google Voice MMS pictures, recordings and contact cards (not read)", ident)
        if words in _VOICE_MMS_WORDS and media:
            words = ""
        if _VOICE_REACTION.fullmatch(words):
            _add(thread.removed, "Google Voice reactions sent as texts (Laughed at “…”)", ident)
            continue
        if not words:
            if not media:
                _add(thread.unread, "Google Voice messages with no words", ident)
            continue
        thread.messages.append(Message(_voice_sender(cites[0] if cites else None), when, words, ident))
    thread.messages.sort(key=lambda m: (m.when is None, m.when or datetime.min))
    return thread


def _voice_calls(records: list[Any]) -> Thread:
    thread = Thread("Google Voice", [], {}, {})
    for number, record in enumerate(records):
        when, ident = _voice_stamp(record, "published", number)
        caller = record.xpath(f".//*[{_has_class('contributor')}]")
        transcript = record.xpath(f".//*[{_has_class('full-text')}]")
        words = " ".join(transcript[0].text_content().split()) if transcript else ""
        heading = " ".join((caller[0].text_content() if caller else "").split())
        if words:  # a voicemail: the caller's words, as Google transcribed them
            thread.messages.append(Message(_voice_sender(caller[0] if caller else None), when, words, ident))
        elif record.xpath(".//audio"):  # a recorded call, or a voicemail Google did not transcribe
            kind = "recorded calls" if (_VOICE_CALL.search(heading) or ["call"])[0].lower().startswith("recorded") else "voicemails with no transcript"
            _add(thread.unread, f"Google Voice {kind} (their audio is not read: transcribe the .mp3)", ident)
        else:
            _add(thread.removed, "Google Voice calls (placed, received or missed: no words)", ident)
    return thread


# --------------------------------------------------------------------------- Signal (signal-export)
#: A message of signal-export's ``chat.md``: "[2024-01-15 10:30:05] Ali: …" (older: "[2019-05-29, 15:04] Ali: …").
_SIGNAL_LINE = re.compile(r"^\[(?P<day>\d{4}-\d{2}-\d{2}),? (?P<clock>\d{2}:\d{2}(?::\d{2})?)\] (?P<sender>[^:\n]{1,100}?): ?", re.MULTILINE)
_SIGNAL_REACTIONS = re.compile(r"\n?\(- (?P<who>.*?) -\)[ \t]*$", re.MULTILINE)
_SIGNAL_STICKER = re.compile(r"\n?\(\( (?P<what>.*?) \)\)[ \t]*")
_SIGNAL_FILE = re.compile(r"!?\[[^\]\n]*\]\((?:\.\./|\./)?(?:media|exported_stickers)/[^)\n]*\)[ \t]*|\((?:media|attachment) not exported\)[ \t]*")
#: A call as signal-export writes it ("Missed audio call", "Incoming video call (2 minutes)", "Group call"): a word of the
#: call's kind first, so that a message "call me later" or "Call back tomorrow." stays someone's words.
_SIGNAL_CALL = re.compile(
    r"(?:(?:Incoming|Outgoing|Missed|Declined|Unanswered)\s+(?:audio |video |group )?call(?: \([^)]*\)| \w+)*|(?:audio|video|group) call(?: \([^)]*\))?)\.?",
    re.IGNORECASE,
)


def _said_before(thread: Thread, lines: list[str], app: str) -> None:
    """Count the lines of words above an export's first message (a note someone wrote above it) as unread, never dropped unsaid."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            _add(thread.unread, f"lines above the first {app} message (a note above the export, no one's message)", f"line {n}")


def signal_markdown(text: str) -> Thread | None:
    """A conversation signal-export wrote as ``chat.md``, or ``None`` when the text is not one.

    Each message opens a line with its time and sender (``[2024-01-15 10:30:05] Ali: …``; the phone's owner
    is ``Me``). Left out and counted: reactions (``(- Ben: 👍 -)``), the quoted message a reply answers
    (``> …`` lines), calls; counted as unread: attachments (``![photo.jpg](./media/…)``), stickers and
    deleted messages.
    """
    starts = list(_SIGNAL_LINE.finditer(text))
    lines = [line for line in text.split("\n") if line.strip()]
    if len(starts) < 2 and not (starts and len(lines) <= 3):
        return None
    if len(starts) * 2 < len([line for line in lines if not line.startswith((">", "(-", "(("))]) * 1:
        return None  # most lines are no message of a Signal export: a transcript that quotes a few
    thread = Thread("Signal", [], {}, {})
    _said_before(thread, text[: starts[0].start()].split("\n"), "Signal")
    for n, found in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        body = text[found.end() : end]
        when = None
        try:
            when = datetime.strptime(f"{found['day']} {found['clock']}", "%Y-%m-%d %H:%M:%S" if found["clock"].count(":") == 2 else "%Y-%m-%d %H:%M")
        except ValueError:
            pass
        ident = f"{found['day']} {found['clock']}"
        body, reactions = _SIGNAL_REACTIONS.subn("", body)
        if reactions:
            thread.removed.setdefault("Signal reactions to messages", []).extend([ident] * reactions)
        body, stickers = _SIGNAL_STICKER.subn("", body)
        body, files = _SIGNAL_FILE.subn("", body)
        if stickers or files:
            _add(thread.unread, "Signal attachments and stickers: pictures, voice messages, files (not read)", ident)
        kept = []
        quoted = 0
        for line in body.split("\n"):
            if line.startswith(">"):
                quoted += 1
                continue
            kept.append(line.rstrip())
        if quoted:
            _add(thread.removed, "earlier Signal messages quoted in replies", ident)
        words = "\n".join(kept).strip()
        if words == "(This message was deleted)":
            _add(thread.unread, "Signal messages deleted", ident)
            continue
        if words and _SIGNAL_CALL.fullmatch(words) and "call" in words.lower():
            _add(thread.removed, "Signal calls", ident)
            continue
        if words:
            thread.messages.append(Message(found["sender"].strip(), when, words, ident))
    return thread


def signal_json_lines(text: str) -> Thread | None:
    """signal-export's ``data.json`` (one JSON message a line: ``date``, ``sender``, ``body``, ``quote``, ``reactions``,
    ``attachments``, ``sticker``, ``deleted``), or ``None`` when the text is not that. Read as :func:`signal_markdown`."""
    import json

    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if not isinstance(row, dict) or not {"date", "sender", "body"} <= row.keys():
            return None
        rows.append(row)
    if not rows:
        return None
    thread = Thread("Signal", [], {}, {})
    for number, row in enumerate(rows):
        when = _stamp(row.get("date"))
        when = when.replace(tzinfo=None) if when else None
        ident = f"{when:%Y-%m-%d %H:%M:%S}" if when else str(number + 1)
        if row.get("reactions"):
            thread.removed.setdefault("Signal reactions to messages", []).extend([ident] * len(row["reactions"]))
        if row.get("quote"):
            _add(thread.removed, "earlier Signal messages quoted in replies", ident)
        if row.get("deleted"):
            _add(thread.unread, "Signal messages deleted", ident)
            continue
        if row.get("call"):
            _add(thread.removed, "Signal calls", ident)
            continue
        if row.get("attachments") or row.get("sticker"):
            _add(thread.unread, "Signal attachments and stickers: pictures, voice messages, files (not read)", ident)
        words = str(row.get("body") or "").strip()
        if words:
            thread.messages.append(Message(str(row.get("sender") or ""), when, words, ident))
    return thread


def message_export_text(text: str) -> Thread | None:
    """The messages of a chat app's export written as text (imessage-exporter's ``.txt``, signal-export's
    ``chat.md``), or ``None`` when the text is no such export (WhatsApp's goes the chat-export way of ``_segment``)."""
    if _IMESSAGE_STAMP.search(text[:20000]) is not None and (thread := imessage_text(text)) is not None:
        return thread
    if _SIGNAL_LINE.search(text[:20000]) is not None:
        return signal_markdown(text)
    return None


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
        said = f"{message.place} {message.sender}" if message.place else message.sender
        heading = f"[{when:%Y-%m-%d %H:%M:%S}] {said}:" if when else f"{said}:"
        words = "\n".join(line.rstrip() for line in message.text.strip().replace("\r\n", "\n").split("\n"))
        block = f"{heading}\n{words}"
        start = length + (2 if parts else 0) + len(heading) + 1
        clock = float(when.hour * 3600 + when.minute * 60 + when.second) if when else None
        turns.append((start, start + len(words), message.sender, clock, when.date() if when else None))
        length += (2 if parts else 0) + len(block)
        parts.append(block)
    return "\n\n".join(parts), turns
