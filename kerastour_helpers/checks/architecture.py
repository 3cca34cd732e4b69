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
        "Change the width (not 128, nor the page's 64) first; then: one weight per input and unit, plus one bias per unit.",
        solve=lambda model: None if layers(model, kind="Dense")[0].units in (64, 128) else layer_params(model, kind="Dense")),
    "conv_params": Exercise(
        "How many parameters has the first `Conv2D` layer of your convnet?",
        "Change `width` (not 16) first; then: each filter has 3 x 3 weights per input channel (MNIST has 1 channel); "
        "`use_bias=False` means no bias (the BatchNormalization after it adds its own).",
        solve=lambda model: None if layers(model, kind="Conv2D")[0].filters == 16 else layer_params(model, kind="Conv2D")),
    "gru_steps": Exercise(
        "How many time steps does the GRU of your Conv1D + GRU model read?",
        "Change the sizes (not 3 and 2, nor the page's 5 and 4) first; then: a `Conv1D` with kernel size k and no padding "
        "turns n steps into n - k + 1; `MaxPooling1D(p)` then keeps one step out of p (rounded down).",
        solve=lambda model: None if (layers(model, kind="Conv1D")[0].kernel_size[0], layers(model, kind="MaxPooling1D")[0].pool_size[0])
        in [(3, 2), (5, 4)] else layers(model, kind="GRU")[0].input.shape[1]),  # not yet while the cell's or the page's; None: any length
    "best_epoch": Exercise(  # never right unless a callback (EarlyStopping) stopped the run: else nothing was chosen
        "Train your GRU with `EarlyStopping(restore_best_weights=True)`: which epoch's weights did it keep?",
        "Add the callback and `epochs=20`, so that it stops the run; it keeps the epoch of the lowest `val_loss`, from 1.",
        solve=lambda history: best if (best := best_epoch(history)) and history.model.stop_training else None),
}
