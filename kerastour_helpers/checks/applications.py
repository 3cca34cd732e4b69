"""Exercises of the applications chapter: each answer is recomputed from the reader's own model."""

import math
import re

import numpy as np

from . import Exercise

_MOBILENET = re.compile(r"(^|/)(conv1|conv_(dw|pw)_\d+)(_bn)?/")  # MobileNet's weights, by path
_LAST_TWO_BLOCKS = re.compile(r"(^|/)conv_(dw|pw)_1[23]/")  # their convolutions, without BatchNormalization


def _trainable_params_of_last_two_blocks(model):
    """The parameters ``fit`` updates, if blocks 12 and 13 (and nothing else of MobileNet) are unfrozen; else None."""
    trainable = {id(weight) for weight in model.trainable_weights}
    mobilenet = [weight for weight in model.weights if _MOBILENET.search(weight.path)]
    if not mobilenet or any((id(w) in trainable) != bool(_LAST_TWO_BLOCKS.search(w.path)) for w in mobilenet):
        return None
    return sum(math.prod(weight.shape) for weight in model.trainable_weights)


def _layer_named(model, name):
    for layer in getattr(model, "layers", []):
        found = layer if layer.name == name else _layer_named(layer, name)
        if found is not None:
            return found
    return None


def _batchnorm_moved(model):
    """Has ``conv_pw_13_bn``'s moving mean left ImageNet's (read from Keras's weights file)?"""
    import keras

    layer = _layer_named(model, "conv_pw_13_bn")
    if layer is None:
        return False, "Your model has no layer conv_pw_13_bn: pass the model that fine_tune returned (model=my_model)."
    imagenet = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3)).get_layer(layer.name)
    shift = np.abs(np.asarray(layer.moving_mean) - np.asarray(imagenet.moving_mean))
    said = f"conv_pw_13_bn's moving_mean is up to {shift.max():.3g} (on average {shift.mean():.3g}) away from ImageNet's"
    if not layer.trainable:
        return False, f"conv_pw_13_bn is frozen, so fit ran it in inference mode: {said}."
    if not shift.max():
        return False, f"conv_pw_13_bn is trainable, but {said}: compile and fit after unfreezing it."
    return True, (f"{said}. Trainable, it ran in training mode: each batch normalised with its own statistics, "
                  "and the running averages moved toward them.")


EXERCISES = {
    "trainable_params": Exercise(
        "Unfreeze the last two blocks of MobileNet (layers whose names end in _12 or _13), "
        "BatchNormalization still frozen: how many parameters does fit update?",
        "Unfreeze the layers whose names end in `_12` or `_13` (not BatchNormalization), then add up "
        "the sizes of `classifier.trainable_weights`: the head's weights count too.",
        solve=_trainable_params_of_last_two_blocks),
    "input_size": Exercise(
        "How many pixels high is the image that the model you built expects?",
        "Print `your_model.input_shape`: (batch, height, width, channels). If it says None, the model "
        "takes any size: build another one (EfficientNetB3, InceptionV3, ...).",
        solve=lambda model: tuple(model.input_shape)[1]),  # None for a model of any size: never right
    "batchnorm_statistics": Exercise(
        "Unfreeze block 13's BatchNormalization layers too and fine-tune: did conv_pw_13_bn's moving_mean move?",
        "Return True from `my_unfreeze` for the names ending in `_13_bn` as well (e.g. "
        "`layer.name.endswith((\"_13\", \"_13_bn\"))`), then run the cell again.",
        verify=_batchnorm_moved),
}
