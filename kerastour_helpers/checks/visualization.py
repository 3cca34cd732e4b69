"""Exercises of the visualization chapter: each answer is recomputed from the reader's own model and image."""

import keras
import numpy as np

from . import Exercise, layer_params, layers


def _silent_maps(model, image, layer_name="conv_2"):
    """How many of the layer's feature maps are zero everywhere for this one image."""
    probe = keras.Model(model.inputs[0], layers(model, layer_name)[0].output)
    maps = probe.predict(np.asarray(image, "float32")[None], verbose=0)[0]
    return int(np.sum(maps.reshape(-1, maps.shape[-1]).max(axis=0) <= 0))


def _gradcam_peak_row(grad_cam, model, image, layer_name="conv_pw_11_relu"):
    """The row (0 = top) of the peak of the reader's Grad-CAM for the model's top class on the image."""
    image = np.asarray(image, "float32")
    top = int(model.predict(image[None], verbose=0).argmax())
    heat = np.asarray(grad_cam(model, image, top, layer_name=layer_name))
    if heat.ndim != 2:
        raise ValueError(f"Your grad_cam returned shape {heat.shape}; it should return one 2-D map (rows, columns).")
    return int(np.unravel_index(np.argmax(heat), heat.shape)[0])


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
    "gradcam_peak_row": Exercise(
        "Call your `grad_cam` on the espresso photo's top class with `layer_name='conv_pw_11_relu'` "
        "(an earlier layer: 8x8 cells). In which row of that map (0 = top) is its peak?",
        "`np.unravel_index(heatmap.argmax(), heatmap.shape)` gives (row, column) of the largest cell.",
        solve=_gradcam_peak_row),
}
