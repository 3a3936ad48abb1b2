"""What model calls cost: token usage, and the ledgers the LLM layer books every call on.

The LLM layer books once per HTTP response on the *current* ledger (a context variable, set by
`booking`): `llm.EndpointTransport` books each attempt, the token usage of each chat answer and
each transport retry, and instructor's re-asks are booked from its parse-error hook. A ledger
made with a `parent` books on its parents too, so the one booking of a call reaches the pipeline
stage that made it (`stages.StageRunner`), the article, and a batch run's totals (`batch.run`).
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["Ledger", "Usage", "book", "booking", "current_ledger", "usage_of"]


class Usage(BaseModel):
    """Token usage, summed over calls."""

    # As the output contract's models (`models._Model`): this type is part of `Provenance`.
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


def usage_of(content: bytes) -> Usage:
    """The `usage` of a chat completion body; zero when the body has none or is not JSON."""
    try:
        usage = json.loads(content).get("usage") or {}
        return Usage(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            total_tokens=int(usage.get("total_tokens") or 0),
        )
    except (ValueError, AttributeError, TypeError):
        return Usage()


@dataclass(eq=False)  # a ledger is an account, compared by identity (and kept in sets)
class Ledger:
    """What the model calls booked on it cost; each booking also reaches its parents."""

    calls: int = 0  # HTTP attempts: re-asks and transport retries included
    retries: int = 0  # validation re-asks
    transport_retries: int = 0  # attempts repeated after a timeout, 429 or 5xx
    usage: Usage = field(default_factory=Usage)
    batch_usage: Usage = field(default_factory=Usage)  # the part of `usage` answered by a Batch API
    parent: Ledger | None = field(default=None, repr=False)

    def book(
        self, *, calls: int = 0, retries: int = 0, transport_retries: int = 0, usage: Usage | None = None,
        batched: bool = False,
    ) -> None:
        """Add to this ledger and every ledger above it."""
        ledger: Ledger | None = self
        while ledger is not None:
            ledger.calls += calls
            ledger.retries += retries
            ledger.transport_retries += transport_retries
            if usage is not None:
                # A new Usage each time: one taken earlier (an error's usage) stays what it was.
                ledger.usage = ledger.usage + usage
                if batched:
                    ledger.batch_usage = ledger.batch_usage + usage
            ledger = ledger.parent


_current: contextvars.ContextVar[Ledger | None] = contextvars.ContextVar("summarizer_ledger", default=None)


def current_ledger() -> Ledger | None:
    """The ledger model calls are booked on here, if any."""
    return _current.get()


@contextmanager
def booking(ledger: Ledger) -> Iterator[Ledger]:
    """Book every model call made inside the block on `ledger` (and so on its parents)."""
    token = _current.set(ledger)
    try:
        yield ledger
    finally:
        _current.reset(token)


def book(**counts: Any) -> None:
    """Book on the current ledger (see `Ledger.book`); nothing when no ledger is open."""
    ledger = _current.get()
    if ledger is not None:
        ledger.book(**counts)
