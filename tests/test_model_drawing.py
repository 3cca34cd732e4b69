"""show_model: draws with plot_model when Graphviz works, falls back to text (naming the fix) when it does not."""

import inspect
import os
import shutil
import sys
import textwrap

import keras
import pytest

import kerastour_helpers as kt
from kerastour_helpers.figures import model_drawing
from kerastour_helpers.display import Preformatted

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed here")


def small_model():
    inputs = keras.Input(shape=(6,), name="numbers")
    left = keras.layers.Dense(4, activation="relu", name="left")(inputs)
    right = keras.layers.Dense(3, activation="tanh", name="right")(inputs)
    joined = keras.layers.Concatenate(name="join")([left, right])
    return keras.Model(inputs, keras.layers.Dense(2, name="out")(joined), name="small")


def nested_model():
    inner = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(3, name="inner_dense")], name="inner")
    inputs = keras.Input(shape=(5,))
    return keras.Model(inputs, keras.layers.Dense(1, name="outer_dense")(inner(inputs)), name="outer")


def fake_program(folder, name, script):
    """An executable ``name`` in ``folder`` that runs the shell ``script``."""
    path = folder / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(script))
    path.chmod(0o755)
    return path


def png_size(png):
    """(width, height) from a PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@needs_dot
def test_draws_a_png_and_leaves_no_file_behind(tmp_path, monkeypatch):
    from IPython.display import Image

    monkeypatch.chdir(tmp_path)
    picture = kt.show_model(small_model(), rankdir="LR")
    assert isinstance(picture, Image) and picture.format == "png"
    assert picture.data.startswith(PNG_SIGNATURE)  # shown as image/png by Jupyter
    across, down = png_size(picture.data), png_size(kt.show_model(small_model()).data)
    assert across[0] / across[1] > 2 * down[0] / down[1]  # rankdir="LR" reached plot_model ("TB" by default)
    assert os.listdir(tmp_path) == []  # no stray model.png


@needs_dot
def test_options_change_the_picture():
    model = nested_model()
    assert kt.show_model(model).data != kt.show_model(model, expand_nested=True).data


def test_without_dot_shows_text_and_how_to_install(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(model_drawing.shutil, "which", lambda name, *a, **k: None if name == "dot" else real_which(name, *a, **k))
    shown = kt.show_model(small_model())
    assert isinstance(shown, Preformatted)
    assert "\n" not in shown.note and "not on the PATH" in shown.note
    for command in ("apt-get install graphviz", "brew install graphviz", "conda install graphviz"):
        assert command in shown.note
    for layer in ("left", "right", "join", "out"):
        assert layer in shown.text
    assert "Connected to" in shown.text  # the branching shows in text too
    assert shown.note in str(shown) and "<pre>" in shown._repr_html_()


def test_without_dot_on_the_path_keras_fails_but_show_model_does_not(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no dot anywhere
    model = small_model()
    try:  # Keras raises, or (when IPython is loaded) prints a message and draws nothing
        drawn = keras.utils.plot_model(model, to_file=str(tmp_path / "m.png"))
    except ImportError as error:
        assert "graphviz" in str(error)
    else:
        assert drawn is None and not (tmp_path / "m.png").exists()
    shown = kt.show_model(model)
    assert isinstance(shown, Preformatted) and "graphviz" in shown.note


def test_a_dot_that_exits_1_falls_back_to_text_and_says_so(monkeypatch, tmp_path, capsys):
    # Issue 10: a broken Graphviz made show_model raise pydot's AssertionError.
    fake_program(tmp_path, "dot", """\
        echo "dot: Format: png not recognized" >&2
        exit 1
    """)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    shown = kt.show_model(small_model())
    assert isinstance(shown, Preformatted)
    assert "fails (exit code 1, dot: Format: png not recognized)" in shown.note
    assert "reinstall Graphviz" in shown.note and "apt-get install graphviz" in shown.note
    assert "out" in shown.text
    assert "returned code" not in capsys.readouterr().out  # pydot's own printout stays out of the page


def test_a_dot_that_draws_garbage_falls_back_to_text(monkeypatch, tmp_path):
    """It answers the probe with a PNG, then writes 7 bytes that are no image: those came back as the picture."""
    fake_program(tmp_path, "dot", """\
        if [ "$#" -eq 1 ]; then printf '\\211PNG\\r\\n\\032\\n'; else printf garbage; fi
    """)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert model_drawing.problems() == []  # dot itself looks fine
    shown = kt.show_model(small_model())
    assert isinstance(shown, Preformatted) and "plot_model failed" in shown.note and "out" in shown.text


def test_what_is_not_a_model_is_named():
    """show_model("model") said the model was not built."""
    with pytest.raises(TypeError, match=r"show_model\(\) draws a Keras model, not a str \('model'\).*kt.show_model\(model\)"):
        kt.show_model("model")


def test_without_pydot_says_pip_install_pydot(monkeypatch):
    monkeypatch.setitem(sys.modules, "pydot", None)  # import pydot now fails: not installed
    shown = kt.show_model(small_model())
    assert isinstance(shown, Preformatted)
    assert "pydot is not installed: pip install pydot" in shown.note
    assert "graphviz" not in shown.note.lower() or shutil.which("dot") is None


def test_a_pydot_that_fails_to_import_is_named_with_its_fix(monkeypatch, tmp_path):
    # Issue 10: pydot installed but broken (e.g. an incompatible pyparsing) got the "install graphviz" hint.
    broken = tmp_path / "pydot"
    broken.mkdir()
    (broken / "__init__.py").write_text("from pyparsing import no_such_name\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "pydot", raising=False)
    from keras.src.utils import model_visualization

    monkeypatch.setattr(model_visualization, "pydot", None)  # as Keras sees it when pydot failed at its import
    shown = kt.show_model(small_model())
    assert isinstance(shown, Preformatted)
    assert "pydot is installed but fails to import" in shown.note
    assert "no_such_name" in shown.note and "pip install --force-reinstall pydot" in shown.note
    if shutil.which("dot"):
        assert "graphviz" not in shown.note.lower()  # dot is fine: the hint does not send you there


def test_text_fallback_expands_nested_models_when_asked(monkeypatch):
    monkeypatch.setattr(model_drawing, "problems", lambda: ["Graphviz's dot program is not on the PATH"])
    model = nested_model()
    assert "inner_dense" not in kt.show_model(model).text
    assert "inner_dense" in kt.show_model(model, expand_nested=True).text


def test_the_text_is_the_whole_table_not_cut_to_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setattr(model_drawing, "problems", lambda: ["Graphviz's dot program is not on the PATH"])
    text = kt.show_model(small_model()).text
    assert text.startswith('Model: "small"') and "Total params" in text
    assert max(len(line) for line in text.splitlines()) > 60  # Keras would cut it to COLUMNS - 4
    assert os.environ["COLUMNS"] == "60"  # put back


def test_unknown_option_lists_the_valid_ones():
    with pytest.raises(TypeError, match="show_shapes.*dpi"):
        kt.show_model(small_model(), show_shape=True)


def test_an_unbuilt_model_gets_a_clear_error():
    with pytest.raises(ValueError, match="not built"):
        kt.show_model(keras.Sequential([keras.layers.Dense(2)]))


def test_every_plot_model_option_is_passed_explicitly():
    parameters = inspect.signature(keras.utils.plot_model).parameters
    # splines= is left at Keras's default: Keras 3.13 (Colab) has no such argument.
    explicit = {name for name, p in parameters.items() if p.default is not p.empty and name not in ("to_file", "splines")}
    assert set(model_drawing.PLOT_OPTIONS) == explicit
