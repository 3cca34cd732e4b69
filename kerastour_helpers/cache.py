"""Keras's cache and the files Keras Tour ships for it. Keras decides where its cache is and each file's hash: this
module asks Keras. A shipped file is used only if its sha256 matches ``data/SHA256SUMS``; a file enters Keras's
cache only with Keras's hash, atomically, never over a file or link; a wrong cached file is reported, never deleted."""

import contextlib
import functools
import hashlib
import importlib
import inspect
import os
import tempfile
import uuid
import warnings
from pathlib import Path
from typing import NamedTuple

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataFileError(RuntimeError):
    """A data file is missing, truncated, corrupt or in the way. The message names the fix."""


class DataFileWarning(UserWarning):
    """A file Keras Tour cannot vouch for, or a cache folder other than the one asked for: the message says what to do."""


class KerasLayoutError(RuntimeError):
    """This Keras lacks the private function Keras Tour relies on to agree with it about files."""


def keras_private(module: str, name: str):
    """``keras.src.<module>.<name>`` or a :class:`KerasLayoutError`: ``keras_private("backend.config", "keras_home")``."""
    import keras

    try:
        return getattr(importlib.import_module(f"keras.src.{module}"), name)
    except (ImportError, AttributeError) as err:
        raise KerasLayoutError(
            f"Keras {keras.__version__} has no keras.src.{module}.{name}, which Keras Tour uses to find Keras's cache and to "
            "stand in front of its downloads. Without it Keras Tour cannot promise to leave your cache intact, so it stops "
            "here. Install a Keras this release was tested with (pyproject.toml), or report this.") from err


def offline_mode() -> bool:
    """True when ``KERASTOUR_OFFLINE`` asks never to try a download (tests and CI set it)."""
    return os.environ.get("KERASTOUR_OFFLINE", "").strip().lower() in ("1", "true", "yes")


def hash_algorithm(expected: str) -> str:
    return "sha256" if len(expected) == 64 else "md5"  # Keras's rule for the algorithm


@functools.lru_cache(maxsize=256)
def _digest(path: str, algorithm: str, size: int, mtime_ns: int, inode: int) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, algorithm).hexdigest()


def hash_file(path, algorithm: str) -> str:
    """The file's hash, remembered until the file changes (size, mtime or inode)."""
    stat = os.stat(path)
    return _digest(str(path), algorithm, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def hash_matches(path, expected: str) -> bool:
    return hash_file(path, hash_algorithm(expected)) == expected


@functools.cache
def _shipped_sums() -> dict:
    lines = (DATA_DIR / "SHA256SUMS").read_text().splitlines()
    return {name.strip().removeprefix("./"): digest for digest, name in (line.split(maxsplit=1) for line in lines if line)}


def shipped_sha256(relative: str) -> str:
    return _shipped_sums()[relative]


def shipped_file(relative: str) -> Path:
    """A data file shipped with Keras Tour, checked against its sha256: ``shipped_file("imdb/imdb_labelled.txt")``."""
    path = DATA_DIR / relative
    expected = _shipped_sums().get(relative)
    if expected is None:
        raise DataFileError(f"{relative} is not one of Keras Tour's data files.")
    if not path.is_file() or hash_file(path, "sha256") != expected:
        problem = "missing" if not path.is_file() else "corrupt or truncated (its sha256 does not match data/SHA256SUMS)"
        raise DataFileError(f"Keras Tour's data file {path} is {problem}. Restore it with `git checkout -- {path}` or reinstall "
                            "the package (`pip install -e .` in the repository); nothing was deleted.")
    return path


def shipped_copy(name: str, group: str, file_hash: str | None = None) -> str | None:
    """The shipped copy of Keras's file ``name`` (under data/): the file with Keras's ``file_hash``, or where
    Keras checks none, ``<group>/<name>``: ``shipped_copy("mobilenet_2_5_128_tf.h5", "MobileNet")``."""
    if not file_hash:
        return f"{group.lower()}/{name}" if f"{group.lower()}/{name}" in _shipped_sums() else None
    return next((r for r in _shipped_sums() if Path(r).name == name and hash_matches(DATA_DIR / r, file_hash)), None)


def keras_cache_dir() -> Path:
    """The folder Keras's ``get_file`` uses (``KERAS_HOME`` as Keras read it at import, ``~`` expanded,
    ``/tmp/.keras`` when not writable, which is said once): ``keras_cache_dir() / "datasets" / "mnist.npz"``."""
    home = keras_private("backend.config", "keras_home")()
    base = os.path.expanduser(home)
    if not os.access(base, os.W_OK):
        fallback = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(), ".keras")
        _said_once(f"Keras's folder {home!r} ({base}) {'is not writable' if os.path.exists(base) else 'does not exist'}, "
                   f"so Keras keeps its downloads, and Keras Tour its files, in {fallback}, which the system may "
                   f"empty. Create it (mkdir -p {base}) or set KERAS_HOME to a folder you can write, then restart.")
        base = fallback
    return Path(base)


