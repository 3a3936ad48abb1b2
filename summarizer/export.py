"""Writing results: JSON documents and the exported JSON Schemas, always atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from .models import ArticleSummary


def schema_models() -> dict[str, type[BaseModel]]:
    """The models exported to `schemas/`: file name -> model."""
    from .evaluation.gold import GoldSummary  # imported here: the eval package imports this module

    return {"article_summary.schema.json": ArticleSummary, "gold_summary.schema.json": GoldSummary}


def write_atomic(path: Path, text: str) -> None:
    """Write a file so readers see the old content or the new, never half of it.

    The file gets the permissions any new file would (0666 less the umask): mkstemp's private
    0600 would leave outputs and schemas unreadable to anyone but their writer.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def summary_json(summary: ArticleSummary) -> str:
    """Pretty JSON with Arabic left readable."""
    return summary.model_dump_json(indent=2, ensure_ascii=False) + "\n"


def schema_json(model: type[BaseModel] = ArticleSummary) -> str:
    """The JSON Schema of an output model, as stored in `schemas/`."""
    return json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
