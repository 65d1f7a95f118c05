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
from ..errors import QlrWarning

if TYPE_CHECKING:
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["coder_agreement_section"]

#: The measures shown on the page, as :func:`qlr.code.agreement` names them (the CSV has them all).
_SHOWN = ["documents_both", "n_units", "percent_agreement", "cohen_kappa", "krippendorff_alpha", "note"]


def coder_agreement_section(study: Study, codebook: Codebook, *, table_html: Any, escape: Any) -> tuple[str, pd.DataFrame] | None:
    """The section's HTML and its table (``tables/coder_agreement.csv``), or None when fewer than two people coded with ``codebook``.

    The warnings :func:`qlr.code.coder_pairs` gives (few passages coded by both,
    codings that reach no segment) are said on the page, where the reader of the
    figures is, rather than at the command line.
    """
    from ..code import coder_pairs, human_coders

    if len(human_coders(study, codebook=codebook)) < 2:
        return None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", QlrWarning)
        table = coder_pairs(study, codebook=codebook)
    if len(table.attrs["coders"]) < 2:  # one person and the consensus made from their codings
        return None
    said = [str(w.message) for w in caught if issubclass(w.category, QlrWarning)]
    for w in caught:  # anything else goes on as it came
        if not issubclass(w.category, QlrWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    labels = pd.Series(codebook.labels(), dtype=object)  # a reader comparing two people's coding reads codes by name
    shown = table.assign(code=table["code_id"].map(labels).where(table["code_id"] != "overall", "overall"))
    shown["code"] = shown["code"].fillna(shown["code_id"])  # a code the codebook does not hold: its id
    saved = shown[["coder_a", "coder_b", "code_id", "code", *[c for c in table.columns if c not in ("coder_a", "coder_b", "code_id")]]]
    # A pair who coded no segment in common: qlr.code.agreement notes it on each of their rows, which the CSV keeps.
    parts = [
        "<p class='note'>How far the people who coded this study agree, for each two of them who coded the same "
        "documents (<code>qlr.code.coder_pairs</code>; the rules' codings are not a person's and are checked in "
        "<a href='#rules'>Rules against coders</a>). <b>The unit of agreement is the segment</b>: each participant's turn, "
        "note or paragraph (and any other passage either person coded) of a document both coded. For a code, two people "
        "agree on a segment when both applied the code there or neither did; documents only one of them coded are not "
        "compared. Percent agreement counts those segments; Cohen's kappa discounts the agreement their own rates of "
        "using the code would give by chance (1 is full agreement, 0 no better than chance), so for a rare code percent "
        "agreement is high however little they agree and kappa is the figure to read. Krippendorff's alpha reads the "
        "same way. The overall row counts every segment and code together. Every measure (Fleiss' kappa and Brennan-Prediger too) is in <code>tables/coder_agreement.csv</code>; "
        "to compare characters instead, <code>qlr agreement STUDY --coders A B --unit character</code>.</p>"
    ]
    by_pair = {pair["overlap"].get("message") for pair in table.attrs["pairs"]}
    for message in said:
        if message not in by_pair:  # a pair's own caution goes with that pair, below
            parts.append(f"<p class='caution'>{escape(message)}</p>")
    for pair in table.attrs["pairs"]:
        a, b = pair["coder_a"], pair["coder_b"]
        rows = shown[(shown["coder_a"] == a).to_numpy(dtype=bool) & (shown["coder_b"] == b).to_numpy(dtype=bool)]
        overall = rows[rows["code_id"] == "overall"]
        per_code = rows[rows["code_id"] != "overall"]
        overlap = pair["overlap"]
        parts.append(
            f"<h3>{escape(a)} and {escape(b)}</h3><p>{number_of(pair['documents_both'], 'document')} coded by both; "
            f"{number_of(len(per_code), 'code')} either used; {overlap.get('shared', 0):,} of the {overlap.get('coded', 0):,} "
            f"{escape(overlap.get('units', 'segments'))} either coded were coded by both.</p>"
        )
        if overlap.get("message") and overlap.get("shared"):
            parts.append(f"<p class='caution'>{escape(overlap['message'])}</p>")
        if not overlap.get("shared"):
            # Nothing both coded: the figures count only segments neither coded, and read as agreement they mislead.
            parts.append(
                f"<p class='caution'><b>No segment was coded by both {escape(a)} and {escape(b)}</b>: in the documents both "
                "coded they coded different passages, so there is no agreement to measure. Their figures are not shown "
                "here; in <code>tables/coder_agreement.csv</code> each of their rows is noted "
                f"<i>{escape(overall['note'].iloc[0] if len(overall) else '')}</i> (every figure there counts only segments neither of them coded).</p>"
            )
        else:
            parts.append(table_html(overall.set_index("code")[_SHOWN], digits=3))
        for coder, only in ((a, pair["only_a"]), (b, pair["only_b"])):
            if only:
                names = "; ".join(escape(labels.get(code, code)) for code in only)
                parts.append(
                    f"<p><b>{number_of(len(only), 'code')} only {escape(coder)} applied</b> in the documents both coded: {names}.</p>"
                )
        if overlap.get("shared"):
            parts.append(f"<details><summary>Per code ({len(per_code):,})</summary>{table_html(per_code.set_index('code')[_SHOWN], digits=3)}</details>")
    if len(table.attrs["coders"]) > 2:
        parts.append(
            "<p class='note'>With more than two people, each two who coded the same documents are compared on their own "
            "(Cohen's kappa is a measure of two coders); <code>qlr agreement STUDY --coders A B C</code> gives Fleiss' kappa "
            "and Krippendorff's alpha across all of them.</p>"
        )
    for agreed in table.attrs["consensus"]:
        parts.append(f"<p class='note'>{escape(agreed)} is the consensus the study made from its coders' codings, so it is not compared with them.</p>")
    for a, b in table.attrs["apart"]:
        parts.append(f"<p class='note'>{escape(a)} and {escape(b)} coded no document in common, so they are not compared.</p>")
    return "".join(parts), saved
