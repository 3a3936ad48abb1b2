"""The reader's audit: a template covers every statement, verdicts are checked, stale rows are errors."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.evaluation.audit import AuditError, audit_counts, audit_template, read_audit, statements

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = Path(__file__).resolve().parent / "data" / "eval" / "outputs"
SCRIPT = ROOT / "evals" / "audit.py"


def two_outputs(tmp_path: Path) -> Path:
    folder = tmp_path / "outputs"
    folder.mkdir()
    for path in sorted(OUTPUTS.glob("*.json"))[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def write_rows(path: Path, text: str, edit) -> None:
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    for row in rows:
        edit(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_template_has_a_row_per_headline_and_point_in_each_language(tmp_path):
    outputs = two_outputs(tmp_path)
    expected = sum(
        2 * (1 + len(json.loads(p.read_text(encoding="utf-8"))["key_points"])) for p in outputs.glob("*.json")
    )
    audit = tmp_path / "a.tsv"
    audit.write_text(audit_template(outputs), encoding="utf-8")
    rows = read_audit(audit, outputs)
    assert len(rows) == expected
    assert {r.verdict for r in rows} == {"unread"}
    assert audit_counts(rows)["ar"]["unread"] == expected // 2


def test_verdicts_are_counted_per_language_with_their_reasons(tmp_path):
    outputs = two_outputs(tmp_path)
    audit = tmp_path / "a.tsv"

    def mark(row):
        wrong = row["lang"] == "en" and row["statement"] == "headline"
        row["verdict"] = "unfaithful" if wrong else "faithful"
        row["reason"] = "wrong name" if wrong else ""

    write_rows(audit, audit_template(outputs), mark)
    counts = audit_counts(read_audit(audit, outputs))
    assert counts["en"]["unfaithful"] == 2 and counts["en"]["reason: wrong name"] == 2
    assert counts["ar"]["unfaithful"] == 0 and counts["ar"]["faithful"] == counts["ar"]["statements"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.update(verdict="unfaithful"), "needs a reason"),
        (lambda r: r.update(verdict="maybe"), "verdict must be one of"),
        (lambda r: r.update(verdict="faithful", reason="wrong day"), "only an unfaithful statement has a reason"),
        (lambda r: r.update(text=r["text"] + " extra"), "stale"),
    ],
)
def test_a_malformed_or_stale_row_is_an_error(tmp_path, edit, message):
    outputs = two_outputs(tmp_path)
    audit = tmp_path / "a.tsv"
    first = []

    def edit_first(row):
        if not first:
            first.append(row)
            edit(row)

    write_rows(audit, audit_template(outputs), edit_first)
    with pytest.raises(AuditError, match=message):
        read_audit(audit, outputs)


def test_an_output_statement_without_a_row_is_an_error(tmp_path):
    outputs = two_outputs(tmp_path)
    audit = tmp_path / "a.tsv"
    audit.write_text(audit_template(outputs), encoding="utf-8")
    extra = sorted(OUTPUTS.glob("*.json"))[2]
    shutil.copy(extra, outputs / extra.name)
    with pytest.raises(AuditError, match="no row for this statement"):
        read_audit(audit, outputs)


def test_unchanged_statements_keep_their_verdicts_in_a_new_template(tmp_path):
    outputs = two_outputs(tmp_path)
    audit = tmp_path / "a.tsv"
    write_rows(audit, audit_template(outputs), lambda r: r.update(verdict="faithful"))
    path = sorted(outputs.glob("*.json"))[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["headline"]["en"] = "A different headline"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = tmp_path / "b.tsv"
    again.write_text(audit_template(outputs, read_audit(audit)), encoding="utf-8")
    rows = {(r.article_id, r.statement, r.lang): r for r in read_audit(again, outputs)}
    assert rows[(data["article_id"], "headline", "en")].verdict == "unread"
    assert rows[(data["article_id"], "headline", "ar")].verdict == "faithful"


def test_the_script_exits_1_on_a_stale_audit(tmp_path):
    outputs = two_outputs(tmp_path)
    audit = tmp_path / "a.tsv"
    made = subprocess.run([sys.executable, SCRIPT, "template", outputs], capture_output=True, text=True, check=True)
    audit.write_text(made.stdout, encoding="utf-8")
    ok = subprocess.run([sys.executable, SCRIPT, "counts", audit, "--outputs", outputs], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("ar statements=")
    (outputs / sorted(p.name for p in outputs.glob("*.json"))[0]).unlink()
    stale = subprocess.run([sys.executable, SCRIPT, "counts", audit, "--outputs", outputs], capture_output=True, text=True)
    assert stale.returncode == 1 and "no such statement in the outputs" in stale.stderr


def test_statements_flatten_line_breaks():
    output = {
        "article_id": "x",
        "headline": {"ar": "عنوان\nمكسور", "en": "A\nheadline"},
        "key_points": [{"ar": "نقطة", "en": "A point"}],
    }
    assert [(r.statement, r.lang, r.text) for r in statements(output)] == [
        ("headline", "ar", "عنوان مكسور"), ("headline", "en", "A headline"), ("point1", "ar", "نقطة"),
        ("point1", "en", "A point"),
    ]


def test_a_point_kept_without_english_has_an_arabic_row_only():
    output = {
        "article_id": "x",
        "headline": {"ar": "عنوان", "en": "A headline"},
        "key_points": [{"ar": "نقطة أولى", "en": None}, {"ar": "نقطة ثانية", "en": "A second point"}],
    }
    assert [(r.statement, r.lang) for r in statements(output)] == [
        ("headline", "ar"), ("headline", "en"), ("point1", "ar"), ("point2", "ar"), ("point2", "en"),
    ]


@pytest.mark.parametrize(("audit_name", "outputs_name"), [
    ("2026-11-30-news-embedded.tsv", "2026-11-30-embedded-outputs"),
    ("2026-12-01-news-xl.tsv", "2026-12-01-xl-outputs"),
    ("2026-12-01-news-9bf7c73.tsv", "2026-12-01-9bf7c73-outputs"),
    ("2026-12-01-news-3b2e4ac.tsv", "2026-12-01-3b2e4ac-outputs"),
])
def test_the_committed_audits_cover_their_recorded_runs_and_are_fully_read(audit_name, outputs_name):
    audit = ROOT / "evals" / "audit" / audit_name
    outputs = ROOT / "evals" / "news" / "results" / outputs_name
    rows = read_audit(audit, outputs)  # raises on a stale or malformed row
    counts = audit_counts(rows)
    assert counts["ar"]["unread"] == counts["en"]["unread"] == 0
    # every statement has its Arabic; a point kept without English has no English row
    assert counts["ar"]["statements"] >= counts["en"]["statements"] > 0
