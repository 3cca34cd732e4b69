"""The shipped photos and the real MobileNet that explains them, offline."""

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import files
from kerastour_helpers.checks import exercises
EXERCISES = exercises()


def test_photos_load_as_rgb_and_resize():
    full = kt.load_photo("cat")
    assert full.dtype == np.uint8 and full.ndim == 3 and full.shape[-1] == 3
    assert kt.load_photo("espresso", size=(64, 32)).shape == (32, 64, 3)
    assert "CC0" in kt.photo_credit("cat")


def test_unknown_photo_lists_the_known_ones():
    with pytest.raises(ValueError, match="Choose one of: coffee.png, chelsea.png"):
        kt.load_photo("dog")


def test_classifier_has_the_shipped_weights_and_decodes_offline():
    model = kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))
    assert model.input_shape == (None, 128, 128, 3) and model.output_shape == (None, 1000)
    cached = files.cache_path("mobilenet_2_5_128_tf.h5", "models")
    assert files.hash_file(cached, "sha256") == files.hash_file(files.shipped_file("mobilenet/mobilenet_2_5_128_tf.h5"), "sha256")
    image = keras.applications.mobilenet.preprocess_input(kt.load_photo("espresso", size=(128, 128)).astype("float32"))
    scores = model.predict(image[None], verbose=0)
    assert np.isclose(scores.sum(), 1.0, atol=1e-4)
    decoded = keras.applications.mobilenet.decode_predictions(scores, top=3)[0]
    assert [row[2] for row in decoded] == sorted((row[2] for row in decoded), reverse=True)
    heat, chosen = kt.grad_cam(model, image)
    rows = model.get_layer(kt.feature_layers(model)[-1]).output.shape[1]
    assert heat.shape == (rows, rows) and rows == EXERCISES["visualization.gradcam_size"].answer
    assert chosen == int(scores.argmax()) and heat.max() == pytest.approx(1.0)
