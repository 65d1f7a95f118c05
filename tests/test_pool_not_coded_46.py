"""The same people pooled (``cases="shared"``): "not coded" per case and per part study (stop 46).

A researcher coded Ann's and Ben's first two waves by hand (a codebook of her own, no rules), then loaded waves 3 and
4 as plain transcripts and pooled them with ``--same-cases``. Her codebook read the new waves as "nothing found":
Ann's codes "ceased", the report said nothing. Here every study is written by the test.

The pool, and what her codebook ``yc`` must read at each case × wave (hand-worked):

====  =======================  =======================  ==============  ==============
case  W1 (study A, hand-coded)  W2 (study A)             W3 (study B)    W4 (study B)
====  =======================  =======================  ==============  ==============
Ann   present: decided 1       absent (coded, nothing)  not coded       not coded
Ben   present: peers 1         present: decided 1       not coded       dropped out
Cat   not yet joined           not yet joined           not coded       dropped out
====  =======================  =======================  ==============  ==============

Cat is only in study B: every wave of hers is not coded, so she is a case ``not_coded_cases`` names.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

import qlr
from qlr.errors import PoolingWarning
from qlr.evidence import NOT_CODED, not_coded_cases, not_coded_documents, not_coded_waves

HAND = """\
name: Young carers
id: yc
version: 1.0.0
codes:
  - {id: decided, name: Decided for me, definition: Others decide.}
  - {id: peers, name: Others get it, definition: Peers understand.}
"""

#: (person, wave) → (what they said, the code she gave it or None): study A.
CODED = {
    ("Ann", "W1"): ("They plan it all and we turn up.", "decided"),
    ("Ann", "W2"): ("We had cake at the group this time.", None),
    ("Ben", "W1"): ("The lads there get it.", "peers"),
    ("Ben", "W2"): ("Staff decided the trip for us.", "decided"),
}
#: study B, plain transcripts: Ben not seen at W4, Cat new at W3.
PLAIN = {
    ("Ann", "W3"): "We plan the group ourselves now and the staff just open up.",
    ("Ann", "W4"): "I run the sessions with two others.",
    ("Ben", "W3"): "Nobody decides for us any more, we vote on it.",
    ("Cat", "W3"): "I only joined this year, the others got me in.",
}

EXPECTED = {
    ("Ann", "W1"): 1.0,
    ("Ann", "W2"): 0.0,
    ("Ann", "W3"): NOT_CODED,
    ("Ann", "W4"): NOT_CODED,
    ("Ben", "W1"): 1.0,
    ("Ben", "W2"): 1.0,
    ("Ben", "W3"): NOT_CODED,
    ("Ben", "W4"): "dropped out",
    ("Cat", "W1"): "not yet joined",
    ("Cat", "W2"): "not yet joined",
    ("Cat", "W3"): NOT_CODED,
    ("Cat", "W4"): "dropped out",
}


def _write(folder, name, turns, waves):
    folder.mkdir()
    people = sorted({person for person, _ in turns})
    (folder / "study.yaml").write_text(
        f"name: {name}\ncases:\n" + "".join(f"  - {{id: {p}, role: participant}}\n" for p in people)
        + "waves:\n" + "".join(f"  - {{id: {w}}}\n" for w in waves) + 'documents:\n  - "*.txt"\n',
        encoding="utf-8",
    )
    for (person, wave), said in turns.items():
        text = said[0] if isinstance(said, tuple) else said
        (folder / f"{person}_{wave}_interview.txt").write_text(f"INT: How is the group?\n{person}: {text}\n", encoding="utf-8")


def _hand_coded(tmp_path):
    book = tmp_path / "yc.yaml"
    book.write_text(HAND, encoding="utf-8")
    _write(tmp_path / "a", "A", CODED, ["W1", "W2"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "a")
    study.codebooks = {"yc": qlr.read_codebook(book)}
    for (person, wave), (text, code) in CODED.items():
        if code:
            doc = f"{person}_{wave}_interview"
            start = study.documents.set_index("doc_id").loc[doc, "text"].index(text)
            study.code(doc, start, start + len(text), code, coder="lena")
    return study


def _plain(tmp_path):
    _write(tmp_path / "b", "B", PLAIN, ["W3", "W4"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(tmp_path / "b")


def _pooled(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both = qlr.concat([_hand_coded(tmp_path), _plain(tmp_path)], cases="shared", waves="id")
    return both, [str(w.message) for w in caught if issubclass(w.category, PoolingWarning)]


def _cells(matrix):
    """Each case × wave's value (the sum over codes) or its reason."""
    tidy = matrix.tidy
    out = {}
    for (case, wave), rows in tidy.groupby(["case_id", "wave_id"], sort=False):
        reason = rows["reason"].dropna()
        out[(case, wave)] = reason.iloc[0] if len(reason) else float(rows["value"].sum())
    return out


