"""Typed errors: one root, each carrying the article id and what was spent before failing."""

from __future__ import annotations

from typing import Any

from .ledger import Usage


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    #: Process exit status the CLI uses for this error.
    exit_code: int = 1

    def __init__(self, message: str, *, article_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.article_id = article_id

    def __str__(self) -> str:
        prefix = f"[{self.article_id}] " if self.article_id else ""
        return f"{prefix}{self.message}"


class ConfigurationError(SummarizerError):
    """The settings cannot work: no model available, bad endpoint settings, unknown option."""

    exit_code = 2


class InputError(SummarizerError):
    """The article cannot be summarised: empty, binary, undecodable, too long, not Arabic."""

    exit_code = 3


class LLMError(SummarizerError):
    """A model call failed; carries the usage and number of calls spent on the article."""

    exit_code = 4

    def __init__(
        self,
        message: str,
        *,
        article_id: str | None = None,
        stage: str | None = None,
        usage: Usage | None = None,
        attempts: int = 0,
    ) -> None:
        super().__init__(message, article_id=article_id)
        self.stage = stage
        self.usage = usage or Usage()
        self.attempts = attempts


class TransportError(LLMError):
    """The endpoint could not be reached or kept failing (timeouts, 429, 5xx) after retries."""


class ValidationFailed(LLMError):
    """The model never produced an output that passed validation within the retry budget.

    `last_attempt` is the raw text of the last reply and `errors` its validation errors, so a
    caller can log or inspect what the model kept getting wrong; it is never returned as valid.
    `detail` is what the message says of those errors, without the attempts (a caller that asked
    several times words its own count around it).
    """

    def __init__(
        self,
        message: str,
        *,
        last_attempt: str | None,
        errors: list[dict[str, Any]],
        detail: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.last_attempt = last_attempt
        self.errors = errors
        self.detail = detail or message


class OutputTruncated(LLMError):
    """The model hit its token limit before closing the structured output.

    `last_attempt` is the raw text of the cut reply (its complete items may be salvaged).
    """

    def __init__(self, message: str, *, last_attempt: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.last_attempt = last_attempt


class ContextExceeded(InputError, LLMError):
    """The article with its prompt and answer budget does not fit the model's context window.

    An input problem (exit status 3, never retried) that is found at a model call, so it also
    carries the stage and what earlier stages spent.
    """
