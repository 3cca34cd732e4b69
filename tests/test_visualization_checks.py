"""The visualization chapter's exercises: each right answer is recomputed from the reader's objects."""

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import checks as checks_package


@pytest.fixture(autouse=True)
def only_this_chapter(monkeypatch):
    """These tests stand on the visualization chapter's exercises alone, whatever state the others are in."""
    monkeypatch.setattr(checks_package, "CHAPTERS", ("visualization",))


def convnet(filters=32, kernel=3):
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(12, 12, 1)),
            keras.layers.Conv2D(8, 3, activation="relu", name="conv_1"),
            keras.layers.Conv2D(filters, kernel, activation="relu", name="conv_2"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(3, name="scores"),
        ]
    )


def test_layer_params_follows_the_readers_model():
    assert kt.check("visualization.layer_params", (3 * 3 * 8 + 1) * 32, model=convnet())
    assert kt.check("visualization.layer_params", (5 * 5 * 8 + 1) * 4, model=convnet(filters=4, kernel=5))
    assert not kt.check("visualization.layer_params", (3 * 3 * 8 + 1) * 32, model=convnet(filters=4, kernel=5))
    assert not kt.check("visualization.layer_params", 3 * 3 * 8 * 32, model=convnet())  # the biases count too


def test_layer_params_names_a_missing_layer():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2, name="d")])
    with pytest.raises(ValueError, match="no layer 'conv_2'.*d"):
        kt.check("visualization.layer_params", 1, model=model)


def test_silent_maps_counts_the_channels_that_stay_zero():
    model = convnet(filters=6)
    kernel, bias = model.get_layer("conv_2").get_weights()
    kernel[..., :4] = -1.0  # conv_1's outputs are >= 0, so these four maps are <= 0 everywhere
    bias[:4] = -1.0
    kernel[..., 4:] = 1.0
    bias[4:] = 1.0
    model.get_layer("conv_2").set_weights([kernel, bias])
    image = np.random.default_rng(0).random((12, 12, 1)).astype("float32")
    assert kt.check("visualization.silent_maps", 4, model=model, image=image)
    assert not kt.check("visualization.silent_maps", 0, model=model, image=image)


def test_gradcam_peak_row_uses_the_readers_grad_cam_on_the_top_class():
    model = convnet()
    image = np.random.default_rng(1).random((12, 12, 1)).astype("float32")
    top = int(np.argmax(keras.ops.convert_to_numpy(model(image[None]))[0]))
    calls = []

    def grad_cam(model, image, class_index, layer_name="conv_2"):
        calls.append((class_index, layer_name))
        heat = np.zeros((8, 8))
        heat[5, 2] = 1.0
        return heat

    assert kt.check("visualization.gradcam_peak_row", 5, grad_cam=grad_cam, model=model, image=image, layer_name="conv_2")
    assert not kt.check("visualization.gradcam_peak_row", 2, grad_cam=grad_cam, model=model, image=image, layer_name="conv_2")
    assert calls[0] == (top, "conv_2")


def test_gradcam_peak_row_needs_the_readers_function():
    with pytest.raises(TypeError, match="grad_cam=grad_cam"):
        kt.check("visualization.gradcam_peak_row", 3, model=convnet(), image=np.zeros((12, 12, 1)))
