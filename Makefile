# Two commands for a new user: `make data` builds the datasets, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install data test docs clean bench mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,notebook]'
	touch $(STAMP)

install: $(STAMP)

data: $(STAMP)
	$(BIN)/python -m pipeline build raw output

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Regenerate the data dictionary from the schemas in pipeline/records.py.
docs: $(STAMP)
	$(BIN)/python -m pipeline.datasets.schema_doc

clean:
	rm -rf output/*.parquet output/*.csv output/*.xlsx output/.cache $(VENV) build *.egg-info mutants

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_batch.py

# How many deliberate breaks of the rule modules the fast tests catch (mutmut;
# minutes, so not in CI). Last score and every survivor's reason: docs/mutation.md.
$(VENV)/.mutation-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,notebook,mutation]'
	touch $@

mutation: $(VENV)/.mutation-installed
	nice -n 10 $(BIN)/python tests/mutation.py
