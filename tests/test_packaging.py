"""The package as Colab and other non-editable installs get it: a wheel with the data inside."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    """The file names in a wheel built from a clean copy of the package (no stale build/ folder)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "kerastour_helpers", source / "kerastour_helpers", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("kerastour_helpers-*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


@pytest.mark.slow
def test_wheel_carries_every_module(wheel_names):
    """Colab installs a wheel: a subpackage left out of it (no __init__.py) fails only there."""
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kerastour_helpers").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules - wheel_names == set(), "not in the wheel (a folder without __init__.py?)"


def test_wheel_carries_every_shipped_data_file(wheel_names):
    names = wheel_names
    sums = (ROOT / "kerastour_helpers" / "data" / "SHA256SUMS").read_text().split("\n")
    shipped = {"kerastour_helpers/data/" + line.split(maxsplit=1)[1].strip().removeprefix("./") for line in sums if line}
    assert shipped <= names, sorted(shipped - names)[:5]
    assert "kerastour_helpers/data/PROVENANCE.md" in names


# Imported only inside a probe or a feature that says what to install when missing.
OPTIONAL = {"tensorflow", "jax", "torch", "tensorboard"}
DISTRIBUTION = {"PIL": "pillow", "sklearn": "scikit-learn", "IPython": "ipython"}


def test_pyproject_declares_every_third_party_import():
    import ast
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in declared}
    imported = set()
    for path in (ROOT / "kerastour_helpers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m not in ("kerastour_helpers", "__future__")}
    missing = {DISTRIBUTION.get(m, m).lower() for m in third_party - OPTIONAL} - names
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_every_public_function_has_a_docstring_with_an_example():
    import inspect

    import kerastour_helpers as kt

    missing = [name for name in kt.__all__ if inspect.isfunction(getattr(kt, name))
               and not any(mark in (getattr(kt, name).__doc__ or "") for mark in ("Example", "``", ">>>"))]
    assert not missing, f"public functions without an example in their docstring: {missing}"
