"""Look up ``keras.applications`` models, and get their ImageNet weights honestly, offline too."""

from __future__ import annotations

import difflib
import functools
import os
import warnings
from pathlib import Path

from .. import cache
from .registry import APPLICATIONS, CLASS_INDEX, TABLE_SOURCE


class UnknownApplicationError(ValueError):
    """A model name that is not in ``keras.applications``."""


def shown_cache_path(file_name: str, subdir: str = "models") -> str:
    """Where Keras keeps a file, as a reader should read it (``$KERAS_HOME/...`` or ``~/.keras/...``)."""
    home = os.environ.get("KERAS_HOME")
    if home and Path(home).expanduser().resolve() == cache.keras_cache_dir().resolve():
        return f"$KERAS_HOME/{subdir}/{file_name}"
    return cache.shown_path(file_name, subdir)


class WeightsUnavailableError(RuntimeError):
    """ImageNet weights that are neither in Keras's cache nor shipped, and cannot be downloaded."""

    def __init__(self, name: str, file_name: str, origin: str, path, reason: str):
        self.name, self.file_name, self.origin, self.path, self.reason = name, file_name, origin, path, reason
        offline = " and ".join(entry.call for info in APPLICATIONS.values() for entry in info.shipped)
        super().__init__(
            f"No ImageNet weights for {name}: Keras needs the file {file_name}, which is not in Keras's cache, and "
            f"{reason}. To use the real weights, download {origin} and put it at {shown_cache_path(file_name)} (or "
            "connect to the internet, unset KERASTOUR_OFFLINE, and run again: Keras downloads it there itself). To "
            f"build the same architecture with random weights, pass weights=None: keras.applications.{name}"
            f"(weights=None). Offline, Keras Tour ships real ImageNet weights only for {offline}."
        )


class WeightsFileError(cache.DataFileError):
    """A weights file in Keras's cache that Keras cannot load (truncated, corrupt, or another model's)."""

    def __init__(self, name: str, path, shipped: bool, error: BaseException):
        self.name, self.path, self.error = name, Path(path), error
        again = "Keras Tour then puts its own copy there" if shipped else (
            "Keras then downloads a fresh copy (or put a good copy there yourself)")
        super().__init__(
            f"Keras could not load the weights file {self.path} for {name} ({type(error).__name__}: "
            f"{(str(error).splitlines() or [''])[0][:200]}). The file is damaged (an interrupted download or copy) "
            f"or holds another model's weights. Keras Tour left it untouched. Move it away or delete it, then run "
            f"again: {again}. To build the architecture without it, pass weights=None."
        )


def application_info(name: str):
    """The registry's facts about one model (an :class:`~.registry.ApplicationInfo`), by name in any case. Example::

        >>> kt.application_info("InceptionV3").input_size
        299
    """
    by_lower = {key.lower(): info for key, info in APPLICATIONS.items()}
    if isinstance(name, str) and name.lower() in by_lower:
        return by_lower[name.lower()]
    close = difflib.get_close_matches(str(name), list(APPLICATIONS), n=3)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    raise UnknownApplicationError(f"Unknown application {name!r}.{hint} Choose one of: {', '.join(APPLICATIONS)}.")


def applications_table():
    """The registry as a pandas DataFrame, one row per model (published figures; NaN: not published). Example::

        >>> kt.applications_table().loc["ResNet50", "top1"]
        0.749
    """
    import pandas as pd

    table = pd.DataFrame([info._asdict() for info in APPLICATIONS.values()]).set_index("name").rename_axis("model")
    table = table.drop(columns=["module", "arxiv", "shipped"]).rename(columns={"input_size": "input"})
    table.attrs["source"] = TABLE_SOURCE
    return table


def install_shipped_weights() -> list:
    """Put the ImageNet weights and class index Keras Tour ships into Keras's cache (a file there is kept). Example::

        >>> paths = kt.install_shipped_weights()
        >>> model = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))
    """
    files = [(entry.data_file, entry.keras_file, None) for info in APPLICATIONS.values() for entry in info.shipped]
    return [Path(cache.install_into_keras_cache(*file, subdir="models")) for file in files + [CLASS_INDEX]]


def _get_weights(info, handed_out: list, keras_file, arguments, fetch):
    """Keras's ``get_file`` for one weights file: check it, or say why it cannot be had."""
    name, subdir, origin = keras_file.name, keras_file.subdir, keras_file.origin
    status, path = cache.cache_status(name, keras_file.file_hash, subdir), cache.cache_path(name, subdir)
    if status == "mismatch":
        raise cache.mismatch_error(name, subdir)
    if status == "missing" and cache.offline_mode():
        reason = "KERASTOUR_OFFLINE is set, so no download was tried"
        raise WeightsUnavailableError(info.name, name, origin, path, reason)
    if status == "missing":
        print(f"Downloading {name} for {info.name} into {path.parent} ...")
    try:
        with cache.quiet_keras():
            fetched = fetch()
    except Exception as err:
        if cache.is_download_failure(err):  # only a failed download becomes "unavailable"
            reason = f"the download failed ({(str(err).splitlines() or [''])[0][:160]})"
            raise WeightsUnavailableError(info.name, name, origin, path, reason) from err
        err.add_note(f"(Keras Tour: this happened while Keras fetched {name} into {path}.)")
        raise
    handed_out.append((Path(fetched), any(entry.keras_file == name for entry in info.shipped)))
    return fetched


def load_application(name: str, weights="imagenet", **kwargs):
    """``keras.applications.<name>(weights=weights, **kwargs)``, with the shipped weights and clear errors. Example::

        >>> model = kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))
    """
    import keras

    info = application_info(name)
    constructor = getattr(keras.applications, info.name)
    with warnings.catch_warnings():
        if kwargs.get("input_shape") is None:  # Keras warns that it uses the default size: that is what was asked
            warnings.filterwarnings("ignore", message=r"`input_shape` is undefined or non-square")
        if not (isinstance(weights, str) and weights == "imagenet"):
            return constructor(weights=weights, **kwargs)
        install_shipped_weights()
        handed_out = []  # (path, shipped?) of each file Keras was given to load
        try:
            with cache.intercept_get_file(functools.partial(_get_weights, info, handed_out)):
                return constructor(weights="imagenet", **kwargs)
        except (OSError, ValueError, KeyError) as err:
            if not handed_out:  # a bad argument, before any file: Keras's own error is the clear one
                raise
            raise WeightsFileError(info.name, *handed_out[-1], err) from err
