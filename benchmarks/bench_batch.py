"""Batch regeneration: throughput by concurrency, an unchanged re-run, and peak memory by input size.

Everything runs against a local OpenAI-compatible server (tests/openai_server.py) in its own
process, so its CPU does not compete with the client's event loop. It answers every stage with
the valid seed reply after a fixed delay (a stand-in for model latency). The articles are
synthetic: the seed article with one sentence of its own appended, so every reply stays
grounded in its article while every article has its own text (and cache key).

    .venv/bin/python benchmarks/bench_batch.py                     # everything (~15 min on 2 busy cores)
    .venv/bin/python benchmarks/bench_batch.py --memory 1000,3000  # smaller memory sizes
    .venv/bin/python benchmarks/bench_batch.py --skip-memory --skip-rerun

All throughput numbers of a table come from one run, side by side; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_4e32085be5773d8c.txt"
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def variant(text: str, i: int) -> str:
    """The seed with an appended sentence naming a letter code unique to i (no digits: numbers are checked)."""
    code = []
    for _ in range(4):
        i, r = divmod(i, len(_LETTERS))
        code.append(_LETTERS[r])
    return f"{text.rstrip()}\nوقال المحرر إن رمز النسخة ظ{''.join(code)}."


def write_jsonl(path: Path, n: int, start: int = 0) -> Path:
    text = SEED.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as handle:
        for i in range(start, start + n):
            handle.write(json.dumps({"id": f"b{i:06d}", "text": variant(text, i)}, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------- the server process


def serve(delay: float) -> None:
    """Run the scripted server: print its URL, then answer each stdin line with the request count."""
    from tests.openai_server import Reply, ScriptedServer
    from tests.seed_replies import valid_reply

    def answer(request: dict[str, Any]) -> Reply:
        return Reply(content=valid_reply(request), delay=delay)

    server = ScriptedServer(answer).start()
    print(server.url, flush=True)
    for _ in sys.stdin:
        print(len(server.requests), flush=True)
    server.stop()


class Server:
    def __init__(self, delay: float) -> None:
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", str(delay)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.url = self.proc.stdout.readline().strip()

    def requests(self) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("?\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


# --------------------------------------------------------------------------- measurements


def settings(url: str):
    from summarizer import Settings

    return Settings.load(base_url=url, model="bench", api_key="sk-bench", request_form="json_schema")


def timed_run(url: str, source: Path, work: Path, concurrency: int, name: str) -> dict[str, Any]:
    from summarizer.batch import BatchOptions, run_batch

    cpu = time.process_time()
    started = time.perf_counter()
    report = run_batch([source], BatchOptions(out=work / f"{name}.jsonl", concurrency=concurrency, progress=False),
                       settings(url))
    seconds = time.perf_counter() - started
    if report.failed or report.failed_cached:
        raise SystemExit(f"{report.failed} article(s) failed, e.g. {report.failures[0]}: the replies no longer fit the pipeline")
    return {"articles": report.seen, "done": report.done, "cached": report.cached, "failed": report.failed,
            "calls": report.calls, "seconds": seconds, "cpu_s": time.process_time() - cpu,
            "rate": report.seen / seconds}


def throughput(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    server = Server(args.delay)
    try:
        warm = write_jsonl(work / "in-warm.jsonl", 2, start=900_000)
        timed_run(server.url, warm, work, 2, "warm")  # imports, clients, first-call costs
        rows = []
        for c in args.concurrency:
            n = max(c * args.waves, args.min_articles)
            source = write_jsonl(work / f"in-c{c}.jsonl", n, start=c * 10_000)
            row = {"concurrency": c, **timed_run(server.url, source, work, c, f"c{c}")}
            rows.append(row)
            print(json.dumps(row), flush=True)
        base = rows[0]["rate"] / rows[0]["concurrency"]
        for row in rows:
            row["ideal"] = base * row["concurrency"]
            row["efficiency"] = row["rate"] / row["ideal"]
        return rows
    finally:
        server.close()


def rerun(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    server = Server(0.0)
    try:
        source = write_jsonl(work / "in-rerun.jsonl", args.rerun, start=500_000)
        first = timed_run(server.url, source, work, args.rerun_concurrency, "rerun")
        print(json.dumps({"populate": first}), flush=True)
        before = server.requests()
        again = timed_run(server.url, source, work, args.rerun_concurrency, "rerun")
        library_calls = server.requests() - before
        # The same re-run as a user runs it: a fresh process, imports included.
        command = [sys.executable, "-m", "summarizer", "batch", str(source), "--out", str(work / "rerun.jsonl"),
                   "--base-url", server.url, "--model", "bench", "--api-key", "sk-bench", "--request-form",
                   "json_schema", "--concurrency", str(args.rerun_concurrency)]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        process_s = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import summarizer.batch"], check=True, env=env)
        import_s = time.perf_counter() - started
        result = {"articles": args.rerun, "library_s": again["seconds"], "process_s": process_s,
                  "import_s": import_s, "model_calls": server.requests() - before, "library_calls": library_calls,
                  "cached": again["cached"], "summary": proc.stdout.strip()}
        print(json.dumps(result, ensure_ascii=False), flush=True)
        return result
    finally:
        server.close()


def memory_one(n: int, url: str, work: Path, concurrency: int) -> None:
    """In a fresh process: run n articles (streamed JSONL), then print peak RSS."""
    source = write_jsonl(work / f"in-mem{n}.jsonl", n, start=1_000_000)
    row = timed_run(url, source, work, concurrency, f"mem{n}")
    row["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(row), flush=True)


def memory(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    server = Server(0.0)
    try:
        rows = []
        for n in args.memory:
            proc = subprocess.run([sys.executable, __file__, "--memory-one", str(n), server.url, str(work),
                                   str(args.memory_concurrency)], capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"memory run of {n} articles failed")
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row["n"] = n
            rows.append(row)
            print(json.dumps(row), flush=True)
        return rows
    finally:
        server.close()


# --------------------------------------------------------------------------- report


def table(results: dict[str, Any], args: argparse.Namespace) -> str:
    lines = []
    if rows := results.get("throughput"):
        calls = rows[0]["calls"] // max(rows[0]["done"], 1)
        lines += [f"Throughput, {args.delay:g} s per model call ({calls} sequential model calls per article):", "",
                  "| concurrency | articles | seconds | articles/s | ideal (c x sequential) | of ideal | client CPU s/article |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['concurrency']} | {r['articles']} | {r['seconds']:.1f} | {r['rate']:.2f} | "
                         f"{r['ideal']:.2f} | {r['efficiency']:.0%} | {r['cpu_s'] / r['articles']:.3f} |")
        lines.append("")
    if r := results.get("rerun"):
        lines += ["Re-running an unchanged batch:", "",
                  "| articles | model calls | library run s | `summarizer batch` process s | of which Python + imports s |",
                  "|---:|---:|---:|---:|---:|",
                  f"| {r['articles']} | {r['model_calls']} | {r['library_s']:.2f} | {r['process_s']:.2f} | "
                  f"{r['import_s']:.2f} |", ""]
    if rows := results.get("memory"):
        lines += ["Peak memory (RSS of a fresh process, JSONL input streamed, "
                  f"concurrency {args.memory_concurrency}, no delay):", "",
                  "| articles | seconds | peak RSS MiB | vs smallest |", "|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['n']} | {r['seconds']:.0f} | {r['peak_rss_mib']:.0f} | "
                         f"{r['peak_rss_mib'] / rows[0]['peak_rss_mib']:.2f}x |")
        lines.append("")
    return "\n".join(lines)


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds per model call (default 2)")
    parser.add_argument("--concurrency", type=_ints, default=[1, 8, 32, 128])
    parser.add_argument("--waves", type=int, default=6, help="articles per concurrency slot (steady state, not the start)")
    parser.add_argument("--min-articles", type=int, default=3)
    parser.add_argument("--rerun", type=int, default=1000, help="articles of the unchanged re-run")
    parser.add_argument("--rerun-concurrency", type=int, default=32)
    parser.add_argument("--memory", type=_ints, default=[1000, 10000], help="input sizes for peak memory")
    parser.add_argument("--memory-concurrency", type=int, default=32)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-rerun", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_batch.json")
    parser.add_argument("--serve", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--memory-one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        return serve(args.serve)
    if args.memory_one:
        n, url, work, concurrency = args.memory_one
        return memory_one(int(n), url, Path(work), int(concurrency))

    work = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    results: dict[str, Any] = {"delay": args.delay, "cpus": os.cpu_count(), "load_avg": os.getloadavg()}
    try:
        if not args.skip_throughput:
            results["throughput"] = throughput(args, work)
        if not args.skip_rerun:
            results["rerun"] = rerun(args, work)
        if not args.skip_memory:
            results["memory"] = memory(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_avg_after"] = os.getloadavg()
    print()
    print(table(results, args))
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
