"""Draw each channel of an (h, w, channels) array as a small image: feature maps, or a layer's filters."""

import matplotlib.pyplot as plt
import numpy as np


def plot_channels(stack, count: int = 16, columns: int = 8, title: str | None = None, cmap: str = "viridis"):
    """The first ``count`` channels of ``stack`` (h, w, channels), one panel each, on one colour scale:
    ``kt.plot_channels(maps[0], title="conv_1 on x_test[0]")`` (maps: a layer's output on x_test[:1])."""
    stack = np.asarray(stack, dtype="float32")
    if stack.ndim != 3:
        batch = " (take [0] of the batch)" if stack.ndim == 4 and stack.shape[0] == 1 else ""
        raise ValueError(f"stack must have shape (h, w, channels){batch}; got {stack.shape}.")
    if count < 1 or columns < 1:
        raise ValueError(f"count and columns must be at least 1; got count={count}, columns={columns}.")
    count = min(count, stack.shape[-1])
    columns, shown = min(columns, count), stack[..., :count]
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(1.15 * columns + 0.8, 1.2 * rows + 0.5), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < count:  # one scale for all: an all-zero map looks empty, a dark one responds less
            image = ax.imshow(shown[..., k], cmap=cmap, vmin=shown.min(), vmax=shown.max(), interpolation="nearest")
            ax.set_title(str(k), fontsize=7)
    fig.colorbar(image, ax=axes.ravel().tolist(), fraction=0.03, pad=0.02)
    what = f"{count} of {stack.shape[-1]} channels, each {stack.shape[0]}×{stack.shape[1]}"
    fig.suptitle(f"{title}: {what}" if title else what, fontsize=9)
    return fig
