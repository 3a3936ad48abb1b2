"""Retry-After parsing, settings precedence and the embedded transport (request forms: test_request_forms.py)."""

from __future__ import annotations

import asyncio

import httpx2 as httpx
import pytest

from summarizer import ConfigurationError, Settings
from summarizer.llm import LlamaTransport, XLlamaTransport, retry_after_seconds


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [({"Retry-After": "3"}, 3.0), ({"retry-after-ms": "250"}, 0.25), ({"Retry-After": "soon"}, None), ({}, None)],
)
def test_retry_after(headers, seconds):
    assert retry_after_seconds(httpx.Headers(headers)) == seconds


def test_retry_after_http_date_is_in_the_future_or_zero():
    assert retry_after_seconds(httpx.Headers({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0


def test_settings_precedence_argument_over_env_over_file(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[summarizer]\nmodel = "from-file"\nmax_retries = 1\ntimeout = 5\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "7")
    s = Settings.load(config_file=config, timeout=9.0)
    assert (s.model, s.max_retries, s.timeout) == ("from-env", 1, 9.0)


def test_invalid_settings_are_a_configuration_error_without_echoing_the_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    with pytest.raises(ConfigurationError) as caught:
        Settings.load(max_retries=99)
    assert "max_retries" in str(caught.value) and "sk-secret-value" not in str(caught.value)


def test_embedded_model_missing_says_how_to_get_one_or_the_other(tmp_path, monkeypatch):
    from summarizer.local_model import PackagedModel, ensure_model

    missing = PackagedModel("x.gguf", "no_such_model_part{n}", "data/part{n:02d}.bin", 2, 1, "0" * 64)
    with pytest.raises(ConfigurationError) as caught:
        ensure_model(Settings.load(cache_dir=tmp_path), missing)
    message = str(caught.value)
    assert "make setup-run" in message and "--base-url" in message and "OPENAI_BASE_URL" in message


class CountingLlama:
    """Stands in for llama_cpp.Llama: one token per 3 bytes, a small context, completions counted."""

    def __init__(self, n_ctx: int) -> None:
        self._n_ctx, self.completions = n_ctx, 0

    def n_ctx(self) -> int:
        return self._n_ctx

    def tokenize(self, data: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return list(range(len(data) // 3))

    def create_chat_completion(self, **kwargs):
        self.completions += 1
        return {"id": "x", "object": "chat.completion", "created": 0, "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}]}


def _chat(transport: LlamaTransport, text: str, max_tokens: int) -> httpx.Response:
    body = {"model": "m", "max_tokens": max_tokens, "messages": [{"role": "system", "content": "s"},
                                                                 {"role": "user", "content": text}]}
    request = httpx.Request("POST", "http://embedded/v1/chat/completions", json=body)
    return asyncio.run(transport.handle_async_request(request))


def test_embedded_model_refuses_a_request_whose_answer_would_not_fit_the_context():
    """llama-cpp-python would shrink max_tokens to what is left and cut the JSON: refuse up front."""
    llama = CountingLlama(n_ctx=1000)
    transport = LlamaTransport(llama, "m")
    fits = _chat(transport, "a" * 1500, max_tokens=400)  # ~500 prompt + 24 template + 400 answer
    assert fits.status_code == 200 and llama.completions == 1
    over = _chat(transport, "a" * 1800, max_tokens=400)  # "s\n" + 1800 bytes = 600 tokens, + 3 x 8 template + 400 = 1,024 > 1,000
    error = over.json()["error"]
    assert over.status_code == 400 and error["code"] == "context_length_exceeded"
    assert "needs about 1,024 tokens" in error["message"] and "context of 1,000 tokens" in error["message"]
    assert llama.completions == 1  # never sent to the model


class ScriptedXServer:
    """Stands in for xllamacpp's Server: answers handle_chat_completions with what it is given."""

    def __init__(self, answer):
        self.answer = answer
        self.bodies: list[dict] = []

    def handle_chat_completions(self, body: dict) -> dict:
        self.bodies.append(body)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_xllamacpp_errors_become_the_openai_errors_the_client_understands():
    over = {"error": {"code": 400, "type": "exceed_context_size_error",
                      "message": "request (834 tokens) exceeds the available context size (512 tokens), try increasing it"}}
    response = _chat(XLlamaTransport(ScriptedXServer(over), "m"), "text", max_tokens=10)
    assert response.status_code == 400 and response.json()["error"]["code"] == "context_length_exceeded"
    assert "834 tokens" in response.json()["error"]["message"]

    unreadable = _chat(XLlamaTransport(ScriptedXServer(ValueError("Expected 'messages' to be an array")), "m"), "t", 10)
    assert unreadable.status_code == 400 and "messages" in unreadable.json()["error"]["message"]

    busy = _chat(XLlamaTransport(ScriptedXServer({"error": {"code": 503, "message": "loading model"}}), "m"), "t", 10)
    assert busy.status_code == 503  # retried by EndpointTransport like any endpoint's 503


def test_xllamacpp_gets_the_request_with_prompt_caching_and_names_the_model():
    reply = {"id": "x", "object": "chat.completion", "created": 0, "model": "server-side-name", "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}]}
    server = ScriptedXServer(reply)
    response = _chat(XLlamaTransport(server, "file.gguf"), "text", max_tokens=10)
    assert response.status_code == 200 and response.json()["model"] == "file.gguf"
    assert server.bodies[0]["cache_prompt"] is True and server.bodies[0]["max_tokens"] == 10
    assert "model" not in server.bodies[0]  # only the fields the runtime understands are passed
