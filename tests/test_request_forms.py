"""Request-form negotiation against the scripted server: a form the server refuses is replaced by the
next one, once; what worked is kept for the run and recorded in provenance; --request-form forces one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from summarizer import TransportError
from summarizer.request_forms import FORMS, RequestForms, adapt_request_body, is_refusal

from .openai_server import Reply
from .seed_replies import SEED, valid_reply
from .test_cli import endpoint, run_cli
from .test_pipeline_http import make_summarizer

TEXT = SEED.read_text(encoding="utf-8")
CALLS = 5  # calls of a clean run on the seed (test_pipeline_http)

# How servers refuse a request form they do not take.
LLAMA_CPP_PYTHON = Reply(status=500, content=json.dumps({"error": {
    # llama-cpp-python 0.3.x's server: its request validation error, reported as HTTP 500
    "message": "1 validation error for CreateChatCompletionRequest\nresponse_format.type\n  Input should be 'text' "
               "or 'json_object' [type=literal_error, input_value='json_schema', input_type=str]",
    "type": "internal_server_error", "param": None, "code": None}}))
OPENAI_STYLE = Reply(status=400, content=json.dumps({"error": {
    "message": "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    "type": "invalid_request_error", "param": "response_format", "code": None}}))
FASTAPI_422 = Reply(status=422, content=json.dumps({"detail": [{
    "type": "literal_error", "loc": ["body", "response_format", "type"],
    "msg": "Input should be 'text' or 'json_object'", "input": "json_schema"}]}))
REFUSALS = {"llama-cpp-python 500": LLAMA_CPP_PYTHON, "OpenAI-style 400": OPENAI_STYLE, "FastAPI 422": FASTAPI_422}


def form_of(request: dict[str, Any]) -> str:
    """The request form a chat request was sent in."""
    if "guided_json" in request:
        return "guided_json"
    return "json_object_schema" if request["response_format"]["type"] == "json_object" else "json_schema"


def taking(*accepted: str, refusal: Reply = LLAMA_CPP_PYTHON) -> Callable[[dict[str, Any]], Reply]:
    """A server that answers the forms in `accepted` and refuses the others with `refusal`."""
    def answer(request: dict[str, Any]) -> Reply:
        return Reply(content=valid_reply(request)) if form_of(request) in accepted else refusal
    return answer


@pytest.mark.parametrize("refusal", list(REFUSALS.values()), ids=list(REFUSALS))
def test_a_refused_form_is_replaced_by_the_next_once_and_recorded(scripted_server, refusal):
    server = scripted_server(taking("json_object_schema", refusal=refusal))
    result = make_summarizer(server).summarize(TEXT, article_id="seed")

    sent = [form_of(r) for r in server.requests]
    assert sent == ["json_schema"] + ["json_object_schema"] * CALLS
    p = result.provenance
    assert p.request_form == "json_object_schema"
    # the refused call is a call, but neither a transport retry (it would be refused again) nor a re-ask
    assert (p.calls, p.transport_retries, p.retries) == (CALLS + 1, 0, 0)


def test_the_form_that_worked_is_kept_for_the_rest_of_the_run(scripted_server):
    server = scripted_server(taking("json_object_schema"))
    summarizer = make_summarizer(server)
    first = summarizer.summarize(TEXT, article_id="first")
    second = summarizer.summarize(TEXT, article_id="second")

    assert [form_of(r) for r in server.requests].count("json_schema") == 1
    assert first.provenance.request_form == second.provenance.request_form == "json_object_schema"
    assert second.provenance.calls == CALLS


def test_each_form_is_tried_once_in_order(scripted_server):
    server = scripted_server(taking("guided_json"))
    result = make_summarizer(server).summarize(TEXT)

    assert [form_of(r) for r in server.requests] == ["json_schema", "json_object_schema"] + ["guided_json"] * CALLS
    assert result.provenance.request_form == "guided_json"


def test_a_server_that_refuses_every_form_is_a_typed_error_naming_them(scripted_server):
    unknown_argument = Reply(status=400, content="Unrecognized request argument supplied: guided_json")

    def answer(request: dict[str, Any]) -> Reply:
        return unknown_argument if form_of(request) == "guided_json" else LLAMA_CPP_PYTHON

    server = scripted_server(answer)
    with pytest.raises(TransportError) as caught:
        make_summarizer(server).summarize(TEXT, article_id="seed")

    assert [form_of(r) for r in server.requests] == list(FORMS)
    message = str(caught.value)
    assert message.startswith("[seed] stage 'summarize_ar': the endpoint answered HTTP 400: Unrecognized request")
    assert "refused every request form: json_schema, json_object_schema, guided_json" in message
    assert caught.value.exit_code == 4 and caught.value.attempts == 3


def test_a_forced_form_is_never_replaced_nor_retried(scripted_server):
    server = scripted_server(taking("json_object_schema"))
    with pytest.raises(TransportError) as caught:
        make_summarizer(server, request_form="json_schema").summarize(TEXT, article_id="seed")

    assert [form_of(r) for r in server.requests] == ["json_schema"]  # one call: no fallback, no retry
    message = str(caught.value)
    assert "HTTP 500" in message and "response_format.type" in message
    assert "--request-form json_object_schema or guided_json may suit this endpoint" in message


def test_an_error_that_does_not_name_the_form_is_retried_not_negotiated(scripted_server):
    plain_500 = iter([Reply(status=500)])

    def answer(request: dict[str, Any]) -> Reply:
        return next(plain_500, None) or Reply(content=valid_reply(request))

    server = scripted_server(answer)
    result = make_summarizer(server).summarize(TEXT)

    assert {form_of(r) for r in server.requests} == {"json_schema"}
    assert result.provenance.request_form == "json_schema" and result.provenance.transport_retries == 1


def test_cli_request_form_forces_one_form_and_says_what_to_try(scripted_server):
    server = scripted_server(taking("json_object_schema"))
    proc = run_cli("summarize", str(SEED), "--request-form", "json_schema", *endpoint(server))
    assert proc.returncode == 4
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "--request-form json_object_schema or guided_json" in proc.stderr

    proc = run_cli("summarize", str(SEED), "--json", *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["provenance"]["request_form"] == "json_object_schema"


# ---------------------------------------------------------------- the pieces


def test_refusal_is_a_400_422_or_500_naming_the_field_that_carries_the_form():
    body = b'{"error": {"message": "response_format.type: Input should be \'text\' or \'json_object\'"}}'
    assert all(is_refusal(status, body, "json_schema") for status in (400, 422, 500))
    assert not is_refusal(503, body, "json_schema")  # overloaded: retried, not a refusal
    assert not is_refusal(500, b'{"error": {"message": "out of memory"}}', "json_schema")
    assert is_refusal(400, b'{"detail": "extra field guided_json not permitted"}', "guided_json")
    assert not is_refusal(400, body, "guided_json")  # a guided_json request has no response_format


def test_negotiation_moves_on_only_until_a_form_has_worked():
    forms = RequestForms.negotiate()
    assert forms.current == "json_schema"
    assert forms.refuse("json_schema") == "json_object_schema"
    # a request that was still in flight in the refused form joins the form the run moved to
    assert forms.refuse("json_schema") == "json_object_schema" and forms.refused == ["json_schema"]
    forms.worked("json_object_schema")
    assert forms.refuse("json_object_schema") is None  # settled: a later refusal is about one request
    assert forms.current == "json_object_schema"


def test_a_fixed_form_records_its_refusal_and_offers_no_other():
    forms = RequestForms.fixed("json_schema")
    assert forms.refuse("json_schema") is None and forms.current == "json_schema"
    assert forms.refused == ["json_schema"] and not forms.negotiated


def test_request_bodies_per_form():
    schema = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}}}
    openai_form = {"type": "json_schema", "json_schema": {"name": "A", "schema": schema}}
    body = {"model": "m", "response_format": openai_form}
    assert adapt_request_body(body, "json_schema") == body
    llama_cpp = adapt_request_body(body, "json_object_schema")
    assert llama_cpp["response_format"] == {"type": "json_object", "schema": schema}
    # llama-cpp-python's server would otherwise apply its own repeat penalty (1.1): none, as in process
    assert llama_cpp["repeat_penalty"] == 1.0
    assert adapt_request_body({**body, "repeat_penalty": 1.3}, "json_object_schema")["repeat_penalty"] == 1.3
    vllm = adapt_request_body(body, "guided_json")
    assert "response_format" not in vllm and vllm["guided_json"] == schema
    assert body["response_format"] == openai_form  # the caller's body is not mutated
