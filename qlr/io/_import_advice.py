"""What an imported project lacks that a study needs (cases), and the options that give it: said once, as it is read."""

from __future__ import annotations

from typing import Any

from .._warned import warn
from ..errors import QlrWarning

#: The patterns that read case and wave from sources named {case}_{wave}, with or without a _{kind} or an extension
#: after (qc names its sources after their files).
CONVENTION_PATTERNS = {"case": "^(?P<case>[^_]+)_", "wave": "^[^_]+_(?P<wave>[^_.]+)"}


def convention_options(names: list[str]) -> str | None:
    """The --case and --wave options that read every one of ``names`` as name_parts does, or None where one does not.

    Checked against the names before it is suggested: advice that matches none of them sends the user back empty-handed.
    """
    import re
    from pathlib import Path

    from ._naming import name_parts

    for name in names:
        parts = name_parts(Path(name))
        if not parts or not parts.get("case"):
            return None
        for key, pattern in CONVENTION_PATTERNS.items():
            found = re.search(pattern, name)
            if found is None or found[key] != parts.get(key):
                return None
    return " ".join(f"--{key} 'pattern:{pattern}'" for key, pattern in CONVENTION_PATTERNS.items())


def person_groups(sets: list[dict]) -> tuple[str, list[str]] | None:
    """The ``--case 'set:…'`` option that reads a person from document groups named ``Prefix: Name`` ("Tenant: Adaeze"),
    where at least two groups of one prefix hold sources and no source is in two of them, and those groups' names;
    None where none do.

    Examples
    --------
    >>> groups = [{"name": "Wave 1", "sources": ["a", "b"]}, {"name": "Tenant: Ann", "sources": ["a"]}, {"name": "Tenant: Bo", "sources": ["b"]}]
    >>> person_groups(groups)
    ("--case 'set:^Tenant: *(?P<case>.+)'", ['Tenant: Ann', 'Tenant: Bo'])
    >>> person_groups([{"name": "Wave 1", "sources": ["a"]}]) is None
    True
    """
    import re

    by_prefix: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    for entry in sets:
        head, colon, rest = str(entry.get("name") or "").partition(":")
        if colon and head.strip() and rest.strip() and entry.get("sources"):
            by_prefix.setdefault(head, []).extend(entry["sources"])
            groups.setdefault(head, []).append(str(entry["name"]))
    heads = [head for head, members in by_prefix.items() if len(groups[head]) >= 2 and len(members) == len(set(members))]
    if not heads:
        return None
    head = max(heads, key=lambda name: len(groups[name]))  # one group per person: the prefix with the most groups
    return f"--case 'set:^{re.escape(head)}: *(?P<case>.+)'", groups[head]


# A placeholder such as "(?P<case>...)" is itself a working pattern ("..." is any three characters) and, copied as
# printed, silently merges sources into made-up cases; the advice gives a pattern that works as it stands instead.
_EACH_SOURCE = (
    "with --case 'pattern:(?P<case>.+)' to make each source its own case, or with a regular expression whose group "
    "'case' is the part of each source's name that names the person (as --case 'pattern:^(?P<case>P[0-9]+)_' for P01_W1)"
)


