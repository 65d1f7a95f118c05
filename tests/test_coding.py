"""Rule-based coding, the spaCy component, manual coding, memos and codebook lineage."""

from __future__ import annotations

import pandas as pd
import pytest
import spacy

import qlr
from qlr.codebook import Codebook
from qlr.errors import CodingError

from .conftest import write

CODEBOOK = """\
name: Mini
id: mini
version: 1.0.0
ladder:
  name: Spectrum
  facets: [delivery]
  levels: [{value: 0, name: None}, {value: 2, name: Collaboration}]
themes: [reciprocity, negative]
codes:
  - id: reciprocity.two_way
    parent: reciprocity
    indicators:
      - phrase: two-way
      - phrase: give something back
      - pattern: [{LEMMA: help}, {LOWER: each}, {LOWER: other}]
    evidence: {level: 2, facet: delivery}
  - id: negative.one_way
    parent: negative
    indicators:
      - {phrase: two-way, negated: true}
    evidence: {level: 0, facet: delivery}
"""


@pytest.fixture
def mini_codebook():
    return Codebook.from_yaml(CODEBOOK, path="mini.yaml")


@pytest.fixture
def transcript_study(tmp_path):
    text = (
        "Interview with Ann, wave 1 — a two-way chat\n\n"
        "Interviewer: Would you say it's two-way, reciprocal?\n\n"
        "Ann: Honestly? It wasn't really a two-way thing at first. Now we helped each other a lot.\n"
        "I like to give something back.\n\n"
        "Interviewer: Do you give something back?\n\n"
        "Ann: Yes, and it is two-way now, though never at the start.\n"
    )
    root = tmp_path / "s"
    write(root / "study.yaml", "waves: [W1]\ncases: [{id: C1}]\ndocuments: ['*.txt']\n")
    write(root / "C1_W1_interview.txt", text)
    return qlr.load(root)


def _coded(study):
    texts = study.documents.set_index("doc_id")["text"]
    return [
        (row.code_id, texts[row.doc_id][row.start : row.end], row.indicator, row.assertion)
        for row in study.codings.sort_values(["start", "code_id"]).itertuples()
    ]


def test_rules_code_sentences_skip_interviewer_and_honour_negation(transcript_study, mini_codebook):
    transcript_study.apply(mini_codebook)
    # Every match is kept with its assertion; the interviewer asked about two-way
    # just before, so the answers' two-way evidence is "prompted".
    assert _coded(transcript_study) == [
        ("negative.one_way", "It wasn't really a two-way thing at first.", "phrase:two-way (negated)", "affirmed"),
        ("reciprocity.two_way", "It wasn't really a two-way thing at first.", "phrase:two-way", "negated"),
        ("reciprocity.two_way", "Now we helped each other a lot.", "pattern:[LEMMA=help] [LOWER=each] [LOWER=other]", "prompted"),
        ("reciprocity.two_way", "I like to give something back.", "phrase:give something back", "prompted"),
        ("reciprocity.two_way", "Yes, and it is two-way now, though never at the start.", "phrase:two-way", "prompted"),
    ]
    codings = transcript_study.codings
    assert set(codings["origin"]) == {"rules"} and set(codings["codebook"]) == {"mini"}
    assert set(codings["codebook_version"]) == {"1.0.0"} and set(codings["coder"]) == {"rules:mini"}
    roles = transcript_study.segments.set_index("seg_id").loc[codings["seg_id"], "speaker_role"]
    assert set(roles) == {"participant"}  # no interviewer turn, no header line
    assert transcript_study.log["action"].iloc[-1] == "apply codebook"
    assert "mini" in transcript_study.codebooks


def test_interviewer_turns_can_be_included_on_request(transcript_study, mini_codebook):
    transcript_study.apply(mini_codebook, include_interviewer=True)
    coded = [text for _, text, _, _ in _coded(transcript_study)]
    assert "Would you say it's two-way, reciprocal?" in coded


