"""Seconds per training epoch of the architecture chapter's models, on each installed Keras backend.

The models are the chapter's own code: its cells tagged ``model-code``. Each backend
runs in a fresh process (``kt.run_under_backends``), one backend after the other (never
at the same time, so that they do not share the CPU), on whatever device that backend
finds. The first epoch includes tracing and compiling; "steady" is the median of the
epochs after it. Usage (from the repository root):

    .venv/bin/python benchmarks/backends.py                      # every installed backend
    .venv/bin/python benchmarks/backends.py --backends jax --models convnet --batch-sizes 128 1024

Set KERASTOUR_OFFLINE=1 to use the book's offline data (MNIST: 5,000 real training digits).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kerastour_helpers as kt  # noqa: E402

CHAPTER = Path(__file__).resolve().parents[1] / "chapters" / "architecture.ipynb"
MODELS = {  # name: (how the chapter builds it, its dataset)
    "convnet": ("build_convnet((28, 28, 1), 10)", "mnist"),
    "gru": ("build_gru()", "reuters"),
    "cnn_gru": ("build_cnn_gru()", "reuters"),
    "bag_of_words": ("build_bag_of_words()", "reuters"),
}

# Runs inside each backend's process: the chapter's model code, the data, one fit per epoch.
SCRIPT = """
import json, time
import kerastour_helpers as kt
import keras
import numpy as np

exec({code!r})
data = {{}}
for name in {models!r}:
    build, dataset = {table!r}[name]
    if dataset not in data:
        (x, y), _ = kt.load_dataset(dataset, **({{"num_words": num_words}} if dataset == "reuters" else {{}}), banner=False)
        data[dataset] = (x[..., None], y) if dataset == "mnist" else (keras.utils.pad_sequences(x, maxlen=maxlen), y)
    x, y = data[dataset]
    if name == "bag_of_words":
        x = multi_hot(x)
    keras.utils.set_random_seed(0)
    model = eval(build)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    seconds = []
    for _ in range({epochs}):
        start = time.perf_counter()
        model.fit(x, y, batch_size={batch_size}, epochs=1, verbose=0)
        seconds.append(time.perf_counter() - start)
    print("REPORT " + json.dumps({{"name": name, "samples": len(x), "seconds": seconds}}))
env = kt.environment()
print("ENV " + json.dumps({{"version": env.backend_version, "device": "GPU" if env.gpu else "CPU"}}))
"""


def model_code() -> str:
    cells = json.loads(CHAPTER.read_text())["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if "model-code" in c.get("metadata", {}).get("tags", []))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=kt.installed_backends())
    parser.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    parser.add_argument("--batch-sizes", nargs="+", type=int, default=[128])
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args(argv)

    code = model_code()
    print(f"CPU cores visible: {os.cpu_count()}; epochs per run: {args.epochs}; "
          f"load average {os.getloadavg()[0]:.1f}")
    header = f"{'backend, device':24} {'model':13} {'batch':>5} {'samples':>7} {'1st epoch s':>11} {'steady s':>9} {'samples/s':>10}"
    print(header)
    print("-" * len(header))
    for batch_size in args.batch_sizes:
        for backend in args.backends:
            script = SCRIPT.format(code=code, models=args.models, table=MODELS, epochs=args.epochs,
                                   batch_size=batch_size)
            runs = kt.run_under_backends(script, backends=[backend])
            if backend not in runs:
                print(f"{backend:24} {runs.skipped[backend]}")
                continue
            lines = runs[backend].splitlines()
            env = next(json.loads(line[4:]) for line in lines if line.startswith("ENV "))
            label = f"{backend} {env['version']} {env['device']}"
            for line in lines:
                if not line.startswith("REPORT "):
                    continue
                m = json.loads(line[len("REPORT "):])
                times = m["seconds"]
                steady = statistics.median(times[1:]) if len(times) > 1 else times[0]
                print(f"{label:24} {m['name']:13} {batch_size:>5} {m['samples']:>7} {times[0]:>11.2f} "
                      f"{steady:>9.2f} {m['samples'] / steady:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
