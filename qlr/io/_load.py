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
from pathlib import Path
from typing import Any

import pandas as pd
from natsort import natsorted

from ..errors import ManifestError, SourceNotFoundError
from ._build import _build
from ._manifest import MANIFEST_NAMES, _compile_pattern, _plan_from_manifest
from ._naming import DEFAULT_NAMING, _plan_from_names, _plan_single_file, _waves_from_dates, date_in_name
from ._plan import _DocSpec

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
        A folder holding ``study.yaml``; a ``study.yaml`` file; a folder without a
        manifest whose files are named ``{case}_{wave}_{kind}.ext`` (cases and waves
        are then inferred, and ``study.meta["inferred"]`` says what was guessed);
        or one document file.
    speaker_pattern : str, optional
        A regular expression for a house style of speaker labels, with a named
        group ``speaker`` (and optionally ``time``); it is tried before the
        built-in conventions.  Overrides the manifest's
        ``segmentation.speaker_pattern``.
    allow_outside : bool
        Read documents and codings files that lie outside the study folder (a
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
    if not source.exists():
        raise SourceNotFoundError(
            "no such file or folder", path=source, hint="check the path (it is relative to the current folder)"
        )
    if source.is_file() and source.name in MANIFEST_NAMES:
        plan = _plan_from_manifest(source)
    elif source.is_dir():
        manifest = next((source / n for n in MANIFEST_NAMES if (source / n).is_file()), None)
        plan = _plan_from_manifest(manifest) if manifest else _plan_from_names(source)
    else:
        plan = _plan_single_file(source)
    if speaker_pattern is not None:
        plan.patterns = [_compile_pattern(speaker_pattern, None, None)]
    outside = _outside_the_folder(plan, single=source.is_file() and source.name not in MANIFEST_NAMES)
    if outside and not allow_outside:
        where, line = outside[0][1], outside[0][2]
        raise ManifestError(
            f"{len(outside)} file(s) lie outside the study folder {plan.root} (first: {outside[0][0]})",
            path=where,
            line=line,
            hint="move them into the folder; if you trust this study, load(..., allow_outside=True) or qlr --allow-outside",
        )
    study = _build(plan, progress)
    if outside:
        study.meta["outside"] = [str(file) for file, _, _ in outside]
    return study


def _outside_the_folder(plan: Any, *, single: bool) -> list[tuple[Path, Path | None, int | None]]:
    """Files the plan would read that resolve (symbolic links followed) outside the study folder."""
    if single:
        return []
    root = plan.root.resolve()
    found = []
    for file, line in [*((doc.path, doc.line) for doc in plan.docs), *plan.codings]:
        if not Path(file).resolve().is_relative_to(root):
            found.append((Path(file), plan.manifest, line))
    return found


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
        if not pd.isna(wave.start):
            item["start"] = str(wave.start)[:10]
        if not pd.isna(wave.end):
            item["end"] = str(wave.end)[:10]
        data["waves"].append(item)
    for case in study.cases.itertuples():
        data["cases"].append({"id": case.case_id, "label": case.label, "role": case.role if not pd.isna(case.role) else "participant"})
    speakers, own_speakers = _speakers_entry(study)
    if speakers:
        data["speakers"] = speakers
    from ._naming import DEFAULT_REGEX, _match_name

    sourced = study.documents.dropna(subset=["source"])
    folders = natsorted({str(Path(s).parent.as_posix()) for s in sourced["source"]})
    for folder in folders:
        here = sourced[[Path(s).parent.as_posix() == folder for s in sourced["source"]]]
        # A glob re-reads case, wave and kind from {case}_{wave}_{kind} names: only where they say what
        # the study holds (not waves inferred from dates, "W1_fieldnotes", a report), else one entry per file.
        said = [_match_name(Path(s), DEFAULT_REGEX) or {} for s in here["source"]]  # what a manifest's glob reads
        waves, cases = here["wave_id"].astype(object).fillna(""), here["case_id"].astype(object).fillna("")
        if all(parts.get("wave") == wave and parts.get("case", case) == case for parts, wave, case in zip(said, waves, cases)):
            # A document whose labels have roles of their own is listed before the glob, which takes the rest.
            data["documents"].extend({"path": str(source), "speakers": own_speakers[str(source)]} for source in here["source"] if str(source) in own_speakers)
            for suffix in natsorted({Path(s).suffix for s in here["source"]}):
                data["documents"].append({"path": f"{folder}/*{suffix}" if folder != "." else f"*{suffix}"})
            continue
        for doc in here.itertuples():
            entry: dict[str, Any] = {"path": str(doc.source), "id": doc.doc_id}
            entry.update({key: value for key, value in (("case", doc.case_id), ("wave", doc.wave_id), ("kind", doc.kind)) if not pd.isna(value)})
            if not pd.isna(doc.date):
                entry["date"] = str(doc.date)[:10]
            if str(doc.source) in own_speakers:
                entry["speakers"] = own_speakers[str(doc.source)]
            data["documents"].append(entry)
    header = (
        "# study.yaml: written by `qlr info --template`; edit, then keep it beside the files.\n"
        "# Waves: add start/end dates. Cases: set role, attributes, and `waves:` for the waves\n"
        "# each case is planned for (so attrition is told from design). Documents: globs use\n"
        "# the {case}_{wave}_{kind} file names; add case:/wave:/kind: to entries that do not.\n"
        "# Speakers: every label found and the role it was given (interviewer where someone\n"
        "# asks most of the questions); correct the roles.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


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
    if manifest is not None and not manifest.read_text(encoding="utf-8", errors="replace").strip():
        try:
            return manifest_template(_build(_plan_from_names(source), False))
        except ManifestNotFoundError:
            return folder_template(source)
    if manifest is None and source.is_dir() and _mostly_unconventional(source):
        # "Bergen-Bread_Molding_Field_Notes_FA18/…": a few names happen to fit {case}_{wave}_{kind};
        # the manifest must still list every file, not only those few.
        return folder_template(source)
    try:
        return manifest_template(load(source, allow_outside=allow_outside, progress=False))
    except ManifestNotFoundError:
        return folder_template(source)


def _mostly_unconventional(folder: Path) -> bool:
    """Whether fewer than half of a folder's readable files are named {case}_{wave}_{kind} (or its shorter forms)."""
    from ._naming import name_parts, readable_files

    files = readable_files(folder)
    return 2 * sum(name_parts(p) is not None for p in files) < len(files)


def _speakers_entry(*studies: Any) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A manifest's ``speakers:`` and each document's own, as qlr gave the roles.

    Every label found gets the role it has in most of its turns, or interviewer where it
    was suggested as one (a label that asks the questions anywhere is the interviewer).
    A document where the label had another role (a focus group's moderator who is a
    panelist in the next session, read from that session's header) gets that role in its
    own ``speakers:`` (second value, by the document's source path), so that keeping the
    template unchanged keeps every role qlr showed.
    """
    from ._segment import speaker_labels

    rows = []
    for study in studies:
        labels = speaker_labels(study)
        sources = study.documents.set_index("doc_id")["source"]
        suggested = {row.speaker for row in labels.itertuples() if row.suggestion}
        for row in labels.itertuples():
            if row.role in ("interviewer", "participant", "other"):
                rows.append((str(row.speaker), str(row.role), int(row.turns), row.decided_by, row.speaker in suggested, sources.get(row.doc_id)))
    turns: dict[str, Counter[str]] = {}
    for speaker, role, count, _, _, _ in rows:
        turns.setdefault(speaker, Counter())[role] += count
    asks = {speaker for speaker, _, _, _, suggested, _ in rows if suggested}
    entry = {speaker: "interviewer" if speaker in asks else roles.most_common(1)[0][0] for speaker, roles in turns.items()}
    own: dict[str, dict[str, str]] = {}
    for speaker, role, _, decided_by, _, source in rows:
        # A suggested interviewer is one everywhere, except where something said otherwise (a header, a label).
        if role != entry[speaker] and source is not None and not (speaker in asks and decided_by == "default"):
            own.setdefault(str(source), {})[speaker] = role
    return entry, own


def _readable(path: Path) -> Any:
    """One file loaded alone, or None if qlr cannot read it (loading the folder will say why)."""
    from ..errors import QlrError

    try:
        return load(path, progress=False)
    except (QlrError, OSError):
        return None


#: A wave written in a folder or file name: "Wave 1", "W2", "T3", "Time 1", "Round 2", "Visit 3", "Year 1", "Week 2", "FU1".
_WAVE_IN_NAME = re.compile(r"(?i)(?<![^\W_])(wave|w|time|t|round|phase|visit|sweep|year|week|wk|month|session|follow[ -]?up|fu)[ _-]?0*(\d{1,2})(?!\d)")
#: Words of a file name that say what kind of document it is, and the kind.
_KIND_IN_NAME = {
    "interview": "interview", "interviews": "interview", "transcript": "interview", "int": "interview",
    "focus": "focus_group", "group": "focus_group", "fg": "focus_group",
    "fieldnotes": "observation", "notes": "observation", "observation": "observation", "observations": "observation",
    "diary": "diary",
    # Written records, not talk: their "Goal:" and "Resolution:" lines are nobody's turns.
    "minutes": "document", "agenda": "document", "report": "document", "reports": "document",
    # A chat export ("WhatsApp Chat with Alice.txt") is read message by message as a diary is.
    "chat": "diary", "whatsapp": "diary",
}
#: Words of a file name that say nothing of case, wave or kind ("final", "anonymised", "v2").
_NOISE_IN_NAME = re.compile(r"(?i)^(?:final|clean|cleaned|anon|anonymi[sz]ed|redacted|transcribed|copy|draft|v\d+|with|and|the|of)$")


_DESCRIBED = re.compile(r"\s+[-–—]\s+")


def _naming_word(word: str) -> bool:
    """Whether a word of a file name can name a case: not a kind ("interview", "transcript") or noise ("final")."""
    return word.lower() not in _KIND_IN_NAME and not _NOISE_IN_NAME.match(word)


def _guess_from_path(relative: Path, *, waves: bool = True, stem: str | None = None) -> tuple[list[str], str | None, str, str]:
    """(the parts that may name the case, wave number, wave label, kind) read from a file's folders and name.

    ``waves=False`` reads no wave (when the "waves" a folder's names give are
    participant codes: see :func:`folder_template`); ``stem`` stands for the
    file's name (its name with the date taken out).
    """
    parts = [*relative.parent.parts, relative.stem if stem is None else stem]
    wave = label = None
    for index in range(len(parts) if waves else 0):  # folders first, then the name: "Wave 1/P01.txt", "P01/T1.txt"
        found = _WAVE_IN_NAME.search(parts[index])
        if found is not None:
            wave, label = found.group(2), found.group(0)
            parts[index] = (parts[index][: found.start()] + " " + parts[index][found.end() :]).strip(" _-")
            break
    # "Interview 7 - Female, 18, Newham - part 1 & 2": the first piece between spaced dashes that is more than
    # kind words names the case, the rest describes the file ("Transcript - P01 - wave 1" is P01; its wave
    # was read from the whole name above).
    pieces = _DESCRIBED.split(parts[-1])
    parts[-1] = next((piece for piece in pieces if any(_naming_word(w) for w in re.split(r"[\W_]+", piece) if w)), parts[-1])
    split = [[w for w in re.split(r"[\W_]+", part) if w] for part in parts]
    said = [_KIND_IN_NAME[w.lower()] for words in split for w in words if w.lower() in _KIND_IN_NAME]
    # A kind of talk or notes wins over a written record's word: "P01 self-report diary" is a diary.
    kind = next((k for k in said if k != "document"), said[0] if said else "interview")
    candidates = [" ".join(w for w in words if w.lower() not in _KIND_IN_NAME and not _NOISE_IN_NAME.match(w)) for words in split]
    return candidates, wave, label or "", kind


def _cases_from(candidates: list[list[str]]) -> list[str | None]:
    """Each file's case: the first folder or name part that differs between files ("Data/Wave 1/P01.txt" → P01)."""
    depth = max(map(len, candidates))
    for position in range(depth):
        values = [parts[position] if position < len(parts) else "" for parts in candidates]
        if len({v for v in values if v}) > 1 or (len(candidates) == 1 and values[0]):
            return [v or None for v in values]
    return [next((part for part in parts if part), None) for parts in candidates]


def folder_template(root: str | Path) -> str:
    r"""A ``study.yaml`` for a folder whose file names do not follow ``{case}_{wave}_{kind}``: one entry per file, guessed.

    Each readable file gets its own entry.  Its wave is read from its folders or
    name where one says it ("Wave 1/", "T2", "time 3", "Round 1", "FU1"; numbers
    no two files share, as "T03", "T04", are participant codes, not waves), its
    case from the first folder or name part that differs between files once the
    wave, kind words ("interview", "transcript", "notes") and words such as
    "final" or "anonymised" are taken out ("P01/T1.txt", "Data/Wave 1/P01.txt"
    and "P01 interview wave 1.txt" → P01), and its kind from such words.  Where
    nothing says, each file has a placeholder case of its own (``C01``,
    ``C02``…) and wave ``W1``.  With waves, ids are ``{case}_{wave}_{kind}``.  ``speakers:`` lists every
    label the files use, the one asking most of the questions in a transcript
    without an interviewer as ``interviewer``.  Everything guessed is to be
    checked: the header says so.

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
    speakers:
      Interviewer: interviewer
      Ann: participant
    """
    import yaml

    from ._naming import readable_files
    from ._readers import READERS

    folder = Path(root)
    files = readable_files(folder)
    if not files:
        raise SourceNotFoundError("the folder holds no file qlr can read", path=folder, hint=f"qlr reads {', '.join(sorted(READERS))}")
    guesses = [_guess_from_path(file.relative_to(folder)) for file in files]
    found_waves = [wave for _, wave, _, _ in guesses if wave is not None]
    if len(files) >= 3 and len(found_waves) == len(set(found_waves)):
        # No wave number shared by two files: "T03", "W12" are participant codes, not waves.
        guesses = [_guess_from_path(file.relative_to(folder), waves=False) for file in files]
    numbers = natsorted({wave for _, wave, _, _ in guesses if wave is not None}, key=int)
    dates = [date_in_name(file.stem) for file in files]
    dated = not numbers and sum(d is not None for d in dates) >= max(2, (len(files) + 1) // 2)
    if dated:
        # "zoom-08.12.2025.md", "2021-03-04 Jane.txt": the date is when, the rest of the name who.
        guesses = [
            _guess_from_path(file.relative_to(folder), waves=False, stem=None if day is None else day[1]) for file, day in zip(files, dates)
        ]
    labels = {wave: next(label for _, w, label, _ in guesses if w == wave) for wave in numbers}
    waves = [{"id": f"W{int(number)}", "label": labels[number]} for number in numbers] or [{"id": "W1", "label": "Wave 1"}]
    unnamed = iter(f"C{i:02d}" for i in range(1, len(files) + 1))
    names = _cases_from([candidates for candidates, _, _, _ in guesses])
    # A name is a person, seen at several waves or in several files of one ("Interview 13 - … - part 2").
    if dated and all(name is None for name in names):
        # Files named by their date alone ("minutes/2015-01-14.md", a diary's "2021-03-04.txt"): one series.
        names = [folder.resolve().name] * len(files)
    case_ids = [name if name is not None else next(unnamed) for name in names]
    wave_ids: list[str | None] = [f"W{int(wave)}" if wave is not None else None for _, wave, _, _ in guesses]
    days: list[str | None] = [None] * len(files)
    if dated:
        # Waves are rounds of dates, as for files named {case}_{date}: one decision for both (_waves_from_dates).
        specs = [
            _DocSpec(path=file, doc_id=file.stem, case=case, wave=day[0] if day else "W1", kind=kind)
            for file, case, day, (_, _, _, kind) in zip(files, case_ids, dates, guesses)
        ]
        rounds = _waves_from_dates(specs)
        if rounds is not None:
            waves = [
                {"id": w["wave_id"], "label": w["label"], **({"start": str(w["start"]), "end": str(w["end"])} if w["start"] else {})}
                for w in rounds[0]
            ]
            wave_ids = [spec.wave for spec in specs]
            days = [str(spec.date) if spec.date else None for spec in specs]
    documents = []
    given: set[str] = set()
    for file, case, wave_id, day, (_, _, _, kind) in zip(files, case_ids, wave_ids, days, guesses):
        entry = {"path": file.relative_to(folder).as_posix()}
        wave_id = wave_id or waves[0]["id"]
        if numbers or dated:
            # Ids that say case, wave and kind, as a {case}_{wave}_{kind} name would ("P01/T1.txt" is not "T1").
            doc_id = base = re.sub(r"[^\w-]+", "_", f"{case}_{wave_id}_{kind}")
            suffix = 1
            while doc_id in given:
                suffix += 1
                doc_id = f"{base}_{suffix}"
            given.add(doc_id)
            entry["id"] = doc_id
        entry.update({"case": case, "wave": wave_id, "kind": kind})
        if day:
            entry["date"] = day
        documents.append(entry)
    seen = list(dict.fromkeys(case_ids))
    data = {
        "name": folder.resolve().name,
        "waves": waves,
        "cases": [{"id": case, "label": case, "role": "participant"} for case in seen],
        "documents": documents,
    }
    # The files' speaker labels, read as loading each alone would read them: edit the roles here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the template itself is the answer to what loading would warn about
        speakers, own_speakers = _speakers_entry(*filter(None, (_readable(file) for file in files)))
    for file, entry in zip(files, documents):
        # Each file was read alone, so its document's source is its own path.
        own = own_speakers.get(str(file)) or own_speakers.get(file.name)
        if own:
            entry["speakers"] = own
    if speakers:
        data["speakers"] = speakers
    header = (
        "# study.yaml: written by `qlr info --template` for files whose names are not\n"
        "# {case}_{wave}_{kind}. Case, wave and kind were guessed from folder and file names\n"
        "# (a file where nothing said has a case of its own and the first wave): check each\n"
        "# entry, give one case to the files of one person, and add wave dates.\n"
        "# Speakers: every label found and the role it was given (interviewer where someone\n"
        "# asks most of the questions); correct the roles.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
