"""Reading back what keras.callbacks.TensorBoard wrote."""

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.figures import tensorboard as tblogs

pytest.importorskip("tensorboard")


@pytest.fixture(scope="module")
def trained_logs(tmp_path_factory):
    log_dir = tmp_path_factory.mktemp("logs")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).random((40, 4)).astype("float32")
    history = model.fit(x, x.sum(axis=1), epochs=3, validation_split=0.25, verbose=0,
                        callbacks=[keras.callbacks.TensorBoard(log_dir=str(log_dir))])
    return log_dir, history.history


@pytest.mark.slow
def test_logged_scalars_are_the_history(trained_logs):
    log_dir, history = trained_logs
    scalars = tblogs.read_scalars(log_dir)
    assert {"train", "validation"} <= set(scalars)
    steps, values = scalars["train"]["epoch_loss"]
    assert steps.tolist() == [0, 1, 2]
    np.testing.assert_allclose(values, history["loss"], rtol=1e-5)
    np.testing.assert_allclose(scalars["validation"]["epoch_mae"][1], history["val_mae"], rtol=1e-5)


def test_plot_has_one_panel_per_tag_and_one_line_per_run(trained_logs):
    fig = kt.plot_scalars(trained_logs[0], tags=["epoch_loss"])
    assert [ax.get_title() for ax in fig.axes] == ["epoch_loss"]
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["train", "validation"]
    with pytest.raises(ValueError, match="Unknown scalar tag in these logs 'epoch_auc'.*Choose one of:.*epoch_loss"):
        kt.plot_scalars(trained_logs[0], tags=["epoch_auc"])
    one = kt.plot_scalars(trained_logs[0], tags="epoch_loss")  # one name alone, not its letters
    assert [ax.get_title() for ax in one.axes] == ["epoch_loss"]
    with pytest.raises(ValueError, match="tags= is empty.*epoch_loss.*or leave it out"):  # not matplotlib's error
        kt.plot_scalars(trained_logs[0], tags=[])


def test_an_empty_folder_says_how_to_log(tmp_path):
    with pytest.raises(FileNotFoundError, match="keras.callbacks.TensorBoard"):
        tblogs.read_scalars(tmp_path)
