# Two commands for a fresh machine:   make serve   and   make test
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PYTHON   := $(BIN)/python
HOST     ?= 127.0.0.1:8000

.PHONY: serve build check grade test test-fast lint schema bench clean deps-test

## Create the virtual environment and install the pinned site dependencies.
$(VENV)/.site-installed: requirements.txt pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt
	$(PYTHON) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PYTHON) -m pip install --quiet -r requirements-test.txt
	touch $@

## (a) Build the site and its handouts, then serve with live reload.
serve: build
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

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
	$(BIN)/pytest -n 2 --dist loadgroup

deps-test: $(VENV)/.test-installed
	sh scripts/install_test_deps.sh

test-fast: $(VENV)/.test-installed
	$(BIN)/pytest -m "not browser and not slow"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check scripts overrides tests

## Write the JSON Schemas that editors use (schemas/*.schema.json).
schema: $(VENV)/.site-installed
	$(PYTHON) scripts/export_schema.py

bench: deps-test
	$(PYTHON) scripts/run_benchmark.py

clean:
	rm -rf site .cache
