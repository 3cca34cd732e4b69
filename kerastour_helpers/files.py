"""Files: the real data shipped in this package, and Keras's own cache.

Two rules keep a reader's data safe:

* a shipped file is used only after its sha256 matches ``data/SHA256SUMS``;
* a file is put into Keras's cache only when Keras's own hash for it matches,
  and never over an existing file. A cached file with the wrong hash is
  reported, never deleted (Keras itself would delete it after a failed
  re-download).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFileError(RuntimeError):
    """A data file is missing, truncated or corrupt. The message names the fix."""


def offline_mode() -> bool:
    """True when ``KERASTOUR_OFFLINE`` asks never to try a download (tests and CI set it)."""
    return os.environ.get("KERASTOUR_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def hash_file(path, algorithm: str) -> str:
    hasher = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def hash_algorithm(expected: str) -> str:
    """Keras's rule: 64 hex digits are sha256, anything else md5."""
    return "sha256" if len(expected) == 64 else "md5"


def hash_matches(path, expected: str) -> bool:
    return hash_file(path, hash_algorithm(expected)) == expected


@functools.lru_cache(maxsize=1)
def _shipped_sums() -> dict:
    sums = {}
    for line in (DATA_DIR / "SHA256SUMS").read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip().removeprefix("./")] = digest
    return sums


def shipped_file(relative: str) -> Path:
    """The path of a data file shipped with Keras Tour, checked against its sha256."""
    path = DATA_DIR / relative
    expected = _shipped_sums().get(relative)
    if expected is None:
        raise DataFileError(f"{relative} is not one of Keras Tour's data files.")
    if not path.is_file():
        raise DataFileError(
            f"Keras Tour's data file {path} is missing. Reinstall the package "
            "(`pip install -e .` in the repository) or restore it with "
            f"`git checkout -- {path}`."
        )
    if hash_file(path, "sha256") != expected:
        raise DataFileError(
            f"Keras Tour's data file {path} is corrupt or truncated (its sha256 "
            "does not match data/SHA256SUMS). Restore it with "
            f"`git checkout -- {path}` or reinstall the package; nothing was deleted."
        )
    return path


def keras_cache_dir() -> Path:
    """Where Keras keeps downloads: ``$KERAS_HOME``, else ``~/.keras``.

    Like Keras, fall back to ``/tmp/.keras`` when that folder is not writable.
    """
    base = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp", ".keras")
    return Path(base)


def cache_path(name: str, subdir: str = "datasets") -> Path:
    return keras_cache_dir() / subdir / name


def cache_status(name: str, file_hash: str | None, subdir: str = "datasets") -> str:
    """``"ok"``, ``"missing"`` or ``"mismatch"`` for one file in Keras's cache."""
    path = cache_path(name, subdir)
    if not path.is_file():
        return "missing"
    if file_hash is None or hash_matches(path, file_hash):
        return "ok"
    return "mismatch"


def mismatch_error(name: str, subdir: str = "datasets") -> DataFileError:
    path = cache_path(name, subdir)
    return DataFileError(
        f"{path} is in Keras's cache but its hash is not the one Keras expects "
        "(an interrupted download, or another version of the file). Keras Tour "
        "left it untouched. Move it away or delete it yourself, then run again: "
        "Keras will download a fresh copy, or Keras Tour will use its offline data."
    )


@contextlib.contextmanager
def quiet_keras():
    """Silence Keras's own progress messages (downloads, progress bars)."""
    import keras

    was_on = keras.config.is_interactive_logging_enabled()
    keras.config.disable_interactive_logging()
    try:
        yield
    finally:
        if was_on:
            keras.config.enable_interactive_logging()


def install_into_keras_cache(shipped: str, name: str, file_hash: str | None, subdir: str = "datasets") -> Path:
    """Put a shipped, byte-identical copy of a Keras file where Keras looks for it.

    Keras's own ``get_file`` does the copy (from a ``file://`` address) and
    checks the hash, exactly as for a download. Where Keras checks no hash
    (``file_hash=None``, e.g. MobileNet weights), the shipped file's sha256 is
    checked instead. Nothing is overwritten: a file already there is kept when
    right and reported when wrong.
    """
    source = shipped_file(shipped)
    expected = file_hash or _shipped_sums()[shipped]
    status = cache_status(name, expected, subdir)
    if status == "ok":
        return cache_path(name, subdir)
    if status == "mismatch":
        if file_hash is None:  # Keras checks nothing here: a different file is the user's business
            return cache_path(name, subdir)
        raise mismatch_error(name, subdir)
    if not hash_matches(source, expected):
        raise DataFileError(f"{source} is not the file Keras expects for {name}; nothing was copied.")
    import keras

    folder, _, fname = f"{subdir}/{name}".rpartition("/")
    with quiet_keras():
        fetched = keras.utils.get_file(
            fname, origin=source.as_uri(), file_hash=expected, cache_subdir=folder, cache_dir=str(keras_cache_dir())
        )
    return Path(fetched)
