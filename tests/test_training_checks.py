"""The training chapter's exercises (checks recomputed from the reader's objects), and
``kt.image_folder``, the real CIFAR-10 PNG folder its input-pipeline section reads."""

import math
from pathlib import Path

import keras
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.checks import training

# --- kt.image_folder -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def image_dir(tmp_path_factory):
    return kt.image_folder(tmp_path_factory.mktemp("cifar") / "images")


def test_image_folder_has_one_folder_per_class(image_dir):
    classes = sorted(p.name for p in image_dir.iterdir())
    assert classes == sorted(kt.dataset_info("cifar10").class_names)
    pngs = list(image_dir.glob("*/*.png"))
    assert len(pngs) == 200 and len({p.name for p in pngs}) == 200
    # The labels file says 1.png is a frog and 2.png a truck (CIFAR-10's first training images).
    assert (image_dir / "frog" / "1.png").is_file() and (image_dir / "truck" / "2.png").is_file()


def test_image_folder_is_what_keras_reads(image_dir):
    train, val = keras.utils.image_dataset_from_directory(
        image_dir, image_size=(32, 32), batch_size=50, validation_split=0.2, subset="both", seed=1, verbose=False
    )
    assert sum(int(y.shape[0]) for _, y in train) == 160 and sum(int(y.shape[0]) for _, y in val) == 40
    images, _ = next(iter(train))
    assert images.shape[1:] == (32, 32, 3) and float(np.max(images)) > 1.0  # pixels 0-255, as in the PNGs


def test_image_folder_default_is_a_new_temporary_folder():
    first, second = kt.image_folder(), kt.image_folder()
    assert first != second and len(list(first.glob("*/*.png"))) == 200


