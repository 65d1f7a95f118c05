"""A second engineer's check of MAXQDA's intercoder agreement (stop 59): what a researcher's own data broke.

Every figure is worked by hand from :func:`tests.test_maxqda_agreement_59.two_coders`, or from a brute-force loop over
the segments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import QlrError, RowsRefusedWarning

from .test_maxqda_agreement_59 import counts, maxqda, two_coders


@pytest.mark.parametrize(("criterion", "said", "figures"), [("existence", "code existence in each document", "3 1 4"), ("frequency", "code frequency in each document", "2 2 4")])
def test_qlr_agreement_prints_the_document_levels(tmp_path, capsys, criterion, said, figures):
    # Before: the line under the table formatted min_overlap (None at these levels) and the command ended in a traceback.
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion])
    out = capsys.readouterr().out
    assert f"MAXQDA's intercoder agreement, {said}: 2 documents both coded" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall")).split()
    assert " ".join(overall[1:4]) == figures  # agreements, disagreements, total: existence 3 of 4, frequency 2 of 4
    target = tmp_path / f"{criterion}.csv"
    main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion, "-o", str(target)])
    assert pd.read_csv(target).set_index("code_id").loc["overall", ["agreements", "disagreements", "total"]].tolist() == [int(n) for n in figures.split()]


def _by_loop(spans: list[tuple[str, int, int, str, str]], min_overlap: float) -> dict[str, tuple[int, int]]:
    """Segment level worked out the slow way: each coder's spans of a code in a document merged where they share a
    character, then every segment against every segment of the other coder."""
    merged: dict[tuple[str, str, str], list[list[int]]] = {}
    for doc, start, end, code, coder in sorted(spans, key=lambda s: (s[0], s[3], s[4], s[1], s[2])):
        runs = merged.setdefault((doc, code, coder), [])
        if runs and start < runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    tally: dict[str, list[int]] = {}
    for (doc, code, coder), runs in merged.items():
        other = merged.get((doc, code, "b" if coder == "a" else "a"), [])
        for start, end in runs:
            best = max((max(0, min(end, e) - max(start, s)) / (max(end, e) - min(start, s)) for s, e in other), default=0.0)
            tally.setdefault(code, [0, 0])[0 if best >= min_overlap - 1e-9 else 1] += 1
    result = {code: (a, d) for code, (a, d) in sorted(tally.items())}
    result["overall"] = (sum(a for a, _ in result.values()), sum(d for _, d in result.values()))
    return result


def _random_study(seed: int, n: int) -> tuple[qlr.Study, list[tuple[str, int, int, str, str]]]:
    rng = np.random.default_rng(seed)
    spans = []
    for _ in range(n):
        start = int(rng.integers(0, 950))
        spans.append((f"d{rng.integers(0, 3)}", start, start + int(rng.integers(1, 50)), f"c{rng.integers(0, 3)}", str(rng.choice(["a", "b"]))))
        if rng.random() < 0.5:  # the other coder near it: the same span, a few characters off, or adjacent
            other = "b" if spans[-1][4] == "a" else "a"
            shift = int(rng.choice([0, 0, 1, 3, -2, spans[-1][2] - spans[-1][1]]))
            spans.append((spans[-1][0], max(0, spans[-1][1] + shift), spans[-1][2] + shift, spans[-1][3], other))
    study = two_coders()
    docs = pd.DataFrame([{"doc_id": f"d{i}", "case_id": "c0", "wave_id": "W1", "kind": "interview", "text": "z" * 1000} for i in range(3)])
    study = qlr.Study("random", cases=study.cases.iloc[:1], waves=study.waves, documents=docs,
                      segments=pd.DataFrame([{"seg_id": f"d{i}:0000", "doc_id": f"d{i}", "position": 0, "start": 0, "end": 1000, "speaker_role": "participant"} for i in range(3)]),
                      codings=pd.DataFrame([{"coding_id": f"k{i}", "doc_id": d, "start": s, "end": e, "seg_id": None, "code_id": c, "coder": who, "origin": "import", "status": "accepted"}
                                            for i, (d, s, e, c, who) in enumerate(spans)]))
    return study, spans


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("min_overlap", [0.5, 0.9, 1.0])
def test_segment_level_is_the_brute_force_count(seed, min_overlap):
    # Guards the pairing by sorted search that replaced every-segment-against-every-segment (memory grew as the
    # square of one code's segments in a document: 3.9 GB at 6,000 each): the counts must be the loop's.
    study, spans = _random_study(seed, 300)
    documents = {d for d in {s[0] for s in spans} if {s[4] for s in spans if s[0] == d} == {"a", "b"}}
    got = {code: (agree, differ) for code, (agree, differ, _) in counts(maxqda(study, "overlap", min_overlap=min_overlap)).items()}
    assert got == _by_loop([s for s in spans if s[0] in documents], min_overlap)


def test_documents_one_coder_coded_are_said_but_are_not_data_left_out(tmp_path, capsys):
    # Coders who split the documents and double-code some is the usual design: MAXQDA compares the documents both
    # coded, as agreement() without maxqda= does (a document one coder never read is missing, not 'no').  The codings
    # elsewhere are said in a warning, but are no rows refused: before, exit status 3 ("data was left out").
    with pytest.warns(qlr.errors.QlrWarning, match=r"1 coding\(s\) \(1 by a\) lie in 1 document\(s\) only one of a and b coded \(d3\)") as said:
        table = qlr.code.agreement(two_coders(), coders=["a", "b"], maxqda="overlap")
    assert not any(issubclass(w.category, RowsRefusedWarning) for w in said)
    assert counts(table)["overall"] == (8, 4, 12)
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "overlap"]) == 0
    assert "only one of a and b coded (d3)" in capsys.readouterr().err
    # A coding that covers no character cannot be right: still refused, still exit status 3.
    empty = two_coders()
    empty.codings = pd.concat([empty.codings, empty.codings.iloc[:1].assign(coding_id="empty", start=40, end=40)], ignore_index=True)
    empty.save(project)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "overlap"]) == 3
    assert "1 coding(s) (1 by a) cover no character" in capsys.readouterr().err


def test_min_overlap_from_numpy_and_a_percentage_on_the_command_line(tmp_path, capsys):
    # A share read from a table is a numpy number: before, np.int64(1) was "not a share between 0 and 1".
    assert counts(maxqda(two_coders(), "overlap", min_overlap=np.int64(1)))["overall"] == (6, 6, 12)
    assert counts(maxqda(two_coders(), "overlap", min_overlap=np.float32(0.89)))["overall"] == (10, 2, 12)
    with pytest.raises(QlrError, match="min_overlap=True is not a share"):
        maxqda(two_coders(), "overlap", min_overlap=True)
    # MAXQDA's dialog says 90 %: typed so on the command line, the fix names the option, not Python's keyword.
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", "overlap", "--min-overlap", "90"]) == 1
    err = capsys.readouterr().err
    assert "90" in err and "Fix: give --min-overlap as a share: --min-overlap 0.9 for MAXQDA's 90 %" in err


def test_a_code_asked_for_that_nobody_applied_keeps_its_row():
    # codes= names a code neither coder applied in a document both coded (a typo, a code not yet used): before, its
    # row was silently left out; agreement without maxqda= keeps it with a note, and so does MAXQDA's table now.
    table = maxqda(two_coders(), "overlap", codes=["x", "y", "typo"])
    assert counts(table) == {"x": (6, 3, 9), "y": (2, 0, 2), "typo": (0, 0, 0), "overall": (8, 3, 11)}
    assert np.isnan(table.loc["typo", "percent_agreement"]) and "not counted in k" in table.loc["typo", "note"]
    assert table.loc["overall", "note"].startswith("1 coding(s) overlapping another")  # the overall row's own note only
    assert "applied by neither" not in str(maxqda(two_coders(), "overlap").loc["overall", "note"])
    # k counts the codes compared (x and y), not the one with no comparison: (8/11 − 1/2) / (1 − 1/2) = 5/11.
    assert table.loc["overall", "brennan_prediger"] == pytest.approx(5 / 11, abs=1e-12)
    existence = maxqda(two_coders(), "existence", codes=["z", "typo"])
    assert counts(existence) == {"z": (0, 1, 1), "typo": (0, 0, 0), "overall": (0, 1, 1)}
    assert existence.loc["typo", "note"] == "applied by neither in a document both coded: nothing compared"
