"""How many re-asks each stage makes, by backend (`stages.StageRunner`)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.grounding import Source
from summarizer.prompts import Prompts
from summarizer.responses import ArabicSummary
from summarizer.stages import StageRunner

ARTICLE = "قتل خمسة أشخاص في قصف على بلدة عربين صباح الأحد."


class _Backend:
    """Records the re-ask limit each call was given; answers nothing of its own."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.settings = Settings.load(max_retries=2)
        self.limits: list[int | None] = []

    async def complete(self, model: type, messages: list[dict[str, str]], **kwargs: Any) -> str:
        self.limits.append(kwargs["max_retries"])
        return "answer"


@pytest.mark.parametrize(("provider", "summary", "events"), [
    # the 1.5B model's summary re-ask never passed on real news: salvaged from its first reply
    ("embedded-xllamacpp", 0, 0),
    ("embedded", 0, 0),
    # an endpoint's model is re-asked on the summary (up to the settings'), the events stage on neither
    ("openai-compatible", None, 0),
])
def test_the_stages_reask_limits_fit_the_backend(provider: str, summary: int | None, events: int | None) -> None:
    source = Source(ARTICLE)
    backend = _Backend(provider)
    runner = StageRunner(Prompts(), backend, "a1", source,  # type: ignore[arg-type]
                         {"sentences": source.sentence_texts(), "max_points": 4})
    asyncio.run(runner.run("summarize_ar", ArabicSummary))
    asyncio.run(runner.run("events", ArabicSummary, extra={"candidates": [], "types": []}))
    asyncio.run(runner.run("summarize_ar", ArabicSummary, reasks=1))
    assert backend.limits == [summary, events, 1]
    assert runner.max_retries == 2
