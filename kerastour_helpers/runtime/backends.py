"""Run Keras code under each installed backend, one fresh process each (Keras reads KERAS_BACKEND once)."""

import importlib.util
import os
import subprocess
import sys

from ..display import Table, as_names, choose

BACKENDS = ("tensorflow", "jax", "torch")


class BackendRunError(RuntimeError):
    """A backend's process failed; the message holds the end of its error output."""


def installed_backends() -> list:
    """The Keras backends whose package can be imported here, e.g. ``kt.installed_backends() == ['tensorflow', 'jax']``."""
    return [b for b in BACKENDS if importlib.util.find_spec(b) is not None]


class BackendRuns(dict):
    """``{backend: what its process printed}``; ``skipped`` maps each other backend to why it did not run."""

    def __init__(self, printed: dict, skipped: dict):
        super().__init__(printed)
        self.skipped = skipped

    def __str__(self):
        ran = [(b, f"ran: {out.strip().splitlines()[-1] if out.strip() else '(printed nothing)'}") for b, out in self.items()]
        return repr(Table(ran + list(self.skipped.items())))

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def run_under_backends(script: str, backends=None, skip=(), cwd=None, timeout: float = 600) -> BackendRuns:
    """Run the Python source ``script`` once per backend (``backends``, default all; less ``skip``), each in
    a fresh process in ``cwd``, all at once; a failure raises :class:`BackendRunError` and stops the others.
    Example: ``kt.run_under_backends("import keras; print(keras.backend.backend())", skip="tensorflow")``."""
    if not isinstance(script, str) or not script.strip():
        raise TypeError("run_under_backends() needs the script as Python source text, e.g. 'import keras; ...'.")
    if cwd is not None and not os.path.isdir(cwd):
        raise FileNotFoundError(f"cwd={str(cwd)!r} is not a folder: pass an existing folder for the processes to start in.")
    backends = [choose(b, BACKENDS, "backend") for b in (BACKENDS if backends is None else as_names(backends))]
    skip = {choose(b, BACKENDS, "backend") for b in as_names(skip)}
    skipped = {b: "skipped: asked not to run it" if b in skip else
               f"not installed: pip install {b}, restart the kernel and run this again"
               for b in backends if b in skip or b not in installed_backends()}
    procs = {b: subprocess.Popen([sys.executable, "-c", script], env=os.environ | {"KERAS_BACKEND": b},
                                 cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for b in backends if b not in skipped}
    printed = {}
    try:
        for backend, proc in procs.items():
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise BackendRunError(f"The {backend} process ran longer than {timeout:g} s and was stopped.") from None
            if proc.returncode != 0:
                tail = "\n".join(err.strip().splitlines()[-15:])
                raise BackendRunError(f"The {backend} process failed (exit code {proc.returncode}). Its last output:\n{tail}")
            printed[backend] = out
    finally:  # on any error, stop the processes this call started (kill leaves a finished one alone)
        for proc in procs.values():
            proc.kill()
            proc.wait()
    return BackendRuns(printed, skipped)
