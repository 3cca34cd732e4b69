"""The two real photos shipped with Keras Tour (CC0, from scikit-image), checked by their sha256."""

from pathlib import Path

import numpy as np
from PIL import Image

from .. import cache
from ..display import choose

PHOTOS = {  # file name under data/images: (short name, credit)
    "coffee.png": ("espresso", "A cup of espresso, by Rachel Michetti, CC0 (from scikit-image)"),
    "chelsea.png": ("cat", "Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)"),
}


def sample_image(name: str) -> Path:
    """The path of a shipped photo, by file or short name (``"espresso"``, ``"cat"``), for
    ``keras.utils.load_img(kt.sample_image("cat"), target_size=(128, 128))``."""
    files = {key: file for file, (short, _) in PHOTOS.items() for key in (file, short)}
    return cache.shipped_file(f"images/{choose(name, files, 'photo')}")


def load_photo(name: str, size: tuple | None = None) -> np.ndarray:
    """A shipped photo as a uint8 RGB array, resized to ``size`` (width, height) if given:
    ``kt.load_photo("cat", size=(128, 128)).shape == (128, 128, 3)``."""
    if size is not None and (isinstance(size, (str, int)) or len(size) != 2):
        raise TypeError(f"size= is (width, height) in pixels, e.g. size=(128, 128); got {size!r}.")
    with Image.open(sample_image(name)) as image:
        image = image.convert("RGB")
        return np.asarray(image if size is None else image.resize(tuple(size), Image.BILINEAR))


def photo_credit(name: str) -> str:
    """Who took the photo, and its license: ``kt.photo_credit("cat")``."""
    return PHOTOS[sample_image(name).name][1]
