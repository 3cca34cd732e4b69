import shutil
import warnings

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import datasets, files
from kerastour_helpers.dataset_registry import DATASETS

EXPECTED_SOURCE = {  # in the book's order
    "boston_housing": "keras",
    "imdb": "synthetic",
    "reuters": "keras",
    "mnist": "offline-subset",
    "fashion_mnist": "synthetic",
    "cifar10": "offline-subset",
    "cifar100": "synthetic",
}


def load_quietly(name, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kt.OfflineDataWarning)
        return kt.load_dataset(name, **kwargs)


def test_registry_lists_the_seven_datasets():
    assert kt.list_datasets() == list(EXPECTED_SOURCE)
    for name in kt.list_datasets():
        info = kt.dataset_info(name)
        assert info.title and info.license and info.citation and info.source
        assert info.num_classes is None or len(info.class_names) == info.num_classes


def test_unknown_dataset_lists_the_valid_names():
    with pytest.raises(kt.UnknownDatasetError) as err:
        kt.load_dataset("mnits")
    for name in EXPECTED_SOURCE:
        assert name in str(err.value)


@pytest.mark.parametrize("name", list(EXPECTED_SOURCE))
def test_each_dataset_unpacks_like_keras_with_real_shapes(name):
    data = load_quietly(name)
    (x_train, y_train), (x_test, y_test) = data
    info = kt.dataset_info(name)
    assert data.source == EXPECTED_SOURCE[name]
    assert len(x_train) == len(y_train) > 0 and len(x_test) == len(y_test) > 0
    if isinstance(info.x_shape[0], int):
        assert x_train.shape[1:] == info.x_shape == x_test.shape[1:]
    else:  # text: object arrays of lists of word indices
        assert x_train.dtype == object and isinstance(x_train[0], list)
    assert y_train.shape[1:] == info.y_shape
    if name in ("mnist", "fashion_mnist", "cifar10", "cifar100"):
        assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
        assert set(np.unique(y_train)) <= set(range(info.num_classes))
    if data.source == "keras":
        assert (len(x_train), len(x_test)) == (info.train_size, info.test_size)
    else:
        assert "not" in data.note.lower() or "subset" in data.note.lower()


def test_load_without_banner_is_silent_and_the_same_data():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any banner warning would fail here
        quiet = datasets.load_without_banner("cifar10")
    assert quiet.source == "offline-subset" and "subset" in quiet.note
    np.testing.assert_array_equal(quiet[0][0], load_quietly("cifar10")[0][0])


def test_not_real_data_warns_outside_notebooks():
    with pytest.warns(kt.OfflineDataWarning, match="NOT the real data"):
        kt.load_dataset("fashion_mnist")
    with pytest.warns(kt.OfflineDataWarning, match="real subset"):
        kt.load_dataset("cifar10")


def test_offline_mnist_is_the_real_test_set_and_real_training_digits():
    (x_train, y_train), (x_test, y_test) = load_quietly("mnist")
    assert x_test.shape == (10000, 28, 28) and x_train.shape == (5000, 28, 28)
    assert np.bincount(y_train).tolist() == [500] * 10
    # The real MNIST test labels begin 7, 2, 1, 0, 4, 1, 4, 9.
    assert y_test[:8].tolist() == [7, 2, 1, 0, 4, 1, 4, 9]


def test_offline_cifar10_is_the_first_real_training_images():
    (x_train, y_train), (x_test, _) = load_quietly("cifar10")
    names = kt.dataset_info("cifar10").class_names
    assert [names[i] for i in y_train[:4, 0]] == ["frog", "truck", "truck", "deer"]
    assert x_train[0, 0, 0].tolist() == [59, 62, 63]
    assert len(x_train) + len(x_test) == 200


def test_boston_is_keras_own_loader_and_honours_its_options(keras_datasets_dir):
    import keras

    ours = load_quietly("boston_housing", test_split=0.1, seed=7)
    theirs = keras.datasets.boston_housing.load_data(test_split=0.1, seed=7)
    assert ours.source == "keras"
    for ours_part, their_part in zip(ours, theirs):
        for a, b in zip(ours_part, their_part):
            np.testing.assert_array_equal(a, b)
    assert ours[0][0].shape == (455, 13)