def test_the_hand_codebook_is_not_coded_at_the_waves_plain_transcripts_brought(tmp_path):
    both, said = _pooled(tmp_path)
    yc = both.codebooks["yc"]
    # Before: not_coded_cases gave frozenset() and nothing else said it; W3/W4 read as "nothing found".
    assert not_coded_documents(both, yc) == {"Ann_W3_interview", "Ann_W4_interview", "Ben_W3_interview", "Cat_W3_interview"}
    assert not_coded_waves(both, yc).values.tolist() == [["Ann", "W3", "B"], ["Ann", "W4", "B"], ["Ben", "W3", "B"], ["Cat", "W3", "B"]]
    assert not_coded_cases(both, yc) == {"Cat"}
    assert _cells(qlr.track.matrix(both, codebook="yc")) == EXPECTED
    # The pooling warning says what the analyses now do.
    assert [m for m in said if "codebook 'yc' coded 'A' (3 codings) but not 'B' (4 documents): the case × waves their documents alone bring are 'not coded'" in m]


def test_change_reads_each_case_over_its_coded_waves_only(tmp_path):
    both, _ = _pooled(tmp_path)
    changes = qlr.track.change(both, codebook="yc", granularity="code").set_index(["case_id", "code_id"])
    # Ann: decided 1 → 0 over W1–W2 ("ceases" is what she coded), not a fall to 0 at W3/W4 she never coded.
    # Before: her W3 and W4 were zeros, and Ben's "decided" 0 → 1 → 0 read "idiosyncratic".
    assert changes.loc[("Ann", "decided"), "category"] == "ceases"
    assert changes.loc[("Ann", "decided"), "missing_waves"] == "W3 (not coded), W4 (not coded)"
    assert changes.loc[("Ben", "decided"), "category"] == "emerges"
    assert changes.loc[("Ben", "peers"), "category"] == "ceases"
    assert changes.loc[("Ben", "decided"), "missing_waves"] == "W3 (not coded), W4 (dropped out)"
    assert set(changes.loc["Cat", "category"]) == {NOT_CODED}
    assert changes[["W3", "W4"]].isna().all().all()


def test_the_portrait_and_the_sequences_say_not_coded_at_those_waves(tmp_path):
    both, _ = _pooled(tmp_path)
    ann = qlr.track.portrait(both, "Ann", codebook="yc").markdown
    assert "- **W2**: nothing coded" in ann  # coded, nothing found: an absence
    assert "- **W3**: not coded (study 'B', which brought this wave, was never coded with 'yc')" in ann
    assert "- **W4**: not coded (study 'B', which brought this wave, was never coded with 'yc')" in ann
    cat = qlr.track.portrait(both, "Cat", codebook="yc").markdown
    assert "- **W3**: not coded (its study was never coded with 'yc')" in cat
    # A time-ordered display lists the not coded waves as such, not as waves with no codings.
    table = qlr.track.time_ordered_matrix(both, codebook="yc").table
    gaps = table[table["n_codings"].astype(str) == NOT_CODED]
    assert sorted(zip(gaps["case_id"], gaps["wave_id"])) == [("Ann", "W3"), ("Ann", "W4"), ("Ben", "W3"), ("Cat", "W3")]


def test_by_study_a_cell_only_uncoded_documents_make_is_not_coded_not_zero(tmp_path):
    both, _ = _pooled(tmp_path)
    tidy = qlr.track.matrix(both, codebook="yc", by="study").tidy
    cells = tidy.drop_duplicates(["case_id", "study"]).set_index(["case_id", "study"])
    # A shared case's row is the first study's ('A'), so Ann's and Ben's documents are grouped there; Cat's are B's only.
    assert sorted(cells.index) == [("Ann", "A"), ("Ben", "A"), ("Cat", "B")]
    assert cells["reason"].fillna("").to_dict() == {("Ann", "A"): "", ("Ben", "A"): "", ("Cat", "B"): NOT_CODED}
    assert tidy.groupby("case_id")["value"].sum(min_count=1).fillna(-1).to_dict() == {"Ann": 1.0, "Ben": 2.0, "Cat": -1}


