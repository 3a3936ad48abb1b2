"""How structured output is requested from a backend, and which form a server takes.

instructor sends OpenAI's `response_format: {"type": "json_schema", ...}`. Servers enforce a schema
only in the form they know, and a form they do not know is either refused or, worse, silently
ignored (free-text decoding):

- `json_schema`: OpenAI structured outputs (also llama.cpp's C++ `llama-server`, vLLM, Ollama);
- `json_object_schema`: `{"type": "json_object", "schema": ...}`, the only form llama-cpp-python
  0.3.x builds a grammar from (in process it ignores `json_schema`; its server refuses it, HTTP 500);
- `guided_json`: older vLLM's own request parameter.

A refused form can be detected and another tried (`RequestForms`); an ignored one cannot, which is
why the embedded model is always sent its own form.
"""

from __future__ import annotations

import threading
from typing import Any, Literal, get_args

from .errors import ConfigurationError

Form = Literal["json_schema", "json_object_schema", "guided_json"]
# The order an endpoint's forms are tried in: OpenAI's own first, then what the others enforce.
FORMS: tuple[Form, ...] = get_args(Form)
# The request field that carries each form: what a server's refusal of that form names.
FIELD: dict[str, str] = {"json_schema": "response_format", "json_object_schema": "response_format",
                         "guided_json": "guided_json"}
# Statuses a server answers a request field it does not accept with: 400 (OpenAI, vLLM), 422 (FastAPI's
# validation error), 500 (llama-cpp-python's server reports its validation errors this way).
REFUSAL_STATUSES = frozenset({400, 422, 500})


# llama-cpp-python's server fills each sampling field a request leaves out with its own default, and its
# repeat_penalty is 1.1 where `llama_cpp.Llama`'s (the embedded model's) is 1.0 and OpenAI has none: at
# temperature 0 that alone changes the answer. Sent with llama-cpp-python's form, so its server samples
# as the embedded model does; a caller's own value wins.
LLAMA_CPP_SAMPLING: dict[str, Any] = {"repeat_penalty": 1.0}


def adapt_request_body(body: dict[str, Any], form: str) -> dict[str, Any]:
    """Rewrite an OpenAI `json_schema` response_format into `form`; the caller's body is not changed.

    Leaving the wrong form in place means free-text decoding on some servers, so this is not cosmetic.
    """
    if form not in FORMS:
        raise ConfigurationError(f"unknown request form {form!r} (known: {', '.join(FORMS)})")
    response_format = body.get("response_format")
    if form == "json_schema" or not isinstance(response_format, dict):
        return body
    if response_format.get("type") != "json_schema":
        return body
    schema = response_format["json_schema"]["schema"]
    body = dict(body)
    if form == "json_object_schema":
        body = {**LLAMA_CPP_SAMPLING, **body, "response_format": {"type": "json_object", "schema": schema}}
    else:
        del body["response_format"]
        body["guided_json"] = schema
    return body


def is_refusal(status: int, content: bytes, form: str) -> bool:
    """Whether an error answer refuses the request form itself (names the field that carries it).

    A refusal is the server's answer to the request's shape, not a passing fault: sent again, the same
    request is refused again, so it is neither retried as a 5xx nor fed back to the model.
    """
    return status in REFUSAL_STATUSES and FIELD[form].encode() in content


class RequestForms:
    """The request form one backend is sent, settled on once per run.

    Fixed (`--request-form`, or the embedded model): one form, never changed. Negotiated (an endpoint
    with `auto`): the first form is tried; when the server refuses it, the next, each once; the first
    form a server answers is kept for the rest of the run (later refusals are about that request, not the
    form, and switching would mix forms between the articles of one run).
    """

    def __init__(self, forms: tuple[str, ...], *, negotiated: bool) -> None:
        for form in forms:
            adapt_request_body({}, form)  # raises ConfigurationError on an unknown form
        self._forms = forms
        self._index = 0
        self.negotiated = negotiated
        self.settled = not negotiated
        self.refused: list[str] = []  # forms a server refused this run, in order
        self._lock = threading.Lock()  # a backend's clients may run on several event loops (threads)

    @classmethod
    def fixed(cls, form: str) -> RequestForms:
        return cls((form,), negotiated=False)

    @classmethod
    def negotiate(cls, forms: tuple[str, ...] = FORMS) -> RequestForms:
        return cls(forms, negotiated=True)

    @property
    def current(self) -> str:
        """The form requests are sent in now (after the run has settled: the one that worked)."""
        return self._forms[self._index]

    def worked(self, form: str) -> None:
        """A server answered a request in `form`: keep it for the rest of the run."""
        with self._lock:
            if not self.settled and form == self.current:
                self.settled = True

    def refuse(self, form: str) -> str | None:
        """A server refused `form`: the form to try next, or None when there is none to try."""
        with self._lock:
            if not self.negotiated:
                if form not in self.refused:
                    self.refused.append(form)
                return None
            if self.settled:
                return None
            if form == self.current and form not in self.refused:
                self.refused.append(form)
                if self._index + 1 < len(self._forms):
                    self._index += 1
            # Another request may have moved on already: the form it moved to, unless refused too.
            return None if self.current in self.refused else self.current
