"""Look at a dataset: a facts table, what the arrays hold, class balance, and pictures.

``dataset_preview(name, data, cls=None)`` shows the right view for each dataset: a grid
of labelled images, decoded texts with their length distribution, or Boston's
feature table and target distribution. Which view a dataset gets is data
(``VIEWS``), not code branches. Figures are returned (and closed), so they draw
once in a notebook and never pile up.
"""

from __future__ import annotations

import html

import numpy as np

from .datasets import dataset_info


# ----------------------------------------------------------------------------- tables


class Table:
    """Rows of (field, value) that show as an HTML table in a notebook and as text elsewhere."""

    def __init__(self, rows, title: str = ""):
        self.rows, self.title = [(str(k), str(v)) for k, v in rows], title

    def __str__(self):
        width = max((len(k) for k, _ in self.rows), default=0)
        lines = [self.title] if self.title else []
        return "\n".join(lines + [f"{k:<{width}}  {v}" for k, v in self.rows])

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        caption = f"<caption style='text-align:left'><strong>{html.escape(self.title)}</strong></caption>" if self.title else ""
        body = "".join(
            f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in self.rows
        )
        return f"<table>{caption}{body}</table>"


def dataset_facts(name: str) -> Table:
    """The registry's facts about a dataset: task, sizes, classes, source, license, citation."""
    info = dataset_info(name)
    return Table(info.as_rows(), title=info.title)


def _range(a) -> str:
    a = np.asarray(a)
    if a.dtype == object:  # sequences of word indices
        lengths = [len(s) for s in a]
        top = max((max(s) for s in a if len(s)), default=0)
        return f"lists of {min(lengths)} to {max(lengths)} indices, largest index {top}"
    lo, hi = a.min(), a.max()
    fmt = (lambda v: f"{v:g}") if np.issubdtype(a.dtype, np.floating) else str
    return f"{fmt(lo)} to {fmt(hi)}"


def array_rows(data) -> list:
    """(array, shape, dtype, values) rows for ``((x_train, y_train), (x_test, y_test))``."""
    (x_train, y_train), (x_test, y_test) = data
    rows = []
    for label, a in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test), ("y_test", y_test)):
        a = np.asarray(a)
        rows.append((label, str(a.shape), str(a.dtype), _range(a)))
    return rows


def describe_arrays(data) -> str:
    """What the loader returned, one line per array: shape, dtype and value range."""
    lines = [f"{'array':8} {'shape':18} {'dtype':8} values"]
    lines += [f"{a:8} {s:18} {d:8} {v}" for a, s, d, v in array_rows(data)]
    source = getattr(data, "source", None)
    if source:
        lines.append(f"source: {source}")
    return "\n".join(lines)


def class_balance(y, class_names=()) -> list:
    """(class, count, share) for every class present in ``y``, in label order."""
    y = np.asarray(y).reshape(-1)
    labels, counts = np.unique(y, return_counts=True)
    total = counts.sum()
    rows = []
    for label, count in zip(labels, counts):
        name = class_names[int(label)] if class_names and 0 <= int(label) < len(class_names) else str(label)
        rows.append((name, int(count), float(count / total)))
    return rows


def balance_text(y, class_names=(), top: int | None = None) -> str:
    """Class balance as text, most frequent first when ``top`` is given."""
    rows = class_balance(y, class_names)
    if top is not None:
        rows = sorted(rows, key=lambda r: -r[1])[:top]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{n:<{width}} {c:6,d}  {100 * s:5.1f} %" for n, c, s in rows)


# ----------------------------------------------------------------------------- figures


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def _finish(fig):
    """Close the figure (so notebooks do not draw it twice) and return it for display."""
    _pyplot().close(fig)
    return fig


def pick_examples(y, n: int, cls: int | None = None, seed: int = 0) -> np.ndarray:
    """Indices of ``n`` examples: of class ``cls`` if given, else a few of each class in turn."""
    y = np.asarray(y).reshape(-1)
    rng = np.random.default_rng(seed)
    if cls is not None:
        pool = np.flatnonzero(y == cls)
        if not len(pool):
            raise ValueError(f"No example of class {cls} in this data.")
        return np.sort(rng.choice(pool, size=min(n, len(pool)), replace=False))
    by_class = [rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)]
    picked, depth = [], 0
    while len(picked) < n and any(depth < len(ix) for ix in by_class):
        picked += [int(ix[depth]) for ix in by_class if depth < len(ix)]
        depth += 1
    return np.asarray(picked[:n])


