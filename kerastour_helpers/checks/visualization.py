"""Exercises of the visualization chapter: each answer is recomputed from the reader's own model and image."""

import keras
import numpy as np

from . import Exercise, layer_params, layers


def _silent_maps(model, image, layer_name="conv_2"):
    """How many of the layer's feature maps are zero everywhere for this one image."""
    probe = keras.Model(model.inputs[0], layers(model, layer_name)[0].output)
    maps = probe.predict(np.asarray(image, "float32")[None], verbose=0)[0]
    return int(np.sum(maps.reshape(-1, maps.shape[-1]).max(axis=0) <= 0))


def _best_layer(shares, grad_cam, model, image, class_index):
    """The layer with the largest share on the left half, if each share reported (2+) is what ``grad_cam`` gives."""
    if not isinstance(shares, dict):
        raise TypeError(f"Pass shares as a dict {{layer name: share}}, not {type(shares).__name__}.")
    for layer_name, share in shares.items():
        heat = np.asarray(grad_cam(model, np.asarray(image, "float32"), class_index, layer_name=layer_name))
        if heat.ndim != 2 or not np.isclose(share, heat[:, : heat.shape[1] // 2].sum() / max(heat.sum(), 1e-9), atol=1e-3):
            return None
    return max(shares, key=shares.get) if len(shares) >= 2 else None


EXERCISES = {
    "layer_params": Exercise(
        "Change `conv_2` in the convnet (its filters or its kernel size), run the cells again, and say how many "
        "parameters `conv_2` has: work it out by hand first, then check.",
        "A Conv2D layer has (kernel height x kernel width x input channels + 1) x filters parameters: "
        "the +1 is each filter's bias, and its input channels are the filters of the layer before it.",
        solve=lambda model, layer_name="conv_2": layer_params(model, layer_name)),
    "silent_maps": Exercise(
        "For the first test digit, how many of `conv_2`'s feature maps are zero everywhere "
        "(the maps that stay empty in the picture)?",
        "Build `keras.Model(convnet.inputs, convnet.get_layer('conv_2').output)`, predict `x_test[:1]`, "
        "and count the channels whose maximum is 0 (ReLU sets every negative response to 0).",
        solve=_silent_maps),
    "best_layer": Exercise(
        "For the cat's top class on the pair, which layer in your `shares` puts the largest share of its map on the cat?",
        "For each layer, `shares[layer] = share_on(grad_cam(pair_model, pair_input, class_index, layer_name=layer), "
        "'left')`; report two layers or more, and answer `max(shares, key=shares.get)`.", solve=_best_layer),
}
