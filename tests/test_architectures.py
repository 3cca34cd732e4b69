"""The architecture chapter's helpers: the stack figure and the exercise checks (recomputed from the reader's model)."""

import pytest

import kerastour_helpers as kt
from kerastour_helpers.figures import stack


def test_stack_figure_draws_every_tier():
    fig = kt.draw_keras_stack()
    texts = {t.get_text() for t in fig.axes[0].texts}
    for tier, parts, _ in stack.KERAS_STACK:
        assert tier in texts and set(parts) <= texts
    assert {"TensorFlow", "JAX", "PyTorch"} <= texts
    one = kt.draw_keras_stack([("Backends", ["JAX"], "#eeeeee")])
    assert {t.get_text() for t in one.axes[0].texts} >= {"Backends", "JAX"}
    with pytest.raises(ValueError, match="at least one tier"):
        kt.draw_keras_stack([])


# --- exercises: the right answer follows the reader's model -------------------------------------


def functional_mlp(units):
    import keras

    inputs = keras.Input(shape=(784,))
    hidden = keras.layers.Dense(units, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(hidden))


@pytest.mark.parametrize("units", [32, 100])
def test_dense_params_follow_the_readers_width(units):
    model = functional_mlp(units)
    right = 784 * units + units  # weights and biases of the hidden layer only
    assert kt.check("architecture.dense_params", right, model=model)
    assert not kt.check("architecture.dense_params", right + 10 * units + 10, model=model)  # the whole model
    assert not kt.check("architecture.dense_params", 784 * units, model=model)  # biases forgotten


def convnet(width, use_bias=False):
    import keras

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(width, 3, padding="same", use_bias=use_bias),
        keras.layers.BatchNormalization(),
        keras.layers.Conv2D(2 * width, 3, use_bias=use_bias),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])


@pytest.mark.parametrize("width, use_bias", [(8, False), (32, False), (32, True)])
def test_conv_params_are_those_of_the_first_conv2d(width, use_bias):
    model = convnet(width, use_bias)
    right = 3 * 3 * 1 * width + (width if use_bias else 0)
    assert kt.check("architecture.conv_params", right, model=model)
    assert not kt.check("architecture.conv_params", 3 * 3 * width * 2 * width, model=model)  # the second one


def cnn_gru(kernel_size, pool_size, maxlen=120):
    import keras

    return keras.Sequential([
        keras.Input(shape=(maxlen,), dtype="int32"),
        keras.layers.Embedding(1000, 8),
        keras.layers.Conv1D(8, kernel_size, activation="relu"),
        keras.layers.MaxPooling1D(pool_size),
        keras.layers.GRU(8),
        keras.layers.Dense(46, activation="softmax"),
    ])


