"""Seconds and peak memory per article: the staged pipeline vs one naive schema call, same model.

Each measurement runs in its own subprocess (so peak RSS belongs to one mode), and the modes
alternate in one run, so machine noise hits both alike; the table reports the ratio.

    .venv/bin/python benchmarks/bench_pipeline.py [--repeats 2] [--article seeds/...txt]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pydantic import BaseModel, Field

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4e32085be5773d8c.txt"


class NaiveEvent(BaseModel):
    event_type: str = Field(max_length=20)
    description_ar: str = Field(max_length=300)
    description_en: str = Field(max_length=300)
    actors: list[str] = Field(max_length=4)
    location: str = Field(max_length=80)
    quantities: list[str] = Field(max_length=4)


class NaiveSummary(BaseModel):
    """One big schema in one call: the baseline described in ../shared/MODEL.md."""

    headline_ar: str = Field(max_length=150)
    headline_en: str = Field(max_length=200)
    summary_ar: str = Field(max_length=900)
    summary_en: str = Field(max_length=900)
    key_points_ar: list[str] = Field(max_length=5)
    key_points_en: list[str] = Field(max_length=5)
    events: list[NaiveEvent] = Field(max_length=5)


def measure(mode: str, article: Path) -> dict[str, float | int | str]:
    """Run one mode once in this process and report time, tokens and peak RSS."""
    from jinja2 import Template

    from summarizer import Summarizer
    from summarizer.ledger import Ledger, booking

    text = article.read_text(encoding="utf-8")
    summarizer = Summarizer()
    t = time.perf_counter()
    backend = summarizer.backend
    load = time.perf_counter() - t
    t = time.perf_counter()
    if mode == "pipeline":
        result = summarizer.summarize(text, article_id=article.stem)
        tokens, calls = result.provenance.usage.total_tokens, result.provenance.calls
        sample = result.summary.en
    else:
        prompt = Template((Path(__file__).parent / "naive_prompt.j2").read_text(encoding="utf-8")).render(article=text)
        ledger = Ledger()

        async def one_call() -> NaiveSummary:
            with booking(ledger):
                return await backend.complete(
                    NaiveSummary, [{"role": "user", "content": prompt}],
                    context={}, max_tokens=3000, stage="naive", article_id=article.stem,
                )

        naive = asyncio.run(one_call())
        tokens, calls, sample = ledger.usage.total_tokens, ledger.calls, naive.summary_en
    seconds = time.perf_counter() - t
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "seconds": seconds, "load_s": load, "tokens": tokens, "calls": calls,
            "peak_rss_mib": peak_mib, "sample": sample[:160]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument("--one", choices=["pipeline", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_pipeline.json")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.article), ensure_ascii=False))
        return
    runs: list[dict] = []
    for _ in range(args.repeats):
        for mode in ("naive", "pipeline"):
            proc = subprocess.run(
                [sys.executable, __file__, "--one", mode, "--article", str(args.article)],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                runs.append({"mode": mode, "error": proc.stderr.strip().splitlines()[-1:]})
                continue
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    ok = {m: [r for r in runs if r["mode"] == m and "seconds" in r] for m in ("naive", "pipeline")}
    median = {m: statistics.median(r["seconds"] for r in rs) for m, rs in ok.items() if rs}
    print("\n| mode | runs | median s/article | tokens | calls | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for m, rs in ok.items():
        if rs:
            print(f"| {m} | {len(rs)} | {median[m]:.1f} | {rs[-1]['tokens']} | {rs[-1]['calls']} | "
                  f"{max(r['peak_rss_mib'] for r in rs):.0f} |")
    if len(median) == 2:
        print(f"\npipeline / naive time ratio: {median['pipeline'] / median['naive']:.2f}")
    args.out.write_text(json.dumps(runs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
