# Keras Tour: `make book` builds the HTML book, `make test` runs every test.
# Both set up what is missing first (Graphviz, a virtual environment in .venv).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kerastour-installed
TEST_STAMP := $(VENV)/.kerastour-test-installed
# Tests never use the network, and use a Keras cache of their own.
TEST_HOME := $(CURDIR)/_build/keras-home-test
# TensorFlow prints start-up lines from C++ that notebooks would capture: keep them out.
QUIET_TF := TF_CPP_MIN_LOG_LEVEL=3 TF_ENABLE_ONEDNN_OPTS=0
TEST_ENV := KERASTOUR_OFFLINE=1 KERAS_HOME=$(TEST_HOME) $(QUIET_TF)

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
	scripts/install-system-deps.sh --test
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

# Every chapter is executed at every build (--all), so the pages always show what the code does now.
# BOOK_ENV: extra environment for the build (make test builds offline).
book: setup
	$(BOOK_ENV) $(QUIET_TF) $(VENV)/bin/jupyter-book build . --all -W -n --keep-going
	@echo "The book is in _build/html/index.html"

# Unit tests and every chapter under nbval, then the book built offline and
# checked in a real browser (screenshots in _build/screenshots/).
test: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests chapters --ignore=tests/browser --nbval-lax --nbval-current-env -v
	rm -rf $(TEST_HOME)
	$(MAKE) book BOOK_ENV="$(TEST_ENV)"
	$(PY) -m pytest tests/browser -v

unit: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests --ignore=tests/browser -q -m "not slow"

# Re-execute the chapters in place, so that the stored outputs match the code
# (all of them, or one: make notebooks NB=datasets.ipynb).
notebooks: setup
	rm -rf $(TEST_HOME)
	cd chapters && $(TEST_ENV) ../$(VENV)/bin/jupyter-execute --inplace $(or $(NB),*.ipynb)

clean:
	rm -rf _build
