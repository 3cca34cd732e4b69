"""Run the book as a Colab reader gets it, and fail on any error (`make colab-check`).

Run with the Python of the venv built from Colab's pins (colab/make-venv.sh):

    .venv-colab/bin/python colab/check.py [chapters/name.ipynb ...]

1. Installs kerastour_helpers as the chapters' Colab cell does (``pip install
   "kerastour_helpers @ git+..."``, no upgrade of what is installed), from a clean copy of this
   working tree (the files git would commit), so a file the repository lacks is missing here too.
2. Fails if that install moved any pinned package, or if ``pip check`` finds a broken requirement.
3. Runs the package's unit tests (not the slow ones) and all the picker tests under Colab's versions.
4. Executes every chapter of ``_toc.yml`` (or those named), from that same copy, in a kernel of
   this venv, and compares each cell tagged ``nbval-check-output`` with its stored output, as nbval
   does (version numbers left out: the stored outputs come from requirements.txt's versions); prints
   each chapter's result and time, and saves the executed notebooks to _build/colab-check/. This is
   the one execution of the chapters in `make test`.

Offline by default (KERASTOUR_OFFLINE=1); set KERAS_HOME to a cache of the check's own.
COLAB_CHECK_CELL_TIMEOUT sets the limit per cell in seconds (default 600), COLAB_CHECK_JOBS the chapters
executed at once (default 2).
"""

from __future__ import annotations

import concurrent.futures
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
PINS = ROOT / "colab" / "pins.txt"
OUT = ROOT / "_build" / "colab-check"
KERNEL = "kerastour-colab"
# What the report prints first: the packages a chapter's result depends on.
SHOWN = ["keras", "tensorflow-cpu", "jax", "jaxlib", "torch", "numpy", "ipywidgets", "ipykernel", "ipython",
         "matplotlib", "pandas", "scikit-learn", "pillow", "pydot", "tensorboard", "kerastour_helpers"]
# Appended to each executed chapter: proves it ran in this venv, with the installed package.
PROBE = """import json, sys, keras, ipywidgets, kerastour_helpers
print("COLAB-CHECK " + json.dumps({"python": sys.executable, "keras": keras.__version__,
      "backend": keras.backend.backend(), "ipywidgets": ipywidgets.__version__,
      "kerastour_helpers": kerastour_helpers.__file__}))"""


def pins() -> dict[str, str]:
    """{name: version} of colab/pins.txt."""
    found = {}
    for line in PINS.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s#]+)", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def installed(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], text=True, capture_output=True, **kwargs)


def clean_copy(dest: Path) -> Path:
    """The files of this working tree that git would commit (tracked or new, not ignored)."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, check=True).stdout
    for relative in filter(None, listed.split("\0")):
        source = ROOT / relative
        if source.is_file():
            target = dest / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def install_helpers(source: Path) -> list[str]:
    """Install the package from ``source`` as the Colab cell does; the problems found, if any."""
    before = {name: installed(name) for name in pins()}
    run(sys.executable, "-m", "pip", "uninstall", "-y", "-q", "kerastour_helpers")
    done = run(sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
               "--upgrade-strategy", "only-if-needed", f"kerastour_helpers @ {source.as_uri()}")
    if done.returncode:
        return [f"pip install failed:\n{done.stdout}{done.stderr}"]
    moved = [name for name in before if installed(name) != before[name]]
    problems = [f"installing kerastour_helpers moved {name} from {before[name]} to {installed(name)}" for name in moved]
    problems += [f"{name} is {installed(name)}, colab/pins.txt says {version}"
                 for name, version in pins().items() if installed(name) != version and name not in moved]
    check = run(sys.executable, "-m", "pip", "check")
    if check.returncode:
        problems.append(f"pip check:\n{check.stdout}{check.stderr}")
    return problems


def unit_tests(tree: Path, *args) -> tuple[bool, str]:
    """pytest on ``tree``'s tests against the installed package (run from outside the source tree):
    (passed, its summary line plus one line per failure)."""
    done = run(sys.executable, "-m", "pytest", *args, "-q", "-rfE", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning",
               cwd=tree, env={**os.environ, "PYTHONPATH": "", "PYTHONSAFEPATH": "1",  # not the source copy
                              "KERAS_HOME": str(tree.parent / "keras-home-tests")})  # not the chapters'
    lines = (done.stdout + done.stderr).strip().splitlines()
    shown = [line for line in lines if line.startswith(("FAILED", "ERROR"))] + lines[-1:]
    return done.returncode == 0, "\n".join(line[:300] for line in shown)


def chapters(tree: Path) -> list[Path]:
    """Every notebook of ``tree``'s _toc.yml, in the book's order (Markdown pages have nothing to run)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    name = node[key].removesuffix(".ipynb")
                    if (tree / (name + ".ipynb")).is_file() or not (tree / (name + ".md")).is_file():
                        found.append(tree / (name + ".ipynb"))
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((tree / "_toc.yml").read_text()))
    return found


