"""One frozen settings object; precedence: argument > environment > config file > default."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from .errors import ConfigurationError

RequestForm = Literal["auto", "json_schema", "json_object_schema", "guided_json"]

# Environment variable -> settings field. OPENAI_* are the names every OpenAI-compatible tool reads.
ENV_VARS: dict[str, str] = {
    "SUMMARIZER_PROVIDER": "provider",
    "OPENAI_BASE_URL": "base_url",
    "OPENAI_API_KEY": "api_key",
    "SUMMARIZER_MODEL": "model",
    "SUMMARIZER_REQUEST_FORM": "request_form",
    "SUMMARIZER_MODEL_PATH": "model_path",
    "SUMMARIZER_CACHE_DIR": "cache_dir",
    "SUMMARIZER_MAX_RETRIES": "max_retries",
    "SUMMARIZER_REASK_TEMPERATURE": "reask_temperature",
    "SUMMARIZER_TIMEOUT": "timeout",
    "SUMMARIZER_N_CTX": "n_ctx",
    "SUMMARIZER_THREADS": "n_threads",
    "SUMMARIZER_CALL_CACHE": "call_cache",
    "SUMMARIZER_ENGINE": "engine",
    "SUMMARIZER_SLOTS": "slots",
}


def default_config_file() -> Path:
    """Where the user's config file lives (`SUMMARIZER_CONFIG` overrides it)."""
    env = os.environ.get("SUMMARIZER_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir("summarizer")) / "config.toml"


class Settings(BaseModel):
    """Everything that decides how an article is summarised."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    provider: Literal["auto", "embedded", "openai"] = Field(
        default="auto", description="'auto' uses the endpoint when base_url is set, else the embedded model"
    )
    base_url: str | None = Field(default=None, description="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")
    api_key: SecretStr | None = Field(default=None, description="Endpoint key; never written anywhere")
    model: str | None = Field(default=None, description="Model name at the endpoint")
    request_form: RequestForm = Field(
        default="auto",
        description="How structured output is requested: auto (the embedded model's own form; with an endpoint, "
        "negotiated: json_schema first, the next form when the server refuses one), json_schema (OpenAI, vLLM, "
        "Ollama), json_object_schema (llama-cpp-python, in process or its server), guided_json (older vLLM)",
    )
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    reask_temperature: float = Field(
        default=0.7, ge=0.0, le=2.0,
        description="Temperature of a re-ask (a request that carries the model's rejected answer back to it), "
        "with the same seed. At temperature 0 a small model often answers a re-ask with its rejected reply "
        "word for word (docs/reliability.md)",
    )
    seed: int | None = Field(default=0, description="Sampling seed, where the backend honours one")
    max_retries: int = Field(
        default=1, ge=0, le=5,
        description="Re-asks after a validation failure, per stage (a small model mostly repeats its mistakes, "
        "so more re-asks mostly cost time)",
    )
    transport_retries: int = Field(default=4, ge=0, le=10, description="Retries after timeouts, 429 and 5xx")
    timeout: float = Field(default=300.0, gt=0, description="Seconds before one HTTP call is abandoned")
    max_wait: float = Field(default=60.0, ge=0, description="Longest single wait between transport retries")
    n_ctx: int = Field(default=8192, ge=2048, description="Context window of the embedded model")
    n_threads: int | None = Field(default=None, description="CPU threads for the embedded model")
    engine: Literal["llama-cpp-python", "xllamacpp"] = Field(
        default="xllamacpp",
        description="The embedded model's runtime: xllamacpp (the `xl` extra: a prebuilt wheel of llama.cpp's "
        "own C++ server, in process) or llama-cpp-python (the `local` extra, built from source); "
        "benchmarks/README.md compares them",
    )
    slots: int = Field(
        default=1, ge=1, le=16,
        description="xllamacpp only: requests the embedded model serves at once (continuous batching), "
        "each with n_ctx tokens of context",
    )
    model_path: Path | None = Field(default=None, description="A GGUF file to use instead of the packaged model")
    call_cache: Path | None = Field(
        default=None,
        description="Development: answer a model request seen before from this directory (summarizer/call_cache.py)",
    )
    cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("summarizer")),
        description="Where the embedded model is assembled",
    )
    glossary_files: tuple[Path, ...] = Field(
        default=(), description="User glossary files (docs/glossary.md) added to the built-in one"
    )
    max_article_chars: int = Field(default=20_000, gt=0, description="Longer articles are refused with a clear error")

    @property
    def generation(self) -> dict[str, Any]:
        """The sampling parameters every call is made with (provenance and batch fingerprints record them)."""
        return {"temperature": self.temperature, "reask_temperature": self.reask_temperature, "seed": self.seed}

    @property
    def uses_endpoint(self) -> bool:
        """True when calls go to an OpenAI-compatible endpoint rather than the embedded model."""
        return self.provider == "openai" or (self.provider == "auto" and self.base_url is not None)

    @classmethod
    def load(cls, config_file: Path | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, the config file, the environment, then explicit arguments."""
        values: dict[str, Any] = {}
        path = config_file or default_config_file()
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("summarizer", {}))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigurationError(f"cannot read config file {path}: {exc}") from exc
        for var, field in ENV_VARS.items():
            if os.environ.get(var):
                values[field] = os.environ[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ConfigurationError(f"invalid settings: {problems}") from None
