"""The learned context model (qlr.code._context): what it reads, where it may speak, its file."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

from qlr.code._assertion import AssertionRules, Rule
from qlr.code._context import CLASSES, MODEL_PATH, ContextModel, bundled_model, context_features
from qlr.code._nlp import pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


@pytest.fixture(scope="module")
def both(nlp):
    """The rules with the context model switched on by a model row (as a codebook does), and alone."""
    alone = AssertionRules(nlp)
    return alone.extended([Rule("model", "other", "", "context")]), alone


# Written for this test (not in any training or held-out text): (text, words, with the model, rules alone).
HEARD = [
    # Someone else's, with no cue the rules list: the model hears it.
    (
        "Dilys is on the board at her allotments, they vote on everything.",
        "vote",
        "other",
        "affirmed",
    ),
    (
        "A fella from my street, he goes to a place in Hull where they pay you in vouchers for helping out.",
        "helping out",
        "other",
        "affirmed",
    ),
    # The speaker in the match's clause keeps it theirs, whatever the model says.
    ("Dilys helps me run the tuck shop.", "run the tuck shop", "affirmed", "affirmed"),
    ("My neighbour got me onto the committee and now we vote on everything.", "vote", "affirmed", "affirmed"),
    ("Our group runs the Friday quiz.", "runs the friday quiz", "affirmed", "affirmed"),
    # Without one person named before the match (a name, he or she, "my mum"), "they" and groups
    # are left to the rules: staff consulting the speaker are the speaker's experience.
    ("They ask us what we want every month and they listen.", "ask us what we want", "affirmed", "affirmed"),
    ("At the Fenton centre the parents plan the trips themselves.", "plan the trips", "affirmed", "affirmed"),
    # The model says "historical" only when a row asks: wave after wave, people tell the weeks since in the past tense.
    # (This was "…, that's all gone.", which the rules have read as historical since "gone" ends a past clause.)
    ("Back in the old hall we picked the films ourselves.", "picked the films", "affirmed", "affirmed"),
    ("And they listened, for once.", "they listened", "affirmed", "affirmed"),
    # What the rules already decide stands: the model reads only what they leave affirmed.
    ("My neighbour says they never plan it together.", "plan it together", "other", "other"),
    ("In an ideal world we'd run the rota ourselves.", "run the rota", "hypothetical", "hypothetical"),
    # Since the rules read "they" taking up someone named before, and a sentence opened by another place.
    ("My brother-in-law is on the board at his allotments, they vote on everything.", "vote", "other", "other"),
    ("Over in Fenton the parents plan the trips themselves.", "plan the trips", "other", "other"),
    (
        "Back in the old hall we picked the films ourselves, that's all gone.",
        "picked the films",
        "historical",
        "historical",
    ),
]


@pytest.mark.parametrize(("text", "words", "with_model", "rules_alone"), HEARD)
def test_the_model_speaks_only_where_the_rules_leave_a_match_affirmed(
    nlp, both, text, words, with_model, rules_alone
):
    rules, alone = both
    doc = nlp(text)
    assert (rules.judge(doc, words), alone.judge(doc, words)) == (with_model, rules_alone)


def test_a_model_row_switches_the_model_on_and_names_its_file(nlp, tmp_path):
    from qlr.errors import CodingError

    alone = AssertionRules(nlp)
    assert alone.model is None and AssertionRules(nlp, model=False).model is None
    bundled = alone.extended([Rule("model", "other", "", "context")])
    assert bundled.model is bundled_model() and bundled.fingerprint != alone.fingerprint
    assert bundled.extended([]).model is bundled.model and bundled.without_model().model is None
    # A researcher's own model file, here one that never speaks (no probability reaches 1.1).
    own = ContextModel({}, (0.0, 5.0, 0.0), {"other": 1.1}, "never sure").write(tmp_path / "mine.tsv")
    mine = alone.extended([Rule("model", "other", "", str(own))])
    doc = nlp("Dilys is on the board at her allotments, they vote on everything.")
    assert (bundled.judge(doc, "vote"), mine.judge(doc, "vote")) == ("other", "affirmed")
    assert mine.fingerprint not in (alone.fingerprint, bundled.fingerprint)
    with pytest.raises(CodingError, match="names 'context'"):
        alone.extended([Rule("model", "other", "", "contextual")])
    with pytest.raises(CodingError, match="'other' or 'historical', not 'negated'"):
        alone.extended([Rule("model", "negated", "", "context")])
    with pytest.raises(CodingError, match="does not exist"):
        alone.extended([Rule("model", "other", "", str(tmp_path / "missing.tsv"))])


def test_a_historical_model_row_lets_the_model_say_the_speakers_past(nlp):
    """The bundled model has a threshold for the speaker's past; only a ``category: historical`` row lets it say it."""
    alone = AssertionRules(nlp)
    other = alone.extended([Rule("model", "other", "", "context")])
    past = other.extended([Rule("model", "historical", "", "context")])
    only_past = alone.extended([Rule("model", "historical", "", "context")])
    assert set(bundled_model().thresholds) == {"other", "historical"}
    assert len({r.fingerprint for r in (alone, other, past, only_past)}) == 4  # cached matches are judged again

    def verdicts(text: str, words: str) -> tuple[str, ...]:
        doc = nlp(text)
        return tuple(rules.judge(doc, words) for rules in (alone, other, past, only_past))

    # A past the rules do not see: no cue they list, a past form in the clause.
    assert verdicts("In the first year we ran the cafe ourselves and it was brilliant.", "ran the cafe") == (
        "affirmed",
        "affirmed",
        "historical",
        "historical",
    )
    # What the row costs: this wave's news told in the past tense is taken for the past too.
    assert verdicts("And they listened, for once.", "they listened") == ("affirmed", "affirmed", "historical", "historical")
    # Someone else's is said only with the "other" row.
    assert verdicts("Dilys is on the board at her allotments, they vote on everything.", "vote") == (
        "affirmed",
        "other",
        "other",
        "affirmed",
    )
    # The present stays the speaker's: "now" in the clause keeps the model's "historical" out.
    assert verdicts("We run the cafe ourselves now and it is brilliant.", "run the cafe") == ("affirmed",) * 4