def test_span_segment_codes_the_whole_turn(transcript_study, mini_codebook):
    transcript_study.apply(mini_codebook, span="segment")
    spans = {text for _, text, _, _ in _coded(transcript_study)}
    assert "Honestly? It wasn't really a two-way thing at first. Now we helped each other a lot.\nI like to give something back." in spans
    with pytest.raises(qlr.errors.InvalidParameterError, match="span='word' is not one of 'sentence', 'segment'"):
        transcript_study.apply(mini_codebook, span="word")
    with pytest.warns(DeprecationWarning, match=r"apply\(\): the keyword unit= is deprecated; write span="):
        transcript_study.apply(mini_codebook, unit="segment")
    assert {text for _, text, _, _ in _coded(transcript_study)} == spans


def test_reapplying_replaces_rule_codings_and_keeps_human_ones(transcript_study, mini_codebook):
    transcript_study.apply(mini_codebook)
    human = transcript_study.code_quote("C1_W1_interview", "at first", "negative.one_way", coder="rm")
    first = set(transcript_study.codings["coding_id"])
    transcript_study.apply(mini_codebook)
    assert set(transcript_study.codings["coding_id"]) == first  # stable ids, no duplicates
    edited = mini_codebook.with_codes(
        [c if c.id != "reciprocity.two_way" else type(c)(**{**c.__dict__, "indicators": c.indicators[:1]}) for c in mini_codebook],
        version="1.0.1",
    )
    transcript_study.apply(edited)
    codings = transcript_study.codings
    assert human in set(codings["coding_id"])
    rules = codings[codings["origin"] == "rules"]
    # Only the first two-way indicator is left: the negated and the plain two-way match.
    assert len(rules) == 3 and set(rules["codebook_version"]) == {"1.0.1"}


def test_reapply_uses_cached_parses(transcript_study, mini_codebook):
    from qlr.code._rules import DocCache

    cache = DocCache()
    from qlr.code._rules import apply_codebook

    apply_codebook(transcript_study, mini_codebook, cache=cache)
    # The two participant turns, and the two interviewer turns asked just before them.
    assert len(cache) == 4
    apply_codebook(transcript_study, mini_codebook, cache=cache)
    details = transcript_study.log["detail"].iloc[-1]
    assert '"parsed": 0' in details


def test_cache_is_bounded():
    from qlr.code._rules import DocCache

    nlp = spacy.blank("en")
    cache = DocCache(max_tokens=5)
    for i in range(4):
        cache.put(("fp", str(i)), nlp("one two three"))
    assert len(cache) == 1 and cache.get(("fp", "3")) is not None and cache.get(("fp", "0")) is None


def test_observation_notes_and_documents_are_coded(tmp_path, mini_codebook):
    root = tmp_path / "s"
    write(root / "study.yaml", "waves: [W1]\ndocuments:\n  - {path: n.md, kind: observation, wave: W1}\n  - {path: d.txt, kind: document}\n")
    write(root / "n.md", "## 2024-01-01 Group\nThey help each other with forms.\n")
    write(root / "d.txt", "Annual report\n\nCarers give something back.\n")
    study = qlr.load(root).apply(mini_codebook)
    assert sorted(study.codings["doc_id"]) == ["d", "n"]


def test_lemmas_make_phrases_match_other_forms():
    from qlr.code._nlp import CodebookMatcher, pipeline

    nlp = pipeline()
    cb = Codebook.from_yaml("name: L\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t, indicators: [give back, have a say]}\n")
    matcher = CodebookMatcher(nlp, cb)
    doc = nlp("She GAVE BACK plenty. We had a say in it. They are giving back.")
    assert [doc.text[m.start : m.end] for m in matcher(doc)] == ["GAVE BACK", "had a say", "giving back"]


