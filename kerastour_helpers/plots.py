"""Figures practitioners look at after training: curves, confusion matrix, mistakes, 2-D maps.

Each function checks its inputs first and says what to pass when they are wrong,
then returns a matplotlib Figure (a notebook displays it).
"""

from __future__ import annotations

import numpy as np


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def history_dict(history) -> dict:
    """The per-epoch values of a ``History`` (or of its ``.history`` dict), checked."""
    values = getattr(history, "history", history)
    if not isinstance(values, dict):
        raise TypeError(f"Pass the History that model.fit() returns (or its .history dict), not {type(values).__name__}.")
    if not values or not any(len(v) for v in values.values()):
        raise ValueError("The history is empty: train with history = model.fit(...) first, then pass that history.")
    return {k: list(v) for k, v in values.items()}


def plot_history(history, metrics=None):
    """One panel per metric: training and validation values per epoch."""
    values = history_dict(history)
    available = [k for k in values if not k.startswith("val_")]
    metrics = list(metrics) if metrics is not None else available
    unknown = [m for m in metrics if m not in values]
    if unknown or not metrics:
        raise ValueError(f"No metric {', '.join(unknown) or '(none given)'} in this history. It has: {', '.join(available)}.")
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 3.2), squeeze=False)
    for ax, name in zip(axes[0], metrics):
        epochs = np.arange(1, len(values[name]) + 1)
        ax.plot(epochs, values[name], "o-", label="training")
        if f"val_{name}" in values:
            ax.plot(epochs, values[f"val_{name}"], "s--", label="validation")
        ax.set(title=name, xlabel="epoch")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend()
    fig.tight_layout()
    return fig


