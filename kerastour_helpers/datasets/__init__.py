"""Keras's datasets, real when they can be had, labelled when not.

* :mod:`.registry`: one entry per dataset (facts, kind, offline recipe);
* :mod:`.load`: ``load_dataset`` and ``load_word_index``, drop-ins for Keras's loaders;
* :mod:`.shipped`: readers of the real data that ships with Keras Tour;
* :mod:`.standins`: the one made-up stand-in left (CIFAR-100);
* :mod:`.text`: Keras's rules for word-index sequences, and decoding them back to words.
"""

from .load import LoadedDataset, dataset_info, list_datasets, load_dataset, load_word_index  # noqa: F401
