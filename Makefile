# Two commands for a new user: `make data` builds the datasets, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install data test docs clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[ocr,test,notebook]'
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
	rm -rf output/*.parquet output/*.csv output/*.xlsx output/.cache $(VENV) build *.egg-info

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_batch.py
	nice $(BIN)/python benchmarks/bench_ocr.py
