"""``qlr.load``: a study folder (with or without ``study.yaml``) or a file → Study.

The manifest format is documented in ``docs/study-folder.md``; in short::

    name: Carers into work
    waves:    [{id: W1, label: Wave 1, start: 2024-03-01, end: 2024-04-30}, …]
    roles:    {employer: {waves: [W1, W3]}}            # design: who is seen when
    cases:    [{id: C01, label: Asha, role: carer, attributes: {…}, per_wave: {W1: {…}}}, …]
    speakers: {Rachel: interviewer, Sam: interviewer}    # labels beyond the defaults
    documents:
      - path: interviews/*.txt                           # {case}_{wave}_{kind}.ext
      - {path: notes/W1_fieldnotes.md, kind: observation, wave: W1, observer: Sam}
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from natsort import natsorted

from .._warned import keep_warnings, noting_warnings
from .._words import english_words, first_few
from ..errors import ManifestError, QlrError, SourceNotFoundError
from ._build import COPY_WORDS, _build
from ._manifest import (
    MANIFEST_NAMES,
    MANIFEST_SUFFIXES,
    _compile_pattern,
    _plan_from_manifest,
    entries_of_files,
    named_manifest,
)
from ._naming import (
    _DESCRIBED,
    _GUIDE_WORDS,
    _JOINING_WORDS,
    _KIND_IN_NAME,
    _NOT_A_CASE,
    _RECORD_WORDS,
    _SUMMARY_WORDS,
    DEFAULT_NAMING,
    IMAGES,
    _first_line,
    _folder_kind,
    _one_spelling,
    _plan_from_names,
    _plan_single_file,
    _text_of,
    _waves_from_dates,
    date_in_name,
    document_stem,
    field_notes_at,
    files_not_read,
    guide_in_words,
    is_accession,
    kind_in_words,
    name_parts,
    photo_word,
    readable_files,
    record_accessions,
    titled_guide,
)
from ._plan import _DocSpec
from ._sections import (
    _FIRST_WAVE,
    _FOLLOW_UP,
    _LAST_WAVE,
    _WAVE_IN_NAME,
    lone_month,
    order_waves,
    round_the_year,
    wave_of_day,
)
from ._tabular import template_options

__all__ = ["load", "MANIFEST_NAMES", "DEFAULT_NAMING", "manifest_template"]


# ------------------------------------------------------------------ public entry
def load(
    path: str | Path,
    *,
    speaker_pattern: str | None = None,
    allow_outside: bool = False,
    progress: bool | None = None,
) -> Any:
    """Load a study from a folder or a single file.

    Parameters
    ----------
    path : str or Path
        A folder holding ``study.yaml``; a ``study.yaml`` file, or a manifest under
        another name (``study_rp.yaml``: any ``.yaml`` or ``.yml`` file that lists
        ``documents:``, ``cases:``, ``waves:``…, its folder the study's); a folder without a
        manifest whose files are named ``{case}_{wave}_{kind}.ext`` (cases and waves
        are then inferred, and ``study.meta["inferred"]`` says what was guessed);
        or one document file.
    speaker_pattern : str, optional
        A regular expression for a house style of speaker labels, with a named
        group ``speaker`` (and optionally ``time``); it is tried before the
        built-in conventions.  Overrides the manifest's
        ``segmentation.speaker_pattern``.
    allow_outside : bool
        Read documents, codings files and attributes tables that lie outside the study folder (a
        ``../`` path, an absolute path, a symbolic link pointing out).  Off by
        default: a study folder received from someone else must not make qlr read
        other files on your disk.  Only the person running qlr can allow it (never
        the manifest); the files read from outside are listed in
        ``study.meta["outside"]`` and by ``qlr info``.
    progress : bool, optional
        Show a progress bar; by default only on a terminal.

    Returns
    -------
    Study

    Raises
    ------
    ManifestNotFoundError
        The folder has no manifest and its files do not follow the naming convention.
    ManifestError
        The manifest is invalid (its subclasses name the problem: YAML syntax,
        undeclared case or wave, duplicate id).
    SourceNotFoundError
        A file the manifest lists does not exist.
    DecodingError, DocumentFormatError
        A document cannot be read.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> study.attrition().loc["C08", ["W1", "W2", "W3"]].tolist()
    ['present', 'missed', 'present']
    """
    source = Path(path)
    # Each qlr warning loading gives (planning included) is kept for the report, and given again at the
    # caller's line.
    with noting_warnings() as warned:
        if not source.exists():
            raise SourceNotFoundError(
                "no such file or folder", path=source, hint="check the path (it is relative to the current folder)"
            )
        # A manifest named explicitly: study.yaml, or any .yaml/.yml that is one (study_rp.yaml), its folder the study's.
        as_manifest = source.is_file() and (source.name in MANIFEST_NAMES or source.suffix.lower() in MANIFEST_SUFFIXES)
        if as_manifest:
            plan = _plan_from_manifest(source, None if source.name in MANIFEST_NAMES else named_manifest(source))
        elif source.is_dir():
            manifest = next((source / n for n in MANIFEST_NAMES if (source / n).is_file()), None)
            plan = _plan_from_manifest(manifest) if manifest else _plan_of_deposit(source) or _plan_from_names(source)
        else:
            plan = _plan_single_file(source)
        if speaker_pattern is not None:
            plan.patterns = [_compile_pattern(speaker_pattern, None, None)]
        outside = _outside_the_folder(plan, single=source.is_file() and not as_manifest)
        if outside and not allow_outside:
            where, line = outside[0][1], outside[0][2]
            raise ManifestError(
                f"{len(outside)} file(s) lie outside the study folder {plan.root} (first: {outside[0][0]})",
                path=where,
                line=line,
                hint="move them into the folder; if you trust this study, load(..., allow_outside=True) or qlr --allow-outside",
            )
        study = _build(plan, progress)
    keep_warnings(study, "load", warned)
    if outside:
        study.meta["outside"] = [str(file) for file, _, _ in outside]
    return study


def _plan_of_deposit(folder: Path) -> Any:
    """A folder qlr's deposit wrote, with no ``study.yaml``: planned as its template reads it (its data lists, and what
    ``project.qdpx`` keeps of names, dates and planned waves), so that a wave no document is of and each case's absences
    stay, as the lists hold them; None for any other folder."""
    from .._yaml import with_lines

    if not any(folder.glob("data_list_*.csv")):
        return None  # the names qlr's deposit gives its lists: no other folder's tables are read for this
    read = _through_data_lists(folder, own=True)
    if read is None:
        return None
    plan = _plan_from_manifest(folder / MANIFEST_NAMES[0], with_lines(read.manifest))
    plan.manifest = None  # no study.yaml was read: the lists and project.qdpx were
    plan.project = read.kept  # its codings come back on the documents the lists read (:func:`._build._codings_of_project`)
    plan.inferred[:0] = [
        f"no study.yaml: read as qlr's deposit, through its data lists ({', '.join(listed.shown for listed in read.lists)});"
        " `qlr info --template` on the folder writes this reading as a study.yaml to keep",
        *(line.removeprefix("# ").strip() for line in read.project.splitlines()),
    ]
    return plan


def _outside_the_folder(plan: Any, *, single: bool) -> list[tuple[Path, Path | None, int | None]]:
    """Files the plan would read (documents, ``codings:`` files, ``attributes:`` tables) that resolve (symbolic links
    followed) outside the study folder."""
    if single:
        return []
    root = plan.root.resolve()
    found = []
    tables = ((file, line) for file, line, _ in plan.attribute_tables)
    for file, line in [*((doc.path, doc.line) for doc in plan.docs), *plan.codings, *tables]:
        if not Path(file).resolve().is_relative_to(root):
            found.append((Path(file), plan.manifest, line))
    return found


def _speakers_header(unsaid: int) -> str:
    """What a template says of its ``speakers:``, in either kind of template; ``unsaid``: the participants' labels left out."""
    left = (
        f"# {unsaid} label(s) read as participants without anyone saying so are left out (study.yaml\n"
        "# travels with the study, and these are often names; `qlr info` lists every label): add one to change its role.\n"
        if unsaid
        else ""
    )
    return (
        "# Speakers: the labels whose role needs saying, with the role each was given (interviewer\n"
        "# where someone asks most of the questions); correct the roles. A diarisation tool's numbered voices\n"
        "# (SPEAKER_00, Speaker 1) are someone else in each file: each document's own speakers: has them.\n" + left
    )


def manifest_template(study: Any) -> str:
    """A ``study.yaml`` that states what qlr inferred for ``study``, to edit and keep.

    Parameters
    ----------
    study : Study
        A study loaded without a manifest (or with one: the template restates it).

    Returns
    -------
    str
        The manifest's YAML text.

    Examples
    --------
    >>> import qlr
    >>> text = qlr.io.manifest_template(sample)  # sample = qlr.load("data/sample")
    >>> print(text.splitlines()[0])
    # study.yaml: written by `qlr info --template`; edit, then keep it beside the files.
    >>> "- id: W1" in text
    True
    """
    import yaml

    data: dict[str, Any] = {"name": study.name, "waves": [], "cases": [], "documents": []}
    for wave in study.waves.itertuples():
        item: dict[str, Any] = {"id": wave.wave_id, "label": wave.label}
        # A wave with no dates spans its documents' dates (a name's, a record's, a header's) where every one is dated.
        days = study.documents.loc[study.documents["wave_id"] == wave.wave_id, "date"]
        start, end = wave.start, wave.end
        if pd.isna(start) and pd.isna(end) and len(days) and days.notna().all():
            start, end = days.min(), days.max()
        if not pd.isna(start):
            item["start"] = str(start)[:10]
        if not pd.isna(end):
            item["end"] = str(end)[:10]
        data["waves"].append(item)
    recorded = _record_names(list(study.documents["case_id"]), [row for _, row in study.documents.iterrows()])
    for case in study.cases.itertuples():
        # A case named only by its id gets the name its records give ("duarte": Ronald Duarte).
        label = recorded.get(case.case_id, case.label) if case.label == case.case_id else case.label
        data["cases"].append({"id": case.case_id, "label": label, "role": case.role if not pd.isna(case.role) else "participant"})
    speakers, own_speakers, unsaid = _speakers_entry(study)
    if speakers:
        data["speakers"] = speakers
    from ._naming import DEFAULT_REGEX, _match_name
    from ._segment import canonical_kind, strategy_for

    root = Path(str(study.meta.get("root") or "."))
    # A study loaded with a manifest: each document's entry as written, every key of it kept (text_column, observer, …).
    given = entries_of_files(Path(str(study.meta["manifest"]))) if study.meta.get("manifest") else {}

    def keeping(entry: dict[str, Any], source: str) -> dict[str, Any]:
        """``entry`` with the column of words a table's template reads, then every key its manifest entry gave."""
        entry.update(template_options(root / source))
        for key, value in given.get(source, {}).items():
            if key == "speakers" and isinstance(value, Mapping):
                entry["speakers"] = {**entry.get("speakers", {}), **value}
            elif key != "path":
                entry[key] = value
        return entry

    sourced = study.documents.dropna(subset=["source"])
    folders = natsorted({str(Path(s).parent.as_posix()) for s in sourced["source"]})
    for folder in folders:
        here = sourced[[Path(s).parent.as_posix() == folder for s in sourced["source"]]]
        # A glob re-reads case, wave and kind from {case}_{wave}_{kind} names: only where they say what
        # the study holds (not waves inferred from dates, "W1_fieldnotes", a report), else one entry per file.
        said = [_match_name(Path(s), DEFAULT_REGEX) or {} for s in here["source"]]  # what a manifest's glob reads
        waves, cases = here["wave_id"].astype(object).fillna(""), here["case_id"].astype(object).fillna("")
        # And the kind: "Rose_W2_photo1.txt" is read as a caption, a document, where a glob would read a kind "photo1".
        kinds = [canonical_kind(parts.get("kind") or "interview") == kind for parts, kind in zip(said, here["kind"])]
        if all(parts.get("wave") == wave and parts.get("case", case) == case for parts, wave, case in zip(said, waves, cases)) and all(kinds):
            # A document whose labels have roles of their own, or whose entry says more than its name (a table's column
            # of words, an observer), is listed before the glob, which takes the rest.
            for source in map(str, here["source"]):
                entry = keeping({"path": source, **({"speakers": own_speakers[source]} if source in own_speakers else {})}, source)
                if len(entry) > 1:
                    data["documents"].append(entry)
            for suffix in natsorted({Path(s).suffix for s in here["source"]}):
                data["documents"].append({"path": f"{folder}/*{suffix}" if folder != "." else f"*{suffix}"})
            continue
        parted = Counter(here["source"])
        written: set[str] = set()
        for doc in here.itertuples():
            if parted[doc.source] > 1:
                # A file read as one document per wave (dated entries, or interviews under headings): one entry that
                # reads it so again, with the id its parts were made from ("fieldnotes" of "fieldnotes_W1").
                if doc.source not in written:
                    written.add(doc.source)
                    how = "dates" if strategy_for(doc.kind) == "entries" else "headings"
                    base = str(doc.doc_id).removesuffix(f"_{doc.wave_id}")
                    data["documents"].append(
                        keeping({"path": str(doc.source), "id": base, **({"case": doc.case_id} if not pd.isna(doc.case_id) else {}), "wave": how, "kind": doc.kind}, str(doc.source))
                    )
                continue
            entry: dict[str, Any] = {"path": str(doc.source), "id": doc.doc_id}
            entry.update({key: value for key, value in (("case", doc.case_id), ("wave", doc.wave_id), ("kind", doc.kind)) if not pd.isna(value)})
            if pd.isna(doc.wave_id) and not pd.isna(doc.case_id) and (_match_name(Path(str(doc.source)), DEFAULT_REGEX) or {}).get("wave"):
                # "Sam_reflective_diary.txt", read at no wave: its name would give it one. Dated entries are read each at
                # its wave once the waves have dates ('wave: dates'; loading says where they lack them).
                entry["wave"] = "dates" if strategy_for(doc.kind) == "entries" and _dated_entries(str(doc.text)) else None
            if not pd.isna(doc.date):
                entry["date"] = str(doc.date)[:10]
            if str(doc.source) in own_speakers:
                entry["speakers"] = own_speakers[str(doc.source)]
            data["documents"].append(keeping(entry, str(doc.source)))
    # Files a folder without a manifest did not load, their names following no convention ("documents/programme_plan.docx"):
    # listed as the study's, of the kind their names or folders say, so that the template lists every document.
    unnamed = [str(path) for path in study.meta.get("not_named") or ()]
    reports = [path for path in unnamed if _coding_report(root / path)]  # earlier coding, for a codings: entry
    reports += [str(path) for path in study.meta.get("coding_exports") or ()]  # a tool's table of coded passages, likewise
    charts = [str(path) for path in study.meta.get("framework_charts") or ()]  # a Framework analyst's charts, likewise
    unnamed = [path for path in unnamed if path not in reports]
    asides: list[dict[str, Any]] = []  # files at the top that nothing says are study material: a researcher's own notes?
    placed: dict[str, str] = {}  # what the header says of each such file's wave
    case_ids = {str(case["id"]).casefold(): case["id"] for case in data.get("cases") or ()}
    for path in unnamed:
        words = re.split(r"[\W_]+", Path(path).stem)
        kind = kind_in_words(words) or _folder_kind(root / path, root)
        if kind is None and Path(path).parent == Path("."):
            asides.append({"path": path, "kind": "document"})
            continue
        given, said = _unnamed_wave(root / path, words, kind, data["waves"])
        # A person's id in its name keeps it theirs ("P01 follow-up questions.txt" beside "P01_W1.txt").
        whose = {case_ids[word.casefold()] for word in words if word.casefold() in case_ids}
        data["documents"].append({"path": path, **({"case": next(iter(whose))} if len(whose) == 1 else {}), "kind": kind or "document", **given})
        if said:
            placed[path] = said
    theirs = [f"{entry['path']} ({entry['case']})" for entry in data["documents"] if entry["path"] in unnamed and "case" in entry]
    unnamed = [entry["path"] for entry in data["documents"] if entry["path"] in unnamed and "case" not in entry]
    header = (
        "# study.yaml: written by `qlr info --template`; edit, then keep it beside the files.\n"
        "# Waves: add start/end dates. Cases: set role, attributes, and `waves:` for the waves\n"
        "# each case is planned for (so attrition is told from design). Documents: globs use\n"
        "# the {case}_{wave}_{kind} file names; add case:/wave:/kind: to entries that do not.\n"
        + _speakers_header(unsaid)
    )
    if unnamed:
        header += (
            f"# Not named {{case}}_{{wave}}_{{kind}}, so listed as the study's, at no case and, unless said, no wave: "
            f"{first_few([f'{path} ({placed[path]})' if path in placed else path for path in unnamed], shown=4)};\n"
            "# give each 'case:' and 'wave:' if it is someone's.\n"
        )
    if theirs:
        header += f"# Not named {{case}}_{{wave}}_{{kind}}, so listed as the document of the case its name names (at no wave unless said): {first_few(theirs, shown=4)}.\n"
    # Photographs beside their captions: said here as loading says them, in every layout.
    header += "".join(f"# {note}.\n" for note in (files_not_read(root, natsorted(root.rglob("*"), key=lambda p: p.as_posix())) if root.is_dir() else []))
    # Files left out on purpose stay so (the manifest's own exclude:, the asides below), so that loading with the
    # template leaves them out without the warning a file the manifest forgot gets.
    data = _as_written(study, data)
    excluded = [*_manifest_excludes(study), *(aside["path"] for aside in asides), *reports, *charts]
    if excluded:
        data["exclude"] = list(dict.fromkeys(excluded))
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if asides:
        # Loading the folder left them out; the template does too, so that keeping it unchanged loads the same study.
        lines = text.splitlines(keepends=True)
        start = lines.index("documents:\n") + 1
        end = next((index for index in range(start, len(lines)) if not lines[index].startswith(("- ", "  "))), len(lines))
        said = (
            "# At the study's top, named as no case's or wave's document and in no documents folder: left out\n"
            "# (exclude: below), as notes of your own would be. Remove the '# ' to load one as the study's document.\n"
        )
        listed = "".join("# " + line for line in yaml.safe_dump(asides, sort_keys=False, allow_unicode=True).splitlines(keepends=True))
        text = "".join([*lines[:end], said, listed, *lines[end:]])
    if reports:
        # Loading leaves them out (a tool's report of coded passages is no transcript); as codings they need a coder.
        text += (
            "# A QDA tool's report of passages already coded (NVivo's coding report, Taguette's highlights, Dedoose's excerpts): no\n"
            "# documents (exclude: above). To read them as earlier coding, remove the '# ' and name who coded:\n"
            + ("# (under codings: above)\n" if "codings" in data else "# codings:\n")
            + "".join(f"#   - {{path: {path}, coder: CODER}}\n" for path in reports)
        )
    if charts:
        # Loading leaves them out (the analyst's charts are no transcripts); as codings they need who charted them.
        text += (
            "# Framework charts (a row per case, a column per sub-theme; excluded above). To read their quotes as codings\n"
            "# of the case's transcript at that wave, and every cell as a memo, remove the '# ' and name who charted them:\n"
            + ("" if reports else "# (under codings: above)\n" if "codings" in data else "# codings:\n")
            + "".join(f"#   - {{path: {path}, coder: CODER}}\n" for path in charts)
        )
    offered = _tool_tables_offered(study, root, [*reports, *charts])
    if offered:
        # A tool's code tree and memos hold no coded passages; under codings: they give the codes' descriptions and the memos.
        text += (
            "# A QDA tool's tables beside the coding (a code tree: its codes' hierarchy and descriptions; memos: each kept as a\n"
            "# memo on what it is linked to). To read them, remove the '# ' (under codings:, with the tool's coded passages):\n"
            + ("" if reports or charts else "# (under codings: above)\n" if "codings" in data else "# codings:\n")
            + "".join(f"#   - {path}  # {what}\n" for path, what in offered)
        )
    tables = [str(path) for path in study.meta.get("case_tables") or ()]
    if tables:
        # A table of the cases' attributes (QDA Miner's variables exported apart) is read only where study.yaml names it.
        text += (
            "# A table of the cases' attributes (a row per case: QDA Miner's variables, a sheet of participants). To read its\n"
            "# columns as the cases' attributes, remove the '# ' (name the column of case ids with {path: …, case: ID}):\n# attributes:\n"
            + "".join(f"#   - {path}\n" for path in tables)
        )
    return header + text


