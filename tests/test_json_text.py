"""Raw control characters inside the JSON strings of a reply: escaped the same way on every path."""

from __future__ import annotations

import asyncio
import json

import pytest
from pydantic import BaseModel, ValidationError

from summarizer import Settings
from summarizer.json_text import escape_control_characters
from summarizer.llm import Backend, LlamaTransport, build_backend
from summarizer.request_forms import RequestForms

from .openai_server import Reply

# What llama-cpp-python's schema grammar lets through: its string rule admits any character but `"` and `\`.
RAW = '{"text": "first line\nsecond\tline, a \\"quote\\" and \x01"}'
VALUE = "first line\nsecond\tline, a \"quote\" and \x01"


class Text(BaseModel):
    text: str


def test_raw_control_characters_in_strings_are_escaped_to_the_same_value():
    escaped = escape_control_characters(RAW)
    assert escaped == '{"text": "first line\\nsecond\\tline, a \\"quote\\" and \\u0001"}'
    assert json.loads(escaped) == json.loads(RAW, strict=False) == {"text": VALUE}


@pytest.mark.parametrize("text", [
    '{\n  "text": "a"\n}',  # control characters between tokens are JSON whitespace: already strict
    'not JSON at all: "a\nb"',  # not JSON once escaped either: left for the parser to report
    '{"text": "cut off\n',
])
def test_text_that_escaping_does_not_make_json_is_left_as_is(text):
    assert escape_control_characters(text) == text


class FixedReplyLlama:
    """Stands in for llama_cpp.Llama: every completion is `content`."""

    def __init__(self, content: str) -> None:
        self.content = content

    def n_ctx(self) -> int:
        return 8192

    def tokenize(self, data: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return list(range(len(data) // 4))

    def create_chat_completion(self, **kwargs):
        return {"id": "x", "object": "chat.completion", "created": 0, "usage": {"prompt_tokens": 3, "completion_tokens": 2,
                "total_tokens": 5}, "choices": [
            {"index": 0, "message": {"role": "assistant", "content": self.content}, "finish_reason": "stop"}]}


def structured_call(backend: Backend) -> Text:
    async def call() -> Text:
        return await backend.complete(Text, [{"role": "user", "content": "say it"}], context={}, max_tokens=50,
                                      stage="test", article_id="a1")
    return asyncio.run(call())


def test_embedded_and_http_paths_parse_a_raw_control_character_alike(scripted_server, tmp_path):
    # pydantic's JSON parser, which instructor validates with, refuses the raw reply: without the escape
    # this reply would be re-asked (and, on a model that repeats itself, fail) on either path.
    with pytest.raises(ValidationError, match="control character"):
        Text.model_validate_json(RAW)

    settings = Settings.load(config_file=tmp_path / "none.toml", max_retries=0)
    transport = LlamaTransport(FixedReplyLlama(RAW), "fake.gguf")
    embedded = Backend(provider="embedded", model="fake.gguf", base_url=None, settings=settings,
                       forms=RequestForms.fixed("json_object_schema"), transport_factory=lambda: transport)
    server = scripted_server([Reply(content=RAW)])
    endpoint = build_backend(settings.model_copy(update={"base_url": server.url, "model": "m"}))

    assert structured_call(embedded).text == structured_call(endpoint).text == VALUE
