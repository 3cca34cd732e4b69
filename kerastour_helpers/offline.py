"""Real data shipped with Keras Tour, read without Keras: the MNIST and CIFAR-10 subsets.

Every file is checked against its sha256 before it is parsed.
"""

from __future__ import annotations

import csv
import functools
import gzip

import numpy as np

from .files import DataFileError, shipped_file


def read_idx(relative: str) -> np.ndarray:
    """Read a gzipped IDX file (the MNIST format) shipped with Keras Tour."""
    path = shipped_file(relative)
    try:
        with gzip.open(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as err:
        raise DataFileError(f"{path} could not be read as gzip ({err}).") from err
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


@functools.lru_cache(maxsize=1)
def mnist_subset():
    """5,000 real training digits (500 per class) and the real 10,000-digit test set."""
    path = shipped_file("mnist/mnist_5k.csv.gz")
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.uint8)
    # The file is sorted by label; shuffle once, deterministically, so that a
    # validation split taken from the end holds every digit.
    order = np.random.RandomState(0).permutation(len(table))
    table = table[order]
    x_train = table[:, :784].reshape(-1, 28, 28)
    y_train = table[:, 784].copy()
    x_test = read_idx("mnist/t10k-images-idx3-ubyte.gz")
    y_test = read_idx("mnist/t10k-labels-idx1-ubyte.gz")
    return (np.ascontiguousarray(x_train), y_train), (x_test.copy(), y_test.copy())


@functools.lru_cache(maxsize=1)
def cifar10_subset(class_names: tuple, n_train: int = 160):
    """The first 200 real CIFAR-10 training images, split ``n_train`` / rest."""
    from PIL import Image

    labels_path = shipped_file("cifar10/kaggle_train_first200/trainLabels.csv")
    with open(labels_path, newline="") as f:
        # Rows read "1.png,frog": the image file, then its class name.
        rows = sorted((int(fname.split(".")[0]), label) for fname, label in csv.reader(f))
    images, labels = [], []
    for image_id, label in rows:
        png = shipped_file(f"cifar10/kaggle_train_first200/train/{image_id}.png")
        with Image.open(png) as im:
            images.append(np.asarray(im.convert("RGB"), dtype=np.uint8))
        labels.append(class_names.index(label))
    x = np.stack(images)
    y = np.asarray(labels, dtype=np.uint8).reshape(-1, 1)
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def real_labels(name: str):
    """The real label files Keras Tour ships (MNIST and Fashion-MNIST train/test labels)."""
    files = {
        "mnist": ("mnist/train-labels-idx1-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"),
        "fashion_mnist": (
            "fashion_mnist/train-labels-idx1-ubyte.gz",
            "fashion_mnist/t10k-labels-idx1-ubyte.gz",
        ),
    }
    if name not in files:
        raise ValueError(f"Real label files ship for {sorted(files)} only, not {name!r}.")
    return tuple(read_idx(f) for f in files[name])
