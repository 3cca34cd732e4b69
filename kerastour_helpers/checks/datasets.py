"""Exercises of the datasets chapter: each answer is recomputed from the reader's own objects."""

import numpy as np

from ..datasets.load import load_dataset
from . import Exercise
from .architecture import best_epoch

TARGET_ACCURACY, HELD_OUT = 0.97, 1_000  # the page's recipe on x_fit: 98.0, 97.9, 98.2 % (3 seeds)


def _survivors(x_train, maxlen):
    """How many sequences Keras's ``maxlen=`` keeps: those *shorter* than maxlen (start token included)."""
    if isinstance(maxlen, bool) or not isinstance(maxlen, (int, np.integer)) or maxlen < 1:
        raise ValueError(f"maxlen must be a whole number of 1 or more, e.g. maxlen=20; got {maxlen!r}.")
    return int(sum(len(sequence) < maxlen for sequence in x_train))


def _mnist_accuracy(model):
    """Evaluate the reader's model on the last HELD_OUT training digits, which the exercise trains without."""
    (x_held, y_held), _ = ((x[-HELD_OUT:], y[-HELD_OUT:]) for x, y in load_dataset("mnist", banner=False))
    shape = tuple(model.input_shape[1:])
    if shape not in {(28, 28), (28, 28, 1)}:
        return False, f"Your model takes inputs of shape {shape}; MNIST images are (28, 28) or (28, 28, 1)."
    scores = np.asarray(model.predict(x_held.reshape((-1, *shape)), batch_size=HELD_OUT, verbose=0))
    if scores.shape != (len(y_held), 10):
        return False, f"Your model gives {scores.shape[1:]} per image; it needs 10 scores, one per digit."
    accuracy = float(np.mean(scores.argmax(axis=1) == y_held))
    return accuracy >= TARGET_ACCURACY, f"{accuracy:.1%} on the last {HELD_OUT:,} training digits, which x_fit leaves out."


EXERCISES = {
    "maxlen_survivors": Exercise(
        "How many of your training sequences would `load_data(maxlen=...)` keep?",
        "Keras keeps a sequence only if `len(sequence) < maxlen` (strictly shorter), and the length "
        "counts the start token; it drops the others instead of truncating them.", solve=_survivors),
    "mnist_accuracy": Exercise(
        "Make the MNIST model reach 97 % on the last 1,000 training digits, which it trains without.",
        "Train longer on the shifted digits (`shifted_digits(x_fit, y_fit)`), widen the convolutions "
        "(`width=16`), or use the page's recipe (learning rate, cosine decay) on `x_fit, y_fit`, never on `x_train`, "
        "which holds the scored digits.", verify=_mnist_accuracy),
    "overfit_epoch": Exercise(  # never right until val_loss has risen for two epochs after its lowest value
        "After which epoch (counted from 1) is your validation loss lowest?",
        "Train long enough (`epochs=20`) to see `val_loss` rise for two epochs after its lowest value.",
        solve=lambda history: best if (best := best_epoch(history)) + 1 < len(history.history["val_loss"]) else None),
}
