"""Keras's cache: Keras Tour and Keras must agree about every file, and a reader's file is never lost."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache
from kerastour_helpers.datasets import load

REPO = Path(__file__).resolve().parents[1]


def run_python(code, env_overrides, cwd):
    """Run ``code`` in a fresh Python (Keras reads KERAS_HOME once, at import), with no network, on the
    backend quickest to import (files do not depend on it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("KERAS_HOME", "KERASTOUR_OFFLINE")}
    env.update({"https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "KERAS_BACKEND": "numpy"})
    env.update(env_overrides)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


TILDE_CASE = """
    import json, warnings
    import kerastour_helpers as kt
    from kerastour_helpers import cache
    import keras
    warnings.simplefilter("ignore")
    answers = {"cache_dir": str(cache.keras_cache_dir())}
    # Where Keras's own get_file puts a file is where Keras Tour looks for it.
    answers["keras_puts"] = keras.utils.get_file("probe.txt", origin=(cache.DATA_DIR / "SHA256SUMS").as_uri())
    answers["we_look"] = str(cache.cache_path("probe.txt"))
    for call in ("kt.load_dataset('boston_housing')", "kt.load_word_index('reuters')", "kt.load_dataset('mnist')"):
        try:
            eval(call)
            answers[call] = "loaded"
        except kt.DataFileError as err:
            answers[call] = str(err)
    print(json.dumps(answers))
"""


@pytest.mark.slow
@pytest.mark.parametrize("offline", ["1", ""])
def test_keras_home_with_a_tilde_leaves_the_readers_files_alone(tmp_path, offline):
    """KERAS_HOME='~/kh': Keras uses $HOME/kh; the package used to look in ./~/kh and overwrite or lose files."""
    home, work = tmp_path / "home", tmp_path / "work"
    datasets = home / "kh" / "datasets"
    datasets.mkdir(parents=True)
    work.mkdir()
    own = {"boston_housing.npz": b"my own boston", "reuters_word_index.json": b"{}", "mnist.npz": b"half a download"}
    for name, content in own.items():
        (datasets / name).write_bytes(content)
    env = {"HOME": str(home), "KERAS_HOME": "~/kh", "KERASTOUR_OFFLINE": offline}
    answers = run_python(TILDE_CASE, env, cwd=work)
    assert answers["keras_puts"] == answers["we_look"] == str(datasets / "probe.txt")
    for call in ("kt.load_dataset('boston_housing')", "kt.load_word_index('reuters')", "kt.load_dataset('mnist')"):
        assert "hash is not the one Keras expects" in answers[call] and "left it untouched" in answers[call]
    for name, content in own.items():
        assert (datasets / name).read_bytes() == content, f"{name} was changed"


def test_keras_home_changed_after_import_follows_keras(keras_datasets_dir, tmp_path, monkeypatch):
    """Keras fixed its folder at import; changing KERAS_HOME later must not make the package look elsewhere."""
    import keras

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "new-empty-home"))
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    assert cache.keras_cache_dir() == keras_datasets_dir.parent
    bad = keras_datasets_dir / "mnist.npz"
    bad.write_bytes(b"half a download")
    with pytest.raises(kt.DataFileError, match="mnist.npz"):
        kt.load_dataset("mnist")
    with pytest.raises(kt.DataFileError, match="left it untouched"):
        with cache.guarded_downloads(["keras.src.datasets.mnist"]):
            keras.datasets.mnist.load_data()  # even Keras's own loader, guarded, cannot delete it
    assert bad.read_bytes() == b"half a download"
    assert not (tmp_path / "new-empty-home").exists()


def test_intercepting_get_file_puts_back_what_was_there_not_keras_own(monkeypatch):
    """It used to put Keras's get_file back, undoing a patch made before (a test's, or a reader's)."""
    from keras.src.datasets import california_housing

    def mine(*args, **kwargs):
        return "my own file"

    monkeypatch.setattr(california_housing, "get_file", mine)
    with cache.intercept_get_file(lambda keras_file, arguments, fetch: "intercepted", [california_housing.__name__]):
        assert california_housing.load_data.__globals__["get_file"] is not mine
    assert california_housing.get_file is mine


