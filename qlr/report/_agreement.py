"""The report's section on how far the people who coded the study agree (stop 56).

Built from :func:`qlr.code.coder_pairs` (which decides, through
:func:`qlr.code.human_coders`, who is a person): every two people who coded
the same documents, per code and overall, by segment.  The rules against a
person stay in the "Rules against coders" section (:mod:`._rule_checks`); a study
with one person, or none, gets no section at all.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._words import number_of
from ..codebook._display import with_code_names
from ..errors import QlrWarning

if TYPE_CHECKING:
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["coder_agreement_section"]

#: The measures shown on the page, as :func:`qlr.code.agreement` names them (the CSV has them all).
_SHOWN = ["documents_both", "n_units", "percent_agreement", "cohen_kappa", "krippendorff_alpha", "note"]
#: With them, where each document's figures were averaged: kappa's two averages over the documents both coded (NVivo's
#: rows; ``documents_both`` counts them), and its average over only the documents where either applied the code.
_AVERAGED = ["cohen_kappa_mean", "cohen_kappa_weighted", "n_documents_applied", "cohen_kappa_mean_applied"]


#: What each unit is, for the section's opening note.
_UNIT_WORDS = {
    "segment": ("segment", "segments", "each participant's turn, note or paragraph (and any other passage either person coded) of a document both coded"),
    "character": ("character", "characters", "each character of a document both coded, as NVivo's coding comparison counts them"),
    "document": ("document", "documents", "each document both coded"),
}


def coder_agreement_section(study: Study, codebook: Codebook, *, table_html: Any, escape: Any) -> tuple[str, dict[str, pd.DataFrame]] | None:
    """The section's HTML and its tables (``coder_agreement``: every pair; ``coder_agreement_all``: all of three or
    more people together), or None when fewer than two people coded with ``codebook`` on their own.

    The unit is :func:`qlr.code.coder_pairs`' default: characters for a project whose people coded in another program
    (imported), segments otherwise.  The warnings :func:`qlr.code.coder_pairs` gives (few passages coded by both,
    codings that reach no segment) are said on the page, where the reader of the figures is, rather than at the
    command line.
    """
    from ..code import coder_pairs, human_coders

    if len(human_coders(study, codebook=codebook)) < 2:  # a consensus made from their codings is no coder of its own
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        table = coder_pairs(study, codebook=codebook, per_document=True)
    said = [str(w.message) for w in caught if issubclass(w.category, QlrWarning)]
    for w in caught:  # anything else goes on as it came
        if not issubclass(w.category, QlrWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    labels = codebook.labels()  # a reader comparing people's coding reads codes by name
    unit = table.attrs["unit"]
    one, many, what = _UNIT_WORDS[unit]

    shown = with_code_names(table, labels)
    saved = {"coder_agreement": shown[["coder_a", "coder_b", "code_id", "code", *[c for c in table.columns if c not in ("coder_a", "coder_b", "code_id")]]]}
    imported = " (this project's people coded in another program, which codes spans of characters)" if unit == "character" else (
        # Some codings imported, some made in qlr (by segment): say why the imported ones are not compared by character.
        " (some of these codings were made in qlr, which codes by segment, so the ones imported from another program count "
        "on the segments they reach)" if "import" in table.attrs.get("origins", []) else ""
    )
    other = "segment" if unit == "character" else "character"
    # A pair who coded no unit in common: qlr.code.agreement notes it on each of their rows, which the CSV keeps.
    parts = [
        "<p class='note'>How far the people who coded this study agree, for each two of them who coded the same "
        "documents (<code>qlr.code.coder_pairs</code>; the rules' codings are not a person's and are checked in "
        f"<a href='#rules'>Rules against coders</a>). <b>The unit of agreement is the {one}</b>{imported}: {what}. "
        f"For a code, two people agree on a {one} when both applied the code there or neither did; documents only one "
        f"of them coded are not compared. Percent agreement counts those {many}; Cohen's kappa discounts the agreement "
        "their own rates of using the code would give by chance (1 is full agreement, 0 no better than chance), so for a "
        "rare code percent agreement is high however little they agree and kappa is the figure to read. Krippendorff's "
        f"alpha reads the same way. The overall row counts every {one} and code together (<code>n_units</code>: {many} "
        "× codes). Every measure (Fleiss' kappa and Brennan-Prediger too) is in <code>tables/coder_agreement.csv</code>; "
        f"to compare by {other} instead, <code>qlr agreement STUDY --coders A B --unit {other}</code>.</p>"
    ]
    shown_columns = _SHOWN
    if "cohen_kappa_mean" in table.columns:
        shown_columns = [*_SHOWN[:-1], *_AVERAGED, _SHOWN[-1]]
    if "cohen_kappa_mean" in table.columns and any(pair["overlap"].get("shared") for pair in table.attrs["pairs"]):
        # Said only where some pair's figures are shown (a pair who coded nothing in common gets none).
        parts.append(
            "<p class='note'><b>Pooled and per-document kappa.</b> <code>cohen_kappa</code> pools every "
            f"{one} of every document both coded into one table. NVivo's coding comparison gives one kappa per code and "
            "source instead, 1 where neither person coded the source at the code, and its users average those: "
            "<code>cohen_kappa_mean</code> is that average over the documents both coded (kappa worked out in each "
            "document on its own, 1 where neither applied the code), and <code>cohen_kappa_weighted</code> the same "
            "weighted by each document's length in characters; compare NVivo's figures (run over the same documents "
            "and codes) with these two. A code few "
            "documents have is averaged with many 1s that say nothing of it, so <code>cohen_kappa_mean_applied</code> "
            "averages kappa over only the <code>n_documents_applied</code> documents where either person applied the "
            "code. The CSV has percent agreement averaged both ways too.</p>"
        )
    by_pair = {pair["overlap"].get("message") for pair in table.attrs["pairs"]}
    together = table.attrs.get("all")
    if together is not None:
        by_pair.add(together["overlap"].get("message"))
    for message in said:
        if message not in by_pair:  # a pair's own caution goes with that pair, below
            parts.append(f"<p class='caution'>{escape(message)}</p>")
    if together is not None:
        together_named = with_code_names(together["table"], labels)
        parts.append(_all_part(together, together_named, unit, table_html=table_html, escape=escape))
        saved["coder_agreement_all"] = together_named.assign(coders=", ".join(together["coders"]))
    for pair in table.attrs["pairs"]:
        a, b = pair["coder_a"], pair["coder_b"]
        rows = shown[(shown["coder_a"] == a).to_numpy(dtype=bool) & (shown["coder_b"] == b).to_numpy(dtype=bool)]
        overall = rows[rows["code_id"] == "overall"]
        per_code = rows[rows["code_id"] != "overall"]
        overlap = pair["overlap"]
        parts.append(
            f"<h3>{escape(a)} and {escape(b)}</h3><p>{number_of(pair['documents_both'], 'document')} coded by both; "
            f"{number_of(len(per_code), 'code')} either used; {overlap.get('shared', 0):,} of the {overlap.get('coded', 0):,} "
            f"{escape(overlap.get('units', many))} either coded were coded by both.</p>"
        )
        if overlap.get("message") and overlap.get("shared"):
            parts.append(f"<p class='caution'>{escape(overlap['message'])}</p>")
        if not overlap.get("shared"):
            # Nothing both coded: the figures count only units neither coded, and read as agreement they mislead.
            parts.append(
                f"<p class='caution'><b>No {one} was coded by both {escape(a)} and {escape(b)}</b>: in the documents both "
                "coded they coded different passages, so there is no agreement to measure. Their figures are not shown "
                "here; in <code>tables/coder_agreement.csv</code> each of their rows is noted "
                f"<i>{escape(overall['note'].iloc[0] if len(overall) else '')}</i> (every figure there counts only {many} neither of them coded).</p>"
            )
        else:
            parts.append(table_html(overall.set_index("code")[shown_columns], digits=3))
        for coder, only in ((a, pair["only_a"]), (b, pair["only_b"])):
            if only:
                names = "; ".join(escape(labels.get(code, code)) for code in only)
                parts.append(
                    f"<p><b>{number_of(len(only), 'code')} only {escape(coder)} applied</b> in the documents both coded: {names}.</p>"
                )
        if overlap.get("shared"):
            parts.append(f"<details><summary>Per code ({len(per_code):,})</summary>{table_html(per_code.set_index('code')[shown_columns], digits=3)}</details>")
    for agreed in table.attrs["consensus"]:
        made = table.attrs["consensus_of"].get(agreed, {})
        sources = [str(c) for c in made.get("coders", []) if str(c)] if isinstance(made.get("coders"), list) else []
        source = f" of {escape(', '.join(sources))}" if sources else ""
        rule = f" (rule {escape(str(made['rule']))})" if made.get("rule") else ""
        parts.append(
            f"<p class='note'>{escape(agreed)} is not compared: it is the consensus{source} the study made{rule} "
            "(<code>Study.consensus</code>), their agreed coding rather than an independent coder's, so its agreement "
            "with them would measure how the consensus was made, not how far coders agree.</p>"
        )
    for a, b in table.attrs["apart"]:
        parts.append(f"<p class='note'>{escape(a)} and {escape(b)} coded no document in common, so they are not compared.</p>")
    return "".join(parts), saved


def _all_part(together: dict[str, Any], table: pd.DataFrame, unit: str, *, table_html: Any, escape: Any) -> str:
    """All of three or more people together: Krippendorff's alpha and Fleiss' kappa across them, overall and per code
    (``table``: ``together``'s table with its codes' names)."""
    one, many, _ = _UNIT_WORDS[unit]
    coders = together["coders"]
    overlap = together["overlap"]
    overall, per_code = table[table["code_id"] == "overall"], table[table["code_id"] != "overall"]
    head = (
        f"<h3>All {len(coders)} together: {escape(', '.join(coders))}</h3><p>Cohen's kappa compares two coders, so each two "
        f"are compared below; across all of them, Krippendorff's alpha reads every {one} of the documents two or more of them "
        f"coded (a document one of them did not code is missing for them, not 'no') and Fleiss' kappa only the {many} of the "
        f"documents every one of them coded (<code>n_units</code> counts the {many} alpha read, <code>n_units_fleiss</code> "
        "those Fleiss' kappa read). "
        f"{overlap.get('shared', 0):,} of the {overlap.get('coded', 0):,} {many} any of them coded were coded by two or more.</p>"
    )
    if not overlap.get("shared"):
        note = overall["note"].iloc[0] if len(overall) else ""
        return head + f"<p class='caution'><b>No {one} was coded by two or more of them</b>: no figures shown (<i>{escape(note)}</i>).</p>"
    # Fleiss' kappa reads fewer units than alpha where a document was not coded by all: its own count beside it.
    shown = ["n_units", "percent_agreement", "krippendorff_alpha", "fleiss_kappa", "n_units_fleiss", "note"]
    return (
        head + table_html(overall.set_index("code")[shown], digits=3)
        + f"<details><summary>Per code, all {len(coders)} together ({len(per_code):,})</summary>{table_html(per_code.set_index('code')[shown], digits=3)}</details>"
        + "<p class='note'>All of them together are in <code>tables/coder_agreement_all.csv</code>.</p>"
    )
