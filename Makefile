# prooflane: every target sets itself up (a virtual environment in .venv) on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Scaffold the default project (healthcare data analyst -> dashboard) into demo/ and build its dashboard.
demo: $(STAMP)
	$(BIN)/prooflane new healthcare-data-analyst --no-input -o $(DEMO) --force
	$(MAKE) -C $(DEMO)/clinic-no-show-dashboard dashboard PYTHON=$(abspath $(BIN)/python)
	@echo "Open $(DEMO)/clinic-no-show-dashboard/reports/dashboard.html in a browser."

AXE := .ci/node/node_modules/axe-core/axe.min.js

# axe-core for the portfolio's browser tests (skipped, with the reason, where npm or chromium is missing).
$(AXE):
	@command -v npm >/dev/null && npm install --silent --no-audit --no-fund --prefix .ci/node axe-core@4 >/dev/null \
	  || echo "npm not found: the portfolio's browser tests will be skipped"

## Lint, then every test (unit, CLI, the bake matrix with each generated project's own tests, the browser tests).
test: $(STAMP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_data.py

clean:
	rm -rf $(DEMO) build dist .pytest_cache .ruff_cache
