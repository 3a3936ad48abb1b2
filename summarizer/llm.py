"""The model call: instructor over the openai client, with one HTTP transport per backend.

Every backend is reached the same way, through `openai.AsyncOpenAI` and instructor's
JSON_SCHEMA mode; only the httpx transport under the client differs:

- the embedded model is an in-process transport that answers `/chat/completions` with
  llama-cpp-python, so the whole client path (parsing, usage, re-asks) is the real one;
- a remote endpoint is the ordinary HTTP transport.

Both are wrapped by `EndpointTransport`, which (1) rewrites the structured-output request into
the form the backend really enforces, negotiated with an endpoint that refuses a form
(`request_forms`), (2) retries timeouts, 429 and 5xx with tenacity, honouring Retry-After,
(3) books every call and its token usage on the current `ledger.Ledger`, so failed re-asks and
retried calls are counted too, and (4) makes every reply's JSON strict (`json_text`), so all
backends are parsed alike.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import re
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, TypeVar

# openai 3.x is built on httpx2, its fork of httpx: its client accepts only httpx2 transports.
import httpx2 as httpx
import instructor
import openai
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter
from tenacity.wait import wait_base

from .call_cache import ReplayTransport
from .config import Settings
from .errors import ConfigurationError, ContextExceeded, LLMError, OutputTruncated, TransportError, ValidationFailed
from .json_text import escape_control_characters
from .ledger import Ledger, book, current_ledger, usage_of
from .request_forms import FORMS, RequestForms, adapt_request_body, is_refusal

T = TypeVar("T", bound=BaseModel)
logger = logging.getLogger(__name__)

# Statuses worth sending again: the server may answer differently next time.
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
EMBEDDED_BASE_URL = "http://embedded.invalid/v1"
# Response extension set on a reply that came from a provider's Batch API (`batch.api`): its usage is
# booked as batch usage, which is priced at the batch discount.
ANSWERED_BY_BATCH = "summarizer.answered_by_batch"


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `Retry-After` (seconds or date)."""
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(email.utils.parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (ValueError, TypeError):
        return None  # unreadable: fall back to exponential backoff


class _RetryableStatus(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


class BadCompletion(Exception):
    """HTTP 200 from /chat/completions whose body is not a chat completion with a choice.

    A proxy's HTML error page, a cut-off body, or `choices: []`: the endpoint failed, not the
    model, so it is retried like a 5xx instead of being fed back to the model as a re-ask. The
    message names the content type and size only, never the body (it may echo the key, and
    libraries log this exception with its traceback).
    """


def completion_problem(content_type: str, content: bytes) -> str | None:
    """Why a 200 body is not a usable chat completion, or None when it is one."""
    kind = f"{content_type.split(';')[0].strip() or 'no content type'}, {len(content)} bytes"
    try:
        data = json.loads(content)
    except ValueError:
        return f"a body that is not JSON ({kind})"
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        return f"a JSON body that is not a chat completion ({kind})"
    if not data["choices"]:
        return "a chat completion with no choices"
    return None


# Chat-template control tokens (ChatML <|im_start|>/<|im_end|>, Llama 3 <|eot_id|>, <s>, Gemma turns).
# Backends that format the chat into one string and tokenize it with special tokens enabled
# (llama-cpp-python does; so do HF tokenizers behind vLLM) would turn such text inside an article
# into real turn boundaries: a forged system message. Spaced out, they are plain text.
_CONTROL_TOKEN = re.compile(r"<\|([^<>|\s]{1,64})\|>|<(/?s|start_of_turn|end_of_turn)>")


def inert_control_tokens(text: str) -> str:
    """`text` with chat-template control tokens made plain text (`<|im_end|>` -> `<| im_end |>`)."""
    return _CONTROL_TOKEN.sub(lambda m: f"<| {m[1]} |>" if m[1] else f"< {m[2]} >", text)


def jinja_literal(text: str) -> str:
    """`text` as a Jinja template that renders to `text` itself.

    instructor renders every message as a (sandboxed) Jinja template whenever a `context` is
    given, and the validators need one; unescaped, an article's `{{ ... }}` or `{% ... %}` would
    run: read the validation context into the prompt, loop for minutes, or fail with a Jinja error.
    Only `{` can open a Jinja construct, so each one is written as an expression printing it.
    """
    return text.replace("{", "{{ '{' }}")


class RetryAfterWait(wait_base):
    """Wait what a 429/503 asked for (capped); otherwise back off exponentially with jitter."""

    def __init__(self, max_wait: float) -> None:
        self.max_wait = max_wait
        self.fallback = wait_exponential_jitter(multiplier=0.5, max=max_wait)

    def __call__(self, retry_state: Any) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, _RetryableStatus):
            asked = retry_after_seconds(exc.response.headers)
            if asked is not None:
                return min(asked, self.max_wait)
        return min(self.fallback(retry_state), self.max_wait)


class EndpointTransport(httpx.AsyncBaseTransport):
    """Request forms, transport retries and usage booking around any transport.

    A chat request is sent in the backend's current request form (`request_forms.RequestForms`); when
    the server refuses that form, in the next form the run may try, each once. Every attempt is
    retried on timeouts, 429 and 5xx (a refused form is not: it would be refused again).
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, *, forms: RequestForms, retries: int, max_wait: float,
                 reask: dict[str, Any] | None = None) -> None:
        self.inner = inner
        self.forms = forms
        self.retries = retries
        self.max_wait = max_wait
        self.reask = reask or {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return await self._send(request, form=None)
        body = json.loads(request.content)
        if self.reask and is_reask(body):
            body = {**body, **self.reask}
        tried: list[str] = []
        while True:
            form = self.forms.current
            tried.append(form)
            response = await self._send(self._adapt(request, body, form), form=form)
            if not is_refusal(response.status_code, response.content, form):
                if response.status_code == 200:
                    self.forms.worked(form)
                return response
            following = self.forms.refuse(form)
            if following is None or following in tried:
                return response  # the client raises its typed error; Backend names the forms refused
            logger.info("the endpoint refused the request form %s; trying %s", form, following)

    async def _send(self, request: httpx.Request, *, form: str | None) -> httpx.Response:
        """One request (a chat one when `form` is given), with transport retries."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.retries + 1),
            wait=RetryAfterWait(self.max_wait),
            retry=retry_if_exception_type((httpx.TransportError, _RetryableStatus, BadCompletion)),
            before_sleep=lambda _state: book(transport_retries=1),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    response = await self._attempt(request, form)
        except _RetryableStatus as exc:
            # Out of retries: hand the last error response to the client, which raises its typed error.
            response = exc.response
        # Out of retries on a BadCompletion: it propagates, and the client reports it as APIConnectionError.
        return response

    async def _attempt(self, request: httpx.Request, form: str | None) -> httpx.Response:
        """One attempt, booked; raises what is worth retrying."""
        book(calls=1)
        response = await self.inner.handle_async_request(request)
        if form is None:
            if response.status_code in RETRY_STATUSES:
                await response.aread()
                raise _RetryableStatus(response)
            return response
        if response.status_code == 200:
            return await self._completion(request, response)
        await response.aread()  # an error answer is small, and the refusal check reads it
        if response.status_code in RETRY_STATUSES and not is_refusal(response.status_code, response.content, form):
            raise _RetryableStatus(response)
        return response

    @staticmethod
    def _adapt(request: httpx.Request, body: dict[str, Any], form: str) -> httpx.Request:
        body = adapt_request_body(body, form)
        if isinstance(body.get("messages"), list):
            body = {**body, "messages": [
                {**m, "content": inert_control_tokens(m["content"])}
                if isinstance(m, dict) and isinstance(m.get("content"), str) else m
                for m in body["messages"]
            ]}
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(
            "POST", request.url, headers=headers, json=body, extensions=request.extensions
        )

    async def _completion(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        """Book the usage of a 200 chat answer; raise BadCompletion when it is not a completion.

        The reply's JSON is made strict (`json_text.escape_control_characters`) here, under every
        backend alike, so the embedded model and any server are parsed the same way.
        """
        content = await response.aread()
        # A malformed body books no tokens.
        book(usage=usage_of(content), batched=bool(response.extensions.get(ANSWERED_BY_BATCH)))
        if (problem := completion_problem(response.headers.get("content-type", ""), content)) is not None:
            raise BadCompletion(f"the endpoint answered HTTP 200 with {problem}")
        content = _strict_replies(content)
        # The body is read and decoded now: pass it on without the encoding headers that described it,
        # as JSON (it is: a server that labels it text/plain would otherwise make the client return a str).
        headers = [
            (k, v) for k, v in response.headers.items()
            if k.lower() not in ("content-encoding", "content-length", "content-type")
        ]
        headers.append(("content-type", "application/json"))
        return httpx.Response(response.status_code, headers=headers, content=content, request=request)


def is_reask(body: dict[str, Any]) -> bool:
    """Whether a chat request is a validation re-ask: instructor sends the rejected answer back as the
    assistant's turn, and no first request of the pipeline has one."""
    messages = body.get("messages")
    return isinstance(messages, list) and any(isinstance(m, dict) and m.get("role") == "assistant" for m in messages)


def _strict_replies(content: bytes) -> bytes:
    """A chat completion body whose message contents are strict JSON where they were JSON with raw
    control characters in strings; the body itself is unchanged otherwise."""
    data = json.loads(content)
    changed = False
    for choice in data["choices"]:
        message = choice.get("message") if isinstance(choice, dict) else None
        text = message.get("content") if isinstance(message, dict) else None
        if isinstance(text, str) and (strict := escape_control_characters(text)) != text:
            message["content"], changed = strict, True
    return json.dumps(data, ensure_ascii=False).encode() if changed else content


class DeadlineTransport(httpx.AsyncBaseTransport):
    """A whole chat call to the network, headers and body, within `deadline` seconds.

    httpx's timeout bounds each network read, not the call: a server that trickles its answer
    a byte at a time would hold a call for as long as it liked. Only `/chat/completions` (other
    requests, such as Batch API file downloads, may rightly take long); it sits under the batch
    router, whose first attempts wait for a batch, so only real network calls are timed.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return await self.inner.handle_async_request(request)
        try:
            async with asyncio.timeout(self.deadline):
                response = await self.inner.handle_async_request(request)
                await response.aread()
        except TimeoutError:
            raise httpx.ReadTimeout(f"no complete answer within {self.deadline:g} s", request=request) from None
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class _Redact(logging.Filter):
    """Replace a secret in log records: libraries log server answers, which may echo the key."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "***"), None
        return True


# Loggers of the libraries under us that log request and error details.
_CHATTY_LOGGERS = ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2")


def install_redaction(secret: str) -> None:
    """Keep `secret` out of every record logged by the libraries this package calls."""
    # A logger's filters see only records logged to that very logger, so attach to each one.
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in _CHATTY_LOGGERS]
    for name in {*names, *_CHATTY_LOGGERS}:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Redact) and f.secret == secret for f in logger.filters):
            logger.addFilter(_Redact(secret))


