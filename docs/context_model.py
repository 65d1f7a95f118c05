"""Train qlr's context model (``qlr/code/context_model.tsv``) from the tuning data, and say how it does.

Run from the repository root::

    python docs/context_model.py            # train, report, write the model
    python docs/context_model.py --check    # train and compare with the bundled file (no write)

The training texts are the **tuning** parts only, never anything held out and
never the validation study:

* the English assertion corpora, ``data/assertion-corpus/sentences.tsv`` to
  ``data/assertion-corpus-18/sentences.tsv`` (corpus 14 left out, see ``CORPORA``), rows with an even id whose status is ``other``,
  ``historical`` or ``affirmed`` (the negated, hypothetical and declined texts are left to the rules);
* the development studies' gold files (``data/dev`` to ``data/dev5``, ``gold/``):
  the quotes of traps of kind ``other_person`` (label ``other``) and ``historical``,
  and the positive evidence quotes (``affirmed``), of the cases their
  ``split.csv`` marks ``tuning`` (all cases where a study has no split).

Each text is read as one participant turn; every indicator match in it is one
training example (:func:`qlr.code._context.labelled_matches`), grouped by text
(corpus rows) or by case (development studies) for cross-validation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPORA = tuple(
    ROOT / "data" / name / "sentences.tsv"
    # Corpus 14 is left out: its renderings' "she says …" frame the participant's own words, which the rules read as
    # the words said unless a codebook adds a relay row; learnt as affirmed, it would teach that "she says" is the
    # speaker's own everywhere else.
    for name in ["assertion-corpus", *(f"assertion-corpus-{n}" for n in (*range(2, 14), 15, 16, 17, 18))]
)
DEV_STUDIES = ("dev", "dev2", "dev3", "dev4", "dev5")
TRAP_LABELS = {"other_person": "other", "historical": "historical"}


def training_texts(root: Path = ROOT) -> pd.DataFrame:
    """The tuning texts with ``group``, ``text``, ``label`` and ``source`` columns."""
    sys.path.insert(0, str(root / "docs"))
    from assertion_corpus import read_corpus

    parts = []
    for number, path in enumerate(CORPORA, start=1):
        corpus = read_corpus(path)
        # The model tells the speaker's own present from someone else's and the past: a corpus's negated,
        # hypothetical and declined texts are the rules' to find, not its.
        tuning = corpus[(corpus["half"] == "tuning") & corpus["status"].isin(["affirmed", "other", "historical"])]
        parts.append(
            pd.DataFrame(
                {
                    "group": f"corpus{number}:" + tuning["id"],
                    "text": tuning["text"],
                    "label": tuning["status"],
                    "source": path.parent.name,
                }
            )
        )
    for name in DEV_STUDIES:
        gold = root / "data" / name / "gold"
        split = gold / "split.csv"
        held = set(pd.read_csv(split).query("split != 'tuning'")["case_id"]) if split.exists() else set()
        traps = pd.read_csv(gold / "traps.csv")
        traps = traps[traps["trap"].isin(list(TRAP_LABELS)) & ~traps["case_id"].isin(held)]
        evidence = pd.read_csv(gold / "evidence.csv")
        evidence = evidence[(evidence["polarity"] == "positive") & ~evidence["case_id"].isin(held)]
        for frame, labels in (
            (traps, traps["trap"].map(TRAP_LABELS)),
            (evidence, pd.Series("affirmed", index=evidence.index)),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "group": f"{name}:" + frame["case_id"],
                        "text": frame["quote"],
                        "label": labels,
                        "source": name,
                    }
                )
            )
    return pd.concat(parts, ignore_index=True)


def source_note(texts: pd.DataFrame, report: dict) -> str:
    digest = hashlib.sha1()
    for path in CORPORA:
        digest.update(path.read_bytes())
    for name in DEV_STUDIES:
        for file in ("traps.csv", "evidence.csv", "split.csv"):
            path = ROOT / "data" / name / "gold" / file
            if path.exists():
                digest.update(path.read_bytes())
    counts = texts.groupby(["source", "label"]).size().to_dict()
    lines = [
        "qlr context model (qlr.code._context): multinomial logistic regression over the words around an indicator match.",
        "Rebuild with: python docs/context_model.py  (from the repository root; deterministic).",
        "Trained on the tuning parts only: even ids of data/assertion-corpus to data/assertion-corpus-13 (other, historical, affirmed),",
        "and the tuning cases of data/dev .. data/dev5 (trap quotes other_person/historical, positive evidence quotes).",
        f"Training files sha1 {digest.hexdigest()[:16]}; texts per source and label: "
        + "; ".join(f"{source} {label} {n}" for (source, label), n in sorted(counts.items())),
        f"Matches {report['matches']} ({', '.join(f'{k} {v}' for k, v in sorted(report['by label'].items()))}); C {report['C']}; "
        + "; ".join(f"threshold {name} {row['threshold']:.4g}" for name, row in report["cv: each class alone"].items())
        + " (each: at most 3% of the affirmed matches the rules leave affirmed discounted in grouped 5-fold CV, that class alone).",
        "The bundled codebook's model row lets it say other only; a row with category historical lets it say historical too.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="compare with the bundled model instead of writing it"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="write the model here (default: the bundled file)"
    )
    parser.add_argument("--class-weight", choices=["none", "balanced"], default="none")
    parser.add_argument("--max-false-discounts", type=float, default=0.03)

    args = parser.parse_args()

    from qlr.code._context import MODEL_PATH, ContextModel, train_context_model

    texts = training_texts()
    model, report = train_context_model(
        texts,
        speaks=("other", "historical"),
        class_weight=None if args.class_weight == "none" else args.class_weight,
        max_false_discounts=args.max_false_discounts,
    )
    model = ContextModel(model.weights, model.bias, model.thresholds, source_note(texts, report))
    print(json.dumps(report, indent=2))
    if args.check:
        bundled = ContextModel.read(MODEL_PATH)
        same = (
            bundled.fingerprint
            == ContextModel.read(
                model.write(Path(args.out or "/tmp/qlr-context-model-check.tsv"))
            ).fingerprint
        )
        print("the bundled model is what this script trains:", same)
        raise SystemExit(0 if same else 1)
    path = model.write(args.out or MODEL_PATH)
    print(f"wrote {path} ({len(model.weights):,} features)")


if __name__ == "__main__":
    main()
