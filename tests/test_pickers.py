import pytest

import kerastour_helpers as kt


def test_picker_draws_the_default_then_redraws_on_change():
    drawn = []
    chosen = kt.picker(lambda dataset, size: drawn.append((dataset, size)), dataset=["mnist", "cifar10"], size=[1, 2])
    assert drawn == [("mnist", 1)]  # the static output for the default choice
    chosen.controls["dataset"].value = "cifar10"
    assert drawn[-1] == ("cifar10", 1)
    chosen.controls["size"].value = 2
    assert drawn[-1] == ("cifar10", 2)


def test_set_options_switches_to_the_new_first_option():
    drawn = []
    chosen = kt.picker(lambda name, cls: drawn.append((name, cls)), name=["a", "b"], cls=["x", "y"])
    chosen.set_options("cls", ["p", "q"])
    assert chosen.selection == {"name": "a", "cls": "p"}


def test_picker_needs_options():
    with pytest.raises(ValueError, match="at least one choice"):
        kt.picker(print)
    with pytest.raises(ValueError, match="'dataset' has no options"):
        kt.picker(print, dataset=[])
