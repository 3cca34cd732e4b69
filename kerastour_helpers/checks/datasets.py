"""Exercises of the datasets chapter: each answer is recomputed from the reader's own objects."""

import numpy as np

from ..datasets.load import load_dataset
from ..datasets.registry import REUTERS_TOPICS
from . import Exercise

TARGET_ACCURACY = 0.985


def _survivors(x_train, maxlen):
    """How many sequences Keras's ``maxlen=`` keeps: those *shorter* than maxlen (start token included)."""
    if isinstance(maxlen, bool) or not isinstance(maxlen, (int, np.integer)) or maxlen < 1:
        raise ValueError(f"maxlen must be a whole number of 1 or more, e.g. maxlen=20; got {maxlen!r}.")
    return int(sum(len(sequence) < maxlen for sequence in x_train))


def _topic_count(y_train, topic):
    if topic not in REUTERS_TOPICS:
        raise ValueError(f"{topic!r} is not a Reuters topic. Topics: {', '.join(REUTERS_TOPICS)}.")
    return int(np.sum(np.asarray(y_train).reshape(-1) == REUTERS_TOPICS.index(topic)))


def _mnist_accuracy(model):
    """Evaluate the reader's model on the real 10,000-digit MNIST test set, loaded here."""
    _, (x_test, y_test) = load_dataset("mnist", banner=False)
    shape = tuple(model.input_shape[1:])
    if shape not in {(28, 28), (28, 28, 1)}:
        return False, f"Your model takes inputs of shape {shape}; MNIST images are (28, 28) or (28, 28, 1)."
    scores = np.asarray(model.predict(x_test.reshape((-1, *shape)), batch_size=1000, verbose=0))
    if scores.shape != (len(y_test), 10):
        return False, f"Your model gives {scores.shape[1:]} per image; it needs 10 scores, one per digit."
    accuracy = float(np.mean(scores.argmax(axis=1) == y_test))
    said = f"{100 * accuracy:.2f} % on the real 10,000-digit test set"
    ok = accuracy >= TARGET_ACCURACY
    return ok, f"{said}: well done." if ok else f"{said}; the target is {100 * TARGET_ACCURACY:.1f} %."


def _lowest_val_loss_epoch(history):
    """The epoch (from 1) of the lowest ``val_loss``, once two later epochs show it rising; else None."""
    losses = getattr(history, "history", {}).get("val_loss")
    if not losses:
        raise ValueError("Pass the History that your `fit` returned (history=my_history), "
                         "from a fit with `validation_split=0.2`.")
    best = int(np.argmin(losses))
    return best + 1 if len(losses) >= best + 3 else None


EXERCISES = {
    "maxlen_survivors": Exercise(
        "How many of your training sequences would `load_data(maxlen=...)` keep?",
        "Keras keeps a sequence only if `len(sequence) < maxlen` (strictly shorter), and the length "
        "counts the start token; it drops the others instead of truncating them.",
        solve=_survivors),
    "topic_count": Exercise(
        "How many of your training newswires have a given topic?",
        "`keras.datasets.reuters.get_label_names()` gives the topics in label order: find the topic's "
        "index there, then count that label in `y_train`.",
        solve=_topic_count),
    "mnist_accuracy": Exercise(
        "Make the MNIST model reach 98.5 % on the real 10,000-digit test set.",
        "Train longer (more epochs), widen the convolutions (`width=16`), or use the learning rate "
        "and its cosine decay of the chapter's own training cell, which reaches the target.",
        verify=_mnist_accuracy),
    "overfit_epoch": Exercise(
        "After which epoch (counted from 1) is your validation loss lowest?",
        "Train long enough (`epochs=20`) to see `val_loss` rise for two epochs after its lowest value; "
        "that epoch is `np.argmin(my_history.history[\"val_loss\"]) + 1`.",
        solve=_lowest_val_loss_epoch),
}
