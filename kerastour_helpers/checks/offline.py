"""Exercises of the offline chapter: each check looks into the reader's Keras folder, and runs Keras's loader there."""

import inspect
import os
import subprocess
import sys
from pathlib import Path

from .. import cache
from . import Exercise

LOAD = "import keras; print(keras.datasets.boston_housing.load_data()[0][0].shape)"


def _installed_md5(keras_home):
    """The MD5's first 8 hex digits of Boston's file in ``keras_home`` once Keras's loader loads it there, offline."""
    unproxied = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "https_proxy")}
    run = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, timeout=600, env=dict(
        unproxied, KERAS_HOME=str(keras_home), https_proxy="http://127.0.0.1:9", KERAS_BACKEND="numpy"))
    loaded = run.stdout.strip() == "(404, 13)"  # so get_file found the file where it looks, with the hash it wants
    return cache.hash_file(Path(keras_home) / "datasets/boston_housing.npz", "md5")[:8] if loaded else None


def _deleting_line(keras_home):
    """The statement of Keras's ``get_file`` that removes a failed download, once it removed Boston's file in ``keras_home``."""
    from keras.src.utils.file_utils import get_file  # Keras is imported when the check runs, not before
    if not (Path(keras_home) / "datasets").is_dir() or (Path(keras_home) / "datasets/boston_housing.npz").exists():
        return None  # not a Keras folder, or the file is still there: Keras has not run on it
    return next((line.strip() for line in inspect.getsource(get_file).splitlines() if "remove(download_target" in line), None)


EXERCISES = {
    "installed": Exercise(
        "With Boston's file installed, Keras's loader works in `my_home` with no network. `get_file` compared its "
        "SHA-256; what are the first 8 hex digits of its MD5 (the other algorithm `get_file` accepts)?",
        "Install with the `import` command of \"Install the files you fetched\", run with `env=blocked`, then run the cell "
        "again. Then `hashlib.md5(path.read_bytes()).hexdigest()[:8]` with `path = my_home / \"datasets/boston_housing.npz\"`.",
        solve=_installed_md5),
    "deleting_line": Exercise(
        "Which statement of `keras.utils.get_file` deleted the damaged file? Answer with that line of its source.",
        "List `damaged_home / \"datasets\"`: the file is gone. In `inspect.getsource(keras.utils.get_file)`, look at what "
        "the `except` around the download does when it fails.", solve=_deleting_line),
}
