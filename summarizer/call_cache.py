"""Replaying model calls: a development tool that answers a request it has seen from disk.

With a fixed seed the embedded model gives the same reply to the same request (temperature 0, or a seeded re-ask),
so while one stage is being changed the calls of the others need not be decoded again: with
`SUMMARIZER_CALL_CACHE=DIR` every successful `/chat/completions` reply is stored under the hash
of the model and the exact request body, and an identical request is answered from the file.
A changed prompt, schema or parameter is another request, so it reaches the model. Outputs made
this way record `call_cache` in `provenance.generation`: their token usage is the recorded
calls', their timings are not a measurement.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx2 as httpx

from .export import write_atomic

__all__ = ["ReplayTransport", "request_key"]


def request_key(model: str, body: bytes) -> str:
    """The file name of a request's reply: the hash of the model identity and the request body."""
    return hashlib.sha256(model.encode("utf-8") + b"\0" + body).hexdigest()


class ReplayTransport(httpx.AsyncBaseTransport):
    """Answers `/chat/completions` from `directory` when the same request was answered before."""

    def __init__(self, inner: httpx.AsyncBaseTransport, directory: Path, model: str) -> None:
        self.inner = inner
        self.directory = directory
        self.model = model

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/chat/completions"):
            return await self.inner.handle_async_request(request)
        body = await request.aread()
        path = self.directory / f"{request_key(self.model, body)}.json"
        headers = {"content-type": "application/json"}
        if path.is_file():
            return httpx.Response(200, headers={**headers, "x-summarizer-replay": "hit"}, content=path.read_bytes(),
                                  request=request)
        response = await self.inner.handle_async_request(request)
        if response.status_code != 200:
            return response
        content = await response.aread()
        write_atomic(path, content.decode("utf-8"))
        return httpx.Response(200, headers=headers, content=content, request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()
