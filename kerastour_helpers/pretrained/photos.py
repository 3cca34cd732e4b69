"""The two real photos shipped with Keras Tour (CC0, from scikit-image), checked by their sha256."""

from pathlib import Path

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


def photo_credit(name: str) -> str:
    """Who took the photo, and its license: ``kt.photo_credit("cat")``."""
    return PHOTOS[sample_image(name).name][1]
