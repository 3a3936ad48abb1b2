"""Checks a gold file must pass before it may score anything (`python evals/check_gold.py`).

A gold file is the yardstick: a wrong offset, a number the article never states or a name it
never uses would silently move every score. These checks use the project's own readers (numbers,
names, scripts), so gold and pipeline read Arabic the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..arabic import fold
from ..dates import resolve_date
from ..grounding import Source
from ..models import Evidence, SummaryContent
from ..numbers import same_number, values_in
from ..scripts import script_ratios
from .gold import GoldSummary

__all__ = ["GoldReport", "check_gold", "ACLED_SUB_EVENTS", "MAX_COPIED_WORDS"]

ACLED_SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}

# Gold text written for an article the project may not redistribute must be the annotator's own
# words: a run of this many consecutive words of the article (or its outlet's lead) is a quote.
MAX_COPIED_WORDS = 8

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass
class GoldReport:
    """What one gold file's check found: errors fail it, notes are for the reader."""

    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _sentences(text: str) -> int:
    return len([p for p in _SENTENCE_END.split(text.strip()) if p.strip()])


def _evidence(gold: SummaryContent) -> Iterator[tuple[str, Evidence]]:
    for i, point in enumerate(gold.key_points):
        for j, ev in enumerate(point.evidence):
            yield f"key_points[{i}].evidence[{j}]", ev
    for i, event in enumerate(gold.events):
        for j, ev in enumerate(event.evidence):
            yield f"events[{i}].evidence[{j}]", ev
        for j, q in enumerate(event.quantities):
            yield f"events[{i}].quantities[{j}].evidence", q.evidence
    for i, entity in enumerate(gold.entities):
        for j, ev in enumerate(entity.evidence):
            yield f"entities[{i}].evidence[{j}]", ev


def _quoted_evidence(raw: Any, where: str = "") -> Iterator[str]:
    """Paths of evidence objects in the raw JSON that quote the article instead of pointing at it."""
    if isinstance(raw, list):
        for i, item in enumerate(raw):
            yield from _quoted_evidence(item, f"{where}[{i}]")
    elif isinstance(raw, dict):
        if {"start", "end", "text"} <= raw.keys():
            yield where
        for key, value in raw.items():
            yield from _quoted_evidence(value, f"{where}.{key}" if where else key)


def _longest_copy(text: str, source_words: list[str]) -> int:
    """Length of the longest run of consecutive words `text` shares with the source (folded)."""
    words = fold(text).text.split()
    grams = {tuple(source_words[i:i + MAX_COPIED_WORDS]) for i in range(len(source_words) - MAX_COPIED_WORDS + 1)}
    longest = run = 0
    for i in range(len(words) - MAX_COPIED_WORDS + 1):
        run = run + 1 if tuple(words[i:i + MAX_COPIED_WORDS]) in grams else 0
        longest = max(longest, run + MAX_COPIED_WORDS - 1 if run else 0)
    return longest