def test_known_wrong_lookup_lemmas_are_fixed_everywhere():
    from qlr.code._nlp import CodebookMatcher, pipeline
    from qlr.code._prefilter import LEMMA_FIXES, TextFilter, lemma_forms

    nlp = pipeline()
    # spacy-lookups-data reads "does" as the plural of "doe" and "matter" as the comparative of "matt".
    assert [t.lemma_ for t in nlp("She does it, it matters, no matter what, a bit of ground.")] == [
        "she", "do", "it", ",", "it", "matter", ",", "no", "matter", "what", ",", "a", "bit", "of", "ground", ".",
    ]  # fmt: skip
    assert {"does", "did", "doing"} <= lemma_forms("do") and "does" not in lemma_forms("doe")
    assert all(nlp(form)[0].lemma_ == lemma for form, lemma in LEMMA_FIXES.items())
    # The pre-filter predicts the same lemmas, so it keeps the sentence the matcher then finds.
    cb = Codebook.from_yaml("name: L\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t, indicators: [do the rota]}\n")
    matcher, text = CodebookMatcher(nlp, cb), "Joan does the rota."
    indicators = [(code.id, indicator) for code in cb for indicator in code.indicators]
    assert TextFilter(nlp, indicators).pieces_for(text)
    assert [text[m.start : m.end] for m in matcher(nlp(text))] == ["does the rota"]


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("It wasn't really a two-way thing.", True),
        ("Nobody ever said it was two-way.", True),
        ("I would never call it two-way.", True),
        ("It is not two-way.", True),
        ("It's two-way.", False),
        ("Not at first, but now it's two-way.", False),  # the negation is in another clause
        ("No, it's two-way.", False),
        ("It was never one-sided; it's two-way.", False),
        # A short denial closing the sentence negates what came before it.
        ("Was it two-way, no.", True),
        ("Two-way, not really.", True),
        ("Two-way — not at all!", True),
        ("Two-way, no doubt.", False),
        ("It's two-way, not one-way.", False),
        ("Two-way. No.", False),  # another sentence: not caught (a known limit)
        ("It's two-way, no?", False),  # a tag question asks for agreement
        ("It's two-way, not always.", False),  # a hedge, not a denial
    ],
)
def test_negation_before_in_the_clause_or_closing_the_sentence(mini_codebook, sentence, negated):
    from qlr.code._nlp import CodebookMatcher, pipeline

    nlp = pipeline()
    matches = [m for m in CodebookMatcher(nlp, mini_codebook)(nlp(sentence)) if "two-way" in m.indicator]
    codes = {m.code_id for m in matches if m.assertion == "affirmed"}
    # The plain indicator is affirmed when not negated; the `negated: true` one fires only when negated.
    assert codes == ({"negative.one_way"} if negated else {"reciprocity.two_way"})
    # A negated plain match is kept, with its status, not dropped.
    plain = {m.assertion for m in matches if m.code_id == "reciprocity.two_way"}
    assert plain == ({"negated"} if negated else {"affirmed"})


def test_spacy_component_writes_labelled_spans():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("qlr_codebook", config={"codebook": "coproduction", "span_key": "codes"})
    doc = nlp("Nobody listened to us. We look out for each other in the WhatsApp group.")
    second = "We look out for each other in the WhatsApp group."
    spans = [(span.text, span.label_, span._.qlr_indicator) for span in doc.spans["codes"]]
    assert [(text, label) for text, label, _ in spans] == [
        ("Nobody listened to us.", "negative.done_to"),
        (second, "peer_networks.peer_support"),
        (second, "peer_networks.self_organised"),
    ]
    assert [indicator for _, _, indicator in spans[1:]] == ["phrase:look out for", "phrase:whatsapp group"]


def test_component_without_sentencizer_and_match_span():
    nlp = spacy.blank("en")
    nlp.add_pipe("qlr_codebook", config={"codebook": "coproduction", "span": "match"})
    doc = nlp("We look out for each other.")
    # span="match": the coding covers the matched words, not the sentence.
    assert [(span.text, span.label_) for span in doc.spans["qlr"]] == [("look out for", "peer_networks.peer_support")]
    # The old config key still works, with a warning.
    old = spacy.blank("en")
    with pytest.warns(DeprecationWarning, match="config key 'unit' is deprecated; write 'span'"):
        old.add_pipe("qlr_codebook", config={"codebook": "coproduction", "unit": "match"})
    old_doc = old("We look out for each other.")
    assert [span.text for span in old_doc.spans["qlr"]] == ["look out for"]


