"""Assembling the output: the stages' validated results, what code reads from the article, and provenance.

Code, not the model, fills what code can read: the evidence sentence of each point, entities (from
the grounded events), coordinates (offline gazetteer), and each event's description, date and
quantities from the sentences it is coded from (a point's own words where a point restates the
sentence; the date expression; the numbers, with the unit the English point puts after the number
or, for a sentence no point restates, the news term after it).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from annotated_types import MaxLen

from .dates import resolve_date
from .event_records import EventRecord, Extraction
from .events import arabic_unit, describe
from .grounding import Source
from .ledger import Ledger
from .llm import Backend
from .models import (
    SCHEMA_VERSION,
    Actor,
    ArticleSummary,
    Bilingual,
    Entity,
    Event,
    EventDate,
    Evidence,
    KeyPoint,
    Location,
    Provenance,
    StageRun,
    SummaryText,
    Unverified,
)
from .names import KnownNames
from .prompts import Prompts
from .quantities import quantities_in
from .responses import ArabicSummary
from .stages import MAX_TOKENS, TEMPLATES
from .translation import English

__all__ = ["assemble", "provenance"]


def _package_version() -> str:
    try:
        return version("summarizer")
    except PackageNotFoundError:
        return "0+unknown"


def provenance(
    backend: Backend,
    prompts: Prompts,
    *,
    generation: dict[str, Any],
    created_at: dt.datetime,
    started: float,
    timings: dict[str, float],
    spent: Ledger,
    stages: list[StageRun],
    rejected: list[str],
) -> Provenance:
    """How an output was made: backend, template hashes, versions, generation parameters, and what
    the stages cost (`spent`: every call of the article); `timings` gains the stages and the total."""
    timings = dict(timings)
    for stage in stages:
        timings[stage.stage] = timings.get(stage.stage, 0.0) + stage.seconds
    timings["total"] = time.perf_counter() - started
    return Provenance(
        provider=backend.provider,
        base_url=backend.base_url,
        model=backend.model,
        model_sha256=backend.model_sha256,
        request_form=backend.request_form,
        prompt_templates=prompts.hashes(TEMPLATES),
        schema_version=SCHEMA_VERSION,
        package_version=_package_version(),
        created_at=created_at,
        generation={
            **generation, **MAX_TOKENS,
            **({"call_cache": "replay"} if backend.settings.call_cache is not None else {}),
        },
        usage=spent.usage,
        calls=spent.calls,
        retries=spent.retries,
        transport_retries=spent.transport_retries,
        stages=stages,
        timings={k: round(v, 3) for k, v in timings.items()},
        rejected=rejected,
    )


def _entities(extraction: Extraction) -> list[tuple[str, str]]:
    """(name, kind) of the actors and places of the events, once each: entities come from grounded
    event records, not from a list the model is free to fill."""
    kinds: dict[str, str] = {}
    for event in extraction.events:
        for actor in event.actors:
            kinds.setdefault(actor.name, actor.kind)
        if event.place:
            kinds.setdefault(event.place, "location")
    return list(kinds.items())


def _location(
    name: str, country: str | None, bilingual: Callable[[str], Bilingual], known: KnownNames, area: str | None = None
) -> Location:
    """The event's place as the article names it, geocoded when the gazetteer or the regions know it (never
    guessed): a division at its capital (admin1/admin2), a region at its centre (region), never the country.
    A place no list knows (a district, a village the article's place word names) takes the coordinates
    of the known `area` around it, and `geo_precision` says they are that town's or division's."""
    place = known.place(name)
    if place is None and area is not None and (around := known.place(area)) is not None:
        return Location(
            name=bilingual(name), admin1=around.admin1, country=around.country, latitude=around.latitude,
            longitude=around.longitude, geo_precision=around.precision,
        )
    if place is None:
        return Location(name=bilingual(name), country=country)
    return Location(
        name=bilingual(name), admin1=place.admin1, country=place.country, latitude=place.latitude,
        longitude=place.longitude, geonames_id=getattr(place, "geonames_id", None), geo_precision=place.precision,
    )


def _event(
    record: EventRecord,
    source: Source,
    known: KnownNames,
    published: dt.date | None,
    points: dict[int, tuple[str, str]],
    bilingual: Callable[[str], Bilingual],
) -> Event:
    """The output record: the stages' choices plus what code reads from its sentences."""
    main = record.sentences[0]
    span = source.sentences[main - 1]
    sentence = source.sentence_texts()[main - 1]
    ar, en = points.get(main, (sentence, ""))
    quantities = quantities_in(source.original, span, ar, en, skip=record.date_span)
    if not en:
        en = describe(record, {a.name: bilingual(a.name).en for a in record.actors}, record.place and bilingual(record.place).en)
        written = source.original[span[0]:span[1]]
        quantities = [q.model_copy(update={"unit": arabic_unit(written, q) or q.unit}) for q in quantities]
    date = source.original[slice(*record.date_span)] if record.date_span else None
    return Event(
        event_type=record.event_type,
        status=record.status,
        acled_event_type=record.acled_event_type,
        acled_sub_event_type=record.acled_sub_event_type,
        description=Bilingual(ar=ar[:1200], en=en[:1200]),
        actors=[Actor(name=bilingual(a.name), role=a.role) for a in record.actors],
        location=_location(record.place, None, bilingual, known, record.area) if record.place else None,
        date=resolve_date(date, published) if date else EventDate(),
        quantities=quantities,
        attribution=list(record.attribution),
        evidence=[source.sentence_evidence(n) for n in record.sentences],
    )


def _paragraph(sentences: Iterable[str]) -> str:
    """Join sentences into one paragraph, ending each with a full stop where it has none."""
    return " ".join(s if s.rstrip()[-1:] in ".!?؟…" else s.rstrip() + "." for s in sentences)


_SUMMARY_MAX = next(m.max_length for m in SummaryText.model_fields["ar"].metadata if isinstance(m, MaxLen))


def _summary(arabic: list[str], english: list[str | None], headline_en: str | None, rejected: list[str]) -> SummaryText:
    """The points as one paragraph per language: as many points as fit the contract's length (four
    long points can exceed it), the same ones in both languages, a point without English in the
    Arabic only (the headline's English stands in when none has one, and the summary has no English
    when the headline has none either); a point left out is reported."""

    def english_of(n: int) -> str | None:
        said = [e for e in english[:n] if e] or ([headline_en] if headline_en else [])
        return _paragraph(said) if said else None

    n = len(arabic)
    while n > 1 and max(len(_paragraph(arabic[:n])), len(english_of(n) or "")) > _SUMMARY_MAX:
        n -= 1
    if n < len(arabic):
        which = f"point {n + 1}" if n + 1 == len(arabic) else f"points {n + 1}-{len(arabic)}"
        rejected.append(f"summary: {which} left out of the summary paragraph (over {_SUMMARY_MAX} characters); "
                        "still a key point")
    return SummaryText(ar=_paragraph(arabic[:n]), en=english_of(n))


def _name_evidence(source: Source, name: str) -> list[Evidence]:
    span = source.find_name(name)
    if span is None:
        return [Evidence(text=name, match="not_found")]
    start, end = span
    text = source.original[start:end]
    return [Evidence(text=text, start=start, end=end, match="exact" if text == name else "normalized")]


def assemble(
    article_id: str,
    language: str,
    published: dt.date | None,
    source: Source,
    known: KnownNames,
    extraction: Extraction,
    arabic: ArabicSummary,
    english: English,
    provenance: Provenance,
) -> ArticleSummary:
    """The validated stage results as an `ArticleSummary`, with what code reads from the article:
    evidence offsets, entities, ACLED types, coordinates, and dates and quantities the model left empty."""
    en_name = english.names
    point_numbers = [source.best_sentence(p.text)[0] for p in arabic.points]
    point_evidence = [source.sentence_evidence(n) for n in point_numbers]
    # A record coded from a point's sentence is described by the point, in both languages (a point
    # without English describes nothing: its sentence and code's English do).
    points = {n: (arabic.points[i].text, english.points[i])
              for i, n in reversed(list(enumerate(point_numbers))) if i in english.points}

    def bilingual(name: str) -> Bilingual:
        return Bilingual(ar=name, en=en_name.get(name, name))

    events = [_event(r, source, known, published, points, bilingual) for r in extraction.events]
    entities = [
        Entity(name=bilingual(name), kind=kind, evidence=_name_evidence(source, name))
        for name, kind in _entities(extraction)
    ]
    key_points = [
        KeyPoint(
            ar=p.text, en=english.points.get(i), evidence=[point_evidence[i]],
            unverified=english.points_unverified.get(i, []),
        )
        for i, p in enumerate(arabic.points)
    ]
    return ArticleSummary(
        article_id=article_id,
        source_language=language,
        published=published,
        headline=SummaryText(ar=english.headline_ar or arabic.headline, en=english.headline),
        summary=_summary([p.text for p in arabic.points], [english.points.get(i) for i in range(len(arabic.points))],
                         english.headline, provenance.rejected),
        key_points=key_points,
        events=events,
        entities=entities,
        provenance=provenance,
        unverified=Unverified(
            headline=english.headline_unverified,
            summary=list(dict.fromkeys(w for k in key_points for w in k.unverified)),
        ),
    )
