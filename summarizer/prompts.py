"""Prompt templates: sandboxed, strict Jinja over `prompts/*.j2`, with content hashes for provenance."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from .errors import ConfigurationError


def default_prompt_dir() -> Path:
    """Templates shipped in the wheel (`summarizer/prompts`), else the repository's `prompts/`."""
    packaged = Path(str(resources.files("summarizer"))) / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "prompts"


class Prompts:
    """Renders the chat messages of each pipeline stage."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_prompt_dir()
        if not (self.directory / "system.j2").is_file():
            raise ConfigurationError(f"prompt templates not found in {self.directory}")
        # Sandboxed because article text flows into the context; strict so a missing variable fails
        # loudly instead of rendering an empty hole in a prompt.
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(self.directory),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # The model must read Arabic, not \u escapes.
        self.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
        self._hashes: dict[str, str] = {}

    def hashes(self, names: Iterable[str]) -> dict[str, str]:
        """Template name -> sha256 of its source, for the named templates."""
        return {name: self._hash(name) for name in sorted(names)}

    def _hash(self, name: str) -> str:
        if name not in self._hashes:
            self._hashes[name] = hashlib.sha256((self.directory / name).read_bytes()).hexdigest()
        return self._hashes[name]

    def render(self, name: str, **context: Any) -> str:
        """Render one template to text."""
        try:
            return self.env.get_template(name).render(**context).strip()
        except TemplateNotFound:
            raise ConfigurationError(f"prompt template {name!r} not found in {self.directory}") from None

    def messages(self, stage: str, **context: Any) -> list[dict[str, str]]:
        """The chat messages for a stage: the shared system prompt, then the stage's user prompt.

        Every stage's user prompt starts with the same article block, so a local model reuses
        the cached prefix instead of re-reading the article at each stage.
        """
        return [
            {"role": "system", "content": self.render("system.j2", **context)},
            {"role": "user", "content": self.render(f"{stage}.j2", **context)},
        ]
