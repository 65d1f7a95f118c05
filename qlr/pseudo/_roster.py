"""Who and what is identifying: entities from the roster, a user's list and the review, and their pseudonyms."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import PseudonymisationError
from ..io._segment import joint_parts

#: Kinds of identifier found by a pattern, and the placeholder word of each.
PATTERN_LABELS = {
    "email": "Email",
    "phone": "Phone",
    "postcode": "Postcode",
    "date_of_birth": "Date of birth",
    "street": "Street",
    "web_address": "Web address",
    "handle": "Handle",
}

#: Placeholder words of the other kinds (people take their role instead).
KIND_LABELS = {"organisation": "Organisation", "group": "Group", "place": "Place", "name": "Name", "number": "Number", **PATTERN_LABELS}

#: Kinds lettered ([Organisation A]) rather than numbered ([Carer 3]).
LETTERED = frozenset({"organisation", "group", "place"})


@dataclass
class Entity:
    """One real person, place, organisation or other identifier, with every form it takes in the data."""

    entity_id: str
    kind: str
    role: str = ""
    #: (term as written, part) pairs: part is "full", "first", "last", "alias" or "initials" (a speaker label).
    terms: list[tuple[str, str]] = field(default_factory=list)
    gender: str = ""
    culture: str = ""
    rule: str = "roster"
    approved_by: str = ""
    #: The case this person is (a roster row's ``case_id``), "" for anyone else.
    case_id: str = ""


def _text(value: Any) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value).strip()


def _aliases(value: Any) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in value.split(";") if a.strip()]
    if isinstance(value, (list, tuple)):
        return [_text(a) for a in value if _text(a)]
    return []


def is_generic(term: str) -> bool:
    """A reference such as "the council" or "social care": lower-case words only, so no proper name.

    A script without capitals (Arabic, Hebrew, Chinese) cannot mark a proper name so: a term
    with no cased letter is a name ("نادية حداد", "李明").
    """
    return term == term.lower() and any(character != character.upper() for character in term)


#: A case id that is a code, not a name: one or two letters, an upper-case abbreviation or a role word, then
#: a number ("C01", "ID_12", "FG2", "participant_07"); "Ann2" may be a name and is not taken for a code.
_CASE_CODE = re.compile(
    r"(?:[A-Za-z]{1,2}|[A-Z]{3,4}|(?i:participant|respondent|interviewee|informant|case|person|subject|family|household|pupil|student|patient|user|carer|member))[ _-]?\d+[A-Za-z]?"
)
#: Titles before a first name ("Dr Ann Baker"): no part of the name said alone.
_TITLES = frozenset("dr dr. mr mr. mrs mrs. ms ms. miss mx prof prof. sir dame rev rev. cllr lord lady".split())
#: What follows a surname and is no part of it ("Nadia Haddad, Jr.", "Ann Baker PhD").
_NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d. md obe mbe esq esq.".split())


def _name_words(name: str) -> list[str]:
    """A full name's words, without a title before them ("Dr") or a suffix after ("Jr.", "PhD") when more remain."""
    words = [word.strip(",") for word in name.split()]
    words = [word for word in words if word]
    while len(words) > 2 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    while len(words) > 2 and words[0].lower() in _TITLES:
        words.pop(0)
    return words


def _name_parts(name: str) -> list[tuple[str, str]]:
    """A person's first and last names as they may be said alone, from a full name.

    Only capitalised words (or words of a script without capitals) are names: a
    case label "Teacher one" gives "Teacher", never "one". A suffix after the surname
    ("Jr.", "PhD") is skipped.
    """
    words = _name_words(name)
    parts = [(words[0], "first"), (words[-1], "last")] if len(words) > 1 else []
    # A title is no first name ("Dr Patel"), a suffix no last name; "Emma Lord"'s surname is a name.
    unnamed = {"first": _TITLES, "last": _NAME_SUFFIXES}
    return [(word, part) for word, part in parts if not is_generic(word) and word.lower() not in unnamed[part]]


def initials(name: str) -> str:
    """A person's initials as a transcript writes them for a speaker ("Priti Kaur" → "PK"), or "" for a one-word name.

    The first letter of each capitalised word, titles and suffixes left out ("Dr Ann Baker PhD" → "AB").
    """
    letters = "".join(word[0] for word in _name_words(name) if word[0].isupper())
    return letters if len(letters) >= 2 else ""


