"""Execute every chapter under other backends, as a reader does by changing one line (`make backends-check`).

    .venv/bin/python scripts/backends_check.py [--backends jax,torch] [chapter.ipynb ...]

Each chapter's setup cell says ``os.environ["KERAS_BACKEND"] = "tensorflow"  # or "jax" or "torch"``.
For each chapter (all of chapters/, or those named) and each backend, this script copies the
notebook in memory, rewrites that one line, executes the copy from the top with nbclient in a
temporary folder (offline, with a fresh Keras cache) and checks that Keras ran on that backend.
The stored notebooks are never written. It prints one line per chapter and backend (ok or FAIL,
seconds, and the first error) and exits with 1 if any chapter failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
SETUP_LINE = re.compile(r'^os\.environ\["KERAS_BACKEND"\] = "tensorflow"', re.MULTILINE)
# The backend Keras ran on, and the CPU seconds the kernel and the processes it waited for used
# (a fairer measure than the wall time on a busy machine).
PROBE = """import json, keras, resource
cpu = sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
print("BACKENDS-CHECK " + json.dumps([keras.backend.backend(), cpu]))"""
SLOW_S = 180  # the time a chapter should stay under on JAX and PyTorch (printed, not failed: timings vary)


def on_backend(path: Path, backend: str) -> nbformat.NotebookNode:
    """The chapter with its setup cell's backend line set to ``backend``, and a probe cell at the end."""
    nb = nbformat.read(path, as_version=4)
    hits = [cell for cell in nb.cells if cell.cell_type == "code" and SETUP_LINE.search(cell.source)]
    if len(hits) != 1:
        raise ValueError(f"{path.name}: expected one setup cell with {SETUP_LINE.pattern!r}, found {len(hits)}")
    hits[0].source = SETUP_LINE.sub(f'os.environ["KERAS_BACKEND"] = "{backend}"', hits[0].source)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    return nb


def first_error(nb) -> str:
    """The failing cell's number and first line, and the error's name and message."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return f"cell {index} ({line[:50]!r}): {output['ename']}: {output['evalue'][:300]}"
    return "no error output"


def slowest(nb, count: int) -> str:
    """The ``count`` slowest cells, as "cell N: S s" (nbclient records when each cell started and ended)."""
    times = []
    for index, cell in enumerate(nb.cells):
        timing = cell.metadata.get("execution", {})
        if "iopub.status.busy" in timing and "iopub.status.idle" in timing:
            took = datetime.fromisoformat(timing["iopub.status.idle"]) - datetime.fromisoformat(timing["iopub.status.busy"])
            times.append((took.total_seconds(), index))
    return ", ".join(f"cell {index}: {took:.0f} s" for took, index in sorted(times, reverse=True)[:count])


def execute(path: Path, backend: str, timeout: int, count: int = 0) -> tuple[bool, str]:
    """Run one chapter on one backend in a temporary folder with its own Keras cache: (ok, what happened)."""
    try:
        nb = on_backend(path, backend)
    except ValueError as error:
        return False, str(error)
    with tempfile.TemporaryDirectory(prefix=f"kerastour-{backend}-") as tmp:
        os.environ["KERAS_HOME"] = str(Path(tmp) / "keras-home")
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": tmp}})
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up warnings
        except CellExecutionError:
            return False, first_error(nb)
        except (CellTimeoutError, DeadKernelError, AssertionError) as error:  # nbclient may assert while cleaning up
            started = [i for i, cell in enumerate(nb.cells) if "iopub.status.busy" in cell.metadata.get("execution", {})]
            return False, f"{type(error).__name__} in cell {started[-1] if started else '?'} (past --timeout, or the kernel died)"
    probe = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    ran_on, cpu = json.loads(probe.split("BACKENDS-CHECK ", 1)[1]) if "BACKENDS-CHECK " in probe else (None, 0)
    if ran_on != backend:
        return False, f"Keras ran on {ran_on!r}, not {backend!r}"
    return True, f"{cpu:.0f} s of CPU" + (f"; slowest: {slowest(nb, count)}" if count else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapters", nargs="*", help="notebooks to run (default: every one in chapters/)")
    parser.add_argument("--backends", default="jax,torch", help="comma-separated (default: jax,torch)")
    parser.add_argument("--slowest", type=int, default=0, help="also print the N slowest cells of each run")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = parser.parse_args()
    os.environ["KERASTOUR_OFFLINE"] = "1"  # never try a download
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # PyTorch's OpenMP threads spin while they wait; on a machine whose cores are busy with other
    # work that made PyTorch's chapters up to ten times slower. Waiting threads yield instead.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    paths = [Path(name).resolve() for name in args.chapters] or sorted((ROOT / "chapters").glob("*.ipynb"))
    failed = 0
    print(f"{'chapter':26} {'backend':8} {'result':6} {'seconds':>7}", flush=True)
    for path in paths:
        for backend in args.backends.split(","):
            start = time.perf_counter()
            ok, what = execute(path, backend, args.timeout, args.slowest)
            took = time.perf_counter() - start
            failed += not ok
            note = "; ".join(filter(None, [f"over {SLOW_S} s" if took > SLOW_S else "", what]))
            print(f"{path.name:26} {backend:8} {'ok' if ok else 'FAIL':6} {took:7.0f}  {note}", flush=True)
    print("Backends check: " + ("passed" if not failed else f"FAILED ({failed} of {len(paths) * len(args.backends.split(','))})"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
