"""How each hostile input and injected fault ended, as the tests saw it: the numbers of docs/reliability.md.

The tests call `record(table, **row)`; rows are written only when SUMMARIZER_RELIABILITY_REPORT
names a folder (one JSON line per row in FOLDER/<table>.jsonl). To print the tables::

    .venv/bin/python -m tests.hostile.reliability

runs tests/test_hostile_inputs.py and tests/test_endpoint_faults.py with recording on, then prints
one markdown table per kind of test from what they recorded (nothing is typed in by hand).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ENV = "SUMMARIZER_RELIABILITY_REPORT"
ROOT = Path(__file__).resolve().parents[2]


def record(table: str, **row: Any) -> None:
    """Append one outcome to `table` when recording is on (a no-op otherwise)."""
    folder = os.environ.get(ENV)
    if not folder:
        return
    with open(Path(folder) / f"{table}.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _rows(folder: Path, table: str) -> list[dict[str, Any]]:
    path = folder / f"{table}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render(folder: Path) -> str:
    out = []
    inputs = _rows(folder, "inputs")
    if inputs:
        seen: dict[str, dict[str, Any]] = {}
        for row in inputs:  # one row per input and path (library / CLI); keep both
            seen[f"{row['input']} ({row['via']})"] = row
        out.append(f"Hostile inputs: {len({r['input'] for r in inputs})} inputs, {len(seen)} runs\n")
        out.append(_table(["input", "via", "outcome", "detail"],
                          [[r["input"], r["via"], r["outcome"], r["detail"]] for r in seen.values()]))
    injections = _rows(folder, "injections")
    if injections:
        out.append(f"\nInjected instructions obeyed by scripted replies: {len(injections)} cases\n")
        out.append(_table(["article", "stage obeying", "demand", "outcome", "demand in output"],
                          [[r["article"], r["stage"], r["demand"], r["outcome"], r["in_output"]] for r in injections]))
    faults = _rows(folder, "faults")
    if faults:
        out.append(f"\nEndpoint faults: {len(faults)} scenarios\n")
        out.append(_table(["fault", "when", "outcome", "calls", "transport retries", "re-asks", "wall s (bound)"],
                          [[r["fault"], r["when"], r["outcome"], r["calls"], r["transport_retries"], r["retries"],
                            f"{r['seconds']:.2f}" + (f" ({r['bound']})" if r["bound"] is not None else "")] for r in faults]))
    batches = _rows(folder, "batch")
    for r in batches:
        out.append(f"\nBatch under random faults: {r['articles']} articles, {r['requests']} requests, "
                   f"{r['faulted']} faulted ({r['fault_rate']:.0%}; {r['kinds']})\n")
        out.append(_table(["summarised", "recorded failures", "lost", "duplicated", "failure types", "seconds"],
                          [[r["ok"], r["failed"], r["lost"], r["duplicated"], r["failure_types"], f"{r['seconds']:.1f}"]]))
    secrets = _rows(folder, "secrets")
    if secrets:
        what = Counter(r["what"] for r in secrets)
        out.append(f"\nSecret key: searched {', '.join(f'{n} x {w}' for w, n in what.items())} "
                   f"({sum(r['bytes'] for r in secrets):,} bytes); with the key in them: "
                   f"{sum(1 for r in secrets if r['leaks'])}")
    return "\n".join(out)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, ENV: folder}
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:warnings", "-q",
             "tests/test_hostile_inputs.py", "tests/test_endpoint_faults.py"],
            cwd=ROOT, env=env, check=False,
        )
        print(render(Path(folder)))
        return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
