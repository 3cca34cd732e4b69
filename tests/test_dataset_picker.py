"""The datasets chapter's picker: its callbacks, and what it draws for a choice."""

import matplotlib

matplotlib.use("Agg")

import pytest

import kerastour_helpers as kt
from kerastour_helpers import datapicker as dp
from kerastour_helpers.datasets import LoadedDataset, UnknownDatasetError
from kerastour_helpers.previews import Table
from kerastour_helpers.textsets import DecodedExample


def recording_picker(**kwargs):
    drawn = []
    chosen = kt.dataset_picker(render_fn=lambda dataset, cls: drawn.append((dataset, cls)), **kwargs)
    return chosen, drawn


def test_the_default_choice_is_drawn_once_as_a_static_output():
    chosen, drawn = recording_picker()
    assert drawn == [("mnist", dp.ALL_CLASSES)]
    assert chosen.controls["dataset"].options[0] == "mnist"
    assert sorted(chosen.controls["dataset"].options) == sorted(kt.list_datasets())
    assert list(chosen.controls["cls"].options) == [dp.ALL_CLASSES] + [str(i) for i in range(10)]


def test_a_new_dataset_gets_its_own_classes_and_one_redraw():
    chosen, drawn = recording_picker()
    chosen.controls["cls"].value = "7"
    assert drawn[-1] == ("mnist", "7")
    chosen.controls["dataset"].value = "cifar10"
    assert drawn[-1] == ("cifar10", dp.ALL_CLASSES)
    assert len(drawn) == 3  # the default, the class, the dataset: no redraw with a stale class
    assert list(chosen.controls["cls"].options)[1:] == list(kt.dataset_info("cifar10").class_names)
    chosen.controls["cls"].value = "ship"
    assert drawn[-1] == ("cifar10", "ship")


def test_text_and_table_datasets_offer_no_class_choice():
    chosen, drawn = recording_picker()
    for name in ("reuters", "boston_housing", "imdb"):
        chosen.controls["dataset"].value = name
        assert list(chosen.controls["cls"].options) == [dp.ALL_CLASSES]
        assert drawn[-1] == (name, dp.ALL_CLASSES)


def test_choices_can_be_limited_and_bad_names_are_explained():
    chosen, drawn = recording_picker(datasets=["reuters", "cifar10"])
    assert list(chosen.controls["dataset"].options) == ["reuters", "cifar10"]
    assert drawn == [("reuters", dp.ALL_CLASSES)]
    with pytest.raises(UnknownDatasetError, match="Choose one of: boston_housing"):
        kt.dataset_picker(datasets=["mnist", "svhn"], render_fn=lambda **kw: None)
    with pytest.raises(ValueError, match="not among the choices"):
        dp.DatasetPicker(["mnist"], default="cifar10", render_fn=lambda **kw: None)


def test_the_view_of_an_image_class_shows_only_that_class():
    shown = dp.view("mnist", "3")
    banner, facts, arrays, grid = shown
    assert isinstance(dp._load("mnist"), LoadedDataset)
    assert banner.source == dp._load("mnist").source != "keras"  # the offline subset is labelled
    assert isinstance(facts, Table) and ("License", "CC BY-SA 3.0") in facts.rows
    assert "x_train  (5000, 28, 28)" in arrays
    titles = {ax.get_title() for ax in grid.axes if ax.get_images()}
    assert titles == {"3"}


def test_the_view_of_a_text_set_decodes_examples_with_the_right_offset():
    shown = dp.view("reuters")
    assert isinstance(shown[0], Table)  # the real data: no banner, the facts come first
    decoded = [item for item in shown if isinstance(item, DecodedExample)]
    assert [d.label for d in decoded] == ["cocoa", "grain"]  # the first example of labels 0 and 1
    assert all(d.text.startswith("<start> ") for d in decoded)


def test_the_view_of_boston_has_the_feature_table():
    shown = dp.view("boston_housing")
    frame = next(item for item in shown if hasattr(item, "columns"))
    assert list(frame.columns) == list(kt.dataset_info("boston_housing").extra["feature_names"]) + ["MEDV"]
