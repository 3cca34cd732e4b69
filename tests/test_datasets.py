import shutil
import warnings

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import cache
from kerastour_helpers.datasets import load as datasets
from kerastour_helpers.datasets import shipped
from kerastour_helpers.datasets.registry import DATASETS

EXPECTED_SOURCE = {  # in the book's order
    "boston_housing": "keras",
    "california_housing": "offline-subset",
    "imdb": "offline-subset",
    "reuters": "keras",
    "mnist": "offline-subset",
    "fashion_mnist": "offline-subset",
    "cifar10": "offline-subset",
    "cifar100": "synthetic",
}


def load_quietly(name, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kt.OfflineDataWarning)
        return kt.load_dataset(name, **kwargs)


def test_registry_lists_the_eight_datasets_of_keras():
    import keras

    assert set(kt.list_datasets()) == {n for n in dir(keras.datasets) if not n.startswith('_')}
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
    if data.source == "keras" or name == "california_housing":
        assert (len(x_train), len(x_test)) == (info.train_size, info.test_size)
    else:
        assert info.offline.note in data.note


def test_banner_false_is_silent_and_the_same_data():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any banner warning would fail here
        quiet = kt.load_dataset("cifar10", banner=False)
    assert quiet.source == "offline-subset" and "subset" in quiet.note
    np.testing.assert_array_equal(quiet[0][0], load_quietly("cifar10")[0][0])


def test_not_complete_data_warns_outside_notebooks():
    with pytest.warns(kt.OfflineDataWarning, match="NOT real data"):
        kt.load_dataset("cifar100")
    with pytest.warns(kt.OfflineDataWarning, match="real subset: the first 200"):
        kt.load_dataset("cifar10")


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist", "cifar10", "imdb", "california_housing", "cifar100"])
def test_every_load_returns_arrays_the_caller_owns(name):
    """Shuffling x in place must not change the next load (nor pair it with the old y)."""
    (x_train, y_train), _ = load_quietly(name)
    before = [list(s) for s in x_train[:5]] if x_train.dtype == object else x_train.copy()
    np.random.default_rng(0).shuffle(x_train)
    y_train[:] = 0
    (x_again, y_again), _ = load_quietly(name)
    if x_again.dtype == object:
        assert [list(s) for s in x_again[:5]] == before
    else:
        np.testing.assert_array_equal(x_again, before)
    assert y_again.any()


def test_fashion_mnist_offline_is_real_images_with_their_labels():
    data = load_quietly("fashion_mnist")
    (x_train, y_train), (x_test, y_test) = data
    labels = np.concatenate([y_train, y_test])
    # Zalando's test CSV, first 1,000 rows: these class counts (PROVENANCE.md).
    assert np.bincount(labels).tolist() == [108, 89, 99, 112, 114, 83, 106, 102, 96, 91]
    assert "real" in data.note and "synthetic" not in data.note and "1,000" in data.note
    # Real garments: trousers (1) are tall and narrow, bags (8) wide; made-up blobs are neither.
    width = lambda cls: (x_train[y_train == cls] > 50).any(axis=1).sum(axis=1).mean()  # noqa: E731
    assert width(1) < width(8)


def test_california_offline_applies_keras_split_rules_to_the_real_rows(tmp_path, monkeypatch):
    """Keras's own loader, fed the shipped rows in their order, gives exactly what load_dataset gives."""
    from keras.src.datasets import california_housing as keras_ch

    x, y = shipped._california_rows()
    path = tmp_path / "california_housing.npz"
    np.savez(path, x=x, y=y)
    monkeypatch.setattr(keras_ch, "get_file", lambda *a, **k: str(path))
    for options in ({}, {"version": "small"}, {"test_split": 0.3, "seed": 1}):
        theirs = keras_ch.load_data(**options)
        ours = load_quietly("california_housing", **options)
        for a, b in zip(ours, theirs):
            for u, v in zip(a, b):
                np.testing.assert_array_equal(u, v)
    data = load_quietly("california_housing")
    assert "another row order" in data.note and len(x) == 20640