def test_image_folder_never_overwrites(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="not empty"):
        kt.image_folder(tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    with pytest.raises(NotADirectoryError, match="is a file"):
        kt.image_folder(tmp_path / "mine.txt")


# --- training.stop_at_accuracy ----------------------------------------------------------------


class StopAtAccuracy(keras.callbacks.Callback):
    """The exercise's solution."""

    def __init__(self, target):
        super().__init__()
        self.target = target

    def on_epoch_end(self, epoch, logs=None):
        if logs["val_accuracy"] >= self.target:
            self.model.stop_training = True


class DoNothing(keras.callbacks.Callback):
    """A callback that never stops training: the reader's starter code."""


def _fit_separable(callbacks, epochs=30):
    """``fit``'s History on an easy problem, and its validation data."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2)).astype("float32")
    y = (x[:, 0] + 0.3 * x[:, 1] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(1.0), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x[:300], y[:300], validation_data=(x[300:], y[300:]), epochs=epochs, batch_size=300,
                        callbacks=callbacks, verbose=0)
    return history, x[300:], y[300:]


def _stop_check(answer, callback, history, x_val, y_val, target=0.9):
    return kt.check("training.stop_at_accuracy", answer, callback=callback, history=history, x_val=x_val, y_val=y_val,
                    target=target)


@pytest.mark.slow
def test_stop_at_accuracy_with_a_working_callback():
    stopper = StopAtAccuracy(0.9)
    history, x_val, y_val = _fit_separable([stopper])
    accuracy = history.history["val_accuracy"]
    assert accuracy[-1] >= 0.9 and all(a < 0.9 for a in accuracy[:-1])  # the callback did stop there
    assert len(history.epoch) < 30
    assert _stop_check(len(history.epoch), stopper, history, x_val, y_val)
    assert not _stop_check(len(history.epoch) + 1, stopper, history, x_val, y_val)
    assert not _stop_check(len(history.epoch), StopAtAccuracy(0.9), history, x_val, y_val)  # not the one fit ran with


@pytest.mark.slow
def test_stop_at_accuracy_needs_a_callback_that_stopped_fit():
    """Reading the first epoch that reached the target off a full history is not the exercise."""
    idle = DoNothing()
    history, x_val, y_val = _fit_separable([idle], epochs=6)
    assert len(history.epoch) == 6
    first = next(i for i, a in enumerate(history.history["val_accuracy"]) if a >= 0.9) + 1
    assert first < 6
    for answer in (first, len(history.epoch)):
        assert not _stop_check(answer, idle, history, x_val, y_val)


@pytest.mark.slow
def test_stop_at_accuracy_a_do_nothing_callback_and_a_run_cut_by_hand_is_not_yet():
    """The old check passed this: fit for exactly the first epoch that reached the target, then stop_training set by hand."""
    idle = DoNothing()
    first = next(i for i, a in enumerate(_fit_separable([])[0].history["val_accuracy"]) if a >= 0.9) + 1
    history, x_val, y_val = _fit_separable([idle], epochs=first)
    history.model.stop_training = True
    assert not _stop_check(first, idle, history, x_val, y_val)
    assert training.stop_at_accuracy(idle, history, x_val, y_val, 0.9) is None


@pytest.mark.slow
def test_stop_at_accuracy_wants_the_readers_own_callback():
    """EarlyStopping (or a subclass of it) is Keras's callback, not the one the exercise asks to write."""

    class MyEarlyStopping(keras.callbacks.EarlyStopping):
        pass

    for builtin in (keras.callbacks.EarlyStopping(monitor="val_accuracy", mode="max", patience=0), MyEarlyStopping()):
        history, x_val, y_val = _fit_separable([builtin], epochs=6)
        with pytest.raises(TypeError, match=r"your own keras.callbacks.Callback subclass \(StopAtAccuracy\), not \w*EarlyStopping"):
            _stop_check(len(history.epoch), builtin, history, x_val, y_val)


@pytest.mark.slow
def test_stop_at_accuracy_a_history_made_by_hand_is_not_yet():
    """The old check passed a History put together by hand: the model's optimizer took 6 steps, not the 2 it claims."""
    idle = DoNothing()
    history, x_val, y_val = _fit_separable([idle], epochs=6)
    made = keras.callbacks.History()
    made.set_model(history.model)
    made.history = {"val_accuracy": [0.5, 0.95]}
    made.epoch, made.params = [0, 1], {"epochs": 30, "steps": 1}
    history.model.stop_training = True
    assert not _stop_check(2, idle, made, x_val, y_val)
    assert training.stop_at_accuracy(idle, made, x_val, y_val, 0.9) is None


@pytest.mark.slow
def test_stop_at_accuracy_stopped_at_the_wrong_epoch_is_not_yet():
    late = StopAtAccuracy(0.99)  # stops later than the target asked for, or never
    history, x_val, y_val = _fit_separable([late], epochs=30)
    assert training.stop_at_accuracy(late, history, x_val, y_val, 0.9) is None


@pytest.mark.slow
def test_stop_at_accuracy_never_reached_matches_nothing():
    never = StopAtAccuracy(1.01)
    history, x_val, y_val = _fit_separable([never], epochs=3)
    assert training.stop_at_accuracy(never, history, x_val, y_val, 1.01) is None
    feedback = _stop_check(3, never, history, x_val, y_val, target=1.01)
    assert not feedback and "lower `target`" in feedback.message


def test_stop_at_accuracy_names_what_is_missing():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    idle, x, y = DoNothing(), np.zeros((4, 2)), np.zeros((4, 1))
    no_validation = model.fit(x, y, callbacks=[idle], verbose=0)
    with pytest.raises(ValueError, match="validation_data"):
        training.stop_at_accuracy(idle, no_validation, x, y, 0.9)
    with pytest.raises(TypeError, match="History"):
        training.stop_at_accuracy(idle, {"val_accuracy": [0.9]}, x, y, 0.9)
    with pytest.raises(TypeError, match="not function"):
        training.stop_at_accuracy(lambda epoch, logs: None, no_validation, x, y, 0.9)


def test_stop_at_accuracy_pending_and_missing_objects():
    assert kt.check("training.stop_at_accuracy", ...).verdict == "Your turn"
    with pytest.raises(TypeError, match="callback=callback, x_val=x_val, y_val=y_val, target=target"):
        kt.check("training.stop_at_accuracy", 3, history={"val_accuracy": [0.95]})


# --- training.restore_best --------------------------------------------------------------------


def _fit_noisy(restore_best_weights, patience=2, epochs=60):
    """A model that overfits small noisy data, so that EarlyStopping stops it after a best epoch."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(120, 20)).astype("float32")
    y = (x[:, 0] + rng.normal(scale=1.5, size=120) > 0).astype("int32")
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)])
    model.compile(optimizer=keras.optimizers.Adam(0.01), metrics=["accuracy"],
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=restore_best_weights)
    history = model.fit(x[:60], y[:60], validation_data=(x[60:], y[60:]), epochs=epochs, callbacks=[stop], verbose=0)
    return model, history, x[60:], y[60:]


@pytest.mark.slow
def test_restore_best_reads_the_readers_last_weights():
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False)
    values = history.history["val_loss"]
    assert len(values) < 60 and values[-1] > min(values)  # stopped, after a better epoch
    gap = round(model.evaluate(x_val, y_val, verbose=0)[0] - min(values), 3)
    assert gap > 0
    assert kt.check("training.restore_best", gap, model=model, history=history, x_val=x_val, y_val=y_val)
    assert not kt.check("training.restore_best", 0.0, model=model, history=history, x_val=x_val, y_val=y_val)


@pytest.mark.slow
def test_restore_best_with_the_best_weights_restored_is_not_yet():
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=True)
    values = history.history["val_loss"]
    assert values[-1] > min(values)
    assert training.restore_best(model, history, x_val, y_val) is None
    gap = round(values[-1] - min(values), 3)  # what the history alone would suggest
    assert not kt.check("training.restore_best", gap, model=model, history=history, x_val=x_val, y_val=y_val)


@pytest.mark.slow
def test_restore_best_without_early_stopping_is_not_yet():
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False, patience=100, epochs=12)
    assert len(history.epoch) == 12 and not model.stop_training
    assert training.restore_best(model, history, x_val, y_val) is None


@pytest.mark.slow
def test_restore_best_wants_the_model_of_that_history():
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False)
    other, _, _, _ = _fit_noisy(restore_best_weights=False)
    with pytest.raises(ValueError, match="model=model, history=history"):
        training.restore_best(other, history, x_val, y_val)


@pytest.mark.slow
@pytest.mark.parametrize("exercise, patience", [("restore_best", 4), ("longer_patience", 8)])
def test_a_history_made_by_hand_with_a_model_of_another_run_is_not_yet(exercise, patience):
    """The old checks passed a hand-made History holding an honest run's values, over a model that run's weights were
    copied into (it never trained: its optimizer took no step); the honest run itself passes."""
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False, patience=patience)
    gap = round(model.evaluate(x_val, y_val, verbose=0)[0] - min(history.history["val_loss"]), 3)
    assert kt.check(f"training.{exercise}", gap, model=model, history=history, x_val=x_val, y_val=y_val)
    copy = keras.models.clone_model(model)
    copy.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    copy.set_weights(model.get_weights())
    copy.stop_training = True
    made = keras.callbacks.History()
    made.set_model(copy)
    made.history, made.epoch, made.params = dict(history.history), list(history.epoch), dict(history.params)
    assert not kt.check(f"training.{exercise}", gap, model=copy, history=made, x_val=x_val, y_val=y_val)
    made.set_model(model)  # the honest model, its History rebuilt by hand without params
    made.params = None
    assert not kt.check(f"training.{exercise}", gap, model=model, history=made, x_val=x_val, y_val=y_val)


@pytest.mark.slow
def test_restore_best_the_model_fit_again_is_not_yet():
    """A second fit moves the weights away from the run the History records: the model is not that run's any more."""
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False)
    gap = round(model.evaluate(x_val, y_val, verbose=0)[0] - min(history.history["val_loss"]), 3)
    model.fit(x_val, y_val, epochs=1, verbose=0)
    assert training.restore_best(model, history, x_val, y_val) is None
    assert not kt.check("training.restore_best", gap, model=model, history=history, x_val=x_val, y_val=y_val)


