"""Classify a photo with an ImageNet model: the top classes, with their probabilities (the picker's engine).

``classify(model_or_name, image, top=5)`` takes an image path, a PIL image or a
NumPy array of 0-255 pixels, crops the centre square, resizes it to the model's
input size, applies the model family's own ``preprocess_input``, and returns
``(class_id, label, probability)`` rows, best first. Anything it cannot read as
8-bit pixels, and a model whose family it would preprocess wrongly, is refused
with the fix.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .models import application_info, application_of, install_class_index, load_application, preprocess_module
from .registry import PREPROCESSING


class Prediction(NamedTuple):
    class_id: int  # 0-999, the row of the model's output
    label: str
    probability: float


class TopClasses(list):
    """A list of :class:`Prediction` rows that shows as a small table in a notebook."""

    def __str__(self):
        return "\n".join(f"{p.probability:6.1%}  {p.label} ({p.class_id})" for p in self)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td style='text-align:right'>{p.probability:.1%}</td><td style='text-align:left'>"
            f"{html.escape(p.label)}</td><td>{p.class_id}</td></tr>"
            for p in self
        )
        return f"<table><tr><th>probability</th><th>class</th><th>id</th></tr>{rows}</table>"


@functools.lru_cache(maxsize=1)
def imagenet_labels() -> tuple:
    """The 1,000 ImageNet class names, by class id (Keras's own class index, put into its cache)."""
    index = json.loads(Path(install_class_index()).read_text())
    return tuple(index[str(i)][1] for i in range(len(index)))


def _checked_pixels(array: np.ndarray) -> np.ndarray:
    """An image array as uint8 pixels, or a ValueError that says what is wrong and what to pass instead."""
    if array.size == 0:
        raise ValueError(f"This image array is empty (shape {array.shape}): there is nothing to classify. "
                         "Pass a photo with at least one pixel (check how the array was loaded or cropped).")
    if array.dtype == np.uint8:
        return array
    if array.dtype.kind not in "iuf":
        raise ValueError(f"An image array must hold numbers (0-255 pixels), not {array.dtype}. "
                         "Load the photo with keras.utils.load_img and keras.utils.img_to_array.")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        bad = int(np.size(array) - np.isfinite(array).sum())
        raise ValueError(f"This image array holds {bad} NaN or infinite values, which are not pixels. "
                         "Fix how it was computed, or replace them, e.g. np.nan_to_num(image), before classifying.")
    if array.dtype.itemsize == 2 and array.dtype.kind in "iu":
        raise ValueError(f"This image has 16-bit pixels ({array.dtype}, values up to {int(array.max())}); "
                         "classify() expects 8-bit pixels from 0 to 255. Convert it first: "
                         "(image // 257).astype('uint8') for a full-range 16-bit photo.")
    low, high = float(array.min()), float(array.max())
    if low < 0:
        raise ValueError(f"This image array holds negative values (down to {low:g}): it looks already "
                         "preprocessed. classify() applies the model's own preprocess_input itself: pass the "
                         "original pixels from 0 to 255.")
    if high > 255:
        raise ValueError(f"This image array holds values up to {high:g}, above 255: it is not 8-bit pixels "
                         "(16-bit data? divide by 257). Pass pixels from 0 to 255.")
    if array.dtype.kind == "f" and 0 < high <= 1.0:
        raise ValueError("This image array holds values between 0 and 1; classify() expects pixels from 0 to 255. "
                         "Pass image * 255.")
    return np.rint(array).astype(np.uint8)


def to_pil(image):
    """An RGB PIL image from a path, a PIL image, or an array of 0-255 pixels (H, W), (H, W, 3) or (H, W, 4)."""
    from PIL import Image

    if isinstance(image, (str, Path)):
        path = Path(image)
        if not path.is_file():
            raise FileNotFoundError(f"No image at {path}. Pass a path to a photo, a PIL image, or an array.")
        with Image.open(path) as opened:
            opened.load()
            image = opened.copy()
    if isinstance(image, Image.Image):
        if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "YCbCr"):  # 8 bits a channel
            return image.convert("RGB")
        image = np.asarray(image)  # 16-bit ("I;16"), 32-bit ("I") or float ("F"): checked as an array
    array = np.asarray(image)
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]
    if array.ndim == 2:
        array = np.stack([array] * 3, axis=-1)
    if array.ndim != 3 or array.shape[-1] not in (1, 3, 4):
        raise ValueError(
            f"An image array must have shape (height, width), (height, width, 3) or (height, width, 4); "
            f"got {array.shape}. For a batch, classify one image at a time."
        )
    if array.shape[-1] == 1:
        array = np.repeat(array, 3, axis=-1)
    return Image.fromarray(np.ascontiguousarray(_checked_pixels(array[..., :3])), "RGB")