def test_imdb_offline_is_real_sentences_encoded_with_keras_word_index():
    data = load_quietly("imdb")
    (x_train, y_train), _ = data
    assert "sentences" in data.note and sorted(np.unique(y_train)) == [0, 1]
    words_of = {rank + 3: word for word, rank in kt.load_word_index("imdb").items()} | {1: "<start>", 2: "<oov>"}
    words = [words_of[i] for i in x_train[0]]
    assert words[0] == "<start>" and sum(w == "<oov>" for w in words) <= len(words) // 4
    raw = cache.shipped_file("imdb/imdb_labelled.txt").read_text(encoding="utf-8").lower()
    assert " ".join(w for w in words[1:] if w != "<oov>")[:20] in raw.replace(",", "").replace(".", "")


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
    with pytest.raises(TypeError, match="num_wrds; it takes num_words, skip_top"):
        kt.load_dataset("imdb", num_wrds=100)
    with pytest.raises(TypeError, match="label_mode; it takes no keyword argument"):
        kt.load_dataset("mnist", label_mode="fine")


@pytest.mark.parametrize("name, default", [("mnist", "mnist.npz"), ("reuters", "reuters.npz")])
def test_path_is_refused_truthfully_with_the_fix(name, default):
    """Keras's loaders do take path=; the error used to say that mnist's 'accepts: none'."""
    with pytest.raises(TypeError, match=rf"path; it takes .*Keras's path= names its file in Keras's cache: load_dataset "
                                        rf"keeps Keras's '{default}'.*keras.datasets.{name}.load_data\(path=...\)"):
        kt.load_dataset(name, path="elsewhere.npz")


def test_cifar100_label_modes():
    (_, fine), _ = load_quietly("cifar100")
    (_, coarse), _ = load_quietly("cifar100", label_mode="coarse")
    assert fine.max() < 100 and coarse.max() < 20 and len(np.unique(coarse)) == 20
    mapping = np.asarray(kt.dataset_info("cifar100").extra["coarse_of_fine"])
    np.testing.assert_array_equal(mapping[fine[:, 0]], coarse[:, 0])
    with pytest.raises(ValueError, match="fine"):
        kt.load_dataset("cifar100", label_mode="medium")


def test_imdb_sentences_answer_keras_options():
    (x_train, _), (x_test, _) = load_quietly("imdb", num_words=500, maxlen=20)
    assert all(len(s) <= 20 for s in x_train) and all(max(s) < 500 for s in x_test)
    assert all(s[0] == 1 for s in x_train)  # start_char
    assert len(x_train) < 500  # maxlen dropped the longer sentences, as Keras drops long reviews


