"""Look up ``keras.applications`` models, and get their ImageNet weights honestly, offline too."""

import functools
import os
import warnings
from pathlib import Path

from .. import cache
from ..display import UnknownNameError, choose
from .registry import APPLICATIONS, CLASS_INDEX, TABLE_SOURCE

UnknownApplicationError = UnknownNameError  # a model name that is not in keras.applications


class WeightsUnavailableError(RuntimeError):
    """ImageNet weights that are neither in Keras's cache nor shipped, and cannot be downloaded."""

    def __init__(self, name: str, file_name: str, origin: str, path, reason: str):
        self.name, self.file_name, self.origin, self.path = name, file_name, origin, path
        home = os.environ.get("KERAS_HOME")  # shown as $KERAS_HOME while Keras (at import) used it
        ours = home and Path(home).expanduser().resolve() == cache.keras_cache_dir().resolve()
        shown = f"$KERAS_HOME/models/{file_name}" if ours else cache.shown_path(file_name, "models")
        offline = " and ".join(item.call for info in APPLICATIONS.values() for item in info.shipped)
        super().__init__(f"No ImageNet weights for {name}: Keras needs {file_name}, not in its cache, and "
                         f"{reason}. Download {origin} to {shown} (or connect to the internet, unset "
                         "KERASTOUR_OFFLINE and run again: Keras downloads it there itself), or build the "
                         f"architecture with random weights: keras.applications.{name}(weights=None). Offline, "
                         f"Keras Tour ships real ImageNet weights only for {offline}.")


class WeightsFileError(cache.DataFileError):
    """A weights file in Keras's cache that Keras cannot load (cut off, corrupt, or another's)."""

    def __init__(self, name: str, path, shipped: bool, error: BaseException):
        self.name, self.path, self.error = name, Path(path), error
        again = "Keras Tour then puts its own copy there" if shipped else "Keras then downloads a fresh copy (or put a good copy there yourself)"
        super().__init__(
            f"Keras could not load the weights file {self.path} for {name} ({type(error).__name__}: "
            f"{(str(error).splitlines() or [''])[0][:200]}). It is damaged (an interrupted download or copy) or "
            f"another model's; Keras Tour left it untouched. Move it away or delete it, then run again: {again}. "
            "Or pass weights=None to build the architecture without it.")


def application_info(name: str):
    """One model's ``ApplicationInfo``, by name, any case: ``kt.application_info("InceptionV3").input_size == 299``."""
    return choose(name, APPLICATIONS, "application")


def applications_table():
    """Models as a DataFrame (NaN: unpublished): ``kt.applications_table().loc["ResNet50", "top1"] == 0.749``."""
    import pandas as pd

    table = pd.DataFrame(list(APPLICATIONS.values())).set_index("name").rename_axis("model")
    table = table.drop(columns=["module", "paper", "preprocess_function", "shipped"])
    table.attrs["source"] = TABLE_SOURCE
    return table.rename(columns={"input_size": "input"})


def install_shipped_weights() -> list:
    """Copy the shipped weights and class index into Keras's cache (files there are kept); then
    ``keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3))`` works offline."""
    files = [(f"{name.lower()}/{item.keras_file}", item.keras_file, None)
             for name, info in APPLICATIONS.items() for item in info.shipped] + [CLASS_INDEX]
    return [Path(cache.install_into_keras_cache(*file, subdir="models")) for file in files]


def _get_weights(info, handed_out: list, wanted, arguments, fetch):
    """Keras's ``get_file`` for one weights file: check it, or say why it cannot be had."""
    name, status, path = wanted.name, wanted.status(), wanted.path
    if status == "mismatch":
        raise cache.mismatch_error(name, wanted.subdir)
    unavailable = functools.partial(WeightsUnavailableError, info.name, name, wanted.origin, path)
    if status == "missing" and cache.offline_mode():
        raise unavailable("KERASTOUR_OFFLINE is set, so no download was tried")
    if status == "missing":
        print(f"Downloading {name} for {info.name} into {path.parent} ...")
    cache.check_unhashed(wanted, info.name, stacklevel=2)  # Keras checks no hash for MobileNet v1's
    try:
        with cache.quiet_keras():
            fetched = fetch()
    except Exception as err:
        if cache.is_download_failure(err):  # only a failed download becomes "unavailable"; its error is chained
            raise unavailable("Keras could not download it here (kt.doctor() says why)") from err
        err.add_note(f"(Keras Tour: this happened while Keras fetched {name} into {path}.)")
        raise
    handed_out.append((Path(fetched), any(item.keras_file == name for item in info.shipped)))
    return fetched


def load_application(name: str, weights="imagenet", **kwargs):
    """``keras.applications.<name>(weights=weights, **kwargs)``, clear errors included; the model
    remembers its application (``model.kerastour_application``) for :func:`classify`:
    ``kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))``."""
    import keras

    info = application_info(name)
    constructor = getattr(keras.applications, info.name)
    with warnings.catch_warnings():
        if kwargs.get("input_shape") is None:  # Keras warns that it uses the default size, as asked
            warnings.filterwarnings("ignore", message=r"`input_shape` is undefined or non-square")
        if weights != "imagenet":
            model = constructor(weights=weights, **kwargs)
        else:
            install_shipped_weights()
            handed_out = []  # (path, shipped?) of each file Keras was given to load
            try:
                with cache.intercept_get_file(functools.partial(_get_weights, info, handed_out)):
                    model = constructor(weights="imagenet", **kwargs)
            except (OSError, ValueError, KeyError) as err:
                if not handed_out:  # a bad argument, before any file: Keras's own error is clear
                    raise
                raise WeightsFileError(info.name, *handed_out[-1], err) from err
    model.kerastour_application = info.name
    return model
