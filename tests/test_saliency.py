"""Grad-CAM and saliency: checked against closed forms, across backends, and on bad input."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import saliency

ROOT = Path(__file__).resolve().parents[1]


def cam_model(seed=0, softmax=False):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=(8, 8, 3))
    maps = keras.layers.Conv2D(4, 3, activation="relu", name="conv")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D(name="gap")(maps)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax" if softmax else None, name="scores")(pooled))


def test_gradient_of_a_square_is_twice_x():
    x = np.array([[1.0, -2.0, 3.0]], dtype="float32")
    np.testing.assert_allclose(saliency.gradient(lambda v: keras.ops.sum(v * v), x), 2 * x, rtol=1e-6)


def test_an_unsupported_backend_names_the_supported_ones():
    with pytest.raises(NotImplementedError, match="'numpy' backend.*tensorflow, jax, torch"):
        saliency.gradient(lambda v: v, np.zeros(2), backend="numpy")


def test_grad_cam_equals_class_activation_mapping_for_gap_and_dense():
    # With global average pooling then a linear layer, Grad-CAM is CAM (Zhou et al., 2016):
    # relu(sum_k w[k, c] * A_k), scaled to a maximum of 1.
    model = cam_model()
    image = np.random.default_rng(0).random((8, 8, 3)).astype("float32")
    maps = np.asarray(keras.Model(model.inputs[0], model.get_layer("conv").output)(image[None]))[0]
    weights = model.get_layer("scores").get_weights()[0]
    for c in range(3):
        expected = np.maximum(maps @ weights[:, c], 0)
        heat, chosen = kt.grad_cam(model, image, class_index=c)
        assert chosen == c and heat.shape == (6, 6)
        if expected.max() > 0:
            np.testing.assert_allclose(heat, expected / expected.max(), atol=1e-5)


def test_grad_cam_explains_the_top_class_by_default():
    model = cam_model(softmax=True)
    image = np.random.default_rng(1).random((8, 8, 3)).astype("float32")
    _, chosen = kt.grad_cam(model, image)
    assert chosen == int(np.asarray(model(image[None]))[0].argmax())


def test_saliency_of_a_linear_model_is_its_weights():
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(5, 4, 3))
    model = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Flatten()(inputs)))
    weights = model.layers[-1].get_weights()[0][:, 1].reshape(5, 4, 3)
    expected = np.abs(weights).max(axis=-1)
    heat, chosen = kt.saliency_map(model, np.zeros((5, 4, 3)), class_index=1)
    assert chosen == 1
    np.testing.assert_allclose(heat, expected / expected.max(), rtol=1e-5)


def test_wrong_image_shapes_name_the_expected_one():
    model = cam_model()
    with pytest.raises(ValueError, match=r"shape \(8, 8, 3\); got \(8, 8\)"):
        kt.grad_cam(model, np.zeros((8, 8)))
    with pytest.raises(ValueError, match=r"one image of shape \(8, 8, 3\); got \(2, 8, 8, 3\)"):
        kt.saliency_map(model, np.zeros((2, 8, 8, 3)))


def test_unknown_layer_and_crossing_skip_connection():
    inputs = keras.Input(shape=(8, 8, 1))
    a = keras.layers.Conv2D(2, 3, padding="same", activation="relu", name="a")(inputs)
    b = keras.layers.Conv2D(2, 3, padding="same", activation="relu", name="b")(a)
    c = keras.layers.Conv2D(2, 3, padding="same", activation="relu", name="c")(keras.layers.Add(name="add")([a, b]))
    model = keras.Model(inputs, keras.layers.Dense(3)(keras.layers.GlobalAveragePooling2D()(c)))
    with pytest.raises(ValueError, match="no layer 'nope'.*Its layers:"):
        kt.grad_cam(model, np.zeros((8, 8, 1)), layer_name="nope")
    with pytest.raises(ValueError, match="skip connection.*'c'"):
        kt.grad_cam(model, np.zeros((8, 8, 1)), layer_name="b")
    heat, _ = kt.grad_cam(model, np.ones((8, 8, 1)))  # the default, last layer "c", works
    assert heat.shape == (8, 8)


def test_heatmap_plot_checks_its_inputs():
    photo = np.zeros((20, 30, 3), dtype="uint8")
    fig = kt.plot_heatmaps(photo, {"a": np.eye(4), "b": np.ones((2, 2))})
    assert [ax.get_title() for ax in fig.axes] == ["photo", "a", "b"]
    with pytest.raises(ValueError, match="one RGB image"):
        kt.plot_heatmaps(np.zeros((20, 30)), {"a": np.eye(4)})
    with pytest.raises(ValueError, match="at least one heat map"):
        kt.plot_heatmaps(photo, {})
    with pytest.raises(ValueError, match="'a' must be 2-D"):
        kt.plot_heatmaps(photo, {"a": np.zeros((2, 2, 2))})


CROSS_BACKEND = textwrap.dedent(
    """
    import json, sys
    import keras, numpy as np
    import kerastour_helpers as kt
    inputs = keras.Input(shape=(8, 8, 3))
    maps = keras.layers.Conv2D(4, 3, activation="relu", name="conv")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D(name="gap")(maps)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax", name="scores")(pooled))
    model.load_weights(sys.argv[1])
    image = np.load(sys.argv[2])
    heat, chosen = kt.grad_cam(model, image)
    sal, _ = kt.saliency_map(model, image, class_index=chosen)
    print(json.dumps({"backend": keras.backend.backend(), "cam": heat.tolist(), "class": chosen, "saliency": sal.tolist()}))
    """
)


@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_grad_cam_and_saliency_agree_across_backends(backend, tmp_path):
    pytest.importorskip(backend)
    model = cam_model(seed=3, softmax=True)
    weights, image_file = tmp_path / "cam.weights.h5", tmp_path / "image.npy"
    model.save_weights(weights)
    image = np.random.default_rng(4).random((8, 8, 3)).astype("float32")
    np.save(image_file, image)
    env = {**os.environ, "KERAS_BACKEND": backend, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CROSS_BACKEND, str(weights), str(image_file)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    other = json.loads(done.stdout.strip().splitlines()[-1])
    assert other["backend"] == backend
    heat, chosen = kt.grad_cam(model, image)
    sal, _ = kt.saliency_map(model, image, class_index=chosen)
    assert other["class"] == chosen
    np.testing.assert_allclose(np.array(other["cam"]), heat, atol=1e-4)
    np.testing.assert_allclose(np.array(other["saliency"]), sal, atol=1e-4)
