"""``dataset_picker()``: choose a dataset (and an image set's class); see its facts and a preview by ``kind``."""

import functools

import numpy as np
import pandas as pd

from ..datasets.load import dataset_info, list_datasets, load_dataset, load_word_index
from ..figures.datasets import histogram, image_grid
from ..datasets.text import decode_words
from ..display import Preformatted, as_names
from .pickers import picker

ALL_CLASSES = "(all classes)"
_load = functools.cache(functools.partial(load_dataset, banner=False))  # view() shows the banner itself


def class_choices(name: str) -> list:
    """The class dropdown's options: all classes, then each class for image datasets."""
    info = dataset_info(name)
    return [ALL_CLASSES] + (list(info.class_names) if info.kind == "image" else [])


def view(dataset: str, cls: str = ALL_CLASSES) -> list:
    """What the picker shows for one choice: banner (if any), facts, and a preview by ``kind``.
    Example: ``kt.widgets.dataset_picker.view("cifar10", "frog")``"""
    info = dataset_info(dataset)
    if cls not in class_choices(dataset):
        raise ValueError(f"{cls!r} is not a class of {dataset} to choose. Choose one of: {', '.join(info.class_names)}.")
    (x_train, y_train), _ = data = _load(dataset)
    shown = [] if data.source == "keras" else [data.banner]
    shown.append(pd.DataFrame(info.as_rows(), columns=["", info.title]).set_index(""))  # the facts
    if info.kind == "image":
        index = None if cls == ALL_CLASSES else info.class_names.index(cls)
        what = "one or two of each class" if index is None else f"class {cls!r}"
        return shown + [image_grid(x_train, y_train, info.class_names, cls=index, title=f"{info.title}: {what}")]
    if info.kind == "table":
        frame = pd.DataFrame(x_train, columns=list(info.extra["feature_names"])).assign(target=y_train)
        return shown + [frame.head(), histogram(y_train, "target", title=f"{info.title}: the target (training set)")]
    words = load_word_index(info.name)
    for label in range(2):
        first = int(np.flatnonzero(np.asarray(y_train) == label)[0])
        text = decode_words(x_train[first], words)[:400]
        shown.append(Preformatted(f"x_train[{first}], label {label} ({info.class_names[label]}): {text}"))
    return shown + [histogram([len(s) for s in x_train], "tokens per example", title=f"{info.title}: lengths (training set)")]


def dataset_picker(datasets=None, default: str | None = "mnist"):
    """Draw ``default``, then return the picker of dataset (of ``datasets``; all eight, MNIST first) and
    class. Example: ``kt.dataset_picker(["reuters", "imdb"], default="imdb")``"""
    names = [dataset_info(name).name for name in as_names(datasets or list_datasets())]  # checks them
    names.sort(key=lambda name: name != default)  # a dropdown starts at its first option
    follow = {"dataset": ("cls", class_choices)}  # a new dataset offers its own classes
    return picker(view, {"cls": "class"}, follow, dataset=names, cls=class_choices(names[0]))
