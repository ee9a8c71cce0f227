# Two commands for a new user: `make data` builds the datasets, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install data lint test docs clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,notebook]'
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
	rm -rf output/*.parquet output/*.csv output/*.xlsx output/.cache $(VENV) build *.egg-info

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_batch.py
