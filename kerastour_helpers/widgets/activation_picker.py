"""A picker of model and layer that redraws the feature maps of one image."""

import matplotlib.pyplot as plt
import numpy as np

from ..figures.channels import plot_channels
from .pickers import picker


def feature_layers(model) -> list[str]:
    """Names of the layers that output 2-D feature maps after a non-linearity (conv+ReLU, ReLU, ...)."""
    found = []
    for layer in model.layers:
        shape, kind = getattr(getattr(layer, "output", None), "shape", ()), type(layer).__name__
        activation = getattr(getattr(layer, "activation", None), "__name__", "linear")  # an InputLayer has none
        if len(shape) == 4 and shape[1] != 1 and (kind in ("ReLU", "Activation", "ELU", "LeakyReLU", "PReLU") or activation != "linear"):
            found.append(layer.name)
    if not found:
        raise ValueError("The model has no convolutional feature maps after a non-linearity (e.g. Conv2D with ReLU).")
    return found


def layer_choices(model) -> dict:
    """The layer dropdown, ``{label: layer name}``: first, middle, last feature layers, each layer once (no duplicates)."""
    names = feature_layers(model)
    at = {index: position for position, index in [("middle", len(names) // 2), ("last", len(names) - 1), ("first", 0)]}
    return {f"{position} feature layer ({names[index]})": names[index] for index, position in sorted(at.items())}


def feature_maps(model, layer_name: str, image) -> np.ndarray:
    """``layer_name``'s output for one ``image`` (no batch axis), shape (h, w, channels)."""
    import keras

    image, expected = np.asarray(image, dtype="float32"), tuple(model.inputs[0].shape[1:])
    if image.shape != expected:
        raise ValueError(f"The model takes images of shape {expected}; got {image.shape}. Resize or add the channel axis first.")
    probe = keras.Model(model.inputs[0], model.get_layer(layer_name).output)
    return keras.ops.convert_to_numpy(probe(image[None], training=False))[0]


def activation_picker(models: dict):
    """Pick a model (``{label: (model, image)}``) and one of its feature layers (:func:`layer_choices`); its maps redraw.
    Example: ``kt.activation_picker({"MNIST convnet": (model, x_test[0]), "MobileNet": (net, photo)})``"""
    if not models:
        raise ValueError("Give at least one model, e.g. {'convnet': (model, x_test[0])}.")
    for label, entry in models.items():
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"models[{label!r}] must be a (model, image) pair.")
        feature_maps(entry[0], feature_layers(entry[0])[0], entry[1])  # checks layers, image shape

    def render(model, layer):
        net, image = models[model]
        fig = plot_channels(feature_maps(net, layer_choices(net)[layer], image), title=f"{model}, {layer}")
        plt.close(fig)
        return [fig]

    options = {label: list(layer_choices(net)) for label, (net, _) in models.items()}  # the layer dropdown follows the model
    return picker(render, follow={"model": ("layer", options.get)}, model=list(models), layer=options[next(iter(models))])
