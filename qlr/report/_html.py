"""Write the HTML report: every section built from the public analysis functions.

The page is self-contained (figures inlined as PNG data, styles inline, no
scripts, fonts or links to fetch), every text from the data is escaped, and the
same study gives the same page apart from the one line saying when it was made.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import html
import io
import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._atomic import write_bytes_atomic, write_text_atomic
from .._names import slug as _slug
from .._output import made_at, write_csv, write_excel
from .._progress import progress_enabled
from .._version import __version__
from .._warned import warn
from .._words import first_few, number_of
from ..code import validate_coders
from ..codebook import PLACEMENT_RULE_WORDS
from ..errors import EmptyNetworkWarning, InvalidParameterError, PoolingWarning, QlrWarning, SelectionError
from ..io._load_notes import WHAT
from ..track._placements import CONFIDENCE_WORDS, level_label
from ._rule_checks import rule_checks_section, with_rule_checks

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study
    from ..track import Placements
    from ._cases import Detail
    from ._memos import PassageMemos

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fff;line-height:1.45}
header{background:#0b3954;color:#fff;padding:1.4rem 2rem}
header h1{margin:0 0 .3rem;font-size:1.7rem}
header p{margin:.1rem 0;opacity:.9}
nav{padding:.6rem 2rem;background:#eef3f7;border-bottom:1px solid #d0dbe4;font-size:.92rem}
nav a{margin-right:1rem;color:#0b3954}
main{padding:0 2rem 3rem;max-width:1200px}
h2{border-bottom:2px solid #0b3954;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0 1rem}
th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f6f9}
td.num{text-align:right}
.figure img{max-width:100%;height:auto;border:1px solid #eee}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{background:#f3f6f9;border-radius:6px;padding:.6rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.4rem}
details{margin:.2rem 0}
summary{cursor:pointer}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #88a;font-style:italic}
.present{background:#d8efe0}.missed{background:#fbe3c8}.dropped{background:#f4c7c3}.later{background:#eee}
.note{color:#555;font-size:.9rem}
.stamp{color:#666;font-size:.8rem;margin-top:3rem}
article.qlr-portrait{border:1px solid #d0d7de;border-radius:6px;padding:.4rem 1rem;margin:1rem 0}
.memo{margin:.2rem 0 .7rem 1.6rem;padding:.2rem .6rem;background:#fff8e1;border-left:3px solid #d9a400;font-size:.9rem;white-space:pre-wrap}
.memo-by{font-weight:600}
.caution{background:#fff4e5;border-left:4px solid #d97706;padding:.4rem .8rem;font-size:.92rem}
"""

ATTRITION_CLASS = {"present": "present", "missed": "missed", "dropped out": "dropped", "not yet joined": "later"}


def _esc(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return html.escape(str(value))


#: The axes of a report table that hold codes (a matrix's columns, a change summary's rows), shown by their labels.
CODE_AXES = ("theme", "code_id")


def _table(frame: pd.DataFrame, *, index: bool = True, digits: int = 2, codes: Codebook | None = None) -> str:
    """An escaped HTML table; numbers rounded, missing values blank; with ``codes``, its codes (an axis named
    "theme" or "code_id") as a reader knows them (:meth:`Codebook.labels`: by name)."""
    shown = frame.copy()
    if codes is not None:
        for axis in ("index", "columns"):
            labels = getattr(shown, axis)
            if labels.nlevels == 1 and labels.name in CODE_AXES:
                named = codes.labels([v for v in labels if isinstance(v, str)])
                setattr(shown, axis, pd.Index([named.get(v, v) if isinstance(v, str) else v for v in labels], name=labels.name))
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_float_dtype(values):
            whole = values.dropna()
            # Counts stored as floats (NaN marks a missing wave) read as whole numbers.
            # "+ 0.0": a kappa of -0.00007 rounds to -0.0, shown "-0.0" (a disagreement that is not there); IEEE adds it to 0.0.
            shown[column] = values.astype("Int64") if len(whole) and (whole == whole.round()).all() else values.round(digits) + 0.0
        shown[column] = shown[column].astype(object).where(shown[column].notna(), "")
    # pandas writes a cell's line break and tab as the two characters "\n" and "\t" (a code's definition read "…\n\t•\tFizikai"):
    # each break goes through as a mark no text holds, and becomes <br> once pandas has escaped the rest; a tab is a space.
    texts = "".join(v for column in shown.columns for v in shown[column] if isinstance(v, str))
    if shown.index.nlevels == 1:
        texts += "".join(v for v in shown.index if isinstance(v, str))
    if not any(c in texts for c in "\r\n\t"):
        return shown.to_html(index=index, escape=True, border=0, classes="qlr")
    mark = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in texts)
    for column in shown.columns:
        shown[column] = shown[column].map(lambda v: _broken(v, mark))
    if shown.index.nlevels == 1 and any(isinstance(v, str) and _broken(v, mark) != v for v in shown.index):
        shown.index = pd.Index([_broken(v, mark) for v in shown.index], name=shown.index.name)
    return shown.to_html(index=index, escape=True, border=0, classes="qlr").replace(mark, "<br>")


def _broken(value: Any, mark: str) -> Any:
    """A string's line breaks as ``mark`` and its tabs as spaces (anything else as it is)."""
    if not isinstance(value, str) or not any(c in value for c in "\r\n\t"):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", mark).replace("\t", " ")


#: The most pixels of a report figure's canvas (at 150 dpi, 6 million is a figure of about 16 × 16 inches); trimming can add an outside legend.
MAX_FIGURE_PIXELS = 6_000_000
_DPI = 150


def _figure_dpi(figure: Any) -> int:
    """150 dpi, or less for a figure so large (a row per case of hundreds) that 150 dpi would pass :data:`MAX_FIGURE_PIXELS`.

    A 600-case heatmap is over 130 inches tall: at 150 dpi, 21 million pixels,
    a gigabyte of memory while it is drawn and a megabyte of PNG.
    """
    width, height = figure.get_size_inches()
    pixels = width * height * _DPI**2
    return _DPI if pixels <= MAX_FIGURE_PIXELS else max(40, int(_DPI * (MAX_FIGURE_PIXELS / pixels) ** 0.5))


def _figure(figure: Any, name: str, folder: Path, caption: str) -> str:
    """Save the figure as a PNG beside the report and inline the same bytes."""
    import matplotlib.pyplot as plt

    from ..plot import save_png

    buffer = io.BytesIO()
    save_png(figure, buffer, dpi=_figure_dpi(figure))
    plt.close(figure)
    data = buffer.getvalue()
    write_bytes_atomic(folder / f"{name}.png", data)
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<figure class='figure'><img alt='{_esc(caption)}' src='data:image/png;base64,{encoded}'>"
        f"<figcaption class='note'>{_esc(caption)} (figures/{name}.png)</figcaption></figure>"
    )


def _without_design(study: Study, attrition: pd.DataFrame) -> str:
    """The attrition note's words where no design says which waves each case was to be seen at (an imported project,
    or a ``study.yaml`` with no ``scheduled``): its states are then read from each case's own documents alone."""
    if study.case_waves["scheduled"].notna().any() or not study.waves.shape[0]:
        return ""
    states = [state for state in ("dropped out", "not yet joined", "missed") if attrition[list(study.waves["wave_id"])].eq(state).any().any()]
    if not states:
        return ""
    said = {"dropped out": "“dropped out” that it has no document after its last one", "not yet joined": "“not yet joined” none before its first", "missed": "“missed” none between two"}
    return (
        " No design says which waves each case was to be seen at (an imported project, or no case's or role's "
        "<code>waves:</code> in study.yaml), so these states "
        "are read from each case's documents alone: " + "; ".join(said[state] for state in states)
        + ". Whether the interview did not happen, is yet to come or was not imported, only the study's records say."
    )


