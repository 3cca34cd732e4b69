"""Draw a model with ``keras.utils.plot_model``, or show it as text when Graphviz is missing.

``show_model(model, **options)`` passes every ``plot_model`` option explicitly
(Keras 3 changed several defaults), writes the picture into a temporary folder
(no stray ``model.png`` next to the notebook) and returns it for display. When
``pydot`` or Graphviz's ``dot`` program is missing it returns the model's
summary as text, with one line that says how to install what is missing,
instead of raising an ImportError that would stop the notebook.
"""

from __future__ import annotations

import html
import contextlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The options we pass to plot_model, with the book's choices. Keras 3's own
# defaults differ (show_layer_names=False, dpi=200): never rely on them.
PLOT_OPTIONS = {
    "show_shapes": True,
    "show_dtype": False,
    "show_layer_names": True,
    "show_layer_activations": False,
    "show_trainable": False,
    "expand_nested": False,
    "rankdir": "TB",
    "dpi": 72,
}

# What plot_model needs, how to tell whether it is there, and how to install it.
GRAPHVIZ_INSTALL = "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS) or conda install graphviz"
REQUIREMENTS = {
    "pydot": (lambda: importlib.util.find_spec("pydot") is not None, "pip install pydot"),
    "dot": (lambda: shutil.which("dot") is not None, GRAPHVIZ_INSTALL),
}


def missing_tools() -> list[str]:
    """The names in ``REQUIREMENTS`` that are not installed (empty when plot_model can run)."""
    return [name for name, (present, _) in REQUIREMENTS.items() if not present()]


def install_hint(missing) -> str:
    """One line saying how to install what is missing."""
    steps = "; ".join(f"for {name}: {REQUIREMENTS[name][1]}" for name in missing)
    return f"plot_model needs {' and '.join(missing)}, so here is the model as text. To draw it: {steps}; then restart the kernel."


def _hide_displays():
    """In IPython, swallow displays: Keras's Rich console leaves an empty output box when print_fn is given."""
    try:
        from IPython import get_ipython
        from IPython.utils.capture import capture_output
    except ImportError:
        return contextlib.nullcontext()
    if get_ipython() is None:
        return contextlib.nullcontext()
    return capture_output(stdout=False, stderr=False, display=True)


def summary_text(model, print_fn=None, **options) -> str:
    """``model.summary(**options)`` as a string (Keras 3 hands ``print_fn`` the whole table at once).

    Keras captures the table with a console as wide as ``$COLUMNS`` (80 when unset),
    which would cut a wider table; it is set to fit while the summary is drawn. A
    ``print_fn`` of your own is also called, exactly as Keras calls it. In a notebook,
    the empty output box that Keras's Rich console leaves behind is not shown.
    """
    parts = []

    def collect(text, *args, **kwargs):
        parts.append(text)
        if print_fn is not None:
            print_fn(text, *args, **kwargs)

    width = str(max(options.get("line_length") or 0, 120))
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width
    try:
        with _hide_displays():
            model.summary(print_fn=collect, **options)
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n".join(parts).rstrip()


@dataclass(repr=False)
class ModelPicture:
    """A PNG drawn by plot_model; notebooks display it, ``save(path)`` writes it."""

    png: bytes
    options: dict

    def _repr_png_(self):
        return self.png

    def __repr__(self):
        return f"<model picture: {len(self.png):,} bytes of PNG; display it in a notebook or save(path)>"

    def save(self, path) -> Path:
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"{path} already exists; Keras Tour does not overwrite files. Choose another name.")
        path.write_bytes(self.png)
        return path


@dataclass
class ModelText:
    """The text shown instead of a picture when plot_model cannot run."""

    text: str
    hint: str

    def __str__(self):
        return f"{self.hint}\n{self.text}"

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        return f"<p><em>{html.escape(self.hint)}</em></p><pre>{html.escape(self.text)}</pre>"


def show_model(model, **options):
    """Draw ``model`` with ``keras.utils.plot_model``; fall back to text when Graphviz is missing.

    ``options`` are plot_model's own (see ``PLOT_OPTIONS`` for the book's defaults).
    Returns a ``ModelPicture`` (displayed as PNG) or a ``ModelText``.
    """
    unknown = sorted(set(options) - set(PLOT_OPTIONS))
    if unknown:
        raise TypeError(f"Unknown option(s) {', '.join(unknown)}. show_model takes: {', '.join(PLOT_OPTIONS)}.")
    if not getattr(model, "built", False):
        raise ValueError("The model is not built yet: give it an Input, or call it on a batch, then draw it.")
    chosen = {**PLOT_OPTIONS, **options}
    missing = missing_tools()
    if not missing:
        png = _plot(model, chosen)
        if png is not None:
            return ModelPicture(png, chosen)
        missing = ["dot"]  # plot_model found no working Graphviz after all
    text_options = {"expand_nested": chosen["expand_nested"], "show_trainable": chosen["show_trainable"]}
    return ModelText(summary_text(model, **text_options), install_hint(missing))


def _plot(model, options) -> bytes | None:
    """plot_model into a temporary folder; the PNG's bytes, or None when Graphviz failed."""
    import keras

    with tempfile.TemporaryDirectory(prefix="kerastour-plot-") as folder:
        path = Path(folder) / "model.png"
        try:
            keras.utils.plot_model(model, to_file=str(path), **options)
        except (ImportError, OSError):
            return None
        return path.read_bytes() if path.is_file() else None
