"""Measure the assertion rules on a corpus of sentences labelled by who did it and when.

Run from the repository root::

    python docs/assertion_corpus.py [CORPUS.tsv] [--half tuning|held_out|all] [--show wrong] [--codebook X]

The Spanish corpus is judged with its own codebook, whose ``assertion: {language: es}`` reads the
Spanish cues: ``python docs/assertion_corpus.py data/assertion-corpus-es/sentences.tsv --codebook
data/assertion-corpus-es/codebook.yaml``.

``--show unmatched`` lists the tuning half's texts with no positive-evidence coding (to
write indicators from); it never lists a held-out text, whatever ``--half`` says.

The corpus (by default ``data/assertion-corpus/sentences.tsv``) is a tab-separated
table with the columns ``id``, ``setting``, ``speaker_style``, ``text``, ``status``
and ``note``; ``status`` is the truth about the text as a whole:

* ``other`` — someone else's experience or words, not the speaker's;
* ``historical`` — the speaker's own, but in the past, set against now;
* ``negated``, ``hypothetical``, ``declined`` — the speaker denies it, hopes, plans or
  doubts it, or turned it down (the fifth corpus has them; the first four do not);
* ``affirmed`` — the speaker's own, current experience.

Each text is read as one participant turn: qlr's own pipeline parses it and the
``coproduction`` codebook's matcher (with the codebook's assertion rows, as
``Study.apply`` uses them) finds its indicators, each with an assertion status;
the matches of one code in one sentence make one coding whose status combines
theirs (any affirmed match makes it affirmed), exactly the codings ``Study.apply``
stores for the turn.  Only codings of codes that give *positive* ladder evidence
are looked at.  Per gold status the script reports:

* ``texts`` — how many texts;
* ``matched`` — texts with a positive-evidence coding of any status;
* ``wrong`` — texts whose positive codings got the wrong status: for every gold
  status but ``affirmed``, any coding still ``affirmed`` (a **false count**: the
  mention would be full evidence); for ``affirmed``, any coding with another
  status (a **false discount**: negated, hypothetical, historical, someone
  else's, a question or declined);
* ``lost`` (``affirmed`` only) — matched texts with no affirmed positive coding
  left at all, i.e. the speaker's evidence is gone, not just one coding of it.

Rows are split by a fixed rule: an id whose number is even is in the
**tuning** half, odd in the **held-out** half.  Tune the rules on the tuning
half only and report the held-out half as the honest estimate.
``tests/test_assertion.py`` asserts a bound on the held-out half.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "assertion-corpus" / "sentences.tsv"
COLUMNS = ("id", "setting", "speaker_style", "text", "status", "note")
GOLD = ("other", "historical", "negated", "hypothetical", "declined", "affirmed")
HALVES = ("tuning", "held_out")


@dataclass(frozen=True)
class Judged:
    """One corpus text and the statuses of its positive-evidence matches."""

    id: str
    half: str
    gold: str
    text: str
    statuses: tuple[tuple[str, str, str], ...]  # per coding: (code, its matches and their statuses, combined status)

    @property
    def matched(self) -> bool:
        return bool(self.statuses)

    @property
    def wrong(self) -> bool:
        """A false count (someone else's or past text with an affirmed match) or a false discount."""
        found = {status for _, _, status in self.statuses}
        if self.gold == "affirmed":
            return bool(found - {"affirmed"})
        return "affirmed" in found

    @property
    def lost(self) -> bool:
        """An affirmed text with matches, none of them affirmed."""
        return self.gold == "affirmed" and self.matched and "affirmed" not in {s for _, _, s in self.statuses}


def half_of(row_id: str) -> str:
    """``tuning`` for an id whose (last) number is even, ``held_out`` for an odd one.

    >>> half_of("s014"), half_of("s015"), half_of("7")
    ('tuning', 'held_out', 'held_out')
    """
    from qlr.errors import DocumentFormatError

    numbers = re.findall(r"\d+", row_id)
    if not numbers:
        raise DocumentFormatError(f"corpus id {row_id!r} has no number, so it belongs to neither half")
    return "tuning" if int(numbers[-1]) % 2 == 0 else "held_out"


def read_corpus(path: str | Path = CORPUS) -> pd.DataFrame:
    """The corpus as a table with a ``half`` column; one clear error for a malformed file."""
    from qlr.errors import DocumentFormatError

    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or any(column not in rows[0] for column in COLUMNS):
        raise DocumentFormatError(f"a corpus has the columns {', '.join(COLUMNS)}", path=path)
    bad = [row["id"] for row in rows if row["status"] not in GOLD or not (row["text"] or "").strip()]
    if bad:
        raise DocumentFormatError(f"{len(bad)} rows have an empty text or a status outside {', '.join(GOLD)}: {', '.join(bad[:10])}", path=path)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if frame["id"].duplicated().any():
        raise DocumentFormatError(f"repeated ids {', '.join(frame.loc[frame['id'].duplicated(), 'id'])}", path=path)
    return frame.assign(half=frame["id"].map(half_of))


def relayed_rendering(speaker_style: str) -> bool:
    """Whether a corpus text is an interpreter's rendering of the speaker's words: its ``speaker_style`` says the
    speaker spoke through, or via, an interpreter ("a Deaf grandfather, 73, through a BSL interpreter, first
    person"; "BSL interpreter"). Such a text is judged as :func:`qlr.evidence.relayed_turns` has a study's
    interpreter's turns judged; an interpreter speaking for themself ("a Somali interpreter-volunteer") is not one.

    >>> relayed_rendering("an Eritrean woman, 42, through a female Tigrinya interpreter, third person")
    True
    >>> relayed_rendering("a Somali interpreter-volunteer in her forties, proud"), relayed_rendering("a retired nurse")
    (False, False)
    """
    return re.search(r"\b(?:interpreter|translator)\b(?!-)", speaker_style or "", re.IGNORECASE) is not None


def judge(corpus: pd.DataFrame, *, codebook: str = "coproduction", context_model: bool = False, model_past: bool = False, takes_part: bool = False, relay: bool = False) -> list[Judged]:
    """Run every text through qlr's pipeline and the codebook's matcher, as ``Study.apply`` judges a participant turn
    (an interpreter's rendering, :func:`relayed_rendering`, as it judges an interpreter's turn; ``relay`` adds the row
    that reads it in the participant's first person)."""
    import qlr
    from qlr.code._assertion import RELAYED, combine
    from qlr.code._nlp import CodebookMatcher, pipeline
    from qlr.code._rules import assertion_rules

    nlp = pipeline()
    book = qlr.read_codebook(codebook)
    positive = {code.id for code in book.codes if any(item.polarity == "positive" for item in code.evidence)}
    rules = assertion_rules(nlp, book)
    if context_model:  # as a codebook with the row {kind: model, category: other, phrase: context} judges
        from qlr.code._assertion import Rule

        rules = rules.extended([Rule("model", "other", "", "context")])
    if model_past:  # and the row {kind: model, category: historical, phrase: context}: it says the speaker's past too
        from qlr.code._assertion import Rule

        rules = rules.extended([Rule("model", "other", "", "context"), Rule("model", "historical", "", "context")])
    if relay:  # as a codebook with the row {kind: relay, category: other, phrase: interpreted} judges
        from qlr.code._assertion import Rule

        rules = rules.extended([Rule("relay", "other", "", "interpreted")])
    if takes_part:  # as a codebook with the row {kind: speaker, category: other, phrase: takes part} judges
        from qlr.code._assertion import Rule

        rules = rules.extended([Rule("speaker", "other", "", "takes part")])
    matcher = CodebookMatcher(nlp, book, assertion_rules=rules)
    texts = corpus["text"].tolist()
    judged = []
    for row, doc in zip(corpus.itertuples(index=False), nlp.pipe(texts)):
        # One coding per code and sentence, its matches' statuses combined, as Study.apply stores it.
        codings: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for m in matcher(doc, observed=RELAYED if relayed_rendering(row.speaker_style) else False):
            if m.code_id in positive:
                codings.setdefault((m.code_id, m.sent_start), []).append((doc.text[m.start:m.end], m.assertion))
        found = sorted(
            (code, " | ".join(f"{words} ({status})" for words, status in matches), combine(s for _, s in matches))
            for (code, _), matches in codings.items()
        )
        judged.append(Judged(row.id, row.half, row.status, row.text, tuple(found)))
    return judged


def table(judged: Iterable[Judged]) -> pd.DataFrame:
    """Per half and gold status: texts, matched, wrong (false counts or false discounts), lost."""
    frame = pd.DataFrame(
        [{"half": j.half, "gold": j.gold, "matched": j.matched, "wrong": j.wrong, "lost": j.lost} for j in judged]
    )
    out = frame.groupby(["half", "gold"]).agg(
        texts=("gold", "size"), matched=("matched", "sum"), wrong=("wrong", "sum"), lost=("lost", "sum")
    )
    order = [(h, g) for h in HALVES for g in GOLD if (h, g) in out.index]
    return out.loc[order].astype(int)


def summary(judged: list[Judged], half: str) -> dict[str, int]:
    """The headline figures for one half: false counts (every trap status) and false discounts (affirmed)."""
    mine = [j for j in judged if j.half == half]
    return {
        "false counts": sum(j.wrong for j in mine if j.gold != "affirmed"),
        "of matched traps": sum(j.matched for j in mine if j.gold != "affirmed"),
        "false discounts": sum(j.wrong for j in mine if j.gold == "affirmed"),
        "of matched affirmed": sum(j.matched for j in mine if j.gold == "affirmed"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(CORPUS), help="the corpus TSV (default: %(default)s)")
    parser.add_argument("--half", choices=[*HALVES, "all"], default="all", help="which half to report and list with --show")
    parser.add_argument("--show", choices=["wrong", "matched", "unmatched", "none"], default="none", help="list these texts with their matches")
    parser.add_argument("--context-model", action="store_true", help="judge with the bundled context model switched on")
    parser.add_argument("--context-model-past", action="store_true", help="judge with the context model switched on saying someone else's and the speaker's past")
    parser.add_argument("--relay", action="store_true", help="judge with the relay row on (an interpreter's rendering read in the first person)")
    parser.add_argument("--takes-part", action="store_true", help="judge with the speaker row switched on (the speaker must take part)")
    parser.add_argument("--codebook", default="coproduction", help="the codebook whose indicators and assertion rows judge (default: %(default)s)")
    args = parser.parse_args(argv)
    judged = judge(read_corpus(args.corpus), codebook=args.codebook, context_model=args.context_model, model_past=args.context_model_past, takes_part=args.takes_part, relay=args.relay)
    # "--half tuning" shows the tuning half alone: whoever tunes never sees a held-out figure by the way.
    shown = HALVES if args.half == "all" else (args.half,)
    print(table([j for j in judged if j.half in shown]).to_string())
    for half in shown:
        print(half, summary(judged, half))
    if args.show == "unmatched":
        for j in judged:
            if j.half == "tuning" and args.half != "held_out" and not j.matched:
                print(f"\n{j.id} [{j.half}, gold {j.gold}] {j.text}")
    elif args.show != "none":
        for j in judged:
            if (args.half in ("all", j.half)) and (j.wrong if args.show == "wrong" else j.matched):
                print(f"\n{j.id} [{j.half}, gold {j.gold}{', WRONG' if j.wrong else ''}] {j.text}")
                for code, words, status in j.statuses:
                    print(f"    {status:12} {code:32} {words}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
