"""Exercises of the applications chapter: each answer is recomputed from the reader's own model."""

import math
import re

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
}
