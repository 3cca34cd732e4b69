"""Exercises of the architecture chapter: each answer is recomputed from the model the reader built."""

from . import Exercise, layer_params, layers


def best_epoch(history) -> int:
    """The epoch (from 1) of the lowest ``val_loss`` in the History that the reader's ``fit`` returned."""
    losses = getattr(history, "history", {}).get("val_loss")
    if not losses:
        raise ValueError("Pass the History your `fit` returned (history=my_history), from a fit with `validation_split=`.")
    return losses.index(min(losses)) + 1


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
    "best_epoch": Exercise(  # never right unless a callback (EarlyStopping) stopped the run: else nothing was chosen
        "Train your GRU with `EarlyStopping(restore_best_weights=True)`: which epoch's weights did it keep?",
        "Add the callback and `epochs=20`, so that it stops the run; it keeps the epoch of the lowest `val_loss`, from 1.",
        solve=lambda history: best if (best := best_epoch(history)) and history.model.stop_training else None),
}
