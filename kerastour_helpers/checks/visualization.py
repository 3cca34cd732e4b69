"""Exercises of the visualization chapter: each answer is recomputed from the reader's own model and image."""

import keras
import numpy as np

from . import Exercise, layer_params, layers


def _zero_share(model, images, dead, layer_name="conv_2"):
    """The share of the layer's outputs at zero on ``images`` (2 decimals), if ``dead`` counts its maps zero on all; else None."""
    probe = keras.Model(model.inputs[0], layers(model, layer_name)[0].output)
    outputs = keras.ops.convert_to_numpy(probe(np.asarray(images, "float32")))  # (images, rows, columns, maps)
    return round(float(np.mean(outputs <= 0)), 2) if dead == int(np.sum(outputs.max(axis=(0, 1, 2)) <= 0)) else None


def _best_layer(shares, grad_cam, model, image, class_index):
    """The layer with the largest share on the left half, if the three layers' shares are what ``grad_cam`` gives."""
    if not isinstance(shares, dict):
        raise TypeError(f"Pass shares as a dict {{layer name: share}}, not {type(shares).__name__}.")
    for layer_name, share in shares.items():
        heat = np.asarray(grad_cam(model, np.asarray(image, "float32"), class_index, layer_name=layer_name))
        if heat.ndim != 2 or not np.isclose(share, heat[:, : heat.shape[1] // 2].sum() / max(heat.sum(), 1e-9), atol=1e-3):
            return None
    return max(shares, key=shares.get) if set(shares) == {f"conv_pw_{n}_relu" for n in (11, 12, 13)} else None


EXERCISES = {
    "layer_params": Exercise(
        "Before building it, work out how many parameters a `conv_2` of 64 filters of 5x5 has in the convnet; "
        "then build that convnet and check.",
        "A Conv2D layer has (kernel height x kernel width x input channels + 1) x filters parameters: "
        "the +1 is each filter's bias, and its input channels are the filters of the layer before it.",
        solve=lambda model: layer_params(model, "conv_2") if (
            (conv_2 := layers(model, "conv_2")[0]).filters, tuple(conv_2.kernel_size)) == (64, (5, 5)) else None),
    "zero_share": Exercise(
        "What share of `conv_2`'s outputs on the first 100 test digits is exactly zero, to 2 decimals? "
        "Pass dead too: how many of its maps are zero for every one of the 100 digits.",
        "Predict `x_test[:100]` with a `keras.Model` ending at conv_2: `round(float(np.mean(outputs == 0)), 2)`; "
        "a dead map's maximum over everything (`outputs.max(axis=(0, 1, 2))`) is 0.", solve=_zero_share),
    "best_layer": Exercise(
        "For the cat's top class on the pair, which layer in your `shares` puts the largest share of its map on the cat?",
        "For each layer, `shares[layer] = share_on(grad_cam(pair_model, pair_input, class_index, layer_name=layer), "
        "'left')`, for the three layers named, and answer `max(shares, key=shares.get)`.", solve=_best_layer),
}
