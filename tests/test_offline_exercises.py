"""The offline chapter's exercises: the checks look into the reader's own Keras folder."""

import hashlib
import os
import subprocess
import sys
import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache

BOSTON = "boston_housing/boston_housing.npz"


@pytest.mark.slow
def test_installed_runs_keras_own_loader_in_the_readers_folder_and_asks_for_a_hash_keras_never_prints(tmp_path):
    whole = cache.shipped_file(BOSTON).read_bytes()
    md5 = hashlib.md5(whole).hexdigest()[:8]
    assert not kt.check("offline.installed", md5, keras_home=tmp_path)  # nothing installed: Keras cannot load
    (tmp_path / "datasets").mkdir(exist_ok=True)  # Keras's get_file made it
    (tmp_path / "datasets/boston_housing.npz").write_bytes(whole[: len(whole) // 2])
    assert not kt.check("offline.installed", hashlib.md5(whole[: len(whole) // 2]).hexdigest()[:8], keras_home=tmp_path)
    (tmp_path / "datasets/boston_housing.npz").write_bytes(whole)  # Keras deleted the half file; the whole one loads
    assert kt.check("offline.installed", ..., keras_home=tmp_path).verdict == "Your turn"  # installed is not enough
    assert kt.check("offline.installed", md5.upper(), keras_home=tmp_path)
    # The SHA-256 is printed on the page (Keras's message in exercise 2): copying it is not the answer.
    assert not kt.check("offline.installed", hashlib.sha256(whole).hexdigest()[:8], keras_home=tmp_path)


@pytest.mark.slow
def test_the_deleting_line_is_asked_once_keras_has_deleted_the_damaged_file(tmp_path):
    (tmp_path / "datasets").mkdir()
    damaged = tmp_path / "datasets/boston_housing.npz"
    whole = cache.shipped_file(BOSTON).read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])
    line = "os.remove(download_target)"  # keras/src/utils/file_utils.py, in get_file's except branch (Keras 3.13-3.15)
    assert not kt.check("offline.deleting_line", line, keras_home=tmp_path)  # before Keras ran: the file is there
    load = "import keras; keras.datasets.boston_housing.load_data()"
    blocked = dict(os.environ, KERAS_HOME=str(tmp_path), https_proxy="http://127.0.0.1:9", KERAS_BACKEND="numpy")
    run = subprocess.run([sys.executable, "-c", load], env=blocked, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "URL fetch failure" in run.stderr
    assert not damaged.exists()  # Keras's get_file removed it
    assert kt.check("offline.deleting_line", f"`{line}`", keras_home=tmp_path)
    assert not kt.check("offline.deleting_line", "deleted", keras_home=tmp_path)  # the old two-way answer
    assert not kt.check("offline.deleting_line", line, keras_home=tmp_path / "elsewhere")  # not a Keras folder