def notebook(name: str) -> str:
    """A chapter's path from the repository root, named so or by its file name in chapters/."""
    for path in (Path(name).resolve(), ROOT / "chapters" / name):
        if path.is_file() and path.is_relative_to(ROOT):
            return path.relative_to(ROOT).as_posix()
    raise SystemExit(f"No notebook {name!r} in this repository: give a path such as chapters/intro.ipynb.")


def kernel_spec(work: Path) -> None:
    """A kernel of this very Python, found before any other 'python3' on the machine."""
    folder = work / "jupyter" / "kernels" / KERNEL
    folder.mkdir(parents=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Colab pins", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec))
    os.environ["JUPYTER_PATH"] = str(work / "jupyter")


CHECKED = "nbval-check-output"
# A checked cell whose output the page says is different on Colab's Keras (training's LayoutMap: Keras
# 3.13 matched keys with re.search): it must differ here, so that the page's sentence stays true.
DIFFERS = "colab-output-differs"
VERSION = re.compile(r"\b\d+\.\d+\.\d+\b")


def output_text(cell) -> str:
    """What nbval compares in a cell: its streams and plain-text results, version numbers left out."""
    parts = [o.get("text", "") if o.get("output_type") == "stream" else o.get("data", {}).get("text/plain", "")
             for o in cell.get("outputs", [])]
    return VERSION.sub("<version>", "".join(parts))


def differences(stored: dict[int, str], nb) -> list[str]:
    """The checked cells whose output is not the stored one (cell number and first differing line),
    and those tagged DIFFERS whose output is the stored one."""
    found = []
    for index, expected in stored.items():
        got = output_text(nb.cells[index])
        if DIFFERS in nb.cells[index].metadata.get("tags", []):
            if got == expected:
                found.append(f"cell {index}: the same output as stored, though tagged {DIFFERS} (the page says "
                             "Colab's Keras differs there): update the page, then remove the tag")
        elif got != expected:
            pairs = zip(expected.splitlines() + [""], got.splitlines() + [""])
            old, new = next((a, b) for a, b in pairs if a != b)
            found.append(f"cell {index}: stored {old[:100]!r}, got {new[:100]!r}")
    return found


def execute(path: Path, timeout: int) -> tuple[bool, str]:
    """Execute one chapter; (ok, what happened). The executed notebook goes to _build/colab-check/."""
    nb = nbformat.read(path, as_version=4)
    stored = {i: output_text(c) for i, c in enumerate(nb.cells) if CHECKED in c.metadata.get("tags", [])}
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        return False, first_error(nb, error)
    finally:
        OUT.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, OUT / path.name)
    probe = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    facts = json.loads(probe.split("COLAB-CHECK ", 1)[1])
    if Path(facts["python"]).parent != Path(sys.executable).parent:
        return False, f"ran in {facts['python']}, not in this venv"
    if not Path(facts["kerastour_helpers"]).resolve().is_relative_to(Path(sys.prefix).resolve()):
        return False, f"imported kerastour_helpers from {facts['kerastour_helpers']}, not the installed package"
    changed = differences(stored, nb)
    if changed:
        return False, f"{len(changed)} checked output{'s' * (len(changed) > 1)} differ: " + "; ".join(changed)
    return True, f"keras {facts['keras']} on {facts['backend']}, ipywidgets {facts['ipywidgets']}"


