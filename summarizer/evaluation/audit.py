"""A reader's audit of recorded outputs: one row per statement (headline, key point) per language.

Metrics miss what a reader sees, so a person reads each statement of a recorded run against its
article and marks it faithful or not, with a reason from a closed list. The audit is data (TSV,
`evals/audit/`), checked against the outputs it audits: a row whose text no longer matches its
output, or an output statement with no row, is an error, so an audit cannot silently go stale.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "AUDIT_COLUMNS",
    "REASONS",
    "VERDICTS",
    "AuditError",
    "AuditRow",
    "audit_counts",
    "audit_template",
    "read_audit",
    "statements",
]

AUDIT_COLUMNS = ("article_id", "statement", "lang", "verdict", "reason", "note", "text")
VERDICTS = ("faithful", "unfaithful", "unread")
# What a reader would call the fault, worst first; "omission" only where leaving something out
# changes the meaning (an attack "claimed" reported as done, a count without its "about").
REASONS = (
    "invented fact",
    "wrong name",
    "wrong role",
    "wrong number",
    "wrong day",
    "wrong term",
    "omission",
    "not a sentence",
)

Lang = Literal["ar", "en"]


class AuditError(ValueError):
    """An audit file that is malformed or does not match the outputs it audits."""


@dataclass(frozen=True)
class AuditRow:
    """One statement of one output in one language, with the reader's verdict."""

    article_id: str
    statement: str  # "headline" or "point1".."pointN"
    lang: Lang
    text: str
    verdict: str = "unread"
    reason: str = ""
    note: str = ""


def statements(output: Mapping[str, object]) -> list[AuditRow]:
    """The statements a reader audits in one output (ArticleSummary JSON), unread.

    A key point kept without English (`en: null`) states nothing in English, so it has an Arabic
    row only."""
    article_id = str(output["article_id"])
    texts: list[tuple[str, Mapping[str, str | None]]] = [("headline", output["headline"])]  # type: ignore[list-item]
    texts += [(f"point{i}", p) for i, p in enumerate(output["key_points"], 1)]  # type: ignore[arg-type]
    return [
        AuditRow(article_id, name, lang, _one_line(said))
        for name, text in texts
        for lang in ("ar", "en")
        if (said := text[lang]) is not None
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _outputs(folder: Path) -> dict[str, list[AuditRow]]:
    return {
        path.stem: statements(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.json"))
    }


def audit_template(outputs: Path, previous: Iterable[AuditRow] = ()) -> str:
    """TSV with a row per statement of every output in OUTPUTS; verdicts carried over from
    PREVIOUS rows whose article, statement, language and text are the same (a re-run that left a
    statement unchanged does not need reading again)."""
    known = {(r.article_id, r.statement, r.lang, r.text): r for r in previous}
    rows = [
        known.get((r.article_id, r.statement, r.lang, r.text), r)
        for rows in _outputs(outputs).values()
        for r in rows
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(AUDIT_COLUMNS)
    for r in rows:
        writer.writerow([getattr(r, column) for column in AUDIT_COLUMNS])
    return buffer.getvalue()


def read_audit(path: Path, outputs: Path | None = None) -> list[AuditRow]:
    """Rows of an audit TSV, validated; with OUTPUTS, also checked to cover exactly their statements."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != AUDIT_COLUMNS:
            raise AuditError(f"{path}: columns must be {', '.join(AUDIT_COLUMNS)}; found {reader.fieldnames}")
        rows = [AuditRow(**{k: (v or "") for k, v in record.items()}) for record in reader]  # type: ignore[arg-type]
    problems = [p for i, row in enumerate(rows, 2) for p in _row_problems(row, f"{path.name}:{i}")]
    if outputs is not None:
        problems += _coverage_problems(rows, _outputs(outputs))
    if problems:
        raise AuditError(f"{path}: {len(problems)} problem(s)\n  " + "\n  ".join(problems[:40]))
    return rows


def _row_problems(row: AuditRow, where: str) -> list[str]:
    problems = []
    if row.lang not in ("ar", "en"):
        problems.append(f"{where}: lang must be ar or en, not {row.lang!r}")
    if row.verdict not in VERDICTS:
        problems.append(f"{where}: verdict must be one of {', '.join(VERDICTS)}, not {row.verdict!r}")
    if row.verdict == "unfaithful" and row.reason not in REASONS:
        problems.append(f"{where}: an unfaithful statement needs a reason from: {', '.join(REASONS)}")
    if row.verdict != "unfaithful" and row.reason:
        problems.append(f"{where}: only an unfaithful statement has a reason (found {row.reason!r})")
    return problems


def _coverage_problems(rows: list[AuditRow], outputs: dict[str, list[AuditRow]]) -> list[str]:
    audited = {(r.article_id, r.statement, r.lang): r.text for r in rows}
    expected = {(r.article_id, r.statement, r.lang): r.text for rs in outputs.values() for r in rs}
    problems = [f"{k[0]} {k[1]} {k[2]}: no row for this statement" for k in expected if k not in audited]
    problems += [f"{k[0]} {k[1]} {k[2]}: no such statement in the outputs" for k in audited if k not in expected]
    problems += [
        f"{k[0]} {k[1]} {k[2]}: the row's text differs from the output's (audit is stale)"
        for k, text in audited.items()
        if k in expected and expected[k] != text
    ]
    return problems


def audit_counts(rows: Iterable[AuditRow]) -> dict[str, dict[str, int]]:
    """Per language: statements, faithful, unfaithful, unread, and unfaithful ones by reason."""
    counts: dict[str, Counter[str]] = {"ar": Counter(), "en": Counter()}
    for row in rows:
        c = counts[row.lang]
        c["statements"] += 1
        c[row.verdict] += 1
        if row.verdict == "unfaithful":
            c[f"reason: {row.reason}"] += 1
    keys = ("statements", *VERDICTS)
    return {
        lang: {**{k: c[k] for k in keys}, **{k: v for k, v in sorted(c.items()) if k.startswith("reason: ")}}
        for lang, c in counts.items()
    }
