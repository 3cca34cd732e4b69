"""Choose the chapters' training settings on validation data, never on a test set.

The architecture chapter (and the datasets chapter's MNIST section) train with settings typed in
their cells: the convnet's width and peak learning rate, and each Reuters model's learning rate.
This script is where those values come from. It runs *the chapter's own cells* over a small grid,
3 seeds per point, scores each run on a validation split cut from the training data, and writes
what it measured to ``kerastour_helpers/records/settings_search.json``. The chapters print that
record beside their settings, and ``tests/test_settings_search.py`` fails when a chapter's typed
value is not the record's choice. Rerun it after changing a model, its recipe or the data:

    KERASTOUR_OFFLINE=1 .venv/bin/python benchmarks/settings_search.py [mnist] [reuters]

About 15 minutes on a 2-core CPU (TensorFlow backend). The test sets are not loaded for MNIST and
not looked at for Reuters: the Reuters cell's test inputs are the validation newswires here.
"""

import datetime
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("KERASTOUR_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kerastour_helpers as kt  # noqa: E402  (before keras, as in the chapter)

CHAPTER = ROOT / "chapters" / "architecture.ipynb"
RECORD = ROOT / "kerastour_helpers" / "records" / "settings_search.json"
SEEDS = [0, 1, 2]
CONVNET_WIDTHS = [8, 16, 32]
CONVNET_LEARNING_RATES = [2e-3, 5e-3, 1e-2, 2e-2]
CONVNET_MAX_WIDTH = 16  # the widest convnet the chapters' time budget allows; wider ones are measured, not chosen
REUTERS_LEARNING_RATES = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1]
REUTERS_MODELS = {"bag_of_words": "build_bag_of_words", "gru": "build_gru", "cnn_gru": "build_cnn_gru"}


def cells(select) -> list:
    return ["".join(c["source"]) for c in json.loads(CHAPTER.read_text())["cells"] if select(c)]


def tagged(tag):
    return lambda c: tag in c.get("metadata", {}).get("tags", [])


def replaced(source: str, old: str, new: str) -> str:
    if old not in source:
        raise SystemExit(f"The chapter's cells no longer contain {old!r}: update {Path(__file__).name}.")
    return source.replace(old, new)


def search_convnet(keras, np):
    """Width x peak learning rate for the MNIST convnet: train on 4,000 digits, validate on 1,000. The chosen
    point is the best of the widths the page's time budget allows; wider ones are measured to show what they buy."""
    import math
    import time

    source = "\n\n".join(s for s in cells(tagged("benchmark-mnist")) if "convnet.evaluate" not in s)
    source = replaced(source, "keras.utils.set_random_seed(42)", "keras.utils.set_random_seed(seed)")
    source = replaced(source, "build_convnet((28, 28, 1), 10)", "build_convnet((28, 28, 1), 10, width=width)")
    source = replaced(source, "CosineDecay(5e-3,", "CosineDecay(learning_rate,")
    source = replaced(source, "verbose=2", "verbose=0")
    code = compile(source, f"{CHAPTER.name} [benchmark-mnist]", "exec")
    mnist = kt.load_dataset("mnist", banner=False)
    (x, y), _ = mnist
    n_validation = len(x) // 5
    x_train, y_train, x_val, y_val = x[:-n_validation], y[:-n_validation], x[-n_validation:], y[-n_validation:]
    grid = []
    for width in CONVNET_WIDTHS:
        for learning_rate in CONVNET_LEARNING_RATES:
            accuracies, seconds = [], []
            for seed in SEEDS:
                namespace = {"keras": keras, "np": np, "math": math, "time": time, "x_train": x_train,
                             "y_train": y_train, "seed": seed, "width": width, "learning_rate": learning_rate}
                exec(code, namespace)
                _, accuracy = namespace["convnet"].evaluate(x_val[..., None], y_val, batch_size=1000, verbose=0)
                accuracies.append(round(float(accuracy), 4))
                seconds.append(round(namespace["convnet_seconds"], 1))
            grid.append({"width": width, "learning_rate": learning_rate, "val_accuracy": accuracies,
                         "seconds": seconds})
            print(f"convnet width {width:2}, learning rate {learning_rate:g}: validation accuracy "
                  f"{' '.join(f'{a:.2%}' for a in accuracies)}, {' '.join(f'{s:.0f}' for s in seconds)} s", flush=True)
    allowed = [point for point in grid if point["width"] <= CONVNET_MAX_WIDTH]
    best = max(allowed, key=lambda point: np.mean(point["val_accuracy"]))
    return {
        "data": f"{mnist.source} data, the first {len(x_train):,} of {len(x):,} training digits, "
                f"validated on the last {n_validation:,}",
        "epochs": namespace["num_epochs"],
        "max_width": CONVNET_MAX_WIDTH,
        "criterion": f"highest mean validation accuracy of the widths up to {CONVNET_MAX_WIDTH} "
                     f"(the time budget)",
        "grid": grid,
        "chosen": {"width": best["width"], "learning_rate": best["learning_rate"]},
    }


