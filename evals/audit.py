"""The reader's audit of a recorded run (summarizer.evaluation.audit).

Usage:
  python evals/audit.py template OUTPUTS [--previous AUDIT.tsv] > evals/audit/NAME.tsv
      one row per headline and key point per language, verdict "unread"; with --previous,
      verdicts of unchanged statements are carried over.
  python evals/audit.py counts AUDIT.tsv [--outputs OUTPUTS]
      checks the file (and, with --outputs, that it covers exactly those outputs' statements) and
      prints the counts per language; exits 1 on a malformed or stale audit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.evaluation.audit import AuditError, audit_counts, audit_template, read_audit  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help="a blank audit of OUTPUTS on stdout")
    template.add_argument("outputs", type=Path)
    template.add_argument("--previous", type=Path, help="an earlier audit whose verdicts carry over")
    counts = commands.add_parser("counts", help="check an audit and count its verdicts per language")
    counts.add_argument("audit", type=Path)
    counts.add_argument("--outputs", type=Path, help="the outputs it must cover exactly")
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            previous = read_audit(args.previous) if args.previous else []
            sys.stdout.write(audit_template(args.outputs, previous))
            return 0
        table = audit_counts(read_audit(args.audit, args.outputs))
    except AuditError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for lang, numbers in table.items():
        print(lang, "  ".join(f"{k}={v}" for k, v in numbers.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
