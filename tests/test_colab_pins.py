"""colab/pins.txt: Colab's versions, refreshed from Colab's published pip freeze by colab/pins.py."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINS = ROOT / "colab" / "pins.txt"
# Colab's published runtime, as copied beside the repository (googlecolab/backend-info).
PUBLISHED = ROOT.parent / "shared" / "colab"

spec = importlib.util.spec_from_file_location("colab_pins", ROOT / "colab" / "pins.py")
pins = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pins)

FREEZE = """# a comment
keras==3.99.0
tensorflow==2.99.1
Jupyter_Client==9.0.0
torch @ https://example.org/torch.whl
scipy==1.99.0
"""
PINNED = """# header
# python: 3.12
keras==3.13.2
tensorflow-cpu==2.20.0  # colab: tensorflow (the CPU wheel)
jupyter-client==7.4.9
not-on-colab==1.0
"""


def test_refresh_takes_every_version_from_the_freeze_and_keeps_the_rest():
    text, missing = pins.refresh(PINNED, pins.read_freeze(FREEZE))
    assert pins.read_pins(text) == {"keras": "3.99.0", "tensorflow-cpu": "2.99.1", "jupyter-client": "9.0.0", "not-on-colab": "1.0"}
    assert "tensorflow-cpu==2.99.1  # colab: tensorflow (the CPU wheel)" in text.splitlines()
    assert missing == ["not-on-colab"]
    assert text.splitlines()[:2] == PINNED.splitlines()[:2]


def test_dependencies_are_pinned_at_colabs_version_once():
    installed = {"keras": "3.13.2", "scipy": "1.18.1", "jedi": "0.20.1", "tensorflow-cpu": "2.20.0"}
    text = pins.with_dependencies(PINNED, pins.read_freeze(FREEZE), installed)
    added = {k: v for k, v in pins.read_pins(text).items() if k not in pins.read_pins(PINNED)}
    assert added == {"scipy": "1.99.0"}  # jedi: Colab has none; keras and tensorflow-cpu: pinned already
    assert pins.with_dependencies(text, pins.read_freeze(FREEZE), installed) == text


def test_header_names_the_source_and_python():
    text = "# commit abc (2026-01-01).\n# python: 3.12\n"
    new = pins.set_header(text, "def", "2026-02-02", "3.13")
    assert new == "# commit def (2026-02-02).\n# python: 3.13\n"


def test_the_pins_file_names_its_source_and_python():
    text = PINS.read_text()
    assert re.search(r"googlecolab/backend-info", text)
    assert re.search(r"commit [0-9a-f]{40} \(\d{4}-\d{2}-\d{2}\)", text)
    assert re.search(r"^# python: 3\.\d+$", text, re.M)
    for name in ("keras", "tensorflow-cpu", "ipywidgets", "numpy", "jax"):
        assert name in pins.read_pins(text), f"colab/pins.txt does not pin {name}"


@pytest.mark.skipif(not (PUBLISHED / "pip-freeze.txt").is_file(), reason="Colab's published freeze is not beside the repository")
def test_the_pins_are_colabs_published_versions():
    """Every pin is the version in Colab's published freeze (its Python too): refreshing changes nothing."""
    freeze = pins.read_freeze((PUBLISHED / "pip-freeze.txt").read_text())
    text = PINS.read_text()
    refreshed, missing = pins.refresh(text, freeze)
    assert not missing, f"pinned but not on Colab: {missing}"
    assert refreshed == text, "colab/pins.txt differs from Colab's freeze: run colab/pins.py (see its header)"
    assert f"# python: {pins.python_of(PUBLISHED / 'os-info.txt')}\n" in text
    commit = re.search(r"commit ([0-9a-f]{40})", (PUBLISHED / "README.md").read_text())
    if commit:
        assert commit.group(1) in text, "colab/pins.txt names another backend-info commit than the copy beside it"


def load_check():
    """colab/check.py as a module (it imports nbformat and nbclient, which the test venv has)."""
    check_spec = importlib.util.spec_from_file_location("colab_check", ROOT / "colab" / "check.py")
    module = importlib.util.module_from_spec(check_spec)
    check_spec.loader.exec_module(module)
    return module


def test_the_colab_check_compares_checked_outputs_as_nbval_does():
    """The Colab check is make test's one execution of the chapters: a tagged cell whose output
    changed fails it; version numbers (Colab's are not requirements.txt's) and untagged cells do not."""
    import nbformat

    check = load_check()
    stored = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("a", metadata={"tags": [check.CHECKED]}),
                                             nbformat.v4.new_code_cell("b")])
    stored.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="keras 3.15.1\naccuracy 0.91\n")]
    expected = {0: check.output_text(stored.cells[0])}
    ran = nbformat.from_dict(stored)
    ran.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="keras 3.13.2\naccuracy 0.91\n")]
    ran.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="anything\n")]
    assert check.differences(expected, ran) == []
    ran.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="keras 3.13.2\naccuracy 0.87\n")]
    assert check.differences(expected, ran) == ["cell 0: stored 'accuracy 0.91', got 'accuracy 0.87'"]


def test_a_cell_the_page_says_differs_on_colab_must_differ():
    """Tagged colab-output-differs: the page explains that Colab's Keras prints something else there;
    the same output on Colab means the page's sentence is out of date."""
    import nbformat

    check = load_check()
    cell = nbformat.v4.new_code_cell("a", metadata={"tags": [check.CHECKED, check.DIFFERS]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden/kernel replicated\n")]
    ran = nbformat.v4.new_notebook(cells=[cell])
    expected = {0: check.output_text(cell)}
    (found,) = check.differences(expected, ran)
    assert found.startswith("cell 0: the same output as stored, though tagged colab-output-differs")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden/kernel (None, 'model')\n")]
    assert check.differences(expected, ran) == []
