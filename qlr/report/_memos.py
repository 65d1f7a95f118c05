"""Memos on coded passages, shown where the researcher reads the passage.

A memo on a coding (an NVivo annotation, a note a selection links to, a memo
written with ``study.memo("coding", …)``) or on a segment (an ATLAS.ti quotation's
comment on a quotation with no code) is about one passage.  The report shows it
under that passage in every evidence trail, and on its case's page (and, for a
small study, under the case's pen portrait on the index) beside the passage it is
about, so memos on passages that are no placement's evidence are read too.  Every
text is escaped; a memo's line breaks are kept by the style sheet, not by markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .._words import number_of
from ._html import _esc as esc

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["PassageMemos"]

#: The memo targets that are passages: a coding's span, a segment.
_PASSAGES = ("coding", "segment")
_COLUMNS = ["case_id", "wave_id", "doc_id", "start", "end", "code_id", "target_type", "target_id", "author", "created", "text", "passage"]


class PassageMemos:
    """The memos on the codings and segments of a study, with the passage each is about.

    Parameters
    ----------
    study : Study
        The study reported on; memos on codings or segments it does not hold
        (another role's cases) are not among them.

    Attributes
    ----------
    table : DataFrame
        One row per memo: ``case_id``, ``wave_id``, ``doc_id``, ``start``,
        ``end`` (the passage), ``code_id`` (a coding's code; empty for a
        segment), ``target_type``, ``target_id``, ``author``, ``created``,
        ``text`` (the memo) and ``passage`` (the passage's text), in the order
        of the study's waves, then document and position.
    """

    def __init__(self, study: Study) -> None:
        from ..evidence import coding_cases, segment_cases

        memos = study.memos[study.memos["target_type"].isin(_PASSAGES).fillna(False).to_numpy(dtype=bool)]
        # A passage's case and wave as every analysis reads them: a focus group's turn is its speaker's case's.
        codings = study.codings[["coding_id", "doc_id", "start", "end", "code_id"]].rename(columns={"coding_id": "target_id"})
        codings = codings.join(coding_cases(study, study.codings)[["case_id", "wave_id"]])
        whose = segment_cases(study)  # a joint voice's turn is each named case's: a row for each
        segments = study.segments[["seg_id", "doc_id", "start", "end"]].rename(columns={"seg_id": "target_id"}).iloc[whose["row"].to_numpy()]
        segments = segments.assign(**{c: whose[c].to_numpy() for c in ("case_id", "wave_id")})
        parts = [
            memos[memos["target_type"] == kind].merge(spans, on="target_id", how="inner")
            for kind, spans in (("coding", codings), ("segment", segments))
        ]
        rows = pd.concat(parts, ignore_index=True)
        documents = study.documents[["doc_id", "text"]].drop_duplicates("doc_id").rename(columns={"text": "document"})
        rows = rows.merge(documents, on="doc_id", how="inner")
        rows["passage"] = [str(text)[int(start) : int(end)] for text, start, end in zip(rows["document"], rows["start"], rows["end"])]
        order = {wave: n for n, wave in enumerate(study.waves["wave_id"])}
        rows = rows.assign(_wave=rows["wave_id"].map(order)).sort_values(["case_id", "_wave", "doc_id", "start", "end"], kind="stable")
        self.table = rows.reindex(columns=_COLUMNS).reset_index(drop=True)
        self._on: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in self.table.to_dict("records"):
            self._on.setdefault((row["target_type"], row["target_id"]), []).append(row)

    def __len__(self) -> int:
        return len(self.table)

    def beside(self, coding_id: Any, seg_id: Any) -> str:
        """The memos on a coding and on its segment, as HTML to put under its quote (``""`` when none)."""
        found = [*self._on.get(("coding", coding_id), []), *self._on.get(("segment", seg_id), [])]
        return "".join(_memo(row) for row in found)

    def of_case(self, case: Any, *, names: dict[str, str]) -> str:
        """A case's memos on passages, each passage quoted once with its wave, document and code (``""`` when none).

        ``names`` gives each code id its name.
        """
        rows = self.table[(self.table["case_id"] == case).fillna(False).to_numpy(dtype=bool)]
        if not len(rows):
            return ""
        out = []
        for _, group in rows.groupby(["target_type", "target_id"], sort=False):
            first = group.iloc[0]
            what = names.get(first["code_id"], first["code_id"]) if first["target_type"] == "coding" else "segment (no code)"
            where = f"{esc(first['wave_id'])} · {esc(first['doc_id'])} · {esc(what)}"
            out.append(f"<div class='note'>{where}</div><blockquote dir='auto'>{esc(first['passage'])}</blockquote>" + "".join(_memo(row) for row in group.to_dict("records")))
        count = len(rows)
        return f"<h3>Memos on coded passages</h3><p class='note'>{number_of(count, 'memo')} on passages of this case, with the passage each is about.</p>" + "".join(out)


def _memo(row: dict[str, Any]) -> str:
    """One memo: who wrote it and when (where known), then its text."""
    created = row.get("created")
    when = "" if created is None or pd.isna(created) else f", {pd.Timestamp(created):%Y-%m-%d}"
    who = esc(row.get("author")) or "unknown"
    return f"<div class='memo'><span class='memo-by'>Memo by {who}{when}:</span> {esc(row.get('text'))}</div>"
