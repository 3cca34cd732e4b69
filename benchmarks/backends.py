"""Seconds per training epoch of the architecture chapter's models, on each Keras backend.

Each backend runs in a fresh process, one after the other (never at the same time,
so that they do not share the CPU), on whatever device that backend finds.
The first epoch includes tracing and compiling; "steady" is the median of the
epochs after it. Usage (from the repository root):

    .venv/bin/python benchmarks/backends.py                      # every backend, default models
    .venv/bin/python benchmarks/backends.py --backends jax --models convnet --batch-sizes 128 1024

Set KERASTOUR_OFFLINE=1 to use the book's offline data (MNIST: 5,000 real training digits).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kerastour_helpers import crossbackend as cb  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=list(cb.BACKENDS))
    parser.add_argument("--models", nargs="+", default=["convnet", "gru", "cnn_gru"])
    parser.add_argument("--batch-sizes", nargs="+", type=int, default=[128])
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args(argv)

    print(f"CPU cores visible: {os.cpu_count()}; epochs per run: {args.epochs}")
    header = f"{'backend':24} {'device':10} {'model':8} {'batch':>5} {'samples':>7} {'1st epoch s':>11} {'steady s':>9} {'samples/s':>10}"
    print(header)
    print("-" * len(header))
    for batch_size in args.batch_sizes:
        for backend in args.backends:
            reports = cb.run_under_backends(
                args.models, [backend], mode="time", parallel=False, epochs=args.epochs, batch_size=batch_size
            )
            rep = reports[backend]
            device = "GPU" if rep["gpu"] else "CPU"
            for name, m in rep["models"].items():
                times = m["epoch_seconds"]
                steady = statistics.median(times[1:]) if len(times) > 1 else times[0]
                print(
                    f"{backend + ' ' + rep['backend_version']:24} {device:10} {name:8} {batch_size:>5} "
                    f"{m['samples']:>7} {times[0]:>11.2f} {steady:>9.2f} {m['samples'] / steady:>10.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
