"""`summarizer eval` end to end: stored outputs, the pipeline over HTTP, reports, thresholds,
baselines. In-process through typer's runner (fast), with the real corpus files."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evaluation.gold import GoldSummary
from summarizer.models import ArticleSummary

from .openai_server import Reply
from .seed_replies import SEED, stage_of, valid_reply

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "eval"
OUTPUTS = DATA / "outputs"
GOLD = ROOT / "evals" / "gold"
SEEDS = ROOT / "seeds"
SMALL = [
    "000_4e32085be5773d8c",
    "002_libya_tripoli_clashes",
    "003_iraq_provincial_elections",
    "004_jordan_local_elections",
    "005_kuwait_cbk_rate_cut",
]
SMALL_CASES = [arg for case in SMALL for arg in ("--case", case)]
SECRET = "sk-eval-secret-42"


def run_eval(*args: str, config: Path | None = None):
    """`summarizer eval ARGS` in-process; without --config, one with no thresholds (DATA/no_thresholds.toml)."""
    if "--config" not in args:
        args = (*args, "--config", str(config or DATA / "no_thresholds.toml"))
    if "--seeds" not in args:
        args = (*args, "--seeds", str(SEEDS))
    if "--gold" not in args:
        args = (*args, "--gold", str(GOLD))
    return CliRunner().invoke(app, ["eval", *args], catch_exceptions=False)


def write_config(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def as_output(gold: GoldSummary) -> ArticleSummary:
    """A gold summary as a system output (facts and notes dropped; a human made it)."""
    provenance = {
        "provider": "human", "model": "gold", "request_form": "none", "prompt_templates": {},
        "package_version": "gold", "created_at": "2026-11-25T06:22:12Z", "usage": {}, "calls": 0, "retries": 0,
    }
    return ArticleSummary.model_validate({**gold.model_dump(exclude={"facts", "notes"}), "provenance": provenance})


def gold_outputs(folder: Path, ids: list[str] | None = None) -> Path:
    """Each gold file written as an output (facts dropped): a perfect system."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(GOLD.glob("*.json")):
        if ids is None or path.stem in ids:
            output = as_output(GoldSummary.model_validate_json(path.read_text(encoding="utf-8")))
            (folder / path.name).write_text(output.model_dump_json(indent=2), encoding="utf-8")
    return folder


