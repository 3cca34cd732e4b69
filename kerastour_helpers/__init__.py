"""Keras Tour's helpers: datasets, models and checks for the book's notebooks.

Importing this package is cheap: each name below is loaded from its module the
first time it is used, and Keras (with its backend) only when a function needs it.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "list_datasets": "datasets",
    "dataset_info": "datasets",
    "load_dataset": "datasets",
    "load_word_index": "datasets",
    "LoadedDataset": "datasets",
    "UnknownDatasetError": "datasets",
    "OfflineDataWarning": "datasets",
    "DataFileError": "files",
    "decode": "sequences",
    "reverse_word_index": "sequences",
    "environment": "runtime",
    "check": "exercises",
    "picker": "pickers",
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
