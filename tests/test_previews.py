"""Facts, array descriptions, class balance and figures for the datasets chapter."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.previews import pick_examples


def test_describe_arrays_gives_shape_dtype_and_range():
    x = np.array([[0, 5], [3, 255]], dtype=np.uint8)
    text = kt.describe_arrays(((x, np.array([1, 2])), (x[:1], np.array([7]))))
    lines = text.splitlines()
    assert lines[1].split()[:3] == ["x_train", "(2,", "2)"] and lines[1].endswith("0 to 255")
    assert "uint8" in lines[1] and lines[4].endswith("7 to 7")


def test_describe_arrays_on_sequences_and_source():
    data = kt.load_dataset("reuters", num_words=100)
    text = kt.describe_arrays(data)
    assert "largest index 99" in text and text.endswith("source: keras")


def test_class_balance_counts_every_class():
    y = np.array([[0], [2], [2], [1], [2]])
    rows = kt.class_balance(y, ("a", "b", "c"))
    assert rows == [("a", 1, 0.2), ("b", 1, 0.2), ("c", 3, 0.6)]
    assert kt.balance_text(y, ("a", "b", "c"), top=1).split()[:2] == ["c", "3"]


def test_pick_examples_by_class_and_round_robin():
    y = np.repeat(np.arange(4), 5)
    assert set(y[pick_examples(y, 3, cls=2)]) == {2}
    picked = pick_examples(y, 8)
    assert len(set(picked)) == 8 and sorted(np.bincount(y[picked])) == [2, 2, 2, 2]
    with pytest.raises(ValueError, match="No example of class 9"):
        pick_examples(y, 3, cls=9)


def test_image_grid_labels_each_image_with_its_class_name():
    x = np.zeros((6, 8, 8, 3), dtype=np.uint8)
    y = np.array([[0], [1], [2], [0], [1], [2]])
    fig = kt.image_grid(x, y, ("cat", "dog", "owl"), n=6, cols=3)
    titles = sorted(ax.get_title() for ax in fig.axes if ax.get_images())
    assert titles == ["cat", "cat", "dog", "dog", "owl", "owl"]


def test_image_grid_titles_stay_legible_at_page_width():
    x = np.zeros((40, 8, 8), dtype=np.uint8)
    y = np.arange(40) % 10
    fig = kt.image_grid(x, y, [str(c) for c in range(10)])
    shown = [ax for ax in fig.axes if ax.get_images()]
    assert len(shown) == 20 and len(fig.axes) == 20  # four rows of five
    scale = 7.0 / fig.get_size_inches()[0]  # the page shrinks the figure to about 7 inches
    assert all(ax.title.get_fontsize() * scale >= 10 for ax in shown)


def test_dataset_preview_by_class_name_and_errors():
    data = kt.load_dataset("cifar10")
    (fig,) = kt.dataset_preview("cifar10", data, cls="frog")
    assert {ax.get_title() for ax in fig.axes if ax.get_images()} == {"frog"}
    with pytest.raises(ValueError, match="not a class of cifar10. Classes: airplane"):
        kt.dataset_preview("cifar10", data, cls="unicorn")


def test_feature_frame_and_overview():
    (x, y), _ = kt.load_dataset("boston_housing")
    frame = kt.feature_frame(x, y)
    assert frame.shape == (404, 14) and frame["B"].max() <= 400
    with pytest.raises(ValueError, match="no feature names"):
        kt.feature_frame(x, y, name="mnist")
    overview = kt.datasets_overview()
    assert list(overview.index) == kt.list_datasets()
    assert overview.loc["cifar100", "classes"] == 100


def test_dataset_facts_table():
    facts = kt.dataset_facts("fashion_mnist")
    assert ("License", "MIT") in facts.rows
    assert "<table>" in facts._repr_html_() and "Zalando" in str(facts)
