"""The training chapter's distribution script, run as the book runs it: 8 simulated CPU devices.

The script is taken from the chapter's ``%%writefile`` cell, so the test runs exactly the code
the reader sees. It must shard what its LayoutMap says (a key that matches no variable path
leaves the weight replicated, silently), and the distributed losses must equal the one-device
losses: the same training, up to the order of float32 sums (tolerance: 1e-5 relative).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import kerastour_helpers as kt

CHAPTER = Path(__file__).resolve().parents[1] / "chapters" / "training.ipynb"
RTOL = 1e-5


def chapter_script() -> str:
    """The source of the chapter's ``%%writefile`` cell that sets up the 8 devices."""
    cells = json.loads(CHAPTER.read_text())["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    scripts = [s for s in sources if s.startswith("%%writefile") and "xla_force_host_platform_device_count=8" in s]
    assert len(scripts) == 1, f"expected one %%writefile cell with the 8-device script in {CHAPTER.name}"
    return scripts[0].split("\n", 1)[1]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("distribution")
    script, data, out = folder / "distributed_mnist.py", folder / "digits.npz", folder / "results.json"
    script.write_text(chapter_script())
    (x_train, y_train), _ = kt.load_dataset("mnist")
    np.savez(data, x=x_train[:4096], y=y_train[:4096])
    env = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "KERAS_BACKEND")}
    run = subprocess.run(
        [sys.executable, str(script), str(data), str(out)], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(out.read_text()), run.stdout


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
