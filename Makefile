# Two commands for a new user: `make data` builds the datasets, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The interpreter's version is part of the stamp, so a .venv made by another
# Python (an unsupported 3.10, or before an upgrade) is rebuilt, never reused.
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PY_SUPPORTED := $(shell v="$(PY_VERSION)"; [ "$${v%%.*}" = 3 ] && [ "$${v#*.}" -ge 11 ] 2>/dev/null && echo yes)
STAMP := $(VENV)/.installed-python$(PY_VERSION)

.PHONY: install data lint test docs clean bench

$(STAMP): pyproject.toml
ifneq ($(PY_SUPPORTED),yes)
	$(error $(PYTHON) is Python $(or $(PY_VERSION),?): notice-tasks needs Python 3.11 or newer; run make PYTHON=python3.11 (or newer))
endif
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(PY_VERSION)" ]; then \
		echo "$(VENV) was made by another Python than $(PYTHON) ($(PY_VERSION)): rebuilding it"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[ocr,test,notebook,dask]'
	touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	$(BIN)/python -m pipeline build raw output

# Zero findings or the target fails; rules and their reasons are in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# CI runs this (.ci/run): the gates first, then the suite.
test: lint
	$(BIN)/python -m pytest -q

# Regenerate the data dictionary from the row declarations in pipeline/datasets/records.py.
docs: $(STAMP)
	$(BIN)/python -m pipeline.datasets.schema_doc

clean:
	rm -rf output/*.parquet output/*.csv output/*.xlsx output/current output/.generations output/.cache \
		output/.lock $(VENV) build *.egg-info

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_process.py
	$(BIN)/python benchmarks/bench_batch.py
	nice $(BIN)/python benchmarks/bench_ocr.py