class _InProcessTransport(httpx.AsyncBaseTransport):
    """An OpenAI-compatible `/chat/completions` answered by a model in this process."""

    # Request fields the in-process runtimes understand.
    _PASSED = (
        "messages", "max_tokens", "temperature", "top_p", "seed", "stop", "response_format",
        "frequency_penalty", "presence_penalty", "repeat_penalty",
    )

    def __init__(self, engine: Any, model_name: str) -> None:
        self.engine = engine
        self.model_name = model_name

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json={"object": "list", "data": [{"id": self.model_name, "object": "model"}]})
        if not request.url.path.endswith("/chat/completions"):
            return httpx.Response(404, json={"error": {"message": f"no route {request.url.path}"}})
        body = json.loads(await request.aread())
        return await self._answer({k: body[k] for k in self._PASSED if body.get(k) is not None})

    async def _answer(self, kwargs: dict[str, Any]) -> httpx.Response:
        raise NotImplementedError


class LlamaTransport(_InProcessTransport):
    """The embedded model on llama-cpp-python: one request at a time."""

    def __init__(self, llama: Any, model_name: str) -> None:
        super().__init__(llama, model_name)
        # llama-cpp-python decodes one request at a time: the context and KV cache are shared state.
        self._lock = threading.Lock()

    async def _answer(self, kwargs: dict[str, Any]) -> httpx.Response:
        if (needed := self._tokens_needed(kwargs)) > (n_ctx := self.engine.n_ctx()):
            # llama-cpp-python itself only refuses a prompt longer than the context and silently
            # shrinks the answer budget to what is left: the JSON would be cut, not refused.
            return _context_exceeded(
                f"the request needs about {needed:,} tokens (prompt with the article, plus "
                f"max_tokens={kwargs.get('max_tokens', 0):,} for the answer), over the model's context of {n_ctx:,} tokens"
            )
        try:
            result = await asyncio.to_thread(self._complete, kwargs)
        except ValueError as exc:  # llama-cpp-python reports context overflow this way
            return _context_exceeded(str(exc))
        result["model"] = self.model_name
        return httpx.Response(200, json=result)

    def _tokens_needed(self, kwargs: dict[str, Any]) -> int:
        messages = kwargs.get("messages", [])
        text = "\n".join(str(m.get("content") or "") for m in messages)
        prompt = len(self.engine.tokenize(text.encode("utf-8"), add_bos=False, special=True))
        return prompt + CHAT_TEMPLATE_TOKENS * (len(messages) + 1) + int(kwargs.get("max_tokens") or 0)

    def _complete(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return self.engine.create_chat_completion(**kwargs)


class XLlamaTransport(_InProcessTransport):
    """The embedded model on xllamacpp: llama.cpp's C++ server, thread-safe, one request per slot.

    The server refuses a prompt longer than a slot's context itself; an answer that runs into the
    end of the context stops there and is reported as cut (`finish_reason: length`), never as whole.
    """

    async def _answer(self, kwargs: dict[str, Any]) -> httpx.Response:
        try:
            result = await asyncio.to_thread(self.engine.handle_chat_completions, {**kwargs, "cache_prompt": True})
        except ValueError as exc:  # a request the server cannot read
            return httpx.Response(400, json={"error": {"message": str(exc), "type": "invalid_request_error"}})
        if error := result.get("error"):
            if error.get("type") == "exceed_context_size_error":
                return _context_exceeded(str(error.get("message")))
            return httpx.Response(int(error.get("code") or 500), json={"error": error})
        result["model"] = self.model_name
        return httpx.Response(200, json=result)


# Role markers a chat template adds around each message (Qwen's `<|im_start|>user\n…<|im_end|>\n`
# is 5 tokens), rounded up so the budget check errs on the side of refusing.
CHAT_TEMPLATE_TOKENS = 8


def _context_exceeded(message: str) -> httpx.Response:
    """The error body OpenAI sends for an over-long request (vLLM and others use the same type)."""
    error = {"message": message, "type": "invalid_request_error", "code": "context_length_exceeded"}
    return httpx.Response(400, json={"error": error})


_CONTEXT_MESSAGE = re.compile(r"(?i)context (length|window)|maximum context|too many tokens|exceeds? .*context")


def _is_context_overflow(exc: openai.APIError) -> bool:
    """Whether an endpoint refused the request because it does not fit the model's context."""
    if not isinstance(exc, openai.BadRequestError):
        return False
    return exc.code == "context_length_exceeded" or bool(_CONTEXT_MESSAGE.search(_detail(exc)))


def _detail(exc: openai.APIStatusError) -> str:
    """What the server said, on one line, without the client's 'Error code: 400 - {...}' wrapping."""
    detail = exc.body.get("message") if isinstance(exc.body, dict) else None
    # Servers send multi-line messages (pydantic's validation errors); an error is one line on a terminal.
    return " ".join(str(detail or exc.message).split())


@dataclass
class Backend:
    """A configured model: where calls go and how structured output is requested."""

    provider: str
    model: str
    base_url: str | None
    forms: RequestForms
    settings: Settings
    transport_factory: Any
    model_sha256: str | None = None
    _clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, instructor.AsyncInstructor] = field(
        default_factory=weakref.WeakKeyDictionary
    )

    def client(self) -> instructor.AsyncInstructor:
        """The instructor client for the running event loop (httpx pools are bound to one loop)."""
        loop = asyncio.get_running_loop()
        if loop not in self._clients:
            s = self.settings
            inner = self.transport_factory()
            if s.call_cache is not None:
                inner = ReplayTransport(inner, s.call_cache, self.model_sha256 or f"{self.base_url}|{self.model}")
            transport = EndpointTransport(inner, forms=self.forms, retries=s.transport_retries, max_wait=s.max_wait,
                                          reask={"temperature": s.reask_temperature})
            api_key = s.api_key.get_secret_value() if s.api_key else "not-needed"
            raw = openai.AsyncOpenAI(
                base_url=self.base_url or EMBEDDED_BASE_URL,
                api_key=api_key,
                max_retries=0,  # EndpointTransport retries; two layers would multiply attempts
                timeout=s.timeout,
                http_client=httpx.AsyncClient(transport=transport, timeout=s.timeout),
            )
            client = instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
            client.on("parse:error", lambda *_a, **_k: book(retries=1))
            self._clients[loop] = client
        return self._clients[loop]

    @property
    def request_form(self) -> str:
        """The request form calls are sent in: the one this run settled on (provenance records it)."""
        return self.forms.current

    def __post_init__(self) -> None:
        if self.settings.api_key is not None:
            install_redaction(self.settings.api_key.get_secret_value())

    def redact(self, text: str) -> str:
        """Remove the API key from a message that may echo what the server said."""
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        return text.replace(key, "***") if key else text

    async def complete(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        context: dict[str, Any],
        max_tokens: int,
        stage: str,
        article_id: str | None,
        max_retries: int | None = None,
    ) -> T:
        """One structured call with validation re-asks; raises typed errors, never returns unvalidated output.

        `max_retries`: re-asks for this call, at most the settings' (default: the settings')."""
        s = self.settings
        reasks = s.max_retries if max_retries is None else min(max_retries, s.max_retries)
        ledger = current_ledger() or Ledger()
        try:
            return await self.client().chat.completions.create(
                model=self.model,
                response_model=response_model,
                messages=[{**m, "content": jinja_literal(m["content"])} for m in messages],  # type: ignore[misc]
                max_retries=reasks,
                context=context,
                strict=False,
                max_tokens=max_tokens,
                temperature=s.temperature,
                **({"seed": s.seed} if s.seed is not None else {}),
            )
        except IncompleteOutputException as exc:
            raise OutputTruncated(
                f"stage {stage!r}: the model hit max_tokens={max_tokens} before finishing its JSON",
                article_id=article_id, stage=stage, usage=ledger.usage, attempts=ledger.calls,
                last_attempt=_completion_text(exc.last_completion),
            ) from None
        except InstructorRetryException as exc:
            raise self._failure(exc, stage, article_id, ledger) from None
        except openai.APIError as exc:
            raise self._api_failure(exc, stage, article_id, ledger) from None

    def _api_failure(self, exc: openai.APIError, stage: str, article_id: str | None, ledger: Ledger) -> LLMError:
        where = dict(article_id=article_id, stage=stage, usage=ledger.usage, attempts=ledger.calls)
        if _is_context_overflow(exc):
            return ContextExceeded(
                self.redact(
                    f"stage {stage!r}: the article is too long for the model's context ({_detail(exc)}); it is "
                    "refused rather than silently truncated: split it, raise n_ctx (SUMMARIZER_N_CTX) for the "
                    "embedded model, or use a model with a longer context"
                ),
                **where,
            )
        return TransportError(self.redact(f"stage {stage!r}: {_describe_api_error(exc)}{self._form_hint(exc)}"), **where)

    def _form_hint(self, exc: openai.APIError) -> str:
        """What to do when the endpoint refused the request form (empty for any other error)."""
        form = self.request_form
        if not (isinstance(exc, openai.APIStatusError) and is_refusal(exc.status_code, exc.response.content, form)):
            return ""
        if self.forms.negotiated and form in self.forms.refused:
            return f" (the endpoint refused every request form: {', '.join(self.forms.refused)})"
        others = " or ".join(f for f in FORMS if f != form)
        return f" (request form {form}; --request-form {others} may suit this endpoint: see the README's backend table)"

    def _failure(
        self, exc: InstructorRetryException, stage: str, article_id: str | None, ledger: Ledger
    ) -> LLMError:
        cause = exc.__cause__
        if not exc.failed_attempts and isinstance(cause, openai.APIError):
            return self._api_failure(cause, stage, article_id, ledger)
        last = exc.failed_attempts[-1] if exc.failed_attempts else None
        errors = _error_list(last.exception) if last else [{"msg": str(cause)}]
        text = _completion_text(last.completion) if last else None
        first = errors[0]["msg"] if errors else "unknown error"
        detail = self.redact(f"{len(errors)} validation error(s), first: {first}")
        return ValidationFailed(
            f"stage {stage!r}: no valid output after {exc.n_attempts} attempt(s); {detail}",
            article_id=article_id, stage=stage, usage=ledger.usage, attempts=ledger.calls,
            last_attempt=text, errors=errors, detail=detail,
        )


