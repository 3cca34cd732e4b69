"""Exercises of the architecture chapter."""

from . import Exercise

EXERCISES = {
    "dense_params": Exercise(
        "How many parameters has `Dense(32)` on 784 inputs?",
        "One weight per input and unit (784 x 32), plus one bias per unit (32).",
        answer=25120,
        kind="number",
    ),
    "conv_params": Exercise(
        "How many parameters has `Conv2D(16, 3)` on images with one channel?",
        "Each of the 16 filters has 3 x 3 x 1 weights and one bias.",
        answer=160,
        kind="number",
    ),
    "gru_steps": Exercise(
        "How many time steps does the GRU of the `cnn_gru` model read?",
        "Look at the output shape of `max_pooling1d` in the summary: 120 - 5 + 1 steps, pooled by 4.",
        answer=29,
        kind="number",
    ),
}
