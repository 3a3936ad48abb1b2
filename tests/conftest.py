"""Shared pytest fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import pytest

from summarizer import ArticleSummary, Settings, Summarizer

try:  # tests/ importable as a package (rootdir on sys.path)
    from tests.openai_server import Reply, ScriptedServer
except ImportError:  # pytest "prepend" import mode puts tests/ itself on sys.path
    from openai_server import Reply, ScriptedServer


@pytest.fixture
def scripted_server() -> Iterator[Callable[..., ScriptedServer]]:
    """Factory: ``server = scripted_server([Reply(...), ...], default=..., batch_delay=...)``.

    Returns a started :class:`ScriptedServer`; every server made is stopped at teardown,
    and the test fails if a server thread survived ``stop()``.
    """
    servers: list[ScriptedServer] = []

    def make(replies: Iterable[Reply] | Callable[[dict], Reply] = (), **kw) -> ScriptedServer:
        server = ScriptedServer(replies, **kw).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
    leftovers = [t.name for s in servers for t in s.threads]
    assert not leftovers, f"ScriptedServer threads still alive after stop(): {leftovers}"


@pytest.fixture(scope="session")
def embedded_seed() -> tuple[Summarizer, ArticleSummary]:
    """The seed article summarised by the real embedded model on llama-cpp-python, as the first work of a
    fresh model.

    Shared by the smoke tests (a minute or more of CPU each time): the end-to-end checks and the
    comparison with llama-cpp-python's server, which needs a model that has served nothing before and
    the same runtime (the default engine, xllamacpp, is tested end to end by test_smoke_xllamacpp).
    """
    try:
        from tests.seed_replies import SEED
    except ImportError:
        from seed_replies import SEED
    summarizer = Summarizer(Settings.load(provider="embedded", engine="llama-cpp-python"))
    text = SEED.read_text(encoding="utf-8")
    return summarizer, summarizer.summarize(text, article_id=SEED.stem, published=dt.date(2018, 3, 24))
