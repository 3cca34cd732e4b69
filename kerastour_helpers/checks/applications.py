"""Exercises of the applications chapter: each answer is recomputed from the reader's own model and run."""

import re

import keras
import numpy as np

from . import Exercise

_MOBILENET = re.compile(r"(^|/)(conv1|conv_(dw|pw)_\d+)(_bn)?/")  # MobileNet's weights, by path
_LAST_TWO_BLOCKS = re.compile(r"(^|/)conv_(dw|pw)_1[23]/")  # their convolutions, without BatchNormalization


def _block_12_params(model):
    """What unfreezing block 12 adds to ``fit``, if blocks 12 and 13's convolutions are all of MobileNet unfrozen; else None."""
    trainable = {id(weight) for weight in model.trainable_weights}
    mobilenet = [weight for weight in model.weights if _MOBILENET.search(weight.path)]
    if mobilenet and all((id(w) in trainable) == bool(_LAST_TWO_BLOCKS.search(w.path)) for w in mobilenet):
        return sum(int(np.prod(w.shape)) for w in mobilenet if re.search(r"(^|/)conv_(dw|pw)_12/", w.path))


def _interval_holds_zero(models, x, y, hits, baseline, folds):
    """The page's interval of ``hits - baseline`` holds 0, if each fold's own model moved block 13 off ImageNet and scored ``hits``."""
    hits, baseline, y = (np.asarray(each, dtype=int).ravel() for each in (hits, baseline, y))
    imagenet = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    moved = {"conv_pw_13_bn": "moving_mean", "conv_dw_13": "kernel", "conv_pw_13": "kernel"}  # what fit must have trained
    owned = [id(weight) for model in models for weight in model.weights]  # a layer shared by two models: its weights twice
    if len(models) != len(folds) or len(owned) != len(set(owned)) or not hits.shape == baseline.shape == y.shape == (sum(map(len, folds)),):
        return None
    for model, held_out in zip(models, folds):
        found = {each.name: getattr(each, moved[each.name]) for each in model._flatten_layers() if each.name in moved}
        steps = int(keras.ops.convert_to_numpy(model.optimizer.iterations)) if getattr(model, "optimizer", None) else 0
        right = keras.ops.convert_to_numpy(model(x[held_out], training=False)).argmax(axis=1) == y[held_out]
        if not steps or len(found) < 3 or any(np.allclose(value, getattr(imagenet.get_layer(name), moved[name]))
                                              for name, value in found.items()) or not np.array_equal(right, hits[held_out]):
            return None
    resamples = np.random.default_rng(0).integers(0, len(hits), size=(10_000, len(hits)))
    low, high = np.percentile((hits - baseline)[resamples].mean(axis=1), [2.5, 97.5])
    return bool(low <= 0 <= high)


EXERCISES = {
    "block_12_params": Exercise(
        "Unfreezing block 12 too (names ending in _12, BatchNormalization still frozen) adds how many parameters to what fit updates?",
        "Block 12: a depthwise 3x3 convolution (3 x 3 x C weights, C its input channels), a pointwise one (C x C'), "
        "no biases (BatchNormalization follows); only the layers ending in _12 or _13, not BatchNormalization, unfrozen.", solve=_block_12_params),
    "batchnorm_statistics": Exercise(
        "With block 13's BatchNormalization unfrozen too, does the 95 % interval of the difference from 'fine-tuned block 13' hold 0?",
        "Make `my_unfreeze` return True for the names ending in `_13` or `_13_bn`, run the cell (one fine-tuning "
        "per fold), then answer True if the printed interval holds 0, else False.", solve=_interval_holds_zero),
}
