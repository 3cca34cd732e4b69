"""Exercises of the applications chapter: each answer is recomputed from the reader's own model."""

import math
import re

from . import Exercise


def _walk(layer):
    for inner in getattr(layer, "layers", []):
        yield inner
        yield from _walk(inner)


_MOBILENET_LAYER = re.compile(r"conv1(_bn)?|conv_(dw|pw)_\d+(_bn)?")  # MobileNet's layers with weights
_LAST_TWO_BLOCKS = re.compile(r"conv_(dw|pw)_1[23]")  # their convolutions, without BatchNormalization


def _trainable_params_of_last_two_blocks(model):
    """The parameters ``fit`` updates, once blocks 12 and 13 (and nothing else of MobileNet) are unfrozen.

    ``None`` (never a right answer) while the model is not in that state, so that
    the count for another choice of layers is not taken as right.
    """
    trainable = {id(weight) for weight in model.trainable_weights}
    found = False
    for layer in _walk(model):
        if not _MOBILENET_LAYER.fullmatch(layer.name) or not layer.weights:
            continue
        found = True
        updated = any(id(weight) in trainable for weight in layer.weights)
        if updated != bool(_LAST_TWO_BLOCKS.fullmatch(layer.name)):
            return None
    if not found:
        return None
    return sum(math.prod(int(dim) for dim in weight.shape) for weight in model.trainable_weights)


def _input_height(model):
    height = tuple(model.input_shape)[1]
    return height  # None for a model that takes any size: never a right answer


EXERCISES = {
    "trainable_params": Exercise(
        "Unfreeze the last two blocks of MobileNet (layers whose names end in _12 or _13), "
        "BatchNormalization still frozen: how many parameters does fit update?",
        "In the loop, test layer.name.endswith((\"_12\", \"_13\")), keep `not isinstance(layer, "
        "keras.layers.BatchNormalization)`, then add up the sizes of `classifier.trainable_weights` "
        "(the head's weights count too).",
        solve=lambda model: _trainable_params_of_last_two_blocks(model),
        kind="number",
    ),
    "input_size": Exercise(
        "How many pixels high is the image that the model you built expects?",
        "Print `your_model.input_shape`: (batch, height, width, channels). If it says None, the model "
        "takes any size: build another one (EfficientNetB3, InceptionV3, ...).",
        solve=lambda model: _input_height(model),
        kind="number",
    ),
}
