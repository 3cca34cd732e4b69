"""Execute every chapter of the book (offline, as CI does) and print its wall time.

Usage: .venv/bin/python benchmarks/chapter_times.py [chapter.ipynb ...]
The whole book must execute in 6 minutes or less on the 2-core CI machine.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 6 * 60


def chapters():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]


def main(names):
    os.environ.setdefault("KERASTOUR_OFFLINE", "1")
    os.environ.setdefault("KERAS_HOME", tempfile.mkdtemp(prefix="kerastour-bench-"))
    paths = [ROOT / n for n in names] if names else [ROOT / (c + ".ipynb") for c in chapters()]
    total = 0.0
    print(f"{'chapter':32} {'seconds':>8}")
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        took = time.perf_counter() - start
        total += took
        print(f"{path.relative_to(ROOT).as_posix():32} {took:8.1f}", flush=True)
    print(f"{'total':32} {total:8.1f}  (budget {BUDGET_S} s: {'within' if total <= BUDGET_S else 'OVER'})")


if __name__ == "__main__":
    main(sys.argv[1:])