def _labels(y, name: str, num_classes: int | None = None) -> np.ndarray:
    """Class ids from ids or from per-class scores (one row per example)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        y = y.argmax(axis=1)
    elif y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{name} must be class ids (shape (n,)) or scores (shape (n, classes)); got shape {y.shape}.")
    if y.size == 0:
        raise ValueError(f"{name} is empty.")
    if not np.issubdtype(y.dtype, np.integer):
        if not np.all(np.equal(np.mod(y, 1), 0)):
            raise ValueError(f"{name} holds non-integer values: pass class ids, or the model's scores with shape (n, classes).")
        y = y.astype(int)
    if num_classes is not None and (y.min() < 0 or y.max() >= num_classes):
        raise ValueError(f"{name} has class ids outside 0..{num_classes - 1}; give one class name per class.")
    return y


def confusion_matrix(y_true, y_pred, num_classes: int) -> np.ndarray:
    """Counts: row = true class, column = predicted class."""
    y_true = _labels(y_true, "y_true", num_classes)
    y_pred = _labels(y_pred, "y_pred", num_classes)
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} examples but y_pred has {len(y_pred)}: pass predictions for the same examples.")
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def most_confused(matrix: np.ndarray, class_names) -> tuple:
    """(true name, predicted name, count) of the largest off-diagonal cell."""
    off = matrix - np.diag(np.diag(matrix))
    i, j = np.unravel_index(off.argmax(), off.shape)
    return class_names[i], class_names[j], int(off[i, j])


def plot_confusion_matrix(y_true, y_pred, class_names, normalize: bool = False):
    """The confusion matrix with class names on both axes and the count in each cell."""
    class_names = list(class_names)
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    shown = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1) if normalize else matrix
    plt = _pyplot()
    size = 1.5 + 0.45 * len(class_names)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(shown, cmap="Blues")
    ticks = np.arange(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=45, ha="right")
    ax.set_yticks(ticks, class_names)
    ax.set(xlabel="predicted class", ylabel="true class")
    threshold = shown.max() / 2
    for (i, j), value in np.ndenumerate(shown):
        text = f"{value:.2f}" if normalize else str(value)
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if value > threshold else "black")
    fig.colorbar(image, ax=ax, fraction=0.046)
    fig.tight_layout()
    return fig


def _image_batch(images, name="images") -> np.ndarray:
    images = np.asarray(images)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim not in (3, 4) or (images.ndim == 4 and images.shape[-1] != 3):
        raise ValueError(f"{name} must be a batch of images, shape (n, h, w), (n, h, w, 1) or (n, h, w, 3); got {images.shape}.")
    return images


def misclassified(y_true, y_pred) -> np.ndarray:
    """Indices of the examples whose predicted class is wrong."""
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} examples but y_pred has {len(y_pred)}.")
    return np.flatnonzero(y_true != y_pred)


def show_misclassified(images, y_true, y_pred, class_names, count: int = 12, columns: int = 6):
    """The first ``count`` mistakes, each titled 'true -> predicted' (with the confidence when scores are given)."""
    images = _image_batch(images)
    scores = np.asarray(y_pred)
    wrong = misclassified(y_true, y_pred)
    if len(images) != len(scores):
        raise ValueError(f"There are {len(images)} images but {len(scores)} predictions.")
    if len(wrong) == 0:
        raise ValueError("The model made no mistakes on these examples: there is nothing to show.")
    truth, guess = _labels(y_true, "y_true", len(class_names)), _labels(y_pred, "y_pred", len(class_names))
    chosen = wrong[:count]
    rows = int(np.ceil(len(chosen) / columns))
    plt = _pyplot()
    fig, axes = plt.subplots(rows, columns, figsize=(1.6 * columns, 1.9 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, chosen):
        ax.imshow(images[i], cmap="gray_r" if images.ndim == 3 else None)
        title = f"{class_names[truth[i]]} → {class_names[guess[i]]}"
        if scores.ndim == 2 and scores.shape[1] > 1:
            title += f"\n{scores[i].max():.0%}"
        ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


def _pca(features, seed):
    from sklearn.decomposition import PCA

    return PCA(n_components=2, random_state=seed).fit_transform(features)


def _tsne(features, seed):
    from sklearn.manifold import TSNE
    from threadpoolctl import threadpool_limits

    perplexity = min(30.0, (len(features) - 1) / 3)
    tsne = TSNE(n_components=2, init="pca", perplexity=perplexity, max_iter=500, random_state=seed)
    # One thread: on a busy or small machine, t-SNE's OpenMP threads fight each other (10x slower).
    with threadpool_limits(limits=1):
        return tsne.fit_transform(features)


PROJECTIONS = {"pca": ("PCA", _pca), "tsne": ("t-SNE", _tsne)}


def project(features, method: str = "pca", seed: int = 0) -> np.ndarray:
    """2-D coordinates of the feature vectors (one row per example)."""
    if method not in PROJECTIONS:
        raise ValueError(f"Unknown projection {method!r}. Choose one of: {', '.join(PROJECTIONS)}.")
    features = np.asarray(features, dtype="float32")
    if features.ndim != 2 or len(features) < 5:
        raise ValueError(f"features must be a 2-D array (examples, features) with at least 5 rows; got shape {features.shape}.")
    return PROJECTIONS[method][1](features, seed)


def plot_projection(features, labels, class_names, method: str = "pca", seed: int = 0, ax=None):
    """Scatter of the 2-D projection, one colour per class."""
    labels = _labels(labels, "labels", len(class_names))
    if len(labels) != len(features):
        raise ValueError(f"There are {len(features)} feature rows but {len(labels)} labels.")
    points = project(features, method, seed)
    plt = _pyplot()
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.2, 4.4))
    colours = plt.get_cmap("tab10" if len(class_names) <= 10 else "tab20")
    for k, name in enumerate(class_names):
        here = labels == k
        ax.scatter(points[here, 0], points[here, 1], s=6, color=colours(k % colours.N), label=name)
    ax.set(title=PROJECTIONS[method][0], xticks=[], yticks=[])
    ax.legend(markerscale=2.5, fontsize=7, loc="best", ncol=2)
    return fig if fig is not None else ax.figure