def timed_execute(path: Path, timeout: int) -> tuple[bool, str, float]:
    """``execute`` in a worker process, with its wall time."""
    start = time.perf_counter()
    return *execute(path, timeout), time.perf_counter() - start


def first_error(nb, error) -> str:
    """The failing cell's number, first line, and the error's last line."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return f"cell {index} ({line[:60]!r}): {output['ename']}: {output['evalue'][:300]}"
    return f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"


def main(names: list[str]) -> int:
    os.environ.setdefault("KERASTOUR_OFFLINE", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's start-up note on Python 3.13
    os.environ.setdefault("KERAS_HOME", tempfile.mkdtemp(prefix="kerastour-colab-keras-"))
    timeout = int(os.environ.get("COLAB_CHECK_CELL_TIMEOUT", "600"))
    # It reinstalls kerastour_helpers: never in another environment (the book's own .venv, say).
    wrong = {name: installed(name) for name in ("keras", "ipywidgets") if installed(name) != pins()[name]}
    if wrong:
        raise SystemExit(f"{sys.executable} is not a venv with colab/pins.txt ({wrong}): run `make colab-check`.")
    named = [notebook(name) for name in names]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kerastour-colab-check-") as tmp:
        work = Path(tmp)
        # One snapshot of the tree for the install and the chapters alike (others may be editing it).
        tree = clean_copy(work / "kerastour")
        paths = [tree / name for name in named] or chapters(tree)
        start = time.perf_counter()
        problems = install_helpers(tree)
        print(f"Installed kerastour_helpers as the Colab cell does ({time.perf_counter() - start:.0f} s)")
        for problem in problems:
            print(f"  FAILED: {problem}")
        failed += bool(problems)

        print(f"Python {sys.version.split()[0]} ({sys.executable})")
        for name in SHOWN:
            print(f"  {name:18} {installed(name) or 'not installed'}")

        kernel_spec(work)
        jobs = int(os.environ.get("COLAB_CHECK_JOBS", "2"))  # kernels at once: one rarely keeps a core busy
        start = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            futures = [pool.submit(timed_execute, path, timeout) for path in paths]
            # While the first chapters run: the package's unit tests (the slow ones left out), then every
            # picker test, the one in a kernel included.
            for title, args in (("Unit tests", ("tests", "--ignore=tests/browser", "--ignore=tests/test_translations.py", "-m", "not slow")),
                                (f"Picker tests under ipywidgets {installed('ipywidgets')}", ("tests/test_pickers.py",))):
                tests_start = time.perf_counter()
                ok, output = unit_tests(tree, *args)
                print(f"{title}: {'passed' if ok else 'FAILED'} ({time.perf_counter() - tests_start:.0f} s)")
                print("  " + output.replace("\n", "\n  "), flush=True)
                failed += not ok
            print(f"Chapters (offline, KERAS_HOME={os.environ['KERAS_HOME']}, {timeout} s per cell, {jobs} at a time):")
            for path, future in zip(paths, futures):
                ok, what, took = future.result()
                failed += not ok
                print(f"  {path.relative_to(tree).as_posix():32} {'ok' if ok else 'FAILED':6} {took:6.0f} s  {what}", flush=True)
        print(f"  {'all chapters':32} {'':6} {time.perf_counter() - start:6.0f} s  (wall time; executed notebooks in {OUT.relative_to(ROOT)}/)")
    print("Colab check: " + ("passed" if not failed else f"FAILED ({failed} problem{'s' * (failed > 1)})"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
