# Every target sets up .venv/ on first use, with the pinned versions from constraints.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: venv generate test lint typecheck pytest golden bench example clean

$(READY): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(READY)

# Only the environment (CI jobs that run the command line themselves).
venv: $(READY)

generate: $(READY)
	$(PY) -m generator generate

test: lint typecheck pytest

lint: $(READY)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) scripts/unasync.py --check

# The generator and the generated client strictly; tests, benchmarks, examples, scripts and support in the
# relaxed mode pyproject.toml sets for them (golden expected trees and tests/typing's deliberate
# mistakes are checked by the tests themselves).
typecheck: $(READY)
	$(PY) -m mypy --strict generator
	$(PY) -m mypy --strict --python-version 3.10 generated/actionkit_client
	MYPYPATH=generated $(PY) -m mypy support benchmarks examples scripts tests \
		--exclude 'tests/golden/[^/]+/expected/' --exclude 'tests/typing/'

pytest: $(READY)
	$(PY) -m pytest -q

# Rewrites tests/golden/*/expected from each case's spec, and tests/diff_cases/*/expected.*
# from each pair of specs. Review the diff before committing.
golden: $(READY)
	$(PY) -m tests.golden.regenerate
	$(PY) -m tests.diff_cases.regenerate

# An agent's tool call, exported, dispatched and answered, offline.
example: $(READY)
	$(PY) examples/agent_tool_call.py

# Figures, not pass/fail: every benchmarks/bench_*.py, or one with `make bench BENCH=name`.
bench: $(READY)
	$(PY) -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
