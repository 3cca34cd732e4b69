"""Keras's datasets: :mod:`.registry` (facts), :mod:`.load` (drop-ins for Keras's loaders), :mod:`.shipped` (shipped
real data), :mod:`.standins` (CIFAR-100's made-up stand-in), :mod:`.text` (word-index sequences)."""

from .load import LoadedDataset, dataset_info, list_datasets, load_dataset, load_word_index  # noqa: F401
