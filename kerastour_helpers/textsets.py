"""The text datasets (IMDB, Reuters): examples decoded back to words, lengths, labels.

Keras stores a review or a newswire as a list of word indices. Index ``i`` means
the word of rank ``i - index_from`` in the word index (rank 1 = the most
frequent word); 0, 1 and 2 are reserved for padding, "start" and
"out of vocabulary". Decoding with the wrong ``index_from`` gives fluent
nonsense, so every helper here takes the ``index_from`` the data was loaded with.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from .datasets import dataset_info
from .datasets.text import decode

TEXT_DATASETS = ("imdb", "reuters")


def _check_text(name):
    info = dataset_info(name)
    if name not in TEXT_DATASETS:
        raise ValueError(f"{name!r} is not a text dataset; choose one of: {', '.join(TEXT_DATASETS)}.")
    return info


def label_name(name: str, label) -> str:
    """The class name of one label, e.g. ``label_name("reuters", 3) == "earn"``."""
    info = dataset_info(name)
    if not info.class_names:
        raise ValueError(f"{name!r} is a regression dataset: its targets have no class names.")
    index = int(np.asarray(label).reshape(-1)[0])
    if not 0 <= index < len(info.class_names):
        raise ValueError(f"Label {index} is out of range for {name!r} (0 to {len(info.class_names) - 1}).")
    return info.class_names[index]


@dataclass
class DecodedExample:
    """One example of a text dataset, as words, with its label."""

    dataset: str
    index: int
    label: str
    text: str
    length: int

    def short(self, words: int = 60) -> str:
        tokens = self.text.split()
        more = f" ... ({len(tokens) - words} more words)" if len(tokens) > words else ""
        return " ".join(tokens[:words]) + more

    def __str__(self):
        return f"#{self.index} [{self.label}] ({self.length} tokens): {self.short()}"

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        return (
            f"<p><strong>#{self.index}</strong> &middot; label <code>{html.escape(self.label)}</code> "
            f"&middot; {self.length} tokens</p><blockquote>{html.escape(self.short())}</blockquote>"
        )


def decode_example(name: str, x, y, index: int, word_index: dict, index_from: int = 3) -> DecodedExample:
    """Decode example ``index`` of ``x``/``y`` (loaded with this ``index_from``) back to words."""
    _check_text(name)
    if not 0 <= index < len(x):
        raise IndexError(f"index {index} is out of range: there are {len(x):,} examples (0 to {len(x) - 1}).")
    sequence = x[index]
    return DecodedExample(
        dataset=name,
        index=index,
        label=label_name(name, y[index]),
        text=decode(sequence, word_index, index_from),
        length=len(sequence),
    )


def first_of_each_label(y, labels) -> list:
    """The index of the first example of each label in ``labels`` (skipping absent ones)."""
    y = np.asarray(y).reshape(-1)
    found = []
    for label in labels:
        hits = np.flatnonzero(y == label)
        if len(hits):
            found.append(int(hits[0]))
    return found


def length_summary(sequences) -> dict:
    """Lengths of the sequences: min, median, mean, 90th percentile, max (in tokens)."""
    lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
    if not len(lengths):
        raise ValueError("length_summary() needs at least one sequence.")
    return {
        "min": int(lengths.min()),
        "median": float(np.median(lengths)),
        "mean": float(lengths.mean()),
        "p90": float(np.percentile(lengths, 90)),
        "max": int(lengths.max()),
    }


def coverage(sequences, maxlen: int) -> float:
    """The fraction of sequences with fewer than ``maxlen`` tokens (those ``maxlen=`` keeps)."""
    if maxlen < 1:
        raise ValueError(f"maxlen must be at least 1, got {maxlen}.")
    lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
    return float((lengths < maxlen).mean())