# ------------------------------------------------------------------ manual
def test_manual_coding_by_offset_and_quote(transcript_study, mini_codebook):
    transcript_study.codebooks["mini"] = mini_codebook
    text = transcript_study.documents["text"].iloc[0]
    start = text.index("give something back")
    cid = transcript_study.code("C1_W1_interview", start, start + 19, "reciprocity.two_way", coder="rm", memo="clear case")
    row = transcript_study.codings.set_index("coding_id").loc[cid]
    assert (row["origin"], row["coder"], row["codebook"], row["codebook_version"]) == ("human", "rm", "mini", "1.0.0")
    assert row["seg_id"] == transcript_study.segments.loc[transcript_study.segments["speaker"] == "Ann", "seg_id"].iloc[0]
    assert transcript_study.memos["target_id"].tolist() == [cid]
    assert transcript_study.log["action"].tolist()[-2:] == ["code", "memo"]
    assert transcript_study.log["actor"].iloc[-2] == "rm"
    with pytest.raises(CodingError, match="has already coded"):
        transcript_study.code("C1_W1_interview", start, start + 19, "reciprocity.two_way", coder="rm")


def test_code_quote_errors(transcript_study, mini_codebook):
    transcript_study.codebooks["mini"] = mini_codebook
    with pytest.raises(CodingError, match=r"the quote 'a three-way thing' is not in document 'C1_W1_interview'"):
        transcript_study.code_quote("C1_W1_interview", "a three-way thing", "reciprocity.two_way")
    with pytest.raises(CodingError, match='different capitals: "It wasn\x27t"'):
        transcript_study.code_quote("C1_W1_interview", "it wasn't", "reciprocity.two_way")
    with pytest.raises(CodingError, match=r"appears 2 times .*Fix: quote more words to make it unique, or pass occurrence="):
        transcript_study.code_quote("C1_W1_interview", "give something back", "reciprocity.two_way")
    cid = transcript_study.code_quote("C1_W1_interview", "give something back", "reciprocity.two_way", occurrence=2)
    coding = transcript_study.codings.set_index("coding_id").loc[cid]
    assert transcript_study.documents["text"].iloc[0][coding["start"] : coding["end"]] == "give something back"
    with pytest.raises(CodingError, match="code 'reciprocity.too_way' is in none of the study's codebooks.*did you mean 'reciprocity.two_way'"):
        transcript_study.code_quote("C1_W1_interview", "at first", "reciprocity.too_way")
    with pytest.raises(CodingError, match="no document 'C1_W2_interview'.*did you mean 'C1_W1_interview'"):
        transcript_study.code_quote("C1_W2_interview", "at first", "reciprocity.two_way")
    with pytest.raises(CodingError, match="is not inside document"):
        transcript_study.code("C1_W1_interview", 10, 5, "reciprocity.two_way")


def test_uncode_recode_and_memos(transcript_study, mini_codebook):
    transcript_study.apply(mini_codebook)
    target = transcript_study.codings["coding_id"].iloc[0]
    transcript_study.recode(target, "reciprocity.two_way", coder="rm")
    assert transcript_study.codings.set_index("coding_id").loc[target, "code_id"] == "reciprocity.two_way"
    transcript_study.uncode(target, coder="rm")
    assert target not in set(transcript_study.codings["coding_id"])
    assert transcript_study.log["action"].tolist()[-2:] == ["recode", "uncode"]
    with pytest.raises(CodingError, match="no coding"):
        transcript_study.uncode("nope")
    transcript_study.memo("case", "C1", "Ann warms up over the interview.", author="sam")
    transcript_study.memo("code", "negative.one_way", "Check negation cases by hand.", author="sam")
    transcript_study.memo("study", "all", "First pass done.")
    assert transcript_study.memos["target_type"].tolist() == ["case", "code", "study"]
    with pytest.raises(CodingError, match="no case 'C9'"):
        transcript_study.memo("case", "C9", "x")
    with pytest.raises(qlr.errors.InvalidParameterError, match="target_type='site' is not one of 'study', 'case'"):
        transcript_study.memo("site", "x", "y")


