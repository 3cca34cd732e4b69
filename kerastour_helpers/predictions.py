"""Classify a photo with an ImageNet model: the top classes, with their probabilities.

``classify(model_or_name, image, top=5)`` takes an image path, a PIL image or a
NumPy array of 0-255 pixels, crops the centre square, resizes it to the model's
input size, applies the model family's own ``preprocess_input``, and returns
``(class_id, label, probability)`` rows, best first.
"""

from __future__ import annotations

import functools
import html
import importlib
import json
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .applications import application_info, application_of, install_class_index, load_application

# The CC0 photos shipped with Keras Tour (from scikit-image's data).


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


def to_pil(image):
    """An RGB PIL image from a path, a PIL image, or an array of 0-255 pixels (H, W), (H, W, 3) or (H, W, 4)."""
    from PIL import Image

    if isinstance(image, (str, Path)):
        path = Path(image)
        if not path.is_file():
            raise FileNotFoundError(f"No image at {path}. Pass a path to a photo, a PIL image, or an array.")
        with Image.open(path) as opened:
            return opened.convert("RGB")
    if isinstance(image, Image.Image):
        return image.convert("RGB")
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
    array = array[..., :3]
    if array.dtype != np.uint8:
        if array.size and float(np.nanmax(array)) <= 1.0:
            raise ValueError(
                "This image array holds values between 0 and 1; classify() expects pixels from 0 to 255. "
                "Pass image * 255."
            )
        array = np.clip(array, 0, 255).astype(np.uint8)
    return Image.fromarray(array, "RGB")


def prepare_image(image, size: int) -> np.ndarray:
    """Crop the centre square of an image and resize it to ``size`` x ``size``: float32 0-255 pixels."""
    from PIL import Image

    picture = to_pil(image)
    width, height = picture.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    square = picture.crop((left, top, left + side, top + side))
    return np.asarray(square.resize((size, size), Image.BILINEAR), dtype=np.float32)


def preprocess_for(name: str, pixels: np.ndarray) -> np.ndarray:
    """Apply the family's own ``keras.applications.<module>.preprocess_input`` to 0-255 pixels."""
    info = application_info(name)
    module = importlib.import_module(f"keras.applications.{info.module}")
    return np.asarray(module.preprocess_input(np.array(pixels, dtype=np.float32, copy=True)))


def _model_and_name(model_or_name, application):
    if isinstance(model_or_name, str):
        return load_application(model_or_name), application_info(model_or_name).name
    name = application or application_of(model_or_name)
    if name is None:
        raise ValueError(
            "classify() cannot tell which family this model belongs to, so it does not know its "
            "preprocessing. Build it with kt.load_application(...), or pass application='ResNet50' (say)."
        )
    return model_or_name, application_info(name).name


def classify(model_or_name, image, top: int = 5, application: str | None = None) -> TopClasses:
    """The ``top`` ImageNet classes of one image, best first, as ``(class_id, label, probability)`` rows.

    ``model_or_name`` is a model from :func:`load_application` (or any
    ``keras.applications`` model, with ``application=`` naming it) or a name,
    which loads that model with its ImageNet weights.
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
    batch = preprocess_for(name, prepare_image(image, size)[None])
    probabilities = np.asarray(model.predict_on_batch(batch))[0]
    labels = imagenet_labels()
    best = np.argsort(probabilities)[::-1][: int(top)]
    return TopClasses(Prediction(int(i), labels[i], float(probabilities[i])) for i in best)
