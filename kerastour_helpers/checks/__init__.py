"""Exercise checks: ``kt.check(exercise_id, answer, **your_objects)``, each chapter's ``EXERCISES`` in its module here.

An :class:`Exercise` is right against a fixed ``answer``, ``solve(**objects)`` (the answer recomputed from the reader's
objects; ``None``, which no answer matches, while those are not yet right) or ``verify(**objects) -> (ok, message)``."""

import html
import importlib
import inspect
import math
import numbers
from dataclasses import dataclass
from typing import Callable

CHAPTERS = ("intro", "architecture", "datasets", "applications", "visualization", "training")


@dataclass(frozen=True)
class Exercise:
    question: str
    hint: str
    answer: object = None
    solve: Callable | None = None
    verify: Callable | None = None
    also: tuple = ()  # other accepted answers, e.g. "include_top=False" beside "include_top"


def exercises() -> dict:
    """Every chapter's exercises, keyed ``"<chapter>.<name>"``, e.g. ``exercises()["intro.num_words"].hint``."""
    modules = {chapter: importlib.import_module(f"{__name__}.{chapter}") for chapter in CHAPTERS}
    return {f"{chapter}.{key}": ex for chapter, module in modules.items() for key, ex in module.EXERCISES.items()}


def layers(model, name: str | None = None, kind: str | None = None) -> list:
    """The reader's layer ``name``, or their layers of class ``kind``, e.g. ``layers(model, kind="GRU")[0]``."""
    if not hasattr(model, "layers"):
        raise TypeError(f"Pass the Keras model you built (model=...), not a {type(model).__name__}.")
    found = [each for each in model.layers if each.name == name or type(each).__name__ == kind]
    if not found:
        names = ", ".join(f"{each.name} ({type(each).__name__})" for each in model.layers) or "none"
        wanted = f"{kind} layer" if kind else f"layer {name!r}"
        raise ValueError(f"Your model has no {wanted} (its layers: {names}). Pass the model the exercise asks for.")
    return found


def layer_params(model, name: str | None = None, kind: str | None = None) -> int:
    """Weights and biases of the reader's first of :func:`layers`, e.g. ``layer_params(model, kind="Dense")``."""
    found = layers(model, name, kind)[0]
    if not found.built:
        raise ValueError(f"Your model's layer {found.name!r} has no weights yet: give the model a "
                         "`keras.Input(shape=...)`, or call it once on a batch.")
    return int(found.count_params())


class Feedback:
    """Right, not yet (with a hint), or still to answer: shown in colour in a notebook."""

    LOOKS = {"Right": ("&#10004;", "#15803d"), "Not yet": ("&#10008;", "#b91c1c"), "Your turn": ("&#9998;", "#1d4ed8")}

    def __init__(self, exercise_id: str, correct: bool, message: str, answered: bool = True):
        self.exercise_id, self.correct, self.message = exercise_id, correct, message
        self.verdict = ("Right" if correct else "Not yet") if answered else "Your turn"

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return f"{self.verdict} ({self.exercise_id}): {self.message}"

    def _repr_html_(self):
        mark, colour = self.LOOKS[self.verdict]
        parts = html.escape(self.message).split("`")  # `backticked` parts shown as code
        text = "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))
        return f'<p style="color:{colour}"><strong>{mark} {self.verdict}</strong> {text}</p>'


def _normal(text) -> str:
    """Case, spaces, backticks and a trailing call's ``()`` do not matter; a function is its dotted name."""
    if callable(text) and hasattr(text, "__qualname__"):
        text = f"{text.__module__}.{text.__qualname__}".replace("keras.src.", "keras.")
    text = " ".join(str(text).split()).strip("`").lower()
    return text[:-2] if text.endswith("()") else text


def _matches(exercise: Exercise, answer, expected) -> bool:
    if isinstance(expected, numbers.Number) and not isinstance(expected, bool):
        try:
            return math.isclose(float(answer), float(expected), rel_tol=1e-6)
        except (TypeError, ValueError):
            return False
    return _normal(answer) in {_normal(expected), *map(_normal, exercise.also)}


def _call(exercise_id, function, context):
    wanted = inspect.signature(function).parameters
    missing = ", ".join(f"{name}={name}" for name, p in wanted.items() if p.default is p.empty and name not in context)
    if missing:
        raise TypeError(f"kt.check({exercise_id!r}, ...) needs your own objects: add {missing}.")
    return function(**{k: v for k, v in context.items() if k in wanted})


def check(exercise_id: str, answer=None, **context) -> Feedback:
    """Check an answer (``...`` while you have none); shown as right, or wrong with a hint.

    Example::

        >>> kt.check("architecture.dense_params", 784 * 32 + 32, model=my_network)
        Right (architecture.dense_params): Well done.
    """
    table = exercises()
    if exercise_id not in table:
        raise KeyError(f"Unknown exercise {exercise_id!r}. Known: {', '.join(sorted(table))}.")
    exercise = table[exercise_id]
    if exercise.verify is not None:
        ok, message = _call(exercise_id, exercise.verify, context)
        return Feedback(exercise_id, bool(ok), message if ok else f"{message} Hint: {exercise.hint}")
    if answer is None or answer is Ellipsis:
        return Feedback(exercise_id, False, f"Replace ... with your answer. {exercise.question}", answered=False)
    expected = _call(exercise_id, exercise.solve, context) if exercise.solve else exercise.answer
    right = expected is not None and _matches(exercise, answer, expected)  # None: not right yet
    return Feedback(exercise_id, right, "Well done." if right else f"Hint: {exercise.hint}")
