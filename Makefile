# `make demo`: fresh machine -> virtualenv, Parley installed, examples ingested, timeline and events printed.
# `make test`: the same environment plus the test dependencies, then the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.db

.PHONY: demo test install install-test bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e '.[test,dask]'

demo: install
	rm -f $(DB)
	$(BIN)/parley ingest --db $(DB) examples
	$(BIN)/parley timeline --db $(DB) cn-ru-strategic-security-consultation
	$(BIN)/parley timeline --db $(DB) cn-ru-law-enforcement-security-cooperation
	$(BIN)/parley timeline --db $(DB) cn-ru-mfa-counterterrorism-consultation
	$(BIN)/parley events --db $(DB)

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/resolve.py
	$(BIN)/python benchmarks/long_document.py
	$(BIN)/python benchmarks/long_paragraph.py
	$(BIN)/python benchmarks/web.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
