"""The intro's exercises: answers recomputed from the data the reader loaded."""

import pytest

import kerastour_helpers as kt


def test_oov_ratio_is_recomputed_from_the_readers_two_loads():
    large = [[1, 5, 7], [1, 2, 9, 3], []]
    small = [[1, 5, 2], [1, 2, 2, 3], []]  # num_words=6: 7 and 9 became 2
    assert kt.check("intro.oov_share", 3 / 1, small=small, large=large)
    assert not kt.check("intro.oov_share", 1 / 3, small=small, large=large)
    assert not kt.check("intro.oov_share", 1.0, small=large, large=large)  # the same num_words twice
    assert not kt.check("intro.oov_share", 3.0, small=large, large=small)  # the larger vocabulary as `small`
    other = [[1, 2, 2], [1, 2, 2, 4], []]  # not the same newswires (a 4 where `large` has a 3)
    assert not kt.check("intro.oov_share", 4 / 1, small=other, large=large)


def test_oov_ratio_on_real_reuters(keras_datasets_dir):
    import numpy as np

    (x_small, _), _ = kt.load_dataset("reuters", num_words=500)
    (x_large, _), _ = kt.load_dataset("reuters", num_words=5000)
    by_hand = sum(w == 2 for x in x_small for w in x) / sum(w == 2 for x in x_large for w in x)
    assert by_hand > 2 and kt.check("intro.oov_share", by_hand, small=x_small, large=x_large)
    assert not kt.check("intro.oov_share", round(by_hand, 1), small=x_small, large=x_large)
    assert not kt.check("intro.oov_share", 499, small=x_small, large=x_large)  # yesterday's answer: num_words - 1
    (x_seed, _), _ = kt.load_dataset("reuters", num_words=500, seed=1)  # other newswires: refused
    assert not kt.check("intro.oov_share", np.sum(np.concatenate(x_seed) == 2) / np.sum(np.concatenate(x_large) == 2),
                        small=x_seed, large=x_large)


def test_bad_sequences_get_a_clear_message():
    with pytest.raises(ValueError, match="small=x_small, large=x_large"):
        kt.check("intro.oov_share", 3, small=[], large=[[1, 2]])


def test_shared_test_houses_are_counted_in_the_readers_two_splits(keras_datasets_dir):
    import keras

    kt.load_dataset("boston_housing")  # Keras's own file, into Keras's cache
    _, (first, _) = keras.datasets.boston_housing.load_data()
    _, (second, _) = keras.datasets.boston_housing.load_data(seed=1)
    shared = sum(bool((row == second).all(axis=1).any()) for row in first)  # by hand, row by row
    assert 0 < shared < len(first)
    assert kt.check("intro.shared_test_houses", shared, first=first, second=second)
    assert not kt.check("intro.shared_test_houses", len(first), first=first, second=second)
    assert not kt.check("intro.shared_test_houses", len(first), first=first, second=first)  # one split twice
    _, (again, _) = keras.datasets.boston_housing.load_data()  # the default seed twice: the same houses
    assert not kt.check("intro.shared_test_houses", len(first), first=first, second=again)
    assert "another seed" in kt.check("intro.shared_test_houses", len(first), first=first, second=again).message
