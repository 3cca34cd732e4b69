"""Load Keras's datasets: Keras's real data when it can be had, honest offline data when not.

``load_dataset(name, **kwargs)`` takes Keras's keyword arguments and unpacks like
``keras.datasets.<name>.load_data()``. It runs Keras's own loader whenever Keras's files are in
its cache, can be put there from the byte-identical copies that ship (boston_housing, reuters),
or can be downloaded (not tried when ``KERASTOUR_OFFLINE=1``); otherwise it reads the real data
that ships (``source="offline-subset"``, the note says what it is) or, for CIFAR-100 only, a
made-up stand-in (``"synthetic"``). Only a failed download falls back; any other error is
raised, naming the file. A cached file whose hash is not Keras's is reported and never touched.
"""

from __future__ import annotations

import functools
import html
import importlib
import inspect
import numbers
import pickle
import sys
import warnings
import zipfile

from .. import cache
from .registry import DATASETS

class UnknownDatasetError(ValueError):
    """A dataset name that is not in the registry."""


class OfflineDataWarning(UserWarning):
    """The data loaded is not Keras's complete dataset (outside a notebook, the banner is this warning)."""


def list_datasets() -> list:
    """The names of Keras's datasets, in the book's order: ``list_datasets()[:2]`` is Boston, California."""
    return list(DATASETS)


def dataset_info(name: str):
    """The registry's facts about one dataset: ``dataset_info("reuters").num_classes == 46``."""
    try:
        return DATASETS[name]
    except (KeyError, TypeError):
        raise UnknownDatasetError(f"Unknown dataset {name!r}. Choose one of: {', '.join(DATASETS)}.") from None


class Banner:
    """A visible notice in a notebook's output: what the data really is."""

    LABELS = {"synthetic": "Made-up stand-in, not real data", "offline-subset": "Real data, not Keras's complete dataset"}

    def __init__(self, source: str, text: str):
        self.source, self.text = source, text

    def __repr__(self):
        return f"[{self.LABELS.get(self.source, self.source)}] {self.text}"

    def _repr_html_(self):
        colour = "#b45309" if self.source == "synthetic" else "#1d4ed8"
        label, text = html.escape(self.LABELS.get(self.source, "Data source")), html.escape(self.text)
        return (f'<div class="kerastour-banner" style="border-left:6px solid {colour};background:#f8fafc;'
                f'padding:0.5em 1em;margin:0.5em 0"><strong>{label}:</strong> {text}</div>')


class LoadedDataset(tuple):
    """``((x_train, y_train), (x_test, y_test))`` that also knows where it came from."""

    def __new__(cls, train, test, *, name: str, source: str, note: str):
        if source not in ("keras", "offline-subset", "synthetic"):
            raise ValueError(f"source must be 'keras', 'offline-subset' or 'synthetic', not {source!r}")
        self = super().__new__(cls, (tuple(train), tuple(test)))
        self.name, self.source, self.note = name, source, note
        return self

    @property
    def banner(self) -> Banner:
        return Banner(self.source, self.note)

    def __repr__(self):
        train, test = len(self[0][0]), len(self[1][0])
        return f"LoadedDataset({self.name!r}, source={self.source!r}, train={train:,}, test={test:,})"


# --- Keras's loaders, and the files they fetch -----------------------------------------------


def keras_loader(name: str, function: str = "load_data"):
    """Keras's own function (``keras.datasets.<name>.load_data`` or ``.get_word_index``)."""
    return getattr(importlib.import_module(f"keras.datasets.{name}"), function)


def _modules(function) -> list:
    return [function.__module__]  # where the loader imported get_file


@functools.cache
def keras_files(name: str, function: str = "load_data") -> tuple:
    """The files Keras's loader fetches for ``name``, read from Keras: ``keras_files("mnist")[0].name == "mnist.npz"``."""
    loader = keras_loader(dataset_info(name).name, function)
    return tuple(cache.files_keras_fetches(loader, _modules(loader)))


def _call_keras(loader, files, kwargs):
    """Run Keras's loader with its downloads guarded; a file it cannot read is named in the error."""
    try:
        with cache.guarded_downloads(_modules(loader)):
            return loader(**kwargs)
    except (OSError, EOFError, zipfile.BadZipFile, pickle.UnpicklingError, KeyError) as err:
        paths = ", ".join(str(f.path) for f in files)
        raise cache.DataFileError(
            f"Keras's {loader.__module__.replace('keras.src.', 'keras.')}.{loader.__name__} could not read "
            f"{paths} ({type(err).__name__}: {err}). The file is damaged or not Keras's: move it away and run "
            "again (Keras downloads a fresh copy; offline, Keras Tour uses its own data). Nothing was deleted."
        ) from err


# --- Keras's keyword arguments, checked before they reach Keras ------------------------------


_INT = numbers.Integral
RULES = {  # name: (kind, smallest value, None allowed) for numbers; a tuple of choices otherwise
    "seed": (_INT, None, False), "num_words": (_INT, 1, True), "maxlen": (_INT, 1, True),
    "skip_top": (_INT, 0, False), "index_from": (_INT, 0, False), "start_char": (_INT, 0, True),
    "oov_char": (_INT, 0, True), "test_split": (numbers.Real, 0, False),
    "label_mode": ("fine", "coarse"), "version": ("large", "small"),
}


