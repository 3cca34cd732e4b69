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


def _interval_holds_zero(models, hits, baseline, folds):
    """Whether the page's bootstrap interval of ``hits - baseline`` holds 0, if one model per fold trained block 13."""
    hits, baseline = np.asarray(hits, dtype=int), np.asarray(baseline, dtype=int)
    imagenet = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    moved = {"conv_pw_13_bn": "moving_mean", "conv_dw_13": "kernel", "conv_pw_13": "kernel"}  # what fit must have trained
    found = [(next((each for each in model._flatten_layers() if each.name == name), None), name, weight)
             for model in models for name, weight in moved.items()]
    if len(models) == len(folds) and hits.shape == baseline.shape == (sum(map(len, folds)),) and (hits != baseline).any() and all(
            layer is not None and layer.trainable and float(keras.ops.max(keras.ops.abs(
                getattr(layer, weight) - getattr(imagenet.get_layer(name), weight)))) > 0 for layer, name, weight in found):
        resamples = np.random.default_rng(0).integers(0, len(hits), size=(10_000, len(hits)))
        low, high = np.percentile((hits - baseline)[resamples].mean(axis=1), [2.5, 97.5])
        return bool(low <= 0 <= high)


EXERCISES = {
    "block_12_params": Exercise(
        "Before unfreezing block 12 too (names ending in _12, BatchNormalization still frozen), work out by hand "
        "how many parameters it adds to what fit updates; then unfreeze it and check.",
        "Block 12: a depthwise 3x3 convolution (3 x 3 x C weights, C its input channels), a pointwise one (C x C'), "
        "no biases (BatchNormalization follows); only the layers ending in _12 or _13, not BatchNormalization, unfrozen.",
        solve=_block_12_params),
    "batchnorm_statistics": Exercise(
        "Unfreeze block 13's BatchNormalization layers too, fine-tune on all five folds: does the 95 % interval of "
        "the difference from 'fine-tuned block 13' hold 0 (True or False)?",
        "Make `my_unfreeze` return True for the names ending in `_13` or `_13_bn`, run the cell (one fine-tuning "
        "per fold), then answer True if the printed interval holds 0, else False.",
        solve=_interval_holds_zero),
}
