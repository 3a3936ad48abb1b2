"""ASSAULT and PROTEST detection by the pipeline's events stage, on a sample of a public labelled set.

    .venv/bin/python benchmarks/bench_events_gsr.py --per-label 20          # table + results_events_gsr.json
    SUMMARIZER_CALL_CACHE=/tmp/gsr-cache .venv/bin/python benchmarks/bench_events_gsr.py ...   # resumable

The set is `openeventdata/arabic_event_gsr` as in `bench_triggers_gsr.py` (read at run time from a
local git mirror, never copied into the project; positive "yes", negative "easy no" + "difficult
no", "ambiguous" excluded). Every sentence is one model call on the embedded model (tens of
seconds on a CPU), so this runs on a seeded random sample: `--per-label` positive and as many
negative sentences per set, the same sample for every system.

Each sampled sentence is an article of one sentence, published on the date its id carries
(AAW_ARB_20071026...), and goes through the pipeline's own events stage (`events.code_events`:
candidates by the trigger lexicon, the model's choice among the offered types, records by code,
no summary points). A sentence with no candidate costs no call and has no record. Systems per
sentence:

* lexicon, strong: a strong trigger of the set's type (as in `bench_triggers_gsr.py`);
* pipeline, any status: a record of the set's type;
* pipeline, occurred/claimed: such a record whose status is not planned or denied (the set
  labels events that happened).

Recall is measured on the positive sample. Precision on the whole set is estimated from the two
strata: P = R x positives / (R x positives + FPR x negatives), with the set's own counts, so a
sample balanced for the model's sake does not flatter it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_triggers_gsr import (  # noqa: E402
    GSR_REPO,
    NEGATIVE,
    POSITIVE,
    SETS,
    git_commit,
    load_set,
    write_report,
)

from summarizer import Summarizer  # noqa: E402
from summarizer.events import code_events  # noqa: E402
from summarizer.grounding import Source  # noqa: E402
from summarizer.names import KnownNames  # noqa: E402
from summarizer.pipeline import MAX_POINTS  # noqa: E402
from summarizer.regions import Regions  # noqa: E402
from summarizer.stages import StageRunner  # noqa: E402
from summarizer.triggers import TriggerLexicon, find_triggers  # noqa: E402

SYSTEMS = ("lexicon_strong", "pipeline_any", "pipeline_occurred")


def published_of(row_id: str) -> dt.date | None:
    """The date a Gigaword document id carries (AAW_ARB_20071026.0026-2 -> 2007-10-26)."""
    m = re.search(r"_(\d{8})\.", row_id)
    return dt.datetime.strptime(m.group(1), "%Y%m%d").date() if m else None


async def coded_types(summarizer: Summarizer, row_id: str, text: str) -> tuple[list[tuple[str, str]], dict]:
    """(type, status) of every record the events stage codes for one sentence, and what it cost."""
    known = KnownNames(text, *summarizer.reference, Regions.default())
    source = Source(text)
    runner = StageRunner(summarizer.prompts, summarizer.backend, row_id, source,
                         {"sentences": source.sentence_texts(), "max_points": MAX_POINTS})
    started = time.perf_counter()
    extraction = await code_events(runner, source, known, published_of(row_id), [])
    cost = {"calls": runner.spent.calls, "tokens": runner.spent.usage.total_tokens,
            "seconds": round(time.perf_counter() - started, 1), "rejected": len(runner.rejected)}
    return [(e.event_type.value, e.status) for e in extraction.events], cost


def estimate(detected: dict[str, int], sampled: dict[str, int], population: dict[str, int]) -> dict:
    """Recall on the positive stratum, false-positive rate on the negative one, precision for the set."""
    r = detected["pos"] / sampled["pos"] if sampled["pos"] else 0.0
    fpr = detected["neg"] / sampled["neg"] if sampled["neg"] else 0.0
    tp, fp = r * population["pos"], fpr * population["neg"]
    p = tp / (tp + fp) if tp + fp else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"recall": round(r, 3), "false_positive_rate": round(fpr, 3), "precision_est": round(p, 3),
            "f1_est": round(f, 3), "detected_pos": detected["pos"], "detected_neg": detected["neg"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gsr-repo", default=GSR_REPO)
    ap.add_argument("--per-label", type=int, default=20, help="positive and negative sentences sampled per set")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sets", default="assault,protest")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results_events_gsr.json")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    summarizer = Summarizer()
    lexicon = TriggerLexicon.default()
    t0 = time.perf_counter()
    report: dict = {
        "benchmark": "events stage vs trigger lexicon, sample of openeventdata/arabic_event_gsr",
        "date": dt.date.today().isoformat(), "per_label": args.per_label, "seed": args.seed,
        "gsr_commit": git_commit(args.gsr_repo, "HEAD"), "sets": {},
    }
    for name in args.sets.split(","):
        rows = [r for r in load_set(args.gsr_repo, SETS[name][0]) if r.label in POSITIVE | NEGATIVE]
        strata = {"pos": [r for r in rows if r.label in POSITIVE], "neg": [r for r in rows if r.label in NEGATIVE]}
        rng = random.Random(f"{args.seed}-{name}")
        sample = {k: rng.sample(v, min(args.per_label, len(v))) for k, v in strata.items()}
        detected = {s: {"pos": 0, "neg": 0} for s in SYSTEMS}
        cost = {"calls": 0, "tokens": 0, "seconds": 0.0, "rejected": 0}
        types_seen: dict[str, int] = {}
        for stratum, chosen in sample.items():
            for k, row in enumerate(chosen, 1):
                strong = any(m.strong and m.event_type.value == name for m in find_triggers(row.text, lexicon))
                coded, spent = asyncio.run(coded_types(summarizer, row.id, row.text))
                for key, value in spent.items():
                    cost[key] += value
                for t, _ in coded:
                    types_seen[t] = types_seen.get(t, 0) + 1
                hits = {
                    "lexicon_strong": strong,
                    "pipeline_any": any(t == name for t, _ in coded),
                    "pipeline_occurred": any(t == name and s in ("occurred", "claimed") for t, s in coded),
                }
                for system, hit in hits.items():
                    detected[system][stratum] += hit
                print(f"{name} {stratum} {k}/{len(chosen)} {row.id}: {coded} ({spent['seconds']} s)", flush=True)
        sampled = {k: len(v) for k, v in sample.items()}
        population = {k: len(v) for k, v in strata.items()}
        report["sets"][name] = {
            "population": population, "sampled": sampled, "sample_ids": {k: [r.id for r in v] for k, v in sample.items()},
            "systems": {s: estimate(detected[s], sampled, population) for s in SYSTEMS},
            "cost": {**cost, "seconds": round(cost["seconds"], 1)}, "types_coded": dict(sorted(types_seen.items())),
        }
    report["seconds"] = round(time.perf_counter() - t0, 1)
    report["provider"] = summarizer.backend.provider
    report["model"] = summarizer.backend.model

    for name, res in report["sets"].items():
        print(f"\n{name.upper()}: sample {res['sampled']} of {res['population']}; {res['cost']}")
        print(f"{'system':24s} {'R':>6s} {'FPR':>6s} {'P est':>6s} {'F1 est':>6s}")
        for system in SYSTEMS:
            s = res["systems"][system]
            print(f"{system:24s} {s['recall']:6.3f} {s['false_positive_rate']:6.3f} {s['precision_est']:6.3f} "
                  f"{s['f1_est']:6.3f}")
    if not args.no_write:
        write_report(report, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
