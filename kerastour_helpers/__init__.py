"""Keras Tour's helpers: datasets, models and checks for the book's notebooks. Importing this package is cheap:
each name below is loaded from its module the first time it is used, and Keras only when a function needs it."""

import importlib
import os

# Imported before Keras, this keeps TensorFlow's C++ info and warning logs out of the notebook (a reader's setting
# wins). Only turning oneDNN off (1.3x slower on CPU) silences its notice: the book's Makefile does that, not this.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

__version__ = "0.1.0"

# Each public name, and the module it is loaded from (by chapter where one chapter uses it).
_MODULES = {
    "datasets.load": "list_datasets dataset_info load_dataset load_word_index LoadedDataset "
                     "UnknownDatasetError OfflineDataWarning",
    "cache": "DataFileError DataFileWarning",
    "runtime.report": "environment",
    "runtime.doctor": "doctor",
    "checks": "check",
    # applications chapter (and the visualization chapter's photos and MobileNet)
    "pretrained.models": "application_info applications_table install_shipped_weights load_application "
                         "UnknownApplicationError WeightsUnavailableError WeightsFileError",
    "pretrained.predictions": "classify",
    "pretrained.photos": "sample_image photo_credit",
    "pretrained.charts": "compare_chart",
    "widgets.application_picker": "application_picker",
    "widgets.pickers": "picker",
    # visualization chapter
    "figures.model_drawing": "show_model",
    "figures.channels": "plot_channels",
    "figures.heatmaps": "plot_heatmaps",
    "figures.tensorboard": "plot_scalars",
    "widgets.activation_picker": "activation_picker",
    # architecture chapter (run_together: the training chapter's two processes)
    "figures.stack": "draw_keras_stack",
    "searches": "settings_search",
    "runtime.backends": "installed_backends run_under_backends run_together",
    # datasets chapter
    "widgets.dataset_picker": "dataset_picker",
    "datasets.text": "decode_words",
    "figures.datasets": "datasets_table image_grid histogram",
    # training chapter
    "datasets.shipped": "image_folder",
}
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names.split()}

__all__ = sorted(_EXPORTS)

if os.environ.get("KERASTOUR_BOOK"):  # the book's build: figures carry their titles (book.py)
    importlib.import_module(".book", __name__).title_figures_in_pngs()


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kerastour_helpers' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