@pytest.mark.slow
def test_longer_patience_is_the_gap_of_a_run_stopped_8_epochs_after_its_best():
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=False, patience=8)
    values = history.history["val_loss"]
    assert len(values) < 60 and len(values) - 1 - int(np.argmin(values)) == 8  # stopped by EarlyStopping(patience=8)
    gap = round(model.evaluate(x_val, y_val, verbose=0)[0] - min(values), 3)
    assert kt.check("training.longer_patience", gap, model=model, history=history, x_val=x_val, y_val=y_val)
    assert not kt.check("training.longer_patience", 8, model=model, history=history, x_val=x_val, y_val=y_val)


@pytest.mark.slow
@pytest.mark.parametrize(("restore_best_weights", "patience"), [(True, 8), (False, 4)])
def test_longer_patience_wants_the_last_weights_of_a_patience_8_run(restore_best_weights, patience):
    """The callbacks section's run (best weights restored) and the first part's (patience 4) are rejected."""
    model, history, x_val, y_val = _fit_noisy(restore_best_weights=restore_best_weights, patience=patience)
    values = history.history["val_loss"]
    assert len(values) < 60 and len(values) - 1 - int(np.argmin(values)) == patience
    assert training.restore_best(model, history, x_val, y_val, patience=8) is None
    for answer in (patience, round(values[-1] - min(values), 3)):  # the patience, or the gap read off the history
        assert not kt.check("training.longer_patience", answer, model=model, history=history, x_val=x_val, y_val=y_val)


