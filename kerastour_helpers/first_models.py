"""A first model for each dataset of the tour, small enough for a laptop CPU.

The recipes are data (``RECIPES``): which inputs a dataset needs, which model
to build, how long to train it and which score to report. The datasets chapter
and ``benchmarks/mnist_offline.py`` use the same code, so the benchmark times
exactly what the chapter trains.

Keras is imported inside the functions, never when this module is imported.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from .datasets import dataset_info


# ----------------------------------------------------------------------------- inputs


def multi_hot(sequences, num_words: int, dtype="uint8") -> np.ndarray:
    """Bag of words: row i has a 1 at every word index that occurs in ``sequences[i]``.

    Indices at or above ``num_words`` are ignored (load the data with
    ``num_words=`` to keep them below it). uint8 keeps the full IMDB (25,000
    reviews x 10,000 words) at 250 MB; the model turns each batch into floats.
    """
    if num_words < 1:
        raise ValueError(f"num_words must be at least 1, got {num_words}.")
    out = np.zeros((len(sequences), num_words), dtype=dtype)
    for row, seq in enumerate(sequences):
        idx = np.asarray(seq, dtype=np.int64)
        out[row, idx[(idx >= 0) & (idx < num_words)]] = 1.0
    return out


def standardize(x_train, x_test):
    """Scale each feature to mean 0 and std 1 with the *training* set's statistics."""
    x_train = np.asarray(x_train, dtype="float32")
    x_test = np.asarray(x_test, dtype="float32")
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    std[std == 0] = 1.0
    return (x_train - mean) / std, (x_test - mean) / std


def as_images(x) -> np.ndarray:
    """Images as ``(n, height, width, channels)``; grayscale gets a channel axis. Pixels stay 0-255."""
    x = np.asarray(x)
    return x[..., None] if x.ndim == 3 else x


# ----------------------------------------------------------------------------- models


def small_convnet(input_shape, num_classes: int, width: int = 16, shift: float = 0.1, dropout: float = 0.3):
    """A small convnet: random shifts, three conv/batch-norm blocks, a dense softmax.

    Pixels go in as 0-255 (the model rescales them). ``shift`` is the largest
    random translation during training, as a fraction of the image size (0 turns
    augmentation off); at test time the images are used as they are.
    """
    import keras
    from keras import layers

    def block(h, filters, padding="same", pool=True):
        h = layers.Conv2D(filters, 3, padding=padding, use_bias=False)(h)
        # momentum 0.9: the statistics settle within a few hundred steps
        h = layers.BatchNormalization(momentum=0.9)(h)
        h = layers.ReLU()(h)
        return layers.MaxPooling2D()(h) if pool else h

    inputs = keras.Input(shape=tuple(input_shape))
    h = layers.Rescaling(1 / 255)(inputs)
    if shift:
        h = layers.RandomTranslation(shift, shift, fill_mode="constant")(h)
    h = block(h, width)
    h = block(h, 2 * width)
    h = block(h, 4 * width, padding="valid", pool=False)
    h = layers.Flatten()(h)
    h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(num_classes, activation="softmax")(h)
    return keras.Model(inputs, outputs, name="small_convnet")


def bag_of_words_mlp(num_words: int, num_classes: int, hidden: int = 32, dropout: float = 0.5):
    """Multi-hot words in, one hidden layer, sigmoid (2 classes) or softmax out."""
    import keras
    from keras import layers

    binary = num_classes == 2
    return keras.Sequential(
        [
            keras.Input(shape=(num_words,)),
            layers.Dense(hidden, activation="relu"),
            layers.Dropout(dropout),
            layers.Dense(1 if binary else num_classes, activation="sigmoid" if binary else "softmax"),
        ],
        name="bag_of_words_mlp",
    )


def regression_mlp(num_features: int, hidden: int = 32):
    """Two small hidden layers and one linear output: a price."""
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=(num_features,)),
            layers.Dense(hidden, activation="relu"),
            layers.Dense(hidden, activation="relu"),
            layers.Dense(1),
        ],
        name="regression_mlp",
    )


# ----------------------------------------------------------------------------- recipes


@dataclass(frozen=True)
class Recipe:
    """How the chapter trains its first model on one dataset."""

    kind: str  # "regression", "text" or "image"
    epochs: int
    batch_size: int
    learning_rate: float
    num_words: int | None = None  # text sets: vocabulary of the bag of words
    step_budget_examples: int | None = None  # images: train on about this many examples in all
    cosine: bool = False  # decay the learning rate to 0 along a cosine
    shift: float = 0.0  # images: random shifts while training (a fraction of the size)

    def epochs_for(self, n_train: int) -> int:
        """Epochs for a training set of ``n_train`` examples.

        With a budget, training sees about ``step_budget_examples`` examples, but never less
        than one epoch nor more than ``epochs``: MNIST's budget of 40,000 gives 8 epochs of the
        5,000 offline digits (40,000 examples) and 1 epoch of the full 60,000 (60,000 examples).
        """
        if self.step_budget_examples is None:
            return self.epochs
        return max(1, min(self.epochs, math.ceil(self.step_budget_examples / max(n_train, 1))))


RECIPES = {
    "boston_housing": Recipe("regression", epochs=30, batch_size=64, learning_rate=2e-2),
    "imdb": Recipe("text", epochs=3, batch_size=128, learning_rate=1e-3, num_words=10_000),
    "reuters": Recipe("text", epochs=3, batch_size=128, learning_rate=2e-3, num_words=10_000),
    "mnist": Recipe("image", epochs=8, batch_size=128, learning_rate=5e-3, step_budget_examples=40_000, cosine=True, shift=0.1),
    "fashion_mnist": Recipe("image", epochs=1, batch_size=128, learning_rate=5e-3, cosine=True),
    "cifar10": Recipe("image", epochs=3, batch_size=32, learning_rate=3e-3, step_budget_examples=50_000, cosine=True),
    "cifar100": Recipe("image", epochs=1, batch_size=128, learning_rate=5e-3, cosine=True),
}


