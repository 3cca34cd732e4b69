"""Exercises of the training chapter ("Train, save and scale").

Each answer is recomputed from the reader's own objects. Where the reader's
objects are not yet right (a callback that does not stop, a layout key that
matches nothing, a dataset that loses images), ``solve`` returns ``None``: no
answer matches it, and the hint says what to fix.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import Exercise


def _history_values(history, key: str) -> list:
    values = getattr(history, "history", history)
    if not isinstance(values, dict):
        raise TypeError(f"Pass the History that model.fit() returned (history=history), not {type(values).__name__}.")
    if key not in values:
        raise ValueError(
            f"This history has no {key!r} (it has {', '.join(values) or 'nothing'}): "
            "compile with metrics=['accuracy'] and pass validation_data to fit."
        )
    return list(values[key])


def stop_at_accuracy(history, target):
    """Epochs a callback that stops at the first ``val_accuracy >= target`` lets ``fit`` run."""
    accuracy = _history_values(history, "val_accuracy")
    reached = [epoch for epoch, value in enumerate(accuracy) if value >= target]
    return reached[0] + 1 if reached else None


def _dense_kernels(model) -> list:
    import keras

    return [layer.kernel for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def layout_keys(layout_map, model):
    """How many of ``model``'s variables ``layout_map`` shards, if every Dense kernel is split
    along its last axis over ``"model"``; else ``None``."""
    import keras

    if not isinstance(layout_map, keras.distribution.LayoutMap):
        raise TypeError(f"Pass a keras.distribution.LayoutMap as layout_map=..., not {type(layout_map).__name__}.")
    kernels = {v.path for v in _dense_kernels(model)}
    if not kernels:
        raise ValueError("This model has no Dense layer: pass model=exercise_model.")
    sharded = 0
    for variable in model.weights:
        try:
            layout = layout_map[variable.path]  # Keras's own rule: re.fullmatch on the whole path
        except ValueError:  # two keys match the same path
            return None
        axes = tuple(layout.axes) if layout is not None else None
        if variable.path in kernels and (axes is None or len(axes) != len(variable.shape) or axes[-1] != "model"):
            return None
        sharded += axes is not None and any(axis is not None for axis in axes)
    return sharded


def _folder_images(folder: Path):
    """Class names (sorted folder names), and per class: number of PNGs and sum of their pixels."""
    from PIL import Image

    classes = sorted(p.name for p in folder.iterdir() if p.is_dir())
    counts, sums = np.zeros(len(classes), int), np.zeros(len(classes))
    for index, name in enumerate(classes):
        for png in (folder / name).glob("*.png"):
            with Image.open(png) as image:
                counts[index] += 1
                sums[index] += np.asarray(image.convert("RGB"), dtype=np.float64).sum()
    return classes, counts, sums


def image_files(dataset, folder):
    """Images one pass over ``dataset`` yields, if it yields every PNG of ``folder`` once with
    its class index (pixel sums per class compared); else ``None``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder: pass folder=image_dir.")
    classes, counts, sums = _folder_images(folder)
    try:
        num_batches = len(dataset)
        batches = [dataset[i] for i in range(num_batches)]
    except TypeError:  # __len__ or __getitem__ still returns ... (None)
        return None
    got_counts, got_sums = np.zeros(len(classes), int), np.zeros(len(classes))
    for batch in batches:
        if not isinstance(batch, (tuple, list)) or len(batch) != 2:
            return None
        x, y = (np.asarray(part) for part in batch)
        y = y.reshape(-1)
        if x.ndim != 4 or x.shape[1:] != (32, 32, 3) or len(x) != len(y) or not np.issubdtype(y.dtype, np.number):
            return None
        if len(y) and (y.min() < 0 or y.max() >= len(classes) or np.any(y != np.round(y))):
            return None
        y = y.astype(int)
        np.add.at(got_counts, y, 1)
        np.add.at(got_sums, y, x.reshape(len(x), -1).sum(axis=1, dtype=np.float64))
    if not np.array_equal(got_counts, counts) or not np.allclose(got_sums, sums, rtol=1e-6):
        return None
    return int(counts.sum())


EXERCISES = {
    "stop_at_accuracy": Exercise(
        question="How many epochs did `fit` run with your `StopAtAccuracy` callback?",
        hint=(
            "In `on_epoch_end`, set `self.model.stop_training = True` when `logs['val_accuracy'] >= target`; "
            "train with `validation_data` and `metrics=['accuracy']`, then answer `len(history.epoch)`. "
            "If no epoch reaches the target, lower `target`."
        ),
        solve=stop_at_accuracy,
        kind="number",
    ),
    "layout_keys": Exercise(
        question="How many of `exercise_model`'s variables does your `exercise_layout` shard?",
        hint=(
            "Print `[v.path for v in exercise_model.weights]`: a key must match the whole path "
            "(Keras 3.15 uses `re.fullmatch`), model name included, e.g. `exercise/encoder/kernel` or `exercise/.*/kernel`; "
            "every Dense kernel needs `(None, 'model')`. Then count with "
            "`sum(exercise_layout[v.path] is not None for v in exercise_model.weights)`."
        ),
        solve=layout_keys,
        kind="number",
    ),
    "image_files": Exercise(
        question="How many images does one pass over your `ImageFiles` dataset yield?",
        hint=(
            "`__len__` is `math.ceil(len(self.files) / self.batch_size)` (keep the last, smaller batch); "
            "`__getitem__(i)` loads files `i * batch_size` to `(i + 1) * batch_size` with "
            "`keras.utils.img_to_array(keras.utils.load_img(path))` (pixels 0-255, not rescaled) and "
            "labels `self.classes.index(path.parent.name)`, returned as two NumPy arrays."
        ),
        solve=image_files,
        kind="number",
    ),
}
