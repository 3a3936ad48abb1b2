"""A run's outputs: its summaries as JSON lines, and its events as a spreadsheet's CSV, written atomically."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["EVENT_COLUMNS", "event_rows", "write_events_csv", "write_jsonl"]


@contextmanager
def _atomic_text(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Stream a file to `.NAME.tmp` and rename it over `path`: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_jsonl(summaries: Iterable[str], path: Path) -> int:
    """Summaries (as JSON), one per line; returns how many."""
    n = 0
    with _atomic_text(path) as handle:
        for summary_json in summaries:
            handle.write(summary_json)
            handle.write("\n")
            n += 1
    return n


EVENT_COLUMNS = (
    "article_id", "published", "event_index", "event_type", "acled_event_type", "acled_sub_event_type",
    "description_en", "description_ar", "actors_en", "actors_ar", "location_en", "location_ar", "country",
    "date_text", "date_iso", "date_precision", "quantities", "attribution", "evidence_text", "evidence_start",
    "evidence_end", "headline_en", "headline_ar", "model",
)


def write_events_csv(summaries: Iterable[str], path: Path) -> int:
    """One row per event of the summaries (as JSON); UTF-8 with a BOM so spreadsheet programs read the Arabic right."""
    n = 0
    with _atomic_text(path, encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for summary_json in summaries:
            for row in event_rows(json.loads(summary_json)):
                writer.writerow(row)
                n += 1
    return n


def event_rows(summary: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per event of an ArticleSummary (as parsed JSON), for spreadsheets."""
    for index, event in enumerate(summary.get("events") or [], start=1):
        location = event.get("location") or {}
        date = event.get("date") or {}
        evidence = (event.get("evidence") or [{}])[0]
        actors = event.get("actors") or []
        yield {
            "article_id": summary["article_id"],
            "published": summary.get("published") or "",
            "event_index": index,
            "event_type": event.get("event_type") or "",
            "acled_event_type": event.get("acled_event_type") or "",
            "acled_sub_event_type": event.get("acled_sub_event_type") or "",
            "description_en": event["description"]["en"],
            "description_ar": event["description"]["ar"],
            "actors_en": "; ".join(f"{a['name']['en']} ({a['role']})" for a in actors),
            "actors_ar": "; ".join(a["name"]["ar"] for a in actors),
            "location_en": (location.get("name") or {}).get("en", ""),
            "location_ar": (location.get("name") or {}).get("ar", ""),
            "country": location.get("country") or "",
            "date_text": date.get("text") or "",
            "date_iso": date.get("iso") or "",
            "date_precision": date.get("precision") or "",
            "quantities": "; ".join(f"{q['value']:g} {q['unit']}" for q in event.get("quantities") or []),
            "attribution": "; ".join(event.get("attribution") or []),
            "evidence_text": evidence.get("text", ""),
            "evidence_start": "" if evidence.get("start") is None else evidence["start"],
            "evidence_end": "" if evidence.get("end") is None else evidence["end"],
            "headline_en": summary["headline"]["en"] or "",
            "headline_ar": summary["headline"]["ar"],
            "model": summary.get("provenance", {}).get("model", ""),
        }
