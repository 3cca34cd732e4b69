"""Decoding the text datasets back to words, and the helpers around it."""

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.textsets import first_of_each_label

WORDS = {"the": 1, "cat": 2, "sat": 3, "mat": 4}


def test_decode_example_shifts_by_index_from_and_names_reserved_indices():
    x = np.array([[1, 4, 5, 6, 2, 7]], dtype=object)
    example = kt.decode_example("imdb", x, np.array([1]), 0, WORDS)
    assert example.text == "<start> the cat sat <oov> mat"
    assert example.label == "positive"
    assert example.length == 6


def test_the_wrong_offset_gives_other_words():
    x = [[4, 5, 6]]
    right = kt.decode_example("reuters", x, [3], 0, WORDS, index_from=3).text
    wrong = kt.decode_example("reuters", x, [3], 0, WORDS, index_from=0).text
    assert right == "the cat sat" and wrong != right
    assert kt.decode_example("reuters", x, [3], 0, WORDS).label == "earn"


def test_decoding_the_real_reuters_data_gives_its_words():
    (x_train, y_train), _ = kt.load_dataset("reuters")
    words = kt.load_word_index("reuters")
    example = kt.decode_example("reuters", x_train, y_train, 0, words)
    assert example.text.split()[0] == "<start>"
    assert "<?>" not in example.text  # every index has a word
    assert example.length == len(x_train[0])
    assert example.label == kt.dataset_info("reuters").class_names[y_train[0]]


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="not a text dataset"):
        kt.decode_example("mnist", [[1]], [0], 0, WORDS)
    with pytest.raises(IndexError, match="there are 1 examples"):
        kt.decode_example("imdb", [[1]], [0], 5, WORDS)
    with pytest.raises(ValueError, match="out of range"):
        kt.label_name("imdb", 2)
    with pytest.raises(ValueError, match="regression"):
        kt.label_name("boston_housing", 0)


def test_label_name_accepts_cifar_shaped_labels():
    assert kt.label_name("cifar10", np.array([8], dtype=np.uint8)) == "ship"


def test_length_summary_and_coverage():
    seqs = [[0] * n for n in (1, 2, 3, 10)]
    summary = kt.length_summary(seqs)
    assert summary["min"] == 1 and summary["max"] == 10
    assert summary["median"] == 2.5 and summary["mean"] == 4.0
    assert kt.coverage(seqs, 3) == 0.5  # like Keras's maxlen: shorter than, not equal
    with pytest.raises(ValueError):
        kt.coverage(seqs, 0)
    with pytest.raises(ValueError):
        kt.length_summary([])


def test_first_of_each_label_skips_absent_labels():
    assert first_of_each_label([2, 0, 2, 1], [0, 1, 2, 5]) == [1, 3, 0]
