"""Where a classifier looks: Grad-CAM and gradient saliency maps.

Both need the gradient of a class score, and gradients are the one thing
Keras 3 leaves to the backend. ``GRADIENTS`` holds one small function per
backend; any other backend gets an error that names the supported ones.
"""

from __future__ import annotations

import numpy as np


def _tensorflow_gradient(fn, x):
    import tensorflow as tf

    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    return np.asarray(tape.gradient(y, x))


def _jax_gradient(fn, x):
    import jax
    import jax.numpy as jnp

    return np.asarray(jax.grad(fn)(jnp.asarray(x)))


def _torch_gradient(fn, x):
    import torch

    x = torch.tensor(np.asarray(x), requires_grad=True)
    fn(x).backward()
    return x.grad.detach().cpu().numpy()


GRADIENTS = {"tensorflow": _tensorflow_gradient, "jax": _jax_gradient, "torch": _torch_gradient}


def gradient(fn, x, backend: str | None = None) -> np.ndarray:
    """d fn(x) / dx for a scalar-valued ``fn``, with the active backend's autodiff."""
    if backend is None:
        import keras

        backend = keras.backend.backend()
    if backend not in GRADIENTS:
        raise NotImplementedError(
            f"Gradients are not available with the {backend!r} backend. Set KERAS_BACKEND to one of "
            f"{', '.join(GRADIENTS)} before importing Keras."
        )
    return GRADIENTS[backend](fn, np.asarray(x, dtype="float32"))


def _unit(values):
    """Scaled to a maximum of 1 (all zeros stay zeros)."""
    top = values.max()
    return values / top if top > 0 else values


def _batch_of_one(model, image):
    image = np.asarray(image, dtype="float32")
    expected = tuple(model.inputs[0].shape[1:])
    if image.shape == expected:
        image = image[None]
    if image.shape != (1, *expected):
        raise ValueError(f"The model takes one image of shape {expected}; got {image.shape}. Resize (and preprocess) it first.")
    return image


def last_map_layer(model) -> str:
    """The last convolutional feature maps after a non-linearity (the usual Grad-CAM layer)."""
    from .convviz import feature_layers

    return feature_layers(model)[-1]


def split_model(model, layer_name: str):
    """Two models: image -> feature maps of ``layer_name``, and feature maps -> class scores."""
    import keras

    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise ValueError(f"The model has no layer {layer_name!r}. Its layers: {', '.join(names)}.")
    maps = model.get_layer(layer_name).output
    try:
        head = keras.Model(maps, model.outputs[0])
    except ValueError as error:
        raise ValueError(
            f"The rest of the model after {layer_name!r} needs more than that layer's output "
            f"(a skip connection crosses it). Choose a later layer, e.g. {last_map_layer(model)!r}."
        ) from error
    return keras.Model(model.inputs[0], maps), head


def grad_cam(model, image, class_index: int | None = None, layer_name: str | None = None):
    """Grad-CAM (Selvaraju et al., 2017) for one preprocessed image.

    Returns ``(heatmap, class_index)``: a map of the layer's size with values in
    [0, 1], and the class it explains (the top prediction unless given).
    """
    import keras

    body, head = split_model(model, layer_name or last_map_layer(model))
    maps = keras.ops.convert_to_numpy(body(_batch_of_one(model, image), training=False))
    if class_index is None:
        class_index = int(keras.ops.convert_to_numpy(head(maps, training=False))[0].argmax())
    grads = gradient(lambda m: keras.ops.sum(head(m, training=False)[0, class_index]), maps)
    weights = grads[0].mean(axis=(0, 1))  # one weight per channel
    cam = np.maximum((maps[0] * weights).sum(axis=-1), 0)
    return _unit(cam), class_index


def saliency_map(model, image, class_index: int | None = None):
    """Gradient saliency (Simonyan et al., 2014): |d score / d pixel|, max over colour channels, in [0, 1]."""
    import keras

    x = _batch_of_one(model, image)
    if class_index is None:
        class_index = int(keras.ops.convert_to_numpy(model(x, training=False))[0].argmax())
    grads = gradient(lambda v: keras.ops.sum(model(v, training=False)[0, class_index]), x)
    heat = np.abs(grads[0]).max(axis=-1)
    return _unit(heat), class_index


def plot_heatmaps(photo, maps: dict, alpha: float = 0.45):
    """The photo, then each named heat map laid over it (resized to the photo)."""
    import matplotlib.pyplot as plt
    from PIL import Image

    photo = np.asarray(photo)
    if photo.ndim != 3 or photo.shape[-1] != 3:
        raise ValueError(f"photo must be one RGB image (h, w, 3); got shape {photo.shape}.")
    if not maps:
        raise ValueError("Give at least one heat map, e.g. {'Grad-CAM': heatmap}.")
    h, w = photo.shape[:2]
    shown = photo.astype("float32") / (255.0 if photo.max() > 1 else 1.0)
    panel = 3.2
    fig, axes = plt.subplots(1, 1 + len(maps), figsize=(panel * (1 + len(maps)), panel * h / w + 0.45))
    axes[0].imshow(shown)
    axes[0].set_title("photo", fontsize=9)
    for ax, (title, heat) in zip(axes[1:], maps.items()):
        heat = np.asarray(heat, dtype="float32")
        if heat.ndim != 2:
            raise ValueError(f"The heat map {title!r} must be 2-D; got shape {heat.shape}.")
        big = np.asarray(Image.fromarray(heat).resize((w, h), Image.BILINEAR))
        ax.imshow(shown)
        ax.imshow(big, cmap="jet", alpha=alpha, vmin=0, vmax=1)
        ax.set_title(title, fontsize=9)
    for ax in axes:
        ax.axis("off")
    fig.tight_layout()
    return fig
