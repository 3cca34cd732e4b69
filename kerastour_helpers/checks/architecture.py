"""Exercises of the architecture chapter: each answer is recomputed from the model the reader built."""

import numpy as np

from . import Exercise, layer_params, layers


def _kept_epoch(history):
    """The epoch (from 1) of the lowest ``val_loss``, if a callback stopped the run (else None: nothing chosen)."""
    losses = getattr(history, "history", {}).get("val_loss")
    if not losses:
        raise ValueError("Pass the History that your `fit` returned (history=my_history), from a fit "
                         "with `validation_split=` or `validation_data=`.")
    return int(np.argmin(losses)) + 1 if getattr(history.model, "stop_training", False) else None

EXERCISES = {
    "dense_params": Exercise(
        "How many parameters has the hidden `Dense` layer of your network?",
        "One weight per input and unit (inputs x units), plus one bias per unit.",
        solve=lambda model: layer_params(model, kind="Dense")),
    "conv_params": Exercise(
        "How many parameters has the first `Conv2D` layer of your convnet?",
        "Each filter has 3 x 3 weights per input channel (MNIST has 1 channel); "
        "`use_bias=False` means no bias (the BatchNormalization after it adds its own).",
        solve=lambda model: layer_params(model, kind="Conv2D")),
    "gru_steps": Exercise(
        "How many time steps does the GRU of your Conv1D + GRU model read?",
        "A `Conv1D` with kernel size k and no padding turns n steps into n - k + 1; "
        "`MaxPooling1D(p)` then keeps one step out of p (rounded down).",
        solve=lambda model: layers(model, kind="GRU")[0].input.shape[1]),  # None for any length: never right
    "best_epoch": Exercise(
        "Train your GRU with `EarlyStopping(monitor=\"val_loss\", restore_best_weights=True)`: which epoch's weights did it keep?",
        "Add the callback and more epochs (`epochs=20`) until it stops the run itself; it keeps the "
        "epoch of the lowest `val_loss` in `my_history.history`, counted from 1.",
        solve=_kept_epoch),
}
