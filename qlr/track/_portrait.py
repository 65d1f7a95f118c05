"""Pen portraits: a structured summary of one case over time, to read and annotate."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._display import ResultDisplay
from .._words import number_of
from ..codebook._display import code_labels
from ..errors import SelectionError
from ..evidence import not_coded_waves, partly_coded_waves, pick_codebook
from ._placements import CONFIDENCE_WORDS, Placements, flat_placements, level_label

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["portrait", "Portrait"]

_NOTABLE = ("emerges", "ceases", "surges", "increases", "decreases", "idiosyncratic", "absent (common elsewhere)")


class Portrait(ResultDisplay):
    """A pen portrait as Markdown (``.markdown``) and HTML (``.html``); displays in Jupyter.

    Build one with :func:`qlr.track.portrait`.

    Parameters
    ----------
    case_id : str
        The case portrayed.
    title : str
        Name, id and role.
    sections : list of (str, list of str)
        Heading and Markdown lines of each section.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> p = qlr.track.portrait(study, "C05")
    >>> p
    <Portrait C05: 6 sections>
    >>> [heading for heading, _ in p.sections][:3]
    ['Attributes', 'Waves', 'What they talked about most']
    >>> p.html.startswith("<article class='qlr-portrait'><h2>Elaine Brooks (C05), carer</h2>")
    True
    >>> print(p)  # doctest: +ELLIPSIS
    # Elaine Brooks (C05), carer
    ...
    """

    def __init__(self, case_id: str, sections: list[tuple[str, list[str]]], title: str) -> None:
        self.case_id = case_id
        self.title = title
        self.sections = sections

    def __str__(self) -> str:
        # print(portrait) in a script or a terminal shows the portrait, not its summary line.
        return self.markdown

    @property
    def markdown(self) -> str:
        parts = [f"# {self.title}", ""]
        for heading, lines in self.sections:
            parts += [f"## {heading}", "", *lines, ""]
        return "\n".join(parts).rstrip() + "\n"

    @property
    def html(self) -> str:
        out = [f"<article class='qlr-portrait'><h2>{html.escape(self.title)}</h2>"]
        for heading, lines in self.sections:
            out.append(f"<h3>{html.escape(heading)}</h3><ul>")
            out += [f"<li>{_inline(line)}</li>" for line in lines if line.strip()]
            out.append("</ul>")
        out.append("</article>")
        return "".join(out)

    def save(self, path: str | Path) -> None:
        """Write the Markdown (``.md``) or HTML (``.html``) version.

        The suffix chooses: ``.html`` or ``.htm`` writes HTML, anything else Markdown.
        The file is written atomically: a reader sees the old file or the new one.

        Parameters
        ----------
        path : str or Path
            The file to write; its suffix chooses the format.

        Examples
        --------
        >>> import qlr, tempfile, os
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> p = qlr.track.portrait(study, "C05")
        >>> folder = tempfile.mkdtemp()
        >>> p.save(os.path.join(folder, "C05.md"))
        >>> p.save(os.path.join(folder, "C05.html"))
        >>> open(os.path.join(folder, "C05.md"), encoding="utf-8").readline()
        '# Elaine Brooks (C05), carer\\n'
        >>> open(os.path.join(folder, "C05.html"), encoding="utf-8").read() == p.html
        True
        """
        from .._atomic import write_text_atomic

        path = Path(path)
        write_text_atomic(path, self.html if path.suffix.lower() in (".html", ".htm") else self.markdown)

    def _summary(self) -> str:
        return f" {self.case_id}: {len(self.sections)} sections"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("", self.html)]

    def _repr_markdown_(self) -> str:
        return self.markdown


def _inline(line: str) -> str:
    text = html.escape(line.lstrip("- ").strip())
    # Markdown emphasis used in the lines: **bold** and > quotes.
    while "**" in text:
        text = text.replace("**", "<b>", 1).replace("**", "</b>", 1)
    return text


def portrait(study: Study, case: str, *, codebook: Any = None, facet: str | None = None, top: int = 3, placements: Placements | pd.DataFrame | None = None, changes: pd.DataFrame | None = None) -> Portrait:
    """A pen portrait of one case: who, when seen, what they said most, where they stood.

    Sections: attributes (fixed and per wave); waves (presence and attrition);
    per wave, the ``top`` codes with one quote each (the first in the transcript);
    ladder placements per wave (with overrides) when the codebook has a ladder;
    change highlights (themes that emerge, cease, surge, rise, fall, fluctuate, or
    are absent though common elsewhere); memos about the case; and an empty
    "Researcher's notes" section to fill in.

    Parameters
    ----------
    study : Study
    case : str
        The case's id.
    codebook : Codebook or str, optional
        Defaults to the study's only codebook.
    facet : str, optional
        One facet of the ladder for "Where they stood" (all by default).
    top : int
        How many codes per wave.
    placements : Placements, optional
        Placements already made (:func:`qlr.track.ladder` by case and wave), to
        reuse them for several portraits.
    changes : DataFrame, optional
        Change categories already computed (:func:`qlr.track.change` with
        ``granularity="theme"``), to reuse them for several portraits.

    Returns
    -------
    Portrait

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> p = qlr.track.portrait(study, "C05")
    >>> p.markdown.splitlines()[0]
    '# Elaine Brooks (C05), carer'
    >>> "## Where they stood" in p.markdown
    True
    """
    cases = study.cases.set_index("case_id")
    if case not in cases.index:
        import difflib

        close = difflib.get_close_matches(case, list(cases.index), n=1)
        raise SelectionError(f"case {case!r} is not in this study", hint=f"did you mean {close[0]!r}?" if close else "see study.cases")
    return next(iter(portraits(study, [case], codebook=codebook, facet=facet, top=top, placements=placements, changes=changes).values()))


def portraits(study: Study, cases: list[str], *, codebook: Any = None, facet: str | None = None, top: int = 3, placements: Placements | pd.DataFrame | None = None, changes: pd.DataFrame | None = None) -> dict[str, Portrait]:
    """The pen portraits of several cases from one pass over the study's tables (see :func:`portrait`).

    Quotes, placements, change categories and memos are computed once and
    split by case, so hundreds of portraits cost about as much as one over the
    whole study; each portrait is the one :func:`portrait` gives.

    Parameters
    ----------
    study : Study
    cases : list of str
        The cases' ids, each in ``study.cases``.
    codebook, facet, top, placements, changes
        As for :func:`portrait`.

    Returns
    -------
    dict
        Each case's :class:`Portrait`, in the order given.

    Examples
    --------
    >>> import qlr
    >>> from qlr.track._portrait import portraits
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> both = portraits(study, ["C05", "C10"])
    >>> both["C05"].html == qlr.track.portrait(study, "C05").html
    True
    """
    from ._change import change
    from ._ladder import ladder
    from ._matrix import quotes

    cb = pick_codebook(study, codebook)
    table = study.cases.set_index("case_id")
    attrition = study.attrition()
    wave_ids = list(study.waves["wave_id"])
    labels = dict(zip(study.waves["wave_id"], study.waves["label"]))
    wanted = set(cases)

    def by_case(frame: pd.DataFrame) -> dict[Any, pd.DataFrame]:
        # Each case's rows in their order, split once (a case without rows gets an empty frame).
        frame = frame[frame["case_id"].isin(wanted).to_numpy(dtype=bool)]
        return dict(iter(frame.groupby("case_id", sort=False))) if len(frame) else {}

    per_wave = by_case(_with_varying_document_variables(study.case_waves, study.documents, wave_ids))
    coded = quotes(study, codebook=cb)
    case_quotes = by_case(coded)
    # A pooled study's case × waves whose documents' study never coded with the codebook: not "nothing coded".
    uncoded = not_coded_waves(study, cb)
    uncoded_at: dict[str, dict[str, str]] = {}
    for case, wave, part in zip(uncoded["case_id"], uncoded["wave_id"], uncoded["study"]):
        uncoded_at.setdefault(case, {})[wave] = part
    # Its case × waves coded in part (the same people's plain transcripts beside coded documents): what was found counts.
    mixed = partly_coded_waves(study, cb)
    partly_at: dict[str, dict[str, str]] = {}
    for case, wave, part in zip(mixed["case_id"], mixed["wave_id"], mixed["study"]):
        partly_at.setdefault(case, {})[wave] = part
    # What rule coding found but did not count (negated, hoped for, someone else's …), so a wave is not "nothing coded".
    discounted = quotes(study, codebook=cb, discounted=True)
    case_discounted = by_case(discounted)
    placed = None
    if cb.ladder is not None:
        pl = flat_placements(placements if placements is not None else ladder(study, codebook=cb, facet=facet))
        placed = by_case(pl) if "case_id" in pl.columns else {}
    ch = changes if changes is not None else change(study, granularity="theme", codebook=cb)
    notable = by_case(ch[ch["category"].isin(_NOTABLE).to_numpy(dtype=bool)])
    # Memos about the case: on the case, and on its documents (MAXQDA's and NVivo's document memos, the interview notes).
    on_case = study.memos[(study.memos["target_type"] == "case").to_numpy(dtype=bool)].assign(case_id=lambda m: m["target_id"], doc_id=pd.NA)
    documents = study.documents[["doc_id", "case_id", "wave_id"]].dropna(subset=["case_id"])
    on_documents = study.memos[(study.memos["target_type"] == "document").to_numpy(dtype=bool)].merge(documents, left_on="target_id", right_on="doc_id", how="inner")
    memos = by_case(pd.concat([on_case, on_documents], ignore_index=True, sort=False) if len(on_documents) else on_case)
    out = {}
    for case in cases:
        out[case] = _compose(
            case,
            table.loc[case],
            per_wave=per_wave.get(case, study.case_waves.iloc[0:0]),
            attrition=attrition.loc[case],
            wave_ids=wave_ids,
            labels=labels,
            case_quotes=case_quotes.get(case, coded.iloc[0:0]),
            case_discounted=case_discounted.get(case, discounted.iloc[0:0]),
            placed=None if placed is None else placed.get(case),
            notable=notable.get(case),
            memos=memos.get(case),
            cb=cb,
            uncoded=uncoded_at.get(case),
            partly=partly_at.get(case),
            top=top,
        )
    return out


def _with_varying_document_variables(case_waves: pd.DataFrame, documents: pd.DataFrame, wave_ids: list[str]) -> pd.DataFrame:
    """``case_waves`` with the document variables that differ between a case's waves, as per-wave attributes.

    An imported project's per-document variable (Label Studio's whole-task choice "group": P01 a tenant at W1, staff at
    W2) is the case's at that wave, as a case × wave attribute is; where it is the same at every wave of the case it
    says nothing of change and is left out here.  A case × wave of several documents gives their values joined by "; ".
    """
    from ..io._case_values import DOCUMENT_FIELDS

    columns = [c for c in documents.columns if c not in DOCUMENT_FIELDS and c not in case_waves.columns]
    docs = documents.dropna(subset=["case_id", "wave_id"])
    if not columns or docs.empty:
        return case_waves
    parts = []
    for column in columns:
        given = docs[["case_id", "wave_id", column]].dropna(subset=[column])
        given = given[given[column].astype(str).str.strip() != ""]
        if given.empty:
            continue
        values = given.assign(**{column: given[column].map(_value)}).drop_duplicates()
        per = values.groupby(["case_id", "wave_id"], sort=False)[column].agg("; ".join)
        varying = per.groupby(level="case_id").nunique()
        per = per[per.index.get_level_values("case_id").isin(varying[varying > 1].index)]
        if len(per):
            parts.append(per)
    if not parts:
        return case_waves
    extra = pd.concat(parts, axis=1).reset_index()
    merged = case_waves.merge(extra, on=["case_id", "wave_id"], how="outer")
    order = {wave: i for i, wave in enumerate(wave_ids)}
    return merged.sort_values(["case_id", "wave_id"], key=lambda s: s.map(order) if s.name == "wave_id" else s, kind="stable").reset_index(drop=True)


def _on_document(memo: Any) -> str:
    """`` (on P01_W2, W2)`` for a memo on one of the case's documents; nothing for a memo on the case."""
    doc = getattr(memo, "doc_id", None)
    if doc is None or pd.isna(doc):
        return ""
    wave = getattr(memo, "wave_id", None)
    return f" (on {doc}" + (f", {wave}" if wave is not None and not pd.isna(wave) else "") + ")"


