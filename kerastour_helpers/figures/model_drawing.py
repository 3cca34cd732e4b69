"""``show_model``: ``keras.utils.plot_model``, or the summary as text naming what to fix when it cannot draw."""

import contextlib
import importlib
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

from ..display import Preformatted

# plot_model options (Keras 3 defaults: show_layer_names=False, dpi=200); no splines=: Keras 3.13 (Colab) lacks it.
PLOT_OPTIONS = dict(show_shapes=True, show_dtype=False, show_layer_names=True, show_layer_activations=False,
                    show_trainable=False, expand_nested=False, rankdir="TB", dpi=72)
GRAPHVIZ_INSTALL = "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS) or conda install graphviz"


def problems() -> list[str]:
    """What stops ``plot_model`` here, each with its fix: ``problems() == []`` where pydot and dot work."""
    found = []
    try:
        importlib.import_module("pydot")
    except ImportError as error:
        missing = isinstance(error, ModuleNotFoundError) and error.name == "pydot"
        found.append("pydot is not installed: pip install pydot" if missing else
                     f"pydot is installed but fails to import ({error}): pip install --force-reinstall pydot")
    dot = shutil.which("dot")
    if dot is None:
        return found + [f"Graphviz's dot program is not on the PATH: {GRAPHVIZ_INSTALL}"]
    try:
        run = subprocess.run([dot, "-Tpng"], input=b"digraph { a }", capture_output=True, timeout=30)
        if run.returncode == 0 and run.stdout.startswith(b"\x89PNG"):
            return found
        said = run.stderr.decode(errors="replace").strip().splitlines()
        failure = f"exit code {run.returncode}" + (f", {said[0][:160]}" if said else "")
    except (OSError, subprocess.TimeoutExpired) as error:
        failure = str(error)
    return found + [f"Graphviz's dot program ({dot}) fails ({failure}): reinstall Graphviz, {GRAPHVIZ_INSTALL}"]


def show_model(model, **options):
    """Draw ``model`` with ``plot_model`` (its options, defaults ``PLOT_OPTIONS``), else its summary as text
    with the fix: ``kt.show_model(model, expand_nested=True, show_trainable=True)``."""
    import keras
    from IPython.display import Image
    from IPython.utils.capture import capture_output
    from PIL import Image as PILImage

    if unknown := sorted(set(options) - set(PLOT_OPTIONS)):
        raise TypeError(f"Unknown option(s) {', '.join(unknown)}. show_model takes: {', '.join(PLOT_OPTIONS)}.")
    if not isinstance(model, keras.Model):
        raise TypeError(f"show_model() draws a Keras model, not a {type(model).__name__} ({model!r:.40}): pass "
                        "the model itself, e.g. kt.show_model(model).")
    if not model.built:
        raise ValueError("The model is not built yet: give it an Input, or call it on a batch, then draw it.")
    chosen = {**PLOT_OPTIONS, **options}
    found = problems()
    if not found:
        with tempfile.TemporaryDirectory(prefix="kerastour-plot-") as folder:
            path = Path(folder) / "model.png"
            try:  # pydot prints dot's error output before it raises: keep it out of the page
                with contextlib.redirect_stdout(io.StringIO()):
                    keras.utils.plot_model(model, to_file=str(path), **chosen)
                drawn = path.read_bytes()  # no file: FileNotFoundError, an OSError
                PILImage.open(io.BytesIO(drawn)).verify()  # not a whole PNG: an OSError or SyntaxError
                return Image(drawn)
            except (ImportError, OSError, AssertionError, SyntaxError) as error:
                found = [f"plot_model failed ({str(error).splitlines()[0] if str(error) else type(error).__name__})"]
    # As wide as its table (Keras cuts it to $COLUMNS); no empty Rich output box in IPython.
    parts = []
    with capture_output(stdout=False, stderr=False), mock.patch.dict(os.environ, COLUMNS="120"):
        model.summary(print_fn=lambda text, *args, **kwargs: parts.append(text),
                      expand_nested=chosen["expand_nested"], show_trainable=chosen["show_trainable"])
    hint = f"plot_model cannot draw here, so here is the model as text. {'; '.join(found)}; then restart the kernel."
    return Preformatted("\n".join(parts).rstrip(), hint)
