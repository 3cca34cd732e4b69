"""Exercises of the intro: each answer is recomputed from the data the reader loaded."""

import numpy as np

from . import Exercise


def _oov_ratio(small, large):
    """How many times more indices are 2 (out of vocabulary) in ``small`` than in ``large``, if only num_words differs."""
    try:
        few, many = (np.concatenate([np.asarray(s, dtype=np.int64) for s in x]) for x in (small, large))
    except (TypeError, ValueError):
        raise ValueError("Pass the two x_train you loaded (small=x_small, large=x_large).") from None
    same_data = [len(s) for s in small] == [len(s) for s in large] and np.all((few == many) | (few == 2))
    oov_few, oov_many = int(np.sum(few == 2)), int(np.sum(many == 2))
    return oov_few / oov_many if same_data and oov_few > oov_many > 0 else None  # else: not two num_words


EXERCISES = {
    "oov_share": Exercise(
        "How many times more of the indices in `x_small` than in `x_large` are the out-of-vocabulary index 2?",
        "Load Reuters twice, changing only `num_words` (smaller for `x_small`); for each, count the 2s in "
        "`np.concatenate(x)`, then divide (do not round: the check computes the same ratio).", solve=_oov_ratio),
    "shared_test_houses": Exercise(
        "How many houses do your two Boston test sets share?",
        "Load the second test set with another seed (the same seed twice gives the same houses), then count the rows "
        "of `first_x_test` that are also rows of `second_x_test`.",  # the same houses twice: never right
        solve=lambda first, second: None if (a := {r.tobytes() for r in first}) == (b := {r.tobytes() for r in second})
        else len(a & b)),
}
