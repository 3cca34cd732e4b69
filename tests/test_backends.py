"""kt.run_under_backends: one fresh process per Keras backend, and the chapter's models on all three;
kt.run_together: processes side by side, none left running after a failure, a timeout or an interrupt.

The fast tests fake the processes or run plain Python; the tests marked ``slow`` start
a Keras process per backend (JAX and PyTorch) and take tens of seconds.
"""

import importlib.util
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers.runtime import backends as kb

CHAPTER = Path(__file__).resolve().parents[1] / "chapters" / "architecture.ipynb"


class FakeProcess:
    """A stand-in for subprocess.Popen: what it prints, how it exits, whether it was killed. With a script
    that says "fail", the jax process fails at once and the others run until they are killed."""

    started = []

    def __init__(self, command, env=None, cwd=None, stdout=None, stderr=None, **kwargs):
        self.backend, self.cwd, self.killed = env["KERAS_BACKEND"], cwd, False
        self.returncode = (1 if self.backend == "jax" else None) if "fail" in command[-1] else 0
        if self.returncode == 1:
            stderr.write("Traceback (most recent call last):\nRuntimeError: boom in jax\n")
        elif self.returncode == 0:
            stdout.write(f"hello from {self.backend}\n")
        FakeProcess.started.append(self)

    def poll(self):
        return self.returncode

    def kill(self):  # as Popen.kill: a finished process is left alone
        if self.returncode is None:
            self.killed, self.returncode = True, -9

    def wait(self):
        return self.returncode


@pytest.fixture
def fake_processes(monkeypatch):
    FakeProcess.started = []
    monkeypatch.setattr(kb.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(kb, "installed_backends", lambda: list(kb.BACKENDS))
    return FakeProcess


def test_each_backend_gets_its_own_process_with_keras_backend_set(fake_processes, tmp_path):
    runs = kt.run_under_backends("print('hello')", skip="tensorflow", cwd=tmp_path)
    assert dict(runs) == {"jax": "hello from jax\n", "torch": "hello from torch\n"}
    assert [p.backend for p in fake_processes.started] == ["jax", "torch"]
    assert all(p.cwd == tmp_path for p in fake_processes.started)
    assert not any(p.killed for p in fake_processes.started)
    assert runs.skipped == {"tensorflow": "skipped: asked not to run it"}
    assert "jax         ran: hello from jax" in str(runs)


def test_missing_backends_say_how_to_install_them(monkeypatch, fake_processes):
    monkeypatch.setattr(kb, "installed_backends", lambda: ["tensorflow"])
    runs = kt.run_under_backends("print('hello')")
    assert list(runs) == ["tensorflow"]
    assert [b for b, why in runs.skipped.items() if why.startswith("not installed")] == ["jax", "torch"]
    assert "pip install jax" in runs.skipped["jax"] and "pip install torch" in str(runs)


def test_installed_backends_asks_python_what_can_be_imported(monkeypatch):
    monkeypatch.setattr(kb.importlib.util, "find_spec", lambda name: object() if name == "jax" else None)
    assert kt.installed_backends() == ["jax"]


def test_a_failing_process_is_reported_and_the_others_are_stopped(fake_processes):
    with pytest.raises(kb.BackendRunError, match="(?s)jax process failed.*exit code 1.*boom in jax"):
        kt.run_under_backends("fail()", backends=["jax", "torch"])
    torch = next(p for p in fake_processes.started if p.backend == "torch")
    assert torch.killed


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"backends": ["theano"]}, ValueError, "Choose one of: tensorflow, jax, torch"),
        ({"skip": "cntk"}, ValueError, "'cntk'"),
        ({"cwd": "/no/such/folder"}, FileNotFoundError, "not a folder"),
    ],
)
def test_bad_arguments_fail_before_any_process_starts(fake_processes, kwargs, error, message):
    with pytest.raises(error, match=message):
        kt.run_under_backends("print(1)", **kwargs)
    assert fake_processes.started == []


def test_the_script_must_be_source_text(fake_processes):
    with pytest.raises(TypeError, match="Python source text"):
        kt.run_under_backends(lambda: None)
    with pytest.raises(TypeError):
        kt.run_under_backends("   ")


def test_real_processes_see_their_backend_and_folder(tmp_path):
    # Plain Python, no Keras: fast. Each process writes where it started and what KERAS_BACKEND says.
    script = "import os, pathlib; print(os.environ['KERAS_BACKEND'], pathlib.Path.cwd().name)"
    installed = kt.installed_backends()
    runs = kt.run_under_backends(script, cwd=tmp_path)
    assert {b: out.split() for b, out in runs.items()} == {b: [b, tmp_path.name] for b in installed}


def test_a_real_failure_carries_the_end_of_the_error_output():
    backend = kt.installed_backends()[0]
    with pytest.raises(kb.BackendRunError, match="ZeroDivisionError"):
        kt.run_under_backends("1 / 0", backends=[backend])


# --- kt.run_together: processes side by side, none left behind (real processes, plain Python) ---


SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@pytest.fixture
def started(monkeypatch):
    """Every real process run_together starts, to check afterwards that none is left running."""
    procs, real_popen = [], subprocess.Popen

    def record(*args, **kwargs):
        procs.append(real_popen(*args, **kwargs))
        return procs[-1]

    monkeypatch.setattr(kb.subprocess, "Popen", record)
    return procs


