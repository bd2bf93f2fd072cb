# Two commands for a fresh machine:
#   make run    set up, build the graph, show counts, answer a sample question and write
#               the reader's site (build/site/index.html)
#   make test   set up with the test tools, lint, and run the whole test suite
#   make check  lint and the fast tests only: the quick loop before every commit
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test check mutation notebook serve lint format clean screenshots docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/serge-graph build --out build
	$(BIN)/serge-graph network --out build/network.html
	$(BIN)/serge-graph timeline --out build/timeline.html
	$(BIN)/serge-graph query --saved murders
	$(BIN)/serge-graph site --out build/site

# The pictures in docs/ (the reader's site, the network, timeline and map pages), in Debian's chromium
screenshots: $(VENV)/.installed-test
	$(BIN)/python docs/make_screenshots.py --out docs
	$(BIN)/python docs/make_network_screenshots.py
	$(BIN)/python docs/make_map_screenshots.py

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -n 2 --durations=15  # both cores; the slowest, in every run's log

# The quick loop, before every commit: lint, format check, and the tests not marked slow
# (no browser, no query workers or server, no Virtuoso, no notebook kernel; see tests/conftest.py)
check: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -q -n 2 -m "not slow" --durations=5

# Mutation score of the core modules (mutmut 3, fast tests only); slow: see docs/tests.md.
# MODULES="source queries" JOBS=2 make mutation  runs some modules, two mutants at once.
# MUTATION_ARGS="--sample 5" samples one mutant in ten; "--recheck" runs the last survivors again.
MODULES ?=
JOBS ?= 1
MUTATION_ARGS ?=
$(VENV)/.installed-mutation: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[mutation]'
	touch $@

mutation: $(VENV)/.installed-mutation
	$(BIN)/python benchmarks/mutation.py $(MODULES) --jobs $(JOBS) $(MUTATION_ARGS)
	$(BIN)/python benchmarks/mutation.py --table benchmarks/mutation-results.json

# Jupyter Lab on notebooks/, with the notebook extra (pandas, matplotlib, jupyterlab)
notebook: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[notebook]'
	$(BIN)/jupyter lab notebooks/

serve: $(VENV)/.installed
	$(BIN)/serge-graph serve

# The docs site (Material for MkDocs) into build/docs, offline: open build/docs/index.html.
# The command-line reference (docs/cli.md) is written again from --help first.
# `.venv/bin/mkdocs serve` serves the docs while you edit them.
$(VENV)/.installed-docs: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[docs]'
	touch $@

docs: $(VENV)/.installed-docs
	$(BIN)/python docs/cli_reference.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir build/docs
	@echo "the docs: file://$(CURDIR)/build/docs/index.html"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

clean:
	rm -rf build dist $(VENV)
