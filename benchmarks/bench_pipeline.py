"""Seconds and peak memory per article: the staged pipeline vs one naive schema call, same model,
and against the pipeline of an earlier commit.

Each measurement runs in its own subprocess (so peak RSS belongs to one mode), and the modes
alternate in one run, article by article, so machine noise hits all alike; the table reports the
ratios. `--baseline-tree DIR` adds the mode `baseline`: the pipeline of the checkout in DIR (a
`git worktree` of an earlier commit, run on its own default settings with this venv), imported
ahead of this one through PYTHONPATH. An article that fails counts with its time to the failure
(and is counted as failed).

    .venv/bin/python benchmarks/bench_pipeline.py [--repeats 2] [--article seeds/...txt ...]
    git worktree add --detach ../summarizer-633f3c9 633f3c9
    .venv/bin/python benchmarks/bench_pipeline.py --baseline-tree ../summarizer-633f3c9 --repeats 1 \
        --article ../shared/corpus/articles/0{03,18,29}_*.txt
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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

    text = article.read_text(encoding="utf-8")
    summarizer = Summarizer()
    t = time.perf_counter()
    backend = summarizer.backend
    load = time.perf_counter() - t
    t = time.perf_counter()
    failed = None
    if mode in ("pipeline", "baseline"):
        from summarizer.errors import LLMError

        try:
            result = summarizer.summarize(text, article_id=article.stem)
            tokens, calls = result.provenance.usage.total_tokens, result.provenance.calls
            sample = result.summary.en or result.summary.ar  # Arabic only when no English passed the checks
        except LLMError as error:  # a failed article took its time too: the time to the failure
            tokens, calls, sample, failed = error.usage.total_tokens, error.attempts, "", str(error)[:300]
    else:
        from summarizer.ledger import Ledger, booking

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
    return {"mode": mode, "article": article.stem, "seconds": seconds, "load_s": load, "tokens": tokens, "calls": calls,
            "peak_rss_mib": peak_mib, "sample": sample[:160], "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--article", type=Path, nargs="+", default=[SEED])
    parser.add_argument("--baseline-tree", type=Path, help="a checkout of an earlier commit: adds mode 'baseline'")
    parser.add_argument("--one", choices=["pipeline", "naive", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_pipeline.json")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.article[0]), ensure_ascii=False))
        return
    modes = ("naive", "pipeline", "baseline") if args.baseline_tree else ("naive", "pipeline")
    runs: list[dict] = []
    for _ in range(args.repeats):
        for article in args.article:
            for mode in modes:
                env = dict(os.environ)
                if mode == "baseline":
                    env["PYTHONPATH"] = str(args.baseline_tree.resolve())
                proc = subprocess.run(
                    [sys.executable, __file__, "--one", mode, "--article", str(article.resolve())],
                    capture_output=True, text=True, check=False, env=env,
                )
                if proc.returncode != 0:
                    print(proc.stderr[-2000:], file=sys.stderr)
                    runs.append({"mode": mode, "article": article.stem, "error": proc.stderr.strip().splitlines()[-1:]})
                    continue
                runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
                print(json.dumps(runs[-1], ensure_ascii=False), flush=True)
    ok = {m: [r for r in runs if r["mode"] == m and "seconds" in r] for m in modes}
    median = {m: statistics.median(r["seconds"] for r in rs) for m, rs in ok.items() if rs}
    print("\n| mode | runs | failed | median s/article | tokens/article | calls/article | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for m, rs in ok.items():
        if rs:
            print(f"| {m} | {len(rs)} | {sum(bool(r.get('failed')) for r in rs)} | {median[m]:.1f} | "
                  f"{statistics.mean(r['tokens'] for r in rs):,.0f} | {statistics.mean(r['calls'] for r in rs):.1f} | "
                  f"{max(r['peak_rss_mib'] for r in rs):.0f} |")
    # Paired by article: the ratio of summed seconds over the articles both modes finished.
    seconds = {(r["mode"], r["article"]): r["seconds"] for r in runs if "seconds" in r}
    for other in ("naive", "baseline"):
        paired = [a.stem for a in args.article if ("pipeline", a.stem) in seconds and (other, a.stem) in seconds]
        if paired:
            ratio = sum(seconds["pipeline", a] for a in paired) / sum(seconds[other, a] for a in paired)
            print(f"pipeline / {other} time, paired over {len(paired)} article(s): {ratio:.2f}")
    args.out.write_text(json.dumps(runs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
