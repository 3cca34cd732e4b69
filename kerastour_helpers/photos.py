"""The real photos shipped with Keras Tour, as pixel arrays, with their credits.

``load_photo(name, size)`` reads one of ``PHOTOS`` (checked against its sha256).
The pretrained classifier that goes with them offline is
``load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))``.
"""

from __future__ import annotations

import numpy as np

from . import files

PHOTOS = {
    "cat": ("images/chelsea.png", "Chelsea the cat, by Stefan van der Walt, CC0 (from scikit-image)"),
    "espresso": ("images/coffee.png", "A cup of espresso, by Rachel Michetti, CC0 (from scikit-image)"),
}


def load_photo(name: str, size: tuple | None = None) -> np.ndarray:
    """One shipped photo as a uint8 RGB array (h, w, 3), resized to ``size`` (width, height) if given."""
    from PIL import Image

    if name not in PHOTOS:
        raise ValueError(f"Unknown photo {name!r}. Choose one of: {', '.join(PHOTOS)}.")
    with Image.open(files.shipped_file(PHOTOS[name][0])) as image:
        image = image.convert("RGB")
        if size is not None:
            image = image.resize(tuple(size), Image.BILINEAR)
        return np.asarray(image)


def photo_credit(name: str) -> str:
    if name not in PHOTOS:
        raise ValueError(f"Unknown photo {name!r}. Choose one of: {', '.join(PHOTOS)}.")
    return PHOTOS[name][1]
