"""Coding: rule-based auto-coding with spaCy, manual coding, codebook lineage.

Most users reach these through the Study (``study.apply``, ``study.code``,
``study.code_quote``, ``study.uncode``, ``study.recode``, ``study.memo``,
``study.read_coding_sheet``, ``study.consensus``, ``study.migrate_codebook``):
what changes a study is a method of it.  This namespace holds the functions,
which return new objects and leave the study alone.
"""

from __future__ import annotations

from .._lazy import attach

# Public name -> the module defining it.  Modules load on first use: scikit-learn
# (the suggester) and spaCy (the pipeline) cost seconds at start-up otherwise.
# spaCy finds qlr's factories through the package's entry points; a source
# checkout without them gets them registered when qlr builds its pipeline.
_MODULES = {
    "agreement": "._agreement",
    "reliability": "._agreement",
    "disagreements": "._agreement",
    "coding_table": "._agreement",
    "compared_codings": "._agreement",
    "coder_pairs": "._agreement",
    "human_coders": "._agreement",
    "write_coding_sheet": "._blind",
    "CodeSuggester": "._suggest",
    "evaluate": "._suggest",
    "pipeline": "._nlp",
    "CodebookMatcher": "._nlp",
    "NEGATION_CUES": "._nlp",
    "eligible_segments": "._rules",
    "unmatchable_lemmas": "._lemmas",
    "DOC_CACHE": "._rules",
    "MEMO_TARGETS": "._manual",
    "validate": "._validate",
    "validate_coders": "._validate",
    "flag_rules": "._validate",
    "shaffer_rho": "._validate",
    "write_validation_sheet": "._validate",
}
__all__ = list(_MODULES)
# Old names, kept working with a DeprecationWarning: the first three changed the study
# they were given, which only a Study method may do (study.read_coding_sheet,
# study.consensus, study.migrate_codebook); coding_sheet is write_coding_sheet.
_MODULES.update({"coding_sheet": "._blind", "read_coding_sheet": "._blind", "consensus": "._blind", "migrate": "._lineage"})
__getattr__, __dir__ = attach(__name__, _MODULES)
