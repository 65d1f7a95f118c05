"""What to load: the plan that the manifest or the file names give, before any file is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

__all__: list[str] = []


@dataclass
class _DocSpec:
    """One document to read, with everything the manifest (or its name) says of it."""

    path: Path
    doc_id: str
    case: str | None
    wave: str | None
    kind: str
    date: date | None = None
    stage: str | None = None
    title: str | None = None
    speakers: dict[str, str] = field(default_factory=dict)
    #: Labels of ``speakers:`` given a case (``Derek: C03``): in a conversation with no case, their turns are that
    #: case's; with each one's manifest line (for the check that the case exists).
    speaker_cases: dict[str, str] = field(default_factory=dict)
    case_lines: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    #: The entry's ``speaker_cases:`` (``names``, ``listed``, ``off``; None: the study's).
    case_mode: str | None = None
    observer: str | None = None
    segment: str | None = None
    line: int | None = None  # manifest line of the entry
    #: Whether ``wave`` is a default no name or entry stated (a single file named otherwise than {case}_{wave}_{kind}):
    #: a file holding several interviews under headings is then read as one document per wave (:mod:`._sections`).
    wave_guessed: bool = False
    #: The manifest entry says ``wave: headings``: each interview the file holds under a heading is read at its own wave.
    by_headings: bool = False
    #: The manifest entry says ``wave: dates``: a diary's or notes' dated entries are read at the wave in progress on
    #: each entry's date, one document per wave (:func:`._sections.entry_waves`).
    by_dates: bool = False
    #: The text already made (a survey respondent's answers, :mod:`qlr.io._responses`): read instead of ``path``.
    source: Any = None
    #: Cases a data list's row names beside the document's own (a joint interview's) or, for a group, all its cases:
    #: each should speak in it (said where none of its turns is theirs).
    listed_cases: tuple[str, ...] = ()
    #: A transcript table's reading options from its entry (``text_column``, ``tags``; :mod:`qlr.io._tabular`).
    table: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Marked:
    """A ``codings:`` entry ``- comments: …``: documents whose own comments, highlights and PDF annotations are codings."""

    #: The entry's pattern as written, and its manifest line.
    pattern: str
    line: int
    #: The documents' files it names (``_naming._key`` of each).
    files: set[str] = field(default_factory=set)
    #: Who coded every mark (``coder:``), and coders by the name a comment is signed with (``coders:``).
    coder: str | None = None
    coders: dict[str, str] = field(default_factory=dict)
    #: A highlight's colour (``_annotations.colour_name``) -> the code it stands for (``colours:``).
    colours: dict[str, str] = field(default_factory=dict)


@dataclass
class _Plan:
    """Everything to read and the tables the manifest (or the names) declare."""

    name: str
    root: Path
    manifest: Path | None
    waves: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    case_waves: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    docs: list[_DocSpec]
    speakers: dict[str, str]
    patterns: list[re.Pattern[str]]
    dayfirst: bool
    inferred: list[str]
    description: str | None = None
    stages: list[str] | None = None
    codings: list[tuple[Path, int]] = field(default_factory=list)
    #: The coder a ``codings:`` entry names, for reports that name none (NVivo's).
    coding_coders: dict[Path, str] = field(default_factory=dict)
    #: The ``codings:`` files whose entry says ``unplaced: warn``: codings that cannot be placed are left out, named.
    codings_left_out_unplaced: set[Path] = field(default_factory=set)
    #: Each ``codings:`` file's path as its entry wrote it (``coding/my_codings.csv``), for a fix to quote back.
    coding_paths: dict[Path, str] = field(default_factory=dict)
    #: The ``attributes:`` tables: (path, manifest line, the column its entry names as the case's, or None).
    attribute_tables: list[tuple[Path, int, str | None]] = field(default_factory=list)
    #: The ``codings:`` entries ``- comments: …`` (coding kept in the documents themselves).
    marked: list[_Marked] = field(default_factory=list)
    #: How the order of waves nothing declares was decided before any file was read (:func:`._sections.order_waves`),
    #: and how the load note that says it opens ("waves inferred"; the note goes on ", {how}: {waves}"); loading decides
    #: again once the documents' headers have dated them. None where a manifest declares the waves, a data list or
    #: survey export gives their order, or names that are dates make them.
    wave_order: Any = None
    wave_note: str | None = None
    #: Readable files a folder without a manifest holds but did not load, their names following no convention
    #: (relative paths): the template lists them still, as the study's (``study.meta["not_named"]``).
    not_named: list[str] = field(default_factory=list)
    #: A folder's framework charts, left out as documents (relative paths): the template offers them as codings
    #: (``study.meta["framework_charts"]``).
    framework_charts: list[str] = field(default_factory=list)
    #: A folder's QDA tools' tables of coded passages (Dedoose's excerpts), left out as documents: offered as codings
    #: likewise (``study.meta["coding_exports"]``).
    coding_exports: list[str] = field(default_factory=list)
    #: A folder's tables of the cases' attributes, a row per case (QDA Miner's variables; relative paths), read only under
    #: ``attributes:``: the template offers them (``study.meta["case_tables"]``).
    case_tables: list[str] = field(default_factory=list)
    #: The study's ``speakers:`` labels given a case (label, lower case -> case id), and its ``speaker_cases:``: how a
    #: conversation with no case (a focus group kept as the study's) reads its speakers (:func:`._segment.attribute_speakers`).
    speaker_cases: dict[str, str] = field(default_factory=dict)
    case_mode: str = "names"
    #: A deposit's ``project.qdpx`` as read, when its folder is loaded with no ``study.yaml`` (:func:`._load._plan_of_deposit`):
    #: its codings are put on the documents the data lists read.
    project: Any = None
