"""Filters, feature maps and the activation picker."""

import matplotlib

matplotlib.use("Agg")

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import convviz


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def convnet(channels=1):
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(12, 12, channels)),
            keras.layers.Conv2D(6, 3, activation="relu", name="conv_a"),
            keras.layers.MaxPooling2D(name="pool"),
            keras.layers.Conv2D(4, 3, name="conv_linear"),
            keras.layers.ReLU(name="relu"),
            keras.layers.GlobalAveragePooling2D(keepdims=True, name="gap"),
            keras.layers.Flatten(name="flat"),
            keras.layers.Dense(2, name="out"),
        ]
    )


def test_feature_layers_are_the_nonlinear_maps_and_positions_pick_among_them():
    model = convnet()
    assert convviz.map_layers(model) == ["conv_a", "pool", "conv_linear", "relu", "gap"]
    assert kt.feature_layers(model) == ["conv_a", "relu"]  # not linear, not 1x1
    assert [convviz.layer_at(model, p) for p in ("first", "middle", "last")] == ["conv_a", "relu", "relu"]
    with pytest.raises(ValueError, match="Choose one of: first, middle, last"):
        convviz.layer_at(model, "top")


def test_activations_are_the_layer_output():
    model = convnet()
    image = np.random.default_rng(0).random((12, 12, 1)).astype("float32")
    maps = convviz.activations(model, "conv_a", image)
    direct = keras.Model(model.inputs[0], model.get_layer("conv_a").output)(image[None])
    np.testing.assert_allclose(maps, np.asarray(direct)[0], rtol=1e-6)
    fig = kt.plot_activations(model, "conv_a", image, count=4, columns=4)
    shown = [ax.get_images()[0].get_array() for ax in fig.axes if ax.get_images()]
    assert len(shown) == 4
    np.testing.assert_allclose(shown[2], maps[..., 2], rtol=1e-6)


def test_activation_errors_name_the_fix():
    model = convnet()
    with pytest.raises(ValueError, match=r"shape \(12, 12, 1\).*got \(12, 12\)"):
        convviz.activations(model, "conv_a", np.zeros((12, 12)))
    with pytest.raises(ValueError, match="no layer 'conv_b'.*conv_a"):
        convviz.activations(model, "conv_b", np.zeros((12, 12, 1)))
    with pytest.raises(ValueError, match="'out' does not output feature maps.*conv_a"):
        convviz.activations(model, "out", np.zeros((12, 12, 1)))


def test_filters_show_each_kernel_scaled():
    model = convnet(channels=3)
    fig = kt.plot_filters(model, count=6, columns=3)
    shown = [ax.get_images()[0].get_array() for ax in fig.axes if ax.get_images()]
    kernel = model.get_layer("conv_a").get_weights()[0]
    assert len(shown) == 6 and shown[0].shape == (3, 3, 3)  # RGB filters drawn in colour
    k = kernel[..., 5]
    np.testing.assert_allclose(shown[5], (k - k.min()) / (k.max() - k.min() + 1e-8), rtol=1e-5)


def test_filter_errors():
    with pytest.raises(ValueError, match="'pool' is a MaxPooling2D"):
        kt.plot_filters(convnet(), "pool")
    dense = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="no layer of type Conv2D"):
        kt.plot_filters(dense)


def test_activation_picker_draws_the_default_then_every_choice(monkeypatch):
    import IPython.display

    drawn = []
    monkeypatch.setattr(IPython.display, "display", lambda fig, *a, **k: drawn.append(fig._suptitle.get_text()))
    digits = convnet()
    colour = convnet(channels=3)
    chosen = kt.activation_picker({"grey": (digits, np.zeros((12, 12, 1))), "colour": (colour, np.ones((12, 12, 3)))})
    assert len(drawn) == 1 and drawn[0].startswith("conv_a:")  # the static default
    chosen.controls["layer"].value = "last"
    chosen.controls["model"].value = "colour"
    assert [d.split(":")[0] for d in drawn] == ["conv_a", "relu", "relu"]
    with pytest.raises(ValueError, match=r"\(model, image\) pair"):
        kt.activation_picker({"bad": digits})