def search_reuters(keras, np):
    """One learning rate per Reuters model, on the chapter's validation split, by mean validation loss."""
    import math

    model_code = "\n\n".join(cells(tagged("model-code")))
    fit_code = "\n\n".join(cells(lambda c: "def fit_and_test" in "".join(c["source"])))
    namespace = {"keras": keras, "np": np, "math": math}
    exec(compile(model_code, f"{CHAPTER.name} [model-code]", "exec"), namespace)
    exec(compile(fit_code, f"{CHAPTER.name} [fit_and_test]", "exec"), namespace)
    reuters = kt.load_dataset("reuters", num_words=namespace["num_words"], banner=False)
    (x, y), _ = reuters
    sequences = keras.utils.pad_sequences(x, maxlen=namespace["maxlen"], truncating="post")
    batch_size = 128
    n_train = int(0.8 * len(sequences)) // batch_size * batch_size  # the chapter's split
    namespace.update(batch_size=batch_size, n_train=n_train, y_train=y, y_test=y[n_train:])
    inputs = {"bag_of_words": namespace["multi_hot"](sequences)}
    grid = []
    for name, build in REUTERS_MODELS.items():
        train_inputs = inputs.get(name, sequences)
        for learning_rate in REUTERS_LEARNING_RATES:
            namespace["learning_rates"] = {name: learning_rate}
            losses, accuracies, epochs = [], [], []
            for seed in SEEDS:
                model, kept, right = namespace["fit_and_test"](namespace[build], train_inputs, train_inputs[n_train:], seed)
                loss, _ = model.evaluate(train_inputs[n_train:], y[n_train:], batch_size=len(right), verbose=0)
                losses.append(round(float(loss), 4))
                accuracies.append(round(float(right.mean()), 4))
                epochs.append(int(kept))
            grid.append({"model": name, "learning_rate": learning_rate, "val_loss": losses,
                         "val_accuracy": accuracies, "epochs_kept": epochs})
            print(f"{name:12} learning rate {learning_rate:g}: validation loss "
                  f"{' '.join(f'{v:.3f}' for v in losses)}, accuracy {' '.join(f'{a:.1%}' for a in accuracies)}, "
                  f"epochs {epochs}", flush=True)
    chosen = {}
    for name in REUTERS_MODELS:
        points = [p for p in grid if p["model"] == name]
        chosen[name] = min(points, key=lambda p: np.mean(p["val_loss"]))["learning_rate"]
    return {
        "data": f"{reuters.source} data, the first {n_train:,} training newswires, validated on the last "
                f"{len(y) - n_train:,} (the chapter's split)",
        "criterion": "lowest mean validation loss (what EarlyStopping watches)",
        "grid": grid,
        "chosen": chosen,
    }


def main(parts):
    import keras
    import numpy as np

    record = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    searches = {"mnist": ("mnist_convnet", search_convnet), "reuters": ("reuters", search_reuters)}
    for part in parts or list(searches):
        key, search = searches[part]
        result = search(keras, np)
        result.update(seeds=SEEDS, keras=keras.__version__, backend=keras.backend.backend(),
                      date=datetime.date.today().isoformat())
        record[key] = result
        print(f"{key}: chosen {result['chosen']}", flush=True)
        RECORD.write_text(json.dumps(record, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
