import pytest

import kerastour_helpers as kt
from kerastour_helpers.checks import exercises
EXERCISES = exercises()


def test_right_and_wrong_answers(custom_exercises):
    assert kt.check("t.backend", " keras_backend ")
    wrong = kt.check("t.backend", "BACKEND")
    assert not wrong and "Hint" in wrong.message and "Not yet" in wrong._repr_html_()
    assert kt.check("t.coarse", 20.0)
    assert not kt.check("t.coarse", "twenty")


def test_placeholder_answer_asks_for_one(custom_exercises):
    assert "Replace ..." in kt.check("t.backend", ...).message


def test_unknown_exercise_lists_known_ones():
    known = sorted(exercises())
    with pytest.raises(KeyError, match=known[0]):
        kt.check("intro.nope", 1)


def test_every_chapter_has_hands_on_exercises():
    """Each chapter's checks are recomputed from the reader's objects (solve or verify), two at least."""
    chapters = {key.split(".")[0] for key in EXERCISES}
    assert {"architecture", "datasets", "applications", "visualization", "training", "offline"} <= chapters
    for chapter in chapters - {"intro"}:
        hands_on = [k for k, ex in EXERCISES.items() if k.startswith(chapter + ".") and (ex.solve or ex.verify)]
        assert len(hands_on) >= 2, chapter


def test_every_fixed_exercise_accepts_its_own_answer():
    for key, exercise in EXERCISES.items():
        if exercise.solve is None and exercise.verify is None:
            assert kt.check(key, exercise.answer), key


def test_unanswered_is_neutral_and_code_is_shown_as_code(custom_exercises):
    pending = kt.check("t.backend", ...)
    assert pending.verdict == "Your turn" and "Not yet" not in pending._repr_html_()
    hint = kt.check("t.coarse", 3)._repr_html_()
    assert "<code>" in hint and "`" not in hint


def test_a_check_that_reads_the_readers_object_waits_while_it_is_still_dots(custom_exercises):
    """kt.check("datasets.mnist_accuracy", train=...) in the stored page said "Not yet" before the reader did anything."""
    pending = kt.check("t.accuracy", accuracy=...)
    assert pending.verdict == "Your turn" and "Reach 90 %" in str(pending)
    assert kt.check("t.accuracy", accuracy=0.95) and not kt.check("t.accuracy", accuracy=0.5)


def test_backticks_and_call_parentheses_do_not_matter(custom_exercises):
    assert kt.check("t.backend", "`KERAS_BACKEND`")
    assert not kt.check("t.backend", "KERAS")


@pytest.fixture
def custom_exercises(monkeypatch):
    from kerastour_helpers import checks

    table = {
        "t.backend": checks.Exercise("Which variable chooses the backend?", "Look at `os.environ`.", answer="KERAS_BACKEND"),
        "t.coarse": checks.Exercise("How many coarse classes?", "See `label_mode`.", answer=20),
        "t.survivors": checks.Exercise(
            "How many sequences are shorter than 3?", "Count them.", solve=lambda x_train: sum(len(s) < 3 for s in x_train)
        ),
        "t.accuracy": checks.Exercise(
            "Reach 90 %.", "Train longer.", verify=lambda accuracy: (accuracy >= 0.9, f"Your accuracy: {accuracy:.1%}."),
        ),
        "t.loader": checks.Exercise(
            "Which function loads MNIST?", "keras.datasets.", answer="keras.datasets.mnist.load_data", also=("mnist.load_data",),
        ),
        "t.unready": checks.Exercise("How many?", "Fix your model first.", solve=lambda model: model or None),
    }
    monkeypatch.setattr(checks, "exercises", lambda: table)
    return table


def test_solved_answers_are_recomputed_from_the_readers_objects(custom_exercises):
    assert kt.check("t.survivors", 2, x_train=[[1], [1, 2], [1, 2, 3]])
    assert not kt.check("t.survivors", 2, x_train=[[1], [1, 2, 3]])
    with pytest.raises(TypeError, match="x_train=x_train"):
        kt.check("t.survivors", 2)