def test_a_file_where_the_cache_needs_a_folder_is_named_and_kept(keras_datasets_dir):
    blocker = keras_datasets_dir.parent / "blocked"
    blocker.write_bytes(b"a file of the reader's")
    try:
        with pytest.raises(kt.DataFileError, match="blocked is a file.*changed nothing"):
            cache.install_into_keras_cache("boston_housing/boston_housing.npz", "boston_housing.npz", None, "blocked")
        assert blocker.read_bytes() == b"a file of the reader's"
    finally:
        blocker.unlink()


def test_a_folder_where_keras_expects_its_file_is_named(keras_datasets_dir):
    (keras_datasets_dir / "mnist.npz").mkdir()
    with pytest.raises(kt.DataFileError, match="is a folder: move it away, then run again. Keras expects its file"):
        kt.load_dataset("mnist")
    assert (keras_datasets_dir / "mnist.npz").is_dir()


def test_install_is_atomic_and_never_overwrites(keras_datasets_dir, monkeypatch):
    """While the copy is written, the destination does not exist; a file that appears meanwhile wins."""
    source = cache.shipped_file("reuters/reuters.npz")
    expected = cache.shipped_sha256("reuters/reuters.npz")
    destination = keras_datasets_dir / "reuters.npz"
    destination.unlink(missing_ok=True)  # another test may have installed it (the fixture restores it)
    real_link = os.link
    seen = []

    def other_process_wins(src, dst):
        seen.append(Path(dst).exists())
        Path(dst).write_bytes(Path(src).read_bytes())  # the other process put the whole, good file there
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", other_process_wins)
    assert cache.place_file(source, destination, expected) == "present"
    assert seen == [False] and cache.hash_matches(destination, expected)
    assert not list(keras_datasets_dir.glob(".*part")), "a temporary file was left behind"

    destination.write_bytes(b"another process's half file")
    with pytest.raises(kt.DataFileError, match="reuters.npz.*untouched"):
        cache.install_into_keras_cache("reuters/reuters.npz", "reuters.npz", expected)
    assert destination.read_bytes() == b"another process's half file"


@pytest.mark.slow
def test_processes_installing_the_same_file_at_once_all_get_the_whole_file(tmp_path):
    code = """
        import json, hashlib
        from kerastour_helpers import cache
        path = cache.install_into_keras_cache("reuters/reuters.npz", "reuters.npz", None)
        print(json.dumps(hashlib.sha256(open(path, "rb").read()).hexdigest()))
    """
    env = {k: v for k, v in os.environ.items() if k != "KERAS_HOME"}
    env.update({"KERAS_HOME": str(tmp_path / "kh"), "KERASTOUR_OFFLINE": "1", "KERAS_BACKEND": "numpy"})
    procs = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    digests = [json.loads(p.communicate(timeout=180)[0].strip().splitlines()[-1]) for p in procs]
    assert digests == [cache.shipped_sha256("reuters/reuters.npz")] * 4
    assert [p.name for p in (tmp_path / "kh" / "datasets").iterdir()] == ["reuters.npz"]


def test_a_damaged_file_keras_checks_no_hash_for_is_named_not_replaced_by_other_data(keras_datasets_dir):
    """Keras checks no hash for Fashion-MNIST: a corrupt file there is an error, not a silent fallback."""
    folder = keras_datasets_dir / "fashion-mnist"
    folder.mkdir()
    for f in load.keras_files("fashion_mnist"):
        (folder / f.name.split("/")[-1]).write_bytes(b"not gzip")
    with pytest.raises(kt.DataFileError, match="fashion-mnist.*damaged.*Nothing was deleted"):
        kt.load_dataset("fashion_mnist")
    assert all(p.read_bytes() == b"not gzip" for p in folder.iterdir())


def test_only_a_failed_download_falls_back(monkeypatch, keras_datasets_dir):
    monkeypatch.delenv("KERASTOUR_OFFLINE")

    def keras_bug(**kwargs):
        raise RuntimeError("a bug inside Keras's loader")

    monkeypatch.setattr(load, "keras_loader", lambda name, function="load_data": keras_bug)
    monkeypatch.setattr(load, "keras_files", lambda name, function="load_data": ())
    monkeypatch.setattr(load, "_modules", lambda function: [])
    with pytest.raises(RuntimeError, match="a bug inside Keras"):
        kt.load_dataset("mnist")


