"""Exercises of the architecture chapter: each answer is recomputed from the model the reader built."""

from . import Exercise, fitted, layer_params, layers


def best_epoch(history) -> int:
    """The epoch (from 1) of the lowest ``val_loss`` in the History that the reader's ``fit`` returned."""
    if not (losses := getattr(history, "history", {}).get("val_loss")):
        raise ValueError("Pass the History your `fit` returned (history=my_history), from a fit with `validation_split=`.")
    return losses.index(min(losses)) + 1


def kept_epoch(model, history, x_val, y_val) -> int | None:
    """The epoch (from 1) the reader's GRU kept if its one fit stopped early of 20 and restored it; else None."""
    now, best = fitted(model, history, x_val, y_val, kind="GRU"), best_epoch(history)  # now: its val_loss
    restored = now is not None and abs(now / history.history["val_loss"][best - 1] - 1) <= 1e-4
    return best if restored and history.params["epochs"] == 20 > len(history.epoch) else None


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
    "kept_epoch": Exercise(  # the reader's model and its one fit's History, not a number typed
        "Retrain the GRU with `EarlyStopping(restore_best_weights=True)`, up to 20 epochs: which epoch's weights did it keep?",
        "Fit with `epochs=20` and `callbacks=[EarlyStopping(patience=2, restore_best_weights=True)]`: it keeps the best epoch.", solve=kept_epoch),
}
