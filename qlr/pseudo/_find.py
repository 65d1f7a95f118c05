"""Finding identifiers in a text: roster terms, their misspellings, patterns, and candidates for review."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
_STREET_WORDS = r"(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Terrace|Gardens|Grove|Court|Row|Walk|Square|Mews|Rd|St|Ave)"

#: Each kind of patterned identifier and its regular expression; the group
#: ``id`` (when present) is what is replaced, so "born on 3 May 1980" keeps "born on".
PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    # UK postcodes (the sample's country); other countries' come through the review queue.
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"),
    "phone": re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?\d|\(?0\d)[\d\s()-]{7,14}\d(?!\w)"),
    "date_of_birth": re.compile(rf"(?:\bborn(?:\s+on)?|\bdate\s+of\s+birth|\bDOB|\bd\.o\.b\.?)[:\s]+(?P<id>{_DATE})", re.IGNORECASE),
    # A web address names its owner ("elenaverna.com", "gmail.com/dylanfield"), not after an "@" (an e-mail's domain).
    "web_address": re.compile(
        r"(?<![\w@./-])(?:(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
        r"|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|io|uk|edu|gov|info)\b(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?)"
    ),
    # A social-media handle ("@ChrisFerdinandi"); an e-mail address has a word before its "@".
    "handle": re.compile(r"(?<![\w@.])@(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{2,30}\b"),
    # Not before the name of a paper or a studio ("Wall Street Journal", "Abbey Road Studios"): a street
    # followed by any other capitalised word ("Mill Road Sarah told me") is still a street.
    "street": re.compile(
        rf"(?P<id>(?:\b\d{{1,4}}[A-Za-z]?,?\s+)?(?:[A-Z][a-z'’]+\s){{1,3}}{_STREET_WORDS})\b(?![ \t]+(?:Journal|Studios|Records|Times|Post|Magazine)\b)"
    ),
}

#: Capitalised words that are never a candidate for review (dates, speaker words).
_NEVER_CANDIDATES = frozenset(
    "i monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december "
    "interviewer interviewee respondent participant mr mrs ms miss dr okay ok mm erm um uh yeah".split()
)

_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][a-z]+(?!\w)")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d ]{3,}\d(?![\w])")


@dataclass(frozen=True)
class Found:
    """One identifier in a text: ``text[start:end]`` is ``term``."""

    start: int
    end: int
    term: str
    entity_id: str
    part: str
    rule: str


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(ordinary lower-case words, words English writes often) from spaCy's English lexeme probabilities.

    ``spacy-lookups-data`` is a qlr dependency, so this works offline; loaded once.
    A word is ordinary when its lower-case form is about as frequent as its
    capitalised one or more so ("then", "thanks", "march"; not "rachel", whose
    capitalised form is twenty times as frequent).
    """
    import gzip
    import json
    from pathlib import Path

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        prob = json.load(stream)
    floor = -100.0
    ordinary = frozenset(w for w, p in prob.items() if w.islower() and w.isalpha() and p >= prob.get(w.capitalize(), floor) - _CAPITALISED_MARGIN)
    common = frozenset(w for w, p in prob.items() if p > _COMMON and w.isalpha())
    return ordinary, common


#: How much more often (natural log) the capitalised form may occur for a word to count as ordinary:
#: e^1.5 ≈ 4.5 covers words that begin sentences ("Thanks", "Hello") and not first names ("Rachel", e^3).
_CAPITALISED_MARGIN = 1.5
#: Words more frequent than this (natural log probability) are real words, never misspellings ("March" is not "Marsh").
_COMMON = -15.0


def ordinary_words() -> frozenset[str]:
    """Lower-case words English writes about as often, or more often, in lower case than capitalised."""
    return _vocabulary()[0]


