"""Exercises of the architecture chapter: each answer is recomputed from the model the reader built."""

from . import Exercise, layer, layer_params


def _gru_steps(model):
    """How many time steps the reader's GRU reads: the length of the sequence it receives."""
    steps = layer(model, kind="GRU").input.shape[1]
    if steps is None:
        raise ValueError("Your model takes sequences of any length; give it `keras.Input(shape=(maxlen,))`.")
    return int(steps)


EXERCISES = {
    "dense_params": Exercise(
        "How many parameters has the hidden `Dense` layer of your network?",
        "One weight per input and unit (inputs x units), plus one bias per unit.",
        solve=lambda model: layer_params(model, kind="Dense"),
    ),
    "conv_params": Exercise(
        "How many parameters has the first `Conv2D` layer of your convnet?",
        "Each filter has 3 x 3 weights per input channel (MNIST has 1 channel); "
        "`use_bias=False` means no bias (the BatchNormalization after it adds its own).",
        solve=lambda model: layer_params(model, kind="Conv2D"),
    ),
    "gru_steps": Exercise(
        "How many time steps does the GRU of your Conv1D + GRU model read?",
        "A `Conv1D` with kernel size k and no padding turns n steps into n - k + 1; "
        "`MaxPooling1D(p)` then keeps one step out of p (rounded down).",
        solve=_gru_steps,
    ),
}
