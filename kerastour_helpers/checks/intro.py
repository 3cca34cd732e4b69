"""Exercises of the intro: each answer is recomputed from the data the reader loaded."""

from . import Exercise


def _largest_word_index(x_train):
    try:
        return int(max(max(sequence) for sequence in x_train if len(sequence)))
    except (TypeError, ValueError):
        raise ValueError("Pass the word sequences you loaded (x_train=x_train from Reuters or IMDB).") from None


def _shared_houses(first, second):  # one split twice (the same seed loaded twice) cannot answer the question
    if (rows := [{row.tobytes() for row in split} for split in (first, second)])[0] == rows[1]:
        raise ValueError("Your two test sets hold the same houses: load the second with another seed (seed=1).")
    return len(rows[0] & rows[1])


EXERCISES = {
    "num_words": Exercise(
        "Load Reuters with a `num_words=` of your choice: what is the largest word index in `x_train`?",
        "Keras keeps the `num_words` most frequent words: every index it keeps is below `num_words`, and "
        "the rarer words all become the out-of-vocabulary index 2 (0 is padding, 1 marks the start).",
        solve=_largest_word_index),
    "shared_test_houses": Exercise(
        "How many houses do your two Boston test sets share?",
        "Count the rows of `first_x_test` that are also rows of `second_x_test`: another seed shuffles the houses anew.",
        solve=_shared_houses),
}
