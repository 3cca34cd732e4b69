"""The pretrained models of ``keras.applications``: look them up, and get their weights honestly.

``list_applications()`` and ``application_info(name)`` read the one table in
``registry``. ``install_shipped_weights()`` puts the real ImageNet weights that
ship with Keras Tour (MobileNet v1, alpha 0.25) into Keras's own cache, so that
``keras.applications.MobileNet(alpha=0.25, ...)`` works offline exactly as online.
``load_application(name, weights="imagenet", **kwargs)`` calls Keras's own
constructor and stands in front of the weights download:

* a weight file Keras Tour ships is first put, byte for byte, into Keras's cache;
* a file already in the cache is used as it is; one with the wrong hash is
  reported, and one Keras cannot read raises :class:`WeightsFileError` naming it
  (never deleted or overwritten);
* a missing file is downloaded by Keras, unless ``KERASTOUR_OFFLINE=1``; when the
  download fails, :class:`WeightsUnavailableError` names the file, where to put
  it, and that ``weights=None`` builds the architecture. Any other error is
  raised as it is, with the file named.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import os
import re
import warnings
import weakref
from pathlib import Path

from .. import cache
from .registry import APPLICATIONS, CLASS_INDEX, KERAS_MODEL_NAMES, SHIPPED, TABLE_SOURCE

# Which registry entry each model that load_application built belongs to (for preprocessing).
_APPLICATION_OF = weakref.WeakKeyDictionary()


class UnknownApplicationError(ValueError):
    """A model name that is not in ``keras.applications``."""


def _offline_configurations() -> str:
    return " and ".join(entry.call for entries in SHIPPED.values() for entry in entries)


def shown_cache_path(file_name: str, subdir: str = "models") -> str:
    """Where Keras keeps a file, as a reader should read it (``$KERAS_HOME/...`` or ``~/.keras/...``)."""
    home = os.environ.get("KERAS_HOME")
    if home and Path(os.path.expanduser(home)).resolve() == cache.keras_cache_dir().resolve():
        return f"$KERAS_HOME/{subdir}/{file_name}"
    return cache.shown_path(file_name, subdir)


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
            f"weights=None: keras.applications.{name}(weights=None). Offline, Keras Tour ships real "
            f"ImageNet weights only for {_offline_configurations()}."
        )


class WeightsFileError(cache.DataFileError):
    """A weights file in Keras's cache that Keras cannot load (truncated, corrupt, or another model's)."""

    def __init__(self, name: str, path, error: BaseException, shipped: bool):
        self.name, self.path, self.error = name, Path(path), error
        detail = (str(error).splitlines() or [""])[0][:200]
        again = ("Keras Tour then puts its own copy there" if shipped
                 else "Keras then downloads a fresh copy (or put a good copy there yourself)")
        super().__init__(
            f"Keras could not load the weights file {self.path} for {name} ({type(error).__name__}: {detail}). "
            f"The file is damaged (an interrupted download or copy) or holds another model's weights. "
            f"Keras Tour left it untouched. Move it away or delete it, then run again: {again}. "
            f"To build the architecture without it, pass weights=None."
        )


def list_applications(family: str | None = None) -> list:
    """The names of the models in ``keras.applications`` (optionally of one family), as the table orders them.

    Example::

        >>> kt.list_applications("VGG")
        ['VGG16', 'VGG19']
    """
    if family is None:
        return list(APPLICATIONS)
    families = sorted({info.family for info in APPLICATIONS.values()})
    if family not in families:
        raise UnknownApplicationError(f"Unknown family {family!r}. Choose one of: {', '.join(families)}.")
    return [name for name, info in APPLICATIONS.items() if info.family == family]


def application_info(name: str):
    """The registry's facts about one model (an :class:`~.registry.ApplicationInfo`).

    Example::

        >>> kt.application_info("InceptionV3").input_size
        299
    """
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
    """The registry as a pandas DataFrame, one row per model (published figures; NaN: not published).

    Example::

        >>> kt.applications_table().loc["ResNet50", "top1"]
        0.749
    """
    import pandas as pd

    rows = [{
        "model": info.name, "family": info.family, "input": info.input_size, "size_mb": info.size_mb,
        "top1": info.top1, "top5": info.top5, "params_m": info.params_m, "depth": info.depth,
        "cpu_ms": info.cpu_ms, "gpu_ms": info.gpu_ms, "preprocessing": info.preprocessing,
        "paper_year": info.year,
    } for info in APPLICATIONS.values()]
    table = pd.DataFrame(rows).set_index("model")
    table.attrs["source"] = TABLE_SOURCE
    return table


def install_class_index() -> Path:
    """Put Keras's ImageNet class index (shipped byte for byte) into Keras's cache; return its path."""
    shipped, name, md5 = CLASS_INDEX
    return Path(cache.install_into_keras_cache(shipped, name, md5, subdir="models"))


def install_shipped_weights() -> list:
    """Put the ImageNet weights Keras Tour ships into Keras's cache, where Keras's constructors look.

    Afterwards ``keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))``
    and ``keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3))``
    find their weights without a download, and ``decode_predictions`` its class
    index. A file already there is kept. Returns the paths in Keras's cache.

    Example::

        >>> paths = kt.install_shipped_weights()
        >>> model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))
    """
    paths = [Path(cache.install_into_keras_cache(entry.data_file, entry.keras_file, None, "models"))
             for entries in SHIPPED.values() for entry in entries]
    return paths + [install_class_index()]


class _WeightsGuard:
    """Stands in front of ``get_file`` while a constructor runs: ship, check, or explain each weights file."""

    def __init__(self, info):
        self.info = info
        self.handed_out = []  # (path, shipped?) of the files Keras was given to load

    def __call__(self, keras_file, arguments, fetch):
        info, name = self.info, keras_file.name
        shipped = info.shipped_weights.get(name)
        if shipped:
            cache.install_into_keras_cache(shipped, name, None, keras_file.subdir)
        status = cache.cache_status(name, keras_file.file_hash, keras_file.subdir)
        if status == "mismatch":
            raise cache.mismatch_error(name, keras_file.subdir)
        path = cache.cache_path(name, keras_file.subdir)
        if status == "missing":
            if cache.offline_mode():
                raise WeightsUnavailableError(
                    info.name, name, keras_file.origin, path, "KERASTOUR_OFFLINE is set, so no download was tried")
            print(f"Downloading {name} for {info.name} into {path.parent} ...")
            try:
                with cache.quiet_keras():
                    fetched = fetch()
            except Exception as err:
                if cache.is_download_failure(err):  # only a failed download becomes "unavailable"
                    reason = f"the download failed ({(str(err).splitlines() or [''])[0][:160]})"
                    raise WeightsUnavailableError(info.name, name, keras_file.origin, path, reason) from err
                err.add_note(f"(Keras Tour: this happened while Keras fetched {name} into {path}.)")
                raise
        else:
            fetched = fetch()
        self.handed_out.append((Path(fetched), bool(shipped)))
        return fetched


def load_application(name: str, weights="imagenet", **kwargs):
    """Build ``keras.applications.<name>(weights=weights, **kwargs)``, with clear errors about weights.

    Offline, real ImageNet weights ship for MobileNet v1 with alpha 0.25; any
    other model needs its weights in Keras's cache (Keras downloads them when
    online); ``weights=None`` builds the architecture with random weights.

    Example::

        >>> model = kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))
        >>> base = kt.load_application("MobileNet", alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    """
    info = application_info(name)
    import keras

    constructor = getattr(keras.applications, info.name)
    with warnings.catch_warnings():
        if kwargs.get("input_shape") is None:  # Keras warns that it uses the default size: that is what was asked
            warnings.filterwarnings("ignore", message=r"`input_shape` is undefined or non-square")
        if isinstance(weights, str) and weights == "imagenet":
            guard = _WeightsGuard(info)
            try:
                with cache.intercept_get_file(guard):
                    model = constructor(weights="imagenet", **kwargs)
            except (OSError, ValueError, KeyError) as err:
                if not guard.handed_out:  # a bad argument, before any file: Keras's own error is the clear one
                    raise
                path, shipped = guard.handed_out[-1]
                raise WeightsFileError(info.name, path, err, shipped) from err
            if kwargs.get("include_top", True):
                install_class_index()  # so that Keras's decode_predictions works offline too
        else:
            model = constructor(weights=weights, **kwargs)
    _APPLICATION_OF[model] = info.name
    return model


def _keras_default_names() -> dict:
    """The name Keras gives each application's model: its constructor's default, or a pattern from the registry."""
    import keras

    names = {}
    for name in APPLICATIONS:
        default = inspect.signature(getattr(keras.applications, name)).parameters["name"].default
        if isinstance(default, str) and default:
            names[name] = re.escape(default)
    names.update(KERAS_MODEL_NAMES)
    return names


def application_of(model) -> str | None:
    """The ``keras.applications`` model that ``model`` is, or ``None`` when it cannot be told.

    A model built by :func:`load_application` is remembered; one built with Keras
    alone is recognised by the name Keras gave it (``"mobilenet_0.25_128"``,
    ``"resnet50"``); a model renamed by its author is not recognised.

    Example::

        >>> kt.pretrained.models.application_of(keras.applications.ResNet50(weights=None))
        'ResNet50'
    """
    if model in _APPLICATION_OF:
        return _APPLICATION_OF[model]
    model_name = getattr(model, "name", "")
    for name, pattern in _keras_default_names().items():
        if re.fullmatch(pattern, model_name):
            return name
    return None


def preprocess_module(name: str):
    """The ``keras.applications.<module>`` that holds ``preprocess_input`` and ``decode_predictions`` for ``name``."""
    return importlib.import_module(f"keras.applications.{application_info(name).module}")
