"""The datasets chapter's exercise answers agree with Keras and with the registry."""

import importlib
import inspect

import kerastour_helpers as kt
from kerastour_helpers.checks import exercises
EXERCISES = exercises()


def _default(loader, argument):
    return inspect.signature(loader).parameters[argument].default


def test_the_text_answers_are_keras_defaults():
    import keras

    for name in ("imdb", "reuters"):
        loader = getattr(keras.datasets, name).load_data
        assert EXERCISES["datasets.index_from"].answer == _default(loader, "index_from")
        assert EXERCISES["datasets.oov_index"].answer == _default(loader, "oov_char")


def test_the_reuters_answer_is_the_number_of_topics():
    assert EXERCISES["datasets.reuters_topics"].answer == kt.dataset_info("reuters").num_classes
    (_, y_train), (_, y_test) = kt.load_dataset("reuters")
    assert len(set(y_train) | set(y_test)) == EXERCISES["datasets.reuters_topics"].answer


def test_the_fashion_answer_is_a_real_loader_and_not_mnist():
    module, _, function = EXERCISES["datasets.fashion_loader"].answer.rpartition(".")
    loader = getattr(importlib.import_module(module), function)
    assert callable(loader) and loader.__module__.endswith("fashion_mnist")
    assert not kt.check("datasets.fashion_loader", "keras.datasets.mnist.load_data")
