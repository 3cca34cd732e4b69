"""A dropdown picker that first draws its default choice as an ordinary output (for the static book)."""

import ipywidgets as widgets


class Picker(widgets.VBox):
    """One dropdown per choice over one output area; with ``follow={key: (other, options_of)}``, a new
    ``key`` gives ``other`` the options ``options_of(new value)``, then one redraw."""

    def __init__(self, render, choices: dict, labels: dict | None = None, follow: dict | None = None):
        if not choices:
            raise ValueError("picker() needs at least one choice, e.g. dataset=['mnist', 'cifar10'].")
        for key, options in choices.items():
            if not options:
                raise ValueError(f"The choice {key!r} has no options.")
        self.render, self.follow, self._quiet = render, follow or {}, False
        self.controls = {
            key: widgets.Dropdown(options=list(options), value=list(options)[0], description=(labels or {}).get(key, key))
            for key, options in choices.items()
        }
        self.output = widgets.Output()
        super().__init__([widgets.HBox(list(self.controls.values())), self.output])
        for control in self.controls.values():
            control.observe(self.redraw, names="value")

    @property
    def selection(self) -> dict:
        return {key: control.value for key, control in self.controls.items()}

    def set_options(self, key, options):
        """Replace one dropdown's options (e.g. the classes of a newly chosen dataset); its first is chosen."""
        self.controls[key].options = list(options)
        self.controls[key].value = list(options)[0]

    def redraw(self, change):
        if self._quiet:
            return
        for key, (other, options_of) in self.follow.items():
            if change["owner"] is self.controls[key]:
                self._quiet = True  # one redraw, below, with the new options
                try:
                    self.set_options(other, options_of(change["new"]))
                finally:
                    self._quiet = False
        self.output.clear_output(wait=True)
        with self.output:
            self.render(**self.selection)


def picker(render, labels: dict | None = None, follow: dict | None = None, **choices) -> Picker:
    """Draw ``render(**first options)`` as a static output, then return the picker (ipywidgets 7 and 8).

    Example::

        kt.picker(lambda name, n: print(name, n), name=["mnist", "cifar10"], n=[8, 16])
    """
    chosen = Picker(render, choices, labels, follow)
    render(**chosen.selection)
    return chosen
