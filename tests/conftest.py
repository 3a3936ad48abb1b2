"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pytest

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
