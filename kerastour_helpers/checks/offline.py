"""Exercises of the offline chapter: each check looks into the reader's Keras folder, and runs Keras's loader there."""

import os
import subprocess
import sys
from pathlib import Path

from .. import cache
from . import Exercise

LOAD = "import keras; print(keras.datasets.boston_housing.load_data()[0][0].shape)"


def _installed_hash(keras_home):
    """The first 8 hex digits of the SHA-256 of Boston's file in ``keras_home``, once Keras's own loader loads it there
    with the network blocked (a proxy on a closed port, as the page's cell does); else None."""
    unproxied = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "https_proxy")}
    run = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, timeout=600, env=dict(
        unproxied, KERAS_HOME=str(keras_home), https_proxy="http://127.0.0.1:9", KERAS_BACKEND="numpy"))
    loaded = run.stdout.strip() == "(404, 13)"  # so get_file found the file where it looks, with the hash it wants
    return cache.hash_file(Path(keras_home) / "datasets/boston_housing.npz", "sha256")[:8] if loaded else None


EXERCISES = {
    "installed": Exercise(
        "With Boston's file installed, Keras's loader works in `my_home` with no network: what are the first 8 hex digits "
        "of the hash that `get_file` compares?",
        "Install with the `import` command of \"Install the files you fetched\", run with `env=blocked`, then run the cell "
        "again. `get_file` compares the file's hash with the loader's `file_hash` (64 hex digits: which algorithm?); "
        "compute it from `my_home / \"datasets/boston_housing.npz\"` with `hashlib`.", solve=_installed_hash),
    "damaged_file": Exercise(
        "After the failed load, was the damaged file \"kept\" or \"deleted\"?",
        "List `damaged_home / \"datasets\"`; then read `keras.utils.get_file`: what does it do when the new download fails?",
        solve=lambda keras_home: None if not (Path(keras_home) / "datasets").is_dir()  # not a Keras folder
        else "kept" if (Path(keras_home) / "datasets/boston_housing.npz").is_file() else "deleted"),
}