def warn_without_cases(study: Any, where: object) -> None:
    """Warn (a :class:`~qlr.errors.QlrWarning`) that an imported ``study`` has no cases, with the options that give it some.

    Without cases nothing can be followed over time. Every importer says so as it reads (``read_qdpx`` and the readers
    of a tool's own files, through one importer), so a notebook user is told as ``qlr import`` is; the options are
    those that apply to the project's names, groups or variables where they tell, given as ``qlr import`` options and
    as the same keyword arguments in Python.
    """
    if study.cases.empty and len(study.documents):
        imported = study.meta.get("import") or {}
        # --case 'pattern:…' reads the sources' names as another tool wrote them ("Adaeze 2023.docx"), not the document
        # ids qlr made of them ("Adaeze_2023.docx"): the advice is checked against those names (qlr names its own by id).
        by_tool = imported and "source" in study.documents and not str(imported.get("origin") or "").startswith("qlr")
        named = study.documents["source"] if by_tool else study.documents["doc_id"]
        names = [str(name) for name in named]
        options = convention_options(names)
        kept = imported.get("source_values") or {}
        held = sorted({str(name) for values in kept.values() if isinstance(values, dict) for name in values})
        sets = [entry for entry in imported.get("sets") or [] if entry.get("sources")]
        groups = person_groups(sets)
        how = (
            f"its sources are named {{case}}_{{wave}} (as {names[0]}): import again with {options}"
            if options
            # ATLAS.ti keeps the person in a document group ("Tenant: Adaeze"): the case is read from the groups' names.
            else f"its document groups name the people ({', '.join(map(repr, groups[1][:3]))}{' …' if len(groups[1]) > 3 else ''}): import again with {groups[0]}"
            if groups
            # MAXQDA keeps the person in a document variable ("Participant"): the case is read from it.
            else f"if one of the sources' variables ({', '.join(map(repr, held[:10]))}) names the person, import again with --case 'variable:NAME'; "
            f"otherwise {_EACH_SOURCE}"
            if held
            else f"import again {_EACH_SOURCE}"
            + (
                f", or --case 'set:REGEX' matching the document groups (Sets) that are people, if it keeps one per person "
                f"(its {len(sets)}: {', '.join(repr(entry['name']) for entry in sets[:4])}{' …' if len(sets) > 4 else ''})"
                if sets
                else ""
            )
        )
        warn(
            f"{where}: the project has no cases, so matrices, placements and the report have no one to follow (qlr report "
            f"refuses); {how} (in Python the same rules as the reader's keyword arguments: case='pattern:…', and so on)",
            QlrWarning,
        )


def mostly_unlabelled(study: Any) -> list[str]:
    """The conversations (interviews, focus groups…) of ``study`` most of whose text is in no speaker's turn, by id.

    Their words are all read as the participant's, questions included: an imported source that is not an interview
    (a document, comments) needs ``kind=``, an interview whose labels were not read needs ``speakers=``.
    Text of no one's after a labelled turn is not counted: the reading set it aside and said so (a project's
    questions and answers under the interview, a heading, a recording's end).
    """
    from ._segment import CONVERSATIONS

    segments = study.segments
    if segments.empty:
        return []
    length = (segments["end"] - segments["start"]).astype("float64")
    # A passage of no one's after a labelled turn was set aside by the reading, which said so as it read (a FAQ
    # pasted under the interview, a heading, a tape's end): accounted for, not text whose labels went unread. What
    # comes before the first label (or a file with none) is what this counts.
    first_label = segments["start"].where(segments["speaker"].notna()).groupby(segments["doc_id"]).transform("min")
    before_labels = first_label.isna() | (segments["start"] < first_label)
    unlabelled = length.where(segments["speaker"].isna() & before_labels, 0.0).groupby(segments["doc_id"]).sum()
    total = length.groupby(segments["doc_id"]).sum()
    conversations = study.documents.loc[study.documents["kind"].isin(CONVERSATIONS), "doc_id"]
    return [doc_id for doc_id in conversations if total.get(doc_id, 0) and unlabelled.get(doc_id, 0) > total[doc_id] / 2]


def warn_mostly_unlabelled(study: Any, where: object) -> None:
    """Warn (a :class:`~qlr.errors.NoInterviewerWarning`) of an imported ``study``'s sources read as interviews that are
    mostly in no speaker's turn (:func:`mostly_unlabelled`), naming up to five, with the import options that fix it."""
    from ..errors import NoInterviewerWarning
    from ._qdpx_read import _listed
    from ._segment import NAMED_AT_MOST

    found = mostly_unlabelled(study)
    if not found:
        return
    more = ": `qlr info` lists them all" if len(found) > NAMED_AT_MOST else ""
    warn(
        f"{where}: {len(found)} source(s) read as interviews have no speaker label for most of their text, so all their "
        f"words count as the participant's: {_listed(found, NAMED_AT_MOST)}{more}. Fix: if they are not interviews, import "
        "again with kind='document' (every source), kind='pattern:(?P<kind>…)' or kind={SOURCE: 'document'} (qlr import "
        "--kind document, --kind 'pattern:…' or --kind kinds.csv); if they are, name their speakers with "
        "speakers={LABEL: ROLE} (--speaker LABEL=ROLE)",
        NoInterviewerWarning,
    )
