"""Keras's cache: Keras Tour and Keras must agree about every file, and a reader's file is never lost."""

import json
import os
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
    """Run ``code`` in a fresh Python (Keras reads KERAS_HOME once, at import), with no network."""
    env = {k: v for k, v in os.environ.items() if k not in ("KERAS_HOME", "KERASTOUR_OFFLINE")}
    env.update({"https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9", "KERAS_BACKEND": "tensorflow"})
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
    with pytest.raises(kt.DataFileError, match="is a folder where Keras expects"):
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
    env.update({"KERAS_HOME": str(tmp_path / "kh"), "KERASTOUR_OFFLINE": "1"})
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
