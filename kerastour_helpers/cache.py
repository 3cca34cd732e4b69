"""Keras's cache, and the real files Keras Tour ships for it: everything about files in one place.

Keras decides where its cache is (``KERAS_HOME``, read once when Keras is
imported, else ``~/.keras``; ``~`` expanded; ``/tmp/.keras`` when the folder is
not writable) and which hash each file must have (each loader passes its own to
``keras.utils.get_file``). This module asks Keras instead of deciding again, so
that the two can never disagree about a file. Its rules:

* a shipped file is used only after its sha256 matches ``data/SHA256SUMS``;
* a file is put into Keras's cache only when its hash is the one Keras checks,
  atomically (a second process never sees half a file), and never over an
  existing file;
* a cached file with the wrong hash is reported, never deleted or overwritten
  (Keras itself would delete it after a failed re-download).

Where Keras's private layout (``keras.src...``) is not what this module
expects, :class:`KerasLayoutError` says so at once instead of guessing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import os
import tempfile
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFileError(RuntimeError):
    """A data file is missing, truncated, corrupt or in the way. The message names the fix."""


class KerasLayoutError(RuntimeError):
    """This Keras does not have the private function Keras Tour relies on to agree with it about files."""


def keras_private(module: str, name: str):
    """``keras.src.<module>.<name>``, or a loud :class:`KerasLayoutError` when this Keras moved it.

    Example::

        keras_home = keras_private("backend.config", "keras_home")
    """
    import keras

    try:
        return getattr(importlib.import_module(f"keras.src.{module}"), name)
    except (ImportError, AttributeError) as err:
        raise KerasLayoutError(
            f"Keras {keras.__version__} has no keras.src.{module}.{name}, which Keras Tour uses to find "
            "Keras's cache and to stand in front of its downloads. Without it Keras Tour cannot promise "
            "to leave your cache intact, so it stops here. Install a Keras this release of Keras Tour "
            "was tested with (see pyproject.toml), or report this at the book's issue tracker."
        ) from err


def offline_mode() -> bool:
    """True when ``KERASTOUR_OFFLINE`` asks never to try a download (tests and CI set it)."""
    return os.environ.get("KERASTOUR_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def hash_algorithm(expected: str) -> str:
    """Keras's rule: 64 hex digits are sha256, anything else md5."""
    return "sha256" if len(expected) == 64 else "md5"


@functools.lru_cache(maxsize=256)
def _digest(path: str, algorithm: str, size: int, mtime_ns: int, inode: int) -> str:
    hasher = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def hash_file(path, algorithm: str) -> str:
    """The file's hash, remembered until the file changes (size, mtime or inode)."""
    stat = os.stat(path)
    return _digest(str(path), algorithm, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def hash_matches(path, expected: str) -> bool:
    return hash_file(path, hash_algorithm(expected)) == expected


@functools.cache
def _shipped_sums() -> dict:
    sums = {}
    for line in (DATA_DIR / "SHA256SUMS").read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip().removeprefix("./")] = digest
    return sums


def shipped_file(relative: str) -> Path:
    """The path of a data file shipped with Keras Tour, checked against its sha256.

    Example::

        shipped_file("imdb/imdb_labelled.txt")
    """
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


def shipped_sha256(relative: str) -> str:
    return _shipped_sums()[relative]


def keras_cache_dir() -> Path:
    """The folder Keras's ``get_file`` uses right now, computed as Keras computes it.

    Keras fixes ``KERAS_HOME`` when it is imported (a later change of the
    variable does not move its cache), expands ``~``, and falls back to
    ``/tmp/.keras`` when the folder is missing or not writable.

    Example::

        keras_cache_dir() / "datasets" / "mnist.npz"
    """
    base = os.path.expanduser(keras_private("backend.config", "keras_home")())
    if not os.access(base, os.W_OK):
        base = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
    return Path(base)


def cache_path(name: str, subdir: str = "datasets") -> Path:
    """Where Keras keeps ``name`` (``"mnist.npz"``, ``"fashion-mnist/t10k-labels-idx1-ubyte.gz"``)."""
    return keras_cache_dir() / subdir / name


def shown_path(name: str, subdir: str = "datasets") -> str:
    """The destination as a reader should read it: ``~/.keras/...`` rather than this machine's home."""
    path = str(cache_path(name, subdir))
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if path.startswith(home + os.sep) else path


