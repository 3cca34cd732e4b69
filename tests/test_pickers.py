"""The generic picker, alone and in a real kernel (ipywidgets 8 here, 7.7.1 in `make colab-check`)."""

import json
import sys
from pathlib import Path

import pytest

import kerastour_helpers as kt


def test_picker_draws_the_default_then_redraws_on_change():
    drawn = []
    chosen = kt.picker(lambda dataset, size: drawn.append((dataset, size)) or [], dataset=["mnist", "cifar10"], size=[1, 2])
    assert drawn == [("mnist", 1)]  # the static output for the default choice
    chosen.controls["dataset"].value = "cifar10"
    assert drawn[-1] == ("cifar10", 1)
    chosen.controls["size"].value = 2
    assert drawn[-1] == ("cifar10", 2)


def test_set_options_switches_to_the_new_first_option():
    drawn = []
    chosen = kt.picker(lambda name, cls: drawn.append((name, cls)) or [], name=["a", "b"], cls=["x", "y"])
    chosen.set_options("cls", ["p", "q"])
    assert chosen.selection == {"name": "a", "cls": "p"}


def test_picker_needs_options():
    with pytest.raises(ValueError, match="at least one choice"):
        kt.picker(print)
    with pytest.raises(ValueError, match=r"'dataset' needs a list of options"):
        kt.picker(print, dataset=[])


@pytest.mark.slow
def test_in_a_kernel_the_default_is_a_plain_output_and_a_change_redraws_inside_the_widget(tmp_path, monkeypatch):
    """As a notebook runs it (ipywidgets 7 on Colab, 8 here): what the HTML book and a reader see."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    import ipywidgets

    kernels = tmp_path / "kernels" / "this-python"
    kernels.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (kernels / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "this", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(Path(kt.__file__).parents[1]))  # the package these tests import
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets, kerastour_helpers as kt\n"
            "chosen = kt.picker(lambda name, size: [f'drawn {name} {size}'], name=['a', 'b'], size=[1, 2])\n"
            "chosen"
        ),
        nbformat.v4.new_code_cell("chosen.controls['name'].value = 'b'\nchosen.set_options('size', [3, 4])\nipywidgets.__version__"),
    ]
    nbclient.NotebookClient(nb, kernel_name="this-python", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()

    first = nb.cells[0].outputs
    assert [o["text"] for o in first if o["output_type"] == "stream"] == ["drawn a 1\n"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in first)
    second = nb.cells[1].outputs
    (result,) = [o for o in second if o["output_type"] == "execute_result"]
    assert result["data"]["text/plain"] == repr(ipywidgets.__version__)  # the kernel has the ipywidgets tested here
    assert not [o for o in second if o["output_type"] == "stream"], "a redraw printed into the cell, not into the picker"
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    (output,) = [m["state"] for m in state.values() if m["model_name"] == "OutputModel"]
    # Each change redraws into the widget's own output area, replacing what it showed (clear_output).
    assert [o["text"] for o in output["outputs"] if o["output_type"] == "stream"] == ["drawn b 3\n"]


@pytest.mark.slow
def test_in_the_book_every_option_is_rendered_once_and_switchable(monkeypatch):
    """KERASTOUR_BOOK=1 (make book): the static page carries each combination, the first one shown."""
    import html
    import re

    import matplotlib.pyplot as plt

    monkeypatch.setenv("KERASTOUR_BOOK", "1")
    drawn = []

    def render(dataset, cls):
        drawn.append((dataset, cls))
        fig, ax = plt.subplots()
        ax.set_title(f"{dataset} {cls}")
        plt.close(fig)
        print("printed", dataset)
        return [f"text {dataset}/{cls}", fig]

    follow = {"dataset": ("cls", lambda name: [f"{name}-{i}" for i in range(3 if name == "a" else 20)])}
    book = kt.picker(render, {"cls": "class"}, follow, dataset=["a", "b"], cls=["a-0", "a-1", "a-2"])
    from kerastour_helpers.widgets.pickers import BOOK_OPTIONS as cut
    assert drawn == [("a", f"a-{i}") for i in range(3)] + [("b", f"b-{i}") for i in range(cut)]
    page = book._repr_html_()
    choices = [json.loads(html.unescape(c)) for c in re.findall(r"data-choice='([^']*)'", page)]
    assert choices == [{"dataset": d, "cls": c} for d, c in drawn]
    assert page.count(" hidden ") == len(drawn) - 1  # only the first choice is visible without a click
    assert len(re.findall('<img src="data:image/(png|jpeg)', page)) == 1  # the others' load when chosen
    assert len(re.findall('<img data-src="data:image/(png|jpeg)', page)) == len(drawn) - 1
    assert 'alt="b b-4"' in page and "printed b" in page and "text a/a-2" in page
    assert f"{20 - cut} more class options" in page  # what the page leaves out is said
    first_class_menu = re.search(r'data-key="cls">(.*?)</select>', page).group(1)
    assert first_class_menu == "<option>a-0</option><option>a-1</option><option>a-2</option>"


def test_a_bare_string_is_not_a_list_of_options():
    with pytest.raises(ValueError, match=r"dataset=\['a', 'b'\]"):
        kt.picker(print, dataset="mnist")
