"""The datasets chapter's first models: inputs, recipes, and an honest result."""

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import first_models as fm


def test_multi_hot_marks_the_words_present_and_ignores_the_rest():
    out = kt.multi_hot([[1, 3, 3], [0, 9]], num_words=5)
    assert out.dtype == np.uint8 and out.shape == (2, 5)
    assert out.tolist() == [[0, 1, 0, 1, 0], [1, 0, 0, 0, 0]]
    with pytest.raises(ValueError):
        kt.multi_hot([[1]], 0)


def test_standardize_uses_the_training_statistics():
    x_train = np.array([[0.0, 5.0], [2.0, 5.0]])
    x_test = np.array([[4.0, 5.0]])
    a, b = fm.standardize(x_train, x_test)
    assert np.allclose(a.mean(axis=0), 0) and b.tolist() == [[3.0, 0.0]]  # a constant column stays finite


def test_prepare_gives_channels_and_flat_labels():
    x = np.zeros((3, 32, 32, 3), np.uint8)
    y = np.array([[1], [2], [3]], np.uint8)
    (xt, yt), _ = fm.prepare("cifar10", ((x, y), (x, y)))
    assert xt.shape == (3, 32, 32, 3) and yt.shape == (3,)
    (xm, _), _ = fm.prepare("mnist", ((x[..., 0], y[:, 0]), (x[..., 0], y[:, 0])))
    assert xm.shape == (3, 32, 32, 1)


def test_the_epoch_budget_keeps_the_examples_seen_about_constant():
    mnist = fm.recipe("mnist")
    assert mnist.epochs_for(5_000) == 8 and mnist.epochs_for(60_000) == 1
    assert fm.recipe("imdb").epochs_for(25_000) == fm.recipe("imdb").epochs
    with pytest.raises(kt.UnknownDatasetError):
        fm.recipe("svhn")


def test_small_convnet_shifts_only_while_training():
    model = kt.small_convnet((28, 28, 1), 10)
    x = np.random.default_rng(0).integers(0, 255, (4, 28, 28, 1)).astype("float32")
    assert model.output_shape == (None, 10)
    assert np.allclose(model.predict(x, verbose=0), model.predict(x, verbose=0))


def test_a_result_says_which_data_it_was_measured_on():
    data = kt.load_dataset("cifar10")
    result = kt.train_first_model("cifar10", data)
    assert result.source == data.source == "offline-subset"
    assert result.n_train == len(data[0][0]) and result.n_test == len(data[1][0])
    assert 0.0 <= result.score <= 1.0 and result.train_seconds > 0
    assert str(result).startswith("[REAL OFFLINE SUBSET] ") and f"{100 * result.score:.2f} %" in str(result)
    table = kt.results_table([result])
    assert table.loc["cifar10", "data"] == "offline-subset"
