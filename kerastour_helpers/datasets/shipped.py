"""The real data Keras Tour ships, read without Keras, in the form Keras's loaders return: one function per
registry entry that names it (``Offline.read``), taking the loader's keyword arguments. Every file is checked
against its sha256, parsed once per session, and every call returns new arrays that the caller owns."""

import copy
import csv
import functools
import gzip
import json
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np

from ..cache import shipped_file
from .registry import DATASETS
from .standins import cifar100_standin  # noqa: F401  (the one made-up reader)
from .text import prepare_sequences


def _parsed_once(read):
    """Parse once; hand out copies, so that a caller who shuffles x in place does not change the next load."""
    cached = functools.cache(read)
    fresh = functools.wraps(read)(lambda: copy.deepcopy(cached()))
    fresh.cache_clear = cached.cache_clear
    return fresh


def read_idx(relative: str) -> np.ndarray:
    """Read a gzipped IDX file (the MNIST format) shipped with Keras Tour."""
    raw = gzip.decompress(shipped_file(relative).read_bytes())
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(raw[3])]  # byte 3: how many dimensions
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * len(dims)).reshape(dims).copy()


def _csv_images(relative: str, label_first: bool, skip_header: bool):
    with gzip.open(shipped_file(relative), "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.uint8, skiprows=int(skip_header))
    labels, pixels = (table[:, 0], table[:, 1:]) if label_first else (table[:, -1], table[:, :-1])
    return pixels.reshape(-1, 28, 28), labels


@_parsed_once
def mnist():
    """5,000 real training digits (500 per class) and the real 10,000-digit test set."""
    x_train, y_train = _csv_images("mnist/mnist_5k.csv.gz", label_first=False, skip_header=False)
    # The file is sorted by label: shuffle once (seed 0) so a validation split from the end holds every digit.
    order = np.random.RandomState(0).permutation(len(x_train))
    x_test, y_test = read_idx("mnist/t10k-images-idx3-ubyte.gz"), read_idx("mnist/t10k-labels-idx1-ubyte.gz")
    return (x_train[order], y_train[order]), (x_test, y_test)


@_parsed_once
def fashion_mnist():
    """The first 1,000 real Fashion-MNIST test images with their labels, split 800 / 200."""
    x, y = _csv_images("fashion_mnist/fashion-mnist_test_first1000.csv.gz", label_first=True, skip_header=True)
    return (x[:800], y[:800]), (x[800:], y[800:])


def cifar10_pngs() -> list:
    """``(path, class name)`` of the 200 shipped CIFAR-10 PNGs, in their original order, each checked."""
    with open(shipped_file("cifar10/kaggle_train_first200/trainLabels.csv"), newline="") as f:
        # Rows read "1.png,frog": the image file, then its class name.
        rows = sorted((int(name.split(".")[0]), label) for name, label in csv.reader(f) if name[0].isdigit())
    return [(shipped_file(f"cifar10/kaggle_train_first200/train/{i}.png"), label) for i, label in rows]


@_parsed_once
def cifar10():
    """The first 200 real CIFAR-10 training images, in their original order, split 160 / 40."""
    from PIL import Image

    images, labels = [], []
    for path, label in cifar10_pngs():
        with Image.open(path) as im:
            images.append(np.asarray(im.convert("RGB"), dtype=np.uint8))
        labels.append(DATASETS["cifar10"].class_names.index(label))
    x, y = np.stack(images), np.asarray(labels, dtype=np.uint8).reshape(-1, 1)
    return (x[:160], y[:160]), (x[160:], y[160:])


@functools.cache
def _california_rows():
    with np.load(shipped_file("california_housing/california_housing_rows.npz"), allow_pickle=False) as f:
        return np.concatenate([f["data_train"], f["data_test"]]), np.concatenate([f["target_train"], f["target_test"]])


def california_housing(version="large", test_split=0.2, seed=113):
    """All 20,640 real rows, split with Keras's own rules (but from another row order than Keras's file)."""
    x, y = (rows[: 600 if version == "small" else None] for rows in _california_rows())
    indices = np.random.RandomState(seed).permutation(len(x))  # Keras's shuffle of np.arange(len(x))
    x, y = x[indices], y[indices]
    cut = int(len(x) * (1 - test_split))
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])


TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


@functools.cache
def _imdb_sentences():
    """The 1,000 sentences as word ranks of Keras's IMDB word index (``None``: not in the index)."""
    word_index = json.loads(shipped_file("imdb/imdb_word_index.json").read_text())  # Keras's file, byte for byte
    text = shipped_file("imdb/imdb_labelled.txt").read_text(encoding="utf-8")
    rows = [line.rsplit("\t", 1) for line in text.split("\n") if line.strip()]
    ranks = [[word_index.get(token) for token in TOKEN.findall(sentence.lower())] for sentence, _ in rows]
    labels = np.array([int(label) for _, label in rows], dtype=np.int64)
    order = np.random.RandomState(0).permutation(len(rows))
    ranks, labels = [ranks[i] for i in order], labels[order]
    return (ranks[:500], labels[:500]), (ranks[500:], labels[500:])


def imdb_sentences(**kwargs):
    """1,000 real IMDB review sentences, encoded with Keras's IMDB word index by Keras's rules."""
    return prepare_sequences(*_imdb_sentences(), **kwargs)


def image_folder(directory=None) -> Path:
    """Write the 200 shipped CIFAR-10 PNGs into ``<directory>/<class>/<file>.png``, the layout
    ``keras.utils.image_dataset_from_directory`` reads; a new temporary folder by default, else a new or
    empty one (nothing is overwritten): ``image_dataset_from_directory(kt.image_folder(), image_size=(32, 32))``."""
    if directory is None:
        folder = Path(tempfile.mkdtemp(prefix="kerastour-cifar10-"))
    else:
        folder = Path(directory).expanduser()
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(f"{folder} is a file; pass a new or empty folder, or nothing for a temporary one.")
        if folder.exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} is not empty; image_folder never overwrites files. Pass a new or empty "
                                  "folder, or nothing for a temporary one.")
    for name in DATASETS["cifar10"].class_names:
        (folder / name).mkdir(parents=True, exist_ok=True)
    for path, label in cifar10_pngs():
        shutil.copyfile(path, folder / label / path.name)
    return folder
