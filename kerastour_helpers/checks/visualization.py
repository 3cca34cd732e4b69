"""Exercises of the visualization chapter: each answer is recomputed from the reader's own model and image."""

import keras
import numpy as np

from . import Exercise, layer_params, layers


def _zero_share(model, images, dead, layer_name="conv_2"):
    """The share of the layer's outputs at zero on ``images`` (2 decimals), if ``dead`` counts its maps zero on all; else None."""
    probe = keras.Model(model.inputs[0], layers(model, layer_name)[0].output)
    outputs = keras.ops.convert_to_numpy(probe(np.asarray(images, "float32")))  # (images, rows, columns, maps)
    return round(float(np.mean(outputs <= 0)), 2) if dead == int(np.sum(outputs.max(axis=(0, 1, 2)) <= 0)) else None


def _best_layer(shares, grad_cam, model, image, class_index, step=1e-3):
    """The layer of the three whose Grad-CAM, computed here, has the largest share on the left half, if at each one the
    reader's ``grad_cam`` agrees with it (correlation > 0.9) and ``shares`` holds the reader's maps' shares. Here map k's weight
    (the mean of dz_c/dA^k, up to a positive factor) is z_c with all of map k moved by +step minus z_c with it moved by -step."""
    if not isinstance(shares, dict):
        raise TypeError(f"Pass shares as a dict {{layer name: share}}, not {type(shares).__name__}.")
    image, found, left = np.asarray(image, "float32"), {}, lambda heat: heat[:, : heat.shape[1] // 2].sum() / max(heat.sum(), 1e-9)
    for name in shares if set(shares) == {f"conv_pw_{n}_relu" for n in (11, 12, 13)} else ():
        maps = keras.ops.convert_to_numpy(keras.Model(model.input, model.get_layer(name).output)(image[None]))[0]  # A
        moved = maps + step * np.concatenate([np.eye(maps.shape[-1]), -np.eye(maps.shape[-1])])[:, None, None].astype("float32")
        z = keras.ops.convert_to_numpy(keras.Model(model.get_layer(name).output, model.output)(moved))[:, class_index]
        true = np.maximum((maps * (z[: len(z) // 2] - z[len(z) // 2 :])).sum(axis=-1), 0)
        heat = np.asarray(grad_cam(model, image, class_index, layer_name=name))
        if heat.shape != true.shape or not heat.std() > 0 or np.corrcoef(true.ravel(), heat.ravel())[0, 1] < 0.9 \
                or not np.isclose(shares[name], left(heat), atol=1e-3):
            return None
        found[name] = left(true)
    return max(found, key=found.get, default=None)


EXERCISES = {
    "layer_params": Exercise(
        "How many parameters has a `conv_2` of 64 filters of 5x5, with ReLU, in the convnet? Predict, then build it.",
        "A Conv2D layer has (kernel height x kernel width x input channels + 1) x filters parameters: "
        "the +1 is each filter's bias, and its input channels are the filters of the layer before it.",
        solve=lambda model: layer_params(model, "conv_2") if ((conv_2 := layers(model, "conv_2")[0]).filters, tuple(
            conv_2.kernel_size), conv_2.activation) == (64, (5, 5), keras.activations.relu) else None),
    "zero_share": Exercise(
        "What share of `conv_2`'s outputs on `x_test[:100]` is exactly zero (2 decimals), and how many maps are dead?",
        "Predict `x_test[:100]` with a `keras.Model` ending at conv_2, then `np.mean(outputs == 0)`; a dead map's maximum "
        "over everything (`outputs.max(axis=(0, 1, 2))`) is 0.", solve=_zero_share),
    "best_layer": Exercise(
        "For the cat's top class on the pair, which of the three layers puts the largest share of its map on the cat?",
        "For each layer, `shares[layer] = share_on(grad_cam(pair_model, pair_input, class_index, layer_name=layer), "
        "'left')`, and answer `max(shares, key=shares.get)`. The check computes its own maps: yours must agree.", solve=_best_layer),
}