class TermFinder:
    """Every roster term in a text at once: one regular expression, longest terms first, whole words only.

    A possessive ("Zain's") is found as the name followed by "'s", which stays.
    Terms are matched as written and in capitals ("FARID:" as a speaker label).
    """

    def __init__(self, terms: dict[str, tuple[str, str, str]]) -> None:
        self.terms = dict(terms)
        for term, value in list(terms.items()):
            if term.upper() != term and len(term) > 1:
                self.terms.setdefault(term.upper(), value)
        ordered = sorted(self.terms, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, ordered)) + r")(?![\w])") if ordered else None
        self._folded: tuple[re.Pattern[str] | None, dict[str, tuple[str, str, str]]] | None = None
        self._joined: tuple[re.Pattern[str] | None, dict[str, tuple[str, str, str]]] | None = None

    def find(self, text: str) -> list[Found]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            entity_id, part, rule = self.terms[match.group(1)]
            if part == "initials" and not _as_label(text, match.start(1), match.end(1)):
                continue  # "PM" as in "6 PM", "GP" as in "my GP": initials are replaced only where they label a speaker
            found.append(Found(match.start(1), match.end(1), match.group(1), entity_id, part, rule))
        return found

    def find_label(self, text: str) -> list[Found]:
        """Terms in a speaker label as the study's metadata keys it: in any case ("ana", "del" for the manifest's
        ``speakers:``, which loading lower-cases), the label being the whole field."""
        if self._folded is None:
            folded: dict[str, tuple[str, str, str]] = {}
            for term in sorted(self.terms, key=lambda t: (t != t.upper(), t)):  # as written beats its capitals
                folded[term.casefold()] = self.terms[term]
            ordered = sorted(folded, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, ordered)) + r")(?![\w])", re.IGNORECASE) if ordered else None
            self._folded = (pattern, folded)
        pattern, folded = self._folded
        if pattern is None:
            return []
        return [Found(m.start(1), m.end(1), m.group(1), *folded[m.group(1).casefold()]) for m in pattern.finditer(text) if m.group(1).casefold() in folded]


    def find_in_paths(self, text: str) -> list[Found]:
        """Terms inside file names and paths ("notes/bilal_haddad_consent.txt", as a load note names a file): in any case,
        a name's words joined by ``_``, ``-`` or ``.`` too, bounded by anything but a letter.

        A first or last name alone that is a common English word ("hall", "may") is not looked for: a file
        name's words are written in any case, so "hall_booking_form.txt" says nothing of Ana Hall. Her full
        name is ("ana-hall-consent.txt"), and a first name with the last without the middle ("ana_hall" for
        Ana Maria Hall).
        """
        tokens = [m for m in _PATH_TOKEN.finditer(text) if _PATH_MARK.search(m.group())]
        if not tokens:
            return []
        if self._joined is None:
            terms = {term: value for term, value in self.terms.items() if not (value[1] in ("first", "last") and _common_word(term))}
            terms.update(_first_and_last(self.terms))
            joined: dict[str, tuple[str, str, str]] = {}
            for term in sorted(terms, key=lambda t: (t != t.upper(), t)):
                joined.setdefault(_joined_key(term), terms[term])
            ordered = sorted(terms, key=len, reverse=True)
            alternatives = "|".join(r"[\s_.\-]+".join(map(re.escape, term.split())) for term in ordered)
            self._joined = (re.compile(rf"(?<![^\W\d_])({alternatives})(?![^\W\d_])", re.IGNORECASE) if ordered else None, joined)
        pattern, joined = self._joined
        if pattern is None:
            return []
        found = []
        for token in tokens:
            for m in pattern.finditer(text, token.start(), token.end()):
                value = joined.get(_joined_key(m.group(1)))
                if value is not None and value[1] != "initials":  # "pk" in a path is no speaker label
                    found.append(Found(m.start(1), m.end(1), m.group(1), *value))
        return found


def _common_word(term: str) -> bool:
    """One word English writes often, and as often in lower case as capitalised ("hall", "green", "may"; not "reyes")."""
    ordinary, common = _vocabulary()
    word = term.casefold()
    return " " not in term.strip() and word in ordinary and word in common


