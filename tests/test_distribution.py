"""The training chapter's distribution scripts, run as the book runs them: 8 simulated CPU devices
in one process, then two processes of 2 devices each, as two machines.

The scripts are taken from the chapter's ``%%writefile`` cells, so the tests run exactly the code
the reader sees. They must shard what their LayoutMap says (a key that matches no variable path
leaves the weight replicated, silently), and the distributed losses must equal the one-device
losses: the same training, up to the order of float32 sums (tolerance: 1e-5 relative). The two
processes must each read their own half of every batch, and report the same losses.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import kerastour_helpers as kt

CHAPTER = Path(__file__).resolve().parents[1] / "chapters" / "training.ipynb"
RTOL = 1e-5


def chapter_script(sign: str = "xla_force_host_platform_device_count=8") -> str:
    """The source of the chapter's ``%%writefile`` cell whose script contains ``sign`` (by default, the
    one that sets up 8 devices)."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    scripts = [s for s in sources if s.startswith("%%writefile") and sign in s]
    assert len(scripts) == 1, f"expected one %%writefile cell with {sign!r} in {CHAPTER.name}"
    return scripts[0].split("\n", 1)[1]


ENV = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "KERAS_BACKEND")}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A folder with the digits both scripts train on: 16 batches of 256."""
    folder = tmp_path_factory.mktemp("distribution")
    (x_train, y_train), _ = kt.load_dataset("mnist")
    np.savez(folder / "digits.npz", x=x_train[:4096], y=y_train[:4096])
    return folder


@pytest.fixture(scope="module")
def results(folder, once_per_run):
    def run_script():
        script, out = folder / "distributed_mnist.py", folder / "results.json"
        script.write_text(chapter_script())
        run = subprocess.run(
            [sys.executable, str(script), str(folder / "digits.npz"), str(out)],
            env=ENV, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        return json.loads(out.read_text()), run.stdout

    return once_per_run("distribution-results", run_script)


@pytest.fixture(scope="module")
def two_processes(folder, once_per_run):
    """The chapter's two-process script, started twice as the chapter starts it; what each wrote and printed."""
    def run_both():
        script = folder / "two_processes.py"
        script.write_text(chapter_script("jax_cpu_collectives_implementation"))
        with socket.socket() as probe:
            probe.bind(("", 0))
            port = probe.getsockname()[1]
        commands = [[sys.executable, str(script), str(folder / "digits.npz"), str(folder / f"process{i}.json"),
                     f"127.0.0.1:{port}", "2", str(i)] for i in range(2)]
        printed = kt.run_together(commands, envs=[ENV, ENV], timeout=600, port=port)
        return [json.loads((folder / f"process{i}.json").read_text()) for i in range(2)], printed

    return once_per_run("distribution-two-processes", run_both)


@pytest.mark.slow
def test_eight_simulated_devices(results):
    found, stdout = results
    assert len(found["devices"]) == 8 and all(d.startswith("cpu:") for d in found["devices"])
    assert "8 devices" in stdout


