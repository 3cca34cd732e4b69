"""Exercises of the visualization chapter."""

from . import Exercise

EXERCISES = {
    "dpi_default": Exercise(
        "What dpi does Keras 3's `plot_model` use when you do not pass `dpi`?",
        answer=200,
        "Run `inspect.signature(keras.utils.plot_model)`, or reread the section on plot_model.",
        kind="number",
    ),
    "print_fn_calls": Exercise(
        "How many times does Keras 3's `model.summary()` call `print_fn` for one model?",
        answer=1,
        "Look at the cell that counts the calls with a list.",
        kind="number",
    ),
    "gradcam_size": Exercise(
        "How many rows has MobileNet's Grad-CAM map for a 128x128 photo?",
        answer=4,
        "Look at the shape printed above the cat's heat maps (128 pixels, halved five times).",
        kind="number",
    ),
}