def test_rules_applied_after_pooling_code_every_wave(tmp_path):
    both, _ = _pooled(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both.apply("coproduction", progress=False)
    rules = both.codebooks["coproduction"]
    assert not_coded_documents(both, rules) == frozenset() and not_coded_waves(both, rules).empty
    assert NOT_CODED not in set(qlr.track.matrix(both, codebook="coproduction").tidy["reason"].dropna())
    # Her own codebook is still not coded at W3/W4: applying another codebook codes nothing of hers.
    assert len(not_coded_waves(both, both.codebooks["yc"])) == 4


def test_a_codebook_applied_to_the_new_wave_before_pooling_codes_that_wave_only(tmp_path):
    # The rules coded study B before pooling, study A never: A's waves are not coded, B's are coded (absences there).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = qlr.concat([_hand_coded(tmp_path), _plain(tmp_path).apply("coproduction", progress=False)], cases="shared", waves="id")
    rules = both.codebooks["coproduction"]
    assert not_coded_waves(both, rules)[["case_id", "wave_id"]].values.tolist() == [["Ann", "W1"], ["Ann", "W2"], ["Ben", "W1"], ["Ben", "W2"]]
    assert not_coded_cases(both, rules) == frozenset()  # every case has a coded wave
    placed = qlr.track.ladder(both, codebook="coproduction", by=("case", "wave")).table
    uncoded = placed[placed["reason"].eq(NOT_CODED).fillna(False)]
    assert sorted(set(zip(uncoded["case_id"], uncoded["wave_id"]))) == [("Ann", "W1"), ("Ann", "W2"), ("Ben", "W1"), ("Ben", "W2")]
    assert set(uncoded["status"]) == {"missing"}
    assert not placed[placed["wave_id"].isin(["W3", "W4"])]["reason"].eq(NOT_CODED).fillna(False).any()


def test_on_the_command_line_pool_then_report(tmp_path, capsys):
    from qlr.cli import main

    study = _hand_coded(tmp_path)
    study.save(tmp_path / "a.qlr")
    _write(tmp_path / "b", "B", PLAIN, ["W3", "W4"])
    assert main(["pool", str(tmp_path / "a.qlr"), str(tmp_path / "b"), "--same-cases", "--waves", "id", "-o", str(tmp_path / "all.qlr")]) == 0
    out = capsys.readouterr()
    assert "'not coded'" in out.err
    assert main(["report", str(tmp_path / "all.qlr"), "--codebook", "yc", "-q", "-o", str(tmp_path / "report")]) == 0
    err = re.sub(r"\s+", " ", capsys.readouterr().err)
    said = "1 case of 3 (study 'B') was never coded with codebook 'yc'; study 'B' brought 3 case × waves (2 cases at W3, W4) never coded with codebook 'yc'"
    assert said in err and "its codes have no rules, so code those documents by hand" in err
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert said in re.sub(r"\s+", " ", index.replace("&#x27;", "'").replace("&times;", "×"))
    # The report's tables: the matrix and the change table give W3/W4 as not coded, as in Python.
    codes = pd.read_csv(tmp_path / "report" / "tables" / "matrix_codes.csv")
    reasons = codes.drop_duplicates(["case_id", "wave_id"]).set_index(["case_id", "wave_id"])["reason"].fillna("")
    assert {key: reason for key, reason in reasons.items() if reason} == {key: value for key, value in EXPECTED.items() if isinstance(value, str)}
    change = pd.read_csv(tmp_path / "report" / "tables" / "change.csv").set_index(["case_id", "theme"])
    assert change.loc[("Ann", "decided"), "category"] == "ceases" and change.loc[("Cat", "decided"), "category"] == NOT_CODED


def _without_rule_codings(study, waves):
    """``study`` with the rule codings at ``waves`` taken out: the rules read those documents and found nothing."""
    found = study.codings["codebook"].eq("coproduction") & study.codings["doc_id"].str.contains("|".join(f"_{w}_" for w in waves))
    study.codings = study.codings[~found].reset_index(drop=True)
    return study


def test_a_pooled_study_pooled_again_keeps_what_was_coded_in_it(tmp_path):
    # The rules applied to the pooled A+B, found nothing at B's waves: coded there. Pooled again with the same
    # people's W5 transcripts, only W5 is not coded. Before: B's W3/W4 read "not coded" too, the log entry naming
    # the pooled study ('pooled: A, B'), which no document's study column reads.
    both, _ = _pooled(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both.apply("coproduction", progress=False)
    _without_rule_codings(both, ["W3", "W4"])
    _write(tmp_path / "c", "C", {("Ann", "W5"): "We still run it.", ("Ben", "W5"): "I came back for the trip."}, ["W5"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = qlr.concat([both, qlr.load(tmp_path / "c")], cases="shared", waves="id")
    rules = again.codebooks["coproduction"]
    assert not_coded_waves(again, rules)[["case_id", "wave_id"]].values.tolist() == [["Ann", "W5"], ["Ben", "W5"]]


def test_a_part_coded_before_the_first_pooling_stays_coded_when_pooled_again(tmp_path):
    # B coded by the rules before pooling (nothing found); A never. Pooled again with W5: A's waves and W5 not coded,
    # B's coded. Before: B's entry was renamed 'pooled: A, B:B' and its waves read "not coded".
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = _without_rule_codings(_plain(tmp_path).apply("coproduction", progress=False), ["W3", "W4"])
        both = qlr.concat([_hand_coded(tmp_path), plain], cases="shared", waves="id")
        _write(tmp_path / "c", "C", {("Ann", "W5"): "We still run it."}, ["W5"])
        again = qlr.concat([both, qlr.load(tmp_path / "c")], cases="shared", waves="id")
    rules = again.codebooks["coproduction"]
    assert not_coded_waves(again, rules)[["case_id", "wave_id"]].values.tolist() == [
        ["Ann", "W1"], ["Ann", "W2"], ["Ann", "W5"], ["Ben", "W1"], ["Ben", "W2"],
    ]
