"""The datasets chapter's exercises: each answer is recomputed from the reader's own objects."""

from types import SimpleNamespace

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
    assert kt.check("datasets.maxlen_survivors", np.int64(1), x_train=x_train, maxlen=2)
    assert not kt.check("datasets.maxlen_survivors", 0, x_train=[], maxlen=30)  # nothing loaded: a reviewer passed with 0


def test_maxlen_survivors_needs_a_maxlen_of_the_readers_that_drops_some_and_keeps_some():
    x_train = [[1] * n for n in (5, 10, 25, 40)]
    assert kt.check("datasets.maxlen_survivors", 3, x_train=x_train, maxlen=30)
    assert not kt.check("datasets.maxlen_survivors", 4, x_train=x_train, maxlen=10**6)  # a reviewer passed this way
    assert not kt.check("datasets.maxlen_survivors", 2, x_train=x_train, maxlen=20)  # the page's own example
    assert not kt.check("datasets.maxlen_survivors", 0, x_train=x_train, maxlen=3)  # keeps none: nothing to count


def test_the_check_needs_the_readers_objects():
    with pytest.raises(TypeError, match="x_train=x_train"):
        kt.check("datasets.maxlen_survivors", 3, maxlen=30)


def tiny(x, y, epochs=1, **fit):
    """A recipe: a new small Keras model fit once on the digits given (about 85 % after one epoch)."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten(),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x[..., None], y, epochs=epochs, batch_size=200, verbose=0, **fit)
    return model


@pytest.fixture
def low_target(monkeypatch):
    """Below what tiny() reaches, so that only the guards can say Not yet (the old check passed every cheat here)."""
    from kerastour_helpers.checks import datasets

    monkeypatch.setattr(datasets, "TARGET_ACCURACY", 0.5)


def test_mnist_accuracy_trains_the_readers_recipe_on_digits_it_picks_and_scores_the_others(low_target):
    (x_train, y_train), _ = kt.load_dataset("mnist", banner=False)
    seen = []
    feedback = kt.check("datasets.mnist_accuracy", train=lambda x, y: seen.append((x, y)) or tiny(x, y))
    assert feedback and "on 1,000 digits your train() never saw (it got 4,000)" in feedback.message
    (x, y), = seen
    rows = {image.tobytes(): label for image, label in zip(x_train, y_train)}
    assert len(x) == 4000 and all(rows[image.tobytes()] == label for image, label in zip(x, y))
    again = []
    kt.check("datasets.mnist_accuracy", train=lambda x, y: again.append(x) or tiny(x, y))
    assert not np.array_equal(again[0], x)  # a new draw: the held-out digits cannot be named in advance


def test_mnist_accuracy_refuses_a_model_that_existed_before_the_call(low_target):
    (x_train, y_train), _ = kt.load_dataset("mnist", banner=False)
    page_model = tiny(x_train[:4000], y_train[:4000])  # already trained, on digits the check may hold out
    feedback = kt.check("datasets.mnist_accuracy", train=lambda x, y: page_model)  # a reviewer passed it this way
    assert not feedback and "new model" in feedback.message


def test_mnist_accuracy_refuses_a_recipe_that_trains_on_more_than_its_digits(low_target):
    mnist = kt.load_dataset("mnist", banner=False)

    def reaching(x, y):  # the scored digits under another name: all 5,000 training digits
        return tiny(mnist[0][0], mnist[0][1])

    assert "fit it once on all its x, y" in kt.check("datasets.mnist_accuracy", train=reaching).message

    def twice(x, y):  # a second fit: the optimizer took more steps than the History counts
        model = tiny(x, y)
        model.fit(mnist[0][0][..., None], mnist[0][1], batch_size=200, epochs=1, verbose=0)
        return model

    assert not kt.check("datasets.mnist_accuracy", train=twice)
    assert not kt.check("datasets.mnist_accuracy", train=lambda x, y: tiny(x, y, validation_split=0.2))
    waiting = kt.check("datasets.mnist_accuracy", train=...)  # the stored page: no recipe yet, nothing trained
    assert waiting.verdict == "Your turn" and "97 %" in waiting.message


def test_mnist_accuracy_scores_a_real_recipe_against_97_percent():
    feedback = kt.check("datasets.mnist_accuracy", train=tiny)  # about 85 %: below 97 %
    assert not feedback and 50 < float(feedback.message.split("%")[0]) < 97


def reuters_like(epochs=12, seed=0):
    import keras

    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x, y = rng.random((80, 8), dtype="float32"), rng.integers(0, 2, 80)  # random labels: it can only overfit
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    history = model.fit(x, y, validation_split=0.2, epochs=epochs, batch_size=16, verbose=0)
    return model, history, x[64:], y[64:]  # Keras validates on the last 20 %: floor(80 * 0.8) = 64


def test_overfit_epoch_recomputes_from_the_readers_model_and_validation_arrays():
    import keras

    model, history, x_val, y_val = reuters_like()
    losses = history.history["val_loss"]
    lowest = losses.index(min(losses)) + 1
    assert lowest + 1 < len(losses)
    assert kt.check("datasets.overfit_epoch", lowest, model=model, history=history, x_val=x_val, y_val=y_val)
    assert not kt.check("datasets.overfit_epoch", lowest, model=model, history=history, x_val=x_val[:8], y_val=y_val[:8])
    made = keras.callbacks.History()  # a History made by hand, with the numbers the reader wants
    made.set_model(model)
    made.set_params({"epochs": 5, "steps": 1, "verbose": 0})
    made.epoch, made.history = list(range(5)), {"loss": [3, 2, 1, 0.5, 0.2], "val_loss": [3.0, 2.0, 1.5, 1.7, 1.9]}
    assert not kt.check("datasets.overfit_epoch", 3, model=model, history=made, x_val=x_val, y_val=y_val)
    with pytest.raises(TypeError, match="History"):
        kt.check("datasets.overfit_epoch", 3, model=model, history=SimpleNamespace(history=made.history), x_val=x_val, y_val=y_val)


def test_overfit_epoch_waits_until_val_loss_has_risen_twice():
    model, history, x_val, y_val = reuters_like(epochs=2)
    assert not any(kt.check("datasets.overfit_epoch", epoch, model=model, history=history, x_val=x_val, y_val=y_val)
                   for epoch in (1, 2))


def test_the_page_says_exactly_which_names_keras_refuses_as_path():
    """Keras 3.15's get_file refuses a name containing os.sep, and checks nothing else (file_utils.py:324): the page
    once said it refused "a name with a folder", which a `/` on Windows or a `..` is, unrefused."""
    import inspect
    import json
    from pathlib import Path

    import keras

    source = inspect.getsource(keras.utils.get_file)
    assert "if os.sep in fname:" in source and "altsep" not in source and '".."' not in source
    cells = json.loads((Path(__file__).parents[1] / "chapters/datasets.ipynb").read_text())["cells"]
    prose = " ".join(" ".join("".join(cell["source"]).split()) for cell in cells if cell["cell_type"] == "markdown")
    assert "refuses a name that contains `os.sep`" in prose and "with a folder in it" not in prose
    shown = next("".join(cell["source"]) for cell in cells if 'path="my_data/boston_housing.npz"' in "".join(cell["source"]))
    assert 'inspect.getsource(keras.utils.get_file)' in shown  # the page prints Keras's own check
