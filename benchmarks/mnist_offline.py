"""Time the datasets chapter's MNIST model on the offline data, and report its test accuracy.

The target (issue 3): at least 98 % on the real 10,000-digit MNIST test set,
trained only on the 5,000 real offline training digits, in 30 s or less on a
2-core CPU. This script trains exactly what the chapter trains
(``kerastour_helpers.first_models.train_first_model("mnist", ...)``) a few
times and prints each run's training time and accuracy. Timings depend on
what else the machine is doing, so it also prints the CPU count and load.

    KERASTOUR_OFFLINE=1 .venv/bin/python benchmarks/mnist_offline.py [runs] [seed]
"""

import os
import sys

import kerastour_helpers  # noqa: F401  (sets the same TensorFlow defaults as the chapter)

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("KERASTOUR_OFFLINE", "1")


def main(runs: int = 3, seed: int = 42):
    import warnings

    import keras

    from kerastour_helpers import first_models
    from kerastour_helpers.datasets import OfflineDataWarning, load_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OfflineDataWarning)
        data = load_dataset("mnist")
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start, "
          f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS', 'unset (oneDNN on)')}")
    print(f"data: {data.source}, {len(data[0][0]):,} training and {len(data[1][0]):,} test digits")
    results = []
    for run in range(runs):
        result = first_models.train_first_model("mnist", data, seed=seed + run)
        results.append(result)
        print(f"run {run + 1} (seed {seed + run}): {result.train_seconds:5.1f} s of training "
              f"({result.cpu_seconds:5.1f} s CPU time, all threads), "
              f"{result.epochs} epochs, test accuracy {100 * result.score:.2f} %, "
              f"load average {os.getloadavg()[0]:.1f}")
    times = sorted(r.train_seconds for r in results)
    accs = [100 * r.score for r in results]
    cpu = sorted(r.cpu_seconds for r in results)
    print(f"training time: median {times[len(times) // 2]:.1f} s, min {times[0]:.1f} s, max {times[-1]:.1f} s "
          f"(CPU time median {cpu[len(cpu) // 2]:.1f} s)")
    print(f"test accuracy: min {min(accs):.2f} %, max {max(accs):.2f} % (target: 98 %, 30 s)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
