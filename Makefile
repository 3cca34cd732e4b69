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
# pip installs without byte-compiling every module of TensorFlow, PyTorch and JAX (a minute of CPU per
# environment); Python compiles what is imported, once, and keeps it: so it must be allowed to write
# its .pyc files, whatever the shell says.
PIP := -m pip install -q --disable-pip-version-check --no-compile
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup book test test-here test-browser unit notebooks translations backends-check colab-check clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	scripts/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) $(PIP) -r requirements.txt
	$(PY) $(PIP) --no-deps -e .
	touch $@

# The tests also need pytest-xdist and Playwright; the browser test of the built book also Debian's
# Chromium and axe-core from npm (installed while the unit tests already run).
AXE_CORE := axe-core@4.14.1
BROWSER_STAMP := $(VENV)/.kerastour-browser-installed
$(TEST_STAMP): $(STAMP) requirements-test.txt
	$(PY) $(PIP) -r requirements-test.txt
	touch $@

$(BROWSER_STAMP): $(TEST_STAMP)
	scripts/install-system-deps.sh --test
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/node $(AXE_CORE)
	touch $@

# Every chapter is executed at every build (--all), so the pages always show what the code does now,
# four at a time (scripts/build_book.py: Jupyter Book with Sphinx's parallel reading; BOOK_JOBS=1
# for one at a time).
# KERASTOUR_BOOK=1: each picker renders all its options, which the page switches between.
# BOOK_ENV: extra environment for the build (make test builds from the stored outputs, offline).
# Then the Chinese edition, in _build/html/zh_CN/: the notebooks just executed, with the prose of
# locales/zh_CN/LC_MESSAGES/chapters.po (scripts/translate.py), built without a second execution.
ZH_SOURCE := _build/zh_CN
book: setup
	KERASTOUR_BOOK=1 $(BOOK_ENV) $(QUIET_TF) $(PY) scripts/build_book.py build . --all -W -n --keep-going
	$(PY) scripts/translate.py source $(ZH_SOURCE)
	KERASTOUR_BOOK=1 $(QUIET_TF) $(PY) scripts/build_book.py build $(ZH_SOURCE) --all -W -n --keep-going
	rm -rf _build/html/zh_CN && mv $(ZH_SOURCE)/_build/html _build/html/zh_CN
	@echo "The book is in _build/html/index.html, its Chinese edition in _build/html/zh_CN/index.html"

# After the English prose changed: new and changed blocks into the catalog (a changed block keeps its
# old translation, marked fuzzy), and the Chinese notebooks (zh_CN/chapters/) rewritten from the
# English ones. Then translate what `scripts/translate.py check` lists, and run this again.
translations: setup
	$(PY) scripts/translate.py update
	-$(PY) scripts/translate.py check

# Three jobs side by side (a chapter or a browser keeps about one core busy, so two cores run them
# together in about half the time): this environment's tests (the unit tests, slow ones included),
# the Colab check (the one execution of the chapters here: each chapter on Colab's versions, its
# checked outputs compared with the stored ones, as nbval does), and the book built from the outputs
# stored in the notebooks (tests/test_notebooks.py checks they were stored by `make notebooks`),
# checked in a real browser (screenshots in _build/screenshots/). Each job's log is printed whole
# when it ends. The chapters under nbval in this environment: make backends-check-tensorflow.
# Each job starts as soon as its environment is ready: the Colab check (the longest) while .venv is
# still being installed.
test:
	$(MAKE) -j3 -O test-here colab-check test-browser

# The unit tests in two processes, each test handed to whichever is free (a few slow ones take most
# of the time): the job finishes sooner once the other two are done.
test-here: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests --ignore=tests/browser -q -rfEs -n 2 --dist worksteal
	rm -rf $(TEST_HOME)

test-browser: setup $(BROWSER_STAMP)
	$(MAKE) book BOOK_ENV="KERASTOUR_STORED_OUTPUTS=1"
	$(PY) -m pytest tests/browser -q -rfEs

unit: setup $(TEST_STAMP)
	rm -rf $(TEST_HOME)
	$(TEST_ENV) $(PY) -m pytest tests --ignore=tests/browser -q -m "not slow"

# Re-execute the chapters in place, so that the stored outputs match the code
# (all of them, or one: make notebooks NB=datasets.ipynb).
notebooks: setup
	rm -rf $(TEST_HOME)
	cd chapters && KERASTOUR_BOOK=1 $(TEST_ENV) ../$(VENV)/bin/jupyter-execute --inplace $(or $(NB),*.ipynb)

# Every chapter executed from the top under JAX and under PyTorch, offline, as a reader does by
# changing the setup cell's KERAS_BACKEND line: the script edits copies in memory, never the stored
# notebooks, and prints each chapter's result and time (all of them, or one: NB=training.ipynb).
# And on TensorFlow, this environment's versions, under nbval: the checked outputs compared with the
# stored ones. The three run side by side (or one alone: make backends-check-jax).
backends-check: setup
	$(MAKE) -j2 -O backends-check-jax backends-check-torch backends-check-tensorflow

backends-check-tensorflow: setup
	rm -rf $(TEST_HOME)-tensorflow
	KERASTOUR_OFFLINE=1 KERAS_HOME=$(TEST_HOME)-tensorflow $(QUIET_TF) $(PY) -m pytest chapters/$(NB) --nbval-lax --nbval-current-env -q -rfEs -p no:cacheprovider
	rm -rf $(TEST_HOME)-tensorflow

backends-check-%: setup
	$(TEST_ENV) $(PY) scripts/backends_check.py --backends $* $(if $(NB),chapters/$(NB))

# Colab's runtime: Colab's Python and package versions (colab/pins.txt, from Colab's published
# pip freeze) in .venv-colab/, rebuilt from scratch when the pins change. The check installs
# kerastour_helpers as the chapters' Colab cell does, fails if that moves a pinned package, runs
# the picker tests under Colab's ipywidgets and executes every chapter (colab/check.py).
COLAB_VENV  := .venv-colab
COLAB_STAMP := $(COLAB_VENV)/.kerastour-colab-pins
COLAB_HOME  := $(CURDIR)/_build/keras-home-colab

$(COLAB_STAMP): colab/pins.txt colab/make-venv.sh
	scripts/install-system-deps.sh
	colab/make-venv.sh $(COLAB_VENV)
	touch $@

colab-check: $(COLAB_STAMP)
	rm -rf $(COLAB_HOME)
	KERASTOUR_OFFLINE=1 KERAS_HOME=$(COLAB_HOME) $(QUIET_TF) $(COLAB_VENV)/bin/python colab/check.py $(NB)
	rm -rf $(COLAB_HOME)

clean:
	rm -rf _build
