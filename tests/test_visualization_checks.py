"""The visualization chapter's exercises: each right answer is recomputed from the reader's objects."""

import ast
import json
from pathlib import Path

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


@pytest.mark.parametrize("activation", [None, "sigmoid"])
def test_layer_params_wants_conv_2_with_relu(activation):
    model = convnet(filters=64, kernel=5)
    model.layers[1].activation = keras.activations.get(activation)  # the 64 filters of 5x5, without ReLU
    assert not kt.check("visualization.layer_params", (5 * 5 * 8 + 1) * 64, model=model)


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


CHAPTER = Path(__file__).parents[1] / "chapters" / "visualization.ipynb"
THREE = ("conv_pw_11_relu", "conv_pw_12_relu", "conv_pw_13_relu")


def page_functions(*names):
    """The page's own functions (``grad_cam``, ``share_on``, ...), defined as the chapter defines them."""
    namespace = {"keras": keras, "np": np}
    for cell in json.loads(CHAPTER.read_text())["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "def value_and_gradient" in source:  # the cell that picks the backend's
            exec(source, namespace)
        elif cell["cell_type"] == "code" and "def " in source:
            for node in ast.parse(source).body:
                if isinstance(node, ast.FunctionDef) and node.name in names:
                    exec(compile(ast.Module([node], []), str(CHAPTER), "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def pair():
    """The page's pair: MobileNet (alpha 0.25, its real weights) on the cat beside the espresso, and the cat's top class."""
    kt.install_shipped_weights()
    mobilenet = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3), classifier_activation=None)
    model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 256, 3), weights=None, classifier_activation=None)
    model.set_weights(mobilenet.get_weights())
    photos = [keras.utils.img_to_array(keras.utils.load_img(kt.sample_image(name), target_size=(128, 128),
                                                            interpolation="bilinear")) for name in ("cat", "espresso")]
    image = keras.applications.mobilenet.preprocess_input(np.concatenate(photos, axis=1))
    cat_class = int(np.argmax(keras.ops.convert_to_numpy(mobilenet(image[None, :, :128]))))
    return dict(model=model, image=image, class_index=cat_class, **page_functions("grad_cam", "share_on"))


def shares_of(grad_cam, pair):
    return {name: pair["share_on"](grad_cam(pair["model"], pair["image"], pair["class_index"], layer_name=name), "left")
            for name in THREE}


def best_layer(answer, shares, grad_cam, pair):
    return kt.check("visualization.best_layer", answer, shares=shares, grad_cam=grad_cam, model=pair["model"],
                    image=pair["image"], class_index=pair["class_index"])


def test_best_layer_with_the_pages_grad_cam_is_the_layer_the_check_finds(pair):
    shares = shares_of(pair["grad_cam"], pair)
    assert max(shares, key=shares.get) == "conv_pw_13_relu" and shares["conv_pw_13_relu"] > 0.9
    assert best_layer("conv_pw_13_relu", shares, pair["grad_cam"], pair)
    for wrong in ("conv_pw_11_relu", "conv_pw_12_relu"):
        assert not best_layer(wrong, shares, pair["grad_cam"], pair)


def test_best_layer_computes_its_own_maps_and_a_convenient_fake_fails(pair):
    """A grad_cam that returns a map all on the cat at conv_pw_11 made that layer the answer when the check
    trusted the reader's maps; the check's own Grad-CAM disagrees with the fake's map."""
    def fake(model, image, class_index, layer_name="conv_pw_13_relu"):
        heat = pair["grad_cam"](model, image, class_index, layer_name=layer_name)
        return np.concatenate([np.ones_like(heat[:, :8]), np.zeros_like(heat[:, 8:])], axis=1) if layer_name == THREE[0] else heat

    shares = shares_of(fake, pair)
    assert max(shares, key=shares.get) == "conv_pw_11_relu"  # what the fake makes the reader answer
    for answer in THREE:
        assert not best_layer(answer, shares, fake, pair)


def test_best_layer_wants_every_map_from_its_own_layer(pair):
    def one_map(model, image, class_index, layer_name="conv_pw_13_relu"):  # ignores layer_name
        return pair["grad_cam"](model, image, class_index)

    assert not best_layer("conv_pw_13_relu", shares_of(one_map, pair), one_map, pair)


@pytest.mark.parametrize("change", [{"conv_pw_11_relu": 0.99}, {"conv_pw_11_relu": None}, {"conv_pw_12_relu": None}, "all"],
                         ids=["made-up-share", "without-conv_pw_11", "without-conv_pw_12", "nothing-run"])
def test_best_layer_wants_shares_the_reader_computed(change, pair):
    shares = {} if change == "all" else {k: v for k, v in {**shares_of(pair["grad_cam"], pair), **change}.items() if v is not None}
    for answer in THREE:
        assert not best_layer(answer, shares, pair["grad_cam"], pair)


def test_best_layer_calls_the_readers_grad_cam_for_each_layer(pair):
    calls = []

    def grad_cam(model, image, class_index, layer_name="conv_pw_13_relu"):
        calls.append((class_index, layer_name))
        return pair["grad_cam"](model, image, class_index, layer_name=layer_name)

    best_layer("conv_pw_13_relu", shares_of(pair["grad_cam"], pair), grad_cam, pair)
    assert calls == [(pair["class_index"], name) for name in THREE]


def test_best_layer_names_what_is_missing():
    with pytest.raises(TypeError, match="grad_cam=grad_cam"):
        kt.check("visualization.best_layer", "conv_2", shares={}, model=convnet(), image=np.zeros((12, 12, 1)), class_index=0)
    with pytest.raises(TypeError, match="dict"):
        kt.check("visualization.best_layer", "conv_2", shares=[0.5], grad_cam=lambda *a, **k: None, model=convnet(),
                 image=np.zeros((12, 12, 1)), class_index=0)
