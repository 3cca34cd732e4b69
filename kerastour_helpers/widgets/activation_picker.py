"""A picker of model and layer that redraws the feature maps of one image."""

import numpy as np

from ..figures.channels import plot_channels
from .pickers import picker

# Layers that apply a non-linearity themselves, and where in the feature layers each position looks.
NONLINEAR_LAYERS = ("ReLU", "Activation", "ELU", "LeakyReLU", "PReLU")
LAYER_POSITIONS = {"first": lambda n: 0, "middle": lambda n: n // 2, "last": lambda n: n - 1}


def feature_layers(model) -> list[str]:
    """Names of the layers that output 2-D feature maps after a non-linearity (conv+ReLU, ReLU, ...)."""
    found = []
    for layer in model.layers:
        shape = getattr(getattr(layer, "output", None), "shape", ())
        if len(shape) != 4 or type(layer).__name__ == "InputLayer" or shape[1] == 1:
            continue
        activation = getattr(getattr(layer, "activation", None), "__name__", "linear")
        if type(layer).__name__ in NONLINEAR_LAYERS or activation != "linear":
            found.append(layer.name)
    if not found:
        raise ValueError("The model has no convolutional feature maps after a non-linearity (e.g. Conv2D with ReLU).")
    return found


def layer_at(model, position: str) -> str:
    """The name of the first, middle or last feature layer."""
    if position not in LAYER_POSITIONS:
        raise ValueError(f"Unknown position {position!r}. Choose one of: {', '.join(LAYER_POSITIONS)}.")
    names = feature_layers(model)
    return names[LAYER_POSITIONS[position](len(names))]


def _one_image(model, image) -> np.ndarray:
    image, expected = np.asarray(image, dtype="float32"), tuple(model.inputs[0].shape[1:])
    if image.shape != expected:
        raise ValueError(f"The model takes images of shape {expected}; got {image.shape}. Resize or add the channel axis first.")
    return image[None]


def feature_maps(model, layer_name: str, image) -> np.ndarray:
    """The output of ``layer_name`` for one image, shape (h, w, channels)."""
    import keras

    probe = keras.Model(model.inputs[0], model.get_layer(layer_name).output)
    return keras.ops.convert_to_numpy(probe(_one_image(model, image), training=False))[0]


def activation_picker(models: dict):
    """Pick a model (``{label: (model, image)}``) and a feature layer (first, middle, last); its maps redraw.

    Example::

        kt.activation_picker({"MNIST convnet": (model, x_test[0]), "MobileNet": (mobilenet, photo_input)})
    """
    if not models:
        raise ValueError("Give at least one model, e.g. {'convnet': (model, x_test[0])}.")
    for label, entry in models.items():
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"models[{label!r}] must be a (model, image) pair.")
        feature_layers(entry[0])
        _one_image(*entry)

    def render(model, layer):
        import matplotlib.pyplot as plt
        from IPython.display import display

        net, image = models[model]
        name = layer_at(net, layer)
        fig = plot_channels(feature_maps(net, name, image), title=name)
        display(fig)
        plt.close(fig)

    return picker(render, model=list(models), layer=list(LAYER_POSITIONS))