def xss_corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    """One article with markup in it (appended: gold offsets stay right), its gold and an output."""
    seeds, gold, outputs = tmp_path / "xseeds", tmp_path / "xgold", tmp_path / "xout"
    for folder in (seeds, gold, outputs):
        folder.mkdir()
    article_id = "xss_article"
    text = SEED.read_text(encoding="utf-8") + "\n<script>alert(1)</script><img src=x onerror=alert(2)>\n"
    (seeds / f"{article_id}.txt").write_text(text, encoding="utf-8")
    data = json.loads((GOLD / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    data["article_id"] = article_id
    data["summary"]["en"] += ' <b class="injected">bold</b><script>alert(3)</script>'
    (gold / f"{article_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    data = json.loads(as_output(GoldSummary.model_validate(data)).model_dump_json())
    data["headline"]["ar"] += " <script>alert(4)</script>"
    data["key_points"][0]["evidence"].append(
        {"text": "<script>alert(1)</script>", "start": text.index("<script>"),
         "end": text.index("</script>") + 9, "match": "exact"}
    )
    (outputs / f"{article_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return seeds, gold, outputs


def report_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def scores(report: dict, article_id: str) -> dict[str, float | None]:
    case = next(c for c in report["cases"] if c["article_id"] == article_id)
    return {name: s["value"] for name, s in case["scores"].items()}


# --- stored outputs --------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or build a model backend fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network/model use during a re-score: {args[1:] if len(args) > 1 else args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr("summarizer.llm.build_backend", refuse)
    monkeypatch.setattr("summarizer.pipeline.build_backend", refuse, raising=False)


def test_rescoring_stored_outputs_makes_no_http_call_and_failures_are_cases(scripted_server, no_network, tmp_path):
    server = scripted_server(lambda request: Reply(content=valid_reply(request)))
    report_json = tmp_path / "report.json"
    proc = run_eval("--outputs", str(OUTPUTS), *SMALL_CASES, "--report-json", str(report_json),
                    "--base-url", server.url, "--model", "scripted", "--api-key", SECRET)

    # 002 is perturbed (an ungrounded number, an evidence span not found, ...): the sanity checks,
    # which the pipeline guarantees, catch it and fail the run; there are no thresholds here.
    assert proc.exit_code == 1, proc.output
    assert server.requests == []  # the endpoint was given and never called
    report = report_of(report_json)
    assert {g["kind"] for g in report["gates"]} == {"sanity"}
    assert {g["metric"] for g in report["gates"]} == {"script_en", "number_precision", "evidence_grounding"}
    assert report["format"] == "summarizer-eval-report/1" and report["mode"] == "outputs"
    assert [c["article_id"] for c in report["cases"]] == SMALL
    by_id = {c["article_id"]: c for c in report["cases"]}
    assert by_id["000_4e32085be5773d8c"]["ok"] and by_id["002_libya_tripoli_clashes"]["ok"]
    assert "summary: Field required" in by_id["003_iraq_provincial_elections"]["error"]
    assert "invalid JSON" in by_id["004_jordan_local_elections"]["error"]
    assert "missing output file" in by_id["005_kuwait_cbk_rate_cut"]["error"]
    for failed in SMALL[2:]:
        values = scores(report, failed)
        assert values["schema_validity"] == 0.0 and values["chrf_ar"] == 0.0 and values["event_f1"] == 0.0
        assert values["tokens"] is None and values["latency_s"] is None
    assert report["aggregate"]["schema_validity"] == pytest.approx(2 / 5)
    # The per-case table and the failures are printed.
    assert "002_libya_tripoli_clashes" in proc.output and "failed 005_kuwait_cbk_rate_cut" in proc.output
    assert SECRET not in proc.output + report_json.read_text(encoding="utf-8")


def test_known_faults_of_the_perturbed_output_are_each_reported(tmp_path):
    report_json = tmp_path / "r.json"
    assert run_eval("--outputs", str(OUTPUTS), "--case", SMALL[1], "--report-json", str(report_json)).exit_code == 1
    case = report_of(report_json)["cases"][0]["scores"]
    assert case["number_precision"]["value"] < 1 and "'12' in summary.en" in case["number_precision"]["reason"]
    assert "86" in case["number_recall_en"]["reason"] and "48" in case["number_recall_en"]["reason"]
    assert "Fifth Support Force" in case["entity_recall_en"]["reason"]
    assert case["script_en"]["value"] < 1 and "key_points[3].en" in case["script_en"]["reason"]
    assert case["evidence_grounding"]["value"] == pytest.approx(33 / 34)
    assert case["event_recall"]["value"] == pytest.approx(3 / 4) and case["event_precision"]["value"] == 1.0
    assert case["event_date_precision"]["value"] == pytest.approx(2 / 3)
    assert case["event_type_precision"]["value"] == pytest.approx(2 / 3)
    assert case["retries"]["value"] == 1 and case["tokens"]["value"] == 6600 and case["latency_s"]["value"] == 41.5


def test_gold_as_output_scores_perfectly_on_every_quality_metric_of_the_corpus(tmp_path):
    report_json = tmp_path / "gold.json"
    proc = run_eval("--outputs", str(gold_outputs(tmp_path / "out")), "--report-json", str(report_json))
    assert proc.exit_code == 0, proc.output
    report = report_of(report_json)
    assert len(report["cases"]) == 14
    imperfect = {
        (c["article_id"], name, s["reason"])
        for c in report["cases"]
        for name, s in c["scores"].items()
        if report["metrics"][name]["kind"] == "score" and name != "events_geocoded"
        and report["metrics"][name]["group"] != "terms"  # read against the lexicon, below
        and s["value"] is not None  # does not apply (011 has no event at a place the gazetteer knows)
        and s["value"] != pytest.approx(1.0)
    }
    assert imperfect == set()
    # The term metrics read each English text against the lexicon, not the gold: a free human
    # translation uses words the lexicon does not list ("banned" for أوقفت, "suspended") and may add
    # one ("oral cholera vaccine" where the point says "the oral vaccine"). On the gold they measure
    # how often the lexicon's checks would refuse a faithful translation, and must stay rare.
    assert report["aggregate"]["term_support_en"] >= 0.95
    assert report["aggregate"]["term_carry_en"] >= 0.85
    # Names are proper names: a faithful translation never names a body the article does not.
    assert report["aggregate"]["name_support_en"] == 1.0
    # events_geocoded measures the output alone: gold places that GeoNames lacks (camps, districts,
    # venues) rightly have no coordinates, so the gold scores below 1 there.
    assert 0 < report["aggregate"]["events_geocoded"] < 1


# --- the pipeline ----------------------------------------------------------------------------


def test_eval_drives_the_real_pipeline_over_http_and_saved_outputs_rescore_identically(scripted_server, tmp_path):
    seeds, gold = tmp_path / "seeds", tmp_path / "gold"
    seeds.mkdir(), gold.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(GOLD / f"{SEED.stem}.json", gold / f"{SEED.stem}.json")
    server = scripted_server(lambda request: Reply(content=valid_reply(request)))
    report_json, html, saved = tmp_path / "run.json", tmp_path / "run.html", tmp_path / "saved"

    proc = run_eval("--seeds", str(seeds), "--gold", str(gold), "--base-url", server.url, "--model", "scripted",
                    "--api-key", SECRET, "--report-json", str(report_json), "--report-html", str(html),
                    "--save-outputs", str(saved))

    assert proc.exit_code == 0, proc.output
    assert server.requests and all(r["model"] == "scripted" for r in server.requests)
    assert {stage_of(r) for r in server.requests} == {"summarize_ar", "events", "translate_en"}
    report = report_of(report_json)
    assert report["mode"] == "pipeline" and report["systems"] == ["openai-compatible · scripted"]
    run_scores = scores(report, SEED.stem)
    assert run_scores["schema_validity"] == 1.0 and run_scores["tokens"] > 0
    assert 0 < run_scores["chrf_ar"] < 1 and 0 <= run_scores["event_f1"] <= 1
    output = ArticleSummary.model_validate_json((saved / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    assert output.published.isoformat() == "2018-03-24"  # the gold's publication date was passed
    assert "█" not in proc.output and "━" not in proc.stderr  # no progress bar without a terminal
    assert SECRET not in proc.output + report_json.read_text(encoding="utf-8") + html.read_text(encoding="utf-8")

    again = tmp_path / "again.json"
    assert run_eval("--seeds", str(seeds), "--gold", str(gold), "--outputs", str(saved),
                    "--report-json", str(again)).exit_code == 0
    assert scores(report_of(again), SEED.stem) == run_scores


def test_a_failing_endpoint_is_a_failed_case_not_a_crash(scripted_server, tmp_path):
    seeds, gold = tmp_path / "seeds", tmp_path / "gold"
    seeds.mkdir(), gold.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(GOLD / f"{SEED.stem}.json", gold / f"{SEED.stem}.json")
    server = scripted_server(default=Reply(content="not json at all"))
    report_json, saved = tmp_path / "r.json", tmp_path / "saved"
    saved.mkdir()
    (saved / f"{SEED.stem}.json").write_text("{}", encoding="utf-8")  # an earlier run's output: now stale
    proc = run_eval("--seeds", str(seeds), "--gold", str(gold), "--base-url", server.url, "--model", "scripted",
                    "--api-key", SECRET, "--max-retries", "0", "--report-json", str(report_json),
                    "--save-outputs", str(saved))
    assert proc.exit_code == 0, proc.output
    case = report_of(report_json)["cases"][0]
    assert not case["ok"] and case["error"] and case["scores"]["schema_validity"]["value"] == 0.0
    # The saved run keeps the failure beside the outputs, and a re-score reports it as such.
    assert [p.name for p in saved.iterdir()] == [f"{SEED.stem}.error"]
    again = tmp_path / "again.json"
    assert run_eval("--seeds", str(seeds), "--gold", str(gold), "--outputs", str(saved),
                    "--report-json", str(again)).exit_code == 0
    rescored = report_of(again)["cases"][0]
    assert rescored["error"] == f"recorded failure: {case['error']}"


def test_an_endpoint_without_a_model_name_stops_the_run_with_exit_2(tmp_path):
    proc = run_eval("--case", SMALL[0], "--base-url", "http://127.0.0.1:9/v1", "--api-key", SECRET)
    assert proc.exit_code == 2 and "model name" in proc.output and "Traceback" not in proc.output


class GoldParrot:
    """A stand-in Summarizer that answers each article with its gold file (no model, no HTTP)."""

    def __init__(self, crash_on: str | None = None) -> None:
        self.calls = []
        self.crash_on = crash_on

    def summarize(self, text: str, *, article_id: str, published):
        self.calls.append((article_id, published))
        if article_id == self.crash_on:
            raise RuntimeError("a bug in one stage")
        return as_output(GoldSummary.model_validate_json((GOLD / f"{article_id}.json").read_text(encoding="utf-8")))


def test_library_run_shows_progress_on_a_terminal_only():
    import io

    from rich.console import Console

    from summarizer.evaluation.command import EvalOptions, evaluate

    options = EvalOptions(seeds=SEEDS, gold=GOLD, cases=SMALL[:2], config=DATA / "no_thresholds.toml")
    for terminal in (True, False):
        buffer = io.StringIO()
        parrot = GoldParrot()
        run = evaluate(options, lambda: parrot, progress_console=Console(file=buffer, force_terminal=terminal))
        assert [c[0] for c in parrot.calls] == SMALL[:2] and all(c[1] is not None for c in parrot.calls)
        assert run.passed and run.aggregate["event_f1"] == 1.0 and run.mode == "pipeline"
        assert ("summarising" in buffer.getvalue()) is terminal


def test_an_unexpected_exception_on_one_article_is_a_failed_case():
    from summarizer.evaluation.command import EvalOptions, evaluate

    options = EvalOptions(seeds=SEEDS, gold=GOLD, cases=SMALL[:2], config=DATA / "no_thresholds.toml")
    run = evaluate(options, lambda: GoldParrot(crash_on=SMALL[0]))
    first, second = run.results
    assert first.case.error == "unexpected RuntimeError: a bug in one stage" and first.value("schema_validity") == 0
    assert second.value("schema_validity") == 1.0 and run.aggregate["schema_validity"] == 0.5


# --- thresholds and baselines ----------------------------------------------------------------


def test_thresholds_fail_the_run_and_name_the_metric(tmp_path):
    config = write_config(tmp_path / "eval.toml", """
[tool.summarizer.eval]
tolerance = 0.05
[tool.summarizer.eval.thresholds]
schema_validity = 0.3
chrf_ar = 0.9
tokens = 1000
event_f1 = { min = 0.1 }
""")
    report_json = tmp_path / "r.json"
    proc = run_eval("--outputs", str(OUTPUTS), *SMALL_CASES, "--report-json", str(report_json), config=config)
    assert proc.exit_code == 1, proc.output
    assert "FAIL threshold: chrf_ar = 0.1186 is below the threshold 0.9" in proc.output
    assert "FAIL threshold: tokens = 3525 is above the ceiling 1000" in proc.output
    assert "schema_validity" not in " ".join(g["metric"] for g in report_of(report_json)["gates"])
    gates = report_of(report_json)["gates"]
    assert [g["metric"] for g in gates if g["kind"] == "threshold"] == ["chrf_ar", "tokens"]
    assert report_of(report_json)["passed"] is False

    relaxed = write_config(tmp_path / "ok.toml", "[eval.thresholds]\nschema_validity = 0.25\nchrf_ar = 0.05\n")
    unperturbed = [a for case in SMALL if case != SMALL[1] for a in ("--case", case)]  # 002 fails sanity
    proc = run_eval("--outputs", str(OUTPUTS), *unperturbed, config=relaxed)
    assert proc.exit_code == 0 and "PASS" in proc.output


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[eval.thresholds]\nchrf_arr = 0.2\n", "unknown metric(s) in eval thresholds"),
        ("[eval.thresholds]\nchrf_ar = 'high'\n", "eval threshold 'chrf_ar'"),
        ("[eval]\ntolerance = -1\n", "tolerance"),
        ("[eval]\nthreshold = {}\n", "unknown key(s)"),
        ("not toml [", "cannot parse eval config"),
        ("[something]\n", "has no [tool.summarizer.eval]"),
    ],
)
def test_bad_configuration_is_a_one_line_error_with_exit_2(tmp_path, body, message):
    proc = run_eval("--outputs", str(OUTPUTS), "--case", SMALL[0], config=write_config(tmp_path / "c.toml", body))
    assert proc.exit_code == 2
    assert message in proc.output and "Traceback" not in proc.output


def test_missing_corpus_and_bad_baseline_are_configuration_errors(tmp_path):
    assert run_eval("--outputs", str(OUTPUTS), "--gold", str(tmp_path / "nope")).exit_code == 2
    assert run_eval("--outputs", str(OUTPUTS), "--case", "999_unknown").exit_code == 2
    assert run_eval("--outputs", str(tmp_path / "nope"), "--case", SMALL[0]).exit_code == 2
    (tmp_path / "b.json").write_text('{"format": "something else"}', encoding="utf-8")
    proc = run_eval("--outputs", str(OUTPUTS), "--case", SMALL[0], "--baseline", str(tmp_path / "b.json"))
    assert proc.exit_code == 2 and "not a summarizer eval report" in proc.output


def test_baseline_comparison_shows_deltas_and_fails_on_regression_beyond_tolerance(tmp_path):
    ids = SMALL[:2]
    cases = [a for i in ids for a in ("--case", i)]
    perfect = tmp_path / "perfect.json"
    assert run_eval("--outputs", str(gold_outputs(tmp_path / "gold_out", ids)), *cases,
                    "--report-json", str(perfect)).exit_code == 0

    report_json = tmp_path / "now.json"
    proc = run_eval("--outputs", str(OUTPUTS), *cases, "--baseline", str(perfect), "--report-json", str(report_json))
    assert proc.exit_code == 1, proc.output
    assert "FAIL regression: chrf_ar regressed from 1 to" in proc.output
    report = report_of(report_json)
    regressed = {g["metric"] for g in report["gates"] if g["kind"] == "regression"}
    assert {"chrf_ar", "event_f1", "number_recall_en"} <= regressed
    assert not regressed & {"tokens", "latency_s", "retries"}  # costs are shown, never gated
    diff = report["comparison"]["cases"]["002_libya_tripoli_clashes"]["event_recall"]
    assert diff["old"] == 1.0 and diff["new"] == pytest.approx(0.75) and diff["delta"] == pytest.approx(-0.25)
    assert "Per case against the baseline" in proc.output

    # Against itself nothing regresses; the other way round everything improved.
    def gate_kinds(*args: str) -> set[str]:
        path = tmp_path / "again.json"
        run_eval(*args, "--report-json", str(path))
        return {g["kind"] for g in report_of(path)["gates"]}

    assert gate_kinds("--outputs", str(OUTPUTS), *cases, "--baseline", str(report_json)) == {"sanity"}  # 002's faults
    assert run_eval("--outputs", str(tmp_path / "gold_out"), *cases, "--baseline", str(report_json)).exit_code == 0
    # A tolerance wider than every drop passes.
    assert gate_kinds("--outputs", str(OUTPUTS), *cases, "--baseline", str(perfect), "--tolerance", "1") == {"sanity"}


def test_project_configuration_is_valid_and_the_gold_corpus_meets_it(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    report_json = tmp_path / "r.json"
    # thresholds only: the gold differs from the recorded baseline in ways that are not better or
    # worse (fewer of its places have GeoNames coordinates than the pipeline's)
    proc = CliRunner().invoke(app, ["eval", "--outputs", str(gold_outputs(tmp_path / "out")), "--no-baseline",
                                    "--report-json", str(report_json)], catch_exceptions=False)
    assert proc.exit_code == 0, proc.output
    report = report_of(report_json)
    assert report["config"]["path"] == str(ROOT / "pyproject.toml")
    assert report["config"]["thresholds"] and "schema_validity" in report["config"]["thresholds"]
    assert len(report["cases"]) == 14  # seeds and gold from the configuration


# --- the HTML report -------------------------------------------------------------------------


def test_html_report_is_self_contained_and_escapes_all_text(tmp_path):
    seeds, gold, outputs = xss_corpus(tmp_path)
    html_path = tmp_path / "x.html"
    report_json = tmp_path / "x.json"
    proc = run_eval("--seeds", str(seeds), "--gold", str(gold), "--outputs", str(outputs), "--report-html", str(html_path),
                    "--report-json", str(report_json))
    assert proc.exit_code == 1  # the markup injected into the output's fields fails sanity checks, nothing else
    assert {g["kind"] for g in report_of(report_json)["gates"]} == {"sanity"}
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and '<b class="injected">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b class=&#34;injected&#34;&gt;" in html
    assert "<mark" in html and "http://" not in html and "https://" not in html and "@import" not in html
    assert 'lang="ar" dir="rtl"' in html


def test_html_report_lists_aggregates_then_cases_with_highlighted_evidence(tmp_path):
    html_path = tmp_path / "r.html"
    assert run_eval("--outputs", str(OUTPUTS), *SMALL_CASES, "--report-html", str(html_path)).exit_code == 1  # 002: sanity
    html = html_path.read_text(encoding="utf-8")
    assert html.index("Aggregate scores") < html.index('id="case-000_4e32085be5773d8c"')
    for article_id in SMALL:
        assert f'id="case-{article_id}"' in html
    assert "missing output file" in html and "no valid output" in html
    assert html.count("<mark") > 10
    assert "What failed" in html and "ungrounded" in html


def test_the_report_template_ships_in_the_wheel(tmp_path):
    import zipfile

    wheel = pytest.importorskip("hatchling.builders.wheel")
    (path,) = wheel.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = zipfile.ZipFile(path).namelist()
    assert "summarizer/evaluation/templates/report.html.j2" in names
    assert "summarizer/evaluation/html.py" in names
