"""``load_dataset`` runs Keras's loader when its files are in Keras's cache, can be put there from the shipped
byte-identical copies, or downloaded (not with ``KERASTOUR_OFFLINE=1``); else it reads the real data that ships
(``source="offline-subset"``) or CIFAR-100's stand-in (``"synthetic"``). Only a failed download falls back."""

import functools
import importlib
import inspect
import numbers
import pickle
import zipfile

from .. import cache
from ..display import Banner, UnknownNameError, choose, show
from . import shipped
from .registry import DATASETS
from .text import no_sequence_kept

UnknownDatasetError = UnknownNameError  # a dataset name that is not in the registry


class OfflineDataWarning(UserWarning):
    """The data loaded is not Keras's complete dataset (outside a notebook, the banner is this warning)."""


def list_datasets() -> list:
    """The names of Keras's datasets, in the book's order: ``list_datasets()[:2]`` is Boston, California."""
    return list(DATASETS)


def dataset_info(name: str):
    """The registry's facts about one dataset: ``dataset_info("reuters").num_classes == 46``."""
    return choose(name, DATASETS, "dataset")


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
        return f"LoadedDataset({self.name!r}, source={self.source!r}, train={len(self[0][0]):,}, test={len(self[1][0]):,})"


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
    except ValueError as err:
        if kwargs.get("maxlen") and str(err).startswith("max()"):  # max() over no sequence (any Python)
            raise no_sequence_kept(kwargs["maxlen"]) from err
        problem = err
    except (OSError, EOFError, zipfile.BadZipFile, pickle.UnpicklingError, KeyError) as err:
        problem = err
    raise cache.DataFileError(
        f"Keras's {loader.__module__.replace('keras.src.', 'keras.')}.{loader.__name__} could not read "
        f"{', '.join(str(f.path) for f in files)} ({type(problem).__name__}: {problem}). The file is damaged "
        "or not Keras's: move it away and run again (Keras downloads a fresh copy; offline, Keras Tour uses "
        "its own data). Nothing was deleted.") from problem


# --- Keras's keyword arguments, checked before they reach Keras ------------------------------
_INT = numbers.Integral
RULES = {  # name: (kind, smallest value, None allowed) for numbers; a tuple of choices otherwise
    "seed": (_INT, None, False), "num_words": (_INT, 1, True), "maxlen": (_INT, 1, True), "skip_top": (_INT, 0, False),
    "index_from": (_INT, 0, False), "start_char": (_INT, 0, True), "oov_char": (_INT, 0, True),
    "test_split": (numbers.Real, 0, False), "label_mode": ("fine", "coarse"), "version": ("large", "small")}


def _problem(key, value):
    """``(error class, what is wanted)`` when ``value`` will not do for ``key``, else None."""
    rule = RULES.get(key, (object, None, True))
    if isinstance(rule[0], str):
        return None if value in rule else (ValueError, " or ".join(repr(c) for c in rule))
    kind, minimum, optional = rule
    if (value is None and optional) or kind is object:
        return None
    wanted = "a fraction from 0 up to (not including) 1" if key == "test_split" else (
        ("None or " if optional else "") + ("a whole number" if kind is _INT else "a number")
        + ("" if minimum is None else f" of {minimum} or more"))
    if isinstance(value, bool) or not isinstance(value, kind):
        return TypeError, wanted
    if (minimum is not None and not value >= minimum) or (key == "test_split" and not value < 1):  # NaN too
        return ValueError, wanted
    return None


def check_kwargs(name: str, kwargs: dict) -> None:
    """Raise a clear TypeError/ValueError for an argument Keras's loader would choke on."""
    params = inspect.signature(keras_loader(name)).parameters
    accepted = {p: v.default for p, v in params.items() if v.kind is not v.VAR_KEYWORD}
    unknown = sorted(set(kwargs) - set(accepted) | set(kwargs) & {"path"})
    if unknown:
        takes = ", ".join(p for p in accepted if p != "path") or "no keyword argument"
        raise TypeError(
            f"load_dataset({name!r}) got unexpected keyword argument(s) {', '.join(unknown)}; it takes {takes}."
            + (f" Keras's path= names its file in Keras's cache: load_dataset keeps Keras's {accepted['path']!r} "
               f"to check and install it; for a file of your own, call keras.datasets.{name}.load_data(path=...)."
               if "path" in unknown else ""))
    for key, value in kwargs.items():
        if problem := _problem(key, value):
            error, wanted = problem
            raise error(f"load_dataset({name!r}): {key} must be {wanted}; got {value!r}. "
                        f"For example {key}={accepted[key]!r}, Keras's default.")


# --- Loading ---------------------------------------------------------------------------------
WITH_A_NETWORK = "on a network, the same call loads Keras's complete dataset."


def load_dataset(name: str, *, banner: bool = True, **kwargs) -> LoadedDataset:
    """Like ``keras.datasets.<name>.load_data(**kwargs)``: ``(x_train, y_train), (x_test, y_test) = data =
    load_dataset("mnist")`` (new arrays, yours); ``data.source``: "keras", "offline-subset" or "synthetic".
    A banner marks all but Keras's complete data (a warning outside notebooks; ``banner=False``: only ``.banner``)."""
    info = dataset_info(name)
    check_kwargs(info.name, kwargs)
    loader, files = keras_loader(info.name), keras_files(info.name)
    statuses = [f.status() for f in files]
    for f, status in zip(files, statuses):
        if status == "mismatch":
            raise cache.mismatch_error(f.name, f.subdir)
        cache.check_unhashed(f, info.name)
    if "missing" in statuses and set(info.offline.keras_files) >= {f.name for f in files}:
        for f in files:
            cache.install_into_keras_cache(info.offline.keras_files[f.name], f.name, f.file_hash, f.subdir)
        statuses = ["ok"] * len(files)
    if all(s == "ok" for s in statuses):  # the same note whatever put the files there (stable whatever ran before)
        return _finish(info, "keras", _call_keras(loader, files, kwargs), None, banner)

    if cache.offline_mode():
        why = f"Downloads are off here (KERASTOUR_OFFLINE=1); without it, {WITH_A_NETWORK}"
    else:
        try:
            data = _call_keras(loader, files, kwargs)
        except Exception as err:
            if not cache.is_download_failure(err):
                raise
            why = f"Keras could not download its files here (kt.doctor() says why); {WITH_A_NETWORK}"
        else:
            return _finish(info, "keras", data, None, banner)
    data = getattr(shipped, info.offline.read)(**kwargs)
    return _finish(info, info.offline.source, data, why, banner)


def _finish(info, source, data, why, banner):
    note = (f"{info.title}: the complete dataset, read by Keras's own loader from Keras's cache." if source == "keras"
            else f"{info.title}: {info.offline.note}. {why}")
    result = LoadedDataset(*data, name=info.name, source=source, note=note)
    if banner and source != "keras":
        show(result.banner, OfflineDataWarning, stacklevel=3)
    return result


def load_word_index(name: str) -> dict:
    """Keras's real word index of ``imdb`` or ``reuters`` (both ship byte for byte), through Keras's own
    ``get_word_index``: ``load_word_index("imdb")["the"] == 1``."""
    info = choose(name, {n: i for n, i in DATASETS.items() if "word_index" in i.extra}, "dataset with a word index")
    loader, files = keras_loader(info.name, "get_word_index"), keras_files(info.name, "get_word_index")
    for f in files:
        cache.install_into_keras_cache(info.extra["word_index"], f.name, f.file_hash, f.subdir)
    return _call_keras(loader, files, {})
