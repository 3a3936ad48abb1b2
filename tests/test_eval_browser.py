"""The HTML report in a real headless Chromium: no console errors, Arabic right-to-left, no
network, injected markup inert. Driven over the DevTools protocol with `websockets`."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .test_eval_command import OUTPUTS, SMALL_CASES, report_of, run_eval, xss_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=1400,1000",
]
START_TIMEOUT_S = 30.0
STEP_TIMEOUT_S = 30.0

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install -y chromium; `make test` installs it where it can)",
)


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page session (flattened)."""

    def __init__(self, ws_url: str) -> None:
        from websockets.sync.client import connect

        self.ws = connect(ws_url, max_size=64 * 2**20, open_timeout=STEP_TIMEOUT_S)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: bool = True) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            event = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            self.events.append(event)
            if event.get("method") == method:
                return event

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[DevTools]:
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.poll() is not None else ""
                pytest.fail(f"Chromium did not start its DevTools endpoint: {err}")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        tools = DevTools(f"ws://127.0.0.1:{port}{path}")
        target = tools.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        tools.session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.send(f"{domain}.enable")
        yield tools
        tools.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def open_report(tools: DevTools, report: Path) -> None:
    tools.events.clear()
    tools.send("Page.navigate", {"url": report.resolve().as_uri()})
    tools.wait_for("Page.loadEventFired")


def console_errors(tools: DevTools) -> list[str]:
    errors = []
    for event in tools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(f"console.{params['type']}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            errors.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Page.javascriptDialogOpening":
            errors.append(f"dialog: {params.get('message')}")
    return errors


def network_requests(tools: DevTools) -> list[str]:
    return [
        e["params"]["request"]["url"]
        for e in tools.events
        if e.get("method") == "Network.requestWillBeSent" and not e["params"]["request"]["url"].startswith("file:")
    ]


def screenshot(tools: DevTools, path: Path) -> None:
    data = tools.send("Page.captureScreenshot", {"format": "png"})["data"]
    path.write_bytes(base64.b64decode(data))


def test_report_renders_without_errors_and_arabic_is_right_to_left(browser, tmp_path):
    html, report_json = tmp_path / "report.html", tmp_path / "report.json"
    proc = run_eval("--outputs", str(OUTPUTS), *SMALL_CASES, "--report-html", str(html), "--report-json", str(report_json))
    # 002 is perturbed on purpose and fails the sanity checks; the report is written all the same.
    assert proc.exit_code == 1, proc.output
    assert {g["kind"] for g in report_of(report_json)["gates"]} == {"sanity"}
    open_report(browser, html)

    assert console_errors(browser) == []
    assert network_requests(browser) == []
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    directions = browser.evaluate(
        "[...document.querySelectorAll('[lang=ar]')].map(e => getComputedStyle(e).direction)"
    )
    assert len(directions) > 20 and set(directions) == {"rtl"}
    # The article is one right-to-left block with the output's evidence marked inside it.
    article = browser.evaluate(
        "(() => { const a = document.querySelector('#case-002_libya_tripoli_clashes .article');"
        " return {dir: getComputedStyle(a).direction, align: getComputedStyle(a).textAlign,"
        " marks: a.querySelectorAll('mark').length, width: a.getBoundingClientRect().width}; })()"
    )
    assert article["dir"] == "rtl" and article["marks"] > 5 and article["width"] > 300
    # English stays left-to-right.
    assert browser.evaluate("getComputedStyle(document.querySelector('p[lang=en]')).direction") == "ltr"
    shot = tmp_path / "report.png"
    screenshot(browser, shot)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_injected_markup_in_the_article_is_shown_as_text_and_never_runs(browser, tmp_path):
    seeds, gold, outputs = xss_corpus(tmp_path)
    html, report_json = tmp_path / "xss.html", tmp_path / "xss.json"
    proc = run_eval("--seeds", str(seeds), "--gold", str(gold), "--outputs", str(outputs), "--report-html", str(html),
                    "--report-json", str(report_json))
    assert proc.exit_code == 1, proc.output  # the markup injected into the output fails sanity checks, nothing else
    assert {g["kind"] for g in report_of(report_json)["gates"]} == {"sanity"}
    open_report(browser, html)

    assert console_errors(browser) == []  # no alert() dialog, no error
    assert browser.evaluate("document.scripts.length") == 0
    assert browser.evaluate("document.querySelectorAll('img, iframe, b.injected').length") == 0
    article_text = browser.evaluate("document.querySelector('.article').textContent")
    assert "<script>alert(1)</script>" in article_text
    assert "<b class=\"injected\">" in browser.evaluate("document.body.textContent")
    screenshot(browser, tmp_path / "xss.png")
