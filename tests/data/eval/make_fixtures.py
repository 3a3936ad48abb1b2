"""Regenerate the stored outputs in tests/data/eval/outputs/ (run from the repository root).

    .venv/bin/python tests/data/eval/make_fixtures.py

* 000: a real pipeline output for the seed article, made through the scripted local server with
  the seed replies (tests/seed_replies.py), so it is what the pipeline writes;
* 002: the gold file turned into a plausible model output with known faults: a shorter summary,
  an ungrounded number, a missing fact, one event dropped, a wrong date and type, a quote that
  was not found, an English key point written in Arabic, and model provenance;
* 003: valid JSON that is not an ArticleSummary (no summary);
* 004: not JSON at all (a truncated reply);
* 005: no file (a missing output).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from summarizer import Settings, Summarizer  # noqa: E402
from summarizer.export import summary_json  # noqa: E402
from summarizer.models import ArticleSummary  # noqa: E402
from tests.openai_server import Reply, ScriptedServer  # noqa: E402
from tests.seed_replies import SEED, valid_reply  # noqa: E402

OUT = Path(__file__).resolve().parent / "outputs"


def pipeline_output() -> str:
    with ScriptedServer(lambda request: Reply(content=valid_reply(request))) as server:
        settings = Settings.load(base_url=server.url, model="scripted", api_key="sk-fixture")
        summary = Summarizer(settings).summarize(
            SEED.read_text(encoding="utf-8"), article_id=SEED.stem, published=dt.date(2018, 3, 24)
        )
    return summary_json(summary)


def perturbed_002() -> str:
    gold = json.loads((ROOT / "evals/gold/002_libya_tripoli_clashes.json").read_text(encoding="utf-8"))
    out = copy.deepcopy(gold)
    del out["facts"]
    # Shorter summaries; English drops the 86 families and invents "12 hours".
    out["summary"]["ar"] = (
        "قُتل سبعة أشخاص بينهم مدنيان وأصيب 19 آخرون في اشتباكات ليل الثلاثاء بين \"كتيبة الفاروق\" "
        "و\"قوة الإسناد الخامسة\" جنوب طرابلس. وأعلن المجلس الرئاسي وقفاً لإطلاق النار يقضي بانسحاب "
        "القوتين خلال 48 ساعة."
    )
    out["summary"]["en"] = (
        "Seven people including two civilians were killed and 19 wounded in clashes between the Al-Farouq "
        "Battalion and another armed group in southern Tripoli. Flights at Mitiga airport were suspended "
        "for 12 hours before a ceasefire was agreed."
    )
    out["key_points"][3]["en"] = "عُلّقت الرحلات في مطار معيتيقة لنحو ست ساعات."
    out["key_points"][0]["evidence"].append({"text": "اشتباكات عنيفة استمرت حتى الفجر", "match": "not_found"})
    out["events"][1]["date"] = {"text": "صباح الأربعاء", "iso": "2024-06-12", "precision": "day"}
    out["events"][2]["event_type"] = "consult"
    del out["events"][3]
    out["provenance"] = {
        "provider": "openai-compatible",
        "base_url": "http://127.0.0.1:8000/v1",
        "model": "fixture-model",
        "request_form": "json_schema",
        "prompt_templates": {},
        "schema_version": "1",
        "package_version": "0.1.0",
        "created_at": "2025-01-01T00:00:00Z",
        "usage": {"prompt_tokens": 5200, "completion_tokens": 1400, "total_tokens": 6600},
        "calls": 4,
        "retries": 1,
        "timings": {"total": 41.5},
    }
    ArticleSummary.model_validate(out)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "000_4e32085be5773d8c.json").write_text(pipeline_output(), encoding="utf-8")
    (OUT / "002_libya_tripoli_clashes.json").write_text(perturbed_002(), encoding="utf-8")
    invalid = json.loads((OUT / "002_libya_tripoli_clashes.json").read_text(encoding="utf-8"))
    invalid["article_id"] = "003_iraq_provincial_elections"
    del invalid["summary"]
    (OUT / "003_iraq_provincial_elections.json").write_text(json.dumps(invalid, ensure_ascii=False), encoding="utf-8")
    (OUT / "004_jordan_local_elections.json").write_text('{"schema_version": "1", "article_id": "004_jor', encoding="utf-8")
    (OUT / "005_kuwait_cbk_rate_cut.json").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
