"""Exercises of the offline chapter: each check looks into a new Keras folder that the exercise made."""

import inspect
import tempfile
from pathlib import Path

from .. import cache
from . import Exercise

BOSTON = "boston_housing/boston_housing.npz"  # Keras's file, as Keras Tour ships it


def _boston(keras_home) -> Path:
    if not isinstance(keras_home, tempfile.TemporaryDirectory):  # so new and empty when made: not your ~/.keras
        raise TypeError(f"Pass the exercise's TemporaryDirectory itself (keras_home=my_temporary), not {keras_home!r:.60}.")
    return Path(keras_home.name) / "datasets/boston_housing.npz"


def _installed_md5(keras_home):
    """The MD5's first 8 hex digits of Boston's file once installed in the exercise's folder with Keras's SHA-256."""
    right = (file := _boston(keras_home)).is_file() and cache.hash_file(file, "sha256") == cache.shipped_sha256(BOSTON)
    return cache.hash_file(file, "md5")[:8] if right else None


def _deleting_line(keras_home, damaged, output):
    """The line of ``get_file`` that removed ``damaged``, once ``output`` (stdout + stderr) holds Keras's messages."""
    from keras.src.utils.file_utils import get_file  # Keras is imported when the check runs, not before
    whole = cache.shipped_file(BOSTON).read_bytes()
    if not isinstance(damaged, bytes) or len(damaged) >= len(whole) or not whole.startswith(damaged):
        raise ValueError("Pass damaged=the bytes you wrote: a proper prefix of Boston's file, as the exercise asks.")
    said = (f"file hash does not match the original value of {cache.shipped_sha256(BOSTON)} so we will re-download",
            "URL fetch failure on https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz")
    if _boston(keras_home).exists() or not all(message in str(output) for message in said):  # file_utils.py:356-399
        return None  # Keras has not run on it, or output= is not that run's (a hash mismatch, then a failed download)
    return next(line.strip() for line in inspect.getsource(get_file).splitlines() if "remove(download_target" in line)


EXERCISES = {
    "installed": Exercise(
        "Keras's loader works offline in `my_home`, the file's SHA-256 checked: what are the first 8 hex digits of its MD5?",
        "Run the `import` command with `env=blocked`, then `hashlib.md5(path.read_bytes())`.", solve=_installed_md5),
    "deleting_line": Exercise(
        "Which statement of `keras.utils.get_file` deleted the damaged file? Answer with that line of its source.",
        "The file is gone: read the `except` around the download in `keras.utils.get_file`'s source.", solve=_deleting_line),
}
