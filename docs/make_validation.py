"""Measure qlr's rule coding on the sample and on the independent validation study; write docs/validation.md.

Run from the repository root::

    python docs/make_validation.py

The validation study (``data/validation``) only measures.  Its transcripts were
written by someone who had not seen the indicators, and neither the indicators
nor the assertion rules may ever be tuned on it: when a figure here shows a gap,
fix the codebook from other text and measure again.  ``tests/test_validation_doc.py``
checks that the page says what this script measures today.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "validation.md"
VALIDATION = ROOT / "data" / "validation"
# The development study: the indicators and assertion rules are written and tuned on it.
DEV = ROOT / "data" / "dev"
# A second development study (a youth club whose members talk a lot about other people).
DEV2 = ROOT / "data" / "dev2"
# A third (a recovery college: hearsay, reported speech, the past contrasted with now).
# Its gold/split.csv holds participant R04 out: the rules were tuned on the others only.
DEV3 = ROOT / "data" / "dev3"
# A fourth development study in everyday paraphrase (community transport and library
# volunteers); its gold/split.csv holds two members out: tune on the rest only.
DEV4 = ROOT / "data" / "dev4"
# A fifth, written by an author who never saw the indicators (a therapeutic kitchen garden);
# its gold/split.csv holds two members out, and its staff member has traps but no designed levels.
DEV5 = ROOT / "data" / "dev5"
# The validation gold names the ladder's second facet as its README does.
FACETS = {"delivery": "delivery", "design_evaluation": "design"}
# Designed trajectory labels that name a shape qlr.track.trajectory_type calls otherwise.
TRAJECTORY_KINDS = {"up_then_down": "fluctuating", "down_then_up": "fluctuating"}


def _gold(folder: Path, name: str, cases=None) -> pd.DataFrame:
    """A gold file of a study folder; with ``cases``, only those cases' rows."""
    gold = pd.read_csv(folder / "gold" / f"{name}.csv")
    return gold if cases is None else gold[gold["case_id"].isin(set(cases))].reset_index(drop=True)


def split_cases(folder: Path, split: str) -> list[str]:
    """The cases of a development study's ``gold/split.csv`` in one split (``tuning`` or ``held_out``)."""
    table = pd.read_csv(folder / "gold" / "split.csv")
    if split not in set(table["split"]):
        raise ValueError(f"{folder.name}: no split {split!r} in gold/split.csv (has {sorted(set(table['split']))})")
    return sorted(table.loc[table["split"] == split, "case_id"])


def coded(folder: Path, *, context_model: bool = False):
    """A study folder loaded and coded with the bundled co-production codebook (and, if asked, the context model)."""
    import qlr

    study = qlr.load(folder, progress=False)
    return study.apply(with_context_model("coproduction") if context_model else "coproduction", progress=False)


def with_context_model(name: str):
    """A codebook with the row that switches the learned context model on (qlr/code/_context.py)."""
    import qlr
    from qlr.codebook import Codebook

    data = qlr.read_codebook(name).to_dict()
    data["assertion"] = [*data.get("assertion", []), {"kind": "model", "category": "other", "phrase": "context"}]
    return Codebook.from_dict(data)


