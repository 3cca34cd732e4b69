"""The architecture chapter's helpers: model registry, data preparation, stack figure, comparisons."""

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import architectures as arch
from kerastour_helpers import crossbackend as cb
from kerastour_helpers import stack_figure


def test_registry_lists_the_chapter_models_in_order():
    assert kt.list_models() == ["mlp_sequential", "mlp_functional", "mlp_subclassed", "convnet", "gru", "cnn_gru"]


def test_unknown_model_names_the_valid_ones():
    with pytest.raises(arch.UnknownModelError, match="mlp_functional, mlp_subclassed, convnet"):
        kt.build_model("resnet")
    with pytest.raises(arch.UnknownModelError):
        arch.model_spec(None)


def test_three_ways_build_the_same_network():
    counts = arch.parameter_counts(["mlp_sequential", "mlp_functional", "mlp_subclassed"])
    # 784 inputs x HIDDEN units + biases, then HIDDEN x 10 + biases.
    expected = 784 * arch.HIDDEN + arch.HIDDEN + arch.HIDDEN * 10 + 10
    assert set(counts.values()) == {expected}
    shapes = {name: [w.shape for w in kt.build_model(name).get_weights()] for name in counts}
    assert shapes["mlp_sequential"] == shapes["mlp_functional"] == shapes["mlp_subclassed"]


def test_same_weights_give_the_same_outputs_for_the_three_ways():
    x = arch.probe_inputs("mlp_sequential")
    outs = [
        arch.set_deterministic_weights(kt.build_model(n), seed=3).predict(x, verbose=0)
        for n in ("mlp_sequential", "mlp_functional", "mlp_subclassed")
    ]
    np.testing.assert_array_equal(outs[0], outs[1])
    np.testing.assert_array_equal(outs[0], outs[2])


@pytest.mark.parametrize("name", ["convnet", "gru", "cnn_gru"])
def test_models_map_their_inputs_to_class_probabilities(name):
    model = kt.build_model(name)
    classes = {"mnist": 10, "reuters": arch.NUM_TOPICS}[arch.model_spec(name).dataset]
    out = model.predict(arch.probe_inputs(name, n=4), verbose=0)
    assert out.shape == (4, classes)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)


def test_cnn_front_end_shortens_the_sequence_for_the_gru():
    model = kt.build_model("cnn_gru")
    gru_layer = next(layer for layer in model.layers if layer.__class__.__name__ == "GRU")
    steps = gru_layer.input.shape[1]
    assert steps == (arch.MAXLEN - 5 + 1) // 4
    assert kt.check("architecture.gru_steps", steps)


def test_deterministic_weights_depend_only_on_the_seed():
    a = arch.set_deterministic_weights(kt.build_model("convnet"), seed=1).get_weights()
    b = arch.set_deterministic_weights(kt.build_model("convnet"), seed=1).get_weights()
    c = arch.set_deterministic_weights(kt.build_model("convnet"), seed=2).get_weights()
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not all(np.array_equal(x, y) for x, y in zip(a, c))


def test_prepare_inputs_scales_images_and_pads_sequences():
    images = np.full((3, 28, 28), 255, dtype=np.uint8)
    flat = arch.prepare_inputs("mlp_functional", images)
    assert flat.shape == (3, 784) and flat.dtype == np.float32 and flat.max() == 1.0
    assert arch.prepare_inputs("convnet", images).shape == (3, 28, 28, 1)
    seqs = arch.prepare_inputs("gru", [[5, 6], list(range(1, 300))])
    assert seqs.shape == (2, arch.MAXLEN)
    assert list(seqs[0][-2:]) == [5, 6] and seqs[0][0] == 0  # padded at the front
    assert seqs[1][-1] == 299  # long ones keep their end


def test_load_model_data_is_ready_to_fit(keras_datasets_dir):
    ((x_train, y_train), (x_test, y_test)), source = arch.load_model_data("cnn_gru")
    assert source == "keras"  # Reuters ships complete, byte for byte
    assert x_train.shape == (8982, arch.MAXLEN) and x_test.shape == (2246, arch.MAXLEN)
    assert y_train.ndim == 1 and y_train.max() == arch.NUM_TOPICS - 1


def test_show_code_is_the_builders_source():
    src = arch.model_source("mlp_subclassed")
    assert "class MLP(keras.Model)" in src and "def call(self, inputs)" in src
    assert "def mlp_subclassed" in src
    shown = kt.show_code("gru")
    assert "keras.layers.GRU(32)" in shown.text and "GRU" in shown._repr_html_()
    assert not hasattr(shown, "_repr_latex_")  # a LaTeX form would pull MathJax into the book


@pytest.mark.parametrize("name", arch.list_models())
def test_shown_code_runs_as_shown_and_builds_the_same_model(name):
    src = arch.model_source(name)
    assert src.startswith("import keras\n") and "_subclassed_class" not in src
    for constant in ("HIDDEN", "MAXLEN", "NUM_WORDS", "NUM_TOPICS"):
        if constant in src:
            assert f"{constant} = {getattr(arch, constant):_}" in src
    namespace = {}
    exec(src, namespace)  # nothing but the shown text: it must be self-contained
    shown = namespace[name]()
    assert shown.count_params() == arch.build_model(name).count_params()


