# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/harbor-bridge

.PHONY: install demo test test-fast eval-gate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch first, pinned: a bare requirement would pull a multi-GB CUDA build.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/summarizer summarize $(EXAMPLE) --words 100

# The tests, then the quality gate (eval/baselines/; see eval/baselines/README.md).
test: $(STAMP)
	$(PY) -m pytest
	$(PY) -m summarizer.evaluation.gate --systems default,lead

eval-gate: $(STAMP)
	$(PY) -m summarizer.evaluation.gate --systems default,lead

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not shared"

bench: $(STAMP)
	$(PIP) install -q -e '.[bench]'
	$(PY) benchmarks/lexrank_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
