"""Word-index sequences: Keras's preparation rules, and decoding back to words.

``prepare_sequences`` applies the options of ``keras.datasets.imdb.load_data``
(``num_words``, ``skip_top``, ``maxlen``, ``seed``, ``start_char``,
``oov_char``, ``index_from``) to raw word ranks, with Keras's exact rules, so
that the real IMDB sentences that ship answer those options as Keras's loader
answers them for the full reviews.
"""

from __future__ import annotations

import numpy as np

RESERVED = {0: "<pad>", 1: "<start>", 2: "<oov>"}


def _remove_long(maxlen, xs, labels):
    kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
    return [x for x, _ in kept], [y for _, y in kept]


def prepare_sequences(
    train,
    test,
    *,
    num_words=None,
    skip_top=0,
    maxlen=None,
    seed=113,
    start_char=1,
    oov_char=2,
    index_from=3,
):
    """Shuffle, offset, filter and clip raw word-rank sequences like Keras's IMDB loader.

    ``train`` and ``test`` are ``(sequences, labels)`` pairs of raw word ranks
    (1 = the most frequent word; ``None`` = a word Keras's index does not have, which
    becomes ``oov_char``, or is dropped when ``oov_char`` is None). Returns ``((x_train, y_train), (x_test, y_test))``
    with object arrays of lists, as Keras does.
    """
    rng = np.random.RandomState(seed)
    parts = []
    for xs, labels in (train, test):
        order = np.arange(len(xs))
        rng.shuffle(order)
        xs = [list(xs[i]) for i in order]
        labels = np.asarray(labels)[order]
        xs = [[oov_char if w is None else w + index_from for w in x] for x in xs]
        xs = [[w for w in x if w is not None] for x in xs]
        if start_char is not None:
            xs = [[start_char] + x for x in xs]
        parts.append((xs, labels))
    (x_train, y_train), (x_test, y_test) = parts
    if maxlen:
        x_train, y_train = _remove_long(maxlen, x_train, y_train)
        x_test, y_test = _remove_long(maxlen, x_test, y_test)
        if not x_train or not x_test:
            raise ValueError(
                f"After filtering for sequences shorter than maxlen={maxlen}, "
                "no sequence was kept. Increase maxlen."
            )
    xs = x_train + x_test
    labels = np.concatenate([np.asarray(y_train), np.asarray(y_test)])
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    n = len(x_train)
    return (
        (np.array(xs[:n], dtype="object"), labels[:n]),
        (np.array(xs[n:], dtype="object"), labels[n:]),
    )


def reverse_word_index(word_index: dict, index_from: int = 3) -> dict:
    """Map each index in a loaded sequence back to its word.

    Keras shifts every word rank by ``index_from`` (3 by default) to make room
    for the reserved indices 0 (padding), 1 (start) and 2 (out of vocabulary).
    """
    if index_from < 0:
        raise ValueError(f"index_from must be 0 or more, got {index_from}.")
    reverse = {rank + index_from: word for word, rank in word_index.items()}
    for index, token in RESERVED.items():
        if index < index_from:
            reverse[index] = token
    return reverse


def decode(sequence, word_index: dict, index_from: int = 3) -> str:
    """Turn one loaded sequence of indices back into text (``<oov>`` etc. for reserved ones)."""
    if isinstance(sequence, str) or not hasattr(sequence, "__iter__"):
        raise TypeError(
            "decode() takes one sequence of word indices, e.g. x_train[0]; "
            f"got {type(sequence).__name__}."
        )
    reverse = reverse_word_index(word_index, index_from)
    return " ".join(reverse.get(int(i), "<?>") for i in sequence)
