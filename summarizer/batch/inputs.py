"""The articles of a batch's input: folders of `.txt` files, globs, `.txt` and `.jsonl` files, read lazily."""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..articles import article_id_for, decode_article
from ..errors import ConfigurationError, InputError

__all__ = ["ArticleInput", "count_inputs", "iter_inputs", "resolve_inputs"]


@dataclass(frozen=True)
class ArticleInput:
    """One article of the input, or the reason it cannot be read (`error`)."""

    article_id: str
    text: str | None
    published: dt.date | None
    text_sha256: str
    error: InputError | None = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text_input(article_id: str, text: str, published: dt.date | None) -> ArticleInput:
    return ArticleInput(article_id, text, published, _sha256(text.encode("utf-8")))


def _bad_input(article_id: str, raw: bytes, message: str) -> ArticleInput:
    return ArticleInput(article_id, None, None, _sha256(raw), InputError(message, article_id=article_id))


def _read_txt(path: Path, published: dt.date | None) -> ArticleInput:
    article_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _bad_input(article_id, str(path).encode(), f"cannot read {path}: {exc.strerror}")
    try:
        return _text_input(article_id, decode_article(data, article_id), published)
    except InputError as exc:
        return ArticleInput(article_id, None, None, _sha256(data), exc)


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a YYYY-MM-DD string, not {type(value).__name__}")
    return dt.date.fromisoformat(value[:10])


def _read_jsonl(path: Path, published: dt.date | None) -> Iterator[ArticleInput]:
    """Records `{"id", "text", "published"?}` one per line, read lazily; bad lines become input errors."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            fallback_id = f"{path.stem}:{number}"
            try:
                record = json.loads(raw)
            except ValueError as exc:
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name} is not JSON ({exc})")
                continue
            if not isinstance(record, dict):
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name} is not a JSON object")
                continue
            raw_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                given = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else fallback_id
                yield _bad_input(given, raw, f"line {number} of {path.name} has no \"text\" string")
                continue
            article_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else article_id_for(text)
            if len(article_id) > 200:
                yield _bad_input(fallback_id, raw, f"line {number} of {path.name}: id longer than 200 characters")
                continue
            try:
                date = _parse_date(record.get("published")) or published
            except ValueError as exc:
                yield _bad_input(article_id, raw, f"line {number} of {path.name}: bad published date ({exc})")
                continue
            yield _text_input(article_id, text, date)


def resolve_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[tuple[str, Any]]:
    """Resolve every input spec up front (cheap: names only) so a typo fails before any work.

    Returns (kind, source) pairs: ("dir", folder), ("jsonl" | "txt", file) or ("files", [glob matches]).
    """
    resolved: list[tuple[str, Any]] = []
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            resolved.append(("dir", path))
        elif path.is_file():
            resolved.append(("jsonl" if path.suffix == ".jsonl" else "txt", path))
        elif glob.has_magic(str(spec)):
            matches = [Path(p) for p in sorted(glob.glob(str(spec), recursive=True)) if Path(p).is_file()]
            if not matches:
                raise ConfigurationError(f"no file matches {str(spec)!r}")
            resolved.append(("files", matches))
        else:
            raise ConfigurationError(f"input {str(spec)!r} is not a folder, a file or a glob that matches files")
    if not resolved:
        raise ConfigurationError("no input given")
    return resolved


def _files(kind: str, source: Any) -> list[Path]:
    if kind == "dir":
        # Names only (sorted, so the output order is stable); the texts are read one at a time.
        return sorted(p for p in source.iterdir() if p.suffix == ".txt" and p.is_file())
    return source if kind == "files" else [source]


def iter_inputs(inputs: Sequence[str | os.PathLike[str]], *, published: dt.date | None = None) -> Iterator[ArticleInput]:
    """Every article of the inputs, lazily: a folder's `*.txt`, a glob, `.txt` files, `.jsonl` files.

    `published` applies to text files, and to JSONL records that give no date.
    """
    for kind, source in resolve_inputs(inputs):
        for path in _files(kind, source):
            if kind == "jsonl" or path.suffix == ".jsonl":
                yield from _read_jsonl(path, published)
            else:
                yield _read_txt(path, published)


def count_inputs(inputs: Sequence[str | os.PathLike[str]]) -> int:
    """How many articles `iter_inputs` will yield (a streaming pass over JSONL files; for progress)."""
    total = 0
    for kind, source in resolve_inputs(inputs):
        for path in _files(kind, source):
            if path.suffix == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total
