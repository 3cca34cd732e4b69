"""The offline chapter's exercises: the checks look into the Keras folder the exercise made (a TemporaryDirectory)."""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache

BOSTON = "boston_housing/boston_housing.npz"


@pytest.fixture
def home():
    """The exercise's own new, empty Keras folder, as its cell makes it."""
    made = tempfile.TemporaryDirectory(prefix="my-keras-home-")
    yield made
    made.cleanup()


def test_installed_asks_for_the_md5_of_the_right_file_in_the_exercises_new_folder(home):
    whole = cache.shipped_file(BOSTON).read_bytes()
    md5 = hashlib.md5(whole).hexdigest()[:8]
    assert not kt.check("offline.installed", md5, keras_home=home)  # nothing installed
    (Path(home.name) / "datasets").mkdir()
    (Path(home.name) / "datasets/boston_housing.npz").write_bytes(whole[: len(whole) // 2])
    assert not kt.check("offline.installed", hashlib.md5(whole[: len(whole) // 2]).hexdigest()[:8], keras_home=home)
    (Path(home.name) / "datasets/boston_housing.npz").write_bytes(whole)  # what `import` installs
    assert kt.check("offline.installed", ..., keras_home=home).verdict == "Your turn"  # installed is not enough
    assert kt.check("offline.installed", md5.upper(), keras_home=home)
    # The SHA-256 is printed on the page (Keras's message in exercise 2): copying it is not the answer.
    assert not kt.check("offline.installed", hashlib.sha256(whole).hexdigest()[:8], keras_home=home)


def test_installed_refuses_a_folder_the_exercise_did_not_make(tmp_path):
    """A reviewer passed with their own ~/.keras, where Boston's file already was."""
    (tmp_path / "datasets").mkdir()
    shutil.copy(cache.shipped_file(BOSTON), tmp_path / "datasets")
    md5 = hashlib.md5(cache.shipped_file(BOSTON).read_bytes()).hexdigest()[:8]
    with pytest.raises(TypeError, match="TemporaryDirectory"):
        kt.check("offline.installed", md5, keras_home=tmp_path)


@pytest.mark.slow
def test_the_deleting_line_needs_the_damaged_bytes_and_keras_own_messages(home):
    (Path(home.name) / "datasets").mkdir()
    damaged_file = Path(home.name) / "datasets/boston_housing.npz"
    whole = cache.shipped_file(BOSTON).read_bytes()
    damaged = whole[: len(whole) // 2]
    damaged_file.write_bytes(damaged)
    line = "os.remove(download_target)"  # keras/src/utils/file_utils.py:402, in get_file's except branch (Keras 3.15)
    assert not kt.check("offline.deleting_line", line, keras_home=home, damaged=damaged, output="")  # Keras has not run
    load = "import keras; keras.datasets.boston_housing.load_data()"
    blocked = dict(os.environ, KERAS_HOME=home.name, https_proxy="http://127.0.0.1:9", KERAS_BACKEND="numpy")
    run = subprocess.run([sys.executable, "-c", load], env=blocked, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and not damaged_file.exists()  # Keras's get_file removed it
    output = run.stdout + run.stderr
    assert kt.check("offline.deleting_line", f"`{line}`", keras_home=home, damaged=damaged, output=output)
    assert not kt.check("offline.deleting_line", "deleted", keras_home=home, damaged=damaged, output=output)
    assert not kt.check("offline.deleting_line", line, keras_home=home, damaged=damaged, output=run.stderr)  # half of it
    with pytest.raises(ValueError, match="proper prefix"):
        kt.check("offline.deleting_line", line, keras_home=home, damaged=whole, output=output)  # not damaged
    with pytest.raises(ValueError, match="proper prefix"):
        kt.check("offline.deleting_line", line, keras_home=home, damaged=b"x" + damaged[1:], output=output)
    with pytest.raises(TypeError, match="TemporaryDirectory"):
        kt.check("offline.deleting_line", line, keras_home=Path(home.name), damaged=damaged, output=output)
