"""Keras `fit` (JAX backend) against a hand-written JAX training loop, for one small convnet.

Both train the same network (Conv2D 16 -> pool -> Conv2D 32 -> pool -> dropout
0.5 -> Dense 10, Adam 1e-3, sparse cross-entropy), written out twice below, once
in Keras and once in plain JAX, on the same MNIST digits, with one jitted step per
batch fed from NumPy arrays, and report steady-state samples per second (the first
epoch, which compiles, is left out). The ratio keras/hand is the overhead of Keras's
loop (goal: >= 0.9 on a GPU). This is a plain convnet, simpler than the architecture
chapter's (no batch normalization, no random shifts), so that the JAX version stays short.

    KERASTOUR_OFFLINE=1 .venv/bin/python benchmarks/jax_loop.py --batch-sizes 128 1024 --epochs 4
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ["KERAS_BACKEND"] = "jax"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def hand_written_loop(x, y, batch_size, epochs, seed=0):
    """Seconds per epoch of a plain JAX loop: jitted step, Adam written out."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    def init(key):
        k = jax.random.split(key, 3)
        glorot = jax.nn.initializers.glorot_uniform()
        return {
            "c1": (glorot(k[0], (3, 3, 1, 16)), jnp.zeros(16)),
            "c2": (glorot(k[1], (3, 3, 16, 32)), jnp.zeros(32)),
            "d": (glorot(k[2], (800, 10)), jnp.zeros(10)),
        }

    def conv(h, wb):
        out = jax.lax.conv_general_dilated(h, wb[0], (1, 1), "VALID", dimension_numbers=("NHWC", "HWIO", "NHWC"))
        return jax.nn.relu(out + wb[1])

    def pool(h):
        return jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")

    def loss_fn(params, xb, yb, key):
        h = pool(conv(xb, params["c1"]))
        h = pool(conv(h, params["c2"])).reshape(xb.shape[0], -1)
        keep = jax.random.bernoulli(key, 0.5, h.shape)
        h = jnp.where(keep, h / 0.5, 0.0)
        logits = h @ params["d"][0] + params["d"][1]
        return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), yb[:, None], axis=1))

    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-7

    @functools.partial(jax.jit, donate_argnums=(0, 1, 2))  # update params and Adam state in place
    def step(params, m, v, t, xb, yb, key):
        key, sub = jax.random.split(key)
        loss, grads = jax.value_and_grad(loss_fn)(params, xb, yb, sub)
        t = t + 1
        m = jax.tree_util.tree_map(lambda a, g: b1 * a + (1 - b1) * g, m, grads)
        v = jax.tree_util.tree_map(lambda a, g: b2 * a + (1 - b2) * g * g, v, grads)
        scale = lr * jnp.sqrt(1 - b2**t) / (1 - b1**t)
        params = jax.tree_util.tree_map(lambda p, a, b: p - scale * a / (jnp.sqrt(b) + eps), params, m, v)
        return params, m, v, t, loss, key

    key = jax.random.PRNGKey(seed)
    params = init(key)
    m = jax.tree_util.tree_map(jnp.zeros_like, params)
    v = jax.tree_util.tree_map(jnp.zeros_like, params)
    t = jnp.zeros((), jnp.float32)
    rng = np.random.RandomState(seed)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch_size):
            idx = order[i : i + batch_size]
            params, m, v, t, loss, key = step(params, m, v, t, x[idx], y[idx], key)
        loss.block_until_ready()
        times.append(time.perf_counter() - start)
    return times


def keras_fit(x, y, batch_size, epochs, steps_per_execution=1, seed=0):
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", steps_per_execution=steps_per_execution
    )
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
        times.append(time.perf_counter() - start)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-sizes", nargs="+", type=int, default=[128, 1024])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--repeat-data", type=int, default=1, help="tile the training set this many times")
    args = parser.parse_args(argv)

    import jax
    import numpy as np

    import kerastour_helpers as kt

    mnist = kt.load_dataset("mnist", banner=False)
    (x, y), _ = mnist
    source = mnist.source
    x = (x.astype("float32") / 255)[..., None]
    x, y = np.tile(x, (args.repeat_data, 1, 1, 1)), np.tile(y, args.repeat_data).astype("int32")
    print(f"JAX {jax.__version__} on {jax.devices()[0].platform}: {jax.devices()}")
    print(f"MNIST ({source}), {len(x):,} samples per epoch, {args.epochs} epochs, first epoch left out\n")
    print(f"{'batch':>5}  {'loop':34} {'steady s/epoch':>14} {'samples/s':>10} {'vs hand':>8}")
    for batch_size in args.batch_sizes:
        runs = {
            "hand-written JAX loop": hand_written_loop(x, y, batch_size, args.epochs),
            "keras fit": keras_fit(x, y, batch_size, args.epochs),
            "keras fit, steps_per_execution=8": keras_fit(x, y, batch_size, args.epochs, steps_per_execution=8),
        }
        hand = statistics.median(runs["hand-written JAX loop"][1:])
        for name, times in runs.items():
            steady = statistics.median(times[1:])
            print(f"{batch_size:>5}  {name:34} {steady:>14.3f} {len(x) / steady:>10.0f} {hand / steady:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