def test_stack_figure_draws_every_tier():
    import matplotlib

    matplotlib.use("Agg")
    fig = kt.draw_keras_stack()
    texts = {t.get_text() for t in fig.axes[0].texts}
    for tier, parts, _ in stack_figure.KERAS_STACK:
        assert tier in texts and set(parts) <= texts
    assert {"TensorFlow", "JAX", "PyTorch"} <= texts
    with pytest.raises(ValueError, match="at least one tier"):
        kt.draw_keras_stack([])


def _fake_report(backend, outputs, loss, trained=True):
    model = {"params": 10, "outputs": outputs, "loss_before": loss}
    if trained:
        model.update(loss_after=loss / 2, fit_seconds=1.5, epoch_losses=[loss, loss / 2])
    return {"backend": backend, "backend_version": "1.0", "models": {"m": model}}


def test_comparison_table_measures_differences_from_the_reference():
    reports = {
        "tensorflow": _fake_report("tensorflow", [[0.5, 0.5]], 2.0),
        "jax": _fake_report("jax", [[0.5, 0.5001]], 2.0),
        "torch": _fake_report("torch", [[0.4, 0.6]], 2.0, trained=False),
    }
    comparison = cb.BackendComparison(reports)
    assert comparison.max_output_difference("m", "tensorflow") == 0.0
    assert comparison.max_output_difference("m", "jax") == pytest.approx(1e-4)
    assert comparison.max_output_difference("m", "torch") == pytest.approx(0.1)
    rows = list(comparison.rows())
    assert rows[1]["max |output - tensorflow|"] == "1.0e-04"
    assert rows[0]["loss after training"] == "1.0000" and rows[2]["loss after training"] == "-"
    assert "jax 1.0" in str(comparison) and "<table>" in comparison._repr_html_()


def test_bad_backend_or_model_fails_before_any_process_starts(monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError("no process may start")

    monkeypatch.setattr(cb.subprocess, "Popen", no_process)
    monkeypatch.setattr(cb.subprocess, "run", no_process)
    with pytest.raises(ValueError, match="Choose from: tensorflow, jax, torch"):
        cb.run_under_backends(["mlp_functional"], ["theano"])
    with pytest.raises(arch.UnknownModelError, match="Choose one of"):
        cb.run_under_backends(["lenet"], ["jax"])
    monkeypatch.setattr(cb.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(cb.BackendRunError, match="pip install jax"):
        cb.run_under_backends(["mlp_functional"], ["jax"])


def test_a_failing_backend_process_reports_its_error():
    with pytest.raises(cb.BackendRunError, match="(?s)exit code 1.*boom"):
        cb._parse("jax", "some output\n", "Traceback\nRuntimeError: boom\n", 1)
    assert cb._parse("jax", 'noise\nKERASTOUR-REPORT {"backend": "jax"}\n', "", 0) == {"backend": "jax"}


def test_this_process_can_stand_in_for_its_own_backend(monkeypatch):
    import keras

    monkeypatch.setattr(cb.subprocess, "Popen", lambda *a, **k: (_ for _ in ()).throw(AssertionError("no process")))
    reports = cb.run_under_backends(
        ["mlp_functional"], [keras.backend.backend()], reuse_this_process=True, n_train=64, epochs=0
    )
    model = reports[keras.backend.backend()]["models"]["mlp_functional"]
    assert model["params"] == arch.parameter_counts(["mlp_functional"])["mlp_functional"]
    assert "loss_after" not in model  # epochs=0: no training


def test_importing_the_chapter_modules_imports_no_backend():
    import subprocess
    import sys

    code = (
        "import sys; import kerastour_helpers.architectures, kerastour_helpers.crossbackend, "
        "kerastour_helpers.stack_figure; "
        "print(sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_processes_are_stopped_when_the_comparison_fails(monkeypatch):
    import keras

    started = []

    class FakeProcess:
        def __init__(self, *args, **kwargs):
            self.killed = False
            started.append(self)

        def poll(self):
            return 0 if self.killed else None

        def kill(self):
            self.killed = True

        def wait(self):
            return 0

    def failing_report(*args, **kwargs):
        raise RuntimeError("in-process run failed")

    here = keras.backend.backend()
    other = next(b for b in cb.BACKENDS if b != here)
    monkeypatch.setattr(cb.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(cb, "report", failing_report)
    with pytest.raises(RuntimeError, match="in-process run failed"):
        cb.run_under_backends(["mlp_functional"], [here, other], reuse_this_process=True)
    assert len(started) == 1 and started[0].killed


def test_cache_is_filled_once_before_the_processes_start(keras_datasets_dir):
    for f in ("reuters.npz", "reuters_word_index.json"):
        (keras_datasets_dir / f).unlink(missing_ok=True)
    cb.warm_keras_cache(["gru", "cnn_gru", "convnet"])
    assert (keras_datasets_dir / "reuters.npz").is_file()
    ((x_train, _), _), source = arch.load_model_data("gru")
    assert source == "keras" and len(x_train) == 8982
