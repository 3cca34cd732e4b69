"""CIFAR-100's made-up stand-in, as nothing real of it ships: its shapes, dtypes and label scheme, learnable (a
smooth pattern per superclass plus one per class, shifted, noisy); the loader labels it ``source="synthetic"``."""

import functools

import numpy as np

from .registry import CIFAR100_COARSE_OF_FINE


def _patterns(rng, count, size=32, coarse=8):
    """One smooth random colour pattern per class, values in [0, 1]."""
    blocks = rng.random((count, coarse, coarse, 3)).repeat(size // coarse, axis=1).repeat(size // coarse, axis=2)
    return sum(np.roll(blocks, shift, axis) for shift in (-1, 1) for axis in (1, 2)) / 4


@functools.cache
def _cifar100():
    rng, coarse_of_fine = np.random.default_rng(0), list(CIFAR100_COARSE_OF_FINE)
    patterns = 0.6 * _patterns(rng, max(coarse_of_fine) + 1)[coarse_of_fine] + 0.4 * _patterns(rng, 100)
    parts = []
    for n in (5000, 1000):  # train, test
        labels = rng.permutation(np.arange(n) % 100).astype(np.uint8)
        shifts = rng.integers(-2, 3, size=(n, 2))
        images = np.stack([np.roll(patterns[y], tuple(s), axis=(0, 1)) for y, s in zip(labels, shifts)])
        images = images * rng.uniform(0.6, 1.0, (n, 1, 1, 1)) + rng.normal(0, 0.2, images.shape)
        parts.append((np.clip(images * 255, 0, 255).astype(np.uint8), labels))
    return tuple(parts)


def cifar100_standin(label_mode="fine"):
    """Made-up ``((x_train, y_train), (x_test, y_test))`` shaped like CIFAR-100's; new arrays at every call."""
    coarse_of_fine = np.asarray(CIFAR100_COARSE_OF_FINE, dtype=np.uint8)
    return tuple((x.copy(), (coarse_of_fine[y] if label_mode == "coarse" else y.copy()).reshape(-1, 1))
                 for x, y in _cifar100())
