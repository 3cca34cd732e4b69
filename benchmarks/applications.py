"""Time keras.applications models on this machine, beside keras.io's published figures.

Usage (from the repository root):

    .venv/bin/python benchmarks/applications.py                       # CPU-sized default set
    KERAS_BACKEND=jax python benchmarks/applications.py --gpu-set      # on a GPU machine
    python benchmarks/applications.py --models ResNet50 VGG16 --runs 2 --repeats 30

Each model is timed as keras.io's table times it: one ``predict_on_batch`` of
``--batch-size`` random images at the model's default size (weights do not change
the time, so ``weights=None``), the input put on the device first, ``--warmup``
untimed batches (tracing, compiling, memory allocation), then the median of
``--repeats`` timed batches, each waited for to the end (its output comes back to
the host). With ``--runs 2`` (the default) the whole measurement is done twice, so
the run-to-run difference shows how stable the figure is (the goal on a CPU:
within 10 %). On a GPU the goal is a median at or below keras.io's A100 column.
Prints one line per model and a summary; ``--json PATH`` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import statistics
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CPU_SET = ["MobileNet", "MobileNetV2", "NASNetMobile", "EfficientNetB0", "ResNet50"]
GPU_SET = ["Xception", "VGG16", "VGG19", "ResNet50", "ResNet50V2", "ResNet101", "ResNet101V2", "ResNet152",
           "ResNet152V2", "InceptionV3", "InceptionResNetV2", "MobileNet", "MobileNetV2", "DenseNet121",
           "DenseNet169", "DenseNet201", "NASNetMobile", "NASNetLarge", "EfficientNetB0", "EfficientNetB1",
           "EfficientNetB2", "EfficientNetB3", "EfficientNetB4", "EfficientNetB5", "EfficientNetB6",
           "EfficientNetB7"]


def default_device():
    """``("GPU", name)`` when Keras's backend sees a GPU, else ``("CPU", name)``."""
    import kerastour_helpers as kt

    devices = kt.environment().devices
    for kind, name in devices:
        if kind == "GPU":
            return "GPU", name
    return "CPU", next((name for kind, name in devices if kind == "CPU"), "cpu")


def time_batches(model, batch_size, size, device, repeats, warmup):
    """Milliseconds of each of ``repeats`` timed ``predict_on_batch`` calls, after ``warmup`` untimed ones."""
    import keras
    import numpy as np

    pixels = np.random.default_rng(0).uniform(0, 255, (batch_size, size, size, 3)).astype("float32")
    with keras.device("gpu:0" if device == "GPU" else "cpu:0"):
        batch = keras.ops.add(keras.ops.convert_to_tensor(pixels), 0.0)  # an op on the device leaves it there
    for _ in range(warmup):
        model.predict_on_batch(batch)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.asarray(model.predict_on_batch(batch))  # the output is on the host: the step has finished
        times.append((time.perf_counter() - start) * 1000)
    return times


def spread(times):
    """The interquartile range over the median: how much the batches varied (0.05 is 5 %)."""
    if len(times) < 2:
        return 0.0
    q1, median, q3 = statistics.quantiles(times, n=4)
    return (q3 - q1) / statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", help="model names (default: a CPU-sized set)")
    parser.add_argument("--gpu-set", action="store_true", help="every model with a published GPU time")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=None, help="timed batches (default 10 on CPU, 50 on GPU)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2, help="independent measurements per model")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    # TensorFlow's own default: its oneDNN CPU kernels on. (kerastour_helpers turns them off, unless
    # told otherwise, to keep a start-up notice out of notebooks; that makes CPU inference slower.)
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
    import kerastour_helpers as kt
    import keras

    device, device_name = default_device()
    names = args.models or (GPU_SET if args.gpu_set else CPU_SET)
    repeats = args.repeats or (50 if device == "GPU" else 10)
    onednn = f", TF_ENABLE_ONEDNN_OPTS={os.environ['TF_ENABLE_ONEDNN_OPTS']}" if keras.backend.backend() == "tensorflow" else ""
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}{onednn}, device {device} ({device_name}, "
          f"{os.cpu_count()} CPU cores); batch {args.batch_size}, {args.warmup} warm-up + {repeats} timed batches, "
          f"{args.runs} run(s)")
    rows = []
    for name in names:
        info = kt.application_info(name)
        with keras.device("gpu:0" if device == "GPU" else "cpu:0"):
            model = getattr(keras.applications, info.name)(weights=None)
        medians, fastest = [], []
        for _ in range(args.runs):
            times = time_batches(model, args.batch_size, info.input_size, device, repeats, args.warmup)
            medians.append(statistics.median(times))
            fastest.append(min(times))
        best, worst = min(medians), max(medians)
        published = (info.gpu_ms if device == "GPU" else info.cpu_ms) if args.batch_size == 32 else None
        row = {"model": name, "input": info.input_size, "medians_ms": [round(m, 2) for m in medians],
               "best_ms": [round(m, 2) for m in fastest],
               "run_to_run": round((worst - best) / best, 4),
               "run_to_run_best": round((max(fastest) - min(fastest)) / min(fastest), 4),
               "spread": round(spread(times), 4),
               "published_ms": published, "ratio": round(medians[-1] / published, 3) if published else None}
        rows.append(row)
        ratio = f"{row['ratio']:.2f}x keras.io {device}" if published else f"keras.io {device}: not published"
        print(f"{name:18} {info.input_size:4d} px  " + " / ".join(f"{m:8.1f}" for m in medians)
              + " ms (fastest batch " + " / ".join(f"{m:.1f}" for m in fastest) + " ms)"
              + f"  run-to-run {row['run_to_run']:.1%} (fastest {row['run_to_run_best']:.1%})"
              + f"  spread {row['spread']:.0%}  "
              + (f"published {published:g} ms  " if published else "") + ratio, flush=True)
        del model
        keras.backend.clear_session()
    compared = [r for r in rows if r["ratio"] is not None]
    if compared:
        at_or_below = sum(r["ratio"] <= 1 for r in compared)
        print(f"At or below keras.io's {device} figure: {at_or_below} of {len(compared)} models.")
    if args.runs > 1:
        stable = sum(r["run_to_run"] <= 0.10 for r in rows)
        print(f"Run-to-run difference within 10 %: {stable} of {len(rows)} models.")
    if args.json:
        args.json.write_text(json.dumps({"backend": keras.backend.backend(), "device": device,
                                         "device_name": device_name, "batch_size": args.batch_size,
                                         "repeats": repeats, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
