"""Time one model's training in float32 and in mixed_float16, on a GPU when there is one.

The training chapter times epochs of a small MLP in paired turns on whatever device builds the
book. This script makes a rougher comparison (one timed fit per policy, no turns) from the command
line, with a model large enough for a GPU's Tensor Cores to matter, and prints the device's name
with the figures:

    .venv/bin/python benchmarks/mixed_precision.py [epochs] [batch_size]

It uses the TensorFlow backend and the real MNIST digits that ``kt.load_dataset`` gives (5,000
training digits offline). Each policy gets a warm-up fit first, so graph building is not timed.
"""

import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("KERASTOUR_OFFLINE", "1")

import kerastour_helpers as kt  # noqa: E402  (before keras: quiet TensorFlow start-up)


def make_model(keras, width):
    return keras.Sequential(
        [
            keras.Input((28, 28)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Flatten(),
            keras.layers.Dense(width, activation="relu"),
            keras.layers.Dense(width, activation="relu"),
            keras.layers.Dense(width, activation="relu"),
            keras.layers.Dense(10),
            keras.layers.Activation("softmax", dtype="float32"),  # the output stays float32
        ]
    )


def device_name(tf) -> str:
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return f"CPU only ({os.cpu_count()} cores)"
    details = tf.config.experimental.get_device_details(gpus[0])
    capability = details.get("compute_capability")
    suffix = f", compute capability {capability[0]}.{capability[1]}" if capability else ""
    return f"{details.get('device_name', 'GPU')}{suffix}"


def main(epochs: int = 3, batch_size: int = 256):
    import warnings

    import keras
    import tensorflow as tf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = kt.load_dataset("mnist")
    (x_train, y_train), _ = data
    gpu = bool(tf.config.list_physical_devices("GPU"))
    width = 4096 if gpu else 1024  # a GPU needs large matrices to show what float16 buys
    print(f"Keras {keras.__version__}, TensorFlow {tf.__version__}, device: {device_name(tf)}")
    print(f"data: {data.source}, {len(x_train):,} digits; model: 3 x Dense({width}); "
          f"{epochs} epochs, batch {batch_size}; load average {os.getloadavg()[0]:.1f}")
    seconds = {}
    for policy in ("float32", "mixed_float16"):
        keras.config.set_dtype_policy(policy)
        keras.utils.set_random_seed(42)
        model = make_model(keras, width)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train[: 2 * batch_size], y_train[: 2 * batch_size], batch_size=batch_size, verbose=0)  # warm-up
        start = time.perf_counter()
        history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, verbose=0)
        seconds[policy] = (time.perf_counter() - start) / epochs
        print(f"{policy:14} {seconds[policy]:7.3f} s per epoch, final training accuracy "
              f"{history.history['accuracy'][-1]:.3f}, optimizer {type(model.optimizer).__name__}")
    keras.config.set_dtype_policy("float32")
    ratio = seconds["float32"] / seconds["mixed_float16"]
    print(f"mixed_float16 / float32 speed: {ratio:.2f}x" + ("" if gpu else " (a CPU: most have no fast float16 arithmetic)"))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