@pytest.mark.slow
def test_layout_map_shards_the_weights(results):
    shardings = results[0]["shardings"]
    sharded = {path for path, s in shardings.items() if "'model'" in s["spec"]}
    assert sharded, f"nothing was sharded: every weight replicated ({shardings})"
    # The hidden layer is split over the 4 devices of the mesh's "model" axis ...
    hidden = shardings["mlp/hidden/kernel"]
    assert hidden["spec"] == "P(None, 'model')"
    assert hidden["local"] == [hidden["shape"][0], hidden["shape"][1] // 4]
    assert shardings["mlp/hidden/bias"]["local"] == [shardings["mlp/hidden/bias"]["shape"][0] // 4]
    out = shardings["mlp/output/kernel"]
    assert out["spec"] == "P('model', None)" and out["local"] == [out["shape"][0] // 4, out["shape"][1]]
    # ... the output bias matches no key and stays whole on every device ...
    assert "'model'" not in shardings["mlp/output/bias"]["spec"]
    assert shardings["mlp/output/bias"]["local"] == shardings["mlp/output/bias"]["shape"]
    # ... and Adam's moments follow the kernel they belong to.
    moments = [s for path, s in shardings.items() if "hidden_kernel" in path and not path.startswith("mlp/")]
    assert len(moments) == 2 and all(m["spec"] == hidden["spec"] and m["local"] == hidden["local"] for m in moments)


@pytest.mark.slow
def test_distributed_loss_equals_single_device_loss(results):
    losses = results[0]["losses"]
    single = np.array(losses["one device"])
    assert len(single) == 3 and np.all(np.isfinite(single)) and single[-1] < single[0]
    for name in ("DataParallel", "ModelParallel"):
        np.testing.assert_allclose(losses[name], single, rtol=RTOL, err_msg=name)


@pytest.mark.slow
def test_two_processes_share_four_devices_two_each(two_processes):
    found, printed = two_processes
    devices = found[0]["devices"]
    assert len(devices) == 4 and found[1]["devices"] == devices
    assert [p["process"] for p in found] == [0, 1]
    assert sorted(found[0]["local"] + found[1]["local"]) == sorted(devices) and len(found[0]["local"]) == 2
    for i, output in enumerate(printed):
        assert f"process {i} of 2" in output


@pytest.mark.slow
def test_each_process_reads_its_own_half_of_every_batch(two_processes):
    found, _ = two_processes
    rows = [p["rows"] for p in found]
    assert len(rows[0]) == len(rows[1]) == 16  # the 16 global batches of 256, each split in two
    for batch, (first, second) in enumerate(zip(*rows)):
        assert len(first) == len(second) == 128
        assert not set(first) & set(second), f"batch {batch}: both processes read the same rows"
        assert sorted(first + second) == list(range(256 * batch, 256 * (batch + 1)))
    assert rows[0][0][0] == 0 and rows[1][0][0] == 128


@pytest.mark.slow
def test_two_processes_train_as_one(two_processes, results):
    found, _ = two_processes
    single = np.array(results[0]["losses"]["one device"])
    assert np.all(np.isfinite(single)) and single[-1] < single[0]
    for name in ("DataParallel", "ModelParallel"):
        # the loss is the whole global batch's, so both processes report the very same numbers ...
        np.testing.assert_array_equal(found[0][name]["losses"], found[1][name]["losses"], err_msg=name)
        # ... and they are the one-process run's
        np.testing.assert_allclose(found[0][name]["losses"], single, rtol=RTOL, err_msg=name)
        assert found[0][name]["steps"] == 3 * 16, f"{name}: some batches were not trained on"


@pytest.mark.slow
def test_keras_refuses_numpy_and_warns_on_its_own_split(two_processes):
    seen = two_processes[0][0]
    assert "must be provided as a `tf.data.Dataset`" in seen["numpy"] and "auto_shard_dataset = False" in seen["numpy"]
    assert seen["batches"] == -2  # tf.data.UNKNOWN_CARDINALITY: Keras cannot know the epoch's length ...
    assert seen["DataParallel"]["warnings"] and set(seen["DataParallel"]["warnings"]) == {"Your input ran out of data"}
    assert seen["ModelParallel"]["warnings"] == []  # ... but it knows the length of NumPy rows


@pytest.mark.slow
def test_the_layout_map_splits_the_weights_inside_each_process(two_processes):
    shardings = two_processes[0][0]["shardings"]
    hidden = shardings["mlp/hidden/kernel"]
    assert hidden["spec"] == "P(None, 'model')"
    pieces = {device: (process, piece) for device, process, piece in hidden["pieces"]}
    assert len(pieces) == 4
    for process in (0, 1):  # each process holds both halves of the 256 units, one on each of its devices
        halves = sorted(piece[1] for p, piece in pieces.values() if p == process)
        assert halves == [[0, 128], [128, 256]]
    bias = shardings["mlp/output/bias"]  # matches no key: every device holds all of it
    assert "'model'" not in bias["spec"] and all(piece == [[0, 10]] for _, _, piece in bias["pieces"])
