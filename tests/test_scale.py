"""Coding at scale: the pre-filter, worker processes and Dask give the codings the plain engine gives.

The reference is the engine without the pre-filter: every eligible segment (and
the interviewer turn before it) parsed whole by spaCy and matched.  Each test
codes one study both ways and compares every column of every coding.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.code import _rules

ROOT = Path(__file__).resolve().parents[1]


def _codings(study: qlr.Study) -> pd.DataFrame:
    return study.codings.drop(columns=["created"]).sort_values("coding_id").reset_index(drop=True)


def _reference(study: qlr.Study, codebook: qlr.Codebook, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    """Codings of the engine that parses every text whole (no pre-filter), from a cold cache."""
    with monkeypatch.context() as patch:
        patch.setattr(_rules, "text_filter_for", lambda *args, **kwargs: None)
        coded = _apply(study.copy(), codebook)
    return _codings(coded)


def _apply(study: qlr.Study, codebook: qlr.Codebook, **options: object) -> qlr.Study:
    """Coded from a cold start: no matches in memory, none on disk unless ``cache=`` names a folder."""
    _rules.DOC_CACHE.clear()
    options.setdefault("cache", False)
    return study.apply(codebook, progress=False, **options)


def _tokenised(study: qlr.Study) -> float:
    share = json.loads(study.log["detail"].iloc[-1])["tokenised"]
    return float(share.split("%")[0]) / 100


def _detail(study: qlr.Study) -> dict:
    return json.loads(study.log["detail"].iloc[-1])


def _synthetic(tmp_path: Path, words: int) -> qlr.Study:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    return qlr.load(synth.generate(tmp_path / "synthetic", words=words, cases=12, waves=2), progress=False)


def _resampled(words: int) -> qlr.Study:
    """The coding benchmark's study: the sample's answers recomposed sentence by sentence."""
    spec = importlib.util.spec_from_file_location("bench_code", ROOT / "benchmarks" / "bench_code.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.build_study(words)


@pytest.mark.parametrize("name", ["sample", "validation", "dev"])
def test_prefiltered_codings_are_the_plain_engines(name, monkeypatch):
    study = qlr.load(ROOT / "data" / name, progress=False)
    codebook = qlr.read_codebook("coproduction")
    coded = _apply(study.copy(), codebook)
    pd.testing.assert_frame_equal(_codings(coded), _reference(study, codebook, monkeypatch))
    assert 0 < _tokenised(coded) < 1  # some text was never handed to spaCy


def test_prefiltered_codings_are_the_plain_engines_on_synthetic_studies(tmp_path, monkeypatch):
    codebook = qlr.read_codebook("coproduction")
    for study in (_synthetic(tmp_path, 40_000), _resampled(40_000)):
        coded = _apply(study.copy(), codebook)
        assert len(coded.codings) > 50
        pd.testing.assert_frame_equal(_codings(coded), _reference(study, codebook, monkeypatch))


def test_prefilter_follows_the_loaded_codebook(monkeypatch):
    # A phrase no bundled codebook holds, in several forms, beside a trap ("rotas" is no "rot").
    study = qlr.Study(
        "tiny",
        documents=pd.DataFrame({"doc_id": ["d"], "text": ["Weather. We rotated the kettle duty. Then tea! Nobody rots here."]}),
        segments=pd.DataFrame({"seg_id": ["d:0"], "doc_id": ["d"], "position": [0], "start": [0], "end": [66]}),
    )
    codebook = qlr.Codebook.from_yaml(
        "name: Tiny\nthemes: [t]\ncodes:\n"
        "  - {id: t.kettle, parent: t, indicators: [rotate the kettle]}\n"
        "  - {id: t.rot, parent: t, indicators: [{pattern: [{LEMMA: rot}, {LOWER: here}]}]}\n"
    )
    coded = _apply(study.copy(), codebook)
    assert sorted(coded.codings["code_id"]) == ["t.kettle", "t.rot"]
    pd.testing.assert_frame_equal(_codings(coded), _reference(study, codebook, monkeypatch))


def test_a_match_over_a_sentence_end_is_kept(monkeypatch, tmp_path):
    # "Blood. Pressure" : the pattern's first token may be the full stop, so the
    # match starts in one sentence and ends in the next; the filter must keep both.
    text = "It was fine. Work. Pressure from them all week. Nothing else."
    study = qlr.Study(
        "over",
        documents=pd.DataFrame({"doc_id": ["d"], "text": [text]}),
        segments=pd.DataFrame({"seg_id": ["d:0"], "doc_id": ["d"], "position": [0], "start": [0], "end": [len(text)]}),
    )
    codebook = qlr.Codebook.from_yaml(
        "name: Over\nthemes: [t]\ncodes:\n  - {id: t.p, parent: t, indicators: [{pattern: [{LOWER: {NOT_IN: [blood]}}, {LOWER: pressure}]}]}\n"
    )
    coded = _apply(study.copy(), codebook)
    assert len(coded.codings) == 1
    pd.testing.assert_frame_equal(_codings(coded), _reference(study, codebook, monkeypatch))
    # Such a match ends past its sentence's end; the disk cache keeps it all the same.
    _apply(study.copy(), codebook, cache=tmp_path)
    again = _apply(study.copy(), codebook, cache=tmp_path)
    assert _detail(again)["read from the disk cache"] == 1 and _detail(again)["parsed"] == 0
    pd.testing.assert_frame_equal(_codings(again), _codings(coded))


def test_pieces_start_where_sentences_surely_start():
    from qlr.code._nlp import shared_pipeline
    from qlr.code._prefilter import TextFilter

    codebook = qlr.read_codebook("coproduction")
    text_filter = TextFilter(shared_pipeline(None), [(c.id, i) for c in codebook for i in c.indicators])
    # "Dr." is one token, so no sentence starts after it: the piece reaches back past it.
    # The piece ends after the two sentences past the hit that assertion status reads (LATER_SENTENCES).
    text = "Dull start. We met Dr. Smith, it goes both ways now. Later on. Home. Bed."
    pieces = [text[start:end] for start, end in text_filter.pieces(text)]
    assert pieces == ["We met Dr. Smith, it goes both ways now. Later on. Home. "]
    assert text_filter.pieces("Nothing here at all.") == []


def test_worker_processes_give_the_same_codings(sample_study):
    codebook = qlr.read_codebook("coproduction")
    single = _apply(sample_study.copy(), codebook)
    double = _apply(sample_study.copy(), codebook, n_process=2)
    pd.testing.assert_frame_equal(_codings(double), _codings(single))
    assert _tokenised(double) == _tokenised(single)


def test_dask_cluster_gives_the_same_codings(sample_study):
    distributed = pytest.importorskip("dask.distributed")
    codebook = qlr.read_codebook("coproduction")
    single = _apply(sample_study.copy(), codebook)
    # Two workers as threads of this process: process workers take seconds each to start.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            on_dask = _apply(sample_study.copy(), codebook, scheduler=client)
    pd.testing.assert_frame_equal(_codings(on_dask), _codings(single))


def test_scheduler_must_be_a_client(sample_study):
    from qlr.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="not a Dask client"):
        sample_study.copy().apply("coproduction", scheduler="tcp://nowhere:8786")


def test_cli_codes_with_workers(tmp_path, sample_study):
    from qlr.cli import main

    out = tmp_path / "coded.qlr"
    assert main(["code", str(ROOT / "data" / "sample"), "--codebook", "coproduction", "-o", str(out), "--workers", "2", "-q"]) == 0
    single = _apply(sample_study.copy(), qlr.read_codebook("coproduction"))
    pd.testing.assert_frame_equal(_codings(qlr.open(out)), _codings(single))


def test_cli_codes_with_the_users_cache_or_without_it(tmp_path, monkeypatch):
    from qlr.cli import main

    folder = ROOT / "data" / "sample" / "interviews" / "C05_W3_interview.txt"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["code", str(folder), "--codebook", "coproduction", "-o", str(tmp_path / "cold.qlr"), "--no-cache", "-q"]) == 0
    assert not (tmp_path / "cache" / "qlr" / "matches.sqlite").exists()
    assert main(["code", str(folder), "--codebook", "coproduction", "-o", str(tmp_path / "warm.qlr"), "-q"]) == 0
    assert (tmp_path / "cache" / "qlr" / "matches.sqlite").stat().st_size > 0
    pd.testing.assert_frame_equal(_codings(qlr.open(tmp_path / "cold.qlr")), _codings(qlr.open(tmp_path / "warm.qlr")))


#: A pattern whose anchor ("carers") is rarer than any form of its other required word.
_CARERS_VOTE = "{pattern: [{LOWER: carers}, {OP: \"?\"}, {LEMMA: vote}]}"


def _text_filter(*indicators: str):
    """The pre-filter for one code with these indicators (YAML flow items)."""
    from qlr.code._nlp import shared_pipeline
    from qlr.code._prefilter import TextFilter

    codebook = qlr.Codebook.from_yaml(f"name: Filter\nthemes: [t]\ncodes:\n  - {{id: t.c, parent: t, indicators: [{', '.join(indicators)}]}}\n")
    return TextFilter(shared_pipeline(None), [(c.id, i) for c in codebook for i in c.indicators])


def test_prefilter_needs_every_required_token_near_its_anchor():
    text_filter = _text_filter(_CARERS_VOTE)
    # The anchor ("carers", rarer than any form of "vote") is here, but no form of "vote" is near it.
    assert text_filter.pieces("The carers met. Nobody voted. Rain.") == []
    # The wildcard may be a full stop, so the piece reaches back two chunks, to the sentence before "the".
    text = "Dull. It was a long day and the carers voted. Then tea. Home. Bed."
    assert [text[start:end] for start, end in text_filter.pieces(text)] == ["It was a long day and the carers voted. Then tea. Home. "]


def test_prefilter_needs_the_tokens_in_the_indicators_order():
    from qlr.code._nlp import shared_pipeline

    text_filter = _text_filter(_CARERS_VOTE, "run the stall")
    # Every required token is in the sentence, but not in the pattern's order, or too far apart.
    assert text_filter.pieces("Dull. We voted and the carers agreed. Home.") == []
    assert text_filter.pieces("Dull. The carers all went and voted. Home.") == []
    # A phrase's words must be adjacent tokens: "run the stall" is not in "rerun the stalls" nor "run, the stall".
    assert text_filter.pieces("We rerun the stall. Home.") == []
    assert text_filter.pieces("We run, the stall. Home.") == []
    text = "Dull. Then the carers really voted. Home. Tea. Bed."
    assert [text[start:end] for start, end in text_filter.pieces(text)] == ["Then the carers really voted. Home. Tea. "]
    # Two spaces make a white-space token of their own (here the pattern's wildcard): such a text is not checked.
    text = "Dull. The carers  voted. Home."
    assert [text[start:end] for start, end in text_filter.pieces(text)] == ["Dull. The carers  voted. Home."]
    from spacy.matcher import Matcher

    nlp = shared_pipeline(None)
    matcher = Matcher(nlp.vocab)
    matcher.add("vote", [[{"LOWER": "carers"}, {"OP": "?"}, {"LEMMA": "vote"}]])
    assert [nlp(text)[start:end].text for _, start, end in matcher(nlp(text))] == ["carers  voted"]


def test_pieces_name_the_indicators_that_may_match_in_them():
    text_filter = _text_filter(_CARERS_VOTE, "run the stall", "{pattern: [{LEMMA: bake}, {LOWER: some, OP: \"*\"}, {LOWER: cakes}]}")
    text = "Dull. We run the stall. Rain. Sun. Wind. Hail. The carers voted. Home. Then we baked some cakes."
    assert [(text[start:end], candidates) for start, end, candidates in text_filter.pieces_for(text)] == [
        ("We run the stall. Rain. Sun. ", frozenset({1})),
        # Pieces that touch are one, for the indicators of both.
        ("Hail. The carers voted. Home. Then we baked some cakes.", frozenset({0, 2})),
    ]


def test_letters_only_chunks_are_one_token():
    # The pre-filter takes a chunk of letters that is no special case of the tokenizer as one token unasked.
    from qlr.code._nlp import shared_pipeline
    from qlr.code._prefilter import lemma_table

    tokenizer = shared_pipeline(None).tokenizer
    words = sorted(word for word in lemma_table() if word.isalpha() and word not in tokenizer.rules)[::7]
    words += [word.upper() for word in words[::5]] + ["Großvater", "naïve", "Ελλάδα", "ßß"]
    assert [word for word in words if word not in tokenizer.rules and len(tokenizer(word)) != 1] == []


def test_disk_cache_serves_a_later_session(sample_study, tmp_path):
    codebook = qlr.read_codebook("coproduction")
    cold = _apply(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(cold)["read from the disk cache"] == 0 and (tmp_path / "matches.sqlite").exists()
    # A new session: nothing in memory, everything on disk.
    again = _apply(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(again)["parsed"] == 0 and _detail(again)["read from the disk cache"] > 0
    pd.testing.assert_frame_equal(_codings(again), _codings(cold))
    # After an edit only the new indicator is matched, in every text.
    code = codebook["reciprocity.two_way"]
    edited = codebook.with_codes(
        [replace(code, indicators=code.indicators + (qlr.codebook.Indicator(phrase="pull together"),)) if c.id == code.id else c for c in codebook],
        version=codebook.version + "+edit",
    )
    after_edit = _apply(sample_study.copy(), edited, cache=tmp_path)
    pd.testing.assert_frame_equal(_codings(after_edit), _codings(_apply(sample_study.copy(), edited)))
    assert _tokenised(after_edit) < _tokenised(cold) / 5


def _tamper(folder: Path, sql: str) -> None:
    with sqlite3.connect(folder / "matches.sqlite") as db:
        db.execute(sql)


@pytest.mark.parametrize(
    "sql",
    [
        # A match moved, its checksum left as it was.
        "UPDATE texts SET matches = replace(matches, '\"affirmed\"', '\"negated\"')",
        # Checksums recomputed by someone without this user's key.
        "UPDATE texts SET checksum = substr('0123456789abcdef0123456789abcdef', 1, 32)",
        # Not JSON, and a set of indicators that does not match its id.
        "UPDATE texts SET matches = '[[' WHERE rowid % 2 = 0",
        "UPDATE sets SET fingerprints = 'nonsense'",
    ],
)
def test_a_tampered_disk_cache_is_never_trusted(sample_study, tmp_path, sql):
    codebook = qlr.read_codebook("coproduction")
    cold = _apply(sample_study.copy(), codebook, cache=tmp_path)
    _tamper(tmp_path, sql)
    again = _apply(sample_study.copy(), codebook, cache=tmp_path)
    pd.testing.assert_frame_equal(_codings(again), _codings(cold))
    assert _detail(again)["parsed"] > 0  # the bad entries were recomputed
    # ... and written again, good this time.
    third = _apply(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(third)["parsed"] == 0
    pd.testing.assert_frame_equal(_codings(third), _codings(cold))


def test_an_older_qlrs_cache_is_started_again_not_refused_for_ever(sample_study, tmp_path):
    """After an upgrade the user's cache (an older layout) is emptied and used, not skipped on every run."""
    import sqlite3

    from qlr.code._matchcache import _FORMAT, open_store

    open_store(tmp_path)._db.close()
    with sqlite3.connect(tmp_path / "matches.sqlite") as db:
        db.execute("UPDATE meta SET value = 'qlr-matches-2' WHERE key = 'format'")
        db.execute("INSERT INTO texts VALUES ('p', 't', 'd', '[]', 'old')")
    codebook = qlr.read_codebook("coproduction")
    first = _apply(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(first)["parsed"] > 0
    with sqlite3.connect(tmp_path / "matches.sqlite") as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == (_FORMAT,)
        assert db.execute("SELECT count(*) FROM texts WHERE checksum = 'old'").fetchone() == (0,)
    second = _apply(sample_study.copy(), codebook, cache=tmp_path)
    assert _detail(second)["parsed"] == 0  # served from the cache written by the first run
    pd.testing.assert_frame_equal(_codings(second), _codings(first))


def test_a_file_that_is_no_cache_is_left_alone(sample_study, tmp_path):
    (tmp_path / "matches.sqlite").write_bytes(b"not a database at all" * 100)
    coded = _apply(sample_study.copy(), qlr.read_codebook("coproduction"), cache=tmp_path)
    assert len(coded.codings) > 0
    assert (tmp_path / "matches.sqlite").read_bytes() == b"not a database at all" * 100


def test_cache_option_is_checked(sample_study):
    from qlr.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="cache"):
        sample_study.copy().apply("coproduction", cache=3)


