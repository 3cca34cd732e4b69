"""Load the tour's datasets: Keras's real data when it can be had, honest stand-ins when not.

``load_dataset(name, **kwargs)`` takes Keras's own keyword arguments and
unpacks exactly like ``keras.datasets.<name>.load_data()``. Where the data comes
from, in order:

1. Keras's own loader, whenever its files are in Keras's cache, can be put
   there from the byte-identical copies Keras Tour ships (boston_housing,
   reuters), or can be downloaded (skipped when ``KERASTOUR_OFFLINE=1``);
2. real data shipped with Keras Tour (a subset of MNIST and CIFAR-10);
3. a synthetic stand-in (IMDB reviews, Fashion-MNIST images, CIFAR-100).

The answer's ``.source`` says which (``"keras"``, ``"offline-subset"`` or
``"synthetic"``) and ``.note`` says it in words. Anything that is not
``"keras"`` is shown as a banner in a notebook.
"""

from __future__ import annotations

import html
import importlib
import inspect
import warnings

from . import files
from .dataset_registry import DATASETS

SOURCES = ("keras", "offline-subset", "synthetic")
SYNTHETIC_SIZES = {"imdb": (2500, 2500), "fashion_mnist": (6000, 1000), "cifar100": (5000, 1000)}


class UnknownDatasetError(ValueError):
    """A dataset name that is not in the registry."""


class OfflineDataWarning(UserWarning):
    """The data loaded is an offline subset or a synthetic stand-in."""


def list_datasets() -> list:
    """The names of the tour's datasets, in the order the book presents them."""
    return list(DATASETS)


def dataset_info(name: str):
    """The registry's facts about one dataset (a :class:`DatasetInfo`)."""
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        raise UnknownDatasetError(
            f"Unknown dataset {name!r}. Choose one of: {', '.join(DATASETS)}."
        ) from None


class Banner:
    """A visible notice in a notebook's output: what the data really is."""

    def __init__(self, source: str, text: str):
        self.source, self.text = source, text

    def __repr__(self):
        return f"[{self.source}] {self.text}"

    def _repr_html_(self):
        colour = "#b45309" if self.source == "synthetic" else "#1d4ed8"
        label = {"synthetic": "Synthetic stand-in", "offline-subset": "Real data, offline subset"}.get(
            self.source, "Data source"
        )
        return (
            f'<div class="kerastour-banner" style="border-left:6px solid {colour};'
            f'background:#f8fafc;padding:0.5em 1em;margin:0.5em 0">'
            f"<strong>{label}:</strong> {html.escape(self.text)}</div>"
        )


class LoadedDataset(tuple):
    """``((x_train, y_train), (x_test, y_test))`` that also knows where it came from."""

    def __new__(cls, train, test, *, name: str, source: str, note: str):
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        self = super().__new__(cls, (tuple(train), tuple(test)))
        self.name, self.source, self.note = name, source, note
        return self

    @property
    def train(self):
        return self[0]

    @property
    def test(self):
        return self[1]

    @property
    def info(self):
        return DATASETS[self.name]

    @property
    def banner(self) -> Banner:
        return Banner(self.source, self.note)

    def __repr__(self):
        return (
            f"LoadedDataset({self.name!r}, source={self.source!r}, "
            f"train={len(self[0][0]):,}, test={len(self[1][0]):,})"
        )


def _keras_module(name):
    return importlib.import_module(f"keras.datasets.{name}")


def accepted_kwargs(name: str) -> list:
    """Keyword arguments of ``keras.datasets.<name>.load_data`` that load_dataset passes on."""
    params = inspect.signature(_keras_module(name).load_data).parameters
    return [p for p, v in params.items() if p != "path" and v.kind is not v.VAR_KEYWORD]


def _check_kwargs(name, kwargs):
    accepted = accepted_kwargs(name)
    unknown = sorted(set(kwargs) - set(accepted))
    if unknown:
        what = ", ".join(accepted) if accepted else "none"
        raise TypeError(
            f"load_dataset({name!r}) got unexpected keyword argument(s) {', '.join(unknown)}. "
            f"keras.datasets.{name}.load_data accepts: {what}."
        )
    if name == "cifar100" and kwargs.get("label_mode", "fine") not in ("fine", "coarse"):
        raise ValueError(f'label_mode must be "fine" or "coarse", not {kwargs["label_mode"]!r}.')


def _install_shipped(info):
    """Put the byte-identical shipped copies of Keras's files into its cache."""
    files_needed = list(info.cache_files)
    if "word_index" in info.extra:
        files_needed.append(info.extra["word_index"])
    for f in files_needed:
        if f.shipped:
            files.install_into_keras_cache(f.shipped, f.name, f.file_hash)


def _call_keras(name, kwargs):
    with files.quiet_keras():
        return _keras_module(name).load_data(**kwargs)


