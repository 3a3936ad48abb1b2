"""Eval corpora: gold files by offsets, the gold checker, named corpora, and scores against outlet leads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import ConfigurationError
from summarizer.evaluation import Case, SummaryScorer, load_config, load_corpus, read_gold, score_case
from summarizer.evaluation.goldcheck import check_gold
from summarizer.evaluation.scorers import default_scorers
from summarizer.evaluation.text import chrf, rouge

ROOT = Path(__file__).resolve().parent.parent
# A text written for this test (not a corpus article), three sentences.
ARTICLE = (
    "أعلنت وزارة الداخلية اعتقال 12 شخصا في مدينة طرابلس مساء السبت. "
    "وقالت الوزارة إن المعتقلين متهمون بالتخطيط لهجوم على مقر حكومي. "
    "وطالبت منظمات حقوقية بالإفراج عن المعتقلين أو تقديمهم للمحاكمة."
)
LEAD = "الداخلية تعلن اعتقال 12 شخصا بتهمة التخطيط لهجوم في طرابلس."


def span(text: str) -> dict[str, int]:
    start = ARTICLE.index(text)
    return {"start": start, "end": start + len(text)}


def gold_data() -> dict:
    return {
        "article_id": "t1",
        "source_language": "ar",
        "published": "2018-05-06",
        "headline": {"ar": "اعتقال 12 شخصا في طرابلس", "en": "12 people arrested in Tripoli"},
        "summary": {
            "ar": "اعتقلت وزارة الداخلية 12 شخصا في طرابلس. وتتهمهم بالتخطيط لهجوم.",
            "en": "The Interior Ministry arrested 12 people in Tripoli. It accuses them of planning an attack.",
        },
        "key_points": [
            {"ar": "اعتقال 12 شخصا في طرابلس", "en": "12 people arrested in Tripoli",
             "evidence": [span("اعتقال 12 شخصا في مدينة طرابلس")]},
            {"ar": "الاتهام بالتخطيط لهجوم", "en": "Accused of planning an attack",
             "evidence": [span("متهمون بالتخطيط لهجوم على مقر حكومي")]},
            {"ar": "مطالبة بالإفراج عنهم", "en": "Rights groups demand their release",
             "evidence": [span("وطالبت منظمات حقوقية بالإفراج عن المعتقلين")]},
        ],
        "events": [{
            "event_type": "coerce",
            "description": {"ar": "اعتقال 12 شخصا", "en": "12 people arrested"},
            "actors": [{"name": {"ar": "وزارة الداخلية", "en": "Interior Ministry"}, "role": "initiator"}],
            "quantities": [{"value": 12, "unit": "people", "text": "12 شخصا", "evidence": span("12 شخصا")}],
            "evidence": [span("أعلنت وزارة الداخلية اعتقال 12 شخصا في مدينة طرابلس مساء السبت")],
        }],
        "facts": {"numbers": [12], "places": [{"ar": "طرابلس", "en": "Tripoli"}],
                  "actors": [{"ar": "وزارة الداخلية", "en": "Interior Ministry"}]},
    }


def test_offsets_only_evidence_is_filled_from_the_article():
    gold = read_gold(json.dumps(gold_data(), ensure_ascii=False), ARTICLE)
    evidence = gold.key_points[0].evidence[0]
    assert evidence.text == "اعتقال 12 شخصا في مدينة طرابلس" and evidence.match == "exact"
    assert gold.events[0].quantities[0].evidence.text == "12 شخصا"


def test_offsets_outside_the_article_are_an_error_naming_where():
    data = gold_data()
    data["key_points"][1]["evidence"] = [{"start": 10, "end": len(ARTICLE) + 5}]
    with pytest.raises(ValueError, match=r"key_points\[1\]\.evidence\[0\]: offsets"):
        read_gold(json.dumps(data, ensure_ascii=False), ARTICLE)


def test_the_gold_checker_passes_a_good_file_and_names_each_problem():
    raw = gold_data()
    gold = read_gold(json.dumps(raw, ensure_ascii=False), ARTICLE)
    assert check_gold(gold, ARTICLE, published="2018-05-06", raw=raw, protected=(ARTICLE,)).errors == []

    bad = gold_data()
    bad["facts"]["numbers"] = [12, 13]  # 13 is not in the article (nor in the summaries)
    bad["key_points"][0]["evidence"] = [{**span("اعتقال 12 شخصا"), "text": "اعتقال 12 شخصا", "match": "exact"}]
    bad["summary"]["ar"] = "أعلنت وزارة الداخلية اعتقال 12 شخصا في مدينة طرابلس مساء السبت. وتتهمهم بالتخطيط."
    errors = check_gold(read_gold(json.dumps(bad, ensure_ascii=False), ARTICLE), ARTICLE, published="2018-05-07",
                        raw=bad, protected=(ARTICLE,)).errors
    assert any("published 2018-05-06 != the corpus date 2018-05-07" in e for e in errors)
    assert any("facts number 13 is not stated in the article" in e for e in errors)
    assert any("key_points[0].evidence[0]: evidence must be offsets only" in e for e in errors)
    assert any("summary.ar: 11 consecutive words copied" in e for e in errors)


def test_the_committed_gold_files_pass_the_checker():
    """Every gold file of the demo corpus, and of the news corpus where its articles are present."""
    from evals.check_gold import main  # noqa: PLC0415 - the script is the checker's command line

    assert main(["--corpus", "demo"]) == 0
    if (ROOT.parent / "shared" / "corpus" / "articles").is_dir():
        assert main(["--corpus", "news"]) == 0


def test_a_named_corpus_has_its_own_paths_thresholds_and_baseline(tmp_path):
    config = tmp_path / "eval.toml"
    config.write_text(
        '[eval]\nseeds = "s"\n[eval.thresholds]\nchrf_ar = 0.2\n'
        '[eval.corpora.news]\nseeds = "a"\nleads = "l"\ngold = "g"\nbaseline = "b.json"\n'
        '[eval.corpora.news.thresholds]\nevent_f1 = 0.3\n', encoding="utf-8")
    metrics = [m for s in default_scorers() for m in s.metrics]
    default = load_config(config, metrics)
    news = load_config(config, metrics, "news")
    assert default.seeds == tmp_path / "s" and default.leads is None and set(default.thresholds) == {"chrf_ar"}
    assert (news.seeds, news.leads, news.gold, news.baseline) == (tmp_path / "a", tmp_path / "l", tmp_path / "g",
                                                                   tmp_path / "b.json")
    assert set(news.thresholds) == {"event_f1"} and news.corpus == "news"
    with pytest.raises(ConfigurationError, match="no eval corpus 'other'.*corpora: news"):
        load_config(config, metrics, "other")


def test_the_project_declares_the_news_corpus():
    metrics = [m for s in default_scorers() for m in s.metrics]
    news = load_config(ROOT / "pyproject.toml", metrics, "news")
    assert news.gold == ROOT / "evals" / "news" / "gold" and news.leads is not None


def write_corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    seeds, gold, leads = tmp_path / "seeds", tmp_path / "gold", tmp_path / "leads"
    for folder in (seeds, gold, leads):
        folder.mkdir()
    (seeds / "t1.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "t1.json").write_text(json.dumps(gold_data(), ensure_ascii=False), encoding="utf-8")
    (leads / "t1.txt").write_text(LEAD + "\n", encoding="utf-8")
    return seeds, gold, leads


def test_the_arabic_reference_is_the_outlet_lead_and_lead_baselines_score_the_first_sentences(tmp_path):
    seeds, gold, leads = write_corpus(tmp_path)
    (article,), _ = load_corpus(seeds, gold, leads=leads)
    assert article.lead == LEAD
    first, *_ = ARTICLE.split(". ")
    failed = score_case(Case("t1", ARTICLE, article.gold, None, "no valid reply", article.lead), [SummaryScorer()])
    # the baselines need no output, so a failed article still has them; the pipeline's own score is 0
    assert failed.value("lead1_chrf_ar") == pytest.approx(chrf(first + ".", LEAD))
    assert failed.value("lead3_rougeL_ar") == pytest.approx(rouge(ARTICLE, LEAD)["rougeL"])
    assert failed.value("lead_chrf_ar") == 0.0 and failed.value("chrf_ar") == 0.0
    assert failed.value("lead1_chrf_ar") > 0.2  # the lead restates the first sentence

    without_lead = score_case(Case("t1", ARTICLE, article.gold, None, "no valid reply"), [SummaryScorer()])
    assert without_lead.value("lead1_chrf_ar") is None and without_lead.value("lead_chrf_ar") is None


# The recorded embedded-model runs: (corpus option, outputs). Re-scoring them with the project's
# configuration must meet its thresholds and not drop against its baseline, so a scorer change
# that moves the recorded numbers fails here, in seconds, without a model. The news run is
# re-scored on the articles it covered (an output or a recorded failure each).
NEWS_ARTICLES = ROOT.parent / "shared" / "corpus" / "articles"
RECORDED = [
    ((), ROOT / "evals" / "results" / "2026-11-25-embedded-outputs"),
    (("--corpus", "news"), ROOT / "evals" / "news" / "results" / "2026-12-03-86924ac-outputs"),
]


@pytest.mark.parametrize(("corpus", "outputs"), RECORDED, ids=lambda v: str(v)[-40:])
def test_recorded_runs_rescore_to_their_baselines(corpus, outputs, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from summarizer.cli import app

    if corpus and not NEWS_ARTICLES.is_dir():
        pytest.skip(f"the news corpus is not beside the project ({NEWS_ARTICLES})")
    monkeypatch.chdir(ROOT)
    report = tmp_path / "r.json"
    covered = sorted({p.stem for p in outputs.iterdir() if p.suffix in (".json", ".error")})
    cases = [arg for case in covered for arg in ("--case", case)] if corpus else []
    proc = CliRunner().invoke(app, ["eval", *corpus, *cases, "--outputs", str(outputs), "--report-json", str(report)],
                              catch_exceptions=False)
    assert proc.exit_code == 0, proc.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["comparison"] is not None and data["passed"]
