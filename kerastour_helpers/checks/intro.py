"""Exercises of the intro: each answer is recomputed from the data the reader loaded."""

from . import Exercise


def _largest_word_index(x_train):
    try:
        return int(max(max(sequence) for sequence in x_train if len(sequence)))
    except (TypeError, ValueError):
        raise ValueError("Pass the word sequences you loaded (x_train=x_train from Reuters or IMDB).") from None


EXERCISES = {
    "num_words": Exercise(
        "Load Reuters with a `num_words=` of your choice: what is the largest word index in `x_train`?",
        "Keras keeps the `num_words` most frequent words: every index it keeps is below `num_words`, and "
        "the rarer words all become the out-of-vocabulary index 2 (0 is padding, 1 marks the start).",
        solve=_largest_word_index),
    "shared_test_houses": Exercise(
        "How many houses do your two Boston test sets share?",
        "Load the second test set with another seed (the same seed twice gives the same houses), then count the rows "
        "of `first_x_test` that are also rows of `second_x_test`.",  # the same houses twice: never right
        solve=lambda first, second: None if (a := {r.tobytes() for r in first}) == (b := {r.tobytes() for r in second})
        else len(a & b)),
}
