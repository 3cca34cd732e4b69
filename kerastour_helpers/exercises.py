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
    "architecture.dense_params": Exercise(
        "How many parameters has `Dense(32)` on 784 inputs?",
        25120,
        "One weight per input and unit (784 x 32), plus one bias per unit (32).",
        kind="number",
    ),
    "architecture.conv_params": Exercise(
        "How many parameters has `Conv2D(16, 3)` on images with one channel?",
        160,
        "Each of the 16 filters has 3 x 3 x 1 weights and one bias.",
        kind="number",
    ),
    "architecture.gru_steps": Exercise(
        "How many time steps does the GRU of the `cnn_gru` model read?",
        29,
        "Look at the output shape of `max_pooling1d` in the summary: 120 - 5 + 1 steps, pooled by 4.",
        kind="number",
    ),
    "applications.input_size": Exercise(
        "What default input size (in pixels, height = width) does InceptionV3 use?",
        299,
        "Look at the `input` column of `kt.applications_table()`, or `kt.application_info('InceptionV3')`.",
        kind="number",
    ),
    "applications.include_top": Exercise(
        "Which argument of a keras.applications constructor leaves out the ImageNet classifier?",
        "include_top",
        "See the 'Extract features' section: set it to False to get features instead of classes.",
    ),
    "applications.decode": Exercise(
        "Which keras.applications function turns 1,000 ImageNet probabilities into class names?",
        "decode_predictions",
        "See the cell that classifies the cat with Keras alone (it comes from the model's own module).",
    ),
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
    "visualization.dpi_default": Exercise(
        "What dpi does Keras 3's `plot_model` use when you do not pass `dpi`?",
        200,
        "Run `inspect.signature(keras.utils.plot_model)`, or reread the section on plot_model.",
        kind="number",
    ),
    "visualization.print_fn_calls": Exercise(
        "How many times does Keras 3's `model.summary()` call `print_fn` for one model?",
        1,
        "Look at the cell that counts the calls with a list.",
        kind="number",
    ),
    "visualization.gradcam_size": Exercise(
        "How many rows has MobileNet's Grad-CAM map for a 128x128 photo?",
        4,
        "Look at the shape printed above the cat's heat maps (128 pixels, halved five times).",
        kind="number",
    ),
    "datasets.index_from": Exercise(
        "By how much are word ranks shifted in the loaded IMDB and Reuters data (by default)?",
        3,
        "It is the default of the loaders' `index_from` argument: 0, 1 and 2 are reserved.",
        kind="number",
    ),
    "datasets.reuters_topics": Exercise(
        "How many topics does the Reuters dataset have?",
        46,
        "Look at `kt.dataset_info('reuters').num_classes`, or the overview table.",
        kind="number",
    ),
    "datasets.fashion_loader": Exercise(
        "Which function loads Fashion-MNIST?",
        "keras.datasets.fashion_mnist.load_data",
        "Not the MNIST loader: reread the erratum box.",
    ),
    "datasets.oov_index": Exercise(
        "Which index stands for an out-of-vocabulary word in the loaded text data?",
        2,
        "0 is padding, 1 marks the start; the next one is the default `oov_char`.",
        kind="number",
    ),
}


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


def _matches(exercise: Exercise, answer) -> bool:
    if exercise.kind == "number":
        try:
            return math.isclose(float(answer), float(exercise.answer), rel_tol=exercise.rel_tol)
        except (TypeError, ValueError):
            return False
    return _normal(answer) == _normal(exercise.answer)


def _normal(text) -> str:
    """Case, spaces, backticks and a trailing call's ``()`` do not matter."""
    text = " ".join(str(text).split()).strip("`").lower()
    return text[:-2] if text.endswith("()") else text


def check(exercise_id: str, answer) -> Feedback:
    """Check an answer; the result shows as right or wrong (with a hint) in a notebook."""
    if exercise_id not in EXERCISES:
        raise KeyError(f"Unknown exercise {exercise_id!r}. Known: {', '.join(sorted(EXERCISES))}.")
    exercise = EXERCISES[exercise_id]
    if answer is None or answer is Ellipsis:
        return Feedback(exercise_id, False, f"Replace ... with your answer. {exercise.question}", answered=False)
    if _matches(exercise, answer):
        return Feedback(exercise_id, True, "Well done.")
    return Feedback(exercise_id, False, f"Hint: {exercise.hint}")
