"""The human translations of the two gold corpora, on which a check of the English must flag nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (gold files, their articles): the real-news articles are beside the project, not in it
CORPORA = (
    (ROOT / "evals" / "gold", ROOT / "seeds"),
    (ROOT / "evals" / "news" / "gold", ROOT.parent / "shared" / "corpus" / "articles"),
)


def gold_files() -> Iterator[tuple[Path, dict]]:
    """Each gold file of both corpora: its path and its data."""
    for gold, _ in CORPORA:
        for path in sorted(gold.glob("*.json")):
            yield path, json.loads(path.read_text(encoding="utf-8"))


def gold_texts() -> list[dict[str, str]]:
    """The headline, summary and points (Arabic and English) of every gold file of both corpora."""
    return [text for _, data in gold_files() for text in (data["headline"], data["summary"], *data["key_points"])]


def gold_articles() -> Iterator[tuple[str, str, list[dict[str, str]]]]:
    """(gold file's stem, its article, its texts) where the article is on this machine."""
    for gold, articles in CORPORA:
        if not articles.is_dir():
            continue
        for path in sorted(gold.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            article = (articles / f"{path.stem}.txt").read_text(encoding="utf-8")
            yield path.stem, article, [data["headline"], data["summary"], *data["key_points"]]
