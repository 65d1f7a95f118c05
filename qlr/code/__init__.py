"""Coding: rule-based auto-coding with spaCy, manual coding, codebook lineage.

Most users reach these through the Study (``study.apply``, ``study.code``,
``study.code_quote``, ``study.uncode``, ``study.recode``, ``study.memo``); this
namespace holds the functions that are not about one study alone.
"""

from __future__ import annotations

from . import _component  # noqa: F401 - registers the qlr_codebook spaCy factory
from ._agreement import agreement, coding_table, disagreements, reliability
from ._blind import coding_sheet, consensus, read_coding_sheet
from ._lineage import migrate
from ._manual import MEMO_TARGETS
from ._nlp import NEGATION_CUES, CodebookMatcher, pipeline
from ._rules import DOC_CACHE, eligible_segments
from ._suggest import CodeSuggester, evaluate
from ._validate import shaffer_rho, validate, write_validation_sheet

__all__ = [
    "agreement",
    "reliability",
    "disagreements",
    "coding_table",
    "coding_sheet",
    "read_coding_sheet",
    "consensus",
    "CodeSuggester",
    "evaluate",
    "validate",
    "shaffer_rho",
    "write_validation_sheet",
    "migrate", "pipeline", "CodebookMatcher", "eligible_segments", "DOC_CACHE", "NEGATION_CUES", "MEMO_TARGETS"]
