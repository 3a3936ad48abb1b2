"""The `summarizer` command as a user runs it: a real subprocess, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import ArticleSummary

from .openai_server import Reply
from .seed_replies import SEED, stage_of, valid_reply

SECRET = "sk-never-print-me-123"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, env={**base, **(env or {})}, timeout=120, check=False,
    )


def valid(request: dict) -> Reply:
    return Reply(content=valid_reply(request))


def endpoint(server) -> list[str]:
    return ["--base-url", server.url, "--model", "scripted", "--api-key", SECRET]


def test_out_dir_gets_one_json_per_article_named_by_stem(scripted_server, tmp_path):
    server = scripted_server(valid)
    article = tmp_path / "gh_2018.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("summarize", str(article), "--out", str(tmp_path / "out"), "--published", "2018-03-24",
                   *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    written = ArticleSummary.model_validate_json((tmp_path / "out" / "gh_2018.json").read_text(encoding="utf-8"))
    assert written.article_id == "gh_2018" and written.published.isoformat() == "2018-03-24"
    assert SECRET not in (tmp_path / "out" / "gh_2018.json").read_text(encoding="utf-8")
    assert SECRET not in proc.stdout + proc.stderr


def test_an_arabic_only_summary_is_written_with_a_warning_and_exit_0(scripted_server, tmp_path):
    def no_english(request: dict) -> Reply:
        if stage_of(request) == "translate_en":
            return Reply(content=json.dumps({"text": "نص عربي"}, ensure_ascii=False))
        return valid(request)

    server = scripted_server(no_english)
    article = tmp_path / "seed.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("summarize", str(article), "--out", str(tmp_path / "out"), *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    assert "warning: [seed] no English passed the checks; the summary is in Arabic only" in proc.stderr
    written = ArticleSummary.model_validate_json((tmp_path / "out" / "seed.json").read_text(encoding="utf-8"))
    assert written.headline.en is None and written.summary.ar


def test_json_flag_prints_the_json_and_readable_output_shows_both_languages(scripted_server):
    server = scripted_server(valid)
    proc = run_cli("summarize", str(SEED), "--json", *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article_id"] == SEED.stem
    proc = run_cli("summarize", str(SEED), *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    assert "Faylaq al-Rahman" in proc.stdout and "فيلق الرحمن" in proc.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"  \n\t \n", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("نص عربي".encode() + b"\xff\xfe\xfa", "not valid UTF-8"),
        (b"The central bank raised its main rate by 50 basis points on Thursday.", "not in Arabic"),
        ("خبر ".encode() * 6000, "over the limit"),
    ],
    ids=["empty", "whitespace", "binary", "bad-utf8", "english", "oversized"],
)
def test_bad_input_is_a_one_line_error_with_exit_3_and_no_model_call(scripted_server, tmp_path, content, message):
    server = scripted_server(valid)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    proc = run_cli("summarize", str(bad), *endpoint(server))
    assert proc.returncode == 3
    assert message in proc.stderr and "[bad]" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert server.requests == []


def test_utf16_with_bom_is_read(scripted_server, tmp_path):
    server = scripted_server(valid)
    article = tmp_path / "utf16.txt"
    article.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    proc = run_cli("summarize", str(article), "--json", *endpoint(server))
    assert proc.returncode == 0, proc.stderr


def test_one_bad_file_does_not_stop_the_others_but_sets_the_exit_status(scripted_server, tmp_path):
    server = scripted_server(valid)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    proc = run_cli("summarize", str(tmp_path / "empty.txt"), str(SEED), "--out", str(tmp_path / "out"),
                   *endpoint(server))
    assert proc.returncode == 3
    assert (tmp_path / "out" / f"{SEED.stem}.json").is_file()


def test_failing_endpoint_exits_4_without_leaking_the_key(scripted_server, tmp_path):
    server = scripted_server(lambda request: Reply(status=401, content=f"invalid key {SECRET}"))
    proc = run_cli("summarize", str(SEED), *endpoint(server))
    assert proc.returncode == 4
    assert "HTTP 401" in proc.stderr and SECRET not in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


def test_missing_endpoint_model_name_is_a_configuration_error(scripted_server):
    server = scripted_server(valid)
    proc = run_cli("summarize", str(SEED), "--base-url", server.url)
    assert proc.returncode == 2 and "--model" in proc.stderr


def test_schema_command_prints_the_exported_schema():
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == ArticleSummary.model_json_schema()


def test_user_glossary_overrides_the_english_of_a_name(scripted_server, tmp_path):
    server = scripted_server(valid)
    glossary = tmp_path / "mine.tsv"
    builtin = (Path(__file__).resolve().parent.parent / "summarizer" / "data" / "glossary.tsv").read_text(encoding="utf-8")
    columns = len(next(line for line in builtin.splitlines() if line and not line.startswith("#")).split("\t"))
    glossary.write_text("\t".join(
        ["فيلق الرحمن", "Rahman Legion", "Faylaq al-Rahman", "armed_group", "SY"][:columns]) + "\n", encoding="utf-8")
    proc = run_cli("summarize", str(SEED), "--json", "--glossary", str(glossary), *endpoint(server))
    assert proc.returncode == 0, proc.stderr
    actors = [a["name"]["en"] for e in json.loads(proc.stdout)["events"] for a in e["actors"]]
    assert actors == ["Rahman Legion"]


def test_malformed_glossary_is_a_configuration_error_naming_the_file(scripted_server, tmp_path):
    server = scripted_server(valid)
    bad = tmp_path / "bad.tsv"
    bad.write_text("this line has no tabs at all\n", encoding="utf-8")
    proc = run_cli("summarize", str(SEED), "--glossary", str(bad), *endpoint(server))
    assert proc.returncode == 2 and "bad.tsv" in proc.stderr
    assert server.requests == []
