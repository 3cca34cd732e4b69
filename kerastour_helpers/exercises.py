"""Exercises whose answers the reader can check inside the notebook.

Each chapter's exercises are rows of one table (``EXERCISES``); ``check(id, answer)``
says right or wrong, and gives the hint when wrong.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    question: str
    answer: object
    hint: str
    kind: str = "text"  # "text": case and spaces ignored; "number": within rel_tol
    rel_tol: float = 1e-6


EXERCISES = {
    "intro.backend": Exercise(
        "Which environment variable chooses Keras's backend?",
        "KERAS_BACKEND",
        "Look at the setup cell: it is set before `import keras`.",
    ),
    "intro.boston_source": Exercise(
        "What `.source` does `load_dataset('boston_housing')` report?",
        "keras",
        "Keras Tour ships Keras's own file byte for byte, so Keras's own loader reads it.",
    ),
    "intro.cifar100_coarse": Exercise(
        "How many classes does CIFAR-100 have with `label_mode='coarse'`?",
        20,
        "Look at `dataset_info('cifar100').extra['coarse_class_names']`.",
        kind="number",
    ),
}


class Feedback:
    def __init__(self, exercise_id: str, correct: bool, message: str):
        self.exercise_id, self.correct, self.message = exercise_id, correct, message

    def __bool__(self):
        return self.correct

    def __repr__(self):
        return f"{'Right' if self.correct else 'Not yet'} ({self.exercise_id}): {self.message}"

    def _repr_html_(self):
        mark, colour = ("&#10004; Right", "#15803d") if self.correct else ("&#10008; Not yet", "#b91c1c")
        return f'<p style="color:{colour}"><strong>{mark}</strong> {html.escape(self.message)}</p>'


def _matches(exercise: Exercise, answer) -> bool:
    if exercise.kind == "number":
        try:
            return math.isclose(float(answer), float(exercise.answer), rel_tol=exercise.rel_tol)
        except (TypeError, ValueError):
            return False
    return " ".join(str(answer).split()).lower() == " ".join(str(exercise.answer).split()).lower()


def check(exercise_id: str, answer) -> Feedback:
    """Check an answer; the result shows as right or wrong (with a hint) in a notebook."""
    if exercise_id not in EXERCISES:
        raise KeyError(f"Unknown exercise {exercise_id!r}. Known: {', '.join(sorted(EXERCISES))}.")
    exercise = EXERCISES[exercise_id]
    if answer is None or answer is Ellipsis:
        return Feedback(exercise_id, False, f"Replace ... with your answer. {exercise.question}")
    if _matches(exercise, answer):
        return Feedback(exercise_id, True, "Well done.")
    return Feedback(exercise_id, False, f"Hint: {exercise.hint}")