def test_longer_patience_pending_and_missing_history():
    assert kt.check("training.longer_patience", ...).verdict == "Your turn"
    with pytest.raises(TypeError, match="history=history"):
        kt.check("training.longer_patience", 0.01)
    with pytest.raises(TypeError, match="History"):
        training.restore_best(None, {"val_loss": [0.5, 0.4]}, None, None, patience=8)


# --- training.layout_keys ---------------------------------------------------------------------


@pytest.fixture
def exercise_model():
    return keras.Sequential(
        [keras.Input((32,)), keras.layers.Dense(64, name="encoder"), keras.layers.Dense(64, name="bottleneck"),
         keras.layers.Dense(8, name="head")],
        name="exercise",
    )


def _layout(entries):
    mesh = keras.distribution.DeviceMesh((2, 4), ("batch", "model"), devices=[f"cpu:{i}" for i in range(8)])
    layout_map = keras.distribution.LayoutMap(mesh)
    for key, axes in entries.items():
        layout_map[key] = axes
    return layout_map


def test_layout_keys_whole_paths_are_right(exercise_model):
    kernels_only = _layout({"exercise/.*/kernel": (None, "model")})
    assert training.layout_keys(kernels_only, exercise_model) == 3
    assert kt.check("training.layout_keys", 3, layout_map=kernels_only, model=exercise_model)
    with_biases = _layout({r"exercise/\w+/kernel": (None, "model"), r"exercise/\w+/bias": ("model",)})
    assert kt.check("training.layout_keys", 6, layout_map=with_biases, model=exercise_model)
    one_by_one = _layout({f"exercise/{n}/kernel": (None, "model") for n in ("encoder", "bottleneck", "head")})
    assert kt.check("training.layout_keys", 3, layout_map=one_by_one, model=exercise_model)


def test_layout_keys_partial_paths_match_nothing(exercise_model):
    if tuple(int(p) for p in keras.version().split(".")[:2]) < (3, 15):
        pytest.skip("Keras 3.13 (Colab's) matched LayoutMap keys with re.search; the chapter says so")
    old_guide = _layout({"encoder/kernel": (None, "model"), "bottleneck/kernel": (None, "model"), "head/kernel": (None, "model")})
    assert all(old_guide[v.path] is None for v in exercise_model.weights)  # Keras's own rule: re.fullmatch
    assert training.layout_keys(old_guide, exercise_model) is None
    assert not kt.check("training.layout_keys", 0, layout_map=old_guide, model=exercise_model)
    assert not kt.check("training.layout_keys", 3, layout_map=old_guide, model=exercise_model)


