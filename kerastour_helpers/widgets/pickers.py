"""A small ipywidgets picker that also leaves a static output for the book's HTML.

``picker(render, dataset=[...], cls=[...])`` first draws ``render`` for the
default choices as an ordinary output (so the rendered book shows it even where
widgets cannot run), then shows one dropdown per choice; changing any dropdown
redraws ``render`` for the new selection in the widget's output area below.
"""

from __future__ import annotations


class Picker:
    """The controls and output area of a picker; ``redraw()`` renders the current choice."""

    def __init__(self, render, choices: dict, labels: dict | None = None):
        import ipywidgets as widgets

        if not choices:
            raise ValueError("picker() needs at least one choice, e.g. dataset=['mnist', 'cifar10'].")
        for key, options in choices.items():
            if not options:
                raise ValueError(f"The choice {key!r} has no options.")
        labels = labels or {}
        self.render = render
        self.controls = {
            key: widgets.Dropdown(options=list(options), value=list(options)[0], description=labels.get(key, key))
            for key, options in choices.items()
        }
        self.output = widgets.Output()
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.output])

    @property
    def selection(self) -> dict:
        return {key: control.value for key, control in self.controls.items()}

    def set_options(self, key, options):
        """Replace one dropdown's options (e.g. the classes of a newly chosen dataset)."""
        control = self.controls[key]
        control.options = list(options)
        control.value = list(options)[0]

    def redraw(self, change=None):
        self.output.clear_output(wait=True)
        with self.output:
            self.render(**self.selection)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def picker(render, labels: dict | None = None, **choices) -> Picker:
    """Draw ``render(**defaults)`` as a static output, then return the interactive picker.

    The first option of each choice is its default. Make the picker the last
    expression of a cell so that it is displayed. Works with ipywidgets 7 (Colab)
    and 8.

    Example::

        >>> def show(dataset, size):
        ...     print(f"{dataset}: {size} images")
        >>> kt.picker(show, dataset=["mnist", "cifar10"], size=[8, 16])
        mnist: 8 images
    """
    chosen = Picker(render, choices, labels)
    render(**chosen.selection)
    return chosen
