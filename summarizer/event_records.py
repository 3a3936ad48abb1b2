"""Event records as code assembles them: the model's choices on candidate sentences, plus what code reads.

A record is grounded on article sentences (`sentences`, the first is where it was coded); its
type and actors come from the events stage, everything else from code. The English stage reads
`actors[].name` and `place` (the names to translate); `assembly` turns a record into the output
contract's `Event`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import AcledEventType, EventStatus, EventType

__all__ = ["ActorRecord", "EventRecord", "Extraction"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class ActorRecord(_Record):
    name: str  # as the sentence writes it
    role: Literal["initiator", "recipient", "mediator", "other"]
    kind: Literal["person", "organization", "other"] = "other"


class EventRecord(_Record):
    """One event: its sentences, type and status, actors, and what code read from the sentences."""

    sentences: list[int] = Field(min_length=1)  # 1-based; the first is the one it was coded from
    event_type: EventType
    status: EventStatus = "occurred"
    acled_event_type: AcledEventType | None = None
    acled_sub_event_type: str | None = None
    actors: list[ActorRecord] = Field(default_factory=list)
    place: str | None = None  # as the article writes it
    place_in_sentence: bool = True  # False: the article's main place stands in
    place_precise: bool = False  # named in the sentence, a town or a division (not a country)
    area: str | None = None  # a known place around a `place` no list knows (its coordinates), as written
    date_span: tuple[int, int] | None = None  # offsets of the date expression in the article
    date: dt.date | None = None  # that expression resolved (for deduplication): a period's first day
    date_precision: Literal["day", "week", "month", "year", "unknown"] = "unknown"
    attribution: list[str] = Field(default_factory=list)
    trigger: str = ""  # the trigger as written
    gloss: str = ""  # the trigger's English gloss

    @property
    def date_is_day(self) -> bool:
        """Whether the date is resolved to the day (not a week, a month or a year)."""
        return self.date is not None and self.date_precision == "day"


class Extraction(_Record):
    """The events of one article."""

    events: list[EventRecord] = Field(default_factory=list)