def test_a_model_says_only_the_classes_it_is_allowed():
    model = ContextModel({"x": (0.0, 0.0, 3.0)}, (0.0, 0.0, 0.0), {"other": 0.5, "historical": 0.5})
    assert model.category(["x"]) == "historical"
    assert model.category(["x"], speaks={"other"}) is None  # historical is likeliest, but not allowed
    assert model.category(["x"], speaks=frozenset()) is None


def test_a_codebook_switches_the_model_on_for_study_apply(tmp_path):
    import qlr
    from qlr.codebook import Codebook

    from .conftest import write

    book = """\
name: Boards
id: boards
version: "1"
themes: [t]
codes:
  - id: t.vote
    parent: t
    indicators: [vote on everything]
"""
    text = "Interviewer: Anything else?\nAsha: Dilys is on the board at her allotments, they vote on everything.\n"
    path = write(tmp_path / "C1_W1_interview.txt", text)
    plain = qlr.load(path, progress=False).apply(Codebook.from_yaml(book), progress=False, cache=False)
    with_model = Codebook.from_yaml(
        book + "assertion:\n  - {kind: model, category: other, phrase: context}\n"
    )
    heard = qlr.load(path, progress=False).apply(with_model, progress=False, cache=False)
    assert plain.codings["assertion"].tolist() == ["affirmed"]
    assert heard.codings["assertion"].tolist() == ["other"]


def test_features_name_the_words_around_the_match_and_who_is_there(nlp, both):
    rules, _ = both
    doc = nlp("My sister says they run the rota themselves. Not us.")
    lowers = [t.lower for t in doc]
    features = context_features(rules, lowers, (0, 9), (4, 7), next_sentence=lowers[9:])
    assert {
        "b=my",
        "b=sister",
        "b=says",
        "b=they",
        "bb=sister says",
        "a=themselves",
        "clause=my",
        "open=my",
    } <= set(features)
    assert {"n=not", "n=us", "speaker_before", "third_before"} <= set(features)
    assert "speaker_absent" not in features and "past" not in features
    alone = context_features(rules, [t.lower for t in nlp("They ran the rota.")], (0, 5), (1, 4))
    assert {"speaker_absent", "past", "clause=they", "open=they"} <= set(alone)


def test_probabilities_are_the_softmax_of_the_summed_weights():
    model = ContextModel(
        {"x": (0.0, 2.0, 0.0), "y": (1.0, 0.0, 0.0)},
        (0.0, 0.0, math.log(2)),
        {"other": 0.5, "historical": 0.5},
    )
    # scores: affirmed 1, other 2, historical log 2 -> e, e^2, 2 over their sum
    total = math.e + math.e**2 + 2
    found = model.probabilities(["x", "y", "x", "unknown"])
    assert found == pytest.approx(
        {"affirmed": math.e / total, "other": math.e**2 / total, "historical": 2 / total}
    )
    assert model.category(["x", "y"]) == "other"  # 0.64 >= 0.5
    assert model.category(["y"]) is None  # affirmed is the likeliest: the rules stand
    strict = ContextModel(model.weights, model.bias, {"other": 0.9})
    assert strict.category(["x", "y"]) is None


def test_a_model_file_round_trips_and_a_bad_one_is_refused(tmp_path):
    from qlr.errors import CodingError

    model = ContextModel(
        {"b=she": (-0.5, 1.25, 0.0)},
        (0.1, -0.2, 0.3),
        {"other": 0.6, "historical": 0.7},
        "made in a test\nsecond line",
    )
    path = model.write(tmp_path / "model.tsv")
    again = ContextModel.read(path)
    assert again == model and again.fingerprint == model.fingerprint and again.source == model.source
    text = path.read_text(encoding="utf-8")
    (tmp_path / "bad.tsv").write_text(text.replace("-0.5", "lots"), encoding="utf-8")
    with pytest.raises(CodingError, match=r"bad\.tsv.*line \d+: a weight is not a number"):
        ContextModel.read(tmp_path / "bad.tsv")
    (tmp_path / "cols.tsv").write_text("feature\tyes\tno\n", encoding="utf-8")
    with pytest.raises(CodingError, match="columns are feature, affirmed, other, historical"):
        ContextModel.read(tmp_path / "cols.tsv")