#: What a manifest says that the template does not read back from the study: kept as the researcher wrote it.
_WRITTEN_KEYS = ("description", "roles", "speaker_cases", "segmentation", "naming", "actors", "stages", "codings")
#: What a case's or a wave's entry says beside what the template restates (id, label, role; a wave's dates).
_WRITTEN_CASE_KEYS = ("attributes", "waves", "per_wave", "aliases", "left")
_WRITTEN_WAVE_KEYS = ("order", "date")


def _as_written(study: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The template's ``data`` with what the manifest ``study`` was loaded with says and the study does not restate:
    its ``codings:`` entries, ``description:``, ``actors:`` … as written, and each case's ``attributes:``, ``waves:``,
    ``per_wave:`` (a template of a study with a ``study.yaml`` keeps what the researcher wrote)."""
    from .._yaml import without_lines

    written = _written_manifest(study)
    if written is None:
        return data
    for key, plural in (("cases", _WRITTEN_CASE_KEYS), ("waves", _WRITTEN_WAVE_KEYS)):
        given = {str(item["id"]): item for item in written.get(key) or () if isinstance(item, Mapping) and "id" in item}
        for item in data.get(key) or ():
            said = given.get(str(item["id"]), {})
            item.update({name: without_lines(said[name]) for name in plural if name in said and name not in item})
    kept = {key: without_lines(written[key]) for key in _WRITTEN_KEYS if key in written and key not in data}
    if not kept:
        return data
    # The description beside the name, as a researcher writes it; the rest after the documents.
    head = {key: value for key, value in data.items() if key == "name"}
    return {**head, **({"description": kept.pop("description")} if "description" in kept else {}), **{k: v for k, v in data.items() if k not in head}, **kept}


def _dated_entries(text: str) -> bool:
    """Whether a diary's or notes' text holds an entry dated on a line of its own (:func:`._segment.segment_entries`)."""
    from ._segment import segment_entries

    return any(entry.date is not None for entry in segment_entries(text) or ())


def _unnamed_wave(file: Path, words: list[str], kind: str | None, waves: list[dict[str, Any]]) -> tuple[dict[str, Any], str | None]:
    """The ``wave:`` (and ``date:``) of a file a folder without a manifest did not load, for its template entry, and
    what the template's header says of it.

    One of the study's wave ids among its name's words ("focus_group_W2"), else what its date says as loading reads
    it (the name's, else the header's; notes' dated entries as ``wave: dates`` reads them): the wave whose dates hold
    it, where the waves have dates; a date no wave holds is written, and said.
    """
    ids = {str(wave["id"]).casefold(): str(wave["id"]) for wave in waves}
    named = {ids[word.casefold()] for word in words if word.casefold() in ids}
    if len(named) == 1:
        wave = next(iter(named))
        return {"wave": wave}, f"its name says wave {wave}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # read for its date only: loading the study reads it again, and says
        read = _readable(file)
    if read is None or len(read.documents) != 1:
        return {}, None
    parts = _entry_parts_of(read, kind, waves)
    if parts is not None:
        return {"wave": "dates" if len(parts) > 1 else parts[0]}, f"dated entries at {', '.join(parts)}"
    stamp = read.documents["date"].iloc[0]
    if pd.isna(stamp):
        return {}, None
    day = pd.Timestamp(stamp).date().isoformat()
    holder = next((str(w["id"]) for w in waves if w.get("start") and w.get("end") and str(w["start"]) <= day <= str(w["end"])), None)
    dated = any(w.get("start") for w in waves)
    said = f"dated {day}, " + (f"in wave {holder}'s dates" if holder else "in no wave's dates: give its 'wave:'" if dated else "the waves have no dates yet: give its 'wave:'")
    return {**({"wave": holder} if holder else {}), "date": day}, said


def _titled_record(first: str) -> bool:
    """Whether a file's first line (:func:`_first_line`) is a meeting record's title ("Minutes of the steering group",
    "Meeting notes", "Acta de la reunión"): the words that make a file's name a record's (``_RECORD_WORDS``), opening
    the line.

    A record's word further on is no title: "Interview with Ana, 45 minutes" heads her interview, and "Meeting with
    Ana" may too.
    """
    words = [word.lower() for word in re.split(r"[\W_]+", first) if word]
    if not 0 < len(words) <= 12:
        return False
    return words[0] in _RECORD_WORDS - {"meeting", "meetings"} or (words[0] in {"meeting", "meetings"} and words[1:2] in (["notes"], ["note"], ["minutes"]))


def _coding_report(path: Path) -> bool:
    """Whether a file the folder did not load is NVivo's coding report or Taguette's highlights as a document."""
    from ._coding_reports import is_nvivo_report, is_taguette_report

    text = _text_of(path)
    return text is not None and (is_nvivo_report(text) or is_taguette_report(text))


def _tool_tables_offered(study: Any, root: Path, said: list[str]) -> list[tuple[str, str]]:
    """A folder's QDA tool tables that hold no coded passages (:func:`._coding_reports.tool_tables`: a code tree, memos),
    for the template: tables of the folder no document was read from and no other entry offers."""
    from ._coding_reports import DEDOOSE_CODES, tool_tables
    from ._responses import TABLE_SUFFIXES

    if not root.is_dir():
        return []
    sources = {str(source) for source in study.documents.get("source", pd.Series(dtype=object)).dropna()}
    written = _written_manifest(study) or {}
    # Already under codings: in the study.yaml the study was loaded with: not offered again.
    listed = {str(entry.get("path") if isinstance(entry, Mapping) else entry) for entry in written.get("codings") or ()}
    files = [
        path for path in sorted(root.rglob("*"))
        if path.suffix.lower() in TABLE_SUFFIXES and path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.relative_to(root).as_posix() not in {*sources, *said, *listed}
    ]
    return [(path, "a code tree" if tool == DEDOOSE_CODES else "memos") for path, tool in tool_tables(root, files)]


def template_for(path: str | Path, *, allow_outside: bool = False) -> str:
    """The starting ``study.yaml`` for a folder or file, as ``qlr info --template`` prints it.

    An empty ``study.yaml`` in the folder is ignored (``qlr info DIR --template >
    DIR/study.yaml`` creates it before qlr runs); a folder whose names follow
    ``{case}_{wave}_{kind}`` gets :func:`manifest_template`, any other folder
    :func:`folder_template`.

    Parameters
    ----------
    path : str or Path
        A study folder, a manifest, or one document.
    allow_outside : bool
        As for :func:`qlr.load`.

    Returns
    -------
    str
        The manifest's YAML text.

    Examples
    --------
    >>> print(template_for("data/sample").splitlines()[0])
    # study.yaml: written by `qlr info --template`; edit, then keep it beside the files.
    """
    from ..errors import ManifestNotFoundError

    source = Path(path)
    manifest = next((source / n for n in MANIFEST_NAMES if (source / n).is_file()), None) if source.is_dir() else None
    empty = manifest is not None and not manifest.read_text(encoding="utf-8", errors="replace").strip()
    if (manifest is None or empty) and source.is_dir():
        listed = _with_data_list(source)  # a deposit's data list says whose each file is
        if listed is not None:
            return listed
        answered = _with_responses(source)
        if answered is not None:
            return answered
    if (manifest is None or empty) and source.is_dir() and _mostly_unconventional(source):
        # "Bergen-Bread_Molding_Field_Notes_FA18/…": a few names happen to fit {case}_{wave}_{kind};
        # the manifest must still list every file, not only those few.
        return folder_template(source)
    if empty:
        try:
            return manifest_template(_build(_plan_from_names(source), False))
        except ManifestNotFoundError:
            return folder_template(source)
    try:
        return manifest_template(load(source, allow_outside=allow_outside, progress=False))
    except ManifestNotFoundError:
        return folder_template(source)


def _with_data_list(folder: Path) -> str | None:
    """The template of a deposit with data lists (one, or one per wave): the usual one of the study the lists give, its
    documents read through them."""
    import yaml

    read = _through_data_lists(folder)
    if read is None:
        return None
    return read.header + read.project + read.codings + yaml.safe_dump(read.manifest, sort_keys=False, allow_unicode=True)


class _Listed(NamedTuple):
    """What a folder's data lists give: the template's header, the manifest, the lists, the note of what
    ``project.qdpx`` restated (empty without one), the project as read (None without one) and the template's note of the
    codings it holds, which a ``study.yaml`` does not load."""

    header: str
    manifest: dict[str, Any]
    lists: list[Any]
    project: str
    kept: Any = None
    codings: str = ""


def _through_data_lists(folder: Path, *, own: bool = False) -> _Listed | None:
    """The manifest a folder's data lists give, or None with no list.

    The one reading of a deposit, for its template and for loading it without a ``study.yaml``; ``own``: only qlr's
    own deposit's lists (their header holds :data:`._datalist.DEPOSIT_COLUMNS`), the only ones loading reads unasked.
    """
    import yaml

    from .._yaml import with_lines
    from ._datalist import find_data_lists

    found = find_data_lists(folder)
    if not found or (own and not all(listed.own for listed in found)):
        return None
    entries = [{"list": listed.shown} for listed in found]
    data = with_lines({"name": folder.resolve().name, "documents": entries})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what loading says of the files is the template's notes below
        text = manifest_template(_build(_plan_from_manifest(folder / MANIFEST_NAMES[0], data), False))
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    for listed in found:
        header += (
            f"# Documents: the deposit's data list {listed.shown} says whose each file is ({listed.roles}"
            + (f"; its header is row {listed.header}, under a title" if listed.header > 1 else "")
            + ");\n"
            f"# {listed.named} of its {listed.rows} rows name a file in this folder (loading names the others).\n"
        )
    unlisted = found[0].unlisted
    if unlisted:
        shown = first_few(unlisted, shown=5)
        header += f"# Not in {'the list' if len(found) == 1 else 'any list'}, so not loaded: {shown}; add a documents entry for each to load it.\n"
    manifest = yaml.safe_load(text)
    manifest.pop("documents", None)
    header += _listed_attributes(folder, manifest, found)
    project, kept = _from_project(folder, manifest, own=all(listed.own for listed in found))
    manifest["documents"] = entries  # cases, waves, dates and interviewers are the lists'
    return _Listed(header, manifest, found, project, kept, _codings_kept(kept, folder / "project.qdpx") if kept is not None else "")


def _listed_attributes(folder: Path, manifest: dict[str, Any], found: list[Any]) -> str:
    """Each case's attributes, and its values per wave, from what the lists' other columns say of it (a participant's
    gender, age, a note of one interview: :func:`._datalist.case_attributes`), put into the template ``manifest``'s
    cases (in place); returns the template's note of them (empty where the lists have no other column)."""
    from .._yaml import with_lines
    from ._datalist import case_attributes, list_entries

    others: dict[str, list[tuple[str | None, dict[str, str]]]] = {}
    waves = [str(wave["id"]) for wave in manifest.get("waves") or ()]
    for listed in found:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the lists' load says what there is to say of their rows
                rows = list_entries(with_lines({"list": listed.shown}), 1, folder / MANIFEST_NAMES[0], waves=waves)
        except (QlrError, OSError, ValueError):
            continue
        for case, said in rows.others.items():
            others.setdefault(case, []).extend(said)
    attributes = case_attributes(others)
    told = [case for case in manifest.get("cases") or () if str(case["id"]) in attributes]
    for case in told:
        case.update(attributes[str(case["id"])])
    constant = list(dict.fromkeys(name for case in told for name in case.get("attributes", {})))
    varying = list(dict.fromkeys(name for case in told for values in case.get("per_wave", {}).values() for name in values))
    # Every column with a value the template does not write is named: nothing of the list is left out unsaid.
    unwritten = [
        name for name in dict.fromkeys(name for rows in others.values() for _, said in rows for name in said) if name not in constant and name not in varying
    ]
    note = (
        f"# Not written: the list's column(s) {', '.join(repr(name) for name in unwritten)} (named as a case's wave row's own column,"
        " or said only of rows with no wave or of no case here): copy what they say by hand.\n"
        if unwritten
        else ""
    )
    if not told:
        return note
    said = "; ".join(
        part for part in (f"attributes: {', '.join(constant)}" if constant else "", f"per wave: {', '.join(varying)}" if varying else "") if part
    )
    return (
        f"# Cases: the list's other columns, as each case's {said} ({len(told)} case(s); a value the same in each of a case's rows is its attribute;"
        " a case's rows of one wave that differ are joined by '; ').\n" + note
    )


def _from_project(folder: Path, manifest: dict[str, Any], *, own: bool = False) -> tuple[str, Any]:
    """What a qlr deposit's ``project.qdpx`` keeps and its data lists do not, put into the template ``manifest`` (in
    place): the study's name, the waves' labels, the cases' labels and attributes. Returns the template's note of it
    (comment lines: what was restated, or, for qlr's own lists (``own``) with no project beside them, what is not) and
    the project as read (None without one)."""
    from ._qdpx_read import read_qdpx

    project = folder / "project.qdpx"
    if not project.is_file():
        # Another archive's lists have no project; qlr's deposit without one has lost what only the project keeps.
        return (
            "# no project.qdpx beside the deposit's data lists: the study's name, the waves' labels and dates, the cases' labels and"
            " attributes and the waves each case was planned for are not restated, so a case's absence at a wave it was not"
            " planned for reads as missed or dropped out, and the deposit's codings are not read\n"
            if own
            else "",
            None,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the lists' load says what there is to say of the documents
            kept = read_qdpx(project)
    except (QlrError, OSError, ValueError) as exc:
        return f"# project.qdpx could not be read ({exc}), so the study's name, labels, case attributes and codings are not restated.\n", None
    manifest["name"] = kept.name or manifest.get("name")
    # Every wave of the project, in its order with its dates: one no document is of has only rows with no file. Lists
    # of no wave are a study of none (as the project is: its reader keeps a study qlr wrote with no waves so).
    listed = {str(wave["id"]): wave for wave in manifest.get("waves") or []}
    waves = []
    for wave in kept.waves.itertuples() if listed else ():
        item = listed.pop(str(wave.wave_id), None) or {"id": str(wave.wave_id), "label": str(wave.wave_id)}
        if isinstance(wave.label, str) and wave.label != wave.wave_id:
            item["label"] = wave.label
        item.update({end: str(getattr(wave, end))[:10] for end in ("start", "end") if not pd.isna(getattr(wave, end))})
        waves.append(item)
    if waves:
        manifest["waves"] = waves + list(listed.values())
    # A case planned for some waves only: the lists cannot say "not scheduled" (no row is also "not seen").
    design = kept.case_waves
    planned: dict[str, list[str]] = {}
    if not design.empty:
        for case, rows in design.groupby("case_id", sort=False):
            scheduled = rows["scheduled"].astype("boolean")
            if scheduled.eq(False).any():
                planned[str(case)] = [str(wave) for wave, on in zip(rows["wave_id"], scheduled) if not pd.isna(on) and bool(on)]
    extra = [column for column in kept.cases.columns if column not in ("case_id", "label", "role")]
    by_id = kept.cases.set_index("case_id")
    told = 0
    for case in manifest.get("cases") or []:
        if case["id"] not in by_id.index:
            continue
        row = by_id.loc[case["id"]]
        if isinstance(row["label"], str) and row["label"] != case["id"]:
            case["label"] = row["label"]
        attributes = {column: _plain_value(row[column]) for column in extra if not pd.isna(row[column])}
        if attributes:
            case["attributes"] = attributes
            told += 1
        if str(case["id"]) in planned:
            case["waves"] = planned[str(case["id"])]
    return (
        "# The study's name, the waves' labels and dates, the cases' labels"
        + (f", {told} case(s)' attributes" if told else "")
        + (f", {len(planned)} case(s)' planned waves" if planned else "")
        + " are project.qdpx's (the data lists do not keep them).\n"
    ), kept


def _codings_kept(kept: Any, project: Path) -> str:
    """The template's note of the codings and memos a deposit's ``project.qdpx`` holds: the data lists keep none, and a
    ``study.yaml`` has no entry that reads a project's codings (loading the folder as it is reads them)."""
    if kept.codings.empty and kept.memos.empty:
        return ""
    codes = kept.codings["code_id"].nunique()
    memos = f" and {len(kept.memos)} memo(s)" if len(kept.memos) else ""
    return (
        f"# project.qdpx holds {len(kept.codings)} coding(s) of {codes} code(s){memos}, which the data lists do not keep: this study.yaml"
        f" does not load them (loading the folder without it does); read them with qlr.io.read_qdpx('{project.as_posix()}') (or `qlr info {project.as_posix()}`)\n"
    )


def _plain_value(value: Any) -> Any:
    """A table's cell as YAML writes it: as the REFI-QDA writer makes it plain (numpy scalars as Python's, a date as
    its ISO text), and a whole float as an int (61.0 is 61)."""
    from ._qdpx_write import _plain

    value = _plain(value)
    value = value.item() if hasattr(value, "item") else value  # a numpy bool, which the writer keeps
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _with_responses(folder: Path) -> str | None:
    """The template of a folder that holds survey exports: its documents' entries (if any) and a ``responses:`` entry per export."""
    import yaml

    from ._naming import readable_files
    from ._responses import responses_template

    entries, guessed, respondents = responses_template(folder)
    if not entries:
        return None
    if readable_files(folder):
        from ..errors import ManifestNotFoundError

        try:
            # Read by their names, as a folder without a manifest (or with an empty one) is.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the exports the names leave out are the template's answer
                text = folder_template(folder) if _mostly_unconventional(folder) else manifest_template(_build(_plan_from_names(folder), False))
        except ManifestNotFoundError:
            text = folder_template(folder)
        header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
        data = yaml.safe_load(text)
    else:
        header = "# study.yaml: written by `qlr info --template` for a folder of survey exports.\n"
        data = {"name": folder.resolve().name, "waves": []}
    header += (
        "# Responses: one document per respondent and wave, the open questions the interviewer's turns.\n"
        "# 'case' must be the column whose id stays the same in every wave; 'questions' lists the\n"
        "# columns read as open answers (mostly of three words or more, and varied): correct them.\n"
    ) + "".join(f"# Guessed: {line}\n" for line in guessed)
    declared = {str(w["id"]) for w in data.get("waves") or []}
    data["waves"] = (data.get("waves") or []) + [{"id": e["wave"], "label": e["wave"]} for e in entries if "wave" in e and e["wave"] not in declared]
    if any("wave_column" in e for e in entries):
        data.pop("waves")  # a REDCap project's events are its waves, in its own order
    if data.get("cases"):
        # Cases the documents' names gave: the respondents join them (a case declared is a case every entry must use).
        known = {str(case["id"]) for case in data["cases"]}
        data["cases"] += [{"id": case, "label": case, "role": "participant"} for case in respondents if case not in known]
    data["responses"] = entries
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _written_manifest(study: Any) -> Mapping[str, Any] | None:
    """The manifest ``study`` was loaded with, as read from its file; None without one, or where it is gone (a
    manifest written for the template of a deposit's data list) or loading said it was bad."""
    from .._yaml import read_yaml
    from ..errors import QlrError

    manifest = study.meta.get("manifest")
    try:
        data = read_yaml(Path(str(manifest))) if manifest else None
    except (QlrError, OSError):
        return None
    return data if isinstance(data, Mapping) else None


def _manifest_excludes(study: Any) -> list[str]:
    """The ``exclude:`` patterns of the manifest ``study`` was loaded with (none without one)."""
    from ..errors import QlrError
    from ._manifest import _excluded

    data = _written_manifest(study)
    try:
        return _excluded(data, Path(str(study.meta["manifest"]))) if data is not None else []
    except QlrError:
        return []


def _mostly_unconventional(folder: Path) -> bool:
    """Whether fewer than half of a folder's readable files are named {case}_{wave}_{kind} (or its shorter forms).

    Photos' captions ("Ana_W1_photo1.txt") are left out of the count: named so beside free-named interviews
    ("Wave 1/Ana - 2025-03-04.txt"), they say nothing of how the interviews are named.
    """
    from ._naming import readable_files

    files = [p for p in readable_files(folder) if not photo_word(p.stem.rsplit("_", 1)[-1])]
    return 2 * sum(name_parts(p) is not None for p in files) < len(files)


def _speakers_entry(
    *studies: Any, people: Iterable[str] = (), file_cases: Sequence[str] = ()
) -> tuple[dict[str, str], dict[str, dict[str, str]], int]:
    """A manifest's ``speakers:`` and each document's own, as qlr gave the roles, and how many labels go unsaid.

    Every label found gets the role it has in most of its turns, or interviewer where it
    was suggested as one (a label that asks the questions anywhere is the interviewer).
    The study's ``speakers:`` writes only the labels whose role needs saying: a participant that
    loading reads as one anyway (by default, or by its label, "R") is left out, as a person's name
    in ``study.yaml`` travels with the study (third value: how many were).
    A document where the label had another role (a focus group's moderator who is a
    panelist in the next session, read from that session's header) gets that role in its
    own ``speakers:`` (second value, by the document's source path), so that keeping the
    template unchanged keeps every role qlr showed. A diarisation tool's numbered voice
    (``SPEAKER_00``, ``Speaker 1``: :func:`._segment.numbered_voice`) is someone else in each
    file, so it is never study-wide: each document gets its own, as the interviewer where it
    asks most of the questions there. A label that names one of the study's people (a case of each study, or of
    ``people``, the case ids a template gives its files) keeps the participant's role in the documents where it
    answers, though it asks elsewhere: a peer researcher interviewed in a wave of their own, a participant who
    becomes one. In an interview of another of the study's people (whose case answers in it) such a label asks: no
    entry gives it the participant's role or its own case there. ``file_cases``, where given, is the case of each
    study's documents (each a file loaded alone, for a template), in the order of ``studies``.
    """
    from ._segment import case_names, numbered_voice, speaker_labels

    rows = []
    own: dict[str, dict[str, str]] = {}
    said_anyway: dict[str, bool] = {}  # a label read as a participant in every document without anyone saying so
    by_label: dict[str, set[str] | None] = {}  # a label whose role its own words give in every document ("Interviewer"): those roles
    answered_in: list[dict[str, str]] = []  # of each study, its documents in which their own case answers, and that case
    for index, study in enumerate(studies):
        labels = speaker_labels(study)
        sources = study.documents.set_index("doc_id")["source"]
        suggested = {row.speaker for row in labels.itertuples() if row.suggestion}
        names = case_names(study)
        for case in people:
            for name in _names_of(case):
                names.setdefault(name, set()).add(str(case))
        # An interview of one of the study's people, whose case answers in it: a peer researcher asks there.
        doc_cases = study.documents.set_index("doc_id")["case_id"] if "case_id" in study.documents else pd.Series(dtype=object)
        if index < len(file_cases):
            doc_cases = pd.Series(file_cases[index], index=doc_cases.index, dtype=object)
        answered = _answered_by_their_case(labels, doc_cases, names)
        answered_in.append(answered)
        # Labels a document's own entry gave a case ("speakers: {Ben: C02}" in a joint interview): that entry says them
        # again, and they say nothing of the label elsewhere, so they never put a participant's name study-wide.
        study_wide = {str(label).lower() for label in study.meta.get("speakers") or {}}
        cased = study.meta.get("speaker_cases") or {}
        # A label mapped to a case is kept as a participant there, whether loading moved its turns or not (the document's
        # only voice, left its case's): its entry, restated, says it.
        entry_said = {
            doc: ({str(label).lower() for label in labels} & {str(label).lower() for label in cased.get(doc, {})}
                  | {str(label).lower() for label, role in labels.items() if str(role) == "participant"}) - study_wide
            for doc, labels in (study.meta.get("document_speakers") or {}).items()
        }  # fmt: skip
        for row in labels.itertuples():
            if row.role in ("interviewer", "participant", "other"):
                entry_own = str(row.speaker).lower() in entry_said.get(row.doc_id, ())
                if (numbered_voice(str(row.speaker)) or entry_own) and sources.get(row.doc_id) is not None:
                    role = "interviewer" if row.suggestion and not entry_own else str(row.role)
                    own.setdefault(str(sources[row.doc_id]), {})[str(row.speaker)] = role
                    continue
                # A label naming one of the study's cases is that person: where they answer (their own interview, a
                # debrief, a group), they answer as themselves, even if they ask the questions elsewhere (a peer
                # researcher); in an interview named for another case they ask, whatever loading guessed there.
                someone = (
                    str(row.speaker).casefold() in names
                    and not row.suggestion
                    and not (row.doc_id in answered and answered[row.doc_id] not in names[str(row.speaker).casefold()])
                )
                rows.append((str(row.speaker), str(row.role), int(row.turns), row.decided_by, row.speaker in suggested, sources.get(row.doc_id), someone))
                unsaid = row.role == "participant" and row.decided_by in ("default", "label")
                said_anyway[str(row.speaker)] = said_anyway.get(str(row.speaker), True) and unsaid
                roles = by_label.get(str(row.speaker), set())
                by_label[str(row.speaker)] = roles | {str(row.role)} if roles is not None and row.decided_by == "label" else None
    turns: dict[str, Counter[str]] = {}
    for speaker, role, count, *_ in rows:
        turns.setdefault(speaker, Counter())[role] += count
    asks = {speaker for speaker, _, _, _, suggested, *_ in rows if suggested}
    entry = {speaker: "interviewer" if speaker in asks else roles.most_common(1)[0][0] for speaker, roles in turns.items()}
    # A label a header declares in the study's role ("Interviewer is Jonas Rosland." over his turns in other files).
    told = {speaker for speaker, role, _, decided_by, *_ in rows if decided_by == "header" and role == entry[speaker]}
    # ... but only in a file whose own header declares no one: there the others' roles follow from it ("Moderator:
    # Aaron Brewster" over session 2 makes Jo, who moderates sessions 1 and 3, a participant of that session).
    headed = {source for _, _, _, decided_by, _, source, _ in rows if decided_by == "header"}
    for speaker, role, _, decided_by, suggested_here, source, someone in rows:
        # A suggested interviewer is one everywhere, except where something said otherwise (a header, a label); in
        # the document where the label asks the questions its role there was only a guess ("Speaker 1" a participant).
        # So is one a header declares elsewhere: a file with no header says nothing of him, its role a default.
        # A case's name is that person where they answer, though they ask elsewhere (a peer researcher interviewed).
        if role != entry[speaker] and source is not None and (someone or not ((speaker in asks or (speaker in told and source not in headed)) and (decided_by == "default" or suggested_here))):
            own.setdefault(str(source), {})[speaker] = role
    for study, answered in zip(studies, answered_in):
        # A focus group with no case: the speakers loading attributed to a case get that case in its entry.
        sources = study.documents.set_index("doc_id")["source"]
        for doc_id, labels in (study.meta.get("speaker_cases") or {}).items():
            source = sources.get(doc_id)
            if source is not None and not pd.isna(source):
                # A joint voice's cases (a list) are read again from its names, so its label is not written; nor is a
                # peer researcher's case in another's interview (they ask there: the study's entry says so).
                kept = {
                    str(label): str(case) for label, case in labels.items()
                    if not isinstance(case, list) and not (doc_id in answered and entry.get(str(label)) == "interviewer")
                }  # fmt: skip
                if kept:
                    own.setdefault(str(source), {}).update(kept)
    left = {speaker for speaker, role in entry.items() if role == "participant" and said_anyway.get(speaker)}
    # "Interviewer: interviewer" says nothing loading does not read from the label itself: left out, and not counted.
    left |= {speaker for speaker, role in entry.items() if by_label.get(speaker) == {role}}
    written = {speaker: role for speaker, role in entry.items() if speaker not in left}
    return written, own, sum(entry[speaker] == "participant" and bool(said_anyway.get(speaker)) for speaker in left)


def _answered_by_their_case(labels: pd.DataFrame, doc_cases: pd.Series, names: dict[str, set[str]]) -> dict[str, str]:
    """The documents in which a label naming the document's own case speaks (Linda in ``Linda_W1_interview``), and that case.

    A debrief or a group named for no one of the study has none: who speaks there answers as themselves.
    """
    answered: dict[str, str] = {}
    for doc_id, speaker in zip(labels["doc_id"], labels["speaker"]):
        doc_case = doc_cases.get(doc_id)
        if doc_case is not None and not pd.isna(doc_case) and str(doc_case) in names.get(str(speaker).casefold(), ()):
            answered[doc_id] = str(doc_case)
    return answered


def _names_of(case: str) -> set[str]:
    """What a label may call a case by, case folded: its id, its words, its first word ("Jo" of ``Jo_Reyes``)."""
    words = str(case).replace("_", " ").split()
    return {str(case).casefold(), " ".join(words).casefold(), *([words[0].casefold()] if words and words[0].isalpha() else [])}


#: A README's sentence saying when the interview took place ("Interview took place on …", "Recorded on …", "Interview
#: date: …"), not when the repository, the transcript or its text was ("Last updated 2024-01-05", "© 2019").
_OF_THE_INTERVIEW = re.compile(
    r"(?i)\b(?:interview\w*|record(?:ed|ing)|took place|held|conducted|carried out)\b"
)
#: A part of such a sentence that says what was done to the transcript ("transcribed by volunteers on 2 March", "last
#: updated 5 January"): its date is not the interview's, and that part is left out before the sentence's date is read.
_TEXT_WORDS = r"(?:transcri(?:bed|ption)|updated|edited|revised|published|uploaded|posted|released|modified|added)"
# In lower case, or capitalised opening the part: "the Added Value Centre" is a name.
_OF_THE_TEXT = re.compile(rf"\b{_TEXT_WORDS}\b|^(?i:{_TEXT_WORDS})\b")
#: Where a sentence's parts meet: a comma, a semicolon, brackets, "and" (so "recorded on 1 May and transcribed on 2 June"
#: keeps "recorded on 1 May").
_SENTENCE_PARTS = re.compile(r"\s*(?:[,;()\[\]]|\s(?:and|but)\s)\s*")
#: A read-me file's name: what a repository keeps beside one interview to say what it is.
_README = re.compile(r"(?i)read[ _-]?me(?:\.(?:md|markdown|txt|text))?")


def _readme_dates(files: list[Path], days: list[str | None]) -> tuple[list[str | None], list[str]]:
    """``days`` with the date a README states given to the one undated transcript of its folder, and those files.

    A podcast's archive keeps each interview's recording as Whisper wrote it beside a README saying when it took
    place ("Interview took place on September 21, 2023. Interviewer is Jonas Rosland."): the transcript states no
    date, its folder holds no other document, and the one date its README gives is the interview's. A README beside
    several documents says nothing of any one of them; only sentences about the interview or recording count
    ("Interview took place on …", "Recorded on …", "Interview with Jo on …"), and of them not a part that says when
    the transcript was transcribed, updated, edited, published or uploaded (:data:`_OF_THE_TEXT`: "Recorded on 4 May
    2023 (transcription by Otter)" is 4 May); a README giving two such dates or none dates nothing.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "Rik Nicol.txt").write_text("Hello and welcome to the show.\\n")
    >>> _ = (folder / "README.md").write_text("# Interview with Rik Nicol\\n\\nInterview took place on September 21, 2023.\\n")
    >>> _readme_dates([folder / "Rik Nicol.txt"], [None])
    (['2023-09-21'], ['Rik Nicol.txt'])
    """
    from ._readers import read_source
    from ._segment import find_date

    per_folder = Counter(file.parent for file in files)
    days = list(days)
    dated: list[str] = []
    for index, file in enumerate(files):
        if days[index] or per_folder[file.parent] != 1:
            continue
        readmes = [path for path in file.parent.iterdir() if path.is_file() and _README.fullmatch(path.name)]
        if len(readmes) != 1:
            continue
        try:
            text = read_source(readmes[0]).text
        except Exception:  # noqa: BLE001 - a README qlr cannot read dates nothing
            continue
        sentences = [sentence for line in text.splitlines() for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)]
        kept = [" ".join(part for part in _SENTENCE_PARTS.split(sentence) if not _OF_THE_TEXT.search(part)) for sentence in sentences if _OF_THE_INTERVIEW.search(sentence)]
        said = {found for sentence in kept if (found := find_date(sentence)) is not None}
        if len(said) != 1:
            continue  # no date, or several (a recording's and a transcription's): none is surely the interview's
        days[index] = str(next(iter(said)))
        dated.append(file.name)
    return days, dated


def _readable(path: Path) -> Any:
    """One file loaded alone, or None if qlr cannot read it (loading the folder will say why)."""
    from ..errors import QlrError

    try:
        return load(path, progress=False)
    except (QlrError, OSError):
        return None


# The words of waves in names live with the rest of what places a wave in time (``_sections``).
#: "Field notes", "field-notes", "Field_Notes": one kind word, as "fieldnotes".
_FIELD_NOTES = re.compile(r"(?i)(?<![^\W_])field[ _-]+notes?(?![^\W_])")
#: A folder named by a year ("2020/Smith.docx"): the year is a wave.
_YEAR_FOLDER = re.compile(r"(?:19|20)\d\d")
#: A month and year in a free name ("Interview 2 - Sarah - June 2021", "2005-11-wretton-minutes"): when, not who.
_MONTH_IN_NAME = re.compile(
    r"(?i)(?<![^\W_])(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)[ _-]*(?P<year>(?:19|20)\d\d)(?!\d)|(?<!\d)(?P<iso>(?:19|20)\d\d)[-_](?P<number>0[1-9]|1[0-2])(?![\d.])"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Words of a file name that say nothing of case, wave or kind ("final", "anonymised", "v2"), nor of who beyond
#: the id that follows them ("Participant 14", "Participant number 19").
_NOISE_IN_NAME = re.compile(
    r"(?i)^(?:final|clean|cleaned|anon|anonymi[sz]ed|anonymous|deidentified|pseudonymi[sz]ed|redacted|transcribed|copy|draft|v\d+|with|and|the|of"
    r"|participant|participants|respondent|interviewee|number|no|all|full|complete|combined|merged|debrief|debriefing)$"
)
#: The parts of one sitting a file holds, written as one word ("Interview_01_part1and2", "P3_part2"): no one's where
#: another word of its part of the name names the person; alone ("Wave1/Part1 interview.txt") it is participant 1.
_PART_IN_NAME = re.compile(r"(?i)^parts?\d{1,2}(?:and\d{1,2})?$")
#: A study's phase, naming no one where nothing else in its part of the name does ("Evaluation Interviews/",
#: "Validation Interview - Business Application Manager"); part of a role's name beside one ("Evaluation Manager").
_PHASE_IN_NAME = re.compile(r"(?i)^(?:evaluation|validation|evaluatie|validatie|evaluierung|validierung|évaluation|evaluación|validación|avaliação|validação)$")
#: A piece of a name that is a person's number ("Interview 13", "Participant number 19"): the case, before descriptors.
_ID_PIECE = re.compile(r"(?i)^(?:interview|participant|respondent|interviewee|int)(?:\s+(?:number|no\.?))?\s*#?\s*\d+$")


def _naming_word(word: str, words: Sequence[str] = (), *, waved: bool = False) -> bool:
    """Whether a word of a file name can name a case: not a kind ("interview", "transcript") or noise ("final"), nor a
    study's phase unless another word of ``words`` (its part of the name) names someone ("Evaluation Manager"), nor a
    guide's word unless it is a person's title (``waved``: the name carries a wave; :func:`._naming.guide_in_words`).

    Examples
    --------
    >>> [_naming_word(w, ["Evaluation", "INT", "1"]) for w in ["Evaluation", "INT", "1"]]
    [False, False, True]
    >>> _naming_word("Evaluation", ["Evaluation", "Manager"])
    True

    A guide's own number names no one; a tour guide's, with a wave beside it, does:

    >>> _naming_word("2", ["interview", "guide", "2"]), _naming_word("01", ["guide", "01", "W1"])
    (False, True)

    A sitting's part names no one beside a person's id, and is the person alone ("Part1 interview"):

    >>> _naming_word("part2", ["Interview", "07", "part2"]), _naming_word("Part1", ["Part1", "interview"])
    (False, True)
    """
    if _PHASE_IN_NAME.match(word):
        return any(_naming_word(other) and not other.isdigit() for other in words if not _PHASE_IN_NAME.match(other))
    # A guide's word names no one ("interview guide"), unless it is a person's title ("guide_01_W1": guide_in_words).
    guide = word.lower() in _GUIDE_WORDS and not (words and guide_in_words(words, waved=waved) is None)
    if word.isdigit() and words and guide_in_words(words, waved=waved) == "study":
        return False  # the guide's own number ("interview guide 2", "Template-1-transcript"), no one's
    if _PART_IN_NAME.match(word):
        return not any(_naming_word(other) for other in words if not _PART_IN_NAME.match(other))
    return word.lower() not in _KIND_IN_NAME and not guide and not _NOISE_IN_NAME.match(word) and not photo_word(word)


def _joins_a_kind(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is a joining word beside a kind word ("diario de campo", "entrevista con Rosa").

    Examples
    --------
    >>> _joins_a_kind(["diario", "de", "campo"], 1), _joins_a_kind(["Ann", "de"], 1)
    (True, False)
    """
    if words[index].lower() not in _JOINING_WORDS:
        return False
    return any(0 <= near < len(words) and words[near].lower() in _KIND_IN_NAME for near in (index - 1, index + 1))


#: Words that say what kind of diary or notes a file is ("Jo reflective diary", "Kofi PR diary": a peer researcher's),
#: said just before the diary's word: not the name of whose they are.
_DIARY_DESCRIPTORS = frozenset(
    {"reflective", "reflexive", "reflection", "reflections", "research", "researcher", "researchers", "personal", "private", "video", "audio",
     "written", "daily", "weekly", "learning", "pr", "peer", "cr", "interviewer", "interviewers", "fieldwork"}
)  # fmt: skip
_DIARY_WORDS = frozenset({word for word, kind in _KIND_IN_NAME.items() if kind == "diary"} | {"journal", "journals", "log", "logbook"})


#: A person's own reflective writing kept as a report ("Rose Smith reflective report", "Ana personal account"): as a
#: diary, its describing word names no one and the writing is the person's (a "research report" stays the study's).
_REFLECTIVE_WORDS = frozenset({"reflective", "reflexive", "reflection", "reflections", "personal"})
_REFLECTIVE_PIECES = frozenset({"report", "reports", "account", "accounts", "essay", "essays", "statement"})
#: Words naming a body of people, not one person, whose reflective writing is the study's ("Research team …").
_COLLECTIVE_WORDS = frozenset({"team", "teams", "staff", "project", "committee", "board", "group", "steering"})


def _describes_a_diary(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` says what kind of diary it is, in a run of such words just before the diary's word, or
    a reflective report's (:data:`_REFLECTIVE_WORDS` before "report", "account", "essay").

    Examples
    --------
    >>> _describes_a_diary(["Kofi", "PR", "diary"], 1), _describes_a_diary(["Jo", "reflective", "diary"], 0)
    (True, False)
    >>> _describes_a_diary(["PR", "interview"], 0)
    False
    >>> _describes_a_diary(["Rose", "Smith", "reflective", "report"], 2), _describes_a_diary(["annual", "research", "report"], 1)
    (True, False)
    """
    after = index
    while after < len(words) and words[after].lower() in _DIARY_DESCRIPTORS:
        after += 1
    if after > index and after < len(words) and words[after].lower() in _DIARY_WORDS:
        return True
    return _reflective_at(words, index)


def _reflective_at(words: list[str], index: int) -> bool:
    """Whether ``words[index]`` is a reflective word just before a report's ("reflective report", "personal account")."""
    return words[index].lower() in _REFLECTIVE_WORDS and index + 1 < len(words) and words[index + 1].lower() in _REFLECTIVE_PIECES


class _Guess(NamedTuple):
    """What a file's folders and name say: parts that may name the case, its wave (order key, as written), kind, and when."""

    candidates: list[str]
    wave: tuple[int, int] | None
    label: str
    kind: str | None
    day: str | None
    month: str | None
    #: Below a wave's folder, whether the name's own numbered wave word gives the folder's number ("Wave 2/P1 T2.txt":
    #: True; "Wave 1/T07.txt": False); None where the name has none or no folder gives the wave.
    echoes: bool | None = None
    #: Which of the folders gave the wave ("Wave 1 - spring 2025/…": 0), None where none did.
    wave_folder: int | None = None


def _wave_in(part: str, *, numbered: bool) -> tuple[tuple[int, int], re.Match[str]] | None:
    """The wave a folder or name part says, as an order key (first words, numbers, follow-ups, last words), and where."""
    found = []
    if numbered and (match := _WAVE_IN_NAME.search(part)):
        found.append(((1, int(match.group(2))), match))
    if match := _FOLLOW_UP.search(part):
        found.append(((2, int(match.group(1) or match.group(2) or 1)), match))
    if match := _FIRST_WAVE.search(part):
        found.append(((0, 0), match))
    if match := _LAST_WAVE.search(part):
        found.append(((3, 0), match))
    return min(found, key=lambda f: f[1].start()) if found else None


def _when_in(parts: list[str]) -> tuple[list[str], str | None, str | None]:
    """``parts`` without the date or month they give (the name first, then folders nearest first), the day and the month."""
    parts = list(parts)
    for index in reversed(range(len(parts))):
        if (day := date_in_name(parts[index])) is not None:
            parts[index] = day[1]
            return parts, day[0], None
        if found := _MONTH_IN_NAME.search(parts[index]):
            month = _MONTHS.index(found["month"][:3].lower()) + 1 if found["month"] else int(found["number"])
            parts[index] = (parts[index][: found.start()] + " " + parts[index][found.end() :]).strip(" _-.")
            return parts, None, f"{found['year'] or found['iso']}-{month:02d}"
    return parts, None, None


def _guess_from_path(
    relative: Path, *, numbered: bool = True, echoed: bool = False, accessions: frozenset[str] | set[str] = frozenset()
) -> _Guess:
    """What a file's folders and name say of its case, wave, kind and date.

    ``numbered=False`` reads no numbered wave (when the "waves" the names give are
    participant codes, "Interview 13", "T03": see :func:`folder_template`); words
    such as "baseline" and "follow-up" and year folders are waves still.
    ``echoed=True`` takes a numbered wave word out of a name below a wave's folder
    where it gives the folder's number ("Wave 2/P1 T2.txt" is P1's), as the
    template does when every such name does.  An
    archive's accession number ("OH0344", or one of ``accessions``, what the record
    states, lower case) names no case where other words do ("duarte_OH0344.xml" is
    duarte's).  A name's two extensions are both left out ("chilcote_lee.tei.xml").
    """
    parts, day, month = _when_in([*relative.parent.parts, document_stem(relative)])
    parts = [_FIELD_NOTES.sub("fieldnotes", part) for part in parts]  # "Field notes/" is a kind, not a person called Field
    wave = None
    label = ""
    echoes = None
    wave_folder = None
    for index in range(len(parts)):  # folders first, then the name: "Wave 1/P01.txt", "P01/T1.txt"
        found = _wave_in(parts[index], numbered=numbered)
        if found is not None:
            wave, match = found
            label = match.group(0)
            parts[index] = (parts[index][: match.start()] + " " + parts[index][match.end() :]).strip(" _-")
            wave_folder = index if index < len(parts) - 1 else None
            if numbered and index < len(parts) - 1 and (again := _WAVE_IN_NAME.search(parts[-1])):
                echoes = wave == (1, int(again.group(2)))
                if echoes and echoed:
                    parts[-1] = (parts[-1][: again.start()] + " " + parts[-1][again.end() :]).strip(" _-")
            # A wave's word in the name below a wave's folder ("Wave 3/P1 follow-up.txt") names no one.
            for later in range(index + 1, len(parts)):
                for words in (_FOLLOW_UP, _FIRST_WAVE, _LAST_WAVE):
                    parts[later] = words.sub(" ", parts[later]).strip(" _-")
            break
    else:
        # A year folder is the wave where nothing else is ("2020/Smith.docx"; "2020/P01 T1.docx" is T1).
        year = next((index for index, part in enumerate(parts[:-1]) if _YEAR_FOLDER.fullmatch(part.strip())), None)
        if year is not None:
            wave, label, parts[year] = (1, int(parts[year])), parts[year].strip(), ""
    # "Interview 7 - Female, 18, Newham - part 1 & 2": a person's number names the case, else the first piece
    # between dashes that is more than kind words; the rest describes the file ("Transcript - P01 - wave 1" is P01;
    # its wave was read from the whole name above).
    pieces = [piece for piece in _DESCRIBED.split(parts[-1]) if piece.strip()]
    # A focus group's piece that names no one ("Debrief focus group - peer researchers") is the group's name: the
    # pieces after it say who took part, no case.
    group = next((piece for piece in pieces if kind_in_words([w for w in re.split(r"[\W_]+", piece) if w]) == "focus_group"), None)
    parts[-1] = next(
        (piece for piece in pieces if _ID_PIECE.match(piece.strip())),
        group if group is not None and not any(_naming_word(w) for w in re.split(r"[\W_]+", group) if w) else
        # A piece whose words name someone before one that only numbers ("Evaluation INT 1 - Business Application Manager").
        next((piece for piece in pieces if any(_naming_word(w) and not w.isdigit() for w in re.split(r"[\W_]+", piece) if w)),
             next((piece for piece in pieces if any(_naming_word(w) for w in re.split(r"[\W_]+", piece) if w)), parts[-1])),
    )
    split = [[w for w in re.split(r"[\W_]+", part) if w] for part in parts]
    kind = kind_in_words([w for words in split for w in words], waved=wave is not None)
    # "Cy reflexive account": a person's reflective writing, a document as their "reflective report" is.
    piece = {index + 1 for index in range(len(split[-1])) if _reflective_at(split[-1], index)}
    if kind is None and piece:
        kind = "document"
    # "Diario de campo" names no one, nor a folder "campo" (field) that holds it; "Lucia del Campo" is her name.
    book = bool(field_notes_at(split[-1]))
    named = [
        [
            w
            for index, w in enumerate(words)
            if _naming_word(w, words, waved=wave is not None) and not _joins_a_kind(words, index) and not _describes_a_diary(words, index) and index not in field
            and not (book and w.lower() == "campo") and not (words is split[-1] and index in piece)
        ]
        for words in split
        for field in [field_notes_at(words)]
    ]
    candidates = [" ".join([w for w in words if not (is_accession(w) or w.casefold() in accessions)] or words) for words in named]
    return _Guess(candidates, wave, label, kind, day, month, echoes, wave_folder)


#: A name closed by a small number after a space: "Ana 1", "Bea Lopez 2".
_CLOSING_NUMBER = re.compile(r"(?P<name>.*[^\W\d_].*?)\s+(?P<number>\d{1,2})")
#: Words for a group whose members are numbered within it ("Teacher 1", "Parent 2", "Site 3"): with a number, one
#: member each, not one person's interviews. With the role words no case is named by (:data:`_NOT_A_CASE`).
_GROUP_MEMBER_WORDS = frozenset(
    """teacher parent nurse student pupil staff manager carer caregiver volunteer patient client household family
    site school group member worker tenant resident user child mother father youth officer doctor clinician
    practitioner leader person case mentor coach trainee professional provider stakeholder employee
    professor professora aluno aluna pai mãe mae participante entrevistado entrevistada familia família""".split()
) | frozenset("lead coordinator champion rep representative ambassador trustee governor organiser organizer".split())
#: Of those, the role titles that are also surnames ("Sarah Champion", "Tom Lead"): after a capitalised name that is
#: no group's word, the person's surname, not their role.
_TITLES_AND_SURNAMES = frozenset("lead coordinator champion rep representative ambassador trustee governor organiser organizer".split())


def _names_a_group_member(name: str) -> bool:
    """Whether a name before a closing number is a role or group's ("Teacher", "P", "Participant"), whose numbers are
    different people, rather than a person's name, whose numbers may be their interviews.

    A capitalised group's word described by words in lower case after it ("Volunteer-lead", "Youth worker", "Staff
    member") is a role too, whatever the words after it: a person's name after the word is written capitalised
    ("Teacher Ana"). A name written all in lower case says neither ("parent maria", "volunteer ana": a person), and a
    role title that is also a surname names a person after a capitalised name ("Sarah Champion", not "Parent Champion").

    Examples
    --------
    >>> [_names_a_group_member(n) for n in ["Teacher", "parents", "P", "PT", "Participant", "Ana", "Jo", "Bea Lopez"]]
    [True, True, True, True, True, False, False, False]
    >>> [_names_a_group_member(n) for n in ["Volunteer lead", "Volunteer buddy", "Teacher Ana", "Rose Volunteer"]]
    [True, True, False, True]
    >>> [_names_a_group_member(n) for n in ["parent maria", "volunteer ana", "volunteer lead", "Sarah Champion", "Parent Champion"]]
    [False, False, True, False, True]
    """
    words = name.split()
    last = words[-1].casefold() if words else ""
    if last in _TITLES_AND_SURNAMES and len(words) > 1 and all(word[:1].isupper() for word in words):
        if not any(word.casefold().removesuffix("s") in _GROUP_MEMBER_WORDS - _TITLES_AND_SURNAMES for word in words[:-1]):
            return False  # "Sarah Champion 1", "Sarah Champion 2": her interviews
    if last in _NOT_A_CASE or last in _GROUP_MEMBER_WORDS or last.removesuffix("s") in _GROUP_MEMBER_WORDS:
        return True
    if len(words) > 1 and words[0][:1].isupper() and words[0].casefold().removesuffix("s") in _GROUP_MEMBER_WORDS and all(word.islower() for word in words[1:]):
        return True  # "Volunteer lead 1", "Volunteer lead 2": two leads, whatever "lead" is
    return len(words) == 1 and (len(name) == 1 or (name.isupper() and len(name) <= 3))  # "P", "PT": an id's letters; "Jo" a name


def _numbered_interviews(guesses: list[_Guess]) -> list[_Guess] | None:
    """``guesses`` with the number closing each name read as the wave, where the names are people's numbered interviews
    ("entrevista Ana 1", "entrevista Ana 2", "entrevista Bea 1"), else None.

    So only where no folder or word gives a wave, two or more people are named, one of them numbered at least twice,
    and each name's numbers run from 1 in turn (1, 2, 3): a person's first, second… interview. The numbering is
    decided per name: a name with no number beside them ("Ana 1", "Ana 2", "Bea") is that person's one interview, at
    the first wave, and so is each of a role's or a group's numbered members ("Teacher 1", "Volunteer-lead 2", "P3":
    different people, :func:`_names_a_group_member`), each its own case. "Ana 1" and "Ana 2" alone stay two names (one
    name numbered is as likely sites or groups as one person's visits), as does a name written both with and without
    a number ("Ana", "Ana 2").

    Where other files' names give numbered waves already ("Cy Time point 1", "Cy Time point 2"), the files no name
    places are read so among themselves ("Ana 1", "Ana 2", "Bea 1": Ana at W1 and W2, Bea at W1), each number the
    wave of that number, under its label, only where every number is a wave the other names give (a reviewer's
    "Workshop 1" … "Workshop 3" beside two waves stay three names); not beside waves named by words ("baseline", "follow-up"), whose order
    with numbers nothing says, nor beside year folders.
    """
    given = [g for g in guesses if g.wave is not None]
    if given:
        if any(g.wave[0] != 1 or g.wave[1] >= 1000 for g in given):
            return None  # waves named by words, or years ("2020/"): no number of a person's interviews among them
        unplaced = [index for index, g in enumerate(guesses) if g.wave is None]
        read = _numbered_interviews([guesses[index] for index in unplaced])
        if read is None or any(g.wave is not None and g.wave not in {h.wave for h in given} for g in read):
            return None  # a number no wave has ("Workshop 3" beside waves 1 and 2): no person's interviews, as they were
        labels = {g.wave: g.label for g in reversed(given)}  # the first file's label of each wave
        placed = list(guesses)
        for index, g in zip(unplaced, read):
            placed[index] = g._replace(label=labels.get(g.wave, g.label)) if g.wave is not None else g
        return placed
    if len(guesses) < 3:
        return None
    # A file named by its date alone ("records/2025-04-02.txt") is placed by its date: it neither numbers nor breaks.
    by_date = {index for index, g in enumerate(guesses) if (g.day or g.month) and g.candidates and not g.candidates[-1].strip()}
    if not all(g.candidates and g.candidates[-1].strip() for index, g in enumerate(guesses) if index not in by_date):
        return None
    if len(guesses) - len(by_date) < 3:
        return None
    found = [None if index in by_date else _CLOSING_NUMBER.fullmatch(g.candidates[-1].strip()) for index, g in enumerate(guesses)]
    # A role's numbered members are people of their own, kept whole ("Teacher 1"), as a name with no number is.
    found = [None if match is not None and _names_a_group_member(match["name"]) else match for match in found]
    numbers_of: dict[str, set[int]] = {}
    for match in found:
        if match is not None:
            numbers_of.setdefault(match["name"].casefold(), set()).add(int(match["number"]))
    alone = {g.candidates[-1].strip().casefold() for index, (g, match) in enumerate(zip(guesses, found)) if match is None and index not in by_date}
    if len(numbers_of) + len(alone) < 2 or all(len(numbers) == 1 for numbers in numbers_of.values()):
        return None
    if alone & set(numbers_of):
        return None  # "Ana" beside "Ana 2": which is her first is not said
    if any(sorted(numbers) != list(range(1, len(numbers) + 1)) for numbers in numbers_of.values()):
        return None
    return [
        g._replace(candidates=[*g.candidates[:-1], match["name"]], wave=(1, int(match["number"])), label=f"Wave {match['number']}")
        if match is not None
        else g if index in by_date
        else g._replace(wave=(1, 1), label="Wave 1")
        for index, (g, match) in enumerate(zip(guesses, found))
    ]


def _months_in_names(guesses: list[_Guess]) -> tuple[list[_Guess], list[str], bool] | None:
    """``guesses`` with a month written out with no year after a person's name ("ana march", "interview with ana
    september") taken out of the name, the names so read, and whether the months are the waves; else None.

    A month's word is read so where it follows a name's first word and one person is named with two months ("ana
    march", "ana september": her interviews, a wave each, in the order of :func:`._sections.round_the_year`, where no
    other name gives a wave), or one month follows two people's names ("ana march", "bea march": the month they were
    seen, no one's surname; one wave), the month written in lower case: "Jo March", "Meg March" are sisters (a
    reviewer's probe). "June Smith" and "interview with june" name June; "Ana March" alone is Ana March.
    """
    found: list[tuple[str, int, str] | None] = []
    for g in guesses:
        words = g.candidates[-1].split() if g.candidates and not (g.day or g.month) else []
        at = [index for index, word in enumerate(words) if index > 0 and lone_month(word) is not None]
        found.append((" ".join(w for index, w in enumerate(words) if index != at[0]), lone_month(words[at[0]]) or 0, words[at[0]]) if len(at) == 1 else None)
    months_of: dict[str, set[int]] = {}
    people_of: dict[int, set[str]] = {}
    for item in found:
        if item is not None:
            months_of.setdefault(item[0].casefold(), set()).add(item[1])
            if not item[2][:1].isupper():
                # One month after several names is their surname when written as one ("Jo March", "Meg March").
                people_of.setdefault(item[1], set()).add(item[0].casefold())
    as_waves = any(len(months) > 1 for months in months_of.values()) and not any(g.wave is not None for g in guesses)
    if not as_waves and not any(len(people) > 1 for people in people_of.values()):
        return None
    order = round_the_year({item[1] for item in found if item is not None}) if as_waves else []
    read = []
    said: list[str] = []
    for g, item in zip(guesses, found):
        if item is None or (not as_waves and len(people_of.get(item[1], ())) < 2):
            read.append(g)
            continue
        said.append(f"{g.candidates[-1]} ({item[0]}, {item[2].capitalize()})")
        moved = g._replace(candidates=[*g.candidates[:-1], item[0]])
        read.append(moved._replace(wave=(1, order.index(item[1]) + 1), label=item[2].capitalize()) if as_waves else moved)
    return read, said, as_waves


def _wave_folders_described(guesses: list[_Guess]) -> tuple[list[_Guess], list[str]]:
    """``guesses`` with the words beside the wave in wave folders' names taken out of the case, where they describe
    the waves ("Wave 1 - spring 2025/", "Wave 2 - autumn 2025/"), and those words.

    Such words describe a wave when each wave's folders say one of them and the files below still name their
    people ("Wave 1 - online/", "Wave 2 - online/", "Wave 3 - in person/" over "Maria - interview 1.txt" …); a
    person's name in a folder of each of their waves ("Maria Wave 1/interview.txt", "Maria Wave 2/interview.txt")
    stays, the files below naming no one.
    """
    said: dict[str, set[Any]] = {}
    per_wave: dict[Any, set[str]] = {}
    naming: set[Any] = set()  # waves some file below whose folder names someone
    for guess in guesses:
        if guess.wave_folder is not None and (words := guess.candidates[guess.wave_folder]):
            said.setdefault(words, set()).add(guess.wave)
            per_wave.setdefault(guess.wave, set()).add(words)
            if any(part for index, part in enumerate(guess.candidates) if index > guess.wave_folder):
                naming.add(guess.wave)
    # Below each wave's folder, files must still name people ("Maria Wave 1/interview.txt" names Maria by the folder).
    if naming != set(per_wave):
        return guesses, []
    if len(per_wave) < 2 or any(len(found) != 1 for found in per_wave.values()):
        return guesses, []  # one description per wave, the same for all its files ("online" may describe two)
    if any(len(found) > 1 for found in said.values()) and len(said) == len(per_wave):
        return guesses, []  # "Maria Wave 1/", "Maria Wave 2/": a person in each of their waves' folders
    blanked = [
        guess._replace(candidates=[("" if index == guess.wave_folder else words) for index, words in enumerate(guess.candidates)])
        if guess.wave_folder is not None
        else guess
        for guess in guesses
    ]
    return blanked, natsorted(said)


#: Kinds that are the study's records and notes, not anyone's interview: they neither make nor break the waves that
#: interviews' dates give, and where no name places them they go by their own date.
_STUDY_MATERIAL = frozenset({"document", "observation"})

#: A participant's id: letters and a number ("P3", "INT_07", "R12"), or a number alone.
_PERSON_ID = re.compile(r"[A-Za-z]{0,6}[ _-]?\d{1,4}")
#: Of those, the ids with letters before the number ("P3", "INT_07"), never a number alone.
_LETTERED_ID = re.compile(r"[A-Za-z]{1,6}[ _-]?\d{1,4}")


def _name_words_of(case: str) -> list[str]:
    """The words of a case id ("Mannheimer_DataNarrative" → Mannheimer, Data, Narrative)."""
    return re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", case)


def _cases_from(candidates: list[list[str]]) -> list[str | None]:
    """Each file's case: the first folder or name part that differs between files ("Data/Wave 1/P01.txt" → P01)."""
    depth = max(map(len, candidates))
    for position in range(depth):
        values = [parts[position] if position < len(parts) else "" for parts in candidates]
        if len({v for v in values if v}) > 1 or (len(candidates) == 1 and values[0]):
            # A file higher up than the others ("P4 all interviews.txt" beside "Wave 1/P1.pdf") is named by its own name.
            return [v or next((part for part in reversed(parts) if part), None) for v, parts in zip(values, candidates)]
    return [next((part for part in parts if part), None) for parts in candidates]


def _without_study_code(names: list[str | None], *, deciding: list[bool] | None = None) -> tuple[list[str | None], str | None]:
    """``names`` without the code every one of them opens or closes with, where the rest is a person's id in each
    ("LTC01 P03", "LTC01 P07" → P03, P07; a transcription service names files by the study's code first), and that code.

    Only a code with a digit, or of capital letters alone before ids that have letters too ("LARD P03", "LARD P07" →
    P03, P07; not "ANA 1", "ANA 2", a name and its numbers), shared by two or more names, is taken out: "Ann Lee" and
    "Ann Cole" stay as they are, and so do "Team 1 P01"-like names whose rest is no id. Where ``deciding`` is given, only those names (the
    interviews') must all carry it: a report or minutes beside them ("Karen Lowe reflective report") keep their
    names, and the code comes out of every other name that carries it before a person's id.

    Examples
    --------
    >>> _without_study_code(["LTC01 P03", "LTC01 P07", None])
    (['P03', 'P07', None], 'LTC01')
    >>> _without_study_code(["P03 2024", "P07 2024"])
    (['P03', 'P07'], '2024')
    >>> _without_study_code(["Ann Lee", "Ann Cole"])[1] is None, _without_study_code(["LTC01 P03"])[1] is None
    (True, True)
    >>> _without_study_code(["LTC01 P03", "LTC01 P07", "Karen Lowe"], deciding=[True, True, False])
    (['P03', 'P07', 'Karen Lowe'], 'LTC01')
    >>> _without_study_code(["LARD P03", "LARD P07"]), _without_study_code(["ANA 1", "ANA 2"])[1], _without_study_code(["Lard P03", "Lard P07"])[1]
    ((['P03', 'P07'], 'LARD'), None, None)
    """
    words = [name.split() if name else [] for name in names]
    named = [w for w, decides in zip(words, deciding or [True] * len(words)) if w and decides] or [w for w in words if w]
    if len({" ".join(w) for w in named}) < 2:
        return names, None

    def carries(w: list[str], end: int, rest: slice, code: str) -> bool:
        return len(w) >= 2 and w[end].casefold() == code.casefold() and bool(_PERSON_ID.fullmatch(" ".join(w[rest])))

    for end, rest in ((0, slice(1, None)), (-1, slice(None, -1))):
        code = named[0][end]
        # Capitals alone ("LARD") before ids with letters ("P03"): a study's code, as "LTC01" is; a name before numbers
        # alone ("ANA 1") is a person and their interviews (:func:`_numbered_interviews`).
        lettered = len(code) >= 2 and code.isalpha() and code.isupper() and all(_LETTERED_ID.fullmatch(" ".join(w[rest])) for w in named if len(w) >= 2)
        if (
            (any(ch.isdigit() for ch in code) or lettered)
            and all(carries(w, end, rest, code) for w in named)
            and len({" ".join(w[rest]).casefold() for w in named}) >= 2
        ):
            return [" ".join(w[rest]) if w and carries(w, end, rest, code) else name for w, name in zip(words, names)], code
    return names, None


def _captions_of_their_people(names: list[str | None], captions: set[int]) -> tuple[list[str | None], list[str]]:
    """``names`` with each caption's (its index in ``captions``) that holds one person's name the other files give, and
    more words, that person's ("bea seedlings" beside "bea" → bea: the rest is the photo's title); and the captions so read,
    as "name (person)".

    A caption's name that is no one else's and holds no other name, or two (a photo of two people), is kept as it is.

    Examples
    --------
    >>> _captions_of_their_people(["ana", "bea", "bea seedlings", "the shed"], {2, 3})
    (['ana', 'bea', 'bea', 'the shed'], ['bea seedlings (bea)'])
    >>> _captions_of_their_people(["Ana Lopez", "Ana", "Bea", "ana lopez seedlings", "ana and bea"], {3, 4})[0]
    ['Ana Lopez', 'Ana', 'Bea', 'Ana Lopez', 'ana and bea']
    """
    people: dict[tuple[str, ...], str] = {}
    for index, name in enumerate(names):
        if name and index not in captions:
            people.setdefault(tuple(name.casefold().split()), name)
    named = list(names)
    read: list[str] = []
    for index in sorted(captions):
        name = names[index]
        if not name or tuple(name.casefold().split()) in people:
            continue
        words = name.casefold().split()
        held = [person for person in people if len(person) < len(words) and _holds(tuple(words), person)]
        # The longest name held, where one holds the others ("ana lopez" holds "ana"); two people apart: neither.
        longest = [person for person in held if not any(other != person and len(other) > len(person) and _holds(other, person) for other in held)]
        if len(longest) == 1:
            named[index] = people[longest[0]]
            read.append(f"{name} ({people[longest[0]]})")
    return named, read


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of ``words``."""
    return any(words[at : at + len(part)] == part for at in range(len(words) - len(part) + 1))


def _id_from_words(name: str) -> str:
    """A case id made of a name's words, joined by ``_`` ("chilcote lee" → "chilcote_lee")."""
    return "_".join(name.split())


#: An archive record's title that names whom it interviews ("Oral history interview with Hubert N. Alyea").
_INTERVIEW_WITH = re.compile(r"(?i)\binterviews?\s+with\s+(?P<name>[^,;:()\[\]]+?)\s*$")


def _record_name(row: Any) -> str | None:
    """Whom an oral-history record (a document's row) names as its one interviewee: OHMS ``<interviewee>``, TEI ``particDesc``, else its title.

    Examples
    --------
    >>> _record_name({"format": "ohms", "interviewee": "Ronald Duarte", "title": "Oral history interview with Ronald Duarte"})
    'Ronald Duarte'
    >>> _record_name({"format": "ohms", "title": "Oral history interview with Hubert N. Alyea"})
    'Hubert N. Alyea'
    >>> _record_name({"format": "txt", "title": "Interview with the mayor"}) is None  # a transcript's first line is no record's title
    True
    """
    said = row.get("interviewee")
    if isinstance(said, str) and said.strip():
        return said.strip() if ";" not in said else None  # two interviewees: no one person's name
    title = row.get("title")
    if row.get("format") in ("ohms", "tei") and isinstance(title, str) and (found := _INTERVIEW_WITH.search(title)):
        return found["name"].strip()
    return None


def _header_order_together(read: list[Any], stated: list[str | None]) -> tuple[list[str | None], str | None]:
    """The dates files state, those whose header line alone cannot tell day from month ("9-6-89") read in the order
    the folder's header lines that can tell say ("9-20-89": month first), as loading the folder reads them
    (:func:`._build.header_days`); and the template's note of what changed. ``read``: each file loaded alone.

    Examples
    --------
    >>> from types import SimpleNamespace as Loaded
    >>> alone = [Loaded(meta={"header_lines": {"a": "Interview with Ken, 9-6-89"}}), Loaded(meta={"header_lines": {"b": "Interview with Stu, 9-20-89"}})]
    >>> _header_order_together(alone, ["1989-06-09", "1989-09-20"])
    (['1989-09-06', '1989-09-20'], "1 header date(s) read month first (a: 1989-09-06), as the folder's other header dates that can tell say (b: 'Interview with Stu, 9-20-89')")
    """
    from ._build import _headers_order, header_order
    from ._segment import find_date

    lines = {
        index: next(iter(study.meta["header_lines"].items()))
        for index, study in enumerate(read)
        if study is not None and stated[index] and len(study.meta.get("header_lines") or {}) == 1
    }
    order = _headers_order([line for _, line in lines.values()], True)
    if order:
        return stated, None
    changed, moved = list(stated), []
    for index, (doc_id, line) in lines.items():
        if header_order(line) is None:  # the line alone says nothing of the order
            day = find_date(line, dayfirst=False)
            if day is not None and day.isoformat() != str(stated[index])[:10]:
                changed[index] = day.isoformat()
                moved.append(f"{doc_id}: {day.isoformat()}")
    if not moved:
        return stated, None
    told = next((f"{doc_id}: {line!r}" for doc_id, line in lines.values() if header_order(line) is not None), "")
    return changed, f"{len(moved)} header date(s) read month first ({', '.join(moved[:4])}{', …' if len(moved) > 4 else ''}), as the folder's other header dates that can tell say ({told})"


def _two_digit_dates_together(read: list[Any], stated: list[str | None], named: list[Any]) -> tuple[list[str | None], str | None]:
    """The dates files state, with those written "24.10.03" decided for the folder as loading decides them for a study:
    every such header of every file at once, against the folder's other dates (:func:`._build._year_first`), not each
    file alone ("24.02.30" in one file, with no 30 February, says the folder writes day first; "24.11.28" elsewhere
    can only be 2024, as 2028 is to come); and the template's note of what was decided. ``read``: each file loaded
    alone, ``named``: the dates file names give.

    Examples
    --------
    >>> from types import SimpleNamespace as Loaded
    >>> alone = [Loaded(meta={"two_digit_dates": {"a": ["2003-10-24", "2024-10-03"]}}), Loaded(meta={"two_digit_dates": {"b": ["2015-01-25", "2025-01-15"]}})]
    >>> _two_digit_dates_together(alone, ["2003-10-24", "2015-01-25"], [None, None])[0]
    ['2024-10-03', '2025-01-15']
    >>> alone.append(Loaded(meta={"two_digit_dates": {"c": ["2030-02-24", None]}}))
    >>> _two_digit_dates_together(alone, ["2003-10-24", "2015-01-25", "2030-02-24"], [None, None, None])[0]
    ['2003-10-24', '2015-01-25', '2030-02-24']
    """
    from ._build import _year_first

    pairs = {
        index: (date.fromisoformat(first), date.fromisoformat(other) if other else None)
        for index, study in enumerate(read)
        if study is not None and stated[index] and len(both := study.meta.get("two_digit_dates") or {}) == 1
        for first, other in both.values()
        if str(stated[index])[:10] in (first, other)
    }
    if not pairs:
        return stated, None
    known = [when for index, day in enumerate([*stated, *named]) if day and index not in pairs and (when := _iso_day(day)) is not None]
    year_first = _year_first(list(pairs.values()), known, date.today())
    changed = list(stated)
    for index, (first, other) in pairs.items():
        changed[index] = (other if year_first and other is not None else first).isoformat()
    moved = sum(changed[index] != str(stated[index])[:10] for index in pairs)
    if year_first:
        return changed, f"{len(pairs)} header date(s) written with dots and a two-digit year read year first (\"24.10.03\" is 2024-10-03), as the folder's other dates say"
    if year_first is None:
        return changed, f"{len(pairs)} header date(s) written with dots and a two-digit year read day first (\"24.10.03\" is 2003-10-24): nothing in the folder tells whether they are year first; check them"
    if moved:
        return changed, f"{len(pairs)} header date(s) written with dots and a two-digit year read day first (\"24.10.03\" is 2003-10-24), as the folder's other dates say"
    return changed, None


def _iso_day(value: object) -> date | None:
    """The day an ISO date written as text gives ("2024-10-03", "2024-10-03 00:00:00"), else None ("2025-03", a month)."""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _cases_named_after_their_interviewer(case_ids: list[str], rows: list[Any]) -> dict[str, str]:
    """Case id → a new id from the interviewee's name, for cases whose id spells their documents' interviewer.

    A course's folders are often named after the student who interviewed ("AnaReis/", "AnaReis" for "Ana Lima
    Reis" too); a file there whose front matter names "interviewer: Ana Reis" and "interviewee: Jorge Louro"
    (:func:`_record_name`) is Jorge Louro's interview. Only where the interviewee is one person and the new id is
    no other case's.

    Examples
    --------
    >>> _cases_named_after_their_interviewer(["AnaReis", "AnaReis", "Bo"], [None, {"interviewer": "Ana Reis", "interviewee": "Jorge Louro"}, None])
    {'AnaReis': 'Jorge_Louro'}
    """
    from ._segment import _unaccented

    def squeezed(words: str) -> str:
        return re.sub(r"[\W_]+", "", _unaccented(words)).lower()

    renamed: dict[str, str] = {}
    for case, row in zip(case_ids, rows):
        if row is None or not isinstance(asker := row.get("interviewer"), str) or (name := _record_name(row)) is None:
            continue
        new = _id_from_words(name)
        words = asker.split()
        # The folder spells the whole name or its first and last words ("DaniellaCavalheiro": Daniella Monteiro Cavalheiro).
        spells = squeezed(case) in (squeezed(asker), squeezed(f"{words[0]} {words[-1]}")) if words else False
        if spells and new not in case_ids and renamed.setdefault(case, new) != new:
            renamed[case] = ""  # two interviewees in one folder: no one person's case
    return {case: new for case, new in renamed.items() if new}


def _record_names(case_ids: list[str], rows: list[Any]) -> dict[str, str]:
    """Case id → the one interviewee its documents' records name (:func:`_record_name`); cases whose records name none, or two, left out."""
    names: dict[str, set[str]] = {}
    for case, row in zip(case_ids, rows):
        if row is not None and (name := _record_name(row)) is not None:
            names.setdefault(case, set()).add(name)
    return {case: next(iter(found)) for case, found in names.items() if len(found) == 1}


def folder_template(root: str | Path) -> str:
    r"""A ``study.yaml`` for a folder whose file names do not follow ``{case}_{wave}_{kind}``: one entry per file, guessed.

    Each readable file gets its own entry.  Its wave is read from its folders or
    name where one says it ("Wave 1/", "T2", "time 3", "Round 1", "Session 2",
    "Interview 2", "FU1", "baseline", "follow-up 2", a year folder "2020/";
    numbers most files do not share, as "T03", "T04" or "Interview 13", or beside names that each come with more of
    them than a person has waves, are participant codes, not waves), its case from the first folder or name part
    that differs between files once the wave, dates, kind words ("interview",
    "transcript", "notes"), words such as "final" or "anonymised" and the
    descriptors after a dash are taken out ("P01/T1.txt", "Data/Wave 1/P01.txt",
    "P01 interview wave 1.txt" and "Interview 2 - P01 - June 2021.txt" → P01;
    "Participant 14 -Female, 18" → 14), and its kind from such words (in a
    series named by date, a file that says none is a record where its case's
    others are).  Case ids differing only in letter case
    are one case.  A date in a file's name or folder is the document's date;
    where no name gives a wave, the dates make the waves (rounds of dates), and
    a series of records (minutes, meeting notes) named by date is one case.
    Minutes and notes beside dated interviews neither make nor break those
    rounds; alone in a case of their own (or in a folder of no interview) they
    are the study's, each at the wave its date falls in (:func:`._sections.wave_of_day`).
    A number closing the names, run from 1 under each ("entrevista Ana 1",
    "entrevista Ana 2", "entrevista Bea 1"), is the wave, decided per name: an
    un-numbered name beside them is at the first wave, and a role's numbered
    members ("Teacher 1", "Volunteer-lead 2") are a case each; beside names that
    give numbered waves, the files none places are numbered so among themselves.
    A month with no year after a person's name ("ana march", "ana september")
    is the wave (:func:`_months_in_names`), and a photo's caption whose name
    holds a person's and the photo's title ("photos/bea seedlings.txt") is that
    person's (:func:`_captions_of_their_people`).  A record named
    by nothing but its date and kind, or its date and a record's title
    ("Minutes of …"), is the study's; a reflective report named for a person is
    theirs.
    Where nothing says, each file has a placeholder case of its own (``C01``,
    ``C02``…) and wave ``W1``.  With waves, ids are ``{case}_{wave}_{kind}``.
    ``speakers:`` lists the labels whose role needs saying (an interviewer, the one
    asking most of the questions in a transcript without one), not a participant's
    label loading reads as one anyway (often a name: ``study.yaml`` travels).
    Everything guessed is to be checked: the header says so, and says what each
    guess rested on.

    Parameters
    ----------
    root : str or Path
        The folder.

    Returns
    -------
    str
        The manifest's YAML text.

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = open(os.path.join(folder, "interview with ann.txt"), "w").write("Interviewer: Hi?\nAnn: Hello.\n")
    >>> print(folder_template(folder).split("documents:")[1].strip())
    - path: interview with ann.txt
      case: ann
      wave: W1
      kind: interview
    """
    import yaml

    from ._readers import READERS

    folder = Path(root)
    files = readable_files(folder)
    # Each file's first line is read once, whichever guess asks for it (a record's title, a guide's, a report's date).
    first_line = cache(_first_line)
    if not files:
        from ._responses import exports_hint

        raise SourceNotFoundError("the folder holds no file qlr can read", path=folder, hint=f"qlr reads {', '.join(sorted(READERS))}{exports_hint(folder)}")
    guessed: list[str] = []  # what the guesses rested on, said in the header
    # Photographs (a photovoice study's, beside their captions) are not text: said, not passed over.
    everything = natsorted(folder.rglob("*"), key=lambda p: p.as_posix())
    guessed += files_not_read(folder, everything)
    # A text beside a photo of its name ("bea seedlings.txt" beside "bea seedlings.jpg") is the photo's caption.
    photographed = {(p.parent, p.stem.casefold()) for p in everything if p.suffix.lower() in IMAGES}
    readable = set(files)
    files, copies = _one_format_each(files)
    if copies:
        # Whisper's .lrc and .tsv beside them are copies too, in formats qlr does not read: named, not passed over.
        groups = {(kept.parent, kept.stem.lower()) for _, kept in copies}
        unread = [p for p in everything if p.is_file() and (p.parent, p.stem.lower()) in groups and p not in readable]
        guessed.append(
            "the same transcript or note in several formats (as Whisper and Google Keep write them), one listed: "
            + first_few([f"{copy.relative_to(folder).as_posix()} (as {kept.name})" for copy, kept in copies], shown=4)
            + (f"; beside them in formats qlr does not read, not listed: {first_few([p.relative_to(folder).as_posix() for p in unread], shown=4)}" if unread else "")
        )
    files, same = _one_copy_each(files, folder)
    if same:
        guessed.append(
            "the same file byte for byte in two places (a copy kept in another folder, 'Final/'), one listed: "
            + first_few([f"{copy.relative_to(folder).as_posix()} (as {kept.relative_to(folder).as_posix()})" for copy, kept in same], shown=4)
        )
        copies = [*copies, *same]
    files, translations, unsaid = _one_language_each(files)
    if translations:
        guessed.append(
            "the same interview twice, in two languages or as an original and its copy (a name ending in a language's code, "
            "or 'original', beside the same name), one listed: " + first_few([f"{copy.relative_to(folder).as_posix()} (as {kept.name})" for copy, kept in translations], shown=4)
        )
    files, drafts = _one_edit_each(files)
    if drafts:
        guessed.append(
            "an interview's raw transcript beside its edited one (the name says so, 'raw' or 'bruto', and most words are the same), "
            "the edited one listed: " + first_few([f"{draft.relative_to(folder).as_posix()} (as {kept.name})" for draft, kept in drafts], shown=4)
        )
        copies = [*copies, *drafts]
    relative = [file.relative_to(folder) for file in files]
    # A name's language code names no one: "Cantor-transcript-en.md" beside others' originals is Cantor's.
    named = [unsaid.get(file, file).relative_to(folder) for file in files]
    accessions = [record_accessions(file) for file in files]
    guesses = [_guess_from_path(path, accessions=said) for path, said in zip(named, accessions)]
    echoes = [g.echoes for g in guesses if g.echoes is not None]
    if echoes and all(echoes):
        # Every name below a wave's folder repeats its number ("Wave 2/P1 T2.txt", "Wave 1/Ali - interview 1.txt"):
        # the wave again, not the person ("Wave 1/T07.txt" beside "Wave 1/T08.txt" are participants: their numbers
        # do not follow the folders). Decided first: "interview 1" is otherwise read as a participant's number.
        guesses = [_guess_from_path(path, echoed=True, accessions=said) for path, said in zip(named, accessions)]
        guessed.append(f"a wave's number in {len(echoes)} name(s) below the wave's folder repeats the folder's: the wave, not part of the case")
    copied = _coders_copies(files, guesses)
    # A caption named {case}_{wave}_{photoN} ("Ana_W1_photo1.txt") gives its wave as the convention does: no number that
    # says whether the free names' numbers are waves, and its own read as a wave whatever they are (not a case "Ana_W1").
    by_convention = {path for path in named if photo_word(path.stem.rsplit("_", 1)[-1]) and name_parts(path) is not None}
    weighed = [g._replace(wave=None) if path in by_convention else g for path, g in zip(named, guesses)]
    if _numbers_are_codes(weighed, copied=_one_interview_each(weighed, copied)):
        if copied:
            # Two coders' copies of one interview: one listed, the others left out on purpose (exclude:), not counted twice.
            guessed.append(
                "the same interview under two names at one number (coders' copies: the same words), one listed: "
                + first_few([f"{relative[index].as_posix()} (as {files[kept].name})" for index, kept in copied.items()], shown=4)
            )
            copies = [*copies, *((files[index], files[kept]) for index, kept in copied.items())]
            kept_at = [index for index in range(len(files)) if index not in copied]
            files, relative, named, accessions = ([items[index] for index in kept_at] for items in (files, relative, named, accessions))
        guesses = [
            _guess_from_path(path, numbered=path in by_convention, accessions=said) for path, said in zip(named, accessions)
        ]
        guessed.append(
            "numbers most files do not share, or seen beside names that each come with more of them than a person has waves "
            "(as 'Interview 13', 'T03'), or that neither begin at a first wave nor run in turn ('Interview 3', 'Interview 5'), "
            "are read as participants, not waves"
        )
    guesses, described = _wave_folders_described(guesses)
    if described:
        guessed.append(f"the words beside the wave in the wave folders' names describe the waves, naming no one: {first_few(described, shown=4)}")
    numbered = _numbered_interviews(guesses)
    merged_numbers: list[str] = []  # the names whose numbers were read as waves, for a '# Check:' line
    if numbered is not None:
        merged_numbers = natsorted({new.candidates[-1] for old, new in zip(guesses, numbered) if new.candidates[-1] != old.candidates[-1]})
        guesses = numbered
        guessed.append(
            "a number closing the names, run from 1 under each name ('entrevista Ana 1', 'entrevista Ana 2', "
            "'entrevista Bea 1'), is that person's interview's, the wave: the name before it is the case; a name with no "
            "number beside them ('entrevista Bea'), or a role's numbered member ('Teacher 1'), is that person's one interview, "
            "at the first wave"
        )
    months = _months_in_names(guesses)
    if months is not None:
        guesses = months[0]
        guessed.append(
            "a month with no year after a person's name is when they were seen, not their name"
            + (", the wave, in the months' order round the year from the widest gap between them (to check where the study ran over a year's end)" if months[2] else "")
            + f": {first_few(months[1], shown=4)}"
        )
    keys = natsorted({g.wave for g in guesses if g.wave is not None})
    # A wave's label as its folder writes it ("Wave 2/"), where one does, else as its first file's name: a photo's name
    # ("Rose_W2_photo1.txt") sorted before the wave's folder does not make the waves "Wave 1", "W2", "W3".
    labels = {key: next((g.label for g in guesses if g.wave == key and g.wave_folder is not None), next(g.label for g in guesses if g.wave == key)) for key in keys}
    if keys and all(key[0] == 1 and key[1] < 1000 for key in keys):
        ids = {key: f"W{key[1]}" for key in keys}  # "Wave 10" is W10
    else:
        ids = {key: f"W{rank}" for rank, key in enumerate(keys, 1)}  # baseline, follow-up; 2019, 2020
    waves: list[dict[str, Any]] = [{"id": ids[key], "label": labels[key]} for key in keys] or [{"id": "W1", "label": "Wave 1"}]
    if keys:
        guessed.append("waves from the names, in order: " + ", ".join(f"{ids[key]} {labels[key]!r}" for key in keys))
    when = [g.day or (f"{g.month}-01" if g.month else None) for g in guesses]
    # Dates make the waves where at least half the files that could be someone's interview carry one: minutes and
    # field notes beside dated interviews ("minutes/steering.txt", "notes/fieldnotes.md") do not outvote them.
    counted = [w for w, g in zip(when, guesses) if g.kind not in _STUDY_MATERIAL] or when
    dated = not keys and sum(w is not None for w in counted) >= max(2, (len(counted) + 1) // 2)
    unnamed = iter(f"C{i:02d}" for i in range(1, len(files) + 1))
    # The interviews' names decide the study's code: minutes and reports beside them may not carry it.
    whole = _cases_from([g.candidates for g in guesses])
    names, code = _without_study_code(whole, deciding=[g.kind not in _STUDY_MATERIAL for g in guesses])
    if code is not None:
        without = [relative[i].as_posix() for i, (before, after) in enumerate(zip(whole, names)) if before and before == after]
        guessed.append(
            f"{code!r}, which every " + ("interview's " if without else "") + "name holds beside a person's id, is the study's code, not part of a case"
            + (f" (names without it kept whole: {first_few(without, shown=4)})" if without else "")
        )
    # A photo's caption is its author's writing, whose name may be the photo's title too ("photos/bea seedlings.txt").
    captions = {
        index for index, (file, path) in enumerate(zip(files, relative))
        if any(photo_word(word) for word in re.split(r"[\W_]+", path.with_suffix("").as_posix())) or (file.parent, file.stem.casefold()) in photographed
    }
    names, titled_captions = _captions_of_their_people(names, captions)
    if titled_captions:
        guessed.append(f"photo captions whose names hold a person's the other files name, and the photo's title: that person's: {first_few(titled_captions, shown=4)}")
    # A caption known by its photo says no kind in its name: its author's writing, a document as a photo's word makes it.
    kinds = [g.kind or ("document" if index in captions else None) for index, g in enumerate(guesses)]
    # A file named by nothing but its date ("2026-03-14.txt") says its kind in its title ("Minutes of the steering group").
    # So does one in a folder that says no kind ("records/2025-04-02.txt"): the folder's name names no one.
    titled = [
        index for index, (name, kind, g) in enumerate(zip(names, kinds, guesses))
        if (name is None or not g.candidates[-1].strip()) and kind is None and (g.day or g.month) and _titled_record(first_line(files[index]))
    ]
    for index in titled:
        kinds[index] = "document"
        names[index] = None
    if titled:
        guessed.append(f"records by their title ('Minutes of …', 'Meeting notes'), their names only a date: {first_few([relative[i].as_posix() for i in titled], shown=4)}")
    # An interview guide kept beside the transcripts ("2018-02-05-attendee-interview.md" titled "Attendee Interview
    # Script"; "interview guide.docx" says so in its name): the study's questions, a document, naming no one.
    # One whose name holds a person's id besides ("P01 follow-up questions.txt") is that person's.
    guides = [index for index, g in enumerate(guesses) if g.kind == "document" and names[index] is None and guide_in_words([w for w in re.split(r"[\W_]+", relative[index].stem) if w]) == "study"]
    guides += [
        index for index in range(len(files))
        if index not in guides and kinds[index] != "document" and titled_guide(files[index], [w for w in re.split(r"[\W_]+", relative[index].stem) if w], first_line(files[index]))
    ]
    for index in guides:
        kinds[index] = "document"
        names[index] = None
    if guides:
        guessed.append(f"interview guides by their name or title (the study's questions, no one's interview): {first_few([relative[i].as_posix() for i in guides], shown=4)}")
    if dated and (all(name is None for name in names) or _one_body(names, kinds)):
        # Files named by their date alone ("minutes/2015-01-14.md", "Group/2025-06-17/meeting-notes.md"), or
        # records of meetings each under a title of its own: one series, the folder's.
        names = [folder.resolve().name] * len(files)
        guessed.append(f"files named by date: one series, case {names[0]!r}")
    # Ids without spaces ("chilcote lee" is chilcote_lee); the words as the name wrote them are the label.
    spelled = {_id_from_words(name): name for name in names if name is not None}
    # A guide takes a placeholder after the people's (it goes to the study's material below): C01 stays the first person's.
    case_ids = [_id_from_words(name) if name is not None else (None if index in guides else next(unnamed)) for index, name in enumerate(names)]
    case_ids = [case if case is not None else next(unnamed) for case in case_ids]
    respelled = _one_spelling(case_ids)
    if respelled:
        case_ids = [respelled.get(case, case) for case in case_ids]
        guessed.append("case ids differing only in letter case are one case: " + first_few([f"{a} → {b}" for a, b in natsorted(respelled.items())], shown=4))
    # In a series named by date, a file that says no kind is a record as its case's others say they are
    # ("2008-03-council.md" among "…-minutes.md"); anything else that says none is an interview.
    said = {case: {k for c, k in zip(case_ids, kinds) if c == case and k} for case in set(case_ids)}
    filled = [kind or ("document" if dated and said[case] == {"document"} else "interview") for case, kind in zip(case_ids, kinds)]
    taken = [relative[i].as_posix() for i, (kind, full) in enumerate(zip(kinds, filled)) if kind is None and full != "interview"]
    if taken:
        guessed.append(f"kind from the other files of their case: {first_few(taken, shown=4)}")
    wave_ids: list[str | None] = [ids[g.wave] if g.wave is not None else None for g in guesses]
    days: list[str | None] = [g.day for g in guesses]
    rounds_found = False
    if dated:
        # Waves are rounds of dates, as for files named {case}_{date}: one decision for both (_waves_from_dates).
        # A record or notes whose name gives no date is not a round's (no wave here: placed by its own date below).
        specs = [
            _DocSpec(path=file, doc_id=document_stem(file), case=case, wave=day or (None if kind in _STUDY_MATERIAL else "W1"), kind=kind)
            for file, case, day, kind in zip(files, case_ids, when, filled)
        ]
        rounds = _waves_from_dates(specs)
        if rounds is not None:
            waves = [
                {"id": w["wave_id"], "label": w["label"], **({"start": str(w["start"]), "end": str(w["end"])} if w["start"] else {})}
                for w in rounds[0]
            ]
            wave_ids = [spec.wave for spec in specs]
            guessed.append(rounds[1])
            rounds_found = True
    elif keys:
        # Waves named in the names span their documents' dates.
        for wave in waves:
            inside = sorted(day for day, wave_id in zip(days, wave_ids) if wave_id == wave["id"] and day)
            if inside:
                wave.update(start=inside[0], end=inside[-1])
    if any(days):
        guessed.append(f"dates in the names are the documents' dates: {sum(map(bool, days))} file(s)")
    months = [relative[i].as_posix() for i, g in enumerate(guesses) if g.month and not g.day]
    if months:
        guessed.append(f"a month, not a day, in {len(months)} name(s) ({first_few(months, shown=2)}): no date written" + ("; it orders the waves (the 1st)" if dated else ""))
    # Each file read alone, as loading reads it: the date it states (an archive record's, a header's) and whom its record names.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the template itself is the answer to what loading would warn about
        read = [_readable(file) for file in files]
    rows = [study.documents.iloc[0] if study is not None and len(study.documents) == 1 else None for study in read]
    # A file holding a person's interviews of several waves under headings: loading reads one document per interview.
    held = [len(study.documents) if study is not None and len(study.documents) > 1 else 0 for study in read]
    stated = [str(row["date"])[:10] if row is not None and not pd.isna(row["date"]) else None for row in rows]
    stated, month_first = _header_order_together(read, stated)
    if month_first:
        guessed.append(month_first)
    stated, two_digit = _two_digit_dates_together(read, stated, days)
    if two_digit:
        guessed.append(two_digit)
    # A transcript whose name says no kind, in which many voices take turns, is a focus group's, not an interview.
    grouped = [index for index, study in enumerate(read) if kinds[index] is None and filled[index] == "interview" and _many_voices(study)]
    for index in grouped:
        filled[index] = "focus_group"
    if grouped:
        guessed.append(
            f"kind focus_group where the name says none and {_GROUP_VOICES} or more voices besides the interviewer take turns: "
            + first_few([relative[index].as_posix() for index in grouped], shown=4)
        )
    # A note's own front matter ("participant: P01", "wave: W2") says whose it is: it wins over guesses from names.
    from ._readers import whose_note

    told = []
    for index, file in enumerate(files):
        said = whose_note(file)
        if not said.get("case") and not said.get("wave"):
            continue
        case_ids[index] = said.get("case") or case_ids[index]
        wave_ids[index] = said.get("wave") or wave_ids[index]
        filled[index] = said.get("kind") or (kinds[index] or "observation")
        days[index] = str(said["date"]) if said.get("date") else days[index]
        told.append(relative[index].as_posix())
        if said.get("wave") and all(wave["id"] != said["wave"] for wave in waves):
            waves.append({"id": said["wave"], "label": said["wave"]})
    if told:
        if not keys and not dated and all(wave_id is not None for wave_id in wave_ids):
            waves = [wave for wave in waves if wave["id"] in set(wave_ids)]  # no placeholder W1 where every file says its wave
        if not keys and not dated:
            # The notes' own waves, ordered as loading orders waves nothing declares (their dates, else their names).
            when: dict[str, list[date]] = {}
            for day, found, wave_id in zip(days, stated, wave_ids):
                if wave_id and (day or found):
                    when.setdefault(str(wave_id), []).append(date.fromisoformat(str(day or found)[:10]))
            decided = order_waves(natsorted(str(wave["id"]) for wave in waves), dates=when)
            waves = sorted(waves, key=lambda wave: decided.waves.index(str(wave["id"])))
            if decided.how != "in natural order":
                guessed.append(f"waves {decided.how}: {', '.join(decided.waves)}")
        guessed.append(f"case and wave from the notes' own front matter (participant: or case:, wave:): {first_few(told, shown=4)}")
    # A folder named after the student who interviewed (its file's front matter: "interviewer: Ana Reis" in "AnaReis/",
    # "interviewee: Jorge Louro") holds Jorge Louro's interview: the case is the person interviewed, for all its files.
    asker_named = _cases_named_after_their_interviewer(case_ids, rows)
    if asker_named:
        case_ids = [asker_named.get(case, case) for case in case_ids]
        guessed.append("cases named after whom their files' front matter says they interview, not the interviewer their folder is named after: " + first_few([f"{old} → {new}" for old, new in asker_named.items()], shown=4))
    from_files = [path.as_posix() for path, day, found in zip(relative, days, stated) if found and not day]
    if from_files:
        guessed.append(f"dates the files state (an archive record's, a header's), as loading reads them: {first_few(from_files, shown=4)}")
    days = [day or found for day, found in zip(days, stated)]
    days, from_readme = _readme_dates(files, days)
    if from_readme:
        guessed.append(f"dates the README beside the only transcript in its folder states, as the transcript's: {first_few(from_readme, shown=4)}")
    # Where names give waves, a file none places ("Diaries/Dev diary.txt" beside "Wave 1/…") spans no wave's dates.
    # So too, where dates made the waves, a record or notes whose name gives no date.
    loose = {index for index, (wave_id, count) in enumerate(zip(wave_ids, held)) if (keys or rounds_found) and wave_id is None and not count}
    for wave in waves:
        # A wave spans its documents' dates where every one of them is dated.
        inside = [day for index, (day, wave_id) in enumerate(zip(days, wave_ids)) if index not in loose and (wave_id or waves[0]["id"]) == wave["id"]]
        if "start" not in wave and inside and all(inside):
            wave.update(start=min(inside), end=max(inside))
    sectioned = [path.as_posix() for path, wave_id, count in zip(relative, wave_ids, held) if count and wave_id is None]
    if sectioned:
        from ._sections import new_wave_id

        # Enough waves for the interviews the files hold: each is read at the wave its heading numbers, in order.
        needed = max(read[index].waves["order"].max() for index, (wave_id, count) in enumerate(zip(wave_ids, held)) if count and wave_id is None)
        taken = {wave["id"] for wave in waves}
        for position in range(len(waves) + 1, int(needed) + 1):
            wave_id = new_wave_id(position, taken)
            taken.add(wave_id)
            waves.append({"id": wave_id, "label": f"Wave {position}"})
        guessed.append(
            f"files holding several interviews, each under a heading of its own ('wave: headings'): each interview is read at "
            f"the wave its heading numbers: {first_few(sectioned, shown=4)}"
        )
    # The files' speaker labels, read as loading each alone would read them: edit the roles here.
    loaded = [(alone, case) for alone, case in zip(read, case_ids) if alone is not None]
    speakers, own_speakers, unsaid = _speakers_entry(*(alone for alone, _ in loaded), people=case_ids, file_cases=[case for _, case in loaded])
    # A document alone in its case beside people's interviews ("documents/Project_plan.pdf") is the study's
    # material, not a participant: no case (a series of records named by date is a case: see above). So are
    # field notes named by whoever wrote them, the study's interviewer ("Field notes/fieldnotes_Rosa.md" beside
    # "Rosa:" asking the questions; "Brown family/field notes 1.md" stays the family's), and a focus group whose
    # name says no one ("Focus group Sept 2025.txt"; "Northside focus group.txt" stays Northside's): its speakers
    # are the study's people, and a case of its own would be one more "participant" who dropped out.
    per_case = Counter(case_ids)
    interviewed = {case for case, kind in zip(case_ids, filled) if kind == "interview"}
    interviewers = {_id_from_words(str(label)).casefold() for label, role in speakers.items() if role == "interviewer"}
    # A person's id ("P3"), or one word ("Ann"), names a participant whose only file is a report: their case stays.
    # A photo's caption (``captions``, above) is its author's writing ("Rose Smith photo.txt", "Photovoice/Kofi Mensah.txt"), never the study's.
    # So is a reflective report named for its writer ("Rose Smith reflective report.txt"), as their diary would be.
    stems = [[word for word in re.split(r"[\W_]+", path.stem) if word] for path in relative]
    # A team's ("Research team reflexive account.txt") is the study's: its writers are the study's people.
    reflective = {
        index for index, words in enumerate(stems)
        if any(_reflective_at(words, at) for at in range(len(words))) and not _COLLECTIVE_WORDS & {word.casefold() for word in words}
    }
    summaries = {
        index for index, words in enumerate(stems)
        if _SUMMARY_WORDS & {word.casefold() for word in words} and names[index] is not None
        and not _PERSON_ID.fullmatch(case_ids[index]) and all(word.casefold() in english_words() for word in _name_words_of(case_ids[index]))
    }
    # An interview guide is the study's, beside one interview or many.
    study_level = {index for index in guides if per_case[case_ids[index]] == 1 and case_ids[index] not in interviewed} | {
        index for index, (case, kind) in enumerate(zip(case_ids, filled))
        # Where waves are rounds of dates, a record is one of a dated series, but a focus group or notes named by no
        # one are still the study's ("grupo_focal_2026-07-20.txt", "diario_de_campo.md" beside "entrevista_Rosa_2026-07-10.txt").
        # A folder of records and notes alone (no interview at all) is the study's material too: no file is a participant.
        # So is a record named by nothing but its date and kind ("2025-03-12 minutes.txt", or "2026-03-14.txt" headed
        # "Minutes of …"), dated rounds or not: a placeholder participant C01 it was, placed by its date now.
        if kind in ("document", "observation", "focus_group")
        and (not dated or kind != "document" or not (guesses[index].day or guesses[index].month) or (names[index] is None and index not in captions))
        and per_case[case] == 1 and case not in interviewed and (len(interviewed) >= 2 or not interviewed)
        and (
            (kind in ("focus_group", "observation", "document") and names[index] is None and index not in captions)  # "Focus group Sept 2025"
            or (kind == "observation" and case.casefold() in interviewers)
            or (kind == "document" and len(_name_words_of(case)) >= 2 and not _PERSON_ID.fullmatch(case) and index not in captions | reflective)
            # A summary whose name holds no one's but words ("Summary of findings.md", "results_summary.md") is the
            # study's; one beside a person's interview ("Ann-summary.md") is that person's, as is one named by an id.
            or (kind == "document" and index in summaries)
        )
    }
    if study_level:
        guessed.append(
            "documents, field notes and focus groups alone in a case of their own "
            + ("beside interviews" if interviewed else "in a folder of no interview (no one in it is a participant)")
            + f" are the study's material (no case): {first_few([relative[i].as_posix() for i in sorted(study_level)], shown=4)}"
        )
    # Notes alone in a case nobody is interviewed in ("fieldnotes_Rosa.md" where the interviewer is "Interviewer:"): whose
    # they are is the researcher's to say; kept as the case, and said.
    lone_notes = [
        f"{relative[index].as_posix()} ({case})"
        for index, (case, kind) in enumerate(zip(case_ids, filled))
        if kind == "observation" and names[index] is not None and index not in study_level and per_case[case] == 1
        and case not in interviewed and len(interviewed) >= 2
    ]
    if lone_notes:
        guessed.append(
            f"notes alone in a case no one is interviewed in, kept as that case; if the name is the notes' author, not "
            f"whom they are about, take the case out of the entry: {first_few(lone_notes, shown=4)}"
        )
    # A file no name places (a case's, or the study's records and notes) goes to the wave its date falls in: the wave
    # whose dates hold it, else, between waves, the wave in progress (as loading reads dated entries); said. A case's
    # file with no such date goes to the first wave, the study's to none.
    # A reflective report's first line may date it ("Reflective report, March 2026"): its wave by that date, the 1st
    # of a month; a month is no day, so no date is written.
    headed: dict[int, str] = {}
    headed_as: dict[int, str] = {}  # as the line says it: "date 2026-03-12", "month 2026-03"
    for index in sorted(reflective - study_level):
        if not days[index] and index in loose:
            _, day, month = _when_in([first_line(files[index])[:80]])
            if day or month:
                headed[index] = day or f"{month}-01"
                headed_as[index] = f"date {day}" if day else f"month {month}"
    by_date, between, to_first, by_entries = [], [], [], {}
    for index in sorted(loose | study_level):
        entry_parts = _entry_parts_of(read[index], filled[index], waves)
        if entry_parts is not None:
            # A diary or notes whose entries are dated: each at the wave in progress on its date, as loading reads 'wave: dates'.
            if index not in study_level or len(entry_parts) > 1 or index in loose:
                by_entries[index] = entry_parts
                if len(entry_parts) == 1:
                    wave_ids[index] = entry_parts[0]
            continue
        if index in study_level and index not in loose and wave_ids[index] is not None:
            continue  # its folders or name give its wave ("Wave 2/Newsletter.pdf")
        spans = [(str(w["id"]), date.fromisoformat(str(w["start"])), date.fromisoformat(str(w["end"]))) for w in waves if w.get("start") and w.get("end")]
        on = days[index] or headed.get(index)
        holder, held_by = wave_of_day(date.fromisoformat(str(on)[:10]), spans) if on else (None, False)
        if not held_by and len(spans) != len(waves):
            holder = None  # between dated waves, an undated one may be the wave in progress; a wave's own dates still hold it
        if holder is not None:
            wave_ids[index] = holder
            said = f"its first line's {headed_as[index]}" if index in headed else on
            (by_date if held_by else between).append(f"{relative[index].as_posix()} ({said}: {holder})")
        elif index not in study_level:
            undated = ", ".join(str(w["id"]) for w in waves if not (w.get("start") and w.get("end")))
            where = f"in no dated wave's dates, and {undated} undated" if undated and spans else "in no wave's dates"
            to_first.append(relative[index].as_posix() + (f" (dated {days[index]}, {where})" if days[index] else ""))
    if by_date:
        guessed.append(f"no wave in the name: at the wave whose dates hold the file's date: {first_few(by_date, shown=4)}")
    if between:
        guessed.append(f"no wave in the name, dated between waves: at the wave in progress on its date (the last begun by then), to check: {first_few(between, shown=4)}")
    if by_entries:
        guessed.append(
            "no wave in the name: a diary's or notes' dated entries at the wave in progress on their dates (the last "
            "begun by then; 'wave: dates' where they run over several, one document per wave): "
            + first_few([f"{relative[index].as_posix()} ({', '.join(parts)})" for index, parts in by_entries.items()], shown=4)
        )
    if to_first:
        guessed.append(f"no wave in the name, nor a date in a wave's dates: put at the first wave, {waves[0]['id']}, to check: {first_few(to_first, shown=4)}")
    unplaced = [f"{relative[i].as_posix()} ({days[i]})" for i in sorted(study_level) if days[i] and wave_ids[i] is None and i not in by_entries]
    if unplaced:
        guessed.append(
            "the study's dated material at no wave, as no wave's dates hold its date"
            + ("" if any(w.get("start") for w in waves) else " (the waves have no dates yet)")
            + f": give each entry its 'wave:', or the waves 'start:'/'end:' and the entries 'wave: dates' (each read at the wave its date falls in): {first_few(unplaced, shown=4)}"
        )
    documents = []
    given: set[str] = set()
    stems = Counter(document_stem(path) for path in relative)
    for index, (path, case, wave_id, day, kind, count) in enumerate(zip(relative, case_ids, wave_ids, days, filled, held)):
        entry: dict[str, Any] = {"path": path.as_posix()}
        if index in study_level:
            # Its wave only where its folders or name give one ("Wave 2/Newsletter.pdf").
            wave = "dates" if len(by_entries.get(index, ())) > 1 else wave_id
            entry.update({"kind": kind, **({"wave": wave} if wave else {}), **({"date": day} if day else {})})
            documents.append(entry)
            continue
        if len(by_entries.get(index, ())) > 1:
            entry.update({"id": _unique_id(f"{case}_{kind}", given | set(stems), given), "case": case, "wave": "dates", "kind": kind})
            documents.append(entry)
            continue
        if count and wave_id is None:
            # Its interviews' ids are this one's with their waves ("Ann_W2"): one the case gives, as two
            # people's files may share a name ("Ann/transcript.txt", "Bo/transcript.txt").
            other_stems = {stem for stem in stems if stem != document_stem(path)}
            entry.update({"id": _unique_id(case, given | other_stems, given), "case": case, "wave": "headings", "kind": kind})
            documents.append(entry)
            continue
        wave_id = wave_id or waves[0]["id"]
        if keys or dated or stems[document_stem(path)] > 1:
            # Ids that say case, wave and kind, as a {case}_{wave}_{kind} name would ("P01/T1.txt" is not "T1"), and
            # where two files share a name ("Ann/transcript.txt", "Bo/transcript.txt"), which would give one id twice.
            entry["id"] = _unique_id(f"{case}_{wave_id}_{kind}", given, given)
        entry.update({"case": case, "wave": wave_id, "kind": kind})
        if day:
            entry["date"] = day
        documents.append(entry)
    # A person's two interviews the names and dates could not put in waves of their own: one wave holds both, said
    # (two sessions of one interview, or a wave to give one of them).
    together: dict[tuple[str, str], list[str]] = {}
    for entry in documents:
        if entry.get("kind") == "interview" and entry.get("case") and entry.get("wave") not in (None, "dates", "headings"):
            together.setdefault((entry["case"], entry["wave"]), []).append(entry["path"])
    doubled = [
        f"{case} at {wave} ({', '.join(paths) if len(paths) == 2 else f'{len(paths)}: ' + first_few(paths, shown=2)})"
        for (case, wave), paths in natsorted(together.items())
        if len(paths) > 1
    ]
    checks = []  # what the researcher must look at before loading: a '# Check:' line each
    if doubled:
        checks.append(
            f"{len(doubled)} case(s) with more than one interview in one wave, which nothing in the names or dates "
            f"put in waves of their own: {first_few(doubled, shown=4)}; give each its 'wave:' (and the waves their dates), or keep "
            "them together if they are one interview's sessions"
        )
    # Cases whose names differ only by a closing number ("Ana 1", "Ana 2" alone): one person's interviews, or two.
    by_name: dict[str, list[str]] = {}
    for case in dict.fromkeys(case_ids[i] for i in range(len(case_ids)) if i not in study_level):
        if (match := _CLOSING_NUMBER.fullmatch(spelled.get(case, case))) is not None:
            by_name.setdefault(match["name"], []).append(case)
    alike = [f"{', '.join(cases)} ({name!r})" for name, cases in natsorted(by_name.items()) if len(cases) > 1 and not _names_a_group_member(name)]
    # A case holding nothing but its writer's reflective report is a participant of the study only if the writer is one.
    only_reflective = [
        f"{relative[index].as_posix()} ({case_ids[index]})"
        for index in sorted(reflective - study_level)
        if per_case[case_ids[index]] == 1 and case_ids[index] not in interviewed
    ]
    if only_reflective and interviewed:
        checks.append(
            f"case(s) holding only a reflective report, no interview: {first_few(only_reflective, shown=4)}; if its writer is the "
            "study's (a researcher, a coordinator), not a participant, take 'case:' and 'wave:' out of the entry so it is "
            "the study's document, and the case out of cases:"
        )
    if merged_numbers:
        checks.append(
            f"the numbers closing the names of {first_few([repr(name) for name in merged_numbers], shown=4)} were read as each person's "
            "interviews, one a wave; if they number different people, or one interview's sessions, give each file its own case"
        )
    if alike:
        checks.append(
            f"cases whose names differ only by a closing number, perhaps one person's interviews: {first_few(alike, shown=4)}; if so, "
            "give their entries one case and each its wave (the number, or the file's date)"
        )
    # In natural order ("P4 all interviews.txt" above the wave folders is P4, after P1-P3).
    seen = natsorted(dict.fromkeys(case for index, case in enumerate(case_ids) if index not in study_level))
    recorded = _record_names(case_ids, rows)
    if recorded:
        guessed.append("case labels from whom the records say they interview: " + first_few([f"{case} ({name})" for case, name in recorded.items()], shown=4))
        shared = {name: [case for case, named in recorded.items() if named == name] for name in set(recorded.values())}
        twice = [f"{', '.join(natsorted(cases))} ({name})" for name, cases in natsorted(shared.items()) if len(cases) > 1]
        if twice:
            guessed.append(f"records of one person under two cases, to give one case if they are: {first_few(twice, shown=4)}")
    data = {
        "name": folder.resolve().name,
        "waves": waves,
        "cases": [{"id": case, "label": recorded.get(case) or spelled.get(case, case), "role": "participant"} for case in seen],
        "documents": documents,
    }
    spoken = _group_speakers(data["cases"], read, speakers, [(index, files[index]) for index in sorted(study_level) if filled[index] == "focus_group"])
    if spoken:
        guessed.append(
            "focus groups' speakers named as the study's cases, whose turns count for them (their entry's 'speakers:'; "
            "'speaker_cases: off' keeps a group's talk the study's): "
            + first_few([f"{relative[index].as_posix()} ({', '.join(f'{label}: {case}' for label, case in labels.items())})" for index, labels in spoken.items()], shown=4)
        )
    for index, (file, entry) in enumerate(zip(files, documents)):
        # Each file was read alone, so its document's source is its own path.
        own = {**(own_speakers.get(str(file)) or own_speakers.get(file.name) or {}), **spoken.get(index, {})}
        if own:
            entry["speakers"] = own
        entry.update(template_options(file))  # a transcript table of several columns of words: the one read, to change
    if speakers:
        data["speakers"] = speakers
    if copies or translations:
        # The other formats and languages of a transcript listed once: left out on purpose, not forgotten.
        data["exclude"] = [copy.relative_to(folder).as_posix() for copy, _ in [*copies, *translations]]
    header = (
        "# study.yaml: written by `qlr info --template` for files whose names are not\n"
        "# {case}_{wave}_{kind}. Case, wave and kind were guessed from folder and file names\n"
        "# (a file where nothing said has a case of its own and the first wave): check each\n"
        "# entry, give one case to the files of one person, and add wave dates.\n"
        + _speakers_header(unsaid)
    )
    header += "".join(f"# Guessed: {line}\n" for line in guessed)
    header += "".join(f"# Check: {line}\n" for line in checks)
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


#: The voices, besides the interviewer's, each taking two turns or more, that make a transcript a focus group's.
_GROUP_VOICES = 4


def _many_voices(study: Any) -> bool:
    """Whether a file read alone (its one document) has ``_GROUP_VOICES`` labelled voices or more, not the
    interviewer's, each taking two turns or more: a focus group's talk, where its name says no kind.

    Where the interviewer speaks, each voice must speak after two or more of the interviewer's turns: a group's
    members answer the moderator again and again, while people an interviewee quotes ("Mary: We need a new roof.",
    a group chat read out) all speak between two questions. An interview with a couple (two voices answering) stays
    an interview; unlabelled answers are no voice.
    """
    from ._segment import UNLABELLED_ANSWER

    if study is None or len(study.documents) != 1:
        return False
    segments = study.segments.sort_values("start", kind="stable")
    asked = 0  # the interviewer's turns so far
    turns: Counter[str] = Counter()
    after: dict[str, set[int]] = {}  # each voice: after which of the interviewer's turns it spoke
    for label, role in zip(segments["speaker"], segments["speaker_role"]):
        if pd.isna(role) or pd.isna(label):
            continue  # words no one is said to speak
        if role == "interviewer":
            asked += 1
        elif role == "participant" and label != UNLABELLED_ANSWER:
            turns[str(label)] += 1
            after.setdefault(str(label), set()).add(asked)
    return sum(1 for label, count in turns.items() if count >= 2 and (asked == 0 or len(after[label]) >= 2)) >= _GROUP_VOICES


def _group_speakers(cases: list[dict[str, Any]], read: list[Any], speakers: dict[str, str], groups: list[tuple[int, Path]]) -> dict[int, dict[str, str]]:
    """For each study-level focus group (its index among the files), the speakers whose label names one of the template's
    cases, and that case: what loading the template would attribute (:func:`._segment.attribute_speakers`), written out."""
    if not groups or not cases:
        return {}
    from ..study import Study
    from ._segment import case_names, case_of_label

    names = case_names(Study("template", cases=pd.DataFrame({"case_id": [c["id"] for c in cases], "label": [c["label"] for c in cases]})))
    found: dict[int, dict[str, str]] = {}
    for index, _ in groups:
        if read[index] is None:
            continue
        segments = read[index].segments
        labels = dict.fromkeys(str(label) for label, role in zip(segments["speaker"], segments["speaker_role"]) if not pd.isna(label) and role != "interviewer")
        mapped = {label: case for label in labels if speakers.get(label) != "interviewer" and (case := case_of_label(label, names))}
        if mapped:
            found[index] = mapped
    return found


def _entry_parts_of(read: Any, kind: str | None, waves: list[dict[str, Any]]) -> list[str] | None:
    """The waves a diary's or notes' dated entries are read at (:func:`._sections.entry_waves`), in order, or None.

    ``read``: the file's study, loaded alone; ``waves``: the template's, dated where their documents are.
    """
    from ._sections import entry_waves
    from ._segment import strategy_for

    if read is None or len(read.documents) != 1 or strategy_for(kind) != "entries":
        return None
    starts = [(wave["id"], date.fromisoformat(str(wave["start"]))) for wave in waves if wave.get("start")]
    sections = entry_waves(str(read.documents["text"].iloc[0]), starts) if len(starts) == len(waves) else None
    return [starts[section.position - 1][0] for section in sections] if sections else None


def _unique_id(words: str, taken: set[str], given: set[str]) -> str:
    """An entry's id from ``words`` (``"P01_W1_interview"``), numbered on where it is one of ``taken`` (``_2``, ``_3``);
    added to ``given``."""
    doc_id = base = re.sub(r"[^\w-]+", "_", words)
    suffix = 1
    while doc_id in taken:
        suffix += 1
        doc_id = f"{base}_{suffix}"
    given.add(doc_id)
    return doc_id


#: Which of one transcript's formats to list: the one that keeps most (speakers and times), Whisper's JSON first.
_FORMAT_RANK = {".json": 0, ".vtt": 1, ".srt": 2}


def _one_format_each(files: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """``files`` with one of each transcript written in several formats, and the copies left out (each with the one kept).

    Whisper writes every transcript as ``audio.txt``, ``audio.vtt``, ``audio.srt`` and ``audio.json``
    side by side: one interview, whose words a study of all four would count four times. Files of one
    folder and name count as one only where they read as the same words.
    """
    from ._readers import read_source

    groups: dict[tuple[Path, str], list[Path]] = {}
    for file in files:
        groups.setdefault((file.parent, file.stem.lower()), []).append(file)
    left_out: dict[Path, Path] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        words: dict[Path, list[str]] = {}
        for file in group:
            try:
                words[file] = read_source(file).text.split()
            except Exception:  # noqa: BLE001 - a file qlr cannot read is loading's to report, not the template's
                continue
        ranked = sorted(words, key=lambda file: (_FORMAT_RANK.get(file.suffix.lower(), len(_FORMAT_RANK)), file.name))
        for file in ranked[1:]:
            # Keep's Takeout: a note as .json (kept, dated) and as .html (its page), told apart by little but the date.
            takeout = ranked[0].suffix.lower() == ".json" and file.suffix.lower() in (".html", ".htm")
            if words[file] == words[ranked[0]] or (takeout and _one_note(words[file], words[ranked[0]])):
                left_out[file] = ranked[0]
    return [file for file in files if file not in left_out], [(file, kept) for file, kept in left_out.items()]


def _names_no_one(name: str) -> bool:
    """Whether a folder's name is only words that name no case ("Final", "Clean copy", "2 - Final"): :func:`_naming_word`."""
    return not any(_naming_word(word) for word in re.split(r"[\W_\d]+", name) if word)


def _one_copy_each(files: list[Path], folder: Path) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """``files`` with one of each file kept byte for byte in several places, and the copies left out (each with the one kept).

    A student's folder keeps its interviews and, under ``Final/``, the same files handed in: one interview, whose words a
    study of both would count twice. Only files of one name in two folders, the copy's folder naming no one
    ("Final", "clean", "copy": ``P01/T1.txt`` and ``P02/T1.txt`` alike are two people's), whose folders give no other wave
    ("Wave 1/P4.txt" and "Wave 2/P4.txt" are two waves' files, alike or not), and of the same bytes (a file's edited
    copy is another reading, said by the template's check of a case's several interviews at one wave; two names
    holding the same words are loading's to note); the first in the folder's order is kept.
    """
    import hashlib

    first: dict[tuple[Any, ...], Path] = {}
    left_out: list[tuple[Path, Path]] = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue  # unreadable: loading says so
        key = (file.name.lower(), len(data), hashlib.sha256(data).hexdigest(), _guess_from_path(file.relative_to(folder)).wave)
        if key not in first or not data.strip():
            first.setdefault(key, file)
        elif _names_no_one(file.parent.name):
            left_out.append((file, first[key]))  # "Final/": a copy handed in
        elif _names_no_one(first[key].parent.name):
            left_out.append((first[key], file))
            first[key] = file
    gone = {file for file, _ in left_out}
    return [file for file in files if file not in gone], left_out


#: Language codes (ISO 639-1, some 639-2) and words a translated transcript's name ends with; the rank of each
#: as the one to list (an original first, English, the usual translation, last).
_LANGUAGE_CODES = dict.fromkeys(
    """de fr es pt it nl sv da no nb nn fi is pl cs sk sl hr sr bs hu ro bg el tr ru uk be lt lv et ar he fa ur hi bn
    ta zh ja ko id ms vi th tl ca eu gl cy ga gd ch sw am yo zu af deu ger fra fre spa por ita nld dut swe pol tur rus
    ara zho chi jpn kor""".split(),
    1,
) | dict.fromkeys(("original", "orig"), 0) | dict.fromkeys(("en", "eng", "english", "translated", "translation"), 2)
#: A language's code ending a name after a separator or in brackets: "Agnesi-transcript-en", "P03_DE", "Ann (EN)", "Guide[de]".
_LANGUAGE_END = re.compile(r"(?P<base>.+?)(?:[ _.-]+[([]?|[([])(?P<code>[A-Za-z]{2,11})[)\]]?$")


def _one_language_each(files: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]], dict[Path, Path]]:
    """``files`` with one of each interview kept in several languages, the translations left out (each with
    the one kept), and each file's name without its language code where the folder names files so.

    Teams working in two languages keep the original and its translation side by side
    ("Agnesi-transcript.md", "Agnesi-transcript-en.md"; "Fermat-de.md", "Fermat-en.md"): one
    interview, one person, whose words a study of both would count twice. Where a folder holds such a
    pair (a name ending in a language's code beside the same name without it or with another code),
    the original is kept (no code, else not English), and every name of the folder is read without its
    code (a lone "Cantor-transcript-en.md" is Cantor's). Elsewhere nothing changes ("Ann-de.txt"
    alone is left as it is: "de" may be initials).

    Examples
    --------
    >>> names = [Path(n) for n in ("A-transcript.md", "A-transcript-en.md", "B-de.md", "B-en.md", "C-en.md", "D.md")]
    >>> kept, left, unsaid = _one_language_each(names)
    >>> [p.name for p in kept], [(a.name, b.name) for a, b in left], sorted(p.name for p in unsaid.values())
    (['A-transcript.md', 'B-de.md', 'C-en.md', 'D.md'], [('A-transcript-en.md', 'A-transcript.md'), ('B-en.md', 'B-de.md')], ['B.md', 'C.md'])
    >>> _one_language_each([Path("Ann-de.txt"), Path("Bo-fr.txt")])[1:]
    ([], {})
    """
    coded: dict[Path, tuple[str, str]] = {}
    for file in files:
        stem = document_stem(file)
        found = _LANGUAGE_END.fullmatch(stem)
        if found is not None and found["code"].lower() in _LANGUAGE_CODES:
            coded[file] = (found["base"], found["code"].lower())
    groups: dict[tuple[Path, str], list[Path]] = {}
    for file in files:
        base = coded[file][0] if file in coded else document_stem(file)
        # "Agnesi_transcript" and "Agnesi-transcript-EN" are one name, whatever joins its words.
        groups.setdefault((file.parent, " ".join(re.split(r"[\W_]+", base.lower())).strip()), []).append(file)
    # A translation is about as long as its original; "P01 - ID.txt" (a form) beside "P01.txt" is no Indonesian one.
    paired = [group for group in groups.values() if len(group) > 1 and any(file in coded for file in group) and _alike_in_length(group)]
    if not paired:
        return files, [], {}
    left_out: dict[Path, Path] = {}
    for group in paired:
        ranked = sorted(group, key=lambda file: (_LANGUAGE_CODES[coded[file][1]] if file in coded else 0, file.name))
        left_out.update((file, ranked[0]) for file in ranked[1:])
    folders = {group[0].parent for group in paired}
    unsaid = {file: file.with_name(base + file.name[len(document_stem(file)) :]) for file, (base, _) in coded.items() if file.parent in folders and file not in left_out}
    return [file for file in files if file not in left_out], list(left_out.items()), unsaid


#: Words a transcriber adds to the name of an interview's raw transcript kept beside its edited one ("entrevistabruto.xml"
#: beside "entrevista.xml", "P01_raw.txt" beside "P01.txt"), joined to the name or after a separator.
_RAW_END = re.compile(r"(?i)^(?P<base>.*?[^\W_])[\W_]*(?:raw|rough|unedited|bruto|bruta|brut|brute|roh|crudo|cruda)$")
#: Of the longer's words, the share a raw transcript and its edited version have in common, at least (an edit mends
#: false starts and repeats; a person's two interviews share their common words, well below this).
_EDITED_SHARE = 0.7


def _one_edit_each(files: list[Path]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """``files`` without the raw transcripts kept beside their edited versions, and those left out (each with the one kept).

    An archive keeps an interview's raw transcript beside the edited one it publishes ("AlbertoProenca/entrevistabruto.xml"
    beside "AlbertoProenca/entrevista.xml"): one interview, whose words a study of both would count twice. A file is
    such a draft where its name is another file's of the same folder with a raw transcript's word after it (joined,
    or after a separator), and the two share most of their words (:data:`_EDITED_SHARE`); the edited one is kept.
    Files qlr cannot read are nobody's drafts.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "P01.txt").write_text("Q: Where did you grow up? A: In the valley, by the river."), (folder / "P01_raw.txt").write_text("Q: Where did you grow up? A: In the, the valley, by the river.")
    >>> _ = (folder / "Tom.txt").write_text("Q: Work? A: At the mill."), (folder / "Tom_Roh.txt").write_text("Q: Family? A: Two sisters in Busan.")
    >>> kept, left = _one_edit_each(sorted(folder.iterdir()))
    >>> [p.name for p in kept], [(a.name, b.name) for a, b in left]
    (['P01.txt', 'Tom.txt', 'Tom_Roh.txt'], [('P01_raw.txt', 'P01.txt')])
    """
    from ._readers import read_source

    by_name = {(file.parent, document_stem(file).casefold()): file for file in files}
    pairs = [
        (file, edited)
        for file in files
        if (raw := _RAW_END.fullmatch(document_stem(file))) is not None
        and (edited := by_name.get((file.parent, raw["base"].casefold()))) is not None
        and edited != file
    ]
    left_out: dict[Path, Path] = {}
    for draft, edited in pairs:
        try:
            words = [Counter(read_source(file).text.lower().split()) for file in (draft, edited)]
        except Exception:  # noqa: BLE001 - a file qlr cannot read is loading's to report, not the template's
            continue
        longer = max(counted.total() for counted in words)
        if longer and (words[0] & words[1]).total() >= _EDITED_SHARE * longer:
            left_out[draft] = edited
    return [file for file in files if file not in left_out], list(left_out.items())


def _alike_in_length(group: list[Path]) -> bool:
    """Whether files are within a factor of two of each other's size, as an interview and its translation are."""
    try:
        sizes = [file.stat().st_size for file in group]
    except OSError:
        return True  # names only (as in the doctests): the names decide
    return min(sizes) * 2 >= max(sizes)


def _one_note(first: list[str], second: list[str]) -> bool:
    """Whether two formats of one name hold the same note: the same words, leaving out how each writes its date and labels.

    Google Keep's Takeout writes every note as ``.json`` and ``.html``; qlr's note reader heads the
    JSON's note with its date in ISO form, the HTML shows it as the app does and lists the labels the
    JSON reader counts apart. A note's words (letters, lower case) of one must all be in the other.

    Examples
    --------
    >>> _one_note("## 2024-04-01 16:00 UTC · another test note more content".split(), "01.04.2024, 18:01:09 another test note more content label1 label2".split())
    True
    >>> _one_note("we met at the hall".split(), "we met at the church".split())
    False
    """
    def letters(words: list[str]) -> Counter[str]:
        return Counter(word.lower() for word in (re.sub(r"[^\w]", "", w) for w in words) if word.isalpha() and word.lower() != "utc")

    small, large = sorted((letters(first), letters(second)), key=lambda c: sum(c.values()))
    return bool(small) and not (small - large) and 5 * sum(small.values()) >= 3 * sum(large.values())


#: The most numbers one file name may come with and still be a person's waves (a real folder had one interviewer's
#: name with 25 participants' interview numbers).
_WAVES_OF_ONE_NAME = 8


def _numbers_are_codes(guesses: list[_Guess], *, copied: set[int] | frozenset[int] = frozenset()) -> bool:
    """Whether the numbers three or more files' names give ("T03", "Interview 13") are participants, not waves.

    They are waves when the files share them across people: one name seen at two numbers
    ("Interview 1 - Sarah", "Interview 2 - Sarah"), or one number under two names
    ("P01-T1", "P02-T1"), and most files share theirs.  "Interview 13 - Male, 20 - part 1"
    and "… part 2" are one interview in two files.  Names that each come with more numbers
    than a person has waves are coders' copies of each interview, unless the numbers run
    in turn from the first (a monthly study's twelve waves).  Where the files of each number
    two or more names share hold the same interview (``copied``, :func:`_coders_copies`: two
    numbers or more), the names are the coders' however the numbers run: two people's
    interviews at one wave are never the same words.
    """
    numbered = [(tuple(g.candidates), g.wave[1]) for g in guesses if g.wave is not None and g.wave[0] == 1 and g.wave[1] < 1000]
    if len(guesses) < 3 or not numbered:
        return False
    counts = Counter(number for _, number in numbered)
    if len(copied) >= 2 and {number for number, count in counts.items() if count > 1} <= set(copied):
        return True
    # A number is shared when another file has it, or when its name comes with another number too
    # ("Grace_W1", "Grace_W2" among files that give no wave).
    # Only the file's own name counts ("Data/Interview 13.txt" … share a folder, not a name).
    named = [(name[-1] if name else "", number) for name, number in numbered]
    numbers_of: dict[str, set[int]] = {}
    for name, number in named:
        numbers_of.setdefault(name, set()).add(number)
    # A person is seen at a few waves; a name with many numbers ("Interview 4 - Amin" … "Interview 43 - Amin",
    # the interviewer's) numbers people.
    alone = sum(1 for name, number in named if counts[number] == 1 and not (name and 1 < len(numbers_of[name]) <= _WAVES_OF_ONE_NAME))
    if 2 * alone > len(numbered):
        return True
    # Names that each come with more numbers than a person has waves, on most files, are the researchers': two coders'
    # copies of each interview ("Interview 10 - PO", "Interview 10 - Rached", … up to "Interview 43") share every
    # number, and the numbers are still the participants.  Participants' numbers skip (3, 4, 6, … 31); waves run
    # from the first on ("Interview 1 - Alice" … "Interview 12 - Alice" beside Bilal's twelve: three people monthly).
    run = sorted(counts)
    waves_in_turn = run[0] <= 1 and run == list(range(run[0], run[0] + len(run)))
    if run[0] > 2 and run != list(range(run[0], run[0] + len(run))):
        # Numbers that neither begin at a first wave nor run in turn ("Interview 3", "Interview 5" alone) number
        # interviews or people: waves W3 and W5 with no W1 would have every case join late or drop out.
        return True
    if not waves_in_turn and 2 * sum(1 for name, _ in named if name and len(numbers_of[name]) > _WAVES_OF_ONE_NAME) > len(numbered):
        return True
    pairs = set(numbered)
    return len({name for name, _ in pairs}) == len(pairs) and len({number for _, number in pairs}) == len(pairs)


def _coders_copies(files: list[Path], guesses: list[_Guess]) -> dict[int, int]:
    """Of files whose names give one number under different names ("Interview 3 - KL", "Interview 3 - MV"), each that
    holds the same interview as one before it in the same folder (its index → that one's): coders' copies of one
    transcript.

    The same interview is the same words in the lines no file of another number holds (a guide's questions and a
    form's headings are every interview's) and no interviewer's label opens (:func:`_answering_lines`: two people
    asked one wave's guide are alike only in its questions), at least :data:`._build.COPY_WORDS` of them in each, nine in ten of the longer's
    shared (a coder's print may add a page header or mend a word). Files qlr cannot read are nobody's copies.
    """
    from ._readers import read_source

    by_number: dict[tuple[Path, int], list[int]] = {}
    for index, guess in enumerate(guesses):
        if guess.wave is not None and guess.wave[0] == 1 and guess.wave[1] < 1000:
            # Copies sit side by side: a folder's transcript and another folder's coded print of it are two readings
            # of the study's files, which names and folders, not this rule, tell apart.
            by_number.setdefault((files[index].parent, guess.wave[1]), []).append(index)
    shared = [indexes for indexes in by_number.values() if len({tuple(guesses[index].candidates[-1:]) for index in indexes}) > 1]
    if not shared:
        return {}
    lines: dict[int, set[str]] = {}
    for indexes in by_number.values():
        for index in indexes:
            try:
                lines[index] = _answering_lines(read_source(files[index]).text)
            except Exception:  # noqa: BLE001 - a file qlr cannot read is loading's to report, not the template's
                continue
    numbers_of: dict[str, set[int]] = {}
    for number, indexes in by_number.items():
        for index in indexes:
            for line in lines.get(index, ()):
                numbers_of.setdefault(line, set()).add(number)
    own: dict[int, Counter[str]] = {}
    for index, said in lines.items():
        words = Counter(word for line in said if len(numbers_of[line]) == 1 for word in line.split())
        if words.total() >= COPY_WORDS:
            own[index] = words

    def alike(one: int, other: int) -> bool:
        mine, theirs = own.get(one), own.get(other)
        return mine is not None and theirs is not None and (mine & theirs).total() * 10 >= 9 * max(mine.total(), theirs.total())

    copied: dict[int, int] = {}
    for indexes in shared:
        kept: list[int] = []
        for index in indexes:
            same = next((other for other in kept if alike(index, other)), None)
            if same is None:
                kept.append(index)
            else:
                copied[index] = same
    return copied


#: A speaker's label opening a line ("Interviewer: …", "I: …", "R: …").
_OPENING_LABEL = re.compile(r"^[ \t]*(?P<label>[^\W\d_][\w .'’()-]{0,30}?)[ \t]*:[ \t]")


def _answering_lines(text: str) -> set[str]:
    """A transcript's lower-cased lines but the interviewer's (each from an interviewer's label to the next label), each
    without its label: the words that tell one person's interview from another's.

    Examples
    --------
    >>> sorted(_answering_lines("Interviewer: How often?\\nStill asking.\\nAnn: Twice.\\nOn Mondays.\\nI: Why?\\nR: Habit."))
    ['habit.', 'on mondays.', 'twice.']
    """
    from ._segment import speaker_role

    kept: set[str] = set()
    asking = False
    for line in text.splitlines():
        labelled = _OPENING_LABEL.match(line)
        if labelled is not None:
            asking = speaker_role(labelled["label"], {}) == "interviewer"
            line = line[labelled.end() :]
        if line.strip() and not asking:
            kept.add(line.strip().lower())
    return kept


def _one_interview_each(guesses: list[_Guess], copied: dict[int, int]) -> set[int]:
    """The numbers whose files are all one interview: one file, and copies of it (:func:`_coders_copies`, which finds
    them in one folder only). A number another folder's file or another interview shares is not one of them."""
    files_at = Counter(g.wave[1] for g in guesses if g.wave is not None and g.wave[0] == 1 and g.wave[1] < 1000)
    copies_at = Counter(guesses[index].wave[1] for index in copied)  # type: ignore[index]
    return {number for number, copies in copies_at.items() if files_at[number] == copies + 1}


def _one_body(names: list[str | None], kinds: list[str | None]) -> bool:
    """Whether dated files are one body's records: every one a meeting's or a written record, most under a title of their own.

    "2006-10-wretton-parish-council-minutes-2", "2011-11-wretton-parish-council-september-meeting": titles, one
    series; two councils' minutes, each under its council's name at every date, are two cases.
    """
    named = [name for name in names if name is not None]
    return len(names) >= 3 and all(kind == "document" for kind in kinds) and 2 * len(set(named)) > len(named)
