"""The embedded model on xllamacpp (llama.cpp's C++ server in process), real model. Slow: `make test` runs it."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import pytest
from pydantic import BaseModel, Field

from summarizer import ArticleSummary, ContextExceeded, Summarizer
from summarizer.config import Settings
from summarizer.ledger import Ledger, booking

from .seed_replies import SEED
from .test_smoke_embedded import check_seed_summary, raw_completion

pytestmark = pytest.mark.smoke
pytest.importorskip("xllamacpp", reason="the xl extra is not installed (make setup installs it)")


def test_make_run_summarises_the_seed_on_the_default_engine(tmp_path):
    """`make run`'s command in a process of its own, settings left at their defaults: xllamacpp. First in
    the module, so that its model is the only xllamacpp one loaded."""
    chosen = ("SUMMARIZER_ENGINE", "SUMMARIZER_PROVIDER", "SUMMARIZER_MODEL", "OPENAI_BASE_URL", "SUMMARIZER_CONFIG")
    env = {k: v for k, v in os.environ.items() if k not in chosen}
    env["SUMMARIZER_CONFIG"] = str(tmp_path / "no-config.toml")  # a user's config file must not choose either
    command = [sys.executable, "-m", "summarizer", "summarize", str(SEED), "--published", "2018-03-24", "--out", str(tmp_path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = ArticleSummary.model_validate_json((tmp_path / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    check_seed_summary(result, provider="embedded-xllamacpp")


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

