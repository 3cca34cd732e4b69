"""Pick a pretrained model and a photo: its facts, then its top 5 (without weights: its layers)."""

import collections
import functools

from ..display import Table, as_names
from ..pretrained.models import (WeightsFileError, WeightsUnavailableError, application_info,
                                 load_application)
from ..pretrained.photos import PHOTOS, sample_image
from ..pretrained.predictions import classify
from ..pretrained.registry import APPLICATIONS


def _shipped(name: str):
    """The configuration of ``name`` with a classifier whose weights ship, or None."""
    return next((entry for entry in application_info(name).shipped if entry.top1), None)


@functools.lru_cache(maxsize=2)  # the last two models built: switching photos is instant
def _model_for(name: str):
    """(model, True) with ImageNet weights when they can be had, else (its architecture, False)."""
    config = getattr(_shipped(name), "kwargs", {})
    try:
        return load_application(name, **config), True
    except (WeightsUnavailableError, WeightsFileError) as err:  # offline, or a damaged cached file
        print(f"{str(err).split('. ')[0]}. Showing its architecture with random weights instead.")
        return load_application(name, weights=None, **config), False


def facts(name: str, built, has_weights: bool) -> str:
    """One line about the model built here: its call, input, parameters and published accuracy."""
    shipped = _shipped(name)  # its own accuracy, not that of keras.io's default configuration
    known, by = (shipped, "TF-slim's table") if shipped else (application_info(name), "keras.io")
    accuracy = "ImageNet accuracy unpublished" if has_weights else "random weights"
    if has_weights and known.top1:
        accuracy = f"ImageNet top-1 / top-5 {known.top1:.1%} / {known.top5:.1%} ({by})"
    height, width = built.input_shape[1:3]
    size = f"{height} x {width} px" if height else "any size"
    call = f"keras.applications.{shipped.call if shipped else name + '()'}"
    return f"{call}: {size} input, {built.count_params():,} parameters, {accuracy}"


def render_choice(model: str, photo: str) -> list:
    """What the picker shows for one model and photo: one line of facts, then a table or a line."""
    built, has_weights = _model_for(model)
    if has_weights:
        top5 = classify(built, sample_image(photo), top=5, application=model)
        return [facts(model, built, has_weights),
                Table([(f"{p.probability:.1%}", p.label, p.class_id) for p in top5],
                      header=("probability", "class", "id"), caption=f"Top 5 for {photo} with ImageNet weights")]
    common = collections.Counter(type(layer).__name__ for layer in built.layers).most_common(6)
    return [facts(model, built, has_weights), f"Architecture (random weights): {len(built.layers)} layers; "
            "most common: " + ", ".join(f"{count} {kind}" for kind, count in common) + "."]


def application_picker(models=None, photos=None):
    """Dropdowns for a model and a photo (models with weights first, then by size); the default choice
    is drawn first. Example: ``kt.application_picker(models=["MobileNet", "ResNet50"], photos=["chelsea.png"])``"""
    from .pickers import picker

    by_size = sorted(APPLICATIONS, key=lambda n: (not APPLICATIONS[n].shipped, APPLICATIONS[n].params_m or 1e9))
    models = [application_info(name).name for name in as_names(models or by_size)]  # unknown ones fail
    return picker(render_choice, labels={"model": "Model", "photo": "Photo"}, book_options={"model": 4},
                  model=models, photo=as_names(photos or PHOTOS))
