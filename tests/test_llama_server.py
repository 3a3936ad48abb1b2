"""The --base-url path against a server we did not write: llama-cpp-python's own OpenAI-compatible server
(`python -m llama_cpp.server`) on the embedded model's GGUF. Slow (the real model): `make test` runs it.

One server for the module. The seed article goes through it before anything else, so the server's model
sees the same requests in the same order as the fresh in-process model it is compared with (llama.cpp
reuses the cached prefix of the previous request, which changes how a prompt is batched).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest

from summarizer import ArticleSummary, Settings, Summarizer
from summarizer.llm import build_backend
from summarizer.local_model import ensure_model

from .llama_server import ManagedServer, llama_cpp_server
from .seed_replies import SEED
from .test_smoke_embedded import raw_completion

pytestmark = pytest.mark.smoke

PUBLISHED = dt.date(2018, 3, 24)
# A call on the 2-core CI machine takes under a minute; generous, as other jobs may share the cores.
TIMEOUT = 1800.0


@pytest.fixture(scope="module")
def gguf() -> Path:
    path, _ = ensure_model(Settings.load(provider="embedded"))
    return path


@pytest.fixture(scope="module")
def server(gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedServer]:
    settings = Settings.load(provider="embedded")
    threads = settings.n_threads or os.cpu_count() or 1
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with llama_cpp_server(gguf, n_ctx=settings.n_ctx, n_threads=threads, log=log) as server:
        yield server
    assert server.process is not None and server.process.returncode is not None  # stopped and reaped


def endpoint_settings(server: ManagedServer, gguf: Path, **more: object) -> Settings:
    # No transport retries: a failing call should fail the test at once, not be repeated for minutes.
    return Settings.load(base_url=server.url, model=gguf.name, timeout=TIMEOUT, transport_retries=0, **more)


@pytest.fixture(scope="module")
def served(server: ManagedServer, gguf: Path) -> tuple[ArticleSummary, Summarizer]:
    """The seed summarised through --base-url, request form on 'auto': the first thing the server does."""
    summarizer = Summarizer(endpoint_settings(server, gguf))
    return summarizer.summarize(SEED.read_text(encoding="utf-8"), article_id=SEED.stem, published=PUBLISHED), summarizer


def test_seed_through_the_server_is_the_embedded_result(served, server, embedded_seed):
    result, summarizer = served
    embedded = embedded_seed[1]
    # Same model, same requests, temperature 0: the same summary, word for word, and the same spend.
    assert result.model_dump(mode="json", exclude={"provenance"}) == embedded.model_dump(mode="json", exclude={"provenance"})
    p, e = result.provenance, embedded.provenance
    assert (p.usage, p.retries, p.rejected) == (e.usage, e.retries, e.rejected)
    assert (p.provider, p.base_url, p.model) == ("openai-compatible", server.url, e.model)

    # The server refused OpenAI's json_schema (HTTP 500 naming response_format) once; the run moved to
    # llama-cpp-python's form, kept it, and provenance records it. The refused call is the one extra call.
    assert p.request_form == e.request_form == "json_object_schema"
    assert summarizer.backend.forms.refused == ["json_schema"]
    assert p.calls == e.calls + 1 and p.transport_retries == 0


def test_the_server_refuses_json_schema_and_enforces_its_own_form_by_grammar(served, server, gguf):
    from .test_smoke_embedded import SCHEMA

    backend = build_backend(endpoint_settings(server, gguf))
    # Unlike the in-process model, which ignores json_schema silently, the server refuses it.
    with pytest.raises(openai.InternalServerError, match="response_format"):
        raw_completion(backend, "json_schema")
    constrained = json.loads(raw_completion(backend, "json_object_schema"))
    assert set(constrained) == set(SCHEMA["properties"])
    assert constrained["colour"] in ("teal", "ochre") and isinstance(constrained["count"], int)
    # Control: the same prompt without a schema is a poem, not that object; only the grammar made it one.
    try:
        free = json.loads(raw_completion(backend, None))
    except ValueError:
        free = None
    assert not isinstance(free, dict) or set(free) != set(SCHEMA["properties"])
