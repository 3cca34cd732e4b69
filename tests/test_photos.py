"""The shipped photos, and the real MobileNet that classifies them offline with Keras alone."""

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache


def test_photos_are_found_by_file_or_short_name_and_load_as_rgb():
    import keras

    photo = keras.utils.img_to_array(keras.utils.load_img(kt.sample_image("cat")))
    assert photo.ndim == 3 and photo.shape[-1] == 3 and photo.max() > 1
    assert "CC0" in kt.photo_credit("cat")
    assert kt.sample_image("cat") == kt.sample_image("chelsea.png")


def test_unknown_photo_lists_the_known_ones():
    with pytest.raises(ValueError, match="Choose one of: coffee.png, espresso, chelsea.png, cat"):
        kt.sample_image("dog")


def test_a_damaged_photo_is_refused_and_named(monkeypatch, tmp_path):
    """Each photo is checked against its sha256 before use."""
    kt.sample_image("espresso")  # the table of sha256 sums is read (and kept) from the real data folder
    damaged = tmp_path / "images" / "coffee.png"
    damaged.parent.mkdir()
    damaged.write_bytes(b"not a photo")
    monkeypatch.setattr(cache, "DATA_DIR", tmp_path)
    with pytest.raises(cache.DataFileError, match="corrupt or truncated") as err:
        kt.sample_image("espresso")
    assert str(damaged) in str(err.value)


def test_keras_alone_classifies_the_photos_offline():
    """The visualization chapter's MobileNet: Keras's own constructor, decode_predictions, no network."""
    import keras

    kt.install_shipped_weights()
    model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))
    assert model.input_shape == (None, 128, 128, 3) and model.output_shape == (None, 1000)
    pixels = np.stack([keras.utils.img_to_array(keras.utils.load_img(kt.sample_image(name), target_size=(128, 128)))
                       for name in ("espresso", "cat")])
    scores = model.predict(keras.applications.mobilenet.preprocess_input(pixels), verbose=0)
    assert np.allclose(scores.sum(axis=1), 1.0, atol=1e-4)
    espresso, cat = keras.applications.mobilenet.decode_predictions(scores, top=3)
    assert espresso[0][1] == "espresso"
    assert {"tabby", "tiger_cat", "Egyptian_cat", "lynx"} & {row[1] for row in cat}
    assert [row[2] for row in cat] == sorted((row[2] for row in cat), reverse=True)
