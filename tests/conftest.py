"""Test set-up: no network, a Keras cache of the tests' own, TensorFlow's logs quiet, figures
drawn off screen (Agg) and closed after each test.

The environment is set before anything imports Keras (Keras reads KERAS_HOME once).
"""

import fcntl
import json
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["KERASTOUR_OFFLINE"] = "1"
if "KERAS_HOME" not in os.environ:
    os.environ["KERAS_HOME"] = tempfile.mkdtemp(prefix="kerastour-keras-home-")
if "PYTEST_XDIST_WORKER" in os.environ:  # make test runs the tests in two processes: a cache each
    os.environ["KERAS_HOME"] = os.path.join(os.environ["KERAS_HOME"], os.environ["PYTEST_XDIST_WORKER"])
Path(os.environ["KERAS_HOME"]).mkdir(parents=True, exist_ok=True)


class NetworkBlocked(OSError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection outside this machine fails, loudly, as it would offline."""
    real_connect = socket.socket.connect

    def guarded(sock, address, *args):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")):
            return real_connect(sock, address, *args)
        raise NetworkBlocked(f"tests may not use the network (tried {address!r})")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(NetworkBlocked("no DNS in tests")))


@pytest.fixture(scope="session")
def once_per_run(tmp_path_factory):
    """``once_per_run(name, compute)``: ``compute()`` (JSON-able) run once per test run, by whichever test
    process asks first; the others wait for it and read its result (a module fixture would run once in
    each of make test's two processes). When it fails, the next process to ask runs it again and
    reports the failure too."""
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = root.parent  # the one folder this run's processes share

    def run(name, compute):
        stored = root / f"{name}.json"
        with open(root / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not stored.exists():
                stored.write_text(json.dumps(compute()))
        return json.loads(stored.read_text())

    return run


@pytest.fixture(autouse=True)
def close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def _restored_after_test(subdir):
    """Keras's cache folder ``subdir``, put back as it was after the test."""
    folder = Path(os.environ["KERAS_HOME"]) / subdir
    folder.mkdir(parents=True, exist_ok=True)
    before = {path: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    yield folder
    for path in folder.iterdir():
        if path not in before or path.is_symlink():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path, content in before.items():
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)


@pytest.fixture
def keras_datasets_dir():
    yield from _restored_after_test("datasets")


@pytest.fixture
def keras_models_dir():
    yield from _restored_after_test("models")
