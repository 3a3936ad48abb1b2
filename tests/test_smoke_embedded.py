"""The real embedded model (llama.cpp + Qwen2.5-Coder-1.5B GGUF) end to end. Slow: `make test` runs it."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from summarizer import ArticleSummary, ContextExceeded, Summarizer
from summarizer.grounding import Source
from summarizer.llm import Backend
from summarizer.request_forms import RequestForms
from summarizer.scripts import is_arabic, is_latin

from .seed_replies import SEED

pytestmark = pytest.mark.smoke

SCHEMA = {
    "type": "object",
    "properties": {
        "colour": {"type": "string", "enum": ["teal", "ochre"]},
        "count": {"type": "integer"},
    },
    "required": ["colour", "count"],
    "additionalProperties": False,
}
# A prompt that invites free text: only a grammar keeps the answer inside the schema.
PROMPT = "Write a short poem about the sea. Do not use JSON, do not use braces."


@pytest.fixture(scope="module")
def summarizer(embedded_seed) -> Summarizer:
    return embedded_seed[0]  # the seed first, then the other tests (conftest.embedded_seed)


def raw_completion(backend: Backend, form: str | None) -> str:
    """Send one json_schema request through the backend's real client stack in a given form
    (None: a plain chat request, no response_format)."""
    backend.forms = RequestForms.fixed(form or "json_schema")  # each asyncio.run builds a client with it
    structured = {"response_format": {"type": "json_schema", "json_schema": {"name": "Answer", "schema": SCHEMA}}}

    async def call() -> str:
        client = backend.client().client  # the underlying openai.AsyncOpenAI
        response = await client.chat.completions.create(
            model=backend.model,
            messages=[{"role": "user", "content": PROMPT}],
            max_tokens=48,
            temperature=0,
            **(structured if form else {}),
        )
        return response.choices[0].message.content or ""

    return asyncio.run(call())


def test_constrained_decoding_is_in_force_only_with_the_llama_cpp_form(summarizer):
    backend = summarizer.backend
    assert backend.provider == "embedded" and backend.request_form == "json_object_schema"
    constrained = json.loads(raw_completion(backend, "json_object_schema"))
    assert constrained["colour"] in ("teal", "ochre") and isinstance(constrained["count"], int)
    assert set(constrained) == {"colour", "count"}
    # Control: OpenAI's json_schema form passed straight to llama-cpp-python is ignored (free text),
    # which is why the transport rewrites it.
    try:
        free = json.loads(raw_completion(backend, "json_schema"))
    except ValueError:
        free = None
    backend.forms = RequestForms.fixed("json_object_schema")
    assert free is None or set(free) != {"colour", "count"}


def test_seed_article_end_to_end(embedded_seed, tmp_path):
    result = embedded_seed[1]
    (tmp_path / f"{SEED.stem}.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
    check_seed_summary(result, provider="embedded")


def check_seed_summary(result: ArticleSummary, provider: str) -> None:
    """What any engine's summary of the seed must hold: scripts, grounded numbers and offsets, provenance."""
    text = SEED.read_text(encoding="utf-8")
    assert result.article_id == SEED.stem and result.published == dt.date(2018, 3, 24)
    assert is_arabic(result.summary.ar) and is_latin(result.summary.en)
    assert is_arabic(result.headline.ar) and is_latin(result.headline.en)
    source = Source(text)
    assert not source.ungrounded_numbers(result.summary.ar)
    assert not source.ungrounded_numbers(result.summary.en)
    for event in result.events:
        for evidence in event.evidence:
            if evidence.match == "exact":
                assert text[evidence.start : evidence.end] == evidence.text
            if evidence.match != "not_found":
                assert 0 <= evidence.start < evidence.end <= len(text)
    p = result.provenance
    assert p.provider == provider and p.model_sha256 and p.request_form == "json_object_schema"
    assert p.calls >= 3 and p.usage.total_tokens > 0


def test_long_article_is_refused_naming_the_context_limit_not_truncated(summarizer):
    """Several real-style articles in one text: under max_article_chars, over the model's context."""
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEED.parent.glob("*.txt")))
    assert len(text) <= summarizer.settings.max_article_chars
    with pytest.raises(ContextExceeded) as caught:
        summarizer.summarize(text, article_id="long")
    message = str(caught.value)
    assert f"context of {summarizer.settings.n_ctx:,} tokens" in message and "refused rather than silently truncated" in message
    assert caught.value.exit_code == 3 and caught.value.stage == "summarize_ar"
    assert caught.value.usage.total_tokens == 0  # refused before the model ran