def recipe(name: str) -> Recipe:
    dataset_info(name)  # a clear error for an unknown name
    return RECIPES[name]


def prepare(name: str, data):
    """Turn loaded data into model inputs: ``(x_train, y_train), (x_test, y_test)``."""
    r = recipe(name)
    (x_train, y_train), (x_test, y_test) = data
    if r.kind == "regression":
        x_train, x_test = standardize(x_train, x_test)
    elif r.kind == "text":
        x_train, x_test = multi_hot(x_train, r.num_words), multi_hot(x_test, r.num_words)
    else:
        x_train, x_test = as_images(x_train), as_images(x_test)
    y_train, y_test = (np.asarray(y).reshape(len(y), -1).squeeze(-1) for y in (y_train, y_test))
    if r.kind == "regression":
        y_train, y_test = y_train.astype("float32"), y_test.astype("float32")
    return (x_train, y_train), (x_test, y_test)


def build_model(name: str, x_train, num_classes: int | None = None):
    """The first model for ``name``, sized from its prepared training inputs."""
    r = recipe(name)
    info = dataset_info(name)
    if r.kind == "regression":
        return regression_mlp(x_train.shape[1])
    classes = num_classes or info.num_classes
    if r.kind == "text":
        return bag_of_words_mlp(r.num_words, classes)
    return small_convnet(x_train.shape[1:], classes, shift=r.shift)


def compile_model(name: str, model, n_train: int):
    import keras

    r = recipe(name)
    lr = r.learning_rate
    if r.cosine:
        steps = r.epochs_for(n_train) * math.ceil(n_train / r.batch_size)
        lr = keras.optimizers.schedules.CosineDecay(r.learning_rate, decay_steps=steps)
    if r.kind == "regression":
        loss, metrics = "mse", ["mae"]
    elif model.output_shape[-1] == 1:
        loss, metrics = "binary_crossentropy", ["accuracy"]
    else:
        loss, metrics = "sparse_categorical_crossentropy", ["accuracy"]
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=loss, metrics=metrics)
    return model


@dataclass
class FirstModelResult:
    """What training a first model gave: the score, and the conditions it was measured in."""

    name: str
    source: str
    metric: str
    score: float
    train_seconds: float
    epochs: int
    n_train: int
    n_test: int
    cpu_seconds: float = float("nan")  # CPU time of all threads during fit (robust to a busy machine)
    model: object = None
    history: dict | None = None

    @property
    def score_text(self) -> str:
        if self.metric == "accuracy":
            return f"test accuracy {100 * self.score:.2f} %"
        return f"test mean absolute error {self.score:.2f} k$"

    @property
    def data_label(self) -> str:
        """What the score was measured on, in brackets, to lead the result line."""
        return {
            "keras": "[real data]",
            "offline-subset": "[REAL OFFLINE SUBSET]",
            "synthetic": "[SYNTHETIC STAND-IN: says nothing about the real dataset]",
        }[self.source]

    @property
    def data_text(self) -> str:
        info = dataset_info(self.name)
        return (
            f"trained on {self.n_train:,} of {info.train_size:,} training examples, "
            f"tested on {self.n_test:,} of {info.test_size:,}"
        )

    def __str__(self):
        return (
            f"{self.data_label} {dataset_info(self.name).title}: {self.score_text} "
            f"({self.epochs} epoch{'s' * (self.epochs != 1)}, {self.train_seconds:.1f} s of training); "
            f"{self.data_text}."
        )

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def train_first_model(name: str, data, *, seed: int = 42, verbose: int = 0, num_classes: int | None = None):
    """Prepare the data, build, train and test the first model for ``name``.

    ``data`` is what :func:`kerastour_helpers.load_dataset` returned (its
    ``.source`` goes into the result, so that the score is never passed off
    as one on real data). Training time is measured around ``fit`` only.
    """
    import keras

    r = recipe(name)
    (x_train, y_train), (x_test, y_test) = prepare(name, data)
    keras.utils.set_random_seed(seed)
    model = build_model(name, x_train, num_classes)
    compile_model(name, model, len(x_train))
    epochs = r.epochs_for(len(x_train))
    start, cpu_start = time.perf_counter(), time.process_time()
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=r.batch_size, verbose=verbose)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    scores = model.evaluate(x_test, y_test, batch_size=1000, verbose=0, return_dict=True)
    metric = "mae" if r.kind == "regression" else "accuracy"
    return FirstModelResult(
        name=name,
        source=getattr(data, "source", "keras"),
        metric="mean absolute error" if metric == "mae" else "accuracy",
        score=float(scores[metric]),
        train_seconds=seconds,
        epochs=epochs,
        n_train=len(x_train),
        n_test=len(x_test),
        cpu_seconds=cpu_seconds,
        model=model,
        history=history.history,
    )


def results_table(results):
    """The first models side by side: score, data source and training time (a pandas table)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "dataset": r.name,
                "score": r.score_text.replace("test ", ""),
                "data": r.source,
                "train / test examples": f"{r.n_train:,} / {r.n_test:,}",
                "epochs": r.epochs,
                "training (s)": round(r.train_seconds, 1),
            }
            for r in results
        ]
    ).set_index("dataset")
