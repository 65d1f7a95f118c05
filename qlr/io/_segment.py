"""Cutting stored text into coding units (segments).

Three strategies, chosen by the kind of document:

* ``turns`` — speaker turns of an interview transcript, recognising the label
  conventions transcription services and researchers use (see
  :data:`SPEAKER_PATTERNS`), with multi-line turns and unlabelled continuation
  paragraphs kept in the turn;
* ``entries`` — dated entries of observation notes (a heading line holding a date
  opens an entry);
* ``paragraphs`` — blocks separated by blank lines.

Every segment is a ``(start, end)`` span into the stored text such that
``text[start:end]`` is its content: labels and surrounding white space excluded.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from .._ids import segment_id
from .._warned import warn
from .._words import COMMON_WORDS, count_words, english_words
from ._sections import is_wave_heading

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..study import Study

__all__ = [
    "Segment",
    "SPEAKER_PATTERNS",
    "DEFAULT_INTERVIEWER_LABELS",
    "speaker_labels",
    "role_word",
    "segment_turns",
    "segment_entries",
    "segment_paragraphs",
    "segment_lines",
    "segment_document",
    "segment_rows",
    "speaker_role",
    "strategy_for",
    "Segmentation",
    "KIND_STRATEGY",
    "SPEAKER_ROLES",
    "find_date",
]


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    speaker: str | None = None
    timestamp: float | None = None
    timestamp_end: float | None = None
    date: date | None = None


# A speaker label: up to four words, each capitalised or a number (Interviewer, I,
# P3, Dr Rachel Moss, Speaker 2, SAM, Éva, Ödön Kiss), possibly wrapped in Markdown
# bold.  Python's ``re`` has no class for upper-case letters in every script, so the
# pattern refuses only ASCII lower case (cheaply, as most lines of English prose
# start so) and ``_capitalised`` checks the case of the rest.
_PARTICLES = ("de", "van", "von", "da", "di", "le", "la")
#: A degree or title after a name and its comma, as a podcast credits its guest ("Mireille B. Reece, Psy.D:",
#: "Elisha Goldstein, PhD:", "Martin Luther King, Jr.:").
_POST_NOMINAL = r"(?:, (?:Ph\.?D|Psy\.?D|Ed\.?D|D\.?Phil|M\.?D|D\.?O|R\.?N|J\.?D|MBA|MSc|MPH|LCSW|LMFT|Esq|Jr|Sr)\.?)"
#: A name someone goes by, in brackets between a first name and a surname ("Elizabeth (Jake) Feinler", as an oral
#: history's transcript labels its narrator's first turn); never the label's last word ("Ann (Interviewer)" is an aside).
_NICKNAME = r"\([^\W\d_a-z][\w.'’-]{0,20}\)(?= [^\W\d_a-z])"
_LABEL = rf"[^\W\d_a-z][\w.'’-]{{0,30}}(?: (?:[^\W_a-z][\w.'’-]{{0,30}}|{_NICKNAME}|{'|'.join(_PARTICLES)})){{0,3}}{_POST_NOMINAL}?"
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_LOOSE_CLOCK = r"\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
#: A recording's clock, with its seconds ("00:05:00"), unlike a time of day someone says ("7:45").
_SECONDS_CLOCK = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?"
# The end of a time range after its start ("[00:00:01 --> 00:00:05]", Whisper and WhisperX's
# diarised transcripts); the start is the turn's time.
_UNTIL = rf"(?:[ \t]*(?:-->|[-–])[ \t]*{_CLOCK})?"
# What a label may say of its speaker in brackets after it: "(Interviewer)", "(Jane)", "(female, 40s)".
_ASIDE = r"(?: ?\([^()\n:]{1,40}\))?"
# Who plays a role, named after it, with a dash or without: "Community researcher – Sam:", "Peer researcher Ali:"
# (each peer researcher so). Only after a described role: a plain "Interviewer - Q1: …" or "Respondent - Sarah: …" is
# a dash-labelled transcript's turn whose words open with a colon (a reviewer's probe), not a label.
_NAMED_AFTER = rf"(?: (?:[-–—] )?{_LABEL})?"
#: What sets a label apart before and after it: Markdown's bold or italic marks, or one or two tags typed
#: by hand (``<b>``, ``<interviewer>``), bare: a web page's paragraph, link or cell (``<p align="center">``,
#: ``<a href=…>``, ``<td>``) opens a caption or a credit line, not a turn.
_LABEL_OPENS = r"(?:\*\*\*?|___?|(?:<(?!(?:p|a|div|center|font|h[1-6]|li|td|th|tr|table|blockquote|section)>)[A-Za-z][\w-]{0,30}>){1,2})"
_LABEL_CLOSES = r"(?:\*\*\*?|___?|(?:</[A-Za-z][\w-]{0,30}>){1,2})"
# Role abbreviations a transcript may end with a full stop ("Q. How long?" / "A. Ten years.").
_STOP_ROLES = r"Q|A|I|R|Int|Resp|IV|IP|P\d{1,3}"
#: The titles before a surname in capitals in a printed hearing ("Mr. NIELDS.", "Attorney General MEESE.", "The CHAIRMAN.").
_HEARING_TITLE = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Hon|Gen|Adm|Col|Capt|Maj|Gov|Prof)\.|Miss|Senator|Representative|Congressman|Congresswoman|"
    r"Chairman|Chairwoman|Chairperson|Vice Chairman|Secretary|Ambassador|Admiral|General|Colonel|Director|Governor|"
    r"Attorney General|Judge|Justice|Commissioner|Mayor|Delegate|The)"
)
#: A surname in capitals after such a title: NIELDS, McFARLANE, VAN CLEVE, O'NEILL.
_HEARING_SURNAME = r"(?:Mc|Mac)?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}"
# A name written alone on its line, in capitals: TOM, MARY JONES, DR MOSS.
_CAPITALS_NAME = r"[A-Z][A-Z.'’-]{1,30}(?: [A-Z][A-Z.'’-]{0,30}){0,2}"
#: A voice's initials in capitals, as a focus group's transcript labels its members ("P", "MP", "FCH", "TODOS").
_INITIALS = r"[A-ZÀ-ÖØ-Þ]{1,6}\d{0,2}"
# Such a name pseudonymised, bracketed and numbered as qlr writes it in capitals ("NORA" is "[MEMBER 1]"); not any
# bracketed capitals ("[LAUGHTER]", "[INAUDIBLE]" over the words are no one).
_CAPITALS_PSEUDONYM = r"\[[A-Z][A-Z'’-]{1,30}(?: [A-Z][A-Z'’-]{1,30}){0,2} \d{1,4}\]"
# A speaker-diarisation label (pyannote's "SPEAKER_00", as aTrain and WhisperX write it; "Speaker 1").
_DIARISED = r"(?i:speaker)[ _]?\d{1,3}"
# Who plays the asking role, written before its word by a participatory study's team ("Peer researcher",
# "Community researcher", "Lay interviewer", "Co-facilitator"): the label is that role's.
_ROLE_DESCRIPTORS = "peer|community|lay|co|lead|assistant|senior|junior|citizen|user|youth|student|field|principal|patient|public"
#: The asking roles such a word describes; a research assistant ("Peer Research Assistant:") asks as the researcher.
_DESCRIBED_NOUNS = "interviewer|researcher|facilitator|moderator|research assistant"
# Spanish and Portuguese write who plays the role after its word ("Investigadora comunitaria:", "Investigadora par:",
# "Pesquisadora comunitária:").
_ROLES_DESCRIBED_AFTER = "investigador|investigadora|entrevistador|entrevistadora|pesquisador|pesquisadora"
_DESCRIPTORS_AFTER = "comunitari[oa]|comunitári[oa]|par|pares|de pares|colaborador|colaboradora"
_DESCRIBED_ROLE = rf"(?:(?:{_ROLE_DESCRIPTORS})[ -](?:{_DESCRIBED_NOUNS})|(?:{_ROLES_DESCRIBED_AFTER}) (?:{_DESCRIPTORS_AFTER}))"
# Role words a transcript may write in any case and number ("interviewer:",
# "Interviewer 2:", "INT2:", "Respondent1 :", "Peer researcher:").
# A voice a focus group's transcriber could not name, described instead ("Unidentified female:", "Female participant:",
# "Male voice:", "Another speaker:"): in any case, as the role words are.
_DESCRIBED_VOICE = r"(?:unidentified|unknown|other|another|female|male) (?:male|female|man|woman|speaker|voice|participant|respondent)"
_ROLE_WORDS = rf"(?i:(?:{_DESCRIBED_ROLE}|{_DESCRIBED_VOICE}|interviewer|interviewee|respondent|moderator|facilitator|participant|researcher|note[ -]?taker|protokollant(?:in)?|int|resp|mod)(?: ?\d{{1,3}})?)"

# A chat export's stamp (WhatsApp on Android "12/03/2024, 14:03 - ", on iOS "[12/03/2024, 14:03:22] ",
# in any locale's order and separators, with "2:03 PM" times); iOS marks attachments with U+200E.
_CHAT_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}"
_CHAT_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \u202f\u00a0]?[AaPp]\.?[ \u202f\u00a0]?[Mm]\.?)?"
# iOS writes U+200E before the sender's name too ("] \u200eMarlene: …") where the message is an attachment:
# the mark is no part of the name, else one person would be two senders.
_CHAT_STAMP = rf"[\u200e \t]*\[?(?P<date>{_CHAT_DATE}),?[ \t]+(?P<time>{_CHAT_TIME})(?:\]|[ \t]+[-–])[ \t]+\u200e?"

#: Markdown heading marks before a turn tagged as XML: a write-up sets each tagged question as a heading
#: ("## <entrevistadora>Onde cresceste?</entrevistadora>") over the tagged answer.
_TAG_HEADING = r"#{1,6}[ \t]+(?=<)"
#: HTML's element names: "<p> …" or "<div> …" at a line's start is markup, not a chat nick.
_HTML_ELEMENTS = (
    r"(?i:p|br|hr|div|span|a|b|i|u|s|em|strong|small|big|sub|sup|li|ul|ol|dl|dt|dd|table|tr|td|th|tbody|thead|img|"
    r"h[1-6]|html|head|body|title|script|style|pre|code|blockquote|font|center|nav|section|article|header|footer|main)"
)

#: Built-in speaker-label conventions, tried in order on each line.  Each names
#: the groups ``speaker`` and, where the convention has one, ``time`` (and ``date``).
SPEAKER_PATTERNS: dict[str, re.Pattern[str]] = {
    # A chat export's messages: "12/03/2024, 14:03 - Tom Brown: …", "[12/03/2024, 14:03:22] Tom Brown: …".
    # The sender is any contact name (a phone number, lower case, an emoji) up to the first ": ".
    "chat": re.compile(rf"^{_CHAT_STAMP}(?P<speaker>[^:\"“”\n]{{1,60}}?):[ \t]+", re.MULTILINE),
    # [00:01:23] Name:   (00:01:23) Name:   00:01:23 Name:   [00:00:01 --> 00:00:05] [SPEAKER_00]: (Whisper's, the label bracketed)
    # (0:31) **Andrés:**  (a student's Markdown of a recording's transcript: the time, then the label in bold as
    # "**Name:**" sets it, and each later line of the turn opens with its own time)
    "time_name": re.compile(
        rf"^[ \t]*[\[(]?(?P<time>{_CLOCK}){_UNTIL}[\])]?[ \t]*(?:\*\*|__)?\[?(?P<speaker>{_LABEL})\]?[ \t]*(?:[:：](?:\*\*|__)?|(?:\*\*|__)[:：])[ \t]*",
        re.MULTILINE,
    ),
    # NAME (00:01:23):   Name [00:01:23]:
    "name_time": re.compile(
        rf"^[ \t]*\[?(?P<speaker>{_LABEL})\]?[ \t]*[\[(](?P<time>{_CLOCK}){_UNTIL}[\])][ \t]*[:：]?[ \t]*",
        re.MULTILINE,
    ),
    # Otter-style heading line: "Speaker 1  0:03" with the words on the next lines
    "name_clock_line": re.compile(rf"^(?P<speaker>{_LABEL})[ \t]{{2,}}(?P<time>{_CLOCK})[ \t]*$", re.MULTILINE),
    # The time, then the name, alone on a line above the words (Word's Transcribe "00:00:07 Speaker 2",
    # Trint "[00:00:07] Tom Brown", Happy Scribe "[00:00:07.00] - Speaker 2"); only where two take turns
    # tl;dv's "@0:25 - Lloyd Ian (lloyd@example.com)": the time after an at sign, the e-mail address no part of the name
    "clock_name_line": re.compile(
        rf"^[ \t]*@?[\[(]?(?P<time>{_CLOCK})[\])]?[ \t]*(?:[-–—|][ \t]*)?(?P<speaker>{_ROLE_WORDS}|{_LABEL})(?:[ \t]+\([^()@\n]{{1,64}}@[^()\n]{{1,128}}\))?[ \t]*(?=\r?\n[ \t]*\S)",
        re.MULTILINE,
    ),
    # "Tom 00:07" above the words (one space; Otter's two spaces are above), right above them or over one blank line
    # (a podcast's edited transcript: "Stephan Livera 00:02:14", a blank line, the words); only where two take turns
    "name_space_clock_line": re.compile(rf"^(?P<speaker>{_ROLE_WORDS}|{_LABEL}) (?P<time>{_CLOCK})[ \t]*(?=\r?\n(?:[ \t]*\r?\n)?[ \t]*\S)", re.MULTILINE),
    # "[Tom Brown] 14:03:22" above the words (Zoom's saved captions); only where two take turns
    "bracket_name_clock_line": re.compile(rf"^[ \t]*\[(?P<speaker>{_LABEL})\][ \t]+(?P<time>{_CLOCK})[ \t]*(?=\r?\n[ \t]*\S)", re.MULTILINE),
    # A time range over the name over the words, as Microsoft Teams wrote transcripts into Word
    # ("0:0:4.150 --> 0:0:9.320" / "Tom Brown" / words; its clock has one-digit fields)
    "range_over_name": re.compile(
        rf"^[ \t]*(?P<time>{_LOOSE_CLOCK})[ \t]*-->[ \t]*{_LOOSE_CLOCK}[ \t]*\r?\n[ \t]*(?P<speaker>{_ROLE_WORDS}|{_LABEL})[ \t]*(?=\r?\n[ \t]*\S)",
        re.MULTILINE,
    ),
    # The name on one line, the time alone on the next, the words below; only where two take turns
    "name_over_clock": re.compile(
        rf"^[ \t]*(?P<speaker>{_ROLE_WORDS}|{_LABEL})[ \t]*\r?\n[ \t]*[\[(]?(?P<time>{_CLOCK})[\])]?[ \t]*(?=\r?\n[ \t]*\S)",
        re.MULTILINE,
    ),
    # Interviewer:  I:  Q:  R:  P3:  **Name:**  Name:  李明：(a full-width colon needs no space after it)
    # >> NAME:  (broadcast captions)
    # Jane (Interviewer):  Interviewer (Jane):  Participant 3 (female, 40s):
    # ***Name:***  (bold italic in Markdown, as a Polish interview published on a project's site is written)
    # **Name:**"Oh, wait…"  **Name:**...the view  (a bold label whose turn opens with a quote or an ellipsis typed
    # against it, as a podcast's Markdown has it)
    # ### Interviewer: Maria Lewalska  (a Markdown heading declaring a role, over turns labelled by name;
    # only a role word is a label so: "## Topic: Housing" stays a heading)
    # <b>Name:</b>  <strong>Name</strong>:  <interviewer>Name</interviewer>:  (a label set in tags by hand, as
    # Markdown's ** sets it: one or two tags around it, "<question><interviewer>Name</interviewer>:")
    "name": re.compile(
        rf"^[ \t]*(?:>>[ \t]*|#{{1,6}}[ \t]+)?{_LABEL_OPENS}?(?P<speaker>(?:(?i:{_DESCRIBED_ROLE}){_NAMED_AFTER}|{_ROLE_WORDS}|{_LABEL}){_ASIDE}){_LABEL_CLOSES}?[ \t]*(?::{_LABEL_CLOSES}?(?:[ \t]+|$)|:{_LABEL_CLOSES}(?=[\"“‘…]|\.\.\.)|：{_LABEL_CLOSES}?[ \t]*)",
        re.MULTILINE,
    ),
    # [Kwame]: …  [SPEAKER_00]: …  (an anonymised transcript's pseudonym in brackets, a diarisation tool's label
    # written out): the colon makes it a label as "Name:" is; "[Gwen] asked me" and "[city]" stay words, and so
    # does a Markdown link's reference ("[Report]: https://…")
    "bracketed_colon": re.compile(rf"^[ \t]*\[(?P<speaker>{_ROLE_WORDS}|{_DIARISED}|{_LABEL})\][ \t]*[:：](?![ \t]*<?[A-Za-z][\w+.-]*://)[ \t]*", re.MULTILINE),
    # A bold label in Markdown whose words are not all capitalised, alone on its line above the words:
    # "**Rocío o Natalia:**", "**Alguien del equipo:**" (a meeting's notes, among "**Nicolás:**" labels);
    # "**The main thing:** we got …" in a turn is its speaker's words
    "md_bold_phrase": re.compile(
        r"^[ \t]*\*\*(?P<speaker>[^\W\d_a-z][\w'’.-]*(?: \(?[\w'’.-]+\)?){1,4})[ \t]*(?::\*\*|\*\*[ \t]*:)[ \t]*(?=\r?\n)",
        re.MULTILINE,
    ),
    # A bold name and its time in Markdown: "**Emma** [0:00] Today we're …" (podcast and web transcripts),
    # also as a heading with the time linked to the recording: "##### **Chenyu** [[00:00:04](https://…&t=4)]"
    # and the bold around both: "**I [00:00:00]**", "**I:[00:00:05]**" (German interview transcripts in Markdown)
    # and the time in brackets inside the bold with the colon: "**Bin (04:43):**", "**Clerk (Interviewer) (00:02):**"
    # (a capstone report's interview transcripts, converted from PDF to Markdown)
    "md_bold_time": re.compile(
        rf"^[ \t]*(?:#{{1,6}}[ \t]+)?\*\*(?P<speaker>(?:{_ROLE_WORDS}|{_LABEL}){_ASIDE})(?:\*\*[ \t]*[\[(]|[ \t]*:?[ \t]*\[(?=\d)|[ \t]+\((?=\d))\[?(?P<time>{_CLOCK}){_UNTIL}(?:\]\([^()\s]*\))?[\])](?:[:：]?\*\*[:：]?)?[ \t]*",
        re.MULTILINE,
    ),
    # A name in brackets, in bold, before the words: "**(Kelly)** Welcome to the show!" (podcast transcripts
    # in Markdown); only where two such labels take turns
    # A bold name before the words without a colon: "**Interviewer** In principe is het gesprek …" (a thesis's
    # transcripts in Markdown); only where two such labels take turns ("**Note** the room was cold" is prose)
    # and its time before it, "0:00:36.2 **Adam Garrett-Harris** I'm Adam." (a podcast's transcripts, Orbit FM's)
    "md_bold_name": re.compile(rf"^[ \t]*(?:(?P<time>{_CLOCK})[ \t]+)?\*\*(?P<speaker>{_ROLE_WORDS}|{_LABEL})\*\*[ \t]+(?=[^\s:：])", re.MULTILINE),
    "md_bold_bracketed": re.compile(rf"^[ \t]*\*\*\((?P<speaker>{_ROLE_WORDS}|{_LABEL})\)\*\*[ \t]*[:：]?[ \t]+", re.MULTILINE),
    # Zoom's saved chat: "14:03:22 From Tom Brown to Everyone: …" (or the words on the next line,
    # indented), and its older "14:03:22	 From  Tom Brown : …"
    "zoom_chat": re.compile(
        rf"^[ \t]*(?P<time>{_CLOCK})[ \t]+From[ \t]+(?P<speaker>[^\n:]{{1,60}}?)(?:[ \t]+to[ \t]+[^\n:]{{1,80}}?)?[ \t]*:[ \t]*(?:\r?\n[ \t]+)?",
        re.MULTILINE,
    ),
    # I:So how …  R:we do …  (a role label typed with no space after its colon, a letter after it)
    "role_tight": re.compile(rf"^[ \t]*(?P<speaker>{_ROLE_WORDS}|{_STOP_ROLES})[:：](?=[^\W\d_])", re.MULTILINE),
    # <Interviewer> …  <Tom> …  [14:03] <maria_k> …  (an online chat interview's log, IRC-style: a nick in
    # any case, an operator's "@" or a voiced "+" before it left out; kept only where two such labels take turns).
    # A turn tagged as XML is ("<entrevistado>Words</entrevistado>", "<entrevistado>" over its lines) where the
    # text closes the tag somewhere (see _turns): the words may then touch the tag or start on the next line.
    # The interviewer's tagged questions may be set as Markdown headings ("## <entrevistadora>Onde cresceste?</…>").
    "angled": re.compile(
        rf"^[ \t]*(?:{_TAG_HEADING})?(?:[\[(]?(?P<time>{_CLOCK})[\])]?[ \t]+)?<[@+%&~]?(?!{_HTML_ELEMENTS}>)(?P<speaker>{_ROLE_WORDS}|{_LABEL}|[^\W\d][\w.|^`-]{{0,29}})>(?:[ \t]+|(?=[^\s>])|[ \t]*(?=\r?\n))",
        re.MULTILINE,
    ),
    # Interviewer - …   Tom – …   (a dash after the label; kept only where two such labels take turns)
    "name_dash": re.compile(rf"^[ \t]*(?P<speaker>{_ROLE_WORDS}|{_LABEL}) [-–—] (?=\S)", re.MULTILINE),
    # P= …  AL = …  VG =  (alone on its line, the words below)  P-COMO VEN …  MP- A NIVEL …  (a focus group's
    # transcript typed in Word: each voice's initials, then "=" or a dash against them, as Argentine focus groups
    # are written); only initials in capitals or a role word, only where two such labels take turns, asking. A dash
    # right against the words needs them to open in capitals ("P-COMO", "L-Para mí"): "UK-based firms" is prose.
    # "x = 3", "A = Anna" in a key, "E-mail", "COVID-19" and "T-shirt" in a list are no such turns.
    "initials_mark": re.compile(rf"^[ \t]*(?P<speaker>{_ROLE_WORDS}|{_INITIALS})(?:[ \t]*=(?![=>])[ \t]*(?=[^\s\d]|\r?\n|$)|[-–](?:[ \t]+(?=[^\s\d])|(?=[^\W\d_a-zß-öø-ÿ]|[¿¡\"“«(\[…])|[ \t]*(?=\r?\n|$)))", re.MULTILINE),
    # [Interviewer] …   [Tom] …
    # [Interviewer] …   [Tom] …   [id1] …  (QualCoder's example focus group: participant codes in lower case)
    "bracketed": re.compile(rf"^[ \t]*\[(?P<speaker>{_ROLE_WORDS}|{_LABEL}|[a-z]{{1,4}}\d{{1,3}})\][ \t]+", re.MULTILINE),
    # [Speaker 2]  alone on its line over the words, as TurboScribe labels its numbered voices ("[Speaker 1]" over a
    # paragraph, "[Speaker 4]" over the next); a role word so too ("[Interviewer]"). Only a numbered voice or a role
    # word: "[Chorus]" over a song's lines or "[Photo]" over a caption is no one; only where two such labels take turns.
    "bracketed_line": re.compile(rf"^[ \t]*\[(?P<speaker>{_ROLE_WORDS}|{_DIARISED})\][ \t]*(?=\r?\n[ \t]*\S)", re.MULTILINE),
    # admin-1: …  p01: …  resp_3: …  (a pseudonym's code in lower case, as qc's demo writes "admin-1:" beside
    # "Max Bigman:"); roasbeef: …  adam3us: …  (an online handle, as chat and podcast transcripts label a guest);
    # kept only where the same code or handle opens three lines or more, taking turns (:func:`_keep_code_names`);
    # a handle only at the line's very start (an indented "  label: …" is a YAML file's key)
    # "danah:" alone on its line over the words, among "Rebecca:" lines so (a podcast's transcript, the guest writing her
    # name in lower case): the words on the next line, not indented and no list's item (a YAML key's block is indented)
    "code_name": re.compile(r"^(?:(?=[ \t]*[a-z]{1,10}[-_]?\d{1,3}[ \t]*:)[ \t]*)?(?P<speaker>[a-z]{1,10}[-_]?\d{1,3}|[a-z][a-z0-9_]{2,24})[ \t]*:(?:[ \t]+|[ \t]*(?=\r?\n(?![-*+>#|`])\S))", re.MULTILINE),
    # Q. …  A. …  Int. …  (court and oral-history style; kept only where two such labels take turns)
    "role_stop": re.compile(rf"^[ \t]*(?P<speaker>{_STOP_ROLES})\.[ \t]+", re.MULTILINE),
    # Mr. NIELDS. In Nicaragua?  Chairman INOUYE. The hearing will …  The CHAIRMAN.  (a hearing as the US Congress
    # prints it: a title, the surname in capitals, a full stop; the words after it, opening as a sentence does, or on
    # the lines below); kept only where two such labels take turns, each opening its own sentence (see _turns and
    # _take_turns_talking): "Mr. Smith. He came", "Dr. MOSS." once and "…I asked after\nMr. SMITH. again." are words
    "title_capitals_stop": re.compile(
        rf"^[ \t]*(?:\*\*|__)?(?P<speaker>{_HEARING_TITLE} {_HEARING_SURNAME}(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?)(?:\*\*|__)?\.(?:\*\*|__)?(?:[ \t]+(?=[A-Z\u00c0-\u00de0-9$£€\"“‘'(\[¿¡…])|[ \t]*(?=\r?\n[ \t]*\S))",
        re.MULTILINE,
    ),
    # A Markdown heading that is only a name, the words below it ("### Interviewer" over a paragraph,
    # "### Systems Developer" over the next), as transcripts converted to Markdown are laid out; only
    # where two such headings take turns ("## Background", "## Findings" once each are sections)
    # and with the recording's time after the name ("### Interviewer (00:03)", "### Expert (02:10)"), as a thesis's
    # expert interviews cleaned into Markdown set each turn, some headings with a time and some without
    "md_heading_name": re.compile(rf"^ {{0,3}}#{{1,6}}[ \t]+(?P<speaker>{_ROLE_WORDS}|{_LABEL})(?:[ \t]+[\[(](?P<time>{_CLOCK})[\])])?[ \t]*(?=\r?\n)", re.MULTILINE),
    # Otter's heading without its time: "Jon Lawitts" and two spaces alone on a line, the words below
    # (Otter writes "Name  0:03" with times, "Name  " without); only where two such names take turns
    "name_spaces_line": re.compile(rf"^(?P<speaker>{_ROLE_WORDS}|{_DIARISED}|{_LABEL})[ \t]{{2,}}(?=\r?\n[ \t]*\S)", re.MULTILINE),
    # Screenplay style: the speaker's name alone on a line (in capitals, or a role word), the words below.
    "name_line": re.compile(rf"^[ \t]*(?P<speaker>{_ROLE_WORDS}|{_DIARISED}|{_CAPITALS_NAME}|{_CAPITALS_PSEUDONYM})[ \t]*(?=\r?\n[ \t]*\S)", re.MULTILINE),
}
#: The conventions whose labels count only where two of them take turns (see ``_turns``).
_PAIRED_ONLY = ("bracketed", "bracketed_line", "md_bold_name", "md_bold_bracketed", "angled", "role_stop", "title_capitals_stop", "md_heading_name", "name_spaces_line", "name_line", "name_dash", "initials_mark", "clock_name_line", "name_space_clock_line", "bracket_name_clock_line", "name_over_clock")

def _combine(patterns: dict[str, re.Pattern[str]]) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, str | None]]]:
    """One alternation of the built-in conventions, so a document is scanned once.

    Group names get a per-alternative suffix (``speaker_0``, ``time_0``…); a final
    empty group ``end_N`` records which alternative matched (``lastgroup``).  The
    scanning pattern starts with a literal newline, which lets the regex engine
    skip straight from line to line; the first line is matched separately.
    """
    parts = []
    groups: dict[str, tuple[str, str | None]] = {}
    for index, pattern in enumerate(patterns.values()):
        body = pattern.pattern.lstrip("^")
        for group in ("speaker", "time", "date"):
            body = body.replace(f"(?P<{group}>", f"(?P<{group}_{index}>")
        parts.append(f"(?:{body}(?P<end_{index}>))")
        groups[f"end_{index}"] = (f"speaker_{index}", f"time_{index}" if "time" in pattern.groupindex else None)
    alternation = "|".join(parts)
    return re.compile(rf"\n(?:{alternation})", re.MULTILINE), re.compile(alternation, re.MULTILINE), groups


_BUILTIN_LABELS, _BUILTIN_FIRST_LINE, _ALTERNATIVES = _combine(SPEAKER_PATTERNS)
#: The ``end_N`` groups of the conventions in ``_PAIRED_ONLY``.
_PAIRED_GROUPS = frozenset(f"end_{index}" for index, name in enumerate(SPEAKER_PATTERNS) if name in _PAIRED_ONLY)
_NAME_LINE_GROUP = f"end_{list(SPEAKER_PATTERNS).index('name_line')}"
_NAME_SPACES_GROUP = f"end_{list(SPEAKER_PATTERNS).index('name_spaces_line')}"
_TIME_NAME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('time_name')}"
#: Otter's "Name  0:03" (two spaces) and its one-space spelling "Name 0:03": one convention typed two ways.
_CLOCK_LINE_GROUPS = {f"end_{list(SPEAKER_PATTERNS).index('name_clock_line')}": f"end_{list(SPEAKER_PATTERNS).index('name_space_clock_line')}"}
_NAME_TIME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('name_time')}"
_BOLD_PHRASE_GROUP = f"end_{list(SPEAKER_PATTERNS).index('md_bold_phrase')}"
_CHAT_GROUP = f"end_{list(SPEAKER_PATTERNS).index('chat')}"
_CODE_NAME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('code_name')}"
_TITLE_STOP_GROUP = f"end_{list(SPEAKER_PATTERNS).index('title_capitals_stop')}"
_INITIALS_GROUP = f"end_{list(SPEAKER_PATTERNS).index('initials_mark')}"
_BOLD_TIME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('md_bold_time')}"
#: A time in round brackets inside a label's bold, before the bold closes ("**Bin (04:43):**").
_TIME_IN_BOLD_BRACKETS = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?\*\*[^*\n]*\(\d")
_HEADING_NAME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('md_heading_name')}"
#: How the line before a printed hearing's label ends when the label opens a turn: a sentence's end, a closing
#: quote, bracket or emphasis, a broken-off question's dash ("Were you—"); "…was sent to" runs on into "Dr. JONES."
_SENTENCE_ENDS = (".", "?", "!", "…", ":", ";", '"', "”", "’", "'", ")", "]", "*", "_", ">", "-", "–", "—", "？", "！", "。")
_NAME_GROUP = f"end_{list(SPEAKER_PATTERNS).index('name')}"
_ROLE_STOP_GROUP = f"end_{list(SPEAKER_PATTERNS).index('role_stop')}"
#: Lower-case codes of one family ("p01:", "p02:") are speakers only where together they open at least this many lines.
_CODE_NAME_TURNS = 3
#: A chat log's time is the clock's ("[14:03] <Owen>" is 14:03, not 14 minutes in).
_ANGLED_GROUP = f"end_{list(SPEAKER_PATTERNS).index('angled')}"
# "S01: [00:00:12] …" (noScribe), "SPEAKER_00⏎[00:00:01] - …" (aTrain): the turn's time opening its words.
# "Speaker 0: 00:00:16" over the words (tstbtc's Markdown): a time alone after the label, the line ending there.
# Only a clock with seconds: "Jane: 10:30" answers a question, "Speaker 0: 00:00:16" is a recording's time.
# Markdown bold closing after the time ("**Megan: [00:00:00]** Hello", "__Megan: [00:00:00]__", a Trint export) is no one's words.
# A time in braces after the label ("Speaker 2:  { 0:55 }" over the words, a transcription app's export) is the same.
_TIME_AFTER_LABEL = re.compile(rf"[ \t]*(?:(?:\r?\n[ \t]*)?(?:\[(?P<time>{_CLOCK})\]|\{{[ \t]*(?P<braced>{_CLOCK})[ \t]*\}})(?:\*\*|__)?[ \t]*(?:[-–][ \t]+)?|(?P<bare>{_SECONDS_CLOCK})(?:\*\*|__)?[ \t]*(?=\r?\n))")
#: A time in minutes alone after a label, its line ending there ("Travis: 0:53", a podcast's web page).
_MINUTES_AFTER_LABEL = re.compile(r"[ \t]*(?P<bare>\d{1,3}:\d{2})[ \t]*(?=\r?\n)")


def _minutes_after_labels(text: str, found: dict[int, tuple[int, int, str, float | None, bool]]) -> None:
    """Read "Name: 0:53" over the words as the turn's time where it is the document's way (in place).

    "Jane: 10:30" may answer a question, so a time without seconds is the recording's only
    where most labels carry one, two labels come back (an agenda's "Briefing: 9:20" items do
    not) and the times never go back (three at least).
    """
    stamped = {start: stamp for start, entry in found.items() if entry[3] is None and (stamp := _MINUTES_AFTER_LABEL.match(text, entry[1]))}
    if len(stamped) < 3 or len(stamped) * 2 <= len(found):
        return
    # People take turns: two labels at least come back ("Arrived: 9:05", "Briefing: 9:20" are an agenda's items).
    if sum(1 for count in Counter(found[start][2] for start in stamped).values() if count >= 2) < 2:
        return
    seconds = {start: _clock_seconds(stamped[start].group("bare")) or 0.0 for start in sorted(stamped)}
    in_order = list(seconds.values())
    if any(later < earlier for earlier, later in zip(in_order, in_order[1:])):
        return
    for start, stamp in stamped.items():
        line_start, _, speaker, _, _ = found[start]
        found[start] = (line_start, stamp.end(), speaker, seconds[start], True)


#: Overlapping speech written inside another's turn, as noScribe does: "… //S02: Ist das herrlich. // …".
# Not after a word, a colon or a slash (not "https://example.org//…"); the closing "//" may open the next
# overlap ("//S00: So genau. //S02: Also. //"): it is left for it.
_OVERLAP = re.compile(
    rf"(?<![\w:/])//[ \t]*(?P<speaker>{_LABEL})[ \t]*:[ \t]*(?P<words>[^\n]*?)[ \t]*(?:(?=//[ \t]*{_LABEL}[ \t]*:)|//)"
)
_CHAT_DATE_GROUP = f"date_{list(SPEAKER_PATTERNS).index('chat')}"
#: What a chat export writes in place of a message it leaves out (WhatsApp on Android and iOS).
# In the phone's language too (German, French, Spanish, Portuguese, Italian, Dutch, Japanese), and a
# file sent with the export ("IMG-20241201-WA0001.jpg (file attached)").
_CHAT_PLACEHOLDER = re.compile(
    r"[\u200e\s]*(?:<Media omitted>|<attached: [^>\n]*>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted|"
    r"This message was deleted\.?|You deleted this message\.?|null|Missed (?:voice|video) call|"
    r"[<‹](?:Medien ausgelassen|Medien ausgeschlossen|Médias omis|Multimedia omitido|Mídia oculta|Arquivo de mídia oculto|Media omessi|"
    r"Media weggelaten|Medya dahil edilmedi|Medya çıkarıldı|メディアなし)[>›]|"
    # iOS names an attached file in the phone's language: "<attached: 00000021-PHOTO-….jpg>", "<Anhang: …vcf>",
    # "<pièce jointe : …>"; a bracket, a word or two, a colon and a file name, whatever the words.
    r"<[^<>:\n]{1,40}:[ \t]*[^\s<>]+\.[A-Za-z0-9]{1,5}>|"
    r"(?:Bild|Video|Audio|Sticker|GIF|Dokument|Kontaktkarte) weggelassen|"
    r"(?:imagen|video|audio|sticker|GIF|documento) omitid[oa]|(?:görüntü|video|ses|GIF|çıkartma|belge) dahil edilmedi|"
    r"Du hast diese Nachricht gelöscht\.?|Vous avez supprimé ce message\.?|Message supprimé\.?|Eliminaste este mensaje\.?|"
    r"Has eliminado este mensaje\.?|Bu mesaj silindi\.?|Bu mesajı sildiniz\.?|הודעה זו נמחקה\.?|"
    r"Diese Nachricht wurde gelöscht\.?|Ce message a été supprimé\.?|Se eliminó este mensaje\.?|Este mensaje fue eliminado\.?|"
    r"Esta mensagem foi apagada\.?|Mensagem apagada\.?|Questo messaggio è stato eliminato\.?|Dit bericht is verwijderd\.?|"
    r"[^\s<>]+\.(?:jpe?g|png|gif|webp|heic|mp4|3gp|mov|opus|m4a|mp3|ogg|aac|pdf|docx?|xlsx?|pptx?|vcf|txt|zip) "
    r"\((?:file attached|Datei angehängt|fichier joint|archivo adjunto|arquivo anexado|file allegato|bestand bijgevoegd|ファイル添付)\))[\u200e\s]*",
    re.IGNORECASE,
)
#: The mark an edited message ends with, in the phone's language ("<This message was edited>", "<Diese Nachricht
#: wurde bearbeitet>", "<Se editó este mensaje.>", "<Ce message a été modifié>"): the export's, not the sender's words.
_CHAT_EDITED = re.compile(
    r"[\u200e ]*<(?:This message was edited|Diese Nachricht wurde bearbeitet|Se editó este mensaje\.?|Ce message a été modifié|"
    r"Mensagem editada|Questo messaggio è stato modificato|Dit bericht is bewerkt|Bu mesaj düzenlendi)>[\u200e\s]*",
    re.IGNORECASE,
)
#: A chat export's line with a stamp and no sender ("12/03/2024, 14:05 - Tom joined using this group's invite link").
_CHAT_EVENT = re.compile(rf"^{_CHAT_STAMP}", re.MULTILINE)


#: Labels taken as the interviewer's unless the manifest says otherwise.
#: The same roles in the languages of transcripts qlr meets most (German, French, Spanish and
#: Portuguese, Italian, Dutch, the Nordic languages, Polish), feminine forms too; a participant
#: needs no word of its own.
_INTERVIEWER_WORDS_ABROAD = (
    "interviewerin", "forscher", "forscherin", "moderatorin",
    "enquêteur", "enquêtrice", "intervieweur", "intervieweuse", "modérateur", "modératrice", "chercheur", "chercheuse",
    "entrevistador", "entrevistadora", "moderador", "moderadora", "presentador", "presentadora", "facilitador", "facilitadora", "coordinador", "coordinadora", "pesquisador", "pesquisadora", "investigador", "investigadora",
    "intervistatore", "intervistatrice", "ricercatore", "ricercatrice",
    "onderzoeker",
    "intervjuare", "intervjuer", "haastattelija", "badacz", "badaczka", "ankieter", "ankieterka", "prowadząca", "prowadzący",
    "采访者", "访谈者", "访问者", "インタビュアー", "聞き手",
    "인터뷰어", "면담자", "질문자", "연구자", "조사자", "사회자", "진행자",  # Korean: interviewer, researcher, moderator
)
#: Who takes the notes for the research team and speaks now and then ("Notetaker:", a German interview's
#: "Protokollant:"): not a case, so their words are the asking side's, as a co-interviewer's are, never a
#: participant's. An observer is left out: qlr's observer writes field notes, which are evidence.
_NOTE_TAKER_WORDS = ("notetaker", "note taker", "note-taker", "protokollant", "protokollantin", "protokollführer", "protokollführerin")
#: A participant's role word in the same languages (header lines: "Entrevistada: Vero Saldaña").
_PARTICIPANT_WORDS_ABROAD = (
    "befragte", "befragter", "interviewte", "interviewter", "enquêté", "enquêtée", "entrevistado", "entrevistada",
    "participante", "participantes", "partecipante", "partecipanti", "teilnehmer", "teilnehmerin", "teilnehmende",
    "interviewé", "interviewée", "interviewe", "intervistato", "intervistata", "geïnterviewde", "intervjuperson", "informant", "haastateltava", "rozmówca", "rozmówczyni",
    "受访者", "被访者", "インタビュイー", "話し手",
    "인터뷰이", "구술자", "피면담자", "응답자", "참여자", "참가자", "연구참여자",  # Korean: interviewee, narrator, respondent, participant
)
#: "Question" in those languages: the label of the interviewer's turns where a transcript is written as
#: question and answer ("Pergunta:" / "Resposta:", "Pregunta:" / "Respuesta:", "Frage:" / "Antwort:"), as
#: "Q:" is in English. A role only: such a word is a speaker where it recurs, not once ("Frage: …" in a memo).
_QUESTION_WORDS_ABROAD = ("pergunta", "pregunta", "frage", "domanda", "vraag", "pytanie", "fråga", "spørsmål", "spørgsmål")
#: "Answer" in English and those languages: the participant's side of such a transcript, as a markup
#: element's name (``<pergunta>…</pergunta><resposta>…</resposta>``, ``<question>``/``<answer>``).
ANSWER_WORDS = frozenset(
    {"answer", "resposta", "respuesta", "antwort", "risposta", "antwoord", "réponse", "reponse", "odpowiedź", "odpowiedz", "svar"}
)
#: "Question" as such an element's name: English and French, and the words above; a label of the interviewer's
#: turns, "Question:" in English where it takes turns with "Answer:" or spells out "Q:" (_question_answer_labels).
QUESTION_WORDS = frozenset({"question", *_QUESTION_WORDS_ABROAD})
DEFAULT_INTERVIEWER_LABELS = frozenset(
    # "ivr", "enq": the interviewer's codes in sociolinguistic interviews (FAVE's TextGrid tiers; the French
    # corpora's enquêteur, CFPP's and ESLO's "Mat Pires (ENQ)").
    {"interviewer", "int", "i", "q", "iv", "ivr", "enq", "researcher", "moderator", "mod", "facilitator", *_INTERVIEWER_WORDS_ABROAD, *QUESTION_WORDS, *_NOTE_TAKER_WORDS}
)

# Labels accepted even when they appear once: the common transcript roles.
_ROLE_LABEL = re.compile(
    rf"^(?:{_DESCRIBED_ROLE}|(?:interviewer|interviewee|int|iv|ivr|enq|resp|respondent|participants?|researcher|moderator|mod|facilitator|"
    + "|".join(_INTERVIEWER_WORDS_ABROAD)
    + "|"
    + "|".join(_NOTE_TAKER_WORDS)
    + "|"
    + "|".join(_PARTICIPANT_WORDS_ABROAD)
    + r") ?\d*|"
    r"i|q|a|r|p\d+|speaker \d+|person \d+|r\d+|i\d+)$",
    re.IGNORECASE,
)
# "Interviewer2 2": a transcriber's doubled number too. Written without a repeat inside a repeat: a
# label with a long number and a word after it ("Account 1234…5678 Holder") took 2^digits steps.
_NUMBERED = re.compile(r"[ _-]*\d+(?:[ _-]+\d+)*$")
_ROLE_WORD = re.compile(_ROLE_WORDS)
#: A role word with who plays it before it (after it in Spanish and Portuguese) or their name after a dash
#: ("peer researcher", "interviewer – sam", "investigadora comunitaria").
_PLAYED_ROLE = re.compile(
    rf"(?:(?:(?:{_ROLE_DESCRIPTORS})[ -])?(?P<role>{_DESCRIBED_NOUNS})|(?P<abroad>{_ROLES_DESCRIBED_AFTER}) (?:{_DESCRIPTORS_AFTER}))"
    r"(?: [-–—] [^\W\d_][\w.'’ -]{0,60})?"
)
#: A described role with its player's name after it and no dash ("peer researcher ali"); "Interviewer Notes" stays a heading.
_DESCRIBED_THEN_NAMED = re.compile(rf"(?P<role>{_DESCRIBED_ROLE}) (?P<name>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*)?)")
_ASIDE_AT_END = re.compile(r" ?\(([^()]*)\)$")
#: What a label may give as its short form in brackets ("Rachel Moss (RM):", "Participant (P):"),
#: kept so that "RM:" later is the same speaker (see _one_name_each).
_ABBREVIATION = re.compile(r"[A-Z]{1,4}\d{0,2}")


def _asks(label: str, interviewer_labels: frozenset[str]) -> bool:
    """Whether a label is one of ``interviewer_labels``, itself or by its role word ("Interviewer 2")."""
    return label.lower() in interviewer_labels or role_word(label) in interviewer_labels


def _names_a_role(part: str) -> bool:
    """Whether what a label says in brackets is a role ("Interviewer", "P3"), not a description ("female, 40s")."""
    word = role_word(part)
    return _ROLE_LABEL.match(part) is not None or _ROLE_LABEL.match(word) is not None or word in DEFAULT_INTERVIEWER_LABELS


def without_description(label: str) -> str:
    """A label without what its brackets only describe: "Tom (laughs)" and "Participant 3 (female, 40s)" are Tom and Participant 3.

    A role ("Jane (Interviewer)"), a short form ("Ashlee Kupor (SL)") or a name ("Child (Emma)",
    beside "Child (Jack)") in brackets stays: it tells the speaker apart.

    Examples
    --------
    A single capitalised word stays too ("Anna Schmidt (Berlin)" beside "Anna Schmidt (Munich)",
    "Jane Smith (Chair)"): it may be what tells two people apart, or a role a manifest names.

    >>> [without_description(x) for x in ["Tom (laughs)", "Jane (Interviewer)", "Ashlee Kupor (SL)", "Dora (she/her)", "Child (Emma)", "P3 (Female, 40s)", "Tom (Laughs)", "Eike Schulz (Desy)"]]
    ['Tom', 'Jane (Interviewer)', 'Ashlee Kupor (SL)', 'Dora', 'Child (Emma)', 'P3', 'Tom', 'Eike Schulz (Desy)']
    """
    base, aside = label_parts(label)
    if aside is None or _names_a_role(aside) or _ABBREVIATION.fullmatch(aside):
        return label
    described = not aside[:1].isupper() or any(ch.isdigit() or ch in ",;/" for ch in aside) or aside.lower() in _NOT_SPEAKERS
    return base if described else label


#: Titles before a name in a label ("Mr. Paul Manly:", "Hon. Patty Hajdu:", "Dr Eike Schulz:"): not one of its words.
_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor hon sir dame lord lady rev cllr councillor senator sen rep judge"
    " herr frau señor señora sr sra m mme mlle".split()
)


def _name_words(label: str) -> list[str]:
    """The words of a label's name, without a title before it: "Mr. Paul Manly" → ["Paul", "Manly"]."""
    words = label.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]
    return words


def label_parts(label: str) -> tuple[str, str | None]:
    """A label and what it says in brackets after it: "Jane (Interviewer)" → ("Jane", "Interviewer").

    Examples
    --------
    >>> label_parts("Jane (Interviewer)"), label_parts("Participant 3 (female, 40s)"), label_parts("Tom")
    (('Jane', 'Interviewer'), ('Participant 3', 'female, 40s'), ('Tom', None))
    """
    found = _ASIDE_AT_END.search(label)
    if found is None or not label[: found.start()].strip():
        return label, None
    return label[: found.start()].strip(), found.group(1).strip()


def _one_name_each(labels: list[tuple[int, int, str, float | None, bool]]) -> tuple[list[tuple[int, int, str, float | None, bool]], str | None]:
    """Labels with a speaker's short form named as its full label, and a note of each.

    A transcript that opens with ``Interviewer (I):`` and goes on with ``I:`` (or with
    ``Interviewer:``) writes one person two ways; both parts of the full label stand for
    it, unless two full labels share that part.  So does an oral history that gives a
    full name first and then the surname or initials (:func:`_surnames_after_full_names`).

    Examples
    --------
    >>> found, note = _one_name_each([(0, 17, "Interviewer (I)", None, False), (30, 33, "I", None, False)])
    >>> [label[2] for label in found], note
    (['Interviewer (I)', 'Interviewer (I)'], "'I' is read as 'Interviewer (I)', its full label")
    """
    typed = _typed_two_ways(labels)
    if typed:
        labels = [(start, content, typed.get(speaker, speaker), time, sure) for start, content, speaker, time, sure in labels]
    used = {label[2] for label in labels}
    # A short form in brackets that is never used alone ("Tom (M):", "Dr Moss (GP):") says
    # something of the speaker, not another name for them: the speaker is the base, as before.
    bare = {
        label: base
        for label in used
        for base, aside in [label_parts(label)]
        if aside is not None and _ABBREVIATION.fullmatch(aside) and not _names_a_role(aside) and aside not in used
    }
    if bare:
        labels = [(start, content, bare.get(speaker, speaker), time, sure) for start, content, speaker, time, sure in labels]
        used = {label[2] for label in labels}
    claims: dict[str, set[str]] = {}
    for label in used:
        base, aside = label_parts(label)
        if aside is not None:
            for part in (base, aside):
                claims.setdefault(part, set()).add(label)
    short = {part: next(iter(full)) for part, full in claims.items() if len(full) == 1 and part in used}
    short |= _surnames_after_full_names(labels, used)
    spelt = _spelt_out_letters(labels)
    if not short and not spelt and not typed:
        return labels, None
    said = "; ".join(
        [f"{other!r} is read as {first!r}, the same label typed {'without' if ' ' in other else 'with'} a space before its number" for other, first in sorted(typed.items())]
        + [f"{part!r} is read as {full!r}, its full label" for part, full in sorted(short.items())]
        + [f"{word!r} is read as {letter!r}, the same label spelt out" for word, letter in sorted(spelt.items())]
    )
    short |= spelt
    return [(start, content, short.get(speaker, speaker), time, sure) for start, content, speaker, time, sure in labels], said


#: "question:" / "answer:" in lower case and "Question." / "ANSWER." with a full stop, a role in brackets or not, opening a
#: line: the spellings :data:`SPEAKER_PATTERNS` do not read as labels, kept as "Question:" is (:func:`_question_answer_labels`).
_LOOSE_QUESTION_ANSWER = re.compile(
    r"^[ \t]*(?P<speaker>(?:question|answer|Question|Answer|QUESTION|ANSWER)(?: \([^()\n]{1,30}\))?)"
    r"(?::|(?<![:(])\.)[ \t]+(?=\S)",
    re.MULTILINE,
)


def _question_or_answer(label: str) -> str | None:
    """ "question" or "answer" where a label is one of them, in any case, with a role in brackets or none ("Question (Interviewer)").

    Examples
    --------
    >>> [_question_or_answer(x) for x in ["Question", "ANSWER (Participant)", "answer", "Question (female, 40s)", "Questions"]]
    ['question', 'answer', 'answer', None, None]
    """
    base, aside = label_parts(label)
    word = base.casefold()
    if word not in ("question", "answer") or (aside is not None and not _names_a_role(aside)):
        return None
    return word


def _question_answer_labels(found: Mapping[int, tuple[int, int, str, float | None, bool]], spelt_qa: set[int]) -> set[int]:
    """Which "Question:" and "Answer:" lines (in capitals too; ``spelt_qa``, of ``found``) label turns: their line starts.

    "Question" and "Answer" open lines of notes, guides and minutes too (:data:`_NOT_SPEAKERS`), so they label
    turns only as a transcript's own labels: spelling out the "Q:" and "A:" that label the turns after them (an
    oral history archive's first question and answer, :func:`_spelt_out_lines`), or written throughout, two of
    each or more, at least half the file's labels, and taking turns (a question then an answer, most times).

    Examples
    --------
    >>> found = {0: (0, 10, "Question", None, False), 30: (30, 38, "Answer", None, False),
    ...          50: (50, 60, "Question", None, False), 80: (80, 88, "Answer", None, False)}
    >>> sorted(_question_answer_labels(found, set(found)))
    [0, 30, 50, 80]
    >>> memo = {0: (0, 10, "Question", None, False), 30: (30, 40, "Question", None, False), 60: (60, 62, "I", None, False),
    ...         70: (70, 72, "R", None, False), 90: (90, 92, "I", None, False), 99: (99, 101, "R", None, False)}
    >>> _question_answer_labels(memo, {0, 30})
    set()
    """
    if not spelt_qa:
        return set()
    if kept := spelt_qa & set(_spelt_out_lines([found[start] for start in sorted(found)])):
        return kept
    words = [_question_or_answer(found[start][2]) for start in sorted(spelt_qa)]
    counts = Counter(words)
    if counts["question"] < 2 or counts["answer"] < 2 or 2 * len(words) < len(found):
        return set()
    changes = sum(1 for before, after in itertools.pairwise(words) if before != after)
    return set(spelt_qa) if 2 * changes >= len(words) - 1 else set()


#: Words of a title over a project's questions and answers pasted under an interview.
_APPENDIX_TITLE = re.compile(r"\b(?i:questions|faqs?|q ?& ?a|information|info)\b")
#: Such a title with a colon and nothing after it on its line ("FAQs:", "Frequently asked questions:", "Q&A:"): a
#: heading, as without the colon, not a speaker "FAQs" whose turn the questions and answers under it would be.
_APPENDIX_TITLE_COLON = re.compile(
    r"(?i:faqs?|frequently[ \t]+asked[ \t]+questions|q[ \t]*&[ \t]*a|questions[ \t]+(?:and|&)[ \t]+answers)[ \t]*[:：]"
)


#: A title over papers pasted under an interview, no one's speech: a consent form, a glossary, a project's questions
#: and answers, an information sheet, an appendix ("CONSENT FORM", "Glossary of terms", "Appendix B: Consent").
_PAPERS_TITLE = re.compile(
    r"(?i:(?:informed[ \t]+)?consent|glossary|faqs?|frequently[ \t]+asked[ \t]+questions|q[ \t]*&[ \t]*a|questions[ \t]+(?:and|&)[ \t]+answers"
    r"|information[ \t]+sheet|information[ \t]+for[ \t]+participants|appendix|abbreviations)\b"
)
#: Words that tell, in a title or a sentence opening a line: a participant's "Consent was hard.", "we signed the consent
#: form", no title ("you" is a FAQ title's: "Some questions you may have about taking part").
_TELLING_WORDS = frozenset("i we he she they it my our was were is are had has have did do got went".split())
#: What each title says the papers are, for the load note.
_PAPERS_KINDS = (("consent", "a consent form"), ("glossary", "a glossary"), ("abbreviations", "a glossary"), ("information", "an information sheet"), ("appendix", "an appendix"))


def _papers_after_turns(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> tuple[int, str] | None:
    r"""Where papers pasted under an interview begin (a consent form, a glossary, a FAQ in "Q:"/"A:"), and what they are.

    A transcript's file may carry, under the interview's last turn, the consent form the participant signed, a
    glossary of the terms used, or the project's questions and answers.  None of it is anyone's speech: read as
    turns, the form's text was the participant's last answer and a glossary's "Allotment: a plot …" lines were
    speakers.  They are one passage of no one's from a title on a line of its own (:data:`_PAPERS_TITLE`, eight
    words at most, no question: "CONSENT FORM", "Glossary", "FAQ", "Appendix B: Consent", or such a title's sentence
    opening the line, "Information for participants. Please read …"; a FAQ's words, :data:`_APPENDIX_TITLE`, too) where a blank line
    parts it from the last turn above, two of the interview's speakers speak twice or more before it, and none of
    them speaks after it (a "Consent" heading between the interview's own turns is no such title); under a FAQ's
    title, two questions and two answers labelled at least (as :func:`_question_answer_appendix` asks).  A title opens
    with a capital and tells nothing (:data:`_TELLING_WORDS`: "we signed the consent form" is the participant's last
    paragraph; a FAQ's "Some questions you may have" may, over its labelled questions), and what is under a title
    other than a FAQ's is no talk (:func:`_talk_under`: "Appendix: focus group" over its own turns reads as turns),
    and a FAQ's answers say no "I" (a FAQ answers as the project, "We keep it locked."; "Q&A" over a panel's audience
    questions, "A: I did, twice.", is talk).
    Returns the title's line start and what the papers are, or None.

    Examples
    --------
    >>> text = "I: Hi.\nR: Hi.\nI: Bye.\nR: Bye.\n\nGlossary\nAllotment: a plot of land.\n"
    >>> labels = [(0, 3, "I", None, True), (7, 10, "R", None, True), (14, 17, "I", None, True), (22, 25, "R", None, True), (41, 52, "Allotment", None, False)]
    >>> _papers_after_turns(text, labels)
    (31, 'a glossary')
    >>> _papers_after_turns(text.replace("Glossary", "We went on"), labels) is None
    True
    """
    for match in re.finditer(r"\n[ \t]*\n[ \t]*(?=\S)", text):
        start = match.end()
        line = _rest_of_line(text, start).strip().strip("*_#").strip()
        # The title, or a title's sentence opening the line ("Information for participants. Please read …").
        title, *sentences = re.split(r"(?<=[.!])\s+", line, maxsplit=1)
        if sentences:
            title = title[:-1]
        # A title opens with a capital and names, it tells nothing: "Consent was hard. We …", "we signed the consent
        # form", "My appendix burst that winter" are the participant's (a FAQ's title may ask, "Some questions you may
        # have", where two questions and two answers are labelled under it: below).
        telling = bool(set(re.findall(r"[^\W\d_]+", title.lower())) & _TELLING_WORDS)
        if not title or not title[0].isupper() and not title[0].isdigit() or telling and sentences:
            continue
        if len(title.split()) > 8 or title[-1] in ".?!…;,:" and not _APPENDIX_TITLE_COLON.fullmatch(title) or "," in title:
            continue
        if not (_PAPERS_TITLE.search(title) or _APPENDIX_TITLE.search(title)):
            continue
        before = [label for label in labels if label[0] < start]
        if sum(1 for count in Counter(label[2] for label in before).values() if count >= 2) < 2:
            continue
        if {label[2] for label in labels if label[0] >= start} & {label[2] for label in before}:
            continue  # a speaker of the interview's goes on below: a heading between its turns
        if not text[start + len(_rest_of_line(text, start)) :].strip():
            continue  # a title with nothing under it: the last answer's words
        kind = next((said_as for word, said_as in _PAPERS_KINDS if word in title.lower()), None)
        if kind is not None and telling:
            continue
        if kind is not None and _talk_under(text, [label for label in labels if label[0] >= start]):
            continue  # "Appendix: focus group" over its own turns: talk, as the interview above is
        if kind is None and sum(1 for label in labels if label[0] >= start) < 4:
            continue  # a FAQ's title over one question and answer, or none labelled: the twenty-ninth pass's reading
        if kind is None and any(
            (speaker == "A" or _question_or_answer(speaker) == "answer") and re.search(r"\bI\b", words)
            for speaker, words in _said_under(text, [label for label in labels if label[0] >= start])
        ):
            continue  # "Q&A" over a panel's audience questions: an answer saying "I" is someone's, a FAQ answers as the project
        return start, kind or "a project's questions and answers"
    return None


def _talk_under(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> bool:
    r"""Whether labelled lines under a title are talk: two speakers or more each say a sentence twice or more.

    An appendix holding a focus group ("Moderator: Welcome all." … "Ann: Hi.") is talk, turns as the interview
    above it is; a consent form's fields repeated for each signer ("Name: Tom Brown", "Signature: ____", "Date:
    12.03.2021") end in no sentence, and a FAQ's "Q:"/"A:" (or "Question:"/"Answer:") are a project's papers however
    they end, so neither is.  ``labels`` are those under the title, in the text's order.

    Examples
    --------
    >>> text = "Moderator: Welcome.\nAnn: Hi.\nModerator: Start?\nAnn: OK.\n"
    >>> labels = [(0, 11, "Moderator", None, False), (20, 25, "Ann", None, False), (29, 40, "Moderator", None, False), (47, 52, "Ann", None, False)]
    >>> _talk_under(text, labels)
    True
    >>> _talk_under(text.replace(".", "").replace("?", ""), labels)
    False
    """
    said = Counter(
        speaker
        for speaker, words in _said_under(text, labels)
        if words.rstrip().endswith((".", "?", "!", "…")) and speaker not in ("Q", "A") and _question_or_answer(speaker) is None
    )
    return sum(1 for count in said.values() if count >= 2) >= 2


def _said_under(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> list[tuple[str, str]]:
    r"""(speaker, words) of each of ``labels`` (in the text's order), its words running to the next label or the end.

    Examples
    --------
    >>> _said_under("Q: Who?\nA: I did.\n", [(0, 3, "Q", None, False), (8, 11, "A", None, False)])
    [('Q', 'Who?\n'), ('A', 'I did.\n')]
    """
    return [(label[2], text[label[1] : end]) for label, end in zip(labels, [*(label[0] for label in labels[1:]), len(text)])]


def _question_answer_appendix(
    text: str, found: Mapping[int, tuple[int, int, str, float | None, bool]], spelt_qa: set[int], kept_qa: set[int]
) -> int | None:
    r"""Where "Question:"/"Answer:" labels all come after the turns of a transcript's own speakers: the passage's start.

    A project's frequently asked questions, an information sheet's, pasted under an interview in "I:"/"R:"
    are no one's words of the interview, neither its turns nor the last answer's words: they are one passage of
    no one's from the paragraph they open (a title over them, "Frequently asked questions", with them).  Only where
    two of the file's other labels speak twice or more each (a header's "Interviewer: Jane Smith" over a
    transcript in "Question:"/"Answer:" is no speaker taking turns), every "Question:"/"Answer:" line comes
    after their last turn, a blank line or the passage's title on a line of its own parting them from it (a
    participant's "Question: do I stay? Answer: yes." on the lines of her last turn are hers), and the passage is
    titled as questions or information on a line of its own (:data:`_APPENDIX_TITLE`; "I kept asking myself the same
    questions." is a sentence, no title) or is shorter than the interview (a chat in
    "I:"/"R:" before the interview proper is no FAQ).  ``spelt_qa`` are the file's "Question:"/"Answer:" lines,
    ``kept_qa`` those :func:`_question_answer_labels` reads as labels; under a long interview they are fewer than
    half the file's labels, and not read as labels: such a passage is the FAQ only where titled, its questions
    and answers taking turns as labels' do.  The title is the line over the first question, a blank line between
    or none, and no labelled turn ("R: No more questions"); "FAQ" alone on its line, read as a name over words, is
    that title and no turn of the interview's, and so is "FAQs:" with its colon (:data:`_APPENDIX_TITLE_COLON`).

    Examples
    --------
    >>> text = "I: Bye.\nR: Bye.\nI: Thanks.\nR: Yes.\n\nFAQ\nQuestion: Who?\nAnswer: Us.\nQuestion: When?\nAnswer: Now.\n"
    >>> lines = [0, 8, 16, 27, 40, 56, 68, 84]
    >>> names = ["I", "R", "I", "R", "Question", "Answer", "Question", "Answer"]
    >>> found = {start: (start, start + 2, name, None, False) for start, name in zip(lines, names)}
    >>> start = _question_answer_appendix(text, found, {40, 56, 68, 84}, {40, 56, 68, 84})
    >>> text[start : start + 12]
    'FAQ\nQuestion'
    >>> header = {start: found[start] for start in lines[2:]}  # "I:" and "R:" once each: a header's, no turns
    >>> _question_answer_appendix(text, header, {40, 56, 68, 84}, {40, 56, 68, 84}) is None
    True
    """
    if not (lines := kept_qa or _question_answer_labels({start: found[start] for start in spelt_qa}, spelt_qa)):
        return None
    first = min(lines)

    def titled(start: int) -> bool:
        # A title on a line of its own over the first question, no sentence nor a labelled turn ("R: no more
        # questions"): "Frequently asked questions".
        title = text[start:first].strip()
        if _APPENDIX_TITLE_COLON.fullmatch(title):
            return True  # "FAQs:" alone on its line
        return "\n" not in title and len(title.split()) <= 8 and not re.search(r"[.?!:;,]$|:\s", title) and _APPENDIX_TITLE.search(title) is not None

    # The line over the first question (a blank line between or none), where it is the passage's title: "FAQ" alone
    # on its line reads as a name over words, and is no speaker's turn here.
    above = text[:first].rstrip().rfind("\n") + 1
    title = above if titled(above) else None
    turns = [start for start in found if start not in lines and start != title]
    others = Counter(found[start][2] for start in turns)
    if sum(1 for count in others.values() if count >= 2) < 2:
        return None
    last_turn = max(turns)
    if first < last_turn:
        return None
    breaks = list(re.finditer(r"\n[ \t]*\n\s*", text[:first]))
    if title is not None and title > last_turn:
        after = title
    elif breaks and breaks[-1].start() > last_turn:
        after = breaks[-1].end()
    else:
        return None  # no blank line after the last turn, nor a title over the first question: the turn's own lines
    # The passage is titled as a project's questions ("Frequently asked questions", "Project information"), or is
    # shorter than the interview above it: a short chat labelled "I:"/"R:" before the recorded interview, written
    # in "Question:"/"Answer:", is no FAQ.
    if not titled(after) and (not kept_qa or len(text[after:].split()) >= len(text[:after].split())):
        return None
    return after


def _spelt_out_lines(labels: list[tuple[int, int, str, float | None, bool]]) -> dict[int, str]:
    """"Question" and "Answer" (or "QUESTION", "ANSWER") spelling out a transcript's "Q:" and "A:": {line start: letter}.

    An oral history archive's transcripts (the United States Holocaust Memorial Museum's) label the first
    question and answer in full and every later turn by its initial.  A label that is "Question" or
    "Answer" (:data:`QUESTION_WORDS`, :data:`ANSWER_WORDS`: "Frage"/"Antwort", "Pregunta"/"Respuesta" too)
    is the one-letter label it starts with where it comes before that letter's first turn, and a question
    and an answer are both spelt out so.  One of them alone ("Question: …" in a memo's header) or either
    after the letters' turns began (a survey item read out inside a "Q:" turn) is no label.

    Examples
    --------
    >>> labels = [(0, 9, "Question", None, False), (40, 47, "Answer", None, False), (60, 62, "Q", None, False), (80, 82, "A", None, False)]
    >>> _spelt_out_lines(labels)
    {0: 'Q', 40: 'A'}
    >>> _spelt_out_lines([(0, 9, "Question", None, False), (40, 42, "Q", None, False), (60, 62, "A", None, False)])
    {}
    >>> _spelt_out_lines([(0, 2, "Q", None, False), (9, 18, "Question", None, False), (30, 37, "Answer", None, False), (50, 52, "A", None, False)])
    {}
    """
    first: dict[str, int] = {}
    for start, _, speaker, _, _ in labels:
        first[speaker] = min(start, first.get(speaker, start))
    lines = {
        start: speaker[:1].upper()
        for start, _, speaker, _, _ in labels
        if (speaker[1:].islower() or speaker.isupper())
        and label_parts(speaker)[0].casefold() in QUESTION_WORDS | ANSWER_WORDS
        and start < first.get(speaker[:1].upper(), -1)
    }
    spelt = {speaker.casefold() for start, _, speaker, _, _ in labels if start in lines}
    return lines if spelt & QUESTION_WORDS and spelt & ANSWER_WORDS else {}


def _spelt_out_letters(labels: list[tuple[int, int, str, float | None, bool]]) -> dict[str, str]:
    """The labels :func:`_spelt_out_lines` reads as the letters they spell out: {word: letter}.

    Examples
    --------
    >>> labels = [(0, 9, "Question", None, False), (40, 47, "Answer", None, False), (60, 62, "Q", None, False), (80, 82, "A", None, False)]
    >>> sorted(_spelt_out_letters(labels).items())
    [('Answer', 'A'), ('Question', 'Q')]
    >>> _spelt_out_letters([(0, 9, "Question", None, False), (40, 42, "I", None, False)])
    {}
    """
    lines = _spelt_out_lines(labels)
    return {speaker: lines[start] for start, _, speaker, _, _ in labels if start in lines}


def _spelt_out_roles(labels: list[tuple[int, int, str, float | None, bool]], interviewer_labels: frozenset[str], *, known: Iterable[str]) -> dict[str, str]:
    """The roles of letters spelt out by "Question"/"Answer" words where the letter's own default role differs: {letter: role}.

    "Pregunta:" spelling out "P:", "Frage:" spelling out "F:": the letter is the interviewer's label,
    though "P" alone reads as a participant (P1, P2, …).  An answer word's letter is the participant's.
    A letter the study or the header declares (``known``, lower case) keeps that role.

    Examples
    --------
    >>> labels = [(0, 9, "Pregunta", None, False), (40, 50, "Respuesta", None, False), (60, 62, "P", None, False), (80, 82, "R", None, False)]
    >>> _spelt_out_roles(labels, DEFAULT_INTERVIEWER_LABELS, known=())
    {'p': 'interviewer'}
    >>> _spelt_out_roles(labels, DEFAULT_INTERVIEWER_LABELS, known={"p"})
    {}
    """
    roles = {}
    for word, letter in _spelt_out_letters(labels).items():
        role = "interviewer" if word.casefold() in QUESTION_WORDS else "participant"
        if letter.lower() not in known and (role == "interviewer") != _asks(letter, interviewer_labels):
            roles[letter.lower()] = role
    return roles


def _typed_two_ways(labels: list[tuple[int, int, str, float | None, bool]]) -> dict[str, str]:
    """Labels typed both with and without a space before their number ("Interviewer1", "Interviewer 1"): {other
    spelling: the spelling written first}.

    One speaker's label typed two ways in one file is one speaker, as a researcher reads it; "Interviewer 1" and
    "Interviewer 2" stay two.

    Examples
    --------
    >>> _typed_two_ways([(0, 13, "Interviewer1", None, False), (20, 34, "Interviewer 1", None, False), (40, 54, "Interviewer 2", None, False)])
    {'Interviewer 1': 'Interviewer1'}
    """
    first: dict[str, str] = {}
    typed = {}
    for _, _, speaker, _, _ in labels:
        written = first.setdefault(re.sub(r"(?<=[^\W\d_]) (?=\d+$)", "", speaker), speaker)
        if written != speaker:
            typed[speaker] = written
    return typed


def _surnames_after_full_names(labels: list[tuple[int, int, str, float | None, bool]], used: set[str]) -> dict[str, str]:
    """Short labels that stand for a full name the transcript gave first: {short: full}.

    An oral history introduces each speaker by their full name and goes on with
    their surname or initials ("Stuart Yeager:" then "Yeager:", "Devin Becker:"
    then "DB:"; the Computer History Museum's "Marc Weber:" then "Weber:").  A
    one-word label is the full name's where it is that name's last word or its
    initials, the full name (two to four capitalised words, no role) came first,
    and no other full name of the file ends so or has those initials.

    Examples
    --------
    >>> labels = [(0, 15, "Stuart Yeager", None, False), (40, 50, "Hubert Farbes", None, False), (90, 97, "Yeager", None, False),
    ...           (120, 127, "Farbes", None, False), (150, 153, "HF", None, False)]
    >>> sorted(_surnames_after_full_names(labels, {label[2] for label in labels}).items())
    [('Farbes', 'Hubert Farbes'), ('HF', 'Hubert Farbes'), ('Yeager', 'Stuart Yeager')]
    >>> named = [(0, 24, "Elizabeth (Jake) Feinler", None, False), (40, 57, "Elizabeth Feinler", None, False), (70, 77, "Feinler", None, False)]
    >>> sorted(_surnames_after_full_names(named, {label[2] for label in named}).items())
    [('Elizabeth (Jake) Feinler', 'Elizabeth Feinler'), ('Feinler', 'Elizabeth Feinler')]
    >>> twins = [(0, 9, "Ann Reyes", None, False), (20, 29, "Bob Reyes", None, False), (40, 46, "Reyes", None, False)]
    >>> _surnames_after_full_names(twins, {"Ann Reyes", "Bob Reyes", "Reyes"})
    {}

    A name the narrator goes by, in brackets between the first name and the surname ("Elizabeth (Jake) Feinler"),
    is the same person as the name without it: the bracketed label is read as the full name written without the
    brackets ("Elizabeth Feinler") where the transcript also writes it so or goes on with the surname ("Feinler:").
    """
    first: dict[str, int] = {}
    for start, _, speaker, _, _ in labels:
        first.setdefault(speaker, start)
    claims: dict[str, set[str]] = {}  # a short form -> the full names (brackets left out) that end so or have those initials
    written: dict[str, set[str]] = {}  # a full name without its brackets -> its labels ("Elizabeth (Jake) Feinler")
    for label in used:
        plain = re.sub(rf" {_NICKNAME}", "", label)
        words = plain.split()
        if not 2 <= len(words) <= 4 or _is_role_label(label) or _ROLE_WORD.search(label) or label_parts(label)[1] is not None:
            continue
        if not all(word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha() for word in words):
            continue
        written.setdefault(plain, set()).add(label)
        for form in {words[-1], "".join(word[0] for word in words)}:
            claims.setdefault(form, set()).add(plain)
    opened = {full: min(first[label] for label in labels_of) for full, labels_of in written.items()}
    short = {form: full for form, names in claims.items() if len(names) == 1 and form in used and opened[full := next(iter(names))] < first[form]}
    for full, labels_of in written.items():
        if full in used or full in short.values():
            short |= {label: full for label in labels_of if label != full}
    return short


def _is_role_label(label: str) -> bool:
    """Whether a label is a common transcript role (``_ROLE_LABEL``), itself or in brackets after a name, or the interviewer's misspelt."""
    base, aside = label_parts(label)
    return any(_ROLE_LABEL.match(part) is not None for part in (label, base, aside) if part) or misspelt_interviewer(label)


def _capitalised(label: str) -> bool:
    """Whether a label a pattern found is written as a name or a role.

    An ASCII label passes: the patterns check its case already (and a house
    style may want any).  Beyond ASCII, each word starts with a capital, a digit
    (after the first) or is a particle (``de``, ``van``…); a letter of a script
    without case (Arabic, Chinese…) counts as a capital.  Role words may be in
    any case (``interviewer:``), with who plays them (``Community researcher – Sam:``).
    """
    if label.isascii() or _ROLE_WORD.fullmatch(label) or _PLAYED_ROLE.fullmatch(label.lower()):
        return True
    first, *rest = label.split(" ")
    if not first[0].isalpha() or first[0].islower():
        return False
    return all(word[0] in "0123456789" or (word[0].isalpha() and not word[0].islower()) or word in _PARTICLES for word in rest)


def role_word(label: str) -> str:
    """A label without its number, lower case: what says its role ("Interviewer 2" → "interviewer").

    Examples
    --------
    >>> [role_word(label) for label in ["Interviewer 1", "INT2", "Interviewer2 2", "Rachel", "P3", "Jane (Interviewer)", "Participant 3 (female, 40s)"]]
    ['interviewer', 'int', 'interviewer', 'rachel', 'p', 'interviewer', 'participant']
    >>> [role_word(label) for label in ["Researcher Kate", "Interviewer Sam Lee", "Interviewer Notes", "Kate Researcher"]]
    ['researcher', 'interviewer', 'interviewer notes', 'kate researcher']
    """
    base, aside = label_parts(label.strip())
    if aside is not None:
        # "Jane (Interviewer)": the bracket says the role; "Interviewer (Jane)", "Participant 3 (female)": the label does.
        return role_word(aside) if _names_a_role(aside) else role_word(base)
    word = _NUMBERED.sub("", label.strip().lower()) or label.strip().lower()
    if (named := _DESCRIBED_THEN_NAMED.fullmatch(word)) is not None and not set(named.group("name").split()) & _NOT_SPEAKERS:
        word = named.group("role")  # "peer researcher ali": the peer researcher
    if (played := _PLAYED_ROLE.fullmatch(word)) is not None:
        # "peer researcher", "community researcher – sam", "peer research assistant": the researcher
        return played.group("abroad") or ("researcher" if played.group("role") == "research assistant" else played.group("role"))
    # "Researcher Kate" (how a chat app shows a contact saved with their role): the role word, then a name.
    first, _, rest = word.partition(" ")
    if first in _ROLE_BEFORE_A_NAME and 1 <= len(names := rest.split()) <= 2 and all(n.isalpha() and n not in _NOT_SPEAKERS for n in names):
        return first
    return word


#: Role words a speaker's name may follow in a label ("Researcher Kate", "Participant Anna").
_ROLE_BEFORE_A_NAME = frozenset({"interviewer", "facilitator", "moderator", "researcher", "interviewee", "participant", "respondent"})
#: Question marks of the scripts transcripts are written in: Latin, full-width (Chinese, Japanese), Arabic.
_QUESTION_MARKS = ("?", "？", "؟")
#: A question's ends, a question trailing off ("So you went back…") among them: it asks all the same.
ASKING_ENDS = (*_QUESTION_MARKS, "…")
# Words that often open a line with a colon in prose or notes but are not speakers.
_NOT_SPEAKERS = frozenset(
    """note notes nb ps reflection reflections date time place location present
    attendees subject re fw fwd title summary update example examples source
    sources action actions aim aims agenda outcome outcomes question questions
    answer theme themes code codes memo step warning tip important key context
    background purpose method methods result results total comment comments
    transcript interview observation session venue duration
    inaudible unclear laughter laughs laughing crosstalk pause silence music noise
    overlapping overtalk redacted unintelligible
    monday tuesday wednesday thursday friday saturday sunday weekdays weekends
    today yesterday tomorrow morning mornings afternoon afternoons evening evenings
    night nights weekend visit visits meeting meetings call email phone event events
    project study file recording audio transcriber transcription case
    abstract keywords introduction conclusion conclusions discussion findings limitations references appendix
    figure fig hypothesis rq nota notiz anmerkung remarque
    setting photo afb afbeelding abb abbildung pseudonym pseudonyms alias
    figura foto fotografia imagem imagen
    mode modality timepoint language
    fecha lugar hora duración modalidad ort uhrzeit dauer lieu heure durée luogo durata
    plaats tijd duur horário duração
    날짜 장소 일시 시간 소요시간
    applause cheering cheers intro outro chuckles chuckling sighs sighing coughs coughing singing
    author authors autor autora autores auteur auteurs autore autori fonte fontes fuente fuentes quelle quellen""".split()
) | {"action item", "action items", "positive reaction", "negative reaction", "next steps", "key takeaway"} | {  # a meeting tool's highlights
    # a transcription service's header fields ("Mode: Telephone", "Participant ID: P02", "Interviewer initials: SO")
    "participant id", "interviewee id", "respondent id", "case id", "interviewer initials", "time point", "transcribed by", "interview mode",
    "transcribe by", "date transcript",
} | {  # a letterhead's contact lines, written on a transcript's first pages ("Telephone: 020 … E-mail: … Web: …")
    "telephone", "tel", "fax", "e-mail", "web", "website", "address", "mobile",
}
# Words that open a spoken sentence with a colon ("Anyway: I went home"): never a
# one-off voice in a transcript.
_DISCOURSE_WORDS = frozenset(
    """anyway well so basically honestly actually also but and then now yes yeah no
    okay ok right look listen sorry because like though still plus first second
    finally again otherwise meanwhile""".split()
)


def _clock_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.replace(",", ".")
    parts = value.split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


#: A title or an initial with its full stop inside a contact's name ("Dr. Ahmed", "Prof. Oak", "J.R. Smith").
_TITLE_OR_INITIAL = re.compile(r"\b(?:Dr|Drs|Mr|Mrs|Ms|Mx|Prof|Sr|Sra|Jr|St|Rev|Fr|Dra|Hr|Fr|Mme|Mlle|[A-Z])\.")


def _a_sender(name: str) -> bool:
    """Whether what stands before a chat message's colon can be a contact's name: at most three
    words (or a phone number), no sentence in it, not a note's word ("Visit", "Note")."""
    name = name.strip()
    bare = _TITLE_OR_INITIAL.sub("", name)  # "Dr. Ahmed", "Prof. Oak", "J.R. Smith" are names
    return (
        bool(name)
        and name.lower() not in _NOT_SPEAKERS
        and not any(mark in bare for mark in ".?!,;/")
        and (len(name.split()) <= 3 or name.lstrip("+").replace(" ", "").isdigit())
    )


def _is_chat(text: str) -> bool:
    """Whether a text is a chat export: stamped messages whose senders look like names and come back.

    Field notes stamped line by line ("2024-03-12 10:00 - Home visit: …") have a different
    heading on each line; in a chat the same people write again.
    """
    senders = [match.group("speaker").strip() for match in SPEAKER_PATTERNS["chat"].finditer(text)]
    named = [sender for sender in senders if _a_sender(sender)]
    # A short chat whose senders do not write twice is still one where the app's own notice opens it
    # ("Messages and calls are end-to-end encrypted", in the phone's language).
    return len(named) >= 2 and len(named) == len(senders) and (len(set(named)) < len(named) or _CHAT_NOTICE.search(text) is not None)


#: The notice WhatsApp opens every chat with, as a stamped line with no sender, in the phone's language.
_CHAT_NOTICE = re.compile(
    rf"^{_CHAT_STAMP}[^:\n]*(?:end-to-end|Ende-zu-Ende|de bout en bout|de extremo a extremo|ponta a ponta|end-to-end|uçtan uca|"
    r"crittografia end-to-end|end-to-end-versleuteld)",
    re.MULTILINE | re.IGNORECASE,
)


def _chat_clock(value: str) -> float:
    """Seconds after midnight of a chat message's time ("14:03", "14:03:22", "2:03 PM", "2.03 p.m.")."""
    digits = re.findall(r"\d+", value)
    hours, minutes, seconds = int(digits[0]), int(digits[1]), int(digits[2]) if len(digits) > 2 else 0
    if "m" in value.lower():  # a twelve-hour clock: 12:05 AM is 00:05, 12:05 PM is 12:05
        hours = hours % 12 + (12 if "p" in value.lower() else 0)
    return float(hours * 3600 + minutes * 60 + seconds)


_YEAR_FIRST = re.compile(r"\d{4}[/.-]")


def _chat_dates(stamps: Mapping[int, tuple[str, str]], *, dayfirst: bool = True) -> dict[int, date]:
    """Each chat message's date, the day-month order read off the whole chat.

    A chat export writes its phone's locale order ("12/03/2024" in Britain, "3/12/24" in
    the United States): a first number above 12 says day first, a second one month
    first; a chat that never says takes ``dayfirst`` (the manifest's
    ``segmentation: dayfirst``; day first, the order of most locales, unless it says).
    """
    numeric = [tuple(int(part) for part in re.split(r"[/.-]", written)) for written, _ in stamps.values() if not _YEAR_FIRST.match(written)]
    if any(first > 12 for first, _, _ in numeric):
        dayfirst = True
    elif any(second > 12 for _, second, _ in numeric):
        dayfirst = False
    dates: dict[int, date] = {}
    for line_start, (written, _) in stamps.items():
        parts = [int(part) for part in re.split(r"[/.-]", written)]
        try:
            if _YEAR_FIRST.match(written):  # "2024-12-10", "2024/12/10" (East Asian phones)
                dates[line_start] = date(parts[0], parts[1], parts[2])
                continue
            day, month = (parts[0], parts[1]) if dayfirst else (parts[1], parts[0])
            year = parts[2] + 2000 if parts[2] < 100 else parts[2]
            dates[line_start] = date(year, month, day)
        except ValueError:
            continue  # "31/02/2024": the message is kept, with no date
    return dates


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it neither starts nor ends with white space."""
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return start, start
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def segment_turns(
    text: str,
    *,
    patterns: list[re.Pattern[str]] | None = None,
    known_speakers: frozenset[str] = frozenset(),
    interviewer_labels: frozenset[str] = DEFAULT_INTERVIEWER_LABELS,
    bold_labels: list[tuple[int, int, str]] | None = None,
) -> list[Segment] | None:
    """Cut a transcript into speaker turns.

    A generic ``Name:`` label is accepted when it is a common role label (``I``,
    ``R``, ``Interviewer``, ``P3``…), a speaker the manifest declares, carries a
    timestamp, opens at least two lines of the document (turn-taking repeats,
    while ``Anyway: …`` in running prose does not), or answers an interviewer's turn.
    Labels accepted only because they recur must also take turns, as a
    transcript's do: when the same label mostly follows itself and seldom comes
    back after another (a news feed's ``Koronavírus: …`` headlines, the title
    repeated on every record of an export), they are headings, not speakers, and
    are left in the text.

    Parameters
    ----------
    text : str
        Stored text.
    patterns : list of compiled regex, optional
        House-style patterns tried before the built-in ones; each must define the
        group ``speaker`` and may define ``time``.  The content starts where the
        match ends.
    known_speakers : frozenset of str
        Lower-cased labels declared in the manifest.
    interviewer_labels : frozenset of str
        Lower-cased labels of the interviewer; a label seen once is still taken
        when it opens the line after an interviewer's turn.
    bold_labels : list of (line_start, content_start, speaker), optional
        Labels a ``.docx`` reader found in bold.

    Returns
    -------
    list of Segment, or None
        ``None`` when no speaker label is recognised at all.

    Examples
    --------
    >>> text = "Interviewer: How was it?\\nAsha: Good.\\nReally good.\\nInterviewer: Why?"
    >>> [(s.speaker, text[s.start:s.end]) for s in segment_turns(text)]
    [('Interviewer', 'How was it?'), ('Asha', 'Good.\\nReally good.'), ('Interviewer', 'Why?')]
    >>> news = "".join(f"Koronavírus: hír {n}\\nA szöveg.\\n\\n" for n in range(5))
    >>> segment_turns(news) is None
    True
    """
    return _turns(text, patterns=patterns, known_speakers=known_speakers, interviewer_labels=interviewer_labels, bold_labels=bold_labels).segments


@dataclass(slots=True)
class _Turns:
    """What :func:`_turns` found: the turns (``None`` if none), a note on labels read as headings, a doubt to warn about."""

    segments: list[Segment] | None
    note: str | None = None
    doubt: str | None = None
    #: Lower-case label -> role, as a header block declared them ("Interviewer: Jane Smith" above "Jane: …").
    declared: dict[str, str] = field(default_factory=dict)


#: Labels taken for speakers only because they recur must take turns: the speaker
#: changes at no fewer than this share of the boundaries next to such labels.
_TURN_TAKING = 0.5
#: Below that share, this many boundaries are enough to call the labels headings;
#: with fewer, qlr cannot tell and keeps them as speakers, with a warning.
_ENOUGH_BOUNDARIES = 4


def _tagged_turn(text: str, end: int, tag: str) -> bool:
    """Whether "<tag>" ending at ``end``, its words touching it or on the lines below, opens a turn tagged as XML.

    "<entrevistado>Words…</entrevistado>" and "<entrevistado>" over its lines are turns where the
    tag opens two lines or more and the text closes it; not a highlight tagged once ("<highlight1>…")
    nor a name wrapped in a tag before its colon ("<interviewer>Ann</interviewer>: …", the label Ann).

    >>> text = "<q>Why?</q>\\n<a>Rent.</a>\\n<q>And?</q>\\n<a>Time.</a>"
    >>> _tagged_turn(text, 3, "q"), _tagged_turn("<x>Ann</x>: Hi\\n<x>Bo</x>: Yes", 3, "x")
    (True, False)
    """
    lowered = text.lower()
    opened, closed = f"<{tag.lower()}>", f"</{tag.lower()}>"
    line_end = lowered.find("\n", end)
    line = lowered[end : line_end if line_end >= 0 else len(lowered)]
    wrapped = re.match(rf"[^<\n]{{0,60}}{re.escape(closed)}[ \t]*:", line) is not None
    opening = rf"^[ \t]*(?:{_TAG_HEADING})?{re.escape(opened)}"  # a tagged question set as a heading opens a line too
    return closed in lowered and len(re.findall(opening, lowered, re.MULTILINE)) >= 2 and not wrapped


#: A time set in bold with the label, before or after the name: "[00:00:03] Entrevistadora", "Moira (00:00:12)".
_BOLD_TIME_FIRST = re.compile(rf"[\[(]?(?P<time>{_CLOCK})[\])]?[ \t]+(?P<name>\S.*)")
_BOLD_TIME_AFTER = re.compile(rf"(?P<name>.*\S)[ \t]+[\[(](?P<time>{_CLOCK})[\])]")


#: A name in brackets alone on its line, words on the next: "[Chercheur]" (see :func:`_turns`).
_BRACKETED_LINE = re.compile(r"^[ \t]*\[(?P<speaker>[^\[\]\n]{1,60})\][ \t]*(?=\r?\n[ \t]*\S)", re.MULTILINE)


@lru_cache(maxsize=64)
def _declared_labels(known_speakers: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern for the manifest's labels opening a line before a colon, or alone on their line over words, in any
    case, plain or in bold.

    Examples
    --------
    >>> _declared_labels(frozenset({"peer researcher ali"})).match("Peer researcher Ali: And now?").group("speaker")
    'Peer researcher Ali'
    >>> _declared_labels(frozenset({"sue"})).match("Sue\\nHow is the plot?").group("speaker")
    'Sue'
    """
    labels = sorted((label for label in known_speakers if label.strip()), key=len, reverse=True)  # the longest first
    if not labels:
        return None
    return re.compile(
        rf"^[ \t]*(?:\*\*|__)?(?P<speaker>{'|'.join(re.escape(label) for label in labels)})(?:\*\*|__)?[ \t]*(?::(?:\*\*|__)?(?:[ \t]+|$)|：(?:\*\*|__)?[ \t]*|(?=\r?\n[ \t]*\S))",
        re.IGNORECASE | re.MULTILINE,
    )


def _bold_label_time(label: str) -> tuple[str, str | None]:
    """A bold label's name and the time set in bold with it, or the label and None.

    Typed labels take their time off by the speaker patterns; a Word label in bold is taken whole, so
    its time would make each turn a speaker of its own.

    Examples
    --------
    >>> _bold_label_time("[00:00:03] Entrevistadora"), _bold_label_time("Moira (00:02:09)"), _bold_label_time("Ann")
    (('Entrevistadora', '00:00:03'), ('Moira', '00:02:09'), ('Ann', None))
    """
    found = _BOLD_TIME_FIRST.fullmatch(label) or _BOLD_TIME_AFTER.fullmatch(label)
    return (found["name"], found["time"]) if found else (label, None)


def _turns(
    text: str,
    *,
    patterns: list[re.Pattern[str]] | None,
    known_speakers: frozenset[str],
    interviewer_labels: frozenset[str],
    bold_labels: list[tuple[int, int, str]] | None,
    heading_lines: list[int] | None = None,
    title_lines: list[int] | None = None,
    dayfirst: bool = True,
    asked_only: bool = False,
) -> _Turns:
    """The work of :func:`segment_turns`, with what :func:`segment_document` reports."""
    # Pass 1: candidate labels at line starts, keyed by the line's offset.  Bold
    # labels win over house-style patterns, which win over the built-in ones.
    found: dict[int, tuple[int, int, str, float | None, bool]] = {}
    uncoloned: dict[int, str] = {}  # "Name [00:01:02] words" without a colon: a label only where it recurs
    for line_start, content, speaker in bold_labels or ():
        speaker, time = _bold_label_time(speaker)
        found[line_start] = (line_start, content, without_description(speaker), _clock_seconds(time), True)
    for pattern in patterns or ():
        for match in pattern.finditer(text):
            line_start = match.start()
            if line_start in found or (line_start and text[line_start - 1] != "\n"):
                continue
            time = match.groupdict().get("time")
            found[line_start] = (line_start, match.end(), match.group("speaker").strip(), _clock_seconds(time), True)
    first_line = _BUILTIN_FIRST_LINE.match(text)
    paired: dict[int, tuple[str, str]] = {}  # line start -> (label, its convention's group), of the conventions that count only in pairs
    code_named: set[int] = set()  # line starts of pseudonym codes in lower case ("admin-1:")
    chat_stamps: dict[int, tuple[str, str]] = {}  # line start -> a chat message's (date, time) as written
    spelt: dict[int, tuple[str, str]] = {}  # line start -> (label, the paired convention it is another spelling of)
    headed: set[int] = set()  # line starts of Markdown headings that open with a role word ("### Interviewer: …")
    timed_in_bold: set[int] = set()  # line starts of bold labels with their time in round brackets ("**Bin (04:43):**")
    spelt_qa: set[int] = set()  # line starts of "Question:" and "Answer:", labels only as a transcript's own (below)
    for match in itertools.chain([first_line] if first_line else [], _BUILTIN_LABELS.finditer(text)):
        line_start = match.start() if match is first_line else match.start() + 1
        if line_start in found:
            continue
        speaker_group, time_group = _ALTERNATIVES[match.lastgroup]
        speaker = match.group(speaker_group).strip().rstrip("_")  # "__Megan__:", Markdown bold in underscores
        if match.lastgroup == _CHAT_GROUP:
            if not _a_sender(speaker):
                continue  # "12/03/2024, 10:00 - Visit: …", "… - so I told him: no": a dated note, not a message
            # A chat's sender is whatever name the phone held; the stamp makes it sure.
            chat_stamps[line_start] = (match.group(_CHAT_DATE_GROUP), match.group(time_group))
            found[line_start] = (line_start, match.end(), speaker, _chat_clock(match.group(time_group)), True)
            continue
        if speaker.endswith(".") and len(speaker) > 2:
            speaker = speaker[:-1]  # "INT.:", "Resp.:" are INT and Resp
        base, aside = label_parts(speaker)
        question_or_answer = _question_or_answer(speaker) is not None and match.lastgroup == _NAME_GROUP
        # "Figure 1:", "RQ2:" are no speakers ("Table 1:" may be a world café's table); a bold label's small words are its own.
        if not question_or_answer and (
            base.lower() in _NOT_SPEAKERS or role_word(base).rstrip(". ") in _NOT_SPEAKERS or not (_capitalised(base) or match.lastgroup in (_BOLD_PHRASE_GROUP, _CODE_NAME_GROUP))
            # "Pregunta 2: Trabajo", "Frage 3:": a guide's numbered question, as "Question 2:" is, no speaker
            or role_word(base) in _QUESTION_WORDS_ABROAD and role_word(base) != base.lower()
        ):
            continue  # "Fig. 35:" under a photograph is a caption
        if match.lastgroup == _NAME_GROUP and text[line_start : match.end()].lstrip()[:1] == "<" and "</" not in match.group(0):
            continue  # a label set in tags is wrapped in them: "<p>Autor: <a …>" opens a paragraph, names no one
        if match.lastgroup == _NAME_GROUP and text[line_start : match.end()].lstrip()[:1] == "#":
            if _declared_role(base) is None:
                continue  # a Markdown heading ("## Topic: Housing") labels no one unless it declares a role
            headed.add(line_start)  # kept below only if it names who plays the role
        if match.lastgroup == _CODE_NAME_GROUP:
            code_named.add(line_start)
        if match.lastgroup == _ANGLED_GROUP and text[match.end() - 1 : match.end()] not in (" ", "\t") and not _tagged_turn(text, match.end(), speaker):
            continue
        speaker = without_description(speaker)
        if match.lastgroup in _PAIRED_GROUPS:
            if base.lower() in _DISCOURSE_WORDS:
                continue  # "Yes - we did", "Well. …": a sentence, not a label
            paired[line_start] = (speaker, match.lastgroup)
        time = match.group(time_group) if time_group else None
        on_the_clock = time is not None and match.lastgroup == _ANGLED_GROUP  # "[14:03] <Owen>": a chat log's clock
        content = match.end()
        if time is None and (stamp := _TIME_AFTER_LABEL.match(text, content)):
            # "S01: [00:00:12] Guten Tag …" (noScribe): the time is the turn's, not its words.
            time, content = stamp.group("time") or stamp.group("braced") or stamp.group("bare"), stamp.end()
        # A time makes a label sure, except a bare one opening the line ("10:30 Lunch: …" may be a note).
        sure = time is not None and (match.lastgroup != _TIME_NAME_GROUP or text[line_start : match.end()].lstrip()[:1] in "[(")
        if sure and match.lastgroup == _BOLD_TIME_GROUP and _TIME_IN_BOLD_BRACKETS.match(text, line_start, match.end()):
            # "**Bin (04:43):**" is a label where it comes back or answers the interviewer, as a plain name is: an
            # agenda's "**Welcome (09:00):** The chair opens" is set so too, each item once.
            sure = False
            timed_in_bold.add(line_start)
        seconds = _chat_clock(time) if on_the_clock else _clock_seconds(time)
        found[line_start] = (line_start, content, speaker, seconds, sure)
        if question_or_answer:
            spelt_qa.add(line_start)  # kept below only as a transcript's question-and-answer labels
        if match.lastgroup in _CLOCK_LINE_GROUPS:
            spelt[line_start] = (speaker.lower(), _CLOCK_LINE_GROUPS[match.lastgroup])
        if match.lastgroup == _NAME_TIME_GROUP and match.group(0).rstrip()[-1:] not in (":", "："):
            uncoloned[line_start] = speaker
    for loose in _LOOSE_QUESTION_ANSWER.finditer(text):
        # "question:" in lower case, "Question." with a full stop: labels only as the "Question:" above are.
        if loose.start() not in found and _question_or_answer(loose["speaker"]) is not None:
            found[loose.start()] = (loose.start(), loose.end(), loose["speaker"], None, False)
            spelt_qa.add(loose.start())
    examining = _examination_lines(text)
    for match in _EXAMINING.finditer(text):
        for starts in (found, paired, spelt, uncoloned, chat_stamps):  # "BY MR. HALE:" names who asks the "Q." turns below
            starts.pop(match.start(), None)
            starts.pop(match.start("by"), None)
        code_named.difference_update((match.start(), match.start("by")))
    kept_qa = _question_answer_labels(found, spelt_qa)
    appendix = _question_answer_appendix(text, found, spelt_qa, kept_qa)
    for line_start in spelt_qa - (set() if appendix is not None else kept_qa):
        del found[line_start]
    if appendix is not None:  # its title read as a name over words ("FAQ"): the passage's, no one's label
        for starts in (found, paired, spelt, uncoloned, chat_stamps):
            starts.pop(appendix, None)
        code_named.discard(appendix)
    # A notes heading ("Community researcher Notes:", "[Note]:") is no one's label in any convention: it ends the
    # turn before it (below), and must not count as another convention's label beside names on their own lines.
    for line_start in _note_lines(text):
        found.pop(line_start, None)
    # "PR: https://github.com/…" under a podcast's transcript, "Zoom: https://…" in a header: a link's caption, no
    # one speaking, where the label opens no other line; "Ann: https://…" among Ann's turns is her message.
    said = Counter(entry[2] for entry in found.values())
    following = dict(itertools.pairwise([*sorted(found), len(text)]))
    for line_start in [start for start, entry in found.items() if said[entry[2]] == 1 and _LINK_ONLY.fullmatch(text, entry[1], following[start])]:
        del found[line_start]
    for line_start in _header_codes(text, found):
        del found[line_start]
    for line_start in _question_numbers(found, known_speakers):
        del found[line_start]  # "4 : Et sur …" in bold under "[Chercheur]": the guide's question 4, the turn's words
    # A label the manifest declares is a label whatever its shape ("Peer researcher Ali:", "Investigadora par:"),
    # where no convention read one on its line.
    if known_speakers and (declared_label := _declared_labels(known_speakers)) is not None:
        for match in declared_label.finditer(text):
            if match.start() not in found:
                found[match.start()] = (match.start(), match.end(), match.group("speaker"), None, True)
    # A label in brackets alone on its line over the words ("[Chercheur]"), where the same name labels other turns of
    # the document with their times ("[Chercheur] (0:43 - 1:11)"): a transcription tool's label whose time was cut.
    if found:
        labelled = {entry[2].casefold() for entry in found.values() if entry[3] is not None}
        for match in _BRACKETED_LINE.finditer(text):
            if match.start() not in found and match.group("speaker").strip().casefold() in labelled:
                found[match.start()] = (match.start(), match.end(), match.group("speaker").strip(), None, True)
    # "Sowas [00:07:14] habe ich auch …": a sentence's first word before a time, once, among other labels.
    # A focus group written "Name [00:00:20] words" throughout keeps its one-off voices.
    if uncoloned and len(uncoloned) * 2 < len(found) and len(found) >= 4:
        said = Counter(entry[2] for entry in found.values())
        for line_start in [start for start, speaker in uncoloned.items() if said[speaker] == 1]:
            del found[line_start]
    if code_named:
        _keep_code_names(text, found, code_named)
    _minutes_after_labels(text, found)
    if paired:
        for line_start, (speaker, group) in list(paired.items()):
            # A name line right above another label is no turn (its words would be empty);
            # a redaction ("XXXX XXX") is nobody's name.
            next_line = text.find("\n", found[line_start][1]) + 1  # 0: the words run to the end of the text
            if (group == _NAME_LINE_GROUP and next_line and next_line in found) or not speaker.replace("X", "").replace(" ", ""):
                del paired[line_start], found[line_start]
        # "A. Ten years", "Rent - about half", "[Name] came round" or a line "CONFIDENTIAL" could be a
        # list item, prose, an anonymised name or a page header: such a convention is the transcript's
        # only where no other labels are found, two of its labels each open two lines or more,
        # and they read as talk (see _take_turns_talking); then all its labels are speakers
        # (one who speaks once too).
        recurring = Counter(paired.values())

        for convention in {group for _, group in paired.values()}:
            # "A1  26:02" typed with Otter's two spaces among 60 "P1 0:17" lines of the same people is
            # the same convention, not a transcript's own labels that make the one-space lines prose.
            names = {label.lower() for label, group in paired.values() if group == convention}
            other = [start for start in found if start not in paired and not (spelt.get(start, ("", ""))[1] == convention and spelt[start][0] in names)]
            # Role words alone on their lines stay the transcript's labels beside a few typed ones (a coding tool's print
            # of "Interviewer1" over each paragraph, with "Interviewee: No." once inside one): ten of theirs to one.
            own = [label for label, group in paired.values() if group == convention]
            if convention == _INITIALS_GROUP:
                # A focus group's header ("SEGMENTACIÓN: …", "PARTICIPANTES:") comes before the first "P=" and is no
                # other convention's transcript; a one-off "Para diputado:" inside a turn, among hundreds of "N=", neither.
                first_own = min(start for start, (_, group) in paired.items() if group == convention)
                named = Counter(entry[2] for entry in found.values())
                fields = [start for start in other if start < first_own and named[found[start][2]] == 1 and not _is_role_label(found[start][2])]
                other = [start for start in other if start > first_own]
                others = bool(other) and 10 * len(other) > len(own)
            elif convention == _ROLE_STOP_GROUP and set(own) == {"Q", "A"}:
                # A deposition's "Q."/"A." beside its lawyers' colloquy ("MR. HALE: Objection."): the examination's
                # own labels where they are three to one of the others' at least, each letter twice or more.
                others = bool(other) and (3 * len(other) > len(own) or min(Counter(own).values()) < 2)
            else:
                others = bool(other) and not (all(_ROLE_WORD.fullmatch(label) for label in own) and 10 * len(other) <= len(own))
            declared = known_speakers and all(label.lower() in known_speakers for label, group in paired.values() if group == convention)
            if declared and (not others or convention == _NAME_LINE_GROUP):
                # Every label the manifest declares: its speakers, however the turns run; names alone on their
                # lines, whatever other label a typing slip left ("Interviewee1 : c'est ça." among 87 of them),
                # but not "Tom - the chair" in a list beside the transcript's own labels.
                continue
            taken = sum(1 for (_, group), count in recurring.items() if group == convention and count >= 2)
            if convention == _INITIALS_GROUP and not others and taken >= 2 and _take_turns_talking(text, sorted(found), paired, convention):
                if _initials_talk(text, found, [start for start, (_, group) in paired.items() if group == convention]):
                    for start in fields:
                        del found[start]  # the header's fields above the group's first turn, once each: header text, no one's turn
                    continue
                others = True  # a glossary's or a model's "GP = …", "A = B + C" lines, or code: no talk
            if others or taken < 2 or not _take_turns_talking(text, sorted(found), paired, convention, found=found):
                # "Greg 00:01:06" over the words among the transcript's "Greg: 00:00:00" turns is the same label with
                # its colon left out: a speaker the other labels name, above the words with the turn's time.
                labelled = {found[start][2].lower() for start in other} if others and convention in _CLOCK_LINE_GROUPS.values() else set()
                for line_start, (label, group) in list(paired.items()):
                    if group == convention and label.lower() not in labelled:
                        del found[line_start]
    joint: dict[int, list[str]] = {}  # line start -> the names a joint voice's label joins
    listed: set[int] = set()  # list items a role's bold label opens (a note-taker's notes in the guide)
    if not chat_stamps:
        _add_untidy_labels(text, found)
        listed = _add_listed_labels(text, found, known_speakers)
        joint = _add_joint_labels(text, found)
    # A Markdown heading is a header line only where it names who plays its role and that name takes turns
    # ("### Interviewer: Maria Lewalska" over "Maria: …"); "## Participant: Early Life" heads a section of the guide.
    spoken = {label[2].lower() for start, label in found.items() if start not in headed}
    for line_start in headed:
        if line_start in found and not _declares_names(text, found[line_start], spoken):
            del found[line_start]
    dates: dict[int, date] = {}
    if chat_stamps:
        # A chat export's messages open only at its stamps: a "Mum: …" line inside a message is the
        # message's words. Chat lines pasted into a typed transcript ("Tom: they sent this:" over
        # "12/03/2024, 14:05 - Support Team: …") are the speaker's words, not new speakers: beside
        # labels of a typed transcript (role labels, names that recur) the stamps must be three
        # quarters of the labels for the text to be a chat.
        others = Counter(label[2] for start, label in found.items() if start not in chat_stamps)
        credible = [name for name, count in others.items() if count >= 2 or _is_role_label(name)]
        if len(chat_stamps) >= 2 and (not credible or 4 * len(chat_stamps) >= 3 * len(found)):
            found = {start: label for start, label in found.items() if start in chat_stamps}
        else:
            found = {start: label for start, label in found.items() if start not in chat_stamps}
            chat_stamps = {}
    if chat_stamps:
        dates = _chat_dates(chat_stamps, dayfirst=dayfirst)
        # A stamped line with no sender (someone joined, the chat's encryption notice) is nobody's words.
        events = [match.start() for match in _CHAT_EVENT.finditer(text) if match.start() not in found]
        heading_lines = sorted({*(heading_lines or ()), *events})
    candidates_before = [found[key] for key in sorted(found)]
    candidates, renamed = _one_name_each(candidates_before)
    counts: dict[str, int] = {}
    for candidate in candidates:
        counts[candidate[2]] = counts.get(candidate[2], 0) + 1

    def accepted(speaker: str, sure: bool) -> bool:
        return (
            sure
            or counts[speaker] >= 2
            or speaker.lower() in known_speakers
            or _is_role_label(speaker)
        )

    labels = []
    spoken = {candidate[2].lower() for candidate in candidates}
    for candidate in candidates:
        speaker = candidate[2]
        # A one-off "Name:" straight after the interviewer's turn is the answer to it; after a header
        # line ("Entrevistadora: Betty Huerta") "Rol: Dirección General" answers nothing.
        # Not where the reader found the questions set apart and no typed labels: the answers are unlabelled there.
        answers = not asked_only and bool(labels) and _asks(labels[-1][2], interviewer_labels) and not _declares_names(text, labels[-1], spoken)
        if answers or accepted(speaker, candidate[4]):
            labels.append(candidate)
    note, doubt = None, None
    surely = [c for c in labels if c[4] or c[2].lower() in known_speakers or _is_role_label(c[2])]
    if len(surely) < len(labels):
        sure_lines = {c[0] for c in surely}
        verdict = _take_turns([c[2] for c in labels], {c[2] for c in labels if c[0] not in sure_lines})
        if verdict is not None and verdict[0] == "headings":
            labels, note = surely, verdict[1]
        elif verdict is not None:
            doubt = verdict[1]
    headings: set[int] = set()
    if note is None and len(surely) < len(labels):
        sure_lines = {c[0] for c in surely}
        titles = _section_titles(text, labels, {c[2] for c in labels if c[0] not in sure_lines}, interviewer_labels)
        if titles:
            headings = {c[0] for c in labels if c[2] in titles}
            shown = ", ".join(repr(name) for name in sorted(titles))
            note = f"{shown} open lines holding only a short title, between other speakers' turns: read as section headings, not speakers"
    # In a transcript with two or more speakers already, a short one-off label is one
    # more voice (a focus group member who speaks once), not prose.
    # Not before the first speaker who comes back: "Drivechain: An interoperability layer" on a page's first
    # line is its title, "Rol: Dirección General" and "Select: Liderazgo" under a note's title its properties;
    # nor after the last one's last turn: "Jump To: Tape 02" closing an oral history's web page is a link
    # (a few words and no sentence; an unpunctuated last turn of speech recognition is still a voice).
    # Nor where the reader found the questions set apart: "Medium term: …" inside an unlabelled answer is its words.
    if not asked_only and not headings and note is None and len({label[2] for label in labels}) >= 2 and len(labels) < len(candidates):
        first_voice = next((label[0] for label in labels if counts[label[2]] >= 2), labels[0][0])
        last_voice = next((label[0] for label in reversed(labels) if counts[label[2]] >= 2), labels[-1][0])
        ends = dict(itertools.pairwise([c[0] for c in candidates] + [len(text)]))
        labels = [
            c for c in candidates
            if c in labels
            or (
                (c[0] > first_voice or _says_a_sentence(text, c))
                and (c[0] < last_voice or _SENTENCE_END.search(text, c[1], ends[c[0]]) is not None or len(text[c[1] : ends[c[0]]].split()) > 4)
                and (len(_name_words(label_parts(c[2])[0])) <= 2 or _bold_label(text, c))
                and c[2].lower() not in _DISCOURSE_WORDS
            )
        ]
    if timed_in_bold:
        labels = _timed_in_bold_voices(labels, candidates, timed_in_bold)
    if joint:
        # "Dai and Kwame: Exactly." is a voice of its own where Dai and Kwame are both the file's speakers
        # (one of them may speak once, a focus group's one-off voice); else the line stays the turn's words.
        voices = {label[2] for label in labels if label[0] not in joint}
        labels = [label for label in labels if label[0] not in joint or all(part in voices for part in joint[label[0]])]
    credits = _credit_lines(text, labels)
    if credits:
        labels = [label for label in labels if label[0] not in credits]
        note = _also(note, f"{len(credits)} credit line(s) before the conversation (\"Name: An interview conducted by …\") read as no one's turn")
    labels, declared, header_note = _header_declarations(text, labels, known=known_speakers)
    if renamed and labels:
        note = _also(note, renamed)
        spelt_roles = _spelt_out_roles(candidates_before, interviewer_labels, known=known_speakers | set(declared))
        declared = {**spelt_roles, **declared}
        if spelt_roles:
            note = _also(note, "; ".join(f"{letter.upper()!r} is the {role}'s label, as the {'question' if role == 'interviewer' else 'answer'} word spelling it out is" for letter, role in spelt_roles.items()))
    if header_note:
        note = _also(note, header_note)
    papers = _papers_after_turns(text, labels) if labels and appendix is None else None
    if papers is not None:
        set_aside = [label for label in labels if label[0] >= papers[0]]
        labels = [label for label in labels if label[0] < papers[0]]
        # Warned, not only noted: a guess from a title, which the researcher should see (papers, or her last words).
        doubt = _also(
            doubt,
            f"{papers[1]} after the interview's last turn set aside as one passage of no one's words, not the last answer's"
            + (f" ({len(set_aside)} label(s) in it not read as turns)" if set_aside else "")
            + f": {_first_lines(text, [papers[0]])}",
        )
    tapes = _tape_lines(text) if labels else []
    answer_starts = [label[0] for label in labels if label[2].casefold() in {"a", "r", *ANSWER_WORDS}]
    agenda = _agenda_lines(text, turn_starts=[label[0] for label in labels], answer_starts=answer_starts) if labels else []
    untagged = _after_closing_tags(text, labels) if labels else []
    examining = examining if labels else []
    notes = [*_note_lines(text), *tapes, *examining, *agenda, *untagged, *([appendix] if appendix is not None else []), *([papers[0]] if papers is not None else [])] if labels else []
    if labels and appendix is not None:
        shown = _first_lines(text, [appendix])
        note = _also(note, f"{sum(1 for start in spelt_qa if start >= appendix)} 'Question:'/'Answer:' line(s) after the interview's last turn read as one passage of no one's words (a project's questions and answers, not turns): {shown}")
    if examining:
        note = _also(note, f"{len(examining)} line(s) naming the examining lawyer read as headings, nobody's words (the questions under each are that lawyer's, the interviewer's): {_first_lines(text, [match.start('by') for match in _EXAMINING.finditer(text)])}")
    if agenda:
        shown = _first_lines(text, agenda)
        note = _also(note, f"{len(agenda)} line(s) of an interview guide's sections read as headings between turns, nobody's words: {shown}")
    if untagged:
        shown = _first_lines(text, untagged)
        note = _also(note, f"{len(untagged)} passage(s) after a turn's closing tag read as nobody's words, not the speaker's: {shown}")
    # A change of tape or side mid-answer does not end it: the words after the mark are the same speaker's.
    # Only the interview's or recording's end is followed by no one's words (an index of names, a release).
    tape_changes = {line for line in tapes if not _RECORDING_END.search(text, line, text.find("\n", line) if "\n" in text[line:] else len(text))}
    if notes:
        heading_lines = sorted({*(heading_lines or ()), *notes})
    if heading_lines:
        # Lines the reader knows are titles between turns ("Part 2: Housing" across a table) are
        # nobody's, whatever label they seem to open, and end the turn before them.
        lines = set(heading_lines)
        labels = [label for label in labels if label[0] not in lines]
        titled = [(line, line, "", None, True) for line in sorted(lines) if labels and line > labels[0][0]]
        labels = sorted(labels + titled)
        headings |= {title[0] for title in titled}
    if title_lines and labels:
        labels = _with_titles(text, labels, title_lines, listed=listed)
        headings |= {label[0] for label in labels if label[2] == ""}
    if not labels:
        return _Turns(None, note, doubt)

    # Only the interviewer labelled ("Q: …" above unlabelled answers): what follows each question is
    # the answer, where at least half the questions have text after them (else long questions).
    # A transcriber who labelled the first answer or two and then only the questions ("I: …" 74
    # times, "P: …" once) left the same layout: the questions the next turn of which is again a
    # question are split so, where they are most of the questions.
    splits: dict[int, int] = {}
    labels_at = {label[0]: label for label in labels}
    turns = [label for label in labels if label[0] not in headings]
    # A note-taker's lines are the research team's, but no questions an unlabelled answer follows.
    questions = [label for label in turns if _asks(label[2], interviewer_labels) and role_word(label[2]) not in _NOTE_TAKER_WORDS]
    asking = {label[0] for label in questions}
    unanswered = {turn[0] for turn, after in zip(turns, [*turns[1:], None]) if turn[0] in asking and (after is None or after[0] in asking)}
    if len(questions) >= 2 and 4 * (len(turns) - len(questions)) <= len(questions) and 2 * len(unanswered) >= len(questions):
        for index, (line_start, content, _, _, _) in enumerate(labels):
            stop = labels[index + 1][0] if index + 1 < len(labels) else len(text)
            split = _question_end(text, *_trim(text, content, stop)) if line_start in unanswered else None
            if split is not None:
                splits[line_start] = split
        # A question trailing off ("And how did that feel…") asks as a question mark does.
        asked = sum(_unemphasised(text[labels_at[line_start][1] : split]).endswith(ASKING_ENDS) for line_start, split in splits.items())
        # Most labelled turns have text after them, and most of those are questions (not a researcher's memo);
        # or no one else is labelled at all: a think-aloud session's moderator, whose one-line prompts and
        # requests ("Would you mind reading the task again.") break into the participant's unlabelled words.
        alone = len(questions) == len(turns) and len(splits) >= _MODERATOR_PROMPTS
        if 2 * len(splits) < len(unanswered) or (2 * asked < len(splits) and not alone):
            splits = {}
    # The moderator labelled once or twice at most ("MODERADOR: SI US SEMBLA, …"), then only in capitals.
    few_asked = len(questions) <= 2 and 10 * len(questions) <= len(turns)
    capitals = _capital_passages(text, labels, headings) if few_asked else []
    moderator = questions[0][2] if capitals and len({label[2] for label in questions}) == 1 else CAPITALS_MODERATOR
    if capitals:
        # A one-off label on a line all in capitals ("PEQUEÑO DATO: ¿EDAD …?") is the moderator's words, not a voice.
        said = Counter(label[2] for label in labels)
        shouted = {label[0] for label in labels if said[label[2]] == 1 and label[0] not in headings and _in_capitals(_rest_of_line(text, label[0]))}
        if shouted and len(shouted) < len(labels):
            labels = [label for label in labels if label[0] not in shouted]
            capitals = _capital_passages(text, labels, headings)
    answers = 0
    placeholders = 0
    marks = 0
    continued = 0  # turns that go on after a change of tape
    timed_only: Counter[str] = Counter()  # "**Break:** [23:50]": a label and the recording's time, no words
    segments: list[Segment] = []
    preamble = _trim(text, 0, labels[0][0])
    if capitals and capitals[0][1] <= labels[0][0]:
        # The moderator's opening, before the first participant speaks: the preamble up to it is the header.
        segments.append(_closed(text, Segment(*capitals[0], moderator)))
        preamble = _trim(text, 0, capitals[0][0])
    pending, preamble = _time_marks_at_end(text, *preamble)  # "Transcript⏎00:00:00": the first turn's time
    marks += pending is not None
    if preamble[1] > preamble[0]:
        segments.append(Segment(preamble[0], preamble[1]))
    speaking: tuple[str, date | None] | None = None  # the last turn's speaker and date, which a tape change does not end
    last_turn = max((label[0] for label in labels if label[0] not in headings), default=-1)
    for index, (line_start, content, speaker, time, _) in enumerate(labels):
        stop = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        if line_start in headings:
            # A section heading is nobody's words: kept whole, label and all, like a header line.
            start, end = _trim(text, line_start, stop)
            # Not after the last turn: "End of Tape 01 of 02" closing the file ends the recording.
            if line_start in tape_changes and speaking is not None and line_start < last_turn:
                # The mark alone is no one's; what follows it before the next label goes on the last turn.
                line_end = text.find("\n", start, end)
                if line_end != -1:
                    segments.append(Segment(*_trim(text, start, line_end)))
                    after = _trim(text, line_end, end)
                    if after[1] > after[0]:
                        segments.append(_closed(text, Segment(after[0], after[1], speaking[0], date=speaking[1])))
                        continued += 1
                    continue
            if end > start:
                segments.append(Segment(start, end))
            continue
        speaking = (speaker, dates.get(line_start))
        start, end = _trim(text, content, stop)
        if line_start in chat_stamps:
            # What a chat export writes for what it left out ("<Media omitted>", "image omitted",
            # "This message was deleted") is no one's words; an edit mark is not the message's.
            edited = _CHAT_EDITED.search(text, start, end)
            if edited and edited.end() == end:
                start, end = _trim(text, start, edited.start())
            if _CHAT_PLACEHOLDER.fullmatch(text, start, end):
                placeholders += 1
                segments.append(Segment(start, end))
                continue
        if end <= start or (time is not None and _UNTIL_ONLY.fullmatch(text, start, end)):
            if time is not None:
                timed_only[speaker] += 1
            continue
        if time is None:
            time = pending
        # A time on a line of its own after the words (Google Meet writes one every few minutes) is the next turn's.
        pending, (start, end) = _time_marks_at_end(text, start, end)
        marks += pending is not None
        split = splits.get(line_start)
        inside = [passage for passage in capitals if start < passage[0] and passage[1] <= end]
        if inside:
            # The moderator's words in capitals break into the turn: each passage is theirs, the rest the speaker's.
            at = start
            for passage in inside:
                said = _trim(text, at, passage[0])
                if said[1] > said[0]:
                    segments.append(_closed(text, Segment(*said, speaker, time if at == start else None, date=dates.get(line_start))))
                segments.append(Segment(*passage, moderator, date=dates.get(line_start)))
                at = passage[1]
            rest = _trim(text, at, end)
            if rest[1] > rest[0]:
                segments.append(_closed(text, Segment(*rest, speaker, date=dates.get(line_start))))
            continue
        if split is None:
            segments.append(_closed(text, Segment(start, end, speaker, time, date=dates.get(line_start))))
            continue
        segments.append(_closed(text, Segment(start, split, speaker, time, date=dates.get(line_start))))
        answer = _trim(text, split, end)
        segments.append(_closed(text, Segment(answer[0], answer[1], UNLABELLED_ANSWER)))
        answers += 1
    if capitals:
        note = _also(
            note,
            f"the participants' turns are labelled, the moderator's words set in capitals: {len(capitals)} passage(s) in capitals between "
            f"turns read as the moderator's (speaker {moderator!r}), not the participant's before them",
        )
    if marks:
        note = _also(note, f"{marks} time mark(s) on a line of their own between turns read as the next turn's time, not words")
    if continued:
        note = _also(note, f"{continued} turn(s) go on after a mark of the tape or side changing, which is no one's words")
    if timed_only:
        shown = ", ".join(f"{label!r} {count}" for label, count in timed_only.most_common())
        note = _also(note, f"{timed_only.total()} line(s) of a label and the recording's time with no words ({shown}) read as marks in the recording (a break, a jingle), no one's turn")
    if placeholders:
        note = _also(note, f"{placeholders} chat message(s) are only the export's placeholder for media or a deleted message (its content is not in the file): no one's words")
    if answers:
        asked = ", ".join(sorted({repr(label[2]) for label in questions}))
        others = len(turns) - len(questions)
        also = f", the participant's only {others} time(s)" if others else ""
        found_note = (
            f"only the interviewer's turns are labelled ({asked}{also}): the unlabelled text after {answers} question(s) "
            f"is read as the participant's answers (speaker {UNLABELLED_ANSWER!r})"
        )
        note = _also(note, found_note)
    return _Turns(segments, note, doubt, declared)


#: The end of a break's span after its time, all a labelled line holds ("**Break:** [26:45] to [27:30]").
_UNTIL_ONLY = re.compile(rf"(?:to|until|-|–)[ \t]*\[{_CLOCK}\][ \t]*")


#: How many of the interviewer's turns, in a file where no one else is labelled, must have words after their
#: first line for those words to be read as the participant's though the turns ask no question.
_MODERATOR_PROMPTS = 3


#: A researcher's note written in square brackets as a label between turns: "**[NOTAS DE OBSERVACIÓN]:** …",
#: "[Note]: …" (square brackets are the transcriber's, in every convention).
_NOTE_LINE = re.compile(r"^[ \t]*(?:\*\*|__)?\[(?P<word>[^\W\d_]+)[^\]\n]{0,40}\](?:\*\*|__)?[ \t]*:", re.MULTILINE)
# Who writes notes on an interview: the asking roles, and an observer sitting in.
_NOTE_TAKERS = rf"(?:{_ROLE_WORDS}|(?i:observer))(?:['’]s)?"
_NOTES_WORD = r"(?i:notes?|memos?|reflections?|observations?)"
# The notes in Spanish and Portuguese name their writer after them ("Notas de la investigadora:", "Notas do pesquisador:").
_NOTES_OF_A_ROLE = (
    rf"(?i:notas?|observaciones|observações|reflexiones|reflexões)(?i: de campo)? (?i:de la|del|da|do) "
    rf"(?i:{_ROLES_DESCRIBED_AFTER}|observador|observadora)(?i: (?:{_DESCRIPTORS_AFTER}))?"
)
# So do French, Catalan, Italian, Dutch, German and Polish, the writer's role in the form "of" asks: "Notes de
# l'enquêtrice", "Notes de l'entrevistadora", "Note dell'intervistatore", "Notities van de interviewer", "Notizen der
# Interviewerin", "Notatki badaczki"; German also joins them in one word ("Interviewernotizen", "Beobachtungsnotizen")
# and calls an interviewer's notes after the interview its "Postskript".
_APOSTROPHE = "['’]"
_NOTES_OF_A_ROLE_ABROAD = (
    rf"(?i:notes?(?: de (?:terrain|camp))? (?:de l{_APOSTROPHE} ?|de la |du |des |del )"
    r"(?:enquêteur|enquêtrice|enquêteurs|intervieweur|intervieweuse|chercheur|chercheuse|observateur|observatrice"
    r"|entrevistador|entrevistadora|investigador|investigadora|observador|observadora))"
    rf"|(?i:(?:note|appunti)(?: di campo)? (?:dell{_APOSTROPHE} ?|del |della |dei |degli )"
    r"(?:intervistatore|intervistatrice|intervistatori|ricercatore|ricercatrice|ricercatori|osservatore|osservatrice))"
    r"|(?i:(?:notities|aantekeningen|veldnotities) van de (?:interviewer|interviewster|onderzoeker|onderzoekster|observator|waarnemer))"
    r"|(?i:(?:notizen|anmerkungen|feldnotizen) (?:der|des) (?:interviewerin|interviewers|forscherin|forschers|beobachterin|beobachters|interviewenden))"
    r"|(?i:interviewernotizen|interviewerinnennotizen|beobachtungsnotizen|beobachternotizen|(?:interview)?postskript)"
    r"|(?i:(?:notatki|uwagi)(?: terenowe)? (?:badacza|badaczki|ankietera|ankieterki|prowadzącego|prowadzącej|obserwatora|obserwatorki|moderatora|moderatorki))"
)
#: A role's notes opening a line ("Researcher Notes:", "Community researcher Notes:", "**Interviewer's notes:**",
#: "Interviewer field notes:", "Observer notes:", "Notes (interviewer):", "Notas de la investigadora:", "Notes de
#: l'enquêtrice :", "Notizen der Interviewerin:", "Note dell'intervistatore:", "Notatki badaczki:"): a heading
#: over the researcher's notes, not a speaker called "Researcher Notes" (nor the previous speaker's words).
_ROLE_NOTES_LINE = re.compile(
    rf"^[ \t]*(?:\*\*|__)?(?:{_NOTE_TAKERS}[ \t]+(?i:(?:field|session|interview|contact|reflective|post-interview)[ \t]+)?{_NOTES_WORD}"
    rf"|{_NOTES_WORD}[ \t]*\({_NOTE_TAKERS}\)|{_NOTES_OF_A_ROLE}|{_NOTES_OF_A_ROLE_ABROAD})(?:\*\*|__)?[ \t\u00a0\u202f]*:",
    re.MULTILINE,
)


def _note_lines(text: str) -> list[int]:
    """Where a note in brackets, or a role's notes, opens a line ("**[NOTAS DE OBSERVACIÓN]:** calm, sure of himself",
    "Community researcher Notes: tired but keen"): no one's words.

    The bracket's first word must say it is a note (:data:`_NOTE_WORDS`: note, nota, notiz,
    remarque, memo, comment…, or their plural), so "[Interviewer]: …" and "[Crosstalk]: …" are not one; without
    brackets, a role word (:data:`_ROLE_WORDS`) before "Notes" ("Researcher Notes:"), as in a peer-research study's
    write-up, is one (a bare "Notes:" is not: it may be said in a turn). Such a line
    ends the turn before it, as a heading does; the words under it are the note's.

    Examples
    --------
    >>> text = "**E1:** Ten years.\\n\\n**[NOTAS DE OBSERVACIÓN]:** sure of himself.\\n\\n**I:** And now?"
    >>> [text[line : text.index("\\n", line)] for line in _note_lines(text)]
    ['**[NOTAS DE OBSERVACIÓN]:** sure of himself.']
    """
    bracketed = [match.start() for match in _NOTE_LINE.finditer(text) if match.group("word").lower() in _NOTE_WORDS]
    return sorted({*bracketed, *(match.start() for match in _ROLE_NOTES_LINE.finditer(text))})


#: A case's code as a header gives it ("P03", "LARD-017", "12"): letters, perhaps a dash, and a number.
_CASE_CODE = re.compile(r"[^\W\d_]{1,8}[-_ ]?\d{1,5}[^\W\d_]?")


def _question_numbers(found: Mapping[int, tuple[int, int, str, float | None, bool]], known_speakers: frozenset[str]) -> list[int]:
    """Line starts of labels that are a bare number, a numbered list's item or an interview guide's question
    ("4 : Et sur l'un de ces gestes …", set in bold), not a speaker: unless numbers label turns throughout, one number
    opening two lines or more and numbers a third of the labels or more (a focus group's "1:", "2:", "1:" …), or
    the manifest declares the number.

    Examples
    --------
    >>> guide = {0: (0, 12, "Chercheur", None, True), 40: (40, 44, "4", None, True), 90: (90, 102, "Interviewe", None, True)}
    >>> _question_numbers(guide, frozenset())
    [40]
    >>> group = {0: (0, 3, "M", None, True), 20: (20, 23, "1", None, True), 40: (40, 43, "2", None, True), 60: (60, 63, "1", None, True)}
    >>> _question_numbers(group, frozenset())
    []
    """
    numbers = [(at, label[2]) for at, label in found.items() if label[2].strip().isdigit() and label[2].strip().lower() not in known_speakers]
    if not numbers:
        return []
    said = Counter(number for _, number in numbers)
    if max(said.values()) >= 2 and 3 * len(numbers) >= len(found):
        return []
    return [at for at, _ in numbers]


def _header_codes(text: str, found: Mapping[int, tuple[int, int, str, float | None, bool]]) -> list[int]:
    """Role labels over the turns whose line holds only a code ("Participant: P03" in a service's header): header lines.

    Before the first label that comes back, the participant's role written out ("Participant", "Interviewee", not
    "R") followed by nothing but a case's code on its line (letters and a number) says whose interview it is; no one
    answers "P03". Later, "Participant: 12" answers a question.

    Examples
    --------
    >>> text = "Participant: P03\\nQ: How?\\nA: Well.\\nQ: And?\\nA: Fine."
    >>> found = {0: (0, 13, "Participant", None, False), 17: (17, 20, "Q", None, False), 25: (25, 28, "A", None, False),
    ...          34: (34, 37, "Q", None, False), 41: (41, 44, "A", None, False)}
    >>> _header_codes(text, found)
    [0]
    """
    said = Counter(label[2] for label in found.values())
    first_turn = min((start for start, label in found.items() if said[label[2]] >= 2), default=len(text))
    return [
        start for start, (_, content, speaker, time, _) in sorted(found.items())
        if start < first_turn and time is None and said[speaker] == 1 and len(speaker) > 3 and _declared_role(speaker) == "participant"
        and _CASE_CODE.fullmatch(text[content : text.find("\n", content) if "\n" in text[content:] else len(text)].strip())
    ]


#: A letter or a digit: a line without one holds no words.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def _after_closing_tags(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> list[int]:
    """Where words follow a turn tagged as XML after its closing tag, before the next turn: no one's words.

    A turn opened by "<entrevistado>" ends where the text closes it ("…</entrevistado>"); a photograph's
    caption or the write-up's text after it and before the next tag is not the speaker's. The first line
    with words after the closing tag's line ends the turn, as a heading does; a rule between turns is layout,
    and a passage in a tag of its own ("<destaque1>…", a highlight left outside the turn's tags) stays the turn's.

    Examples
    --------
    >>> text = "<q>Why?</q>\\n<a>Rent.</a>\\n\\n**Photo 2:** the house.\\n<q>And?</q>\\n<a>Time.</a>"
    >>> labels = [(0, 3, "q", None, False), (12, 15, "a", None, False), (50, 53, "q", None, False), (62, 65, "a", None, False)]
    >>> [text[line : text.index("\\n", line)] for line in _after_closing_tags(text, labels)]
    ['**Photo 2:** the house.']
    """
    starts, lowered = [], text.lower()
    for (line_start, content, speaker, _, _), after in zip(labels, [*labels[1:], None]):
        stop = after[0] if after is not None else len(text)
        if not speaker or re.match(rf"[ \t]*(?:{_TAG_HEADING})?<{re.escape(speaker)}>", text[line_start:content], re.IGNORECASE) is None:
            continue  # not a turn tagged as XML
        closing = lowered.find(f"</{speaker.lower()}>", content, stop)
        line = text.find("\n", closing, stop) if closing >= 0 else -1
        while line >= 0 and line + 1 < stop:
            line_end = text.find("\n", line + 1, stop)
            words = text[line + 1 : line_end if line_end >= 0 else stop]
            if _WORD_CHARACTER.search(words):  # a rule between turns ("---") or a lone backslash is layout
                if not words.lstrip().startswith("<"):  # "<destaque1>…" after it: a highlight of the same words, still theirs
                    starts.append(line + 1)
                break
            line = line_end
    return starts


#: A tape's number in such a mark: a numeral or short word ("12", "2B", "one", "IV"), or a number word up to
#: ninety-nine ("Eleven", "Twenty-One"), as long recordings of the archives run past ten tapes.
_TAPE_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TAPE_NUMBER = (
    rf"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:{_TAPE_UNITS}))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_TAPE_UNITS}|\w{{1,4}}"
)
#: An oral-history transcript's mark of its recording on a line of its own: "END OF TAPE 1, SIDE A",
#: "[Begin Tape 2, Side B]", "(End of session one)", "[END OF INTERVIEW]", "TAPE 3, SIDE A", and without "of"
#: ("Beginning Tape Three, Side B", as the United States Holocaust Memorial Museum's transcripts write it, and
#: their closing line, "Conclusion of Interview", nothing after it); the Densho Digital Archive's "<Begin Segment 2>"
#: and "<End Segment 1> - Copyright © 2009 Densho. All Rights Reserved.", its video's segments.
_TAPE_LINE = re.compile(
    r"^[ \t]*[\[(]?[ \t]*(?:(?:end|begin|beginning|start|resume|resumption)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?:tape|side|cassette|reel|disc|disk|cd|session|interview|recording|part|track|audio(?:[ \t]+file)?|file|segment)\b[^\n\[\]()]{0,60}"
    r"|conclusion[ \t]+of[ \t]+(?:the[ \t]+)?interview"
    r"|<(?:begin|end)[ \t]+segment[ \t]+\d{1,4}>(?:[ \t]*[-\u2013\u2014][ \t]*copyright\b[^\n]{0,80}?)?"
    rf"|(?:(?:end|begin|beginning|start)[ \t]+)?(?:tape|cassette|reel)[ \t]+(?:{_TAPE_NUMBER})(?:[ \t]*,?[ \t]*side[ \t]+\w{{1,3}})?|side[ \t]+[ab12])[ \t]*[\])]?[ \t.]*$",
    re.IGNORECASE | re.MULTILINE,
)


#: An interview guide's section line kept in a transcript: "Part 2: Decisions", "SECTION B – Your group",
#: "## Theme 3", "Teil 2: Arbeit", or one of its numbered questions by its topic ("Question 3: Give and take",
#: "Pregunta 2: Cuidados"). A section word written with a capital, its number (a numeral, an upper-case
#: Roman numeral or letter, a number word), then a separator and a short title, or nothing more.
_AGENDA_LINE = re.compile(
    r"^[ \t]*(?P<mark>#{1,6}[ \t]+|\*\*|__)?[ \t]*"
    r"(?P<word>(?i:part|section|theme|topic|module|block|phase|stage|domain"
    r"|teil|abschnitt|thema|themenblock|partie|th[eè]me|bloc|parte|secci[oó]n|sezione|tema|bloque|bloco|fase|deel|onderdeel"
    rf"|{'|'.join(sorted(QUESTION_WORDS))}))"
    r"[ \t]+(?:\d{1,2}(?:\.\d{1,2})?|[IVX]{1,5}|[A-H]|(?i:one|two|three|four|five|six|seven|eight|nine|ten))(?![^\W_])"
    r"(?:\*\*|__)?[ \t]*(?:(?P<separator>[:.)\-\u2013\u2014])[ \t]*(?:\*\*|__)?(?P<title>[^\n]*))?$",
    re.MULTILINE,
)


#: A "Q&A" heading alone on its line ("Q&A", "## Questions and answers", "**Q & A:**"), over turns labelled as
#: question and answer that go on with the same interview: a heading, no one's words (a FAQ pasted under the interview
#: is :func:`_papers_after_turns`'s).
_QA_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|\*\*|__)?[ \t]*(?:Q[ \t]*&[ \t]*A|Questions[ \t]+(?:and|&)[ \t]+answers|QUESTIONS[ \t]+(?:AND|&)[ \t]+ANSWERS)"
    r"[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*$",
    re.MULTILINE,
)


def _agenda_lines(text: str, *, turn_starts: Iterable[int], answer_starts: Iterable[int] = ()) -> list[int]:
    r"""Where a line holds only a section of the interview guide ("Part 2: Decisions"), between turns: no one's words.

    Researchers keep the guide's sections in the transcript to find their way in it.  Such
    a line is a heading, not a speaker named "Part 2" nor the end of the answer before it:
    it ends the turn before it.  It must stand between turns, right before a labelled
    turn (``turn_starts``, the labelled lines' starts) or the end of the text, so a
    hard-wrapped answer's line ("stage two of the process and then") is never one.  The
    section word has a capital; a title follows a separator and is one line of at most
    ``_TITLE_WORDS`` words with no sentence-ending mark; a section and number alone
    ("Part 2") must be a Markdown heading, in bold or in capitals, as a short answer
    ("Stage 3" to "Which stage are you at?") is not.  A numbered question of the guide
    ("Question 3: Give and take", "Pregunta 2: Cuidados") is one by its topic alone: a question
    asked ("Question 3: how often did you go?") ends with its mark, and one right before an
    answer's label (``answer_starts``: "A:", "Answer:") is the question that answer answers.
    A "Q&A" heading alone on its line, right before a labelled turn, is one too.

    Examples
    --------
    >>> text = "Maria: The kitchen.\n\nPart 2: Decisions\nInterviewer: Who decides?\n\nSECTION B - Your group\n"
    >>> [text[line : text.index("\n", line)] for line in _agenda_lines(text, turn_starts=[0, 39])]
    ['Part 2: Decisions', 'SECTION B - Your group']
    >>> _agenda_lines("A: We got to the\nstage two of it and then\nQ: And?\n", turn_starts=[0, 42])
    []
    >>> text = "R: Fine.\n\nQuestion 3: Give and take\nI: Who helps?\nR: Jo.\n\nQ&A\nQ: Paid?\nA: No.\n"
    >>> [text[line : text.index("\n", line)] for line in _agenda_lines(text, turn_starts=[0, 36, 50, 62, 71])]
    ['Question 3: Give and take', 'Q&A']
    >>> _agenda_lines("I: Hi.\nR: Hi.\nQuestion 2: Describe the place\nA: Small.\n", turn_starts=[0, 7, 44], answer_starts=[44])
    []
    """
    starts = set(turn_starts)
    found = []
    for match in _AGENDA_LINE.finditer(text):
        word, title = match["word"], (match["title"] or "").strip().strip("*_").strip()
        if not word[0].isupper() or (title and not _short_title(title)):
            continue
        if not title and not match["separator"] and not match["mark"] and not match.group().strip().isupper():
            continue  # "Stage 3" alone is as likely an answer as a heading
        following = len(text) - len(text[match.end() :].lstrip())
        if following < len(text) and following not in starts:
            continue  # not right before a labelled turn: a line of someone's words
        if word.casefold() in QUESTION_WORDS and following in set(answer_starts):
            continue  # "Question 2: Describe the place" over "A: Small.": the question asked, the answer under it
        found.append(match.start())
    found.extend(match.start() for match in _QA_HEADING.finditer(text) if len(text) - len(text[match.end() :].lstrip()) in starts)
    return sorted(found)


#: Marks after which the interview is over: what follows (an index of names, a release form) is no one's turn.
_RECORDING_END = re.compile(r"\b(?:end|close|conclusion)\b[^\n]*\b(?:interview|recording|transcript|conversation)\b", re.IGNORECASE)


#: A deposition's or hearing's line naming the lawyer who examines from there on ("BY MR. HALE:", "By Ms. Ortiz:"),
#: with the examination's heading over it ("CROSS-EXAMINATION"), and that lawyer's first "Q." question under it (a
#: line "By Dr. Ortiz:" in an answer, a letter's signature read out, is the answer's).
_EXAMINING = re.compile(r"^(?:[ \t]*(?:(?:DIRECT|CROSS|REDIRECT|RECROSS|FURTHER)[ -])?(?:CROSS-|RE-)?EXAMINATION[ \t]*\r?\n)?(?P<by>[ \t]*(?i:by))[ \t]+(?i:mr|mrs|ms|miss|dr|mx)\.?[ \t]+[A-Z][\w.'’ -]{0,40}:[ \t]*$(?=(?:\r?\n[ \t]*)+Q[.:](?:\s|$))", re.MULTILINE)


def _examination_lines(text: str) -> list[int]:
    r"""Where a deposition names the examining lawyer on a line of its own ("BY MR. HALE:"): no one's words.

    The "Q." turns under such a line are that lawyer's questions, the interviewer's; the line itself is no
    speaker "BY MR. HALE" (which, read as a name over words, left the whole deposition without labels).  Only a
    line with a question ("Q." or "Q:") next under it, blank lines apart, is one: "By Dr. Ortiz:" on a line of
    its own inside an interview's answer (who signed a letter) stays the answer's.

    Examples
    --------
    >>> text = "BY MR. HALE:\nQ. Your name?\nA. Ann Roe.\nCROSS-EXAMINATION\nBY Ms. Ortiz:\nQ. Where?\n"
    >>> [text[line : text.index("\n", line)] for line in _examination_lines(text)]
    ['BY MR. HALE:', 'CROSS-EXAMINATION']
    >>> _examination_lines("A: By Mr. Hale: that was his rule.\n"), _examination_lines("R: It was signed\nBy Dr. Ortiz:\nthe head.\n")
    ([], [])
    """
    return [match.start() for match in _EXAMINING.finditer(text)]


def _tape_lines(text: str) -> list[int]:
    r"""Where a line holds only a mark of the recording ("END OF TAPE 1, SIDE A", "[END OF INTERVIEW]"): no one's words.

    Such a line is no one's words.  A change of tape or side does not end the turn it interrupts
    (the words after it are the same speaker's: see :func:`_turns`); after the interview's or
    recording's end (:data:`_RECORDING_END`), what follows up to the next label (an index of
    names) is no one's turn either.

    Examples
    --------
    >>> text = "A: The morning train.\n\nEND OF TAPE 1, SIDE A\n\nQ: Did you go back?\n\n[End of interview]\n"
    >>> [text[line : text.index("\n", line)] for line in _tape_lines(text)]
    ['END OF TAPE 1, SIDE A', '[End of interview]']
    >>> _tape_lines("A: It was the end of the tape for me, really.\n")
    []
    """
    return [match.start() for match in _TAPE_LINE.finditer(text)]


#: What a researcher's note in brackets opens with ("[Note]:", "[NOTAS DE OBSERVACIÓN]:", "[Memo]:"); not a
#: sound or an event ("[Crosstalk]:", "[laughs]:", "[inaudible]:"), which stays inside the turn it interrupts.
_NOTE_WORDS = frozenset(
    """note notes nb nota notas notiz notizen anmerkung anmerkungen remarque remarques memo memos comment comments
    comentario comentarios commento commenti observation observations observación observaciones observação observações
    osservazione osservazioni beobachtung beobachtungen notatka uwaga reflection reflections""".split()
)


def _first_lines(text: str, starts: list[int]) -> str:
    """The lines starting at ``starts``, quoted: the first few, and how many more (for a load note)."""
    from ._qdpx_read import _listed  # the one way a note lists "the first few, and N more"

    return _listed([repr(_rest_of_line(text, start).strip()) for start in starts], NAMED_AT_MOST)


def _rest_of_line(text: str, position: int) -> str:
    """The text from ``position`` to the end of its line."""
    line_end = text.find("\n", position)
    return text[position : len(text) if line_end == -1 else line_end]


#: The words of an oral history's credit line after the narrator's name ("Ayanna Howard: An Interview conducted by
#: Peter Asaro, IEEE History Center, 22 January 2015"), in English and Korean ("…가 진행한 인터뷰, 2012년 5월 17일",
#: "Peter Asaro의 인터뷰, …": an interview conducted by, of).
_CREDIT_LINE = re.compile(
    r"^(?:an?\s+)?(?:oral[ -]history\s+)?interview\s+(?:was\s+)?(?:conducted|carried out|recorded)\s+by\b"
    r"|(?:진행한|의|와의|과의|가|\s)\s?인터뷰(?:[,.]|\s*$)",
    re.IGNORECASE,
)


def _credit_lines(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> set[int]:
    """Where a leading label opens a credit line, not a turn: the narrator's name over "An interview conducted by …".

    Only before the conversation: among the labels before the first that comes back without opening a credit line.
    The name may be the narrator's own label later ("Ayanna Howard:" speaks after the header), which kept the header
    lines under it from being read as a header.

    >>> text = "Ana Ruiz: An interview conducted by Jo Lee, 2015\\n\\nInterviewer: Jo Lee\\n\\nJo Lee: Hi?\\n\\nAna Ruiz: Hi.\\n\\nJo Lee: Bye?\\n"
    >>> labels = [(m.start(), m.end(), m.group(1), None, False) for m in re.finditer(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?):", text, re.M)]
    >>> sorted(_credit_lines(text, labels)) == [0]
    True
    """
    said = Counter(label[2] for label in labels)
    found: set[int] = set()
    for label in labels:
        if _only_a_credit(_rest_of_line(text, label[1]).strip()) and _declared_role(label[2]) is None:
            # A role's own label ("Interviewer: Interview conducted by Jane Smith …, 2021. So, how did it start?")
            # opens that role's turn, whatever its first words.
            found.add(label[0])
        elif said[label[2]] > 1:
            break
    return found


#: Words whose full stop ends no sentence: a title before a name ("conducted by Dr. Lee").
_TITLES_WITH_A_STOP = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "drs"})


def _only_a_credit(line: str) -> bool:
    """Whether a line is nothing but an oral history's credit ("An Interview conducted by Peter Asaro, IEEE History
    Center, 12 May 2011"): no question in it and no sentence after the credit's ("Interview conducted by Jane Smith,
    12 March 2021. So, how did the group start?" is an interviewer's first turn; "오늘 인터뷰, 감사합니다." thanks
    for the interview). An initial's or a title's full stop ends no sentence ("conducted by J. Lee", "Dr. Lee").

    >>> _only_a_credit("An Interview conducted by J. Lee, Harbour History Centre, 3 May 2012.")
    True
    >>> _only_a_credit("Interview conducted by Jane Smith, 12 March 2021. So, can you tell me how it started?")
    False
    >>> _only_a_credit("오늘 인터뷰, 감사합니다. 돌봄 모임은 어떻게 시작되었나요?")
    False
    """
    if _CREDIT_LINE.search(line) is None or "?" in line or "？" in line:
        return False
    for word in line.split()[:-1]:  # each word another follows
        if word.endswith((".", "!", "。", "！")):
            bare = word.rstrip(".!。！")
            if len(bare) > 1 and bare.lower() not in _TITLES_WITH_A_STOP:
                return False
    return True


def _says_a_sentence(text: str, label: tuple[int, int, str, float | None, bool]) -> bool:
    """Whether a label's line ends as a spoken sentence does ("Anna: Is it recording already?"), not as a title or a property."""
    return _rest_of_line(text, label[1]).rstrip().endswith((".", "?", "!", "…", "？", "。"))


#: Where a sentence ends in what someone says (a closing quote mark may follow): "Thanks.", '"Gracias a todos."'.
_SENTENCE_END = re.compile(r"[.?!…？。][\"'”’»]?(?:\s|$)")


#: A spaced dash after a header's name, before what it says of the person ("Ann Lee — Science Faculty").
_DESCRIBED_AFTER_DASH = re.compile(r"[ \t]+[—–][ \t]+")


def _before_description(line: str) -> str:
    """A header line's names without what a spaced dash adds of the person after them; a sentence stays whole.

    >>> _before_description("Ma'am Rayhanah M. Tiag — Science Faculty, STI College Cotabato"), _before_description("Okay — so we left.")
    ("Ma'am Rayhanah M. Tiag", 'Okay — so we left.')
    """
    described = _DESCRIBED_AFTER_DASH.search(line)
    return line if described is None or line.rstrip().endswith((".", "?", "!")) else line[: described.start()].strip()


def _declares_names(text: str, label: tuple[int, int, str, float | None, bool], spoken: set[str]) -> bool:
    """Whether a label opens a header line naming who has a role ("Interviewer: Jane Smith"), not a turn.

    The name must come back as a label (``spoken``, lower case), itself or its first or last word:
    "Moderator: Okay" and "Interviewer: Hi" are turns. What a dash adds after the name says who the person is
    ("Respondent: Ma'am Rayhanah M. Tiag — Science Faculty, STI College Cotabato", a capstone report's header).

    Examples
    --------
    >>> text = "Respondent: Ann Lee — Science Faculty, Cotabato\\nBo: Why?\\nAnn Lee: Time."
    >>> _declares_names(text, (0, 12, "Respondent", None, True), {"bo", "ann lee"})
    True
    >>> _declares_names("Respondent: Okay — so we left.\\n", (0, 12, "Respondent", None, True), {"okay"})
    False
    """
    if _declared_role(label[2]) is None:
        return False
    names = _rest_of_line(text, label[1]).strip()
    names = _before_description(names)
    if not names or names.endswith((".", "?", "!")):
        return False
    bases = [_without_aside(name) for name in _NAME_SEPARATOR.split(names)]
    return all(_names_only(base) for base in bases) and any(_name_forms(base) & spoken for base in bases if base.split())


def _bold_label(text: str, label: tuple[int, int, str, float | None, bool]) -> bool:
    """Whether a label is written in bold with its colon, alone on its line ("**Alguien del equipo:**"): a label by its form, however many words."""
    written = _rest_of_line(text, label[0]).strip()
    return written.startswith("**") and written.endswith((":**", "**:"))


def _with_titles(
    text: str, labels: list[tuple[int, int, str, float | None, bool]], title_lines: list[int], *, listed: Collection[int] = ()
) -> list[tuple[int, int, str, float | None, bool]]:
    """Labels with a Markdown heading between turns ("### Robotics in France") as a title of its own (speaker "").

    A label on the heading's line wins ("##### **Chenyu** [00:00:04]" is Chenyu's turn). The
    title is its line only: words under it before the next label go on the turn before it, unless that
    turn is a list item its label opens (``listed``, :func:`_add_listed_labels`): in a note-taker's notes
    written into the guide, each answer is its item, and what a new section heads is the guide's next task.

    Examples
    --------
    >>> text = "Q: Where?\\nA: Here.\\n### Lab life\\nAnd more.\\nQ: Then?\\n"
    >>> labels = [(0, 3, "Q", None, True), (10, 13, "A", None, True), (42, 45, "Q", None, True)]
    >>> [(text[start:text.index("\\n", start)], speaker) for start, end, speaker, *_ in _with_titles(text, labels, [19])]
    [('Q: Where?', 'Q'), ('A: Here.', 'A'), ('### Lab life', ''), ('And more.', 'A'), ('Q: Then?', 'Q')]
    >>> noted = text.replace("Lab life", "Notes")
    >>> [speaker for start, end, speaker, *_ in _with_titles(noted, labels, [19])]
    ['Q', 'A', '', '', 'Q']
    """
    starts = [label[0] for label in labels]  # in order
    taken = {*starts, *title_lines}
    added = []
    for line in title_lines:
        if line in starts or line <= starts[0]:
            continue  # a speaker's label, or a title before anyone speaks (the preamble's)
        before = labels[bisect.bisect_left(starts, line) - 1]
        added.append((line, line, "", None, True))
        resume = line + len(_rest_of_line(text, line)) + 1
        if before[2] and resume < len(text) and resume not in taken:
            # The turn before goes on under the title; after a list item's answer, the guide's words are no one's, and
            # under a heading naming a note ("## Observação", "## Notes"), the researcher's note is, as a note's line's.
            said = re.findall(r"\w+", _rest_of_line(text, line).lower())
            noted = bool({*said[:1], *said[-1:]} & _NOTE_WORDS)
            added.append((resume, resume, "" if before[0] in listed or noted else before[2], None, True))
    return sorted(labels + added)


def _add_untidy_labels(text: str, found: dict[int, tuple[int, int, str, float | None, bool]]) -> None:
    """Add to ``found`` the lines that open with a recurring label typed without its space ("B:Das …" beside "B: Ca. 10.",
    "### EngineerMisschien …" beside "### Engineer" alone on its line).

    Only a label already found opening two lines counts, so "Note:see below" in a
    transcript without a "Note:" speaker stays words; a digit or slash after the
    colon ("B:10", "http://") is never a label's.

    Examples
    --------
    >>> found = {0: (0, 3, "I", None, False), 8: (8, 11, "B", None, False), 19: (19, 22, "I", None, False), 27: (27, 30, "B", None, False)}
    >>> text = "I: Wie?\\nB: Ca. 10.\\nI: Und?\\nB: Ja.\\nI:Q5\\nB:Das war's.\\nB:10 Uhr."
    >>> _add_untidy_labels(text, found)
    >>> sorted((start, text[start:end]) for start, end, *_ in found.values())[4:]
    [(34, 'I:'), (39, 'B:')]
    >>> text = "### Anna\\nHoe?\\n### Bo\\nGoed.\\n### Anna\\nEn?\\n### BoMisschien wel.\\n### Bo\\nJa."
    >>> found = {0: (0, 8, "Anna", None, True), 14: (14, 20, "Bo", None, True), 27: (27, 35, "Anna", None, True), 61: (61, 67, "Bo", None, True)}
    >>> _add_untidy_labels(text, found)
    >>> text[found[40][1] :]
    'Misschien wel.\\n### Bo\\nJa.'
    """
    counts = Counter(label[2] for label in found.values())
    names = sorted((name for name, count in counts.items() if count >= 2), key=len, reverse=True)
    if not names:
        return
    tight = re.compile(r"^[ \t]*(" + "|".join(map(re.escape, names)) + r"):(?=[^\s\d/])", re.MULTILINE)
    for match in tight.finditer(text):
        found.setdefault(match.start(), (match.start(), match.end(), match.group(1), None, False))
    # A label set alone on its line elsewhere ("### Engineer" over the words) with the words run on after it, no space
    # nor line between ("### EngineerMisschien kan het …"): a sentence's first word, a capital then a small letter.
    alone = [name for name in names if any(_lone_label(text, label) for label in found.values() if label[2] == name)]
    if alone:
        glued = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?(" + "|".join(map(re.escape, alone)) + r")(?:\*\*|__)?(?=[^\W\d_][^\W\d_])", re.MULTILINE)
        for match in glued.finditer(text):
            if text[match.end()].isupper() and text[match.end() + 1].islower():
                found.setdefault(match.start(), (match.start(), match.end(), match.group(1), None, False))


#: A list item opened by a bold label ("-\t**Participant:** I did receive the paper.", "5. **Moderator:** If you…"): the
#: bullet or number, the label in bold marks, its colon inside or outside them.
_LISTED_LABEL = re.compile(
    r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\*\*|__)(?P<label>[^\W\d_][\w'’ -]{0,30}?)[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)[ \t]*(?=\S)",
    re.MULTILINE,
)


#: A list item's words that only name someone ("Jane Smith", "Dr. Mira Khan"), not a turn's words.
_BARE_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}")


def _add_listed_labels(text: str, found: dict[int, tuple[int, int, str, float | None, bool]], known_speakers: frozenset[str] = frozenset()) -> set[int]:
    r"""Add to ``found`` the list items a role's bold label opens, where two roles take turns so; return where they start.

    A note-taker's session notes, written into the study's guide as a bulleted list, give each answer
    and follow-up its item ("-	**Participant:** I did receive the paper.", "-	**Moderator:** What did you
    look at?"). Only a role's label (``Moderator``, ``Participant``, ``Notetaker``, ``P3``) or one the study
    declares counts, and only where two such labels take turns, one of them opening two items or more, so
    that a list of a guide's fields ("- **Goal:** …", "- **Date:** …") or a header's list of who is who
    ("- **Interviewer:** Jane Smith", "- **Interviewee:** Tom Brown") is never a conversation.

    Examples
    --------
    >>> text = "1. Why?\n    -\t**Participant:** I did.\n    -\t**Moderator:** And then?\n    -    **Participant:** It ended."
    >>> found = {}
    >>> sorted(_add_listed_labels(text, found))
    [8, 38, 69]
    >>> [(text[start:end], label) for start, end, label, *_ in sorted(found.values())]
    [('    -\t**Participant:** ', 'Participant'), ('    -\t**Moderator:** ', 'Moderator'), ('    -    **Participant:** ', 'Participant')]
    >>> found = {}
    >>> _add_listed_labels("- **Goal:** Find out.\n- **Date:** May.\n- **Participant:** P3", found), found
    (set(), {})
    """
    listed = [match for match in _LISTED_LABEL.finditer(text) if _is_role_label(match["label"]) or match["label"].lower() in known_speakers]
    said = [match["label"].lower() for match in listed]
    runs = [label for at, label in enumerate(said) if not at or label != said[at - 1]]
    if len(runs) < 3 or len(set(runs)) < 2:
        # No role takes its turn again after another's (A B A): a roster or a header's list of who
        # is who, one role listed twice ("- **Interviewer:** Jane Smith", "- **Interviewer:** Bob Ray").
        return set()
    later = [label[2].lower() for start, label in found.items() if start > listed[-1].start()]
    if found and listed[-1].start() < min(found) and len(set(later)) >= 2 and len(later) >= 3:
        return set()  # the items come before the transcript's own labelled turns ("Jane: …", "Mira: …"): its header
    if all(_BARE_NAME.fullmatch(text[match.end() : (text.find("\n", match.end()) + 1 or len(text) + 1) - 1].strip()) for match in listed):
        return set()  # each item only names someone: who is who, not what was said
    for match in listed:
        found.setdefault(match.start(), (match.start(), match.end(), match["label"], None, False))
    return {match.start() for match in listed}


def _lone_label(text: str, label: tuple[int, int, str, float | None, bool]) -> bool:
    """Whether a label found in ``text`` stands alone on its line, its words on the lines below ("### Interviewer")."""
    end = text.find("\n", label[0])
    return not text[label[1] : end if end >= 0 else len(text)].strip()


#: What joins two speakers' names in a label of their joint voice: "Derek and Graeme:", "Ana / Juri:", "Mum & Dad:".
_JOINERS = r"(?:[ \t]*(?:/|&|\+|,)[ \t]*|[ \t]+(?:and|und|et|y|e|og|en|i|och)[ \t]+)"


#: A label for every voice of a conversation at once ("Both:"), which names each case that speaks there when two do.
_EVERYONE = frozenset({
    "both", "both of them", "both together", "together",
    "ambas", "ambos", "las dos", "los dos", "as duas", "os dois",  # Spanish and Portuguese
})


def joint_parts(label: str) -> list[str]:
    """The names a joint voice's label joins ("Dai and Kwame" → ["Dai", "Kwame"]; "Dai & Kwame", "Dai / Kwame"), or [].

    The one rule of what joins two speakers' names (:data:`_JOINERS`), as reading a transcript uses it.

    Examples
    --------
    >>> joint_parts("Dai and Kwame"), joint_parts("Dai & Kwame"), joint_parts("Health and Safety Officer"), joint_parts("Ana")
    (['Dai', 'Kwame'], ['Dai', 'Kwame'], ['Health', 'Safety Officer'], [])
    """
    parts = [part.strip() for part in re.split(_JOINERS, str(label)) if part.strip()]
    return parts if len(parts) > 1 else []


def _add_joint_labels(text: str, found: dict[int, tuple[int, int, str, float | None, bool]]) -> dict[int, list[str]]:
    """Add to ``found`` the lines whose label joins the names of two or more of the transcript's speakers.

    A focus group's transcriber writes who answered together as one label ("Derek and
    Graeme: Yes.", "Nicolò / Juri:"), often once; such a line was read as more words of the turn before.
    Only names that open lines of their own count, so "Health and Safety:" in a note stays
    words; the joint voice is kept only where each name is taken as a speaker (``_turns`` checks,
    with the names returned by line start), so a one-off voice's name joins as a recurring one's does.

    Examples
    --------
    >>> text = "Derek: Yes.\\nGraeme: No.\\nDerek: Well.\\nGraeme: Maybe.\\nDerek and Graeme: We both go.\\nHealth and Safety: fine."
    >>> found = {}
    >>> for m in re.finditer(r"^(\\w+): ", text, re.MULTILINE):
    ...     found[m.start()] = (m.start(), m.end(), m.group(1), None, False)
    >>> joint = _add_joint_labels(text, found)
    >>> [(label[2], joint[key]) for key, label in sorted(found.items()) if key in joint]
    [('Derek and Graeme', ['Derek', 'Graeme'])]
    """
    names = sorted({label[2] for label in found.values() if not _is_role_label(label[2])}, key=len, reverse=True)
    if len(names) < 2:
        return {}
    name = "(?:" + "|".join(map(re.escape, names)) + ")"
    # A pseudonymised transcript's "[Volunteer 1] and [Volunteer 2]:" joins names read bare from "[Volunteer 1]:".
    name = rf"(?:\[{name}\]|{name})"
    pattern = re.compile(rf"^[ \t]*(?:\*\*)?(?P<speaker>{name}(?:{_JOINERS}{name})+)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]+", re.MULTILINE)
    joint: dict[int, list[str]] = {}
    for match in pattern.finditer(text):
        if match.start() not in found:
            speaker = re.sub(r"\[([^\[\]]+)\]", r"\1", match.group("speaker"))
            found[match.start()] = (match.start(), match.end(), " ".join(speaker.split()), None, True)
            joint[match.start()] = [part for part in re.split(_JOINERS, speaker) if part]
    return joint


def _split_overlaps(text: str, segments: list[Segment]) -> list[Segment]:
    """Turns with another speaker's overlapping words ("… //S02: Ist das herrlich. // …") cut into that speaker's segment and the turn around it.

    Only a speaker who has turns of their own in the transcript counts, so a "//" in a web
    address is never read as one.

    Examples
    --------
    >>> text = "I: Guten Tag. //R: Hallo. // Wie geht's?\\nR: Gut."
    >>> [(s.speaker, text[s.start:s.end]) for s in _split_overlaps(text, segment_turns(text))]
    [('I', 'Guten Tag.'), ('R', 'Hallo.'), ('I', "Wie geht's?"), ('R', 'Gut.')]
    >>> text = "I: Okay. //R: So genau. //P: Also.//\\nR: Gut.\\nP: Ja."
    >>> [(s.speaker, text[s.start:s.end]) for s in _split_overlaps(text, segment_turns(text))]
    [('I', 'Okay.'), ('R', 'So genau.'), ('P', 'Also.'), ('R', 'Gut.'), ('P', 'Ja.')]
    """
    speakers = {segment.speaker for segment in segments if segment.speaker}
    if not speakers or "//" not in text:
        return segments
    split: list[Segment] = []
    for segment in segments:
        start = segment.start
        pieces: list[Segment] = []
        for found in _OVERLAP.finditer(text, segment.start, segment.end):
            if segment.speaker is None or found.group("speaker") not in speakers:
                continue  # the speaker's own marked overlap ("<v //S02>… //S02: Also.//") is cut out too: the marks are no one's words
            before = _trim(text, start, found.start())
            if before[1] > before[0]:
                pieces.append(Segment(before[0], before[1], segment.speaker, segment.timestamp if not pieces else None))
            words = _trim(text, found.start("words"), found.end("words"))
            if words[1] > words[0]:
                pieces.append(Segment(words[0], words[1], found.group("speaker")))
            start = found.end()
        if not pieces:
            split.append(segment)
            continue
        after = _trim(text, start, segment.end)
        if after[1] > after[0]:
            pieces.append(Segment(after[0], after[1], segment.speaker, timestamp_end=segment.timestamp_end, date=segment.date))
        pieces[0].date = segment.date
        split.extend(pieces)
    return split


def _also(note: str | None, more: str) -> str:
    """A segmentation note with one more thing said."""
    return f"{note}; {more}" if note else more


#: The time mark f4transkript and f5transkript put at the end of each turn: "#00:01:23-4#".
#: Tags typed by hand that close a turn ("</answer>", "</p></answer>"), at its end.
_CLOSING_TAGS = re.compile(r"(?:</[A-Za-z][\w-]{0,30}>[ \t]*){1,3}$")
_CLOSING_MARK = re.compile(r"[ \t]{0,20}#(\d{1,2}):(\d{2}):(\d{2})(?:[-.,](\d{1,2}))?#$")


#: The notices Microsoft Teams writes into a transcript when someone starts or stops it
#: ("Ali Khan stopped transcription"): they close the turn before them, and are nobody's words.
_RECORDING_NOTICE = re.compile(
    rf"\n[ \t]*(?!(?:I|We|He|She|They|You|It|Then|And|So) )(?:{_LABEL}) (?:started|stopped) (?:transcription|recording)[ \t]*$"
)
#: What marks a text as a Teams transcript: its opening notice ("Ali Khan started transcription").
_TEAMS_OPENING = re.compile(rf"(?m)^[ \t]*(?:{_LABEL}) started (?:transcription|recording)[ \t]*$")


#: A recording's time alone on the last line of a turn: "…⏎00:05:00" (Google Meet), "…⏎[00:05:00]"
#: (not "The buses leave at⏎7:45": a time of day someone says has no seconds).
_TIME_MARK_LINE = re.compile(rf"\n[ \t]*[\[(]?(?P<time>{_SECONDS_CLOCK})[\])]?[ \t]*$")


def _time_marks_at_end(text: str, start: int, end: int) -> tuple[float | None, tuple[int, int]]:
    """The time of the last mark alone on the closing lines of ``text[start:end]`` (None: none), and the span without them.

    Examples
    --------
    >>> text = "And now?\\n00:05:00\\n \\n"
    >>> _time_marks_at_end(text, 0, 18)
    (300.0, (0, 8))
    >>> _time_marks_at_end("It began at\\n10:30 sharp", 0, 23)
    (None, (0, 23))
    """
    seconds = None
    while (mark := _TIME_MARK_LINE.search(text, start, end)) is not None and mark.start() > start:
        if seconds is None:
            seconds = _clock_seconds(mark.group("time"))  # the last mark, the nearest the next turn
        start, end = _trim(text, start, mark.start())
    return seconds, (start, end)


def _closed(text: str, segment: Segment) -> Segment:
    """A turn without what closes it and is not its words.

    The f4 time mark it ends with ("… hier? #00:00:05-2#") gives its end time;
    a Teams notice on its last line ("Ali Khan stopped transcription") is left out, and so are
    the tags typed by hand that close it ("… my aunt's.</answer>": markup, not words), with a rule
    under them, and a Markdown rule ("---", "* * *", "___" alone on its line, a blank line above it) closing it: a break
    between turns, layout, not the turn's words ("text⏎---" with no blank line is a heading's underline or a table's rule).
    """
    end = segment.end
    if (rule := _LAST_RULE_LINE.search(text, segment.start, end)) is not None and rule.end() == end:
        end = _trim(text, segment.start, rule.start())[1]  # a rule after the closing tag, before the next turn: layout
        if end > segment.start and text.count("\n", end, rule.start() + 1) >= 2:
            segment.end = end  # a blank line above it: a break between turns, left out of the turn
            # one search for the rule closing the turn; a second only where a rule was cut and another may close it
            if (rule := _LAST_RULE_LINE.search(text, segment.start, end)) is not None and rule.end() == end:
                end = _trim(text, segment.start, rule.start())[1]
    if text.endswith(">", segment.start, end) and (tags := _CLOSING_TAGS.search(text, segment.start, end)) and tags.end() == end:
        kept = _trim(text, segment.start, tags.start())
        if kept[1] > kept[0]:  # a turn that is nothing but such tags keeps them: never an empty turn
            segment.start, segment.end = kept
    while (
        text.endswith(("transcription", "recording"), segment.start, segment.end)
        and _TEAMS_OPENING.search(text)
        and (notice := _RECORDING_NOTICE.search(text, segment.start, segment.end)) is not None
    ):
        segment.start, segment.end = _trim(text, segment.start, notice.start())
    if not text.endswith("#", segment.start, segment.end):
        return segment
    found = _CLOSING_MARK.search(text, max(segment.start, segment.end - 40), segment.end)
    if found is None or found.start() <= segment.start:
        return segment
    hours, minutes, seconds, tenths = found.groups()
    segment.start, segment.end = _trim(text, segment.start, found.start())
    segment.timestamp_end = int(hours) * 3600 + int(minutes) * 60 + int(seconds) + (int(tenths) / 10 ** len(tenths) if tenths else 0)
    return segment


#: No-break spaces (and the narrow and figure ones) as the spaces they stand for, when labels are looked for.
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
#: The speaker of an answer a transcript leaves unlabelled under a labelled question.
UNLABELLED_ANSWER = "(unlabelled answer)"
#: The speaker of a moderator's words a transcript sets apart in capitals, unlabelled, between participants' labelled turns.
CAPITALS_MODERATOR = "Moderator (in capitals)"
#: How many of a moderator's unlabelled lines in capitals, asking at least twice, mark that convention.
_CAPITAL_PROMPTS = 5
#: Words in brackets (a transcriber's "(Todos hablan)", "[barrio]") have their own case: not the voice's.
_IN_BRACKETS = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")


def _in_capitals(line: str) -> bool:
    """Whether a line's words, brackets aside, are all in capitals (two letters or more): "¿Y EL IMPACTO POLÍTICO?".

    Examples
    --------
    >>> [_in_capitals(line) for line in ["¿Y TÚ, QUÉ OPINAS? (risas)", "M3: Sí.", "(Todos hablan)", "OK", "I"]]
    [True, False, False, True, False]
    """
    letters = [character for character in _IN_BRACKETS.sub("", line) if character.isalpha()]
    return len(letters) >= 2 and all(character.isupper() for character in letters)


#: A sentence of a line, with the marks that end it: "We left. ", "WHY DID YOU LEAVE? ", "Because nobody asked us."
_SENTENCE_OF_A_LINE = re.compile(r"[^.?!…？]+(?:[.?!…？]+[\"'”’»)]*[ \t]*|$)")


def _capital_questions(text: str, start: int, end: int, *, opening: bool) -> list[tuple[int, int]]:
    """The questions in capitals standing between sentences in mixed case on the line ``text[start:end]``: a
    moderator's short question typed into a participant's paragraph ("…and then we left. WHY DID YOU LEAVE? Because
    nobody asked us.").

    A question is a sentence of two words or more, all in capitals, ending with a question mark, on a line in mixed
    case, not after a sentence telling someone speaking (:func:`_tells_speaking`: "… shouted at me. WHY WON'T YOU
    HELP US? So I did." quotes the manager: a reviewer's probe); ``opening``: it may open the line (not the words right
    after a speaker's label, which are the speaker's).

    Examples
    --------
    >>> line = "We waited, and then we left. WHY DID YOU LEAVE? Because nobody asked us."
    >>> [line[a:b] for a, b in _capital_questions(line, 0, len(line), opening=False)]
    ['WHY DID YOU LEAVE?']
    >>> _capital_questions("I said NO. WHY? Then the NHS wrote.", 0, 35, opening=True)
    []
    """
    line = text[start:end]
    if _in_capitals(line):
        return []
    found = []
    before = ""  # the sentence before: one that tells someone speaking quotes the capitals ("… shouted at me. WHY …?")
    for index, piece in enumerate(_SENTENCE_OF_A_LINE.finditer(line)):
        words = piece.group().strip()
        if (
            (index or opening)
            and words.endswith(_QUESTION_MARKS)
            and _in_capitals(words)
            and sum(1 for word in words.split() if any(character.isalpha() for character in word)) >= 2
            and not _tells_speaking(before)
        ):
            found.append(_trim(text, start + piece.start(), start + piece.end()))
        before = words
    return found


#: Words that tell someone speaking, near a sentence's end, so that the capitals after it are the words quoted.
_SPEAKING = frozenset("said says say shouted shouts shout yelled yells screamed screams asked asks told tells "
                      "cried cries demanded wrote writes".split())
#: Quotatives that are other verbs too ("we went home"): only as the sentence's last word ("and she went").
_QUOTATIVES = frozenset({"went", "goes", "like"})


def _tells_speaking(sentence: str) -> bool:
    """Whether a sentence ends by telling someone speaking ("… shouted at me.", "And she goes:"), its last four words.

    Examples
    --------
    >>> _tells_speaking("The manager came up and shouted at me."), _tells_speaking("And she said:"), _tells_speaking("We left.")
    (True, True, False)
    """
    sentence = sentence.strip()
    if sentence.endswith(":"):
        return True
    words = re.findall(r"[^\W\d_]+", sentence.casefold())
    return not _SPEAKING.isdisjoint(words[-4:]) or (bool(words) and words[-1] in _QUOTATIVES)


def _capital_passages(text: str, labels: list[tuple[int, int, str, float | None, bool]], headings: set[int]) -> list[tuple[int, int]]:
    """Where a moderator's unlabelled words in capitals break into labelled participants' turns; none where the convention is not the file's.

    A Spanish convention (the CIS's focus groups, many a study after them) labels
    only the participants ("M7: …", "H2: …") and writes the moderator's words in
    capitals on lines of their own: "¿Y EL IMPACTO POLÍTICO QUE HAS TENIDO?",
    "SEGUIMOS...".  Read so where no turn is the interviewer's, or one or two
    of many (the moderator labelled once: "MODERADOR: SI US SEMBLA, …"; their
    label then names the passages), at least
    :data:`_CAPITAL_PROMPTS` such lines lie inside turns (two or more asking),
    and the labelled turns themselves open in mixed case (not a transcript typed
    all in capitals).  A passage is a run of such lines; the last paragraph
    before the first label is one too when it is in capitals, six words or more
    (the moderator's opening, not a title).  A one-off label on a line all in
    capitals ("PEQUEÑO DATO: ¿EDAD …?") is none: its line is the moderator's.
    A short question in capitals typed into a participant's paragraph between
    their sentences ("…we left. WHY DID YOU LEAVE? Because …") is a passage
    too (:func:`_capital_questions`).

    Examples
    --------
    >>> text = "GRUPO 3\\n\\nEMPEZAMOS CON UNA RONDA, DECIDME VUESTRO NOMBRE.\\n\\nH1: Soy H1.\\n\\n¿Y TÚ?\\n\\nH2: Soy H2.\\n"
    >>> text += "".join(f"¿POR QUÉ {n}?\\n\\nH1: Porque sí.\\n\\nSEGUIMOS.\\n\\nH2: Vale.\\n\\n" for n in range(3))
    >>> labels = [(m.start(), m.start() + 4, m.group(1), None, False) for m in re.finditer(r"^(H\\d): ", text, re.M)]
    >>> [text[a:b] for a, b in _capital_passages(text, labels, set())][:3]
    ['EMPEZAMOS CON UNA RONDA, DECIDME VUESTRO NOMBRE.', '¿Y TÚ?', '¿POR QUÉ 0?']
    """
    turns = [label for label in labels if label[0] not in headings]
    if len(turns) < _CAPITAL_PROMPTS:
        return []
    openings = [_rest_of_line(text, label[1]) for label in turns]
    if 5 * sum(_in_capitals(words) for words in openings) > len(openings):
        return []
    starts = {label[0] for label in labels}
    passages: list[tuple[int, int]] = []
    for index, label in enumerate(labels):
        stop = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        if label[0] in headings:
            continue
        at = text.find("\n", label[1], stop)
        # The label's own line: a question in capitals after the speaker's first sentence ("H1: We left. WHY? …").
        first_end = stop if at == -1 else at
        passages.extend(_capital_questions(text, label[1], first_end, opening=False))
        run: tuple[int, int] | None = None
        while at != -1 and at < stop:
            line_start = at + 1
            line_end = text.find("\n", line_start, stop)
            line_end = stop if line_end == -1 else line_end
            line = text[line_start:line_end]
            if _in_capitals(line) and line_start not in starts:
                run = (run[0] if run else line_start, line_end)
            else:
                if run:  # a line in mixed case, or a blank one, ends the passage
                    passages.append(_trim(text, *run))
                    run = None
                passages.extend(_capital_questions(text, line_start, line_end, opening=True))
            at = line_end if line_end < stop else -1
        if run:
            passages.append(_trim(text, *run))
    asking = sum(any(mark in text[a:b] for mark in _QUESTION_MARKS) for a, b in passages)
    if len(passages) < _CAPITAL_PROMPTS or asking < 2:
        return []
    first = labels[0][0]
    paragraphs = [part for part in _BLANK_LINE.split(text[:first]) if part.strip()]
    if paragraphs and _in_capitals(paragraphs[-1].replace("\n", " ")) and len(paragraphs[-1].split()) >= 6:
        opening = text.rfind(paragraphs[-1], 0, first)
        passages.insert(0, _trim(text, opening, opening + len(paragraphs[-1])))
    return passages
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _keep_code_names(text: str, found: dict[int, tuple[int, int, str, float | None, bool]], code_named: set[int]) -> None:
    r"""Leave in ``found`` only the lower-case codes ("admin-1:", "p03:") and handles ("roasbeef:") that are people taking turns.

    Codes of one family (the letters before the number: "p" of p01, p02, p03) are speakers
    together where they open at least :data:`_CODE_NAME_TURNS` lines outside a Markdown code
    block and most of those lines follow someone else's label: a focus group's p01–p08, each
    however often they speak, not a config file's "site1:" lines or a pasted log's "user1:".
    A handle (a lower-case label that is no code: "roasbeef", "adam3us") must also be no English
    word (:func:`qlr._words.english_words`: "status:", "error:", "mum:", "literally:" open a line of
    someone's answer) and talk back and forth with a speaker labelled otherwise, or with a handle
    that does: some such label both comes just before one of its lines and just after one
    ("Pierre:", "roasbeef:", "Pierre:").
    A log's "info:" over "error:", or a list's "volunteer:" lines inside "Respondent:"'s answer that
    "Interviewer:" follows, never are.

    Examples
    --------
    >>> text = "Ana: Hi.\nherbwise: Hello.\nAna: Why?\nherbwise: Basil.\nAna: And?\nherbwise: Light.\n"
    >>> found = {m.start(): (m.start(), m.end(), m.group(1), None, False) for m in re.finditer(r"^(\w+): ", text, re.M)}
    >>> handles = {start for start, entry in found.items() if entry[2].islower()}
    >>> _keep_code_names(text, found, handles)
    >>> [entry[2] for entry in found.values()]
    ['Ana', 'herbwise', 'Ana', 'herbwise', 'Ana', 'herbwise']
    >>> text = "I: Hi.\nR: I wrote\ninfo: one\nI: Why?\nR: It said\ninfo: two\nI: And?\nR: Then\ninfo: three\n"
    >>> found = {m.start(): (m.start(), m.end(), m.group(1), None, False) for m in re.finditer(r"^(\w+): ", text, re.M)}
    >>> _keep_code_names(text, found, {start for start, entry in found.items() if entry[2].islower()})
    >>> sorted({entry[2] for entry in found.values()})
    ['I', 'R']
    """
    fenced = [(m.start(), m.end()) for m in _CODE_FENCE.finditer(text)]
    words = english_words()
    # A handle without a number is a word: "well:", "yes:", "so:", "status:", "mum:" open a line of speech or a list's
    # item, never a voice; nor is it a label the others take turns with (a log's "user1:" lines after its "bot:" lines).
    worded = {
        start for start in code_named
        if start in found and (found[start][2] in _NO_NAMES or (_LOWER_CODE.fullmatch(found[start][2]) is None and found[start][2] in words))
    }
    order = sorted(set(found) - worded)
    before = dict(zip(order[1:], order[:-1]))
    after = dict(zip(order[:-1], order[1:]))
    families: dict[str, list[int]] = {}
    handles: set[str] = set()
    for start in code_named - worded:
        if start not in found or any(a <= start < b for a, b in fenced):
            continue
        label = found[start][2]
        handle = _LOWER_CODE.fullmatch(label) is None
        if handle:
            handles.add(label)
        families.setdefault(label if handle else re.match(r"[a-z]*", label).group(0), []).append(start)  # type: ignore[union-attr]
    families = {
        family: starts
        for family, starts in families.items()
        if len(starts) >= _CODE_NAME_TURNS and 2 * sum(1 for start in starts if start in before and found[before[start]][2] != found[start][2]) >= len(starts)
    }
    kept = {start for family, starts in families.items() if family not in handles for start in starts}
    # A handle talks back and forth with a label written otherwise ("Pierre:"), or with a handle that does so ("maaku:"
    # asks, "andytoshi:" answers, "maaku:" asks again).
    waiting = {family: starts for family, starts in families.items() if family in handles}
    while waiting:
        others = {start for start in order if start not in code_named} | kept
        talking = [
            family
            for family, starts in waiting.items()
            if {found[before[start]][2] for start in starts if before.get(start) in others} & {found[after[start]][2] for start in starts if after.get(start) in others}
        ]
        if not talking:
            break
        for family in talking:
            kept.update(waiting.pop(family))
    for start in code_named - kept:
        found.pop(start, None)


#: A pseudonym's code in lower case, its letters and number ("admin-1", "p03", "resp_3"), unlike a handle ("roasbeef").
_LOWER_CODE = re.compile(r"[a-z]{1,10}[-_]?\d{1,3}")


#: A Markdown code block: its lines are not anyone's turns.
_CODE_FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```", re.MULTILINE | re.DOTALL)


def _after_a_sentence(text: str, start: int) -> bool:
    """Whether what comes before ``start`` (spaces and line breaks aside) ends a sentence or a heading, or is nothing."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    if at < 0 or text[at] in _SENTENCE_ENDS or text[at].isdigit():
        return True
    line = text[text.rfind("\n", 0, at) + 1 : at + 1]
    return line.isupper()  # "TESTIMONY OF JAMES JONES", "STATEMENT OF HON. JOHN DOE, SECRETARY OF STATE"


def _initials_talk(text: str, found: dict[int, tuple[int, int, str, float | None, bool]], starts: list[int]) -> bool:
    r"""Whether the lines a focus group's initials open (``initials_mark``: "P= …", "MP- …") read as talk.

    Half of them or more, outside a Markdown code block, must hold six words or more or end a sentence: a glossary's
    or a model's lines whose keys come back ("GP = general practitioner", "A = B + C", "P = Precio unitario") and
    assignments in code are short and end no sentence. In the real focus groups typed so, 72–99 % of the turns do.

    Examples
    --------
    >>> text = "GP = general practitioner\nA = cost of care\nGP = who refers?\nA = baseline\n"
    >>> found = {m.start(): (m.start(), m.end(), m.group(1), None, False) for m in re.finditer(r"^(\w+) = ", text, re.M)}
    >>> _initials_talk(text, found, list(found))
    False
    >>> text = "P= ¿Cómo ven el barrio?\nTA= Peor que antes.\nP= ¿Por qué?\nTA= Los precios.\n"
    >>> found = {m.start(): (m.start(), m.end(), m.group(1), None, False) for m in re.finditer(r"^(\w+)= ", text, re.M)}
    >>> _initials_talk(text, found, list(found))
    True
    """
    fenced = [(m.start(), m.end()) for m in _CODE_FENCE.finditer(text)]
    following = dict(itertools.pairwise([*sorted(found), len(text)]))
    talk = 0
    for start in starts:
        if any(a <= start < b for a, b in fenced):
            continue
        talk += _reads_as_talk(text[found[start][1] : following[start]])
    return 2 * talk >= len(starts)


def _reads_as_talk(words: str) -> bool:
    """Whether a label's words read as someone's talk: six words or more, or a sentence's end ("Peor que antes.",
    "¿Por qué?"), not a glossary's "general practitioner" or a sum's "B + C"."""
    words = words.strip().rstrip("\"”»’)]")
    return len(words.split()) >= 6 or words.endswith((".", "?", "!", "…"))


#: A line's words that are only a web address (perhaps in angle brackets), nothing said.
_LINK_ONLY = re.compile(r"\s*<?https?://\S+?>?\s*")


def _timed_in_bold_voices(
    labels: list[tuple[int, int, str, float | None, bool]], candidates: list[tuple[int, int, str, float | None, bool]], timed_in_bold: set[int]
) -> list[tuple[int, int, str, float | None, bool]]:
    """The labels kept, without the bold labels with a time in round brackets ("**Bin (04:43):**") where only one of
    their names was kept and others were left: one voice alone is no conversation, and the labels left would be read
    as its words ("**Bo (00:30):** …", a guest speaking once, or "**Keynote (09:30):** …" between an agenda's two
    "**Welcome (…):**" items). Where two names or more were kept, the one-off voices are kept by the rule for all labels.

    Examples
    --------
    >>> ann, bo = (0, 5, "Ann", 1.0, False), (9, 14, "Bo", 30.0, False)
    >>> _timed_in_bold_voices([ann], [ann, bo], {0, 9})
    []
    >>> _timed_in_bold_voices([ann, bo], [ann, bo], {0, 9}) == [ann, bo]
    True
    """
    kept = {label[2] for label in labels if label[0] in timed_in_bold}
    left = {candidate[2] for candidate in candidates if candidate[0] in timed_in_bold} - kept
    if len(kept) == 1 and left:
        return [label for label in labels if label[0] not in timed_in_bold]
    return labels


def _take_turns_talking(
    text: str, starts: list[int], paired: dict[int, tuple[str, str]], convention: str, *, found: dict[int, tuple[int, int, str, float | None, bool]] | None = None
) -> bool:
    """Whether the labels of one paired-only convention read as people talking.

    A dash list ("Kitchen - damp", "Kitchen - mould", "Bedroom - cold") repeats its
    labels in runs and asks nothing; speakers mostly follow a different speaker, and
    someone asks a question. A cleaned interview may ask in reported speech ("I then asked whether …", no question
    mark anywhere): Markdown headings naming the interviewer that carry the recording's time ("### Interviewer (00:03)",
    "### Expert (02:10)"; ``found`` holds each label's time) are people talking too, where two or more such headings
    have a time that never goes back.

    Examples
    --------
    >>> text = "### Interviewer (00:03)\\nI asked about costs.\\n\\n### Expert (02:10)\\nThey rose.\\n\\n### Interviewer\\nI asked about staff.\\n\\n### Expert\\nFewer."
    >>> [s.speaker for s in segment_turns(text)]
    ['Interviewer', 'Expert', 'Interviewer', 'Expert']
    >>> segment_turns(text.replace(" (00:03)", "").replace(" (02:10)", "")) is None
    True
    """
    own = sorted(start for start, (_, group) in paired.items() if group == convention)
    speakers = [paired[start][0] for start in own]
    changes = sum(1 for before, after in itertools.pairwise(speakers) if before != after)
    # Two or more role words and nothing else ("interviewee" alone on a line over each paragraph of an answer, as
    # Delve prints a transcript) name speakers however long one's run of paragraphs: a list repeats no role word.
    roles_only = len({speaker.lower() for speaker in speakers}) >= 2 and all(_ROLE_WORD.fullmatch(speaker) for speaker in speakers)
    if 2 * changes < len(speakers) - 1 and not roles_only:
        return False
    if all(PARTICIPANT_CODE.fullmatch(speaker) for speaker in speakers):
        return True  # "[id1] …", "[P03] …": participant codes name people, whether or not anyone asks
    if convention == _NAME_SPACES_GROUP and all(len(speaker.split()) >= 2 or _is_role_label(speaker) for speaker in speakers):
        # Otter's own layout, full names or roles that alternate: its speech recognition may write no question
        # mark at all. One word and two spaces ("Kitchen␣␣") is as often Markdown's hard line break.
        return True
    if convention == _TITLE_STOP_GROUP:
        # A printed hearing writes the words on the label's line, but for a statement read out ("Chairman INOUYE." over
        # it); a list of people writes each name alone on its line, a note below ("Mr. SMITH." over "Her neighbour.").
        alone = sum(1 for start in own if text[SPEAKER_PATTERNS["title_capitals_stop"].match(text, start).end() :].lstrip(" \t")[:1] in ("\n", "\r", ""))
        if 2 * alone > len(own):
            return False
        # Hard-wrapped notes run a sentence on into a name at a line's start ("…I was sent to\nDr. JONES. He explained");
        # a hearing's labels open after a sentence, a heading or a blank line, but for a few (an answer with no full
        # stop, "TESTIMONY OF …"): the document's labels are decided together, never one by one into another's turn.
        runs_on = sum(1 for start in own if not _after_a_sentence(text, start))
        if 3 * runs_on > len(own):
            return False
    following = dict(itertools.pairwise(starts))
    if any(mark in text[start : following.get(start, len(text))] for start in own for mark in _QUESTION_MARKS):
        return True
    return convention == _HEADING_NAME_GROUP and found is not None and _timed_interviewer_headings([found[start] for start in own if start in found])


#: How far into the recording the first timed heading may be, in seconds, for headings to be turns with no question.
_RECORDING_OPENS = 300


def _timed_interviewer_headings(labels: list[tuple[int, int, str, float | None, bool]]) -> bool:
    """Whether Markdown headings naming speakers read as an interview's turns without a question mark: the
    interviewer's role word names some, and two or more carry a recording's time that never goes back, the first in
    the recording's first minutes (:data:`_RECORDING_OPENS`; a day's schedule or minutes, "### Interviewer (10:00)"
    over "### Chair (10:15)", keeps the clock's times, no recording's).

    >>> _timed_interviewer_headings([(0, 9, "Interviewer", 3.0, True), (20, 29, "Expert", 130.0, True)])
    True
    >>> _timed_interviewer_headings([(0, 9, "Interviewer", 600.0, True), (20, 29, "Chair", 615.0, True)])
    False
    """
    times = [label[3] for label in labels if label[3] is not None]
    asking = any(_asks(label[2], DEFAULT_INTERVIEWER_LABELS) for label in labels)
    return asking and len(times) >= 2 and times[0] < _RECORDING_OPENS and all(after >= before for before, after in itertools.pairwise(times))


#: A participant code: a few letters and a number ("id1", "P03", "FG2"), never a list's item.
PARTICIPANT_CODE = re.compile(r"[A-Za-z]{1,4}\d{1,3}")


#: A Markdown heading's marks before its words ("## ").
_HEADING_MARKS = re.compile(r" {0,3}#{1,6}[ \t]+")


def _unemphasised(words: str) -> str:
    """Words without the space and Markdown emphasis that close them: "**Why?**  " ends a question as "Why?" does."""
    return words.rstrip().rstrip("*_").rstrip()


def _question_end(text: str, start: int, end: int) -> int | None:
    """Where a labelled question ends and an unlabelled answer begins in ``text[start:end]`` (None: no answer).

    The question is the first paragraph (up to a blank line) or, in a turn
    without blank lines, its lines up to the first that ends a sentence (a
    question hard-wrapped over lines stays whole); the rest is the answer.
    """
    first_end = text.find("\n", start, end)
    line_start = text.rfind("\n", 0, start) + 1
    heading = _HEADING_MARKS.fullmatch(text, line_start, start) is not None
    bold = text.startswith(("**", "__"), start) and text[start:first_end].rstrip().endswith(("**", "__"))
    if first_end != -1 and (heading or bold):
        # A question set apart as a Markdown heading or wholly in bold ("## Why?", "**Why?**") is that line,
        # whatever follows it unparted.
        return start + len(text[start:first_end].rstrip()) if text[first_end:end].strip() else None
    blank = _BLANK_LINE.search(text, start, end)
    # Only a blank line with words after it parts question and answer: a rule ("----") closing the turn is no answer.
    if blank is not None and any(character.isalnum() for character in text[blank.end() : end]):
        split = blank.start()
    else:
        # A question hard-wrapped over lines ends at the first line that ends a sentence.
        split = -1
        for line_end in (m.start() for m in re.finditer("\n", text[start:end])):
            if _unemphasised(text[start : start + line_end]).endswith(("?", ".", "!", "…", "？", "؟")):
                split = start + line_end
                break
    if split == -1 or not text[split:end].strip():
        return None
    return start + len(text[start:split].rstrip())


#: Role words that open a transcript's header lines ("Interviewer: Jane Smith"), and the role they give.
_DECLARING = {
    "interviewer": "interviewer", "interviewers": "interviewer", "moderator": "interviewer", "facilitator": "interviewer",
    "researcher": "interviewer", "int": "interviewer", "mod": "interviewer", "moderators": "interviewer", "facilitators": "interviewer",
    "panel": "participant", "panelists": "participant", "panellists": "participant", "panelist": "participant", "panellist": "participant",
    **dict.fromkeys(_INTERVIEWER_WORDS_ABROAD, "interviewer"),  # "Entrevistadora: Betty Huerta"
    **dict.fromkeys(_NOTE_TAKER_WORDS, "interviewer"),  # "Notetaker: Sam Lee", the research team's
    "interviewee": "participant", "respondent": "participant", "participant": "participant", "participants": "participant",
    "resp": "participant", "narrator": "participant",
    **dict.fromkeys(_PARTICIPANT_WORDS_ABROAD, "participant"),  # "Entrevistada: Vero Saldaña"
}


def _declared_role(label: str) -> str | None:
    """The role a header label declares ("Interviewer 1: Jane" as "Interviewer: Jane", "Interviewer (IV): Jane" as
    "Interviewer: Jane", its short form in brackets), or None."""
    base, aside = label_parts(label)
    role = _DECLARING.get(base.lower()) or _DECLARING.get(role_word(base))
    if aside is not None and not _ABBREVIATION.fullmatch(aside):
        # "Jane (female, 40s)": a speaker described, not a role declared; but a translated header keeps the role's
        # word in the original beside it ("인터뷰이(INTERVIEWEE): Bruno Siciliano"), which declares the same role.
        return role if role is not None and _DECLARING.get(aside.lower()) == role else None
    return role
#: One name on a header line: up to four words, the first a letter ("Jane Smith", "Participant 12").
_HEADER_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [\w'’.-]+){0,3}")
#: What joins names on a header line: "Ann Lee, Bo Chan", "Ann Lee and Bo Chan", and a co-interviewer "with"
#: ("INTERVIEWER: Peter Asaro with Selma Šabanović", an oral-history centre's header) in a few languages. Korean
#: joins with a particle on the name before ("Peter Asaro와 Selma Šabanović", "… Asaro와 함께한 Selma": "and", "with")
#: or with "및" ("and").
_NAME_SEPARATOR = re.compile(r", |; | and | & | y | und | et | with | mit | avec | com | con |(?<=[^\W\d_])[와과](?: 함께한?)? | 및 ")
#: "…, Peter Asaro 공동 진행" ("jointly conducted") after a Korean header's names: no name's words.
_JOINTLY = re.compile(r"\s+공동\s?진행$")


def _name_forms(name: str) -> set[str]:
    """The lower-case forms a later label may give a declared name: whole, its first word, its last ("Jane Smith": jane smith, jane, smith).

    Each also without its accents, as a transcriber may type the name ("Šabanović" over turns of "Sabanovic").

    Examples
    --------
    >>> sorted(_name_forms("Selma Šabanović"))
    ['sabanovic', 'selma', 'selma s', 'selma s.', 'selma sabanovic', 'selma š', 'selma š.', 'selma šabanović', 'šabanović']
    """
    words = name.split()
    # "Rich W McGrath" over turns of "Rich McGrath": a middle name or initial the labels leave out.
    forms = {name.lower(), words[0].lower(), words[-1].lower(), f"{words[0]} {words[-1]}".lower(), *_short_forms(name)}
    return forms | {_unaccented(form) for form in forms}


def _unaccented(words: str) -> str:
    """``words`` without the accents on their letters ("šabanović" → "sabanovic"); other scripts as they are."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", words) if not unicodedata.combining(c))


#: A first and last name as a header writes it ("Aaron Bell"), to tell apart names that shorten alike.
_PLAIN_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")


def _short_forms(name: str) -> set[str]:
    """A name as notes shorten it, its first word and last initial: "Aaron Brewster" → "aaron b", "aaron b."."""
    words = name.split()
    return {f"{words[0]} {words[-1][0]}".lower(), f"{words[0]} {words[-1][0]}.".lower()} if len(words) > 1 else set()


def front_matter_people(properties: Mapping[str, str]) -> dict[str, str]:
    """Whom a file's own properties name as its interviewer and interviewee, as an oral-history record's columns do.

    Examples
    --------
    >>> front_matter_people({"interviewee": "Jorge Louro", "interviewer": "Ana Reis", "place of birth": "Braga"})
    {'interviewee': 'Jorge Louro', 'interviewer': 'Ana Reis'}
    >>> front_matter_people({"interviewer": "not known yet."})
    {}
    """
    people: dict[str, list[str]] = {}
    for key, value in properties.items():
        role = _declared_role(key)
        if role is not None and value.strip() and _names_only(value.strip()):
            people.setdefault("interviewer" if role == "interviewer" else "interviewee", []).append(value.strip())
    # One person under two keys ("interviewer:" and "entrevistadora:") is named once.
    return {column: "; ".join(dict.fromkeys(names)) for column, names in people.items()}


def front_matter_roles(properties: Mapping[str, str]) -> dict[str, str]:
    """Lower-case label → role for the people a file's own properties name by their role, as a header's lines do.

    Front matter such as ``interviewer: Livia Bettero`` over turns labelled "<Livia>" says
    who asks, as the header line "Interviewer: Livia Bettero" would (:func:`_header_declarations`);
    the reader has taken those lines out of the words, so it passes their roles on. Each name's
    forms (whole, first word, last word) get its role; a form two roles share is no one's, and a
    role word ("R") keeps its own.

    Examples
    --------
    >>> sorted(front_matter_roles({"interviewer": "Livia Bettero", "place of birth": "Braga"}).items())
    [('bettero', 'interviewer'), ('livia', 'interviewer'), ('livia b', 'interviewer'), ('livia b.', 'interviewer'), ('livia bettero', 'interviewer')]
    >>> front_matter_roles({"interviewer": "not known yet.", "title": "Ann Lee"})
    {}
    """
    roles: dict[str, str] = {}
    shared: set[str] = set()
    for key, value in properties.items():
        role = _declared_role(key)
        if role is None or not value.strip() or not _names_only(value.strip()):
            continue
        for name in _NAME_SEPARATOR.split(value.strip()):
            for form in _name_forms(name):
                if _is_role_label(form):
                    continue
                if roles.setdefault(form, role) != role:
                    shared.add(form)
    return {form: role for form, role in roles.items() if form not in shared}


def _declared_names(text: str, start: int, end: int) -> list[str] | None:
    """The names a header label declares: on its own line ("Moderator: Jane Smith, Tom Brown"), or listed
    on the lines below it up to a blank line ("Panel:" over "- Graeme Winter", "- Iris Young"); None if
    anything there is not a name."""
    line, _, rest = text[start:end].partition("\n")
    if line.strip():
        paired = _paired_names(line.strip())
        if paired is not None:
            return paired
        lines = [_before_description(_JOINTLY.sub("", line.strip()))]
    else:
        lines = []
        for below in rest.lstrip("\n").split("\n"):
            if not below.strip():
                break
            lines.append(below.strip().removeprefix("- ").removeprefix("* ").removeprefix("• ").strip())
    names = [name for line in lines for name in _NAME_SEPARATOR.split(line)]
    if not lines or len(lines) > _LISTED_NAMES or any(line.endswith((".", "?", "!")) for line in lines) or not all(_names_only(_without_aside(name)) for name in names):
        return None
    return names


#: Another role and its colon on a header line that names one person already ("Jane Smith; Participant: Tom Brown").
_ANOTHER_ROLE = re.compile(r"[ \t]*(?:;|,|\t| {2,}|[ \t]\|)[ \t]*(?P<role>[^\W\d_][\w-]*(?: [^\W\d_][\w-]*)?(?: \([^()\n]{1,12}\))?)[ \t]*:[ \t]+")


def _paired_names(line: str) -> list[str] | None:
    """The names a header line gives two roles or more, after its first role's label, each later one with its role
    in brackets, or None where the line names no second role.

    "Interviewer: Jane Smith; Participant: Tom Brown" names both people on one line: after the first label the
    line reads "Jane Smith; Participant: Tom Brown", whose names are Jane Smith (the label's role) and Tom Brown
    (a participant), as "Jane Smith, Tom Brown (Participant)" would give them.

    Examples
    --------
    >>> _paired_names("Jane Smith; Participant: Tom Brown")
    ['Jane Smith', 'Tom Brown (Participant)']
    >>> _paired_names("Ann Lee, Note taker: Bo Chan; Respondent: Kim Oh")
    ['Ann Lee', 'Bo Chan (Note taker)', 'Kim Oh (Respondent)']
    >>> _paired_names("Jane Smith; she said: hello") is None, _paired_names("Jane Smith") is None
    (True, True)
    """
    pieces = []
    last = 0
    roles = [None]
    for found in _ANOTHER_ROLE.finditer(line):
        if _declared_role(found["role"]) is None:
            return None
        pieces.append(line[last : found.start()])
        roles.append(found["role"])
        last = found.end()
    if len(roles) == 1:
        return None
    pieces.append(line[last:])
    names = []
    for piece, role in zip(pieces, roles):
        piece = piece.strip()
        if not piece or piece.endswith((".", "?", "!")) or not _names_only(piece):
            return None
        names += [name if role is None else f"{name} ({role})" for name in _NAME_SEPARATOR.split(piece)]
    return names


#: A name's bracketed aside at its end ("Rosa Vela (Estudiante)").
_BRACKETED_AFTER = re.compile(r" \([^()\n]{1,40}\)$")


def _without_aside(name: str) -> str:
    """A header's name without what it says of the person in brackets: a name may say who they are there.

    >>> _without_aside("Lander Paz (Entrevistador)"), _without_aside("Ann Lee")
    ('Lander Paz', 'Ann Lee')
    """
    return label_parts(name)[0] if _BRACKETED_AFTER.search(name) else name


#: At most this many names listed one a line under a header label.
_LISTED_NAMES = 12


#: A participant's id in a header's list of names ("Participants: P01, P02", "FG1-03"): capitals, then a number.
_ID_AS_NAME = re.compile(r"[A-Z]{1,4}[-_ ]?\d{1,4}(?:-\d{1,3})?")


def _names_only(line: str) -> bool:
    """Whether a header line holds names only, joined by commas or "and": people's names, or their ids ("P01").

    >>> _names_only("Jo and Sam"), _names_only("P01, P02"), _names_only("we went"), _names_only("12 March")
    (True, True, False, False)
    """
    # A first letter in a script without case (李明) counts as a capital, as in a label.
    return all(
        _ID_AS_NAME.fullmatch(name)
        or _HEADER_NAME.fullmatch(name) and name[0].isalpha() and sum(map(str.isalpha, name)) >= 2 and (name[0].isupper() or name[0].lower() == name[0].upper())
        for name in _NAME_SEPARATOR.split(line)
    )


#: One more label and its meaning on a key line ("I: Interviewer, B: Befragter"): a separator, a short label, its colon.
_LEGEND_STEP = re.compile(r"\s*[,;]\s*([^\W_][\w.]{0,11})\s*[:=]\s*")


#: A key line for one label: who it is, in a word or two, then the role with its article ("moi, l'interviewer").
_KEY_ROLE = re.compile(r"(?:[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?,[ \t]*)?(?:(?:the|a|an|der|die|el|la|le|il|lo|o|de|het)[ \t]+|[ldLD]['’])?(?P<role>[^\W\d_][\w-]*)")


def _legend(label: str, line: str, later: set[str]) -> list[tuple[str, str]] | None:
    """The labels and role words of a key line before the turns ("I: Interviewer, B: Befragter"), or None.

    A key names two or more labels, each by a word or two written as a name is
    (no sentence), every label but the first is used later in the transcript,
    and at least one of the words is a role word, so that a turn such as
    "P1: Well, I: I don't know" is never a key.

    Examples
    --------
    >>> _legend("I", "Interwiever, B: Befragter", {"I", "B"})
    [('I', 'Interwiever'), ('B', 'Befragter')]
    >>> _legend("P1", "Well, I: I don't know", {"P1", "I"}) is None
    True

    A key may give one label a line, saying whose it is before the role ("M : moi, l'interviewer",
    "C : Christine, l'interviewée", as a French thesis keys its transcripts); that label must come back.

    >>> _legend("M", "moi, l'interviewer", {"M", "C"})
    [('M', 'interviewer')]
    >>> _legend("M", "I asked the interviewer", {"M", "C"}) is None
    True
    """
    pairs = []
    position, current = 0, label
    for step in _LEGEND_STEP.finditer(line):
        pairs.append((current, line[position : step.start()].strip()))
        current, position = step.group(1), step.end()
    pairs.append((current, line[position:].strip()))
    if len(pairs) == 1 and label in later and (role := _KEY_ROLE.fullmatch(line)) and _declared_role(role.group("role")) is not None:
        return [(label, role.group("role"))]
    if len(pairs) < 2 or any(key not in later for key, _ in pairs[1:]):
        return None
    if any(not word or len(word.split()) > 2 or not word[0].isupper() or word.endswith((".", "?", "!")) for _, word in pairs):
        return None
    if not any(_declared_role(word) is not None or misspelt_interviewer(word) for _, word in pairs):
        return None
    return pairs


#: One member of a focus group's roster: who, perhaps their role, then the label their turns take in brackets
#: ("SEBASTIÁN ALPERIN, MODERADOR (P)", "VALERIA GAINZA (VG)", "PRESENTADOR SEBASTIAN HAIPERIN (P)").
_ROSTER_LINE = re.compile(rf"[ \t]*(?P<who>[^()\n:=]{{2,80}}?)[ \t]*\([ \t]*(?P<key>{_INITIALS})[ \t]*\)[ \t]*")


def _roster(label: str, after: str, later: set[str]) -> list[tuple[str, str]] | None:
    r"""A focus group's list of who takes part under a role heading ("PARTICIPANTES:"), as a key, or None.

    The heading's line holds nothing else; the lines below it, up to a blank line or another line, each give a
    member and, in brackets, the label of their turns. Two labels or more must take turns later, or one under a heading
    naming the interviewer's role ("MODERADOR:" over "ANA LÓPEZ (P)", the members listed under a heading of their own).
    Each label keyed is given the role word on its line ("MODERADOR", "PRESENTADORA"), or else the heading's.

    Examples
    --------
    >>> _roster("PARTICIPANTES", "\nSEBASTIÁN ALPERIN, MODERADOR (P)\nVALERIA (V)\nELÍAS (E)\nTOMÁS (T)\n", {"P", "V", "E"})
    [('P', 'MODERADOR'), ('V', 'PARTICIPANTES'), ('E', 'PARTICIPANTES')]
    >>> _roster("Participants", " Ann (A) and Bo (B)\n", {"A", "B"}) is None
    True
    >>> _roster("MODERADOR", "\nANA LÓPEZ (P)\n\nPARTICIPANTES:\n", {"P", "TA"})
    [('P', 'MODERADOR')]
    """
    role = _declared_role(label)
    if role is None:
        return None
    line, _, rest = after.partition("\n")
    if line.strip():
        return None
    keyed = []
    for below in rest.split("\n"):
        found = _ROSTER_LINE.fullmatch(below)
        if found is None:
            break
        if found["key"] in later:
            word = next((word for word in re.split(r"[\s,]+", found["who"]) if _DECLARING.get(word.lower())), label)
            keyed.append((found["key"], word))
    return keyed if len(keyed) >= (1 if role == "interviewer" else 2) else None


def _lone_role_line(text: str, labels: list[tuple[int, int, str, float | None, bool]], said_once: Counter[str]) -> str | None:
    """The transcript's first label line when it is a header's ("Participant: Bernadette (Bernie), Brook Court").

    A role label said once, at the top, on a line that is no sentence, while another label of the
    same role takes turns later ("RESP:"), or, for a participant's, while an interviewer and one
    other voice do ("Interviewer:", "Ann:"), names that person; it is not their turn.  Returns the
    line, or ``None``.
    """
    if len(labels) < 3:
        return None
    role = _declared_role(labels[0][2])
    if role is None:
        return None
    line = text[labels[0][0] : labels[1][0]].split("\n", 1)[0].strip()
    # A cover sheet's row of fields ("Participant: Gary (G1)    Wave 1    Date: 18/03/2026"): its first field names.
    words = header_fields(text[labels[0][1] : labels[1][0]].split("\n", 1)[0].strip())[0]
    if not words or words.endswith((".", "?", "!", "…")) or len(words.split()) > 8:
        return None
    if said_once[labels[0][2]] > 1:
        # "Moderadora: Alicia" over turns that each have their time ("[00:00:01]" above "Moderadora: Vamos…"): the one
        # line with none, a name alone, names who plays the role; "Moderator: Okay" in a timed transcript has its time.
        # Its words must be the whole turn and read as a name: "Interviewer: Okay" over a question is a turn.
        _, (start, end) = _time_marks_at_end(text, labels[0][1], labels[1][0])
        alone = "\n" not in text[start:end].strip()
        return line if alone and _names_only(words) and not _common_words_in(words) and _untimed_over_timed(text, labels) else None
    taking_turns = {label[2] for label in labels[1:] if said_once[label[2]] > 1}
    if any(_declared_role(other) == role for other in taking_turns):
        return line
    # "Participant: Ann (pseudonym)" above an interviewer's and Ann's turns: the one other voice is the participant.
    named = [other for other in taking_turns if _declared_role(other) is None]
    asking = [other for other in taking_turns if _declared_role(other) == "interviewer"]
    return line if role == "participant" and len(named) == 1 and asking and len(named) + len(asking) == len(taking_turns) else None


def _common_words_in(words: str) -> bool:
    """Whether a name's place holds a word speech opens with or a language's commonest ("Okay", "Right", "Hello Maria").

    Examples
    --------
    >>> _common_words_in("Okay"), _common_words_in("Hello Maria"), _common_words_in("Alicia"), _common_words_in("María José")
    (True, True, False, False)
    """
    said = {word.lower() for word in re.findall(r"[^\W\d_]+", words)}
    return not said.isdisjoint(_NO_NAMES)


#: Greetings a moderator opens with ("Moderator: Welcome", "Facilitator: Hello Maria"): never a name.
_GREETINGS = frozenset("hello hi hey welcome morning evening afternoon thanks thank hola buenos buenas bienvenidos bienvenidas olá bom boa bonjour hallo".split())
#: Words that cannot stand in a name's place (:func:`_common_words_in`), joined once.
_NO_NAMES = _DISCOURSE_WORDS | _GREETINGS | frozenset().union(*COMMON_WORDS.values())


def _untimed_over_timed(text: str, labels: list[tuple[int, int, str, float | None, bool]]) -> bool:
    """Whether a transcript's first label has no time and every later one has its own or a time mark alone above it.

    Examples
    --------
    >>> text = "Moderator: Ana\\n\\n[00:00:01]\\nModerator: Hi?\\n[00:00:05]\\nBo: Hello.\\n"
    >>> labels = [(0, 10, "Moderator", None, False), (27, 37, "Moderator", None, False), (53, 56, "Bo", None, False)]
    >>> _untimed_over_timed(text, labels), _untimed_over_timed(text.replace("[00:00:05]", ""), labels)
    (True, False)
    """
    if labels[0][3] is not None or _time_marks_at_end(text, 0, labels[0][0])[0] is not None:
        return False
    return all(label[3] is not None or _time_marks_at_end(text, before[1], label[0])[0] is not None for before, label in itertools.pairwise(labels))


#: A header's sentence naming who plays a role ("Interviewer is Jonas Rosland and Rich W McGrath.", "The
#: moderators were Ann Lee and Bo Chan."): the role word, then the names up to the sentence's end (an initial's
#: full stop, "Rich W. McGrath", ends nothing).
_ROLE_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+|(?<=\n))(?:[Tt]he[ \t]+)?(?P<role>[A-Za-z]+)[ \t]+(?:is|are|was|were)[ \t]+"
    r"(?P<names>(?:[^.!?\n]|(?<=\b[A-Z])\.)+)\.?[ \t]*(?=$|\n|[ \t][A-Z])",
    re.MULTILINE,
)


#: A cover page's or header's line saying who asked: "Interviewed by: Al Kossow", "Interviewed by" over the name on
#: the next line (an oral history's cover page), "Moderated by Ann Lee and Bo Chan."
_BY_LINE = re.compile(
    r"^[ \t]*(?:[Ii]nterviewed|[Mm]oderated|[Ff]acilitated|INTERVIEWED|MODERATED|FACILITATED)[ \t]+(?:by|BY)[ \t]*:?[ \t]*\n?[ \t]*"
    r"(?P<names>(?:[^.!?\n]|(?<=\b[A-Z])\.)+?)\.?[ \t]*$",
    re.MULTILINE,
)


#: A header's list item naming who plays a role ("- **Interviewer:** Jane Smith", "* Interviewee: Tom Brown"): the
#: bullet, the role word (in bold or not), its colon, the rest of the line.
_LISTED_ROLE_LINE = re.compile(
    r"^[ \t]*[-*+][ \t]+(?:\*\*|__)?(?P<role>[^\W\d_][\w -]{0,30}?)[ \t]*(?::(?:\*\*|__)?|(?:\*\*|__)[ \t]*:)[ \t]*(?P<names>[^\n]*\S)[ \t]*$",
    re.MULTILINE,
)


def _declaring_sentences(header: str) -> list[tuple[str, str, str]]:
    r"""Each sentence or line of ``header`` that says who plays a role, as (its words, the role, the names).

    A header's list of who is who counts as its lines would unbulleted ("- **Interviewer:** Jane Smith").

    Examples
    --------
    >>> _declaring_sentences("# Interview 3\n\n- **Interviewer:** Jane Smith\n- **Date:** 12 March\n")
    [('- **Interviewer:** Jane Smith', 'interviewer', 'Jane Smith')]
    >>> _declaring_sentences("Oral History of Fran Allen\n\nInterviewed by:\n Al Kossow\n\nRecorded: September 11, 2008\n")
    [('Interviewed by:\n Al Kossow', 'interviewer', 'Al Kossow')]
    >>> [role for _, role, _ in _declaring_sentences("The moderators were Ann Lee and Bo Chan.")]
    ['interviewer']
    """
    said = [(found.group(0).strip(), role, found["names"]) for found in _ROLE_SENTENCE.finditer(header) if (role := _DECLARING.get(found["role"].lower()))]
    said += [(found.group(0).strip(), "interviewer", found["names"]) for found in _BY_LINE.finditer(header)]
    said += [(found.group(0).strip(), role, found["names"]) for found in _LISTED_ROLE_LINE.finditer(header) if (role := _declared_role(found["role"]))]
    return said


#: A key line under a transcript's title, one label a line with its role after an equals sign ("I = Interviewer",
#: "B = Befragte", "P = Protokollant", as German theses key their transcripts): a short label, "=", a word or two.
_KEY_LINE = re.compile(r"^[ \t]*(?P<label>[^\W\d_][\w.]{0,11})[ \t]*=[ \t]*(?P<word>[^\W\d_][\w-]*(?: [^\W\d_][\w-]*)?)[ \t]*$", re.MULTILINE)


def _key_lines(header: str, later: Collection[str], *, known: frozenset[str] = frozenset()) -> tuple[dict[str, str], list[str]]:
    r"""Roles a header's key lines ("I = Interviewer" one a line) give the labels that take turns below it, and the lines.

    A key line declares its label's role where the word after "=" is a role word (:data:`_DECLARING`, the
    interviewer's misspelt) and the label takes turns later; a role label is keyed too ("P = Protokollant": the
    note-taker, not a participant). A label the study declares (``known``) keeps its role.

    Examples
    --------
    >>> _key_lines("Datum 10.05.2021\nI = Interviewer\nB = Befragte\nP = Protokollant\n", ["I", "B", "P"])
    ({'i': 'interviewer', 'b': 'participant', 'p': 'interviewer'}, ['I = Interviewer', 'B = Befragte', 'P = Protokollant'])
    >>> _key_lines("x = 3\nA = Anna\nTotal = Summe\n", ["A", "Total"])
    ({}, [])
    """
    by_form = {label.lower(): label for label in later}
    declared: dict[str, str] = {}
    lines = []
    for found in _KEY_LINE.finditer(header):
        key, word = found["label"].lower(), found["word"]
        role = _declared_role(word) or ("interviewer" if misspelt_interviewer(word) else None)
        if role is None or key not in by_form or key in known or key in declared:
            continue
        declared[key] = role
        lines.append(found.group(0).strip())
    return declared, lines


def _prose_declarations(header: str, later: Collection[str], *, known: frozenset[str] = frozenset()) -> tuple[dict[str, str], str | None]:
    r"""Roles a header's sentences give the labels that take turns below it (lower-case label -> role), and a note.

    A podcast's or an archive's transcript says who asked in its details rather than on a labelled line
    ("Interview took place on March 26, 2021. Interviewer is Jonas Rosland and Rich W McGrath."), and its
    turns are labelled by name ("Rich McGrath"). A sentence of a role word (``_DECLARING``), "is", "are",
    "was" or "were" and names only gives each label that is one of the names (whole, its first or last
    word, or its first and last words without a middle name or initial) that role; a speaker the study
    declares (``known``) and a role label ("I", "R") keep theirs.

    Examples
    --------
    >>> header = "## Details\n\nInterview took place on March 26, 2021. Interviewer is Jonas Rosland and Rich W McGrath.\n"
    >>> _prose_declarations(header, ["Jonas Rosland", "Jon Lawitts", "Rich McGrath"])[0]
    {'jonas rosland': 'interviewer', 'rich mcgrath': 'interviewer'}
    >>> _prose_declarations("The moderator was Ann Lee.\n", ["Ann", "Bo"])[0]
    {'ann': 'interviewer'}

    A sentence whose words after the verb are not names only, or whose first word is no role, declares nothing.

    >>> _prose_declarations("The interviewer is my sister, who asked about the war.", ["Ann"])[0]
    {}
    >>> _prose_declarations("Weather is Ann Lee.", ["Ann Lee"])[0]
    {}
    """
    by_form = {label.lower(): label for label in later}
    declared, keys = _key_lines(header, later, known=known)
    keyed = [f"{by_form[key]!r} read as {role}" for key, role in declared.items()]
    said = []
    sentences = _declaring_sentences(header)
    for _, role, written in sentences:
        names = [name.strip() for name in _NAME_SEPARATOR.split(written.strip())]
        if not all(_names_only(name) for name in names):
            continue
        for name in names:
            for key in sorted(_name_forms(name) & set(by_form)):
                if key not in declared and key not in known and not _is_role_label(key):
                    declared[key] = role
                    said.append(f"{by_form[key]!r} read as {role}")
    notes = ["the header's key (" + ", ".join(map(repr, keys)) + ") names the labels: " + ", ".join(keyed)] if keyed else []
    if said:
        shown = "; ".join(dict.fromkeys(" ".join(words.split()) for words, _, _ in sentences))
        notes.append(f"the header's sentence {shown!r} names who asks: " + ", ".join(said))
    return (declared, "; ".join(notes)) if notes else ({}, None)


def _header_declarations(
    text: str, labels: list[tuple[int, int, str, float | None, bool]], *, known: frozenset[str] = frozenset()
) -> tuple[list[tuple[int, int, str, float | None, bool]], dict[str, str], str | None]:
    """Header lines that name who is who ("Interviewer: Jane Smith"), taken out of the turns, and the roles a
    sentence before the first turn gives (:func:`_prose_declarations`) to labels no header line declares."""
    kept, declared, note = _header_lines(text, labels, known=known)
    if not kept:
        return kept, declared, note
    lowered = {label.lower() for label in known}
    prose, prose_note = _prose_declarations(text[: labels[0][0]], {label[2] for label in kept}, known=frozenset(lowered | set(declared)))
    if not prose:
        return kept, declared, note
    return kept, {**prose, **declared}, _also(note, prose_note) if note else prose_note


def _header_lines(
    text: str, labels: list[tuple[int, int, str, float | None, bool]], *, known: frozenset[str] = frozenset()
) -> tuple[list[tuple[int, int, str, float | None, bool]], dict[str, str], str | None]:
    """Header lines that name who is who ("Interviewer: Jane Smith"), taken out of the turns.

    A transcript often opens with lines such as "Interviewer: Jane Smith" and
    "Interviewee: Tom Brown" before the conversation, whose turns are then
    labelled "Jane:" and "Tom:".  Read as turns, the interviewer's label would
    hold one turn ("Jane Smith") and Jane's questions would be coded as a
    participant's words, with nothing said.  Leading labels that are role words
    (``_DECLARING``), hold nothing but names on one line, and do not come back
    later are header lines: they join the text before the first turn, and each
    later label that is one of the names, its first or last word or its
    initials, takes the declared role.  A speaker the study declares (``known``) is never a
    header's property.  Returns the remaining labels, those roles
    (lower-case label -> role) and a note saying what was read.
    """
    said_once = Counter(label[2] for label in labels)
    # As written: "Interviewer (IV): Jane Smith" once at the top, then "IV:" turns read as that full label.
    written = Counter(text[label[0] : label[1]].strip() for label in labels)
    lone = _lone_role_line(text, labels, said_once)
    if lone is not None:
        kept, declared, note = _header_lines(text, labels[1:], known=known)
        who = "who speaks under another label" if said_once[labels[0][2]] == 1 else "with no time above timed turns"
        said = f"the header line {lone!r} names the {_declared_role(labels[0][2])}, {who}: not a turn"
        return kept, declared, f"{said}; {note}" if note else said
    index = 0
    legends: dict[int, list[tuple[str, str]]] = {}
    listed: dict[int, list[str]] = {}
    rosters: set[int] = set()  # legends that list the group one member a line, "NAME, MODERADOR (P)"
    properties: set[int] = set()  # one-off labels among the header lines ("Exercice : Fiche lecture n°25"), no one's turn
    named_only: set[int] = set()  # a speaker's own label written once in full over the header: it names, gives no label a role
    while index < len(labels):
        end = labels[index + 1][0] if index + 1 < len(labels) else len(text)
        line = text[labels[index][1] : end].split("\n", 1)[0].strip()
        legend = _legend(labels[index][2], line, {label[2] for label in labels[index + 1 :]})
        if legend is None and (legend := _roster(labels[index][2], text[labels[index][1] : end], {label[2] for label in labels[index + 1 :]})) is not None:
            rosters.add(index)
        names = _declared_names(text, labels[index][1], end)
        if legend is not None:
            legends[index] = legend
        elif _declared_role(labels[index][2]) is not None and names is not None and said_once[labels[index][2]] == 1:
            listed[index] = names
        elif (
            _declared_role(labels[index][2]) is not None
            and names is not None
            and written[text[labels[index][0] : labels[index][1]].strip()] == 1
            and text[labels[index][1] : end].strip().count("\n") >= 1
        ):
            # Written so once, over more header lines ("Interviewer (IV): Rosa Hale" over "Date of interview: …"),
            # while "IV:" takes the turns: the speaker's name, not a turn. Not "Interviewer (IV): Hello Maria"
            # right above Maria's first answer, a greeting.
            listed[index] = names
            named_only.add(index)
        elif _declared_role(labels[index][2]) is not None and names is not None and _paired_names(line) is not None:
            # "Interviewer: Jane Smith; Participant: Tom Brown" over turns of "Interviewer:" and "Participant:": a
            # line naming both people, each by a role, is a header's, not the interviewer's first turn.
            listed[index] = names
        elif (
            said_once[labels[index][2]] == 1
            and not _is_role_label(labels[index][2])
            and labels[index][2].lower() not in known
            and labels[index][3] is None  # a timed label ("SAM (00:00:04):") is someone speaking
            and not legends
            and not listed
        ):
            properties.add(index)  # a header's property before its key or declarations; only if one follows
        else:
            break
        index += 1
    header = max([*legends, *listed], default=-1) + 1
    if not header or header == len(labels):
        return labels, {}, None
    later = {label[2].lower(): label[2] for label in labels[header:]}
    # Every name the header gives, declared or not ("Panel: Aaron Bell, Dina Roy" left as header text).
    header_names = set(_PLAIN_NAME.findall(text[: labels[header][0]])) | {_without_aside(name) for names in listed.values() for name in names}
    shortened = Counter(form for name in header_names for form in _short_forms(name))
    shared_short = {form for form, count in shortened.items() if count > 1}
    declared: dict[str, str] = {}
    said = []
    for index, (_, _, role_label, _, _) in enumerate(labels[:header]):
        if index in properties:
            continue
        if index in legends:
            for key, word in legends[index]:
                role = _declared_role(word) or ("interviewer" if misspelt_interviewer(word) else None)
                if role is not None and key.lower() not in declared:
                    declared[key.lower()] = role
                    said.append(f"{key!r} read as {role} ({key}: {word})")
            if index in rosters and "interviewer" in declared.values():
                # The roster names the moderator: every other voice is the group's ("I= Recién me conecto" is a
                # member the list left out, not an interviewer by its letter); a role word keeps its role ("Moderadora:").
                for key, written in later.items():
                    if key not in declared and key not in known and _declared_role(written) is None:
                        declared[key] = "participant"
                        said.append(f"{written!r} read as participant (not on the list, which names the moderator)")
            continue
        line_role = _declared_role(role_label)
        found = len(said)
        for written_name in [] if index in named_only else listed[index]:
            # "Participants: Lander Paz (Interviewer) and Rosa Vela (Student)": a role in brackets is that name's.
            name = _without_aside(written_name)
            aside = label_parts(written_name)[1] if name != written_name else None
            role = (_declared_role(aside) if aside is not None else None) or line_role
            words = name.split()
            # "Aaron B" for Aaron Brewster only when no other declared name (Aaron Bell) shortens so.
            forms = _name_forms(name) - shared_short
            if len(words) > 1:
                forms.add("".join(w[0] for w in words).lower())
            # A role label ("R", "I", "Q") keeps its role: "Interviewer: Rachel" does not make "R:" the interviewer.
            for key in sorted(k for k in forms & set(later) if not _is_role_label(k)):
                if key not in declared:
                    declared[key] = role
                    said.append(f"{later[key]!r} read as {role} ({role_label}: {written_name})")
        # "Moderator: Jo" over turns labelled "M:": the one name never speaks under a form of it, and the label is the
        # role word's initial, which no other line declares and which is no role label of its own ("I" is the
        # interviewer's, whatever "Interviewee: Tom" begins with): that label is Jo's.
        initial = role_label.strip()[:1].lower()
        if (
            index not in named_only and len(said) == found and len(listed[index]) == 1 and line_role is not None
            and initial in later and initial not in declared and not _is_role_label(initial)
        ):
            declared[initial] = line_role
            said.append(f"{later[initial]!r} read as {line_role} ({role_label}: {listed[index][0]}, the role's initial)")
    note = (
        "header lines "
        + ", ".join(f"{label[2]!r} (a key to the labels)" if index in legends else repr(label[2]) for index, label in enumerate(labels[:header]))
        + " name the speakers, not turns"
    )
    return labels[header:], declared, note + (": " + "; ".join(said) if said else "")


#: A section heading's title is one line of at most this many words.
_TITLE_WORDS = 8


def _short_title(title: str) -> bool:
    """Whether ``title`` is a heading's title: one line of at most ``_TITLE_WORDS`` words, no sentence-ending mark.

    >>> _short_title("Work and money"), _short_title("We run it ourselves."), _short_title("Housing:")
    (True, False, False)
    """
    return bool(title) and "\n" not in title and len(title.split()) <= _TITLE_WORDS and title[-1] not in ".?!…;,:\"'”’)"


def _section_titles(text: str, labels: list[tuple[int, int, str, float | None, bool]], generic: set[str], interviewer_labels: frozenset[str]) -> set[str]:
    """Labels in ``generic`` that open section headings ("Topic: Housing") between other speakers' turns.

    Such a label is accepted because it recurs, and it does take turns, so
    :func:`_take_turns` keeps it.  It is a heading when every line it opens
    holds a title and nothing more (one line, at most ``_TITLE_WORDS`` words, no
    sentence-ending mark) and sits where the conversation changes hands: the
    label after it is someone else's, and not the one before it, as a speaker's
    would be in an exchange of two ("Jo / Sam / Jo"), and it is the
    interviewer's label each time (the interviewer opens each section; a
    participant's short unpunctuated answers are followed by whoever speaks next).  At least two other labels must remain to
    take the turns.
    """
    names = [label[2] for label in labels]
    places: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        places.setdefault(name, []).append(index)
    titles = set()
    for name in generic:
        after = {names[i + 1] for i in places.get(name, ()) if i + 1 < len(names)}
        # The interviewer opens each section; a heading followed by a participant is a short answer.
        if len(places) < 3 or len(after) != 1 or not any(_asks(a, interviewer_labels) for a in after):
            continue
        for index in places[name]:
            if index + 1 >= len(labels) or names[index + 1] == name or (index and names[index - 1] in (name, names[index + 1])):
                break
            start, end = _trim(text, labels[index][1], labels[index + 1][0])
            if not _short_title(text[start:end]):
                break
        else:
            titles.add(name)
    return titles


def _take_turns(names: list[str], generic: set[str]) -> tuple[str, str] | None:
    """Whether labels accepted only because they recur (``generic``) take turns as a transcript's do.

    ``names`` are all accepted labels in document order.  In a transcript the
    speaker mostly changes from one label to the next, and a speaker whose
    paragraphs are each labelled still comes back after someone else.  Headings
    do neither: every record of an export repeats its title, and a title, once
    left, seldom returns.  Only boundaries next to such a label count, so role
    labels elsewhere in the text (``Q:``/``A:``) cannot make repeated headings
    look like turn-taking.  Returns ``None`` for turns, ``("headings", note)``
    when the labels mostly follow themselves and seldom come back, or
    ``("doubt", why)`` when too few labels show either.
    """
    pairs = [(a, b) for a, b in zip(names, names[1:]) if a in generic or b in generic]
    boundaries = len(pairs)
    repeats = sum(a == b for a, b in pairs)
    if boundaries and boundaries - repeats >= _TURN_TAKING * boundaries:
        return None
    # A run is a stretch of lines with one label; a label back after another starts a new one.
    runs = sum(1 for index, name in enumerate(names) if name in generic and (index == 0 or names[index - 1] != name))
    returns = runs - len(generic)
    if returns >= len(generic):
        return None  # each comes back, on average: speakers with several labelled paragraphs in a row
    counts = Counter(names)
    often = sorted(generic, key=lambda name: (-counts[name], name))  # the most frequent first
    shown = ", ".join(repr(name) for name in often[:5]) + (" …" if len(often) > 5 else "")
    how = f"the same label follows itself at {repeats} of {boundaries} label boundaries, and {len(generic)} label(s) come back after another {returns} time(s)"
    if boundaries >= _ENOUGH_BOUNDARIES:
        return "headings", f"{shown} open lines but do not take turns as speakers do ({how}): read as headings, not speakers"
    return "doubt", (
        f"cannot tell whether {shown} are speakers or headings: only {len(names)} labelled lines, and {how}; "
        "read as speakers. Fix: declare them under speakers: if they speak, or segment the document by paragraphs"
    )


def segment_paragraphs(text: str) -> list[Segment]:
    """Cut text into blocks separated by blank lines.

    A paragraph that is only a rule (Markdown's ``----``, ``***``) is layout, not a segment.

    Examples
    --------
    >>> text = "First para\\ncontinues.\\n\\n----\\n\\n  Second.  \\n"
    >>> [text[s.start:s.end] for s in segment_paragraphs(text)]
    ['First para\\ncontinues.', 'Second.']
    """
    return [segment for segment in _pieces_of(text, _PARAGRAPH) if not _RULE.fullmatch(text, segment.start, segment.end)]


#: Fewer labels than this stacked one under another are not read as a column of labels (:func:`stacked_label_turns`).
STACKED_AT_LEAST = 3


def stacked_label_turns(text: str) -> tuple[list[Segment], str] | None:
    r"""The turns of a text where a Word table's column of labels came out above its column of turns; else None.

    A transcript kept as a two-column table ("Interviewer", "Interviewee", … down the left, the turns
    down the right) loses its table when it is converted to text or Markdown: every label comes out
    as a paragraph of its own, one under another, and then every turn. Where a run of such labels
    (role words, :data:`STACKED_AT_LEAST` or more, each alone on its paragraph, an interviewer's label and
    another role's each twice or more: :func:`_back_and_forth`, or in a shorter run both roles in the labels
    of such a run of the same text)
    is followed by exactly as many paragraphs before the next run or the end, the k-th label is the
    speaker of the k-th paragraph, as :func:`._readers._label_column` reads the table itself. A run
    whose number of paragraphs differs is left unlabelled, its labels and paragraphs as they are,
    and the note says how many; with no run paired, None (the text has no labels, as before).

    Returns the segments (paragraphs before the first run, and those of unpaired runs, unlabelled;
    the paired labels' own paragraphs are no words) and the note.

    Examples
    --------
    >>> text = "Part 1\n\nInterviewer\n\nInterviewee\n\nInterviewer\n\nInterviewee\n\nHow was it?\n\nFine.\n\nAnd now?\n\nBetter.\n"
    >>> segments, note = stacked_label_turns(text)
    >>> [(s.speaker, text[s.start:s.end]) for s in segments]
    [(None, 'Part 1'), ('Interviewer', 'How was it?'), ('Interviewee', 'Fine.'), ('Interviewer', 'And now?'), ('Interviewee', 'Better.')]
    >>> stacked_label_turns("Apples\n\nPears\n\nApples\n\nOne.\n\nTwo.\n\nThree.\n") is None
    True
    >>> stacked_label_turns("Interviewer\n\nInterviewee\n\nInterviewer\n\nHow was it?\n\nFine.\n") is None
    True
    """
    paragraphs = segment_paragraphs(text)
    labels = [_stacked_label(text[p.start : p.end]) for p in paragraphs]
    runs: list[tuple[int, int]] = []  # [first, last + 1) of each run of label paragraphs
    index = 0
    while index < len(paragraphs):
        if labels[index] is None:
            index += 1
            continue
        end = index
        while end < len(paragraphs) and labels[end] is not None:
            end += 1
        runs.append((index, end))
        index = end
    segments: list[Segment] = [Segment(p.start, p.end) for p in paragraphs[: runs[0][0]]] if runs else []
    paired = unpaired = 0
    said_in = [[label for label in labels[first:last] if label is not None] for first, last in runs]
    # A short run ("Interviewer / Interviewee / Interviewer" of a part 2) is a column where another run of the text
    # is a conversation in the same labels, an interviewer's and another role's among them.
    talked = {label for said in said_in if _back_and_forth(said) for label in said}
    for number, (first, last) in enumerate(runs):
        upto = runs[number + 1][0] if number + 1 < len(runs) else len(paragraphs)
        said = said_in[number]
        conversation = _back_and_forth(said) or (set(said) <= talked and {speaker_role(label, {}) == "interviewer" for label in said} == {True, False})
        if len(said) >= STACKED_AT_LEAST and conversation and upto - last == len(said):
            segments.extend(Segment(p.start, p.end, speaker=label) for p, label in zip(paragraphs[last:upto], said))
            paired += 1
        else:
            segments.extend(Segment(p.start, p.end) for p in paragraphs[first:upto])
            unpaired += 1
    if not paired:
        return None
    note = f"{paired} column(s) of speaker labels written one under another above the turns, the k-th label the k-th paragraph's speaker"
    if unpaired:
        note += f"; {unpaired} run(s) of labels beside a different number of paragraphs left unlabelled (which label goes with which paragraph the text does not say)"
    return segments, note


def _back_and_forth(said: list[str]) -> bool:
    """Whether a run of stacked labels is a conversation: an interviewer's label and another role's each on two of its
    paragraphs or more (not "Interviewer / Participant / Researcher" listing a study's roles once each, nor "P1 / P2 /
    P3" of who was present, nor an FAQ's "Q / A / Q" or a poem's "I / A / I").

    Examples
    --------
    >>> _back_and_forth(["Interviewer", "Interviewee", "Interviewer", "Interviewee"]), _back_and_forth(["Q", "A", "Q"])
    (True, False)
    >>> _back_and_forth(["P1", "P2", "P1", "P2"]), _back_and_forth(["Interviewer", "Participant", "Researcher"])
    (False, False)
    """
    counted = Counter(said)
    roles = {speaker_role(label, {}) == "interviewer" for label, times in counted.items() if times >= 2}
    return roles == {True, False}


def _stacked_label(paragraph: str) -> str | None:
    """A paragraph's label where it is a role's label alone on one line ("Interviewer", "Interviewee:"), else None."""
    line = paragraph.strip().rstrip(":：").strip()
    if "\n" in line or not line or len(line) > 40:
        return None
    return line if _is_role_label(line) else None


#: A rule across the page: three or more of one of "-", "*", "_" (spaces between allowed), nothing else.
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}")
#: Such a rule on a turn's last line ("…</entrevistado>⏎⏎---"): taken off with the closing tags before it.
_LAST_RULE_LINE = re.compile(rf"\n[ \t]*{_RULE.pattern}[ \t]*$")
# Anchored at a line's start: a search from inside a long blank line cost a scan of the rest of it, each time.
_PARAGRAPH = re.compile(r"(?<![^\n])(?:[^\n]*\S[^\n]*(?:\n|$))+")


#: A time alone on its line ("0:21", "[00:01:38]", "(12:05)"), or a subtitle cue's span of time ("00:00.000 -->
#: 00:27.640", a speech-recognition tool's cues pasted into a text file without their WEBVTT line): where a
#: transcript has no names, what cuts it.
_LONE_TIME = re.compile(rf"^[ \t]*[\[(]?(?P<time>{_CLOCK})(?:[ \t]*-->[ \t]*(?P<until>{_CLOCK}))?[\])]?[ \t]*$", re.MULTILINE)
#: Fewer lone times than this in a text without labels are times someone noted, not a transcript's clock.
TIMED_AT_LEAST = 3


def segment_timed(text: str) -> list[Segment] | None:
    r"""Cut a transcript without speaker names at the times alone on their lines; None where it has no such clock.

    A transcription service without speaker separation writes the recording's
    time on a line of its own above each stretch of words.  Each time opens a
    segment of the words up to the next (the time its ``timestamp``, the time
    line itself nobody's words); words before the first time are a segment of
    their own.  Only where there are at least :data:`TIMED_AT_LEAST` such lines,
    their times never go back, and they read as a recording's clock (seconds in
    them, or a first time under five minutes): times of day noted in a list do not.

    Examples
    --------
    >>> text = "0:00\nBueno, buenas.\nMuy bien.\n0:21\nAy, ¿dónde?\n1:13\nMe gusta."
    >>> [(text[s.start:s.end], s.timestamp) for s in segment_timed(text)]
    [('Bueno, buenas.\nMuy bien.', 0.0), ('Ay, ¿dónde?', 21.0), ('Me gusta.', 73.0)]
    >>> segment_timed("We met at\n10:30\nand again at\n9:15\nthen\n11:00") is None
    True
    >>> segment_timed("Deliveries\n7:30\nbread\n9:15\nveg\n11:00\nmilk") is None
    True

    A cue's span of time keeps its end as the segment's ``timestamp_end``:

    >>> text = "00:00.000 --> 00:04.500\nWelcome back.\n\n00:05.000 --> 00:09.250\nThanks.\n\n01:02.000 --> 01:03.000\nSo."
    >>> [(text[s.start:s.end], s.timestamp, s.timestamp_end) for s in segment_timed(text)]
    [('Welcome back.', 0.0, 4.5), ('Thanks.', 5.0, 9.25), ('So.', 62.0, 63.0)]
    """
    marks = list(_LONE_TIME.finditer(text))
    if len(marks) < TIMED_AT_LEAST:
        return None
    times = [_clock_seconds(mark["time"]) or 0.0 for mark in marks]
    if any(later < earlier for earlier, later in zip(times, times[1:])):
        return None
    # A recording's clock has seconds ("00:01:38") or starts near its beginning ("0:00", "0:21"); a list of
    # times of day ("7:30", "9:15", "11:00": deliveries) does neither.
    if not any(mark["time"].count(":") == 2 for mark in marks) and times[0] >= 5 * 60:
        return None
    segments = []
    start, end = _trim(text, 0, marks[0].start())
    if end > start:
        segments.append(Segment(start, end))
    for mark, time, after in zip(marks, times, [*marks[1:], None]):
        start, end = _trim(text, mark.end(), after.start() if after is not None else len(text))
        if end > start:
            segments.append(Segment(start, end, timestamp=time, timestamp_end=_clock_seconds(mark["until"])))
    return segments


def _notes_among_cues(text: str, turns: list[Segment]) -> tuple[list[Segment], int] | None:
    r"""A time-cued transcript with no names, cut at its times, with a labelled note's lines its own; None if not one.

    A transcription service's cues with no speaker in them ("00:00:53.000 --> 00:00:59.000" over words),
    tidied by a note-taker who wrote their notes among them ("Notetaker: Participant does not recall …"),
    is not a conversation of note-takers: read by its labels, each note held every cue up to the next one,
    the interviewer's questions and the answers alike. Where every label stands after a cue's words (none
    right under a time line, where a cue's speaker would be), and the cues outnumber the labels two to one,
    the cues are cut at their times (:func:`segment_timed`), unlabelled, and each label's words up to the next
    time line or blank line are a segment of that label's, at its cue's time. Returns the segments and how
    many notes there were.

    Examples
    --------
    >>> text = ("00:00:02.000 --> 00:00:08.000\nCan you tell me?\n\n00:00:08.000 --> 00:00:11.000\nYes, I did.\n"
    ...         "Notetaker: Recalls the paper.\n00:00:11.000 --> 00:00:13.000\nAnd then?\n\n00:00:13.000 --> 00:00:15.000\nNo.\n")
    >>> turns = [Segment(0, 89), Segment(101, 194, "Notetaker")]
    >>> [(text[s.start:s.end], s.speaker, s.timestamp) for s in _notes_among_cues(text, turns)[0]]
    [('Can you tell me?', None, 2.0), ('Yes, I did.', None, 8.0), ('Recalls the paper.', 'Notetaker', 8.0), ('And then?', None, 11.0), ('No.', None, 13.0)]

    A label right under its cue's time is the cue's speaker: such a transcript is read by its labels.

    >>> _notes_among_cues("00:01 --> 00:02\nAnn: Hi.\n\n00:02 --> 00:03\nSo.\n\n00:03 --> 00:04\nOk.\n", [Segment(21, 24, "Ann")]) is None
    True
    """
    timed = segment_timed(text)
    notes = [turn for turn in turns if turn.speaker and turn.speaker != UNLABELLED_ANSWER]
    if timed is None or not notes or 2 * len(notes) > len(_LONE_TIME.findall(text)):
        return None
    starts = []
    for note in notes:
        line_start = text.rfind("\n", 0, note.start) + 1
        before = text[:line_start].rstrip().rsplit("\n", 1)[-1]
        if _LONE_TIME.fullmatch(before) or not any(cue.timestamp is not None and cue.start <= line_start < cue.end for cue in timed):
            return None
        starts.append(line_start)
    segments: list[Segment] = []
    for cue in timed:
        position = cue.start
        for note, line_start in zip(notes, starts):
            if not cue.start <= line_start < cue.end:
                continue
            start, end = _trim(text, position, line_start)
            if end > start:
                segments.append(Segment(start, end, None, cue.timestamp, cue.timestamp_end, cue.date))
            blank = _BLANK_LINE.search(text, note.start, cue.end)
            start, end = _trim(text, note.start, blank.start() if blank else cue.end)
            segments.append(Segment(start, end, note.speaker, cue.timestamp, cue.timestamp_end, cue.date))
            position = end
        start, end = _trim(text, position, cue.end)
        if end > start:
            segments.append(Segment(start, end, None, cue.timestamp, cue.timestamp_end, cue.date))
    return segments, len(notes)


def segment_lines(text: str) -> list[Segment]:
    """Cut text into its non-blank lines: paragraphs as REFI-QDA plain texts write them (one per line).

    Examples
    --------
    >>> text = "First comment.\\n  Second one. \\n\\nThird."
    >>> [text[s.start:s.end] for s in segment_lines(text)]
    ['First comment.', 'Second one.', 'Third.']
    """
    return _pieces_of(text, _LINE)


def _pieces_from(text: str, *, starts: list[int]) -> list[Segment]:
    """A segment from each start to the next (white space trimmed, empty ones left out).

    Examples
    --------
    >>> text = "One line\\nruns on.\\nTwo."
    >>> [text[s.start:s.end] for s in _pieces_from(text, starts=[0, 18])]
    ['One line\\nruns on.', 'Two.']
    """
    segments = []
    for start, stop in zip(starts, [*starts[1:], len(text)]):
        first, last = _trim(text, start, stop)
        if last > first:
            segments.append(Segment(first, last))
    return segments


def _pieces_of(text: str, pattern: re.Pattern[str]) -> list[Segment]:
    """A segment per match of ``pattern``, white space trimmed, empty ones left out."""
    segments = []
    for match in pattern.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if end > start:
            segments.append(Segment(start, end))
    return segments


_LINE = re.compile(r"[^\n]+")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
#: Month names in the languages whose interviewers' role words qlr knows (German, French, Spanish,
#: Portuguese, Italian, Dutch, Swedish, Danish, Norwegian, Finnish, Polish): "Montag, 12. Januar 2026",
#: "12 janvier 2026", "12 de enero de 2026", "12. maaliskuuta 2026", "12 marca 2026" (Finnish and
#: Polish dates name the month in another case than its own name: both are listed).
_MONTHS_ABROAD = {
    name: number
    for number, names in enumerate(
        [
            "januar jänner janvier enero janeiro gennaio januari tammikuu tammikuuta styczeń stycznia",
            "februar février fevrier febrero fevereiro febbraio februari helmikuu helmikuuta luty lutego",
            "märz maerz mars marzo março marco maart marts maaliskuu maaliskuuta marzec marca",
            "avril abril aprile huhtikuu huhtikuuta kwiecień kwietnia",
            "mai mayo maio maggio mei maj toukokuu toukokuuta maja",
            "juni juin junio junho giugno kesäkuu kesäkuuta czerwiec czerwca",
            "juli juillet julio julho luglio heinäkuu heinäkuuta lipiec lipca",
            "août aout agosto augustus augusti elokuu elokuuta sierpień sierpnia",
            "septembre septiembre setiembre setembro settembre syyskuu syyskuuta wrzesień września",
            "oktober octobre octubre outubro ottobre lokakuu lokakuuta październik października",
            "novembre noviembre novembro marraskuu marraskuuta listopad listopada",
            "dezember décembre decembre diciembre dezembro dicembre desember joulukuu joulukuuta grudzień grudnia",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTHS.update({name: number for name, number in _MONTHS_ABROAD.items() if name not in _MONTHS})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: A year after a month's name: four digits, or two closing the line ("12 Feb 24"; not "4 March, 10:00"
#: nor "3 May, 15 people came").
_NAMED_YEAR = r"(\d{4}(?!\d)|\d{2}(?=[ \t]*(?:[–—-][ \t].*)?$))"
#: A date of numbers only, day and month in either order: "07/03/2024", "2/11/25", "12.02.24", "12-02-2024";
#: not a piece of a longer run of numbers ("01.45.67.89.10", "5.17.11.2"), nor "4.1.10" (two-digit years
#: with dots need two-digit days and months).
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(\d{1,2})(/)(\d{1,2})/(\d{4}|\d{2})|(\d{1,2})(\.)(\d{1,2})\.(\d{4})|(\d{2})(\.)(\d{2})\.(\d{2})|(\d{1,2})(-)(\d{1,2})-(\d{4}|\d{2}))(?![\d.-]*\d)"
)
_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),  # also "2024-02-12T10:00"
    # "2015.09.12", "2015/09/12": year first with dots or slashes, as some notes and East Asian dates are
    # written; with dots only two-digit months and days (not a version, "NVivo 2023.1.2")
    ("iso", re.compile(r"(?<![\d.])(\d{4})(/|\.(?=\d{2}\.\d{2}(?![\d.]*\d)))(\d{1,2})\2(\d{1,2})(?![\d.]*\d)")),
    # "2024年2月12日"; Korean "2024년 2월 12일", spaced as Korean writes it
    ("iso", re.compile(r"(\d{4})(年|년 ?)(\d{1,2})(?:月|월 ?)(\d{1,2})[日일]")),
    # "7 March 2024", "7th March", "12. Januar 2026", "1er mars 2026", "12 de enero de 2026", "12 Feb 24"
    ("dmy_name", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?({_MONTH})\.?,?\s+(?:de\s+)?{_NAMED_YEAR}", re.I | re.M)),
    ("mdy_name", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_NAMED_YEAR}", re.I | re.M)),
    # "5-Feb-2024", "05-Feb-24", "5/Feb/2024": Windows' and spreadsheets' short date with the month's name
    ("dmy_name", re.compile(rf"(?<![\w.\-/])(\d{{1,2}})([-/.])({_MONTH})\2(\d{{4}}|\d{{2}})(?![\d\-/])", re.I)),
    ("numeric", _NUMERIC_DATE),
]


def _numeric_parts(found: re.Match[str]) -> tuple[str, str, str]:
    """(first number, second number, year) of a :data:`_NUMERIC_DATE` match, whichever of its forms matched."""
    groups = found.groups()
    at = next(i for i in range(0, len(groups), 4) if groups[i] is not None)
    return groups[at], groups[at + 2], groups[at + 3]


def _numeric_separator(found: re.Match[str]) -> str:
    """The separator of a :data:`_NUMERIC_DATE` match: "/", "." or "-"."""
    groups = found.groups()
    return next(groups[i + 1] for i in range(0, len(groups), 4) if groups[i] is not None)


def _full_year(written: str) -> int:
    """A year as written, two digits taken as 2000-2069 or 1970-1999 ("24" is 2024, "98" 1998)."""
    year = int(written)
    return year if len(written) == 4 else 2000 + year if year < 70 else 1900 + year


def written_order(text: str, dayfirst: bool = True, *, header: bool = False) -> bool:
    """Whether a document writes numeric dates day first, as its own dates show, else ``dayfirst``.

    A first number above 12 anywhere says day first ("19/02/24"), a second one month first
    ("1/28/2026", as in the United States); a document that never says keeps ``dayfirst``. A two-digit year after
    slashes or dashes ("9-20-89") says so only where the date stands as a date: leading its line (a heading's, a
    stamp's, a date alone), or anywhere in a ``header`` line that dated its document ("Interview with Stu Feldman,
    9-20-89"); in a sentence it may be ages or a score ("The kids are 8-13-15 now").

    Examples
    --------
    >>> written_order("## 1/28/2026 ... ## 2/3/2026"), written_order("## 19/02/24"), written_order("## 2/3/2026", dayfirst=False)
    (False, True, False)
    >>> written_order("Interview with Stu Feldman, 9-20-89", header=True), written_order("Entretien 15.11.24", dayfirst=False)
    (False, False)
    >>> written_order("## 03/04/19\\nThe kids are 8-13-15 now."), written_order("## 9-20-89\\nQuiet.")
    (True, False)
    """
    firsts, seconds = set(), set()
    for found in _NUMERIC_DATE.finditer(text):
        first, second, year = _numeric_parts(found)
        # Only a whole date is evidence of the order: a four-digit year, or two digits after slashes or dashes (with
        # dots, "06.12.34" may be a telephone number's and "24.10.03" year first, which header_days decides).
        whole = len(year) == 4 or (_numeric_separator(found) in "/-" and (header or _stands_as_date(text, found)))
        if whole and int(first) <= 31 and int(second) <= 31:
            firsts.add(int(first) > 12)
            seconds.add(int(second) > 12)
    if True in firsts and True not in seconds:
        return True
    if True in seconds and True not in firsts:
        return False
    return dayfirst


def _stands_as_date(text: str, found: re.Match[str]) -> bool:
    """Whether a date ``found`` in ``text`` leads its line: nothing before it but a heading's marks or a "Date:" label,
    a bracket, emphasis or a weekday ("## 03/04/19", "[9-20-89] Quiet.", "Tuesday 9/20/89")."""
    before = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
    heading = _HEADING.match(before)
    return _LEADS_DATE.fullmatch(before[heading.end() :] if heading else before) is not None


def find_date(line: str, *, dayfirst: bool = True) -> date | None:
    """Return the first calendar date written in ``line``, or ``None``.

    Understands ``2024-03-07``, ``7 March 2024``, ``Thursday 7th March 2024``,
    ``March 7, 2024``, ``5-Feb-2024`` and ``07/03/2024`` (day first unless ``dayfirst=False``).

    Examples
    --------
    >>> find_date("## Thursday 6 March 2025: Thursday Circle")
    datetime.date(2025, 3, 6)
    >>> find_date("Date: 03/04/2024", dayfirst=False)
    datetime.date(2024, 3, 4)
    >>> find_date("### 2015.09.12, 12:00pm")
    datetime.date(2015, 9, 12)
    >>> find_date("5-Feb-2024"), find_date("05-feb-24")
    (datetime.date(2024, 2, 5), datetime.date(2024, 2, 5))
    >>> find_date("Group session") is None
    True
    """
    found = date_in(line, dayfirst=dayfirst)
    return found[0] if found is not None else None


#: Header labels that date the interview or visit itself, lower case; a transcription's, a birth's or a
#: consent form's date is no document's date.  English first, then the labels of transcripts in other languages.
_HEADER_DATE_LABELS = frozenset(
    {
        "date", "interview date", "date of interview", "date of the interview", "date interviewed", "interviewed on",
        "interview held", "interview held on", "interview conducted", "interview conducted on", "interview",
        "recording date", "date of recording", "date recorded", "recorded", "recorded on",
        "session date", "date of session", "visit date", "date of visit", "observation date", "date of observation",
        "meeting date", "date of meeting", "focus group date", "date of focus group", "date and time", "date & time",
        "datum", "interviewdatum", "datum des interviews", "aufnahmedatum", "fecha", "fecha de la entrevista",
        "date de l'entretien", "date de l’entretien", "date de l'entrevue", "data", "data dell'intervista", "data da entrevista",
        "datum interview", "datum van het interview",
        "날짜", "일시", "인터뷰 날짜", "인터뷰 일시", "면담 일시", "면담일",  # Korean: date, date and time, interview date
    }
)
#: A header's "Label: value" line, the label perhaps in Markdown bold ("**Date of interview:** 14 March 2019").
_HEADER_LABEL = re.compile(r"^[ \t]*[*_]{0,2}(?P<label>[^\W\d_][^:：\n]{0,40}?)[ \t]*[*_]{0,2}[ \t]*[:：][*_]{0,2}[ \t]*(?P<value>\S.*)$")
#: Words that make a header line's date another event's: a birth, a transcription, a consent form, a file's edits.
#: "Transcript" alone names the document ("Interview transcript – Priya – 16 March 2027"), not when it was typed;
#: a transcript's own date ("Transcript date:", "Date of transcript", "Transcript completed …") is the typing's.
_NOT_THE_INTERVIEW = re.compile(
    r"\b(?:birth|born|d\.?o\.?b|age|transcri(?!pts?\b)\w*|"
    r"transcripts?[ \t]*(?:date|dated|completed|prepared|produced|finished|returned|received|sent|approved|checked)|"
    r"(?:date|dated)[ \t]+of[ \t]+(?:the[ \t]+)?transcripts?|typed|consent\w*|revis\w*|updated?|edited|printed|checked|anonymi[sz]\w*|"
    r"version|modified|saved|created|deadline|due|expir\w*|geburt\w*|geb|nacimiento|naissance|"
    r"died|death|deceased|diagnos\w*|married|widowed|divorced|previous|prior|earlier|next)\b"
    # Korean, whose particles join the word: born ("1958년 9월 29일 … 태어났다"), birth, date of birth, died
    r"|태어[나난났]|출생|생년월일|사망",
    re.IGNORECASE,
)
#: Where no turn marks the header's end, only the document's first lines are its header.
_HEADER_LINES = 12
#: How far into a header before the first turn a labelled date line is looked for (its prose's dates: 4,000 characters).
_LABELLED_HEADER_CHARS = 20_000


#: Where a header line's fields part: a tab, a run of spaces, or a bar between spaces.
_FIELD_GAP = re.compile(r"[ \t]*\t[ \t]*| {3,}|[ \t]+\|[ \t]+")


def header_fields(line: str) -> list[str]:
    """A header line cut into its fields where it is a row of them, else the line alone.

    A cover sheet puts several fields on one line, apart by tabs or runs of spaces:
    "Participant: Gary (G1)    Wave 1    Date: 18/03/2026    Location: his flat".  The line
    is such a row where a field after the first is a "Label: value" of its own.

    Examples
    --------
    >>> header_fields("Participant: Gary (G1)    Wave 1    Date: 18/03/2026")
    ['Participant: Gary (G1)', 'Wave 1', 'Date: 18/03/2026']
    >>> header_fields("We met at the hall    and talked.")
    ['We met at the hall    and talked.']
    """
    fields = [part for part in _FIELD_GAP.split(line) if part.strip()]
    if len(fields) > 1 and any(_HEADER_LABEL.match(part) for part in fields[1:]):
        return [part.strip() for part in fields]
    return [line]


def header_date(text: str, segments: list[Segment] | None = None, *, dayfirst: bool = True) -> tuple[date, str] | None:
    """The date a document's header gives the interview, with the line that gives it.

    The header is the text before the first turn of a speaker who speaks again (a label said
    once at the top is the header's, "Participant: Bernadette, Brook Court").  A line whose
    label dates the interview, recording or visit ("Date of interview: 14 March 2019",
    :data:`_HEADER_DATE_LABELS`) is taken first; else a date written anywhere in the header's
    lines ("Holm Lane study, wave 1. Marcus, 11 March 2025, community room") that are not under
    another label ("Previous interview: 3 March 2018", "Started job: 1 June 2018").  A line about
    another event (a birth, a death, a transcription, a consent form) never dates the document, and
    two different dates of the same standing leave it undated (``None``).  A document
    without turns (a field note, a meeting's minutes) is dated only by a labelled line among its
    first lines, a date in its first line, or a line among them that is a date alone (minutes and
    letters set the day on a line of its own under their title: "1a Sessão Ordinária" over "19 de
    maio de 2004").

    Examples
    --------
    >>> header_date("Project: Food bank\\nDate of interview: 14 March 2019\\nInterviewer: Jane Smith\\n\\nJane: Hi.\\nTom: Hi.\\nJane: So?")
    (datetime.date(2019, 3, 14), 'Date of interview: 14 March 2019')
    >>> header_date("Study, wave 1. Marcus, 11 March 2025, his flat.\\n\\nDan: Hello.\\nMarcus: Hi.\\nDan: So?")
    (datetime.date(2025, 3, 11), 'Study, wave 1. Marcus, 11 March 2025, his flat.')
    >>> header_date("Date of birth: 02/10/1950\\nTranscribed: 3 May 2019\\nJane: Hello?") is None
    True
    >>> header_date("Parish Council\\nOrdinary meeting\\n3 March 2011\\n\\n1. Apologies were received.")
    (datetime.date(2011, 3, 3), '3 March 2011')
    """
    said = Counter(segment.speaker for segment in segments or () if segment.speaker)
    first_turn = next((segment.start for segment in segments or () if segment.speaker and said[segment.speaker] > 1), None)
    dated_entries = False
    if first_turn is not None:
        # Up to the line the first turn opens on: its label, and a chat message's stamp there, are the turn's. A date
        # written in the header's prose counts in its first 4,000 characters; a labelled line ("DATE: 23 November
        # 2010") further down, under an oral history's biography and copyright statement, too.
        header_end = text.rfind("\n", 0, first_turn) + 1
        lines = text[: min(header_end, _LABELLED_HEADER_CHARS)].split("\n")
        unlabelled_lines = len(text[: min(header_end, 4000)].split("\n"))
    else:
        lines = text[:4000].split("\n", _HEADER_LINES)[:_HEADER_LINES]
        # The title line only; and not in notes of dated entries, whose first heading dates an entry, not them all.
        dated_entries = any(segment.date for segment in segments or ())
        unlabelled_lines = 0 if dated_entries else next((index + 1 for index, line in enumerate(lines) if line.strip()), 0)
    labelled: dict[date, str] = {}
    written: dict[date, str] = {}
    alone: dict[date, str] = {}  # lines that are a date alone: the document's date only where nothing else gives one
    # A row of fields is read field by field: "Date: 18/03/2026" beside "Participant: Gary" dates it, "DOB: …" does not.
    for index, line in ((index, part) for index, row in enumerate(lines) for part in header_fields(row)):
        if not line.strip():
            continue
        day = _date_alone(line, dayfirst=dayfirst)
        above = _label_above(lines, index) if day is not None else None
        if above is not None:
            # "Date of birth" over "12/05/1948" is one labelled line set over two: its label decides, as on one line.
            line = f"{above} {line.strip()}"
        says, first = _label_says(line, dayfirst=dayfirst)
        if says == "interview" and first is not None:
            labelled.setdefault(first, line.strip())
        if says is not None or above is not None:
            continue
        if index >= unlabelled_lines and first_turn is not None:
            continue  # below the first 4,000 characters only a labelled line dates the document
        if day is not None and index >= unlabelled_lines and not dated_entries:
            alone.setdefault(day, line.strip())
            continue
        rest = line
        while index < unlabelled_lines and (where := _first_day(rest, dayfirst=dayfirst)) is not None:
            written.setdefault(where[0], line.strip())
            rest = rest[where[2] :]
    for candidates in (labelled, written, alone):
        if candidates:
            return next(iter(candidates.items())) if len(candidates) == 1 else None
    return None


def _label_says(line: str, *, dayfirst: bool) -> tuple[str | None, date | None]:
    """What a header line's label says of its date: whose date it is, and the interview's first day where it is that.

    ``("interview", first day)`` for a label that dates the interview, recording or visit
    (:data:`_HEADER_DATE_LABELS`); ``("other", None)`` for a line about another event (a birth, a
    transcription, a consent form: :data:`_NOT_THE_INTERVIEW`) or under another label ("Previous
    interview: …", "Started job: …"); ``(None, None)`` for a line under no label, whose dates are read
    as written.
    """
    if _NOT_THE_INTERVIEW.search(line):
        return "other", None
    found = _HEADER_LABEL.match(line)
    if found is None:
        return None, None
    label = " ".join(found["label"].replace("*", "").replace("_", " ").split()).lower()
    if label in _HEADER_DATE_LABELS:
        first = _first_day(found["value"], dayfirst=dayfirst)  # an interview over two days: its first ("14-15 May 2019")
        return "interview", first[0] if first is not None else None
    if len(found["label"].split()) <= 4 and not re.search(r"[.,;(]\s", found["label"]) and not is_wave_heading(line):
        # Another label's date is what it labels, not the interview's; an interview's own heading ("Interview 2: 4 June 2020") dates it.
        return "other", None
    return None, None


def _label_above(rows: list[str], index: int) -> str | None:
    """The label a date alone on row ``index`` sits under, else None.

    The nearest row above with words is a label where it ends with a colon ("Due by:", "**Date of
    interview:**") or names another event ("Date of birth", "Born", "DOB": :data:`_NOT_THE_INTERVIEW`);
    in a row of fields, its last field.
    """
    above = next((row for row in reversed(rows[:index]) if row.strip()), None)
    if above is None:
        return None
    last = header_fields(above)[-1].strip()
    return last if last.rstrip("*_ \t").endswith((":", "：")) or _NOT_THE_INTERVIEW.search(last) else None


def _date_alone(line: str, *, dayfirst: bool) -> date | None:
    """The date a line holds where it holds nothing else but punctuation, a weekday's name and words saying the
    meeting or interview was held then ("19 de maio de 2004", "12/03/2019.", "Thursday, 19 March 2026", "Meeting held
    on 19 March 2026"), else None.

    Examples
    --------
    >>> _date_alone("Meeting held on Thursday 19 March 2026", dayfirst=True), _date_alone("Interview conducted on 3 May 2021.", dayfirst=True)
    (datetime.date(2026, 3, 19), datetime.date(2021, 5, 3))
    >>> _date_alone("We held the stall on 19 March 2026", dayfirst=True) is None
    True
    """
    found = date_in(line, dayfirst=dayfirst)
    if found is None:
        return None
    before = line[: found[1]]
    held = _HELD_ON.match(before)  # "Meeting held on 19 March 2026" under a title: the meeting's day, said in words
    if held is not None:
        before = before[held.end() :]
    weekday = _WEEKDAY_FIRST.match(before)  # "Thursday 19 March 2026", "jueves, 19 de marzo de 2026"
    if weekday is not None:
        before = before[weekday.end() :]
    if re.search(r"\w", before + line[found[2] :]):
        return None
    return found[0]


def date_in(line: str, *, dayfirst: bool = True, worded: bool = False) -> tuple[date, int, int] | None:
    """The first calendar date written in ``line`` with where it starts and ends, or ``None`` (see :func:`find_date`).

    ``worded``: only a date naming its month ("12 March 2019", "March 12, 2019"), as a file name may.
    """
    for kind, pattern in _DATE_PATTERNS:
        if worded and not kind.endswith("_name"):
            continue
        match = pattern.search(line)
        if not match:
            continue
        if pattern is _NUMERIC_DATE:
            a, b, c = _numeric_parts(match)
        else:
            a, b, c = (match.group(1), match.group(3), match.group(4)) if pattern.groups == 4 else match.groups()
        try:
            if kind == "iso":
                found = date(int(a), int(b), int(c))
            elif kind == "dmy_name":
                found = date(_full_year(c), _MONTHS[b.lower()], int(a))
            elif kind == "mdy_name":
                found = date(_full_year(c), _MONTHS[a.lower()], int(b))
            else:
                day, month = (int(a), int(b)) if dayfirst else (int(b), int(a))
                if month > 12 >= day:  # "9/20/1989" read day first has no month 20: it is written month first
                    day, month = month, day
                found = date(_full_year(c), month, day)
        except ValueError:
            continue
        return found, match.start(), match.end()
    return None


#: An entry's heading line: Markdown's (indented by up to three spaces, as Markdown allows) or a ``Date:``
#: line ("**Date:** 1/28/2026", "Datum:", "Fecha:").
_HEADING = re.compile(r"^ {0,3}(?:#{1,6}[ \t]+|[*_]{0,2}(?:date|datum|fecha)[ \t]*:[*_]{0,2}[ \t]*)", re.IGNORECASE)
#: A note line that opens with its date (and time), its words after a separator on the same line:
#: "2024-03-12 10:00 - Tom arrived early", "12/03/2024, 10:00 – Visit: …", "[12/03/2024] Quiet.".
_STAMPED_LINE = re.compile(
    r"[ \t]*\[?(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})(?:,?[ \t]+(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \u202f]?[AaPp]\.?[Mm]\.?)?))?\]?"
    r"(?:[ \t]*[-–—:|][ \t]*|[ \t]+|(?<=\]))(?=\S)"
)


#: Markup or code around a date (an attribute, a tag, braces): creationDateTime="2018-10-04T22:56:11".
_MARKUP = re.compile(r"=[ \t]*[\"']|<[A-Za-z/!?]|[{}]")

_WEEKDAY = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
)
#: Words saying a meeting, interview or visit was held on the date that follows ("Meeting held on", "Minutes of the
#: meeting held on the", "Interview conducted on", "Session took place on"): the line is a date still.
_HELD_ON = re.compile(
    r"[ \t*_]*(?:minutes[ \t]+of[ \t]+)?(?:(?:the|a|an)[ \t]+)?(?:(?:meeting|interview|session|visit|focus[ \t]+group|workshop|forum|gathering"
    r"|observation|discussion|consultation)[ \t]+)?(?:was[ \t]+)?(?:held|took[ \t]+place|conducted|convened)(?:[ \t]+on)?[ \t]*(?:the[ \t]+)?",
    re.IGNORECASE,
)
#: A weekday's name opening a line, before its date: a date alone still (a title's day, "Thursday, 19 March 2026").
_WEEKDAY_FIRST = re.compile(rf"[ \t]*(?:{_WEEKDAY})(?![^\W\d_])\.?,?[ \t]*", re.IGNORECASE)
#: What may stand before a date that leads its line, a heading's marks aside: "[", "**", "Tuesday, ".
_LEADS_DATE = re.compile(rf"[ \t*_\[(]*(?:(?:{_WEEKDAY})(?![^\W\d_])\.?,?[ \t]*)?", re.IGNORECASE)
#: What may stand before the date of a line that is a date ("**Tuesday, ", "[", "Mittwoch, ", "Sontag, ").
_BEFORE_DATE = re.compile(rf"[ \t*_\[(]*(?:(?:{_WEEKDAY})(?![^\W\d_])\.?,?[ \t]*|[^\W\d_]{{2,12}},[ \t]*)?(?:the[ \t]+)?", re.IGNORECASE)
#: A date with no year at the start of a heading: "May 23rd", "June 1st", "3 March", "23. Mai", "6/13",
#: "15.11." (with its closing dot, as German writes it).
_NO_YEAR = re.compile(
    rf"(?:(?P<month1>{_MONTH})\.?[ \t]+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?[ \t]+(?:de[ \t]+)?(?P<month2>{_MONTH})\.?"
    r"|(?P<first>\d{1,2})/(?P<second>\d{1,2})"
    r"|(?P<day3>\d{1,2})\.(?P<month3>\d{1,2})\.)"
    r"(?![\w/.]*\d)(?=[^\w/]|$)",
    re.IGNORECASE,
)
#: The start of a range of days whose end is a whole date: "3–5 March 2024", "28 February – 2 March 2024",
#: "du 21 mai au 06 juin 2019", "March 3–5, 2024", "12. bis 14. März 2024".
_RANGE_START = re.compile(
    rf"(?<![\d:.])(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?(?:[ \t]+(?:de[ \t]+)?(?P<month>{_MONTH})\.?)?"
    rf"|(?P<month_first>{_MONTH})\.?[ \t]+(?P<day_after>\d{{1,2}})(?:st|nd|rd|th)?)"
    r"[ \t]*(?:[–—/-]|[ \t](?:to|until|till|and|&|bis|und|au|et|al|a|y|tot|en)[ \t])[ \t]*(?=\d|(?:" + _MONTH + r")\b)",
    re.IGNORECASE,
)
#: What may stand before a range of days: nothing but a weekday, or a word that opens one ("du", "from", "Week of").
_RANGE_OPENS = re.compile(
    rf"(?:^{_BEFORE_DATE.pattern}|\b(?:from|of|on|du|vom|von|del|dal|de|van|between|entre|interviewed|recorded|held|conducted|visited)[ \t]+)$", re.IGNORECASE
)
#: Days of one month, the month named first: "March 3–5, 2024" (its first day, "March 3, 2024", is the date).
_DAYS_OF_A_MONTH = re.compile(rf"\b(?P<month>{_MONTH})\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]*[–—-][ \t]*\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE)
#: An ISO week ("2024-W11", "2024W11") or a numbered week with its year ("Week 12, 2024", "KW 12 2024").
_WEEK = re.compile(
    r"\b(?:(?P<iso_year>\d{4})-?W(?P<iso_week>\d{1,2})(?:-?[1-7])?|(?:week|wk|woche|kw|semaine|semana|settimana)\.?[ \t]*(?P<week>\d{1,2}),?[ \t]+(?:of[ \t]+)?(?P<year>\d{4}))\b",
    re.IGNORECASE,
)
#: A time of day after a date ("10:00", "14:00–16:30", "2:30 pm"): the entry's ``timestamp`` (and ``timestamp_end``).
_TIME_OF_DAY = re.compile(
    r"(?<![\d:])(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[ \u202f]?[AaPp]\.?[Mm]\.?)?)(?![\d:])"
    r"(?:[ \t]*(?:[–—-]|to|bis)[ \t]*(?P<until>\d{1,2}:\d{2}(?::\d{2})?(?:[ \u202f]?[AaPp]\.?[Mm]\.?)?)(?![\d:]))?"
)

#: What follows a date line's date before its words: punctuation, markup, a time of day.
_AFTER_DATE = re.compile(rf"[ \t,.*_)\]]*(?:{_TIME_OF_DAY.pattern})?[ \t,.:;*_)\]–—-]*")


@dataclass(slots=True)
class _Opening:
    """A line that opens an entry: where the line and the entry's words start, and what it says of when."""

    line: int
    body: int
    date: date | None = None
    month_day: tuple[int, int] | None = None  # a date written without its year ("May 23rd")
    time: float | None = None
    until: float | None = None


def _clock_of_day(value: str) -> float | None:
    """Seconds after midnight of "10:00", "14:00:30", "2:30 pm"; ``None`` for a time no day has ("25:00")."""
    seconds = _chat_clock(value)
    return seconds if seconds < 24 * 3600 else None


def _first_day(line: str, *, dayfirst: bool) -> tuple[date, int, int] | None:
    """The first whole date written in ``line`` (a range's first day: "3–5 March 2024" is 3 March), where it is written.

    Examples
    --------
    >>> _first_day("Semaine du 21 mai au 06 juin 2019", dayfirst=True)
    (datetime.date(2019, 5, 21), 11, 33)
    """
    days = _DAYS_OF_A_MONTH.search(line)
    if days is not None:  # "March 3–5, 2024"
        with contextlib.suppress(ValueError):
            return date(int(days["year"]), _MONTHS[days["month"].lower()], int(days["day"])), days.start(), days.end()
    found = date_in(line, dayfirst=dayfirst)
    if found is None:
        return None
    when, start, end = found
    for ranged in _RANGE_START.finditer(line, 0, start + 1):
        if ranged.end() != start or not _RANGE_OPENS.search(line, 0, ranged.start()):
            continue  # the range ends with this date, and opens the line: "Session 3 - 12 March 2024" is no range
        month_name = ranged["month"] or ranged["month_first"]
        month = _MONTHS[month_name.lower()] if month_name else when.month
        year = when.year - (month > when.month)  # "28 December – 2 January 2025" began in 2024
        try:
            return date(year, month, int(ranged["day"] or ranged["day_after"])), ranged.start(), end
        except ValueError:
            break
    return found


def _when(line: str, *, dayfirst: bool) -> tuple[date | None, tuple[int, int] | None, int] | None:
    """What an entry's heading says of its day: (date, month and day of a yearless one, end of the date in ``line``).

    A range of days is dated by its first (:func:`_first_day`), a week by its Monday
    ("2024-W11", "Week 12, 2024"); a date without its year must open the heading ("May 23rd",
    "### 6/13 Low impact day", "Mittwoch, 15.11."), its year found by :func:`_with_years`.
    """
    found = _first_day(line, dayfirst=dayfirst)
    if found is not None:
        return found[0], None, found[2]
    week = _WEEK.search(line)
    if week is not None:
        try:
            year, number = (week["iso_year"], week["iso_week"]) if week["iso_year"] else (week["year"], week["week"])
            return date.fromisocalendar(int(year), int(number), 1), None, week.end()
        except ValueError:
            pass
    before = _BEFORE_DATE.match(line)
    bare = _NO_YEAR.match(line, before.end())
    if bare is None:
        return None
    if bare["first"]:
        first, second = int(bare["first"]), int(bare["second"])
        month, day = (second, first) if dayfirst else (first, second)
    elif bare["day3"]:
        if not (before.group().strip(" \t*_[(") or (len(bare["day3"]) == 2 and len(bare["month3"]) == 2)):
            return None  # "1.2. Methods" numbers a section; "15.11." or "Mittwoch, 1.2." is a day
        month, day = int(bare["month3"]), int(bare["day3"])
    else:
        month, day = _MONTHS[(bare["month1"] or bare["month2"]).lower()], int(bare["day1"] or bare["day2"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return None, (month, day), bare.end()


#: A heading opening with a day and month in numbers and no year ("### 6/13", "## Monday 28/6").
_NUMERIC_DAY_HEADING = re.compile(rf"{_HEADING.pattern}{_BEFORE_DATE.pattern}(\d{{1,2}})/(\d{{1,2}})(?![/\d])", re.IGNORECASE | re.MULTILINE)


def _order_of_days(text: str, dayfirst: bool) -> bool:
    """Whether the yearless days of a text's headings are day first ("### 28/6"), month first ("### 6/13"), else ``dayfirst``."""
    pairs = [(int(first), int(second)) for first, second in _NUMERIC_DAY_HEADING.findall(text)]
    days_first, months_first = any(first > 12 for first, _ in pairs), any(second > 12 for _, second in pairs)
    return dayfirst if days_first == months_first else days_first


def _with_years(openings: list[_Opening], near: date | None) -> None:
    """Give each yearless entry its year, from the dated entry before it, else after it, else ``near``.

    After a dated entry the year is that entry's, the next year where the month goes back
    (December, then "January 3rd"); before the first dated entry it is the next one's, the year
    before where the month goes forward; in notes with no year anywhere it is the year putting
    the day nearest ``near`` (the document's date or its wave's start).  A day no such year has
    (29 February) leaves the entry undated.
    """

    def on(year: int, month_day: tuple[int, int]) -> date | None:
        try:
            return date(year, *month_day)
        except ValueError:
            return None

    before: date | None = None
    for opening in openings:
        if opening.month_day is not None and before is not None:
            opening.date = on(before.year + (opening.month_day[0] < before.month), opening.month_day)
        before = opening.date or before
    after: date | None = None
    for opening in reversed(openings):
        if opening.month_day is not None and opening.date is None and after is not None:
            opening.date = on(after.year - (opening.month_day[0] > after.month), opening.month_day)
        after = opening.date or after
    if near is None or before is not None:
        return
    # No heading gives a year: the first day is the one nearest ``near``, the rest follow it as above.
    for opening in openings:
        if opening.month_day is None:
            continue
        if before is None:
            candidates = [day for year in (near.year - 1, near.year, near.year + 1) if (day := on(year, opening.month_day)) is not None]
            opening.date = min(candidates, key=lambda day: abs(day - near))
        else:
            opening.date = on(before.year + (opening.month_day[0] < before.month), opening.month_day)
        before = opening.date or before


def _times(line: str, after: int) -> tuple[float | None, float | None]:
    """The time of day written after a heading's date ("## 2024-02-12T10:00", "14:00–16:30"), and its end."""
    found = _TIME_OF_DAY.search(line, after)
    if found is None:
        return None, None
    return _clock_of_day(found["time"]), _clock_of_day(found["until"]) if found["until"] else None


def segment_entries(text: str, *, dayfirst: bool = True, near: date | None = None) -> list[Segment] | None:
    """Cut observation notes into dated entries.

    A line opens an entry when it is a Markdown heading or a ``Date:`` line holding
    a date, or a short line (at most 80 characters) that is a date, with nothing
    before it but a weekday's name.  The entry runs to the next such line; its
    segment covers the entry's body (the heading line excluded) and carries the
    date, and the time of day written after it in ``timestamp`` (seconds after
    midnight; the end of "14:00–16:30" in ``timestamp_end``).  A line that opens
    with a numeric date (and time) followed by words opens an entry whose words start
    on that line after the stamp ("2024-03-12 10:00 - Tom arrived early"), and so
    do the words after a date line's date.  A line that only mentions a date
    ("Next visit planned for 14th September 2024") stays words of its entry.

    A range of days is dated by its first day, a week ("2024-W11", "Week 12, 2024") by
    its Monday.  A heading that opens with a day and month but no year ("### May 23rd",
    "### 6/13", "### Mittwoch, 15.11.") opens an entry too: its year is the dated
    entry's before it (the next year where the month goes back), else the one's
    after it, else the year nearest ``near``; with none of these the entry is
    still cut, undated.  Text before the first entry (a title, an introduction)
    becomes an undated segment.

    Returns ``None`` when the notes hold no dated heading.

    Examples
    --------
    >>> notes = "# Notes\\n\\n## 2024-03-07 Group\\nQuiet session.\\n\\n## 2024-03-21 Workshop\\nBusy."
    >>> [(str(s.date), notes[s.start:s.end]) for s in segment_entries(notes)]
    [('None', '# Notes'), ('2024-03-07', 'Quiet session.'), ('2024-03-21', 'Busy.')]
    >>> notes = "### December 30th, 2016\\nCold.\\n### Jan 2nd\\nSnow.\\n### 3–5 March 2017, 9:00\\nVisits."
    >>> [(str(s.date), s.timestamp, notes[s.start:s.end]) for s in segment_entries(notes)]
    [('2016-12-30', None, 'Cold.'), ('2017-01-02', None, 'Snow.'), ('2017-03-03', 32400.0, 'Visits.')]
    """
    openings: list[_Opening] = []
    dayfirst = written_order(text, dayfirst)  # "1/28/2026" says month first, whatever the manifest's default
    if written_order(text, True) != written_order(text, False):  # no whole date says: the headings' "6/13" may
        dayfirst = _order_of_days(text, dayfirst)
    for line_start in _line_starts(text):
        line_end = text.find("\n", line_start)
        if line_end == -1:
            line_end = len(text)
        line = text[line_start:line_end]
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        stamp = _STAMPED_LINE.match(line) if heading is None else None
        if stamp is not None and line[: stamp.end()].rstrip()[-1] not in "-–—:|]" and line[stamp.end()].islower():
            stamp = None  # "12/03/2024 is the date the council set …": a sentence about the date, no entry (a "- " stamps it)
        if stamp is not None and (found := find_date(stamp.group("date"), dayfirst=dayfirst)) is not None:
            # "2024-03-12 10:00 - Tom arrived early", "[14/03/2024] Quiet.": the entry's words start
            # on its date's line (read as a heading, they would be in no segment); its time is the entry's.
            time = _clock_of_day(stamp["time"]) if stamp["time"] else None
            openings.append(_Opening(line_start, line_start + stamp.end(), found, time=time))
            continue
        next_line = min(line_end + 1, len(text))
        if heading is not None:
            when = _when(line[heading.end() :], dayfirst=dayfirst)
            if when is not None:
                time, until = _times(line, heading.end() + when[2])
                openings.append(_Opening(line_start, next_line, when[0], when[1], time, until))
            continue
        # A plain line opens an entry only where it is a date: short, no markup or code around it
        # (creationDateTime="2018-10-04T22:56:11"), nothing before the date but a weekday, few words
        # after it. "Finance as at 31/10/05" or "Next visit planned for 14th September 2024" mention one.
        if len(line) > 80 or _MARKUP.search(line):
            continue
        found = _first_day(line, dayfirst=dayfirst)
        if found is None or _BEFORE_DATE.match(line).end() != found[1]:
            continue
        if len(_DATE_WORDS.sub("", line).strip(" \t-–—:,.")) > 25:
            continue
        # What follows the date and its time on its line ("(rainy)") is the entry's first words.
        after = _AFTER_DATE.match(line, found[2])
        time, until = (_clock_of_day(after["time"]), _clock_of_day(after["until"]) if after["until"] else None) if after["time"] else (None, None)
        body = line_start + after.end() if after.end() < len(line) else next_line
        openings.append(_Opening(line_start, body, found[0], time=time, until=until))
    if not openings:
        return None
    _with_years(openings, near)
    segments: list[Segment] = []
    start, end = _trim(text, 0, openings[0].line)
    if end > start:
        segments.append(Segment(start, end))
    for opening, following in zip(openings, [*openings[1:], None]):
        stop = following.line if following is not None else len(text)
        start, end = _trim(text, opening.body, stop)
        if end > start and not _RULE.fullmatch(text, start, end):  # an entry holding only a rule ("----") has no words
            segments.append(Segment(start, end, timestamp=opening.time, timestamp_end=opening.until, date=opening.date))
    return segments


_DATE_WORDS = re.compile(rf"\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH}|{_WEEKDAY}", re.IGNORECASE)


def to_date(value: object) -> date | None:
    """Coerce a manifest value (date, datetime or ISO string) to a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = find_date(str(value))
    if found is None:
        raise ValueError(f"cannot read {value!r} as a date; write it as YYYY-MM-DD")
    return found


# ------------------------------------------------------------------ one document, whatever its source
#: The roles a speaker can have (``speakers:`` in a manifest, ``speakers=`` of ``read_qdpx``).
SPEAKER_ROLES = ("interviewer", "participant", "observer", "other")

#: The kinds of a thread of messages kept with a participant, named by what they are or the app they came from:
#: each is read message by message, each message its sender's (docs/messages.md).
MESSAGE_KINDS = ("correspondence", "chat", "messages", "email", "whatsapp", "telegram", "signal", "sms", "messenger", "instagram", "discord", "slack", "imessage")

#: Which segmentation a document kind gets unless told otherwise (``segment:`` in the manifest).
KIND_STRATEGY = {
    "document": "paragraphs",
    "interview": "turns",
    "focus_group": "turns",
    "transcript": "turns",
    "observation": "entries",
    "notes": "entries",
    "fieldnotes": "entries",
    "diary": "entries",
    "survey": "turns",  # a respondent's answers to a survey's open questions, each after its question
    # Messages and e-mails kept with a participant, named by what they are or the app they came from:
    # read message by message, each its sender's, as a diary kept as a chat is.
    **dict.fromkeys(MESSAGE_KINDS, "entries"),
}


#: The kinds that are a researcher's observation notes (a wave's "fieldnotes_W1.md" is kind ``fieldnotes``): each dated
#: entry an event on its date (:func:`qlr.track.event_listing`).
OBSERVATION_KINDS = ("observation", "fieldnotes", "notes")


#: Other spellings of the kinds qlr knows, as people write them in file names and manifests.
KIND_SPELLINGS = {
    "focusgroup": "focus_group", "focusgroups": "focus_group", "focus_groups": "focus_group", "fg": "focus_group",
    "interviews": "interview", "transcripts": "transcript", "observations": "observation", "diaries": "diary",
    "fieldnote": "fieldnotes", "field_notes": "fieldnotes", "field_note": "fieldnotes",
    # Archives' abbreviations in file names (``FAM03_W2_INT.rtf``, ``P04_T1_intv.docx``).
    "int": "interview", "intv": "interview", "intvw": "interview",
}


def canonical_kind(kind: str) -> str:
    """A document kind in qlr's spelling: lower case, "focus-group" and "focusgroup" as ``focus_group``.

    Examples
    --------
    >>> canonical_kind("FocusGroup"), canonical_kind("field-notes"), canonical_kind("INT"), canonical_kind("letter")
    ('focus_group', 'fieldnotes', 'interview', 'letter')
    """
    spelled = re.sub(r"[\s-]+", "_", kind.strip().lower())
    return KIND_SPELLINGS.get(spelled, spelled)


def strategy_for(kind: str | None, segment: str | None = None) -> str:
    """The segmentation strategy of a document: ``segment`` if given, else its kind's (paragraphs if unknown).

    Examples
    --------
    >>> strategy_for("Observation"), strategy_for("interview", "paragraphs"), strategy_for("letter")
    ('entries', 'paragraphs', 'paragraphs')
    """
    return segment or KIND_STRATEGY.get((kind or "").lower(), "paragraphs")


def entry_documents(study: Study) -> set[str]:
    """The documents of ``study`` read entry by entry, each dated entry its own passage: those of a kind read so (a
    diary, field notes, a message thread: :func:`strategy_for`), and those ``study.yaml`` gave ``segment: entries``
    whatever their kind (kept by loading in ``study.meta["document_segment"]``, as a journal's entry is).

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> documents = pd.DataFrame({"doc_id": ["d1", "j1", "j2"], "kind": ["diary", "journal", "journal"], "text": ["", "", ""]})
    >>> study = qlr.Study("s", documents=documents, meta={"document_segment": {"j2": "entries"}})
    >>> sorted(entry_documents(study))
    ['d1', 'j2']
    """
    given = study.meta.get("document_segment") or {}
    kinds = study.documents["kind"].astype(object)
    return {str(doc) for doc, kind in zip(study.documents["doc_id"], kinds) if strategy_for(kind if isinstance(kind, str) else None, given.get(str(doc))) == "entries"}


#: Role words long enough that a label one slip away from one is that word misspelt ("INTEVIEWER", "Interveiwer").
_LONG_INTERVIEWER_WORDS = ("interviewer", "facilitator", "moderator", "researcher")
#: The participant's role words, which a misspelling must be further from ("Intervieweer" could be either).
_LONG_PARTICIPANT_WORDS = ("interviewee", "participant", "respondent")


def _one_slip(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter wrong, missing, added, or two neighbours swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        wrong = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1 and word[wrong[0]] == target[wrong[1]] and word[wrong[1]] == target[wrong[0]])
    shorter, longer = sorted((word, target), key=len)
    i = next((k for k, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    return shorter[i:] == longer[i + 1 :]


def misspelt_interviewer(label: str) -> bool:
    """Whether a label is an interviewer's role word misspelt: one slip from one, and not from a participant's.

    Examples
    --------
    >>> [misspelt_interviewer(x) for x in ["INTEVIEWER", "INTERVIERWER", "Interveiwer 2", "Interviewee", "Intervieweer", "Rachel"]]
    [True, True, True, False, False, False]
    """
    word = role_word(label)
    if len(word) < 8 or not word.isalpha():
        return False
    return any(_one_slip(word, target) for target in _LONG_INTERVIEWER_WORDS) and not any(
        word == target or _one_slip(word, target) for target in _LONG_PARTICIPANT_WORDS
    )


#: The labels a diarisation tool numbers its voices by (``SPEAKER_00``, ``Speaker 1``, AssemblyAI's ``Speaker A``,
#: a recording's ``Channel 2``): each names one voice of its own recording, not one person throughout a study.
_NUMBERED_VOICE = re.compile(rf"{_DIARISED}|(?i:speaker) [A-Z]|(?i:channel) \d{{1,2}}")


#: Otter's mark for a voice it could not tell ("Unknown Speaker  1:35"): it opens a turn but names no one, and two turns
#: so marked need not be one person's, the interviewer's as often as anyone's. (A focus group transcriber's
#: "Unidentified female:" is a participant the moderator could not name, and stays a speaker.)
_UNKNOWN_VOICE = re.compile(r"(?i)unknown speaker")


def _without_unknown_voices(segments: list[Segment], speakers: Mapping[str, str]) -> tuple[list[Segment], int]:
    """``segments`` with the turns of an unknown voice (:data:`_UNKNOWN_VOICE`) made unlabelled, and how many there were.

    Otter writes "Unknown Speaker  1:35" over the words of a voice it did not recognise, the interviewer's as often as
    anyone's: read as a speaker, every such turn was one participant's. Declared in the manifest
    (``speakers: {Unknown Speaker: participant}``), it is that speaker still.

    Examples
    --------
    >>> turns = [Segment(0, 5, "Unknown Speaker", 1.0), Segment(6, 9, "Speaker 1", 4.0), Segment(10, 14, "Unknown Speaker", 6.0)]
    >>> kept, unknown = _without_unknown_voices(turns, {})
    >>> [(s.speaker, s.timestamp) for s in kept], unknown
    ([(None, 1.0), ('Speaker 1', 4.0), (None, 6.0)], 2)
    >>> _without_unknown_voices(turns, {"unknown speaker": "participant"})[1]
    0
    """
    unknown = 0
    kept = []
    for segment in segments:
        if segment.speaker and _UNKNOWN_VOICE.fullmatch(segment.speaker.strip()) and segment.speaker.strip().lower() not in speakers:
            kept.append(Segment(segment.start, segment.end, None, segment.timestamp, segment.timestamp_end, segment.date))
            unknown += 1
        else:
            kept.append(segment)
    return kept, unknown


def numbered_voice(label: str) -> bool:
    """Whether ``label`` is a diarisation tool's numbered voice, which means someone else in each file.

    Examples
    --------
    >>> [numbered_voice(label) for label in ("SPEAKER_00", "Speaker 2", "Speaker B", "Channel 1", "Rosa", "P01")]
    [True, True, True, True, False, False]
    """
    return _NUMBERED_VOICE.fullmatch(label) is not None


def speaker_role(label: str | None, speakers: Mapping[str, str]) -> str | None:
    """The role of a speaker label: as ``speakers`` (lower-case label → role) says, else by the default labels.

    Examples
    --------
    >>> speaker_role("Rachel", {"rachel": "interviewer"}), speaker_role("I", {}), speaker_role("Ann", {}), speaker_role(None, {})
    ('interviewer', 'interviewer', 'participant', None)
    """
    if label is None:
        return None
    key = label.lower()
    if key in speakers:
        return speakers[key]
    base = label_parts(key)[0]
    if base in speakers:
        return speakers[base]
    if key in DEFAULT_INTERVIEWER_LABELS or role_word(key) in DEFAULT_INTERVIEWER_LABELS or misspelt_interviewer(key):
        return "interviewer"
    return "participant"


@dataclass
class Segmentation:
    """A document's segments, each segment's speaker role, and what the reader should be told.

    ``note`` says why the document fell back to paragraphs or which labels were
    read as headings (kept in the study's metadata); ``doubt`` says what qlr could
    not decide (the callers warn with the file and document id).
    """

    segments: list[Segment]
    roles: list[str | None] = field(default_factory=list)
    note: str | None = None
    doubt: str | None = None
    #: Lower-case label -> role, as the transcript's header lines gave them and the study's ``speakers:`` did not
    #: ("Respondent: Ann Lee" above "Ann Lee: …"), so :func:`speaker_labels` says the header decided them.
    header: dict[str, str] = field(default_factory=dict)


def segment_document(
    text: str,
    *,
    strategy: str = "turns",
    speakers: Mapping[str, str] | None = None,
    patterns: list[re.Pattern[str]] | None = None,
    dayfirst: bool = True,
    observer: str | None = None,
    turns: list[Segment] | None = None,
    bold_labels: list[tuple[int, int, str]] | None = None,
    heading_lines: list[int] | None = None,
    title_lines: list[int] | None = None,
    lines_are_paragraphs: bool = False,
    paragraph_starts: list[int] | None = None,
    read_chats: bool = True,
    declared: Mapping[str, str] | None = None,
    near: date | None = None,
    day: date | None = None,
    asked_only: bool = False,
) -> Segmentation:
    """Segment one document and give each segment its speaker role.

    The folder loader and the REFI-QDA importer both call this, so a transcript
    gets the same segments and roles however it arrived.

    Parameters
    ----------
    text : str
        Stored text.
    strategy : {"turns", "entries", "paragraphs"}
        See :func:`strategy_for`.  Turns or entries that find nothing fall back
        to paragraphs, and the result's ``note`` says so.
    speakers : mapping, optional
        Lower-case speaker label → role (``interviewer``, ``participant``,
        ``observer``, ``other``), as the manifest's ``speakers:`` gives it.
        Declared labels are accepted as speakers even when they occur once;
        labels declared with another role are not taken as the interviewer's.
    patterns : list of compiled regex, optional
        House-style speaker patterns (see :func:`segment_turns`).
    dayfirst : bool
        How to read ambiguous dates of note entries.
    observer : str, optional
        The speaker of dated note entries.
    turns : list of Segment, optional
        Turns a reader already found (subtitles); used as they are.
    bold_labels : list, optional
        Labels a ``.docx`` reader found in bold.
    heading_lines : list of int, optional
        Starts of lines a reader knows are nobody's words between turns (a row
        merged across a transcript table); each is its own unlabelled segment.
    title_lines : list of int, optional
        Starts of a Markdown file's heading lines: between turns each is its own
        unlabelled segment, unless a speaker's label opens it.
    lines_are_paragraphs : bool
        Segment by paragraph as one paragraph per line (:func:`segment_lines`), not
        per block between blank lines: a REFI-QDA project's plain text writes each
        paragraph of NVivo or ATLAS.ti as one line, and qc codes by line.
    paragraph_starts : list of int, optional
        Where each of the writer's paragraphs starts (a Word file's, whose lines may be
        soft breaks inside one): with ``lines_are_paragraphs``, the paragraphs are these.
    read_chats : bool
        Read a diary or notes that are a chat export (a WhatsApp diary) message by
        message, as turns; ``False`` when the manifest set the strategy itself.
    declared : mapping, optional
        Speaker label → role as the file itself declares them (a CHAT file's
        ``@Participants``, read by its reader), as a transcript's header lines do;
        ``speakers`` wins over them.
    near : date, optional
        The document's date, else its wave's start: the year of a note's heading that
        gives none when no other heading of the notes does (see :func:`segment_entries`).
    day : date, optional
        The date a notes file gives itself (its front matter's ``date:`` or ``created:``, a daily
        note's name, a note app's own fields): the date of its words where no heading inside dates them.
    asked_only : bool
        The reader found the file's questions set apart (in bold, or as Markdown headings or bold
        lines) and no typed labels but perhaps the answers' own (``**Resposta:** …``): ``bold_labels``
        are those questions, the answers are unlabelled or under that label, and a one-off typed label
        inside an answer ("Medium term: …", "**Legend:**" after the last) is its words, not a voice.

    Returns
    -------
    Segmentation
        ``segments``, ``roles`` (``observer`` for dated entries, else the
        speaker's role, ``None`` for unlabelled text), ``note`` (a fallback to
        paragraphs, labels read as headings) and ``doubt`` (labels qlr kept as
        speakers without being able to tell; the caller warns).

    Examples
    --------
    >>> text = "Rachel: How are you?\\nAnn: Fine.\\n"
    >>> found = segment_document(text, speakers={"rachel": "interviewer"})
    >>> [(text[s.start:s.end], role) for s, role in zip(found.segments, found.roles)]
    [('How are you?', 'interviewer'), ('Fine.', 'participant')]
    >>> segment_document("## 3 May 2024\\nQuiet.", strategy="entries", observer="Sam").roles
    ['observer']
    """
    # The manifest's word wins over the file's own declarations.
    speakers = {str(label).lower(): role for label, role in [*(declared or {}).items(), *(speakers or {}).items()]}
    # Notes are their writer's, an observer's unless speakers: makes the writer a participant: a participant's
    # own (solicited) diary is "observer: Pepys" with "speakers: {Pepys: participant}". The interviewer who
    # writes field notes ("speakers: {Rachel: interviewer}") writes them as the observer.
    writer_role = "participant" if observer is not None and speakers.get(str(observer).lower()) == "participant" else "observer"
    note, doubt = None, None
    header: dict[str, str] = {}
    cued = None  # a recording's unnamed cues with notes written among them (_notes_among_cues)
    if lines_are_paragraphs and paragraph_starts:
        by_paragraph = partial(_pieces_from, starts=paragraph_starts)
    else:
        by_paragraph = segment_lines if lines_are_paragraphs else segment_paragraphs
    # A chat export is one whatever its kind says (a "document" or a kind qlr does not know), unless the
    # manifest's `segment:` says how to cut it; an interview's turns find its stamps themselves.
    chat = read_chats and strategy in ("entries", "paragraphs") and turns is None and _is_chat(text)
    if chat:
        # A diary kept as a chat (WhatsApp diaries): each message is its sender's, dated, not one observer's entry.
        strategy = "turns"
    if turns is not None:
        segments = _split_overlaps(text, list(turns))
        if segments and strategy == "turns" and not any(segment.speaker for segment in segments):
            # Said beside the other unlabelled transcripts (the load's warning names them all).
            note = "no speaker labels in its cues, so its words are not told apart by speaker (subtitles need 'Name:' or '<v Name>' in their cues)"
    elif strategy == "turns":
        interviewers = frozenset(label for label, role in speakers.items() if role == "interviewer") | (
            DEFAULT_INTERVIEWER_LABELS - {label for label, role in speakers.items() if role != "interviewer"}
        )
        # Labels are found with no-break spaces read as spaces ("H3:\u00a0Me llamo", a text copied out of a PDF
        # spaced so throughout; French typography's "Enquêteur\u00a0:"): one character each, the offsets hold.
        found = _turns(text.translate(_NO_BREAK_SPACES), patterns=patterns, known_speakers=frozenset(speakers), interviewer_labels=interviewers, bold_labels=bold_labels, heading_lines=heading_lines, title_lines=title_lines, dayfirst=dayfirst, asked_only=asked_only)
        note, doubt = found.note, found.doubt
        if chat:
            note = _also(note, "a chat export: each message is a turn of its sender, with its date")
        header = {label: role for label, role in found.declared.items() if label not in speakers}
        speakers = {**found.declared, **speakers}  # the manifest's word wins over the transcript's header
        timed = segment_timed(text) if found.segments is None else None
        cued = _notes_among_cues(text, found.segments) if found.segments is not None else None
        if cued is not None:
            timed, notes = cued
            labels = ", ".join(sorted({repr(segment.speaker) for segment in timed if segment.speaker}))
            # Read as notes among the cues, the labels are no longer in doubt as speakers or headings.
            note, doubt = f"no speaker labels in its cues; cut at its {len(_LONE_TIME.findall(text))} time lines, each the time of the words below it, and its {notes} lines labelled {labels} read as notes of their own among the cues (a role's label keeping its role), not turns holding the cues after them", None
        elif timed is not None:
            # "0:21⏎Ay, ¿dónde…⏎1:13⏎…": a transcription service's times with no names; each time opens a segment.
            note = _also(note, f"no speaker labels recognised; cut at its {len(_LONE_TIME.findall(text))} time lines, each the time of the words below it")
        elif found.segments is None and text.strip() and (stacked := stacked_label_turns(text)) is not None:
            # A two-column table of labels and turns, converted to text: its labels above its turns.
            found.segments, stacked_note = stacked
            note = _also(note, stacked_note)
        elif found.segments is None and text.strip():
            note = (
                f"{note}; segmented by paragraph"
                if note
                else "no speaker labels recognised; segmented by paragraph (set segmentation.speaker_pattern in study.yaml for a house style)"
            )
        segments = timed if timed is not None else _split_overlaps(text, found.segments) if found.segments is not None else by_paragraph(text)
        segments, unknown = _without_unknown_voices(segments, speakers)
        if unknown:
            note = _also(note, f"{unknown} turn(s) the transcriber marked as an unknown voice ('Unknown Speaker'): turns of no one known, not one speaker's")
    elif strategy == "entries":
        found = segment_entries(text, dayfirst=dayfirst, near=near)
        if found is not None:
            # The observer wrote the notes: every entry (an undated one too) and the words before the
            # first, as in notes with no dated heading; only a title alone there ("# Field notes") is nobody's.
            if found and not text[: found[0].start].strip() and _a_title(text[found[0].start : found[0].end]):
                return _observed(found[1:], observer, None, None, title=found[0], role=writer_role)
            return _observed(found, observer, None, None, role=writer_role)
        if text.strip():
            note = "no dated entry headings found; segmented by paragraph, each the observer's" + (f", dated {day.isoformat()} as the file is" if day else "")
        # Undated notes are still the observer's: the same speaker and role as dated entries.
        paragraphs = by_paragraph(text)
        for paragraph in paragraphs if day is not None else []:
            # One note with its own date (a daily note "2024-03-12.md", front matter's "created:"): its words are of that day.
            paragraph.date = day
        return _observed(paragraphs, observer, note, doubt, role=writer_role)
    else:
        segments = by_paragraph(text)
        if observer is not None:  # notes cut by paragraph at the manifest's word
            return _observed(segments, observer, note, doubt, role=writer_role)
    roles = [speaker_role(segment.speaker, speakers) for segment in segments]
    if cued is not None:
        # Notes written among a recording's cues are their writer's observations, as field notes are (qlr's observer),
        # unless the study gives the label a role; the unnamed cues stay no one's, read as a transcript without names.
        # A role's label keeps its role ("Participant: (laughs) yes", "Interviewer: Sorry, I mean …"): only a
        # note-taker's or observer's label, or a name nothing declares, writes notes.
        roles = [_role_among_cues(segment.speaker, speakers) if segment.speaker else None for segment in segments]
    # "Frage:" once among I:/B: turns is the participant's own question, not the interviewer's: a
    # question word asks for the interviewer only where it opens turns again and again (Pergunta/Resposta).
    asked = Counter(segment.speaker.lower() for segment in segments if segment.speaker)
    roles = [
        "participant" if role == "interviewer" and segment.speaker and asked[segment.speaker.lower()] < 2 and _a_question_word(segment.speaker, speakers) else role
        for role, segment in zip(roles, segments)
    ]
    spoken = {segment.speaker.lower() for segment in segments if segment.speaker}
    return Segmentation(segments, roles, note, doubt, {label: role for label, role in header.items() if label in spoken})


def _role_among_cues(label: str, speakers: Mapping[str, str]) -> str | None:
    """The role of a labelled line among a transcript's unnamed cues: the study's, a role label's own, else the observer's.

    Examples
    --------
    >>> [_role_among_cues(label, {}) for label in ("Notetaker", "Observer", "Participant", "Interviewer", "Sam")]
    ['observer', 'observer', 'participant', 'interviewer', 'observer']
    >>> _role_among_cues("Sam", {"sam": "interviewer"})
    'interviewer'
    """
    word = role_word(label)
    if label.lower() in speakers:
        return speakers[label.lower()]
    if word in _NOTE_TAKER_WORDS or word == "observer" or not _is_role_label(label):
        return "observer"
    return speaker_role(label, speakers)


def _a_question_word(label: str, speakers: Mapping[str, str]) -> bool:
    """Whether a label is "Question" in another language ("Frage", "Pergunta 2"), not declared in ``speakers``."""
    key = label.lower()
    return key not in speakers and (key in _QUESTION_WORDS_ABROAD or role_word(key) in _QUESTION_WORDS_ABROAD)


def _a_title(words: str) -> bool:
    """Whether the words before a note's first entry are only its title: Markdown headings, or one short line, no sentence.

    Examples
    --------
    >>> _a_title("# Field notes\\n\\n## Site A"), _a_title("Field notes, Hall Lane"), _a_title("Notes from my visit; Katie helped.")
    (True, True, False)
    """
    lines = [line.strip() for line in words.splitlines() if line.strip()]
    if all(line.startswith("#") for line in lines):
        return True
    return len(lines) == 1 and len(lines[0].split()) <= 12 and not lines[0].rstrip("*_ ").endswith((".", "!", "?", ";", ":"))


def _observed(
    segments: list[Segment], observer: str | None, note: str | None, doubt: str | None, *, title: Segment | None = None, role: str = "observer"
) -> Segmentation:
    """Segments of notes, each the observer's (in ``role``), after ``title`` (nobody's) if given."""
    for segment in segments:
        segment.speaker = observer
    if title is None:
        return Segmentation(segments, [role] * len(segments), note, doubt)
    return Segmentation([title, *segments], [None] + [role] * len(segments), note, doubt)


def segment_rows(doc_id: str, text: str, segmentation: Segmentation) -> list[tuple[object, ...]]:
    """Rows of the ``segments`` table for one document, as tuples in the table's column order.

    Examples
    --------
    >>> text = "I: Hi.\\nR: Hello there."
    >>> segment_rows("d1", text, segment_document(text))[1]
    ('d1:0001', 'd1', 1, 10, 22, 'R', 'participant', None, None, None, 2)
    """
    return [
        (
            segment_id(doc_id, position),
            doc_id,
            position,
            segment.start,
            segment.end,
            segment.speaker,
            role,
            segment.timestamp,
            segment.timestamp_end,
            segment.date,
            count_words(text[segment.start : segment.end]),
        )
        for position, (segment, role) in enumerate(zip(segmentation.segments, segmentation.roles))
    ]


#: Document kinds whose text is a conversation with an interviewer.
CONVERSATIONS = ("interview", "focus_group", "transcript")


def interviewer_doubts(study: Study, *, table: pd.DataFrame | None = None) -> dict[str, str]:
    r"""Transcripts with two or more speaker labels but no turn read as the interviewer's, and what to do about each.

    Their questions would be coded as the participants' words, and no answer can be
    marked prompted.  Each value names the fix: the ``speakers:`` line for the label
    that asks most of the questions (see :func:`speaker_labels`), or a general one.
    ``table`` is :func:`speaker_labels`'s, when the caller has it already.

    Examples
    --------
    >>> import os, tempfile, warnings, qlr
    >>> path = os.path.join(tempfile.mkdtemp(), "P1_T1_interview.txt")
    >>> _ = open(path, "w").write("Dan: How did it go?\nAnn: Fine.\nDan: And the group?\nAnn: We run it now.\n")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     study = qlr.load(path, progress=False)
    >>> print(interviewer_doubts(study)["P1_T1_interview"].replace(os.path.dirname(path), "FOLDER"))
    Dan asks most of the questions: add 'speakers: {Dan: interviewer}' to study.yaml; there is none yet: `qlr info FOLDER --template > FOLDER/study.yaml` writes one that lists the documents
    """
    segments = study.segments
    conversations = set(study.documents.loc[study.documents["kind"].isin(CONVERSATIONS), "doc_id"])
    labelled = segments["speaker"].notna() & segments["doc_id"].isin(conversations)
    if not labelled.any():
        return {}
    interviewed = set(segments.loc[labelled & segments["speaker_role"].eq("interviewer").fillna(False).astype(bool), "doc_id"])
    # A conversation needs two voices: one label alone is a monologue, a diary or headings.
    voices = segments.loc[labelled, ["doc_id", "speaker"]].drop_duplicates()["doc_id"].value_counts()
    missing = [d for d in dict.fromkeys(segments.loc[labelled, "doc_id"]) if d not in interviewed and voices[d] >= 2]
    # One voice whose turns hold unlabelled questions ("**I [00:00:00]** …" the labels did not read): the
    # questions are coded as that voice's words.
    glued = _questions_inside_one_voice(study, segments.loc[labelled], [d for d, n in voices.items() if n == 1 and d not in interviewed])
    missing += [d for d in glued if d not in missing]
    if not missing:  # the common case costs one pass over the segments, not the question count
        return {}
    table = speaker_labels(study) if table is None else table
    suggested = table.dropna(subset=["suggestion"]).drop_duplicates("doc_id").set_index("doc_id")
    asker, lines = suggested["speaker"], suggested["suggestion"]  # the line names a shortened label too ("M" of "MSM")
    # An imported project has no study.yaml: its speakers are named when it is read.
    imported = bool(study.meta.get("import"))
    # A folder read by its file names has none yet: a study.yaml of only "speakers:" would list no documents.
    folder = Path(study.meta.get("root") or "FOLDER")
    folder = folder.parent if folder.suffix else folder  # a study of one file: its manifest goes beside it
    own_labels = _documents_own_labels(study)
    unwritten = "" if study.meta.get("manifest") else f"; there is none yet: `qlr info {folder} --template > {folder / 'study.yaml'}` writes one that lists the documents"

    def fix(doc_id: str) -> str:
        if doc_id in glued:
            label, count = glued[doc_id]
            return f"{count} questions sit unlabelled inside {label}'s turns: label the interviewer's lines (I: …) or write the transcript's labels as segmentation: {{speaker_pattern: …}}"
        if doc_id not in asker.index:
            return "name the interviewer with qlr import --speaker LABEL=interviewer (read_qdpx(PATH, speakers={LABEL: 'interviewer'}))" if imported else f"name the interviewer under speakers: in study.yaml{unwritten}"
        label = asker[doc_id]
        declare = (
            f"import it with --speaker '{label}=interviewer' (read_qdpx(PATH, speakers={{{label!r}: 'interviewer'}}))" if imported else f"add '{lines[doc_id]}' to study.yaml{unwritten}"
        )
        if not imported and numbered_voice(str(label)):
            # "Speaker 1" is someone else in each file: study-wide, it would make every file's Speaker 1 the interviewer.
            declare = f"add '{lines[doc_id]}' to this document's own entry in study.yaml (a numbered voice is someone else in each file, so not to the study's speakers:){unwritten}"
        if not imported and str(label).lower() in own_labels.get(doc_id, ()):
            # The document's own speakers: entry gave the label its role, and wins over the study's: that line is the one to change.
            declare = f"this document's own 'speakers:' entry in study.yaml gives it another role: write '{label}: interviewer' there, or take that line out"
        return f"{label} asks most of the questions: {declare}"

    return {doc_id: fix(doc_id) for doc_id in missing}


#: A capitalised label alone on its line (or closing it with a colon) over words: a speaker's name where the
#: transcript's convention was not read ("IBRAHIM" over his answer).
_LONE_LABEL_LINE = re.compile(rf"^[ \t]*(?P<label>{_LABEL})[ \t]*[:：]?[ \t]*(?=\r?\n[ \t]*\S)", re.MULTILINE)


def candidate_labels(text: str, *, most: int = 4) -> dict[str, str]:
    """Labels an unlabelled transcript seems to give its speakers, with the role each seems to play, for a warning's fix.

    A capitalised label of one to three words alone on its line over words, opening two lines or more, where two such
    labels recur: the label and ``interviewer`` where it is an asking role's word, else ``participant``; the
    ``most`` commonest, in order of first use. Empty when fewer than two recur (a diary's "Monday" is no speaker).

    Examples
    --------
    >>> candidate_labels("INTERVIEWER\\nHow?\\n\\nIBRAHIM\\nWell.\\n\\nINTERVIEWER\\nWhy?\\n\\nIBRAHIM\\nJust.")
    {'INTERVIEWER': 'interviewer', 'IBRAHIM': 'participant'}
    >>> candidate_labels("Monday\\nRain.\\n\\nMonday\\nSun.")
    {}
    """
    seen: Counter[str] = Counter()
    asked: Counter[str] = Counter()  # label -> how many of the lines under it end in a question mark
    for match in _LONE_LABEL_LINE.finditer(text):
        label = match.group("label")
        if len(_name_words(label)) <= 3 and label.lower() not in _DISCOURSE_WORDS:
            seen[label] += 1
            under = text[match.end() :].lstrip().split("\n", 1)[0].rstrip()
            asked[label] += under.endswith(("?", "？", "¿"))
    recurring = [label for label, count in seen.most_common(most) if count >= 2]
    if len(recurring) < 2:
        return {}
    # The asking role by its word, or by asking under most of its labels ("Sue" over "How is the plot?").
    return {label: "interviewer" if _asks(label, DEFAULT_INTERVIEWER_LABELS) or 2 * asked[label] > seen[label] else "participant" for label in recurring}


def speakers_line(*labels: str, role: str = "interviewer", roles: Mapping[str, str] | None = None) -> str:
    """The ``speakers:`` line of ``study.yaml`` that gives ``labels`` their role, in order, quoted where YAML needs it.

    A label that YAML would read as something else (``*INV`` is an alias, ``@Tom`` and
    ``%PAR`` are reserved, ``No`` a boolean) is quoted, as ``--template`` writes it.

    Examples
    --------
    >>> speakers_line("Dan"), speakers_line("*INV"), speakers_line("Dr. Lee: host")
    ('speakers: {Dan: interviewer}', "speakers: {'*INV': interviewer}", "speakers: {'Dr. Lee: host': interviewer}")
    >>> speakers_line("MSM", "M")
    'speakers: {MSM: interviewer, M: interviewer}'
    >>> speakers_line(roles={"INT": "interviewer", "IBRAHIM": "participant"})
    'speakers: {INT: interviewer, IBRAHIM: participant}'
    """
    import yaml

    return "speakers: " + yaml.safe_dump(
        {str(label): role for label in labels} | dict(roles or {}), default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False
    ).strip()


#: Paragraphs after a turn's first that end with a question mark: questions no label opened.
_LATER_QUESTION = re.compile(r"\n[ \t]*\n[^\n]*[?？؟][ \t]*(?=\n|$)")


def _questions_inside_one_voice(study: Study, labelled: pd.DataFrame, documents: list[str]) -> dict[str, tuple[str, int]]:
    """Transcripts of one voice whose turns hold two or more unlabelled question paragraphs: {doc_id: (label, count)}."""
    if not documents:
        return {}
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    found: dict[str, tuple[str, int]] = {}
    rows = labelled[labelled["doc_id"].isin(documents)]
    for doc_id, part in rows.groupby("doc_id", sort=False):
        text = texts.get(doc_id, "")
        count = sum(len(_LATER_QUESTION.findall(text, int(start), int(end))) for start, end in zip(part["start"], part["end"]))
        if count >= 2:
            found[str(doc_id)] = (str(part["speaker"].iloc[0]), count)
    return found


#: A first segment of at most this many words above a diary's or notes' dated entries is their title: a heading's
#: title length, one for both.
TITLE_WORDS = _TITLE_WORDS


def coded_segments(segments: pd.DataFrame, *, include_interviewer: bool = False) -> pd.Series:
    """Which rows of a segments table rule coding reads (a boolean Series): see ``qlr.code.eligible_segments``.

    A participant's, an observer's or someone else's turn; in a document with no
    turns, every segment; never text before the first label of a transcript (a
    header), nor a title of at most ``TITLE_WORDS`` words above dated entries, and an
    interviewer's turn only with ``include_interviewer``.
    """
    role = segments["speaker_role"]
    with_turns = set(segments.loc[role.isin(["interviewer", "participant"]).fillna(False), "doc_id"])
    keep = role.isin(["participant", "observer", "other"]).fillna(False)
    keep |= role.isna() & ~segments["doc_id"].isin(with_turns)
    # A diary's or notes' title above its dated entries ("Dev's volunteering diary"): a line of a few words that is
    # no entry, as a transcript's header is no turn.
    with_entries = set(segments.loc[role.eq("observer").fillna(False), "doc_id"])
    keep &= ~(role.isna() & (segments["position"] == 0) & (segments["n_words"] <= TITLE_WORDS) & segments["doc_id"].isin(with_entries))
    if include_interviewer:
        keep |= (role == "interviewer").fillna(False)
    return keep


#: How many transcripts :func:`warn_no_interviewer` names; ``qlr info`` lists them all beyond that.
NAMED_AT_MOST = 5


def warn_no_interviewer(study: Study, where: object) -> None:
    """Say which transcripts have no interviewer turn (:func:`interviewer_doubts`), once per study."""
    doubts = interviewer_doubts(study)
    if not doubts:
        return
    from ..errors import NoInterviewerWarning

    shown = "; ".join(f"{doc_id} ({fix})" for doc_id, fix in list(doubts.items())[:NAMED_AT_MOST])
    more = f"; … ({len(doubts) - NAMED_AT_MOST} more: `qlr info` lists them)" if len(doubts) > NAMED_AT_MOST else ""
    warn(
        f"{where}: {len(doubts)} transcript(s) have speaker labels but no turn read as the interviewer's, "
        f"so their questions are coded as participants' words and no answer can be marked prompted: {shown}{more}",
        NoInterviewerWarning,
    )


#: How a conversation with no case reads its speakers (``speaker_cases:`` in ``study.yaml``): ``names`` (a label
#: that names a case is that case's, and labels ``speakers:`` maps to a case), ``listed`` (only those ``speakers:``
#: maps), ``off`` (every turn the study's).
SPEAKER_CASE_MODES = ("names", "listed", "off")


def case_names(study: Study) -> dict[str, set[str]]:
    """Each name a speaker label may call one of the study's cases by (case folded), and the cases it calls so.

    A case's id or label, with ``_`` read as a space, and its first word before a family
    name ("Maria" for ``Maria_Lopez``; not "Participant" for ``Participant_1``, nor "Teacher"
    for ``Teacher_A``).  A first name two cases share names both.
    """
    import pandas as pd

    names: dict[str, set[str]] = {}
    if study.cases.empty:
        return names
    for column in ("case_id", "label"):
        if column not in study.cases:
            continue
        for case_id, value in zip(study.cases["case_id"].astype(str), study.cases[column]):
            if pd.isna(value):
                continue
            value = str(value)
            words = value.replace("_", " ").split()
            for name in {value.casefold(), " ".join(words).casefold()}:
                names.setdefault(name, set()).add(case_id)
            # A first name before a family name ("Maria" of Maria_Lopez), not a role before a code ("Participant_1",
            # "Teacher_A"): the word after it must be a word of letters, and the first no role label.
            if len(words) >= 2 and words[1].isalpha() and len(words[1]) >= 2 and not _is_role_label(words[0]):
                names.setdefault(words[0].casefold(), set()).add(case_id)
    return names


def case_of_label(label: str, names: Mapping[str, set[str]]) -> str | None:
    """The one case a speaker label names (:func:`case_names`), or None where it names none or several."""
    called = names.get(str(label).casefold(), ())
    return next(iter(called)) if len(called) == 1 else None


def attributed_kinds(study: Study) -> tuple[str, ...]:
    """The kinds of document whose turns, with no case, are read by their speakers (:func:`attribute_speakers`).

    Every conversation of a loaded study (a document given no case is the study's material); only
    focus groups of an imported project (``meta["import"]``), where an interview with no case is one
    whose case the import could not tell (a case pattern that missed).
    """
    return ("focus_group",) if study.meta.get("import") else CONVERSATIONS


def _caseless_talk(study: Study, *, owned: bool = False, declared: Collection[str] = ()) -> pd.DataFrame:
    """The labelled turns of conversations with no case (:func:`attributed_kinds`): a focus group kept as the study's.

    With ``owned``, those of a case's own conversations too (a couple or a parent and child interviewed together), in
    a study loaded from its files (an imported project's cases are the import's to tell, but for the ``declared``
    documents, whose speakers who are cases a qlr export said).
    """
    documents, segments = study.documents, study.segments
    if documents.empty or segments.empty or "case_id" not in documents:
        return segments.iloc[:0]
    caseless = documents["case_id"].isna()
    if owned and not study.meta.get("import"):
        caseless = caseless | documents["case_id"].notna()
    talk = caseless & documents["kind"].isin(list(attributed_kinds(study)))
    # A qlr export's conversation read back without its details file, whose description says who speaks as a case.
    talk = set(documents.loc[talk | (documents["doc_id"].isin(list(declared)) & documents["kind"].isin(list(CONVERSATIONS))), "doc_id"])
    if not talk:
        return segments.iloc[:0]
    return segments[segments["doc_id"].isin(talk) & segments["speaker"].notna()]


def cases_speaking_without_case(study: Study) -> dict[str, list[str]]:
    """Conversations with no case (a focus group held as the study's material) and the study's cases among their speakers.

    A speaker is a case where their label is one of :func:`case_names` ("Maria" for case
    ``Maria_Lopez``; not "Participant" for ``Participant_1``), case aside, and not the
    interviewer.  Loading attributes such turns to that case (:func:`attribute_speakers`).

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> study = qlr.Study("s", cases=pd.DataFrame({"case_id": ["Maria", "Jonah_Smith"]}),
    ...     documents=pd.DataFrame({"doc_id": ["FG"], "case_id": [None], "kind": ["focus_group"], "text": ["x"]}),
    ...     segments=pd.DataFrame({"seg_id": ["FG:0", "FG:1"], "doc_id": ["FG", "FG"], "start": [0, 0], "end": [1, 1],
    ...                            "speaker": ["Maria", "Jonah"], "speaker_role": ["participant", "participant"]}))
    >>> cases_speaking_without_case(study)
    {'FG': ['Jonah', 'Maria']}
    """
    names = case_names(study)
    talk = _caseless_talk(study)
    speaking = talk[talk["speaker_role"].ne("interviewer").fillna(True)]
    found: dict[str, list[str]] = {}
    for doc_id, labels in speaking.groupby("doc_id", sort=False)["speaker"]:
        matched = sorted({str(label) for label in labels if str(label).casefold() in names})
        if matched:
            found[str(doc_id)] = matched
    return found


@dataclass
class SpeakerCases:
    """What :func:`attribute_speakers` decided for one conversation with no case."""

    doc_id: str
    wave_id: str | None
    #: label -> (case, turns) attributed; label -> turns left the study's; moderator label -> turns.
    attributed: dict[str, tuple[str, int]] = field(default_factory=dict)
    nobody: dict[str, int] = field(default_factory=dict)
    asking: dict[str, int] = field(default_factory=dict)
    #: label -> the cases its name calls, where more than one does (left the study's).
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    mode: str = "names"
    #: A joint voice ("Dai and Kwame", "Both"): label -> (the cases it names, turns), each counted for every one.
    joint: dict[str, tuple[list[str], int]] = field(default_factory=dict)
    #: The document's own case, for a joint interview (a case's conversation where another case speaks); None for a group.
    case: str | None = None
    #: In a joint interview: the document's own labels, whose turns stay its case's, -> turns.
    kept: dict[str, int] = field(default_factory=dict)
    #: In a case's conversation whose every voice names another case: label -> that case, left the document's case's.
    alone: dict[str, str] = field(default_factory=dict)
    #: A group at a wave, in a study of cases, none of whose voices names or is mapped to a case: said, as likely the
    #: cases' unnamed (a template labels cases by their ids), nothing attributed and nothing recorded.
    unnamed: bool = False


def attribute_speakers(
    study: Study,
    *,
    mode: str = "names",
    listed: Mapping[str, str] | None = None,
    per_document: Mapping[str, tuple[str | None, Mapping[str, str | list[str]]]] | None = None,
) -> list[SpeakerCases]:
    """Decide whose each turn of a conversation with no case is, and record it in ``study.meta["speaker_cases"]``.

    In a conversation with no case (a study-level focus group; the kinds :func:`attributed_kinds`
    names), a speaker who is one of the study's cases speaks for that case: a label
    ``listed`` maps to a case (``speakers: {Derek: C03}``, the document's own mapping first),
    else, with ``mode`` ``"names"``, a label that is one of :func:`case_names` and calls one case
    only.  An interviewer's turns are never a case's (a moderator's questions are not
    evidence).  :func:`qlr.evidence.segment_cases` reads the record, so every analysis follows it.

    Parameters
    ----------
    study : Study
        Changed in place: ``meta["speaker_cases"]`` is set (``{doc_id: {label: case_id}}``; ``{}``
        where the study's cases speak in such a conversation but none is attributed, as with
        ``speaker_cases: off``), or removed where none speaks in one.
    mode : {"names", "listed", "off"}
        The study's ``speaker_cases:``.
    listed : mapping, optional
        The study's ``speakers:`` labels (lower case) mapped to a case id.
    per_document : mapping, optional
        A document's own ``speaker_cases:`` (None: the study's) and ``speakers:`` mapped to cases (a list of two or
        more: a joint voice of those cases, as a qlr export's source description says one; where the study holds only
        one of them, an export of a selection of cases, the voice is that case's, as in the selection).

    Returns
    -------
    list of SpeakerCases
        One per conversation with no case whose speakers include a case (by name or mapping), in document order.
    """
    import pandas as pd

    listed = dict(listed or {})
    per_document = dict(per_document or {})
    names = case_names(study)
    known = set(study.cases["case_id"].astype(str)) if not study.cases.empty else set()
    people = _actor_names(study)
    talk = _caseless_talk(study, owned=True, declared=per_document.keys())
    waves = dict(zip(study.documents["doc_id"].astype(str), study.documents["wave_id"]))
    owners = dict(zip(study.documents["doc_id"].astype(str), study.documents["case_id"]))
    kinds = dict(zip(study.documents["doc_id"].astype(str), study.documents["kind"]))
    decided: dict[str, dict[str, str | list[str]]] = {}
    said: list[SpeakerCases] = []
    for doc_id, turns in talk.groupby("doc_id", sort=False):
        doc_id = str(doc_id)
        owner = owners.get(doc_id)
        owner = None if pd.isna(owner) else str(owner)
        own_mode, own = per_document.get(doc_id, (None, {}))
        here = own_mode or mode
        mapped = {**listed, **own}
        wave = waves.get(doc_id)
        found = SpeakerCases(doc_id, None if pd.isna(wave) else str(wave), mode=here, case=owner)
        asking = turns["speaker_role"].eq("interviewer").fillna(False).to_numpy(dtype=bool)
        for label, count in Counter(turns["speaker"][asking].astype(str)).items():
            found.asking[label] = count

        def case_of(label: str, mapped: dict[str, str | list[str]] = mapped, here: str = here) -> str | None:
            whose = mapped.get(label.lower())
            if isinstance(whose, list):  # a joint voice's cases: declared, read below; of one case the study holds
                held = [case for case in dict.fromkeys(whose) if case in known]  # (a selection exported), that case's
                whose = held[0] if len(held) == 1 else None
            if whose is None and here == "names":
                whose = case_of_label(label, names)
            return None if here == "off" or whose not in known else whose

        voices = Counter(turns["speaker"][~asking].astype(str))
        for label, count in voices.items():
            declared = mapped.get(label.lower())
            if isinstance(declared, list) and here != "off" and len(joined := [case for case in dict.fromkeys(declared) if case in known]) > 1:
                found.joint[label] = (joined, count)  # a joint voice a qlr export's description names ("Both = ann + ben")
                continue
            whose = case_of(label)
            if whose is None and here == "names" and len(names.get(label.casefold(), ())) > 1:
                found.ambiguous[label] = sorted(names[label.casefold()])
            if owner is not None and whose in (None, owner):
                found.kept[label] = count  # a case's own conversation: its voice, and anyone unnamed, stay its case's
            elif whose is None:
                found.nobody[label] = count
            else:
                found.attributed[label] = (whose, count)
        _joint_voices(found, voices, case_of)
        if owner is not None and found.attributed and not found.kept and not found.joint:
            # Every voice of the case's own conversation would be another case's: a misnamed file, not a joint interview.
            # Said where study.yaml mapped the label (it is not done as written); by the names rule alone, as before.
            found.alone = {label: whose for label, (whose, _) in found.attributed.items() if label.lower() in mapped}
            found.kept.update({label: n for label, (_, n) in found.attributed.items()})
            found.attributed.clear()
        record: dict[str, str | list[str]] = {label: case for label, (case, _) in found.attributed.items()}
        record.update({label: cases for label, (cases, _) in found.joint.items()})
        if record:
            decided[doc_id] = record
        if owner is not None:
            if record or found.alone:
                said.append(found)
            elif here == "names" and found.asking and kinds.get(doc_id) == "interview" and sum(
                n >= 2 for name, n in _unmapped_people(found.kept, mapped).items() if case_of(name) is None and name not in people
            ) >= 2:
                # Beside the interviewer, two people's names, two turns each or more, the study knows as no case nor
                # actor (the cases not named): both count for the document's case, which is wrong for a partner or a
                # parent; said, nothing moved (a one-off voice, a header's field read as a label, is left alone).
                # (Without an interviewer one of the names is likely theirs, which NoInterviewerWarning says.)
                found.unnamed = True
                said.append(found)
            continue
        # Said wherever a case speaks here: attributed, or left no one's ('off', 'listed' without its label, two cases' name).
        if record or any(label.casefold() in names or label.lower() in mapped for label in found.nobody):
            said.append(found)
        elif known and here == "names" and found.wave_id is not None and not study.meta.get("import") and any(
            not _is_role_label(label) and not numbered_voice(label) for label in found.nobody
        ):  # a voice by a person's name ("Ana"), not a role word ("Participant", "Parent") or a numbered voice
            found.unnamed = True  # said apart (warn_speaker_cases); 'speaker_cases: off' keeps it the study's unsaid
            said.append(found)
    if decided or any(not found.unnamed for found in said):
        # Recorded even when nothing was attributed ('speaker_cases: off'): a project without the record was saved
        # before it existed, which opening says (warn_unrecorded_speakers).
        study.meta["speaker_cases"] = decided
    else:
        study.meta.pop("speaker_cases", None)
    return said


def _actor_names(study: Study) -> set[str]:
    """Every name and alias of the study's actors (``actors:``, a case's ``aliases``), case folded: people it knows."""
    actors = study.actors
    if actors is None or actors.empty:
        return set()
    names = {str(name).casefold() for name in actors.get("name", ()) if isinstance(name, str)}
    return names | {str(alias).casefold() for aliases in actors.get("aliases", ()) if isinstance(aliases, list | tuple) for alias in aliases}


def _unmapped_people(voices: Mapping[str, int], mapped: Mapping[str, str]) -> dict[str, int]:
    """The people a conversation's voices name that ``speakers:`` does not map, with their turns: each name of a joint
    voice ("Marta and Colin", :func:`joint_parts`) or a voice's own, no role word ("Participant"), no numbered voice
    ("Speaker 2"). One person's labels are one: in any letter case ("REsposta"), a first name beside the full one
    ("Peter" and "Peter Corke").

    Examples
    --------
    >>> _unmapped_people({"Marta": 2, "Respondent": 4, "Speaker 2": 1, "Ana and Colin": 1, "colin": 1}, {"ana": "C01"})
    {'marta': 2, 'colin': 2}
    >>> _unmapped_people({"Peter Corke": 40, "Peter": 38}, {})
    {'peter corke': 78}
    """
    turns: Counter[str] = Counter()
    for label, count in voices.items():
        for name in joint_parts(label) or [label]:
            # A name has two letters or more, opens with one and has no digit ("P" is a role's letter, "(unlabelled
            # answer)" no one's label, "Table 2" a numbered voice).
            if len(name) >= 2 and name[0].isalpha() and not any(c.isdigit() for c in name) and name.lower() not in mapped and not _is_role_label(name) and not numbered_voice(name):
                turns[name.casefold()] += count
    for name in sorted(turns, key=len):
        fuller = next((other for other in turns if other != name and set(name.split()) < set(other.split())), None)
        if fuller is not None:
            turns[fuller] += turns.pop(name)
    return dict(turns)


def _joint_voices(found: SpeakerCases, voices: Mapping[str, int], case_of: Callable[[str], str | None]) -> None:
    """Move to ``found.joint`` each voice of several of the study's cases: names joined ("Dai and Kwame", :func:`joint_parts`)
    of which two or more are cases, or "Both" where exactly two cases speak (in a case's conversation, its own and one other).

    A joined name that is a speaker of a case's own conversation and no other case's is that case's. Each case named
    counts the turn once; names of which one only is a case ("Ana and Sam", Sam no case) are that case's voice.
    """
    cases_here = {case for case, _ in found.attributed.values()} | ({found.case} if found.case else set())
    for label, count in voices.items():
        if label in found.joint:
            continue  # declared a joint voice (a qlr export's description): its cases as declared
        parts = joint_parts(label)
        if parts:
            named = [case_of(part) or (found.case if part in found.kept else None) for part in parts]
            cases = list(dict.fromkeys(case for case in named if case))
        elif label.casefold().strip() in _EVERYONE and len(cases_here) == 2:
            cases = sorted(cases_here)
        else:
            continue
        if not cases or (len(cases) == 1 and cases[0] == found.case):
            continue  # no case among the names, or only the document's own: as any voice
        found.attributed.pop(label, None)
        found.nobody.pop(label, None)
        found.kept.pop(label, None)
        if len(cases) == 1:  # "Ana and Sam" where Sam is no case: Ana's
            found.attributed[label] = (cases[0], count)
        else:
            found.joint[label] = (cases, count)


def warn_unrecorded_speakers(study: Study, where: object) -> None:
    """Say where a study with no record of whose a focus group's turns are (a project saved before qlr kept one) has the study's cases speaking in one.

    Their turns count for no one there, as when it was saved; loading the study folder again decides (:func:`attribute_speakers`).
    """
    if "speaker_cases" in study.meta:
        return
    found = cases_speaking_without_case(study)
    if not found:
        return
    from ..errors import NoCaseTalkWarning

    shown = "; ".join(f"{doc_id} ({', '.join(labels)})" for doc_id, labels in found.items())
    warn(
        f"{where}: {len(found)} conversation(s) with no case have the study's cases among their speakers, but the project keeps no "
        f"record of whose their turns are (it was saved before qlr kept one): {shown}. They count for no one, as when it was "
        "saved; load the study folder again to count each speaker's turns for their case (docs/study-folder.md, 'Focus groups')",
        NoCaseTalkWarning,
    )


def _n_turns(count: int) -> str:
    return f"{count} turn{'s' if count != 1 else ''}"


def warn_speaker_cases(said: list[SpeakerCases], where: object) -> None:
    """Say which conversations' speakers were attributed to which cases, how many turns, and whose were left no one's.

    Attribution changes what counts as evidence for a case, so it is a warning ``-q`` does not hide
    (:class:`qlr.errors.NoCaseTalkWarning`, kept in the load notes); a document whose entry says
    ``speaker_cases: off`` is said the same way.
    """
    _warn_joint_interviews([found for found in said if found.case is not None and not found.unnamed], where)
    _warn_unnamed_groups([found for found in said if found.unnamed and found.case is None], where)
    said = [found for found in said if found.case is None and not found.unnamed]
    if not said:
        return
    from ..errors import NoCaseTalkWarning

    parts = []
    for found in said:
        bits = _moved_said(found)
        if found.nobody:
            why = f"speaker_cases: {found.mode}, " if found.mode != "names" else ""
            bits.append(f"{why}no one's: " + ", ".join(f"{label} ({_n_turns(n)})" for label, n in found.nobody.items()))
        if found.ambiguous:
            bits.append("names more than one case: " + ", ".join(f"{label} ({' or '.join(cases)})" for label, cases in found.ambiguous.items()))
        if found.asking:
            bits.append("questions, not evidence: " + ", ".join(f"{label} ({_n_turns(n)})" for label, n in found.asking.items()))
        at = f"wave {found.wave_id}" if found.wave_id else "no wave: give its entry a wave to count them over time"
        parts.append(f"{found.doc_id} (at {at}; " + "; ".join(bits) + ")")
    attributed = sum(bool(found.attributed or found.joint) for found in said)
    counted = "each such speaker's turns and codings count for that case at the document's wave (matrices, placements, evidence, the report)"
    fix = "To keep a group's talk the study's, or to say who a label is, write 'speaker_cases: off' or 'speakers: {Label: case}' in its entry"
    if attributed == len(said):
        how = f"; {counted}"
    elif attributed:
        how = f"; in {attributed} of them {counted}, in the others for no one"
    else:
        how = "; their turns count for no one, as study.yaml says"
        fix = "To count each speaker's turns for their case, take 'speaker_cases: off' out, or map labels with 'speakers: {Label: case}'"
    warn(
        f"{where}: {len(said)} conversation(s) with no case have the study's cases among their speakers{how}: {'; '.join(parts)}. "
        f"{fix} (docs/study-folder.md, 'Focus groups')",
        NoCaseTalkWarning,
    )


def warn_listed_cases(study: Study, listed: Mapping[str, tuple[str, ...]], where: object) -> None:
    """Say which cases a data list names for a document (a joint interview's, a focus group's) have none of its turns.

    ``listed`` is each document's cases from its row (:func:`qlr.io._datalist.listed_cases`) beside its own; a case is
    heard where :func:`attribute_speakers` gave it a turn there (its record), or the document is its own.
    """
    if not listed:
        return
    record = study.meta.get("speaker_cases") or {}
    unheard: list[str] = []
    for doc_id, cases in listed.items():
        heard = {case for whose in (record.get(doc_id) or {}).values() for case in ([whose] if isinstance(whose, str) else whose)}
        missing = [case for case in cases if case not in heard]
        if missing:
            unheard.append(f"{doc_id} ({', '.join(missing)})")
    if not unheard:
        return
    from ..errors import NoCaseTalkWarning
    from ._qdpx_read import _listed  # the one way a warning lists "the first few, and N more"

    warn(
        f"{where}: the data list names {len(unheard)} document(s)' cases, but none of their speakers is read as these: "
        f"{_listed(unheard, NAMED_AT_MOST, separator='; ')}. Their words there count for the "
        "document's own case, or for no one in a group. Fix: say each one's label in the list's speakers column "
        "('Label: C02') or under its entry's speakers: (docs/study-folder.md, 'Joint interviews')",
        NoCaseTalkWarning,
    )


def _warn_unnamed_groups(said: list[SpeakerCases], where: object) -> None:
    """Say which groups at a wave have no voice that is one of the study's cases, with each voice's turns: their talk
    counts for no case, which is right for a group of other people and wrong where the cases are not named."""
    if not said:
        return
    from ..errors import NoCaseTalkWarning

    parts = [f"{found.doc_id} (at wave {found.wave_id}; no one's: " + ", ".join(f"{label} ({_n_turns(n)})" for label, n in found.nobody.items()) + ")" for found in said]
    warn(
        f"{where}: {len(said)} conversation(s) with no case have no speaker read as one of the study's cases, so their "
        f"turns count for no case: {'; '.join(parts)}. If they are the cases, give the cases their names (cases: "
        "{id: C01, label: Ana Ribeiro}) or map the labels in the entry (speakers: {Ana: C01}); to keep the group the "
        "study's, write 'speaker_cases: off' in its entry (docs/study-folder.md, 'Focus groups')",
        NoCaseTalkWarning,
    )


def unnamed_joint_note(said: list[SpeakerCases]) -> str | None:
    """The load note for cases' own interviews where, beside the interviewer, two or more voices by a person's name
    speak and none is a case or an actor the study knows: every turn there counts for the document's case.

    A note, not a warning: the document's case keeping its interview is the rule, and a one-off voice (a nurse, a
    partner passing) is common; but a couple interviewed together count as one person unless the study says who is who.
    """
    said = [found for found in said if found.unnamed and found.case is not None]
    if not said:
        return None
    parts = [f"{found.doc_id} ({found.case}'s: " + ", ".join(f"{label} ({_n_turns(n)})" for label, n in found.kept.items()) + ")" for found in said]
    return (
        f"{len(said)} case's own interview(s) have more than one voice by a person's name beside the interviewer, none of them "
        f"read as a case or an actor, and all their turns count for the document's case: {'; '.join(parts[:NAMED_AT_MOST])}"
        + (f" and {len(parts) - NAMED_AT_MOST} more" if len(parts) > NAMED_AT_MOST else "")
        + ". Where another person is interviewed with the case, name them (cases: {id: C02, label: Colin}; speakers: {Colin: C02} "
        "in the entry); where a voice is the case's or someone else's, map it (speakers: {Colin: C01}) or list them under actors:"
    )


def _moved_said(found: SpeakerCases) -> list[str]:
    """What went to a case: "Ana → C01 (2 turns)", and "joint, for each case named: Dai and Kwame → C01 and C02 (1 turn)"."""
    bits = []
    if found.attributed:
        bits.append(", ".join(f"{label} → {case} ({_n_turns(n)})" for label, (case, n) in found.attributed.items()))
    if found.joint:
        bits.append("joint, for each case named: " + ", ".join(f"{label} → {' and '.join(cases)} ({_n_turns(n)})" for label, (cases, n) in found.joint.items()))
    return bits


def _warn_joint_interviews(said: list[SpeakerCases], where: object) -> None:
    """Say, for each case's own conversation where another case speaks, whose turns went to whom and whose stayed."""
    if not said:
        return
    from ..errors import JointInterviewWarning

    parts = []
    for found in said:
        bits = _moved_said(found)
        if found.alone:
            bits.append(
                "left " + str(found.case) + "'s, being the document's only voice: "
                + ", ".join(f"{label} (names {case}; is the file {case}'s?)" for label, case in found.alone.items())
            )
        if found.kept:
            bits.append(f"stay {found.case}'s: " + ", ".join(f"{label} ({_n_turns(n)})" for label, n in found.kept.items()))
        at = f"wave {found.wave_id}" if found.wave_id else "no wave"
        parts.append(f"{found.doc_id} ({found.case}'s, at {at}; " + "; ".join(bits) + ")")
    moved = sum(bool(found.attributed or found.joint) for found in said)
    if moved:
        lead = (
            f"in {moved} of the cases' own conversation(s) another of the study's cases speaks (a joint interview), and their "
            "turns and codings count for that case at the document's wave; the document's case keeps its own voice's and anyone else's"
        )
        fix = "To keep a document's turns all its case's, write 'speaker_cases: off' in its entry ('listed' reads only its 'speakers: {Label: case}')"
    else:
        lead = f"{len(said)} case's own conversation(s) have 'speakers:' give their only voice another case, which is not done"
        fix = "If the file is the other case's, give its entry that case; if another person speaks with the case, label their turns apart"
    warn(f"{where}: {lead}: {'; '.join(parts)}. {fix} (docs/study-folder.md, 'Joint interviews')", JointInterviewWarning)


def _documents_own_labels(study: Study) -> dict[str, set[str]]:
    """Each document's own ``speakers:`` labels (lower case), as loading kept them in ``study.meta``."""
    return {doc: {str(label).lower() for label in labels} for doc, labels in (study.meta.get("document_speakers") or {}).items()}


def speaker_labels(study: Study) -> pd.DataFrame:
    r"""Every speaker label of a study's documents: its role, turns, questions, and how the role was decided.

    One row per document and label: ``doc_id``, ``speaker``, ``role``, ``turns``,
    ``questions`` (turns ending with a question mark: ?, ？ or ؟), ``decided_by``
    (``"manifest"`` where ``speakers:`` names the label, the study's or the document's
    own, ``"label"`` where the label says it — Interviewer, INT2, Moderator, Q —, ``"misspelt role word"``
    where it is such a word one letter off — INTEVIEWER, Interveiwer —, ``"header"`` where the transcript's
    header lines do — "Interviewer: Jane Smith" above "Jane: …" —, ``"notes among cues"`` for an observer's
    notes written among a recording's unnamed cues, else ``"default"``: a participant),
    and ``suggestion``: in a document where no label was read as the interviewer,
    the label that asks most of the questions (at least a quarter of its turns,
    at least twice the share of anyone else, and no fewer questions than anyone), with the
    ``speakers:`` line that would declare it.  The
    suggestion is never applied: a manifest line is the researcher's decision.

    Parameters
    ----------
    study : Study
        A loaded study.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import os, tempfile, warnings, qlr
    >>> path = os.path.join(tempfile.mkdtemp(), "P1_T1_interview.txt")
    >>> _ = open(path, "w").write("Dan: How did it go?\nAnn: Fine.\nDan: And the group?\nAnn: We run it now.\n")
    >>> with warnings.catch_warnings(record=True) as caught:  # loading says what this table shows
    ...     warnings.simplefilter("always")
    ...     table = speaker_labels(qlr.load(path, progress=False))
    >>> "Dan asks most of the questions" in str(caught[0].message)
    True
    >>> table[["speaker", "role", "turns", "questions", "decided_by"]].values.tolist()
    [['Dan', 'participant', 2, 2, 'default'], ['Ann', 'participant', 2, 0, 'default']]
    >>> print(table["suggestion"].iloc[0])
    speakers: {Dan: interviewer}
    """
    import pandas as pd

    declared = {str(k).lower() for k in (study.meta.get("speakers") or {})}
    own = _documents_own_labels(study)
    # The labels a transcript's header lines gave a role, as loading kept them ("Respondent: Ann Lee", a participant too).
    headed = {doc: {str(label).lower() for label in labels} for doc, labels in (study.meta.get("header_speakers") or {}).items()}
    segments = study.segments[study.segments["speaker"].notna() & study.segments["doc_id"].notna()]
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    if segments.empty:
        return pd.DataFrame(columns=["doc_id", "speaker", "role", "turns", "questions", "decided_by", "suggestion"])
    # Whole columns at once, not a pandas group per label: a study has thousands of labels.
    asks = [texts[d][int(s) : int(e)].rstrip().endswith(_QUESTION_MARKS) for d, s, e in zip(segments["doc_id"], segments["start"], segments["end"])]
    keys = ["doc_id", "speaker"]
    counted = segments[keys].assign(asks=asks).groupby(keys, sort=False).agg(turns=("asks", "size"), questions=("asks", "sum"))
    first_role = segments.drop_duplicates(keys).set_index(keys)["speaker_role"]  # the role of each label's first turn
    table = counted.reset_index().assign(role=first_role.reindex(counted.index).to_numpy())
    table["questions"] = table["questions"].astype(int)
    # An observer's label in a conversation no one declared: notes written among a recording's unnamed cues.
    talks = set(study.documents.loc[study.documents["kind"].isin(CONVERSATIONS), "doc_id"])
    table["decided_by"] = [
        "notes among cues"
        if role == "observer" and doc_id in talks and key not in declared and key not in own.get(doc_id, ())
        else "manifest"
        if key in declared or key in own.get(doc_id, ()) or role == "observer"  # an observer is the manifest's observer:
        else "misspelt role word"  # "INTEVIEWER": read as the interviewer, and said so
        if misspelt_interviewer(key)
        else "label"
        if key in DEFAULT_INTERVIEWER_LABELS or role_word(key) in DEFAULT_INTERVIEWER_LABELS or _is_role_label(key)
        else "header"  # the transcript's header lines gave it (a role other than the default can come from nowhere else)
        if key in headed.get(doc_id, ()) or (role is not None and not pd.isna(role) and role != speaker_role(key, {}))
        else "default"
        for doc_id, key, role in zip(table["doc_id"], (str(speaker).lower() for speaker in table["speaker"]), table["role"])
    ]
    table = table[["doc_id", "speaker", "role", "turns", "questions", "decided_by"]]
    table["suggestion"] = None
    # Per document with no interviewer and two or more labels: the label with the largest share of
    # questions (the first such), if that share is at least a quarter and at least twice anyone else's,
    # and no other label asks more questions.
    # A label that is another's first letters in the same document ("M:" beside "MSM:", as a typist shortened the
    # interviewer's initials) is that voice: its turns and questions count with it, and the suggestion names both.
    short_of = _shortened_labels(table)
    turns, questions = table["turns"].astype(float), table["questions"].astype(float)
    for short, full in short_of.items():
        turns[full] += turns[short]
        questions[full] += questions[short]
    share = (questions / turns).where(~table.index.isin(list(short_of)))
    document = table["doc_id"]
    interviewed = table["role"].eq("interviewer").fillna(False).astype(bool).groupby(document, sort=False).transform("any")
    open_question = (~interviewed & (document.groupby(document, sort=False).transform("size") >= 2)).to_numpy()
    if open_question.any():
        best = share[open_question].groupby(document[open_question], sort=False).idxmax()
        others = share.where(~table.index.isin(best.to_numpy()))
        runner_up = others[open_question].groupby(document[open_question], sort=False).max().reindex(best.index)
        leading = share[best.to_numpy()].to_numpy()
        # It must also ask the most questions outright: a voice heard twice, once asking, in
        # overlaps (noScribe's "//S02: …?//") is no interviewer beside one asking thirty.
        most = questions.groupby(document, sort=False).transform("max")
        asks_most = (questions[best.to_numpy()] == most[best.to_numpy()]).to_numpy()
        chosen = best[(leading >= 0.25) & (2 * runner_up.to_numpy() <= leading) & asks_most].to_numpy()
        for row in chosen:
            shortened = [short for short, full in short_of.items() if full == row]
            table.loc[[row, *shortened], "suggestion"] = speakers_line(*(table.at[label, "speaker"] for label in (row, *shortened)))
    return table


def _shortened_labels(table: pd.DataFrame) -> dict[int, int]:
    """Rows of ``table`` (:func:`speaker_labels`) whose label is the first letters of one other label of the same
    document ("M" beside "MSM", not beside "MSM" and "Mary"), each with that label's row."""
    found: dict[int, int] = {}
    for _, rows in table.groupby("doc_id", sort=False):
        labels = {index: str(speaker) for index, speaker in rows["speaker"].items()}
        for index, label in labels.items():
            if not (1 <= len(label) <= 2 and label.isalpha() and label.isupper()):
                continue
            longer = [other for other, name in labels.items() if other != index and len(name) > len(label) and name.upper().startswith(label)]
            if len(longer) == 1:
                found[index] = longer[0]
    return found
