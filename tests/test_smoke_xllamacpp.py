"""The embedded model on xllamacpp (llama.cpp's C++ server in process), real model. Slow: `make test` runs it."""

from __future__ import annotations

import asyncio
import json

import pytest
from pydantic import BaseModel, Field

from summarizer import ContextExceeded, Summarizer
from summarizer.config import Settings
from summarizer.ledger import Ledger, booking

from .seed_replies import SEED
from .test_smoke_embedded import raw_completion

pytestmark = pytest.mark.smoke
pytest.importorskip("xllamacpp", reason="the xl extra is not installed (make setup installs it)")


@pytest.fixture(scope="module")
def xl() -> Summarizer:
    return Summarizer(Settings.load(engine="xllamacpp", n_ctx=2048))


def test_constrained_decoding_is_in_force_on_xllamacpp(xl):
    backend = xl.backend
    assert backend.provider == "embedded-xllamacpp" and backend.request_form == "json_object_schema"
    constrained = json.loads(raw_completion(backend, "json_object_schema"))
    assert set(constrained) == {"colour", "count"}
    assert constrained["colour"] in ("teal", "ochre") and isinstance(constrained["count"], int)
    # Control: the same prompt with no response_format is the free-text poem it asks for.
    try:
        free = json.loads(raw_completion(backend, None))
    except ValueError:
        free = None
    backend.forms = backend.forms.fixed("json_object_schema")
    assert free is None or set(free) != {"colour", "count"}


class Place(BaseModel):
    city: str = Field(max_length=40, description="The city the sentence names, copied from it")


def test_a_stage_call_on_xllamacpp_is_validated_and_booked(xl):
    messages = [{"role": "user", "content": "Which city does this sentence name? The summit was held in Cairo."}]
    ledger = Ledger()

    async def call() -> Place:
        with booking(ledger):
            return await xl.backend.complete(Place, messages, context={}, max_tokens=40, stage="test", article_id="x")

    place = asyncio.run(call())
    assert place.city.strip().lower() == "cairo"
    assert ledger.calls == 1 and ledger.usage.prompt_tokens > 0 and ledger.usage.completion_tokens > 0


def test_xllamacpp_refuses_an_article_over_its_context_before_decoding(xl):
    # Six real-style articles in one text: under max_article_chars, over a 2,048-token slot.
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEED.parent.glob("*.txt"))[:6])
    assert len(text) <= xl.settings.max_article_chars
    with pytest.raises(ContextExceeded) as caught:
        xl.summarize(text, article_id="long")
    assert "exceeds the available context size" in str(caught.value) and caught.value.stage == "summarize_ar"