@pytest.mark.parametrize("kernel_size, pool_size", [(5, 2), (3, 4), (3, 8), (7, 1)])
def test_gru_steps_follow_the_readers_kernel_and_pool(kernel_size, pool_size):
    right = (120 - kernel_size + 1) // pool_size
    model = cnn_gru(kernel_size, pool_size)
    assert kt.check("architecture.gru_steps", right, model=model)
    assert not kt.check("architecture.gru_steps", 120 // pool_size, model=model)  # the Conv1D forgotten


def test_the_unchanged_cells_and_the_pages_own_sizes_are_not_yet_right():
    """Exercises 1-3 ask the reader to change a size: the cell's (and the page's) own model is refused, its count included."""
    for units in (128, 64):  # the exercise's cell, the page's network
        assert not kt.check("architecture.dense_params", 784 * units + units, model=functional_mlp(units))
    assert not kt.check("architecture.conv_params", 3 * 3 * 16, model=convnet(16))
    for kernel_size, pool_size in [(3, 2), (5, 4)]:  # the exercise's cell, the page's build_cnn_gru() defaults
        assert not kt.check("architecture.gru_steps", (30 - kernel_size + 1) // pool_size, model=cnn_gru(kernel_size, pool_size, 30))
    assert kt.check("architecture.gru_steps", (30 - 4 + 1) // 2, model=cnn_gru(4, 2, 30))  # changed: right


def test_gru_steps_of_a_model_of_any_length_match_nothing():
    model = cnn_gru(5, 2, maxlen=None)
    assert not kt.check("architecture.gru_steps", 0, model=model) and not kt.check("architecture.gru_steps", "None", model=model)


def test_a_model_without_the_layer_is_named_and_explained():
    with pytest.raises(ValueError, match="no Conv1D layer .*Conv2D"):
        kt.check("architecture.gru_steps", 29, model=convnet(8))
    with pytest.raises(TypeError, match="Pass the Keras model you built"):
        kt.check("architecture.conv_params", 72, model="convnet")
    with pytest.raises(TypeError, match="model=model"):
        kt.check("architecture.conv_params", 72)


def test_a_subclassed_model_is_checked_once_it_has_weights():
    import keras

    class MLP(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(32, activation="relu")
            self.out = keras.layers.Dense(10)

        def call(self, x):
            return self.out(self.hidden(x))

    model = MLP()
    with pytest.raises(ValueError, match="no weights yet"):
        kt.check("architecture.dense_params", 25120, model=model)
    model(keras.ops.zeros((1, 784)))
    assert kt.check("architecture.dense_params", 784 * 32 + 32, model=model)


def gru_fit(epochs=20, patience=2, restore=True, seed=0):
    """A small GRU (few units, short sequences, random topics: its val_loss soon rises) fit as exercise 5 asks."""
    import keras
    import numpy as np

    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x, y = rng.integers(1, 50, (96, 6)), rng.integers(0, 3, 96)
    model = keras.Sequential([keras.Input(shape=(6,), dtype="int32"), keras.layers.Embedding(50, 8),
                              keras.layers.GRU(8), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy")
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=restore)
    history = model.fit(x[:64], y[:64], validation_data=(x[64:], y[64:]), epochs=epochs, batch_size=32,
                        callbacks=[stop], verbose=0)
    return model, history, x[64:], y[64:], stop


@pytest.mark.slow
def test_kept_epoch_is_read_from_the_readers_restored_run():
    model, history, x_val, y_val, stop = gru_fit()
    kept = stop.best_epoch + 1  # Keras's own count, from 0
    assert len(history.epoch) < 20 and kept < len(history.epoch)  # stopped early, after its best epoch
    objects = dict(model=model, history=history, x_val=x_val, y_val=y_val)
    assert kt.check("architecture.kept_epoch", kept, **objects)
    assert not kt.check("architecture.kept_epoch", len(history.epoch), **objects)  # the last epoch run


@pytest.mark.slow
def test_kept_epoch_refuses_runs_that_did_not_do_the_exercise():
    import keras

    unrestored, history, x_val, y_val, stop = gru_fit(restore=False)  # stopped early, last weights kept
    assert len(history.epoch) < 20
    assert not kt.check("architecture.kept_epoch", stop.best_epoch + 1, model=unrestored, history=history, x_val=x_val, y_val=y_val)
    model, history, x_val, y_val, stop = gru_fit(patience=50)  # ran all 20 epochs: nothing stopped it
    assert len(history.epoch) == 20
    kept = history.history["val_loss"].index(min(history.history["val_loss"])) + 1
    assert not kt.check("architecture.kept_epoch", kept, model=model, history=history, x_val=x_val, y_val=y_val)
    model, history, x_val, y_val, stop = gru_fit(epochs=10)  # stopped, restored, but not the 20 epochs asked
    assert not kt.check("architecture.kept_epoch", stop.best_epoch + 1, model=model, history=history, x_val=x_val, y_val=y_val)
    model, honest, x_val, y_val, stop = gru_fit()
    made = keras.callbacks.History()  # a hand-made record of a run the model never had
    made.set_model(model)
    made.set_params({"epochs": 20, "steps": 2, "verbose": 0})
    made.epoch, made.history = [0, 1, 2], {"val_loss": [2.0, 1.0, 1.5]}
    assert not kt.check("architecture.kept_epoch", 2, model=model, history=made, x_val=x_val, y_val=y_val)