def test_codings_and_memos_survive_save_and_open(transcript_study, mini_codebook, tmp_path):
    transcript_study.apply(mini_codebook)
    transcript_study.code_quote("C1_W1_interview", "at first", "negative.one_way", coder="rm", memo="why?")
    path = tmp_path / "s.qlr"
    transcript_study.save(path)
    reopened = qlr.open(path)
    pd.testing.assert_frame_equal(reopened.codings, transcript_study.codings)
    pd.testing.assert_frame_equal(reopened.memos, transcript_study.memos)
    assert reopened.codebooks["mini"] == mini_codebook


# ------------------------------------------------------------------ lineage
V1 = """\
name: Demo
version: 1.0.0
themes: [power, peer]
codes:
  - {id: power.choice, parent: power}
  - {id: power.control, parent: power}
  - {id: power.voice, parent: power}
  - {id: peer.support, parent: peer}
  - {id: peer.groups, parent: peer}
"""
V2 = """\
name: Demo
version: 1.2.0
themes: [power, peer]
codes:
  - {id: power.choice_control, parent: power}
  - {id: power.say, parent: power}
  - {id: peer.support_given, parent: peer}
  - {id: peer.support_received, parent: peer}
  - {id: peer.groups, parent: peer}
lineage:
  - {version: 1.1.0, renamed: {power.voice: power.say}}
  - {version: 1.1.0, merged: [power.choice, power.control], into: power.choice_control}
  - {version: 1.2.0, split: peer.support, into: [peer.support_given, peer.support_received]}
"""


def test_migrate_renames_merges_and_flags_splits(transcript_study):
    old, new = Codebook.from_yaml(V1), Codebook.from_yaml(V2)
    study = transcript_study
    study.codebooks["demo"] = old
    quotes = {"power.choice": "at first", "power.control": "a lot", "power.voice": "Honestly?", "peer.support": "Now we helped", "peer.groups": "Yes, and"}
    ids = {code: study.code_quote("C1_W1_interview", quote, code, coder="rm") for code, quote in quotes.items()}
    counts_before = study.codings["code_id"].value_counts()
    report = study.migrate_codebook(new, coder="rm").set_index("coding_id")
    assert report.loc[ids["power.voice"], ["after", "action"]].tolist() == ["power.say", "renamed"]
    assert report.loc[ids["power.choice"], ["after", "action"]].tolist() == ["power.choice_control", "merged"]
    assert report.loc[ids["power.control"], ["after", "action"]].tolist() == ["power.choice_control", "merged"]
    assert report.loc[ids["peer.support"], ["after", "action", "candidates"]].tolist() == ["peer.support", "review", "peer.support_given | peer.support_received"]
    assert report.loc[ids["peer.groups"], "action"] == "unchanged"
    codings = study.codings.set_index("coding_id")
    assert codings.loc[ids["peer.support"], "status"] == "review"
    assert set(codings["codebook_version"]) == {"1.2.0"}
    # Counts stay comparable: the merged code holds both sources' codings.
    after = study.codings["code_id"].value_counts()
    assert after["power.choice_control"] == counts_before["power.choice"] + counts_before["power.control"]
    study.recode(ids["peer.support"], "peer.support_given", coder="rm")
    assert pd.isna(study.codings.set_index("coding_id").loc[ids["peer.support"], "status"])
    assert study.log["action"].tolist()[-2:] == ["migrate codebook", "recode"]


def test_migrate_only_applies_steps_after_the_coding_version(transcript_study):
    new = Codebook.from_yaml(V2)
    study = transcript_study
    study.codebooks["demo"] = new
    cid = study.code_quote("C1_W1_interview", "at first", "power.say", coder="rm")
    report = study.migrate_codebook(new)
    assert report.set_index("coding_id").loc[cid, "action"] == "unchanged"


def test_a_trained_pipeline_that_is_not_installed_is_a_clear_error(transcript_study, mini_codebook):
    with pytest.raises(CodingError, match="the spaCy pipeline 'en_core_web_nonexistent' is not installed.*offline pipeline"):
        transcript_study.apply(mini_codebook, model="en_core_web_nonexistent")


