"""Batch throughput of the embedded model by parallel slots, on real news articles.

Each level runs `summarizer batch` in its own process over the same articles, with the embedded
xllamacpp server started with N slots (continuous batching) and N articles in flight
(`SUMMARIZER_SLOTS=N`, `--concurrency N`). Levels run one after the other in one run, so their
ratios share the machine's conditions. Reported per level: wall seconds, articles per hour, time
to the first finished article, tokens, peak RSS, and on how many articles the summary is
identical to the one-slot run's (batched decoding may flip a near tie at temperature 0).

    .venv/bin/python benchmarks/bench_slots.py --levels 1,2,4 \
        --articles ../shared/corpus/articles/014_*.txt ../shared/corpus/articles/021_*.txt ...
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Runs the batch in a child and prints the child's peak RSS, so each level's peak is its own.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def run_level(slots: int, articles: list[Path], work: Path) -> dict[str, Any]:
    """One `summarizer batch` over `articles` with `slots` slots and as many articles in flight."""
    out = work / f"slots{slots}.jsonl"
    db = work / f"slots{slots}.sqlite"
    command = [sys.executable, "-m", "summarizer", "batch", *map(str, articles), "--out", str(out), "--db", str(db),
               "--concurrency", str(slots)]
    env = {**os.environ, "SUMMARIZER_SLOTS": str(slots), "SUMMARIZER_ENGINE": "xllamacpp"}
    started = time.perf_counter()
    wrapped = subprocess.run([sys.executable, "-c", _WRAPPER, *command], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    rss_kib, code = wrapped.stdout.split()[-2:]
    with sqlite3.connect(db) as conn:
        run_start = dt.datetime.fromisoformat(conn.execute("SELECT min(started_at) FROM runs").fetchone()[0])
        rows = conn.execute(
            "SELECT article_id, status, summary, total_tokens, seconds, updated_at FROM results").fetchall()
    finished = sorted(dt.datetime.fromisoformat(row[5]) for row in rows)
    return {
        "slots": slots, "articles": len(articles), "exit_code": int(code), "seconds": round(seconds, 1),
        "articles_per_hour": round(3600 * len(articles) / seconds, 2),
        "first_result_s": round((finished[0] - run_start).total_seconds(), 1) if finished else None,
        "ok": sum(row[1] == "ok" for row in rows), "failed": sum(row[1] == "failed" for row in rows),
        "tokens": sum(row[3] for row in rows), "peak_rss_mib": round(int(rss_kib) / 1024),
        "article_seconds": {row[0]: row[4] for row in rows},
        "texts_sha256": {row[0]: _texts_hash(row[2]) for row in rows},
        "stderr_tail": wrapped.stderr[-600:],
    }


def _texts_hash(summary: str | None) -> str | None:
    """A hash of the summary's content (headlines, points, events), without provenance and timings."""
    if summary is None:
        return None
    data = json.loads(summary)
    data.pop("provenance", None)
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", nargs="+", type=Path, required=True)
    parser.add_argument("--levels", default="1,2,4", help="slot counts to run, in this order")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results_slots.json"))
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-slots-") as tmp:
        results = []
        for slots in levels:
            result = run_level(slots, [path.resolve() for path in args.articles], Path(tmp))
            results.append(result)
            print(f"slots {slots}: {result['seconds']} s, {result['articles_per_hour']} articles/h, "
                  f"first result {result['first_result_s']} s, ok {result['ok']}/{result['articles']}", flush=True)
    reference = results[0]
    print("\n| slots | articles | seconds | articles/hour | vs 1 slot | first result s | ok | tokens | "
          "peak RSS MiB | same output as 1 slot |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        # articles with an output at both levels, and how many of those outputs are identical
        both = [key for key, text in reference["texts_sha256"].items() if text and result["texts_sha256"].get(key)]
        same = sum(result["texts_sha256"][key] == reference["texts_sha256"][key] for key in both)
        result["same_as_first"] = f"{same}/{len(both)}"
        print(f"| {result['slots']} | {result['articles']} | {result['seconds']} | {result['articles_per_hour']} | "
              f"{result['articles_per_hour'] / reference['articles_per_hour']:.2f} | {result['first_result_s']} | "
              f"{result['ok']} | {result['tokens']:,} | {result['peak_rss_mib']:,} | {same}/{len(both)} |")
    args.out.write_text(json.dumps({"date": dt.date.today().isoformat(), "levels": results}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
