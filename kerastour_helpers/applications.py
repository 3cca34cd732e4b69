"""The pretrained models of ``keras.applications``: look them up, and load them honestly.

``list_applications()`` and ``application_info(name)`` read the one table in
``application_registry``. ``load_application(name, weights="imagenet", **kwargs)``
calls Keras's own constructor. Keras fetches ImageNet weights with
``keras.utils.get_file``; while the constructor runs, Keras Tour stands in front
of that call:

* a weight file Keras Tour ships (MobileNet v1, alpha 0.25) is first put, byte
  for byte, into Keras's cache, where Keras then finds it;
* a file already in the cache is used as it is (one with the wrong hash is
  reported, never deleted or overwritten);
* a missing file is downloaded by Keras, unless ``KERASTOUR_OFFLINE=1``; when it
  cannot be had, :class:`WeightsUnavailableError` names the file, where to put
  it, and that ``weights=None`` builds the architecture.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import inspect
import warnings
import weakref

from . import files
from .application_registry import APPLICATIONS, CLASS_INDEX, OFFLINE_CONFIGURATIONS, TABLE_SOURCE

# Which registry entry each model that load_application built belongs to (for preprocessing).
_APPLICATION_OF = weakref.WeakKeyDictionary()


class UnknownApplicationError(ValueError):
    """A model name that is not in ``keras.applications``."""


class WeightsUnavailableError(RuntimeError):
    """ImageNet weights that are neither in Keras's cache nor shipped, and cannot be downloaded."""

    def __init__(self, name: str, file_name: str, origin: str, path, reason: str):
        self.name, self.file_name, self.origin, self.path, self.reason = name, file_name, origin, path, reason
        self.shown_path = shown_cache_path(file_name)
        super().__init__(
            f"No ImageNet weights for {name}: Keras needs the file {file_name}, which is not in "
            f"Keras's cache, and {reason}. To use the real weights, download {origin} and put it at "
            f"{self.shown_path} (or connect to the internet, unset KERASTOUR_OFFLINE, and run again: Keras "
            f"downloads it there itself). To build the same architecture with random weights, pass "
            f"weights=None: load_application({name!r}, weights=None). Offline, Keras Tour ships real "
            f"ImageNet weights only for {OFFLINE_CONFIGURATIONS}."
        )


def shown_cache_path(file_name: str) -> str:
    """Where Keras keeps a weight file, as the reader should read it (not this machine's absolute path)."""
    import os

    root = "$KERAS_HOME" if os.environ.get("KERAS_HOME") else "~/.keras"
    return f"{root}/models/{file_name}"


def list_applications(family: str | None = None) -> list:
    """The names of the models in ``keras.applications`` (optionally of one family), as the table orders them."""
    if family is None:
        return list(APPLICATIONS)
    families = sorted({info.family for info in APPLICATIONS.values()})
    if family not in families:
        raise UnknownApplicationError(f"Unknown family {family!r}. Choose one of: {', '.join(families)}.")
    return [name for name, info in APPLICATIONS.items() if info.family == family]


def application_info(name: str):
    """The registry's facts about one model (an :class:`~.application_registry.ApplicationInfo`)."""
    if isinstance(name, str):
        if name in APPLICATIONS:
            return APPLICATIONS[name]
        by_lower = {key.lower(): key for key in APPLICATIONS}
        if name.lower() in by_lower:
            return APPLICATIONS[by_lower[name.lower()]]
    close = difflib.get_close_matches(str(name), list(APPLICATIONS), n=3)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise UnknownApplicationError(
        f"Unknown application {name!r}.{hint} Choose one of: {', '.join(APPLICATIONS)}."
    ) from None