def image_grid(x, y, class_names, cls: int | None = None, n: int = 20, cols: int = 5, seed: int = 0, title: str = ""):
    """A grid of labelled images (of one class when ``cls`` is given).

    Five columns of large cells keep the class names legible once the figure is shrunk to
    the width of a book page (about 7 inches).
    """
    plt = _pyplot()
    chosen = pick_examples(y, n, cls, seed)
    labels = np.asarray(y).reshape(-1)
    rows = max(1, -(-len(chosen) // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.5, rows * 1.75), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, i in zip(axes.flat, chosen):
        image = x[i]
        ax.imshow(image, cmap="gray" if image.ndim == 2 else None, vmin=0, vmax=255)
        ax.set_title(class_names[int(labels[i])], fontsize=11)
    if title:
        fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    return _finish(fig)


def length_histogram(x, title: str = "", maxlen: int | None = None):
    """How many tokens the sequences have; a dashed line marks ``maxlen`` if given."""
    plt = _pyplot()
    lengths = np.fromiter((len(s) for s in x), dtype=np.int64, count=len(x))
    fig, ax = plt.subplots(figsize=(6, 2.6))
    ax.hist(lengths, bins=50, color="#4b7bb5")
    ax.axvline(np.median(lengths), color="k", lw=1, label=f"median {np.median(lengths):.0f}")
    if maxlen:
        ax.axvline(maxlen, color="#b45309", ls="--", lw=1, label=f"maxlen={maxlen}")
    ax.set_xlabel("tokens per example")
    ax.set_ylabel("examples")
    ax.legend(frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)


def balance_bars(y, class_names, title: str = "", top: int = 20):
    """Examples per class as bars (the ``top`` most frequent classes)."""
    plt = _pyplot()
    rows = sorted(class_balance(y, class_names), key=lambda r: -r[1])[:top]
    fig, ax = plt.subplots(figsize=(6, 0.22 * len(rows) + 0.8))
    ax.barh([r[0] for r in rows][::-1], [r[1] for r in rows][::-1], color="#4b7bb5")
    ax.set_xlabel("examples")
    ax.tick_params(axis="y", labelsize=7)
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)


def target_histogram(y, title: str = ""):
    """The distribution of a regression target (Boston: median value in k$)."""
    plt = _pyplot()
    y = np.asarray(y, dtype=float)
    fig, ax = plt.subplots(figsize=(6, 2.6))
    ax.hist(y, bins=30, color="#4b7bb5")
    ax.axvline(y.max(), color="#b45309", ls="--", lw=1, label=f"cap at {y.max():g} k$")
    ax.set_xlabel("median home value (k$)")
    ax.set_ylabel("suburbs")
    ax.legend(frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return _finish(fig)


def feature_frame(x, y=None, name: str = "boston_housing"):
    """A pandas table of a tabular dataset with its feature names (and the target as MEDV)."""
    import pandas as pd

    info = dataset_info(name)
    names = info.extra.get("feature_names")
    if not names:
        raise ValueError(f"{name!r} has no feature names; only tabular datasets do (boston_housing).")
    frame = pd.DataFrame(np.asarray(x), columns=list(names))
    if y is not None:
        frame["MEDV"] = np.asarray(y)
    return frame


# ----------------------------------------------------------------------------- one view per kind


def _class_index(info, cls):
    if cls is None:
        return None
    if isinstance(cls, str):
        if cls not in info.class_names:
            raise ValueError(f"{cls!r} is not a class of {info.name}. Classes: {', '.join(info.class_names)}.")
        return info.class_names.index(cls)
    return int(cls)


def _image_view(name, data, cls=None, word_index=None):
    info = dataset_info(name)
    (x_train, y_train), _ = data
    index = _class_index(info, cls)
    what = f"class {info.class_names[index]!r}" if index is not None else "one or two of each class"
    return [image_grid(x_train, y_train, info.class_names, cls=index, title=f"{info.title}: {what} (training set)")]


def _text_view(name, data, cls=None, word_index=None):
    from .textsets import decode_example, first_of_each_label

    info = dataset_info(name)
    (x_train, y_train), _ = data
    index = _class_index(info, cls)
    labels = [index] if index is not None else range(min(2, info.num_classes))
    shown = []
    if word_index is not None:
        shown = [decode_example(name, x_train, y_train, i, word_index) for i in first_of_each_label(y_train, labels)]
    return shown + [
        length_histogram(x_train, title=f"{info.title}: tokens per example (training set)"),
        balance_bars(y_train, info.class_names, title=f"{info.title}: examples per class (training set)"),
    ]


def _table_view(name, data, cls=None, word_index=None):
    (x_train, y_train), _ = data
    return [feature_frame(x_train, y_train, name).head(), target_histogram(y_train, title="Boston: the target")]


VIEWS = {
    "boston_housing": _table_view,
    "imdb": _text_view,
    "reuters": _text_view,
    "mnist": _image_view,
    "fashion_mnist": _image_view,
    "cifar10": _image_view,
    "cifar100": _image_view,
}


def dataset_preview(name: str, data, cls=None, word_index=None) -> list:
    """The objects that show ``name`` best (figures, tables, decoded texts), in order.

    ``cls`` (a class name or label) narrows image and text views to one class;
    ``word_index`` lets text views decode examples back to words.
    """
    dataset_info(name)
    return VIEWS[name](name, data, cls=cls, word_index=word_index)


def datasets_overview():
    """One row per dataset of the tour: task, sizes, shapes, classes, and what ships offline."""
    import pandas as pd

    from .datasets import list_datasets

    rows = []
    for name in list_datasets():
        info = dataset_info(name)
        rows.append(
            {
                "dataset": name,
                "task": info.task.split(":")[0],
                "train": info.train_size,
                "test": info.test_size,
                "one x": str(info.x_shape) if not isinstance(info.x_shape[0], str) else "word indices",
                "classes": info.num_classes or "-",
                "offline here": {"keras-files": "all, real", "subset": "real subset", "synthetic": "synthetic"}[info.offline],
            }
        )
    return pd.DataFrame(rows).set_index("dataset")