def _offline_fallback(info, kwargs):
    import numpy as np

    from . import offline, synthetic

    name = info.name
    if name == "mnist":
        return "offline-subset", offline.mnist_subset()
    if name == "cifar10":
        return "offline-subset", offline.cifar10_subset(info.class_names)
    n_train, n_test = SYNTHETIC_SIZES[name]
    if name == "fashion_mnist":
        return "synthetic", synthetic.synthetic_images(10, (28, 28), n_train, n_test, seed=1)
    if name == "cifar100":
        coarse_of_fine = np.asarray(info.extra["coarse_of_fine"], dtype=np.uint8)
        protos = synthetic.cifar100_prototypes(coarse_of_fine)
        (xtr, ytr), (xte, yte) = synthetic.synthetic_images(
            100, (32, 32, 3), n_train, n_test, seed=2, noise=0.2, prototypes=protos
        )
        if kwargs.get("label_mode", "fine") == "coarse":
            ytr, yte = coarse_of_fine[ytr], coarse_of_fine[yte]
        return "synthetic", ((xtr, ytr.reshape(-1, 1)), (xte, yte.reshape(-1, 1)))
    if name == "imdb":
        from .sequences import prepare_sequences

        train, test = synthetic.synthetic_reviews(load_word_index("imdb"), n_train, n_test, seed=3)
        return "synthetic", prepare_sequences(train, test, **kwargs)
    raise AssertionError(f"no offline data for {name}")  # every registry entry is covered above


def _describe(info, source, why):
    if source == "keras":
        return f"{info.title}: the complete dataset, through Keras's own loader ({why})."
    total = f"{info.train_size:,} training and {info.test_size:,} test examples"
    if source == "offline-subset":
        return f"{info.title}: {info.offline_note}, not the full {total}. {why}"
    return (
        f"{info.title}: NOT the real data. This is a made-up stand-in with the real shapes "
        f"and dtypes ({info.offline_note}). Model scores on it say nothing about the real "
        f"dataset. {why}"
    )


def load_dataset(name: str, **kwargs) -> LoadedDataset:
    """Load a dataset; unpacks like ``keras.datasets.<name>.load_data(**kwargs)``.

    Anything but the real, complete data shows its banner (a warning outside notebooks).

    Example::

        (x_train, y_train), (x_test, y_test) = data = load_dataset("mnist")
        data.source   # "keras", "offline-subset" or "synthetic"
    """
    result = load_without_banner(name, **kwargs)
    if result.source != "keras":
        show(result.banner, stacklevel=3)
    return result


def load_without_banner(name: str, **kwargs) -> LoadedDataset:
    """:func:`load_dataset` for helpers that show ``.banner`` themselves (e.g. beside a preview)."""
    info = dataset_info(name)
    _check_kwargs(name, kwargs)
    statuses = [files.cache_status(f.name, f.file_hash) for f in info.cache_files]
    for f, status in zip(info.cache_files, statuses):
        if status == "mismatch":
            raise files.mismatch_error(f.name)

    if info.offline == "keras-files" and "missing" in statuses:
        _install_shipped(info)
        why = "its files came from the byte-identical copies shipped with Keras Tour"
        return _finish(info, "keras", _call_keras(name, kwargs), why)
    if all(s == "ok" for s in statuses):
        return _finish(info, "keras", _call_keras(name, kwargs), "from your Keras cache")

    if files.offline_mode():
        why = "KERASTOUR_OFFLINE is set, so no download was tried."
    else:
        try:
            data = _call_keras(name, kwargs)
        except Exception as err:  # Keras raises a bare Exception on a failed download
            why = f"The download failed ({str(err).splitlines()[0][:120]}); connect to the internet for the real data."
        else:
            return _finish(info, "keras", data, "downloaded into your Keras cache")
    source, data = _offline_fallback(info, kwargs)
    return _finish(info, source, data, why)


def _finish(info, source, data, why):
    (x_train, y_train), (x_test, y_test) = data
    return LoadedDataset(
        (x_train, y_train), (x_test, y_test), name=info.name, source=source, note=_describe(info, source, why)
    )


def show(banner: Banner, stacklevel: int = 2):
    """Display a banner in a notebook; elsewhere, warn."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(banner)
    else:
        warnings.warn(repr(banner), OfflineDataWarning, stacklevel=stacklevel)


def load_word_index(name: str) -> dict:
    """The real word index of ``imdb`` or ``reuters``, through Keras's ``get_word_index``."""
    info = dataset_info(name)
    if "word_index" not in info.extra:
        raise ValueError(f"{name!r} has no word index; only imdb and reuters do.")
    entry = info.extra["word_index"]
    files.install_into_keras_cache(entry.shipped, entry.name, entry.file_hash)
    with files.quiet_keras():
        return _keras_module(name).get_word_index()
