"""Run Keras code in fresh processes, side by side: under each installed backend (Keras reads KERAS_BACKEND
once), or as the processes of one multi-process job (the training chapter)."""

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time

from ..display import Table, as_names, choose

BACKENDS = ("tensorflow", "jax", "torch")


class BackendRunError(RuntimeError):
    """A process failed or ran too long; the message holds the end of its error output."""


def run_together(commands: list, envs=None, cwd=None, timeout: float = 300, names=None, port=None) -> list:
    """Run the commands (argument lists) side by side; return what each printed, once all have succeeded. When one
    fails the others are stopped at once (a JAX process would wait minutes for a lost peer), and on a timeout, an error
    or an interrupt all are, so none holds ``port``; they stay in this process's group, which Jupyter signals too."""
    with socket.socket() as probe:  # the port they will listen on must be free before any starts
        if port is not None and probe.connect_ex(("127.0.0.1", port)) == 0:
            raise BackendRunError(f"Port {port} is in use on this machine (by a run still going?): choose another.")
    logs = [(tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")) for _ in commands]
    procs, start = [], time.monotonic()
    try:
        for command, env, (out, err) in zip(commands, envs or [None] * len(commands), logs):
            procs.append(subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err, text=True))
        while not any(codes := [proc.poll() for proc in procs]) and None in codes:  # until one fails or all end
            if time.monotonic() - start > timeout:
                raise BackendRunError(f"The processes ran longer than {timeout:g} s, and all were stopped.")
            time.sleep(0.05)
        printed = [[log.seek(0) or log.read() for log in pair] for pair in logs]
        for name, code, (_, err) in zip(names or [f"process {i}" for i in range(len(procs))], codes, printed):
            if code:  # JAX's coordinator says this when its port is taken
                taken = " Its port was taken: choose another." if "Failed to start RPC server" in err else ""
                raise BackendRunError(f"{name} failed (exit code {code}); any other was stopped.{taken} Its last "
                                      "output:\n" + "\n".join(err.strip().splitlines()[-15:]))
        return [out for out, _ in printed]
    finally:  # kill leaves a finished process alone
        for proc in procs:
            proc.kill()
            proc.wait()
        for log in (log for pair in logs for log in pair):
            log.close()


def installed_backends() -> list:
    """The Keras backends whose package can be imported here, e.g. ``kt.installed_backends() == ['tensorflow', 'jax']``."""
    return [b for b in BACKENDS if importlib.util.find_spec(b) is not None]


class BackendRuns(dict):
    """``{backend: what its process printed}``; ``skipped`` maps each other backend to why it did not run."""

    def __init__(self, printed: dict, skipped: dict):
        super().__init__(printed)
        self.skipped = skipped

    def __repr__(self):  # also what str() and IPython show
        ran = [(b, f"ran: {out.strip().splitlines()[-1] if out.strip() else '(printed nothing)'}") for b, out in self.items()]
        return repr(Table(ran + list(self.skipped.items())))


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
    ran = [b for b in backends if b not in skipped]
    printed = run_together([[sys.executable, "-c", script]] * len(ran), [os.environ | {"KERAS_BACKEND": b} for b in ran],
                           cwd, timeout, names=[f"The {b} process" for b in ran])
    return BackendRuns(dict(zip(ran, printed)), skipped)