def applications_table():
    """The registry as a pandas DataFrame, one row per model (published figures; NaN: not published)."""
    import pandas as pd

    rows = []
    for info in APPLICATIONS.values():
        rows.append({
            "model": info.name, "family": info.family, "input": info.input_size, "size_mb": info.size_mb,
            "top1": info.top1, "top5": info.top5, "params_m": info.params_m, "depth": info.depth,
            "cpu_ms": info.cpu_ms, "gpu_ms": info.gpu_ms, "preprocessing": info.preprocessing,
            "paper_year": info.year, "seed": info.in_seed,
        })
    table = pd.DataFrame(rows).set_index("model")
    table.attrs["source"] = TABLE_SOURCE
    return table


def _file_utils():
    """Keras's module whose ``get_file`` the application constructors call for their weights."""
    return importlib.import_module("keras.src.utils.file_utils")


@contextlib.contextmanager
def _weights_guard(info):
    """While a constructor runs: ship, check, or explain the weight files Keras asks for."""
    try:
        module = _file_utils()
    except ImportError:  # another Keras layout: Keras's own download (and its own errors) then apply
        yield
        return
    real_get_file = module.get_file
    signature = inspect.signature(real_get_file)

    def guarded_get_file(*args, **kwargs):
        arguments = signature.bind(*args, **kwargs).arguments
        file_name, origin = arguments.get("fname"), arguments.get("origin")
        subdir = arguments.get("cache_subdir", "datasets")
        file_hash = arguments.get("file_hash") or arguments.get("md5_hash")
        if arguments.get("cache_dir") is not None or not file_name:  # not the usual weights fetch: leave it alone
            return real_get_file(*args, **kwargs)
        shipped = info.shipped_weights.get(file_name)
        if shipped:
            files.install_into_keras_cache(shipped, file_name, None, subdir)
        status = files.cache_status(file_name, file_hash, subdir)
        if status == "mismatch":
            raise files.mismatch_error(file_name, subdir)
        path = files.cache_path(file_name, subdir)
        if status == "missing":
            if files.offline_mode():
                raise WeightsUnavailableError(
                    info.name, file_name, origin, path, "KERASTOUR_OFFLINE is set, so no download was tried"
                )
            print(f"Downloading {file_name} for {info.name} into {path.parent} ...")
            try:
                with files.quiet_keras():
                    return real_get_file(*args, **kwargs)
            except Exception as err:  # Keras raises a bare Exception ("URL fetch failure") offline
                reason = f"the download failed ({str(err).splitlines()[0][:160]})"
                raise WeightsUnavailableError(info.name, file_name, origin, path, reason) from err
        return real_get_file(*args, **kwargs)

    module.get_file = guarded_get_file
    try:
        yield
    finally:
        module.get_file = real_get_file


def load_application(name: str, weights="imagenet", **kwargs):
    """Build ``keras.applications.<name>(weights=weights, **kwargs)``, with clear errors about weights.

    Offline, real ImageNet weights ship for MobileNet v1 with alpha 0.25::

        load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))          # with classifier
        load_application("MobileNet", alpha=0.25, include_top=False, input_shape=(224, 224, 3))

    Any other model needs its weights in Keras's cache (Keras downloads them when
    online); ``weights=None`` builds the architecture with random weights.
    """
    info = application_info(name)
    import keras

    constructor = getattr(keras.applications, info.name)
    with warnings.catch_warnings():
        if kwargs.get("input_shape") is None:  # Keras warns that it uses the default size: that is what was asked
            warnings.filterwarnings("ignore", message=r"`input_shape` is undefined or non-square")
        if isinstance(weights, str) and weights == "imagenet":
            with _weights_guard(info):
                model = constructor(weights="imagenet", **kwargs)
            if kwargs.get("include_top", True):
                install_class_index()  # so that Keras's decode_predictions works offline too
        else:
            model = constructor(weights=weights, **kwargs)
    _APPLICATION_OF[model] = info.name
    return model


def install_class_index():
    """Put Keras's ImageNet class index (shipped byte for byte) into Keras's cache; return its path."""
    shipped, name, md5 = CLASS_INDEX
    return files.install_into_keras_cache(shipped, name, md5, subdir="models")


def application_of(model) -> str | None:
    """The registry name of a model built by :func:`load_application` (``None`` for any other model)."""
    return _APPLICATION_OF.get(model)