def _describe_api_error(exc: openai.APIError) -> str:
    if isinstance(exc.__cause__, BadCompletion):
        return f"{exc.__cause__} (after retries)"
    if isinstance(exc, openai.APITimeoutError):
        return "the endpoint did not answer in time (after retries)"
    if isinstance(exc, openai.APIConnectionError):
        return f"cannot reach the endpoint ({exc.__cause__ or exc})"
    if isinstance(exc, openai.APIStatusError):
        return f"the endpoint answered HTTP {exc.status_code}: {_detail(exc)}"
    return f"bad answer from the endpoint: {exc}"


def _error_list(exc: Exception) -> list[dict[str, Any]]:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in errors()]
    return [{"loc": [], "msg": str(exc)}]


def _completion_text(completion: Any) -> str | None:
    try:
        return completion.choices[0].message.content
    except (AttributeError, IndexError, TypeError):
        return None


def build_backend(settings: Settings) -> Backend:
    """Resolve settings into a backend: an OpenAI-compatible endpoint or the embedded model."""
    if settings.uses_endpoint:
        if not settings.base_url:
            raise ConfigurationError("provider 'openai' needs --base-url (or OPENAI_BASE_URL)")
        if not settings.model:
            raise ConfigurationError("an endpoint needs a model name: --model (or SUMMARIZER_MODEL)")
        return Backend(
            provider="openai-compatible",
            model=settings.model,
            base_url=settings.base_url,
            forms=RequestForms.negotiate() if settings.request_form == "auto" else RequestForms.fixed(settings.request_form),
            settings=settings,
            transport_factory=lambda: DeadlineTransport(httpx.AsyncHTTPTransport(), settings.timeout),
        )
    from .local_model import embedded_provider, ensure_model, load_engine

    path, sha256 = ensure_model(settings)
    # One transport for every event loop: it owns the model (and, on llama-cpp-python, the lock
    # that serialises access to it).
    engine = load_engine(path, settings)
    transport = (XLlamaTransport if settings.engine == "xllamacpp" else LlamaTransport)(engine, path.name)
    return Backend(
        provider=embedded_provider(settings),
        model=path.name,
        base_url=None,
        # An in-process runtime ignores a form it does not know instead of refusing it: nothing to negotiate.
        forms=RequestForms.fixed("json_object_schema" if settings.request_form == "auto" else settings.request_form),
        settings=settings,
        transport_factory=lambda: transport,
        model_sha256=sha256,
    )
