"""The applications chart: keras.io's accuracy against size and time, and your own times."""

from ..display import choose
from .models import application_info
from .registry import APPLICATIONS, TABLE_SOURCE


def compare_chart(measured: dict | None = None, latency: str = "cpu"):
    """Top-1 accuracy against size and against keras.io's time; ``measured`` ms as stars:
    ``kt.compare_chart({"MobileNet": 180.0}, latency="cpu")`` ("gpu": keras.io's A100)."""
    import matplotlib.pyplot as plt

    latency = choose(latency, ["cpu", "gpu"], "latency")
    if not isinstance(measured or {}, dict):
        raise TypeError("measured= takes your times as {model name: ms per batch of 32}, e.g. "
                        f"{{'MobileNet': 180.0}}; got {type(measured).__name__} {measured!r:.40}.")
    measured = {application_info(name).name: ms for name, ms in (measured or {}).items()}
    for name, ms in measured.items():
        if APPLICATIONS[name].top1 is None:
            raise ValueError(f"keras.io publishes no accuracy for {name}: it cannot be charted.")
        if not ms > 0:
            raise ValueError(f"The time measured for {name} must be positive (ms), not {ms!r}.")
    published = [info for info in APPLICATIONS.values() if info.top1 is not None]
    families = sorted({info.family for info in published})
    colours = {family: plt.cm.tab20(i) for i, family in enumerate(families)}
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)
    for axis, column in zip(axes, ("params_m", f"{latency}_ms")):
        points = {info.name: (getattr(info, column), info.top1 * 100) for info in published
                  if getattr(info, column) is not None}
        for name, xy in points.items():
            axis.scatter(*xy, color=colours[APPLICATIONS[name].family], s=30, zorder=2)
        axis.annotate("MobileNet", points["MobileNet"], xytext=(0, 6), textcoords="offset points", ha="center")
        axis.grid(True, which="both", alpha=0.3)
    for name, ms in measured.items():  # stars on the right panel, joined to the published time
        y = APPLICATIONS[name].top1 * 100
        axes[1].scatter(ms, y, marker="*", s=160, color="black", zorder=3)
        if name in points:
            axes[1].plot([points[name][0], ms], [y, y], color="black", lw=0.8, ls=":", zorder=1)
    axes[0].set(xscale="log", ylabel="ImageNet top-1 accuracy (%)", title="Accuracy against size", xlabel="parameters (millions, log scale)")
    axes[1].set(xscale="log", xlabel=f"ms per batch of 32 ({latency.upper()}, log scale)",
                title=f"Accuracy against time (keras.io {latency.upper()} column)")
    handles = [plt.Line2D([], [], marker="o", ls="", color=colours[f], label=f) for f in families]
    fig.legend(handles=handles, loc="lower center", ncol=7, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.source = TABLE_SOURCE
    return fig
