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
