"""Read what ``keras.callbacks.TensorBoard`` logged (one folder per run) and draw its Scalars page."""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from ..display import as_names, choose


def read_scalars(log_dir) -> dict:
    """``{run: {tag: (steps, values)}}`` of the runs under ``log_dir``: ``read_scalars(d)["train"]``."""
    from tensorboard.backend.event_processing.event_accumulator import TENSORS, EventAccumulator  # a requirement
    from tensorboard.util import tensor_util
    runs = sorted({path.parent for path in Path(log_dir).rglob("events.out.tfevents.*")})  # relative_to(log_dir) below
    if not runs:
        raise FileNotFoundError(f"No TensorBoard event files under {log_dir}. Train with "
                                f"callbacks=[keras.callbacks.TensorBoard(log_dir={str(log_dir)!r})] first.")
    scalars = {}
    for run in runs:
        reader = EventAccumulator(str(run), size_guidance={TENSORS: 0}).Reload()  # 0: keep all
        found = scalars[run.relative_to(log_dir).as_posix()] = {}
        for tag in reader.Tags()["tensors"]:
            if reader.SummaryMetadata(tag).plugin_data.plugin_name == "scalars":  # not histograms or images
                events = reader.Tensors(tag)
                found[tag] = (np.array([e.step for e in events]), np.array([tensor_util.make_ndarray(e.tensor_proto) for e in events], float))
    return scalars


def plot_scalars(log_dir, tags=None):
    """One panel per scalar tag, one line per run (a static stand-in for TensorBoard's Scalars page), of
    what ``keras.callbacks.TensorBoard(log_dir)`` logged: ``kt.plot_scalars(log_dir, tags=["epoch_loss"])``."""
    scalars = read_scalars(log_dir)
    available = sorted({tag for run in scalars.values() for tag in run})
    tags = [choose(tag, available, "scalar tag in these logs") for tag in as_names(tags)] if tags is not None else available
    if not tags:
        raise ValueError(f"tags= is empty: name one or more of {', '.join(available)}, or leave it out for all.")
    fig, axes = plt.subplots(1, len(tags), figsize=(4.2 * len(tags), 3.2), squeeze=False)
    for ax, tag in zip(axes[0], tags):
        for run, run_tags in scalars.items():
            if tag in run_tags:
                ax.plot(*run_tags[tag], "o-", label=run)
        ax.set(title=tag, xlabel="step (epoch)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(title="run")
    fig.suptitle("What TensorBoard's Scalars page shows for these logs", fontsize=9)
    fig.tight_layout()
    return fig
