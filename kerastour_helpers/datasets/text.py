"""Keras's rules for word-index sequences: ``prepare_sequences`` applies ``imdb.load_data``'s options to raw word
ranks as Keras does (for the shipped IMDB sentences); ``decode_words`` reads a sequence back as words."""

import numpy as np


def no_sequence_kept(maxlen) -> ValueError:
    return ValueError(f"maxlen={maxlen} keeps no sequence: Keras keeps only sequences shorter than maxlen (the "
                      "start token counts). Pass a larger maxlen, e.g. maxlen=200, or None.")


def decode_words(sequence, word_index: dict, index_from: int = 3) -> str:
    """A sequence of Keras's word indices as text: rank ``r`` (``word_index[word]``) is stored as
    ``r + index_from``; 0 pads, 1 starts, 2 is out of vocabulary (``<pad>``, ``<start>``, ``<oov>``):
    ``decode_words(x_train[0], keras.datasets.reuters.get_word_index())`` gives "<start> <oov> <oov> said as ..."."""
    words = {0: "<pad>", 1: "<start>", 2: "<oov>"} | {rank + index_from: word for word, rank in word_index.items()}
    return " ".join(words.get(int(i), "<?>") for i in sequence)


def prepare_sequences(train, test, *, num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1,
                      oov_char=2, index_from=3):
    """Shuffle, offset, filter and clip ``train`` and ``test``, ``(sequences, labels)`` of raw word ranks (1: the most
    frequent word; ``None``: not in Keras's index, so ``oov_char``, or dropped when it is None), like Keras's IMDB
    loader: ``((x_train, y_train), (x_test, y_test))`` with object arrays of lists, as Keras gives."""
    rng = np.random.RandomState(seed)
    parts = []
    for xs, labels in (train, test):
        order = rng.permutation(len(xs))  # RandomState's shuffle of np.arange(len(xs)), as Keras's loader does
        xs, labels = [list(xs[i]) for i in order], np.asarray(labels)[order]
        start = [] if start_char is None else [start_char]
        known = [[w for w in x if w is not None or oov_char is not None] for x in xs]
        xs = [start + [oov_char if w is None else w + index_from for w in x] for x in known]
        parts.append((xs, labels))
    (x_train, y_train), (x_test, y_test) = parts
    if maxlen:
        (x_train, y_train), (x_test, y_test) = [  # Keras keeps the sequences shorter than maxlen
            ([x for x in xs if len(x) < maxlen], [y for x, y in zip(xs, ys) if len(x) < maxlen])
            for xs, ys in ((x_train, y_train), (x_test, y_test))]
        if not x_train or not x_test:
            raise no_sequence_kept(maxlen)
    xs, labels = x_train + x_test, np.concatenate([np.asarray(y_train), np.asarray(y_test)])
    if not num_words:
        num_words = max(max(x) for x in xs)
    kept = lambda w: skip_top <= w < num_words  # noqa: E731  (the others: oov_char, or dropped when it is None)
    xs = [[w if kept(w) else oov_char for w in x if kept(w) or oov_char is not None] for x in xs]
    n = len(x_train)
    return (np.array(xs[:n], dtype="object"), labels[:n]), (np.array(xs[n:], dtype="object"), labels[n:])
