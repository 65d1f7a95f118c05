"""A synthetic study generator for benchmarks: N words over many files and waves.

The text is random but shaped like the sample study: interviews with labelled
speaker turns (interviewer questions, multi-paragraph answers), dated field-note
entries, and a manifest.  The same seed gives the same files.

    python benchmarks/synth.py OUT_DIR --words 1000000 --cases 200 --waves 3
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

VOCABULARY = (
    "the a and to of I it was we they you that in for on with my but just so like "
    "group carers help each other work job caring time money benefits shift hours "
    "manager project staff support worker meeting workshop training employer pledge "
    "decided asked listened felt really know mean erm um yeah well think thought "
    "week month day mum dad husband wife son daughter brother sister appointment "
    "hospital bus college course credits swap two-way say choice control together "
    "skills experience confidence CV interview form letter phone WhatsApp circle"
).split()
QUESTIONS = [
    "How have things been since we last spoke?",
    "Can you say more about that?",
    "Who decides what happens in the group?",
    "Would you say it works both ways?",
    "What gets in the way of work for you?",
    "Mm-hm. And how did that feel?",
]


def _sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return body[0].upper() + body[1:] + rng.choice([".", ".", ".", "?", "…"])


def _answer(rng: random.Random, budget: int) -> str:
    paragraphs = []
    while budget > 0:
        words = min(budget, rng.randint(15, 70))
        sentences = []
        left = words
        while left > 0:
            n = min(left, rng.randint(4, 16))
            sentences.append(_sentence(rng, n))
            left -= n
        paragraphs.append(" ".join(sentences))
        budget -= words
        if rng.random() < 0.6:
            break
    return "\n\n".join(paragraphs)


def interview(rng: random.Random, name: str, words: int) -> str:
    lines = [f"Interview with {name}", ""]
    used = 0
    while used < words:
        question = rng.choice(QUESTIONS)
        answer = _answer(rng, rng.randint(30, 160))
        lines.append(f"Interviewer: {question}")
        lines.append("")
        lines.append(f"{name}: {answer}")
        lines.append("")
        used += len(question.split()) + len(answer.split()) + 2
    return "\n".join(lines)


def notes(rng: random.Random, wave: int, words: int) -> str:
    lines = [f"# Field notes, wave {wave}", ""]
    used = 0
    day = 1
    while used < words:
        body = _answer(rng, rng.randint(120, 300))
        lines += [f"## 2024-{(wave * 3) % 12 + 1:02d}-{day:02d} Group session", body, ""]
        used += len(body.split()) + 4
        day = day % 27 + 1
    return "\n".join(lines)


def generate(out: Path, *, words: int = 1_000_000, cases: int = 200, waves: int = 3, seed: int = 7) -> Path:
    """Write a synthetic study folder and return its path."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "interviews").mkdir(exist_ok=True)
    (out / "notes").mkdir(exist_ok=True)
    n_notes = waves
    note_words = max(200, words // 50 // n_notes)
    per_interview = max(200, (words - note_words * n_notes) // (cases * waves))
    names = [f"P{i:03d}" for i in range(1, cases + 1)]
    manifest = ["name: Synthetic benchmark study", "waves:"]
    manifest += [f"  - {{id: W{w}, label: Wave {w}}}" for w in range(1, waves + 1)]
    manifest += ["cases:"] + [f"  - {{id: {n}, role: participant}}" for n in names]
    manifest += ["documents:", "  - path: interviews/*.txt"]
    for w in range(1, waves + 1):
        manifest.append(f"  - {{path: notes/W{w}_fieldnotes.md, kind: observation, wave: W{w}}}")
        (out / "notes" / f"W{w}_fieldnotes.md").write_text(notes(rng, w, note_words), encoding="utf-8")
    for w in range(1, waves + 1):
        for name in names:
            size = int(per_interview * rng.uniform(0.6, 1.4))
            (out / "interviews" / f"{name}_W{w}_interview.txt").write_text(interview(rng, name, size), encoding="utf-8")
    (out / "study.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, words=args.words, cases=args.cases, waves=args.waves, seed=args.seed)
    print(args.out)


if __name__ == "__main__":
    main()
