# Keras Tour: `make book` builds the HTML book, `make test` runs every test.
# Both set up what is missing first (Graphviz, a virtual environment in .venv).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kerastour-installed
TEST_STAMP := $(VENV)/.kerastour-test-installed
# Tests never use the network, and use a Keras cache of their own.
TEST_HOME := $(CURDIR)/_build/keras-home-test
TEST_ENV := KERASTOUR_OFFLINE=1 KERAS_HOME=$(TEST_HOME) TF_CPP_MIN_LOG_LEVEL=3

.PHONY: setup book test unit notebooks clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	scripts/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

# The tests also need the JAX and PyTorch backends.
$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

book: setup
	TF_CPP_MIN_LOG_LEVEL=3 $(VENV)/bin/jupyter-book build . --keep-going
	@echo "The book is in _build/html/index.html"

test: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests chapters --nbval-lax --nbval-current-env -v

unit: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests -q

# Re-execute the chapters in place, so that the stored outputs match the code
# (all of them, or one: make notebooks NB=datasets.ipynb).
notebooks: setup
	rm -rf $(TEST_HOME)
	cd chapters && $(TEST_ENV) ../$(VENV)/bin/jupyter-execute --inplace $(or $(NB),*.ipynb)

clean:
	rm -rf _build
