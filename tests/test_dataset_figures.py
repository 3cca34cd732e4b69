"""The datasets chapter's figures and facts table: laid out from the registry and the reader's arrays."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import kerastour_helpers as kt
from kerastour_helpers.figures.datasets import _pick as pick_examples


def test_the_facts_table_has_one_row_per_dataset_read_from_the_registry():
    table = kt.datasets_table()
    assert list(table.index) == kt.list_datasets()
    for name in table.index:
        info = kt.dataset_info(name)
        assert table.loc[name, "kind"] == info.kind
        assert table.loc[name, "train / test"] == f"{info.train_size:,} / {info.test_size:,}"
        assert table.loc[name, "offline in Keras Tour"] == info.offline.note
    assert table.loc["reuters", "classes"] == 46 and table.loc["boston_housing", "classes"] == "-"
    assert table.loc["cifar10", "one y"] == "(1,)" and table.loc["mnist", "one y"] == "scalar"
    assert list(kt.datasets_table(["mnist", "imdb"]).index) == ["mnist", "imdb"]


def test_the_facts_table_names_an_unknown_dataset():
    with pytest.raises(kt.UnknownDatasetError, match="Choose one of: boston_housing"):
        kt.datasets_table(["mnist", "svhn"])


def test_pick_examples_by_class_and_in_turn():
    y = np.repeat(np.arange(4), 5)
    assert set(y[pick_examples(y, 3, cls=2)]) == {2}
    picked = pick_examples(y, 8)
    assert len(set(picked.tolist())) == 8 and sorted(np.bincount(y[picked])) == [2, 2, 2, 2]
    with pytest.raises(ValueError, match="No example of class 9"):
        pick_examples(y, 3, cls=9)


def test_image_grid_titles_each_image_with_its_class_name():
    x = np.zeros((6, 8, 8, 3), dtype=np.uint8)
    y = np.array([[0], [1], [2], [0], [1], [2]])  # CIFAR's (n, 1) labels
    fig = kt.image_grid(x, y, ("cat", "dog", "owl"), n=6, cols=3)
    (ax,) = fig.axes  # one image of all the tiles, one name above each
    assert sorted(t.get_text() for t in ax.texts) == ["cat", "cat", "dog", "dog", "owl", "owl"]
    assert ax.get_images()[0].get_array().shape == (2 * (round(8 * 0.45) + 8 + 1), 3 * (8 + 1) - 1, 3)


def test_image_grid_of_one_class_and_legible_at_page_width():
    x = np.zeros((40, 8, 8), dtype=np.uint8)
    y = np.arange(40) % 10
    fig = kt.image_grid(x, y, [str(c) for c in range(10)], cls=3)
    assert {t.get_text() for t in fig.axes[0].texts} == {"3"}
    fig = kt.image_grid(x, y, [str(c) for c in range(10)])
    names = fig.axes[0].texts
    assert len(names) == 20
    scale = 7.0 / fig.get_size_inches()[0]  # the page shrinks the figure to about 7 inches
    assert all(t.get_fontsize() * scale >= 10 for t in names)


def test_image_grid_explains_bad_input():
    with pytest.raises(ValueError, match="one label each"):
        kt.image_grid(np.zeros((3, 8, 8)), np.zeros(2, dtype=int), ["a"])
    with pytest.raises(ValueError, match="Labels must be 0 to 1, one per name in class_names; got labels from 0 to 4"):
        kt.image_grid(np.zeros((2, 8, 8)), np.array([0, 4]), ["a", "b"])


@pytest.mark.parametrize("x, y, options, says", [
    (np.zeros((0, 8, 8), np.uint8), np.zeros(0, int), {}, "at least one"),  # was numpy's "zero-size array"
    (np.zeros((2, 8, 8), np.uint8), np.array([0, -1]), {}, "got labels from -1 to 0"),  # was drawn as "b"
    (np.zeros((2, 8, 8), np.uint8), np.array([0, 1]), {"cols": 0}, r"cols= is how many images per row.*cols=5"),
])
def test_image_grid_refuses_what_it_cannot_draw_right(x, y, options, says):
    with pytest.raises(ValueError, match=says):
        kt.image_grid(x, y, ["a", "b"], **options)


@pytest.mark.parametrize("rgb", [False, True])
def test_image_grid_draws_0_to_1_floats_as_bright_as_0_to_255_pixels(rgb):
    """Float images in [0, 1] (x / 255, as models take them) used to be drawn black (vmax=255)."""
    pixels = np.random.default_rng(0).integers(0, 256, (2, 8, 8, 3) if rgb else (2, 8, 8)).astype(np.uint8)
    drawn = []
    for x in (pixels, pixels / 255.0):
        canvas = FigureCanvasAgg(kt.image_grid(x, np.array([0, 1]), ["a", "b"], n=2, cols=2))
        canvas.draw()
        drawn.append(np.asarray(canvas.buffer_rgba()))
    np.testing.assert_array_equal(drawn[0], drawn[1])
    assert drawn[1][..., :3].std() > 10  # not one flat colour


def test_histogram_marks_the_median_and_the_given_lines():
    fig = kt.histogram([1, 2, 3, 10], "tokens", marks={"maxlen=5": 5})
    (ax,) = fig.axes
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["median 2.5", "maxlen=5"]
    assert ax.get_lines()[1].get_xdata()[0] == 5
    with pytest.raises(ValueError, match="at least one value"):
        kt.histogram([], "tokens")


def test_one_name_alone_is_one_dataset_not_its_letters():
    """datasets_table("mnist") said "Unknown dataset 'm'"."""
    assert list(kt.datasets_table("mnist").index) == ["mnist"]
