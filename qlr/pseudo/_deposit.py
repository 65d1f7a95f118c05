"""``deposit``: an archive-ready folder of a pseudonymised study, never holding the key or an original text."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._atomic import write_bytes_atomic, write_text_atomic
from .._names import file_stem
from .._output import write_csv
from .._words import first_few
from ..errors import PseudonymisationError
from ..io._datalist import DEPOSIT_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study
    from ._apply import Pseudonymisation

__all__ = ["deposit"]

_UUID = re.compile(rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
#: Originals shorter than this are not searched for in the finished folder (they occur inside ordinary words).
_SHORTEST_CHECKED = 3


def deposit(result: Pseudonymisation, out: str | os.PathLike[str], *, key_path: str | os.PathLike[str] | None = None) -> Path:
    """Write an archive-ready folder of a pseudonymised study.

    The folder holds ``transcripts/`` (each document's pseudonymised text,
    UTF-8), ``codebooks/`` (each codebook the codings use, ``.qdc``),
    ``project.qdpx`` (the whole project, with GUIDs made fresh so it cannot be
    linked to the original project), ``data_list_<wave>.csv`` (one per wave,
    a wave no document is of too, with a row with no file for each case the
    wave was planned for and did not see, and ``data_list_other.csv`` for
    documents of no wave), ``README.md`` (the
    study's metadata and how it was pseudonymised), ``anonymisation_log.csv``
    and ``SHA256SUMS`` (a checksum of every other file). It never holds the key
    or an original text: before the folder appears, every file (and every member
    of the ``.qdpx``) is searched for each original the key records, and the
    deposit is refused if one is found. The folder is built beside ``out``
    and renamed into place, so it is complete or absent.

    Parameters
    ----------
    result : Pseudonymisation
        What :func:`pseudonymise` returned (decide its review queue first).
    out : str or path-like
        The folder to create; it must not exist (or be empty), and must lie
        neither inside the study's folder nor around it.
    key_path : str or path-like, optional
        Where the key is kept, so that a key inside ``out`` is refused.

    Returns
    -------
    pathlib.Path
        The deposit folder.

    Raises
    ------
    qlr.errors.PseudonymisationError
        If ``out`` is not empty, lies inside the study folder or holds it, the
        key would be inside it, or an original identifier is found in a file.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> result = qlr.pseudonymise(sample)  # sample = qlr.load("data/sample")
    >>> folder = qlr.pseudo.deposit(result, os.path.join(tempfile.mkdtemp(), "deposit"))
    >>> sorted(p.name for p in folder.iterdir())[:4]
    ['README.md', 'SHA256SUMS', 'anonymisation_log.csv', 'codebooks']
    """
    out = Path(out).resolve()
    _refuse_place(result, out, key_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.parent / f".qlr-tmp-deposit-{uuid.uuid4().hex}"
    building.mkdir()
    try:
        _write(result, building)
        _refuse_originals(result.key, building)
        _write_checksums(building)
        if out.exists():
            out.rmdir()  # empty, as checked
        os.replace(building, out)
    finally:
        if building.exists():
            shutil.rmtree(building)
    return out


def _refuse_place(result: Pseudonymisation, out: Path, key_path: Any) -> None:
    root = result._original.meta.get("root")
    if root:
        root = Path(root).resolve()
        if out == root or root in out.parents:
            raise PseudonymisationError("the deposit folder is inside the study folder, beside the original texts", path=out, hint="write the deposit somewhere outside the study folder")
        if out in root.parents:
            raise PseudonymisationError("the deposit folder would contain the study folder and its original texts", path=out, hint="choose a folder that does not hold the study")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PseudonymisationError("the deposit folder exists and is not empty", path=out, hint="give a new folder, or empty this one")
    if key_path is not None:
        key = Path(key_path).resolve()
        if out == key or out in key.parents:
            raise PseudonymisationError("the key would be inside the deposit folder", path=key, hint="keep the key apart from the data, outside the deposit folder")


def _write(result: Pseudonymisation, folder: Path) -> None:
    study = result.study
    (folder / "transcripts").mkdir()
    names: dict[str, str] = {}
    formats = study.documents["format"] if "format" in study.documents else pd.Series(pd.NA, index=study.documents.index)
    taken: set[str] = set()
    for doc_id, text, form in zip(study.documents["doc_id"], study.documents["text"], formats):
        # A Markdown write-up stays .md: its layout (numbered bold questions over their answers) is how its turns are read.
        # Named by the id, written so every system opens it (a pooled id's ":"); the data lists' doc_id keeps the id.
        stem = base = file_stem(str(doc_id))
        number = 1
        while stem.lower() in taken:  # "a:b" and "a_b" (and "A_b", on a system that ignores case) are two files
            number += 1
            stem = f"{base}_{number}"
        taken.add(stem.lower())
        names[doc_id] = f"transcripts/{stem}.{'md' if str(form) == 'md' else 'txt'}"
        write_text_atomic(folder / names[doc_id], "" if pd.isna(text) else str(text))
    codebooks = _codebooks(study)
    if codebooks:
        from ..io import write_qdc

        (folder / "codebooks").mkdir()
        for codebook in codebooks:
            write_qdc(codebook, folder / "codebooks" / f"{codebook.id}.qdc")
    _write_project(study, folder / "project.qdpx")
    for wave_id, table in _data_lists(study, names):
        write_csv(folder / f"data_list_{file_stem(str(wave_id))}.csv", table)
    write_csv(folder / "anonymisation_log.csv", result.log)
    write_text_atomic(folder / "README.md", _readme(result, codebooks))


def _codebooks(study: Study) -> list[Any]:
    """The study's codebooks and the bundled ones its codings name."""
    from ..codebook import read_codebook

    found = dict(study.codebooks)
    for name in study.codings["codebook"].dropna().unique():
        if name not in found:
            try:
                found[name] = read_codebook(str(name))
            except (FileNotFoundError, ValueError):
                continue  # a codebook only the coder had: the codings still carry its code ids
    return [found[name] for name in sorted(found)]


def _write_project(study: Study, path: Path) -> None:
    """The ``.qdpx``, then every GUID in it replaced by a fresh random one, consistently."""
    from ..io import write_qdpx

    write_qdpx(study, path)
    fresh: dict[bytes, bytes] = {}

    def renew(match: re.Match[bytes]) -> bytes:
        new = fresh.setdefault(match.group().lower(), str(uuid.uuid4()).encode())
        # Each occurrence keeps its case: a reader may key one member's GUIDs in lower case.
        return new.upper() if match.group().isupper() else new

    with zipfile.ZipFile(path) as archive:
        members = [(_UUID.sub(renew, info.filename.encode()).decode(), archive.read(info)) for info in archive.infolist()]
    # The project and qlr's own details (JSON, in newer writers) carry GUIDs; the sources are texts and stay as they are.
    members = [(name, _UUID.sub(renew, data) if name.endswith((".qde", ".json")) else data) for name, data in members]
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    write_bytes_atomic(path, buffer.getvalue())


def _data_lists(study: Study, names: dict[str, str]) -> list[tuple[str, pd.DataFrame]]:
    """Each wave's data list: a row per document, whose cases (a joint interview's own case first, then the others
    who speak in it; a focus group's speakers' cases) and the speakers that say so, as ``qlr.load`` reads them back;
    a row with no file for each case a wave was planned for and did not see (missed, dropped out, not yet joined,
    never seen), so that every wave has its list, one no document is of too, and loading the lists back gives the
    same attrition; in a study with no waves a case with no document is a row with no file in ``other``'s list."""
    documents = study.documents.merge(study.cases[["case_id", "role"]], on="case_id", how="left")
    documents["file"] = documents["doc_id"].map(names)
    record = study.meta.get("speaker_cases") or {}
    said = _speakers_said(study)
    role_of = {str(case): role for case, role in zip(study.cases["case_id"], study.cases["role"]) if not pd.isna(role)}
    cases, roles, speakers = [], [], []
    for doc_id, own in zip(documents["doc_id"], documents["case_id"]):
        whose = record.get(doc_id) or {}
        heard = [case for value in whose.values() for case in ([value] if isinstance(value, str) else value)]
        named = list(dict.fromkeys(([] if pd.isna(own) else [str(own)]) + sorted(heard)))
        cases.append("; ".join(named) if named else pd.NA)
        # One role per case of the cell, in its order: a case heard only in a joint interview or a group keeps its role.
        roles.append("; ".join(role_of.get(case, "") for case in named) if any(case in role_of for case in named) else pd.NA)
        # A joint voice ("Both", "Ana and Ben") is not written: loading finds its cases again from its parts.
        pairs = {**said.get(doc_id, {}), **{label: value for label, value in whose.items() if isinstance(value, str)}}
        speakers.append("; ".join(f"{label}: {value}" for label, value in pairs.items()) or pd.NA)
    documents["case_id"] = pd.Series(cases, index=documents.index, dtype="string")
    documents["role"] = pd.Series(roles, index=documents.index, dtype="string")
    documents["speakers"] = pd.Series(speakers, index=documents.index, dtype="string")
    columns = list(DEPOSIT_COLUMNS)
    unseen = _not_seen(study)
    lists = []
    for wave_id in [*study.waves["wave_id"], None]:
        rows = documents[documents["wave_id"].isna()] if wave_id is None else documents[documents["wave_id"] == wave_id]
        # A row names the case; a case already in a row of this list (an empty file's) needs none of its own.
        listed = {case for cell in rows["case_id"].dropna() for case in str(cell).split("; ")}
        missing = [case for case in unseen.get(None if wave_id is None else str(wave_id), []) if case not in listed]
        if missing:
            extra = pd.DataFrame({"case_id": missing, "role": [role_of.get(c, pd.NA) for c in missing], "wave_id": wave_id if wave_id is not None else pd.NA})
            rows = pd.concat([rows, extra], ignore_index=True) if len(rows) else extra.reindex(columns=columns)
        if len(rows):
            lists.append(("other" if wave_id is None else str(wave_id), rows[columns].reset_index(drop=True)))
    return lists


def _not_seen(study: Study) -> dict[str | None, list[str]]:
    """Wave → the cases it was planned for and did not see, as ``Study.attrition`` says (every state but ``present``
    and ``not scheduled``: the design's absences the trajectories read); ``None`` → the cases of a study with no waves
    no document is of or speaks in (recruited, never interviewed)."""
    if study.waves.empty:
        heard = _cases_heard(study)
        return {None: [case for case in map(str, study.cases["case_id"]) if case not in heard]}
    attrition = study.attrition()
    return {
        str(wave): [str(case) for case, state in zip(attrition.index, attrition[wave]) if state not in ("present", "not scheduled")]
        for wave in study.waves["wave_id"]
    }


def _cases_heard(study: Study) -> set[str]:
    """The cases a document is of or a conversation's record gives a turn."""
    heard = set(study.documents["case_id"].dropna().astype(str))
    return heard | {str(case) for labels in (study.meta.get("speaker_cases") or {}).values() if isinstance(labels, dict) for value in labels.values() for case in ([value] if isinstance(value, str) else value)}


def _no_document_lines(study: Study) -> list[str]:
    """The README's lines on the rows with no file: the cases with no document, the waves no document is of, and how
    many cases a wave planned for missed (each such case a row with no file in that wave's list)."""
    from .._words import number_of

    heard = _cases_heard(study)
    unseen = [case for case in map(str, study.cases["case_id"]) if case not in heard]
    lines = []
    if unseen:
        where = "the list of each wave it was planned for" if len(study.waves) else "`data_list_other.csv`"
        lines.append(f"{number_of(len(unseen), 'case')} with no document (recruited, never interviewed): {first_few(unseen, shown=8)}; each is a row with no file in {where}.")
    if len(study.waves):
        held = set(study.documents["wave_id"].dropna().astype(str))
        empty = [str(wave) for wave in study.waves["wave_id"] if str(wave) not in held]
        if empty:
            lines.append(f"{number_of(len(empty), 'wave')} no document is of (planned, never held): {first_few(empty, shown=8)}; its list keeps the wave.")
        missed = sum(len(cases) for cases in _not_seen(study).values())
        if missed:
            lines.append(
                f"{number_of(missed, 'row')} with no file in the waves' lists: a case a wave was planned for and did not see"
                " (missed, dropped out, not yet joined, never seen), so that the lists give the study's attrition."
            )
    return [line for found in lines for line in (found, "")]



def _speakers_said(study: Study) -> dict[str, dict[str, str]]:
    """Each document's labels whose role ``study.yaml`` gave (the interviewer by name, a participant whose name stands
    alone on its lines), label → role, under the label the study has now (a pseudonymised study's pseudonym): the
    deposit has no ``study.yaml``, so its data lists say them, a participant's declaration too."""
    from ..io import speaker_labels

    labels = speaker_labels(study)
    if labels.empty:
        return {}
    given = labels[labels["decided_by"].eq("manifest")]
    said: dict[str, dict[str, str]] = {}
    for doc_id, label, role in zip(given["doc_id"], given["speaker"], given["role"]):
        said.setdefault(str(doc_id), {})[str(label)] = str(role)
    return said


def _readme(result: Pseudonymisation, codebooks: list[Any]) -> str:
    from .._version import __version__

    study = result.study
    kinds = result.log.groupby("kind").size().sort_values(ascending=False)
    waves = "\n".join(f"| {w.wave_id} | {w.label} | {int((study.documents['wave_id'] == w.wave_id).sum())} |" for w in study.waves.itertuples(index=False))
    style = result._options["style"]
    pending = int((result.review["decision"] == "pending").sum()) if "decision" in result.review else 0
    warning = (
        [
            "> **Not final.** "
            f"{pending} possible identifier(s) found by the rules were still pending review when this deposit was made,",
            "> so the texts may still hold names. Decide them in the review queue and make the deposit again before sharing it.",
            "",
        ]
        if pending
        else []
    )
    lines = [
        f"# {study.name}",
        "",
        *warning,
        str(study.meta.get("description", "")).strip(),
        "",
        "## Contents",
        "",
        "- `transcripts/`: each document's pseudonymised text (UTF-8, one file per document, named by its id; a character",
        "  no file name may hold, such as a pooled study's `:`, is `_`, and the data lists' `doc_id` is the id).",
        "- `project.qdpx`: the whole project (documents, cases, codings, memos) in the REFI-QDA format, with fresh GUIDs.",
        f"- `codebooks/`: {', '.join(f'`{cb.id}.qdc`' for cb in codebooks) or 'none'} (REFI-QDA codebooks).",
        "- `data_list_<wave>.csv`: the documents of each wave (`data_list_other.csv`: documents of no wave): a joint",
        "  interview's cases (its own first) or a focus group's, each case's role, a case the wave was planned for and",
        "  did not see (a row with no file: every wave has its list), and the speakers whose role or case was said; a",
        "  `study.yaml` listing them (`documents: [{list: data_list_W1.csv}, …]`) loads the deposit's waves, cases and",
        "  attrition. The study's name, the waves' and cases' labels, the waves' dates, the cases' attributes and a case's",
        "  planned waves (where some are not) are in `project.qdpx` only. qlr loads this folder as it is with both",
        "  (`qlr.load(\"<deposit>\")`, `qlr info <deposit>`); `qlr info <deposit> --template` writes the same as a `study.yaml`.",
        "- `anonymisation_log.csv`: every replacement: where, what kind of identifier, by which rule, approved by whom.",
        "- `SHA256SUMS`: the SHA-256 checksum of every other file (`sha256sum -c SHA256SUMS`).",
        "",
        "## Waves",
        "",
        "| wave | label | documents |",
        "|---|---|---|",
        waves,
        "",
        f"{len(study.cases)} cases, {len(study.documents)} documents, {len(study.codings)} codings, {len(study.memos)} memos.",
        "",
        *_no_document_lines(study),
        "## Pseudonymisation",
        "",
        f"Made with qlr {__version__} (`qlr.pseudonymise`, style `{style}`). Every person, place and organisation of the",
        "study's roster, its aliases, first and last names, misspellings, e-mail addresses, telephone numbers,",
        "postcodes, dates of birth, street names, web addresses and social-media handles were replaced by one pseudonym each, the same in every wave;",
        "placeholders are marked with square brackets. Offsets of codings and segments refer to the pseudonymised texts.",
        "",
        "| kind | replacements |",
        "|---|---|",
        *[f"| {kind} | {n} |" for kind, n in kinds.items()],
        "",
        "The key that links pseudonyms to real names is not part of this deposit and is held by the depositor.",
        "",
    ]
    return "\n".join(lines)


def _refuse_originals(key: pd.DataFrame, folder: Path) -> None:
    """Search every file, and every member of the project archive, for the originals the key records."""
    originals = key.loc[key["record"].isin(["entity", "replacement"]), "original"]
    terms = sorted({t for t in originals if len(t) >= _SHORTEST_CHECKED}, key=len, reverse=True)
    if not terms:
        return
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, terms)) + r")(?!\w)")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".qdpx":
            with zipfile.ZipFile(path) as archive:
                parts = [(f"{path.name}:{name}", archive.read(name)) for name in archive.namelist()]
        else:
            parts = [(str(path.relative_to(folder)), path.read_bytes())]
        for name, data in parts:
            match = pattern.search(data.decode("utf-8", errors="replace"))
            if match:
                raise PseudonymisationError(
                    f"{name} still holds an original identifier (at character {match.start()}); nothing was deposited",
                    hint="report this as a bug, or add the term with extra= and pseudonymise again",
                )


def _write_checksums(folder: Path) -> None:
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}" for p in sorted(folder.rglob("*")) if p.is_file()]
    write_text_atomic(folder / "SHA256SUMS", "\n".join(lines) + "\n")
