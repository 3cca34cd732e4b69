"""Keras Tour's helpers: datasets, models and checks for the book's notebooks.

Importing this package is cheap: each name below is loaded from its module the
first time it is used, and Keras (with its backend) only when a function needs it.
"""

from __future__ import annotations

import importlib
import os

# Importing this package before Keras keeps TensorFlow's C++ info and warning
# logs out of the notebook (a default only: a reader's own setting wins).
# Its oneDNN start-up notice is silenced only by turning oneDNN off, which costs
# about 1.3x in CPU speed, so the book's build does that (Makefile), not this package.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

__version__ = "0.1.0"

_EXPORTS = {
    "list_datasets": "datasets.load",
    "dataset_info": "datasets.load",
    "load_dataset": "datasets.load",
    "load_word_index": "datasets.load",
    "LoadedDataset": "datasets.load",
    "UnknownDatasetError": "datasets.load",
    "OfflineDataWarning": "datasets.load",
    "DataFileError": "cache",
    "environment": "runtime.report",
    "doctor": "runtime.doctor",
    "check": "checks",
    # applications chapter (and the visualization chapter's photos and MobileNet)
    "application_info": "pretrained.models",
    "applications_table": "pretrained.models",
    "install_shipped_weights": "pretrained.models",
    "load_application": "pretrained.models",
    "UnknownApplicationError": "pretrained.models",
    "WeightsUnavailableError": "pretrained.models",
    "WeightsFileError": "pretrained.models",
    "classify": "pretrained.predictions",
    "sample_image": "pretrained.photos",
    "load_photo": "pretrained.photos",
    "photo_credit": "pretrained.photos",
    "compare_chart": "pretrained.charts",
    "application_picker": "widgets.application_picker",
    "picker": "widgets.pickers",
    # visualization chapter
    "show_model": "figures.model_drawing",
    "plot_channels": "figures.channels",
    "plot_heatmaps": "figures.heatmaps",
    "plot_scalars": "figures.tensorboard",
    "activation_picker": "widgets.activation_picker",
    # architecture chapter
    "draw_keras_stack": "figures.stack",
    "installed_backends": "runtime.backends",
    "run_under_backends": "runtime.backends",
    # datasets chapter
    "dataset_picker": "widgets.dataset_picker",
    "datasets_table": "figures.datasets",
    "image_grid": "figures.datasets",
    "histogram": "figures.datasets",
    # training chapter
    "image_folder": "datasets.shipped",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kerastour_helpers' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