def check_gold(
    gold: GoldSummary, article: str, *, published: str | None = None, raw: Any = None,
    protected: tuple[str, ...] = (),
) -> GoldReport:
    """Check a gold summary against its article.

    `published` is the date the corpus records for the article (YYYY-MM-DD). `raw` (the parsed
    JSON) and `protected` (texts the gold must not quote, the article and its lead) turn on the
    rules for articles the project may not redistribute: evidence by offsets only, no Arabic
    text copied from them.
    """
    report = GoldReport()
    err = report.errors.append
    source = Source(article)
    if published is not None and (gold.published is None or gold.published.isoformat() != published):
        err(f"published {gold.published} != the corpus date {published}")
    if gold.source_language != "ar":
        err(f"source_language {gold.source_language!r} != 'ar'")

    for where, ev in _evidence(gold):
        if ev.match != "exact" or ev.start is None or ev.end is None:
            err(f"{where}: gold evidence needs offsets and match 'exact'")
        elif article[ev.start:ev.end] != ev.text:
            err(f"{where}: article[{ev.start}:{ev.end}] is not its quoted text")
        elif not ev.text.strip() or ev.text != ev.text.strip():
            err(f"{where}: span {ev.start}:{ev.end} is empty or starts/ends with whitespace")
        elif ".quantities" not in where and not where.startswith("entities") and _cuts_word(article, ev.start, ev.end):
            # a statement's evidence is whole words; a name or a quantity may leave its clitic out (وزملكا)
            err(f"{where}: span {ev.start}:{ev.end} cuts a word; a span covers whole words")
    if raw is not None:
        for where in _quoted_evidence(raw):
            err(f"{where}: evidence must be offsets only ({{start, end}}), not a quote of the article")

    for i, point in enumerate(gold.key_points):
        if not point.evidence:
            err(f"key_points[{i}]: no evidence")
        if point.en is None:
            err(f"key_points[{i}]: no English (a gold point has both languages)")
    for i, event in enumerate(gold.events):
        where = f"events[{i}]"
        if not event.evidence:
            err(f"{where}: no evidence")
        for j, q in enumerate(event.quantities):
            if q.evidence.text and q.text not in q.evidence.text:
                err(f"{where}.quantities[{j}]: text {q.text!r} is not inside its evidence")
            stated = values_in(q.text)
            scaled = (q.value * scale for scale in (1, 1e3, 1e6, 1e9))
            if not any(same_number(value, v) for value in scaled for v in stated) and not (not stated and q.value in (1, 2)):
                err(f"{where}.quantities[{j}]: value {q.value:g} is not what {q.text!r} states")
        if event.acled_sub_event_type is not None:
            if event.acled_sub_event_type not in ACLED_SUB_EVENTS.get(event.acled_event_type or "", set()):
                err(f"{where}: ACLED sub-event {event.acled_sub_event_type!r} is not under {event.acled_event_type!r}")
        if event.date.text is not None and source.locate(event.date.text).match not in ("exact", "normalized"):
            err(f"{where}.date.text {event.date.text!r} is not in the article")
        if event.date.iso is None and event.date.precision != "unknown":
            err(f"{where}.date: precision {event.date.precision!r} without iso")
        if event.date.iso is not None and gold.published is not None and event.status != "planned" \
                and abs((event.date.iso - gold.published).days) > 366:
            err(f"{where}.date.iso {event.date.iso} is more than a year from publication")
        if event.date.text and gold.published is not None:
            resolved = resolve_date(event.date.text, gold.published)
            if resolved.iso != event.date.iso:
                report.notes.append(
                    f"{where}.date: {event.date.iso} where the date rules give {resolved.iso} for {event.date.text!r}"
                )

    for lang in ("ar", "en"):
        n = _sentences(getattr(gold.summary, lang))
        if not 2 <= n <= 4:
            err(f"summary.{lang}: {n} sentences (want 2-4)")
    if not 3 <= len(gold.key_points) <= 5:
        err(f"{len(gold.key_points)} key points (want 3-5)")
    n_facts = len(gold.facts.numbers) + len(gold.facts.places) + len(gold.facts.actors)
    if not 3 <= n_facts <= 8:
        err(f"facts hold {n_facts} items (want 3-8)")

    arabic, english, names = _fields(gold)
    for where, text in arabic + names:
        share, _ = script_ratios(text)
        if share < 0.8 and any(ch.isalpha() for ch in text):
            err(f"{where}: only {share:.0%} Arabic script")
    for where, text in english:
        _, share = script_ratios(text)
        if share < 0.95:
            err(f"{where}: only {share:.0%} Latin script")
    for where, name in names:
        if not source.has_name(name):
            err(f"{where}: Arabic name {name!r} is not in the article")

    summary_ar, summary_en = values_in(gold.summary.ar), values_in(gold.summary.en)
    for n in gold.facts.numbers:
        if not source.states_value(n):
            err(f"facts number {n:g} is not stated in the article")
        if not any(same_number(n, v) for v in summary_ar):
            err(f"facts number {n:g} is not stated in summary.ar")
        if not any(same_number(n, v) for v in summary_en):
            err(f"facts number {n:g} is not stated in summary.en")
    summary_source = Source(gold.summary.ar)
    for key in ("places", "actors"):
        for name in getattr(gold.facts, key):
            if not summary_source.has_name(name.ar):
                err(f"facts {key[:-1]} {name.ar!r} is not named in summary.ar")
            if name.en.lower() not in gold.summary.en.lower():
                err(f"facts {key[:-1]} {name.en!r} is not named in summary.en")

    for text in protected:
        words = fold(text).text.split()
        for where, own in arabic:
            if (n := _longest_copy(own, words)) >= MAX_COPIED_WORDS:
                err(f"{where}: {n} consecutive words copied from the article or its lead; write it in your own words")
    report.notes.insert(0, f"{len(gold.events)} events, {len(gold.key_points)} key points")
    return report


def _cuts_word(article: str, start: int, end: int) -> bool:
    """Whether a span starts or ends inside a word."""
    return (start > 0 and article[start - 1].isalnum() and article[start].isalnum()) or (
        end < len(article) and article[end - 1].isalnum() and article[end].isalnum()
    )


def _fields(gold: GoldSummary) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(Arabic texts, English texts, Arabic names) of a gold file, each with where it is."""
    arabic = [("headline.ar", gold.headline.ar), ("summary.ar", gold.summary.ar)]
    english = [("headline.en", gold.headline.en), ("summary.en", gold.summary.en)]
    names: list[tuple[str, str]] = []
    for i, point in enumerate(gold.key_points):
        arabic.append((f"key_points[{i}].ar", point.ar))
        english.append((f"key_points[{i}].en", point.en or ""))
    for i, event in enumerate(gold.events):
        arabic.append((f"events[{i}].description.ar", event.description.ar))
        english.append((f"events[{i}].description.en", event.description.en))
        for j, actor in enumerate(event.actors):
            names.append((f"events[{i}].actors[{j}]", actor.name.ar))
            english.append((f"events[{i}].actors[{j}].name.en", actor.name.en))
        if event.location is not None:
            names.append((f"events[{i}].location", event.location.name.ar))
            english.append((f"events[{i}].location.name.en", event.location.name.en))
        for j, q in enumerate(event.quantities):
            english.append((f"events[{i}].quantities[{j}].unit", q.unit))
    for i, entity in enumerate(gold.entities):
        names.append((f"entities[{i}]", entity.name.ar))
        english.append((f"entities[{i}].name.en", entity.name.en))
    for key in ("places", "actors"):
        for i, name in enumerate(getattr(gold.facts, key)):
            names.append((f"facts.{key}[{i}]", name.ar))
            english.append((f"facts.{key}[{i}].en", name.en))
    return arabic, english, names
