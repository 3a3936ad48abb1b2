"""Replaying model calls (`SUMMARIZER_CALL_CACHE`): a request seen before is answered from disk."""

from __future__ import annotations

import datetime as dt

from .openai_server import Reply
from .seed_replies import stage_of, valid_reply
from .test_pipeline_http import TEXT, make_summarizer, scripted


def test_a_second_run_is_answered_from_the_cache_and_gives_the_same_output(scripted_server, tmp_path):
    server = scripted_server(scripted({}))
    cache = tmp_path / "calls"
    first = make_summarizer(server, call_cache=cache).summarize(TEXT, article_id="seed", published=dt.date(2018, 3, 24))
    calls = len(server.requests)
    assert calls > 0 and len(list(cache.glob("*.json"))) == calls  # one stored reply per request (all distinct)

    second = make_summarizer(server, call_cache=cache).summarize(TEXT, article_id="seed", published=dt.date(2018, 3, 24))
    assert len(server.requests) == calls  # nothing reached the endpoint
    volatile = {"provenance": {"created_at", "timings", "stages"}}
    assert second.model_dump(exclude=volatile) == first.model_dump(exclude=volatile)
    assert second.provenance.generation["call_cache"] == "replay"
    assert second.provenance.usage == first.provenance.usage  # the recorded calls' usage


def test_a_changed_request_reaches_the_model_and_failures_are_not_stored(scripted_server, tmp_path):
    cache = tmp_path / "calls"
    failing = scripted_server(lambda request: Reply(status=500, content='{"error": {"message": "boom"}}'))
    summarizer = make_summarizer(failing, call_cache=cache, transport_retries=0)
    try:
        summarizer.summarize(TEXT)
    except Exception:  # noqa: BLE001 - the failure itself is tested elsewhere
        pass
    assert not list(cache.glob("*.json"))  # an error reply is never replayed

    server = scripted_server(lambda request: Reply(content=valid_reply(request)))
    make_summarizer(server, call_cache=cache).summarize(TEXT, published=dt.date(2018, 3, 24))
    first = len(server.requests)
    make_summarizer(server, call_cache=cache, temperature=0.5).summarize(TEXT, published=dt.date(2018, 3, 24))
    assert len(server.requests) == 2 * first  # another temperature is another request
    assert {stage_of(r) for r in server.requests} >= {"summarize_ar", "events", "translate_en"}
