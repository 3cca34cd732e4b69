import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.datasets.text import decode_words, prepare_sequences


def raw_corpus(seed=0, n=60):
    rng = np.random.default_rng(seed)
    xs = [list(rng.integers(1, 400, size=rng.integers(3, 40))) for _ in range(n)]
    return xs, rng.integers(0, 2, size=n)


def with_unknown_words(corpus, unknown_rank=999):
    """The same corpus with some words that Keras's index lacks (None), as in the shipped sentences."""
    xs, ys = corpus
    return [[None if w % 7 == 0 else w for w in x] for x in xs], ys, [[unknown_rank if w % 7 == 0 else w for w in x] for x in xs]


@pytest.mark.parametrize(
    "options",
    [{}, {"num_words": 50}, {"skip_top": 5, "num_words": 100}, {"maxlen": 20, "seed": 1},
     {"start_char": None, "index_from": 0}, {"oov_char": None, "num_words": 30}],
)
def test_prepare_sequences_matches_keras_imdb_loader(tmp_path, monkeypatch, options):
    """Feed the same raw corpus to Keras's own IMDB loader and to ours."""
    from keras.src.datasets import imdb as keras_imdb

    (xtr, ytr), (xte, yte) = raw_corpus(0), raw_corpus(1)
    path = tmp_path / "imdb.npz"
    obj = lambda seqs: np.array([np.array(s) for s in seqs], dtype=object)  # noqa: E731
    np.savez(path, x_train=obj(xtr), y_train=ytr, x_test=obj(xte), y_test=yte)
    monkeypatch.setattr(keras_imdb, "get_file", lambda *a, **k: str(path))
    expected = keras_imdb.load_data(**options)
    got = prepare_sequences((xtr, ytr), (xte, yte), **options)
    for (ex, ey), (gx, gy) in zip(expected, got):
        assert [list(map(int, s)) for s in ex] == [list(map(int, s)) for s in gx]
        np.testing.assert_array_equal(ey, gy)


@pytest.mark.parametrize("options", [{}, {"num_words": 50}, {"oov_char": None, "num_words": 300}])
def test_words_missing_from_the_index_are_out_of_vocabulary(options):
    """A word not in the index behaves like a word beyond num_words: oov_char, or dropped."""
    (xtr_none, ytr, xtr_far), (xte_none, yte, xte_far) = with_unknown_words(raw_corpus(0)), with_unknown_words(raw_corpus(1))
    num_words = options.get("num_words", 500)
    got = prepare_sequences((xtr_none, ytr), (xte_none, yte), **{**options, "num_words": num_words})
    far = prepare_sequences((xtr_far, ytr), (xte_far, yte), **{**options, "num_words": num_words})
    for (gx, _), (fx, _) in zip(got, far):
        assert [list(s) for s in gx] == [list(s) for s in fx]


def test_maxlen_too_small_says_what_to_do():
    with pytest.raises(ValueError, match=r"maxlen=1 keeps no sequence.*Pass a larger maxlen, e.g. maxlen=200, or None"):
        prepare_sequences(raw_corpus(0), raw_corpus(1), maxlen=1)


def test_real_reuters_newswire_decodes_to_english(keras_datasets_dir):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (x_train, _), _ = kt.load_dataset("reuters")
    words = decode_words(x_train[0], kt.load_word_index("reuters")).split()
    assert words[0] == "<start>" and sum(w in ("the", "of", "and", "to", "in", "said") for w in words) >= 3
    assert decode_words([1, 2, 4, 0], {"the": 1}) == "<start> <oov> the <pad>"
    assert decode_words([1, 5], {"the": 1}, index_from=4) == "<start> the"
