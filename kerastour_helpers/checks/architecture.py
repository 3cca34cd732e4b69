"""Exercises of the architecture chapter."""

from . import Exercise

EXERCISES = {
    "dense_params": Exercise(
        "How many parameters has `Dense(32)` on 784 inputs?",
        answer=25120,
        "One weight per input and unit (784 x 32), plus one bias per unit (32).",
        kind="number",
    ),
    "conv_params": Exercise(
        "How many parameters has `Conv2D(16, 3)` on images with one channel?",
        answer=160,
        "Each of the 16 filters has 3 x 3 x 1 weights and one bias.",
        kind="number",
    ),
    "gru_steps": Exercise(
        "How many time steps does the GRU of the `cnn_gru` model read?",
        answer=29,
        "Look at the output shape of `max_pooling1d` in the summary: 120 - 5 + 1 steps, pooled by 4.",
        kind="number",
    ),
}
