"""plot_heatmaps: heat maps laid over a photo, each scaled to its own peak, and its errors."""

import numpy as np
import pytest

import kerastour_helpers as kt


PHOTO = (np.arange(20 * 30 * 3) % 255).reshape(20, 30, 3).astype("uint8")


def test_one_panel_for_the_photo_and_one_per_map_each_scaled_to_its_peak():
    heat = np.array([[0.0, 2.0], [1.0, 4.0]], dtype="float32")
    fig = kt.plot_heatmaps(PHOTO, {"a": heat, "b": np.eye(3)})
    assert [ax.get_title() for ax in fig.axes] == ["photo", "a", "b"]
    overlay = fig.axes[1].get_images()[1].get_array()
    assert overlay.shape == (20, 30)  # stretched to the photo
    assert overlay.max() == pytest.approx(1.0) and overlay[-1, -1] == pytest.approx(1.0)  # the peak cell, scaled to 1
    assert overlay[0, 0] == pytest.approx(0.0)


def test_grid_lines_mark_the_cells():
    fig = kt.plot_heatmaps(PHOTO, {"4x4": np.eye(4)})
    assert len(fig.axes[1].get_lines()) == 3 + 3
    fig = kt.plot_heatmaps(PHOTO, {"4x4": np.eye(4)}, grid=False)
    assert fig.axes[1].get_lines() == []


def test_a_map_that_is_zero_everywhere_says_so():
    fig = kt.plot_heatmaps(PHOTO, {"cup": np.zeros((4, 4))})
    assert "zero everywhere" in fig.axes[1].get_title()
    assert np.all(fig.axes[1].get_images()[1].get_array() == 0)


def test_bad_input_names_the_fix():
    with pytest.raises(ValueError, match=r"one RGB image \(h, w, 3\)"):
        kt.plot_heatmaps(np.zeros((20, 30)), {"a": np.eye(4)})
    with pytest.raises(ValueError, match="at least one heat map"):
        kt.plot_heatmaps(PHOTO, {})
    with pytest.raises(ValueError, match="each 2-D and finite"):
        kt.plot_heatmaps(PHOTO, {"a": np.zeros((2, 2, 2))})
    with pytest.raises(ValueError, match="NaN"):
        kt.plot_heatmaps(PHOTO, {"a": np.array([[np.nan, 1.0]])})
