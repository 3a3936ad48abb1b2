"""Cache keys: the fingerprint of everything that decides an output, and the key a stored result answers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pydantic import BaseModel

from .. import responses
from ..config import Settings
from ..llm import build_backend
from ..models import SCHEMA_VERSION
from ..prompts import Prompts
from ..stages import MAX_TOKENS, TEMPLATES

__all__ = ["cache_key", "fingerprint"]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _response_schemas_sha256() -> str:
    """Hash of the JSON Schemas of every stage response model: they are part of each request."""
    schemas = {
        name: obj.model_json_schema()
        for name, obj in sorted(vars(responses).items())
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == responses.__name__
    }
    return _sha256(json.dumps(schemas, sort_keys=True, ensure_ascii=False).encode())


def fingerprint(settings: Settings, prompts: Prompts) -> tuple[str, dict[str, Any]]:
    """(sha256, spec) of everything that decides an article's output, except the article itself.

    Not included on purpose: the endpoint URL and key (the same model elsewhere gives the same
    output), retry budgets, timeouts, and `via` (a Batch API answer is the same model's answer).
    """
    if settings.uses_endpoint:
        backend = build_backend(settings)  # cheap for an endpoint; validates the settings early
        provider, model, model_sha256 = backend.provider, backend.model, backend.model_sha256
    else:
        from ..local_model import embedded_provider, ensure_model  # the file's hash, without loading the model

        path, model_sha256 = ensure_model(settings)
        provider, model = embedded_provider(settings), path.name
    spec = {
        "schema_version": SCHEMA_VERSION,
        "prompt_templates": prompts.hashes(TEMPLATES),
        "response_schemas": _response_schemas_sha256(),
        "provider": provider,
        "model": model,
        "model_sha256": model_sha256,
        "request_form": settings.request_form,
        "generation": {**settings.generation, "max_tokens": dict(MAX_TOKENS)},
    }
    return _sha256(json.dumps(spec, sort_keys=True).encode()), spec


def cache_key(fingerprint_sha256: str, text_sha256: str, published: dt.date | None) -> str:
    """The key one stored result answers: fingerprint, article text and publication date."""
    return _sha256(f"{fingerprint_sha256}\n{text_sha256}\n{published.isoformat() if published else ''}".encode())
