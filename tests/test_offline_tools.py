"""doctor, files and import (``python -m kerastour_helpers ...``) for readers without Keras's hosts.

In-process tests point Keras's cache at a fresh folder by setting the value Keras read from
KERAS_HOME at import (``keras.src.backend.config._KERAS_DIR``), so both Keras and Keras Tour
look there. The end-to-end tests run the command line and Keras in subprocesses with KERAS_HOME
set and every download made to fail at once (a proxy on a closed local port).
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kerastour_helpers import cache
from kerastour_helpers.__main__ import main
from kerastour_helpers.datasets.load import keras_files, list_datasets
from kerastour_helpers.runtime import doctor as doc

REPO = Path(__file__).resolve().parents[1]
DATA = cache.DATA_DIR
SHIPPED_KERAS_FILES = [  # real files Keras fetches, byte for byte, as Keras Tour ships them
    "boston_housing/boston_housing.npz",
    "reuters/reuters.npz",
    "imdb/imdb_word_index.json",
    "reuters/reuters_word_index.json",
    "mobilenet/mobilenet_2_5_128_tf.h5",
    "mobilenet/mobilenet_2_5_224_tf_no_top.h5",
    "imagenet/imagenet_class_index.json",
]


def snapshot(folder: Path) -> dict:
    """Every file and folder under ``folder`` with its content's sha256 (folders: None)."""
    if folder.is_file():
        return {".": hashlib.sha256(folder.read_bytes()).hexdigest()}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """A fresh, empty Keras cache that Keras and Keras Tour both use for this test."""
    import keras.src.backend.config as config

    home = tmp_path / "keras-home"
    home.mkdir()
    monkeypatch.setattr(config, "_KERAS_DIR", str(home))
    assert cache.keras_cache_dir() == home
    return home


def folder_with(tmp_path, files: dict) -> Path:
    """A folder holding ``{name: bytes}``, as a reader's download folder would."""
    folder = tmp_path / "fetched"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def shipped_bytes(relative: str) -> bytes:
    return cache.shipped_file(relative).read_bytes()


def offline_env(keras_home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "all_proxy")}
    # Files and caches do not depend on the backend: NumPy's is the quickest to import.
    env.update(KERAS_HOME=str(keras_home), KERASTOUR_OFFLINE="1", KERAS_BACKEND="numpy",
               TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(REPO))
    for name in ("https_proxy", "http_proxy", "HTTPS_PROXY", "HTTP_PROXY"):
        env[name] = "http://127.0.0.1:9"  # nothing listens there: any download fails at once
    return env


def run(args, keras_home):
    return subprocess.run([sys.executable, *args], env=offline_env(keras_home), cwd=REPO, capture_output=True,
                          text=True, timeout=300)


# --- Which files: read from Keras ---------------------------------------------------------------


@pytest.mark.slow
def test_book_files_are_the_files_keras_fetches():
    listed = {(f.file.subdir, f.file.name): f.file for f in doc.book_files()}
    for name in list_datasets():
        for keras_file in keras_files(name):
            assert listed[(keras_file.subdir, keras_file.name)] == keras_file
    mobilenet = [f for f in doc.book_files() if f.group == "MobileNet"]
    assert {f.file.name for f in mobilenet} == {"mobilenet_2_5_128_tf.h5", "mobilenet_2_5_224_tf_no_top.h5"}
    assert all(f.file.file_hash is None for f in mobilenet)  # Keras checks none


def test_class_index_is_found_even_after_decode_predictions_loaded_it():
    import keras.src.applications.imagenet_utils as imagenet_utils

    loaded = {"0": ["n01440764", "tench"]}
    imagenet_utils.CLASS_INDEX = loaded
    doc.book_files.cache_clear()
    try:
        names = [f.file.name for f in doc.select("imagenet_class_index")]
        assert names == [os.path.basename(imagenet_utils.CLASS_INDEX_PATH)]
        assert imagenet_utils.CLASS_INDEX is loaded
    finally:
        imagenet_utils.CLASS_INDEX = None


def test_shipped_copies_are_the_same_files():
    for f in doc.book_files():
        if f.shipped:
            expected = f.file.file_hash or cache.shipped_sha256(f.shipped)
            assert cache.hash_matches(DATA / f.shipped, expected), f
    fashion = {f.file.name: f.shipped for f in doc.select("fashion_mnist")}
    # MNIST's t10k-images file has the same name but is not Fashion-MNIST's
    assert fashion["t10k-images-idx3-ubyte.gz"] is None
    assert fashion["t10k-labels-idx1-ubyte.gz"] == "fashion_mnist/t10k-labels-idx1-ubyte.gz"


