"""Run a piece of Keras code under each installed backend, each in a fresh Python process.

Keras reads ``KERAS_BACKEND`` once, when it is imported, so one process can only
ever run one backend. :func:`run_under_backends` starts one process per backend
(all at once), with ``KERAS_BACKEND`` set, runs the same script in each, and
returns what each printed. Backends that are not installed are not an error:
the result says how to add them (``pip install jax``), so a chapter runs on a
laptop with one backend as well as on a machine with all three.

Example::

    >>> runs = kt.run_under_backends("import keras; print(keras.backend.backend())")
    >>> runs["jax"]
    'jax\\n'
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

BACKENDS = ("tensorflow", "jax", "torch")
INSTALL_HINT = {"tensorflow": "pip install tensorflow", "jax": "pip install jax", "torch": "pip install torch"}


class BackendRunError(RuntimeError):
    """A backend's process failed; the message holds the end of its error output."""


def installed_backends() -> list:
    """The Keras backends whose package can be imported here, in the order of ``BACKENDS``.

    Example::

        >>> kt.installed_backends()
        ['tensorflow', 'jax', 'torch']
    """
    return [b for b in BACKENDS if importlib.util.find_spec(b) is not None]


class BackendRuns(dict):
    """``{backend: what its process printed}`` for the backends that ran, and what happened to the others.

    ``skipped`` maps each backend that did not run to the reason (not installed, with the
    command that installs it; or skipped on request).
    """

    def __init__(self, printed: dict, skipped: dict):
        super().__init__(printed)
        self.skipped = dict(skipped)

    @property
    def missing(self) -> list:
        """The backends that are not installed here."""
        return [b for b, why in self.skipped.items() if why.startswith("not installed")]

    def __str__(self):
        width = max(map(len, BACKENDS))
        lines = [f"{b:{width}}  ran: {out.strip().splitlines()[-1] if out.strip() else '(printed nothing)'}"
                 for b, out in self.items()]
        lines += [f"{b:{width}}  {why}" for b, why in self.skipped.items()]
        return "\n".join(lines)

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def _child_environment(backend: str) -> dict:
    env = dict(os.environ, KERAS_BACKEND=backend)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # keep TensorFlow's start-up logs out of the error text
    return env


def _failure(backend: str, returncode: int, stderr: str) -> BackendRunError:
    tail = "\n".join(stderr.strip().splitlines()[-15:])
    return BackendRunError(f"The {backend} process failed (exit code {returncode}). Its last output:\n{tail}")


def run_under_backends(script: str, backends=None, skip=(), cwd=None, timeout: float = 600) -> BackendRuns:
    """Run the Python source ``script`` once per backend, each in a fresh process, all at once.

    ``backends``: the backends to try (default: all three); those not installed are
    reported in the result's ``skipped`` with the command that installs them.
    ``skip``: backends not to run (a name or a list), e.g. the one this notebook
    already runs. The processes start in ``cwd`` (default: the current folder), with
    this Python and this environment plus ``KERAS_BACKEND``. A process that fails raises
    :class:`BackendRunError` with the end of its error output, and the others are stopped.

    Example::

        >>> runs = kt.run_under_backends("import keras; print(keras.backend.backend())", skip="tensorflow")
        >>> print(runs)
        jax         ran: jax
        torch       ran: torch
        tensorflow  skipped: asked not to run it
    """
    if not isinstance(script, str) or not script.strip():
        raise TypeError("run_under_backends() needs the script as Python source text, e.g. 'import keras; ...'.")
    if cwd is not None and not os.path.isdir(cwd):
        raise FileNotFoundError(f"cwd={str(cwd)!r} is not a folder: pass an existing folder for the processes to start in.")
    backends = list(BACKENDS if backends is None else ([backends] if isinstance(backends, str) else backends))
    skip = {skip} if isinstance(skip, str) else set(skip)
    unknown = sorted(b for b in {*backends, *skip} if b not in BACKENDS)
    if unknown:
        raise ValueError(f"Unknown backend(s) {', '.join(map(repr, unknown))}. Choose from: {', '.join(BACKENDS)}.")
    installed = set(installed_backends())
    skipped, to_run = {}, []
    for b in backends:
        if b in skip:
            skipped[b] = "skipped: asked not to run it"
        elif b not in installed:
            skipped[b] = f"not installed: {INSTALL_HINT[b]}, restart the kernel and run this again"
        else:
            to_run.append(b)
    command = [sys.executable, "-c", script]
    procs = {
        b: subprocess.Popen(command, env=_child_environment(b), cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
        for b in to_run
    }
    printed = {}
    try:
        for backend, proc in procs.items():
            try:
                out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise BackendRunError(f"The {backend} process ran longer than {timeout:g} s and was stopped.") from None
            if proc.returncode != 0:
                raise _failure(backend, proc.returncode, err)
            printed[backend] = out
    finally:  # on any error, stop the processes this call started
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return BackendRuns(printed, skipped)
