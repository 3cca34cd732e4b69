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


@pytest.mark.parametrize("test_split", [0.2, 0.3, 0.25])
def test_training_houses_follow_the_readers_split(keras_datasets_dir, test_split):
    (x_train, _), _ = kt.load_dataset("boston_housing", test_split=test_split)
    right = int(506 * (1 - test_split))
    assert kt.check("intro.test_split", right, x_train=x_train)
    assert not kt.check("intro.test_split", round(506 * test_split), x_train=x_train)  # the test set