@pytest.mark.parametrize(
    "name, kwargs, error, words",
    [
        ("imdb", {"seed": "x"}, TypeError, "seed must be a whole number; got 'x'"),
        ("imdb", {"num_words": "100"}, TypeError, "num_words must be None or a whole number of 1 or more"),
        ("imdb", {"maxlen": -1}, ValueError, "maxlen must be None or a whole number of 1 or more; got -1"),
        ("reuters", {"test_split": 2.0}, ValueError, "test_split must be a fraction from 0 up to"),
        ("boston_housing", {"test_split": float("nan")}, ValueError, "test_split must be a fraction from 0 up to .*nan"),
        ("california_housing", {"test_split": float("inf")}, ValueError, "test_split must be a fraction"),
        ("boston_housing", {"test_split": "0.2"}, TypeError, "test_split must be a fraction"),
        ("california_housing", {"version": "tiny"}, ValueError, "'large' or 'small'"),
        ("imdb", {"skip_top": True}, TypeError, "skip_top must be a whole number of 0 or more"),
    ],
)
def test_wrong_arguments_get_a_clear_error_naming_the_fix(name, kwargs, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(")) as err:
        kt.load_dataset(name, **kwargs)
    assert "Keras's default" in str(err.value)


def test_wrong_hash_in_keras_cache_is_reported_and_kept(keras_datasets_dir):
    bad = keras_datasets_dir / "mnist.npz"
    bad.write_bytes(b"half a download")
    with pytest.raises(kt.DataFileError, match="mnist.npz") as err:
        kt.load_dataset("mnist")
    assert "delete" in str(err.value)
    assert bad.read_bytes() == b"half a download"


def test_corrupt_shipped_file_names_the_file_and_the_fix(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(cache.DATA_DIR, copy)
    truncated = copy / "mnist" / "t10k-labels-idx1-ubyte.gz"
    truncated.write_bytes(truncated.read_bytes()[:100])
    monkeypatch.setattr(cache, "DATA_DIR", copy)
    shipped.mnist.cache_clear()
    try:
        with pytest.raises(kt.DataFileError, match="t10k-labels-idx1-ubyte.gz.*git checkout"):
            load_quietly("mnist")
    finally:
        shipped.mnist.cache_clear()
    assert truncated.stat().st_size == 100  # reported, not deleted


def test_failed_download_falls_back_and_says_so_in_a_readers_words(monkeypatch, keras_datasets_dir):
    """The banner used to quote this machine's resolver error, cut mid-word ("[Errno -2] Name or s")."""
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    data = load_quietly("fashion_mnist")
    assert data.source == "offline-subset"
    assert data.note.endswith("Keras could not download its files here (kt.doctor() says why); on a network, "
                              "the same call loads Keras's complete dataset.")
    assert "DNS" not in data.note and "tests may not" not in data.note  # the blocked network's own words
    assert not any(keras_datasets_dir.rglob("*images*")), "a failed download left a file behind"


def test_shipped_files_match_their_checksums():
    for name in cache._shipped_sums():
        cache.shipped_file(name)


def test_shipped_keras_files_carry_the_hashes_keras_checks():
    """The hashes come from Keras's own loaders; every byte-identical copy must match them."""
    checked = 0
    for info in DATASETS.values():
        pairs = [(datasets.keras_files(info.name), info.offline.keras_files)]
        if "word_index" in info.extra:
            (f,) = datasets.keras_files(info.name, "get_word_index")
            pairs.append(((f,), {f.name: info.extra["word_index"]}))
        for keras_files, shipped_copies in pairs:
            for f in keras_files:
                if f.name in shipped_copies:
                    assert f.file_hash and cache.hash_matches(cache.DATA_DIR / shipped_copies[f.name], f.file_hash)
                    checked += 1
    assert checked == 4  # boston, reuters and its word index, the IMDB word index


def test_loaded_dataset_banner_and_repr():
    data = load_quietly("cifar10")
    assert "not Keras&#x27;s complete dataset" in data.banner._repr_html_()
    assert repr(data) == "LoadedDataset('cifar10', source='offline-subset', train=160, test=40)"
    with pytest.raises(ValueError):
        datasets.LoadedDataset((1, 2), (3, 4), name="x", source="made-up", note="")


def test_installing_into_cache_never_overwrites(keras_datasets_dir):
    target = keras_datasets_dir / "boston_housing.npz"
    target.write_bytes(b"not the real file")
    with pytest.raises(kt.DataFileError, match="boston_housing.npz"):
        kt.load_dataset("boston_housing")
    assert target.read_bytes() == b"not the real file"


@pytest.mark.parametrize("name", ["reuters", "imdb"])  # Keras's own loader; the shipped sentences
def test_a_maxlen_that_keeps_nothing_says_what_to_do(keras_datasets_dir, name):
    """Reuters' maxlen=1 ended in Keras's 'max() arg is an empty sequence'."""
    with pytest.raises(ValueError, match="maxlen=1 keeps no sequence: Keras keeps only sequences shorter than "
                                         r"maxlen \(the start token counts\). Pass a larger maxlen, e.g. maxlen=200"):
        load_quietly(name, maxlen=1)


def test_dataset_names_in_any_case_and_the_closest_ones():
    assert kt.dataset_info("MNIST") is kt.dataset_info("mnist")
    with pytest.raises(kt.UnknownDatasetError, match="Unknown dataset 'mnits'. Did you mean mnist"):
        kt.dataset_info("mnits")