def test_the_hashes_keras_checks_are_read_from_keras(monkeypatch):
    import keras

    (f,) = load.keras_files("boston_housing")
    source = Path(keras.datasets.boston_housing.load_data.__code__.co_filename).read_text()
    assert f.file_hash in source and f.origin.endswith("boston_housing.npz") and f.subdir == "datasets"


def test_each_file_is_hashed_once_until_it_changes(keras_datasets_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kt.load_dataset("boston_housing")
        before = cache._digest.cache_info().misses
        kt.load_dataset("boston_housing")
    assert cache._digest.cache_info().misses == before
    path = keras_datasets_dir / "boston_housing.npz"
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1))  # a changed file is hashed again
    cache.hash_file(path, "sha256")
    assert cache._digest.cache_info().misses == before + 1


def test_a_keras_without_the_private_functions_stops_loudly(monkeypatch):
    with pytest.raises(cache.KerasLayoutError, match="keras.src.backend.config.no_such_thing.*stops here"):
        cache.keras_private("backend.config", "no_such_thing")
    import keras.src.utils.file_utils as file_utils

    monkeypatch.delattr(file_utils, "get_file")
    with pytest.raises(cache.KerasLayoutError, match="get_file"):
        with cache.guarded_downloads():
            pass


# --- A reader's link, the umask, files this user cannot read, a KERAS_HOME Keras cannot use ------


def test_a_readers_broken_link_is_named_and_kept(keras_datasets_dir):
    """The link pointed to an unmounted drive: installers crashed (FileNotFoundError) on it."""
    link = keras_datasets_dir / "reuters.npz"
    link.unlink(missing_ok=True)
    link.symlink_to("/no/such/drive/reuters.npz")
    with pytest.raises(kt.DataFileError, match="a link to /no/such/drive/reuters.npz, which is not there.*"
                                               "reconnect it, or remove the link, then run again"):
        kt.load_dataset("reuters")
    assert link.is_symlink() and os.readlink(link) == "/no/such/drive/reuters.npz"


def test_without_hard_links_a_readers_link_is_not_replaced(keras_datasets_dir, monkeypatch):
    """On FAT or some network mounts os.link fails, and os.replace used to turn the link into a file."""
    link = keras_datasets_dir / "reuters.npz"
    link.unlink(missing_ok=True)
    link.symlink_to("/no/such/drive/reuters.npz")
    monkeypatch.setattr(os, "link", lambda src, dst: (_ for _ in ()).throw(PermissionError(1, "Operation not permitted")))
    source = cache.shipped_file("reuters/reuters.npz")
    with pytest.raises(kt.DataFileError, match="is a link to /no/such/drive"):
        cache.place_file(source, link, cache.shipped_sha256("reuters/reuters.npz"))
    assert link.is_symlink() and os.readlink(link) == "/no/such/drive/reuters.npz"
    assert not list(keras_datasets_dir.glob(".*part"))
    link.unlink()  # an ordinary destination still gets the file, by os.replace
    assert cache.place_file(source, link, cache.shipped_sha256("reuters/reuters.npz")) == "installed"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_installed_files_get_the_permissions_of_a_new_file(keras_datasets_dir, umask, mode):
    """They were always 0600: a cache shared between users (or a Docker image built as root) then failed."""
    destination = keras_datasets_dir / "boston_housing.npz"
    destination.unlink(missing_ok=True)
    before = os.umask(umask)
    try:
        path = cache.install_into_keras_cache("boston_housing/boston_housing.npz", "boston_housing.npz", None)
    finally:
        os.umask(before)
    assert path == destination and (destination.stat().st_mode & 0o777) == mode


def test_a_file_this_user_cannot_read_is_named_with_the_fix(keras_datasets_dir, monkeypatch):
    (keras_datasets_dir / "mnist.npz").write_bytes(b"another user's download")

    def denied(path, *args):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(cache, "_digest", denied)  # as root, chmod 000 would not stop a read
    with pytest.raises(kt.DataFileError, match=r"mnist.npz cannot be read \(Permission denied\): ask its owner .*chmod a\+r"):
        kt.load_dataset("mnist")
    assert (keras_datasets_dir / "mnist.npz").read_bytes() == b"another user's download"


