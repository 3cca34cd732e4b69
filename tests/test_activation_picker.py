"""The activation picker: which layers it offers, what it draws, and its errors."""

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.widgets import activation_picker as picker_module


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


def test_feature_layers_are_the_nonlinear_maps():
    model = convnet()
    assert picker_module.feature_layers(model) == ["conv_a", "relu"]  # not pooling, not linear, not 1x1
    with pytest.raises(ValueError, match="no convolutional feature maps"):
        picker_module.feature_layers(keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)]))


def stack(count):
    """A convnet with ``count`` conv+ReLU layers."""
    return keras.Sequential([keras.Input(shape=(16, 16, 1))]
                            + [keras.layers.Conv2D(2, 3, activation="relu", name=f"c{i}") for i in range(count)])


@pytest.mark.parametrize("count, expected", [
    (1, {"first feature layer (c0)": "c0"}),
    (2, {"first feature layer (c0)": "c0", "last feature layer (c1)": "c1"}),
    (3, {"first feature layer (c0)": "c0", "middle feature layer (c1)": "c1", "last feature layer (c2)": "c2"}),
    (6, {"first feature layer (c0)": "c0", "middle feature layer (c3)": "c3", "last feature layer (c5)": "c5"}),
])
def test_layer_choices_offer_each_layer_once(count, expected):
    choices = picker_module.layer_choices(stack(count))
    assert choices == expected
    assert len(set(choices.values())) == len(choices)  # no layer twice under two names


def test_feature_maps_are_the_layer_output():
    model = convnet()
    image = np.random.default_rng(0).random((12, 12, 1)).astype("float32")
    maps = picker_module.feature_maps(model, "relu", image)
    direct = keras.Model(model.inputs[0], model.get_layer("relu").output)(image[None])
    np.testing.assert_allclose(maps, keras.ops.convert_to_numpy(direct)[0], rtol=1e-6)


def test_activation_picker_draws_the_default_then_every_choice(monkeypatch):
    import IPython.display

    drawn = []
    monkeypatch.setattr(IPython.display, "display", lambda fig, *a, **k: drawn.append(fig._suptitle.get_text()))
    digits = convnet()
    colour = convnet(channels=3)
    chosen = kt.activation_picker({"grey": (digits, np.zeros((12, 12, 1))), "colour": (colour, np.ones((12, 12, 3)))})
    assert len(drawn) == 1 and drawn[0].startswith("grey, first feature layer (conv_a):")  # the static default
    assert list(chosen.controls["layer"].options) == ["first feature layer (conv_a)", "last feature layer (relu)"]
    chosen.controls["layer"].value = "last feature layer (relu)"
    chosen.controls["model"].value = "colour"  # the layer dropdown follows: the new model's first layer
    chosen.controls["layer"].value = "last feature layer (relu)"
    assert [d.split(":")[0] for d in drawn] == ["grey, first feature layer (conv_a)", "grey, last feature layer (relu)",
                                                "colour, first feature layer (conv_a)", "colour, last feature layer (relu)"]


def test_activation_picker_errors_name_the_fix():
    digits = convnet()
    with pytest.raises(ValueError, match=r"\(model, image\) pair"):
        kt.activation_picker({"bad": digits})
    with pytest.raises(ValueError, match="at least one model"):
        kt.activation_picker({})
    with pytest.raises(ValueError, match=r"shape \(12, 12, 1\); got \(12, 12\)"):
        kt.activation_picker({"wrong image": (digits, np.zeros((12, 12)))})