def _attrition(study: Study) -> str:
    attrition = study.attrition()
    waves = list(study.waves["wave_id"])
    rows = ["<table><tr><th>case</th><th>role</th>" + "".join(f"<th>{_esc(w)}</th>" for w in waves) + "<th>pattern</th></tr>"]
    for case_id, row in attrition.iterrows():
        cells = "".join(f"<td class='{ATTRITION_CLASS.get(row[w], '')}'>{_esc(row[w])}</td>" for w in waves)
        left = "" if pd.isna(row.get("left", None)) else f" (left: {_esc(row['left'])})"  # why, where study.yaml says
        rows.append(f"<tr><td>{_esc(case_id)}</td><td>{_esc(row['role'])}</td>{cells}<td>{_esc(row['pattern'])}{left}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


#: Beside a trail's passage of a field note (qlr.evidence.researchers_accounts).
_ACCOUNT_NOTE = " · researcher's account"
#: Beside a trail's passage of the team's summary of an interview (qlr.evidence.summary_paragraphs): counted at a
#: summary_weight above 0, else shown and counted for nothing.
_SUMMARY_NOTES = {True: " · researcher's summary", False: " · researcher's summary, not counted"}


#: A code in the placements' ``other_evidence`` ("facilitation.staff_led (level 2, negative, weight 1); …"): its id, before its level.
_OTHER_CODE = re.compile(r"(^|; )(\S+)(?= \(level )")


def _named_others(text: str, codes: Codebook | None) -> str:
    """The placements' ``other_evidence`` with each code as a reader knows it (:meth:`Codebook.labels`); ids the
    codebook lacks stay as they are."""
    if codes is None:
        return text
    shown_as = codes.labels(match.group(2) for match in _OTHER_CODE.finditer(text))
    return _OTHER_CODE.sub(lambda match: match.group(1) + shown_as.get(match.group(2), match.group(2)), text)


def _evidence(placements: Placements, rows: pd.DataFrame, memos: PassageMemos | None = None, *, codes: Codebook | None = None) -> str:
    """``rows`` of the placements with their quotes, one collapsible row per placement; ``memos`` on a quote's coding or segment under it;
    with ``codes``, each quote's code as a reader knows it (:meth:`Codebook.labels`)."""
    out = []
    copies = _merged_copies(placements)
    for row in rows.to_dict("records"):
        label = " · ".join(_esc(row[k]) for k in placements.keys)
        level = row.get("level_name")
        status = row["status"] if pd.isna(level) else level_label(row)
        override = ""
        if "override_level" in row and not pd.isna(row["override_level"]):
            override = f" — <b>override: level {_esc(row['override_level'])}</b> by {_esc(row['override_author'])}: {_esc(row['override_reason'])}"
        facet = None if pd.isna(row.get("facet")) else row["facet"]
        cited = placements.quotes(facet=facet, **{key: row[key] for key in placements.keys})
        # A rule coding of a code whose rules disagree with a person who coded the study is marked (see _rule_checks).
        flags = cited["rule_check"] if "rule_check" in cited.columns else [""] * len(cited)
        codings = cited["coding_id"] if "coding_id" in cited.columns else [None] * len(cited)
        cited_codes = cited["code_id"] if "code_id" in cited.columns else [None] * len(cited)
        shown_as = codes.labels([c for c in cited_codes if isinstance(c, str)]) if codes is not None else {}
        # What else in the passage weighs in the placement, so the trail shows every code that moved it.
        others = cited["other_evidence"] if "other_evidence" in cited.columns else [None] * len(cited)
        # An interpreter's rendering of the participant's answer (qlr.evidence.relayed_turns) is said so.
        relayed = cited["interpreted"] if "interpreted" in cited.columns else [False] * len(cited)
        # So is a field note's passage, the researcher's account (qlr.evidence.researchers_accounts), and the team's
        # summary's, said apart with whether it counted (qlr.evidence.summary_paragraphs).
        written = cited["researchers_account"] if "researchers_account" in cited.columns else [False] * len(cited)
        summed = cited["researchers_summary"] if "researchers_summary" in cited.columns else [False] * len(cited)
        counts = cited["counted"] if "counted" in cited.columns else [True] * len(cited)
        accounts = [_SUMMARY_NOTES[bool(c)] if s is True else _ACCOUNT_NOTE if a is True else "" for a, s, c in zip(map(bool, written), map(bool, summed), counts)]
        body = "".join(
            f"<blockquote dir='auto'>{_esc(q)}</blockquote><div class='note'>{_esc(s)}{' · interpreted' if said_through is True else ''}"
            f"{account}"
            f"{f' · {_esc(shown_as.get(code, code))}' if isinstance(code, str) else ''}{f' · also weighing here: {_esc(_named_others(other, codes))}' if isinstance(other, str) else ''}"
            f"{f' — ⚑ {_esc(c)}' if c else ''}{copies.get(s, '')}</div>{memos.beside(k, s) if memos is not None else ''}"
            for q, s, c, k, code, other, said_through, account in zip(cited["quote"], cited["seg_id"], flags, codings, cited_codes, others, map(bool, relayed), accounts)
        )
        flagged = sum(1 for c in flags if c)
        flag_note = f", ⚑ {flagged} from rules that disagree with a coder" if flagged else ""
        confidence = "" if pd.isna(row.get("confidence")) else f", confidence {row['confidence']:.2f}"
        n_evidence = row.get("n_evidence")
        segments = f"{n_evidence} evidence segments" if pd.isna(n_evidence) else number_of(int(n_evidence), "evidence segment")
        shown_only = sum(1 for c in counts if not bool(c))
        if shown_only:
            segments += f" (and {shown_only:,} of the researcher's summary, not counted)"
        out.append(
            f"<details><summary>{label} — {_esc(row.get('facet'))}: {_esc(status)}{confidence}, "
            f"{_esc(segments)}{flag_note}{override}</summary>{body or '<p class=note>No evidence.</p>'}</details>"
        )
    return "".join(out)


def _merged_copies(placements: Placements) -> dict[str, str]:
    """{seg id: what is said beside its quote} for each passage that repeats elsewhere word for word and was counted
    once (:attr:`Placements.repeats`): " · 2 more copies of this passage in Ana_W1_photo1, Ana_W1_copy (counted once)",
    escaped; none merged: ``{}``."""
    repeats = placements.repeats
    if repeats.empty:
        return {}
    said = {}
    for seg_id, rows in repeats.groupby(repeats["same_as"].astype(str), sort=False):
        where = ", ".join(_esc(doc) for doc in dict.fromkeys(rows["doc_id"].astype(str)))
        copies = "1 more copy" if len(rows) == 1 else f"{len(rows):,} more copies"
        said[seg_id] = f" · {copies} of this passage in {where} (counted once)"
    return said


def _load_notes_part(notes: pd.DataFrame) -> str:
    """The section "Data and load notes": counts by kind, then every note with the documents it names."""
    if notes.empty:
        return "<p>Loading left nothing out, changed nothing and guessed nothing it did not say in the manifest.</p>"
    counts = notes.groupby("what", sort=False).agg(notes=("note", "size"), documents=("documents", lambda d: len({x for cell in d for x in str(cell).split("; ") if x})))
    left_out = [what for what in ("files not loaded", "rows refused", "text not read") if what in counts.index]
    doubted = [what for what in ("read as another language", "no interviewer", "words outside every turn") if what in counts.index]
    said = []
    if left_out:
        said.append("Data was left out (" + ", ".join(_esc(w) for w in left_out) + "): the analyses below do not include it.")
    if doubted:
        said.append("Some documents' codings are doubtful (" + ", ".join(_esc(w) for w in doubted) + "): read their rows below before their counts.")
    return (
        "<p class='note'>What loading the study (and rule coding it) left out, changed or guessed, as qlr warned of it "
        "when it ran. Paths start at the study's folder. " + " ".join(said) + "</p>"
        + _table(counts.rename_axis("what"))
        + _table(notes[["step", "what", "documents", "note"]], index=False)
    )


def _not_coded_note(study: Study, codebook: Codebook) -> str | None:
    """The sentences saying which case × waves of a pooled study ``codebook`` never coded, or coded only in part
    (:func:`qlr.evidence.case_wave_coverage`), or None.

    Said once, in the report's header, its load notes and a warning: the tables' "not coded" and "partly coded" cells
    say it case by case, and each case's page (its portrait) wave by wave. Cases no wave of which was coded are counted
    first; then, by study, the waves a study of the same people brought uncoded (``cases="shared"``: a hand-coded
    project's next wave loaded as plain transcripts); then the case × waves where such a study's documents sit beside
    coded ones, named (up to :data:`_PARTLY_NAMED`).
    """
    from ..evidence import NOT_CODED, PARTLY_CODED, case_wave_coverage, not_coded_cases

    cases = not_coded_cases(study, codebook)
    coverage = case_wave_coverage(study, codebook)
    waves = coverage[(coverage["coverage"] == NOT_CODED).to_numpy(dtype=bool) & ~coverage["case_id"].isin(cases).to_numpy(dtype=bool)]
    partly = coverage[(coverage["coverage"] == PARTLY_CODED).to_numpy(dtype=bool)]
    if not cases and waves.empty and partly.empty:
        return None
    said = []
    if cases:
        column = study.meta["pooled"].get("column", "study")
        left = study.cases[study.cases["case_id"].astype(str).isin(cases)]
        studies = list(dict.fromkeys(left[column].astype(str)))
        said.append(
            f"{number_of(len(cases), 'case')} of {len(study.cases):,} ({'study' if len(studies) == 1 else 'studies'} "
            f"{', '.join(map(repr, studies))}) {'was' if len(cases) == 1 else 'were'} never coded with codebook {codebook.id!r}"
        )
    for part, rows in waves.groupby("study", sort=False, dropna=False):
        named = ", ".join(dict.fromkeys(rows["wave_id"].astype(str)))
        n_cases = rows["case_id"].nunique()
        # A case × wave of no pooled part: one a framework chart of the codebook has no row for.
        which = f"{number_of(len(rows), 'case × wave')} ({number_of(n_cases, 'case')} at {named})"
        said.append(
            f"study {part!r} brought {which} never coded with codebook {codebook.id!r}"
            if not pd.isna(part)
            else f"{which} have no row in the framework chart and were never coded with codebook {codebook.id!r}"
        )
    sentences = []
    if said:
        sentences.append("; ".join(said) + ": the matrices, change and ladder give " + ("their waves" if waves.empty else "those waves") + " as not coded, never as absences")
    if not partly.empty:
        cells = [f"{case} at {wave}" for case, wave in zip(partly["case_id"], partly["wave_id"])]
        parts = ", ".join(repr(part) for part in dict.fromkeys(", ".join(partly["study"].dropna()).split(", ")))
        sentences.append(
            f"Codebook {codebook.id!r} coded only some of the documents of {number_of(len(cells), 'case × wave')} "
            f"({', '.join(cells[:_PARTLY_NAMED])}{' …' if len(cells) > _PARTLY_NAMED else ''}; each case's page names its own): "
            f"those of {parts} there were never coded with it, so what was found there counts and a code not found is "
            "partly coded, never an absence; a density there is over the coded documents' words"
        )
    return ". ".join(sentences)


#: How many partly coded case × waves the report's header names (each case's page names all of its own).
_PARTLY_NAMED = 12


def report_codebook(study: Study, codebook: Any, crosswalk: Any) -> Codebook:
    """The codebook a report is written by: the crosswalk's, the one given, the study's laddered one, or its only one."""
    from ..codebook import Crosswalk, read_crosswalk
    from ..evidence import pick_codebook

    if crosswalk is not None:
        if not isinstance(crosswalk, Crosswalk):
            crosswalk = read_crosswalk(crosswalk)
        return crosswalk.codebook_for(study, codebook=codebook)
    if codebook is not None:
        # A codebook without a ladder (a researcher's own themes) gives a report without placements, which says so.
        return pick_codebook(study, codebook)
    try:
        return pick_codebook(study, None, need_ladder=True)
    except SelectionError:
        if not study.codebooks:
            raise
        # The project's own codebook (an imported NVivo or ATLAS.ti project has no ladder): a report without placements.
        return pick_codebook(study, None)


def _with_weights(cb: Codebook, *, prompted_weight: Any, summary_weight: Any) -> Codebook:
    """The codebook with the report's ladder weights in its ``placement:`` (itself when none is given).

    Every analysis of the report then reads them where it reads the codebook's: the placements, and which codings
    the tables count (a summary's, above ``summary_weight`` 0). A weight outside 0 to 1 is one
    :class:`qlr.errors.InvalidParameterError`; a weight for a codebook without a ladder, which places no one, too.
    """
    if prompted_weight is None and summary_weight is None:
        return cb
    if cb.ladder is None:
        # Named as both callers spell them (write_report's keyword, qlr report's option): a weight given is refused
        # whatever its value, the default's too, since it would otherwise be taken and silently weigh nothing.
        given = [
            f"{name} ({option})"
            for name, option, value in (("prompted_weight", "--prompted-weight", prompted_weight), ("summary_weight", "--summary-weight", summary_weight))
            if value is not None
        ]
        raise InvalidParameterError(
            f"codebook {cb.id!r} has no ladder, so {' and '.join(given)} would weigh nothing",
            hint="report with a codebook that has a ladder (--codebook coproduction) or through a crosswalk, or leave the weights out",
        )
    from ..track._ladder import placement_weights

    prompted, summary = placement_weights(cb.ladder.placement, prompted_weight=prompted_weight, summary_weight=summary_weight)
    weighed = copy.copy(cb)
    weighed.ladder = dataclasses.replace(cb.ladder, placement={**cb.ladder.placement, "prompted_weight": prompted, "summary_weight": summary})
    return weighed


def _in_themes(cb: Codebook) -> str:
    """How the codebook groups its codes, counted as ``qlr validate`` counts them (a flat code list has no themes)."""
    themes = len(cb.themes)
    # The matrices group by each code's top-level ancestor (Codebook.theme_of): an imported project's top-level codes
    # that no theme holds are columns too, so "151 codes in 1 theme" beside 12 columns needs the count of those.
    groups = len({cb.theme_of(code.id) for code in cb.codes} | {theme.id for theme in cb.themes})
    if not themes:
        # No themes, but codes nested under codes (an import's tree) is not a flat list: the top-level codes group them.
        if groups == len(cb.codes):
            return "(no themes: a flat list)"
        return f"(no themes: a tree, its {number_of(groups, 'top-level code')} the matrices' columns, each counting the codes under it)"
    said = f"in {number_of(themes, 'theme')}"
    if groups != themes:
        said += f" (the matrices' {groups} columns are the top-level codes: {number_of(themes, 'theme')} and {number_of(groups - themes, 'code')} no theme holds)"
    return said


def _ladder_words(cb: Codebook) -> str:
    if cb.ladder is None:
        return "no ladder"
    return f"ladder <i>{_esc(cb.ladder.name)}</i> with levels {', '.join(_esc(f'{lv.value} {lv.name}') for lv in cb.ladder.levels)}"


def left_out_codings(study: Study, cb: Codebook) -> pd.Series:
    """How many of the study's codings a report by ``cb`` leaves out, by codebook: codings of its other codebooks
    whose codes ``cb`` does not read (:func:`qlr.evidence.in_codebook`); for the report's note and the command's."""
    from ..evidence import in_codebook

    codings = study.codings
    other = codings["codebook"].fillna("") != cb.id
    return codings.loc[other & ~in_codebook(codings, cb), "codebook"].fillna("(no codebook)").value_counts()


def other_codebook_advice(left: pd.Series, *, code: Any = str) -> str:
    """What to write for the codings a report leaves out (:func:`left_out_codings`): the option that chooses
    their codebook, by name, or a crosswalk; ``code`` sets an option in the page's markup."""
    named = [str(name) for name in left.index if name != "(no codebook)"]
    choose = " or ".join(code(f"--codebook {name}") for name in named)
    return (f"write a report with {choose}, or " if choose else "") + f"map them to the ladder with {code('--crosswalk')}"


def _beside(cb: Codebook, others: list[str], left: pd.Series, *, chosen: bool) -> str:
    """Say which of the study's own codebooks this report leaves out (they stay in the study), and how many codings."""
    if not others:
        return ""
    names = ", ".join(_esc(name) for name in others)
    how = "" if chosen else ", the study's only codebook with a ladder"
    said = (
        f"<p class='note'>The study's own {'codebooks' if len(others) > 1 else 'codebook'} ({names}) "
        f"{'stay as they are' if len(others) > 1 else 'stays as it is'}; this report codes and places by {_esc(cb.id)}{how}. "
    )
    their = "their" if len(others) > 1 else "its"
    if not len(left):
        return said + f"None of {their} codings is left out: {their} codes are this codebook's.</p>"
    listed = ", ".join(f"{_esc(name)} ({number_of(int(count), 'coding')})" for name, count in left.items())
    advice = other_codebook_advice(left, code=lambda option: f"<code>{_esc(option)}</code>")
    return said + f"{their.capitalize()} codings are not in this report: {listed}. For them, {advice}.</p>"


def _no_ladder_note(cb: Codebook) -> str:
    return (
        f"<p class='note'>The codebook {_esc(cb.name or cb.id)} has no ladder, so cases are not placed and there are no trajectories "
        "or stages. The matrices, change, networks and pen portraits above and below use its codes as they are. To add a ladder:</p><ul>"
        "<li>map your own codes to ladder evidence with a crosswalk, a small YAML file (see docs/crosswalk.md): "
        "<code>qlr report PROJECT --crosswalk crosswalk.yaml --out report/</code>; your hand codings then place the cases, "
        "nothing is recoded;</li>"
        "<li>or code a copy with a bundled codebook beside your codes, whose rules place the cases on its ladder: "
        "<code>qlr report PROJECT --codebook coproduction --out report/</code>.</li></ul>"
    )


def _unchecked_rules_caution(study: Study, placements: Placements, cb: Codebook, checks: pd.DataFrame | None) -> str:
    """A caution over placements resting on rule codings no person in the study has checked (empty otherwise)."""
    if checks is None or not checks.empty or placements.evidence.empty or "origin" not in study.codings.columns:
        return ""
    origin = study.codings.set_index("coding_id")["origin"]
    # Passages, not rows: a passage's row repeats for each facet and each coding of it.
    evidence = placements.evidence.assign(rules=placements.evidence["coding_id"].map(origin).eq("rules"))
    passages = evidence.groupby("seg_id")["rules"].any()
    from_rules = int(passages.sum())
    if not from_rules:
        return ""
    return (
        f"<p class='caution'><b>Unchecked rules.</b> {from_rules:,} of the {len(passages):,} evidence passages "
        f"behind these placements are rule codings of {_esc(cb.id)}, and no person in this study has coded with its codes, "
        "so nobody has checked how well its rules read this study's talk. Keyword rules fire on words, wherever they are "
        "said (\u201cran this in Google Colab\u201d can read as running something oneself): read each placement's "
        "evidence before using it, or validate the rules first (see <a href='#rules'>Rules against coders</a>).</p>"
    )


def _negative_only_note(placements: Placements) -> str:
    """Say which placements only negative evidence gives (a ceiling, not a level any passage shows); empty if none."""
    if "negative_only" not in placements.columns:
        return ""
    capped = placements.table[placements.table["negative_only"].fillna(False).astype(bool)]
    if capped.empty:
        return ""
    named = ", ".join(f"{_esc(r.case_id)} {_esc(r.wave_id)} {_esc(r.facet)}" for r in capped.head(8).itertuples(index=False)) if "case_id" in capped.columns else ""
    more = f" and {len(capped) - 8:,} more" if len(capped) > 8 else ""
    return (
        f"<p class='note'><b>{number_of(len(capped), 'placement')} {'rests' if len(capped) == 1 else 'rest'} on negative evidence only</b> (column "
        f"<code>negative_only</code>){': ' + named + more if named else ''}. Negative evidence at a level says the case is "
        "below it, so the level shown is a ceiling, the one most of the weight gives (a pen portrait names a lower one some "
        "passages give): no passage shows that level itself.</p>"
    )


def _summary_note(placements: Placements) -> str:
    """Say how many passages of the team's summaries the trails show but the placements do not count; empty if none."""
    evidence = placements.evidence
    if "counted" not in evidence.columns or "researchers_summary" not in evidence.columns:
        return ""
    shown = evidence[evidence["researchers_summary"].fillna(False).astype(bool) & ~evidence["counted"].fillna(True).astype(bool)]
    if shown.empty:
        return ""
    n = shown["seg_id"].nunique()
    return (
        f"<p class='note'><b>{number_of(n, 'passage')} of the team's summaries of interviews "
        f"{'is' if n == 1 else 'are'} shown in the evidence but not counted</b> (\"researcher's summary, not "
        "counted\"): a summary restates the interview, so counting it would count one statement twice. Field notes count. "
        "A codebook's <code>placement: {summary_weight: 1}</code> (or <code>qlr report --summary-weight 1</code>) counts "
        "summaries as the participant's own words, in the placements and the tables.</p>"
    )


def _weight_text(cb: Codebook) -> str:
    """How the placements weigh a summary's passage, in words (``summary_weight`` of the codebook's ladder)."""
    from ..track._evidence import summary_weight_of

    weight = summary_weight_of(cb)
    return "as much as any other passage (summary_weight 1)" if weight >= 1 else f"{weight:g} of a passage (summary_weight {weight:g})"


def _double_coding_in_tables(study: Study, cb: Codebook) -> str:
    """The matrices' note on double coding: how many codings the tables leave out because another coder's codings of
    the same passage are counted (:func:`qlr.evidence.double_coded`, the rule analyses count by), on how many passages,
    whose are kept; empty when no passage of the codebook's codes was coded twice."""
    from ..evidence import double_coded, in_codebook
    from ..track._evidence import counts_summaries

    codes = {code.id for code in cb}
    mine = study.codings[in_codebook(study.codings, cb) & study.codings["code_id"].isin(codes).to_numpy(dtype=bool)]
    twice = double_coded(study, mine, summaries=counts_summaries(cb))
    if twice.empty:
        return ""
    n = int(twice["dropped"].sum())
    kept = twice["kept"].astype(object).fillna("(no coder)").value_counts()
    whose = ", ".join(f"{_esc(str(coder))}'s on {number_of(int(count), 'passage')}" for coder, count in kept.items())
    return (
        f"<p class='note'><b>{number_of(n, 'coding')} {'is' if n == 1 else 'are'} not counted</b> in these tables: "
        f"{number_of(len(twice), 'passage')} (a segment and a code) {'was' if len(twice) == 1 else 'were'} coded by more than one coder, "
        "and the analyses count one coder's codings of each (a person's before the rules', a consensus first, then "
        f"the first by name): {whose}. The agreement between coders compares them all.</p>"
    )


def _summaries_in_tables(study: Study, cb: Codebook) -> str:
    """The matrices' note on the codings in the team's summaries of interviews: how many, and whether the tables count
    them (``qlr.track._evidence.counts_summaries``, as the placements do); empty when the study has none."""
    from ..evidence import evidence, in_codebook
    from ..track._evidence import counts_summaries

    mine = study.codings[in_codebook(study.codings, cb)]
    n = len(evidence(study, mine, summaries=True)) - len(evidence(study, mine))
    if not n:
        return ""
    if counts_summaries(cb):
        return (
            f"<p class='note'>{number_of(n, 'coding')} in the team's summaries of interviews {'is' if n == 1 else 'are'} counted "
            "in full in these tables and the networks (they count codings, not weights), while the placements weigh each "
            f"{_weight_text(cb)}.</p>"
        )
    return (
        f"<p class='note'><b>{number_of(n, 'coding')} in the team's summaries of interviews {'is' if n == 1 else 'are'} not "
        "counted</b> in these tables, the change table or the networks: a summary restates the interview, so counting it "
        "would count one statement twice. "
        + (
            "<code>qlr report --summary-weight 1</code> (or the codebook's <code>placement: {summary_weight: 1}</code>) counts them."
            if cb.ladder is not None
            else "(<code>qlr.track.matrix(study, summaries=True)</code> counts them.)"
        )
        + "</p>"
    )


def _weights_words(cb: Codebook) -> str:
    """The method note's sentence on the ladder's weights: a prompted echo's and a summary's passage's, as placed."""
    from ..track._ladder import placement_weights

    prompted, summary = placement_weights(cb.ladder.placement)  # type: ignore[union-attr]
    summaries = "not counted in the placements or the tables" if summary == 0 else f"weighing {summary:g} and counted in the tables"
    return (
        f"A passage echoing the interviewer's question weighs {prompted:g}; a passage of the team's summary of an interview "
        f"{summaries} (--prompted-weight, --summary-weight or the codebook's placement: set them). "
    )


def _crosswalk_note(cb: Codebook) -> str:
    crosswalk = getattr(cb, "crosswalk", None)
    if crosswalk is None:
        return ""
    people_only = getattr(cb, "people_only", frozenset())
    own = [code for code in cb.codes if code.id not in people_only]
    mapped = sum(1 for code in own if code.evidence)
    borrowed = [code for code in cb.codes if code.id in people_only]
    also = (
        f" A person's codings with {len(borrowed)} of {_esc(crosswalk.ladder_codebook.id)}'s own codes are evidence too, "
        "counted once per passage and code with the rest (rule codings of those codes are not read)."
        if borrowed else ""
    )
    return (
        f"<p class='note'>The ladder and its evidence come from the crosswalk {_esc(crosswalk.source)}: {mapped} of the project's "
        f"{number_of(len(own), 'code')} are mapped onto the ladder of {_esc(crosswalk.ladder_codebook.id)}, and the project's own codings are the evidence.{also}</p>"
    )


def _counts(frame: pd.DataFrame, by: list[str], name: str) -> str:
    """How many rows (cases) fall in each group: a large study's summary of a table with a row per case."""
    return _table(frame.groupby(by, sort=False, dropna=False).size().rename(name).to_frame())



def _level_counts(placements: Placements) -> str:
    """Cases at each level, per facet and wave: a large study's summary of the placements."""
    table = placements.table.assign(level=placements.table["level_name"].where(placements.table["status"] == "placed", placements.table["status"]))
    counts = table.groupby(["facet", "wave_id", "level"], sort=False, dropna=False).size().unstack("level", fill_value=0)
    return "<p class='note'>Cases at each level (or why not placed), per facet and wave.</p>" + _table(counts)


def _study_memos(study: Study) -> str:
    """The memos on the study and its waves (a project's free memos), each with its title, author and date; none: ``""``."""
    memos = study.memos[study.memos["target_type"].isin(["study", "wave"]).fillna(False).to_numpy(dtype=bool)]
    items = []
    for memo in memos.itertuples(index=False):
        title = getattr(memo, "title", None)
        heading = _esc(title) if isinstance(title, str) and title else ("the study" if memo.target_type == "study" else f"wave {_esc(memo.target_id)}")
        stamp = f", {memo.created:%Y-%m-%d}" if not pd.isna(memo.created) else ""
        items.append(f"<li><b>{heading}</b> <span class='note'>({_esc(memo.author)}{stamp})</span><div class='memo'>{_esc(memo.text)}</div></li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _index_evidence(focus: Study, placements: Placements, memos: PassageMemos, *, codes: Codebook | None = None) -> str:
    """Every placement's evidence on the index for a small study; for a large one, where each case's page has it."""
    from ._cases import INLINE_CASES

    if len(focus.cases) <= INLINE_CASES:
        return _evidence(placements, placements.table[placements["status"] != "missing"], memos, codes=codes)
    return f"<p class='note'>Each case's evidence is on its own page (see <a href='#portraits'>the list of cases</a>): {len(focus.cases):,} cases are too many for one page.</p>"


def _ladder_sections(
    study: Study, focus: Study, cb: Codebook, sections: list[tuple[str, str, str]], saved: dict[str, pd.DataFrame], figures: Path, scope: str, bar: Any, detail: Detail, checks: pd.DataFrame | None, memos: PassageMemos
) -> Placements:
    """Placements with their evidence, trajectories and transitions, and the project by stage; the placements made."""
    from .. import plot, track

    # Ladder placements with evidence and overrides.
    placements = with_rule_checks(track.ladder(focus, codebook=cb), study, checks)
    saved["placements"] = placements.table
    saved["placement_evidence"] = placements.evidence
    columns = [c for c in ["case_id", "wave_id", "facet", "status", "level", "level_name", "band_range", "n_evidence", "confidence", "negative_only", "override_level", "override_reason", "final_level"] if c in placements.columns]
    sections.append(
        (
            "ladder",
            f"{_esc(cb.ladder.name)}: placements{scope}",
            _crosswalk_note(cb)
            + _unchecked_rules_caution(study, placements, cb, checks)
            + _negative_only_note(placements)
            + _summary_note(placements)
            + f"<p class='note'>Rule: {_esc(placements['rule'].iloc[0] if len(placements) else '')} "
            f"({_esc(PLACEMENT_RULE_WORDS.get(placements['rule'].iloc[0], '') if len(placements) else '')}). "
            + _esc(CONFIDENCE_WORDS)
            + " "
            + _weights_words(cb)
            + "A researcher's override is shown beside the computed level, never instead of it. Open a row for its evidence.</p>"
            + detail("ladder", _table(placements[columns], index=False))
            + (_level_counts(placements) if detail else "")
            + "<h3>Evidence</h3>"
            + _index_evidence(focus, placements, memos, codes=cb),
        )
    )
    bar.update(1)

    # Trajectories and transitions, one facet at a time.
    parts = []
    trajectories = track.trajectories(placements)
    saved["trajectories"] = trajectories
    parts.append(detail("trajectories", _table(trajectories, index=False)))
    if detail:
        parts.append(_counts(trajectories, ["facet", "type"], "cases"))
    for facet in [f.id for f in cb.ladder.facets] or [None]:
        name = _slug(facet or "all")
        parts.append(detail("trajectories", _figure(plot.trajectories(placements, facet=facet).figure, f"trajectories_{name}", figures, f"Cases on the ladder over the waves — {facet or 'all evidence'}")))
        parts.append(_figure(plot.alluvial(placements, facet=facet).figure, f"alluvial_{name}", figures, f"Cases moving between levels — {facet or 'all evidence'}"))
        counts = track.transitions(placements, facet=facet).counts
        parts.append(f"<h3>Transitions between consecutive waves — {_esc(facet or 'all evidence')}</h3><p class='note'>From level (rows) to level (columns).</p>" + _table(counts))
        saved[f"transitions_{name}"] = counts.reset_index()
    sections.append(("trajectories", f"Trajectories{scope}", "".join(parts)))
    bar.update(1)

    # Trajectory types and turning points (issue 17; built in _sequences.py).
    from ._sequences import trajectory_types_section

    key, title, content, sequence_tables = trajectory_types_section(focus, placements, figures=figures, scope=scope, detail=detail)
    sections.append((key, title, content))
    saved.update(sequence_tables)
    bar.update(1)

    # The project by stage (whole study).
    parts = []
    stage_frames, stage_evidence = [], []
    if "stage" in study.documents.columns and study.documents["stage"].notna().any():
        for facet in [f.id for f in cb.ladder.facets] or [None]:
            stages = with_rule_checks(track.ladder(study, by="stage", facet=facet, codebook=cb), study, checks)
            stage_frames.append(stages.table)
            stage_evidence.append(stages.evidence)
            parts.append(_figure(plot.ladder_stages(stages).figure, f"stages_{_slug(facet or 'all')}", figures, f"The project by stage — {facet or 'all evidence'}"))
            parts.append(_evidence(stages, stages.table, memos, codes=cb))
        stage_table = pd.concat(stage_frames, ignore_index=True)
        saved["stages"] = stage_table
        saved["stage_evidence"] = pd.concat(stage_evidence, ignore_index=True)
        parts.insert(0, _table(stage_table[[c for c in ["stage", "facet", "status", "level", "level_name", "band_range", "n_evidence", "confidence"] if c in stage_table.columns]], index=False))
    else:
        parts.append("<p class='note'>No document has a stage; give documents a <code>stage:</code> in study.yaml to place the project by stage.</p>")
    sections.append(("stages", "The project by stage", "".join(parts)))
    bar.update(1)

    return placements


def _say_foreign_files(folder: Path, marker: str) -> None:
    """Warn when ``folder`` already holds files and no earlier report of qlr's: the report goes beside them."""
    if not folder.is_dir() or (folder / marker).exists():
        return
    others = sorted(entry.name for entry in folder.iterdir())
    if others:
        listed = first_few(others, shown=5)
        warn(
            f"{folder}: the report is written beside {number_of(len(others), 'file or folder', plural='files and folders')} qlr did not write ({listed}); "
            "pages, figures and tables of the same names are replaced. Give an empty or new folder to keep them apart",
            QlrWarning,
        )


def write_report(
    study: Study,
    out: str | os.PathLike[str],
    *,
    codebook: Any = None,
    role: str | None = None,
    progress: bool | None = None,
    raw: bool = False,
    crosswalk: Any = None,
    prompted_weight: float | None = None,
    summary_weight: float | None = None,
) -> Path:
    """Write the study report: ``index.html``, ``cases/*.html``, ``figures/*.png``, ``tables/*.csv`` and ``tables.xlsx``.

    A copy of the study is coded with ``codebook`` first if it has no codings
    of it; the study given is left as it is.  The
    page holds the study summary and attrition, the codebook, framework
    matrices per wave, change categories, ladder placements with their evidence
    quotes and any overrides, trajectories and transitions, the placement of the
    project by stage, actor networks per wave with their dynamics, and a pen
    portrait per case.  When two or more people coded with the codebook
    (:func:`qlr.code.human_coders`), a section says how far each two of them who
    coded the same documents agree (:func:`qlr.code.coder_pairs`: documents both
    coded, kappa and percent agreement by segment, per code and overall, codes
    only one applied; ``tables/coder_agreement.csv``); with one, there is none.  Each case also gets its own page (``cases/<case>.html``:
    its pen portrait, placements and their evidence), linked from the index; with
    more than 40 cases the index links to those pages instead of holding every
    portrait and every placement's evidence, so it stays quick to open.  It needs
    nothing from the network to display.

    Parameters
    ----------
    study : Study
    out : path
        The folder to write (created if needed; files qlr wrote there before are replaced).
    codebook : Codebook or str, optional
        The codebook to report by; defaults to the study's only codebook with a
        ladder, else its only codebook.  The codebook section names the study's other
        codebooks, how many of their codings the report leaves out, and the
        ``--codebook`` (``codebook=``) that reports them.  A codebook without a ladder (a project
        imported from NVivo or ATLAS.ti) gives the report without placements,
        trajectories and stages, and a note on how to add a ladder.  A bundled
        codebook beside a project's own codes (``"coproduction"``) codes a copy
        with its rules and places cases on its ladder; the project's codes stay.
        With ``crosswalk=``, the study's codebook the crosswalk maps (its id).
    role : str, optional
        Limit the case-level sections (matrices, change, placements, trajectories,
        networks, portraits) to cases of this role, e.g. ``"carer"``.  The
        by-stage placement always uses the whole study.
    progress : bool, optional
        Show a progress bar (default: only at a terminal).
    raw : bool, default False
        Write the CSV tables' text cells as they are.  By default a cell that a
        spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``,
        a tab or a carriage return) gets a leading ``'``; ``tables.xlsx`` always
        stores text as text, so it needs no such guard.
    crosswalk : Crosswalk or path, optional
        A crosswalk (:func:`qlr.codebook.read_crosswalk`) mapping the project's
        own codes to ladder evidence: its hand codings place the cases, with
        nothing recoded (see :meth:`qlr.codebook.Crosswalk.codebook_for`).
    prompted_weight, summary_weight : float, optional
        The ladder's weights for this report, each from 0 to 1 (:func:`qlr.track.ladder`'s), in place of the
        codebook's ``placement:`` (defaults 0.5 and 0). The ladder section's method note says which were used; with
        ``summary_weight`` above 0 the matrices, change and networks count the summaries' codings too, as the
        placements do (``qlr.track._evidence.counts_summaries``).

    Returns
    -------
    Path
        The ``index.html`` written.

    Examples
    --------
    >>> import tempfile, qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> page = qlr.report.write_report(study, tempfile.mkdtemp(), codebook="coproduction", role="carer", progress=False)
    >>> page.name, "Spectrum of co-production" in page.read_text(encoding="utf-8")
    ('index.html', True)
    """
    from .. import net, plot, track

    # What makes a report impossible is said before anything is coded or written.
    if study.cases.empty:
        raise SelectionError(
            "the study has no cases, so there is no one to follow over time",
            hint="give each documents: entry in study.yaml its case: (docs/study-folder.md), or import the project with cases (qlr import X.qdpx --case 'pattern:...'; see qlr import --help)",
        )
    if role and study.sel(role=role).cases.empty:
        raise SelectionError(f"no cases with role {role!r}", hint=f"use one of {', '.join(sorted(study.cases['role'].dropna().unique()))}")
    cb = _with_weights(report_codebook(study, codebook, crosswalk), prompted_weight=prompted_weight, summary_weight=summary_weight)
    others = [key for key in study.codebooks if key != cb.id]
    left = left_out_codings(study, cb)

    folder = Path(out)
    made_at()  # a SOURCE_DATE_EPOCH that is no time is said before the work, not after it
    from ..io._naming import OUTPUT_MARKER

    _say_foreign_files(folder, OUTPUT_MARKER)
    folder.mkdir(parents=True, exist_ok=True)
    # Marks the folder as qlr's output: loading a study folder that holds it never reads it as data.

    write_text_atomic(folder / OUTPUT_MARKER, "Written by `qlr report`. qlr does not read this folder as a study's data.\n")
    figures, tables = folder / "figures", folder / "tables"
    figures.mkdir(exist_ok=True)
    tables.mkdir(exist_ok=True)

    if crosswalk is None and (cb.id not in study.codebooks or not study.codings["codebook"].eq(cb.id).fillna(False).any()):
        # A report reads a study; it codes a copy rather than the caller's.
        study = study.copy().apply(cb, progress=progress)
    uncoded = _not_coded_note(study, cb)
    if uncoded is not None:
        # A pooled study one of whose studies the codebook never coded: its cells say "not coded" in every table, and
        # the reader is told once, before them, where the command line and the load notes say it too.
        if any(getattr(code, "indicators", None) for code in cb):
            fix = f"apply the codebook to the pooled study (qlr code STUDY.qlr --codebook {cb.id} -o OUT.qlr), or report each study alone"
        else:  # a codebook of a person's codes, no rules: only a person can code the waves it left
            fix = "its codes have no rules, so code those documents by hand (Study.code, or in your QDA tool and import again), or report each study alone"
        warn(f"{uncoded}. Fix: {fix}", PoolingWarning)
    focus = study.sel(role=role) if role else study
    sections: list[tuple[str, str, str]] = []
    saved: dict[str, pd.DataFrame] = {}
    from ._memos import PassageMemos

    # Memos on codings and on segments (an imported project's annotations and quotation comments):
    # under their passage in every evidence trail, and on each case's page.
    memos = PassageMemos(study)
    from tqdm.auto import tqdm

    # One step per section below.
    bar = tqdm(total=15, desc="report", unit="section", leave=False, disable=not progress_enabled(progress))
    scope = f" ({_esc(role)}s)" if role else ""
    from ._cases import Detail

    # A large study's tables and figures of every case go on each section's own page (see Detail).
    detail = Detail(len(focus.cases))

    # Summary and attrition.
    summary = study.summary()
    cards = "".join(f"<div class='card'><b>{value:,}</b>{_esc(name)}</div>" for name, value in summary.items() if isinstance(value, int))
    waves = study.waves[["wave_id", "label", "start", "end"]].copy()
    for bound in ("start", "end"):  # days, as the manifest gives them ("2024-03-01", not "2024-03-01 00:00:00")
        waves[bound] = pd.to_datetime(waves[bound]).dt.strftime("%Y-%m-%d").astype("string")
    waves["documents"] = waves["wave_id"].map(study.documents["wave_id"].value_counts()).fillna(0).astype(int)
    attrition = study.attrition()
    saved["attrition"] = attrition.reset_index()
    sections.append(
        (
            "summary",
            "Study and attrition",
            f"<div class='cards'>{cards}</div>{_table(waves, index=False)}"
            "<p class='note'>Who was seen at each wave. Missing waves are shown as missing, never as zero, in every table below."
            + _without_design(study, attrition)
            + "</p>"
            + (_counts(attrition, ["pattern"], "cases") if detail else "")
            + detail("summary", _attrition(study)),
        )
    )
    bar.update(1)

    # What loading left out, changed or guessed.
    from ..io import load_notes

    notes = load_notes(study)
    if uncoded is not None:
        said = pd.DataFrame({"step": ["report"], "what": [WHAT["PoolingWarning"]], "documents": [""], "n_documents": [0], "note": [uncoded]})
        notes = pd.concat([said.astype(notes.dtypes.to_dict()), notes], ignore_index=True)
    saved["load_notes"] = notes
    sections.append(("load-notes", "Data and load notes", _load_notes_part(notes)))
    bar.update(1)

    # Codebook.
    frame = cb.to_frame()
    codes = frame[frame["kind"] != "theme"] if "theme" in set(frame["kind"].dropna()) else frame
    saved["codebook"] = frame.reset_index()
    sections.append(
        (
            "codebook",
            f"Codebook: {_esc(cb.name or cb.id)} {_esc(cb.version)}",
            f"<p>{number_of(len(codes), 'code')} {_in_themes(cb)}; {_ladder_words(cb)}.</p>"
            + _beside(cb, others, left, chosen=codebook is not None or crosswalk is not None)
            + _table(codes[["name", "theme", "definition", "evidence"]].assign(theme=codes["theme"].map(cb.labels(codes["theme"].dropna().unique())))),
        )
    )
    bar.update(1)

    # How far the people who coded the study agree with one another (no section with fewer than two).
    from ._agreement import coder_agreement_section

    between = coder_agreement_section(study, cb, table_html=_table, escape=_esc)
    if between is not None:
        sections.append(("coders", "Agreement between coders", between[0]))
        saved.update(between[1])
        bar.update(1)
    else:  # no section: one step fewer, so the bar still ends full
        bar.total -= 1

    # The rules against the people who coded the study; codes whose rules disagree are flagged in every evidence trail.
    checks = None
    if crosswalk is None and any(code.indicators for code in cb.codes):
        checks = validate_coders(study, codebook=cb)
        if len(checks):
            saved["rule_validation"] = checks
        rules_part = rule_checks_section(checks, cb, table_html=_table, escape=_esc)
    else:
        rules_part = (
            "<p class='note'>No codings in this report come from rules: "
            + ("the placements read the project's own codings through the crosswalk." if crosswalk is not None else f"{_esc(cb.id)} has no indicators.")
            + "</p>"
        )
    sections.append(("rules", "Rules against coders", rules_part))
    bar.update(1)

    # Framework matrices per wave (themes, then codes).
    themes = track.matrix(focus, cols="theme", value="count", codebook=cb)
    by_code = track.matrix(focus, cols="code", value="count", codebook=cb)
    density = track.matrix(focus, cols="theme", value="density", codebook=cb)
    saved["matrix_themes"] = themes._written()  # the tidy table, and whether the team's summaries were counted
    saved["matrix_codes"] = by_code._written()
    parts = [
        "<p class='note'>Codings per case and theme at each wave; blank where the case was not seen. A theme counts the "
        "evidence for it; its codes that are evidence against it are counted in its "
        "&ldquo;(against)&rdquo; column.</p>"
        + _summaries_in_tables(focus, cb)
        + _double_coding_in_tables(focus, cb)
    ]
    seen = focus.attrition()
    if detail:
        totals = themes.tidy.groupby(["wave_id", "theme"], sort=False)["count"].sum().unstack("theme")
        parts.append("<p class='note'>All cases together: codings per theme at each wave.</p>" + _table(totals, digits=0, codes=cb))
    for wave in themes.tidy["wave_id"].drop_duplicates():
        panel = themes.panel(wave)
        panel.insert(0, "seen", seen[wave].reindex(panel.index).astype(object))
        parts.append(detail("matrices", f"<h3>{_esc(wave)}</h3>" + _table(panel, digits=0, codes=cb)))
        parts.append(detail("matrices", f"<details><summary>{_esc(wave)} by code</summary>{_table(by_code.panel(wave), digits=0, codes=cb)}</details>"))
    if density.tidy["value"].notna().any() or not themes.tidy["value"].notna().any():
        heat, caption = density, "Density of each theme per 1,000 words of the case's own speech, per wave"
    else:
        # No case said anything of its own to divide by (an imported project's documents read as documents, not
        # speech): a heatmap of densities would be blank, so it draws the counts and says why.
        heat, caption = themes, "Codings of each theme per case, per wave (counts: no case has words of its own to divide by, so no density)"
    parts.append(detail("matrices", _figure(plot.matrix_heatmap(heat), "matrix_heatmap", figures, caption)))
    # What the matrices leave out: rule matches discounted for their assertion, kept and shown.
    discounted = track.quotes(focus, codebook=cb, discounted=True)
    saved["discounted"] = discounted
    if len(discounted):
        from ..evidence import ASSERTIONS

        statuses = [status for status in ASSERTIONS if status in set(discounted["assertion"])]  # in the vocabulary's order
        per_code = discounted.groupby(["code_id", "assertion"]).size().unstack("assertion").reindex(columns=statuses).fillna(0).astype(int)
        parts.append(
            f"<h3>Discounted mentions</h3><p class='note'>{len(discounted):,} rule matches of these codes are not counted above or on the "
            "ladder: the speaker denied it, wished for it, set it in the past, told someone else's experience, asked it or turned it "
            "down. Every one is listed with its quote in <code>tables/discounted.csv</code>.</p>" + _table(per_code, digits=0, codes=cb)
        )
    # Codings on turns read as the interviewer's count nowhere: say how many, and how to count them.
    from ..evidence import on_question_turns

    cb_codes = {code.id for code in cb}
    asked = on_question_turns(focus, focus.codings[focus.codings["code_id"].isin(cb_codes)])
    if len(asked):
        labels = ", ".join(f"{_esc(str(row.speaker))} ({row.codings:,})" for row in asked.itertuples())
        first = _esc(str(asked["speaker"].iloc[0]))
        parts.append(
            f"<h3>Codings on interviewers' turns</h3><p class='note'>{number_of(int(asked['codings'].sum()), 'coding')} of these codes {'is' if int(asked['codings'].sum()) == 1 else 'are'} on turns read "
            f"as the interviewer's, and are not counted above, on the ladder or in the networks (qlr counts participants' words): {labels}. "
            f"If a label is a participant (a chair or moderator speaking for themselves), give its role: <code>--speaker '{first}=participant'</code> "
            "when importing, or under <code>speakers:</code> in <code>study.yaml</code>.</p>"
        )
    sections.append(("matrices", f"Framework matrices by wave{scope}", "".join(parts)))
    bar.update(1)

    # Change categories.
    changes = track.change(focus, granularity="theme", codebook=cb)
    saved["change"] = changes
    from ..track._change import no_case_followed

    if no_case_followed(changes):
        # Every case seen at one wave at most (a one-wave study): a grid all of one colour says nothing; one line does.
        grid = "<p class='note'>No change grid: no case was seen at two or more waves, so every row is \"not enough waves\".</p>"
    else:
        grid = detail("change", _figure(plot.change_grid(changes, codebook=cb).figure, "change_grid", figures, "Change category per case and theme"))
    sections.append(
        (
            "change",
            f"Change over time{scope}",
            "<p class='note'>Each case × theme across the waves it was seen; counts of cases per category below.</p>"
            + _table(track.change_summary(changes), codes=cb)
            + grid,
        )
    )
    bar.update(1)

    if cb.ladder is None:
        # The codes' sections stand; in place of the ladder's, how to add one.
        sections.append(("ladder", "Placements on a ladder", _no_ladder_note(cb)))
        placements = None
        bar.update(4)  # placements, trajectories, trajectory types, stages
    else:
        placements = _ladder_sections(study, focus, cb, sections, saved, figures, scope, bar, detail, checks, memos)

    # Networks per wave and their dynamics.
    with warnings.catch_warnings():
        # The page says why the networks are empty (the graphs' note), in place of them.
        warnings.simplefilter("ignore", EmptyNetworkWarning)
        graphs = net.actors(focus, codebook=cb)
    parts = []
    if any(g.number_of_edges() for g in graphs.values()):
        measures = net.dynamics(graphs)
        saved["network_waves"] = measures.waves.reset_index()
        saved["network_turnover"] = measures.turnover.reset_index()
        saved["network_egos"] = measures.egos.reset_index()
        parts.append(_figure(plot.network_panels(graphs), "actor_networks", figures, "Support ties per wave, on one layout"))
        parts.append(_table(measures.waves) + _table(measures.turnover))
        parts.append(_figure(plot.network_dynamics(measures), "network_dynamics", figures, "Network measures over the waves"))
    else:
        why = next((str(g.graph["note"]) for g in graphs.values() if g.graph.get("note")), "")
        parts.append(f"<p class='note'>No support ties were found between people on the roster{': ' + _esc(why) if why else ''}.</p>")
    codes_net = net.cooccurrence(focus, granularity="theme", codebook=cb)
    if any(g.number_of_edges() for g in codes_net.values()):
        parts.append(_figure(plot.network_panels(codes_net), "code_cooccurrence", figures, "Codes coded together in a segment, per wave"))
    sections.append(("networks", f"Networks by wave{scope}", "".join(parts)))
    bar.update(1)

    # Epistemic networks by wave and the time-ordered displays (issue 17; qlr/report/_over_time.py).
    from ._over_time import sections_over_time

    over_time, over_time_tables = sections_over_time(study, focus, cb, placements=placements, figures=figures, scope=scope, detail=detail)
    sections += over_time
    saved.update(over_time_tables)
    bar.update(len(over_time))

    # Pen portraits, sharing the placements and change categories computed above.
    # One pass over the study's quotes, placements and changes, split by case: a search of every
    # coding per case, or a one-case study per case, took minutes at 600 cases of 10 million words.
    from ..track._portrait import portraits as case_portraits
    from ._cases import INLINE_CASES, case_links, write_case_pages

    portraits = {case: p.html for case, p in case_portraits(focus, list(focus.cases["case_id"]), codebook=cb, placements=placements, changes=changes).items()}
    labels = dict(zip(focus.cases["case_id"], focus.cases["label"]))
    names = cb.labels()  # a memo's code as every table and figure shows it (Codebook.labels)
    on_passages = {case: memos.of_case(case, names=names) for case in portraits}
    saved["passage_memos"] = memos.table[memos.table["case_id"].isin(list(portraits)).to_numpy(dtype=bool)]
    case_pages = write_case_pages(folder, study_name=study.name, portraits=portraits, placements=placements, labels=labels, memos=memos, passage_memos=on_passages, codes=cb)
    inline = len(portraits) <= INLINE_CASES
    listed = case_links(case_pages, labels)
    if inline:
        # The placements section above says what confidence measures: a portrait inlined here does not say it again
        # (27 portraits said it 27 times); each case's own page keeps it, where its portrait is the first to show it.
        said = f"<li>{_esc(CONFIDENCE_WORDS)}</li>" if placements is not None else None
        listed += "".join(f"<div id='portrait-{_esc(case)}'>{portrait.replace(said, '') if said else portrait}{on_passages[case]}</div>" for case, portrait in portraits.items())
    sections.append(("portraits", f"Pen portraits{scope}", listed))
    study_memos = _study_memos(study)
    if study_memos:  # a QDA project's free memos (MAXQDA's, NVivo's), the project's description: about no case
        sections.append(("study-memos", "Memos on the study", study_memos))
    bar.update(1)
    bar.close()

    for name, table in saved.items():
        write_csv(tables / f"{name}.csv", table, raw=raw)
    write_excel(folder / "tables.xlsx", [(name, table, False) for name, table in saved.items()])

    pages = {_esc(case): _esc(file) for case, file in case_pages.items()}

    def relink(text: str, prefix: str) -> str:
        # Links to a portrait on the index (the trajectory types' medoids) go to the case's page instead.
        return re.sub(r"href='#portrait-([^']*)'", lambda link: f"href='{prefix}{pages.get(link[1], 'index.html#portraits' if prefix else '#portraits')}'", text)

    sections = detail.write(folder, sections, study_name=study.name, links=relink)
    nav = "".join(f"<a href='#{key}'>{title}</a>" for key, title, _ in sections)
    body = "".join(f"<section id='{key}'><h2>{title}</h2>{content}</section>" for key, title, content in sections)
    if not inline:
        body = relink(body, "")
    made = made_at().strftime("%Y-%m-%d %H:%M UTC")
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{_esc(study.name)} — qlr report</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_esc(study.name)}</h1><p>{number_of(summary['cases'], 'case')} × {number_of(summary['waves'], 'wave')}, "
        f"{number_of(summary['documents'], 'document')}, {number_of(summary['words'], 'word')}. Codebook {_esc(cb.id)} {_esc(cb.version)}."
        + (f" {_esc(uncoded)}." if uncoded is not None else "")
        + "</p></header>"
        f"<nav>{nav}</nav><main>{body}"
        f"<p class='stamp'>Made by qlr {_esc(__version__)} on {made}. Tables: tables/*.csv and tables.xlsx; figures: figures/*.png.</p>"
        "</main></body></html>\n"
    )
    target = folder / "index.html"
    write_text_atomic(target, page)
    return target
