"""The architecture chapter's models under TensorFlow, JAX and PyTorch, each in its own process.

Keras reads KERAS_BACKEND once, at import, so every backend gets a fresh Python
process (``python -m kerastour_helpers.crossbackend``). The reports are then
compared: the same parameter counts, the same outputs for the same weights, the
same loss before training, and a loss that goes down with a short training run.
"""

import importlib.util

import pytest

from kerastour_helpers import architectures as arch
from kerastour_helpers import crossbackend as cb

BACKENDS = ("tensorflow", "jax", "torch")
MISSING = [b for b in BACKENDS if importlib.util.find_spec(b) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"backend(s) {MISSING} not installed: pip install -r requirements-test.txt"
)


@pytest.fixture(scope="module")
def comparison():
    # 128 real examples, 2 epochs of 64: a few optimizer steps per model and backend.
    reports = cb.run_under_backends(
        arch.list_models(), BACKENDS, parallel=True, n_train=128, epochs=2, batch_size=64
    )
    return cb.BackendComparison(reports, reference="tensorflow")


def test_each_process_ran_the_backend_it_was_given(comparison):
    for backend, report in comparison.reports.items():
        assert report["backend"] == backend
        assert set(report["models"]) == set(arch.list_models())


@pytest.mark.parametrize("name", arch.list_models())
def test_same_parameter_count_everywhere(comparison, name):
    counts = {b: r["models"][name]["params"] for b, r in comparison.reports.items()}
    assert len(set(counts.values())) == 1, counts
    assert counts["tensorflow"] > 0


@pytest.mark.parametrize("name", arch.list_models())
def test_same_outputs_for_the_same_weights(comparison, name):
    outputs = comparison.reports["tensorflow"]["models"][name]["outputs"]
    assert len(outputs) == 8  # the probe batch
    for backend in ("jax", "torch"):
        assert comparison.max_output_difference(name, backend) < 1e-5, backend


@pytest.mark.parametrize("name", arch.list_models())
def test_same_loss_before_training(comparison, name):
    losses = [r["models"][name]["loss_before"] for r in comparison.reports.values()]
    assert max(losses) - min(losses) < 1e-4 * max(losses), losses


@pytest.mark.parametrize("name", arch.list_models())
def test_training_lowers_the_loss_on_every_backend(comparison, name):
    after = {}
    for backend, report in comparison.reports.items():
        m = report["models"][name]
        assert m["loss_after"] < m["loss_before"], (backend, m["loss_before"], m["loss_after"])
        after[backend] = m["loss_after"]
    # Dropout masks and some update rules differ between backends, so the losses after
    # training agree only closely, not exactly.
    spread = (max(after.values()) - min(after.values())) / min(after.values())
    assert spread < 0.02, after


def test_three_ways_give_the_same_network_on_every_backend(comparison):
    for backend, report in comparison.reports.items():
        ways = [report["models"][n] for n in ("mlp_sequential", "mlp_functional", "mlp_subclassed")]
        assert ways[0]["outputs"] == ways[1]["outputs"] == ways[2]["outputs"], backend
