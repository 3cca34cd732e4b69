import pytest

import kerastour_helpers as kt
from kerastour_helpers.checks import exercises
EXERCISES = exercises()


def test_right_and_wrong_answers():
    assert kt.check("intro.backend", " keras_backend ")
    wrong = kt.check("intro.backend", "BACKEND")
    assert not wrong and "Hint" in wrong.message and "Not yet" in wrong._repr_html_()
    assert kt.check("intro.cifar100_coarse", 20.0)
    assert not kt.check("intro.cifar100_coarse", "twenty")


def test_placeholder_answer_asks_for_one():
    assert "Replace ..." in kt.check("intro.backend", ...).message


def test_unknown_exercise_lists_known_ones():
    with pytest.raises(KeyError, match="intro.backend"):
        kt.check("intro.nope", 1)


def test_every_exercise_accepts_its_own_answer():
    fixed = {key: ex for key, ex in EXERCISES.items() if ex.solve is None and ex.verify is None}
    assert fixed
    for key, exercise in fixed.items():
        assert kt.check(key, exercise.answer), key


def test_unanswered_is_neutral_and_code_is_shown_as_code():
    pending = kt.check("intro.backend", ...)
    assert pending.verdict == "Your turn" and "Not yet" not in pending._repr_html_()
    hint = kt.check("intro.cifar100_coarse", 3)._repr_html_()
    assert "<code>" in hint and "`" not in hint


def test_backticks_and_call_parentheses_do_not_matter():
    assert kt.check("intro.backend", "`KERAS_BACKEND`")
    assert not kt.check("intro.backend", "KERAS")


@pytest.fixture
def custom_exercises(monkeypatch):
    from kerastour_helpers import checks

    table = {
        "t.survivors": checks.Exercise(
            "How many sequences are shorter than 3?", "Count them.", solve=lambda x_train: sum(len(s) < 3 for s in x_train),
            kind="number",
        ),
        "t.accuracy": checks.Exercise(
            "Reach 90 %.", "Train longer.", verify=lambda accuracy: (accuracy >= 0.9, f"Your accuracy: {accuracy:.1%}."),
        ),
        "t.loader": checks.Exercise(
            "Which function loads MNIST?", "keras.datasets.", answer="keras.datasets.mnist.load_data", also=("mnist.load_data",),
        ),
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
