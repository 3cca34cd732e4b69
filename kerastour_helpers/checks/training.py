"""Exercises of the training chapter: each answer is recomputed from the reader's own objects."""

import numbers
from pathlib import Path

import keras
import numpy as np

from . import Exercise, fitted, layers


def _values(history, key):  # the values of key in the reader's History (fitted said it is one), one per epoch
    if key not in history.history:
        raise ValueError(f"This history has no {key!r}: compile with metrics=['accuracy'] and pass validation_data to fit.")
    return history.history[key]


def stop_at_accuracy(callback, history, x_val, y_val, target):
    """Epochs ``fit`` ran, if the reader's own ``callback`` stopped it at the first epoch whose ``val_accuracy >= target``."""
    if isinstance(target, bool) or not isinstance(target, numbers.Real) or not target >= 0:  # nan too
        error = ValueError if isinstance(target, numbers.Real) and not isinstance(target, bool) else TypeError
        raise error(f"target= is the val_accuracy to stop at, a number from 0 to 1 (target=0.9), not {target!r}.")
    base = keras.callbacks.Callback  # none of the callback's classes but this one may be Keras's (EarlyStopping, ...)
    if not isinstance(callback, base) or any(c.__module__.startswith("keras") for c in type(callback).__mro__ if c is not base):
        raise TypeError(f"callback= is your own keras.callbacks.Callback subclass (StopAtAccuracy), not {type(callback).__name__}.")
    trained = fitted(getattr(history, "model", None), history, x_val, y_val) is not None and callback.model is history.model
    values = _values(history, "val_accuracy")
    first = next((epoch + 1 for epoch, value in enumerate(values) if value >= target), None)  # None: fit ran out
    return first if trained and first == len(values) < history.params["epochs"] and history.model.stop_training else None


def restore_best(model, history, x_val, y_val, patience=None):
    """``model``'s val_loss minus the best epoch's (3 decimals), if EarlyStopping stopped it (``patience`` after), leaving its last weights."""
    now, values = fitted(model, history, x_val, y_val), _values(history, "val_loss")
    if now is not None and model.stop_training and np.isclose(now, values[-1], rtol=1e-4) and patience in (
            None, len(values) - 1 - int(np.argmin(values))):
        return round(now - min(values), 3)


def layout_keys(layout_map, model):
    """How many variables ``layout_map`` shards, if each Dense kernel's last axis goes to ``"model"``; else None."""
    if not isinstance(layout_map, keras.distribution.LayoutMap):
        raise TypeError(f"Pass a keras.distribution.LayoutMap as layout_map=..., not {type(layout_map).__name__}.")
    kernels = {dense.kernel.path for dense in layers(model, kind="Dense")}
    try:  # Keras's own rule: re.fullmatch on the whole path; ValueError: two keys match the same path
        found = [(variable, tuple(getattr(layout_map[variable.path], "axes", None) or ())) for variable in model.weights]
    except ValueError:
        return None  # below: one axis per dimension (a bias's layout is 1-D), and each Dense kernel's (None, "model")
    if all(len(axes) in (0, len(v.shape)) and (v.path not in kernels or axes == (None, "model")) for v, axes in found):
        return sum(any(axis is not None for axis in axes) for _, axes in found)


def image_files(dataset, folder):
    """Images one pass over ``dataset`` yields, if each PNG of ``folder`` comes once, (32, 32, 3) 0-255, with its class."""
    if not (folder := Path(folder)).is_dir():
        raise ValueError(f"{folder} is not a folder: pass folder=image_dir.")
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    expected = sorted((classes.index(png.parent.name), keras.utils.img_to_array(keras.utils.load_img(png)).sum()) for png in folder.glob("*/*.png"))
    try:  # __len__ or __getitem__ may still return ... (None), or something other than (x, y)
        batches = [[np.asarray(part, np.float64) for part in dataset[i]] for i in range(len(dataset))]
        got = sorted((label, image.sum()) for x, y in batches if x.shape[1:] == (32, 32, 3) for image, label in zip(x, y.reshape(-1)))
    except (TypeError, ValueError):
        return None
    return len(got) if len(got) == len(expected) and np.allclose(got, expected, rtol=1e-6) else None


EXERCISES = {
    "stop_at_accuracy": Exercise(
        "How many epochs did `fit` run with your `StopAtAccuracy` callback?",
        "In `on_epoch_end`, set `self.model.stop_training = True` when `logs['val_accuracy'] >= target`; fit with it, then answer "
        "`len(history.epoch)`, passing `callback=` the one `fit` ran with (no epoch reaches the target? lower `target`).", solve=stop_at_accuracy),
    "restore_best": Exercise(
        "How much higher is the val_loss of the weights `fit` ended with than the best epoch's (3 decimals)?",
        "Fit with `EarlyStopping(monitor='val_loss', patience=4, restore_best_weights=False)` until it stops, then answer "
        "`round(model.evaluate(x_val, y_val, verbose=0)[0] - min(history.history['val_loss']), 3)`.", solve=restore_best),
    "longer_patience": Exercise(
        "With `patience=8`, how much higher is the val_loss of the weights `fit` ended with than the best epoch's (3 decimals)?",
        "Fit again from `keras.utils.set_random_seed(42)` with `patience=8` (still `restore_best_weights=False`), then compute the gap "
        "as in the first part.", solve=lambda model, history, x_val, y_val: restore_best(model, history, x_val, y_val, patience=8)),
    "layout_keys": Exercise(
        "How many of `exercise_model`'s variables does your `exercise_layout` shard?",
        "Print `[v.path for v in exercise_model.weights]`: a key must match the whole path (Keras 3.15 uses `re.fullmatch`), e.g. "
        "`exercise/encoder/kernel`; each Dense kernel needs `(None, 'model')`, and a bias, if a key matches it, a 1-D layout.", solve=layout_keys),
    "image_files": Exercise(
        "How many images does one pass over your `ImageFiles` dataset yield?",
        "`__len__`: `math.ceil(len(self.files) / self.batch_size)` (keep the last, smaller batch); `__getitem__(i)`: files `i * batch_size` to "
        "`(i + 1) * batch_size` as `keras.utils.img_to_array(keras.utils.load_img(path))`, `self.classes.index(path.parent.name)`.", solve=image_files),
}
