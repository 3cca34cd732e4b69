"""Exercises of the intro chapter."""

from . import Exercise

EXERCISES = {
    "backend": Exercise(
        "Which environment variable chooses Keras's backend?",
        "Look at the setup cell: it is set before `import keras`.",
        answer="KERAS_BACKEND",
    ),
    "boston_source": Exercise(
        "What `.source` does `load_dataset('boston_housing')` report?",
        "Keras Tour ships Keras's own file byte for byte, so Keras's own loader reads it.",
        answer="keras",
    ),
    "cifar100_coarse": Exercise(
        "How many classes does CIFAR-100 have with `label_mode='coarse'`?",
        "Look at `dataset_info('cifar100').extra['coarse_class_names']`.",
        answer=20,
        kind="number",
    ),
}
