"""Exercises of the training chapter: each answer is recomputed from the reader's own objects."""

import numbers
from pathlib import Path

import keras
import numpy as np

from . import Exercise, layers


def stop_at_accuracy(history, target):
    """Epochs a callback that stops at the first ``val_accuracy >= target`` lets ``fit`` run."""
    if isinstance(target, bool) or not isinstance(target, numbers.Real) or not 0 <= target <= 1:
        error = ValueError if isinstance(target, numbers.Real) and not isinstance(target, bool) else TypeError
        raise error(f"target= is the val_accuracy to stop at, a number from 0 to 1 (target=0.9), not {target!r}.")
    values = getattr(history, "history", history)
    if not isinstance(values, dict):
        raise TypeError(f"Pass the History that model.fit() returned (history=history), not {type(values).__name__}.")
    if "val_accuracy" not in values:
        raise ValueError(f"This history has no 'val_accuracy' (it has {', '.join(values) or 'nothing'}): "
                         "compile with metrics=['accuracy'] and pass validation_data to fit.")
    return next((epoch + 1 for epoch, value in enumerate(values["val_accuracy"]) if value >= target), None)


def layout_keys(layout_map, model):
    """How many of ``model``'s variables ``layout_map`` shards, if it splits every Dense kernel
    along its last axis over ``"model"``; else ``None``."""
    if not isinstance(layout_map, keras.distribution.LayoutMap):
        raise TypeError(f"Pass a keras.distribution.LayoutMap as layout_map=..., not {type(layout_map).__name__}.")
    kernels = {dense.kernel.path for dense in layers(model, kind="Dense")}
    sharded = 0
    for variable in model.weights:
        try:
            layout = layout_map[variable.path]  # Keras's own rule: re.fullmatch on the whole path
        except ValueError:  # two keys match the same path
            return None
        axes = tuple(layout.axes) if layout is not None else ()
        if variable.path in kernels and (len(axes) != len(variable.shape) or axes[-1] != "model"):
            return None
        sharded += any(axis is not None for axis in axes)
    return sharded


def image_files(dataset, folder):
    """Images one pass over ``dataset`` yields, if it yields every PNG of ``folder`` once, as
    (32, 32, 3) pixels 0-255 with its class index; else ``None``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder: pass folder=image_dir.")
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    pixels = {png: keras.utils.img_to_array(keras.utils.load_img(png)) for png in folder.glob("*/*.png")}
    expected = sorted((classes.index(png.parent.name), image.sum()) for png, image in pixels.items())
    try:  # __len__ or __getitem__ may still return ... (None), or something other than (x, y)
        batches = [[np.asarray(part, np.float64) for part in dataset[i]] for i in range(len(dataset))]
        got = sorted((label, image.sum()) for x, y in batches if x.shape[1:] == (32, 32, 3)
                     for image, label in zip(x, y.reshape(-1)))
    except (TypeError, ValueError):
        return None
    return len(got) if len(got) == len(expected) and np.allclose(got, expected, rtol=1e-6) else None


EXERCISES = {
    "stop_at_accuracy": Exercise(
        "How many epochs did `fit` run with your `StopAtAccuracy` callback?",
        "In `on_epoch_end`, set `self.model.stop_training = True` when `logs['val_accuracy'] >= target`; train with "
        "`validation_data` and `metrics=['accuracy']`, then answer `len(history.epoch)`. If no epoch reaches the "
        "target, lower `target`.",
        solve=stop_at_accuracy),
    "layout_keys": Exercise(
        "How many of `exercise_model`'s variables does your `exercise_layout` shard?",
        "Print `[v.path for v in exercise_model.weights]`: a key must match the whole path (Keras 3.15 uses "
        "`re.fullmatch`), model name included, e.g. `exercise/encoder/kernel` or `exercise/.*/kernel`; every Dense "
        "kernel needs `(None, 'model')`. Then count with "
        "`sum(exercise_layout[v.path] is not None for v in exercise_model.weights)`.",
        solve=layout_keys),
    "image_files": Exercise(
        "How many images does one pass over your `ImageFiles` dataset yield?",
        "`__len__` is `math.ceil(len(self.files) / self.batch_size)` (keep the last, smaller batch); `__getitem__(i)` "
        "loads files `i * batch_size` to `(i + 1) * batch_size` with "
        "`keras.utils.img_to_array(keras.utils.load_img(path))` (pixels 0-255, not rescaled) and labels "
        "`self.classes.index(path.parent.name)`, returned as two NumPy arrays.",
        solve=image_files),
}