def test_verified_exercises_need_no_answer(custom_exercises):
    right = kt.check("t.accuracy", accuracy=0.95)
    assert right and "95.0%" in right.message
    wrong = kt.check("t.accuracy", accuracy=0.5)
    assert not wrong and "Train longer" in wrong.message


def test_equivalent_answers_are_accepted(custom_exercises):
    import keras

    assert kt.check("t.loader", keras.datasets.mnist.load_data)  # the function object itself
    assert kt.check("t.loader", "mnist.load_data()")
    assert not kt.check("t.loader", keras.datasets.fashion_mnist.load_data)


def test_a_solve_that_gives_none_matches_no_answer(custom_exercises):
    """``None``: the reader's objects are not right yet; neither "None" nor a number is taken as right."""
    assert kt.check("t.unready", 3, model=3)
    assert not kt.check("t.unready", "None", model=0) and not kt.check("t.unready", 0, model=0)


@pytest.mark.parametrize("exercise, objects, says", [
    ("visualization.layer_params", {"model": None}, r"add model=model \(not model=None\)\."),
])
def test_objects_that_are_not_the_readers_are_named(exercise, objects, says):
    """model=None ended in AttributeError ("'NoneType' object has no attribute ...")."""
    with pytest.raises(TypeError, match=rf"kt.check\('{exercise}', ...\) needs your own objects: {says}"):
        kt.check(exercise, 1, **objects)


@pytest.mark.parametrize("target, error", [("0.9", TypeError), (True, TypeError), (-0.5, ValueError),
                                           (float("nan"), ValueError)])
def test_a_target_that_is_not_an_accuracy_is_named(target, error):
    """target='0.9' ended in "'>=' not supported between instances of 'float' and 'str'"."""
    history = {"val_accuracy": [0.5, 0.95]}
    with pytest.raises(error, match=r"target= is the val_accuracy to stop at, a number from 0 to 1 \(target=0.9\)"):
        kt.check("training.stop_at_accuracy", 2, callback=object(), history=history, x_val=0, y_val=0, target=target)


def test_the_readmes_check_example_names_a_real_exercise_and_its_objects():
    """README's example used to be kt.check("datasets.maxlen", ...): a KeyError."""
    import inspect
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    calls = re.findall(r'kt\.check\("([\w.]+)", answer, ([^)]*)\)', readme)
    assert calls
    for exercise_id, objects in calls:
        solve = EXERCISES[exercise_id].solve
        assert {name for name in re.findall(r"(\w+)=", objects)} == set(inspect.signature(solve).parameters)


def _fit_tiny(epochs=3):
    import keras
    import numpy as np
    keras.utils.set_random_seed(0)
    x, y = np.random.default_rng(0).normal(size=(40, 4)).astype("float32"), np.arange(40) % 2
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    return model, model.fit(x, y, batch_size=16, epochs=epochs, validation_data=(x, y), verbose=0), x, y


@pytest.mark.slow
def test_fitted_is_the_val_loss_of_the_model_its_history_trained():
    from kerastour_helpers.checks import fitted
    model, history, x, y = _fit_tiny()
    assert fitted(model, history, x, y) == pytest.approx(history.history["val_loss"][-1], rel=1e-4)
    with pytest.raises(ValueError, match="no GRU layer"):
        fitted(model, history, x, y, kind="GRU")
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)  # trained again since: the history no longer describes it
    assert fitted(model, history, x, y) is None


@pytest.mark.slow
def test_fitted_refuses_a_history_made_by_hand_or_of_another_model():
    import keras
    from kerastour_helpers.checks import fitted
    model, history, x, y = _fit_tiny()
    other, _, _, _ = _fit_tiny()
    with pytest.raises(ValueError, match="the model that this history trained"):
        fitted(other, history, x, y)
    made = keras.callbacks.History()
    made.set_model(model)
    made.history, made.epoch = dict(history.history), list(history.epoch) + [3]  # an epoch that never ran
    made.set_params(dict(history.params))
    assert fitted(model, made, x, y) is None
    with pytest.raises(TypeError, match="History that model.fit"):
        fitted(model, history.history, x, y)
