"""For readers whose network cannot reach Keras's hosts: doctor, files and import.

Keras downloads every dataset and weights file with ``keras.utils.get_file``
into its cache (``~/.keras`` or ``KERAS_HOME``), checked against a hash written
in the loader. Behind a firewall the download fails ("URL fetch failure"), and
the fix is to fetch the file elsewhere and put it where Keras looks. These
functions make that a tool, asking Keras itself (through
:mod:`kerastour_helpers.cache`) which files, addresses, hashes and destinations:

* :func:`doctor`: versions, devices, Graphviz, whether Keras's hosts answer,
  and the state of every file the book uses in the reader's Keras cache;
* :func:`files_text`: each file's address, expected hash and destination;
* :func:`import_folder`: check a folder of fetched files against Keras's hashes
  and install the good ones, atomically, never over an existing file.

The command line (``python -m kerastour_helpers doctor | files | import FOLDER``)
prints the same.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.metadata
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .. import cache

# The weights the book's chapters load, as the calls a reader types (the group names what
# `files GROUP` selects). Keras is asked which file each call fetches, with its address and
# hash; nothing about the files is typed here. (The pretrained registry may own this list later.)
BOOK_WEIGHTS = (
    ("MobileNet", "keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3), weights='imagenet')"),
    ("MobileNet", "keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3), "
                  "weights='imagenet')"),
    ("imagenet_class_index", "keras.applications.imagenet_utils.decode_predictions(np.zeros((1, 1000)))"),
)

NO_HASH = "none: Keras checks no hash"


@dataclasses.dataclass(frozen=True)
class BookFile:
    """One file a call in the book makes Keras fetch, and the copy Keras Tour ships of it, if any."""

    group: str  # the dataset or model name: what `files GROUP` selects
    kind: str  # "dataset" or "model"
    call: str  # the Keras call that fetches it
    file: cache.KerasFile
    shipped: str | None  # a byte-identical copy in kerastour_helpers/data, relative to it

    @property
    def download_name(self) -> str:
        """The name a download tool gives the file (the address's last part)."""
        return os.path.basename(urllib.parse.urlsplit(self.file.origin).path)

    @property
    def destination(self) -> str:
        """Where Keras looks for the file, relative to its cache folder (``datasets/mnist.npz``)."""
        return f"{self.file.subdir}/{self.file.name}"

    @property
    def hash_text(self) -> str:
        digest = self.file.file_hash
        return f"{cache.hash_algorithm(digest)} {digest}" if digest else NO_HASH

    def state(self) -> str:
        """The file's state in Keras's cache, in words."""
        try:
            status = self.file.status()
        except cache.DataFileError:
            return "IN THE WAY: a folder is there"
        if status == "missing":
            return "missing; ships with Keras Tour" if self.shipped else "missing"
        if status == "mismatch":
            return "WRONG HASH"
        if self.file.file_hash:
            return "present, right hash"
        if self.shipped:
            same = cache.hash_file(self.file.path, "sha256") == cache.shipped_sha256(self.shipped)
            return f"present, {'same as' if same else 'NOT'} Keras Tour's copy (Keras checks no hash)"
        return "present (Keras checks no hash)"


def _shipped_copy(keras_file: cache.KerasFile, group: str) -> str | None:
    """The shipped data file that is Keras's ``keras_file`` byte for byte, if Keras Tour ships one.

    Where Keras checks a hash: a shipped file of the same name with that hash. Where Keras
    checks none: a shipped file of the same name in the group's own folder (``data/mobilenet/``
    for MobileNet, ``data/fashion_mnist/`` for fashion_mnist), whose sha256 then stands in.
    """
    same_name = [p for p in cache._shipped_sums() if os.path.basename(p) == keras_file.name]
    if not keras_file.file_hash:
        same_name = [p for p in same_name if p.split("/")[0].lower() == group.lower()]
    if len(same_name) != 1:
        return None
    path = cache.DATA_DIR / same_name[0]
    if keras_file.file_hash and not (path.is_file() and cache.hash_matches(path, keras_file.file_hash)):
        return None
    return same_name[0]


@functools.cache
def book_files() -> tuple:
    """Every file the book's Keras calls fetch (datasets, word indexes, weights), read from Keras.

    Example::

        >>> [f.file.name for f in book_files() if f.group == "reuters"]
        ['reuters.npz', 'reuters_word_index.json']
    """
    import keras
    import numpy as np

    from ..datasets.load import dataset_info, keras_files, list_datasets

    found = []
    for name in list_datasets():
        found += [(name, "dataset", f"keras.datasets.{name}.load_data()", f) for f in keras_files(name)]
        if "word_index" in dataset_info(name).extra:
            call = f"keras.datasets.{name}.get_word_index()"
            found += [(name, "dataset", call, f) for f in keras_files(name, "get_word_index")]
    # decode_predictions fetches its class index only once per process: forget it for the question.
    cache.keras_private("applications.imagenet_utils", "CLASS_INDEX")  # a clear error if this Keras moved it
    imagenet_utils = importlib.import_module("keras.src.applications.imagenet_utils")
    loaded, imagenet_utils.CLASS_INDEX = imagenet_utils.CLASS_INDEX, None
    try:
        for group, call in BOOK_WEIGHTS:
            fetched = cache.files_keras_fetches(lambda: eval(call, {"keras": keras, "np": np}))  # noqa: S307 (our constant)
            found += [(group, "model", call, f) for f in fetched]
    finally:
        imagenet_utils.CLASS_INDEX = loaded
    unique = {}
    for group, kind, call, keras_file in found:
        unique.setdefault((keras_file.subdir, keras_file.name), BookFile(
            group, kind, call, keras_file, _shipped_copy(keras_file, group)))
    return tuple(unique.values())


def select(which: str = "all") -> list:
    """The book's files for ``which``: "all", "datasets", "models", a dataset or a model name.

    Example::

        >>> [f.file.name for f in select("boston_housing")]
        ['boston_housing.npz']
    """
    files = book_files()
    wanted = str(which).lower()
    if wanted == "all":
        return list(files)
    if wanted in ("datasets", "dataset", "models", "model"):
        return [f for f in files if f.kind == wanted.rstrip("s")]
    chosen = [f for f in files if f.group.lower() == wanted]
    if not chosen:
        groups = ", ".join(dict.fromkeys(f.group for f in files))
        raise ValueError(f"Unknown choice {which!r}. Choose all, datasets, models, or one of: {groups}.")
    return chosen


def cache_folder_text() -> str:
    """Keras's cache folder, and why it is that one (KERAS_HOME, ~/.keras or /tmp/.keras)."""
    keras_home = os.path.expanduser(cache.keras_private("backend.config", "keras_home")())
    folder = cache.keras_cache_dir()
    if str(folder) != keras_home:
        return f"{folder} ({keras_home} is not writable, so Keras uses this folder instead)"
    why = "KERAS_HOME, read by Keras when it was imported" if "KERAS_HOME" in os.environ else "Keras's default"
    home = os.path.expanduser("~")
    shown = "~" + str(folder)[len(home):] if str(folder).startswith(home + os.sep) else str(folder)
    return f"{shown} ({why})"


# --- files --------------------------------------------------------------------------------


def files_text(which: str = "all", urls: bool = False) -> str:
    """What to fetch on another machine: each file's address, expected hash and destination.

    ``urls=True`` gives one address per line, for ``wget -i``.

    Example::

        print(files_text("mnist"))
    """
    chosen = select(which)
    if urls:
        return "\n".join(dict.fromkeys(f.file.origin for f in chosen))
    lines = [f"Keras's cache folder: {cache_folder_text()}", ""]
    for f in chosen:
        lines += [
            f"{f.destination}  ({f.call})",
            f"    address      {f.file.origin}",
            f"    hash         {f.hash_text}",
            f"    destination  {cache.shown_path(f.file.name, f.file.subdir)}",
        ]
        if f.download_name != f.file.name:
            lines.append(f"    saved as     {f.download_name} by a download tool; import takes either name")
        if f.shipped:
            lines.append(f"    offline      a byte-identical copy ships with Keras Tour: {cache.DATA_DIR / f.shipped}")
    lines += [
        "",
        "Save the addresses (python -m kerastour_helpers files --urls > urls.txt), fetch them into one folder",
        "on a machine that reaches the hosts (wget -i urls.txt), bring the folder here, then install the files:",
        "python -m kerastour_helpers import FOLDER",
    ]
    return "\n".join(lines)


# --- doctor -------------------------------------------------------------------------------


def probe_hosts(hosts, timeout: float = 3.0) -> dict:
    """Whether each host answers an HTTPS request within ``timeout`` seconds (through the proxy
    settings Keras's downloads also use). All hosts are tried at once.

    Example::

        probe_hosts(["storage.googleapis.com"])   # {'storage.googleapis.com': 'answers (HTTP 400)'}
    """
    results = {host: f"no answer within {timeout:g} s" for host in hosts}

    def probe(host):
        request = urllib.request.Request(f"https://{host}/", method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                results[host] = f"answers (HTTP {response.status})"
        except urllib.error.HTTPError as err:
            results[host] = f"answers (HTTP {err.code})"
        except Exception as err:  # noqa: BLE001 (any failure means: no answer)
            reason = getattr(err, "reason", err)
            results[host] = f"no answer ({reason})"

    threads = [threading.Thread(target=probe, args=(host,), daemon=True) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 0.5)
    return dict(results)


def graphviz_text() -> str:
    """Whether ``keras.utils.plot_model`` can draw: pydot and Graphviz's ``dot``, checked by Keras."""
    try:
        has_pydot = cache.keras_private("utils.model_visualization", "check_pydot")()
        has_graphviz = cache.keras_private("utils.model_visualization", "check_graphviz")()
    except cache.KerasLayoutError as err:
        return f"not checked ({err})"
    if not has_pydot:
        return "pydot missing: pip install pydot (keras.utils.plot_model needs it)"
    version = importlib.metadata.version("pydot")
    if not has_graphviz:
        return (f"pydot {version}, but Graphviz's dot is missing: install Graphviz "
                "(apt install graphviz, brew install graphviz or conda install graphviz)")
    return f"pydot {version} and Graphviz's dot: keras.utils.plot_model works"


class Report:
    """Plain text that a notebook shows as is; ``problems`` counts what needs the reader."""

    def __init__(self, lines, problems: int = 0):
        self.lines, self.problems = list(lines), problems

    def __str__(self):
        return "\n".join(self.lines)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def _table(rows) -> list:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]


def _environment():
    """``kt.environment()``'s report, wherever that function lives (the package's _EXPORTS says).

    Not ``kt.environment`` itself: once the ``environment`` subpackage is imported, that name
    is the subpackage.
    """
    import importlib

    import kerastour_helpers

    return importlib.import_module(f"kerastour_helpers.{kerastour_helpers._EXPORTS['environment']}").environment()


def doctor(hosts: bool = True, timeout: float = 3.0) -> Report:
    """Can this machine run the book? Versions, devices, Graphviz, Keras's hosts, Keras's cache.

    ``hosts=False`` skips asking Keras's download hosts whether they answer.

    Example::

        kt.doctor()
    """
    lines = ["Keras Tour doctor", "", "Environment"]
    lines += ["  " + line for line in str(_environment()).splitlines()]
    lines += [f"  Graphviz {graphviz_text()}", f"  Offline  KERASTOUR_OFFLINE is {'set' if cache.offline_mode() else 'not set'}"]

    files = book_files()
    if hosts:
        names = list(dict.fromkeys(urllib.parse.urlsplit(f.file.origin).hostname for f in files))
        lines += ["", f"Keras's download hosts (HTTPS, {timeout:g} s timeout, with this shell's proxy settings)"]
        lines += _table([(host, answer) for host, answer in probe_hosts(names, timeout).items()])

    lines += ["", f"Files the book uses, in Keras's cache folder {cache_folder_text()}"]
    states = [(f, f.state()) for f in files]
    lines += _table([("state", "file (in the cache folder)", "fetched by")]
                    + [(state, f.destination, f.call) for f, state in states])
    problems = sum(state.startswith(("WRONG", "IN THE WAY", "present, NOT")) for _, state in states)
    missing = sum(state == "missing" for _, state in states)
    lines.append("")
    if problems:
        lines.append(f"{problems} file(s) in Keras's cache are not Keras's: move them away (Keras Tour never deletes them).")
    if missing:
        lines.append(f"{missing} file(s) missing and not shipped: Keras downloads them when a chapter needs them. "
                     "Without a network: python -m kerastour_helpers files --urls (fetch elsewhere), "
                     "then python -m kerastour_helpers import FOLDER.")
    if not (problems or missing):
        lines.append("Every file the book uses is in Keras's cache or ships with Keras Tour.")
    return Report(lines, problems)


# --- import -------------------------------------------------------------------------------


def _by_name() -> dict:
    """Each book file under its cache name and under the name a download tool saves it as."""
    names = {}
    for f in book_files():
        names.setdefault(f.file.name, f)
        names.setdefault(f.download_name, f)
    return names


def _import_one(source: Path, f: BookFile) -> tuple:
    """``(outcome, message)``: outcome is "installed", "present" or "refused"."""
    digest = f.file.file_hash
    try:
        if digest:
            algorithm = cache.hash_algorithm(digest)
            if not cache.hash_matches(source, digest):
                return "refused", (f"wrong hash: Keras expects {algorithm} {digest}, this file has "
                                   f"{cache.hash_file(source, algorithm)} (truncated, or another file); not installed")
            expected, note = digest, f"{algorithm} matches Keras's"
        else:
            sha256 = cache.hash_file(source, "sha256")
            if f.shipped:
                expected = cache.shipped_sha256(f.shipped)
                if sha256 != expected:
                    return "refused", (f"Keras checks no hash for this file, and it is not the file Keras Tour ships "
                                       f"(sha256 {expected}; this one {sha256}); not installed")
                note = "Keras checks no hash; sha256 matches the copy Keras Tour ships"
            else:
                expected = sha256
                note = "WARNING: Keras checks no hash for this file and Keras Tour ships none to compare: installed unchecked"
    except OSError as err:
        return "refused", f"cannot read it ({err.strerror}); not installed"
    try:
        result = cache.place_file(source, f.file.path, expected)
    except cache.DataFileError as err:
        return "refused", str(err)
    if result == "installed":
        return "installed", note
    if result == "present":
        return "present", "the same file is already in Keras's cache; left as it is"
    return "refused", (f"another file is already at {f.file.path} and is not this one; Keras Tour never overwrites: "
                       "move it away and import again")


def import_folder(folder) -> Report:
    """Install the files in ``folder`` that Keras fetches for the book into Keras's cache.

    Each file is matched by name (Keras's cache name or its download name) and checked
    against Keras's own hash (where Keras has none, against the copy Keras Tour ships, or
    installed with a warning). A file with the wrong hash, an unknown file, or a file Keras's
    cache cannot take is reported and not installed; nothing already there is overwritten.
    ``report.problems`` counts the files not installed.

    Example::

        print(import_folder("~/Downloads/keras-files"))
    """
    folder = Path(os.path.expanduser(str(folder)))
    if not folder.is_dir():
        raise cache.DataFileError(f"{folder} is not a folder. Give the folder that holds the files you fetched.")
    names = _by_name()
    sources = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    lines = [f"Importing {len(sources)} file(s) from {folder} into Keras's cache folder {cache_folder_text()}", ""]
    rows, problems = [], 0
    for source in sources:
        f = names.get(source.name)
        if f is None:
            outcome, message, target = "unknown", "not a file the book's Keras calls fetch (see the names in `files`); left alone", ""
        else:
            (outcome, message), target = _import_one(source, f), f.destination
        problems += outcome in ("refused", "unknown")
        rows.append((outcome, str(source.relative_to(folder)), target, message))
    if rows:
        lines += _table([("result", "file", "destination", "why")] + rows)
    else:
        lines.append("  The folder holds no files.")
    lines += ["", f"{problems} file(s) not installed." if problems else "Every file is in Keras's cache."]
    return Report(lines, problems)
