# Everything a fresh machine with Python 3.11+ and make needs: the Makefile creates its own virtualenv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: render test lint typecheck unit schema bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## render the demo tenants in tenants/ into rendered/
render: $(STAMP)
	$(BIN)/receivers render --tenants tenants --config receivers.yaml --env-file tenants/demo.env --out rendered
	@echo "wrote rendered/alertmanager.yml and rendered/templates/"

## lint, type-check and run the whole test suite
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check receivers_cli tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy receivers_cli

unit: $(STAMP)
	$(BIN)/pytest

schema: $(STAMP)
	$(BIN)/receivers schema

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_render.py

clean:
	rm -rf $(VENV) rendered .pytest_cache .mypy_cache .ruff_cache
