"""Draw each channel of an (h, w, channels) array as a small image: feature maps, or a layer's filters."""

from __future__ import annotations

import numpy as np


def plot_channels(stack, count: int = 16, columns: int = 8, title: str | None = None, cmap: str = "viridis"):
    """The first ``count`` channels of ``stack`` (shape (h, w, channels)), one panel each.

    All panels share one colour scale (the colour bar), so a channel that stays
    dark responds less than one that lights up, and an all-zero map looks empty.

    Example::

        probe = keras.Model(model.input, model.get_layer("conv_1").output)
        kt.plot_channels(probe.predict(x_test[:1])[0], title="conv_1 on x_test[0]")
        kt.plot_channels(keras.ops.convert_to_numpy(model.get_layer("conv_1").kernel)[:, :, 0, :], cmap="gray")
    """
    import matplotlib.pyplot as plt

    stack = np.asarray(stack, dtype="float32")
    if stack.ndim == 4 and stack.shape[0] == 1:
        raise ValueError(f"Pass one example's maps, shape (h, w, channels): take [0] of the batch of shape {stack.shape}.")
    if stack.ndim != 3:
        raise ValueError(f"stack must have shape (h, w, channels); got {stack.shape}.")
    if count < 1 or columns < 1:
        raise ValueError(f"count and columns must be at least 1; got count={count}, columns={columns}.")
    count = min(count, stack.shape[-1])
    columns = min(columns, count)
    rows = int(np.ceil(count / columns))
    low, high = float(stack[..., :count].min()), float(stack[..., :count].max())
    fig, axes = plt.subplots(rows, columns, figsize=(1.15 * columns + 0.8, 1.2 * rows + 0.5), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for k, ax in zip(range(count), axes.flat):
        image = ax.imshow(stack[..., k], cmap=cmap, vmin=low, vmax=high, interpolation="nearest")
        ax.set_title(str(k), fontsize=7)
    fig.colorbar(image, ax=axes.ravel().tolist(), fraction=0.03, pad=0.02)
    shown = f"{count} of {stack.shape[-1]} channels, each {stack.shape[0]}×{stack.shape[1]}"
    fig.suptitle(f"{title}: {shown}" if title else shown, fontsize=9)
    return fig
