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


def test_layer_params_checks_the_prediction_against_the_asked_configuration():
    assert kt.check("visualization.layer_params", (5 * 5 * 8 + 1) * 64, model=convnet(filters=64, kernel=5))
    assert not kt.check("visualization.layer_params", 5 * 5 * 8 * 64, model=convnet(filters=64, kernel=5))  # biases
    assert not kt.check("visualization.layer_params", (3 * 3 * 8 + 1) * 32, model=convnet())  # not the layer asked for


def test_layer_params_names_a_missing_layer():
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2, name="d")])
    with pytest.raises(ValueError, match="no layer 'conv_2'.*d"):
        kt.check("visualization.layer_params", 1, model=model)


def test_zero_share_counts_every_zero_output_and_the_dead_maps():
    model = convnet(filters=6)
    model.get_layer("conv_1").set_weights([np.ones((3, 3, 1, 8), "float32"), np.zeros(8, "float32")])
    kernel, bias = model.get_layer("conv_2").get_weights()
    kernel[..., :4], bias[:4] = -1.0, -1.0  # conv_1's outputs are >= 0, so these four maps are 0 on every image: dead
    kernel[..., 4], bias[4] = 1.0, 0.0  # 0 only where conv_1 gives 0: everywhere on a blank image, nowhere else
    kernel[..., 5], bias[5] = 1.0, 1.0  # never 0
    model.get_layer("conv_2").set_weights([kernel, bias])
    images = np.random.default_rng(0).uniform(0.1, 1.0, (3, 12, 12, 1)).astype("float32")
    images[0] = 0.0
    share = round((4 * 3 + 1) / (6 * 3), 2)  # 4 maps on 3 images, 1 map on 1 image, of 6 maps on 3 images: 0.72
    assert kt.check("visualization.zero_share", share, model=model, images=images, dead=4)
    assert not kt.check("visualization.zero_share", round(4 / 6, 2), model=model, images=images, dead=4)  # the blank image missed
    assert not kt.check("visualization.zero_share", share, model=model, images=images, dead=5)  # map 4 is not dead
    assert not kt.check("visualization.zero_share", share, model=model, images=images, dead=...)
    assert kt.check("visualization.zero_share", ..., model=model, images=images, dead=4).verdict == "Your turn"


def _left_heavy_grad_cam(model, image, class_index, layer_name="conv_2"):
    """A stand-in for the reader's grad_cam: maps whose left-half share depends on the layer."""
    heat = np.zeros((4, 8))
    heat[:, :4] = {"conv_pw_11_relu": 1.0, "conv_pw_12_relu": 3.0, "conv_pw_13_relu": 2.0}[layer_name]
    heat[:, 4:] = 1.0
    return heat


THREE = {"conv_pw_11_relu": 0.5, "conv_pw_12_relu": 0.75, "conv_pw_13_relu": 2 / 3}  # what the reader's grad_cam gives


def test_best_layer_recomputes_every_share_the_reader_reports():
    model, image = convnet(), np.zeros((12, 12, 1), "float32")
    args = dict(shares=THREE, grad_cam=_left_heavy_grad_cam, model=model, image=image, class_index=0)
    assert kt.check("visualization.best_layer", "conv_pw_12_relu", **args)
    assert not kt.check("visualization.best_layer", "conv_pw_13_relu", **args)


@pytest.mark.parametrize("shares", [{**THREE, "conv_pw_11_relu": 0.9}, {"conv_pw_12_relu": 0.75},
                                    {"conv_pw_12_relu": 0.75, "conv_pw_13_relu": 2 / 3}, {}],
                         ids=["made-up-share", "one-layer", "without-conv_pw_11", "nothing-run"])
def test_best_layer_wants_shares_the_reader_computed(shares):
    args = dict(grad_cam=_left_heavy_grad_cam, model=convnet(), image=np.zeros((12, 12, 1)), class_index=0)
    for answer in THREE:
        assert not kt.check("visualization.best_layer", answer, shares=shares, **args)


def test_best_layer_calls_the_readers_grad_cam_for_each_layer():
    calls = []

    def grad_cam(model, image, class_index, layer_name="conv_2"):
        calls.append((class_index, layer_name))
        return _left_heavy_grad_cam(model, image, class_index, layer_name)

    kt.check("visualization.best_layer", "conv_pw_12_relu", shares=THREE, grad_cam=grad_cam,
             model=convnet(), image=np.zeros((12, 12, 1)), class_index=2)
    assert calls == [(2, name) for name in THREE]


def test_best_layer_names_what_is_missing():
    with pytest.raises(TypeError, match="grad_cam=grad_cam"):
        kt.check("visualization.best_layer", "conv_2", shares={}, model=convnet(), image=np.zeros((12, 12, 1)), class_index=0)
    with pytest.raises(TypeError, match="dict"):
        kt.check("visualization.best_layer", "conv_2", shares=[0.5], grad_cam=_left_heavy_grad_cam, model=convnet(),
                 image=np.zeros((12, 12, 1)), class_index=0)
