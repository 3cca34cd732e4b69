"""The intro's exercises: answers recomputed from the data the reader loaded."""

import pytest

import kerastour_helpers as kt


def test_largest_word_index_is_read_from_the_readers_sequences():
    x_train = [[1, 5, 7], [1, 2, 999], []]
    assert kt.check("intro.num_words", 999, x_train=x_train)
    assert not kt.check("intro.num_words", 1000, x_train=x_train)  # num_words itself is never kept


def test_num_words_caps_the_real_reuters_indices(keras_datasets_dir):
    (x_train, _), _ = kt.load_dataset("reuters", num_words=500)
    assert kt.check("intro.num_words", 499, x_train=x_train)
    assert not kt.check("intro.num_words", 500, x_train=x_train)


def test_bad_sequences_get_a_clear_message():
    with pytest.raises(ValueError, match="x_train=x_train"):
        kt.check("intro.num_words", 3, x_train=[[], []])


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
