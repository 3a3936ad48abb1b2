"""Proves tests/openai_server.py against the real ``openai`` client."""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import openai
import pytest

try:
    from tests.openai_server import Reply, ScriptedServer
except ImportError:
    from openai_server import Reply, ScriptedServer

MSGS = [{"role": "user", "content": "Summarize: hello world"}]


def client_for(server: ScriptedServer, **kw) -> openai.OpenAI:
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 5.0)
    return openai.OpenAI(base_url=server.url, api_key="sk-test", **kw)


def chat(client: openai.OpenAI, **kw):
    return client.chat.completions.create(model=kw.pop("model", "gpt-4o-mini"), messages=MSGS, **kw)


def server_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("ScriptedServer-")]


# --------------------------------------------------------------------------- chat completions


def test_valid_reply_parses_with_usage(scripted_server):
    server = scripted_server([Reply(content='{"summary": "hi"}', usage=(12, 3))])
    with client_for(server) as client:
        completion = chat(client, model="gpt-4.1-mini", temperature=0)

    assert completion.object == "chat.completion"
    assert completion.model == "gpt-4.1-mini"  # echoes the request's model
    assert completion.choices[0].message.role == "assistant"
    assert json.loads(completion.choices[0].message.content) == {"summary": "hi"}
    assert completion.choices[0].finish_reason == "stop"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens, completion.usage.total_tokens) == (
        12, 3, 15)
    assert server.requests == [{"model": "gpt-4.1-mini", "messages": MSGS, "temperature": 0}]
    assert server.headers[0]["authorization"] == "Bearer sk-test"
    assert server.calls == [("POST", "/v1/chat/completions")]
    assert server.errors == []


def test_usage_none_and_length_finish_reason(scripted_server):
    server = scripted_server([Reply(content='{"summary": "trunc', finish_reason="length", usage=None)])
    with client_for(server) as client:
        completion = chat(client)
    assert completion.usage is None
    assert completion.choices[0].finish_reason == "length"
    assert completion.choices[0].message.content == '{"summary": "trunc'


def test_content_none_is_null(scripted_server):
    server = scripted_server([Reply(content=None)])
    with client_for(server) as client:
        assert chat(client).choices[0].message.content is None


def test_rate_limit_with_retry_after(scripted_server):
    server = scripted_server([Reply(status=429, headers={"Retry-After": "1"})])
    with client_for(server) as client, pytest.raises(openai.RateLimitError) as ei:
        chat(client)
    err = ei.value
    assert err.status_code == 429
    assert err.response.headers["retry-after"] == "1"
    assert err.code == "rate_limit_exceeded"
    assert err.type == "requests"
    assert err.request_id and err.request_id.startswith("req_")


def test_error_body_verbatim_for_insufficient_quota(scripted_server):
    body = {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "param": None,
                      "code": "insufficient_quota"}}
    server = scripted_server([Reply(status=429, content=json.dumps(body))])
    with client_for(server) as client, pytest.raises(openai.RateLimitError) as ei:
        chat(client)
    assert ei.value.code == "insufficient_quota"
    assert ei.value.body == body["error"]  # the client unwraps the "error" object


@pytest.mark.parametrize(
    ("status", "exc"),
    [
        (500, openai.InternalServerError),
        (503, openai.InternalServerError),
        (502, openai.InternalServerError),
        (400, openai.BadRequestError),
        (401, openai.AuthenticationError),
        (404, openai.NotFoundError),
    ],
)
def test_error_statuses(scripted_server, status, exc):
    server = scripted_server([Reply(status=status, content="boom")])
    with client_for(server) as client, pytest.raises(exc) as ei:
        chat(client)
    assert isinstance(ei.value, openai.APIStatusError)
    assert ei.value.status_code == status
    assert ei.value.message.startswith(f"Error code: {status}")
    assert ei.value.body["message"] == "boom"


