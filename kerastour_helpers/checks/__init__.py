"""Exercise checks: ``kt.check(exercise_id, answer, **your_objects)``; each chapter's in its module."""

import importlib
import inspect
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

from ..display import Feedback, choose

CHAPTERS = ("intro", "architecture", "datasets", "applications", "visualization", "training", "offline")


@dataclass(frozen=True)
class Exercise:
    question: str
    hint: str
    answer: object = None  # right against this fixed answer, or:
    solve: Callable | None = None  # (**objects) -> the answer for the reader's objects (None: not yet)
    verify: Callable | None = None  # (**objects) -> (ok, message)
    also: tuple = ()  # other accepted answers, e.g. "include_top=False" beside "include_top"


def exercises() -> dict:
    """Every chapter's exercises, keyed ``"<chapter>.<name>"``, e.g. ``exercises()["intro.oov_share"].hint``."""
    return {f"{chapter}.{key}": exercise for chapter in CHAPTERS
            for key, exercise in importlib.import_module(f"{__name__}.{chapter}").EXERCISES.items()}


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


def fitted(model, history, x_val, y_val, kind: str | None = None) -> float | None:
    """``model``'s val_loss now, if ``history`` is its one ``fit``'s record (its optimizer took every step the
    history counts; a ``kind`` layer if given); else ``None``. What the reader ran, not what they typed."""
    import keras
    import numpy as np
    if not isinstance(history, keras.callbacks.History):
        raise TypeError(f"Pass the History that model.fit() returned (history=history), not {type(history).__name__}.")
    if history.model is not model:
        raise ValueError("Pass the model that this history trained (model=model, history=history).")
    if kind:
        layers(model, kind=kind)
    steps, optimizer = (history.params or {}).get("steps"), getattr(model, "optimizer", None)
    if not steps or optimizer is None or int(keras.ops.convert_to_numpy(optimizer.iterations)) != steps * len(history.epoch):
        return None  # a History put together by hand, or a model fit more than once since
    return float(np.atleast_1d(model.evaluate(x_val, y_val, verbose=0))[0])


def _normal(text) -> str:
    """Case, spaces, backticks and a trailing call's ``()`` do not matter; a function is its dotted name."""
    if callable(text) and hasattr(text, "__qualname__"):
        text = f"{text.__module__}.{text.__qualname__}".replace("keras.src.", "keras.")
    return " ".join(str(text).split()).strip("`").lower().removesuffix("()")


def _matches(exercise: Exercise, answer, expected) -> bool:
    if isinstance(expected, numbers.Number) and not isinstance(expected, bool):
        try:
            return math.isclose(float(answer), float(expected), rel_tol=1e-6)
        except (TypeError, ValueError):
            return False
    return _normal(answer) in {_normal(expected), *map(_normal, exercise.also)}


def _call(exercise_id, function, context):
    wanted = inspect.signature(function).parameters
    bad = [name for name, p in wanted.items() if (name in context or p.default is p.empty) and (
        context.get(name) is None or name == "grad_cam" and not callable(context[name]))]  # missing, None, not a function
    if bad:
        given = "; ".join(f"not {name}={context[name]!r:.40}" for name in bad if name in context)
        raise TypeError(f"kt.check({exercise_id!r}, ...) needs your own objects: add {', '.join(f'{n}={n}' for n in bad)}"
                        + (f" ({given})." if given else "."))
    return function(**{k: v for k, v in context.items() if k in wanted})


def check(exercise_id: str, answer=None, **context) -> Feedback:
    """Check an answer (``...`` while you have none); shown as right, or wrong with a hint, e.g.
    ``kt.check("architecture.dense_params", 784 * 32 + 32, model=my_network)``: "Right (...): Well done."."""
    exercise = choose(exercise_id, dict(sorted(exercises().items())), "exercise")
    waiting = answer is Ellipsis or any(value is Ellipsis for value in context.values())  # a ... left to replace
    if exercise.verify is not None and not waiting:
        ok, message = _call(exercise_id, exercise.verify, context)
        hint = "" if ok else f" Hint: {exercise.hint}"
        return Feedback(exercise_id, "Right" if ok else "Not yet", message + hint)
    if answer is None or waiting:
        return Feedback(exercise_id, "Your turn", f"Replace ... with your answer. {exercise.question}")
    expected = _call(exercise_id, exercise.solve, context) if exercise.solve else exercise.answer
    if expected is not None and _matches(exercise, answer, expected):  # None: not right yet
        return Feedback(exercise_id, "Right", "Well done.")
    return Feedback(exercise_id, "Not yet", f"Hint: {exercise.hint}")
