"""``classify``: the top ImageNet classes of one photo, with clear errors (the application picker's engine)."""

from __future__ import annotations

import collections
import importlib
import inspect
import re
from pathlib import Path

import numpy as np

from .models import application_info, install_shipped_weights, load_application
from .registry import APPLICATIONS, KERAS_MODEL_NAMES, PREPROCESSING


Prediction = collections.namedtuple("Prediction", "class_id label probability")  # class_id: 0-999


def _application_of(model) -> str | None:
    """The ``keras.applications`` constructor that built ``model``, told by the name Keras gave it (or None)."""
    import keras

    for name in APPLICATIONS:
        default = inspect.signature(getattr(keras.applications, name)).parameters["name"].default
        if re.fullmatch(KERAS_MODEL_NAMES.get(name, re.escape(str(default))), getattr(model, "name", "")):
            return name
    return None


def _checked_pixels(array: np.ndarray) -> np.ndarray:
    """An image array as uint8 pixels, or a ValueError that says what is wrong and what to pass instead."""
    if array.size == 0:
        raise ValueError(f"This image array is empty (shape {array.shape}): pass a photo with at least one pixel.")
    if array.dtype.kind not in "iuf":
        raise ValueError(f"An image array must hold numbers (0-255 pixels), not {array.dtype}: load the photo "
                         "with keras.utils.load_img and keras.utils.img_to_array.")
    if not np.isfinite(array).all():
        raise ValueError("This image array holds NaN or infinite values, which are not pixels: fix how it was "
                         "computed, or replace them (np.nan_to_num(image)).")
    if array.dtype.kind in "iu" and array.dtype.itemsize == 2:
        raise ValueError(f"This image has 16-bit pixels ({array.dtype}); classify() expects 8-bit pixels from 0 "
                         "to 255. Convert it first: (image // 257).astype('uint8').")
    low, high = float(array.min()), float(array.max())
    if low < 0:
        raise ValueError(f"This image array holds negative values (down to {low:g}): it looks already "
                         "preprocessed. classify() applies preprocess_input itself: pass the 0-255 pixels.")
    if high > 255:
        raise ValueError(f"This image array holds values up to {high:g}, above 255: pass 8-bit pixels (0-255).")
    if array.dtype.kind == "f" and 0 < high <= 1.0:
        raise ValueError("This image array holds values from 0 to 1, not 0-255 pixels: pass image * 255.")
    return np.rint(array).astype(np.uint8)


def _pixels(image, size: int) -> np.ndarray:
    """A path, PIL image or (H, W[, 3 or 4]) array of 0-255 pixels: its centre square, ``size`` px, float32."""
    from PIL import Image, ImageOps

    if isinstance(image, (str, Path)):
        if not Path(image).is_file():
            raise FileNotFoundError(f"No image at {image}. Pass a path to a photo, a PIL image, or an array.")
        with Image.open(image) as opened:
            image = opened.copy()
    if isinstance(image, Image.Image) and image.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "YCbCr"):
        image = image.convert("RGB")  # 8 bits a channel; 16-bit and float images are checked as arrays
    array = np.asarray(image)
    array = array[0] if array.ndim == 4 and array.shape[0] == 1 else array
    array = array[..., None] if array.ndim == 2 else array
    if array.ndim != 3 or array.shape[-1] not in (1, 3, 4):
        raise ValueError(f"An image array must have shape (height, width), (height, width, 3) or (height, width, 4); "
                         f"got {array.shape}. For a batch, classify one image at a time.")
    pixels = _checked_pixels(np.broadcast_to(array[..., :3], (*array.shape[:2], 3)))
    square = ImageOps.fit(Image.fromarray(np.ascontiguousarray(pixels), "RGB"), (size, size), Image.BILINEAR)
    return np.asarray(square, dtype=np.float32)  # the centre square, resized


def _model_and_name(model_or_name, application):
    """The model to run and the registry name whose preprocessing it needs, or an error naming the fix."""
    if isinstance(model_or_name, str):
        return load_application(model_or_name), application_info(model_or_name).name
    model, built_as = model_or_name, _application_of(model_or_name)
    if application is None and built_as is None:
        raise ValueError(f"classify() cannot tell which keras.applications model {getattr(model, 'name', model)!r} "
                         "is, so it does not know its preprocessing. Pass application='MobileNet' (say), naming the "
                         "constructor that built it, or build it with kt.load_application(...).")
    asked, actual = application_info(application or built_as), application_info(built_as or application)
    if asked.family != actual.family:
        raise ValueError(
            f"This model is a {actual.name} (Keras named it {model.name!r}), but application={application!r} asks "
            f"for {asked.name}'s preprocessing ({asked.preprocess_function}: {PREPROCESSING[asked.preprocessing]}), "
            f"which is not what the model was trained with ({actual.preprocess_function}: "
            f"{PREPROCESSING[actual.preprocessing]}). Its predictions would be wrong. Pass "
            f"application={actual.name!r}, or leave application out.")
    return model, asked.name


def classify(model_or_name, image, top: int = 5, application: str | None = None) -> list:
    """The ``top`` ImageNet classes of an image's centre square, best first: ``(class_id, label, probability)``.

    ``model_or_name``: a ``keras.applications`` model or its name (``application=``: a renamed model's). Example::

        >>> model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))
        >>> kt.classify(model, kt.sample_image("espresso"), top=1)[0].label
        'espresso'
    """
    model, name = _model_and_name(model_or_name, application)
    if not 1 <= int(top) <= 1000:
        raise ValueError(f"top must be between 1 and 1000, not {top}.")
    if tuple(model.output_shape)[1:] != (1000,):
        raise ValueError(f"This model's output has shape {tuple(model.output_shape)}, not the 1,000 ImageNet "
                         "classes: build it with include_top=True (the default) to classify.")
    info = application_info(name)
    module = importlib.import_module(f"keras.applications.{info.module}")
    pixels = _pixels(image, model.input_shape[1] or info.input_size)[None]
    probabilities = np.asarray(model.predict_on_batch(module.preprocess_input(pixels)))
    install_shipped_weights()  # Keras's class index, where decode_predictions looks for it
    best = np.argsort(probabilities[0])[::-1][: int(top)]
    decoded = module.decode_predictions(probabilities, top=int(top))[0]
    return [Prediction(int(i), label, float(p)) for i, (_, label, p) in zip(best, decoded)]
