"""show_model: draws with plot_model when Graphviz is there, falls back to text when it is not."""

import inspect
import os
import shutil
import sys

import keras
import pytest

import kerastour_helpers as kt
from kerastour_helpers import modelviz
from kerastour_helpers.checks import exercises
EXERCISES = exercises()

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


@needs_dot
def test_draws_a_png_and_leaves_no_file_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    picture = kt.show_model(small_model(), rankdir="LR")
    assert isinstance(picture, modelviz.ModelPicture)
    assert picture.png.startswith(PNG_SIGNATURE) and picture._repr_png_() == picture.png
    assert picture.options["rankdir"] == "LR" and picture.options["show_layer_names"] is True
    assert os.listdir(tmp_path) == []  # no stray model.png


@needs_dot
def test_options_change_the_picture():
    model = nested_model()
    assert kt.show_model(model).png != kt.show_model(model, expand_nested=True).png


@needs_dot
def test_save_writes_once_and_never_overwrites(tmp_path):
    picture = kt.show_model(small_model())
    target = picture.save(tmp_path / "small.png")
    assert target.read_bytes() == picture.png
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError, match="does not overwrite"):
        picture.save(target)
    assert target.read_bytes() == b"mine"


def test_without_dot_shows_text_and_how_to_install(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(modelviz.shutil, "which", lambda name, *a, **k: None if name == "dot" else real_which(name, *a, **k))
    shown = kt.show_model(small_model())
    assert isinstance(shown, modelviz.ModelText)
    assert "\n" not in shown.hint
    for command in ("apt-get install graphviz", "brew install graphviz", "conda install graphviz"):
        assert command in shown.hint
    for layer in ("left", "right", "join", "out"):
        assert layer in shown.text
    assert "Connected to" in shown.text  # the branching shows in text too
    assert shown.hint in str(shown) and "<pre>" in shown._repr_html_()


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
    assert isinstance(shown, modelviz.ModelText) and "graphviz" in shown.hint


def test_without_pydot_says_pip_install_pydot(monkeypatch):
    monkeypatch.setitem(sys.modules, "pydot", None)  # import pydot now fails
    shown = kt.show_model(small_model())
    assert isinstance(shown, modelviz.ModelText)
    assert "pip install pydot" in shown.hint


def test_text_fallback_expands_nested_models_when_asked(monkeypatch):
    monkeypatch.setattr(modelviz, "missing_tools", lambda: ["dot"])
    model = nested_model()
    assert "inner_dense" not in kt.show_model(model).text
    assert "inner_dense" in kt.show_model(model, expand_nested=True).text


def test_unknown_option_lists_the_valid_ones():
    with pytest.raises(TypeError, match="show_shapes.*dpi"):
        kt.show_model(small_model(), show_shape=True)


def test_an_unbuilt_model_gets_a_clear_error():
    with pytest.raises(ValueError, match="not built"):
        kt.show_model(keras.Sequential([keras.layers.Dense(2)]))


def test_every_plot_model_option_is_passed_explicitly():
    accepted = set(inspect.signature(keras.utils.plot_model).parameters)
    assert set(modelviz.PLOT_OPTIONS) <= accepted


def test_summary_text_is_the_whole_table():
    text = kt.summary_text(small_model(), line_length=100)
    assert text.startswith('Model: "small"') and "Total params" in text
    assert max(len(line) for line in text.splitlines()) == 100  # not cut to a console's 80 columns
    assert "COLUMNS" not in os.environ or os.environ["COLUMNS"] != "100"


def test_summary_text_passes_each_call_on_to_your_print_fn():
    calls = []
    text = kt.summary_text(small_model(), print_fn=lambda text, **kwargs: calls.append(text))
    assert len(calls) == 1 and calls[0].rstrip() == text  # Keras 3: one call, with the whole table


def test_exercise_answers_match_keras():
    assert inspect.signature(keras.utils.plot_model).parameters["dpi"].default == EXERCISES["visualization.dpi_default"].answer
    calls = []
    small_model().summary(print_fn=lambda text, **kwargs: calls.append(text))
    assert len(calls) == EXERCISES["visualization.print_fn_calls"].answer
