"""Exercises of the datasets chapter: each answer is recomputed from the reader's own objects."""

import gc

import numpy as np

from ..datasets.load import load_dataset
from . import Exercise, fitted

TARGET_ACCURACY, FIT, PAGE_MAXLEN = 0.97, 4_000, 20  # the page's recipe as train() clears it (about 98 %)


def _survivors(x_train, maxlen):
    """How many sequences Keras's ``maxlen=`` keeps (those *shorter*, start token included), for a maxlen of the reader's."""
    kept = int(sum(len(sequence) < maxlen for sequence in x_train))
    return kept if 0 < kept < len(x_train) and maxlen != PAGE_MAXLEN else None  # it must drop some, keep some


def _mnist_accuracy(train):
    """Run ``train(x, y) -> model`` on FIT digits picked at random; it must fit a new model once on exactly those."""
    import keras
    (x, y), _ = load_dataset("mnist", banner=False)
    given, held = np.split(np.random.default_rng().permutation(len(x)), [FIT])  # a new draw each time
    before = [each for each in gc.get_objects() if isinstance(each, keras.Model)]  # kept: no new model takes their ids
    model = train(x[given], y[given])
    counted = [int(keras.ops.convert_to_numpy(m.count)) for m in getattr(model, "metrics", []) if m.name == "loss"]
    if any(model is each for each in before) or counted != [FIT] or fitted(model, model.history, x[held], y[held]) is None:
        return False, "Your train() must build a new model, fit it once on all its x, y (no validation_split), return it."
    scores = model.predict(x[held], batch_size=len(held), verbose=0)  # Keras adds a channel axis where the model has one
    accuracy = float(np.mean(np.argmax(scores, axis=1) == y[held]))
    return accuracy >= TARGET_ACCURACY, f"{accuracy:.1%} on {len(held):,} digits your train() never saw (it got {FIT:,})."


def _overfit_epoch(model, history, x_val, y_val):
    """The epoch (from 1) of the lowest val_loss of the reader's one fit, once it has risen for two epochs after it."""
    now, losses = fitted(model, history, x_val, y_val), history.history.get("val_loss") or [np.nan]
    if now is not None and np.isclose(now, losses[-1], rtol=1e-3):  # its one fit, validated on these very arrays
        return best if (best := losses.index(min(losses)) + 1) + 1 < len(losses) else None


EXERCISES = {
    "maxlen_survivors": Exercise(
        "For a maxlen of your own (not 20) that keeps some texts and drops others: how many would it keep?",
        "Keras keeps a sequence only if `len(sequence) < maxlen` (start token counted); it drops the rest.", solve=_survivors),
    "mnist_accuracy": Exercise(
        "Write `train(x, y)` that builds, fits and returns a new model reaching 97 % on 1,000 digits it never saw.",
        "Train longer on `shifted_digits(x, y)`, wider (`width=16`), or with the page's recipe.", verify=_mnist_accuracy),
    "overfit_epoch": Exercise(  # never right until val_loss has risen for two epochs after its lowest value
        "After which epoch (counted from 1) is your validation loss lowest?",
        "Train long enough (`epochs=20`) to see `val_loss` rise for two epochs after its lowest value.", solve=_overfit_epoch),
}