# --- files --------------------------------------------------------------------------------------


def test_files_gives_address_hash_and_destination(keras_home):
    text = doc.files_text("reuters")
    for f in doc.select("reuters"):
        assert f.file.origin in text and f.file.file_hash in text and str(keras_home / f.destination) in text
    assert "none: Keras checks no hash" in doc.files_text("MobileNet")


def test_files_urls_one_address_per_line(capsys):
    assert main(["files", "--urls"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == list(dict.fromkeys(f.file.origin for f in doc.book_files()))


def test_files_selects_datasets_or_models_by_keras_cache_folder():
    models, datasets = doc.select("models"), doc.select("datasets")
    assert {f.group for f in models} == {"MobileNet", "imagenet_class_index"}
    assert all(f.file.subdir.startswith("datasets") for f in datasets)
    assert len(models) + len(datasets) == len(doc.book_files()) and doc.select("MODELS") == models


def test_files_unknown_choice_names_the_choices(capsys):
    assert main(["files", "mnsit"]) == 2
    err = capsys.readouterr().err
    assert "'mnsit'" in err and "mnist" in err and "MobileNet" in err


# --- import: what is refused changes nothing ----------------------------------------------------


def test_import_refuses_a_truncated_file(tmp_path, keras_home):
    content = shipped_bytes("boston_housing/boston_housing.npz")
    folder = folder_with(tmp_path, {"boston_housing.npz": content[: len(content) // 2]})
    before = snapshot(keras_home)
    report = doc.import_folder(folder)
    assert report.problems == 1 and "refused" in str(report) and "wrong hash" in str(report)
    assert snapshot(keras_home) == before


def test_import_refuses_a_wrong_file(tmp_path, keras_home):
    folder = folder_with(tmp_path, {
        "boston_housing.npz": shipped_bytes("reuters/reuters.npz"),  # hashed by Keras
        "mobilenet_2_5_128_tf.h5": shipped_bytes("mobilenet/mobilenet_2_5_224_tf_no_top.h5"),  # not hashed by Keras
    })
    before = snapshot(keras_home)
    report = doc.import_folder(folder)
    assert report.problems == 2
    assert "wrong hash" in str(report) and "not the file Keras Tour ships" in str(report)
    assert snapshot(keras_home) == before


def test_import_reports_an_unknown_file(tmp_path, keras_home, capsys):
    folder = folder_with(tmp_path, {"mnist (1).npz": b"not Keras's"})
    before = snapshot(keras_home)
    assert main(["import", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "unknown" in out and "mnist (1).npz" in out
    assert snapshot(keras_home) == before


def test_import_knows_the_name_a_download_tool_gives(tmp_path, keras_home):
    report = doc.import_folder(folder_with(tmp_path, {"cifar-10-python.tar.gz": b"not the archive"}))
    assert "datasets/cifar-10-batches-py-target_archive" in str(report) and "unknown" not in str(report)


def test_import_never_overwrites(tmp_path, keras_home):
    good = shipped_bytes("boston_housing/boston_housing.npz")
    (keras_home / "datasets").mkdir()
    (keras_home / "datasets" / "boston_housing.npz").write_bytes(good[:100])  # an interrupted download
    before = snapshot(keras_home)
    report = doc.import_folder(folder_with(tmp_path, {"boston_housing.npz": good}))
    assert report.problems == 1 and "never overwrites" in str(report)
    assert snapshot(keras_home) == before


def test_import_into_a_cache_path_that_is_a_file(tmp_path, keras_home):
    (keras_home / "datasets").write_text("in the way")
    before = snapshot(keras_home)
    report = doc.import_folder(folder_with(tmp_path, {"reuters.npz": shipped_bytes("reuters/reuters.npz")}))
    assert report.problems == 1 and "is a file" in str(report)
    assert snapshot(keras_home) == before


def test_import_a_folder_that_is_not_there(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_import_installs_and_then_finds_present(tmp_path, keras_home):
    folder = folder_with(tmp_path, {"reuters.npz": shipped_bytes("reuters/reuters.npz")})
    first = doc.import_folder(folder)
    assert first.problems == 0 and "installed" in str(first)
    assert cache.hash_matches(keras_home / "datasets" / "reuters.npz", keras_files("reuters")[0].file_hash)
    installed = snapshot(keras_home)
    second = doc.import_folder(folder)
    assert second.problems == 0 and "present" in str(second)
    assert snapshot(keras_home) == installed


def test_import_from_an_empty_folder_says_what_it_checked(tmp_path, keras_home, capsys):
    """It printed "Every file is in Keras's cache." and exit status 0, with the cache empty."""
    folder = folder_with(tmp_path, {".hidden": b"skipped"})
    (folder / "empty-subfolder").mkdir()
    assert main(["import", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"No file there: {folder} and its subfolders hold none (names starting with '.' are skipped)" in out
    assert out.rstrip().endswith("Nothing was installed.") and "Every file" not in out
    assert snapshot(keras_home) == {}


def test_import_names_a_subfolder_it_cannot_read(tmp_path, keras_home, monkeypatch):
    """An unreadable subfolder was skipped without a word."""
    folder = folder_with(tmp_path, {"reuters.npz": shipped_bytes("reuters/reuters.npz")})
    (folder / "locked").mkdir()
    (folder / "locked" / "boston_housing.npz").write_bytes(shipped_bytes("boston_housing/boston_housing.npz"))
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # as root, chmod 000 would not stop it
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = doc.import_folder(folder)
    assert report.problems == 1
    words = " ".join(str(report).split())  # the reason wraps to a phone's width
    assert "unreadable locked/ cannot list this folder (Permission denied): its files were not checked" in words
    assert str(report).endswith("1 file(s) not installed.")
    assert sorted(snapshot(keras_home)) == ["datasets", "datasets/reuters.npz"]


# --- doctor -------------------------------------------------------------------------------------


def test_doctor_states_of_files(keras_home):
    datasets, models = keras_home / "datasets", keras_home / "models"
    datasets.mkdir()
    models.mkdir()
    (datasets / "reuters.npz").write_bytes(shipped_bytes("reuters/reuters.npz"))
    (datasets / "boston_housing.npz").write_bytes(b"half a file")
    (models / "mobilenet_2_5_128_tf.h5").write_bytes(shipped_bytes("mobilenet/mobilenet_2_5_128_tf.h5"))
    (models / "mobilenet_2_5_224_tf_no_top.h5").write_bytes(b"someone else's weights")
    (datasets / "mnist.npz").mkdir()
    states = {f.file.name: f.state() for f in doc.book_files()}
    assert states["reuters.npz"] == "present, right hash"
    assert states["boston_housing.npz"] == "WRONG HASH"
    assert states["mobilenet_2_5_128_tf.h5"] == "present, Keras Tour's copy"
    assert states["mobilenet_2_5_224_tf_no_top.h5"].startswith("present, NOT Keras Tour's copy")
    assert states["mnist.npz"] == "IN THE WAY: a folder: move it away"
    assert states["imdb.npz"] == "missing" and states["reuters_word_index.json"] == "missing; Keras Tour has it"
    report = doc.doctor(hosts=False)
    assert report.problems == 3 and "datasets/boston_housing.npz" in str(report)


def test_doctor_files_and_advice_fit_a_phone(keras_home):
    files_part = str(doc.doctor(hosts=False)).split("in Keras's cache folder")[1]  # all missing: the widest usual states
    assert max(map(len, files_part.splitlines()[1:])) <= 80, files_part  # after the folder's own line


def test_hosts_without_network_say_no_answer():
    hosts = ["storage.googleapis.com", "www.cs.toronto.edu"]
    answers = doc.probe_hosts(hosts, timeout=1)  # conftest blocks the network
    assert list(answers) == hosts and all(a.startswith("no answer") for a in answers.values())


# --- end to end: the command line, then Keras's own loaders, with no network ------------------------


@pytest.mark.slow
def test_shipped_files_import_then_load_through_keras(tmp_path):
    folder = tmp_path / "fetched"
    folder.mkdir()
    for relative in SHIPPED_KERAS_FILES:
        shutil.copyfile(cache.shipped_file(relative), folder / Path(relative).name)
    home = tmp_path / "keras-home"
    result = run(["-m", "kerastour_helpers", "import", str(folder)], home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("installed") == len(SHIPPED_KERAS_FILES)

    keras_only = (  # no Keras Tour here: Keras's own loaders on Keras's own cache
        "import keras, numpy as np\n"
        "(x, y), _ = keras.datasets.boston_housing.load_data()\n"
        "(r, _), _ = keras.datasets.reuters.load_data()\n"
        "assert len(keras.datasets.imdb.get_word_index()) > 80000 and keras.datasets.reuters.get_word_index()\n"
        "m = keras.applications.MobileNet(alpha=0.25, input_shape=(128, 128, 3), weights='imagenet')\n"
        "keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3), weights='imagenet')\n"
        "top = keras.applications.imagenet_utils.decode_predictions(np.eye(1000)[[1]])[0][0]\n"
        "print(x.shape, len(r), m.count_params(), top[1])\n"
    )
    loaded = run(["-c", keras_only], home)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert loaded.stdout.split()[:2] == ["(404,", "13)"] and loaded.stdout.split()[-1] == "goldfish"

    before = snapshot(home)
    again = run(["-m", "kerastour_helpers", "import", str(folder)], home)
    assert again.returncode == 0 and again.stdout.count("present") == len(SHIPPED_KERAS_FILES)
    assert snapshot(home) == before

    checked = run(["-m", "kerastour_helpers", "doctor", "--timeout", "2"], home)
    assert checked.returncode == 0, checked.stderr
    assert re.search(r"present, right hash +datasets/boston_housing\.npz", checked.stdout)
    assert re.search(r"storage\.googleapis\.com +no answer", checked.stdout)


@pytest.fixture
def read_only(request):
    """Make a folder read-only for this process (root ignores permissions: then ``chattr +i``)."""
    made = []

    def make(folder: Path):
        if os.geteuid() != 0:
            folder.chmod(0o555)
        elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root, and chattr +i is not available to make a folder read-only")
        made.append(folder)

    yield make
    for folder in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_import_into_a_read_only_cache_changes_nothing(tmp_path, keras_home, read_only):
    (keras_home / "datasets").mkdir()
    read_only(keras_home / "datasets")
    before = snapshot(keras_home)
    report = doc.import_folder(folder_with(tmp_path, {"boston_housing.npz": shipped_bytes("boston_housing/boston_housing.npz")}))
    assert report.problems == 1
    assert "Cannot write into" in str(report) and "nothing was changed" in str(report)
    assert snapshot(keras_home) == before


def test_reports_show_as_text_in_a_notebook(keras_home):
    from IPython.lib.pretty import pretty

    report = doc.doctor(hosts=False)
    assert pretty(report) == str(report) and pretty(report).startswith("Keras Tour doctor")


def test_import_a_file_with_no_hash_to_check_warns(tmp_path, keras_home):
    unhashed = doc.BookFile("someone", "keras.applications.Someone()", cache.KerasFile("w.h5", "models", "https://h/w.h5", None))
    source = folder_with(tmp_path, {"w.h5": b"weights"}) / "w.h5"
    assert unhashed.shipped is None and unhashed.state() == "missing"
    outcome, message = doc._import_one(source, unhashed)
    assert outcome == "installed" and "WARNING" in message and "unchecked" in message
    assert (keras_home / "models" / "w.h5").read_bytes() == b"weights"
    assert unhashed.state() == "present (Keras checks no hash)"


def test_doctor_says_where_a_broken_link_points_and_what_to_do(keras_home):
    """It called the link "missing", a file `ls` shows."""
    (keras_home / "datasets").mkdir()
    (keras_home / "datasets" / "reuters.npz").symlink_to("/media/usb/reuters.npz")
    (state,) = [f.state() for f in doc.select("reuters") if f.file.name == "reuters.npz"]
    assert state == ("IN THE WAY: a link to /media/usb/reuters.npz, which is not there (a drive not mounted?): "
                     "reconnect it, or remove the link")
    assert doc.doctor(hosts=False).problems == 1
    assert os.readlink(keras_home / "datasets" / "reuters.npz") == "/media/usb/reuters.npz"


def test_doctor_reports_a_file_it_cannot_read_instead_of_crashing(keras_home, monkeypatch):
    """A cache shared between users: PermissionError stopped the whole report."""
    (keras_home / "datasets").mkdir()
    (keras_home / "datasets" / "reuters.npz").write_bytes(b"another user's")
    monkeypatch.setattr(cache, "_digest", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    report = doc.doctor(hosts=False)
    assert "IN THE WAY: unreadable (ask its owner: chmod a+r)  datasets/reuters.npz" in str(report)
    assert report.problems == 1


def test_a_host_that_does_not_answer_is_explained_in_words(monkeypatch):
    """The doctor's table once quoted the resolver ("[Errno -2] Name or service not known")."""
    import socket
    import urllib.error
    import urllib.request

    from kerastour_helpers.runtime import doctor

    def fails(request, timeout):
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", fails)
    (answer,) = doctor.probe_hosts(["example.org"]).values()
    assert answer == "no answer: name not found (no network, or no DNS)"
    assert "Errno" not in answer
