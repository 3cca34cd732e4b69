"""The facts table of all datasets, a grid of labelled images, a histogram (closed: drawn once)."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..datasets.load import dataset_info, list_datasets
from ..display import as_names

def datasets_table(names=None):
    """A DataFrame with one row per dataset, read from the registry (sizes and shapes of Keras's data):
    ``kt.datasets_table(["mnist", "cifar10"])``, all eight without names."""
    infos = [dataset_info(name) for name in (list_datasets() if names is None else as_names(names))]
    rows = [{"kind": i.kind, "task": i.task.split(":")[0], "train / test": f"{i.train_size:,} / {i.test_size:,}",
             "one x": "list of word indices" if i.kind == "text" else str(i.x_shape),
             "one y": str(i.y_shape) if i.y_shape else "scalar", "classes": i.num_classes or "-",
             "license": i.license, "offline in Keras Tour": i.offline.note} for i in infos]
    return pd.DataFrame(rows, index=pd.Index([i.name for i in infos], name="dataset"))


def _pick(y, n: int, cls: int | None = None, seed: int = 0) -> np.ndarray:
    """Indices of ``n`` examples of ``y`` (1-D): of class ``cls`` if given, else one of each class in turn."""
    rng = np.random.default_rng(seed)
    if cls is not None:
        pool = np.flatnonzero(y == cls)
        if not len(pool):
            raise ValueError(f"No example of class {cls} in this data (labels present: {sorted(set(y.tolist()))[:20]}).")
        return np.sort(rng.choice(pool, size=min(n, len(pool)), replace=False))
    by_class = [rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)]
    in_turn = [int(ix[depth]) for depth in range(max(map(len, by_class))) for ix in by_class if depth < len(ix)]
    return np.asarray(in_turn[:n], dtype=np.int64)


def image_grid(x, y, class_names, n: int = 20, cols: int = 5, cls: int | None = None, title: str = ""):
    """A grid of images (n, h, w[, 3]; 0-255, or 0-1 floats) titled with class names: a few of each, or of
    ``cls``: ``kt.image_grid(x_train, y_train, [str(d) for d in range(10)], title="MNIST")``."""
    x, labels = np.asarray(x), np.asarray(y).reshape(-1)
    if x.ndim not in (3, 4) or len(x) != len(labels) or not len(x):
        raise ValueError(f"image_grid() needs images (n, h, w) or (n, h, w, 3), at least one, and one label each; "
                         f"got x of shape {x.shape} and {len(labels)} labels.")
    if not (0 <= labels.min() and labels.max() < len(class_names)):
        raise ValueError(f"Labels must be 0 to {len(class_names) - 1}, one per name in class_names; got labels "
                         f"from {labels.min()} to {labels.max()}.")
    if isinstance(cols, bool) or not isinstance(cols, int) or cols < 1:
        raise ValueError(f"cols= is how many images per row, a whole number of 1 or more (cols=5); got {cols!r}.")
    chosen = _pick(labels, n, cls)
    rows = max(1, -(-len(chosen) // cols))
    top = 1.0 if x.dtype.kind == "f" and x.max() <= 1 else 255.0  # pixels 0-1 (floats) or 0-255
    if cls is not None:  # one class, one title: the grid as one picture (one Axes draws ~20 times faster than 20)
        tiles = np.pad(x[chosen] / top, [(0, rows * cols - len(chosen)), (0, 2), (0, 2)] + [(0, 0)] * (x.ndim - 3),
                       constant_values=1)  # 0-1, white below and right of each image, and where none is left
        canvas = tiles.reshape(rows, cols, *tiles.shape[1:]).swapaxes(1, 2).reshape(rows * tiles.shape[1], -1, *x.shape[3:])
        fig, axes = plt.subplots(figsize=(cols * 1.5, rows * 1.5 + 0.5), squeeze=False)
        axes[0, 0].imshow(canvas, cmap="gray" if x.ndim == 3 else None, vmin=0, vmax=1)
        axes[0, 0].set_title(str(class_names[cls]), fontsize=11)
    else:
        fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.5, rows * 1.75), squeeze=False)
        for ax, i in zip(axes.flat, chosen):
            ax.imshow(x[i], cmap="gray" if x[i].ndim == 2 else None, vmin=0, vmax=top)  # RGB: matplotlib's own rule
            ax.set_title(str(class_names[int(labels[i])]), fontsize=11)
    for ax in axes.flat:
        ax.axis("off")
    if title:
        fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    plt.close(fig)
    return fig


def histogram(values, xlabel: str, ylabel: str = "examples", title: str = "", marks: dict | None = None):
    """A histogram of ``values`` with its median, and dashed lines at ``marks`` (``{label: value}``):
    ``kt.histogram([len(s) for s in x_train], "tokens per newswire", marks={"maxlen=200": 200})``."""
    values = np.asarray(values, dtype=float).reshape(-1)
    if not len(values):
        raise ValueError("histogram() needs at least one value.")
    fig, ax = plt.subplots(figsize=(6, 2.6))
    ax.hist(values, bins=50, color="#4b7bb5")
    ax.axvline(np.median(values), color="k", lw=1, label=f"median {np.median(values):g}")
    for label, value in (marks or {}).items():
        ax.axvline(value, color="#b45309", ls="--", lw=1, label=label)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(frameon=False)
    fig.tight_layout()
    plt.close(fig)
    return fig
