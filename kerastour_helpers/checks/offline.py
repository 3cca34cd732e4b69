"""Exercises of the offline chapter: each check looks into the Keras folder the reader made."""

from pathlib import Path

from .. import cache
from . import Exercise


def _boston(keras_home):
    """Where Boston's file goes under ``keras_home``, and the hash Keras checks (both read from Keras)."""
    import keras

    wanted = cache.files_keras_fetches(keras.datasets.boston_housing.load_data, ["keras.src.datasets.boston_housing"])[0]
    return Path(keras_home) / wanted.subdir / wanted.name, wanted.file_hash


def _installed(keras_home):
    path, expected = _boston(keras_home)
    if not path.is_file():
        return False, f"{path} is missing: Keras would try to download it."
    if not cache.hash_matches(path, expected):
        return False, f"{path} is there, but it is not the file Keras expects (its hash differs)."
    return True, f"{path} is Keras's file ({cache.hash_algorithm(expected)} matches): its loader reads it, no network needed."


EXERCISES = {
    "installed": Exercise(
        "Install Boston Housing's file into your own Keras folder, so that Keras's loader works offline.",
        "Run the commented `import` line of the cell (it installs into the folder named by its KERAS_HOME), "
        "then the cell again.",
        verify=_installed),
    "damaged_file": Exercise(
        "After the failed load, was the damaged file \"kept\" or \"deleted\"?",
        "List `damaged_home / \"datasets\"`; then read `keras.utils.get_file`: what does it do with the file "
        "when the new download fails?",
        solve=lambda keras_home: "kept" if _boston(keras_home)[0].is_file() else "deleted" if _boston(keras_home)[0].parent.is_dir() else None),
}
