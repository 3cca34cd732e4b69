"""``show_model``: ``keras.utils.plot_model``, or the summary as text naming what to fix when it cannot draw."""

import contextlib
import importlib
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from .tables import Preformatted

# The book's plot_model options. Keras 3's own defaults differ (show_layer_names=False, dpi=200).
# No splines=: Keras 3.13 (Colab) has no such argument.
PLOT_OPTIONS = dict(show_shapes=True, show_dtype=False, show_layer_names=True, show_layer_activations=False,
                    show_trainable=False, expand_nested=False, rankdir="TB", dpi=72)
GRAPHVIZ_INSTALL = "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS) or conda install graphviz"


def problems() -> list[str]:
    """What stops ``plot_model`` from drawing here (pydot, Graphviz's ``dot``), each with its fix.

    Example::

        problems()  # [] where both work
    """
    found = []
    try:
        importlib.import_module("pydot")
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and error.name == "pydot":
            found.append("pydot is not installed: pip install pydot")
        else:
            found.append(f"pydot is installed but fails to import ({error}): pip install --force-reinstall pydot")
    dot = shutil.which("dot")
    if dot is None:
        return found + [f"Graphviz's dot program is not on the PATH: {GRAPHVIZ_INSTALL}"]
    try:
        run = subprocess.run([dot, "-Tpng"], input=b"digraph { a }", capture_output=True, timeout=30)
        said = run.stderr.decode(errors="replace").strip().splitlines()
        failure = f"exit code {run.returncode}" + (f", {said[0][:160]}" if said else "")
        works = run.returncode == 0 and run.stdout.startswith(b"\x89PNG")
    except (OSError, subprocess.TimeoutExpired) as error:
        failure, works = str(error), False
    if not works:
        found.append(f"Graphviz's dot program ({dot}) fails ({failure}): reinstall Graphviz, {GRAPHVIZ_INSTALL}")
    return found


def _summary_text(model, **options) -> str:
    """``model.summary(**options)`` as one string, as wide as the table (not cut to $COLUMNS)."""
    parts, hide = [], contextlib.nullcontext()
    with contextlib.suppress(ImportError):
        from IPython import get_ipython
        from IPython.utils.capture import capture_output

        if get_ipython() is not None:  # Keras's Rich console leaves an empty output box behind
            hide = capture_output(stdout=False, stderr=False, display=True)
    width = str(max(options.get("line_length") or 0, 120))  # Keras caps the table at the terminal's width
    with hide, mock.patch.dict(os.environ, {"COLUMNS": width}):
        model.summary(print_fn=lambda text, *args, **kwargs: parts.append(text), **options)
    return "\n".join(parts).rstrip()


@dataclass(repr=False)
class ModelPicture:
    """A PNG drawn by plot_model, displayed by notebooks."""

    png: bytes
    options: dict

    def _repr_png_(self):
        return self.png

    def __repr__(self):
        return f"<model picture: {len(self.png):,} bytes of PNG; display it in a notebook>"


def show_model(model, **options):
    """Draw ``model`` with ``plot_model`` (its options, defaults ``PLOT_OPTIONS``), else its summary as text with the fix.

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
        import keras

        with tempfile.TemporaryDirectory(prefix="kerastour-plot-") as folder:
            path = Path(folder) / "model.png"
            try:  # pydot prints dot's error output before it raises: keep it out of the page
                with contextlib.redirect_stdout(io.StringIO()):
                    keras.utils.plot_model(model, to_file=str(path), **chosen)
                return ModelPicture(path.read_bytes(), chosen)  # no file: FileNotFoundError, an OSError
            except (ImportError, OSError, AssertionError) as error:
                found = [f"plot_model failed ({str(error).splitlines()[0] if str(error) else type(error).__name__})"]
    text = _summary_text(model, expand_nested=chosen["expand_nested"], show_trainable=chosen["show_trainable"])
    hint = f"plot_model cannot draw here, so here is the model as text. {'; '.join(found)}; then restart the kernel."
    return Preformatted(text, hint)
