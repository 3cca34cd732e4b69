"""What the reader is running on: Keras and backend versions, devices, GPU, Colab."""

import importlib
import os
import platform
import sys

from ..display import Table


# Each backend's probe lists its (kind, name) devices; plain functions, so that tests can fake them.
def _tensorflow_devices():
    return [(d.device_type, d.name) for d in importlib.import_module("tensorflow").config.list_physical_devices()]


def _jax_devices():
    return [("GPU" if d.platform in ("gpu", "cuda", "rocm") else d.platform.upper(),
             f"{d.platform}:{d.id} {getattr(d, 'device_kind', '')}".strip())
            for d in importlib.import_module("jax").devices()]


def _torch_devices():
    torch = importlib.import_module("torch")
    cuda = range(torch.cuda.device_count()) if torch.cuda.is_available() else []
    return ([("CPU", "cpu")] + [("GPU", f"cuda:{i} {torch.cuda.get_device_name(i)}") for i in cuda]
            + ([("GPU", "mps (Apple silicon)")] if torch.backends.mps.is_available() else []))


DEVICE_PROBES = {"tensorflow": _tensorflow_devices, "jax": _jax_devices, "torch": _torch_devices}


class Environment(Table):
    """``kt.environment()``'s answer: a table in a notebook, aligned text elsewhere."""

    def __init__(self, backend: str, keras_version: str, backend_version: str, devices: list, colab: bool = False):
        self.backend, self.keras_version, self.backend_version = backend, keras_version, backend_version
        self.devices, self.colab, self.gpu = devices, colab, any(kind == "GPU" for kind, _ in devices)
        self.advice = ("A GPU is present: Keras uses it automatically, no code change needed." if self.gpu else
                       "No GPU yet: in Colab choose Runtime > Change runtime type > GPU, then run again." if colab else
                       "No GPU found: everything runs on the CPU (the book's examples are sized for it).")
        devices_text = "; ".join(name for _, name in devices) or "none found"
        super().__init__([("Keras", keras_version), ("Backend", f"{backend} {backend_version}"), ("Devices", devices_text),
                          ("GPU", "yes" if self.gpu else "no"), ("Colab", "yes" if colab else "no"),
                          ("Python", platform.python_version())], note=self.advice)


def environment() -> Environment:
    """The active Keras backend, its devices and whether a GPU is there: ``kt.environment()`` shows a
    table (Keras, Backend, Devices, GPU, Colab, Python), then advice."""
    import keras

    backend = keras.backend.backend()
    version = getattr(sys.modules.get(backend), "__version__", "?")  # Keras imported its backend's module
    devices = DEVICE_PROBES[backend]() if backend in DEVICE_PROBES else [("CPU", "cpu")]
    colab = "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ
    return Environment(backend, keras.__version__, version, devices, colab)