def test_layout_keys_wrong_axes_missing_kernel_or_two_matches(exercise_model):
    wrong_axis = _layout({"exercise/.*/kernel": ("model", None)})
    assert training.layout_keys(wrong_axis, exercise_model) is None
    one_missing = _layout({"exercise/(encoder|head)/kernel": (None, "model")})
    assert training.layout_keys(one_missing, exercise_model) is None
    overlapping = _layout({"exercise/.*/kernel": (None, "model"), "exercise/head/.*": (None, "model")})
    assert training.layout_keys(overlapping, exercise_model) is None


def test_layout_keys_every_layout_fits_its_variables_rank(exercise_model):
    """One key for every variable gives the 1-D biases a 2-D layout: ModelParallel could not build the model."""
    everything = _layout({".*": (None, "model")})
    assert [everything[v.path].axes for v in exercise_model.weights] == [(None, "model")] * 6
    assert training.layout_keys(everything, exercise_model) is None
    assert not kt.check("training.layout_keys", 6, layout_map=everything, model=exercise_model)
    both_axes = _layout({"exercise/.*/kernel": ("batch", "model")})  # split along the first axis too
    assert not kt.check("training.layout_keys", 3, layout_map=both_axes, model=exercise_model)
    assert kt.check("training.layout_keys", 3, layout_map=_layout({".*/kernel": (None, "model"), ".*/bias": (None,)}),
                    model=exercise_model)


def test_layout_keys_wants_a_layout_map(exercise_model):
    with pytest.raises(TypeError, match="LayoutMap"):
        training.layout_keys({"exercise/.*/kernel": (None, "model")}, exercise_model)


# --- training.image_files ---------------------------------------------------------------------


class ImageFiles(keras.utils.PyDataset):
    """The exercise's solution; ``keep_last`` and ``label_shift`` make it wrong on purpose."""

    def __init__(self, folder, batch_size, keep_last=True, label_shift=0, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.classes = sorted(p.name for p in Path(folder).iterdir() if p.is_dir())
        self.files = sorted(Path(folder).glob("*/*.png"))
        self.batch_size, self.keep_last, self.label_shift, self.scale = batch_size, keep_last, label_shift, scale

    def __len__(self):
        rounding = math.ceil if self.keep_last else math.floor
        return rounding(len(self.files) / self.batch_size)

    def __getitem__(self, index):
        paths = self.files[index * self.batch_size : (index + 1) * self.batch_size]
        x = np.stack([keras.utils.img_to_array(keras.utils.load_img(p)) for p in paths]) * self.scale
        y = np.array([(self.classes.index(p.parent.name) + self.label_shift) % len(self.classes) for p in paths])
        return x, y


def test_image_files_right(image_dir):
    dataset = ImageFiles(image_dir, batch_size=64)
    assert len(dataset) == 4  # 64 + 64 + 64 + 8
    assert training.image_files(dataset, image_dir) == 200
    assert kt.check("training.image_files", 200, dataset=dataset, folder=image_dir)
    assert not kt.check("training.image_files", 192, dataset=dataset, folder=image_dir)


@pytest.mark.parametrize(
    "broken", [dict(keep_last=False), dict(label_shift=1), dict(scale=1 / 255)], ids=["drops-last", "labels", "rescaled"]
)
def test_image_files_wrong_datasets_match_nothing(image_dir, broken):
    dataset = ImageFiles(image_dir, batch_size=64, **broken)
    assert training.image_files(dataset, image_dir) is None
    assert not kt.check("training.image_files", 200, dataset=dataset, folder=image_dir)


def test_image_files_unfinished_starter_is_not_yet(image_dir):
    class Starter(keras.utils.PyDataset):
        def __len__(self):
            ...

        def __getitem__(self, index):
            ...

    assert training.image_files(Starter(), image_dir) is None


def test_image_files_names_a_wrong_folder(tmp_path):
    with pytest.raises(ValueError, match="folder=image_dir"):
        training.image_files(ImageFiles(tmp_path, 8), tmp_path / "nowhere")