def test_hang_times_out_fast_and_stop_is_quick():
    server = ScriptedServer([Reply(fault="hang")]).start()
    try:
        with client_for(server, timeout=0.5) as client:
            t0 = time.monotonic()
            with pytest.raises(openai.APITimeoutError):
                chat(client)
            assert time.monotonic() - t0 < 2.0
    finally:
        t0 = time.monotonic()
        server.stop()  # the handler is still "hanging": stop() must end it
        assert time.monotonic() - t0 < 1.0
    assert server.threads == []


def test_close_raises_connection_error(scripted_server):
    server = scripted_server([Reply(fault="close"), Reply(content="after")])
    with client_for(server) as client:
        with pytest.raises(openai.APIConnectionError) as ei:
            chat(client)
        assert not isinstance(ei.value, openai.APITimeoutError)
        assert "Server disconnected" in str(ei.value.__cause__)
        # the client recovers on a fresh connection
        assert chat(client).choices[0].message.content == "after"


def test_malformed_json_raises_plain_json_decode_error(scripted_server):
    """Surprise: a 200 + application/json + non-JSON body is NOT wrapped in an openai error."""
    server = scripted_server([Reply(fault="malformed")])
    with client_for(server) as client, pytest.raises(json.JSONDecodeError) as ei:
        chat(client)
    assert not isinstance(ei.value, openai.OpenAIError)


def test_malformed_non_json_content_type_returns_str(scripted_server):
    """Surprise: with a non-JSON content type the client returns the body text instead of a ChatCompletion."""
    server = scripted_server(
        [Reply(fault="malformed", content="<html>502 Bad Gateway</html>", headers={"Content-Type": "text/html"})])
    with client_for(server) as client:
        result = chat(client)
    assert result == "<html>502 Bad Gateway</html>"


def test_empty_choices(scripted_server):
    server = scripted_server([Reply(fault="empty_choices")])
    with client_for(server) as client:
        completion = chat(client)
    assert completion.choices == []
    assert completion.usage.total_tokens == 150


def test_script_exhausted_answers_500(scripted_server):
    server = scripted_server([Reply(content="one")])
    with client_for(server) as client:
        assert chat(client).choices[0].message.content == "one"
        with pytest.raises(openai.InternalServerError) as ei:
            chat(client)
    assert ei.value.code == "script_exhausted"
    assert "ran out" in ei.value.body["message"]
    assert len(server.errors) == 1


def test_default_reply_after_script(scripted_server):
    server = scripted_server([Reply(content="first")], default=Reply(content="default"))
    with client_for(server) as client:
        assert [chat(client).choices[0].message.content for _ in range(3)] == ["first", "default", "default"]


def test_callable_decides_per_request(scripted_server):
    def decide(body: dict) -> Reply:
        return Reply(content=body["model"].upper()) if body["model"] != "bad" else Reply(status=400)

    server = scripted_server(decide)
    with client_for(server) as client:
        assert chat(client, model="m1").choices[0].message.content == "M1"
        with pytest.raises(openai.BadRequestError):
            chat(client, model="bad")
    assert [r["model"] for r in server.requests] == ["m1", "bad"]


def test_callable_exception_is_reported(scripted_server):
    def decide(body: dict) -> Reply:
        raise KeyError("nope")

    server = scripted_server(decide)
    with client_for(server) as client, pytest.raises(openai.InternalServerError):
        chat(client)
    assert "KeyError" in server.errors[0]


def test_delay_and_concurrency(scripted_server):
    server = scripted_server([], default=Reply(content="ok", delay=0.3))
    with client_for(server) as client:
        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: chat(client).choices[0].message.content, range(8)))
        elapsed = time.monotonic() - t0
    assert results == ["ok"] * 8
    assert 0.3 <= elapsed < 1.5  # served in parallel
    assert len(server.requests) == 8


def test_retries_with_client_retry_after(scripted_server):
    """The client's own retries honour Retry-After (0.1 s here) and hit the next scripted reply."""
    server = scripted_server([Reply(status=503, headers={"Retry-After": "0.1"}), Reply(content="ok")])
    with client_for(server, max_retries=1) as client:
        assert chat(client).choices[0].message.content == "ok"
    assert len(server.requests) == 2


