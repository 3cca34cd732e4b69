"""``doctor``, ``files`` and ``import`` for readers whose network cannot reach Keras's hosts: every file's
name, address, hash and destination is Keras's (read through :mod:`..cache`)."""

import functools
import os
import socket
import ssl
import threading
import unittest.mock
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from textwrap import fill, indent

from .. import cache
from ..datasets.load import dataset_info, keras_files, list_datasets
from ..figures.model_drawing import problems as plot_model_problems
from ..display import Preformatted, Table, choose
from .report import environment

# The weights the chapters load, as a reader types them; Keras says which files each call fetches.
BOOK_WEIGHTS = (
    ("MobileNet", "keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3), weights='imagenet')"),
    ("MobileNet", "keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3), weights='imagenet')"),
    ("imagenet_class_index", "keras.applications.imagenet_utils.decode_predictions(np.zeros((1, 1000)))"))


@dataclass(frozen=True)
class BookFile:
    """One file a call in the book makes Keras fetch, and Keras Tour's byte-identical copy, if any."""

    group: str  # the dataset or model name: what `files GROUP` selects
    call: str  # the Keras call that fetches it
    file: cache.KerasFile

    destination = property(lambda self: f"{self.file.subdir}/{self.file.name}")
    shipped = functools.cached_property(lambda self: cache.shipped_copy(self.file.name, self.group, self.file.file_hash))
    # A good copy's hash: Keras's, else the shipped copy's sha256.
    expected = property(lambda self: self.file.file_hash or (cache.shipped_sha256(self.shipped) if self.shipped else None))

    def state(self) -> str:  # in Keras's cache, in words
        try:
            status = cache.cache_status(self.file.name, self.expected, self.file.subdir)
        except cache.DataFileError:  # a folder, a broken link, or a file this user cannot read
            return f"IN THE WAY: {cache.obstacle(self.file.path) or 'unreadable (ask its owner: chmod a+r)'}"
        if status == "missing":
            return "missing; Keras Tour has it" if self.shipped else "missing"
        if self.file.file_hash:
            return "present, right hash" if status == "ok" else "WRONG HASH"
        if self.shipped:
            return f"present, {'' if status == 'ok' else 'NOT '}Keras Tour's copy"  # Keras checks no hash
        return "present (Keras checks no hash)"


@functools.cache
def book_files() -> tuple:
    """Every file the book's Keras calls fetch (datasets, word indexes, weights), read from Keras."""
    import keras
    import numpy as np

    calls = [(name, f"keras.datasets.{name}.{function}()", keras_files(name, function))
             for name in list_datasets() for function in ("load_data", "get_word_index")
             if function == "load_data" or "word_index" in dataset_info(name).extra]
    # decode_predictions fetches its class index once per process: forget it while asking.
    cache.keras_private("applications.imagenet_utils", "CLASS_INDEX")  # a clear error if Keras moved it
    with unittest.mock.patch("keras.src.applications.imagenet_utils.CLASS_INDEX", None):
        calls += [(group, call, cache.files_keras_fetches(functools.partial(eval, call, {"keras": keras, "np": np})))
                  for group, call in BOOK_WEIGHTS]
    return tuple(BookFile(group, call, f) for group, call, fetched in calls for f in fetched)


def select(which: str = "all") -> list:
    """The book's files for ``which``: "all", "datasets", "models" (Keras's cache folders), a dataset or a model."""
    wanted = choose(which, ["all", "datasets", "models", *dict.fromkeys(f.group for f in book_files())], "choice")
    return [f for f in book_files() if wanted in ("all", f.group, f.file.subdir.split("/")[0])]


def _table(rows, header=None, margin="  ") -> str:
    return indent(repr(Table(rows, header=header)), margin)


def files_text(which: str = "all", urls: bool = False) -> str:
    """Each file's address, expected hash and destination (``urls=True``: the addresses, for ``wget -i``)."""
    chosen = select(which)
    if urls:
        return "\n".join(dict.fromkeys(f.file.origin for f in chosen))
    lines = ["Fetch these where the hosts answer, then: python -m kerastour_helpers import FOLDER", ""]
    for f in chosen:
        digest = f.file.file_hash
        hash_text = f"{cache.hash_algorithm(digest)} {digest}" if digest else "none: Keras checks no hash"
        rows = [("address", f.file.origin), ("hash", hash_text), ("destination", cache.shown_path(f.file.name, f.file.subdir))]
        lines += [f"{f.destination}  ({f.call})", _table(rows, margin="    ")]
    return "\n".join(lines)


WHY_NO_ANSWER = [(socket.gaierror, "name not found (no network, or no DNS)"),
                 (ssl.SSLError, "its certificate is not trusted here (a proxy that inspects HTTPS?)"),
                 (ConnectionRefusedError, "the connection was refused (a firewall?)"), (TimeoutError, "too slow")]


def probe_hosts(hosts, timeout: float = 3.0) -> dict:
    """Whether each host answers HTTPS within ``timeout`` s, all at once, through this shell's proxy settings."""
    results = {host: f"no answer within {timeout:g} s" for host in hosts}

    def probe(host):
        try:
            with urllib.request.urlopen(urllib.request.Request(f"https://{host}/", method="HEAD"), timeout=timeout) as r:
                results[host] = f"answers (HTTP {r.status})"
        except urllib.request.HTTPError as err:
            results[host] = f"answers (HTTP {err.code})"
        except Exception as err:  # noqa: BLE001 (any failure means: no answer), said in a reader's words
            reason = getattr(err, "reason", err)
            results[host] = "no answer: " + next((words for kind, words in WHY_NO_ANSWER if isinstance(reason, kind)),
                                                 f"the connection failed ({type(reason).__name__})")

    threads = [threading.Thread(target=probe, args=(host,), daemon=True) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 0.5)  # a daemon thread stuck in DNS is left behind
    return dict(results)