@functools.cache
def _said_once(message: str) -> None:
    warnings.warn(message, DataFileWarning, stacklevel=4)


def cache_path(name: str, subdir: str = "datasets") -> Path:
    """Where Keras keeps ``name`` (``"mnist.npz"``) in ``subdir`` (``"datasets"``, ``"models"``)."""
    return keras_cache_dir() / subdir / name


def shown_path(name: str, subdir: str = "datasets") -> str:
    """The destination as a reader should read it: ``~/.keras/...`` rather than this machine's home."""
    path, home = str(cache_path(name, subdir)), os.path.expanduser("~")
    return "~" + path[len(home):] if path.startswith(home + os.sep) else path


def obstacle(path: Path) -> str | None:
    """What stands where Keras expects a file, and the fix, in words (a folder, a link to nothing), else None."""
    if path.is_symlink() and not path.exists():
        return f"a link to {os.readlink(path)}, which is not there (a drive not mounted?): reconnect it, or remove the link"
    return "a folder: move it away" if path.is_dir() else None


def _check_place(path: Path) -> None:
    if found := obstacle(path):  # a reader's folder or broken link: theirs, never replaced
        raise DataFileError(f"{path} is {found}, then run again. Keras expects its file {path.name} there; "
                            "Keras Tour changed nothing.")


def cache_status(name: str, file_hash: str | None, subdir: str = "datasets") -> str:
    """``"ok"``, ``"missing"`` or ``"mismatch"`` for one file in Keras's cache."""
    path = cache_path(name, subdir)
    _check_place(path)
    if not path.is_file():
        return "missing"
    try:
        return "ok" if file_hash is None or hash_matches(path, file_hash) else "mismatch"
    except PermissionError as err:
        raise DataFileError(f"{path} cannot be read ({err.strerror}): ask its owner to make it readable (chmod "
                            "a+r), or set KERAS_HOME to a folder of your own; Keras Tour changed nothing.") from err


def check_unhashed(keras_file, group: str, stacklevel: int = 3) -> None:
    """Warn where Keras checks no hash and the cached file is not the one Keras Tour ships (SHA256SUMS)."""
    relative = None if keras_file.file_hash else shipped_copy(keras_file.name, group)
    if relative and keras_file.path.is_file() and hash_file(keras_file.path, "sha256") != shipped_sha256(relative):
        warnings.warn(
            f"{keras_file.path} is not the file Keras Tour knows (sha256 {shipped_sha256(relative)} expected), and "
            "Keras checks no hash for it, so Keras uses it as it is: results may be wrong. Move it away and run "
            "again for a good copy; Keras Tour deleted nothing.", DataFileWarning, stacklevel=stacklevel)


def mismatch_error(name: str, subdir: str = "datasets") -> DataFileError:
    return DataFileError(
        f"{cache_path(name, subdir)} is in Keras's cache but its hash is not the one Keras expects (an interrupted download, "
        "or another version of the file). Keras Tour left it untouched. Move it away or delete it yourself, then run again: "
        "Keras will download a fresh copy, or Keras Tour will use its offline data.")


@contextlib.contextmanager
def quiet_keras():  # Keras's own progress messages (downloads, progress bars) kept out of the page
    import keras

    was_on = keras.config.is_interactive_logging_enabled()
    keras.config.disable_interactive_logging()
    try:
        yield
    finally:
        if was_on:
            keras.config.enable_interactive_logging()


def place_file(source: Path, destination: Path, expected: str) -> str:
    """Copy ``source`` to ``destination`` atomically (a hidden temporary file, checked, then linked into place),
    never over an existing file or link, with the permissions of a new file (the umask's, as Keras's downloads):
    ``"installed"``, ``"present"`` (a good copy is there) or ``"mismatch"`` (another file is there, left alone)."""
    for parent in reversed(destination.parents):
        if parent.exists() and not parent.is_dir():
            raise DataFileError(f"{parent} is a file, but Keras's cache needs a folder there to hold {destination.name}. Move "
                                "the file away (or set KERAS_HOME to another folder); Keras Tour changed nothing.")
    _check_place(destination)
    already = lambda: "present" if hash_matches(destination, expected) else "mismatch"  # noqa: E731
    if os.path.lexists(destination):
        return already()
    temp = destination.parent / f".{destination.name}.{uuid.uuid4().hex}.part"
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as err:
        raise DataFileError(f"Cannot write into {destination.parent} ({err.strerror}); nothing was changed.") from err
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        if not hash_matches(temp, expected):
            raise DataFileError(f"{source} is not the file Keras expects for {destination.name}; nothing was installed.")
        try:
            os.link(temp, destination)  # fails if the destination appeared meanwhile: never overwrites
        except FileExistsError:
            return already()
        except OSError:  # a filesystem without hard links
            if os.path.lexists(destination):
                return already()
            os.replace(temp, destination)
        return "installed"
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def install_into_keras_cache(shipped: str, name: str, file_hash: str | None, subdir: str = "datasets") -> Path:
    """Put a shipped copy of a Keras file where Keras looks for it, never overwriting:
    ``install_into_keras_cache("reuters/reuters.npz", "reuters.npz", "d6586e69...")``. Where Keras
    checks no hash (``file_hash=None``) the shipped sha256 is checked, and another file there is left alone."""
    source = shipped_file(shipped)
    expected = file_hash or shipped_sha256(shipped)
    status = cache_status(name, expected, subdir)
    if status == "ok" or (status == "mismatch" and file_hash is None):
        return cache_path(name, subdir)
    if status == "mismatch" or place_file(source, cache_path(name, subdir), expected) == "mismatch":
        raise mismatch_error(name, subdir)
    return cache_path(name, subdir)


