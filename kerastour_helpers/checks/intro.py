"""Exercises of the intro: each answer is recomputed from the data the reader loaded."""

import numpy as np

from . import Exercise


def _largest_word_index(x_train):
    try:
        return int(max(max(sequence) for sequence in x_train if len(sequence)))
    except (TypeError, ValueError):
        raise ValueError("Pass the word sequences you loaded (x_train=x_train from Reuters or IMDB).") from None


def _shared_rows(first, second):
    """How many rows (houses) of ``first`` are also in ``second``."""
    first, second = np.asarray(first), np.asarray(second)
    if first.ndim != 2 or first.shape[1:] != second.shape[1:]:
        raise ValueError("Pass the two test sets you loaded (first=first_x_test, second=second_x_test).")
    return len({row.tobytes() for row in first} & {row.tobytes() for row in second})


EXERCISES = {
    "num_words": Exercise(
        "Load Reuters with a `num_words=` of your choice: what is the largest word index in `x_train`?",
        "Keras keeps the `num_words` most frequent words: every index it keeps is below `num_words`, and "
        "the rarer words all become the out-of-vocabulary index 2 (0 is padding, 1 marks the start).",
        solve=_largest_word_index),
    "test_split": Exercise(
        "Load Boston Housing with a `test_split=` of your choice: how many of the 506 houses are left for training?",
        "Keras trains on the first `int(506 * (1 - test_split))` houses; `int` rounds down.",
        solve=lambda x_train: len(x_train)),
    "shared_test_houses": Exercise(
        "How many houses do your two Boston test sets share?",
        "Compare the rows: e.g. `sum((first_x_test[i] == second_x_test).all(axis=1).any() for i in "
        "range(len(first_x_test)))`; with another seed, Keras shuffles the houses differently.",
        solve=_shared_rows),
}