def add_initials(entities: list[Entity], labels: Iterable[str]) -> list[str]:
    """Give each speaker label that is one roster person's initials to that person (part ``initials``, in place).

    Returns the labels no one's initials explain (or two people's), for the review queue.
    """
    owners: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.kind == "person" and entity.terms:
            letters = initials(entity.terms[0][0])
            if letters:
                owners.setdefault(letters, []).append(entity)
    known = {term for entity in entities for term, _ in entity.terms}
    unexplained = []
    for label in sorted(set(labels) - known):
        people = owners.get(label, [])
        if len(people) == 1:
            people[0].terms.append((label, "initials"))
        else:
            unexplained.append(label)
    return unexplained


def roster_entities(roster: pd.DataFrame, *, cases: pd.DataFrame | None = None, identifying: Iterable[str] = ()) -> list[Entity]:
    """One entity per roster row (name, aliases, and for people their first and last names).

    A declared name or alias that names two rows is refused: it cannot be given
    one pseudonym.  A first or last name taken from two people's full names is
    kept apart as an ambiguous name (it is replaced, by a placeholder of its own).
    """
    if "name" not in roster.columns:
        raise PseudonymisationError("the roster has no 'name' column", hint="give a table with columns name, and optionally kind, role, aliases, gender, culture")
    keep = set(identifying)
    people = cases.set_index("case_id") if cases is not None and "case_id" in cases.columns else None
    entities: list[Entity] = []
    declared: dict[str, str] = {}
    derived: dict[str, set[str]] = {}
    for number, row in enumerate(roster.to_dict("records")):
        name = _text(row.get("name"))
        if not name:
            continue
        entity_id = _text(row.get("actor_id")) or _text(row.get("id")) or f"roster_{number + 1}"
        kind = _text(row.get("kind")) or "person"
        if _CASE_CODE.fullmatch(name) and name in (_text(row.get("case_id")), _text(row.get("case_id")).rpartition(":")[2]):
            # A case without a label goes by its id ("C01", "P03"): a code, not a name to replace; in a pooled study too,
            # where the id is under its study's key ("ftc:FAM01", labelled "FAM01").
            continue

        entity = Entity(entity_id, kind, role=_text(row.get("role")), gender=_text(row.get("gender")).lower(), culture=_text(row.get("culture")))
        case_id = _text(row.get("case_id"))
        entity.case_id = case_id if kind == "person" else ""
        if people is not None and case_id in people.index:
            for attribute in ("gender", "culture"):
                if not getattr(entity, attribute) and attribute in people.columns:
                    setattr(entity, attribute, _text(people.at[case_id, attribute]).lower() if attribute == "gender" else _text(people.at[case_id, attribute]))
        terms = [(name, "full")] + [(a, "alias") for a in _aliases(row.get("aliases")) if not is_generic(a) or a in keep]
        for term, _part in terms:
            other = declared.setdefault(term, entity_id)
            if other != entity_id:
                raise PseudonymisationError(
                    f"the roster gives {term!r} to both {other!r} and {entity_id!r}",
                    hint="one name or alias can stand for one person or place only: remove it from one of them, or give each a distinct alias",
                )
        if kind == "person" and " " in name:
            for term, part in _name_parts(name):
                derived.setdefault(term, set()).add(entity_id)
                terms.append((term, part))
        entity.terms = list(dict.fromkeys(terms))
        entities.append(entity)
    # A first or last name two people share (and that no one declared) is ambiguous:
    # it cannot take either person's pseudonym, yet it must not stay.
    ambiguous = {term for term, owners in derived.items() if len(owners) > 1 and term not in declared}
    for entity in entities:
        entity.terms = [(t, p) for t, p in entity.terms if p in ("full", "alias") or (t not in ambiguous and declared.get(t, entity.entity_id) == entity.entity_id)]
    entities += [Entity(f"ambiguous:{term}", "name", terms=[(term, "full")], rule="shared first or last name") for term in sorted(ambiguous)]
    return entities


