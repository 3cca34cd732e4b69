"""The applications chart: published accuracy against size and against time, with your own times beside them.

Figure plumbing only: the figures are keras.io's (``registry``); the times you
measure with Keras yourself are passed in as ``{model name: ms per batch of 32}``.
"""

from __future__ import annotations

from .models import application_info
from .registry import APPLICATIONS, TABLE_SOURCE


def compare_chart(measured: dict | None = None, latency: str = "cpu"):
    """Two panels from the registry: ImageNet top-1 accuracy against parameters, and against time per batch.

    ``measured`` maps a model name to the milliseconds one batch of 32 took on
    your machine, at the model's default size: each is drawn as a star, joined
    to the published time of the same model. ``latency`` is ``"cpu"`` or
    ``"gpu"``: the published column (keras.io's 92-core CPU or A100 GPU) to draw.

    Example::

        >>> fig = kt.compare_chart({"MobileNet": 180.0}, latency="cpu")
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    measured = dict(measured or {})
    if latency not in ("cpu", "gpu"):
        raise ValueError(f'latency must be "cpu" or "gpu", not {latency!r}.')
    for name, ms in measured.items():
        info = application_info(name)  # an unknown name fails here, listing the valid ones
        if info.top1 is None:
            raise ValueError(f"keras.io publishes no accuracy for {info.name}, so it has no place on this chart.")
        if not ms > 0:
            raise ValueError(f"The time measured for {info.name} must be a positive number of ms, not {ms!r}.")
    families = sorted({info.family for info in APPLICATIONS.values()})
    colours = {family: plt.cm.tab20(i % 20) for i, family in enumerate(families)}
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)

    def x_of(info, axis):
        return info.params_m if axis is left else (info.gpu_ms if latency == "gpu" else info.cpu_ms)

    for axis in (left, right):
        points = [(info.name, x_of(info, axis), info.top1) for info in APPLICATIONS.values()
                  if info.top1 is not None and x_of(info, axis) is not None]
        # Label only the extremes (largest/slowest, most and least accurate) and MobileNet, the model this
        # book runs: few labels, legible, none on top of another; the colours give every point's family.
        labelled = {max(points, key=lambda p: p[1])[0], max(points, key=lambda p: p[2])[0],
                    min(points, key=lambda p: p[2])[0], "MobileNet"}
        for name, x, top1 in points:
            info = APPLICATIONS[name]
            axis.scatter(x, top1 * 100, color=colours[info.family], s=30, zorder=2)
            if name in labelled:  # the least accurate below its point, the largest to the left: inside the panel
                below = top1 == min(point[2] for point in points)
                axis.annotate(name, (x, top1 * 100), fontsize=10, xytext=(0, -7 if below else 6),
                              textcoords="offset points", va="top" if below else "bottom",
                              ha="right" if x == max(point[1] for point in points) else "center", zorder=4)
        axis.margins(y=0.1)
    for name, ms in measured.items():
        info = application_info(name)
        y = info.top1 * 100
        right.scatter(ms, y, marker="*", s=160, color="black", zorder=3)
        published = x_of(info, right)
        if published is not None:
            right.plot([published, ms], [y, y], color="black", lw=0.8, ls=":", zorder=1)
    handles = [plt.Line2D([], [], marker="o", ls="", color=colours[f], label=f) for f in families
               if any(i.family == f and i.top1 is not None for i in APPLICATIONS.values())]
    if measured:
        handles.append(plt.Line2D([], [], marker="*", ms=12, ls="", color="black", label="measured here"))
    left.set(xscale="log", xlabel="parameters (millions, log scale)", ylabel="ImageNet top-1 accuracy (%)",
             title="Accuracy against size")
    right.set(xscale="log", xlabel=f"ms per batch of 32 ({latency.upper()}, log scale)",
              title=f"Accuracy against time (keras.io {latency.upper()} column)")
    for axis in (left, right):
        axis.grid(True, which="both", alpha=0.3)
        low, high = axis.get_xlim()
        ticks = [m * 10**e for e in range(-1, 5) for m in (1, 2, 5) if low <= m * 10**e <= high]
        axis.set_xticks(ticks, [f"{tick:g}" for tick in ticks])
        axis.xaxis.set_minor_formatter(NullFormatter())
    fig.legend(handles=handles, loc="lower center", ncol=8, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.source = TABLE_SOURCE
    return fig
