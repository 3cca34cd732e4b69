"""``classify``: the top ImageNet classes of one photo, with clear errors (the picker's engine)."""

import collections
import importlib
import numbers
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from .. import cache
from .models import application_info, load_application
from .registry import CLASS_INDEX, PREPROCESSING

Prediction = collections.namedtuple("Prediction", "class_id label probability")  # class_id: 0-999


def _checked_pixels(array: np.ndarray) -> np.ndarray:
    if array.size == 0:
        raise ValueError(f"The image is empty (shape {array.shape}): pass a photo with pixels.")
    if array.dtype.kind not in "iuf":
        raise ValueError(f"The image holds {array.dtype}, not numbers: use keras.utils.load_img.")
    if not np.isfinite(array).all():
        raise ValueError("The image holds NaN or infinite values: fix them (np.nan_to_num(image)).")
    if array.dtype.kind in "iu" and array.dtype.itemsize == 2:
        raise ValueError(f"The image has 16-bit pixels ({array.dtype}), not 8-bit ones (0-255): convert it: (image // 257).astype('uint8').")
    low, high = float(array.min()), float(array.max())
    if low < 0:
        raise ValueError(f"The image looks already preprocessed (min {low:g}): pass 0-255 pixels.")
    if high > 255:
        raise ValueError(f"The image holds values up to {high:g}, above 255: pass 0-255 pixels.")
    if array.dtype.kind == "f" and 0 < high <= 1.0:
        raise ValueError("The image holds values in [0, 1], not 0-255 pixels: pass image * 255.")
    return np.rint(array).astype(np.uint8)


def _pixels(image, size: int) -> np.ndarray:
    """A path, PIL image or (H, W[, 3 or 4]) array of 0-255 pixels: its centre square, resized."""
    if image is None or isinstance(image, (bytes, bytearray)):
        raise TypeError(f"image= takes a photo's path, a PIL image or an array of pixels, not {type(image).__name__}"
                        " (kt.sample_image('cat') gives a path; for a file's bytes: PIL.Image.open(io.BytesIO(data))).")
    if isinstance(image, (str, Path)):
        if not Path(image).is_file():
            raise FileNotFoundError(f"No image file at {image}: pass a photo's path, a PIL image or pixels (kt.sample_image('cat')).")
        with Image.open(image) as opened:
            image = opened.copy()
    if isinstance(image, Image.Image) and not image.mode.startswith(("I", "F")):  # 16-bit, float:
        image = image.convert("RGB")  # checked below, as arrays; the others become 8-bit RGB
    array = np.asarray(image)
    array = array[0] if array.ndim == 4 and array.shape[0] == 1 else array
    array = array[..., None] if array.ndim == 2 else array
    if array.ndim != 3 or array.shape[-1] not in (1, 3, 4):
        raise ValueError("An image array must have shape (height, width) or (height, width, 3 or "
                         f"4), not {array.shape}. For a batch, classify one image at a time.")
    pixels = _checked_pixels(np.broadcast_to(array[..., :3], (*array.shape[:2], 3)))
    image = Image.fromarray(np.ascontiguousarray(pixels), "RGB")
    return np.asarray(ImageOps.fit(image, (size, size), Image.BILINEAR), dtype=np.float32)


def classify(model_or_name, image, top: int = 5, application: str | None = None) -> list:
    """The ``top`` ImageNet classes (class_id, label, probability) of an image's centre square, by a model (or name)
    of :func:`load_application`, or any ``keras.applications`` model with the ``application`` that built it (its
    preprocessing): ``kt.classify(model, kt.sample_image("espresso"), top=1)[0].label == "espresso"``."""
    model = load_application(model_or_name) if isinstance(model_or_name, str) else model_or_name
    built_as = getattr(model, "kerastour_application", None)  # set by load_application
    if application is None and built_as is None:
        raise ValueError(
            f"classify() does not know which keras.applications constructor built {getattr(model, 'name', model)!r}, "
            "so not its preprocessing: pass application='MobileNet' (say), or build it with kt.load_application.")
    info = application_info(application or built_as)  # the preprocessing asked for
    actual = application_info(built_as or application)
    if info.preprocessing != actual.preprocessing:
        raise ValueError(
            f"This model is a {actual.name}, but application={application!r} asks for "
            f"{info.preprocess_function} ({PREPROCESSING[info.preprocessing]}), not the preprocessing it was "
            f"trained with ({actual.preprocess_function}: {PREPROCESSING[actual.preprocessing]}): its "
            f"predictions would be wrong. Pass application={actual.name!r}, or leave it out.")
    if isinstance(top, bool) or not isinstance(top, numbers.Integral) or not 1 <= top <= 1000:
        raise (ValueError if isinstance(top, numbers.Integral) and not isinstance(top, bool) else TypeError)(
            f"top= is how many classes to list, a whole number from 1 to 1000 (top=5), not {top!r}.")
    if tuple(model.output_shape)[1:] != (1000,):
        raise ValueError(f"This model's output has shape {model.output_shape}, not the 1,000 ImageNet classes: build it with include_top=True.")
    module = importlib.import_module(f"keras.applications.{info.module}")
    pixels = _pixels(image, model.input_shape[1] or actual.input_size)[None]
    probabilities = np.asarray(model.predict_on_batch(module.preprocess_input(pixels)))
    if probabilities.min() < 0 or not np.isclose(probabilities.sum(), 1, atol=0.01):
        raise ValueError(f"This model's outputs sum to {probabilities.sum():.4g}: scores, not probabilities: use classifier_activation='softmax'.")
    cache.install_into_keras_cache(*CLASS_INDEX, subdir="models")  # where decode_predictions looks
    best = np.argsort(probabilities[0])[::-1][: int(top)]
    decoded = module.decode_predictions(probabilities, top=int(top))[0]
    return [Prediction(int(i), label, float(p)) for i, (_, label, p) in zip(best, decoded)]