@dataclass(repr=False)  # IPython shows Preformatted's text, not a dataclass repr
class Report(Preformatted):
    """Text a notebook shows as is; ``problems`` counts what needs the reader."""
    problems: int = 0


def doctor(hosts: bool = True, timeout: float = 3.0) -> Report:
    """Versions, devices, Graphviz, Keras's hosts (unless ``hosts=False``) and each book file's state
    in Keras's cache: ``kt.doctor()``, or ``python -m kerastour_helpers doctor`` in a terminal."""
    env, files = environment(), book_files()
    graphviz = "; ".join(plot_model_problems()) or "pydot and Graphviz's dot work: plot_model draws"
    offline = f"KERASTOUR_OFFLINE is {'set' if cache.offline_mode() else 'not set'}"
    rows = env.rows + [("Graphviz", graphviz), ("Offline", offline)]
    lines = ["Keras Tour doctor", "", "Environment", _table(rows), "  " + env.advice]
    if hosts:
        names = list(dict.fromkeys(urllib.parse.urlsplit(f.file.origin).hostname for f in files))
        lines += ["", f"Keras's download hosts (HTTPS, {timeout:g} s timeout, with this shell's proxy settings)",
                  _table(probe_hosts(names, timeout).items())]
    states = [(f.state(), f.destination) for f in files]  # narrow enough for a phone: `files` names the calls
    problems = sum(state.startswith(("WRONG", "IN THE WAY", "present, NOT")) for state, _ in states)
    missing = sum(state == "missing" for state, _ in states)
    lines += ["", "Files the book uses (the Keras calls that fetch them: `files`),", "in Keras's cache folder "
              f"{cache.shown_path('', '')}", _table(states, header=("state", "file (in the cache folder)")), "",
              f"Not Keras's files: {problems}" + (" (move them away; Keras Tour deletes nothing)" if problems else ""),
              f"Missing, not shipped: {missing}" + (" (Keras downloads them)" if missing else "")] + [
        "Without a network: python -m kerastour_helpers files --urls > urls.txt,",
        "fetch them elsewhere, then: python -m kerastour_helpers import FOLDER"] * bool(missing)
    return Report("\n".join(lines), problems=problems)


def _import_one(source: Path, f: BookFile) -> tuple:
    """``(outcome, message)``: outcome is "installed", "present" or "refused"."""
    expected = f.expected
    algorithm = cache.hash_algorithm(expected) if expected else "sha256"
    try:
        actual = cache.hash_file(source, algorithm)
        if expected and actual != expected:
            whose = "Keras expects" if f.file.file_hash else "not the file Keras Tour ships (Keras checks none):"
            return "refused", f"wrong hash: {whose} {algorithm} {expected}, this file has {actual}"
        result = cache.place_file(source, f.file.path, expected or actual)
    except (OSError, cache.DataFileError) as err:  # unreadable, or the cache is not writable
        return "refused", str(err)
    if result == "mismatch":
        return "refused", "another file is there; Keras Tour never overwrites: move it away, import again"
    if result == "present":
        return "present", "the same file is already in Keras's cache; left as it is"
    checked = f"{algorithm} matches Keras's" if f.file.file_hash else "sha256 matches Keras Tour's copy (Keras checks none)"
    return "installed", checked if expected else "WARNING: Keras checks no hash, Keras Tour ships no copy: installed unchecked"


def import_folder(folder) -> Report:
    """Check the files in ``folder`` against Keras's hashes (or the shipped copy's sha256 where Keras
    has none) and install the good ones; wrong, unknown or blocked files are reported, never installed."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise cache.DataFileError(f"{folder} is not a folder. Give the folder that holds the files you fetched.")
    names = {name: f for f in reversed(book_files())  # its name in Keras's cache, or a download tool's
             for name in (Path(urllib.parse.urlsplit(f.file.origin).path).name, f.file.name)}
    unreadable = []  # folders os.walk could not list: said, not skipped
    sources = sorted(p for top, _, files in os.walk(folder, onerror=unreadable.append) for name in files
                     if not name.startswith(".") and (p := Path(top, name)).is_file())
    rows = [("unreadable", f"{os.path.relpath(err.filename, folder)}{os.sep}", "",
             f"cannot list this folder ({err.strerror}): its files were not checked") for err in unreadable]
    for source in sources:
        f = names.get(source.name)
        outcome, message = _import_one(source, f) if f else (
            "unknown", "not a file the book's Keras calls fetch (see the names in `files`); left alone")
        rows.append((outcome, str(source.relative_to(folder)), f.destination if f else "", message))
    problems = sum(outcome in ("refused", "unknown", "unreadable") for outcome, *_ in rows) or int(not rows)
    lines = [f"Importing {len(sources)} file(s) from {folder} into Keras's cache {cache.shown_path('', '')}", "",
             "\n".join(f"  {outcome:10} {name}{' -> ' * bool(to)}{to}\n{indent(fill(why, 66), ' ' * 13)}" for outcome, name, to, why in rows) if rows else
             f"  No file there: {folder} and its subfolders hold none (names starting with '.' are skipped).", "",
             "Nothing was installed." if not rows else f"{problems} file(s) not installed." if problems else
             f"All {len(sources)} file(s) from the folder are in Keras's cache."]
    return Report("\n".join(lines), problems=problems)
