"""The training-analysis plots: right numbers for good input, clear errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


class FakeHistory:  # what model.fit returns: an object with a .history dict
    def __init__(self, history):
        self.history = history


HISTORY = {"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.8, 0.9], "val_accuracy": [0.4, 0.7, 0.75]}


def test_history_curves_one_panel_per_metric_with_train_and_validation():
    fig = kt.plot_history(FakeHistory(HISTORY))
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    loss_axis = fig.axes[0]
    assert [list(line.get_ydata()) for line in loss_axis.get_lines()] == [HISTORY["loss"], HISTORY["val_loss"]]
    assert list(loss_axis.get_lines()[0].get_xdata()) == [1, 2, 3]


def test_history_without_validation_draws_training_only():
    fig = kt.plot_history({"loss": [3.0, 2.0]})
    assert len(fig.axes[0].get_lines()) == 1


@pytest.mark.parametrize("empty", [{}, {"loss": []}, FakeHistory({})])
def test_empty_history_says_to_train_first(empty):
    with pytest.raises(ValueError, match="history is empty.*model.fit"):
        kt.plot_history(empty)


def test_history_of_the_wrong_type_and_unknown_metrics():
    with pytest.raises(TypeError, match="History that model.fit"):
        kt.plot_history([0.5, 0.4])
    with pytest.raises(ValueError, match="No metric auc.*It has: loss, accuracy"):
        kt.plot_history(HISTORY, metrics=["auc"])


def test_confusion_matrix_counts_by_hand():
    matrix = kt.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]


def test_confusion_matrix_agrees_with_scikit_learn_and_accepts_scores():
    from sklearn.metrics import confusion_matrix as sk_confusion

    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 5, 300)
    scores = rng.random((300, 5))
    expected = sk_confusion(y_true, scores.argmax(1), labels=range(5))
    assert (kt.confusion_matrix(y_true, scores, 5) == expected).all()
    assert (kt.confusion_matrix(y_true.astype(float), scores.argmax(1), 5) == expected).all()


def test_most_confused_is_the_largest_off_diagonal_cell():
    matrix = np.array([[50, 2, 0], [9, 40, 1], [0, 3, 60]])
    assert kt.most_confused(matrix, ["a", "b", "c"]) == ("b", "a", 9)


def test_confusion_matrix_plot_shows_class_names_and_counts():
    fig = kt.plot_confusion_matrix([0, 1, 1], [0, 1, 0], ["cat", "dog"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog"]
    assert sorted(t.get_text() for t in ax.texts) == ["0", "1", "1", "1"]


@pytest.mark.parametrize(
    "y_true, y_pred, message",
    [
        ([0, 1, 2], [0, 1], "3 examples but y_pred has 2"),
        ([0, 1, 5], [0, 1, 1], "outside 0..2"),
        ([0.5, 1, 2], [0, 1, 1], "non-integer"),
        (np.zeros((2, 2, 2)), [0, 1], r"shape \(2, 2, 2\)"),
        ([], [], "empty"),
    ],
)
def test_confusion_matrix_rejects_bad_labels(y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        kt.plot_confusion_matrix(y_true, y_pred, ["a", "b", "c"])


def test_misclassified_examples_are_the_wrong_ones_titled_true_to_predicted():
    images = np.zeros((4, 8, 8), dtype="float32")
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.4, 0.6]])
    assert kt.misclassified([0, 0, 1, 1], scores).tolist() == [1, 2]
    fig = kt.show_misclassified(images, [0, 0, 1, 1], scores, ["even", "odd"], columns=2)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["even → odd\n80%", "odd → even\n70%"]


def test_misclassified_errors():
    with pytest.raises(ValueError, match="batch of images"):
        kt.show_misclassified(np.zeros((4, 8)), [0, 1, 0, 1], [1, 1, 0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="3 images but 4 predictions"):
        kt.show_misclassified(np.zeros((3, 8, 8)), [0, 1, 0, 1], [1, 1, 0, 1], ["a", "b"])
    with pytest.raises(ValueError, match="no mistakes"):
        kt.show_misclassified(np.zeros((2, 8, 8, 1)), [0, 1], [0, 1], ["a", "b"])


def test_pca_projection_finds_separated_clusters():
    rng = np.random.default_rng(1)
    labels = np.repeat([0, 1], 20)
    features = rng.normal(size=(40, 6)) + labels[:, None] * 10.0
    points = plots.project(features, "pca")
    assert points.shape == (40, 2)
    gap = abs(points[labels == 0, 0].mean() - points[labels == 1, 0].mean())
    assert gap > 5 * points[labels == 0, 0].std()


def test_tsne_projection_has_one_point_per_row():
    features = np.random.default_rng(2).normal(size=(30, 4))
    assert plots.project(features, "tsne").shape == (30, 2)


def test_projection_errors_name_the_fix():
    with pytest.raises(ValueError, match="Choose one of: pca, tsne"):
        plots.project(np.zeros((10, 3)), "umap")
    with pytest.raises(ValueError, match=r"2-D array.*\(10,\)"):
        plots.project(np.zeros(10), "pca")
    with pytest.raises(ValueError, match="10 feature rows but 9 labels"):
        kt.plot_projection(np.zeros((10, 3)), np.zeros(9, int), ["a"])


def test_projection_plot_has_one_series_per_class():
    rng = np.random.default_rng(3)
    fig = kt.plot_projection(rng.normal(size=(12, 3)), np.arange(12) % 3, ["x", "y", "z"])
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["x", "y", "z"]