def is_download_failure(err: BaseException) -> bool:
    """True for the errors a failed download gives: Keras raises a bare ``Exception("URL fetch failure ...")``."""
    import urllib.error

    if isinstance(err, (urllib.error.URLError, ConnectionError, TimeoutError)):
        return True
    return type(err) is Exception and str(err).startswith("URL fetch failure")


# --- What Keras asks for: the files its loaders and constructors fetch ---------------------------
class KerasFile(NamedTuple):
    """One file Keras fetches with ``get_file``, read from Keras itself (never typed in by hand)."""

    name: str
    subdir: str
    origin: str
    file_hash: str | None

    path = property(lambda self: cache_path(self.name, self.subdir))
    status = lambda self: cache_status(self.name, self.file_hash, self.subdir)  # noqa: E731


@contextlib.contextmanager
def intercept_get_file(handler, modules=()):
    """Send every ``get_file`` call of Keras (and of ``modules``, where loaders import it) to
    ``handler(keras_file, arguments, fetch)``; ``fetch()`` calls Keras's own. Names as in Keras 3.15."""
    real = keras_private("utils.file_utils", "get_file")
    names = ("fname", "origin", "file_hash", "md5_hash", "cache_subdir", "cache_dir", "extract", "untar")

    def guarded(*args, **kwargs):
        arguments = dict.fromkeys(names) | inspect.signature(real).bind(*args, **kwargs).arguments
        if arguments["cache_dir"] is not None:  # a reader's own folder: not Keras's cache, not ours to judge
            return real(*args, **kwargs)
        name = str(arguments["fname"] or os.path.basename(arguments["origin"]))
        if (arguments["extract"] or arguments["untar"]) and "." not in name:
            name += "_archive"
        keras_file = KerasFile(name, arguments["cache_subdir"] or "datasets", arguments["origin"],
                               arguments["file_hash"] or arguments["md5_hash"])
        return handler(keras_file, arguments, lambda: real(*args, **kwargs))

    patched = {m: m.get_file for m in map(importlib.import_module, ("keras.src.utils.file_utils", *modules))}
    for module in patched:
        module.get_file = guarded
    try:
        yield
    finally:
        for module, before in patched.items():  # what was there before, someone else's patch included
            module.get_file = before


class _Captured(Exception):
    pass


def files_keras_fetches(call, modules=()) -> list:
    """The files ``call()`` makes Keras fetch, read without fetching (``get_file`` answers with a path
    that does not exist): ``files_keras_fetches(keras.datasets.mnist.load_data, ["keras.src.datasets.mnist"])``."""
    seen = []

    def record(keras_file, arguments, fetch):
        seen.append(keras_file)
        if arguments["extract"] or arguments["untar"]:
            raise _Captured  # an extracting loader would go on to list the folder
        return os.path.join(tempfile.gettempdir(), "kerastour-never-created", "file")

    with intercept_get_file(record, modules), contextlib.suppress(_Captured, OSError, ValueError, EOFError, KeyError):
        call()  # the loader stops when it tries to read the missing file
    if not seen:
        raise KerasLayoutError(f"{getattr(call, '__qualname__', call)} fetched no file through keras.utils.get_file.")
    return seen


def _protect(keras_file, arguments, fetch):
    status = keras_file.status()
    if status == "mismatch":
        raise mismatch_error(keras_file.name, keras_file.subdir)
    if status == "missing" and offline_mode():
        raise DataFileError(f"{keras_file.name} is not in Keras's cache ({shown_path(keras_file.name, keras_file.subdir)}) and "
                            f"KERASTOUR_OFFLINE is set, so it was not downloaded from {keras_file.origin}.")
    with quiet_keras():
        return fetch()


def guarded_downloads(modules=()):
    """A context in which Keras cannot delete a cached file with the wrong hash (it is reported instead)
    nor download offline: ``with guarded_downloads(["keras.src.datasets.mnist"]): mnist.load_data()``."""
    return intercept_get_file(_protect, modules)
