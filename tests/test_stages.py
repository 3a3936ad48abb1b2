"""How many re-asks each stage makes, by backend (`stages.StageRunner`)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.grounding import Source
from summarizer.local_model import QWEN_CODER_1_5B
from summarizer.prompts import Prompts
from summarizer.responses import ArabicSummary
from summarizer.stages import StageRunner

ARTICLE = "قتل خمسة أشخاص في قصف على بلدة عربين صباح الأحد."


class _Backend:
    """Records the re-ask limit each call was given; answers nothing of its own."""

    def __init__(self, provider: str, model: str) -> None:
        self.provider, self.model = provider, model
        self.settings = Settings.load(max_retries=2)
        self.limits: list[int | None] = []

    async def complete(self, model: type, messages: list[dict[str, str]], **kwargs: Any) -> str:
        self.limits.append(kwargs["max_retries"])
        return "answer"


@pytest.mark.parametrize(("provider", "model", "summary"), [
    # the packaged 1.5B model's summary re-ask never passed on real news: salvaged from its first
    # reply, in process or served by an endpoint (llama-server)
    ("embedded-xllamacpp", QWEN_CODER_1_5B.file_name, 0),
    ("openai-compatible", QWEN_CODER_1_5B.file_name, 0),
    # another model is re-asked on the summary (up to the settings'); the events stage never
    ("openai-compatible", "gpt-4o-mini", None),
    ("embedded", "another-model.gguf", None),
])
def test_the_stages_reask_limits_fit_the_model(provider: str, model: str, summary: int | None) -> None:
    source = Source(ARTICLE)
    backend = _Backend(provider, model)
    runner = StageRunner(Prompts(), backend, "a1", source,  # type: ignore[arg-type]
                         {"sentences": source.sentence_texts(), "max_points": 4})
    asyncio.run(runner.run("summarize_ar", ArabicSummary))
    asyncio.run(runner.run("events", ArabicSummary, extra={"candidates": [], "types": []}))
    asyncio.run(runner.run("summarize_ar", ArabicSummary, reasks=1))
    assert backend.limits == [summary, 0, 1]
    assert runner.max_retries == 2
