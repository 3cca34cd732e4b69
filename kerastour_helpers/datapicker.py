"""``dataset_picker()``: choose a dataset (and, for image sets, a class); see its facts and a preview.

Built on :mod:`kerastour_helpers.widgets.pickers`, so the default choice is first drawn
as an ordinary output, which the static HTML book shows even though it cannot
run widgets. Choosing another dataset swaps the class dropdown's options and
redraws once.
"""

from __future__ import annotations

import functools

from .datasets import dataset_info, list_datasets
from .widgets.pickers import Picker

ALL_CLASSES = "(all classes)"
# Which datasets offer a choice of class: the image sets (a grid of one class).
CLASS_CHOICE = {"mnist", "fashion_mnist", "cifar10", "cifar100"}


def class_choices(name: str) -> list:
    """The options of the class dropdown for ``name``: all classes, then each class for image sets."""
    info = dataset_info(name)
    return [ALL_CLASSES] + (list(info.class_names) if name in CLASS_CHOICE else [])


@functools.lru_cache(maxsize=None)
def _load(name: str):
    """Load once per session; the banner is shown by the view, beside the preview."""
    from .datasets import load_dataset

    return load_dataset(name, banner=False)


@functools.lru_cache(maxsize=None)
def _word_index(name: str):
    from .datasets import load_word_index

    return load_word_index(name) if "word_index" in dataset_info(name).extra else None


def view(dataset: str, cls: str = ALL_CLASSES) -> list:
    """Everything the picker shows for one choice, in order (banner, facts, arrays, preview)."""
    from .previews import dataset_facts, dataset_preview, describe_arrays

    data = _load(dataset)
    shown = [] if data.source == "keras" else [data.banner]
    shown += [dataset_facts(dataset), _Text(describe_arrays(data))]
    chosen = None if cls in (None, ALL_CLASSES) else cls
    return shown + dataset_preview(dataset, data, cls=chosen, word_index=_word_index(dataset))


class _Text(str):
    """Plain text that a notebook shows as preformatted text."""

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        import html

        return f"<pre>{html.escape(str(self))}</pre>"


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
    seven by default); ``default`` is drawn first and heads the dropdown.
    ``render_fn(dataset=..., cls=...)`` draws one choice (default: :func:`render`).
    """
    if datasets is not None and default not in datasets:
        default = None
    chosen = DatasetPicker(datasets, default, render_fn)
    render_fn(**chosen.selection)
    return chosen
