"""plot_channels: one panel per channel, on one shared colour scale."""

import numpy as np
import pytest

import kerastour_helpers as kt


def panels(fig):
    return [ax.get_images()[0] for ax in fig.axes if ax.get_images()]


def test_each_channel_is_one_panel_on_a_shared_scale():
    stack = np.random.default_rng(0).normal(size=(5, 5, 10)).astype("float32")
    fig = kt.plot_channels(stack, count=6, columns=4, title="conv_1")
    shown = panels(fig)
    assert len(shown) == 6
    np.testing.assert_array_equal(shown[3].get_array(), stack[..., 3])
    for image in shown:  # one scale for all: the smallest and largest value of the panels shown
        assert image.get_clim() == pytest.approx((stack[..., :6].min(), stack[..., :6].max()))
    assert fig._suptitle.get_text() == "conv_1: 6 of 10 channels, each 5×5"


def test_fewer_channels_than_asked_draws_them_all():
    fig = kt.plot_channels(np.ones((3, 3, 2)), count=16)
    assert len(panels(fig)) == 2


def test_bad_shapes_name_the_fix():
    with pytest.raises(ValueError, match=r"take \[0\] of the batch"):
        kt.plot_channels(np.zeros((1, 4, 4, 3)))
    with pytest.raises(ValueError, match=r"\(h, w, channels\); got \(4, 4\)"):
        kt.plot_channels(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="at least 1"):
        kt.plot_channels(np.zeros((4, 4, 2)), count=0)