#: Words a transcript labels a speaker with that say how they are related or what they do, not who they are
#: ("Mum:", "Both:", "Chair:", "Treasurer:"): a label holding one is no one's name, though ``speakers:`` gives it a case.
_RELATION_LABELS = frozenset(
    "mum mom mam mother dad father parent nan nana gran granny grandma grandad grandpa husband wife partner son daughter "
    "brother sister child carer participant respondent interviewee member speaker voice both all everyone "
    # offices and jobs a group's or service's member is labelled by
    "chair chairperson chairman chairwoman co-chair vice president secretary treasurer convenor convener organiser "
    "organizer coordinator co-ordinator manager director officer staff worker volunteer trustee governor warden "
    "caretaker cleaner nurse doctor teacher tutor trainer lecturer student pupil head headteacher councillor mayor "
    "vicar priest imam rabbi minister pastor coach steward receptionist administrator mentor advocate lead leader "
    "host guest visitor neighbour friend colleague supervisor assistant helper clerk observer facilitator moderator "
    "interviewer researcher translator interpreter".split()
)


def add_speaker_aliases(entities: list[Entity], attributed: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Give each speaker label the study attributes to a case (``meta["speaker_cases"]``) to that case's person (in place).

    A label the researcher mapped to a case (``speakers: {Del: C03}``) names that person, though the roster
    may not know it ("Del" for Derek Moss): it takes the person's pseudonym everywhere, as an alias does.
    Left out, as no one person's name: a label holding a digit (a diarised voice, "Speaker 2"), one all in
    lower case, one holding a word of kinship, office or role (``_RELATION_LABELS``: "Mum", "Both", "Chair",
    "Treasurer", which stay ordinary words in every text), a joint voice's ("Sam and Yaw", though only Yaw is a
    case: Sam's name is not Yaw's), and one two cases are given.

    Returns the labels given, as ``"label → entity id"``.
    """
    people = {entity.case_id: entity for entity in entities if entity.kind == "person" and entity.case_id}
    known = {term for entity in entities for term, _ in entity.terms}
    cases_of: dict[str, set[str]] = {}
    for labels in attributed.values():
        for label, case in (labels or {}).items():
            if not isinstance(case, list):  # a joint voice ("Ana and Yaw") is no one person's name
                cases_of.setdefault(_text(label), set()).add(_text(case))
    given = []
    for label, cases in sorted(cases_of.items()):
        words = label.lower().split()
        if len(cases) != 1 or label in known or not words or any(ch.isdigit() for ch in label) or is_generic(label):
            continue
        if any(word.strip(".,()") in _RELATION_LABELS for word in words) or label in cases or joint_parts(label):
            continue
        entity = people.get(next(iter(cases)))
        if entity is not None:
            entity.terms.append((label, "alias"))
            given.append(f"{label} → {entity.entity_id}")
    return given


def places_in_names(entities: list[Entity], *, ordinary: frozenset[str]) -> list[Entity]:
    """Places that organisations' names share: a capitalised first word two or more of them begin with ("Eastbrook")."""
    starts: dict[str, int] = {}
    for entity in entities:
        if entity.kind != "person":
            words = entity.terms[0][0].split() if entity.terms else []
            if len(words) > 1 and words[0][:1].isupper() and words[0].lower() not in ordinary:
                starts[words[0]] = starts.get(words[0], 0) + 1
    known = {t for e in entities for t, _ in e.terms}
    return [Entity(f"place:{word}", "place", terms=[(word, "full")], rule="place in organisations' names") for word, n in sorted(starts.items()) if n > 1 and word not in known]


def extra_entities(extra: Iterable[str] | Mapping[str, str] | None, *, known: set[str]) -> list[Entity]:
    """The user's own identifiers: a list of terms, or a mapping of term → kind."""
    if extra is None:
        return []
    items = extra.items() if isinstance(extra, Mapping) else ((term, "name") for term in extra)
    found = []
    for term, kind in items:
        term = _text(term)
        if term and term not in known:
            found.append(Entity(f"extra:{term}", _text(kind) or "name", terms=[(term, "full")], rule="user's list"))
            known.add(term)
    return found


def _label(entity: Entity) -> str:
    if entity.kind == "person":
        role = entity.role.replace("_", " ").strip() or "person"
        return "Family member" if role == "family" else role[:1].upper() + role[1:]
    return KIND_LABELS.get(entity.kind, entity.kind.replace("_", " ").capitalize())


