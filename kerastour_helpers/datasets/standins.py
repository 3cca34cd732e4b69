"""Made-up stand-ins, used only where nothing real can be had offline (CIFAR-100 today).

They have the real dataset's shapes, dtypes and label scheme, and enough
structure for a model to learn something, but they are made up: the loader
always labels them ``source="synthetic"``.
"""

from __future__ import annotations

import functools

import numpy as np


def _balanced_labels(rng, n, num_classes):
    labels = np.arange(n) % num_classes
    rng.shuffle(labels)
    return labels


def _prototypes(rng, count, shape, coarse=8):
    """One smooth random pattern per class, values in [0, 1]."""
    h, w = shape[:2]
    small = rng.random((count, coarse, coarse) + tuple(shape[2:]))
    big = small.repeat(-(-h // coarse), axis=1).repeat(-(-w // coarse), axis=2)[:, :h, :w]
    # A light blur softens the blocks into blobs.
    return (big + np.roll(big, 1, 1) + np.roll(big, -1, 1) + np.roll(big, 1, 2) + np.roll(big, -1, 2)) / 5


def _draw(rng, prototypes, labels, noise):
    out = np.empty((len(labels),) + prototypes.shape[1:], dtype=np.uint8)
    shifts = rng.integers(-2, 3, size=(len(labels), 2))
    contrast = rng.uniform(0.6, 1.0, size=len(labels))
    for i, label in enumerate(labels):
        image = np.roll(prototypes[label], tuple(shifts[i]), axis=(0, 1)) * contrast[i]
        image = image + rng.normal(0.0, noise, size=image.shape)
        out[i] = np.clip(image * 255, 0, 255).astype(np.uint8)
    return out


@functools.cache
def _cifar100(coarse_of_fine: tuple, n_train=5000, n_test=1000, shape=(32, 32, 3)):
    rng = np.random.default_rng(0)
    # Fine classes share a pattern with the other fine classes of their superclass.
    coarse = _prototypes(rng, max(coarse_of_fine) + 1, shape)
    fine = _prototypes(rng, len(coarse_of_fine), shape)
    prototypes = 0.6 * coarse[np.asarray(coarse_of_fine)] + 0.4 * fine
    y_train = _balanced_labels(rng, n_train, len(coarse_of_fine)).astype(np.uint8)
    y_test = _balanced_labels(rng, n_test, len(coarse_of_fine)).astype(np.uint8)
    return (_draw(rng, prototypes, y_train, 0.2), y_train), (_draw(rng, prototypes, y_test, 0.2), y_test)


def cifar100(coarse_of_fine):
    """``((x_train, y_fine_train), (x_test, y_fine_test))``, made up; new arrays at every call."""
    (xtr, ytr), (xte, yte) = _cifar100(tuple(int(c) for c in coarse_of_fine))
    return (xtr.copy(), ytr.copy()), (xte.copy(), yte.copy())
