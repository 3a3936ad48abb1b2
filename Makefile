# Everything the project needs is installed from here; nothing by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_4e32085be5773d8c.txt

.PHONY: setup run test test-fast bench schemas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[local,eval,dev]'

# Summarise the seed article with the embedded model.
run: setup
	$(BIN)/summarizer summarize $(SEED) --published 2018-03-24

# Every test, the real-model smoke test included (what CI runs).
test: setup
	$(BIN)/pytest -m 'not bench'

# Fast tests only (no model).
test-fast: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py

schemas: setup
	$(BIN)/summarizer schema --write schemas

clean:
	rm -rf $(VENV) build dist *.egg-info
