"""Exercises of the training chapter: each answer is recomputed from the reader's own objects."""

import numbers
from pathlib import Path

import keras
import numpy as np

from . import Exercise, layers


def _values(history, key):  # the reader's History's values of key, one per epoch
    if not isinstance(history, keras.callbacks.History):
        raise TypeError(f"Pass the History that model.fit() returned (history=history), not {type(history).__name__}.")
    if key not in history.history:
        raise ValueError(f"This history has no {key!r} (it has {', '.join(history.history) or 'nothing'}): "
                         "compile with metrics=['accuracy'] and pass validation_data to fit.")
    return history.history[key]


def stop_at_accuracy(history, target):
    """Epochs ``fit`` ran, if a callback stopped it at the first epoch whose ``val_accuracy >= target``; else ``None``."""
    if isinstance(target, bool) or not isinstance(target, numbers.Real) or not target >= 0:  # nan too
        error = ValueError if isinstance(target, numbers.Real) and not isinstance(target, bool) else TypeError
        raise error(f"target= is the val_accuracy to stop at, a number from 0 to 1 (target=0.9), not {target!r}.")
    values = _values(history, "val_accuracy")
    first = next((epoch + 1 for epoch, value in enumerate(values) if value >= target), None)
    return first if first == len(values) and history.model.stop_training else None  # False when fit ran out


def restore_best(model, history, x_val, y_val):
    """``model``'s val_loss minus the best epoch's (3 decimals), if EarlyStopping stopped it, leaving its last weights."""
    values = _values(history, "val_loss")
    if history.model is not model:
        raise ValueError("Pass the model that this history trained (model=model, history=history).")
    now = float(np.atleast_1d(model.evaluate(x_val, y_val, verbose=0))[0])
    return round(now - min(values), 3) if model.stop_training and np.isclose(now, values[-1], rtol=1e-4) else None


def longer_patience(model, history, x_val, y_val):
    """:func:`restore_best`'s gap, if ``fit`` ran 8 epochs after its lowest ``val_loss`` (``patience=8``); else ``None``."""
    values = _values(history, "val_loss")
    return restore_best(model, history, x_val, y_val) if len(values) - 1 - int(np.argmin(values)) == 8 else None


def layout_keys(layout_map, model):
    """How many variables ``layout_map`` shards, if each Dense kernel's last axis goes to ``"model"``; else None."""
    if not isinstance(layout_map, keras.distribution.LayoutMap):
        raise TypeError(f"Pass a keras.distribution.LayoutMap as layout_map=..., not {type(layout_map).__name__}.")
    kernels = {dense.kernel.path for dense in layers(model, kind="Dense")}
    sharded = 0
    for variable in model.weights:
        try:
            layout = layout_map[variable.path]  # Keras's own rule: re.fullmatch on the whole path
        except ValueError:  # two keys match the same path
            return None
        axes = tuple(layout.axes) if layout is not None else None  # one axis per dimension: a bias's layout is 1-D
        if (axes is not None and len(axes) != len(variable.shape)) or (variable.path in kernels and axes != (None, "model")):
            return None
        sharded += any(axis is not None for axis in axes or ())
    return sharded


def image_files(dataset, folder):
    """Images one pass over ``dataset`` yields, if each PNG of ``folder`` comes once, (32, 32, 3) 0-255, with its class."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder: pass folder=image_dir.")
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    pixels = {png: keras.utils.img_to_array(keras.utils.load_img(png)) for png in folder.glob("*/*.png")}
    expected = sorted((classes.index(png.parent.name), image.sum()) for png, image in pixels.items())
    try:  # __len__ or __getitem__ may still return ... (None), or something other than (x, y)
        batches = [[np.asarray(part, np.float64) for part in dataset[i]] for i in range(len(dataset))]
        got = sorted((label, image.sum()) for x, y in batches if x.shape[1:] == (32, 32, 3) for image, label in zip(x, y.reshape(-1)))
    except (TypeError, ValueError):
        return None
    return len(got) if len(got) == len(expected) and np.allclose(got, expected, rtol=1e-6) else None


EXERCISES = {
    "stop_at_accuracy": Exercise(
        "How many epochs did `fit` run with your `StopAtAccuracy` callback?",
        "In `on_epoch_end`, set `self.model.stop_training = True` when `logs['val_accuracy'] >= target`; fit with `validation_data`, "
        "`metrics=['accuracy']` and your callback, then answer `len(history.epoch)` (no epoch reaches the target? lower `target`).",
        solve=stop_at_accuracy),
    "restore_best": Exercise(
        "How much higher is the val_loss of the weights `fit` ended with than the best epoch's (3 decimals)?",
        "Fit with `EarlyStopping(monitor='val_loss', patience=4, restore_best_weights=False)` until it stops, then "
        "answer `round(model.evaluate(x_val, y_val, verbose=0)[0] - min(history.history['val_loss']), 3)`.",
        solve=restore_best),
    "longer_patience": Exercise(
        "With `patience=8`, how much higher is the val_loss of the weights `fit` ended with than the best epoch's (3 decimals)?",
        "Fit again from `keras.utils.set_random_seed(42)` with `EarlyStopping(monitor='val_loss', patience=8, restore_best_weights=False)`, "
        "then compute the gap as in the first part: evaluate `model` on `x_val, y_val` and subtract `min(history.history['val_loss'])`.",
        solve=longer_patience),
    "layout_keys": Exercise(
        "How many of `exercise_model`'s variables does your `exercise_layout` shard?",
        "Print `[v.path for v in exercise_model.weights]`: a key must match the whole path (Keras 3.15 uses `re.fullmatch`), model "
        "name included, e.g. `exercise/encoder/kernel`; every Dense kernel needs `(None, 'model')`, and a bias (1-D), if a key matches it, a 1-D layout.",
        solve=layout_keys),
    "image_files": Exercise(
        "How many images does one pass over your `ImageFiles` dataset yield?",
        "`__len__`: `math.ceil(len(self.files) / self.batch_size)` (keep the last, smaller batch); `__getitem__(i)`: files `i * batch_size` "
        "to `(i + 1) * batch_size` as `keras.utils.img_to_array(keras.utils.load_img(path))` (0-255), `self.classes.index(path.parent.name)`.",
        solve=image_files),
}
