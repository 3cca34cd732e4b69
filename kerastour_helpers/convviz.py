"""Look inside a convnet: its first layer's filters and the feature maps of any layer."""

from __future__ import annotations

import numpy as np

# Layer classes whose weights are image filters (kernel shape (h, w, in, out)).
FILTER_LAYERS = ("Conv2D",)


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def _layer(model, layer_name):
    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise ValueError(f"The model has no layer {layer_name!r}. Its layers: {', '.join(names)}.")
    return model.get_layer(layer_name)


def map_layers(model) -> list[str]:
    """Names of the layers whose output is a stack of 2-D feature maps (batch, h, w, channels)."""
    found = []
    for layer in model.layers:
        try:
            shape = layer.output.shape
        except (AttributeError, ValueError):
            continue
        if len(shape) == 4 and type(layer).__name__ != "InputLayer":
            found.append(layer.name)
    return found


# Layers that apply a non-linearity themselves (their output is what the next layer "sees").
NONLINEAR_LAYERS = ("ReLU", "Activation", "ELU", "LeakyReLU", "PReLU")


def feature_layers(model) -> list[str]:
    """Feature-map layers after a non-linearity, with more than one pixel (conv+ReLU, ReLU, ...)."""
    found = []
    for name in map_layers(model):
        layer = model.get_layer(name)
        activation = getattr(getattr(layer, "activation", None), "__name__", "linear")
        nonlinear = type(layer).__name__ in NONLINEAR_LAYERS or activation != "linear"
        if nonlinear and layer.output.shape[1] != 1:
            found.append(name)
    if not found:
        raise ValueError("The model has no convolutional feature maps after a non-linearity (e.g. Conv2D with ReLU).")
    return found


# Where in the stack of feature layers each picker position looks.
LAYER_POSITIONS = {"first": lambda n: 0, "middle": lambda n: n // 2, "last": lambda n: n - 1}


def layer_at(model, position: str) -> str:
    """The name of the first, middle or last feature layer."""
    if position not in LAYER_POSITIONS:
        raise ValueError(f"Unknown position {position!r}. Choose one of: {', '.join(LAYER_POSITIONS)}.")
    names = feature_layers(model)
    return names[LAYER_POSITIONS[position](len(names))]


def activation_picker(models: dict):
    """A picker of model and layer position that redraws the feature maps.

    ``models`` maps a label to ``(model, image)``; the first entry, first layer is
    drawn as a static output (for the HTML book), the dropdowns redraw it.
    """
    from .widgets.pickers import picker

    if not models:
        raise ValueError("Give at least one model, e.g. {'convnet': (model, x_test[0])}.")
    for label, entry in models.items():
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"models[{label!r}] must be a (model, image) pair.")

    def render(model, layer):
        from IPython.display import display

        net, image = models[model]
        fig = plot_activations(net, layer_at(net, layer), image)
        display(fig)
        _pyplot().close(fig)

    return picker(render, labels={"model": "model", "layer": "layer"}, model=list(models), layer=list(LAYER_POSITIONS))


def first_conv(model) -> str:
    for layer in model.layers:
        if type(layer).__name__ in FILTER_LAYERS:
            return layer.name
    raise ValueError(f"The model has no layer of type {', '.join(FILTER_LAYERS)}, so it has no filters to show.")


def plot_filters(model, layer_name: str | None = None, count: int = 16, columns: int = 8):
    """The kernels of a Conv2D layer (the first one by default), one small image each.

    One-channel and three-channel (RGB) inputs are drawn as they are; with more
    input channels each filter shows its mean over them.
    """
    layer = _layer(model, layer_name or first_conv(model))
    if type(layer).__name__ not in FILTER_LAYERS:
        raise ValueError(f"{layer.name!r} is a {type(layer).__name__}; filters are shown for {', '.join(FILTER_LAYERS)} layers.")
    kernel = np.asarray(layer.get_weights()[0])  # (h, w, in, out)
    count = min(count, kernel.shape[-1])
    plt = _pyplot()
    rows = int(np.ceil(count / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.1 * columns, 1.2 * rows + 0.4), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for k, ax in zip(range(count), axes.flat):
        w = kernel[..., k]
        w = w if w.shape[-1] == 3 else w.mean(axis=-1)
        w = (w - w.min()) / (w.max() - w.min() + 1e-8)
        ax.imshow(w, cmap=None if w.ndim == 3 else "gray", interpolation="nearest")
        ax.set_title(str(k), fontsize=7)
    fig.suptitle(f"{layer.name}: {kernel.shape[0]}×{kernel.shape[1]} filters (light = larger weight; each scaled to its own range)", fontsize=9)
    fig.tight_layout()
    return fig


def _as_batch(model, image):
    image = np.asarray(image, dtype="float32")
    expected = tuple(model.inputs[0].shape[1:])
    if image.shape == expected:
        image = image[None]
    if image.shape[1:] != expected or image.shape[0] != 1:
        raise ValueError(
            f"The model takes images of shape {expected} (or a batch of one, (1, *{expected})); got {image.shape}. "
            "Resize or add the channel axis first."
        )
    return image


def activations(model, layer_name: str, image) -> np.ndarray:
    """The output of ``layer_name`` for one image: an array (h, w, channels)."""
    import keras

    layer = _layer(model, layer_name)
    if layer_name not in map_layers(model):
        raise ValueError(f"{layer_name!r} does not output feature maps. Choose one of: {', '.join(map_layers(model))}.")
    probe = keras.Model(model.inputs[0], layer.output)
    return keras.ops.convert_to_numpy(probe(_as_batch(model, image), training=False))[0]


def plot_activations(model, layer_name: str, image, count: int = 16, columns: int = 8):
    """The first ``count`` feature maps of ``layer_name`` for one image (bright = strong response)."""
    maps = activations(model, layer_name, image)
    count = min(count, maps.shape[-1])
    rows = int(np.ceil(count / columns))
    plt = _pyplot()
    fig, axes = plt.subplots(rows, columns, figsize=(1.2 * columns, 1.25 * rows + 0.4), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for k, ax in zip(range(count), axes.flat):
        ax.imshow(maps[..., k], cmap="viridis")
        ax.set_title(str(k), fontsize=7)
    fig.suptitle(f"{layer_name}: {count} of {maps.shape[-1]} feature maps, each {maps.shape[0]}×{maps.shape[1]}", fontsize=9)
    fig.tight_layout()
    return fig
