"""Measure a model's inference time on this machine, and chart it beside the published figures.

``benchmark_application(name, batch_size=32)`` times what keras.io's table times:
one inference step on a batch of 32 at the model's default input size. It does so
carefully: the input is put on the device first (the GPU when there is one), the
first calls (tracing, compiling, memory allocation) are run and thrown away, and
the answer is the median of many timed batches, each one waited for to the end
(its output comes back to the host). Weights do not change the time, so the model
is built with ``weights=None`` unless a model is passed in.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

import numpy as np

from .application_registry import APPLICATIONS, TABLE_SOURCE
from .applications import application_info, load_application


@dataclass
class Benchmark:
    """One model's measured time per inference step, with the published figures beside it."""

    name: str
    backend: str
    device: str  # "CPU" or "GPU"
    device_name: str
    batch_size: int
    input_size: int
    times_ms: list = field(repr=False)
    published_cpu_ms: float | None = None
    published_gpu_ms: float | None = None
    comparable: bool = True  # the published configuration: batch of 32, default size, same parameter count

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def best_ms(self) -> float:
        """The fastest batch: less disturbed than the median by other work on a shared machine."""
        return min(self.times_ms)

    @property
    def spread(self) -> float:
        """The interquartile range over the median: how much the batches varied (0.05 is 5 %)."""
        q1, _, q3 = statistics.quantiles(self.times_ms, n=4) if len(self.times_ms) > 1 else (0, 0, 0)
        return (q3 - q1) / self.median_ms if self.median_ms else 0.0

    @property
    def published_ms(self) -> float | None:
        """The published figure for the same kind of device (keras.io's CPU or A100 GPU column).

        ``None`` when nothing is published, or when this measurement is not of the
        published configuration (another batch size, input size or width).
        """
        if not self.comparable:
            return None
        return self.published_gpu_ms if self.device == "GPU" else self.published_cpu_ms

    def __str__(self):
        if not self.comparable:
            published = "not comparable (not the published configuration)"
        elif self.published_ms is None:
            published = "not published"
        else:
            published = f"{self.published_ms:g} ms"
        return (
            f"{self.name}: {self.median_ms:.1f} ms per batch of {self.batch_size} at {self.input_size} px "
            f"(median of {len(self.times_ms)}, spread {self.spread:.0%}) on {self.device} "
            f"({self.device_name}, {self.backend}); keras.io {self.device}: {published}"
        )


def default_device():
    """``("GPU", name)`` when Keras's backend sees a GPU, else ``("CPU", name)``."""
    from .runtime import environment

    env = environment()
    for kind, name in env.devices:
        if kind == "GPU":
            return "GPU", name
    return "CPU", next((name for kind, name in env.devices if kind == "CPU"), "cpu")


def _on_device(array, device: str):
    import keras

    with keras.device("gpu:0" if device == "GPU" else "cpu:0"):
        tensor = keras.ops.convert_to_tensor(array)
        return keras.ops.add(tensor, 0.0)  # an op run on the device leaves its result there


def benchmark_application(name: str, batch_size: int = 32, repeats: int = 30, warmup: int = 3,
                          model=None, input_size: int | None = None) -> Benchmark:
    """Median time (ms) of one ``predict_on_batch`` of ``batch_size`` images on this machine's device."""
    import keras

    info = application_info(name)
    if batch_size < 1 or repeats < 1 or warmup < 1:
        raise ValueError("batch_size, repeats and warmup must all be at least 1 (warm-up is not optional).")
    size = input_size or info.input_size
    device, device_name = default_device()
    if model is None:
        with keras.device("gpu:0" if device == "GPU" else "cpu:0"):
            model = load_application(info.name, weights=None, input_shape=(size, size, 3))
    pixels = np.random.default_rng(0).uniform(0, 255, (batch_size, size, size, 3)).astype("float32")
    batch = _on_device(pixels, device)
    for _ in range(warmup):  # tracing, compiling and allocating happen here, untimed
        model.predict_on_batch(batch)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.asarray(model.predict_on_batch(batch))  # the output is on the host: the step has finished
        times.append((time.perf_counter() - start) * 1000)
    same_size = info.params_m is None or abs(model.count_params() / 1e6 - info.params_m) <= 0.05 * info.params_m
    comparable = batch_size == 32 and size == info.input_size and same_size
    return Benchmark(info.name, keras.backend.backend(), device, device_name, batch_size, size, times,
                     info.cpu_ms, info.gpu_ms, comparable)


def compare_chart(measured=(), latency: str | None = None):
    """Two panels from the registry: top-1 accuracy against parameters, and against time per step.

    ``measured`` (a list of :class:`Benchmark`) adds this machine's times as stars,
    joined to the published figure for the same model (only measurements of the
    published configuration: the accuracy of another width or size is not known). ``latency`` is ``"cpu"`` or
    ``"gpu"``: the published column to draw (by default, the kind of device measured on).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    measured = list(measured)
    if latency is None:
        latency = "gpu" if measured and measured[0].device == "GPU" else "cpu"
    if latency not in ("cpu", "gpu"):
        raise ValueError('latency must be "cpu" or "gpu".')
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
    for result in measured:
        info = application_info(result.name)
        if info.top1 is None or not result.comparable:  # its accuracy is not the published one
            continue
        y = info.top1 * 100
        right.scatter(result.median_ms, y, marker="*", s=160, color="black", zorder=3)
        if result.published_ms is not None:
            right.plot([result.published_ms, result.median_ms], [y, y], color="black", lw=0.8, ls=":", zorder=1)
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
