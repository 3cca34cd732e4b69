"""Lay heat maps (Grad-CAM, saliency), computed on the page, over a photo."""

import matplotlib.pyplot as plt
import numpy as np
from PIL import Image


def plot_heatmaps(photo, maps: dict, alpha: float = 0.45, grid: bool = True):
    """The photo, then each named heat map over it, stretched to the photo, scaled to its peak, its cells
    drawn: ``kt.plot_heatmaps(cat_photo, {"Grad-CAM: tabby": heatmap})``."""
    photo, maps = np.asarray(photo), {title: np.asarray(heat, dtype="float32") for title, heat in maps.items()}
    if photo.ndim != 3 or photo.shape[-1] != 3:
        raise ValueError(f"photo must be one RGB image (h, w, 3); got shape {photo.shape}.")
    if not maps or any(heat.ndim != 2 or not np.isfinite(heat).all() for heat in maps.values()):
        raise ValueError(f"Give at least one heat map, each 2-D and finite (no NaN); got shapes {[m.shape for m in maps.values()]}.")
    (h, w), shown = photo.shape[:2], photo.astype("float32") / (255.0 if photo.max() > 1 else 1.0)
    fig, axes = plt.subplots(1, 1 + len(maps), figsize=(3.0 * (1 + len(maps)), 3.0 * h / w + 0.5), dpi=72, layout="tight")
    for ax, (title, heat) in zip(axes, [("photo", None), *maps.items()]):  # thumbnails: the photo, then each map on it
        ax.imshow(shown)
        ax.axis("off")
        if heat is not None:
            top = heat.max()
            scaled = np.asarray(Image.fromarray(heat / top if top > 0 else heat * 0).resize((w, h), Image.BILINEAR))
            ax.imshow(scaled, cmap="jet", alpha=alpha, vmin=0, vmax=1)
            for line, cells, size in zip((ax.axhline, ax.axvline), heat.shape, (h, w)) if grid else ():
                for k in range(1, cells):
                    line(k * size / cells - 0.5, color="white", linewidth=0.5, alpha=0.6)
        ax.set_title(title if heat is None or top > 0 else f"{title}\n(zero everywhere)", fontsize=9)
    return fig
