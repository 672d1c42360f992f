# Two commands do everything: `make serve` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
ONLY ?=
PYTEST_ARGS ?=
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve build check test outputs urls clean bench zensical chromium deps-docs deps-all deps-zensical help

help:
	@echo "make serve    set up .venv (docs tools only), generate pages, serve http://127.0.0.1:8000"
	@echo "make test     install frameworks + test tools (+ Chromium), run the whole suite"
	@echo "make check    fast checks without frameworks: ruff, questions + recorded outputs, strict build"
	@echo "make build    generate + strict build into site/ (atomic: a failure keeps the old site)"
	@echo "make outputs  re-run programs and re-record their outputs (ONLY='3 4' picks questions)"
	@echo "make urls     rebuild and rewrite published-urls.txt (after adding pages; never to drop one)"
	@echo "make bench    performance figures, written to bench/results.json"
	@echo "make zensical build the same site with Zensical into .zensical/site"
	@echo "make clean    remove site/, caches and .venv"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip setuptools wheel

# Stamps make a second run start in seconds; they are redone when pyproject.toml changes.
$(VENV)/.docs-stamp: pyproject.toml | $(PY)
	$(PY) -m pip install -q --group docs
	@touch $@

$(VENV)/.all-stamp: pyproject.toml $(VENV)/.docs-stamp
	$(PY) -m pip install -q --group docs --group test --group frameworks
	@touch $@

# Zensical lives in its own venv: it pins its own Markdown stack.
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/.stamp: pyproject.toml | $(PY)
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install -q -U pip
	$(ZENSICAL_VENV)/bin/python -m pip install -q --group zensical
	@touch $@

deps-docs: $(VENV)/.docs-stamp
deps-all: $(VENV)/.all-stamp
deps-zensical: $(ZENSICAL_VENV)/.stamp

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The link checker runs in build, check and test; serve skips it so edits show up fast.
serve: deps-docs
	QA_LINK_CHECK=false $(PY) -m mkdocs serve -a 127.0.0.1:8000

build: deps-docs
	$(PY) -m scripts.qa build

check: deps-docs
	$(BIN)/ruff check scripts snippets tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline .github/workflows
	$(PY) -m scripts.qa build

# The same site built by Zensical (Material's successor) from an export of the sources: .zensical/site.
zensical: deps-docs deps-zensical
	$(PY) -m scripts.qa export .zensical
	cd .zensical && ../$(ZENSICAL_VENV)/bin/zensical build --strict -f mkdocs.yml
	@echo "Zensical site: .zensical/site/"

test: deps-all deps-zensical chromium
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

outputs: deps-all
	$(PY) -m scripts.qa outputs $(ONLY)

urls: deps-docs
	QA_UPDATE_URLS=1 $(PY) -m scripts.qa build

# Performance figures (minutes: runs every program twice); `make bench BENCH_ARGS=--quick` samples 12 programs.
bench: deps-all chromium
	$(PY) scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site site.old .site-* .cache .zensical $(ZENSICAL_VENV) .pytest_cache .ruff_cache bench/results.json $(VENV)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