def test_fast_token_patterns_agree_with_spacy_on_the_sample(sample_study):
    """Every bundled token pattern finds exactly what spaCy's Matcher finds."""
    from spacy.matcher import Matcher

    from qlr.code._nlp import pipeline
    from qlr.code._tokenpattern import FastPatternSet, compile_pattern

    nlp = pipeline()
    docs = list(nlp.pipe(sample_study.segment_texts().tolist()))
    compared = 0
    for name in ("coproduction", "durose_richardson"):
        for code in qlr.read_codebook(name):
            for index, indicator in enumerate(code.indicators):
                if not indicator.pattern:
                    continue
                key = f"{code.id}:{index}"
                compiled = compile_pattern(nlp.vocab.strings.add(key), indicator.pattern, nlp.vocab.strings)
                if compiled is None:
                    continue
                fast = FastPatternSet()
                fast.add(compiled)
                reference = Matcher(nlp.vocab)
                reference.add(key, [list(indicator.pattern)])
                for doc in docs:
                    assert sorted(set(fast(doc))) == sorted(set(reference(doc))), (indicator.pattern, doc.text[:80])
                compared += 1
    assert compared >= 50


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "help"}, {"OP": "*"}, {"LEMMA": {"IN": ["other", "friend"]}}],
        [{"LOWER": {"IN": ["we", "they"]}}, {"LOWER": "really", "OP": "?"}, {"LEMMA": "help"}, {"LOWER": "each", "OP": "+"}, {"LOWER": "other"}],
        [{"LOWER": {"NOT_IN": ["not"]}}, {"LEMMA": "help"}],
        [{"ORTH": "Maya"}, {"OP": "?"}, {"LEMMA": "decide"}],
        [{"IS_TITLE": True}, {"LOWER": "and"}, {"LOWER": {"IN": ["me", "i"]}}, {"LEMMA": "run"}],
        [{"LEMMA": {"IN": ["hear", "find"]}}, {"LOWER": "out", "OP": "?"}, {"IS_PUNCT": True}],
        [{"LOWER": "help"}, {"IS_PUNCT": False, "IS_TITLE": False, "OP": "*"}, {"LOWER": "other"}],
    ],
)
def test_fast_token_patterns_agree_with_spacy_on_made_up_text(pattern):
    from spacy.matcher import Matcher

    from qlr.code._nlp import pipeline
    from qlr.code._tokenpattern import FastPatternSet, compile_pattern

    nlp = pipeline()
    compiled = compile_pattern(nlp.vocab.strings.add("k"), pattern, nlp.vocab.strings)
    assert compiled is not None
    fast = FastPatternSet()
    fast.add(compiled)
    reference = Matcher(nlp.vocab)
    reference.add("k", [pattern])
    text = (
        "We really helped each each other. They help their friend. Maya then decided. Maya decides. Not help. Do help, help help other. "
        "Maya and I run it, and me ran. We found out! We heard. Help Each other, help, other."
    )
    doc = nlp(text)
    expected = sorted(set(reference(doc)))
    assert expected and sorted(set(fast(doc))) == expected
    # Given hash columns alone (as CodebookMatcher.match_tokens does), the flags are read off the vocabulary's lexemes.
    with_vocab = FastPatternSet(nlp.vocab)
    with_vocab.add(compiled)
    assert sorted(set(with_vocab.find([[t.lower for t in doc], [t.lemma for t in doc], [t.orth for t in doc]]))) == expected


def test_applying_another_codebook_keeps_the_first_ones_cached_matches(transcript_study, mini_codebook):
    from qlr.code._rules import DocCache, apply_codebook

    cache = DocCache()
    apply_codebook(transcript_study, mini_codebook, cache=cache)
    first = len(transcript_study.codings)
    other = Codebook.from_yaml("name: Other\nthemes: [t]\ncodes:\n  - {id: t.first, parent: t, indicators: [at first]}\n")
    apply_codebook(transcript_study, other, cache=cache)
    again = transcript_study.copy()
    again.codings = again.codings.iloc[0:0]
    apply_codebook(again, mini_codebook, cache=cache)
    assert len(again.codings) == first


