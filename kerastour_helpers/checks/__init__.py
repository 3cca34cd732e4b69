"""Exercise checks: ``kt.check(exercise_id, answer, **your_objects)``.

Each chapter keeps its exercises in its own module here (``checks/datasets.py``
and so on), as a dict ``EXERCISES`` of :class:`Exercise`. An exercise is right
against one of three things:

* ``answer``: a fixed answer (a number, a name), for "what is..." questions;
* ``solve(**context)``: the right answer recomputed from what the reader passes
  in (their data, their model), so that it is right for whatever they changed;
* ``verify(**context)``: no answer at all; the reader's own object is checked
  (``verify`` returns ``(ok, message)``), e.g. "make the model reach 98.5 %".

Example::

    kt.check("architecture.dense_params", 25120)
    kt.check("datasets.maxlen_survivors", 1234, x_train=x_train)
    kt.check("datasets.mnist_accuracy", model=model, x_test=x_test, y_test=y_test)
"""

from __future__ import annotations

import html
import importlib
import inspect
import math
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
    kind: str = "text"  # "text": case, spaces, backticks ignored; "number": within rel_tol
    also: tuple = ()  # other accepted answers, e.g. "include_top=False" beside "include_top"
    rel_tol: float = 1e-6


def exercises() -> dict:
    """Every chapter's exercises, keyed ``"<chapter>.<name>"``."""
    found = {}
    for chapter in CHAPTERS:
        try:
            module = importlib.import_module(f"{__name__}.{chapter}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{chapter}":
                raise
            continue
        found.update({f"{chapter}.{key}": ex for key, ex in module.EXERCISES.items()})
    return found


def _inline_code(text: str) -> str:
    """Escape text for HTML, showing `backticked` parts as code."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


class Feedback:
    """Right, not yet (with a hint), or still to answer: shown in colour in a notebook."""

    def __init__(self, exercise_id: str, correct: bool, message: str, answered: bool = True):
        self.exercise_id, self.correct, self.message, self.answered = exercise_id, correct, message, answered

    def __bool__(self):
        return self.correct

    @property
    def verdict(self) -> str:
        if not self.answered:
            return "Your turn"
        return "Right" if self.correct else "Not yet"

    def __repr__(self):
        return f"{self.verdict} ({self.exercise_id}): {self.message}"

    def _repr_html_(self):
        mark, colour = {
            "Right": ("&#10004; Right", "#15803d"),
            "Not yet": ("&#10008; Not yet", "#b91c1c"),
            "Your turn": ("&#9998; Your turn", "#1d4ed8"),
        }[self.verdict]
        return f'<p style="color:{colour}"><strong>{mark}</strong> {_inline_code(self.message)}</p>'


def _normal(text) -> str:
    """Case, spaces, backticks and a trailing call's ``()`` do not matter; a function is its dotted name."""
    if callable(text) and hasattr(text, "__qualname__"):
        text = f"{text.__module__}.{text.__qualname__}".replace("keras.src.", "keras.")
    text = " ".join(str(text).split()).strip("`").lower()
    return text[:-2] if text.endswith("()") else text


def _matches(exercise: Exercise, answer, expected) -> bool:
    if exercise.kind == "number":
        try:
            return math.isclose(float(answer), float(expected), rel_tol=exercise.rel_tol)
        except (TypeError, ValueError):
            return False
    return _normal(answer) in {_normal(expected), *map(_normal, exercise.also)}


def _call(exercise_id, function, context):
    wanted = inspect.signature(function).parameters
    missing = [name for name, p in wanted.items() if p.default is p.empty and name not in context]
    if missing:
        names = ", ".join(f"{name}={name}" for name in missing)
        raise TypeError(f"kt.check({exercise_id!r}, ...) needs your own objects: add {names}.")
    return function(**{k: v for k, v in context.items() if k in wanted})


def check(exercise_id: str, answer=None, **context) -> Feedback:
    """Check an answer; the result shows as right or wrong (with a hint) in a notebook.

    Pass ``...`` (or nothing) while you have no answer yet. Exercises computed from
    your own objects name the keyword arguments they need.

    Example::

        >>> kt.check("architecture.dense_params", 784 * 32 + 32)
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
    if _matches(exercise, answer, expected):
        return Feedback(exercise_id, True, "Well done.")
    return Feedback(exercise_id, False, f"Hint: {exercise.hint}")