def _spans(study, gold: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with the document id and character span of each quote (quotes are exact and unique)."""
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    ids = {Path(doc).stem: doc for doc in gold["doc"]}
    rows = []
    for row in gold.itertuples(index=False):
        doc_id = Path(row.doc).stem
        start = texts[doc_id].find(row.quote)
        if start < 0:
            raise ValueError(f"gold quote not found in {row.doc}: {row.quote[:60]!r}")
        rows.append((doc_id, start, start + len(row.quote)))
    assert ids  # every document named exists
    return gold.assign(doc_id=[r[0] for r in rows], start=[r[1] for r in rows], end=[r[2] for r in rows])


def _overlapping(codings: pd.DataFrame, doc_id: str, start: int, end: int) -> pd.DataFrame:
    mine = codings[codings["doc_id"] == doc_id]
    return mine[(mine["start"] < end) & (mine["end"] > start)]


def _evidence_of(book) -> pd.DataFrame:
    """Each code's ladder evidence: code_id, facet (None: every facet), level, polarity."""
    rows = []
    for code in book.codes:
        for item in code.evidence:
            rows.append({"code_id": code.id, "facet": item.facet, "level": item.level, "polarity": item.polarity})
    return pd.DataFrame(rows, columns=["code_id", "facet", "level", "polarity"])


def rules_and_counted(study):
    import qlr

    rules = study.codings[study.codings["origin"] == "rules"]
    counted = rules[qlr.evidence.counted(rules, segments=study.segments)]
    return rules, counted


def trap_table(study, folder: Path = VALIDATION, *, cases=None) -> pd.DataFrame:
    """Per trap kind: how many traps; how many a rule matched at all; how many count as positive evidence."""
    book = study.codebooks["coproduction"]
    positive = set(_evidence_of(book).query("polarity == 'positive'")["code_id"])
    traps = _spans(study, _gold(folder, "traps", cases))
    rules, counted = rules_and_counted(study)
    rows = []
    for trap in traps.itertuples(index=False):
        any_rule = _overlapping(rules[rules["code_id"].isin(positive)], trap.doc_id, trap.start, trap.end)
        evidence = _overlapping(counted[counted["code_id"].isin(positive)], trap.doc_id, trap.start, trap.end)
        full = evidence[evidence["assertion"].fillna("affirmed") == "affirmed"]
        rows.append({"trap": trap.trap, "matched": len(any_rule) > 0, "full weight": len(full) > 0, "reduced weight": len(evidence) > len(full)})
    frame = pd.DataFrame(rows)
    table = frame.groupby("trap").agg(traps=("trap", "size"), matched=("matched", "sum"), **{"counted at full weight": ("full weight", "sum"), "counted, prompted (half weight)": ("reduced weight", "sum")})
    table.loc["all"] = table.sum()
    return table.astype(int)


def _found(study, folder: Path, cases=None) -> pd.DataFrame:
    """Each gold passage with its facet, level, polarity, the themes whose codes give that evidence, and what the rules found."""
    book = study.codebooks["coproduction"]
    evidence = _evidence_of(book)
    gold = _spans(study, _gold(folder, "evidence", cases))
    _, counted = rules_and_counted(study)
    rows = []
    for row in gold.itertuples(index=False):
        facet = FACETS.get(row.facet, row.facet)
        fits = evidence[(evidence["polarity"] == row.polarity) & (evidence["facet"].isna() | (evidence["facet"] == facet))]
        at_level = fits[fits["level"] == row.level]
        themes = sorted({book.theme_of(code) for code in at_level["code_id"]})
        hits = _overlapping(counted, row.doc_id, row.start, row.end)
        rows.append({
            "facet": facet, "level": int(row.level), "polarity": row.polarity, "themes": ", ".join(themes),
            "theme": getattr(row, "theme", None), "any code": len(hits) > 0,
            "right facet and polarity": hits["code_id"].isin(fits["code_id"]).any(),
            "right level": hits["code_id"].isin(at_level["code_id"]).any(),
        })
    return pd.DataFrame(rows)


def _counts(frame: pd.DataFrame, keys: list[str], total: tuple) -> pd.DataFrame:
    table = frame.groupby(keys).agg(passages=("facet", "size"), **{name: (name, "sum") for name in ("any code", "right facet and polarity", "right level") if name in frame})
    table.loc[total if len(keys) > 1 else total[0], :] = table.sum()
    table = table.astype(int)
    table["recall"] = (table["right facet and polarity"] / table["passages"]).round(2)
    return table


def recall_table(study, folder: Path = VALIDATION, *, cases=None) -> pd.DataFrame:
    """Per facet and polarity: gold passages, and how many a counted rule coding of that facet and polarity covers."""
    return _counts(_found(study, folder, cases).drop(columns="right level"), ["facet", "polarity"], ("all", ""))


def recall_by_level(study, folder: Path = VALIDATION, *, cases=None) -> pd.DataFrame:
    """Per facet, level and polarity of the gold passages (the themes whose codes give that evidence beside them)."""
    return _counts(_found(study, folder, cases), ["facet", "level", "polarity", "themes"], ("all", "", "", ""))


def recall_by_theme(study, folder: Path, *, cases=None) -> pd.DataFrame:
    """Per theme the gold names (a study whose gold gives each passage's theme)."""
    return _counts(_found(study, folder, cases), ["theme"], ("all",))


def precision_table(study, folder: Path = VALIDATION, *, cases=None) -> pd.DataFrame:
    """Per theme, the tracked cases' counted rule codings and how many fall on a gold passage or on a trap."""
    book = study.codebooks["coproduction"]
    theme_of = {code.id: book.theme_of(code.id) for code in book.codes}
    gold = _spans(study, _gold(folder, "evidence", cases))
    traps = _spans(study, _gold(folder, "traps", cases))
    _, counted = rules_and_counted(study)
    tracked = set(_gold(folder, "designed_levels", cases)["case_id"])
    cases = study.documents.loc[study.documents["case_id"].isin(tracked), "doc_id"]
    residents = counted[counted["doc_id"].isin(cases)]

    def covered(spans: pd.DataFrame, coding) -> bool:
        mine = spans[spans["doc_id"] == coding.doc_id]
        return bool(((mine["start"] < coding.end) & (mine["end"] > coding.start)).any())

    rows = [
        {"theme": theme_of.get(c.code_id, c.code_id), "on gold": covered(gold, c), "on a trap": covered(traps, c)}
        for c in residents.itertuples(index=False)
    ]
    frame = pd.DataFrame(rows, columns=["theme", "on gold", "on a trap"])
    table = frame.groupby("theme").agg(codings=("theme", "size"), **{"on gold": ("on gold", "sum"), "on a trap": ("on a trap", "sum")})
    table.loc["all"] = table.sum()
    return table.astype(int)


def trajectory_table(study, designed: pd.DataFrame) -> pd.DataFrame:
    """Per facet: designed case × wave levels, how many the placements give exactly and within one, and trajectory types."""
    import qlr

    rows = []
    for facet in sorted(set(designed["facet"])):
        wanted = designed[designed["facet"] == facet].dropna(subset=["level"])
        placed = qlr.track.ladder(study, facet=FACETS.get(facet, facet)).table.set_index(["case_id", "wave_id"])
        got = [placed["level"].get((r.case_id, r.wave_id), pd.NA) for r in wanted.itertuples(index=False)]
        diff = pd.Series([np.nan if pd.isna(g) else abs(int(g) - int(r.level)) for g, r in zip(got, wanted.itertuples(index=False))])
        cases = sorted(set(wanted["case_id"]))
        placements = qlr.track.ladder(study, facet=FACETS.get(facet, facet))
        kinds = qlr.track.trajectories(placements[placements["case_id"].isin(cases)]).set_index("case_id")["type"]
        designed_kind = designed[designed["facet"] == facet].groupby("case_id")["trajectory"].first().replace(TRAJECTORY_KINDS)
        same = sum(kinds.get(c) == designed_kind[c] for c in cases)
        rows.append({"facet": FACETS.get(facet, facet), "cells": len(wanted), "placed": int(diff.notna().sum()), "exact": int((diff == 0).sum()),
                     "within one": int((diff <= 1).sum()), "cases": len(cases), "same trajectory type": int(same)})
    return pd.DataFrame(rows).set_index("facet")


def sample_agreement(study) -> pd.DataFrame:
    """The rules against the sample's coder rm, summed per theme (the sample's double coding is simulated)."""
    import qlr

    table = qlr.code.validate(study, against="rm")
    book = study.codebooks["coproduction"]
    theme_of = {code.id: book.theme_of(code.id) for code in book.codes}
    sums = table.groupby(table.index.map(theme_of))[["tp", "fp", "fn"]].sum()
    sums["precision"] = (sums["tp"] / (sums["tp"] + sums["fp"])).round(2)
    sums["recall"] = (sums["tp"] / (sums["tp"] + sums["fn"])).round(2)
    sums.index.name = "theme"
    return sums


def _md(frame: pd.DataFrame) -> str:
    frame = frame.reset_index()
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join("" if pd.isna(v) else str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def page() -> str:
    """The text of docs/validation.md, measured now."""
    sample = coded(ROOT / "data" / "sample")
    validation = coded(ROOT / "data" / "validation")
    sample_designed = pd.read_csv(ROOT / "data" / "sample" / "designed_levels.csv", dtype={"level": "Int64"})
    validation_designed = pd.read_csv(ROOT / "data" / "validation" / "gold" / "designed_levels.csv", dtype={"level": "Int64"})
    rules, counted = rules_and_counted(validation)
    status = rules["assertion"].value_counts()
    parts = [
        "# How well the rules code text they were not written for",
        "",
        "Measured by `python docs/make_validation.py` with the bundled `coproduction` codebook and",
        "qlr's default settings (two passages per placement, prompted answers at half weight);",
        "`tests/test_validation_doc.py` fails when this page no longer says what the script measures.",
        "",
        "**The validation study (`data/validation`) only measures.** Its transcripts were written",
        "by someone who had not seen the indicators; neither the indicators nor the assertion rules",
        "are ever tuned on it. When a figure shows a gap, the codebook is changed from other text and",
        "measured again here.",
        "",
        "**Where the indicators come from.** The bundled indicators and the assertion rules were",
        "developed on the sample and on five development studies (`data/dev` to `data/dev5`, written",
        "for the purpose: different people, settings and wording, each with its own gold evidence and",
        "traps), measured there while they were written (`python docs/make_validation.py --dev`). The",
        "validation study's texts were never read while developing them; only its summary figures below",
        "were seen, measured after each round of development. The development studies' figures, at the",
        "end, are therefore an upper bound, except the held-out parts of `dev3`, `dev4` and `dev5`",
        "(participants whose transcripts the rules and indicators were not tuned on; those of `dev3` and",
        "`dev4` were written by the same person who tuned them, so still optimistic, while `dev5`'s author",
        "never saw the indicators). The assertion rules alone are also",
        "measured on 6,820 labelled participant texts in twenty English corpora, written by people who had",
        "not seen them, half of each held out: see [assertion_corpus.md](assertion_corpus.md).",
        "",
        "## Validation study: a tenants' group and its housing association",
        "",
        f"{len(rules):,} rule codings; by assertion: "
        + ", ".join(f"{name} {int(count)}" for name, count in status.items())
        + f". {len(counted):,} count as evidence.",
        "",
        "### Traps: mentions that are not the speaker's own, current experience",
        "",
        "A trap is matched when a rule codes it with a code that gives positive ladder evidence;",
        "it counts when that coding is evidence (a prompted one at half weight).",
        "",
        _md(trap_table(validation)),
        "",
        "### Recall of the gold evidence passages",
        "",
        "A gold passage (the designed evidence for a resident, wave and facet) is found when a",
        "counted rule coding covers it with a code giving evidence of that facet and polarity.",
        "",
        _md(recall_table(validation)),
        "",
        "Per facet, level and polarity, with the themes whose codes give that evidence (the gold",
        "names no theme, so this is recall per theme as far as the gold allows):",
        "",
        _md(recall_by_level(validation)),
        "",
        "### Residents' counted rule codings, by theme",
        "",
        "The gold lists two to four passages per resident, wave and facet, not every relevant one,",
        "so \"on gold\" is a lower bound on precision; \"on a trap\" is certainly wrong evidence.",
        "",
        _md(precision_table(validation)),
        "",
        "### Designed trajectories",
        "",
        _md(trajectory_table(validation, validation_designed)),
        "",
        "### With the context model switched on",
        "",
        "The learned context model (`qlr/code/_context.py`) is off in the bundled codebook; a codebook",
        "switches it on with the assertion row `{kind: model, category: other, phrase: context}`. The",
        "same study coded with it:",
        "",
        _md(trap_table(with_model := coded(ROOT / "data" / "validation", context_model=True))),
        "",
        _md(recall_table(with_model)),
        "",
        _md(trajectory_table(with_model, validation_designed)),
        "",
        "## The sample study (Working Carers Eastbrook)",
        "",
        "The sample was written with the codebook in view, so its figures are an upper bound.",
        "",
        "### Designed trajectories (delivery facet)",
        "",
        _md(trajectory_table(sample, sample_designed)),
        "",
        "### Rules against the coder rm, per theme",
        "",
        "The sample's double coding is simulated from an earlier run of the rules (see",
        "`data/sample/README.md`), so this measures agreement with that simulation, not with a person.",
        "",
        _md(sample_agreement(sample)),
        "",
        "## The development study (Northgate Community Larder)",
        "",
        "The indicators and assertion rules were developed on this study, so its figures show what",
        "they were fitted to, not how they generalise (see `data/dev/README.md`).",
        "",
        *dev_section(),
        "## The second development study (Millbank Youth Club)",
        "",
        "Written to develop the rule for someone else's experience: young people who talk about",
        "their mates, siblings and the staff (see `data/dev2/README.md`). Also an upper bound.",
        "",
        *dev_section(folder=DEV2),
        "## The third development study (Larkfield Recovery College)",
        "",
        "Written to develop the rules for someone else's experience (hearsay, reported speech,",
        "newsletters, people in general) and the past contrasted with now (see",
        "`data/dev3/README.md`). The rules were tuned on participants R01-R03 and the staff",
        "member; participant R04 was held out, so its figures estimate how they generalise.",
        "",
        *split_sections(folder=DEV3),
        "## The fourth development study (Marcher Dales Link)",
        "",
        "A community transport and library volunteers scheme whose gold evidence is everyday",
        "paraphrase, written before its author read the indicators (see `data/dev4/README.md`).",
        "The indicators were tuned on its tuning half only; the held-out half was only measured,",
        "so its figures are the honest estimate on development text.",
        "",
        *split_sections(folder=DEV4),
        "## The fifth development study (Hollin Bank Kitchen Garden)",
        "",
        "A therapeutic allotment and kitchen garden, written by an author who never saw the",
        "indicators, its gold evidence in everyday paraphrase (see `data/dev5/README.md`). The",
        "indicators were tuned on its tuning half only (M01, M03, M05 and the staff member M09);",
        "the held-out half was only measured, so its figures are the honest estimate on development text.",
        "",
        *split_sections(folder=DEV5),
    ]
    return "\n".join(parts)


def dev_section(study=None, *, folder: Path = DEV, cases=None, level: str = "###") -> list[str]:
    """A development study's figures (with ``cases``, those cases' only), as lines of the page."""
    study = coded(folder) if study is None else study
    designed = _gold(folder, "designed_levels", cases).astype({"level": "Int64"})
    tables = {
        "Traps": trap_table(study, folder, cases=cases),
        "Recall of the gold evidence passages, per theme": recall_by_theme(study, folder, cases=cases),
        "Recall per facet, level and polarity": recall_by_level(study, folder, cases=cases),
        "Tracked cases' counted rule codings, by theme": precision_table(study, folder, cases=cases),
        "Designed trajectories": trajectory_table(study, designed),
    }
    return [line for title, table in tables.items() for line in (f"{level} {title}", "", _md(table), "")]


def split_sections(study=None, *, folder: Path = DEV4) -> list[str]:
    """A held-out development study's figures, its tuning half and its held-out half apart."""
    study = coded(folder) if study is None else study
    lines = []
    for split, title in (("tuning", "Tuning part"), ("held_out", "Held-out part (the honest estimate)")):
        cases = split_cases(folder, split)
        lines += [f"### {title}: {', '.join(cases)}", "", *dev_section(study, folder=folder, cases=cases, level="####")]
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["--dev"]:  # while developing indicators: the development studies only, nothing written
        for folder in (DEV, DEV2):
            sys.stdout.write(f"## {folder.name}\n\n" + "\n".join(dev_section(folder=folder)) + "\n")
        sys.stdout.write(f"## {DEV3.name}\n\n" + "\n".join(split_sections(folder=DEV3)) + "\n")
        for folder in (DEV4, DEV5):
            sys.stdout.write(f"## {folder.name}\n\n" + "\n".join(split_sections(folder=folder)) + "\n")
        sys.exit(0)
    text = page()
    OUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {OUT.relative_to(ROOT)}\n")
