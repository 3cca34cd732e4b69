"""A real folder of images, laid out the way readers' own photos arrive.

Keras Tour ships the first 200 images of CIFAR-10's training set as PNG files
(``data/cifar10/kaggle_train_first200/``, labels in ``trainLabels.csv``).
:func:`image_folder` copies them into ``<folder>/<class name>/<file>.png``,
the layout ``keras.utils.image_dataset_from_directory`` reads.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from ..cache import DataFileError, shipped_file

CIFAR10_PNGS = "cifar10/kaggle_train_first200"


def _cifar10_class_names() -> tuple:
    from . import dataset_info

    return tuple(dataset_info("cifar10").class_names)


def _labelled_pngs() -> list:
    """``(file name, class name)`` for every shipped PNG, in the file's order."""
    labels = shipped_file(f"{CIFAR10_PNGS}/trainLabels.csv")
    with open(labels, newline="") as f:
        rows = [tuple(cell.strip() for cell in row) for row in csv.reader(f) if row]
    bad = [row for row in rows if len(row) != 2 or not row[0].endswith(".png")]
    if bad:
        raise DataFileError(f"{labels} has rows that are not 'file.png,class': {bad[:3]}. Reinstall kerastour_helpers.")
    return rows


def image_folder(directory=None) -> Path:
    """Write the 200 shipped CIFAR-10 PNGs into ``<directory>/<class>/<file>.png``.

    ``directory`` must be new or empty (nothing in it is ever overwritten); by
    default a fresh temporary folder is made. Every PNG is checked against its
    sha256 before it is copied. Returns the folder, ready for
    ``keras.utils.image_dataset_from_directory``.

    Example::

        >>> folder = kt.image_folder()
        >>> sorted(p.name for p in folder.iterdir())[:3]
        ['airplane', 'automobile', 'bird']
        >>> ds = keras.utils.image_dataset_from_directory(folder, image_size=(32, 32))
        Found 200 files belonging to 10 classes.
    """
    if directory is None:
        folder = Path(tempfile.mkdtemp(prefix="kerastour-cifar10-"))
    else:
        folder = Path(directory).expanduser()
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(f"{folder} is a file; pass a new or empty folder, or nothing for a temporary one.")
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(
                f"{folder} is not empty; image_folder never overwrites files. "
                "Pass a new or empty folder, or nothing for a temporary one."
            )
    class_names = _cifar10_class_names()
    rows = _labelled_pngs()
    unknown = sorted({label for _, label in rows} - set(class_names))
    if unknown:
        raise DataFileError(f"trainLabels.csv names classes CIFAR-10 does not have: {unknown}. Reinstall kerastour_helpers.")
    for name in class_names:
        (folder / name).mkdir(parents=True, exist_ok=True)
    for file_name, label in rows:
        shutil.copyfile(shipped_file(f"{CIFAR10_PNGS}/train/{file_name}"), folder / label / file_name)
    return folder
