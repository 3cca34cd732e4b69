"""Exercises of the architecture chapter: each answer is recomputed from the model the reader built."""

from __future__ import annotations

from . import Exercise


def _layers(model, kind: str):
    """The reader's layers of class ``kind`` (e.g. ``"Dense"``), in order; a clear error if there are none."""
    if not hasattr(model, "layers"):
        raise TypeError(f"Pass the Keras model you built (model=...), not a {type(model).__name__}.")
    found = [layer for layer in model.layers if type(layer).__name__ == kind]
    if not found:
        names = ", ".join(type(layer).__name__ for layer in model.layers) or "no layers"
        raise ValueError(f"Your model has no {kind} layer (it has: {names}). Pass the model the exercise asks for.")
    return found


def _first_layer_params(kind):
    def solve(model):
        layer = _layers(model, kind)[0]
        if not layer.built:
            raise ValueError(f"Your model's first {kind} layer has no weights yet: give the model an "
                             "`keras.Input(shape=...)`, or call it once on a batch.")
        return int(layer.count_params())

    return solve


def _gru_steps(model):
    """How many time steps the reader's GRU reads: the length of the sequence it receives."""
    gru = _layers(model, "GRU")[0]
    steps = gru.input.shape[1]
    if steps is None:
        raise ValueError("Your model takes sequences of any length; give it `keras.Input(shape=(maxlen,))`.")
    return int(steps)


EXERCISES = {
    "dense_params": Exercise(
        "How many parameters has the hidden `Dense` layer of your network?",
        "One weight per input and unit (inputs x units), plus one bias per unit.",
        solve=_first_layer_params("Dense"),
        kind="number",
    ),
    "conv_params": Exercise(
        "How many parameters has the first `Conv2D` layer of your convnet?",
        "Each filter has 3 x 3 weights per input channel (MNIST has 1 channel); "
        "`use_bias=False` means no bias (the BatchNormalization after it adds its own).",
        solve=_first_layer_params("Conv2D"),
        kind="number",
    ),
    "gru_steps": Exercise(
        "How many time steps does the GRU of your Conv1D + GRU model read?",
        "A `Conv1D` with kernel size k and no padding turns n steps into n - k + 1; "
        "`MaxPooling1D(p)` then keeps one step out of p (rounded down).",
        solve=_gru_steps,
        kind="number",
    ),
}