def _problem(key, value):
    """``(error class, what is wanted)`` when ``value`` will not do for ``key``, else None."""
    rule = RULES.get(key, (object, None, True))
    if isinstance(rule[0], str):
        return None if value in rule else (ValueError, " or ".join(repr(c) for c in rule))
    kind, minimum, optional = rule
    if (value is None and optional) or kind is object:
        return None
    wanted = ("None or " if optional else "") + ("a whole number" if kind is _INT else "a number")
    wanted += "" if minimum is None else f" of {minimum} or more"
    if key == "test_split":
        wanted = "a fraction from 0 up to (not including) 1"
    if isinstance(value, bool) or not isinstance(value, kind):
        return TypeError, wanted
    if (minimum is not None and value < minimum) or (key == "test_split" and value >= 1):
        return ValueError, wanted
    return None


def check_kwargs(name: str, kwargs: dict) -> None:
    """Raise a clear TypeError/ValueError for an argument Keras's loader would choke on."""
    params = inspect.signature(keras_loader(name)).parameters
    accepted = {p: v.default for p, v in params.items() if p != "path" and v.kind is not v.VAR_KEYWORD}
    unknown = sorted(set(kwargs) - set(accepted))
    if unknown:
        what = ", ".join(accepted) if accepted else "none"
        raise TypeError(
            f"load_dataset({name!r}) got unexpected keyword argument(s) {', '.join(unknown)}. "
            f"keras.datasets.{name}.load_data accepts: {what}."
        )
    for key, value in kwargs.items():
        problem = _problem(key, value)
        if problem:
            error, wanted = problem
            raise error(
                f"load_dataset({name!r}): {key} must be {wanted}; got {value!r}. "
                f"For example {key}={accepted[key]!r}, Keras's default."
            )


# --- Loading ---------------------------------------------------------------------------------


def load_dataset(name: str, *, banner: bool = True, **kwargs) -> LoadedDataset:
    """Load a dataset; unpacks like ``keras.datasets.<name>.load_data(**kwargs)``.

    Anything but Keras's own complete data shows a banner that says what it is
    (a warning outside notebooks); ``banner=False`` leaves that to the caller,
    who finds it in ``.banner``. Every call returns new arrays, yours to change.

    Example::

        (x_train, y_train), (x_test, y_test) = data = load_dataset("mnist")
        data.source   # "keras", "offline-subset" or "synthetic"
    """
    info = dataset_info(name)
    check_kwargs(name, kwargs)
    loader, files = keras_loader(name), keras_files(name)
    statuses = [f.status() for f in files]
    for f, status in zip(files, statuses):
        if status == "mismatch":
            raise cache.mismatch_error(f.name, f.subdir)
    why = "from your Keras cache"
    if "missing" in statuses and set(info.offline.keras_files) >= {f.name for f in files}:
        for f in files:
            cache.install_into_keras_cache(info.offline.keras_files[f.name], f.name, f.file_hash, f.subdir)
        statuses = ["ok"] * len(files)
        why = "its files came from the byte-identical copies shipped with Keras Tour"
    if all(s == "ok" for s in statuses):
        return _finish(info, "keras", _call_keras(loader, files, kwargs), why, banner)

    if cache.offline_mode():
        why = "KERASTOUR_OFFLINE is set, so no download was tried."
    else:
        try:
            data = _call_keras(loader, files, kwargs)
        except Exception as err:
            if not cache.is_download_failure(err):
                raise
            why = f"The download failed ({str(err).splitlines()[0][:120]}); connect to the internet for the real data."
        else:
            return _finish(info, "keras", data, "downloaded into your Keras cache", banner)
    from . import shipped

    data = getattr(shipped, info.offline.read)(**kwargs)
    return _finish(info, info.offline.source, data, why, banner)


def _finish(info, source, data, why, banner):
    note = (f"{info.title}: the complete dataset, through Keras's own loader ({why})." if source == "keras"
            else f"{info.title}: {info.offline.note}. {why}")
    result = LoadedDataset(*data, name=info.name, source=source, note=note)
    if banner and source != "keras":
        show(result.banner, stacklevel=4)
    return result


def show(banner: Banner, stacklevel: int = 2):
    """Display a banner in a notebook; elsewhere, warn."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is not None:
        from IPython.display import display

        display(banner)
    else:
        warnings.warn(repr(banner), OfflineDataWarning, stacklevel=stacklevel)


def load_word_index(name: str) -> dict:
    """Keras's real word index of ``imdb`` or ``reuters`` (both ship byte for byte), through Keras's own
    ``get_word_index``: ``load_word_index("imdb")["the"] == 1``."""
    info = dataset_info(name)
    if "word_index" not in info.extra:
        raise ValueError(f"{name!r} has no word index; only imdb and reuters do.")
    loader = keras_loader(name, "get_word_index")
    files = keras_files(name, "get_word_index")
    for f in files:
        cache.install_into_keras_cache(info.extra["word_index"], f.name, f.file_hash, f.subdir)
    return _call_keras(loader, files, {})


def _shapes_table() -> str:
    lines = ["", "Datasets (shapes as Keras's own loaders return them, with their defaults)::", ""]
    for info in DATASETS.values():
        x = "(n,) lists of word indices" if info.kind == "text" else str(("n",) + info.x_shape).replace("'", "")
        y = str(("n",) + info.y_shape).replace("'", "")
        lines.append(f"    {info.name:<19} train {info.train_size:>6,}  test {info.test_size:>6,}  x {x:<28} y {y}")
    return "\n".join(lines)


load_dataset.__doc__ += _shapes_table()