def _titled(memo: Any) -> str:
    """``, Framework chart: 1 Support\\1.1 Referral`` for a memo with a title (a chart's cell, a QDA tool's named note)."""
    title = getattr(memo, "title", None)
    return f", {title}" if isinstance(title, str) and title.strip() else ""


def _compose(
    case: str,
    info: pd.Series,
    *,
    per_wave: pd.DataFrame,
    attrition: pd.Series,
    wave_ids: list[str],
    labels: dict[str, Any],
    case_quotes: pd.DataFrame,
    case_discounted: pd.DataFrame,
    placed: pd.DataFrame | None,
    notable: pd.DataFrame | None,
    memos: pd.DataFrame | None,
    cb: Any,
    top: int,
    uncoded: dict[str, str] | None = None,
    partly: dict[str, str] | None = None,
) -> Portrait:
    """One portrait from its case's rows of each table (``placed`` None: the codebook has no ladder; ``uncoded``: the waves not
    coded with it, each with the study its documents there came from; ``partly``: the waves coded in part, likewise)."""
    role = info.get("role")
    label = info.get("label")
    # A case without a label (a table built by hand) is named by its id.
    title = f"{case if _blank(label) or not label else label} ({case})" + (f", {role}" if isinstance(role, str) else "")
    sections: list[tuple[str, list[str]]] = []

    attributes = [f"- **{k}**: {_value(v)}" for k, v in info.items() if k not in ("label", "role") and not _blank(v)]
    extra = [c for c in per_wave.columns if c not in ("case_id", "wave_id", "scheduled")]
    # Rows as mappings, not named tuples: an attribute named "employment status" is no identifier.
    for wave_id, row in zip(per_wave["wave_id"], per_wave[extra].to_dict("records")):
        values = {c: v for c, v in row.items() if not _blank(v)}
        if values:
            attributes.append(f"- **{wave_id}**: " + ", ".join(f"{k} {_value(v)}" for k, v in values.items()))
    sections.append(("Attributes", attributes or ["- (none recorded)"]))

    # A wave whose label is its id ("Q4-2014") is named once.
    named = {w: w if _blank(labels.get(w)) or labels[w] == w else f"{w}, {labels[w]}" for w in wave_ids}
    sections.append(("Waves", [f"- {named[w]}: {attrition[w]}" for w in wave_ids] + [f"- Pattern: **{attrition['pattern']}**"]))

    lines = []
    # Not coded at every wave seen: the case's study; at some (a next wave pooled as plain transcripts): that wave's.
    whole = bool(uncoded) and all(w in uncoded for w in wave_ids if attrition[w] == "present")
    for wave in wave_ids:
        if attrition[wave] != "present":
            continue
        if uncoded and wave in uncoded:
            why = "its study was" if whole else f"study {uncoded[wave]!r}, which brought this wave, was"
            lines.append(f"- **{wave}**: not coded ({why} never coded with {cb.id!r})")
            continue
        here = case_quotes[case_quotes["wave_id"] == wave]
        if partly and wave in partly:
            # Some of its documents here never coded: what was found counts, nothing found is no absence.
            lines.append(f"- **{wave}**: partly coded (the documents study {partly[wave]!r} brought here were never coded with {cb.id!r})")
            if here.empty:
                continue
        if here.empty:
            left = case_discounted[case_discounted["wave_id"] == wave]
            if left.empty:
                lines.append(f"- **{wave}**: nothing coded")
            else:
                statuses = left["assertion"].fillna("").value_counts()
                said = ", ".join(f"{status} {n}" for status, n in sorted(statuses.items(), key=lambda item: (-item[1], item[0])) if status)
                lines.append(f"- **{wave}**: nothing counted; {len(left)} rule match(es) discounted ({said})")
            continue
        counts = here["code_id"].value_counts()
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
        for code_id, count in ranked:
            first = here[here["code_id"] == code_id].sort_values(["doc_id", "start"]).iloc[0]
            name = code_labels(cb, [code_id])[code_id]
            lines.append(f"- **{wave}** · {name} ({count}): “{_short(first['quote'])}”")
    sections.append(("What they talked about most", lines or ["- nothing coded yet"]))

    if cb.ladder is not None:
        lines = []
        for row in (placed if placed is not None else pd.DataFrame()).itertuples(index=False):
            facet_name = f" [{row.facet}]" if row.facet else ""
            if row.status == "placed":
                text = f"- **{row.wave_id}**{facet_name}: {level_label(row)}, {number_of(int(row.n_evidence), 'segment')}, confidence {row.confidence:.2f}"
                if getattr(row, "negative_only", False):
                    # A ceiling: say a lower one that part of the weight gives, rather than hide the passage that says it.
                    low = getattr(row, "low", None)
                    lower = f", some of it at most {low}" if pd.notna(low) and low < row.level else ""
                    text += f"; from negative evidence only, so at most {row.level}{lower} (no passage shows this level)"
            else:
                # What the row says of itself: its reason, else the level it would have and what it lacks.
                said = [getattr(row, "reason", None)]
                if not isinstance(said[0], str) or not said[0]:
                    candidate = getattr(row, "candidate_level", None)
                    said = [f"candidate level {candidate}" if pd.notna(candidate) else None, getattr(row, "missing", None)]
                shown = "; ".join(part for part in said if isinstance(part, str) and part)
                text = f"- **{row.wave_id}**{facet_name}: {row.status}" + (f" ({shown})" if shown else "")
            if getattr(row, "overridden", False):
                text += f"; researcher's placement {row.override_level} ({row.override_author}: {row.override_reason})"
            lines.append(text)
        if placed is not None and (placed["status"] == "placed").any():
            lines.append(f"- {CONFIDENCE_WORDS}")
        sections.append(("Where they stood", lines or ["- no placements"]))

    # A change's theme is a roll-up (Codebook.rollup): a root, or a root's evidence against it.
    rows = notable.itertuples(index=False) if notable is not None else ()
    sections.append(("Change highlights", [f"- {code_labels(cb, [r.theme])[r.theme]}: {r.category}" for r in rows] or ["- no marked change in any theme"]))
    if memos is not None and len(memos):
        sections.append(("Memos", [f"- {m.author}{_on_document(m)}{_titled(m)}: {m.text}" for m in memos.itertuples(index=False)]))
    sections.append(("Researcher's notes", ["- "]))
    return Portrait(case, sections, title)


def _value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
