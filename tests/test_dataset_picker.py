"""The datasets chapter's picker: its callbacks, and what it draws for a choice."""

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.datasets import LoadedDataset
from kerastour_helpers.datasets.load import UnknownDatasetError
from kerastour_helpers.display import Preformatted
from kerastour_helpers.widgets import dataset_picker as dp


@pytest.fixture
def recording_picker(monkeypatch):
    """The picker with a view that records each choice it is asked to draw."""
    drawn = []
    monkeypatch.setattr(dp, "view", lambda dataset, cls: drawn.append((dataset, cls)) or [])
    return lambda **kwargs: (kt.dataset_picker(**kwargs), drawn)


def test_the_default_choice_is_drawn_once_as_a_static_output(recording_picker):
    chosen, drawn = recording_picker()
    assert drawn == [("mnist", dp.ALL_CLASSES)]
    assert chosen.controls["dataset"].options[0] == "mnist"
    assert sorted(chosen.controls["dataset"].options) == sorted(kt.list_datasets())
    assert list(chosen.controls["cls"].options) == [dp.ALL_CLASSES] + [str(i) for i in range(10)]


def test_a_new_dataset_gets_its_own_classes_and_one_redraw(recording_picker):
    chosen, drawn = recording_picker()
    chosen.controls["cls"].value = "7"
    assert drawn[-1] == ("mnist", "7")
    chosen.controls["dataset"].value = "cifar10"
    assert drawn[-1] == ("cifar10", dp.ALL_CLASSES)
    assert len(drawn) == 3  # the default, the class, the dataset: no redraw with a stale class
    assert list(chosen.controls["cls"].options)[1:] == list(kt.dataset_info("cifar10").class_names)
    chosen.controls["cls"].value = "ship"
    assert drawn[-1] == ("cifar10", "ship")


def test_text_and_table_datasets_offer_no_class_choice(recording_picker):
    chosen, drawn = recording_picker()
    for name in ("reuters", "boston_housing", "imdb"):
        chosen.controls["dataset"].value = name
        assert list(chosen.controls["cls"].options) == [dp.ALL_CLASSES]
        assert drawn[-1] == (name, dp.ALL_CLASSES)


def test_choices_can_be_limited_and_bad_names_are_explained(recording_picker):
    chosen, drawn = recording_picker(datasets=["reuters", "cifar10"])
    assert list(chosen.controls["dataset"].options) == ["reuters", "cifar10"]
    assert drawn == [("reuters", dp.ALL_CLASSES)]
    with pytest.raises(UnknownDatasetError, match="Choose one of: boston_housing"):
        kt.dataset_picker(datasets=["mnist", "svhn"])


def test_only_image_datasets_offer_classes_read_from_the_registry():
    for name in kt.list_datasets():
        info = kt.dataset_info(name)
        expected = list(info.class_names) if info.kind == "image" else []
        assert dp.class_choices(name) == [dp.ALL_CLASSES] + expected


def test_the_view_of_an_image_class_shows_only_that_class():
    shown = dp.view("mnist", "3")
    banner, facts, grid = shown
    assert isinstance(dp._load("mnist"), LoadedDataset)
    assert banner.source == dp._load("mnist").source != "keras"  # the offline subset is labelled
    assert facts.loc["License"].iloc[0] == "CC BY-SA 3.0"
    assert {t.get_text() for t in grid.axes[0].texts} == {"3"}
    with pytest.raises(ValueError, match="not a class of mnist"):
        dp.view("mnist", "cat")


def test_the_view_of_a_text_set_decodes_examples_with_the_right_offset():
    shown = dp.view("reuters")
    assert shown[0].loc["Dataset"].iloc[0] == "Reuters newswire topics"  # real data: no banner, facts first
    texts = [item.text for item in shown if isinstance(item, Preformatted)]
    assert len(texts) == 2
    assert all("label" in t and ": <start> " in t for t in texts)
    (x_train, y_train), _ = dp._load("reuters")
    first = int(np.flatnonzero(y_train == 0)[0])
    assert texts[0].startswith(f"x_train[{first}], label 0 (cocoa)")


def test_the_view_of_a_table_has_its_feature_names_and_target():
    for name in ("boston_housing", "california_housing"):
        shown = dp.view(name)
        frame = next(item for item in shown if hasattr(item, "columns") and "target" in item.columns)
        assert list(frame.columns) == list(kt.dataset_info(name).extra["feature_names"]) + ["target"]


def test_one_name_alone_is_a_list_of_one(recording_picker):
    chosen, drawn = recording_picker(datasets="cifar10")
    assert list(chosen.controls["dataset"].options) == ["cifar10"] and drawn == [("cifar10", dp.ALL_CLASSES)]