def test_async_client(scripted_server):
    server = scripted_server([Reply(content="a"), Reply(status=429)])

    async def go():
        async with openai.AsyncOpenAI(base_url=server.url, api_key="sk-test", max_retries=0) as client:
            r = await client.chat.completions.create(model="m", messages=MSGS)
            with pytest.raises(openai.RateLimitError):
                await client.chat.completions.create(model="m", messages=MSGS)
            return r.choices[0].message.content

    assert asyncio.run(go()) == "a"


# --------------------------------------------------------------------------- other endpoints


def test_models_list(scripted_server):
    server = scripted_server(model="gpt-test")
    with client_for(server) as client:
        assert [m.id for m in client.models.list()] == ["gpt-test"]


def http_error(req: urllib.request.Request | str) -> tuple[int, dict]:
    """(status, JSON body) of a request expected to fail; closes the response."""
    with pytest.raises(urllib.error.HTTPError) as ei:
        urllib.request.urlopen(req, timeout=2).close()
    with ei.value as err:
        return err.code, json.loads(err.read())


def test_unknown_path_is_404_json(scripted_server):
    server = scripted_server()
    status, body = http_error(server.url + "/nope")
    assert status == 404 and body["error"]["code"] == "unknown_url"
    assert http_error(server.url.removesuffix("/v1") + "/other")[0] == 404


def test_invalid_json_request_is_400(scripted_server):
    server = scripted_server([Reply(content="unused")])
    req = urllib.request.Request(server.url + "/chat/completions", data=b"{not json", method="POST",
                                 headers={"Content-Type": "application/json"})
    status, body = http_error(req)
    assert status == 400 and body["error"]["code"] == "invalid_json"
    assert server.requests == []


# --------------------------------------------------------------------------- batch API


def batch_jsonl(n: int, model: str = "gpt-4o-mini") -> bytes:
    rows = [{"custom_id": f"doc-{i}", "method": "POST", "url": "/v1/chat/completions",
             "body": {"model": model, "messages": [{"role": "user", "content": f"doc {i}"}]}} for i in range(n)]
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


def read_jsonl(client: openai.OpenAI, file_id: str) -> list[dict]:
    return [json.loads(line) for line in client.files.content(file_id).text.splitlines()]


def test_batch_end_to_end(scripted_server):
    server = scripted_server([Reply(content='{"s": 0}'), Reply(status=429), Reply(content='{"s": 2}', usage=(7, 1))])
    data = batch_jsonl(3)
    with client_for(server) as client:
        f = client.files.create(file=("input.jsonl", io.BytesIO(data)), purpose="batch")
        assert (f.object, f.purpose, f.bytes, f.filename, f.status) == ("file", "batch", len(data), "input.jsonl",
                                                                        "processed")
        assert server.files[f.id] == data  # byte-exact upload
        assert client.files.retrieve(f.id).id == f.id
        assert client.files.content(f.id).content == data

        batch = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h",
                                      metadata={"job": "t"})
        assert batch.object == "batch" and batch.status == "validating"
        assert batch.metadata == {"job": "t"}

        done = client.batches.retrieve(batch.id)
        assert done.status == "completed"
        assert done.request_counts.total == 3
        assert (done.request_counts.completed, done.request_counts.failed) == (2, 1)
        assert done.output_file_id and done.error_file_id
        assert client.files.retrieve(done.output_file_id).purpose == "batch_output"

        out = read_jsonl(client, done.output_file_id)
        errs = read_jsonl(client, done.error_file_id)
        assert [client.batches.list().data[0].id] == [batch.id]

    assert [r["custom_id"] for r in out] == ["doc-0", "doc-2"]
    assert out[0]["error"] is None
    assert out[0]["response"]["status_code"] == 200
    body = openai.types.chat.ChatCompletion.model_validate(out[1]["response"]["body"])
    assert body.choices[0].message.content == '{"s": 2}' and body.usage.total_tokens == 8
    assert errs[0]["custom_id"] == "doc-1"
    assert errs[0]["response"]["status_code"] == 429
    assert errs[0]["response"]["body"]["error"]["code"] == "rate_limit_exceeded"
    # batch lines went through the same script, in order
    assert [r["messages"][0]["content"] for r in server.requests] == ["doc 0", "doc 1", "doc 2"]


