"""Exercises of the datasets chapter: each answer is recomputed from the reader's own objects."""

import numpy as np

from ..datasets.load import load_dataset
from . import Exercise
from .architecture import best_epoch

TARGET_ACCURACY, FIT, HELD_OUT = 0.97, 4_000, 1_000  # the page's recipe as train(): 98.0, 98.4, 98.2 % (seeds 0-2)


def _survivors(x_train, maxlen):
    """How many sequences Keras's ``maxlen=`` keeps: those *shorter* than maxlen (start token included)."""
    if isinstance(maxlen, bool) or not isinstance(maxlen, (int, np.integer)) or maxlen < 1:
        raise ValueError(f"maxlen must be a whole number of 1 or more, e.g. maxlen=20; got {maxlen!r}.")
    return int(sum(len(sequence) < maxlen for sequence in x_train)) if len(x_train) else None  # nothing loaded: not yet


def _mnist_accuracy(train):
    """Run the reader's recipe ``train(x, y) -> model`` on the first FIT training digits; score the last HELD_OUT."""
    if not hasattr(train, "__code__"):
        return False, "Pass your recipe, a function that trains a model on the digits it is given: train=train."
    if images := [n for n in train.__code__.co_names  # the page's images, or a loader: both hold the scored digits
                  if n in ("load_dataset", "load_data") or getattr(train.__globals__.get(n), "ndim", 0) in range(3, 9)]:
        return False, f"Your train() reads {', '.join(images)} (it holds the scored digits): train on its x, y only."
    (x, y), _ = load_dataset("mnist", banner=False)
    model, (x_held, y_held) = train(x[:FIT].copy(), y[:FIT].copy()), (x[-HELD_OUT:], y[-HELD_OUT:])
    shape = tuple(model.input_shape[1:])
    if shape not in {(28, 28), (28, 28, 1)}:
        return False, f"Your model takes inputs of shape {shape}; MNIST images are (28, 28) or (28, 28, 1)."
    scores = np.asarray(model.predict(x_held.reshape((-1, *shape)), batch_size=HELD_OUT, verbose=0))
    if scores.shape != (len(y_held), 10):
        return False, f"Your model gives {scores.shape[1:]} per image; it needs 10 scores, one per digit."
    accuracy = float(np.mean(scores.argmax(axis=1) == y_held))
    return accuracy >= TARGET_ACCURACY, (f"{accuracy:.1%} on the last {HELD_OUT:,} training digits; "
                                         f"your train() saw only the first {FIT:,}.")


EXERCISES = {
    "maxlen_survivors": Exercise(
        "How many of your training sequences would `load_data(maxlen=...)` keep?",
        "Keras keeps a sequence only if `len(sequence) < maxlen` (strictly shorter), and the length "
        "counts the start token; it drops the others instead of truncating them.", solve=_survivors),
    "mnist_accuracy": Exercise(
        "Write a recipe `train(x, y)` that returns a model reaching 97 % on the last 1,000 training digits, "
        "when the check trains it on the first 4,000 only.",
        "Train longer on the shifted digits (`shifted_digits(x, y)`), widen the convolutions (`width=16`), "
        "or use the page's recipe (learning rate, cosine decay) on `x, y`.", verify=_mnist_accuracy),
    "overfit_epoch": Exercise(  # never right until val_loss has risen for two epochs after its lowest value
        "After which epoch (counted from 1) is your validation loss lowest?",
        "Train long enough (`epochs=20`) to see `val_loss` rise for two epochs after its lowest value.",
        solve=lambda history: best if (best := best_epoch(history)) + 1 < len(history.history["val_loss"]) else None),
}
