"""Exercises of the offline chapter: each check looks into the reader's Keras folder for Boston's file, as Keras names it."""

from pathlib import Path

from .. import cache
from . import Exercise


def _boston(keras_home):
    import keras

    wanted = cache.files_keras_fetches(keras.datasets.boston_housing.load_data, ["keras.src.datasets.boston_housing"])[0]
    path = Path(keras_home) / wanted.subdir / wanted.name
    good = path.is_file() and cache.hash_matches(path, wanted.file_hash)
    return good, f"{wanted.subdir}/{wanted.name} in your keras_home {'is' if good else 'is missing, or is not'} the file Keras checks for."


EXERCISES = {
    "installed": Exercise(
        "Install Boston Housing's file into your own Keras folder, so that Keras's loader works offline.",
        "Run the commented `import` line of the cell (it installs into the KERAS_HOME it is given), then the cell again.",
        verify=_boston),
    "damaged_file": Exercise(
        "After the failed load, was the damaged file \"kept\" or \"deleted\"?",
        "List `damaged_home / \"datasets\"`; then read `keras.utils.get_file`: what does it do when the new download fails?",
        solve=lambda keras_home: None if not (Path(keras_home) / "datasets").is_dir()  # not a Keras folder
        else "kept" if (Path(keras_home) / "datasets/boston_housing.npz").is_file() else "deleted"),
}
