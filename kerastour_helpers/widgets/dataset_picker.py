"""``dataset_picker()``: choose a dataset (and, for image sets, a class); see its facts and a preview.

What a dataset's preview shows depends only on its registry ``kind`` (``VIEWS``):
images get a grid (of one class if chosen), texts two decoded examples and their
lengths, tables their first rows and their target. Built on
:mod:`kerastour_helpers.widgets.pickers`, so the default choice is first drawn as an
ordinary output, which the static book shows though it cannot run widgets.
"""

from __future__ import annotations

import functools

import numpy as np

from ..datasets.load import dataset_info, list_datasets
from .pickers import Picker

ALL_CLASSES = "(all classes)"


def class_choices(name: str) -> list:
    """The class dropdown's options: all classes, then each class for image datasets."""
    info = dataset_info(name)
    return [ALL_CLASSES] + (list(info.class_names) if info.kind == "image" else [])


@functools.cache
def _load(name: str):
    """Loaded once per session; the view shows its banner beside the preview."""
    from ..datasets.load import load_dataset

    return load_dataset(name, banner=False)


class _Text(str):
    """Plain text that a notebook shows as preformatted text."""

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        import html

        return f"<pre>{html.escape(str(self))}</pre>"


def facts(name: str):
    """The registry's facts about one dataset, as a two-column table."""
    import pandas as pd

    info = dataset_info(name)
    return pd.DataFrame(info.as_rows(), columns=["", info.title]).set_index("")


def _image_view(info, data, cls):
    from ..figures.datasets import image_grid

    (x_train, y_train), _ = data
    index = None if cls is None else info.class_names.index(cls)
    what = "one or two of each class" if index is None else f"class {cls!r}"
    return [image_grid(x_train, y_train, info.class_names, cls=index, title=f"{info.title}: {what}")]


def _text_view(info, data, cls):
    from ..datasets.load import load_word_index
    from ..datasets.text import decode
    from ..figures.datasets import histogram

    (x_train, y_train), _ = data
    words = load_word_index(info.name)
    shown = []
    for label in range(2):
        first = int(np.flatnonzero(np.asarray(y_train) == label)[0])
        text = decode(x_train[first], words)
        shown.append(_Text(f"x_train[{first}], label {label} ({info.class_names[label]}): {text[:400]}"))
    lengths = [len(s) for s in x_train]
    return shown + [histogram(lengths, "tokens per example", title=f"{info.title}: lengths (training set)")]


def _table_view(info, data, cls):
    import pandas as pd

    from ..figures.datasets import histogram

    (x_train, y_train), _ = data
    frame = pd.DataFrame(x_train, columns=list(info.extra["feature_names"])).assign(target=y_train)
    return [frame.head(), histogram(y_train, "target", title=f"{info.title}: the target (training set)")]


VIEWS = {"image": _image_view, "text": _text_view, "table": _table_view}


def view(dataset: str, cls: str = ALL_CLASSES) -> list:
    """Everything the picker shows for one choice, in order: banner (if any), facts, preview.

    Example::

        kt.widgets.dataset_picker.view("cifar10", "frog")
    """
    info = dataset_info(dataset)
    chosen = None if cls in (None, ALL_CLASSES) else cls
    if chosen is not None and chosen not in class_choices(dataset):
        raise ValueError(f"{chosen!r} is not a class of {dataset} to choose. Choose one of: {', '.join(info.class_names)}.")
    data = _load(dataset)
    shown = [] if data.source == "keras" else [data.banner]
    return shown + [facts(dataset)] + VIEWS[info.kind](info, data, chosen)


def render(dataset: str, cls: str = ALL_CLASSES):
    """Display the view of one choice (in the picker's output area, or as a cell's output)."""
    from IPython.display import display

    for item in view(dataset, cls):
        display(item)


class DatasetPicker:
    """A dataset dropdown and a class dropdown over one output area."""

    def __init__(self, datasets=None, default: str | None = None, render_fn=render):
        names = list(datasets or list_datasets())
        for name in names + ([default] if default else []):
            dataset_info(name)  # unknown names get the list of valid ones
        if default:
            if default not in names:
                raise ValueError(f"default={default!r} is not among the choices: {', '.join(names)}.")
            names.remove(default)
            names.insert(0, default)  # a dropdown starts at its first option
        self.picker = Picker(
            render_fn,
            {"dataset": names, "cls": class_choices(names[0])},
            labels={"dataset": "dataset", "cls": "class"},
        )
        control = self.controls["dataset"]
        control.unobserve(self.picker.redraw, names="value")
        control.observe(self.on_dataset, names="value")

    @property
    def controls(self):
        return self.picker.controls

    @property
    def selection(self) -> dict:
        return self.picker.selection

    def on_dataset(self, change=None):
        """A new dataset: offer its classes (from "all classes"), then redraw once."""
        cls = self.controls["cls"]
        cls.unobserve(self.picker.redraw, names="value")
        try:
            self.picker.set_options("cls", class_choices(self.controls["dataset"].value))
        finally:
            cls.observe(self.picker.redraw, names="value")
        self.picker.redraw()

    def _ipython_display_(self):
        self.picker._ipython_display_()


def dataset_picker(datasets=None, default: str | None = "mnist", render_fn=render) -> DatasetPicker:
    """Draw the default choice as a static output, then return the interactive picker.

    Make it the last expression of a cell. ``datasets`` limits the choice (all
    eight by default); ``default`` is drawn first and heads the dropdown.
    ``render_fn(dataset=..., cls=...)`` draws one choice (default: :func:`render`).

    Example::

        kt.dataset_picker()                                   # MNIST first
        kt.dataset_picker(["reuters", "imdb"], default="imdb")
    """
    if datasets is not None and default not in datasets:
        default = None
    chosen = DatasetPicker(datasets, default, render_fn)
    render_fn(**chosen.selection)
    return chosen
