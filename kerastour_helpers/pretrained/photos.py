"""The two real photos shipped with Keras Tour (CC0, from scikit-image), each checked against its sha256."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .. import cache

PHOTOS = {  # file name under data/images: (short name, credit)
    "coffee.png": ("espresso", "A cup of espresso, by Rachel Michetti, CC0 (from scikit-image)"),
    "chelsea.png": ("cat", "Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)"),
}


def _file_name(name: str) -> str:
    found = [file for file, (short, _) in PHOTOS.items() if name in (file, short)]
    if not found:
        short = ", ".join(short for short, _ in PHOTOS.values())
        raise ValueError(f"Unknown photo {name!r}. Choose one of: {', '.join(PHOTOS)} (or by short name: {short}).")
    return found[0]


def sample_image(name: str) -> Path:
    """The path of a shipped photo: ``"coffee.png"``/``"espresso"`` or ``"chelsea.png"``/``"cat"``. Example::

        >>> image = keras.utils.load_img(kt.sample_image("cat"), target_size=(128, 128))
    """
    return cache.shipped_file(f"images/{_file_name(name)}")


def load_photo(name: str, size: tuple | None = None) -> np.ndarray:
    """A shipped photo as a uint8 RGB array (h, w, 3), resized to ``size`` (width, height) if given. Example::

        >>> kt.load_photo("cat", size=(128, 128)).shape
        (128, 128, 3)
    """
    from PIL import Image

    with Image.open(sample_image(name)) as image:
        image = image.convert("RGB")
        return np.asarray(image if size is None else image.resize(tuple(size), Image.BILINEAR))


def photo_credit(name: str) -> str:
    """Who took the photo, and its license. Example::

        >>> kt.photo_credit("cat")
        'Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)'
    """
    return PHOTOS[_file_name(name)][1]
