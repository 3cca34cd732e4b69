import importlib
import subprocess
import sys

import pytest

import kerastour_helpers as kt
from kerastour_helpers.runtime import report as env_mod


def test_import_is_light():
    """Importing the package, and the backends runner (which starts other processes), imports no backend."""
    code = (
        "import sys, kerastour_helpers as kt; kt.__all__; kt.run_under_backends; kt.installed_backends(); "
        "print(sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_environment_stays_a_function_after_doctor_is_used():
    code = (
        "import kerastour_helpers as kt, kerastour_helpers.runtime.doctor, kerastour_helpers.runtime.backends; "
        "kt.doctor; print(callable(kt.environment), kt.environment.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "kerastour_helpers.runtime.report"]


def test_environment_reports_the_active_backend():
    import keras

    report = kt.environment()
    assert report.backend == keras.backend.backend()
    assert report.keras_version == keras.__version__
    assert report.backend_version == importlib.import_module(keras.backend.backend()).__version__  # benchmarks read it
    assert any(kind == "CPU" for kind, _ in report.devices)
    assert str(report).startswith(f"Keras    {keras.__version__}") and "<table" in report._repr_html_()


@pytest.mark.parametrize("backend", ["tensorflow", "jax", "torch"])
@pytest.mark.parametrize("gpu", [True, False])
def test_gpu_detection_with_faked_devices(monkeypatch, backend, gpu):
    import keras

    devices = [("CPU", "cpu:0")] + ([("GPU", "gpu:0 H100")] if gpu else [])
    monkeypatch.setattr(keras.backend, "backend", lambda: backend)
    monkeypatch.setitem(env_mod.DEVICE_PROBES, backend, lambda: devices)
    report = kt.environment()
    assert report.gpu is gpu and report.backend == backend
    assert ("GPU is present" in report.advice) is gpu


def test_colab_without_gpu_says_how_to_switch(monkeypatch):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release-test")
    monkeypatch.setitem(env_mod.DEVICE_PROBES, "tensorflow", lambda: [("CPU", "cpu:0")])
    report = kt.environment()
    assert report.colab and "Change runtime type" in report.advice


@pytest.mark.slow
def test_torch_probe_reads_cuda(monkeypatch):
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i: "Fake GPU")
    assert ("GPU", "cuda:0 Fake GPU") in env_mod._torch_devices()


def test_jax_probe_reads_gpu_platform(monkeypatch):
    jax = pytest.importorskip("jax")

    class FakeDevice:
        platform, id, device_kind = "gpu", 0, "NVIDIA H100"

    monkeypatch.setattr(jax, "devices", lambda: [FakeDevice()])
    assert env_mod._jax_devices() == [("GPU", "gpu:0 NVIDIA H100")]


def test_tensorflow_probe_reads_gpu(monkeypatch):
    tf = pytest.importorskip("tensorflow")

    class FakeDevice:
        device_type, name = "GPU", "/physical_device:GPU:0"

    monkeypatch.setattr(tf.config, "list_physical_devices", lambda *a: [FakeDevice()])
    assert env_mod._tensorflow_devices() == [("GPU", "/physical_device:GPU:0")]


def test_every_public_name_resolves():
    for name, module in kt._EXPORTS.items():
        assert hasattr(importlib.import_module(f"kerastour_helpers.{module}"), name), (name, module)