def test_default_disk_cache_is_the_users_not_the_studys(monkeypatch, tmp_path):
    from qlr.code._matchcache import default_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "qlr"


#: Texts with white space, punctuation and symbols the pre-filter must read as spaCy does, each holding coproduction hits.
_ODD_TEXTS = [
    "Dull.  We help each other.\n\nIt goes both ways now. Tea.\tBed.",
    "Well—I mean… “we work together,” don't we? It’s a two-way street 🙂. Rain. Sun. Wind.",
    "🙂🙂 emoji👍🏽 here. 3.5 million, 1,000 people; 10am. We co-produce it, e-mail and co-op. Nobody asked us. Home.",
    "\u00a0Non-breaking\u2009thin spaces. We had a say in it.  \r\n Then home. We  had  a  say, spaced. ",
    "U.K. Dr. Smith said we’d ‘really’ shared the work. We’re helping each other out. Isn’t it?",
    "They never asked us what we wanted, they just decided. " + "And then it went on and on " * 400 + "and we worked together.",
    "!!! ??? ... (Pause.) [laughs] Yes. [laughs] We help each other. Σ ΣΑΣ σς. Carers voted. The carers’ vote.",
]


def test_prefilter_keeps_every_match_in_odd_texts(monkeypatch):
    # Double spaces, tabs, new lines, non-breaking spaces, curly quotes, dashes, emoji, numbers and a
    # 3,000-word sentence: coding through the pre-filter's pieces gives the codings of whole-text parsing.
    study = qlr.Study(
        "odd",
        documents=pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(_ODD_TEXTS))], "text": _ODD_TEXTS}),
        segments=pd.DataFrame({
            "seg_id": [f"d{i}:0" for i in range(len(_ODD_TEXTS))], "doc_id": [f"d{i}" for i in range(len(_ODD_TEXTS))],
            "position": [0] * len(_ODD_TEXTS), "start": [0] * len(_ODD_TEXTS), "end": list(map(len, _ODD_TEXTS)),
        }),
    )
    codebook = qlr.read_codebook("coproduction")
    coded = _apply(study.copy(), codebook)
    assert set(coded.codings["doc_id"]) == {f"d{i}" for i in range(len(_ODD_TEXTS))}  # every text holds a coding
    pd.testing.assert_frame_equal(_codings(coded), _reference(study, codebook, monkeypatch))


