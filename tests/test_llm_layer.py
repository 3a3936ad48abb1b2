"""Request-form adaptation, Retry-After parsing and settings precedence."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from summarizer import ConfigurationError, Settings
from summarizer.llm import adapt_request_body, retry_after_seconds

SCHEMA = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}}}
OPENAI_FORM = {"type": "json_schema", "json_schema": {"name": "A", "schema": SCHEMA}}


def test_request_forms_per_backend():
    body = {"model": "m", "response_format": OPENAI_FORM}
    assert adapt_request_body(body, "json_schema") == body
    assert adapt_request_body(body, "json_object_schema")["response_format"] == {"type": "json_object", "schema": SCHEMA}
    vllm = adapt_request_body(body, "guided_json")
    assert "response_format" not in vllm and vllm["guided_json"] == SCHEMA
    assert body["response_format"] == OPENAI_FORM  # the caller's body is not mutated


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
    assert "make setup" in message and "--base-url" in message and "OPENAI_BASE_URL" in message
