"""Pickers: live ipywidgets in a kernel; in the built book (``KERASTOUR_BOOK=1``) every option is
rendered once and the page switches between them with no kernel (ipywidgets 7 and 8)."""

import base64
import contextlib
import html
import io
import json
from pathlib import Path

import ipywidgets as widgets

from ..book import book_mode, figure_title

BOOK_OPTIONS = 12  # options per dropdown that the book renders (the rest are named in a note under the picker)
SWITCH = Path(__file__).parent / "picker.js"  # the page's script that switches between them


class Picker(widgets.VBox):
    """One dropdown per choice over one output area; with ``follow={key: (other, options_of)}``, a new
    ``key`` gives ``other`` the options ``options_of(new value)``, then one redraw."""

    def __init__(self, render, choices: dict, labels: dict | None = None, follow: dict | None = None):
        self.render, self.follow, self._quiet = render, follow or {}, False
        self.controls = {key: widgets.Dropdown(options=list(options), value=list(options)[0],
                                               description=(labels or {}).get(key, key)) for key, options in choices.items()}
        self.output = widgets.Output()
        super().__init__([widgets.HBox(list(self.controls.values())), self.output])
        for control in self.controls.values():
            control.observe(self.redraw, names="value")

    @property
    def selection(self) -> dict:
        return {key: control.value for key, control in self.controls.items()}

    def set_options(self, key, options):  # e.g. the classes of a newly chosen dataset; the first is chosen
        self.controls[key].options, self.controls[key].value = list(options), list(options)[0]  # in this order

    def redraw(self, change):
        if self._quiet:
            return
        for key, (other, options_of) in self.follow.items():
            if change["owner"] is self.controls[key]:
                self._quiet = True  # one redraw, below, with the new options
                self.set_options(other, options_of(change["new"]))
                self._quiet = False
        self.output.clear_output(wait=True)
        with self.output:
            show(self.render(**self.selection))


def show(shown):  # what a render function returned: text printed, anything else displayed
    from IPython.display import display
    for item in shown:
        print(item) if isinstance(item, str) else display(item)


def as_html(item, lazy: bool) -> str:
    """One displayable object as HTML: a matplotlib figure as a PNG whose alt text is its title."""
    if hasattr(item, "savefig"):  # a JPEG for pictures (a third of the PNG's size), else a PNG
        buffer, kind = io.BytesIO(), "jpeg" if any(ax.get_images() for ax in item.axes) else "png"
        item.savefig(buffer, format=kind, dpi=60, pil_kwargs={"quality": 60} if kind == "jpeg" else None)
        alt = figure_title(item) or "figure"
        source = f"data:image/{kind};base64," + base64.b64encode(buffer.getvalue()).decode()
        return f'<img {"data-src" if lazy else "src"}="{source}" alt="{html.escape(alt)}">'
    if hasattr(item, "_repr_html_"):
        return item._repr_html_()
    return f"<pre>{html.escape(str(item))}</pre>"


class BookPicker:
    """Every combination of options rendered once, as HTML with dropdowns that switch between them."""

    def __init__(self, render, choices: dict, labels=None, follow=None, book_options=None):
        followed = {other: (key, options_of) for key, (other, options_of) in (follow or {}).items()}
        self.left_out, rows = {}, [{}]
        for key, options in choices.items():
            grown = []
            for row in rows:
                names = list(followed[key][1](row[followed[key][0]]) if key in followed else options)
                limit = (book_options or {}).get(key, BOOK_OPTIONS)
                if len(names) > limit:
                    self.left_out[key] = self.left_out.get(key, 0) + len(names) - limit
                grown += [{**row, key: name} for name in names[:limit]]
            rows = grown
        self.labels, self.choices, self.panes = labels or {}, choices, []
        for number, row in enumerate(rows):
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                shown = render(**row)
            shown = ([printed.getvalue()] if printed.getvalue() else []) + shown
            self.panes.append((row, "".join(as_html(item, lazy=number > 0) for item in shown)))

    def _repr_html_(self):
        first = self.panes[0][0]
        controls = "".join(
            f'<label>{html.escape(self.labels.get(key, key))} <select data-key="{html.escape(key)}">'
            + "".join(f"<option>{html.escape(str(v))}</option>" for v in dict.fromkeys(
                row[key] for row, _ in self.panes if all(row[k] == first[k] for k in list(first)[:i])))
            + "</select></label> " for i, key in enumerate(first))
        panes = "".join(f"<div data-choice='{html.escape(json.dumps({k: str(v) for k, v in row.items()}))}'{' hidden' if n else ''} aria-live='polite'>"
                        f"{body}</div>" for n, (row, body) in enumerate(self.panes))
        note = f"{len(self.panes)} choices are rendered on this page; run the notebook to choose live."
        if self.left_out:
            note += " Left out here: " + ", ".join(f"{n} more {self.labels.get(k, k)} options" for k, n in self.left_out.items()) + "."
        return (f"<div class='kt-picker'><div class='kt-picker-controls'>{controls}</div>{panes}"
                f"<p class='kt-picker-note'>{html.escape(note)}</p><script>{SWITCH.read_text()}</script></div>")


def picker(render, labels: dict | None = None, follow: dict | None = None, book_options=None, **choices):
    """Draw ``render(**first options)`` (a list of things to show) and return a live picker; in the book's
    build, every option pre-rendered (``book_options``: how many of a key's, if not ``BOOK_OPTIONS``).
    Example: ``kt.picker(lambda name, n: [f"{name}: {n}"], name=["mnist", "cifar10"], n=[8, 16])``"""
    if not choices:
        raise ValueError("picker() needs at least one choice, e.g. dataset=['mnist', 'cifar10'].")
    for key, options in choices.items():
        if isinstance(options, str) or not list(options):
            raise ValueError(f"The choice {key!r} needs a list of options, e.g. {key}=['a', 'b']; got {options!r}.")
    if book_mode():
        return BookPicker(render, choices, labels, follow, book_options)
    chosen = Picker(render, choices, labels, follow)
    show(render(**chosen.selection))
    return chosen
