"""Run the chapter's models under TensorFlow, JAX and PyTorch, and compare what they give.

Keras reads ``KERAS_BACKEND`` once, when it is imported, so each backend runs in
a fresh Python process: ``python -m kerastour_helpers.crossbackend`` builds the
models named on its command line and prints one JSON report. For each model the
report holds its parameter count, its outputs for fixed weights and inputs (the
weights come from NumPy, so they are identical on every backend), its loss on a
slice of real data before and after a short training run, and how long that took.

``compare_backends`` starts one such process per backend and lines the reports up.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import subprocess
import sys
import time

BACKENDS = ("tensorflow", "jax", "torch")
INSTALL_HINT = {"tensorflow": "pip install tensorflow", "jax": "pip install jax", "torch": "pip install torch"}


class BackendRunError(RuntimeError):
    """A backend's process failed; the message holds the end of its error output."""


# --- Inside the backend's own process ------------------------------------------------


def probe_model(name: str, n_train: int = 512, epochs: int = 2, batch_size: int = 64, seed: int = 0) -> dict:
    """Measure one model on the active backend (see the module docstring)."""
    import keras
    import numpy as np

    from . import architectures as arch

    keras.utils.set_random_seed(seed)
    model = arch.build_model(name)
    arch.set_deterministic_weights(model, seed=seed)
    outputs = np.asarray(model.predict(arch.probe_inputs(name), verbose=0), dtype="float64")

    (x_train, y_train), _ = _data(name)
    x, y = x_train[:n_train], y_train[:n_train]
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    found = {
        "params": int(model.count_params()),
        "outputs": outputs.tolist(),
        "loss_before": float(model.evaluate(x, y, batch_size=batch_size, verbose=0)),
    }
    if epochs:  # epochs=0: compare the untrained model only
        start = time.perf_counter()
        history = model.fit(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0)
        found["fit_seconds"] = time.perf_counter() - start
        found["epoch_losses"] = [float(v) for v in history.history["loss"]]
        found["loss_after"] = float(model.evaluate(x, y, batch_size=batch_size, verbose=0))
    return found


_DATA_CACHE = {}


def _data(name):
    """The model's real data, loaded once per dataset in this process (warnings muted)."""
    import warnings

    from . import architectures as arch

    key = (arch.model_spec(name).dataset, arch.model_spec(name).inputs)
    if key not in _DATA_CACHE:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _DATA_CACHE[key] = arch.load_model_data(name)[0]
    return _DATA_CACHE[key]


def time_training(name: str, epochs: int = 3, batch_size: int = 128, seed: int = 0) -> dict:
    """Seconds per epoch of ``fit`` on the model's training data (the first epoch includes compiling)."""
    import keras

    from . import architectures as arch

    keras.utils.set_random_seed(seed)
    (x_train, y_train), _ = _data(name)
    model = arch.build_model(name)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=batch_size, epochs=1, verbose=0)
        times.append(time.perf_counter() - start)
    return {"samples": int(len(x_train)), "batch_size": batch_size, "epoch_seconds": times}


