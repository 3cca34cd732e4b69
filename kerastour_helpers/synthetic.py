"""Synthetic stand-ins, used only where no real data can be had offline.

They have the real datasets' per-example shapes, dtypes and label conventions,
and enough structure for a model to learn something, but they are made up:
``load_dataset`` always labels them ``source="synthetic"``.
"""

from __future__ import annotations

import numpy as np

SENTIMENT_WORDS = {
    1: ("great", "excellent", "wonderful", "best", "love", "loved", "amazing",
        "perfect", "brilliant", "beautiful", "enjoyed", "favorite", "superb",
        "fun", "touching", "masterpiece", "recommend", "fantastic"),
    0: ("bad", "worst", "awful", "boring", "terrible", "waste", "poor", "stupid",
        "horrible", "dull", "worse", "mess", "disappointing", "lame", "annoying",
        "pointless", "ridiculous", "avoid"),
}


def _balanced_labels(rng, n, num_classes):
    labels = np.arange(n) % num_classes
    rng.shuffle(labels)
    return labels


def _prototypes(rng, count, shape, coarse=8):
    """One smooth random pattern per class, values in [0, 1]."""
    h, w = shape[:2]
    channels = shape[2:] or (1,)
    small = rng.random((count, coarse, coarse) + tuple(channels))
    big = small.repeat(-(-h // coarse), axis=1).repeat(-(-w // coarse), axis=2)[:, :h, :w]
    # A light blur softens the blocks into blobs.
    blurred = (big + np.roll(big, 1, 1) + np.roll(big, -1, 1) + np.roll(big, 1, 2) + np.roll(big, -1, 2)) / 5
    return blurred.reshape((count,) + tuple(shape))


def _draw(rng, prototypes, labels, noise):
    out = np.empty((len(labels),) + prototypes.shape[1:], dtype=np.uint8)
    shifts = rng.integers(-2, 3, size=(len(labels), 2))
    contrast = rng.uniform(0.6, 1.0, size=len(labels))
    for i, label in enumerate(labels):
        image = np.roll(prototypes[label], tuple(shifts[i]), axis=(0, 1)) * contrast[i]
        image = image + rng.normal(0.0, noise, size=image.shape)
        out[i] = np.clip(image * 255, 0, 255).astype(np.uint8)
    return out


def synthetic_images(num_classes, shape, n_train, n_test, *, seed=0, noise=0.25, prototypes=None):
    """Images drawn from one made-up pattern per class, shifted and noisy.

    Returns ``(x_train, y_train), (x_test, y_test)``; labels are uint8, balanced.
    """
    rng = np.random.default_rng(seed)
    if prototypes is None:
        prototypes = _prototypes(rng, num_classes, shape)
    y_train = _balanced_labels(rng, n_train, num_classes).astype(np.uint8)
    y_test = _balanced_labels(rng, n_test, num_classes).astype(np.uint8)
    return (
        (_draw(rng, prototypes, y_train, noise), y_train),
        (_draw(rng, prototypes, y_test, noise), y_test),
    )


def cifar100_prototypes(coarse_of_fine, shape=(32, 32, 3), seed=0):
    """Fine-class patterns that share a part with the other fine classes of their superclass."""
    rng = np.random.default_rng(seed)
    coarse = _prototypes(rng, max(coarse_of_fine) + 1, shape)
    fine = _prototypes(rng, len(coarse_of_fine), shape)
    return 0.6 * coarse[np.asarray(coarse_of_fine)] + 0.4 * fine


def synthetic_reviews(word_index, n_train, n_test, *, seed=0, vocabulary=5000):
    """Made-up 'reviews' as raw word ranks, drawn from the real IMDB word index.

    Most words follow a Zipf law over the ``vocabulary`` most frequent words;
    about one word in fifteen is a sentiment word, mostly (not always) of the
    review's own label. Returns ``(train, test)``, each ``(sequences, labels)``.
    """
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, vocabulary + 1)
    zipf = 1.0 / ranks
    zipf /= zipf.sum()
    cues = {label: np.array([word_index[w] for w in words if w in word_index])
            for label, words in SENTIMENT_WORDS.items()}

    def review(label):
        length = int(np.clip(rng.lognormal(np.log(120), 0.5), 20, 600))
        words = rng.choice(ranks, size=length, p=zipf)
        cue_at = rng.random(length) < 1 / 15
        own = rng.random(length) < 0.75
        for is_cue, is_own, i in zip(cue_at, own, range(length)):
            if is_cue:
                words[i] = rng.choice(cues[label if is_own else 1 - label])
        return [int(w) for w in words]

    parts = []
    for n in (n_train, n_test):
        labels = _balanced_labels(rng, n, 2).astype(np.int64)
        parts.append(([review(int(y)) for y in labels], labels))
    return tuple(parts)