def test_the_bundled_model_is_what_the_training_script_makes(tmp_path):
    """docs/context_model.py rebuilds qlr/code/context_model.tsv exactly, from tuning data only."""
    spec = importlib.util.spec_from_file_location("context_model_script", ROOT / "docs" / "context_model.py")
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script
    spec.loader.exec_module(script)
    texts = script.training_texts()
    assert set(texts["label"]) == set(CLASSES)
    # Never a held-out row: corpus ids are even, development cases are tuning cases.
    corpus = texts[texts["group"].str.startswith("corpus")]
    assert corpus["group"].str.extract(r"(\d+)$")[0].astype(int).mod(2).eq(0).all()
    assert not texts["group"].isin(["dev3:R04", "dev4:L02", "dev4:L04", "dev5:M02", "dev5:M04"]).any()
    from qlr.code._context import train_context_model

    model, report = train_context_model(texts, speaks=("other", "historical"))
    assert report["C"] in (0.1, 0.3, 1.0, 3.0, 10.0) and 0.5 <= report["threshold"] < 1
    assert report["cv: affirmed discounted"] <= 0.03 * report["cv: affirmed left affirmed by the rules"]
    for name, alone in report["cv: each class alone"].items():  # each threshold found alone, each within 3 %
        assert 0.5 <= alone["threshold"] < 1 and alone["threshold"] == pytest.approx(model.thresholds[name])
        assert alone["affirmed discounted"] <= 0.03 * report["cv: affirmed left affirmed by the rules"]
        assert 0 < alone["rule-affirmed caught"] <= alone["rule-affirmed"]
    bundled = ContextModel.read(MODEL_PATH)
    # The file keeps six significant digits; another BLAS may differ in the last of them.
    assert set(model.weights) == set(bundled.weights)
    assert max(abs(a - b) for f in model.weights for a, b in zip(model.weights[f], bundled.weights[f])) < 1e-3
    assert model.bias == pytest.approx(bundled.bias, abs=1e-3)
    assert set(model.thresholds) == set(bundled.thresholds) == {"other", "historical"}
    assert model.thresholds == pytest.approx(bundled.thresholds, abs=1e-3)


def test_white_space_tokens_make_no_feature_and_every_name_reads_back_as_its_key(nlp, both):
    from qlr.code._context import context_keys, feature_key

    rules, _ = both
    for text in ("My sister said\n\nthey run the rota.", "\n\nMy sister  runs the rota."):
        doc = nlp(text)
        lowers = [t.lower for t in doc]
        at = next(t.i for t in doc if t.lower_ in ("run", "runs"))
        names = context_features(rules, lowers, (0, len(doc)), (at, at + 2))
        assert not any(ch.isspace() for name in names for ch in name.partition("=")[2].replace(" ", "")), (
            names
        )
        assert not any("  " in name or name.endswith(" ") for name in names), names
        keys = context_keys(rules, lowers, (0, len(doc)), (at, at + 2))
        assert [feature_key(name, nlp.vocab.strings) for name in names] == keys


def test_a_replaced_model_scores_with_its_own_weights(nlp):
    from dataclasses import replace

    from qlr.code._context import feature_key

    strings = nlp.vocab.strings
    first = ContextModel({"b=sister": (0.0, 5.0, 0.0)}, (0.0, 0.0, 0.0), {"other": 0.5})
    key = [feature_key("b=sister", strings)]
    assert first.category(key, strings=strings) == "other"
    second = replace(first, weights={"b=sister": (5.0, 0.0, 0.0)})
    assert second.category(key, strings=strings) is None
    assert first.category(key, strings=strings) == "other"


def test_a_model_file_from_a_spreadsheet_reads_and_a_broken_one_says_where(tmp_path):
    from qlr.errors import CodingError

    model = ContextModel({"b=she": (-0.5, 1.25, 0.0)}, (0.1, -0.2, 0.3), {"other": 0.6})
    text = model.write(tmp_path / "m.tsv").read_text(encoding="utf-8")
    windows = tmp_path / "windows.tsv"
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert ContextModel.read(windows) == model
    for name, broken, message in (
        ("inf.tsv", text.replace("1.25", "inf"), "finite numbers"),
        ("twice.tsv", text + "b=she\t0\t0\t0\n", "listed twice"),
        ("empty.tsv", text.replace("1.25", ""), "every cell filled"),
    ):
        (tmp_path / name).write_text(broken, encoding="utf-8")
        with pytest.raises(CodingError, match=rf"{name}.*line \d+: .*{message}"):
            ContextModel.read(tmp_path / name)
