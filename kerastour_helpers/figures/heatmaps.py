"""Lay heat maps (Grad-CAM, saliency) over a photo.

The maps themselves are computed on the page, with Keras and the backend's
gradients; this module only draws them.
"""

from __future__ import annotations

import numpy as np


def plot_heatmaps(photo, maps: dict, alpha: float = 0.45, grid: bool = True):
    """The photo, then each named heat map laid over it, stretched to the photo's size.

    Each map is scaled to its own maximum (red = that map's peak); a map that is
    zero everywhere says so in its title. With ``grid=True`` thin lines show the
    map's cells (a 4x4 Grad-CAM map has 16), so a peak can be read as (row, column).

    Example::

        kt.plot_heatmaps(kt.load_photo("cat"), {"Grad-CAM: tabby": heatmap})
    """
    import matplotlib.pyplot as plt
    from PIL import Image

    photo = np.asarray(photo)
    if photo.ndim != 3 or photo.shape[-1] != 3:
        raise ValueError(f"photo must be one RGB image (h, w, 3); got shape {photo.shape}.")
    if not maps:
        raise ValueError("Give at least one heat map, e.g. {'Grad-CAM': heatmap}.")
    checked = {}
    for title, heat in maps.items():
        heat = np.asarray(heat, dtype="float32")
        if heat.ndim != 2:
            raise ValueError(f"The heat map {title!r} must be 2-D (rows, columns); got shape {heat.shape}.")
        if not np.all(np.isfinite(heat)):
            raise ValueError(f"The heat map {title!r} holds NaN or infinite values.")
        checked[title] = heat
    h, w = photo.shape[:2]
    shown = photo.astype("float32") / (255.0 if photo.max() > 1 else 1.0)
    panel = 3.0
    fig, axes = plt.subplots(1, 1 + len(checked), figsize=(panel * (1 + len(checked)), panel * h / w + 0.5))
    axes[0].imshow(shown)
    axes[0].set_title("photo", fontsize=9)
    for ax, (title, heat) in zip(axes[1:], checked.items()):
        top = heat.max()
        if top <= 0:
            title = f"{title}\n(zero everywhere)"
        scaled = heat / top if top > 0 else np.zeros_like(heat)
        big = np.asarray(Image.fromarray(scaled).resize((w, h), Image.BILINEAR))
        ax.imshow(shown)
        ax.imshow(big, cmap="jet", alpha=alpha, vmin=0, vmax=1)
        if grid:
            rows, columns = heat.shape
            for k in range(1, rows):
                ax.axhline(k * h / rows - 0.5, color="white", linewidth=0.5, alpha=0.6)
            for k in range(1, columns):
                ax.axvline(k * w / columns - 0.5, color="white", linewidth=0.5, alpha=0.6)
        ax.set_title(title, fontsize=9)
    for ax in axes:
        ax.axis("off")
    fig.tight_layout()
    return fig
