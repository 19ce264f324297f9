# Two commands for a fresh machine:   make serve   and   make test
# Two virtual environments, kept apart: .venv holds only requirements.txt (what the site
# build needs), .venv-test adds the test tools. So the site can never borrow a test package.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
PYTHON    := $(BIN)/python
TEST_VENV := .venv-test
TBIN      := $(TEST_VENV)/bin
TPYTHON   := $(TBIN)/python
HOST      ?= 127.0.0.1:8000

.PHONY: serve serve-check build check grade test test-fast lint schema bench clean deps-test

## The site's own environment: requirements.txt only.
$(VENV)/.site-installed: requirements.txt pyproject.toml
	@echo "Installing the site's pinned Python packages into $(VENV)/ (about a minute the first time)..."
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt
	$(PYTHON) -m pip install --quiet --no-deps -e .
	touch $@

## The tests' environment: requirements-test.txt (which includes requirements.txt).
$(TEST_VENV)/.test-installed: requirements.txt requirements-test.txt pyproject.toml
	@echo "Installing the pinned test tools into $(TEST_VENV)/..."
	test -x $(TPYTHON) || $(PY) -m venv $(TEST_VENV)
	$(TPYTHON) -m pip install --quiet --upgrade pip
	$(TPYTHON) -m pip install --quiet -r requirements-test.txt
	$(TPYTHON) -m pip install --quiet --no-deps -e .
	touch $@

## (a) Build the site and its handouts, serve it, rebuild and reload on every change.
serve: $(VENV)/.site-installed
	$(PYTHON) scripts/serve.py --host $(HOST)

## (a) checked as a new user meets it: build, start the server, fetch /, an exercise and a
## handout PDF over HTTP, stop the server. Run by .ci/run before the tests.
serve-check: build
	$(PYTHON) scripts/serve_check.py

## Build into site/ (strict; a failed build leaves the last good site/ alone).
build: $(VENV)/.site-installed
	$(PYTHON) scripts/build_site.py

## Check content against the model without building.
check: $(VENV)/.site-installed
	$(PYTHON) scripts/check_content.py

## Reading grade of every built page (builds first).
grade: build
	$(PYTHON) scripts/check_grade.py

## (b) Run every test: installs test tools, Debian's chromium if missing (as root).
test: deps-test
	$(TBIN)/pytest -n 2 --dist loadgroup

deps-test: $(TEST_VENV)/.test-installed
	sh scripts/install_test_deps.sh

test-fast: $(TEST_VENV)/.test-installed
	$(TBIN)/pytest -n 2 -m "not browser and not slow"

lint: $(TEST_VENV)/.test-installed
	$(TBIN)/ruff check src scripts tools overrides tests
	$(TBIN)/ruff format --check src scripts tools overrides tests

## Write the JSON Schemas that editors use (schemas/*.schema.json).
schema: $(VENV)/.site-installed
	$(PYTHON) scripts/export_schema.py

## The whole benchmark, then before and after the consolidation (BENCH_ROUNDS rounds, default 1;
## BENCH_TESTS=1 adds the whole `make test` on both sides, about 15 minutes a side).
BENCH_ROUNDS ?= 1
bench: deps-test
	$(TPYTHON) -m tools.bench.run
	$(TPYTHON) -m tools.bench.before_after --rounds $(BENCH_ROUNDS) $(if $(filter 1,$(BENCH_TESTS)),--with-tests)

clean:
	rm -rf site .cache