def test_component_keeps_each_codes_indicator_on_a_shared_sentence():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("qlr_codebook", config={"codebook": "coproduction"})
    doc = nlp("We look out for each other now, it's a two-way thing.")
    fired = {span.label_: span._.qlr_indicator for span in doc.spans["qlr"]}
    assert fired["reciprocity.two_way"] == "phrase:two-way"
    assert fired["peer_networks.peer_support"] != "phrase:two-way" and fired["peer_networks.peer_support"].startswith("phrase:")


def test_public_pipeline_is_a_fresh_copy():
    from qlr.code import pipeline

    mine = pipeline()
    mine.add_pipe("qlr_codebook", config={"codebook": "coproduction"})
    assert "qlr_codebook" not in pipeline().pipe_names


def test_sentences_and_lemmas_are_the_same_in_batches_and_alone(sample_study):
    """The batch path of qlr_sentencizer / qlr_lemmatizer (nlp.pipe) equals one Doc at a time,
    and, away from opening brackets and quotes, spaCy's own sentencizer."""
    from spacy.attrs import LEMMA, SENT_START

    from qlr.code._nlp import pipeline

    texts = [*sample_study.segment_texts().tolist(), "", "...", "Yes. [laughs] We had a say. (Pause.) Really!", "“Quote.” Next? ‘Yes.’ ok", "Mr. Smith went. Dr. No!"]
    nlp = pipeline()
    batched = list(nlp.pipe(texts, batch_size=7))  # an odd size, so Docs of all kinds meet at batch edges
    for doc, text in zip(batched, texts):
        alone = nlp(text)
        assert (doc.to_array([SENT_START, LEMMA]) == alone.to_array([SENT_START, LEMMA])).all(), text
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    compared = 0
    for doc, text in zip(batched, texts):
        if len(doc) and not any(ch in text for ch in "([{“‘«"):
            assert [s.start for s in doc.sents] == [s.start for s in reference(text).sents], text
            compared += 1
    assert compared > 500


def test_coding_documents_in_another_language_says_their_silence_means_nothing(tmp_path):
    # A Spanish study coded with the English codebook: no coding at all, which must not read as "no evidence".
    spanish = (
        "Entrevistador: ¿Qué haces en el grupo?\nVero: Soy presidenta y coordino a los voluntarios. "
        + "Nosotros decidimos juntos las actividades del semestre y cada quien propone algo para la comunidad. " * 12
        + "\nEntrevistador: ¿Y la universidad?\nVero: Nos apoya con espacios pero no decide por nosotros.\n"
    )
    english = "Interviewer: What do you do?\nAnn: We run the rota ourselves now, and we decide it together with the staff.\n"
    write(tmp_path / "C1_W1_interview.txt", spanish)
    write(tmp_path / "C2_W1_interview.txt", english)
    study = qlr.load(tmp_path, progress=False)
    with pytest.warns(qlr.errors.LanguageWarning, match=r"^1 document\(s\) do not read as English .*: C1_W1_interview; 1 of them have no rule coding, 0 have some\. Rule coding"):
        study.apply("coproduction", progress=False)
    assert set(study.codings["doc_id"]) == {"C2_W1_interview"}
    # A French interview that an English indicator codes ("firme de consulting") is named too: codings are no sign of English.
    french = (
        "Interviewer: Comment ça marche?\nIlan: Je travaille dans une firme de consulting. "
        + "Nous avons des réunions avec les clients et on décide ensemble ce qui est important pour le projet. " * 12
    )
    write(tmp_path / "C3_W1_interview.txt", french)
    study = qlr.load(tmp_path, progress=False)
    with pytest.warns(qlr.errors.LanguageWarning, match=r"^2 document\(s\) do not read as English .*: C1_W1_interview, C3_W1_interview; 1 of them have no rule coding, 1 have some"):
        study.apply("coproduction", progress=False)
    assert "C3_W1_interview" in set(study.codings["doc_id"])