def prepare_image(image, size: int) -> np.ndarray:
    """Crop the centre square of an image and resize it to ``size`` x ``size``: float32 0-255 pixels."""
    from PIL import Image

    picture = to_pil(image)
    width, height = picture.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    square = picture.crop((left, top, left + side, top + side))
    return np.asarray(square.resize((size, size), Image.BILINEAR), dtype=np.float32)


def _model_and_name(model_or_name, application):
    if isinstance(model_or_name, str):
        return load_application(model_or_name), application_info(model_or_name).name
    model = model_or_name
    built_as = application_of(model)
    if application is None:
        if built_as is None:
            raise ValueError(
                f"classify() cannot tell which keras.applications model {getattr(model, 'name', model)!r} is, "
                "so it does not know its preprocessing. Pass application='MobileNet' (say), naming the "
                "constructor that built it, or build it with kt.load_application(...)."
            )
        return model, built_as
    asked = application_info(application)
    if built_as is not None and application_info(built_as).family != asked.family:
        actual = application_info(built_as)
        raise ValueError(
            f"This model is a {actual.name} (Keras named it {model.name!r}), but application={application!r} "
            f"asks for {asked.name}'s preprocessing ({asked.preprocess_function}: "
            f"{PREPROCESSING[asked.preprocessing]}), which is not what the model was trained with "
            f"({actual.preprocess_function}: {PREPROCESSING[actual.preprocessing]}). Its predictions would "
            f"be wrong. Pass application={actual.name!r}, or leave application out."
        )
    return model, asked.name


def classify(model_or_name, image, top: int = 5, application: str | None = None) -> TopClasses:
    """The ``top`` ImageNet classes of one image, best first, as ``(class_id, label, probability)`` rows.

    ``model_or_name`` is a ``keras.applications`` model (recognised by the name
    Keras gave it; ``application=`` names the constructor of a renamed one) or
    a name, which loads that model with its ImageNet weights.

    Example::

        >>> model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))
        >>> kt.classify(model, kt.sample_image("espresso"), top=1)[0].label
        'espresso'
    """
    model, name = _model_and_name(model_or_name, application)
    if not 1 <= int(top) <= 1000:
        raise ValueError(f"top must be between 1 and 1000, not {top}.")
    output_shape = tuple(model.output_shape)
    if output_shape[-1] != 1000 or len(output_shape) != 2:
        raise ValueError(
            f"This model's output has shape {output_shape}, not the 1,000 ImageNet classes: build it with "
            "include_top=True (the default) to classify."
        )
    size = model.input_shape[1] or application_info(name).input_size
    pixels = prepare_image(image, size)[None]
    batch = np.asarray(preprocess_module(name).preprocess_input(pixels.copy()))
    probabilities = np.asarray(model.predict_on_batch(batch))[0]
    labels = imagenet_labels()
    best = np.argsort(probabilities)[::-1][: int(top)]
    return TopClasses(Prediction(int(i), labels[i], float(probabilities[i])) for i in best)
