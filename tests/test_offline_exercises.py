"""The offline chapter's exercises: the checks look into the reader's own Keras folder."""

import os
import subprocess
import sys
import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache

BOSTON = "boston_housing/boston_housing.npz"


def test_installed_needs_keras_own_file_in_the_readers_folder(tmp_path):
    missing = kt.check("offline.installed", keras_home=tmp_path)
    assert not missing and "datasets/boston_housing.npz in your keras_home is missing" in missing.message
    assert str(tmp_path) not in missing.message  # a temporary folder's name means nothing to the reader
    (tmp_path / "datasets").mkdir()
    whole = cache.shipped_file(BOSTON).read_bytes()
    (tmp_path / "datasets/boston_housing.npz").write_bytes(whole[: len(whole) // 2])
    assert not kt.check("offline.installed", keras_home=tmp_path)
    (tmp_path / "datasets/boston_housing.npz").write_bytes(whole)
    assert kt.check("offline.installed", keras_home=tmp_path)


@pytest.mark.slow
def test_keras_deletes_a_damaged_file_when_it_cannot_download_again(tmp_path):
    (tmp_path / "datasets").mkdir()
    damaged = tmp_path / "datasets/boston_housing.npz"
    whole = cache.shipped_file(BOSTON).read_bytes()
    damaged.write_bytes(whole[: len(whole) // 2])
    assert kt.check("offline.damaged_file", "kept", keras_home=tmp_path)  # before Keras ran
    load = "import keras; keras.datasets.boston_housing.load_data()"
    blocked = dict(os.environ, KERAS_HOME=str(tmp_path), https_proxy="http://127.0.0.1:9", KERAS_BACKEND="numpy")
    run = subprocess.run([sys.executable, "-c", load], env=blocked, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "URL fetch failure" in run.stderr
    assert not damaged.exists()  # Keras's get_file removed it
    assert kt.check("offline.damaged_file", "deleted", keras_home=tmp_path)
    assert not kt.check("offline.damaged_file", "kept", keras_home=tmp_path)
    assert not kt.check("offline.damaged_file", "deleted", keras_home=tmp_path / "elsewhere")