def cache_status(name: str, file_hash: str | None, subdir: str = "datasets") -> str:
    """``"ok"``, ``"missing"`` or ``"mismatch"`` for one file in Keras's cache."""
    path = cache_path(name, subdir)
    if path.is_dir():
        raise DataFileError(f"{path} is a folder where Keras expects its file {name}. Move it away; Keras Tour changed nothing.")
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


def _folder_for(path: Path) -> Path:
    """Create the folder that will hold ``path``, or say clearly what is in the way."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            raise DataFileError(
                f"{parent} is a file, but Keras's cache needs a folder there to hold {path.name}. "
                "Move the file away (or set KERAS_HOME to another folder before importing Keras); "
                "Keras Tour changed nothing."
            )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DataFileError(f"Cannot create {path.parent} for Keras's cache ({err.strerror}); nothing was changed.") from err
    return path.parent


def place_file(source: Path, destination: Path, expected: str) -> str:
    """Copy ``source`` to ``destination`` atomically, never over an existing file.

    The copy is written to a hidden temporary file in the same folder, checked
    against ``expected``, then linked into place, so another process sees
    either no file or the whole file. Returns ``"installed"`` or ``"present"``
    (a good copy was already there, e.g. put there by another process).
    """
    folder = _folder_for(destination)
    if destination.exists():
        return "present" if hash_matches(destination, expected) else "mismatch"
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=folder)
    except OSError as err:
        raise DataFileError(f"Cannot write into {folder} ({err.strerror}); nothing was changed.") from err
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
        if not hash_matches(temp, expected):
            raise DataFileError(f"{source} is not the file Keras expects for {destination.name}; nothing was installed.")
        try:
            os.link(temp, destination)  # fails if the destination appeared meanwhile: never overwrites
        except FileExistsError:
            return "present" if hash_matches(destination, expected) else "mismatch"
        except OSError:  # a filesystem without hard links
            if destination.exists():
                return "present" if hash_matches(destination, expected) else "mismatch"
            os.replace(temp, destination)
        return "installed"
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def install_into_keras_cache(shipped: str, name: str, file_hash: str | None, subdir: str = "datasets") -> Path:
    """Put a shipped, byte-identical copy of a Keras file where Keras looks for it.

    Where Keras checks no hash (``file_hash=None``, e.g. MobileNet weights), the
    shipped file's sha256 is checked instead, and a different file already there
    is the reader's own business: it is left as it is. Nothing is overwritten.

    Example::

        install_into_keras_cache("reuters/reuters.npz", "reuters.npz", "d6586e69...")
    """
    source = shipped_file(shipped)
    expected = file_hash or shipped_sha256(shipped)
    destination = cache_path(name, subdir)
    status = cache_status(name, expected, subdir)
    if status == "ok" or (status == "mismatch" and file_hash is None):
        return destination
    if status == "mismatch":
        raise mismatch_error(name, subdir)
    if place_file(source, destination, expected) == "mismatch":
        raise mismatch_error(name, subdir)
    return destination


def is_download_failure(err: BaseException) -> bool:
    """True for the errors a failed download gives: Keras raises a bare ``Exception("URL fetch failure ...")``."""
    import urllib.error

    if isinstance(err, (urllib.error.URLError, ConnectionError, TimeoutError)):
        return True
    return type(err) is Exception and str(err).startswith("URL fetch failure")


# --- What Keras asks for: the files its loaders and constructors fetch --------------------------


class KerasFile(tuple):
    """One file Keras fetches with ``get_file``: its cache name and folder, address and hash.

    Read from Keras itself (see :func:`files_keras_fetches`), never typed in by hand.
    """

    __slots__ = ()

    def __new__(cls, name, subdir, origin, file_hash):
        return super().__new__(cls, (name, subdir, origin, file_hash))

    name = property(lambda self: self[0])
    subdir = property(lambda self: self[1])
    origin = property(lambda self: self[2])
    file_hash = property(lambda self: self[3])

    @property
    def path(self) -> Path:
        return cache_path(self.name, self.subdir)

    def status(self) -> str:
        return cache_status(self.name, self.file_hash, self.subdir)

    def __repr__(self):
        return f"KerasFile({self.subdir}/{self.name}, hash={self.file_hash or 'none'})"


def _bound_arguments(get_file, args, kwargs) -> dict:
    import inspect

    arguments = inspect.signature(get_file).bind(*args, **kwargs).arguments
    for name in ("fname", "origin", "file_hash", "md5_hash", "cache_subdir", "cache_dir", "extract", "untar"):
        arguments.setdefault(name, None)
    return arguments


def _cache_name(arguments) -> tuple:
    """The file name and folder that ``get_file`` stores a download under (its own rules, as in Keras 3.15)."""
    fname = str(arguments["fname"] or os.path.basename(arguments["origin"]))
    subdir = arguments["cache_subdir"] or "datasets"
    if arguments["extract"] or arguments["untar"]:
        fname = fname if "." in fname else f"{fname}_archive"
    return fname, subdir


class _Captured(Exception):
    pass


@contextlib.contextmanager
def intercept_get_file(handler, modules=()):
    """While active, every ``get_file`` call of Keras (and of ``modules``) goes to ``handler``.

    ``handler(keras_file, arguments, real_get_file)`` returns what ``get_file``
    would. Keras's loaders import ``get_file`` into their own modules, so those
    names are replaced too. A Keras without ``keras.src.utils.file_utils.get_file``
    raises :class:`KerasLayoutError` rather than going round the guard.
    """
    real = keras_private("utils.file_utils", "get_file")
    file_utils = importlib.import_module("keras.src.utils.file_utils")

    def guarded(*args, **kwargs):
        arguments = _bound_arguments(real, args, kwargs)
        if arguments["cache_dir"] is not None:  # a reader's own folder: not Keras's cache, not ours to judge
            return real(*args, **kwargs)
        name, subdir = _cache_name(arguments)
        keras_file = KerasFile(name, subdir, arguments["origin"], arguments["file_hash"] or arguments["md5_hash"])
        return handler(keras_file, arguments, lambda: real(*args, **kwargs))

    patched = [file_utils] + [importlib.import_module(m) for m in modules]
    for module in patched:
        module.get_file = guarded
    try:
        yield
    finally:
        for module in patched:
            module.get_file = real


def files_keras_fetches(call, modules=()) -> list:
    """The files ``call()`` would make Keras fetch, read from Keras itself without fetching anything.

    ``call`` runs with ``get_file`` replaced by a recorder that answers with a
    path that does not exist, so the loader stops at once; nothing is read,
    written or downloaded.

    Example::

        files_keras_fetches(keras.datasets.mnist.load_data, ["keras.src.datasets.mnist"])
        # [KerasFile(datasets/mnist.npz, hash=731c5ac6...)]
    """
    seen = []
    nowhere = os.path.join(tempfile.gettempdir(), "kerastour-never-created", "file")

    def record(keras_file, arguments, fetch):
        seen.append(keras_file)
        if arguments["extract"] or arguments["untar"]:
            raise _Captured  # an extracting loader would go on to list the folder
        return nowhere

    with intercept_get_file(record, modules):
        try:
            call()
        except _Captured:
            pass
        except (OSError, ValueError, EOFError, KeyError):  # the loader tried to read the missing file
            pass
    if not seen:
        raise KerasLayoutError(f"{getattr(call, '__qualname__', call)} fetched no file through keras.utils.get_file.")
    return seen


class MissingOffline(DataFileError):
    """A file Keras would download while ``KERASTOUR_OFFLINE`` forbids it."""


def _protect(keras_file, arguments, fetch):
    status = keras_file.status()
    if status == "mismatch":
        raise mismatch_error(keras_file.name, keras_file.subdir)
    if status == "missing" and offline_mode():
        raise MissingOffline(
            f"{keras_file.name} is not in Keras's cache ({shown_path(keras_file.name, keras_file.subdir)}) "
            f"and KERASTOUR_OFFLINE is set, so it was not downloaded from {keras_file.origin}."
        )
    with quiet_keras():
        return fetch()


def guarded_downloads(modules=()):
    """A context in which Keras can never delete or replace a file in its cache.

    Keras's ``get_file`` deletes a cached file whose hash is wrong when its
    re-download fails; inside this context such a file is reported instead
    (:func:`mismatch_error`), and nothing is downloaded when ``KERASTOUR_OFFLINE`` is set.

    Example::

        with guarded_downloads(["keras.src.datasets.mnist"]):
            keras.datasets.mnist.load_data()
    """
    return intercept_get_file(_protect, modules)
