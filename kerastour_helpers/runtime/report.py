"""What the reader is running on: Keras backend and version, devices, GPU, Colab.

Each backend has one small probe that lists its ``(kind, name)`` devices; the probes are plain
functions in ``DEVICE_PROBES`` so that tests can fake them.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
from dataclasses import dataclass, field

from ..figures.tables import Table


def _tensorflow_devices():
    import tensorflow as tf

    return [(d.device_type, d.name) for d in tf.config.list_physical_devices()]


def _jax_devices():
    import jax

    return [("GPU" if d.platform in ("gpu", "cuda", "rocm") else d.platform.upper(),
             f"{d.platform}:{d.id} {getattr(d, 'device_kind', '')}".strip()) for d in jax.devices()]


def _torch_devices():
    import torch

    found = [("CPU", "cpu")]
    found += [("GPU", f"cuda:{i} {torch.cuda.get_device_name(i)}")
              for i in range(torch.cuda.device_count() if torch.cuda.is_available() else 0)]
    mps = getattr(torch.backends, "mps", None)
    return found + ([("GPU", "mps (Apple silicon)")] if mps is not None and mps.is_available() else [])


DEVICE_PROBES = {"tensorflow": _tensorflow_devices, "jax": _jax_devices, "torch": _torch_devices}
BACKEND_MODULES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}


@dataclass
class Environment:
    """``kt.environment()``'s answer: a table in a notebook, aligned text elsewhere."""

    backend: str
    keras_version: str
    backend_version: str
    devices: list = field(default_factory=list)
    gpu: bool = False
    colab: bool = False
    python: str = platform.python_version()

    @property
    def advice(self) -> str:
        if self.gpu:
            return "A GPU is present: Keras uses it automatically, no code change needed."
        if self.colab:
            return "No GPU yet: in Colab choose Runtime > Change runtime type > GPU, then run again."
        return "No GPU found: everything runs on the CPU (the book's examples are sized for it)."

    @property
    def table(self) -> Table:
        return Table([
            ("Keras", self.keras_version),
            ("Backend", f"{self.backend} {self.backend_version}"),
            ("Devices", "; ".join(name for _, name in self.devices) or "none found"),
            ("GPU", "yes" if self.gpu else "no"),
            ("Colab", "yes" if self.colab else "no"),
            ("Python", self.python),
        ], note=self.advice)

    def __str__(self):
        return repr(self.table)

    def _repr_html_(self):
        return self.table._repr_html_()

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def environment() -> Environment:
    """Report the active Keras backend, its devices, and whether a GPU is there.

    Example (in a notebook it shows as a table)::

        >>> print(kt.environment())
        Keras    3.15.1
        Backend  tensorflow 2.21.0
        Devices  /physical_device:CPU:0
        GPU      no
        Colab    no
        Python   3.11.7
        No GPU found: everything runs on the CPU (the book's examples are sized for it).
    """
    import keras

    backend = keras.backend.backend()
    module = importlib.import_module(BACKEND_MODULES.get(backend, backend))
    devices = DEVICE_PROBES[backend]() if backend in DEVICE_PROBES else [("CPU", "cpu")]
    return Environment(backend, keras.__version__, getattr(module, "__version__", "?"), devices,
                       gpu=any(kind == "GPU" for kind, _ in devices),
                       colab="google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ)
