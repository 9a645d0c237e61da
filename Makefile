# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SOURCES := pyproject.toml meson.build $(shell find src -type f -not -name '*.pyc')

.PHONY: demo test bench audit install clean

$(VENV)/created:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

# Reinstall whenever a source file changes (pip builds the C extension).
$(VENV)/installed: $(VENV)/created $(SOURCES)
	$(PY) -m pip install --quiet ".[test]"
	touch $@

install: $(VENV)/installed

demo: $(VENV)/installed
	$(VENV)/bin/sigmoids demo -o out

test: $(VENV)/installed
	$(PY) -m pytest -q -n auto --dist worksteal

bench: $(VENV)/installed
	$(PY) benchmarks/bench.py

audit: $(VENV)/installed
	$(PY) tools/audit_float32.py --all

clean:
	rm -rf $(VENV) build out .pytest_cache .hypothesis
