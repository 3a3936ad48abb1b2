"""Decoding engines and prompt-lookup decoding, side by side on the pipeline's heaviest request.

The request is the real `summarize_ar` stage (its template, its schema as a grammar, its
max_tokens) for real articles: the stage whose Arabic points restate article sentences, so the
one where drafting tokens from the prompt should pay most. Modes, each in its own subprocess,
alternating in one run so machine noise hits all alike:

- `lcp`: llama-cpp-python as the project builds it (from source), no drafting: the reference;
- `lcp-lookup`: the same with `LlamaPromptLookupDecoding` (drafts looked up in the prompt);
- `xl`: xllamacpp's prebuilt CPU wheel (llama.cpp's C++ server in process), no drafting;
- `xl-ngram`: the same with llama.cpp's own n-gram speculative decoding.

At temperature 0 a speed-only change must give the same text: the table says, per mode, on how
many requests the reply is byte-identical to `lcp`'s. xllamacpp is not a dependency of the
project: install it into a scratch venv and pass it with `--xl-python`.

    .venv/bin/python benchmarks/bench_engine.py --xl-python /tmp/venv-x/bin/python \
        [--articles ../shared/corpus/articles/X.txt ...] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4e32085be5773d8c.txt"
MODES = ("lcp", "lcp-lookup", "xl", "xl-ngram")
DRAFT_TOKENS = 10


def build_request(article: Path) -> dict[str, Any]:
    """The summarize_ar request the pipeline sends for `article`, in llama.cpp's own form."""
    sys.path.insert(0, str(ROOT))
    from summarizer.grounding import Source
    from summarizer.pipeline import MAX_POINTS
    from summarizer.prompts import Prompts
    from summarizer.responses import ArabicSummary
    from summarizer.stages import MAX_TOKENS

    source = Source(article.read_text(encoding="utf-8"))
    messages = Prompts().messages("summarize_ar", sentences=source.sentence_texts(), max_points=MAX_POINTS)
    return {
        "messages": messages,
        "response_format": {"type": "json_object", "schema": ArabicSummary.model_json_schema()},
        "max_tokens": MAX_TOKENS["summarize_ar"],
        "temperature": 0.0,
        "seed": 0,
    }


def run_lcp(model: Path, requests: list[dict[str, Any]], lookup: bool) -> list[dict[str, Any]]:
    from llama_cpp import Llama
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    extra: dict[str, Any] = {}
    if lookup:
        extra = {"draft_model": LlamaPromptLookupDecoding(num_pred_tokens=DRAFT_TOKENS), "logits_all": True}
    llama = Llama(model_path=str(model), n_ctx=8192, seed=0, verbose=False, **extra)
    results = []
    for request in requests:
        llama.reset()  # every request starts cold, as the first call of an article does
        started = time.perf_counter()
        reply = llama.create_chat_completion(**request)
        results.append({"seconds": time.perf_counter() - started, "text": reply["choices"][0]["message"]["content"],
                        "completion_tokens": reply["usage"]["completion_tokens"],
                        "prompt_tokens": reply["usage"]["prompt_tokens"]})
    return results


def run_xl(model: Path, requests: list[dict[str, Any]], ngram: bool) -> list[dict[str, Any]]:
    import os

    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = str(model)
    params.n_ctx = 8192
    params.n_parallel = 1
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = os.cpu_count() or 1
    if ngram:
        params.speculative.types = [xlc.common_speculative_type.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
    server = xlc.Server(params)
    results = []
    for request in requests:
        started = time.perf_counter()
        reply = server.handle_chat_completions({**request, "cache_prompt": False})
        timings = reply.get("timings", {})
        results.append({"seconds": time.perf_counter() - started, "text": reply["choices"][0]["message"]["content"],
                        "completion_tokens": reply["usage"]["completion_tokens"],
                        "prompt_tokens": reply["usage"]["prompt_tokens"],
                        "prompt_per_second": timings.get("prompt_per_second"),
                        "decode_per_second": timings.get("predicted_per_second"),
                        "draft_n": timings.get("draft_n"), "draft_accepted": timings.get("draft_n_accepted")})
    return results


def one(mode: str, requests_file: Path, model: Path) -> None:
    requests = json.loads(requests_file.read_text(encoding="utf-8"))
    if mode.startswith("lcp"):
        results = run_lcp(model, requests, lookup=mode == "lcp-lookup")
    else:
        results = run_xl(model, requests, ngram=mode == "xl-ngram")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "results": results, "peak_rss_mib": peak}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, nargs="+", default=[SEED])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--xl-python", type=Path, help="a Python with xllamacpp installed (for the xl modes)")
    parser.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_engine.json")
    args = parser.parse_args()
    if args.one:
        one(args.one, args.requests, args.model)
        return

    from summarizer.config import Settings
    from summarizer.local_model import ensure_model

    model, _ = ensure_model(Settings.load())
    requests_file = args.out.with_suffix(".requests.json")
    requests_file.write_text(json.dumps([build_request(a) for a in args.articles], ensure_ascii=False), encoding="utf-8")
    runs: list[dict[str, Any]] = []
    for _ in range(args.repeats):
        for mode in args.modes:
            python = args.xl_python if mode.startswith("xl") else Path(sys.executable)
            if python is None:
                print(f"skipping {mode}: no --xl-python", file=sys.stderr)
                continue
            proc = subprocess.run(
                [str(python), __file__, "--one", mode, "--requests", str(requests_file), "--model", str(model)],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                runs.append({"mode": mode, "error": proc.stderr.strip().splitlines()[-1:]})
                print(proc.stderr[-2000:], file=sys.stderr)
                continue
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(json.dumps({k: v for k, v in runs[-1].items() if k != "results"}
                             | {"seconds": [round(r["seconds"], 1) for r in runs[-1]["results"]]}), flush=True)
    requests_file.unlink()

    reference = [r["results"] for r in runs if r["mode"] == "lcp" and "results" in r]
    print("\n| mode | requests | median s/request | time / lcp | decode tok/s (xl) | same text as lcp | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    lcp_median = None
    for mode in args.modes:
        done = [r for r in runs if r["mode"] == mode and "results" in r]
        if not done:
            continue
        seconds = [x["seconds"] for r in done for x in r["results"]]
        median = statistics.median(seconds)
        lcp_median = median if mode == "lcp" else lcp_median
        same = sum(x["text"] == ref["text"] for r in done for ref_run in reference[:1]
                   for x, ref in zip(r["results"], ref_run, strict=True))
        decode = [x["decode_per_second"] for r in done for x in r["results"] if x.get("decode_per_second")]
        decode_cell = f"{statistics.median(decode):.1f}" if decode else "–"
        print(f"| {mode} | {len(seconds)} | {median:.1f} | {median / lcp_median:.2f} | {decode_cell} | "
              f"{same}/{len(seconds)} | {max(r['peak_rss_mib'] for r in done):.0f} |")
    args.out.write_text(json.dumps(runs, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
