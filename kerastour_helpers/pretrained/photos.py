"""The real photos shipped with Keras Tour: paths, pixel arrays and credits.

One table, ``PHOTOS``, keyed by file name; each photo also answers to a short
name ("espresso", "cat"). Every file is checked against its sha256 before use.
The pretrained classifier that goes with them offline is
``keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))`` (after
``kt.install_shipped_weights()``, or through ``kt.load_application``).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np

from .. import cache


class Photo(NamedTuple):
    shipped: str  # path under kerastour_helpers/data/
    short_name: str
    credit: str


PHOTOS = {
    "coffee.png": Photo("images/coffee.png", "espresso",
                        "A cup of espresso, by Rachel Michetti, CC0 (from scikit-image)"),
    "chelsea.png": Photo("images/chelsea.png", "cat",
                         "Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)"),
}
_BY_SHORT_NAME = {photo.short_name: name for name, photo in PHOTOS.items()}


def _photo(name: str) -> Photo:
    key = _BY_SHORT_NAME.get(name, name)
    if key not in PHOTOS:
        raise ValueError(
            f"Unknown photo {name!r}. Choose one of: {', '.join(PHOTOS)} "
            f"(or by short name: {', '.join(_BY_SHORT_NAME)})."
        )
    return PHOTOS[key]


def sample_image(name: str) -> Path:
    """The path of one shipped photo: ``"coffee.png"`` (an espresso) or ``"chelsea.png"`` (a cat).

    Example::

        >>> image = keras.utils.load_img(kt.sample_image("cat"), target_size=(128, 128))
    """
    return cache.shipped_file(_photo(name).shipped)


def sample_images() -> dict:
    """The paths of all shipped photos, by file name.

    Example::

        >>> sorted(kt.sample_images())
        ['chelsea.png', 'coffee.png']
    """
    return {name: sample_image(name) for name in PHOTOS}


def load_photo(name: str, size: tuple | None = None) -> np.ndarray:
    """One shipped photo as a uint8 RGB array (h, w, 3), resized to ``size`` (width, height) if given.

    Example::

        >>> kt.load_photo("cat", size=(128, 128)).shape
        (128, 128, 3)
    """
    from PIL import Image

    with Image.open(sample_image(name)) as image:
        image = image.convert("RGB")
        if size is not None:
            image = image.resize(tuple(size), Image.BILINEAR)
        return np.asarray(image)


def photo_credit(name: str) -> str:
    """Who took the photo, and its license.

    Example::

        >>> kt.photo_credit("cat")
        'Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)'
    """
    return _photo(name).credit