def _first_and_last(terms: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """Each person's first name with their last ("Ana Hall" for Ana Maria Hall), as their full name, where not a term."""
    firsts: dict[str, list[str]] = {}
    lasts: dict[str, list[str]] = {}
    rules: dict[str, str] = {}
    for term, (entity_id, part, rule) in terms.items():
        if part in ("first", "last") and term.upper() != term:
            (firsts if part == "first" else lasts).setdefault(entity_id, []).append(term)
            rules[entity_id] = rule
    return {
        f"{first} {last}": (entity_id, "full", rules[entity_id])
        for entity_id in firsts.keys() & lasts.keys()
        for first in firsts[entity_id]
        for last in lasts[entity_id]
        if f"{first} {last}" not in terms
    }


#: A run of characters that may be a file name or path, and what marks it as one (a separator, "_", an extension).
_PATH_TOKEN = re.compile(r"[^\s\"'<>|,;()\[\]]+")
_PATH_MARK = re.compile(r"[/\\_]|\.[A-Za-z0-9]{1,5}\W*$")


def _joined_key(term: str) -> str:
    """A term as a path may write it: words joined by ``_``, ``-``, ``.`` or spaces, case ignored."""
    return " ".join(re.split(r"[\s_.\-]+", term.strip())).casefold()


#: What follows a speaker label: a time in brackets at most, then its colon ("PK:", "PK (00:01:04):").
_LABEL_END = re.compile(r"[ \t]*(?:\([^()\n]{0,20}\)[ \t]*)?:")


def _as_label(text: str, start: int, end: int) -> bool:
    """Whether initials at ``text[start:end]`` stand as a speaker's label: before a colon, in brackets after a name
    ("Priti Kaur (PK)"), or as the whole of a field (the ``speaker`` column)."""
    if start == 0 and end == len(text):
        return True
    if _LABEL_END.match(text, end):
        return True
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def find_patterns(text: str, *, kinds: Iterable[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, value, kind) of every patterned identifier in ``text``."""
    found = []
    for kind in kinds:
        for match in PATTERNS[kind].finditer(text):
            group = "id" if "id" in PATTERNS[kind].groupindex else 0
            start, end = match.span(group)
            value = text[start:end]
            if kind == "street":
                start, value = _trim_street(start, value)
            found.append((start, start + len(value), value, kind))
    return found


def _trim_street(start: int, value: str) -> tuple[int, str]:
    """Drop ordinary words before a street's name ("Then Mill Road" → "Mill Road"), keeping one name word."""
    words = value.split(" ")
    while len(words) > 2 and not words[0][:1].isdigit() and words[0].lower() in ordinary_words():
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def misspellings(tokens: Iterable[str], terms: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """Capitalised tokens one edit from a one-word roster term ("Bernadr" for "Bernard"), with that term's entity.

    Only tokens of five letters or more (two edits from ten), not ordinary
    words, not terms themselves, and with the same first letter: "Carol" is not
    a misspelling of "Carer".
    """
    from rapidfuzz.distance import DamerauLevenshtein

    names = [t for t in terms if " " not in t and len(t) >= 5]
    ordinary, common = _vocabulary()
    out: dict[str, tuple[str, str, str]] = {}
    for token in tokens:
        if len(token) < 5 or token in terms or token.lower() in ordinary or token in common or token.lower() in _NEVER_CANDIDATES:
            continue
        allowed = 2 if len(token) >= 10 else 1
        best = min(
            ((DamerauLevenshtein.distance(token, name, score_cutoff=allowed), name) for name in names if name[0] == token[0]),
            default=(allowed + 1, ""),
        )
        if best[0] <= allowed:
            entity_id, part, _rule = terms[best[1]]
            out[token] = (entity_id, part, f"misspelling of a roster name ({best[0]} edit)")
    return out


def capitalised_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CAPITALISED.finditer(text)]


def is_candidate(token: str) -> bool:
    """A capitalised word the dictionary does not know as an ordinary word: perhaps a name."""
    lower = token.lower()
    return len(token) > 1 and lower not in _NEVER_CANDIDATES and lower.removesuffix("s") not in _NEVER_CANDIDATES and lower not in ordinary_words()


#: A word of a proper name: a capital, then a lower-case letter ("Co-op", "O'Neill"); "PK" and "I" are not.
_NAME_WORD = r"[A-Z][a-z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
#: What stands between a name's words: spaces only. A tab parts a table's cells ("Jo Marsh⇥Thanks for coming"), a line end
#: two lines, never one name.
_NAME_GAP = r" +"
_NAME_RUN = re.compile(rf"(?<![\w'’-]){_NAME_WORD}(?:{_NAME_GAP}{_NAME_WORD})+(?![\w'’-])")
_WORD = re.compile(r"\S+")


def name_phrases(text: str) -> list[tuple[int, int, str]]:
    """Capitalised words written together, the name of a place or organisation whose words are all ordinary ("Northside Community Centre").

    Two or more capitalised words in a row, once a capital that only begins a
    sentence (or a line, or follows a label's colon) is left off when the word is an
    ordinary one ("Last Tuesday" is no name), and weekdays, months and speaker words
    at either end.  A run whose every word is a candidate alone ("Rosa Hale") is
    left to those words.
    """
    ordinary = ordinary_words()
    found = []
    for match in _NAME_RUN.finditer(text):
        words = [(match.start() + m.start(), m.group()) for m in _WORD.finditer(match.group())]
        while words and words[0][1].lower() in _NEVER_CANDIDATES:
            words.pop(0)
        if words and re.split(r"['’]", words[0][1].lower())[0] in ordinary and _starts_sentence(text, words[0][0]):
            words.pop(0)
        while words and words[-1][1].lower() in _NEVER_CANDIDATES:
            words.pop()
        if len(words) < 2 or all(is_candidate(word) for _, word in words):
            continue
        start, last = words[0][0], words[-1]
        end = last[0] + len(last[1])
        phrase = text[start:end]
        for possessive in ("'s", "’s"):
            if phrase.endswith(possessive):
                phrase, end = phrase[: -len(possessive)], end - len(possessive)
        found.append((start, end, phrase))
    return found


def _starts_sentence(text: str, position: int) -> bool:
    """Whether a word at ``position`` opens a sentence, a line, a heading or what follows a label's colon."""
    before = text[:position].rstrip(" \t#*>\"'“‘(-–")
    return not before or before[-1] in ".!?:;]\n"  # "]": after a transcriber's mark ("[laughs] That's Dad")


def numbers(text: str) -> list[tuple[int, int, str]]:
    """Runs of five or more digits (perhaps with spaces) that no pattern claimed: account, NHS or case numbers."""
    return [(m.start(), m.end(), m.group()) for m in _NUMBER.finditer(text) if sum(c.isdigit() for c in m.group()) >= 5]