def _letters(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


_PLACEHOLDER = re.compile(r"^\[(.+) (\d+|[A-Z]+)\]$")


def placeholders(entities: list[Entity], *, taken: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """``[Carer 3]``, ``[Organisation A]``: one per entity, numbered within its label in roster order.

    ``taken`` (entity id → part → pseudonym, from an earlier key) is kept, and new
    entities continue its numbering.
    """
    counters: dict[str, int] = {}
    for given in taken.values():
        for value in given.values():
            match = _PLACEHOLDER.match(value)
            if match:
                number = match.group(2)
                rank = int(number) if number.isdigit() else sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(number)))
                counters[match.group(1)] = max(counters.get(match.group(1), 0), rank)
    out: dict[str, dict[str, str]] = {}
    for entity in entities:
        if entity.entity_id in taken:
            out[entity.entity_id] = dict(taken[entity.entity_id])
            continue
        label = _label(entity)
        counters[label] = counters.get(label, 0) + 1
        mark = _letters(counters[label]) if entity.kind in LETTERED else str(counters[label])
        out[entity.entity_id] = {part: f"[{label} {mark}]" for part in ("full", "first", "last", "alias")}
    return _with_initials(entities, out, realistic=False)


def _with_initials(entities: list[Entity], names: dict[str, dict[str, str]], *, realistic: bool) -> dict[str, dict[str, str]]:
    """An ``initials`` pseudonym for each person whose initials label a speaker (an earlier key's is kept).

    A placeholder stands for the initials whole ("PK:" → "[Member 3]:", as a name in
    capitals does); a made-up name gives its own initials ("Anna Lee" → "AL").
    """
    for entity in entities:
        if any(part == "initials" for _, part in entity.terms) and "initials" not in names[entity.entity_id]:
            full = names[entity.entity_id]["full"]
            names[entity.entity_id]["initials"] = (initials(full) or full) if realistic else full
    return names


def _faker(seed: Any, entity: Entity) -> Any:
    try:
        from faker import Faker
    except ImportError:  # pragma: no cover - faker is in the test extra
        raise PseudonymisationError("style='realistic' needs the Faker package", hint="pip install 'qlr[pseudo]', or use style='placeholder'") from None
    try:
        fake = Faker(entity.culture or "en_GB")
    except AttributeError:
        raise PseudonymisationError(f"{entity.entity_id!r} has culture {entity.culture!r}, which Faker does not know", hint="give a Faker locale such as 'en_GB', 'fr_FR' or 'hi_IN'") from None
    # Each entity's generator is seeded from the seed and its own id, so adding a
    # person to the roster leaves everyone else's pseudonym as it was.
    fake.seed_instance(int.from_bytes(hashlib.sha256(f"{seed}\0{entity.entity_id}".encode()).digest()[:8], "big"))
    return fake


def realistic(entities: list[Entity], *, seed: Any, taken: Mapping[str, Mapping[str, str]], avoid: set[str]) -> dict[str, dict[str, str]]:
    """Names from Faker, seeded per entity, matched to the roster's gender and culture; never a real name of the roster."""
    out: dict[str, dict[str, str]] = {}
    used = {v for given in taken.values() for v in given.values()}
    # No word of a real name may appear in a made-up one ("Grant & Shaw Ltd" would name two people).
    real_words = {w for term in avoid for w in re.findall(r"\w+", term) if len(w) > 2}
    for entity in entities:
        if entity.entity_id in taken:
            out[entity.entity_id] = dict(taken[entity.entity_id])
            continue
        fake = _faker(seed, entity)
        for _attempt in range(50):
            names = _fake_names(fake, entity)
            if names["full"] not in used and not set(re.findall(r"\w+", names["full"])) & real_words:
                break
        used.update(names.values())
        out[entity.entity_id] = names
    return _with_initials(entities, out, realistic=True)


def _fake_names(fake: Any, entity: Entity) -> dict[str, str]:
    if entity.kind == "person":
        first = {"female": fake.first_name_female, "male": fake.first_name_male}.get(entity.gender, fake.first_name)()
        last = fake.last_name()
        return {"full": f"{first} {last}", "first": first, "last": last, "alias": first}
    maker = {
        "organisation": fake.company,
        "group": lambda: f"{fake.last_name()} Group",
        "place": fake.city,
        "email": fake.email,
        "phone": fake.phone_number,
        "postcode": fake.postcode,
        "date_of_birth": lambda: fake.date_of_birth().strftime("%d/%m/%Y"),
        "street": fake.street_name,
        "web_address": fake.domain_name,
        "handle": lambda: "@" + fake.user_name(),
    }.get(entity.kind, fake.last_name)
    value = maker()
    return dict.fromkeys(("full", "first", "last", "alias"), value)