def stopped(procs) -> bool:
    return bool(procs) and all(proc.returncode is not None for proc in procs)  # set once reaped


def test_run_together_returns_what_each_printed_in_order():
    commands = [[sys.executable, "-c", f"import sys; print('out {i}'); print('noise', file=sys.stderr)"] for i in range(3)]
    assert kt.run_together(commands) == ["out 0\n", "out 1\n", "out 2\n"]


def test_a_failure_stops_the_others_at_once_and_is_named(started):
    start = time.monotonic()
    fails = [sys.executable, "-c", "raise SystemExit('no peer')"]
    with pytest.raises(kb.BackendRunError, match="(?s)process 1 failed \\(exit code 1\\).*no peer"):
        kt.run_together([SLEEPER, fails])
    assert time.monotonic() - start < 30, "it waited for the sleeper instead of stopping it"
    assert stopped(started) and started[0].returncode == -signal.SIGKILL


def test_a_timeout_stops_every_process(started):
    with pytest.raises(kb.BackendRunError, match="longer than 1 s"):
        kt.run_together([SLEEPER, SLEEPER], timeout=1)
    assert len(started) == 2 and stopped(started)


def test_an_interrupt_stops_every_process(started, monkeypatch):
    def interrupt(seconds):  # Jupyter's interrupt, as Python sees it: a KeyboardInterrupt while waiting
        raise KeyboardInterrupt

    monkeypatch.setattr(kb.time, "sleep", interrupt)
    with pytest.raises(KeyboardInterrupt):
        kt.run_together([SLEEPER, SLEEPER])
    monkeypatch.undo()
    assert len(started) == 2 and stopped(started)


def test_a_port_in_use_is_refused_before_anything_starts(started):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(kb.BackendRunError, match=f"Port {port} is in use on this machine.*choose another"):
            kt.run_together([SLEEPER], port=port)
    assert started == []


def test_a_port_taken_meanwhile_is_named():
    """What JAX 0.10.2's coordinator prints when another program took its port first (it sometimes
    crashes instead, with nothing printed: then the message is the exit code alone)."""
    jax_says = "jax.errors.JaxRuntimeError: UNKNOWN: Failed to start RPC server"
    command = [sys.executable, "-c", f"import sys; sys.exit({jax_says!r})"]
    with pytest.raises(kb.BackendRunError, match="(?s)process 0 failed.*Its port was taken: choose another.*RPC server"):
        kt.run_together([command])


# --- The chapter's models, saved here and loaded under the other backends (slow) -------------


def chapter_model_code() -> str:
    """The source of the architecture chapter's cells tagged ``model-code`` (the models on the page)."""
    notebook = json.loads(CHAPTER.read_text())
    cells = [c for c in notebook["cells"] if "model-code" in c.get("metadata", {}).get("tags", [])]
    assert cells, "the architecture chapter tags the cells that define its models 'model-code'"
    return "\n\n".join("".join(c["source"]) for c in cells)


OTHERS = [b for b in ("jax", "torch") if importlib.util.find_spec(b) is not None]


@pytest.mark.slow
@pytest.mark.skipif(not OTHERS, reason="needs JAX or PyTorch besides TensorFlow: pip install -r requirements-test.txt")
def test_the_chapters_models_give_the_same_outputs_on_every_backend(tmp_path):
    import keras

    namespace = {"keras": keras, "np": np}
    exec(chapter_model_code(), namespace)
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(8, 28, 28, 1)).astype("float32")
    newswires = rng.integers(1, namespace["num_words"], size=(8, namespace["maxlen"])).astype("int32")
    models = {
        "convnet": (namespace["build_convnet"]((28, 28, 1), 10), images),
        "gru": (namespace["build_gru"](), newswires),
        "bag_of_words": (namespace["build_bag_of_words"](), namespace["multi_hot"](newswires)),
        "cnn_gru": (namespace["build_cnn_gru"](), newswires),
        "functional": (namespace["functional"], rng.random((8, 784), dtype="float32")),
    }
    here = {}
    for name, (model, x) in models.items():
        model.save(tmp_path / f"{name}.keras")
        np.save(tmp_path / f"{name}_x.npy", x)
        here[name] = model.predict(x, verbose=0)
    script = (
        "import keras, numpy as np\n"
        f"for name in {list(models)!r}:\n"
        "    model = keras.saving.load_model(f'{name}.keras')\n"
        "    np.save(f'{name}_{keras.backend.backend()}.npy', model.predict(np.load(f'{name}_x.npy'), verbose=0))\n"
        "print('done on', keras.backend.backend())\n"
    )
    runs = kt.run_under_backends(script, backends=OTHERS, cwd=tmp_path)
    # KERAS_BACKEND, set by run_under_backends before Keras is imported, decided each process's backend
    assert {b: out.strip() for b, out in runs.items()} == {b: f"done on {b}" for b in OTHERS}
    for backend in OTHERS:
        for name, expected in here.items():
            theirs = np.load(tmp_path / f"{name}_{backend}.npy")
            assert theirs.shape == expected.shape, (backend, name)
            np.testing.assert_allclose(theirs, expected, atol=1e-5, err_msg=f"{name} on {backend}")


