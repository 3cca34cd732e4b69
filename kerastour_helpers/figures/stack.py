"""The stack of Keras's parts, your code down to the device: ``KERAS_STACK`` ((tier, parts, colour), top to bottom), drawn."""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

KERAS_STACK = [
    ("Training loop", ["model.compile(...)", "model.fit / evaluate / predict"], "#fde68a"),
    ("What to optimise", ["losses", "optimizers", "metrics"], "#fed7aa"),
    ("Models", ["Sequential", "Functional", "subclassed Model"], "#bbf7d0"),
    ("Layers", ["Dense", "Conv2D", "GRU / LSTM", "Embedding", "..."], "#bae6fd"),
    ("keras.ops", ["one NumPy-like API for every backend"], "#ddd6fe"),
    ("Backends", ["TensorFlow", "JAX", "PyTorch"], "#e5e7eb"),
    ("Devices", ["CPU", "GPU", "TPU"], "#f3f4f6"),
]


def draw_keras_stack(stack=None, width: float = 9.0, row_height: float = 0.62, label_w: float = 2.0, gap: float = 0.08):
    """Draw ``stack`` (default: ``KERAS_STACK``) as labelled rows of boxes; returns the figure:
    ``kt.draw_keras_stack([("Backends", ["TensorFlow", "JAX", "PyTorch"], "#e5e7eb")])``."""
    if not (stack := KERAS_STACK if stack is None else stack):
        raise ValueError("draw_keras_stack() needs at least one tier: (name, [parts], colour).")
    fig, ax = plt.subplots(figsize=(width, row_height * len(stack) + 0.4))
    for y, (tier, parts, colour) in enumerate(reversed(stack)):  # the first tier on top
        ax.text(label_w - 0.15, y + 0.5, tier, ha="right", va="center", fontsize=10, fontweight="bold")
        part_w = (width - label_w - 0.1) / len(parts)
        for i, part in enumerate(parts):
            x = label_w + i * part_w
            ax.add_patch(FancyBboxPatch((x + gap, y + gap), part_w - 2 * gap, 1 - 2 * gap, facecolor=colour,
                                        boxstyle="round,pad=0.0,rounding_size=0.12", edgecolor="#374151", linewidth=0.8))
            ax.text(x + part_w / 2, y + 0.5, part, ha="center", va="center", fontsize=9, family="monospace")
    ax.annotate("", xy=(0.25, 0.1), xytext=(0.25, len(stack) - 0.1), arrowprops={"arrowstyle": "->", "color": "#6b7280", "linewidth": 1.2})
    ax.text(0.12, len(stack) / 2, "your code calls down", rotation=90, ha="center", va="center", fontsize=8, color="#6b7280")
    ax.set(xlim=(0, width), ylim=(0, len(stack)))
    ax.axis("off")
    fig.tight_layout()
    return fig