def test_a_keras_home_keras_cannot_use_is_told_once(tmp_path, monkeypatch):
    """KERAS_HOME='~/kh' with no ~/kh: Keras falls back to /tmp/.keras, and Keras Tour said nothing."""
    import keras.src.backend.config as config

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(config, "_KERAS_DIR", "~/kh")
    cache._said_once.cache_clear()
    with pytest.warns(kt.DataFileWarning, match=rf"Keras's folder '~/kh' \({tmp_path}/kh\) does not exist, so Keras "
                                                r"keeps its downloads.*in /tmp/.keras.*mkdir -p") as said:
        assert cache.keras_cache_dir() == Path("/tmp/.keras")
        cache.keras_cache_dir()
    assert len(said) == 1 and not (tmp_path / "kh").exists()
    cache._said_once.cache_clear()


def write_idx(path, count, images):
    """A gzipped IDX file of ``count`` labels or 28x28 images, the format Keras's Fashion-MNIST loader reads."""
    import gzip

    header = (2051 if images else 2049).to_bytes(4, "big") + count.to_bytes(4, "big")
    header += (28).to_bytes(4, "big") * 2 if images else b""
    with gzip.open(path, "wb") as f:
        f.write(header + bytes(i % 10 for i in range(count * (784 if images else 1))))


def test_fashion_files_keras_checks_no_hash_for_are_checked_against_ours(keras_datasets_dir):
    """MNIST's idx files in datasets/fashion-mnist/ loaded as 'the complete dataset' without a word."""
    folder = keras_datasets_dir / "fashion-mnist"
    folder.mkdir()
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):  # MNIST's, real
        shutil.copyfile(cache.shipped_file(f"mnist/{name}"), folder / name)
    write_idx(folder / "train-labels-idx1-ubyte.gz", 3, images=False)
    write_idx(folder / "train-images-idx3-ubyte.gz", 3, images=True)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.warns(kt.DataFileWarning) as said:
        data = kt.load_dataset("fashion_mnist")
    messages = sorted(str(w.message) for w in said)
    assert len(messages) == 2  # the two label files, whose sha256 ships; no hash ships for the images
    for message, name in zip(messages, ("t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz")):
        assert message.startswith(f"{folder / name} is not the file Keras Tour knows (sha256 "
                                  f"{cache.shipped_sha256('fashion_mnist/' + name)} expected)")
        assert "Move it away and run again" in message and "deleted nothing" in message
    assert data.source == "keras" and len(data[1][0]) == 10000  # Keras's loader read them, as Keras would
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_empty_fashion_file_is_named_with_the_fix(keras_datasets_dir):
    """It raised numpy's 'offset must be non-negative and no greater than buffer length'."""
    folder = keras_datasets_dir / "fashion-mnist"
    folder.mkdir()
    for f in load.keras_files("fashion_mnist"):
        (folder / f.name).write_bytes(b"")
    with warnings.catch_warnings(), pytest.raises(kt.DataFileError, match="could not read.*fashion-mnist.*"
                                                  "damaged or not Keras's: move it away.*Nothing was deleted"):
        warnings.simplefilter("ignore", kt.DataFileWarning)
        kt.load_dataset("fashion_mnist")
    assert all(p.stat().st_size == 0 for p in folder.iterdir())


@pytest.mark.slow
def test_the_package_works_under_python_OO(tmp_path):
    """load_dataset's docstring was extended at import: None under -OO, so the import failed."""
    code = ("import warnings, kerastour_helpers as kt; warnings.simplefilter('ignore');"
            "[getattr(kt, name) for name in kt.__all__]; print(kt.load_dataset('boston_housing').source)")
    env = {**os.environ, "KERAS_HOME": str(tmp_path), "KERASTOUR_OFFLINE": "1", "KERAS_BACKEND": "numpy"}
    done = subprocess.run([sys.executable, "-OO", "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.split() == ["keras"], done.stderr[-2000:]
