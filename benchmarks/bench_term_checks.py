"""The English stage's term checks with and without the lexicon's scan cache, on the gold texts.

A translation is validated by `TermCheck.problems` (terms left out, unsupported, one-way terms lost),
listed by `TermCheck.unverified` and, refused, repaired by `TermCheck.repair`: each reads the same
Arabic again. The lexicon caches its scan of an Arabic text (`TermLexicon._scan`); this measures the
three calls over the human headlines and points of both gold corpora (the English as written by the
translators), the uncached and cached lexicons alternating in rounds in one process, so that their
ratio shares the machine's conditions. Both must give the same answers (checked).

    .venv/bin/python benchmarks/bench_term_checks.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from functools import lru_cache, partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.english_checks import TermCheck  # noqa: E402
from summarizer.term_index import _scan  # noqa: E402
from summarizer.terms import TermLexicon  # noqa: E402
from tests.gold_texts import gold_articles  # noqa: E402


def _texts() -> list[tuple[str, str]]:
    return [(t["ar"], t["en"]) for _, _, texts in gold_articles() for j, t in enumerate(texts) if j != 1]


def _run(lexicon: TermLexicon, texts: list[tuple[str, str]]) -> tuple[float, list[object]]:
    answers: list[object] = []
    start = time.perf_counter()
    for arabic, english in texts:
        check = TermCheck(lexicon, arabic)
        answers.append((check.problems(english), check.unverified(english), check.repair(english)))
    return time.perf_counter() - start, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = _texts()
    uncached, cached = TermLexicon.load(), TermLexicon.load()
    uncached._scan = partial(_scan, uncached._arabic)  # every call scans the text again
    times: dict[str, list[float]] = {"uncached": [], "cached": []}
    for _ in range(args.rounds):
        seconds, plain = _run(uncached, texts)
        times["uncached"].append(seconds)
        cached._scan = lru_cache(maxsize=1024)(partial(_scan, cached._arabic))  # cold each round
        seconds, fast = _run(cached, texts)
        times["cached"].append(seconds)
        if plain != fast:
            raise SystemExit("the cached lexicon answered differently")
    median = {mode: statistics.median(runs) for mode, runs in times.items()}
    print(f"{len(texts)} gold headlines and points, {args.rounds} rounds (problems + unverified + repair each)")
    print("| lexicon | runs (s) | median s | ms per text |")
    print("|---|---|---:|---:|")
    for mode, runs in times.items():
        print(f"| {mode} | {', '.join(f'{r:.2f}' for r in runs)} | {median[mode]:.2f} | {1000 * median[mode] / len(texts):.1f} |")
    print(f"cached / uncached: {median['cached'] / median['uncached']:.2f}")
    out = Path(__file__).with_name("results_term_checks.json")
    out.write_text(json.dumps({"texts": len(texts), "seconds": times}, indent=2) + "\n")


if __name__ == "__main__":
    main()