def test_pieces_of_odd_texts():
    text_filter = _text_filter("work together", "two-way street", "we help each other", _CARERS_VOTE)

    def pieces(text: str) -> list[tuple[str, list[int]]]:
        return [(text[start:end], sorted(candidates)) for start, end, candidates in text_filter.pieces_for(text)]

    # Two spaces and new lines are no certain sentence starts: the piece runs from the text's start, and
    # the second certain start after the hit ("Bed") is past the text's end.
    text = "Dull.  We worked together.\n\nHome. Tea. Bed."
    assert pieces(text) == [(text, [0])]
    # A curly apostrophe splits "It’s" and "We’re"; a capital after ". " opens the piece, the hit's sentence
    # and the next two ("LATER_SENTENCES") are in it; "🙂." ends a sentence as "." does.
    assert pieces("Dull. It’s a two-way street 🙂. Rain. Sun. Wind.") == [("It’s a two-way street 🙂. Rain. Sun. ", [1])]
    assert pieces("Dull. We’re working together. Rain. Sun. Wind.") == [("We’re working together. Rain. Sun. ", [0])]
    # An opening quotation mark is no letter: no certain start before "“We".
    assert pieces("Dull. “We help each other,” she said. Rain. Sun. Wind.") == [("Dull. “We help each other,” she said. Rain. Sun. ", [2])]
    # A digit opens a sentence as a letter does; the curly apostrophe is the pattern's optional token.
    assert pieces("Dull. 12 carers, 3.5 hours: the carers’ vote. Rain. Sun. Wind.") == [("12 carers, 3.5 hours: the carers’ vote. Rain. Sun. ", [3])]
    # The pattern's optional token may be punctuation: the piece reaches two chunks back, past "Dull.".
    assert pieces("Dull. The carers - voted. Sun. Wind.") == [("Dull. The carers - voted. Sun. Wind.", [3])]
    # A hyphen is a token of its own: "work-together" is no "work together"; "co-op" no hit at all.
    assert pieces("Dull. We work-together at the co-op. Sun. Wind.") == []
    # A long sentence: its certain start is the last one before the hit, however far back.
    text = "Dull. We " + "went on and on " * 500 + "and worked together. Home. Tea. Bed."
    assert pieces(text) == [(text[len("Dull. "):text.index("Bed.")], [0])]


def test_alternations_match_the_same_words_as_a_plain_alternation():
    import re

    from qlr.code._prefilter import _alternation

    words = ["help", "helps", "helped", "helping", "he", "h", "'s", "s", "co-op", "co", "a.m.", "£5", "naïve", "…", "ΣΑΣ", "σς"]
    written = re.compile(f"(?:{_alternation(words)}) ")
    plain = re.compile("(?:" + "|".join(map(re.escape, words)) + ") ")
    for word in {*words, *(w[:-1] for w in words), *(w + "s" for w in words), "x", "", "hel", "helpe", "co-", "a.m"}:
        assert (written.fullmatch(word + " ") is None) == (plain.fullmatch(word + " ") is None) == (word not in words)
