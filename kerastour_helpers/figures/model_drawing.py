"""Draw a model with ``keras.utils.plot_model``, or show it as text when Graphviz cannot run.

``show_model(model, **options)`` passes every ``plot_model`` option explicitly
(Keras 3 changed several defaults), writes the picture into a temporary folder
(no stray ``model.png`` next to the notebook) and returns it for display. When
``pydot`` or Graphviz's ``dot`` program is missing or broken, it returns the
model's summary as text with one line that names the problem and the fix,
instead of stopping the notebook.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import io
import os
import shutil
import subprocess
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
}  # no splines=: Keras 3.13 (Colab) has no such argument; 3.15 defaults to "ortho", as 3.13 draws

GRAPHVIZ_INSTALL = "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS) or conda install graphviz"
PYDOT_INSTALL = "pip install pydot"


def _pydot_problem() -> str | None:
    """Why ``import pydot`` fails (what plot_model tries first), or None when it works."""
    try:
        importlib.import_module("pydot")
    except ModuleNotFoundError as error:
        if error.name == "pydot":
            return f"pydot is not installed: {PYDOT_INSTALL}"
        return f"pydot is installed but fails to import ({error}): pip install --force-reinstall pydot"
    except ImportError as error:
        return f"pydot is installed but fails to import ({error}): pip install --force-reinstall pydot"
    return None


def _dot_problem() -> str | None:
    """Why Graphviz's ``dot`` cannot draw a one-node graph, or None when it can."""
    dot = shutil.which("dot")
    if dot is None:
        return f"Graphviz's dot program is not on the PATH: {GRAPHVIZ_INSTALL}"
    try:
        run = subprocess.run([dot, "-Tpng"], input=b"digraph { a }", capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Graphviz's dot program ({dot}) does not run ({error}): reinstall Graphviz, {GRAPHVIZ_INSTALL}"
    if run.returncode != 0 or not run.stdout.startswith(b"\x89PNG"):
        said = run.stderr.decode(errors="replace").strip().splitlines()
        detail = f"exit code {run.returncode}" + (f", {said[0][:160]}" if said else "")
        return f"Graphviz's dot program ({dot}) fails ({detail}): reinstall Graphviz, {GRAPHVIZ_INSTALL}"
    return None


def problems() -> list[str]:
    """What stops ``plot_model`` from drawing here, each with its fix (empty when it can draw).

    Example::

        >>> problems()
        []
    """
    return [problem for problem in (_pydot_problem(), _dot_problem()) if problem]


def install_hint(found) -> str:
    """One line: why the model is shown as text, and how to draw it."""
    return f"plot_model cannot draw here, so here is the model as text. {'; '.join(found)}; then restart the kernel."


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


def _summary_text(model, **options) -> str:
    """``model.summary(**options)`` as one string, as wide as the table (not cut to $COLUMNS)."""
    parts = []
    width = str(max(options.get("line_length") or 0, 120))
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width  # Keras caps the table at the terminal's width
    try:
        with _hide_displays():
            model.summary(print_fn=lambda text, *args, **kwargs: parts.append(text), **options)
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
    """Draw ``model`` with ``keras.utils.plot_model``; fall back to text when Graphviz cannot run.

    ``options`` are plot_model's own (see ``PLOT_OPTIONS`` for the book's defaults).
    Returns a ``ModelPicture`` (displayed as PNG) or a ``ModelText`` whose hint
    names what is missing or broken (pydot, Graphviz's ``dot``) and how to fix it.

    Example::

        kt.show_model(model, expand_nested=True, show_trainable=True)
    """
    unknown = sorted(set(options) - set(PLOT_OPTIONS))
    if unknown:
        raise TypeError(f"Unknown option(s) {', '.join(unknown)}. show_model takes: {', '.join(PLOT_OPTIONS)}.")
    if not getattr(model, "built", False):
        raise ValueError("The model is not built yet: give it an Input, or call it on a batch, then draw it.")
    chosen = {**PLOT_OPTIONS, **options}
    found = problems()
    if not found:
        png, failure = _plot(model, chosen)
        if png is not None:
            return ModelPicture(png, chosen)
        found = [f"plot_model failed ({failure})"]
    text_options = {"expand_nested": chosen["expand_nested"], "show_trainable": chosen["show_trainable"]}
    return ModelText(_summary_text(model, **text_options), install_hint(found))


def _plot(model, options) -> tuple[bytes | None, str]:
    """plot_model into a temporary folder: (the PNG's bytes, "") or (None, why it drew nothing)."""
    import keras

    with tempfile.TemporaryDirectory(prefix="kerastour-plot-") as folder:
        path = Path(folder) / "model.png"
        said = io.StringIO()
        try:  # pydot prints dot's error output before it raises: keep it for the hint instead
            with contextlib.redirect_stdout(said):
                keras.utils.plot_model(model, to_file=str(path), **options)
        except (ImportError, OSError, AssertionError) as error:
            return None, str(error).splitlines()[0] if str(error) else type(error).__name__
        if not path.is_file():  # in IPython Keras prints its message and draws nothing
            return None, said.getvalue().strip()[:200] or "no picture was written"
        return path.read_bytes(), ""
