"""`schemas/*.json` is exported from the pydantic models; gold files validate against the same models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evaluation.gold import GoldSummary
from summarizer.export import schema_json, schema_models

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("file_name", sorted(schema_models()))
def test_schema_files_match_the_models(file_name):
    stored = ROOT / "schemas" / file_name
    assert stored.is_file(), f"missing {stored}: run `make schemas`"
    assert stored.read_text(encoding="utf-8") == schema_json(schema_models()[file_name]), (
        f"{stored} is out of date with summarizer/models.py: run `make schemas`"
    )


def test_gold_files_validate_against_the_gold_schema():
    gold = sorted((ROOT / "evals" / "gold").glob("*.json"))
    assert gold, "no gold files in evals/gold"
    for path in gold:
        summary = GoldSummary.model_validate_json(path.read_text(encoding="utf-8"))
        assert summary.article_id == path.stem
        assert (ROOT / "seeds" / f"{path.stem}.txt").is_file()


def test_exported_schema_bounds_every_string():
    # Grammar decoding can run away without maxLength: every free string must carry one.
    def walk(node, path):
        if isinstance(node, dict):
            if node.get("type") == "string" and "enum" not in node and "format" not in node and "const" not in node:
                assert "maxLength" in node or "pattern" in node, f"unbounded string at {path}"
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    walk(json.loads(schema_json(schema_models()["article_summary.schema.json"])), "")
