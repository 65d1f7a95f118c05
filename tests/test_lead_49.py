"""The lead's own changes at stop 49: a partly coded case × wave where every code was found is still framed in the
matrix heatmap; one place cuts a list in a message."""

from __future__ import annotations

import warnings

import pandas as pd

import qlr
from qlr._words import first_few
from qlr.evidence import PARTLY_CODED

from .test_review_fixes_47 import _partly_pooled


def test_a_partly_coded_case_wave_with_every_code_found_is_framed(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    both, _ = _partly_pooled(tmp_path)
    # Ben's W2: his coded interview now holds both codes; his diary there was never read for a code.
    codings = both.codings
    extra = codings[(codings["doc_id"] == "Ben_W2_interview").to_numpy()].assign(code_id="peers")
    extra["coding_id"] = extra["coding_id"].astype(str) + "-peers"
    both.codings = pd.concat([codings, extra], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # selecting one case of a pool names its parts again
        ben = both.sel(case="Ben")
    matrix = qlr.track.matrix(ben, codebook="yc")
    assert matrix.partly_coded.values.tolist() == [["Ben", "W2"]]
    w2 = matrix.tidy[matrix.tidy["wave_id"] == "W2"]
    assert w2["value"].tolist() == [1.0, 1.0] and w2["reason"].isna().all()  # nothing says "partly coded" by a reason
    fig = qlr.plot.matrix_heatmap(matrix)
    # Before: no frame and no key, as if his W2 had been read whole.
    assert [p.get_linestyle() for p in fig.axes[1].patches] == ["--", "--"]
    assert "dashed frame: found in a partly coded case × wave's coded documents" in fig._suptitle.get_text()
    assert f"..: {PARTLY_CODED}" not in fig._suptitle.get_text()  # no dotted cell drawn
    # A coded case × wave is not framed: W1 (peers found, decided an absence, 0) draws no patch at all.
    assert list(fig.axes[0].patches) == []
    plt.close(fig)


def test_a_message_cuts_a_list_between_items():
    assert first_few(["a", "b", "c"], shown=3) == "a, b, c"
    assert first_few(["a", "b", "c", "d"], shown=3) == "a, b, c and 1 more"
    assert first_few(iter(["x: 1, 2", "y: 3"]), shown=1, sep="; ") == "x: 1, 2; and 1 more"
    assert first_few([], shown=2) == ""
    assert first_few(range(2000), shown=2) == "0, 1 and 1,998 more"


def _loaded(root):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]


GLOBBED = "name: Event\nwaves: [W1]\ndocuments:\n- {path: 'interviews/*.md', kind: interview}\n"


def test_an_interview_guide_a_pattern_matches_is_no_interview(tmp_path):
    from .conftest import write

    write(tmp_path / "interviews" / "interview questions.md", "# Interview questions\n\n1. How did you hear about the event?\n2. What would you change?\n")
    write(tmp_path / "interviews" / "P01_W1.md", "Interviewer: How did you hear about it?\n\nP01: From a friend.\n")
    write(tmp_path / "interviews" / "P02_W1.md", "Interviewer: How did you hear about it?\n\nP02: On the radio.\n")
    write(tmp_path / "study.yaml", GLOBBED)
    study, said = _loaded(tmp_path)
    # Before: the guide loaded as a third interview, its two questions passages of no speaker role coded as the
    # participant's words, and only a warning that it had no speaker labels.
    assert study.documents["doc_id"].tolist() == ["P01_W1", "P02_W1"]
    assert said == [
        f"{tmp_path / 'study.yaml'}, line 4: the pattern 'interviews/*.md' matches 1 interview guide(s), by name or title,"
        " not loaded as the interviews of the pattern (the study's questions, no one's interview):"
        " interviews/interview questions.md. Fix: to keep it with the study, add under documents:"
        "  - {path: 'interviews/interview questions.md', kind: document}; to leave it out, add"
        "  exclude: ['interviews/interview questions.md']. Loading then says nothing of it"
    ]
    # Done as it says, loading is quiet: the guide kept as the study's document, or left out.
    write(tmp_path / "study.yaml", GLOBBED + "- {path: 'interviews/interview questions.md', kind: document}\n")
    study, said = _loaded(tmp_path)
    assert said == [] and study.documents["kind"].tolist() == ["interview", "interview", "document"]
    write(tmp_path / "study.yaml", GLOBBED + "exclude: ['interviews/interview questions.md']\n")
    study, said = _loaded(tmp_path)
    assert said == [] and len(study.documents) == 2
    # A pattern of documents takes a guide as any document.
    write(tmp_path / "study.yaml", "name: Event\nwaves: [W1]\ndocuments:\n- {path: 'interviews/*.md', kind: document}\n")
    study, said = _loaded(tmp_path)
    assert said == [] and len(study.documents) == 3


# A negation written without its apostrophe, as messages and diaries write it, reads as written with it.
# Before (stop 49's indicators): each dropped spelling's match affirmed, and "We dont get a say" (an indicator that
# wants the negation) found nothing.
APOSTROPHE_DROPPED = {
    "We dont run it ourselves.": {"power.co_leading": "negated"},
    "We didnt plan it together.": {"power.co_designing": "negated"},
    "I dont help out at the cafe.": {"reciprocity.giving_back": "negated"},
    "We didnt co-design the leaflet.": {"power.co_designing": "negated"},
    "We dont get a say.": {"negative.done_to": "affirmed"},  # a barrier: "not … a say" is evidence of it
    "We dont decide together.": {"power.shared_decisions": "negated"},
    "I havent made friends there.": {"peer_networks.networks_widened": "negated", "peer_networks.isolation": "affirmed"},
    "She doesnt help me and I dont help her.": {"reciprocity.two_way": "negated"},
}


def test_a_negation_without_its_apostrophe_is_read_as_with_it():
    from qlr.code._nlp import CodebookMatcher, TokenColumns, pipeline

    nlp = pipeline()
    matcher = CodebookMatcher(nlp, qlr.read_codebook("coproduction"), lemmas_of_lower=True)
    columns = TokenColumns(nlp, lambda chunk: [t.text for t in nlp.tokenizer(chunk)])
    for dropped, expected in APOSTROPHE_DROPPED.items():
        without = {m.code_id: m.assertion for m in matcher.match_tokens(columns.of(dropped))}
        assert without == expected, (dropped, without)
        # Written with the apostrophe: the same, as it was before.
        restored = dropped.replace("nt ", "n't ")
        assert {m.code_id: m.assertion for m in matcher.match_tokens(columns.of(restored))} == expected, restored
    # The Doc path (examples, the context model's training) reads it the same way.
    from qlr.code._assertion import AssertionRules

    assert AssertionRules(nlp).judge(nlp("We dont decide together."), "decide together") == "negated"
    # "NT" standing alone is no negation.
    assert {m.assertion for m in matcher.match_tokens(columns.of("We decide the rota together in the NT office."))} == {"affirmed"}
    # After the review: nor "NT" after a mark, nor "wont" and "cant" as nouns (before: negated); the typographic
    # apostrophe of Word and phones reads as the straight one (before: affirmed).
    rules = AssertionRules(nlp)
    judged = {
        ("Our NSW/NT team decides things together with us.", "decides things together"): "affirmed",
        ("The WA-NT branch decides things together with us.", "decides things together"): "affirmed",
        ("It was his wont to consult us about everything.", "consult us"): "affirmed",
        ("The usual cant about working together with us.", "working together"): "affirmed",
        ("We don\u2019t decide together.", "decide together"): "negated",
        ("They don\u2019t consult us.", "consult us"): "negated",
        ("We wont be consulted.", "consulted"): "negated",
        ("We aint consulted.", "consulted"): "negated",
        # After the second review: "this" or "that" before the auxiliary makes no noun of it.
        ("That wasnt decided together.", "decided together"): "negated",
        ("This doesnt include us in decisions.", "include us in decisions"): "negated",
        ("Our group shant decide together.", "decide together"): "negated",
    }
    assert {key: rules.judge(nlp(key[0]), key[1]) for key in judged} == judged


def test_the_template_names_a_cases_interviews_in_one_wave_cut_between_names(tmp_path):
    from .conftest import write

    for case in ("Ann", "Bob"):
        for place in ("kitchen", "garden", "walk"):
            write(tmp_path / case / f"{place}.txt", f"Interviewer: Tell me about the {place}.\n\n{case}: We sorted it out ourselves.\n")
    # Before the review: a TypeError (first_few given a second positional argument); main said the same as now.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the folder's guesses are said as warnings too
        template = qlr.io.folder_template(tmp_path)
    assert "Ann at W1 (3: Ann/garden.txt, Ann/kitchen.txt and 1 more)" in template


def test_a_typographic_apostrophe_codes_as_the_straight_one(tmp_path):
    from .conftest import write

    said = "I{q}m on the rota for Tuesdays. They{q}re short staffed so you{q}re the experts, she says. We didn{q}t plan it together."
    write(tmp_path / "P01_W1_interview.txt", "Interviewer: Tell me.\n\nP01: " + said.format(q="\u2019") + "\n")
    write(tmp_path / "P02_W1_interview.txt", "Interviewer: Tell me.\n\nP02: " + said.format(q="'") + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # two one-turn transcripts: the study's small size is said
        study = qlr.load(tmp_path, progress=False).apply("coproduction", progress=False)
    codings = study.codings
    found = {
        doc: sorted(zip(rows["start"], rows["end"], rows["code_id"], rows["assertion"]))
        for doc, rows in codings.groupby("doc_id")
    }
    # Before: "I’m on the rota" (typographic, as Word and phones write it) matched nothing, "I'm" giving back.
    assert found["P01_W1_interview"] == found["P02_W1_interview"]
    assert ("reciprocity.giving_back", "affirmed") in {(code, status) for _, _, code, status in found["P01_W1_interview"]}
    assert ("power.co_designing", "negated") in {(code, status) for _, _, code, status in found["P01_W1_interview"]}
    # The passage is the transcript's own text, apostrophe and all.
    text = study.documents.set_index("doc_id")["text"]["P01_W1_interview"]
    first = codings[codings["doc_id"] == "P01_W1_interview"].sort_values("start").iloc[0]
    assert text[first["start"] : first["end"]] == "I\u2019m on the rota for Tuesdays."
