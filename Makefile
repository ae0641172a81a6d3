# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# On these machines `torch==2.13.0` is a local CPU build; an unpinned torch would pull a CUDA build.
TORCH ?= torch==2.13.0
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-test browser lint bench eval clean

$(BIN)/qa: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "$(TORCH)"
	$(BIN)/pip install --quiet -e ".[test,cluster]"
	touch $(BIN)/qa

install: $(BIN)/qa

# Debian's chromium drives the browser tests; install it when missing (needs root or sudo).
browser:
	@test -x $(CHROMIUM) || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: install
	$(BIN)/qa serve --build-if-missing

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

eval: install
	$(BIN)/qa index
	$(BIN)/qa eval eval/questions.jsonl

bench: install
	$(BIN)/python bench/runtimes.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/update.py

clean:
	rm -rf $(VENV) .qa test-output
