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
    as_asked = mobilenet and all((id(w) in trainable) == bool(_LAST_TWO_BLOCKS.search(w.path)) for w in mobilenet)
    return sum(math.prod(weight.shape) for weight in model.trainable_weights) if as_asked else None


def _batchnorm_moved(model):
    import keras

    if (layer := next((each for each in model._flatten_layers() if each.name == "conv_pw_13_bn"), None)) is None:
        return False, "Your model has no layer conv_pw_13_bn: pass the model that fine_tune returned (model=my_model)."
    imagenet = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3)).get_layer(layer.name)
    shift = float(keras.ops.max(keras.ops.abs(layer.moving_mean - imagenet.moving_mean)))
    return layer.trainable and shift > 0, (f"conv_pw_13_bn is {'trainable' if layer.trainable else 'frozen'} and its "
                                           f"moving_mean is up to {shift:.3g} away from ImageNet's.")


EXERCISES = {
    "trainable_params": Exercise(
        "Unfreeze the last two blocks of MobileNet (layers whose names end in _12 or _13), "
        "BatchNormalization still frozen: how many parameters does fit update?",
        "Unfreeze the layers whose names end in `_12` or `_13` (not BatchNormalization), then add up "
        "the sizes of `classifier.trainable_weights`: the head's weights count too.",
        solve=_trainable_params_of_last_two_blocks),
    "batchnorm_statistics": Exercise(
        "Unfreeze block 13's BatchNormalization layers too and fine-tune: did conv_pw_13_bn's moving_mean move?",
        "Make `my_unfreeze` return True for the names ending in `_13_bn` as well, then run the cell again.",
        verify=_batchnorm_moved),
}
