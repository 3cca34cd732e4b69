"""Keras's datasets, real when they can be had, labelled when not: :mod:`.registry` (one entry per dataset),
:mod:`.load` (drop-ins for Keras's loaders), :mod:`.shipped` (the real data that ships), :mod:`.standins`
(CIFAR-100's made-up stand-in), :mod:`.text` (Keras's rules for word-index sequences, and decoding them)."""

from .load import LoadedDataset, dataset_info, list_datasets, load_dataset, load_word_index  # noqa: F401