def report(models, mode: str = "probe", **options) -> dict:
    """The JSON-ready report of this process: backend, versions, devices, and one entry per model."""
    import keras

    from .runtime import environment

    env = environment()
    measure = {"probe": probe_model, "time": time_training}[mode]
    return {
        "backend": keras.backend.backend(),
        "keras": keras.__version__,
        "backend_version": env.backend_version,
        "devices": [name for _, name in env.devices],
        "gpu": env.gpu,
        "models": {name: measure(name, **options) for name in models},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--mode", choices=("probe", "time"), default="probe")
    parser.add_argument("--options", default="{}", help="JSON keyword arguments for the measurement")
    args = parser.parse_args(argv)
    result = report(args.models, args.mode, **json.loads(args.options))
    print("KERASTOUR-REPORT " + json.dumps(result))


# --- In the reader's process ---------------------------------------------------------


def _check_backends(backends):
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown:
        raise ValueError(f"Unknown backend(s) {', '.join(map(repr, unknown))}. Choose from: {', '.join(BACKENDS)}.")
    missing = [b for b in backends if importlib.util.find_spec(b) is None]
    if missing:
        fixes = "; ".join(INSTALL_HINT[b] for b in missing)
        raise BackendRunError(f"Backend(s) not installed: {', '.join(missing)}. Install with: {fixes}.")


def _command(models, mode, options):
    from . import architectures as arch

    for name in models:
        arch.model_spec(name)  # unknown names fail here, before any process starts
    return [sys.executable, "-m", __name__, *models, "--mode", mode, "--options", json.dumps(options)]


def _environment(backend):
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def _parse(backend, completed_stdout, stderr, returncode):
    for line in completed_stdout.splitlines():
        if line.startswith("KERASTOUR-REPORT "):
            return json.loads(line[len("KERASTOUR-REPORT ") :])
    tail = "\n".join(stderr.strip().splitlines()[-15:])
    raise BackendRunError(f"The {backend} process failed (exit code {returncode}). Its last output:\n{tail}")


def active_backend():
    """The backend of the Keras already imported in this process, or None if Keras is not imported."""
    keras = sys.modules.get("keras")
    return keras.backend.backend() if keras is not None else None


def warm_keras_cache(models):
    """Fill Keras's cache once, here, before several processes load the same files at the same time.

    Shipped byte-identical files (Reuters, Boston) are copied in; elsewhere, when
    downloads are allowed, the dataset is downloaded once.
    """
    from . import architectures as arch
    from . import datasets, files

    needed = {arch.model_spec(m).dataset: arch.model_spec(m).load_kwargs for m in models}
    for name, load_kwargs in sorted(needed.items()):
        info = datasets.dataset_info(name)
        if info.offline == "keras-files":
            datasets._install_shipped(info)
        elif not files.offline_mode():
            datasets.load_dataset(name, banner=False, **load_kwargs)


def run_under_backends(
    models, backends=BACKENDS, mode="probe", parallel=True, reuse_this_process=False, timeout=600, **options
) -> dict:
    """``{backend: report}``: each backend in its own fresh process (all at once when ``parallel``).

    With ``reuse_this_process``, the backend this process already runs is measured
    here instead of in a new process (a notebook saves a Keras start-up that way).
    """
    models = [models] if isinstance(models, str) else list(models)
    backends = tuple(backends)
    _check_backends(backends)
    command = _command(models, mode, options)
    warm_keras_cache(models)
    here = active_backend() if reuse_this_process else None
    results = {}
    if parallel:
        procs = {
            b: subprocess.Popen(command, env=_environment(b), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for b in backends
            if b != here
        }
        try:
            if here in backends:
                results[here] = report(models, mode, **options)
            for backend, proc in procs.items():
                out, err = proc.communicate(timeout=timeout)
                results[backend] = _parse(backend, out, err, proc.returncode)
        finally:  # on any error (or a timeout), stop the processes this call started
            for proc in procs.values():
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        results = {b: results[b] for b in backends}
    else:
        for backend in backends:
            if backend == here:
                results[backend] = report(models, mode, **options)
                continue
            done = subprocess.run(command, env=_environment(backend), capture_output=True, text=True, timeout=timeout)
            results[backend] = _parse(backend, done.stdout, done.stderr, done.returncode)
    return results


class BackendComparison:
    """The reports of several backends for the same models, side by side."""

    def __init__(self, reports: dict, reference: str | None = None):
        self.reports = reports
        self.reference = reference or next(iter(reports))

    @property
    def models(self):
        return list(self.reports[self.reference]["models"])

    def max_output_difference(self, name: str, backend: str) -> float:
        """The largest absolute difference between ``backend``'s outputs and the reference's."""
        import numpy as np

        ours = np.asarray(self.reports[backend]["models"][name]["outputs"])
        ref = np.asarray(self.reports[self.reference]["models"][name]["outputs"])
        return float(np.max(np.abs(ours - ref)))

    def rows(self):
        trained = any("loss_after" in r["models"][n] for r in self.reports.values() for n in self.models)
        for name in self.models:
            for backend, rep in self.reports.items():
                m = rep["models"][name]
                row = {
                    "model": name,
                    "backend": f"{backend} {rep['backend_version']}",
                    "parameters": f"{m['params']:,}",
                    f"max |output - {self.reference}|": f"{self.max_output_difference(name, backend):.1e}",
                    "loss": f"{m['loss_before']:.4f}",
                }
                if trained:  # the same columns in every row; "-" where a backend did not train
                    row["loss after training"] = f"{m['loss_after']:.4f}" if "loss_after" in m else "-"
                    row["fit time (s)"] = f"{m['fit_seconds']:.2f}" if "fit_seconds" in m else "-"
                yield row

    def __str__(self):
        rows = list(self.rows())
        keys = list(rows[0])
        widths = {k: max(len(k), *(len(r[k]) for r in rows)) for k in keys}
        lines = ["  ".join(k.ljust(widths[k]) for k in keys)]
        lines += ["  ".join(r[k].ljust(widths[k]) for k in keys) for r in rows]
        return "\n".join(lines)

    def _repr_html_(self):
        rows = list(self.rows())
        head = "".join(f"<th>{html.escape(k)}</th>" for k in rows[0])
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r.values()) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def compare_backends(models, backends=BACKENDS, reuse_this_process=True, **options) -> BackendComparison:
    """Run ``models`` under each backend and compare the reports (the first backend is the reference).

    Every backend but the one this process already runs gets a fresh process of
    its own. Example: ``kt.compare_backends(["cnn_gru"])`` shows, per backend, the
    parameter count, how far its outputs for the same weights are from
    TensorFlow's, and the loss before and after the same short training run
    (``epochs=0`` skips the training).
    """
    return BackendComparison(run_under_backends(models, backends, reuse_this_process=reuse_this_process, **options))


if __name__ == "__main__":
    main()
