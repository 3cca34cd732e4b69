"""`jupyter-book build ...`, with Sphinx reading the pages (and so executing the chapters) in
BOOK_JOBS processes at once, 4 unless set. Jupyter Book 1's command line has no option for Sphinx's
-j. With 7 chapters Sphinx gives 4 processes one chapter at a time; with 2 it would give each
process 3 or 4 chapters in a row, and one process would finish long before the other.
Usage: python scripts/build_book.py build . --all -W (the arguments of jupyter-book)."""
import functools
import os
import sys

import jupyter_book.sphinx
from jupyter_book.cli.main import main

jobs = int(os.environ.get("BOOK_JOBS", "4"))
# `jupyter-book build` imports build_sphinx from this module when it runs: give it the jobs.
jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=jobs)
sys.exit(main())
