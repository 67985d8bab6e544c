# sourcecheck: `make chat` serves the page, `make test` runs everything CI runs.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
export SOURCECHECK_DATA_DIR ?= $(CURDIR)/data
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: chat test test-all test-fast eval bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

chat: $(STAMP)
	$(VENV)/bin/sourcecheck serve --corpus index/articles

# Everything; the slow reliability loops (SIGKILL ×10) only when CI is set or via `make test-all`.
test: $(STAMP)
	$(PY) -m pytest $(if $(CI),,-m "not slow")

test-all: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m unit -q

eval: $(STAMP)
	$(VENV)/bin/sourcecheck eval --baseline

bench: $(STAMP)
	$(PY) bench/ingest_query.py

clean:
	rm -rf data .pytest_cache test-artifacts