def test_reuters_options_pass_through(keras_datasets_dir):
    (x_train, _), (x_test, _) = load_quietly("reuters", num_words=1000, test_split=0.3)
    assert max(max(seq) for seq in x_train) < 1000
    assert len(x_train) == int(11228 * 0.7)


def test_unknown_keyword_names_the_accepted_ones():
    with pytest.raises(TypeError, match="num_words, skip_top"):
        kt.load_dataset("imdb", num_wrds=100)
    with pytest.raises(TypeError, match="accepts: none"):
        kt.load_dataset("mnist", label_mode="fine")


def test_cifar100_label_modes():
    (_, fine), _ = load_quietly("cifar100")
    (_, coarse), _ = load_quietly("cifar100", label_mode="coarse")
    assert fine.max() < 100 and coarse.max() < 20 and len(np.unique(coarse)) == 20
    mapping = np.asarray(kt.dataset_info("cifar100").extra["coarse_of_fine"])
    np.testing.assert_array_equal(mapping[fine[:, 0]], coarse[:, 0])
    with pytest.raises(ValueError, match="fine"):
        kt.load_dataset("cifar100", label_mode="medium")


def test_synthetic_imdb_answers_keras_options():
    (x_train, _), (x_test, _) = load_quietly("imdb", num_words=500, maxlen=80)
    assert all(len(s) < 80 for s in x_train) and all(max(s) < 500 for s in x_test)
    assert all(s[0] == 1 for s in x_train)  # start_char


def test_wrong_hash_in_keras_cache_is_reported_and_kept(keras_datasets_dir):
    bad = keras_datasets_dir / "mnist.npz"
    bad.write_bytes(b"half a download")
    with pytest.raises(kt.DataFileError, match="mnist.npz") as err:
        kt.load_dataset("mnist")
    assert "delete" in str(err.value)
    assert bad.read_bytes() == b"half a download"


def test_corrupt_shipped_file_names_the_file_and_the_fix(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(files.DATA_DIR, copy)
    truncated = copy / "mnist" / "t10k-labels-idx1-ubyte.gz"
    truncated.write_bytes(truncated.read_bytes()[:100])
    monkeypatch.setattr(files, "DATA_DIR", copy)
    from kerastour_helpers import offline

    offline.mnist_subset.cache_clear()
    try:
        with pytest.raises(kt.DataFileError, match="t10k-labels-idx1-ubyte.gz.*git checkout"):
            load_quietly("mnist")
    finally:
        offline.mnist_subset.cache_clear()
    assert truncated.stat().st_size == 100  # reported, not deleted


def test_failed_download_falls_back_with_the_reason(monkeypatch, keras_datasets_dir):
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    data = load_quietly("fashion_mnist")
    assert data.source == "synthetic"
    assert "download failed" in data.note
    assert not any(keras_datasets_dir.rglob("*images*")), "a failed download left a file behind"


def test_shipped_files_match_their_checksums():
    for name in files._shipped_sums():
        files.shipped_file(name)


def test_shipped_keras_files_carry_keras_hashes():
    for info in DATASETS.values():
        for f in list(info.cache_files) + [info.extra.get("word_index")]:
            if f is not None and f.shipped:
                assert files.hash_matches(files.DATA_DIR / f.shipped, f.file_hash), f.name


def test_loaded_dataset_banner_and_repr():
    data = load_quietly("cifar10")
    assert "offline subset" in data.banner._repr_html_()
    assert repr(data) == "LoadedDataset('cifar10', source='offline-subset', train=160, test=40)"
    with pytest.raises(ValueError):
        datasets.LoadedDataset((1, 2), (3, 4), name="x", source="made-up", note="")


def test_installing_into_cache_never_overwrites(keras_datasets_dir):
    target = keras_datasets_dir / "boston_housing.npz"
    target.write_bytes(b"not the real file")
    with pytest.raises(kt.DataFileError, match="boston_housing.npz"):
        kt.load_dataset("boston_housing")
    assert target.read_bytes() == b"not the real file"
