"""The codebook as a spaCy component, for people with their own pipelines.

    nlp.add_pipe("qlr_codebook", config={"codebook": "coproduction"})

writes one labelled span per coding into ``doc.spans["qlr"]`` (label = code id,
``span._.qlr_indicator`` = what fired).  The factory is registered through spaCy's
``spacy_factories`` entry point, so installing qlr is enough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["CodebookComponent", "make_codebook_component"]


class CodebookComponent:
    """Codes a Doc with a codebook; see the module docstring.

    Parameters
    ----------
    nlp : Language
        The pipeline it is added to.
    name : str
        Component name.
    codebook : str
        A bundled codebook name or a path to a ``.yaml`` / ``.qdc`` file.
    span_key : str
        Key in ``doc.spans`` for the coded spans.
    span : {"sentence", "match"}
        What each coding covers: the sentence holding the match, or the matched
        words.  (The config key was ``unit`` before; it still works, with a
        ``DeprecationWarning``.)

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer")
    >>> _ = nlp.add_pipe("qlr_codebook", config={"codebook": "coproduction"})
    >>> doc = nlp("We really do look out for each other now.")
    >>> [(span.label_, span.text) for span in doc.spans["qlr"]]
    [('peer_networks.peer_support', 'We really do look out for each other now.')]
    """

    def __init__(self, nlp: Language, name: str, codebook: str, span_key: str, span: str) -> None:
        from spacy.tokens import Span

        from .._check import check_choice
        from ..codebook import read_codebook
        from ._nlp import CodebookMatcher, LookupLemmatizer

        check_choice("span", span, ("sentence", "match"))
        self.name = name
        self.codebook = read_codebook(codebook)
        self.span_key = span_key
        self.span = span
        # Lemmas are needed for phrase matching; supply lookup lemmas when the
        # pipeline before us has set none.
        self._lemmatizer = LookupLemmatizer(nlp)
        self._matcher = CodebookMatcher(nlp, self.codebook)
        # spaCy keeps a span's extension values by its character offsets alone, so
        # two codes on the same sentence would share one value; key by label too.
        if not Span.has_extension("qlr_indicator") or Span.get_extension("qlr_indicator")[2] is not _indicator_of:
            Span.set_extension("qlr_indicator", getter=_indicator_of, force=True)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and all(token.lemma == 0 for token in doc[:20]):
            self._lemmatizer(doc)
        if not doc.has_annotation("SENT_START"):
            for index, token in enumerate(doc):
                token.is_sent_start = index == 0
        spans = []
        seen = set()
        for match in self._matcher(doc):
            start, end = (match.sent_start, match.sent_end) if self.span == "sentence" else (match.start, match.end)
            if (match.code_id, start, end) in seen:
                continue
            seen.add((match.code_id, start, end))
            span = doc.char_span(start, end, label=match.code_id, alignment_mode="expand")
            if span is not None:
                doc.user_data[("qlr_indicator", span.start_char, span.end_char, span.label_)] = match.indicator
                spans.append(span)
        doc.spans[self.span_key] = sorted(spans, key=lambda s: (s.start, s.end, s.label_))
        return doc


def _indicator_of(span: Span) -> str | None:
    """The indicator that put this span's code on it."""
    return span.doc.user_data.get(("qlr_indicator", span.start_char, span.end_char, span.label_))


def make_codebook_component(nlp: Language, name: str, codebook: str, span_key: str, span: str, unit: str | None) -> CodebookComponent:
    """spaCy factory for ``qlr_codebook`` (registered via entry point); ``unit`` is ``span``'s old name."""
    if unit is not None:
        import warnings

        warnings.warn("the qlr_codebook config key 'unit' is deprecated; write 'span'", DeprecationWarning, stacklevel=2)
        span = unit
    return CodebookComponent(nlp, name, codebook, span_key, span)


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("qlr_codebook"):
        Language.factory(
            "qlr_codebook",
            default_config={"codebook": "coproduction", "span_key": "qlr", "span": "sentence", "unit": None},
        )(make_codebook_component)


_register()