def test_batch_delay_and_cancel(scripted_server):
    server = scripted_server([], default=Reply(content="x"), batch_delay=0.3)
    with client_for(server) as client:
        f = client.files.create(file=("in.jsonl", batch_jsonl(2)), purpose="batch")
        b1 = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h")
        b2 = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h")
        r = client.batches.retrieve(b1.id)
        assert r.status == "in_progress" and r.output_file_id is None and r.request_counts.total == 2

        assert client.batches.cancel(b2.id).status == "cancelling"
        assert client.batches.retrieve(b2.id).status == "cancelled"
        with pytest.raises(openai.ConflictError):
            client.batches.cancel(b2.id)

        time.sleep(0.35)
        r = client.batches.retrieve(b1.id)
        assert r.status == "completed" and r.request_counts.completed == 2
        assert [x["custom_id"] for x in read_jsonl(client, r.output_file_id)] == ["doc-0", "doc-1"]


def test_batch_hang_never_completes(scripted_server):
    server = scripted_server([Reply(content="a"), Reply(fault="hang")])
    with client_for(server) as client:
        f = client.files.create(file=("in.jsonl", batch_jsonl(2)), purpose="batch")
        b = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h")
        assert client.batches.retrieve(b.id).status == "in_progress"
        assert client.batches.retrieve(b.id).status == "in_progress"


def test_batch_invalid_lines_fail(scripted_server):
    server = scripted_server([], default=Reply(content="x"))
    bad = batch_jsonl(1) + b"{not json\n" + batch_jsonl(1)  # also a duplicate custom_id
    with client_for(server) as client:
        f = client.files.create(file=("in.jsonl", bad), purpose="batch")
        b = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions", completion_window="24h")
        assert b.status == "failed"
        assert [e.code for e in b.errors.data] == ["invalid_json_line", "duplicate_custom_id"]
        assert [e.line for e in b.errors.data] == [2, 3]
        with pytest.raises(openai.NotFoundError):
            client.batches.create(input_file_id="file-missing", endpoint="/v1/chat/completions",
                                  completion_window="24h")
        with pytest.raises(openai.NotFoundError):
            client.batches.retrieve("batch_missing")
    assert server.requests == []


# --------------------------------------------------------------------------- lifecycle


def test_stop_leaves_no_threads_even_with_idle_keepalive_and_hang():
    before = set(server_threads())
    server = ScriptedServer([Reply(content="a"), Reply(fault="hang")]).start()
    client = client_for(server, timeout=5.0)  # deliberately NOT closed before stop(): keep-alive socket stays open
    assert chat(client).choices[0].message.content == "a"
    errors: list[BaseException] = []

    def hanging_call():
        try:
            chat(client)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    caller = threading.Thread(target=hanging_call)
    caller.start()
    deadline = time.monotonic() + 2
    while len(server.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(server.requests) == 2
    assert len(server.threads) >= 2  # serve loop + connection handler(s)

    t0 = time.monotonic()
    server.stop()
    assert time.monotonic() - t0 < 1.0
    caller.join(2)
    assert not caller.is_alive()
    assert isinstance(errors[0], openai.APIConnectionError)  # the hanging call ends when the server stops
    assert server.threads == []
    assert set(server_threads()) == before
    assert server.errors == []
    client.close()

    with pytest.raises(OSError):  # port is closed
        socket.create_connection(("127.0.0.1", int(server.url.split(":")[2].split("/")[0])), timeout=0.5)


def test_context_manager_and_single_use():
    with ScriptedServer([Reply(content="x")]) as server:
        assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/v1")
        with client_for(server) as client:
            assert chat(client).choices[0].message.content == "x"
    assert server.threads == []
    server.stop()  # idempotent
    with pytest.raises(RuntimeError):
        server.start()
