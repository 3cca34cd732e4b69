"""Pick a pretrained model and a photo: one line of facts, then its top 5 (or, without weights, its architecture)."""

from __future__ import annotations

import collections
import functools

from ..figures.tables import Table
from ..pretrained.models import WeightsFileError, WeightsUnavailableError, application_info, load_application
from ..pretrained.photos import PHOTOS, sample_image
from ..pretrained.predictions import classify
from ..pretrained.registry import APPLICATIONS


def _shipped(name: str):
    """The configuration of ``name`` with a classifier whose weights ship (a ``ShippedWeights``), or None."""
    return next((entry for entry in application_info(name).shipped if entry.top1), None)


@functools.lru_cache(maxsize=2)  # the last two models built: switching photos is instant
def _model_for(name: str):
    """(model, True) with ImageNet weights when they can be had, else (its architecture, False)."""
    config = _shipped(name).kwargs if _shipped(name) else {}
    try:
        return load_application(name, **config), True
    except (WeightsUnavailableError, WeightsFileError) as err:  # offline, or a damaged file in Keras's cache
        print(f"{str(err).split('. ')[0]}. Showing its architecture with random weights instead.")
        return load_application(name, weights=None, **config), False


def facts(name: str, built, has_weights: bool) -> str:
    """One line about the model built here: its call, input, parameters and its own published accuracy."""
    info, shipped = application_info(name), _shipped(name)
    top1, top5, source = (shipped.top1, shipped.top5, "TF-slim's table") if shipped else (
        info.top1, info.top5, "keras.io")
    accuracy = f"ImageNet top-1 / top-5 {top1:.1%} / {top5:.1%} ({source})" if top1 else "ImageNet accuracy unpublished"
    accuracy = accuracy if has_weights else "random weights"
    height, width = built.input_shape[1:3]
    size = f"{height} x {width} px" if height else "any size"
    call = shipped.call if shipped else f"{name}()"
    return f"keras.applications.{call}: {size} input, {built.count_params():,} parameters, {accuracy}"


def render_choice(model: str, photo: str):
    """Draw one choice: the model's facts, then its top 5 on the photo, or its architecture."""
    from IPython.display import display

    built, has_weights = _model_for(model)
    print(facts(model, built, has_weights))
    if has_weights:
        top5 = classify(built, sample_image(photo), top=5, application=model)
        display(Table([(f"{p.probability:.1%}", p.label, p.class_id) for p in top5],
                      header=("probability", "class", "id"), caption=f"Top 5 for {photo} with ImageNet weights"))
    else:
        common = collections.Counter(type(layer).__name__ for layer in built.layers).most_common(6)
        print(f"Architecture (random weights): {len(built.layers)} layers, {built.count_params():,} parameters; "
              "most common: " + ", ".join(f"{count} {kind}" for kind, count in common) + ".")


def application_picker(models=None, photos=None):
    """Dropdowns for a model and a photo; the default choice is drawn first (a model without weights: its layers).

    Example::

        >>> kt.application_picker(models=["MobileNet", "ResNet50"], photos=["chelsea.png"])
    """
    from .pickers import picker

    models = list(models or sorted(APPLICATIONS, key=lambda name: not APPLICATIONS[name].shipped))  # shipped first
    for name in models:
        application_info(name)  # an unknown name fails here, listing the valid ones
    labels = {"model": "Model", "photo": "Photo"}
    return picker(render_choice, labels=labels, model=models, photo=list(photos or PHOTOS))
