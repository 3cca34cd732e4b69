"""What the reader is running on: Keras backend and version, devices, GPU, Colab.

Each backend has one small probe that lists its devices; the probes are plain
functions in ``DEVICE_PROBES`` so that tests can fake them.
"""

from __future__ import annotations

import html
import os
import platform
import sys
from dataclasses import dataclass, field


def _tensorflow_devices():
    import tensorflow as tf

    return [(d.device_type, d.name) for d in tf.config.list_physical_devices()]


def _jax_devices():
    import jax

    found = []
    for d in jax.devices():
        kind = "GPU" if d.platform in ("gpu", "cuda", "rocm") else d.platform.upper()
        found.append((kind, f"{d.platform}:{d.id} {getattr(d, 'device_kind', '')}".strip()))
    return found


def _torch_devices():
    import torch

    found = [("CPU", "cpu")]
    if torch.cuda.is_available():
        found += [("GPU", f"cuda:{i} {torch.cuda.get_device_name(i)}") for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append(("GPU", "mps (Apple silicon)"))
    return found


DEVICE_PROBES = {"tensorflow": _tensorflow_devices, "jax": _jax_devices, "torch": _torch_devices}
BACKEND_MODULES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}


def in_colab() -> bool:
    """Whether this Python runs in Google Colab, e.g. ``in_colab()`` is ``False`` on a laptop."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


@dataclass
class Environment:
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

    def rows(self):
        return [
            ("Keras", self.keras_version),
            ("Backend", f"{self.backend} {self.backend_version}"),
            ("Devices", "; ".join(name for _, name in self.devices) or "none found"),
            ("GPU", "yes" if self.gpu else "no"),
            ("Colab", "yes" if self.colab else "no"),
            ("Python", self.python),
        ]

    def __str__(self):
        lines = [f"{k:8} {v}" for k, v in self.rows()]
        return "\n".join(lines + [self.advice])

    def _repr_html_(self):
        body = "".join(f"<tr><th style='text-align:left'>{k}</th><td style='text-align:left'>{html.escape(v)}</td></tr>"
                       for k, v in self.rows())
        return f"<table>{body}</table><p>{html.escape(self.advice)}</p>"

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
    import importlib

    import keras

    backend = keras.backend.backend()
    module = importlib.import_module(BACKEND_MODULES.get(backend, backend))
    probe = DEVICE_PROBES.get(backend)
    devices = probe() if probe else [("CPU", "cpu")]
    return Environment(
        backend=backend,
        keras_version=keras.__version__,
        backend_version=getattr(module, "__version__", "?"),
        devices=devices,
        gpu=any(kind == "GPU" for kind, _ in devices),
        colab=in_colab(),
    )
