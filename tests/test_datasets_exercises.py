"""The datasets chapter's exercises: each answer is recomputed from the reader's own objects."""

import numpy as np
import pytest

import kerastour_helpers as kt


@pytest.mark.slow
def test_maxlen_survivors_counts_like_keras_own_loader():
    (x_train, _), _ = kt.load_dataset("reuters")
    # What Keras's loader keeps, counted by the loader itself (split after the filter):
    (kept_train, _), (kept_test, _) = kt.load_dataset("reuters", maxlen=30, test_split=0.0001)
    kept = sum(len(x) < 30 for x in x_train)
    assert kt.check("datasets.maxlen_survivors", kept, x_train=x_train, maxlen=30)
    assert not kt.check("datasets.maxlen_survivors", sum(len(x) <= 30 for x in x_train), x_train=x_train, maxlen=30)
    (all_train, _), (all_test, _) = kt.load_dataset("reuters", test_split=0.0001)
    assert len(kept_train) + len(kept_test) == sum(len(x) < 30 for x in list(all_train) + list(all_test))


def test_maxlen_survivors_follows_the_readers_own_data():
    x_train = np.array([[1, 5], [1, 5, 6, 7], [1]], dtype=object)
    assert kt.check("datasets.maxlen_survivors", 2, x_train=x_train, maxlen=3)
    assert kt.check("datasets.maxlen_survivors", np.int64(3), x_train=x_train, maxlen=5)
    with pytest.raises(ValueError, match="maxlen must be a whole number"):
        kt.check("datasets.maxlen_survivors", 1, x_train=x_train, maxlen="3")
    assert not kt.check("datasets.maxlen_survivors", 0, x_train=[], maxlen=20)  # nothing loaded: a reviewer passed with 0


def test_the_check_needs_the_readers_objects():
    with pytest.raises(TypeError, match="x_train=x_train"):
        kt.check("datasets.maxlen_survivors", 3, maxlen=20)


class FixedModel:
    """Stands in for a Keras model: predicts from a rule, so the accuracy is known."""

    def __init__(self, input_shape, wrong_every=0):
        self.input_shape, self.wrong_every = (None,) + input_shape, wrong_every

    def predict(self, x, batch_size=None, verbose=0):
        (_, y_train), _ = kt.load_dataset("mnist", banner=False)
        assert len(x) == 1000 and x.shape[1:] == self.input_shape[1:]
        labels = y_train[-1000:].copy()  # the held-out digits: the last 1,000 of the training set
        if self.wrong_every:
            labels[:: self.wrong_every] = (labels[:: self.wrong_every] + 1) % 10
        return np.eye(10)[labels]


def fixed_recipe(input_shape, wrong_every=0, seen=None):
    """A train(x, y) that records what it was given and returns a FixedModel."""
    def train(x, y):
        if seen is not None:
            seen.append((x, y))
        return FixedModel(input_shape, wrong_every)
    return train


def test_mnist_accuracy_trains_the_readers_recipe_on_the_first_4000_digits_only():
    (x_train, y_train), _ = kt.load_dataset("mnist", banner=False)
    seen = []
    assert kt.check("datasets.mnist_accuracy", train=fixed_recipe((28, 28, 1), seen=seen))
    (x, y), = seen
    assert len(x) == len(y) == 4000 and (x == x_train[:4000]).all() and (y == y_train[:4000]).all()
    assert kt.check("datasets.mnist_accuracy", train=fixed_recipe((28, 28), wrong_every=50))  # 98 %
    feedback = kt.check("datasets.mnist_accuracy", train=fixed_recipe((28, 28, 1), wrong_every=20))  # 95 %
    assert not feedback and "95.0% on the last 1,000 training digits; your train() saw only the first 4,000" in feedback.message
    assert "(32, 32, 3)" in kt.check("datasets.mnist_accuracy", train=fixed_recipe((32, 32, 3))).message


x_train = np.zeros((5, 28, 28))  # a page's global images: a recipe that reads them is refused


def test_mnist_accuracy_refuses_a_recipe_that_reads_the_pages_digits():
    def leaky(x, y):
        return FixedModel((28, 28, 1)) if len(x_train) else None  # the page's training cell, copied with x_train

    feedback = kt.check("datasets.mnist_accuracy", train=leaky)
    assert not feedback and "reads x_train" in feedback.message

    def reloading(x, y):  # ignores its digits and loads all 5,000 again: a reviewer passed the check this way
        (x_all, _), _ = kt.load_dataset("mnist")
        return FixedModel((28, 28, 1)) if len(x_all) else None

    feedback = kt.check("datasets.mnist_accuracy", train=reloading)
    assert not feedback and "reads load_dataset" in feedback.message
    waiting = kt.check("datasets.mnist_accuracy", train=...)  # the stored page: no recipe yet, nothing trained
    assert waiting.verdict == "Your turn" and "97 %" in waiting.message


def test_mnist_accuracy_on_real_keras_recipes():
    import keras

    def untrained(x, y):
        keras.utils.set_random_seed(0)
        return keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])

    feedback = kt.check("datasets.mnist_accuracy", train=untrained)  # about one in ten
    assert not feedback and "your train() saw only the first 4,000" in feedback.message

    def one_epoch(x, y):
        model = untrained(x, y)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=1, batch_size=100, verbose=0)
        return model

    scored = kt.check("datasets.mnist_accuracy", train=one_epoch)  # the check trains it: far above chance, below 97 %
    assert not scored and 50 < float(scored.message.split("%")[0]) < 97


def test_overfit_epoch_is_the_lowest_validation_loss_once_seen_rising():
    from types import SimpleNamespace

    seen = SimpleNamespace(history={"loss": [3, 2, 1, 0.5, 0.2], "val_loss": [3.0, 2.0, 1.5, 1.7, 1.9]})
    assert kt.check("datasets.overfit_epoch", 3, history=seen)
    assert not kt.check("datasets.overfit_epoch", 5, history=seen)
    too_early = SimpleNamespace(history={"val_loss": [3.0, 2.0, 1.5, 1.7]})  # one rise could be noise
    assert not any(kt.check("datasets.overfit_epoch", epoch, history=too_early) for epoch in (3, 4))
    with pytest.raises(ValueError, match="validation_split"):
        kt.check("datasets.overfit_epoch", 3, history=SimpleNamespace(history={"loss": [1.0, 0.5]}))


@pytest.mark.slow
def test_overfit_epoch_reads_a_real_keras_history():
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x, y = rng.random((64, 8), dtype="float32"), rng.integers(0, 2, 64)  # random labels: it can only overfit
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    history = model.fit(x, y, validation_split=0.25, epochs=12, verbose=0)
    lowest = min(range(12), key=lambda epoch: history.history["val_loss"][epoch])
    assert lowest < 10
    assert kt.check("datasets.overfit_epoch", lowest + 1, history=history)
